//! DeepL API v2: `POST /v2/translate` with a JSON body, the key in an
//! `Authorization: DeepL-Auth-Key` header. Free keys (ending in `:fx`) have their own
//! host; a key sent to the wrong one is answered "Wrong endpoint", and the client switches
//! host once. 456 means the quota is used up: never retried.

use serde_json::json;

use crate::mt::langs;
use crate::mt::provider::*;
use crate::mt::secret::Secret;

pub struct DeepL;

pub const FREE_URL: &str = "https://api-free.deepl.com";
pub const PRO_URL: &str = "https://api.deepl.com";

/// The languages DeepL translates (source codes; targets add regional variants).
const LANGUAGES: &[&str] = &[
    "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "he", "hu", "id", "it", "ja", "ko", "lt", "lv",
    "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "th", "tr", "uk", "vi", "zh",
];

impl Provider for DeepL {
    fn name(&self) -> &'static str {
        "deepl"
    }

    fn default_url(&self, key: Option<&Secret>) -> Option<String> {
        Some(if key.is_some_and(|k| k.expose().ends_with(":fx")) { FREE_URL } else { PRO_URL }.into())
    }

    fn limits(&self) -> Limits {
        // The only hard limit is a 128 KiB body; 50 texts per request is DeepL's old
        // documented maximum and keeps each request's latency modest.
        Limits { items: 50, request: 120 * 1024, item: 30_000, overhead: 4, unit: Unit::Bytes }
    }

    fn default_concurrency(&self) -> usize {
        4
    }

    fn default_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(60)
    }

    fn needs_key(&self) -> bool {
        true
    }

    fn pair(&self, source: &str, target: &str) -> Result<Pair, String> {
        for tag in [source, target] {
            if !LANGUAGES.contains(&langs::primary(tag).as_str()) {
                return Err(format!("DeepL does not translate `{tag}`"));
            }
        }
        let target_code = match langs::primary(target).as_str() {
            "en" if target.eq_ignore_ascii_case("en-gb") => "EN-GB".to_string(),
            "en" => "EN-US".into(),
            "pt" if target.eq_ignore_ascii_case("pt-pt") => "PT-PT".into(),
            "pt" => "PT-BR".into(),
            "zh" if langs::is_traditional_chinese(target) => "ZH-HANT".into(),
            "zh" => "ZH-HANS".into(),
            p => p.to_ascii_uppercase(),
        };
        Ok(Pair { source: langs::primary(source).to_ascii_uppercase(), target: target_code })
    }

    fn request(
        &self,
        http: &reqwest::Client,
        endpoint: &Endpoint,
        pair: &Pair,
        texts: &[&str],
    ) -> reqwest::RequestBuilder {
        let body = json!({"text": texts, "source_lang": pair.source, "target_lang": pair.target});
        let key = endpoint.api_key.as_ref().map(|k| k.expose()).unwrap_or_default();
        http.post(format!("{}/v2/translate", endpoint.url))
            .header("Authorization", format!("DeepL-Auth-Key {key}"))
            .json(&body)
    }

    fn parse(&self, reply: &Reply, texts: &[&str]) -> Result<Vec<String>, Failure> {
        let json = reply.json();
        let message = json
            .as_ref()
            .and_then(|j| j["message"].as_str().map(str::to_string))
            .unwrap_or_else(|| excerpt(&reply.body));
        match reply.status {
            200 => {
                let items = json
                    .as_ref()
                    .and_then(|j| j["translations"].as_array())
                    .ok_or_else(|| Failure::retry(format!("a 200 without translations: {}", excerpt(&reply.body))))?;
                let translations = items.iter().map(|t| t["text"].as_str().unwrap_or("").to_string()).collect();
                checked(translations, texts)
            }
            403 if message.contains("Wrong endpoint") => {
                let url = if message.contains("api-free") { FREE_URL } else { PRO_URL };
                Err(Failure::SwitchEndpoint { url: url.into() })
            }
            456 => Err(Failure::fatal(
                format!("HTTP 456: {message}"),
                "the DeepL character quota is used up until the next billing period; raise it in the DeepL account",
            )),
            _ => Err(status_failure(reply, "deepl", &message)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::providers::tests::{endpoint, reply};

    #[test]
    fn header_auth_and_codes() {
        assert_eq!(DeepL.default_url(Some(&Secret::new("abc:fx"))).unwrap(), FREE_URL);
        assert_eq!(DeepL.default_url(Some(&Secret::new("abc"))).unwrap(), PRO_URL);
        let pair = DeepL.pair("zh", "en").unwrap();
        assert_eq!(pair, Pair { source: "ZH".into(), target: "EN-US".into() });
        assert!(DeepL.pair("en", "eu").is_err());
        let mut ep = endpoint("http://h");
        ep.api_key = Some(Secret::new("k:fx"));
        let req = DeepL.request(&reqwest::Client::new(), &ep, &pair, &["你好"]).build().unwrap();
        assert_eq!(req.url().as_str(), "http://h/v2/translate");
        assert_eq!(req.headers()["authorization"], "DeepL-Auth-Key k:fx");
    }

    #[test]
    fn reads_answers_and_errors() {
        let ok = reply(200, r#"{"translations":[{"detected_source_language":"ZH","text":"Hello"}]}"#);
        assert_eq!(DeepL.parse(&ok, &["你好"]).unwrap(), vec!["Hello"]);
        let quota = reply(456, r#"{"message":"Quota Exceeded"}"#);
        assert!(matches!(DeepL.parse(&quota, &["x"]), Err(Failure::Fatal { .. })));
        let wrong = reply(403, r#"{"message":"Wrong endpoint. Use https://api.deepl.com"}"#);
        assert_eq!(DeepL.parse(&wrong, &["x"]), Err(Failure::SwitchEndpoint { url: PRO_URL.into() }));
        let busy = reply(529, r#"{"message":"Too many requests"}"#);
        assert!(matches!(DeepL.parse(&busy, &["x"]), Err(Failure::Retry { .. })));
    }
}
