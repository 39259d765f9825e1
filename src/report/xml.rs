//! Text into XML and HTML: the five markup characters escaped, and the characters XML
//! 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) replaced by U+FFFD, so
//! no document text can break a file or inject markup.

/// `text` escaped for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    // Runs of characters that need nothing (nearly all text) are copied whole.
    while let Some(at) = rest.find(needs_escaping) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().expect("found at a character");
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => "\u{fffd}",
        });
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Markup characters, and those XML 1.0 cannot carry (C0 controls but tab, line feed
/// and carriage return; U+FFFE, U+FFFF).
fn needs_escaping(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{fffe}' | '\u{ffff}') || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
}

/// The current UTC time as ISO 8601 basic (`20261123T031600Z`), as TMX wants it.
pub fn utc_timestamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", rest / 3600, rest / 60 % 60, rest % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        assert_eq!(escape(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b\tc\u{ffff}"), "a\u{fffd}b\tc\u{fffd}");
        // Runs of text between them are copied whole, whatever their script.
        assert_eq!(escape("六倍<b>“40%”\u{fffe}é&"), "六倍&lt;b&gt;“40%”\u{fffd}é&amp;");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn timestamp_shape() {
        let t = utc_timestamp();
        assert_eq!(t.len(), 16);
        assert!(t.starts_with("20") && t.ends_with('Z') && &t[8..9] == "T", "{t}");
    }
}
