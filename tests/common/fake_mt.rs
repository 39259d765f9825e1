//! Fake MT services for the providers that cannot run here (they need accounts, keys
//! or model weights): each speaks the provider's published wire format, answers with
//! its documented JSON shapes, and its error bodies are copied from its documentation.
//! They "translate" by prefixing a marker, so a test can check every sentence's MT.

use serde_json::{json, Value};

use super::fake_http::{Answer, Request};

/// The fake translation of `text`.
pub fn fake(text: &str) -> String {
    format!("ES {text}")
}

fn not_found() -> Answer {
    Answer::text(404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>")
}

/// LibreTranslate: POST /translate (JSON, `q` an array), GET /languages.
pub fn libretranslate(req: &Request) -> Answer {
    match (req.method.as_str(), req.path()) {
        ("GET", "/languages") => Answer::json(
            200,
            json!([
                {"code": "en", "name": "English", "targets": ["en", "es", "zh-Hans"]},
                {"code": "es", "name": "Spanish", "targets": ["en", "es"]}
            ]),
        ),
        ("POST", "/translate") => {
            let body = req.json();
            let Some(q) = body["q"].as_array() else {
                return Answer::json(400, json!({"error": "Invalid request: missing q parameter"}));
            };
            let out: Vec<String> = q.iter().map(|t| fake(t.as_str().unwrap_or(""))).collect();
            Answer::json(200, json!({"translatedText": out}))
        }
        ("GET", "/translate") => Answer::text(405, "text/html", "<title>405 Method Not Allowed</title>"),
        _ => not_found(),
    }
}

/// DeepL v2: POST /v2/translate with `Authorization: DeepL-Auth-Key <key>`.
pub fn deepl(req: &Request, key: &str) -> Answer {
    if (req.method.as_str(), req.path()) != ("POST", "/v2/translate") {
        return not_found();
    }
    if req.headers.get("authorization").map(String::as_str) != Some(&format!("DeepL-Auth-Key {key}")) {
        return Answer::json(403, json!({"message": "Forbidden"}));
    }
    let texts = req.json()["text"].as_array().cloned().unwrap_or_default();
    let out: Vec<Value> = texts
        .iter()
        .map(|t| json!({"detected_source_language": "EN", "text": fake(t.as_str().unwrap_or(""))}))
        .collect();
    Answer::json(200, json!({"translations": out}))
}

/// Google Cloud Translation v2: POST /language/translate/v2?key=… with `q` repeated.
pub fn google(req: &Request, key: &str) -> Answer {
    if req.param("key").as_deref() != Some(key) {
        return Answer::json(
            400,
            json!({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "errors": [{"message": "API key not valid. Please pass a valid API key.", "domain": "global", "reason": "badRequest"}], "status": "INVALID_ARGUMENT"}}),
        );
    }
    match req.path() {
        "/language/translate/v2/languages" => Answer::json(
            200,
            json!({"data": {"languages": [{"language": "en"}, {"language": "es"}, {"language": "zh-CN"}]}}),
        ),
        "/language/translate/v2" => {
            if req.param("format").as_deref() != Some("text") {
                return Answer::json(
                    400,
                    json!({"error": {"code": 400, "message": "format must be text in this fake", "status": "INVALID_ARGUMENT"}}),
                );
            }
            let out: Vec<Value> = req.params("q").iter().map(|q| json!({"translatedText": fake(q)})).collect();
            Answer::json(200, json!({"data": {"translations": out}}))
        }
        _ => not_found(),
    }
}

/// MyMemory: GET /get?q=…&langpair=src|tgt, errors inside 200 bodies.
pub fn mymemory(req: &Request) -> Answer {
    if req.path() != "/get" {
        return not_found();
    }
    let q = req.param("q").unwrap_or_default();
    if q.len() > 500 {
        return Answer::json(
            200,
            json!({"responseData": {"translatedText": "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS", "match": 0}, "quotaFinished": false, "responseDetails": "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS", "responseStatus": "403", "matches": []}),
        );
    }
    Answer::json(
        200,
        json!({"responseData": {"translatedText": fake(&q), "match": 1}, "quotaFinished": false, "mtLangSupported": null, "responseDetails": "", "responseStatus": 200, "responderId": null, "exception_code": null, "matches": []}),
    )
}

/// MyMemory's answer once the free daily quota is spent: HTTP 200, status inside.
pub fn mymemory_quota() -> Answer {
    Answer::json(
        200,
        json!({"responseData": {"translatedText": "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  20 HOURS 15 MINUTES 09 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP TO TRANSLATE MORE", "match": 1}, "quotaFinished": true, "mtLangSupported": null, "responseDetails": "", "responseStatus": 429, "responderId": null, "exception_code": null, "matches": []}),
    )
}

/// An OpenAI-compatible server: POST /v1/chat/completions; the user message is the
/// JSON `{"items": [...]}` the client sends, answered as `{"translations": [...]}`.
pub fn openai(req: &Request) -> Answer {
    if (req.method.as_str(), req.path()) != ("POST", "/v1/chat/completions") {
        return Answer::json(
            404,
            json!({"error": {"message": "Unknown request URL", "type": "invalid_request_error", "param": null, "code": "unknown_url"}}),
        );
    }
    let body = req.json();
    let user = body["messages"][1]["content"].as_str().unwrap_or("");
    let items: Value = serde_json::from_str(user).unwrap_or(Value::Null);
    let out: Vec<String> = items["items"]
        .as_array()
        .map(|a| a.iter().map(|t| fake(t.as_str().unwrap_or(""))).collect())
        .unwrap_or_default();
    completion(&json!({"translations": out}).to_string())
}

/// A chat completion whose message is `content`.
pub fn completion(content: &str) -> Answer {
    Answer::json(
        200,
        json!({"id": "chatcmpl-1", "object": "chat.completion", "created": 1_700_000_000, "model": "fake-model",
               "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
               "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}),
    )
}
