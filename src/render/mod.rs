//! Ways to print a brief besides JSON: a summary for a person at a
//! terminal, tables for spreadsheets and data frames, an HTML page.
//!
//! Every view reads only the wire types of [`crate::output`] (and the
//! article text the brief carries with `--with text`), never the pipeline's
//! internals: whatever the JSON says is what the views show. A run over many
//! articles prints [`Renderer::begin`] once, one [`Renderer::article`] per
//! brief (rendered on the worker threads, in any order, then written in
//! input order) and [`Renderer::end`] once, so that tables get one header
//! and the HTML page one index.

mod html;
mod summary;
mod table;

pub use summary::SummaryOptions;
pub use table::Table;

use crate::output::Brief;

/// What `brief analyze --format` prints (the variants' docs are its help).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty-printed JSON (the default on a terminal).
    Json,
    /// One compact JSON object per line (the default into a pipe or file).
    Jsonl,
    /// A summary to read: actors, who said what, stances.
    Summary,
    /// Tab-separated table (see --table).
    Tsv,
    /// Comma-separated table (see --table).
    Csv,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// Whether the view needs the article text and its sentences in the
    /// brief (the summary quotes sentences as stance evidence; the page
    /// shows the whole article).
    pub fn needs_text(self) -> bool {
        matches!(self, Format::Summary | Format::Html)
    }
}

/// An article's place in a run, for the HTML index.
#[derive(Clone, Debug)]
pub struct Entry {
    /// 0-based position of the article among the inputs (failed inputs
    /// keep their number, so numbers may skip).
    pub ordinal: usize,
    /// Its `source.path`.
    pub path: String,
    /// Its headline, if it has one.
    pub title: Option<String>,
}

/// Prints briefs in one format.
#[derive(Clone, Debug)]
pub struct Renderer {
    /// Which view.
    pub format: Format,
    /// For `tsv` and `csv`: which records become rows.
    pub table: Table,
    /// For `summary`.
    pub summary: SummaryOptions,
}

impl Renderer {
    /// What comes before the first article: a table's header row, the
    /// page's head.
    pub fn begin(&self) -> Vec<u8> {
        match self.format {
            Format::Tsv | Format::Csv => table::header(self.table, self.delimiter()),
            Format::Html => html::begin().into_bytes(),
            Format::Json | Format::Jsonl | Format::Summary => Vec::new(),
        }
    }

    /// One article's output. `ordinal` numbers the article among the
    /// inputs (anchors in the HTML page; the same number goes in its
    /// [`Entry`]).
    pub fn article(&self, brief: &Brief, ordinal: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(4096);
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut out, brief).map_err(|e| e.to_string())?;
                out.push(b'\n');
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut out, brief).map_err(|e| e.to_string())?;
                out.push(b'\n');
            }
            Format::Summary => out.extend(summary::render(brief, &self.summary).into_bytes()),
            Format::Tsv | Format::Csv => {
                table::rows(brief, self.table, self.delimiter(), &mut out)
                    .map_err(|e| e.to_string())?;
            }
            Format::Html => out.extend(html::article(brief, ordinal).into_bytes()),
        }
        Ok(out)
    }

    /// What goes between two articles' output: a blank line between
    /// summaries.
    pub fn separator(&self) -> &'static [u8] {
        if self.format == Format::Summary {
            b"\n"
        } else {
            b""
        }
    }

    /// What comes after the last article: the page's index (when it shows
    /// more than one article) and its closing tags.
    pub fn end(&self, entries: &[Entry]) -> Vec<u8> {
        match self.format {
            Format::Html => html::end(entries).into_bytes(),
            _ => Vec::new(),
        }
    }

    fn delimiter(&self) -> u8 {
        if self.format == Format::Csv {
            b','
        } else {
            b'\t'
        }
    }
}

/// A unit enum's JSON name ("person", "direct"), so that every view
/// spells values as the JSON does.
pub(crate) fn wire_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The first `max` characters of `text` on one line (runs of white space
/// become one space), with an ellipsis when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let whole = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if whole.chars().count() <= max {
        return whole;
    }
    // Cut at the last word that leaves room for the ellipsis; a first word
    // longer than that is cut inside.
    let room = max.saturating_sub(1);
    let mut out = String::with_capacity(max * 4);
    let mut count = 0;
    for word in whole.split(' ') {
        let needed = word.chars().count() + usize::from(count > 0);
        if count + needed > room {
            break;
        }
        if count > 0 {
            out.push(' ');
        }
        out.push_str(word);
        count += needed;
    }
    if count == 0 {
        out.extend(whole.chars().take(room));
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// The text of a span's `parts` joined by " … ", or its whole text when it
/// has none. `parts` count characters of the article; the span's own text
/// starts at `start`.
pub(crate) fn parts_text(span: &crate::output::Span) -> String {
    let Some(parts) = &span.parts else {
        return span.text.clone();
    };
    let chars: Vec<char> = span.text.chars().collect();
    let piece = |&[s, e]: &[usize; 2]| -> String {
        let s = s.saturating_sub(span.start).min(chars.len());
        let e = e.saturating_sub(span.start).clamp(s, chars.len());
        chars[s..e].iter().collect()
    };
    parts.iter().map(piece).collect::<Vec<_>>().join(" … ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_short_text_and_cuts_long_text_at_a_word() {
        assert_eq!(clip("a  short\ntext", 20), "a short text");
        assert_eq!(clip("the harbour board met again", 12), "the harbour…");
        assert_eq!(clip("the harbour board met again", 11), "the…");
        assert_eq!(clip("Unbreakablewordhere", 6), "Unbre…");
        for max in 0..30 {
            let cut = clip("International Longshore Workers Union", max);
            assert!(cut.chars().count() <= max, "{max}: {cut}");
        }
    }

    #[test]
    fn parts_are_joined_with_an_ellipsis() {
        let span = crate::output::Span {
            start: 10,
            end: 27,
            text: "Yes, she said, no".to_string(),
            parts: Some(vec![[10, 14], [25, 27]]),
        };
        assert_eq!(parts_text(&span), "Yes, … no");
    }
}
