//! The `driftalign` command: a thin shell over the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use driftalign::align::{AlignOptions, Method};
use driftalign::config::Config;
use driftalign::document::{Document, LoadOptions, DEFAULT_MAX_BYTES};
use driftalign::drift::terms::Glossary;
use driftalign::embeddings::{self, EmbeddingsEndpoint, EmbeddingsOptions};
use driftalign::encoder::EncoderOptions;
use driftalign::error::{exit, Error};
use driftalign::job::{self, Job, Output};
use driftalign::lang::{Detector, DocumentLanguage};
use driftalign::mt::{Clients, MtOptions, ProviderName};
use driftalign::pipeline::{PairInput, PairOptions};
use driftalign::plural::count;
use driftalign::report::{terminal, Format, ReportOptions};
use driftalign::review::StatusFilter;
use driftalign::run::Run;
use driftalign::segment::SegmentOptions;
use serde::Serialize;

/// Find where an existing translation has drifted from its source.
#[derive(Parser)]
#[command(name = "driftalign", version, about, propagate_version = true)]
struct Cli {
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Detect the language of each document and of each of its paragraphs.
    Detect(DetectArgs),
    /// Split a document into sentences: one per line, or JSON with byte offsets.
    Segment(SegmentArgs),
    /// Align a source document with its existing translation.
    Align(Box<AlignArgs>),
    /// Run the jobs of a configuration file.
    Run(RunArgs),
    /// Align every document of an evaluation set and score it against its gold beads.
    Eval(EvalArgs),
    /// Review a finished run in the browser: accept, reject, comment, edit, fix alignments.
    Review(ReviewArgs),
    /// Write the reviewed result of a run (edits applied, comments as notes).
    Export(ExportArgs),
}

#[derive(Args)]
struct ReviewArgs {
    /// The run's output directory (where alignment.jsonl and sentences.json are).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// The address to listen on. Anything but the loopback address exposes the run's
    /// text, and the power to change its review, to the network.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
}

#[derive(Args)]
struct ExportArgs {
    /// The run's output directory.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Which beads to keep: by default all but the rejected ones.
    #[arg(long, value_enum, default_value_t = StatusArg::Reviewed)]
    status: StatusArg,
    /// Write here instead of to standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Options for reading documents.
#[derive(Args)]
struct InputArgs {
    /// Read files in this encoding instead of detecting it (utf-8, utf-16le, gb18030, gbk,
    /// big5, euc-kr, shift_jis, ...).
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Only consider these languages (ISO 639-1 codes, comma-separated), e.g. en,zh,ko.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    langs: Vec<String>,
}

impl InputArgs {
    fn load_options(&self) -> LoadOptions {
        LoadOptions { encoding: self.encoding.clone(), max_bytes: self.max_bytes }
    }
}

/// Options for the optional embeddings signal of the MT-guided aligner.
#[derive(Args)]
struct EmbeddingsArgs {
    /// An OpenAI-compatible embeddings URL (e.g. http://127.0.0.1:8765/v1/embeddings):
    /// sentence embeddings as a second signal beside the MT.
    #[arg(long, value_name = "URL")]
    embeddings: Option<String>,
    /// The embeddings model name to send.
    #[arg(long, value_name = "NAME", default_value = embeddings::DEFAULT_MODEL)]
    embeddings_model: String,
    /// How much the embeddings count beside the MT's n-grams.
    #[arg(long, value_name = "W", default_value_t = embeddings::DEFAULT_WEIGHT)]
    embeddings_weight: f32,
}

impl EmbeddingsArgs {
    /// The align stage's settings; `cache`: where the encoder's embeddings are kept.
    fn align_options(&self, aligner: AlignerArg, cache: PathBuf) -> AlignOptions {
        AlignOptions {
            method: aligner.into(),
            encoder: EncoderOptions { cache: Some(cache) },
            embeddings: self.embeddings.as_ref().map(|url| EmbeddingsOptions {
                endpoint: EmbeddingsEndpoint {
                    url: url.clone(),
                    model: self.embeddings_model.clone(),
                    api_key_env: None,
                },
                weight: self.embeddings_weight,
            }),
        }
    }
}

/// Where the MT of the source comes from.
#[derive(Args)]
struct MtArgs {
    /// Machine translation of the source, one line per source sentence (the `file` provider).
    #[arg(long, value_name = "FILE", conflicts_with = "provider")]
    mt: Option<PathBuf>,
    /// Translate the source with this MT provider.
    #[arg(long, value_enum, value_name = "NAME")]
    provider: Option<ProviderArg>,
    /// The provider's base URL (each has a default except openai).
    #[arg(long, value_name = "URL", requires = "provider")]
    endpoint: Option<String>,
    /// The model to ask for (openai).
    #[arg(long, value_name = "NAME", requires = "provider")]
    model: Option<String>,
    /// The environment variable holding the provider's API key.
    #[arg(long, value_name = "VAR", requires = "provider")]
    api_key_env: Option<String>,
    /// A contact e-mail sent with requests (mymemory: raises its daily quota).
    #[arg(long, value_name = "ADDRESS", requires = "provider")]
    email: Option<String>,
    /// Most sentences per request.
    #[arg(long, value_name = "N", requires = "provider", value_parser = clap::value_parser!(u64).range(1..))]
    batch_size: Option<u64>,
    /// Requests in flight at once.
    #[arg(long, value_name = "N", requires = "provider", value_parser = clap::value_parser!(u64).range(1..))]
    concurrency: Option<u64>,
    /// The cache directory of translations and sentence embeddings (default: .cache
    /// inside --out).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
}

impl MtArgs {
    fn options(&self) -> MtOptions {
        MtOptions {
            provider: self.provider.map(ProviderName::from).or(self.mt.as_ref().map(|_| ProviderName::File)),
            file: self.mt.clone(),
            endpoint: self.endpoint.clone(),
            model: self.model.clone(),
            api_key_env: self.api_key_env.clone(),
            email: self.email.clone(),
            batch_size: self.batch_size.map(|n| n as usize),
            concurrency: self.concurrency.map(|n| n as usize),
            cache: self.cache.clone(),
            ..MtOptions::default()
        }
    }
}

#[derive(Args)]
struct DetectArgs {
    /// Print a JSON array, one object per file.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    input: InputArgs,
    /// The documents.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Args)]
struct SegmentArgs {
    /// The document's language (ISO 639-1), instead of detecting it.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Every non-empty line is one sentence.
    #[arg(long)]
    presegmented: bool,
    /// Print a JSON array of segments with `id`, `paragraph`, `start`, `end` (byte
    /// offsets into the normalised text) and `text`.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    input: InputArgs,
    /// The document.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

#[derive(Args)]
struct AlignArgs {
    /// The source document.
    #[arg(long, value_name = "FILE")]
    src: PathBuf,
    /// The existing translation.
    #[arg(long, value_name = "FILE")]
    tgt: PathBuf,
    #[command(flatten)]
    mt: MtArgs,
    /// The source language (ISO 639-1), instead of detecting it.
    #[arg(long, value_name = "CODE")]
    src_lang: Option<String>,
    /// The translation's language (ISO 639-1), instead of detecting it.
    #[arg(long, value_name = "CODE")]
    tgt_lang: Option<String>,
    /// Every non-empty line is one sentence (the format of alignment evaluation data).
    #[arg(long)]
    presegmented: bool,
    /// auto: MT-guided when there is MT, length-based otherwise; length: always length-based.
    #[arg(long, value_enum, default_value_t = AlignerArg::Auto)]
    aligner: AlignerArg,
    #[command(flatten)]
    embeddings: EmbeddingsArgs,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    drift: DriftArgs,
    /// The directory to write the alignment, the reports and run.json into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// The drift checks and the reports.
#[derive(Args)]
struct DriftArgs {
    /// A glossary: `source term<TAB>required target term` per line.
    #[arg(long, value_name = "TSV")]
    glossary: Option<PathBuf>,
    /// Target terms that must not appear, one per line.
    #[arg(long, value_name = "FILE")]
    forbidden: Option<PathBuf>,
    /// Exit with code 1 when the drift score (percent of sentences in beads with a major
    /// or critical finding) is above this.
    #[arg(long, value_name = "PERCENT")]
    drift_threshold: Option<f64>,
    /// Which reports to write besides alignment.jsonl, alignment.align and run.json.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMATS", default_values_t = FormatArg::value_variants().to_vec())]
    format: Vec<FormatArg>,
}

#[derive(Args)]
struct EvalArgs {
    /// The set: set.toml, src/, tgt/, and optionally mt/ and gold/.
    #[arg(value_name = "SETDIR")]
    set: PathBuf,
    /// Where to write <doc>.align for every document, and eval.json.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// auto: MT-guided when the set has mt/, length-based otherwise; length: always length-based.
    #[arg(long, value_enum, default_value_t = AlignerArg::Auto)]
    aligner: AlignerArg,
    /// Ignore the set's mt/: align as with no MT at all.
    #[arg(long)]
    no_mt: bool,
    #[command(flatten)]
    embeddings: EmbeddingsArgs,
}

#[derive(Args)]
struct RunArgs {
    /// The configuration file.
    #[arg(long, value_name = "FILE", default_value = "config.toml")]
    config: PathBuf,
    /// Run only this job.
    #[arg(long, value_name = "NAME")]
    job: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Detect(args) => detect(&args),
        Command::Segment(args) => segment(&args),
        Command::Align(args) => align(&args, cli.quiet),
        Command::Run(args) => run_jobs(&args, cli.quiet),
        Command::Eval(args) => eval(&args),
        Command::Review(args) => review(&args),
        Command::Export(args) => export(&args),
    };
    ExitCode::from(code as u8)
}

fn report_error(e: &Error) -> i32 {
    eprintln!("driftalign: error: {e}");
    e.exit_code()
}

#[derive(Serialize)]
struct DetectRecord<'a> {
    path: String,
    encoding: &'static str,
    #[serde(flatten)]
    language: &'a DocumentLanguage,
}

fn detect(args: &DetectArgs) -> i32 {
    let detector = match Detector::new(&args.input.langs) {
        Ok(d) => d,
        Err(e) => return report_error(&e),
    };
    let options = args.input.load_options();
    let mut code = exit::OK;
    let mut results = Vec::new();
    for path in &args.files {
        match Document::load(path, &options) {
            Ok(doc) => {
                let language = detector.detect_document(&doc);
                results.push((path.display().to_string(), doc.encoding, language));
            }
            Err(e) => code = code.max(report_error(&e)),
        }
    }
    let records: Vec<DetectRecord> = results
        .iter()
        .map(|(path, encoding, language)| DetectRecord { path: path.clone(), encoding, language })
        .collect();
    let mut out = std::io::stdout().lock();
    if args.json {
        let _ = serde_json::to_writer_pretty(&mut out, &records);
        let _ = writeln!(out);
    } else if !records.is_empty() {
        let width = records.iter().map(|r| r.path.chars().count()).max().unwrap_or(4).max(4);
        let _ = writeln!(out, "{:width$}  LANG  CONF   MIXED  ENCODING      PARAGRAPHS  LANGUAGES", "FILE");
        for r in &records {
            let languages: Vec<String> =
                r.language.languages.iter().map(|l| format!("{} {:.0}%", l.lang, l.share * 100.0)).collect();
            let _ = writeln!(
                out,
                "{:width$}  {:4}  {:5.3}  {:5}  {:12}  {:10}  {}",
                r.path,
                r.language.lang,
                r.language.confidence,
                if r.language.mixed { "yes" } else { "no" },
                r.encoding,
                r.language.paragraphs.len(),
                languages.join(", ")
            );
        }
    }
    code
}

fn segment(args: &SegmentArgs) -> i32 {
    let result = (|| -> driftalign::Result<Vec<driftalign::segment::Segment>> {
        let detector = Detector::new(&args.input.langs)?;
        let doc = Document::load(&args.file, &args.input.load_options())?;
        let lang = match &args.lang {
            Some(code) => driftalign::lang::known_code(code)
                .ok_or_else(|| Error::Usage(format!("--lang: unknown language code `{code}`")))?,
            None => detector.detect_document(&doc).lang,
        };
        Ok(driftalign::segment::segment(&doc, lang, &SegmentOptions { presegmented: args.presegmented }))
    })();
    let segments = match result {
        Ok(s) => s,
        Err(e) => return report_error(&e),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let _ = serde_json::to_writer_pretty(&mut out, &segments);
        let _ = writeln!(out);
    } else {
        for s in &segments {
            // A segment of hard-wrapped prose keeps its line breaks in the text; one line each here.
            let _ = writeln!(out, "{}", s.text.replace('\n', " "));
        }
    }
    exit::OK
}

fn align(args: &AlignArgs, quiet: bool) -> i32 {
    let glossary = match (&args.drift.glossary, &args.drift.forbidden) {
        (None, None) => None,
        (g, f) => match Glossary::load(g.as_deref(), f.as_deref()) {
            Ok(g) => Some(std::sync::Arc::new(g)),
            Err(e) => return report_error(&e),
        },
    };
    let job = Job {
        name: args.src.display().to_string(),
        input: PairInput {
            source: args.src.clone(),
            translation: args.tgt.clone(),
            source_lang: args.src_lang.clone(),
            target_lang: args.tgt_lang.clone(),
            job: None,
            config_hash: None,
        },
        mt: args.mt.options(),
        options: PairOptions {
            load: args.input.load_options(),
            langs: args.input.langs.clone(),
            segment: SegmentOptions { presegmented: args.presegmented },
            align: args
                .embeddings
                .align_options(args.aligner, args.mt.cache.clone().unwrap_or_else(|| args.out.join(".cache"))),
            glossary,
        },
        output: Some(Output {
            dir: args.out.clone(),
            report: ReportOptions { formats: args.drift.format.iter().map(|&f| f.into()).collect() },
        }),
    };
    let clients = Clients::new(args.out.join(".cache"), !quiet);
    match job::execute(&job, &clients) {
        Ok(run) => {
            if !quiet {
                print!("{}", terminal::summary(&run, &args.out, std::io::stdout().is_terminal()));
            }
            drift_code(&run, args.drift.drift_threshold)
        }
        Err(e) => report_error(&e),
    }
}

fn run_jobs(args: &RunArgs, quiet: bool) -> i32 {
    let loaded = Config::load(&args.config).and_then(|config| Ok((config.jobs(args.job.as_deref())?, config)));
    let (jobs, config) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return report_error(&e),
    };
    let clients = Clients::new(config.cache_dir(), !quiet);
    let mut code = exit::OK;
    for (job, result) in jobs.iter().zip(job::run_all(&jobs, &clients)) {
        match result {
            Ok(run) => {
                if !quiet {
                    let dir = job.output.as_ref().map(|o| o.dir.clone()).unwrap_or_default();
                    print!("{}: {}", job.name, terminal::summary(&run, &dir, std::io::stdout().is_terminal()));
                }
                code = code.max(drift_code(&run, config.drift.threshold));
            }
            Err(e) => {
                eprint!("{}: ", job.name);
                code = code.max(report_error(&e));
            }
        }
    }
    code
}

fn review(args: &ReviewArgs) -> i32 {
    let loopback = matches!(args.host.as_str(), "127.0.0.1" | "::1" | "localhost");
    if !loopback {
        eprintln!(
            "driftalign: WARNING: listening on {} makes this run's documents readable, and its review changeable, by anyone who can reach this machine",
            args.host
        );
    }
    let result = driftalign::review::server::serve(&args.dir, &args.host, args.port, |url| {
        println!("reviewing {} at {url} (Ctrl-C to stop)", args.dir.display());
        let _ = std::io::stdout().flush();
    });
    match result {
        Ok(()) => exit::OK,
        Err(e) => report_error(&e),
    }
}

fn export(args: &ExportArgs) -> i32 {
    let bytes = match driftalign::review::export(&args.dir, args.format.into(), args.status.into()) {
        Ok(b) => b,
        Err(e) => return report_error(&e),
    };
    let written = match &args.out {
        Some(path) => driftalign::atomic::write(path, &bytes),
        None => std::io::stdout().write_all(&bytes).map_err(|e| Error::output(Path::new("<stdout>"), e)),
    };
    match written {
        Ok(()) => exit::OK,
        Err(e) => report_error(&e),
    }
}

/// Exit code 1 when the run's drift score is above the threshold.
fn drift_code(run: &Run, threshold: Option<f64>) -> i32 {
    match threshold {
        Some(t) if run.summary.drift_score > t => {
            eprintln!("driftalign: drift score {:.1}% is above the threshold of {t}%", run.summary.drift_score);
            exit::DRIFT
        }
        _ => exit::OK,
    }
}

fn eval(args: &EvalArgs) -> i32 {
    let options = PairOptions {
        align: args.embeddings.align_options(args.aligner, args.out.join(".cache")),
        ..PairOptions::default()
    };
    let result = match driftalign::eval::evaluate(&args.set, &args.out, &options, !args.no_mt) {
        Ok(r) => r,
        Err(e) => return report_error(&e),
    };
    let line = |name: &str, s: &driftalign::align::evaluate::Scores| {
        format!(
            "{name:12}  strict P {:.3} R {:.3} F1 {:.3}   lax P {:.3} R {:.3} F1 {:.3}",
            s.strict.precision, s.strict.recall, s.strict.f1, s.lax.precision, s.lax.recall, s.lax.f1
        )
    };
    for d in &result.documents {
        match &d.scores {
            Some(s) => println!("{}   ({}, {:.0} ms)", line(&d.doc, s), count(d.beads, "bead"), d.align_ms),
            None => println!("{:12}  {}, no gold ({:.0} ms)", d.doc, count(d.beads, "bead"), d.align_ms),
        }
    }
    if let Some(s) = &result.scores {
        println!("{}", line(&format!("{} (micro)", result.name), s));
        let shapes: Vec<String> =
            result.recall_by_shape.iter().map(|(shape, (hit, all))| format!("{shape} {hit}/{all}")).collect();
        println!("gold beads found exactly, by shape: {}", shapes.join(", "));
    }
    exit::OK
}

// The flags' value names, mapped to the library's settings (which know nothing of the
// command line).

/// `--aligner`.
#[derive(Clone, Copy, ValueEnum)]
enum AlignerArg {
    /// The sentence encoder (source and MT against the translation) with the MT's
    /// character n-grams; without the encoder installed, the n-grams alone.
    Auto,
    /// The MT's character n-grams alone: fastest (lengths alone without MT).
    Ngram,
    /// Length-based (Gale-Church with number anchors), on MT lengths when there is MT.
    Length,
}

impl From<AlignerArg> for Method {
    fn from(arg: AlignerArg) -> Method {
        match arg {
            AlignerArg::Auto => Method::Auto,
            AlignerArg::Ngram => Method::Ngram,
            AlignerArg::Length => Method::Length,
        }
    }
}

/// `--provider`.
#[derive(Clone, Copy, ValueEnum)]
enum ProviderArg {
    /// No MT: the length-based aligner, no `mt_text`.
    None,
    /// A file with one translation per source sentence.
    File,
    /// Apertium APy (rule-based; free, self-hostable).
    Apertium,
    /// LibreTranslate (self-hosted or public).
    #[value(name = "libretranslate")]
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

impl From<ProviderArg> for ProviderName {
    fn from(arg: ProviderArg) -> ProviderName {
        match arg {
            ProviderArg::None => ProviderName::None,
            ProviderArg::File => ProviderName::File,
            ProviderArg::Apertium => ProviderName::Apertium,
            ProviderArg::LibreTranslate => ProviderName::LibreTranslate,
            ProviderArg::Deepl => ProviderName::Deepl,
            ProviderArg::Google => ProviderName::Google,
            ProviderArg::Mymemory => ProviderName::Mymemory,
            ProviderArg::Openai => ProviderName::Openai,
        }
    }
}

/// `--format`.
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// report.html: side by side, with filters.
    Html,
    /// alignment.tmx: TMX 1.4b.
    Tmx,
    /// alignment.xlf: XLIFF 2.1.
    Xliff,
    /// alignment.tsv: one row per bead.
    Tsv,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Html => Format::Html,
            FormatArg::Tmx => Format::Tmx,
            FormatArg::Xliff => Format::Xliff,
            FormatArg::Tsv => Format::Tsv,
        }
    }
}

/// `export --status`.
#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    /// Every bead except rejected ones: the reviewed result.
    Reviewed,
    Accepted,
    Rejected,
    NeedsFix,
    /// Every bead.
    All,
}

impl From<StatusArg> for StatusFilter {
    fn from(arg: StatusArg) -> StatusFilter {
        match arg {
            StatusArg::Reviewed => StatusFilter::Reviewed,
            StatusArg::Accepted => StatusFilter::Accepted,
            StatusArg::Rejected => StatusFilter::Rejected,
            StatusArg::NeedsFix => StatusFilter::NeedsFix,
            StatusArg::All => StatusFilter::All,
        }
    }
}
