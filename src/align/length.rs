//! The length-based baseline scorer (Gale & Church 1993), with number anchors.
//!
//! Sentences and their translations have proportional lengths in characters. The ratio
//! is estimated from the two documents themselves, so Chinese against English (about
//! one to three) works as well as German against French. Shared numbers make a bead
//! cheaper and disagreeing numbers dearer, which keeps the alignment on track through
//! runs of similar-length sentences. With MT of the source, pass the MT's lengths: it is
//! in the target's language, so the ratio is close to one and the estimate sharper.

use std::ops::{Range, RangeInclusive};

use super::coarse::Level;
use super::Scorer;
use crate::anchors;

/// Variance of the target length per source character (Gale & Church's `s²`).
const VARIANCE: f64 = 6.8;
/// Cost taken off per number the two sides share, and added per number only one side has.
const SHARED_NUMBER_BONUS: f64 = 1.5;
const UNSHARED_NUMBER_PENALTY: f64 = 0.5;

/// Gale-Church bead costs over precomputed lengths and numbers.
#[derive(Clone)]
pub struct GaleChurch {
    /// Prefix sums of character lengths: `src_len[i]` = length of sentences 0..i.
    src_len: Vec<f64>,
    tgt_len: Vec<f64>,
    src_numbers: Vec<Vec<String>>,
    tgt_numbers: Vec<Vec<String>>,
    /// Prefix counts of numbers, to skip beads without any cheaply.
    src_number_count: Vec<usize>,
    tgt_number_count: Vec<usize>,
    /// Expected target characters per source character.
    ratio: f64,
}

impl GaleChurch {
    /// A scorer for `src` (source sentences, or their MT) against `tgt`.
    pub fn new<S: AsRef<str>, T: AsRef<str>>(src: &[S], tgt: &[T]) -> GaleChurch {
        let src_len = prefix_sums(src.iter().map(|s| text_len(s.as_ref())));
        let tgt_len = prefix_sums(tgt.iter().map(|s| text_len(s.as_ref())));
        let (a, b) = (*src_len.last().unwrap(), *tgt_len.last().unwrap());
        // Bounded, so documents of very different coverage do not skew it; the bounds
        // allow for scripts as different as Chinese and English (about 1 : 3).
        let ratio = if a > 0.0 && b > 0.0 { (b / a).clamp(0.2, 5.0) } else { 1.0 };
        let src_numbers: Vec<Vec<String>> = src.iter().map(|s| anchors::numbers(s.as_ref())).collect();
        let tgt_numbers: Vec<Vec<String>> = tgt.iter().map(|s| anchors::numbers(s.as_ref())).collect();
        GaleChurch {
            src_len,
            tgt_len,
            src_number_count: number_counts(&src_numbers),
            tgt_number_count: number_counts(&tgt_numbers),
            src_numbers,
            tgt_numbers,
            ratio,
        }
    }

    /// Target length over the expected length for a bead; 1.0 is a perfect fit.
    pub fn length_ratio(&self, src: Range<usize>, tgt: Range<usize>) -> Option<f64> {
        let a = self.src_len[src.end] - self.src_len[src.start];
        let b = self.tgt_len[tgt.end] - self.tgt_len[tgt.start];
        (a > 0.0).then(|| b / (a * self.ratio))
    }

    fn number_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let s_count = self.src_number_count[src.end] - self.src_number_count[src.start];
        let t_count = self.tgt_number_count[tgt.end] - self.tgt_number_count[tgt.start];
        if s_count == 0 || t_count == 0 {
            // Nothing to share: only the unshared penalty.
            return UNSHARED_NUMBER_PENALTY * (s_count + t_count) as f64;
        }
        let shared = anchors::shared(&merged(&self.src_numbers[src]), &merged(&self.tgt_numbers[tgt])) as f64;
        let unshared = (s_count + t_count) as f64 - 2.0 * shared;
        UNSHARED_NUMBER_PENALTY * unshared - SHARED_NUMBER_BONUS * shared
    }
}

impl Level for GaleChurch {
    fn sizes(&self) -> (usize, usize) {
        (self.src_len.len() - 1, self.tgt_len.len() - 1)
    }

    /// Pairs of sentences become one unit: lengths add up, numbers pool. The ratio is
    /// the whole documents', so it stays.
    fn pooled(&self) -> Self {
        let pool_len = |prefix: &[f64]| -> Vec<f64> {
            let n = prefix.len() - 1;
            (0..=n.div_ceil(2)).map(|k| prefix[(2 * k).min(n)]).collect()
        };
        let pool_numbers = |lists: &[Vec<String>]| -> Vec<Vec<String>> {
            lists.chunks(2).map(|pair| merged(pair).into_iter().map(String::from).collect()).collect()
        };
        let (src_numbers, tgt_numbers) = (pool_numbers(&self.src_numbers), pool_numbers(&self.tgt_numbers));
        GaleChurch {
            src_len: pool_len(&self.src_len),
            tgt_len: pool_len(&self.tgt_len),
            src_number_count: number_counts(&src_numbers),
            tgt_number_count: number_counts(&tgt_numbers),
            src_numbers,
            tgt_numbers,
            ratio: self.ratio,
        }
    }

    fn scorer(&self, _windows: &[RangeInclusive<usize>], _max_src: usize, _max_tgt: usize) -> impl Scorer + Sync + '_ {
        self
    }

    /// Row i's expected column: where the target has come as far through its length as
    /// the source has through its own at sentence i.
    fn diagonal(&self) -> Option<Vec<usize>> {
        let (n, m) = self.sizes();
        let (a, b) = (self.src_len[n], self.tgt_len[m]);
        let diagonal = (0..=n).map(|i| {
            if a > 0.0 {
                self.tgt_len.partition_point(|&t| t < self.src_len[i] / a * b).min(m)
            } else {
                i * m / n.max(1)
            }
        });
        Some(diagonal.collect())
    }
}

fn number_counts(lists: &[Vec<String>]) -> Vec<usize> {
    prefix_sums(lists.iter().map(|l| l.len() as f64)).into_iter().map(|c| c as usize).collect()
}

impl Scorer for GaleChurch {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let a = (self.src_len[src.end] - self.src_len[src.start]) * self.ratio;
        let b = self.tgt_len[tgt.end] - self.tgt_len[tgt.start];
        -prior(src.len(), tgt.len()).ln() + length_cost(a, b) + self.number_cost(src, tgt)
    }
}

/// Gale & Church's length cost, −ln P(|δ|), for `expected` target characters against
/// `actual` ones. The search prices millions of beads, so the cost comes from a table.
pub fn length_cost(expected: f64, actual: f64) -> f64 {
    let mean = ((expected + actual) / 2.0).max(1.0);
    let delta = ((actual - expected) / (mean * VARIANCE).sqrt()).abs();
    let table = &*TAIL_COST;
    let x = delta / TAIL_STEP;
    let k = x as usize;
    if k + 1 >= table.len() {
        // Far in the tail −ln(2(1 − Φ(δ))) grows like δ²/2.
        return table[table.len() - 1] + (delta * delta - TAIL_END * TAIL_END) / 2.0;
    }
    table[k] + (x - k as f64) * (table[k + 1] - table[k])
}

const TAIL_STEP: f64 = 0.005;
const TAIL_END: f64 = 12.0;

/// −ln(2(1 − Φ(δ))) for δ = 0, TAIL_STEP, ..., TAIL_END.
static TAIL_COST: std::sync::LazyLock<Vec<f64>> = std::sync::LazyLock::new(|| {
    (0..=(TAIL_END / TAIL_STEP) as usize)
        .map(|k| -(2.0 * (1.0 - normal_cdf(k as f64 * TAIL_STEP))).max(1e-300).ln())
        .collect()
});

/// Gale & Church's bead-type probabilities, extended to 1-3 and 3-1.
fn prior(a: usize, b: usize) -> f64 {
    match (a, b) {
        (1, 1) => 0.89,
        (1, 0) | (0, 1) => 0.0099,
        (2, 1) | (1, 2) => 0.089,
        (2, 2) => 0.011,
        _ => 0.002,
    }
}

/// Length in characters, not counting white space (which CJK text does not use).
fn text_len(s: &str) -> f64 {
    s.chars().filter(|c| !c.is_whitespace()).count() as f64
}

fn prefix_sums(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut out = vec![0.0];
    for v in values {
        out.push(out.last().unwrap() + v);
    }
    out
}

/// The numbers of several sentences as one sorted multiset (borrowed, not copied).
fn merged(lists: &[Vec<String>]) -> Vec<&str> {
    let mut all: Vec<&str> = lists.iter().flatten().map(String::as_str).collect();
    all.sort_unstable();
    all
}

/// The standard normal CDF, from the complementary error function (Numerical Recipes'
/// `erfcc`, fractional error below 1.2e-7).
fn normal_cdf(x: f64) -> f64 {
    1.0 - 0.5 * erfc(x / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::BASELINE_SHAPES;

    #[test]
    fn normal_cdf_is_accurate() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.96) - 0.975002).abs() < 1e-6);
        assert!((normal_cdf(-1.0) - 0.158655).abs() < 1e-6);
    }

    #[test]
    fn tabulated_length_cost_matches_the_formula() {
        for (expected, actual) in [(10.0, 10.0), (40.0, 55.0), (100.0, 20.0), (3.0, 400.0), (0.0, 7.0)] {
            let mean: f64 = ((expected + actual) / 2.0_f64).max(1.0);
            let delta: f64 = ((actual - expected) / (mean * VARIANCE).sqrt()).abs();
            let exact = -(2.0 * (1.0 - normal_cdf(delta))).max(1e-300).ln();
            let got = length_cost(expected, actual);
            assert!((got - exact).abs() < 1e-3 * exact.max(1.0), "{expected} vs {actual}: {got} vs {exact}");
        }
    }

    #[test]
    fn equal_lengths_prefer_one_to_one() {
        let gc = GaleChurch::new(&["aaaa aaaa aaaa", "bbbb bbbb"], &["cccc cccc cccc", "dddd dddd"]);
        assert!(gc.cost(0..1, 0..1) < gc.cost(0..2, 0..1));
        assert!(gc.cost(0..1, 0..1) < gc.cost(0..1, 0..0));
    }

    #[test]
    fn aligns_chinese_to_english_with_a_merge() {
        let src = ["2011年全市卫生工作取得显著成绩。", "医改稳步推进。", "全年新增床位1200张,增长8%。"];
        let tgt = [
            "In 2011 the city's health work achieved remarkable results.",
            "Medical reform advanced steadily, and 1,200 new beds were added over the year, an increase of 8%.",
        ];
        let gc = GaleChurch::new(&src, &tgt);
        let beads = crate::align::coarse::align(&gc, BASELINE_SHAPES);
        let got: Vec<_> = beads.iter().map(|b| (b.src.clone(), b.tgt.clone())).collect();
        assert_eq!(got, [(0..1, 0..1), (1..3, 1..2)]);
    }

    #[test]
    fn a_long_document_with_a_missing_stretch_stays_on_the_diagonal() {
        // 4,000 source sentences of varied lengths; the translation is 1.2 times as
        // long, each sentence within ±15%, and lacks sentences 1,500..1,600.
        let mut seed = 12345u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        let lengths: Vec<usize> = (0..4000).map(|_| 10 + (next() * 140.0) as usize).collect();
        let src: Vec<String> = lengths.iter().map(|&l| "a".repeat(l)).collect();
        let kept: Vec<usize> = (0..4000).filter(|k| !(1500..1600).contains(k)).collect();
        let tgt: Vec<String> =
            kept.iter().map(|&k| "b".repeat((lengths[k] as f64 * 1.2 * (0.85 + 0.3 * next())) as usize)).collect();
        let gc = GaleChurch::new(&src, &tgt);
        let beads = crate::align::coarse::align(&gc, BASELINE_SHAPES);
        // Away from the gap nearly every source sentence is paired 1-1 with its own
        // translation (3,632; 3,449 when pooled levels found the corridor, which also
        // left the path 63 sentences off after the gap).
        let own = beads
            .iter()
            .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
            .filter(|b| !(1450..1650).contains(&b.src.start) && kept.get(b.tgt.start) == Some(&b.src.start))
            .count();
        assert!(own >= 3550, "{own} of the 3,800 sentences away from the gap paired with their own translation");
        // The path crosses the gap: the sentence after it is within a few of its own.
        let after = beads.iter().find(|b| b.src.contains(&1700)).unwrap();
        assert!(after.tgt.start.abs_diff(1600) <= 3, "{after:?}");
    }

    #[test]
    fn the_diagonal_is_where_both_sides_have_come_equally_far() {
        let gc = GaleChurch::new(&["aaaa", "aaaa", "aaaaaaaa"], &["bbbbbbbb", "bbbbbbbb", "bbbb", "bbbb"]);
        assert_eq!(gc.diagonal(), Some(vec![0, 1, 2, 4]));
    }

    #[test]
    fn shared_numbers_lower_the_cost() {
        let gc = GaleChurch::new(&["It rose 8% in 2011.", "It fell."], &["Es stieg 2011 um 8 %.", "Es fiel."]);
        assert!(gc.number_cost(0..1, 0..1) < 0.0);
        assert!(gc.number_cost(0..1, 1..2) > 0.0);
    }
}
