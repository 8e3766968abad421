//! The README's example outputs are real: every block that follows an
//! `<!-- output of: brief ... -->` line is compared with what the current
//! binary prints for that command (run from the repository's root, 80
//! columns). A README block may leave lines out where it says so: a
//! `...` line stands for any number of lines. Between those, the block's
//! lines must be the output's lines, consecutive and in the same order.

mod common;

use common::brief;

/// (command, the block's lines) for each marked block of the README.
fn examples(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(command) = line
            .strip_prefix("<!-- output of: ")
            .and_then(|l| l.strip_suffix(" -->"))
        else {
            continue;
        };
        let fence = lines.next().unwrap_or_default();
        assert!(fence.starts_with("```"), "a block must follow: {command}");
        let block = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .map(str::to_string)
            .collect();
        out.push((command.to_string(), block));
    }
    out
}

#[test]
fn readme_examples_are_what_the_binary_prints() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 3, "the README shows outputs");
    for (command, block) in examples {
        let args: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(args[0], "brief", "{command}");
        let out = brief()
            .current_dir(root)
            .env("COLUMNS", "80")
            .args(&args[1..])
            .assert()
            .success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let real: Vec<&str> = stdout.lines().collect();
        let mut at = 0;
        // Each run of shown lines between `...` lines, matched in order.
        for run in block.split(|l| l.trim() == "...").filter(|r| !r.is_empty()) {
            let found = (at..=real.len().saturating_sub(run.len()))
                .find(|&k| real[k..k + run.len()].iter().zip(run).all(|(a, b)| a == b));
            let Some(k) = found else {
                panic!(
                    "README, `{command}`: these lines are not in the output as shown:\n{}\n\nreal output:\n{stdout}",
                    run.join("\n")
                );
            };
            at = k + run.len();
        }
    }
}
