//! The views of a brief through the binary: names inline in the JSON,
//! `--format summary|tsv|csv|html`, `brief show`, completions and man
//! pages. Snapshots (insta) pin the summary, a table and the HTML section
//! of one fixture, so that a change of layout is seen in review.

mod common;

use common::*;
use serde_json::Value;

fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// The port-strike fixture named as a user would name it, from the
/// repository's root, so that snapshots do not depend on where it is.
fn in_repo(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("fixtures/port-strike.txt")
}

fn all_briefs() -> Vec<Value> {
    ok_briefs(brief().args(["analyze", "--jsonl"]).args(fixtures()))
}

#[test]
fn speakers_holders_and_targets_carry_their_names() {
    let mut named = 0;
    for b in all_briefs() {
        let name_of = |id: &Value| -> Value {
            b["actors"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| &a["id"] == id)
                .map_or(Value::Null, |a| a["name"].clone())
        };
        for record in b["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .chain(b["claims"].as_array().unwrap())
        {
            assert!(record.get("speaker_name").is_some(), "{record}");
            assert_eq!(record["speaker_name"], name_of(&record["speaker"]));
            named += usize::from(!record["speaker"].is_null());
        }
        for s in b["stances"].as_array().unwrap() {
            assert_eq!(s["holder_name"], name_of(&s["holder"]));
            if s["target"].is_string() {
                assert_eq!(s["target_name"], name_of(&s["target"]));
            } else {
                assert!(s.get("target_name").is_none(), "{s}");
            }
        }
    }
    assert!(named > 10, "the fixtures have attributed quotes and claims");
}

/// How many records each table should have for a brief.
fn record_count(b: &Value, table: &str) -> usize {
    let len = |k: &str| b[k].as_array().unwrap().len();
    match table {
        "mentions" => b["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["mentions"].as_array().unwrap().len())
            .sum(),
        t => len(t),
    }
}

#[test]
fn tables_have_one_header_and_a_row_per_record() {
    let briefs = all_briefs();
    for (format, delimiter) in [("tsv", b'\t'), ("csv", b',')] {
        for table in ["quotes", "claims", "actors", "stances", "mentions"] {
            let out = stdout_of(
                brief()
                    .args([
                        "analyze", "--format", format, "--table", table, "--jobs", "2",
                    ])
                    .args(fixtures()),
            );
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(out.as_bytes());
            let width = reader.headers().unwrap().len();
            let mut rows = 0;
            for row in reader.records() {
                let row = row.unwrap();
                assert_eq!(row.len(), width, "{format} {table}: {row:?}");
                rows += 1;
            }
            let expected: usize = briefs.iter().map(|b| record_count(b, table)).sum();
            assert_eq!(rows, expected, "{format} {table}");
            if format == "tsv" {
                // One line per record: tabs and newlines inside fields are escaped.
                assert_eq!(out.lines().count(), rows + 1, "{table}");
            }
        }
    }
}

#[test]
fn table_fields_keep_the_text_of_the_json() {
    let file = fixture("port-strike.txt");
    let b = &ok_briefs(brief().args(["analyze", "--jsonl"]).arg(&file))[0];
    let out = stdout_of(
        brief()
            .args(["analyze", "--format", "csv", "--table", "claims"])
            .arg(&file),
    );
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (row, claim) in reader.records().zip(b["claims"].as_array().unwrap()) {
        let row = row.unwrap();
        assert_eq!(
            &row[column("content")],
            claim["content"]["text"].as_str().unwrap()
        );
        assert_eq!(&row[column("start")], claim["content"]["start"].to_string());
        assert_eq!(
            &row[column("speaker_name")],
            claim["speaker_name"].as_str().unwrap_or("")
        );
    }
}

#[test]
fn summary_of_port_strike_fits_a_screen() {
    let out = stdout_of(in_repo(brief().env("COLUMNS", "80").arg("show")));
    assert!(out.lines().count() <= 60, "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour into a pipe");
    let same = stdout_of(in_repo(
        brief()
            .env("COLUMNS", "80")
            .args(["analyze", "--format", "summary"]),
    ));
    assert_eq!(out, same, "show is analyze --format summary");
    insta::assert_snapshot!("summary_port_strike", out);
}

#[test]
fn summary_colour_follows_the_flag() {
    let run = |when: &str| {
        stdout_of(
            brief()
                .args(["show", "--color", when])
                .arg(fixture("port-strike.txt")),
        )
    };
    assert!(run("always").contains("\u{1b}["));
    assert!(!run("never").contains('\u{1b}'));
    assert!(!run("auto").contains('\u{1b}'), "auto: not a terminal");
}

/// A long article: many speakers, each with several statements.
fn long_article() -> String {
    let people = [
        "Ana Torres",
        "Ben Okoro",
        "Chen Wei",
        "Dara Quinn",
        "Eli Haddad",
        "Fay Lund",
        "Gus Moreau",
        "Hana Sato",
        "Ivo Petrov",
    ];
    let mut text = String::from("Council Splits Over Harbour Plan\n\n");
    for (k, name) in people.iter().enumerate() {
        for n in 0..4 {
            text.push_str(&format!(
                "\u{201C}Point {n} on the harbour plan matters to district {k},\u{201D} said {name}.\n\n"
            ));
        }
    }
    text
}

#[test]
fn summary_of_a_long_article_is_cut_and_all_shows_everything() {
    let article = long_article();
    let short = stdout_of(brief().arg("show").write_stdin(article.clone()));
    let all = stdout_of(brief().args(["show", "--all"]).write_stdin(article));
    assert!(short.contains("(--all)"), "{short}");
    assert!(short.lines().count() <= 60, "{short}");
    assert!(!all.contains("(--all)"), "{all}");
    assert!(all.lines().count() > short.lines().count());
    assert_eq!(all.matches("\u{201C}Point ").count(), 36, "{all}");
}

#[test]
fn summaries_of_many_articles_follow_one_another() {
    let files = fixtures();
    let out = stdout_of(brief().arg("show").args(&files));
    assert_eq!(out.matches(" words · ").count(), files.len());
    assert!(!out.contains("\n\n\n"), "one blank line between parts");
}

#[test]
fn tsv_snapshot_of_port_strike() {
    let out = stdout_of(in_repo(
        brief().args(["analyze", "--format", "tsv", "--table", "claims"]),
    ));
    insta::assert_snapshot!("tsv_claims_port_strike", out);
}

/// The article's section of a page: its structure, without the style sheet.
fn section(page: &str) -> &str {
    let start = page.find("<section").unwrap();
    let end = page.rfind("</section>").unwrap() + "</section>".len();
    &page[start..end]
}

#[test]
fn html_snapshot_of_port_strike() {
    let page = stdout_of(in_repo(brief().args(["analyze", "--format", "html"])));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(!page.contains("<nav"), "one article: no index");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no external assets"
    );
    insta::assert_snapshot!("html_port_strike", section(&page));
}

#[test]
fn html_of_many_articles_is_one_page_with_an_index() {
    let files = fixtures();
    let page = stdout_of(brief().args(["analyze", "--format", "html"]).args(&files));
    assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
    assert_eq!(
        page.matches("<section class=\"brief\"").count(),
        files.len()
    );
    let index = &page[page.find("<nav id=\"index\">").unwrap()..];
    assert_eq!(
        index.matches("<li><a href=\"#article-").count(),
        files.len()
    );
}

#[test]
fn html_escapes_everything_from_the_article() {
    let page = stdout_of(
        brief()
            .args(["analyze", "--format", "html"])
            .arg(fixture("markup-in-text.txt")),
    );
    let article = section(&page);
    assert!(!article.contains("<script"), "{article}");
    assert!(!article.contains("<img"));
    assert!(!article.contains("<a href=\"javascript"));
    assert!(article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!article.contains(" onmouseover=\""));
    assert_eq!(
        page.matches("<script>").count(),
        1,
        "only the page's own script"
    );
}

#[test]
fn every_format_runs_on_every_fixture() {
    for format in ["json", "jsonl", "summary", "tsv", "csv", "html"] {
        brief()
            .args(["analyze", "--format", format])
            .args(fixtures())
            .assert()
            .success();
    }
}

#[test]
fn with_text_includes_the_article_the_offsets_count_in() {
    let file = fixture("press-freedom.txt");
    let b = &ok_briefs(brief().args(["analyze", "--with", "text"]).arg(&file))[0];
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(b["text"], text);
    assert_eq!(b["source"]["format"], "text");
    check_spans(b, &text);
}

#[test]
fn completions_and_man_pages_are_printed() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout_of(brief().args(["completions", shell]));
        assert!(
            out.contains("analyze") && out.contains("--format"),
            "{shell}"
        );
    }
    let man = stdout_of(brief().arg("man"));
    assert!(
        man.starts_with(".ie") || man.contains(".TH brief 1"),
        "{man}"
    );
    let analyze = stdout_of(brief().args(["man", "analyze"]));
    assert!(analyze.contains(".TH brief-analyze 1") && analyze.contains("format"));
    brief().args(["man", "nonsense"]).assert().code(2);
}

#[test]
fn options_of_one_view_are_refused_with_the_others() {
    let file = fixture("port-strike.txt");
    for args in [
        vec!["analyze", "--table", "quotes"],
        vec!["analyze", "--format", "summary", "--with", "text"],
        vec!["analyze", "--format", "jsonl", "--all"],
        vec!["analyze", "--format", "html", "--table", "actors"],
    ] {
        let out = brief().args(&args).arg(&file).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.starts_with("error: --"), "{args:?}: {stderr}");
        assert!(out.get_output().stdout.is_empty());
    }
    // --color is harmless anywhere (users put it in aliases).
    brief()
        .args(["analyze", "--jsonl", "--color", "always"])
        .arg(&file)
        .assert()
        .success();
}

#[test]
fn completions_into_a_full_disk_fail_without_panicking() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full here");
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["completions", "bash"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("brief: cannot write output"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
