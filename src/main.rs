//! The `brief` command line: argument parsing, reading inputs, printing.
//! All analysis lives in the library; this file decides only where bytes
//! come from and go to, and how failures are reported and counted.

#![forbid(unsafe_code)]

use brief::io::batch::{self, Input, RecordFields, WalkOptions};
use brief::io::input::{self, ReadOptions, DEFAULT_MAX_BYTES};
use brief::render::{Entry, Format, Renderer, SummaryOptions, Table};
use brief::{Extras, Markup};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  brief show article.txt                      a summary to read at the terminal
  brief analyze article.txt                   pretty JSON brief on a terminal
  brief analyze article.txt | jq '.quotes[]'  one quotation per line of jq output
  brief analyze corpus/*.txt > briefs.jsonl   one compact brief per line
  brief analyze -r corpus/ > briefs.jsonl     every article under corpus/, on all cores
  brief analyze --format csv --table quotes corpus/*.txt > quotes.csv
  brief analyze --format html article.txt > article.html
  brief analyze page.html                     a saved web page: its article text
  brief analyze --input jsonl < docs.jsonl    one brief per {\"id\", \"text\"} record
  cat article.txt | brief analyze -           read standard input
  brief analyze --with sentences,tokens a.txt include the segmentation
  brief schema                                the JSON Schema of the output

Exit status: 0 when every input was analysed, 1 when any input failed
(each failure is reported on stderr and the other inputs are still
processed), 2 for a usage error.";

#[derive(Parser)]
#[command(
    name = "brief",
    version,
    about = "Who is in a news story, what they said, and where they stand: a JSON brief of a news article.",
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles (plain text or HTML pages) and print one brief per
    /// article: JSON, a summary, a table or an HTML page.
    #[command(after_help = EXAMPLES)]
    Analyze(AnalyzeArgs),
    /// Print a summary of each article to read at a terminal (the same as
    /// `analyze --format summary`).
    Show(ShowArgs),
    /// Print the JSON Schema of the brief that `analyze` prints.
    Schema,
    /// Tag a CoNLL-2003 column file with entities, for scoring the tagger:
    /// each token line is printed back with the predicted IOB2 tag
    /// (PER, ORG, LOC, MISC) as one more column.
    #[command(after_help = "Example:\n  brief ner --conll dev.txt | python3 conlleval.py")]
    Ner {
        /// The CoNLL file (`-` for standard input).
        #[arg(long, value_name = "FILE")]
        conll: PathBuf,
    },
    /// Tag and parse: print part-of-speech tags and a dependency tree per
    /// sentence as CoNLL-U, of articles (brief's own sentences and tokens,
    /// character offsets in MISC) or of a treebank's given tokens, for
    /// scoring against it.
    #[command(
        after_help = "Examples:\n  brief parse article.txt\n  brief parse --conllu dev.conllu > pred.conllu\n  python3 score_parse.py dev.conllu pred.conllu"
    )]
    Parse {
        /// Read the FORM column of this CoNLL-U file as given tokens, one
        /// sentence per block (`-` for standard input).
        #[arg(long, value_name = "FILE", conflicts_with = "articles")]
        conllu: Option<PathBuf>,
        /// Articles to parse (`-` for standard input); each one's
        /// sentences follow a `# file = PATH` comment.
        #[arg(value_name = "FILE", required_unless_present = "conllu")]
        articles: Vec<PathBuf>,
    },
    /// Print a shell completion script (install it where your shell looks,
    /// e.g. `brief completions bash > ~/.local/share/bash-completion/completions/brief`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): brief(1), or with a command's name its
    /// own page, e.g. `brief man analyze > ~/.local/share/man/man1/brief-analyze.1`.
    Man {
        /// The command whose page to print (`analyze`, `show`, ...).
        command: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Extra {
    Sentences,
    Tokens,
    /// The article text the offsets count in.
    Text,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    /// Colour when printing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// What to print.
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    format: Option<Format>,
    /// Pretty-printed JSON (`--format json`).
    #[arg(long, conflicts_with_all = ["jsonl", "format"])]
    pretty: bool,
    /// One compact JSON object per line (`--format jsonl`).
    #[arg(long, conflicts_with = "format")]
    jsonl: bool,
    /// With --format tsv or csv: which records become rows (default: claims).
    #[arg(long, value_enum, value_name = "TABLE")]
    table: Option<Table>,
    /// Also output, in the JSON: `sentences`, `tokens`, `text` (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "PARTS")]
    with: Vec<Extra>,
    #[command(flatten)]
    summary: SummaryArgs,
    #[command(flatten)]
    inputs: InputArgs,
}

#[derive(clap::Args)]
struct ShowArgs {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    summary: SummaryArgs,
}

#[derive(clap::Args)]
struct SummaryArgs {
    /// In summaries: when to use colour.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    color: ColorArg,
    /// In summaries: every actor, statement and stance, not only the first.
    #[arg(long)]
    all: bool,
}

#[derive(clap::Args)]
struct InputArgs {
    /// Articles to analyse, one per file; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Refuse input that is not valid UTF-8 instead of reading it as Windows-1252.
    #[arg(long)]
    strict_utf8: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Analyse this many articles at once (default: the number of cores).
    /// The output is the same, in input order, whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Analyse the files in folders named as FILE, and in their subfolders.
    #[arg(long, short = 'r')]
    recursive: bool,
    /// Which files to take from folders (with --recursive; default
    /// `*.{txt,html,htm}`, `*.txt` with --input text, `*.{html,htm}` with
    /// --input html).
    #[arg(long, value_name = "GLOB")]
    glob: Option<String>,
    /// What the inputs hold: an article per file, as plain text or an HTML
    /// page (`auto` tells them apart by their start), forced plain `text`,
    /// forced `html`, or one JSON object per line with the article in a
    /// field (`jsonl`; records that are HTML pages are extracted too).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "auto")]
    input: InputFormat,
    /// With --input jsonl: the field that holds the article.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    /// With --input jsonl: the field that identifies it (becomes
    /// `source.path`; the record's file and line when absent).
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// No warnings and no progress bar; errors are still reported.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Auto,
    Text,
    Html,
    Jsonl,
}

/// Writes to stderr without panicking when stderr itself is gone.
fn report(message: std::fmt::Arguments) {
    let _ = writeln!(io::stderr().lock(), "brief: {message}");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => {
            let renderer = analyze_renderer(&args);
            let extras = Extras {
                sentences: args.with.contains(&Extra::Sentences) || renderer.format.needs_text(),
                tokens: args.with.contains(&Extra::Tokens),
                text: args.with.contains(&Extra::Text) || renderer.format.needs_text(),
            };
            analyze(args.inputs, renderer, extras)
        }
        Command::Show(args) => {
            let renderer = Renderer {
                format: Format::Summary,
                table: Table::default(),
                summary: summary_options(&args.summary),
            };
            let extras = Extras {
                sentences: true,
                tokens: false,
                text: true,
            };
            analyze(args.inputs, renderer, extras)
        }
        Command::Schema => print_schema(),
        Command::Ner { conll } => tag_conll(&conll),
        Command::Parse { conllu, articles } => match conllu {
            Some(conllu) => parse_conllu(&conllu),
            None => parse_articles(&articles),
        },
        Command::Completions { shell } => print_completions(shell),
        Command::Man { command } => print_man(command.as_deref()),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`brief ... | head`): nothing is wrong.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(format_args!("cannot write output: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// The view `analyze` prints: `--format`, or its aliases, or JSON chosen
/// by where stdout goes. Options that only one view reads are refused with
/// the others (a usage error, exit 2), so that none is silently ignored;
/// `--color` is the exception, being safe to set always (in an alias).
fn analyze_renderer(args: &AnalyzeArgs) -> Renderer {
    let format = match (args.format, args.pretty, args.jsonl) {
        (Some(format), ..) => format,
        (None, true, _) => Format::Json,
        (None, _, true) => Format::Jsonl,
        (None, false, false) if io::stdout().is_terminal() => Format::Json,
        (None, false, false) => Format::Jsonl,
    };
    let misuse = |message: &str| -> ! {
        let mut analyze = Cli::command()
            .find_subcommand("analyze")
            .cloned()
            .unwrap_or_default()
            .bin_name("brief analyze");
        analyze
            .error(clap::error::ErrorKind::ArgumentConflict, message)
            .exit()
    };
    if args.table.is_some() && !matches!(format, Format::Tsv | Format::Csv) {
        misuse("--table picks the rows of a table: use it with --format tsv or csv");
    }
    if args.summary.all && format != Format::Summary {
        misuse(
            "--all lifts the limits of the summary: use it with --format summary (or brief show)",
        );
    }
    if !args.with.is_empty() && !matches!(format, Format::Json | Format::Jsonl) {
        misuse("--with adds parts to the JSON: use it with --format json or jsonl");
    }
    let table = args.table.unwrap_or_default();
    Renderer {
        format,
        table,
        summary: summary_options(&args.summary),
    }
}

/// Colour and width for summaries: colour on a terminal unless NO_COLOR is
/// set (https://no-color.org; `--color always` still wins); the terminal's
/// width, else `COLUMNS`, else 80.
fn summary_options(args: &SummaryArgs) -> SummaryOptions {
    let terminal = io::stdout().is_terminal();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let width = terminal
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
        .flatten()
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(80);
    SummaryOptions {
        width,
        color,
        all: args.all,
    }
}

fn print_completions(shell: clap_complete::Shell) -> io::Result<ExitCode> {
    // Into memory first: clap_complete panics when its writer fails (a
    // closed pipe, a full disk); writing ourselves reports it instead.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "brief", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_man(command: Option<&str>) -> io::Result<ExitCode> {
    let brief = Cli::command();
    let page = match command {
        None => brief,
        Some(name) => match brief.find_subcommand(name) {
            // Named as git names its pages: brief-analyze(1).
            Some(sub) => sub
                .clone()
                .name(format!("brief-{name}"))
                .version(env!("CARGO_PKG_VERSION")),
            None => {
                report(format_args!("man: no command {name:?}; see brief --help"));
                return Ok(ExitCode::from(2));
            }
        },
    };
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(page).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_schema() -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &brief::output::json_schema())?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Reads one whole input with the default limits: the file at `path`, or
/// standard input for `-`.
fn read_one(path: &std::path::Path) -> Result<input::Article, input::InputError> {
    let options = ReadOptions::default();
    if path.as_os_str() == "-" {
        input::read_from(io::stdin().lock(), &options)
    } else {
        input::read_file(path, &options)
    }
}

fn tag_conll(path: &std::path::Path) -> io::Result<ExitCode> {
    let article = read_one(path);
    let text = match article {
        Ok(a) => a.text,
        Err(e) => {
            report(format_args!("{}: {e}", path.display()));
            return Ok(ExitCode::FAILURE);
        }
    };
    let file = brief::io::conll::ConllFile::parse(&text);
    brief::io::conll::write_tagged(&file, &mut BufWriter::new(io::stdout().lock()))?;
    Ok(ExitCode::SUCCESS)
}

fn parse_conllu(path: &std::path::Path) -> io::Result<ExitCode> {
    let article = read_one(path);
    let parsed = article
        .map_err(|e| e.to_string())
        .and_then(|a| brief::io::conllu::parse(&a.text).map_err(|e| e.to_string()));
    match parsed {
        Ok(sentences) => {
            let mut out = BufWriter::new(io::stdout().lock());
            brief::io::conllu::write_parsed(&sentences, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            report(format_args!("{}: {e}", path.display()));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `brief parse FILE…`: each article's sentences as CoNLL-U; an unreadable
/// one is reported and skipped, the others still written.
fn parse_articles(paths: &[PathBuf]) -> io::Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut code = ExitCode::SUCCESS;
    for path in paths {
        let article = read_one(path);
        match article {
            Ok(article) => {
                let doc = brief::pipeline::run_until(article.text, brief::pipeline::Stage::Syntax);
                writeln!(out, "# file = {}", path.display())?;
                brief::io::conllu::write_doc(&doc, &mut out)?;
            }
            Err(e) => {
                // What was written so far goes out before the message.
                out.flush()?;
                report(format_args!("{}: {e}", path.display()));
                code = ExitCode::FAILURE;
            }
        }
    }
    out.flush()?;
    Ok(code)
}

/// What analysing one input gave: its output's bytes (with the final
/// newline), its entry for the HTML index, and lines for stderr.
struct Outcome {
    output: Option<(Vec<u8>, Entry)>,
    messages: Vec<Message>,
}

enum Message {
    Error(String),
    Warning(String),
}

/// How every input of a run is read and printed.
struct Job {
    options: ReadOptions,
    markup: Markup,
    extras: Extras,
    renderer: Renderer,
}

impl Job {
    fn new(args: &InputArgs, renderer: Renderer, extras: Extras) -> Job {
        Job {
            options: ReadOptions {
                max_bytes: args.max_bytes,
                strict_utf8: args.strict_utf8,
            },
            markup: match args.input {
                InputFormat::Text => Markup::Text,
                InputFormat::Html => Markup::Html,
                InputFormat::Auto | InputFormat::Jsonl => Markup::Auto,
            },
            extras,
            renderer,
        }
    }
}

fn analyze(args: InputArgs, renderer: Renderer, extras: Extras) -> io::Result<ExitCode> {
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let (inputs, total) = match inputs_of(&args, files) {
        Ok(found) => found,
        Err(e) => {
            report(format_args!("{e}"));
            return Ok(ExitCode::from(2));
        }
    };
    let job = Job::new(&args, renderer, extras);
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let progress = (!args.quiet && io::stderr().is_terminal() && total != Some(1))
        .then(|| progress_bar(total));
    let say = |line: &str| match &progress {
        Some(bar) => bar.suspend(|| report(format_args!("{line}"))),
        None => report(format_args!("{line}")),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(&job.renderer.begin())?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut failures = 0usize;
    let result = batch::ordered_map(
        inputs.enumerate(),
        jobs,
        jobs * 4,
        |(ordinal, input)| analyse_one(input, ordinal, &job),
        |outcome: Outcome| {
            for m in &outcome.messages {
                match m {
                    Message::Error(e) => {
                        failures += 1;
                        say(e);
                    }
                    Message::Warning(_) if args.quiet => {}
                    Message::Warning(w) => say(w),
                }
            }
            if let Some((bytes, entry)) = outcome.output {
                if !entries.is_empty() {
                    out.write_all(job.renderer.separator())?;
                }
                out.write_all(&bytes)?;
                entries.push(entry);
                // Each brief is complete on its own: downstream filters see
                // it now, and a later failure cannot take it back.
                out.flush()?;
            }
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            Ok(())
        },
    );
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    result?;
    out.write_all(&job.renderer.end(&entries))?;
    out.flush()?;
    Ok(if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

type Inputs = Box<dyn Iterator<Item = Input>>;

/// The inputs the arguments name, and how many when that is known before
/// reading them (files, not records).
fn inputs_of(args: &InputArgs, files: Vec<PathBuf>) -> Result<(Inputs, Option<usize>), String> {
    let reads_stdin = files.iter().any(|f| f.as_os_str() == "-");
    if reads_stdin && !args.quiet && io::stdin().is_terminal() {
        // Otherwise a user who forgot the file name sees brief hang.
        report(format_args!(
            "reading an article from standard input; end it with Ctrl-D"
        ));
    }
    if args.input == InputFormat::Jsonl {
        let fields = RecordFields {
            text: args.text_field.clone(),
            id: args.id_field.clone(),
        };
        return Ok((Box::new(jsonl_inputs(files, fields)), None));
    }
    // What a folder holds that this reading takes: plain text, web pages,
    // or (auto) either.
    let default_glob = match args.input {
        InputFormat::Html => "*.{html,htm}",
        InputFormat::Text => "*.txt",
        InputFormat::Auto | InputFormat::Jsonl => "*.{txt,html,htm}",
    };
    let walk = WalkOptions {
        recursive: args.recursive,
        glob: args.glob.clone().unwrap_or_else(|| default_glob.into()),
    };
    let inputs = batch::expand_paths(&files, &walk)?;
    let total = inputs.len();
    Ok((Box::new(inputs.into_iter()), Some(total)))
}

fn progress_bar(total: Option<usize>) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
    let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0}/s", state.per_sec());
    };
    let (template, length) = match total {
        Some(n) => (
            "{bar:40} {pos}/{len} articles  {rate}  ETA {eta}",
            Some(n as u64),
        ),
        None => ("{spinner} {pos} records  {rate}", None),
    };
    let style = ProgressStyle::with_template(template)
        .expect("the template is valid")
        .with_key("rate", rate);
    let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::stderr()).with_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The records of every JSONL file named (or of stdin), in order.
fn jsonl_inputs(files: Vec<PathBuf>, fields: RecordFields) -> impl Iterator<Item = Input> {
    files
        .into_iter()
        .flat_map(move |path| -> Box<dyn Iterator<Item = Input>> {
            if path.as_os_str() == "-" {
                let stdin = io::BufReader::new(io::stdin());
                return Box::new(batch::records(stdin, "<stdin>".into(), fields.clone()));
            }
            let name = batch::display_name(&path);
            match std::fs::File::open(&path) {
                Ok(f) if !path.is_dir() => {
                    Box::new(batch::records(io::BufReader::new(f), name, fields.clone()))
                }
                Ok(_) => Box::new(std::iter::once(Input::BadPath {
                    path,
                    message: "is a directory".into(),
                })),
                Err(e) => Box::new(std::iter::once(Input::BadPath {
                    path,
                    message: input::InputError::from(e).to_string(),
                })),
            }
        })
}

/// Reads and analyses one input; runs on the worker threads.
fn analyse_one(input: Input, ordinal: usize, job: &Job) -> Outcome {
    let options = &job.options;
    let (name, article) = match input {
        Input::File(path) => {
            let name = batch::display_name(&path);
            (name, input::read_file(&path, options))
        }
        Input::Stdin => (
            "-".to_string(),
            input::read_from(io::stdin().lock(), options),
        ),
        Input::Record {
            origin,
            line,
            id,
            text,
        } => {
            if text.len() as u64 > options.max_bytes {
                return failed(format!(
                    "{origin}:{line}: record {id:?} is larger than {} bytes (--max-bytes)",
                    options.max_bytes
                ));
            }
            // The same rules as for files: a NUL is binary, a BOM goes.
            (id, input::decode(text.into_bytes(), options))
        }
        Input::BadRecord {
            origin,
            line,
            message,
        } => return failed(format!("{origin}:{line}: {message}")),
        Input::BadPath { path, message } => {
            return failed(format!("{}: {message}", path.display()))
        }
    };
    let article = match article {
        Ok(a) => a,
        Err(e) => {
            let shown = if name == "-" { "<stdin>" } else { &name };
            return failed(format!("{shown}: {e}"));
        }
    };
    let mut messages = Vec::new();
    if article.decoded_as_cp1252 {
        messages.push(Message::Warning(format!(
            "warning: {name}: not valid UTF-8; read as Windows-1252"
        )));
    }
    let brief = brief::analyze_input(article.text, job.markup, &name, article.bytes, job.extras);
    let bytes = match job.renderer.article(&brief, ordinal) {
        Ok(bytes) => bytes,
        Err(e) => return failed(format!("{name}: cannot be written: {e}")),
    };
    let entry = Entry {
        ordinal,
        path: name,
        title: brief.title,
    };
    Outcome {
        output: Some((bytes, entry)),
        messages,
    }
}

fn failed(message: String) -> Outcome {
    Outcome {
        output: None,
        messages: vec![Message::Error(message)],
    }
}
