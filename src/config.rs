//! `config.toml`: the jobs to run and the options of each stage.
//!
//! This module only reads the file and composes each stage's own settings from it
//! ([`Config::jobs`]); no stage reads it. Every key is checked: an unknown key or a bad
//! value is an error that names the key and its line. Paths inside the file are
//! relative to the file's own directory, so a configuration works from wherever the
//! command is started.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::align::{AlignOptions, Method};
use crate::document::{LoadOptions, DEFAULT_MAX_BYTES};
use crate::drift::terms::Glossary;
use crate::embeddings::{self, EmbeddingsEndpoint, EmbeddingsOptions};
use crate::encoder::EncoderOptions;
use crate::error::{Error, Result};
use crate::job::{Job, Output};
use crate::lang;
use crate::mt::{MtOptions, ProviderName};
use crate::pipeline::{PairInput, PairOptions};
use crate::report::ReportOptions;
use crate::segment::SegmentOptions;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where each job's results go: `<output>/<job name>/`.
    #[serde(default = "default_output")]
    pub output: PathBuf,
    #[serde(default)]
    pub input: InputConfig,
    #[serde(default)]
    pub segment: SegmentConfig,
    #[serde(default)]
    pub align: AlignConfig,
    #[serde(default)]
    pub mt: MtOptions,
    #[serde(default)]
    pub drift: DriftConfig,
    #[serde(default)]
    pub report: ReportOptions,
    #[serde(default, rename = "job")]
    pub jobs: Vec<JobTable>,
    /// The directory the file is in; relative paths start there.
    #[serde(skip)]
    pub base_dir: PathBuf,
    /// A hash of the file's bytes, recorded with each run.
    #[serde(skip)]
    pub hash: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputConfig {
    /// Force an encoding label instead of detecting one.
    pub encoding: Option<String>,
    /// Refuse files larger than this many bytes.
    #[serde(default = "default_max_bytes")]
    pub max_bytes: u64,
    /// Allow-list of languages for detection (ISO 639-1); empty means all.
    #[serde(default)]
    pub langs: Vec<Spanned<String>>,
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig { encoding: None, max_bytes: DEFAULT_MAX_BYTES, langs: Vec::new() }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentConfig {
    /// Take every non-empty line as one sentence.
    #[serde(default)]
    pub presegmented: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlignConfig {
    /// `auto` (MT-guided when there is MT) or `length`.
    #[serde(default)]
    pub method: Method,
    /// An OpenAI-compatible embeddings URL: sentence embeddings as a second signal.
    pub embeddings_url: Option<String>,
    #[serde(default = "default_embeddings_model")]
    pub embeddings_model: String,
    /// How much the embeddings count beside the MT's n-grams.
    #[serde(default = "default_embeddings_weight")]
    pub embeddings_weight: f32,
    /// The environment variable holding the embeddings API key, if the server wants one.
    pub embeddings_api_key_env: Option<String>,
}

/// `[drift]`: the checks' inputs and the threshold for CI.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DriftConfig {
    /// A TSV of `source term<TAB>required target term` lines.
    pub glossary: Option<PathBuf>,
    /// Target terms that must not appear, one per line.
    pub forbidden: Option<PathBuf>,
    /// Exit with code 1 when a job's drift score (percent of sentences in beads with a
    /// major or critical finding) is above this.
    pub threshold: Option<f64>,
}

/// A job's `mt`: a file of translations (`mt = "mt.txt"`), or a table of `[mt]` keys
/// that override the global ones for this job.
#[derive(Debug, Clone)]
pub struct JobMt(pub MtOptions);

impl<'de> Deserialize<'de> for JobMt {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = JobMt;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a file of translations, or a table of [mt] keys")
            }
            fn visit_str<E: serde::de::Error>(self, path: &str) -> std::result::Result<JobMt, E> {
                Ok(JobMt(MtOptions {
                    provider: Some(ProviderName::File),
                    file: Some(PathBuf::from(path)),
                    ..Default::default()
                }))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> std::result::Result<JobMt, A::Error> {
                MtOptions::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(JobMt)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A `[[job]]` table: one document pair and what it sets for itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobTable {
    pub name: Spanned<String>,
    pub source: PathBuf,
    pub translation: PathBuf,
    /// The MT for this job: a file with one line per source sentence, or a table of
    /// `[mt]` keys overriding the global ones.
    pub mt: Option<Spanned<JobMt>>,
    pub source_lang: Option<Spanned<String>>,
    pub target_lang: Option<Spanned<String>>,
    /// Overrides `[segment] presegmented` for this job.
    pub presegmented: Option<bool>,
    /// Overrides `[input] encoding` for this job.
    pub encoding: Option<String>,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            method: Default::default(),
            embeddings_url: None,
            embeddings_model: default_embeddings_model(),
            embeddings_weight: embeddings::DEFAULT_WEIGHT,
            embeddings_api_key_env: None,
        }
    }
}

fn default_embeddings_model() -> String {
    embeddings::DEFAULT_MODEL.to_string()
}

fn default_embeddings_weight() -> f32 {
    embeddings::DEFAULT_WEIGHT
}

impl AlignConfig {
    /// The align stage's settings; `cache`: where the encoder's embeddings are kept.
    fn options(&self, cache: PathBuf) -> AlignOptions {
        AlignOptions {
            method: self.method,
            encoder: EncoderOptions { cache: Some(cache) },
            embeddings: self.embeddings_url.as_ref().map(|url| EmbeddingsOptions {
                endpoint: EmbeddingsEndpoint {
                    url: url.clone(),
                    model: self.embeddings_model.clone(),
                    api_key_env: self.embeddings_api_key_env.clone(),
                },
                weight: self.embeddings_weight,
            }),
        }
    }
}

fn default_output() -> PathBuf {
    PathBuf::from("aligned")
}

fn default_max_bytes() -> u64 {
    DEFAULT_MAX_BYTES
}

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let reason =
                if e.kind() == std::io::ErrorKind::NotFound { "no such file".to_string() } else { e.to_string() };
            Error::config(path, format!("cannot read the configuration: {reason}"))
        })?;
        let mut config = Config::parse(path, &text)?;
        config.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    /// Parses configuration text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            // toml's message already names the line, the column and the key.
            Error::config(path, e.to_string().trim_end().replace('\n', "\n  "))
        })?;
        config.hash = format!("fnv1a64:{:016x}", crate::hashing::fnv1a64(text.as_bytes()));
        config.check(path, text)?;
        Ok(config)
    }

    fn check(&self, path: &Path, text: &str) -> Result<()> {
        let at = |span: std::ops::Range<usize>, key: &str, message: String| {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            Error::config(path, format!("line {line}, key `{key}`: {message}"))
        };
        let check_lang = |code: &Spanned<String>, key: &str| -> Result<()> {
            match lang::known_code(code.get_ref()) {
                Some(_) => Ok(()),
                None => Err(at(
                    code.span(),
                    key,
                    format!("unknown language code `{}` (use ISO 639-1, e.g. en, zh, ko)", code.get_ref()),
                )),
            }
        };
        for code in &self.input.langs {
            check_lang(code, "input.langs")?;
        }
        let mut names = HashSet::new();
        for job in &self.jobs {
            let name = job.name.get_ref();
            if !valid_job_name(name) {
                return Err(at(
                    job.name.span(),
                    "job.name",
                    format!("`{name}` cannot be a directory name: use letters, digits, `-`, `_` and `.`"),
                ));
            }
            if !names.insert(name.as_str()) {
                return Err(at(job.name.span(), "job.name", format!("a job named `{name}` is already defined")));
            }
            for (code, key) in [(&job.source_lang, "job.source_lang"), (&job.target_lang, "job.target_lang")] {
                if let Some(code) = code {
                    check_lang(code, key)?;
                }
            }
            if let Some(problem) = self.job_mt(job).file_problem(&format!("job `{name}`")) {
                let span = job.mt.as_ref().map(|m| m.span()).unwrap_or(job.name.span());
                return Err(at(span, "job.mt", problem));
            }
        }
        if self.jobs.is_empty() {
            return Err(Error::config(
                path,
                "defines no [[job]]: add one with `name`, `source` and `translation` (as the example config.toml does)",
            ));
        }
        Ok(())
    }

    /// The jobs of the file (only `only` when given), each with the settings of every
    /// stage composed from the file's sections and the job's own keys.
    pub fn jobs(&self, only: Option<&str>) -> Result<Vec<Job>> {
        if let Some(name) = only {
            if !self.jobs.iter().any(|j| j.name.get_ref() == name) {
                let known: Vec<&str> = self.jobs.iter().map(|j| j.name.get_ref().as_str()).collect();
                return Err(Error::Usage(format!(
                    "no job named `{name}` in the configuration (jobs: {})",
                    known.join(", ")
                )));
            }
        }
        let glossary = self.glossary()?.map(Arc::new);
        let output_root = self.resolve(&self.output);
        let jobs = self.jobs.iter().filter(|j| only.is_none_or(|n| n == j.name.get_ref()));
        Ok(jobs
            .map(|job| {
                let name = job.name.get_ref().clone();
                let mut mt = self.job_mt(job);
                mt.file = mt.file.map(|f| self.resolve(&f));
                mt.cache = mt.cache.map(|c| self.resolve(&c));
                let cache = mt.cache.clone().unwrap_or_else(|| self.cache_dir());
                Job {
                    input: PairInput {
                        source: self.resolve(&job.source),
                        translation: self.resolve(&job.translation),
                        source_lang: job.source_lang.as_ref().map(|s| s.get_ref().clone()),
                        target_lang: job.target_lang.as_ref().map(|s| s.get_ref().clone()),
                        job: Some(name.clone()),
                        config_hash: Some(self.hash.clone()),
                    },
                    mt,
                    options: PairOptions {
                        load: LoadOptions {
                            encoding: job.encoding.clone().or_else(|| self.input.encoding.clone()),
                            max_bytes: self.input.max_bytes,
                        },
                        langs: self.langs(),
                        segment: SegmentOptions { presegmented: job.presegmented.unwrap_or(self.segment.presegmented) },
                        align: self.align.options(cache),
                        glossary: glossary.clone(),
                    },
                    output: Some(Output { dir: output_root.join(&name), report: self.report.clone() }),
                    name,
                }
            })
            .collect())
    }

    /// Where the MT cache is kept when `[mt] cache` names no directory: `.cache` in the
    /// output directory.
    pub fn cache_dir(&self) -> PathBuf {
        self.resolve(&self.output).join(".cache")
    }

    /// The MT settings of `job`: `[mt]` with the job's own keys over it.
    fn job_mt(&self, job: &JobTable) -> MtOptions {
        match &job.mt {
            Some(over) => self.mt.overridden_by(&over.get_ref().0),
            None => self.mt.clone(),
        }
    }

    /// A path from the file, resolved against the file's directory.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base_dir.join(path)
        }
    }

    /// The glossary of `[drift]`, if it names one.
    fn glossary(&self) -> Result<Option<Glossary>> {
        let (g, f) = (&self.drift.glossary, &self.drift.forbidden);
        if g.is_none() && f.is_none() {
            return Ok(None);
        }
        let g = g.as_ref().map(|p| self.resolve(p));
        let f = f.as_ref().map(|p| self.resolve(p));
        Glossary::load(g.as_deref(), f.as_deref()).map(Some)
    }

    /// The allow-list as plain codes.
    fn langs(&self) -> Vec<String> {
        self.input.langs.iter().map(|s| s.get_ref().clone()).collect()
    }
}

fn valid_job_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("config.toml"), text)
    }

    #[test]
    fn defaults_and_jobs() {
        let c = parse("[[job]]\nname = \"a\"\nsource = \"s.txt\"\ntranslation = \"t.txt\"\n").unwrap();
        assert_eq!(c.output, PathBuf::from("aligned"));
        assert_eq!(c.mt.provider(), ProviderName::None);
        assert_eq!(c.jobs[0].name.get_ref(), "a");
        assert_eq!(c.input.max_bytes, DEFAULT_MAX_BYTES);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err =
            parse("output = \"x\"\n\n[segment]\npresegmented = true\nsplit_harder = 1\n").unwrap_err().to_string();
        assert!(err.contains("line 5") && err.contains("split_harder"), "{err}");
    }

    #[test]
    fn bad_values_name_key_and_line() {
        let err = parse("[mt]\nprovider = \"babelfish\"\n").unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("babelfish"), "{err}");
        let err = parse("[input]\nmax_bytes = -5\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        let err = parse("[input]\nlangs = [\"en\",\n \"klingon\"]\n").unwrap_err().to_string();
        assert!(err.contains("line 3") && err.contains("input.langs"), "{err}");
        let err = parse("[[job]]\nname = \"../x\"\nsource = \"a\"\ntranslation = \"b\"\n").unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("job.name"), "{err}");
    }

    #[test]
    fn a_file_without_jobs_is_refused_by_name() {
        let err = parse("output = \"x\"\n").unwrap_err().to_string();
        assert!(err.starts_with("config.toml: defines no [[job]]"), "{err}");
    }

    #[test]
    fn duplicate_jobs_and_missing_mt_files_are_refused() {
        let job = "[[job]]\nname = \"a\"\nsource = \"s\"\ntranslation = \"t\"\n";
        assert!(parse(&format!("{job}{job}")).unwrap_err().to_string().contains("already defined"));
        let err = parse(&format!("[mt]\nprovider = \"file\"\n{job}")).unwrap_err().to_string();
        assert!(err.contains("job.mt"), "{err}");
    }

    #[test]
    fn jobs_override_mt_keys() {
        let text = "[mt]\nprovider = \"apertium\"\nbatch_size = 10\n\
                    [[job]]\nname = \"a\"\nsource = \"s\"\ntranslation = \"t\"\nmt = { endpoint = \"http://h:1\", concurrency = 3 }\n\
                    [[job]]\nname = \"b\"\nsource = \"s\"\ntranslation = \"t\"\nmt = \"b.mt\"\n\
                    [[job]]\nname = \"c\"\nsource = \"s\"\ntranslation = \"t\"\n";
        let c = parse(text).unwrap();
        let a = c.job_mt(&c.jobs[0]);
        assert_eq!(
            (a.provider(), a.endpoint.as_deref(), a.batch_size, a.concurrency),
            (ProviderName::Apertium, Some("http://h:1"), Some(10), Some(3))
        );
        let b = c.job_mt(&c.jobs[1]);
        assert_eq!((b.provider(), b.file.as_deref()), (ProviderName::File, Some(Path::new("b.mt"))));
        assert_eq!(c.job_mt(&c.jobs[2]).endpoint, None);
        let err = parse("[[job]]\nname = \"a\"\nsource = \"s\"\ntranslation = \"t\"\nmt = { endpont = \"x\" }\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("endpont") && err.contains("line 5"), "{err}");
    }
}
