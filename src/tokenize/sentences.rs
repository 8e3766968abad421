//! Sentences: breaks at strong marks unless the sentence plainly goes on,
//! and at abbreviations or ellipses only before what starts a sentence.
//!
//! Assumes the paragraph's tokens (see `words`).

use super::*;

#[derive(Clone, Copy, PartialEq)]
enum Boundary {
    /// `.`, `?`, `!`: a break unless the sentence plainly goes on.
    Strong,
    /// An abbreviation or ellipsis: a break only when what follows starts one.
    Weak,
}

fn boundary_kind(text: &str, tok: &Token) -> Option<Boundary> {
    let t = &text[tok.bytes()];
    match tok.kind {
        TokenKind::Punct if t == "." || t.starts_with(['?', '!']) => Some(Boundary::Strong),
        TokenKind::Punct if t == "…" || t.starts_with("..") || t == ". . ." => {
            Some(Boundary::Weak)
        }
        TokenKind::Word if t.len() > 1 && t.ends_with('.') => {
            let stem = &t[..t.len() - 1];
            let never_final = lexicon::words(List::TitleAbbreviations).contains(stem)
                || lexicon::words(List::NumberAbbreviations).contains(stem)
                || is_single_capital(stem);
            (!never_final).then_some(Boundary::Weak)
        }
        _ => None,
    }
}

pub(super) fn is_closer(tok: &Token, text: &str) -> bool {
    matches!(tok.kind, TokenKind::Quote(QuoteDir::Close))
        || (tok.kind == TokenKind::Punct && matches!(&text[tok.bytes()], ")" | "]" | "}"))
}

pub(super) fn split_sentences(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let mut start = range.start;
    let mut k = range.start;
    while k < range.end {
        let Some(boundary) = boundary_kind(text, &tokens[k]) else {
            k += 1;
            continue;
        };
        let mut j = k + 1;
        while j < range.end && is_closer(&tokens[j], text) {
            j += 1;
        }
        if j >= range.end {
            break;
        }
        let next = &tokens[j];
        let next_text = &text[next.bytes()];
        let next_first = next_text.chars().next().unwrap_or(' ');
        let closed_something = j > k + 1;
        let breaks = match boundary {
            Boundary::Strong => match next.kind {
                TokenKind::Punct => {
                    matches!(
                        next_text,
                        "(" | "[" | "—" | "–" | "-" | "--" | "…" | ". . ."
                    ) || next_text.starts_with("..")
                }
                _ => !next_first.is_lowercase(),
            },
            Boundary::Weak if k == start => false,
            Boundary::Weak => {
                matches!(next.kind, TokenKind::Quote(QuoteDir::Open))
                    || lexicon::words(List::SentenceStarters).contains(next_text)
                    || (closed_something && next_first.is_uppercase())
            }
        };
        if breaks {
            out.push(Sentence {
                tokens: start..j,
                paragraph,
            });
            start = j;
        }
        k = j;
    }
    out.push(Sentence {
        tokens: start..range.end,
        paragraph,
    });
}
