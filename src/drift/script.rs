//! Writing systems, for telling text left in the source's script.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Han,
    Hangul,
    /// Japanese: kana (with Han).
    Kana,
    Latin,
    Cyrillic,
    Other,
}

/// The script a language is written in.
pub fn of_lang(lang: &str) -> Script {
    match lang {
        "zh" => Script::Han,
        "ko" => Script::Hangul,
        "ja" => Script::Kana,
        "ru" | "uk" | "bg" | "sr" | "mk" | "be" | "kk" => Script::Cyrillic,
        "ar" | "fa" | "he" | "hi" | "th" | "el" | "ka" | "hy" | "ur" | "bn" | "ta" => Script::Other,
        _ => Script::Latin,
    }
}

fn of_char(c: char) -> Option<Script> {
    Some(match c {
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' => Script::Han,
        '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' => Script::Hangul,
        '\u{3040}'..='\u{30ff}' => Script::Kana,
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' => Script::Latin,
        '\u{400}'..='\u{4ff}' => Script::Cyrillic,
        c if c.is_alphabetic() => Script::Other,
        _ => return None,
    })
}

/// The share of `text`'s letters that `source`'s script writes and `target`'s does not:
/// what text left in the source language shows. None where `target`'s script writes every
/// letter `source`'s does: the same script, or Chinese characters, which Japanese uses
/// too. From Japanese into Chinese only kana count (Chinese uses no kana).
pub fn share_only_in(text: &str, source: Script, target: Script) -> Option<f64> {
    let only_source = |s: Script| match (source, target) {
        (Script::Kana, Script::Han) => s == Script::Kana,
        (Script::Kana, _) => s == Script::Kana || s == Script::Han,
        _ => s == source,
    };
    if source == target || (source, target) == (Script::Han, Script::Kana) {
        return None;
    }
    let (mut hits, mut all) = (0usize, 0usize);
    for s in text.chars().filter_map(of_char) {
        all += 1;
        hits += usize::from(only_source(s));
    }
    Some(if all == 0 { 0.0 } else { hits as f64 / all as f64 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares() {
        assert_eq!(share_only_in("加强公共卫生", Script::Han, Script::Latin), Some(1.0));
        assert_eq!(share_only_in("Health 건강", Script::Hangul, Script::Latin), Some(2.0 / 8.0));
        assert_eq!(share_only_in("123 !", Script::Latin, Script::Han), Some(0.0));
        // Japanese text into Chinese: only its kana tell.
        assert_eq!(share_only_in("人口は増加", Script::Kana, Script::Han), Some(1.0 / 5.0));
        assert_eq!(share_only_in("人口は増加", Script::Kana, Script::Latin), Some(1.0));
        // Chinese into Japanese, or Latin into Latin: no script tells.
        assert_eq!(share_only_in("人口增加", Script::Han, Script::Kana), None);
        assert_eq!(share_only_in("Bonjour", Script::Latin, Script::Latin), None);
    }
}
