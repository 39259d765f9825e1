//! Made-up text for unit tests: sentences that share nothing unless asked to.

/// A sentence of six made-up words, different for every `k`.
pub fn sentence(k: usize) -> String {
    const SYLLABLES: [&str; 16] =
        ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "gu", "sha", "dro", "fi", "bel", "quo", "yan"];
    let mut x = (k as u64 + 1).wrapping_mul(0x9E3779B97F4A7C15);
    let words: Vec<String> = (0..6)
        .map(|_| {
            (0..3)
                .map(|_| {
                    x ^= x >> 29;
                    x = x.wrapping_mul(0xBF58476D1CE4E5B9);
                    SYLLABLES[(x >> 60) as usize]
                })
                .collect()
        })
        .collect();
    words.join(" ") + "."
}
