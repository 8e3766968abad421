//! Batch work: which inputs a command line names (files, folders walked
//! for a glob, JSONL records), and an ordered parallel map that streams.
//!
//! Articles are analysed on a rayon pool, but results come out in input
//! order and as soon as each one's turn comes: a bounded number of inputs is
//! in flight at once, so memory stays flat whether a run has ten inputs or
//! a hundred thousand, and a brief is printed while later ones are still
//! being read. The order and the bytes of the output do not depend on the
//! number of threads.

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// One unit of work.
#[derive(Debug)]
pub enum Input {
    /// An article in a file.
    File(PathBuf),
    /// An article on standard input.
    Stdin,
    /// One JSONL record: `origin` names the file (or `<stdin>`), `line`
    /// counts from 1, `id` becomes the brief's `source.path`.
    Record {
        /// The file it came from, or `<stdin>`.
        origin: String,
        /// Its line, from 1.
        line: usize,
        /// Its id field (or `origin:line` when it has none).
        id: String,
        /// The article.
        text: String,
    },
    /// A record that could not be read: the message names why.
    BadRecord {
        /// The file it came from, or `<stdin>`.
        origin: String,
        /// Its line, from 1.
        line: usize,
        /// Why it could not be read.
        message: String,
    },
    /// A command-line argument that names nothing to analyse.
    BadPath {
        /// The argument.
        path: PathBuf,
        /// Why it names nothing.
        message: String,
    },
}

/// How folders on the command line are walked.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    /// Walk folders and their subfolders (without it, a folder is an error).
    pub recursive: bool,
    /// File names to take from folders, as a glob ("*.txt").
    pub glob: String,
}

/// The inputs that file arguments name, in order: files as given, folders
/// (with `recursive`) walked in name order for files matching the glob.
pub fn expand_paths(args: &[PathBuf], walk: &WalkOptions) -> Result<Vec<Input>, String> {
    let matcher = globset::Glob::new(&walk.glob)
        .map_err(|e| format!("--glob {:?}: {e}", walk.glob))?
        .compile_matcher();
    let mut out = Vec::new();
    for path in args {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if path.is_dir() {
            if !walk.recursive {
                out.push(Input::BadPath {
                    path: path.clone(),
                    message: "is a directory (use --recursive to analyse the files in it)"
                        .to_string(),
                });
                continue;
            }
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && matcher.is_match(e.file_name()) => {
                        out.push(Input::File(e.into_path()))
                    }
                    Ok(_) => {}
                    Err(e) => out.push(Input::BadPath {
                        path: e.path().unwrap_or(path).to_path_buf(),
                        message: format!("cannot be read: {}", io_reason(&e)),
                    }),
                }
            }
        } else {
            out.push(Input::File(path.clone()));
        }
    }
    Ok(out)
}

fn io_reason(e: &walkdir::Error) -> String {
    e.io_error()
        .map(|io| match io.kind() {
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => io.to_string(),
        })
        .unwrap_or_else(|| e.to_string())
}

/// Which fields of a JSONL record hold the article and its identifier.
#[derive(Clone, Debug)]
pub struct RecordFields {
    /// The field with the article.
    pub text: String,
    /// The field with its identifier.
    pub id: String,
}

/// The records of a JSONL stream, one `Input` per non-blank line; bad
/// lines become `Input::BadRecord` and reading goes on.
pub fn records<R: BufRead>(
    reader: R,
    origin: String,
    fields: RecordFields,
) -> impl Iterator<Item = Input> {
    reader
        .split(b'\n')
        .enumerate()
        .filter_map(move |(k, line)| {
            let line_number = k + 1;
            let bad = |message: String| {
                Some(Input::BadRecord {
                    origin: origin.clone(),
                    line: line_number,
                    message,
                })
            };
            let bytes = match line {
                Ok(b) => b,
                Err(e) => return bad(format!("cannot be read: {e}")),
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return None;
            }
            let value: Value = match serde_json::from_slice(&bytes) {
                Ok(v) => v,
                Err(e) => return bad(format!("not a JSON object: {e}")),
            };
            let Some(object) = value.as_object() else {
                return bad("not a JSON object".to_string());
            };
            let text = match object.get(&fields.text) {
                Some(Value::String(t)) => t.clone(),
                Some(_) => return bad(format!("field {:?} is not a string", fields.text)),
                None => return bad(format!("no {:?} field", fields.text)),
            };
            let id = match object.get(&fields.id) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => format!("{origin}:{line_number}"),
            };
            Some(Input::Record {
                origin: origin.clone(),
                line: line_number,
                id,
                text,
            })
        })
}

/// Runs `work` on every input on `jobs` threads and hands the results to
/// `sink` in input order, each as soon as those before it are done. At most
/// `window` inputs are in flight. When `sink` fails (the reader of the
/// output went away), no new input is started and the error is returned.
pub fn ordered_map<I, T, W, S>(
    inputs: I,
    jobs: usize,
    window: usize,
    work: W,
    mut sink: S,
) -> io::Result<()>
where
    I: Iterator,
    I::Item: Send,
    T: Send,
    W: Fn(I::Item) -> T + Sync,
    S: FnMut(T) -> io::Result<()>,
{
    let jobs = jobs.max(1);
    if jobs == 1 {
        // No threads: the simplest path, and the baseline for speed-ups.
        for input in inputs {
            sink(work(input))?;
        }
        return Ok(());
    }
    let window = window.max(jobs);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(io::Error::other)?;
    let (done_tx, done_rx) = mpsc::channel::<(usize, T)>();
    let work = &work;
    let mut result = Ok(());
    // This thread reads the inputs, starts the work and prints; the pool's
    // threads only analyse.
    pool.in_place_scope(|scope| {
        let mut inputs = inputs.enumerate();
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let (mut started, mut printed) = (0usize, 0usize);
        let mut exhausted = false;
        loop {
            while !exhausted && result.is_ok() && started - printed < window {
                match inputs.next() {
                    Some((seq, input)) => {
                        let done = done_tx.clone();
                        scope.spawn(move |_| {
                            let _ = done.send((seq, work(input)));
                        });
                        started += 1;
                    }
                    None => exhausted = true,
                }
            }
            if started == printed + pending.len() {
                break;
            }
            let Ok((seq, out)) = done_rx.recv() else {
                break;
            };
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&printed) {
                printed += 1;
                if result.is_ok() {
                    result = sink(out);
                }
            }
            if result.is_err() && started == printed + pending.len() {
                break;
            }
        }
    });
    result
}

/// The name a brief gives a file input.
pub fn display_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_map_keeps_input_order_whatever_the_threads() {
        for jobs in [1, 2, 4] {
            let mut seen = Vec::new();
            ordered_map(
                (0..200u64).map(|i| (i * 7919) % 97),
                jobs,
                8,
                |x| {
                    // Uneven work, so that later inputs finish first.
                    std::thread::sleep(std::time::Duration::from_micros(x * 3));
                    x * 2
                },
                |y| {
                    seen.push(y);
                    Ok(())
                },
            )
            .unwrap();
            let expected: Vec<u64> = (0..200u64).map(|i| ((i * 7919) % 97) * 2).collect();
            assert_eq!(seen, expected, "jobs {jobs}");
        }
    }

    #[test]
    fn ordered_map_stops_when_the_sink_fails() {
        let mut calls = 0;
        let r = ordered_map(
            0..10_000u32,
            2,
            4,
            |x| x,
            |_| {
                calls += 1;
                if calls == 3 {
                    Err(io::Error::from(io::ErrorKind::BrokenPipe))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(calls, 3);
    }

    #[test]
    fn records_name_their_line_and_go_on_after_bad_ones() {
        let input = "{\"id\": \"a\", \"text\": \"One.\"}\n\nnot json\n{\"id\": 7, \"body\": \"x\"}\n{\"text\": \"Two.\"}\n[1]\n";
        let fields = RecordFields {
            text: "text".into(),
            id: "id".into(),
        };
        let got: Vec<String> = records(input.as_bytes(), "in.jsonl".into(), fields)
            .map(|r| match r {
                Input::Record { line, id, text, .. } => format!("{line} ok {id} {text}"),
                Input::BadRecord { line, message, .. } => format!("{line} bad {message}"),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(got.len(), 5);
        assert_eq!(got[0], "1 ok a One.");
        assert!(got[1].starts_with("3 bad not a JSON object"), "{}", got[1]);
        assert_eq!(got[2], "4 bad no \"text\" field");
        assert_eq!(got[3], "5 ok in.jsonl:5 Two.");
        assert_eq!(got[4], "6 bad not a JSON object");
    }
}
