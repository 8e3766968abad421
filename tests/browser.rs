//! The HTML view in a real browser: headless Chromium loads the page,
//! runs its script, and dumps the DOM; the test reads that DOM back. It
//! checks that the marks are there (a mark per actor mention, a mark per
//! quotation), that the script ran, that an article full of markup adds no
//! element of its own and that every character of the article is in the
//! page's text. Where no Chromium is installed the test says so and skips
//! (`.ci/run` installs Debian's `chromium` when it can).

mod common;

use common::*;
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let found = Command::new(name).arg("--version").output().ok()?;
            found.status.success().then(|| PathBuf::from(name))
        })
}

fn headless(browser: &Path, args: &[&str], page: &Path) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        // A profile of its own, so that parallel runs do not share one.
        .arg(format!(
            "--user-data-dir={}",
            page.with_extension("profile").display()
        ))
        .args(args)
        .arg(page)
        .output()
        .expect("chromium runs")
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Writes the page of `fixture` and returns the DOM Chromium built from it.
fn rendered(browser: &Path, fixture_name: &str) -> (Html, Value, PathBuf) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    let file = fixture(fixture_name);
    let page = dir.join(fixture_name).with_extension("html");
    let out = brief()
        .args(["analyze", "--format", "html"])
        .arg(&file)
        .assert()
        .success();
    std::fs::write(&page, &out.get_output().stdout).unwrap();
    let dump = headless(browser, &["--dump-dom"], &page);
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dom = Html::parse_document(&String::from_utf8_lossy(&dump.stdout));
    let b = ok_briefs(
        brief()
            .args(["analyze", "--jsonl", "--with", "text"])
            .arg(&file),
    )
    .remove(0);
    (dom, b, page)
}

#[test]
fn html_view_renders_marks_and_injects_nothing_in_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("browser test skipped: no chromium on PATH (apt-get install chromium)");
        return;
    };
    for name in [
        "port-strike.txt",
        "markup-in-text.txt",
        "school-board-crlf.txt",
    ] {
        let (dom, b, page) = rendered(&browser, name);
        // The script ran: it names the page after the headline.
        let title: String = dom
            .select(&selector("title"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(title.ends_with(" — brief"), "{name}: {title}");
        assert_eq!(dom.select(&selector("script")).count(), 1, "{name}");
        for tag in [
            "img",
            "a[href^=javascript]",
            "[onerror]",
            "[onmouseover]",
            "iframe",
        ] {
            assert_eq!(dom.select(&selector(tag)).count(), 0, "{name}: {tag}");
        }
        let mentions: usize = b["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["mentions"].as_array().unwrap().len())
            .sum();
        let marks = dom
            .select(&selector("article.text mark[data-actor]"))
            .count();
        assert!(
            marks >= mentions,
            "{name}: {marks} marks, {mentions} mentions"
        );
        for q in b["quotes"].as_array().unwrap() {
            let id = format!("#article-0-{}", q["id"].as_str().unwrap());
            assert_eq!(dom.select(&selector(&id)).count(), 1, "{name}: {id}");
        }
        // Every character of the article is in the page's text (the HTML
        // parser turns CRLF into LF, as it must).
        let shown: String = dom
            .select(&selector("article.text"))
            .next()
            .unwrap()
            .text()
            .collect();
        let text = b["text"].as_str().unwrap().replace("\r\n", "\n");
        assert_eq!(shown, text, "{name}");
        let shot = page.with_extension("png");
        let taken = headless(
            &browser,
            &[
                "--window-size=1280,900",
                &format!("--screenshot={}", shot.display()),
            ],
            &page,
        );
        assert!(taken.status.success());
        assert!(
            std::fs::metadata(&shot).unwrap().len() > 10_000,
            "{name}: screenshot"
        );
    }
}
