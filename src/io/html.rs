//! HTML input: the article inside a saved web page, as the plain text the
//! rest of brief reads (title line, blank line, one paragraph a line).
//!
//! The page is parsed with html5ever (through `scraper`), so malformed markup
//! is repaired the way a browser would and entities come decoded. The article
//! is found readability-style: boilerplate (scripts, navigation, asides,
//! footers, forms, social embeds, and elements whose class, id or role names
//! boilerplate) is never read; a semantic container (`itemprop=articleBody`,
//! `<article>`, `<main>`) wins when it holds a fair share of the page's
//! paragraph text (so a "more stories" card in an `<article>` does not),
//! else the element whose paragraphs hold the most text (less their link
//! text), with its siblings that score nearly as well. Paragraphs are `<p>`
//! elements and, on pages that set their body as `<br>`-separated text in a
//! `<div>` or `<td>`, the runs of loose text (see `content`). The headline is
//! chosen among the `<h1>`s and `<h2>`s, never the site's logo (see `title`).
//!
//! Assumptions: one article a page (a page of several keeps the largest);
//! the body is in `<p>` elements, with sub-headings `h2`–`h4`, list items and
//! block quotations between them; where those hold less than half of the
//! content's visible text (a `<br>`-separated body with a `<p>` footer), or
//! none of it, the visible text is read instead, split at `<br>`s and where
//! blocks end. Lines that are page furniture whatever their markup (an
//! advertisement label, a byline, a copyright line, a newsletter plug) are
//! dropped by their words (see `furniture`). What a reader sees is what the
//! markup holds (no script runs, no CSS is read beyond an inline
//! `display:none`). Every walk is iterative and visits each node a bounded
//! number of times, and nesting is capped while parsing (see `parse`), so
//! deep or huge pages cost linear time and no stack.

mod content;
mod filter;
mod furniture;
mod parse;
#[cfg(test)]
mod tests;
mod title;

use content::{choose_content, Content};
use ego_tree::{NodeId, NodeRef};
use filter::Filter;
use scraper::node::Element;
use scraper::Node;
use title::find_title;

/// True when `text` is an HTML document: after optional whitespace, a BOM
/// and HTML comments (and an XML declaration, as XHTML pages have), it starts
/// (case-insensitively) with `<!doctype html`, `<html`, `<head` or `<body`.
/// Plain-text articles never do.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        let close = if rest.starts_with("<!--") {
            "-->"
        } else if starts_with_ignore_case(rest, "<?xml") {
            "?>"
        } else {
            break;
        };
        match rest.find(close) {
            Some(end) => rest = &rest[end + close.len()..],
            None => return false,
        }
    }
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| {
            // The name must end there: `<header>` or `<htmlfoo>` is no document.
            starts_with_ignore_case(rest, tag)
                && rest
                    .as_bytes()
                    .get(tag.len())
                    .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
        })
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The article inside an HTML page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The headline: the heading that `og:title` or `<title>` names, else
    /// the article's `<h1>` (or the `<h2>` that opens it), else `og:title`,
    /// else `<title>` without its site-name suffix. Never the site's logo.
    pub title: Option<String>,
    /// What brief analyses: the title as the first line (if any), a blank
    /// line, then each paragraph, sub-heading or list item as one line,
    /// separated by blank lines. No trailing newline.
    pub text: String,
}

/// Below this share of the content's visible text (in characters), the
/// paragraphs found are not its body: a body in `<p>`s holds nearly all of
/// what its container shows (the rest is a dateline, a time, a credit),
/// while a `<br>`-separated body leaves only a lead or a footer in `<p>`s,
/// well under half.
const MIN_BLOCK_SHARE: f64 = 0.5;

/// Finds the article in `html` and renders it as plain text. Never fails: a
/// page without an article gives its visible text, an empty page nothing.
pub fn extract_article(html: &str) -> Extracted {
    let page = parse::parse_document(html);
    let root = page.tree.root();
    let body = find_body(root);
    let content = choose_content(body);
    let heading = find_title(root, &content.roots);
    let blocks = collect(&content, Mode::Blocks, heading.node, true);
    let visible = collect(&content, Mode::Visible, heading.node, true);
    let chars = |lines: &[String]| lines.iter().map(|l| l.chars().count()).sum::<usize>();
    let mut paragraphs = if (chars(&blocks) as f64) < chars(&visible) as f64 * MIN_BLOCK_SHARE {
        visible
    } else {
        blocks
    };
    if paragraphs.is_empty() {
        // Class names may have misled us: the whole page without that guess.
        let page = Content {
            roots: vec![body],
            is_article: false,
        };
        paragraphs = collect(&page, Mode::Visible, heading.node, false);
    }
    let title = heading.text;
    if title.is_some() && paragraphs.first() == title.as_ref() {
        // A title from the meta data, repeated as the first line.
        paragraphs.remove(0);
    }
    furniture::drop_furniture(&mut paragraphs);
    let mut text = title.clone().unwrap_or_default();
    for p in &paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(p);
    }
    Extracted { title, text }
}

type Ref<'a> = NodeRef<'a, Node>;

fn find_body(root: Ref<'_>) -> Ref<'_> {
    let html = root
        .children()
        .find(|n| element(n).is_some_and(|e| e.name() == "html"));
    html.and_then(|h| {
        h.children()
            .find(|n| element(n).is_some_and(|e| e.name() == "body"))
    })
    .unwrap_or(root)
}

fn element<'a>(node: &Ref<'a>) -> Option<&'a Element> {
    node.value().as_element()
}

// ---------------------------------------------------------------- walking

/// A depth-first walk that may skip subtrees. `open` sees every node reached
/// and says whether to go into it; `close` sees the nodes gone into, after
/// their subtree. Iterative: a page nested ten thousand deep costs no stack.
trait Visitor<'a> {
    fn open(&mut self, node: Ref<'a>) -> bool;
    fn close(&mut self, node: Ref<'a>);
}

fn walk<'a>(root: Ref<'a>, visitor: &mut impl Visitor<'a>) {
    let mut node = root;
    loop {
        if visitor.open(node) {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            visitor.close(node);
        }
        // Climb until a next sibling, closing what we leave.
        loop {
            if node.id() == root.id() {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
            visitor.close(node);
        }
    }
}

// ---------------------------------------------------------------- text

/// Appends text with every run of whitespace made one space, trimmed.
#[derive(Default)]
struct Line {
    text: String,
    space: bool,
}

impl Line {
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
            }
        }
    }

    fn take(&mut self) -> String {
        self.space = false;
        std::mem::take(&mut self.text)
    }
}

/// The visible text of an inline container (a `<p>`, a heading), and how
/// many of its non-space characters are link text.
fn inline_text(node: Ref<'_>, filter: Filter) -> (String, usize) {
    struct Inline {
        filter: Filter,
        line: Line,
        link_depth: u32,
        link_chars: usize,
    }
    impl<'a> Visitor<'a> for Inline {
        fn open(&mut self, node: Ref<'a>) -> bool {
            match node.value() {
                Node::Text(t) => {
                    self.line.push(t);
                    if self.link_depth > 0 {
                        self.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                    false
                }
                Node::Element(el) if self.filter.admits(el) => {
                    match el.name() {
                        "a" => self.link_depth += 1,
                        "br" => self.line.push(" "),
                        _ => {}
                    }
                    true
                }
                _ => false,
            }
        }
        fn close(&mut self, node: Ref<'a>) {
            if let Some(el) = element(&node) {
                self.filter.leave(el);
                if el.name() == "a" {
                    self.link_depth -= 1;
                }
            }
        }
    }
    let mut v = Inline {
        filter,
        line: Line::default(),
        link_depth: 0,
        link_chars: 0,
    };
    walk(node, &mut v);
    (v.line.take(), v.link_chars)
}

/// Elements that end a line of text: where a paragraph stops on screen.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Only paragraphs, sub-headings, list items and block quotations.
    Blocks,
    /// All visible text, one line per block or `<br>`-separated run (for
    /// bodies not in `<p>`s).
    Visible,
}

/// Lines shorter than this (in words) that are mostly link text are a label
/// and a link: prose sentences are longer.
const SHORT_LINE_WORDS: usize = 10;

/// The walk behind [`collect`]: text is kept while inside a captured
/// block (`capturing` > 0), and a line ends wherever a block does.
struct Lines {
    filter: Filter,
    mode: Mode,
    skip: Option<NodeId>,
    capturing: u32,
    line: Line,
    link_depth: u32,
    link_chars: usize,
    out: Vec<String>,
}
impl Lines {
    fn flush(&mut self) {
        let text = self.line.take();
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        // A line that is all but links is a list of other stories or tags;
        // a short one that is mostly a link is a label and the link ("Read
        // more: …", "Tags: …"). A sentence that links a source or a long
        // name stays: its own words carry it, so a lead whose subject is a
        // linked report is kept, though more than half of it is link.
        let words = text.split_whitespace().count();
        let links = self.mode == Mode::Blocks
            && (self.link_chars * 5 >= visible * 4
                || (words < SHORT_LINE_WORDS && self.link_chars * 2 > visible));
        self.link_chars = 0;
        if !text.is_empty() && !links {
            self.out.push(text);
        }
    }
    fn captures(&self, node: &Ref<'_>, el: &Element) -> bool {
        self.mode == Mode::Blocks
            && match el.name() {
                "p" | "h2" | "h3" | "h4" | "blockquote" => true,
                "li" => node
                    .parent()
                    .and_then(|p| element(&p).map(|e| matches!(e.name(), "ul" | "ol")))
                    .unwrap_or(false),
                _ => false,
            }
    }
}
impl<'a> Visitor<'a> for Lines {
    fn open(&mut self, node: Ref<'a>) -> bool {
        let el = match node.value() {
            Node::Text(t) if self.capturing > 0 => {
                self.line.push(t);
                if self.link_depth > 0 {
                    self.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                }
                return false;
            }
            Node::Element(el) if Some(node.id()) != self.skip && self.filter.admits(el) => el,
            _ => return false,
        };
        if el.name() == "a" {
            self.link_depth += 1;
        } else if el.name() == "br" {
            if self.mode == Mode::Visible {
                self.flush();
            } else {
                self.line.push(" ");
            }
        } else if self.captures(&node, el) {
            self.flush();
            self.capturing += 1;
        } else if BLOCK_TAGS.contains(&el.name()) {
            self.flush();
        }
        true
    }
    fn close(&mut self, node: Ref<'a>) {
        let Some(el) = element(&node) else { return };
        self.filter.leave(el);
        if el.name() == "a" {
            self.link_depth -= 1;
        } else if self.captures(&node, el) {
            self.flush();
            self.capturing -= 1;
        } else if BLOCK_TAGS.contains(&el.name()) {
            self.flush();
        }
    }
}

/// Collects the lines of text under the content's roots, in document order, leaving out
/// the element `skip` (the headline, which is already the title).
fn collect(content: &Content<'_>, mode: Mode, skip: Option<NodeId>, by_class: bool) -> Vec<String> {
    let mut out = Vec::new();
    for &node in &content.roots {
        let mut v = Lines {
            filter: Filter::new(by_class, content.is_article),
            mode,
            skip,
            capturing: u32::from(mode == Mode::Visible),
            line: Line::default(),
            link_depth: 0,
            link_chars: 0,
            out,
        };
        walk(node, &mut v);
        v.flush();
        out = v.out;
    }
    out
}
