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

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "sentence"), "1 sentence");
        assert_eq!(count(0, "finding"), "0 findings");
        assert_eq!(count(12, "bead"), "12 beads");
    }
}
