//! Sentence vectors for comparing MT with the existing translation: character n-grams
//! (orders 1 to 4, so CJK characters and Latin words both count), weighted by how rare
//! they are in the two documents (idf), hashed with a random sign into a fixed number of
//! dimensions (signed hashing keeps dot products unbiased despite collisions).
//!
//! Both sides are in the target language (the MT and the translation), so the same
//! n-grams mean the same thing on both.
//!
//! Vectors are stored as 8-bit integers with one scale per vector: a quarter of the
//! memory of floats, which is what keeps 30,000-sentence documents within a few
//! hundred megabytes, for a rounding error far below the differences that matter.

use rayon::prelude::*;

use std::sync::atomic::{AtomicU32, Ordering};

use crate::hashing;

/// Dimensions of a sentence vector.
pub const DIM: usize = 1024;
const MIN_ORDER: usize = 1;
const MAX_ORDER: usize = 4;

/// One quantised vector of `DIM` dimensions per sentence (or block of sentences).
#[derive(Debug, Clone)]
pub struct Vectors {
    data: Vec<i8>,
    scales: Vec<f32>,
    /// Characters per sentence, not counting white space.
    pub lengths: Vec<f32>,
}

impl Vectors {
    fn from_rows(rows: &[[f32; DIM]], lengths: Vec<f32>) -> Vectors {
        let quantised: Vec<([i8; DIM], f32)> = rows.par_iter().map(quantise).collect();
        Vectors::from_quantised(quantised, lengths)
    }

    fn from_quantised(rows: Vec<([i8; DIM], f32)>, lengths: Vec<f32>) -> Vectors {
        let mut data = Vec::with_capacity(rows.len() * DIM);
        let mut scales = Vec::with_capacity(rows.len());
        for (q, scale) in rows {
            data.extend_from_slice(&q);
            scales.push(scale);
        }
        Vectors { data, scales, lengths }
    }

    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// Row `i` as floats.
    pub fn row(&self, i: usize) -> [f32; DIM] {
        let mut out = [0.0f32; DIM];
        for (o, &q) in out.iter_mut().zip(&self.data[i * DIM..(i + 1) * DIM]) {
            *o = q as f32 * self.scales[i];
        }
        out
    }

    /// Dot product of row `i` with row `j` of `other`.
    pub fn dot(&self, i: usize, other: &Vectors, j: usize) -> f32 {
        let a = &self.data[i * DIM..(i + 1) * DIM];
        let b = &other.data[j * DIM..(j + 1) * DIM];
        let mut acc = [0i32; 16];
        for (ca, cb) in a.chunks_exact(16).zip(b.chunks_exact(16)) {
            for k in 0..16 {
                acc[k] += ca[k] as i32 * cb[k] as i32;
            }
        }
        acc.iter().sum::<i32>() as f32 * self.scales[i] * other.scales[j]
    }

    /// Vectors of sentence embeddings (of at most `DIM` dimensions, the rest zero).
    pub fn of_embeddings(embeddings: &[Vec<f32>], lengths: Vec<f32>) -> Vectors {
        let rows: Vec<([i8; DIM], f32)> = embeddings
            .par_iter()
            .map(|e| {
                let mut row = [0.0f32; DIM];
                row[..e.len()].copy_from_slice(e);
                quantise(&row)
            })
            .collect();
        Vectors::from_quantised(rows, lengths)
    }

    /// Each row plus an extra unit vector (a sentence embedding) scaled to `weight` times
    /// the row's own norm, folded into the same dimensions: cosines of the result mix
    /// both signals, and sums over sentences stay sums weighted as before (a long
    /// sentence counts for more in a merged bead, as without the extra signal; making
    /// every row unit length instead cost 0.007 strict F1 on textberg-dev).
    pub fn with_extra(&self, extra: &[Vec<f32>], weight: f32) -> Vectors {
        let rows: Vec<[f32; DIM]> = (0..self.len())
            .into_par_iter()
            .map(|i| {
                let mut row = self.row(i);
                let norm = dot(&row, &row).sqrt();
                for (k, e) in extra[i].iter().enumerate() {
                    row[k % DIM] += weight * norm * e;
                }
                row
            })
            .collect();
        Vectors::from_rows(&rows, self.lengths.clone())
    }

    /// Vectors of blocks of two consecutive rows (the last block may hold one): the next
    /// coarser level of the search.
    pub fn pooled(&self) -> Vectors {
        let n = self.len().div_ceil(2);
        let mut rows = vec![[0.0f32; DIM]; n];
        let mut lengths = vec![0.0f32; n];
        for i in 0..self.len() {
            for (o, v) in rows[i / 2].iter_mut().zip(self.row(i)) {
                *o += v;
            }
            lengths[i / 2] += self.lengths[i];
        }
        Vectors::from_rows(&rows, lengths)
    }
}

/// A float vector as 8-bit integers and the scale that restores it.
fn quantise(row: &[f32; DIM]) -> ([i8; DIM], f32) {
    let max = row.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    let mut q = [0i8; DIM];
    if max == 0.0 {
        return (q, 0.0);
    }
    let scale = max / 127.0;
    for (q, x) in q.iter_mut().zip(row) {
        *q = (x / scale).round() as i8;
    }
    (q, scale)
}

/// Dot product of two float vectors, written so the compiler vectorises it.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += ca[k] * cb[k];
        }
    }
    acc.iter().sum()
}

/// Cosine similarity of row `i` of `a` and row `j` of `b`: `range_cosine` of one row
/// each, without summing (cheap enough to compare a sentence with a whole document).
pub fn row_cosine(a: &Vectors, i: usize, b: &Vectors, j: usize) -> f64 {
    let norms = a.dot(i, a, i) as f64 * b.dot(j, b, j) as f64;
    if norms <= 0.0 {
        0.0
    } else {
        a.dot(i, b, j) as f64 / norms.sqrt()
    }
}

/// Cosine similarity of the summed vectors of rows `a_rows` of `a` and `b_rows` of `b`.
pub fn range_cosine(a: &Vectors, a_rows: std::ops::Range<usize>, b: &Vectors, b_rows: std::ops::Range<usize>) -> f64 {
    // One row each, the common case: the quantised rows' own dot products, without
    // building the sums.
    if a_rows.len() == 1 && b_rows.len() == 1 {
        return row_cosine(a, a_rows.start, b, b_rows.start);
    }
    let sum = |v: &Vectors, rows: std::ops::Range<usize>| {
        let mut out = [0.0f32; DIM];
        for i in rows {
            for (o, x) in out.iter_mut().zip(v.row(i)) {
                *o += x;
            }
        }
        out
    };
    let (x, y) = (sum(a, a_rows), sum(b, b_rows));
    let norms = (dot(&x, &x) as f64) * (dot(&y, &y) as f64);
    if norms <= 0.0 {
        0.0
    } else {
        dot(&x, &y) as f64 / norms.sqrt()
    }
}

/// The hashed n-grams of one sentence (64-bit hashes, with repeats).
fn ngrams(text: &str) -> Vec<u64> {
    // Lower case; every run of non-alphanumeric characters becomes one space, so
    // punctuation and spacing differences between MT and translation do not count.
    let mut chars: Vec<char> = Vec::with_capacity(text.len() + 2);
    chars.push(' ');
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c.is_alphanumeric() { c } else { ' ' };
        if !(c == ' ' && chars.last() == Some(&' ')) {
            chars.push(c);
        }
    }
    if chars.last() != Some(&' ') {
        chars.push(' ');
    }
    let mut out = Vec::with_capacity(chars.len() * MAX_ORDER);
    let mut buf = [0u8; 4];
    for start in 0..chars.len() {
        let mut h = hashing::fnv1a64(&[]);
        for (order, c) in chars[start..].iter().take(MAX_ORDER).enumerate() {
            h = hashing::extend(h, c.encode_utf8(&mut buf).as_bytes());
            // A lone space is no evidence.
            if order + 1 < MIN_ORDER || (order == 0 && *c == ' ') {
                continue;
            }
            out.push(h ^ order as u64);
        }
    }
    out
}

/// Characters per text, not counting white space.
pub fn lengths<S: AsRef<str>>(texts: &[S]) -> Vec<f32> {
    texts.iter().map(|t| t.as_ref().chars().filter(|c| !c.is_whitespace()).count() as f32).collect()
}

/// Buckets for counting document frequencies: n-grams are counted by a 22-bit hash,
/// which merges few enough of them to leave the weights intact.
const DF_BUCKETS: usize = 1 << 22;

/// The least weight of an n-gram (see `embed`): about that of one in 99 of 100 sentences.
const IDF_FLOOR: f32 = 0.01;

/// Vectors for both sides, sharing one idf table built from all their sentences.
pub fn embed<A: AsRef<str> + Sync, B: AsRef<str> + Sync>(a: &[A], b: &[B]) -> (Vectors, Vectors) {
    let texts: Vec<&str> = a.iter().map(AsRef::as_ref).chain(b.iter().map(AsRef::as_ref)).collect();
    // Each sentence's distinct n-grams, counted once per sentence.
    let df: Vec<AtomicU32> = (0..DF_BUCKETS).map(|_| AtomicU32::new(0)).collect();
    texts.par_iter().for_each(|t| {
        let mut grams = ngrams(t);
        grams.sort_unstable();
        grams.dedup();
        for g in grams {
            df[g as usize % DF_BUCKETS].fetch_add(1, Ordering::Relaxed);
        }
    });
    let total = texts.len() as f32;
    // An n-gram in every sentence would weigh nothing, which in a one-sentence document
    // (its MT and its translation) is every n-gram: identical texts would share nothing.
    // A floor keeps such n-grams in, far below any that tells sentences apart.
    let idf = |g: u64| {
        ((total + 1.0) / (df[g as usize % DF_BUCKETS].load(Ordering::Relaxed) as f32 + 1.0)).ln().max(IDF_FLOOR)
    };
    let vectorise = |texts: &[&str]| -> Vectors {
        let rows: Vec<([i8; DIM], f32)> = texts
            .par_iter()
            .map(|t| {
                let mut row = [0.0f32; DIM];
                for h in ngrams(t) {
                    let mixed = h.wrapping_mul(0x9E3779B97F4A7C15);
                    let sign = if mixed >> 63 == 0 { 1.0 } else { -1.0 };
                    row[(mixed >> 32) as usize % DIM] += sign * idf(h);
                }
                quantise(&row)
            })
            .collect();
        Vectors::from_quantised(rows, lengths(texts))
    };
    (vectorise(&texts[..a.len()]), vectorise(&texts[a.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cos(a: &[f32], b: &[f32]) -> f32 {
        dot(a, b) / (dot(a, a).sqrt() * dot(b, b).sqrt())
    }

    #[test]
    fn quantised_dot_matches_float_dot() {
        let (a, b) = embed(&["The hut lies at 2800 metres."], &["The hut is at 2,800 metres."]);
        let exact = dot(&a.row(0), &b.row(0));
        assert!((a.dot(0, &b, 0) - exact).abs() <= 1e-4 * exact.abs().max(1.0));
    }

    #[test]
    fn a_row_cosine_is_the_range_cosine_of_one_row_each() {
        let mt = ["The hut lies at 2800 metres.", "It was built in 1911 by the club."];
        let tgt = ["The hut is at 2,800 metres.", "The club built it in 1911.", ""];
        let (a, b) = embed(&mt, &tgt);
        for (i, j) in [(0, 0), (0, 1), (1, 1), (1, 0), (0, 2)] {
            let (row, range) = (row_cosine(&a, i, &b, j), range_cosine(&a, i..i + 1, &b, j..j + 1));
            assert!((row - range).abs() < 1e-4, "{i} {j}: {row} {range}");
        }
        assert!(row_cosine(&a, 0, &b, 0) > row_cosine(&a, 0, &b, 1));
    }

    #[test]
    fn similar_sentences_are_closer_than_unrelated_ones() {
        let mt = ["The hut lies at 2800 metres.", "It was built in 1911 by the club."];
        let tgt = ["The hut is at 2,800 metres.", "The club built it in 1911.", "Nothing to do with it."];
        let (a, b) = embed(&mt, &tgt);
        assert!(cos(&a.row(0), &b.row(0)) > cos(&a.row(0), &b.row(1)));
        assert!(cos(&a.row(1), &b.row(1)) > cos(&a.row(1), &b.row(2)));
        assert_eq!(a.lengths[0], 23.0);
    }

    #[test]
    fn a_one_sentence_pair_of_identical_texts_is_alike() {
        // Each n-gram is in every sentence of this "document"; the idf floor keeps it.
        let (a, b) = embed(&["Bonjour le monde."], &["Bonjour le monde."]);
        assert!(row_cosine(&a, 0, &b, 0) > 0.99, "{}", row_cosine(&a, 0, &b, 0));
    }

    #[test]
    fn an_extra_signal_keeps_how_much_each_sentence_weighs_in_a_bead() {
        let mt = ["The hut lies at 2800 metres above the glacier, on the old path.", "Built in 1911."];
        let tgt = ["The hut stands at 2,800 metres above the glacier on the old path.", "It dates from 1911."];
        let (a, b) = embed(&mt, &tgt);
        // With a vanishing weight, every similarity (of single sentences and of merged
        // beads) is what it was: the long sentence still counts for more in a sum.
        let unit = |k: usize| (0..384).map(|d| if d == k { 1.0 } else { 0.0 }).collect::<Vec<f32>>();
        let (a0, b0) = (a.with_extra(&[unit(0), unit(1)], 1e-4), b.with_extra(&[unit(2), unit(3)], 1e-4));
        for (x, y) in [(0..1, 0..1), (0..2, 0..1), (0..1, 0..2), (0..2, 0..2)] {
            let (before, after) = (range_cosine(&a, x.clone(), &b, y.clone()), range_cosine(&a0, x, &b0, y));
            assert!((before - after).abs() < 0.01, "{before} {after}");
        }
        // With weight, sentences sharing the extra signal grow more alike.
        let (a1, b1) = (a.with_extra(&[unit(0), unit(1)], 1.0), b.with_extra(&[unit(5), unit(1)], 1.0));
        assert!(range_cosine(&a1, 1..2, &b1, 1..2) > range_cosine(&a, 1..2, &b, 1..2) + 0.1);
    }

    #[test]
    fn pooling_sums_pairs() {
        let (a, _) = embed(&["one two", "three", "four"], &["x"]);
        let p = a.pooled();
        assert_eq!(p.len(), 2);
        for k in 0..DIM {
            // Sums are re-quantised: equal to within the coarser scale's step.
            let step = p.row(0).iter().fold(0.0f32, |m, x| m.max(x.abs())) / 127.0;
            assert!((p.row(0)[k] - (a.row(0)[k] + a.row(1)[k])).abs() <= step);
            assert!((p.row(1)[k] - a.row(2)[k]).abs() <= 1e-5);
        }
        assert_eq!(p.lengths, [a.lengths[0] + a.lengths[1], a.lengths[2]]);
    }

    #[test]
    fn empty_and_punctuation_only_sentences_have_zero_vectors() {
        let (a, _) = embed(&["", "... !!"], &["x"]);
        assert!(a.row(0).iter().all(|v| *v == 0.0));
        assert!(a.row(1).iter().all(|v| *v == 0.0));
    }
}
