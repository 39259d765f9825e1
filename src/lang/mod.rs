//! Language detection, per text, per paragraph and per document.
//!
//! Scripts decide first, because they are certain where statistics are not: Hangul means
//! Korean, kana means Japanese, Han without kana means Chinese. Everything else goes to
//! `whatlang`'s trigram models, restricted to an optional allow-list. A document's
//! language is the one most of its text is in; the document is *mixed* when a real
//! amount of it (not a stray name) is reliably in another language.
//!
//! Codes are ISO 639-1 (`en`, `zh`, `ko`); `und` means undetermined.

mod lexicon;

use serde::Serialize;
use whatlang::Lang as W;

use lexicon::Lexicon;

use crate::document::Document;
use crate::error::{Error, Result};

/// The code for "no language could be determined".
pub const UNDETERMINED: &str = "und";

/// whatlang's languages with their ISO 639-1 codes. Chinese, Japanese and Korean are
/// decided by script before whatlang is asked, so they appear here only for the allow-list.
const WHATLANG_CODES: &[(W, &str)] = &[
    (W::Afr, "af"),
    (W::Aka, "ak"),
    (W::Amh, "am"),
    (W::Ara, "ar"),
    (W::Aze, "az"),
    (W::Bel, "be"),
    (W::Ben, "bn"),
    (W::Bul, "bg"),
    (W::Cat, "ca"),
    (W::Ces, "cs"),
    (W::Cmn, "zh"),
    (W::Cym, "cy"),
    (W::Dan, "da"),
    (W::Deu, "de"),
    (W::Ell, "el"),
    (W::Eng, "en"),
    (W::Epo, "eo"),
    (W::Est, "et"),
    (W::Fin, "fi"),
    (W::Fra, "fr"),
    (W::Guj, "gu"),
    (W::Heb, "he"),
    (W::Hin, "hi"),
    (W::Hrv, "hr"),
    (W::Hun, "hu"),
    (W::Hye, "hy"),
    (W::Ind, "id"),
    (W::Ita, "it"),
    (W::Jav, "jv"),
    (W::Jpn, "ja"),
    (W::Kan, "kn"),
    (W::Kat, "ka"),
    (W::Khm, "km"),
    (W::Kor, "ko"),
    (W::Lat, "la"),
    (W::Lav, "lv"),
    (W::Lit, "lt"),
    (W::Mal, "ml"),
    (W::Mar, "mr"),
    (W::Mkd, "mk"),
    (W::Mya, "my"),
    (W::Nep, "ne"),
    (W::Nld, "nl"),
    (W::Nob, "nb"),
    (W::Ori, "or"),
    (W::Pan, "pa"),
    (W::Pes, "fa"),
    (W::Pol, "pl"),
    (W::Por, "pt"),
    (W::Ron, "ro"),
    (W::Rus, "ru"),
    (W::Sin, "si"),
    (W::Slk, "sk"),
    (W::Slv, "sl"),
    (W::Sna, "sn"),
    (W::Spa, "es"),
    (W::Srp, "sr"),
    (W::Swe, "sv"),
    (W::Tam, "ta"),
    (W::Tel, "te"),
    (W::Tgl, "tl"),
    (W::Tha, "th"),
    (W::Tuk, "tk"),
    (W::Tur, "tr"),
    (W::Ukr, "uk"),
    (W::Urd, "ur"),
    (W::Uzb, "uz"),
    (W::Vie, "vi"),
    (W::Yid, "yi"),
    (W::Zul, "zu"),
];

const CJK_LANGS: [&str; 3] = ["zh", "ja", "ko"];

/// How many common words whatlang's trigram vote is worth (scaled by its confidence).
const TRIGRAM_WEIGHT: f64 = 1.0;

/// Share of a paragraph's text that must be in a second script before the paragraph
/// counts as mixed.
const MIXED_PARAGRAPH_SHARE: f64 = 0.25;
/// A document is mixed when another language holds this share of its text...
const MIXED_DOCUMENT_SHARE: f64 = 0.05;
/// ...or at least this many units (a CJK character, or three letters), a whole phrase.
const MIXED_DOCUMENT_UNITS: f64 = 8.0;

/// The language guessed for one piece of text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Guess {
    pub lang: &'static str,
    /// 0..1: how much of the text's evidence supports `lang`.
    pub confidence: f64,
    /// Whether the guess stands on enough evidence to act on alone.
    pub reliable: bool,
    /// Text amount in units (one CJK character or three letters of other scripts).
    pub units: f64,
    /// A second language holding a large share of the text, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<OtherLang>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherLang {
    pub lang: &'static str,
    /// Share of the text's units in this language.
    pub share: f64,
}

/// One paragraph's language in a document.
#[derive(Debug, Clone, Serialize)]
pub struct ParagraphLanguage {
    pub index: usize,
    pub lang: &'static str,
    pub confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<OtherLang>,
}

/// A document's language and its paragraphs' languages.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentLanguage {
    pub lang: &'static str,
    pub confidence: f64,
    pub mixed: bool,
    /// Every language found, with its share of the document's text, largest first.
    pub languages: Vec<OtherLang>,
    pub paragraphs: Vec<ParagraphLanguage>,
}

/// A configured detector: build once, use for many texts.
pub struct Detector {
    whatlang: whatlang::Detector,
    lexicon: Lexicon,
    allow: Option<Vec<&'static str>>,
}

/// Character counts by script, the evidence the script rules work from.
#[derive(Debug, Default, Clone, Copy)]
struct ScriptCounts {
    han: usize,
    kana: usize,
    hangul: usize,
    /// Letters of every other script (Latin, Cyrillic, Arabic, ...).
    other: usize,
}

impl ScriptCounts {
    fn of(text: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        for c in text.chars() {
            match script_of(c) {
                Some(Script::Han) => counts.han += 1,
                Some(Script::Kana) => counts.kana += 1,
                Some(Script::Hangul) => counts.hangul += 1,
                Some(Script::Other) => counts.other += 1,
                None => {}
            }
        }
        counts
    }

    fn cjk_units(&self) -> f64 {
        (self.han + self.kana + self.hangul) as f64
    }

    /// Three letters of an alphabet carry about as much as one CJK character.
    fn other_units(&self) -> f64 {
        self.other as f64 / 3.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Script {
    Han,
    Kana,
    Hangul,
    Other,
}

fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    match u {
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2FFFF | 0xF900..=0xFAFF => Some(Script::Han),
        // The katakana middle dot (U+30FB) also separates names in Chinese text.
        0x30FB => None,
        0x3040..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Some(Script::Kana),
        0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F => Some(Script::Hangul),
        _ if c.is_alphabetic() => Some(Script::Other),
        _ => None,
    }
}

/// How much text there is, in letters of an alphabet: a CJK character counts as three
/// (as in the script rules), a digit as one. "Short" means the same in every script:
/// "死了？" is as short as "Dead?".
pub fn letters(text: &str) -> usize {
    let counts = ScriptCounts::of(text);
    let digits = text.chars().filter(char::is_ascii_digit).count();
    ((counts.cjk_units() + counts.other_units()) * 3.0).round() as usize + digits
}

/// Whether a language is written in a CJK script (the script rules decide it).
pub fn is_cjk(lang: &str) -> bool {
    CJK_LANGS.contains(&lang)
}

/// Sentences of `lang` joined as the language writes them: no space between sentences
/// in Chinese and Japanese, one space elsewhere.
pub fn join_sentences<S: AsRef<str>>(parts: impl IntoIterator<Item = S>, lang: &str) -> String {
    let sep = if matches!(lang, "zh" | "ja") { "" } else { " " };
    parts.into_iter().map(|s| s.as_ref().to_string()).collect::<Vec<_>>().join(sep)
}

/// Checks an ISO 639-1 code against the languages the detector knows; returns its static form.
pub fn known_code(code: &str) -> Option<&'static str> {
    // A full tag (`zh-Hant`, `pt-BR`) names its language by the first subtag.
    let code = code.trim().to_ascii_lowercase();
    let primary = code.split(['-', '_']).next().unwrap_or("");
    WHATLANG_CODES.iter().map(|(_, c)| *c).find(|c| *c == primary)
}

/// Characters only Traditional Chinese writes, and their Simplified forms (common ones).
const TRADITIONAL: &str = "們個這來說為對學發經與時會國醫還開關長門問間題體點動實種當過現麼後從見話給讓應該變據機構務設計產業區縣鄉鎮農衛療藥養護險費團黨書寫語識讀聽買賣錢銀歲億萬";
const SIMPLIFIED: &str = "们个这来说为对学发经与时会国医还开关长门问间题体点动实种当过现么后从见话给让应该变据机构务设计产业区县乡镇农卫疗药养护险费团党书写语识读听买卖钱银岁亿万";

/// Whether Chinese text is written in Traditional characters: more of the common
/// characters that differ in their Traditional form than in their Simplified one.
pub fn written_in_traditional(text: &str) -> bool {
    let (mut traditional, mut simplified) = (0usize, 0usize);
    for c in text.chars() {
        traditional += usize::from(TRADITIONAL.contains(c));
        simplified += usize::from(SIMPLIFIED.contains(c));
    }
    traditional > simplified
}

/// The language tag to ask an MT service for: the tag given when it says more than the
/// language (`zh-Hant`, `zh-TW`), `zh-Hant` for Chinese written in Traditional
/// characters, else the language code.
pub fn mt_tag(lang: &'static str, given: Option<&str>, text: &str) -> String {
    match given.map(str::trim) {
        Some(tag) if tag.contains(['-', '_']) => tag.replace('_', "-"),
        _ if lang == "zh" && written_in_traditional(text) => "zh-Hant".to_string(),
        _ => lang.to_string(),
    }
}

impl Detector {
    /// A detector over all languages, or only `allow` (ISO 639-1 codes) when it is not empty.
    pub fn new(allow: &[String]) -> Result<Detector> {
        if allow.is_empty() {
            return Ok(Detector { whatlang: whatlang::Detector::new(), lexicon: Lexicon::new(|_| true), allow: None });
        }
        let mut codes = Vec::new();
        for code in allow {
            let known = known_code(code).ok_or_else(|| {
                Error::Usage(format!("unknown language code `{code}` in the allow-list (use ISO 639-1 codes such as en, zh, ko, ja, de, fr)"))
            })?;
            if !codes.contains(&known) {
                codes.push(known);
            }
        }
        let whatlang_langs: Vec<W> =
            WHATLANG_CODES.iter().filter(|(_, c)| codes.contains(c) && !is_cjk(c)).map(|(w, _)| *w).collect();
        // An allow-list of CJK languages only leaves whatlang nothing to choose from:
        // give it an impossible list so alphabetic text comes back undetermined.
        let whatlang = if whatlang_langs.is_empty() {
            whatlang::Detector::with_allowlist(vec![W::Cmn])
        } else {
            whatlang::Detector::with_allowlist(whatlang_langs)
        };
        let lexicon = Lexicon::new(|l| codes.contains(&l));
        Ok(Detector { whatlang, lexicon, allow: Some(codes) })
    }

    fn allowed(&self, lang: &str) -> bool {
        self.allow.as_ref().is_none_or(|a| a.contains(&lang))
    }

    /// Guesses the language of one piece of text (a sentence, a phrase, a paragraph).
    pub fn detect(&self, text: &str) -> Guess {
        let counts = ScriptCounts::of(text);
        let cjk = counts.cjk_units();
        let other = counts.other_units();
        let total = cjk + other;
        if total == 0.0 {
            return Guess { lang: UNDETERMINED, confidence: 0.0, reliable: false, units: 0.0, other: None };
        }
        let cjk_leads = cjk >= other;
        let (lead, lead_units, second_units) =
            if cjk_leads { (self.cjk_guess(&counts), cjk, other) } else { (self.alphabetic_guess(text), other, cjk) };
        let mut guess = Guess {
            lang: lead.0,
            confidence: lead.1 * lead_units / total,
            reliable: lead.2,
            units: total,
            other: None,
        };
        let share = second_units / total;
        if share >= MIXED_PARAGRAPH_SHARE && second_units >= 4.0 {
            let second = if cjk_leads {
                let letters: String = text.chars().filter(|c| script_of(*c) != Some(Script::Han)).collect();
                self.alphabetic_guess(&letters)
            } else {
                self.cjk_guess(&counts)
            };
            if second.0 != UNDETERMINED && second.0 != guess.lang {
                guess.other = Some(OtherLang { lang: second.0, share: round3(share) });
            }
        }
        guess
    }

    /// The script rules: (language, confidence within CJK, reliable).
    fn cjk_guess(&self, c: &ScriptCounts) -> (&'static str, f64, bool) {
        let sinogram = (c.han + c.kana) as f64;
        let cjk = c.cjk_units();
        let reliable = cjk >= 2.0;
        let preferred: &[&'static str] = if c.hangul as f64 >= sinogram {
            &["ko"]
        } else if c.kana > 0 && c.kana as f64 * 20.0 >= sinogram {
            &["ja"]
        } else {
            // Han alone is Chinese, unless only Japanese is allowed (kanji-only phrases).
            &["zh", "ja"]
        };
        let confidence = if preferred[0] == "ko" { c.hangul as f64 / cjk } else { sinogram / cjk };
        match preferred.iter().find(|l| self.allowed(l)) {
            Some(lang) => (lang, confidence, reliable),
            None => (UNDETERMINED, 0.0, false),
        }
    }

    /// Everything that is not CJK: whatlang's trigram vote plus the common words of the
    /// lexicon. On a sentence both usually agree; on a two-word phrase the trigrams are
    /// weak and a single common word ("der", "the", "les") decides.
    fn alphabetic_guess(&self, text: &str) -> (&'static str, f64, bool) {
        let trigram = self.whatlang.detect(text).and_then(|info| {
            let code = WHATLANG_CODES.iter().find(|(w, _)| *w == info.lang()).map(|(_, c)| *c)?;
            self.allowed(code).then_some((code, info.confidence(), info.is_reliable()))
        });
        let Some(mut scores) = self.lexicon.scores(text) else {
            return trigram.unwrap_or((UNDETERMINED, 0.0, false));
        };
        if let Some((lang, confidence, _)) = trigram {
            match scores.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, s)) => *s += TRIGRAM_WEIGHT * confidence,
                None => scores.push((lang, TRIGRAM_WEIGHT * confidence)),
            }
        }
        scores.sort_by(|a, b| b.1.total_cmp(&a.1));
        let (lang, best) = scores[0];
        let runner_up = scores.get(1).map_or(0.0, |s| s.1);
        let trigram_reliable = trigram.is_some_and(|t| t.0 == lang && t.2);
        (lang, best / (best + runner_up), trigram_reliable || best - runner_up >= 2.0)
    }

    /// Detects every paragraph, then the document from them.
    pub fn detect_document(&self, doc: &Document) -> DocumentLanguage {
        let guesses: Vec<Guess> = (0..doc.paragraphs.len()).map(|i| self.detect(doc.paragraph(i))).collect();
        summarise(guesses)
    }
}

/// Sums paragraph evidence into the document's language, lets the document's language
/// decide paragraphs too short to decide alone, and finds whether the document is mixed.
fn summarise(guesses: Vec<Guess>) -> DocumentLanguage {
    let (doc_lang, _) = tally(guesses.iter().map(|g| (g.lang, g)));

    // A short paragraph whose guess is not reliable, in the same kind of script as the
    // document, is far more likely in the document's language than in another one.
    let decided: Vec<&'static str> = guesses
        .iter()
        .map(|g| {
            let same_kind = is_cjk(g.lang) == is_cjk(doc_lang);
            if !g.reliable && g.lang != UNDETERMINED && same_kind {
                doc_lang
            } else {
                g.lang
            }
        })
        .collect();
    let (_, totals) = tally(decided.iter().copied().zip(&guesses));
    let sum: f64 = totals.iter().map(|(_, u)| u).sum();
    let units_of = |lang: &str| totals.iter().find(|(l, _)| *l == lang).map_or(0.0, |(_, u)| *u);
    let mixed = totals.iter().any(|(lang, units)| {
        *lang != doc_lang && (*units >= MIXED_DOCUMENT_UNITS || *units >= MIXED_DOCUMENT_SHARE * sum)
    });
    DocumentLanguage {
        lang: doc_lang,
        confidence: if sum > 0.0 { round3(units_of(doc_lang) / sum) } else { 0.0 },
        mixed,
        languages: totals.iter().map(|(l, u)| OtherLang { lang: l, share: round3(u / sum) }).collect(),
        paragraphs: guesses
            .into_iter()
            .zip(decided)
            .enumerate()
            .map(|(index, (g, lang))| ParagraphLanguage {
                index,
                lang,
                confidence: round3(g.confidence),
                other: g.other,
            })
            .collect(),
    }
}

/// Units of text per language, largest first, from (language, guess) pairs; a guess's
/// second language gets its share. Returns the leading language too.
fn tally<'a>(items: impl Iterator<Item = (&'static str, &'a Guess)>) -> (&'static str, Vec<(&'static str, f64)>) {
    let mut totals: Vec<(&'static str, f64)> = Vec::new();
    let mut add = |lang: &'static str, units: f64| {
        if lang == UNDETERMINED || units <= 0.0 {
            return;
        }
        match totals.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, u)) => *u += units,
            None => totals.push((lang, units)),
        }
    };
    for (lang, g) in items {
        let other_share = g.other.as_ref().map_or(0.0, |o| o.share);
        add(lang, g.units * (1.0 - other_share));
        if let Some(o) = &g.other {
            add(o.lang, g.units * o.share);
        }
    }
    totals.sort_by(|a, b| b.1.total_cmp(&a.1));
    (totals.first().map_or(UNDETERMINED, |(l, _)| *l), totals)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_count_a_cjk_character_as_three() {
        assert_eq!(letters("Dead?"), 4);
        assert_eq!(letters("死了？"), 6);
        assert_eq!(letters("살았다!"), 9);
        assert_eq!(letters("1957 m"), 5);
    }

    #[test]
    fn tags_name_their_language_and_traditional_chinese_is_told_apart() {
        assert_eq!(known_code("zh-Hant"), Some("zh"));
        assert_eq!(known_code("en_US"), Some("en"));
        assert_eq!(known_code("xx-YY"), None);
        assert!(written_in_traditional("我們的醫院很大。"));
        assert!(!written_in_traditional("我们的医院很大。"));
        assert!(!written_in_traditional("今天天气很好。"), "no telling characters: Simplified");
        assert_eq!(mt_tag("zh", None, "我們的醫院很大。"), "zh-Hant");
        assert_eq!(mt_tag("zh", Some("zh"), "我們的醫院很大。"), "zh-Hant");
        assert_eq!(mt_tag("zh", Some("zh_TW"), "我们"), "zh-TW");
        assert_eq!(mt_tag("zh", None, "我们的医院"), "zh");
        assert_eq!(mt_tag("en", Some("en"), "Hello"), "en");
    }

    fn detector(allow: &[&str]) -> Detector {
        Detector::new(&allow.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn scripts_decide_cjk() {
        let d = detector(&[]);
        assert_eq!(d.detect("절강성 위생부의 보건 사업").lang, "ko");
        assert_eq!(d.detect("東京都の人口は増えている。").lang, "ja");
        assert_eq!(d.detect("区卫生局召开上半年卫生工作总结点评会。").lang, "zh");
        assert_eq!(d.detect("區衛生局召開上半年衛生工作總結點評會。").lang, "zh");
    }

    #[test]
    fn whatlang_decides_alphabets() {
        let d = detector(&["en", "de", "fr"]);
        assert_eq!(d.detect("The meeting was held in the city hall on Monday morning.").lang, "en");
        assert_eq!(d.detect("Die Sitzung fand am Montagmorgen im Rathaus statt.").lang, "de");
        assert_eq!(d.detect("La réunion a eu lieu lundi matin à l'hôtel de ville.").lang, "fr");
    }

    #[test]
    fn allow_list_restricts_and_validates() {
        let d = detector(&["en", "ja"]);
        // Han-only text is Japanese when Chinese is not allowed.
        assert_eq!(d.detect("東京都").lang, "ja");
        assert_eq!(detector(&["en"]).detect("卫生工作").lang, UNDETERMINED);
        assert!(Detector::new(&["xx".to_string()]).is_err());
    }

    #[test]
    fn text_without_letters_is_undetermined() {
        let g = detector(&[]).detect("2019-12-28 18:55 — 12.5%");
        assert_eq!(g.lang, UNDETERMINED);
        assert_eq!(g.confidence, 0.0);
    }

    #[test]
    fn a_paragraph_with_two_scripts_names_both() {
        let g = detector(&["en", "zh"])
            .detect("来源: 市融媒体中心 作者:张依依 审核人:袁恒金 Source: Financial Media Center");
        assert_eq!(g.lang, "zh");
        assert_eq!(g.other.as_ref().map(|o| o.lang), Some("en"));
    }

    #[test]
    fn document_summary_marks_mixed_and_uses_context() {
        let d = detector(&["en", "de", "zh"]);
        let para = |s: &str| d.detect(s);
        let english = "The city held a meeting on the reform of the medical and health system in 2019.";
        let doc = summarise(vec![para(english), para("Home page"), para(english)]);
        assert_eq!(doc.lang, "en");
        assert!(!doc.mixed);
        assert!(doc.paragraphs.iter().all(|p| p.lang == "en"), "{:?}", doc.paragraphs);
        let doc = summarise(vec![para(english), para("来源: 市融媒体中心 作者:张依依 审核人:袁恒金"), para(english)]);
        assert_eq!(doc.lang, "en");
        assert!(doc.mixed);
        assert_eq!(doc.paragraphs[1].lang, "zh");
    }
}
