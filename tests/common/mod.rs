//! Helpers shared by the CLI tests: running the built binary and checking
//! the span invariants of its output.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

pub fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
    files.sort();
    files
}

/// The shared evaluation folder (`BRIEF_SHARED`, or `../shared` beside
/// the repository), when it is there.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("BRIEF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("shared")
        });
    dir.join("SCHEMA.md").exists().then_some(dir)
}

pub fn brief() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("brief").unwrap()
}

/// Parses JSON Lines output.
pub fn briefs(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Checks a brief's invariants (spans match the article, ids unique,
/// references resolve: `brief::output::check`) and gives the number of
/// spans checked.
pub fn check_spans(value: &Value, article: &str) -> usize {
    brief::output::check::assert_valid(value, article)
}

/// Runs a command that must exit with status 1 (some input failed) and
/// gives the briefs it still printed and its stderr.
pub fn failed_run(cmd: &mut assert_cmd::Command) -> (Vec<Value>, String) {
    let assert = cmd.assert().code(1);
    let output = assert.get_output();
    (
        briefs(&output.stdout),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs a command that must succeed and parses its JSON Lines output.
pub fn ok_briefs(cmd: &mut assert_cmd::Command) -> Vec<Value> {
    briefs(&cmd.assert().success().get_output().stdout)
}

/// How many spans a brief holds: tokens, sentences, actor mentions, and
/// the non-null spans of quotes and claims.
pub fn span_count(b: &Value) -> usize {
    let len = |v: &Value| v.as_array().map_or(0, Vec::len);
    let present = |v: &Value| usize::from(!v.is_null());
    let mentions: usize = b["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| len(&a["mentions"]))
        .sum();
    let quotes: usize = b["quotes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|q| 1 + present(&q["speaker_mention"]) + present(&q["cue"]))
        .sum();
    let claims: usize = b["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| 1 + present(&c["source"]) + present(&c["cue"]))
        .sum();
    len(&b["tokens"]) + len(&b["sentences"]) + mentions + quotes + claims
}
