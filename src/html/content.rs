//! Where the article is on a page and what its title is.
//!
//! One pass scores the body: each `<p>` credits its parent in full and its
//! grandparent by half (readability's rule), weighted by its length less its
//! link text; semantic containers (`itemprop=articleBody`, `<article>`,
//! `<main>`, in that order of trust) add up the paragraphs inside them and
//! win when they hold any. A second pass finds the title.

use super::filter::Filter;
use super::{element, inline_text, walk, Line, Ref, Visitor};
use ego_tree::NodeId;
use rustc_hash::FxHashMap;
use scraper::node::Element;

/// Where the article is: subtrees in document order. `is_article` says they
/// are the article (so a `<header>` in them is its own, not the site's).
pub(super) struct Content<'a> {
    pub(super) roots: Vec<Ref<'a>>,
    pub(super) is_article: bool,
}

/// Semantic containers; `choose_content` trusts them from the last up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Main,
    Article,
    ArticleBody,
}

fn kind_of(el: &Element) -> Option<Kind> {
    if el.attr("itemprop") == Some("articleBody") {
        Some(Kind::ArticleBody)
    } else if el.name() == "article" {
        Some(Kind::Article)
    } else if el.name() == "main" || el.attr("role") == Some("main") {
        Some(Kind::Main)
    } else {
        None
    }
}

/// Paragraphs shorter than this (in characters) are datelines, labels and
/// "Advertisement": they say nothing about where the body is.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// A paragraph's weight: its length, less the share that is link text (a
/// list of headlines is all links; a story's paragraphs hardly any).
fn paragraph_score(node: Ref<'_>) -> f64 {
    let (text, link_chars) = inline_text(node, Filter::new(true, true));
    let chars = text.chars().count();
    if chars < MIN_PARAGRAPH_CHARS {
        return 0.0;
    }
    let visible = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let density = (link_chars as f64 / visible as f64).min(1.0);
    chars as f64 * (1.0 - density)
}

/// One pass over the body: each `<p>` scores its parent fully and its
/// grandparent by half (readability's rule), and adds to the total of the
/// innermost semantic container around it.
struct Scorer<'a> {
    filter: Filter,
    scores: FxHashMap<NodeId, (Ref<'a>, f64)>,
    open_containers: Vec<(Ref<'a>, Kind, f64)>,
    containers: Vec<(Ref<'a>, Kind, f64)>,
}

impl<'a> Scorer<'a> {
    fn credit(&mut self, node: Option<Ref<'a>>, score: f64) {
        if let Some(node) = node.filter(|n| n.value().is_element()) {
            self.scores.entry(node.id()).or_insert((node, 0.0)).1 += score;
        }
    }
}

impl<'a> Visitor<'a> for Scorer<'a> {
    fn open(&mut self, node: Ref<'a>) -> bool {
        let Some(el) = element(&node) else {
            return false;
        };
        if !self.filter.admits(el) {
            return false;
        }
        if el.name() == "p" {
            let score = paragraph_score(node);
            let parent = node.parent();
            self.credit(parent, score);
            self.credit(parent.and_then(|p| p.parent()), score / 2.0);
            if let Some(open) = self.open_containers.last_mut() {
                open.2 += score;
            }
            // Its subtree is read; pretend to have left it at once.
            self.filter.leave(el);
            return false;
        }
        if let Some(kind) = kind_of(el) {
            self.open_containers.push((node, kind, 0.0));
        }
        true
    }

    fn close(&mut self, node: Ref<'a>) {
        let Some(el) = element(&node) else { return };
        self.filter.leave(el);
        if self
            .open_containers
            .last()
            .is_some_and(|c| c.0.id() == node.id())
        {
            let done = self.open_containers.pop().expect("checked just above");
            if let Some(outer) = self.open_containers.last_mut() {
                outer.2 += done.2;
            }
            self.containers.push(done);
        }
    }
}

/// The best of `items` by score, the earliest in the page on a tie (node
/// ids grow in parse order), so that the choice never depends on hashing.
fn best<'a>(items: impl Iterator<Item = (Ref<'a>, f64)>) -> Option<(Ref<'a>, f64)> {
    items
        .filter(|&(_, score)| score > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.id().cmp(&a.0.id())))
}

pub(super) fn choose_content(body: Ref<'_>) -> Content<'_> {
    let mut scorer = Scorer {
        filter: Filter::new(true, false),
        scores: FxHashMap::default(),
        open_containers: Vec::new(),
        containers: Vec::new(),
    };
    walk(body, &mut scorer);
    for kind in [Kind::ArticleBody, Kind::Article, Kind::Main] {
        let of_kind = scorer.containers.iter().filter(|c| c.1 == kind);
        if let Some((node, _)) = best(of_kind.map(|c| (c.0, c.2))) {
            return Content {
                roots: vec![node],
                is_article: true,
            };
        }
    }
    if let Some((top, score)) = best(scorer.scores.values().copied()) {
        return Content {
            roots: with_siblings(top, score, &scorer.scores),
            is_article: true,
        };
    }
    // No paragraph text anywhere: a semantic container still says where
    // the article is; failing that, the whole body.
    let container = scorer.containers.iter().min_by_key(|c| c.0.id());
    match container {
        Some(c) => Content {
            roots: vec![c.0],
            is_article: true,
        },
        None => Content {
            roots: vec![body],
            is_article: false,
        },
    }
}

/// The top candidate and those of its siblings that belong with it: bodies
/// split over several blocks, or a lead paragraph just before the body.
/// Thresholds are readability's: a fifth of the top score (at least 10), or
/// a paragraph over 80 characters that is less than a quarter links.
fn with_siblings<'a>(
    top: Ref<'a>,
    top_score: f64,
    scores: &FxHashMap<NodeId, (Ref<'a>, f64)>,
) -> Vec<Ref<'a>> {
    let Some(parent) = top.parent() else {
        return vec![top];
    };
    let threshold = (top_score * 0.2).max(10.0);
    let belongs = |node: Ref<'a>| {
        let Some(el) = element(&node) else {
            return false;
        };
        if !Filter::new(true, true).admits(el) {
            return false;
        }
        if scores.get(&node.id()).is_some_and(|s| s.1 >= threshold) {
            return true;
        }
        el.name() == "p" && {
            let (text, link_chars) = inline_text(node, Filter::new(true, true));
            let visible = text.chars().filter(|c| !c.is_whitespace()).count();
            text.chars().count() > 80 && link_chars * 4 < visible
        }
    };
    parent
        .children()
        .filter(|&n| n.id() == top.id() || belongs(n))
        .collect()
}

// ---------------------------------------------------------------- the title

pub(super) struct Heading {
    pub(super) text: Option<String>,
    /// The `<h1>` the title came from, left out of the body.
    pub(super) h1: Option<NodeId>,
}

/// One pass over the page for the title's sources: the first `<h1>` in the
/// content, the last one before it, `og:title`, `<title>`.
struct TitleFinder<'a, 'r> {
    roots: &'r [Ref<'a>],
    filter: Filter,
    inside: u32,
    seen_content: bool,
    h1_inside: Option<(NodeId, String)>,
    h1_before: Option<(NodeId, String)>,
    og_title: Option<String>,
    title: Option<String>,
}

impl<'a> Visitor<'a> for TitleFinder<'a, '_> {
    fn open(&mut self, node: Ref<'a>) -> bool {
        let Some(el) = element(&node) else {
            return node.value().is_document();
        };
        match el.name() {
            "head" => return true,
            "title" if self.title.is_none() => {
                let mut line = Line::default();
                node.children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .for_each(|t| line.push(&t));
                self.title = Some(line.take()).filter(|t| !t.is_empty());
                return false;
            }
            "meta" => {
                let is_og = el.attr("property").or(el.attr("name")) == Some("og:title");
                if is_og && self.og_title.is_none() {
                    let mut line = Line::default();
                    line.push(el.attr("content").unwrap_or_default());
                    self.og_title = Some(line.take()).filter(|t| !t.is_empty());
                }
                return false;
            }
            _ => {}
        }
        if !self.filter.admits(el) {
            return false;
        }
        if self.roots.iter().any(|r| r.id() == node.id()) {
            self.inside += 1;
            self.seen_content = true;
        }
        if el.name() == "h1" {
            self.filter.leave(el);
            let (text, _) = inline_text(node, Filter::new(false, true));
            if text.is_empty() {
                return false;
            }
            if self.inside > 0 && self.h1_inside.is_none() {
                self.h1_inside = Some((node.id(), text));
            } else if !self.seen_content {
                self.h1_before = Some((node.id(), text));
            }
            return false;
        }
        true
    }

    fn close(&mut self, node: Ref<'a>) {
        let Some(el) = element(&node) else { return };
        self.filter.leave(el);
        if self.roots.iter().any(|r| r.id() == node.id()) {
            self.inside -= 1;
        }
    }
}

pub(super) fn find_title(root: Ref<'_>, roots: &[Ref<'_>]) -> Heading {
    let mut finder = TitleFinder {
        roots,
        // Titles live in headers, so the site's header is searched too;
        // class words are not trusted here (`article-header` holds the h1).
        filter: Filter::new(false, true),
        inside: 0,
        seen_content: false,
        h1_inside: None,
        h1_before: None,
        og_title: None,
        title: None,
    };
    walk(root, &mut finder);
    if let Some((id, text)) = finder.h1_inside.or(finder.h1_before) {
        return Heading {
            text: Some(text),
            h1: Some(id),
        };
    }
    Heading {
        text: finder
            .og_title
            .or(finder.title.map(|t| strip_site_name(&t))),
        h1: None,
    }
}

/// `Story | Site` → `Story`. Only a short tail (five words at most) after
/// the last separator is taken for a site name, so a headline with a dash
/// in it keeps its second half.
fn strip_site_name(title: &str) -> String {
    let cut = [" | ", " - ", " — ", " – "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max();
    if let Some((at, len)) = cut {
        let (story, site) = (title[..at].trim(), title[at + len..].trim());
        if !story.is_empty() && site.split_whitespace().count() <= 5 {
            return story.to_string();
        }
    }
    title.to_string()
}
