//! Translation sentences that stop mid-way: the end-punctuation check of QA tools. A
//! sentence cut off (by a length limit, a lost line, a careless edit) keeps its first
//! words, so it can look much like its source; its missing close gives it away. Finished
//! translations rarely end a sentence open where the source closes it (1 in 500
//! sentences of the gold-aligned literary and technical sets, measured).

use serde_json::json;

use super::{excerpt, Finding, Kind, Severity};
use crate::align::Bead;
use crate::segment::{ends_sentence, without_closers};

/// Languages whose sentences end without a mark (Thai, Lao): no sentence of theirs
/// can be told cut off this way.
const UNMARKED: [&str; 2] = ["th", "lo"];

/// A finding for each translation sentence of `bead` that ends open where the bead's
/// source ends as a sentence does.
pub fn check(bead: &Bead, source: &[&str], target: &[&str], target_lang: &str, found: &mut Vec<Finding>) {
    if UNMARKED.contains(&target_lang) {
        return;
    }
    let Some(last) = bead.src.clone().last() else { return };
    if !ends_sentence(source[last]) {
        return;
    }
    for j in bead.tgt.clone() {
        let text = target[j].trim_end();
        // Speech broken off with a dash ends there on purpose; a next line that starts in
        // lower case carries the sentence on, and so does one after a comma inside an open
        // quotation ("'She mustn't do that," then "I am much too young!'"); a line without
        // letters is a list marker.
        let broken_off = without_closers(text).ends_with(['—', '–']);
        let carried_on =
            target.get(j + 1).and_then(|next| next.trim_start().chars().next()).is_some_and(char::is_lowercase)
                || (j + 1 < target.len() && text.ends_with([',', '，', '、']) && quotation_open(text));
        if ends_sentence(text) || broken_off || carried_on || !text.chars().any(char::is_alphabetic) {
            continue;
        }
        let end = excerpt(text, text.char_indices().rev().nth(29).map_or(0, |(i, _)| i)..text.len());
        found.push(Finding {
            kind: Kind::Omission,
            severity: Severity::Major,
            message: format!(
                "cut off: translation sentence {} stops mid-sentence, at “{end}”, where the source sentence ends",
                j + 1
            ),
            evidence: json!({"target": target[j], "source": source[last]}),
        });
    }
}

/// Whether `text` opens more quotations than it closes. Straight quotes and ’ open at
/// the start of a word and close at its end; between letters they are apostrophes.
fn quotation_open(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut depth = 0i32;
    for (k, &c) in chars.iter().enumerate() {
        let before = k.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(k + 1).copied();
        let word = |x: Option<char>| x.is_some_and(|x| !x.is_whitespace() && !"([{".contains(x));
        match c {
            '“' | '‘' | '«' | '「' | '『' => depth += 1,
            '”' | '»' | '」' | '』' => depth -= 1,
            '"' | '\'' | '’' if !word(before) && after.is_some_and(char::is_alphanumeric) => depth += 1,
            '"' | '\'' | '’' if word(before) && !after.is_some_and(char::is_alphanumeric) => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(source: &[&str], target: &[&str]) -> Vec<String> {
        let bead = Bead { src: 0..source.len(), tgt: 0..target.len(), cost: 0.0 };
        let mut found = Vec::new();
        check(&bead, source, target, "fr", &mut found);
        found.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn a_sentence_that_stops_mid_way_is_cut_off() {
        let found =
            cut(&["Le temps se gâta ensuite, avec de fortes chutes de neige."], &["Then the weather, with heavy"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("translation sentence 1 stops mid-sentence") && found[0].contains("with heavy"));
        // The second sentence of a merged bead is checked too.
        let found = cut(&["Il partit.", "Il revint le soir."], &["He left.", "He came back in the"]);
        assert!(found.len() == 1 && found[0].contains("sentence 2"), "{found:?}");
    }

    #[test]
    fn closed_broken_off_carried_on_and_open_source_are_not() {
        assert!(cut(&["他走了。"], &["He left."]).is_empty());
        assert!(cut(&["他走了。"], &["“He left,” she said."]).is_empty());
        assert!(cut(&["« Mais je… »"], &["'But I—'"]).is_empty());
        assert!(cut(&["Il dit qu'il viendrait demain."], &["He said he would", "come tomorrow."]).is_empty());
        // Speech that goes on after a comma on the next line.
        let speech = ["'Stop her!' said Xi-feng. 'She mustn't do that,", "I am much too young!'"];
        assert!(cut(&["“别拜，我年轻。”"], &speech).is_empty());
        // Closed, or the last line, it was cut there.
        assert_eq!(cut(&["“别拜，我年轻。”"], &["'She mustn't do that,' she said,", "I am young."]).len(), 1);
        assert_eq!(cut(&["“别拜，我年轻。”"], &speech[..1]).len(), 1);
        // A heading stays open on both sides.
        assert!(cut(&["Annual Report"], &["Rapport annuel"]).is_empty());
        assert!(cut(&["Tableau 3."], &["3"]).is_empty());
    }

    #[test]
    fn other_scripts_close_their_own_way() {
        let hindi = Bead { src: 0..1, tgt: 0..1, cost: 0.0 };
        let mut found = Vec::new();
        check(&hindi, &["He left."], &["वह चला गया।"], "hi", &mut found);
        check(&hindi, &["He left."], &["เขาไปแล้ว"], "th", &mut found);
        assert!(found.is_empty(), "{found:?}");
        check(&hindi, &["He left the house and went."], &["वह घर छोड़कर"], "hi", &mut found);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
