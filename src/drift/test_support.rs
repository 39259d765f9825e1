//! Helpers shared by the drift checks' tests: the checks' input for made-up documents,
//! and the findings on them.

use std::ops::Range;

use super::{check, Finding, Input};
use crate::align::features::{self, Vectors};
use crate::align::Bead;
use crate::test_text::sentence;

/// The findings on bead `index` of `target`, aligned as `beads`, as the translation of
/// 24 made-up source sentences whose MT is `sentence(k)`.
pub(crate) fn findings_on(index: usize, target: &[String], beads: &[Bead]) -> Vec<Finding> {
    let source = (0..24).map(|k| sentence(500 + k)).collect();
    findings_with(index, source, (0..24).map(sentence).collect(), target, beads)
}

/// The same with `source` and its MT `mt`.
pub(crate) fn findings_with(
    index: usize,
    source: Vec<String>,
    mt: Vec<String>,
    target: &[String],
    beads: &[Bead],
) -> Vec<Finding> {
    let (a, b) = features::embed(&mt, target);
    let source: Vec<&str> = source.iter().map(String::as_str).collect();
    let target: Vec<&str> = target.iter().map(String::as_str).collect();
    check(&input(beads, &source, &target, Some(&mt), ("zh", "fr"), Some((&a, &b)))).remove(index)
}

/// The checks' input for a document pair in languages `langs`, without a glossary.
pub(crate) fn input<'a>(
    beads: &'a [Bead],
    source: &'a [&'a str],
    target: &'a [&'a str],
    mt: Option<&'a [String]>,
    (source_lang, target_lang): (&'a str, &'a str),
    vectors: Option<(&'a Vectors, &'a Vectors)>,
) -> Input<'a> {
    Input { beads, source, target, mt, source_lang, target_lang, is_revision: false, vectors, glossary: None }
}

/// The six words of made-up sentence `k`.
pub(crate) fn words(k: usize) -> Vec<String> {
    sentence(k).trim_end_matches('.').split(' ').map(str::to_string).collect()
}

/// The findings on a translation that renders 24 sentences faithfully, plus `extra`
/// after the eleventh, aligned 1-2 with it.
pub(crate) fn with_an_extra_sentence(extra: &str) -> Vec<Finding> {
    let mut target: Vec<String> = (0..24).map(sentence).collect();
    target.insert(11, extra.to_string());
    findings_on(10, &target, &with_one_merged(10))
}

/// 24 beads 1-1, except bead `at`, which holds translation sentence `at` and the one
/// inserted after it.
pub(crate) fn with_one_merged(at: usize) -> Vec<Bead> {
    (0..24)
        .map(|k| match k {
            _ if k < at => Bead { src: k..k + 1, tgt: k..k + 1, cost: 0.0 },
            _ if k == at => Bead { src: k..k + 1, tgt: k..k + 2, cost: 0.0 },
            _ => Bead { src: k..k + 1, tgt: k + 1..k + 2, cost: 0.0 },
        })
        .collect()
}

/// `n` beads, 1-1 up to the tenth, then beads 10 and 11 as given (source and
/// translation ranges), then 1-1 again with source and translation shifted by
/// `(ds, dt)`.
pub(crate) fn boundary_late(
    n: usize,
    (src_10, tgt_10): (Range<usize>, Range<usize>),
    (src_11, tgt_11): (Range<usize>, Range<usize>),
    (ds, dt): (usize, usize),
) -> Vec<Bead> {
    let bead = |src: Range<usize>, tgt: Range<usize>| Bead { src, tgt, cost: 0.0 };
    (0..n)
        .map(|k| match k {
            0..10 => bead(k..k + 1, k..k + 1),
            10 => bead(src_10.clone(), tgt_10.clone()),
            11 => bead(src_11.clone(), tgt_11.clone()),
            _ => bead(k + ds..k + ds + 1, k + dt..k + dt + 1),
        })
        .collect()
}

/// The findings on bead 11 of `target` with its twelfth sentence replaced.
pub(crate) fn eleventh(target_11: String, beads: Vec<Bead>, mut target: Vec<String>) -> Vec<Finding> {
    target[11] = target_11;
    findings_on(11, &target, &beads)
}

/// The findings on each bead of a German source and its French translation, without
/// the aligner's vectors.
pub(crate) fn german_french(
    source: &[&str],
    mt: Option<&[String]>,
    target: &[&str],
    beads: &[Bead],
) -> Vec<Vec<Finding>> {
    check(&input(beads, source, target, mt, ("de", "fr"), None))
}

/// The findings on one German sentence, its French MT and its translation, aligned 1-1.
pub(crate) fn on_one_pair(src: &str, mt: &str, tgt: &str) -> Vec<Finding> {
    let beads = [Bead { src: 0..1, tgt: 0..1, cost: 0.0 }];
    german_french(&[src], Some(&[mt.to_string()]), &[tgt], &beads).remove(0)
}
