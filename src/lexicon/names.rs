//! Names the lexicon knows: places with their peoples and other names, and
//! first names with the gender they usually take.
//!
//! Places (`src/entities/places.txt`, one place a line: name, then
//! `|`-separated comma lists of demonyms, aliases and the capital) are
//! written by hand for brief. First names come from US Social Security
//! baby-name counts (public domain), reduced by `cargo run --release
//! --example train-ner` to `models/first_names.tsv`: names given at least
//! 1,000 times, marked `m`, `f` or `u` (mixed). Both files stay beside the
//! NER tagger and its trainer, which read them too.

use super::{entries, gender, table, Table};
use crate::doc::Gender;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// How a word names a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceForm {
    /// The canonical name ("United States").
    Name,
    /// Another name for the same place ("U.S.", "America", "Britain").
    Alias,
    /// Its people or adjective ("American", "Russians").
    Demonym,
    /// Its capital, when the capital has no line of its own ("Kyiv").
    Capital,
}

/// A place a word names, and how it names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// Index into the canonical names ([`place_name`]).
    pub id: usize,
    /// Name, alias, demonym or capital.
    pub form: PlaceForm,
}

struct Places {
    names: Vec<&'static str>,
    index: HashMap<&'static str, Place>,
}

static PLACES: LazyLock<Places> = LazyLock::new(|| {
    let mut names = Vec::new();
    let mut index = HashMap::default();
    for line in entries(PLACES_TXT) {
        let mut cols = line.split('|');
        let name = cols.next().unwrap_or_default();
        let id = names.len();
        names.push(name);
        index.insert(
            name,
            Place {
                id,
                form: PlaceForm::Name,
            },
        );
        // A word that two lines claim keeps the first line's place.
        for (form, col) in [
            (PlaceForm::Demonym, cols.next()),
            (PlaceForm::Alias, cols.next()),
            (PlaceForm::Capital, cols.next()),
        ] {
            for word in col.unwrap_or_default().split(',').filter(|w| !w.is_empty()) {
                index.entry(word).or_insert(Place { id, form });
            }
        }
    }
    Places { names, index }
});

/// The place list as compiled in (the tagger's model fingerprints it).
pub const PLACES_TXT: &str = include_str!("../entities/places.txt");

/// Looks up a place, its people or another of its names (case-sensitive).
pub fn place(word: &str) -> Option<Place> {
    PLACES.index.get(word).copied()
}

/// The canonical name of a place.
pub fn place_name(id: usize) -> &'static str {
    PLACES.names[id]
}

/// Whether `word` is a known first name, and the gender it usually takes:
/// `Some(None)` for a name given to both (`u` in the file).
pub fn first_name(word: &str) -> Option<Option<Gender>> {
    table(Table::FirstNames)
        .get(word)
        .map(|row| gender(row.get(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_demonyms_point_at_their_place() {
        let us = place("United States").unwrap();
        for alias in ["U.S.", "America", "USA"] {
            assert_eq!(place(alias).unwrap().id, us.id, "{alias}");
        }
        assert_eq!(place("Americans").unwrap().form, PlaceForm::Demonym);
        assert_eq!(place_name(place("Kyiv").unwrap().id), "Ukraine");
        assert_eq!(place("Odessa").unwrap().form, PlaceForm::Alias);
        assert!(place("Trumpland").is_none());
    }

    #[test]
    fn first_names_carry_gender() {
        assert_eq!(first_name("Mary"), Some(Some(Gender::Female)));
        assert_eq!(first_name("Robert"), Some(Some(Gender::Male)));
        assert_eq!(first_name("Xqzw"), None);
    }
}
