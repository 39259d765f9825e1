//! The shape of the code: data flows one way. Reads every file under `src/`, takes the
//! top-level modules each one names (`crate::x`, `crate::{x, y::{z}}`, or `super::` paths
//! that climb out of its module), and checks that the graph of modules has no circle
//! and that each layer imports only what lies upstream of it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The stages: each may use the ones before it and the shared helpers, never what is
/// assembled from them.
const STAGES: &[&str] = &["document", "lang", "segment", "mt", "embeddings", "encoder", "align", "drift", "metrics"];

/// Helpers any module may use; they use no stage and nothing assembled.
const HELPERS: &[&str] = &["anchors", "atomic", "error", "hashing", "plural", "test_text"];

/// What is made from the stages, downstream of every one of them.
const ASSEMBLY: &[&str] = &["config", "decision", "eval", "job", "pipeline", "report", "review", "run"];

/// The top-level modules `code` (of a file at module path `path`, e.g. `drift::gaps`)
/// names, other than its own.
fn named_modules(code: &str, path: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |rest: &str| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's top level: `crate::{a, b::{c, d}}` names a and b.
            let (mut depth, mut start) = (0usize, true);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start && depth == 0 => {
                        out.insert(ident(&group[i..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    // `super::super::x` from `drift::gaps` climbs to the crate root: it names `x`.
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::") {
            continue;
        }
        let (mut climbs, mut rest) = (0, &code[at..]);
        while let Some(after) = rest.strip_prefix("super::") {
            (climbs, rest) = (climbs + 1, after);
        }
        if climbs >= path.len() {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    out.remove("self");
    if let Some(own) = path.first() {
        out.remove(own);
    }
    out
}

/// The module path of a file under `src/`: `drift/gaps.rs` is `drift::gaps`,
/// `drift/mod.rs` is `drift`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every Rust file under `src/`, as its path below `src/` and its text.
fn sources() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.strip_prefix(&src).unwrap().to_path_buf(), text));
            }
        }
    }
    out
}

/// The module graph of `src/` (the binary, `main.rs`, and `lib.rs`'s list left out).
fn graph() -> Graph {
    let mut graph = Graph::new();
    for (rel, text) in sources() {
        let module = module_path(&rel);
        if module == ["main"] || module == ["lib"] {
            continue;
        }
        // Comments (doc links among them) name modules without using them.
        let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        graph.entry(module[0].clone()).or_default().extend(named_modules(&code, &module));
    }
    graph
}

/// A circle in `graph`, if it has one.
fn circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(node: &str, graph: &Graph, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_import_one_another_without_a_circle() {
    let graph = graph();
    // The reading itself works: the pipeline is seen to use the stages.
    assert!(graph["pipeline"].contains("align") && graph["pipeline"].contains("run"), "{graph:?}");
    assert_eq!(circle(&graph), None, "{graph:#?}");
}

#[test]
fn a_circle_is_found_where_there_is_one() {
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(circle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    graph.get_mut("c").unwrap().clear();
    assert_eq!(circle(&graph), None);
}

#[test]
fn the_reading_sees_nested_groups_and_paths_that_climb_out() {
    let path = |p: &str| p.split("::").map(str::to_string).collect::<Vec<_>>();
    let names = named_modules("use crate::{lang::{Detector}, config::Config};", &path("drift::gaps"));
    assert_eq!(names, ["config", "lang"].map(String::from).into());
    let names = named_modules("use super::super::config; use super::Finding;", &path("drift::gaps"));
    assert_eq!(names, ["config"].map(String::from).into());
    let names = named_modules("use super::super::x;", &path("drift::gaps::inner"));
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn every_module_has_its_place_in_the_layers() {
    let graph = graph();
    let placed = |m: &str| STAGES.contains(&m) || ASSEMBLY.contains(&m) || HELPERS.contains(&m);
    let unplaced: Vec<&String> = graph.keys().filter(|m| !placed(m)).collect();
    assert!(unplaced.is_empty(), "modules in no layer: {unplaced:?} (add each to STAGES, ASSEMBLY or HELPERS)");
}

#[test]
fn no_stage_imports_what_is_assembled_from_the_stages() {
    let graph = graph();
    for stage in STAGES {
        let wrong: Vec<&String> = graph[*stage].iter().filter(|m| ASSEMBLY.contains(&m.as_str())).collect();
        assert!(wrong.is_empty(), "the stage `{stage}` imports {wrong:?}");
    }
    for helper in HELPERS {
        let wrong: Vec<&String> =
            graph.get(*helper).into_iter().flatten().filter(|m| !HELPERS.contains(&m.as_str())).collect();
        assert!(wrong.is_empty(), "the helper `{helper}` imports {wrong:?}");
    }
}

#[test]
fn only_the_binary_knows_the_command_line() {
    let sources = sources();
    assert!(sources.iter().any(|(rel, text)| rel == Path::new("main.rs") && text.contains("clap")));
    for (rel, text) in sources.iter().filter(|(rel, _)| rel != Path::new("main.rs")) {
        assert!(!text.contains("clap"), "{} uses clap: map its flags in main.rs", rel.display());
    }
}

#[test]
fn each_layer_imports_only_what_lies_upstream() {
    let graph = graph();
    // The record of a run is read by reports and review and reads none of them.
    let downstream: [(&str, &[&str]); 5] = [
        ("run", &["config", "eval", "job", "pipeline", "report", "review"]),
        // The pipeline writes nothing: no outputs, no atomic files.
        ("pipeline", &["atomic", "config", "eval", "job", "report", "review"]),
        ("report", &["config", "eval", "job", "pipeline", "review"]),
        ("review", &["config", "eval", "job", "pipeline"]),
        ("job", &["config", "eval"]),
    ];
    for (module, forbidden) in downstream {
        let wrong: Vec<&String> = graph[module].iter().filter(|m| forbidden.contains(&m.as_str())).collect();
        assert!(wrong.is_empty(), "`{module}` imports {wrong:?}");
    }
}
