//! Grid search over the MT scorer's parameters on the shared dev sets (development aid):
//! `cargo run --release --example tune -- SKIP MERGE LENGTH QUANTILE`, each a comma-separated
//! list of values, e.g. `-- 2,3 0.5 0.2 0.5`. Prints strict/lax F1 for textberg-dev and mac-dev.
use driftalign::align::{
    coarse,
    evaluate::Tally,
    features, format,
    similarity::{MtLevel, Params, MT_SHAPES, PARAMS},
};
use std::path::Path;

fn lines(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p).unwrap().lines().map(|l| l.trim().to_string()).collect()
}

fn main() {
    let root = Path::new("../shared/data");
    let mut docs = Vec::new();
    for set in ["textberg-dev", "mac-dev"] {
        let mut names: Vec<String> = std::fs::read_dir(root.join(set).join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for d in names {
            let src = lines(&root.join(set).join("mt").join(&d));
            let tgt: Vec<String> =
                lines(&root.join(set).join("tgt").join(&d)).into_iter().filter(|l| !l.is_empty()).collect();
            let gold = format::parse(
                &std::fs::read_to_string(root.join(set).join("gold").join(format!("{d}.align"))).unwrap(),
            )
            .unwrap();
            let (a, b) = features::embed(&src, &tgt);
            docs.push((set, a, b, gold));
        }
    }
    let args: Vec<Vec<f64>> =
        std::env::args().skip(1).map(|a| a.split(',').map(|x| x.parse().unwrap()).collect()).collect();
    let (grid_t, grid_l, grid_m, grid_x) = (args[0].clone(), args[1].clone(), args[2].clone(), args[3].clone());
    for &threshold in &grid_t {
        for &merge_penalty in &grid_l {
            for &length_weight in &grid_m {
                for &x in &grid_x {
                    let params =
                        Params { unrelated_quantile: x, skip_cost: threshold, merge_penalty, length_weight, ..PARAMS };
                    let mut out = Vec::new();
                    for set in ["textberg-dev", "mac-dev"] {
                        let mut t = Tally::default();
                        for (s, a, b, gold) in docs.iter().filter(|d| d.0 == set) {
                            let _ = s;
                            let beads = coarse::align(&MtLevel::new(a, b, params), MT_SHAPES);
                            let test: Vec<_> =
                                beads.iter().map(|b| (b.src.clone().collect(), b.tgt.clone().collect())).collect();
                            t.add(gold, &test);
                        }
                        let sc = t.scores();
                        out.push(format!("{set} {:.3}/{:.3}", sc.strict.f1, sc.lax.f1));
                    }
                    println!("skip={threshold} l={merge_penalty} m={length_weight} thr={x}: {}", out.join("  "));
                }
            }
        }
    }
}
