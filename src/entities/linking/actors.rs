//! Names to actors, in text order: a surname or first name alone goes to
//! the person it shortens, country aliases to their country, acronyms to
//! their expansion; otherwise a new actor.
//!
//! Assumes the candidates of `names`, in text order.

use super::*;

/// How close (in tokens) a person's last mention makes them the one a
/// shared surname means: about two sentences of news prose (chosen by
/// hand).
const JUST_MENTIONED: usize = 40;
/// But not when another of that surname is named this many times as often:
/// the story is about that one ("Heidi Cruz" named once in a Ted Cruz
/// story; chosen by hand, measured on the dev gold briefs).
const DWARFED: usize = 4;

impl Linker<'_> {
    pub(super) fn add_mention(&mut self, actor: usize, tokens: Range<usize>, kind: MentionKind) {
        let sentence = self.token_sentence[tokens.start];
        self.covered[tokens.clone()].fill(true);
        let facts = &mut self.facts[actor];
        facts.last_token = facts.last_token.max(tokens.end - 1);
        facts.first_token = facts.first_token.min(tokens.start);
        facts.names += usize::from(kind == MentionKind::Name);
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
                    push_unique(index.person_words.entry(name_key(w)).or_default(), a);
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

    pub(super) fn link_name(&mut self, c: &NameCandidate) {
        // The same words of two or more are the same actor, whatever type
        // the tagger gave them this time ("Wells Fargo" a person in one
        // sentence, a place in another).
        let text = (c.tokens.len() >= 2).then(|| self.text(c.tokens.clone()).to_string());
        if let Some(&a) = text.as_ref().and_then(|t| self.index.exact.get(t)) {
            if self.actors[a].kind != c.kind {
                self.add_mention(a, c.tokens.clone(), MentionKind::Name);
                return;
            }
        }
        let actor = match c.kind {
            // "Patriot" after "Patriot Coal": the company, when no person
            // has the name.
            ActorKind::Person if c.tokens.len() == 1 => {
                let words = self.person_words(&c.tokens);
                match self.same_person(&words, None, c.tokens.start) {
                    None => self
                        .short_form_of(&c.tokens)
                        .unwrap_or_else(|| self.link_person(c)),
                    Some(_) => self.link_person(c),
                }
            }
            ActorKind::Person => self.link_person(c),
            ActorKind::Organization if c.place.is_none() => self
                .short_form_of(&c.tokens)
                .unwrap_or_else(|| self.link_other(c)),
            _ => self.link_other(c),
        };
        if let Some(t) = text {
            self.index.exact.entry(t).or_insert(actor);
        }
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
        let found = self.same_person(&words, gender, c.tokens.start);
        let actor = match found {
            Some(a) => {
                // A longer form renames the person when it adds a given name
                // ("De Blasio" → "Bill de Blasio"), not an epithet
                // ("Crooked Hillary Clinton").
                let known = self.facts[a].words.len();
                if words.len() > known && (known == 1 || gazetteer::first_name(&words[0]).is_some())
                {
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
        self.record_titles(actor, &c.tokens, titled);
        actor
    }

    /// The person a name (as words) shortens or completes: the full name
    /// for a full name, else one whose surname it is (or one named by it
    /// alone); for a single word, the latest person of a compatible gender
    /// with it first or last in their name.
    fn same_person(&self, words: &[String], gender: Option<Gender>, at: usize) -> Option<usize> {
        // Names compare without case or apostrophe style: "De Blasio" is
        // "de Blasio", "O'Neill" is "O’Neill".
        let given = words.first().cloned().unwrap_or_default();
        let words: Vec<String> = words.iter().map(|w| name_key(w)).collect();
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
        if words.len() >= 2 {
            self.same_full_name(&words, &given, &persons)
        } else {
            self.same_single_name(&last, gender, at, &persons)
        }
    }

    /// `same_person` for a name of two or more words (`words`, as keys;
    /// `given`, the first as written).
    fn same_full_name(&self, words: &[String], given: &str, persons: &[usize]) -> Option<usize> {
        let first = &words[0];
        let last = &words[words.len() - 1];
        persons
            .iter()
            .copied()
            .find(|&a| {
                let w = &self.facts[a].words;
                w.len() >= 2
                    && ((same_word(&w[0], first) && same_word(&w[w.len() - 1], last))
                        // "Peña Nieto" shortens "Enrique Peña Nieto".
                        || (w.len() > words.len() && ends_with_words(w, words))
                        // "Bill de Blasio" completes "De Blasio".
                        || (w.len() < words.len() && ends_with_words(words, w)))
            })
            .or_else(|| {
                // A person first named by surname alone ("Trump ... Donald
                // Trump"): the full name completes it.
                persons.iter().copied().find(|&a| {
                    let w = &self.facts[a].words;
                    w.len() == 1 && same_word(&w[0], last)
                })
            })
            .or_else(|| {
                // Or by a given name alone ("his wife, Heidi, … Heidi
                // Cruz"), when it is a known first name.
                gazetteer::first_name(given)?;
                self.index
                    .person_words
                    .get(first)?
                    .iter()
                    .rev()
                    .copied()
                    .find(|&a| {
                        let w = &self.facts[a].words;
                        // "Sen. Paul" is a surname, not Paul Ryan's name.
                        w.len() == 1
                            && same_word(&w[0], first)
                            && self.actors[a].titles.is_empty()
                            && self.actors[a].aliases.iter().all(|x| !x.contains(' '))
                    })
            })
    }

    /// `same_person` for one word (`last`, as a key) at token `at`.
    fn same_single_name(
        &self,
        last: &str,
        gender: Option<Gender>,
        at: usize,
        persons: &[usize],
    ) -> Option<usize> {
        let mut matching: Vec<usize> = persons
            .iter()
            .copied()
            .filter(|&a| {
                let w = &self.facts[a].words;
                same_word(&w[w.len() - 1], last) || (w.len() > 1 && same_word(&w[0], last))
            })
            .filter(|&a| match (gender, self.actors[a].gender) {
                (Some(g), Some(h)) => g == h,
                _ => true,
            })
            .collect();
        // Two people share the name: one mentioned just before (within
        // a sentence or two), else the one the article names most
        // (the Cruz of a Ted Cruz story is Ted, though Heidi Cruz was
        // named last), else the one mentioned last.
        let most = matching
            .iter()
            .map(|&a| self.facts[a].names)
            .max()
            .unwrap_or(0);
        matching.sort_by_key(|&a| {
            let f = &self.facts[a];
            let just_before =
                at.saturating_sub(f.last_token) <= JUST_MENTIONED && f.names * DWARFED >= most;
            std::cmp::Reverse((just_before, f.names, f.last_token))
        });
        matching
            .first()
            .copied()
            .or_else(|| self.misspelt_surname(last))
    }

    /// The one person whose surname `key` misspells by a letter
    /// ("Scheiderman" for "Schneiderman"): surnames of six letters or more
    /// with the same first letter; none when two persons would fit.
    fn misspelt_surname(&self, key: &str) -> Option<usize> {
        // Shorter names are too often different names a letter apart
        // ("Carson", "Carlson").
        const MIN_LETTERS: usize = 8;
        /// The latest few actors are enough (bounds the cost per name).
        const RECENT: usize = 64;
        if key.chars().count() < MIN_LETTERS {
            return None;
        }
        let mut found = None;
        for (a, actor) in self.actors.iter().enumerate().rev().take(RECENT) {
            let Some(surname) = self.facts[a].words.last().map(|w| name_key(w)) else {
                continue;
            };
            if actor.kind != ActorKind::Person
                || self.facts[a].words.len() < 2
                || surname.chars().next() != key.chars().next()
                || !one_edit_apart(&surname, key)
            {
                continue;
            }
            if found.is_some() {
                return None;
            }
            found = Some(a);
        }
        found
    }

    /// Records the titles before (`titled`) and after a person's name: as
    /// titles and title words of `actor`, and the titled form as an alias.
    fn record_titles(
        &mut self,
        actor: usize,
        name: &Range<usize>,
        titled: Option<(usize, String)>,
    ) {
        let mut titles: Vec<String> = Vec::new();
        if let Some((start, title)) = titled {
            titles.push(title);
            let titled_form = self.text(start..name.end).to_string();
            let a = &mut self.actors[actor];
            if !a.aliases.contains(&titled_form) {
                a.aliases.push(titled_form);
            }
        }
        titles.extend(self.title_after(name));
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
    }

    /// The organisation named before whose name this shortens: its start
    /// ("Hofstra" of "Hofstra University", "Peterson Institute" of
    /// "Peterson Institute for International Economics") or its end after a
    /// place ("Times" of "New York Times", "Senate" of "U.S. Senate"); only
    /// when one organisation fits. "House" is not "White House": "White"
    /// is no place.
    fn short_form_of(&self, r: &Range<usize>) -> Option<usize> {
        /// The organisations looked at: the latest few are enough, and the
        /// bound keeps the cost per name constant.
        const RECENT_ORGS: usize = 64;
        // "the Riverside district": a name that modifies a common noun
        // says where or what, and is no short form.
        let tree = self.doc.tree();
        if r.end < self.doc.tokens.len() && matches!(tree.tag(r.end), "NN" | "NNS") {
            return None;
        }
        let short: Vec<String> = r.clone().map(|i| name_key(self.word(i))).collect();
        let mut found = None;
        let orgs = self
            .actors
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, a)| a.kind == ActorKind::Organization)
            .take(RECENT_ORGS);
        for (k, a) in orgs {
            let long: Vec<&str> = a.name.split_whitespace().collect();
            if long.len() <= short.len() {
                continue;
            }
            // "Clinton campaign", "Obama administration": named after a
            // person, whose name alone is the person.
            let of_a_person = long.len() == short.len() + 1
                && matches!(
                    name_key(long[long.len() - 1]).as_str(),
                    "campaign" | "camp" | "administration" | "foundation" | "library" | "family"
                );
            let same = |part: &[&str]| part.iter().zip(&short).all(|(a, b)| same_word(a, b));
            let rest = long.len() - short.len();
            let starts = same(&long[..short.len()]) && !of_a_person;
            let ends = same(&long[rest..]) && gazetteer::place(&long[..rest].join(" ")).is_some();
            if starts || ends {
                if found.is_some_and(|f| f != k) {
                    return None;
                }
                found = Some(k);
            }
        }
        found
    }

    fn org_key(&self, r: &Range<usize>) -> String {
        // "Republicans", "GOP" and "the Republican Party" are one party.
        let text = self.text(r.clone());
        if let Some(row) = lexicon::table(lexicon::Table::PartyAliases).get(text) {
            return format!("party:{}", row[1]);
        }
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
                        ) && initial_among_words(&acronym, &self.actors[a].name)
                    })
            });
            let expansion = before_paren
                .flatten()
                .or_else(|| self.index.initials.get(&acronym).copied());
            if let Some(a) = expansion {
                return a;
            }
        }
        if let Some(a) = self.long_form_of(c) {
            // "Hofstra" … "Hofstra University": the fuller name names it.
            let short = std::mem::replace(&mut self.actors[a].name, text);
            self.actors[a].aliases.push(short);
            self.facts[a].key = key;
            self.register(a);
            return a;
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

    /// The one organisation named so far by a short form of the multi-word
    /// organisation name `c` (the reverse of [`Linker::short_form_of`]): its
    /// first words before an organisation suffix ("NBC" of "NBC News"), or
    /// its last words after a place ("Times" of "New York Times").
    fn long_form_of(&self, c: &NameCandidate) -> Option<usize> {
        /// The latest few actors are enough, and the bound keeps the cost
        /// per name constant.
        const RECENT: usize = 64;
        // Places stay apart: "Mexico" is not "Mexico City".
        if c.tokens.len() < 2 || c.kind != ActorKind::Organization {
            return None;
        }
        let long: Vec<String> = c.tokens.clone().map(|i| name_key(self.word(i))).collect();
        let mut found = None;
        for (k, a) in self.actors.iter().enumerate().rev().take(RECENT) {
            let short: Vec<String> = a.name.split_whitespace().map(name_key).collect();
            if a.kind != c.kind || short.len() >= long.len() {
                continue;
            }
            let same = |part: &[String]| part.iter().zip(&short).all(|(x, y)| same_word(x, y));
            let rest = long.len() - short.len();
            // "NBC" of "NBC News", "Hofstra" of "Hofstra University"; not
            // "Senate" of "Senate Judiciary Committee", a body of its own.
            let extra_is_suffix = c.tokens.clone().skip(short.len()).all(|i| {
                let w = self.word(i);
                w == "News"
                    || lexicon::words(List::OrgSuffixes).contains(w)
                    || lexicon::words(List::InstitutionHeads).contains(w)
            });
            let starts = same(&long[..short.len()]) && extra_is_suffix;
            let ends = same(&long[rest..])
                && gazetteer::place(self.text(c.tokens.start..c.tokens.start + rest)).is_some();
            if starts || ends {
                if found.is_some_and(|f| f != k) {
                    return None;
                }
                found = Some(k);
            }
        }
        found
    }
}

/// Whether the name words `w` end with the words `tail`.
fn ends_with_words(w: &[String], tail: &[String]) -> bool {
    w.len() >= tail.len()
        && w[w.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| same_word(a, b))
}

/// Whether `a` and `b` differ by exactly one inserted, deleted or changed
/// character, before their last two letters.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    // An edit in the last two letters is more often another name
    // ("Peterson", "Petersen").
    if prefix + 2 >= short.len() {
        return false;
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Whether the acronym's first letter starts a word of `name`: "(VA)"
/// after "Department of Veterans Affairs", "(ISIS)" after "Islamic State",
/// but not "(AP)" after a dateline's "WASHINGTON".
fn initial_among_words(acronym: &str, name: &str) -> bool {
    let Some(first) = acronym.chars().next() else {
        return false;
    };
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .any(|c| c.to_uppercase().eq(first.to_uppercase()))
}

/// The form a name word is compared in: lower case, with one apostrophe.
fn name_key(w: &str) -> String {
    w.chars().flat_map(fold_char).collect()
}

fn fold_char(c: char) -> impl Iterator<Item = char> {
    let c = if c == '’' { '\'' } else { c };
    c.to_lowercase()
}

/// Whether two name words are the same in their [`name_key`] forms,
/// compared without building them (this runs for every candidate of every
/// name).
fn same_word(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .flat_map(fold_char)
            .eq(b.chars().flat_map(fold_char))
}
