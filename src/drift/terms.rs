//! The glossary: terms the translation must use, and terms it must not.
//!
//! Two plain files, named in config: a TSV of `source term<TAB>required target term`
//! lines, and a list of forbidden target terms, one per line. Lines starting with `#`
//! are comments. Terms match case-insensitively; Latin-script terms on word boundaries,
//! CJK terms as substrings (CJK text has no word boundaries to respect).
//!
//! All terms of a side are found in one pass over a bead's text (Aho-Corasick), so a
//! termbase of thousands of entries costs about what one term does.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Finding, Kind, Severity};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Glossary {
    /// (source term, required target term)
    pub required: Vec<(String, String)>,
    pub forbidden: Vec<String>,
    /// Built from the terms on first use.
    #[serde(skip)]
    matcher: OnceLock<Matcher>,
}

/// The terms of each side, lower-cased and each distinct one once, in one automaton per
/// side; which pattern each term is.
#[derive(Debug, Clone)]
struct Matcher {
    source: TermSide,
    target: TermSide,
    /// Per required entry, its source and its target pattern.
    required: Vec<(usize, usize)>,
    /// Per forbidden term, its target pattern.
    forbidden: Vec<usize>,
}

#[derive(Debug, Clone)]
struct TermSide {
    automaton: AhoCorasick,
    /// Per pattern, whether it has Latin letters (then it matches on word boundaries).
    bounded: Vec<bool>,
}

impl TermSide {
    /// The side's automaton over `terms`, and each term's pattern.
    fn of<'a>(terms: impl Iterator<Item = &'a str>) -> (TermSide, Vec<usize>) {
        let mut index: HashMap<String, usize> = HashMap::new();
        let ids = terms
            .map(|t| {
                let next = index.len();
                *index.entry(t.to_lowercase()).or_insert(next)
            })
            .collect();
        let mut patterns = vec![String::new(); index.len()];
        for (p, i) in index {
            patterns[i] = p;
        }
        let bounded = patterns.iter().map(|p| p.chars().any(|c| c.is_ascii_alphabetic())).collect();
        let automaton = AhoCorasick::new(&patterns).expect("glossary terms make an automaton");
        (TermSide { automaton, bounded }, ids)
    }

    /// Which patterns `text` contains: on word boundaries where the pattern has Latin
    /// letters, anywhere otherwise; case ignored.
    fn found(&self, text: &str) -> Vec<bool> {
        let text = text.to_lowercase();
        let mut found = vec![false; self.bounded.len()];
        for m in self.automaton.find_overlapping_iter(&text) {
            let p = m.pattern().as_usize();
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let alone = !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
            found[p] |= alone || !self.bounded[p];
        }
        found
    }
}

impl Glossary {
    /// Reads the glossary files; either may be absent.
    pub fn load(terms: Option<&Path>, forbidden: Option<&Path>) -> Result<Glossary> {
        let mut g = Glossary::default();
        if let Some(path) = terms {
            for (n, line) in lines(path)? {
                let (s, t) = line
                    .split_once('\t')
                    .ok_or_else(|| Error::input(path, format!("line {n}: expected `source term<TAB>target term`")))?;
                if s.trim().is_empty() || t.trim().is_empty() {
                    return Err(Error::input(path, format!("line {n}: a term is empty")));
                }
                g.required.push((s.trim().to_string(), t.trim().to_string()));
            }
        }
        if let Some(path) = forbidden {
            g.forbidden.extend(lines(path)?.into_iter().map(|(_, l)| l.trim().to_string()));
        }
        Ok(g)
    }

    /// A glossary of these terms.
    pub fn new(required: Vec<(String, String)>, forbidden: Vec<String>) -> Glossary {
        Glossary { required, forbidden, matcher: OnceLock::new() }
    }

    fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| {
            let (source, required_src) = TermSide::of(self.required.iter().map(|(s, _)| s.as_str()));
            let targets =
                self.required.iter().map(|(_, t)| t.as_str()).chain(self.forbidden.iter().map(String::as_str));
            let (target, mut target_ids) = TermSide::of(targets);
            let forbidden = target_ids.split_off(self.required.len());
            Matcher { source, target, required: required_src.into_iter().zip(target_ids).collect(), forbidden }
        })
    }

    /// Findings for one bead's source and target text.
    pub fn check(&self, src: &str, tgt: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        if self.required.is_empty() && self.forbidden.is_empty() {
            return found;
        }
        let matcher = self.matcher();
        let in_src = if self.required.is_empty() { Vec::new() } else { matcher.source.found(src) };
        let in_tgt = matcher.target.found(tgt);
        for ((s, t), &(ps, pt)) in self.required.iter().zip(&matcher.required) {
            if in_src[ps] && !in_tgt[pt] {
                found.push(Finding {
                    kind: Kind::Terminology,
                    severity: Severity::Major,
                    message: format!("“{s}” should be translated as “{t}”"),
                    evidence: json!({"source_term": s, "required": t}),
                });
            }
        }
        for (f, &p) in self.forbidden.iter().zip(&matcher.forbidden) {
            if in_tgt[p] {
                found.push(Finding {
                    kind: Kind::Terminology,
                    severity: Severity::Major,
                    message: format!("forbidden term “{f}” used"),
                    evidence: json!({"forbidden": f}),
                });
            }
        }
        found
    }
}

fn lines(path: &Path) -> Result<Vec<(usize, String)>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::input(path, format!("cannot read the glossary: {e}")))?;
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_and_forbidden_terms() {
        let g = Glossary::new(vec![("医共体".into(), "medical community".into())], vec!["cheap".into()]);
        assert!(g.check("县域医共体建设", "building the county Medical Community").is_empty());
        assert_eq!(g.check("县域医共体建设", "county hospital groups").len(), 1);
        let f = g.check("x", "Cheap drugs, cheapest.");
        assert_eq!(f.len(), 1);
        assert!(g.check("x", "the cheapest").is_empty());
    }

    #[test]
    fn overlapping_repeated_and_non_latin_terms_each_count() {
        let g = Glossary::new(
            vec![
                ("health".into(), "santé".into()),
                ("public health".into(), "santé publique".into()),
                ("Москва".into(), "Moscou".into()),
            ],
            // A target term both required and forbidden elsewhere, and one inside another.
            vec!["santé".into(), "publique".into()],
        );
        let kinds =
            |src: &str, tgt: &str| -> Vec<String> { g.check(src, tgt).into_iter().map(|f| f.message).collect() };
        // "public health" holds "health": both entries apply, and both are followed.
        let f = kinds("Public Health rules", "les règles de santé publique");
        assert_eq!(f, ["forbidden term “santé” used", "forbidden term “publique” used"]);
        // A term inside a longer word is not the term.
        assert_eq!(kinds("healthy", "x"), Vec::<String>::new());
        // Case is ignored in every script.
        assert_eq!(kinds("в МОСКВА", "à Paris"), ["“Москва” should be translated as “Moscou”"]);
        assert_eq!(kinds("в москва", "à MOSCOU"), Vec::<String>::new());
    }
}
