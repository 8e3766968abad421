//! Actor hygiene: the tagger's entity ranges cut down to names before they
//! are typed. Each rule is one the tagger's statistics cannot be trusted
//! with and that holds without exception in news prose:
//!
//! - a party-and-state tag ("(R-Wis.)") or a parenthesis ends a name;
//! - a modifier is not a name: "pro-Russian", "Brussels-based";
//! - words that cannot be part of a name are trimmed from its edges: a
//!   sentence-initial conjunction or preposition ("Although Trump"),
//!   lower-case words ("Trump tax");
//! - a lower-case word inside a range, or "and" / "/" between two names,
//!   splits it ("Bloomberg interview Trump", "FBI and State Department"),
//!   unless the whole is one name ("Bosnia and Herzegovina", "Department
//!   of Health and Human Services");
//! - a capitalised word that starts a sentence and is a common word of the
//!   article (seen lower-case there, never capitalised mid-sentence) or an
//!   interjection is not a name;
//! - after a work noun ("her book, Take on Wall Street") the capitalised
//!   run is a title, of type `other`;
//! - a nickname in quotes joins the name around it (Robert C. "Bobby"
//!   Scott is one person);
//! - an adjective tagged MISC ("Islamic" alone) is no actor; nor is a
//!   sentence-initial word tagged as a common word ("Climate", "Unsubtle");
//! - a subhead in title case ("All Bets Are Off", "Knack for Deals.") and
//!   a person's name inside a quoted title-case phrase (a nickname: "Miss
//!   Piggy") keep only names the rest of the article also has;
//! - a name before "Day" or "Eve" is a date ("Election Day"), and a
//!   leading number is a modifier ("her 2006 Senate race");
//! - the capitals of a headline, or of a word inside an institution's
//!   name, are no evidence that the word alone is a name.
//!
//! Assumes the syntax stage has run (part-of-speech tags; without them the
//! rules that read tags do nothing) and ranges within one sentence.

use super::gazetteer;
use crate::doc::{Doc, TokenKind};
use crate::lexicon::{self, List};
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

/// A tagged range: tokens, label type (1 PER, 2 ORG, 3 LOC, 4 MISC) and
/// sentence.
pub(super) type Tagged = (Range<usize>, u8, usize);

/// The label types of PER and of MISC, which titles of works take.
pub(super) const PER: u8 = 1;
pub(super) const MISC: u8 = 4;

/// Words that may stand inside a name in lower case: the particles of
/// foreign names ([`is_leading_particle`]) and those of English ones.
fn is_name_particle(w: &str) -> bool {
    is_leading_particle(w)
        || matches!(
            w,
            "of" | "for"
                | "and"
                | "the"
                | "on"
                | "in"
                | "at"
                | "y"
                | "&"
                | "v."
                | "vs."
                | "'s"
                | "’s"
                | "-"
        )
}

/// "R-Wis.", "D-N.Y.", "I-Vt.": a party letter, a hyphen, a capital.
fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// "pro-Russian", "anti-NATO" (a prefix that makes an adjective),
/// "Brussels-based", "Ivy League-trained" (a lower-case last part):
/// modifiers, not names. "al-Qaeda" keeps its particle.
fn is_modifier(first: &str, last: &str) -> bool {
    const PREFIXES: [&str; 9] = [
        "pro", "anti", "non", "un", "post", "pre", "neo", "ex", "most",
    ];
    let lower_prefix = first
        .split_once('-')
        .is_some_and(|(head, _)| PREFIXES.contains(&head));
    let lower_tail = last.rsplit_once('-').is_some_and(|(head, tail)| {
        !head.is_empty()
            && tail.chars().count() >= 3
            && tail.chars().all(|c| c.is_lowercase() && c.is_alphabetic())
    });
    lower_prefix || lower_tail
}

fn starts_upper(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
}

fn starts_lower(w: &str) -> bool {
    w.starts_with(|c: char| c.is_lowercase())
}

/// A word with no capital at all ("tax", "rosy-sounding"; not "eBay" or
/// "al-Assad").
fn is_lower_word(w: &str) -> bool {
    starts_lower(w) && !w.chars().any(char::is_uppercase)
}

/// Particles of foreign names that may open one ("de Blasio", "bin
/// Salman").
fn is_leading_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "del"
            | "della"
            | "di"
            | "da"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "la"
            | "le"
    )
}

/// What the article says of each word form: capitalised where case is
/// free (not at a sentence start), and seen in lower case.
struct FormEvidence<'d> {
    capitalised_inside: HashSet<&'d str>,
    lower: HashSet<&'d str>,
}

impl<'d> FormEvidence<'d> {
    fn new(doc: &'d Doc, tagged: &[Tagged]) -> Self {
        let mut evidence = FormEvidence {
            capitalised_inside: HashSet::default(),
            lower: HashSet::default(),
        };
        // A word inside the name of a body or work ("Institute for
        // Climate Research") is capitalised for the name's sake; inside a
        // person's name ("Condoleezza Rice") it is a name itself.
        let mut in_thing_name = vec![false; doc.tokens.len()];
        for (range, tag, _) in tagged {
            if *tag != PER && range.len() > 1 {
                in_thing_name[range.clone()]
                    .iter_mut()
                    .for_each(|b| *b = true);
            }
        }
        // A headline's capitals say nothing of a word.
        for s in doc
            .sentences
            .iter()
            .filter(|s| Some(s.paragraph) != doc.title_paragraph)
        {
            for i in s.tokens.clone() {
                let w = doc.token_text(i);
                if starts_lower(w) {
                    evidence.lower.insert(w);
                } else if starts_upper(w)
                    && !in_thing_name[i]
                    && !opens_clause(doc, s.tokens.start, i)
                {
                    evidence.capitalised_inside.insert(w);
                }
            }
        }
        evidence
    }
}

/// Whether token `i` stands where a capital is forced: the sentence's
/// first word, or the first after an opening quote, dash or colon.
fn opens_clause(doc: &Doc, sentence_start: usize, i: usize) -> bool {
    (sentence_start..i).all(|k| doc.tokens[k].kind != TokenKind::Word)
        || (i > sentence_start
            && matches!(
                doc.token_text(i - 1),
                "\"" | "“" | "‘" | "'" | ":" | "--" | "—" | "–" | "(" | "["
            ))
}

/// Cleans the tagger's ranges (see the module doc); the order of the
/// ranges is kept, a range may become several or none.
pub(super) fn clean(doc: &Doc, tagged: Vec<Tagged>) -> Vec<Tagged> {
    let evidence = FormEvidence::new(doc, &tagged);
    let usual_tag = usual_tags(doc, &tagged);
    let sentence_starts: Vec<usize> = doc.sentences.iter().map(|s| s.tokens.start).collect();
    let mut out = Vec::with_capacity(tagged.len());
    let tagged = join_nicknames(doc, titles_of_works(doc, tagged));
    for (range, tag, sentence) in tagged {
        if tag == MISC && is_work_title(doc, &range) {
            out.push((range, tag, sentence));
            continue;
        }
        let Some(range) = cut_at_tags(doc, range) else {
            continue;
        };
        if is_modifier(doc.token_text(range.start), doc.token_text(range.end - 1))
            || is_bare_adjective(doc, &range, tag)
            || names_a_day(doc, &range)
        {
            continue;
        }
        let start = sentence_starts[sentence];
        for part in split(doc, range.clone()) {
            let Some(part) = trim(doc, part, start) else {
                continue;
            };
            if is_common_word_at_start(doc, &evidence, &part, start) {
                continue;
            }
            // What the tagger said of "Although Trump" says little of
            // "Trump": take what it says of the name where it stands alone.
            let text = doc.slice(doc.token_range(part.clone()));
            let tag = match usual_tag.get(text) {
                Some(&usual) if part != range => usual,
                _ => tag,
            };
            out.push((part, tag, sentence));
        }
    }
    keep_confirmed_subhead_names(doc, out)
}

/// "Election Day", "Memorial Day", "New Year's Eve": a name before "Day"
/// or "Eve" names a date, which is no actor.
fn names_a_day(doc: &Doc, range: &Range<usize>) -> bool {
    range.end < doc.tokens.len() && matches!(doc.token_text(range.end), "Day" | "Eve")
}

/// Whether the sentence is a subhead: alone in its paragraph, three words
/// or more but short, in title case, without a comma or a final period.
fn is_subhead(doc: &Doc, sentence: usize) -> bool {
    /// Subheads run a few words; past this a title-case line is prose.
    const MAX_SUBHEAD_WORDS: usize = 12;
    let s = &doc.sentences[sentence];
    let paragraph = &doc.paragraphs[s.paragraph];
    if paragraph.sentences.len() != 1 || Some(s.paragraph) == doc.title_paragraph {
        return false;
    }
    let words: Vec<&str> = s
        .tokens
        .clone()
        .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
        .map(|i| doc.token_text(i))
        .collect();
    if words.len() < 3 || words.len() > MAX_SUBHEAD_WORDS {
        return false;
    }
    let last = s.tokens.clone().next_back().map(|i| doc.token_text(i));
    // A sign-off line ("Henderson, Nev.") has a comma and few words.
    let comma = s.tokens.clone().any(|i| doc.token_text(i) == ",");
    let unpunctuated = !comma && !matches!(last, Some("." | "!" | "?" | "\"" | "”" | ":"));
    // Some sources end subheads with a period ("Knack for Deals."): then
    // every content word must be capitalised, as prose never is.
    let period = last == Some(".") && !s.tokens.clone().any(|i| is_quote_mark(doc.token_text(i)));
    (unpunctuated && crate::tokenize::is_title_case(&words)) || (period && all_capitalised(&words))
}

/// Whether every word but the small words of titles ("of", "the") is
/// capitalised, the first word included.
fn all_capitalised(words: &[&str]) -> bool {
    let small = lexicon::words(List::TitleSmallWords);
    words
        .iter()
        .enumerate()
        .all(|(k, w)| !w.starts_with(char::is_lowercase) || (k > 0 && small.contains(w)))
}

fn is_quote_mark(w: &str) -> bool {
    matches!(w, "\"" | "“" | "”" | "''" | "``" | "‘" | "’" | "'")
}

/// Whether the range lies in a quoted title-case phrase of two words or
/// more ("Miss Piggy", "Peace Through Strength"): a nickname, slogan or
/// title, whose capitals say nothing.
fn in_quoted_title(doc: &Doc, range: &Range<usize>, sentence: Range<usize>) -> bool {
    /// Past this a quoted run in capitals is prose in title case.
    const MAX_TITLE_WORDS: usize = 12;
    let word = |i: usize| doc.tokens[i].kind == TokenKind::Word;
    let mut start = range.start;
    while start > sentence.start && !is_quote_mark(doc.token_text(start - 1)) {
        start -= 1;
        if range.start - start > MAX_TITLE_WORDS {
            return false;
        }
    }
    let mut end = range.end;
    while end < sentence.end && !is_quote_mark(doc.token_text(end)) {
        end += 1;
        if end - range.end > MAX_TITLE_WORDS {
            return false;
        }
    }
    if start == sentence.start || end == sentence.end {
        return false;
    }
    let words: Vec<&str> = (start..end)
        .filter(|&i| word(i))
        .map(|i| doc.token_text(i))
        .collect();
    (2..=MAX_TITLE_WORDS).contains(&words.len()) && all_capitalised(&words)
}

/// Drops the names of subheads ([`is_subhead`]) that no other sentence
/// has: the capitals of a subhead say nothing.
fn keep_confirmed_subhead_names(doc: &Doc, tagged: Vec<Tagged>) -> Vec<Tagged> {
    let subhead: Vec<bool> = (0..doc.sentences.len())
        .map(|k| is_subhead(doc, k))
        .collect();
    let uncertain = |t: &Tagged| {
        let titled_work = t.1 == MISC && is_work_title(doc, &t.0);
        subhead[t.2]
            || (t.1 == PER
                && !titled_work
                && in_quoted_title(doc, &t.0, doc.sentences[t.2].tokens.clone()))
    };
    let text = |r: &Range<usize>| doc.slice(doc.token_range(r.clone()));
    let elsewhere: HashSet<&str> = tagged
        .iter()
        .filter(|t| !uncertain(t))
        .map(|t| text(&t.0))
        .collect();
    tagged
        .into_iter()
        .filter(|t| {
            !uncertain(t)
                || elsewhere.contains(text(&t.0))
                || gazetteer::place(text(&t.0)).is_some()
        })
        .collect()
}

/// Robert C. "Bobby" Scott: a name, a quoted capitalised word or two, and
/// the rest of the name become one person's range.
fn join_nicknames(doc: &Doc, tagged: Vec<Tagged>) -> Vec<Tagged> {
    let is_quote = |i: usize| is_quote_mark(doc.token_text(i));
    let mut out: Vec<Tagged> = Vec::with_capacity(tagged.len());
    let mut pending = tagged.into_iter().peekable();
    while let Some((range, tag, sentence)) = pending.next() {
        let end_of_sentence = doc.sentences[sentence].tokens.end;
        let open = range.end;
        let close = (open + 2..(open + 4).min(end_of_sentence)).find(|&k| is_quote(k));
        let joined = match close {
            Some(close)
                if tag == 1
                    && is_quote(open)
                    && (open + 1..close).all(|k| starts_upper(doc.token_text(k)))
                    && close + 1 < end_of_sentence
                    && starts_upper(doc.token_text(close + 1)) =>
            {
                // The nickname may be tagged on its own: it goes too.
                let mut end = close + 2;
                while let Some(next) = pending.next_if(|next| next.0.start <= close + 1) {
                    end = end.max(next.0.end);
                }
                Some(range.start..end)
            }
            _ => None,
        };
        out.push((joined.unwrap_or(range), tag, sentence));
    }
    out
}

/// The label each range text has most often in the article (ties to the
/// first seen).
fn usual_tags<'d>(doc: &'d Doc, tagged: &[Tagged]) -> rustc_hash::FxHashMap<&'d str, u8> {
    let mut counts: rustc_hash::FxHashMap<&str, LabelCounts> = Default::default();
    for (range, tag, _) in tagged {
        counts
            .entry(doc.slice(doc.token_range(range.clone())))
            .or_default()[usize::from(*tag).min(4)] += 1;
    }
    usual_labels(counts)
}

/// How often a form got each label type (index 1 PER … 4 MISC).
pub(super) type LabelCounts = [usize; 5];

/// The label each form gets most often; a tie goes to the lower label.
pub(super) fn usual_labels(
    counts: rustc_hash::FxHashMap<&str, LabelCounts>,
) -> rustc_hash::FxHashMap<&str, u8> {
    counts
        .into_iter()
        .map(|(text, c)| {
            let best = (1..5)
                .max_by_key(|&k| (c[k], std::cmp::Reverse(k)))
                .unwrap_or(usize::from(PER));
            (text, best as u8)
        })
        .collect()
}

/// Ends a range at a parenthesis or a party tag; none if nothing is left.
fn cut_at_tags(doc: &Doc, range: Range<usize>) -> Option<Range<usize>> {
    let end = range
        .clone()
        .find(|&i| {
            let w = doc.token_text(i);
            matches!(w, "(" | ")" | "[" | "]") || is_party_tag(w)
        })
        .unwrap_or(range.end);
    let r = range.start..end;
    (!r.is_empty()).then_some(r)
}

/// A MISC range ending in an adjective ("Islamic" alone, "Central
/// European") is no actor; a people's adjective in -an ("Christian",
/// "African American") stays, for it names the people.
fn is_bare_adjective(doc: &Doc, range: &Range<usize>, tag: u8) -> bool {
    tag == MISC
        && doc.tree().tag(range.end - 1) == "JJ"
        && !doc.token_text(range.end - 1).ends_with("an")
}

/// Splits a range at a lower-case word that cannot be part of a name, and
/// at "and" or "/" between two names.
fn split(doc: &Doc, range: Range<usize>) -> Vec<Range<usize>> {
    let whole_name = gazetteer::place(doc.slice(doc.token_range(range.clone()))).is_some()
        || has_body_of_phrase(doc, &range);
    let mut parts = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        let w = doc.token_text(i);
        let inside = i > range.start && i + 1 < range.end;
        // "Federal mine No. 2" is one name: a number's label follows.
        let numbered = i + 1 < range.end && doc.token_text(i + 1) == "No.";
        let breaks = (inside
            && is_lower_word(w)
            && !is_name_particle(w)
            && !numbered
            && doc.tokens[i].kind == TokenKind::Word)
            || (inside
                && !whole_name
                && matches!(w, "and" | "/")
                && starts_upper(doc.token_text(i + 1))
                && starts_upper(doc.token_text(i - 1)));
        if breaks {
            if i > start {
                parts.push(start..i);
            }
            start = i + 1;
        }
    }
    if range.end > start {
        parts.push(start..range.end);
    }
    parts
}

/// "Department of Health and Human Services", "Committee on Energy and
/// Commerce", "Securities and Exchange Commission": a body named for two
/// things keeps its "and" (after "of" / "on" / "for" following an
/// institution's head, or after one word that is not an acronym when an
/// institution's head ends the whole).
fn has_body_of_phrase(doc: &Doc, range: &Range<usize>) -> bool {
    let and = range.clone().find(|&i| doc.token_text(i) == "and");
    let Some(and) = and else {
        return false;
    };
    let heads = lexicon::words(List::InstitutionHeads);
    let first = doc.token_text(range.start);
    let one_plain_word = and == range.start + 1 && first.chars().any(char::is_lowercase);
    (one_plain_word && heads.contains(doc.token_text(range.end - 1)))
        || (range.start + 1..and).any(|k| {
            matches!(doc.token_text(k), "of" | "on" | "for")
                && heads.contains(doc.token_text(k - 1))
        })
}

/// Trims what cannot begin or end a name: lower-case words and
/// punctuation at either edge, and at a sentence start a conjunction,
/// preposition, adverb or interjection ("Although Trump", "With Trump").
fn trim(doc: &Doc, range: Range<usize>, sentence_start: usize) -> Option<Range<usize>> {
    let tree = doc.tree();
    let mut r = range;
    let punctuation = |i: usize| !matches!(doc.tokens[i].kind, TokenKind::Word | TokenKind::Number);
    while !r.is_empty() && {
        let w = doc.token_text(r.start);
        // A leading year or count modifies the name: "her 2006 Senate race".
        let number = doc.tokens[r.start].kind == TokenKind::Number;
        punctuation(r.start) || number || (is_lower_word(w) && !is_leading_particle(w))
    } {
        r.start += 1;
    }
    while !r.is_empty() && (punctuation(r.end - 1) || is_lower_word(doc.token_text(r.end - 1))) {
        r.end -= 1;
    }
    while r.len() > 1
        && opens_clause(doc, sentence_start, r.start)
        && matches!(tree.tag(r.start), "IN" | "CC" | "RB" | "UH" | "WRB" | "PRP")
    {
        r.start += 1;
    }
    (!r.is_empty()).then_some(r)
}

/// A one-word name at a sentence start that the article otherwise writes
/// in lower case and never capitalises mid-sentence ("Below", "Housing"),
/// or that the part-of-speech tagger takes for a common word ("Yeah").
fn is_common_word_at_start(
    doc: &Doc,
    evidence: &FormEvidence,
    range: &Range<usize>,
    sentence_start: usize,
) -> bool {
    if range.len() != 1 || !opens_clause(doc, sentence_start, range.start) {
        return false;
    }
    let w = doc.token_text(range.start);
    // The tagger reads the word in its context: an adjective, adverb,
    // verb, function word or interjection there is no name. (Not a
    // common noun: the tagger takes an unknown name at a sentence start
    // for one.)
    let tag = doc.tree().tag(range.start);
    if tag.starts_with("VB")
        || matches!(tag, "JJ" | "RB" | "UH" | "IN" | "CC" | "DT" | "MD" | "PRP")
    {
        return true;
    }
    !evidence.capitalised_inside.contains(w) && evidence.lower.contains(w.to_lowercase().as_str())
}

/// Whether `range` follows a work noun with its determiner ("her book,
/// …", "the film …") or "titled".
fn is_work_title(doc: &Doc, range: &Range<usize>) -> bool {
    let mut i = range.start;
    while i > 0
        && matches!(
            doc.token_text(i - 1),
            "," | "\"" | "“" | "‘" | "'" | "''" | "``" | ":"
        )
    {
        i -= 1;
    }
    if i == 0 || i + 3 < range.start {
        return false;
    }
    let noun = doc.token_lower(i - 1);
    if !lexicon::words(List::WorkNouns).contains(noun) {
        return false;
    }
    // "her book", "his 2002 book", "the new film".
    let determined = (i.saturating_sub(4)..i - 1).any(|k| {
        matches!(
            doc.token_lower(k),
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my"
        )
    });
    determined || matches!(noun, "titled" | "entitled")
}

/// Ranges after a work noun become the whole title-case run there, typed
/// MISC, and the ranges inside it go.
fn titles_of_works(doc: &Doc, tagged: Vec<Tagged>) -> Vec<Tagged> {
    let mut out: Vec<Tagged> = Vec::with_capacity(tagged.len());
    for (range, tag, sentence) in tagged {
        if out
            .last()
            .is_some_and(|(r, t, _)| *t == MISC && r.end >= range.end && r.start <= range.start)
        {
            continue;
        }
        if !is_work_title(doc, &range) {
            out.push((range, tag, sentence));
            continue;
        }
        let sentence_end = doc.sentences[sentence].tokens.end;
        let mut end = range.end;
        while end < sentence_end {
            let w = doc.token_text(end);
            let small = lexicon::words(List::TitleSmallWords).contains(w);
            let next_upper = end + 1 < sentence_end && starts_upper(doc.token_text(end + 1));
            if starts_upper(w) || (small && next_upper) {
                end += 1;
            } else {
                break;
            }
        }
        out.push((range.start..end, MISC, sentence));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::doc::{ActorKind, Doc};

    fn actors(text: &str) -> Doc {
        crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Entities)
    }

    fn names(doc: &Doc) -> Vec<(&str, ActorKind)> {
        doc.actors
            .iter()
            .map(|a| (a.name.as_str(), a.kind))
            .collect()
    }

    #[test]
    fn a_sentence_initial_surname_that_is_a_common_word_stays_a_name() {
        for text in [
            "Baker said on Monday that he would win.",
            "Cook told the council on Tuesday that the levy was fair.",
        ] {
            let doc = actors(text);
            assert_eq!(names(&doc).len(), 1, "{text}: {:?}", names(&doc));
            assert_eq!(doc.actors[0].kind, ActorKind::Person, "{text}");
        }
    }

    #[test]
    fn a_common_word_at_a_sentence_start_is_no_name() {
        let doc = actors(
            "Housing was the main issue. The mayor said housing costs had doubled. \
             Unhappy, the residents left.",
        );
        assert!(names(&doc).is_empty(), "{:?}", names(&doc));
        // Capitalised inside an institute's name or in the headline, the
        // word is still a common one.
        let doc = actors(
            "Housing Costs Soar\n\nHousing was the main issue. The housing crisis worried \
             the Marlow Institute for Housing Studies.",
        );
        let found = names(&doc);
        assert!(found.iter().all(|(n, _)| *n != "Housing"), "{found:?}");
    }

    #[test]
    fn conjunctions_split_two_names_but_not_one() {
        let doc = actors("The FBI and State Department declined to comment.");
        let found = names(&doc);
        assert!(
            found.contains(&("FBI", ActorKind::Organization)),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(n, _)| *n == "State Department"),
            "{found:?}"
        );
        let doc = actors("The Department of Health and Human Services issued a rule.");
        let found = names(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Department of Health and Human Services");
    }

    #[test]
    fn middle_initials_and_nicknames_stay_in_the_name() {
        let doc = actors("Deputy Director Samuel K. Oduya spoke first. Oduya was brief.");
        let found = names(&doc);
        assert_eq!(found, [("Samuel K. Oduya", ActorKind::Person)], "{found:?}");
        let doc = actors("Rep. Thomas J. \"Tommy\" Reyes threw a picnic. Reyes said it rained.");
        let found = names(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].0.contains("Reyes") && found[0].0.starts_with("Thomas"),
            "{found:?}"
        );
    }

    #[test]
    fn party_tags_are_not_names() {
        let doc = actors(
            "Sen. Dana Holt (D-Ore.) said the bill would pass. Rep. Ray Moss (R-Ky.) agreed.",
        );
        let found = names(&doc);
        assert_eq!(
            found,
            [
                ("Dana Holt", ActorKind::Person),
                ("Ray Moss", ActorKind::Person)
            ],
            "{found:?}"
        );
    }

    #[test]
    fn foundations_and_campaigns_are_organisations_apart_from_the_person() {
        let doc = actors(
            "Maria Duarte founded a charity. The Duarte Foundation paid for the school. \
             Duarte said the Duarte campaign would pay it back.",
        );
        let person = doc
            .actors
            .iter()
            .find(|a| a.name == "Maria Duarte")
            .unwrap();
        assert_eq!(person.kind, ActorKind::Person);
        let foundation = doc
            .actors
            .iter()
            .find(|a| a.name == "Duarte Foundation")
            .unwrap();
        assert_eq!(foundation.kind, ActorKind::Organization);
        assert_eq!(foundation.mentions.len(), 1);
        assert_eq!(person.mentions.len(), 2, "{:?}", names(&doc));
    }

    #[test]
    fn titles_of_works_are_other() {
        let doc = actors("Her book, Take Back the River, sold well in Ohio.");
        let found = names(&doc);
        assert!(
            found.contains(&("Take Back the River", ActorKind::Other)),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, k)| *k == ActorKind::Person),
            "{found:?}"
        );
    }

    #[test]
    fn modifiers_are_not_names() {
        let doc = actors("The pro-Russian rebels met Lisbon-based bankers.");
        assert!(names(&doc).is_empty(), "{:?}", names(&doc));
    }

    #[test]
    fn subhead_names_need_the_body() {
        let doc = actors(
            "The council met on Monday and voted.\n\nAll Bets Are Off Now\n\nThe vote was close.",
        );
        assert!(names(&doc).is_empty(), "{:?}", names(&doc));
        // A subhead with a period, and one whose name the body confirms.
        let doc = actors(
            "On Monday the mayor, Dana Whitcombe, spoke to the council about the budget.\n\nA Knack for Bargains.\n\n\
             Whitcombe Holds the Line.\n\nShe voted no.",
        );
        assert_eq!(
            names(&doc),
            [("Dana Whitcombe", ActorKind::Person)],
            "{:?}",
            names(&doc)
        );
    }

    #[test]
    fn a_quoted_nickname_in_capitals_is_no_person() {
        let doc = actors(
            "The senator called his rival \"Miss Dumpling\" at a rally. Sen. Oren Falk said \
             he regretted nothing.",
        );
        let found = names(&doc);
        assert!(
            found.iter().all(|(n, _)| !n.contains("Dumpling")),
            "{found:?}"
        );
        assert!(
            found.contains(&("Oren Falk", ActorKind::Person)),
            "{found:?}"
        );
    }

    #[test]
    fn days_and_leading_years_are_not_names() {
        let doc = actors(
            "Voters lined up on Election Day in Ohio. She lost her 2010 Senate race to \
             Carl Brandt.",
        );
        let found = names(&doc);
        assert!(
            found.iter().all(|(n, _)| !n.contains("Election")),
            "{found:?}"
        );
        assert!(found.iter().all(|(n, _)| !n.contains("2010")), "{found:?}");
        assert!(
            found.contains(&("Carl Brandt", ActorKind::Person)),
            "{found:?}"
        );
    }

    #[test]
    fn helpers() {
        assert!(super::is_party_tag("R-Wis."));
        assert!(super::is_party_tag("D-N.Y."));
        assert!(!super::is_party_tag("Rio"));
        assert!(super::is_modifier("pro-Russian", "pro-Russian"));
        assert!(super::is_modifier("Brussels-based", "Brussels-based"));
        assert!(!super::is_modifier("al-Qaeda", "al-Qaeda"));
        assert!(!super::is_modifier("Wilkes-Barre", "Wilkes-Barre"));
    }
}
