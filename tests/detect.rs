//! `driftalign detect`: languages of real documents, encodings, and the JSON contract.

mod common;

use common::{driftalign, fixture, shared, stdout};
use serde_json::Value;

fn detect_json(files: &[std::path::PathBuf], extra: &[&str]) -> Vec<Value> {
    let output = driftalign().arg("detect").arg("--json").args(extra).args(files).output().unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    serde_json::from_str::<Value>(&stdout(&output)).unwrap().as_array().unwrap().clone()
}

#[test]
fn seeds_are_en_en_zh_en_ko_and_003_is_mixed() {
    let Some(dir) = shared("seeds") else { return };
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let results = detect_json(&files, &[]);
    let langs: Vec<&str> = results.iter().map(|r| r["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["en", "en", "zh", "en", "ko"]);
    let mixed: Vec<bool> = results.iter().map(|r| r["mixed"].as_bool().unwrap()).collect();
    assert_eq!(mixed, [false, false, false, true, false]);
    // Seed 003's metadata paragraph names Chinese as its second language.
    let paragraphs = results[3]["paragraphs"].as_array().unwrap();
    assert!(paragraphs.iter().any(|p| p["other"]["lang"] == "zh"), "{paragraphs:?}");
}

#[test]
fn json_has_the_contract_fields() {
    let results = detect_json(&[fixture("encodings/zh_gbk.txt"), fixture("encodings/en_utf16le.txt")], &[]);
    assert_eq!(results.len(), 2);
    for r in &results {
        for key in ["path", "lang", "confidence", "mixed", "paragraphs", "encoding"] {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
        for (i, p) in r["paragraphs"].as_array().unwrap().iter().enumerate() {
            assert_eq!(p["index"], i);
            assert!(p["lang"].is_string() && p["confidence"].is_number());
        }
    }
    assert_eq!(results[0]["lang"], "zh");
    assert_eq!(results[0]["paragraphs"].as_array().unwrap().len(), 2);
    assert_eq!(results[1]["lang"], "en");
}

#[test]
fn every_encoding_is_detected_and_decoded() {
    let cases = [
        ("zh_gbk.txt", "gb18030", "zh"),
        ("zh_gb18030.txt", "gb18030", "zh"),
        ("zh_big5.txt", "Big5", "zh"),
        ("ko_euckr.txt", "EUC-KR", "ko"),
        ("ja_shiftjis.txt", "Shift_JIS", "ja"),
        ("en_utf16le.txt", "UTF-16LE", "en"),
        ("ko_utf16be.txt", "UTF-16BE", "ko"),
    ];
    for (name, encoding, lang) in cases {
        let path = fixture(&format!("encodings/{name}"));
        let r = &detect_json(std::slice::from_ref(&path), &[])[0];
        assert_eq!(r["encoding"], encoding, "{name}");
        assert_eq!(r["lang"], lang, "{name}");
        // The decoded text is exactly the text the fixture was made from.
        let expected = std::fs::read_to_string(fixture(&format!("encodings/{name}.expected"))).unwrap();
        let doc = driftalign::document::Document::load(&path, &Default::default()).unwrap();
        assert_eq!(doc.text, expected.replace("\r\n", "\n"), "{name}");
    }
}

#[test]
fn forced_encoding_overrides_detection() {
    let path = fixture("encodings/zh_big5.txt");
    let r = &detect_json(std::slice::from_ref(&path), &["--encoding", "big5"])[0];
    assert_eq!(r["encoding"], "Big5");
    // Read as EUC-KR, the Big5 bytes are not valid: an input error, not garbage.
    let output = driftalign().args(["detect", "--encoding", "euc-kr"]).arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(common::stderr(&output).contains("not valid EUC-KR"), "{}", common::stderr(&output));
}

#[test]
fn a_damaged_file_is_refused_with_where_it_breaks_not_read_as_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = driftalign().arg("detect").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(3), "{name}: {}", stdout(&output));
        common::stderr(&output)
    };
    // UTF-8 with one stray byte, and UTF-8 with a line in windows-1252: without the
    // check, both were read whole as windows-1252.
    let mut bytes = "这是第一句话。这是第二句话，内容更长一些。\n".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend(b"\xff \xe7\x84\xb6\n");
    let err = refused("utf8.txt", &bytes);
    assert!(err.contains(&format!("not valid UTF-8 at byte {at} (1 place)")), "{err}");
    assert!(err.contains("mixes encodings or is damaged"), "{err}");
    let mut bytes = "Une phrase en français, très simple. Deuxième phrase à lire.\n".as_bytes().to_vec();
    let at = bytes.len() + 3;
    bytes.extend(b"Caf\xe9 au lait.\n");
    let err = refused("mixed.txt", &bytes);
    assert!(err.contains(&format!("not valid UTF-8 at byte {at} (1 place)")), "{err}");
    // Legacy Chinese, Japanese and Korean text with a bad byte after it: in a long file
    // the detector keeps the encoding and decoding names the byte; in a short one it
    // gives up on every such encoding and falls back to windows-1252, which reads
    // anything (this file was read as Italian).
    for name in ["zh_gbk.txt", "zh_big5.txt", "ko_euckr.txt", "ja_shiftjis.txt"] {
        let mut bytes = std::fs::read(fixture(&format!("encodings/{name}"))).unwrap();
        let at = bytes.len();
        bytes.extend(b"\xff\n");
        let err = refused(name, &bytes);
        assert!(err.contains(&format!("at byte {at}")), "{name}: {err}");
    }
    let (mut bytes, _, _) = encoding_rs::GBK.encode("第一句。第二句。第三句很长的句子在这里。\n");
    let at = bytes.len();
    bytes.to_mut().extend(b"\xff\x80 end\n");
    let err = refused("short_gbk.txt", &bytes);
    assert!(err.contains("it looks like Chinese, Japanese or Korean text"), "{err}");
    assert!(err.contains(&format!("gb18030 at byte {at}")), "{err}");
}

#[test]
fn allow_list_changes_the_answer_for_kanji_only_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kanji.txt");
    std::fs::write(&path, "東京都庁\n").unwrap();
    assert_eq!(detect_json(std::slice::from_ref(&path), &[])[0]["lang"], "zh");
    assert_eq!(detect_json(std::slice::from_ref(&path), &["--langs", "en,ja"])[0]["lang"], "ja");
}

#[test]
fn readable_table_names_each_file() {
    let output = driftalign().arg("detect").arg(fixture("encodings/ko_euckr.txt")).output().unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("FILE"), "{text}");
    let row = text.lines().find(|l| l.contains("ko_euckr.txt")).unwrap();
    assert!(row.contains(" ko ") && row.contains("EUC-KR"), "{row}");
}
