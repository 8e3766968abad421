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
//!   "thanked Trump for his attempts to end the war" supports Trump, whatever
//!   "war" means on its own.
//! - **What a claim says about its subject.** For a claim whose cue is no
//!   attitude word, the content's subject ("Ukraine's aspirations to join
//!   NATO") is the target and the words of its predicate ("were
//!   unrealistic") give the polarity, with negation, contrast, intensifiers
//!   and hedges; words of guarded positions ("remained uncertain") make it
//!   neutral.
//!
//! Word valences come from the VADER lexicon (MIT) and a short list of news
//! words it lacks; attitude words are a list written for brief (see
//! `data/README.md`). Observations are then merged per holder and target.

use crate::doc::{Doc, Stance, StanceTarget, TokenKind};
use crate::entities::linking::is_title_word;
use crate::lexicon::{self, List, Table};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PartOfSpeech {
    Verb,
    Noun,
    Adjective,
}

struct Lexicon {
    attitudes: HashMap<String, (i8, PartOfSpeech)>,
    valence: HashMap<&'static str, f32>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut attitudes = HashMap::default();
    for cols in lexicon::table(Table::Attitudes).iter() {
        if let [word, polarity, pos, ..] = *cols {
            let pos = match pos {
                "verb" => PartOfSpeech::Verb,
                "noun" => PartOfSpeech::Noun,
                _ => PartOfSpeech::Adjective,
            };
            let polarity = polarity.parse().unwrap_or(0);
            // A word that is both ("hope", "support") is listed as a verb
            // first; the noun reading is found from its context.
            for form in inflections(word) {
                attitudes.entry(form).or_insert((polarity, pos));
            }
        }
    }
    let mut valence = HashMap::default();
    // The words VADER lacks first: a word in both keeps brief's valence.
    for t in [Table::Evaluative, Table::Sentiment] {
        for cols in lexicon::table(t).iter() {
            if let [word, v, ..] = *cols {
                if let Ok(v) = v.parse::<f32>() {
                    valence.entry(word).or_insert(v);
                }
            }
        }
    }
    Lexicon { attitudes, valence }
});

/// The attitude entry of a word in any inflection ("thanked", "thanking",
/// "slammed", "criticizes", "aspirations"): one lookup in a table of all
/// forms, made once.
fn attitude(lower: &str) -> Option<(i8, PartOfSpeech)> {
    LEXICON.attitudes.get(lower).copied()
}

/// The inflected forms of an attitude lemma: -s/-es, -ed/-d, -ing, with
/// y -> ies/ied, a dropped final e, and a doubled final consonant ("slam",
/// "slammed").
fn inflections(lemma: &str) -> Vec<String> {
    let mut forms = vec![lemma.to_string()];
    // "agree" keeps its e in "agreeing"; "urge" drops it in "urging".
    let stem_e = lemma.strip_suffix('e').filter(|stem| !stem.ends_with('e'));
    if let Some(stem) = lemma.strip_suffix('y') {
        forms.extend([format!("{stem}ies"), format!("{stem}ied")]);
    } else if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") {
        forms.push(format!("{lemma}es"));
    } else {
        forms.push(format!("{lemma}s"));
    }
    match stem_e {
        Some(stem) => forms.extend([format!("{lemma}d"), format!("{stem}ing")]),
        None if lemma.ends_with('e') => forms.extend([format!("{lemma}d"), format!("{lemma}ing")]),
        None => forms.extend([format!("{lemma}ed"), format!("{lemma}ing")]),
    }
    let bytes = lemma.as_bytes();
    let n = bytes.len();
    let consonant = |b: u8| !b"aeiouwxy".contains(&b);
    if n >= 3 && consonant(bytes[n - 1]) && !consonant(bytes[n - 2]) && consonant(bytes[n - 3]) {
        let last = bytes[n - 1] as char;
        forms.extend([format!("{lemma}{last}ed"), format!("{lemma}{last}ing")]);
    }
    forms
}

fn valence(lower: &str) -> Option<f32> {
    LEXICON.valence.get(lower).copied()
}

/// How many words a judged predicate may have.
const MAX_PREDICATE: usize = 8;
/// How many tokens a topic phrase may hold: longer objects are cut.
const MAX_TOPIC: usize = 12;
/// One attitude word's strength on the -1..1 scale.
const FRAME_STRENGTH: f32 = 0.6;
/// |score| from which a position counts as support or opposition.
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
    mention_at: Vec<Option<usize>>,
    cue_claim: Vec<Option<usize>>,
    content_claim: Vec<Option<usize>>,
    quoted: Vec<bool>,
    token_sentence: Vec<usize>,
}

impl<'a> Context<'a> {
    fn new(doc: &'a Doc) -> Context<'a> {
        let n = doc.tokens.len();
        let mut mention_at = vec![None; n];
        for (k, m) in doc.mentions.iter().enumerate() {
            for i in m.tokens.clone() {
                mention_at[i] = Some(k);
            }
        }
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
            mention_at,
            cue_claim,
            content_claim,
            quoted: doc.inside_quotes(),
            token_sentence: doc.token_sentences(),
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
    /// mention's end, when it is not a possessor ("Ukraine's participation"
    /// is about participation).
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
        (floor.max(t.saturating_sub(3))..t)
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

/// "X thanked Y for …", "X agreed to start negotiating", "the policy,
/// which demanded that …".
fn verb_frame(cx: &Context, s: usize, t: usize, polarity: i8, out: &mut Vec<Observation>) {
    let sentence = cx.sentence_range(t);
    // "was criticized by X": the agent holds the attitude, toward the
    // subject; without an agent the holder is unknown.
    let passive = t > sentence.start
        && cx.word(t).ends_with("ed")
        && matches!(
            cx.word(t - 1),
            "was" | "were" | "is" | "are" | "been" | "be" | "being"
        );
    if passive {
        passive_frame(cx, s, t, polarity, sentence, out);
        return;
    }
    let holders = holders_of(cx, t, sentence.clone());
    if holders.is_empty() {
        return;
    }
    let Some(target) = object_of(cx, t + 1, sentence.end) else {
        return;
    };
    let mut score = FRAME_STRENGTH * polarity as f32;
    if cx.negated_before(t, sentence.start) {
        score *= -0.5;
    }
    if (sentence.start.max(t.saturating_sub(3))..t)
        .any(|i| lexicon::words(List::StanceHedges).contains(cx.word(i)))
    {
        score *= 0.6;
    }
    let claim = cx.cue_claim[t].or(cx.content_claim[t]);
    for holder in holders {
        out.push(Observation {
            holder,
            target: target.clone(),
            score,
            guarded: false,
            claim,
            sentence: s,
        });
    }
}

/// "The plan was rejected by the council": holder after "by", target the
/// clause's subject when it is an actor.
fn passive_frame(
    cx: &Context,
    s: usize,
    t: usize,
    polarity: i8,
    sentence: Range<usize>,
    out: &mut Vec<Observation>,
) {
    if t + 2 >= sentence.end || cx.word(t + 1) != "by" {
        return;
    }
    let Some((holder, _)) = cx.actor_at(t + 2, sentence.end) else {
        return;
    };
    let mut verb = t - 1;
    while verb > sentence.start && crate::cues::is_verb_helper(cx.doc.token_text(verb - 1)) {
        verb -= 1;
    }
    let Some(subject) = holders_of(cx, verb, sentence).first().copied() else {
        return;
    };
    out.push(Observation {
        holder,
        target: StanceTarget::Actor(subject),
        score: FRAME_STRENGTH * polarity as f32,
        guarded: false,
        claim: cx.cue_claim[t].or(cx.content_claim[t]),
        sentence: s,
    });
}

/// "Ukraine's aspirations to join NATO", "the union's opposition to the
/// plan".
fn noun_frame(cx: &Context, s: usize, t: usize, polarity: i8, out: &mut Vec<Observation>) {
    let sentence = cx.sentence_range(t);
    if t < sentence.start + 2 || !cx.possessive_at(t - 1) {
        return;
    }
    let Some(m) = cx.mention_at[t - 2] else {
        return;
    };
    let possessor = &cx.doc.mentions[m];
    // "Zelenskyy reiterated Ukraine's faith in …": whoever voices the
    // attitude holds it.
    let mut before = possessor.tokens.start;
    while before > sentence.start && lexicon::words(List::Determiners).contains(cx.word(before - 1))
    {
        before -= 1;
    }
    let voiced = before > sentence.start && is_expression_verb(cx.word(before - 1));
    let holders = if voiced {
        holders_of(cx, before - 1, sentence.clone())
    } else {
        vec![possessor.actor]
    };
    let Some(target) = object_of(cx, t + 1, sentence.end) else {
        return;
    };
    for holder in holders {
        out.push(Observation {
            holder,
            target: target.clone(),
            score: FRAME_STRENGTH * polarity as f32,
            guarded: false,
            claim: cx.content_claim[t].or(cx.cue_claim[t]),
            sentence: s,
        });
    }
}

/// Verbs that voice an attitude named by their object ("reiterated its
/// support", "expressed his fears").
fn is_expression_verb(lower: &str) -> bool {
    lexicon::words(List::ExpressionStems)
        .iter()
        .any(|s| lower.starts_with(s))
        && lower.len() < 14
}

/// Who holds the attitude of the verb at `t`: the claim's speaker when it
/// is a cue; a relative clause's antecedent; else the subject of its clause
/// (with an actor joined to it by "and": "he and Putin agreed").
fn holders_of(cx: &Context, t: usize, sentence: Range<usize>) -> Vec<usize> {
    let doc = cx.doc;
    if let Some(speaker) = cx.cue_claim[t].and_then(|c| doc.claims[c].speaker) {
        return vec![speaker];
    }
    let mut verb = t;
    while verb > sentence.start && crate::cues::is_verb_helper(doc.token_text(verb - 1)) {
        verb -= 1;
    }
    if verb > sentence.start && matches!(cx.word(verb - 1), "which" | "who" | "that") {
        let antecedent = (sentence.start..verb - 1)
            .rev()
            .take(6)
            .find_map(|i| cx.mention_at[i]);
        return antecedent
            .map(|m| vec![doc.mentions[m].actor])
            .unwrap_or_default();
    }
    // The clause starts after "that", a semicolon or a colon.
    let clause_start = (sentence.start..verb)
        .rev()
        .find(|&i| matches!(cx.word(i), "that" | ";" | ":") && !cx.quoted[i])
        .map_or(sentence.start, |i| i + 1);
    let mut holders = Vec::new();
    let mut i = clause_start;
    while i < verb {
        if let Some(m) = cx.mention_at[i] {
            let mention = &doc.mentions[m];
            let after_preposition = mention.tokens.start > clause_start
                && lexicon::words(List::Prepositions).contains(cx.word(mention.tokens.start - 1));
            if cx.possessive_at(mention.tokens.end) || after_preposition {
                break;
            }
            holders.push(mention.actor);
            i = mention.tokens.end;
            // "he and Russian President Vladimir Putin": another subject.
            if i < verb && cx.word(i) == "and" {
                i += 1;
                while i < verb
                    && cx.mention_at[i].is_none()
                    && cx.is_word(i)
                    && i < mention.tokens.end + 6
                {
                    i += 1;
                }
                continue;
            }
            break;
        }
        if !cx.is_word(i) && !matches!(cx.word(i), ",") {
            break;
        }
        i += 1;
    }
    holders.dedup();
    holders
}

/// The object of an attitude word, from `start`: the actor it starts with,
/// else the phrase up to clause punctuation as a topic.
fn object_of(cx: &Context, start: usize, limit: usize) -> Option<StanceTarget> {
    let mut o = start;
    while o < limit
        && matches!(
            cx.word(o),
            "to" | "for"
                | "that"
                | "with"
                | "on"
                | "of"
                | "in"
                | "against"
                | "about"
                | "up"
                | "out"
        )
    {
        o += 1;
    }
    if o >= limit {
        return None;
    }
    if let Some((actor, _)) = cx.actor_at(o, limit) {
        return Some(StanceTarget::Actor(actor));
    }
    let mut end = o;
    let mut depth = 0usize;
    while end < limit && end < o + MAX_TOPIC {
        match cx.doc.tokens[end].kind {
            TokenKind::Quote(crate::doc::QuoteDir::Open) => depth += 1,
            TokenKind::Quote(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        let w = cx.word(end);
        // "faith in its alliances, especially with the U.S.": the actor
        // singled out is the target.
        if depth == 0 && w == "," && end + 1 < limit {
            if let Some(actor) = focused_actor(cx, end + 1, limit) {
                return Some(StanceTarget::Actor(actor));
            }
        }
        if depth == 0
            && (matches!(w, "," | ";" | ":" | "." | "—" | "--" | "!" | "?" | "(")
                || matches!(w, "because" | "but" | "although" | "while" | "which" | "who")
                // "dismissed the plan as naive": "as" brings the judgement.
                || (end > o + 1 && w == "as")
                // A new clause: "a ceasefire if parliament …".
                || (end > o
                    && matches!(w, "that" | "if" | "unless" | "until" | "when" | "whether"))
                || (end > o && lexicon::words(List::Copulas).contains(w))
                // "a veto and attempted to …": a second verb.
                || (end > o
                    && w == "and"
                    && end + 1 < limit
                    && (cx.word(end + 1).ends_with("ed")
                        || crate::cues::is_verb_helper(cx.doc.token_text(end + 1)))))
        {
            break;
        }
        end += 1;
    }
    while end > o
        && !cx.is_word(end - 1)
        && !matches!(cx.doc.tokens[end - 1].kind, TokenKind::Quote(_))
    {
        end -= 1;
    }
    while end > o
        && (lexicon::words(List::Prepositions).contains(cx.word(end - 1))
            || lexicon::words(List::Determiners).contains(cx.word(end - 1)))
    {
        end -= 1;
    }
    good_topic(cx, o..end).then_some(StanceTarget::Topic(o..end))
}

/// Whether tokens `r` make a topic a reader would recognise: a phrase that
/// starts like a noun or verb phrase and holds a content word.
fn good_topic(cx: &Context, r: Range<usize>) -> bool {
    if r.is_empty() {
        return false;
    }
    let first = cx.word(r.start);
    if lexicon::words(List::NotTopicStart).contains(first)
        || (lexicon::words(List::Prepositions).contains(first) && first != "to")
        || !cx.is_word(r.start) && !matches!(cx.doc.tokens[r.start].kind, TokenKind::Quote(_))
    {
        return false;
    }
    // "X that the delays …": two clauses, no phrase.
    if (r.start + 1..r.end).any(|i| cx.word(i) == "that") {
        return false;
    }
    // A quotation as a topic only when it names something ("a “reset”
    // policy"), not when it is a whole statement.
    if matches!(cx.doc.tokens[r.start].kind, TokenKind::Quote(_))
        && (r.len() > 6
            || r.clone()
                .any(|i| crate::cues::is_verb_helper(cx.doc.token_text(i))))
    {
        return false;
    }
    r.filter(|&i| cx.is_word(i)).any(|i| {
        let w = cx.word(i);
        w.chars().count() >= 4
            && !lexicon::words(List::Determiners).contains(w)
            && !lexicon::words(List::Prepositions).contains(w)
            && !lexicon::words(List::NotTopicStart).contains(w)
    })
}

/// After "especially", "particularly" or "notably" (and a preposition), the
/// actor named.
fn focused_actor(cx: &Context, start: usize, limit: usize) -> Option<usize> {
    if !matches!(
        cx.word(start),
        "especially" | "particularly" | "notably" | "above"
    ) {
        return None;
    }
    let mut i = start + 1;
    while i < limit
        && (lexicon::words(List::Prepositions).contains(cx.word(i)) || cx.word(i) == "all")
    {
        i += 1;
    }
    cx.actor_at(i, limit).map(|(actor, _)| actor)
}

/// What claim `k` says about the subject of its content.
fn claim_evaluation(cx: &Context, k: usize) -> Option<Observation> {
    let doc = cx.doc;
    let claim = &doc.claims[k];
    let holder = claim.speaker?;
    if let Some(cue) = &claim.cue {
        if cue
            .clone()
            .any(|i| attitude(cx.word(i)).is_some_and(|a| a.0 != 0))
        {
            return None;
        }
    }
    let part = claim.content.first()?.clone();
    let mut start = part.start;
    while start < part.end && (cx.word(start) == "that" || !cx.is_word(start)) {
        start += 1;
    }
    let predicate = (start + 1..part.end.min(start + 10))
        .find(|&i| lexicon::words(List::Copulas).contains(cx.word(i)))?;
    let target = match cx.actor_at(start, predicate) {
        Some((actor, end)) if end == predicate => StanceTarget::Actor(actor),
        _ if good_topic(cx, start..predicate) => StanceTarget::Topic(start..predicate),
        _ => return None,
    };
    if target == StanceTarget::Actor(holder) {
        return None;
    }
    // The predicate ends where a relative or a new clause takes over.
    let mut end = part.end;
    for i in predicate..part.end {
        // (American style puts the comma inside the marks: `“unrealistic,”
        // which …`.)
        let mut next = i + 1;
        while next < part.end && matches!(cx.doc.tokens[next].kind, TokenKind::Quote(_)) {
            next += 1;
        }
        let opens_clause =
            next < part.end && matches!(cx.word(next), "which" | "who" | "and" | "but");
        if cx.word(i) == ";" || (cx.word(i) == "," && opens_clause) {
            end = i;
            break;
        }
    }
    if end - predicate > MAX_PREDICATE + 1 {
        return None;
    }
    let (score, guarded) = evaluate(cx, predicate..end);
    if score.abs() < POLAR && !guarded {
        return None;
    }
    Some(Observation {
        holder,
        target,
        score,
        guarded,
        claim: Some(k),
        sentence: cx.token_sentence[part.start],
    })
}

/// The polarity of a stretch of words (-1..1), and whether it speaks of a
/// guarded or undecided position.
fn evaluate(cx: &Context, range: Range<usize>) -> (f32, bool) {
    let mut total = 0.0f32;
    let mut guarded = false;
    let mut hedged = false;
    let contrast = range
        .clone()
        .find(|&i| matches!(cx.word(i), "but" | "however" | "yet"));
    for i in range.clone() {
        let w = cx.word(i);
        if lexicon::words(List::StanceHedges).contains(w) {
            hedged = true;
        }
        if attitude(w).is_some_and(|a| a.0 == 0 && a.1 == PartOfSpeech::Adjective) {
            guarded = true;
            continue;
        }
        let Some(mut v) = valence(w) else {
            continue;
        };
        if i > range.start && lexicon::words(List::Intensifiers).contains(cx.word(i - 1)) {
            v *= 1.3;
        }
        if cx.negated_before(i, range.start) {
            v *= -0.74;
        }
        // "…, but …": what follows the contrast is what counts.
        if contrast.is_some_and(|c| i < c) {
            v *= 0.5;
        }
        total += v;
    }
    if hedged {
        total *= 0.7;
    }
    (total / (total * total + 15.0).sqrt(), guarded)
}

/// A topic's content words, for telling whether two topics are one.
fn topic_key(cx: &Context, r: &Range<usize>) -> Vec<String> {
    let mut key: Vec<String> = r
        .clone()
        .filter(|&i| {
            cx.is_word(i)
                && cx.word(i).len() > 3
                && !lexicon::words(List::Determiners).contains(cx.word(i))
        })
        .map(|i| cx.word(i).chars().take(5).collect())
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
mod tests {
    use super::*;

    /// (holder, target, polarity) of each stance, names for actors and
    /// `{text}` for topics.
    fn stances(text: &str) -> Vec<(String, String, &'static str)> {
        let doc = crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Claims);
        extract(&doc)
            .iter()
            .map(|s| {
                let target = match &s.target {
                    StanceTarget::Actor(a) => doc.actors[*a].name.clone(),
                    StanceTarget::Topic(r) => {
                        format!("{{{}}}", doc.slice(doc.token_range(r.clone())))
                    }
                };
                let polarity = if s.guarded || s.score.abs() < POLAR {
                    "neutral"
                } else if s.score > 0.0 {
                    "support"
                } else {
                    "oppose"
                };
                (doc.actors[s.holder].name.clone(), target, polarity)
            })
            .collect()
    }

    fn has(found: &[(String, String, &str)], holder: &str, target: &str, polarity: &str) -> bool {
        found
            .iter()
            .any(|(h, t, p)| h == holder && t == target && *p == polarity)
    }

    #[test]
    fn support_verbs_toward_an_actor() {
        let found =
            stances("Mayor Ruth Adeyemi thanked Governor Tom Hale for his help with the port.");
        assert!(
            has(&found, "Ruth Adeyemi", "Tom Hale", "support"),
            "{found:?}"
        );
        let found = stances("Senator Ana Ortiz praised the Farmers Union for its restraint.");
        assert!(
            has(&found, "Ana Ortiz", "Farmers Union", "support"),
            "{found:?}"
        );
    }

    #[test]
    fn oppose_verbs_toward_an_actor() {
        let found = stances("Governor Tom Hale criticized Ruth Adeyemi over the strike.");
        assert!(
            has(&found, "Tom Hale", "Ruth Adeyemi", "oppose"),
            "{found:?}"
        );
        let found = stances("The Farmers Union condemned Nordport Shipping for the layoffs.");
        assert!(
            has(&found, "Farmers Union", "Nordport Shipping", "oppose"),
            "{found:?}"
        );
    }

    #[test]
    fn agreement_and_demands_toward_a_topic() {
        let found =
            stances("Tom Hale and Ruth Adeyemi agreed to reopen talks on the harbour contract.");
        assert!(
            has(
                &found,
                "Tom Hale",
                "{reopen talks on the harbour contract}",
                "support"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Ruth Adeyemi",
                "{reopen talks on the harbour contract}",
                "support"
            ),
            "{found:?}"
        );
        let found = stances("The Farmers Union demanded a freeze on grain tariffs.");
        assert!(
            has(
                &found,
                "Farmers Union",
                "{a freeze on grain tariffs}",
                "support"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn possessive_attitude_nouns() {
        let found =
            stances("Ana Ortiz dismissed Nordland's hopes of joining the customs union as naive.");
        assert!(
            has(&found, "Nordland", "{joining the customs union}", "support"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Ana Ortiz",
                "{Nordland's hopes of joining the customs union}",
                "oppose"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn passive_voice_puts_the_agent_first() {
        let found = stances("Ruth Adeyemi was criticized by Governor Tom Hale on Monday.");
        assert!(
            has(&found, "Tom Hale", "Ruth Adeyemi", "oppose"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(h, _, _)| h == "Ruth Adeyemi"),
            "{found:?}"
        );
    }

    #[test]
    fn negation_turns_an_attitude() {
        let found = stances("Governor Tom Hale did not support Ruth Adeyemi in the vote.");
        assert!(
            has(&found, "Tom Hale", "Ruth Adeyemi", "oppose"),
            "{found:?}"
        );
    }

    #[test]
    fn what_a_claim_judges_its_subject() {
        let found = stances("Ana Ortiz said that the harbour plan was unrealistic.");
        assert!(
            has(&found, "Ana Ortiz", "{the harbour plan}", "oppose"),
            "{found:?}"
        );
        let found = stances("Ana Ortiz said that the harbour plan was not unrealistic at all.");
        assert!(
            has(&found, "Ana Ortiz", "{the harbour plan}", "support"),
            "{found:?}"
        );
    }

    #[test]
    fn contrast_lets_the_second_clause_count() {
        let found = stances("Ana Ortiz said that the plan was good but deeply dangerous.");
        assert!(
            has(&found, "Ana Ortiz", "{the plan}", "oppose"),
            "{found:?}"
        );
        let found = stances("Ana Ortiz said that the plan was risky but wise.");
        assert!(
            has(&found, "Ana Ortiz", "{the plan}", "support"),
            "{found:?}"
        );
    }

    #[test]
    fn guarded_positions_are_neutral() {
        let found = stances("Tom Hale said that the union's role remained uncertain.");
        assert!(
            has(&found, "Tom Hale", "{the union's role}", "neutral"),
            "{found:?}"
        );
    }

    #[test]
    fn the_object_words_do_not_colour_the_attitude() {
        // "war" and "disaster" are negative words, but thanking is support.
        let found = stances("Ruth Adeyemi thanked Tom Hale for ending the war and the disaster.");
        assert!(
            has(&found, "Ruth Adeyemi", "Tom Hale", "support"),
            "{found:?}"
        );
    }

    #[test]
    fn no_stance_toward_oneself_or_from_plain_events() {
        let found = stances("Tom Hale visited the harbour on Monday and met the dockers.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn inflections_are_found() {
        for w in [
            "thanked",
            "thanking",
            "thanks",
            "criticizes",
            "slammed",
            "aspirations",
            "urged",
        ] {
            assert!(attitude(w).is_some(), "{w}");
        }
        assert!(attitude("visited").is_none());
    }
}
