//! A review session over a finished run: its beads, the reviewer's decisions, edits and
//! alignment fixes, kept in `review.json` beside the run.
//!
//! Decisions are keyed by content hashes of a bead's source and target text, so a re-run
//! of the job keeps every decision whose bead text did not change; a decision whose
//! source is still there but whose translation changed is shown as stale. Alignment
//! fixes are kept with a hash of all sentences and re-applied while the documents are
//! the same.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::align::{features, Bead};
use crate::atomic;
use crate::decision::{ReviewMark, Status};
use crate::drift::{self, Finding, Summary};
use crate::error::{Error, Result};
use crate::hashing::fnv1a64;
use crate::report::run_json::RunRecord;
use crate::report::sentences::Record as Sentences;
use crate::report::table::{Row, Table};
use crate::report::{Export, Format};
use crate::run::bead_mt;

pub const FILE_NAME: &str = "review.json";

/// What review.json holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ReviewFile {
    pub version: u32,
    /// By `<source hash>:<target hash>` of the bead's run text.
    pub decisions: BTreeMap<String, Decision>,
    /// The reviewer's bead list, if the alignment was fixed.
    pub alignment: Option<AlignmentFix>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Decision {
    pub status: Option<Status>,
    #[serde(default)]
    pub comment: String,
    /// The reviewer's version of the translation.
    pub edit: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlignmentFix {
    /// A hash of every source and target sentence: the fix holds while this matches.
    pub sentences_hash: String,
    /// Each bead as (source ids, target ids).
    pub beads: Vec<(Vec<usize>, Vec<usize>)>,
}

/// The side of a bead a reviewer moves a sentence on.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BeadSide {
    Source,
    Target,
}

pub struct Session {
    dir: PathBuf,
    sentences: Sentences,
    beads: Vec<Bead>,
    findings: Vec<Vec<Finding>>,
    /// The run's findings by bead, kept for beads the reviewer did not change (the run
    /// may have had checks, like a glossary, the session cannot repeat).
    run_findings: BTreeMap<(Vec<usize>, Vec<usize>), Vec<Finding>>,
    /// The MT and target n-gram vectors, made once an alignment fix needs new findings.
    vectors: Option<(features::Vectors, features::Vectors)>,
    file: ReviewFile,
    /// The alignment fix in review.json no longer fits the documents.
    pub stale_alignment: bool,
    /// The run's header, for the page and the reports (rows empty).
    header: Table<'static>,
}

#[derive(Deserialize)]
struct JsonlBead {
    src: Vec<usize>,
    tgt: Vec<usize>,
    flags: Vec<Finding>,
}

impl Session {
    /// Opens the run in `dir` (alignment.jsonl, sentences.json, run.json) and its review.
    pub fn open(dir: &Path) -> Result<Session> {
        Session::open_with(dir, None)
    }

    /// Opens the run in `dir` with `record` as its run.json: a run that has just written
    /// its other files refreshes its review before run.json, the last, is written.
    pub fn open_with(dir: &Path, record: Option<RunRecord>) -> Result<Session> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| {
                Error::input(
                    &path,
                    format!("cannot read it ({e}); is {} the output directory of a run?", dir.display()),
                )
            })
        };
        let sentences: Sentences = serde_json::from_str(&read("sentences.json")?)
            .map_err(|e| Error::input(&dir.join("sentences.json"), e.to_string()))?;
        let mut run_findings = BTreeMap::new();
        let mut ids = Vec::new();
        for (n, line) in read("alignment.jsonl")?.lines().enumerate() {
            let b: JsonlBead = serde_json::from_str(line)
                .map_err(|e| Error::input(&dir.join("alignment.jsonl"), format!("line {}: {e}", n + 1)))?;
            ids.push((b.src.clone(), b.tgt.clone()));
            run_findings.insert((b.src, b.tgt), b.flags);
        }
        let beads = beads_from(&ids);
        let file: ReviewFile = match std::fs::read_to_string(dir.join(FILE_NAME)) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| Error::input(&dir.join(FILE_NAME), e.to_string()))?,
            Err(_) => ReviewFile { version: 1, ..Default::default() },
        };
        let run: RunRecord = match record {
            Some(record) => record,
            None => serde_json::from_str(&read("run.json")?)
                .map_err(|e| Error::input(&dir.join("run.json"), e.to_string()))?,
        };
        let header = Table::header(&run, sentences.is_revision);
        let mut session = Session {
            dir: dir.to_path_buf(),
            sentences,
            beads,
            findings: Vec::new(),
            run_findings,
            vectors: None,
            file,
            stale_alignment: false,
            header,
        };
        if let Some(fix) = session.file.alignment.clone() {
            if fix.sentences_hash == session.sentences_hash() && session.valid(&fix.beads) {
                session.beads = beads_from(&fix.beads);
            } else {
                session.stale_alignment = true;
            }
        }
        session.refresh_findings();
        Ok(session)
    }

    pub fn len(&self) -> usize {
        self.beads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.beads.is_empty()
    }

    fn sentences_hash(&self) -> String {
        let all = [self.sentences.source.join("\u{1f}"), self.sentences.target.join("\u{1f}")].join("\u{1e}");
        format!("{:016x}", fnv1a64(all.as_bytes()))
    }

    /// Whether a bead list covers every sentence once, in order.
    fn valid(&self, beads: &[(Vec<usize>, Vec<usize>)]) -> bool {
        let (mut s, mut t) = (0, 0);
        for (a, b) in beads {
            if a.iter().enumerate().any(|(k, &i)| i != s + k) || b.iter().enumerate().any(|(k, &j)| j != t + k) {
                return false;
            }
            s += a.len();
            t += b.len();
        }
        s == self.sentences.source.len() && t == self.sentences.target.len()
    }

    fn text(&self, texts: &[String], ids: Range<usize>, lang: &str) -> String {
        crate::lang::join_sentences(&texts[ids], lang)
    }

    fn source_text(&self, bead: &Bead) -> String {
        self.text(&self.sentences.source, bead.src.clone(), &self.sentences.source_lang)
    }

    fn target_text(&self, bead: &Bead) -> String {
        self.text(&self.sentences.target, bead.tgt.clone(), &self.sentences.target_lang)
    }

    fn key(&self, bead: &Bead) -> (String, String) {
        let h = |t: &str| format!("{:016x}", fnv1a64(t.as_bytes()));
        (h(&self.source_text(bead)), h(&self.target_text(bead)))
    }

    /// The decision on bead `i` and whether it is stale.
    fn decision(&self, i: usize) -> Option<(&Decision, bool)> {
        let (s, t) = self.key(&self.beads[i]);
        if let Some(d) = self.file.decisions.get(&format!("{s}:{t}")) {
            return Some((d, false));
        }
        self.file.decisions.iter().find(|(k, _)| k.starts_with(&format!("{s}:"))).map(|(_, d)| (d, true))
    }

    fn decision_mut(&mut self, i: usize) -> Result<&mut Decision> {
        let bead =
            self.beads.get(i).ok_or_else(|| Error::Usage(format!("no bead {i}: the run has {}", self.beads.len())))?;
        let (s, t) = self.key(bead);
        // A stale decision on the same source is replaced by the new one.
        self.file.decisions.retain(|k, _| !k.starts_with(&format!("{s}:")) || k == &format!("{s}:{t}"));
        Ok(self.file.decisions.entry(format!("{s}:{t}")).or_default())
    }

    /// Records a decision on bead `i`.
    pub fn decide(&mut self, i: usize, status: Option<Status>, comment: Option<String>) -> Result<()> {
        let d = self.decision_mut(i)?;
        d.status = status;
        if let Some(c) = comment {
            d.comment = c;
        }
        self.save()
    }

    /// Replaces the translation of bead `i` (an empty text undoes the edit).
    pub fn edit(&mut self, i: usize, text: String) -> Result<()> {
        let d = self.decision_mut(i)?;
        d.edit = Some(text).filter(|t| !t.trim().is_empty());
        self.refresh_findings();
        self.save()
    }

    /// The reviewer's current (not stale) version of each bead's translation.
    fn edits(&self) -> Vec<Option<String>> {
        (0..self.beads.len())
            .map(|i| self.decision(i).and_then(|(d, stale)| d.edit.clone().filter(|_| !stale)))
            .collect()
    }

    /// Merges bead `i` with the next one.
    pub fn merge(&mut self, i: usize) -> Result<()> {
        if i + 1 >= self.beads.len() {
            return Err(Error::Usage(format!("bead {i} has no next bead to merge with")));
        }
        let next = self.beads.remove(i + 1);
        let bead = &mut self.beads[i];
        bead.src.end = next.src.end;
        bead.tgt.end = next.tgt.end;
        self.aligned()
    }

    /// Splits bead `i` after `source` of its source sentences and `target` of its target
    /// sentences.
    pub fn split(&mut self, i: usize, source: usize, target: usize) -> Result<()> {
        let bead = self.beads.get(i).ok_or_else(|| Error::Usage(format!("no bead {i}")))?.clone();
        if source > bead.src.len()
            || target > bead.tgt.len()
            || (source + target == 0)
            || (source == bead.src.len() && target == bead.tgt.len())
        {
            return Err(Error::Usage(format!(
                "cannot split a {} bead after {source} source and {target} target sentences: both parts need a sentence",
                bead.shape()
            )));
        }
        let first = Bead {
            src: bead.src.start..bead.src.start + source,
            tgt: bead.tgt.start..bead.tgt.start + target,
            cost: 0.0,
        };
        let second = Bead { src: first.src.end..bead.src.end, tgt: first.tgt.end..bead.tgt.end, cost: 0.0 };
        self.beads.splice(i..=i, [first, second]);
        self.aligned()
    }

    /// Moves the last sentence of bead `i` on `side` to the next bead (`forward`), or its
    /// first sentence to the previous bead.
    pub fn move_sentence(&mut self, i: usize, side: BeadSide, forward: bool) -> Result<()> {
        let j = if forward { i + 1 } else { i.wrapping_sub(1) };
        if i >= self.beads.len() || j >= self.beads.len() {
            return Err(Error::Usage(format!("bead {i} has no {} bead", if forward { "next" } else { "previous" })));
        }
        let (lo, hi) = (i.min(j), i.max(j));
        let (left, right) = self.beads.split_at_mut(hi);
        let (this, other) = if i < j { (&mut left[lo], &mut right[0]) } else { (&mut right[0], &mut left[lo]) };
        let (a, b) = (side_of(this, side), side_of(other, side));
        if a.start == a.end {
            return Err(Error::Usage(format!("bead {i} has no sentence on that side to move")));
        }
        if forward {
            a.end -= 1;
            b.start -= 1;
        } else {
            a.start += 1;
            b.end += 1;
        }
        self.beads.retain(|b| !(b.src.is_empty() && b.tgt.is_empty()));
        self.aligned()
    }

    /// After an alignment fix: findings again, and the fix saved.
    fn aligned(&mut self) -> Result<()> {
        self.file.alignment = Some(AlignmentFix {
            sentences_hash: self.sentences_hash(),
            beads: self.beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect(),
        });
        self.stale_alignment = false;
        self.refresh_findings();
        self.save()
    }

    /// The findings of each bead: the run's where the bead and its translation are the
    /// run's; the checks again elsewhere, on the edited translation where there is one
    /// (with the MT vectors, made the first time they are needed).
    fn refresh_findings(&mut self) {
        let key = |b: &Bead| (b.src.clone().collect::<Vec<_>>(), b.tgt.clone().collect::<Vec<_>>());
        // An edit replaces the bead's translation: its first sentence holds the new
        // text, the others are left empty. A bead without translation cannot be edited.
        let edits: Vec<Option<String>> =
            self.edits().into_iter().zip(&self.beads).map(|(e, b)| e.filter(|_| !b.tgt.is_empty())).collect();
        let kept = |i: usize, b: &Bead| edits[i].is_none() && self.run_findings.contains_key(&key(b));
        if self.beads.iter().enumerate().all(|(i, b)| kept(i, b)) {
            self.findings = self.beads.iter().map(|b| self.run_findings[&key(b)].clone()).collect();
            return;
        }
        let mut target: Vec<&str> = self.sentences.target.iter().map(String::as_str).collect();
        for (bead, edit) in self.beads.iter().zip(&edits) {
            if let Some(text) = edit {
                for j in bead.tgt.clone() {
                    target[j] = if j == bead.tgt.start { text.as_str() } else { "" };
                }
            }
        }
        let edited_vectors;
        let vectors = if edits.iter().any(Option::is_some) {
            edited_vectors = self.sentences.mt_or_source.as_ref().map(|mt| features::embed(mt, &target));
            edited_vectors.as_ref()
        } else {
            if self.vectors.is_none() {
                self.vectors =
                    self.sentences.mt_or_source.as_ref().map(|mt| features::embed(mt, &self.sentences.target));
            }
            self.vectors.as_ref()
        };
        let source: Vec<&str> = self.sentences.source.iter().map(String::as_str).collect();
        let fresh = drift::check(&drift::Input {
            beads: &self.beads,
            source: &source,
            target: &target,
            mt: self.sentences.mt_or_source.as_deref(),
            source_lang: &self.sentences.source_lang,
            target_lang: &self.sentences.target_lang,
            is_revision: self.sentences.is_revision,
            vectors: vectors.map(|(a, b)| (a, b)),
            glossary: self.sentences.glossary.as_ref(),
        });
        self.findings = self
            .beads
            .iter()
            .enumerate()
            .zip(fresh)
            .map(|((i, b), f)| if kept(i, b) { self.run_findings[&key(b)].clone() } else { f })
            .collect();
    }

    fn save(&self) -> Result<()> {
        let json = serde_json::to_vec_pretty(&self.file).expect("serialising to memory cannot fail");
        atomic::write(&self.dir.join(FILE_NAME), &json)
    }

    /// The session as rows: decisions and edits applied.
    pub fn table(&self) -> Table<'static> {
        let rows = self
            .beads
            .iter()
            .enumerate()
            .map(|(i, bead)| {
                let decision = self.decision(i);
                let edit = decision.and_then(|(d, stale)| d.edit.clone().filter(|_| !stale));
                Row {
                    index: i,
                    bead: bead.clone(),
                    source: self.source_text(bead),
                    mt: bead_mt(self.mt(), bead, &self.sentences.target_lang),
                    target: edit.clone().unwrap_or_else(|| self.target_text(bead)),
                    scores: None,
                    findings: self.findings[i].clone(),
                    diff: None,
                    review: Some(ReviewMark {
                        status: decision.and_then(|(d, _)| d.status),
                        comment: decision.map(|(d, _)| d.comment.clone()).unwrap_or_default(),
                        edited: edit.is_some(),
                        stale: decision.is_some_and(|(_, stale)| stale),
                    }),
                }
            })
            .collect();
        Table {
            summary: Summary::of(&self.beads, &self.findings),
            passages: crate::align::passages(&self.beads),
            rows,
            ..self.header.clone()
        }
    }

    /// The MT of each source sentence, if the run had MT: sentences.json holds what the
    /// translation was compared with, which is the source itself for a translation in
    /// the source's own language (no MT then).
    fn mt(&self) -> Option<&[String]> {
        self.sentences.mt_or_source.as_deref().filter(|_| self.sentences.source_lang != self.sentences.target_lang)
    }

    /// Writes report.html again with the review marks.
    pub fn refresh_report(&self) -> Result<()> {
        let html = Format::Html;
        atomic::write(&self.dir.join(html.file_name()), &html.render_table(&self.table()))
    }
}

/// Beads from consecutive (source ids, target ids) lists, as alignment.jsonl and
/// review.json record them.
fn beads_from(ids: &[(Vec<usize>, Vec<usize>)]) -> Vec<Bead> {
    let (mut s, mut t) = (0, 0);
    ids.iter()
        .map(|(a, b)| {
            let bead = Bead { src: s..s + a.len(), tgt: t..t + b.len(), cost: 0.0 };
            (s, t) = (bead.src.end, bead.tgt.end);
            bead
        })
        .collect()
}

fn side_of(bead: &mut Bead, side: BeadSide) -> &mut Range<usize> {
    match side {
        BeadSide::Source => &mut bead.src,
        BeadSide::Target => &mut bead.tgt,
    }
}
