//! Language codes at the edge: inside driftalign a language is a BCP-47 tag (`en`,
//! `zh` = `zh-Hans`, `zh-Hant`, `ko`); each provider wants its own spelling of it.

/// ISO 639-1 → ISO 639-3, for Apertium, whose pairs are named in 639-3.
const ISO639_3: &[(&str, &str)] = &[
    ("af", "afr"),
    ("an", "arg"),
    ("ar", "ara"),
    ("ast", "ast"),
    ("be", "bel"),
    ("bg", "bul"),
    ("br", "bre"),
    ("ca", "cat"),
    ("cs", "ces"),
    ("cy", "cym"),
    ("da", "dan"),
    ("de", "deu"),
    ("el", "ell"),
    ("en", "eng"),
    ("eo", "epo"),
    ("es", "spa"),
    ("et", "est"),
    ("eu", "eus"),
    ("fa", "fas"),
    ("fi", "fin"),
    ("fr", "fra"),
    ("ga", "gle"),
    ("gl", "glg"),
    ("he", "heb"),
    ("hi", "hin"),
    ("hr", "hrv"),
    ("hu", "hun"),
    ("id", "ind"),
    ("is", "isl"),
    ("it", "ita"),
    ("ja", "jpn"),
    ("kk", "kaz"),
    ("ko", "kor"),
    ("la", "lat"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("mk", "mkd"),
    ("ms", "msa"),
    ("mt", "mlt"),
    ("nb", "nob"),
    ("nl", "nld"),
    ("nn", "nno"),
    ("no", "nor"),
    ("oc", "oci"),
    ("pl", "pol"),
    ("pt", "por"),
    ("ro", "ron"),
    ("ru", "rus"),
    ("sc", "srd"),
    ("sh", "hbs"),
    ("sk", "slk"),
    ("sl", "slv"),
    ("sq", "sqi"),
    ("sr", "srp"),
    ("sv", "swe"),
    ("tr", "tur"),
    ("tt", "tat"),
    ("uk", "ukr"),
    ("ur", "urd"),
    ("uz", "uzb"),
    ("vi", "vie"),
    ("zh", "zho"),
];

/// The primary subtag of a tag, lower-cased: `zh-Hant` → `zh`.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// Whether a tag means Traditional Chinese.
pub fn is_traditional_chinese(tag: &str) -> bool {
    let t = tag.to_ascii_lowercase().replace('_', "-");
    primary(&t) == "zh" && (t.contains("hant") || t.ends_with("-tw") || t.ends_with("-hk") || t.ends_with("-mo"))
}

/// The ISO 639-3 code of a tag, if known.
pub fn iso639_3(tag: &str) -> Option<&'static str> {
    let p = primary(tag);
    if p.len() == 3 {
        return ISO639_3.iter().map(|(_, three)| *three).find(|three| *three == p);
    }
    ISO639_3.iter().find(|(two, _)| *two == p).map(|(_, three)| *three)
}

/// Google / MyMemory style: `zh-CN`, `zh-TW`, else the primary subtag.
pub fn google_style(tag: &str) -> String {
    match primary(tag).as_str() {
        "zh" if is_traditional_chinese(tag) => "zh-TW".into(),
        "zh" => "zh-CN".into(),
        p => p.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_codes() {
        assert_eq!(iso639_3("en"), Some("eng"));
        assert_eq!(iso639_3("es-ES"), Some("spa"));
        assert_eq!(iso639_3("spa"), Some("spa"));
        assert_eq!(iso639_3("xx"), None);
        assert_eq!(google_style("zh"), "zh-CN");
        assert_eq!(google_style("zh-Hant"), "zh-TW");
        assert_eq!(google_style("ko"), "ko");
    }
}
