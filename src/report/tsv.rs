//! `alignment.tsv`: one row per bead for spreadsheets and scripts. Tabs, newlines and
//! backslashes inside text are written as `\t`, `\n` and `\\`, so every row is one line.

use super::table::Table;
use super::tmx::ids;

const HEADER: &str =
    "index\tshape\tsrc_ids\ttgt_ids\tsource\tmt\ttranslation\tchrf\tsimilarity\tseverity\tfindings\treview\tcomment\n";

/// The TSV for `table`.
pub fn render(table: &Table) -> Vec<u8> {
    let mut out = String::from(HEADER);
    for row in &table.rows {
        let i = row.index;
        let worst = row.findings.iter().map(|f| f.severity).max().map(|s| s.as_str()).unwrap_or("");
        let listed: Vec<String> = row
            .findings
            .iter()
            .map(|f| format!("{} ({}): {}", f.kind.as_str(), f.severity.as_str(), f.message))
            .collect();
        let number = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        let review = row.review.as_ref();
        let cells = [
            i.to_string(),
            row.bead.shape(),
            ids(row.bead.src.clone()),
            ids(row.bead.tgt.clone()),
            field(&row.source),
            field(row.mt.as_deref().unwrap_or("")),
            field(&row.target),
            number(row.scores.as_ref().and_then(|s| s.chrf)),
            number(row.scores.as_ref().and_then(|s| s.similarity)),
            worst.to_string(),
            field(&listed.join(" | ")),
            review.and_then(|r| r.status).map(|s| s.as_str()).unwrap_or("").to_string(),
            field(review.map(|r| r.comment.as_str()).unwrap_or("")),
        ];
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out.into_bytes()
}

fn field(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
}
