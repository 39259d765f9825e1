//! The MT client against fake servers for the providers that cannot run here
//! (LibreTranslate, DeepL, Google, MyMemory, OpenAI-compatible): each fake speaks the
//! provider's published wire format and error bodies (see `common/fake_mt.rs`), and the
//! failures are the ones real services and networks produce.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::fake_http::{Answer, FakeServer, Request};
use common::fake_mt::{self, fake};
use common::{driftalign, stderr};
use serde_json::{json, Value};

/// English sentences, one per line, and the fake translations as the "existing
/// translation", so every bead is 1-1 and carries a checkable `mt_text`.
fn sentences(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("Sentence number {i} talks about the river and the {} old bridges.", i * 7 + 3)).collect()
}

struct Job {
    dir: tempfile::TempDir,
    sentences: Vec<String>,
    /// Source and target language.
    langs: (&'static str, &'static str),
}

impl Job {
    fn new(sentences: Vec<String>) -> Job {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("src.txt"), sentences.join("\n") + "\n").unwrap();
        let tgt: Vec<String> = sentences.iter().map(|s| fake(s)).collect();
        std::fs::write(dir.path().join("tgt.txt"), tgt.join("\n") + "\n").unwrap();
        Job { dir, sentences, langs: ("en", "es") }
    }

    /// Runs `driftalign run` with `[mt]` set to `mt` (TOML lines).
    fn run(&self, mt: &str) -> std::process::Output {
        self.run_with_env(mt, &[])
    }

    /// Writes config.toml with `[mt]` set to `mt`.
    fn write_config(&self, mt: &str) {
        let (source, target) = self.langs;
        let config = format!(
            "output = \"aligned\"\n[segment]\npresegmented = true\n[mt]\n{mt}\n\
             [[job]]\nname = \"doc\"\nsource = \"src.txt\"\ntranslation = \"tgt.txt\"\nsource_lang = \"{source}\"\ntarget_lang = \"{target}\"\n"
        );
        std::fs::write(self.dir.path().join("config.toml"), config).unwrap();
    }

    fn run_with_env(&self, mt: &str, env: &[(&str, &str)]) -> std::process::Output {
        self.write_config(mt);
        let mut cmd = driftalign();
        cmd.args(["run", "--config"]).arg(self.dir.path().join("config.toml"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("aligned/doc")
    }

    fn run_json(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.out().join("run.json")).unwrap()).unwrap()
    }

    /// Asserts every bead's MT is the fake translation of its source sentence.
    fn assert_all_translated(&self) {
        let text = std::fs::read_to_string(self.out().join("alignment.jsonl")).unwrap();
        let beads: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(beads.len(), self.sentences.len());
        for (bead, sentence) in beads.iter().zip(&self.sentences) {
            assert_eq!(bead["src_text"], sentence.as_str());
            assert_eq!(bead["mt_text"], fake(sentence).as_str(), "{bead}");
        }
    }
}

/// Fast retries for tests: the behaviour is the same, the waits are short.
const QUICK: &str = "backoff_ms = 20\nmax_retry_wait_secs = 5\n";

fn translate_requests(server: &FakeServer, path: &str) -> Vec<Request> {
    server.requests_to(path)
}

/// Items sent in LibreTranslate requests.
fn libre_items(server: &FakeServer) -> usize {
    translate_requests(server, "/translate").iter().map(|r| r.json()["q"].as_array().map_or(0, |a| a.len())).sum()
}

#[test]
fn libretranslate_429_without_retry_after_is_retried() {
    let job = Job::new(sentences(6));
    let calls = AtomicUsize::new(0);
    let server = FakeServer::start(move |req, _| {
        if req.path() == "/translate" && calls.fetch_add(1, Ordering::SeqCst) == 0 {
            // LibreTranslate's rate limiter: 429, its own message, no Retry-After.
            return Answer::json(429, json!({"error": "Slowdown: 6000 per 1 minute"}));
        }
        fake_mt::libretranslate(req)
    });
    let out = job.run(&format!("provider = \"libretranslate\"\nendpoint = \"{}\"\n{QUICK}", server.url));
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    let mt = &job.run_json()["mt"];
    assert_eq!(mt["provider"], "libretranslate");
    assert_eq!(mt["retries"], 1);
    // The language check, the refused request and the one that worked.
    assert_eq!(mt["requests"], 3);
    assert_eq!(server.requests_to("/languages").len(), 1);
    let sent: usize = job.sentences.iter().map(|s| s.chars().count()).sum();
    assert_eq!(mt["characters_sent"], 2 * sent as u64);
}

#[test]
fn google_503_with_retry_after_waits_as_asked() {
    let job = Job::new(sentences(3));
    let calls = AtomicUsize::new(0);
    let server = FakeServer::start(move |req, _| {
        if req.path() == "/language/translate/v2" && calls.fetch_add(1, Ordering::SeqCst) == 0 {
            return Answer::json(503, json!({"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}))
                .with_header("Retry-After", "1");
        }
        fake_mt::google(req, "g-key")
    });
    let out = job.run_with_env(
        &format!("provider = \"google\"\nendpoint = \"{}/language/translate/v2\"\napi_key_env = \"FAKE_GOOGLE_KEY\"\n{QUICK}", server.url),
        &[("FAKE_GOOGLE_KEY", "g-key")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    let tries = translate_requests(&server, "/language/translate/v2");
    assert_eq!(tries.len(), 2);
    // Retry-After: 1 was honoured (the backoff alone would wait at most 20 ms).
    assert!(tries[1].at - tries[0].at >= Duration::from_millis(900), "{:?}", tries[1].at - tries[0].at);
    assert_eq!(tries[1].params("q").len(), 3);
}

#[test]
fn deepl_quota_456_stops_at_once_with_exit_4() {
    let job = Job::new(sentences(4));
    let server = FakeServer::start(|req, _| match req.path() {
        "/v2/translate" => Answer::json(456, json!({"message": "Quota Exceeded"})),
        _ => Answer::json(404, json!({"message": "Not found"})),
    });
    let out = job.run_with_env(
        &format!("provider = \"deepl\"\nendpoint = \"{}\"\napi_key_env = \"FAKE_DEEPL_KEY\"\n{QUICK}", server.url),
        &[("FAKE_DEEPL_KEY", "d-key:fx")],
    );
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("deepl") && err.contains("456") && err.contains("quota"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(server.requests_to("/v2/translate").len(), 1, "456 is never retried");
    assert!(!job.out().join("run.json").exists());
}

#[test]
fn mymemory_quota_inside_a_200_is_an_error_and_never_cached() {
    let job = Job::new(sentences(3));
    let exhausted = FakeServer::start(|_, _| fake_mt::mymemory_quota());
    let out = job.run(&format!("provider = \"mymemory\"\nendpoint = \"{}\"\n{QUICK}", exhausted.url));
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("mymemory") && err.contains("quota"), "{err}");
    assert_eq!(exhausted.requests().len(), 1);

    // The warning text was not cached: a healthy server is asked for every sentence.
    let healthy = FakeServer::start(|req, _| fake_mt::mymemory(req));
    let out = job.run(&format!("provider = \"mymemory\"\nendpoint = \"{}\"\n{QUICK}", healthy.url));
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    assert_eq!(healthy.requests_to("/get").len(), 3);
    assert_eq!(healthy.requests()[0].param("langpair").as_deref(), Some("en|es"));
}

#[test]
fn a_non_json_200_and_a_reset_are_retried() {
    let job = Job::new(sentences(5));
    let calls = AtomicUsize::new(0);
    let server = FakeServer::start(move |req, _| {
        if req.path() == "/translate" {
            match calls.fetch_add(1, Ordering::SeqCst) {
                0 => return Answer::text(200, "text/html", "<html><body>Proxy login required</body></html>"),
                1 => return Answer::Reset,
                _ => {}
            }
        }
        fake_mt::libretranslate(req)
    });
    let out = job.run(&format!("provider = \"libretranslate\"\nendpoint = \"{}\"\n{QUICK}", server.url));
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    assert_eq!(job.run_json()["mt"]["retries"], 2);
}

#[test]
fn a_batch_answered_one_item_short_is_bisected() {
    let job = Job::new(sentences(8));
    let server = FakeServer::start(|req, _| {
        if req.path() == "/translate" {
            let q = req.json()["q"].as_array().cloned().unwrap_or_default();
            if q.len() > 2 {
                // One translation missing: the client cannot know which.
                let out: Vec<String> = q[..q.len() - 1].iter().map(|t| fake(t.as_str().unwrap())).collect();
                return Answer::json(200, json!({"translatedText": out}));
            }
        }
        fake_mt::libretranslate(req)
    });
    let out =
        job.run(&format!("provider = \"libretranslate\"\nendpoint = \"{}\"\nbatch_size = 8\n{QUICK}", server.url));
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    let mt = &job.run_json()["mt"];
    // 8 → 4 + 4 → 2 + 2 + 2 + 2: three bisections, then every half succeeds.
    assert_eq!(mt["bisections"], 3);
    assert_eq!(mt["retries"], 0);
}

#[test]
fn a_server_slower_than_the_timeout_is_retried() {
    let job = Job::new(sentences(2));
    let calls = AtomicUsize::new(0);
    let server = FakeServer::start(move |req, _| {
        let answer = fake_mt::libretranslate(req);
        if req.path() == "/translate" && calls.fetch_add(1, Ordering::SeqCst) == 0 {
            return Answer::Slow(Duration::from_secs(3), Box::new(answer));
        }
        answer
    });
    let out =
        job.run(&format!("provider = \"libretranslate\"\nendpoint = \"{}\"\ntimeout_secs = 0.5\n{QUICK}", server.url));
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    assert_eq!(job.run_json()["mt"]["retries"], 1);
}

#[test]
fn a_server_that_stays_down_fails_with_exit_4_after_the_retries() {
    let job = Job::new(sentences(2));
    let server = FakeServer::start(|req, _| match req.path() {
        "/languages" => fake_mt::libretranslate(req),
        _ => Answer::json(500, json!({"error": "Internal Server Error"})),
    });
    let out = job.run(&format!("provider = \"libretranslate\"\nendpoint = \"{}\"\nretries = 2\n{QUICK}", server.url));
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("gave up after 3 attempts") && err.contains("HTTP 500"), "{err}");
    assert_eq!(server.requests_to("/translate").len(), 3);
}

#[test]
fn a_dead_endpoint_is_a_clear_error() {
    let job = Job::new(sentences(2));
    // Nothing listens on a port that was just free.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out =
        job.run(&format!("provider = \"apertium\"\nendpoint = \"http://127.0.0.1:{port}\"\nretries = 1\n{QUICK}"));
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("apertium") && err.contains("cannot connect"), "{err}");
}

#[test]
fn an_unsupported_pair_is_refused_before_any_text_is_sent() {
    let mut job = Job::new(sentences(2));
    // The fake offers en → es and es → en, not es → ko.
    job.langs = ("es", "ko");
    let server = FakeServer::start(|req, _| fake_mt::libretranslate(req));
    let out = job.run(&format!("provider = \"libretranslate\"\nendpoint = \"{}\"\n", server.url));
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("does not offer es → ko"), "{err}");
    assert_eq!(server.requests_to("/languages").len(), 1);
    assert!(server.requests_to("/translate").is_empty());
    // A pair the provider cannot even name fails before any request at all.
    job.langs = ("en", "hi");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = job.run_with_env(
        &format!("provider = \"deepl\"\nendpoint = \"http://127.0.0.1:{port}\"\napi_key_env = \"FAKE_DEEPL_KEY\"\n"),
        &[("FAKE_DEEPL_KEY", "k")],
    );
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("deepl: cannot translate en → hi"), "{}", stderr(&out));
}

#[test]
fn identical_sentences_are_sent_once_and_a_warm_run_sends_nothing() {
    let mut s = sentences(4);
    s.extend(sentences(4));
    let job = Job::new(s);
    let server = FakeServer::start(|req, _| fake_mt::libretranslate(req));
    let config = format!("provider = \"libretranslate\"\nendpoint = \"{}\"\n", server.url);
    assert!(job.run(&config).status.success());
    job.assert_all_translated();
    assert_eq!(libre_items(&server), 4);
    let mt = job.run_json()["mt"].clone();
    assert_eq!(
        (mt["segments"].as_u64(), mt["unique"].as_u64(), mt["cache_hits"].as_u64()),
        (Some(8), Some(4), Some(0))
    );

    let before = server.requests().len();
    assert!(job.run(&config).status.success());
    job.assert_all_translated();
    assert_eq!(server.requests().len(), before, "a warm run sends no request at all");
    let mt = &job.run_json()["mt"];
    assert_eq!((mt["requests"].as_u64(), mt["cache_hits"].as_u64()), (Some(0), Some(4)));
}

#[test]
fn over_long_sentences_are_cut_to_the_provider_limit() {
    // MyMemory takes at most 500 bytes per request; this Korean sentence is ~1,200.
    let long =
        "오늘은 날씨가 매우 좋아서 우리는 공원에 가서 산책을 하고, 점심을 먹은 뒤에 강가를 따라 천천히 걸었습니다, "
            .repeat(8);
    let job = Job::new(vec![long.trim().to_string(), "A short one.".into()]);
    let server = FakeServer::start(|req, _| fake_mt::mymemory(req));
    let out = job.run(&format!("provider = \"mymemory\"\nendpoint = \"{}\"\n", server.url));
    assert!(out.status.success(), "{}", stderr(&out));
    let requests = server.requests_to("/get");
    assert!(requests.len() >= 4, "{}", requests.len());
    for r in &requests {
        let q = r.param("q").unwrap();
        assert!(q.len() <= 500, "{} bytes", q.len());
        assert!(q.ends_with(',') || q.ends_with('.') || !q.contains(','), "cut at a clause: {q}");
    }
    assert_eq!(job.run_json()["mt"]["split_sentences"], 1);
}

#[test]
fn openai_compatible_servers_get_json_lists_and_wrong_answers_are_bisected() {
    let job = Job::new(sentences(6));
    let server = FakeServer::start(|req, n| {
        if n == 0 {
            // A model that dropped one item.
            return fake_mt::completion(r#"{"translations": ["only one"]}"#);
        }
        fake_mt::openai(req)
    });
    let out = job.run_with_env(
        &format!("provider = \"openai\"\nendpoint = \"{}/v1\"\nmodel = \"fake-model\"\napi_key_env = \"FAKE_OPENAI_KEY\"\n{QUICK}", server.url),
        &[("FAKE_OPENAI_KEY", "sk-fake")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    let first = &server.requests()[0];
    assert_eq!(first.headers["authorization"], "Bearer sk-fake");
    assert_eq!(first.json()["model"], "fake-model");
    assert_eq!(first.json()["temperature"], 0);
    assert_eq!(job.run_json()["mt"]["bisections"], 1);
}

#[test]
fn api_keys_never_reach_messages_reports_or_the_cache() {
    const KEY: &str = "sk-very-secret-0123456789";
    let job = Job::new(sentences(3));
    // A DeepL that works, then one that echoes the key in its error body.
    let server = FakeServer::start(|req, _| fake_mt::deepl(req, KEY));
    let config =
        format!("provider = \"deepl\"\nendpoint = \"{}\"\napi_key_env = \"FAKE_DEEPL_KEY\"\n{QUICK}", server.url);
    let out = job.run_with_env(&config, &[("FAKE_DEEPL_KEY", KEY)]);
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    assert_eq!(server.requests()[0].headers["authorization"], format!("DeepL-Auth-Key {KEY}"));

    let echo = FakeServer::start(|_, _| Answer::json(403, json!({"message": format!("Invalid auth key {KEY}")})));
    std::fs::write(job.dir.path().join("src.txt"), "A sentence never sent before.\n").unwrap();
    std::fs::write(job.dir.path().join("tgt.txt"), "Una frase.\n").unwrap();
    let out =
        job.run_with_env(&config.replace(&server.url, &format!("{}/?key={KEY}", echo.url)), &[("FAKE_DEEPL_KEY", KEY)]);
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("[api key]") && !err.contains(KEY), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(KEY));

    for file in walk(job.dir.path()) {
        if file.file_name().is_some_and(|n| n == "config.toml") {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap();
        assert!(!bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes()), "{} holds the key", file.display());
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_run_killed_mid_way_keeps_what_it_paid_for() {
    let job = Job::new(sentences(20));
    // Slow answers, so the run is still going when it is killed.
    let server = FakeServer::start(|req, _| {
        let answer = fake_mt::libretranslate(req);
        if req.path() == "/translate" {
            Answer::Slow(Duration::from_millis(300), Box::new(answer))
        } else {
            answer
        }
    });
    let config =
        format!("provider = \"libretranslate\"\nendpoint = \"{}\"\nbatch_size = 2\nconcurrency = 1\n", server.url);
    job.write_config(&config);

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("driftalign"))
        .args(["run", "--config"])
        .arg(job.dir.path().join("config.toml"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    while server.requests_to("/translate").len() < 4 {
        std::thread::sleep(Duration::from_millis(20));
    }
    // SIGKILL: no chance to clean up or flush anything.
    child.kill().unwrap();
    child.wait().unwrap();
    let answered_before_kill = 3; // the 4th was in flight

    let before = server.requests_to("/translate").len();
    let out = job.run(&config);
    assert!(out.status.success(), "{}", stderr(&out));
    job.assert_all_translated();
    let mt = &job.run_json()["mt"];
    let hits = mt["cache_hits"].as_u64().unwrap();
    assert!(hits >= 2 * answered_before_kill, "cache hits after the kill: {hits}");
    let sent_after: usize =
        server.requests_to("/translate")[before..].iter().map(|r| r.json()["q"].as_array().unwrap().len()).sum();
    assert_eq!(sent_after as u64, 20 - hits, "only what was not cached is sent again");
}

#[test]
fn pacing_spaces_requests_and_a_daily_budget_stops_before_overspending() {
    let job = Job::new(sentences(4));
    let server = FakeServer::start(|req, _| fake_mt::libretranslate(req));
    // 600 requests per minute: one every 100 ms; one sentence per request. Arrival
    // times jitter on a busy machine, so the check is on the whole span: five requests
    // cannot start within less than 400 ms.
    let out = job.run(&format!(
        "provider = \"libretranslate\"\nendpoint = \"{}\"\nbatch_size = 1\nrequests_per_minute = 600\n",
        server.url
    ));
    assert!(out.status.success(), "{}", stderr(&out));
    let times: Vec<Duration> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(times.len(), 5);
    assert!(times[4] - times[0] >= Duration::from_millis(300), "{times:?}");

    // The budget counts what earlier runs sent (kept in the cache): with the first 4
    // sentences cached, it leaves room for the 5th sentence but not the 6th.
    let used: usize = job.sentences.iter().map(|s| s.chars().count()).sum();
    let extra = sentences(6);
    std::fs::write(job.dir.path().join("src.txt"), extra.join("\n") + "\n").unwrap();
    std::fs::write(job.dir.path().join("tgt.txt"), extra.iter().map(|s| fake(s)).collect::<Vec<_>>().join("\n") + "\n")
        .unwrap();
    let budget = used + extra[4].chars().count() + 10;
    let out = job.run(&format!(
        "provider = \"libretranslate\"\nendpoint = \"{}\"\nbatch_size = 1\ndaily_char_budget = {budget}\n",
        server.url
    ));
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("daily budget") && err.contains("5 of 6"), "{err}");
}

/// A local fake of a LibreTranslate server with models for Simplified and Traditional
/// Chinese into English (its `/languages` listing as released servers write it).
fn libretranslate_with_chinese(req: &Request) -> Answer {
    if req.path() == "/languages" {
        return Answer::json(
            200,
            json!([
                {"code": "en", "name": "English", "targets": ["en", "zh", "zt"]},
                {"code": "zh", "name": "Chinese", "targets": ["en"]},
                {"code": "zt", "name": "Chinese (traditional)", "targets": ["en"]}
            ]),
        );
    }
    fake_mt::libretranslate(req)
}

#[test]
fn traditional_chinese_is_asked_for_as_traditional() {
    for (lines, given, expected) in [
        (["我們的醫院很大。", "今年的費用增加了。"], "zh", "zt"),
        (["我们的医院很大。", "今年的费用增加了。"], "zh", "zh"),
        // Said outright, whatever the characters.
        (["我们的医院很大。", "今年的费用增加了。"], "zh-Hant", "zt"),
    ] {
        let mut job = Job::new(lines.iter().map(|s| s.to_string()).collect());
        job.langs = (given, "en");
        let server = FakeServer::start(|req, _| libretranslate_with_chinese(req));
        let out = job.run(&format!("provider = \"libretranslate\"\nendpoint = \"{}\"\n{QUICK}", server.url));
        assert!(out.status.success(), "{}", stderr(&out));
        job.assert_all_translated();
        let sent = translate_requests(&server, "/translate");
        assert!(!sent.is_empty());
        for r in sent {
            assert_eq!(r.json()["source"], expected, "{lines:?} given as {given}");
        }
    }
}
