//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod fake_http;
pub mod fake_mt;

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

/// The URL of a test server that scripts/test.sh starts and names in `var`. Outside
/// CI a missing server is reported and the caller skips; in CI it is a failure.
pub fn server_url(var: &str) -> Option<String> {
    from_test_script(var, "starts the server")
}

/// A setting that scripts/test.sh exports in `var` (a path, an interpreter). Outside CI
/// a missing one is reported and the caller skips; in CI it is a failure.
pub fn test_setting(var: &str) -> Option<String> {
    from_test_script(var, "sets it")
}

/// `var` as scripts/test.sh exports it (`what`: what the script does for it).
fn from_test_script(var: &str, what: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(value) => Some(value),
        Err(_) if std::env::var_os("CI").is_some() => panic!("{var} is not set: scripts/test.sh {what}"),
        Err(_) => {
            eprintln!("NOTE: {var} is not set (scripts/test.sh {what}); this test checked nothing");
            None
        }
    }
}

/// Runs `align --presegmented` on the drift fixture (tests/fixtures/drift: the health
/// plan with drift put in, and its MT) into `out`, with `extra` flags.
pub fn align_drift_fixture(out: &Path, extra: &[&str]) -> std::process::Output {
    align_drift_source(&fixture("drift/en.txt"), out, extra)
}

/// The same with another translation of the fixture's source.
pub fn align_drift_source(translation: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    driftalign()
        .args(["align", "--presegmented"])
        .arg("--src")
        .arg(fixture("drift/zh.txt"))
        .arg("--tgt")
        .arg(translation)
        .arg("--mt")
        .arg(fixture("drift/mt-en.txt"))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// The fixture's Chinese source against `revised`, another version of it, both declared
/// Chinese: two versions of one text, with no MT.
pub fn align_zh_versions(revised: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    driftalign()
        .args(["align", "--presegmented", "--src-lang", "zh", "--tgt-lang", "zh", "--src"])
        .arg(fixture("drift/zh.txt"))
        .arg("--tgt")
        .arg(revised)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// Whether Debian's Chromium and playwright-core (tests/browser) are installed. Outside
/// CI their absence is reported and the caller skips; in CI it is a failure.
pub fn browser_ready() -> bool {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let ready = Path::new("/usr/bin/chromium").exists() && dir.join("node_modules/playwright-core").exists();
    if !ready {
        if std::env::var_os("CI").is_some() {
            panic!("Chromium or playwright-core is missing: scripts/test.sh installs them");
        }
        eprintln!(
            "NOTE: Chromium or playwright-core is missing (scripts/test.sh installs them); this test checked nothing"
        );
    }
    ready
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Writes a source, a translation and an MT file into `dir`; returns their paths and an
/// output directory beside them: [source, translation, MT, out].
pub fn pair_with_mt(dir: &Path, src: &str, tgt: &str, mt: &str) -> [PathBuf; 4] {
    let paths = [dir.join("src.txt"), dir.join("tgt.txt"), dir.join("mt.txt"), dir.join("out")];
    for (path, text) in paths.iter().zip([src, tgt, mt]) {
        std::fs::write(path, text).unwrap();
    }
    paths
}

/// Runs `align --presegmented` (with `extra` flags) on [source, translation, MT, out].
pub fn align_with_mt(paths: &[PathBuf; 4], extra: &[&str]) -> std::process::Output {
    driftalign()
        .args(["align", "--presegmented"])
        .args(extra)
        .arg("--src")
        .arg(&paths[0])
        .arg("--tgt")
        .arg(&paths[1])
        .arg("--mt")
        .arg(&paths[2])
        .arg("--out")
        .arg(&paths[3])
        .output()
        .unwrap()
}
