//! Repeated translation sentences: a plain repeat, and a sentence pasted in the wrong
//! place (the word-for-word copy of one that translates another source sentence).

use std::collections::HashMap;

use serde_json::json;

use super::calibration::{Calibration, SUBSTANTIAL};
use super::{join, round, same_text, sentences, short, single_spaced, Finding, Input, Kind, Severity};
use crate::align::features;

/// Which translation sentences have the same text (white space made single), and the
/// beads each such text appears in, in bead order. Short lines (`short`: a heading,
/// "Yes.") are left out.
pub(super) struct Copies {
    /// Per translation sentence, its text's group, if it has one.
    group: Vec<Option<usize>>,
    /// Per group, the beads holding its text.
    beads: Vec<Vec<usize>>,
}

impl Copies {
    pub(super) fn of(input: &Input) -> Copies {
        let mut groups: HashMap<String, usize> = HashMap::new();
        let mut copies = Copies { group: vec![None; input.target.len()], beads: Vec::new() };
        for (index, bead) in input.beads.iter().enumerate() {
            for j in bead.tgt.clone() {
                let text = single_spaced(input.target[j]);
                if short(&text) {
                    continue;
                }
                let next = groups.len();
                let g = *groups.entry(text).or_insert(next);
                if g == next {
                    copies.beads.push(Vec::new());
                }
                copies.beads[g].push(index);
                copies.group[j] = Some(g);
            }
        }
        copies
    }

    /// The beads holding translation sentence `j`'s text, its own included.
    fn of_sentence(&self, j: usize) -> &[usize] {
        self.group[j].map_or(&[], |g| self.beads[g].as_slice())
    }
}

/// A target sentence repeated where the source is not.
pub(super) fn duplicates(input: &Input, index: usize, copies: &Copies, found: &mut Vec<Finding>) {
    let bead = &input.beads[index];
    for j in bead.tgt.clone() {
        let Some(&first) = copies.of_sentence(j).first().filter(|&&first| first != index) else { continue };
        let src = join(input.source, bead.src.clone(), input.source_lang);
        let first_src = join(input.source, input.beads[first].src.clone(), input.source_lang);
        if !same_text(&src, &first_src) {
            found.push(Finding {
                kind: Kind::Duplicate,
                severity: Severity::Minor,
                message: format!("repeated: translation sentence {} already appears in bead {}", j + 1, first + 1),
                evidence: json!({"target": input.target[j], "first_bead": first}),
            });
        }
    }
}

/// A translation sentence that is word for word one that elsewhere clearly translates its
/// own source, where it translates nothing: a sentence pasted in the wrong place (a copy,
/// or a translation memory's match for another segment). In an unrelated-looking bead it
/// is a major mismatch, in place of the bead's own hint that its two sides differ; at the
/// edge of a merged bead that is as alike without it, a major addition (in place of the
/// finding that only says it matches nothing).
pub(super) fn pasted(input: &Input, c: &Calibration, index: usize, copies: &Copies, found: &mut Vec<Finding>) {
    let sim = c.similarity[index];
    let bead = &input.beads[index];
    if bead.src.is_empty() {
        return;
    }
    // The copy alone on its side, or a whole sentence (`SUBSTANTIAL`): beside other
    // lines, a short repeated line of a free translation ("Old Hai humphed.") is more
    // often the author's own refrain.
    let (a, b) = input.vectors.expect("calibrated from the vectors");
    let whole = |j: &usize| bead.tgt.len() == 1 || b.lengths[*j] as f64 >= SUBSTANTIAL * c.mean_len.1;
    let copy_of = |j: usize| copies.of_sentence(j).iter().find(|&&m| m != index && c.clearly_related(m)).copied();
    let copy = |j: usize, other: usize| {
        format!(
            "translation sentence {} repeats the translation of source {} in bead {}",
            j + 1,
            sentences(&input.beads[other].src),
            other + 1
        )
    };
    if c.unrelated(sim).is_some() {
        // A major reading already says what happened here (a shifted pair, a sentence
        // from far away).
        if found.iter().any(|f| f.severity >= Severity::Major) {
            return;
        }
        let Some((j, other)) = bead.tgt.clone().filter(whole).find_map(|j| Some((j, copy_of(j)?))) else { return };
        found.retain(|f| f.kind != Kind::LowSimilarity);
        found.push(Finding {
            kind: Kind::LowSimilarity,
            severity: Severity::Major,
            message: format!(
                "the translation says something else than the MT (similarity {sim:.2}, no more than unrelated sentences of this document reach): {} — a sentence pasted in the wrong place",
                copy(j, other)
            ),
            evidence: json!({"similarity": round(sim), "unrelated_level": round(c.unrelated), "copy_of_bead": other}),
        });
        return;
    }
    if bead.tgt.len() < 2 {
        return;
    }
    let edges =
        [(bead.tgt.start, bead.tgt.start + 1..bead.tgt.end), (bead.tgt.end - 1, bead.tgt.start..bead.tgt.end - 1)];
    let added = edges.into_iter().filter(|(j, _)| whole(j)).find_map(|(j, rest)| {
        let other = copy_of(j)?;
        (features::range_cosine(a, bead.src.clone(), b, rest) >= sim).then_some((j, other))
    });
    let Some((j, other)) = added else { return };
    found.retain(|f| !(f.kind == Kind::Addition && f.evidence["target"] == input.target[j]));
    found.push(Finding {
        kind: Kind::Addition,
        severity: Severity::Major,
        message: format!(
            "added: {}, and the bead is as alike without it — a sentence pasted in the wrong place",
            copy(j, other)
        ),
        evidence: json!({"target": input.target[j], "copy_of_bead": other}),
    });
}
