//! Sentence alignment: which source sentences correspond to which target sentences.
//!
//! An alignment is a list of beads in document order; each bead pairs a run of source
//! sentences with a run of target sentences (1-1, 2-1, 1-0 for an omission, ...). A
//! [`Scorer`] prices any candidate bead; [`search`] finds the cheapest chain of beads
//! through any corridor of cells, and [`coarse`] finds the corridor, coarse to fine, for
//! any [`coarse::Level`]. Two plug in: the length-based [`length::GaleChurch`], which
//! works with no MT at all, and the MT-guided [`similarity::MtLevel`]; [`pair`] picks
//! one for a document pair and scores its beads.

pub mod coarse;
pub mod evaluate;
pub mod features;
pub mod format;
pub mod length;
pub mod pair;
pub mod search;
pub mod similarity;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::plural::numbered;
pub use pair::{AlignOptions, BeadScores, Method};

/// One aligned unit: source sentences `src` correspond to target sentences `tgt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    /// The scorer's cost for this bead (lower is better).
    pub cost: f64,
}

impl Bead {
    /// The bead's shape as `n-m`, e.g. `1-1`, `2-1`, `0-1`.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// Prices a candidate bead pairing source sentences `src` with target sentences `tgt`.
pub trait Scorer {
    /// The cost of the bead: lower is more likely.
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64;

    /// Pairs (source, target) of single units that are clearly one another's
    /// translation, for the search to keep near (`coarse`); none where the scorer cannot
    /// tell (lengths alone match many pairs equally well).
    fn anchors(&self) -> Vec<(usize, usize)> {
        Vec::new()
    }
}

impl<S: Scorer + ?Sized> Scorer for &S {
    fn cost(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        (**self).cost(src, tgt)
    }

    fn anchors(&self) -> Vec<(usize, usize)> {
        (**self).anchors()
    }
}

/// Fewest unmatched sentences on one side that make a `Passage`.
pub const PASSAGE_SENTENCES: usize = 5;

/// A stretch of consecutive unmatched beads (1-0 and 0-1) holding at least
/// `PASSAGE_SENTENCES` sentences on one side: a passage left out of the translation, or
/// one only the translation has. Reported apart from the findings of its beads, which
/// name one sentence each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// The beads of the stretch.
    pub beads: Range<usize>,
    /// Its source sentences, with no counterpart in the translation (may be empty).
    pub source: Range<usize>,
    /// Its translation sentences, with no counterpart in the source (may be empty).
    pub target: Range<usize>,
}

impl Passage {
    /// One line for a reader, numbered from 1: "source sentences 151–249 (99) have no
    /// counterpart in the translation (beads 150–233)".
    pub fn describe(&self) -> String {
        let run = |r: &Range<usize>| match r.len() {
            1 => numbered("sentence", r),
            n => format!("{} ({n})", numbered("sentence", r)),
        };
        let beads = numbered("bead", &self.beads);
        match (self.source.is_empty(), self.target.is_empty()) {
            (false, true) => format!("source {} have no counterpart in the translation ({beads})", run(&self.source)),
            (true, false) => format!("translation {} have no counterpart in the source ({beads})", run(&self.target)),
            _ => format!(
                "source {} have no counterpart in the translation, nor translation {} in the source ({beads})",
                run(&self.source),
                run(&self.target)
            ),
        }
    }
}

/// The passages of an alignment, in document order.
pub fn passages(beads: &[Bead]) -> Vec<Passage> {
    let unmatched = |b: &Bead| b.src.is_empty() != b.tgt.is_empty();
    let mut out = Vec::new();
    let mut k = 0;
    while k < beads.len() {
        let end = k + beads[k..].iter().take_while(|b| unmatched(b)).count();
        if end > k {
            // Beads are contiguous, so the unmatched sentences of each side are too.
            let source = beads[k].src.start..beads[end - 1].src.end;
            let target = beads[k].tgt.start..beads[end - 1].tgt.end;
            if source.len() >= PASSAGE_SENTENCES || target.len() >= PASSAGE_SENTENCES {
                out.push(Passage { beads: k..end, source, target });
            }
        }
        k = end.max(k + 1);
    }
    out
}

/// The bead shapes (source count, target count) the baseline aligner considers.
pub const BASELINE_SHAPES: &[(usize, usize)] = &[(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (1, 3), (3, 1)];

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead { src, tgt, cost: 0.0 }
    }

    #[test]
    fn a_stretch_of_unmatched_sentences_is_one_passage() {
        // Two pairs, six source sentences with no translation (a translation line of its
        // own among them), a pair, two unmatched lines (too few), a pair.
        let mut beads = vec![bead(0..1, 0..1), bead(1..2, 1..2)];
        beads.extend((2..5).map(|i| bead(i..i + 1, 2..2)));
        beads.push(bead(5..5, 2..3));
        beads.extend((5..8).map(|i| bead(i..i + 1, 3..3)));
        beads.extend([bead(8..9, 3..4), bead(9..9, 4..5), bead(9..9, 5..6), bead(9..10, 6..7)]);
        let found = passages(&beads);
        assert_eq!(found, vec![Passage { beads: 2..9, source: 2..8, target: 2..3 }]);
        assert_eq!(
            found[0].describe(),
            "source sentences 3–8 (6) have no counterpart in the translation, nor translation sentence 3 in the source (beads 3–9)"
        );
        let only_target = Passage { beads: 0..7, source: 0..0, target: 0..7 };
        assert_eq!(
            only_target.describe(),
            "translation sentences 1–7 (7) have no counterpart in the source (beads 1–7)"
        );
        assert!(passages(&[bead(0..1, 0..1)]).is_empty());
    }
}
