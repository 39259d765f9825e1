//! Drift: checks on every aligned bead, each finding with a kind, a severity, a message
//! and the evidence behind it.
//!
//! Severities mean something: `critical` is a changed meaning a reader would act on (a
//! number or unit changed, a passage missing); `major` is what a reviewer must look at;
//! `minor` is worth a glance. Thresholds are relative to the document itself where they
//! can be (a literary translation differs from MT everywhere, a manual hardly anywhere):
//! similarities are judged against the similarity of unrelated sentence pairs of the same
//! two documents, lengths against the document's own typical ratio.

mod calibration;
mod cut;
pub mod diff;
mod gaps;
mod meaning;
mod moves;
mod number_check;
mod number_words;
pub mod numbers;
mod parts;
mod repeats;
mod script;
mod shift;
pub mod terms;
#[cfg(test)]
pub(crate) mod test_support;
mod untranslated;

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::align::features::Vectors;
use crate::align::Bead;
use calibration::Calibration;
use gaps::{filled_out, gaps};
use meaning::meaning;
use number_check::bead_numbers;
use parts::Uncovered;
use repeats::{duplicates, pasted, Copies};
use terms::Glossary;
use untranslated::{untranslated, Readers};

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
    /// The MT of each source sentence: what the translation is compared with (the source
    /// sentences themselves where the translation is in the source's language).
    pub mt: Option<&'a [String]>,
    pub source_lang: &'a str,
    pub target_lang: &'a str,
    /// Whether the two are versions of one text in one language, as the user said by
    /// giving both languages the same: text kept as it is then is no drift, so nothing
    /// is checked for being left untranslated.
    pub is_revision: bool,
    /// The aligner's n-gram vectors of the MT and the target (with MT only).
    pub vectors: Option<(&'a Vectors, &'a Vectors)>,
    pub glossary: Option<&'a Glossary>,
}

/// The findings on each bead, in bead order.
pub fn check(input: &Input) -> Vec<Vec<Finding>> {
    let calibration = input.vectors.map(|(a, b)| Calibration::new(input, a, b));
    let readers = if input.is_revision { None } else { Readers::new(input) };
    let filled = calibration.as_ref().map(|c| filled_out(input, c));
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
            gaps(input, filled.as_deref(), index, &src, &tgt, &mut found);
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
                    let texts = (src.as_str(), mt.as_deref(), tgt.as_str());
                    bead_numbers(input, calibration.as_ref(), index, texts, &uncovered, &mut found);
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
    if let Some(c) = &calibration {
        moves::moves(input, c, &mut findings);
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

/// `text` with every run of white space made one space.
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two texts are the same but for white space and case.
fn same_text(a: &str, b: &str) -> bool {
    single_spaced(a).to_lowercase() == single_spaced(b).to_lowercase()
}

/// A piece of text for messages: its first 80 characters or so (`excerpt`), quoted.
fn quote(text: &str) -> String {
    let to = text.char_indices().nth(80).map_or(text.len(), |(i, _)| i);
    format!("“{}”", excerpt(text, 0..to))
}

/// `text[range]` for a message, trimmed, with "…" where the text goes on, and a word
/// that the range cuts in two read to its end ("…costs do not exceed 6 yuan of
/// household…", not "…s do not exceed 6 yuan of househo…"): a word goes on while letters
/// or digits of a script written with spaces follow one another (a Chinese or Japanese
/// character is a word of its own), for at most `WORD_TAIL` characters more, so a long
/// token (a URL) stays an excerpt.
fn excerpt(text: &str, range: Range<usize>) -> String {
    let in_word = |c: char| c.is_alphanumeric() && (c < '\u{2E80}' || ('\u{AC00}'..='\u{D7AF}').contains(&c));
    let from = text[..range.start]
        .char_indices()
        .rev()
        .take(WORD_TAIL)
        .take_while(|&(_, c)| in_word(c))
        .last()
        .filter(|_| text[range.start..].starts_with(in_word))
        .map_or(range.start, |(i, _)| i);
    let to = text[range.end..]
        .char_indices()
        .take(WORD_TAIL)
        .take_while(|&(_, c)| in_word(c))
        .last()
        .filter(|_| text[..range.end].ends_with(in_word))
        .map_or(range.end, |(i, c)| range.end + i + c.len_utf8());
    let open = if from > 0 { "…" } else { "" };
    let close = if to < text.len() { "…" } else { "" };
    format!("{open}{}{close}", text[from..to].trim())
}

/// The most characters `excerpt` adds to finish a word cut in two.
const WORD_TAIL: usize = 12;

/// A short line (a heading, a name called out, "Dead?") left out or added matters less.
/// Short in letters, not against the document's mean sentence: in a document of long
/// sentences a short one ("Screening is free from the age of 40.") can still change what
/// it says.
fn short(text: &str) -> bool {
    crate::lang::letters(text) < 12
}

/// Items for a reader: "3, 12, 1955", or the first `most` of them and how many more.
/// Findings and report notes list numbers so.
pub fn listed<T: std::fmt::Display>(items: impl ExactSizeIterator<Item = T>, most: usize) -> String {
    let more = items.len().saturating_sub(most);
    let list = items.take(most).map(|x| x.to_string()).collect::<Vec<_>>().join(", ");
    if more == 0 {
        list
    } else {
        format!("{list} and {more} more")
    }
}

/// Sentences as a reader counts them: "sentence 3" or "sentences 3–5".
fn sentences(range: &Range<usize>) -> String {
    crate::plural::numbered("sentence", range)
}

fn ids(range: &Range<usize>) -> Vec<usize> {
    range.clone().collect()
}

/// How far around a bead `nearby` looks.
const NEARBY: usize = 5;

/// Up to `NEARBY` sentences on each side of `range`.
fn nearby(range: &Range<usize>, len: usize) -> impl Iterator<Item = usize> {
    (range.start.saturating_sub(NEARBY)..range.start).chain(range.end..(range.end + NEARBY).min(len))
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

/// Counts of findings by kind and by severity, and the drift score: the share of source
/// and target sentences in beads with a major or critical finding, in percent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    pub total: usize,
    pub by_kind: BTreeMap<String, usize>,
    pub by_severity: BTreeMap<String, usize>,
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
                *s.by_kind.entry(x.kind.as_str().to_string()).or_insert(0) += 1;
                *s.by_severity.entry(x.severity.as_str().to_string()).or_insert(0) += 1;
            }
        }
        s.drift_score = if all == 0 { 0.0 } else { round(100.0 * drifted as f64 / all as f64) };
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_names_its_first_items_and_counts_the_rest() {
        assert_eq!(listed([3, 12, 1955].iter(), 3), "3, 12, 1955");
        assert_eq!(listed((1..=14).collect::<Vec<_>>().iter(), 10), "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 4 more");
        assert_eq!(listed(Vec::<usize>::new().iter(), 10), "");
    }

    #[test]
    fn an_excerpt_reads_a_word_cut_in_two_to_its_end() {
        let text = "In the year 2019, at 6 a.m. sharp, the end.";
        // "the" cut after its "t", and the range ending where "the" ends.
        assert_eq!(excerpt(text, 5..37), "…the year 2019, at 6 a.m. sharp, the…");
        assert_eq!(excerpt(text, 0..text.len()), text);
        // A long token is followed for WORD_TAIL characters at most.
        let url = format!("see {} 6", "x".repeat(40));
        assert_eq!(excerpt(&url, 30..url.len()), format!("…{} 6", "x".repeat(14 + WORD_TAIL)));
        // A Chinese character is a word of its own; Korean is read to the space.
        assert_eq!(excerpt("全省40%的乡镇卫生院", 6..7), "…40…");
        assert_eq!(excerpt("全省40%的乡镇卫生院", 3..6), "…省…");
        assert_eq!(excerpt("소득의 6배를 넘지", 10..14), "…6배를…");
        assert_eq!(quote(&"word ".repeat(30)), format!("“{}…”", "word ".repeat(16).trim_end()));
    }

    #[test]
    fn an_excerpt_of_any_range_of_mixed_text_holds_that_range() {
        for text in
            ["全省40%的乡镇 卫生院 达到 standard-ready", "소득의 6배를 넘지 않도록 x", " ¿Qué? naïve—café 12,5 % "]
        {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            for (k, &from) in bounds.iter().enumerate() {
                for &to in &bounds[k..] {
                    let shown = excerpt(text, from..to);
                    let inner = shown.trim_start_matches('…').trim_end_matches('…');
                    assert!(text.contains(inner) && inner.contains(text[from..to].trim()), "{from}..{to}: {shown}");
                }
            }
        }
    }
}
