//! Sentences the translation moved: missing where the source has them and rendered
//! elsewhere. The aligner keeps the order, so a move shows as an omission in one place
//! and an addition in another; told apart, the two say the text is there, out of place,
//! and ask for a look rather than raise an alarm.

use std::ops::Range;

use serde_json::{json, Value};

use super::calibration::Calibration;
use super::{ids, join, quote, sentences, Finding, Input, Kind, Severity};
use crate::align::features;

/// How many beads apart an omission and an addition must be to count as a move: closer,
/// the aligner has only drawn a boundary elsewhere, which the other checks name.
const APART: usize = 2;

/// How many times as alike as any other sentence of the document a moved sentence must
/// be with the one it renders.
const MARGIN: f64 = 1.5;

/// The most omissions, and the most additions, of whole sentences a document may have
/// for their moves to be looked for. With more, the translation is too loosely aligned
/// to its source (another edition, verses split otherwise) for one gap to point at
/// another, and pairing every one with every other, each searched against the whole
/// document, would take time growing with the square of the document.
const MOST_GAPS: usize = 100;

/// One omission or addition: its bead, its place among the bead's findings, and the
/// sentences it is about.
struct Gap {
    bead: usize,
    finding: usize,
    ids: Range<usize>,
}

/// Turns each omission and addition that render one another into a pair of minor
/// findings naming where the text went and where it came from. A pair counts where both
/// are whole sentences (`Calibration::whole`), they are as alike as this document's typical
/// translation and more than unrelated pairs reach (95th percentile; not a rarer level:
/// sampled far from the diagonal, the unrelated pairs may hold the moved pair itself),
/// and each is clearly the other's closest match in the whole document (`MARGIN`).
pub(super) fn moves(input: &Input, calibration: &Calibration, findings: &mut [Vec<Finding>]) {
    let Some((a, b)) = input.vectors else { return };
    // Whole sentences only: short lines ("之后呢？", "'No, ma'am.") match each other by
    // chance. Told first, from the lengths alone, as every omission is tried with every
    // addition.
    let mut omitted = gaps(findings, Kind::Omission, "source_ids");
    omitted.retain(|o| calibration.whole(a, o.ids.clone(), true));
    let mut added = gaps(findings, Kind::Addition, "target_ids");
    added.retain(|d| calibration.whole(b, d.ids.clone(), false));
    if omitted.len() > MOST_GAPS || added.len() > MOST_GAPS {
        return;
    }
    let cosine = |r: Range<usize>, t: Range<usize>| features::range_cosine(a, r, b, t);
    let sim = |o: &Gap, d: &Gap| {
        if o.bead.abs_diff(d.bead) < APART {
            return f64::NEG_INFINITY;
        }
        cosine(o.ids.clone(), d.ids.clone())
    };
    let mut pairs = Vec::new();
    for (k, d) in added.iter().enumerate() {
        let closest = omitted.iter().enumerate().map(|(m, o)| (m, sim(o, d))).max_by(|x, y| x.1.total_cmp(&y.1));
        let Some((m, s)) = closest else { break };
        let o = &omitted[m];
        // Clearly the closest in the whole document, each to the other (so one omission
        // is never taken for two additions): half again as alike as any other sentence.
        // A recurring name or phrase matches many lines, and in a document whose pairs
        // all score low (formulaic verses) one pair is the closest by a hair. The search
        // goes last: it is the costly test.
        let clearly_best = |n: usize, len: usize, at: usize, cos: &dyn Fn(Range<usize>) -> f64| {
            (0..=n.saturating_sub(len)).all(|k| k == at || cos(k..k + len) * MARGIN < s)
        };
        let unique = || {
            clearly_best(input.target.len(), d.ids.len(), d.ids.start, &|t| cosine(o.ids.clone(), t))
                && clearly_best(input.source.len(), o.ids.len(), o.ids.start, &|r| cosine(r, d.ids.clone()))
        };
        if s >= calibration.typical && s > calibration.unrelated && unique() {
            pairs.push((m, k, s));
        }
    }
    for (m, k, s) in pairs {
        let (o, d) = (&omitted[m], &added[k]);
        let evidence =
            json!({"source_ids": ids(&o.ids), "target_ids": ids(&d.ids), "similarity": (s * 1e4).round() / 1e4});
        // Both halves minor, with the same evidence: the text is there, out of order.
        let moved = |kind: Kind, message: String| Finding {
            kind,
            severity: Severity::Minor,
            message,
            evidence: evidence.clone(),
        };
        findings[o.bead][o.finding] = moved(
            Kind::Omission,
            format!(
                "moved: source {} {} is translated out of place, as translation {} in bead {}",
                sentences(&o.ids),
                quote(&join(input.source, o.ids.clone(), input.source_lang)),
                sentences(&d.ids),
                d.bead + 1
            ),
        );
        findings[d.bead][d.finding] = moved(
            Kind::Addition,
            format!(
                "moved: translation {} {} renders source {} of bead {}, out of its place",
                sentences(&d.ids),
                quote(&join(input.target, d.ids.clone(), input.target_lang)),
                sentences(&o.ids),
                o.bead + 1
            ),
        );
    }
}

/// The findings of `kind` that name their sentences in `key`, a list of consecutive ids.
fn gaps(findings: &[Vec<Finding>], kind: Kind, key: &str) -> Vec<Gap> {
    let mut out = Vec::new();
    for (bead, found) in findings.iter().enumerate() {
        for (finding, f) in found.iter().enumerate().filter(|(_, f)| f.kind == kind) {
            let ids: Vec<usize> = f
                .evidence
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_u64())
                .map(|v| v as usize)
                .collect();
            if let (Some(&first), Some(&last)) = (ids.first(), ids.last()) {
                out.push(Gap { bead, finding, ids: first..last + 1 });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;
    use crate::drift::test_support::findings_on;
    use crate::test_text::sentence;

    #[test]
    fn a_sentence_translated_out_of_place_is_moved_not_lost() {
        // The translation of source sentence 5 put after that of sentence 18; the aligner
        // keeps the order: source 5 alone (bead 5), the moved sentence alone (bead 19).
        let with_moved = |moved: String| {
            let mut target: Vec<String> = (0..24).filter(|&k| k != 4).map(sentence).collect();
            target.insert(17, moved);
            let beads: Vec<Bead> = (0..25)
                .map(|k| match k {
                    0..4 => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                    4 => Bead { src: 4..5, tgt: 4..4, cost: 0.0 },
                    5..18 => Bead { src: k..k + 1, tgt: k - 1..k, cost: 0.0 },
                    18 => Bead { src: 18..18, tgt: 17..18, cost: 0.0 },
                    _ => Bead { src: k - 1..k, tgt: k - 1..k, cost: 0.0 },
                })
                .collect();
            (findings_on(4, &target, &beads), findings_on(18, &target, &beads))
        };
        let (left, put) = with_moved(sentence(4));
        let moved = |found: &[Finding], kind: Kind, what: &str| {
            found.iter().any(|f| f.kind == kind && f.severity == Severity::Minor && f.message.contains(what))
        };
        assert!(
            moved(&left, Kind::Omission, "translated out of place, as translation sentence 18 in bead 19"),
            "{left:?}"
        );
        assert!(moved(&put, Kind::Addition, "renders source sentence 5 of bead 5"), "{put:?}");
        // An unrelated sentence there instead: the omission and the addition stand.
        let (left, put) = with_moved(sentence(900));
        assert!(left.iter().any(|f| f.kind == Kind::Omission && f.severity == Severity::Major), "{left:?}");
        assert!(put.iter().any(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{put:?}");
        assert!(left.iter().chain(&put).all(|f| !f.message.starts_with("moved")), "{left:?} {put:?}");
    }
}
