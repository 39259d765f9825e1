//! OpenAI-compatible chat completions (OpenAI, vLLM, llama.cpp, Ollama, LM Studio, …):
//! `POST {base}/chat/completions`, the batch sent as a JSON list, the model asked for a
//! JSON list of the same length back. The answer is validated like any other provider's:
//! count, no empty items, no truncation (`finish_reason: length`).

use serde_json::{json, Value};

use crate::mt::langs;
use crate::mt::provider::*;
use crate::mt::secret::Secret;

pub struct OpenAi;

/// English names for the prompt; other languages are named by their tag.
const NAMES: &[(&str, &str)] = &[
    ("ar", "Arabic"),
    ("ca", "Catalan"),
    ("cs", "Czech"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("es", "Spanish"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("hi", "Hindi"),
    ("hu", "Hungarian"),
    ("id", "Indonesian"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("sv", "Swedish"),
    ("th", "Thai"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("vi", "Vietnamese"),
];

fn name(tag: &str) -> String {
    match langs::primary(tag).as_str() {
        "zh" if langs::is_traditional_chinese(tag) => "Traditional Chinese".into(),
        "zh" => "Simplified Chinese".into(),
        p => NAMES.iter().find(|(c, _)| *c == p).map(|(_, n)| n.to_string()).unwrap_or_else(|| tag.to_string()),
    }
}

impl Provider for OpenAi {
    fn name(&self) -> &'static str {
        "openai"
    }

    fn default_url(&self, _key: Option<&Secret>) -> Option<String> {
        None
    }

    fn limits(&self) -> Limits {
        Limits { items: 20, request: 6000, item: 4000, overhead: 4, unit: Unit::Chars }
    }

    fn default_concurrency(&self) -> usize {
        2
    }

    fn default_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(180)
    }

    fn needs_model(&self) -> bool {
        true
    }

    fn pair(&self, source: &str, target: &str) -> Result<Pair, String> {
        Ok(Pair { source: name(source), target: name(target) })
    }

    fn request(
        &self,
        http: &reqwest::Client,
        endpoint: &Endpoint,
        pair: &Pair,
        texts: &[&str],
    ) -> reqwest::RequestBuilder {
        let system = format!(
            "Translate from {} to {}. The user sends JSON {{\"items\": [...]}}. Return only JSON {{\"translations\": [...]}} with exactly {} strings, one translation per item, in the same order, no commentary. Keep numbers, URLs and placeholders unchanged.",
            pair.source,
            pair.target,
            texts.len()
        );
        let body = json!({
            "model": endpoint.model.as_deref().unwrap_or_default(),
            "temperature": 0,
            "stream": false,
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": json!({"items": texts}).to_string()},
            ],
        });
        let request = http.post(format!("{}/chat/completions", endpoint.url)).json(&body);
        match &endpoint.api_key {
            Some(key) => request.bearer_auth(key.expose()),
            None => request,
        }
    }

    fn parse(&self, reply: &Reply, texts: &[&str]) -> Result<Vec<String>, Failure> {
        let json = reply.json();
        if reply.status != 200 {
            return Err(failure(reply, json.as_ref()));
        }
        let json = json.ok_or_else(|| Failure::retry(format!("a 200 that is not JSON: {}", excerpt(&reply.body))))?;
        let choice = &json["choices"][0];
        if choice["finish_reason"] == "length" {
            return Err(Failure::split("the answer was cut off at the token limit"));
        }
        let content = choice["message"]["content"].as_str().unwrap_or("");
        let items = answer_items(content)
            .ok_or_else(|| Failure::split(format!("the answer is not a JSON list: {}", excerpt(content))))?;
        checked(items, texts)
    }
}

/// The list of translations in a model's answer: `{"translations": [...]}` or a bare
/// list, after dropping `<think>` blocks and Markdown code fences around it.
fn answer_items(content: &str) -> Option<Vec<String>> {
    let mut text = content;
    if let Some(end) = text.find("</think>") {
        text = &text[end + "</think>".len()..];
    }
    let text = text.trim().trim_start_matches("```json").trim_start_matches("```").trim_end_matches("```").trim();
    let value: Value = serde_json::from_str(text).ok()?;
    strings(&value).or_else(|| strings(&value["translations"]))
}

/// OpenAI's envelope `{"error":{"message","type","code"}}`, or vLLM's flat one.
fn failure(reply: &Reply, json: Option<&Value>) -> Failure {
    let error = json.map(|j| if j["error"].is_object() { &j["error"] } else { j });
    let field = |name: &str| error.and_then(|e| e[name].as_str()).unwrap_or("").to_string();
    let message = Some(field("message")).filter(|m| !m.is_empty()).unwrap_or_else(|| excerpt(&reply.body));
    let code = field("code");
    match reply.status {
        429 if code == "insufficient_quota" => Failure::fatal(
            format!("HTTP 429: {message}"),
            "the account has no quota left; add credit or use another provider",
        ),
        400 if code == "context_length_exceeded" || message.contains("context length") => Failure::split(message),
        401 => Failure::fatal(
            format!("HTTP 401: {message}"),
            "check the key in the environment variable named by [mt] api_key_env",
        ),
        404 => Failure::fatal(
            format!("HTTP 404: {message}"),
            "check [mt] endpoint (the base ending in /v1) and [mt] model",
        ),
        _ => status_failure(reply, "openai", &message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::providers::tests::{endpoint, reply};

    fn completion(content: &str, finish: &str) -> String {
        json!({"id": "x", "object": "chat.completion", "created": 1, "model": "m",
               "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
               "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})
        .to_string()
    }

    #[test]
    fn asks_for_a_list_and_reads_one() {
        let mut ep = endpoint("http://h/v1");
        ep.model = Some("m".into());
        let req = OpenAi
            .request(&reqwest::Client::new(), &ep, &OpenAi.pair("zh", "en").unwrap(), &["一", "二"])
            .build()
            .unwrap();
        assert_eq!(req.url().as_str(), "http://h/v1/chat/completions");
        let body: Value = serde_json::from_slice(req.body().unwrap().as_bytes().unwrap()).unwrap();
        assert_eq!(body["messages"][1]["content"], r#"{"items":["一","二"]}"#);
        assert!(body["messages"][0]["content"].as_str().unwrap().contains("from Simplified Chinese to English"));

        let fenced =
            reply(200, &completion("<think>hm</think>\n```json\n{\"translations\": [\"one\", \"two\"]}\n```", "stop"));
        assert_eq!(OpenAi.parse(&fenced, &["一", "二"]).unwrap(), vec!["one", "two"]);
        let short = reply(200, &completion("[\"one\"]", "stop"));
        assert!(matches!(OpenAi.parse(&short, &["一", "二"]), Err(Failure::Split { .. })));
        let cut = reply(200, &completion("[\"one\", \"t", "length"));
        assert!(matches!(OpenAi.parse(&cut, &["一", "二"]), Err(Failure::Split { .. })));
    }

    #[test]
    fn quota_is_fatal_but_rate_limits_are_retried() {
        let quota = reply(
            429,
            r#"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#,
        );
        assert!(matches!(OpenAi.parse(&quota, &["x"]), Err(Failure::Fatal { .. })));
        let rate = reply(
            429,
            r#"{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#,
        );
        assert!(matches!(OpenAi.parse(&rate, &["x"]), Err(Failure::Retry { .. })));
        let loading = reply(503, r#"{"error":{"message":"Loading model","type":"unavailable_error"}}"#);
        assert!(matches!(OpenAi.parse(&loading, &["x"]), Err(Failure::Retry { .. })));
    }
}
