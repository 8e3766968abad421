//! Checks against the evaluation material in `../shared` (the seed article,
//! PolNeAR dev and its CoreNLP silver segmentation). The product does not
//! need that folder: without it (as `build.rs` saw at build time) these
//! tests show as ignored; `cargo test -- --include-ignored` runs them and
//! fails, saying why, when the folder or python3 is missing.

mod common;

use std::process::Command;

fn python3() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs one of the repository's Python scripts with `args` and `env`, and
/// gives its report (stdout) once it has succeeded.
fn run_script(name: &str, args: &[&std::ffi::OsStr], env: &[(&str, &std::ffi::OsStr)]) -> String {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts")
        .join(name);
    let mut command = Command::new("python3");
    command.arg(script).args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    report
}

fn shared_dir() -> std::path::PathBuf {
    let dir = common::shared().expect(
        "these tests need the evaluation data in ../shared (or BRIEF_SHARED) beside the repository",
    );
    assert!(python3(), "these tests need python3 on PATH");
    dir
}

#[test]
#[cfg_attr(not(brief_shared), ignore = "needs ../shared")]
fn output_honours_the_contract_on_seed_fixtures_and_polnear_dev() {
    let shared = shared_dir();
    let mut files = vec![shared.join("seed/trump-putin-call.txt")];
    files.extend(common::fixtures());
    let mut dev: Vec<_> = std::fs::read_dir(shared.join("data/polnear/dev"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    dev.sort();
    files.extend(dev);
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["analyze", "--jsonl"])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success());
    let dump = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract.jsonl");
    std::fs::write(&dump, &out.stdout).unwrap();
    let check = Command::new("python3")
        .arg(shared.join("eval/check_brief.py"))
        .arg(&dump)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");
    assert!(
        report.contains(&format!("{} object(s), 0 problem(s)", files.len())),
        "{report}"
    );
}

#[test]
#[cfg_attr(not(brief_shared), ignore = "needs ../shared")]
fn segmentation_agrees_with_corenlp_silver_on_polnear_dev() {
    let shared = shared_dir();
    let report = run_script(
        "compare_silver.py",
        &[
            "--split".as_ref(),
            "dev".as_ref(),
            "--brief".as_ref(),
            env!("CARGO_BIN_EXE_brief").as_ref(),
            "--shared".as_ref(),
            shared.as_os_str(),
        ],
        &[],
    );
    let f1 = |label: &str| -> f64 {
        let line = report.lines().find(|l| l.starts_with(label)).unwrap();
        let after = line.split("F1 ").nth(1).unwrap();
        after.split_whitespace().next().unwrap().parse().unwrap()
    };
    assert!(f1("token") >= 0.98, "{report}");
    assert!(f1("sentence start") >= 0.95, "{report}");
}

#[test]
#[cfg_attr(not(brief_shared), ignore = "needs ../shared")]
fn every_view_agrees_with_the_json_on_seed_fixtures_and_polnear_dev() {
    let shared = shared_dir();
    let report = run_script(
        "check_views.py",
        &[],
        &[
            ("BRIEF_EXE", env!("CARGO_BIN_EXE_brief").as_ref()),
            ("BRIEF_SHARED", shared.as_os_str()),
        ],
    );
    assert!(
        report.contains("every table agrees with the JSON"),
        "{report}"
    );
}
