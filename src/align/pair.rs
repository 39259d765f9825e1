//! Aligning one document pair: the aligner the options and the inputs call for, and the
//! scores kept for each bead.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::similarity::{MtLevel, MT_SHAPES, PARAMS};
use super::{coarse, features, length::GaleChurch, Bead, BASELINE_SHAPES};
use crate::embeddings::{self, EmbeddingsOptions};
use crate::error::Result;
use crate::metrics;

/// Which aligner to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// MT-guided when there is MT, length-based otherwise.
    #[default]
    Auto,
    /// Length-based (Gale-Church with number anchors), on MT lengths when there is MT.
    Length,
}

/// The align stage's settings.
#[derive(Debug, Clone, Default)]
pub struct AlignOptions {
    pub method: Method,
    /// Sentence embeddings as a second signal for the MT-guided aligner.
    pub embeddings: Option<EmbeddingsOptions>,
}

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
    /// The time spent fetching embeddings, when they were used.
    pub embeddings_time: Option<Duration>,
}

/// Aligns `source` with `target`. `mt`: what the translation is compared with, sentence
/// by sentence (the MT, or the source itself for a translation in its own language), if
/// anything.
pub fn align(mt: Option<&[String]>, source: &[&str], target: &[&str], options: &AlignOptions) -> Result<Aligned> {
    match mt {
        // With MT (or the source itself, for a translation in its language), the two are
        // compared in one language.
        Some(lines) if options.method == Method::Auto => align_with_mt(lines, source, target, options),
        _ => Ok(align_by_length(mt, source, target)),
    }
}

/// The MT-guided alignment: the beads, their scores, and the vectors of the MT and the
/// translation (with the embeddings, if any, folded in) that the drift checks compare.
fn align_with_mt(lines: &[String], source: &[&str], target: &[&str], options: &AlignOptions) -> Result<Aligned> {
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
    let beads = coarse::align(&MtLevel::new(&a, &b, PARAMS), MT_SHAPES);
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
    let embeddings = options.embeddings.as_ref().map(|e| (e.endpoint.url.clone(), e.endpoint.model.clone()));
    Ok(Aligned { method: "mt-coarse-to-fine", beads, scores, vectors: Some((a, b)), embeddings, embeddings_time })
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
    Aligned { method: "gale-church", beads, scores, vectors: None, embeddings: None, embeddings_time: None }
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
