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

use crate::doc::{Doc, Paragraph, QuoteDir, Sentence, Token, TokenKind};
use crate::lexicon::{self, List};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Segments `text` into paragraphs, sentences and tokens and finds the headline.
pub fn segment(text: String) -> Doc {
    let mut doc = Doc {
        // News text averages about five bytes a token.
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

// ---------------------------------------------------------------------------
// Tokens

/// Running conversion from byte offsets to character offsets. Tokens are
/// produced in text order, so each byte is counted once.
#[derive(Default)]
struct CharCursor {
    byte: usize,
    char: usize,
}

impl CharCursor {
    fn advance_to(&mut self, text: &str, byte: usize) -> usize {
        self.char += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }
}

/// Single letters joined by periods: `U.S`, `a.m`, `D.C` (final period not
/// included).
fn is_initialism(w: &str) -> bool {
    // Letter, then any number of ".letter": the shape of every initialism.
    let mut chars = w.chars();
    let mut letters = 0;
    loop {
        match chars.next() {
            Some(c) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
        match chars.next() {
            None => return letters >= 2,
            Some('.') => {}
            Some(_) => return false,
        }
    }
}

fn is_single_capital(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

/// Whether the period after `word` belongs to it. `next` is the first
/// non-space character after the period.
fn takes_period(word: &str, next: Option<char>) -> bool {
    // "(R-Ky.)", "(D-N.J.)": the party-state tags of US politicians.
    let word = match word.bytes().rposition(|b| b == b'-') {
        Some(k) if k + 1 < word.len() => &word[k + 1..],
        _ => word,
    };
    is_initialism(word)
        || is_single_capital(word)
        || lexicon::words(List::TitleAbbreviations).contains(word)
        || lexicon::words(List::OtherAbbreviations).contains(word)
        || (lexicon::words(List::NumberAbbreviations).contains(word)
            && next.is_some_and(|c| c.is_ascii_digit()))
}

/// Where a clitic starts inside `word`, if it ends in one: `do|n't`,
/// `Putin|'s`, `they|'re`, `can|not`. Runs for every word, so it allocates
/// nothing and rejects most words on their last byte.
fn clitic_split(word: &str) -> Option<usize> {
    let last = word.as_bytes().last()?.to_ascii_lowercase();
    if !matches!(last, b's' | b'e' | b'l' | b'd' | b'm' | b't') {
        return None;
    }
    if word.len() == 6 && word.eq_ignore_ascii_case("cannot") {
        return Some(3);
    }
    let apostrophe = word.rfind(['\'', '\u{2019}'])?;
    let before = &word[..apostrophe];
    let after = &word[apostrophe..].trim_start_matches(['\'', '\u{2019}']);
    if after.eq_ignore_ascii_case("t") {
        // "n't": the clitic starts at the 'n' ("ca|n't", "do|n't").
        return (before.len() > 1 && before.ends_with(['n', 'N'])).then(|| apostrophe - 1);
    }
    let is_clitic = ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| after.eq_ignore_ascii_case(c));
    (is_clitic && !before.is_empty()).then_some(apostrophe)
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    start: usize,
    end: usize,
    tokens: &'a mut Vec<Token>,
    cursor: &'a mut CharCursor,
    /// Quotation depth in this paragraph, used to orient straight quotes
    /// whose neighbours do not decide it.
    double_depth: u32,
    single_depth: u32,
}

impl<'a> Lexer<'a> {
    fn new(
        text: &'a str,
        range: Range<usize>,
        tokens: &'a mut Vec<Token>,
        cursor: &'a mut CharCursor,
    ) -> Self {
        Lexer {
            text,
            bytes: text.as_bytes(),
            start: range.start,
            end: range.end,
            tokens,
            cursor,
            double_depth: 0,
            single_depth: 0,
        }
    }

    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.end {
            return None;
        }
        let b = self.bytes[i];
        if b < 0x80 {
            Some(b as char)
        } else {
            self.text[i..].chars().next()
        }
    }

    #[inline]
    fn char_before(&self, i: usize) -> Option<char> {
        if i <= self.start {
            return None;
        }
        let b = self.bytes[i - 1];
        if b < 0x80 {
            Some(b as char)
        } else {
            self.text[..i].chars().next_back()
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        let char_start = self.cursor.advance_to(self.text, start);
        let char_end = self.cursor.advance_to(self.text, end);
        self.tokens.push(Token {
            start: start as u32,
            end: end as u32,
            char_start: char_start as u32,
            char_end: char_end as u32,
            kind,
        });
    }

    fn run(mut self) {
        let mut i = self.start;
        while let Some(c) = self.char_at(i) {
            if is_ignorable(c) {
                i += c.len_utf8();
                continue;
            }
            i = self.token_at(i, c);
        }
    }

    /// Lexes one token (or a word and its clitic) at `i`; returns where the
    /// next one may start.
    fn token_at(&mut self, i: usize, c: char) -> usize {
        if c.is_alphanumeric() {
            if let Some(end) = self.url_at(i) {
                self.push(i, end, TokenKind::Url);
                return end;
            }
            return self.word_at(i);
        }
        match c {
            '“' | '„' | '«' | '‹' => self.quote(i, c.len_utf8(), QuoteDir::Open, true),
            '”' | '»' | '›' => self.quote(i, c.len_utf8(), QuoteDir::Close, true),
            '‚' => self.quote(i, c.len_utf8(), QuoteDir::Open, false),
            '‘' | '’' | '\'' => self.apostrophe(i, c),
            '"' => {
                let dir = self.straight_dir(i, 1, self.double_depth);
                self.quote(i, 1, dir, true)
            }
            '`' => {
                let len = if self.char_at(i + 1) == Some('`') {
                    2
                } else {
                    1
                };
                self.quote(i, len, QuoteDir::Open, len == 2)
            }
            '@' | '#' => self.handle_or_hashtag(i, c),
            '<' => match self.markup_end(i) {
                Some(end) => {
                    self.push(i, end, TokenKind::Markup);
                    end
                }
                None => self.symbol(i),
            },
            '.' => self.dots(i),
            '-' => self.hyphens(i),
            '_' | '*' | '=' | '~' => {
                let end = self.run_of(i, |d| d == c);
                self.push(i, end, TokenKind::Punct);
                end
            }
            '?' | '!' => {
                let end = self.run_of(i, |c| c == '?' || c == '!');
                self.push(i, end, TokenKind::Punct);
                end
            }
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '…' | '—' | '–' | '―' | '‒'
            | '‐' | '/' | '\\' | '•' | '·' | '¡' | '¿' => {
                let end = i + c.len_utf8();
                self.push(i, end, TokenKind::Punct);
                end
            }
            _ => self.symbol(i),
        }
    }

    fn run_of(&self, i: usize, pred: impl Fn(char) -> bool) -> usize {
        let mut j = i;
        while let Some(c) = self.char_at(j) {
            if !pred(c) {
                break;
            }
            j += c.len_utf8();
        }
        j
    }

    /// One user-perceived character (so that an emoji with its modifiers
    /// stays whole).
    fn symbol(&mut self, i: usize) -> usize {
        let len = self.text[i..self.end]
            .graphemes(true)
            .next()
            .map_or(1, str::len);
        self.push(i, i + len, TokenKind::Symbol);
        i + len
    }

    fn quote(&mut self, i: usize, len: usize, dir: QuoteDir, double: bool) -> usize {
        let depth = if double {
            &mut self.double_depth
        } else {
            &mut self.single_depth
        };
        match dir {
            QuoteDir::Open => *depth += 1,
            QuoteDir::Close => *depth = depth.saturating_sub(1),
        }
        self.push(i, i + len, TokenKind::Quote(dir));
        i + len
    }

    /// Direction of a straight mark from its neighbours: space (or an opening
    /// bracket) before and text after opens; text before and space or
    /// punctuation after closes; otherwise the current depth decides.
    fn straight_dir(&self, i: usize, len: usize, depth: u32) -> QuoteDir {
        let left_open = self.char_before(i).is_none_or(|p| {
            is_ignorable(p)
                || matches!(
                    p,
                    '(' | '[' | '{' | '<' | '“' | '‘' | '«' | '—' | '–' | '-' | '/'
                )
        });
        let right_open = self.char_at(i + len).is_none_or(|n| {
            is_ignorable(n)
                || matches!(
                    n,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '>'
                        | '”'
                        | '’'
                        | '»'
                        | '—'
                        | '–'
                        | '…'
                )
        });
        match (left_open, right_open) {
            (true, false) => QuoteDir::Open,
            (false, true) => QuoteDir::Close,
            _ if depth > 0 => QuoteDir::Close,
            _ => QuoteDir::Open,
        }
    }

    /// `'`, `‘` and `’` outside a word: an elided year (`'90s`), the doubled
    /// `''` quote, a plural possessive (`parents'`) or a single quote.
    fn apostrophe(&mut self, i: usize, c: char) -> usize {
        let len = c.len_utf8();
        if c == '\'' && self.char_at(i + 1) == Some('\'') {
            let dir = self.straight_dir(i, 2, self.double_depth);
            return self.quote(i, 2, dir, true);
        }
        if let Some(end) = self.elided_year(i + len) {
            if self.char_before(i).is_none_or(is_ignorable) {
                self.push(i, end, TokenKind::Word);
                return end;
            }
        }
        if c != '‘' && self.char_before(i) == Some('.') {
            if let Some(end) = self.clitic_after(i + len) {
                self.push(i, end, TokenKind::Word);
                return end;
            }
        }
        let after_word = self.char_before(i).is_some_and(char::is_alphanumeric);
        if c != '‘' && after_word && self.single_depth == 0 {
            let plural = matches!(self.char_before(i), Some('s' | 'S' | 'z' | 'x'));
            let next_is_space = self.char_at(i + len).is_none_or(is_ignorable);
            if plural && next_is_space {
                self.push(i, i + len, TokenKind::Punct);
                return i + len;
            }
        }
        let dir = match c {
            '‘' => QuoteDir::Open,
            '’' => QuoteDir::Close,
            _ => self.straight_dir(i, 1, self.single_depth),
        };
        self.quote(i, len, dir, false)
    }

    /// The letters of a clitic (`s`, `re`, ...) starting at `i` and ending a
    /// word, as after an abbreviation in `the U.N.'s`: returns the end.
    fn clitic_after(&self, i: usize) -> Option<usize> {
        let end = self.run_of(i, char::is_alphabetic);
        let letters = self.text[i..end].to_ascii_lowercase();
        matches!(letters.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m").then_some(end)
    }

    /// `90s` or `16` after an apostrophe, as in `'90s`: returns the end.
    fn elided_year(&self, i: usize) -> Option<usize> {
        let b = self.bytes;
        let digits = |k: usize| k < self.end && b[k].is_ascii_digit();
        if !(digits(i) && digits(i + 1)) {
            return None;
        }
        let mut end = i + 2;
        if end < self.end && b[end] == b's' {
            end += 1;
        }
        match self.char_at(end) {
            Some(c) if c.is_alphanumeric() => None,
            _ => Some(end),
        }
    }

    fn handle_or_hashtag(&mut self, i: usize, c: char) -> usize {
        let body_end = self.run_of(i + 1, |c| c.is_alphanumeric() || c == '_');
        let body = &self.text[i + 1..body_end];
        let good = if c == '@' {
            !body.is_empty()
        } else {
            body.chars().any(char::is_alphabetic)
        };
        if !good {
            return self.symbol(i);
        }
        let kind = if c == '@' {
            TokenKind::Handle
        } else {
            TokenKind::Hashtag
        };
        self.push(i, body_end, kind);
        body_end
    }

    /// An HTML or XML tag on one line, as scraped articles carry them.
    fn markup_end(&self, i: usize) -> Option<usize> {
        let rest = &self.text[i + 1..self.end];
        let first = rest.chars().next()?;
        if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
            return None;
        }
        let close = rest.find(['>', '<', '\n'])?;
        (rest.as_bytes()[close] == b'>' && close < 2000).then_some(i + 1 + close + 1)
    }

    fn url_at(&self, i: usize) -> Option<usize> {
        let rest = &self.bytes[i..self.end];
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if !(starts(b"http://") || starts(b"https://") || starts(b"ftp://") || starts(b"www.")) {
            return None;
        }
        if self.char_before(i).is_some_and(char::is_alphanumeric) {
            return None;
        }
        let mut end = self.run_of(i, |c| {
            !(is_ignorable(c) || matches!(c, '"' | '<' | '>' | '“' | '”' | '‘' | '’' | '«' | '»'))
        });
        // Trailing sentence punctuation and an unbalanced bracket are not
        // part of the address.
        loop {
            let url = &self.text[i..end];
            let Some(last) = url.chars().next_back() else {
                break;
            };
            let unbalanced = |open, close| {
                last == close && url.matches(open).count() < url.matches(close).count()
            };
            if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'')
                || unbalanced('(', ')')
                || unbalanced('[', ']')
            {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        (end > i + 4).then_some(end)
    }

    /// The maximal run of word characters and in-word connectors from `j`:
    /// `50-year-old`, `3.5`, `1,200`, `5:07`, `AT&T`, `O'Malley`, `and/or`,
    /// `jane@example.org`.
    fn word_run(&self, i: usize, mut j: usize) -> usize {
        let mut seen_at = false;
        while let Some(c) = self.char_at(j) {
            let len = c.len_utf8();
            if c.is_alphanumeric() || is_mark(c) {
                j += len;
                continue;
            }
            let next = self.char_at(j + len);
            let next_alnum = next.is_some_and(char::is_alphanumeric);
            let prev = self.char_before(j);
            let joins = match c {
                '-' | '\u{2010}' | '\u{2011}' => next_alnum && j > i,
                '.' | '/' | '_' => next_alnum,
                ',' | ':' => {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                '&' => prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_uppercase),
                '\'' | '\u{2019}' => next.is_some_and(char::is_alphabetic),
                '@' if !seen_at && next_alnum => {
                    seen_at = true;
                    true
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j += len;
        }
        j
    }

    fn word_at(&mut self, i: usize) -> usize {
        let mut end = self.word_run(i, i);
        // An abbreviation keeps its period; "U.S.-led" goes on after it.
        while self.char_at(end) == Some('.') && self.char_at(end + 1) != Some('.') {
            let next = self.text[end + 1..self.end]
                .chars()
                .find(|&c| !is_ignorable(c));
            if !takes_period(&self.text[i..end], next) {
                break;
            }
            end += 1;
            if self.char_at(end) == Some('-')
                && self.char_at(end + 1).is_some_and(char::is_alphanumeric)
            {
                end = self.word_run(i, end + 1);
            } else {
                break;
            }
        }
        let word = &self.text[i..end];
        let kind = if let Some(at) = word.find('@') {
            if word[at..].contains('.') {
                TokenKind::Email
            } else {
                TokenKind::Word
            }
        } else if word.chars().any(char::is_alphabetic) {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        if kind == TokenKind::Word && !word.ends_with('.') {
            if let Some(at) = clitic_split(word) {
                self.push(i, i + at, TokenKind::Word);
                self.push(i + at, end, TokenKind::Word);
                return end;
            }
        }
        self.push(i, end, kind);
        end
    }

    /// `.`, an ellipsis `...` / `. . .`, or a number such as `.5`.
    fn dots(&mut self, i: usize) -> usize {
        let b = self.bytes;
        let at = |k: usize| k < self.end && b[k] == b'.';
        let end = if at(i + 1) && at(i + 2) {
            self.run_of(i, |c| c == '.')
        } else if i + 4 < self.end && &b[i..i + 5] == b". . ." {
            i + 5
        } else if self.char_at(i + 1).is_some_and(|c| c.is_ascii_digit())
            && self.char_before(i).is_none_or(is_ignorable)
        {
            let end = self.word_run(i, i + 1);
            self.push(i, end, TokenKind::Number);
            return end;
        } else {
            i + 1
        };
        self.push(i, end, TokenKind::Punct);
        end
    }

    /// `--` as one dash, `-3` as a negative number, else a lone hyphen.
    fn hyphens(&mut self, i: usize) -> usize {
        let end = self.run_of(i, |c| c == '-');
        if end == i + 1
            && self.char_at(end).is_some_and(|c| c.is_ascii_digit())
            && self
                .char_before(i)
                .is_none_or(|p| is_ignorable(p) || matches!(p, '(' | '['))
        {
            let number_end = self.word_run(i, end);
            if self.text[end..number_end]
                .chars()
                .all(|c| !c.is_alphabetic())
            {
                self.push(i, number_end, TokenKind::Number);
                return number_end;
            }
        }
        self.push(i, end, TokenKind::Punct);
        end
    }
}

// ---------------------------------------------------------------------------
// Sentences

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

fn is_closer(tok: &Token, text: &str) -> bool {
    matches!(tok.kind, TokenKind::Quote(QuoteDir::Close))
        || (tok.kind == TokenKind::Punct && matches!(&text[tok.bytes()], ")" | "]" | "}"))
}

fn split_sentences(
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

// ---------------------------------------------------------------------------
// Title

/// The first paragraph is a headline when it is one line with more text
/// after it, and it is either title-case or has no sentence-final mark.
fn detect_title(doc: &Doc) -> Option<usize> {
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
    if words.is_empty() || words.len() > 40 {
        return None;
    }
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
    let title_case = content.len() >= 2 && capitalised * 4 >= content.len() * 3;
    let last_real = first
        .tokens
        .clone()
        .rev()
        .find(|&i| !is_closer(&doc.tokens[i], &doc.text))
        .map(|i| doc.token_text(i));
    let ends_sentence = matches!(last_real, Some(t) if t == "." || t.starts_with(['?', '!']));
    (title_case || !ends_sentence).then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_forms_are_those_of_to_lowercase() {
        let doc =
            segment("The PRESIDENT of ÉTAT met Ǆemal in İstanbul; ΣΟΦΙΑ said “no” 42.".into());
        for i in 0..doc.tokens.len() {
            assert_eq!(doc.token_lower(i), doc.token_text(i).to_lowercase());
        }
    }

    fn toks(text: &str) -> Vec<String> {
        let doc = segment(text.to_string());
        (0..doc.tokens.len())
            .map(|i| doc.token_text(i).to_string())
            .collect()
    }

    fn joined(text: &str) -> String {
        toks(text).join("|")
    }

    fn sentences(text: &str) -> Vec<String> {
        let doc = segment(text.to_string());
        (0..doc.sentences.len())
            .map(|s| doc.slice(doc.sentence_range(s)).to_string())
            .collect()
    }

    fn kinds(text: &str) -> Vec<TokenKind> {
        segment(text.to_string())
            .tokens
            .iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn clitics_are_split() {
        assert_eq!(joined("I don't know"), "I|do|n't|know");
        assert_eq!(joined("Zelenskyy's aides"), "Zelenskyy|'s|aides");
        assert_eq!(joined("they're here"), "they|'re|here");
        assert_eq!(joined("they’re here"), "they|’re|here");
        assert_eq!(joined("It won’t, we can't"), "It|wo|n’t|,|we|ca|n't");
        assert_eq!(joined("we cannot"), "we|can|not");
        assert_eq!(joined("I'd say we've"), "I|'d|say|we|'ve");
        assert_eq!(joined("O'Malley and O’Neill’s"), "O'Malley|and|O’Neill|’s");
    }

    #[test]
    fn hyphenated_words_stay_whole_and_dashes_split() {
        assert_eq!(joined("a 50-year-old e-mail"), "a|50-year-old|e-mail");
        assert_eq!(joined("peace—or not"), "peace|—|or|not");
        assert_eq!(joined("peace – or not"), "peace|–|or|not");
        assert_eq!(joined("peace--or not"), "peace|--|or|not");
        assert_eq!(joined("a U.S.-led push"), "a|U.S.-led|push");
    }

    #[test]
    fn numbers_keep_separators() {
        assert_eq!(joined("1,200 troops"), "1,200|troops");
        assert_eq!(joined("rose 3.5%"), "rose|3.5|%");
        assert_eq!(joined("$4.5 billion"), "$|4.5|billion");
        assert_eq!(joined("at 5:07 p.m."), "at|5:07|p.m.");
        assert_eq!(joined("fell to -3 degrees"), "fell|to|-3|degrees");
        assert_eq!(joined("the '90s"), "the|'90s");
        assert_eq!(
            kinds("1,200 3.5 9/11"),
            vec![TokenKind::Number, TokenKind::Number, TokenKind::Number]
        );
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(joined("the U.S. and U.N."), "the|U.S.|and|U.N.");
        assert_eq!(joined("Mr. Smith, Sen. Jones"), "Mr.|Smith|,|Sen.|Jones");
        assert_eq!(joined("Donald J. Trump"), "Donald|J.|Trump");
        assert_eq!(joined("No. 2 and no."), "No.|2|and|no|.");
        assert_eq!(joined("Acme Inc. said"), "Acme|Inc.|said");
        assert_eq!(joined("It ended."), "It|ended|.");
    }

    #[test]
    fn party_state_tags_and_clitics_after_abbreviations() {
        assert_eq!(
            joined("Sen. Ted Cruz (R-Texas.) and Rep. Ann Lee (D-N.J.) met"),
            "Sen.|Ted|Cruz|(|R-Texas|.|)|and|Rep.|Ann|Lee|(|D-N.J.|)|met"
        );
        assert_eq!(joined("McConnell, R-Ky., said"), "McConnell|,|R-Ky.|,|said");
        assert_eq!(joined("the U.N.'s record"), "the|U.N.|'s|record");
        assert_eq!(joined("end ___ and ***"), "end|___|and|***");
    }

    #[test]
    fn ellipsis_after_a_full_stop_opens_the_next_sentence() {
        assert_eq!(
            sentences("He had no proof. ... He would not have done that."),
            vec!["He had no proof.", "... He would not have done that."]
        );
    }

    #[test]
    fn special_tokens_stay_whole() {
        assert_eq!(
            joined("See https://example.com/a(b). Or www.example.org, ok"),
            "See|https://example.com/a(b)|.|Or|www.example.org|,|ok"
        );
        assert_eq!(
            joined("mail jane.doe@example.org now"),
            "mail|jane.doe@example.org|now"
        );
        assert_eq!(
            joined("@jane_doe and #Peace2025!"),
            "@jane_doe|and|#Peace2025|!"
        );
        assert_eq!(
            kinds("https://x.org a@b.org @x #y <b>"),
            vec![
                TokenKind::Url,
                TokenKind::Email,
                TokenKind::Handle,
                TokenKind::Hashtag,
                TokenKind::Markup
            ]
        );
        assert_eq!(joined("AT&T and Q&A & more"), "AT&T|and|Q&A|&|more");
        assert_eq!(joined("wait... what"), "wait|...|what");
        assert_eq!(joined("wait . . . what"), "wait|. . .|what");
    }

    #[test]
    fn quotation_marks_are_tokens_with_direction() {
        let doc = segment("He said “peace” and ‘calm’ and «paix» and „Frieden”.".to_string());
        let dirs: Vec<(String, QuoteDir)> = doc
            .tokens
            .iter()
            .enumerate()
            .filter_map(|(i, t)| match t.kind {
                TokenKind::Quote(d) => Some((doc.token_text(i).to_string(), d)),
                _ => None,
            })
            .collect();
        use QuoteDir::*;
        assert_eq!(
            dirs,
            vec![
                ("“".into(), Open),
                ("”".into(), Close),
                ("‘".into(), Open),
                ("’".into(), Close),
                ("«".into(), Open),
                ("»".into(), Close),
                ("„".into(), Open),
                ("”".into(), Close)
            ]
        );
    }

    fn quote_dirs(text: &str) -> Vec<QuoteDir> {
        segment(text.to_string())
            .tokens
            .iter()
            .filter_map(|t| match t.kind {
                TokenKind::Quote(d) => Some(d),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn straight_quotes_get_direction_from_context() {
        use QuoteDir::*;
        assert_eq!(
            quote_dirs(r#""We want peace," he said."#),
            vec![Open, Close]
        );
        assert_eq!(
            quote_dirs(r#"He said: "No." Then left."#),
            vec![Open, Close]
        );
        assert_eq!(
            quote_dirs(r#"the so-called 'reform' plan"#),
            vec![Open, Close]
        );
        // Spaces on both sides: the depth decides.
        assert_eq!(quote_dirs(r#"a " b " c"#), vec![Open, Close]);
        // NYT style: doubled apostrophes for both ends.
        assert_eq!(
            joined("But ''the issue,'' Mr. Lee said"),
            "But|''|the|issue|,|''|Mr.|Lee|said"
        );
        assert_eq!(
            quote_dirs("But ''the issue,'' Mr. Lee said"),
            vec![Open, Close]
        );
        assert_eq!(quote_dirs("``Yes,'' he said"), vec![Open, Close]);
    }

    #[test]
    fn apostrophes_inside_and_after_words() {
        assert_eq!(kinds("the parents' votes")[2], TokenKind::Punct);
        assert_eq!(joined("the parents' votes"), "the|parents|'|votes");
        assert_eq!(joined("Ukraine’s aspirations"), "Ukraine|’s|aspirations");
    }

    #[test]
    fn sentences_do_not_break_after_abbreviations_or_initials() {
        assert_eq!(
            sentences("Sen. Jones met Gen. Smith and Donald J. Trump in the U.S. capital on Jan. 5. They talked."),
            vec![
                "Sen. Jones met Gen. Smith and Donald J. Trump in the U.S. capital on Jan. 5.",
                "They talked."
            ]
        );
        assert_eq!(
            sentences("It rose 3.5 percent at 5:07 p.m. Eastern time. Then it fell."),
            vec![
                "It rose 3.5 percent at 5:07 p.m. Eastern time.",
                "Then it fell."
            ]
        );
        assert_eq!(
            sentences("Dr. Lee, Mrs. Ray, Mr. Orr, Rep. Kim, Gov. Lin, Lt. Cole, St. Paul and No. 5 came."),
            vec!["Dr. Lee, Mrs. Ray, Mr. Orr, Rep. Kim, Gov. Lin, Lt. Cole, St. Paul and No. 5 came."]
        );
    }

    #[test]
    fn no_break_after_any_listed_abbreviation_before_a_name() {
        for abbr in [
            "U.S.", "U.N.", "Mr.", "Mrs.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "St.",
            "Jan.", "Feb.", "Sept.", "Inc.", "Corp.", "Jr.", "a.m.", "p.m.",
        ] {
            let text = format!("They met {abbr} Smith there. Then they left.");
            assert_eq!(sentences(&text).len(), 2, "{text}");
            assert!(toks(&text).contains(&abbr.to_string()), "{text}");
        }
        assert_eq!(
            sentences("It was No. 5 on the list. Then it fell.").len(),
            2
        );
    }

    #[test]
    fn sentences_break_after_abbreviation_that_ends_one() {
        assert_eq!(
            sentences("Talks were held in the U.S. The allies agreed."),
            vec!["Talks were held in the U.S.", "The allies agreed."]
        );
        assert_eq!(
            sentences("He works for Acme Inc. But not for long."),
            vec!["He works for Acme Inc.", "But not for long."]
        );
    }

    #[test]
    fn sentences_and_quotations() {
        assert_eq!(
            sentences(r#""We want peace," he said. Then he left."#),
            vec![r#""We want peace," he said."#, "Then he left."]
        );
        assert_eq!(
            sentences("Everyone “wants peace.” Trump said so."),
            vec!["Everyone “wants peace.”", "Trump said so."]
        );
        assert_eq!(
            sentences(r#"He "wants peace." Trump said so."#),
            vec![r#"He "wants peace.""#, "Trump said so."]
        );
        assert_eq!(
            sentences("“Is this peace?” he asked. “Yes!” she said."),
            vec!["“Is this peace?” he asked.", "“Yes!” she said."]
        );
        assert_eq!(
            sentences("He said: “We want peace. We will get it.” Then he left."),
            vec![
                "He said: “We want peace.",
                "We will get it.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn sentences_break_on_question_and_exclamation() {
        assert_eq!(
            sentences("Why now? Nobody knows! Really?! Yes."),
            vec!["Why now?", "Nobody knows!", "Really?!", "Yes."]
        );
    }

    #[test]
    fn ellipsis_mid_sentence_is_not_a_break() {
        assert_eq!(
            sentences("We will ... consider it. Later."),
            vec!["We will ... consider it.", "Later."]
        );
        assert_eq!(
            sentences("It was over… They left."),
            vec!["It was over…", "They left."]
        );
    }

    #[test]
    fn decimals_do_not_break() {
        assert_eq!(
            sentences("Growth was 3.5 percent. It slowed."),
            vec!["Growth was 3.5 percent.", "It slowed."]
        );
    }

    #[test]
    fn sentences_never_cross_paragraphs() {
        let doc = segment("First line without stop\nSecond line.\n\nThird para".to_string());
        assert_eq!(doc.paragraphs.len(), 3);
        assert_eq!(doc.sentences.len(), 3);
        for (k, s) in doc.sentences.iter().enumerate() {
            let p = &doc.paragraphs[s.paragraph];
            assert!(p.sentences.contains(&k));
        }
    }

    #[test]
    fn single_newlines_separate_paragraphs_unless_wrapped() {
        let doc =
            segment("One paragraph.\nAnother one.\n\nA hard\nwrapped one,\nstill one.".to_string());
        let paras: Vec<&str> = (0..doc.paragraphs.len())
            .map(|p| doc.slice(doc.paragraph_range(p)))
            .collect();
        assert_eq!(
            paras,
            vec![
                "One paragraph.",
                "Another one.",
                "A hard\nwrapped one,\nstill one."
            ]
        );
    }

    #[test]
    fn crlf_is_whitespace() {
        let doc = segment("Headline Here\r\n\r\nBody text. More.\r\n".to_string());
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.title(), Some("Headline Here"));
        assert_eq!(doc.sentences.len(), 3);
    }

    #[test]
    fn title_detection() {
        let title = |t: &str| segment(t.to_string()).title().map(str::to_string);
        assert_eq!(
            title("Leaders Agree to Talks on Ukraine\n\nThe leaders met."),
            Some("Leaders Agree to Talks on Ukraine".into())
        );
        assert_eq!(
            title("Leaders agree to talks on Ukraine\nThe leaders met."),
            Some("Leaders agree to talks on Ukraine".into())
        );
        assert_eq!(
            title("The leaders met on Monday and agreed to talks.\nThey will meet again."),
            None
        );
        assert_eq!(title("Just One Paragraph Here"), None);
        assert_eq!(
            title("Will Talks Succeed?\n\nNobody knows."),
            Some("Will Talks Succeed?".into())
        );
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "Zelenskyy’s “peace” — 5€ déjà vu";
        let doc = segment(text.to_string());
        let chars: Vec<char> = text.chars().collect();
        for t in &doc.tokens {
            let by_chars: String = chars[t.char_start as usize..t.char_end as usize]
                .iter()
                .collect();
            assert_eq!(by_chars, &text[t.bytes()]);
        }
    }

    #[test]
    fn combining_marks_and_emoji_stay_in_their_token() {
        assert_eq!(joined("cafe\u{301} 👍🏽 ok"), "cafe\u{301}|👍🏽|ok");
    }

    #[test]
    fn ignorable_characters_are_skipped() {
        assert_eq!(joined("a\u{200B}b \u{FEFF}c"), "a|b|c");
    }
}
