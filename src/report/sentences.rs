//! `sentences.json`: every sentence of both documents and the MT, one array each, with
//! the languages. With alignment.jsonl it is all a review session needs: beads can be
//! merged and split, and their findings recomputed, without the input files.

use serde::{Deserialize, Serialize};

use super::Export;
use crate::drift::terms::Glossary;
use crate::run::Run;

pub struct Sentences;

#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    pub source_lang: String,
    pub target_lang: String,
    pub source: Vec<String>,
    pub target: Vec<String>,
    /// What the translation was compared with, sentence by sentence (`Run::mt_or_source`):
    /// the MT, or the source itself for a translation in its own language, so a review
    /// checks beads as the run did.
    #[serde(rename = "mt")]
    pub mt_or_source: Option<Vec<String>>,
    /// Two versions of one text in one language, both languages given
    /// (`Run::is_revision`): nothing is checked for being left untranslated.
    #[serde(rename = "versions", default, skip_serializing_if = "std::ops::Not::not")]
    pub is_revision: bool,
    /// The glossary of the run, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub glossary: Option<Glossary>,
}

impl Export for Sentences {
    fn file_name(&self) -> &'static str {
        "sentences.json"
    }

    fn render(&self, run: &Run) -> Vec<u8> {
        let record = Record {
            source_lang: run.source.lang.to_string(),
            target_lang: run.target.lang.to_string(),
            source: run.source.texts(),
            target: run.target.texts(),
            mt_or_source: run.mt_or_source(),
            is_revision: run.is_revision(),
            glossary: run.glossary.as_deref().cloned(),
        };
        serde_json::to_vec(&record).expect("serialising to memory cannot fail")
    }
}
