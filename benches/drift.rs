//! Drift-injection benchmark: how many injected drifts the findings catch (recall per
//! kind), and how many major-or-critical findings point at one (precision).
//!
//!     cargo bench --bench drift [-- SET_DIR ...]     (default: ../shared/data/{textberg-dev,mac-dev})
//!     DRIFT_BENCH_EMBEDDINGS=http://127.0.0.1:8765/v1/embeddings cargo bench --bench drift
//!     DRIFT_BENCH_MISSES=<injected kind> / DRIFT_BENCH_FALSE=<finding kind>: print each
//!     miss (with the beads around it, the one covering it marked MISS*) / each false alarm,
//!     with the translation (T) and the MT of the source (M) of each bead
//!     DRIFT_BENCH_ROUNDS=<n>: rounds per document (4 unless set)
//!     DRIFT_BENCH_ALIGNMENT=gold: the checks on the gold alignment (the injections
//!     accounted for) instead of the aligner's, to tell the aligner's misses from the checks'
//!
//! Into each human translation of a gold-aligned set, at target sentences the gold aligns
//! 1-1 and at least 8 sentences apart, it injects in turn: an omission (the sentence
//! deleted), an addition (an unrelated sentence from elsewhere inserted), a changed
//! number (a number the source also has, altered), an untranslated sentence (the source
//! sentence put in its place), a swap (an unrelated sentence in its place) and a
//! truncation (the sentence cut to its first 40 %). The MT stays as it is. Each document
//! is done four times (DRIFT_BENCH_ROUNDS) with the injections shifted by two sentence
//! pairs each time, so the positions and the kinds injected at them change.
//! A drift counts as found when a finding of the expected kind sits on a bead covering it
//! (at any severity: a hint shows it to a reviewer too; how many are found as major or
//! critical is printed beside).
//! Precision counts every major or critical finding: one is right when its bead covers an
//! injected drift or one of the translation's own omissions and additions that the gold
//! alignment records (its null beads); every other one counts as a false alarm, though
//! on real translations some of those are real drift the gold does not mark. Last, the
//! share of beads without drift that carry any finding at all (minor hints included)
//! says how much a reviewer has to read past, and the share of the translation's own 1-1
//! pairs that are no more alike with their MT than unrelated pairs are (95th percentile)
//! says how far a similarity test alone can go on this translation.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use driftalign::align::Bead;
use driftalign::align::{pair::filled_mt, AlignOptions};
use driftalign::drift::{Finding, Kind, Severity};
use driftalign::embeddings::{EmbeddingsEndpoint, EmbeddingsOptions};

use driftalign::mt::MtSource;
use driftalign::pipeline::{self, PairInput, PairOptions};
use driftalign::segment::SegmentOptions;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Injection {
    Omission,
    Addition,
    Number,
    Untranslated,
    Swap,
    Truncation,
}

const ALL: [Injection; 6] = [
    Injection::Omission,
    Injection::Addition,
    Injection::Number,
    Injection::Untranslated,
    Injection::Swap,
    Injection::Truncation,
];

impl Injection {
    fn expected(self) -> Kind {
        match self {
            Injection::Omission | Injection::Truncation => Kind::Omission,
            Injection::Addition => Kind::Addition,
            Injection::Number => Kind::NumberMismatch,
            Injection::Untranslated => Kind::Untranslated,
            Injection::Swap => Kind::LowSimilarity,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Injection::Omission => "omission",
            Injection::Addition => "addition",
            Injection::Number => "changed number",
            Injection::Untranslated => "untranslated",
            Injection::Swap => "swapped sentence",
            Injection::Truncation => "truncation",
        }
    }
}

/// Where an injected drift is: a source sentence (omission) or a target sentence of the
/// modified translation.
#[derive(Debug)]
enum Mark {
    Src(usize),
    Tgt(usize),
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap().lines().map(str::to_string).collect()
}

/// The gold beads as (source ids, target ids).
fn gold(path: &Path) -> Vec<(Vec<usize>, Vec<usize>)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter_map(|l| {
            let (s, t) = l.split_once(':')?;
            let parse = |x: &str| -> Vec<usize> {
                x.trim()
                    .trim_matches(['[', ']'])
                    .split(',')
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| v.trim().parse().unwrap())
                    .collect()
            };
            Some((parse(s), parse(t)))
        })
        .collect()
}

/// The gold's 1-1 beads, as (source id, target id).
fn one_to_one(gold: &[(Vec<usize>, Vec<usize>)]) -> Vec<(usize, usize)> {
    gold.iter()
        .filter_map(|(s, t)| match (s.as_slice(), t.as_slice()) {
            ([i], [j]) => Some((*i, *j)),
            _ => None,
        })
        .collect()
}

/// The first number of `text` that `source` also has, changed.
fn change_number(text: &str, source: &str) -> Option<String> {
    let shared: Vec<String> = driftalign::anchors::numbers(source);
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].1.is_ascii_digit() {
            let start = bytes[i].0;
            let mut j = i;
            while j < bytes.len() && bytes[j].1.is_ascii_digit() {
                j += 1;
            }
            let end = if j < bytes.len() { bytes[j].0 } else { text.len() };
            let run = &text[start..end];
            if shared.iter().any(|n| n == run.trim_start_matches('0')) {
                let value: u64 = run.parse().ok()?;
                return Some(format!("{}{}{}", &text[..start], value + 7, &text[end..]));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

struct Outcome {
    /// Per injected kind: found with the expected kind, found so at major or above, found
    /// by any finding, injected.
    found: BTreeMap<&'static str, (usize, usize, usize, usize)>,
    major_true: usize,
    major_all: usize,
    /// Major-or-critical findings on beads without any drift, by kind.
    false_alarms: BTreeMap<&'static str, usize>,
    /// Beads without any drift, and how many of them carry a finding of any severity.
    clean_beads: usize,
    noisy_beads: usize,
    /// Findings of any severity on beads without drift, by kind.
    noise: BTreeMap<&'static str, usize>,
    /// Major number findings on beads without injected drift where the original
    /// translation, aligned as the gold aligns it, holds other digits than the source and
    /// than its MT.
    numbers_real: usize,
    /// `inseparable`, summed over the documents.
    inseparable: (usize, usize),
}

/// The runs of digits in `texts`, sorted: a plain reading of which numbers the sentences
/// hold, independent of the checker's (no units, numerals or separators understood).
fn digit_runs<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut runs: Vec<String> = texts
        .flat_map(|t| t.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).map(str::to_string))
        .collect();
    runs.sort();
    runs
}

fn run_doc(set: &Path, doc: &str, round: usize, others: &[String], src_lang: &str, tgt_lang: &str, out: &mut Outcome) {
    let src = lines(&set.join("src").join(doc));
    let tgt = lines(&set.join("tgt").join(doc));
    let mt_path = set.join("mt").join(doc);
    let mt = lines(&mt_path);
    let gold = gold(&set.join("gold").join(format!("{doc}.align")));
    let pairs = one_to_one(&gold);
    // Choose positions: gold 1-1 pairs at least 8 target sentences apart, shifted per round.
    let mut chosen: Vec<(usize, usize, Injection)> = Vec::new();
    let mut last: Option<usize> = None;
    let mut turn = round;
    for &(s, t) in pairs.iter().skip(round * 2) {
        if last.is_some_and(|l| t < l + 8) || tgt[t].chars().count() < 20 {
            continue;
        }
        let kind = ALL[turn % ALL.len()];
        if kind == Injection::Number && change_number(&tgt[t], &src[s]).is_none() {
            continue;
        }
        chosen.push((s, t, kind));
        last = Some(t);
        turn += 1;
    }
    // Build the drifted translation and remember where each injection landed.
    let mut new_tgt: Vec<String> = Vec::new();
    let mut marks: Vec<(Injection, Mark)> = Vec::new();
    // The translation's own omissions and additions, as the gold records them (null
    // beads): real drift, so findings on them are not false alarms.
    let mut natural: Vec<Mark> =
        gold.iter().filter(|(_, t)| t.is_empty()).flat_map(|(s, _)| s.iter().map(|&i| Mark::Src(i))).collect();
    let gold_additions: Vec<usize> = gold.iter().filter(|(s, _)| s.is_empty()).flat_map(|(_, t)| t.clone()).collect();
    let mut other = round * 31;
    let mut next_other = || {
        other = (other + 97) % others.len();
        others[other].clone()
    };
    // Where each sentence of the original translation went (none: omitted), and the
    // sentences inserted after one, for the gold alignment of the drifted translation.
    let mut moved: Vec<Option<usize>> = Vec::new();
    let mut inserted: Vec<usize> = Vec::new();
    for (t, line) in tgt.iter().enumerate() {
        if gold_additions.contains(&t) {
            natural.push(Mark::Tgt(new_tgt.len()));
        }
        let chosen_here = chosen.iter().find(|c| c.1 == t);
        moved.push(chosen_here.is_none_or(|c| c.2 != Injection::Omission).then_some(new_tgt.len()));
        match chosen_here {
            None => new_tgt.push(line.clone()),
            Some(&(s, _, kind)) => match kind {
                Injection::Omission => marks.push((kind, Mark::Src(s))),
                Injection::Addition => {
                    new_tgt.push(line.clone());
                    marks.push((kind, Mark::Tgt(new_tgt.len())));
                    inserted.push(t);
                    new_tgt.push(next_other());
                }
                Injection::Number => {
                    marks.push((kind, Mark::Tgt(new_tgt.len())));
                    new_tgt.push(change_number(line, &src[s]).unwrap());
                }
                Injection::Untranslated => {
                    marks.push((kind, Mark::Tgt(new_tgt.len())));
                    new_tgt.push(src[s].clone());
                }
                Injection::Swap => {
                    marks.push((kind, Mark::Tgt(new_tgt.len())));
                    new_tgt.push(next_other());
                }
                Injection::Truncation => {
                    let chars: Vec<char> = line.chars().collect();
                    let mut cut = chars.len() * 2 / 5;
                    while cut > 0 && !chars[cut].is_whitespace() && tgt_lang != "zh" {
                        cut -= 1;
                    }
                    marks.push((kind, Mark::Tgt(new_tgt.len())));
                    new_tgt.push(chars[..cut.max(1)].iter().collect::<String>().trim_end().to_string());
                }
            },
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let tgt_path = dir.path().join("tgt.txt");
    std::fs::write(&tgt_path, new_tgt.join("\n") + "\n").unwrap();
    let input = PairInput {
        source: set.join("src").join(doc),
        translation: tgt_path,
        source_lang: Some(src_lang.to_string()),
        target_lang: Some(tgt_lang.to_string()),
        ..Default::default()
    };
    // DRIFT_BENCH_EMBEDDINGS=<url of an OpenAI-compatible /v1/embeddings route> adds
    // sentence embeddings to the vectors the aligner and the checks compare.
    let embeddings = std::env::var("DRIFT_BENCH_EMBEDDINGS").ok().map(|url| EmbeddingsOptions {
        endpoint: EmbeddingsEndpoint { url, model: driftalign::embeddings::DEFAULT_MODEL.into(), api_key_env: None },
        weight: driftalign::embeddings::DEFAULT_WEIGHT,
    });
    let options = PairOptions {
        segment: SegmentOptions { presegmented: true },
        align: AlignOptions { embeddings, ..Default::default() },
        ..Default::default()
    };
    // DRIFT_BENCH_ALIGNMENT=gold: the checks on the gold alignment (the injections
    // accounted for) instead of the aligner's, to tell the aligner's misses from the checks'.
    let (beads, findings, sims) = if std::env::var("DRIFT_BENCH_ALIGNMENT").is_ok_and(|a| a == "gold") {
        let beads = gold_beads(&gold, &moved, &inserted);
        assert_eq!(
            beads.last().map(|b| (b.src.end, b.tgt.end)),
            Some((src.len(), new_tgt.len())),
            "{doc}: gold covers all"
        );
        let src_texts: Vec<&str> = src.iter().map(String::as_str).collect();
        let tgt_texts: Vec<&str> = new_tgt.iter().map(String::as_str).collect();
        let (a, b) = driftalign::align::features::embed(&filled_mt(&mt, &src_texts), &tgt_texts);
        let findings = driftalign::drift::check(&driftalign::drift::Input {
            beads: &beads,
            source: &src_texts,
            target: &tgt_texts,
            mt: Some(&mt),
            source_lang: src_lang,
            target_lang: tgt_lang,
            is_revision: false,
            vectors: Some((&a, &b)),
            glossary: None,
        });
        let sims = beads
            .iter()
            .map(|bd| Some(driftalign::align::features::range_cosine(&a, bd.src.clone(), &b, bd.tgt.clone())))
            .collect();
        (beads, findings, sims)
    } else {
        let run = pipeline::align_pair(&input, &MtSource::File(mt_path), &options).unwrap();
        (run.beads, run.findings, run.scores.iter().map(|s| s.similarity).collect::<Vec<_>>())
    };
    let run = Run { beads, findings, sims };
    let covers = |bead: &Bead, mark: &Mark| match mark {
        Mark::Src(s) => bead.src.contains(s),
        Mark::Tgt(t) => bead.tgt.contains(t),
    };
    // Whether a bead covering `mark` carries a finding that `fits`.
    let found_at = |mark: &Mark, fits: &dyn Fn(&Finding) -> bool| {
        run.beads.iter().zip(&run.findings).any(|(b, f)| covers(b, mark) && f.iter().any(fits))
    };
    for (kind, mark) in &marks {
        let hit = found_at(mark, &|x| x.kind == kind.expected());
        if !hit && std::env::var("DRIFT_BENCH_MISSES").is_ok_and(|k| k == kind.name()) {
            // The bead that missed it and the beads on either side, with their findings.
            let at = run.beads.iter().position(|b| covers(b, mark)).unwrap_or(0);
            for (k, ((b, f), s)) in run.beads.iter().zip(&run.findings).zip(&run.sims).enumerate() {
                if k + 1 >= at && k <= at + 1 {
                    let found: Vec<String> = f
                        .iter()
                        .map(|x| format!("{} {}: {}", x.kind.as_str(), x.severity.as_str(), x.message))
                        .collect();
                    eprintln!(
                        "MISS{} {doc} {:?}:{:?} sim {:?} {found:?}\n   T: {}\n   M: {}",
                        if k == at { "*" } else { "" },
                        b.src,
                        b.tgt,
                        s,
                        excerpt(&new_tgt, b.tgt.clone()),
                        excerpt(&mt, b.src.clone())
                    );
                }
            }
        }
        let alarm = found_at(mark, &|x| x.kind == kind.expected() && x.severity >= Severity::Major);
        let any = found_at(mark, &|_| true);
        let entry = out.found.entry(kind.name()).or_insert((0, 0, 0, 0));
        entry.0 += usize::from(hit);
        entry.1 += usize::from(alarm);
        entry.2 += usize::from(any);
        entry.3 += 1;
    }
    for (bead, findings) in run.beads.iter().zip(&run.findings) {
        let majors = findings.iter().filter(|f| f.severity >= Severity::Major).count();
        out.major_all += majors;
        // Marks next to a bead count too: an omission shows on the bead beside it.
        if marks.iter().map(|(_, m)| m).chain(&natural).any(|m| covers(bead, m)) {
            out.major_true += majors;
        } else {
            out.clean_beads += 1;
            out.noisy_beads += usize::from(!findings.is_empty());
            for f in findings {
                *out.noise.entry(f.kind.as_str()).or_insert(0) += 1;
            }
            // Whether the source sentences of this bead, with all the gold aligns to them in
            // the original translation, hold different digits: a real number difference
            // that the gold, which records only the alignment, does not mark.
            let digits_differ = || {
                let (gold_src, gold_tgt): (Vec<usize>, Vec<usize>) = gold
                    .iter()
                    .filter(|(s, _)| s.iter().any(|i| bead.src.contains(i)))
                    .fold((Vec::new(), Vec::new()), |(mut a, mut b), (s, t)| {
                        a.extend(s);
                        b.extend(t);
                        (a, b)
                    });
                // Both the source and its MT against the translation: a source writing numbers
                // in Chinese numerals holds no digits at all, its MT usually does.
                let in_tgt = digit_runs(gold_tgt.iter().map(|&j| tgt[j].as_str()));
                digit_runs(gold_src.iter().map(|&i| src[i].as_str())) != in_tgt
                    && digit_runs(gold_src.iter().map(|&i| mt[i].as_str())) != in_tgt
            };
            for f in findings.iter().filter(|f| f.severity >= Severity::Major) {
                *out.false_alarms.entry(f.kind.as_str()).or_insert(0) += 1;
                out.numbers_real += usize::from(f.kind == Kind::NumberMismatch && digits_differ());
                if std::env::var("DRIFT_BENCH_FALSE").is_ok_and(|k| k == f.kind.as_str()) {
                    eprintln!(
                        "FALSE {doc} {:?}:{:?} {}\n   T: {}\n   M: {}",
                        bead.src,
                        bead.tgt,
                        f.message,
                        excerpt(&new_tgt, bead.tgt.clone()),
                        excerpt(&mt, bead.src.clone())
                    );
                }
            }
        }
    }
}

/// What the checks found on one drifted translation: its beads, their findings and the
/// similarity of each bead's MT and translation.
struct Run {
    beads: Vec<Bead>,
    findings: Vec<Vec<driftalign::drift::Finding>>,
    sims: Vec<Option<f64>>,
}

/// Sentences `r` of `lines`, joined by " | " and cut to 200 characters: what a printed
/// miss or false alarm shows of each side (the translation, and the MT of the source).
fn excerpt(lines: &[String], r: Range<usize>) -> String {
    lines[r].join(" | ").chars().take(200).collect()
}

/// The gold alignment of the drifted translation: `moved` says where each original
/// translation sentence went (none: omitted), `inserted` after which ones a sentence was
/// added (a bead of its own).
fn gold_beads(gold: &[(Vec<usize>, Vec<usize>)], moved: &[Option<usize>], inserted: &[usize]) -> Vec<Bead> {
    let (mut next_s, mut next_t) = (0, 0);
    let mut beads = Vec::new();
    for (s, t) in gold {
        let src = match (s.first(), s.last()) {
            (Some(&f), Some(&l)) => f..l + 1,
            _ => next_s..next_s,
        };
        let kept: Vec<usize> = t.iter().filter_map(|&j| moved[j]).collect();
        let tgt = match (kept.first(), kept.last()) {
            (Some(&f), Some(&l)) => f..l + 1,
            _ => next_t..next_t,
        };
        (next_s, next_t) = (src.end, tgt.end);
        beads.push(Bead { src, tgt, cost: 0.0 });
        if t.iter().any(|j| inserted.contains(j)) {
            beads.push(Bead { src: next_s..next_s, tgt: next_t..next_t + 1, cost: 0.0 });
            next_t += 1;
        }
    }
    beads
}

/// How many of the document's own 1-1 pairs (as the gold aligns them, before any
/// injection) are no more alike with their MT than the 95th percentile of unrelated
/// pairs (each MT sentence of those pairs against a translation sentence half the
/// document away), and how many 1-1 pairs there are: the share of true translations
/// that a similarity test alone cannot tell from a swapped sentence.
fn inseparable(set: &Path, doc: &str) -> (usize, usize) {
    let src = lines(&set.join("src").join(doc));
    let tgt = lines(&set.join("tgt").join(doc));
    let mt = lines(&set.join("mt").join(doc));
    let src_texts: Vec<&str> = src.iter().map(String::as_str).collect();
    let (a, b) = driftalign::align::features::embed(&filled_mt(&mt, &src_texts), &tgt);
    let pairs = one_to_one(&gold(&set.join("gold").join(format!("{doc}.align"))));
    let cosine = |i: usize, j: usize| driftalign::align::features::row_cosine(&a, i, &b, j);
    let mut unrelated: Vec<f64> = pairs.iter().map(|&(i, j)| cosine(i, (j + tgt.len() / 2) % tgt.len())).collect();
    unrelated.sort_by(f64::total_cmp);
    let Some(&level) = unrelated.get(unrelated.len() * 95 / 100) else { return (0, 0) };
    (pairs.iter().filter(|&&(i, j)| cosine(i, j) <= level).count(), pairs.len())
}

/// `part` of `all` as a share and as the counts: "0.533  (160/300)".
fn share(part: usize, all: usize) -> String {
    format!("{:.3}  ({part}/{all})", part as f64 / all.max(1) as f64)
}

/// Counts by kind: "addition 17, omission 15".
fn by_kind(counts: &BTreeMap<&str, usize>) -> String {
    counts.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let sets: Vec<PathBuf> = if args.is_empty() {
        vec![root.join("textberg-dev"), root.join("mac-dev")]
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    // More rounds shift the injections through more positions: firmer figures, longer run.
    let rounds: usize = std::env::var("DRIFT_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(4);
    for set in sets {
        if !set.join("gold").exists() {
            eprintln!("{}: absent or without gold/; skipped", set.display());
            continue;
        }
        let toml = std::fs::read_to_string(set.join("set.toml")).unwrap();
        let field =
            |k: &str| toml.lines().find(|l| l.starts_with(k)).and_then(|l| l.split('"').nth(1)).unwrap().to_string();
        let (src_lang, tgt_lang) = (field("source_lang"), field("target_lang"));
        let mut docs: Vec<String> = std::fs::read_dir(set.join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        docs.sort();
        // Unrelated sentences: the other documents' translations, or (with one document)
        // the same one read backwards from far away.
        let mut out = Outcome {
            found: BTreeMap::new(),
            major_true: 0,
            major_all: 0,
            false_alarms: BTreeMap::new(),
            clean_beads: 0,
            noisy_beads: 0,
            noise: BTreeMap::new(),
            numbers_real: 0,
            inseparable: (0, 0),
        };
        for (d, doc) in docs.iter().enumerate() {
            let others: Vec<String> = if docs.len() > 1 {
                docs.iter()
                    .enumerate()
                    .filter(|(e, _)| *e != d)
                    .flat_map(|(_, o)| lines(&set.join("tgt").join(o)))
                    .collect()
            } else {
                let own = lines(&set.join("tgt").join(doc));
                let half = own.len() / 2;
                own[half..].iter().chain(own[..half].iter()).rev().cloned().collect()
            };
            let others: Vec<String> = others.into_iter().filter(|l| l.chars().count() >= 30).collect();
            for round in 0..rounds {
                run_doc(&set, doc, round, &others, &src_lang, &tgt_lang, &mut out);
            }
            let (below, pairs) = inseparable(&set, doc);
            out.inseparable.0 += below;
            out.inseparable.1 += pairs;
        }
        println!(
            "{} ({src_lang} → {tgt_lang}, {} documents, {rounds} rounds)",
            set.file_name().unwrap().to_string_lossy(),
            docs.len()
        );
        for kind in ALL {
            let (hit, alarm, any, all) = out.found.get(kind.name()).copied().unwrap_or((0, 0, 0, 0));
            println!(
                "  recall {:17} {:.3}  ({hit}/{all}; as major+: {alarm}; by a finding of any kind: {any})",
                kind.name(),
                hit as f64 / all.max(1) as f64
            );
        }
        println!("  precision of major+ findings  {}", share(out.major_true, out.major_all));
        println!("  false alarms by kind: {}", by_kind(&out.false_alarms));
        println!(
            "  of the false number alarms, on sentences whose original translation (gold-aligned) holds other digits than the source and its MT: {}",
            out.numbers_real
        );
        println!("  precision counting those as real: {}", share(out.major_true + out.numbers_real, out.major_all));
        println!(
            "  beads without drift that carry a finding of any severity: {}",
            share(out.noisy_beads, out.clean_beads)
        );
        println!("  their findings by kind: {}", by_kind(&out.noise));
        println!(
            "  the translation's own 1-1 pairs no more alike than the 95th percentile of unrelated pairs: {}",
            share(out.inseparable.0, out.inseparable.1)
        );
    }
}
