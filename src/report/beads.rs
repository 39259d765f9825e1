//! `alignment.align`: the bead text format, one `[src ids]:[tgt ids]` line per bead.

use super::Export;
use crate::align::format::bead_line;
use crate::run::Run;

pub struct BeadFile;

impl Export for BeadFile {
    fn file_name(&self) -> &'static str {
        "alignment.align"
    }

    fn render(&self, run: &Run) -> Vec<u8> {
        run.beads.iter().map(|b| bead_line(b) + "\n").collect::<String>().into_bytes()
    }
}
