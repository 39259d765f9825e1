//! One job, assembled in one place: its settings through the pipeline, every output into
//! its run directory, the review's report brought up to date, and `run.json` last. The
//! `align`, `run` and `eval` commands all go through [`execute`]; [`run_all`] runs many
//! side by side.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use crate::error::Result;
use crate::mt::{Clients, MtOptions};
use crate::pipeline::{self, PairInput, PairOptions};
use crate::report::run_json::{RunJson, RunRecord};
use crate::report::{self, Format, ReportOptions};
use crate::review;
use crate::run::Run;

/// One document pair with the settings of every stage, and where its outputs go.
#[derive(Debug, Clone)]
pub struct Job {
    /// The job's name (`[[job]] name`), or a name for messages (the source's path).
    pub name: String,
    pub input: PairInput,
    /// Where the MT of the source comes from.
    pub mt: MtOptions,
    pub options: PairOptions,
    /// The run directory and its reports; none: nothing is written.
    pub output: Option<Output>,
}

/// Where a job's outputs go, and which reports it writes.
#[derive(Debug, Clone)]
pub struct Output {
    pub dir: PathBuf,
    pub report: ReportOptions,
}

/// Runs `job`, its MT through `clients`: the pipeline, then the outputs (when it has a
/// run directory), `run.json` last so that its presence means the run finished.
pub fn execute(job: &Job, clients: &Clients) -> Result<Run> {
    let mt = clients.source(&job.mt)?;
    let mut run = pipeline::align_pair(&job.input, &mt, &job.options)?;
    if let Some(output) = &job.output {
        let started = Instant::now();
        report::write_all(&run, &output.dir, &output.report)?;
        // A run reviewed before keeps its review marks in report.html.
        if output.report.formats.contains(&Format::Html) && output.dir.join(review::session::FILE_NAME).exists() {
            review::session::Session::open_with(&output.dir, Some(RunRecord::of(&run)))?.refresh_report()?;
        }
        run.timings.insert("write", pipeline::ms(started.elapsed()));
        report::write(&RunJson, &run, &output.dir)?;
    }
    Ok(run)
}

/// Most jobs in progress at once: each is parallel inside already, so two keep both
/// cores and an MT server busy without piling up memory.
const PARALLEL_JOBS: usize = 2;

/// Runs `jobs` side by side, each independently: one job's bad input or failed MT does
/// not stop the others. Jobs with the same MT settings share one client of `clients`
/// (one concurrency limit, one pacing). The results come in the jobs' order.
pub fn run_all(jobs: &[Job], clients: &Clients) -> Vec<Result<Run>> {
    let outcomes: Vec<Mutex<Option<Result<Run>>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL_JOBS.min(jobs.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                *outcomes[i].lock().expect("not poisoned") = Some(execute(job, clients));
            });
        }
    });
    outcomes.into_iter().map(|o| o.into_inner().expect("not poisoned").expect("every job ran")).collect()
}
