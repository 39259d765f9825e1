//! The reading behind a pair that looks unrelated: an alignment shifted by a sentence
//! with no counterpart, or a sentence in the wrong place.

use std::ops::Range;

use serde_json::json;

use super::calibration::Calibration;
use super::gaps::{fits_beside, gains_from, span};
use super::{ids, join, neighbours, quote, round, short, Finding, Input, Kind, Severity, NEARBY};
use crate::align::features::{self, Vectors};
use crate::align::Bead;

/// For an unrelated-looking bead: whether its translation renders a neighbouring source
/// sentence (so its own source sentences were omitted), or its source is rendered by a
/// neighbouring translation sentence (so its own translation was added).
/// A neighbour that looks like a translation makes the finding `major`; one that is only
/// likelier than the bead's own pair and beyond what unrelated pairs reach names the gap
/// at the severity the similarity alone earns (`weak`): in a free translation a true
/// neighbour often shares little with the MT, and the kind of the gap is still the
/// likelier reading than "says something else".
pub(super) fn shifted(input: &Input, c: &Calibration, index: usize, sim: f64, weak: Severity) -> Option<Finding> {
    let (a, b) = input.vectors?;
    let bead = &input.beads[index];
    // Each neighbouring source sentence against this translation, and each neighbouring
    // translation sentence against this source.
    let src_near: Vec<(usize, f64)> =
        neighbours(&bead.src, a.len()).map(|i| (i, features::range_cosine(a, i..i + 1, b, bead.tgt.clone()))).collect();
    let tgt_near: Vec<(usize, f64)> =
        neighbours(&bead.tgt, b.len()).map(|j| (j, features::range_cosine(a, bead.src.clone(), b, j..j + 1))).collect();
    let strong = |&(_, x): &(usize, f64)| c.alike(x) && c.beyond_chance(x) && x > sim;
    // A match of short text rests on a word or two ("Littérature :" in a sentence about
    // the literature): no sure witness.
    let mt_text = |r: Range<usize>| input.mt.map_or(String::new(), |mt| join(mt, r, input.target_lang));
    let substantive = |mt: Range<usize>, tgt: Range<usize>| {
        !short(&mt_text(mt)) && !short(&join(input.target, tgt, input.target_lang))
    };
    // The weak reading also needs the neighbour's own bead to gain from this bead's text
    // (`gains_source`, `gains_target`): a sentence swapped for unrelated text may share a
    // little with the next source sentence too, but joined to that sentence's bead it
    // only dilutes it.
    let likelier = |&(_, x): &(usize, f64)| x > c.unrelated && x > sim;
    let nothing = 0..0;
    // Whether the bead holding source sentence i (or translation sentence j) is more
    // alike with this bead's translation (or source) joined to it.
    let holding = |side: fn(&Bead) -> &Range<usize>, k: usize| {
        let at = input.beads.partition_point(|bd| side(bd).end <= k);
        input.beads.get(at).filter(|bd| side(bd).contains(&k))
    };
    let gains_source = |i: usize| holding(|bd| &bd.src, i).is_some_and(|bd| gains_from(a, b, bd, &nothing, &bead.tgt));
    let gains_target = |j: usize| holding(|bd| &bd.tgt, j).is_some_and(|bd| gains_from(a, b, bd, &bead.src, &nothing));
    // Below `major` the reading is a likelihood, and the message says so.
    let hedge = |severity: Severity, sure: &'static str, likely: &'static str| {
        if severity >= Severity::Major {
            sure
        } else {
            likely
        }
    };
    let omission = |i: usize, severity: Severity| {
        let src = join(input.source, bead.src.clone(), input.source_lang);
        Finding {
            kind: Kind::Omission,
            severity,
            message: format!(
                "{}: {} — the translation here {} source sentence {} instead",
                hedge(severity, "not translated", "perhaps not translated"),
                quote(&src),
                hedge(severity, "renders", "seems to render"),
                i + 1
            ),
            evidence: c
                .evidence(index, json!({"source": src, "source_ids": ids(&bead.src), "renders_source_sentence": i})),
        }
    };
    let addition = |j: usize, severity: Severity| {
        let tgt = join(input.target, bead.tgt.clone(), input.target_lang);
        Finding {
            kind: Kind::Addition,
            severity,
            message: format!(
                "{}: {} — the source here {} by translation sentence {}",
                hedge(severity, "added", "perhaps added"),
                quote(&tgt),
                hedge(severity, "is rendered", "seems to be rendered"),
                j + 1
            ),
            evidence: c.evidence(
                index,
                json!({"target": tgt, "target_ids": ids(&bead.tgt), "rendered_by_target_sentence": j}),
            ),
        }
    };
    // Even then, where this bead's own text also goes well with the bead beside it, the
    // aligner may only have drawn a boundary one sentence off: worth a look, no alarm.
    // So too where the neighbour joined to this bead's own text matches better than alone:
    // the translation renders both (two sentences translated as one).
    if let Some(&(i, x)) = src_near.iter().find(|n| strong(n) && substantive(n.0..n.0 + 1, bead.tgt.clone())) {
        let boundary = fits_beside(input, index, &bead.src, &nothing).is_some()
            || features::range_cosine(a, span(&bead.src, &(i..i + 1)), b, bead.tgt.clone()) > x;
        return Some(omission(i, if boundary { weak } else { Severity::Major }));
    }
    if let Some(&(j, x)) = tgt_near.iter().find(|n| strong(n) && substantive(bead.src.clone(), n.0..n.0 + 1)) {
        let boundary = fits_beside(input, index, &nothing, &bead.tgt).is_some()
            || features::range_cosine(a, bead.src.clone(), b, span(&bead.tgt, &(j..j + 1))) > x;
        return Some(addition(j, if boundary { weak } else { Severity::Major }));
    }
    if let Some(&(i, _)) = src_near.iter().find(|n| likelier(n) && gains_source(n.0)) {
        return Some(omission(i, weak));
    }
    tgt_near.iter().find(|n| likelier(n) && gains_target(n.0)).map(|&(j, _)| addition(j, weak))
}

/// A translation sentence of the bead at `index` that renders a source sentence far from
/// here (`rendered_elsewhere`).
pub(super) fn misplaced(input: &Input, c: &Calibration, index: usize) -> Option<Finding> {
    let (a, b) = input.vectors?;
    let bead = &input.beads[index];
    let sim = c.similarity[index];
    bead.tgt.clone().find_map(|j| {
        let (i, x) = rendered_elsewhere(c, a, b, j, &bead.src)?;
        Some(Finding {
            kind: Kind::LowSimilarity,
            severity: Severity::Major,
            message: format!(
                "the translation says something else than the MT (similarity {sim:.2}, no more than unrelated sentences of this document reach): translation sentence {} renders source sentence {}, far from here (similarity {x:.2}) — a sentence in the wrong place, or the translation of another one",
                j + 1,
                i + 1
            ),
            evidence: c.evidence(index, json!({"renders_source_sentence": i, "elsewhere_similarity": round(x)})),
        })
    })
}

/// The source sentence away from `src` (beyond `nearby`) whose MT translation sentence
/// `j` matches as closely as this document's clearest translations do, if there is one:
/// a sentence in the wrong place, or the translation of another sentence pasted here (a
/// memory match for a similar sentence).
fn rendered_elsewhere(
    c: &Calibration,
    mt: &Vectors,
    target: &Vectors,
    j: usize,
    src: &Range<usize>,
) -> Option<(usize, f64)> {
    let norm = target.dot(j, target, j).sqrt();
    let near = src.start.saturating_sub(NEARBY)..src.end + NEARBY;
    (src.start.saturating_sub(c.far)..(src.end + c.far).min(mt.len()))
        .filter(|i| !near.contains(i))
        .map(|i| {
            let norms = c.mt_norms[i] * norm;
            (i, if norms > 0.0 { (mt.dot(i, target, j) / norms) as f64 } else { 0.0 })
        })
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .filter(|&(_, sim)| sim >= c.clear)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::test_support::{eleventh, findings_with, words};
    use crate::test_text::sentence;

    #[test]
    fn a_pair_shifted_by_an_omission_names_it_and_a_swapped_sentence_does_not() {
        // Source sentence 11 left out; the next one rendered loosely (three words of six in
        // common with its MT), and the aligner pairs it with source 11 and merges 12-13.
        let loose = [&words(12)[..3], &words(777)[..3]].concat().join(" ") + ".";
        let target: Vec<String> = (0..24).filter(|&k| k != 11).map(sentence).collect();
        let beads: Vec<Bead> = (0..23)
            .map(|k| match k {
                0..12 => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                12 => Bead { src: 12..14, tgt: 12..13, cost: 0.0 },
                _ => Bead { src: k + 1..k + 2, tgt: k..k + 1, cost: 0.0 },
            })
            .collect();
        let found = eleventh(loose, beads, target);
        assert!(
            found.iter().any(|f| f.kind == Kind::Omission && f.message.contains("seems to render source sentence 13")),
            "{found:?}"
        );
        // The same place with an unrelated sentence swapped in: no neighbour gains from it.
        let target: Vec<String> = (0..24).map(sentence).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let found = eleventh(sentence(777), beads, target);
        assert!(found.iter().any(|f| f.kind == Kind::LowSimilarity), "{found:?}");
        assert!(found.iter().all(|f| f.kind != Kind::Omission && f.kind != Kind::Addition), "{found:?}");
        assert!(found.iter().all(|f| !f.message.contains("far from here")), "{found:?}");
    }

    #[test]
    fn a_heading_that_shares_its_one_word_with_the_sentence_beside_is_no_sure_shift() {
        // Source 11 is a one-word heading ("Literature:"), its translation a sentence from
        // elsewhere; the sentence before it, and its translation, end with that word.
        // The translation is a loose one: half of each sentence's words.
        let heading = words(11)[0].clone();
        let loose = |k: usize| [&words(k)[..3], &words(5000 + k)[..3]].concat().join(" ");
        let mut mt: Vec<String> = (0..24).map(sentence).collect();
        mt[10] = format!("{} {heading}.", sentence(10).trim_end_matches('.'));
        mt[11] = format!("{heading} :");
        let mut target: Vec<String> = (0..24).map(|k| loose(k) + ".").collect();
        target[10] = format!("{} {heading}.", loose(10));
        target[11] = sentence(777);
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let found = findings_with(11, mt.clone(), mt, &target, &beads);
        // Still worth a look, but no alarm.
        assert!(found.iter().any(|f| f.kind == Kind::LowSimilarity || f.kind == Kind::Addition), "{found:?}");
        assert!(found.iter().all(|f| f.severity < Severity::Major), "{found:?}");
    }

    #[test]
    fn a_translation_of_a_sentence_far_away_is_named_as_such() {
        // The translation of source sentence 4 pasted in place of sentence 12's.
        let target: Vec<String> = (0..24).map(sentence).collect();
        let beads: Vec<Bead> = (0..24).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let found = eleventh(sentence(3), beads, target);
        let misplaced = found.iter().find(|f| f.message.contains("renders source sentence 4, far from here"));
        assert!(misplaced.is_some_and(|f| f.kind == Kind::LowSimilarity && f.severity == Severity::Major), "{found:?}");
    }
}
