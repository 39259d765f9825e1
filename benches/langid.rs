//! Language identification: accuracy on sentences and two-word phrases, and speed.
//!
//! Run: `cargo bench --bench langid` (from the repository, with the shared evaluation
//! data beside it in `../shared`). It prints accuracy per language and item kind for
//! driftalign with the allow-list en,de,fr,zh,ja,ko and with no allow-list, then
//! sentences per second on one core, and writes the items to
//! `target/langid-items.tsv` so `benches/lingua_compare.py` can score lingua's
//! high-accuracy mode on exactly the same items.
//!
//! Items: sentences from the Text+Berg (de, fr), MAC (zh, en) and Bible (en, zh)
//! evaluation documents, seed 004 (ko) and `benches/data/ja.txt` (ja, written for this
//! project); two-word phrases are two consecutive words of those sentences (for Chinese
//! and Japanese, which do not space words, four consecutive characters).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use driftalign::document::{Document, LoadOptions};
use driftalign::lang::Detector;
use driftalign::segment::{segment, SegmentOptions};

const PER_KIND: usize = 1000;
const LANGS: [&str; 6] = ["en", "de", "fr", "zh", "ja", "ko"];

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// A detector under test: text in, ISO 639-1 code out.
type Detect<'a> = dyn Fn(&str) -> &'static str + 'a;
fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (the benchmark reads ../shared/data)", path.display()))
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| l.chars().any(char::is_alphabetic))
        .collect()
}

fn sentences_by_lang(root: &Path, repo: &Path) -> BTreeMap<&'static str, Vec<String>> {
    let data = root.join("data");
    let mut by: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    by.entry("de").or_default().extend(lines(&data.join("textberg-dev/src/dev")));
    by.entry("fr").or_default().extend(lines(&data.join("textberg-dev/tgt/dev")));
    for doc in ["001", "002", "003", "004", "005", "006"] {
        by.entry("zh").or_default().extend(lines(&data.join("mac-dev/src").join(doc)));
        by.entry("en").or_default().extend(lines(&data.join("mac-dev/tgt").join(doc)));
    }
    by.entry("en").or_default().extend(lines(&data.join("bible-5k/src/001")));
    by.entry("zh").or_default().extend(lines(&data.join("bible-5k/tgt/001")));
    let seed = std::fs::read_dir(root.join("seeds"))
        .expect("../shared/seeds")
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004_"))
        .expect("seed 004");
    for (lang, path) in [("ko", seed), ("ja", repo.join("benches/data/ja.txt"))] {
        let doc = Document::load(&path, &LoadOptions::default()).unwrap();
        by.entry(lang).or_default().extend(segment(&doc, lang, &SegmentOptions::default()).into_iter().map(|s| s.text));
    }
    by
}

/// Two consecutive words (four characters for unspaced scripts) from a sentence.
fn phrase(sentence: &str, lang: &str, rng: &mut Lcg) -> Option<String> {
    if matches!(lang, "zh" | "ja") {
        let chars: Vec<char> = sentence.chars().filter(|c| c.is_alphabetic()).collect();
        if chars.len() < 4 {
            return None;
        }
        let i = rng.below(chars.len() - 3);
        return Some(chars[i..i + 4].iter().collect());
    }
    let words: Vec<&str> = sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        .collect();
    if words.len() < 2 {
        return None;
    }
    let i = rng.below(words.len() - 1);
    Some(format!("{} {}", words[i], words[i + 1]))
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = repo.join("../shared");
    if !shared.join("data").exists() {
        eprintln!("{} is absent: this benchmark needs the shared evaluation data", shared.display());
        std::process::exit(1);
    }
    let by_lang = sentences_by_lang(&shared, &repo);
    let mut rng = Lcg(42);
    // (kind, lang, text)
    let mut items: Vec<(&str, &str, String)> = Vec::new();
    for (lang, sentences) in &by_lang {
        // Sentences without repetition: a partial shuffle, then the first PER_KIND.
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        for i in 0..PER_KIND.min(order.len()) {
            let j = i + rng.below(order.len() - i);
            order.swap(i, j);
            items.push(("sentence", lang, sentences[order[i]].clone()));
        }
        let mut n = 0;
        while n < PER_KIND {
            if let Some(p) = phrase(&sentences[rng.below(sentences.len())], lang, &mut rng) {
                items.push(("word pair", lang, p));
                n += 1;
            }
        }
    }
    let tsv: String = items.iter().map(|(k, l, t)| format!("{k}\t{l}\t{}\n", t.replace('\t', " "))).collect();
    std::fs::create_dir_all(repo.join("target")).unwrap();
    std::fs::write(repo.join("target/langid-items.tsv"), tsv).unwrap();

    let allow: Vec<String> = LANGS.iter().map(|s| s.to_string()).collect();
    let with_list = Detector::new(&allow).unwrap();
    let without_list = Detector::new(&[]).unwrap();
    let whatlang_only = whatlang::Detector::with_allowlist(vec![
        whatlang::Lang::Eng,
        whatlang::Lang::Deu,
        whatlang::Lang::Fra,
        whatlang::Lang::Cmn,
        whatlang::Lang::Jpn,
        whatlang::Lang::Kor,
    ]);
    let whatlang_code = |text: &str| -> &'static str {
        match whatlang_only.detect_lang(text) {
            Some(whatlang::Lang::Eng) => "en",
            Some(whatlang::Lang::Deu) => "de",
            Some(whatlang::Lang::Fra) => "fr",
            Some(whatlang::Lang::Cmn) => "zh",
            Some(whatlang::Lang::Jpn) => "ja",
            Some(whatlang::Lang::Kor) => "ko",
            _ => "und",
        }
    };
    let detectors: [(&str, &Detect); 3] = [
        ("driftalign, allow-list en,de,fr,zh,ja,ko", &|t| with_list.detect(t).lang),
        ("driftalign, no allow-list", &|t| without_list.detect(t).lang),
        ("whatlang alone, allow-list en,de,fr,zh,ja,ko", &whatlang_code),
    ];
    for (label, detect) in detectors {
        let mut hits: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
        for (kind, lang, text) in &items {
            let e = hits.entry((kind, lang)).or_default();
            e.1 += 1;
            if detect(text) == *lang {
                e.0 += 1;
            }
        }
        println!("{label}: accuracy (correct/total)");
        for kind in ["sentence", "word pair"] {
            let row: Vec<String> = LANGS
                .iter()
                .map(|l| {
                    let (c, t) = hits.get(&(kind, *l)).copied().unwrap_or_default();
                    format!("{l} {:.3} ({c}/{t})", c as f64 / t.max(1) as f64)
                })
                .collect();
            println!("  {kind:9}  {}", row.join("  "));
        }
    }

    // Speed: every sentence item, many passes on this one thread; the best pass counts
    // (the least disturbed by anything else on the machine). whatlang alone, with the
    // same allow-list, is the reference.
    let sentences: Vec<&str> = items.iter().filter(|i| i.0 == "sentence").map(|i| i.2.as_str()).collect();
    let rate = |f: &dyn Fn(&str) -> usize| {
        let mut best = f64::MAX;
        let mut sink = 0;
        for _ in 0..30 {
            let t = Instant::now();
            for s in &sentences {
                sink += f(s);
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        std::hint::black_box(sink);
        sentences.len() as f64 / best
    };
    let ours = rate(&|s| with_list.detect(s).lang.len());
    let reference = rate(&|s| whatlang_only.detect_lang(s).map_or(0, |l| l.code().len()));
    let mean_chars = sentences.iter().map(|s| s.chars().count()).sum::<usize>() as f64 / sentences.len() as f64;
    println!(
        "speed, one core, best of 30 passes over {} sentences (mean {:.0} characters): driftalign {:.0} sentences/s; whatlang alone {:.0} sentences/s",
        sentences.len(),
        mean_chars,
        ours,
        reference
    );
}
