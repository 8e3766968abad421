//! Quotation pairing and attribution on sentences written for these tests.

use super::*;

fn analyse(text: &str) -> (Doc, Vec<Quotation>) {
    let doc = crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Cues);
    let q = extract(&doc);
    (doc, q)
}

fn spans(doc: &Doc, q: &Quotation) -> String {
    q.parts
        .iter()
        .map(|p| doc.slice(doc.token_range(p.clone())))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn speaker_name(doc: &Doc, q: &Quotation) -> Option<String> {
    q.speaker.map(|a| doc.actors[a].name.clone())
}

#[test]
fn quote_then_said_name() {
    let (doc, q) = analyse("“We want peace,” Maria Delgado said on Monday.");
    assert_eq!(q.len(), 1);
    assert_eq!(spans(&doc, &q[0]), "We want peace,");
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Maria Delgado"));
    assert_eq!(
        doc.slice(doc.token_range(q[0].cue.clone().unwrap())),
        "said"
    );
}

#[test]
fn quote_then_said_name_inverted() {
    let (doc, q) = analyse("\"Nobody wanted this,\" said Denise Okafor, the union's president.");
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Denise Okafor"));
}

#[test]
fn name_said_colon_quote() {
    let (doc, q) = analyse("Mayor Alan Brooks said: \"The city will recover.\"");
    assert_eq!(spans(&doc, &q[0]), "The city will recover.");
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Alan Brooks"));
}

#[test]
fn interrupted_quotation_has_one_speaker_for_both_parts() {
    let (doc, q) =
        analyse("“We are not against security,” said Claire Dubois. “We are against secrecy.”");
    assert_eq!(q.len(), 2);
    assert_eq!(
        speaker_name(&doc, &q[1]).as_deref(),
        Some("Claire Dubois"),
        "carried over in the paragraph"
    );
}

#[test]
fn pronoun_speaker_resolves_through_the_actor() {
    let (doc, q) =
        analyse("Mayor Alan Brooks praised the vote. “I want to thank the council,” he said.");
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Alan Brooks"));
    assert_eq!(
        doc.slice(doc.token_range(q[0].speaker_mention.clone().unwrap())),
        "he"
    );
}

#[test]
fn unlinked_nominal_speaker_keeps_its_words() {
    let (doc, q) = analyse("\"Nobody wants a repeat,\" one trader said.");
    assert_eq!(q[0].speaker, None);
    assert_eq!(
        doc.slice(doc.token_range(q[0].speaker_mention.clone().unwrap())),
        "one trader"
    );
}

#[test]
fn mixed_quote_inside_reported_clause() {
    let (doc, q) = analyse(
        "Prime Minister Helena Varga told reporters that the other side \"wants calm\" now.",
    );
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Helena Varga"));
    assert!(q[0].embedded);
}

#[test]
fn possessive_remark_names_the_speaker() {
    let (doc, q) = analyse(
        "It follows Foreign Minister Daniel Kostic's remark that a deal was \"not realistic.\"",
    );
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Daniel Kostic"));
}

#[test]
fn possessive_cue_keeps_the_possessor_without_its_clitic() {
    // No actor is named: the words before "'s" are the speaker.
    let (doc, q) =
        analyse("The minister's remark that a deal was “not realistic” angered the dockers.");
    let mention = doc.slice(doc.token_range(q[0].speaker_mention.clone().unwrap()));
    assert_eq!(mention, "The minister");
    assert_eq!(
        doc.slice(doc.token_range(q[0].cue.clone().unwrap())),
        "remark"
    );
}

#[test]
fn multi_paragraph_quotation_continues() {
    let text = "“We listened to parents,” Mayor Alan Brooks said. “We listened to librarians.\n\n“And we found a way,” he added.";
    let (doc, q) = analyse(text);
    let long = q
        .iter()
        .find(|q| q.parts.len() == 2)
        .expect("a quotation over two paragraphs");
    assert_eq!(
        spans(&doc, long),
        "We listened to librarians. | And we found a way,"
    );
}

#[test]
fn unbalanced_mark_closes_at_the_paragraph_end() {
    let (doc, q) =
        analyse("\"Read page 40, she said.\n\nThe bill passed. Nothing else was quoted.");
    assert_eq!(q.len(), 1);
    assert_eq!(spans(&doc, &q[0]), "Read page 40, she said.");
}

#[test]
fn nested_single_quotes_stay_inside() {
    let (doc, q) = analyse(
        "\"The senator says this plan 'protects retirees,' but it does not,\" said Carla Mendes.",
    );
    assert_eq!(q.len(), 1);
    assert!(spans(&doc, &q[0]).contains("'protects retirees,'"));
}

#[test]
fn scare_quotes_have_no_speaker() {
    let (_, q) = analyse("The so-called \"reform\" passed the chamber on Tuesday.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker, None);
}

#[test]
fn nyt_doubled_apostrophes_pair() {
    let (doc, q) = analyse("''This is not the budget,'' said Teresa Lindqvist.");
    assert_eq!(spans(&doc, &q[0]), "This is not the budget,");
    assert_eq!(
        speaker_name(&doc, &q[0]).as_deref(),
        Some("Teresa Lindqvist")
    );
}
#[test]
fn described_speaker_after_quote() {
    let (doc, q) =
        analyse("“The ruling is sound,” harbour authority lawyer Tomas Brandt said. “Ships move.”");
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Tomas Brandt"));
    let mention = doc.slice(doc.token_range(q[0].speaker_mention.clone().unwrap()));
    assert_eq!(mention, "harbour authority lawyer Tomas Brandt");
}

#[test]
fn speaker_with_party_tag_and_affiliation() {
    let (doc, q) = analyse(
        "“We will not wait,” Rep. Alma Ruiz (D-Ore.) said.\n\n“It was the least bad outcome,” Mr. Okoro of the Farmers Union said.",
    );
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Alma Ruiz"));
    let mention = doc.slice(doc.token_range(q[0].speaker_mention.clone().unwrap()));
    assert_eq!(mention, "Rep. Alma Ruiz (D-Ore.)");
    assert_eq!(speaker_name(&doc, &q[1]).as_deref(), Some("Okoro"));
}

#[test]
fn a_stage_direction_in_a_transcript_has_no_speaker() {
    let (doc, q) = analyse(
        "Host Len Marr spoke with Ada Voss.\n\n\"MARR: Will you run?\"\n\n\"(LAUGHTER.)\"\n\n\"VOSS: No.\"",
    );
    let directions: Vec<&Quotation> = q
        .iter()
        .filter(|q| doc.token_text(q.parts[0].start) == "(")
        .collect();
    assert!(!directions.is_empty());
    assert!(directions.iter().all(|q| q.speaker.is_none()));
}

#[test]
fn colon_cue_in_paragraph_before() {
    let (doc, q) = analyse(
        "Senator Ilse Norberg spoke last.\n\nShe said:\n\n“The budget is a moral document.”",
    );
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Ilse Norberg"));
}

#[test]
fn inverted_cue_before_colon() {
    let (doc, q) = analyse("The vote was close. Said Kemper: “We lost by a whisker.”");
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Kemper"));
}
#[test]
fn reported_clause_with_a_quoted_phrase() {
    let (doc, q) = analyse(
        "City lawyer Anna Holm said in the letter that the advert “plainly and wrongly” suggests that the police back the campaign.",
    );
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Anna Holm"));
    let cue = doc.slice(doc.token_range(q[0].cue.clone().unwrap()));
    assert_eq!(cue, "said");
    assert!(q[0].embedded);
}

#[test]
fn age_apposition_after_a_quote() {
    let (doc, q) = analyse("“They think we will stay quiet,” Quina Rowe, 25, said.");
    assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Quina Rowe"));
}
