//! Numbers the translation lost, changed or made up, read with `numbers`.

use std::ops::Range;

use serde_json::json;

use super::numbers::{self, Quantity, Unit};
use super::{neighbours, quote, Finding, Kind, Severity};

/// The numbers of the sentences just before and just after a bead (not the bead's own:
/// a number the source has twice and the translation once is still missing).
pub(super) struct Nearby {
    pub(super) source: Vec<Quantity>,
    pub(super) target: Vec<Quantity>,
}

impl Nearby {
    /// Each neighbour read on its own, so figures at the end of one sentence and the
    /// start of the next never run together into one number.
    pub(super) fn quantities(texts: &[&str], range: &Range<usize>, lang: &str) -> Vec<Quantity> {
        neighbours(range, texts.len()).flat_map(|i| numbers::quantities(texts[i], lang)).collect()
    }
}

/// Numbers in the source that the translation lost or changed, and numbers it made up.
/// A number the neighbouring sentences have is left alone: where one sentence ends is
/// the alignment's guess, and the number is then translated, one sentence away.
/// `langs`: the source's language and the translation's (the MT's too).
/// Returns how many of the source's figures the MT confirms, and how many of those the
/// translation lost (not in it, nor in a sentence beside it).
pub(super) fn number_check(
    src: &str,
    mt: Option<&str>,
    tgt: &str,
    langs: (&str, &str),
    near: &Nearby,
    found: &mut Vec<Finding>,
) -> (usize, usize) {
    let (near_source, near_target) = (&near.source, &near.target);
    let source = numbers::quantities(src, langs.0);
    let mut target: Vec<(Quantity, bool)> = numbers::quantities(tgt, langs.1).into_iter().map(|q| (q, false)).collect();
    // "2.70" written as "2 fr. 70" or "15.30" as "15 h 30": a decimal whose two parts
    // both appear is the same figure.
    let source: Vec<Quantity> = source
        .into_iter()
        .filter(|s| {
            let Some((whole, fraction)) = numbers::decimal_parts(&s.text) else { return true };
            if target.iter().any(|(t, _)| t.same_value(s)) {
                return true;
            }
            // An unused plain target number of value `v`, other than `not`.
            let free = |v: f64, not: Option<usize>| {
                (0..target.len()).find(|&k| {
                    Some(k) != not && !target[k].1 && target[k].0.unit == Unit::Plain && target[k].0.value == v
                })
            };
            let Some((w, f)) = free(whole, None).and_then(|w| Some((w, free(fraction, Some(w))?))) else { return true };
            target[w].1 = true;
            target[f].1 = true;
            false
        })
        .collect();
    let mt_numbers = mt.map(|mt| numbers::quantities(mt, langs.1)).unwrap_or_default();
    let in_mt = |q: &Quantity| mt_numbers.iter().any(|m| m.same_value(q));
    let figure = |q: &Quantity| !q.soft && in_mt(q);
    let figures = source.iter().filter(|q| figure(q)).count();
    let mut missing = Vec::new();
    // Exact matches first, then the same value with another unit (40% → 40세).
    let mut rest = Vec::new();
    for s in source {
        match target.iter_mut().find(|(t, used)| !used && t.same_value(&s) && t.unit == s.unit) {
            Some(t) => t.1 = true,
            None => rest.push(s),
        }
    }
    for s in rest {
        match target.iter_mut().find(|(t, used)| !used && t.same_value(&s)) {
            Some((t, used)) => {
                *used = true;
                // Spelled-out numbers change form freely ("a hundred times no", "la
                // troisième fois"): a unit is compared between figures.
                if (s.unit != Unit::Plain || t.unit != Unit::Plain) && !s.soft && !t.soft {
                    let around = context(tgt, &t.text);
                    found.push(Finding {
                        kind: Kind::NumberMismatch,
                        severity: Severity::Critical,
                        message: format!(
                            "unit changed: {} ({}) in the source is {} ({}) in the translation: “{around}”",
                            quote(&s.text),
                            unit_name(s.unit),
                            quote(&t.text),
                            unit_name(t.unit)
                        ),
                        evidence: json!({"source": s.text, "target": t.text, "source_unit": s.unit, "target_unit": t.unit, "target_context": around}),
                    });
                }
            }
            None => missing.push(s),
        }
    }
    // A spelled-out number is only reported when the MT writes it as a figure (三千 as
    // "3,000"): one the MT spells out too ("zwei", "deux") may well be paraphrased.
    let in_mt_figures = |q: &Quantity| mt_numbers.iter().any(|m| !m.soft && m.same_value(q));
    missing.retain(|s| !near_target.iter().any(|t| t.same_value(s)));
    let lost = missing.iter().filter(|q| figure(q)).count();
    let extra: Vec<Quantity> = target
        .into_iter()
        .filter(|(t, used)| !used && !in_mt(t) && !near_source.iter().any(|s| s.same_value(t)))
        .map(|(t, _)| t)
        .collect();
    // List markers and ordinals ("2.", "（三）", "2e", "第三") are soft, as the other side
    // may leave them out or spell them out; but one on each side, neither matched, is a
    // changed number ("9." for "2." in a numbered list).
    let numbering = |q: &Quantity| q.numbering;
    let renumbered = missing.iter().any(numbering) && extra.iter().any(numbering);
    missing.retain(|s| !s.soft || in_mt_figures(s) || (renumbered && s.numbering));
    let extra: Vec<Quantity> = extra.into_iter().filter(|t| !t.soft || (renumbered && t.numbering)).collect();
    let texts = |qs: &[Quantity]| qs.iter().map(|q| q.text.clone()).collect::<Vec<_>>();
    if !missing.is_empty() && !extra.is_empty() {
        // A renumbered list item or ordinal changes less than a changed figure.
        let renumbered_only = missing.iter().chain(&extra).all(|q| q.soft);
        found.push(Finding {
            kind: Kind::NumberMismatch,
            severity: if renumbered_only { Severity::Major } else { Severity::Critical },
            message: format!(
                "{}: {} in the source, {} in the translation",
                if renumbered_only { "list item or ordinal renumbered" } else { "number changed" },
                texts(&missing).join(", "),
                texts(&extra).join(", ")
            ),
            evidence: json!({"source": texts(&missing), "target": texts(&extra)}),
        });
    } else if !missing.is_empty() {
        // A lost number written in digits and confirmed by the MT matters; a spelled-out
        // one may live on as a word ("the fifteenth team"), and an unconfirmed one may be
        // a misreading of ours.
        let confirmed = missing.iter().any(|q| !q.soft && in_mt(q));
        found.push(Finding {
            kind: Kind::NumberMismatch,
            severity: if confirmed { Severity::Major } else { Severity::Minor },
            message: format!("number missing from the translation: {}", texts(&missing).join(", ")),
            evidence: json!({"source": texts(&missing)}),
        });
    } else if !extra.is_empty() {
        // Translators add years and figures to explain; worth a glance, not an alarm.
        found.push(Finding {
            kind: Kind::NumberMismatch,
            severity: Severity::Minor,
            message: format!("number in the translation but not in the source: {}", texts(&extra).join(", ")),
            evidence: json!({"target": texts(&extra)}),
        });
    }
    (figures, lost)
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Plain => "no unit",
        Unit::Percent => "percent",
        Unit::Permille => "per mille",
        Unit::Times => "a multiple",
    }
}

/// A few words around `needle` in `text`, to show what a number was turned into.
fn context(text: &str, needle: &str) -> String {
    let Some(at) = text.find(needle) else { return quote(text) };
    let chars: Vec<char> = text.chars().collect();
    let start = text[..at].chars().count();
    let end = start + needle.chars().count();
    let (from, to) = (start.saturating_sub(16), (end + 16).min(chars.len()));
    let mut s: String = chars[from..to].iter().collect();
    if from > 0 {
        s = format!("…{s}");
    }
    if to < chars.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number findings on a German source, its French MT and translation.
    fn numbers(src: &str, mt: &str, tgt: &str, near_src: &str, near_tgt: &str) -> Vec<(Severity, String)> {
        let near = Nearby { source: numbers::quantities(near_src, "de"), target: numbers::quantities(near_tgt, "fr") };
        let mut found = Vec::new();
        number_check(src, Some(mt), tgt, ("de", "fr"), &near, &mut found);
        found.into_iter().map(|f| (f.severity, f.message)).collect()
    }

    #[test]
    fn roman_numerals_and_split_decimals_are_the_same_numbers() {
        assert_eq!(
            numbers("Lager 4 stand auf 6000 m.", "Camp 4 était à 6000 m.", "Le camp IV était à 6000 m.", "", ""),
            []
        );
        assert_eq!(numbers("Er erhält 2.70 Franken.", "Il reçoit 2,70 francs.", "Il reçoit 2 fr . 70 .", "", ""), []);
        // A changed figure is still one.
        let found = numbers("Er erhält 2.70 Franken.", "Il reçoit 2,70 francs.", "Il reçoit 2 fr . 80 .", "", "");
        assert!(found.iter().any(|(s, m)| *s == Severity::Critical && m.contains("2.70")), "{found:?}");
    }

    #[test]
    fn a_number_the_translation_spells_out_is_the_same_number() {
        let found =
            numbers("Sie bestiegen 2 Gipfel.", "Ils ont gravi 2 sommets.", "Ils gravirent deux sommets.", "", "");
        assert_eq!(found, []);
        let found =
            numbers("Sie bestiegen 3 Gipfel.", "Ils ont gravi 3 sommets.", "Ils gravirent deux sommets.", "", "");
        assert!(found.iter().any(|(s, m)| *s == Severity::Major && m.contains('3')), "{found:?}");
    }

    #[test]
    fn a_renumbered_list_item_is_a_changed_number_and_a_dropped_marker_is_not() {
        let src = "2. Dem Offizier sind monatlich 200 Rupien zu zahlen.";
        let mt = "2ème L'officier doit recevoir 200 roupies par mois.";
        let renumbered = numbers(src, mt, "9. L'expédition paiera 200 roupies par mois à l'officier.", "", "");
        assert!(
            renumbered
                .iter()
                .any(|(s, m)| *s == Severity::Major && m.contains("renumbered: 2 in the source, 9 in the translation")),
            "{renumbered:?}"
        );
        assert_eq!(numbers(src, mt, "2. L'expédition paiera 200 roupies par mois à l'officier.", "", ""), []);
        assert_eq!(numbers(src, mt, "L'expédition paiera 200 roupies par mois à l'officier.", "", ""), []);
    }

    #[test]
    fn a_chinese_list_marker_renumbered_is_a_changed_number_and_dropped_is_not() {
        let check = |src: &str, mt: &str, tgt: &str| {
            let mut found = Vec::new();
            let near = Nearby { source: Vec::new(), target: Vec::new() };
            number_check(src, Some(mt), tgt, ("zh", "en"), &near, &mut found);
            found.into_iter().map(|f| (f.severity, f.message)).collect::<Vec<_>>()
        };
        let (src, mt) = ("（三）加强监测", "(3) Strengthen monitoring");
        let renumbered = check(src, mt, "(4) Strengthening monitoring");
        assert!(
            renumbered.iter().any(|(s, m)| *s == Severity::Major && m.contains("renumbered: 三 in the source, 4")),
            "{renumbered:?}"
        );
        assert_eq!(check(src, mt, "(3) Strengthening monitoring"), []);
        assert_eq!(check(src, mt, "Strengthening monitoring"), []);
        assert_eq!(check("一、总体要求", "1. General requirements", "I. General requirements"), []);
    }

    #[test]
    fn a_number_in_the_neighbouring_sentence_is_left_to_the_alignment() {
        let src = "Am 9. Mai erreichten sie den Gipfel (Liste Nr. 57).";
        let mt = "Le 9 mai, ils ont atteint le sommet (liste n° 57).";
        let tgt = "Le sommet fut atteint le 9 mai.";
        let lost = numbers(src, mt, tgt, "", "");
        assert!(lost.iter().any(|(s, m)| *s == Severity::Major && m.contains("57")), "{lost:?}");
        assert_eq!(numbers(src, mt, tgt, "", "(N° 57 de la liste.)"), []);
    }
}
