//! `run.json`: what ran, on what, and how long each stage took. Written last, so its
//! presence means the run finished; a review reads it back as the same [`RunRecord`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Export;
use crate::align::Passage;
use crate::drift::Summary;
use crate::mt::client::MtStats;
use crate::run::{Run, Side};

pub struct RunJson;

/// The whole of `run.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunRecord {
    pub tool: Tool,
    pub job: Option<String>,
    pub config_hash: Option<String>,
    pub inputs: Inputs,
    /// Where the MT came from and what it took (requests, cache hits, retries, ...).
    pub mt: Option<MtStats>,
    pub languages: Languages,
    /// What a reader should know before any finding (`Run::warnings`). (Fields that
    /// came in later versions default, so a review opens an older run's directory.)
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Stretches of sentences with no counterpart on the other side (`Run::passages`).
    #[serde(default)]
    pub passages: Vec<Passage>,
    pub segmentation: Segmentation,
    pub aligner: AlignerUsed,
    pub beads: Beads,
    pub findings: Summary,
    pub timings_ms: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Inputs {
    pub source: Input,
    pub translation: Input,
}

/// One input document as it was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Input {
    pub path: String,
    pub encoding: String,
    pub bytes: u64,
    pub detected_lang: String,
    pub detected_confidence: f64,
    pub mixed: bool,
    /// Every language found, with its share of the document's text, largest first.
    pub languages: Vec<LanguageShare>,
    pub paragraphs: usize,
    pub segments: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LanguageShare {
    pub lang: String,
    pub share: f64,
}

/// The languages the run used (given, else detected).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Languages {
    pub source: String,
    pub target: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Segmentation {
    pub presegmented: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlignerUsed {
    pub method: String,
    pub uses_mt: bool,
    pub embeddings: Option<EmbeddingsUsed>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmbeddingsUsed {
    pub url: String,
    pub model: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Beads {
    pub total: usize,
    pub by_shape: BTreeMap<String, usize>,
}

impl Input {
    fn of(side: &Side) -> Input {
        Input {
            path: side.doc.path.display().to_string(),
            encoding: side.doc.encoding.to_string(),
            bytes: side.doc.bytes,
            detected_lang: side.language.lang.to_string(),
            detected_confidence: side.language.confidence,
            mixed: side.language.mixed,
            languages: side
                .language
                .languages
                .iter()
                .map(|l| LanguageShare { lang: l.lang.to_string(), share: l.share })
                .collect(),
            paragraphs: side.doc.paragraphs.len(),
            segments: side.segments.len(),
        }
    }
}

impl RunRecord {
    /// The record of `run`.
    pub fn of(run: &Run) -> RunRecord {
        RunRecord {
            tool: Tool { name: env!("CARGO_PKG_NAME").into(), version: env!("CARGO_PKG_VERSION").into() },
            job: run.job.clone(),
            config_hash: run.config_hash.clone(),
            inputs: Inputs { source: Input::of(&run.source), translation: Input::of(&run.target) },
            mt: run.mt_stats.clone(),
            languages: Languages { source: run.source.lang.into(), target: run.target.lang.into() },
            warnings: run.warnings(),
            passages: run.passages(),
            segmentation: Segmentation { presegmented: run.presegmented },
            aligner: AlignerUsed {
                method: run.method.clone(),
                uses_mt: run.mt.is_some(),
                embeddings: run
                    .embeddings
                    .as_ref()
                    .map(|(url, model)| EmbeddingsUsed { url: url.clone(), model: model.clone() }),
            },
            beads: Beads { total: run.beads.len(), by_shape: run.beads_by_shape() },
            findings: run.summary.clone(),
            timings_ms: run.timings.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        }
    }
}

impl Export for RunJson {
    fn file_name(&self) -> &'static str {
        "run.json"
    }

    fn render(&self, run: &Run) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(&RunRecord::of(run)).expect("serialising to memory cannot fail");
        out.push(b'\n');
        out
    }
}
