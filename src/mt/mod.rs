//! Machine translation of the source sentences.
//!
//! For now one provider exists: a file with one translation per source sentence, for
//! evaluation data and for users who already have MT.

pub mod file;
