//! The MT client against a real Apertium APy server with the English-Spanish pair,
//! which scripts/test.sh installs (Debian's apertium-apy, apertium-eng-spa), starts on
//! 127.0.0.1 and names in DRIFTALIGN_TEST_APY. Under CI a missing server is a failure.

mod common;

use std::path::Path;

use common::{driftalign, stderr};
use serde_json::Value;

fn apy() -> Option<String> {
    common::server_url("DRIFTALIGN_TEST_APY")
}

/// `n` distinct plain English sentences.
fn english(n: usize, seed: usize) -> Vec<String> {
    let who = ["The cat", "My sister", "The old teacher", "A small dog", "The farmer", "Our neighbour", "The doctor"];
    let does = [
        "reads a long book",
        "drinks cold water",
        "walks to the station",
        "sleeps in the garden",
        "buys fresh bread",
        "writes a letter",
        "sings a song",
    ];
    let when = ["today", "every morning", "on Sunday", "in the evening", "after lunch"];
    (0..n)
        .map(|i| {
            let k = i + seed * 1000;
            format!("{} {} {} with {} friends.", who[k % 7], does[(k / 7) % 7], when[(k / 49) % 5], k + 2)
        })
        .collect()
}

/// What APy answers for one sentence sent on its own.
fn direct(url: &str, sentence: &str) -> String {
    let reply: Value = reqwest::blocking::Client::new()
        .post(format!("{url}/translate"))
        .form(&[("q", sentence), ("langpair", "eng|spa"), ("format", "txt"), ("markUnknown", "no")])
        .send()
        .unwrap()
        .json()
        .unwrap();
    reply["responseData"]["translatedText"].as_str().unwrap().trim().to_string()
}

fn write_job(dir: &Path, name: &str, sentences: &[String], url: &str) -> String {
    std::fs::write(dir.join(format!("{name}.en")), sentences.join("\n") + "\n").unwrap();
    let spanish: Vec<String> = sentences.iter().map(|s| direct(url, s)).collect();
    std::fs::write(dir.join(format!("{name}.es")), spanish.join("\n") + "\n").unwrap();
    format!("[[job]]\nname = \"{name}\"\nsource = \"{name}.en\"\ntranslation = \"{name}.es\"\nsource_lang = \"en\"\ntarget_lang = \"es\"\n")
}

fn run(dir: &Path, url: &str, jobs: &str) -> std::process::Output {
    let config = format!("[segment]\npresegmented = true\n[mt]\nprovider = \"apertium\"\nendpoint = \"{url}\"\n{jobs}");
    std::fs::write(dir.join("config.toml"), config).unwrap();
    driftalign().args(["run", "--config"]).arg(dir.join("config.toml")).output().unwrap()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn beads(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_document_over_4000_characters_is_batched_and_translated_as_apy_translates_each_sentence() {
    let Some(url) = apy() else { return };
    let dir = tempfile::tempdir().unwrap();
    let sentences = english(120, 0);
    let chars: usize = sentences.iter().map(|s| s.chars().count()).sum();
    assert!(chars > 4000, "{chars}");
    let job = write_job(dir.path(), "long", &sentences, &url);
    let out = run(dir.path(), &url, &job);
    assert!(out.status.success(), "{}", stderr(&out));

    let mt = &read_json(&dir.path().join("aligned/long/run.json"))["mt"];
    assert_eq!(mt["provider"], "apertium");
    assert_eq!(mt["segments"], 120);
    assert_eq!(mt["characters_sent"], chars as u64);
    // The language check plus at least two batches: no request carries over 4,000 characters.
    let requests = mt["requests"].as_u64().unwrap();
    assert!(requests > (chars as u64).div_ceil(4000), "{requests}");
    assert!(requests < 10, "newline batching, not one request per sentence: {requests}");

    // Each sentence's MT is exactly what APy gives for it alone: nothing was truncated,
    // shifted or merged by the batching.
    for bead in beads(&dir.path().join("aligned/long/alignment.jsonl")) {
        let ids = bead["src"].as_array().unwrap();
        assert_eq!(ids.len(), 1, "{bead}");
        let i = ids[0].as_u64().unwrap() as usize;
        assert_eq!(bead["mt_text"].as_str().unwrap(), direct(&url, &sentences[i]));
    }
}

#[test]
fn several_jobs_at_once_share_the_server_and_a_warm_run_sends_nothing() {
    let Some(url) = apy() else { return };
    let dir = tempfile::tempdir().unwrap();
    let jobs: String = (1..=3).map(|k| write_job(dir.path(), &format!("job{k}"), &english(15, k), &url)).collect();
    let out = run(dir.path(), &url, &jobs);
    assert!(out.status.success(), "{}", stderr(&out));
    for k in 1..=3 {
        let mt = &read_json(&dir.path().join(format!("aligned/job{k}/run.json")))["mt"];
        assert_eq!((mt["segments"].as_u64(), mt["cache_hits"].as_u64()), (Some(15), Some(0)), "{mt}");
        for bead in beads(&dir.path().join(format!("aligned/job{k}/alignment.jsonl"))) {
            assert_eq!(bead["mt_text"], bead["tgt_text"], "{bead}");
        }
    }

    let out = run(dir.path(), &url, &jobs);
    assert!(out.status.success(), "{}", stderr(&out));
    for k in 1..=3 {
        let mt = &read_json(&dir.path().join(format!("aligned/job{k}/run.json")))["mt"];
        assert_eq!((mt["requests"].as_u64(), mt["cache_hits"].as_u64()), (Some(0), Some(15)), "{mt}");
    }
}

#[test]
fn a_pair_the_server_does_not_have_is_refused_with_exit_4() {
    let Some(url) = apy() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.en"), "The cat sleeps.\n").unwrap();
    std::fs::write(dir.path().join("a.fr"), "Le chat dort.\n").unwrap();
    let out = driftalign()
        .args([
            "align",
            "--presegmented",
            "--src-lang",
            "en",
            "--tgt-lang",
            "fr",
            "--provider",
            "apertium",
            "--endpoint",
            &url,
        ])
        .arg("--src")
        .arg(dir.path().join("a.en"))
        .arg("--tgt")
        .arg(dir.path().join("a.fr"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("apertium") && err.contains("does not offer eng → fra"), "{err}");
}
