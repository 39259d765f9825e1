//! Apertium APy: `POST /translate` with a form body, ISO 639-3 pairs (`eng|spa`).
//!
//! Batches are sentences joined by newlines, which APy translates line by line: one
//! request per batch instead of one per sentence is what makes it fast. APy silently
//! truncates long input (it splits `q` into at most ten pieces) and still answers 200, so
//! batches stay under 4,000 characters and every answer's line count is checked.

use crate::mt::langs;
use crate::mt::provider::*;

pub struct Apertium;

impl Provider for Apertium {
    fn name(&self) -> &'static str {
        "apertium"
    }

    fn default_url(&self, _key: Option<&crate::mt::secret::Secret>) -> Option<String> {
        Some("http://127.0.0.1:2737".into())
    }

    fn limits(&self) -> Limits {
        Limits { items: 1000, request: 4000, item: 4000, overhead: 1, unit: Unit::Chars }
    }

    fn default_concurrency(&self) -> usize {
        2
    }

    fn pair(&self, source: &str, target: &str) -> Result<Pair, String> {
        let code = |tag: &str| langs::iso639_3(tag).ok_or_else(|| format!("no ISO 639-3 code known for `{tag}`"));
        Ok(Pair { source: code(source)?.into(), target: code(target)?.into() })
    }

    fn languages_request(&self, http: &reqwest::Client, endpoint: &Endpoint) -> Option<reqwest::RequestBuilder> {
        Some(http.get(format!("{}/listPairs", endpoint.url)))
    }

    fn offers(&self, reply: &Reply, pair: &Pair) -> Result<bool, Failure> {
        let json = reply.json().filter(|_| reply.status == 200).ok_or_else(|| failure(reply))?;
        let pairs = json["responseData"].as_array().ok_or_else(|| Failure::retry("listPairs: no responseData"))?;
        Ok(pairs
            .iter()
            .any(|p| p["sourceLanguage"] == pair.source.as_str() && p["targetLanguage"] == pair.target.as_str()))
    }

    fn request(
        &self,
        http: &reqwest::Client,
        endpoint: &Endpoint,
        pair: &Pair,
        texts: &[&str],
    ) -> reqwest::RequestBuilder {
        let langpair = format!("{}|{}", pair.source, pair.target);
        let q = texts.join("\n");
        // markUnknown=no: APy drops its `*` marks on unknown words itself; format=txt:
        // plain text, not the HTML default that would decode entities and keep tags.
        let form = [("q", q.as_str()), ("langpair", langpair.as_str()), ("format", "txt"), ("markUnknown", "no")];
        http.post(format!("{}/translate", endpoint.url)).form(&form)
    }

    fn parse(&self, reply: &Reply, texts: &[&str]) -> Result<Vec<String>, Failure> {
        let json = reply.json().filter(|_| reply.status == 200).ok_or_else(|| failure(reply))?;
        if json["responseStatus"].as_u64().is_some_and(|s| s != 200) {
            return Err(Failure::retry(format!("responseStatus {} inside a 200", json["responseStatus"])));
        }
        let text = json["responseData"]["translatedText"]
            .as_str()
            .ok_or_else(|| Failure::retry(format!("no translatedText in {}", excerpt(&reply.body))))?;
        let lines: Vec<String> = text.split('\n').map(|l| l.trim().to_string()).collect();
        // A short answer here is APy's silent truncation; the client sends halves.
        checked(lines, texts)
    }
}

/// APy's errors: `{"status":"error","code":400,"message":…,"explanation":…}`.
fn failure(reply: &Reply) -> Failure {
    let explanation = reply
        .json()
        .and_then(|j| j["explanation"].as_str().map(str::to_string))
        .unwrap_or_else(|| excerpt(&reply.body));
    if reply.status == 200 {
        return Failure::retry(format!("a 200 that is not APy's JSON: {explanation}"));
    }
    if explanation.contains("pair is not installed") || explanation.contains("pair is invalid") {
        return Failure::fatal(
            format!("HTTP {}: {explanation}", reply.status),
            "install the language pair on the APy server (e.g. apt-get install apertium-eng-spa) or choose another provider",
        );
    }
    status_failure(reply, "apertium", &explanation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::providers::tests::{endpoint, reply};

    #[test]
    fn builds_a_newline_joined_form() {
        let http = reqwest::Client::new();
        let pair = Apertium.pair("en", "es").unwrap();
        assert_eq!(pair, Pair { source: "eng".into(), target: "spa".into() });
        let req = Apertium.request(&http, &endpoint("http://h:1"), &pair, &["A b.", "C & d?"]).build().unwrap();
        assert_eq!(req.url().as_str(), "http://h:1/translate");
        let body = std::str::from_utf8(req.body().unwrap().as_bytes().unwrap()).unwrap();
        assert_eq!(body, "q=A+b.%0AC+%26+d%3F&langpair=eng%7Cspa&format=txt&markUnknown=no");
        assert!(Apertium.pair("en", "tlh").is_err());
    }

    #[test]
    fn reads_answers_and_errors() {
        let ok = reply(
            200,
            r#"{"responseData": {"translatedText": "Uno.\nDos."}, "responseDetails": null, "responseStatus": 200}"#,
        );
        assert_eq!(Apertium.parse(&ok, &["One.", "Two."]).unwrap(), vec!["Uno.", "Dos."]);
        assert!(matches!(Apertium.parse(&ok, &["One.", "Two.", "Three."]), Err(Failure::Split { .. })));
        let bad = reply(
            400,
            r#"{"status": "error", "code": 400, "message": "Bad Request", "explanation": "That pair is not installed"}"#,
        );
        assert!(matches!(Apertium.parse(&bad, &["x"]), Err(Failure::Fatal { .. })));
        let busy = reply(
            503,
            r#"{"status": "error", "code": 503, "message": "Service Unavailable", "explanation": "internal error"}"#,
        );
        assert!(matches!(Apertium.parse(&busy, &["x"]), Err(Failure::Retry { .. })));
        let pairs = reply(
            200,
            r#"{"responseData": [{"sourceLanguage": "eng", "targetLanguage": "spa"}], "responseDetails": null, "responseStatus": 200}"#,
        );
        assert_eq!(Apertium.offers(&pairs, &Apertium.pair("en", "es").unwrap()), Ok(true));
        assert_eq!(Apertium.offers(&pairs, &Apertium.pair("es", "en").unwrap()), Ok(false));
    }
}
