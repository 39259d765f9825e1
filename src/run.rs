//! Jobs from `config.toml`: each job's pair goes through the pipeline into
//! `<output>/<job name>/`.

use std::path::PathBuf;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::pipeline::{self, Alignment, PairInput, PairOptions};
use crate::document::LoadOptions;
use crate::segment::SegmentOptions;

/// The result of one job: where it was written, or why it failed.
pub struct JobOutcome {
    pub name: String,
    pub dir: PathBuf,
    pub result: Result<Alignment>,
}

/// Runs the jobs of `config` (only `only` when given), each independently: one job's
/// bad input does not stop the others.
pub fn run_jobs(config: &Config, only: Option<&str>) -> Result<Vec<JobOutcome>> {
    if let Some(name) = only {
        if !config.jobs.iter().any(|j| j.name.get_ref() == name) {
            let known: Vec<&str> = config.jobs.iter().map(|j| j.name.get_ref().as_str()).collect();
            return Err(Error::Usage(format!("no job named `{name}` in the configuration (jobs: {})", known.join(", "))));
        }
    }
    if config.jobs.is_empty() {
        return Err(Error::Usage("the configuration defines no [[job]]".to_string()));
    }
    let output_root = config.resolve(&config.output);
    let mut outcomes = Vec::new();
    for job in config.jobs.iter().filter(|j| only.is_none_or(|n| n == j.name.get_ref())) {
        let name = job.name.get_ref().clone();
        let input = PairInput {
            source: config.resolve(&job.source),
            translation: config.resolve(&job.translation),
            mt: job.mt.as_ref().map(|p| config.resolve(p)),
            source_lang: job.source_lang.as_ref().map(|s| s.get_ref().clone()),
            target_lang: job.target_lang.as_ref().map(|s| s.get_ref().clone()),
            job: Some(name.clone()),
            config_hash: Some(config.hash.clone()),
        };
        let options = PairOptions {
            load: LoadOptions {
                encoding: job.encoding.clone().or_else(|| config.input.encoding.clone()),
                max_bytes: config.input.max_bytes,
            },
            langs: config.langs(),
            segment: SegmentOptions { presegmented: job.presegmented.unwrap_or(config.segment.presegmented) },
            aligner: config.align.method,
            embeddings: config.align.embeddings(),
        };
        let dir = output_root.join(&name);
        let result = pipeline::align_pair(&input, &options).and_then(|mut run| {
            pipeline::write(&mut run, &dir)?;
            Ok(run)
        });
        outcomes.push(JobOutcome { name, dir, result });
    }
    Ok(outcomes)
}
