//! The MT-guided bead scorer: how well the MT of source sentences i..j matches target
//! sentences k..l, from the cosine of their summed n-gram vectors, with a length prior.
//!
//! Dot products between single sentences are computed once, for the cells the search
//! will visit, so pricing an n-m bead is a few additions, not a pass over vectors:
//! cos(Σx, Σy) = ΣΣ x·y / √(ΣΣ x·x' · ΣΣ y·y').

use std::ops::{Range, RangeInclusive};

use rayon::prelude::*;

use super::features::Vectors;
use super::{length, Scorer};

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
}

pub const PARAMS: Params = Params { unrelated_quantile: 0.5, skip_cost: 3.0, merge_penalty: 0.5, length_weight: 0.2 };

/// Widest bead the scorer is asked about, per side.
const MAX_SIDE: usize = 5;

pub struct MtScorer<'a> {
    src: &'a Vectors,
    tgt: &'a Vectors,
    params: Params,
    /// Expected target characters per MT character.
    ratio: f64,
    /// The similarity of unrelated text in these documents (see `unrelated_quantile`).
    threshold: f64,
    /// The typical similarity of a sentence and its translation in these documents,
    /// less `threshold`: similarities are measured in this unit, so the costs mean the
    /// same for a literary translation (far from its MT) and a technical one (close).
    scale: f64,
    /// Mean sentence length per side, to scale the cost of leaving a sentence unmatched.
    src_mean: f64,
    tgt_mean: f64,
    /// Prefix sums of lengths.
    src_len: Vec<f64>,
    tgt_len: Vec<f64>,
    /// x_i · x_{i+d} for d = 0..MAX_SIDE, per side.
    src_self: Vec<[f32; MAX_SIDE]>,
    tgt_self: Vec<[f32; MAX_SIDE]>,
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
        let total_src: f64 = src.lengths.iter().map(|&l| l as f64).sum();
        let total_tgt: f64 = tgt.lengths.iter().map(|&l| l as f64).sum();
        // The MT is in the target's language, so the ratio is near one; bounding it keeps
        // documents of very different coverage (one sentence against 500) from skewing it.
        let ratio = if total_src > 0.0 && total_tgt > 0.0 { (total_tgt / total_src).clamp(1.0 / 3.0, 3.0) } else { 1.0 };
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
        let cross: Vec<f32> = cols
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, c)| c.clone().map(move |j| src.dot(i, tgt, j)))
            .collect();
        debug_assert_eq!(cross.len(), total);
        let self_dots = |v: &Vectors| -> Vec<[f32; MAX_SIDE]> {
            (0..v.len())
                .into_par_iter()
                .map(|i| {
                    let mut d = [0.0; MAX_SIDE];
                    for (k, slot) in d.iter_mut().enumerate() {
                        if i + k < v.len() {
                            *slot = v.dot(i, v, i + k);
                        }
                    }
                    d
                })
                .collect()
        };
        let (src_self, tgt_self) = (self_dots(src), self_dots(tgt));
        let prefix = |v: &Vectors| -> Vec<f64> {
            let mut out = vec![0.0];
            for &l in &v.lengths {
                out.push(out.last().unwrap() + l as f64);
            }
            out
        };
        let unrelated = unrelated_similarities(src, tgt, &src_self, &tgt_self);
        let quantile = |q: f64| unrelated[((unrelated.len() - 1) as f64 * q) as usize];
        let threshold = quantile(params.unrelated_quantile);
        let related = related_similarity(src, tgt, &src_self, &tgt_self);
        MtScorer {
            scale: (related - threshold).max(0.05),
            threshold,
            src,
            tgt,
            params,
            ratio,
            src_mean: total_src / n.max(1) as f64,
            tgt_mean: total_tgt / m.max(1) as f64,
            src_len: prefix(src),
            tgt_len: prefix(tgt),
            src_self,
            tgt_self,
            cols,
            offsets,
            cross,
        }
    }

    fn cross_dot(&self, i: usize, j: usize) -> f32 {
        let c = &self.cols[i];
        if c.contains(&j) {
            self.cross[self.offsets[i] + j - c.start]
        } else {
            self.src.dot(i, self.tgt, j)
        }
    }

    /// Squared norm of the sum of rows `r`, from the adjacent dot products.
    fn norm2(selfs: &[[f32; MAX_SIDE]], r: Range<usize>) -> f64 {
        let mut s = 0.0f64;
        for i in r.clone() {
            s += selfs[i][0] as f64;
            for k in 1..(r.end - i).min(MAX_SIDE) {
                s += 2.0 * selfs[i][k] as f64;
            }
        }
        s
    }

    /// Cosine similarity of the summed vectors of the two ranges.
    pub fn similarity(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let mut d = 0.0f64;
        for i in src.clone() {
            for j in tgt.clone() {
                d += self.cross_dot(i, j) as f64;
            }
        }
        let norms = Self::norm2(&self.src_self, src) * Self::norm2(&self.tgt_self, tgt);
        if norms <= 0.0 { 0.0 } else { d / norms.sqrt() }
    }

    /// Gale & Church's length cost of a bead: how unlikely the target's length is, given
    /// the MT's; 0 is a perfect fit.
    pub fn length_mismatch(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let a = self.src_len[src.end] - self.src_len[src.start];
        let b = self.tgt_len[tgt.end] - self.tgt_len[tgt.start];
        length::length_cost(a * self.ratio, b)
    }
}

/// Pairs sampled to estimate how similar unrelated sentences are.
const UNRELATED_SAMPLES: usize = 2000;

/// The median, over sampled source sentences, of their best similarity to a target
/// sentence near the diagonal: what a sentence and its translation typically score.
fn related_similarity(src: &Vectors, tgt: &Vectors, src_self: &[[f32; MAX_SIDE]], tgt_self: &[[f32; MAX_SIDE]]) -> f64 {
    let (n, m) = (src.len(), tgt.len());
    if n == 0 || m == 0 {
        return 1.0;
    }
    let reach = 10 + n.abs_diff(m) / 10;
    let step = (n / 500).max(1);
    let mut best: Vec<f64> = (0..n)
        .step_by(step)
        .map(|i| {
            let diagonal = i * m / n;
            (diagonal.saturating_sub(reach)..(diagonal + reach + 1).min(m))
                .map(|j| {
                    let norms = src_self[i][0] as f64 * tgt_self[j][0] as f64;
                    if norms > 0.0 { src.dot(i, tgt, j) as f64 / norms.sqrt() } else { 0.0 }
                })
                .fold(0.0, f64::max)
        })
        .collect();
    best.sort_by(f64::total_cmp);
    best[best.len() / 2]
}

/// Used when documents are too short to sample unrelated pairs from.
const UNRELATED_FALLBACK: f64 = 0.1;

/// The cosine similarities, sorted, of sentence pairs away from the diagonal, where true
/// translations are not: sampled half a document away in long documents, all pairs at
/// least two sentences off the diagonal in short ones.
fn unrelated_similarities(src: &Vectors, tgt: &Vectors, src_self: &[[f32; MAX_SIDE]], tgt_self: &[[f32; MAX_SIDE]]) -> Vec<f64> {
    let (n, m) = (src.len(), tgt.len());
    let cosine = |i: usize, j: usize| {
        let norms = src_self[i][0] as f64 * tgt_self[j][0] as f64;
        (norms > 0.0).then(|| src.dot(i, tgt, j) as f64 / norms.sqrt())
    };
    let mut sims: Vec<f64> = if n * m <= UNRELATED_SAMPLES {
        (0..n)
            .flat_map(|i| (0..m).map(move |j| (i, j)))
            .filter(|&(i, j)| (i * m / n.max(1)).abs_diff(j) >= 2)
            .filter_map(|(i, j)| cosine(i, j))
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
                cosine(i, j)
            })
            .collect()
    };
    if sims.is_empty() {
        sims.push(UNRELATED_FALLBACK);
    }
    sims.sort_by(f64::total_cmp);
    sims
}

impl MtScorer<'_> {
    /// The cost of leaving source sentences `r` unmatched: in proportion to their length,
    /// up to the mean, so a stray caption is cheap to leave out and a paragraph is not.
    fn skip_src(&self, r: Range<usize>) -> f64 {
        self.params.skip_cost * ((self.src_len[r.end] - self.src_len[r.start]) / self.src_mean.max(1.0)).min(1.0)
    }

    fn skip_tgt(&self, r: Range<usize>) -> f64 {
        self.params.skip_cost * ((self.tgt_len[r.end] - self.tgt_len[r.start]) / self.tgt_mean.max(1.0)).min(1.0)
    }

    /// In a bead of three or more sentences on one side, each sentence that on its own is
    /// no closer to the other side than unrelated text costs what leaving it unmatched
    /// would: a missing passage is reported as missing, not absorbed into its
    /// neighbours. (Applied to 1-2 and 2-1 beads too, it splits many true literary merges.)
    fn absorbed_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let mut cost = 0.0;
        if src.len() > 1 {
            let tgt_norm = Self::norm2(&self.tgt_self, tgt.clone()).sqrt();
            for i in src.clone() {
                let d: f64 = tgt.clone().map(|j| self.cross_dot(i, j) as f64).sum();
                let norm = (self.src_self[i][0] as f64).sqrt() * tgt_norm;
                let long = self.src_len[i + 1] - self.src_len[i] >= self.src_mean;
                if (src.len() >= 3 || long) && (norm <= 0.0 || d / norm < self.threshold) {
                    cost += self.skip_src(i..i + 1);
                }
            }
        }
        if tgt.len() > 1 {
            let src_norm = Self::norm2(&self.src_self, src.clone()).sqrt();
            for j in tgt.clone() {
                let d: f64 = src.clone().map(|i| self.cross_dot(i, j) as f64).sum();
                let norm = (self.tgt_self[j][0] as f64).sqrt() * src_norm;
                let long = self.tgt_len[j + 1] - self.tgt_len[j] >= self.tgt_mean;
                if (tgt.len() >= 3 || long) && (norm <= 0.0 || d / norm < self.threshold) {
                    cost += self.skip_tgt(j..j + 1);
                }
            }
        }
        cost
    }
}

impl Scorer for MtScorer<'_> {
    /// A bead's similarity (above that of unrelated text) counts with the square root of
    /// its size (sentences / 2): counted once per bead, the search would split
    /// everything; counted per sentence, it would merge everything, since a sum of
    /// vectors resembles a sum.
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let p = &self.params;
        if tgt.is_empty() {
            return self.skip_src(src);
        }
        if src.is_empty() {
            return self.skip_tgt(tgt);
        }
        let size = (src.len() + tgt.len()) as f64;
        let mut cost = -(size / 2.0).sqrt() * (self.similarity(src.clone(), tgt.clone()) - self.threshold) / self.scale
            + p.merge_penalty * (size - 2.0)
            + p.length_weight * self.length_mismatch(src.clone(), tgt.clone());
        if size > 2.0 {
            cost += self.absorbed_cost(src, tgt);
        }
        cost
    }
}
