//! The search for the cheapest chain of beads: dynamic programming over a band.
//!
//! Only the cells within a window of each row are computed, so memory grows with
//! rows × window, not rows × columns. The window of row `i` is any range of target
//! positions; `coarse` chooses them. Pricing the beads is most of the work and each
//! price is independent of the others, so a block of rows is priced in parallel, then
//! the dynamic programme makes a cheap sequential pass over it, block after block.

use std::ops::RangeInclusive;

use rayon::prelude::*;

use super::{Bead, Scorer};

/// About how many cells are priced at once (then searched, before the next block).
const PRICED_CELLS: usize = 1 << 16;

/// The cheapest chain of beads of the given `shapes` from (0, 0) to (n, m), visiting
/// only cells inside `windows` (one window per source position 0..=n).
///
/// Returns `None` when the windows leave no path.
pub fn align(
    n: usize,
    m: usize,
    scorer: &(dyn Scorer + Sync),
    shapes: &[(usize, usize)],
    windows: &[RangeInclusive<usize>],
) -> Option<Vec<Bead>> {
    assert_eq!(windows.len(), n + 1, "one window per source position");
    let mut offsets = Vec::with_capacity(n + 2);
    let mut total = 0usize;
    for w in windows {
        offsets.push(total);
        total += w.end().saturating_sub(*w.start()) + 1;
    }
    let cell = |i: usize, j: usize| -> Option<usize> {
        let w = &windows[i];
        w.contains(&j).then(|| offsets[i] + j - w.start())
    };
    // The price of every bead that ends in the corridor and starts in it, per row:
    // prices[r][(j - start) * shapes + k], infinite where the bead would leave it. The
    // rows are priced a block at a time (in parallel), and the block's cells computed
    // before the next is priced, so the prices never take more than a block's memory.
    let price_row = |i: usize| {
        let mut row = Vec::with_capacity((windows[i].end() + 1 - windows[i].start()) * shapes.len());
        for j in windows[i].clone() {
            for &(a, b) in shapes {
                let inside = a <= i && b <= j && (a, b) != (0, 0) && windows[i - a].contains(&(j - b));
                row.push(if inside { scorer.cost(i - a..i, j - b..j) as f32 } else { f32::INFINITY });
            }
        }
        row
    };
    let mut cost = vec![f64::INFINITY; total];
    let mut back = vec![u8::MAX; total];
    cost[cell(0, 0)?] = 0.0;
    let mut first = 0;
    while first <= n {
        // About PRICED_CELLS cells per block, at least one row.
        let mut last = first;
        let mut cells = 0;
        while last <= n && (last == first || cells < PRICED_CELLS) {
            cells += windows[last].end().saturating_sub(*windows[last].start()) + 1;
            last += 1;
        }
        let prices: Vec<Vec<f32>> = (first..last).into_par_iter().map(price_row).collect();
        for (i, prices) in (first..last).zip(&prices) {
            for (dj, j) in windows[i].clone().enumerate() {
                let here = offsets[i] + dj;
                for (k, &(a, b)) in shapes.iter().enumerate() {
                    let price = prices[dj * shapes.len() + k];
                    if !price.is_finite() {
                        continue;
                    }
                    let before = cost[cell(i - a, j - b).expect("priced beads start inside the corridor")];
                    let total = before + price as f64;
                    // A tie goes to the shape listed first: the shape lists start with 1-1,
                    // 1-0 and 0-1, so text a merged bead pairs at the price of leaving it
                    // unmatched stays unmatched.
                    if total < cost[here] {
                        cost[here] = total;
                        back[here] = k as u8;
                    }
                }
            }
        }
        first = last;
    }
    let (mut i, mut j) = (n, m);
    if !cost[cell(n, m)?].is_finite() {
        return None;
    }
    let mut beads = Vec::new();
    while i > 0 || j > 0 {
        let here = cell(i, j)?;
        let (a, b) = shapes[back[here] as usize];
        let prev = cell(i - a, j - b)?;
        beads.push(Bead { src: i - a..i, tgt: j - b..j, cost: cost[here] - cost[prev] });
        i -= a;
        j -= b;
    }
    beads.reverse();
    Some(beads)
}

/// Beads for a document pair where one side is empty: every sentence is unmatched.
pub fn all_unmatched(n: usize, m: usize) -> Vec<Bead> {
    let src = (0..n).map(|i| Bead { src: i..i + 1, tgt: 0..0, cost: 0.0 });
    let tgt = (0..m).map(|j| Bead { src: n..n, tgt: j..j + 1, cost: 0.0 });
    src.chain(tgt).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::BASELINE_SHAPES;
    use std::ops::Range;

    /// The window of target positions for each source position 0..=n around the diagonal,
    /// `half_width` positions to each side.
    fn diagonal_band(n: usize, m: usize, half_width: usize) -> Vec<RangeInclusive<usize>> {
        (0..=n)
            .map(|i| {
                let centre = (i * m).checked_div(n).unwrap_or(0);
                centre.saturating_sub(half_width)..=(centre + half_width).min(m)
            })
            .collect()
    }

    /// Prices beads by how far their sizes are from equal, plus a fixed price for null beads.
    struct SizeScorer<'a> {
        src: &'a [f64],
        tgt: &'a [f64],
    }

    impl Scorer for SizeScorer<'_> {
        fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
            if src.is_empty() || tgt.is_empty() {
                return 10.0;
            }
            let a: f64 = self.src[src.clone()].iter().sum();
            let b: f64 = self.tgt[tgt.clone()].iter().sum();
            (a - b).abs() + 0.5 * (src.len() + tgt.len() - 2) as f64
        }
    }

    #[test]
    fn finds_merges_and_gaps() {
        let src = [10.0, 20.0, 5.0, 5.0, 30.0];
        let tgt = [10.0, 20.0, 10.0, 30.0];
        let scorer = SizeScorer { src: &src, tgt: &tgt };
        let beads = align(5, 4, &scorer, BASELINE_SHAPES, &diagonal_band(5, 4, 10)).unwrap();
        let got: Vec<(Range<usize>, Range<usize>)> = beads.iter().map(|b| (b.src.clone(), b.tgt.clone())).collect();
        assert_eq!(got, [(0..1, 0..1), (1..2, 1..2), (2..4, 2..3), (4..5, 3..4)]);
    }

    #[test]
    fn a_narrow_band_still_connects_both_ends() {
        let src = vec![1.0; 50];
        let tgt = vec![1.0; 50];
        let scorer = SizeScorer { src: &src, tgt: &tgt };
        let beads = align(50, 50, &scorer, BASELINE_SHAPES, &diagonal_band(50, 50, 1)).unwrap();
        assert_eq!(beads.len(), 50);
        assert!(beads.iter().all(|b| b.src.len() == 1 && b.tgt.len() == 1));
    }

    #[test]
    fn one_empty_side() {
        let beads = all_unmatched(0, 2);
        assert_eq!(
            beads.iter().map(|b| (b.src.clone(), b.tgt.clone())).collect::<Vec<_>>(),
            [(0..0, 0..1), (0..0, 1..2)]
        );
    }
}
