//! Alignment quality against gold beads, exactly as Vecalign's `score.py` (and
//! Bertalign's copy of it) computes it: strict and lax precision, recall and F1,
//! micro-averaged over documents.
//!
//! Beads are sets (duplicates collapse, beads empty on both sides are dropped).
//! A test bead is a strict hit if it equals a gold bead, a lax hit if some gold bead
//! shares a source and a target sentence with it. Precision counts every test bead,
//! null beads included; recall swaps the roles after dropping null beads from both.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

pub use super::format::IdBead;

/// Hit counts of one direction (precision or recall).
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
pub struct Counts {
    pub strict_hits: usize,
    pub strict_misses: usize,
    pub lax_hits: usize,
    pub lax_misses: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.strict_hits += other.strict_hits;
        self.strict_misses += other.strict_misses;
        self.lax_hits += other.lax_hits;
        self.lax_misses += other.lax_misses;
    }
}

/// Precision and recall counts, summed over documents.
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
pub struct Tally {
    pub precision: Counts,
    pub recall: Counts,
}

/// Strict and lax P/R/F1 from a tally.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub strict: Prf,
    pub lax: Prf,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Tally {
    /// Adds one document's gold and test beads.
    pub fn add(&mut self, gold: &[IdBead], test: &[IdBead]) {
        let gold_set = as_set(gold, true);
        let test_set = as_set(test, true);
        self.precision.add(count(&gold_set, &test_set));
        let gold_links = as_set(gold, false);
        let test_links = as_set(test, false);
        self.recall.add(count(&test_links, &gold_links));
    }

    /// Adds another tally's counts (documents scored on their own) into this one.
    pub fn merge(&mut self, other: &Tally) {
        self.precision.add(other.precision);
        self.recall.add(other.recall);
    }

    pub fn scores(&self) -> Scores {
        let prf = |p_hits, p_misses, r_hits, r_misses| {
            let precision = ratio(p_hits, p_hits + p_misses);
            let recall = ratio(r_hits, r_hits + r_misses);
            let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
            Prf { precision, recall, f1 }
        };
        let (p, r) = (&self.precision, &self.recall);
        Scores {
            strict: prf(p.strict_hits, p.strict_misses, r.strict_hits, r.strict_misses),
            lax: prf(p.lax_hits, p.lax_misses, r.lax_hits, r.lax_misses),
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The beads as a set; without `keep_null`, beads with an empty side are dropped too.
fn as_set(beads: &[IdBead], keep_null: bool) -> BTreeSet<IdBead> {
    beads
        .iter()
        .filter(|(s, t)| if keep_null { !(s.is_empty() && t.is_empty()) } else { !s.is_empty() && !t.is_empty() })
        .map(|(s, t)| {
            let (mut s, mut t) = (s.clone(), t.clone());
            s.sort_unstable();
            t.sort_unstable();
            (s, t)
        })
        .collect()
}

/// Vecalign's `_precision`: how many of `test` are strict and lax hits against `gold`.
fn count(gold: &BTreeSet<IdBead>, test: &BTreeSet<IdBead>) -> Counts {
    let mut links: HashMap<usize, Vec<usize>> = HashMap::new();
    for (s, t) in gold {
        for &i in s {
            links.entry(i).or_default().extend(t.iter().copied());
        }
    }
    let mut c = Counts::default();
    for bead in test {
        if gold.contains(bead) {
            c.strict_hits += 1;
            c.lax_hits += 1;
        } else {
            c.strict_misses += 1;
            let (s, t) = bead;
            let overlaps = s.iter().filter_map(|i| links.get(i)).flatten().any(|j| t.contains(j));
            if overlaps {
                c.lax_hits += 1;
            } else {
                c.lax_misses += 1;
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::format::parse;

    fn scores(gold: &str, test: &str) -> Scores {
        let mut tally = Tally::default();
        tally.add(&parse(gold).unwrap(), &parse(test).unwrap());
        tally.scores()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    /// The five worked vectors of the published scorer.
    #[test]
    fn worked_vectors() {
        // (gold, test, strict P R F1, lax P R F1)
        let cases = [
            ("[0,1]:[0,1]", "[0]:[0]\n[1]:[1]", [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]),
            ("[0]:[0]\n[]:[1]\n[1]:[2]", "[0]:[0]\n[]:[1]\n[1]:[2]", [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]),
            ("[0]:[0]\n[1]:[1,2]", "[0]:[0]\n[1]:[1]\n[]:[2]", [0.333, 0.5, 0.4], [0.667, 1.0, 0.8]),
            ("[0]:[0]\n[]:[1]\n[1]:[2]", "[0]:[0,1]\n[1]:[2]", [0.5, 0.5, 0.5], [1.0, 1.0, 1.0]),
            ("[0]:[0]\n[1]:[1]", "[0]:[0]\n[1]:[]\n[]:[1]", [0.333, 0.5, 0.4], [0.333, 0.5, 0.4]),
        ];
        for (i, (gold, test, strict, lax)) in cases.iter().enumerate() {
            let s = scores(gold, test);
            let got_s = [s.strict.precision, s.strict.recall, s.strict.f1];
            let got_l = [s.lax.precision, s.lax.recall, s.lax.f1];
            for k in 0..3 {
                assert!(
                    close(got_s[k], strict[k]),
                    "case {}: strict {got_s:?} vs {strict:?}",
                    (b'A' + i as u8) as char
                );
                assert!(close(got_l[k], lax[k]), "case {}: lax {got_l:?} vs {lax:?}", (b'A' + i as u8) as char);
            }
        }
    }

    #[test]
    fn micro_average_sums_counts_before_dividing() {
        let mut tally = Tally::default();
        tally.add(&parse("[0]:[0]").unwrap(), &parse("[0]:[0]").unwrap());
        tally.add(&parse("[0]:[0]\n[1]:[1]\n[2]:[2]").unwrap(), &parse("[0,1,2]:[0,1,2]").unwrap());
        // Precision: 1 hit of 2 test beads. A macro average would give (1 + 0) / 2 too,
        // but recall differs: 1 of 4 gold beads (micro) vs (1 + 0) / 2 (macro).
        let s = tally.scores();
        assert!(close(s.strict.precision, 0.5));
        assert!(close(s.strict.recall, 0.25));
    }
}
