//! Places and first names for the entity stages: the entries live in the
//! lexicon layer ([`crate::lexicon`], which reads `places.txt` beside this
//! file and `models/first_names.tsv`); this module keeps the paths the
//! tagger, the linker and the NER trainer use, and the tagger's view of
//! them ([`Gazetteer`]).

pub use crate::lexicon::{first_name, place, place_name, Place, PlaceForm, PLACES_TXT};

/// The first-name table as compiled in (the tagger's model fingerprints it).
pub const FIRST_NAMES_TSV: &str = crate::lexicon::Table::FirstNames.text();

/// The lexicon the entity tagger's features consult.
pub struct Gazetteer;

impl super::tagger::Lexicon for Gazetteer {
    fn is_first_name(&self, w: &str) -> bool {
        first_name(w).is_some()
    }

    fn is_place_or_people(&self, w: &str) -> bool {
        place(w).is_some()
    }

    fn brown_path(&self, form: &str) -> Option<u32> {
        crate::lexicon::clusters::brown_path(form)
    }

    fn glove_clusters(&self, lower: &str) -> Option<crate::lexicon::clusters::GloveClusters> {
        crate::lexicon::clusters::glove_clusters(lower)
    }
}
