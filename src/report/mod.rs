//! Outputs of a run, one file each behind the [`Export`] trait, all written atomically
//! into the run directory: the machine contracts straight from the [`Run`], the human
//! formats (HTML, TMX, XLIFF, TSV) from a [`Table`] made of it.

pub mod beads;
pub mod html;
pub mod jsonl;
pub mod run_json;
pub mod sentences;
pub mod table;
pub mod terminal;
pub mod tmx;
pub mod tsv;
pub mod xliff;
mod xml;

use std::path::Path;

use serde::Deserialize;

use crate::atomic;
use crate::error::Result;
use crate::run::Run;
use table::Table;

/// One output file: its name and how to render a run into it.
pub trait Export {
    fn file_name(&self) -> &'static str;
    fn render(&self, run: &Run) -> Vec<u8>;
}

/// The optional outputs, as named in `--format` and `[report] formats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// report.html: side by side, with filters.
    Html,
    /// alignment.tmx: TMX 1.4b.
    Tmx,
    /// alignment.xlf: XLIFF 2.1.
    Xliff,
    /// alignment.tsv: one row per bead.
    Tsv,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Html, Format::Tmx, Format::Xliff, Format::Tsv];

    /// The document for `table` in this format: a run's table, or a review's.
    pub fn render_table(self, table: &Table) -> Vec<u8> {
        match self {
            Format::Html => html::render(table),
            Format::Tmx => tmx::render(table),
            Format::Xliff => xliff::render(table),
            Format::Tsv => tsv::render(table),
        }
    }
}

impl Export for Format {
    fn file_name(&self) -> &'static str {
        match self {
            Format::Html => "report.html",
            Format::Tmx => "alignment.tmx",
            Format::Xliff => "alignment.xlf",
            Format::Tsv => "alignment.tsv",
        }
    }

    fn render(&self, run: &Run) -> Vec<u8> {
        self.render_table(&Table::of(run))
    }
}

/// The report stage's settings: which optional formats to write besides the contracts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportOptions {
    #[serde(default = "all_formats")]
    pub formats: Vec<Format>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { formats: all_formats() }
    }
}

fn all_formats() -> Vec<Format> {
    Format::ALL.to_vec()
}

/// Writes one output of `run` into `dir`.
pub fn write(export: &dyn Export, run: &Run, dir: &Path) -> Result<()> {
    atomic::write(&dir.join(export.file_name()), &export.render(run))
}

/// Writes the contracts (alignment.jsonl, alignment.align, sentences.json) and the
/// formats `options` asks for into `dir`; `run.json`, whose presence means the run
/// finished, is left to the caller to write last (see [`run_json::RunJson`]).
pub fn write_all(run: &Run, dir: &Path, options: &ReportOptions) -> Result<()> {
    let contracts: [&dyn Export; 3] = [&jsonl::Jsonl, &beads::BeadFile, &sentences::Sentences];
    for export in contracts.into_iter().chain(options.formats.iter().map(|f| f as &dyn Export)) {
        write(export, run, dir)?;
    }
    Ok(())
}
