//! `driftalign eval` on a set written here, and on the shared dev sets when present.

mod common;

use std::path::Path;

use common::{driftalign, shared, stdout};
use serde_json::Value;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A small German-French set: two documents, one with a merge and an omission.
fn small_set(dir: &Path, with_gold: bool) {
    write(
        &dir.join("set.toml"),
        "name = \"tiny\"\nsource_lang = \"de\"\ntarget_lang = \"fr\"\nmt = \"written by hand\"\n",
    );
    write(&dir.join("src/a"), "Die Hütte liegt auf 2800 Metern.\nSie wurde 1911 vom Club gebaut.\nDer Weg dorthin ist steil.\nEr dauert vier Stunden.\nOben ist es im Winter sehr kalt.\n");
    write(&dir.join("mt/a"), "La cabane se trouve à 2800 mètres.\nElle a été construite en 1911 par le club.\nLe chemin est raide.\nIl dure quatre heures.\nEn haut, il fait très froid en hiver.\n");
    write(&dir.join("tgt/a"), "La cabane est située à 2800 mètres.\nLe club l'a construite en 1911.\nLe chemin, raide, demande quatre heures.\nEn hiver, il fait très froid là-haut.\n");
    write(
        &dir.join("src/b"),
        "Der Gipfel wurde 1953 erreicht.\nDie Expedition kehrte im Juni zurück.\nEin Bericht erschien später.\n",
    );
    write(
        &dir.join("mt/b"),
        "Le sommet a été atteint en 1953.\nL'expédition est revenue en juin.\nUn rapport a été publié plus tard.\n",
    );
    write(&dir.join("tgt/b"), "Le sommet fut atteint en 1953.\nUn rapport parut plus tard.\n");
    if with_gold {
        write(&dir.join("gold/a.align"), "[0]:[0]\n[1]:[1]\n[2,3]:[2]\n[4]:[3]\n");
        write(&dir.join("gold/b.align"), "[0]:[0]\n[1]:[]\n[2]:[1]\n");
    }
}

/// Runs `eval` on the small set; returns the temporary directory (kept alive), the
/// output directory, what it printed and eval.json.
fn eval_small_set(with_gold: bool) -> (tempfile::TempDir, std::path::PathBuf, String, Value) {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("tiny");
    small_set(&set, with_gold);
    let out = dir.path().join("out");
    let output = driftalign().arg("eval").arg(&set).arg("--out").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    let result: Value = serde_json::from_str(&std::fs::read_to_string(out.join("eval.json")).unwrap()).unwrap();
    (dir, out, stdout(&output), result)
}

#[test]
fn eval_writes_alignments_and_scores_them() {
    let (_dir, out, text, result) = eval_small_set(true);
    assert!(text.contains("tiny (micro)") && text.contains("strict P"), "{text}");
    assert_eq!(std::fs::read_to_string(out.join("a.align")).unwrap(), "[0]:[0]\n[1]:[1]\n[2,3]:[2]\n[4]:[3]\n");
    // Document b's middle sentence has no translation: a 1-0 bead, not part of a 2-1.
    assert_eq!(std::fs::read_to_string(out.join("b.align")).unwrap(), "[0]:[0]\n[1]:[]\n[2]:[1]\n");
    assert_eq!(result["documents"].as_array().unwrap().len(), 2);
    assert!(result["documents"].as_array().unwrap().iter().all(|d| d["uses_mt"] == true));
    assert_eq!(result["recall_by_shape"]["2-1"], serde_json::json!([1, 1]));
    let f1 = result["scores"]["strict"]["f1"].as_f64().unwrap();
    // Every test bead is a gold bead (the scorer itself is checked against the published
    // worked vectors in its unit tests).
    assert!((f1 - 1.0).abs() < 1e-9, "strict F1 {f1}");
    assert_eq!(result["scores"]["strict"]["precision"].as_f64(), Some(1.0));
}

#[test]
fn eval_without_gold_only_aligns() {
    let (_dir, out, text, result) = eval_small_set(false);
    assert!(text.contains("no gold"), "{text}");
    assert!(out.join("a.align").exists() && out.join("b.align").exists());
    assert!(result["scores"].is_null());
}

#[test]
fn eval_of_a_directory_that_is_not_a_set() {
    let dir = tempfile::tempdir().unwrap();
    let output = driftalign().arg("eval").arg(dir.path()).arg("--out").arg(dir.path().join("o")).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(common::stderr(&output).contains("set.toml"));
}

/// Regression guard on the real dev sets (figures in BENCHMARKS.md): the aligner must
/// not fall below what it scored when these bounds were set.
#[test]
fn dev_sets_stay_at_their_measured_quality() {
    for (set, min_strict, min_lax) in [("textberg-dev", 0.85, 0.97), ("mac-dev", 0.82, 0.97)] {
        let Some(path) = shared(&format!("data/{set}")) else { return };
        let dir = tempfile::tempdir().unwrap();
        let output = driftalign().arg("eval").arg(&path).arg("--out").arg(dir.path()).output().unwrap();
        assert!(output.status.success(), "{}", common::stderr(&output));
        let result: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("eval.json")).unwrap()).unwrap();
        let strict = result["scores"]["strict"]["f1"].as_f64().unwrap();
        let lax = result["scores"]["lax"]["f1"].as_f64().unwrap();
        assert!(strict >= min_strict && lax >= min_lax, "{set}: strict F1 {strict}, lax F1 {lax}");
    }
}
