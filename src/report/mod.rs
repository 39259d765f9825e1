//! Outputs of a run, one file per format, all written atomically into the run directory.

pub mod beads;
pub mod html;
pub mod jsonl;
pub mod run_json;
pub mod terminal;
pub mod tmx;
pub mod tsv;
pub mod xliff;
mod xml;

use std::path::Path;

use crate::atomic;
use crate::error::Result;
use crate::pipeline::Alignment;

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
}

/// One output format: a file name and how to render a run into it.
pub trait Export {
    fn file_name(&self) -> &'static str;
    fn render(&self, run: &Alignment) -> Vec<u8>;
}

/// The formats to write: the two contracts always, the optional ones asked for.
pub fn exports(formats: &[Format]) -> Vec<Box<dyn Export>> {
    let mut out: Vec<Box<dyn Export>> = vec![Box::new(jsonl::Jsonl), Box::new(beads::BeadFile)];
    for format in formats {
        out.push(match format {
            Format::Html => Box::new(html::Html),
            Format::Tmx => Box::new(tmx::Tmx),
            Format::Xliff => Box::new(xliff::Xliff),
            Format::Tsv => Box::new(tsv::Tsv),
        });
    }
    out
}

/// Writes the formats into `dir`.
pub fn write_all(run: &Alignment, dir: &Path, formats: &[Format]) -> Result<()> {
    for export in exports(formats) {
        atomic::write(&dir.join(export.file_name()), &export.render(run))?;
    }
    Ok(())
}
