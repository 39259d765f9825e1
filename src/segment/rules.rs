//! Corrections to UAX #29 sentence breaks: where a break it proposes is not a sentence
//! end, and where it misses one.

/// Abbreviations that almost never end a sentence; matched case-sensitively against the
/// word before the period. Dotted forms (`e.g.`, `U.S.`, `z.B.`) and single-letter
/// initials are recognised by shape instead of being listed.
const ABBREVIATIONS: &[&str] = &[
    // English
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Col", "Lt", "Capt", "Sgt", "Rev", "Hon",
    "Gov", "Sen", "Rep", "Pres", "No", "Nos", "Fig", "Figs", "Vol", "Vols", "pp", "Ch", "Sec", "Art", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "Inc", "Ltd", "Co", "Corp", "Bros",
    "Dept", "Univ", "approx", "cf", "al", "Ave", "Blvd", "Rd", "ed", "eds", "vol", "vols", "fig",
    "figs", // German
    "Nr", "Hr", "Fr", "Abs", "Bd", "vgl", "Vgl", "ggf", "evtl", "inkl", "exkl", "sog", "bspw", "bzw", "ca", "Jh",
    "Jhd", "Mio", "Mrd", "Tel", "Str", "geb", "gest", "Hrsg", "Okt", "Dez", "Kap",
    // French, Spanish, Italian, Portuguese
    "MM", "Mme", "Mmes", "Mlle", "Mlles", "Pr", "Ste", "av", "apr", "chap", "env", "janv", "févr", "avr", "juil", "déc",
    "Sra", "Srta", "Dra", "Ud", "Uds", "pág", "núm", "Sig", "Dott", "Sto",
    // Months in lower case, as French and bibliographies write them (`oct. 1956`)
    "jan", "feb", "aug", "sept", "oct", "nov", "dec",
];

/// Abbreviations that often do end a sentence: they hold the next segment only when it
/// does not start with a capital letter.
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &["etc", "usw", "a.m", "p.m", "u.ä", "o.ä"];

/// Languages that write ordinal numbers as a digit and a period (`3. Oktober`).
const ORDINAL_DOT_LANGS: &[&str] =
    &["de", "da", "nb", "no", "fi", "et", "lv", "cs", "sk", "sl", "hr", "sr", "pl", "hu", "is", "tr"];

/// German words that start a sentence and never follow an ordinal, which stands before
/// a noun or an adjective (`am 3. Oktober`, `die 2. große Reise`): before one of them,
/// a number and a period end the sentence (`Hauptstr. 5. Das Haus`).
const GERMAN_STARTERS: &[&str] = &[
    "Der", "Die", "Das", "Dem", "Den", "Des", "Ein", "Eine", "Einen", "Einem", "Einer", "Es", "Er", "Sie", "Wir",
    "Ich", "Ihr", "Man", "Dies", "Diese", "Dieser", "Dieses", "Dann", "Danach", "Daher", "Deshalb", "Doch", "Aber",
    "Auch", "Als", "Wenn", "Und", "So",
];

/// Whether the break between `prev` and `next` (both trimmed) should be taken back.
pub fn keep_together(prev: &str, next: &str, lang: &str) -> bool {
    if is_list_marker(prev) {
        return true;
    }
    // Japanese quotes a sentence and goes on with a quotative particle:
    // 「そうです。」と彼は言った。 is one sentence.
    if prev.ends_with(['」', '』']) && next.starts_with(['と', 'っ']) {
        return true;
    }
    // A tokenised text sets the period apart (`Nov . 1956`): the word is the one before.
    let spaced = prev.strip_suffix('.').filter(|p| p.ends_with(char::is_whitespace)).map(str::trim_end);
    let prev = spaced.map_or(std::borrow::Cow::Borrowed(prev), |p| format!("{p}.").into());
    let prev = prev.as_ref();
    let Some(word) = prev.rsplit(char::is_whitespace).next() else {
        return false;
    };
    let word = word.trim_start_matches(['(', '[', '"', '\'', '“', '‘', '«']);
    let Some(core) = word.strip_suffix('.') else {
        return false;
    };
    if core.chars().all(|c| c == '.') {
        return false;
    }
    let next_starts_upper = next.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase);
    if SENTENCE_FINAL_ABBREVIATIONS.contains(&core) {
        return !next_starts_upper;
    }
    // German street names shorten their last part: `Hauptstr.`, `Bahnhofstr.` (no German
    // word ends in "str").
    if ABBREVIATIONS.contains(&core) || (lang == "de" && core.ends_with("str")) {
        return true;
    }
    let mut letters = core.chars();
    // A single capital letter is an initial (`J. Brown`); a lower-case one is an
    // abbreviation such as the `z.` of `z. B.`, or a unit after a number, which ends
    // the sentence before a capital (`8481 m. Am schlimmsten`).
    if letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none() {
        let before = prev[..prev.len() - word.len()].split_whitespace().next_back();
        let measure = before.is_some_and(|w| w.chars().last().is_some_and(|c| c.is_ascii_digit()));
        return !(core.chars().all(char::is_lowercase) && measure && next_starts_upper);
    }
    // Dotted abbreviations: `e.g`, `i.e`, `U.S`, `z.B`, `d.h`, `J.-C`.
    if core.contains('.')
        && core.split(['.', '-']).all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
    let starter = || {
        lang == "de" && next.split(|c: char| !c.is_alphabetic()).next().is_some_and(|w| GERMAN_STARTERS.contains(&w))
    };
    ORDINAL_DOT_LANGS.contains(&lang)
        && core.len() <= 3
        && core.bytes().all(|b| b.is_ascii_digit())
        && word != prev
        && !starter()
}

/// Breaks UAX #29 misses inside `text` (byte offsets): before a sentence that starts
/// with a year, and before the first item of a numbered list after a colon.
pub fn missed_breaks(text: &str) -> Vec<usize> {
    let mut out = year_starts(text);
    out.extend(list_starts(text));
    out
}

/// Where a numbered list begins after a colon (`besagen : 1. Die Expeditionen`): its
/// items are segments of their own, and the first would otherwise stay with the
/// sentence that introduces the list.
fn list_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, colon) in text.match_indices([':', '：']) {
        let rest = &text[i + colon.len()..];
        let spaced = rest.trim_start();
        let at = text.len() - spaced.len();
        let digits = spaced.bytes().take_while(u8::is_ascii_digit).count();
        let marker = (1..=2).contains(&digits)
            && matches!(bytes.get(at + digits), Some(b'.' | b')'))
            && bytes.get(at + digits + 1).is_some_and(u8::is_ascii_whitespace);
        // A colon after a number is a time's or a reference's (`10: 30`, `3: 12)`); a
        // full-width one needs no space after it.
        let after_word = !text[..i].ends_with(|c: char| c.is_ascii_digit());
        if after_word && (spaced.len() < rest.len() || colon == "：") && marker {
            out.push(at);
        }
    }
    out
}

/// Where a sentence that starts with a year begins inside `text` (byte offsets): UAX #29
/// looks past the digits for a lower-case word and so does not break before
/// `1955 hatte der Berg Ruhe`. A year is four digits from 1000 to 2099 after a sentence
/// end (and any closing marks) and a space; `keep_together` still takes back those after
/// an abbreviation (`ca. 1955`).
fn year_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices(['.', '!', '?']) {
        // After a number the period is a list's or an ordinal's (`3. 1955`).
        if text[..i].ends_with(|d: char| d.is_ascii_digit()) {
            continue;
        }
        let rest = &text[i + 1..];
        let closed = rest.trim_start_matches(['"', '\'', '”', '’', '»', '«', ')']);
        let spaced = closed.trim_start();
        if spaced.len() == closed.len() {
            continue;
        }
        let at = text.len() - spaced.len();
        let year = bytes
            .get(at..at + 4)
            .is_some_and(|y| y.iter().all(u8::is_ascii_digit) && (y[0] == b'1' || (y[0] == b'2' && y[1] == b'0')));
        let ends = bytes.get(at + 4).is_none_or(|b| !b.is_ascii_digit());
        if year && ends {
            out.push(at);
        }
    }
    out
}

/// A segment that is only a list marker: `1.`, `(2)`, `IV.`, `a)`.
fn is_list_marker(s: &str) -> bool {
    let core = s.trim_start_matches('(').trim_end_matches(['.', ')']);
    if core.is_empty() || core.len() == s.len() || core.len() > 4 {
        return false;
    }
    core.bytes().all(|b| b.is_ascii_digit())
        || core.bytes().all(|b| b"IVXLC".contains(&b))
        || (core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_lowercase()))
}

/// UAX #29 keeps every quote and bracket that follows a sentence end with that
/// sentence, opening ones too (`是吗？「好。」` breaks after `「`). Returns the break
/// `b` moved back before any opening marks, but never to or before `start`.
pub fn move_back_openers(text: &str, start: usize, b: usize, lang: &str) -> usize {
    let mut moved = b;
    for (i, c) in text[start..b].char_indices().rev() {
        if opens(c, lang) {
            moved = start + i;
        } else if !c.is_whitespace() {
            break;
        }
    }
    // A piece that is nothing but opening marks stays as it is.
    if moved == start {
        b
    } else {
        moved
    }
}

/// Marks that open a quotation or bracket. `“` `‘` `«` close quotations in some
/// languages (German „…“, Danish »…«), so they count as opening only elsewhere.
fn opens(c: char, lang: &str) -> bool {
    match c {
        '「' | '『' | '（' | '《' | '【' | '〈' | '〔' | '［' | '｛' | '(' | '[' | '{' => true,
        '“' | '‘' => !matches!(lang, "de" | "cs" | "sk" | "sl" | "hr" | "da" | "is" | "lt" | "et" | "bg"),
        '«' => !matches!(lang, "de" | "da"),
        _ => false,
    }
}

/// Marks that end a sentence (or a clause a line may end with): Latin and CJK ones,
/// full- and half-width forms, and the full stops and question marks of Devanagari (।),
/// Arabic (؟), Urdu (۔), Greek (;), Armenian (։), Ethiopic (።), Burmese (။) and Khmer (។).
const SENTENCE_ENDS: [char; 23] = [
    '.', '!', '?', ':', ';', '…', '。', '！', '？', '：', '；', '．', '｡', '‼', '।', '॥', '؟', '۔', '\u{037E}', '։',
    '።', '။', '។',
];

/// Whether a line ends like a finished sentence (so the next line starts a new one).
pub fn ends_sentence(line: &str) -> bool {
    without_closers(line).ends_with(SENTENCE_ENDS)
}

/// The line without the closing quotes and brackets at its end (and the spaces around
/// them: tokenised text writes "p. 261-270 . )").
pub fn without_closers(line: &str) -> &str {
    line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '」' | '』' | '）' | '》' | '】' | '»')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_hold() {
        assert!(keep_together("Dr.", "Smith left.", "en"));
        assert!(keep_together("He met Mr.", "Brown.", "en"));
        assert!(keep_together("in the U.S.", "Army office.", "en"));
        assert!(keep_together("Am 3.", "Oktober", "de"));
        assert!(!keep_together("Es waren 3.", "Oktober", "en"));
        assert!(keep_together("1.", "Einleitung", "de"));
        assert!(keep_together("IV.", "Results", "en"));
        assert!(keep_together("「そうです。」", "と彼は言った。", "ja"));
        assert!(!keep_together("「そうです。」", "次の文です。", "ja"));
    }

    #[test]
    fn real_sentence_ends_stay() {
        assert!(!keep_together("It ends here.", "Then more.", "en"));
        assert!(!keep_together("They bought apples, pears, etc.", "Then they left.", "en"));
        assert!(keep_together("apples, pears, etc.", "and more.", "en"));
        assert!(!keep_together("Das Jahr 2019.", "Dann", "de"));
        assert!(!keep_together("会议结束。", "下半年", "zh"));
    }

    #[test]
    fn line_ends() {
        assert!(ends_sentence("It was adopted."));
        assert!(ends_sentence("他说：“好。”"));
        assert!(ends_sentence("( voir La Montagne , p. 261-270 . ) "));
        assert!(ends_sentence("वह चला गया।"));
        assert!(ends_sentence("هل ذهب؟"));
        assert!(!ends_sentence("Annual Report"));
    }
}
