//! Tokenization and segmentation: paragraphs, then tokens, then sentences,
//! all with byte and character offsets, and the headline.
//!
//! Tokens follow the Penn Treebank conventions that news NLP (CoreNLP, the
//! PolNeAR silver data) uses, so that later stages can learn from that data:
//! clitics split (`do|n't`, `Putin|'s`), hyphenated words and abbreviations
//! whole (`50-year-old`, `U.S.`), every quotation mark its own token with its
//! direction decided. Where CoreNLP's choice would hurt a reader of the brief
//! (a `."` followed by `he said` is not a sentence end), we part from it.
//!
//! Assumptions: the text is already decoded (see `input`); a paragraph is a
//! block of lines, and a single newline also ends a paragraph unless the line
//! plainly wraps (it ends inside a clause and the next line starts lower-case).
//! The lexer is a hand-written single pass over the text: regexes cost too
//! much of the per-token budget that later stages need.
//!
//! Layout: paragraphs here, tokens in `words`, sentences in `sentences`, the
//! headline in `headline`.

use crate::doc::{Doc, Paragraph, QuoteDir, Sentence, Token, TokenKind};
use crate::lexicon::{self, List};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

mod headline;
pub use headline::is_title_case;
mod sentences;
mod words;

use headline::detect_title;
use sentences::{is_closer, split_sentences};
use words::{is_single_capital, CharCursor, Lexer};

/// Segments `text` into paragraphs, sentences and tokens and finds the headline.
pub fn segment(text: String) -> Doc {
    let mut doc = Doc {
        // News text averages about five bytes a token (PolNeAR train:
        // 727,308 tokens in about 3.9 MB); a quarter of the bytes leaves
        // room, so the vector rarely grows.
        tokens: Vec::with_capacity(text.len() / 4),
        text,
        ..Doc::default()
    };
    let mut cursor = CharCursor::default();
    for range in paragraph_ranges(&doc.text) {
        let first_token = doc.tokens.len();
        Lexer::new(&doc.text, range, &mut doc.tokens, &mut cursor).run();
        let tokens = first_token..doc.tokens.len();
        if tokens.is_empty() {
            continue;
        }
        let first_sentence = doc.sentences.len();
        let paragraph = doc.paragraphs.len();
        split_sentences(
            &doc.text,
            &doc.tokens,
            tokens.clone(),
            paragraph,
            &mut doc.sentences,
        );
        doc.paragraphs.push(Paragraph {
            sentences: first_sentence..doc.sentences.len(),
            tokens,
        });
    }
    doc.title_paragraph = detect_title(&doc);
    doc
}

/// Characters that carry no text: controls, zero-width and bidi marks, BOMs.
/// CoreNLP skips them too, and a token must never start with one.
fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// Marks that belong to the letter before them (combining accents, joiners,
/// variation selectors, the soft hyphen inside `news\u{AD}paper`).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}' | '\u{200D}' | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}' | '\u{00AD}')
}

// ---------------------------------------------------------------------------
// Paragraphs

/// Byte ranges of the paragraphs: blocks of non-blank lines, cut again at
/// every single newline that does not look like a hard wrap.
pub fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    while line_start <= text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |k| line_start + k);
        let line = &text[line_start..line_end];
        match trim_ignorable(line) {
            None => {
                if let Some(p) = current.take() {
                    out.push(p);
                }
            }
            Some(content) => {
                let content = line_start + content.start..line_start + content.end;
                current = Some(match current.take() {
                    Some(p) if is_soft_wrap(&text[p.clone()], &text[content.clone()]) => {
                        p.start..content.end
                    }
                    Some(p) => {
                        out.push(p);
                        content
                    }
                    None => content,
                });
            }
        }
        line_start = line_end + 1;
    }
    if let Some(p) = current {
        out.push(p);
    }
    out
}

fn trim_ignorable(line: &str) -> Option<Range<usize>> {
    let start = line.find(|c: char| !is_ignorable(c))?;
    let end = line
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_ignorable(c))
        .map(|(k, c)| k + c.len_utf8())?;
    Some(start..end)
}

/// A line that stops mid-clause followed by one that starts lower-case is a
/// hard-wrapped paragraph, not two paragraphs.
fn is_soft_wrap(before: &str, after: &str) -> bool {
    let last = before.chars().next_back();
    let first = after.chars().next();
    matches!((last, first), (Some(l), Some(f))
        if f.is_lowercase() && (l.is_alphanumeric() || matches!(l, ',' | ';' | '-' | '\u{2013}' | '\u{2014}')))
}

#[cfg(test)]
mod tests;
