//! Numbers written as words, and month names: English ones in text of any language, and
//! a language's own where the text is in German, French, Spanish, Italian, Portuguese or
//! Dutch ("zwei", "dix-sept", "quatre-vingt-dix", "einundzwanzig", "duecento",
//! "troisième", "dritten", "juin"). All are soft quantities (see [`super::numbers`]):
//! they match a figure on the other side and are never reported, so a word that is also
//! something else ("neuf" is new, "secondo" is according to) costs at most a missed
//! finding, never a false alarm.

/// Magnitude words after a number ("2 million", "3 Milliarden", "1,5 millions"), in
/// every language: none of them means anything else.
pub const MAGNITUDES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("millionen", 1e6),
    ("mio", 1e6),
    ("millones", 1e6),
    ("millón", 1e6),
    ("milione", 1e6),
    ("milioni", 1e6),
    ("milhão", 1e6),
    ("milhões", 1e6),
    ("miljoen", 1e6),
    ("billion", 1e9),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("milliarde", 1e9),
    ("milliarden", 1e9),
    ("mrd", 1e9),
    ("miliardo", 1e9),
    ("miliardi", 1e9),
    ("miljard", 1e9),
    ("trillion", 1e12),
];

/// The value of the spelled-out number or month name that starts `chars` at `start` (a
/// word ending at `end`), and where it ends: English in any text, else in `lang`.
pub fn spelled(chars: &[char], start: usize, end: usize, lang: &str) -> Option<(f64, usize)> {
    let word: String = chars[start..end].iter().collect::<String>().to_lowercase();
    let capital = chars[start].is_uppercase();
    english(&word, capital, chars, end).or_else(|| own(Language::of(lang)?, &word, chars, end))
}

const EN_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
    ("million", 1e6),
    ("billion", 1e9),
    ("half", 0.5),
    ("double", 2.0),
    ("twice", 2.0),
    ("triple", 3.0),
    ("dozen", 12.0),
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("hundredth", 100.0),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// An English number word (with "twenty-five" compounds), or a month name.
fn english(word: &str, capital: bool, chars: &[char], end: usize) -> Option<(f64, usize)> {
    if let Some(m) = MONTHS.iter().position(|m| *m == word) {
        // A month is written with a capital: "may" the verb is not one.
        return capital.then_some(((m + 1) as f64, end));
    }
    let (_, mut value) = *EN_WORDS.iter().find(|(w, _)| *w == word)?;
    let mut end = end;
    if chars.get(end) == Some(&'-') {
        let next_end = (end + 1..chars.len()).find(|&k| !chars[k].is_alphabetic()).unwrap_or(chars.len());
        let next: String = chars[end + 1..next_end].iter().collect::<String>().to_lowercase();
        if let Some((_, v)) =
            EN_WORDS.iter().find(|(w, _)| *w == next).filter(|(_, v)| *v < 10.0 && *v >= 1.0 && value >= 20.0)
        {
            value += v;
            end = next_end;
        }
    }
    Some((value, end))
}

/// A language's number words: the cardinals (which also build compounds: "zwei|hundert",
/// "quatre-vingt", "trenta|due"), the words joining parts of one ("und", "et"), the
/// ordinals as stems and endings, and the months.
struct Language {
    cardinals: &'static [(&'static str, f64)],
    joiners: &'static [&'static str],
    /// Cardinals that alone are mostly an article.
    only_in_compounds: &'static [&'static str],
    ordinals: &'static [(&'static str, f64)],
    ordinal_endings: &'static [&'static str],
    /// An ending that makes any cardinal an ordinal ("ième": "troisième", "onzième").
    cardinal_ordinal: Option<&'static str>,
    months: [&'static str; 12],
    /// "quatre-vingt" is four twenties (French); elsewhere "vierundzwanzig" adds.
    four_twenties: bool,
}

impl Language {
    fn of(lang: &str) -> Option<&'static Language> {
        Some(match lang {
            "de" => &GERMAN,
            "fr" => &FRENCH,
            "es" => &SPANISH,
            "it" => &ITALIAN,
            "pt" => &PORTUGUESE,
            "nl" => &DUTCH,
            _ => return None,
        })
    }

    fn cardinal(&self, word: &str) -> Option<f64> {
        self.cardinals.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
    }

    /// A cardinal, whole or built of cardinals and joiners ("einundzwanzig",
    /// "zweihundertfünfzig", "trentadue"); the longest known part is taken first.
    fn compound(&self, word: &str) -> Option<f64> {
        if let Some(v) = self.cardinal(word) {
            return Some(v);
        }
        let mut values = Vec::new();
        let mut rest = word;
        while !rest.is_empty() {
            let part = self.cardinals.iter().filter(|(w, _)| rest.starts_with(w)).max_by_key(|(w, _)| w.len());
            if let Some((w, v)) = part {
                rest = &rest[w.len()..];
                values.push(*v);
                continue;
            }
            // A joiner only between two parts.
            let joiner = self.joiners.iter().find(|j| rest.starts_with(**j) && rest.len() > j.len());
            rest = &rest[joiner.filter(|_| !values.is_empty())?.len()..];
        }
        (values.len() >= 2).then(|| combine(&values, self.four_twenties))
    }

    fn ordinal(&self, word: &str) -> Option<f64> {
        for (stem, v) in self.ordinals {
            if let Some(ending) = word.strip_prefix(stem) {
                if self.ordinal_endings.contains(&ending) {
                    return Some(*v);
                }
            }
        }
        let ending = self.cardinal_ordinal?;
        let stem = word.strip_suffix('s').unwrap_or(word).strip_suffix(ending)?;
        // The cardinal lost its final e (quatre → quatrième) or changed its last
        // letter (cinq → cinquième, neuf → neuvième).
        let respelled = stem
            .strip_suffix("qu")
            .map(|s| format!("{s}q"))
            .or_else(|| stem.strip_suffix('v').map(|s| format!("{s}f")));
        [Some(stem.to_string()), Some(format!("{stem}e")), respelled]
            .into_iter()
            .flatten()
            .find_map(|s| self.compound(&s))
    }
}

/// The value of a number's parts in order: a smaller part before a hundred or a
/// thousand multiplies it, and with `four_twenties` "quatre" before "vingt" makes
/// eighty; any other part adds.
fn combine(values: &[f64], four_twenties: bool) -> f64 {
    let (mut total, mut current, mut last) = (0.0, 0.0, 0.0);
    for &v in values {
        let times = |n: f64| if n == 0.0 { v } else { n * v };
        if v >= 1000.0 {
            total += times(current);
            current = 0.0;
        } else if v == 100.0 {
            current = times(current);
        } else if four_twenties && v == 20.0 && last == 4.0 {
            current += 4.0 * 20.0 - 4.0;
        } else {
            current += v;
        }
        last = v;
    }
    total + current
}

/// A number word of `lang`, a hyphenated one ("dix-sept", "vingt-et-un",
/// "quatre-vingt-dix") or a month name, and where it ends.
fn own(lang: &Language, word: &str, chars: &[char], end: usize) -> Option<(f64, usize)> {
    if let Some(m) = lang.months.iter().position(|m| *m == word) {
        return Some(((m + 1) as f64, end));
    }
    // An article ("un", "ein") is a number only as a part of one ("vingt-et-un").
    if lang.only_in_compounds.contains(&word) && chars.get(end) != Some(&'-') {
        return None;
    }
    let first = lang.compound(word).or_else(|| lang.ordinal(word))?;
    let (mut values, mut end) = (vec![first], end);
    // Hyphenated parts, each a cardinal, an ordinal ("vingt-et-unième") or a joiner.
    while chars.get(end) == Some(&'-') {
        let next_end = (end + 1..chars.len()).find(|&k| !is_letter(chars[k])).unwrap_or(chars.len());
        let next: String = chars[end + 1..next_end].iter().collect::<String>().to_lowercase();
        if lang.joiners.contains(&next.as_str()) {
            end = next_end;
            continue;
        }
        match lang.compound(&next).or_else(|| lang.ordinal(&next)) {
            Some(v) => values.push(v),
            None => break,
        }
        end = next_end;
    }
    Some((combine(&values, lang.four_twenties), end))
}

/// A letter of a word in a Latin script, accented ones included.
pub fn is_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x250
}

const GERMAN: Language = Language {
    cardinals: &[
        ("null", 0.0),
        ("eins", 1.0),
        ("ein", 1.0),
        ("zwei", 2.0),
        ("zwo", 2.0),
        ("drei", 3.0),
        ("vier", 4.0),
        ("fünf", 5.0),
        ("sechs", 6.0),
        ("sieben", 7.0),
        ("acht", 8.0),
        ("neun", 9.0),
        ("zehn", 10.0),
        ("elf", 11.0),
        ("zwölf", 12.0),
        ("dreizehn", 13.0),
        ("vierzehn", 14.0),
        ("fünfzehn", 15.0),
        ("sechzehn", 16.0),
        ("siebzehn", 17.0),
        ("achtzehn", 18.0),
        ("neunzehn", 19.0),
        ("zwanzig", 20.0),
        ("dreißig", 30.0),
        ("dreissig", 30.0),
        ("vierzig", 40.0),
        ("fünfzig", 50.0),
        ("sechzig", 60.0),
        ("siebzig", 70.0),
        ("achtzig", 80.0),
        ("neunzig", 90.0),
        ("hundert", 100.0),
        ("tausend", 1000.0),
    ],
    joiners: &["und"],
    only_in_compounds: &["ein"],
    ordinals: &[
        ("erst", 1.0),
        ("zweit", 2.0),
        ("dritt", 3.0),
        ("viert", 4.0),
        ("fünft", 5.0),
        ("sechst", 6.0),
        ("siebt", 7.0),
        ("siebent", 7.0),
        ("acht", 8.0),
        ("neunt", 9.0),
        ("zehnt", 10.0),
        ("elft", 11.0),
        ("zwölft", 12.0),
        ("zwanzigst", 20.0),
        ("hundertst", 100.0),
    ],
    ordinal_endings: &["e", "en", "er", "es", "em"],
    cardinal_ordinal: None,
    months: [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    four_twenties: false,
};

const FRENCH: Language = Language {
    cardinals: &[
        ("zéro", 0.0),
        ("un", 1.0),
        ("deux", 2.0),
        ("trois", 3.0),
        ("quatre", 4.0),
        ("cinq", 5.0),
        ("six", 6.0),
        ("sept", 7.0),
        ("huit", 8.0),
        ("neuf", 9.0),
        ("dix", 10.0),
        ("onze", 11.0),
        ("douze", 12.0),
        ("treize", 13.0),
        ("quatorze", 14.0),
        ("quinze", 15.0),
        ("seize", 16.0),
        ("vingt", 20.0),
        ("vingts", 20.0),
        ("trente", 30.0),
        ("quarante", 40.0),
        ("cinquante", 50.0),
        ("soixante", 60.0),
        ("septante", 70.0),
        ("huitante", 80.0),
        ("octante", 80.0),
        ("nonante", 90.0),
        ("cent", 100.0),
        ("cents", 100.0),
        ("mille", 1000.0),
    ],
    joiners: &["et"],
    only_in_compounds: &["un"],
    ordinals: &[("premi", 1.0)],
    ordinal_endings: &["er", "ère", "ers", "ères"],
    cardinal_ordinal: Some("ième"),
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    four_twenties: true,
};

const SPANISH: Language = Language {
    cardinals: &[
        ("cero", 0.0),
        ("uno", 1.0),
        ("dos", 2.0),
        ("tres", 3.0),
        ("cuatro", 4.0),
        ("cinco", 5.0),
        ("seis", 6.0),
        ("siete", 7.0),
        ("ocho", 8.0),
        ("nueve", 9.0),
        ("diez", 10.0),
        ("once", 11.0),
        ("doce", 12.0),
        ("trece", 13.0),
        ("catorce", 14.0),
        ("quince", 15.0),
        ("dieciséis", 16.0),
        ("diecisiete", 17.0),
        ("dieciocho", 18.0),
        ("diecinueve", 19.0),
        ("veinte", 20.0),
        ("treinta", 30.0),
        ("cuarenta", 40.0),
        ("cincuenta", 50.0),
        ("sesenta", 60.0),
        ("setenta", 70.0),
        ("ochenta", 80.0),
        ("noventa", 90.0),
        ("cien", 100.0),
        ("ciento", 100.0),
        ("cientos", 100.0),
        ("mil", 1000.0),
    ],
    joiners: &[],
    only_in_compounds: &["uno"],
    ordinals: &[
        ("primer", 1.0),
        ("segund", 2.0),
        ("tercer", 3.0),
        ("cuart", 4.0),
        ("quint", 5.0),
        ("sext", 6.0),
        ("séptim", 7.0),
        ("octav", 8.0),
        ("noven", 9.0),
        ("décim", 10.0),
    ],
    ordinal_endings: &["", "o", "a", "os", "as"],
    cardinal_ordinal: None,
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    four_twenties: false,
};

const ITALIAN: Language = Language {
    cardinals: &[
        ("zero", 0.0),
        ("uno", 1.0),
        ("due", 2.0),
        ("tre", 3.0),
        ("quattro", 4.0),
        ("cinque", 5.0),
        ("sei", 6.0),
        ("sette", 7.0),
        ("otto", 8.0),
        ("nove", 9.0),
        ("dieci", 10.0),
        ("undici", 11.0),
        ("dodici", 12.0),
        ("tredici", 13.0),
        ("quattordici", 14.0),
        ("quindici", 15.0),
        ("sedici", 16.0),
        ("diciassette", 17.0),
        ("diciotto", 18.0),
        ("diciannove", 19.0),
        ("venti", 20.0),
        ("trenta", 30.0),
        ("quaranta", 40.0),
        ("cinquanta", 50.0),
        ("sessanta", 60.0),
        ("settanta", 70.0),
        ("ottanta", 80.0),
        ("novanta", 90.0),
        ("cento", 100.0),
        ("mille", 1000.0),
        ("mila", 1000.0),
    ],
    joiners: &[],
    only_in_compounds: &["uno"],
    ordinals: &[
        ("prim", 1.0),
        ("second", 2.0),
        ("terz", 3.0),
        ("quart", 4.0),
        ("quint", 5.0),
        ("sest", 6.0),
        ("settim", 7.0),
        ("ottav", 8.0),
        ("non", 9.0),
        ("decim", 10.0),
    ],
    ordinal_endings: &["o", "a", "i", "e"],
    cardinal_ordinal: None,
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    four_twenties: false,
};

const PORTUGUESE: Language = Language {
    cardinals: &[
        ("zero", 0.0),
        ("dois", 2.0),
        ("duas", 2.0),
        ("três", 3.0),
        ("quatro", 4.0),
        ("cinco", 5.0),
        ("seis", 6.0),
        ("sete", 7.0),
        ("oito", 8.0),
        ("nove", 9.0),
        ("dez", 10.0),
        ("onze", 11.0),
        ("doze", 12.0),
        ("treze", 13.0),
        ("catorze", 14.0),
        ("quatorze", 14.0),
        ("quinze", 15.0),
        ("dezesseis", 16.0),
        ("dezasseis", 16.0),
        ("dezessete", 17.0),
        ("dezassete", 17.0),
        ("dezoito", 18.0),
        ("dezenove", 19.0),
        ("dezanove", 19.0),
        ("vinte", 20.0),
        ("trinta", 30.0),
        ("quarenta", 40.0),
        ("cinquenta", 50.0),
        ("sessenta", 60.0),
        ("setenta", 70.0),
        ("oitenta", 80.0),
        ("noventa", 90.0),
        ("cem", 100.0),
        ("cento", 100.0),
        ("mil", 1000.0),
    ],
    joiners: &[],
    only_in_compounds: &[],
    ordinals: &[
        ("primeir", 1.0),
        ("segund", 2.0),
        ("terceir", 3.0),
        ("quart", 4.0),
        ("quint", 5.0),
        ("sext", 6.0),
        ("sétim", 7.0),
        ("oitav", 8.0),
        ("non", 9.0),
        ("décim", 10.0),
    ],
    ordinal_endings: &["o", "a", "os", "as"],
    cardinal_ordinal: None,
    months: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    four_twenties: false,
};

const DUTCH: Language = Language {
    cardinals: &[
        ("nul", 0.0),
        ("één", 1.0),
        ("een", 1.0),
        ("twee", 2.0),
        ("drie", 3.0),
        ("vier", 4.0),
        ("vijf", 5.0),
        ("zes", 6.0),
        ("zeven", 7.0),
        ("acht", 8.0),
        ("negen", 9.0),
        ("tien", 10.0),
        ("elf", 11.0),
        ("twaalf", 12.0),
        ("dertien", 13.0),
        ("veertien", 14.0),
        ("vijftien", 15.0),
        ("zestien", 16.0),
        ("zeventien", 17.0),
        ("achttien", 18.0),
        ("negentien", 19.0),
        ("twintig", 20.0),
        ("dertig", 30.0),
        ("veertig", 40.0),
        ("vijftig", 50.0),
        ("zestig", 60.0),
        ("zeventig", 70.0),
        ("tachtig", 80.0),
        ("negentig", 90.0),
        ("honderd", 100.0),
        ("duizend", 1000.0),
    ],
    joiners: &["en", "ën"],
    only_in_compounds: &["een"],
    ordinals: &[
        ("eerst", 1.0),
        ("tweed", 2.0),
        ("derd", 3.0),
        ("vierd", 4.0),
        ("vijfd", 5.0),
        ("zesd", 6.0),
        ("zevend", 7.0),
        ("achtst", 8.0),
        ("negend", 9.0),
        ("tiend", 10.0),
    ],
    ordinal_endings: &["e"],
    cardinal_ordinal: None,
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    four_twenties: false,
};
