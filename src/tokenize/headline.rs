//! The headline: whether the first paragraph is a title.
//!
//! Assumes a segmented document (paragraphs and sentences).

use super::*;

/// Headlines are short: past this many words the first line is a lede
/// paragraph, whatever its case (news headlines run under 20 words; 40
/// leaves room for long ones and decks).
const MAX_HEADLINE_WORDS: usize = 40;

/// Title case, as headlines use it, but tolerant of a lower-case word the
/// small-words list does not know ("Talks Resume as Strike Enters Third
/// Week" and the odd "up"): at least three content words in four
/// capitalised, of at least two.
const TITLE_CASE_SHARE: (usize, usize) = (3, 4);
const MIN_CONTENT_WORDS: usize = 2;

/// Whether words (alphabetic ones, in order) are in title case: enough of
/// those the small-words list does not know are capitalised (see
/// `TITLE_CASE_SHARE`).
pub fn is_title_case(words: &[&str]) -> bool {
    let content: Vec<&&str> = words
        .iter()
        .enumerate()
        .filter(|&(k, w)| {
            k == 0 || !lexicon::words(List::TitleSmallWords).contains(w.to_lowercase().as_str())
        })
        .map(|(_, w)| w)
        .collect();
    let capitalised = content
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
        .count();
    let (share, of) = TITLE_CASE_SHARE;
    content.len() >= MIN_CONTENT_WORDS && capitalised * of >= content.len() * share
}

/// The first paragraph is a headline when it is one line with more text
/// after it, and it is either title-case or has no sentence-final mark.
pub(super) fn detect_title(doc: &Doc) -> Option<usize> {
    if doc.paragraphs.len() < 2 {
        return None;
    }
    let first = &doc.paragraphs[0];
    let range = doc.paragraph_range(0);
    if doc.slice(range).contains('\n') {
        return None;
    }
    let words: Vec<&str> = first
        .tokens
        .clone()
        .map(|i| doc.token_text(i))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.is_empty() || words.len() > MAX_HEADLINE_WORDS {
        return None;
    }
    let title_case = is_title_case(&words);
    let last_real = first
        .tokens
        .clone()
        .rev()
        .find(|&i| !is_closer(&doc.tokens[i], &doc.text))
        .map(|i| doc.token_text(i));
    let ends_sentence = matches!(last_real, Some(t) if t == "." || t.starts_with(['?', '!']));
    (title_case || !ends_sentence).then_some(0)
}
