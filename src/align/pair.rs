//! Aligning one document pair: the aligner the options and the inputs call for, and the
//! scores kept for each bead.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use std::borrow::Cow;

use super::similarity::{MtLevel, Signal, Spans, ENCODER_PARAMS, MT_SHAPES, PARAMS};
use super::{coarse, features, length::GaleChurch, Bead, BASELINE_SHAPES};
use crate::embeddings::{self, EmbeddingsOptions};
use crate::encoder::{Embedder, EncoderOptions};
use crate::error::Result;
use crate::metrics;

/// Which aligner to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// The sentence encoder (source against translation, and the MT against it) with
    /// the MT's character n-grams; the n-grams alone where the encoder is not installed,
    /// lengths alone where there is neither encoder nor MT.
    #[default]
    Auto,
    /// The MT's character n-grams alone: the fast path (lengths alone without MT).
    Ngram,
    /// Length-based (Gale-Church with number anchors), on MT lengths when there is MT.
    Length,
}

/// The align stage's settings.
#[derive(Debug, Clone, Default)]
pub struct AlignOptions {
    pub method: Method,
    /// Where the sentence encoder caches its embeddings.
    pub encoder: EncoderOptions,
    /// Sentence embeddings from an endpoint, folded into the n-gram signal.
    pub embeddings: Option<EmbeddingsOptions>,
}

/// How much each signal counts with MT (chosen once on the dev sets, for every language
/// pair; BENCHMARKS.md): the MT's n-grams against the translation's, and the encoder's
/// MT against the translation. The encoder's source against the translation, the
/// signal without MT, added 0.006 / 0.000 strict F1 beside these two on the dev sets,
/// for a third more sentences to embed; with MT it is left out.
const NGRAM_WEIGHT: f64 = 1.0;
const ENCODER_MT_WEIGHT: f64 = 2.0;

/// Scores kept for each bead.
#[derive(Debug, Clone, Serialize)]
pub struct BeadScores {
    /// The aligner's cost for the bead (lower is better).
    pub cost: f64,
    /// Cosine similarity of the MT and the translation's n-gram vectors (with MT only).
    pub similarity: Option<f64>,
    /// chrF (as sacrebleu computes it) of the translation against the MT (with MT only).
    pub chrf: Option<f64>,
    /// Target length over the length expected from the source (or its MT); 1 is typical.
    pub length_ratio: Option<f64>,
}

/// An alignment of the two sides: which aligner made it, its beads and their scores, and
/// the vectors of the MT and the translation it compared (MT-guided only).
pub struct Aligned {
    pub method: &'static str,
    pub beads: Vec<Bead>,
    pub scores: Vec<BeadScores>,
    pub vectors: Option<(features::Vectors, features::Vectors)>,
    /// The embeddings endpoint's URL and model, when one was used.
    pub embeddings: Option<(String, String)>,
    /// The time spent fetching or computing embeddings, when they were used.
    pub embeddings_time: Option<Duration>,
    /// Why the aligner fell back to a plainer one (the encoder is not installed), for
    /// the run's warnings.
    pub notice: Option<String>,
}

/// Aligns `source` with `target`. `mt`: what the translation is compared with, sentence
/// by sentence (the MT, or the source itself for a translation in its own language), if
/// anything.
pub fn align(mt: Option<&[String]>, source: &[&str], target: &[&str], options: &AlignOptions) -> Result<Aligned> {
    let embedder = match options.method {
        Method::Auto => Some(Embedder::new(&options.encoder)),
        Method::Ngram | Method::Length => None,
    };
    let (embedder, notice) = match embedder {
        Some(Ok(e)) => (Some(e), None),
        Some(Err(e)) => {
            let fallback = if mt.is_some() { "the MT's character n-grams" } else { "sentence lengths" };
            (None, Some(format!("{e}; aligned on {fallback} alone")))
        }
        None => (None, None),
    };
    let mut aligned = match (mt, &embedder) {
        (_, _) if options.method == Method::Length => align_by_length(mt, source, target),
        (Some(lines), _) => align_with_mt(lines, source, target, embedder.as_ref(), options)?,
        (None, Some(embedder)) => align_with_encoder(embedder, source, target)?,
        (None, None) => align_by_length(None, source, target),
    };
    aligned.notice = notice;
    Ok(aligned)
}

/// The MT-guided alignment: the beads, their scores, and the vectors of the MT and the
/// translation (with the endpoint's embeddings, if any, folded in) that the drift checks
/// compare. With the encoder, its embeddings of the MT and of the source are two more
/// signals beside the n-grams.
fn align_with_mt(
    lines: &[String],
    source: &[&str],
    target: &[&str],
    embedder: Option<&Embedder>,
    options: &AlignOptions,
) -> Result<Aligned> {
    let mt_texts = filled_mt(lines, source);
    let (mut a, mut b) = features::embed(&mt_texts, target);
    let mut embeddings_time = None;
    if let Some(e) = &options.embeddings {
        let started = Instant::now();
        let mut ea = e.endpoint.embed(&mt_texts)?;
        let mut eb = e.endpoint.embed(target)?;
        embeddings::centred(&mut [&mut ea, &mut eb]);
        (a, b) = (a.with_extra(&ea, e.weight), b.with_extra(&eb, e.weight));
        embeddings_time = Some(started.elapsed());
    }
    let beads = match embedder {
        None => coarse::align(&MtLevel::new(&a, &b, PARAMS), MT_SHAPES),
        Some(embedder) => {
            encoder_search(embedder, Some((&a, &b)), &[(mt_texts.as_slice(), ENCODER_MT_WEIGHT)], target)?
        }
    };
    if let Some(embedder) = embedder {
        embeddings_time = Some(embeddings_time.unwrap_or_default() + embedder.spent());
    }
    let total = |v: &[f32]| v.iter().map(|&x| x as f64).sum::<f64>();
    let ratio = total(&b.lengths) / total(&a.lengths).max(1.0);
    let scores = beads
        .iter()
        .map(|bead| BeadScores {
            cost: round4(bead.cost),
            similarity: Some(round4(features::range_cosine(&a, bead.src.clone(), &b, bead.tgt.clone()))),
            chrf: None,
            length_ratio: length_ratio(&a.lengths, &b.lengths, ratio, bead),
        })
        .collect();
    let method = if embedder.is_some() { "mt-ngram+encoder" } else { "mt-ngram" };
    let embeddings = options.embeddings.as_ref().map(|e| (e.endpoint.url.clone(), e.endpoint.model.clone()));
    Ok(Aligned { method, beads, scores, vectors: Some((a, b)), embeddings, embeddings_time, notice: None })
}

/// The alignment without MT: the encoder's embeddings of the source against the
/// translation's, across the two languages.
fn align_with_encoder(embedder: &Embedder, source: &[&str], target: &[&str]) -> Result<Aligned> {
    let beads = encoder_search(embedder, None, &[(source, 1.0)], target)?;
    let embeddings_time = Some(embedder.spent());
    let (a, b) = (features::lengths(source), features::lengths(target));
    let total = |v: &[f32]| v.iter().map(|&x| x as f64).sum::<f64>();
    let ratio = total(&b) / total(&a).max(1.0);
    let scores = beads
        .iter()
        .map(|bead| BeadScores {
            cost: round4(bead.cost),
            similarity: None,
            chrf: None,
            length_ratio: length_ratio(&a, &b, ratio, bead),
        })
        .collect();
    let notice = None;
    Ok(Aligned { method: "encoder", beads, scores, vectors: None, embeddings: None, embeddings_time, notice })
}

/// The beads through the encoder's signals (`sides`: for each, the texts of its source
/// side, the MT or the source, and its weight) and the n-gram signal (`ngram`, with
/// MT): a search on sentence embeddings, then a second search near that path, where
/// the runs of sentences of each bead it merged are embedded as one text and merged
/// beads priced on that text rather than on the sum of their sentences' embeddings.
fn encoder_search(
    embedder: &Embedder,
    ngram: Option<(&features::Vectors, &features::Vectors)>,
    sides: &[(&[&str], f64)],
    target: &[&str],
) -> Result<Vec<Bead>> {
    let tgt = encoded(embedder, target)?;
    let srcs: Vec<features::Vectors> =
        sides.iter().map(|(texts, _)| encoded(embedder, texts)).collect::<Result<_>>()?;
    let weights: Vec<f64> = sides.iter().map(|s| s.1).collect();
    fn signals<'a>(
        ngram: Option<(&'a features::Vectors, &'a features::Vectors)>,
        srcs: &'a [features::Vectors],
        tgt: &'a features::Vectors,
        weights: &[f64],
        spans: Vec<Option<&'a Spans>>,
    ) -> Vec<Signal<'a>> {
        let mut out = Vec::new();
        if let Some((a, b)) = ngram {
            out.push(Signal { src: Cow::Borrowed(a), tgt: Cow::Borrowed(b), weight: NGRAM_WEIGHT, spans: None });
        }
        for ((src, &weight), spans) in srcs.iter().zip(weights).zip(spans) {
            out.push(Signal { src: Cow::Borrowed(src), tgt: Cow::Borrowed(tgt), weight, spans });
        }
        out
    }
    let first = coarse::align(
        &MtLevel::of(signals(ngram, &srcs, &tgt, &weights, vec![None; sides.len()]), ENCODER_PARAMS),
        MT_SHAPES,
    );
    // The n-gram signal prices the sum of a merged bead's sentences well: the runs of the
    // merged beads are enough. Without it, the runs reaching a sentence beyond them too
    // (0.845 → 0.860 strict F1 on textberg-dev without MT; 0.860 → 0.857 with MT).
    let reach = if ngram.is_some() { 0 } else { 1 };
    let (src_runs, tgt_runs) = merged_runs(&first, reach);
    let tgt_spans = embed_runs(embedder, target, &tgt_runs)?;
    let spans: Vec<Spans> = sides
        .iter()
        .map(|(texts, _)| Ok(Spans { src: embed_runs(embedder, texts, &src_runs)?, tgt: tgt_spans.clone() }))
        .collect::<Result<_>>()?;
    Ok(coarse::refine(
        &MtLevel::of(signals(ngram, &srcs, &tgt, &weights, spans.iter().map(Some).collect()), ENCODER_PARAMS),
        MT_SHAPES,
        &first,
    ))
}

/// The runs of two to four consecutive sentences within a side of a merged bead, or
/// reaching `reach` sentences beyond it: the runs the second search prices on their
/// real text.
fn merged_runs(beads: &[Bead], reach: usize) -> (Vec<(usize, usize)>, Vec<(usize, usize)>) {
    let n = beads.last().map_or(0, |b| b.src.end);
    let m = beads.last().map_or(0, |b| b.tgt.end);
    let runs = |sides: &mut dyn Iterator<Item = std::ops::Range<usize>>, len: usize| {
        let mut out = std::collections::BTreeSet::new();
        for r in sides {
            let r = r.start.saturating_sub(reach)..(r.end + reach).min(len);
            for start in r.clone() {
                out.extend((start + 2..=r.end.min(start + 4)).map(|end| (start, end)));
            }
        }
        out.into_iter().collect::<Vec<_>>()
    };
    let merged = || beads.iter().filter(|b| b.src.len() > 1 || b.tgt.len() > 1);
    (runs(&mut merged().map(|b| b.src.clone()), n), runs(&mut merged().map(|b| b.tgt.clone()), m))
}

/// The encoder's embedding of each run's text (its sentences joined by spaces).
fn embed_runs(
    embedder: &Embedder,
    texts: &[&str],
    runs: &[(usize, usize)],
) -> Result<std::collections::HashMap<(usize, usize), Vec<f32>>> {
    let joined: Vec<String> = runs.iter().map(|&(s, e)| texts[s..e].join(" ")).collect();
    let refs: Vec<&str> = joined.iter().map(String::as_str).collect();
    Ok(runs.iter().copied().zip(embedder.embed(&refs)?).collect())
}

/// The encoder's embeddings of `texts` as vectors the scorer compares.
fn encoded(embedder: &Embedder, texts: &[&str]) -> Result<features::Vectors> {
    Ok(features::Vectors::of_embeddings(&embedder.embed(texts)?, features::lengths(texts)))
}

/// The length-based alignment (Gale-Church), on the MT's lengths where there is MT: in
/// the target's language, the length ratio is sharper.
fn align_by_length(mt: Option<&[String]>, source: &[&str], target: &[&str]) -> Aligned {
    let scorer = match mt {
        Some(lines) => GaleChurch::new(lines, target),
        None => GaleChurch::new(source, target),
    };
    let beads = coarse::align(&scorer, BASELINE_SHAPES);
    let scores = beads
        .iter()
        .map(|b| BeadScores {
            cost: round4(b.cost),
            similarity: None,
            chrf: None,
            length_ratio: scorer.length_ratio(b.src.clone(), b.tgt.clone()).map(round4),
        })
        .collect();
    Aligned {
        method: "gale-church",
        beads,
        scores,
        vectors: None,
        embeddings: None,
        embeddings_time: None,
        notice: None,
    }
}

/// The chrF of each bead's translation against what it is compared with (its MT), for
/// the beads that have both: `(MT, translation)`.
pub fn chrf_scores(compared: &[Option<(String, String)>]) -> Vec<Option<f64>> {
    compared.par_iter().map(|c| c.as_ref().map(|(mt, tgt)| round4(metrics::chrf(tgt, mt)))).collect()
}

/// Target length over the length expected from the MT (`ratio` times the MT's), for a
/// bead with both sides.
fn length_ratio(src: &[f32], tgt: &[f32], ratio: f64, bead: &Bead) -> Option<f64> {
    let a: f64 = src[bead.src.clone()].iter().map(|&x| x as f64).sum();
    let b: f64 = tgt[bead.tgt.clone()].iter().map(|&x| x as f64).sum();
    (a > 0.0 && b > 0.0 && ratio > 0.0).then(|| round4(b / (a * ratio)))
}

/// What stands for each source sentence where the MT is compared with the translation:
/// its MT, or where the MT is empty (a blank line in a file of translations) the sentence
/// itself. Names, figures and words the two languages share still point to its
/// translation; an empty row would match nothing, and the sentence would be reported
/// omitted and its translation added.
pub fn filled_mt<'a>(mt: &'a [String], source: &[&'a str]) -> Vec<&'a str> {
    mt.iter().zip(source).map(|(m, &s)| if m.trim().is_empty() { s } else { m.as_str() }).collect()
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(src: std::ops::Range<usize>, tgt: std::ops::Range<usize>) -> Bead {
        Bead { src, tgt, cost: 0.0 }
    }

    #[test]
    fn the_runs_embedded_as_one_text_are_those_of_merged_beads() {
        let beads = [bead(0..1, 0..1), bead(1..4, 1..2), bead(4..5, 2..2), bead(5..6, 2..4), bead(6..7, 4..5)];
        let (src, tgt) = merged_runs(&beads, 0);
        assert_eq!(src, [(1, 3), (1, 4), (2, 4)]);
        assert_eq!(tgt, [(2, 4)]);
        // Reaching one sentence beyond, within the documents, at most four sentences long.
        let (src, tgt) = merged_runs(&beads, 1);
        assert_eq!(
            src,
            [(0, 2), (0, 3), (0, 4), (1, 3), (1, 4), (1, 5), (2, 4), (2, 5), (3, 5), (4, 6), (4, 7), (5, 7)]
        );
        assert_eq!(tgt, [(0, 2), (0, 3), (1, 3), (1, 4), (1, 5), (2, 4), (2, 5), (3, 5)]);
    }
}
