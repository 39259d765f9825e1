//! MyMemory: `GET /get?q=…&langpair=src|tgt`, one segment of at most 500 bytes per
//! request. Most errors, quota exhaustion included, arrive inside HTTP 200 bodies (in
//! `responseStatus` and as shouting text in `translatedText`), so every 200 is checked
//! before its text is trusted.

use crate::mt::langs;
use crate::mt::provider::*;
use crate::mt::secret::Secret;

pub struct MyMemory;

/// Texts MyMemory puts in `translatedText` instead of a translation.
const WARNINGS: &[&str] = &[
    "MYMEMORY WARNING",
    "QUERY LENGTH LIMIT",
    "INVALID LANGUAGE PAIR",
    "'AUTO' IS AN INVALID",
    "PLEASE SELECT TWO DISTINCT LANGUAGES",
    "INVALID EMAIL",
];

impl Provider for MyMemory {
    fn name(&self) -> &'static str {
        "mymemory"
    }

    fn default_url(&self, _key: Option<&Secret>) -> Option<String> {
        Some("https://api.mymemory.translated.net".into())
    }

    fn limits(&self) -> Limits {
        Limits { items: 1, request: 500, item: 500, overhead: 0, unit: Unit::Bytes }
    }

    fn default_concurrency(&self) -> usize {
        1
    }

    fn default_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(20)
    }

    fn pair(&self, source: &str, target: &str) -> Result<Pair, String> {
        Ok(Pair { source: langs::google_style(source), target: langs::google_style(target) })
    }

    fn request(
        &self,
        http: &reqwest::Client,
        endpoint: &Endpoint,
        pair: &Pair,
        texts: &[&str],
    ) -> reqwest::RequestBuilder {
        let langpair = format!("{}|{}", pair.source, pair.target);
        let mut query = vec![("q", texts.concat()), ("langpair", langpair)];
        if let Some(email) = &endpoint.email {
            query.push(("de", email.clone()));
        }
        if let Some(key) = &endpoint.api_key {
            query.push(("key", key.expose().to_string()));
        }
        http.get(format!("{}/get", endpoint.url)).query(&query)
    }

    fn parse(&self, reply: &Reply, texts: &[&str]) -> Result<Vec<String>, Failure> {
        let json = reply.json();
        let text = json.as_ref().and_then(|j| j["responseData"]["translatedText"].as_str()).unwrap_or("");
        let details = json.as_ref().and_then(|j| j["responseDetails"].as_str()).unwrap_or("");
        let message = if text.is_empty() { details } else { text };
        if reply.status != 200 {
            if message.contains("QUERY LENGTH LIMIT") {
                return Err(Failure::split(message));
            }
            return Err(status_failure(
                reply,
                "mymemory",
                &if message.is_empty() { excerpt(&reply.body) } else { message.to_string() },
            ));
        }
        let json =
            json.as_ref().ok_or_else(|| Failure::retry(format!("a 200 that is not JSON: {}", excerpt(&reply.body))))?;
        // `responseStatus` is a number, or sometimes the same number as a string.
        let status = match &json["responseStatus"] {
            serde_json::Value::Number(n) => n.as_u64().unwrap_or(0),
            serde_json::Value::String(s) => s.trim().parse().unwrap_or(0),
            _ => 0,
        };
        if json["quotaFinished"] == true || status == 429 || text.starts_with("MYMEMORY WARNING") {
            return Err(Failure::fatal(
                format!("quota used up: {}", excerpt(message)),
                "MyMemory's free daily quota is spent; set [mt] email (raises it tenfold) or continue tomorrow",
            ));
        }
        if message.contains("QUERY LENGTH LIMIT") {
            return Err(Failure::split(message));
        }
        if status != 200 || WARNINGS.iter().any(|w| text.starts_with(w)) {
            return Err(Failure::fatal(
                format!("responseStatus {status}: {}", excerpt(message)),
                "check the language pair and the request",
            ));
        }
        checked(vec![text.to_string()], texts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::providers::tests::{endpoint, reply};

    #[test]
    fn get_with_langpair_and_email() {
        let mut ep = endpoint("http://h");
        ep.email = Some("me@example.org".into());
        let req = MyMemory
            .request(&reqwest::Client::new(), &ep, &MyMemory.pair("en", "zh").unwrap(), &["Hi there"])
            .build()
            .unwrap();
        assert_eq!(req.method(), "GET");
        assert_eq!(req.url().as_str(), "http://h/get?q=Hi+there&langpair=en%7Czh-CN&de=me%40example.org");
    }

    #[test]
    fn errors_inside_200s_are_caught() {
        let ok = reply(
            200,
            r#"{"responseData":{"translatedText":"Hola","match":1},"quotaFinished":false,"responseDetails":"","responseStatus":200}"#,
        );
        assert_eq!(MyMemory.parse(&ok, &["Hi"]).unwrap(), vec!["Hola"]);
        let quota = reply(
            200,
            r#"{"responseData":{"translatedText":"MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  10 HOURS 12 MINUTES 03 SECONDS","match":1},"quotaFinished":true,"responseDetails":"","responseStatus":429}"#,
        );
        assert!(matches!(MyMemory.parse(&quota, &["Hi"]), Err(Failure::Fatal { .. })));
        let long = reply(
            200,
            r#"{"responseData":{"translatedText":"QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS","match":0},"responseDetails":"","responseStatus":"403"}"#,
        );
        assert!(matches!(MyMemory.parse(&long, &["Hi"]), Err(Failure::Split { .. })));
        let proxy = reply(200, "<html>captive portal</html>");
        assert!(matches!(MyMemory.parse(&proxy, &["Hi"]), Err(Failure::Retry { .. })));
    }
}
