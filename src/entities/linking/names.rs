//! Name candidates: the tagger's names (and the gazetteer's places it left
//! out) cleaned and typed, with the titles before and after a person's name.
//!
//! Assumes the linker's token tables (`Linker::new` in the parent).

use super::*;

impl Linker<'_> {
    /// Places and peoples the gazetteer knows that the tagger left out,
    /// as tagger-like entities (longest match, up to four tokens).
    fn gazetteer_entities(
        &self,
        tagged: &[(Range<usize>, u8, usize)],
    ) -> Vec<(Range<usize>, u8, usize)> {
        let doc = self.doc;
        let mut taken = vec![false; doc.tokens.len()];
        for t in tagged {
            taken[t.0.clone()].fill(true);
        }
        let mut out = Vec::new();
        for (k, s) in doc.sentences.iter().enumerate() {
            let mut i = s.tokens.start;
            while i < s.tokens.end {
                // Names start with a capital: most tokens are out at once.
                if taken[i] || !self.word(i).starts_with(|c: char| c.is_uppercase()) {
                    i += 1;
                    continue;
                }
                let found = (1..=4).rev().find(|&len| {
                    i + len <= s.tokens.end
                        && !taken[i..i + len].iter().any(|&t| t)
                        && gazetteer::place(self.text(i..i + len)).is_some()
                });
                match found {
                    Some(len) => {
                        out.push((i..i + len, 3, k));
                        i += len;
                    }
                    None => i += 1,
                }
            }
        }
        out
    }

    /// Cleans the tagger's entities into typed name candidates.
    pub(super) fn candidates(&self, tagged: &[(Range<usize>, u8, usize)]) -> Vec<NameCandidate> {
        let mut tagged = tagged.to_vec();
        tagged.extend(self.gazetteer_entities(&tagged));
        tagged.sort_by_key(|t| t.0.start);
        let person_starts: HashSet<usize> = tagged
            .iter()
            .filter(|t| t.1 == 1)
            .map(|t| t.0.start)
            .collect();
        let mut out: Vec<NameCandidate> = tagged
            .iter()
            .filter_map(|(range, tag, sentence)| {
                let r = self.name_span(range.clone(), *tag)?;
                self.typed_candidate(r, *tag, *sentence, &person_starts)
            })
            .collect();
        self.keep_confirmed_headline_names(&mut out);
        out
    }

    /// The name in a tagged range: without possessives, a leading "the",
    /// honorifics and (for persons) titles; none when only a title or role
    /// is left.
    fn name_span(&self, range: Range<usize>, tag: u8) -> Option<Range<usize>> {
        let mut r = range;
        // Possessives, a leading "the" and honorifics are not the name.
        while r.len() > 1 && matches!(self.word(r.end - 1), "'s" | "’s" | "'" | "’") {
            r.end -= 1;
        }
        while r.len() > 1
            && (matches!(self.word(r.start), "the" | "The")
                || lexicon::honorific(self.word(r.start)).flatten().is_some()
                || (tag == 1
                    && (is_title_word(self.word(r.start))
                        || lexicon::words(List::TitleModifiers).contains(self.word(r.start)))))
        {
            r.start += 1;
        }
        // "Members of the International Grain Council": the group is
        // the name after "of".
        if let Some(of) = (r.start + 1..r.end.saturating_sub(1)).find(|&k| self.word(k) == "of") {
            if lexicon::words(List::RolePlurals).contains(self.doc.token_lower(r.start)) {
                r.start = of + 1;
                if r.len() > 1 && matches!(self.word(r.start), "the" | "The") {
                    r.start += 1;
                }
            }
        }
        let text = self.text(r.clone());
        // "Mr. King", "Ms. Chancellor": after an honorific a title word is
        // a surname.
        let after_honorific = r.start > 0
            && lexicon::honorific(self.word(r.start - 1))
                .flatten()
                .is_some();
        if r.len() == 1
            && ((is_title_word(text) && !after_honorific)
                || lexicon::honorific(text).flatten().is_some()
                || lexicon::words(List::RolePlurals).contains(text.to_lowercase().as_str()))
        {
            return None;
        }
        Some(r)
    }

    /// The kind of actor a cleaned name is (person, organisation, place,
    /// group), from the gazetteer, its shape and the tagger's label; none
    /// for a demonym or group word used as an adjective.
    fn typed_candidate(
        &self,
        r: Range<usize>,
        tag: u8,
        sentence: usize,
        person_starts: &HashSet<usize>,
    ) -> Option<NameCandidate> {
        let doc = self.doc;
        let n = doc.tokens.len();
        let text = self.text(r.clone());
        // Capitals say nothing in "GENEVA --" or a shouted headline.
        let titled = if text.chars().filter(|c| c.is_alphabetic()).count() > 3
            && !text.chars().any(char::is_lowercase)
        {
            text.split(' ')
                .map(crate::entities::tagger::title_case)
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            text.to_string()
        };
        let dateline = r.start
            == doc.paragraphs[doc.sentences[sentence].paragraph]
                .tokens
                .start
            && !text.chars().any(char::is_lowercase)
            && r.end < n
            && matches!(self.word(r.end), "--" | "—" | "–" | "-" | "(" | ",");
        let next = (r.end < n).then(|| self.word(r.end));
        let next_is_lower_word = r.end < n
            && self.is_word(r.end)
            && next.is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
        // "Russian President", "American president", "British lamb":
        // an adjective, not an actor.
        let adjectival = r.len() == 1
            && (next_is_lower_word
                || next.is_some_and(is_title_word)
                || person_starts.contains(&r.end));
        let place = gazetteer::place(&titled);
        // "Acme Inc.", and "Clinton Foundation" (no person's name ends
        // with an institution's head).
        let last = self.word(r.end - 1);
        let company = r.len() > 1
            && (lexicon::words(List::OrgSuffixes).contains(last)
                || lexicon::words(List::InstitutionHeads).contains(last));
        let kind = kind_of(place, company, dateline, adjectival, tag, text)?;
        // "the Biden administration", "the Kyiv government": an
        // organisation named after a person or place.
        if r.len() <= 3
            && kind != ActorKind::Group
            && next.is_some_and(|w| lexicon::words(List::PersonOrgHeads).contains(w))
        {
            return Some(NameCandidate {
                tokens: r.start..r.end + 1,
                sentence,
                kind: ActorKind::Organization,
                place: None,
            });
        }
        Some(NameCandidate {
            tokens: r,
            sentence,
            kind,
            place,
        })
    }

    /// A headline is title-cased, which misleads the tagger: keep its
    /// names only when the body or the gazetteer confirms them.
    fn keep_confirmed_headline_names(&self, out: &mut Vec<NameCandidate>) {
        let doc = self.doc;
        if let Some(title) = doc.title_paragraph {
            let title_sentences = doc.paragraphs[title].sentences.clone();
            let body_texts: Vec<String> = out
                .iter()
                .filter(|c| !title_sentences.contains(&c.sentence))
                .map(|c| self.text(c.tokens.clone()).to_string())
                .collect();
            out.retain(|c| {
                if !title_sentences.contains(&c.sentence) || c.place.is_some() {
                    return true;
                }
                let text = self.text(c.tokens.clone());
                body_texts
                    .iter()
                    .any(|b| b == text || b.split(' ').next_back() == Some(text))
            });
        }
    }

    /// The title words just before a person's name, its nationality and
    /// gender, and the start of the titled form ("Finnish Trade Minister
    /// Aino Laine").
    pub(super) fn titles_before(
        &self,
        name: &Range<usize>,
    ) -> (Option<(usize, String)>, Option<usize>, Option<Gender>) {
        let sentence = &self.doc.sentences[self.token_sentence[name.start]];
        let mut start = name.start;
        let mut gender = None;
        if start > sentence.tokens.start {
            // Only a gendered honorific ("Mrs.", not "Sen.") marks a
            // person's name here: the others are titles, read below.
            if let Some(g) = lexicon::honorific(self.word(start - 1)).flatten() {
                gender = Some(g);
            }
        }
        let mut has_title = false;
        let mut nationality = None;
        while start > sentence.tokens.start {
            let w = self.word(start - 1);
            let place = gazetteer::place(w).filter(|p| {
                matches!(
                    p.form,
                    PlaceForm::Demonym | PlaceForm::Name | PlaceForm::Alias
                )
            });
            let is_title = is_title_word(w);
            let is_modifier = lexicon::words(List::TitleModifiers).contains(w);
            if !(is_title || is_modifier || place.is_some()) {
                break;
            }
            has_title |= is_title;
            if let Some(p) = place {
                nationality = Some(p.id);
            }
            start -= 1;
        }
        while start < name.start && matches!(self.word(start), "of" | "former" | "Former") {
            start += 1;
        }
        if !has_title || start == name.start {
            return (None, nationality.filter(|_| has_title), gender);
        }
        let title = self.text(start..name.start).to_string();
        (Some((start, title)), nationality, gender)
    }

    /// An apposition after a name: "Aino Laine, the trade minister,".
    pub(super) fn title_after(&self, name: &Range<usize>) -> Option<String> {
        let sentence = &self.doc.sentences[self.token_sentence[name.start]];
        let mut i = name.end;
        if i >= sentence.tokens.end || self.word(i) != "," {
            return None;
        }
        i += 1;
        if i < sentence.tokens.end && matches!(self.word(i), "the" | "a" | "an") {
            i += 1;
        }
        let start = i;
        while i < sentence.tokens.end && i < start + 6 && self.is_word(i) && self.word(i) != "who" {
            if is_title_word(self.word(i)) {
                let mut end = i + 1;
                // "president of Local 1180": keep a short "of" phrase.
                if end + 1 < sentence.tokens.end && self.word(end) == "of" {
                    let mut k = end + 1;
                    if k < sentence.tokens.end && self.word(k) == "the" {
                        k += 1;
                    }
                    let phrase_start = k;
                    while k < sentence.tokens.end
                        && k < phrase_start + 5
                        && (self.word(k).starts_with(|c: char| c.is_uppercase())
                            || self.doc.tokens[k].kind == TokenKind::Number)
                    {
                        k += 1;
                    }
                    if k > phrase_start {
                        end = k;
                    }
                }
                // "In Chelsea, the mayor said": a clause's subject after a
                // comma is no apposition.
                let tree = self.doc.tree();
                let subject = tree
                    .head_of(start..end)
                    .is_some_and(|h| matches!(tree.label(h), "nsubj" | "nsubjpass"));
                return (!subject).then(|| self.text(start..end).to_string());
            }
            i += 1;
        }
        None
    }
}

/// The kind of actor a name is: a company suffix makes an organisation, the
/// gazetteer a place or (for a plural demonym) a group, else the tagger's
/// label; none for a singular demonym ("Russian") or an untyped name used
/// as an adjective, which say where or what something is, not who.
fn kind_of(
    place: Option<gazetteer::Place>,
    company: bool,
    dateline: bool,
    adjectival: bool,
    tag: u8,
    text: &str,
) -> Option<ActorKind> {
    Some(match place.map(|p| p.form) {
        _ if company => ActorKind::Organization,
        None if dateline => ActorKind::Location,
        Some(PlaceForm::Name | PlaceForm::Alias | PlaceForm::Capital) => ActorKind::Location,
        // "Russians" are a group; "Russian" (and "Swiss") says only
        // where something is from.
        Some(PlaceForm::Demonym) if text.ends_with('s') && !text.ends_with("ss") => {
            ActorKind::Group
        }
        Some(PlaceForm::Demonym) => return None,
        None => match tag {
            1 => ActorKind::Person,
            2 => ActorKind::Organization,
            3 => ActorKind::Location,
            _ if lexicon::words(List::GroupWords).contains(text) => {
                // "Republican senators" is an adjective; "Republicans
                // voted" never is.
                if adjectival && !text.ends_with('s') {
                    return None;
                }
                ActorKind::Group
            }
            _ => {
                if adjectival {
                    return None;
                }
                ActorKind::Other
            }
        },
    })
}
