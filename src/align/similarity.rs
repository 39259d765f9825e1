//! The meaning-guided bead scorer: how well source sentences i..j match target
//! sentences k..l, from one or more signals (the MT's character n-grams against the
//! translation's, sentence embeddings of the MT or of the source against the
//! translation's), each the cosine of summed vectors calibrated against the document's
//! own unrelated pairs, with a length prior.
//!
//! Dot products between single sentences are computed once, for the cells the search
//! will visit, so pricing an n-m bead is a few additions, not a pass over vectors:
//! cos(Σx, Σy) = ΣΣ x·y / √(ΣΣ x·x' · ΣΣ y·y').

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::{Range, RangeInclusive};

use rayon::prelude::*;

use super::coarse::Level;
use super::features::{self, Vectors};
use super::{length, Scorer};

/// Bead shapes of the MT-guided aligner: every n-m with n + m ≤ 5, and unmatched sentences
/// (listed first after 1-1: `search` gives a tie to the shape listed first).
pub const MT_SHAPES: &[(usize, usize)] =
    &[(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1), (2, 3), (3, 2)];

/// One signal: a vector per source-side and per target-side sentence, compared by
/// cosine, and how much it counts in the bead cost beside the others.
#[derive(Clone)]
pub struct Signal<'a> {
    pub src: Cow<'a, Vectors>,
    pub tgt: Cow<'a, Vectors>,
    pub weight: f64,
    /// The vectors of the real concatenated text of some runs of sentences, to score
    /// merged beads by instead of the sums of their sentences' (finest level only).
    pub spans: Option<&'a Spans>,
}

/// Unit vectors of runs of consecutive sentences, by (start, end): what an encoder
/// makes of the merged text, which a sum of its sentences' embeddings only approximates.
#[derive(Debug, Default)]
pub struct Spans {
    pub src: HashMap<(usize, usize), Vec<f32>>,
    pub tgt: HashMap<(usize, usize), Vec<f32>>,
}

/// The signals at one level of the coarse-to-fine search. The first signal's lengths
/// are the ones the length prior and the cost of unmatched sentences use.
pub struct MtLevel<'a> {
    signals: Vec<Signal<'a>>,
    params: Params,
}

impl<'a> MtLevel<'a> {
    /// One signal: the MT's (or the source's) vectors against the translation's.
    pub fn new(src: &'a Vectors, tgt: &'a Vectors, params: Params) -> MtLevel<'a> {
        MtLevel::of(vec![Signal { src: Cow::Borrowed(src), tgt: Cow::Borrowed(tgt), weight: 1.0, spans: None }], params)
    }

    /// Several signals; their weights need not sum to one.
    pub fn of(signals: Vec<Signal<'a>>, params: Params) -> MtLevel<'a> {
        assert!(!signals.is_empty(), "at least one signal");
        MtLevel { signals, params }
    }
}

impl Level for MtLevel<'_> {
    fn sizes(&self) -> (usize, usize) {
        (self.signals[0].src.len(), self.signals[0].tgt.len())
    }

    fn pooled(&self) -> Self {
        let signals = self
            .signals
            .iter()
            .map(|s| Signal {
                src: Cow::Owned(s.src.pooled()),
                tgt: Cow::Owned(s.tgt.pooled()),
                weight: s.weight,
                spans: None,
            })
            .collect();
        MtLevel { signals, params: self.params }
    }

    fn scorer(&self, windows: &[RangeInclusive<usize>], max_src: usize, max_tgt: usize) -> impl Scorer + Sync + '_ {
        let signals: Vec<(&Vectors, &Vectors, f64)> =
            self.signals.iter().map(|s| (s.src.as_ref(), s.tgt.as_ref(), s.weight)).collect();
        let mut scorer = MtScorer::new(&signals, windows, max_src, max_tgt, self.params);
        for (calibrated, signal) in scorer.signals.iter_mut().zip(&self.signals) {
            calibrated.spans = signal.spans;
        }
        scorer
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
    /// A sentence of a merged bead less alike than this (in the scorer's units: 0 is
    /// unrelated text, 1 a typical pair) on its own with the other side costs what
    /// leaving it unmatched would (see `absorbed_cost`).
    pub absorbed_level: f64,
}

pub const PARAMS: Params = Params {
    unrelated_quantile: 0.5,
    skip_cost: 3.0,
    merge_penalty: 0.5,
    length_weight: 0.2,
    unrelated_merge_quantile: 0.75,
    absorbed_level: 0.0,
};

/// The parameters with the encoder's signals, chosen once on the dev sets: merged beads
/// are priced on their real text, so a merge needs less of a penalty, and an unmatched
/// sentence less of a cost; the length prior counts for less beside meaning. Sentences
/// of one document share its topic, so the encoder finds any two a little alike: a
/// sentence in a merged bead must be 0.3 of the way from unrelated to typical to count
/// as covered (at 0 or 0.1 a sentence left out of the translation was merged into its
/// neighbour's bead, unreported; 0.3 costs 0.007 / 0.027 strict F1 on the dev sets).
pub const ENCODER_PARAMS: Params =
    Params { skip_cost: 2.0, merge_penalty: 0.3, length_weight: 0.1, absorbed_level: 0.3, ..PARAMS };

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

/// One signal, calibrated on the documents: its similarities are measured in units
/// of (typical pair − unrelated pair), above the unrelated level, so the signals add up
/// and the costs mean the same for a literary translation (far from its MT) and a
/// technical one (close).
struct Calibrated<'a> {
    src: SideVectors<'a>,
    tgt: SideVectors<'a>,
    /// Its share of the combined similarity (the shares sum to one).
    weight: f64,
    /// Cross dot products src i · tgt j for the scorer's cells (see `MtScorer::cols`).
    cross: Vec<f32>,
    /// The similarity of unrelated text in these documents (see `unrelated_quantile`).
    threshold: f64,
    /// The typical similarity of a sentence and its translation, less `threshold`.
    scale: f64,
    /// The unrelated quantiles of `Params::unrelated_merge_quantile` and of
    /// `CLEAR_QUANTILE`, in this signal's units.
    merge: f64,
    clear: f64,
    spans: Option<&'a Spans>,
}

impl Calibrated<'_> {
    /// The hubness-corrected cosine of the two ranges: of their real concatenated
    /// text's vectors where `spans` has them, of the sums of their sentences' otherwise.
    fn similarity(&self, scorer: &MtScorer, src: Range<usize>, tgt: Range<usize>) -> f64 {
        if let Some(cosine) = self.span_cosine(src.clone(), tgt.clone()) {
            return cosine - (self.src.hub(src) + self.tgt.hub(tgt)) / 2.0;
        }
        let d: f64 =
            src.clone().flat_map(|i| tgt.clone().map(move |j| (i, j))).map(|(i, j)| scorer.cross_dot(self, i, j)).sum();
        let norms = self.src.norm(src.clone()) * self.tgt.norm(tgt.clone());
        let hub = (self.src.hub(src) + self.tgt.hub(tgt)) / 2.0;
        if norms <= 0.0 {
            -hub
        } else {
            d / norms - hub
        }
    }

    /// The cosine of the real text of a merged bead, where `spans` has both sides.
    fn span_cosine(&self, src: Range<usize>, tgt: Range<usize>) -> Option<f64> {
        let spans = self.spans?;
        if src.len() < 2 && tgt.len() < 2 {
            return None;
        }
        fn side<'m>(
            rows: Range<usize>,
            vectors: &Vectors,
            map: &'m HashMap<(usize, usize), Vec<f32>>,
        ) -> Option<Cow<'m, [f32]>> {
            if rows.len() == 1 {
                Some(Cow::Owned(vectors.row(rows.start)[..].to_vec()))
            } else {
                map.get(&(rows.start, rows.end)).map(|v| Cow::Borrowed(v.as_slice()))
            }
        }
        let x = side(src, self.src.vectors, &spans.src)?;
        let y = side(tgt, self.tgt.vectors, &spans.tgt)?;
        let k = x.len().min(y.len());
        let (xx, yy) = (features::dot(&x[..k], &x[..k]) as f64, features::dot(&y[..k], &y[..k]) as f64);
        Some(if xx > 0.0 && yy > 0.0 { features::dot(&x[..k], &y[..k]) as f64 / (xx * yy).sqrt() } else { 0.0 })
    }

    /// `similarity` in this signal's units.
    fn units(&self, similarity: f64) -> f64 {
        (similarity - self.threshold) / self.scale
    }
}

pub struct MtScorer<'a> {
    signals: Vec<Calibrated<'a>>,
    params: Params,
    /// Expected target characters per source-side character (of the first signal).
    ratio: f64,
    /// Below this combined similarity, a merged bead is unrelated text (see
    /// `unrelated_merge_quantile`).
    merge_threshold: f64,
    /// The target columns scored for each source row: `cols[i]`, stored from `offsets[i]`
    /// in each signal's `cross`.
    cols: Vec<Range<usize>>,
    offsets: Vec<usize>,
}

impl<'a> MtScorer<'a> {
    /// A scorer for the cells inside `windows` (one window of target positions per
    /// source position 0..=n), for beads up to `max_src` × `max_tgt` sentences, from
    /// `signals` (source-side vectors, target vectors, weight).
    pub fn new(
        signals: &[(&'a Vectors, &'a Vectors, f64)],
        windows: &[RangeInclusive<usize>],
        max_src: usize,
        max_tgt: usize,
        params: Params,
    ) -> MtScorer<'a> {
        let (n, m) = (signals[0].0.len(), signals[0].1.len());
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
        let weights: f64 = signals.iter().map(|s| s.2.max(0.0)).sum::<f64>().max(f64::MIN_POSITIVE);
        let calibrated = signals
            .iter()
            .map(|&(src, tgt, weight)| {
                assert_eq!((src.len(), tgt.len()), (n, m), "every signal covers the same sentences");
                let cross: Vec<f32> = cols
                    .par_iter()
                    .enumerate()
                    .flat_map_iter(|(i, c)| c.clone().map(move |j| src.dot(i, tgt, j)))
                    .collect();
                debug_assert_eq!(cross.len(), total);
                let (mut src, mut tgt) = (SideVectors::new(src), SideVectors::new(tgt));
                hubness(&mut src, &mut tgt, &cols, &offsets, &cross);
                let unrelated = unrelated_similarities(&src, &tgt);
                let quantile = |q: f64| unrelated[((unrelated.len() - 1) as f64 * q) as usize];
                let threshold = quantile(params.unrelated_quantile);
                let scale = (related_similarity(&src, &tgt) - threshold).max(0.05);
                let units = |x: f64| (x - threshold) / scale;
                Calibrated {
                    spans: None,
                    weight: weight.max(0.0) / weights,
                    threshold,
                    scale,
                    merge: units(quantile(params.unrelated_merge_quantile)),
                    clear: units(quantile(CLEAR_QUANTILE)),
                    src,
                    tgt,
                    cross,
                }
            })
            .collect::<Vec<_>>();
        let merge_threshold = calibrated.iter().map(|s| s.weight * s.merge).sum();
        let mut scorer = MtScorer { signals: calibrated, params, ratio: 1.0, merge_threshold, cols, offsets };
        let chain = scorer.clear_chain();
        // The first signal's source side is the MT (a ratio near one) or the source (any
        // ratio, Chinese against English about 1 : 3); bounding it keeps documents of very
        // different coverage (one sentence against 500) from skewing it.
        let first = &scorer.signals[0];
        scorer.ratio = length_ratio(&first.src, &first.tgt, &chain).clamp(0.2, 5.0);
        scorer
    }

    fn cross_dot(&self, signal: &Calibrated, i: usize, j: usize) -> f64 {
        let c = &self.cols[i];
        let d = if c.contains(&j) {
            signal.cross[self.offsets[i] + j - c.start]
        } else {
            signal.src.vectors.dot(i, signal.tgt.vectors, j)
        };
        d as f64
    }

    /// How alike the two ranges are, all signals together: in units of the document's
    /// typical pair above its unrelated pairs (0: as alike as unrelated text, 1: as a
    /// typical sentence and its translation).
    pub fn agreement(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        self.signals.iter().map(|s| s.weight * s.units(s.similarity(self, src.clone(), tgt.clone()))).sum()
    }

    /// The first signal's side vectors: its lengths price the length prior and
    /// unmatched sentences.
    fn lengths(&self) -> (&SideVectors<'a>, &SideVectors<'a>) {
        (&self.signals[0].src, &self.signals[0].tgt)
    }

    /// Gale & Church's length cost of a bead: how unlikely the target's length is, given
    /// the source side's; 0 is a perfect fit.
    pub fn length_mismatch(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let (a, b) = self.lengths();
        length::length_cost(a.length(src) * self.ratio, b.length(tgt))
    }

    /// Each sentence of a multi-sentence bead that on its own is no closer to the other
    /// side than unrelated text costs what leaving it unmatched would, so a missing
    /// passage is reported as missing, not absorbed into its neighbours. On a side of
    /// two sentences only long ones count: in literary text a short line ("'Give in?'")
    /// often belongs with its neighbour while sharing nothing with the MT.
    fn absorbed_cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let (a, b) = self.lengths();
        let skip = self.params.skip_cost;
        let counts = |side: &SideVectors, rows: &Range<usize>, k: usize| {
            rows.len() >= 2 && (rows.len() >= 3 || side.length(k..k + 1) >= side.mean)
        };
        let src_cost: f64 = src
            .clone()
            .filter(|&k| counts(a, &src, k) && self.agreement(k..k + 1, tgt.clone()) < self.params.absorbed_level)
            .map(|k| a.skip(skip, k..k + 1))
            .sum();
        let tgt_cost: f64 = tgt
            .clone()
            .filter(|&k| counts(b, &tgt, k) && self.agreement(src.clone(), k..k + 1) < self.params.absorbed_level)
            .map(|k| b.skip(skip, k..k + 1))
            .sum();
        src_cost + tgt_cost
    }

    /// The longest chain, in order on both sides, of sentences that are each other's
    /// best match in the scored cells and more alike than `CLEAR_QUANTILE` of unrelated
    /// pairs: where the documents surely run side by side.
    fn clear_chain(&self) -> Vec<(usize, usize)> {
        let clear: f64 = self.signals.iter().map(|s| s.weight * s.clear).sum();
        // Each scored cell's combined similarity, row by row, from the dot products
        // already taken.
        let rows: Vec<Vec<f64>> = self
            .cols
            .par_iter()
            .enumerate()
            .map(|(i, c)| {
                c.clone()
                    .map(|j| {
                        self.signals
                            .iter()
                            .map(|s| {
                                let dot = s.cross[self.offsets[i] + j - c.start];
                                cosine_of(&s.src, i, &s.tgt, j, dot)
                                    .map_or(f64::NEG_INFINITY, |x| s.weight * s.units(x))
                            })
                            .sum()
                    })
                    .collect()
            })
            .collect();
        let pairs = mutual_best(&self.cols, &rows, self.lengths().1.vectors.len(), clear);
        super::coarse::increasing_chain(&pairs)
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
        mutual_best(&self.cols, &rows, self.lengths().1.vectors.len(), -ANCHOR_COST)
    }

    /// A bead's similarity (above that of unrelated text) counts with the square root of
    /// its size (sentences / 2): counted once per bead, the search would split
    /// everything; counted per sentence, it would merge everything, since a sum of
    /// vectors resembles a sum.
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let p = &self.params;
        let (a, b) = self.lengths();
        if tgt.is_empty() {
            return a.skip(p.skip_cost, src);
        }
        if src.is_empty() {
            return b.skip(p.skip_cost, tgt);
        }
        let size = (src.len() + tgt.len()) as f64;
        let agreement = self.agreement(src.clone(), tgt.clone());
        if size > 2.0 && agreement < self.merge_threshold {
            return a.skip_each(p.skip_cost, src) + b.skip_each(p.skip_cost, tgt);
        }
        let mut cost = -(size / 2.0).sqrt() * agreement
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
        let scorer = MtScorer::new(&[(&a, &b, 1.0)], &windows, 5, 5, PARAMS);
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
        let scorer = MtScorer::new(&[(&a, &b, 1.0)], &windows, 1, 1, PARAMS);
        assert!(scorer.signals[0].tgt.hub[0] > scorer.signals[0].tgt.hub[1], "{:?}", scorer.signals[0].tgt.hub);
        // The correction is subtracted from the raw cosine, and the true pair still wins.
        let raw = cosine(&SideVectors::new(&a), 5, &SideVectors::new(&b), 1).unwrap();
        let corrected = |i: usize, j: usize| scorer.signals[0].similarity(&scorer, i..i + 1, j..j + 1);
        assert!(corrected(5, 1) < raw);
        assert!(corrected(5, 1) > corrected(5, 0));
    }

    #[test]
    fn a_second_signal_of_no_weight_changes_nothing_and_one_of_weight_does() {
        use crate::test_text::sentence;
        let mt: Vec<String> = (0..40).map(sentence).collect();
        let mut tgt = mt.clone();
        tgt.swap(10, 11);
        let (a, b) = features::embed(&mt, &tgt);
        // The second signal says sentence k matches line k, whatever the text.
        let (x, y) = features::embed(&mt, &mt);
        let windows = vec![0..=tgt.len(); mt.len() + 1];
        let one = MtScorer::new(&[(&a, &b, 1.0)], &windows, 2, 2, PARAMS);
        let idle = MtScorer::new(&[(&a, &b, 1.0), (&x, &y, 0.0)], &windows, 2, 2, PARAMS);
        let even = MtScorer::new(&[(&a, &b, 1.0), (&x, &y, 1.0)], &windows, 2, 2, PARAMS);
        for (i, j) in [(10, 11), (10, 10), (3, 3), (3, 7)] {
            assert_eq!(one.cost(i..i + 1, j..j + 1), idle.cost(i..i + 1, j..j + 1));
        }
        // The text says 10 ↔ 11; the second signal 10 ↔ 10: weighed evenly, neither wins clearly.
        assert!(one.agreement(10..11, 11..12) > one.agreement(10..11, 10..11) + 0.5);
        assert!(even.agreement(10..11, 10..11) > one.agreement(10..11, 10..11) + 0.3);
        assert!((even.agreement(10..11, 11..12) - even.agreement(10..11, 10..11)).abs() < 0.3);
    }

    #[test]
    fn a_merged_bead_is_priced_on_its_real_text_where_it_has_one() {
        use crate::test_text::sentence;
        let mt: Vec<String> = (0..30).map(sentence).collect();
        let tgt = mt.clone();
        let (a, b) = features::embed(&mt, &tgt);
        let windows = vec![0..=tgt.len(); mt.len() + 1];
        let mut level = MtLevel::new(&a, &b, PARAMS);
        let sums = level.scorer(&windows, 2, 2).cost(5..7, 5..6);
        // The run 5..7 "reads" exactly as target line 5 (its vector is that line's).
        let mut spans = Spans::default();
        spans.src.insert((5, 7), b.row(5).to_vec());
        level.signals[0].spans = Some(&spans);
        let scorer = level.scorer(&windows, 2, 2);
        assert!(scorer.cost(5..7, 5..6) < sums - 0.2, "{} vs {sums}", scorer.cost(5..7, 5..6));
        // Runs it has no text for are priced on the sums as before.
        assert_eq!(scorer.cost(8..10, 8..9), MtLevel::new(&a, &b, PARAMS).scorer(&windows, 2, 2).cost(8..10, 8..9));
    }
}
