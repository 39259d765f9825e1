//! `alignment.xlf`: XLIFF 2.1, one `unit` per bead with its source and target; findings
//! as notes (priority 1 critical, 3 major, 6 minor); the MT as an `mtc:match` of type
//! `mt` pointing at the unit's segment.

use std::fmt::Write;

use super::xml::escape;
use super::Export;
use crate::drift::Severity;
use crate::pipeline::Alignment;

pub struct Xliff;

impl Export for Xliff {
    fn file_name(&self) -> &'static str {
        "alignment.xlf"
    }

    fn render(&self, run: &Alignment) -> Vec<u8> {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" version=\"2.1\" srcLang=\"{}\" trgLang=\"{}\">",
            run.source.lang, run.target.lang
        );
        let original = escape(&run.source.doc.path.display().to_string());
        let _ = writeln!(out, "  <file id=\"f1\" original=\"{original}\">");
        let origin = run.mt_stats.as_ref().map(|m| m.provider.clone()).unwrap_or_default();
        for (i, bead) in run.beads.iter().enumerate() {
            let n = i + 1;
            let _ = writeln!(out, "    <unit id=\"u{n}\" name=\"{}\">", bead.shape());
            if let (Some(mt), false) = (&run.mt, bead.src.is_empty()) {
                let _ = writeln!(out, "      <mtc:matches>");
                let _ = writeln!(out, "        <mtc:match ref=\"#s{n}\" type=\"mt\" origin=\"{}\">", escape(&origin));
                let _ = writeln!(out, "          <source>{}</source>", escape(&run.source.text_of(bead.src.clone())));
                let _ = writeln!(out, "          <target>{}</target>", escape(&run.target.join(&mt[bead.src.clone()])));
                let _ = writeln!(out, "        </mtc:match>\n      </mtc:matches>");
            }
            let findings = &run.findings[i];
            if !findings.is_empty() {
                out.push_str("      <notes>\n");
                for f in findings {
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
                out.push_str("      </notes>\n");
            }
            let _ = writeln!(out, "      <segment id=\"s{n}\" state=\"initial\">");
            let _ = writeln!(out, "        <source>{}</source>", escape(&run.source.text_of(bead.src.clone())));
            if !bead.tgt.is_empty() {
                let _ = writeln!(out, "        <target>{}</target>", escape(&run.target.text_of(bead.tgt.clone())));
            }
            out.push_str("      </segment>\n    </unit>\n");
        }
        out.push_str("  </file>\n</xliff>\n");
        out.into_bytes()
    }
}
