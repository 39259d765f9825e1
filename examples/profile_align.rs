//! Times the stages of the MT-guided aligner on a presegmented pair (development aid).
//! Usage: cargo run --release --example profile_align -- MT TGT
use driftalign::align::{
    coarse, features,
    similarity::{MtLevel, MT_SHAPES, PARAMS},
};
use std::time::Instant;
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let mt: Vec<String> = std::fs::read_to_string(&a[0]).unwrap().lines().map(String::from).collect();
    let tgt: Vec<String> = std::fs::read_to_string(&a[1]).unwrap().lines().map(String::from).collect();
    let t = Instant::now();
    let (x, y) = features::embed(&mt, &tgt);
    eprintln!("embed {:?}", t.elapsed());
    let t = Instant::now();
    let beads = coarse::align(&MtLevel::new(&x, &y, PARAMS), MT_SHAPES);
    eprintln!("align {:?} ({} beads)", t.elapsed(), beads.len());
}
