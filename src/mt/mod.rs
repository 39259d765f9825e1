//! Machine translation of the source sentences.
//!
//! [`client::Translator`] sends sentences to one of the [`providers`] (each a pure
//! description of one wire format behind the [`provider::Provider`] trait), with
//! batching ([`batch`]), retries ([`retry`]) and a persistent [`cache`]. The [`file`](mod@file)
//! provider reads translations someone already has; API keys live in [`secret`].

pub mod batch;
pub mod cache;
pub mod client;
pub mod file;
pub mod langs;
mod options;
pub mod provider;
pub mod providers;
pub mod retry;
pub mod secret;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::error::Result;
use cache::Cache;
use client::Translator;
pub use options::{MtOptions, ProviderName};

/// Where the MT of the source comes from.
#[derive(Debug, Clone, Default)]
pub enum MtSource {
    /// No MT: the length-based aligner.
    #[default]
    None,
    /// A file with one translation per source sentence.
    File(PathBuf),
    /// An MT provider, shared by every job that uses the same settings.
    Provider(Arc<Translator>),
}

/// The MT clients and caches of a command, made on first use and shared between jobs:
/// jobs with the same settings share one client (one concurrency limit, one pacing),
/// and jobs with the same cache directory one open cache.
pub struct Clients {
    /// The cache directory when the settings name none.
    default_cache: PathBuf,
    progress: bool,
    translators: Mutex<HashMap<String, Arc<Translator>>>,
    caches: Mutex<HashMap<PathBuf, Arc<Cache>>>,
}

impl Clients {
    /// `progress`: draw MT progress bars (on a terminal only).
    pub fn new(default_cache: PathBuf, progress: bool) -> Clients {
        Clients { default_cache, progress, translators: Mutex::default(), caches: Mutex::default() }
    }

    /// The MT source the settings describe (their paths as they are: whoever composed
    /// them resolved relative ones).
    pub fn source(&self, mt: &MtOptions) -> Result<MtSource> {
        match (mt.provider(), &mt.file) {
            (ProviderName::None, _) => Ok(MtSource::None),
            (ProviderName::File, Some(file)) => Ok(MtSource::File(file.clone())),
            (ProviderName::File, None) => {
                Err(crate::Error::Usage("the `file` MT provider needs a file of translations (--mt FILE)".into()))
            }
            _ => {
                let cache_dir = mt.cache.clone().unwrap_or_else(|| self.default_cache.clone());
                let key = format!("{mt:?} {}", cache_dir.display());
                let mut translators = self.translators.lock().expect("not poisoned");
                if let Some(t) = translators.get(&key) {
                    return Ok(MtSource::Provider(Arc::clone(t)));
                }
                let cache = {
                    let mut caches = self.caches.lock().expect("not poisoned");
                    match caches.get(&cache_dir) {
                        Some(c) => Arc::clone(c),
                        None => {
                            let c = Arc::new(Cache::open(&cache_dir)?);
                            caches.insert(cache_dir, Arc::clone(&c));
                            c
                        }
                    }
                };
                let translator = Arc::new(Translator::new(mt, Some(cache), self.progress)?);
                translators.insert(key, Arc::clone(&translator));
                Ok(MtSource::Provider(translator))
            }
        }
    }
}
