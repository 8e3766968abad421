//! The `brief` command line: argument parsing, reading inputs, printing.
//! All analysis lives in the library; this file decides only where bytes
//! come from and go to, and how failures are reported and counted.

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
        args.files
    };
    let mut failures = 0usize;
    for path in &files {
        let is_stdin = path.as_os_str() == "-";
        let name = path.to_string_lossy();
        let article = if is_stdin {
            input::read_from(io::stdin().lock(), &options)
        } else {
            input::read_file(path, &options)
        };
        let article = match article {
            Ok(article) => article,
            Err(e) => {
                let shown = if is_stdin {
                    "<stdin>".into()
                } else {
                    name.clone()
                };
                report(format_args!("{shown}: {e}"));
                failures += 1;
                continue;
            }
        };
        if article.decoded_as_cp1252 {
            report(format_args!(
                "warning: {name}: not valid UTF-8; read as Windows-1252"
            ));
        }
        let brief = brief::analyze(article.text, &name, article.bytes, extras);
        if pretty {
            serde_json::to_writer_pretty(&mut out, &brief)?;
        } else {
            serde_json::to_writer(&mut out, &brief)?;
        }
        out.write_all(b"\n")?;
        // Each brief is complete on its own: downstream filters see it now,
        // and a later failure cannot take it back.
        out.flush()?;
    }
    Ok(if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
