//! Atomic file writes: a temporary file beside the target, flushed, then renamed over it.
//!
//! A run killed half-way never leaves a half-written report: readers see either the old
//! file or the complete new one.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically, creating the parent directory if needed.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_dir(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::output(path, e));
    }
    Ok(())
}

/// Creates `dir` and its parents. Where a file stands in the way, the error names it:
/// the system's "File exists" or "Not a directory" alone does not tell a user that
/// `--out` names a file.
pub fn create_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| {
        let e = match dir.ancestors().find(|a| a.is_file()) {
            Some(file) if file == dir => std::io::Error::other("it is a file, not a directory"),
            Some(file) => std::io::Error::other(format!("{} is a file, not a directory", file.display())),
            None => e,
        };
        Error::output(dir, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_way_of_the_output_directory_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("notes.txt");
        fs::write(&file, "kept").unwrap();
        let message = write(&file.join("report.html"), b"x").unwrap_err().to_string();
        assert_eq!(message, format!("{}: cannot write: it is a file, not a directory", file.display()));
        let message = write(&file.join("sub").join("report.html"), b"x").unwrap_err().to_string();
        let sub = file.join("sub");
        assert_eq!(message, format!("{}: cannot write: {} is a file, not a directory", sub.display(), file.display()));
        assert_eq!(fs::read_to_string(&file).unwrap(), "kept");
        // A directory that can be made is made.
        write(&tmp.path().join("a").join("b.txt"), b"x").unwrap();
        assert_eq!(fs::read(tmp.path().join("a").join("b.txt")).unwrap(), b"x");
    }
}
