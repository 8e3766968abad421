//! The `brief` command line: argument parsing, reading inputs, printing.
//! All analysis lives in the library; this file decides only where bytes
//! come from and go to, and how failures are reported and counted.

use brief::batch::{self, Input, RecordFields, WalkOptions};
use brief::input::{self, ReadOptions, DEFAULT_MAX_BYTES};
use brief::Extras;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  brief analyze article.txt                   pretty JSON brief on a terminal
  brief analyze article.txt | jq '.quotes[]'  one quotation per line of jq output
  brief analyze corpus/*.txt > briefs.jsonl   one compact brief per line
  brief analyze -r corpus/ > briefs.jsonl     every *.txt under corpus/, on all cores
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
    /// Analyse articles (plain text) and print one JSON brief per article.
    #[command(after_help = EXAMPLES)]
    Analyze(AnalyzeArgs),
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
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Extra {
    Sentences,
    Tokens,
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Articles to analyse, one per file; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Pretty-printed JSON (the default when stdout is a terminal).
    #[arg(long, conflicts_with = "jsonl")]
    pretty: bool,
    /// One compact JSON object per line (the default when stdout is not a terminal).
    #[arg(long)]
    jsonl: bool,
    /// Also output the segmentation: `sentences`, `tokens` (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "PARTS")]
    with: Vec<Extra>,
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
    /// Which files to take from folders (with --recursive).
    #[arg(long, value_name = "GLOB", default_value = "*.txt")]
    glob: String,
    /// What the inputs hold: one article per file (`text`), or one JSON
    /// object per line with the article in a field (`jsonl`).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
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
    Text,
    Jsonl,
}

/// Writes to stderr without panicking when stderr itself is gone.
fn report(message: std::fmt::Arguments) {
    let _ = writeln!(io::stderr().lock(), "brief: {message}");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze(args),
        Command::Schema => print_schema(),
        Command::Ner { conll } => tag_conll(&conll),
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

fn print_schema() -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &brief::report::json_schema())?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn tag_conll(path: &std::path::Path) -> io::Result<ExitCode> {
    let options = ReadOptions::default();
    let article = if path.as_os_str() == "-" {
        input::read_from(io::stdin().lock(), &options)
    } else {
        input::read_file(path, &options)
    };
    let text = match article {
        Ok(a) => a.text,
        Err(e) => {
            report(format_args!("{}: {e}", path.display()));
            return Ok(ExitCode::FAILURE);
        }
    };
    let file = brief::conll::ConllFile::parse(&text);
    brief::conll::write_tagged(&file, &mut BufWriter::new(io::stdout().lock()))?;
    Ok(ExitCode::SUCCESS)
}

/// What analysing one input gave: the brief's bytes (with its newline),
/// and lines for stderr.
struct Outcome {
    brief: Option<Vec<u8>>,
    messages: Vec<Message>,
}

enum Message {
    Error(String),
    Warning(String),
}

fn analyze(args: AnalyzeArgs) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let pretty = args.pretty || (!args.jsonl && stdout.is_terminal());
    let mut out = BufWriter::new(stdout.lock());
    let options = ReadOptions {
        max_bytes: args.max_bytes,
        strict_utf8: args.strict_utf8,
    };
    let extras = Extras {
        sentences: args.with.contains(&Extra::Sentences),
        tokens: args.with.contains(&Extra::Tokens),
    };
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let (inputs, total): (Box<dyn Iterator<Item = Input>>, Option<usize>) = match args.input {
        InputFormat::Text => {
            let walk = WalkOptions {
                recursive: args.recursive,
                glob: args.glob.clone(),
            };
            let inputs = match batch::expand_paths(&files, &walk) {
                Ok(inputs) => inputs,
                Err(e) => {
                    report(format_args!("{e}"));
                    return Ok(ExitCode::from(2));
                }
            };
            let total = inputs.len();
            (Box::new(inputs.into_iter()), Some(total))
        }
        InputFormat::Jsonl => {
            let fields = RecordFields {
                text: args.text_field.clone(),
                id: args.id_field.clone(),
            };
            (Box::new(jsonl_inputs(files, fields)), None)
        }
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let progress = (!args.quiet && io::stderr().is_terminal() && total != Some(1))
        .then(|| progress_bar(total));
    let mut failures = 0usize;
    let result = batch::ordered_map(
        inputs,
        jobs,
        jobs * 4,
        |input| analyse_one(input, &options, extras, pretty),
        |outcome: Outcome| {
            for m in &outcome.messages {
                let line = match m {
                    Message::Error(e) => {
                        failures += 1;
                        e
                    }
                    Message::Warning(_) if args.quiet => continue,
                    Message::Warning(w) => w,
                };
                match &progress {
                    Some(bar) => bar.suspend(|| report(format_args!("{line}"))),
                    None => report(format_args!("{line}")),
                }
            }
            if let Some(brief) = outcome.brief {
                out.write_all(&brief)?;
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
    Ok(if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
fn analyse_one(input: Input, options: &ReadOptions, extras: Extras, pretty: bool) -> Outcome {
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
    let brief = brief::analyze(article.text, &name, article.bytes, extras);
    let mut bytes = Vec::with_capacity(4096);
    let written = if pretty {
        serde_json::to_writer_pretty(&mut bytes, &brief)
    } else {
        serde_json::to_writer(&mut bytes, &brief)
    };
    if let Err(e) = written {
        return failed(format!("{name}: cannot be written as JSON: {e}"));
    }
    bytes.push(b'\n');
    Outcome {
        brief: Some(bytes),
        messages,
    }
}

fn failed(message: String) -> Outcome {
    Outcome {
        brief: None,
        messages: vec![Message::Error(message)],
    }
}
