//! `alignment.jsonl`: one JSON object per bead, in document order.

use serde::Serialize;

use super::Export;
use crate::align::BeadScores;
use crate::drift::{diff::Op, Finding};
use crate::run::Run;

pub struct Jsonl;

/// The contract other tools read: ids are 0-based sentence positions.
#[derive(Serialize)]
struct Record<'a> {
    index: usize,
    src: Vec<usize>,
    tgt: Vec<usize>,
    src_text: String,
    mt_text: Option<String>,
    tgt_text: String,
    scores: &'a BeadScores,
    /// Findings on this bead: kind, severity, message, evidence.
    flags: &'a [Finding],
    /// The MT against the translation, word by word (with MT, on beads with both sides).
    diff: Option<&'a [Op]>,
}

impl Export for Jsonl {
    fn file_name(&self) -> &'static str {
        "alignment.jsonl"
    }

    fn render(&self, run: &Run) -> Vec<u8> {
        let mut out = Vec::new();
        for (index, (bead, scores)) in run.beads.iter().zip(&run.scores).enumerate() {
            let record = Record {
                index,
                src: bead.src.clone().collect(),
                tgt: bead.tgt.clone().collect(),
                src_text: run.source_text(bead),
                // The contract: null only when the run has no MT; a bead with no source
                // sentence has an empty MT.
                mt_text: run.mt.as_ref().map(|_| run.mt_text(bead).unwrap_or_default()),
                tgt_text: run.target_text(bead),
                scores,
                flags: &run.findings[index],
                diff: run.diffs[index].as_deref(),
            };
            serde_json::to_writer(&mut out, &record).expect("serialising to memory cannot fail");
            out.push(b'\n');
        }
        out
    }
}
