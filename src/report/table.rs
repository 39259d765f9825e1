//! The view the human-facing formats (HTML, TMX, XLIFF, TSV) render: one row per bead
//! with its texts, scores, findings, diff and review mark. A finished run makes one
//! ([`Table::of`]); so does a review session, with edits and decisions applied.

use super::run_json::RunRecord;
use crate::align::{Bead, BeadScores, Passage};
use crate::decision::ReviewMark;
use crate::drift::{diff::Op, Finding, Summary};
use crate::plural::count;
use crate::run::Run;

/// One bead as people read it; its diff is borrowed from the run it shows.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// The bead's position in the run (0-based), kept when rows are filtered.
    pub index: usize,
    pub bead: Bead,
    pub source: String,
    pub mt: Option<String>,
    pub target: String,
    pub scores: Option<BeadScores>,
    pub findings: Vec<Finding>,
    pub diff: Option<&'a [Op]>,
    pub review: Option<ReviewMark>,
}

#[derive(Debug, Clone)]
pub struct Table<'a> {
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
    /// The heading of the column the translation is diffed against.
    pub compared_heading: &'static str,
    pub method: String,
    /// What a reader should know before any finding (`Run::warnings`).
    pub warnings: Vec<String>,
    /// Stretches of sentences with no counterpart on the other side (`align::passages`).
    pub passages: Vec<Passage>,
    pub summary: Summary,
    pub rows: Vec<Row<'a>>,
}

impl<'a> Table<'a> {
    /// The table of a run: its header and one row per bead.
    pub fn of(run: &'a Run) -> Table<'a> {
        let rows = run
            .beads
            .iter()
            .enumerate()
            .map(|(i, bead)| Row {
                index: i,
                bead: bead.clone(),
                source: run.source_text(bead),
                mt: run.mt_text(bead),
                target: run.target_text(bead),
                scores: Some(run.scores[i].clone()),
                findings: run.findings[i].clone(),
                diff: run.diffs[i].as_deref(),
                review: None,
            })
            .collect();
        Table { rows, ..Table::header(&RunRecord::of(run), run.is_revision()) }
    }

    /// A table with the header of the run `record` describes and no rows yet; its
    /// summary and passages are the run's. `is_revision`: the two are versions of one
    /// text (`Run::is_revision`).
    pub fn header(record: &RunRecord, is_revision: bool) -> Table<'a> {
        let source_path = &record.inputs.source.path;
        let file_name = || {
            std::path::Path::new(source_path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        };
        let (source_lang, target_lang) = (&record.languages.source, &record.languages.target);
        Table {
            title: format!("driftalign: {}", record.job.clone().unwrap_or_else(file_name)),
            source_path: source_path.clone(),
            target_path: record.inputs.translation.path.clone(),
            source_lang: source_lang.clone(),
            target_lang: target_lang.clone(),
            source_sentences: record.inputs.source.segments,
            target_sentences: record.inputs.translation.segments,
            mt: match &record.mt {
                Some(m) => {
                    let from = match (&m.endpoint, &m.path) {
                        (Some(e), _) => format!("{} at {}", m.provider, e),
                        (None, Some(p)) => format!("file {p}"),
                        _ => m.provider.clone(),
                    };
                    with_empty_note(from, &m.empty)
                }
                None if is_revision => {
                    "none: two versions of one text in one language (both languages given), compared as they are".into()
                }
                None if source_lang == target_lang => {
                    "none: the translation is in the source's language, so the source itself is compared with it".into()
                }
                None => "none".to_string(),
            },
            mt_origin: record.mt.as_ref().map(|m| m.provider.clone()).unwrap_or_default(),
            compared_heading: compared_heading(source_lang, target_lang),
            method: record.aligner.method.clone(),
            warnings: record.warnings.clone(),
            passages: record.passages.clone(),
            summary: record.findings.clone(),
            rows: Vec::new(),
        }
    }
}

/// What the translation is diffed against, as a column heading: the MT, or the source
/// itself where the two are in one language (`Run::mt_or_source`).
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
