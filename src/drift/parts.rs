//! A sentence of a merged bead that the other side does not cover: dropped from the
//! translation, added to it, or (one on each side) translated as something else.

use std::ops::Range;

use serde_json::json;

use super::calibration::{range_len, Calibration};
use super::{nearby, quote, round, Finding, Input, Kind, Severity};
use crate::align::features::{self, Vectors};

/// The sentences of a merged bead that `meaning` reports as a major gap: omitted
/// source sentences and added translation sentences.
#[derive(Default)]
pub(super) struct Uncovered {
    pub(super) source: Vec<usize>,
    pub(super) target: Vec<usize>,
}

/// A sentence of a merged bead that the other side does not cover.
struct Gap {
    sentence: usize,
    /// Its similarity with the other side of the bead.
    similarity: f64,
    severity: Severity,
    /// Long enough to matter (`Calibration::whole`).
    substantial: bool,
    /// Above what unrelated pairs reach: it matches a little, and the bead no better for it.
    faint: bool,
}

/// The gaps of the merged bead at `index`: omitted source sentences and added
/// translation sentences, and a pair of the two that say different things. Those
/// reported as major go into `uncovered`.
pub(super) fn parts(input: &Input, c: &Calibration, index: usize, found: &mut Vec<Finding>, uncovered: &mut Uncovered) {
    let bead = &input.beads[index];
    let (a, b) = input.vectors.expect("calibrated from the vectors");
    let mut dropped = gaps_of(c, a, b, bead.src.clone(), bead.tgt.clone(), true);
    let mut added = gaps_of(c, b, a, bead.tgt.clone(), bead.src.clone(), false);
    // A sentence at the bead's edge that the other side's sentence just across that edge
    // clearly renders is not dropped (or added): the boundary is a sentence off. `across`
    // gives that sentence: for sentence k of `mine`, the one of `theirs` beyond its edge.
    let across = |k: usize, mine: &Range<usize>, theirs: &Range<usize>, len: usize| {
        if k + 1 == mine.end {
            Some(theirs.end).filter(|&o| o < len)
        } else if k == mine.start {
            theirs.start.checked_sub(1)
        } else {
            None
        }
    };
    dropped.retain(|d| {
        let o = across(d.sentence, &bead.src, &bead.tgt, b.len());
        !o.is_some_and(|o| c.alike(features::row_cosine(a, d.sentence, b, o)))
    });
    added.retain(|e| {
        let o = across(e.sentence, &bead.tgt, &bead.src, a.len());
        !o.is_some_and(|o| c.alike(features::row_cosine(a, o, b, e.sentence)))
    });
    // A source sentence and a translation sentence that both match nothing are one
    // sentence translated as something else: a mismatch, not a gap on each side.
    // An alarm when either gap is one, or both are whole sentences: in a free
    // translation's merged bead, short lines that match nothing on either side ('Works?'
    // for 'Of course!') are often only rendered differently.
    while let (Some(d), Some(e)) = (dropped.first(), added.first()) {
        let (i, j) = (d.sentence, e.sentence);
        let severity = if d.severity.max(e.severity) >= Severity::Major || (d.substantial && e.substantial) {
            Severity::Major
        } else {
            Severity::Minor
        };
        let pair = features::range_cosine(a, i..i + 1, b, j..j + 1);
        if c.unrelated(pair).is_none() {
            break;
        }
        dropped.remove(0);
        added.remove(0);
        found.push(Finding {
            kind: Kind::LowSimilarity,
            severity,
            message: format!(
                "source sentence {} and translation sentence {} {}say different things: similarity {pair:.2}, no more than unrelated sentences reach ({:.2})",
                i + 1,
                j + 1,
                if severity >= Severity::Major { "" } else { "perhaps " },
                c.unrelated
            ),
            evidence: c.evidence(index, json!({"source": input.source[i], "target": input.target[j], "pair_similarity": round(pair)})),
        });
    }
    report(&DROPPED, dropped, input.source, c, index, found, &mut uncovered.source);
    report(&ADDED, added, input.target, c, index, found, &mut uncovered.target);
}

/// How a gap on one side of a bead is reported.
struct Wording {
    kind: Kind,
    /// The message up to the sentence's number, and after its text for a gap that
    /// matches nothing, and for a faint one (it shares a little, but the bead is as alike
    /// without).
    lead: &'static str,
    nothing: &'static str,
    faint: &'static str,
    /// The evidence fields holding the sentence and its number (as a list, like the
    /// other findings on sentences with no counterpart).
    key: &'static str,
    ids_key: &'static str,
}

const DROPPED: Wording = Wording {
    kind: Kind::Omission,
    lead: "partly omitted: source sentence",
    nothing: "is not covered by the translation",
    faint: "is hardly covered by the translation, and the bead is as alike without it",
    key: "source",
    ids_key: "source_ids",
};

const ADDED: Wording = Wording {
    kind: Kind::Addition,
    lead: "partly added: translation sentence",
    nothing: "matches nothing in the source",
    faint: "matches little in the source, and the bead is as alike without it",
    key: "target",
    ids_key: "target_ids",
};

/// The findings on the gaps of one side (`texts` its sentences); those reported as major
/// go into `uncovered`.
fn report(
    wording: &Wording,
    gaps: Vec<Gap>,
    texts: &[&str],
    c: &Calibration,
    index: usize,
    found: &mut Vec<Finding>,
    uncovered: &mut Vec<usize>,
) {
    for Gap { sentence, similarity, severity, faint, .. } in gaps {
        if severity == Severity::Major {
            uncovered.push(sentence);
        }
        let Wording { kind, lead, nothing, faint: shares_little, key, ids_key } = *wording;
        found.push(Finding {
            kind,
            severity,
            message: format!(
                "{lead} {} {} {}",
                sentence + 1,
                quote(texts[sentence]),
                if faint { shares_little } else { nothing }
            ),
            evidence: c.evidence(
                index,
                json!({key: texts[sentence], ids_key: [sentence], "sentence_similarity": round(similarity)}),
            ),
        });
    }
}

/// In a merged bead, a sentence of one side that the other side does not cover was
/// dropped (or added). Uncovered: as dissimilar as unrelated pairs, and the bead is
/// no more alike with it than without it. Only a substantial sentence (not an
/// exclamation or a name) makes it a major finding.
/// `mine` are the sentences of one side (rows of `own`), `theirs` the other side's.
fn gaps_of(
    c: &Calibration,
    own: &Vectors,
    other: &Vectors,
    mine: Range<usize>,
    theirs: Range<usize>,
    source_side: bool,
) -> Vec<Gap> {
    let mut out = Vec::new();
    if mine.len() < 2 {
        return out;
    }
    // Similarity of some of my rows with some of theirs, MT side first.
    let cos = |m: Range<usize>, t: Range<usize>| {
        if source_side {
            features::range_cosine(own, m, other, t)
        } else {
            features::range_cosine(other, t, own, m)
        }
    };
    let pair = |m: Range<usize>| cos(m, theirs.clone());
    let whole = pair(mine.clone());
    for k in mine.clone() {
        let part = pair(k..k + 1);
        // Without a sentence at either end, the rest is still one range.
        let rest = if k == mine.start {
            Some(k + 1..mine.end)
        } else if k + 1 == mine.end {
            Some(mine.start..k)
        } else {
            None
        };
        let adds_nothing = rest.is_some_and(|r| pair(r) >= whole);
        // A free translation often shares little with the MT sentence by sentence;
        // but a sentence that still matches its own bead better than any other
        // sentence nearby belongs here: only a weak sign of a gap.
        let belongs = nearby(&theirs, other.len()).all(|o| cos(k..k + 1, o..o + 1) < part);
        // As dissimilar as unrelated pairs, the sentence matches nothing. Above that
        // but not alike, it may still be one the aligner took in for want of a
        // better place: a hint where the bead gains nothing from it and a sentence
        // nearby matches it better. (Short unrelated sentences of one topic share
        // enough words to pass the unrelated level.)
        let (level, faint) = match c.unrelated(part) {
            Some(level) => (level, false),
            None if adds_nothing && !belongs && !c.alike(part) => (Severity::Minor, true),
            None => continue,
        };
        // Substantial: a sizeable part of the bead, and not much shorter than this
        // side's usual sentence. A short line that matches nothing ("He couldn't
        // do anything about it.") is often a translator's connective: a hint.
        let substantial =
            own.lengths[k] as f64 >= 0.3 * range_len(&own.lengths, mine.clone()) && c.whole(own, k..k + 1, source_side);
        // Lengths are a second, independent witness: the bead's length is off the
        // document's usual ratio with the sentence and on it without.
        let (own_len, other_len) = (range_len(&own.lengths, mine.clone()), range_len(&other.lengths, theirs.clone()));
        let z = |own_len: f64| {
            if source_side {
                c.length_z(own_len, other_len)
            } else {
                c.length_z(other_len, own_len)
            }
        };
        let lengths_agree = z(own_len).abs() > 2.0 && z(own_len - own.lengths[k] as f64).abs() < 1.0;
        let severity = if substantial && !belongs && adds_nothing && (level == Severity::Major || lengths_agree) {
            Severity::Major
        } else {
            Severity::Minor
        };
        out.push(Gap { sentence: k, similarity: part, severity, substantial, faint });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;
    use crate::drift::test_support::{
        boundary_late, findings_on, findings_with, with_an_extra_sentence, with_one_merged, words,
    };
    use crate::test_text::sentence;

    #[test]
    fn a_source_sentence_rendered_just_across_its_beads_edge_is_not_dropped() {
        // An unrelated sentence inserted after translation sentence 11; the aligner draws
        // the boundary a sentence late: source 11-12 with translation 11 and the insertion,
        // source 13 with the translations of 12 and 13.
        let mut target: Vec<String> = (0..24).map(sentence).collect();
        target.insert(11, format!("{} {}", sentence(900), sentence(901)));
        let beads = boundary_late(23, (10..12, 10..12), (12..13, 12..14), (1, 2));
        let found = findings_on(10, &target, &beads);
        assert!(found.iter().any(|f| f.kind == Kind::Addition && f.message.contains("sentence 12")), "{found:?}");
        assert!(found.iter().all(|f| f.kind != Kind::LowSimilarity && f.kind != Kind::Omission), "{found:?}");
    }

    #[test]
    fn a_translation_sentence_rendering_the_source_just_across_its_beads_edge_is_not_added() {
        // Source sentence 12 left out of the translation; the aligner draws the boundary a
        // sentence late on the translation's side: source 11-12 with translations 11 and
        // 13, then source 13-14 with translation 14.
        let target: Vec<String> = (0..24).filter(|&k| k != 11).map(sentence).collect();
        let beads = boundary_late(22, (10..12, 10..12), (12..14, 12..13), (2, 1));
        let found = findings_on(10, &target, &beads);
        assert!(
            found.iter().any(|f| f.kind == Kind::Omission && f.message.contains("source sentence 12")),
            "{found:?}"
        );
        assert!(found.iter().all(|f| f.kind != Kind::LowSimilarity && f.kind != Kind::Addition), "{found:?}");
    }

    #[test]
    fn a_pair_of_lines_in_a_merged_bead_that_match_nothing_is_as_sure_as_its_surer_gap() {
        // Bead 11 joins sentences 11-12 on both sides; the second of each side is replaced.
        let merged = |mt_12: String, target_12: String| {
            let mut mt: Vec<String> = (0..24).map(sentence).collect();
            mt[11] = mt_12;
            let mut target: Vec<String> = (0..24).map(sentence).collect();
            target[11] = target_12;
            let beads: Vec<Bead> = (0..23)
                .map(|k| match k {
                    0..10 => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                    10 => Bead { src: 10..12, tgt: 10..12, cost: 0.0 },
                    _ => Bead { src: k + 1..k + 2, tgt: k + 1..k + 2, cost: 0.0 },
                })
                .collect();
            let source = (0..24).map(|k| sentence(500 + k)).collect();
            findings_with(10, source, mt, &target, &beads)
        };
        let mismatch = |found: &[Finding]| found.iter().find(|f| f.kind == Kind::LowSimilarity).map(|f| f.severity);
        // Two whole sentences that say different things: an alarm.
        let swapped = merged(sentence(11), sentence(900));
        assert_eq!(mismatch(&swapped), Some(Severity::Major), "{swapped:?}");
        // Two short lines rendered differently (a free translation's dialogue): a hint.
        let lines = merged("Vexo!".into(), "Quozi!".into());
        assert_eq!(mismatch(&lines), Some(Severity::Minor), "{lines:?}");
    }

    #[test]
    fn an_added_sentence_is_major_and_an_added_short_line_a_hint() {
        let long = with_an_extra_sentence(&format!("{} {}", sentence(900), sentence(901)));
        assert!(long.iter().any(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{long:?}");
        let short = with_an_extra_sentence("Quozi kadro fibel yanshape.");
        assert!(short.iter().all(|f| f.severity == Severity::Minor), "{short:?}");
    }

    #[test]
    fn a_sentence_taken_into_a_bead_that_shares_a_little_with_it_is_still_found() {
        // An added sentence of the same topic: two words of its bead's MT, three of the
        // MT of a sentence nearby. Above what unrelated pairs reach, yet the bead is no
        // more alike with it, and the sentence nearby matches it better. (Major here, as
        // the bead's length is off this document's exact ratio with it and on it without.)
        let extra = [&words(10)[..2], &words(13)[..3], &words(950)[..1]].concat().join(" ") + ".";
        let found = with_an_extra_sentence(&extra);
        assert!(
            found.iter().any(|f| f.kind == Kind::Addition
                && f.message.starts_with(&format!("partly added: translation sentence 12 “{extra}” matches little"))),
            "{found:?}"
        );
        // The second half of the bead's own sentence, split off, belongs to it: nothing.
        let mut target: Vec<String> = (0..24).map(sentence).collect();
        target[10] = words(10)[..3].join(" ") + ",";
        target.insert(11, words(10)[3..].join(" ") + ".");
        let split = findings_on(10, &target, &with_one_merged(10));
        assert!(split.is_empty(), "{split:?}");
    }
}
