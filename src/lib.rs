//! driftalign: find where an existing translation has drifted from its source.
//!
//! The stages, each one module with one entry point, in the order data flows:
//! [`document`] (bytes → text), [`lang`] (which language), [`segment`] (sentences),
//! [`mt`] (machine translation of the source), [`align`] (which sentences correspond),
//! [`report`] (files in the run directory). [`pipeline`] runs them on one document pair;
//! [`run`] runs the jobs of a [`config`] file.

pub mod align;
pub mod anchors;
pub mod atomic;
pub mod config;
pub mod document;
pub mod drift;
pub mod embeddings;
pub mod encoder;
pub mod error;
pub mod eval;
pub mod hashing;
pub mod lang;
pub mod metrics;
pub mod mt;
pub mod pipeline;
pub mod plural;
pub mod report;
pub mod review;
pub mod run;
pub mod segment;
#[cfg(test)]
mod test_text;

pub use error::{Error, Result};
