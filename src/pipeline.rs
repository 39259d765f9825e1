//! One document pair through every stage: load, detect, segment, translate, align.
//!
//! This is the only place that knows the order of the stages; the command line, the
//! job runner, tests and benchmarks all go through [`align_pair`] and [`write()`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::align::similarity::{MtLevel, MT_SHAPES};
use crate::align::{self, features, length::GaleChurch, Bead};
use crate::document::{Document, LoadOptions};
use crate::drift::{self, diff, terms::Glossary, Finding};
use crate::embeddings::{self, EmbeddingsEndpoint};
use crate::error::{Error, Result};
use crate::lang::{self, Detector, DocumentLanguage};
use crate::mt::client::MtStats;
pub use crate::mt::MtSource;
use crate::report::{self, Export};
use crate::segment::{self, Segment, SegmentOptions};
use crate::{atomic, metrics, mt};

/// What to align.
#[derive(Debug, Clone, Default)]
pub struct PairInput {
    pub source: PathBuf,
    pub translation: PathBuf,
    /// Where the MT of the source sentences comes from.
    pub mt: MtSource,
    /// Languages to use instead of the detected ones (ISO 639-1).
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
    /// The job this pair belongs to, for `run.json`.
    pub job: Option<String>,
    pub config_hash: Option<String>,
}

/// How to align.
#[derive(Debug, Clone, Default)]
pub struct PairOptions {
    pub load: LoadOptions,
    /// Language allow-list for detection; empty means all.
    pub langs: Vec<String>,
    pub segment: SegmentOptions,
    pub aligner: Aligner,
    /// Sentence embeddings as a second signal for the MT-guided aligner.
    pub embeddings: Option<Embeddings>,
    /// Terms the translation must and must not use.
    pub glossary: Option<Arc<Glossary>>,
}

/// An embeddings endpoint and how much its similarity counts beside the MT's.
#[derive(Debug, Clone)]
pub struct Embeddings {
    pub endpoint: EmbeddingsEndpoint,
    /// Weight of the (centred) embedding against the unit-length n-gram vector.
    pub weight: f32,
}

/// Which aligner to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Aligner {
    /// MT-guided when there is MT, length-based otherwise.
    #[default]
    Auto,
    /// Length-based (Gale-Church with number anchors), on MT lengths when there is MT.
    Length,
}

/// One side of the pair after loading, detection and segmentation.
#[derive(Debug)]
pub struct Side {
    pub doc: Document,
    pub language: DocumentLanguage,
    /// The language used for segmentation: the one given, else the detected one.
    pub lang: &'static str,
    /// The tag sent to the MT service: `lang`, or a fuller one (`zh-Hant`).
    pub mt_lang: String,
    /// Whether `lang` was given (a flag or the job) rather than detected.
    pub given: bool,
    pub segments: Vec<Segment>,
}

impl Side {
    /// The text of each sentence.
    pub fn texts(&self) -> Vec<String> {
        self.segments.iter().map(|s| s.text.clone()).collect()
    }

    /// Whether `other` is in this side's language: a translation in its source's own
    /// language is compared with the source itself, with no MT.
    fn same_language_as(&self, other: &Side) -> bool {
        self.lang == other.lang
    }

    /// Whether `other` is another version of this side's text by the user's word: both
    /// languages given, and the same. Text kept as it is is then no drift.
    fn versions_of(&self, other: &Side) -> bool {
        self.same_language_as(other) && self.given && other.given
    }

    /// The text of sentences `ids`, joined as the language writes them.
    pub fn text_of(&self, ids: Range<usize>) -> String {
        self.join(self.segments[ids].iter().map(|s| s.text.as_str()))
    }

    /// Joins sentences of this side's language (see [`lang::join_sentences`]).
    pub fn join<S: AsRef<str>>(&self, parts: impl IntoIterator<Item = S>) -> String {
        lang::join_sentences(parts, self.lang)
    }
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

/// A finished alignment of one pair, ready to be written.
#[derive(Debug)]
pub struct Alignment {
    pub job: Option<String>,
    pub config_hash: Option<String>,
    pub source: Side,
    pub target: Side,
    /// The MT of each source sentence, if there was MT.
    pub mt: Option<Vec<String>>,
    /// Where the MT came from and what getting it took.
    pub mt_stats: Option<MtStats>,
    pub presegmented: bool,
    pub beads: Vec<Bead>,
    pub scores: Vec<BeadScores>,
    /// The findings on each bead.
    pub findings: Vec<Vec<Finding>>,
    /// Counts of the findings and the drift score.
    pub summary: drift::Summary,
    /// The diff of each bead's MT against its translation (beads with both, with MT).
    pub diffs: Vec<Option<Vec<diff::Op>>>,
    /// The glossary the findings were checked against, kept so a review can check again.
    pub glossary: Option<Arc<Glossary>>,
    pub method: &'static str,
    /// The embeddings endpoint's URL and model, when one was used.
    pub embeddings: Option<(String, String)>,
    /// Milliseconds per stage.
    pub timings: BTreeMap<&'static str, f64>,
}

impl Alignment {
    /// How many beads of each shape (`1-1`, `2-1`, ...) the alignment has.
    pub fn beads_by_shape(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for bead in &self.beads {
            *counts.entry(bead.shape()).or_insert(0) += 1;
        }
        counts
    }

    /// Whether the translation is in the source's own language (given or detected so): it
    /// is compared with the source as it is, with no MT.
    pub fn same_language(&self) -> bool {
        self.source.same_language_as(&self.target)
    }

    /// Whether the two are versions of one text in one language, as the user said by
    /// giving both languages: nothing is flagged as left untranslated, and nothing warned.
    pub fn versions(&self) -> bool {
        self.source.versions_of(&self.target)
    }

    /// What the translation was compared with, sentence by sentence (`compared`).
    pub fn compared(&self) -> Option<Vec<String>> {
        compared(&self.source, &self.target, self.mt.as_deref()).map(Cow::into_owned)
    }

    /// What a reader should know before any finding: a translation that reads as the
    /// source's own language is most often the wrong file, or one left untranslated.
    /// The terminal summary, `run.json` and the report all say it.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.same_language() && !self.versions() && self.target.language.lang == self.source.lang {
            out.push(format!(
                "the translation reads as {}, the source's language: the wrong file, or left untranslated? (if the guess is wrong, give the translation's language: --tgt-lang, or target_lang in a job)",
                self.source.lang
            ));
        }
        out
    }
}

/// What the translation is compared with, sentence by sentence: the MT, or the source
/// itself for a translation in the source's own language.
fn compared<'a>(source: &Side, target: &Side, mt: Option<&'a [String]>) -> Option<Cow<'a, [String]>> {
    if source.same_language_as(target) {
        Some(Cow::Owned(source.texts()))
    } else {
        mt.map(Cow::Borrowed)
    }
}

/// Runs every stage on one pair.
pub fn align_pair(input: &PairInput, options: &PairOptions) -> Result<Alignment> {
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

    let src_texts: Vec<&str> = source.segments.iter().map(|s| s.text.as_str()).collect();
    // A translation in the source's own language has nothing to translate: no MT is
    // requested, and the source itself is what the translation is compared with
    // (aligned, diffed and checked against), as the MT would be.
    let same_language = source.same_language_as(&target);
    let (mt, mt_stats) =
        if same_language { (None, None) } else { translate(input, options, &src_texts, &source, &target)? };
    let compared_texts = compared(&source, &target, mt.as_deref());
    let compared = compared_texts.as_deref();
    lap(&mut timings, "mt");

    let tgt_texts: Vec<&str> = target.segments.iter().map(|s| s.text.as_str()).collect();
    let Aligned { method, beads, mut scores, vectors } = match compared {
        // With MT (or the source itself, for a translation in its language), the two are
        // compared in one language.
        Some(lines) if options.aligner == Aligner::Auto => {
            let aligned = align_with_mt(lines, &src_texts, &tgt_texts, options, &mut timings)?;
            Aligned { method: if same_language { "source-coarse-to-fine" } else { aligned.method }, ..aligned }
        }
        _ => align_by_length(compared, &src_texts, &tgt_texts),
    };
    lap(&mut timings, "align");
    // The embeddings were fetched inside the align stage; report them on their own.
    if let Some(spent) = timings.get("embeddings").copied() {
        *timings.entry("align").or_insert(0.0) -= spent;
    }
    if let Some(lines) = compared {
        let chrfs: Vec<Option<f64>> = beads
            .par_iter()
            .map(|b| {
                (!b.src.is_empty() && !b.tgt.is_empty()).then(|| {
                    let hyp = target.join(&lines[b.src.clone()]);
                    round4(metrics::chrf(&target.text_of(b.tgt.clone()), &hyp))
                })
            })
            .collect();
        for (s, c) in scores.iter_mut().zip(chrfs) {
            s.chrf = c;
        }
        lap(&mut timings, "score");
    }
    let findings = drift::check(&drift::Input {
        beads: &beads,
        source: &src_texts,
        target: &tgt_texts,
        mt: compared,
        source_lang: source.lang,
        target_lang: target.lang,
        versions: source.versions_of(&target),
        vectors: vectors.as_ref().map(|(a, b)| (a, b)),
        glossary: options.glossary.as_deref(),
    });
    let diffs: Vec<Option<Vec<diff::Op>>> = beads
        .par_iter()
        .map(|b| {
            let lines = compared?;
            (!b.src.is_empty() && !b.tgt.is_empty())
                .then(|| diff::diff(&target.join(&lines[b.src.clone()]), &target.text_of(b.tgt.clone()), target.lang))
        })
        .collect();
    let summary = drift::Summary::of(&beads, &findings);
    lap(&mut timings, "drift");
    timings.insert("total", ms(started.elapsed()));

    Ok(Alignment {
        job: input.job.clone(),
        config_hash: input.config_hash.clone(),
        source,
        target,
        mt,
        mt_stats,
        presegmented: options.segment.presegmented,
        beads,
        scores,
        findings,
        summary,
        diffs,
        glossary: options.glossary.clone(),
        method,
        embeddings: options
            .embeddings
            .as_ref()
            .filter(|_| vectors.is_some())
            .map(|e| (e.endpoint.url.clone(), e.endpoint.model.clone())),
        timings,
    })
}

/// The MT of the source's sentences (`src_texts`), from a file or a service, with its
/// statistics.
fn translate(
    input: &PairInput,
    options: &PairOptions,
    src_texts: &[&str],
    source: &Side,
    target: &Side,
) -> Result<(Option<Vec<String>>, Option<MtStats>)> {
    Ok(match &input.mt {
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

/// An alignment of the two sides: which aligner made it, its beads and their scores, and
/// the vectors of the MT and the translation it compared (MT-guided only).
struct Aligned {
    method: &'static str,
    beads: Vec<Bead>,
    scores: Vec<BeadScores>,
    vectors: Option<(features::Vectors, features::Vectors)>,
}

/// The MT-guided alignment: the beads, their scores, and the vectors of the MT and the
/// translation (with the embeddings, if any, folded in) that the drift checks compare.
/// The time spent fetching embeddings goes into `timings`.
fn align_with_mt(
    lines: &[String],
    src_texts: &[&str],
    tgt_texts: &[&str],
    options: &PairOptions,
    timings: &mut BTreeMap<&'static str, f64>,
) -> Result<Aligned> {
    let mt_texts = compared_mt(lines, src_texts);
    let (mut a, mut b) = features::embed(&mt_texts, tgt_texts);
    if let Some(e) = &options.embeddings {
        let started = Instant::now();
        let mut ea = e.endpoint.embed(&mt_texts)?;
        let mut eb = e.endpoint.embed(tgt_texts)?;
        embeddings::centred(&mut [&mut ea, &mut eb]);
        (a, b) = (a.with_extra(&ea, e.weight), b.with_extra(&eb, e.weight));
        timings.insert("embeddings", ms(started.elapsed()));
    }
    let beads = align::coarse::align(&MtLevel::new(&a, &b, align::similarity::PARAMS), MT_SHAPES);
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
    Ok(Aligned { method: "mt-coarse-to-fine", beads, scores, vectors: Some((a, b)) })
}

/// The length-based alignment (Gale-Church), on the MT's lengths where there is MT: in
/// the target's language, the length ratio is sharper.
fn align_by_length(mt: Option<&[String]>, src_texts: &[&str], tgt_texts: &[&str]) -> Aligned {
    let scorer = match mt {
        Some(lines) => GaleChurch::new(lines, tgt_texts),
        None => GaleChurch::new(src_texts, tgt_texts),
    };
    let beads = align::coarse::align(&scorer, align::BASELINE_SHAPES);
    let scores = beads
        .iter()
        .map(|b| BeadScores {
            cost: round4(b.cost),
            similarity: None,
            chrf: None,
            length_ratio: scorer.length_ratio(b.src.clone(), b.tgt.clone()).map(round4),
        })
        .collect();
    Aligned { method: "gale-church", beads, scores, vectors: None }
}

/// Target length over the length expected from the MT (`ratio` times the MT's), for a
/// bead with both sides.
fn length_ratio(src: &[f32], tgt: &[f32], ratio: f64, bead: &Bead) -> Option<f64> {
    let a: f64 = src[bead.src.clone()].iter().map(|&x| x as f64).sum();
    let b: f64 = tgt[bead.tgt.clone()].iter().map(|&x| x as f64).sum();
    (a > 0.0 && b > 0.0 && ratio > 0.0).then(|| round4(b / (a * ratio)))
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

/// Writes the outputs of the run into `dir` (alignment.jsonl and alignment.align always,
/// the optional `formats` besides), `run.json` last with the write time in it. The run's
/// word diffs are handed to the reports (see [`report::write_all`]).
pub fn write(run: &mut Alignment, dir: &Path, formats: &[report::Format]) -> Result<()> {
    let started = Instant::now();
    report::write_all(run, dir, formats)?;
    // A run reviewed before keeps its review marks in report.html.
    if formats.contains(&report::Format::Html) && dir.join(crate::review::session::FILE_NAME).exists() {
        crate::review::session::Session::open(dir)?.refresh_report()?;
    }
    run.timings.insert("write", ms(started.elapsed()));
    let run_json = report::run_json::RunJson;
    atomic::write(&dir.join(run_json.file_name()), &run_json.render(run))
}

fn ms(d: std::time::Duration) -> f64 {
    round4(d.as_secs_f64() * 1000.0)
}

/// What stands for each source sentence where the MT is compared with the translation:
/// its MT, or where the MT is empty (a blank line in a file of translations) the sentence
/// itself. Names, figures and words the two languages share still point to its
/// translation; an empty row would match nothing, and the sentence would be reported
/// omitted and its translation added.
pub fn compared_mt<'a>(mt: &'a [String], source: &[&'a str]) -> Vec<&'a str> {
    mt.iter().zip(source).map(|(m, &s)| if m.trim().is_empty() { s } else { m.as_str() }).collect()
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

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
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
            mt: MtSource::File(write("mt.txt", &mt)),
            source_lang: Some("de".into()),
            target_lang: Some("fr".into()),
            ..Default::default()
        };
        let options = PairOptions { segment: SegmentOptions { presegmented: true }, ..Default::default() };
        let run = align_pair(&input, &options).unwrap();
        let bead = run.beads.iter().find(|b| b.src.contains(&5)).unwrap();
        assert_eq!((bead.src.clone(), bead.tgt.clone()), (5..6, 5..6), "{:?}", run.beads);
        // The MT shown is still the MT: empty.
        assert_eq!(run.mt.as_ref().unwrap()[5], "");
    }
}
