//! The resolver on sentences written for these tests.

use super::*;
use crate::doc::ActorKind;
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
    crate::learn::hash::check_templates(features::TEMPLATES).unwrap();
    crate::learn::hash::check_templates(nominals::TEMPLATES).unwrap();
}

#[test]
fn the_shipped_models_are_current() {
    let file = Header::read(MODEL_BYTES, Kind::Coref).unwrap();
    if let Err(stale) = file
        .header
        .check_current(&LABELS, features::TEMPLATES, &lexicons())
    {
        panic!("{stale}");
    }
    let file = Header::read(NOMINAL_MODEL_BYTES, Kind::Nominals).unwrap();
    if let Err(stale) = file
        .header
        .check_current(&LABELS, nominals::TEMPLATES, &nominal_lexicons())
    {
        panic!("{stale}");
    }
}

/// The actor each description (by its text, in order) was linked to.
fn description_links(doc: &Doc) -> Vec<(String, String)> {
    doc.mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Nominal)
        .map(|m| {
            (
                doc.slice(doc.token_range(m.tokens.clone())).to_string(),
                doc.actors[m.actor].name.clone(),
            )
        })
        .collect()
}

#[test]
fn a_title_names_the_person_who_holds_it() {
    let doc = resolved(
        "Governor Hilda Marsh signed the water bill on Monday in Oakridge. \
         The governor said the reservoirs would be full by spring.",
    );
    assert_eq!(
        description_links(&doc),
        vec![("The governor".to_string(), "Hilda Marsh".to_string())]
    );
}

#[test]
fn an_organisation_noun_names_the_organisation() {
    let doc = resolved(
        "The Harbour Workers Union called a strike at the port of Eastmere. \
         The union said its members would stay out for a week.",
    );
    let links = description_links(&doc);
    assert_eq!(
        links,
        vec![("The union".to_string(), "Harbour Workers Union".to_string())]
    );
}

#[test]
fn a_noun_of_the_wrong_kind_is_no_candidate() {
    // A court is not the judge whose name holds the word; a governor is
    // not a company.
    let mut doc = run_until(
        "Peter Olsen Court Services Ltd. hired Judge Ann Olsen Court. \
         The court adjourned, and the governor left early."
            .to_string(),
        Stage::Syntax,
    );
    crate::entities::linking::link(&mut doc);
    let cases = nominals::cases(&doc);
    assert!(!cases.is_empty());
    for case in &cases {
        let head = doc.token_lower(case.tokens.end - 1);
        for &a in &case.actors {
            let kind = doc.actors[a].kind;
            match head {
                "court" => assert_ne!(kind, ActorKind::Person, "{}", doc.actors[a].name),
                "governor" => assert_eq!(kind, ActorKind::Person, "{}", doc.actors[a].name),
                _ => {}
            }
        }
    }
}

#[test]
fn a_description_without_a_fitting_actor_stays_unlinked() {
    let doc = resolved(
        "Carla Nunez met Dmitri Sokolov in Geneva on Friday. \
         The weather was cold, and the president of the chess club was late.",
    );
    assert!(
        description_links(&doc).is_empty(),
        "{:?}",
        description_links(&doc)
    );
}

#[test]
fn a_nationality_in_the_description_rules_out_another_nations_holder() {
    let mut doc = run_until(
        "Governor Ella Marsh welcomed French President Alain Roux on Friday. \
         The American president was not invited."
            .to_string(),
        Stage::Syntax,
    );
    crate::entities::linking::link(&mut doc);
    let cases = nominals::cases(&doc);
    let case = cases
        .iter()
        .find(|c| doc.token_lower(c.tokens.end - 1) == "president")
        .expect("the description is a case");
    for k in 0..case.actors.len() {
        let name = &doc.actors[case.actors[k]].name;
        assert_eq!(
            nominals::allowed(&doc, case, k),
            name != "Alain Roux",
            "{name}"
        );
    }
    assert!(case
        .actors
        .iter()
        .any(|&a| doc.actors[a].name == "Alain Roux"));
}
