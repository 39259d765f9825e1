//! Google Cloud Translation v2 (Basic): `POST …/language/translate/v2?key=…` with `q`
//! repeated in a form body, at most 128 strings, and `format=text` (the default, html,
//! would come back HTML-escaped). Quota errors come as 403 or 429 in Google's error
//! envelope; a daily limit is fatal, a rate limit is retried.

use crate::mt::langs;
use crate::mt::provider::*;
use crate::mt::secret::Secret;

pub struct Google;

impl Provider for Google {
    fn name(&self) -> &'static str {
        "google"
    }

    fn default_url(&self, _key: Option<&Secret>) -> Option<String> {
        Some("https://translation.googleapis.com/language/translate/v2".into())
    }

    fn limits(&self) -> Limits {
        // Google recommends at most 5,000 code points per request.
        Limits { items: 128, request: 5000, item: 5000, overhead: 0, unit: Unit::Chars }
    }

    fn default_concurrency(&self) -> usize {
        4
    }

    fn needs_key(&self) -> bool {
        true
    }

    fn pair(&self, source: &str, target: &str) -> Result<Pair, String> {
        Ok(Pair { source: langs::google_style(source), target: langs::google_style(target) })
    }

    fn languages_request(&self, http: &reqwest::Client, endpoint: &Endpoint) -> Option<reqwest::RequestBuilder> {
        Some(http.get(format!("{}/languages", endpoint.url)).query(&[("key", key(endpoint))]))
    }

    fn offers(&self, reply: &Reply, pair: &Pair) -> Result<bool, Failure> {
        if reply.status != 200 {
            return Err(failure(reply));
        }
        let json =
            reply.json().ok_or_else(|| Failure::retry(format!("a 200 that is not JSON: {}", excerpt(&reply.body))))?;
        let list =
            json["data"]["languages"].as_array().ok_or_else(|| Failure::retry("no data.languages in the list"))?;
        let has = |code: &str| {
            list.iter().any(|l| {
                l["language"].as_str().is_some_and(|c| c.eq_ignore_ascii_case(code) || langs::primary(c) == code)
            })
        };
        Ok(has(&pair.source) && has(&pair.target))
    }

    fn request(
        &self,
        http: &reqwest::Client,
        endpoint: &Endpoint,
        pair: &Pair,
        texts: &[&str],
    ) -> reqwest::RequestBuilder {
        let mut form: Vec<(&str, &str)> = texts.iter().map(|t| ("q", *t)).collect();
        form.extend([("source", pair.source.as_str()), ("target", pair.target.as_str()), ("format", "text")]);
        http.post(&endpoint.url).query(&[("key", key(endpoint))]).form(&form)
    }

    fn parse(&self, reply: &Reply, texts: &[&str]) -> Result<Vec<String>, Failure> {
        if reply.status != 200 {
            return Err(failure(reply));
        }
        let json =
            reply.json().ok_or_else(|| Failure::retry(format!("a 200 that is not JSON: {}", excerpt(&reply.body))))?;
        let items = json["data"]["translations"]
            .as_array()
            .ok_or_else(|| Failure::retry(format!("no data.translations in {}", excerpt(&reply.body))))?;
        checked(items.iter().map(|t| t["translatedText"].as_str().unwrap_or("").to_string()).collect(), texts)
    }
}

fn key(endpoint: &Endpoint) -> &str {
    endpoint.api_key.as_ref().map(|k| k.expose()).unwrap_or_default()
}

/// Google's envelope: `{"error":{"code","message","errors":[{"reason"}],"status"}}`.
fn failure(reply: &Reply) -> Failure {
    let json = reply.json();
    let error = json.as_ref().map(|j| &j["error"]);
    let message = error.and_then(|e| e["message"].as_str().map(str::to_string)).unwrap_or_else(|| excerpt(&reply.body));
    let reasons: Vec<String> = error
        .and_then(|e| e["errors"].as_array())
        .map(|list| list.iter().filter_map(|r| r["reason"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let has_reason = |r: &str| reasons.iter().any(|x| x == r);
    if message.contains("Daily Limit Exceeded") || has_reason("dailyLimitExceeded") {
        return Failure::fatal(
            format!("HTTP {}: {message}", reply.status),
            "the project's daily quota is used up until midnight Pacific time; raise it in the Google Cloud console",
        );
    }
    if reply.status == 403
        && (message.contains("Rate Limit Exceeded")
            || has_reason("rateLimitExceeded")
            || has_reason("userRateLimitExceeded"))
    {
        return Failure::Retry {
            after: crate::mt::retry::retry_after(&reply.headers),
            reason: format!("HTTP 403: {message}"),
        };
    }
    if message.contains("API key not valid") {
        return Failure::fatal(
            format!("HTTP {}: {message}", reply.status),
            "check the key in the environment variable named by [mt] api_key_env",
        );
    }
    if reply.status == 400 && message.contains("Invalid Value") {
        return Failure::fatal(format!("HTTP 400: {message}"), "Google does not accept this language pair");
    }
    status_failure(reply, "google", &message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::providers::tests::{endpoint, reply};

    #[test]
    fn repeated_q_key_parameter_and_text_format() {
        let mut ep = endpoint("http://h/language/translate/v2");
        ep.api_key = Some(Secret::new("K"));
        let pair = Google.pair("zh", "en").unwrap();
        let req = Google.request(&reqwest::Client::new(), &ep, &pair, &["一", "二"]).build().unwrap();
        assert_eq!(req.url().as_str(), "http://h/language/translate/v2?key=K");
        let body = std::str::from_utf8(req.body().unwrap().as_bytes().unwrap()).unwrap();
        assert_eq!(body, "q=%E4%B8%80&q=%E4%BA%8C&source=zh-CN&target=en&format=text");
    }

    #[test]
    fn reads_answers_and_errors() {
        let ok = reply(200, r#"{"data":{"translations":[{"translatedText":"one"},{"translatedText":"two"}]}}"#);
        assert_eq!(Google.parse(&ok, &["一", "二"]).unwrap(), vec!["one", "two"]);
        let daily = reply(
            403,
            r#"{"error":{"code":403,"message":"Daily Limit Exceeded","errors":[{"message":"Daily Limit Exceeded","domain":"usageLimits","reason":"dailyLimitExceeded"}]}}"#,
        );
        assert!(matches!(Google.parse(&daily, &["x"]), Err(Failure::Fatal { .. })));
        let rate = reply(
            403,
            r#"{"error":{"code":403,"message":"User Rate Limit Exceeded","errors":[{"reason":"userRateLimitExceeded"}]}}"#,
        );
        assert!(matches!(Google.parse(&rate, &["x"]), Err(Failure::Retry { .. })));
        let key = reply(
            400,
            r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}"#,
        );
        assert!(matches!(Google.parse(&key, &["x"]), Err(Failure::Fatal { .. })));
    }
}
