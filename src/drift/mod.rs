//! Drift: checks on every aligned bead, each finding with a kind, a severity, a message
//! and the evidence behind it.
//!
//! Severities mean something: `critical` is a changed meaning a reader would act on (a
//! number or unit changed, a passage missing); `major` is what a reviewer must look at;
//! `minor` is worth a glance. Thresholds are relative to the document itself where they
//! can be (a literary translation differs from MT everywhere, a manual hardly anywhere):
//! similarities are judged against the similarity of unrelated sentence pairs of the same
//! two documents, lengths against the document's own typical ratio.

mod cut;
pub mod diff;
mod number_words;
pub mod numbers;
mod script;
pub mod terms;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::align::features::{self, Vectors};
use crate::align::Bead;
use crate::lang::Detector;
use numbers::{Quantity, Unit};
use terms::Glossary;

/// What kind of drift a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Omission,
    Addition,
    NumberMismatch,
    Untranslated,
    LowSimilarity,
    LengthRatio,
    Terminology,
    Duplicate,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Omission,
        Kind::Addition,
        Kind::NumberMismatch,
        Kind::Untranslated,
        Kind::LowSimilarity,
        Kind::LengthRatio,
        Kind::Terminology,
        Kind::Duplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Omission => "omission",
            Kind::Addition => "addition",
            Kind::NumberMismatch => "number_mismatch",
            Kind::Untranslated => "untranslated",
            Kind::LowSimilarity => "low_similarity",
            Kind::LengthRatio => "length_ratio",
            Kind::Terminology => "terminology",
            Kind::Duplicate => "duplicate",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Major, Severity::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

/// One finding on one bead.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    /// One sentence for the reviewer.
    pub message: String,
    /// The numbers and text behind the finding.
    pub evidence: Value,
}

/// Everything the checks look at.
pub struct Input<'a> {
    pub beads: &'a [Bead],
    pub source: &'a [&'a str],
    pub target: &'a [&'a str],
    /// The MT of each source sentence.
    pub mt: Option<&'a [String]>,
    pub source_lang: &'a str,
    pub target_lang: &'a str,
    /// The aligner's n-gram vectors of the MT and the target (with MT only).
    pub vectors: Option<(&'a Vectors, &'a Vectors)>,
    pub glossary: Option<&'a Glossary>,
}

/// The findings on each bead, in bead order.
pub fn check(input: &Input) -> Vec<Vec<Finding>> {
    let calibration = input.vectors.map(|(a, b)| Calibration::new(input, a, b));
    let readers = Readers::new(input);
    // Each bead is checked on its own (in parallel); only repeats need the beads before.
    let mut findings: Vec<Vec<Finding>> = input
        .beads
        .par_iter()
        .enumerate()
        .map(|(index, bead)| {
            let mut found = Vec::new();
            let src = join(input.source, bead.src.clone(), input.source_lang);
            let tgt = join(input.target, bead.tgt.clone(), input.target_lang);
            let mt = input.mt.map(|mt| join(mt, bead.src.clone(), input.target_lang));
            gaps(input, index, &src, &tgt, &mut found);
            let left = !bead.tgt.is_empty()
                && readers
                    .as_ref()
                    .is_some_and(|d| untranslated(input, d, bead, &src, mt.as_deref(), &tgt, &mut found));
            if !left {
                cut::check(bead, input.source, input.target, input.target_lang, &mut found);
            }
            if !bead.src.is_empty() && !bead.tgt.is_empty() {
                // Text left untranslated differs from the MT for that reason alone.
                let mut uncovered = Uncovered::default();
                let unrelated = match (&calibration, left) {
                    (Some(c), false) => meaning(input, c, index, &mut found, &mut uncovered),
                    _ => left,
                };
                // Numbers are compared where the two sides are one another's translation;
                // on an unrelated-looking pair the finding above already says enough, and
                // the numbers of a sentence reported as omitted or added go with it.
                if !unrelated {
                    let start = found.len();
                    let near = Nearby {
                        source: Nearby::quantities(input.source, &bead.src, input.source_lang),
                        target: Nearby::quantities(input.target, &bead.tgt, input.target_lang),
                    };
                    let langs = (input.source_lang, input.target_lang);
                    let (figures, lost) = if uncovered.source.is_empty() && uncovered.target.is_empty() {
                        number_check(&src, mt.as_deref(), &tgt, langs, &near, &mut found)
                    } else {
                        let (s, t) = (&uncovered.source, &uncovered.target);
                        let mt = input.mt.map(|mt| join_except(mt, bead.src.clone(), s, input.target_lang));
                        let src = join_except(input.source, bead.src.clone(), s, input.source_lang);
                        let tgt = join_except(input.target, bead.tgt.clone(), t, input.target_lang);
                        number_check(&src, mt.as_deref(), &tgt, langs, &near, &mut found)
                    };
                    // On a pair only loosely alike (an uncertain alignment), a number
                    // difference may be the alignment's; worth a glance, not an alarm.
                    // But one that kept none of the source's figures has two independent
                    // witnesses that it says something else.
                    if let Some(c) = calibration.as_ref().filter(|c| !c.clearly_related(index)) {
                        for f in &mut found[start..] {
                            f.severity = Severity::Minor;
                        }
                        if figures >= FIGURES && lost == figures {
                            found.push(Finding {
                                kind: Kind::LowSimilarity,
                                severity: Severity::Major,
                                message: format!(
                                    "the translation says something else than the MT: it shares little with it (similarity {:.2}; typical pairs {:.2}) and keeps none of the source's {figures} figures",
                                    c.similarity[index], c.typical
                                ),
                                evidence: json!({"similarity": round(c.similarity[index]), "document_typical": round(c.typical), "figures_lost": lost}),
                            });
                        }
                    }
                }
                if let Some(g) = input.glossary {
                    found.extend(g.check(&src, &tgt));
                }
            }
            found
        })
        .collect();
    let copies = Copies::of(input);
    for (index, found) in findings.iter_mut().enumerate() {
        duplicates(input, index, &copies, found);
        if let Some(c) = &calibration {
            pasted(input, c, index, &copies, found);
        }
    }
    findings
}

/// The sentences `ids` of `texts`, joined as `lang` writes them.
fn join<S: AsRef<str>>(texts: &[S], ids: Range<usize>, lang: &str) -> String {
    crate::lang::join_sentences(&texts[ids], lang)
}

/// The sentences `ids` of `texts` but those in `except`, joined as `lang` writes them.
fn join_except<S: AsRef<str>>(texts: &[S], ids: Range<usize>, except: &[usize], lang: &str) -> String {
    crate::lang::join_sentences(ids.filter(|i| !except.contains(i)).map(|i| texts[i].as_ref()), lang)
}

/// A piece of text for messages: at most 80 characters.
fn quote(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("“{}…”", &text[..i]),
        None => format!("“{text}”"),
    }
}

/// Sentences with no counterpart on the other side (the bead at `index`, alone on its
/// side). A gap that the bead before or after it matches better with it than without is
/// likelier a free rendering of that bead's text (two sentences translated as one, or
/// one as two) that the aligner kept apart: a hint, not an alarm.
fn gaps(input: &Input, index: usize, src: &str, tgt: &str, found: &mut Vec<Finding>) {
    let bead = &input.beads[index];
    let fits = || fits_beside(input, index, &bead.src, &bead.tgt);
    let fits_note = |nb: Option<&Bead>| match nb {
        Some(nb) => format!(
            " (or it goes with source {} and translation {}, which match better with it)",
            sentences(&nb.src),
            sentences(&nb.tgt)
        ),
        None => String::new(),
    };
    // Punctuation alone (", .", "....." from a scan) is nothing to translate.
    let words = |text: &str| text.chars().any(char::is_alphanumeric);
    if bead.tgt.is_empty() && words(src) {
        let fits = fits();
        // Without an MT the aligner had nothing to match the sentence by: its translation
        // may well be there, in a neighbouring bead.
        let no_mt = without_mt(input, bead.src.clone()).is_some();
        found.push(Finding {
            kind: Kind::Omission,
            severity: if short(src) || fits.is_some() || no_mt { Severity::Minor } else { Severity::Major },
            message: format!(
                "not translated: {} has no counterpart in the translation{}{}",
                quote(src),
                fits_note(fits),
                if no_mt { " (but the MT of this sentence is empty, so nothing could be matched to it)" } else { "" }
            ),
            evidence: json!({"source": src, "source_ids": ids(&bead.src), "mt_empty": no_mt}),
        });
    }
    if bead.src.is_empty() && words(tgt) {
        let fits = fits();
        // Likewise a source sentence close by without MT may be what this renders.
        let near = index.saturating_sub(NEAR_BEADS)..(index + NEAR_BEADS + 1).min(input.beads.len());
        let no_mt = without_mt(input, input.beads[near].iter().flat_map(|bd| bd.src.clone()));
        found.push(Finding {
            kind: Kind::Addition,
            severity: if short(tgt) || fits.is_some() || no_mt.is_some() { Severity::Minor } else { Severity::Major },
            message: format!(
                "added: {} translates nothing in the source{}{}",
                quote(tgt),
                fits_note(fits),
                match no_mt {
                    Some(i) => format!(
                        " (but source sentence {}, close by, has an empty MT, so nothing could be matched to it)",
                        i + 1
                    ),
                    None => String::new(),
                }
            ),
            evidence: json!({"target": tgt, "target_ids": ids(&bead.tgt), "near_empty_mt": no_mt}),
        });
    }
}

/// The first of source sentences `ids` whose MT is empty (the MT service returned
/// nothing for it), if there is an MT.
fn without_mt(input: &Input, mut ids: impl Iterator<Item = usize>) -> Option<usize> {
    input.mt.and_then(|mt| ids.find(|&i| mt[i].trim().is_empty()))
}

/// How many beads to each side of an added sentence may hold the source sentence without
/// MT that it renders (a sentence translated as several lines spreads over a few beads).
const NEAR_BEADS: usize = 3;

/// A short line (a heading, a name called out, "Dead?") left out or added matters less.
/// Short in letters, not against the document's mean sentence: in a document of long
/// sentences a short one ("Screening is free from the age of 40.") can still change what
/// it says.
fn short(text: &str) -> bool {
    crate::lang::letters(text) < 12
}

/// Sentences as a reader counts them: "sentence 3" or "sentences 3–5".
fn sentences(range: &Range<usize>) -> String {
    if range.len() == 1 {
        format!("sentence {}", range.start + 1)
    } else {
        format!("sentences {}–{}", range.start + 1, range.end)
    }
}

fn ids(range: &Range<usize>) -> Vec<usize> {
    range.clone().collect()
}

/// The document's own similarity levels, from its MT and target vectors.
struct Calibration {
    /// Similarity that unrelated sentence pairs of these documents reach (95th percentile).
    unrelated: f64,
    /// The median similarity of unrelated pairs: below it, a pair looks more unrelated
    /// than half of the truly unrelated ones.
    unrelated_median: f64,
    /// The median similarity of the aligned 1-1 pairs.
    typical: f64,
    /// The similarity that only the closest tenth of the aligned 1-1 pairs reach: a
    /// match this close is a translation, whatever else the text shares.
    clear: f64,
    /// How many sentences to each side of a bead the search for the sentence a translation
    /// renders instead (`rendered_elsewhere`) looks at, and the MT's row norms for it.
    far: usize,
    mt_norms: Vec<f32>,
    /// Each bead's similarity (MT against translation), by bead index.
    similarity: Vec<f64>,
    /// The similarities of the sampled unrelated pairs and of the aligned 1-1 pairs, sorted.
    unrelated_sims: Vec<f64>,
    related_sims: Vec<f64>,
    /// The target/MT length ratios of the aligned 1-1 pairs, sorted.
    ratios: Vec<f64>,
    /// The median of target length over MT length, for 1-1 pairs.
    ratio: f64,
    /// The spread (MAD) of log length ratios.
    ratio_spread: f64,
    /// Mean sentence length of the MT and of the translation.
    mean_len: (f64, f64),
}

impl Calibration {
    /// Whether `sim` is within the range of unrelated pairs, and how strongly. It is
    /// `major` only where an unrelated pair is far likelier than this document's aligned
    /// pairs to score so low: in a free (literary) translation many true pairs share
    /// little with the MT, and a low similarity alone is then only a hint.
    fn unrelated(&self, sim: f64) -> Option<Severity> {
        if sim > self.unrelated {
            return None;
        }
        let odds = tail(&self.unrelated_sims, sim) / related_tail(&self.related_sims, sim);
        Some(if sim <= self.unrelated_median && odds >= MAJOR_ODDS { Severity::Major } else { Severity::Minor })
    }

    /// How far (in robust standard deviations) a target length is from what this
    /// document's usual ratio predicts for an MT length.
    fn length_z(&self, mt_len: f64, tgt_len: f64) -> f64 {
        if mt_len <= 0.0 || tgt_len <= 0.0 {
            return 0.0;
        }
        (tgt_len / mt_len / self.ratio).ln() / self.ratio_spread
    }

    /// Whether a length ratio this low is rare among this document's aligned pairs.
    fn rare_ratio(&self, ratio: f64) -> bool {
        tail(&self.ratios, ratio * self.ratio) <= RARE
    }

    /// Whether a similarity is as high as translations usually reach here: above the
    /// midpoint between unrelated and typical pairs.
    fn alike(&self, sim: f64) -> bool {
        sim > (self.unrelated + self.typical) / 2.0
    }

    /// Whether a similarity is one that unrelated pairs of these documents reach only by
    /// rare chance (`CHANCE`): in a free translation, typical pairs score barely
    /// above unrelated ones, and checking every neighbour of every loose pair finds many
    /// chance matches above their midpoint.
    fn beyond_chance(&self, sim: f64) -> bool {
        1.0 - tail(&self.unrelated_sims, sim) <= CHANCE
    }

    /// Whether a bead's two sides are `alike`.
    fn clearly_related(&self, index: usize) -> bool {
        self.alike(self.similarity[index])
    }

    fn new(input: &Input, a: &Vectors, b: &Vectors) -> Calibration {
        let (n, m) = (a.len(), b.len());
        let mut unrelated = Vec::new();
        if n > 1 && m > 1 {
            // Pairs far from the diagonal: with any sane alignment, not translations.
            let mut state = 0x9e37_79b9_7f4a_7c15u64;
            for _ in 0..4000.min(n * m) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = (state % n as u64) as usize;
                let j = ((state >> 32) % m as u64) as usize;
                let diagonal = i as f64 * m as f64 / n as f64;
                if (j as f64 - diagonal).abs() > (m as f64 / 10.0).max(5.0) {
                    unrelated.push(features::range_cosine(a, i..i + 1, b, j..j + 1));
                }
            }
        }
        let similarity: Vec<f64> =
            input.beads.par_iter().map(|bd| features::range_cosine(a, bd.src.clone(), b, bd.tgt.clone())).collect();
        let one_one = |bd: &&Bead| bd.src.len() == 1 && bd.tgt.len() == 1;
        let ones: Vec<&Bead> = input.beads.iter().filter(one_one).collect();
        let sims: Vec<f64> =
            input.beads.iter().zip(&similarity).filter(|(bd, _)| one_one(bd)).map(|(_, &x)| x).collect();
        let ratios: Vec<f64> = ones
            .iter()
            .filter_map(|bd| {
                let x = range_len(&a.lengths, bd.src.clone());
                let y = range_len(&b.lengths, bd.tgt.clone());
                (x > 0.0 && y > 0.0).then(|| (y / x).ln())
            })
            .collect();
        let ratio = median(&ratios).unwrap_or(0.0);
        let spread = median(&ratios.iter().map(|r| (r - ratio).abs()).collect::<Vec<_>>()).unwrap_or(0.1).max(0.05);
        let sorted = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v
        };
        let unrelated_level = quantile(&unrelated, 0.95).unwrap_or(0.1);
        // The search compares each translation sentence of an unrelated-looking bead with
        // every MT sentence: the whole document, unless there are so many such sentences
        // that it would take more than FAR_BUDGET comparisons (a badly drifted long
        // document); then a window around each bead, sized to fit.
        let suspects: usize = input
            .beads
            .iter()
            .zip(&similarity)
            .filter(|(bd, &x)| !bd.src.is_empty() && !bd.tgt.is_empty() && x <= unrelated_level)
            .map(|(bd, _)| bd.tgt.len())
            .sum();
        Calibration {
            far: (FAR_BUDGET / suspects.max(1) / 2).min(n),
            mt_norms: (0..n).map(|i| a.dot(i, a, i).sqrt()).collect(),
            similarity,
            unrelated: unrelated_level,
            unrelated_median: quantile(&unrelated, 0.5).unwrap_or(0.05),
            typical: median(&sims).unwrap_or(0.5),
            clear: quantile(&sims, CLEAR).unwrap_or(1.0),
            ratio: ratio.exp(),
            ratio_spread: spread * 1.4826,
            unrelated_sims: sorted(unrelated),
            related_sims: sorted(sims),
            ratios: sorted(ratios.iter().map(|r| r.exp()).collect()),
            mean_len: (mean_len(a), mean_len(b)),
        }
    }
}

/// The quantile of the aligned pairs' similarities a sentence must reach with one far
/// away to be taken as that one's translation (0.75 / 0.9 / 0.95 measured in the drift
/// bench: at 0.75 a literary translation's short lines matched far sentences as often as
/// swapped ones did).
const CLEAR: f64 = 0.9;
/// The most sentence comparisons the search for sentences in the wrong place may make in
/// one document (about half a second on one core).
const FAR_BUDGET: usize = 5_000_000;
/// How many figures a loosely alike pair must have lost, all of the source's, to count
/// as saying something else (1 / 2 measured in the drift bench over twelve rounds: one
/// found two more swaps in the de-fr set and raised eleven more false alarms in the
/// literary zh-en set, where a dropped "3K" is a translator's choice).
const FIGURES: usize = 2;
/// The share of unrelated pairs a similarity may reach and still be taken for a
/// neighbour's translation on its own (`beyond_chance`). Measured in the drift bench
/// (0.01 / 0.005 / 0.002 / 0): down to 0.002 the literary set lost only false alarms and
/// the de-fr set nothing; at 0 (above every sampled unrelated pair) both lost true ones.
const CHANCE: f64 = 0.002;
/// How many times likelier an unrelated pair must be than an aligned one to reach a
/// similarity this low, for a finding on similarity alone to be `major`.
const MAJOR_ODDS: f64 = 20.0;
/// A share of the document's own pairs below which a value counts as rare (for a short
/// translation to be a `major` partial omission). 2 % flagged a literary translation's
/// terse renderings ("She hung up." for a sentence three times as long) as alarms; a
/// sentence cut off mid-way has its own check since, so 1 % (measured in the drift bench).
const RARE: f64 = 0.01;
/// The least length, as a share of the mean sentence length on its side, of a sentence
/// whose gap in a merged bead can be `major` (0.5 / 0.75 / 1 / 1.5 measured in the drift
/// bench; 0.75 kept every recall and cut the literary set's false alarms by a fifth).
const SUBSTANTIAL: f64 = 0.75;

/// The share of `sorted` at or below `x`, smoothed (one more at or below, one more in
/// all) so a small or empty sample never says "never".
fn tail(sorted: &[f64], x: f64) -> f64 {
    (sorted.partition_point(|&v| v <= x) + 1) as f64 / (sorted.len() + 1) as f64
}

/// The share of aligned pairs at or below `x`, drawn towards a prior of 1 % as if 20
/// more pairs had been seen: a short document's handful of pairs proves little either
/// way, a long one's speak for themselves.
fn related_tail(sorted: &[f64], x: f64) -> f64 {
    const PRIOR: f64 = 0.01;
    const WEIGHT: f64 = 20.0;
    (sorted.partition_point(|&v| v <= x) as f64 + PRIOR * WEIGHT) / (sorted.len() as f64 + WEIGHT)
}

fn mean_len(v: &Vectors) -> f64 {
    range_len(&v.lengths, 0..v.len()) / v.len().max(1) as f64
}

fn range_len(lengths: &[f32], r: Range<usize>) -> f64 {
    lengths[r].iter().map(|&x| x as f64).sum()
}

fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}

fn quantile(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Some(v[((v.len() - 1) as f64 * q).round() as usize])
}

/// The sentences of a merged bead that `meaning` reports as a major gap: omitted
/// source sentences and added translation sentences.
#[derive(Default)]
struct Uncovered {
    source: Vec<usize>,
    target: Vec<usize>,
}

/// A sentence of a merged bead that the other side does not cover.
struct Gap {
    sentence: usize,
    /// Its similarity with the other side of the bead.
    similarity: f64,
    severity: Severity,
    /// Long enough to matter (`SUBSTANTIAL`).
    substantial: bool,
}

/// Meaning and coverage: the bead as a whole, each sentence of a merged bead, and the
/// length against the document's usual ratio.
/// Returns whether the bead as a whole looks like an unrelated pair.
fn meaning(input: &Input, c: &Calibration, index: usize, found: &mut Vec<Finding>, uncovered: &mut Uncovered) -> bool {
    let bead = &input.beads[index];
    let (a, b) = input.vectors.expect("calibrated from the vectors");
    let sim = c.similarity[index];
    let evidence = |extra: Value| {
        let mut e = json!({"similarity": round(sim), "document_typical": round(c.typical), "unrelated_level": round(c.unrelated)});
        if let (Value::Object(e), Value::Object(x)) = (&mut e, extra) {
            e.extend(x);
        }
        e
    };
    // In a merged bead, a sentence of one side that the other side does not cover was
    // dropped (or added). Uncovered: as dissimilar as unrelated pairs, and the bead is
    // no more alike with it than without it. Only a substantial sentence (not an
    // exclamation or a name) makes it a major finding.
    let part_findings =
        |own: &Vectors, other: &Vectors, mine: Range<usize>, theirs: Range<usize>, source_side: bool| {
            let mut out = Vec::new();
            if mine.len() < 2 {
                return out;
            }
            // Similarity of some of my rows with some of theirs, MT side first.
            let cos = |m: Range<usize>, t: Range<usize>| {
                if source_side {
                    features::range_cosine(own, m, other, t)
                } else {
                    features::range_cosine(other, t, own, m)
                }
            };
            let pair = |m: Range<usize>| cos(m, theirs.clone());
            let whole = pair(mine.clone());
            for k in mine.clone() {
                let part = pair(k..k + 1);
                let Some(level) = c.unrelated(part) else { continue };
                // Without a sentence at either end, the rest is still one range.
                let rest = if k == mine.start {
                    Some(k + 1..mine.end)
                } else if k + 1 == mine.end {
                    Some(mine.start..k)
                } else {
                    None
                };
                let adds_nothing = rest.is_some_and(|r| pair(r) >= whole);
                // Substantial: a sizeable part of the bead, and not much shorter than this
                // side's usual sentence. A short line that matches nothing ("He couldn't
                // do anything about it.") is often a translator's connective: a hint.
                let mean = if source_side { c.mean_len.0 } else { c.mean_len.1 };
                let substantial = own.lengths[k] as f64 >= 0.3 * range_len(&own.lengths, mine.clone())
                    && own.lengths[k] as f64 >= SUBSTANTIAL * mean;
                // A free translation often shares little with the MT sentence by sentence;
                // but a sentence that still matches its own bead better than any other
                // sentence nearby belongs here: only a weak sign of a gap.
                let belongs = nearby(&theirs, other.len()).all(|o| cos(k..k + 1, o..o + 1) < part);
                // Lengths are a second, independent witness: the bead's length is off the
                // document's usual ratio with the sentence and on it without.
                let (own_len, other_len) =
                    (range_len(&own.lengths, mine.clone()), range_len(&other.lengths, theirs.clone()));
                let z = |own_len: f64| {
                    if source_side {
                        c.length_z(own_len, other_len)
                    } else {
                        c.length_z(other_len, own_len)
                    }
                };
                let lengths_agree = z(own_len).abs() > 2.0 && z(own_len - own.lengths[k] as f64).abs() < 1.0;
                let severity = if substantial && !belongs && adds_nothing && (level == Severity::Major || lengths_agree)
                {
                    Severity::Major
                } else {
                    Severity::Minor
                };
                out.push(Gap { sentence: k, similarity: part, severity, substantial });
            }
            out
        };
    let before = found.len();
    let mut dropped = part_findings(a, b, bead.src.clone(), bead.tgt.clone(), true);
    let mut added = part_findings(b, a, bead.tgt.clone(), bead.src.clone(), false);
    // A source sentence at the bead's edge that the translation sentence just across that
    // edge clearly renders is not dropped: the boundary is a sentence off.
    let across = |i: usize| {
        let o = if i + 1 == bead.src.end {
            Some(bead.tgt.end)
        } else if i == bead.src.start {
            bead.tgt.start.checked_sub(1)
        } else {
            None
        };
        o.filter(|&o| o < b.len()).is_some_and(|o| c.alike(features::row_cosine(a, i, b, o)))
    };
    dropped.retain(|d| !across(d.sentence));
    // A source sentence and a translation sentence that both match nothing are one
    // sentence translated as something else: a mismatch, not a gap on each side.
    // An alarm when either gap is one, or both are whole sentences: in a free
    // translation's merged bead, short lines that match nothing on either side ('Works?'
    // for 'Of course!') are often only rendered differently.
    while let (Some(d), Some(e)) = (dropped.first(), added.first()) {
        let (i, j) = (d.sentence, e.sentence);
        let severity = if d.severity.max(e.severity) >= Severity::Major || (d.substantial && e.substantial) {
            Severity::Major
        } else {
            Severity::Minor
        };
        let pair = features::range_cosine(a, i..i + 1, b, j..j + 1);
        if c.unrelated(pair).is_none() {
            break;
        }
        dropped.remove(0);
        added.remove(0);
        found.push(Finding {
            kind: Kind::LowSimilarity,
            severity,
            message: format!(
                "source sentence {} and translation sentence {} {}say different things: similarity {pair:.2}, no more than unrelated sentences reach ({:.2})",
                i + 1,
                j + 1,
                if severity >= Severity::Major { "" } else { "perhaps " },
                c.unrelated
            ),
            evidence: evidence(json!({"source": input.source[i], "target": input.target[j], "pair_similarity": round(pair)})),
        });
    }
    for Gap { sentence: i, similarity: part, severity, .. } in dropped {
        if severity == Severity::Major {
            uncovered.source.push(i);
        }
        found.push(Finding {
            kind: Kind::Omission,
            severity,
            message: format!("partly omitted: source sentence {} is not covered by the translation", i + 1),
            evidence: evidence(json!({"source": input.source[i], "sentence_similarity": round(part)})),
        });
    }
    for Gap { sentence: j, similarity: part, severity, .. } in added {
        if severity == Severity::Major {
            uncovered.target.push(j);
        }
        found.push(Finding {
            kind: Kind::Addition,
            severity,
            message: format!("partly added: translation sentence {} matches nothing in the source", j + 1),
            evidence: evidence(json!({"target": input.target[j], "sentence_similarity": round(part)})),
        });
    }
    if found.len() > before {
        return false;
    }
    // A translation far shorter than the MT lost part of it, whatever the rest says.
    let x = range_len(&a.lengths, bead.src.clone());
    let y = range_len(&b.lengths, bead.tgt.clone());
    let (ratio, z) = if x > 0.0 && y > 0.0 {
        let ratio = y / x / c.ratio;
        (ratio, ratio.ln() / c.ratio_spread)
    } else {
        (1.0, 0.0)
    };
    let short = ratio < 0.6 && z < -2.0;
    // (A sentence found cut off has said so already.)
    if short && !found.iter().any(|f| f.kind == Kind::Omission) {
        found.push(Finding {
            kind: Kind::Omission,
            severity: if ratio < 0.45 && c.rare_ratio(ratio) { Severity::Major } else { Severity::Minor },
            message: format!("partly omitted: the translation is {:.0}% of the length the MT suggests", ratio * 100.0),
            evidence: evidence(json!({"length_ratio": round(ratio)})),
        });
    }
    // A cut sentence shares less with the MT only for being short: what is left of it
    // would be about as alike with the matching part of the MT (a cosine of a part
    // against the whole falls with the square root of its share). So judged, a short
    // translation that still does not look like one (below the midpoint between unrelated
    // and typical pairs) says something else as well.
    let unrelated = if short {
        let judged = sim / ratio.sqrt();
        (!c.alike(judged)).then(|| c.unrelated(sim).unwrap_or(Severity::Minor))
    } else {
        c.unrelated(sim)
    };
    if let Some(severity) = unrelated {
        // A pair of unrelated sentences next to where each one's counterpart is, is an
        // alignment shifted by a sentence that has no counterpart: say which. Only a sure
        // shift outweighs a translation that renders a sentence far from here; a likely
        // one (a free translation's neighbour sharing a little more) does not.
        let misplaced = || {
            bead.tgt.clone().find_map(|j| {
                let (i, x) = rendered_elsewhere(c, a, b, j, &bead.src)?;
                Some(Finding {
                    kind: Kind::LowSimilarity,
                    severity: Severity::Major,
                    message: format!(
                        "the translation says something else than the MT (similarity {sim:.2}, no more than unrelated sentences of this document reach): translation sentence {} renders source sentence {}, far from here (similarity {x:.2}) — a sentence in the wrong place, or the translation of another one",
                        j + 1,
                        i + 1
                    ),
                    evidence: evidence(json!({"renders_source_sentence": i, "elsewhere_similarity": round(x)})),
                })
            })
        };
        let shift = match shifted(input, c, index, sim, severity) {
            Some(sure) if sure.severity >= Severity::Major => Some(sure),
            likely => misplaced().or(likely),
        };
        if let Some(finding) = shift {
            found.push(finding);
            return true;
        }
        found.push(Finding {
            kind: Kind::LowSimilarity,
            severity,
            message: format!(
                "the translation says something else than the MT: similarity {:.2}, no more than unrelated sentences of this document reach ({:.2}; typical pairs {:.2})",
                sim, c.unrelated, c.typical
            ),
            evidence: evidence(json!({})),
        });
        return true;
    }
    if short {
        return false;
    }
    if z.abs() > 4.0 {
        found.push(Finding {
            kind: Kind::LengthRatio,
            severity: Severity::Minor,
            message: format!(
                "{} than usual in this document: {:.0}% of the expected length",
                if z > 0.0 { "longer" } else { "shorter" },
                ratio * 100.0
            ),
            evidence: evidence(json!({"length_ratio": round(ratio), "robust_z": round(z)})),
        });
    }
    false
}

/// For an unrelated-looking bead: whether its translation renders a neighbouring source
/// sentence (so its own source sentences were omitted), or its source is rendered by a
/// neighbouring translation sentence (so its own translation was added).
/// A neighbour that looks like a translation makes the finding `major`; one that is only
/// likelier than the bead's own pair and beyond what unrelated pairs reach names the gap
/// at the severity the similarity alone earns (`weak`): in a free translation a true
/// neighbour often shares little with the MT, and the kind of the gap is still the
/// likelier reading than "says something else".
fn shifted(input: &Input, c: &Calibration, index: usize, sim: f64, weak: Severity) -> Option<Finding> {
    let (a, b) = input.vectors?;
    let bead = &input.beads[index];
    // Each neighbouring source sentence against this translation, and each neighbouring
    // translation sentence against this source.
    let src_near: Vec<(usize, f64)> =
        neighbours(&bead.src, a.len()).map(|i| (i, features::range_cosine(a, i..i + 1, b, bead.tgt.clone()))).collect();
    let tgt_near: Vec<(usize, f64)> =
        neighbours(&bead.tgt, b.len()).map(|j| (j, features::range_cosine(a, bead.src.clone(), b, j..j + 1))).collect();
    let strong = |&(_, x): &(usize, f64)| c.alike(x) && c.beyond_chance(x) && x > sim;
    // A match of short text rests on a word or two ("Littérature :" in a sentence about
    // the literature): no sure witness.
    let mt_text = |r: Range<usize>| input.mt.map_or(String::new(), |mt| join(mt, r, input.target_lang));
    let substantive = |mt: Range<usize>, tgt: Range<usize>| {
        !short(&mt_text(mt)) && !short(&join(input.target, tgt, input.target_lang))
    };
    // The weak reading also needs the neighbour's own bead to gain from this bead's text
    // (`gains_source`, `gains_target`): a sentence swapped for unrelated text may share a
    // little with the next source sentence too, but joined to that sentence's bead it
    // only dilutes it.
    let likelier = |&(_, x): &(usize, f64)| x > c.unrelated && x > sim;
    let nothing = 0..0;
    // Whether the bead holding source sentence i (or translation sentence j) is more
    // alike with this bead's translation (or source) joined to it.
    let holding = |side: fn(&Bead) -> &Range<usize>, k: usize| {
        let at = input.beads.partition_point(|bd| side(bd).end <= k);
        input.beads.get(at).filter(|bd| side(bd).contains(&k))
    };
    let gains_source = |i: usize| holding(|bd| &bd.src, i).is_some_and(|bd| gains_from(a, b, bd, &nothing, &bead.tgt));
    let gains_target = |j: usize| holding(|bd| &bd.tgt, j).is_some_and(|bd| gains_from(a, b, bd, &bead.src, &nothing));
    // Below `major` the reading is a likelihood, and the message says so.
    let hedge = |severity: Severity, sure: &'static str, likely: &'static str| {
        if severity >= Severity::Major {
            sure
        } else {
            likely
        }
    };
    let omission = |i: usize, severity: Severity| {
        let src = join(input.source, bead.src.clone(), input.source_lang);
        Finding {
            kind: Kind::Omission,
            severity,
            message: format!(
                "{}: {} — the translation here {} source sentence {} instead",
                hedge(severity, "not translated", "perhaps not translated"),
                quote(&src),
                hedge(severity, "renders", "seems to render"),
                i + 1
            ),
            evidence: json!({"source": src, "similarity": round(sim), "renders_source_sentence": i}),
        }
    };
    let addition = |j: usize, severity: Severity| {
        let tgt = join(input.target, bead.tgt.clone(), input.target_lang);
        Finding {
            kind: Kind::Addition,
            severity,
            message: format!(
                "{}: {} — the source here {} by translation sentence {}",
                hedge(severity, "added", "perhaps added"),
                quote(&tgt),
                hedge(severity, "is rendered", "seems to be rendered"),
                j + 1
            ),
            evidence: json!({"target": tgt, "similarity": round(sim), "rendered_by_target_sentence": j}),
        }
    };
    // Even then, where this bead's own text also goes well with the bead beside it, the
    // aligner may only have drawn a boundary one sentence off: worth a look, no alarm.
    // So too where the neighbour joined to this bead's own text matches better than alone:
    // the translation renders both (two sentences translated as one).
    if let Some(&(i, x)) = src_near.iter().find(|n| strong(n) && substantive(n.0..n.0 + 1, bead.tgt.clone())) {
        let boundary = fits_beside(input, index, &bead.src, &nothing).is_some()
            || features::range_cosine(a, span(&bead.src, &(i..i + 1)), b, bead.tgt.clone()) > x;
        return Some(omission(i, if boundary { weak } else { Severity::Major }));
    }
    if let Some(&(j, x)) = tgt_near.iter().find(|n| strong(n) && substantive(bead.src.clone(), n.0..n.0 + 1)) {
        let boundary = fits_beside(input, index, &nothing, &bead.tgt).is_some()
            || features::range_cosine(a, bead.src.clone(), b, span(&bead.tgt, &(j..j + 1))) > x;
        return Some(addition(j, if boundary { weak } else { Severity::Major }));
    }
    if let Some(&(i, _)) = src_near.iter().find(|n| likelier(n) && gains_source(n.0)) {
        return Some(omission(i, weak));
    }
    tgt_near.iter().find(|n| likelier(n) && gains_target(n.0)).map(|&(j, _)| addition(j, weak))
}

/// The bead just before or after bead `index` that matches better with the sentences
/// `src` and `tgt` of bead `index` joined to it, if one does.
fn fits_beside<'a>(input: &Input<'a>, index: usize, src: &Range<usize>, tgt: &Range<usize>) -> Option<&'a Bead> {
    let (a, b) = input.vectors?;
    let around = [index.checked_sub(1), Some(index + 1)];
    around
        .into_iter()
        .flatten()
        .filter_map(|k| input.beads.get(k))
        .find(|nb| !nb.src.is_empty() && !nb.tgt.is_empty() && gains_from(a, b, nb, src, tgt))
}

/// Whether `bead` is more alike with the sentences `src` and `tgt` (next to it, either
/// may be empty) joined to it: they belong with it rather than standing alone.
fn gains_from(a: &Vectors, b: &Vectors, bead: &Bead, src: &Range<usize>, tgt: &Range<usize>) -> bool {
    let before = features::range_cosine(a, bead.src.clone(), b, bead.tgt.clone());
    features::range_cosine(a, span(&bead.src, src), b, span(&bead.tgt, tgt)) > before
}

/// The smallest range covering two adjacent ranges (an empty one adds nothing).
fn span(x: &Range<usize>, y: &Range<usize>) -> Range<usize> {
    match (x.is_empty(), y.is_empty()) {
        (_, true) => x.clone(),
        (true, false) => y.clone(),
        (false, false) => x.start.min(y.start)..x.end.max(y.end),
    }
}

/// How far around a bead `nearby` looks.
const NEARBY: usize = 5;

/// Up to `NEARBY` sentences on each side of `range`.
fn nearby(range: &Range<usize>, len: usize) -> impl Iterator<Item = usize> {
    (range.start.saturating_sub(NEARBY)..range.start).chain(range.end..(range.end + NEARBY).min(len))
}

/// The source sentence away from `src` (beyond `nearby`) whose MT translation sentence
/// `j` matches as closely as this document's clearest translations do, if there is one:
/// a sentence in the wrong place, or the translation of another sentence pasted here (a
/// memory match for a similar sentence).
fn rendered_elsewhere(
    c: &Calibration,
    mt: &Vectors,
    target: &Vectors,
    j: usize,
    src: &Range<usize>,
) -> Option<(usize, f64)> {
    let norm = target.dot(j, target, j).sqrt();
    let near = src.start.saturating_sub(NEARBY)..src.end + NEARBY;
    (src.start.saturating_sub(c.far)..(src.end + c.far).min(mt.len()))
        .filter(|i| !near.contains(i))
        .map(|i| {
            let norms = c.mt_norms[i] * norm;
            (i, if norms > 0.0 { (mt.dot(i, target, j) / norms) as f64 } else { 0.0 })
        })
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .filter(|&(_, sim)| sim >= c.clear)
}

/// The sentences just before and just after `range`, where they exist.
fn neighbours(range: &Range<usize>, len: usize) -> impl Iterator<Item = usize> {
    let before = range.start.checked_sub(1);
    let after = Some(range.end).filter(|&e| e < len);
    before.into_iter().chain(after)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The numbers of the sentences just before and just after a bead (not the bead's own:
/// a number the source has twice and the translation once is still missing).
struct Nearby {
    source: Vec<Quantity>,
    target: Vec<Quantity>,
}

impl Nearby {
    /// Each neighbour read on its own, so figures at the end of one sentence and the
    /// start of the next never run together into one number.
    fn quantities(texts: &[&str], range: &Range<usize>, lang: &str) -> Vec<Quantity> {
        neighbours(range, texts.len()).flat_map(|i| numbers::quantities(texts[i], lang)).collect()
    }
}

/// Numbers in the source that the translation lost or changed, and numbers it made up.
/// A number the neighbouring sentences have is left alone: where one sentence ends is
/// the alignment's guess, and the number is then translated, one sentence away.
/// `langs`: the source's language and the translation's (the MT's too).
/// Returns how many of the source's figures the MT confirms, and how many of those the
/// translation lost (not in it, nor in a sentence beside it).
fn number_check(
    src: &str,
    mt: Option<&str>,
    tgt: &str,
    langs: (&str, &str),
    near: &Nearby,
    found: &mut Vec<Finding>,
) -> (usize, usize) {
    let (near_source, near_target) = (&near.source, &near.target);
    let source = numbers::quantities(src, langs.0);
    let mut target: Vec<(Quantity, bool)> = numbers::quantities(tgt, langs.1).into_iter().map(|q| (q, false)).collect();
    // "2.70" written as "2 fr. 70" or "15.30" as "15 h 30": a decimal whose two parts
    // both appear is the same figure.
    let source: Vec<Quantity> = source
        .into_iter()
        .filter(|s| {
            let Some((whole, fraction)) = numbers::decimal_parts(&s.text) else { return true };
            if target.iter().any(|(t, _)| t.same_value(s)) {
                return true;
            }
            // An unused plain target number of value `v`, other than `not`.
            let free = |v: f64, not: Option<usize>| {
                (0..target.len()).find(|&k| {
                    Some(k) != not && !target[k].1 && target[k].0.unit == Unit::Plain && target[k].0.value == v
                })
            };
            let Some((w, f)) = free(whole, None).and_then(|w| Some((w, free(fraction, Some(w))?))) else { return true };
            target[w].1 = true;
            target[f].1 = true;
            false
        })
        .collect();
    let mt_numbers = mt.map(|mt| numbers::quantities(mt, langs.1)).unwrap_or_default();
    let in_mt = |q: &Quantity| mt_numbers.iter().any(|m| m.same_value(q));
    let figure = |q: &Quantity| !q.soft && in_mt(q);
    let figures = source.iter().filter(|q| figure(q)).count();
    let mut missing = Vec::new();
    // Exact matches first, then the same value with another unit (40% → 40세).
    let mut rest = Vec::new();
    for s in source {
        match target.iter_mut().find(|(t, used)| !used && t.same_value(&s) && t.unit == s.unit) {
            Some(t) => t.1 = true,
            None => rest.push(s),
        }
    }
    for s in rest {
        match target.iter_mut().find(|(t, used)| !used && t.same_value(&s)) {
            Some((t, used)) => {
                *used = true;
                // Spelled-out numbers change form freely ("a hundred times no", "la
                // troisième fois"): a unit is compared between figures.
                if (s.unit != Unit::Plain || t.unit != Unit::Plain) && !s.soft && !t.soft {
                    let around = context(tgt, &t.text);
                    found.push(Finding {
                        kind: Kind::NumberMismatch,
                        severity: Severity::Critical,
                        message: format!(
                            "unit changed: {} ({}) in the source is {} ({}) in the translation: “{around}”",
                            quote(&s.text),
                            unit_name(s.unit),
                            quote(&t.text),
                            unit_name(t.unit)
                        ),
                        evidence: json!({"source": s.text, "target": t.text, "source_unit": s.unit, "target_unit": t.unit, "target_context": around}),
                    });
                }
            }
            None => missing.push(s),
        }
    }
    // A spelled-out number is only reported when the MT writes it as a figure (三千 as
    // "3,000"): one the MT spells out too ("zwei", "deux") may well be paraphrased.
    let in_mt_figures = |q: &Quantity| mt_numbers.iter().any(|m| !m.soft && m.same_value(q));
    missing.retain(|s| !near_target.iter().any(|t| t.same_value(s)));
    let lost = missing.iter().filter(|q| figure(q)).count();
    let extra: Vec<Quantity> = target
        .into_iter()
        .filter(|(t, used)| !used && !in_mt(t) && !near_source.iter().any(|s| s.same_value(t)))
        .map(|(t, _)| t)
        .collect();
    // List markers and ordinals ("2.", "（三）", "2e", "第三") are soft, as the other side
    // may leave them out or spell them out; but one on each side, neither matched, is a
    // changed number ("9." for "2." in a numbered list).
    let numbering = |q: &Quantity| q.numbering;
    let renumbered = missing.iter().any(numbering) && extra.iter().any(numbering);
    missing.retain(|s| !s.soft || in_mt_figures(s) || (renumbered && s.numbering));
    let extra: Vec<Quantity> = extra.into_iter().filter(|t| !t.soft || (renumbered && t.numbering)).collect();
    let texts = |qs: &[Quantity]| qs.iter().map(|q| q.text.clone()).collect::<Vec<_>>();
    if !missing.is_empty() && !extra.is_empty() {
        // A renumbered list item or ordinal changes less than a changed figure.
        let renumbered_only = missing.iter().chain(&extra).all(|q| q.soft);
        found.push(Finding {
            kind: Kind::NumberMismatch,
            severity: if renumbered_only { Severity::Major } else { Severity::Critical },
            message: format!(
                "{}: {} in the source, {} in the translation",
                if renumbered_only { "list item or ordinal renumbered" } else { "number changed" },
                texts(&missing).join(", "),
                texts(&extra).join(", ")
            ),
            evidence: json!({"source": texts(&missing), "target": texts(&extra)}),
        });
    } else if !missing.is_empty() {
        // A lost number written in digits and confirmed by the MT matters; a spelled-out
        // one may live on as a word ("the fifteenth team"), and an unconfirmed one may be
        // a misreading of ours.
        let confirmed = missing.iter().any(|q| !q.soft && in_mt(q));
        found.push(Finding {
            kind: Kind::NumberMismatch,
            severity: if confirmed { Severity::Major } else { Severity::Minor },
            message: format!("number missing from the translation: {}", texts(&missing).join(", ")),
            evidence: json!({"source": texts(&missing)}),
        });
    } else if !extra.is_empty() {
        // Translators add years and figures to explain; worth a glance, not an alarm.
        found.push(Finding {
            kind: Kind::NumberMismatch,
            severity: Severity::Minor,
            message: format!("number in the translation but not in the source: {}", texts(&extra).join(", ")),
            evidence: json!({"target": texts(&extra)}),
        });
    }
    (figures, lost)
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Plain => "no unit",
        Unit::Percent => "percent",
        Unit::Permille => "per mille",
        Unit::Times => "a multiple",
    }
}

/// A few words around `needle` in `text`, to show what a number was turned into.
fn context(text: &str, needle: &str) -> String {
    let Some(at) = text.find(needle) else { return quote(text) };
    let chars: Vec<char> = text.chars().collect();
    let start = text[..at].chars().count();
    let end = start + needle.chars().count();
    let (from, to) = (start.saturating_sub(16), (end + 16).min(chars.len()));
    let mut s: String = chars[from..to].iter().collect();
    if from > 0 {
        s = format!("…{s}");
    }
    if to < chars.len() {
        s.push('…');
    }
    s
}

/// Target text still in the source language or script; says whether it found some.
fn untranslated(
    input: &Input,
    readers: &Readers,
    bead: &Bead,
    src: &str,
    mt: Option<&str>,
    tgt: &str,
    found: &mut Vec<Finding>,
) -> bool {
    // The bead as a whole, or else each of its translation sentences: one sentence left
    // in the source language beside a translated one is a small share of the bead's
    // letters (a Chinese sentence has few letters beside an English one). Sentence by
    // sentence only the script and a copy count: a language guess on one short sentence
    // of a same-script pair is too often wrong.
    let (text, reason, which) = match untranslated_reason(input, readers, src, tgt, true) {
        Some(reason) => (tgt, reason, None),
        None if bead.tgt.len() > 1 => {
            let Some((j, reason)) = bead
                .tgt
                .clone()
                .find_map(|j| Some((j, untranslated_reason(input, readers, src, input.target[j], false)?)))
            else {
                return false;
            };
            (input.target[j], reason, Some(j))
        }
        None => return false,
    };
    let reason = match which {
        Some(j) => format!("translation sentence {} — {reason}", j + 1),
        None => reason,
    };
    // Where the MT keeps the text (nearly) as it is too, it is names or a title: left as
    // written on purpose, most likely. ("Nanga Parbat, Cho Oyu, le Gasherbrum.")
    let letters_of =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let kept_by_mt = mt.is_some_and(|mt| {
        let (mt, text) = (letters_of(mt), letters_of(text));
        similar::TextDiff::from_chars(mt.as_str(), text.as_str()).ratio() >= 0.9
    });
    found.push(Finding {
        kind: Kind::Untranslated,
        severity: if kept_by_mt { Severity::Minor } else { Severity::Major },
        message: if kept_by_mt {
            format!("untranslated: {reason}; the MT leaves it as it is too (names or a title?)")
        } else {
            format!("untranslated: {reason}")
        },
        evidence: json!({"target": text, "source_lang": input.source_lang, "target_lang": input.target_lang}),
    });
    true
}

/// Language detection for text left in the source language: between the pair's two
/// languages, which tells close ones apart best, and over every language, so that text in
/// a third language (an English title in a French translation of German) is not taken
/// for the source language for being more like it than like the target.
struct Readers {
    pair: Detector,
    open: Detector,
}

impl Readers {
    fn new(input: &Input) -> Option<Readers> {
        let pair = Detector::new(&[input.source_lang.to_string(), input.target_lang.to_string()]).ok()?;
        Some(Readers { pair, open: Detector::new(&[]).ok()? })
    }

    /// Whether `text` reads as the source language, and as no third one.
    fn in_source(&self, input: &Input, text: &str) -> bool {
        let pair = self.pair.detect(text);
        let third = || {
            let open = self.open.detect(text);
            open.reliable && open.lang != input.source_lang && open.lang != input.target_lang
        };
        pair.reliable && pair.lang == input.source_lang && !third()
    }
}

/// Why `tgt` reads as text left in the source language, if it does (`guess`: also by
/// detecting its language).
fn untranslated_reason(input: &Input, readers: &Readers, src: &str, tgt: &str, guess: bool) -> Option<String> {
    let (source_script, target_script) = (script::of_lang(input.source_lang), script::of_lang(input.target_lang));
    let letters = tgt.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return None;
    }
    if source_script != target_script {
        let share = script::share(tgt, source_script);
        (share >= 0.5).then(|| format!("{:.0}% of its letters are in the source's script", share * 100.0))
    } else if src.is_empty() {
        None
    } else if same_text(src, tgt) && letters >= 8 {
        Some("it is the source text, copied".to_string())
    } else if guess {
        (letters >= 20 && input.source_lang != input.target_lang && readers.in_source(input, tgt))
            .then(|| format!("it reads as {} (the source language)", input.source_lang))
    } else {
        None
    }
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// Which translation sentences have the same text (white space made single), and the
/// beads each such text appears in, in bead order. Short lines (`short`: a heading,
/// "Yes.") are left out.
struct Copies {
    /// Per translation sentence, its text's group, if it has one.
    group: Vec<Option<usize>>,
    /// Per group, the beads holding its text.
    beads: Vec<Vec<usize>>,
}

impl Copies {
    fn of(input: &Input) -> Copies {
        let mut groups: HashMap<String, usize> = HashMap::new();
        let mut copies = Copies { group: vec![None; input.target.len()], beads: Vec::new() };
        for (index, bead) in input.beads.iter().enumerate() {
            for j in bead.tgt.clone() {
                let text = input.target[j].split_whitespace().collect::<Vec<_>>().join(" ");
                if short(&text) {
                    continue;
                }
                let next = groups.len();
                let g = *groups.entry(text).or_insert(next);
                if g == next {
                    copies.beads.push(Vec::new());
                }
                copies.beads[g].push(index);
                copies.group[j] = Some(g);
            }
        }
        copies
    }

    /// The beads holding translation sentence `j`'s text, its own included.
    fn of_sentence(&self, j: usize) -> &[usize] {
        self.group[j].map_or(&[], |g| self.beads[g].as_slice())
    }
}

/// A target sentence repeated where the source is not.
fn duplicates(input: &Input, index: usize, copies: &Copies, found: &mut Vec<Finding>) {
    let bead = &input.beads[index];
    for j in bead.tgt.clone() {
        let Some(&first) = copies.of_sentence(j).first().filter(|&&first| first != index) else { continue };
        let src = join(input.source, bead.src.clone(), input.source_lang);
        let first_src = join(input.source, input.beads[first].src.clone(), input.source_lang);
        if !same_text(&src, &first_src) {
            found.push(Finding {
                kind: Kind::Duplicate,
                severity: Severity::Minor,
                message: format!("repeated: translation sentence {} already appears in bead {}", j + 1, first + 1),
                evidence: json!({"target": input.target[j], "first_bead": first}),
            });
        }
    }
}

/// A translation sentence that is word for word one that elsewhere clearly translates its
/// own source, where it translates nothing: a sentence pasted in the wrong place (a copy,
/// or a translation memory's match for another segment). In an unrelated-looking bead it
/// is a major mismatch, in place of the bead's own hint that its two sides differ; at the
/// edge of a merged bead that is as alike without it, a major addition (in place of the
/// finding that only says it matches nothing).
fn pasted(input: &Input, c: &Calibration, index: usize, copies: &Copies, found: &mut Vec<Finding>) {
    let sim = c.similarity[index];
    let bead = &input.beads[index];
    if bead.src.is_empty() {
        return;
    }
    // The copy alone on its side, or a whole sentence (`SUBSTANTIAL`): beside other
    // lines, a short repeated line of a free translation ("Old Hai humphed.") is more
    // often the author's own refrain.
    let (a, b) = input.vectors.expect("calibrated from the vectors");
    let whole = |j: &usize| bead.tgt.len() == 1 || b.lengths[*j] as f64 >= SUBSTANTIAL * c.mean_len.1;
    let copy_of = |j: usize| copies.of_sentence(j).iter().find(|&&m| m != index && c.clearly_related(m)).copied();
    let copy = |j: usize, other: usize| {
        format!(
            "translation sentence {} repeats the translation of source {} in bead {}",
            j + 1,
            sentences(&input.beads[other].src),
            other + 1
        )
    };
    if c.unrelated(sim).is_some() {
        // A major reading already says what happened here (a shifted pair, a sentence
        // from far away).
        if found.iter().any(|f| f.severity >= Severity::Major) {
            return;
        }
        let Some((j, other)) = bead.tgt.clone().filter(whole).find_map(|j| Some((j, copy_of(j)?))) else { return };
        found.retain(|f| f.kind != Kind::LowSimilarity);
        found.push(Finding {
            kind: Kind::LowSimilarity,
            severity: Severity::Major,
            message: format!(
                "the translation says something else than the MT (similarity {sim:.2}, no more than unrelated sentences of this document reach): {} — a sentence pasted in the wrong place",
                copy(j, other)
            ),
            evidence: json!({"similarity": round(sim), "unrelated_level": round(c.unrelated), "copy_of_bead": other}),
        });
        return;
    }
    if bead.tgt.len() < 2 {
        return;
    }
    let edges =
        [(bead.tgt.start, bead.tgt.start + 1..bead.tgt.end), (bead.tgt.end - 1, bead.tgt.start..bead.tgt.end - 1)];
    let added = edges.into_iter().filter(|(j, _)| whole(j)).find_map(|(j, rest)| {
        let other = copy_of(j)?;
        (features::range_cosine(a, bead.src.clone(), b, rest) >= sim).then_some((j, other))
    });
    let Some((j, other)) = added else { return };
    found.retain(|f| !(f.kind == Kind::Addition && f.evidence["target"] == input.target[j]));
    found.push(Finding {
        kind: Kind::Addition,
        severity: Severity::Major,
        message: format!(
            "added: {}, and the bead is as alike without it — a sentence pasted in the wrong place",
            copy(j, other)
        ),
        evidence: json!({"target": input.target[j], "copy_of_bead": other}),
    });
}

/// Counts of findings by kind and by severity, and the drift score: the share of source
/// and target sentences in beads with a major or critical finding, in percent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub total: usize,
    pub by_kind: BTreeMap<&'static str, usize>,
    pub by_severity: BTreeMap<&'static str, usize>,
    pub drift_score: f64,
}

impl Summary {
    pub fn of(beads: &[Bead], findings: &[Vec<Finding>]) -> Summary {
        let mut s = Summary::default();
        let (mut drifted, mut all) = (0usize, 0usize);
        for (bead, f) in beads.iter().zip(findings) {
            let size = bead.src.len() + bead.tgt.len();
            all += size;
            if f.iter().any(|x| x.severity >= Severity::Major) {
                drifted += size;
            }
            for x in f {
                s.total += 1;
                *s.by_kind.entry(x.kind.as_str()).or_insert(0) += 1;
                *s.by_severity.entry(x.severity.as_str()).or_insert(0) += 1;
            }
        }
        s.drift_score = if all == 0 { 0.0 } else { round(100.0 * drifted as f64 / all as f64) };
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_text::sentence;

    /// The number findings on a German source, its French MT and translation.
    fn numbers(src: &str, mt: &str, tgt: &str, near_src: &str, near_tgt: &str) -> Vec<(Severity, String)> {
        let near = Nearby { source: numbers::quantities(near_src, "de"), target: numbers::quantities(near_tgt, "fr") };
        let mut found = Vec::new();
        number_check(src, Some(mt), tgt, ("de", "fr"), &near, &mut found);
        found.into_iter().map(|f| (f.severity, f.message)).collect()
    }

    #[test]
    fn roman_numerals_and_split_decimals_are_the_same_numbers() {
        assert_eq!(
            numbers("Lager 4 stand auf 6000 m.", "Camp 4 était à 6000 m.", "Le camp IV était à 6000 m.", "", ""),
            []
        );
        assert_eq!(numbers("Er erhält 2.70 Franken.", "Il reçoit 2,70 francs.", "Il reçoit 2 fr . 70 .", "", ""), []);
        // A changed figure is still one.
        let found = numbers("Er erhält 2.70 Franken.", "Il reçoit 2,70 francs.", "Il reçoit 2 fr . 80 .", "", "");
        assert!(found.iter().any(|(s, m)| *s == Severity::Critical && m.contains("2.70")), "{found:?}");
    }

    #[test]
    fn a_number_the_translation_spells_out_is_the_same_number() {
        let found =
            numbers("Sie bestiegen 2 Gipfel.", "Ils ont gravi 2 sommets.", "Ils gravirent deux sommets.", "", "");
        assert_eq!(found, []);
        let found =
            numbers("Sie bestiegen 3 Gipfel.", "Ils ont gravi 3 sommets.", "Ils gravirent deux sommets.", "", "");
        assert!(found.iter().any(|(s, m)| *s == Severity::Major && m.contains('3')), "{found:?}");
    }

    #[test]
    fn a_renumbered_list_item_is_a_changed_number_and_a_dropped_marker_is_not() {
        let src = "2. Dem Offizier sind monatlich 200 Rupien zu zahlen.";
        let mt = "2ème L'officier doit recevoir 200 roupies par mois.";
        let renumbered = numbers(src, mt, "9. L'expédition paiera 200 roupies par mois à l'officier.", "", "");
        assert!(
            renumbered
                .iter()
                .any(|(s, m)| *s == Severity::Major && m.contains("renumbered: 2 in the source, 9 in the translation")),
            "{renumbered:?}"
        );
        assert_eq!(numbers(src, mt, "2. L'expédition paiera 200 roupies par mois à l'officier.", "", ""), []);
        assert_eq!(numbers(src, mt, "L'expédition paiera 200 roupies par mois à l'officier.", "", ""), []);
    }

    #[test]
    fn a_chinese_list_marker_renumbered_is_a_changed_number_and_dropped_is_not() {
        let check = |src: &str, mt: &str, tgt: &str| {
            let mut found = Vec::new();
            let near = Nearby { source: Vec::new(), target: Vec::new() };
            number_check(src, Some(mt), tgt, ("zh", "en"), &near, &mut found);
            found.into_iter().map(|f| (f.severity, f.message)).collect::<Vec<_>>()
        };
        let (src, mt) = ("（三）加强监测", "(3) Strengthen monitoring");
        let renumbered = check(src, mt, "(4) Strengthening monitoring");
        assert!(
            renumbered.iter().any(|(s, m)| *s == Severity::Major && m.contains("renumbered: 三 in the source, 4")),
            "{renumbered:?}"
        );
        assert_eq!(check(src, mt, "(3) Strengthening monitoring"), []);
        assert_eq!(check(src, mt, "Strengthening monitoring"), []);
        assert_eq!(check("一、总体要求", "1. General requirements", "I. General requirements"), []);
    }

    #[test]
    fn a_number_in_the_neighbouring_sentence_is_left_to_the_alignment() {
        let src = "Am 9. Mai erreichten sie den Gipfel (Liste Nr. 57).";
        let mt = "Le 9 mai, ils ont atteint le sommet (liste n° 57).";
        let tgt = "Le sommet fut atteint le 9 mai.";
        let lost = numbers(src, mt, tgt, "", "");
        assert!(lost.iter().any(|(s, m)| *s == Severity::Major && m.contains("57")), "{lost:?}");
        assert_eq!(numbers(src, mt, tgt, "", "(N° 57 de la liste.)"), []);
    }

    /// The findings on bead `index` of `target`, aligned as `beads`, as the translation of
    /// 24 made-up source sentences whose MT is `sentence(k)`.
    fn findings_on(index: usize, target: &[String], beads: &[Bead]) -> Vec<Finding> {
        let source = (0..24).map(|k| sentence(500 + k)).collect();
        findings_with(index, source, (0..24).map(sentence).collect(), target, beads)
    }

    /// The same with `source` and its MT `mt`.
    fn findings_with(
        index: usize,
        source: Vec<String>,
        mt: Vec<String>,
        target: &[String],
        beads: &[Bead],
    ) -> Vec<Finding> {
        let (a, b) = features::embed(&mt, target);
        let source: Vec<&str> = source.iter().map(String::as_str).collect();
        let target: Vec<&str> = target.iter().map(String::as_str).collect();
        check(&input(beads, &source, &target, Some(&mt), ("zh", "fr"), Some((&a, &b)))).remove(index)
    }

    /// The checks' input for a document pair in languages `langs`, without a glossary.
    fn input<'a>(
        beads: &'a [Bead],
        source: &'a [&'a str],
        target: &'a [&'a str],
        mt: Option<&'a [String]>,
        (source_lang, target_lang): (&'a str, &'a str),
        vectors: Option<(&'a Vectors, &'a Vectors)>,
    ) -> Input<'a> {
        Input { beads, source, target, mt, source_lang, target_lang, vectors, glossary: None }
    }

    /// The six words of made-up sentence `k`.
    fn words(k: usize) -> Vec<String> {
        sentence(k).trim_end_matches('.').split(' ').map(str::to_string).collect()
    }

    /// The findings on a translation that renders 24 sentences faithfully, plus `extra`
    /// after the eleventh, aligned 1-2 with it.
    fn with_an_extra_sentence(extra: &str) -> Vec<Finding> {
        let mut target: Vec<String> = (0..24).map(sentence).collect();
        target.insert(11, extra.to_string());
        findings_on(10, &target, &with_one_merged(10))
    }

    /// 24 beads 1-1, except bead `at`, which holds translation sentence `at` and the one
    /// inserted after it.
    fn with_one_merged(at: usize) -> Vec<Bead> {
        (0..24)
            .map(|k| match k {
                _ if k < at => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                _ if k == at => Bead { src: k..k + 1, tgt: k..k + 2, cost: 0.0 },
                _ => Bead { src: k..k + 1, tgt: k + 1..k + 2, cost: 0.0 },
            })
            .collect()
    }

    /// The findings on bead 11 of `target` with its twelfth sentence replaced.
    fn eleventh(target_11: String, beads: Vec<Bead>, mut target: Vec<String>) -> Vec<Finding> {
        target[11] = target_11;
        findings_on(11, &target, &beads)
    }

    #[test]
    fn a_pair_shifted_by_an_omission_names_it_and_a_swapped_sentence_does_not() {
        // Source sentence 11 left out; the next one rendered loosely (three words of six in
        // common with its MT), and the aligner pairs it with source 11 and merges 12-13.
        let loose = [&words(12)[..3], &words(777)[..3]].concat().join(" ") + ".";
        let target: Vec<String> = (0..24).filter(|&k| k != 11).map(sentence).collect();
        let beads: Vec<Bead> = (0..23)
            .map(|k| match k {
                0..12 => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                12 => Bead { src: 12..14, tgt: 12..13, cost: 0.0 },
                _ => Bead { src: k + 1..k + 2, tgt: k..k + 1, cost: 0.0 },
            })
            .collect();
        let found = eleventh(loose, beads, target);
        assert!(
            found.iter().any(|f| f.kind == Kind::Omission && f.message.contains("seems to render source sentence 13")),
            "{found:?}"
        );
        // The same place with an unrelated sentence swapped in: no neighbour gains from it.
        let target: Vec<String> = (0..24).map(sentence).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let found = eleventh(sentence(777), beads, target);
        assert!(found.iter().any(|f| f.kind == Kind::LowSimilarity), "{found:?}");
        assert!(found.iter().all(|f| f.kind != Kind::Omission && f.kind != Kind::Addition), "{found:?}");
        assert!(found.iter().all(|f| !f.message.contains("far from here")), "{found:?}");
    }

    #[test]
    fn in_a_free_translation_a_neighbour_alike_by_chance_is_no_sure_translation() {
        // Every translation keeps two of its MT's six words: a free translation, whose
        // typical pair scores little above unrelated ones.
        let mt: Vec<String> = (0..300).map(sentence).collect();
        let target: Vec<String> =
            (0..300).map(|k| [&words(k)[..2], &words(5000 + k)[..4]].concat().join(" ") + ".").collect();
        let beads: Vec<Bead> = (0..300).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let (a, b) = features::embed(&mt, &target);
        let source: Vec<&str> = mt.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = target.iter().map(String::as_str).collect();
        let c = Calibration::new(&input(&beads, &source, &tgt, Some(&mt), ("en", "en"), Some((&a, &b))), &a, &b);
        // Some unrelated pairs reach the midpoint between unrelated and typical pairs:
        // "alike" alone would take them for translations.
        let midpoint = (c.unrelated + c.typical) / 2.0;
        let reached = c.unrelated_sims.iter().filter(|&&x| x > midpoint).count();
        assert!(reached > 0 && c.alike(midpoint + 1e-9), "{reached} of {}", c.unrelated_sims.len());
        assert!(!c.beyond_chance(midpoint + 1e-9));
        // What no unrelated pair reaches is beyond chance; a true pair mostly is.
        assert!(c.beyond_chance(c.unrelated_sims.last().unwrap() + 1e-9));
        assert!(c.beyond_chance(c.typical), "typical {} unrelated {}", c.typical, c.unrelated);
    }

    #[test]
    fn a_heading_that_shares_its_one_word_with_the_sentence_beside_is_no_sure_shift() {
        // Source 11 is a one-word heading ("Literature:"), its translation a sentence from
        // elsewhere; the sentence before it, and its translation, end with that word.
        // The translation is a loose one: half of each sentence's words.
        let heading = words(11)[0].clone();
        let loose = |k: usize| [&words(k)[..3], &words(5000 + k)[..3]].concat().join(" ");
        let mut mt: Vec<String> = (0..24).map(sentence).collect();
        mt[10] = format!("{} {heading}.", sentence(10).trim_end_matches('.'));
        mt[11] = format!("{heading} :");
        let mut target: Vec<String> = (0..24).map(|k| loose(k) + ".").collect();
        target[10] = format!("{} {heading}.", loose(10));
        target[11] = sentence(777);
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let found = findings_with(11, mt.clone(), mt, &target, &beads);
        // Still worth a look, but no alarm.
        assert!(found.iter().any(|f| f.kind == Kind::LowSimilarity || f.kind == Kind::Addition), "{found:?}");
        assert!(found.iter().all(|f| f.severity < Severity::Major), "{found:?}");
    }

    #[test]
    fn a_loose_pair_that_lost_every_figure_says_something_else() {
        // Sentence 12's MT has two figures; its translation shares some words with it.
        let mut source: Vec<String> = (0..24).map(|k| sentence(500 + k)).collect();
        source[11] = format!("{} 1954 8125 m.", sentence(511).trim_end_matches('.'));
        let mut mt: Vec<String> = (0..24).map(sentence).collect();
        mt[11] = format!("{} en 1954 à 8125 m.", sentence(11).trim_end_matches('.'));
        let loose = |figures: &str| [&words(11)[..3], &words(777)[..3]].concat().join(" ") + figures + ".";
        let target: Vec<String> = (0..24).map(|k| if k == 11 { loose("") } else { sentence(k) }).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let found = findings_with(11, source.clone(), mt.clone(), &target, &beads);
        let named = found.iter().find(|f| f.message.contains("keeps none of the source's 2 figures"));
        assert!(named.is_some_and(|f| f.kind == Kind::LowSimilarity && f.severity == Severity::Major), "{found:?}");
        // Keeping the figures, the same loose rendering is no alarm.
        let mut kept = target.clone();
        kept[11] = loose(" en 1954 à 8125 m");
        let found = findings_with(11, source, mt, &kept, &beads);
        assert!(found.iter().all(|f| f.severity < Severity::Major), "{found:?}");
    }

    #[test]
    fn a_copy_of_a_translation_from_elsewhere_is_a_sentence_pasted_in_the_wrong_place() {
        // A free translation (each sentence keeps three words of its MT's six), where
        // sentence 12 is replaced by a copy of sentence 9: too near for the search for
        // sentences far away, and on similarity alone only a hint in so free a text.
        let free = |k: usize| [&words(k)[..3], &words(600 + k)[..3]].concat().join(" ") + ".";
        let mut target: Vec<String> = (0..24).map(free).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        target[11] = free(8);
        let found = findings_on(11, &target, &beads);
        let pasted =
            found.iter().find(|f| f.message.contains("repeats the translation of source sentence 9 in bead 9"));
        assert!(pasted.is_some_and(|f| f.kind == Kind::LowSimilarity && f.severity == Severity::Major), "{found:?}");
        assert_eq!(found.iter().filter(|f| f.kind == Kind::LowSimilarity).count(), 1, "{found:?}");
        // An unrelated sentence there, copied from nowhere, stays a hint.
        target[11] = free(888);
        let found = findings_on(11, &target, &beads);
        assert!(found.iter().all(|f| f.severity < Severity::Major), "{found:?}");
        // In a freer translation (two words of six kept), a copy of sentence 9 added after
        // sentence 12 and merged with it by the aligner: an addition that names the copy.
        let freer = |k: usize| [&words(k)[..2], &words(600 + k)[..4]].concat().join(" ") + ".";
        let mut target: Vec<String> = (0..24).map(freer).collect();
        target[8] = free(8);
        target.insert(12, free(8));
        let found = findings_on(11, &target, &with_one_merged(11));
        let added =
            found.iter().find(|f| f.message.contains("sentence 13 repeats the translation of source sentence 9"));
        assert!(added.is_some_and(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{found:?}");
    }

    #[test]
    fn a_translation_of_a_sentence_far_away_is_named_as_such() {
        // The translation of source sentence 4 pasted in place of sentence 12's.
        let target: Vec<String> = (0..24).map(sentence).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let found = eleventh(sentence(3), beads, target);
        let misplaced = found.iter().find(|f| f.message.contains("renders source sentence 4, far from here"));
        assert!(misplaced.is_some_and(|f| f.kind == Kind::LowSimilarity && f.severity == Severity::Major), "{found:?}");
    }

    #[test]
    fn a_source_sentence_rendered_just_across_its_beads_edge_is_not_dropped() {
        // An unrelated sentence inserted after translation sentence 11; the aligner draws
        // the boundary a sentence late: source 11-12 with translation 11 and the insertion,
        // source 13 with the translations of 12 and 13.
        let mut target: Vec<String> = (0..24).map(sentence).collect();
        target.insert(11, format!("{} {}", sentence(900), sentence(901)));
        let beads: Vec<Bead> = (0..23)
            .map(|k| match k {
                0..10 => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                10 => Bead { src: 10..12, tgt: 10..12, cost: 0.0 },
                11 => Bead { src: 12..13, tgt: 12..14, cost: 0.0 },
                _ => Bead { src: k + 1..k + 2, tgt: k + 2..k + 3, cost: 0.0 },
            })
            .collect();
        let found = findings_on(10, &target, &beads);
        assert!(found.iter().any(|f| f.kind == Kind::Addition && f.message.contains("sentence 12")), "{found:?}");
        assert!(found.iter().all(|f| f.kind != Kind::LowSimilarity && f.kind != Kind::Omission), "{found:?}");
    }

    #[test]
    fn a_short_pair_is_unrelated_for_what_it_says_not_for_being_short() {
        let target: Vec<String> = (0..24).map(sentence).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        // Two words of six kept: shorter, and for that alone less alike.
        let kept = eleventh(words(11)[..2].join(" ") + ".", beads.clone(), target.clone());
        assert!(kept.iter().any(|f| f.kind == Kind::Omission), "{kept:?}");
        assert!(kept.iter().all(|f| f.kind != Kind::LowSimilarity), "{kept:?}");
        // Two other words: short, and says something else.
        let other = eleventh(words(777)[..2].join(" ") + ".", beads.clone(), target.clone());
        assert!(other.iter().any(|f| f.kind == Kind::LowSimilarity), "{other:?}");
        // Two words kept and one other: more alike than unrelated pairs, but judged for
        // its shortness not like a translation either.
        let mixed = eleventh(format!("{} {} {}.", words(11)[0], words(11)[1], words(777)[0]), beads, target);
        assert!(mixed.iter().any(|f| f.kind == Kind::Omission), "{mixed:?}");
        assert!(mixed.iter().any(|f| f.kind == Kind::LowSimilarity), "{mixed:?}");
    }

    #[test]
    fn a_line_alone_that_completes_its_neighbour_is_a_hint_and_an_unrelated_one_an_alarm() {
        // MT sentence 11 translated as two lines, the second left alone by the aligner.
        let added = |second: String| {
            let mut target: Vec<String> = (0..24).map(sentence).collect();
            target[11] = words(11)[..3].join(" ") + ",";
            target.insert(12, second);
            let beads: Vec<Bead> = (0..25)
                .map(|k| match k {
                    0..12 => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                    12 => Bead { src: 12..12, tgt: 12..13, cost: 0.0 },
                    _ => Bead { src: k - 1..k, tgt: k..k + 1, cost: 0.0 },
                })
                .collect();
            findings_on(12, &target, &beads)
        };
        let rest = added(words(11)[3..].join(" ") + ".");
        assert!(rest.iter().any(|f| f.kind == Kind::Addition && f.severity == Severity::Minor), "{rest:?}");
        assert!(rest[0].message.contains("goes with source sentence 12 and translation sentence 12"), "{rest:?}");
        let other = added(format!("{} {}", sentence(900), sentence(901)));
        assert!(other.iter().any(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{other:?}");
    }

    #[test]
    fn a_pair_of_lines_in_a_merged_bead_that_match_nothing_is_as_sure_as_its_surer_gap() {
        // Bead 11 joins sentences 11-12 on both sides; the second of each side is replaced.
        let merged = |mt_12: String, target_12: String| {
            let mut mt: Vec<String> = (0..24).map(sentence).collect();
            mt[11] = mt_12;
            let mut target: Vec<String> = (0..24).map(sentence).collect();
            target[11] = target_12;
            let beads: Vec<Bead> = (0..23)
                .map(|k| match k {
                    0..10 => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                    10 => Bead { src: 10..12, tgt: 10..12, cost: 0.0 },
                    _ => Bead { src: k + 1..k + 2, tgt: k + 1..k + 2, cost: 0.0 },
                })
                .collect();
            let source = (0..24).map(|k| sentence(500 + k)).collect();
            findings_with(10, source, mt, &target, &beads)
        };
        let mismatch = |found: &[Finding]| found.iter().find(|f| f.kind == Kind::LowSimilarity).map(|f| f.severity);
        // Two whole sentences that say different things: an alarm.
        let swapped = merged(sentence(11), sentence(900));
        assert_eq!(mismatch(&swapped), Some(Severity::Major), "{swapped:?}");
        // Two short lines rendered differently (a free translation's dialogue): a hint.
        let lines = merged("Vexo!".into(), "Quozi!".into());
        assert_eq!(mismatch(&lines), Some(Severity::Minor), "{lines:?}");
    }

    #[test]
    fn an_added_sentence_is_major_and_an_added_short_line_a_hint() {
        let long = with_an_extra_sentence(&format!("{} {}", sentence(900), sentence(901)));
        assert!(long.iter().any(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{long:?}");
        let short = with_an_extra_sentence("Quozi kadro fibel yanshape.");
        assert!(short.iter().all(|f| f.severity == Severity::Minor), "{short:?}");
    }

    #[test]
    fn an_omitted_sentence_is_major_and_an_omitted_short_line_a_hint() {
        let omitted = |line: &str| {
            let source = ["他们回到了村里。", line];
            let target = ["Ils sont rentrés au village."];
            let beads = [Bead { src: 0..1, tgt: 0..1, cost: 0.0 }, Bead { src: 1..2, tgt: 1..1, cost: 0.0 }];
            let found = check(&input(&beads, &source, &target, None, ("zh", "fr"), None)).remove(1);
            assert_eq!(found.len(), 1, "{found:?}");
            (found[0].kind, found[0].severity)
        };
        // "Dead?" is short in any script; a sentence about waiting three days for rescue is not.
        assert_eq!(omitted("“死了？”"), (Kind::Omission, Severity::Minor));
        assert_eq!(omitted("他们在山口等了三天才看到救援队。"), (Kind::Omission, Severity::Major));
    }

    #[test]
    fn punctuation_alone_is_no_gap() {
        let source = [", .", "Der Gipfel wurde am 9. Mai erreicht."];
        let target = ["Le sommet fut atteint le 9 mai.", "....."];
        let beads = [
            Bead { src: 0..1, tgt: 0..0, cost: 0.0 },
            Bead { src: 1..2, tgt: 0..1, cost: 0.0 },
            Bead { src: 2..2, tgt: 1..2, cost: 0.0 },
        ];
        let found = german_french(&source, None, &target, &beads);
        assert!(found.iter().all(Vec::is_empty), "{found:?}");
    }

    /// The findings on each bead of a German source and its French translation, without
    /// the aligner's vectors.
    fn german_french(source: &[&str], mt: Option<&[String]>, target: &[&str], beads: &[Bead]) -> Vec<Vec<Finding>> {
        check(&input(beads, source, target, mt, ("de", "fr"), None))
    }

    /// The findings on one German sentence, its French MT and its translation, aligned 1-1.
    fn on_one_pair(src: &str, mt: &str, tgt: &str) -> Vec<Finding> {
        let beads = [Bead { src: 0..1, tgt: 0..1, cost: 0.0 }];
        german_french(&[src], Some(&[mt.to_string()]), &[tgt], &beads).remove(0)
    }

    #[test]
    fn a_source_sentence_without_mt_is_no_alarm() {
        let source = ["Er kam.", "Ein langer Satz, den die MT nicht übersetzt hat."];
        // The first finding on bead `index`, with the second source sentence's MT.
        let first = |target: &[&str], beads: &[Bead], index: usize, second_mt: &str| {
            let mt = ["Il est venu.".to_string(), second_mt.to_string()];
            german_french(&source, Some(&mt), target, beads).remove(index).remove(0)
        };
        let translated = "Une longue phrase que la MT a traduite.";
        let beads = [Bead { src: 0..1, tgt: 0..1, cost: 0.0 }, Bead { src: 1..2, tgt: 1..1, cost: 0.0 }];
        let without = first(&["Il vint."], &beads, 1, "");
        assert!(without.severity == Severity::Minor && without.message.contains("MT of this sentence is empty"));
        assert_eq!(first(&["Il vint."], &beads, 1, translated).severity, Severity::Major);
        // Its translation, left unmatched beside it, is no alarm either.
        let target = ["Il vint.", "Une longue phrase, que rien ne permettait d'apparier."];
        let beads = [beads[0].clone(), beads[1].clone(), Bead { src: 2..2, tgt: 1..2, cost: 0.0 }];
        let without = first(&target, &beads, 2, "");
        assert!(without.severity == Severity::Minor && without.message.contains("source sentence 2, close by"));
        assert_eq!(first(&target, &beads, 2, translated).severity, Severity::Major);
    }

    #[test]
    fn an_english_title_in_a_french_translation_of_german_is_not_left_in_german() {
        let untranslated = |src: &str, mt: &str, tgt: &str| {
            on_one_pair(src, mt, tgt).into_iter().any(|f| f.kind == Kind::Untranslated)
        };
        let title = "E.Beletski , Mountaineering in USSR . The Alpine Journal , n° 293 ( Nov .";
        let src = "Beletsky : Mountaineering in the USSR « The Alpine Journal » , N° 293 ( Nov .";
        assert!(!untranslated(src, "Beletsky : L'alpinisme en URSS « The Alpine Journal » , N° 293 ( Nov .", title));
        let src = "Die Träger kehrten am nächsten Morgen ins Basislager zurück, müde und hungrig.";
        let mt = "Les porteurs sont retournés au camp de base le lendemain matin, fatigués et affamés.";
        assert!(untranslated(src, mt, "Die Träger kehrten am nächsten Morgen ins Lager zurück, müde und hungrig."));
    }

    #[test]
    fn names_the_mt_keeps_nearly_as_they_are_are_only_a_hint() {
        let untranslated = |src: &str, mt: &str, tgt: &str| {
            on_one_pair(src, mt, tgt).into_iter().find(|f| f.kind == Kind::Untranslated).map(|f| f.severity)
        };
        let names = "Nanga Parbat , Cho Oyu , Gasherbrum . ";
        assert_eq!(untranslated(names, "Nanga Parbat, Cho Oyu, le Gasherbrum.", names), Some(Severity::Minor));
        let sentence = "Die Träger kehrten am nächsten Morgen ins Basislager zurück.";
        let mt = "Les porteurs sont retournés au camp de base le lendemain matin.";
        assert_eq!(untranslated(sentence, mt, sentence), Some(Severity::Major));
    }

    #[test]
    fn one_sentence_left_in_the_source_language_beside_a_translated_one_is_untranslated() {
        let source = ["他甚至觉得，旁边几幅彩旗在微风中飘出的皱褶都向他传递着莫尔斯电码。他努力去理解。"];
        let target = [
            "他甚至觉得，旁边几幅彩旗在微风中飘出的皱褶都向他传递着莫尔斯电码。",
            "He struggled to understand all the messages, and felt the passing of the countdown, second by second.",
        ];
        let beads = [Bead { src: 0..1, tgt: 0..2, cost: 0.0 }];
        let found = check(&input(&beads, &source, &target, None, ("zh", "en"), None)).remove(0);
        assert!(
            found.iter().any(|f| f.kind == Kind::Untranslated
                && f.severity == Severity::Major
                && f.message.contains("translation sentence 1")),
            "{found:?}"
        );
    }

    #[test]
    fn a_number_the_source_has_twice_is_missing_when_the_translation_has_it_once() {
        let check_with = |target: &str| {
            on_one_pair("Sie errichteten 3 Lager und 3 Depots.", "Ils ont établi 3 camps et 3 dépôts.", target)
        };
        let found = check_with("Ils établirent 3 camps et des dépôts.");
        assert!(found.iter().any(|f| f.kind == Kind::NumberMismatch && f.severity == Severity::Major), "{found:?}");
        assert!(check_with("Ils établirent 3 camps et 3 dépôts.").is_empty());
    }
}
