//! Quote extraction: direct quotations, and who said them with what cue.
//!
//! Quotation marks are paired per paragraph by style (double marks with
//! double, single with single); single marks inside a double quotation are
//! nested quotes and stay inside it. A quotation still open at the end of a
//! paragraph continues when the next paragraph opens with a mark (the news
//! convention for long quotes); otherwise it is closed there, so an
//! unbalanced mark never swallows the rest of the article.
//!
//! Attribution looks around the quotation in its sentence for a reporting
//! cue from the lexicon measured on PolNeAR train (`data/cues.tsv`): after it
//! (`"…," X said`, `"…," said X`) or before it (`X said: "…"`, `X told
//! reporters that … "…"`, `X's remark that … "…"`). A quotation with no cue
//! of its own in a paragraph that continues someone's quotes belongs to them.

use crate::cues::is_cue;
use crate::doc::{ActorKind, Doc, MentionKind, Quotation, QuoteDir, TokenKind};
use crate::lexicon::{self, List};
use std::ops::Range;

/// How far (in tokens) a cue and its speaker may stand from a quotation.
const CUE_WINDOW: usize = 80;

// Confidence of an attribution, by how it was found. An ordering, not a
// probability: chosen by hand (no calibration is recorded), a cue after the
// quotation (`"…," X said`) above one before it, a speaker resolved to an
// actor above a bare mention, and a quotation carried over from an earlier
// one lowest. Consumers compare them; the snapshot tests pin them.
/// `"…," X said` with X an actor, and with X only a mention.
const AFTER_ACTOR: f64 = 0.9;
const AFTER_MENTION: f64 = 0.6;
/// `X said: "…"` with X an actor, and with X only a mention.
const BEFORE_ACTOR: f64 = 0.8;
const BEFORE_MENTION: f64 = 0.5;
/// A quotation that continues an earlier speaker's.
const CARRIED_ACTOR: f64 = 0.5;
// Words quoted inside a clause without a cue, given to its subject: as
// sure as a carried-over speaker (chosen by hand, like the others).
const EMBEDDED_ACTOR: f64 = 0.5;
const CARRIED_MENTION: f64 = 0.3;

fn is_double(mark: &str) -> bool {
    matches!(mark, "\"" | "“" | "”" | "„" | "«" | "»" | "''" | "``")
}

/// Finds the quotations of `doc` and attributes them.
pub fn extract(doc: &Doc) -> Vec<Quotation> {
    let mut quotes = pair_marks(doc);
    let token_sentence = doc.sentence_of();
    let mention_at = doc.mention_at();
    let quoted = doc.quoted();
    let cue_heads = crate::cues::heads(doc);
    // The last quotation with a speaker, kept as we go: looking back for it
    // each time would make a run of unattributed quotations quadratic.
    let mut last_spoken: Option<usize> = None;
    for k in 0..quotes.len() {
        attribute(
            doc,
            token_sentence,
            mention_at,
            quoted,
            &cue_heads,
            &mut quotes[k],
        );
        // A transcript's quotation opens with its speaker's label.
        if let Some(label) = crate::speakers::transcript_label(doc, quotes[k].parts[0].start) {
            let q = &mut quotes[k];
            q.speaker = crate::speakers::label_speaker(doc, &label);
            q.speaker_mention = Some(label.clone());
            q.confidence = if q.speaker.is_some() {
                BEFORE_ACTOR
            } else {
                BEFORE_MENTION
            };
            // The label and its colon are not quoted words.
            if q.parts[0].end > label.end + 1 {
                q.parts[0].start = label.end + 1;
            }
            last_spoken = Some(k);
            continue;
        }
        // "…," he said: the pronoun is most often the speaker quoted just
        // before.
        if let Some(mention) = quotes[k].speaker_mention.clone().filter(|m| m.len() == 1) {
            let previous = last_spoken.and_then(|p| Some((quotes[p].speaker?, quotes[p].open)));
            let resolved =
                crate::speakers::pronoun_speaker(doc, mention.start, previous, quotes[k].speaker);
            if resolved != quotes[k].speaker {
                quotes[k].speaker = resolved;
                let after = quotes[k]
                    .cue
                    .as_ref()
                    .is_some_and(|c| c.start > quotes[k].open);
                quotes[k].confidence = match (after, resolved.is_some()) {
                    (true, true) => AFTER_ACTOR,
                    (true, false) => AFTER_MENTION,
                    (false, true) => BEFORE_ACTOR,
                    (false, false) => BEFORE_MENTION,
                };
            }
        }
        // "(CROSSTALK.)", "(Applause)": a transcript's stage direction is
        // nobody's words.
        let first = quotes[k].parts[0].start;
        let stage_direction = doc.token_text(first) == "(";
        if quotes[k].speaker_mention.is_none() && !stage_direction {
            if let Some(prev) = last_spoken {
                carry_over(doc, token_sentence, &mut quotes, prev, k);
            }
        }
        if quotes[k].speaker.is_some() || quotes[k].speaker_mention.is_some() {
            last_spoken = Some(k);
        }
    }
    quotes
}

/// Pairs double marks per paragraph, continuing open quotations into a
/// next paragraph that starts with a mark.
fn pair_marks(doc: &Doc) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut continuing: Option<Quotation> = None;
    for p in &doc.paragraphs {
        let toks = p.tokens.clone();
        let starts_with_open = matches!(
            doc.tokens[toks.start].kind,
            TokenKind::Quote(QuoteDir::Open)
        ) && is_double(doc.token_text(toks.start));
        let mut open: Option<(usize, usize)> = None; // (open mark token, first inner token)
        let mut current = match continuing.take() {
            // A transcript's next speaker ("WALLACE: …") starts a new
            // quotation even when the last one never closed.
            Some(q)
                if starts_with_open
                    && crate::speakers::transcript_label(doc, toks.start + 1).is_none() =>
            {
                open = Some((q.open, toks.start + 1));
                Some(q)
            }
            Some(q) => {
                out.push(q);
                None
            }
            None => None,
        };
        for i in toks.clone() {
            let TokenKind::Quote(dir) = doc.tokens[i].kind else {
                continue;
            };
            if !is_double(doc.token_text(i)) {
                continue;
            }
            match (dir, open) {
                (QuoteDir::Open, None) => open = Some((i, i + 1)),
                // Opening while open: the mark that continues a quotation
                // into this paragraph, a nested double quote, or a stray
                // mark; the outer quotation goes on.
                (QuoteDir::Open, Some(_)) => {}
                (QuoteDir::Close, Some((o, first))) => {
                    let mut q = current.take().unwrap_or_else(|| new_quotation(o));
                    if first < i {
                        q.parts.push(first..i);
                    }
                    q.close = Some(i);
                    if !q.parts.is_empty() {
                        out.push(q);
                    }
                    open = None;
                }
                // A closing mark with nothing open: stray, ignored.
                (QuoteDir::Close, None) => {}
            }
        }
        // Still open at the paragraph end: maybe continued, else closed here.
        if let Some((o, first)) = open {
            let mut q = current.take().unwrap_or_else(|| new_quotation(o));
            if first < toks.end {
                q.parts.push(first..toks.end);
            }
            if !q.parts.is_empty() {
                continuing = Some(q);
            }
        }
    }
    if let Some(q) = continuing {
        out.push(q);
    }
    out.sort_by_key(|q| q.parts[0].start);
    out
}

fn new_quotation(open: usize) -> Quotation {
    Quotation {
        parts: Vec::new(),
        open,
        close: None,
        speaker: None,
        speaker_mention: None,
        cue: None,
        confidence: 0.0,
        carried: false,
        embedded: false,
    }
}

/// The words between a closing mark and its cue as the speaker ("Trump
/// lawyer Marc Kasowitz", "Mr. Morgan of the Sierra Club", "Rep. John Mica
/// (R-Fla.)"): all words (or the tag), and the speaker is the first person
/// named in them, else the last actor named, else a pronoun's antecedent.
fn speaker_phrase(
    doc: &Doc,
    mention_at: &[Option<usize>],
    phrase: Range<usize>,
    tag: Option<&Range<usize>>,
) -> Option<(Range<usize>, Option<usize>)> {
    let in_tag = |k: usize| tag.is_some_and(|t| t.contains(&k));
    let wordy = phrase.clone().all(|k| {
        in_tag(k)
            // "Quina Jones, 25, said": an age or a short apposition.
            || (k > phrase.start && doc.token_text(k) == ",")
            || (matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Number)
                && !is_cue(doc.token_text(k)))
    });
    let first = doc.token_lower(phrase.start);
    if !wordy
        || lexicon::words(List::FunctionWords).contains(first)
            && !matches!(
                first,
                "the" | "a" | "an" | "he" | "she" | "they" | "it" | "we" | "i"
            )
    {
        return None;
    }
    let mentions: Vec<usize> = phrase
        .clone()
        .filter(|&k| !in_tag(k))
        .filter_map(|k| mention_at[k])
        .collect();
    let person = mentions
        .iter()
        .find(|&&m| doc.actors[doc.mentions[m].actor].kind == ActorKind::Person);
    let actor = person.or(mentions.last()).map(|&m| doc.mentions[m].actor);
    if actor.is_none() && phrase.len() > 4 {
        return None;
    }
    Some((phrase, actor))
}

/// The speaker noun phrase ending at `end` (exclusive): a linked mention,
/// else a short run of words back to punctuation ("a spokesman", "one
/// trader").
fn speaker_before(
    doc: &Doc,
    mention_at: &[Option<usize>],
    end: usize,
    floor: usize,
) -> Option<(Range<usize>, Option<usize>)> {
    if end == 0 || end <= floor {
        return None;
    }
    let mut end = end;
    while end > floor + 1 && crate::cues::is_verb_helper(doc.token_text(end - 1)) {
        end -= 1;
    }
    if let Some(m) = mention_at[end - 1] {
        let m = &doc.mentions[m];
        return Some((m.tokens.clone(), Some(m.actor)));
    }
    let mut start = end;
    while start > floor
        && start + 4 > end
        && doc.tokens[start - 1].kind == TokenKind::Word
        && !is_cue(doc.token_text(start - 1))
    {
        start -= 1;
    }
    let phrase = start..end;
    let looks_like_np = !phrase.is_empty()
        && phrase.len() <= 4
        && !matches!(
            doc.token_lower(phrase.start),
            "and" | "but" | "that" | "which" | "who"
        );
    looks_like_np.then_some((phrase, None))
}

fn speaker_after(
    doc: &Doc,
    mention_at: &[Option<usize>],
    start: usize,
    ceiling: usize,
) -> Option<(Range<usize>, Option<usize>)> {
    if start >= ceiling {
        return None;
    }
    if let Some(m) = mention_at[start] {
        let m = &doc.mentions[m];
        return Some((m.tokens.clone(), Some(m.actor)));
    }
    // "“…” suggests that Phoenix …": a clause follows, not a speaker.
    let first = doc.token_lower(start);
    if lexicon::words(List::FunctionWords).contains(first)
        && !matches!(
            first,
            "the"
                | "a"
                | "an"
                | "he"
                | "she"
                | "they"
                | "it"
                | "we"
                | "i"
                | "his"
                | "her"
                | "their"
        )
    {
        return None;
    }
    let mut end = start;
    while end < ceiling && end < start + 4 && doc.tokens[end].kind == TokenKind::Word {
        end += 1;
    }
    (end > start).then_some((start..end, None))
}

/// Finds the cue and speaker of `q`: after the quotation first, else
/// before it.
fn attribute(
    doc: &Doc,
    token_sentence: &[usize],
    mention_at: &[Option<usize>],
    quoted: &[bool],
    cue_heads: &[bool],
    q: &mut Quotation,
) {
    if !attribute_after(doc, token_sentence, mention_at, quoted, q) {
        attribute_before(doc, token_sentence, mention_at, quoted, cue_heads, q);
    }
    // "Reid has gone after Trump as a “human leech”": words quoted inside
    // a clause with no cue are the clause's subject's, when a person.
    let runs_in = q.open > 0 && doc.tokens[q.open - 1].kind == TokenKind::Word;
    if q.speaker_mention.is_none() && runs_in && !looks_like_title(doc, q) {
        if let Some((mention, actor)) =
            crate::speakers::clause_speaker(doc, mention_at, q.parts[0].clone(), q.open)
        {
            q.speaker = Some(actor);
            q.speaker_mention = Some(mention);
            q.embedded = true;
            q.confidence = EMBEDDED_ACTOR;
        }
    }
}

/// The sentence whose words after the quotation ending at `last` may
/// attribute it: its own, or, when a question or exclamation mark inside
/// the quotation ended the sentence for the splitter (`“…bank?” Mr.
/// Clyburn said.`), the next one in the paragraph.
fn attribution_sentence<'d>(
    doc: &'d Doc,
    token_sentence: &[usize],
    last: usize,
    after_close: usize,
) -> &'d crate::doc::Sentence {
    let own = &doc.sentences[token_sentence[last - 1]];
    let asks = matches!(doc.token_text(last - 1), "?" | "!");
    match doc.sentences.get(token_sentence[last - 1] + 1) {
        Some(next)
            if asks
                && after_close == own.tokens.end
                && next.paragraph == own.paragraph
                && next.tokens.start == after_close =>
        {
            next
        }
        _ => own,
    }
}

/// A party-and-state tag within a few words of `i` ("Rep. John Mica
/// (R-Fla.) said"): it does not count toward the reach of a cue.
fn party_tag(doc: &Doc, i: usize, sentence_end: usize) -> Option<Range<usize>> {
    (i..(i + 5).min(sentence_end))
        .find(|&k| doc.token_text(k) == "(")
        .and_then(|open| {
            (open..(open + 8).min(sentence_end))
                .find(|&k| doc.token_text(k) == ")")
                .map(|close| open..close + 1)
        })
}

/// `"…," X said` or `"…," said X`, within a few tokens of the closing
/// mark; whether it found them.
fn attribute_after(
    doc: &Doc,
    token_sentence: &[usize],
    mention_at: &[Option<usize>],
    quoted: &[bool],
    q: &mut Quotation,
) -> bool {
    let first = q.parts[0].start;
    let last = q.parts[q.parts.len() - 1].end;
    let after_close = q.close.map_or(last, |c| c + 1);
    let end_sentence = attribution_sentence(doc, token_sentence, last, after_close);
    let start_sentence = &doc.sentences[token_sentence[first]];
    // After: `"…," X said` or `"…," said X`, within a few tokens.
    let mut i = after_close;
    while i < end_sentence.tokens.end && matches!(doc.token_text(i), "," | "—" | "–" | "-" | "--")
    {
        i += 1;
    }
    // Only `X said` or `said X` right after the quotation: a relative
    // clause (", which signalled ...") or a new clause reports nothing.
    let opens_clause = i < end_sentence.tokens.end
        && matches!(
            doc.token_lower(i),
            "which" | "who" | "that" | "and" | "but" | "as" | "so" | "to"
        );
    let sentence_end = end_sentence.tokens.end;
    let tag = party_tag(doc, i, sentence_end);
    let limit = (i + 8 + tag.as_ref().map_or(0, |t| t.len())).min(sentence_end);
    // A quotation that a word runs into is part of a larger clause: a verb
    // of saying after it reports the clause and the quoted words with it
    // ("Oz is “smart as hell,” Mosko wrote"), but not a title ("on the
    // broadcast of “Fox News Sunday,” Pence said …"), and no other cue
    // does ("… a “con,” a critic of …").
    let runs_in =
        q.open > start_sentence.tokens.start && doc.tokens[q.open - 1].kind == TokenKind::Word;
    let reports_clause = |cue: &usize| {
        !runs_in || (crate::cues::is_speech_verb(doc.token_text(*cue)) && !looks_like_title(doc, q))
    };
    let after_cue = (!opens_clause)
        .then(|| {
            (i..limit)
                .find(|&k| is_cue(doc.token_text(k)) && !quoted[k])
                .or_else(|| {
                    crate::speakers::cue_after_apposition(doc, mention_at, quoted, i, sentence_end)
                })
        })
        .flatten()
        .filter(reports_clause);
    if let Some(cue) = after_cue {
        // The parse's subject of the cue, when it has one here ("said Mr.
        // Burman", "the Indiana governor said"), else the words around it.
        let parsed = crate::speakers::parsed_subject(doc, mention_at, cue, i..sentence_end);
        let attributed = if cue == i {
            parsed.or_else(|| speaker_after(doc, mention_at, cue + 1, sentence_end))
        } else {
            // The words before the cue are the mention; the parse says
            // whom they name.
            let parsed = parsed.filter(|(span, _)| span.start >= i && span.end <= cue);
            match (
                parsed,
                speaker_phrase(doc, mention_at, i..cue, tag.as_ref()),
            ) {
                (Some((_, actor)), Some((phrase, _))) => Some((phrase, actor)),
                (parsed, phrase) => parsed.or(phrase),
            }
        };
        if let Some((mention, actor)) = attributed {
            q.cue = Some(cue..cue + 1);
            q.speaker = actor.or_else(|| pronoun_actor(doc, mention_at, &mention));
            q.speaker_mention = Some(mention);
            q.confidence = if q.speaker.is_some() {
                AFTER_ACTOR
            } else {
                AFTER_MENTION
            };
            return true;
        }
    }
    false
}

/// The nearest cue before the opening mark, and the subject before it.
fn attribute_before(
    doc: &Doc,
    token_sentence: &[usize],
    mention_at: &[Option<usize>],
    quoted: &[bool],
    cue_heads: &[bool],
    q: &mut Quotation,
) {
    let first = q.parts[0].start;
    let start_sentence = &doc.sentences[token_sentence[first]];
    // Before: the nearest cue left of the opening mark in its sentence
    // (and not far from it), and the subject before it.
    // A quotation that opens its sentence after a colon ("He said:" ending
    // the paragraph before) takes its cue from the sentence the colon ends.
    let mut sentence_start = start_sentence.tokens.start;
    if q.open == sentence_start && q.open > 0 && doc.token_text(q.open - 1) == ":" {
        sentence_start = doc.sentences[token_sentence[q.open - 1]].tokens.start;
    }
    let floor = sentence_start.max(q.open.saturating_sub(CUE_WINDOW));
    // The nearest word that the detector takes for a cue head, else the
    // nearest lexicon cue ("the letter" is a cue less often than "said").
    let cue = (floor..q.open)
        .rev()
        .find(|&k| !quoted[k] && cue_heads[k])
        .or_else(|| {
            (floor..q.open).rev().find(|&k| {
                !quoted[k] && (is_cue(doc.token_text(k)) || doc.token_lower(k) == "according")
            })
        });
    if let Some(cue) = cue {
        let cue_range = if doc.token_lower(cue) == "according" {
            cue..(cue + 2).min(q.open)
        } else {
            cue..crate::cues::cue_extent(doc, cue, q.open)
        };
        // "X's remark that": the speaker is the possessor.
        let subject_end = if cue > floor && matches!(doc.token_text(cue - 1), "'s" | "’s") {
            cue - 1
        } else {
            cue
        };
        let found = if doc.token_lower(cue) == "according" {
            speaker_after(doc, mention_at, cue_range.end, q.open)
        } else {
            // "Said Ellis: “…”": with nothing before the cue, the speaker
            // follows it.
            (subject_end == cue)
                .then(|| crate::speakers::parsed_subject(doc, mention_at, cue, floor..q.open))
                .flatten()
                .or_else(|| nearest_subject(doc, mention_at, subject_end, floor))
                .or_else(|| speaker_after(doc, mention_at, cue_range.end, q.open))
        };
        if let Some((mention, actor)) = found {
            q.cue = Some(cue_range.clone());
            q.speaker = actor.or_else(|| pronoun_actor(doc, mention_at, &mention));
            q.speaker_mention = Some(mention);
            q.confidence = if q.speaker.is_some() {
                BEFORE_ACTOR
            } else {
                BEFORE_MENTION
            };
            // Words between the cue and the mark: the quote is part of a
            // reported clause.
            q.embedded = (cue_range.end..q.open).any(|k| doc.tokens[k].kind == TokenKind::Word);
        }
    }
}

/// The subject of a cue: the nearest actor mention before it in the
/// sentence, else the words just before it.
fn nearest_subject(
    doc: &Doc,
    mention_at: &[Option<usize>],
    end: usize,
    floor: usize,
) -> Option<(Range<usize>, Option<usize>)> {
    // "Gov. Mike Pence (R-IN) said": the tag stays with the name.
    if end > floor + 1 && doc.token_text(end - 1) == ")" {
        if let Some(open) = (floor.max(end.saturating_sub(8))..end - 1)
            .rev()
            .find(|&k| doc.token_text(k) == "(")
        {
            return nearest_subject(doc, mention_at, open, floor).map(|(r, a)| (r.start..end, a));
        }
    }
    if let Some(m) = (floor..end).rev().find_map(|k| mention_at[k]) {
        let m = &doc.mentions[m];
        return Some((m.tokens.clone(), Some(m.actor)));
    }
    speaker_before(doc, mention_at, end, floor)
}

fn pronoun_actor(doc: &Doc, mention_at: &[Option<usize>], range: &Range<usize>) -> Option<usize> {
    range
        .clone()
        .find_map(|k| mention_at[k])
        .filter(|&m| doc.mentions[m].kind != MentionKind::Name || doc.mentions[m].tokens == *range)
        .map(|m| doc.mentions[m].actor)
}

/// Whether a quotation's words are a title ("“Fox News Sunday,”"): a few
/// words, each capitalised; words that run into other quoted speech
/// ("Oz is “smart as hell,” Mosko wrote") are the speaker's.
fn looks_like_title(doc: &Doc, q: &Quotation) -> bool {
    /// Titles quoted in news are short.
    const TITLE_WORDS: usize = 6;
    let words: Vec<&str> = q
        .parts
        .iter()
        .flat_map(|p| p.clone())
        .filter(|&k| doc.tokens[k].kind == TokenKind::Word)
        .map(|k| doc.token_text(k))
        .collect();
    words.len() <= TITLE_WORDS
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || crate::lexicon::words(crate::lexicon::List::TitleSmallWords).contains(w)
        })
}

/// A quotation with no cue of its own continues the quotes of the speaker
/// before it: in its paragraph, or in the paragraph just before when its
/// own paragraph is all quotation.
fn carry_over(
    doc: &Doc,
    token_sentence: &[usize],
    quotes: &mut [Quotation],
    prev: usize,
    k: usize,
) {
    let (before, rest) = quotes.split_at_mut(k);
    let q = &mut rest[0];
    let prev = &before[prev];
    let paragraph = |t: usize| doc.sentences[token_sentence[t]].paragraph;
    let this_p = paragraph(q.parts[0].start);
    let prev_p = paragraph(prev.parts[prev.parts.len() - 1].end - 1);
    let paragraph_is_quote = q.open == doc.paragraphs[this_p].tokens.start;
    if this_p == prev_p || (this_p == prev_p + 1 && paragraph_is_quote) {
        q.speaker = prev.speaker;
        q.carried = true;
        q.confidence = if q.speaker.is_some() {
            CARRIED_ACTOR
        } else {
            CARRIED_MENTION
        };
    }
}

#[cfg(test)]
mod tests;
