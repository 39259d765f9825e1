//! Jobs from `config.toml`: each job's pair goes through the pipeline into
//! `<output>/<job name>/`. Jobs run side by side; jobs with the same MT settings share
//! one client (so one concurrency limit and one pacing) and every job shares the cache.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::config::{Config, Job};
use crate::document::LoadOptions;
use crate::drift::terms::Glossary;
use crate::error::{Error, Result};
use crate::mt::Clients;
use crate::pipeline::{self, Alignment, PairInput, PairOptions};
use crate::segment::SegmentOptions;

/// The result of one job: where it was written, or why it failed.
pub struct JobOutcome {
    pub name: String,
    pub dir: PathBuf,
    pub result: Result<Alignment>,
}

/// Most jobs in progress at once: each is parallel inside already, so two keep both
/// cores and an MT server busy without piling up memory.
const PARALLEL_JOBS: usize = 2;

/// Runs the jobs of `config` (only `only` when given), each independently: one job's
/// bad input or failed MT does not stop the others. `progress`: MT progress bars on a
/// terminal.
pub fn run_jobs(config: &Config, only: Option<&str>, progress: bool) -> Result<Vec<JobOutcome>> {
    if let Some(name) = only {
        if !config.jobs.iter().any(|j| j.name.get_ref() == name) {
            let known: Vec<&str> = config.jobs.iter().map(|j| j.name.get_ref().as_str()).collect();
            return Err(Error::Usage(format!(
                "no job named `{name}` in the configuration (jobs: {})",
                known.join(", ")
            )));
        }
    }
    let jobs: Vec<&Job> = config.jobs.iter().filter(|j| only.is_none_or(|n| n == j.name.get_ref())).collect();
    let glossary = config.glossary()?.map(std::sync::Arc::new);
    let output_root = config.resolve(&config.output);
    let clients = Clients::new(&config.base_dir, output_root.join(".cache"), progress);
    let outcomes: Vec<Mutex<Option<JobOutcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL_JOBS.min(jobs.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                *outcomes[i].lock().expect("not poisoned") = Some(run_job(config, job, &clients, &glossary));
            });
        }
    });
    Ok(outcomes.into_iter().map(|o| o.into_inner().expect("not poisoned").expect("every job ran")).collect())
}

fn run_job(config: &Config, job: &Job, clients: &Clients, glossary: &Option<std::sync::Arc<Glossary>>) -> JobOutcome {
    let name = job.name.get_ref().clone();
    let dir = config.resolve(&config.output).join(&name);
    let result = clients.source(&config.job_mt(job)).and_then(|mt| {
        let input = PairInput {
            source: config.resolve(&job.source),
            translation: config.resolve(&job.translation),
            mt,
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
            glossary: glossary.clone(),
        };
        let mut run = pipeline::align_pair(&input, &options)?;
        pipeline::write(&mut run, &dir, &config.report.formats)?;
        Ok(run)
    });
    JobOutcome { name, dir, result }
}
