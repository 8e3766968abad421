//! The `brief` binary, end to end: output format, reading, errors, exit codes.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

#[test]
fn analyze_prints_one_brief_per_file_in_order() {
    let files = fixtures();
    let out = brief()
        .arg("analyze")
        .args(&files)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let briefs = briefs(&out);
    assert_eq!(briefs.len(), files.len());
    for (b, f) in briefs.iter().zip(&files) {
        assert_eq!(b["schema_version"], "1");
        assert_eq!(b["source"]["path"], f.to_string_lossy().as_ref());
        for key in ["actors", "quotes", "claims", "stances"] {
            assert!(b[key].is_array(), "{key} must be an array");
        }
    }
}

#[test]
fn brief_reports_title_stats_and_source() {
    let b = &ok_briefs(
        brief()
            .args(["analyze", "--jsonl"])
            .arg(fixture("port-strike.txt")),
    )[0];
    let text = read_fixture("port-strike.txt");
    assert_eq!(b["title"], "Dockworkers Walk Out as Port Talks Collapse");
    assert_eq!(b["source"]["chars"], text.chars().count());
    assert_eq!(b["source"]["bytes"], text.len());
    assert_eq!(b["stats"]["paragraphs"], 6);
    assert_eq!(b["stats"]["sentences"], 11);
    assert!(b["stats"]["words"].as_u64().unwrap() < b["stats"]["tokens"].as_u64().unwrap());
}

#[test]
fn an_article_without_headline_has_null_title() {
    let out = brief()
        .arg("analyze")
        .arg(fixture("ceasefire-call.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(briefs(&out)[0]["title"], Value::Null);
}

#[test]
fn with_sentences_and_tokens_gives_checked_spans() {
    for f in fixtures() {
        let b = &ok_briefs(
            brief()
                .args(["analyze", "--with", "sentences,tokens"])
                .arg(&f),
        )[0];
        let bytes = std::fs::read(&f).unwrap();
        let article = brief::io::input::decode(bytes, &Default::default())
            .unwrap()
            .text;
        let tokens = b["tokens"].as_array().unwrap();
        let sentences = b["sentences"].as_array().unwrap();
        assert_eq!(tokens.len() as u64, b["stats"]["tokens"].as_u64().unwrap());
        assert_eq!(
            sentences.len() as u64,
            b["stats"]["sentences"].as_u64().unwrap()
        );
        let checked = check_spans(b, &article);
        assert_eq!(checked, span_count(b), "{}", f.display());
        for t in tokens {
            let is_quote = t["kind"] == "quote";
            assert_eq!(is_quote, t["quote"].is_string(), "{t}");
        }
    }
}

#[test]
fn quote_tokens_say_open_or_close() {
    let b = &ok_briefs(
        brief()
            .args(["analyze", "--with", "tokens", "-"])
            .write_stdin("He said, \u{201C}peace.\u{201D}"),
    )[0];
    let quotes: Vec<&str> = b["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "quote")
        .map(|t| t["quote"].as_str().unwrap())
        .collect();
    assert_eq!(quotes, ["open", "close"]);
}

#[test]
fn stdin_is_read_for_dash_and_for_no_file() {
    for args in [vec!["analyze", "-"], vec!["analyze"]] {
        let b = &ok_briefs(
            brief()
                .args(&args)
                .write_stdin("Talks resumed. Both sides said so."),
        )[0];
        assert_eq!(b["source"]["path"], "-");
        assert_eq!(b["stats"]["sentences"], 2);
    }
}

#[test]
fn pretty_and_jsonl_are_forced_by_flags() {
    let output = |flag: &str| {
        let out = brief()
            .args(["analyze", flag, "-"])
            .write_stdin("One. Two.")
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let pretty = output("--pretty");
    assert!(pretty.lines().count() > 5);
    assert!(pretty.starts_with("{\n"));
    assert_eq!(output("--jsonl").lines().count(), 1);
    brief()
        .args(["analyze", "--pretty", "--jsonl", "-"])
        .assert()
        .code(2);
}

#[test]
fn errors_name_the_file_and_the_others_are_still_processed() {
    let dir = tempfile_dir();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, b"abc\0def").unwrap();
    let missing = dir.join("missing.txt");
    let good = fixture("port-strike.txt");
    let assert = brief()
        .arg("analyze")
        .arg(&good)
        .arg(&missing)
        .arg(&binary)
        .arg(&dir)
        .arg(&good)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}: no such file",
            missing.display()
        )))
        .stderr(predicate::str::contains(format!(
            "{}: looks binary",
            binary.display()
        )))
        .stderr(predicate::str::contains(format!(
            "{}: is a directory",
            dir.display()
        )));
    let out = briefs(&assert.get_output().stdout);
    assert_eq!(out.len(), 2);
    assert!(out
        .iter()
        .all(|b| b["source"]["path"] == good.to_string_lossy().as_ref()));
    assert_eq!(
        String::from_utf8_lossy(&assert.get_output().stderr)
            .lines()
            .count(),
        3
    );
}

#[test]
fn empty_and_blank_files_are_briefs_with_zero_counts() {
    let dir = tempfile_dir();
    let empty = dir.join("empty.txt");
    let blank = dir.join("blank.txt");
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&blank, " \n\r\n\t \n").unwrap();
    let out = brief()
        .arg("analyze")
        .arg(&empty)
        .arg(&blank)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    for b in briefs(&out) {
        assert_eq!(b["title"], Value::Null);
        for k in ["paragraphs", "sentences", "tokens", "words"] {
            assert_eq!(b["stats"][k], 0);
        }
    }
}

#[test]
fn windows_1252_is_decoded_with_a_warning_unless_strict() {
    let f = fixture("mayor-race-cp1252.txt");
    let assert =
        brief()
            .arg("analyze")
            .arg(&f)
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "warning: {}: not valid UTF-8; read as Windows-1252",
                f.display()
            )));
    let b = &briefs(&assert.get_output().stdout)[0];
    assert_eq!(b["title"], "Mayor\u{2019}s Race Tightens in Final Week");
    brief()
        .args(["analyze", "--strict-utf8"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("not valid UTF-8"));
}

#[test]
fn bom_is_dropped_and_crlf_offsets_count_the_carriage_returns() {
    let f = fixture("school-board-crlf.txt");
    let raw = std::fs::read_to_string(&f).unwrap();
    let text = raw.strip_prefix('\u{FEFF}').unwrap();
    let b = &ok_briefs(
        brief()
            .args(["analyze", "--with", "sentences,tokens"])
            .arg(&f),
    )[0];
    assert_eq!(b["source"]["chars"], text.chars().count());
    assert_eq!(b["source"]["bytes"], raw.len());
    assert_eq!(b["title"], "School Board Delays Vote on Later Start Times");
    assert!(check_spans(b, text) > 50);
}

#[test]
fn utf16_and_oversized_inputs_are_refused_clearly() {
    let dir = tempfile_dir();
    let utf16 = dir.join("utf16.txt");
    std::fs::write(&utf16, b"\xFF\xFEH\0i\0").unwrap();
    brief()
        .arg("analyze")
        .arg(&utf16)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is UTF-16"));
    let big = fixture("port-strike.txt");
    brief()
        .args(["analyze", "--max-bytes", "100"])
        .arg(&big)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "larger than --max-bytes (100 bytes)",
        ));
    brief()
        .args(["analyze", "--max-bytes", "10", "-"])
        .write_stdin("This article is longer than ten bytes.")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("<stdin>: larger than --max-bytes"));
}

#[test]
fn schema_describes_the_output() {
    let out = brief()
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let schema: Value = serde_json::from_slice(&out).unwrap();
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "schema_version",
        "source",
        "title",
        "stats",
        "actors",
        "quotes",
        "claims",
        "stances",
        "sentences",
        "tokens",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(required.contains(&"actors") && !required.contains(&"tokens"));
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    brief().args(["analyze", "--no-such-flag"]).assert().code(2);
    brief()
        .args(["analyze", "--with", "paragraphs"])
        .assert()
        .code(2);
    brief().assert().code(2);
    brief()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    brief()
        .args(["analyze", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("jq '.quotes[]'"));
    brief()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("brief "));
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    let f = fixture("port-strike.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("analyze")
        .args(std::iter::repeat_n(&f, 3000))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'));
    // The reader is dropped here, as `| head -1` would.
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "status {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn stdin_closed_early_is_an_empty_article() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(briefs(&out.stdout)[0]["stats"]["tokens"], 0);
}

/// A fresh directory under the target dir (no extra crate needed).
fn tempfile_dir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn ner_prints_the_conll_file_back_with_a_tag_column() {
    let input = "-DOCSTART- -X- O O\n\nAngela NNP I-NP I-PER\nMerkel NNP I-NP I-PER\nvisited VBD I-VP O\nParis NNP I-NP I-LOC\non IN I-PP O\nMonday NNP I-NP O\n. . O O\n\nMerkel NNP I-NP I-PER\nleft VBD I-VP O\n. . O O\n";
    let out = brief()
        .args(["ner", "--conll", "-"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), input.lines().count());
    assert_eq!(lines[0], "-DOCSTART- -X- O O");
    assert_eq!(lines[1], "");
    let tags: Vec<&str> = lines
        .iter()
        .filter(|l| l.split_whitespace().count() == 5)
        .map(|l| l.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(
        tags,
        ["B-PER", "I-PER", "O", "B-LOC", "O", "O", "O", "B-PER", "O", "O"]
    );
    brief()
        .args(["ner", "--conll", "no-such-file.conll"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-file.conll: no such file"));
}

#[test]
fn actors_of_a_fixture_are_merged_typed_and_ordered() {
    let b = &ok_briefs(brief().arg("analyze").arg(fixture("grain-council.txt")))[0];
    let actors = b["actors"].as_array().unwrap();
    let by_name = |name: &str| {
        actors
            .iter()
            .find(|a| a["name"] == name)
            .unwrap_or_else(|| panic!("no actor {name}"))
    };
    let council = by_name("International Grain Council");
    assert_eq!(council["type"], "organization");
    assert!(council["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "IGC"));
    // Maria and Tomas Reyes share a surname and stay two people.
    assert_eq!(by_name("Maria Reyes")["type"], "person");
    assert_eq!(by_name("Tomas Reyes")["type"], "person");
    // The dateline's GENEVA is the Geneva of the last paragraph.
    assert_eq!(by_name("Geneva")["mentions"].as_array().unwrap().len(), 2);
    for (k, a) in actors.iter().enumerate() {
        assert_eq!(a["id"], format!("A{}", k + 1));
        let s = a["salience"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s));
    }
    let firsts: Vec<u64> = actors
        .iter()
        .map(|a| a["mentions"][0]["start"].as_u64().unwrap())
        .collect();
    assert!(
        firsts.windows(2).all(|w| w[0] < w[1]),
        "actors in order of first mention"
    );
    let text = std::fs::read_to_string(fixture("grain-council.txt")).unwrap();
    assert!(check_spans(b, &text) > 10);
}

#[test]
fn quotes_and_claims_of_a_fixture() {
    let b = &ok_briefs(brief().arg("analyze").arg(fixture("port-strike.txt")))[0];
    let actor_name = |id: &Value| -> Option<String> {
        let id = id.as_str()?;
        b["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a["name"].as_str().unwrap().to_string())
    };
    let quotes = b["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 4);
    assert_eq!(
        quotes[0]["span"]["text"],
        "We have been patient for 14 months, and patience has a limit,"
    );
    assert_eq!(
        actor_name(&quotes[0]["speaker"]).as_deref(),
        Some("Denise Okafor")
    );
    assert_eq!(quotes[0]["cue"]["text"], "said");
    // The quotation after hers in the same paragraph is hers too.
    assert_eq!(
        actor_name(&quotes[1]["speaker"]).as_deref(),
        Some("Denise Okafor")
    );
    // "a spokesman said": named in the text, but no actor.
    assert_eq!(quotes[3]["speaker"], Value::Null);
    assert_eq!(quotes[3]["speaker_mention"]["text"], "a spokesman");
    let claims = b["claims"].as_array().unwrap();
    let first = &claims[0];
    assert_eq!(first["kind"], "direct");
    assert_eq!(first["quotes"][0], "Q1");
    assert!(
        first["content"]["text"].as_str().unwrap().starts_with('"'),
        "content keeps the marks"
    );
    let text = std::fs::read_to_string(fixture("port-strike.txt")).unwrap();
    assert_eq!(check_spans(b, &text), span_count(b));
}

#[test]
fn stances_of_a_fixture() {
    let b = &ok_briefs(brief().arg("analyze").arg(fixture("ceasefire-call.txt")))[0];
    let name_of = |id: &str| -> String {
        b["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a["name"].as_str().unwrap().to_string())
            .unwrap()
    };
    let stances: Vec<(String, String, String)> = b["stances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let target = match &s["target"] {
                Value::String(id) => name_of(id),
                t => t["text"].as_str().unwrap().to_string(),
            };
            (
                name_of(s["holder"].as_str().unwrap()),
                target,
                s["polarity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |h: &str, t: &str, p: &str| stances.iter().any(|s| s.0 == h && s.1 == t && s.2 == p);
    // "… had spoken by phone and agreed to open talks on a border ceasefire"
    assert!(
        has(
            "Helena Varga",
            "open talks on a border ceasefire",
            "support"
        ),
        "{stances:?}"
    );
    // "Lenz … welcomed the talks but warned …"
    assert!(has("Gábor Lenz", "the talks", "support"), "{stances:?}");
    // Ordered by holder (actor order), every stance with evidence.
    let holders: Vec<u64> = b["stances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["holder"].as_str().unwrap()[1..].parse().unwrap())
        .collect();
    assert!(holders.windows(2).all(|w| w[0] <= w[1]), "{holders:?}");
    for s in b["stances"].as_array().unwrap() {
        assert!(!s["evidence"].as_array().unwrap().is_empty());
    }
}

#[test]
fn parse_writes_an_articles_sentences_as_conllu_and_reports_a_bad_file() {
    let article = fixture("port-strike.txt");
    let text = read_fixture("port-strike.txt");
    let out = brief()
        .arg("parse")
        .arg(&article)
        .arg("no-such-article.txt")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no-such-article.txt: no such file",
        ))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with(&format!("# file = {}\n", article.display())));
    let chars: Vec<char> = text.chars().collect();
    let mut roots = 0;
    let mut sentences = 0;
    for line in out.lines() {
        if line.starts_with("# sent_id") {
            sentences += 1;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 10, "{line}");
        roots += usize::from(cols[6] == "0");
        // MISC's offsets point at the token's own text.
        let misc: Vec<usize> = cols[9]
            .split('|')
            .map(|kv| kv.split('=').nth(1).unwrap().parse().unwrap())
            .collect();
        let form: String = chars[misc[0]..misc[1]].iter().collect();
        assert_eq!(form, cols[1].replace('\u{a0}', " "), "{line}");
    }
    assert!(sentences > 3);
    assert_eq!(roots, sentences, "one root per sentence");
}
