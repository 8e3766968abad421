//! Parsing with a cap on nesting depth.
//!
//! html5ever's tree builder checks "is there a `<p>` (or a `<div>`...) in
//! scope" by scanning its stack of open elements, so every start tag costs
//! time in proportion to the depth: a page of 20,000 nested `<div>`s took
//! 14 s in a debug build, and a 16 MiB one would take hours. Browsers cap
//! the depth (Chromium at 512); so do we, by sitting between tokenizer and
//! tree builder and dropping start tags past the cap (their text is kept,
//! only the nesting is lost), and the end tags that match them. No real
//! page comes near: news pages nest a few dozen deep.

use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use html5ever::tree_builder::{TreeBuilder, TreeSink};
use html5ever::{tendril::StrTendril, LocalName, TokenizerResult};
use rustc_hash::FxHashMap;
use scraper::{Html, HtmlTreeSink};
use std::cell::RefCell;

/// The deepest nesting passed on to the tree builder.
const MAX_DEPTH: usize = 512;

/// Tags that open nothing, and those whose end tag is optional (they close
/// by themselves and nest only inside a counted container, `<li>` in
/// `<ul>`); neither adds depth that our count could not take back.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup",
    "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc",
];

/// Tags after which the tokenizer reads raw text: never dropped, or a
/// script's source would be read as markup (and as visible text).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

#[derive(Default)]
struct Depth {
    /// The counted elements open, as we guess them, innermost last.
    open: Vec<LocalName>,
    /// Start tags dropped, by name, whose end tags are still to come.
    dropped: FxHashMap<LocalName, usize>,
}

impl Depth {
    /// Whether `tag` goes on to the tree builder.
    fn passes(&mut self, tag: &Tag) -> bool {
        let name = &*tag.name;
        if NOT_COUNTED.contains(&name) || RAW_TEXT.contains(&name) {
            return true;
        }
        match tag.kind {
            TagKind::StartTag if self.open.len() >= MAX_DEPTH => {
                *self.dropped.entry(tag.name.clone()).or_default() += 1;
                false
            }
            TagKind::StartTag => {
                self.open.push(tag.name.clone());
                true
            }
            TagKind::EndTag => {
                if let Some(n) = self.dropped.get_mut(&tag.name).filter(|n| **n > 0) {
                    *n -= 1;
                    return false;
                }
                // Like the tree builder: an end tag closes up to its element.
                if let Some(at) = self.open.iter().rposition(|open| *open == tag.name) {
                    self.open.truncate(at);
                }
                true
            }
        }
    }
}

struct Capped<S> {
    inner: S,
    depth: RefCell<Depth>,
}

impl<S: TokenSink> TokenSink for Capped<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token {
            if !self.depth.borrow_mut().passes(tag) {
                return TokenSinkResult::Continue;
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Parses a whole document as `Html::parse_document` does, with nesting
/// capped at [`MAX_DEPTH`].
pub(super) fn parse_document(html: &str) -> Html {
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), Default::default());
    let sink = Capped {
        inner: builder,
        depth: RefCell::default(),
    };
    let tokenizer = Tokenizer::new(sink, Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The tokenizer stops at each `</script>` for a script to run; none
    // does here, so it is simply resumed.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.inner.sink.finish()
}
