//! The persistent translation cache: one embedded database file (redb), one entry per
//! translated sentence, keyed by everything that decides the translation: provider,
//! endpoint, model, language pair and the normalised sentence.
//!
//! Each batch is committed (and synced) as soon as it is checked, so a run that is
//! killed keeps every translation it had paid for. Only checked translations are ever
//! written: errors, truncated and mismatched batches never reach this module. API keys
//! are not part of any key or value.

use std::path::{Path, PathBuf};

use redb::{Database, ReadableTable, TableDefinition};

use crate::error::{Error, Result};

const TRANSLATIONS: TableDefinition<&str, &str> = TableDefinition::new("translations");
/// Characters sent per provider, endpoint and day, for daily budgets.
const USAGE: TableDefinition<&str, u64> = TableDefinition::new("characters_sent");

/// The file name inside the cache directory.
pub const FILE_NAME: &str = "mt-cache.redb";

pub struct Cache {
    db: Database,
    path: PathBuf,
}

impl Cache {
    /// Opens (creating if needed) the cache in `dir`.
    pub fn open(dir: &Path) -> Result<Cache> {
        let path = dir.join(FILE_NAME);
        crate::atomic::create_dir(dir)?;
        let db = Database::create(&path).map_err(|e| {
            let hint = match e {
                redb::DatabaseError::DatabaseAlreadyOpen => {
                    "it is in use by another driftalign run; wait for it, or give this run its own --cache DIR"
                        .to_string()
                }
                other => format!("{other}; delete the file to start an empty cache"),
            };
            Error::input(&path, format!("cannot open the MT cache: {hint}"))
        })?;
        Ok(Cache { db, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The cached translation of each key, if any.
    pub fn get_many(&self, keys: &[String]) -> Result<Vec<Option<String>>> {
        let read = self.db.begin_read().map_err(|e| self.error(e))?;
        let table = match read.open_table(TRANSLATIONS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(vec![None; keys.len()]),
            Err(e) => return Err(self.error(e)),
        };
        keys.iter()
            .map(|k| Ok(table.get(k.as_str()).map_err(|e| self.error(e))?.map(|v| v.value().to_string())))
            .collect()
    }

    /// Stores translations and adds `chars` to the usage counter `usage_key`, in one
    /// durable transaction.
    pub fn put_many(&self, entries: &[(String, String)], usage_key: &str, chars: u64) -> Result<()> {
        let write = self.db.begin_write().map_err(|e| self.error(e))?;
        {
            let mut table = write.open_table(TRANSLATIONS).map_err(|e| self.error(e))?;
            for (k, v) in entries {
                table.insert(k.as_str(), v.as_str()).map_err(|e| self.error(e))?;
            }
            let mut usage = write.open_table(USAGE).map_err(|e| self.error(e))?;
            let used = usage.get(usage_key).map_err(|e| self.error(e))?.map(|v| v.value()).unwrap_or(0);
            usage.insert(usage_key, used + chars).map_err(|e| self.error(e))?;
        }
        write.commit().map_err(|e| self.error(e))
    }

    /// The characters counted under `usage_key` so far.
    pub fn usage(&self, usage_key: &str) -> Result<u64> {
        let read = self.db.begin_read().map_err(|e| self.error(e))?;
        match read.open_table(USAGE) {
            Ok(t) => Ok(t.get(usage_key).map_err(|e| self.error(e))?.map(|v| v.value()).unwrap_or(0)),
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(0),
            Err(e) => Err(self.error(e)),
        }
    }

    fn error(&self, e: impl std::fmt::Display) -> Error {
        Error::output(&self.path, std::io::Error::other(format!("MT cache: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_reads_and_counts() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let keys = vec!["a".to_string(), "b".to_string()];
        assert_eq!(cache.get_many(&keys).unwrap(), vec![None, None]);
        cache.put_many(&[("a".into(), "A".into())], "day", 5).unwrap();
        cache.put_many(&[], "day", 7).unwrap();
        assert_eq!(cache.get_many(&keys).unwrap(), vec![Some("A".into()), None]);
        assert_eq!(cache.usage("day").unwrap(), 12);
        drop(cache);
        let again = Cache::open(dir.path()).unwrap();
        assert_eq!(again.get_many(&keys).unwrap()[0].as_deref(), Some("A"));
    }
}
