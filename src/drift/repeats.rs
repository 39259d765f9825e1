//! Repeated translation sentences: a plain repeat, and a sentence pasted in the wrong
//! place (the word-for-word copy of one that translates another source sentence).

use std::collections::HashMap;
use std::ops::Range;

use serde_json::json;

use super::calibration::Calibration;
use super::{join, same_text, sentences, short, single_spaced, Finding, Input, Kind, Severity};
use crate::align::features;

/// Which translation sentences have the same text (white space made single), and which
/// bead holds the original of each such text. Short lines (`short`: a heading, "Yes.")
/// are left out.
pub(super) struct Copies {
    /// Per translation sentence, its text's group, if it has one.
    group: Vec<Option<usize>>,
    /// Per group, the bead holding the original (`original`).
    original: Vec<usize>,
}

impl Copies {
    pub(super) fn of(input: &Input) -> Copies {
        let mut groups: HashMap<String, usize> = HashMap::new();
        let mut group = vec![None; input.target.len()];
        // Per group, the beads holding its text, in bead order, and one of its sentences
        // (all have the same text, so the same vector).
        let (mut beads, mut sentence): (Vec<Vec<usize>>, Vec<usize>) = (Vec::new(), Vec::new());
        for (index, bead) in input.beads.iter().enumerate() {
            for j in bead.tgt.clone() {
                let text = single_spaced(input.target[j]);
                if short(&text) {
                    continue;
                }
                let next = groups.len();
                let g = *groups.entry(text).or_insert(next);
                if g == next {
                    beads.push(Vec::new());
                    sentence.push(j);
                }
                beads[g].push(index);
                group[j] = Some(g);
            }
        }
        let original = beads.iter().zip(sentence).map(|(holders, j)| original(input, holders, j)).collect();
        Copies { group, original }
    }

    /// The bead holding the original of translation sentence `j`'s text, if the text is
    /// in the index.
    fn original_of(&self, j: usize) -> Option<usize> {
        self.group[j].map(|g| self.original[g])
    }
}

/// A target sentence repeated where the source is not. The repeat is the copy that fits
/// its bead worse: of the beads holding the text, the one whose MT matches it best holds
/// the original (the first, without MT), so a sentence pasted ahead of its original is
/// the one named, and the original stays quiet.
pub(super) fn duplicates(input: &Input, index: usize, copies: &Copies, found: &mut Vec<Finding>) {
    let bead = &input.beads[index];
    for j in bead.tgt.clone() {
        let Some(original) = copies.original_of(j).filter(|&o| o != index) else { continue };
        let src = join(input.source, bead.src.clone(), input.source_lang);
        let original_src = join(input.source, input.beads[original].src.clone(), input.source_lang);
        if !same_text(&src, &original_src) {
            let place = if original < index { "already appears" } else { "appears again later" };
            let fits = if input.vectors.is_some() { ", whose MT matches it best" } else { "" };
            found.push(Finding {
                kind: Kind::Duplicate,
                severity: Severity::Minor,
                message: format!("repeated: translation sentence {} {place} in bead {}{fits}", j + 1, original + 1),
                evidence: json!({"target": input.target[j], "original_bead": original}),
            });
        }
    }
}

/// Of the beads `holders` holding translation sentence `j`'s text, the one whose MT
/// matches that text best (the first of equals), or the first without MT.
fn original(input: &Input, holders: &[usize], j: usize) -> usize {
    let Some((a, b)) = input.vectors.filter(|_| holders.len() > 1) else { return holders[0] };
    let fit = |m: usize| {
        let src = input.beads[m].src.clone();
        if src.is_empty() {
            f64::NEG_INFINITY
        } else {
            features::range_cosine(a, src, b, j..j + 1)
        }
    };
    // `max_by` keeps the last of equals: reversed, the first.
    holders.iter().rev().map(|&m| (m, fit(m))).max_by(|x, y| x.1.total_cmp(&y.1)).map_or(holders[0], |(m, _)| m)
}

/// A translation sentence that is word for word one that elsewhere clearly translates its
/// own source, where it translates nothing: a sentence pasted in the wrong place (a copy,
/// or a translation memory's match for another segment). At the edge of a merged bead
/// that is as alike without it, or whose source does not render it, it is a major
/// addition (in place of the finding that only says it matches nothing); in a bead whose
/// two sides are not alike, a major mismatch, in place of the bead's own hint that its
/// two sides differ. (A copy is the original where its MT matches it best: `original`.)
pub(super) fn pasted(input: &Input, c: &Calibration, index: usize, copies: &Copies, found: &mut Vec<Finding>) {
    let sim = c.similarity[index];
    let bead = &input.beads[index];
    if bead.src.is_empty() {
        return;
    }
    // The copy alone on its side, or a whole sentence (`Calibration::whole`): beside other
    // lines, a short repeated line of a free translation ("Old Hai humphed.") is more
    // often the author's own refrain.
    let (a, b) = input.vectors.expect("calibrated from the vectors");
    let whole = |j: &usize| bead.tgt.len() == 1 || c.whole(b, *j..*j + 1, false);
    let copy_of = |j: usize| copies.original_of(j).filter(|&m| m != index && c.clearly_related(m));
    // How alike translation sentence `j` is with the MT of source sentences `src`.
    let cos = |src: Range<usize>, j: usize| features::range_cosine(a, src, b, j..j + 1);
    let copy = |j: usize, other: usize| {
        format!(
            "translation sentence {} repeats the translation of source {} in bead {}",
            j + 1,
            sentences(&input.beads[other].src),
            other + 1
        )
    };
    // At the edge of a merged bead that is as alike without it, or whose source does not
    // render it as its original's source does (a copy that brings along a few words the
    // bead's MT has, and so raises its similarity a little): added.
    if bead.tgt.len() >= 2 {
        let edges =
            [(bead.tgt.start, bead.tgt.start + 1..bead.tgt.end), (bead.tgt.end - 1, bead.tgt.start..bead.tgt.end - 1)];
        let renders = |src: Range<usize>, j: usize| c.alike(cos(src, j));
        let added = edges.into_iter().filter(|(j, _)| whole(j)).find_map(|(j, rest)| {
            let other = copy_of(j)?;
            if features::range_cosine(a, bead.src.clone(), b, rest) >= sim {
                Some((j, other, "the bead is as alike without it"))
            } else if renders(input.beads[other].src.clone(), j) && !renders(bead.src.clone(), j) {
                Some((j, other, "this bead's source does not render it"))
            } else {
                None
            }
        });
        if let Some((j, other, why)) = added {
            found.retain(|f| !(f.kind == Kind::Addition && f.evidence["target"] == input.target[j]));
            found.push(Finding {
                kind: Kind::Addition,
                severity: Severity::Major,
                message: format!("added: {}, and {why} — a sentence pasted in the wrong place", copy(j, other)),
                evidence: json!({"target": input.target[j], "copy_of_bead": other}),
            });
            return;
        }
    }
    // In a bead whose two sides are not alike, in place of what the similarity alone
    // says; unless a major reading already says what happened (a shifted pair, a
    // sentence from far away).
    if c.alike(sim) || found.iter().any(|f| f.severity >= Severity::Major) {
        return;
    }
    // Here also a copy whose original's bead is loose as a whole (a merged bead of a
    // noisy text), where the original's own source renders it beyond what unrelated
    // sentences reach, and better than this bead's does.
    let rendered_there = |j: usize| {
        copies.original_of(j).filter(|&m| {
            let there = cos(input.beads[m].src.clone(), j);
            m != index
                && !input.beads[m].src.is_empty()
                && c.unrelated(there).is_none()
                && there > cos(bead.src.clone(), j)
        })
    };
    let pasted_here = bead.tgt.clone().filter(whole).find_map(|j| Some((j, copy_of(j).or_else(|| rendered_there(j))?)));
    let Some((j, other)) = pasted_here else { return };
    found.retain(|f| f.kind != Kind::LowSimilarity);
    let level = if c.unrelated(sim).is_some() {
        "no more than unrelated sentences of this document reach"
    } else {
        "less than this document's translations share with theirs"
    };
    found.push(Finding {
        kind: Kind::LowSimilarity,
        severity: Severity::Major,
        message: format!(
            "the translation says something else than the MT (similarity {sim:.2}, {level}): {} — a sentence pasted in the wrong place",
            copy(j, other)
        ),
        evidence: c.evidence(index, json!({"copy_of_bead": other})),
    });
}
