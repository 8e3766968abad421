//! Reported speech without quotation marks: `X said (that) CLAUSE`,
//! `CLAUSE, X said.`, `According to X, CLAUSE` and the parenthetical
//! `The plan, he said, is dead.`, with the clause and object bounds they need.
//!
//! Assumes cue heads decided (`crate::cues`) and actor mentions linked.

use super::*;

/// The noun phrase ending at `end`: a mention, or up to four words back to
/// punctuation or a clause word.
fn source_before(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    end: usize,
    floor: usize,
) -> Option<(Range<usize>, Option<usize>)> {
    if end <= floor {
        return None;
    }
    // "Trump has also said", "officials repeatedly said": auxiliaries,
    // negation and adverbs belong to the cue, not the source.
    let mut end = end;
    while end > floor + 1 && is_verb_helper(doc.token_text(end - 1)) {
        end -= 1;
    }
    // "Rep. Stephen Lynch (D-Mass.) said": the tag stays with the name.
    if doc.token_text(end - 1) == ")" {
        let open = (floor.max(end.saturating_sub(8))..end - 1)
            .rev()
            .find(|&i| doc.token_text(i) == "(")?;
        let (np, actor) = source_before(doc, mention_at, open, floor)?;
        return Some((np.start..end, actor));
    }
    // "Jeffrey Trimble, a senior official, said": the source is the name
    // with its apposition.
    if doc.token_text(end - 1) == "," {
        let inner = end - 1;
        let open = (floor.max(inner.saturating_sub(40))..inner)
            .rev()
            .find(|&i| doc.token_text(i) == ",")?;
        let (np, actor) = source_before(doc, mention_at, open, floor)?;
        return Some((np.start..inner, actor));
    }
    if let Some((a, r)) = &mention_at[end - 1] {
        let r = r.start.max(floor)..r.end;
        return Some((with_titles(doc, mention_at, r, floor), Some(*a)));
    }
    let mut start = end;
    while start > floor && end - start < 4 && doc.tokens[start - 1].kind == TokenKind::Word {
        let w = doc.token_lower(start - 1);
        if matches!(
            w,
            "and" | "but" | "that" | "which" | "who" | "as" | "while" | "because" | "when"
        ) {
            break;
        }
        start -= 1;
    }
    (start < end).then_some((start..end, None))
}

/// Where a reported clause ends before `end`: at a contrast (", although
/// he refused …"), a dash or semicolon that opens a new clause, or a second
/// verb of the same subject ("… to the test and warned North Korea").
pub(super) fn clause_end(doc: &Doc, from: usize, end: usize) -> usize {
    let text = |i: usize| doc.token_text(i);
    let mut depth = 0usize;
    for i in from..end {
        match doc.tokens[i].kind {
            TokenKind::Quote(crate::doc::QuoteDir::Open) => depth += 1,
            TokenKind::Quote(crate::doc::QuoteDir::Close) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 || i + 1 >= end {
            continue;
        }
        let next = doc.token_lower(i + 1);
        let stop = match text(i) {
            ";" => true,
            "—" | "--" | "–" => matches!(next, "and" | "but" | "although" | "though"),
            "," => {
                matches!(next, "although" | "though" | "whereas" | "while" | "but")
                    || (next == "and"
                        && i + 2 < end
                        && matches!(
                            doc.token_lower(i + 2),
                            "when"
                                | "while"
                                | "if"
                                | "as"
                                | "after"
                                | "before"
                                | "he"
                                | "she"
                                | "they"
                                | "we"
                                | "i"
                                | "it"
                        ))
            }
            "and" | "but" => i > from + 2 && is_cue(text(i + 1)),
            _ => false,
        };
        if stop {
            return i;
        }
    }
    end
}

/// Where an object phrase that starts at `from` ends: at the first clause
/// punctuation outside quotation marks, or after a closing mark with the
/// comma inside it (American style: `as “a fantasy,” and …`).
fn object_phrase_end(doc: &Doc, from: usize, end: usize) -> usize {
    let mut depth = 0usize;
    for i in from..end {
        let text = doc.token_text(i);
        match doc.tokens[i].kind {
            TokenKind::Quote(crate::doc::QuoteDir::Open) => depth += 1,
            TokenKind::Quote(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i > from && doc.token_text(i - 1) == "," {
                    return i + 1;
                }
            }
            _ if depth == 0 && matches!(text, "," | ";" | ":" | "—" | "--" | "(") => return i,
            _ => {}
        }
    }
    end
}

/// Words that follow a speech verb inside its own phrase: prepositions,
/// adverbs of time and manner, conjunctions.
fn continues_verb_phrase(next_lower: &str) -> bool {
    matches!(
        next_lower,
        "in" | "on"
            | "at"
            | "by"
            | "with"
            | "for"
            | "from"
            | "during"
            | "after"
            | "before"
            | "of"
            | "about"
            | "as"
            | "and"
            | "or"
            | "but"
            | "so"
            | "to"
            | "than"
            | "yesterday"
            | "today"
            | "tonight"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "then"
            | "so-called"
            | "nothing"
            | "something"
            | "anything"
            | "much"
            | "little"
            | "more"
            | "less"
            | "so,"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "not"
            | "no"
            | "only"
            | "repeatedly"
            | "privately"
            | "publicly"
            | "recently"
            | "again"
            | "instead"
            | "too"
            | "also"
            | "very"
            | "yes"
            | "otherwise"
            | "why"
            | "how"
            | "what"
            | "when"
            | "where"
            | "if"
            | "whether"
            | "while"
            | "through"
            | "via"
            | "under"
            | "over"
            | "into"
            | "up"
            | "out"
            | "off"
            | "down"
    ) || (next_lower.ends_with("ly") && next_lower.len() > 4)
}

/// The subject that opens a sentence: an actor mention or a pronoun among
/// its first words ("Mr. Schultz", "Authorities", "She"), before `limit`.
fn sentence_subject(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    sentence: Range<usize>,
    limit: usize,
) -> Option<(Range<usize>, Option<usize>)> {
    let mut start = sentence.start;
    while start < limit && doc.tokens[start].kind != TokenKind::Word {
        start += 1;
    }
    let first = (start..(start + 4).min(limit)).find(|&i| mention_at[i].is_some())?;
    let (actor, r) = mention_at[first].clone()?;
    // Only a subject: nothing but titles and determiners before it.
    let lead_ok = (start..r.start).all(|i| {
        let w = doc.token_text(i);
        doc.tokens[i].kind == TokenKind::Word
            && (w.starts_with(|c: char| c.is_uppercase())
                || crate::entities::linking::is_title_word(w))
    });
    // A verb, or a comma opening an apposition ("Lena Fox, who chairs
    // the board, walked out …").
    let verb_after = r.end < limit
        && ((doc.tokens[r.end].kind == TokenKind::Word
            && !matches!(doc.token_text(r.end), "and" | "or" | "of"))
            || doc.token_text(r.end) == ",");
    (lead_ok && verb_after).then_some((start..r.end, Some(actor)))
}

/// The reported-speech claims of one sentence: "according to" first, then
/// the first cue that closes, interrupts or opens a clause.
pub(super) fn reported_speech(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    cue_heads: &[bool],
    sentence: Range<usize>,
    used: &[bool],
) -> Vec<Claim> {
    if let Some(c) = according_to(doc, mention_at, sentence.clone(), used) {
        return vec![c];
    }
    let mut out = Vec::new();
    for k in sentence.clone() {
        if used[k] || !cue_heads[k] || doc.tokens[k].kind != TokenKind::Word {
            continue;
        }
        // "CLAUSE, X said (on Tuesday)." and "CLAUSE, said X.": the cue
        // and its source close the sentence after a comma.
        if let Some(c) = end_attribution(doc, mention_at, sentence.clone(), k) {
            if !c.content[0].clone().any(|i| used[i]) {
                out.push(c);
            }
            continue;
        }
        // "CLAUSE, X says, CLAUSE": the source and cue inside the clause.
        if let Some(c) = parenthetical(doc, mention_at, sentence.clone(), k) {
            if !c.content.iter().any(|r| r.clone().any(|i| used[i])) {
                out.push(c);
                break;
            }
        }
        if let Some(c) = said_clause(doc, mention_at, sentence.clone(), k, used) {
            out.push(c);
            break;
        }
    }
    out
}

/// "According to X, CLAUSE" and "CLAUSE, according to X.".
fn according_to(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    sentence: Range<usize>,
    used: &[bool],
) -> Option<Claim> {
    let text = |i: usize| doc.token_text(i);
    // "According to X, CLAUSE"
    if sentence.len() > 4
        && text(sentence.start).eq_ignore_ascii_case("according")
        && text(sentence.start + 1) == "to"
    {
        if let Some(comma) = (sentence.start + 2..sentence.end).find(|&i| text(i) == ",") {
            let source = sentence.start + 2..comma;
            let content = trim_end(doc, comma + 1..sentence.end);
            if !source.is_empty() && content.len() >= 3 && !content.clone().any(|i| used[i]) {
                return Some(claim(
                    source_actor(mention_at, &source),
                    Some(source),
                    Some(sentence.start..sentence.start + 2),
                    content,
                    ClaimKind::Indirect,
                ));
            }
        }
    }
    // "CLAUSE, according to X."
    if let Some(k) = (sentence.start + 3..sentence.end.saturating_sub(2)).find(|&i| {
        text(i).eq_ignore_ascii_case("according") && text(i + 1) == "to" && text(i - 1) == ","
    }) {
        let mut end = k + 2;
        while end < sentence.end && !matches!(text(end), "." | "," | ";") {
            end += 1;
        }
        let source = k + 2..end;
        let content = sentence.start..k - 1;
        if !source.is_empty() && !content.clone().any(|i| used[i]) {
            return Some(claim(
                source_actor(mention_at, &source),
                Some(source),
                Some(k..k + 2),
                content,
                ClaimKind::Indirect,
            ));
        }
    }
    None
}

/// "X said (that) CLAUSE": a subject before, a clause after; "X told
/// reporters in Paris that CLAUSE": the clause starts at "that". "went on
/// to say CLAUSE": the cue runs to the verb of saying, and what follows it
/// is read as after a plain cue.
fn said_clause(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    sentence: Range<usize>,
    head: usize,
    used: &[bool],
) -> Option<Claim> {
    let text = |i: usize| doc.token_text(i);
    let k = cue_extent(doc, head, sentence.end) - 1;
    if k + 1 >= sentence.end {
        return None;
    }
    let (content_start, cue_end) = clause_start(doc, k, sentence.end)?;
    let floor = subject_floor(doc, sentence.clone(), head);
    // "Cruz exhorted Republicans … and said he was standing on
    // principle": a second verb of the sentence's subject.
    let mut verb_start = head;
    while verb_start > floor + 1 && is_verb_helper(text(verb_start - 1)) {
        verb_start -= 1;
    }
    let coordinated = verb_start > sentence.start + 2 && text(verb_start - 1) == "and";
    // "Fox left the hall, saying …", "walked out after saying …": a
    // gerund's subject is the sentence's.
    let gerund = text(head).ends_with("ing")
        && head > sentence.start
        && matches!(
            doc.token_lower(head - 1),
            "by" | "after" | "while" | "before" | "when" | ","
        );
    let found = if coordinated || gerund {
        sentence_subject(doc, mention_at, sentence.clone(), head)
    } else {
        source_before(doc, mention_at, head, floor)
    };
    let (source, actor) = found?;
    let mut content_end = clause_end(doc, content_start, sentence.end);
    // A verb that takes an object rather than a clause ("criticized the
    // Affordable Care Act as …", "laid out her proposals") reports its
    // object phrase.
    if !is_speech_verb(text(k)) && text(content_start) != "that" {
        content_end = object_phrase_end(doc, content_start, content_end);
    }
    // The subject's whole phrase, when the parse finds it before the cue:
    // it takes in appositions and modifiers the word rules cut short
    // (measured: exact source F1 on PolNeAR dev 54.6 → 57.2). The cue still
    // starts where the rules' source ended, which keeps the helpers ("has
    // also said") in the cue as PolNeAR draws it.
    let rule_source_end = source.end;
    let (source, actor) = match subject_span(doc.tree(), head, floor) {
        // "A man from Springfield, Va., said": a state after a town is
        // the town's attribute, never the speaker, whatever the parse
        // says; with the subject misread, no speaker is safer.
        Some((s, subject)) if !coordinated && !gerund && is_state_after_town(doc, subject) => {
            (s, None)
        }
        // A subject that names no actor gives no speaker: the rules'
        // guess is then a name inside the phrase ("a spokeswoman for X",
        // "polls in Virginia"), wrong more often than not (PolNeAR dev:
        // 12 of 908 speakers, most of them wrong; dev gold unchanged).
        Some((s, subject)) if !coordinated && !gerund => {
            (s, subject_actor(doc, mention_at, subject))
        }
        _ => (source, actor),
    };
    let content = trim_end(doc, content_start..content_end);
    if content.len() < 3 || content.clone().any(|i| used[i]) {
        return None;
    }
    // The cue takes in the helpers between source and verb ("has also
    // said"), as PolNeAR draws cues.
    let mut cue_start = if coordinated {
        verb_start
    } else if gerund {
        head
    } else {
        rule_source_end.min(head)
    };
    while cue_start < head && text(cue_start) == "," {
        cue_start += 1;
    }
    let cue = cue_start..cue_end;
    Some(claim(
        actor,
        Some(source),
        Some(cue),
        content,
        ClaimKind::Indirect,
    ))
}

/// "Springfield, Va.": a state abbreviation right after a comma.
fn is_state_after_town(doc: &Doc, i: usize) -> bool {
    i > 0
        && doc.token_text(i - 1) == ","
        && crate::lexicon::words(crate::lexicon::List::StateAbbreviations)
            .contains(doc.token_text(i))
}

/// The subject of the cue at `head` as a whole phrase, with its head
/// token: its `nsubj`'s subtree, when it lies before the cue and after
/// `floor`.
fn subject_span(tree: &Tree, head: usize, floor: usize) -> Option<(Range<usize>, usize)> {
    let subject = tree.child_labelled(head, &["nsubj", "nsubjpass"])?;
    let span = tree.subtree(subject);
    (span.end <= head && span.start >= floor).then_some((span, subject))
}

/// The actor a subject names: the mention at its head word ("Mayor Jane
/// Roe"), else at the head of an apposition ("the director, Wei Zhang,");
/// not any mention inside it ("the lawyer of Jane Roe" is not Jane Roe),
/// nor a state after a town ("a farmer from Millbrook, Va.").
fn subject_actor(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    subject: usize,
) -> Option<usize> {
    std::iter::once(subject)
        .chain(doc.tree().children_labelled(subject, &["appos"]))
        .filter(|&t| !is_state_after_town(doc, t))
        .find_map(|t| mention_at[t].as_ref().map(|m| m.0))
}

/// Where the content after the cue ending at `k` starts, and where the cue
/// ends: right after it before a clause or an infinitive; after a
/// preposition that joins the cue ("complained about"); at a "that" a few
/// words on ("told reporters in Paris that"); else none.
fn clause_start(doc: &Doc, k: usize, end: usize) -> Option<(usize, usize)> {
    let text = |i: usize| doc.token_text(i);
    let next = doc.token_lower(k + 1);
    let clause_follows = next == "that"
        || matches!(
            next,
            "he" | "she"
                | "they"
                | "it"
                | "we"
                | "i"
                | "the"
                | "a"
                | "there"
                | "his"
                | "her"
                | "their"
        )
        || text(k + 1).starts_with(|c: char| c.is_uppercase())
        // "She said fathers and parents would not be eligible": after
        // a speech verb, any word that cannot continue the verb phrase
        // starts the clause.
        || (is_speech_verb(text(k))
            && doc.tokens[k + 1].kind == TokenKind::Word
            && !continues_verb_phrase(next));
    // "wants to preserve ...": the infinitive is the content;
    // "complained about his mic": the preposition joins the cue.
    let mut cue_end = k + 1;
    let content_start = if clause_follows || next == "to" {
        k + 1
    } else if matches!(
        next,
        "about"
            | "for"
            | "on"
            | "of"
            | "against"
            | "with"
            | "at"
            | "over"
            | "out"
            | "up"
            | "down"
            | "off"
            | "back"
    ) && k + 2 < end
    {
        cue_end = k + 2;
        k + 2
    } else {
        (k + 2..(k + 8).min(end))
            .take_while(|&i| doc.tokens[i].kind == TokenKind::Word)
            .find(|&i| text(i) == "that")?
    };
    Some((content_start, cue_end))
}

/// The earliest token a subject before the cue at `head` may start at: the
/// last clause punctuation before it, within `SCAN` tokens.
fn subject_floor(doc: &Doc, sentence: Range<usize>, head: usize) -> usize {
    let text = |i: usize| doc.token_text(i);
    let from = sentence.start.max(head.saturating_sub(SCAN));
    // A tag right before the cue ("Lynch (D-Mass.) said") is no
    // boundary.
    let subject_end = if head > from && text(head - 1) == ")" {
        (from..head - 1)
            .rev()
            .find(|&i| text(i) == "(")
            .unwrap_or(head)
    } else {
        head
    };
    let floor = (from..subject_end)
        .rev()
        .find(|&i| matches!(text(i), "," | ";" | ":" | "("))
        .map_or(from, |i| i + 1);
    // A comma right before the cue closes an apposition: look past it.
    if head > from && text(head - 1) == "," {
        from
    } else {
        floor
    }
}

/// `The plan, he said, is dead.`: commas on both sides of a short source
/// and cue, clause words on both sides of those.
fn parenthetical(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    sentence: Range<usize>,
    k: usize,
) -> Option<Claim> {
    let text = |i: usize| doc.token_text(i);
    let open = (sentence.start.max(k.saturating_sub(6))..k)
        .rev()
        .find(|&i| text(i) == ",")?;
    let close = (k + 1..sentence.end).find(|&i| !matches!(doc.tokens[i].kind, TokenKind::Word))?;
    if text(close) != ","
        || close > k + 3
        || open + 1 >= k
        || k - open > 5
        || open < sentence.start + 2
    {
        return None;
    }
    let (source, actor) = source_before(doc, mention_at, k, open + 1)?;
    if !(open + 1..=open + 2).contains(&source.start) {
        return None;
    }
    let before = sentence.start..open;
    let after = trim_end(doc, close + 1..sentence.end);
    if after.len() < 2 {
        return None;
    }
    let mut c = claim(
        actor,
        Some(open + 1..source.end),
        Some(k..close),
        before,
        ClaimKind::Indirect,
    );
    c.content.push(after);
    Some(c)
}

/// `CLAUSE, SOURCE CUE [up to three words].` or `CLAUSE, CUE SOURCE.`
fn end_attribution(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    sentence: Range<usize>,
    k: usize,
) -> Option<Claim> {
    let text = |i: usize| doc.token_text(i);
    let is_end = |i: usize| i >= sentence.end || matches!(text(i), "." | "!" | "?");
    let comma = (sentence.start.max(k.saturating_sub(SCAN))..k)
        .rev()
        .find(|&i| matches!(text(i), "," | "—" | "--"))?;
    if comma < sentence.start + 3 {
        return None;
    }
    let content = sentence.start..comma;
    let clause_next = k + 1 < sentence.end
        && matches!(
            doc.token_lower(k + 1),
            "that" | "he" | "she" | "it" | "they" | "we" | "i" | "there"
        );
    if comma + 1 == k && !clause_next && is_speech_verb(text(k)) {
        // ", said X." — the source runs to the sentence end.
        let mut end = k + 1;
        while !is_end(end) && !matches!(text(end), ",") && end < k + 12 {
            end += 1;
        }
        let source = k + 1..end;
        // "…, said the schools were too far away": a clause, not a source.
        let has_verb = source
            .clone()
            .any(|i| lexicon::words(List::Auxiliaries).contains(doc.token_lower(i)));
        if source.is_empty() || has_verb || !(is_end(end) || text(end) == ",") {
            return None;
        }
        return Some(claim(
            source_actor(mention_at, &source),
            Some(source),
            Some(k..k + 1),
            content,
            ClaimKind::Indirect,
        ));
    }
    // ", X said (Tuesday)." — at most three words after the cue, no clause.
    let tail: Vec<usize> = (k + 1..sentence.end).take_while(|&i| !is_end(i)).collect();
    if tail.len() > 3
        || tail.iter().any(|&i| matches!(text(i), "that" | ","))
        || !(k + 1 + tail.len() >= sentence.end || is_end(k + 1 + tail.len()))
    {
        return None;
    }
    let (source, actor) = source_before(doc, mention_at, k, comma + 1)?;
    if source.start != comma + 1 && source.start > comma + 1 + 2 {
        return None;
    }
    let source = comma + 1..source.end;
    let cue = source.end.min(k)..k + 1;
    Some(claim(
        actor.or_else(|| source_actor(mention_at, &source)),
        Some(source),
        Some(cue),
        content,
        ClaimKind::Indirect,
    ))
}
