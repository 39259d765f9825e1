//! Fitting sentences into a provider's limits: over-long sentences are cut into pieces,
//! and pieces are packed greedily, in document order, into requests.

use std::ops::Range;

use super::provider::{Limits, Unit};

/// Marks after which a clause ends, CJK marks included (CJK text has no spaces to cut at).
const CLAUSE_ENDS: &[char] = &['.', '!', '?', ';', ':', ',', '。', '！', '？', '；', '：', '，', '、', '…'];

/// Cuts `text` into pieces of at most `max` units: after clause punctuation when there
/// is some, else at whitespace, else between two characters (never inside one).
pub fn split_long(text: &str, max: usize, unit: Unit) -> Vec<&str> {
    let max = max.max(1);
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while unit.measure(rest) > max {
        let limit = prefix_end(rest, max, unit);
        let window = &rest[..limit];
        let cut = last_cut(window, |c| CLAUSE_ENDS.contains(&c))
            .or_else(|| last_cut(window, char::is_whitespace))
            .unwrap_or(limit);
        let (piece, tail) = rest.split_at(cut);
        if !piece.trim().is_empty() {
            pieces.push(piece.trim());
        }
        rest = tail.trim_start();
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// The byte offset after the first `max` units of `text` (at least one character, so
/// every cut makes progress).
fn prefix_end(text: &str, max: usize, unit: Unit) -> usize {
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        let size = match unit {
            Unit::Chars => text[..next].chars().count(),
            Unit::Bytes => next,
        };
        if size > max && end > 0 {
            break;
        }
        end = next;
        if size >= max {
            break;
        }
    }
    end
}

/// The byte offset just after the last character of `window` matching `is_cut`, if it
/// leaves something on the left.
fn last_cut(window: &str, is_cut: impl Fn(char) -> bool) -> Option<usize> {
    window.char_indices().rev().find(|&(i, c)| i > 0 && is_cut(c)).map(|(i, c)| i + c.len_utf8())
}

/// Consecutive ranges of `sizes` (each item's size in the provider's unit) that fit one
/// request each: at most `max_items` items and `limits.request` units with overheads.
pub fn pack(sizes: &[usize], limits: &Limits, max_items: usize) -> Vec<Range<usize>> {
    let max_items = max_items.clamp(1, limits.items.max(1));
    let mut batches = Vec::new();
    let mut start = 0;
    let mut total = 0;
    for (i, &size) in sizes.iter().enumerate() {
        let cost = size + limits.overhead;
        if i > start && (i - start == max_items || total + cost > limits.request) {
            batches.push(start..i);
            start = i;
            total = 0;
        }
        total += cost;
    }
    if start < sizes.len() {
        batches.push(start..sizes.len());
    }
    batches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_piece() {
        assert_eq!(split_long("A short one.", 100, Unit::Chars), vec!["A short one."]);
    }

    #[test]
    fn cuts_at_clauses_then_spaces_then_characters() {
        let text = "First clause, second clause; third part goes on";
        let pieces = split_long(text, 20, Unit::Chars);
        assert_eq!(pieces[0], "First clause,");
        assert!(pieces.iter().all(|p| p.chars().count() <= 20), "{pieces:?}");
        assert_eq!(pieces.join(" "), text);

        let cjk = "这是第一个分句，这是第二个分句；这是第三个分句。";
        let pieces = split_long(cjk, 10, Unit::Chars);
        assert_eq!(pieces, vec!["这是第一个分句，", "这是第二个分句；", "这是第三个分句。"]);

        let solid = "가나다라마바사아자차카타파하";
        let pieces = split_long(solid, 10, Unit::Bytes);
        assert!(pieces.iter().all(|p| p.len() <= 10), "{pieces:?}");
        assert_eq!(pieces.concat(), solid);
    }

    #[test]
    fn packs_by_items_and_size() {
        let limits = Limits { items: 3, request: 10, item: 10, overhead: 1, unit: Unit::Chars };
        assert_eq!(pack(&[2, 2, 2, 2], &limits, 100), vec![0..3, 3..4]);
        assert_eq!(pack(&[4, 4, 4], &limits, 100), vec![0..2, 2..3]);
        assert_eq!(pack(&[20, 1], &limits, 100), vec![0..1, 1..2]);
        assert_eq!(pack(&[1, 1, 1], &limits, 1), vec![0..1, 1..2, 2..3]);
        assert!(pack(&[], &limits, 5).is_empty());
    }
}
