//! `sentences.json`: every sentence of both documents and the MT, one array each, with
//! the languages. With alignment.jsonl it is all a review session needs: beads can be
//! merged and split, and their findings recomputed, without the input files.

use serde::{Deserialize, Serialize};

use super::Export;
use crate::drift::terms::Glossary;
use crate::pipeline::Alignment;

pub struct Sentences;

#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    pub source_lang: String,
    pub target_lang: String,
    pub source: Vec<String>,
    pub target: Vec<String>,
    /// The MT of each source sentence, if there was MT: what the translation is compared
    /// with (`Alignment::compared`), so a review checks beads as the run did.
    pub mt: Option<Vec<String>>,
    /// Two versions of one text in one language, both languages given
    /// (`Alignment::versions`): nothing is checked for being left untranslated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub versions: bool,
    /// The glossary of the run, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub glossary: Option<Glossary>,
}

impl Export for Sentences {
    fn file_name(&self) -> &'static str {
        "sentences.json"
    }

    fn render(&self, run: &Alignment) -> Vec<u8> {
        let record = Record {
            source_lang: run.source.lang.to_string(),
            target_lang: run.target.lang.to_string(),
            source: run.source.texts(),
            target: run.target.texts(),
            mt: run.compared(),
            versions: run.versions(),
            glossary: run.glossary.as_deref().cloned(),
        };
        serde_json::to_vec(&record).expect("serialising to memory cannot fail")
    }
}
