//! Built-in word lists: places with their peoples and other names, and
//! first names with the grammatical gender they usually take.
//!
//! Places (`places.txt`) are written by hand for brief. First names come
//! from US Social Security baby-name counts (public domain), reduced by
//! `cargo run --release --example train-ner` to `models/first_names.tsv`:
//! names given at least 1,000 times, marked `m`, `f` or `u` (mixed).

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// Index into [`place_names`].
    pub id: usize,
    pub form: PlaceForm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

/// The place list as compiled in (also fingerprinted by the tagger's model).
pub const PLACES_TXT: &str = include_str!("places.txt");

/// The first-name table as compiled in (likewise).
pub const FIRST_NAMES_TSV: &str = include_str!("../../models/first_names.tsv");

struct Places {
    names: Vec<&'static str>,
    index: HashMap<&'static str, Place>,
}

static PLACES: LazyLock<Places> = LazyLock::new(|| {
    let mut names = Vec::new();
    let mut index = HashMap::default();
    for line in PLACES_TXT.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
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

static FIRST_NAMES: LazyLock<HashMap<&'static str, Gender>> = LazyLock::new(|| {
    FIRST_NAMES_TSV
        .lines()
        .filter_map(|line| {
            let (name, g) = line.split_once('\t')?;
            let gender = match g {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => Gender::Unknown,
            };
            Some((name, gender))
        })
        .collect()
});

/// Looks up a place, its people or another of its names (case-sensitive).
pub fn place(word: &str) -> Option<Place> {
    PLACES.index.get(word).copied()
}

/// The canonical name of a place.
pub fn place_name(id: usize) -> &'static str {
    PLACES.names[id]
}

/// The usual gender of a first name, when it is a known first name.
pub fn first_name(word: &str) -> Option<Gender> {
    FIRST_NAMES.get(word).copied()
}

/// The lexicon the entity tagger's features consult.
pub struct Gazetteer;

impl super::tagger::Lexicon for Gazetteer {
    fn is_first_name(&self, w: &str) -> bool {
        first_name(w).is_some()
    }

    fn is_place_or_people(&self, w: &str) -> bool {
        place(w).is_some()
    }
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
        assert_eq!(first_name("Mary"), Some(Gender::Female));
        assert_eq!(first_name("Robert"), Some(Gender::Male));
        assert_eq!(first_name("Xqzw"), None);
    }
}
