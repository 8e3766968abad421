//! The stance stage's view of the lexicon: attitude words in all their
//! inflections ("thanked", "slammed", "aspirations") and word valences
//! (brief's evaluative words first, then VADER's), each indexed once.
//!
//! Assumes lower-case words.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PartOfSpeech {
    Verb,
    Noun,
    Adjective,
}

struct Lexicon {
    attitudes: HashMap<String, (i8, PartOfSpeech)>,
    valence: HashMap<&'static str, f32>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut attitudes = HashMap::default();
    for cols in lexicon::table(Table::Attitudes).iter() {
        if let [word, polarity, pos, ..] = *cols {
            let pos = match pos {
                "verb" => PartOfSpeech::Verb,
                "noun" => PartOfSpeech::Noun,
                _ => PartOfSpeech::Adjective,
            };
            let polarity = polarity.parse().unwrap_or(0);
            // A word that is both ("hope", "support") is listed as a verb
            // first; the noun reading is found from its context.
            for form in inflections(word) {
                attitudes.entry(form).or_insert((polarity, pos));
            }
        }
    }
    let mut valence = HashMap::default();
    // The words VADER lacks first: a word in both keeps brief's valence.
    for t in [Table::Evaluative, Table::Sentiment] {
        for cols in lexicon::table(t).iter() {
            if let [word, v, ..] = *cols {
                if let Ok(v) = v.parse::<f32>() {
                    valence.entry(word).or_insert(v);
                }
            }
        }
    }
    Lexicon { attitudes, valence }
});

/// The attitude entry of a word in any inflection ("thanked", "thanking",
/// "slammed", "criticizes", "aspirations"): one lookup in a table of all
/// forms, made once.
pub(super) fn attitude(lower: &str) -> Option<(i8, PartOfSpeech)> {
    LEXICON.attitudes.get(lower).copied()
}

/// The inflected forms of an attitude lemma: -s/-es, -ed/-d, -ing, with
/// y -> ies/ied, a dropped final e, and a doubled final consonant ("slam",
/// "slammed").
fn inflections(lemma: &str) -> Vec<String> {
    let mut forms = vec![lemma.to_string()];
    // "agree" keeps its e in "agreeing"; "urge" drops it in "urging".
    let stem_e = lemma.strip_suffix('e').filter(|stem| !stem.ends_with('e'));
    if let Some(stem) = lemma.strip_suffix('y') {
        forms.extend([format!("{stem}ies"), format!("{stem}ied")]);
    } else if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") {
        forms.push(format!("{lemma}es"));
    } else {
        forms.push(format!("{lemma}s"));
    }
    match stem_e {
        Some(stem) => forms.extend([format!("{lemma}d"), format!("{stem}ing")]),
        None if lemma.ends_with('e') => forms.extend([format!("{lemma}d"), format!("{lemma}ing")]),
        None => forms.extend([format!("{lemma}ed"), format!("{lemma}ing")]),
    }
    let bytes = lemma.as_bytes();
    let n = bytes.len();
    let consonant = |b: u8| !b"aeiouwxy".contains(&b);
    if n >= 3 && consonant(bytes[n - 1]) && !consonant(bytes[n - 2]) && consonant(bytes[n - 3]) {
        let last = bytes[n - 1] as char;
        forms.extend([format!("{lemma}{last}ed"), format!("{lemma}{last}ing")]);
    }
    forms
}

pub(super) fn valence(lower: &str) -> Option<f32> {
    LEXICON.valence.get(lower).copied()
}
