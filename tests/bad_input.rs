//! The bad-input matrix, through the real binary: every case ends without
//! a panic, with the exit status it should have, a message that names the
//! input when something is refused, and every good brief printed with
//! correct spans. (An empty stdin, a reader that stops early, good and bad
//! files mixed and malformed JSONL records are in `cli.rs` and
//! `batch.rs`.)

mod common;

use common::{brief, briefs, check_spans, failed_run, fixture, span_count};
use std::path::{Path, PathBuf};

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `brief analyze --jsonl ARGS… FILE` and checks what it gave.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    args: &'static [&'static str],
    code: i32,
    stderr: &'static str,
    briefs: usize,
}

fn run(case: &Case, dir: &Path) {
    let path = dir.join(format!("{}.txt", case.name));
    std::fs::write(&path, &case.bytes).unwrap();
    let assert = brief()
        .args(["analyze", "--jsonl"])
        .args(case.args)
        .arg(&path)
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(case.code);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{}: {stderr}", case.name);
    if case.stderr.is_empty() {
        assert!(
            stderr.is_empty(),
            "{}: unexpected stderr {stderr}",
            case.name
        );
    } else {
        assert!(stderr.contains(case.stderr), "{}: {stderr}", case.name);
        assert!(
            stderr.contains(&*path.to_string_lossy()),
            "{}: no file name in {stderr}",
            case.name
        );
    }
    let out = briefs(&output.stdout);
    assert_eq!(out.len(), case.briefs, "{}", case.name);
    if let Some(b) = out.first() {
        let text = match std::str::from_utf8(&case.bytes) {
            Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
            Err(_) => case.bytes.iter().map(|&b| windows_1252(b)).collect(),
        };
        assert_eq!(check_spans(b, &text), span_count(b), "{}", case.name);
    }
}

/// The few Windows-1252 bytes the cases use.
fn windows_1252(b: u8) -> char {
    match b {
        0x93 => '“',
        0x94 => '”',
        0xE9 => 'é',
        _ => b as char,
    }
}

#[test]
fn the_matrix() {
    let dir = temp_dir();
    let quotes_only: String = "\"“”'‘’«»„".repeat(300);
    let unbalanced: String = (0..10_000).map(|k| format!("“word{k} ")).collect();
    let cases = [
        Case {
            name: "empty",
            bytes: Vec::new(),
            args: &[],
            code: 0,
            stderr: "",
            briefs: 1,
        },
        Case {
            name: "whitespace-only",
            bytes: b" \n\t\r\n   \n\n  ".to_vec(),
            args: &[],
            code: 0,
            stderr: "",
            briefs: 1,
        },
        Case {
            name: "quotation-marks-only",
            bytes: quotes_only.into_bytes(),
            args: &[],
            code: 0,
            stderr: "",
            briefs: 1,
        },
        Case {
            name: "ten-thousand-unbalanced-quotes",
            bytes: unbalanced.into_bytes(),
            args: &[],
            code: 0,
            stderr: "",
            briefs: 1,
        },
        Case {
            name: "nul-bytes",
            bytes: b"Officials said\0 the port\0 was closed.".to_vec(),
            args: &[],
            code: 1,
            stderr: "looks binary",
            briefs: 0,
        },
        Case {
            name: "invalid-utf8",
            bytes: b"The caf\xe9 owner said \x93it was closed.\x94".to_vec(),
            args: &[],
            code: 0,
            stderr: "not valid UTF-8; read as Windows-1252",
            briefs: 1,
        },
        Case {
            name: "invalid-utf8-strict",
            bytes: b"The caf\xe9 owner said it was closed.".to_vec(),
            args: &["--strict-utf8"],
            code: 1,
            stderr: "not valid UTF-8",
            briefs: 0,
        },
        Case {
            name: "utf16-with-bom",
            bytes: [0xFF, 0xFE, b'H', 0, b'i', 0].to_vec(),
            args: &[],
            code: 1,
            stderr: "is UTF-16",
            briefs: 0,
        },
    ];
    for case in &cases {
        run(case, &dir);
    }
}

#[test]
fn one_twenty_megabyte_line_is_refused_by_default_and_read_when_allowed() {
    let dir = temp_dir();
    let path = dir.join("huge-line.txt");
    // 20 MB without a line break: long words, so that the test stays fast
    // in a debug build while every byte still goes through the pipeline.
    let word = format!("{} ", "x".repeat(999));
    std::fs::write(&path, word.repeat(20_000)).unwrap();
    let (out, stderr) = failed_run(
        brief()
            .args(["analyze", "--jsonl"])
            .arg(&path)
            .arg(fixture("port-strike.txt")),
    );
    assert!(
        stderr.contains(&*path.to_string_lossy()) && stderr.contains("larger than"),
        "{stderr}"
    );
    // The other input is still analysed.
    assert_eq!(out.len(), 1);
    let read = brief()
        .args(["analyze", "--jsonl", "--max-bytes", "30000000"])
        .arg(&path)
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .success();
    let b = &briefs(&read.get_output().stdout)[0];
    assert_eq!(b["source"]["bytes"], 20_000_000);
    assert_eq!(b["stats"]["tokens"], 20_000);
}

#[test]
fn missing_directory_and_unreadable_inputs_are_named() {
    let dir = temp_dir();
    let missing = dir.join("no-such-article.txt");
    let folder = dir.join("a-folder");
    std::fs::create_dir_all(&folder).unwrap();
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "Locked away.").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    // Root reads anything: then a file no one may read stands in.
    let unreadable = if std::fs::read(&locked).is_err() {
        locked.clone()
    } else if std::fs::read("/proc/1/mem").is_err() && Path::new("/proc/1/mem").exists() {
        PathBuf::from("/proc/1/mem")
    } else {
        eprintln!("skipped the unreadable case: every file is readable here");
        fixture("port-strike.txt")
    };
    let (out, stderr) = failed_run(
        brief()
            .args(["analyze", "--jsonl"])
            .arg(&missing)
            .arg(&folder)
            .arg(&unreadable)
            .arg(fixture("port-strike.txt")),
    );
    assert!(
        stderr.contains(&format!("{}: no such file", missing.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: is a directory", folder.display())),
        "{stderr}"
    );
    if unreadable != fixture("port-strike.txt") {
        assert!(
            stderr.contains(&format!("{}: permission denied", unreadable.display())),
            "{stderr}"
        );
    }
    assert!(!stderr.contains("panicked"));
    assert_eq!(
        out.last().unwrap()["source"]["path"],
        fixture("port-strike.txt").to_string_lossy().as_ref()
    );
}

#[test]
fn stdin_closed_in_the_middle_of_an_article_or_a_record() {
    // An article cut off mid-quotation is still an article.
    let out = brief()
        .args(["analyze", "--jsonl", "-"])
        .write_stdin(b"The mayor said \xe2\x80\x9cwe will not".to_vec())
        .assert()
        .success();
    let text = "The mayor said “we will not";
    let b = &briefs(&out.get_output().stdout)[0];
    assert_eq!(check_spans(b, text), span_count(b));
    // A JSONL stream cut off mid-record: the whole records are briefed, the
    // cut one is named by its line, and the status says something failed.
    let records = b"{\"id\":\"a\",\"text\":\"Officials said the port was closed.\"}\n{\"id\":\"b\",\"text\":\"The mayor sa";
    let (got, stderr) = failed_run(
        brief()
            .args(["analyze", "--input", "jsonl", "-"])
            .write_stdin(records.to_vec()),
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["source"]["path"], "a");
    assert!(stderr.contains("<stdin>:2"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
