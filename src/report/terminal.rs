//! The summary `align` and `run` print: what was aligned, where it went, the findings by
//! severity and kind, and the most severe findings with their sentences.

use std::fmt::Write;
use std::path::Path;

use crate::drift::Severity;
use crate::plural::count;
use crate::run::{Run, Side};

/// How many findings to print.
const TOP: usize = 5;

/// The summary, with ANSI colours when `color`.
pub fn summary(run: &Run, dir: &Path, color: bool) -> String {
    let paint = |code: &str, s: &str| if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() };
    let mut shapes: Vec<(String, usize)> = run.beads_by_shape().into_iter().collect();
    shapes.sort_by_key(|s| std::cmp::Reverse(s.1));
    let shapes: Vec<String> = shapes.iter().map(|(s, n)| format!("{s} ×{n}")).collect();
    let mixed = |side: &Side| if side.language.mixed { " (mixed)" } else { "" };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({}{}) → {} ({}{}): {} [{}], {:.0} ms → {}",
        paint("1", "aligned"),
        count(run.source.segments.len(), "sentence"),
        run.source.lang,
        mixed(&run.source),
        count(run.target.segments.len(), "sentence"),
        run.target.lang,
        mixed(&run.target),
        count(run.beads.len(), "bead"),
        shapes.join(", "),
        run.timings.get("total").copied().unwrap_or(0.0),
        dir.display()
    );
    for warning in run.warnings() {
        let _ = writeln!(out, "  {}: {warning}", paint("33", "warning"));
    }
    if let Some(note) = run.mt_stats.as_ref().and_then(|m| super::table::empty_note(&m.empty)) {
        let _ = writeln!(out, "  {}: {note}", paint("33", "warning"));
    }
    let s = &run.summary;
    if s.total == 0 {
        let _ = writeln!(out, "  no findings");
        return out;
    }
    let by_severity: Vec<String> = Severity::ALL
        .iter()
        .rev()
        .filter_map(|sev| {
            s.by_severity.get(sev.as_str()).map(|n| paint(colour(*sev), &format!("{n} {}", sev.as_str())))
        })
        .collect();
    let by_kind: Vec<String> = s.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(
        out,
        "  {}: {} ({}); drift score {:.1}%",
        count(s.total, "finding"),
        by_severity.join(", "),
        by_kind.join(", "),
        s.drift_score
    );
    // A passage left out (or only the translation's) before the single findings, which
    // name its sentences one by one.
    let passages = run.passages();
    for p in passages.iter().take(TOP) {
        let _ = writeln!(out, "  {}: {}", paint("1", "passage"), p.describe());
    }
    if passages.len() > TOP {
        let _ =
            writeln!(out, "  … and {} more passages in {}", passages.len() - TOP, dir.join("report.html").display());
    }
    let mut all: Vec<(usize, &crate::drift::Finding)> =
        run.findings.iter().enumerate().flat_map(|(i, f)| f.iter().map(move |x| (i, x))).collect();
    all.sort_by_key(|(i, f)| (std::cmp::Reverse(f.severity), *i));
    for (i, f) in all.iter().take(TOP) {
        let _ = writeln!(
            out,
            "  {} bead {} {}: {}",
            paint(colour(f.severity), &format!("{:8}", f.severity.as_str())),
            i + 1,
            f.kind.as_str(),
            f.message
        );
    }
    if all.len() > TOP {
        let _ = writeln!(out, "  … and {} more in {}", all.len() - TOP, dir.join("report.html").display());
    }
    out
}

fn colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "1;31",
        Severity::Major => "33",
        Severity::Minor => "2",
    }
}
