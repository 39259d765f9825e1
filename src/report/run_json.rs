//! `run.json`: what ran, on what, and how long each stage took.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Export;
use crate::align::Passage;
use crate::drift::Summary;
use crate::lang::OtherLang;
use crate::mt::client::MtStats;
use crate::pipeline::{Alignment, Side};

pub struct RunJson;

#[derive(Serialize)]
struct Record<'a> {
    tool: Tool,
    job: Option<&'a str>,
    config_hash: Option<&'a str>,
    inputs: Inputs<'a>,
    /// Where the MT came from and what it took (requests, cache hits, retries, ...).
    mt: Option<&'a MtStats>,
    languages: Languages,
    /// What a reader should know before any finding (`Alignment::warnings`).
    warnings: Vec<String>,
    /// Stretches of sentences with no counterpart on the other side (`align::passages`).
    passages: Vec<Passage>,
    segmentation: Segmentation,
    aligner: Aligner<'a>,
    beads: Beads,
    findings: &'a Summary,
    timings_ms: &'a BTreeMap<&'static str, f64>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Inputs<'a> {
    source: Input<'a>,
    translation: Input<'a>,
}

#[derive(Serialize)]
struct Input<'a> {
    path: String,
    encoding: &'static str,
    bytes: u64,
    detected_lang: &'static str,
    detected_confidence: f64,
    mixed: bool,
    languages: &'a [OtherLang],
    paragraphs: usize,
    segments: usize,
}

#[derive(Serialize)]
struct Languages {
    source: &'static str,
    target: &'static str,
}

#[derive(Serialize)]
struct Segmentation {
    presegmented: bool,
}

#[derive(Serialize)]
struct Aligner<'a> {
    method: &'static str,
    uses_mt: bool,
    embeddings: Option<EmbeddingsUsed<'a>>,
}

#[derive(Serialize)]
struct EmbeddingsUsed<'a> {
    url: &'a str,
    model: &'a str,
}

#[derive(Serialize)]
struct Beads {
    total: usize,
    by_shape: BTreeMap<String, usize>,
}

fn input(side: &Side) -> Input<'_> {
    Input {
        path: side.doc.path.display().to_string(),
        encoding: side.doc.encoding,
        bytes: side.doc.bytes,
        detected_lang: side.language.lang,
        detected_confidence: side.language.confidence,
        mixed: side.language.mixed,
        languages: &side.language.languages,
        paragraphs: side.doc.paragraphs.len(),
        segments: side.segments.len(),
    }
}

impl Export for RunJson {
    fn file_name(&self) -> &'static str {
        "run.json"
    }

    fn render(&self, run: &Alignment) -> Vec<u8> {
        let by_shape = run.beads_by_shape();
        let record = Record {
            tool: Tool { name: env!("CARGO_PKG_NAME"), version: env!("CARGO_PKG_VERSION") },
            job: run.job.as_deref(),
            config_hash: run.config_hash.as_deref(),
            inputs: Inputs { source: input(&run.source), translation: input(&run.target) },
            mt: run.mt_stats.as_ref(),
            languages: Languages { source: run.source.lang, target: run.target.lang },
            warnings: run.warnings(),
            passages: crate::align::passages(&run.beads),
            segmentation: Segmentation { presegmented: run.presegmented },
            aligner: Aligner {
                method: run.method,
                uses_mt: run.mt.is_some(),
                embeddings: run.embeddings.as_ref().map(|(url, model)| EmbeddingsUsed { url, model }),
            },
            beads: Beads { total: run.beads.len(), by_shape },
            findings: &run.summary,
            timings_ms: &run.timings,
        };
        let mut out = serde_json::to_vec_pretty(&record).expect("serialising to memory cannot fail");
        out.push(b'\n');
        out
    }
}
