//! Sentence segmentation.
//!
//! ICU4X's rule-based sentence breaker (Unicode UAX #29) proposes the breaks; the rules
//! in `rules` take back the ones it gets wrong for real documents: abbreviations and
//! initials (`Dr. Smith`, `U.S. Army`, `z. B. die`), German-style ordinals (`3. Oktober`)
//! and bare list markers (`1.`), and add the breaks it misses before a sentence that
//! starts with a year (`umkehren. 1955 hatte`) and before a numbered list after a colon.
//! UAX #29 already keeps closing quotes and brackets (`。」`, `?”`) with their sentence
//! and does not break inside decimals (`12.5%`).
//!
//! Before that, each paragraph is cut into blocks at line breaks: a heading or any line
//! without final punctuation is its own segment, unless the next line starts in lower
//! case (hard-wrapped prose). A segment never crosses a paragraph.
//!
//! Every segment keeps its byte offsets into the document's (normalised) text.

mod rules;

pub use rules::{ends_sentence, without_closers};

use std::ops::Range;

use icu_segmenter::options::SentenceBreakInvariantOptions;
use icu_segmenter::SentenceSegmenter;
use serde::Serialize;

use crate::document::Document;

/// One sentence (or heading, or list item) of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// 0-based position in the document.
    pub id: usize,
    /// The paragraph it belongs to.
    pub paragraph: usize,
    /// Byte offsets into the document text.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// How to segment.
#[derive(Debug, Clone, Default)]
pub struct SegmentOptions {
    /// Every non-empty line is one sentence, as in published alignment data.
    pub presegmented: bool,
}

/// Splits a document into segments, using the rules of language `lang` (ISO 639-1).
pub fn segment(doc: &Document, lang: &str, options: &SegmentOptions) -> Vec<Segment> {
    let spans = if options.presegmented {
        line_spans(&doc.text, &doc.paragraphs)
    } else {
        sentence_spans(&doc.text, &doc.paragraphs, lang)
    };
    spans
        .into_iter()
        .enumerate()
        .map(|(id, (paragraph, range))| Segment {
            id,
            paragraph,
            start: range.start,
            end: range.end,
            text: doc.text[range].to_string(),
        })
        .collect()
}

/// Each non-empty line, trimmed.
fn line_spans(text: &str, paragraphs: &[Range<usize>]) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    for (p, para) in paragraphs.iter().enumerate() {
        for line in lines(text, para.clone()) {
            if let Some(r) = trim(text, line) {
                out.push((p, r));
            }
        }
    }
    out
}

fn sentence_spans(text: &str, paragraphs: &[Range<usize>], lang: &str) -> Vec<(usize, Range<usize>)> {
    let segmenter = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
    let mut out = Vec::new();
    for (p, para) in paragraphs.iter().enumerate() {
        for block in blocks(text, para.clone()) {
            // Soft line breaks inside a block become spaces (same byte length), so the
            // breaker does not treat them as paragraph ends.
            let flat = text[block.clone()].replace('\n', " ");
            let mut pieces: Vec<Range<usize>> = Vec::new();
            let mut last = 0;
            let mut breaks: Vec<usize> = segmenter.segment_str(&flat).skip(1).collect();
            breaks.extend(rules::missed_breaks(&flat));
            breaks.sort_unstable();
            breaks.dedup();
            for b in breaks {
                let b = rules::move_back_openers(&flat, last, b, lang);
                if let Some(r) = trim(text, block.start + last..block.start + b) {
                    pieces.push(r);
                }
                last = b;
            }
            let mut merged: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
            for piece in pieces {
                match merged.last_mut() {
                    Some(prev) if rules::keep_together(&text[prev.clone()], &text[piece.clone()], lang) => {
                        prev.end = piece.end
                    }
                    _ => merged.push(piece),
                }
            }
            out.extend(merged.into_iter().map(|r| (p, r)));
        }
    }
    out
}

/// Byte ranges of the lines of `range`, without their `\n`.
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = range.start;
    text[range.clone()].split('\n').map(move |line| {
        let r = pos..pos + line.len();
        pos = r.end + 1;
        r
    })
}

/// Groups a paragraph's lines: a line continues into the next only when it has no
/// final punctuation and the next starts in lower case (hard-wrapped prose).
fn blocks(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut continues = false;
    for line in lines(text, para) {
        let Some(line) = trim(text, line) else {
            continue;
        };
        let content = &text[line.clone()];
        match out.last_mut() {
            Some(block) if continues && content.chars().next().is_some_and(char::is_lowercase) => block.end = line.end,
            _ => out.push(line),
        }
        continues = !rules::ends_sentence(content);
    }
    out
}

/// `range` without leading and trailing white space, or `None` if nothing is left.
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, LoadOptions};
    use std::path::Path;

    fn split(text: &str, lang: &str) -> Vec<String> {
        let doc = Document::from_bytes(Path::new("t"), text.as_bytes(), &LoadOptions::default()).unwrap();
        let segs = segment(&doc, lang, &SegmentOptions::default());
        for s in &segs {
            assert_eq!(&doc.text[s.start..s.end], s.text, "offsets must point at the text");
        }
        segs.into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn chinese_keeps_closing_quotes() {
        assert_eq!(
            split("他说：“明天再来。”然后走了。会议结束！是吗？「好。」", "zh"),
            ["他说：“明天再来。”", "然后走了。", "会议结束！", "是吗？", "「好。」"]
        );
        assert_eq!(
            split("（会议于7月10日召开。）下半年继续推进。", "zh"),
            ["（会议于7月10日召开。）", "下半年继续推进。"]
        );
    }

    #[test]
    fn japanese_sentences() {
        assert_eq!(
            split("今日は雨です。『明日は晴れる』と彼は言った。本当？", "ja"),
            ["今日は雨です。", "『明日は晴れる』と彼は言った。", "本当？"]
        );
    }

    #[test]
    fn korean_sentences_and_list_markers() {
        assert_eq!(
            split("1. 의료보건 제도 개혁을 추진한다. 예산은 12.5% 늘었다. 끝났습니까?", "ko"),
            ["1. 의료보건 제도 개혁을 추진한다.", "예산은 12.5% 늘었다.", "끝났습니까?"]
        );
    }

    #[test]
    fn english_abbreviations_and_numbers() {
        assert_eq!(
            split("Dr. Smith met Mr. J. Brown in the U.S. Army office. Growth was 12.5% in No. 5 Road. See e.g. the plan. It ends here.", "en"),
            [
                "Dr. Smith met Mr. J. Brown in the U.S. Army office.",
                "Growth was 12.5% in No. 5 Road.",
                "See e.g. the plan.",
                "It ends here."
            ]
        );
    }

    #[test]
    fn german_ordinals_and_abbreviations() {
        assert_eq!(
            split("Am 3. Oktober kamen sie an, z. B. mit dem Zug. Das war gut. Vgl. S. 12 der Akte.", "de"),
            ["Am 3. Oktober kamen sie an, z. B. mit dem Zug.", "Das war gut.", "Vgl. S. 12 der Akte."]
        );
        // A number and a period before a word that starts sentences and never follows an
        // ordinal end the sentence; before a noun or an adjective, it is an ordinal.
        assert_eq!(
            split("Wir wohnen in der Hauptstr. 5. Das Haus ist alt. Er kam am 12. Die anderen blieben bis zum 19. großen Fest im 19. Jahrhundert. Sie besagen: 1. Die Expedition zahlt.", "de"),
            [
                "Wir wohnen in der Hauptstr. 5.",
                "Das Haus ist alt.",
                "Er kam am 12.",
                "Die anderen blieben bis zum 19. großen Fest im 19. Jahrhundert.",
                "Sie besagen:",
                "1. Die Expedition zahlt."
            ]
        );
    }

    #[test]
    fn a_sentence_may_start_with_a_year_and_end_with_a_unit() {
        // UAX #29 looks past the year for a lower-case word, and `m.` is not `z.`.
        assert_eq!(
            split("Die Expedition musste umkehren. 1955 hatte der Berg Ruhe. Der Wert ist 8481 m. Am schlimmsten war es 1956.", "de"),
            ["Die Expedition musste umkehren.", "1955 hatte der Berg Ruhe.", "Der Wert ist 8481 m.", "Am schlimmsten war es 1956."]
        );
        // An abbreviation, a number's period, a time and a unit before a small letter hold.
        assert_eq!(
            split("See the 2nd ed. 1995 printing and vol. 1955 of the series. It ended.", "en"),
            ["See the 2nd ed. 1995 printing and vol. 1955 of the series.", "It ended."]
        );
        assert_eq!(
            split("Voir La Montagne, oct. 1956, et ca. 1955 le reste. Au chapitre 3. 1955 fut une année calme. A 19 h. 30 ils montent à 8000 m. environ.", "fr"),
            [
                "Voir La Montagne, oct. 1956, et ca. 1955 le reste.",
                "Au chapitre 3. 1955 fut une année calme.",
                "A 19 h. 30 ils montent à 8000 m. environ."
            ]
        );
    }

    #[test]
    fn a_numbered_list_after_a_colon_starts_its_own_segments() {
        assert_eq!(
            split("The rules are: 1. Bring food. 2. Bring water. It is 10: 30 now, see p. 3: 12) items.", "en"),
            ["The rules are:", "1. Bring food.", "2. Bring water.", "It is 10: 30 now, see p. 3: 12) items."]
        );
        assert_eq!(
            split("规定如下：1. 每个村配备医生。2. 每年体检。", "zh"),
            ["规定如下：", "1. 每个村配备医生。", "2. 每年体检。"]
        );
    }

    #[test]
    fn headings_lines_and_paragraphs() {
        assert_eq!(
            split("Annual Report\nThe plan was adopted. It works\n\nNext paragraph starts here", "en"),
            ["Annual Report", "The plan was adopted.", "It works", "Next paragraph starts here"]
        );
        // Hard-wrapped prose joins; the next paragraph never does.
        assert_eq!(
            split("The meeting was held\nin the city hall. Then\n\nit ended.", "en"),
            ["The meeting was held\nin the city hall.", "Then", "it ended."]
        );
    }

    #[test]
    fn presegmented_takes_lines() {
        let text = "  First line. Two sentences.  \n\nSecond\n";
        let doc = Document::from_bytes(Path::new("t"), text.as_bytes(), &LoadOptions::default()).unwrap();
        let segs = segment(&doc, "en", &SegmentOptions { presegmented: true });
        let got: Vec<(&str, usize, usize, usize)> =
            segs.iter().map(|s| (s.text.as_str(), s.paragraph, s.start, s.end)).collect();
        assert_eq!(got, [("First line. Two sentences.", 0, 2, 28), ("Second", 1, 32, 38)]);
    }
}
