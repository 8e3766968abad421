//! The brief as a person reads it at a terminal (`brief show`): the
//! headline, the key actors, who said what, who stands where, and counts.
//!
//! It assumes a brief made with the article text and sentences (the stance
//! evidence quotes sentences). Without `all`, the lists are cut so that a
//! long article's summary fits a screen or two: the limits below were set
//! by reading summaries of PolNeAR dev articles (median 12 claims, 23
//! actors) at 80 columns, and every cut list says how many it left out.

use super::{clip, parts_text};
use crate::output::{Brief, Claim, Evidence, Polarity, Quote, Target};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

/// Marks a speaker group named by a claim's source words that no actor
/// stands for ("a spokesman"), so it does not read as a name or a quote.
const UNLINKED: &str = "(source) ";
/// Actors listed without `--all`: enough for the cast of a news story.
const MAX_ACTORS: usize = 8;
/// Speakers listed without `--all`, most quoted first.
const MAX_SPEAKERS: usize = 6;
/// Statements shown per speaker without `--all`.
const MAX_PER_SPEAKER: usize = 3;
/// Stances listed without `--all`.
const MAX_STANCES: usize = 6;
/// Characters of a statement shown without `--all` (about three lines).
const MAX_STATEMENT: usize = 200;
/// Characters of a stance's evidence snippet.
const MAX_EVIDENCE: usize = 90;

/// How the summary is laid out.
#[derive(Clone, Debug)]
pub struct SummaryOptions {
    /// Columns to wrap to.
    pub width: usize,
    /// ANSI colours and bold.
    pub color: bool,
    /// No limits: every actor, statement and stance.
    pub all: bool,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            width: 80,
            color: false,
            all: false,
        }
    }
}

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
    fn heading(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }
    fn name(&self, text: &str) -> String {
        self.paint(
            Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
            text,
        )
    }
    fn dim(&self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }
    fn polarity(&self, polarity: Polarity) -> String {
        let (word, color) = match polarity {
            Polarity::Support => ("support", AnsiColor::Green),
            Polarity::Oppose => ("oppose", AnsiColor::Red),
            Polarity::Neutral => ("neutral", AnsiColor::Yellow),
        };
        self.paint(Style::new().bold().fg_color(Some(color.into())), word)
    }
}

/// The summary of one brief, ending in a newline.
pub fn render(brief: &Brief, options: &SummaryOptions) -> String {
    let p = Painter {
        color: options.color,
    };
    // Below 20 columns nothing reads well; wrap as if there were 20.
    let width = options.width.max(20);
    let mut out = String::new();
    let title = brief.title.as_deref().unwrap_or("(no headline)");
    for line in textwrap::wrap(title, wrapping(width, "", "")) {
        let _ = writeln!(out, "{}", p.heading(&line));
    }
    let path = match brief.source.path.as_str() {
        "-" => "standard input",
        path => path,
    };
    let meta = format!(
        "{path} · {} · {} · {}, {}, {}, {}",
        count(brief.stats.words, "word"),
        count(brief.stats.sentences, "sentence"),
        count(brief.actors.len(), "actor"),
        count(brief.quotes.len(), "quote"),
        count(brief.claims.len(), "claim"),
        count(brief.stances.len(), "stance"),
    );
    for line in textwrap::wrap(&meta, wrapping(width, "", "")) {
        let _ = writeln!(out, "{}", p.dim(&line));
    }
    actors(brief, options, &p, width, &mut out);
    statements(brief, options, &p, width, &mut out);
    stances(brief, options, &p, width, &mut out);
    out
}

/// Wrapping at `width`, first line and the others indented as given.
/// First fit, not textwrap's optimal fit: a summary is read once, and
/// first fit costs a fraction (it kept `--format summary` within 10 % of
/// `jsonl` over PolNeAR train, `scripts/bench-formats.sh`).
fn wrapping<'a>(width: usize, first: &'a str, rest: &'a str) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
}

/// "1 word", "3 words".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn more(out: &mut String, p: &Painter, left: usize, what: &str) {
    if left > 0 {
        let _ = writeln!(out, "  {}", p.dim(&format!("… {left} more {what} (--all)")));
    }
}

/// Columns of an actor row besides the name: two of indent, a space, the
/// type (12, "organization"), a space, the mention count (11, "99
/// mentions").
const ACTOR_ROW_FIXED: usize = 2 + 1 + 12 + 1 + 11;

fn actors(brief: &Brief, options: &SummaryOptions, p: &Painter, width: usize, out: &mut String) {
    if brief.actors.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", p.heading("Actors"));
    let mut order: Vec<&crate::output::Actor> = brief.actors.iter().collect();
    // Most central first; ties keep the order of first mention.
    order.sort_by(|a, b| b.salience.total_cmp(&a.salience));
    let shown = if options.all {
        order.len()
    } else {
        MAX_ACTORS.min(order.len())
    };
    // Names get at most 28 columns (most names fit; long organisation
    // names are cut), fewer on a narrow terminal, never under 8.
    let name_width = order[..shown]
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(28)
        .min(width.saturating_sub(ACTOR_ROW_FIXED).max(8));
    for a in &order[..shown] {
        if width < ACTOR_ROW_FIXED + 8 {
            // Too narrow for columns: one wrapped line per actor.
            let line = format!(
                "{} ({}, {})",
                a.name,
                super::wire_name(&a.actor_type),
                count(a.mentions.len(), "mention")
            );
            let wrap = wrapping(width, "  ", "    ");
            for l in textwrap::wrap(&line, wrap) {
                let _ = writeln!(out, "{l}");
            }
            continue;
        }
        let name = clip(&a.name, name_width);
        let pad = name_width.saturating_sub(name.chars().count());
        let kind = super::wire_name(&a.actor_type);
        let mentions = count(a.mentions.len(), "mention");
        let mut line = format!(
            "  {}{} {kind:<12} {mentions:>11}",
            p.name(&name),
            " ".repeat(pad)
        );
        // Titles take what is left of the line, when that is worth showing.
        let room = width.saturating_sub(ACTOR_ROW_FIXED + name_width + 2);
        if !a.titles.is_empty() && room >= 8 {
            let _ = write!(line, "  {}", p.dim(&clip(&a.titles.join(", "), room)));
        }
        let _ = writeln!(out, "{line}");
    }
    more(out, p, order.len() - shown, "actors");
}

/// One thing someone said: a claim, or a quotation no claim holds.
struct Statement<'a> {
    start: usize,
    kind: &'static str,
    cue: Option<&'a str>,
    text: String,
}

/// Statements grouped by who made them: the speaker's name, else the
/// source's words in quotes, else "unattributed".
fn by_speaker(brief: &Brief) -> Vec<(String, Vec<Statement<'_>>)> {
    let mut groups: Vec<(String, Vec<Statement>)> = Vec::new();
    let in_claim: std::collections::HashSet<&str> = brief
        .claims
        .iter()
        .flat_map(|c| c.quotes.iter().map(String::as_str))
        .collect();
    let mut items: Vec<(String, Statement)> = brief.claims.iter().map(claim_statement).collect();
    items.extend(
        brief
            .quotes
            .iter()
            .filter(|q| !in_claim.contains(q.id.as_str()))
            .map(quote_statement),
    );
    items.sort_by_key(|(_, s)| s.start);
    for (who, s) in items {
        match groups.iter_mut().find(|g| g.0 == who) {
            Some(g) => g.1.push(s),
            None => groups.push((who, vec![s])),
        }
    }
    // The most quoted first; the unattributed last.
    groups.sort_by_key(|g| (g.0.is_empty(), std::cmp::Reverse(g.1.len())));
    groups
}

fn claim_statement(c: &Claim) -> (String, Statement<'_>) {
    let who = match (&c.speaker_name, &c.source) {
        (Some(name), _) => name.clone(),
        (None, Some(source)) => format!("{UNLINKED}{}", source.text),
        (None, None) => String::new(),
    };
    let kind = match c.kind {
        crate::output::ClaimKind::Direct => "direct",
        crate::output::ClaimKind::Mixed => "mixed",
        crate::output::ClaimKind::Indirect => "indirect",
    };
    let statement = Statement {
        start: c.content.start,
        kind,
        cue: c.cue.as_ref().map(|s| s.text.as_str()),
        text: parts_text(&c.content),
    };
    (who, statement)
}

fn quote_statement(q: &Quote) -> (String, Statement<'_>) {
    let statement = Statement {
        start: q.span.start,
        kind: "quote",
        cue: q.cue.as_ref().map(|s| s.text.as_str()),
        text: format!("“{}”", parts_text(&q.span)),
    };
    (q.speaker_name.clone().unwrap_or_default(), statement)
}

fn statements(
    brief: &Brief,
    options: &SummaryOptions,
    p: &Painter,
    width: usize,
    out: &mut String,
) {
    let groups = by_speaker(brief);
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", p.heading("Who said what"));
    let shown = if options.all {
        groups.len()
    } else {
        MAX_SPEAKERS.min(groups.len())
    };
    let indent = "      ";
    for (who, items) in &groups[..shown] {
        let room = width.saturating_sub(2);
        let label = if who.is_empty() {
            p.dim("(unattributed)")
        } else if let Some(words) = who.strip_prefix(UNLINKED) {
            let words = clip(words, room.saturating_sub(UNLINKED.len()));
            format!("{}{words}", p.dim(UNLINKED))
        } else {
            p.name(&clip(who, room))
        };
        let _ = writeln!(out, "  {label}");
        let limit = if options.all {
            items.len()
        } else {
            MAX_PER_SPEAKER
        };
        for s in items.iter().take(limit) {
            let text = if options.all {
                s.text.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                clip(&s.text, MAX_STATEMENT)
            };
            let head = match s.cue {
                Some(cue) => format!("{}, {}: ", s.kind, clip(cue, 30)),
                None => format!("{}: ", s.kind),
            };
            let wrap = wrapping(width, "    • ", indent);
            let line_text = format!("{head}{text}");
            let lines = textwrap::wrap(&line_text, wrap);
            for (k, line) in lines.iter().enumerate() {
                // Colour the kind and cue only, after wrapping measured them.
                let rest = line
                    .strip_prefix("    • ")
                    .and_then(|r| r.strip_prefix(head.as_str()));
                if let (0, true, Some(t)) = (k, options.color, rest) {
                    let _ = writeln!(out, "    • {}{t}", p.dim(&head));
                } else {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        more(
            out,
            p,
            items.len().saturating_sub(limit),
            "from this speaker",
        );
    }
    more(out, p, groups.len() - shown, "speakers");
}

fn stances(brief: &Brief, options: &SummaryOptions, p: &Painter, width: usize, out: &mut String) {
    if brief.stances.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", p.heading("Stances"));
    let mut order: Vec<&crate::output::Stance> = brief.stances.iter().collect();
    // The strongest first, so that a cut list keeps what matters.
    order.sort_by(|a, b| b.score.abs().total_cmp(&a.score.abs()));
    let shown = if options.all {
        order.len()
    } else {
        MAX_STANCES.min(order.len())
    };
    for s in &order[..shown] {
        let target = match &s.target {
            Target::Actor(_) => s.target_name.clone().unwrap_or_default(),
            Target::Topic { text } => clip(text, 50),
        };
        let polarity = super::wire_name(&s.polarity);
        let plain = format!("{} → {target}: {polarity}", s.holder_name);
        let wrap = wrapping(width, "  ", "      ");
        let lines = textwrap::wrap(&plain, wrap);
        let last = lines.len() - 1;
        for (k, line) in lines.iter().enumerate() {
            // Wrapped uncoloured (escape codes would count as columns), then
            // the holder and the polarity painted where they stand whole.
            let mut line = line.to_string();
            if k == 0 {
                if let Some(rest) = line.strip_prefix(&format!("  {}", s.holder_name)) {
                    line = format!("  {}{rest}", p.name(&s.holder_name));
                }
            }
            if k == last {
                if let Some(head) = line.strip_suffix(polarity.as_str()) {
                    line = format!("{head}{}", p.polarity(s.polarity));
                }
            }
            let _ = writeln!(out, "{line}");
        }
        if let Some(snippet) = evidence_snippet(brief, &s.evidence) {
            let wrap = wrapping(width, "      ", "      ");
            for line in textwrap::wrap(&clip(&snippet, MAX_EVIDENCE), wrap) {
                let _ = writeln!(out, "{}", p.dim(&line));
            }
        }
    }
    more(out, p, order.len() - shown, "stances");
}

/// The first piece of evidence as text: a claim's content, or a sentence.
fn evidence_snippet(brief: &Brief, evidence: &[Evidence]) -> Option<String> {
    match evidence.first()? {
        Evidence::Claim(id) => brief
            .claims
            .iter()
            .find(|c| &c.id == id)
            .map(|c| parts_text(&c.content)),
        Evidence::Sentence(k) => brief
            .sentences
            .as_ref()
            .and_then(|s| s.get(*k))
            .map(|s| s.text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary_of(text: &str, all: bool) -> String {
        let extras = crate::Extras {
            sentences: true,
            text: true,
            ..Default::default()
        };
        let brief = crate::analyze(text.to_string(), "test.txt", text.len() as u64, extras);
        let options = SummaryOptions {
            all,
            ..SummaryOptions::default()
        };
        render(&brief, &options)
    }

    const ARTICLE: &str = "Harbour Board Delays Vote\n\n\
        The harbour board delayed its vote on Monday.\n\n\
        “We need more time,” said Carla Mendes, the board's chair.\n\n\
        Mendes said the board would meet again next week.";

    #[test]
    fn summary_shows_title_speakers_and_their_words() {
        let s = summary_of(ARTICLE, false);
        assert!(s.starts_with("Harbour Board Delays Vote\n"));
        assert!(s.contains("Who said what"));
        assert!(s.contains("  Carla Mendes\n"));
        assert!(s.contains("“We need more time,”"));
        assert!(!s.contains('\u{1b}'), "no colour unless asked");
    }

    #[test]
    fn lines_fit_the_width_without_trailing_spaces() {
        let extras = crate::Extras {
            sentences: true,
            text: true,
            ..Default::default()
        };
        let brief = crate::analyze(
            ARTICLE.to_string(),
            "a/long/path/to/the/article.txt",
            0,
            extras,
        );
        for width in [20, 35, 50, 80] {
            let options = SummaryOptions {
                width,
                all: true,
                ..SummaryOptions::default()
            };
            for line in render(&brief, &options).lines() {
                assert!(line.chars().count() <= width, "{width}: {line}");
                assert!(!line.ends_with(' '), "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn a_source_no_actor_stands_for_is_marked_as_such() {
        let s = summary_of("The plan was delayed, a spokesman said on Friday.", false);
        assert!(s.contains("(source) a spokesman"), "{s}");
    }

    #[test]
    fn colour_only_when_asked() {
        let extras = crate::Extras {
            sentences: true,
            text: true,
            ..Default::default()
        };
        let brief = crate::analyze(ARTICLE.to_string(), "t", 0, extras);
        let options = SummaryOptions {
            color: true,
            ..SummaryOptions::default()
        };
        assert!(render(&brief, &options).contains("\u{1b}["));
    }
}
