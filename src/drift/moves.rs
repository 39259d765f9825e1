//! Sentences the translation moved: missing where the source has them and rendered
//! elsewhere. The aligner keeps the order, so a move shows as an omission in one place
//! and an addition in another; told apart, the two say the text is there, out of place,
//! and ask for a look rather than raise an alarm.

use std::ops::Range;

use serde_json::{json, Value};

use super::calibration::{range_len, Calibration, SUBSTANTIAL};
use super::{ids, join, quote, sentences, Finding, Input, Kind, Severity};
use crate::align::features::{self, Vectors};

/// How many beads apart an omission and an addition must be to count as a move: closer,
/// the aligner has only drawn a boundary elsewhere, which the other checks name.
const APART: usize = 2;

/// One omission or addition: its bead, its place among the bead's findings, and the
/// sentences it is about.
struct Gap {
    bead: usize,
    finding: usize,
    ids: Range<usize>,
}

/// Turns each omission and addition that render one another into a pair of minor
/// findings naming where the text went and where it came from. A pair counts where each
/// is the other's closest match in the whole document, they are as alike as this
/// document's typical translation, beyond what unrelated sentences reach by chance, and
/// both are whole sentences (`SUBSTANTIAL`): every omission is tried with every addition,
/// and in a literary translation short lines match one another by chance.
pub(super) fn moves(input: &Input, calibration: &Calibration, findings: &mut [Vec<Finding>]) {
    let Some((a, b)) = input.vectors else { return };
    let omitted = gaps(findings, Kind::Omission, "source_ids");
    let added = gaps(findings, Kind::Addition, "target_ids");
    let sim = |o: &Gap, d: &Gap| {
        if o.bead.abs_diff(d.bead) < APART {
            return f64::NEG_INFINITY;
        }
        features::range_cosine(a, o.ids.clone(), b, d.ids.clone())
    };
    let mut pairs = Vec::new();
    for (k, d) in added.iter().enumerate() {
        let closest = omitted.iter().enumerate().map(|(m, o)| (m, sim(o, d))).max_by(|x, y| x.1.total_cmp(&y.1));
        let Some((m, s)) = closest else { break };
        // Nothing else in the document renders either better (so one omission is never
        // taken for two additions): a recurring name or phrase matches many lines.
        let o = &omitted[m];
        let best_in = |n: usize, len: usize, at: usize, cos: &dyn Fn(Range<usize>) -> f64| {
            (0..=n.saturating_sub(len)).all(|k| k == at || cos(k..k + len) < s)
        };
        let unique =
            best_in(input.target.len(), d.ids.len(), d.ids.start, &|t| features::range_cosine(a, o.ids.clone(), b, t))
                && best_in(input.source.len(), o.ids.len(), o.ids.start, &|r| {
                    features::range_cosine(a, r, b, d.ids.clone())
                });
        // Whole sentences: short lines ("之后呢？", "'No, ma'am.") match each other by chance.
        let whole =
            |v: &Vectors, ids: &Range<usize>, mean: f64| range_len(&v.lengths, ids.clone()) >= SUBSTANTIAL * mean;
        let substantial = whole(a, &o.ids, calibration.mean_len.0) && whole(b, &d.ids, calibration.mean_len.1);
        if unique && substantial && s >= calibration.typical && calibration.beyond_chance(s) {
            pairs.push((m, k, s));
        }
    }
    for (m, k, s) in pairs {
        let (o, d) = (&omitted[m], &added[k]);
        let evidence =
            json!({"source_ids": ids(&o.ids), "target_ids": ids(&d.ids), "similarity": (s * 1e4).round() / 1e4});
        findings[o.bead][o.finding] = Finding {
            kind: Kind::Omission,
            severity: Severity::Minor,
            message: format!(
                "moved: source {} {} is translated out of place, as translation {} in bead {}",
                sentences(&o.ids),
                quote(&join(input.source, o.ids.clone(), input.source_lang)),
                sentences(&d.ids),
                d.bead + 1
            ),
            evidence: evidence.clone(),
        };
        findings[d.bead][d.finding] = Finding {
            kind: Kind::Addition,
            severity: Severity::Minor,
            message: format!(
                "moved: translation {} {} renders source {} of bead {}, out of its place",
                sentences(&d.ids),
                quote(&join(input.target, d.ids.clone(), input.target_lang)),
                sentences(&o.ids),
                o.bead + 1
            ),
            evidence,
        };
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
