//! Meaning and coverage of a bead against its MT: a pair that says something else, a
//! translation far shorter than the MT; the sentences of a merged bead (`parts`) and
//! the reading behind a pair that looks unrelated (`shift`) each have their own module.

use serde_json::json;

use super::calibration::{range_len, Calibration};
use super::parts::{parts, Uncovered};
use super::shift::{misplaced, shifted};
use super::{round, Finding, Input, Kind, Severity};

/// Meaning and coverage: the bead as a whole, each sentence of a merged bead, and the
/// length against the document's usual ratio.
/// Returns whether the bead as a whole looks like an unrelated pair.
pub(super) fn meaning(
    input: &Input,
    c: &Calibration,
    index: usize,
    found: &mut Vec<Finding>,
    uncovered: &mut Uncovered,
) -> bool {
    let bead = &input.beads[index];
    let (a, b) = input.vectors.expect("calibrated from the vectors");
    let sim = c.similarity[index];
    let before = found.len();
    parts(input, c, index, found, uncovered);
    if found.len() > before {
        return false;
    }
    // A translation far shorter than the MT lost part of it, whatever the rest says.
    let x = range_len(&a.lengths, bead.src.clone());
    let y = range_len(&b.lengths, bead.tgt.clone());
    let (ratio, z) = if x > 0.0 && y > 0.0 {
        let ratio = y / x / c.ratio;
        (ratio, ratio.ln() / c.ratio_spread)
    } else {
        (1.0, 0.0)
    };
    let short = ratio < 0.6 && z < -2.0;
    // (A sentence found cut off has said so already.)
    if short && !found.iter().any(|f| f.kind == Kind::Omission) {
        found.push(Finding {
            kind: Kind::Omission,
            severity: if ratio < 0.45 && c.rare_ratio(ratio) { Severity::Major } else { Severity::Minor },
            message: format!("partly omitted: the translation is {:.0}% of the length the MT suggests", ratio * 100.0),
            evidence: c.evidence(index, json!({"length_ratio": round(ratio)})),
        });
    }
    // A cut sentence shares less with the MT only for being short: what is left of it
    // would be about as alike with the matching part of the MT (a cosine of a part
    // against the whole falls with the square root of its share). So judged, a short
    // translation that still does not look like one (below the midpoint between unrelated
    // and typical pairs) says something else as well.
    let unrelated = if short {
        let judged = sim / ratio.sqrt();
        (!c.alike(judged)).then(|| c.unrelated(sim).unwrap_or(Severity::Minor))
    } else {
        c.unrelated(sim)
    };
    if let Some(severity) = unrelated {
        // A pair of unrelated sentences next to where each one's counterpart is, is an
        // alignment shifted by a sentence that has no counterpart: say which. Only a sure
        // shift outweighs a translation that renders a sentence far from here; a likely
        // one (a free translation's neighbour sharing a little more) does not.
        let shift = match shifted(input, c, index, sim, severity) {
            Some(sure) if sure.severity >= Severity::Major => Some(sure),
            likely => misplaced(input, c, index).or(likely),
        };
        if let Some(finding) = shift {
            found.push(finding);
            return true;
        }
        found.push(Finding {
            kind: Kind::LowSimilarity,
            severity,
            message: format!(
                "the translation says something else than the MT: similarity {:.2}, no more than unrelated sentences of this document reach ({:.2}; typical pairs {:.2})",
                sim, c.unrelated, c.typical
            ),
            evidence: c.evidence(index, json!({})),
        });
        return true;
    }
    if short {
        return false;
    }
    if z.abs() > 4.0 {
        found.push(Finding {
            kind: Kind::LengthRatio,
            severity: Severity::Minor,
            message: format!(
                "{} than usual in this document: {:.0}% of the expected length",
                if z > 0.0 { "longer" } else { "shorter" },
                ratio * 100.0
            ),
            evidence: c.evidence(index, json!({"length_ratio": round(ratio), "robust_z": round(z)})),
        });
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;
    use crate::drift::test_support::{eleventh, words};
    use crate::test_text::sentence;

    #[test]
    fn a_short_pair_is_unrelated_for_what_it_says_not_for_being_short() {
        let target: Vec<String> = (0..24).map(sentence).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        // Two words of six kept: shorter, and for that alone less alike.
        let kept = eleventh(words(11)[..2].join(" ") + ".", beads.clone(), target.clone());
        assert!(kept.iter().any(|f| f.kind == Kind::Omission), "{kept:?}");
        assert!(kept.iter().all(|f| f.kind != Kind::LowSimilarity), "{kept:?}");
        // Two other words: short, and says something else.
        let other = eleventh(words(777)[..2].join(" ") + ".", beads.clone(), target.clone());
        assert!(other.iter().any(|f| f.kind == Kind::LowSimilarity), "{other:?}");
        // Two words kept and one other: more alike than unrelated pairs, but judged for
        // its shortness not like a translation either.
        let mixed = eleventh(format!("{} {} {}.", words(11)[0], words(11)[1], words(777)[0]), beads, target);
        assert!(mixed.iter().any(|f| f.kind == Kind::Omission), "{mixed:?}");
        assert!(mixed.iter().any(|f| f.kind == Kind::LowSimilarity), "{mixed:?}");
    }
}
