//! `alignment.tmx`: TMX 1.4b, one `tu` per bead, findings and scores as `x-` props.

use std::fmt::Write;

use super::xml::{escape, utc_timestamp};
use super::Export;
use crate::pipeline::Alignment;

pub struct Tmx;

impl Export for Tmx {
    fn file_name(&self) -> &'static str {
        "alignment.tmx"
    }

    fn render(&self, run: &Alignment) -> Vec<u8> {
        let (src_lang, tgt_lang) = (run.source.lang, run.target.lang);
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
        let _ = writeln!(
            out,
            "  <header creationtool=\"driftalign\" creationtoolversion=\"{}\" segtype=\"sentence\" o-tmf=\"driftalign\" adminlang=\"en\" srclang=\"{src_lang}\" datatype=\"plaintext\" creationdate=\"{}\"/>",
            env!("CARGO_PKG_VERSION"),
            utc_timestamp()
        );
        out.push_str("  <body>\n");
        for (i, bead) in run.beads.iter().enumerate() {
            let _ = writeln!(out, "    <tu tuid=\"{}\">", i + 1);
            let prop = |out: &mut String, kind: &str, value: &str| {
                let _ = writeln!(out, "      <prop type=\"x-{kind}\">{}</prop>", escape(value));
            };
            prop(&mut out, "align-type", &bead.shape());
            prop(&mut out, "src-ids", &ids(bead.src.clone()));
            prop(&mut out, "tgt-ids", &ids(bead.tgt.clone()));
            let scores = &run.scores[i];
            prop(&mut out, "align-cost", &scores.cost.to_string());
            if let Some(chrf) = scores.chrf {
                prop(&mut out, "chrf", &chrf.to_string());
            }
            if let Some(sim) = scores.similarity {
                prop(&mut out, "similarity", &sim.to_string());
            }
            for f in &run.findings[i] {
                prop(&mut out, "drift", &format!("{} {}: {}", f.kind.as_str(), f.severity.as_str(), f.message));
            }
            if let Some(mt) = &run.mt {
                if !bead.src.is_empty() {
                    prop(&mut out, "mt", &run.target.join(&mt[bead.src.clone()]));
                }
            }
            for (lang, side, ids) in [(src_lang, &run.source, &bead.src), (tgt_lang, &run.target, &bead.tgt)] {
                if !ids.is_empty() {
                    let _ = writeln!(
                        out,
                        "      <tuv xml:lang=\"{lang}\"><seg>{}</seg></tuv>",
                        escape(&side.text_of(ids.clone()))
                    );
                }
            }
            out.push_str("    </tu>\n");
        }
        out.push_str("  </body>\n</tmx>\n");
        out.into_bytes()
    }
}

fn ids(r: std::ops::Range<usize>) -> String {
    r.map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}
