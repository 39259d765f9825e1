//! driftalign: find where an existing translation has drifted from its source.
//!
//! Data flows one way. The stages, each one module with one entry point, in order:
//! [`document`] (bytes → text), [`lang`] (which language), [`segment`] (sentences),
//! [`mt`] (machine translation of the source), [`align`] (which sentences correspond),
//! [`drift`] (what changed). [`pipeline`] runs them on one document pair and makes a
//! [`run::Run`], the record the [`report`]s and [`review`] read. [`job`] assembles one
//! job (settings → pipeline → outputs) for every command; [`config`] only reads a file
//! and composes each stage's settings.

pub mod align;
pub mod anchors;
pub mod atomic;
pub mod config;
pub mod decision;
pub mod document;
pub mod drift;
pub mod embeddings;
pub mod encoder;
pub mod error;
pub mod eval;
pub mod hashing;
pub mod job;
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
