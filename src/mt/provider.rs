//! What every MT provider protocol supplies: its limits, its language codes, how a batch
//! becomes an HTTP request, and how a reply becomes translations or a [`Failure`].
//!
//! Providers only build requests and read replies; they never send anything. The
//! [`client`](super::client) does the sending, retrying, pacing and caching for all of
//! them, so each protocol module stays a pure description of one wire format.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::secret::Secret;
use crate::plural::count;

/// The unit a provider measures request sizes in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    /// Unicode code points.
    Chars,
    /// UTF-8 bytes.
    Bytes,
}

impl Unit {
    pub fn measure(self, text: &str) -> usize {
        match self {
            Unit::Chars => text.chars().count(),
            Unit::Bytes => text.len(),
        }
    }
}

/// How much one request may carry.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most items (sentences) per request.
    pub items: usize,
    /// Most text per request, in `unit`, separators included.
    pub request: usize,
    /// Most text per item, in `unit`; longer sentences are split.
    pub item: usize,
    /// What each item adds besides its text (a newline in joined batches, JSON quoting).
    pub overhead: usize,
    pub unit: Unit,
}

/// A language pair in the provider's own codes.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub source: String,
    pub target: String,
}

/// Where and as whom to send requests.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The base URL, without a trailing slash.
    pub url: String,
    pub api_key: Option<Secret>,
    /// The model or engine, for providers that have one.
    pub model: Option<String>,
    /// A contact e-mail (MyMemory's `de=`, which raises its quota).
    pub email: Option<String>,
}

/// An HTTP reply, read completely before it is judged: error bodies carry the reason.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// Why a request did not give one translation per item.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Worth trying again: rate limits, overload, timeouts, resets.
    Retry { after: Option<Duration>, reason: String },
    /// The batch was too large, or was answered with the wrong number of items: send it
    /// again in halves.
    Split { reason: String },
    /// The key belongs to another host (DeepL free vs pro): switch once and resend.
    SwitchEndpoint { url: String },
    /// Retrying will not help: a bad key, an exhausted quota, an unsupported pair.
    Fatal { reason: String, fix: String },
}

impl Failure {
    pub fn retry(reason: impl Into<String>) -> Self {
        Failure::Retry { after: None, reason: reason.into() }
    }

    pub fn split(reason: impl Into<String>) -> Self {
        Failure::Split { reason: reason.into() }
    }

    pub fn fatal(reason: impl Into<String>, fix: impl Into<String>) -> Self {
        Failure::Fatal { reason: reason.into(), fix: fix.into() }
    }
}

/// One MT protocol.
pub trait Provider: Send + Sync {
    /// The name used in config, on the command line and in `run.json`.
    fn name(&self) -> &'static str;

    /// The base URL used when the configuration names none (it may depend on the key:
    /// DeepL's free keys have their own host).
    fn default_url(&self, key: Option<&Secret>) -> Option<String>;

    /// Whether the configuration must name a model.
    fn needs_model(&self) -> bool {
        false
    }

    fn limits(&self) -> Limits;

    /// Requests in flight at once unless configured.
    fn default_concurrency(&self) -> usize;

    /// Seconds before a request is given up and retried.
    fn default_timeout(&self) -> Duration {
        Duration::from_secs(30)
    }

    /// Whether the provider cannot work without an API key.
    fn needs_key(&self) -> bool {
        false
    }

    /// The provider's codes for a pair of BCP-47 tags, or why it cannot translate it.
    fn pair(&self, source: &str, target: &str) -> Result<Pair, String>;

    /// A request that lists the pairs the server offers, checked before any text is
    /// sent; `None` when the provider has no such list or it is checked statically.
    fn languages_request(&self, _http: &reqwest::Client, _endpoint: &Endpoint) -> Option<reqwest::RequestBuilder> {
        None
    }

    /// Whether the reply of [`languages_request`](Self::languages_request) offers `pair`.
    fn offers(&self, _reply: &Reply, _pair: &Pair) -> Result<bool, Failure> {
        Ok(true)
    }

    /// The request translating `texts`.
    fn request(
        &self,
        http: &reqwest::Client,
        endpoint: &Endpoint,
        pair: &Pair,
        texts: &[&str],
    ) -> reqwest::RequestBuilder;

    /// The translations in a reply, one per text, or what went wrong.
    fn parse(&self, reply: &Reply, texts: &[&str]) -> Result<Vec<String>, Failure>;
}

/// The judgement most protocols share for a status code that is not 2xx: 408, 429 and
/// 5xx are retried (honouring `Retry-After`), anything else is fatal with `message`.
pub fn status_failure(reply: &Reply, provider: &str, message: &str) -> Failure {
    match reply.status {
        408 | 429 | 500 | 502 | 503 | 504 | 529 => Failure::Retry {
            after: super::retry::retry_after(&reply.headers),
            reason: format!("HTTP {}: {}", reply.status, message),
        },
        401 | 403 => Failure::fatal(
            format!("HTTP {}: {}", reply.status, message),
            format!("check the API key for {provider} (the environment variable named by [mt] api_key_env)"),
        ),
        404 => Failure::fatal(format!("HTTP 404: {message}"), "check the endpoint URL ([mt] endpoint or --endpoint)"),
        413 | 414 => Failure::split(format!("HTTP {}: request too large", reply.status)),
        status => Failure::fatal(format!("HTTP {status}: {message}"), "see the message above"),
    }
}

/// A short, single-line excerpt of a body for messages.
pub fn excerpt(body: &str) -> String {
    let one_line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// Checks a list of translations against the texts sent: one per text, and nothing
/// empty where the text was not.
pub fn checked(translations: Vec<String>, texts: &[&str]) -> Result<Vec<String>, Failure> {
    if translations.len() != texts.len() {
        return Err(Failure::split(format!(
            "{} for {}",
            count(translations.len(), "translation"),
            count(texts.len(), "text")
        )));
    }
    if let Some(i) = (0..texts.len()).find(|&i| translations[i].trim().is_empty() && !texts[i].trim().is_empty()) {
        return Err(Failure::split(format!("an empty translation for item {}", i + 1)));
    }
    Ok(translations)
}

/// A JSON array of strings, if `value` is one.
pub fn strings(value: &Value) -> Option<Vec<String>> {
    value.as_array()?.iter().map(|v| v.as_str().map(str::to_string)).collect()
}
