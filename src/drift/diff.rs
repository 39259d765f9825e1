//! Word-level diffs between the MT of a bead and its translation, with `similar`.
//!
//! Tokens are words: for Chinese and Japanese, ICU's dictionary word breaks (one
//! character per token would fragment the diff, one sentence per token would hide it);
//! for every other language, runs of letters and digits, runs of spaces, and single
//! punctuation marks (a Korean eojeol, with its particles, is one token).

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::WordSegmenter;
use serde::Serialize;
use similar::{Algorithm, ChangeTag};
use std::time::Duration;

/// One run of the diff: text both have, text only the MT has, text only the translation has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Op {
    pub op: &'static str,
    pub text: String,
}

/// How long one bead's diff may take before `similar` settles for an approximate one
/// (still a correct edit, only not the smallest). Sentences take microseconds; a
/// "sentence" of megabytes without a full stop took 18 s for 4.6 MB, growing faster
/// than its length.
const DIFF_TIMEOUT: Duration = Duration::from_secs(1);

/// The diff turning `mt` into `target`, as runs of `equal`, `delete` (MT only) and
/// `insert` (translation only).
pub fn diff(mt: &str, target: &str, lang: &str) -> Vec<Op> {
    let (a, b) = (tokens(mt, lang), tokens(target, lang));
    let diff = similar::TextDiff::configure().algorithm(Algorithm::Patience).timeout(DIFF_TIMEOUT).diff_slices(&a, &b);
    let mut ops: Vec<Op> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Delete => "delete",
            ChangeTag::Insert => "insert",
        };
        match ops.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => ops.push(Op { op, text: change.value().to_string() }),
        }
    }
    ops
}

fn tokens<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    if matches!(lang, "zh" | "ja") {
        let segmenter = WordSegmenter::new_auto(WordBreakInvariantOptions::default());
        let breaks: Vec<usize> = segmenter.segment_str(text).collect();
        return breaks.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let class = |c: char| {
        if c.is_alphanumeric() {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        }
    };
    let mut prev: Option<u8> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        // Punctuation is one token per mark; words and spaces run on.
        if prev.is_some() && (Some(k) != prev || k == 2) {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(ops: &[Op]) -> String {
        ops.iter()
            .map(|o| match o.op {
                "equal" => o.text.clone(),
                "delete" => format!("[-{}-]", o.text),
                _ => format!("{{+{}+}}", o.text),
            })
            .collect()
    }

    #[test]
    fn words_in_spaced_languages() {
        let d = diff("not exceed 6 times household income.", "not exceed 6 yuan of household income.", "en");
        assert_eq!(show(&d), "not exceed 6 [-times-]{+yuan of+} household income.");
        let d = diff("가구 연소득의 6배를", "가구 연소득의 6위안을", "ko");
        assert_eq!(show(&d), "가구 연소득의 [-6배를-]{+6위안을+}");
    }

    #[test]
    fn dictionary_words_in_chinese() {
        let d = diff("加强公共卫生应急体系建设。", "加快公共卫生应急体系建设。", "zh");
        assert_eq!(show(&d), "[-加强-]{+加快+}公共卫生应急体系建设。");
    }

    #[test]
    fn a_huge_bead_still_gets_a_diff_that_rebuilds_both_sides() {
        // Megabytes without a full stop, of few distinct words: the search gives up at
        // the timeout and approximates, but the edit it returns must still be exact.
        let text = |seed: u64| {
            let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
            let mut x = seed;
            (0..100_000)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    words[(x % 8) as usize]
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (mt, target) = (text(1), text(2));
        let ops = diff(&mt, &target, "en");
        let side = |keep: &str| {
            ops.iter().filter(|o| o.op == "equal" || o.op == keep).map(|o| o.text.as_str()).collect::<String>()
        };
        assert!(side("delete") == mt && side("insert") == target);
    }
}
