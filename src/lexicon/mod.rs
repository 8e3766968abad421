//! The lexicon layer: every word list and table the stages consult, each
//! read once from its data file and looked up one way.
//!
//! - A [`List`] is a set of words, one per line of a `data/lexicon/*.txt`
//!   file; [`words`] gives it as [`Words`] (`contains`, or `iter` in file
//!   order for the few lists whose order or prefixes matter).
//! - A [`Table`] is one row per line of a tab-separated file, the word
//!   first; [`table`] gives it as [`Rows`] (`get` a word's row, or `iter`
//!   the rows in file order for stages that build their own index).
//! - Typed accessors read the tables whose values mean something to more
//!   than one stage: [`honorific`], [`first_name`], [`place`].
//!
//! In every file a line starting with `#` is a comment and blank lines are
//! skipped; each file opens with a comment saying what the list is for,
//! and `data/README.md` says where it came from. Files are embedded at
//! build time (`include_str!`), so a list cannot go missing at run time,
//! and each is parsed on first use only.
//!
//! Assumes nothing about the document: this module knows words, not
//! stages. Where two stages want different lists for what sounds like one
//! idea (negations, hedges), each list is named for its stage and its
//! header says why they differ.

pub mod clusters;
mod names;

pub use names::{first_name, place, place_name, Place, PlaceForm, PLACES_TXT};

use crate::doc::Gender;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// Declares the lists: variant, file under `data/lexicon/`, and what the
/// list is for (the file's header says more).
macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident => $file:literal,)*) => {
        /// A word list of `data/lexicon/`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum List {
            $($(#[$doc])* $name,)*
        }

        impl List {
            /// Every list, in declaration order.
            pub const ALL: &'static [List] = &[$(List::$name,)*];

            /// The file's text, embedded at build time.
            pub const fn text(self) -> &'static str {
                match self {
                    $(List::$name => include_str!(concat!("../../data/lexicon/", $file)),)*
                }
            }

            /// The file's name inside `data/lexicon/`.
            pub const fn file_name(self) -> &'static str {
                match self {
                    $(List::$name => $file,)*
                }
            }
        }
    };
}

lists! {
    /// Function words that end cue spans but report nothing (cues, quotes).
    FunctionWords => "function_words.txt",
    /// Cues the measured cue lexicon misses (cues).
    ExtraCues => "extra_cues.txt",
    /// Abbreviations that never end a sentence: titles, "vs" (tokenize).
    TitleAbbreviations => "abbreviations_title.txt",
    /// Abbreviations that may end a sentence: "Inc", months, states (tokenize).
    OtherAbbreviations => "abbreviations_other.txt",
    /// Abbreviations only before a number: "No. 2" (tokenize).
    NumberAbbreviations => "abbreviations_number.txt",
    /// Capitalised words that signal a sentence break after an abbreviation (tokenize).
    SentenceStarters => "sentence_starters.txt",
    /// Words that stay lower-case in title-case headlines (tokenize).
    TitleSmallWords => "title_small_words.txt",
    /// Cues that hedge what they report: "suggested" (claims).
    HedgingCues => "hedging_cues.txt",
    /// Words that hedge a claim's content: modals, "likely" (claims).
    ClaimHedges => "claim_hedges.txt",
    /// Words that negate a claim: "not", "never" (claims).
    ClaimNegations => "claim_negations.txt",
    /// Auxiliaries and modals that make a clause of ", said …" (claims).
    Auxiliaries => "auxiliaries.txt",
    /// Cues that deny what they report: "denied" (claims).
    Denials => "denials.txt",
    /// Words that flip a valence: VADER-style negations (stances).
    StanceNegations => "stance_negations.txt",
    /// Modals that damp a valence (stances).
    StanceHedges => "stance_hedges.txt",
    /// Adverbs that strengthen a valence (stances).
    Intensifiers => "intensifiers.txt",
    /// Copulas of judged predicates: "is", "remained" (stances).
    Copulas => "copulas.txt",
    /// Determiners (stances).
    Determiners => "determiners.txt",
    /// Prepositions (stances).
    Prepositions => "prepositions.txt",
    /// Words that cannot open a topic phrase (stances).
    NotTopicStart => "not_topic_start.txt",
    /// Stems of verbs that voice an attitude, matched as prefixes (stances).
    ExpressionStems => "expression_stems.txt",
    /// Role words, lower case: "president", "sen." (linking, claims, stances).
    TitleWords => "title_words.txt",
    /// Capitalised modifiers of titles: "Defense", "Senate" (linking, claims).
    TitleModifiers => "title_modifiers.txt",
    /// Plural role nouns that are never names: "analysts" (linking).
    RolePlurals => "role_plurals.txt",
    /// Nouns that make an organisation of a person's name (linking).
    PersonOrgHeads => "person_org_heads.txt",
    /// Groups that are actors: parties, faiths (linking).
    GroupWords => "group_words.txt",
    /// Organisation heads any organisation's nominal may use (linking).
    GenericOrgNouns => "generic_org_nouns.txt",
    /// Name suffixes: "Jr.", "III" (linking).
    NameSuffixes => "name_suffixes.txt",
    /// Company suffixes: "Inc.", "plc" (linking).
    OrgSuffixes => "org_suffixes.txt",
    /// Last words that make a name an organisation: "Foundation" (linking).
    InstitutionHeads => "institution_heads.txt",
    /// US state abbreviations after a town: "Va." (claims).
    StateAbbreviations => "state_abbreviations.txt",
    /// Nouns before the title of a work: "book", "film" (linking).
    WorkNouns => "work_nouns.txt",
    /// Lines that label an advertisement and nothing more, lower case (html).
    AdLabels => "ad_labels.txt",
    /// Lower-case words a byline may hold besides names (html).
    BylineWords => "byline_words.txt",
    /// Class or id words that mark an article body (html).
    HtmlContentWords => "html_content_words.txt",
    /// Class or id words that usually mean boilerplate, unless a content word stands beside them (html).
    HtmlWeakBoilerplateWords => "html_weak_boilerplate_words.txt",
    /// Class or id words that name boilerplate whatever stands beside them (html).
    HtmlBoilerplateWords => "html_boilerplate_words.txt",
    /// Classes that the embed scripts of social networks look for (html).
    HtmlEmbedClasses => "html_embed_classes.txt",
}

/// A table of tab-separated rows, the word first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// `data/lexicon/honorifics.tsv`: honorific, gender (`m`, `f`, `-`).
    Honorifics,
    /// `data/cues.tsv`: cue word and its counts in PolNeAR train.
    Cues,
    /// `data/sentiment.tsv`: VADER's word valences (-4..4).
    Sentiment,
    /// `data/evaluative.tsv`: valences of news words VADER lacks.
    Evaluative,
    /// `data/attitudes.tsv`: attitude lemma, polarity, part of speech.
    Attitudes,
    /// `models/first_names.tsv`: first name, usual gender (`m`, `f`, `u`).
    FirstNames,
    /// `data/lexicon/person_descriptions.tsv`: a noun that describes a
    /// person just named ("businessman"), gender (`m`, `f`, `-`).
    PersonDescriptions,
    /// `data/lexicon/party_aliases.tsv`: a name of a party ("GOP"), the
    /// party's full name.
    PartyAliases,
}

impl Table {
    const ALL: [Table; 8] = [
        Table::Honorifics,
        Table::Cues,
        Table::Sentiment,
        Table::Evaluative,
        Table::Attitudes,
        Table::FirstNames,
        Table::PersonDescriptions,
        Table::PartyAliases,
    ];

    /// The file's text as compiled in.
    pub const fn text(self) -> &'static str {
        match self {
            Table::Honorifics => include_str!("../../data/lexicon/honorifics.tsv"),
            Table::Cues => include_str!("../../data/cues.tsv"),
            Table::Sentiment => include_str!("../../data/sentiment.tsv"),
            Table::Evaluative => include_str!("../../data/evaluative.tsv"),
            Table::Attitudes => include_str!("../../data/attitudes.tsv"),
            // The NER trainer (examples/train-ner.rs) writes this file.
            Table::FirstNames => include_str!("../../models/first_names.tsv"),
            Table::PersonDescriptions => {
                include_str!("../../data/lexicon/person_descriptions.tsv")
            }
            Table::PartyAliases => include_str!("../../data/lexicon/party_aliases.tsv"),
        }
    }
}

/// The lines of a data file that hold entries: not comments, not blank.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

/// A word list: a set for look-ups, and the file's order for the lists
/// that are scanned (prefixes, case-insensitive matches).
pub struct Words {
    order: Vec<&'static str>,
    set: HashSet<&'static str>,
}

impl Words {
    fn parse(text: &'static str) -> Words {
        let order: Vec<&'static str> = entries(text).collect();
        let set = order.iter().copied().collect();
        Words { order, set }
    }

    /// Whether `word` is in the list, exactly (case-sensitive).
    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    /// The words in file order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.order.iter().copied()
    }

    /// How many words the list holds.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// A table: rows in file order, and an index from a word to its first row
/// (a word listed twice keeps its first reading).
pub struct Rows {
    rows: Vec<Vec<&'static str>>,
    index: HashMap<&'static str, usize>,
}

impl Rows {
    fn parse(text: &'static str) -> Rows {
        let rows: Vec<Vec<&'static str>> = entries(text).map(|l| l.split('\t').collect()).collect();
        let mut index = HashMap::default();
        for (k, row) in rows.iter().enumerate() {
            index.entry(row[0]).or_insert(k);
        }
        Rows { rows, index }
    }

    /// The first row of `word`, the word included as column 0.
    pub fn get(&self, word: &str) -> Option<&[&'static str]> {
        self.index.get(word).map(|&k| self.rows[k].as_slice())
    }

    /// Every row in file order, duplicates included.
    pub fn iter(&self) -> impl Iterator<Item = &[&'static str]> + '_ {
        self.rows.iter().map(Vec::as_slice)
    }

    /// How many rows the table holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

static WORDS: [OnceLock<Words>; List::ALL.len()] = [const { OnceLock::new() }; List::ALL.len()];
static TABLES: [OnceLock<Rows>; Table::ALL.len()] = [const { OnceLock::new() }; Table::ALL.len()];

/// A word list, parsed on first use.
pub fn words(list: List) -> &'static Words {
    WORDS[list as usize].get_or_init(|| Words::parse(list.text()))
}

/// A table, parsed on first use.
pub fn table(t: Table) -> &'static Rows {
    TABLES[t as usize].get_or_init(|| Rows::parse(t.text()))
}

/// Reads a gender column: `m`, `f`, anything else none.
fn gender(code: Option<&&str>) -> Option<Gender> {
    match code.copied() {
        Some("m") => Some(Gender::Male),
        Some("f") => Some(Gender::Female),
        _ => None,
    }
}

/// Whether `word` (lower case) is a noun that describes a person just
/// named ("businessman"), and the gender it gives: `Some(None)` for none.
pub fn person_description(word: &str) -> Option<Option<Gender>> {
    table(Table::PersonDescriptions)
        .get(word)
        .map(|row| gender(row.get(1)))
}

/// Whether `word` is an honorific ("Mr.", "Sen.", "Dame"), and the gender
/// it gives the name after it: `Some(None)` for one that gives none.
pub fn honorific(word: &str) -> Option<Option<Gender>> {
    table(Table::Honorifics)
        .get(word)
        .map(|row| gender(row.get(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_nonempty_and_without_stray_space() {
        for &list in List::ALL {
            let w = words(list);
            assert!(!w.is_empty(), "{list:?}");
            assert_eq!(w.len(), w.set.len(), "{list:?} lists a word twice");
            for word in w.iter() {
                assert_eq!(word.trim(), word, "{list:?}: {word:?}");
            }
        }
        for t in Table::ALL {
            assert!(!table(t).is_empty(), "{t:?}");
        }
    }

    #[test]
    fn honorifics_carry_gender() {
        assert_eq!(honorific("Mrs."), Some(Some(Gender::Female)));
        assert_eq!(honorific("Sir"), Some(Some(Gender::Male)));
        assert_eq!(honorific("Sen."), Some(None));
        assert_eq!(honorific("Senator"), None);
    }

    #[test]
    fn lists_keep_file_order() {
        assert_eq!(words(List::NameSuffixes).iter().next(), Some("Jr."));
        assert!(words(List::ClaimNegations).contains("n’t"));
    }
}
