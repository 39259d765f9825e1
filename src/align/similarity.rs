//! The MT-guided bead scorer: how well the MT of source sentences i..j matches target
//! sentences k..l, from the cosine of their summed n-gram vectors, with a length prior.
//!
//! Dot products between single sentences are computed once, for the cells the search
//! will visit, so pricing an n-m bead is a few additions, not a pass over vectors:
//! cos(Σx, Σy) = ΣΣ x·y / √(ΣΣ x·x' · ΣΣ y·y').

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};

use rayon::prelude::*;

use super::coarse::Level;
use super::features::Vectors;
use super::{length, Scorer};

/// Bead shapes of the MT-guided aligner: every n-m with n + m ≤ 5, and unmatched sentences
/// (listed first after 1-1: `search` gives a tie to the shape listed first).
pub const MT_SHAPES: &[(usize, usize)] =
    &[(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1), (2, 3), (3, 2)];

/// The MT and target vectors at one level of the coarse-to-fine search.
pub struct MtLevel<'a> {
    src: Cow<'a, Vectors>,
    tgt: Cow<'a, Vectors>,
    params: Params,
}

impl<'a> MtLevel<'a> {
    pub fn new(src: &'a Vectors, tgt: &'a Vectors, params: Params) -> MtLevel<'a> {
        MtLevel { src: Cow::Borrowed(src), tgt: Cow::Borrowed(tgt), params }
    }
}

impl Level for MtLevel<'_> {
    fn sizes(&self) -> (usize, usize) {
        (self.src.len(), self.tgt.len())
    }

    fn pooled(&self) -> Self {
        MtLevel { src: Cow::Owned(self.src.pooled()), tgt: Cow::Owned(self.tgt.pooled()), params: self.params }
    }

    fn scorer(&self, windows: &[RangeInclusive<usize>], max_src: usize, max_tgt: usize) -> impl Scorer + Sync + '_ {
        MtScorer::new(&self.src, &self.tgt, windows, max_src, max_tgt, self.params)
    }
}

/// The parameters of the bead cost. The same for every language pair and document.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Which quantile of the similarities of unrelated sentence pairs (sampled from the
    /// documents themselves) a bead must beat to be better than leaving its sentences
    /// unmatched; so a missing section is recognised as missing whatever the kind of text.
    pub unrelated_quantile: f64,
    /// Cost of leaving one sentence unmatched (a 1-0 or 0-1 bead).
    pub skip_cost: f64,
    /// Cost per sentence beyond the first on each side (keeps beads as small as the text allows).
    pub merge_penalty: f64,
    /// Weight of Gale & Church's length cost.
    pub length_weight: f64,
    /// A bead of three or more sentences less alike than this quantile of unrelated pairs
    /// costs what leaving its text unmatched would: a cluster of captions beside a
    /// sentence is not its translation because one of them shares a few words with it.
    pub unrelated_merge_quantile: f64,
}

pub const PARAMS: Params = Params {
    unrelated_quantile: 0.5,
    skip_cost: 3.0,
    merge_penalty: 0.5,
    length_weight: 0.2,
    unrelated_merge_quantile: 0.75,
};

/// Widest bead the scorer is asked about, per side.
const MAX_SIDE: usize = 5;
/// Pairs sampled to estimate how similar unrelated sentences are.
const UNRELATED_SAMPLES: usize = 2000;
/// Used when documents are too short to sample unrelated pairs from.
const UNRELATED_FALLBACK: f64 = 0.1;

/// What the scorer keeps of one side (the MT, or the translation).
struct SideVectors<'a> {
    vectors: &'a Vectors,
    /// Prefix sums of sentence lengths.
    len: Vec<f64>,
    /// Mean sentence length, to scale the cost of leaving a sentence unmatched.
    mean: f64,
    /// x_i · x_{i+d} for d = 0..MAX_SIDE.
    selfs: Vec<[f32; MAX_SIDE]>,
    /// Per sentence, the mean cosine to its nearest sentences on the other side (see
    /// `hubness`); 0 until the scorer has measured it.
    hub: Vec<f32>,
    /// Prefix sums of hub × length, for the length-weighted hubness of a run of rows.
    hub_len: Vec<f64>,
}

impl<'a> SideVectors<'a> {
    fn new(vectors: &'a Vectors) -> SideVectors<'a> {
        let mut len = vec![0.0];
        for &l in &vectors.lengths {
            len.push(len.last().unwrap() + l as f64);
        }
        let selfs = (0..vectors.len())
            .into_par_iter()
            .map(|i| {
                let mut d = [0.0; MAX_SIDE];
                for (k, slot) in d.iter_mut().enumerate().take(vectors.len() - i) {
                    *slot = vectors.dot(i, vectors, i + k);
                }
                d
            })
            .collect();
        let mean = len.last().unwrap() / vectors.len().max(1) as f64;
        SideVectors { vectors, len, mean, selfs, hub: vec![0.0; vectors.len()], hub_len: vec![0.0; vectors.len() + 1] }
    }

    fn set_hub(&mut self, hub: &[f32]) {
        self.hub = hub.to_vec();
        for (i, (&h, &l)) in hub.iter().zip(&self.vectors.lengths).enumerate() {
            self.hub_len[i + 1] = self.hub_len[i] + h as f64 * l as f64;
        }
    }

    /// The length-weighted mean hubness of rows `r` (0 for rows without text).
    fn hub(&self, r: Range<usize>) -> f64 {
        let total = self.length(r.clone());
        if total <= 0.0 {
            0.0
        } else {
            (self.hub_len[r.end] - self.hub_len[r.start]) / total
        }
    }

    fn total(&self) -> f64 {
        *self.len.last().unwrap()
    }

    fn length(&self, r: Range<usize>) -> f64 {
        self.len[r.end] - self.len[r.start]
    }

    /// Norm of the sum of rows `r`, from the adjacent dot products.
    fn norm(&self, r: Range<usize>) -> f64 {
        let mut s = 0.0f64;
        for i in r.clone() {
            s += self.selfs[i][0] as f64;
            for k in 1..(r.end - i).min(MAX_SIDE) {
                s += 2.0 * self.selfs[i][k] as f64;
            }
        }
        s.max(0.0).sqrt()
    }

    /// The cost of leaving rows `r` unmatched: in proportion to their length, up to the
    /// mean, so a stray caption is cheap to leave out and a paragraph is not.
    fn skip(&self, skip_cost: f64, r: Range<usize>) -> f64 {
        skip_cost * (self.length(r) / self.mean.max(1.0)).min(1.0)
    }

    /// The cost of leaving each of rows `r` unmatched on its own, as the search does
    /// (one 1-0 or 0-1 bead per sentence).
    fn skip_each(&self, skip_cost: f64, r: Range<usize>) -> f64 {
        r.map(|k| self.skip(skip_cost, k..k + 1)).sum()
    }
}

/// Cosine of row `i` of `a` and row `j` of `b`, 0 for an empty row.
fn cosine(a: &SideVectors, i: usize, b: &SideVectors, j: usize) -> Option<f64> {
    cosine_of(a, i, b, j, a.vectors.dot(i, b.vectors, j))
}

/// `cosine` from the rows' dot product, where it is already known.
fn cosine_of(a: &SideVectors, i: usize, b: &SideVectors, j: usize, dot: f32) -> Option<f64> {
    let norms = a.selfs[i][0] as f64 * b.selfs[j][0] as f64;
    (norms > 0.0).then(|| dot as f64 / norms.sqrt() - (a.hub[i] + b.hub[j]) as f64 / 2.0)
}

pub struct MtScorer<'a> {
    src: SideVectors<'a>,
    tgt: SideVectors<'a>,
    params: Params,
    /// Expected target characters per MT character.
    ratio: f64,
    /// The similarity of unrelated text in these documents (see `unrelated_quantile`).
    threshold: f64,
    /// Below this, a merged bead is unrelated text (see `unrelated_merge_quantile`).
    merge_threshold: f64,
    /// The typical similarity of a sentence and its translation in these documents,
    /// less `threshold`: similarities are measured in this unit, so the costs mean the
    /// same for a literary translation (far from its MT) and a technical one (close).
    scale: f64,
    /// Cross dot products src i · tgt j for j in `cols[i]`, stored from `offsets[i]`.
    cols: Vec<Range<usize>>,
    offsets: Vec<usize>,
    cross: Vec<f32>,
}

impl<'a> MtScorer<'a> {
    /// A scorer for the cells inside `windows` (one window of target positions per
    /// source position 0..=n), for beads up to `max_src` × `max_tgt` sentences.
    pub fn new(
        src: &'a Vectors,
        tgt: &'a Vectors,
        windows: &[RangeInclusive<usize>],
        max_src: usize,
        max_tgt: usize,
        params: Params,
    ) -> MtScorer<'a> {
        let (n, m) = (src.len(), tgt.len());
        // Source sentence r is part of beads ending at rows r+1 ..= r+max_src.
        let cols: Vec<Range<usize>> = (0..n)
            .map(|r| {
                let rows = &windows[r + 1..=(r + max_src).min(n)];
                let lo = rows.iter().map(|w| *w.start()).min().unwrap_or(0).saturating_sub(max_tgt);
                let hi = rows.iter().map(|w| *w.end()).max().unwrap_or(0).min(m);
                lo..hi.max(lo)
            })
            .collect();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut total = 0;
        for c in &cols {
            offsets.push(total);
            total += c.len();
        }
        let cross: Vec<f32> =
            cols.par_iter().enumerate().flat_map_iter(|(i, c)| c.clone().map(move |j| src.dot(i, tgt, j))).collect();
        debug_assert_eq!(cross.len(), total);
        let (mut src, mut tgt) = (SideVectors::new(src), SideVectors::new(tgt));
        hubness(&mut src, &mut tgt, &cols, &offsets, &cross);
        let unrelated = unrelated_similarities(&src, &tgt);
        let quantile = |q: f64| unrelated[((unrelated.len() - 1) as f64 * q) as usize];
        let chain = clear_chain(&src, &tgt, &cols, &offsets, &cross, quantile(CLEAR_QUANTILE));
        // The MT is in the target's language, so the ratio is near one; bounding it keeps
        // documents of very different coverage (one sentence against 500) from skewing it.
        let ratio = length_ratio(&src, &tgt, &chain).clamp(1.0 / 3.0, 3.0);
        let (threshold, merge_threshold) =
            (quantile(params.unrelated_quantile), quantile(params.unrelated_merge_quantile));
        let related = related_similarity(&src, &tgt);
        let scale = (related - threshold).max(0.05);
        MtScorer { scale, threshold, merge_threshold, src, tgt, params, ratio, cols, offsets, cross }
    }

    fn cross_dot(&self, i: usize, j: usize) -> f64 {
        let c = &self.cols[i];
        let d = if c.contains(&j) {
            self.cross[self.offsets[i] + j - c.start]
        } else {
            self.src.vectors.dot(i, self.tgt.vectors, j)
        };
        d as f64
    }

    /// Cosine similarity of the summed vectors of the two ranges.
    pub fn similarity(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let d: f64 =
            src.clone().flat_map(|i| tgt.clone().map(move |j| (i, j))).map(|(i, j)| self.cross_dot(i, j)).sum();
        let norms = self.src.norm(src.clone()) * self.tgt.norm(tgt.clone());
        let hub = (self.src.hub(src) + self.tgt.hub(tgt)) / 2.0;
        if norms <= 0.0 {
            -hub
        } else {
            d / norms - hub
        }
    }

    /// Gale & Church's length cost of a bead: how unlikely the target's length is, given
    /// the MT's; 0 is a perfect fit.
    pub fn length_mismatch(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        length::length_cost(self.src.length(src) * self.ratio, self.tgt.length(tgt))
    }

    /// Each sentence of a multi-sentence bead that on its own is no closer to the other
    /// side than unrelated text costs what leaving it unmatched would, so a missing
    /// passage is reported as missing, not absorbed into its neighbours. On a side of
    /// two sentences only long ones count: in literary text a short line ("'Give in?'")
    /// often belongs with its neighbour while sharing nothing with the MT.
    fn absorbed_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let side = |this: &SideVectors,
                    rows: Range<usize>,
                    other: &SideVectors,
                    other_rows: Range<usize>,
                    dot: &dyn Fn(usize, usize) -> f64| {
            if rows.len() < 2 {
                return 0.0;
            }
            let other_norm = other.norm(other_rows.clone());
            rows.clone()
                .filter(|&k| rows.len() >= 3 || this.length(k..k + 1) >= this.mean)
                .filter(|&k| {
                    let norm = (this.selfs[k][0] as f64).max(0.0).sqrt() * other_norm;
                    let d: f64 = other_rows.clone().map(|l| dot(k, l)).sum();
                    let hub = (this.hub[k] as f64 + other.hub(other_rows.clone())) / 2.0;
                    norm <= 0.0 || d / norm - hub < self.threshold
                })
                .map(|k| this.skip(self.params.skip_cost, k..k + 1))
                .sum::<f64>()
        };
        side(&self.src, src.clone(), &self.tgt, tgt.clone(), &|i, j| self.cross_dot(i, j))
            + side(&self.tgt, tgt, &self.src, src, &|j, i| self.cross_dot(i, j))
    }
}

/// How many nearest neighbours measure a sentence's hubness (2, 4, 8, 16 and 32 were
/// tried on the dev sets; 8 was best on both, by about 0.01 strict F1 over none).
const HUB_K: usize = 8;

/// Hubness correction (CSLS, as in bilingual lexicon induction and margin-based
/// parallel sentence mining): some sentences are close to everything (short ones, or
/// ones made of common words), so similarities are measured against each sentence's
/// mean cosine to its k nearest sentences on the other side within the search corridor.
fn hubness(src: &mut SideVectors, tgt: &mut SideVectors, cols: &[Range<usize>], offsets: &[usize], cross: &[f32]) {
    let norm = |s: &SideVectors, i: usize| (s.selfs[i][0] as f64).max(0.0).sqrt();
    let (src_ref, tgt_ref) = (&*src, &*tgt);
    let cosines: Vec<f32> = cols
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, c)| {
            let ni = norm(src_ref, i);
            c.clone().map(move |j| {
                let nn = ni * norm(tgt_ref, j);
                if nn > 0.0 {
                    (cross[offsets[i] + j - c.start] as f64 / nn) as f32
                } else {
                    0.0
                }
            })
        })
        .collect();
    let src_hub: Vec<f32> = cols
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = cosines[offsets[i]..offsets[i] + c.len()].to_vec();
            let k = HUB_K.min(row.len());
            if k == 0 {
                return 0.0;
            }
            row.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
            row[..k].iter().sum::<f32>() / k as f32
        })
        .collect();
    // The k largest per target sentence, kept unordered; the smallest is replaced.
    let mut tops: Vec<([f32; HUB_K], usize)> = vec![([0.0; HUB_K], 0); tgt.vectors.len()];
    for (i, c) in cols.iter().enumerate() {
        for (j, &cos) in c.clone().zip(&cosines[offsets[i]..offsets[i] + c.len()]) {
            let (top, count) = &mut tops[j];
            if *count < HUB_K {
                top[*count] = cos;
                *count += 1;
            } else if let Some(min) = top.iter_mut().min_by(|a, b| a.total_cmp(b)) {
                *min = min.max(cos);
            }
        }
    }
    src.set_hub(&src_hub);
    let tgt_hub: Vec<f32> = tops
        .iter()
        .map(|(top, count)| if *count == 0 { 0.0 } else { top[..*count].iter().sum::<f32>() / *count as f32 })
        .collect();
    tgt.set_hub(&tgt_hub);
}

/// More alike than this quantile of unrelated pairs, two sentences that are each
/// other's best match are taken as one another's translation when measuring the
/// length ratio.
const CLEAR_QUANTILE: f64 = 0.99;

/// The longest chain, in order on both sides, of sentences that are each other's best
/// match in the scored cells and more alike than `clear`: where the documents surely
/// run side by side.
fn clear_chain(
    src: &SideVectors,
    tgt: &SideVectors,
    cols: &[Range<usize>],
    offsets: &[usize],
    cross: &[f32],
    clear: f64,
) -> Vec<(usize, usize)> {
    // Each scored cell's similarity, row by row, from the dot products already taken.
    let rows: Vec<Vec<f64>> = cols
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            c.clone()
                .map(|j| cosine_of(src, i, tgt, j, cross[offsets[i] + j - c.start]).unwrap_or(f64::NEG_INFINITY))
                .collect()
        })
        .collect();
    let pairs = mutual_best(cols, &rows, tgt.vectors.len(), clear);
    super::coarse::increasing_chain(&pairs)
}

/// The cells (source, target) that are each other's best, scoring `at_least`: of all the
/// scored cells of the source's row, and of all those in the target's column. `rows`
/// holds each row's scores over its `cols` (higher is better).
fn mutual_best(cols: &[Range<usize>], rows: &[Vec<f64>], targets: usize, at_least: f64) -> Vec<(usize, usize)> {
    let mut best_src: Vec<Option<(usize, f64)>> = vec![None; targets];
    for (i, (c, row)) in cols.iter().zip(rows).enumerate() {
        for (j, &x) in c.clone().zip(row) {
            if best_src[j].is_none_or(|(_, y)| x > y) {
                best_src[j] = Some((i, x));
            }
        }
    }
    cols.iter()
        .zip(rows)
        .enumerate()
        .filter_map(|(i, (c, row))| {
            let (j, x) = c.clone().zip(row.iter().copied()).max_by(|x, y| x.1.total_cmp(&y.1))?;
            (x >= at_least && best_src[j].is_some_and(|(k, _)| k == i)).then_some((i, j))
        })
        .collect()
}

/// Expected target characters per MT character where the documents clearly run side by
/// side: over the stretches from each pair of the `clear_chain` to the next, leaving out
/// those longer than `STRETCH_UNITS` on either side, where no pair is clear (one side
/// has text there that the other lacks, or a chance pair far away ends the chain). Not
/// the whole documents: a translation with a section of its own (an appendix, the rest
/// of a book) would then look longer throughout, and the length cost would pull its
/// unrelated lines into every bead. With a chain of fewer than `CHAIN_PAIRS` or no
/// short stretch, the whole documents' lengths.
fn length_ratio(src: &SideVectors, tgt: &SideVectors, chain: &[(usize, usize)]) -> f64 {
    let (longest_src, longest_tgt) = (src.mean * STRETCH_UNITS, tgt.mean * STRETCH_UNITS);
    let (s, t) = chain
        .windows(2)
        .map(|w| (src.length(w[0].0..w[1].0), tgt.length(w[0].1..w[1].1)))
        .filter(|&(s, t)| s <= longest_src && t <= longest_tgt)
        .fold((0.0, 0.0), |(a, b), (s, t)| (a + s, b + t));
    if chain.len() >= CHAIN_PAIRS && s > 0.0 && t > 0.0 {
        t / s
    } else if src.total() > 0.0 && tgt.total() > 0.0 {
        tgt.total() / src.total()
    } else {
        1.0
    }
}

/// The longest stretch of the clear chain, in mean units (sentences, or the blocks of a
/// coarser level) of its side, that counts in the length ratio. 8 cost mac-dev 0.003
/// strict F1 (a free translation's clear pairs are sparser); 16 nothing. Leaving out
/// instead the stretches whose own ratio is five times off the median stretch's did as
/// well on every case but one: a document repeated six times, whose chain jumps between
/// copies in long stretches of wrong ratio.
const STRETCH_UNITS: f64 = 16.0;

/// The fewest pairs of a `clear_chain` that say where the documents run side by side.
const CHAIN_PAIRS: usize = 3;

/// The median, over sampled source sentences, of their best similarity to a target
/// sentence near the diagonal: what a sentence and its translation typically score.
fn related_similarity(src: &SideVectors, tgt: &SideVectors) -> f64 {
    let (n, m) = (src.vectors.len(), tgt.vectors.len());
    if n == 0 || m == 0 {
        return 1.0;
    }
    let reach = 10 + n.abs_diff(m) / 10;
    let mut best: Vec<f64> = (0..n)
        .step_by((n / 500).max(1))
        .map(|i| {
            let diagonal = i * m / n;
            (diagonal.saturating_sub(reach)..(diagonal + reach + 1).min(m))
                .map(|j| cosine(src, i, tgt, j).unwrap_or(0.0))
                .fold(0.0, f64::max)
        })
        .collect();
    best.sort_by(f64::total_cmp);
    best[best.len() / 2]
}

/// The cosine similarities, sorted, of sentence pairs away from the diagonal, where true
/// translations are not: sampled half a document away in long documents, all pairs at
/// least two sentences off the diagonal in short ones.
fn unrelated_similarities(src: &SideVectors, tgt: &SideVectors) -> Vec<f64> {
    let (n, m) = (src.vectors.len(), tgt.vectors.len());
    let mut sims: Vec<f64> = if n * m <= UNRELATED_SAMPLES {
        (0..n)
            .flat_map(|i| (0..m).map(move |j| (i, j)))
            .filter(|&(i, j)| (i * m / n.max(1)).abs_diff(j) >= 2)
            .filter_map(|(i, j)| cosine(src, i, tgt, j))
            .collect()
    } else {
        let mut x: u64 = 0x2545F4914F6CDD1D;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..UNRELATED_SAMPLES)
            .filter_map(|_| {
                let i = (next() % n as u64) as usize;
                let j = (i * m / n + m / 4 + (next() % (m / 2).max(1) as u64) as usize) % m;
                cosine(src, i, tgt, j)
            })
            .collect()
    };
    if sims.is_empty() {
        sims.push(UNRELATED_FALLBACK);
    }
    sims.sort_by(f64::total_cmp);
    sims
}

/// A 1-1 bead at most this cost is clearly a translation: as alike as this document's
/// typical pair (cost −1 in the scorer's unit) with a fitting length.
const ANCHOR_COST: f64 = -1.0;

impl Scorer for MtScorer<'_> {
    /// The 1-1 beads within the scored cells that are each other's cheapest (the
    /// source unit's cheapest target unit, and that target unit's cheapest source unit)
    /// and cost at most `ANCHOR_COST`.
    fn anchors(&self) -> Vec<(usize, usize)> {
        // Each scored cell's price as a 1-1 bead, row by row, negated: higher is better.
        let rows: Vec<Vec<f64>> = self
            .cols
            .par_iter()
            .enumerate()
            .map(|(i, c)| c.clone().map(|j| -self.cost(i..i + 1, j..j + 1)).collect())
            .collect();
        mutual_best(&self.cols, &rows, self.tgt.vectors.len(), -ANCHOR_COST)
    }

    /// A bead's similarity (above that of unrelated text) counts with the square root of
    /// its size (sentences / 2): counted once per bead, the search would split
    /// everything; counted per sentence, it would merge everything, since a sum of
    /// vectors resembles a sum.
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let p = &self.params;
        if tgt.is_empty() {
            return self.src.skip(p.skip_cost, src);
        }
        if src.is_empty() {
            return self.tgt.skip(p.skip_cost, tgt);
        }
        let size = (src.len() + tgt.len()) as f64;
        let similarity = self.similarity(src.clone(), tgt.clone());
        if size > 2.0 && similarity < self.merge_threshold {
            return self.src.skip_each(p.skip_cost, src) + self.tgt.skip_each(p.skip_cost, tgt);
        }
        let mut cost = -(size / 2.0).sqrt() * (similarity - self.threshold) / self.scale
            + p.merge_penalty * (size - 2.0)
            + p.length_weight * self.length_mismatch(src.clone(), tgt.clone());
        if size > 2.0 {
            cost += self.absorbed_cost(src, tgt);
        }
        cost
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::features;

    #[test]
    fn a_merged_bead_of_unrelated_text_costs_what_leaving_each_sentence_unmatched_costs() {
        use crate::test_text::sentence;
        // A translation of 30 sentences with three unrelated lines (in letters the
        // made-up sentences never use) after the eleventh, each as long as a sentence.
        let mt: Vec<String> = (0..30).map(sentence).collect();
        let mut tgt = mt.clone();
        for (k, caption) in ["Cwx jjc wxcj", "Jcw xxj wcx", "Wcj cxw jwx"].into_iter().enumerate() {
            tgt.insert(11 + k, [caption; 4].join(" ") + ".");
        }
        let (a, b) = features::embed(&mt, &tgt);
        let windows = vec![0..=tgt.len(); mt.len() + 1];
        let scorer = MtScorer::new(&a, &b, &windows, 5, 5, PARAMS);
        // As dear as the 1-0 and three 0-1 beads the search would otherwise take, not
        // as one stretch left out: a cheaper way through unrelated text would draw
        // sentences from beyond a missing passage into it.
        let unmatched = scorer.cost(11..12, 11..11) + (11..14).map(|j| scorer.cost(12..12, j..j + 1)).sum::<f64>();
        assert!(scorer.cost(12..12, 11..14) < unmatched - scorer.cost(11..12, 11..11));
        assert_eq!(scorer.cost(11..12, 11..14), unmatched);
        // A sentence with its translation and one caption is still priced as a bead.
        assert!(scorer.cost(11..12, 14..15) < 0.0);
        assert_ne!(scorer.cost(10..11, 10..12), scorer.cost(10..11, 10..10) + scorer.cost(11..11, 10..12));
    }

    #[test]
    fn the_length_ratio_leaves_out_a_stretch_where_one_side_has_text_of_its_own() {
        use crate::test_text::sentence;
        // 200 MT sentences; a translation of the first 40, each written out twice, so
        // twice as long. Its clear pairs run along those 40, and a chance pair far away
        // (source 190 with the last line) must not make the ratio look five times lower.
        let mt: Vec<String> = (0..200).map(sentence).collect();
        let tgt: Vec<String> = (0..40).map(|k| format!("{} {}", sentence(k), sentence(k))).collect();
        let (a, b) = features::embed(&mt, &tgt);
        let (src, tgt) = (SideVectors::new(&a), SideVectors::new(&b));
        let mut chain: Vec<(usize, usize)> = (0..39).map(|k| (k, k)).collect();
        let steady = length_ratio(&src, &tgt, &chain);
        assert!((steady - 2.0).abs() < 0.1, "{steady}");
        chain.push((190, 39));
        assert_eq!(length_ratio(&src, &tgt, &chain), steady);
        // Without a chain, the whole documents' lengths: 80 sentences' worth against 200.
        assert!((length_ratio(&src, &tgt, &[]) - 0.4).abs() < 0.05);
    }

    #[test]
    fn a_sentence_close_to_everything_has_the_higher_hubness() {
        let mt = [
            "The club hut stands below the glacier path.",
            "Snow fell on the pass for three days in June.",
            "The glacier path to the club hut was marked again.",
            "A doctor from Bern joined the second group.",
            "From the club hut the glacier path climbs north.",
            "Their radio failed on the fourth evening.",
            "The club hut keeper cleared the glacier path.",
            "Two porters went back to the valley with fever.",
            "Above the club hut the glacier path splits.",
            "The summit photographs were lost in a river.",
        ];
        // Translation 0 shares its words with half of the MT; translation 1 renders one
        // MT sentence and resembles nothing else.
        let tgt = ["Club hut, glacier path.", "Their radio broke down on the fourth evening."];
        let (a, b) = features::embed(&mt, &tgt);
        let windows = vec![0..=tgt.len(); mt.len() + 1];
        let scorer = MtScorer::new(&a, &b, &windows, 1, 1, PARAMS);
        assert!(scorer.tgt.hub[0] > scorer.tgt.hub[1], "{:?}", scorer.tgt.hub);
        // The correction is subtracted from the raw cosine, and the true pair still wins.
        let raw = cosine(&SideVectors::new(&a), 5, &SideVectors::new(&b), 1).unwrap();
        assert!(scorer.similarity(5..6, 1..2) < raw);
        assert!(scorer.similarity(5..6, 1..2) > scorer.similarity(5..6, 0..1));
    }
}
