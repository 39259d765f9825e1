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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;
    use crate::drift::check;
    use crate::drift::test_support::{findings_on, input, with_one_merged, words};
    use crate::test_text::sentence;

    #[test]
    fn a_copy_of_a_translation_from_elsewhere_is_a_sentence_pasted_in_the_wrong_place() {
        // A free translation (each sentence keeps three words of its MT's six), where
        // sentence 12 is replaced by a copy of sentence 9: too near for the search for
        // sentences far away, and on similarity alone only a hint in so free a text.
        let free = |k: usize| [&words(k)[..3], &words(600 + k)[..3]].concat().join(" ") + ".";
        let mut target: Vec<String> = (0..24).map(free).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        target[11] = free(8);
        let found = findings_on(11, &target, &beads);
        let pasted =
            found.iter().find(|f| f.message.contains("repeats the translation of source sentence 9 in bead 9"));
        assert!(pasted.is_some_and(|f| f.kind == Kind::LowSimilarity && f.severity == Severity::Major), "{found:?}");
        assert_eq!(found.iter().filter(|f| f.kind == Kind::LowSimilarity).count(), 1, "{found:?}");
        // An unrelated sentence there, copied from nowhere, stays a hint.
        target[11] = free(888);
        let found = findings_on(11, &target, &beads);
        assert!(found.iter().all(|f| f.severity < Severity::Major), "{found:?}");
        // In a freer translation (two words of six kept), a copy of sentence 9 added after
        // sentence 12 and merged with it by the aligner: an addition that names the copy.
        let freer = |k: usize| [&words(k)[..2], &words(600 + k)[..4]].concat().join(" ") + ".";
        let mut target: Vec<String> = (0..24).map(freer).collect();
        target[8] = free(8);
        target.insert(12, free(8));
        let found = findings_on(11, &target, &with_one_merged(11));
        let added =
            found.iter().find(|f| f.message.contains("sentence 13 repeats the translation of source sentence 9"));
        assert!(added.is_some_and(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{found:?}");
    }

    #[test]
    fn a_repeat_is_named_where_it_fits_worse_and_without_mt_where_it_comes_second() {
        // The translation of source sentence 16 also pasted after sentence 6's, ahead of
        // its original; the aligner merges the copy into bead 6.
        let mut target: Vec<String> = (0..24).map(sentence).collect();
        target.insert(6, sentence(15));
        let beads = with_one_merged(5);
        let duplicate = |found: &[Finding]| found.iter().any(|f| f.kind == Kind::Duplicate);
        let copy = findings_on(5, &target, &beads);
        let named = copy.iter().find(|f| f.kind == Kind::Duplicate);
        assert!(named.is_some_and(|f| f.message.contains("appears again later in bead 16")), "{copy:?}");
        assert!(!duplicate(&findings_on(15, &target, &beads)));
        // Without MT nothing says which fits; the second one is the repeat.
        let source: Vec<String> = (0..24).map(|k| sentence(500 + k)).collect();
        let source: Vec<&str> = source.iter().map(String::as_str).collect();
        let texts: Vec<&str> = target.iter().map(String::as_str).collect();
        let found = check(&input(&beads, &source, &texts, None, ("zh", "fr"), None));
        assert!(!duplicate(&found[5]), "{:?}", found[5]);
        assert!(found[15].iter().any(|f| f.message.contains("already appears in bead 6")), "{:?}", found[15]);
    }

    #[test]
    fn a_copy_in_a_pair_only_loosely_alike_is_pasted_too() {
        // Sentence 12 replaced by a copy of sentence 9's translation with a few of its own
        // MT's words around it: more alike than unrelated pairs, less than translations.
        let mut target: Vec<String> = (0..24).map(sentence).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        target[11] = format!("{} {}", words(11)[..2].join(" "), sentence(8));
        target[8] = target[11].clone();
        let found = findings_on(11, &target, &beads);
        let pasted = found.iter().find(|f| f.message.contains("repeats the translation of source sentence 9"));
        assert!(pasted.is_some_and(|f| f.kind == Kind::LowSimilarity && f.severity == Severity::Major), "{found:?}");
    }

    #[test]
    fn a_copy_of_a_sentence_from_a_loose_merged_bead_is_pasted_too() {
        // A free translation (three words of six kept) in which source sentences 9 and 10
        // are merged with a rendering of 9 and a line of the translator's own: loose as a
        // whole. Sentence 12 is replaced by a copy of that rendering of 9.
        let free = |k: usize| [&words(k)[..3], &words(600 + k)[..3]].concat().join(" ") + ".";
        let mut target: Vec<String> = (0..24).map(free).collect();
        target[9] = sentence(888);
        target[11] = free(8);
        let bead = |src: Range<usize>, tgt: Range<usize>| Bead { src, tgt, cost: 0.0 };
        let beads: Vec<Bead> = (0..23)
            .map(|k| match k {
                0..8 => bead(k..k + 1, k..k + 1),
                8 => bead(8..10, 8..10),
                _ => bead(k + 1..k + 2, k + 1..k + 2),
            })
            .collect();
        let found = findings_on(10, &target, &beads);
        let pasted = found.iter().find(|f| f.message.contains("repeats the translation of source sentences 9"));
        assert!(pasted.is_some_and(|f| f.kind == Kind::LowSimilarity && f.severity == Severity::Major), "{found:?}");
        assert!(pasted.is_some_and(|f| f.message.contains("in bead 9")), "{found:?}");
    }

    #[test]
    fn a_copy_its_original_renders_and_its_new_place_does_not_is_pasted_there() {
        // Translation sentence 5 carries three words of source 11's MT besides its own
        // sentence, and is copied after a loose rendering of sentence 11 (three words of
        // six): the copy brings those words along, so the bead is more alike with it than
        // without it, but the copy is a translation of source 5, not of 11.
        let copy = format!("{} {}.", sentence(4).trim_end_matches('.'), words(10)[3..].join(" "));
        let mut target: Vec<String> = (0..24).map(sentence).collect();
        target[4] = copy.clone();
        target[10] = [&words(10)[..3], &words(777)[..3]].concat().join(" ") + ".";
        target.insert(11, copy);
        let found = findings_on(10, &target, &with_one_merged(10));
        let pasted = found.iter().find(|f| f.message.contains("repeats the translation of source sentence 5"));
        assert!(pasted.is_some_and(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{found:?}");
        assert!(pasted.is_some_and(|f| f.message.contains("this bead's source does not render it")), "{found:?}");
    }
}
