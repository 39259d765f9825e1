//! Outputs of a run, one file per format, all written atomically into the run directory:
//! the machine contracts from the [`Alignment`] itself, the human formats from a [`Table`].

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

use crate::atomic;
use crate::error::Result;
use crate::pipeline::Alignment;
use table::Table;

/// The optional outputs, as named in `--format` and `[report] formats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
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
    pub fn all() -> Vec<Format> {
        vec![Format::Html, Format::Tmx, Format::Xliff, Format::Tsv]
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Format::Html => "report.html",
            Format::Tmx => "alignment.tmx",
            Format::Xliff => "alignment.xlf",
            Format::Tsv => "alignment.tsv",
        }
    }

    /// The document for `table` in this format.
    pub fn render(self, table: &Table) -> Vec<u8> {
        match self {
            Format::Html => html::render(table),
            Format::Tmx => tmx::render(table),
            Format::Xliff => xliff::render(table),
            Format::Tsv => tsv::render(table),
        }
    }
}

/// One output format: a file name and how to render a run into it.
pub trait Export {
    fn file_name(&self) -> &'static str;
    fn render(&self, run: &Alignment) -> Vec<u8>;
}

/// Writes the contracts (alignment.jsonl, alignment.align, sentences.json) and the
/// formats asked for into `dir`.
/// The word diffs move from `run` into the table once alignment.jsonl has them: on a long
/// document they are as big as the text, and nothing reads them from the run afterwards.
pub fn write_all(run: &mut Alignment, dir: &Path, formats: &[Format]) -> Result<()> {
    let contracts: [&dyn Export; 3] = [&jsonl::Jsonl, &beads::BeadFile, &sentences::Sentences];
    for export in contracts {
        atomic::write(&dir.join(export.file_name()), &export.render(run))?;
    }
    let diffs = std::mem::take(&mut run.diffs);
    let table = Table::of(run, diffs);
    for format in formats {
        atomic::write(&dir.join(format.file_name()), &format.render(&table))?;
    }
    Ok(())
}
