//! Stances: where each actor stands, toward another actor or a topic, with
//! the claims and sentences that show it.
//!
//! Two kinds of evidence, both read off the document the earlier stages
//! built (actors, claims):
//!
//! - **Attitude frames.** An attitude verb or noun ("thanked", "criticized",
//!   "agreed to", "X's aspirations to") gives its holder's polarity toward
//!   its object. The holder is the claim's speaker when the word is a cue,
//!   else the clause's subject (or a relative clause's antecedent, or the
//!   possessor of a noun); the target is the actor the object starts with,
//!   else the object phrase as a topic. Only the attitude word counts:
//!   "thanked the governor for ending the strike" supports the governor,
//!   whatever "strike" means on its own.
//! - **What a claim says about its subject.** For a claim whose cue is no
//!   attitude word, the content's subject ("the ferry timetable") is the
//!   target and the words of its predicate ("was unworkable") give the
//!   polarity, with negation, contrast, intensifiers and hedges; words of
//!   guarded positions ("remained unclear") make it neutral.
//!
//! Word valences come from the VADER lexicon (MIT) and a short list of news
//! words it lacks; attitude words are a list written for brief (see
//! `data/README.md`). Observations are then merged per holder and target.
//!
//! Layout: the context, merging and the stage's constants here; lexicon
//! look-ups in `words`, attitude frames in `frames`, what a claim judges in
//! `evaluation`.

use crate::doc::{Doc, Stance, StanceTarget, TokenKind};
use crate::entities::linking::is_title_word;
use crate::lexicon::{self, List, Table};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;

mod evaluation;
mod frames;
mod words;

use evaluation::claim_evaluation;
use frames::{good_topic, noun_frame, verb_frame};
use words::{attitude, valence, PartOfSpeech};

// The stage's numbers, in one place. Two kinds: VADER's published
// constants (C.J. Hutto and E. Gilbert, "VADER: A Parsimonious Rule-based
// Model for Sentiment Analysis of Social Media Text", ICWSM 2014; the
// values of its reference implementation, vaderSentiment 3.3.2), used where
// its formula is; and brief's own, marked so: chosen by hand when the rules
// were written (no measurement of them is recorded, and none was fitted to
// PolNeAR), and pinned by the snapshot tests of the fixtures.

/// How many words a judged predicate may have (brief's).
const MAX_PREDICATE: usize = 8;
/// How many tokens a topic phrase may hold: longer objects are cut (brief's).
const MAX_TOPIC: usize = 12;
/// One attitude word's strength on the -1..1 scale (brief's): above
/// [`POLAR`] alone, so one clear attitude word makes a position.
const FRAME_STRENGTH: f32 = 0.6;
/// How many words before a word a negation or hedge may stand: VADER looks
/// three words back for negations.
const LOOKBACK: usize = 3;
/// A negated attitude word ("did not thank") keeps half its strength,
/// turned (brief's: a denial of support is weaker than opposition).
const FRAME_NEGATION: f32 = -0.5;
/// A hedged attitude word ("might support") keeps 60% (brief's).
const FRAME_HEDGE: f32 = 0.6;
/// VADER's negation scalar (`N_SCALAR`): a negated valence turns and
/// shrinks.
const VADER_NEGATION: f32 = -0.74;
/// An intensifier ("very unrealistic") strengthens a valence by 30%
/// (brief's; VADER adds a fixed 0.293 instead, which this scale predates).
const INTENSIFIER: f32 = 1.3;
/// Before a contrast ("…, but …") a valence counts half: VADER's weight
/// for words before "but" (it also raises those after by 1.5; brief does
/// not).
const BEFORE_CONTRAST: f32 = 0.5;
/// A hedged predicate keeps 70% of its valence (brief's).
const PREDICATE_HEDGE: f32 = 0.7;
/// VADER's normalisation constant (`alpha`): a sum of valences `x` becomes
/// `x / sqrt(x² + 15)`, in -1..1.
const VADER_ALPHA: f32 = 15.0;
/// How far after a content's subject its copula may stand (tokens; brief's).
const COPULA_REACH: usize = 10;
/// Topic words are compared by their first five letters ("sanction",
/// "sanctions"), and only words longer than three letters count (brief's
/// crude stemming: a stemmer would cost more than topics need).
const TOPIC_STEM: usize = 5;
const TOPIC_MIN_WORD: usize = 3;
/// A topic needs a content word of at least four letters ("war", "it" name
/// no topic on their own; brief's).
const TOPIC_CONTENT_WORD: usize = 4;
/// A quoted topic longer than six tokens is a statement, not a name ("a
/// “reset” policy"; brief's).
const MAX_QUOTED_TOPIC: usize = 6;
/// Words of an expression verb are shorter than 14 letters: the stems
/// match as prefixes, and a longer word ("expressionistic") is something
/// else (brief's).
const MAX_EXPRESSION_VERB: usize = 14;
/// How far back a relative pronoun looks for its antecedent mention, and
/// how far past "and" a second subject may start ("she and Finnish Trade
/// Minister Aino Laine"), in tokens (brief's: a noun phrase).
const PHRASE_REACH: usize = 6;
/// |score| from which a position counts as support or opposition (brief's;
/// VADER calls a compound score of ±0.05 polar, but a stance here is one
/// merged score, and `FRAME_STRENGTH` or one strong valence should clear it
/// while a faint, hedged one should not).
pub const POLAR: f32 = 0.2;

/// One piece of evidence before merging.
#[derive(Clone, Debug)]
struct Observation {
    holder: usize,
    target: StanceTarget,
    score: f32,
    guarded: bool,
    claim: Option<usize>,
    sentence: usize,
}

/// What the rules need to know about each token.
struct Context<'a> {
    doc: &'a Doc,
    mention_at: &'a [Option<usize>],
    cue_claim: Vec<Option<usize>>,
    content_claim: Vec<Option<usize>>,
    quoted: &'a [bool],
    token_sentence: &'a [usize],
}

impl<'a> Context<'a> {
    fn new(doc: &'a Doc) -> Context<'a> {
        let n = doc.tokens.len();
        let mut cue_claim = vec![None; n];
        let mut content_claim = vec![None; n];
        for (k, c) in doc.claims.iter().enumerate() {
            for i in c.cue.iter().flat_map(|r| r.clone()) {
                cue_claim[i] = Some(k);
            }
            for i in c.content.iter().flat_map(|r| r.clone()) {
                content_claim[i].get_or_insert(k);
            }
        }
        Context {
            doc,
            mention_at: doc.mention_at(),
            cue_claim,
            content_claim,
            quoted: doc.quoted(),
            token_sentence: doc.sentence_of(),
        }
    }

    fn word(&self, i: usize) -> &'a str {
        self.doc.token_lower(i)
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
    }

    fn possessive_at(&self, i: usize) -> bool {
        i < self.doc.tokens.len() && matches!(self.word(i), "'s" | "’s" | "'" | "’")
    }

    fn sentence_range(&self, i: usize) -> Range<usize> {
        self.doc.sentences[self.token_sentence[i]].tokens.clone()
    }

    /// The actor a mention starting at or just after `i` names, with the
    /// mention's end, when it is not a possessor ("Nordport's harbour plan"
    /// is about the plan).
    fn actor_at(&self, i: usize, limit: usize) -> Option<(usize, usize)> {
        let mut i = i;
        if i < limit && lexicon::words(List::Determiners).contains(self.word(i)) {
            i += 1;
        }
        while i < limit && is_title_word(self.doc.token_text(i)) && self.mention_at[i].is_none() {
            i += 1;
        }
        let m = &self.doc.mentions[self.mention_at.get(i).copied().flatten()?];
        if m.tokens.start != i || self.possessive_at(m.tokens.end) {
            return None;
        }
        Some((m.actor, m.tokens.end))
    }

    fn negated_before(&self, t: usize, floor: usize) -> bool {
        (floor.max(t.saturating_sub(LOOKBACK))..t)
            .any(|i| lexicon::words(List::StanceNegations).contains(self.word(i)))
    }
}

/// Finds the stances of `doc` (after actors and claims).
pub fn extract(doc: &Doc) -> Vec<Stance> {
    let cx = Context::new(doc);
    let mut found = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        for t in sentence.tokens.clone() {
            if !cx.is_word(t) || cx.quoted[t] {
                continue;
            }
            let Some((polarity, pos)) = attitude(cx.word(t)) else {
                continue;
            };
            if polarity == 0 {
                continue;
            }
            let noun_use = t > sentence.tokens.start
                && (cx.possessive_at(t - 1)
                    || matches!(
                        cx.word(t - 1),
                        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my"
                    ));
            if pos == PartOfSpeech::Noun || noun_use {
                noun_frame(&cx, s, t, polarity, &mut found);
            } else if !doc.token_text(t).starts_with(char::is_uppercase)
                || t == sentence.tokens.start
            {
                verb_frame(&cx, s, t, polarity, &mut found);
            }
        }
    }
    found.extend((0..doc.claims.len()).filter_map(|k| claim_evaluation(&cx, k)));
    merge(&cx, found)
}

/// A topic's content words, for telling whether two topics are one.
fn topic_key(cx: &Context, r: &Range<usize>) -> Vec<String> {
    let mut key: Vec<String> = r
        .clone()
        .filter(|&i| {
            cx.is_word(i)
                && cx.word(i).len() > TOPIC_MIN_WORD
                && !lexicon::words(List::Determiners).contains(cx.word(i))
        })
        .map(|i| cx.word(i).chars().take(TOPIC_STEM).collect())
        .collect();
    key.sort();
    key.dedup();
    key
}

fn same_target(cx: &Context, a: &StanceTarget, b: &StanceTarget) -> bool {
    match (a, b) {
        (StanceTarget::Actor(x), StanceTarget::Actor(y)) => x == y,
        (StanceTarget::Topic(x), StanceTarget::Topic(y)) => {
            let (kx, ky) = (topic_key(cx, x), topic_key(cx, y));
            let shared = kx.iter().filter(|w| ky.contains(w)).count();
            // One topic when they share half the words of the shorter.
            shared * 2 >= kx.len().min(ky.len()).max(1)
        }
        _ => false,
    }
}

/// One stance per holder and target, with the mean score and all evidence;
/// ordered by holder, then by strength.
fn merge(cx: &Context, found: Vec<Observation>) -> Vec<Stance> {
    let mut stances: Vec<(Stance, usize)> = Vec::new();
    for o in found {
        if o.target == StanceTarget::Actor(o.holder) {
            continue;
        }
        let existing = stances
            .iter_mut()
            .find(|(s, _)| s.holder == o.holder && same_target(cx, &s.target, &o.target));
        match existing {
            Some((s, n)) => {
                s.score = (s.score * *n as f32 + o.score) / (*n + 1) as f32;
                *n += 1;
                s.guarded &= o.guarded;
                s.claims.extend(o.claim);
                if o.claim.is_none() {
                    s.sentences.push(o.sentence);
                }
            }
            None => stances.push((
                Stance {
                    holder: o.holder,
                    target: o.target,
                    score: o.score,
                    guarded: o.guarded,
                    claims: o.claim.into_iter().collect(),
                    sentences: if o.claim.is_none() {
                        vec![o.sentence]
                    } else {
                        Vec::new()
                    },
                },
                1,
            )),
        }
    }
    let mut out: Vec<Stance> = stances.into_iter().map(|(s, _)| s).collect();
    for s in &mut out {
        s.claims.sort_unstable();
        s.claims.dedup();
        s.sentences.sort_unstable();
        s.sentences.dedup();
        s.score = s.score.clamp(-1.0, 1.0);
    }
    out.sort_by(|a, b| {
        a.holder
            .cmp(&b.holder)
            .then(b.score.abs().total_cmp(&a.score.abs()))
    });
    out
}

#[cfg(test)]
mod tests;
