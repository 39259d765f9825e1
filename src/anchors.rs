//! Anchors: pieces of text that survive translation unchanged, numbers first.
//!
//! Numbers are written the same way in most translations, so a bead whose sides share
//! numbers is likely right and one whose sides disagree is suspect. Full-width digits
//! become ASCII; thousands separators are dropped (`12,000` and `12.000` both become
//! `12000`); a decimal mark becomes `.` (`12,5` and `12.5` both become `12.5`).

/// The numbers in `text`, normalised and sorted (a multiset).
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().map(ascii_digit).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let end = run_end(&chars, i);
        out.push(canonical_number(&chars[i..end]));
        i = end;
    }
    out.sort_unstable();
    out
}

/// The most characters `leading_number` reads: a longer run of digits is cut there.
pub const LONGEST_NUMBER: usize = 64;

/// The number `text` starts with, normalised, and how many characters it takes; `None`
/// unless `text` starts with a digit (ASCII or full-width).
pub fn leading_number(text: &str) -> Option<(String, usize)> {
    let chars: Vec<char> = text.chars().take(LONGEST_NUMBER).map(ascii_digit).collect();
    if !chars.first()?.is_ascii_digit() {
        return None;
    }
    let end = run_end(&chars, 0);
    Some((canonical_number(&chars[..end]), end))
}

/// The end of a run of digits and single separators between digits (12,000.5, 3.14)
/// starting at `start`.
fn run_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() {
        let c = chars[end];
        let separator_between_digits = matches!(c, ',' | '.' | '\u{2009}' | '\u{202f}' | '\'')
            && end + 1 < chars.len()
            && chars[end + 1].is_ascii_digit()
            && end > start;
        if c.is_ascii_digit() || separator_between_digits {
            end += 1;
        } else {
            break;
        }
    }
    end
}

/// Full-width digits (０-９) as ASCII.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => c,
    }
}

fn canonical_number(run: &[char]) -> String {
    let groups: Vec<String> = run.split(|c| !c.is_ascii_digit()).map(|g| g.iter().collect()).collect();
    if groups.len() == 1 {
        return strip_leading_zeros(&groups[0]);
    }
    // Every group after the first has three digits: separators are thousands marks
    // (`12,000`, `1.234.567`); otherwise the last separator is the decimal mark.
    if groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3) {
        return strip_leading_zeros(&groups.concat());
    }
    let (int, frac) = groups.split_at(groups.len() - 1);
    let frac = frac[0].trim_end_matches('0');
    let int = strip_leading_zeros(&int.concat());
    if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    }
}

fn strip_leading_zeros(s: &str) -> String {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// How many items two sorted multisets share.
pub fn shared<S: AsRef<str> + Ord>(a: &[S], b: &[S]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].as_ref().cmp(b[j].as_ref()) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalised() {
        assert_eq!(numbers("In 2011, 12,000 people; 12.5% and ３０％."), ["12.5", "12000", "2011", "30"]);
        assert_eq!(numbers("12.000 Menschen, 3,14 Meter"), ["12000", "3.14"]);
        assert_eq!(numbers("7月10日上午"), ["10", "7"]);
        assert_eq!(numbers("No numbers here."), Vec::<String>::new());
        assert_eq!(numbers("end 5. Next"), ["5"]);
    }

    #[test]
    fn shared_counts_a_multiset() {
        let a = numbers("1 2 2 3");
        let b = numbers("2 2 4");
        assert_eq!(shared(&a, &b), 2);
    }
}
