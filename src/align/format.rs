//! The bead text format shared with Vecalign, Bertalign and published gold files:
//! one bead per line, `[src ids]:[tgt ids]`, 0-based, e.g. `[0]:[0,1]` or `[3]:[]`.

use super::Bead;

/// One bead as read from text: source and target sentence ids.
pub type IdBead = (Vec<usize>, Vec<usize>);

/// One bead as a line (without the newline).
pub fn bead_line(bead: &Bead) -> String {
    format!("{}:{}", id_list(bead.src.clone()), id_list(bead.tgt.clone()))
}

fn id_list(ids: std::ops::Range<usize>) -> String {
    let ids: Vec<String> = ids.map(|i| i.to_string()).collect();
    format!("[{}]", ids.join(","))
}

/// Parses bead lines into (source ids, target ids) pairs; a third `:` field (a cost) is
/// ignored. Blank lines are skipped. Errors name the 1-based line.
///
/// ```
/// let beads = driftalign::align::format::parse("[0]:[0,1]\n[1]:[]\n").unwrap();
/// assert_eq!(beads, vec![(vec![0], vec![0, 1]), (vec![1], vec![])]);
/// ```
pub fn parse(text: &str) -> Result<Vec<IdBead>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut fields = line.split(':');
        let (Some(src), Some(tgt)) = (fields.next(), fields.next()) else {
            return Err(format!("line {}: expected `[src ids]:[tgt ids]`, found `{line}`", n + 1));
        };
        let parse_list = |s: &str| -> Result<Vec<usize>, String> {
            let inner = s
                .trim()
                .strip_prefix('[')
                .and_then(|s| s.strip_suffix(']'))
                .ok_or_else(|| format!("line {}: `{}` is not a bracketed id list", n + 1, s.trim()))?;
            inner
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<usize>().map_err(|_| format!("line {}: `{s}` is not a sentence id", n + 1)))
                .collect()
        };
        out.push((parse_list(src)?, parse_list(tgt)?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let beads = [
            Bead { src: 0..1, tgt: 0..2, cost: 0.0 },
            Bead { src: 1..1, tgt: 2..3, cost: 0.0 },
            Bead { src: 1..2, tgt: 3..3, cost: 0.0 },
        ];
        let text: String = beads.iter().map(|b| bead_line(b) + "\n").collect();
        assert_eq!(text, "[0]:[0,1]\n[]:[2]\n[1]:[]\n");
        assert_eq!(parse(&text).unwrap(), vec![(vec![0], vec![0, 1]), (vec![], vec![2]), (vec![1], vec![])]);
        assert_eq!(parse("[0, 1]:[2]:0.25\n").unwrap(), vec![(vec![0, 1], vec![2])]);
        assert!(parse("[0]-[1]").unwrap_err().contains("line 1"));
        assert!(parse("[0]:[x]").unwrap_err().contains("`x`"));
    }
}
