//! The brief as one self-contained HTML page (`--format html`): the article
//! text with every actor mention in its actor's colour, quotations and
//! claim contents marked with their speaker, cues underlined, and a side
//! panel of actors, quotes and stances. Clicking an actor highlights all
//! its mentions. Several articles make one page with an index.
//!
//! It assumes a brief made with the article text (`Extras::text`); its
//! spans count characters of that text. Everything that comes from the
//! article is escaped: the page's only markup and script are ours, and the
//! CSS and script are inlined, so the page works offline.

use super::{clip, wire_name, Entry};
use crate::output::{Brief, Target};
use std::fmt::Write;

const STYLE: &str = include_str!("assets/page.css");
const SCRIPT: &str = include_str!("assets/page.js");
/// Actor colours in the style sheet (`.c0` … `.c11`): twelve hues are as
/// many as stay apart on screen; later actors reuse them.
const COLOURS: usize = 12;
/// What the page says where a quotation or claim has no speaker.
const NO_SPEAKER: &str = "no speaker found";

/// Escapes text for HTML content and attribute values alike.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's head, up to where the articles start.
pub fn begin() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"brief {}\">\n<title>brief</title>\n\
         <style>\n{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The index (for more than one article), the script and the closing tags.
pub fn end(entries: &[Entry]) -> String {
    let mut out = String::new();
    if entries.len() > 1 {
        out.push_str("<nav id=\"index\">\n<h2>Articles</h2>\n<ol>\n");
        for e in entries {
            let label = e.title.as_deref().unwrap_or(&e.path);
            let _ = writeln!(
                out,
                "<li><a href=\"#article-{}\">{}</a> <span class=\"meta\">{}</span></li>",
                e.ordinal,
                escape(label),
                escape(&e.path)
            );
        }
        out.push_str("</ol>\n</nav>\n");
    }
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// One article's section.
pub fn article(brief: &Brief, ordinal: usize) -> String {
    let mut out = String::with_capacity(brief.text.as_ref().map_or(0, |t| t.len() * 3) + 4096);
    let _ = writeln!(
        out,
        "<section class=\"brief\" id=\"article-{ordinal}\">\n<header>\n<h1>{}</h1>",
        escape(brief.title.as_deref().unwrap_or(&brief.source.path))
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · {} words · {} actors · {} quotes · {} claims · {} stances</p>\n</header>",
        escape(&brief.source.path),
        brief.stats.words,
        brief.actors.len(),
        brief.quotes.len(),
        brief.claims.len(),
        brief.stances.len()
    );
    out.push_str("<div class=\"layout\">\n<article class=\"text\" dir=\"auto\">");
    let text = brief.text.as_deref().unwrap_or("");
    out.push_str(&marked_text(text, marks(brief, ordinal)));
    out.push_str("</article>\n<aside class=\"panel\">\n");
    panel(brief, ordinal, &mut out);
    out.push_str("</aside>\n</div>\n</section>\n");
    out
}

/// A stretch of the article to wrap in an element. Marks may overlap
/// without nesting; [`marked_text`] splits them where it must.
struct Mark {
    /// Characters, end exclusive.
    start: usize,
    end: usize,
    /// Which layer it is: among marks with the same extent, lower ranks
    /// go outside (claim, quote, cue, mention).
    rank: u8,
    tag: &'static str,
    class: String,
    /// Attributes after `class`, already escaped, each with a leading space.
    attrs: String,
    /// Whether its first element carries the class `first` (the speaker
    /// label goes there): only the first piece of a claim in parts.
    label: bool,
    /// An `id` for its first element only (a mark closed and opened again
    /// must not repeat it).
    id: Option<String>,
}

impl Mark {
    fn open(&self, first: bool) -> String {
        let first_class = if first && self.label { " first" } else { "" };
        let id = match (&self.id, first) {
            (Some(id), true) => format!(" id=\"{id}\""),
            _ => String::new(),
        };
        format!(
            "<{} class=\"{}{first_class}\"{id}{}>",
            self.tag, self.class, self.attrs
        )
    }
}

fn marks(brief: &Brief, ordinal: usize) -> Vec<Mark> {
    let mut marks = Vec::new();
    for c in &brief.claims {
        let who = match (&c.speaker_name, &c.source) {
            (Some(name), _) => name.clone(),
            (None, Some(source)) => clip(&source.text, 30),
            (None, None) => NO_SPEAKER.to_string(),
        };
        let cue = c.cue.as_ref().map_or("", |s| s.text.as_str());
        let attrs = format!(
            " data-who=\"{}\" title=\"{}\"",
            escape(&who),
            escape(&format!(
                "{} · {who} · {cue} · {}",
                c.id,
                wire_name(&c.kind)
            ))
        );
        for (k, [start, end]) in pieces(&c.content).into_iter().enumerate() {
            marks.push(Mark {
                start,
                end,
                rank: 0,
                tag: "span",
                class: "claim".into(),
                attrs: attrs.clone(),
                label: k == 0,
                id: None,
            });
        }
        if let Some(cue) = &c.cue {
            marks.push(Mark {
                start: cue.start,
                end: cue.end,
                rank: 2,
                tag: "span",
                class: "cue".into(),
                attrs: format!(" title=\"cue of {}\"", c.id),
                label: false,
                id: None,
            });
        }
    }
    for q in &brief.quotes {
        let who = q.speaker_name.as_deref().unwrap_or(NO_SPEAKER);
        for (k, [start, end]) in pieces(&q.span).into_iter().enumerate() {
            marks.push(Mark {
                start,
                end,
                rank: 1,
                tag: "span",
                class: "quote".into(),
                attrs: format!(" title=\"{} · {}\"", q.id, escape(who)),
                label: false,
                id: (k == 0).then(|| format!("article-{ordinal}-{}", q.id)),
            });
        }
    }
    for (k, a) in brief.actors.iter().enumerate() {
        let title = escape(&format!("{} ({})", a.name, wire_name(&a.actor_type)));
        for m in &a.mentions {
            marks.push(Mark {
                start: m.start,
                end: m.end,
                rank: 3,
                tag: "mark",
                class: format!("m c{}", k % COLOURS),
                attrs: format!(" data-actor=\"{}\" title=\"{title}\"", a.id),
                label: false,
                id: None,
            });
        }
    }
    marks
}

/// A span's pieces: its `parts`, or the whole.
fn pieces(span: &crate::output::Span) -> Vec<[usize; 2]> {
    span.parts
        .clone()
        .unwrap_or_else(|| vec![[span.start, span.end]])
}

/// The text, escaped, with the marks as elements. Where a mark ends inside
/// another that began after it, the inner one is closed and opened again,
/// so the markup always nests; each mark's first element gets the class
/// `first` (where the speaker label goes).
fn marked_text(text: &str, mut marks: Vec<Mark>) -> String {
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    let chars = byte_at.len() - 1;
    marks.retain(|m| m.start < m.end && m.end <= chars);
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.rank));
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    let (mut pos, mut next) = (0, 0);
    let mut open: Vec<usize> = Vec::new();
    for b in bounds {
        out.push_str(&escape(&text[byte_at[pos]..byte_at[b]]));
        pos = b;
        if open.iter().any(|&m| marks[m].end == b) {
            let mut reopen = Vec::new();
            while open.iter().any(|&m| marks[m].end == b) {
                let Some(m) = open.pop() else { break };
                let _ = write!(out, "</{}>", marks[m].tag);
                if marks[m].end != b {
                    reopen.push(m);
                }
            }
            for m in reopen.into_iter().rev() {
                out.push_str(&marks[m].open(false));
                open.push(m);
            }
        }
        while next < marks.len() && marks[next].start == b {
            out.push_str(&marks[next].open(true));
            open.push(next);
            next += 1;
        }
    }
    out.push_str(&escape(&text[byte_at[pos]..]));
    out
}

fn panel(brief: &Brief, ordinal: usize, out: &mut String) {
    let _ = writeln!(out, "<h2>Actors</h2>\n<ul class=\"actors\">");
    let mut order: Vec<(usize, &crate::output::Actor)> = brief.actors.iter().enumerate().collect();
    order.sort_by(|a, b| b.1.salience.total_cmp(&a.1.salience));
    for (k, a) in order {
        let _ = writeln!(
            out,
            "<li data-actor=\"{}\" tabindex=\"0\"><span class=\"swatch c{}\"></span>{} \
             <span class=\"kind\">{}</span> <span class=\"count\">×{}</span></li>",
            a.id,
            k % COLOURS,
            escape(&a.name),
            wire_name(&a.actor_type),
            a.mentions.len()
        );
    }
    out.push_str("</ul>\n<h2>Quotes</h2>\n<ol class=\"quotes\">\n");
    for q in &brief.quotes {
        let who = q.speaker_name.as_deref().unwrap_or(NO_SPEAKER);
        let _ = writeln!(
            out,
            "<li><a href=\"#article-{ordinal}-{}\">{}</a>: {}</li>",
            q.id,
            escape(who),
            escape(&clip(&q.span.text, 120))
        );
    }
    out.push_str("</ol>\n<h2>Stances</h2>\n<ul class=\"stances\">\n");
    for s in &brief.stances {
        let target = match &s.target {
            Target::Actor(_) => s.target_name.clone().unwrap_or_default(),
            Target::Topic { text } => clip(text, 80),
        };
        let polarity = wire_name(&s.polarity);
        let _ = writeln!(
            out,
            "<li>{} → {}: <span class=\"pol {polarity}\">{polarity}</span></li>",
            escape(&s.holder_name),
            escape(&target)
        );
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, rank: u8, class: &str) -> Mark {
        Mark {
            start,
            end,
            rank,
            tag: "span",
            class: class.into(),
            attrs: String::new(),
            label: true,
            id: None,
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            marked_text("<b>\"x\" & 'y'</b>", Vec::new()),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn nested_marks_nest_and_crossing_marks_are_split() {
        let nested = marked_text("abcdef", vec![mark(0, 6, 0, "o"), mark(2, 4, 3, "i")]);
        assert_eq!(
            nested,
            "<span class=\"o first\">ab<span class=\"i first\">cd</span>ef</span>"
        );
        let crossing = marked_text("abcdef", vec![mark(0, 4, 0, "a"), mark(2, 6, 3, "b")]);
        assert_eq!(
            crossing,
            "<span class=\"a first\">ab<span class=\"b first\">cd</span></span>\
             <span class=\"b\">ef</span>"
        );
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let html = marked_text("é “Olá” ✓", vec![mark(3, 6, 1, "q")]);
        assert_eq!(html, "é “<span class=\"q first\">Olá</span>” ✓");
    }

    #[test]
    fn an_id_is_written_once_when_a_mark_is_split() {
        let mut inner = mark(2, 6, 3, "b");
        inner.id = Some("q1".into());
        let html = marked_text("abcdef", vec![mark(0, 4, 0, "a"), inner]);
        assert_eq!(html.matches("id=\"q1\"").count(), 1, "{html}");
    }

    #[test]
    fn marks_out_of_range_are_dropped() {
        assert_eq!(marked_text("ab", vec![mark(1, 9, 0, "x")]), "ab");
    }
}
