//! `alignment.tmx`: TMX 1.4b, one `tu` per bead; shape, ids, scores, findings, review
//! state and the MT as `x-` props; the reviewer's comment as a note.

use std::fmt::Write;

use super::table::Table;
use super::xml::{escape, utc_timestamp};

/// The TMX document for `table`.
pub fn render(table: &Table) -> Vec<u8> {
    let (src_lang, tgt_lang) = (table.source_lang.as_str(), table.target_lang.as_str());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    let _ = writeln!(
        out,
        "  <header creationtool=\"driftalign\" creationtoolversion=\"{}\" segtype=\"sentence\" o-tmf=\"driftalign\" adminlang=\"en\" srclang=\"{src_lang}\" datatype=\"plaintext\" creationdate=\"{}\"/>",
        env!("CARGO_PKG_VERSION"),
        utc_timestamp()
    );
    out.push_str("  <body>\n");
    for row in &table.rows {
        let i = row.index;
        let bead = &row.bead;
        let _ = writeln!(out, "    <tu tuid=\"{}\">", i + 1);
        if let Some(comment) = row.review.as_ref().map(|r| &r.comment).filter(|c| !c.is_empty()) {
            let _ = writeln!(out, "      <note>{}</note>", escape(comment));
        }
        let prop = |out: &mut String, kind: &str, value: &str| {
            let _ = writeln!(out, "      <prop type=\"x-{kind}\">{}</prop>", escape(value));
        };
        prop(&mut out, "align-type", &bead.shape());
        prop(&mut out, "src-ids", &ids(bead.src.clone()));
        prop(&mut out, "tgt-ids", &ids(bead.tgt.clone()));
        if let Some(scores) = &row.scores {
            prop(&mut out, "align-cost", &scores.cost.to_string());
            if let Some(chrf) = scores.chrf {
                prop(&mut out, "chrf", &chrf.to_string());
            }
            if let Some(sim) = scores.similarity {
                prop(&mut out, "similarity", &sim.to_string());
            }
        }
        for f in &row.findings {
            prop(&mut out, "drift", &format!("{} {}: {}", f.kind.as_str(), f.severity.as_str(), f.message));
        }
        if let Some(review) = &row.review {
            if let Some(status) = review.status {
                prop(&mut out, "review-state", status.as_str());
            }
            if review.edited {
                prop(&mut out, "review-edited", "yes");
            }
        }
        if let Some(mt) = &row.mt {
            prop(&mut out, "mt", mt);
        }
        for (lang, text, ids) in [(src_lang, &row.source, &bead.src), (tgt_lang, &row.target, &bead.tgt)] {
            if !ids.is_empty() {
                let _ = writeln!(out, "      <tuv xml:lang=\"{lang}\"><seg>{}</seg></tuv>", escape(text));
            }
        }
        out.push_str("    </tu>\n");
    }
    out.push_str("  </body>\n</tmx>\n");
    out.into_bytes()
}

/// Sentence ids as `0,1,2`.
pub fn ids(r: std::ops::Range<usize>) -> String {
    r.map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}
