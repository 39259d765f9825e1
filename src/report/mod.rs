//! Outputs of a run, one file per format, all written atomically into the run directory.

pub mod beads;
pub mod jsonl;
pub mod run_json;

use std::path::Path;

use crate::atomic;
use crate::error::Result;
use crate::pipeline::Alignment;

/// One output format: a file name and how to render a run into it.
pub trait Export {
    fn file_name(&self) -> &'static str;
    fn render(&self, run: &Alignment) -> Vec<u8>;
}

/// Every per-bead format, in the order they are written.
pub fn exports() -> Vec<Box<dyn Export>> {
    vec![Box::new(jsonl::Jsonl), Box::new(beads::BeadFile)]
}

/// Writes every format into `dir`.
pub fn write_all(run: &Alignment, dir: &Path) -> Result<()> {
    for export in exports() {
        atomic::write(&dir.join(export.file_name()), &export.render(run))?;
    }
    Ok(())
}
