//! Attribution cues: which words report speech, writing or belief, and
//! which of them head a cue in this document. The stage between entities
//! and quotes: both quotes and claims read its decisions, and nothing here
//! reads theirs.
//!
//! Two sources decide a cue head: the learned detector
//! ([`model`]), which judges a word in context, and the
//! plain verbs of saying, which report whatever their context. The
//! lexicon (`data/cues.tsv`, measured on PolNeAR train by
//! `scripts/measure_cues.py`) says which words *can* be cues.
//!
//! Assumes a segmented document with its actor mentions linked (the
//! detector's features read them).

pub mod model;

use crate::doc::{Doc, TokenKind};
use crate::lexicon::{self, List, Table};
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The cue heads of `doc`: those the pipeline stored ([`decide`] at the
/// cue stage), or decided now for a document that skipped that stage.
pub fn heads(doc: &Doc) -> Cow<'_, [bool]> {
    if doc.cue_heads.len() == doc.tokens.len() {
        Cow::Borrowed(&doc.cue_heads)
    } else {
        Cow::Owned(decide(doc))
    }
}

/// The measured cue lexicon as compiled in (the cue model fingerprints it).
pub const CUES_TSV: &str = Table::Cues.text();

/// The measured cues that are not function words, and the cues added by
/// hand: one set, so that a word costs one look-up.
static CUES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    lexicon::table(Table::Cues)
        .iter()
        .map(|row| row[0])
        .filter(|w| !lexicon::words(List::FunctionWords).contains(w))
        .chain(lexicon::words(List::ExtraCues).iter())
        .collect()
});

/// Whether `word` reports speech, writing or belief.
pub fn is_cue(word: &str) -> bool {
    if !word.starts_with(char::is_alphabetic) {
        return false;
    }
    let known = |w: &str| CUES.contains(w);
    // Most words are plain lower-case ASCII: no copy for those.
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'\'' || b == b'-')
    {
        return known(word);
    }
    known(&word.to_lowercase().replace('’', "'"))
}

/// Which words head a cue outside quotations: the learned detector's
/// choice ([`model`]), backed by the plain verbs of saying, which report
/// whatever their context (the detector can miss them in contexts it never
/// saw); after an infinitive's "to" ("went on to say") the verb before
/// heads the cue.
pub fn decide(doc: &Doc) -> Vec<bool> {
    let mut cue_heads = model::detect(doc);
    let inside = doc.quoted();
    for k in 0..doc.tokens.len() {
        let w = doc.token_text(k);
        if inside[k] || !(is_plain_saying(w) || matches!(w, "say" | "add")) {
            continue;
        }
        if k > 0 && doc.token_text(k - 1) == "to" {
            if let Some(start) = infinitive_cue_start(doc, k) {
                cue_heads[start] = true;
            }
        } else if is_plain_saying(w) {
            cue_heads[k] = true;
        }
    }
    cue_heads
}

/// Where the cue phrase that `k` heads ends (exclusive): after a verb of
/// saying reached through "to" ("went on to say", "declined to say", "was
/// quick to add") or a gerund after "by" ("responded by praising"), else
/// right after `k`.
pub fn cue_extent(doc: &Doc, k: usize, limit: usize) -> usize {
    // "responded by praising the mayor": the gerund carries the attitude.
    if k + 2 < limit
        && doc.token_text(k + 1) == "by"
        && doc.tokens[k + 2].kind == TokenKind::Word
        && doc.token_text(k + 2).ends_with("ing")
    {
        return k + 3;
    }
    let mut saw_to = false;
    for i in k + 1..(k + 5).min(limit) {
        if doc.tokens[i].kind != TokenKind::Word {
            break;
        }
        let w = doc.token_text(i);
        if saw_to && (is_speech_verb(w) || matches!(w, "say" | "tell" | "add" | "ask" | "note")) {
            return i + 1;
        }
        saw_to |= w == "to";
    }
    k + 1
}

/// For "say" after "to" at `k`: the verb that heads the cue phrase ("went"
/// in "went on to say", "declined" in "declined to say"), if the words
/// between are a particle at most.
fn infinitive_cue_start(doc: &Doc, k: usize) -> Option<usize> {
    let to = k.checked_sub(1)?;
    let mut verb = to.checked_sub(1)?;
    if matches!(doc.token_text(verb), "on" | "quick" | "ready" | "willing") && verb > 0 {
        verb -= 1;
    }
    let w = doc.token_text(verb);
    let is_verb_like = doc.tokens[verb].kind == TokenKind::Word
        && w.chars().all(|c| c.is_lowercase())
        && !is_verb_helper(w)
        && !matches!(
            w,
            "able" | "want" | "wants" | "wanted" | "going" | "have" | "has" | "had"
        );
    is_verb_like.then_some(verb)
}

/// The verbs that report speech in any context.
fn is_plain_saying(word: &str) -> bool {
    matches!(
        word,
        "said" | "says" | "told" | "tells" | "added" | "adds" | "stated" | "wrote" | "writes"
    )
}

/// Verbs of saying that take a bare clause ("said the plan failed").
pub fn is_speech_verb(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "said"
            | "says"
            | "say"
            | "saying"
            | "added"
            | "adds"
            | "noted"
            | "notes"
            | "argued"
            | "argues"
            | "claimed"
            | "claims"
            | "insisted"
            | "insists"
            | "warned"
            | "warns"
            | "believes"
            | "believe"
            | "believed"
            | "thinks"
            | "think"
            | "thought"
            | "wrote"
            | "writes"
            | "stressed"
            | "acknowledged"
            | "acknowledges"
            | "suggested"
            | "suggests"
            | "predicted"
            | "predicts"
            | "contended"
            | "contends"
            | "maintained"
            | "maintains"
            | "explained"
            | "explains"
            | "estimated"
            | "estimates"
            | "argue"
            | "claim"
            | "insist"
            | "warn"
            | "suspect"
            | "suspected"
            | "fear"
            | "feared"
            | "fears"
            | "hope"
            | "hoped"
            | "hopes"
            | "expect"
            | "expects"
            | "expected"
            | "announced"
            | "announces"
            | "reported"
            | "reports"
            | "conceded"
            | "concedes"
            | "admitted"
            | "admits"
            | "agreed"
            | "agree"
            | "agrees"
            | "recalled"
            | "recalls"
    )
}

/// Auxiliaries, negation and adverbs that stand between a source and its
/// cue.
pub fn is_verb_helper(word: &str) -> bool {
    let w = word.to_lowercase();
    matches!(
        w.as_str(),
        "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "did"
            | "does"
            | "do"
            | "not"
            | "n't"
            | "n’t"
            | "never"
            | "also"
            | "again"
            | "then"
            | "still"
            | "just"
            | "even"
            | "once"
            | "further"
            | "often"
            | "later"
            | "first"
            | "has been"
            | "been"
            | "now"
            | "soon"
    ) || (w.len() > 4
        && w.ends_with("ly")
        && !matches!(w.as_str(), "only" | "family" | "italy" | "ally"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Entities)
    }

    fn at(doc: &Doc, word: &str) -> usize {
        (0..doc.tokens.len())
            .find(|&k| doc.token_text(k) == word)
            .unwrap()
    }

    /// The cue phrase headed at `head`, as text.
    fn phrase(doc: &Doc, head: &str) -> String {
        let k = at(doc, head);
        let end = cue_extent(doc, k, doc.tokens.len());
        doc.slice(doc.token_range(k..end)).to_string()
    }

    #[test]
    fn say_after_to_is_headed_by_the_verb_before() {
        let d = doc("The harbour master declined to say whether the pier would close.");
        let heads = decide(&d);
        assert!(heads[at(&d, "declined")]);
        assert!(!heads[at(&d, "say")]);
        // A particle between verb and "to" is skipped, not made the head.
        let d = doc("Okafor went on to say that the strike could last for weeks.");
        let heads = decide(&d);
        assert!(heads[at(&d, "went")]);
        assert!(!heads[at(&d, "on")]);
    }

    #[test]
    fn cue_phrase_runs_through_to_say_or_a_gerund_after_by() {
        let d = doc("Okafor went on to say that the strike could last for weeks.");
        assert_eq!(phrase(&d, "went"), "went on to say");
        let d = doc("Nordport Shipping responded by praising Mayor Lena Fox for her candour.");
        assert_eq!(phrase(&d, "responded"), "responded by praising");
        let d = doc("Nordport Shipping responded to the mayor on Friday.");
        assert_eq!(phrase(&d, "responded"), "responded");
    }
}
