//! `driftalign segment`: sentence splitting for Chinese, Korean, Japanese, English and German.

mod common;

use common::{driftalign, stdout};

fn sentences(text: &str, lang: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.txt");
    std::fs::write(&path, text).unwrap();
    let output = driftalign().args(["segment", "--lang", lang]).arg(&path).output().unwrap();
    assert!(output.status.success(), "{}", common::stderr(&output));
    stdout(&output).lines().map(String::from).collect()
}

#[test]
fn chinese() {
    assert_eq!(
        sentences(
            "一、总体要求\n坚持以人民健康为中心。全年力争人均预期寿命达到79.5岁！他说：“明天再来。”会议结束了吗？\n",
            "zh"
        ),
        [
            "一、总体要求",
            "坚持以人民健康为中心。",
            "全年力争人均预期寿命达到79.5岁！",
            "他说：“明天再来。”",
            "会议结束了吗？"
        ]
    );
}

#[test]
fn korean() {
    assert_eq!(
        sentences(
            "2010년 저장성 보건사업\n\n1. 의료보건 제도 개혁을 추진한다. 참여율은 90.5% 이상이다. 완료되었습니까?\n",
            "ko"
        ),
        ["2010년 저장성 보건사업", "1. 의료보건 제도 개혁을 추진한다.", "참여율은 90.5% 이상이다.", "완료되었습니까?"]
    );
}

#[test]
fn japanese() {
    assert_eq!(
        sentences("県の保健医療計画\n「そうです。」と彼は言った。平均寿命は八十歳です！本当？\n", "ja"),
        ["県の保健医療計画", "「そうです。」と彼は言った。", "平均寿命は八十歳です！", "本当？"]
    );
}

#[test]
fn english() {
    assert_eq!(
        sentences(
            "Dr. Smith of the U.S. Department met Mr. J. Brown. Costs rose 12.5% (see No. 5 Road), i.e. a lot. Done.\n",
            "en"
        ),
        [
            "Dr. Smith of the U.S. Department met Mr. J. Brown.",
            "Costs rose 12.5% (see No. 5 Road), i.e. a lot.",
            "Done."
        ]
    );
}

#[test]
fn german() {
    assert_eq!(
        sentences("Am 3. Oktober 2019 kam z. B. Prof. Meier. Das ist gut, vgl. Nr. 4 der Liste. Ende.\n", "de"),
        ["Am 3. Oktober 2019 kam z. B. Prof. Meier.", "Das ist gut, vgl. Nr. 4 der Liste.", "Ende."]
    );
}

#[test]
fn json_offsets_point_into_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.txt");
    let text = "Erster Satz. Zweiter Satz.\n\nNeuer Absatz.\n";
    std::fs::write(&path, text).unwrap();
    let output = driftalign().args(["segment", "--json"]).arg(&path).output().unwrap();
    let segments: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let segments = segments.as_array().unwrap();
    assert_eq!(segments.len(), 3);
    for s in segments {
        let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], s["text"].as_str().unwrap());
    }
    assert_eq!(segments[2]["paragraph"], 1);
}
