//! The glossary: terms the translation must use, and terms it must not.
//!
//! Two plain files, named in config: a TSV of `source term<TAB>required target term`
//! lines, and a list of forbidden target terms, one per line. Lines starting with `#`
//! are comments. Latin-script terms match case-insensitively on word boundaries; CJK
//! terms match as substrings (CJK text has no word boundaries to respect).

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Finding, Kind, Severity};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Glossary {
    /// (source term, required target term)
    pub required: Vec<(String, String)>,
    pub forbidden: Vec<String>,
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

    /// Findings for one bead's source and target text.
    pub fn check(&self, src: &str, tgt: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        for (s, t) in &self.required {
            if contains(src, s) && !contains(tgt, t) {
                found.push(Finding {
                    kind: Kind::Terminology,
                    severity: Severity::Major,
                    message: format!("“{s}” should be translated as “{t}”"),
                    evidence: json!({"source_term": s, "required": t}),
                });
            }
        }
        for f in &self.forbidden {
            if contains(tgt, f) {
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

/// Whether `text` contains `term`: on word boundaries, ignoring case, for Latin terms.
fn contains(text: &str, term: &str) -> bool {
    if !term.chars().any(|c| c.is_ascii_alphabetic()) {
        return text.contains(term);
    }
    let (text, term) = (text.to_lowercase(), term.to_lowercase());
    text.match_indices(&term).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_and_forbidden_terms() {
        let g = Glossary {
            required: vec![("医共体".into(), "medical community".into())],
            forbidden: vec!["cheap".into()],
        };
        assert!(g.check("县域医共体建设", "building the county Medical Community").is_empty());
        assert_eq!(g.check("县域医共体建设", "county hospital groups").len(), 1);
        let f = g.check("x", "Cheap drugs, cheapest.");
        assert_eq!(f.len(), 1);
        assert!(g.check("x", "the cheapest").is_empty());
    }
}
