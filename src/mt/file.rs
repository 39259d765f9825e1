//! The `file` provider: line `i` of the file is the MT of source sentence `i`.

use std::path::Path;

use crate::document::{Document, LoadOptions};
use crate::error::{Error, Result};
use crate::plural::count;

/// Reads an MT file and checks it has one line per source sentence. Empty lines are
/// kept: they stand for sentences the MT left empty.
pub fn read(path: &Path, options: &LoadOptions, source_sentences: usize) -> Result<Vec<String>> {
    let doc = Document::load(path, options)?;
    let text = doc.text.strip_suffix('\n').unwrap_or(&doc.text);
    let lines: Vec<String> = text.split('\n').map(|l| l.trim().to_string()).collect();
    if lines.len() != source_sentences {
        return Err(Error::input(
            path,
            format!(
                "the MT file has {} but the source has {}; line i of the MT file must be the translation of source sentence i (use --presegmented if the source is one sentence per line)",
                count(lines.len(), "line"),
                count(source_sentences, "sentence")
            ),
        ));
    }
    Ok(lines)
}
