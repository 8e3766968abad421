//! The article's title: which heading on the page is the headline.
//!
//! Pages put their own name in an `<h1>` (the logo) as often as the story's
//! headline, and some put the headline in an `<h2>`. So one pass collects
//! the `<h1>`s and `<h2>`s that could be the headline, leaving out those
//! whose class or id (or an ancestor's) names the site (logo, brand,
//! masthead, site title or name), together with `og:title` and `<title>`;
//! then the headline is, in this order: a heading whose text is the page's
//! declared title (`og:title`, or `<title>` with or without its site-name
//! suffix), one in the content first; the first `<h1>` in the content; an
//! `<h2>` that opens the content (before any paragraph: after one, an `<h2>`
//! is a sub-heading); the last `<h1>` before the content; `og:title`; the
//! `<title>` less its site name.

use super::filter::Filter;
use super::{element, inline_text, walk, Line, Ref, Visitor};
use ego_tree::NodeId;
use scraper::node::Element;

/// The title, and the heading element it came from (left out of the body,
/// which would otherwise repeat it).
pub(super) struct Heading {
    pub(super) text: Option<String>,
    pub(super) node: Option<NodeId>,
}

/// An `<h1>` or `<h2>` that may be the headline, and where it stands.
struct Candidate {
    id: NodeId,
    text: String,
    is_h1: bool,
    inside: bool,
    before_content: bool,
    /// Inside the content and before any of its paragraphs.
    leading: bool,
}

/// One pass over the page for the title's sources.
struct TitleFinder<'a, 'r> {
    roots: &'r [Ref<'a>],
    filter: Filter,
    inside: u32,
    seen_content: bool,
    paragraph_inside: bool,
    /// How many open elements name the site (a logo's wrapper).
    site_depth: u32,
    candidates: Vec<Candidate>,
    og_title: Option<String>,
    title: Option<String>,
}

impl<'a> TitleFinder<'a, '_> {
    /// Reads what `<head>` says the title is; true when `el` was such a tag.
    fn head_tag(&mut self, node: Ref<'a>, el: &Element) -> bool {
        match el.name() {
            "title" if self.title.is_none() => {
                let mut line = Line::default();
                node.children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .for_each(|t| line.push(&t));
                self.title = Some(line.take()).filter(|t| !t.is_empty());
                true
            }
            "meta" => {
                let is_og = el.attr("property").or(el.attr("name")) == Some("og:title");
                if is_og && self.og_title.is_none() {
                    let mut line = Line::default();
                    line.push(el.attr("content").unwrap_or_default());
                    self.og_title = Some(line.take()).filter(|t| !t.is_empty());
                }
                true
            }
            _ => false,
        }
    }

    fn heading(&mut self, node: Ref<'a>, el: &Element) {
        let (text, _) = inline_text(node, Filter::new(false, true));
        if text.is_empty() || self.site_depth > 0 || names_site(el) {
            return;
        }
        let inside = self.inside > 0;
        self.candidates.push(Candidate {
            id: node.id(),
            text,
            is_h1: el.name() == "h1",
            inside,
            before_content: !self.seen_content,
            leading: inside && !self.paragraph_inside,
        });
    }
}

impl<'a> Visitor<'a> for TitleFinder<'a, '_> {
    fn open(&mut self, node: Ref<'a>) -> bool {
        let Some(el) = element(&node) else {
            return node.value().is_document();
        };
        if el.name() == "head" {
            return true;
        }
        if self.head_tag(node, el) || !self.filter.admits(el) {
            return false;
        }
        if self.roots.iter().any(|r| r.id() == node.id()) {
            self.inside += 1;
            self.seen_content = true;
        }
        match el.name() {
            "h1" | "h2" => {
                self.filter.leave(el);
                self.heading(node, el);
                return false;
            }
            "p" if self.inside > 0 => self.paragraph_inside = true,
            _ => {}
        }
        if names_site(el) {
            self.site_depth += 1;
        }
        true
    }

    fn close(&mut self, node: Ref<'a>) {
        let Some(el) = element(&node) else { return };
        self.filter.leave(el);
        if self.roots.iter().any(|r| r.id() == node.id()) {
            self.inside -= 1;
        }
        if names_site(el) {
            self.site_depth = self.site_depth.saturating_sub(1);
        }
    }
}

/// Whether the class or id of `el` says it holds the site's name, not a
/// story's: `logo`, `brand`, `masthead`, `site-title`, `siteName`... Dashes
/// and underscores are ignored, so every spelling of a word is one.
fn names_site(el: &Element) -> bool {
    [el.attr("class"), el.attr("id")]
        .into_iter()
        .flatten()
        .any(|value| {
            let squashed: String = value
                .chars()
                .filter(|&c| c != '-' && c != '_')
                .flat_map(char::to_lowercase)
                .collect();
            ["logo", "brand", "masthead", "sitetitle", "sitename"]
                .iter()
                .any(|word| squashed.contains(word))
        })
}

/// Finds the headline of the page whose content is `roots` (see the module
/// documentation for the order of preference).
pub(super) fn find_title(root: Ref<'_>, roots: &[Ref<'_>]) -> Heading {
    let mut finder = TitleFinder {
        roots,
        // Titles live in headers, so the site's header is searched too;
        // class words are not trusted here (`article-header` holds the h1).
        filter: Filter::new(false, true),
        inside: 0,
        seen_content: false,
        paragraph_inside: false,
        site_depth: 0,
        candidates: Vec::new(),
        og_title: None,
        title: None,
    };
    walk(root, &mut finder);
    let stripped = finder.title.as_deref().map(strip_site_name);
    let declared: Vec<&str> = [finder.og_title.as_deref(), stripped.as_deref()]
        .into_iter()
        .chain([finder.title.as_deref()])
        .flatten()
        .collect();
    let c = &finder.candidates;
    let matches = |k: &&Candidate| declared.iter().any(|d| same_text(d, &k.text));
    let chosen = (c.iter().filter(|k| k.inside).find(matches))
        .or_else(|| c.iter().find(matches))
        .or_else(|| c.iter().find(|k| k.inside && k.is_h1))
        .or_else(|| c.iter().find(|k| k.leading && !k.is_h1))
        .or_else(|| c.iter().rfind(|k| k.before_content && k.is_h1));
    if let Some(k) = chosen {
        return Heading {
            text: Some(k.text.clone()),
            node: Some(k.id),
        };
    }
    Heading {
        text: finder.og_title.or(stripped),
        node: None,
    }
}

/// Whether two titles read the same: case and spacing aside.
fn same_text(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .flat_map(|w| w.chars().flat_map(char::to_lowercase).chain([' ']))
            .collect::<String>()
    };
    words(a) == words(b)
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
