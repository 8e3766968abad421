//! The resolver on sentences written for these tests.

use super::*;
use crate::pipeline::{run_until, Stage};

fn resolved(text: &str) -> Doc {
    run_until(text.to_string(), Stage::Entities)
}

/// The actor each pronoun (by its text, in order) was linked to.
fn pronoun_links(doc: &Doc) -> Vec<(String, String)> {
    doc.mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Pronoun)
        .map(|m| {
            (
                doc.token_text(m.tokens.start).to_string(),
                doc.actors[m.actor].name.clone(),
            )
        })
        .collect()
}

#[test]
fn pronouns_agree_in_gender_with_their_antecedent() {
    let doc = resolved(
        "Maria Lindqvist met Tomas Berg at the harbour on Tuesday. \
         She thanked him for the repairs.",
    );
    let links = pronoun_links(&doc);
    assert!(
        links.contains(&("She".into(), "Maria Lindqvist".into())),
        "{links:?}"
    );
    assert!(
        links.contains(&("him".into(), "Tomas Berg".into())),
        "{links:?}"
    );
}

#[test]
fn a_subject_pronoun_prefers_the_last_subject() {
    let doc = resolved(
        "Governor Paul Okoro criticised Daniel Reyes on Friday. \
         He said the budget was a mistake.",
    );
    assert_eq!(
        pronoun_links(&doc),
        vec![("He".to_string(), "Paul Okoro".to_string())]
    );
}

#[test]
fn no_person_of_that_gender_means_no_link() {
    let doc = resolved("Maria Lindqvist opened the harbour. He was not there.");
    assert!(pronoun_links(&doc).is_empty());
    let doc = resolved("The storm hit the coast on Monday. She said nothing.");
    assert!(pronoun_links(&doc).is_empty());
}

#[test]
fn resolved_pronouns_are_mentions_in_text_order() {
    let doc = resolved(
        "Mayor Ilse Brandt opened the depot. She said her buses would run. \
         Brandt thanked her staff.",
    );
    assert!(!pronoun_links(&doc).is_empty());
    for (k, a) in doc.actors.iter().enumerate() {
        let starts: Vec<usize> = a
            .mentions
            .iter()
            .map(|&m| doc.mentions[m].tokens.start)
            .collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
        assert!(a.mentions.iter().all(|&m| doc.mentions[m].actor == k));
    }
    assert!(doc
        .mentions
        .windows(2)
        .all(|w| w[0].tokens.start <= w[1].tokens.start));
}

#[test]
fn model_file_round_trip_keeps_the_margin() {
    let trainer = CorefTrainer::new(8);
    let bytes = trainer.model_bytes(&Provenance::default(), 1234);
    let model = Resolver::from_bytes(&bytes).unwrap();
    assert_eq!(model.margin, 1234);
    // Every option scores 0 untrained: nothing beats "nobody".
    let mut doc = run_until(
        "Maria Lindqvist spoke. She left.".to_string(),
        Stage::Syntax,
    );
    crate::entities::linking::link(&mut doc);
    let cases = features::cases(&doc);
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].actors.len(), 1);
    assert_eq!(model.choose(&cases[0]), None);
}

#[test]
fn templates_are_distinct() {
    crate::learn::hash::check_templates(TEMPLATES).unwrap();
}

#[test]
fn the_shipped_model_is_current() {
    let file = Header::read(MODEL_BYTES, Kind::Coref).unwrap();
    if let Err(stale) = file.header.check_current(&LABELS, TEMPLATES, &lexicons()) {
        panic!("{stale}");
    }
}
