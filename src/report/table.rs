//! The view the human-facing formats (HTML, TMX, XLIFF, TSV) render: one row per bead
//! with its texts, scores, findings, diff and review mark. A finished run makes one
//! ([`Table::of`]); so does a review session, with edits and decisions applied.

use serde::{Deserialize, Serialize};

use crate::align::{Bead, Passage};
use crate::drift::{diff::Op, Finding, Summary};
use crate::pipeline::{Alignment, BeadScores};
use crate::plural::count;

/// A reviewer's decision on a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Accepted,
    Rejected,
    NeedsFix,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::NeedsFix => "needs_fix",
        }
    }
}

/// What review says about a row.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewMark {
    pub status: Option<Status>,
    pub comment: String,
    /// The translation was edited by the reviewer.
    pub edited: bool,
    /// The decision was made on a text that has changed since.
    pub stale: bool,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// The bead's position in the run (0-based), kept when rows are filtered.
    pub index: usize,
    pub bead: Bead,
    pub source: String,
    pub mt: Option<String>,
    pub target: String,
    pub scores: Option<BeadScores>,
    pub findings: Vec<Finding>,
    pub diff: Option<Vec<Op>>,
    pub review: Option<ReviewMark>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub title: String,
    pub source_path: String,
    pub target_path: String,
    pub source_lang: String,
    pub target_lang: String,
    pub source_sentences: usize,
    pub target_sentences: usize,
    /// Where the MT came from ("apertium at http://…", "file mt.txt", "none").
    pub mt: String,
    /// The MT provider's name, for XLIFF's `origin`.
    pub mt_origin: String,
    /// The heading of the column the translation is diffed against (`compared_heading`).
    pub compared: &'static str,
    pub method: String,
    /// What a reader should know before any finding (`Alignment::warnings`).
    pub warnings: Vec<String>,
    /// Stretches of sentences with no counterpart on the other side (`align::passages`).
    pub passages: Vec<Passage>,
    pub summary: Summary,
    pub rows: Vec<Row>,
}

impl Table {
    /// The table of a run, with the diffs of its beads (`run.diffs`, taken over).
    pub fn of(run: &Alignment, diffs: Vec<Option<Vec<Op>>>) -> Table {
        let rows = run
            .beads
            .iter()
            .zip(diffs)
            .enumerate()
            .map(|(i, (bead, diff))| Row {
                index: i,
                bead: bead.clone(),
                source: run.source.text_of(bead.src.clone()),
                mt: run.mt.as_ref().filter(|_| !bead.src.is_empty()).map(|mt| run.target.join(&mt[bead.src.clone()])),
                target: run.target.text_of(bead.tgt.clone()),
                scores: Some(run.scores[i].clone()),
                findings: run.findings[i].clone(),
                diff,
                review: None,
            })
            .collect();
        let file_name =
            || run.source.doc.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Table {
            title: format!("driftalign: {}", run.job.clone().unwrap_or_else(file_name)),
            source_path: run.source.doc.path.display().to_string(),
            target_path: run.target.doc.path.display().to_string(),
            source_lang: run.source.lang.to_string(),
            target_lang: run.target.lang.to_string(),
            source_sentences: run.source.segments.len(),
            target_sentences: run.target.segments.len(),
            mt: match &run.mt_stats {
                Some(m) => {
                    let from = match (&m.endpoint, &m.path) {
                        (Some(e), _) => format!("{} at {}", m.provider, e),
                        (None, Some(p)) => format!("file {p}"),
                        _ => m.provider.clone(),
                    };
                    with_empty_note(from, &m.empty)
                }
                None if run.versions() => {
                    "none: two versions of one text in one language (both languages given), compared as they are".into()
                }
                None if run.same_language() => {
                    "none: the translation is in the source's language, so the source itself is compared with it".into()
                }
                None => "none".to_string(),
            },
            mt_origin: run.mt_stats.as_ref().map(|m| m.provider.clone()).unwrap_or_default(),
            compared: compared_heading(run.source.lang, run.target.lang),
            method: run.method.to_string(),
            warnings: run.warnings(),
            passages: crate::align::passages(&run.beads),
            summary: run.summary.clone(),
            rows,
        }
    }
}

/// What the translation is diffed against, as a column heading: the MT, or the source
/// itself where the two are in one language (`Alignment::compared`).
pub fn compared_heading(source_lang: &str, target_lang: &str) -> &'static str {
    if source_lang == target_lang {
        "source (diffed)"
    } else {
        "MT"
    }
}

/// Where the MT came from, and the note on its empty sentences where it has any.
pub fn with_empty_note(from: String, empty: &[usize]) -> String {
    match empty_note(empty) {
        Some(note) => format!("{from}; {note}"),
        None => from,
    }
}

/// What a reader should know about source sentences the MT left empty, if there are any.
pub fn empty_note(empty: &[usize]) -> Option<String> {
    const LISTED: usize = 10;
    if empty.is_empty() {
        return None;
    }
    let list = crate::drift::listed(empty.iter(), LISTED);
    let (their, them) = if empty.len() == 1 { ("its", "it") } else { ("their", "them") };
    Some(format!(
        "the MT is empty for {} ({list}), matched only by {their} own names and figures: the alignment around {them} is weaker",
        count(empty.len(), "source sentence")
    ))
}
