//! The record of a finished run: both sides as read, the beads with their scores,
//! findings and diffs, and what a reader should know before any finding.
//!
//! The pipeline makes a [`Run`]; the reports and review read it. It holds the values the
//! stages made (their types are its only imports, with the two small helpers that read
//! them: joining sentences, finding passages) and the answers every reader needs the
//! same way (a bead's texts and MT, the warnings). It knows nothing of the pipeline,
//! the jobs, the reports or review.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::align::{passages, Bead, BeadScores, Passage};
use crate::document::Document;
use crate::drift::{diff, terms::Glossary, Finding, Summary};
use crate::lang::{self, DocumentLanguage};
use crate::mt::client::MtStats;
use crate::segment::Segment;

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

    /// The text of each sentence, borrowed.
    pub fn text_refs(&self) -> Vec<&str> {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }

    /// Whether `other` is in this side's language: a translation in its source's own
    /// language is compared with the source itself, with no MT.
    pub fn same_language_as(&self, other: &Side) -> bool {
        self.lang == other.lang
    }

    /// Whether `other` is another version of this side's text by the user's word: both
    /// languages given, and the same. Text kept as it is is then no drift.
    pub fn is_revision_of(&self, other: &Side) -> bool {
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

/// A finished run of one pair, ready to be written.
#[derive(Debug)]
pub struct Run {
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
    pub summary: Summary,
    /// The diff of each bead's MT against its translation (beads with both, with MT).
    pub diffs: Vec<Option<Vec<diff::Op>>>,
    /// The glossary the findings were checked against, kept so a review can check again.
    pub glossary: Option<Arc<Glossary>>,
    /// Which aligner made the beads.
    pub method: String,
    /// Why the aligner fell back to a plainer one, if it did.
    pub align_notice: Option<String>,
    /// The embeddings endpoint's URL and model, when one was used.
    pub embeddings: Option<(String, String)>,
    /// Milliseconds per stage.
    pub timings: BTreeMap<&'static str, f64>,
}

impl Run {
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
    pub fn is_revision(&self) -> bool {
        self.source.is_revision_of(&self.target)
    }

    /// What the translation was compared with, sentence by sentence: the MT, or the
    /// source itself for a translation in the source's own language.
    pub fn mt_or_source(&self) -> Option<Vec<String>> {
        if self.same_language() {
            Some(self.source.texts())
        } else {
            self.mt.clone()
        }
    }

    /// The source text of `bead`.
    pub fn source_text(&self, bead: &Bead) -> String {
        self.source.text_of(bead.src.clone())
    }

    /// The translation text of `bead`.
    pub fn target_text(&self, bead: &Bead) -> String {
        self.target.text_of(bead.tgt.clone())
    }

    /// The MT of `bead`'s source (see [`bead_mt`]).
    pub fn mt_text(&self, bead: &Bead) -> Option<String> {
        bead_mt(self.mt.as_deref(), bead, self.target.lang)
    }

    /// What a reader should know before any finding: a translation that reads as the
    /// source's own language is most often the wrong file, or one left untranslated.
    /// The terminal summary, `run.json` and the report all say it.
    pub fn warnings(&self) -> Vec<String> {
        let mut out: Vec<String> = self.align_notice.iter().cloned().collect();
        if self.same_language() && !self.is_revision() && self.target.language.lang == self.source.lang {
            out.push(format!(
                "the translation reads as {}, the source's language: the wrong file, or left untranslated? (if the guess is wrong, give the translation's language: --tgt-lang, or target_lang in a job)",
                self.source.lang
            ));
        }
        out
    }

    /// The stretches of sentences with no counterpart on the other side.
    pub fn passages(&self) -> Vec<Passage> {
        passages(&self.beads)
    }
}

/// The MT of a bead's source sentences, joined as the target language writes them: none
/// without MT, and none for a bead with no source sentence (there is nothing it
/// translates). Every output and the review take a bead's MT from here.
pub fn bead_mt(mt: Option<&[String]>, bead: &Bead, target_lang: &str) -> Option<String> {
    mt.filter(|_| !bead.src.is_empty()).map(|mt| lang::join_sentences(&mt[bead.src.clone()], target_lang))
}
