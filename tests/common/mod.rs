//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `driftalign` binary under test.
pub fn driftalign() -> Command {
    Command::cargo_bin("driftalign").expect("the binary is built by cargo test")
}

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// The shared evaluation material beside the repository (seeds, data). Outside CI a
/// missing folder is reported and the caller skips; in CI (`CI` set) it is a failure.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{} is absent, and CI must have the shared material beside the repository", path.display());
    }
    eprintln!("NOTE: {} is absent; this test checked nothing", path.display());
    None
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}
