//! `report.html`: one self-contained page a reviewer can open anywhere: the summary,
//! then every bead side by side (source | MT with what the translation lacks | the
//! translation with what the MT lacks | findings), with filters by kind and severity and
//! a key to jump to the next finding. Every piece of document text is escaped, and a
//! Content-Security-Policy forbids loading anything from anywhere.

use std::fmt::Write;

use super::table::Table;
use super::xml::escape;
use crate::drift::{diff::Op, Kind, Severity};
use crate::plural::count;

/// The page for `table`.
pub fn render(table: &Table) -> Vec<u8> {
    let mut out = String::with_capacity(64 * 1024 + table.rows.len() * 600);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&table.title)
    );
    summary(&mut out, table);
    controls(&mut out);
    rows(&mut out, table);
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out.into_bytes()
}

fn summary(out: &mut String, table: &Table) {
    let s = &table.summary;
    let _ = write!(out, "<header><h1>{}</h1><dl class=\"facts\">", escape(&table.title));
    let fact = |out: &mut String, k: &str, v: &str| {
        let _ = write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", escape(k), escape(v));
    };
    fact(
        out,
        "source",
        &format!("{} ({}, {})", table.source_path, table.source_lang, count(table.source_sentences, "sentence")),
    );
    fact(
        out,
        "translation",
        &format!("{} ({}, {})", table.target_path, table.target_lang, count(table.target_sentences, "sentence")),
    );
    fact(out, "MT", &table.mt);
    for warning in &table.warnings {
        let _ = write!(out, "<div class=\"warning\"><dt>warning</dt><dd>{}</dd></div>", escape(warning));
    }
    for p in &table.passages {
        let _ = write!(
            out,
            "<div class=\"warning\"><dt>passage</dt><dd><a href=\"#b{}\">{}</a></dd></div>",
            p.beads.start,
            escape(&p.describe())
        );
    }
    fact(out, "aligner", &format!("{}, {}", table.method, count(table.rows.len(), "bead")));
    fact(
        out,
        "drift score",
        &format!("{:.1}% of sentences are in beads with a major or critical finding", s.drift_score),
    );
    let reviewed = table.rows.iter().filter(|r| r.review.as_ref().is_some_and(|m| m.status.is_some())).count();
    if table.rows.iter().any(|r| r.review.is_some()) {
        fact(out, "review", &format!("{reviewed} of {} decided", count(table.rows.len(), "bead")));
    }
    out.push_str("</dl>\n<table class=\"counts\"><thead><tr><th>finding</th>");
    for sev in Severity::ALL {
        let _ = write!(out, "<th>{}</th>", sev.as_str());
    }
    out.push_str("</tr></thead><tbody>");
    for kind in Kind::ALL {
        let _ = write!(out, "<tr><td>{}</td>", kind.as_str());
        for sev in Severity::ALL {
            let c = table.rows.iter().flat_map(|r| &r.findings).filter(|f| f.kind == kind && f.severity == sev).count();
            let _ = write!(out, "<td class=\"{}\">{c}</td>", if c > 0 { "n" } else { "z" });
        }
        out.push_str("</tr>");
    }
    let _ = write!(out, "</tbody></table>\n<p class=\"total\">{}</p></header>\n", count(s.total, "finding"));
}

fn controls(out: &mut String) {
    out.push_str("<nav id=\"controls\"><label>severity <select id=\"sev\"><option value=\"0\">all beads</option><option value=\"1\">minor and above</option><option value=\"2\" selected>major and above</option><option value=\"3\">critical only</option></select></label> <span class=\"kinds\">");
    for kind in Kind::ALL {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" class=\"kind\" value=\"{0}\" checked> {0}</label> ",
            kind.as_str()
        );
    }
    out.push_str("</span> <label><input type=\"checkbox\" id=\"clean\"> also beads without findings</label> <button id=\"prev\" title=\"p\">◀ previous</button><button id=\"next\" title=\"n\">next finding ▶</button> <span id=\"shown\"></span></nav>\n");
}

fn rows(out: &mut String, table: &Table) {
    let _ = writeln!(
        out,
        "<table id=\"beads\"><thead><tr><th>#</th><th>source</th><th>{}</th><th>translation</th><th>findings</th></tr></thead><tbody>",
        table.compared_heading
    );
    for row in &table.rows {
        let i = row.index;
        let worst = row.findings.iter().map(|f| f.severity as u8 + 1).max().unwrap_or(0);
        let kinds: Vec<&str> = row.findings.iter().map(|f| f.kind.as_str()).collect();
        let _ = write!(
            out,
            "<tr id=\"b{i}\" data-sev=\"{worst}\" data-kinds=\"{}\"><td class=\"id\">{}<br><small>{}</small></td>",
            kinds.join(" "),
            i + 1,
            row.bead.shape()
        );
        let _ = write!(out, "<td>{}</td>", escape(&row.source));
        let edited = row.review.as_ref().is_some_and(|r| r.edited);
        match (&row.diff, &row.mt) {
            (Some(ops), _) if !edited => {
                let _ = write!(out, "<td class=\"mt\">{}</td><td>{}</td>", side(ops, "delete"), side(ops, "insert"));
            }
            (_, mt) => {
                let mt = mt.as_deref().map(escape).unwrap_or_default();
                let _ = write!(out, "<td class=\"mt\">{mt}</td><td>{}</td>", escape(&row.target));
            }
        }
        out.push_str("<td class=\"f\">");
        if let Some(review) = &row.review {
            if let Some(status) = review.status {
                let stale = if review.stale { " (text changed since)" } else { "" };
                let _ = write!(
                    out,
                    "<div class=\"review {0}\"><span class=\"badge\">{0}</span>{stale}</div>",
                    status.as_str()
                );
            }
            if !review.comment.is_empty() {
                let _ = write!(out, "<div class=\"comment\">{}</div>", escape(&review.comment));
            }
            if edited {
                out.push_str("<div class=\"comment\">translation edited in review</div>");
            }
        }
        for f in &row.findings {
            let _ = write!(
                out,
                "<div class=\"finding {0}\"><span class=\"badge\">{0}</span> <b>{1}</b> {2}</div>",
                f.severity.as_str(),
                f.kind.as_str(),
                escape(&f.message)
            );
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// One side of a diff: the shared text plus this side's own runs, marked.
fn side(ops: &[Op], own: &str) -> String {
    let tag = if own == "delete" { "del" } else { "ins" };
    let mut html = String::new();
    for op in ops.iter().filter(|o| o.op == "equal" || o.op == own) {
        if op.op == "equal" {
            html.push_str(&escape(&op.text));
        } else {
            let _ = write!(html, "<{tag}>{}</{tag}>", escape(&op.text));
        }
    }
    html
}

const STYLE: &str = r#"
:root { --bg:#fff; --fg:#1d1d1f; --muted:#6e6e73; --line:#e5e5ea; --crit:#b3261e; --major:#b25e00; --minor:#5a6b7b; --del:#fde2e1; --ins:#dcf5e3; }
@media (prefers-color-scheme: dark) { :root { --bg:#1c1c1e; --fg:#f2f2f7; --muted:#a1a1a6; --line:#3a3a3c; --del:#5c2b29; --ins:#1f4d2f; } }
body { margin:0; background:var(--bg); color:var(--fg); font:15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK KR", "PingFang SC", "Malgun Gothic", "Microsoft YaHei", sans-serif; }
header { padding:1rem 1.5rem; border-bottom:1px solid var(--line); }
h1 { font-size:1.3rem; margin:0 0 .5rem; }
.facts { display:grid; grid-template-columns:repeat(auto-fit, minmax(18rem, 1fr)); gap:.2rem 1.5rem; margin:0 0 .8rem; }
.facts dt { color:var(--muted); font-size:.8rem; } .facts dd { margin:0; overflow-wrap:anywhere; }
.facts .warning { grid-column:1 / -1; } .facts .warning dt, .facts .warning dd { color:var(--major); font-weight:600; }
table.counts { border-collapse:collapse; font-size:.85rem; } .counts th, .counts td { padding:.15rem .6rem; border-bottom:1px solid var(--line); text-align:right; }
.counts td:first-child, .counts th:first-child { text-align:left; } .counts td.z { color:var(--muted); } .counts td.n { font-weight:600; }
.total { color:var(--muted); margin:.4rem 0 0; }
nav { position:sticky; top:0; z-index:1; background:var(--bg); padding:.5rem 1.5rem; border-bottom:1px solid var(--line); font-size:.85rem; display:flex; flex-wrap:wrap; gap:.4rem .8rem; align-items:center; }
nav .kinds label { white-space:nowrap; } button { font:inherit; padding:.15rem .6rem; }
#beads { border-collapse:collapse; width:100%; table-layout:fixed; }
#beads th { text-align:left; font-size:.8rem; color:var(--muted); padding:.4rem .6rem; border-bottom:1px solid var(--line); }
#beads th:first-child { width:3.5rem; } #beads th:last-child { width:24%; }
#beads td { vertical-align:top; padding:.5rem .6rem; border-bottom:1px solid var(--line); overflow-wrap:anywhere; white-space:pre-wrap; }
#beads td.id { color:var(--muted); white-space:normal; } td.mt { color:var(--muted); }
del { background:var(--del); text-decoration:line-through; text-decoration-color:var(--crit); color:var(--fg); }
ins { background:var(--ins); text-decoration:none; }
td.f { white-space:normal; font-size:.85rem; } .finding { margin-bottom:.3rem; }
.badge { display:inline-block; font-size:.7rem; padding:0 .35rem; border-radius:.3rem; color:#fff; text-transform:uppercase; }
.critical .badge, .rejected .badge { background:var(--crit); } .accepted .badge { background:#2e7d32; } .needs_fix .badge { background:var(--major); }
.comment { font-style:italic; color:var(--muted); margin-bottom:.3rem; }
.critical .badge { background:var(--crit); } .major .badge { background:var(--major); } .minor .badge { background:var(--minor); }
tr.current { outline:2px solid var(--major); outline-offset:-2px; }
@media print { nav { display:none; } tr { break-inside:avoid; } }
"#;

const SCRIPT: &str = r#"
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#beads tbody tr'));
  var sev = document.getElementById('sev');
  var clean = document.getElementById('clean');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.kind'));
  var shown = document.getElementById('shown');
  var current = -1;
  function visibleFindings(row) {
    return !row.hidden && row.dataset.kinds !== '';
  }
  function apply() {
    var min = Number(sev.value);
    var kinds = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var count = 0;
    rows.forEach(function (row) {
      var own = row.dataset.kinds === '' ? [] : row.dataset.kinds.split(' ');
      var flagged = Number(row.dataset.sev) >= Math.max(min, 1) && own.some(function (k) { return kinds.indexOf(k) >= 0; });
      row.hidden = !(flagged || (clean.checked && (own.length === 0 || min === 0)));
      if (!row.hidden) { count += 1; }
    });
    shown.textContent = count + ' of ' + rows.length + (rows.length === 1 ? ' bead' : ' beads') + ' shown';
  }
  function jump(step) {
    var i = current;
    for (var n = 0; n < rows.length; n++) {
      i = (i + step + rows.length) % rows.length;
      if (visibleFindings(rows[i])) {
        if (current >= 0) { rows[current].classList.remove('current'); }
        current = i;
        rows[i].classList.add('current');
        rows[i].scrollIntoView({ block: 'center' });
        return;
      }
    }
  }
  sev.addEventListener('change', apply);
  clean.addEventListener('change', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  document.getElementById('next').addEventListener('click', function () { jump(1); });
  document.getElementById('prev').addEventListener('click', function () { jump(-1); });
  document.addEventListener('keydown', function (e) {
    if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') { return; }
    if (e.key === 'n' || e.key === 'j') { jump(1); }
    if (e.key === 'p' || e.key === 'k') { jump(-1); }
  });
  apply();
})();
"#;
