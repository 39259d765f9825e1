//! Common words of the European languages, for text too short for trigram statistics.
//!
//! whatlang's trigram models need a sentence; a two-word phrase such as "die Hütte" or
//! "of the" gives them almost nothing, yet one common word settles it. These lists hold
//! the most frequent words (mostly function words) of each language, written for this
//! project from general knowledge of the languages, not taken from any evaluation data.
//! Tokens are lower case and split at every non-letter, so `l'eau` gives `l` and `eau`.

use crate::hashing::FnvMap;

const WORDS: &[(&str, &str)] = &[
    ("en", "the of and to a in is that it was for on are as with his they at be this from have or by one had not but what all were when we there can an your which their said if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know get through back much before go good new write our used me man too any day same right look think also around another came come work three word must because does part even place well such here take why help put different away again off went old number great tell men say small every found still between name should home big give set own under read last never us left end along while might next saw something thought both few those always looked show large often together asked house don world going want school important until form food keep children feet land side without once life enough took sometimes four head above kind began almost live got need far hand high year mother light country father let night being second eyes soon times story since white days ever hard near better best across during today others however sure knew try told young whole hear heard several change room against top turned learn point city toward five himself usually i you he it's isn't didn't"),
    ("de", "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass daß sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei seine seiner seinen ihre ihr ihm ihn ihnen wir ich du kann können konnte wenn schon jetzt dann da hier dort sehr unter gegen zwischen wieder immer vom beim ohne mir mich dich uns euch was wer wo warum weil ob doch denn nun eines keine kein keinen diese dieser dieses diesem diesen jeder jede alle allen viele vielen einige zwei drei worden gibt ging kam geht machen gemacht hatte hatten waren bin bist seid ganz gut neue neuen großen große andere anderen anderer während sowie etwa heute dabei damit darauf davon dazu also ab seit ins oben unten weg wurden wäre würde nichts etwas selbst zurück schon jahr jahre jahren zeit weit lange erst ersten letzten mann leute ende teil unser unsere unserer unseren unserem zwar sogar bereits jedoch nämlich beiden beide zweite dritte wollte sollte musste mussten müssen soll will ließ lassen wollen dort nach herr frau hinter neben trotz wegen statt fast viel welche welcher welches hoch hohe tief bald kaum"),
    ("fr", "de la le et les des en un une du dans est que qui pour pas au sur par plus ne se ce il elle ils elles avec sont été son sa ses leur leurs nous vous je tu on mais ou où comme tout tous toute toutes cette ces cet aux avait avoir être fait faire très bien aussi même après avant sans sous entre encore déjà alors donc car si peu lui dont quand comment pourquoi notre nos votre vos mon ma mes ton ta tes autre autres deux trois fois jour jours temps rien chez vers depuis ainsi puis là ici non oui peut doit était étaient sera ont avons avez fut celle celui ceux cela ça c l d qu j n s m jusqu puisqu lorsqu aujourd hui selon pendant contre chaque quelque quelques enfin toujours jamais beaucoup trop moins mieux premier première dernier grand grande petit petite haut eux"),
    ("es", "de la que el en y los se del las un por con no una su para es al lo como más pero sus le ya o fue este ha sí porque esta son entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus ellas vosotros os era eran está están hace hacer dijo dos tres años año puede ser fueron había pues cómo dónde aquí así después nunca siempre"),
    ("it", "di e il la che è per un in una a non si da del le sono con i della al dei gli come lo ma più anche ha se nel alla questo ci delle su o mi tra ti mio mia hanno essere era erano fatto loro quando molto cosa sua suo suoi sue questa quello quella tutti tutto tutte degli dalla nella dal ne perché però già dove così ancora sempre stato stata fare due tre anni anno oggi ogni dopo prima sul sulla noi voi io tu lui lei l d un dell nell all sull quale quali senza fra verso mentre poi allora"),
    ("pt", "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele tu te vocês vos lhes meus minhas teu tua teus tuas nosso nossa nossos nossas dois três anos ano ainda então aqui onde assim"),
    ("nl", "de en van het een in is dat op te zijn met voor niet aan er die als ook bij om maar uit of door dan nog over naar zo al wat kan was worden wordt werd hij zij ze wij we ik je u jij hun haar hem ons mijn onze deze dit geen meer veel wel nu hier daar waar toen hoe wie waarom omdat tot tegen zonder onder na sinds alle twee drie jaar heeft hebben had hadden zal zullen kunnen moet moeten echter"),
];

/// Letters that only some of these languages use; each counts like a common word.
const LETTERS: &[(&str, &str)] =
    &[("de", "äöüß"), ("fr", "éèêàçëîïôûùœ"), ("es", "ñáíóúé¿¡"), ("pt", "ãõçáâêôéà"), ("it", "àèéìòù")];

/// Spellings typical of one language (`*` marks the end of a word); a word showing one
/// counts half a common word.
const SPELLINGS: &[(&str, &[&str])] = &[
    ("de", &["sch", "ung*", "keit*", "heit*", "lich*", "tz", "pf", "chen*"]),
    ("en", &["th", "wh", "ght", "ing*"]),
    ("fr", &["eau", "aux*", "eux*", "ais*", "ait*", "ées*"]),
];

/// Word → bit set of the (allowed) languages that use it, with the languages in bit order.
pub struct Lexicon {
    langs: Vec<&'static str>,
    words: FnvMap<&'static str, u16>,
    letters: FnvMap<char, u16>,
    /// (pattern without `*`, whether it must end the word, language bit)
    spellings: Vec<(&'static str, bool, u16)>,
}

impl Lexicon {
    /// The lexicon of the languages `allowed` admits.
    pub fn new(allowed: impl Fn(&str) -> bool) -> Lexicon {
        let mut langs = Vec::new();
        let mut words: FnvMap<&'static str, u16> = FnvMap::default();
        let mut letters: FnvMap<char, u16> = FnvMap::default();
        let mut spellings = Vec::new();
        for (lang, list) in WORDS.iter().filter(|(l, _)| allowed(l)) {
            let bit = 1u16 << langs.len();
            langs.push(*lang);
            for word in list.split_whitespace() {
                *words.entry(word).or_insert(0) |= bit;
            }
            for (_, patterns) in SPELLINGS.iter().filter(|(l, _)| l == lang) {
                spellings.extend(patterns.iter().map(|p| (p.trim_end_matches('*'), p.ends_with('*'), bit)));
            }
            for (_, chars) in LETTERS.iter().filter(|(l, _)| l == lang) {
                for c in chars.chars() {
                    *letters.entry(c).or_insert(0) |= bit;
                }
            }
        }
        Lexicon { langs, words, letters, spellings }
    }

    /// Evidence per language: each known word adds 1, split evenly among the languages
    /// that share it. Returns nothing when no word is known.
    pub fn scores(&self, text: &str) -> Option<Vec<(&'static str, f64)>> {
        if self.langs.is_empty() {
            return None;
        }
        let mut scores = vec![0.0; self.langs.len()];
        let mut any = false;
        let mut add = |bits: u16, weight: f64| {
            any = true;
            let share = weight / bits.count_ones() as f64;
            for (i, s) in scores.iter_mut().enumerate() {
                if bits & (1 << i) != 0 {
                    *s += share;
                }
            }
        };
        let mut lower = String::new();
        let mut seen_letters: u16 = 0;
        for (start, token) in words(text) {
            // A lone letter is a word only as an elision (French `l'`, `d'`, `qu'`);
            // otherwise it is an initial or a unit such as `m`.
            let elided = text[start + token.len()..].starts_with(['\'', '’']);
            if token.chars().nth(1).is_none() && !elided {
                continue;
            }
            // Most tokens are already lower case: look them up without copying.
            let word = if token.bytes().all(|b| b.is_ascii_lowercase()) {
                token
            } else {
                lower.clear();
                lower.extend(token.chars().flat_map(char::to_lowercase));
                lower.as_str()
            };
            if let Some(&bits) = self.words.get(word) {
                add(bits, 1.0);
            } else if let Some(&(_, _, bit)) = self.spellings.iter().find(|(p, at_end, _)| {
                word.len() > p.len() && if *at_end { word.ends_with(p) } else { word.contains(p) }
            }) {
                add(bit, 0.5);
            }
            if !word.is_ascii() {
                for c in word.chars() {
                    // Each distinctive letter counts once per text, not once per use.
                    if let Some(&bits) = self.letters.get(&c) {
                        if seen_letters & bits != bits {
                            seen_letters |= bits;
                            add(bits, 1.0);
                        }
                    }
                }
            }
        }
        any.then(|| self.langs.iter().copied().zip(scores).collect())
    }
}

/// The runs of letters in `text`, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|(_, c)| c.is_alphabetic())?;
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphabetic() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_split_their_weight() {
        let lex = Lexicon::new(|l| matches!(l, "en" | "de" | "fr"));
        let scores = lex.scores("Die Hütte in the Alps").unwrap();
        let get = |l: &str| scores.iter().find(|(x, _)| *x == l).unwrap().1;
        // "die" is German only here; "in" is English and German; "the" English.
        // ...and "ü" is a German letter.
        assert_eq!(get("de"), 2.5);
        assert_eq!(get("en"), 1.5);
        assert_eq!(get("fr"), 0.0);
        assert!(lex.scores("Hutte Alpen").is_none());
    }

    #[test]
    fn lone_letters_count_only_as_elisions() {
        let lex = Lexicon::new(|l| matches!(l, "de" | "fr"));
        assert!(lex.scores("8000 m Höhe").unwrap().iter().all(|(l, s)| *l == "de" || *s == 0.0));
        let scores = lex.scores("l'eau").unwrap();
        assert!(scores.iter().any(|(l, s)| *l == "fr" && *s >= 1.0), "{scores:?}");
    }

    #[test]
    fn only_allowed_languages_count() {
        let lex = Lexicon::new(|l| l == "fr");
        assert_eq!(lex.scores("de la montagne").unwrap(), vec![("fr", 2.0)]);
        assert!(Lexicon::new(|l| l == "zh").scores("the house").is_none());
    }
}
