//! Coarse-to-fine search: linear time and memory in the length of the documents.
//!
//! Both documents are halved again and again (each vector summing two of the level
//! below) until a full search is cheap. The path found there is projected onto the next
//! finer level and widened by a margin, and the search at that level visits only that
//! corridor. The corridor follows the text wherever it goes, so a section missing on one
//! side is a long run of unmatched sentences, not a loss of the path.

use std::ops::RangeInclusive;

use super::{search, Bead, Scorer};

/// A level is searched in full once it has at most this many cells.
const FULL_SEARCH_CELLS: usize = 250_000;
/// How far (in sentences of that level) the corridor extends beyond the projected path.
const MARGIN: usize = 5;

/// Coarser levels only need to find the corridor.
const COARSE_SHAPES: &[(usize, usize)] = &[(1, 1), (1, 0), (0, 1), (1, 2), (2, 1)];

/// The two documents at one granularity: sentences at the finest level, blocks of two
/// of the level below at each coarser one.
pub trait Level: Sized {
    /// Units on the source and the target side.
    fn sizes(&self) -> (usize, usize);
    /// The next coarser level: each unit is two consecutive units of this one.
    fn pooled(&self) -> Self;
    /// A scorer for the cells inside `windows`, for beads up to `max_src` × `max_tgt`.
    fn scorer(&self, windows: &[RangeInclusive<usize>], max_src: usize, max_tgt: usize) -> impl Scorer + Sync + '_;
    /// For a level whose scorer names no anchors: for each source position 0..=n, the
    /// target position the path is expected near (where both sides have come equally
    /// far). Such a level is searched at its own granularity in a band around it that
    /// then follows the path found (`along_diagonal`); pooled units would blur what
    /// little it has to go on. None: the coarser levels find the corridor.
    fn diagonal(&self) -> Option<Vec<usize>> {
        None
    }
}

/// The cheapest chain of beads of `shapes` through the sentences of `finest`.
pub fn align<L: Level>(finest: &L, shapes: &[(usize, usize)]) -> Vec<Bead> {
    let (n, m) = finest.sizes();
    if n == 0 || m == 0 {
        return search::all_unmatched(n, m);
    }
    if let Some(diagonal) = finest.diagonal() {
        return along_diagonal(finest, shapes, &diagonal);
    }
    // The coarser levels, each pooling pairs of the one below (the finest level is the
    // caller's, not copied).
    let mut coarser: Vec<L> = Vec::new();
    loop {
        let (s, t) = coarser.last().unwrap_or(finest).sizes();
        if (s + 1) * (t + 1) <= FULL_SEARCH_CELLS || s <= 1 || t <= 1 {
            break;
        }
        let next = coarser.last().unwrap_or(finest).pooled();
        coarser.push(next);
    }
    // From the coarsest level to the finest; each coarse level is dropped once its
    // corridor is known, so the finest search runs beside no more than it needs.
    let mut windows: Option<Vec<RangeInclusive<usize>>> = None;
    loop {
        let current = coarser.pop();
        let level = current.as_ref().unwrap_or(finest);
        let (n, m) = level.sizes();
        let first = windows.is_none();
        let w = windows.take().unwrap_or_else(|| vec![0..=m; n + 1]);
        let shapes = if current.is_none() { shapes } else { COARSE_SHAPES };
        let max_src = shapes.iter().map(|s| s.0).max().unwrap_or(1);
        let max_tgt = shapes.iter().map(|s| s.1).max().unwrap_or(1);
        let scorer = level.scorer(&w, max_src, max_tgt);
        // The first level searched sees the whole table: kept near the pairs that are
        // clearly translations, so the text beyond them (a section only one side has)
        // is left unmatched rather than spread thinly over the other side's sentences.
        let band = if first { band(&scorer.anchors(), n, m) } else { None };
        let beads = band
            .and_then(|b| search::align(n, m, &scorer, shapes, &b))
            .or_else(|| search::align(n, m, &scorer, shapes, &w))
            .expect("a corridor around a path always contains a path");
        if current.is_none() {
            return beads;
        }
        let (finer_n, finer_m) = coarser.last().unwrap_or(finest).sizes();
        windows = Some(project(&beads, finer_n, finer_m));
    }
}

/// How far (in sentences) `refine` lets the path move from the one it refines.
const REFINE_MARGIN: usize = 3;

/// The cheapest chain of beads of `shapes` through `finest`, within `REFINE_MARGIN`
/// sentences of `beads` (a path through the same sentences, found with a cheaper
/// scorer): a second, narrow search where some beads are priced better.
pub fn refine<L: Level>(finest: &L, shapes: &[(usize, usize)], beads: &[Bead]) -> Vec<Bead> {
    let (n, m) = finest.sizes();
    if n == 0 || m == 0 {
        return search::all_unmatched(n, m);
    }
    let (lo, hi) = columns(beads, n);
    let windows = around(&lo, &hi, REFINE_MARGIN, m);
    let max_src = shapes.iter().map(|s| s.0).max().unwrap_or(1);
    let max_tgt = shapes.iter().map(|s| s.1).max().unwrap_or(1);
    let scorer = finest.scorer(&windows, max_src, max_tgt);
    search::align(n, m, &scorer, shapes, &windows).expect("a corridor around a path always contains a path")
}

/// How far (in sentences) the band of a level searched along its diagonal reaches to
/// either side of the path. On bible-15k, ±50 loses the path and ±150 keeps it.
const DIAGONAL_BAND: usize = 150;
/// Most searches of a level along its diagonal (each re-centred on the path before).
const RECENTRINGS: usize = 20;

/// The cheapest chain of beads of `level` in a band around `diagonal`, then in a band
/// around the path found, and so on while the cost falls: each band contains the path
/// before, so the cost never rises, and the band moves to wherever the text goes.
fn along_diagonal<L: Level>(level: &L, shapes: &[(usize, usize)], diagonal: &[usize]) -> Vec<Bead> {
    let (n, m) = level.sizes();
    let max_src = shapes.iter().map(|s| s.0).max().unwrap_or(1);
    let max_tgt = shapes.iter().map(|s| s.1).max().unwrap_or(1);
    let mut windows = around(diagonal, diagonal, DIAGONAL_BAND, m);
    let mut best: Option<(f64, Vec<Bead>)> = None;
    for _ in 0..RECENTRINGS {
        let scorer = level.scorer(&windows, max_src, max_tgt);
        let beads = search::align(n, m, &scorer, shapes, &windows).expect("a connected band always contains a path");
        let cost: f64 = beads.iter().map(|b| b.cost).sum();
        if best.as_ref().is_some_and(|(before, _)| cost >= before - 1e-9 * before.abs()) {
            break;
        }
        let (lo, hi) = columns(&beads, n);
        windows = around(&lo, &hi, DIAGONAL_BAND, m);
        best = Some((cost, beads));
    }
    best.expect("searched at least once").1
}

/// The first and last target position a path of `beads` visits at each source position.
fn columns(beads: &[Bead], n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0; n + 1];
    for b in beads {
        for r in b.src.start..=b.src.end {
            lo[r] = lo[r].min(b.tgt.start);
            hi[r] = hi[r].max(b.tgt.end);
        }
    }
    (lo, hi)
}

/// Windows from `lo[r] - width` to `hi[r] + width` at each row r (bounds never going
/// back), from (0, 0) to (n, m), each overlapping the one before so a path exists.
fn around(lo: &[usize], hi: &[usize], width: usize, m: usize) -> Vec<RangeInclusive<usize>> {
    let n = lo.len() - 1;
    let mut windows: Vec<RangeInclusive<usize>> =
        lo.iter().zip(hi).map(|(&l, &h)| l.min(m).saturating_sub(width)..=(h + width).min(m)).collect();
    windows[0] = 0..=*windows[0].end();
    windows[n] = *windows[n].start()..=m;
    for r in 1..=n {
        let (prev_lo, prev_hi) = (*windows[r - 1].start(), *windows[r - 1].end());
        let lo = (*windows[r].start()).max(prev_lo).min(prev_hi);
        windows[r] = lo..=(*windows[r].end()).max(prev_hi);
    }
    windows
}

/// How far (in units of the level) the band may stray from its anchors. On a literary
/// translation a few anchors are a neighbour's pair, up to three sentences off; 4
/// cost mac-dev 0.004 strict F1, 6 and 8 nothing.
const ANCHOR_MARGIN: usize = 6;

/// Beyond the first and the last anchor, the band widens by one unit every this many
/// rows away from it.
const WIDENING: usize = 8;

/// The windows of a band through `anchors` (1-1 pairs of units that are clearly
/// translations): the longest chain of them in order on both sides; between two of
/// them, anything between their columns, give or take `ANCHOR_MARGIN` next to either
/// anchor and no more than their columns further from both; before the first and
/// after the last, near the chain's slope, widening slowly with the distance. So text
/// that one side has and the other lacks (a translation that stops halfway, an
/// appendix, a passage left out between two anchors) stays unmatched rather than
/// being spread thinly over the other side's sentences nearby. None without anchors.
fn band(anchors: &[(usize, usize)], n: usize, m: usize) -> Option<Vec<RangeInclusive<usize>>> {
    let chain = in_line(&increasing_chain(anchors));
    let (&(i0, j0), &(il, jl)) = (chain.first()?, chain.last()?);
    // With one anchor, the documents' own slope: 1 would leave a long document's path
    // far from where it ends.
    let slope = if il > i0 { (jl - j0) as f64 / (il - i0) as f64 } else { m as f64 / n.max(1) as f64 };
    let slope = slope.clamp(0.25, 4.0);
    // The window `away` rows from an end of the chain, around column `at`.
    let around = |at: f64, away: usize| {
        let width = (ANCHOR_MARGIN + away / WIDENING) as f64;
        let (lo, hi) = ((at - width).max(0.0), (at + width).max(0.0));
        (lo.round() as usize, hi.round() as usize)
    };
    let mut windows = Vec::with_capacity(n + 1);
    for r in 0..=n {
        // The anchors whose bead ends at or before row r, and starts at or after it.
        let before = chain.partition_point(|&(i, _)| i < r);
        let (lo, hi) = match (before.checked_sub(1).map(|p| chain[p]), chain.get(before)) {
            (Some((ip, jp)), Some(&(i_n, jn))) => (
                (jp + 1).saturating_sub(ANCHOR_MARGIN.saturating_sub(r - ip - 1)),
                jn + ANCHOR_MARGIN.saturating_sub(i_n - r),
            ),
            (None, _) => around(j0 as f64 - (i0 - r) as f64 * slope, i0 - r),
            (Some(_), None) => around((jl + 1) as f64 + (r - il - 1) as f64 * slope, r - il - 1),
        };
        windows.push(lo.min(m)..=hi.min(m));
    }
    windows[0] = 0..=*windows[0].end();
    windows[n] = *windows[n].start()..=m;
    // A lower bound that never goes back and each window overlapping the one before, so
    // a path exists. The upper bound may go back: a path that strays past the next
    // anchor early in a long stretch between two anchors is a dead end.
    for r in 1..=n {
        let (prev_lo, prev_hi) = (*windows[r - 1].start(), *windows[r - 1].end());
        let (lo, hi) = (*windows[r].start(), *windows[r].end());
        let lo = lo.max(prev_lo).min(prev_hi);
        windows[r] = lo..=hi.max(lo);
    }
    Some(windows)
}

/// `chain` without the anchors that lie more than `ANCHOR_MARGIN` off the line through
/// their two neighbours, and off the line through the two before them, and off the
/// line through the two after them (all judged against the chain as it was): a chance
/// match that happens to fall in order would otherwise pin the band to the wrong
/// place, while an anchor just past a gap is in line with those that follow it.
fn in_line(chain: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Whether the line through anchors p and q passes within the margin of anchor k.
    let fits = |p: usize, q: usize, k: usize| {
        let ((ip, jp), (iq, jq), (i, j)) = (chain[p], chain[q], chain[k]);
        let slope = (jq as f64 - jp as f64) / (iq - ip) as f64;
        (j as f64 - (jp as f64 + (i as f64 - ip as f64) * slope)).abs() <= ANCHOR_MARGIN as f64
    };
    let keep = |k: usize| {
        k == 0
            || k + 1 == chain.len()
            || fits(k - 1, k + 1, k)
            || (k >= 2 && fits(k - 2, k - 1, k))
            || (k + 2 < chain.len() && fits(k + 1, k + 2, k))
    };
    (0..chain.len()).filter(|&k| keep(k)).map(|k| chain[k]).collect()
}

/// The longest run of `pairs` increasing on both sides (a pair out of order with the
/// rest is a chance match), in order. Each source unit and each target unit is in at
/// most one pair (they are mutual best matches), so sorted by source it is the longest
/// increasing run of targets.
pub(super) fn increasing_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut pairs = pairs.to_vec();
    pairs.sort_unstable();
    // Patience sorting: tails[l] is the pair ending the best chain of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(_, j)) in pairs.iter().enumerate() {
        let l = tails.partition_point(|&t| pairs[t].1 < j);
        parent[p] = l.checked_sub(1).map(|q| tails[q]);
        if l == tails.len() {
            tails.push(p);
        } else {
            tails[l] = p;
        }
    }
    let mut chain = Vec::new();
    let mut at = tails.last().copied();
    while let Some(p) = at {
        chain.push(pairs[p]);
        at = parent[p];
    }
    chain.reverse();
    chain
}

/// The corridor at the next finer level (`n` × `m` sentences) around a coarse path.
fn project(beads: &[Bead], n: usize, m: usize) -> Vec<RangeInclusive<usize>> {
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0usize; n + 1];
    for b in beads {
        let rows = (2 * b.src.start).min(n)..=(2 * b.src.end).min(n);
        let (c0, c1) = ((2 * b.tgt.start).min(m), (2 * b.tgt.end).min(m));
        for r in rows {
            lo[r] = lo[r].min(c0);
            hi[r] = hi[r].max(c1);
        }
    }
    // Widen by the margin in both directions (rows and columns), then keep the bounds
    // monotone so the corridor has no gaps. A row the path crosses along a run of
    // unmatched sentences (text only one side has) lends the rows before it only where
    // the run starts and the rows after it only where it ends, give or take the margin:
    // lending the rows beside it the whole run would let the finer path pair their
    // sentences with that text, a few more at each level.
    let mut windows = Vec::with_capacity(n + 1);
    for r in 0..=n {
        let rows = (r.saturating_sub(MARGIN)..=(r + MARGIN).min(n)).filter(|&k| lo[k] != usize::MAX);
        let l = rows.clone().map(|k| if k < r { lo[k].max(hi[k].saturating_sub(MARGIN)) } else { lo[k] }).min();
        let h = rows.map(|k| if k > r { hi[k].min(lo[k] + MARGIN) } else { hi[k] }).max();
        windows.push(l.unwrap_or(0).saturating_sub(MARGIN)..=(h.unwrap_or(m) + MARGIN).min(m));
    }
    for r in 1..=n {
        let (prev_lo, prev_hi) = (*windows[r - 1].start(), *windows[r - 1].end());
        let (l, h) = (*windows[r].start(), *windows[r].end());
        windows[r] = l.max(prev_lo)..=h.max(prev_hi);
    }
    for r in (0..n).rev() {
        let (next_lo, next_hi) = (*windows[r + 1].start(), *windows[r + 1].end());
        let (l, h) = (*windows[r].start(), *windows[r].end());
        windows[r] = l.min(next_lo)..=h.min(next_hi);
    }
    windows[0] = 0..=*windows[0].end();
    windows[n] = *windows[n].start()..=m;
    windows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::features::embed;
    use crate::align::similarity::{MtLevel, MT_SHAPES, PARAMS};
    use crate::test_text::sentence;

    /// The MT-guided alignment of two texts, checked to cover every sentence once.
    fn aligned<A: AsRef<str> + Sync, B: AsRef<str> + Sync>(src: &[A], tgt: &[B]) -> Vec<Bead> {
        let (a, b) = embed(src, tgt);
        let beads = align(&MtLevel::new(&a, &b, PARAMS), MT_SHAPES);
        covers_every_sentence_once(&beads, src.len(), tgt.len());
        beads
    }

    #[test]
    fn recovers_after_a_long_gap_in_a_long_document() {
        // 1,200 source sentences; the target lacks sentences 400..700 and merges 900+901.
        let src: Vec<String> = (0..1200).map(sentence).collect();
        let mut tgt: Vec<String> = Vec::new();
        for k in 0..1200 {
            if (400..700).contains(&k) || k == 901 {
                continue;
            }
            if k == 900 {
                tgt.push(format!("{} {}", sentence(900), sentence(901)));
            } else {
                tgt.push(sentence(k));
            }
        }
        let beads = aligned(&src, &tgt);
        // Most of the missing section is reported unmatched; none of it is paired 1-1.
        let omitted: usize = beads.iter().filter(|b| b.tgt.is_empty()).map(|b| b.src.len()).sum();
        assert!(omitted >= 240, "only {omitted} of the 300 missing sentences are unmatched");
        assert!(!beads.iter().any(|b| b.src.len() == 1 && b.tgt.len() == 1 && (400..700).contains(&b.src.start)));
        assert!(beads.iter().any(|b| b.src == (900..902) && b.tgt.len() == 1), "the merge is a 2-1 bead");
        // Away from the edges of the gap (where a few sentences may go astray), every
        // sentence is aligned 1-1 with its own translation: the path recovers.
        let position = |k: usize| k - if k >= 700 { 300 } else { 0 } - if k > 901 { 1 } else { 0 };
        let near_an_edge = |k: usize| (385..715).contains(&k) || (900..902).contains(&k);
        for b in beads.iter().filter(|b| b.src.len() == 1 && !near_an_edge(b.src.start)) {
            assert_eq!(b.tgt, position(b.src.start)..position(b.src.start) + 1, "bead {b:?}");
        }
        let aligned: usize = beads.iter().filter(|b| b.src.len() == 1 && b.tgt.len() == 1).count();
        assert!(aligned >= 1200 - 300 - 2 - 30, "{aligned} 1-1 beads");
    }

    #[test]
    fn a_translation_that_stops_halfway_leaves_the_rest_unmatched() {
        // 300 source sentences, translated up to sentence 100; and the same translation
        // followed by 200 lines of its own (an appendix). Each side's extra text is
        // made of the same syllables, so it shares a little with everything.
        let all: Vec<String> = (0..300).map(sentence).collect();
        let half: Vec<String> = (0..100).map(sentence).collect();
        let appendix: Vec<String> = half.iter().cloned().chain((1000..1200).map(sentence)).collect();
        for (src, tgt) in [(&all, &half), (&half, &appendix)] {
            let beads = aligned(src, tgt);
            // All but the few at the edge (which a bead there may take along) unmatched.
            let unmatched = unmatched(&beads);
            assert!(unmatched >= 195, "{unmatched} of the 200 sentences beyond unmatched: {beads:?}");
            let own = beads.iter().filter(|b| b.src.len() == 1 && b.src == b.tgt).count();
            assert!(own >= 98, "{own} sentences paired with their own translation");
        }
    }

    #[test]
    fn a_passage_left_out_in_the_middle_is_left_unmatched() {
        // 300 source sentences; the translation lacks 100..200, and the source lacks the
        // translation's 100 lines of its own in the same place.
        let src: Vec<String> = (0..300).map(sentence).collect();
        let tgt: Vec<String> = (0..100).chain(200..300).map(sentence).collect();
        let own: Vec<String> = (0..100).chain(1000..1100).chain(200..300).map(sentence).collect();
        for (src, tgt) in [(&src, &tgt), (&tgt, &own)] {
            let beads = aligned(src, tgt);
            let unmatched = unmatched(&beads);
            // 48 and 81 before the band narrowed between anchors far apart.
            assert!(unmatched >= 86, "{unmatched} of the 100 sentences only one side has unmatched: {beads:?}");
        }
    }

    #[test]
    fn refining_a_path_with_the_same_scorer_finds_it_again_and_can_move_it() {
        let src: Vec<String> = (0..300).map(sentence).collect();
        let tgt: Vec<String> = (0..300).filter(|&k| k != 150).map(sentence).collect();
        let (a, b) = embed(&src, &tgt);
        let level = MtLevel::new(&a, &b, PARAMS);
        let beads = align(&level, MT_SHAPES);
        let shapes = |beads: &[Bead]| beads.iter().map(|b| (b.src.clone(), b.tgt.clone())).collect::<Vec<_>>();
        assert_eq!(shapes(&refine(&level, MT_SHAPES, &beads)), shapes(&beads));
        // From a path two lines off around the middle, within the margin, back to the right one.
        let mut off = beads.clone();
        let k = off.iter().position(|b| b.src.start == 100).unwrap();
        off[k] = Bead { src: 100..102, tgt: off[k].tgt.start..off[k].tgt.start + 1, cost: 0.0 };
        off[k + 1] = Bead { src: 102..102, tgt: off[k + 1].tgt.clone(), cost: 0.0 };
        let found = refine(&level, MT_SHAPES, &off);
        covers_every_sentence_once(&found, 300, 299);
        assert_eq!(shapes(&found), shapes(&beads));
    }

    #[test]
    fn the_chain_of_anchors_keeps_the_longest_run_in_order() {
        let pairs = [(0, 0), (1, 40), (2, 2), (3, 3), (4, 1), (6, 7)];
        assert_eq!(increasing_chain(&pairs), vec![(0, 0), (2, 2), (3, 3), (6, 7)]);
        assert_eq!(increasing_chain(&[]), vec![]);
    }

    #[test]
    fn with_one_anchor_the_band_takes_the_documents_slope() {
        // 1,000 rows against 2,000 columns, one anchor near the start: 900 rows on, the
        // band is around column 1,800 (slope 1 would put it near 910).
        let w = band(&[(10, 20)], 1000, 2000).unwrap();
        assert!(w[900].contains(&1800) && !w[900].contains(&1000), "{:?}", w[900]);
        assert!(w[0].contains(&0) && w[1000].contains(&2000));
    }

    #[test]
    fn an_anchor_out_of_line_with_its_neighbours_is_dropped() {
        // A chance match 8 units off the line the others are on.
        let chance = [(0, 0), (10, 10), (20, 20), (30, 38), (40, 40), (50, 50), (60, 60)];
        assert_eq!(in_line(&chance), [(0, 0), (10, 10), (20, 20), (40, 40), (50, 50), (60, 60)]);
        // The first anchor after a gap of 20 target units is in line with those after it.
        let gap = [(0, 0), (10, 10), (20, 20), (30, 50), (40, 60), (50, 70)];
        assert_eq!(in_line(&gap), gap);
        assert_eq!(in_line(&[(3, 4)]), [(3, 4)]);
    }

    /// How many sentences the beads leave unmatched, on either side.
    fn unmatched(beads: &[Bead]) -> usize {
        beads.iter().filter(|b| b.src.is_empty() || b.tgt.is_empty()).map(|b| b.src.len() + b.tgt.len()).sum()
    }

    fn covers_every_sentence_once(beads: &[Bead], n: usize, m: usize) {
        let (mut i, mut j) = (0, 0);
        for b in beads {
            assert_eq!((b.src.start, b.tgt.start), (i, j), "beads are contiguous and in order");
            (i, j) = (b.src.end, b.tgt.end);
        }
        assert_eq!((i, j), (n, m));
    }

    #[test]
    fn empty_sides_and_lopsided_documents() {
        let none: [&str; 0] = [];
        assert_eq!(aligned(&none, &["Une phrase.", "Deux phrases."]).len(), 2);
        assert_eq!(aligned(&["One."], &none).len(), 1);
        // One sentence against 500: it pairs with its translation, the rest is unmatched or merged.
        let tgt: Vec<String> = (0..500).map(sentence).collect();
        let beads = aligned(&[sentence(250)], &tgt);
        let paired = beads.iter().find(|b| b.src.len() == 1).unwrap();
        assert!(paired.tgt.contains(&250), "{paired:?}");
    }

    #[test]
    fn lines_of_numbers_and_punctuation() {
        let src = ["1.", "...", "2019", "!!!", "Le sommet fut atteint.", "—"];
        let tgt = ["1.", "…", "2019", "Le sommet a été atteint.", "?"];
        let beads = aligned(&src, &tgt);
        // The one real sentence is paired with its translation (a punctuation-only line
        // may join it: it has nothing to compare).
        assert!(beads.iter().any(|b| b.src.contains(&4) && b.tgt.contains(&3)), "{beads:?}");
    }

    #[test]
    fn a_run_of_unmatched_lines_widens_only_its_own_row() {
        // A coarse path of 1-1 beads with 40 lines only the target has at its start and
        // 40 more at its end: the rows beside each run reach into it by the margin only.
        let mut beads: Vec<Bead> = (0..40).map(|j| Bead { src: 0..0, tgt: j..j + 1, cost: 0.0 }).collect();
        beads.extend((0..10).map(|i| Bead { src: i..i + 1, tgt: 40 + i..41 + i, cost: 0.0 }));
        beads.extend((50..90).map(|j| Bead { src: 10..10, tgt: j..j + 1, cost: 0.0 }));
        let w = project(&beads, 20, 180);
        assert!(w[0].contains(&0) && w[20].contains(&180));
        assert!(*w[20].start() <= 100 && *w[1].end() >= 80, "{w:?}");
        assert!(*w[19].end() <= 100 + 2 * MARGIN, "the row before the run at the end: {:?}", w[19]);
        assert!(*w[1].start() >= 80 - 2 * MARGIN, "the row after the run at the start: {:?}", w[1]);
    }

    #[test]
    fn projection_covers_both_corners_and_is_monotone() {
        let beads = vec![Bead { src: 0..1, tgt: 0..1, cost: 0.0 }, Bead { src: 1..2, tgt: 1..3, cost: 0.0 }];
        let w = project(&beads, 4, 6);
        assert_eq!(w.len(), 5);
        assert!(w[0].contains(&0) && w[4].contains(&6));
        for r in 1..w.len() {
            assert!(w[r].start() >= w[r - 1].start() && w[r].end() >= w[r - 1].end());
        }
    }
}
