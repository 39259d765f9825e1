//! report.html in a real browser: Debian's Chromium, headless, driven by Playwright
//! (`tests/browser/report.mjs`; scripts/test.sh installs both). It must render every
//! bead, its filters and "next finding" must work, and the console must stay clean.
//! Under CI a missing browser is a failure.

mod common;

use std::path::Path;

use common::stderr;
use serde_json::Value;

#[test]
fn the_report_renders_filters_and_jumps_in_headless_chromium() {
    if !common::browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = common::align_drift_fixture(&out, &["--format", "html"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let beads: Vec<Value> = std::fs::read_to_string(out.join("alignment.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rows_with = |pred: &dyn Fn(&Value) -> bool| -> Vec<String> {
        beads
            .iter()
            .enumerate()
            .filter(|(_, b)| b["flags"].as_array().unwrap().iter().any(pred))
            .map(|(i, _)| format!("b{i}"))
            .collect()
    };
    let major = rows_with(&|f| f["severity"] != "minor");
    let critical = rows_with(&|f| f["severity"] == "critical");
    let numbers = rows_with(&|f| f["kind"] == "number_mismatch");
    assert!(!critical.is_empty() && critical.len() < major.len(), "the fixture has findings of several severities");

    let run = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/report.mjs"))
        .arg(out.join("report.html"))
        .output()
        .expect("node runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let seen: Value = serde_json::from_slice(&run.stdout).unwrap();
    let ids =
        |v: &Value| -> Vec<String> { v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect() };
    assert_eq!(seen["problems"], Value::Array(vec![]), "console errors or dialogs: {}", seen["problems"]);
    assert_eq!(seen["requests"], Value::Array(vec![]), "the report loaded something");
    assert_eq!(seen["rows"], beads.len());
    assert_eq!(ids(&seen["default"]), major, "major and above by default");
    assert_eq!(ids(&seen["all"]).len(), beads.len());
    assert_eq!(ids(&seen["critical"]), critical);
    // Minor and above, only number_mismatch ticked.
    assert_eq!(ids(&seen["numbers_only"]), numbers);
    // "next finding" goes to the first flagged row, then the next one.
    let flagged = rows_with(&|_| true);
    assert_eq!(seen["next"], flagged[0].as_str());
    assert_eq!(seen["next_again"], flagged[1].as_str());
}
