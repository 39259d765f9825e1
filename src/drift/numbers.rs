//! Quantities in text, CJK-aware, so numbers can be compared across languages.
//!
//! A quantity is a value and a unit class: `12,000`, `1.2万` and `1만 2천` are all
//! 12000; `40%`, `百分之四十` and `40 percent` are 40 percent; `6倍`, `6배` and `6 times`
//! are 6 times; `6元`, `6위안` and `6 yuan` are money, `40岁`, `40세` and "40 years old"
//! an age. Full-width digits, thousands separators and decimal commas are handled by
//! [`crate::anchors`]. Chinese numerals and English number words are "soft": they are
//! used to match numbers on the other side, never reported on their own, because
//! `一` inside 统一 or "one" in "no one" is not a number anyone wrote down.

use serde::Serialize;

use super::number_words::{is_letter, spelled, MAGNITUDES};

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Plain,
    Percent,
    Permille,
    /// A multiple ("6倍", "6 times").
    Times,
    /// A sum of money ("6元", "6위안", "$6", "6 yuan").
    Money,
    /// An age ("40岁", "40세", "40 years old").
    Age,
}

impl Unit {
    /// Whether a number in this unit may stand for one in `other`. A sum or an age may
    /// be written without its unit ("6元" as "RMB 6", "40岁" as "aged 40"), so those
    /// agree with a bare number; a ratio (percent, per mille, a multiple) never does, nor
    /// does money with an age.
    pub fn agrees(self, other: Unit) -> bool {
        let ratio = |u: Unit| matches!(u, Unit::Percent | Unit::Permille | Unit::Times);
        self == other || ((self == Unit::Plain || other == Unit::Plain) && !ratio(self) && !ratio(other))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: Unit,
    /// As written, unit included.
    pub text: String,
    /// Spelled out (Chinese numerals, English words): matches, but is never reported.
    pub soft: bool,
    /// It numbers the text: a list marker opening it ("2.", "三、", "（三）") or an ordinal
    /// ("2e", "第三"). Soft too, but one on each side, neither matched, is a renumbered item.
    pub numbering: bool,
}

impl Quantity {
    /// The value as a key: quantities of the same value (to rounding) have the same key.
    pub fn key(&self) -> String {
        value_key(self.value)
    }
}

/// A value to ten significant digits: "1.2万" computes to 12000.000000000002, "12,000"
/// reads as 12000, and both are the same number.
pub fn value_key(value: f64) -> String {
    format!("{:.9e}", if value.abs() < 1e-9 { 0.0 } else { value })
}

const CN_DIGITS: &str = "零〇一二两兩三四五六七八九";
const CN_POSITIONS: &str = "十拾百佰千仟万萬亿億";

/// Magnitude words written right after digits.
fn cjk_magnitude(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' | '천' => 1e3,
        '万' | '萬' | '만' => 1e4,
        '亿' | '億' | '억' => 1e8,
        '조' => 1e12,
        _ => return None,
    })
}

/// Every quantity in `text`, in order. List markers at the start ("1.", "一、", "(2)")
/// are left out: they number the text, they are not in it.
pub fn quantities(text: &str, lang: &str) -> Vec<Quantity> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let (value, soft, mut end) = if is_digit(c) || vulgar(c).is_some() {
            let (value, end) = with_fraction(&chars, i);
            if scanned_elision(&chars, start, end) {
                i = end;
                continue;
            }
            // "2e", "3rd", "1er": an ordinal, often spelled out on the other side.
            if let Some(after) = ordinal_suffix(&chars, end) {
                let text = chars[start..after].iter().collect();
                out.push(Quantity { value, unit: Unit::Plain, text, soft: true, numbering: true });
                i = after;
                continue;
            }
            // "1954/55": the years 1954 and 1955.
            if let Some((second, after)) = year_range(&chars, value, end) {
                let text: String = chars[start..after].iter().collect();
                for value in [value, second] {
                    out.push(Quantity { value, unit: Unit::Plain, text: text.clone(), soft: false, numbering: false });
                }
                i = after;
                continue;
            }
            (value, false, end)
        } else if CN_DIGITS.contains(c) || CN_POSITIONS.contains(c) {
            match chinese(&chars, i) {
                Some((value, end)) => (value, true, end),
                None => {
                    i += 1;
                    continue;
                }
            }
        } else if is_letter(c) && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let word_end = (i..chars.len()).find(|&k| !is_letter(chars[k])).unwrap_or(chars.len());
            let roman =
                roman(&chars[i..word_end], i > 0 && chars[..i].iter().rev().nth(1).is_some_and(|c| c.is_lowercase()));
            match roman.map(|v| (v, word_end)).or_else(|| spelled(&chars, i, word_end, lang)) {
                Some((value, end)) => (value, true, end),
                None => {
                    i = word_end;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        let (mut value, mut unit) = (value, Unit::Plain);
        // 百分之四十: percent written before the number.
        if start >= 3 && chars[start - 3..start].iter().collect::<String>() == "百分之" {
            unit = Unit::Percent;
        }
        let (factor, after) = magnitude(&chars, end);
        value *= factor;
        end = after;
        // 1만 2천, 1亿2千万: a smaller part added on.
        if factor >= 1e4 {
            let mut k = end;
            while k < chars.len() && chars[k] == ' ' {
                k += 1;
            }
            if k < chars.len() && is_digit(chars[k]) {
                let (part, part_end) = digits(&chars, k);
                let (m, part_after) = magnitude(&chars, part_end);
                if m > 1.0 && m < factor {
                    value += part * m;
                    end = part_after;
                }
            }
        }
        let (suffix, after) = unit_after(&chars, end);
        if let Some(u) = suffix {
            unit = u;
            end = after;
        } else if currency_before(&chars, start) {
            unit = Unit::Money;
        }
        // A list marker ("2.") is soft: a list may be rendered without one, or the MT
        // may read it as an ordinal ("2ème"). A number after 第 (第三条) numbers the text
        // as a marker does.
        let marker = start_marker(&chars, start, end) && unit == Unit::Plain;
        let ordinal = ordinal_prefix(&chars, start);
        out.push(Quantity {
            value,
            unit,
            text: chars[start..end].iter().collect::<String>().trim().to_string(),
            soft: soft || marker,
            numbering: marker || ordinal,
        });
        i = end.max(start + 1);
    }
    out
}

/// Where an ordinal suffix right after digits ends: French 2e, 1er, 1re, 3ème; English
/// 1st, 2nd, 3rd, 4th; not followed by a letter, so "3em" is no ordinal.
fn ordinal_suffix(chars: &[char], end: usize) -> Option<usize> {
    const SUFFIXES: &[&str] = &["ème", "eme", "er", "re", "e", "st", "nd", "rd", "th"];
    let rest: String = chars[end..chars.len().min(end + 4)].iter().collect::<String>().to_lowercase();
    SUFFIXES.iter().find_map(|s| {
        let after = end + s.chars().count();
        let next_is_letter = chars.get(after).is_some_and(|c| c.is_alphabetic());
        (rest.starts_with(s) && !next_is_letter).then_some(after)
    })
}

/// A year followed by the last two digits of the next one ("1954/55", "1998-99"): the
/// second year and where it ends.
fn year_range(chars: &[char], first: f64, end: usize) -> Option<(f64, usize)> {
    if !(1000.0..3000.0).contains(&first) || first.fract() != 0.0 || end < 4 {
        return None;
    }
    let sep = *chars.get(end)?;
    let two: Vec<char> = chars.get(end + 1..end + 3)?.to_vec();
    let more = chars.get(end + 3).is_some_and(|c| c.is_ascii_digit());
    if !matches!(sep, '/' | '-' | '–') || !two.iter().all(char::is_ascii_digit) || more {
        return None;
    }
    let yy: f64 = two.iter().collect::<String>().parse().ok()?;
    let century = (first / 100.0).floor() * 100.0;
    let second = if century + yy > first { century + yy } else { century + 100.0 + yy };
    (second - first <= 10.0).then_some((second, end + 3))
}

/// A vulgar fraction character's value (½ ¼ ¾ ⅓ ⅔ ⅛ …).
fn vulgar(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅕' => 0.2,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    })
}

/// Digits, a vulgar fraction, or a whole number and a fraction ("1 ½" is 1.5, as
/// "1,50" is on the other side), as one value.
fn with_fraction(chars: &[char], start: usize) -> (f64, usize) {
    if let Some(v) = vulgar(chars[start]) {
        return (v, start + 1);
    }
    let (value, end) = digits(chars, start);
    let at = if chars.get(end) == Some(&' ') { end + 1 } else { end };
    match chars.get(at).and_then(|&c| vulgar(c)) {
        Some(v) if value.fract() == 0.0 => (value + v, at + 1),
        _ => (value, end),
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A run of digits with separators, as one value (see [`crate::anchors`]).
fn digits(chars: &[char], start: usize) -> (f64, usize) {
    // Only what `leading_number` reads: the rest of a long line, copied for each number
    // in it, made reading its numbers quadratic.
    let text: String = chars[start..chars.len().min(start + crate::anchors::LONGEST_NUMBER)].iter().collect();
    let (normalised, len) = crate::anchors::leading_number(&text).expect("starts with a digit");
    (normalised.parse().unwrap_or(0.0), start + len)
}

/// A Chinese numeral: accepted when it has a position character (十二, 三千), a counted
/// unit follows, or it numbers the text (三、, （三）, 第三); a lone 一 or 二 elsewhere is
/// almost always part of a word.
fn chinese(chars: &[char], start: usize) -> Option<(f64, usize)> {
    // 两 is "two" only where a number starts (两千, 两个); after a number it is the
    // tael (五十两), a measure word.
    let end = (start..chars.len())
        .find(|&k| {
            !(CN_DIGITS.contains(chars[k]) || CN_POSITIONS.contains(chars[k]))
                || (k > start && "两兩".contains(chars[k]))
        })
        .unwrap_or(chars.len());
    let run = &chars[start..end];
    let has_position = run.iter().any(|c| CN_POSITIONS.contains(*c));
    let counted = chars.get(end).is_some_and(|c| "倍个项家所名人次年岁元%％".contains(*c));
    let percent = start >= 3 && chars[start - 3..start].iter().collect::<String>() == "百分之";
    let numbering = start_marker(chars, start, end) || ordinal_prefix(chars, start);
    if !(has_position && run.len() >= 2 || counted || percent || numbering) {
        return None;
    }
    // A position character alone (万 in 万人) is a word, not a number.
    if run.iter().all(|c| CN_POSITIONS.contains(*c)) {
        return None;
    }
    Some((chinese_value(run)?, end))
}

fn chinese_value(run: &[char]) -> Option<f64> {
    let (mut total, mut section, mut number) = (0.0, 0.0, 0.0);
    for &c in run {
        let d = match c {
            '〇' | '零' => Some(0.0),
            '一' => Some(1.0),
            '二' | '两' | '兩' => Some(2.0),
            '三' => Some(3.0),
            '四' => Some(4.0),
            '五' => Some(5.0),
            '六' => Some(6.0),
            '七' => Some(7.0),
            '八' => Some(8.0),
            '九' => Some(9.0),
            _ => None,
        };
        if let Some(d) = d {
            number = d;
            continue;
        }
        let m = match c {
            '十' | '拾' => 10.0,
            '百' | '佰' => 100.0,
            '千' | '仟' => 1000.0,
            '万' | '萬' => 1e4,
            '亿' | '億' => 1e8,
            _ => return None,
        };
        if m >= 1e4 {
            total = (total + section + number) * m;
            section = 0.0;
        } else {
            section += if number == 0.0 { 1.0 } else { number } * m;
        }
        number = 0.0;
    }
    Some(total + section + number)
}

/// A Roman numeral ("camp IV", "Bd. XI"), up to 39: two letters or more, or a lone
/// I, V or X after a lower-case word ("le camp I"). Matched softly, like spelled-out
/// numbers, since a capital I is also a word.
fn roman(letters: &[char], after_word: bool) -> Option<f64> {
    if letters.len() == 1 && !(after_word && matches!(letters[0], 'I' | 'V' | 'X')) {
        return None;
    }
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let digits: Vec<i32> = letters.iter().map(|&c| value(c)).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, &d) in digits.iter().enumerate() {
        if digits.get(k + 1).is_some_and(|&next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    // Only the canonical spelling: "IIII" or "VX" are not numerals.
    (total > 0 && total < 40 && to_roman(total) == letters.iter().collect::<String>()).then_some(total as f64)
}

fn to_roman(mut n: i32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The whole and fractional parts of a decimal written with a point or comma ("2.70" →
/// 2 and 70), as the digits read on their own; a unit after it is left out ("2.70 Franken").
pub fn decimal_parts(text: &str) -> Option<(f64, f64)> {
    let number = text.trim_end_matches(|c: char| !c.is_ascii_digit());
    let (whole, fraction) = number.split_once(['.', ','])?;
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (all_digits(whole) && all_digits(fraction) && fraction.len() <= 2)
        .then(|| Some((whole.parse().ok()?, fraction.parse().ok()?)))
        .flatten()
}

/// A magnitude after a number: 万, 억, " million"; returns the factor and where it ends.
fn magnitude(chars: &[char], end: usize) -> (f64, usize) {
    if let Some(m) = chars.get(end).and_then(|&c| cjk_magnitude(c)) {
        return (m, end + 1);
    }
    if chars.get(end) == Some(&' ') {
        let word_end = (end + 1..chars.len()).find(|&k| !chars[k].is_alphabetic()).unwrap_or(chars.len());
        let word: String = chars[end + 1..word_end].iter().collect::<String>().to_lowercase();
        if let Some((_, m)) = MAGNITUDES.iter().find(|(w, _)| *w == word) {
            return (*m, word_end);
        }
    }
    (1.0, end)
}

/// A unit written after a number: %, ‰, 倍, 배, "percent", "times", "-fold"; currencies
/// (元, 위안, "yuan", "fr."); ages (岁, 세, "years old").
fn unit_after(chars: &[char], end: usize) -> (Option<Unit>, usize) {
    let rest: String = chars[end..chars.len().min(end + 24)].iter().collect();
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '-']);
    let skipped = rest.chars().count() - trimmed.chars().count();
    let lower = trimmed.to_lowercase();
    // First match wins: a longer word before any word it starts with.
    const UNITS: &[(&str, Unit)] = &[
        ("%", Unit::Percent),
        ("％", Unit::Percent),
        ("‰", Unit::Permille),
        ("个百分点", Unit::Percent),
        ("個百分點", Unit::Percent),
        ("퍼센트", Unit::Percent),
        ("프로", Unit::Percent),
        ("percentage point", Unit::Percent),
        ("percent", Unit::Percent),
        ("per cent", Unit::Percent),
        ("per mille", Unit::Permille),
        ("pour cent", Unit::Percent),
        ("prozent", Unit::Percent),
        ("倍", Unit::Times),
        ("배", Unit::Times),
        ("times", Unit::Times),
        ("fold", Unit::Times),
        ("fach", Unit::Times),
        ("fois", Unit::Times),
        ("元", Unit::Money),
        ("美元", Unit::Money),
        ("欧元", Unit::Money),
        ("日元", Unit::Money),
        ("韩元", Unit::Money),
        ("英镑", Unit::Money),
        ("위안", Unit::Money),
        ("달러", Unit::Money),
        ("유로", Unit::Money),
        ("엔", Unit::Money),
        ("원", Unit::Money),
        ("€", Unit::Money),
        ("yuan", Unit::Money),
        ("rmb", Unit::Money),
        ("dollars", Unit::Money),
        ("dollar", Unit::Money),
        ("euros", Unit::Money),
        ("euro", Unit::Money),
        ("yen", Unit::Money),
        ("francs", Unit::Money),
        ("franc", Unit::Money),
        ("franken", Unit::Money),
        ("fr.", Unit::Money),
        ("周岁", Unit::Age),
        ("岁", Unit::Age),
        ("歲", Unit::Age),
        // 21세기 is the 21st century, 3세대 the third generation, 제3세계 the third world.
        ("세기", Unit::Plain),
        ("세대", Unit::Plain),
        ("세계", Unit::Plain),
        ("세", Unit::Age),
        ("살", Unit::Age),
        ("years old", Unit::Age),
        ("year old", Unit::Age),
        ("year-old", Unit::Age),
    ];
    for (word, unit) in UNITS {
        if lower.starts_with(word) {
            let len = word.chars().count();
            // A word of a spaced script must end there: "times" yes, "timestamp" no. In
            // Chinese, Japanese and Korean the next word or a particle follows at once
            // (6倍以上, 6배를).
            let next = lower.chars().nth(len);
            if word.chars().all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
                && next.is_some_and(char::is_alphabetic)
            {
                continue;
            }
            return (Some(*unit), end + skipped + len);
        }
    }
    (None, end)
}

/// Whether a currency sign comes right before the number at `start`: "$6", "€ 5", "¥30".
fn currency_before(chars: &[char], start: usize) -> bool {
    let mut k = start;
    while k > 0 && chars[k - 1] == ' ' {
        k -= 1;
    }
    k > 0 && matches!(chars[k - 1], '$' | '€' | '£' | '¥' | '￥' | '₩')
}

/// Whether the "number" at `start..end` is a scanner's reading of an elided article:
/// "1'industrie", "1'«Human Interest»" for l'. A lone 1 glued to an apostrophe and a word
/// is no number in any language (feet are written 6' 2" or 6 ft).
fn scanned_elision(chars: &[char], start: usize, end: usize) -> bool {
    let word_before = start > 0 && chars[start - 1].is_alphanumeric();
    end == start + 1
        && chars[start] == '1'
        && !word_before
        && matches!(chars.get(end), Some('\'' | '’'))
        && chars.get(end + 1).is_some_and(|&c| c.is_alphabetic() || c == '«')
}

/// Whether the number at `start` follows 第, which makes it an ordinal (第三条, "article 3").
fn ordinal_prefix(chars: &[char], start: usize) -> bool {
    start > 0 && chars[start - 1] == '第'
}

/// Whether the number at `start..end` is a list marker opening the text: "1.", "一、",
/// "(2)", "（三）".
fn start_marker(chars: &[char], start: usize, end: usize) -> bool {
    // Nothing but white space and one opening bracket before it; stops at the second
    // mark, so a long line full of numbers is not read again for each.
    let mut before = chars[..start].iter().filter(|c| !c.is_whitespace());
    let opened = matches!((before.next(), before.next()), (None, _) | (Some('(' | '（'), None));
    let after = chars.get(end).copied();
    opened && end - start <= 3 && matches!(after, Some('.' | '、' | ')' | '）' | '．'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<(f64, Unit)> {
        quantities(text, "en").iter().map(|q| (q.value, q.unit)).collect()
    }

    #[test]
    fn digits_units_and_magnitudes() {
        assert_eq!(q("12,000 people"), [(12000.0, Unit::Plain)]);
        assert_eq!(q("约1.2万人"), [(12000.0, Unit::Plain)]);
        assert_eq!(q("1만 2천 명"), [(12000.0, Unit::Plain)]);
        assert_eq!(q("3억 원"), [(3e8, Unit::Money)]);
        assert_eq!(q("1.2 billion yuan"), [(1.2e9, Unit::Money)]);
        assert_eq!(q("12亿元"), [(1.2e9, Unit::Money)]);
        assert_eq!(q("提高到35%。"), [(35.0, Unit::Percent)]);
        assert_eq!(q("４０％"), [(40.0, Unit::Percent)]);
        assert_eq!(q("the 6 times"), [(6.0, Unit::Times)]);
        assert_eq!(q("6倍"), [(6.0, Unit::Times)]);
        assert_eq!(q("6배"), [(6.0, Unit::Times)]);
        // A scanned l' is no 1; a height in feet still is a number.
        assert_eq!(q("intéressé à 1'industrie et à 1'«Human Interest»"), []);
        assert_eq!(q("un homme de 6' 2\""), [(6.0, Unit::Plain), (2.0, Unit::Plain)]);
        assert_eq!(q("6위안"), [(6.0, Unit::Money)]);
        assert_eq!(q("40세"), [(40.0, Unit::Age)]);
        assert_eq!(q("a 5-fold rise"), [(5.0, Unit::Times)]);
        // A particle or the next word follows a CJK unit at once.
        assert_eq!(q("소득의 6배를 넘지"), [(6.0, Unit::Times)]);
        assert_eq!(q("收入的6倍以上"), [(6.0, Unit::Times)]);
        assert_eq!(q("40%의 주민"), [(40.0, Unit::Percent)]);
        assert_eq!(q("6위안을"), [(6.0, Unit::Money)]);
        assert_eq!(q("40세 이상"), [(40.0, Unit::Age)]);
        // Money and ages, written after the number or (a currency sign) before it.
        assert_eq!(q("6 yuan of income"), [(6.0, Unit::Money)]);
        assert_eq!(
            q("costs $6 or € 5, 2 fr. 70"),
            [(6.0, Unit::Money), (5.0, Unit::Money), (2.0, Unit::Money), (70.0, Unit::Plain)]
        );
        assert_eq!(q("aged 40 years old"), [(40.0, Unit::Age)]);
        assert_eq!(q("a 40-year-old man"), [(40.0, Unit::Age)]);
        assert_eq!(q("年满40周岁"), [(40.0, Unit::Age)]);
        // Not ages: a century, a generation; not money: a word that only starts like one.
        assert_eq!(q("21세기, 3세대"), [(21.0, Unit::Plain), (3.0, Unit::Plain)]);
        assert_eq!(q("5 yens, 3 eurostars"), [(5.0, Unit::Plain), (3.0, Unit::Plain)]);
        assert_eq!(q("5 timestamps"), [(5.0, Unit::Plain)]);
        assert_eq!(q("3 per cent"), [(3.0, Unit::Percent)]);
        assert_eq!(q("提高2个百分点"), [(2.0, Unit::Percent)]);
        assert_eq!(q("etwa 1 ½ m tief"), [(1.5, Unit::Plain)]);
        assert_eq!(q("2¼ miles, ¾ of it"), [(2.25, Unit::Plain), (0.75, Unit::Plain)]);
    }

    #[test]
    fn chinese_numerals_are_soft_and_careful() {
        let found = quantities("新建三千所学校，统一管理，百分之四十的人", "zh");
        let values: Vec<(f64, Unit, bool)> = found.iter().map(|q| (q.value, q.unit, q.soft)).collect();
        assert_eq!(values, [(3000.0, Unit::Plain, true), (40.0, Unit::Percent, true)]);
        assert_eq!(q("十二个月"), [(12.0, Unit::Plain)]);
        assert_eq!(q("一万五千亿"), [(1.5e12, Unit::Plain)]);
        assert_eq!(q("进一步加强"), []);
        assert_eq!(q("五十两本钱"), [(50.0, Unit::Plain)]);
        assert_eq!(q("两千人"), [(2000.0, Unit::Plain)]);
    }

    #[test]
    fn roman_numerals_are_soft() {
        let found = quantities("le camp IV, puis le camp I; Bd. XI", "fr");
        let values: Vec<(f64, bool)> = found.iter().map(|q| (q.value, q.soft)).collect();
        assert_eq!(values, [(4.0, true), (1.0, true), (11.0, true)]);
        // Not numerals: a sentence-initial I, words of other capitals, "IIII". ("then I
        // went" does read as 1: soft numbers only ever match, they are never reported.)
        assert_eq!(q("I went. MIX DIV"), []);
        assert_eq!(q("Kapitel IIII"), []);
    }

    #[test]
    fn decimal_parts_split_a_decimal_in_two() {
        assert_eq!(decimal_parts("2.70"), Some((2.0, 70.0)));
        assert_eq!(decimal_parts("15,30"), Some((15.0, 30.0)));
        assert_eq!(decimal_parts("12,000"), None);
        assert_eq!(decimal_parts("1957"), None);
    }

    #[test]
    fn ordinals_are_soft_and_year_ranges_are_two_years() {
        let found = quantities("les 2e et 3e ascensions, le 1er juin, the 4th camp, 5th-century, 3em", "en");
        let values: Vec<(f64, bool)> = found.iter().map(|q| (q.value, q.soft)).collect();
        assert_eq!(values, [(2.0, true), (3.0, true), (1.0, true), (4.0, true), (5.0, true), (3.0, false)]);
        assert_eq!(q("hiver 1954/55"), [(1954.0, Unit::Plain), (1955.0, Unit::Plain)]);
        assert_eq!(q("1999-00"), [(1999.0, Unit::Plain), (2000.0, Unit::Plain)]);
        // Not a year range: page numbers, two full years, more than ten years apart.
        assert_eq!(q("S. 161-77"), [(161.0, Unit::Plain), (77.0, Unit::Plain)]);
        assert_eq!(q("1956/1957"), [(1956.0, Unit::Plain), (1957.0, Unit::Plain)]);
        assert_eq!(q("1950-75"), [(1950.0, Unit::Plain), (75.0, Unit::Plain)]);
    }

    #[test]
    fn words_months_and_list_markers() {
        assert_eq!(q("twenty-five cats"), [(25.0, Unit::Plain)]);
        assert_eq!(q("my twenty-first birthday"), [(21.0, Unit::Plain)]);
        assert_eq!(q("by 15 December"), [(15.0, Unit::Plain), (12.0, Unit::Plain)]);
        assert_eq!(q("You may go in May"), [(5.0, Unit::Plain)]);
        // A list marker is soft: it matches, and is reported only against another.
        let soft =
            |text: &str| -> Vec<(f64, bool)> { quantities(text, "en").iter().map(|q| (q.value, q.soft)).collect() };
        assert_eq!(soft("1. Next item 2024"), [(1.0, true), (2024.0, false)]);
        assert_eq!(soft("十二、总体要求"), [(12.0, true)]);
        assert_eq!(soft("(2) the next"), [(2.0, true)]);
        assert_eq!(soft("3. 65세"), [(3.0, true), (65.0, false)]);
        assert_eq!(soft("Item 3. 65"), [(3.0, false), (65.0, false)]);
        // One Chinese numeral counts where it numbers the text, and only there.
        let numbering = |text: &str| -> Vec<(f64, bool)> {
            quantities(text, "zh").iter().map(|q| (q.value, q.numbering)).collect()
        };
        assert_eq!(numbering("一、总体要求"), [(1.0, true)]);
        assert_eq!(numbering("（三）加强监测"), [(3.0, true)]);
        assert_eq!(numbering("第三条 统一标准"), [(3.0, true)]);
        assert_eq!(numbering("统一标准，三个地区"), [(3.0, false)]);
        assert_eq!(numbering("2e étage, 1954"), [(2.0, true), (1954.0, false)]);
    }

    #[test]
    fn number_words_and_months_of_the_text_language_are_soft() {
        let v = |text: &str, lang: &str| -> Vec<(f64, bool)> {
            quantities(text, lang).iter().map(|q| (q.value, q.soft)).collect()
        };
        assert_eq!(
            v("zwei Gipfel, vierundzwanzig Tage, zweihundertfünfzig Meter, am dritten Juni", "de"),
            [(2.0, true), (24.0, true), (250.0, true), (3.0, true), (6.0, true)]
        );
        assert_eq!(
            v("dix-sept, quatre-vingt-dix-sept, cent-quatre-vingts, vingt-et-un, la troisième, le cinquième, le vingt-et-unième, le 11 juin", "fr"),
            [(17.0, true), (97.0, true), (180.0, true), (21.0, true), (3.0, true), (5.0, true), (21.0, true), (11.0, false), (6.0, true)]
        );
        assert_eq!(v("trentadue, duecento, tremila", "it"), [(32.0, true), (200.0, true), (3000.0, true)]);
        assert_eq!(v("doscientos, veinte", "es"), [(200.0, true), (20.0, true)]);
        assert_eq!(v("tweeënveertig, vierentwintig, achtste", "nl"), [(42.0, true), (24.0, true), (8.0, true)]);
        // Magnitude words of any language, after digits or words.
        assert_eq!(v("3 Milliarden, deux millions", "fr"), [(3e9, false), (2e6, true)]);
        // An article is no number; nor is another language's word, or a word that only
        // starts like one.
        assert_eq!(v("un homme", "fr"), []);
        assert_eq!(v("ein Mann, einander, Elfenbein", "de"), []);
        assert_eq!(v("zwei deux", "en"), []);
    }
}
