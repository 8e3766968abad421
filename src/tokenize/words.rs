//! Tokens: the single-pass lexer over one paragraph, with the Penn Treebank
//! splits (clitics, abbreviations, quotation marks with their direction).
//!
//! Assumes paragraph ranges from the parent module; offsets are counted in
//! the whole text.

use super::*;

/// Running conversion from byte offsets to character offsets. Tokens are
/// produced in text order, so each byte is counted once.
#[derive(Default)]
pub(super) struct CharCursor {
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

pub(super) fn is_single_capital(w: &str) -> bool {
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

pub(super) struct Lexer<'a> {
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
    pub(super) fn new(
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

    pub(super) fn run(mut self) {
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
