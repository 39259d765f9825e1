//! `alignment.tsv`: one row per bead for spreadsheets and scripts. Tabs, newlines and
//! backslashes inside text are written as `\t`, `\n` and `\\`, so every row is one line.

use super::Export;
use crate::pipeline::Alignment;

pub struct Tsv;

const HEADER: &str = "index\tshape\tsrc_ids\ttgt_ids\tsource\tmt\ttranslation\tchrf\tsimilarity\tseverity\tfindings\n";

impl Export for Tsv {
    fn file_name(&self) -> &'static str {
        "alignment.tsv"
    }

    fn render(&self, run: &Alignment) -> Vec<u8> {
        let mut out = String::from(HEADER);
        for (i, bead) in run.beads.iter().enumerate() {
            let mt = run.mt.as_ref().filter(|_| !bead.src.is_empty()).map(|mt| run.target.join(&mt[bead.src.clone()]));
            let findings = &run.findings[i];
            let worst = findings.iter().map(|f| f.severity).max().map(|s| s.as_str()).unwrap_or("");
            let listed: Vec<String> = findings
                .iter()
                .map(|f| format!("{} ({}): {}", f.kind.as_str(), f.severity.as_str(), f.message))
                .collect();
            let number = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
            let cells = [
                i.to_string(),
                bead.shape(),
                ids(bead.src.clone()),
                ids(bead.tgt.clone()),
                field(&run.source.text_of(bead.src.clone())),
                field(mt.as_deref().unwrap_or("")),
                field(&run.target.text_of(bead.tgt.clone())),
                number(run.scores[i].chrf),
                number(run.scores[i].similarity),
                worst.to_string(),
                field(&listed.join(" | ")),
            ];
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out.into_bytes()
    }
}

fn ids(r: std::ops::Range<usize>) -> String {
    r.map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

fn field(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
}
