//! Attitude frames: an attitude verb or noun gives its holder's polarity
//! toward its object (active, passive, possessive noun), with the holder
//! and the target (an actor, else a topic phrase) found around it.
//!
//! Assumes the parent's token context (`Context`).

use super::*;

/// "X praised Y for …", "X agreed to reopen talks", "the letter, which
/// urged …".
pub(super) fn verb_frame(
    cx: &Context,
    s: usize,
    t: usize,
    polarity: i8,
    out: &mut Vec<Observation>,
) {
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
        score *= FRAME_NEGATION;
    }
    if (sentence.start.max(t.saturating_sub(LOOKBACK))..t)
        .any(|i| lexicon::words(List::StanceHedges).contains(cx.word(i)))
    {
        score *= FRAME_HEDGE;
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

/// "Chile's hopes of joining the pact", "the union's opposition to the
/// plan".
pub(super) fn noun_frame(
    cx: &Context,
    s: usize,
    t: usize,
    polarity: i8,
    out: &mut Vec<Observation>,
) {
    let sentence = cx.sentence_range(t);
    if t < sentence.start + 2 || !cx.possessive_at(t - 1) {
        return;
    }
    let Some(m) = cx.mention_at[t - 2] else {
        return;
    };
    let possessor = &cx.doc.mentions[m];
    // "Ortiz restated the union's confidence in …": whoever voices the
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
        && lower.len() < MAX_EXPRESSION_VERB
}

/// Who holds the attitude of the verb at `t`: the claim's speaker when it
/// is a cue (with the actors joined to it by "and", for a claim has one
/// speaker); else those of [`clause_holders`].
fn holders_of(cx: &Context, t: usize, sentence: Range<usize>) -> Vec<usize> {
    let holders = clause_holders(cx, t, sentence);
    match cx.cue_claim[t].and_then(|c| cx.doc.claims[c].speaker) {
        Some(speaker) if !holders.contains(&speaker) => vec![speaker],
        _ => holders,
    }
}

/// The holders of the verb at `t` read from its clause: a relative clause's
/// antecedent; else the subject of its clause (with an actor joined to it
/// by "and": "she and the mayor agreed").
fn clause_holders(cx: &Context, t: usize, sentence: Range<usize>) -> Vec<usize> {
    let doc = cx.doc;
    let mut verb = t;
    while verb > sentence.start && crate::cues::is_verb_helper(doc.token_text(verb - 1)) {
        verb -= 1;
    }
    if verb > sentence.start && matches!(cx.word(verb - 1), "which" | "who" | "that") {
        let antecedent = (sentence.start..verb - 1)
            .rev()
            .take(PHRASE_REACH)
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
            // "she and Finnish Trade Minister Aino Laine": another subject.
            if i < verb && cx.word(i) == "and" {
                i += 1;
                while i < verb
                    && cx.mention_at[i].is_none()
                    && cx.is_word(i)
                    && i < mention.tokens.end + PHRASE_REACH
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
        // "faith in free trade, especially with Canada": the actor
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
pub(super) fn good_topic(cx: &Context, r: Range<usize>) -> bool {
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
        && (r.len() > MAX_QUOTED_TOPIC
            || r.clone()
                .any(|i| crate::cues::is_verb_helper(cx.doc.token_text(i))))
    {
        return false;
    }
    r.filter(|&i| cx.is_word(i)).any(|i| {
        let w = cx.word(i);
        w.chars().count() >= TOPIC_CONTENT_WORD
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
