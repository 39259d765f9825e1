//! No input makes the library panic: random bytes, odd text, every stage.

use std::path::Path;

use driftalign::document::{Document, LoadOptions};
use driftalign::lang::Detector;
use driftalign::segment::{segment, SegmentOptions};

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn random_bytes_and_random_text_never_panic() {
    let detector = Detector::new(&[]).unwrap();
    let pieces = [
        "。", "」", "「", ". ", "Dr.", " ", "\n", "\n\n", "3.", "z. B.", "U.S.", "12.5%", "가", "あ", "中", "a", "A",
        "?", "”", "“", "\r\n", "\u{feff}", "\u{301}", "１２", "(", ")", "…", "\t", "-",
    ];
    let mut rng = Lcg(7);
    let mut accepted = 0;
    for round in 0..3000 {
        let bytes: Vec<u8> = if round % 2 == 0 {
            (0..rng.next() % 200).map(|_| rng.next() as u8).collect()
        } else {
            (0..rng.next() % 60).map(|_| pieces[rng.next() as usize % pieces.len()]).collect::<String>().into_bytes()
        };
        let Ok(doc) = Document::from_bytes(Path::new("random"), &bytes, &LoadOptions::default()) else {
            continue;
        };
        accepted += 1;
        let language = detector.detect_document(&doc);
        assert_eq!(language.paragraphs.len(), doc.paragraphs.len());
        for presegmented in [false, true] {
            for s in segment(&doc, language.lang, &SegmentOptions { presegmented }) {
                assert_eq!(doc.text[s.start..s.end], s.text);
                assert!(!s.text.trim().is_empty());
            }
        }
    }
    assert!(accepted > 1000, "the generator should produce mostly acceptable text, got {accepted}");
}
