//! Loading: bytes from a file become clean text with known paragraphs.
//!
//! The encoding comes from a byte-order mark, then from UTF-8 validity, then from
//! `chardetng` (the detector Firefox uses) for the legacy encodings Chinese, Japanese
//! and Korean documents still arrive in. Line endings become `\n` and the text is
//! normalised to NFC, so every later stage sees one form of each character. Binary,
//! empty, over-sized and undecodable files are refused with an error naming the file.

use std::ops::Range;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

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
        let text = normalise(&decoded);
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
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    // GBK is a strict subset of GB18030; decoding with the superset loses nothing.
    let guess = if guess == encoding_rs::GBK { encoding_rs::GB18030 } else { guess };
    Ok((guess, bytes))
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
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len()));
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            let offset = read - bad as usize - after as usize;
            Err(Error::input(
                path,
                format!(
                    "not valid {} at byte {offset}; pass --encoding with the file's real encoding (e.g. gb18030, big5, euc-kr, shift_jis)",
                    encoding.name()
                ),
            ))
        }
        encoding_rs::DecoderResult::OutputFull => unreachable!("the output buffer was sized by the decoder"),
    }
}

/// `\r\n` and `\r` become `\n`, a stray BOM is dropped, and the text becomes NFC.
fn normalise(text: &str) -> String {
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
