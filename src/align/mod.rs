//! Sentence alignment: which source sentences correspond to which target sentences.
//!
//! An alignment is a list of beads in document order; each bead pairs a run of source
//! sentences with a run of target sentences (1-1, 2-1, 1-0 for an omission, ...). A
//! [`Scorer`] prices any candidate bead; [`search`] finds the cheapest chain of beads
//! through any corridor of cells, and [`coarse`] finds the corridor, coarse to fine, for
//! any [`coarse::Level`]. Two plug in: the length-based [`length::GaleChurch`], which
//! works with no MT at all, and the MT-guided [`similarity::MtLevel`].

pub mod coarse;
pub mod evaluate;
pub mod features;
pub mod format;
pub mod length;
pub mod search;
pub mod similarity;

use std::ops::Range;

use serde::Serialize;

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

/// The bead shapes (source count, target count) the baseline aligner considers.
pub const BASELINE_SHAPES: &[(usize, usize)] = &[(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (1, 3), (3, 1)];
