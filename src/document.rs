//! Loading: bytes from a file become clean text with known paragraphs.
//!
//! The encoding comes from a byte-order mark, then from UTF-8 validity, then from
//! `chardetng` (the detector Firefox uses) for the legacy encodings Chinese, Japanese
//! and Korean documents still arrive in. Line endings become `\n` and the text is
//! normalised to NFC, so every later stage sees one form of each character. Binary,
//! empty, over-sized and undecodable files are refused with an error naming the file,
//! and so are damaged ones that detection would otherwise read as windows-1252.

use std::ops::Range;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::plural::count;

/// Default largest input accepted, in bytes (64 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How to read a file.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// An encoding label (`utf-8`, `gbk`, `euc-kr`, ...) that overrides detection.
    pub encoding: Option<String>,
    /// Files larger than this are refused.
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { encoding: None, max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// A loaded document: normalised text and its paragraphs.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// The encoding the bytes were decoded from (its WHATWG name, e.g. `GBK`).
    pub encoding: &'static str,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// UTF-8, NFC, `\n` line endings, no byte-order mark.
    pub text: String,
    /// Byte ranges of the paragraphs (blank-line separated), trimmed of surrounding blank lines.
    pub paragraphs: Vec<Range<usize>>,
}

impl Document {
    /// Reads and decodes a file.
    pub fn load(path: &Path, options: &LoadOptions) -> Result<Document> {
        let meta = std::fs::metadata(path).map_err(|e| Error::input(path, io_reason(&e)))?;
        if meta.is_dir() {
            return Err(Error::input(path, "is a directory, not a text file"));
        }
        if meta.len() > options.max_bytes {
            return Err(Error::input(
                path,
                format!(
                    "file is {} bytes, over the limit of {} bytes (raise `max_bytes` under [input] in the config, or --max-bytes)",
                    meta.len(),
                    options.max_bytes
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::input(path, io_reason(&e)))?;
        Document::from_bytes(path, &bytes, options)
    }

    /// Decodes bytes already in memory; `path` only names the document in errors.
    pub fn from_bytes(path: &Path, bytes: &[u8], options: &LoadOptions) -> Result<Document> {
        if bytes.len() as u64 > options.max_bytes {
            return Err(Error::input(
                path,
                format!("input is {} bytes, over the limit of {} bytes", bytes.len(), options.max_bytes),
            ));
        }
        let (encoding, body) = choose_encoding(path, bytes, options.encoding.as_deref())?;
        let decoded = decode_strict(path, encoding, body)?;
        let text = canonical_text(&decoded);
        if text.trim().is_empty() {
            return Err(Error::input(path, "file is empty (no text after decoding)"));
        }
        if looks_binary(&text) {
            return Err(Error::input(
                path,
                format!(
                    "looks like a binary file, not text (decoded as {}); pass --encoding if it is text",
                    encoding.name()
                ),
            ));
        }
        let paragraphs = paragraphs(&text);
        Ok(Document {
            path: path.to_path_buf(),
            encoding: encoding.name(),
            bytes: bytes.len() as u64,
            text,
            paragraphs,
        })
    }

    /// The text of paragraph `i`.
    pub fn paragraph(&self, i: usize) -> &str {
        &self.text[self.paragraphs[i].clone()]
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// Picks the encoding and returns the bytes without any byte-order mark.
fn choose_encoding<'b>(path: &Path, bytes: &'b [u8], forced: Option<&str>) -> Result<(&'static Encoding, &'b [u8])> {
    if let Some(label) = forced {
        let encoding = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            Error::Usage(format!(
                "unknown encoding `{label}` (try utf-8, utf-16le, utf-16be, gb18030, gbk, big5, euc-kr, shift_jis)"
            ))
        })?;
        // A forced encoding still drops its own byte-order mark.
        let body = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == encoding => &bytes[len..],
            _ => bytes,
        };
        return Ok((encoding, body));
    }
    if bytes.is_empty() {
        return Err(Error::input(path, "file is empty (0 bytes)"));
    }
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        return Ok((encoding, &bytes[len..]));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok((encoding, bytes));
    }
    if bytes.contains(&0) {
        return Err(Error::input(path, "looks like a binary file, not text (it contains NUL bytes)"));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok((encoding_rs::UTF_8, bytes));
    }
    // A few bad bytes in UTF-8 text (a line pasted from a file in another encoding, a
    // damaged download) make it invalid UTF-8, and the detector then settles for an
    // encoding that decodes any byte, turning the rest of the text into mojibake.
    if let Some((places, first)) = damaged_utf8(bytes) {
        return Err(Error::input(
            path,
            format!(
                "not valid UTF-8 at byte {first} ({}), though the rest of its text is UTF-8: the file mixes encodings or is damaged; fix those bytes, or pass --encoding with the one encoding the whole file is in",
                count(places, "place")
            ),
        ));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    // GBK is a strict subset of GB18030; decoding with the superset loses nothing.
    let guess = if guess == encoding_rs::GBK { encoding_rs::GB18030 } else { guess };
    // Likewise a Chinese, Japanese or Korean file with a bad byte is no longer valid in
    // its own encoding, and the detector falls back to windows-1252, which no text
    // written in the Latin script fills mostly with bytes beyond ASCII.
    if guess == encoding_rs::WINDOWS_1252 && mostly_beyond_ascii(bytes) {
        if let Some(stops) = damaged_cjk(bytes) {
            let stops: Vec<String> =
                stops.iter().map(|(encoding, at)| format!("{} at byte {at}", encoding.name())).collect();
            return Err(Error::input(
                path,
                format!(
                    "not valid in any encoding tried: it looks like Chinese, Japanese or Korean text, but each of their encodings stops at a byte it cannot read ({}); fix the bytes there, or pass --encoding with the file's real encoding",
                    stops.join(", ")
                ),
            ));
        }
    }
    Ok((guess, bytes))
}

/// For bytes that are not valid UTF-8 but mostly are: how many sequences are not, and
/// where the first one starts. Mostly means at least three valid characters beyond
/// ASCII for each invalid sequence: text in a single-byte encoding almost never forms a
/// valid UTF-8 sequence, and Chinese, Japanese or Korean text in a legacy encoding
/// forms one by chance for every four or more that it breaks (GBK one in four, Big5
/// and EUC-KR fewer, measured on novels and a health-work plan).
fn damaged_utf8(bytes: &[u8]) -> Option<(usize, usize)> {
    let (mut valid, mut invalid, mut first, mut pos) = (0usize, 0usize, None, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first.get_or_insert(pos);
        }
        pos += chunk.invalid().len();
    }
    first.filter(|_| valid >= 3 * invalid).map(|first| (invalid, first))
}

/// For bytes that no Chinese, Japanese or Korean legacy encoding reads without a
/// malformed sequence: where each of them stops, the furthest first. (Which one the
/// file is in cannot be told from the count of bad bytes: GB18030 reads almost any pair
/// of bytes, and the detector gives up on an encoding at its first bad byte.)
fn damaged_cjk(bytes: &[u8]) -> Option<Vec<(&'static Encoding, usize)>> {
    let mut stops: Vec<(&'static Encoding, usize)> =
        [encoding_rs::GB18030, encoding_rs::BIG5, encoding_rs::EUC_KR, encoding_rs::SHIFT_JIS]
            .into_iter()
            .map(|encoding| decode(encoding, bytes).err().map(|at| (encoding, at)))
            .collect::<Option<_>>()?;
    stops.sort_by_key(|&(_, at)| std::cmp::Reverse(at));
    Some(stops)
}

/// Whether most of the bytes that are not white space are beyond ASCII.
fn mostly_beyond_ascii(bytes: &[u8]) -> bool {
    let text = bytes.iter().filter(|b| !b.is_ascii_whitespace());
    let (all, beyond) = text.fold((0usize, 0usize), |(all, beyond), b| (all + 1, beyond + usize::from(!b.is_ascii())));
    beyond * 2 > all
}

/// UTF-16 text without a BOM shows up as a NUL in every other byte; recognise the
/// common case of mostly-ASCII or mostly-CJK UTF-16 so it is not called binary.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let candidate = if odd_nul * 10 >= pairs * 7 && even_nul * 20 < pairs {
        encoding_rs::UTF_16LE
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 20 < pairs {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (_, had_errors) = candidate.decode_without_bom_handling(sample);
    (!had_errors).then_some(candidate)
}

/// Decodes, refusing malformed input instead of inventing replacement characters.
fn decode_strict(path: &Path, encoding: &'static Encoding, bytes: &[u8]) -> Result<String> {
    decode(encoding, bytes).map_err(|offset| {
        Error::input(
            path,
            format!(
                "not valid {} at byte {offset}; pass --encoding with the file's real encoding (e.g. gb18030, big5, euc-kr, shift_jis)",
                encoding.name()
            ),
        )
    })
}

/// The text of `bytes` in `encoding`, or where its first malformed sequence starts.
fn decode(encoding: &'static Encoding, bytes: &[u8]) -> std::result::Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len()));
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(read - bad as usize - after as usize),
        encoding_rs::DecoderResult::OutputFull => unreachable!("the output buffer was sized by the decoder"),
    }
}

/// `\r\n` and `\r` become `\n`, a stray BOM is dropped, and the text becomes NFC.
fn canonical_text(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n").replace('\u{feff}', "");
    if unicode_normalization::is_nfc_quick(unified.chars()) == unicode_normalization::IsNormalized::Yes {
        unified
    } else {
        unified.nfc().collect()
    }
}

/// Text with many control characters is binary data that happened to decode.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    control * 100 > total * 2
}

/// Paragraphs are runs of non-blank lines; a line of only white space is blank.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            end = pos + content.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(bytes: &[u8], encoding: Option<&str>) -> Result<Document> {
        let options = LoadOptions { encoding: encoding.map(str::to_string), ..LoadOptions::default() };
        Document::from_bytes(Path::new("t.txt"), bytes, &options)
    }

    #[test]
    fn paragraphs_are_blank_line_separated() {
        let text = "\n\nOne line.\nSecond line.\n  \nTwo.\n\n\n三。\n";
        let p = paragraphs(text);
        let got: Vec<&str> = p.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["One line.\nSecond line.", "Two.", "三。"]);
    }

    #[test]
    fn crlf_and_bom_are_normalised() {
        let doc = load(b"\xEF\xBB\xBFa\r\nb\rc\r\n\r\nd", None).unwrap();
        assert_eq!(doc.text, "a\nb\nc\n\nd");
        assert_eq!(doc.encoding, "UTF-8");
        assert_eq!(doc.paragraphs.len(), 2);
    }

    #[test]
    fn text_becomes_nfc() {
        // "e" + combining acute accent becomes the precomposed "é".
        let doc = load("Caf\u{65}\u{301}".as_bytes(), None).unwrap();
        assert_eq!(doc.text, "Caf\u{e9}");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let bytes: Vec<u8> = "Hello world, this is UTF-16.".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let doc = load(&bytes, None).unwrap();
        assert_eq!(doc.encoding, "UTF-16LE");
        assert_eq!(doc.text, "Hello world, this is UTF-16.");
    }

    #[test]
    fn empty_binary_and_malformed_inputs_are_refused() {
        assert!(load(b"", None).unwrap_err().to_string().contains("empty"));
        assert!(load(b" \n\n\t", None).unwrap_err().to_string().contains("empty"));
        assert!(load(b"\x7fELF\x02\x01\x01\0\0\0\0\0\x03\0>\0", None).unwrap_err().to_string().contains("binary"));
        let err = load(b"abc \xff\xfe def", Some("utf-8")).unwrap_err().to_string();
        assert!(err.contains("not valid UTF-8 at byte 4"), "{err}");
    }

    #[test]
    fn text_in_a_single_byte_encoding_is_not_taken_for_damaged_utf8() {
        // Every accented letter here is a byte that UTF-8 cannot read, and none of them
        // starts a valid UTF-8 sequence.
        let text = "Füße über Straßen, Größe ändern – «très» déjà vu, naïve Café.\n";
        let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!lossy);
        let doc = load(&bytes, None).unwrap();
        assert_eq!((doc.encoding, doc.text.as_str()), ("windows-1252", text));
    }

    #[test]
    fn damaged_utf8_counts_its_bad_places_and_legacy_chinese_is_not_damaged_utf8() {
        assert_eq!(damaged_utf8("añb\u{e9}c".as_bytes()), None);
        let bytes =
            [&b"\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89 "[..], b"\xff", b" \xe5\x9b\x9b\xe4\xba\x94\xe5\x85\xad \x80"]
                .concat();
        assert_eq!(damaged_utf8(&bytes), Some((2, 10)));
        // Fewer than three valid characters for each bad place: not mostly UTF-8.
        assert_eq!(damaged_utf8(b"\xe4\xb8\x80\xff\xfe"), None);
        // GBK text forms a valid UTF-8 sequence now and then, and breaks far more often.
        let (gbk, _, _) = encoding_rs::GBK.encode("这是第一句话。这是第二句话，内容更长一些。第三句话在这里。");
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(damaged_utf8(&gbk), None);
    }

    #[test]
    fn unknown_forced_encoding_is_a_usage_error() {
        let err = load(b"abc", Some("klingon")).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::USAGE);
    }

    #[test]
    fn size_limit_is_enforced() {
        let options = LoadOptions { encoding: None, max_bytes: 3 };
        let err = Document::from_bytes(Path::new("big.txt"), b"abcd", &options).unwrap_err();
        assert!(err.to_string().contains("over the limit"));
    }
}
