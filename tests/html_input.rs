//! Web pages and other non-text inputs through the binary: an HTML page is
//! reduced to its article before the analysis (title and actors from the
//! story only), `--input text` and `--input html` force either reading, and
//! PDFs and UTF-16 files are refused with advice.

mod common;

use common::*;
use serde_json::Value;

fn page() -> std::path::PathBuf {
    fixture("html/news-page.html")
}

fn actor_names(b: &Value) -> Vec<String> {
    b["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_saved_news_page_gives_the_story_only() {
    let b = &ok_briefs(
        brief()
            .args(["analyze", "--jsonl", "--with", "text"])
            .arg(page()),
    )[0];
    assert_eq!(b["source"]["format"], "html");
    assert_eq!(b["title"], "Mayor Vows to Keep Riverside Clinic Open");
    let text = b["text"].as_str().unwrap();
    check_spans(b, text);
    let names = actor_names(b);
    assert!(names.iter().any(|n| n == "Oliver Grint"), "{names:?}");
    for junk in [
        "<",
        "{",
        "dataLayer",
        "Pat Quill",
        "Barnaby",
        "Horatio",
        "Sam Fictional",
        "Daily Example",
    ] {
        assert!(
            names.iter().all(|n| !n.contains(junk)),
            "{junk} in {names:?}"
        );
        assert!(!text.contains(junk), "{junk} in the extracted text");
    }
    assert!(!text.contains("cookie") && !text.contains("Privacy policy"));
    // The quotes are the story's, with their speakers.
    let speakers: Vec<&str> = b["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["speaker_name"].as_str())
        .collect();
    assert!(speakers.contains(&"Oliver Grint"), "{speakers:?}");
}

#[test]
fn input_text_reads_a_page_as_it_is_and_input_html_forces_extraction() {
    let raw = &ok_briefs(
        brief()
            .args(["analyze", "--jsonl", "--input", "text"])
            .arg(page()),
    )[0];
    assert_eq!(raw["source"]["format"], "text");
    assert!(raw["title"].as_str().unwrap_or("").starts_with("<!DOCTYPE"));
    // A page that does not start like one is still extracted when asked.
    let body =
        "<p>“We will rebuild,” Mayor Ada Stone said.</p><footer>Copyright Example Media</footer>";
    let auto = &ok_briefs(brief().args(["analyze", "--jsonl", "-"]).write_stdin(body))[0];
    assert_eq!(auto["source"]["format"], "text");
    let forced = &ok_briefs(
        brief()
            .args([
                "analyze", "--jsonl", "--input", "html", "--with", "text", "-",
            ])
            .write_stdin(body),
    )[0];
    assert_eq!(forced["source"]["format"], "html");
    assert_eq!(forced["text"], "“We will rebuild,” Mayor Ada Stone said.");
    assert_eq!(forced["quotes"][0]["speaker_name"], "Ada Stone");
}

#[test]
fn folders_of_pages_and_jsonl_records_of_pages_are_extracted() {
    let folder = fixture("html");
    let briefs = ok_briefs(
        brief()
            .args(["analyze", "--input", "html", "-r"])
            .arg(&folder),
    );
    assert_eq!(briefs.len(), 1, "--input html walks *.html");
    let html = std::fs::read_to_string(page()).unwrap();
    let record = serde_json::json!({"id": "page-1", "text": html}).to_string();
    let b = &ok_briefs(
        brief()
            .args(["analyze", "--input", "jsonl"])
            .write_stdin(record),
    )[0];
    assert_eq!(b["source"]["path"], "page-1");
    assert_eq!(b["source"]["format"], "html");
    assert_eq!(b["title"], "Mayor Vows to Keep Riverside Clinic Open");
}

#[test]
fn every_view_works_on_a_page() {
    for format in ["summary", "tsv", "csv", "html"] {
        let out = brief()
            .args(["analyze", "--format", format])
            .arg(page())
            .assert()
            .success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(!stdout.contains("dataLayer"), "{format}");
    }
}

#[test]
fn pdf_and_utf16_without_bom_are_refused_with_advice() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("html_input");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("report.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Length 5 >>\nstream\nx\0\x9c\nendstream",
    )
    .unwrap();
    let utf16 = dir.join("wide.txt");
    let wide: Vec<u8> = "Council votes on the harbour plan today."
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    std::fs::write(&utf16, wide).unwrap();
    let good = fixture("port-strike.txt");
    let (briefs, stderr) = failed_run(
        brief()
            .args(["analyze", "--jsonl"])
            .args([&pdf, &utf16, &good]),
    );
    assert_eq!(briefs.len(), 1, "the good file is still analysed");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains("report.pdf: is a PDF") && lines[0].contains("pdftotext"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("wide.txt: looks like UTF-16 (no byte-order mark)"),
        "{stderr}"
    );
    assert!(lines[1].contains("iconv"), "{stderr}");
}

#[test]
fn a_folder_walk_takes_text_and_pages_unless_told_which() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("mixed-folder");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("port-strike.txt"), dir.join("a.txt")).unwrap();
    std::fs::copy(page(), dir.join("b.html")).unwrap();
    std::fs::write(dir.join("notes.md"), "not an article").unwrap();
    let count = |extra: &[&str]| {
        ok_briefs(
            brief()
                .args(["analyze", "--jsonl", "-r"])
                .args(extra)
                .arg(&dir),
        )
        .len()
    };
    assert_eq!(count(&[]), 2);
    assert_eq!(count(&["--input", "text"]), 1);
    assert_eq!(count(&["--input", "html"]), 1);
}
