//! The review app: its JSON API, decisions that survive re-runs, the export, and a
//! reviewer's round trip in headless Chromium.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{align_drift_fixture, fixture, stderr};
use serde_json::{json, Value};

/// A running `driftalign review`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("driftalign"))
            .args(["review", "--port", "0"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).expect(&line).to_string();
        Server { child, url }
    }

    fn get(&self) -> Value {
        reqwest::blocking::get(format!("{}api/beads", self.url)).unwrap().json().unwrap()
    }

    fn post(&self, path: &str, body: &str) -> (u16, Value) {
        let r = reqwest::blocking::Client::new()
            .post(format!("{}api/{path}", self.url))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .unwrap();
        (r.status().as_u16(), r.json().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    let o = align_drift_fixture(&out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

/// The index of the first bead whose findings include `kind`.
fn bead_with(listing: &Value, kind: &str) -> usize {
    listing["beads"]
        .as_array()
        .unwrap()
        .iter()
        .position(|b| b["flags"].as_array().unwrap().iter().any(|f| f["kind"] == kind))
        .unwrap()
}

#[test]
fn the_api_records_decisions_edits_and_alignment_fixes_and_refuses_bad_requests() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path());
    let server = Server::start(&out);
    let listing = server.get();
    let jsonl = std::fs::read_to_string(out.join("alignment.jsonl")).unwrap();
    assert_eq!(listing["total"], jsonl.lines().count());
    assert_eq!(listing["compared"], "MT");
    assert_eq!(listing["reviewed"], 0);

    let six = bead_with(&listing, "number_mismatch");
    let (status, after) =
        server.post(&format!("beads/{six}/decision"), r#"{"status": "rejected", "comment": "6倍 is a multiple"}"#);
    assert_eq!(status, 200);
    assert_eq!(
        after["beads"][six]["decision"],
        json!({"status": "rejected", "comment": "6倍 is a multiple", "edited": false, "stale": false})
    );
    assert_eq!(after["reviewed"], 1);

    let (status, after) =
        server.post(&format!("beads/{six}/edit"), r#"{"text": "... do not exceed 6 times the household income."}"#);
    assert_eq!(status, 200);
    assert_eq!(after["beads"][six]["tgt_text"], "... do not exceed 6 times the household income.");
    assert_eq!(after["beads"][six]["decision"]["edited"], true);
    // The findings follow the edit: "6 times" is what the source says.
    let kinds = |listing: &Value, i: usize| -> Vec<String> {
        listing["beads"][i]["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!kinds(&after, six).contains(&"number_mismatch".to_string()), "{}", after["beads"][six]);
    // And an edit that changes a year is caught on the spot, and undone by an empty edit.
    let year = 2;
    assert!(kinds(&after, year).is_empty(), "{}", after["beads"][year]);
    let (_, broken) = server.post(
        &format!("beads/{year}/edit"),
        r#"{"text": "The general requirement for the province's health work in 2025 is to put people's health at the centre."}"#,
    );
    let flags = broken["beads"][year]["flags"].as_array().unwrap();
    assert!(flags.iter().any(|f| f["kind"] == "number_mismatch" && f["severity"] == "critical"), "{flags:?}");
    let (_, undone) = server.post(&format!("beads/{year}/edit"), r#"{"text": ""}"#);
    assert!(kinds(&undone, year).is_empty(), "{}", undone["beads"][year]);
    assert_eq!(undone["beads"][year]["decision"]["edited"], false);

    for (path, body, code) in [
        (format!("beads/{six}/decision"), r#"{"status": "maybe"}"#, 400),
        (format!("beads/{six}/decision"), r#"{"status": "accepted""#, 400),
        (format!("beads/{six}/decision"), r#"{"stats": "accepted"}"#, 400),
        ("beads/9999/decision".to_string(), r#"{"status": "accepted"}"#, 404),
        ("beads/x/decision".to_string(), r#"{"status": "accepted"}"#, 400),
        ("beads/0/split".to_string(), r#"{"source": 1, "target": 1}"#, 422),
    ] {
        let (status, body) = server.post(&path, body);
        assert_eq!(status, code, "{path}: {body}");
        assert!(body["error"].is_string(), "{body}");
    }

    // The bead where a sentence was dropped is 2-1: split it into 1-1 and 1-0.
    let merged = listing["beads"].as_array().unwrap().iter().position(|b| b["shape"] == "2-1").unwrap();
    let (status, after) = server.post(&format!("beads/{merged}/split"), r#"{"source": 1, "target": 1}"#);
    assert_eq!(status, 200);
    assert_eq!(after["beads"][merged]["shape"], "1-1");
    assert_eq!(after["beads"][merged + 1]["shape"], "1-0");
    assert!(after["beads"][merged + 1]["flags"].as_array().unwrap().iter().any(|f| f["kind"] == "omission"));
    // Moving the sentence back gives the 2-1 bead again; merging undoes a split too.
    let (_, after) = server.post(&format!("beads/{merged}/move"), r#"{"side": "source", "direction": "next"}"#);
    assert_eq!(after["beads"][merged]["shape"], "0-1");
    let (_, after) = server.post(&format!("beads/{merged}/merge"), "");
    assert_eq!(after["beads"][merged]["shape"], "2-1");
    assert_eq!(after["total"], listing["total"]);

    // The page itself is served, self-contained.
    let page = reqwest::blocking::get(&server.url).unwrap();
    assert!(page.headers()["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    assert!(page.text().unwrap().contains("/api/beads"));
}

#[test]
fn two_tabs_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path());
    let server = Server::start(&out);
    let total = server.get()["total"].as_u64().unwrap() as usize;
    std::thread::scope(|s| {
        for tab in 0..2 {
            let server = &server;
            s.spawn(move || {
                for i in (tab..total).step_by(2) {
                    let (status, _) = server.post(
                        &format!("beads/{i}/decision"),
                        &format!(r#"{{"status": "accepted", "comment": "tab {tab}"}}"#),
                    );
                    assert_eq!(status, 200);
                }
            });
        }
    });
    let review: Value = serde_json::from_str(&std::fs::read_to_string(out.join("review.json")).unwrap()).unwrap();
    assert_eq!(review["decisions"].as_object().unwrap().len(), total);
    assert_eq!(server.get()["reviewed"], total);
}

#[test]
fn decisions_survive_a_rerun_and_go_stale_when_their_text_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path());
    {
        let server = Server::start(&out);
        server.post("beads/0/decision", r#"{"status": "accepted"}"#);
        server.post("beads/2/decision", r#"{"status": "needs_fix", "comment": "check the verb"}"#);
    }
    // The same inputs again: every decision holds.
    run(dir.path());
    let server = Server::start(&out);
    let listing = server.get();
    assert_eq!(listing["beads"][0]["decision"]["status"], "accepted");
    assert_eq!(listing["beads"][2]["decision"]["status"], "needs_fix");
    drop(server);

    // The translation of bead 2 changes: its decision is kept but marked stale.
    let text = std::fs::read_to_string(fixture("drift/en.txt")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "The overall requirement for the province's health work in 2024 is new wording.";
    let edited = dir.path().join("en-edited.txt");
    std::fs::write(&edited, lines.join("\n") + "\n").unwrap();
    let o = common::driftalign()
        .args(["align", "--presegmented"])
        .arg("--src")
        .arg(fixture("drift/zh.txt"))
        .arg("--tgt")
        .arg(&edited)
        .arg("--mt")
        .arg(fixture("drift/mt-en.txt"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let listing = Server::start(&out).get();
    assert_eq!(
        listing["beads"][0]["decision"],
        json!({"status": "accepted", "comment": "", "edited": false, "stale": false})
    );
    assert_eq!(listing["beads"][2]["decision"]["status"], "needs_fix");
    assert_eq!(listing["beads"][2]["decision"]["stale"], true);
}

#[test]
fn export_writes_the_reviewed_result() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path());
    let (six, total) = {
        let server = Server::start(&out);
        let listing = server.get();
        let six = bead_with(&listing, "number_mismatch");
        server.post(&format!("beads/{six}/decision"), r#"{"status": "rejected", "comment": "a multiple, not yuan"}"#);
        server.post("beads/0/decision", r#"{"status": "accepted"}"#);
        server.post("beads/1/edit", r#"{"text": "I. Overall Requirements & <Aims>"}"#);
        (six, listing["total"].as_u64().unwrap() as usize)
    };
    let export = |args: &[&str]| {
        let o = common::driftalign().arg("export").arg(&out).args(args).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let tsv = export(&["--format", "tsv"]);
    assert_eq!(tsv.lines().count(), total, "the header plus every bead but the rejected one");
    assert!(!tsv.lines().any(|l| l.starts_with(&format!("{six}\t"))));
    assert!(tsv.contains("I. Overall Requirements & <Aims>"));
    let rejected = export(&["--format", "tsv", "--status", "rejected"]);
    assert_eq!(rejected.lines().count(), 2);
    assert!(rejected.contains("a multiple, not yuan"));

    let xlf = dir.path().join("reviewed.xlf");
    export(&["--format", "xliff", "--status", "all", "--out", xlf.to_str().unwrap()]);
    let xml = std::fs::read_to_string(&xlf).unwrap();
    assert!(xml.contains("<segment id=\"s1\" state=\"final\">"));
    assert!(xml.contains(&format!("<segment id=\"s{}\" state=\"reviewed\" subState=\"driftalign:rejected\">", six + 1)));
    assert!(xml.contains("<note category=\"review\" appliesTo=\"target\">a multiple, not yuan</note>"));
    assert!(xml.contains("I. Overall Requirements &amp; &lt;Aims&gt;"));
    let tmx = export(&["--format", "tmx"]);
    assert!(tmx.contains("<prop type=\"x-review-state\">accepted</prop>"));
    // report.html in the run shows the review too.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("a multiple, not yuan") && html.contains("2 of") && html.contains("beads decided"),
        "review marks in report.html"
    );
}

#[test]
fn a_reviewer_rejects_a_bead_and_splits_another_in_chromium_and_it_survives_reload_rerun_and_export() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !(Path::new("/usr/bin/chromium").exists() && browser_dir.join("node_modules/playwright-core").exists()) {
        if std::env::var_os("CI").is_some() {
            panic!("Chromium or playwright-core is missing: scripts/test.sh installs them");
        }
        eprintln!(
            "NOTE: Chromium or playwright-core is missing (scripts/test.sh installs them); this test checked nothing"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path());
    let server = Server::start(&out);
    let six = bead_with(&server.get(), "number_mismatch");
    let o = Command::new("node")
        .arg(browser_dir.join("review.mjs"))
        .arg(&server.url)
        .arg(six.to_string())
        .arg("“6倍” means six times <b>not</b> yuan")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let seen: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(seen["problems"], json!([]));
    assert!(seen["before"].as_str().unwrap().starts_with("reviewed 0 /"));
    assert!(seen["after"].as_str().unwrap().starts_with("reviewed 1 /"));
    assert_eq!(seen["status"], "rejected");
    assert_eq!(seen["comment"], "“6倍” means six times <b>not</b> yuan");
    let first = server.get()["beads"]
        .as_array()
        .unwrap()
        .iter()
        .position(|b| !b["flags"].as_array().unwrap().is_empty())
        .unwrap();
    assert_eq!(seen["first_finding"], format!("b{first}"));
    // The split in the page: one bead more, the split bead now one sentence a side.
    let split = &seen["split"];
    assert_eq!(split["total_after"], split["total_before"].as_u64().unwrap() + 1, "{split}");
    let at = split["index"].as_u64().unwrap() as usize;
    let listing = server.get();
    let bead = &listing["beads"][at];
    assert_eq!((bead["src"].as_array().unwrap().len(), bead["tgt"].as_array().unwrap().len()), (1, 1), "{bead}");
    assert_eq!(split["shapes_after"][0], "1-1");
    assert_ne!(split["shape"], "1-1");
    drop(server);

    run(dir.path());
    let listing = Server::start(&out).get();
    assert_eq!(listing["beads"][six]["decision"]["status"], "rejected");
    let o = common::driftalign().arg("export").arg(&out).args(["--format", "tsv"]).output().unwrap();
    let tsv = String::from_utf8(o.stdout).unwrap();
    assert!(!tsv.lines().any(|l| l.starts_with(&format!("{six}\t"))), "the rejected bead is left out");
}

#[test]
fn an_edited_translation_is_checked_against_the_runs_glossary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let glossary = common::fixture("drift/glossary.tsv");
    let o = align_drift_fixture(&out, &["--glossary", glossary.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let server = Server::start(&out);
    let term = bead_with(&server.get(), "terminology");
    let has_term = |listing: &Value| {
        listing["beads"][term]["flags"].as_array().unwrap().iter().any(|f| f["kind"] == "terminology")
    };
    // Still "family doctor": the glossary finding stays.
    let (_, listing) = server.post(
        &format!("beads/{term}/edit"),
        r#"{"text": "Family doctor contract services will cover 45% of residents, and at least 75% of key groups."}"#,
    );
    assert!(has_term(&listing), "{}", listing["beads"][term]);
    // The required term: the finding goes.
    let (_, listing) = server.post(
        &format!("beads/{term}/edit"),
        r#"{"text": "Family physician contract services will cover 45% of residents, and at least 75% of key groups."}"#,
    );
    assert!(!has_term(&listing), "{}", listing["beads"][term]);
}

#[test]
fn an_edit_in_a_comparison_of_two_versions_is_checked_as_the_run_was() {
    // Two versions of the Chinese fixture, both languages given: the run flags nothing as
    // left untranslated, and neither does the review when it checks an edited bead again.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = common::align_zh_versions(&fixture("drift/zh.txt"), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let server = Server::start(&out);
    let listing = server.get();
    assert_eq!(listing["compared"], "source (diffed)");
    let kinds = |listing: &Value, bead: usize| -> Vec<String> {
        let flags = listing["beads"][bead]["flags"].as_array().unwrap().clone();
        flags.iter().map(|f| f["kind"].as_str().unwrap().to_string()).collect()
    };
    assert!(kinds(&listing, 3).is_empty(), "{}", listing["beads"][3]);
    let source = listing["beads"][3]["src_text"].as_str().unwrap().to_string();
    assert!(source.contains("79.5"), "{source}");
    // The sentence written again as it was: checked again, and still no finding.
    let (status, listing) = server.post("beads/3/edit", &json!({ "text": source }).to_string());
    assert_eq!(status, 200, "{listing}");
    assert!(kinds(&listing, 3).is_empty(), "{}", listing["beads"][3]);
    let edit = json!({ "text": source.replace("79.5", "75.9") }).to_string();
    let (status, listing) = server.post("beads/3/edit", &edit);
    assert_eq!(status, 200, "{listing}");
    assert_eq!(kinds(&listing, 3), ["number_mismatch"], "{}", listing["beads"][3]);
}

#[test]
fn review_reads_run_json_as_the_record_the_run_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path());
    let written = std::fs::read(out.join("run.json")).unwrap();
    let record: driftalign::report::run_json::RunRecord = serde_json::from_slice(&written).unwrap();
    // Read and written again, the record is the file to the byte: nothing is dropped.
    let mut again = serde_json::to_vec_pretty(&record).unwrap();
    again.push(b'\n');
    assert_eq!(String::from_utf8(again).unwrap(), String::from_utf8(written).unwrap());
    // The review page's header is the report's: the same title and MT line.
    let server = Server::start(&out);
    let page = server.get();
    let report = std::fs::read_to_string(out.join("report.html")).unwrap();
    let title = page["title"].as_str().unwrap();
    assert!(report.contains(&format!("<title>{title}</title>")), "{title}");
}
