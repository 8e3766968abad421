//! Claim attribution: every statement the article ascribes to someone, with
//! its source, cue and content, drawn the way PolNeAR draws them (content
//! keeps "that" and the quotation marks; a source is the whole noun
//! phrase).
//!
//! Claims come from attributed quotations (direct when the quotation is the
//! whole statement, mixed when it stands inside a reported clause) and from
//! reported speech without marks: `X said (that) CLAUSE`, `CLAUSE, X said.`
//! and `According to X, CLAUSE`. Outside quotations, which words head a cue
//! is decided by a perceptron trained on PolNeAR train ([`crate::cues`]);
//! the rules here find the source and content around each.

use crate::cues::{cue_extent, is_cue, is_speech_verb, is_verb_helper};
use crate::doc::{Claim, ClaimKind, Doc, Quotation, TokenKind};
use crate::lexicon::{self, List};
use std::ops::Range;

/// How far back (in tokens) a rule looks from a cue: the clause a cue
/// reports is never longer, and the bound keeps run-on text linear.
const SCAN: usize = 80;

/// Finds the claims of `doc` (after actors and quotations).
pub fn extract(doc: &Doc) -> Vec<Claim> {
    let token_sentence = doc.token_sentences();
    let mention_at = mention_actors(doc);
    let mut claims: Vec<Claim> = Vec::new();
    let mut used = vec![false; doc.tokens.len()];
    for (k, q) in doc.quotes.iter().enumerate() {
        if q.cue.is_none() && q.speaker.is_none() && !q.carried {
            continue;
        }
        // A quotation that continues the last speaker's quotes in the same
        // paragraph ("“A,” she said. “B.”") extends that claim: PolNeAR
        // annotates it as one attribution with its content in parts.
        if q.carried {
            let paragraph = |t: usize| doc.sentences[token_sentence[t]].paragraph;
            if let Some(last) = claims.last_mut() {
                let same_speaker = last.speaker == q.speaker && last.source.is_some();
                let last_end = last.content[last.content.len() - 1].end;
                if same_speaker
                    && last.kind == ClaimKind::Direct
                    && paragraph(last_end - 1) == paragraph(q.open)
                {
                    if let Some(extra) = quote_claim(doc, &token_sentence, q, k) {
                        last.content.extend(extra.content);
                        last.quotes.push(k);
                        mark(&mut used, last);
                        continue;
                    }
                }
            }
        }
        if let Some(c) = quote_claim(doc, &token_sentence, q, k) {
            // Two quotations in one reported clause ("he thought Putin “wants
            // peace” and that … “on the way”") make one mixed claim.
            if let Some(last) = claims.last_mut() {
                if c.kind == ClaimKind::Mixed && last.cue == c.cue && last.content == c.content {
                    last.quotes.push(k);
                    continue;
                }
            }
            mark(&mut used, &c);
            claims.push(c);
        }
    }
    // The learned detector, not the lexicon alone, decides which words head
    // a cue here: on PolNeAR dev it lifts claim precision from 0.71 to 0.76
    // and strict F1 by a point, at a cost of 0.6 in loose F1 (see
    // `cues::model`).
    let cue_heads = crate::cues::heads(doc);
    for sentence in doc.sentences.iter() {
        for c in reported_speech(doc, &mention_at, &cue_heads, sentence.tokens.clone(), &used) {
            mark(&mut used, &c);
            claims.push(c);
        }
    }
    for c in claims.iter_mut() {
        if let Some(source) = c.source.take() {
            c.source = Some(full_source(doc, &token_sentence, c, source));
        }
        // Quotations are sorted by start: find those inside each content
        // range by binary search, so many quotes cost no more than a few.
        let mut inside = Vec::new();
        for r in &c.content {
            let from = doc.quotes.partition_point(|q| q.parts[0].start < r.start);
            for (k, q) in doc.quotes.iter().enumerate().skip(from) {
                if q.parts[0].start >= r.end {
                    break;
                }
                if q.parts[q.parts.len() - 1].end <= r.end {
                    inside.push(k);
                }
            }
        }
        inside.dedup();
        c.quotes = inside;
        flags(doc, c);
    }
    claims.sort_by_key(|c| c.content[0].start);
    claims
}

fn mark(used: &mut [bool], c: &Claim) {
    for r in c.content.iter().chain(c.cue.iter()).chain(c.source.iter()) {
        used[r.clone()].fill(true);
    }
}

fn mention_actors(doc: &Doc) -> Vec<Option<(usize, Range<usize>)>> {
    let mut at = vec![None; doc.tokens.len()];
    for m in &doc.mentions {
        for i in m.tokens.clone() {
            at[i] = Some((m.actor, m.tokens.clone()));
        }
    }
    at
}

/// Drops a final full stop from a content range (PolNeAR keeps it inside
/// quotations but its paraphrases mostly end before it).
fn trim_end(doc: &Doc, mut r: Range<usize>) -> Range<usize> {
    while r.len() > 1 && matches!(doc.token_text(r.end - 1), "." | "," | ";" | ":") {
        r.end -= 1;
    }
    r
}

fn quote_claim(doc: &Doc, token_sentence: &[usize], q: &Quotation, k: usize) -> Option<Claim> {
    let whole = |q: &Quotation| -> Vec<Range<usize>> {
        // The quotation with its marks; each paragraph's part from its
        // opening mark.
        let mut parts: Vec<Range<usize>> = q
            .parts
            .iter()
            .map(|p| p.start.saturating_sub(1)..p.end)
            .collect();
        parts[0].start = q.open;
        if let (Some(c), Some(last)) = (q.close, parts.last_mut()) {
            last.end = c + 1;
        }
        parts
    };
    let (content, kind) = if q.embedded {
        let cue_end = q.cue.as_ref()?.end;
        // The reported clause runs to the end of the sentence the quotation
        // closes in (within reach).
        let close = q.close.unwrap_or(q.parts[q.parts.len() - 1].end - 1);
        let sentence = &doc.sentences[token_sentence[close]];
        let end = sentence.tokens.end.min(close + 1 + SCAN).max(close + 1);
        // (Cutting this at the object phrase, as for reported claims,
        // scored better on direct quotations but lost 1.3 points of content
        // token F1 on PolNeAR dev.)
        let end = clause_end(doc, close + 1, end);
        (vec![trim_end(doc, cue_end..end)], ClaimKind::Mixed)
    } else {
        (whole(q), ClaimKind::Direct)
    };
    Some(Claim {
        speaker: q.speaker,
        source: q
            .speaker_mention
            .clone()
            .map(|r| with_apposition(doc, token_sentence, r)),
        cue: q.cue.clone(),
        content,
        kind,
        quotes: vec![k],
        hedged: false,
        negated: false,
    })
}

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
fn clause_end(doc: &Doc, from: usize, end: usize) -> usize {
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
    // A verb, or a comma opening an apposition ("Zelenskyy, who was
    // informed of the call, reacted …").
    let verb_after = r.end < limit
        && ((doc.tokens[r.end].kind == TokenKind::Word
            && !matches!(doc.token_text(r.end), "and" | "or" | "of"))
            || doc.token_text(r.end) == ",");
    (lead_ok && verb_after).then_some((start..r.end, Some(actor)))
}

fn reported_speech(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    cue_heads: &[bool],
    sentence: Range<usize>,
    used: &[bool],
) -> Vec<Claim> {
    let mut out = Vec::new();
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
                out.push(claim(
                    source_actor(mention_at, &source),
                    Some(source),
                    Some(sentence.start..sentence.start + 2),
                    content,
                    ClaimKind::Indirect,
                ));
                return out;
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
            out.push(claim(
                source_actor(mention_at, &source),
                Some(source),
                Some(k..k + 2),
                content,
                ClaimKind::Indirect,
            ));
            return out;
        }
    }
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
        // "X said (that) CLAUSE": a subject before, a clause after; "X told
        // reporters in Paris that CLAUSE": the clause starts at "that".
        // "went on to say CLAUSE": the cue runs to the verb of saying, and
        // what follows it is read as after a plain cue.
        let head = k;
        let k = cue_extent(doc, head, sentence.end) - 1;
        if k + 1 >= sentence.end {
            continue;
        }
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
        ) && k + 2 < sentence.end
        {
            cue_end = k + 2;
            k + 2
        } else {
            match (k + 2..(k + 8).min(sentence.end))
                .take_while(|&i| doc.tokens[i].kind == TokenKind::Word)
                .find(|&i| text(i) == "that")
            {
                Some(that) => that,
                None => continue,
            }
        };
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
        let floor = if head > from && text(head - 1) == "," {
            from
        } else {
            floor
        };
        // "Cruz exhorted Republicans … and said he was standing on
        // principle": a second verb of the sentence's subject.
        let mut verb_start = head;
        while verb_start > floor + 1 && is_verb_helper(text(verb_start - 1)) {
            verb_start -= 1;
        }
        let coordinated = verb_start > sentence.start + 2 && text(verb_start - 1) == "and";
        // "Zelenskyy … reacted by thanking Trump": a gerund's subject is the
        // sentence's.
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
        let Some((source, actor)) = found else {
            continue;
        };
        let mut content_end = clause_end(doc, content_start, sentence.end);
        // A verb that takes an object rather than a clause ("criticized the
        // Affordable Care Act as …", "laid out her proposals") reports its
        // object phrase.
        if !is_speech_verb(text(k)) && text(content_start) != "that" {
            content_end = object_phrase_end(doc, content_start, content_end);
        }
        let content = trim_end(doc, content_start..content_end);
        if content.len() < 3 || content.clone().any(|i| used[i]) {
            continue;
        }
        // The cue takes in the helpers between source and verb ("has also
        // said"), as PolNeAR draws cues.
        let mut cue_start = if coordinated {
            verb_start
        } else if gerund {
            head
        } else {
            source.end.min(head)
        };
        while cue_start < head && text(cue_start) == "," {
            cue_start += 1;
        }
        let cue = cue_start..cue_end;
        out.push(claim(
            actor,
            Some(source),
            Some(cue),
            content,
            ClaimKind::Indirect,
        ));
        break;
    }
    out
}

/// `said Denise Okafor, president of Local 1180.`: a source followed by an
/// apposition (a determiner or title word after the comma) takes it in, up
/// to the next comma or the sentence end.
fn with_apposition(doc: &Doc, token_sentence: &[usize], r: Range<usize>) -> Range<usize> {
    use crate::entities::linking::is_title_word;
    let sentence = &doc.sentences[token_sentence[r.start]];
    let (comma, first) = (r.end, r.end + 1);
    if first >= sentence.tokens.end || doc.token_text(comma) != "," {
        return r;
    }
    let w = doc.token_text(first);
    if !(matches!(
        w.to_lowercase().as_str(),
        "a" | "an" | "the" | "his" | "her" | "its" | "their"
    ) || is_title_word(w))
    {
        return r;
    }
    let limit = sentence.tokens.end.min(first + 20);
    let end = (first..limit)
        .find(|&i| {
            matches!(doc.token_text(i), "," | "." | ";" | "!" | "?")
                || matches!(doc.tokens[i].kind, TokenKind::Quote(_))
        })
        .unwrap_or(limit);
    r.start..end
}

/// A person's source span takes in the titles before the name, as PolNeAR
/// draws sources ("PolitiFact Executive Director Aaron Sharockman").
fn with_titles(
    doc: &Doc,
    mention_at: &[Option<(usize, Range<usize>)>],
    r: Range<usize>,
    floor: usize,
) -> Range<usize> {
    use crate::entities::linking::is_title_word;
    let mut start = r.start;
    while start > floor {
        let w = doc.token_text(start - 1);
        let is_title = is_title_word(w)
            || lexicon::words(List::TitleModifiers).contains(w)
            || matches!(w, "former" | "Former");
        let named = mention_at[start - 1]
            .as_ref()
            .is_some_and(|(a, _)| doc.actors[*a].kind != crate::doc::ActorKind::Person);
        let people = crate::entities::gazetteer::place(w).is_some();
        if !(is_title || named || people) {
            break;
        }
        start -= 1;
    }
    // A title run must hold a title word; a bare organisation before a
    // name ("the FBI Comey") is not part of it.
    let has_title = (start..r.start).any(|i| is_title_word(doc.token_text(i)));
    if has_title {
        start..r.end
    } else {
        r
    }
}

/// Grows a source to the whole noun phrase PolNeAR marks: the determiner,
/// titles, honorifics and capitalised words before it ("The Trump
/// campaign", "Mr. Clarke", "South Korean President Park Geun-hye"), and a
/// relative clause or apposition set off by commas before the cue
/// ("Joseph, who has four children, said").
fn full_source(doc: &Doc, token_sentence: &[usize], c: &Claim, r: Range<usize>) -> Range<usize> {
    use crate::entities::linking::is_title_word;
    let sentence = &doc.sentences[token_sentence[r.start]];
    let taken = |i: usize| c.content.iter().chain(c.cue.iter()).any(|x| x.contains(&i));
    let mut start = r.start;
    while start > sentence.tokens.start && !taken(start - 1) {
        let w = doc.token_text(start - 1);
        if doc.tokens[start - 1].kind != TokenKind::Word {
            break;
        }
        if matches!(w, "the" | "The" | "a" | "A" | "an" | "An") {
            start -= 1;
            break;
        }
        let titled = is_title_word(w)
            || lexicon::words(List::TitleModifiers).contains(w)
            || lexicon::honorific(w).is_some()
            || crate::entities::gazetteer::place(w).is_some();
        // A capitalised word that opens the sentence may be any word
        // ("Earlier Obama said"); elsewhere it is part of the name.
        let capitalised = w.chars().next().is_some_and(char::is_uppercase)
            && start - 1 > sentence.tokens.start
            && !is_calendar_word(w);
        if !(titled || capitalised) {
            break;
        }
        start -= 1;
    }
    let mut end = r.end;
    if let Some(cue) = &c.cue {
        // ", who …," or ", a fellow at …," closed by a comma just before the
        // cue.
        if cue.start > end + 1 && doc.token_text(end) == "," && doc.token_text(cue.start - 1) == ","
        {
            let inner = end + 1..cue.start - 1;
            let clause_like = inner.len() <= 25
                && !inner
                    .clone()
                    .any(|i| taken(i) || matches!(doc.token_text(i), "." | ";" | "!" | "?"));
            if clause_like {
                end = cue.start;
            }
        } else if end + 1 == cue.start
            && doc.token_text(end) == ","
            && r.clone().any(|i| doc.token_text(i) == ",")
        {
            end = cue.start;
        }
    }
    start..end
}

fn is_calendar_word(w: &str) -> bool {
    matches!(
        w,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Today"
            | "Yesterday"
    )
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
        let has_verb = source.clone().any(|i| {
            matches!(
                doc.token_lower(i),
                "is" | "are"
                    | "was"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "should"
                    | "must"
                    | "did"
                    | "does"
                    | "do"
            )
        });
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

fn source_actor(mention_at: &[Option<(usize, Range<usize>)>], r: &Range<usize>) -> Option<usize> {
    r.clone().find_map(|i| mention_at[i].as_ref().map(|m| m.0))
}

fn claim(
    speaker: Option<usize>,
    source: Option<Range<usize>>,
    cue: Option<Range<usize>>,
    content: Range<usize>,
    kind: ClaimKind,
) -> Claim {
    Claim {
        speaker,
        source,
        cue,
        content: vec![content],
        kind,
        quotes: Vec::new(),
        hedged: false,
        negated: false,
    }
}

fn flags(doc: &Doc, c: &mut Claim) {
    // Lower-case words come from the document's table: nothing to collect.
    let words = |r: &Range<usize>| r.clone().map(|i| doc.token_lower(i));
    if let Some(cue) = &c.cue {
        c.hedged |= words(cue).any(|w| lexicon::words(List::HedgingCues).contains(w));
        c.negated |= words(cue).any(|w| {
            lexicon::words(List::Denials).contains(w)
                || lexicon::words(List::ClaimNegations).contains(w)
        });
        let before = cue.start.saturating_sub(2)..cue.start;
        c.negated |= words(&before).any(|w| lexicon::words(List::ClaimNegations).contains(w));
    }
    c.hedged |= c
        .content
        .iter()
        .flat_map(words)
        .any(|w| lexicon::words(List::ClaimHedges).contains(w));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> (Doc, Vec<Claim>) {
        let doc = crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Quotes);
        let c = extract(&doc);
        (doc, c)
    }

    fn show(doc: &Doc, r: &Option<Range<usize>>) -> String {
        r.as_ref()
            .map(|r| doc.slice(doc.token_range(r.clone())).to_string())
            .unwrap_or_default()
    }

    fn content(doc: &Doc, c: &Claim) -> String {
        c.content
            .iter()
            .map(|r| doc.slice(doc.token_range(r.clone())))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn said_that_clause() {
        let (doc, c) = claims("Helena Varga said that the talks would resume in May.");
        assert_eq!(c.len(), 1);
        assert_eq!(show(&doc, &c[0].source), "Helena Varga");
        assert_eq!(show(&doc, &c[0].cue), "said");
        assert_eq!(content(&doc, &c[0]), "that the talks would resume in May");
        assert_eq!(c[0].kind, ClaimKind::Indirect);
    }

    #[test]
    fn clause_then_source_said() {
        let (doc, c) = claims("The talks would resume in May, officials said.");
        assert_eq!(content(&doc, &c[0]), "The talks would resume in May");
        assert_eq!(show(&doc, &c[0].source), "officials");
    }

    #[test]
    fn clause_then_said_source() {
        let (doc, c) = claims("The plan will cost $4 billion, said Sen. Ruth Abernathy.");
        assert_eq!(content(&doc, &c[0]), "The plan will cost $4 billion");
        assert_eq!(show(&doc, &c[0].source), "Sen. Ruth Abernathy");
        let (doc, c) = claims("The plan will cost $4 billion, Ruth Abernathy said on Tuesday.");
        assert_eq!(show(&doc, &c[0].source), "Ruth Abernathy");
    }

    #[test]
    fn trailing_according_to() {
        let (doc, c) = claims("Forty ships were waiting offshore, according to port officials.");
        assert_eq!(show(&doc, &c[0].source), "port officials");
        assert_eq!(content(&doc, &c[0]), "Forty ships were waiting offshore");
    }

    #[test]
    fn source_keeps_its_titles() {
        let (doc, c) =
            claims("Foreign Minister Daniel Kostic said that the deal was not realistic.");
        assert_eq!(show(&doc, &c[0].source), "Foreign Minister Daniel Kostic");
    }

    #[test]
    fn parenthetical_source_and_cue() {
        let (doc, c) = claims("Climate change, Mr. Obama often says, is the greatest threat.");
        assert_eq!(
            content(&doc, &c[0]),
            "Climate change | is the greatest threat"
        );
        assert_eq!(show(&doc, &c[0].cue), "says");
    }

    #[test]
    fn consecutive_quotes_of_one_speaker_are_one_claim() {
        let (doc, c) = claims("“Here he is,” she said. “He is here.”");
        assert_eq!(c.len(), 1);
        assert_eq!(content(&doc, &c[0]), "“Here he is,” | “He is here.”");
        assert_eq!(c[0].quotes, vec![0, 1]);
    }

    #[test]
    fn infinitive_and_prepositional_complements() {
        // (The verb was "wants" until the learned cue detector: PolNeAR
        // annotators mark "wants" as a cue in only 24% of its uses.)
        let (doc, c) = claims("The coalition vowed to preserve its neutral policy.");
        assert_eq!(content(&doc, &c[0]), "to preserve its neutral policy");
        let (doc, c) = claims("Maria Delgado complained about the microphone after the debate.");
        assert_eq!(show(&doc, &c[0].cue), "complained about");
        assert_eq!(content(&doc, &c[0]), "the microphone after the debate");
    }

    #[test]
    fn helpers_belong_to_the_cue_not_the_source() {
        let (doc, c) = claims("Maria Delgado has also said that the plan would fail.");
        assert_eq!(show(&doc, &c[0].source), "Maria Delgado");
        assert_eq!(show(&doc, &c[0].cue), "has also said");
        let (doc, c) = claims("Fellow lawmakers repeatedly argued that the plan would fail.");
        assert_eq!(show(&doc, &c[0].source), "Fellow lawmakers");
    }

    #[test]
    fn appositions_are_part_of_the_source() {
        let (doc, c) = claims("“Nobody wanted this,” said Denise Okafor, president of Local 1180.");
        assert_eq!(
            show(&doc, &c[0].source),
            "Denise Okafor, president of Local 1180"
        );
        let (doc, c) = claims("Jeffrey Trimble, a senior official, said that the budget was cut.");
        assert_eq!(
            show(&doc, &c[0].source),
            "Jeffrey Trimble, a senior official,"
        );
    }

    #[test]
    fn according_to() {
        let (doc, c) = claims("According to the Port Authority, 40 ships were waiting offshore.");
        assert_eq!(show(&doc, &c[0].cue), "According to");
        assert_eq!(content(&doc, &c[0]), "40 ships were waiting offshore");
    }

    #[test]
    fn told_journalists_clause() {
        let (doc, c) =
            claims("Helena Varga told journalists that she believed the other side wanted calm.");
        assert_eq!(show(&doc, &c[0].cue), "told");
        assert_eq!(
            content(&doc, &c[0]),
            "that she believed the other side wanted calm"
        );
    }

    #[test]
    fn direct_quote_claim_keeps_the_marks() {
        let (doc, c) = claims("“We want peace,” Maria Delgado said.");
        assert_eq!(c[0].kind, ClaimKind::Direct);
        assert_eq!(content(&doc, &c[0]), "“We want peace,”");
        assert_eq!(c[0].quotes, vec![0]);
    }

    #[test]
    fn mixed_claim() {
        let (doc, c) = claims("Ivan Petrov called the plan “unrealistic” on Monday.");
        assert_eq!(c[0].kind, ClaimKind::Mixed);
        assert!(content(&doc, &c[0]).contains("“unrealistic”"));
    }

    #[test]
    fn hedged_and_negated() {
        let (_, c) = claims("The president intimated that a meeting might be imminent.");
        assert!(c[0].hedged);
        let (_, c) = claims("Maria Delgado did not say that the plan had failed.");
        assert!(c[0].negated);
        let (_, c) = claims("Maria Delgado denied that the plan had failed.");
        assert!(c[0].negated);
    }
    #[test]
    fn bare_clause_after_speech_verb() {
        let (doc, c) = claims("She said fathers would not be eligible for the leave.");
        assert_eq!(
            content(&doc, &c[0]),
            "fathers would not be eligible for the leave"
        );
        let (doc, c) = claims("A spokeswoman for the ministry says neither minister knew.");
        assert_eq!(show(&doc, &c[0].source), "A spokeswoman for the ministry");
        assert_eq!(content(&doc, &c[0]), "neither minister knew");
    }

    #[test]
    fn source_is_the_whole_noun_phrase() {
        let (doc, c) = claims("The Harbour Workers Union has said the strike will go on.");
        assert_eq!(show(&doc, &c[0].source), "The Harbour Workers Union");
        let (doc, c) = claims("Rep. Alma Ruiz (D-Ore.) said the law was clear.");
        assert_eq!(show(&doc, &c[0].source), "Rep. Alma Ruiz (D-Ore.)");
        let (doc, c) =
            claims("Pablo Ferrer, who has four children, said the schools were too far away.");
        assert_eq!(
            show(&doc, &c[0].source),
            "Pablo Ferrer, who has four children,"
        );
    }

    #[test]
    fn reported_clause_ends_at_contrast_or_second_verb() {
        let (doc, c) = claims(
            "Ferrer claimed that the tax was fair, although he again refused to publish his returns.",
        );
        assert_eq!(content(&doc, &c[0]), "that the tax was fair");
        let (doc, c) =
            claims("China said it was opposed to the test and warned the North against more.");
        assert_eq!(content(&doc, &c[0]), "it was opposed to the test");
    }
    #[test]
    fn second_verb_of_the_subject() {
        let (doc, c) = claims(
            "Mayor Ruth Adeyemi toured the flooded district on Monday and said the levee would be rebuilt.",
        );
        let said = c.iter().find(|c| show(&doc, &c.cue) == "said").unwrap();
        assert_eq!(show(&doc, &said.source), "Mayor Ruth Adeyemi");
        assert_eq!(content(&doc, said), "the levee would be rebuilt");
    }

    #[test]
    fn long_relative_clause_in_the_source() {
        let (doc, c) = claims(
            "Dr. Lena Marsh, who as a young surgeon ran the field hospital in the north of the country for six years before she retired, said that the ward was never safe.",
        );
        assert_eq!(
            show(&doc, &c[0].source),
            "Dr. Lena Marsh, who as a young surgeon ran the field hospital in the north of the country for six years before she retired,"
        );
        let (doc, c) = claims(
            "She said the plan would fail, and when pressed on why, she declined to answer.",
        );
        assert_eq!(content(&doc, &c[0]), "the plan would fail");
    }

    #[test]
    fn a_quoted_title_inside_a_clause_is_not_the_speech() {
        let (doc, c) = claims(
            "On Sunday's broadcast of “Morning Desk,” Senator Jo Park said the bill was dead.",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(show(&doc, &c[0].source), "Senator Jo Park");
        assert_eq!(content(&doc, &c[0]), "the bill was dead");
    }
    #[test]
    fn object_of_an_attitude_verb() {
        let (doc, c) = claims(
            "Former mayor Ines Varga criticized the transit plan as a fantasy, and left the hall.",
        );
        assert_eq!(show(&doc, &c[0].cue), "criticized");
        assert_eq!(content(&doc, &c[0]), "the transit plan as a fantasy");
        let (doc, c) = claims("Vega laid out her proposals to expand rail service, and left.");
        assert_eq!(show(&doc, &c[0].cue), "laid out");
        assert_eq!(content(&doc, &c[0]), "her proposals to expand rail service");
    }
    #[test]
    fn cue_phrase_through_to_say() {
        let (doc, c) = claims("Okafor went on to say that the strike could last for weeks.");
        assert_eq!(show(&doc, &c[0].cue), "went on to say");
        assert_eq!(content(&doc, &c[0]), "that the strike could last for weeks");
        let (doc, c) = claims("Okafor went on to say, “We are not moving.”");
        assert_eq!(show(&doc, &c[0].cue), "went on to say");
        assert_eq!(c[0].kind, ClaimKind::Direct);
    }

    #[test]
    fn cue_phrase_through_a_gerund() {
        let (doc, c) = claims(
            "Mayor Ruth Adeyemi, who was told of the vote, reacted by thanking Governor Hale for his patience.",
        );
        assert_eq!(
            show(&doc, &c[0].source),
            "Mayor Ruth Adeyemi, who was told of the vote,"
        );
        assert_eq!(show(&doc, &c[0].cue), "reacted by thanking");
        assert_eq!(content(&doc, &c[0]), "Governor Hale for his patience");
    }

    #[test]
    fn two_quotes_in_one_reported_clause_are_one_claim() {
        let (doc, c) = claims(
            "Okafor told reporters that the port was “nearly closed” and that talks were “going nowhere.”",
        );
        assert_eq!(
            c.len(),
            1,
            "{:?}",
            c.iter().map(|c| content(&doc, c)).collect::<Vec<_>>()
        );
        assert_eq!(c[0].quotes, vec![0, 1]);
    }
}
