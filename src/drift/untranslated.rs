//! Translation text left in the source language or script.

use serde_json::json;

use super::script::{self, Script};
use super::{same_text, Finding, Input, Kind, Severity};
use crate::align::Bead;
use crate::lang::Detector;

/// Target text still in the source language or script; says whether it found some.
pub(super) fn untranslated(
    input: &Input,
    readers: &Readers,
    bead: &Bead,
    src: &str,
    mt: Option<&str>,
    tgt: &str,
    found: &mut Vec<Finding>,
) -> bool {
    // The bead as a whole, or else each of its translation sentences: one sentence left
    // in the source language beside a translated one is a small share of the bead's
    // letters (a Chinese sentence has few letters beside an English one). Sentence by
    // sentence only the script and a copy count: a language guess on one short sentence
    // of a same-script pair is too often wrong.
    let (text, reason, which) = match untranslated_reason(input, readers, src, tgt, true) {
        Some(reason) => (tgt, reason, None),
        None if bead.tgt.len() > 1 => {
            let Some((j, reason)) = bead
                .tgt
                .clone()
                .find_map(|j| Some((j, untranslated_reason(input, readers, src, input.target[j], false)?)))
            else {
                return false;
            };
            (input.target[j], reason, Some(j))
        }
        None => return false,
    };
    let reason = match which {
        Some(j) => format!("translation sentence {} — {reason}", j + 1),
        None => reason,
    };
    // Where the MT keeps the text (nearly) as it is too, it is names or a title: left as
    // written on purpose, most likely. ("Nanga Parbat, Cho Oyu, le Gasherbrum.") A
    // translation in the source's own language is compared with the source itself, not
    // an MT, which so says nothing.
    let letters_of =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let kept_by_mt = input.source_lang != input.target_lang
        && mt.is_some_and(|mt| {
            let (mt, text) = (letters_of(mt), letters_of(text));
            similar::TextDiff::from_chars(mt.as_str(), text.as_str()).ratio() >= 0.9
        });
    found.push(Finding {
        kind: Kind::Untranslated,
        severity: if kept_by_mt { Severity::Minor } else { Severity::Major },
        message: if kept_by_mt {
            format!("untranslated: {reason}; the MT leaves it as it is too (names or a title?)")
        } else {
            format!("untranslated: {reason}")
        },
        evidence: json!({"target": text, "source_lang": input.source_lang, "target_lang": input.target_lang}),
    });
    true
}

/// Language detection for text left in the source language: between the pair's two
/// languages, which tells close ones apart best, and over every language, so that text in
/// a third language (an English title in a French translation of German) is not taken
/// for the source language for being more like it than like the target.
pub(super) struct Readers {
    pair: Detector,
    open: Detector,
}

impl Readers {
    pub(super) fn new(input: &Input) -> Option<Readers> {
        let pair = Detector::new(&[input.source_lang.to_string(), input.target_lang.to_string()]).ok()?;
        Some(Readers { pair, open: Detector::new(&[]).ok()? })
    }

    /// Whether `text` reads as the source language, and as no third one.
    fn in_source(&self, input: &Input, text: &str) -> bool {
        let pair = self.pair.detect(text);
        let third = || {
            let open = self.open.detect(text);
            open.reliable && open.lang != input.source_lang && open.lang != input.target_lang
        };
        pair.reliable && pair.lang == input.source_lang && !third()
    }
}

/// Why `tgt` reads as text left in the source language, if it does (`guess`: also by
/// detecting its language).
fn untranslated_reason(input: &Input, readers: &Readers, src: &str, tgt: &str, guess: bool) -> Option<String> {
    let (source_script, target_script) = (script::of_lang(input.source_lang), script::of_lang(input.target_lang));
    if !tgt.chars().any(char::is_alphabetic) {
        return None;
    }
    // How much text, a Chinese character counting as three letters: "今天天气很好。" is a
    // sentence, "Cho Oyu" or "东京" a name.
    let amount = crate::lang::letters(tgt);
    if let Some(share) = script::share_only_in(tgt, source_script, target_script) {
        // Japanese left in a Chinese translation shows only in its kana, a third or so of
        // a Japanese sentence's letters; other scripts show in all of them.
        let (least, which) = match (source_script, target_script) {
            (Script::Kana, Script::Han) => (0.2, "are kana, which Chinese does not use"),
            _ => (0.5, "are in the source's script"),
        };
        (share >= least).then(|| format!("{:.0}% of its letters {which}", share * 100.0))
    } else if src.is_empty() {
        None
    } else if same_text(src, tgt) && amount >= 8 {
        Some("it is the source text, copied".to_string())
    } else if guess {
        (amount >= 20 && input.source_lang != input.target_lang && readers.in_source(input, tgt))
            .then(|| format!("it reads as {} (the source language)", input.source_lang))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::check;
    use crate::drift::test_support::{input, on_one_pair};

    #[test]
    fn a_chinese_translation_that_is_the_source_is_untranslated_to_the_shortest_sentence() {
        // The source handed in as its own translation: both read as Chinese.
        let source = ["今天天气很好。", "我们去公园散步。", "公园里有很多人。", "孩子们在玩耍。"];
        let beads: Vec<Bead> = (0..4).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let found = check(&input(&beads, &source, &source, None, ("zh", "zh"), None));
        for f in &found {
            assert!(f.iter().any(|f| f.kind == Kind::Untranslated && f.message.contains("copied")), "{found:?}");
        }
        // A name of two characters, the same on both sides, is no sentence left as it was.
        let names = ["东京", "东京"];
        let found = check(&input(&beads[..1], &names[..1], &names[1..], None, ("zh", "ja"), None));
        assert!(found[0].iter().all(|f| f.kind != Kind::Untranslated), "{found:?}");
    }

    #[test]
    fn japanese_and_chinese_share_characters_but_not_kana() {
        let beads: Vec<Bead> = (0..2).map(|k| Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 }).collect();
        let japanese = ["東京都の人口は増加した。", "大阪府の経済は毎年少しずつ成長している。"];
        let chinese = ["东京都的人口增加了。", "大阪府的经济每年都在慢慢地增长，已经连续增长了十多年。"];
        let untranslated = |found: &[Vec<Finding>], k: usize| found[k].iter().any(|f| f.kind == Kind::Untranslated);
        // Translations, either way: written in Chinese characters, and none is untranslated.
        for (source, target, langs) in [(&japanese, &chinese, ("ja", "zh")), (&chinese, &japanese, ("zh", "ja"))] {
            let found = check(&input(&beads, source, target, None, langs, None));
            assert!(!untranslated(&found, 0) && !untranslated(&found, 1), "{langs:?}: {found:?}");
        }
        // Japanese left in a Chinese translation shows in its kana.
        let left = [chinese[0], japanese[1]];
        let found = check(&input(&beads, &japanese, &left, None, ("ja", "zh"), None));
        assert!(!untranslated(&found, 0) && untranslated(&found, 1), "{found:?}");
        assert!(found[1].iter().any(|f| f.message.contains("kana")), "{found:?}");
        // Chinese left in a Japanese translation reads as Chinese.
        let left = [japanese[0], chinese[1]];
        let found = check(&input(&beads, &chinese, &left, None, ("zh", "ja"), None));
        assert!(!untranslated(&found, 0) && untranslated(&found, 1), "{found:?}");
    }

    #[test]
    fn an_english_title_in_a_french_translation_of_german_is_not_left_in_german() {
        let untranslated = |src: &str, mt: &str, tgt: &str| {
            on_one_pair(src, mt, tgt).into_iter().any(|f| f.kind == Kind::Untranslated)
        };
        let title = "E.Beletski , Mountaineering in USSR . The Alpine Journal , n° 293 ( Nov .";
        let src = "Beletsky : Mountaineering in the USSR « The Alpine Journal » , N° 293 ( Nov .";
        assert!(!untranslated(src, "Beletsky : L'alpinisme en URSS « The Alpine Journal » , N° 293 ( Nov .", title));
        let src = "Die Träger kehrten am nächsten Morgen ins Basislager zurück, müde und hungrig.";
        let mt = "Les porteurs sont retournés au camp de base le lendemain matin, fatigués et affamés.";
        assert!(untranslated(src, mt, "Die Träger kehrten am nächsten Morgen ins Lager zurück, müde und hungrig."));
    }

    #[test]
    fn names_the_mt_keeps_nearly_as_they_are_are_only_a_hint() {
        let untranslated = |src: &str, mt: &str, tgt: &str| {
            on_one_pair(src, mt, tgt).into_iter().find(|f| f.kind == Kind::Untranslated).map(|f| f.severity)
        };
        let names = "Nanga Parbat , Cho Oyu , Gasherbrum . ";
        assert_eq!(untranslated(names, "Nanga Parbat, Cho Oyu, le Gasherbrum.", names), Some(Severity::Minor));
        let sentence = "Die Träger kehrten am nächsten Morgen ins Basislager zurück.";
        let mt = "Les porteurs sont retournés au camp de base le lendemain matin.";
        assert_eq!(untranslated(sentence, mt, sentence), Some(Severity::Major));
    }

    #[test]
    fn one_sentence_left_in_the_source_language_beside_a_translated_one_is_untranslated() {
        let source = ["他甚至觉得，旁边几幅彩旗在微风中飘出的皱褶都向他传递着莫尔斯电码。他努力去理解。"];
        let target = [
            "他甚至觉得，旁边几幅彩旗在微风中飘出的皱褶都向他传递着莫尔斯电码。",
            "He struggled to understand all the messages, and felt the passing of the countdown, second by second.",
        ];
        let beads = [Bead { src: 0..1, tgt: 0..2, cost: 0.0 }];
        let found = check(&input(&beads, &source, &target, None, ("zh", "en"), None)).remove(0);
        assert!(
            found.iter().any(|f| f.kind == Kind::Untranslated
                && f.severity == Severity::Major
                && f.message.contains("translation sentence 1")),
            "{found:?}"
        );
    }
}
