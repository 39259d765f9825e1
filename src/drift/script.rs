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

/// The share of `text`'s letters written in `script` (Japanese counts kana and Han).
pub fn share(text: &str, script: Script) -> f64 {
    let (mut hits, mut all) = (0usize, 0usize);
    for s in text.chars().filter_map(of_char) {
        all += 1;
        if s == script || (script == Script::Kana && s == Script::Han) {
            hits += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        hits as f64 / all as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares() {
        assert_eq!(share("加强公共卫生", Script::Han), 1.0);
        assert_eq!(share("Health 건강", Script::Hangul), 2.0 / 8.0);
        assert_eq!(share("123 !", Script::Latin), 0.0);
    }
}
