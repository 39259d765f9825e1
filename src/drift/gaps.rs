//! Sentences with no counterpart: a bead alone on its side, and whether the bead beside
//! it would take it (a free rendering the aligner kept apart rather than a gap).

use std::ops::Range;

use serde_json::json;

use super::calibration::{range_len, Calibration};
use super::{ids, quote, sentences, short, Finding, Input, Kind, Severity};
use crate::align::features::{self, Vectors};
use crate::align::Bead;

/// Sentences with no counterpart on the other side (the bead at `index`, alone on its
/// side). A gap that the bead before or after it matches better with it than without,
/// or whose length it makes up (`fills_out`), is likelier a free rendering of that bead's
/// text (two sentences translated as one, or one as two) that the aligner kept apart: a
/// hint, not an alarm. `filled` holds `filled_out`'s answer for every bead (with MT).
pub(super) fn gaps(
    input: &Input,
    filled: Option<&[Option<usize>]>,
    index: usize,
    src: &str,
    tgt: &str,
    found: &mut Vec<Finding>,
) {
    let bead = &input.beads[index];
    let fits = || {
        let matches = fits_beside(input, index, &bead.src, &bead.tgt).map(|nb| (nb, "which match better with it"));
        matches.or_else(|| {
            let lacking = if bead.src.is_empty() {
                "whose translation is short without it"
            } else {
                "whose source is short without it"
            };
            filled.and_then(|f| f[index]).map(|k| (&input.beads[k], lacking))
        })
    };
    let fits_note = |nb: Option<(&Bead, &str)>| match nb {
        Some((nb, why)) => {
            format!(" (or it goes with source {} and translation {}, {why})", sentences(&nb.src), sentences(&nb.tgt))
        }
        None => String::new(),
    };
    // Punctuation alone (", .", "....." from a scan) is nothing to translate.
    let words = |text: &str| text.chars().any(char::is_alphanumeric);
    if bead.tgt.is_empty() && words(src) {
        let fits = fits();
        // Without an MT the aligner matched the sentence by its own text only (names and
        // figures): its translation may well be there, in a neighbouring bead.
        let no_mt = without_mt(input, bead.src.clone()).is_some();
        found.push(Finding {
            kind: Kind::Omission,
            severity: if short(src) || fits.is_some() || no_mt { Severity::Minor } else { Severity::Major },
            message: format!(
                "not translated: {} has no counterpart in the translation{}{}",
                quote(src),
                fits_note(fits),
                if no_mt {
                    " (but the MT of this sentence is empty, so it could be matched only by its own names and figures)"
                } else {
                    ""
                }
            ),
            evidence: json!({"source": src, "source_ids": ids(&bead.src), "mt_empty": no_mt}),
        });
    }
    if bead.src.is_empty() && words(tgt) {
        let fits = fits();
        // Likewise a source sentence close by without MT may be what this renders.
        let near = index.saturating_sub(NEAR_BEADS)..(index + NEAR_BEADS + 1).min(input.beads.len());
        let no_mt = without_mt(input, input.beads[near].iter().flat_map(|bd| bd.src.clone()));
        found.push(Finding {
            kind: Kind::Addition,
            severity: if short(tgt) || fits.is_some() || no_mt.is_some() { Severity::Minor } else { Severity::Major },
            message: format!(
                "added: {} translates nothing in the source{}{}",
                quote(tgt),
                fits_note(fits),
                match no_mt {
                    Some(i) => format!(
                        " (but source sentence {}, close by, has an empty MT, so it could be matched only by its own names and figures)",
                        i + 1
                    ),
                    None => String::new(),
                }
            ),
            evidence: json!({"target": tgt, "target_ids": ids(&bead.tgt), "near_empty_mt": no_mt}),
        });
    }
}

/// The first of source sentences `ids` whose MT is empty (the MT service returned
/// nothing for it), if there is an MT.
fn without_mt(input: &Input, mut ids: impl Iterator<Item = usize>) -> Option<usize> {
    input.mt.and_then(|mt| ids.find(|&i| mt[i].trim().is_empty()))
}

/// How many beads to each side of an added sentence may hold the source sentence without
/// MT that it renders (a sentence translated as several lines spreads over a few beads).
const NEAR_BEADS: usize = 3;

/// For each bead alone on its side, the bead next to its run of such beads (alone on
/// the same side) that the run fills out (`fills_out`). Every bead of a run has the same
/// answer, so it is worked out once per run: a run of thousands of unmatched lines (a
/// translation with a long section of its own) costs one pass, not one per line.
pub(super) fn filled_out(input: &Input, c: &Calibration) -> Vec<Option<usize>> {
    let beads = input.beads;
    // Which side a bead is alone on: the translation's (added) or the source's.
    let alone = |k: usize| match (beads[k].src.is_empty(), beads[k].tgt.is_empty()) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let mut filled = vec![None; beads.len()];
    let mut start = 0;
    while start < beads.len() {
        let Some(added) = alone(start) else {
            start += 1;
            continue;
        };
        let end = (start..beads.len()).find(|&k| alone(k) != Some(added)).unwrap_or(beads.len());
        filled[start..end].fill(fills_out(input, c, start..end, added));
        start = end;
    }
    filled
}

/// The bead next to `run`, beads alone on one side (the translation's when `added`),
/// whose own pair is far off the document's length ratio, short on the run's side, and
/// on it with the whole run joined: a free rendering that says more (or less) than
/// the MT in sentences of their own ("Grandma gasped. What was she feeling?" for one
/// clause of the source), which share too little with the MT to match by similarity.
fn fills_out(input: &Input, c: &Calibration, run: Range<usize>, added: bool) -> Option<usize> {
    let (a, b) = input.vectors?;
    let beads = input.beads;
    let length: f64 = beads[run.clone()]
        .iter()
        .map(|bd| if added { range_len(&b.lengths, bd.tgt.clone()) } else { range_len(&a.lengths, bd.src.clone()) })
        .sum();
    [run.start.checked_sub(1), Some(run.end)].into_iter().flatten().filter(|&k| k < beads.len()).find(|&k| {
        let nb = &beads[k];
        let (x, y) = (range_len(&a.lengths, nb.src.clone()), range_len(&b.lengths, nb.tgt.clone()));
        let before = c.length_z(x, y);
        let after = if added { c.length_z(x, y + length) } else { c.length_z(x + length, y) };
        let lacking = if added { -before } else { before };
        x > 0.0 && y > 0.0 && lacking > FAR_OFF && after.abs() < ON
    })
}

/// How far (in robust standard deviations) a bead's length ratio must be off the
/// document's, and how near it with the run of gaps joined, for the run to be taken as
/// the rest of its free rendering. Measured in the drift bench: with "nearer" alone
/// (and 1.0 off), the literary set on its gold alignment lost a fifth of its injected
/// gaps found as major (a free translation's lengths vary so much that a neighbour is
/// often off by chance); so, it keeps them and still drops the aligner's false alarms.
const FAR_OFF: f64 = 1.5;
const ON: f64 = 1.0;

/// The bead just before or after bead `index` that matches better with the sentences
/// `src` and `tgt` of bead `index` joined to it, if one does.
pub(super) fn fits_beside<'a>(
    input: &Input<'a>,
    index: usize,
    src: &Range<usize>,
    tgt: &Range<usize>,
) -> Option<&'a Bead> {
    let (a, b) = input.vectors?;
    let around = [index.checked_sub(1), Some(index + 1)];
    around
        .into_iter()
        .flatten()
        .filter_map(|k| input.beads.get(k))
        .find(|nb| !nb.src.is_empty() && !nb.tgt.is_empty() && gains_from(a, b, nb, src, tgt))
}

/// Whether `bead` is more alike with the sentences `src` and `tgt` (next to it, either
/// may be empty) joined to it: they belong with it rather than standing alone.
pub(super) fn gains_from(a: &Vectors, b: &Vectors, bead: &Bead, src: &Range<usize>, tgt: &Range<usize>) -> bool {
    let before = features::range_cosine(a, bead.src.clone(), b, bead.tgt.clone());
    features::range_cosine(a, span(&bead.src, src), b, span(&bead.tgt, tgt)) > before
}

/// The smallest range covering two adjacent ranges (an empty one adds nothing).
pub(super) fn span(x: &Range<usize>, y: &Range<usize>) -> Range<usize> {
    match (x.is_empty(), y.is_empty()) {
        (_, true) => x.clone(),
        (true, false) => y.clone(),
        (false, false) => x.start.min(y.start)..x.end.max(y.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::check;
    use crate::drift::test_support::{findings_on, findings_with, german_french, input, words};
    use crate::test_text::sentence;

    #[test]
    fn a_line_alone_that_completes_its_neighbour_is_a_hint_and_an_unrelated_one_an_alarm() {
        // MT sentence 11 translated as two lines, the second left alone by the aligner.
        let added = |second: String| {
            let mut target: Vec<String> = (0..24).map(sentence).collect();
            target[11] = words(11)[..3].join(" ") + ",";
            target.insert(12, second);
            let beads: Vec<Bead> = (0..25)
                .map(|k| match k {
                    0..12 => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
                    12 => Bead { src: 12..12, tgt: 12..13, cost: 0.0 },
                    _ => Bead { src: k - 1..k, tgt: k..k + 1, cost: 0.0 },
                })
                .collect();
            findings_on(12, &target, &beads)
        };
        let rest = added(words(11)[3..].join(" ") + ".");
        assert!(rest.iter().any(|f| f.kind == Kind::Addition && f.severity == Severity::Minor), "{rest:?}");
        assert!(rest[0].message.contains("goes with source sentence 12 and translation sentence 12"), "{rest:?}");
        let other = added(format!("{} {}", sentence(900), sentence(901)));
        assert!(other.iter().any(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{other:?}");
    }

    #[test]
    fn added_lines_that_make_up_a_short_rendering_beside_them_are_a_hint() {
        // Source sentence 11 says twice as much as the others (its MT is two sentences);
        // the translation renders half of it and then `extra`, two lines of its own that
        // the aligner leaves alone (beads 11 and 12).
        let mt: Vec<String> =
            (0..24).map(|k| if k == 10 { format!("{} {}", sentence(10), sentence(30)) } else { sentence(k) }).collect();
        let source = (0..24).map(|k| sentence(500 + k)).collect::<Vec<_>>();
        let extra = [words(900)[..3].join(" ") + ".", words(901)[..3].join(" ") + "."];
        let bead = |src: Range<usize>, tgt: Range<usize>| Bead { src, tgt, cost: 0.0 };
        let beads: Vec<Bead> = (0..26)
            .map(|k| match k {
                0..=10 => bead(k..k + 1, k..k + 1),
                11 | 12 => bead(11..11, k..k + 1),
                _ => bead(k - 2..k - 1, k..k + 1),
            })
            .collect();
        let added = |rendering: String| {
            let mut target: Vec<String> = (0..24).map(sentence).collect();
            target[10] = rendering;
            target.splice(11..11, extra.clone());
            [11, 12].map(|k| findings_with(k, source.clone(), mt.clone(), &target, &beads))
        };
        // After the half rendering, the two lines make up its length: a hint that says so.
        for found in added(sentence(10)) {
            assert!(found.iter().all(|f| f.kind == Kind::Addition && f.severity == Severity::Minor), "{found:?}");
            assert!(found[0].message.contains("or it goes with source sentence 11 and translation sentence 11, whose translation is short without it"), "{found:?}");
        }
        // After a whole rendering, the same two lines are added.
        for found in added(format!("{} {}", sentence(10), sentence(30))) {
            assert!(found.iter().any(|f| f.kind == Kind::Addition && f.severity == Severity::Major), "{found:?}");
        }
    }

    #[test]
    fn an_omitted_sentence_is_major_and_an_omitted_short_line_a_hint() {
        let omitted = |line: &str| {
            let source = ["他们回到了村里。", line];
            let target = ["Ils sont rentrés au village."];
            let beads = [Bead { src: 0..1, tgt: 0..1, cost: 0.0 }, Bead { src: 1..2, tgt: 1..1, cost: 0.0 }];
            let found = check(&input(&beads, &source, &target, None, ("zh", "fr"), None)).remove(1);
            assert_eq!(found.len(), 1, "{found:?}");
            (found[0].kind, found[0].severity)
        };
        // "Dead?" is short in any script; a sentence about waiting three days for rescue is not.
        assert_eq!(omitted("“死了？”"), (Kind::Omission, Severity::Minor));
        assert_eq!(omitted("他们在山口等了三天才看到救援队。"), (Kind::Omission, Severity::Major));
    }

    #[test]
    fn punctuation_alone_is_no_gap() {
        let source = [", .", "Der Gipfel wurde am 9. Mai erreicht."];
        let target = ["Le sommet fut atteint le 9 mai.", "....."];
        let beads = [
            Bead { src: 0..1, tgt: 0..0, cost: 0.0 },
            Bead { src: 1..2, tgt: 0..1, cost: 0.0 },
            Bead { src: 2..2, tgt: 1..2, cost: 0.0 },
        ];
        let found = german_french(&source, None, &target, &beads);
        assert!(found.iter().all(Vec::is_empty), "{found:?}");
    }

    #[test]
    fn a_source_sentence_without_mt_is_no_alarm() {
        let source = ["Er kam.", "Ein langer Satz, den die MT nicht übersetzt hat."];
        // The first finding on bead `index`, with the second source sentence's MT.
        let first = |target: &[&str], beads: &[Bead], index: usize, second_mt: &str| {
            let mt = ["Il est venu.".to_string(), second_mt.to_string()];
            german_french(&source, Some(&mt), target, beads).remove(index).remove(0)
        };
        let translated = "Une longue phrase que la MT a traduite.";
        let beads = [Bead { src: 0..1, tgt: 0..1, cost: 0.0 }, Bead { src: 1..2, tgt: 1..1, cost: 0.0 }];
        let without = first(&["Il vint."], &beads, 1, "");
        assert!(without.severity == Severity::Minor && without.message.contains("MT of this sentence is empty"));
        assert_eq!(first(&["Il vint."], &beads, 1, translated).severity, Severity::Major);
        // Its translation, left unmatched beside it, is no alarm either.
        let target = ["Il vint.", "Une longue phrase, que rien ne permettait d'apparier."];
        let beads = [beads[0].clone(), beads[1].clone(), Bead { src: 2..2, tgt: 1..2, cost: 0.0 }];
        let without = first(&target, &beads, 2, "");
        assert!(without.severity == Severity::Minor && without.message.contains("source sentence 2, close by"));
        assert_eq!(first(&target, &beads, 2, translated).severity, Severity::Major);
    }
}
