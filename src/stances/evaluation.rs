//! What a claim says about its subject: the valence of its predicate's
//! words, VADER-style (Hutto & Gilbert 2014), with negation, contrast,
//! intensifiers and hedges.
//!
//! Assumes the parent's token context (`Context`) and the claims' contents.

use super::*;

/// What claim `k` says about the subject of its content.
pub(super) fn claim_evaluation(cx: &Context, k: usize) -> Option<Observation> {
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
    let predicate = (start + 1..part.end.min(start + COPULA_REACH))
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
        // (American style puts the comma inside the marks: `“unworkable,”
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
            v *= INTENSIFIER;
        }
        if cx.negated_before(i, range.start) {
            v *= VADER_NEGATION;
        }
        // "…, but …": what follows the contrast is what counts.
        if contrast.is_some_and(|c| i < c) {
            v *= BEFORE_CONTRAST;
        }
        total += v;
    }
    if hedged {
        total *= PREDICATE_HEDGE;
    }
    // VADER's normalisation of a sum of valences into -1..1.
    (total / (total * total + VADER_ALPHA).sqrt(), guarded)
}
