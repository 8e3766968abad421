//! Where the article is on a page.
//!
//! One pass scores the body: each `<p>`, and each run of loose text in a
//! `<div>` or table cell (split at `<br>`s and child blocks), credits its
//! parent in full and its grandparent by half (readability's rule),
//! weighted by its length less its link text; semantic containers
//! (`itemprop=articleBody`, `<article>`, `<main>`, in that order of trust)
//! add up the text inside them and win when they hold a fair share of what
//! the best-scored element holds (see [`CONTAINER_SHARE`]).

use super::filter::Filter;
use super::{element, inline_text, walk, Ref, Visitor, BLOCK_TAGS};
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

/// Elements whose loose text (outside any `<p>`: runs between `<br>`s and
/// child blocks) is scored as a paragraph would be. Older and hand-made
/// pages set the whole body so, in a `<div>` or a table cell (readability
/// turns such runs into paragraphs for the same reason); lists, headings and
/// quotations are parts of a body, never the body, so their text is not.
const RUN_TAGS: &[&str] = &["article", "body", "center", "div", "main", "section", "td"];

/// The loose text read so far in an open block: its length as a line would
/// hold it (runs of whitespace as one space), its non-space characters and
/// how many of those are link text.
struct Run<'a> {
    node: Ref<'a>,
    scored: bool,
    chars: usize,
    visible: usize,
    link_chars: usize,
    space: bool,
}

/// One pass over the body: each `<p>`, and each run of loose text in a
/// [`RUN_TAGS`] block, scores its parent (the block itself, for a run) fully
/// and the next one up by half (readability's rule), and adds to the total
/// of the innermost semantic container around it.
struct Scorer<'a> {
    filter: Filter,
    scores: FxHashMap<NodeId, (Ref<'a>, f64)>,
    open_containers: Vec<(Ref<'a>, Kind, f64)>,
    containers: Vec<(Ref<'a>, Kind, f64)>,
    runs: Vec<Run<'a>>,
    link_depth: u32,
}

impl<'a> Scorer<'a> {
    fn credit(&mut self, node: Option<Ref<'a>>, score: f64) {
        if let Some(node) = node.filter(|n| n.value().is_element()) {
            self.scores.entry(node.id()).or_insert((node, 0.0)).1 += score;
        }
    }

    /// Scores a paragraph's worth of text found under `parent`.
    fn score(&mut self, parent: Option<Ref<'a>>, score: f64) {
        self.credit(parent, score);
        self.credit(parent.and_then(|p| p.parent()), score / 2.0);
        if let Some(open) = self.open_containers.last_mut() {
            open.2 += score;
        }
    }

    fn add_text(&mut self, text: &str) {
        let Some(run) = self.runs.last_mut() else {
            return;
        };
        for c in text.chars() {
            if c.is_whitespace() {
                run.space = true;
                continue;
            }
            run.chars += 1 + usize::from(run.space && run.chars > 0);
            run.space = false;
            run.visible += 1;
            run.link_chars += usize::from(self.link_depth > 0);
        }
    }

    /// Ends the loose text of the innermost open block (a `<br>` or a
    /// child block breaks it) and scores it.
    fn end_run(&mut self) {
        let Some(run) = self.runs.last_mut() else {
            return;
        };
        let (node, scored, chars, visible, links) =
            (run.node, run.scored, run.chars, run.visible, run.link_chars);
        (run.chars, run.visible, run.link_chars, run.space) = (0, 0, 0, false);
        if scored && chars >= MIN_PARAGRAPH_CHARS {
            let density = (links as f64 / visible.max(1) as f64).min(1.0);
            self.score(Some(node), chars as f64 * (1.0 - density));
        }
    }
}

impl<'a> Visitor<'a> for Scorer<'a> {
    fn open(&mut self, node: Ref<'a>) -> bool {
        let el = match node.value() {
            scraper::Node::Text(t) => {
                self.add_text(t);
                return false;
            }
            scraper::Node::Element(el) if self.filter.admits(el) => el,
            _ => return false,
        };
        match el.name() {
            "p" => {
                self.end_run();
                let score = paragraph_score(node);
                self.score(node.parent(), score);
                // Its subtree is read; pretend to have left it at once.
                self.filter.leave(el);
                return false;
            }
            "br" => self.end_run(),
            "a" => self.link_depth += 1,
            name if BLOCK_TAGS.contains(&name) => {
                self.end_run();
                self.runs.push(Run {
                    node,
                    scored: RUN_TAGS.contains(&name),
                    chars: 0,
                    visible: 0,
                    link_chars: 0,
                    space: false,
                });
            }
            _ => {}
        }
        if let Some(kind) = kind_of(el) {
            self.open_containers.push((node, kind, 0.0));
        }
        true
    }

    fn close(&mut self, node: Ref<'a>) {
        let Some(el) = element(&node) else { return };
        self.filter.leave(el);
        if el.name() == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        } else if BLOCK_TAGS.contains(&el.name()) {
            // Before the container below is closed: the run is its text.
            self.end_run();
            if self.runs.last().is_some_and(|r| r.node.id() == node.id()) {
                self.runs.pop();
            }
        }
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

/// How much of the best-scored element's text a semantic container must
/// hold to be trusted over the scores. A container around the body holds
/// all of it (a score counts each paragraph at most once), so any share up
/// to one keeps it; a "more stories" card in its own `<article>` holds one
/// blurb against a body's several paragraphs, a third or less of them. Half
/// lies between, and still lets a container win against a somewhat longer
/// block outside it (comments, a long caption list): the markup says which
/// is the story unless the other holds twice the text.
const CONTAINER_SHARE: f64 = 0.5;

/// Where the article is in `body`: the most trusted semantic container that
/// holds a fair share of the page's paragraph text, else the best-scored
/// element with the siblings that belong with it.
pub(super) fn choose_content(body: Ref<'_>) -> Content<'_> {
    let mut scorer = Scorer {
        filter: Filter::new(true, false),
        scores: FxHashMap::default(),
        open_containers: Vec::new(),
        containers: Vec::new(),
        runs: Vec::new(),
        link_depth: 0,
    };
    walk(body, &mut scorer);
    let top = best(scorer.scores.values().copied());
    let floor = top.map_or(0.0, |(_, score)| score * CONTAINER_SHARE);
    for kind in [Kind::ArticleBody, Kind::Article, Kind::Main] {
        let of_kind = scorer.containers.iter().filter(|c| c.1 == kind);
        match best(of_kind.map(|c| (c.0, c.2))) {
            Some((node, total)) if total >= floor => {
                return Content {
                    roots: vec![node],
                    is_article: true,
                }
            }
            _ => {}
        }
    }
    if let Some((top, score)) = top {
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
