//! One client for every provider: sentences in, one translation per sentence out.
//!
//! What it does, in order: normalises the sentences and keeps one copy of each distinct
//! one; takes what it can from the cache; cuts over-long sentences at clause punctuation;
//! packs the rest into requests sized to the provider's limits; sends them with a
//! concurrency limit and optional pacing; checks every reply; retries what is worth
//! retrying with backoff (honouring `Retry-After`); sends a batch answered with the
//! wrong count again in halves; and commits each checked batch to the cache the moment
//! it arrives, so a run that dies keeps what it paid for. A failure that retrying cannot
//! fix stops the run with one line naming the provider and the fix.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use unicode_normalization::UnicodeNormalization;

use super::batch;
use super::cache::Cache;
use super::langs;
use super::provider::{Endpoint, Failure, Limits, Pair, Provider, Reply};
use super::providers;
use super::retry::Backoff;
use super::secret::Secret;
use super::MtOptions;
use crate::error::{Error, Result};
use crate::plural::count;

/// What one [`Translator::translate`] call did, for `run.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MtStats {
    pub provider: String,
    /// The base URL, without credentials or query (network providers).
    pub endpoint: Option<String>,
    /// The file of translations (the `file` provider).
    pub path: Option<String>,
    pub model: Option<String>,
    pub source_lang: String,
    pub target_lang: String,
    /// Source sentences.
    pub segments: usize,
    /// Distinct non-empty sentences after normalisation.
    pub unique: usize,
    /// Distinct sentences found in the cache.
    pub cache_hits: usize,
    /// HTTP requests sent, retries and the language check included.
    pub requests: u64,
    pub retries: u64,
    /// Characters (code points) of text sent in translation requests.
    pub characters_sent: u64,
    /// Batches sent again in halves after a wrong count or a size refusal.
    pub bisections: u64,
    /// Sentences too long for one request, cut into pieces.
    pub split_sentences: usize,
    /// Source sentences with text whose MT is empty (1-based): the aligner matches them by
    /// their own names and figures only, so the alignment around each one is weaker.
    /// Only a file of translations has them; a server's empty answer is refused.
    pub empty: Vec<usize>,
    pub elapsed_ms: f64,
}

impl MtStats {
    /// The record for translations read from a file.
    pub fn of_file(path: &str, segments: usize) -> MtStats {
        MtStats { provider: "file".into(), path: Some(path.into()), segments, ..Default::default() }
    }
}

/// A configured provider, ready to translate any number of documents (concurrently too:
/// they share its concurrency limit, pacing and cache).
pub struct Translator {
    shared: Arc<Shared>,
    runtime: tokio::runtime::Runtime,
    progress: indicatif::MultiProgress,
}

struct Shared {
    provider: Box<dyn Provider>,
    http: reqwest::Client,
    endpoint: Endpoint,
    /// The configured URL without credentials or query: part of every cache key.
    public_url: String,
    /// The URL requests go to now (DeepL may switch host once).
    current_url: Mutex<String>,
    switched: AtomicBool,
    limits: Limits,
    max_items: usize,
    backoff: Backoff,
    semaphore: Arc<Semaphore>,
    pace: Option<Duration>,
    next_slot: Mutex<Instant>,
    budget: Option<u64>,
    /// Characters counted against today's budget before this process started.
    used_before: u64,
    sent_today: AtomicU64,
    cache: Option<Arc<Cache>>,
    /// Language pairs already confirmed by the server.
    offered: Mutex<HashSet<(String, String)>>,
}

/// The state of one `translate` call, shared by its batch tasks.
struct Call {
    pair: Pair,
    /// Pieces to send, in order; each belongs to one distinct sentence.
    pieces: Vec<String>,
    owner: Vec<usize>,
    /// The pieces of each distinct sentence.
    owned: Vec<Range<usize>>,
    keys: Vec<String>,
    joiner: &'static str,
    state: Mutex<CallState>,
    stopped: AtomicBool,
    requests: AtomicU64,
    retries: AtomicU64,
    characters: AtomicU64,
    bisections: AtomicU64,
    bar: indicatif::ProgressBar,
}

struct CallState {
    piece_out: Vec<Option<String>>,
    remaining: Vec<usize>,
    done: Vec<Option<String>>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator")
            .field("provider", &self.shared.provider.name())
            .field("endpoint", &self.shared.public_url)
            .finish()
    }
}

impl Translator {
    /// Checks the settings (provider name, key, model, endpoint) and prepares the client.
    /// `progress`: draw a progress bar on a terminal.
    pub fn new(settings: &MtOptions, cache: Option<Arc<Cache>>, progress: bool) -> Result<Translator> {
        let provider = providers::by_name(settings.provider().as_str()).ok_or_else(|| {
            Error::Usage(format!(
                "`{}` is not an MT service (use one of: apertium, libretranslate, deepl, google, mymemory, openai)",
                settings.provider().as_str()
            ))
        })?;
        let name = provider.name();
        let api_key = match &settings.api_key_env {
            Some(var) => Some(Secret::from_env(var, name)?),
            None if provider.needs_key() => {
                return Err(Error::Usage(format!(
                    "{name} needs an API key: set [mt] api_key_env (or --api-key-env) to the name of the environment variable that holds it"
                )))
            }
            None => None,
        };
        if provider.needs_model() && settings.model.is_none() {
            return Err(Error::Usage(format!("{name} needs a model: set [mt] model (or --model)")));
        }
        let url = settings.endpoint.clone().or_else(|| provider.default_url(api_key.as_ref())).ok_or_else(|| {
            Error::Usage(format!("{name} has no default endpoint: set [mt] endpoint (or --endpoint)"))
        })?;
        let url = url.trim_end_matches('/').to_string();
        let public_url = public_url(&url)
            .ok_or_else(|| Error::Usage(format!("{name}: `{}` is not an http(s) URL", redact(&api_key, &url))))?;
        let http = reqwest::Client::builder()
            .user_agent(concat!("driftalign/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(settings.timeout_secs.map(Duration::from_secs_f64).unwrap_or_else(|| provider.default_timeout()))
            .build()
            .map_err(|e| Error::Mt(format!("{name}: cannot set up the HTTP client: {e}")))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| Error::Mt(format!("{name}: cannot start the async runtime: {e}")))?;
        let used_before = match (&cache, settings.daily_char_budget) {
            (Some(c), Some(_)) => c.usage(&usage_key(name, &public_url))?,
            _ => 0,
        };
        let limits = provider.limits();
        let concurrency = settings.concurrency.unwrap_or_else(|| provider.default_concurrency()).max(1);
        let progress_target = if progress && std::io::stderr().is_terminal() {
            indicatif::ProgressDrawTarget::stderr()
        } else {
            indicatif::ProgressDrawTarget::hidden()
        };
        Ok(Translator {
            shared: Arc::new(Shared {
                max_items: settings.batch_size.unwrap_or(limits.items).clamp(1, limits.items),
                limits,
                http,
                endpoint: Endpoint {
                    url: url.clone(),
                    api_key,
                    model: settings.model.clone(),
                    email: settings.email.clone(),
                },
                public_url,
                current_url: Mutex::new(url),
                switched: AtomicBool::new(false),
                backoff: backoff(settings),
                semaphore: Arc::new(Semaphore::new(concurrency)),
                pace: settings.requests_per_minute.filter(|r| *r > 0.0).map(|r| Duration::from_secs_f64(60.0 / r)),
                next_slot: Mutex::new(Instant::now()),
                budget: settings.daily_char_budget,
                used_before,
                sent_today: AtomicU64::new(0),
                cache,
                offered: Mutex::new(HashSet::new()),
                provider,
            }),
            runtime,
            progress: indicatif::MultiProgress::with_draw_target(progress_target),
        })
    }

    pub fn provider_name(&self) -> &'static str {
        self.shared.provider.name()
    }

    /// The translation of each sentence from `source` to `target` (BCP-47 tags), in
    /// order; empty sentences stay empty. `label` names the document on the progress bar.
    pub fn translate(
        &self,
        sentences: &[&str],
        source: &str,
        target: &str,
        label: &str,
    ) -> Result<(Vec<String>, MtStats)> {
        let started = Instant::now();
        let shared = &self.shared;
        let name = shared.provider.name();
        let pair = shared
            .provider
            .pair(source, target)
            .map_err(|why| Error::Mt(format!("{name}: cannot translate {source} → {target}: {why}")))?;

        // Each distinct sentence once.
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut unique: Vec<String> = Vec::new();
        let slot: Vec<Option<usize>> = sentences
            .iter()
            .map(|s| {
                let text = sent_text(s);
                (!text.is_empty()).then(|| {
                    *index.entry(text.clone()).or_insert_with(|| {
                        unique.push(text);
                        unique.len() - 1
                    })
                })
            })
            .collect();
        let keys: Vec<String> = unique.iter().map(|t| shared.cache_key(source, target, t)).collect();
        let done = match &shared.cache {
            Some(cache) => cache.get_many(&keys)?,
            None => vec![None; unique.len()],
        };
        let cache_hits = done.iter().filter(|d| d.is_some()).count();

        // The rest, cut to fit the provider's limits.
        let (mut pieces, mut owner, mut owned) = (Vec::new(), Vec::new(), vec![0..0; unique.len()]);
        let mut split_sentences = 0;
        for (u, text) in unique.iter().enumerate().filter(|(u, _)| done[*u].is_none()) {
            let parts = batch::split_long(text, shared.limits.item, shared.limits.unit);
            split_sentences += usize::from(parts.len() > 1);
            owned[u] = pieces.len()..pieces.len() + parts.len();
            for part in parts {
                pieces.push(part.to_string());
                owner.push(u);
            }
        }
        let sizes: Vec<usize> = pieces.iter().map(|p| shared.limits.unit.measure(p)).collect();
        let batches = batch::pack(&sizes, &shared.limits, shared.max_items);
        let remaining = owned.iter().map(|r| r.len()).collect();
        let bar = self.progress.add(indicatif::ProgressBar::new(pieces.len() as u64));
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{prefix} {bar:30} {pos}/{len} sentences to {msg} ({per_sec}, {eta} left)",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        bar.set_prefix(label.to_string());
        bar.set_message(name);
        let call = Arc::new(Call {
            pair,
            pieces,
            owner,
            owned,
            keys,
            joiner: if matches!(langs::primary(target).as_str(), "zh" | "ja" | "th") { "" } else { " " },
            state: Mutex::new(CallState { piece_out: Vec::new(), remaining, done }),
            stopped: AtomicBool::new(false),
            requests: AtomicU64::new(0),
            retries: AtomicU64::new(0),
            characters: AtomicU64::new(0),
            bisections: AtomicU64::new(0),
            bar,
        });
        call.state.lock().expect("not poisoned").piece_out = vec![None; call.pieces.len()];

        let outcome = if batches.is_empty() {
            Ok(())
        } else {
            self.runtime.block_on(send_all(Arc::clone(shared), Arc::clone(&call), batches))
        };
        call.bar.finish_and_clear();
        let state = call.state.lock().expect("not poisoned");
        let stats = MtStats {
            provider: name.to_string(),
            endpoint: Some(shared.public_url.clone()),
            path: None,
            model: shared.endpoint.model.clone(),
            source_lang: source.to_string(),
            target_lang: target.to_string(),
            segments: sentences.len(),
            unique: unique.len(),
            cache_hits,
            requests: call.requests.load(Ordering::Relaxed),
            retries: call.retries.load(Ordering::Relaxed),
            characters_sent: call.characters.load(Ordering::Relaxed),
            bisections: call.bisections.load(Ordering::Relaxed),
            split_sentences,
            empty: Vec::new(),
            elapsed_ms: (started.elapsed().as_secs_f64() * 1e6).round() / 1e3,
        };
        if let Err(failure) = outcome {
            let translated = state.done.iter().filter(|d| d.is_some()).count();
            let kept = if translated == 0 {
                "nothing was translated".to_string()
            } else if shared.cache.is_some() {
                format!(
                    "{translated} of {} distinct sentences are translated and cached; a re-run continues from there",
                    unique.len()
                )
            } else {
                format!(
                    "{translated} of {} distinct sentences were translated (no cache, so a re-run starts over)",
                    unique.len()
                )
            };
            let (reason, fix) = match failure {
                Failure::Fatal { reason, fix } => (reason, fix),
                other => (format!("{other:?}"), "report this".to_string()),
            };
            let message = format!("{name} at {}: {reason}; fix: {fix}; {kept}", shared.public_url);
            return Err(Error::Mt(redact(&shared.endpoint.api_key, &message)));
        }
        let out = slot.iter().map(|s| s.and_then(|u| state.done[u].clone()).unwrap_or_default()).collect();
        Ok((out, stats))
    }
}

/// Sends every batch, at most `concurrency` at a time; stops starting new ones after
/// the first failure that retrying could not fix, and lets those in flight finish (and
/// be cached).
async fn send_all(shared: Arc<Shared>, call: Arc<Call>, batches: Vec<Range<usize>>) -> Result<(), Failure> {
    shared.check_pair(&call).await?;
    let mut tasks = JoinSet::new();
    for range in batches {
        let (shared, call) = (Arc::clone(&shared), Arc::clone(&call));
        tasks.spawn(async move {
            let _permit = Arc::clone(&shared.semaphore).acquire_owned().await.expect("the semaphore is never closed");
            if call.stopped.load(Ordering::Relaxed) {
                return Ok(());
            }
            let result = shared.send_batch(&call, range).await;
            if result.is_err() {
                call.stopped.store(true, Ordering::Relaxed);
            }
            result
        });
    }
    let mut first = None;
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(Ok(())) => {}
            Ok(Err(failure)) => {
                first.get_or_insert(failure);
            }
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
    first.map_or(Ok(()), Err)
}

impl Shared {
    /// Confirms once per pair, before any text is sent, that the server offers it.
    async fn check_pair(&self, call: &Call) -> Result<(), Failure> {
        let pair = &call.pair;
        let key = (pair.source.clone(), pair.target.clone());
        if self.offered.lock().expect("not poisoned").contains(&key) {
            return Ok(());
        }
        if self.provider.languages_request(&self.http, &self.endpoint).is_some() {
            let offered = self
                .exchange(
                    call,
                    0,
                    |e| self.provider.languages_request(&self.http, e).expect("checked above"),
                    |r| self.provider.offers(r, pair),
                )
                .await?;
            if !offered {
                return Err(Failure::fatal(
                    format!("the server does not offer {} → {}", pair.source, pair.target),
                    "choose a language pair the server lists, or another provider",
                ));
            }
        }
        self.offered.lock().expect("not poisoned").insert(key);
        Ok(())
    }

    /// Sends one batch; a batch answered with the wrong count (or refused as too large)
    /// goes again in halves, down to single sentences.
    async fn send_batch(&self, call: &Call, range: Range<usize>) -> Result<(), Failure> {
        let mut stack = vec![range];
        while let Some(range) = stack.pop() {
            if call.stopped.load(Ordering::Relaxed) {
                return Ok(());
            }
            let texts: Vec<&str> = call.pieces[range.clone()].iter().map(String::as_str).collect();
            let chars = texts.iter().map(|t| t.chars().count() as u64).sum();
            let result = self
                .exchange(
                    call,
                    chars,
                    |e| self.provider.request(&self.http, e, &call.pair, &texts),
                    |r| self.provider.parse(r, &texts),
                )
                .await;
            match result {
                Ok(translations) => self.complete(call, range, translations, chars)?,
                Err(Failure::Split { .. }) if range.len() > 1 => {
                    call.bisections.fetch_add(1, Ordering::Relaxed);
                    let mid = range.start + range.len() / 2;
                    stack.push(mid..range.end);
                    stack.push(range.start..mid);
                }
                Err(Failure::Split { reason }) => return Err(Failure::fatal(
                    format!(
                        "a single sentence was not translated properly ({reason}): {}",
                        super::provider::excerpt(texts[0])
                    ),
                    "the server cannot handle this sentence; lower the provider's limits or translate it another way",
                )),
                Err(other) => return Err(other),
            }
        }
        Ok(())
    }

    /// One request with retries: transport errors and retryable replies are tried
    /// again after a backoff, up to the configured number of retries.
    async fn exchange<T>(
        &self,
        call: &Call,
        chars: u64,
        build: impl Fn(&Endpoint) -> reqwest::RequestBuilder,
        judge: impl Fn(&Reply) -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        let mut attempt = 0;
        loop {
            self.pace().await;
            self.charge(chars)?;
            let endpoint =
                Endpoint { url: self.current_url.lock().expect("not poisoned").clone(), ..self.endpoint.clone() };
            call.requests.fetch_add(1, Ordering::Relaxed);
            call.characters.fetch_add(chars, Ordering::Relaxed);
            let outcome = match build(&endpoint).send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let headers = response.headers().clone();
                    match response.text().await {
                        Ok(body) => judge(&Reply { status, headers, body }),
                        Err(e) => Err(Failure::retry(self.transport_error(&e))),
                    }
                }
                Err(e) if e.is_builder() => Err(Failure::fatal(self.transport_error(&e), "check the endpoint URL")),
                Err(e) => Err(Failure::retry(self.transport_error(&e))),
            };
            match outcome {
                Ok(value) => return Ok(value),
                Err(Failure::SwitchEndpoint { url }) if !self.switched.swap(true, Ordering::Relaxed) => {
                    *self.current_url.lock().expect("not poisoned") = url;
                }
                Err(Failure::SwitchEndpoint { url }) => {
                    return Err(Failure::fatal(
                        format!("the server sends this key to {url} and back"),
                        "check that the key belongs to this provider",
                    ))
                }
                Err(Failure::Retry { after, reason }) => {
                    if attempt >= self.backoff.retries {
                        let fix = if reason.starts_with("cannot connect") {
                            "start the server, or check the endpoint URL ([mt] endpoint or --endpoint)"
                        } else {
                            "check that the endpoint is healthy, or lower --concurrency / [mt] requests_per_minute"
                        };
                        return Err(Failure::fatal(
                            format!("gave up after {}: {reason}", count(attempt as usize + 1, "attempt")),
                            fix,
                        ));
                    }
                    call.retries.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(self.backoff.delay(attempt, after)).await;
                    attempt += 1;
                }
                Err(other) => return Err(other),
            }
        }
    }

    /// Waits for this request's slot under `requests_per_minute`.
    async fn pace(&self) {
        let Some(interval) = self.pace else { return };
        let at = {
            let mut next = self.next_slot.lock().expect("not poisoned");
            let at = (*next).max(Instant::now());
            *next = at + interval;
            at
        };
        tokio::time::sleep_until(at.into()).await;
    }

    /// Counts `chars` against the daily budget, refusing to go over it.
    fn charge(&self, chars: u64) -> Result<(), Failure> {
        let Some(budget) = self.budget else { return Ok(()) };
        let sent = self.sent_today.fetch_add(chars, Ordering::Relaxed);
        if self.used_before + sent + chars > budget {
            self.sent_today.fetch_sub(chars, Ordering::Relaxed);
            return Err(Failure::fatal(
                format!(
                    "the daily budget of {budget} characters would be exceeded ({} used today)",
                    self.used_before + sent
                ),
                "raise [mt] daily_char_budget, or continue tomorrow",
            ));
        }
        Ok(())
    }

    /// Records a checked batch and commits every sentence it completes to the cache.
    fn complete(&self, call: &Call, range: Range<usize>, translations: Vec<String>, chars: u64) -> Result<(), Failure> {
        let mut entries = Vec::new();
        {
            let mut state = call.state.lock().expect("not poisoned");
            for (i, text) in range.clone().zip(translations) {
                state.piece_out[i] = Some(text);
                let u = call.owner[i];
                state.remaining[u] -= 1;
                if state.remaining[u] == 0 {
                    let parts: Vec<String> =
                        call.owned[u].clone().map(|p| state.piece_out[p].clone().unwrap_or_default()).collect();
                    let joined = parts.join(call.joiner);
                    entries.push((call.keys[u].clone(), joined.clone()));
                    state.done[u] = Some(joined);
                }
            }
        }
        if let Some(cache) = &self.cache {
            cache
                .put_many(&entries, &usage_key(self.provider.name(), &self.public_url), chars)
                .map_err(|e| Failure::fatal(e.to_string(), "check that the cache directory is writable"))?;
        }
        call.bar.inc(range.len() as u64);
        Ok(())
    }

    fn cache_key(&self, source: &str, target: &str, text: &str) -> String {
        let model = self.endpoint.model.as_deref().unwrap_or("");
        format!(
            "v1\u{1f}{}\u{1f}{}\u{1f}{model}\u{1f}{source}\u{1f}{target}\u{1f}{text}",
            self.provider.name(),
            self.public_url
        )
    }

    /// A transport error as one line, without the URL (which may carry a key).
    fn transport_error(&self, e: &reqwest::Error) -> String {
        let kind = if e.is_timeout() {
            "timed out"
        } else if e.is_connect() {
            "cannot connect"
        } else {
            "connection failed"
        };
        // The innermost cause says what happened ("Connection refused"); the layers
        // above it only repeat that a request failed.
        let mut cause: &dyn std::error::Error = e;
        while let Some(inner) = cause.source() {
            cause = inner;
        }
        redact(&self.endpoint.api_key, &format!("{kind}: {cause}"))
    }
}

/// The retry policy: the configured keys over the defaults.
fn backoff(settings: &MtOptions) -> Backoff {
    let defaults = Backoff::default();
    Backoff {
        retries: settings.retries.unwrap_or(defaults.retries),
        base: settings.backoff_ms.map(Duration::from_millis).unwrap_or(defaults.base),
        cap: settings.max_retry_wait_secs.map(Duration::from_secs_f64).unwrap_or(defaults.cap),
    }
}

/// The daily usage counter's key.
fn usage_key(provider: &str, url: &str) -> String {
    let day = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs() / 86_400;
    format!("{provider}\u{1f}{url}\u{1f}day {day}")
}

/// NFC, whitespace runs as single spaces, trimmed: the text sent and cached.
pub fn sent_text(text: &str) -> String {
    text.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A URL without user, password or query, for cache keys and reports.
fn public_url(url: &str) -> Option<String> {
    let mut parsed = reqwest::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let _ = parsed.set_username("");
    let _ = parsed.set_password(None);
    parsed.set_query(None);
    parsed.set_fragment(None);
    Some(parsed.as_str().trim_end_matches('/').to_string())
}

fn redact(key: &Option<Secret>, text: &str) -> String {
    match key {
        Some(k) => k.redact(text),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::ProviderName;

    #[test]
    fn urls_lose_credentials() {
        assert_eq!(public_url("https://u:p@h.example/v1/?key=s#x").unwrap(), "https://h.example/v1");
        assert!(public_url("ftp://h").is_none());
        assert!(public_url("not a url").is_none());
    }

    #[test]
    fn the_text_sent_has_single_spaces_and_nfc() {
        assert_eq!(sent_text("  a\u{0301}\n b\t"), "\u{e1} b");
    }

    #[test]
    fn settings_are_checked_before_anything_is_sent() {
        let settings = |provider: ProviderName| MtOptions { provider: Some(provider), ..Default::default() };
        let err = |s: MtOptions| Translator::new(&s, None, false).expect_err("an error").to_string();
        assert!(err(settings(ProviderName::File)).contains("not an MT service"));
        assert!(err(settings(ProviderName::Deepl)).contains("api_key_env"));
        assert!(err(settings(ProviderName::Openai)).contains("model"));
        let mut s = settings(ProviderName::Deepl);
        s.api_key_env = Some("DRIFTALIGN_TEST_SURELY_UNSET".into());
        assert!(err(s).contains("DRIFTALIGN_TEST_SURELY_UNSET"));
        let t = Translator::new(&settings(ProviderName::Apertium), None, false).unwrap();
        let e = t.translate(&["hello"], "en", "tlh", "x").unwrap_err().to_string();
        assert!(e.contains("cannot translate en → tlh"), "{e}");
    }
}
