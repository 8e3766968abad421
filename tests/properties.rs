//! Invariants of segmentation on arbitrary input: nothing panics, every span
//! is the article's text at its character offsets, tokens are ordered and
//! disjoint, and each token lies in a sentence that lies in a paragraph.

mod common;

use brief::doc::Doc;
use brief::training::segment;
use brief::Extras;
use proptest::prelude::*;

fn check_doc(doc: &Doc) {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut last_end = 0u32;
    for t in &doc.tokens {
        assert!(t.start < t.end, "empty token");
        assert!(t.start >= last_end, "tokens overlap or are out of order");
        last_end = t.end;
        let by_chars: String = chars[t.char_start as usize..t.char_end as usize]
            .iter()
            .collect();
        assert_eq!(by_chars, &doc.text[t.bytes()]);
    }
    let mut next_token = 0;
    let mut next_sentence = 0;
    for (p, para) in doc.paragraphs.iter().enumerate() {
        assert!(!para.sentences.is_empty(), "empty paragraph");
        assert_eq!(para.sentences.start, next_sentence);
        assert_eq!(para.tokens.start, next_token);
        for s in para.sentences.clone() {
            let sent = &doc.sentences[s];
            assert_eq!(sent.paragraph, p);
            assert!(!sent.tokens.is_empty(), "empty sentence");
            assert_eq!(
                sent.tokens.start, next_token,
                "sentences must tile the paragraph"
            );
            assert!(sent.tokens.end <= para.tokens.end);
            next_token = sent.tokens.end;
        }
        assert_eq!(next_token, para.tokens.end);
        next_sentence = para.sentences.end;
    }
    assert_eq!(
        next_token,
        doc.tokens.len(),
        "every token is in a paragraph"
    );
    assert_eq!(next_sentence, doc.sentences.len());
}

/// Every view renders any brief; the HTML section holds no markup from the
/// article and a TSV table keeps one line per record.
fn check_views(b: &brief::Brief) {
    use brief::render::{Format, Renderer, Table};
    for format in [Format::Summary, Format::Tsv, Format::Csv, Format::Html] {
        let renderer = Renderer {
            format,
            table: Table::Claims,
            summary: Default::default(),
        };
        let out = String::from_utf8(renderer.article(b, 0).unwrap()).unwrap();
        match format {
            Format::Html => {
                for tag in ["<script", "<img", "<a href=\"j", "<iframe", "<style"] {
                    assert!(!out.contains(tag), "{tag} in {out}");
                }
            }
            Format::Tsv => assert_eq!(out.lines().count(), b.claims.len()),
            _ => {}
        }
    }
}

fn check_brief(text: &str) {
    let run = || {
        let extras = Extras {
            sentences: true,
            tokens: true,
            text: true,
        };
        brief::analyze(text.to_string(), "-", text.len() as u64, extras)
    };
    let b = run();
    let value = serde_json::to_value(&b).unwrap();
    let spans = common::check_spans(&value, text);
    assert_eq!(spans, common::span_count(&value));
    // The same input gives the same bytes.
    let again = run();
    assert_eq!(
        serde_json::to_string(&b).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
    assert_eq!(value["tokens"].as_array().unwrap().len(), b.stats.tokens);
    check_views(&b);
    check_trees(&b);
    // Every mention lies inside its sentence, and actors are in order of
    // first mention.
    let sentences = b.sentences.as_ref().unwrap();
    let mut last_first = None;
    for a in &b.actors {
        assert!(!a.mentions.is_empty());
        for m in &a.mentions {
            let s = &sentences[m.sentence];
            assert!(
                s.start <= m.start && m.end <= s.end,
                "mention outside its sentence"
            );
        }
        let first = a.mentions.iter().map(|m| m.start).min();
        assert!(last_first < first, "actors out of order");
        last_first = first;
    }
    assert_eq!(b.source.chars, text.chars().count());
}

/// Every sentence's tokens form one tree: exactly one root, every head in
/// the same sentence, no cycle; every token has a tag and a relation.
fn check_trees(b: &brief::Brief) {
    let tokens = b.tokens.as_ref().unwrap();
    let mut roots = vec![0usize; b.stats.sentences];
    for (k, t) in tokens.iter().enumerate() {
        assert!(!t.pos.is_empty() && !t.dep.is_empty(), "token {k} unparsed");
        match t.head {
            None => {
                roots[t.sentence] += 1;
                assert_eq!(t.dep, "root");
            }
            Some(h) => {
                assert!(h < tokens.len() && h != k, "head {h} of {k}");
                assert_eq!(tokens[h].sentence, t.sentence, "head outside the sentence");
                assert_ne!(t.dep, "root");
            }
        }
        // Following heads reaches the root within the sentence's length.
        let (mut at, mut steps) = (k, 0);
        while let Some(h) = tokens[at].head {
            at = h;
            steps += 1;
            assert!(steps <= tokens.len(), "a cycle through token {k}");
        }
    }
    let with_tokens = tokens
        .iter()
        .map(|t| t.sentence)
        .collect::<std::collections::BTreeSet<_>>();
    for s in with_tokens {
        assert_eq!(roots[s], 1, "sentence {s} has {} roots", roots[s]);
    }
}

/// Pieces of news text, so that generated inputs reach the interesting
/// paths (abbreviations, quotes, clitics, numbers, line breaks) often.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("p.m.".to_string()),
        Just("J.".to_string()),
        Just("don't".to_string()),
        Just("Putin’s".to_string()),
        Just("''".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("«".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just(". . .".to_string()),
        Just("—".to_string()),
        Just("--".to_string()),
        Just("-".to_string()),
        Just("$4.5".to_string()),
        Just("1,200".to_string()),
        Just("5:07".to_string()),
        Just("3.5%".to_string()),
        Just("https://example.org/a(b)".to_string()),
        Just("a@b.org".to_string()),
        Just("@user".to_string()),
        Just("#tag".to_string()),
        Just("<b>".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just(".".to_string()),
        Just("?".to_string()),
        Just("!".to_string()),
        Just(",".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("'90s".to_string()),
        Just("said".to_string()),
        Just("he said".to_string()),
        Just("according to".to_string()),
        Just("Maria Delgado".to_string()),
        Just("“We want peace,” she said.".to_string()),
        Just("thanked Maria Delgado for".to_string()),
        Just("Delgado's hopes of".to_string()),
        Just("was criticized by".to_string()),
        Just("said the plan was unrealistic".to_string()),
        Just(", especially with".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{200B}".to_string()),
        Just("👍🏽".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    let sep = prop_oneof![Just(""), Just(" "), Just(" "), Just("\u{A0}")];
    prop::collection::vec((piece, sep), 0..80)
        .prop_map(|parts| parts.into_iter().map(|(p, s)| p + s).collect::<String>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_segments_consistently(text in any::<String>()) {
        check_doc(&segment(text.clone()));
        check_brief(&text);
    }

    #[test]
    fn news_like_text_segments_consistently(text in newsy()) {
        check_doc(&segment(text.clone()));
        check_brief(&text);
    }
}

/// Runs the real binary over JSONL records on stdin. Some generated
/// articles hold NUL and are refused, so the whole outcome is compared:
/// status, briefs and messages.
fn briefs_with_jobs(records: &[u8], jobs: &str) -> std::process::Output {
    common::brief()
        .args(["analyze", "--input", "jsonl", "--jobs", jobs, "-"])
        .write_stdin(records.to_vec())
        .output()
        .unwrap()
}

proptest! {
    // Each case starts the binary twice; fewer cases keep the suite quick.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn output_is_byte_identical_across_jobs(articles in prop::collection::vec(newsy(), 1..12)) {
        let mut records = Vec::new();
        for (i, text) in articles.iter().enumerate() {
            let record = serde_json::json!({"id": format!("a{i}"), "text": text});
            records.extend(serde_json::to_vec(&record).unwrap());
            records.push(b'\n');
        }
        let one = briefs_with_jobs(&records, "1");
        let refused = String::from_utf8_lossy(&one.stderr).lines().count();
        let briefs = one.stdout.iter().filter(|&&b| b == b'\n').count();
        prop_assert_eq!(briefs + refused, articles.len());
        prop_assert_eq!(one.status.success(), refused == 0);
        let three = briefs_with_jobs(&records, "3");
        prop_assert!(one == three, "--jobs 3 changed the outcome");
    }
}
