//! chrF, chrF++ and sentence BLEU, computed exactly as sacrebleu 2.x computes them
//! (`CHRF()`, `CHRF(word_order=2)`, `sentence_bleu(..., tokenize="13a")`), so scores in
//! driftalign's reports mean what they mean everywhere else.
//!
//! Faithful down to the details that surprise: white space is Python's `str.split()`
//! white space (which includes U+001C..U+001F), n-grams are over code points, chrF++
//! splits one ASCII punctuation mark off one end of a word only, and BLEU's 13a
//! tokeniser pads ASCII symbols but leaves CJK text as one "word".

use std::sync::LazyLock;

use regex::Regex;

use crate::hashing::FnvMap;

/// Python's `str.isspace()` characters: what `str.split()` splits on.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn python_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_python_space).filter(|t| !t.is_empty())
}

/// Counts of n-grams, keyed by the n-gram's pieces (borrowed: no copies while counting).
type Counts<'a> = FnvMap<&'a [&'a str], usize>;

/// The text without white space, as one-character pieces.
fn char_pieces(text: &str) -> Vec<&str> {
    text.char_indices().filter(|(_, c)| !is_python_space(*c)).map(|(i, c)| &text[i..i + c.len_utf8()]).collect()
}

/// Counts of the n-grams of `pieces` for n = 1..=order.
fn ngram_counts<'a>(pieces: &'a [&'a str], orders: std::ops::RangeInclusive<usize>) -> Vec<Counts<'a>> {
    orders
        .map(|n| {
            let mut counts = Counts::default();
            if pieces.len() >= n {
                for w in pieces.windows(n) {
                    *counts.entry(w).or_insert(0) += 1;
                }
            }
            counts
        })
        .collect()
}

const ASCII_PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// chrF++'s word split: one ASCII punctuation mark comes off the end of a word, or else
/// off its start (so `(hi)` gives `(hi` and `)`).
fn chrf_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in python_split(text) {
        let mut chars = w.chars();
        let first = chars.next().unwrap();
        let last = w.chars().next_back().unwrap();
        if w.chars().count() == 1 {
            out.push(w);
        } else if ASCII_PUNCTUATION.contains(last) {
            out.push(&w[..w.len() - last.len_utf8()]);
            out.push(&w[w.len() - last.len_utf8()..]);
        } else if ASCII_PUNCTUATION.contains(first) {
            out.push(&w[..first.len_utf8()]);
            out.push(&w[first.len_utf8()..]);
        } else {
            out.push(w);
        }
    }
    out
}

/// (hypothesis count, reference count, matches) for one order; the hypothesis count is
/// 0 when the reference has no n-grams of that order.
fn match_stats(hyp: &Counts, reference: &Counts) -> (usize, usize, usize) {
    let hyp_count: usize = hyp.values().sum();
    let ref_count: usize = reference.values().sum();
    let matches = hyp.iter().map(|(g, &c)| reference.get(g).map_or(0, |&r| c.min(r))).sum();
    (if ref_count > 0 { hyp_count } else { 0 }, ref_count, matches)
}

/// chrF with β = 2, character order 6, and `word_order` word orders (0: chrF, 2: chrF++).
fn chrf_with(hypothesis: &str, reference: &str, word_order: usize) -> f64 {
    const CHAR_ORDER: usize = 6;
    const BETA: f64 = 2.0;
    const EPS: f64 = 1e-16;
    let (hc, rc) = (char_pieces(hypothesis), char_pieces(reference));
    let (hw, rw) = (chrf_words(hypothesis), chrf_words(reference));
    let mut hyp = ngram_counts(&hc, 1..=CHAR_ORDER);
    let mut refs = ngram_counts(&rc, 1..=CHAR_ORDER);
    if word_order > 0 {
        hyp.extend(ngram_counts(&hw, 1..=word_order));
        refs.extend(ngram_counts(&rw, 1..=word_order));
    }
    let factor = BETA * BETA;
    let (mut avg_prec, mut avg_rec, mut effective) = (0.0, 0.0, 0usize);
    for (h, r) in hyp.iter().zip(&refs) {
        let (n_hyp, n_ref, n_match) = match_stats(h, r);
        let prec = if n_hyp > 0 { n_match as f64 / n_hyp as f64 } else { EPS };
        let rec = if n_ref > 0 { n_match as f64 / n_ref as f64 } else { EPS };
        if n_hyp > 0 && n_ref > 0 {
            effective += 1;
        }
        avg_prec += prec;
        avg_rec += rec;
    }
    if effective == 0 {
        return 0.0;
    }
    avg_prec /= effective as f64;
    avg_rec /= effective as f64;
    if avg_prec + avg_rec == 0.0 {
        return 0.0;
    }
    100.0 * (1.0 + factor) * avg_prec * avg_rec / (factor * avg_prec + avg_rec)
}

/// chrF (sacrebleu `CHRF()`), 0..100.
///
/// ```
/// let score = driftalign::metrics::chrf(
///     "Hospitals must report cases within 24 hours.",
///     "Hospitals must report cases within 48 hours.",
/// );
/// assert!((score - 87.5007).abs() < 1e-4);
/// ```
pub fn chrf(hypothesis: &str, reference: &str) -> f64 {
    chrf_with(hypothesis, reference, 0)
}

/// chrF++ (sacrebleu `CHRF(word_order=2)`), 0..100.
pub fn chrf_plus_plus(hypothesis: &str, reference: &str) -> f64 {
    chrf_with(hypothesis, reference, 2)
}

/// The regular expressions of sacrebleu's `TokenizerRegexp`, applied in order.
static TOKENIZER_13A: LazyLock<[(Regex, &'static str); 4]> = LazyLock::new(|| {
    [
        (Regex::new(r"([\{-~\[-` -&\(-\+:-@/])").unwrap(), " $1 "),
        (Regex::new(r"([^0-9])([\.,])").unwrap(), "$1 $2 "),
        (Regex::new(r"([\.,])([^0-9])").unwrap(), " $1 $2"),
        (Regex::new(r"([0-9])(-)").unwrap(), "$1 $2 "),
    ]
});

/// sacrebleu's `13a` tokeniser (mteval-v13a), returning the tokens.
pub fn tokenize_13a(line: &str) -> Vec<String> {
    let mut line = line.replace("<skipped>", "").replace("-\n", "").replace('\n', " ");
    if line.contains('&') {
        line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }
    let mut line = format!(" {line} ");
    for (re, replacement) in TOKENIZER_13A.iter() {
        line = re.replace_all(&line, *replacement).into_owned();
    }
    python_split(&line).map(str::to_string).collect()
}

/// Sentence BLEU as sacrebleu's `sentence_bleu(hyp, [ref])`: 13a tokens, orders 1-4,
/// exponential smoothing, effective order. 0..100.
pub fn sentence_bleu(hypothesis: &str, reference: &str) -> f64 {
    const MAX_ORDER: usize = 4;
    let rstrip = |s: &str| s.trim_end_matches(is_python_space).to_string();
    let hyp = tokenize_13a(&rstrip(hypothesis));
    let reference = tokenize_13a(&rstrip(reference));
    let (hyp, reference): (Vec<&str>, Vec<&str>) =
        (hyp.iter().map(String::as_str).collect(), reference.iter().map(String::as_str).collect());
    let hyp_grams: Counts = ngram_counts(&hyp, 1..=MAX_ORDER).into_iter().flatten().collect();
    let ref_grams: Counts = ngram_counts(&reference, 1..=MAX_ORDER).into_iter().flatten().collect();
    let mut correct = [0usize; MAX_ORDER];
    let mut total = [0usize; MAX_ORDER];
    for (g, &c) in &hyp_grams {
        total[g.len() - 1] += c;
        if let Some(&r) = ref_grams.get(g) {
            correct[g.len() - 1] += c.min(r);
        }
    }
    let (sys_len, ref_len) = (hyp.len() as f64, reference.len() as f64);
    let bp = if sys_len < ref_len {
        if sys_len > 0.0 {
            (1.0 - ref_len / sys_len).exp()
        } else {
            0.0
        }
    } else {
        1.0
    };
    if correct.iter().all(|&c| c == 0) {
        return 0.0;
    }
    let mut precisions = [0.0f64; MAX_ORDER];
    let mut smooth = 1.0;
    let mut effective_order = MAX_ORDER;
    for n in 1..=MAX_ORDER {
        if total[n - 1] == 0 {
            break;
        }
        effective_order = n;
        precisions[n - 1] = if correct[n - 1] == 0 {
            smooth *= 2.0;
            100.0 / (smooth * total[n - 1] as f64)
        } else {
            100.0 * correct[n - 1] as f64 / total[n - 1] as f64
        };
    }
    let log = |p: f64| if p == 0.0 { -9999999999.0 } else { p.ln() };
    bp * (precisions[..effective_order].iter().map(|&p| log(p)).sum::<f64>() / effective_order as f64).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values computed with sacrebleu 2.6.0.
    #[test]
    fn reference_values() {
        let cases = [
            (
                "Hospitals must report cases within 24 hours.",
                "Hospitals must report cases within 48 hours.",
                87.5007,
                85.4916,
                59.4604,
            ),
            ("加强公共卫生应急体系建设。", "加快公共卫生应急体系建设。", 81.7062, 70.0339, 0.0),
            ("공공보건 응급체계 건설을 강화한다.", "공공보건 응급체계 구축을 강화한다.", 64.4718, 64.6038, 30.2138),
            ("", "", 0.0, 0.0, 0.0),
            ("Hello", "hello", 54.3333, 45.2778, 0.0),
            ("(hi)", "hi", 78.1250, 52.0833, 27.5161),
        ];
        for (hyp, reference, c, cpp, b) in cases {
            assert!((chrf(hyp, reference) - c).abs() < 1e-4, "chrF {hyp}: {}", chrf(hyp, reference));
            assert!(
                (chrf_plus_plus(hyp, reference) - cpp).abs() < 1e-4,
                "chrF++ {hyp}: {}",
                chrf_plus_plus(hyp, reference)
            );
            assert!((sentence_bleu(hyp, reference) - b).abs() < 1e-4, "BLEU {hyp}: {}", sentence_bleu(hyp, reference));
        }
    }

    #[test]
    fn tokenizer_13a_splits_like_mteval() {
        assert_eq!(
            tokenize_13a("Hello, world! It's 3.5-4 km (ca.)."),
            ["Hello", ",", "world", "!", "It's", "3.5", "-", "4", "km", "(", "ca", ".", ")", "."]
        );
        assert_eq!(tokenize_13a("A &amp; B"), ["A", "&", "B"]);
    }
}
