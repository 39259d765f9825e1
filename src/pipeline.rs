//! One document pair through every stage, in order: load, detect, segment, translate,
//! align, score, check, diff. This is the only place that knows that order; it makes a
//! [`Run`] and writes nothing (see [`crate::job`]).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::align::{self, AlignOptions};
use crate::document::{Document, LoadOptions};
use crate::drift::{self, diff, terms::Glossary};
use crate::error::{Error, Result};
use crate::lang::{self, Detector};
use crate::mt::client::MtStats;
use crate::mt::{self, MtSource};
use crate::run::{bead_mt, Run, Side};
use crate::segment::{self, SegmentOptions};

/// What to align.
#[derive(Debug, Clone, Default)]
pub struct PairInput {
    pub source: PathBuf,
    pub translation: PathBuf,
    /// Languages to use instead of the detected ones (ISO 639-1).
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
    /// The job this pair belongs to, for `run.json`.
    pub job: Option<String>,
    pub config_hash: Option<String>,
}

/// How to align: the settings of each stage.
#[derive(Debug, Clone, Default)]
pub struct PairOptions {
    pub load: LoadOptions,
    /// Language allow-list for detection; empty means all.
    pub langs: Vec<String>,
    pub segment: SegmentOptions,
    pub align: AlignOptions,
    /// Terms the translation must and must not use.
    pub glossary: Option<Arc<Glossary>>,
}

/// Runs every stage on one pair, with the MT from `mt`.
pub fn align_pair(input: &PairInput, mt: &MtSource, options: &PairOptions) -> Result<Run> {
    let started = Instant::now();
    let mut timings = BTreeMap::new();
    let mut lap = {
        let mut last = Instant::now();
        move |timings: &mut BTreeMap<&'static str, f64>, stage: &'static str| {
            let now = Instant::now();
            *timings.entry(stage).or_insert(0.0) += ms(now - last);
            last = now;
        }
    };

    let detector = Detector::new(&options.langs)?;
    let source_lang = checked_lang(input.source_lang.as_deref(), "--src-lang")?;
    let target_lang = checked_lang(input.target_lang.as_deref(), "--tgt-lang")?;
    let src_doc = Document::load(&input.source, &options.load)?;
    let tgt_doc = Document::load(&input.translation, &options.load)?;
    lap(&mut timings, "load");
    let given = (input.source_lang.as_deref(), input.target_lang.as_deref());
    let source = side(src_doc, &detector, source_lang, given.0, options, &mut timings, &mut lap);
    let target = side(tgt_doc, &detector, target_lang, given.1, options, &mut timings, &mut lap);

    let src_texts = source.text_refs();
    // A translation in the source's own language has nothing to translate: no MT is
    // requested, and the source itself is what the translation is compared with
    // (aligned, diffed and checked against), as the MT would be.
    let same_language = source.same_language_as(&target);
    let (mt_lines, mt_stats) =
        if same_language { (None, None) } else { translate(input, mt, options, &src_texts, &source, &target)? };
    let source_texts;
    let mt_or_source: Option<&[String]> = if same_language {
        source_texts = source.texts();
        Some(&source_texts)
    } else {
        mt_lines.as_deref()
    };
    lap(&mut timings, "mt");

    let tgt_texts = target.text_refs();
    let aligned = align::pair::align(mt_or_source, &src_texts, &tgt_texts, &options.align)?;
    // Compared with the source itself, not with MT.
    let method = match aligned.method.strip_prefix("mt-") {
        Some(signals) if same_language => format!("source-{signals}"),
        _ => aligned.method.to_string(),
    };
    let align::pair::Aligned { beads, mut scores, vectors, embeddings, embeddings_time, notice, .. } = aligned;
    lap(&mut timings, "align");
    // The embeddings were fetched inside the align stage; report them on their own.
    if let Some(spent) = embeddings_time {
        timings.insert("embeddings", ms(spent));
        *timings.entry("align").or_insert(0.0) -= ms(spent);
    }
    // Each bead with both sides: what its translation is compared with, and the
    // translation, joined once for its chrF and its word diff.
    let compared: Vec<Option<(String, String)>> = beads
        .par_iter()
        .map(|b| {
            Some((bead_mt(mt_or_source, b, target.lang).filter(|_| !b.tgt.is_empty())?, target.text_of(b.tgt.clone())))
        })
        .collect();
    if mt_or_source.is_some() {
        for (s, c) in scores.iter_mut().zip(align::pair::chrf_scores(&compared)) {
            s.chrf = c;
        }
        lap(&mut timings, "score");
    }
    let diffs: Vec<Option<Vec<diff::Op>>> =
        compared.into_par_iter().map(|c| c.map(|(against, tgt)| diff::diff(&against, &tgt, target.lang))).collect();
    let findings = drift::check(&drift::Input {
        beads: &beads,
        source: &src_texts,
        target: &tgt_texts,
        mt: mt_or_source,
        source_lang: source.lang,
        target_lang: target.lang,
        is_revision: source.is_revision_of(&target),
        vectors: vectors.as_ref().map(|(a, b)| (a, b)),
        glossary: options.glossary.as_deref(),
    });
    let summary = drift::Summary::of(&beads, &findings);
    lap(&mut timings, "drift");
    timings.insert("total", ms(started.elapsed()));

    Ok(Run {
        job: input.job.clone(),
        config_hash: input.config_hash.clone(),
        source,
        target,
        mt: mt_lines,
        mt_stats,
        presegmented: options.segment.presegmented,
        beads,
        scores,
        findings,
        summary,
        diffs,
        glossary: options.glossary.clone(),
        method,
        align_notice: notice,
        embeddings,
        timings,
    })
}

/// The MT of the source's sentences (`src_texts`), from a file or a service, with its
/// statistics.
fn translate(
    input: &PairInput,
    mt: &MtSource,
    options: &PairOptions,
    src_texts: &[&str],
    source: &Side,
    target: &Side,
) -> Result<(Option<Vec<String>>, Option<MtStats>)> {
    Ok(match mt {
        MtSource::None => (None, None),
        MtSource::File(path) => {
            let lines = mt::file::read(path, &options.load, source.segments.len())?;
            let mut stats = MtStats::of_file(&path.display().to_string(), lines.len());
            stats.empty = empty_lines(src_texts, &lines);
            (Some(lines), Some(stats))
        }
        MtSource::Provider(translator) => {
            let label = input.job.clone().unwrap_or_else(|| input.source.display().to_string());
            let (lines, stats) = translator.translate(src_texts, &source.mt_lang, &target.mt_lang, &label)?;
            (Some(lines), Some(stats))
        }
    })
}

fn side(
    doc: Document,
    detector: &Detector,
    forced_lang: Option<&'static str>,
    given_tag: Option<&str>,
    options: &PairOptions,
    timings: &mut BTreeMap<&'static str, f64>,
    lap: &mut impl FnMut(&mut BTreeMap<&'static str, f64>, &'static str),
) -> Side {
    let language = detector.detect_document(&doc);
    let lang = forced_lang.unwrap_or(language.lang);
    lap(timings, "detect");
    let segments = segment::segment(&doc, lang, &options.segment);
    lap(timings, "segment");
    let mt_lang = lang::mt_tag(lang, given_tag, &doc.text);
    Side { doc, language, lang, mt_lang, given: forced_lang.is_some(), segments }
}

fn checked_lang(code: Option<&str>, flag: &str) -> Result<Option<&'static str>> {
    match code {
        None => Ok(None),
        Some(code) => lang::known_code(code).map(Some).ok_or_else(|| {
            Error::Usage(format!("{flag}: unknown language code `{code}` (use ISO 639-1, e.g. en, zh, ko)"))
        }),
    }
}

/// The source sentences (1-based) with text whose MT is empty.
fn empty_lines(source: &[&str], mt: &[String]) -> Vec<usize> {
    source
        .iter()
        .zip(mt)
        .enumerate()
        .filter(|(_, (s, m))| m.trim().is_empty() && !s.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect()
}

/// A duration in milliseconds, to four decimals.
pub fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_text::sentence;

    #[test]
    fn a_sentence_the_mt_left_empty_is_still_aligned_with_its_translation() {
        // Twelve made-up sentences translated word for word, and one whose MT is a blank
        // line but whose names and figures its translation keeps.
        let mut source: Vec<String> = (0..12).map(|k| sentence(500 + k)).collect();
        let mut mt: Vec<String> = (0..12).map(sentence).collect();
        let mut target = mt.clone();
        source[5] = "Den Namen Austria-Peak für den Gipfel von 7729 m bestätigte Iskander Mirza.".into();
        mt[5] = String::new();
        target[5] = "Le nom d'Austria-Peak pour le sommet de 7729 m fut confirmé par Iskander Mirza.".into();
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, lines: &[String]| {
            let path = dir.path().join(name);
            std::fs::write(&path, lines.join("\n") + "\n").unwrap();
            path
        };
        let input = PairInput {
            source: write("src.txt", &source),
            translation: write("tgt.txt", &target),
            source_lang: Some("de".into()),
            target_lang: Some("fr".into()),
            ..Default::default()
        };
        let options = PairOptions { segment: SegmentOptions { presegmented: true }, ..Default::default() };
        let run = align_pair(&input, &MtSource::File(write("mt.txt", &mt)), &options).unwrap();
        let bead = run.beads.iter().find(|b| b.src.contains(&5)).unwrap();
        assert_eq!((bead.src.clone(), bead.tgt.clone()), (5..6, 5..6), "{:?}", run.beads);
        // The MT shown is still the MT: empty.
        assert_eq!(run.mt.as_ref().unwrap()[5], "");
    }
}
