//! Entity extraction: tagging names with the learned tagger, then making
//! them consistent across the document.
//!
//! The tagger sees each sentence with document context (which word forms
//! the article writes in lower case or capitalised elsewhere); after
//! decoding, a name tagged one way in most places is tagged so everywhere,
//! and a surname alone takes the type of the full name it shortens. Both
//! the `analyze` pipeline and `brief ner --conll` go through
//! [`tag_document`], so CoNLL scores measure exactly what the brief uses.

pub mod coref;
pub mod features;
pub mod gazetteer;
pub mod linking;
pub mod tagger;

/// Finds the actors of `doc` and their mentions: names and nominals
/// linked by rule (`linking`), then persons' pronouns by the learned
/// resolver (`coref`).
pub fn link(doc: &mut crate::doc::Doc) {
    linking::link(doc);
    coref::resolve(doc);
}

use crate::lexicon;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;
use tagger::{decode, label_type, DocContext, Model, Scorer, OUTSIDE};

/// The entity model as compiled in (the cue model fingerprints it: its
/// features see the mentions this model finds).
pub static MODEL_BYTES: &[u8] = include_bytes!("../../models/ner.bin");

// The file is part of the source tree and checked by a unit test; a broken
// one is a build defect, not an input error.
static FIRST_PASS: LazyLock<Model<'static>> = LazyLock::new(|| {
    Model::from_bytes(MODEL_BYTES, 0).expect("models/ner.bin holds the first pass")
});
static SECOND_PASS: LazyLock<Model<'static>> = LazyLock::new(|| {
    Model::from_bytes(MODEL_BYTES, 1).expect("models/ner.bin holds the second pass")
});

/// Tags every token of a document (given as sentences of token texts) with
/// an IOB2 label index into [`tagger::LABELS`].
pub fn tag_document<S: AsRef<str>>(sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
    let context = DocContext::new(sentences);
    let lexicon = &gazetteer::Gazetteer;
    // Both passes score the same base features: look each one up in both
    // models at once, so that the two memory accesses overlap. Features of
    // the word itself are the same wherever it stands in the article, so
    // their scores are computed once per distinct word.
    let mut word_ids: HashMap<&str, usize> = HashMap::default();
    let mut forms: Vec<tagger::WordForms> = Vec::new();
    let mut word_scores: Vec<([f32; tagger::N_LABELS], [f32; tagger::N_LABELS])> = Vec::new();
    let mut buffer = Vec::with_capacity(64);
    let ids: Vec<Vec<usize>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    *word_ids.entry(w.as_ref()).or_insert_with(|| {
                        let f = tagger::WordForms::new(w.as_ref(), lexicon);
                        buffer.clear();
                        f.word_features(&context, lexicon, &mut buffer);
                        let mut scores = ([0f32; tagger::N_LABELS], [0f32; tagger::N_LABELS]);
                        FIRST_PASS.emissions_with(
                            &SECOND_PASS,
                            &buffer,
                            &mut scores.0,
                            &mut scores.1,
                        );
                        forms.push(f);
                        word_scores.push(scores);
                        forms.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    let mut first = Vec::with_capacity(sentences.len());
    let mut second_emissions = Vec::with_capacity(sentences.len());
    for sentence_ids in &ids {
        let view = tagger::SentenceView::new(sentence_ids.iter().map(|&id| &forms[id]).collect());
        let mut e1 = Vec::with_capacity(view.len());
        let mut e2 = Vec::with_capacity(view.len());
        for (t, &id) in sentence_ids.iter().enumerate() {
            let (mut a, mut b) = word_scores[id];
            buffer.clear();
            view.context_features(t, &context, &mut buffer);
            FIRST_PASS.emissions_with(&SECOND_PASS, &buffer, &mut a, &mut b);
            e1.push(a);
            e2.push(b);
        }
        first.push(decode(&*FIRST_PASS, &e1));
        second_emissions.push(e2);
    }
    let extra = tagger::aggregate_features(sentences, &first);
    let mut labels: Vec<Vec<u8>> = second_emissions
        .iter_mut()
        .zip(&extra)
        .map(|(e2, extra)| {
            for (e, x) in e2.iter_mut().zip(extra) {
                SECOND_PASS.emissions(x, e);
            }
            decode(&*SECOND_PASS, e2)
        })
        .collect();
    make_consistent(sentences, &mut labels);
    strip_honorifics(sentences, &mut labels);
    labels
}

/// Drops honorifics from names, and reads what an honorific says: the name
/// after it is a person, even when the tagger ran it into an organisation
/// ("Mr. Okoro of the Farmers Union" is Okoro, of the Farmers Union). A
/// reporting verb that opens a sentence ("Said Kemper: …") is not part of
/// the name after it either.
fn strip_honorifics<S: AsRef<str>>(sentences: &[Vec<S>], labels: &mut [Vec<u8>]) {
    for e in entities(labels) {
        let words = &sentences[e.sentence];
        let first = words[e.tokens.start].as_ref();
        let row = &mut labels[e.sentence];
        if e.tokens.start == 0
            && e.tokens.len() >= 2
            && matches!(first, "Said" | "Says" | "Added" | "Asked" | "Wrote")
            && words
                .get(e.tokens.end)
                .is_some_and(|w| matches!(w.as_ref(), ":" | ","))
        {
            row[0] = OUTSIDE;
            relabel(&mut row[1..e.tokens.end], e.kind);
            continue;
        }
        let name_start = if e.tokens.len() >= 2 && lexicon::honorific(first).is_some() {
            row[e.tokens.start] = OUTSIDE;
            e.tokens.start + 1
        } else if e.tokens.start > 0
            && lexicon::honorific(words[e.tokens.start - 1].as_ref()).is_some()
            && e.kind != 1
        {
            e.tokens.start
        } else {
            continue;
        };
        let of = (name_start + 1..e.tokens.end).find(|&t| words[t].as_ref() == "of");
        match of {
            Some(of) => {
                relabel(&mut row[name_start..of], 1);
                row[of] = OUTSIDE;
                let mut org = of + 1;
                if org < e.tokens.end && matches!(words[org].as_ref(), "the" | "The") {
                    row[org] = OUTSIDE;
                    org += 1;
                }
                if org < e.tokens.end {
                    relabel(&mut row[org..e.tokens.end], 2);
                }
            }
            None => relabel(&mut row[name_start..e.tokens.end], 1),
        }
    }
}

/// An entity found by the tagger: sentence, token range, type (1..=4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaggedEntity {
    /// The sentence's index in the document.
    pub sentence: usize,
    /// The entity's tokens, as indices into its sentence's labels.
    pub tokens: std::ops::Range<usize>,
    /// The entity type: 1 PER, 2 ORG, 3 LOC, 4 MISC ([`tagger::label_type`]).
    pub kind: u8,
}

/// The entities in a labelled document, in text order.
pub fn entities(labels: &[Vec<u8>]) -> Vec<TaggedEntity> {
    let mut out = Vec::new();
    for (s, sentence) in labels.iter().enumerate() {
        let mut t = 0;
        while t < sentence.len() {
            let l = sentence[t];
            if l == OUTSIDE {
                t += 1;
                continue;
            }
            let kind = label_type(l);
            let start = t;
            t += 1;
            while t < sentence.len()
                && !tagger::is_begin(sentence[t])
                && label_type(sentence[t]) == kind
            {
                t += 1;
            }
            out.push(TaggedEntity {
                sentence: s,
                tokens: start..t,
                kind,
            });
        }
    }
    out
}

fn relabel(labels: &mut [u8], kind: u8) {
    for (k, l) in labels.iter_mut().enumerate() {
        *l = if k == 0 { 2 * kind - 1 } else { 2 * kind };
    }
}

/// A lone surname of a person named in full is that person ("Trump" after
/// "Donald Trump"), unless the article tags it otherwise more often.
/// (A majority vote over all repeated names was tried too: the learned
/// second pass already does that better, and the vote cost 0.5 F1 on
/// CoNLL-2003 dev.)
fn make_consistent<S: AsRef<str>>(sentences: &[Vec<S>], labels: &mut [Vec<u8>]) {
    let found = entities(labels);
    let text = |e: &TaggedEntity| -> Vec<&str> {
        sentences[e.sentence][e.tokens.clone()]
            .iter()
            .map(AsRef::as_ref)
            .collect()
    };
    let mut votes: HashMap<Vec<&str>, [usize; 5]> = HashMap::default();
    for e in &found {
        votes.entry(text(e)).or_default()[e.kind as usize] += 1;
    }
    // Surnames of people named in full ("Trump" after "Donald Trump").
    let mut surnames: HashMap<&str, usize> = HashMap::default();
    for e in &found {
        let words = text(e);
        if e.kind == 1 && words.len() >= 2 {
            *surnames.entry(words[words.len() - 1]).or_default() += 1;
        }
    }
    for e in entities(labels) {
        let words = text(&e);
        if words.len() == 1 && e.kind != 1 {
            let Some(&full_names) = surnames.get(words[0]) else {
                continue;
            };
            let v = votes.get(&words).copied().unwrap_or_default();
            if v[1] + full_names >= v[e.kind as usize] {
                relabel(&mut labels[e.sentence][e.tokens.clone()], 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_loads() {
        assert!(Model::from_bytes(MODEL_BYTES, 0).is_ok());
        assert!(Model::from_bytes(MODEL_BYTES, 1).is_ok());
        assert!(Model::from_bytes(MODEL_BYTES, 2).is_err());
    }

    /// Fails when the place list, the first-name table or the feature
    /// templates changed since `models/ner.bin` was trained: the message
    /// names the command that retrains it.
    #[test]
    fn the_shipped_model_is_current() {
        let file =
            crate::learn::model::Header::read(MODEL_BYTES, crate::learn::model::Kind::Ner).unwrap();
        let lexicons = tagger::lexicons(gazetteer::FIRST_NAMES_TSV.as_bytes());
        if let Err(stale) = file
            .header
            .check_current(&tagger::LABELS, tagger::TEMPLATES, &lexicons)
        {
            panic!("{stale}");
        }
    }

    #[test]
    fn entities_are_read_from_iob2_labels() {
        let labels = vec![vec![1, 2, 0, 5, 1, 0, 4]];
        let e = entities(&labels);
        assert_eq!(
            e.iter()
                .map(|e| (e.tokens.clone(), e.kind))
                .collect::<Vec<_>>(),
            vec![(0..2, 1), (3..4, 3), (4..5, 1), (6..7, 2)]
        );
    }

    #[test]
    fn honorifics_are_not_part_of_the_name() {
        let sentences = vec![vec!["Mr.", "Obama", "spoke"]];
        let mut labels = vec![vec![1, 2, 0]];
        strip_honorifics(&sentences, &mut labels);
        assert_eq!(labels[0], vec![0, 1, 0]);
    }

    #[test]
    fn surnames_follow_the_full_name() {
        let sentences = vec![vec!["Donald", "Trump", "spoke"], vec!["Trump", "left"]];
        let mut labels = vec![vec![1, 2, 0], vec![5, 0]];
        make_consistent(&sentences, &mut labels);
        assert_eq!(labels[1], vec![1, 0]);
    }
}
