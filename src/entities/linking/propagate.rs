//! Name propagation: a name the tagger found in one place of an article is
//! the same name where the tagger missed it. The tagger reads a window of
//! words, and a capital at a sentence start ("Trump tweeted that …") or a
//! name beside an unusual verb gives it little to go on; the article as a
//! whole does. A form found as a name (and a person's surname) is added
//! wherever it stands capitalised and untagged, unless it is part of a
//! longer capitalised run the tagger left alone ("Trump Tower" untagged
//! stays untagged) or is a common word of the article the part-of-speech
//! tagger does not take for a proper noun there ("Price rose" where "price"
//! is also written in lower case). Parties and faiths in the plural
//! (`data/lexicon/group_words.txt`: "Democrats") count as found in every
//! article.
//!
//! Assumes the ranges are cleaned ([`super::hygiene::clean`]), in text
//! order and within one sentence each, and that the syntax stage has run.

use super::hygiene::{usual_labels, LabelCounts, Tagged, MISC, PER};
use crate::doc::{Doc, TokenKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Names run a few words; a longer form is rare enough to match only where
/// the tagger found it.
const MAX_FORM_TOKENS: usize = 4;

/// Adds a range for each capitalised, untagged occurrence of a form the
/// tagger found elsewhere; returns all ranges in text order.
pub(super) fn propagate(doc: &Doc, tagged: Vec<Tagged>) -> Vec<Tagged> {
    let forms = found_forms(doc, &tagged);
    if forms.is_empty() {
        return tagged;
    }
    let mut covered = vec![false; doc.tokens.len()];
    for (range, ..) in &tagged {
        covered[range.clone()].iter_mut().for_each(|c| *c = true);
    }
    let lower: HashSet<&str> = (0..doc.tokens.len())
        .map(|i| doc.token_text(i))
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect();
    let tree = doc.tree();
    let capitalised_word = |i: usize| {
        doc.tokens[i].kind == TokenKind::Word && doc.token_text(i).starts_with(char::is_uppercase)
    };
    let mut added: Vec<Tagged> = Vec::new();
    for (k, s) in doc.sentences.iter().enumerate() {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            if covered[i] || !capitalised_word(i) {
                i += 1;
                continue;
            }
            // An untagged capitalised word before this one (not a title or
            // honorific, not the sentence's first word) makes it part of a
            // longer name the tagger did not take.
            let after_capital = i > s.tokens.start
                && capitalised_word(i - 1)
                && !covered[i - 1]
                && !super::is_title_word(doc.token_text(i - 1).trim_end_matches('.'));
            let longest = (1..=MAX_FORM_TOKENS.min(s.tokens.end - i))
                .rev()
                .find_map(|len| {
                    let range = i..i + len;
                    if range.clone().any(|t| covered[t]) {
                        return None;
                    }
                    let text = doc.slice(doc.token_range(range.clone()));
                    forms.get(text).map(|&tag| (range, tag))
                });
            let Some((range, tag)) = longest.filter(|_| !after_capital) else {
                i += 1;
                continue;
            };
            let next_capital =
                range.end < s.tokens.end && capitalised_word(range.end) && !covered[range.end];
            let common_word = range.len() == 1
                && lower.contains(doc.token_text(i).to_lowercase().as_str())
                && !tree.tag(i).starts_with("NNP");
            if !next_capital && !common_word {
                i = range.end;
                added.push((range, tag, k));
            } else {
                i += 1;
            }
        }
    }
    if added.is_empty() {
        return tagged;
    }
    let mut all = tagged;
    all.extend(added);
    all.sort_by_key(|t| (t.0.start, t.0.end));
    all
}

/// The forms the tagger found as names, with the label each usually gets
/// (a tie goes to the lower label), and the surnames of persons' full names.
fn found_forms<'d>(doc: &'d Doc, tagged: &[Tagged]) -> HashMap<&'d str, u8> {
    let mut counts: HashMap<&str, LabelCounts> = HashMap::default();
    for (range, tag, _) in tagged {
        // MISC forms (peoples, adjectives, events) are not propagated:
        // "American" alone is more often an adjective.
        if *tag == MISC || range.len() > MAX_FORM_TOKENS {
            continue;
        }
        counts
            .entry(doc.slice(doc.token_range(range.clone())))
            .or_default()[usize::from(*tag).min(4)] += 1;
        // "Hillary Clinton" makes "Clinton" a name (an initial or a
        // particle is not one).
        let last = range.end - 1;
        if *tag == PER && range.len() > 1 && doc.token_text(last).chars().count() > 2 {
            counts.entry(doc.token_text(last)).or_default()[usize::from(PER)] += 1;
        }
    }
    let mut forms = usual_labels(counts);
    // A party or faith in the plural ("Democrats", "Muslims") is a group
    // wherever it stands, tagged or not; the singulars are more often
    // adjectives ("the Republican nominee").
    for group in crate::lexicon::words(crate::lexicon::List::GroupWords).iter() {
        if group.ends_with('s') || group == "Taliban" {
            forms.entry(group).or_insert(MISC);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use crate::doc::{ActorKind, Doc};

    fn actors(text: &str) -> Doc {
        crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Entities)
    }

    fn mentions_of(doc: &Doc, name: &str) -> usize {
        doc.actors
            .iter()
            .find(|a| a.name == name)
            .map_or(0, |a| a.mentions.len())
    }

    #[test]
    fn a_name_found_once_is_found_where_the_tagger_missed_it() {
        let doc = actors(
            "The rally was held on Monday, and Vance Okafor spoke in Ohio for an hour.\n\n\
             Okafor tweeted that the polls were rigged. Okafor says the vote is unfair.",
        );
        assert_eq!(mentions_of(&doc, "Vance Okafor"), 3, "{:?}", doc.actors);
        assert!(doc.actors.iter().all(|a| a.kind != ActorKind::Other));
    }

    #[test]
    fn a_longer_untagged_name_and_a_common_word_are_left_alone() {
        let doc = actors(
            "Senator Ellen Price spoke on Monday. The price of fuel rose. \
             Price rises hurt farmers.",
        );
        assert_eq!(mentions_of(&doc, "Ellen Price"), 1, "{:?}", doc.actors);
    }
}
