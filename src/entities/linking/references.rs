//! Nominals ("the senator") and "its" to the actors they refer to, only
//! when one candidate clearly fits: a wrong link is worse than none.
//! Persons' pronouns are resolved after linking, by the learned model
//! (`entities::coref`).
//!
//! Assumes every name already linked (`actors`).

use super::*;

impl Linker<'_> {
    /// "the American president", "the senator", "the council".
    pub(super) fn link_nominals(&mut self) {
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

    /// "its" (persons' pronouns are the learned resolver's, `coref`).
    pub(super) fn link_pronouns(&mut self) {
        let doc = self.doc;
        let quoted = doc.quoted();
        // Organisation and place names of each sentence, sorted, for
        // binary search below.
        let mut things = vec![Vec::new(); doc.sentences.len()];
        for m in &self.mentions {
            if matches!(
                self.actors[m.actor].kind,
                ActorKind::Organization | ActorKind::Location
            ) && m.kind == MentionKind::Name
            {
                things[m.sentence].push((m.tokens.start, m.tokens.end, m.actor));
            }
        }
        for list in things.iter_mut() {
            list.sort_unstable();
        }
        self.sorted_things = things;
        for (i, &inside) in quoted.iter().enumerate() {
            if inside || self.covered[i] || self.doc.token_lower(i) != "its" {
                continue;
            }
            if let Some(a) = self.pronoun_thing(i) {
                self.add_mention(a, i..i + 1, MentionKind::Pronoun);
            }
        }
    }

    /// "its": the nearest organisation or place before it in its sentence.
    fn pronoun_thing(&self, i: usize) -> Option<usize> {
        window(&self.sorted_things[self.token_sentence[i]], i)
            .last()
            .map(|m| m.2)
    }
}

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
