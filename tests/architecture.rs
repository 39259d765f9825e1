//! The shape of the code: data flows one way. Reads every file under `src/`, takes the
//! top-level modules each one names (`crate::x`), and checks that the graph of
//! modules has no circle and that each layer imports only what lies upstream of it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The stages: each may use the ones before it and the shared helpers, never what is
/// assembled from them.
const STAGES: &[&str] = &["document", "lang", "segment", "mt", "embeddings", "align", "drift", "metrics"];

/// What is made from the stages, downstream of every one of them.
const ASSEMBLY: &[&str] = &["config", "decision", "eval", "job", "pipeline", "report", "review", "run"];

/// The module graph of `src/` (the binary, `main.rs`, and `lib.rs`'s list left out).
fn graph() -> Graph {
    let mut graph = Graph::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let named = regex::Regex::new(r"crate::([a-z_]+)").unwrap();
    let grouped = regex::Regex::new(r"crate::\{([^}]*)\}").unwrap();
    let first = regex::Regex::new(r"(?:^|,)\s*([a-z_]+)").unwrap();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let top =
                rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
            if top == "main" || top == "lib" {
                continue;
            }
            // Comments (doc links among them) name modules without using them.
            let code: String = std::fs::read_to_string(&path)
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let uses = graph.entry(top.clone()).or_default();
            let mut add = |m: &str| {
                if m != top {
                    uses.insert(m.to_string());
                }
            };
            named.captures_iter(&code).for_each(|c| add(&c[1]));
            for group in grouped.captures_iter(&code) {
                first.captures_iter(&group[1]).for_each(|c| add(&c[1]));
            }
        }
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
fn no_stage_imports_what_is_assembled_from_the_stages() {
    let graph = graph();
    for stage in STAGES {
        let wrong: Vec<&String> = graph[*stage].iter().filter(|m| ASSEMBLY.contains(&m.as_str())).collect();
        assert!(wrong.is_empty(), "the stage `{stage}` imports {wrong:?}");
    }
}

#[test]
fn each_layer_imports_only_what_lies_upstream() {
    let graph = graph();
    // The record of a run is read by reports and review and reads none of them.
    let downstream: [(&str, &[&str]); 5] = [
        ("run", &["config", "eval", "job", "pipeline", "report", "review"]),
        ("pipeline", &["config", "eval", "job", "report", "review"]),
        ("report", &["config", "eval", "job", "pipeline", "review"]),
        ("review", &["config", "eval", "job", "pipeline"]),
        ("job", &["config", "eval"]),
    ];
    for (module, forbidden) in downstream {
        let wrong: Vec<&String> = graph[module].iter().filter(|m| forbidden.contains(&m.as_str())).collect();
        assert!(wrong.is_empty(), "`{module}` imports {wrong:?}");
    }
}
