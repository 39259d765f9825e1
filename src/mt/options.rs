//! The MT stage's settings: which provider, where, and within which limits.

use std::path::PathBuf;

use serde::Deserialize;

/// The MT stage's settings: where the MT of the source comes from and how to ask for it
/// (`[mt]` and a job's `mt` table in a configuration file). Every key is optional; a
/// job's keys override `[mt]`'s.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MtOptions {
    pub provider: Option<ProviderName>,
    /// The file of translations (the `file` provider), one line per source sentence.
    pub file: Option<PathBuf>,
    /// The provider's base URL; each provider has a default except `openai`.
    pub endpoint: Option<String>,
    /// The model (`openai`).
    pub model: Option<String>,
    /// The environment variable that holds the API key (never the key itself).
    pub api_key_env: Option<String>,
    /// A contact e-mail (`mymemory`: raises its daily quota).
    pub email: Option<String>,
    /// Most sentences per request.
    pub batch_size: Option<usize>,
    /// Requests in flight at once.
    pub concurrency: Option<usize>,
    pub requests_per_minute: Option<f64>,
    /// Most characters to send per day to this provider and endpoint.
    pub daily_char_budget: Option<u64>,
    pub timeout_secs: Option<f64>,
    /// Retries of a failed request (408, 429, 5xx, timeouts, resets).
    pub retries: Option<u32>,
    /// The first backoff's upper bound; it doubles with each retry.
    pub backoff_ms: Option<u64>,
    /// The longest wait between retries, whatever `Retry-After` asks.
    pub max_retry_wait_secs: Option<f64>,
    /// The cache directory; `<output>/.cache` when unset.
    pub cache: Option<PathBuf>,
}

/// Where machine translation of the source comes from.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderName {
    /// No MT: the length-based aligner, no `mt_text`.
    #[default]
    None,
    /// A file with one translation per source sentence.
    File,
    /// Apertium APy (rule-based; free, self-hostable).
    Apertium,
    /// LibreTranslate (self-hosted or public).
    #[serde(rename = "libretranslate")]
    LibreTranslate,
    /// DeepL API v2.
    Deepl,
    /// Google Cloud Translation v2 (Basic).
    Google,
    /// MyMemory (free, small daily quota).
    Mymemory,
    /// Any OpenAI-compatible /v1/chat/completions server.
    Openai,
}

impl ProviderName {
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderName::None => "none",
            ProviderName::File => "file",
            ProviderName::Apertium => "apertium",
            ProviderName::LibreTranslate => "libretranslate",
            ProviderName::Deepl => "deepl",
            ProviderName::Google => "google",
            ProviderName::Mymemory => "mymemory",
            ProviderName::Openai => "openai",
        }
    }
}

impl MtOptions {
    /// These settings with `over`'s set keys taking precedence.
    pub fn overridden_by(&self, over: &MtOptions) -> MtOptions {
        macro_rules! pick {
            ($($field:ident),*) => { MtOptions { $($field: over.$field.clone().or_else(|| self.$field.clone()),)* } };
        }
        pick!(
            provider,
            file,
            endpoint,
            model,
            api_key_env,
            email,
            batch_size,
            concurrency,
            requests_per_minute,
            daily_char_budget,
            timeout_secs,
            retries,
            backoff_ms,
            max_retry_wait_secs,
            cache
        )
    }

    /// What is wrong with the file of translations these settings name, if anything: the
    /// `file` provider needs one, and every other provider takes none. `who`: what the
    /// settings belong to, for the message ("job `a`").
    pub fn file_problem(&self, who: &str) -> Option<String> {
        match (self.provider(), &self.file) {
            (ProviderName::File, None) => Some(format!("the MT provider is `file`, so {who} needs `mt = \"<file>\"`")),
            (ProviderName::File, Some(_)) | (_, None) => None,
            (other, Some(_)) => Some(format!("{who} names an MT file but its provider is `{}`", other.as_str())),
        }
    }

    /// The provider, `file` when only a file is named, else none.
    pub fn provider(&self) -> ProviderName {
        self.provider.unwrap_or(if self.file.is_some() { ProviderName::File } else { ProviderName::None })
    }
}
