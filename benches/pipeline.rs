//! Throughput of the pipeline stages on a folder of articles, one core.
//!
//!     cargo bench --bench pipeline                 # PolNeAR train from ../shared
//!     BRIEF_BENCH_DIR=corpus/ cargo bench --bench pipeline
//!
//! Reads every `*.txt` in the folder into memory first (so disk speed does
//! not count), then times each stage repeatedly for at least
//! `BRIEF_BENCH_SECONDS` (default 3) and prints tokens per second. Compare
//! runs made in the same session: machines are noisy, ratios are what hold.

use brief::Extras;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn load(dir: &PathBuf) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            brief::io::input::decode(bytes, &Default::default())
                .unwrap()
                .text
        })
        .collect()
}

/// Runs `stage` over all texts until `budget` has passed; returns the
/// best pass's duration (the least disturbed by the rest of the machine).
fn time(
    texts: &[String],
    budget: Duration,
    mut stage: impl FnMut(&str) -> usize,
) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut tokens = 0;
    let started = Instant::now();
    let mut passes = 0;
    while passes < 3 || started.elapsed() < budget {
        let t = Instant::now();
        tokens = texts.iter().map(|text| stage(text)).sum();
        best = best.min(t.elapsed());
        passes += 1;
    }
    (best, tokens)
}

fn report(name: &str, bytes: usize, (elapsed, tokens): (Duration, usize)) {
    let secs = elapsed.as_secs_f64();
    println!(
        "{name:32} {tokens:>9} tokens  {:>8.1} ms  {:>6.2} M tokens/s  {:>6.1} MB/s",
        secs * 1e3,
        tokens as f64 / secs / 1e6,
        bytes as f64 / secs / 1e6
    );
}

fn main() {
    let dir = std::env::var_os("BRIEF_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train")
        });
    if !dir.is_dir() {
        println!(
            "pipeline bench: skipped ({} not found; set BRIEF_BENCH_DIR)",
            dir.display()
        );
        return;
    }
    let seconds: f64 = std::env::var("BRIEF_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let budget = Duration::from_secs_f64(seconds);
    let texts = load(&dir);
    // One-time cost in a fresh process (entity tables built, model pages
    // read in): the first analysis of an article minus a later one.
    let sample = texts
        .iter()
        .min_by_key(|t| t.len().abs_diff(2300))
        .cloned()
        .unwrap_or_default();
    let t = Instant::now();
    brief::analyze(sample.clone(), "first", 0, Extras::default());
    let first = t.elapsed();
    let t = Instant::now();
    brief::analyze(sample.clone(), "second", 0, Extras::default());
    let second = t.elapsed();
    println!(
        "loading: first analysis of a {}-byte article {:.2} ms, second {:.2} ms, one-time cost {:.2} ms",
        sample.len(),
        first.as_secs_f64() * 1e3,
        second.as_secs_f64() * 1e3,
        (first.saturating_sub(second)).as_secs_f64() * 1e3
    );
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} articles, {:.1} MB from {}",
        texts.len(),
        bytes as f64 / 1e6,
        dir.display()
    );

    report(
        "tokenize+segment",
        bytes,
        time(&texts, budget, |t| {
            brief::training::segment(t.to_string()).tokens.len()
        }),
    );

    let docs: Vec<brief::doc::Doc> = texts
        .iter()
        .map(|t| brief::training::segment(t.clone()))
        .collect();
    let sentences: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.tokens.clone().map(|i| d.token_text(i)).collect())
                .collect()
        })
        .collect();
    let mut k = 0;
    report(
        "entity tagging (two passes)",
        bytes,
        time(&texts, budget, |_| {
            let doc = &sentences[k % sentences.len()];
            k += 1;
            brief::training::tag_document(doc)
                .iter()
                .map(Vec::len)
                .sum()
        }),
    );

    let mut sink = std::io::sink();
    report(
        "whole pipeline + JSON",
        bytes,
        time(&texts, budget, |t| {
            let b = brief::analyze(t.to_string(), "bench", t.len() as u64, Extras::default());
            serde_json::to_writer(&mut sink, &b).unwrap();
            sink.write_all(b"\n").unwrap();
            b.stats.tokens
        }),
    );
}
