//! Page furniture that no markup gives away: lines whose words alone say
//! they are not the story (an advertisement label, the byline, a copyright
//! line, a newsletter plug), left in a plain `<p>` by many sites. Each rule
//! asks for a short line of a set shape, so a sentence that merely starts
//! the same way ("By noon, the crowd had grown.", "Copyright lawyers
//! said…") stays. Left in, these lines become actors ("Advertisement",
//! the reporter, the publisher) and attributions.

use crate::lexicon::{self, List};

/// Bylines are looked for among this many first lines only: a kicker, a
/// dateline or a standfirst may come before one, but a "By …" line deep in
/// the story is the story's.
const BYLINE_LINES: usize = 3;

/// The longest byline, in words: a name or two and a role ("By Jane
/// Writer and Ivo Petrov, Staff Reporters in Elmstead" is ten).
const MAX_BYLINE_WORDS: usize = 12;

/// The longest copyright or sign-up line, in words. Such notices are a
/// clause or two; a paragraph about copyright law is longer.
const MAX_NOTICE_WORDS: usize = 30;

/// Drops furniture from the article's lines, in place (the title is not
/// among them).
pub(super) fn drop_furniture(lines: &mut Vec<String>) {
    let mut at = 0;
    lines.retain(|line| {
        let byline = at < BYLINE_LINES && is_byline(line);
        at += 1;
        !(byline || is_ad_label(line) || is_copyright(line) || is_signup(line))
    });
}

/// "Advertisement", "- ADVERTISEMENT -", "Sponsored:".
fn is_ad_label(line: &str) -> bool {
    let core = line.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = core.to_lowercase();
    lexicon::words(List::AdLabels).contains(lower.as_str())
}

/// "By Jane Writer, Staff Reporter": `by`, then at most
/// [`MAX_BYLINE_WORDS`] words in all that are capitalised (names, roles in
/// title case) or byline words (`data/lexicon/byline_words.txt`), with at
/// least one name.
fn is_byline(line: &str) -> bool {
    let mut words = line.split_whitespace();
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        return false;
    }
    if line.split_whitespace().count() > MAX_BYLINE_WORDS {
        return false;
    }
    let mut names = 0;
    for word in words {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        if word.is_empty() {
            continue; // "|", "—"
        }
        if word.chars().next().is_some_and(char::is_uppercase)
            && !word.chars().any(|c| c.is_ascii_digit())
        {
            names += 1;
        } else if !lexicon::words(List::BylineWords).contains(word.to_lowercase().as_str()) {
            return false;
        }
    }
    names > 0
}

/// "© 2026 Example Gazette", "Copyright 2026 …", "Copyright © …",
/// "(c) 2026 …": a copyright sign, or the word followed by a sign or a year.
fn is_copyright(line: &str) -> bool {
    if line.split_whitespace().count() > MAX_NOTICE_WORDS {
        return false;
    }
    let line = line.trim_start();
    if line.starts_with('©') {
        return true;
    }
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or_default();
    let next = words.next().unwrap_or_default();
    let year = |w: &str| w.chars().take(4).filter(char::is_ascii_digit).count() == 4;
    let sign = |w: &str| w.starts_with('©') || w.eq_ignore_ascii_case("(c)");
    if first.eq_ignore_ascii_case("(c)") {
        return year(next);
    }
    first.eq_ignore_ascii_case("copyright") && (sign(next) || year(next))
}

/// "Sign up for our newsletter…", "Subscribe to get the stories in your
/// inbox": an invitation to sign up for a newsletter or mail.
fn is_signup(line: &str) -> bool {
    if line.split_whitespace().count() > MAX_NOTICE_WORDS {
        return false;
    }
    let lower = line.trim_start().to_lowercase();
    let invites = ["sign up", "signup", "subscribe", "register"]
        .iter()
        .any(|w| lower.starts_with(w));
    invites
        && ["newsletter", "inbox", "email", "e-mail"]
            .iter()
            .any(|w| lower.contains(w))
}
