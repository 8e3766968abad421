//! Which elements of a page are never article text: by tag, ARIA role,
//! the `hidden` and `aria-hidden` attributes or an inline `display:none`,
//! social-embed class, and class or id words that name boilerplate. Class
//! words are matched whole (split on `-`, `_` and spaces), so
//! `commentary-body` is not a comment section.

use crate::lexicon::{self, List};
use scraper::node::Element;

/// Elements whose content is never article text, wherever they are.
const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "select",
    "option",
    "textarea",
    "input",
    "label",
    "figure",
    "figcaption",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "picture",
    "map",
    "dialog",
    "menu",
    "address",
    "head",
    "title",
];

/// ARIA landmarks and widgets that are page chrome, not content.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alertdialog",
];

/// Phrasing elements: a class on them is styling, so it never drops words
/// from the middle of a paragraph.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "font", "big", "tt",
    "del", "ins",
];

/// Decides which elements are read. `by_class` turns the class/id guess on;
/// `header` is dropped only outside an article, where it is the site's.
pub(super) struct Filter {
    by_class: bool,
    article_depth: u32,
}

impl Filter {
    pub(super) fn new(by_class: bool, inside_article: bool) -> Self {
        Filter {
            by_class,
            article_depth: u32::from(inside_article),
        }
    }

    /// Whether `el` is read; a `true` must be matched by a call to `leave`.
    pub(super) fn admits(&mut self, el: &Element) -> bool {
        let name = el.name();
        if DROPPED_TAGS.contains(&name)
            || (name == "header" && self.article_depth == 0)
            || is_hidden(el)
            || el.attr("role").is_some_and(|r| DROPPED_ROLES.contains(&r))
            || is_embed(el)
        {
            return false;
        }
        if self.by_class && !is_protected(el) && names_boilerplate(el) {
            return false;
        }
        if is_article_like(el) {
            self.article_depth += 1;
        }
        true
    }

    pub(super) fn leave(&mut self, el: &Element) {
        if is_article_like(el) {
            self.article_depth = self.article_depth.saturating_sub(1);
        }
    }
}

fn is_article_like(el: &Element) -> bool {
    matches!(el.name(), "article" | "main")
        || el.attr("itemprop") == Some("articleBody")
        || el.attr("role") == Some("main")
}

/// Never dropped for a class word: the page and the article containers,
/// whose classes often carry layout words (`page-with-sidebar`).
fn is_protected(el: &Element) -> bool {
    matches!(el.name(), "html" | "body") || is_article_like(el) || INLINE_TAGS.contains(&el.name())
}

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

fn is_embed(el: &Element) -> bool {
    el.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|w| lexicon::words(List::HtmlEmbedClasses).contains(w))
    }) || el.attr("data-instgrm-permalink").is_some()
}

fn names_boilerplate(el: &Element) -> bool {
    let words = || {
        [el.attr("class"), el.attr("id")]
            .into_iter()
            .flatten()
            .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
            .filter(|w| !w.is_empty())
    };
    // Class words are matched case-blind: `Footer` and `footer` alike.
    let is_in = |list: List, w: &str| {
        lexicon::words(list)
            .iter()
            .any(|l| l.eq_ignore_ascii_case(w))
    };
    if words().any(|w| is_in(List::HtmlBoilerplateWords, w)) {
        return true;
    }
    words().any(|w| is_in(List::HtmlWeakBoilerplateWords, w))
        && !words().any(|w| is_in(List::HtmlContentWords, w))
}
