//! FNV-1a hashing: fast, stable across runs and platforms, not keyed. Used for word
//! tables, n-gram features and fingerprints, never for anything an attacker controls
//! the size of.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

const OFFSET: u64 = 0xcbf29ce484222325;
const PRIME: u64 = 0x100000001b3;

/// FNV-1a of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    extend(OFFSET, bytes)
}

/// Continues an FNV-1a hash with more bytes.
pub fn extend(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| (h ^ b as u64).wrapping_mul(PRIME))
}

/// FNV-1a as a `Hasher`, for hash maps with small fixed keys.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(OFFSET)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = extend(self.0, bytes);
    }
}

pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
