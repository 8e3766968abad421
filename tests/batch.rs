//! Batch use through the real binary: parallel jobs, folders, JSONL
//! records, and the xargs recipe of the README.

mod common;

use common::{brief, briefs, failed_run, fixture, fixtures};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Many small articles, some slow (long) and some fast, so that under
/// several jobs later ones finish first.
fn many_articles(dir: &Path, n: usize) -> Vec<PathBuf> {
    let long = std::fs::read_to_string(fixture("port-strike.txt")).unwrap();
    (0..n)
        .map(|k| {
            let path = dir.join(format!("a{k:03}.txt"));
            let text = if k % 5 == 0 {
                long.repeat(20)
            } else {
                format!("Story {k}\n\n“We counted {k} boats,” said harbour master Ines Varga.")
            };
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

fn paths_of(out: &[u8]) -> Vec<String> {
    briefs(out)
        .iter()
        .map(|b| b["source"]["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn output_is_in_input_order_and_identical_for_any_number_of_jobs() {
    let dir = temp_dir("order");
    let files = many_articles(&dir, 40);
    let run = |jobs: &str| {
        brief()
            .args(["analyze", "--jsonl", "--jobs", jobs])
            .args(&files)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    let expected: Vec<String> = files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(paths_of(&one), expected);
    for jobs in ["2", "4"] {
        assert!(run(jobs) == one, "--jobs {jobs} changed the output");
    }
}

#[test]
fn a_folder_is_walked_with_recursive_and_refused_without() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("b/c")).unwrap();
    for (name, text) in [
        ("a.txt", "First story."),
        ("b/c/d.txt", "Deep story."),
        ("b/notes.md", "Not an article."),
        ("b/e.txt", "Middle story."),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = brief()
        .args(["analyze", "--jsonl", "-r"])
        .arg(&dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let names: Vec<String> = paths_of(&out)
        .iter()
        .map(|p| {
            Path::new(p)
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(names, ["a.txt", "b/c/d.txt", "b/e.txt"]);
    let out = brief()
        .args(["analyze", "--jsonl", "-r", "--glob", "*.md"])
        .arg(&dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(paths_of(&out).len(), 1);
    // Without --recursive a folder is an error that names it; the other
    // inputs are still analysed.
    let (out, stderr) = failed_run(
        brief()
            .args(["analyze", "--jsonl"])
            .arg(&dir)
            .arg(fixture("port-strike.txt")),
    );
    assert!(
        stderr.contains("is a directory (use --recursive"),
        "{stderr}"
    );
    assert_eq!(out.len(), 1);
}

#[test]
fn jsonl_records_in_and_briefs_out_with_bad_records_named_by_line() {
    let input = concat!(
        "{\"id\": \"doc-1\", \"text\": \"“We want peace,” said Maria Delgado.\"}\n",
        "this is not json\n",
        "\n",
        "{\"id\": \"doc-3\", \"body\": \"no text field\"}\n",
        "{\"id\": 4, \"text\": \"Officials said the port would reopen.\"}\n",
        "{\"text\": \"No id at all.\"}\n",
    );
    let (out, stderr) = failed_run(
        brief()
            .args(["analyze", "--input", "jsonl", "--jobs", "2"])
            .write_stdin(input),
    );
    let ids: Vec<&str> = out
        .iter()
        .map(|b| b["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["doc-1", "4", "<stdin>:6"]);
    assert_eq!(out[0]["quotes"][0]["span"]["text"], "We want peace,");
    assert!(stderr.contains("<stdin>:2: not a JSON object"), "{stderr}");
    assert!(stderr.contains("<stdin>:4: no \"text\" field"), "{stderr}");
    // Renamed fields.
    let out = brief()
        .args([
            "analyze",
            "--input",
            "jsonl",
            "--text-field",
            "body",
            "--id-field",
            "key",
        ])
        .write_stdin("{\"key\": \"k1\", \"body\": \"Short story.\"}\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(briefs(&out)[0]["source"]["path"], "k1");
}

#[test]
fn jsonl_record_offsets_count_the_decoded_text() {
    let text = "Zoë Ortiz said the café “was closed.”";
    let record = serde_json::json!({"id": "x", "text": text}).to_string() + "\n";
    let out = brief()
        .args(["analyze", "--input", "jsonl"])
        .write_stdin(record)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let b: Value = briefs(&out).remove(0);
    assert_eq!(common::check_spans(&b, text), common::span_count(&b));
}

#[test]
fn the_xargs_recipe_gives_every_brief() {
    if std::process::Command::new("xargs")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no xargs");
        return;
    }
    let dir = temp_dir("xargs");
    let files = many_articles(&dir, 12);
    let exe = assert_cmd::cargo::cargo_bin("brief");
    // The README's recipe: find … -print0 | xargs -0 -P N brief analyze
    // --jsonl > briefs.jsonl. Into a file, as there: each brief is one
    // write, and writes to one open file do not interleave; into a pipe,
    // two processes' briefs longer than PIPE_BUF (4 KiB) may, and did once.
    let briefs = dir.with_extension("jsonl");
    let script = format!(
        "find {} -name '*.txt' -print0 | xargs -0 -n 3 -P 2 {} analyze --jsonl --jobs 1 > {}",
        dir.display(),
        exe.display(),
        briefs.display()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut got = paths_of(&std::fs::read(&briefs).unwrap());
    got.sort();
    let mut expected: Vec<String> = files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn fixtures_in_parallel_match_one_by_one() {
    let all = fixtures();
    let together = brief()
        .args(["analyze", "--jsonl", "--jobs", "3"])
        .args(&all)
        .output()
        .unwrap()
        .stdout;
    let mut single = Vec::new();
    for f in &all {
        single.extend(
            brief()
                .args(["analyze", "--jsonl"])
                .arg(f)
                .output()
                .unwrap()
                .stdout,
        );
    }
    assert!(together == single);
}
