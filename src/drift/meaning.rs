//! Meaning and coverage of a bead against its MT: a pair that says something else, a
//! sentence of a merged bead that the other side does not cover, a translation far
//! shorter than the MT, and the shifted alignment or misplaced sentence behind a pair
//! that looks unrelated.

use std::ops::Range;

use serde_json::{json, Value};

use super::calibration::{range_len, Calibration, SUBSTANTIAL};
use super::gaps::{fits_beside, gains_from, span};
use super::{join, neighbours, quote, round, short, Finding, Input, Kind, Severity};
use crate::align::features::{self, Vectors};
use crate::align::Bead;

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
    /// Long enough to matter (`SUBSTANTIAL`).
    substantial: bool,
    /// Above what unrelated pairs reach: it matches a little, and the bead no better for it.
    faint: bool,
}

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
    let evidence = |extra: Value| {
        let mut e = json!({"similarity": round(sim), "document_typical": round(c.typical), "unrelated_level": round(c.unrelated)});
        if let (Value::Object(e), Value::Object(x)) = (&mut e, extra) {
            e.extend(x);
        }
        e
    };
    // In a merged bead, a sentence of one side that the other side does not cover was
    // dropped (or added). Uncovered: as dissimilar as unrelated pairs, and the bead is
    // no more alike with it than without it. Only a substantial sentence (not an
    // exclamation or a name) makes it a major finding.
    let part_findings =
        |own: &Vectors, other: &Vectors, mine: Range<usize>, theirs: Range<usize>, source_side: bool| {
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
                let mean = if source_side { c.mean_len.0 } else { c.mean_len.1 };
                let substantial = own.lengths[k] as f64 >= 0.3 * range_len(&own.lengths, mine.clone())
                    && own.lengths[k] as f64 >= SUBSTANTIAL * mean;
                // Lengths are a second, independent witness: the bead's length is off the
                // document's usual ratio with the sentence and on it without.
                let (own_len, other_len) =
                    (range_len(&own.lengths, mine.clone()), range_len(&other.lengths, theirs.clone()));
                let z = |own_len: f64| {
                    if source_side {
                        c.length_z(own_len, other_len)
                    } else {
                        c.length_z(other_len, own_len)
                    }
                };
                let lengths_agree = z(own_len).abs() > 2.0 && z(own_len - own.lengths[k] as f64).abs() < 1.0;
                let severity = if substantial && !belongs && adds_nothing && (level == Severity::Major || lengths_agree)
                {
                    Severity::Major
                } else {
                    Severity::Minor
                };
                out.push(Gap { sentence: k, similarity: part, severity, substantial, faint });
            }
            out
        };
    let before = found.len();
    let mut dropped = part_findings(a, b, bead.src.clone(), bead.tgt.clone(), true);
    let mut added = part_findings(b, a, bead.tgt.clone(), bead.src.clone(), false);
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
            evidence: evidence(json!({"source": input.source[i], "target": input.target[j], "pair_similarity": round(pair)})),
        });
    }
    // A faint gap's message says that it shares a little, but adds nothing.
    let as_alike = ", and the bead is as alike without it";
    for Gap { sentence: i, similarity: part, severity, faint, .. } in dropped {
        if severity == Severity::Major {
            uncovered.source.push(i);
        }
        found.push(Finding {
            kind: Kind::Omission,
            severity,
            message: if faint {
                format!("partly omitted: source sentence {} is hardly covered by the translation{as_alike}", i + 1)
            } else {
                format!("partly omitted: source sentence {} is not covered by the translation", i + 1)
            },
            evidence: evidence(json!({"source": input.source[i], "sentence_similarity": round(part)})),
        });
    }
    for Gap { sentence: j, similarity: part, severity, faint, .. } in added {
        if severity == Severity::Major {
            uncovered.target.push(j);
        }
        found.push(Finding {
            kind: Kind::Addition,
            severity,
            message: if faint {
                format!("partly added: translation sentence {} matches little in the source{as_alike}", j + 1)
            } else {
                format!("partly added: translation sentence {} matches nothing in the source", j + 1)
            },
            evidence: evidence(json!({"target": input.target[j], "sentence_similarity": round(part)})),
        });
    }
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
            evidence: evidence(json!({"length_ratio": round(ratio)})),
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
        let misplaced = || {
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
                    evidence: evidence(json!({"renders_source_sentence": i, "elsewhere_similarity": round(x)})),
                })
            })
        };
        let shift = match shifted(input, c, index, sim, severity) {
            Some(sure) if sure.severity >= Severity::Major => Some(sure),
            likely => misplaced().or(likely),
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
            evidence: evidence(json!({})),
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
            evidence: evidence(json!({"length_ratio": round(ratio), "robust_z": round(z)})),
        });
    }
    false
}

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
            evidence: json!({"source": src, "similarity": round(sim), "renders_source_sentence": i}),
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
            evidence: json!({"target": tgt, "similarity": round(sim), "rendered_by_target_sentence": j}),
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

/// How far around a bead `nearby` looks.
const NEARBY: usize = 5;

/// Up to `NEARBY` sentences on each side of `range`.
fn nearby(range: &Range<usize>, len: usize) -> impl Iterator<Item = usize> {
    (range.start.saturating_sub(NEARBY)..range.start).chain(range.end..(range.end + NEARBY).min(len))
}

/// The source sentence away from `src` (beyond `nearby`) whose MT translation sentence
/// `j` matches as closely as this document's clearest translations do, if there is one:
/// a sentence in the wrong place, or the translation of another sentence pasted here (a
/// memory match for a similar sentence).
pub(super) fn rendered_elsewhere(
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
