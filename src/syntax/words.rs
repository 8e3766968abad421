//! The words the tagger and the parser read: each token's form in Penn
//! Treebank spelling, and the ids (string hashes) of the forms their
//! features look at, computed once per token.
//!
//! The models are trained on CoreNLP's tokens, which spell quotation marks
//! as two backticks and `''`, brackets as `-LRB-`, dashes as `--`; brief's
//! tokens keep the article's characters. [`ptb_form`] maps brief's forms
//! to CoreNLP's, so that both read alike. Assumes tokens are non-empty.

use crate::learn::hash::string_id;
use std::borrow::Cow;

/// How a quotation mark token opens or closes, when the caller knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteSide {
    /// Opening mark: `` `` ``.
    Open,
    /// Closing mark, or a straight mark of unknown side: `''`.
    Close,
}

/// `raw` as CoreNLP's PTB tokens spell it (the normalisations listed in
/// the silver data's README: quotes, brackets, dashes, ellipses);
/// `quote` says which side a straight double quotation mark is on.
pub fn ptb_form(raw: &str, quote: Option<QuoteSide>) -> Cow<'_, str> {
    let mapped = match raw {
        "“" | "«" | "„" => "``",
        "”" | "»" => "''",
        "\"" => match quote {
            Some(QuoteSide::Open) => "``",
            _ => "''",
        },
        "‘" => "`",
        "’" => "'",
        "(" => "-LRB-",
        ")" => "-RRB-",
        "[" => "-LSB-",
        "]" => "-RSB-",
        "{" => "-LCB-",
        "}" => "-RCB-",
        "—" | "–" | "―" | "---" => "--",
        "…" | ". . ." | "...." => "...",
        _ if raw.contains('’') => return Cow::Owned(raw.replace('’', "'")),
        _ => return Cow::Borrowed(raw),
    };
    Cow::Borrowed(mapped)
}

/// The ids of one token's forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordIds {
    /// The PTB form as written.
    pub form: u64,
    /// The form in lower case, digits as `0`.
    pub lower: u64,
    /// The last 1, 2, 3 and 4 characters of `lower` (the whole word when
    /// shorter).
    pub suffix: [u64; 4],
    /// The first character and the first two of `lower`.
    pub prefix: [u64; 2],
    /// The word's shape: `Xx`, `x`, `X.X.`, `d-d` (runs of one class
    /// shortened to one).
    pub shape: u64,
}

/// The id of the padding before and after a sentence, and of a missing
/// word (no such stack or buffer position): apart from every string id.
pub const NONE: u64 = 0x0b5e_55ed_0000_0001;

impl WordIds {
    /// The ids of a token whose PTB form is `form`.
    pub fn of(form: &str) -> WordIds {
        let lower: String = form
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        let ends: Vec<usize> = lower.char_indices().map(|(k, _)| k).collect();
        let suffix = |n: usize| match ends.len().checked_sub(n) {
            Some(k) => string_id(&lower[ends[k]..]),
            None => string_id(&lower),
        };
        let prefix = |n: usize| match ends.get(n) {
            Some(&end) => string_id(&lower[..end]),
            None => string_id(&lower),
        };
        WordIds {
            form: string_id(form),
            lower: string_id(&lower),
            suffix: [suffix(1), suffix(2), suffix(3), suffix(4)],
            prefix: [prefix(1), prefix(2)],
            shape: string_id(&shape(form)),
        }
    }

    /// The ids of the padding around a sentence.
    pub fn padding() -> WordIds {
        WordIds {
            form: NONE,
            lower: NONE,
            suffix: [NONE; 4],
            prefix: [NONE; 2],
            shape: NONE,
        }
    }
}

/// `McDonald` → `XxXx`, `U.S.` → `X.X.`, `1996-08-22` → `d-d-d`: each
/// character by class (upper, lower, digit, other as itself), runs of one
/// class as one.
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in w.chars().take(24) {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(class) {
            out.push(class);
            last = Some(class);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_spelled_as_the_treebank_spells_them() {
        assert_eq!(ptb_form("“", None), "``");
        assert_eq!(ptb_form("”", None), "''");
        assert_eq!(ptb_form("\"", Some(QuoteSide::Open)), "``");
        assert_eq!(ptb_form("\"", None), "''");
        assert_eq!(ptb_form("(", None), "-LRB-");
        assert_eq!(ptb_form("—", None), "--");
        assert_eq!(ptb_form("…", None), "...");
        assert_eq!(ptb_form("O’Neill", None), "O'Neill");
        assert_eq!(ptb_form("n’t", None), "n't");
        assert_eq!(ptb_form("harbour", None), "harbour");
    }

    #[test]
    fn ids_tell_forms_apart_and_share_what_is_shared() {
        let a = WordIds::of("Harbour");
        let b = WordIds::of("harbour");
        assert_ne!(a.form, b.form);
        assert_eq!(a.lower, b.lower);
        assert_eq!(a.suffix, b.suffix);
        assert_ne!(a.shape, b.shape);
        // Short words: every longer suffix is the word itself.
        let c = WordIds::of("on");
        assert_eq!(c.suffix[1], c.suffix[2]);
        assert_eq!(c.prefix[1], c.lower);
        assert_eq!(WordIds::of("1984").lower, WordIds::of("2031").lower);
        assert_ne!(WordIds::padding().form, WordIds::of("").form);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("McDonald"), "XxXx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-22"), "d-d-d");
    }
}
