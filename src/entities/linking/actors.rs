//! Names to actors, in text order: a surname or first name alone goes to
//! the person it shortens, country aliases to their country, acronyms to
//! their expansion; otherwise a new actor.
//!
//! Assumes the candidates of `names`, in text order.

use super::*;

impl Linker<'_> {
    pub(super) fn add_mention(&mut self, actor: usize, tokens: Range<usize>, kind: MentionKind) {
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

    pub(super) fn link_name(&mut self, c: &NameCandidate) {
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
        let found = self.same_person(&words, gender);
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
        self.record_titles(actor, &c.tokens, titled);
        actor
    }

    /// The person a name (as words) shortens or completes: the full name
    /// for a full name, else one whose surname it is (or one named by it
    /// alone); for a single word, the latest person of a compatible gender
    /// with it first or last in their name.
    fn same_person(&self, words: &[String], gender: Option<Gender>) -> Option<usize> {
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
        if words.len() >= 2 {
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
        }
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
}
