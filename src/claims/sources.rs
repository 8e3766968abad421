//! The source of a claim as PolNeAR draws it: the whole noun phrase, with
//! its apposition ("Denise Okafor, president of Local 1180") and the titles
//! before it ("Foreign Minister Sergei Lavrov"), and the actor it names.
//!
//! Assumes actor mentions linked.

use super::*;

/// `said Denise Okafor, president of Local 1180.`: a source followed by an
/// apposition (a determiner or title word after the comma) takes it in, up
/// to the next comma or the sentence end.
pub(super) fn with_apposition(
    doc: &Doc,
    token_sentence: &[usize],
    r: Range<usize>,
) -> Range<usize> {
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
pub(super) fn with_titles(
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
pub(super) fn full_source(
    doc: &Doc,
    token_sentence: &[usize],
    c: &Claim,
    r: Range<usize>,
) -> Range<usize> {
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

pub(super) fn source_actor(
    mention_at: &[Option<(usize, Range<usize>)>],
    r: &Range<usize>,
) -> Option<usize> {
    r.clone().find_map(|i| mention_at[i].as_ref().map(|m| m.0))
}
