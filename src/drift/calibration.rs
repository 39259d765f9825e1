//! The document's own similarity and length levels, against which the checks judge a
//! bead: unrelated sentence pairs of the same two documents, and its aligned pairs.

use std::ops::Range;

use rayon::prelude::*;
use serde_json::{json, Value};

use super::{round, Input, Severity};
use crate::align::features::{self, Vectors};
use crate::align::Bead;

/// The document's own similarity levels, from its MT and target vectors.
pub(super) struct Calibration {
    /// Similarity that unrelated sentence pairs of these documents reach (95th percentile).
    pub(super) unrelated: f64,
    /// The median similarity of unrelated pairs: below it, a pair looks more unrelated
    /// than half of the truly unrelated ones.
    pub(super) unrelated_median: f64,
    /// The median similarity of the aligned 1-1 pairs.
    pub(super) typical: f64,
    /// The similarity that only the closest tenth of the aligned 1-1 pairs reach: a
    /// match this close is a translation, whatever else the text shares.
    pub(super) clear: f64,
    /// How many sentences to each side of a bead the search for the sentence a translation
    /// renders instead (`rendered_elsewhere`) looks at, and the MT's row norms for it.
    pub(super) far: usize,
    pub(super) mt_norms: Vec<f32>,
    /// Each bead's similarity (MT against translation), by bead index.
    pub(super) similarity: Vec<f64>,
    /// The similarities of the sampled unrelated pairs and of the aligned 1-1 pairs, sorted.
    pub(super) unrelated_sims: Vec<f64>,
    pub(super) related_sims: Vec<f64>,
    /// The target/MT length ratios of the aligned 1-1 pairs, sorted.
    pub(super) ratios: Vec<f64>,
    /// The median of target length over MT length, for 1-1 pairs.
    pub(super) ratio: f64,
    /// The spread (MAD) of log length ratios.
    pub(super) ratio_spread: f64,
    /// Mean sentence length of the MT and of the translation.
    mean_len: (f64, f64),
}

impl Calibration {
    /// Whether `sim` is within the range of unrelated pairs, and how strongly. It is
    /// `major` only where an unrelated pair is far likelier than this document's aligned
    /// pairs to score so low: in a free (literary) translation many true pairs share
    /// little with the MT, and a low similarity alone is then only a hint.
    pub(super) fn unrelated(&self, sim: f64) -> Option<Severity> {
        if sim > self.unrelated {
            return None;
        }
        let odds = tail(&self.unrelated_sims, sim) / related_tail(&self.related_sims, sim);
        Some(if sim <= self.unrelated_median && odds >= MAJOR_ODDS { Severity::Major } else { Severity::Minor })
    }

    /// How far (in robust standard deviations) a target length is from what this
    /// document's usual ratio predicts for an MT length.
    pub(super) fn length_z(&self, mt_len: f64, tgt_len: f64) -> f64 {
        if mt_len <= 0.0 || tgt_len <= 0.0 {
            return 0.0;
        }
        (tgt_len / mt_len / self.ratio).ln() / self.ratio_spread
    }

    /// Whether a length ratio this low is rare among this document's aligned pairs.
    pub(super) fn rare_ratio(&self, ratio: f64) -> bool {
        tail(&self.ratios, ratio * self.ratio) <= RARE
    }

    /// Whether a similarity is as high as translations usually reach here: above the
    /// midpoint between unrelated and typical pairs.
    pub(super) fn alike(&self, sim: f64) -> bool {
        sim > (self.unrelated + self.typical) / 2.0
    }

    /// Whether a similarity is one that unrelated pairs of these documents reach only by
    /// rare chance (`CHANCE`): in a free translation, typical pairs score barely
    /// above unrelated ones, and checking every neighbour of every loose pair finds many
    /// chance matches above their midpoint.
    pub(super) fn beyond_chance(&self, sim: f64) -> bool {
        1.0 - tail(&self.unrelated_sims, sim) <= CHANCE
    }

    /// The evidence of a finding on the bead at `index` judged by these levels: its
    /// similarity, the document's typical and unrelated levels, and `extra`'s fields.
    pub(super) fn evidence(&self, index: usize, extra: Value) -> Value {
        let mut e = json!({"similarity": round(self.similarity[index]), "document_typical": round(self.typical), "unrelated_level": round(self.unrelated)});
        if let (Value::Object(e), Value::Object(x)) = (&mut e, extra) {
            e.extend(x);
        }
        e
    }

    /// Whether sentences `ids` of one side (`v`: the MT's rows on the source side, the
    /// translation's on the other) are a whole sentence's worth of text: at least
    /// `SUBSTANTIAL` of that side's mean sentence length.
    pub(super) fn whole(&self, v: &Vectors, ids: Range<usize>, source_side: bool) -> bool {
        let mean = if source_side { self.mean_len.0 } else { self.mean_len.1 };
        range_len(&v.lengths, ids) >= SUBSTANTIAL * mean
    }

    /// Whether a bead's two sides are `alike`.
    pub(super) fn clearly_related(&self, index: usize) -> bool {
        self.alike(self.similarity[index])
    }

    pub(super) fn new(input: &Input, a: &Vectors, b: &Vectors) -> Calibration {
        let (n, m) = (a.len(), b.len());
        let mut unrelated = Vec::new();
        if n > 1 && m > 1 {
            // Pairs far from the diagonal: with any sane alignment, not translations.
            let mut state = 0x9e37_79b9_7f4a_7c15u64;
            for _ in 0..4000.min(n * m) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = (state % n as u64) as usize;
                let j = ((state >> 32) % m as u64) as usize;
                let diagonal = i as f64 * m as f64 / n as f64;
                if (j as f64 - diagonal).abs() > (m as f64 / 10.0).max(5.0) {
                    unrelated.push(features::range_cosine(a, i..i + 1, b, j..j + 1));
                }
            }
        }
        let similarity: Vec<f64> =
            input.beads.par_iter().map(|bd| features::range_cosine(a, bd.src.clone(), b, bd.tgt.clone())).collect();
        let one_one = |bd: &&Bead| bd.src.len() == 1 && bd.tgt.len() == 1;
        let ones: Vec<&Bead> = input.beads.iter().filter(one_one).collect();
        let sims: Vec<f64> =
            input.beads.iter().zip(&similarity).filter(|(bd, _)| one_one(bd)).map(|(_, &x)| x).collect();
        let ratios: Vec<f64> = ones
            .iter()
            .filter_map(|bd| {
                let x = range_len(&a.lengths, bd.src.clone());
                let y = range_len(&b.lengths, bd.tgt.clone());
                (x > 0.0 && y > 0.0).then(|| (y / x).ln())
            })
            .collect();
        let ratio = median(&ratios).unwrap_or(0.0);
        let spread = median(&ratios.iter().map(|r| (r - ratio).abs()).collect::<Vec<_>>()).unwrap_or(0.1).max(0.05);
        let sorted = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v
        };
        let unrelated_level = quantile(&unrelated, 0.95).unwrap_or(0.1);
        // The search compares each translation sentence of an unrelated-looking bead with
        // every MT sentence: the whole document, unless there are so many such sentences
        // that it would take more than FAR_BUDGET comparisons (a badly drifted long
        // document); then a window around each bead, sized to fit.
        let suspects: usize = input
            .beads
            .iter()
            .zip(&similarity)
            .filter(|(bd, &x)| !bd.src.is_empty() && !bd.tgt.is_empty() && x <= unrelated_level)
            .map(|(bd, _)| bd.tgt.len())
            .sum();
        Calibration {
            far: (FAR_BUDGET / suspects.max(1) / 2).min(n),
            mt_norms: (0..n).map(|i| a.dot(i, a, i).sqrt()).collect(),
            similarity,
            unrelated: unrelated_level,
            unrelated_median: quantile(&unrelated, 0.5).unwrap_or(0.05),
            typical: median(&sims).unwrap_or(0.5),
            clear: quantile(&sims, CLEAR).unwrap_or(1.0),
            ratio: ratio.exp(),
            ratio_spread: spread * 1.4826,
            unrelated_sims: sorted(unrelated),
            related_sims: sorted(sims),
            ratios: sorted(ratios.iter().map(|r| r.exp()).collect()),
            mean_len: (mean_len(a), mean_len(b)),
        }
    }
}

/// The quantile of the aligned pairs' similarities a sentence must reach with one far
/// away to be taken as that one's translation (0.75 / 0.9 / 0.95 measured in the drift
/// bench: at 0.75 a literary translation's short lines matched far sentences as often as
/// swapped ones did).
const CLEAR: f64 = 0.9;
/// The most sentence comparisons the search for sentences in the wrong place may make in
/// one document (about half a second on one core).
const FAR_BUDGET: usize = 5_000_000;
/// The share of unrelated pairs a similarity may reach and still be taken for a
/// neighbour's translation on its own (`beyond_chance`). Measured in the drift bench
/// (0.01 / 0.005 / 0.002 / 0): down to 0.002 the literary set lost only false alarms and
/// the de-fr set nothing; at 0 (above every sampled unrelated pair) both lost true ones.
const CHANCE: f64 = 0.002;
/// How many times likelier an unrelated pair must be than an aligned one to reach a
/// similarity this low, for a finding on similarity alone to be `major`.
const MAJOR_ODDS: f64 = 20.0;
/// A share of the document's own pairs below which a value counts as rare (for a short
/// translation to be a `major` partial omission). 2 % flagged a literary translation's
/// terse renderings ("She hung up." for a sentence three times as long) as alarms; a
/// sentence cut off mid-way has its own check since, so 1 % (measured in the drift bench).
const RARE: f64 = 0.01;
/// The least length, as a share of the mean sentence length on its side, of a sentence
/// whose gap in a merged bead can be `major` (0.5 / 0.75 / 1 / 1.5 measured in the drift
/// bench; 0.75 kept every recall and cut the literary set's false alarms by a fifth).
const SUBSTANTIAL: f64 = 0.75;

/// The share of `sorted` at or below `x`, smoothed (one more at or below, one more in
/// all) so a small or empty sample never says "never".
fn tail(sorted: &[f64], x: f64) -> f64 {
    (sorted.partition_point(|&v| v <= x) + 1) as f64 / (sorted.len() + 1) as f64
}

/// The share of aligned pairs at or below `x`, drawn towards a prior of 1 % as if 20
/// more pairs had been seen: a short document's handful of pairs proves little either
/// way, a long one's speak for themselves.
fn related_tail(sorted: &[f64], x: f64) -> f64 {
    const PRIOR: f64 = 0.01;
    const WEIGHT: f64 = 20.0;
    (sorted.partition_point(|&v| v <= x) as f64 + PRIOR * WEIGHT) / (sorted.len() as f64 + WEIGHT)
}

fn mean_len(v: &Vectors) -> f64 {
    range_len(&v.lengths, 0..v.len()) / v.len().max(1) as f64
}

pub(super) fn range_len(lengths: &[f32], r: Range<usize>) -> f64 {
    lengths[r].iter().map(|&x| x as f64).sum()
}

fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}

fn quantile(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Some(v[((v.len() - 1) as f64 * q).round() as usize])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::test_support::{input, words};
    use crate::test_text::sentence;

    #[test]
    fn in_a_free_translation_a_neighbour_alike_by_chance_is_no_sure_translation() {
        // Every translation keeps two of its MT's six words: a free translation, whose
        // typical pair scores little above unrelated ones.
        let mt: Vec<String> = (0..300).map(sentence).collect();
        let target: Vec<String> =
            (0..300).map(|k| [&words(k)[..2], &words(5000 + k)[..4]].concat().join(" ") + ".").collect();
        let beads: Vec<Bead> = (0..300).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let (a, b) = features::embed(&mt, &target);
        let source: Vec<&str> = mt.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = target.iter().map(String::as_str).collect();
        let c = Calibration::new(&input(&beads, &source, &tgt, Some(&mt), ("en", "en"), Some((&a, &b))), &a, &b);
        // Some unrelated pairs reach the midpoint between unrelated and typical pairs:
        // "alike" alone would take them for translations.
        let midpoint = (c.unrelated + c.typical) / 2.0;
        let reached = c.unrelated_sims.iter().filter(|&&x| x > midpoint).count();
        assert!(reached > 0 && c.alike(midpoint + 1e-9), "{reached} of {}", c.unrelated_sims.len());
        assert!(!c.beyond_chance(midpoint + 1e-9));
        // What no unrelated pair reaches is beyond chance; a true pair mostly is.
        assert!(c.beyond_chance(c.unrelated_sims.last().unwrap() + 1e-9));
        assert!(c.beyond_chance(c.typical), "typical {} unrelated {}", c.typical, c.unrelated);
    }
}
