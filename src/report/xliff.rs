//! `alignment.xlf`: XLIFF 2.1, one `unit` per bead with its source and target; findings
//! and the reviewer's comment as notes (priority 1 critical, 3 major, 6 minor); the MT as
//! an `mtc:match` of type `mt` pointing at the unit's segment; the review decision as the
//! segment's `state` (accepted: `final`; rejected, needs fix: `reviewed` with a subState).

use std::fmt::Write;

use super::table::Table;
use super::xml::escape;
use crate::decision::Status;
use crate::drift::Severity;

/// The XLIFF document for `table`.
pub fn render(table: &Table) -> Vec<u8> {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" version=\"2.1\" srcLang=\"{}\" trgLang=\"{}\">",
        table.source_lang, table.target_lang
    );
    let _ = writeln!(out, "  <file id=\"f1\" original=\"{}\">", escape(&table.source_path));
    for row in &table.rows {
        let n = row.index + 1;
        let _ = writeln!(out, "    <unit id=\"u{n}\" name=\"{}\">", row.bead.shape());
        if let Some(mt) = &row.mt {
            let _ = writeln!(out, "      <mtc:matches>");
            let _ =
                writeln!(out, "        <mtc:match ref=\"#s{n}\" type=\"mt\" origin=\"{}\">", escape(&table.mt_origin));
            let _ = writeln!(out, "          <source>{}</source>", escape(&row.source));
            let _ = writeln!(out, "          <target>{}</target>", escape(mt));
            let _ = writeln!(out, "        </mtc:match>\n      </mtc:matches>");
        }
        let comment = row.review.as_ref().map(|r| r.comment.as_str()).filter(|c| !c.is_empty());
        if !row.findings.is_empty() || comment.is_some() {
            out.push_str("      <notes>\n");
            for f in &row.findings {
                let priority = match f.severity {
                    Severity::Critical => 1,
                    Severity::Major => 3,
                    Severity::Minor => 6,
                };
                let _ = writeln!(
                    out,
                    "        <note category=\"{}\" priority=\"{priority}\">{}</note>",
                    f.kind.as_str(),
                    escape(&format!("{}: {}", f.severity.as_str(), f.message))
                );
            }
            if let Some(c) = comment {
                let _ = writeln!(out, "        <note category=\"review\" appliesTo=\"target\">{}</note>", escape(c));
            }
            out.push_str("      </notes>\n");
        }
        let state = match row.review.as_ref().and_then(|r| r.status) {
            None => "state=\"initial\"".to_string(),
            Some(Status::Accepted) => "state=\"final\"".to_string(),
            Some(s) => format!("state=\"reviewed\" subState=\"driftalign:{}\"", s.as_str()),
        };
        let _ = writeln!(out, "      <segment id=\"s{n}\" {state}>");
        let _ = writeln!(out, "        <source>{}</source>", escape(&row.source));
        if !row.bead.tgt.is_empty() {
            let _ = writeln!(out, "        <target>{}</target>", escape(&row.target));
        }
        out.push_str("      </segment>\n    </unit>\n");
    }
    out.push_str("  </file>\n</xliff>\n");
    out.into_bytes()
}
