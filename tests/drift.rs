//! Drift findings and the reports, on a fixture written for them: the example health
//! plan (Chinese source, its MT, an English translation) one sentence per line, with
//! drift put in: "6倍" rendered as "6 yuan", "40%" as "aged 40", one sentence dropped,
//! one added, one left in Chinese, a glossary term not used, and hostile text (markup,
//! quotes, ampersands, a tab and two control characters) in a heading.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, stderr};
use serde_json::Value;

fn align(out: &Path, extra: &[&str]) -> std::process::Output {
    let glossary = fixture("drift/glossary.tsv");
    let mut flags = vec!["--glossary", glossary.to_str().unwrap()];
    flags.extend_from_slice(extra);
    common::align_drift_fixture(out, &flags)
}

fn aligned(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = align(&out, extra);
    assert!(output.status.success(), "{}", stderr(&output));
    (dir, out)
}

fn beads(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("alignment.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The findings of kind `kind` on beads covering source sentence `src` (or, with `None`,
/// anywhere), as (severity, message).
fn findings(beads: &[Value], kind: &str, src: Option<u64>) -> Vec<(String, String)> {
    beads
        .iter()
        .filter(|b| src.is_none_or(|s| b["src"].as_array().unwrap().iter().any(|x| x.as_u64() == Some(s))))
        .flat_map(|b| b["flags"].as_array().unwrap().clone())
        .filter(|f| f["kind"] == kind)
        .map(|f| (f["severity"].as_str().unwrap().to_string(), f["message"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn every_kind_of_drift_put_in_is_found_and_clean_beads_stay_quiet() {
    let (_dir, out) = aligned(&[]);
    let beads = beads(&out);
    // 6倍 → "6 yuan" and 40% → "aged 40": the same number with its unit changed.
    let six = findings(&beads, "number_mismatch", Some(7));
    assert!(
        six.iter().any(|(s, m)| s == "critical" && m.contains("“6倍” (a multiple)") && m.contains("“6 yuan” (money)")),
        "{six:?}"
    );
    let forty = findings(&beads, "number_mismatch", Some(11));
    assert!(forty.iter().any(|(s, m)| s == "critical" && m.contains("40%") && m.contains("aged 40")), "{forty:?}");
    // 1,200 and 12亿 / 1.2 billion are the same numbers written differently: no finding.
    assert!(findings(&beads, "number_mismatch", Some(8)).is_empty());
    assert!(findings(&beads, "number_mismatch", Some(10)).is_empty());
    // The dropped sentence 13 (index 12), the added one, the one left in Chinese.
    assert!(findings(&beads, "omission", Some(12)).iter().any(|(s, _)| s == "major"));
    // Its "1名" goes with it: the omission says so, not a second finding of a missing number.
    let dropped_number = findings(&beads, "number_mismatch", Some(12));
    assert!(dropped_number.iter().all(|(_, m)| !m.contains("missing")), "{dropped_number:?}");
    assert_eq!(findings(&beads, "addition", None).len(), 1);
    let left = findings(&beads, "untranslated", Some(17));
    assert!(left.iter().any(|(s, _)| s == "major"), "{left:?}");
    // 家庭医生 should be "family physician" by the glossary; the translation says "family doctor".
    assert!(findings(&beads, "terminology", Some(13)).iter().any(|(_, m)| m.contains("family physician")));
    // Sentences translated faithfully have no finding at all.
    for clean in [0, 1, 2, 3, 4, 5, 6, 14, 15, 16, 18] {
        let bead =
            beads.iter().find(|b| b["src"].as_array().unwrap().iter().any(|x| x.as_u64() == Some(clean))).unwrap();
        assert_eq!(bead["flags"], Value::Array(vec![]), "sentence {clean}: {bead}");
    }
    // Each finding has the contract's fields.
    for f in beads.iter().flat_map(|b| b["flags"].as_array().unwrap().clone()) {
        assert!(
            f["kind"].is_string() && f["severity"].is_string() && f["message"].is_string() && f["evidence"].is_object(),
            "{f}"
        );
    }
    // Diffs: the MT's "6 times" against the translation's "6 yuan of".
    let bead = beads.iter().find(|b| b["src"] == serde_json::json!([7])).unwrap();
    let ops = bead["diff"].as_array().unwrap();
    assert!(ops.iter().any(|o| o["op"] == "delete" && o["text"].as_str().unwrap().contains("times")), "{ops:?}");
    assert!(ops.iter().any(|o| o["op"] == "insert" && o["text"].as_str().unwrap().contains("yuan")), "{ops:?}");

    let run: Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let total: usize = beads.iter().map(|b| b["flags"].as_array().unwrap().len()).sum();
    assert_eq!(run["findings"]["total"], total);
    assert!(run["findings"]["by_severity"]["critical"].as_u64().unwrap() >= 2);
    assert!(run["findings"]["drift_score"].as_f64().unwrap() > 0.0);
}

#[test]
fn the_terminal_summary_names_the_worst_findings_and_the_threshold_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let output = align(&dir.path().join("a"), &[]);
    let text = common::stdout(&output);
    assert!(text.contains("critical") && text.contains("6倍"), "{text}");
    assert!(!text.contains("\x1b["), "no colours when piped");
    let output = align(&dir.path().join("b"), &["--drift-threshold", "5"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("above the threshold of 5%"));
    let output = align(&dir.path().join("c"), &["--drift-threshold", "95"]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_translation_that_stops_early_names_the_passage_left_out_in_every_summary() {
    // The fixture's translation cut after its sixth line (which renders source sentence
    // 6 alone): source sentences 7-19 have none.
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("en-cut.txt");
    let lines: Vec<String> =
        std::fs::read_to_string(fixture("drift/en.txt")).unwrap().lines().take(6).map(|l| format!("{l}\n")).collect();
    std::fs::write(&cut, lines.concat()).unwrap();
    let out = dir.path().join("out");
    let output = common::align_drift_source(&cut, &out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let passage = "source sentences 7–19 (13) have no counterpart in the translation (beads 7–19)";
    let text = common::stdout(&output);
    assert!(text.contains(&format!("passage: {passage}")), "{text}");
    let run: Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(
        run["passages"],
        serde_json::json!([{"beads": {"start": 6, "end": 19}, "source": {"start": 6, "end": 19}, "target": {"start": 6, "end": 6}}])
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains(&format!("<dt>passage</dt><dd><a href=\"#b6\">{passage}</a>")), "{html}");
    // The whole translation leaves no passage.
    let output = align(&dir.path().join("whole"), &[]);
    assert!(!common::stdout(&output).contains("passage:"));
}

#[test]
fn the_source_handed_in_as_its_translation_is_untranslated_throughout_and_the_summary_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let output = common::align_drift_source(&fixture("drift/zh.txt"), &dir.path().join("out"), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = common::stdout(&output);
    assert!(text.contains("warning: the translation reads as zh, the source's language"), "{text}");
    // So do run.json and the report's header.
    let out = dir.path().join("out");
    let run: Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let warnings = run["warnings"].as_array().unwrap();
    assert!(warnings.len() == 1 && warnings[0].as_str().unwrap().starts_with("the translation reads as zh"), "{run}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<dt>warning</dt><dd>the translation reads as zh, the source&#39;s language"), "{html}");
    // The source is compared with it as it is (no MT), so each sentence is paired with
    // its own copy.
    assert_eq!(run["aligner"]["method"], "source-ngram+encoder");
    assert!(run["mt"].is_null(), "{run}");
    let beads = beads(&out);
    let lines = std::fs::read_to_string(fixture("drift/zh.txt")).unwrap().lines().count() as u64;
    assert_eq!(beads.len() as u64, lines);
    assert!(beads.iter().enumerate().all(|(k, b)| b["src"] == serde_json::json!([k]) && b["tgt"] == b["src"]));
    // Every bead with a sentence of some length on it; the fixture's shortest lines are
    // headings of a few characters.
    let copied = beads.iter().filter(|b| {
        b["flags"].as_array().unwrap().iter().any(|f| f["kind"] == "untranslated" && f["severity"] == "major")
    });
    assert!(copied.count() >= beads.len() - 2, "{beads:?}");
    // A real translation draws no such warning.
    let output = align(&dir.path().join("en"), &[]);
    assert!(!common::stdout(&output).contains("the source's language"));
    let run = std::fs::read_to_string(dir.path().join("en/run.json")).unwrap();
    assert!(run.contains("\"warnings\": []"), "{run}");
    let html = std::fs::read_to_string(dir.path().join("en/report.html")).unwrap();
    assert!(!html.contains("<dt>warning</dt>"));
    assert!(html.contains("<th>MT</th>"));
}

#[test]
fn two_versions_in_one_language_are_compared_as_they_are_without_asking_the_mt() {
    // The Chinese source against a copy with one figure changed, both declared Chinese,
    // with an MT provider whose address nothing listens on: there is nothing to translate,
    // so it is never asked, and the changed figure is found where it is.
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(fixture("drift/zh.txt")).unwrap();
    assert!(source.contains("79.5岁"));
    let revised = dir.path().join("revised.txt");
    std::fs::write(&revised, source.replace("79.5岁", "75.9岁")).unwrap();
    let out = dir.path().join("out");
    let dead_mt = ["--provider", "libretranslate", "--endpoint", "http://127.0.0.1:9"];
    let output = common::align_zh_versions(&revised, &out, &dead_mt);
    assert!(output.status.success(), "{}", stderr(&output));
    let beads = beads(&out);
    assert!(beads.iter().all(|b| b["src"] == b["tgt"]), "{beads:?}");
    // Both languages were given: the user compares two versions, so a sentence kept as it
    // is is no drift, and there is nothing to warn about.
    let kept = findings(&beads, "untranslated", None);
    assert!(kept.is_empty(), "{kept:?}");
    let run: Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["warnings"], serde_json::json!([]));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("two versions of one text in one language"), "{html}");
    // The column the translation is diffed against holds the source, and says so.
    assert!(html.contains("<th>source (diffed)</th>") && !html.contains("<th>MT</th>"), "{html}");
    let changed = findings(&beads, "number_mismatch", Some(3));
    assert!(changed.iter().any(|(_, m)| m.contains("79.5") && m.contains("75.9")), "{changed:?}");
    // The diff of that bead shows the edit.
    let diff = beads[3]["diff"].to_string();
    assert!(diff.contains("75.9") && diff.contains("79.5"), "{diff}");
    // A review checks beads against what the run compared them with: the source.
    let sentences: Value = serde_json::from_str(&std::fs::read_to_string(out.join("sentences.json")).unwrap()).unwrap();
    assert_eq!(sentences["mt"], sentences["source"]);
    assert_eq!(sentences["versions"], true);
}

#[test]
fn a_sentence_moved_elsewhere_in_the_translation_is_named_as_moved() {
    // The fixture's translation with its fourth sentence (life expectancy, 79.5) put
    // after the fifteenth.
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> =
        std::fs::read_to_string(fixture("drift/en.txt")).unwrap().lines().map(str::to_string).collect();
    let moved = lines.remove(3);
    assert!(moved.contains("79.5"), "{moved}");
    lines.insert(14, moved);
    let translation = dir.path().join("moved.txt");
    std::fs::write(&translation, lines.join("\n") + "\n").unwrap();
    let output = common::align_drift_source(&translation, &dir.path().join("out"), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let beads = beads(&dir.path().join("out"));
    let left = findings(&beads, "omission", Some(3));
    assert!(
        left.iter().any(|(s, m)| s == "minor"
            && m.starts_with("moved: source sentence 4")
            && m.contains("translation sentence 15")),
        "{left:?}"
    );
    let put = findings(&beads, "addition", None);
    assert!(put.iter().any(|(s, m)| s == "minor" && m.contains("renders source sentence 4")), "{put:?}");
}

#[test]
fn format_chooses_the_reports() {
    let (_dir, out) = aligned(&["--format", "tsv"]);
    assert!(
        out.join("alignment.tsv").exists() && out.join("alignment.jsonl").exists() && out.join("run.json").exists()
    );
    assert!(
        !out.join("report.html").exists() && !out.join("alignment.tmx").exists() && !out.join("alignment.xlf").exists()
    );
}

#[test]
fn the_html_report_escapes_all_document_text_and_loads_nothing() {
    let (_dir, out) = aligned(&[]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("<script>alert"), "document markup must never reach the page as markup");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("default-src 'none'"));
    for attr in ["src=", "href=", "url(", "@import"] {
        assert!(!html.contains(attr), "{attr} in a self-contained report");
    }
    // The report's own script is the only one.
    assert_eq!(html.matches("<script>").count(), 1);
}

/// Parses an XML file with Python's expat, which rejects anything not well-formed
/// (characters XML 1.0 cannot carry included), and returns the texts of `tag` elements.
fn xml_texts(path: &Path, tag: &str) -> Vec<String> {
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print(json.dumps([e.text or "" for e in root.iter() if e.tag.split("}")[-1] == sys.argv[2]]))
"#;
    let out = std::process::Command::new("python3").args(["-c", script]).arg(path).arg(tag).output().unwrap();
    assert!(
        out.status.success(),
        "{} is not well-formed XML: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn tmx_and_xliff_parse_back_and_hostile_text_round_trips() {
    let (_dir, out) = aligned(&[]);
    let source: Vec<String> =
        std::fs::read_to_string(fixture("drift/zh.txt")).unwrap().lines().map(String::from).collect();
    let target: Vec<String> =
        std::fs::read_to_string(fixture("drift/en.txt")).unwrap().lines().map(String::from).collect();
    let hostile_src = &source[14];
    let hostile_tgt = target.iter().find(|t| t.contains("<script>")).unwrap();
    assert!(hostile_src.contains("<script>") && hostile_src.contains('&') && hostile_src.contains('"'));

    let segs = xml_texts(&out.join("alignment.tmx"), "seg");
    assert!(segs.contains(hostile_src), "the source's markup, quotes and ampersands come back exactly");
    assert!(segs.contains(hostile_tgt));
    // The control characters XML cannot carry were replaced; the tab survives.
    let controlled = target.iter().find(|t| t.contains('\u{1}')).unwrap();
    let expected = controlled.replace(['\u{1}', '\u{1f}'], "\u{fffd}");
    assert!(segs.contains(&expected), "{segs:?}");
    assert!(expected.contains('\t'));
    let props = xml_texts(&out.join("alignment.tmx"), "prop");
    assert!(props.iter().any(|p| p.starts_with("number_mismatch critical")), "{props:?}");
    let tmx = std::fs::read_to_string(out.join("alignment.tmx")).unwrap();
    for attr in ["creationtool=", "creationtoolversion=", "segtype=", "o-tmf=", "adminlang=", "srclang=", "datatype="] {
        assert!(tmx.contains(attr), "TMX header lacks {attr}");
    }

    let sources = xml_texts(&out.join("alignment.xlf"), "source");
    assert!(sources.contains(hostile_src));
    let targets = xml_texts(&out.join("alignment.xlf"), "target");
    assert!(targets.contains(hostile_tgt) && targets.contains(&expected));
    let notes = xml_texts(&out.join("alignment.xlf"), "note");
    assert!(notes.iter().any(|n| n.starts_with("critical:") && n.contains("6倍")), "{notes:?}");
    let xlf = std::fs::read_to_string(out.join("alignment.xlf")).unwrap();
    assert!(xlf.contains("version=\"2.1\"") && xlf.contains("srcLang=\"zh\"") && xlf.contains("trgLang=\"en\""));
    assert!(xlf.contains("<mtc:match ref=\"#s1\" type=\"mt\" origin=\"file\">"));
}

#[test]
fn the_tsv_has_one_line_per_bead() {
    let (_dir, out) = aligned(&[]);
    let tsv = std::fs::read_to_string(out.join("alignment.tsv")).unwrap();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), beads(&out).len() + 1);
    assert!(lines.iter().all(|l| l.split('\t').count() == 13), "{lines:?}");
    assert!(tsv.contains("will be accelerated,\\tand"), "tabs inside text are escaped");
}

#[test]
fn a_one_sentence_translation_identical_to_its_mt_is_quiet() {
    // Every n-gram of a one-sentence pair is in both of its texts; weighed by how rare
    // it is in the document alone, each would weigh nothing and the pair look unrelated.
    let dir = tempfile::tempdir().unwrap();
    let paths = common::pair_with_mt(dir.path(), "Hello world.\n", "Bonjour le monde.\n", "Bonjour le monde.\n");
    let output = common::align_with_mt(&paths, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let beads = beads(&paths[3]);
    assert_eq!(beads.len(), 1);
    assert_eq!(beads[0]["scores"]["similarity"], 1.0);
    assert_eq!(beads[0]["flags"], serde_json::json!([]));
    let out = common::stdout(&output);
    assert!(out.contains("aligned 1 sentence (en) → 1 sentence (fr): 1 bead [1-1 ×1]"), "{out}");
}
