//! Bad input gets one clear line naming the problem, and the right exit code.

mod common;

use common::{driftalign, fixture, stderr};

/// Runs `driftalign args...`, checks the exit code, returns stderr.
fn fails(args: &[&std::ffi::OsStr], code: i32) -> String {
    let output = driftalign().args(args).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(code), "stderr: {err}");
    assert!(err.starts_with("driftalign: error:") || err.contains(": driftalign: error:") || code == 2, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.txt");
    std::fs::write(&path, "").unwrap();
    let err = fails(&[os("detect"), path.as_os_str()], 3);
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
    std::fs::write(&path, "\n  \n\t\n").unwrap();
    assert!(fails(&[os("detect"), path.as_os_str()], 3).contains("empty"));
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(&path, bytes).unwrap();
    let err = fails(&[os("detect"), path.as_os_str()], 3);
    assert!(err.contains("image.png") && err.contains("binary"), "{err}");
}

#[test]
fn invalid_utf8_under_forced_utf8() {
    let path = fixture("encodings/zh_gbk.txt");
    let err = fails(&[os("detect"), os("--encoding"), os("utf-8"), path.as_os_str()], 3);
    assert!(err.contains("zh_gbk.txt") && err.contains("not valid UTF-8 at byte 4"), "{err}");
}

#[test]
fn missing_path_and_directory() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let err = fails(&[os("detect"), missing.as_os_str()], 3);
    assert!(err.contains("nope.txt") && err.contains("no such file"), "{err}");
    let err = fails(&[os("detect"), dir.path().as_os_str()], 3);
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn over_the_size_limit() {
    let path = fixture("encodings/en_utf16le.txt");
    let err = fails(&[os("detect"), os("--max-bytes"), os("100"), path.as_os_str()], 3);
    assert!(err.contains("over the limit of 100 bytes"), "{err}");
}

#[test]
fn one_bad_file_does_not_hide_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.txt");
    let output =
        driftalign().args(["detect", "--json"]).arg(&missing).arg(fixture("encodings/ko_euckr.txt")).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results[0]["lang"], "ko");
    assert!(stderr(&output).contains("gone.txt"));
}

#[test]
fn usage_errors() {
    let path = fixture("encodings/ko_euckr.txt");
    let err = fails(&[os("detect"), os("--langs"), os("en,xx"), path.as_os_str()], 2);
    assert!(err.contains("unknown language code `xx`"), "{err}");
    let err = fails(&[os("detect"), os("--encoding"), os("klingon"), path.as_os_str()], 2);
    assert!(err.contains("unknown encoding `klingon`"), "{err}");
    fails(&[os("align"), os("--src"), path.as_os_str()], 2);
    fails(&[os("frobnicate")], 2);
}

fn write_config(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn unknown_config_key_names_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "output = \"out\"\n[align]\nmethod = \"length\"\nbandwidth = 3\n");
    let err = fails(&[os("run"), os("--config"), config.as_os_str()], 2);
    assert!(err.contains("config.toml") && err.contains("line 4") && err.contains("bandwidth"), "{err}");
}

#[test]
fn missing_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("absent.toml");
    let err = fails(&[os("run"), os("--config"), config.as_os_str()], 2);
    assert!(err.contains("absent.toml") && err.contains("no such file"), "{err}");
}

#[test]
fn job_pointing_at_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("src.txt"), "Hello world.\n").unwrap();
    let config =
        write_config(dir.path(), "[[job]]\nname = \"broken\"\nsource = \"src.txt\"\ntranslation = \"missing.txt\"\n");
    let err = fails(&[os("run"), os("--config"), config.as_os_str()], 3);
    assert!(err.contains("broken") && err.contains("missing.txt") && err.contains("no such file"), "{err}");
    assert!(!dir.path().join("aligned/broken").exists(), "a failed job writes nothing");
}

#[test]
fn unknown_job_name() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "[[job]]\nname = \"a\"\nsource = \"s\"\ntranslation = \"t\"\n");
    let err = fails(&[os("run"), os("--config"), config.as_os_str(), os("--job"), os("b")], 2);
    assert!(err.contains("no job named `b`") && err.contains("jobs: a"), "{err}");
}

#[test]
fn mt_file_with_the_wrong_line_count() {
    let dir = tempfile::tempdir().unwrap();
    let paths = common::pair_with_mt(dir.path(), "One.\nTwo.\nThree.\n", "Eins.\nZwei.\nDrei.\n", "Eins.\nZwei.\n");
    let output = common::align_with_mt(&paths, &[]);
    assert_eq!(output.status.code(), Some(3));
    let err = stderr(&output);
    assert!(err.contains("mt.txt") && err.contains("2 lines") && err.contains("3 sentences"), "{err}");
}

#[test]
fn an_mt_file_with_empty_lines_is_aligned_and_says_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let paths = common::pair_with_mt(
        dir.path(),
        "The river rose in the night.\nThe bridge was closed at dawn.\nThe school opened late.\n",
        "Der Fluss stieg in der Nacht.\nDie Brücke wurde im Morgengrauen gesperrt.\nDie Schule öffnete spät.\n",
        "Der Fluss stieg in der Nacht.\n\nDie Schule öffnete spät.\n",
    );
    let output = common::align_with_mt(&paths, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = String::from_utf8_lossy(&output.stdout);
    let note = "the MT is empty for 1 source sentence (2), matched only by its own names and figures";
    assert!(out.contains(note), "{out}");
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(paths[3].join("run.json")).unwrap()).unwrap();
    assert_eq!(run["mt"]["empty"], serde_json::json!([2]));
    assert!(std::fs::read_to_string(paths[3].join("report.html")).unwrap().contains(note));
}
