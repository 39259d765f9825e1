//! Counts in messages and reports: "1 sentence", "2 sentences".

/// `n` with `noun`, made plural by an "s" unless `n` is 1 (every noun counted here takes
/// one: sentence, bead, finding, line, place, attempt, text).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A run of items as a reader numbers them, from 1: "sentence 3" or "sentences 3–5".
pub fn numbered(noun: &str, range: &std::ops::Range<usize>) -> String {
    if range.len() == 1 {
        format!("{noun} {}", range.start + 1)
    } else {
        format!("{noun}s {}–{}", range.start + 1, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::{count, numbered};

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "sentence"), "1 sentence");
        assert_eq!(count(0, "finding"), "0 findings");
        assert_eq!(count(12, "bead"), "12 beads");
    }

    #[test]
    fn a_run_is_numbered_from_one() {
        assert_eq!(numbered("sentence", &(2..3)), "sentence 3");
        assert_eq!(numbered("bead", &(2..5)), "beads 3–5");
    }
}
