//! "its" to the organisation or place it refers to, only when one
//! candidate clearly fits: a wrong link is worse than none. Definite
//! descriptions ("the senator") and persons' pronouns are resolved after
//! linking, by the learned models (`entities::coref`).
//!
//! Assumes every name already linked (`actors`).

use super::*;

impl Linker<'_> {
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
