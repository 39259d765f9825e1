//! `driftalign eval`: align every document of an evaluation set and score it against
//! its gold alignment.
//!
//! A set is a directory with `set.toml` (`name`, `source_lang`, `target_lang`, ...),
//! `src/<doc>` and `tgt/<doc>` (one sentence per line), optionally `mt/<doc>` (MT of
//! each source line) and `gold/<doc>.align` (bead format).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::align::evaluate::{IdBead, Scores, Tally};
use crate::align::format;
use crate::atomic;
use crate::error::{Error, Result};
use crate::job::{self, Job};
use crate::mt::{Clients, MtOptions, ProviderName};
use crate::pipeline::{PairInput, PairOptions};
use crate::report::{beads::BeadFile, Export};
use crate::segment::SegmentOptions;

/// `set.toml`: only the languages are needed; other keys describe the set for people.
#[derive(Debug, Deserialize)]
struct SetInfo {
    name: Option<String>,
    source_lang: String,
    target_lang: String,
}

/// One document's result.
#[derive(Debug, Serialize)]
pub struct DocResult {
    pub doc: String,
    pub beads: usize,
    pub uses_mt: bool,
    /// Scores of this document alone, if it has gold.
    pub scores: Option<Scores>,
    pub align_ms: f64,
}

/// The whole set's result.
#[derive(Debug, Serialize)]
pub struct SetResult {
    pub name: String,
    pub documents: Vec<DocResult>,
    /// Micro-averaged over the documents with gold.
    pub scores: Option<Scores>,
    /// For each gold bead shape (`1-2`, ...): how many gold beads of that shape were
    /// found exactly, and how many there are.
    pub recall_by_shape: BTreeMap<String, (usize, usize)>,
}

/// Aligns and scores every document of the set in `set_dir`, writing `<doc>.align` into
/// `out`. `use_mt`: align with the set's MT (`mt/<doc>`) where it has it.
pub fn evaluate(set_dir: &Path, out: &Path, options: &PairOptions, use_mt: bool) -> Result<SetResult> {
    let info_path = set_dir.join("set.toml");
    let text = std::fs::read_to_string(&info_path)
        .map_err(|e| Error::input(&info_path, format!("cannot read the set description: {e}")))?;
    let info: SetInfo = toml::from_str(&text).map_err(|e| Error::input(&info_path, e.to_string()))?;
    let mut docs: Vec<String> = std::fs::read_dir(set_dir.join("src"))
        .map_err(|e| Error::input(&set_dir.join("src"), format!("cannot list the source documents: {e}")))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    docs.sort();
    if docs.is_empty() {
        return Err(Error::input(&set_dir.join("src"), "no source documents"));
    }
    let mut tally = Tally::default();
    let mut any_gold = false;
    let mut recall_by_shape: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut documents = Vec::new();
    // The MT of a set is files of translations: no service, so no cache.
    let clients = Clients::new(out.join(".cache"), false);
    for doc in docs {
        let mt = set_dir.join("mt").join(&doc);
        let job = Job {
            name: doc.clone(),
            input: PairInput {
                source: set_dir.join("src").join(&doc),
                translation: set_dir.join("tgt").join(&doc),
                source_lang: Some(info.source_lang.clone()),
                target_lang: Some(info.target_lang.clone()),
                ..PairInput::default()
            },
            mt: if use_mt && mt.exists() {
                MtOptions { provider: Some(ProviderName::File), file: Some(mt), ..MtOptions::default() }
            } else {
                MtOptions::default()
            },
            options: PairOptions { segment: SegmentOptions { presegmented: true }, ..options.clone() },
            // Only the bead file is written, under the document's name.
            output: None,
        };
        let run = job::execute(&job, &clients)?;
        atomic::write(&out.join(format!("{doc}.align")), &BeadFile.render(&run))?;
        let test: Vec<IdBead> = run.beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect();
        let gold_path: PathBuf = set_dir.join("gold").join(format!("{doc}.align"));
        let scores = if gold_path.exists() {
            let gold_text = std::fs::read_to_string(&gold_path).map_err(|e| Error::input(&gold_path, e.to_string()))?;
            let gold = format::parse(&gold_text).map_err(|e| Error::input(&gold_path, e))?;
            any_gold = true;
            for g in gold.iter().filter(|(s, t)| !s.is_empty() && !t.is_empty()) {
                let entry = recall_by_shape.entry(format!("{}-{}", g.0.len(), g.1.len())).or_default();
                entry.1 += 1;
                if test.contains(g) {
                    entry.0 += 1;
                }
            }
            let mut own = Tally::default();
            own.add(&gold, &test);
            tally.merge(&own);
            Some(own.scores())
        } else {
            None
        };
        documents.push(DocResult {
            doc,
            beads: run.beads.len(),
            uses_mt: run.mt.is_some(),
            scores,
            align_ms: run.timings.get("align").copied().unwrap_or(0.0),
        });
    }
    let result = SetResult {
        name: info.name.unwrap_or_else(|| set_dir.file_name().unwrap_or_default().to_string_lossy().into_owned()),
        documents,
        scores: any_gold.then(|| tally.scores()),
        recall_by_shape,
    };
    let json = serde_json::to_vec_pretty(&result).expect("serialising to memory cannot fail");
    atomic::write(&out.join("eval.json"), &json)?;
    Ok(result)
}
