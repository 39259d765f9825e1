//! Embeds the lines of a file with the in-process Universal Sentence Encoder and reports
//! the throughput; `benches/encoder.sh` runs it beside the Python package.
//!
//! Usage: `embed FILE [--out EMBEDDINGS.tsv]`. The thread count is rayon's
//! (`RAYON_NUM_THREADS`); the resources are found as `Encoder::locate` does.

use std::io::Write;
use std::time::Instant;

use driftalign::encoder::Encoder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, rest @ ..] = args.as_slice() else {
        return Err("usage: embed FILE [--out EMBEDDINGS.tsv]".into());
    };
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let lines: Vec<&str> = text.lines().collect();

    let start = Instant::now();
    let encoder = Encoder::load(&Encoder::locate()?)?;
    let loaded = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let vectors = encoder.embed(&lines);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "rust: {} sentences in {seconds:.3} s = {:.0} sentences/s ({} threads; loading took {loaded:.2} s)",
        lines.len(),
        lines.len() as f64 / seconds,
        rayon::current_num_threads()
    );

    if let [flag, out] = rest {
        if flag != "--out" {
            return Err(format!("unknown argument {flag}").into());
        }
        let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
        for v in &vectors {
            let row: Vec<String> = v.iter().map(|x| x.to_string()).collect();
            writeln!(w, "{}", row.join("\t"))?;
        }
    }
    Ok(())
}
