//! chrF, chrF++ and sentence BLEU against sacrebleu itself, to 1e-9, on random and
//! hand-written strings mixing ASCII, CJK, Hangul, full-width spaces, tabs and the
//! separator controls Python counts as white space. Needs `python3` with sacrebleu 2.x
//! (scripts/test.sh installs it); without it this test fails rather than skips.

use std::process::Command;

use driftalign::metrics::{chrf, chrf_plus_plus, sentence_bleu};

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

const PIECES: &[&str] = &[
    "the",
    "cat",
    "sat",
    "on",
    "mat",
    "Hospitals",
    "report",
    "24",
    "48",
    "3.5",
    "1,200",
    "hours",
    ".",
    ",",
    "!",
    "?",
    "(",
    ")",
    "\"",
    "'",
    "-",
    "&amp;",
    "&",
    "<",
    "卫生",
    "工作",
    "加强",
    "建设",
    "。",
    "，",
    "“",
    "”",
    "공공보건",
    "응급체계",
    "강화한다",
    "구축을",
    "\u{3000}",
    "\u{a0}",
    "\t",
    " ",
    " ",
    " ",
    "\u{1c}",
    "\u{1f}",
    "Ａ",
    "１２",
    "e\u{301}",
    "x-y",
    "a.b",
];

fn random_pair(rng: &mut Lcg) -> (String, String) {
    let words: Vec<&str> = (0..rng.below(12)).map(|_| PIECES[rng.below(PIECES.len())]).collect();
    let hyp = words.join(if rng.below(2) == 0 { " " } else { "" });
    // The reference shares some of the hypothesis: drop, replace and add pieces.
    let mut reference: Vec<&str> = words.iter().filter(|_| rng.below(4) != 0).copied().collect();
    for _ in 0..rng.below(3) {
        let at = rng.below(reference.len() + 1);
        reference.insert(at, PIECES[rng.below(PIECES.len())]);
    }
    (hyp, reference.join(" "))
}

#[test]
fn identical_to_sacrebleu() {
    let mut rng = Lcg(2024);
    let mut pairs: Vec<(String, String)> = vec![
        ("Hospitals must report cases within 24 hours.".into(), "Hospitals must report cases within 48 hours.".into()),
        ("加强公共卫生应急体系建设。".into(), "加快公共卫生应急体系建设。".into()),
        ("(hi)".into(), "hi".into()),
        ("".into(), "".into()),
        ("a\u{1c}b c".into(), "ab c".into()),
        ("\u{3000}全角　スペース\t".into(), "全角 スペース".into()),
        ("It costs 1,200.50 - no, 1.300-2.000 &quot;units&quot;.".into(), "It costs 1,200.50, not 1.300 units.".into()),
    ];
    pairs.extend((0..400).map(|_| random_pair(&mut rng)));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pairs.json");
    std::fs::write(&input, serde_json::to_vec(&pairs).unwrap()).unwrap();
    let script = r#"
import json, sys
from sacrebleu.metrics import CHRF
import sacrebleu
pairs = json.load(open(sys.argv[1], encoding="utf-8"))
chrf, chrfpp = CHRF(), CHRF(word_order=2)
out = [[chrf.sentence_score(h, [r]).score, chrfpp.sentence_score(h, [r]).score,
        sacrebleu.sentence_bleu(h, [r], tokenize="13a").score] for h, r in pairs]
json.dump(out, sys.stdout)
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&input)
        .output()
        .expect("python3 is needed for this test: run scripts/test.sh, which installs sacrebleu");
    assert!(
        output.status.success(),
        "sacrebleu failed (run scripts/test.sh, which installs it): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected: Vec<[f64; 3]> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(expected.len(), pairs.len());
    let mut nonzero = 0;
    for ((hyp, reference), want) in pairs.iter().zip(&expected) {
        let got = [chrf(hyp, reference), chrf_plus_plus(hyp, reference), sentence_bleu(hyp, reference)];
        for k in 0..3 {
            assert!(
                (got[k] - want[k]).abs() < 1e-9,
                "metric {k} for {hyp:?} / {reference:?}: ours {} sacrebleu {}",
                got[k],
                want[k]
            );
        }
        if want[2] > 0.0 {
            nonzero += 1;
        }
    }
    assert!(nonzero > 50, "the random pairs should often share n-grams ({nonzero} nonzero BLEU)");
}
