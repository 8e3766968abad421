//! From tagged names to actors: each name, nominal ("the American
//! president") and pronoun becomes a mention of the actor it refers to.
//!
//! Rules, in the order they run:
//! 1. tagged names are cleaned and typed (the gazetteer knows countries and
//!    their peoples; a demonym used as an adjective, as in "Russian
//!    President", is part of a title, not an actor; "the Biden
//!    administration" is an organisation);
//! 2. the words before a person's name are its titles ("U.S. Defense
//!    Secretary"), and tell its nationality and, for honorifics, gender;
//! 3. names are linked in text order: a surname or first name alone goes to
//!    the person it shortens (the most recent one when two share it, as the
//!    two Clintons do), country aliases to their country, acronyms to their
//!    expansion;
//! 4. "its" links to the nearest organisation or place, only when one
//!    candidate clearly fits: a wrong link is worse than none. Definite
//!    descriptions ("the senator") and persons' pronouns are left to the
//!    learned resolver that runs after this (`entities::coref`).
//!
//! Layout: the linker and its tables here; name candidates in `names`,
//! names to actors in `actors`, nominals and pronouns in `references`.

use super::gazetteer::{self, PlaceForm};
use crate::doc::{Actor, ActorKind, Doc, Gender, Mention, MentionKind, TokenKind};
use crate::lexicon::{self, List};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

mod actors;
mod hygiene;
mod names;
mod propagate;
mod references;

/// Whether `w` is a title or role word ("president", "Senator"), in
/// any case.
pub fn is_title_word(w: &str) -> bool {
    // The list is lower-case ASCII, so an ASCII word needs no lowered copy.
    if w.is_ascii() {
        return lexicon::words(List::TitleWords)
            .iter()
            .any(|t| t.eq_ignore_ascii_case(w));
    }
    lexicon::words(List::TitleWords).contains(w.to_lowercase().as_str())
}

/// One name the tagger found, cleaned and typed.
#[derive(Clone, Debug)]
struct NameCandidate {
    tokens: Range<usize>,
    sentence: usize,
    kind: ActorKind,
    /// For places and peoples: the gazetteer entry.
    place: Option<gazetteer::Place>,
}

/// What the linker knows about an actor beyond what the brief prints.
#[derive(Clone, Debug, Default)]
struct ActorFacts {
    /// Name tokens of the fullest name, for persons.
    words: Vec<String>,
    /// Lower-cased key that identifies non-person actors.
    key: String,
    /// The country it belongs to, from a title ("Russian President").
    nationality: Option<usize>,
    /// Lower-cased title words ("president", "secretary").
    title_words: Vec<String>,
    last_token: usize,
    first_token: usize,
    /// How many name mentions the actor has so far.
    names: usize,
}

/// Look-up tables, so that linking stays linear in the article's length
/// (an archive holds articles with thousands of names).
#[derive(Default)]
struct Index {
    /// Persons by the first and last word of their name, in creation order.
    person_words: HashMap<String, Vec<usize>>,
    /// Non-person actors by key.
    keys: HashMap<String, usize>,
    /// Organisations (and other named things) by their initials.
    initials: HashMap<String, usize>,
    /// Persons by the words of their titles.
    titled: HashMap<String, Vec<usize>>,
    /// Organisations by the last word of their name, lower-cased.
    org_heads: HashMap<String, Vec<usize>>,
    /// Mentions (indexes into `Linker::mentions`) by sentence.
    by_sentence: Vec<Vec<usize>>,
    /// The actor each name of two or more words was first linked to, by
    /// its exact text.
    exact: HashMap<String, usize>,
}

/// Appends `a` unless it is among the last entries (lists are appended in
/// creation order, so a repeat is nearly always at the end).
fn push_unique(list: &mut Vec<usize>, a: usize) {
    if !list[list.len().saturating_sub(64)..].contains(&a) {
        list.push(a);
    }
}

struct Linker<'d> {
    doc: &'d Doc,
    token_sentence: &'d [usize],
    actors: Vec<Actor>,
    facts: Vec<ActorFacts>,
    mentions: Vec<Mention>,
    /// Whether a mention covers each token.
    covered: Vec<bool>,
    index: Index,
    /// For "its": (start, end, actor) of the organisation and place names
    /// of each sentence, sorted.
    sorted_things: Vec<Vec<(usize, usize, usize)>>,
}

/// Whether the tokens `span` are a date and nothing else: weekdays, months,
/// numbers and commas, with a weekday, or a month beside a number, or a
/// month that is not also a given name (April, May, June, August stand
/// alone as names: "Theresa May said").
fn is_date(doc: &Doc, span: Range<usize>) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const MONTHS_ALSO_NAMES: [&str; 4] = ["april", "may", "june", "august"];
    let (mut weekday, mut number, mut month, mut plain_month) = (false, false, false, false);
    for i in span {
        let text = doc.token_text(i).to_lowercase();
        let w = text.trim_end_matches('.');
        // "Sept." and "Jan." but not "Marc": an abbreviation has its period.
        let abbreviated = w.len() < text.len() && (3..=4).contains(&w.len());
        let is_month = |m: &&&str| **m == w || (abbreviated && m.starts_with(w));
        if WEEKDAYS.contains(&w) {
            weekday = true;
        } else if let Some(m) = MONTHS.iter().find(is_month) {
            month = true;
            plain_month |= !MONTHS_ALSO_NAMES.contains(m);
        } else if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
            number = true;
        } else if w != "," {
            return false;
        }
    }
    weekday || (month && (number || plain_month))
}

/// Finds the actors of `doc` and their mentions (fills `doc.actors` and
/// `doc.mentions`).
pub fn link(doc: &mut Doc) {
    let sentences: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| s.tokens.clone().map(|i| doc.token_text(i)).collect())
        .collect();
    let labels = super::tag_document(&sentences);
    let tagged: Vec<(Range<usize>, u8, usize)> = super::entities(&labels)
        .into_iter()
        .map(|e| {
            let base = doc.sentences[e.sentence].tokens.start;
            (
                base + e.tokens.start..base + e.tokens.end,
                e.kind,
                e.sentence,
            )
        })
        // A date is never an actor ("Wednesday", "Sept. 12").
        .filter(|(tokens, ..)| !is_date(doc, tokens.clone()))
        // Markup, URLs and e-mail addresses are never part of a name (a
        // tagger trained on news text has not seen them and may guess).
        .filter(|(tokens, ..)| {
            !tokens.clone().any(|i| {
                matches!(
                    doc.tokens[i].kind,
                    TokenKind::Markup | TokenKind::Url | TokenKind::Email
                )
            })
        })
        .collect();
    let tagged = propagate::propagate(doc, hygiene::clean(doc, tagged));
    let mut linker = Linker {
        doc,
        token_sentence: doc.sentence_of(),
        actors: Vec::new(),
        facts: Vec::new(),
        mentions: Vec::new(),
        covered: vec![false; doc.tokens.len()],
        index: Index {
            by_sentence: vec![Vec::new(); doc.sentences.len()],
            ..Index::default()
        },
        sorted_things: Vec::new(),
    };
    let candidates = linker.candidates(&tagged);
    for c in &candidates {
        linker.link_name(c);
    }
    linker.link_pronouns();
    let (actors, mentions) = linker.finish();
    doc.set_mentions(actors, mentions);
}

impl Linker<'_> {
    fn text(&self, r: Range<usize>) -> &str {
        self.doc.slice(self.doc.token_range(r))
    }

    fn word(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
    }

    /// Orders actors by first mention, fills their mention lists and
    /// salience.
    fn finish(self) -> (Vec<Actor>, Vec<Mention>) {
        let Linker {
            doc,
            mut actors,
            mut mentions,
            ..
        } = self;
        mentions.sort_by_key(|m| (m.tokens.start, m.tokens.end));
        let mut order: Vec<usize> = Vec::new();
        let mut seen = vec![false; actors.len()];
        for m in &mentions {
            if !std::mem::replace(&mut seen[m.actor], true) {
                order.push(m.actor);
            }
        }
        let mut new_index = vec![usize::MAX; actors.len()];
        for (k, &a) in order.iter().enumerate() {
            new_index[a] = k;
        }
        for m in mentions.iter_mut() {
            m.actor = new_index[m.actor];
        }
        let mut reordered: Vec<Actor> = order
            .iter()
            .map(|&a| std::mem::replace(&mut actors[a], placeholder()))
            .collect();
        for (k, m) in mentions.iter().enumerate() {
            reordered[m.actor].mentions.push(k);
        }
        for a in reordered.iter_mut() {
            let name = a.name.clone();
            a.aliases.retain(|x| *x != name);
        }
        set_salience(doc, &mut reordered, &mentions);
        (reordered, mentions)
    }
}

fn placeholder() -> Actor {
    Actor {
        name: String::new(),
        kind: ActorKind::Other,
        aliases: Vec::new(),
        titles: Vec::new(),
        mentions: Vec::new(),
        gender: None,
        salience: 0.0,
    }
}

/// Salience from how often and how early an actor is mentioned and whether
/// it is in the headline and the lead paragraph.
/// How far back (in tokens) a pronoun looks for its antecedent: a few
/// sentences of news prose; farther, a wrong link is likelier than a right
/// one (chosen by hand).
const PRONOUN_WINDOW: usize = 150;

// Salience weights: they sum to 1, so salience stays in 0..1. Chosen by
// hand (no measurement is recorded): how often an actor is mentioned
// (against the most mentioned) counts most, then how early it first
// appears, then the news convention that the headline and the lead name
// who the story is about.
const SALIENCE_SHARE: f64 = 0.5;
const SALIENCE_POSITION: f64 = 0.2;
const SALIENCE_TITLE: f64 = 0.15;
const SALIENCE_LEAD: f64 = 0.15;
/// Salience is rounded to three decimals: the JSON stays short and stable
/// across float noise.
const SALIENCE_SCALE: f64 = 1000.0;

pub(crate) fn set_salience(doc: &Doc, actors: &mut [Actor], mentions: &[Mention]) {
    let most = actors
        .iter()
        .map(|a| a.mentions.len())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let chars = doc.tokens.last().map_or(1, |t| t.char_end.max(1)) as f64;
    let title = doc.title_paragraph;
    let lead = (0..doc.paragraphs.len()).find(|&p| Some(p) != title);
    let paragraph_of = |m: &Mention| doc.sentences[m.sentence].paragraph;
    for a in actors.iter_mut() {
        let ms: Vec<&Mention> = a.mentions.iter().map(|&k| &mentions[k]).collect();
        let Some(first) = ms.first() else {
            continue;
        };
        let share = ms.len() as f64 / most;
        let position = 1.0 - doc.tokens[first.tokens.start].char_start as f64 / chars;
        let in_title = ms.iter().any(|m| Some(paragraph_of(m)) == title);
        let in_lead = ms.iter().any(|m| Some(paragraph_of(m)) == lead);
        let s = SALIENCE_SHARE * share
            + SALIENCE_POSITION * position
            + SALIENCE_TITLE * in_title as u8 as f64
            + SALIENCE_LEAD * in_lead as u8 as f64;
        a.salience = (s.clamp(0.0, 1.0) * SALIENCE_SCALE).round() / SALIENCE_SCALE;
    }
}

#[cfg(test)]
mod tests;
