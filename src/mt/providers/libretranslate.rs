//! LibreTranslate: `POST /translate` with a JSON body, `q` as an array, the key as
//! `api_key` in the body. It rate-limits with 429 and no `Retry-After`; the wait is read
//! from its "Slowdown: N per M minute" message instead.

use std::time::Duration;

use serde_json::json;

use crate::mt::langs;
use crate::mt::provider::*;

pub struct LibreTranslate;

/// LibreTranslate's code for a tag: Chinese is `zh` (Simplified) or `zt` (Traditional),
/// Brazilian Portuguese `pb`.
fn code(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    match langs::primary(&lower).as_str() {
        "zh" if langs::is_traditional_chinese(&lower) => "zt".into(),
        "pt" if lower == "pt-br" => "pb".into(),
        p => p.to_string(),
    }
}

/// Whether a code from `/languages` names the same language as one of ours: newer
/// servers list `zh-Hans`, `zh-Hant` and `pt-BR` where older ones list `zh`, `zt`, `pb`.
fn same(listed: &str, ours: &str) -> bool {
    let listed = match listed.to_ascii_lowercase().as_str() {
        "zh-hans" => "zh".to_string(),
        "zh-hant" => "zt".to_string(),
        "pt-br" => "pb".to_string(),
        other => other.to_string(),
    };
    listed == ours
}

impl Provider for LibreTranslate {
    fn name(&self) -> &'static str {
        "libretranslate"
    }

    fn default_url(&self, _key: Option<&crate::mt::secret::Secret>) -> Option<String> {
        Some("http://127.0.0.1:5000".into())
    }

    fn limits(&self) -> Limits {
        Limits { items: 50, request: 20_000, item: 5000, overhead: 0, unit: Unit::Chars }
    }

    fn default_concurrency(&self) -> usize {
        2
    }

    fn pair(&self, source: &str, target: &str) -> Result<Pair, String> {
        Ok(Pair { source: code(source), target: code(target) })
    }

    fn languages_request(&self, http: &reqwest::Client, endpoint: &Endpoint) -> Option<reqwest::RequestBuilder> {
        Some(http.get(format!("{}/languages", endpoint.url)))
    }

    fn offers(&self, reply: &Reply, pair: &Pair) -> Result<bool, Failure> {
        let json = reply.json().filter(|_| reply.status == 200).ok_or_else(|| failure(reply))?;
        let list = json.as_array().ok_or_else(|| Failure::retry("/languages did not answer a list"))?;
        Ok(list.iter().any(|l| {
            l["code"].as_str().is_some_and(|c| same(c, &pair.source))
                && l["targets"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|c| c.as_str().is_some_and(|c| same(c, &pair.target))))
        }))
    }

    fn request(
        &self,
        http: &reqwest::Client,
        endpoint: &Endpoint,
        pair: &Pair,
        texts: &[&str],
    ) -> reqwest::RequestBuilder {
        let mut body = json!({"q": texts, "source": pair.source, "target": pair.target, "format": "text"});
        if let Some(key) = &endpoint.api_key {
            body["api_key"] = key.expose().into();
        }
        http.post(format!("{}/translate", endpoint.url)).json(&body)
    }

    fn parse(&self, reply: &Reply, texts: &[&str]) -> Result<Vec<String>, Failure> {
        let json = reply.json().filter(|_| reply.status == 200).ok_or_else(|| failure(reply))?;
        let translations = strings(&json["translatedText"])
            .ok_or_else(|| Failure::retry(format!("no translatedText array in {}", excerpt(&reply.body))))?;
        checked(translations, texts)
    }
}

/// LibreTranslate's errors: `{"error": "<message>"}`.
fn failure(reply: &Reply) -> Failure {
    let message =
        reply.json().and_then(|j| j["error"].as_str().map(str::to_string)).unwrap_or_else(|| excerpt(&reply.body));
    let status = reply.status;
    match status {
        200 => Failure::retry(format!("a 200 that is not LibreTranslate's JSON: {message}")),
        400 if message.contains("exceeds text limit") => Failure::split(message),
        400 if message.contains("not supported") || message.contains("not available as a target") => {
            Failure::fatal(format!("HTTP 400: {message}"), "choose a language pair the server has models for (GET /languages)")
        }
        400 if message.contains("API key") => Failure::fatal(
            format!("HTTP 400: {message}"),
            "this server needs an API key: set [mt] api_key_env to the variable that holds it",
        ),
        403 if message.contains("request limits violations") => Failure::fatal(
            format!("HTTP 403: {message}"),
            "the server banned this client for flooding it; wait, then lower --concurrency or set [mt] requests_per_minute",
        ),
        429 => Failure::Retry { after: slowdown_wait(&message), reason: format!("HTTP 429: {message}") },
        _ => status_failure(reply, "libretranslate", &message),
    }
}

/// The spacing a "Slowdown: 30 per 1 minute" message asks for (one request's share).
fn slowdown_wait(message: &str) -> Option<Duration> {
    let words: Vec<&str> = message.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "per")?;
    let count: f64 = words.get(at.checked_sub(1)?)?.trim_start_matches("Slowdown:").parse().ok()?;
    let amount: f64 = words.get(at + 1)?.parse().ok()?;
    let unit = match words.get(at + 2)?.trim_end_matches('s') {
        "second" => 1.0,
        "minute" => 60.0,
        "hour" => 3600.0,
        "day" => 86_400.0,
        _ => return None,
    };
    (count > 0.0).then(|| Duration::from_secs_f64(amount * unit / count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::providers::tests::{endpoint, reply};

    #[test]
    fn sends_an_array_and_the_key_in_the_body() {
        let http = reqwest::Client::new();
        let mut ep = endpoint("http://h");
        ep.api_key = Some(crate::mt::secret::Secret::new("k1"));
        let pair = LibreTranslate.pair("en", "zh-Hant").unwrap();
        assert_eq!(pair.target, "zt");
        let req = LibreTranslate.request(&http, &ep, &pair, &["a", "b"]).build().unwrap();
        let body: serde_json::Value = serde_json::from_slice(req.body().unwrap().as_bytes().unwrap()).unwrap();
        assert_eq!(body, json!({"q": ["a", "b"], "source": "en", "target": "zt", "format": "text", "api_key": "k1"}));
    }

    #[test]
    fn reads_answers_and_errors() {
        let ok = reply(200, r#"{"translatedText": ["hola", "adiós"]}"#);
        assert_eq!(LibreTranslate.parse(&ok, &["hello", "bye"]).unwrap(), vec!["hola", "adiós"]);
        let slow = reply(429, r#"{"error": "Slowdown: 30 per 1 minute"}"#);
        assert_eq!(
            LibreTranslate.parse(&slow, &["x"]),
            Err(Failure::Retry {
                after: Some(Duration::from_secs(2)),
                reason: "HTTP 429: Slowdown: 30 per 1 minute".into()
            })
        );
        let big = reply(400, r#"{"error": "Invalid request: request (6000) exceeds text limit (5000)"}"#);
        assert!(matches!(LibreTranslate.parse(&big, &["x"]), Err(Failure::Split { .. })));
        let key = reply(403, r#"{"error": "Invalid API key"}"#);
        assert!(matches!(LibreTranslate.parse(&key, &["x"]), Err(Failure::Fatal { .. })));
        let langs = reply(200, r#"[{"code": "en", "name": "English", "targets": ["es", "zh-Hans"]}]"#);
        assert_eq!(LibreTranslate.offers(&langs, &LibreTranslate.pair("en", "zh").unwrap()), Ok(true));
        assert_eq!(LibreTranslate.offers(&langs, &LibreTranslate.pair("en", "ko").unwrap()), Ok(false));
    }
}
