//! From tagged names to actors: each name, nominal ("the American
//! president") and pronoun becomes a mention of the actor it refers to.
//!
//! Rules, in the order they run:
//! 1. tagged names are cleaned and typed (the gazetteer knows countries and
//!    their peoples; a demonym used as an adjective, as in "Russian
//!    President", is part of a title, not an actor; "the Biden
//!    administration" is an organisation);
//! 2. the words before a person's name are its titles ("U.S. Defense
//!    Secretary"), and tell its nationality and, for honorifics, gender;
//! 3. names are linked in text order: a surname or first name alone goes to
//!    the person it shortens (the most recent one when two share it, as the
//!    two Clintons do), country aliases to their country, acronyms to their
//!    expansion;
//! 4. nominals link by title or head noun, pronouns by gender and position,
//!    only when one candidate clearly fits: a wrong link is worse than none.
//!    Pronouns inside quotations are left alone (their "he" is often not
//!    the speaker's antecedent).

use super::gazetteer::{self, PlaceForm};
use crate::doc::{Actor, ActorKind, Doc, Gender, Mention, MentionKind, TokenKind};
use crate::lexicon::{self, List};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

pub fn is_title_word(w: &str) -> bool {
    // The list is lower-case ASCII, so an ASCII word needs no lowered copy.
    if w.is_ascii() {
        return lexicon::words(List::TitleWords)
            .iter()
            .any(|t| t.eq_ignore_ascii_case(w));
    }
    lexicon::words(List::TitleWords).contains(w.to_lowercase().as_str())
}

/// One name the tagger found, cleaned and typed.
#[derive(Clone, Debug)]
struct NameCandidate {
    tokens: Range<usize>,
    sentence: usize,
    kind: ActorKind,
    /// For places and peoples: the gazetteer entry.
    place: Option<gazetteer::Place>,
}

/// What the linker knows about an actor beyond what the brief prints.
#[derive(Clone, Debug, Default)]
struct ActorFacts {
    /// Name tokens of the fullest name, for persons.
    words: Vec<String>,
    /// Lower-cased key that identifies non-person actors.
    key: String,
    /// The country it belongs to, from a title ("Russian President").
    nationality: Option<usize>,
    /// Lower-cased title words ("president", "secretary").
    title_words: Vec<String>,
    last_token: usize,
    first_token: usize,
}

/// Look-up tables, so that linking stays linear in the article's length
/// (an archive holds articles with thousands of names).
#[derive(Default)]
struct Index {
    /// Persons by the first and last word of their name, in creation order.
    person_words: HashMap<String, Vec<usize>>,
    /// Non-person actors by key.
    keys: HashMap<String, usize>,
    /// Organisations (and other named things) by their initials.
    initials: HashMap<String, usize>,
    /// Persons by the words of their titles.
    titled: HashMap<String, Vec<usize>>,
    /// Organisations by the last word of their name, lower-cased.
    org_heads: HashMap<String, Vec<usize>>,
    /// Mentions (indexes into `Linker::mentions`) by sentence.
    by_sentence: Vec<Vec<usize>>,
}

/// Appends `a` unless it is among the last entries (lists are appended in
/// creation order, so a repeat is nearly always at the end).
fn push_unique(list: &mut Vec<usize>, a: usize) {
    if !list[list.len().saturating_sub(64)..].contains(&a) {
        list.push(a);
    }
}

struct Linker<'d> {
    doc: &'d Doc,
    token_sentence: Vec<usize>,
    actors: Vec<Actor>,
    facts: Vec<ActorFacts>,
    mentions: Vec<Mention>,
    /// Whether a mention covers each token.
    covered: Vec<bool>,
    index: Index,
    /// For pronouns: (start, end, actor) of the person mentions of each
    /// sentence, and of the organisation and place names, sorted.
    sorted_persons: Vec<Vec<(usize, usize, usize)>>,
    sorted_things: Vec<Vec<(usize, usize, usize)>>,
}

/// Finds the actors of `doc` and their mentions (fills `doc.actors` and
/// `doc.mentions`).
pub fn link(doc: &mut Doc) {
    let sentences: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| s.tokens.clone().map(|i| doc.token_text(i)).collect())
        .collect();
    let labels = super::tag_document(&sentences);
    let tagged: Vec<(Range<usize>, u8, usize)> = super::entities(&labels)
        .into_iter()
        .map(|e| {
            let base = doc.sentences[e.sentence].tokens.start;
            (
                base + e.tokens.start..base + e.tokens.end,
                e.kind,
                e.sentence,
            )
        })
        // Markup, URLs and e-mail addresses are never part of a name (a
        // tagger trained on news text has not seen them and may guess).
        .filter(|(tokens, ..)| {
            !tokens.clone().any(|i| {
                matches!(
                    doc.tokens[i].kind,
                    TokenKind::Markup | TokenKind::Url | TokenKind::Email
                )
            })
        })
        .collect();
    let mut linker = Linker {
        doc,
        token_sentence: doc.token_sentences(),
        actors: Vec::new(),
        facts: Vec::new(),
        mentions: Vec::new(),
        covered: vec![false; doc.tokens.len()],
        index: Index {
            by_sentence: vec![Vec::new(); doc.sentences.len()],
            ..Index::default()
        },
        sorted_persons: Vec::new(),
        sorted_things: Vec::new(),
    };
    let candidates = linker.candidates(&tagged);
    for c in &candidates {
        linker.link_name(c);
    }
    linker.link_nominals();
    linker.link_pronouns();
    let (actors, mentions) = linker.finish();
    doc.set_mentions(actors, mentions);
}

impl Linker<'_> {
    fn text(&self, r: Range<usize>) -> &str {
        self.doc.slice(self.doc.token_range(r))
    }

    fn word(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
    }

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
    fn candidates(&self, tagged: &[(Range<usize>, u8, usize)]) -> Vec<NameCandidate> {
        let doc = self.doc;
        let mut tagged = tagged.to_vec();
        tagged.extend(self.gazetteer_entities(&tagged));
        tagged.sort_by_key(|t| t.0.start);
        let tagged = &tagged;
        let n = doc.tokens.len();
        let person_starts: HashSet<usize> = tagged
            .iter()
            .filter(|t| t.1 == 1)
            .map(|t| t.0.start)
            .collect();
        let mut out: Vec<NameCandidate> = Vec::new();
        for (range, tag, sentence) in tagged {
            let mut r = range.clone();
            // Possessives, a leading "the" and honorifics are not the name.
            while r.len() > 1 && matches!(self.word(r.end - 1), "'s" | "’s" | "'" | "’") {
                r.end -= 1;
            }
            while r.len() > 1
                && (matches!(self.word(r.start), "the" | "The")
                    || lexicon::honorific(self.word(r.start)).flatten().is_some()
                    || (*tag == 1
                        && (is_title_word(self.word(r.start))
                            || lexicon::words(List::TitleModifiers).contains(self.word(r.start)))))
            {
                r.start += 1;
            }
            // "Members of the International Grain Council": the group is
            // the name after "of".
            if let Some(of) = (r.start + 1..r.end.saturating_sub(1)).find(|&k| self.word(k) == "of")
            {
                if lexicon::words(List::RolePlurals).contains(self.doc.token_lower(r.start)) {
                    r.start = of + 1;
                    if r.len() > 1 && matches!(self.word(r.start), "the" | "The") {
                        r.start += 1;
                    }
                }
            }
            let text = self.text(r.clone());
            if r.len() == 1
                && (is_title_word(text)
                    || lexicon::honorific(text).flatten().is_some()
                    || lexicon::words(List::RolePlurals).contains(text.to_lowercase().as_str()))
            {
                continue;
            }
            // Capitals say nothing in "GENEVA --" or a shouted headline.
            let titled = if text.chars().filter(|c| c.is_alphabetic()).count() > 3
                && !text.chars().any(char::is_lowercase)
            {
                text.split(' ')
                    .map(super::tagger::title_case)
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                text.to_string()
            };
            let dateline = r.start
                == doc.paragraphs[doc.sentences[*sentence].paragraph]
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
            let company =
                lexicon::words(List::OrgSuffixes).contains(self.word(r.end - 1)) && r.len() > 1;
            let kind = match place.map(|p| p.form) {
                _ if company => ActorKind::Organization,
                None if dateline => ActorKind::Location,
                Some(PlaceForm::Name | PlaceForm::Alias | PlaceForm::Capital) => {
                    ActorKind::Location
                }
                // "Russians" are a group; "Russian" (and "Swiss") says only
                // where something is from.
                Some(PlaceForm::Demonym) if text.ends_with('s') && !text.ends_with("ss") => {
                    ActorKind::Group
                }
                Some(PlaceForm::Demonym) => continue,
                None => match tag {
                    1 => ActorKind::Person,
                    2 => ActorKind::Organization,
                    3 => ActorKind::Location,
                    _ if lexicon::words(List::GroupWords).contains(text) => {
                        if adjectival {
                            continue;
                        }
                        ActorKind::Group
                    }
                    _ => {
                        if adjectival {
                            continue;
                        }
                        ActorKind::Other
                    }
                },
            };
            // "the Biden administration", "the Kyiv government": an
            // organisation named after a person or place.
            if r.len() <= 3
                && kind != ActorKind::Group
                && next.is_some_and(|w| lexicon::words(List::PersonOrgHeads).contains(w))
            {
                out.push(NameCandidate {
                    tokens: r.start..r.end + 1,
                    sentence: *sentence,
                    kind: ActorKind::Organization,
                    place: None,
                });
                continue;
            }
            out.push(NameCandidate {
                tokens: r,
                sentence: *sentence,
                kind,
                place,
            });
        }
        // A headline is title-cased, which misleads the tagger: keep its
        // names only when the body or the gazetteer confirms them.
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
        out
    }

    /// The title words just before a person's name, its nationality and
    /// gender, and the start of the titled form ("U.S. Defense Secretary
    /// Lloyd Austin").
    fn titles_before(
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

    /// An apposition after a name: "Lloyd Austin, the defense secretary,".
    fn title_after(&self, name: &Range<usize>) -> Option<String> {
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
                return Some(self.text(start..end).to_string());
            }
            i += 1;
        }
        None
    }

    fn add_mention(&mut self, actor: usize, tokens: Range<usize>, kind: MentionKind) {
        let sentence = self.token_sentence[tokens.start];
        self.covered[tokens.clone()].fill(true);
        let facts = &mut self.facts[actor];
        facts.last_token = facts.last_token.max(tokens.end - 1);
        facts.first_token = facts.first_token.min(tokens.start);
        self.index.by_sentence[sentence].push(self.mentions.len());
        let text = self.text(tokens.clone()).to_string();
        let a = &mut self.actors[actor];
        if kind != MentionKind::Pronoun && text != a.name && !a.aliases.contains(&text) {
            a.aliases.push(text);
        }
        self.mentions.push(Mention {
            tokens,
            sentence,
            kind,
            actor,
        });
    }

    fn new_actor(&mut self, name: String, kind: ActorKind, facts: ActorFacts) -> usize {
        self.actors.push(Actor {
            name,
            kind,
            aliases: Vec::new(),
            titles: Vec::new(),
            mentions: Vec::new(),
            gender: None,
            salience: 0.0,
        });
        self.facts.push(ActorFacts {
            first_token: usize::MAX,
            ..facts
        });
        let a = self.actors.len() - 1;
        self.register(a);
        a
    }

    /// Puts actor `a` (new, or newly renamed) into the look-up tables.
    fn register(&mut self, a: usize) {
        let actor = &self.actors[a];
        let facts = &self.facts[a];
        let index = &mut self.index;
        match actor.kind {
            ActorKind::Person => {
                for w in [facts.words.first(), facts.words.last()]
                    .into_iter()
                    .flatten()
                {
                    push_unique(index.person_words.entry(w.clone()).or_default(), a);
                }
            }
            _ => {
                if !facts.key.is_empty() {
                    index.keys.entry(facts.key.clone()).or_insert(a);
                }
                let initials = Self::initials(&actor.name);
                if initials.chars().count() >= 2 && actor.name.contains(' ') {
                    index.initials.insert(initials, a);
                }
                if actor.kind == ActorKind::Organization {
                    let head = actor
                        .name
                        .split_whitespace()
                        .next_back()
                        .unwrap_or("")
                        .to_lowercase();
                    push_unique(index.org_heads.entry(head).or_default(), a);
                }
            }
        }
    }

    fn person_words(&self, r: &Range<usize>) -> Vec<String> {
        let mut words: Vec<String> = r
            .clone()
            .map(|i| self.word(i).to_string())
            .filter(|w| w != ",")
            .collect();
        while words.len() > 1
            && lexicon::words(List::NameSuffixes).contains(words[words.len() - 1].as_str())
        {
            words.pop();
        }
        words
    }

    fn link_name(&mut self, c: &NameCandidate) {
        let actor = match c.kind {
            ActorKind::Person => self.link_person(c),
            _ => self.link_other(c),
        };
        self.add_mention(actor, c.tokens.clone(), MentionKind::Name);
    }

    fn link_person(&mut self, c: &NameCandidate) -> usize {
        let words = self.person_words(&c.tokens);
        let (titled, nationality, honorific) = self.titles_before(&c.tokens);
        let gender = honorific.or_else(|| match gazetteer::first_name(&words[0]) {
            Some(Some(Gender::Male)) if words.len() > 1 => Some(Gender::Male),
            Some(Some(Gender::Female)) if words.len() > 1 => Some(Gender::Female),
            _ => None,
        });
        let last = words[words.len() - 1].clone();
        // Persons with this word first or last in their name; the latest
        // few are enough (no article tells apart dozens of people of one
        // name), and the bound keeps the cost per mention constant.
        const CANDIDATES: usize = 64;
        let persons: Vec<usize> = self
            .index
            .person_words
            .get(&last)
            .map_or_else(Vec::new, |list| {
                list[list.len().saturating_sub(CANDIDATES)..].to_vec()
            });
        let first = words[0].clone();
        let found = if words.len() >= 2 {
            persons
                .iter()
                .copied()
                .find(|&a| {
                    let w = &self.facts[a].words;
                    w.len() >= 2 && w[0] == first && w[w.len() - 1] == last
                })
                .or_else(|| {
                    // A person first named by surname alone ("Trump ... Donald
                    // Trump"): the full name completes it.
                    persons.iter().copied().find(|&a| {
                        let w = &self.facts[a].words;
                        w.len() == 1 && w[0] == last
                    })
                })
        } else {
            let mut matching: Vec<usize> = persons
                .iter()
                .copied()
                .filter(|&a| {
                    let w = &self.facts[a].words;
                    w[w.len() - 1] == last || (w.len() > 1 && w[0] == last)
                })
                .filter(|&a| match (gender, self.actors[a].gender) {
                    (Some(g), Some(h)) => g == h,
                    _ => true,
                })
                .collect();
            // Two people share the name: the one mentioned last.
            matching.sort_by_key(|&a| std::cmp::Reverse(self.facts[a].last_token));
            matching.first().copied()
        };
        let actor = match found {
            Some(a) => {
                if words.len() > self.facts[a].words.len() {
                    self.facts[a].words = words.clone();
                    self.actors[a].name = words.join(" ");
                    self.register(a);
                }
                a
            }
            None => {
                let name = self.text(c.tokens.clone()).to_string();
                self.new_actor(
                    name,
                    ActorKind::Person,
                    ActorFacts {
                        words: words.clone(),
                        ..ActorFacts::default()
                    },
                )
            }
        };
        if self.actors[actor].gender.is_none() {
            self.actors[actor].gender = gender;
        }
        if nationality.is_some() {
            self.facts[actor].nationality = nationality;
        }
        let mut titles: Vec<String> = Vec::new();
        if let Some((start, title)) = titled {
            titles.push(title);
            let titled_form = self.text(start..c.tokens.end).to_string();
            let a = &mut self.actors[actor];
            if !a.aliases.contains(&titled_form) {
                a.aliases.push(titled_form);
            }
        }
        titles.extend(self.title_after(&c.tokens));
        for t in titles {
            let words: Vec<String> = t
                .split(|c: char| c.is_whitespace() || c == '-')
                .map(str::to_lowercase)
                .filter(|w| is_title_word(w))
                .collect();
            for w in &words {
                push_unique(self.index.titled.entry(w.clone()).or_default(), actor);
            }
            self.facts[actor].title_words.extend(words);
            if !self.actors[actor].titles.contains(&t) {
                self.actors[actor].titles.push(t);
            }
        }
        actor
    }

    fn org_key(&self, r: &Range<usize>) -> String {
        let mut words: Vec<&str> = r.clone().map(|i| self.word(i)).collect();
        while words.len() > 1 && lexicon::words(List::OrgSuffixes).contains(words[words.len() - 1])
        {
            words.pop();
        }
        words.join(" ").to_lowercase().replace('.', "")
    }

    /// The initials of a multi-word name ("International Grain Council" ->
    /// "IGC"), skipping small words.
    fn initials(name: &str) -> String {
        name.split_whitespace()
            .filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "on" | "in" | "&"))
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect()
    }

    fn link_other(&mut self, c: &NameCandidate) -> usize {
        let text = self.text(c.tokens.clone()).to_string();
        // Countries are one actor whatever they are called; a capital is a
        // place of its own ("Washington" is not "the U.S.").
        let key = match (c.place, c.kind) {
            (Some(p), ActorKind::Group) => format!("people:{}", p.id),
            (Some(p), _) if p.form != PlaceForm::Capital => format!("place:{}", p.id),
            _ => self.org_key(&c.tokens),
        };
        if let Some(&a) = self.index.keys.get(&key) {
            // The fullest form names the actor: "United States" over "U.S.".
            let place_name = c.place.map(|p| gazetteer::place_name(p.id));
            let a_name = self.actors[a].name.clone();
            if place_name == Some(text.as_str())
                || (place_name != Some(a_name.as_str())
                    && text.len() > a_name.len()
                    && c.kind != ActorKind::Group)
            {
                self.actors[a].aliases.retain(|x| *x != text);
                self.actors[a].aliases.push(a_name);
                self.actors[a].name = text;
                self.register(a);
            }
            return a;
        }
        // An acronym: "(NATO)" right after its expansion, or the initials of
        // an organisation named before.
        let acronym = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>();
        if text.len() <= 8 && acronym.len() >= 2 && acronym.chars().all(|c| c.is_uppercase()) {
            let after_paren = c.tokens.start >= 2 && self.word(c.tokens.start - 1) == "(";
            let before_paren = after_paren.then(|| {
                self.index.by_sentence[c.sentence]
                    .iter()
                    .map(|&m| &self.mentions[m])
                    .find(|m| m.tokens.end + 1 == c.tokens.start)
                    .map(|m| m.actor)
                    .filter(|&a| {
                        matches!(
                            self.actors[a].kind,
                            ActorKind::Organization | ActorKind::Other | ActorKind::Location
                        )
                    })
            });
            let expansion = before_paren
                .flatten()
                .or_else(|| self.index.initials.get(&acronym).copied());
            if let Some(a) = expansion {
                return a;
            }
        }
        self.new_actor(
            text,
            c.kind,
            ActorFacts {
                key,
                ..ActorFacts::default()
            },
        )
    }

    /// "the American president", "the senator", "the council".
    fn link_nominals(&mut self) {
        let doc = self.doc;
        for i in 0..doc.tokens.len() {
            if !matches!(self.word(i), "the" | "The") || self.covered[i] {
                continue;
            }
            let sentence = &doc.sentences[self.token_sentence[i]];
            let mut j = i + 1;
            let mut nationality = None;
            let mut former = false;
            while j < sentence.tokens.end && j < i + 3 {
                let w = self.word(j);
                if let Some(p) = gazetteer::place(w).filter(|p| p.form == PlaceForm::Demonym) {
                    nationality = Some(p.id);
                } else if matches!(w, "former" | "then" | "late") {
                    former = true;
                } else {
                    break;
                }
                j += 1;
            }
            if j >= sentence.tokens.end || self.covered[j] || !self.is_word(j) {
                continue;
            }
            let head = self.doc.token_lower(j);
            // "the president's": the mention ends at the head.
            let head_next = self.word_after(j);
            if head_next.is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && !matches!(w, "I")
            }) && self.is_word(j + 1)
            {
                // "the president Donald Trump" is an apposition of a name.
                continue;
            }
            let actor = if is_title_word(head) && !former {
                self.nominal_person(head, nationality, i)
            } else if nationality.is_none() {
                self.nominal_org(head, i)
            } else {
                None
            };
            if let Some(a) = actor {
                self.add_mention(a, i..j + 1, MentionKind::Nominal);
            }
        }
    }

    fn word_after(&self, j: usize) -> Option<&str> {
        (j + 1 < self.doc.tokens.len()).then(|| self.word(j + 1))
    }

    fn mentioned_before(&self, a: usize, token: usize) -> bool {
        self.facts[a].first_token < token
    }

    fn nominal_person(&self, head: &str, nationality: Option<usize>, at: usize) -> Option<usize> {
        let titled = self.index.titled.get(head).map_or(&[][..], Vec::as_slice);
        let fits: Vec<usize> = titled
            .iter()
            .copied()
            .filter(|&a| self.mentioned_before(a, at))
            .filter(|&a| match (nationality, self.facts[a].nationality) {
                (Some(n), Some(m)) => n == m,
                _ => true,
            })
            .collect();
        let exact: Vec<usize> = match nationality {
            Some(n) => fits
                .iter()
                .copied()
                .filter(|&a| self.facts[a].nationality == Some(n))
                .collect(),
            None => Vec::new(),
        };
        match (exact.as_slice(), fits.as_slice()) {
            ([a], _) | ([], [a]) => Some(*a),
            _ => None,
        }
    }

    /// "the council" is the organisation named "... Council" mentioned last;
    /// "the company" is the one organisation named in the last few
    /// sentences, if there is just one.
    fn nominal_org(&self, head: &str, at: usize) -> Option<usize> {
        if lexicon::words(List::GenericOrgNouns).contains(head) {
            let sentence = self.token_sentence[at];
            let mut fits: Vec<usize> = (sentence.saturating_sub(3)..=sentence)
                .flat_map(|s| self.index.by_sentence[s].iter())
                .map(|&m| &self.mentions[m])
                .filter(|m| {
                    m.tokens.end <= at && self.actors[m.actor].kind == ActorKind::Organization
                })
                .map(|m| m.actor)
                .collect();
            fits.sort_unstable();
            fits.dedup();
            return (fits.len() == 1).then(|| fits[0]);
        }
        self.index
            .org_heads
            .get(head)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&a| self.mentioned_before(a, at))
            .max_by_key(|&a| self.facts[a].last_token)
    }

    fn link_pronouns(&mut self) {
        let doc = self.doc;
        let quoted = doc.inside_quotes();
        // Name and nominal mentions of each sentence, sorted, split into
        // persons and organisations or places, for binary search below.
        let mut persons = vec![Vec::new(); doc.sentences.len()];
        let mut things = vec![Vec::new(); doc.sentences.len()];
        for m in &self.mentions {
            match self.actors[m.actor].kind {
                ActorKind::Person => {
                    persons[m.sentence].push((m.tokens.start, m.tokens.end, m.actor))
                }
                ActorKind::Organization | ActorKind::Location if m.kind == MentionKind::Name => {
                    things[m.sentence].push((m.tokens.start, m.tokens.end, m.actor))
                }
                _ => {}
            }
        }
        for list in persons.iter_mut().chain(things.iter_mut()) {
            list.sort_unstable();
        }
        self.sorted_persons = persons;
        self.sorted_things = things;
        for (i, &inside) in quoted.iter().enumerate() {
            if inside || self.covered[i] {
                continue;
            }
            let w = self.doc.token_lower(i);
            let (gender, subject, person) = match w {
                "he" => (Some(Gender::Male), true, true),
                "him" | "his" | "himself" => (Some(Gender::Male), false, true),
                "she" => (Some(Gender::Female), true, true),
                "her" | "hers" | "herself" => (Some(Gender::Female), false, true),
                "its" => (None, false, false),
                _ => continue,
            };
            let actor = if person {
                self.pronoun_person(i, gender, subject)
            } else {
                self.pronoun_thing(i)
            };
            if let Some(a) = actor {
                self.add_mention(a, i..i + 1, MentionKind::Pronoun);
            }
        }
    }

    /// Person mentions of sentence `s` that end before token `before` and
    /// start at most `PRONOUN_WINDOW` tokens earlier, in order. The window
    /// keeps the cost bounded in run-on "sentences" of thousands of words.
    fn persons_in(&self, s: usize, before: usize) -> Vec<usize> {
        window(&self.sorted_persons[s], before)
            .iter()
            .map(|m| m.2)
            .collect()
    }

    fn compatible(&self, a: usize, gender: Option<Gender>) -> bool {
        match (gender, self.actors[a].gender) {
            (Some(g), Some(h)) => g == h,
            _ => true,
        }
    }

    /// Subject pronouns take the first compatible person of their sentence
    /// (else of the sentence before); object and possessive pronouns the
    /// nearest one before them. A person of unknown gender is taken only
    /// when no other person could be meant.
    fn pronoun_person(&self, i: usize, gender: Option<Gender>, subject: bool) -> Option<usize> {
        let s = self.token_sentence[i];
        for back in 0..=1 {
            if back > s {
                break;
            }
            let sentence = s - back;
            // Earlier sentences end before the pronoun too: the window is
            // measured from the pronoun either way.
            let before = i;
            let mut persons = self.persons_in(sentence, before);
            persons.dedup();
            let fitting: Vec<usize> = persons
                .iter()
                .copied()
                .filter(|&a| self.compatible(a, gender))
                .collect();
            if fitting.is_empty() {
                continue;
            }
            let pick = if subject || back > 0 {
                fitting[0]
            } else {
                fitting[fitting.len() - 1]
            };
            let known = self.actors[pick].gender.is_some();
            let unique = {
                let mut f = fitting.clone();
                f.sort();
                f.dedup();
                f.len() == 1
            };
            return (known || unique).then_some(pick);
        }
        None
    }

    /// "its": the nearest organisation or place before it in its sentence.
    fn pronoun_thing(&self, i: usize) -> Option<usize> {
        window(&self.sorted_things[self.token_sentence[i]], i)
            .last()
            .map(|m| m.2)
    }

    /// Orders actors by first mention, fills their mention lists and
    /// salience.
    fn finish(self) -> (Vec<Actor>, Vec<Mention>) {
        let Linker {
            doc,
            mut actors,
            mut mentions,
            ..
        } = self;
        mentions.sort_by_key(|m| (m.tokens.start, m.tokens.end));
        let mut order: Vec<usize> = Vec::new();
        let mut seen = vec![false; actors.len()];
        for m in &mentions {
            if !std::mem::replace(&mut seen[m.actor], true) {
                order.push(m.actor);
            }
        }
        let mut new_index = vec![usize::MAX; actors.len()];
        for (k, &a) in order.iter().enumerate() {
            new_index[a] = k;
        }
        for m in mentions.iter_mut() {
            m.actor = new_index[m.actor];
        }
        let mut reordered: Vec<Actor> = order
            .iter()
            .map(|&a| std::mem::replace(&mut actors[a], placeholder()))
            .collect();
        for (k, m) in mentions.iter().enumerate() {
            reordered[m.actor].mentions.push(k);
        }
        for a in reordered.iter_mut() {
            let name = a.name.clone();
            a.aliases.retain(|x| *x != name);
        }
        set_salience(doc, &mut reordered, &mentions);
        (reordered, mentions)
    }
}

/// How far back (in tokens) a pronoun looks for its antecedent.
const PRONOUN_WINDOW: usize = 150;

/// The mentions of a sorted (start, end, actor) list that end by `before`
/// and start within `PRONOUN_WINDOW` tokens of it.
fn window(list: &[(usize, usize, usize)], before: usize) -> &[(usize, usize, usize)] {
    let end = list.partition_point(|m| m.0 < before);
    let start = list[..end].partition_point(|m| m.0 + PRONOUN_WINDOW < before);
    let mut slice = &list[start..end];
    while let Some((last, rest)) = slice.split_last() {
        if last.1 <= before {
            break;
        }
        slice = rest;
    }
    slice
}

fn placeholder() -> Actor {
    Actor {
        name: String::new(),
        kind: ActorKind::Other,
        aliases: Vec::new(),
        titles: Vec::new(),
        mentions: Vec::new(),
        gender: None,
        salience: 0.0,
    }
}

/// Salience from how often and how early an actor is mentioned and whether
/// it is in the headline and the lead paragraph.
fn set_salience(doc: &Doc, actors: &mut [Actor], mentions: &[Mention]) {
    let most = actors
        .iter()
        .map(|a| a.mentions.len())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let chars = doc.tokens.last().map_or(1, |t| t.char_end.max(1)) as f64;
    let title = doc.title_paragraph;
    let lead = (0..doc.paragraphs.len()).find(|&p| Some(p) != title);
    let paragraph_of = |m: &Mention| doc.sentences[m.sentence].paragraph;
    for a in actors.iter_mut() {
        let ms: Vec<&Mention> = a.mentions.iter().map(|&k| &mentions[k]).collect();
        let Some(first) = ms.first() else {
            continue;
        };
        let share = ms.len() as f64 / most;
        let position = 1.0 - doc.tokens[first.tokens.start].char_start as f64 / chars;
        let in_title = ms.iter().any(|m| Some(paragraph_of(m)) == title);
        let in_lead = ms.iter().any(|m| Some(paragraph_of(m)) == lead);
        let s = 0.5 * share
            + 0.2 * position
            + 0.15 * in_title as u8 as f64
            + 0.15 * in_lead as u8 as f64;
        a.salience = (s.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
    }
}

#[cfg(test)]
mod tests {
    use crate::doc::{ActorKind, Doc, MentionKind};

    #[test]
    fn title_words_are_found_in_any_case() {
        use super::is_title_word;
        use crate::lexicon::{self, List};
        for w in ["president", "President", "PRESIDENT", "Senator", "minister"] {
            assert!(is_title_word(w), "{w}");
        }
        for w in ["presidents", "Preside", "Moscow", "", "PRÉSIDENT"] {
            assert!(!is_title_word(w), "{w}");
        }
        assert!(lexicon::words(List::TitleWords)
            .iter()
            .all(|t| t.bytes().all(|b| !b.is_ascii_uppercase())));
    }

    fn actors(text: &str) -> Doc {
        crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Entities)
    }

    fn find<'a>(doc: &'a Doc, name: &str) -> &'a crate::doc::Actor {
        doc.actors
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| {
                panic!(
                    "no actor {name}: {:?}",
                    doc.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
                )
            })
    }

    fn mention_texts(doc: &Doc, a: &crate::doc::Actor) -> Vec<String> {
        a.mentions
            .iter()
            .map(|&m| {
                doc.slice(doc.token_range(doc.mentions[m].tokens.clone()))
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn surname_and_titled_references_merge() {
        let doc = actors("President Maria Delgado arrived on Monday. Delgado met reporters. Later, Ms. Delgado left.");
        let a = find(&doc, "Maria Delgado");
        assert_eq!(a.kind, ActorKind::Person);
        assert_eq!(
            mention_texts(&doc, a)
                .iter()
                .filter(|t| t.contains("Delgado"))
                .count(),
            3
        );
        assert!(a.titles.contains(&"President".to_string()));
        assert!(a.aliases.contains(&"President Maria Delgado".to_string()));
    }

    #[test]
    fn markup_and_links_never_name_an_actor() {
        let doc = actors(
            "Mayor Lena Fox posted </div><span class=x> and https://example.org/Fox again. Fox said so.",
        );
        assert!(doc
            .actors
            .iter()
            .all(|a| !a.name.contains('<') && !a.name.contains("http")));
        assert!(doc.actors.iter().any(|a| a.name == "Lena Fox"));
    }

    #[test]
    fn possessive_is_not_part_of_the_name() {
        let doc = actors("Prime Minister Helena Varga spoke. Varga's office said nothing.");
        let a = find(&doc, "Helena Varga");
        assert!(mention_texts(&doc, a).contains(&"Varga".to_string()));
    }

    #[test]
    fn country_aliases_are_one_actor() {
        let doc = actors("The United States said on Monday that it would act. Officials in the U.S. agreed, and America will pay.");
        let us = find(&doc, "United States");
        assert_eq!(us.kind, ActorKind::Location);
        assert!(us.aliases.contains(&"U.S.".to_string()));
        assert!(us.aliases.contains(&"America".to_string()));
    }

    #[test]
    fn role_nouns_before_of_are_not_part_of_the_name() {
        let doc = actors("Members of the Northern Rail Workers Union voted on Friday.");
        assert!(doc.actors.iter().all(|a| !a.name.starts_with("Members")));
    }

    #[test]
    fn acronyms_join_their_expansion() {
        let doc = actors("Members of the International Grain Council (IGC) met in Geneva. The IGC said it would meet again.");
        let igc = find(&doc, "International Grain Council");
        assert_eq!(igc.kind, ActorKind::Organization);
        assert!(igc.aliases.contains(&"IGC".to_string()));
        assert_eq!(doc.actors.iter().filter(|a| a.name == "IGC").count(), 0);
    }

    #[test]
    fn two_people_with_one_surname_stay_apart() {
        let doc = actors("Bill Clinton spoke first. Then Hillary Clinton spoke. Clinton said the plan would work.");
        let bill = find(&doc, "Bill Clinton");
        let hillary = find(&doc, "Hillary Clinton");
        assert_ne!(bill.mentions, hillary.mentions);
        // The lone surname goes to the one mentioned last.
        assert!(mention_texts(&doc, hillary).contains(&"Clinton".to_string()));
        assert!(!mention_texts(&doc, bill).contains(&"Clinton".to_string()));
    }

    #[test]
    fn pronoun_with_a_clear_antecedent_links() {
        let doc = actors("Mayor Alan Brooks praised the vote. He said the city would recover.");
        let a = find(&doc, "Alan Brooks");
        assert!(a
            .mentions
            .iter()
            .any(|&m| doc.mentions[m].kind == MentionKind::Pronoun));
    }

    #[test]
    fn pronoun_without_a_clear_antecedent_stays_unlinked() {
        let doc = actors("The storm hit the coast on Monday. He said nothing.");
        assert!(doc.mentions.iter().all(|m| m.kind != MentionKind::Pronoun));
        let doc = actors("Jordan Lee met Casey Kim. He said nothing.");
        assert!(
            doc.mentions.iter().all(|m| m.kind != MentionKind::Pronoun),
            "two people of unknown gender: no link"
        );
    }

    #[test]
    fn pronouns_inside_quotations_are_left_alone() {
        let doc = actors("Mayor Alan Brooks spoke. “He will not win,” Brooks said.");
        assert!(doc.mentions.iter().all(|m| m.kind != MentionKind::Pronoun));
    }

    #[test]
    fn nominal_links_by_title_and_nationality() {
        let doc = actors("President Anna Berg of Norway met Russian President Ivan Petrov. The Russian president said little. The Norwegian leader spoke.");
        let petrov = find(&doc, "Ivan Petrov");
        assert!(mention_texts(&doc, petrov).contains(&"The Russian president".to_string()));
        assert!(petrov.titles.contains(&"Russian President".to_string()));
        assert!(
            doc.actors.iter().all(|a| a.name != "Russian"),
            "a demonym before a title is not an actor"
        );
    }

    #[test]
    fn nominal_organisation_by_head_noun() {
        let doc = actors(
            "The International Grain Council met on Friday. The council will meet again next week.",
        );
        let igc = find(&doc, "International Grain Council");
        assert!(mention_texts(&doc, igc).contains(&"The council".to_string()));
    }

    #[test]
    fn administration_named_after_a_person_is_an_organisation() {
        let doc = actors("The plan differs from the Garcia administration's policy.");
        let a = find(&doc, "Garcia administration");
        assert_eq!(a.kind, ActorKind::Organization);
    }

    #[test]
    fn plural_demonyms_are_groups() {
        let doc = actors("Many Ukrainians fled west, and Polish volunteers helped them.");
        assert_eq!(find(&doc, "Ukrainians").kind, ActorKind::Group);
        assert!(doc.actors.iter().all(|a| a.name != "Polish"));
    }

    #[test]
    fn actors_are_in_order_of_first_mention_with_salience() {
        let doc =
            actors("Anna Berg met Ivan Petrov in Oslo. Berg said the talks went well. Berg left.");
        let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names[0], "Anna Berg");
        assert!(doc.actors.iter().all(|a| (0.0..=1.0).contains(&a.salience)));
        assert!(find(&doc, "Anna Berg").salience > find(&doc, "Ivan Petrov").salience);
    }
}
