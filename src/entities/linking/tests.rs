use crate::doc::{ActorKind, Doc, MentionKind};

#[test]
fn title_words_are_found_in_any_case() {
    use super::is_title_word;
    use crate::lexicon::{self, List};
    for w in ["president", "President", "PRESIDENT", "Senator", "minister"] {
        assert!(is_title_word(w), "{w}");
    }
    for w in ["presidents", "Preside", "Moscow", "", "PRÉSIDENT"] {
        assert!(!is_title_word(w), "{w}");
    }
    assert!(lexicon::words(List::TitleWords)
        .iter()
        .all(|t| t.bytes().all(|b| !b.is_ascii_uppercase())));
}

fn actors(text: &str) -> Doc {
    crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Entities)
}

fn find<'a>(doc: &'a Doc, name: &str) -> &'a crate::doc::Actor {
    doc.actors
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no actor {name}: {:?}",
                doc.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
            )
        })
}

fn mention_texts(doc: &Doc, a: &crate::doc::Actor) -> Vec<String> {
    a.mentions
        .iter()
        .map(|&m| {
            doc.slice(doc.token_range(doc.mentions[m].tokens.clone()))
                .to_string()
        })
        .collect()
}

#[test]
fn surname_and_titled_references_merge() {
    let doc = actors("President Maria Delgado arrived on Monday. Delgado met reporters. Later, Ms. Delgado left.");
    let a = find(&doc, "Maria Delgado");
    assert_eq!(a.kind, ActorKind::Person);
    assert_eq!(
        mention_texts(&doc, a)
            .iter()
            .filter(|t| t.contains("Delgado"))
            .count(),
        3
    );
    assert!(a.titles.contains(&"President".to_string()));
    assert!(a.aliases.contains(&"President Maria Delgado".to_string()));
}

#[test]
fn markup_and_links_never_name_an_actor() {
    let doc = actors(
        "Mayor Lena Fox posted </div><span class=x> and https://example.org/Fox again. Fox said so.",
    );
    assert!(doc
        .actors
        .iter()
        .all(|a| !a.name.contains('<') && !a.name.contains("http")));
    assert!(doc.actors.iter().any(|a| a.name == "Lena Fox"));
}

#[test]
fn possessive_is_not_part_of_the_name() {
    let doc = actors("Prime Minister Helena Varga spoke. Varga's office said nothing.");
    let a = find(&doc, "Helena Varga");
    assert!(mention_texts(&doc, a).contains(&"Varga".to_string()));
}

#[test]
fn country_aliases_are_one_actor() {
    let doc = actors("The United States said on Monday that it would act. Officials in the U.S. agreed, and America will pay.");
    let us = find(&doc, "United States");
    assert_eq!(us.kind, ActorKind::Location);
    assert!(us.aliases.contains(&"U.S.".to_string()));
    assert!(us.aliases.contains(&"America".to_string()));
}

#[test]
fn role_nouns_before_of_are_not_part_of_the_name() {
    let doc = actors("Members of the Northern Rail Workers Union voted on Friday.");
    assert!(doc.actors.iter().all(|a| !a.name.starts_with("Members")));
}

#[test]
fn acronyms_join_their_expansion() {
    let doc = actors("Members of the International Grain Council (IGC) met in Geneva. The IGC said it would meet again.");
    let igc = find(&doc, "International Grain Council");
    assert_eq!(igc.kind, ActorKind::Organization);
    assert!(igc.aliases.contains(&"IGC".to_string()));
    assert_eq!(doc.actors.iter().filter(|a| a.name == "IGC").count(), 0);
}

#[test]
fn two_people_with_one_surname_stay_apart() {
    let doc = actors(
        "Bill Clinton spoke first. Then Hillary Clinton spoke. Clinton said the plan would work.",
    );
    let bill = find(&doc, "Bill Clinton");
    let hillary = find(&doc, "Hillary Clinton");
    assert_ne!(bill.mentions, hillary.mentions);
    // The lone surname goes to the one mentioned last.
    assert!(mention_texts(&doc, hillary).contains(&"Clinton".to_string()));
    assert!(!mention_texts(&doc, bill).contains(&"Clinton".to_string()));
}

#[test]
fn pronoun_with_a_clear_antecedent_links() {
    let doc = actors("Mayor Alan Brooks praised the vote. He said the city would recover.");
    let a = find(&doc, "Alan Brooks");
    assert!(a
        .mentions
        .iter()
        .any(|&m| doc.mentions[m].kind == MentionKind::Pronoun));
}

#[test]
fn pronoun_without_a_clear_antecedent_stays_unlinked() {
    let doc = actors("The storm hit the coast on Monday. He said nothing.");
    assert!(doc.mentions.iter().all(|m| m.kind != MentionKind::Pronoun));
    let doc = actors("Jordan Lee met Casey Kim. He said nothing.");
    assert!(
        doc.mentions.iter().all(|m| m.kind != MentionKind::Pronoun),
        "two people of unknown gender: no link"
    );
}

#[test]
fn pronouns_inside_quotations_are_left_alone() {
    let doc = actors("Mayor Alan Brooks spoke. “He will not win,” Brooks said.");
    assert!(doc.mentions.iter().all(|m| m.kind != MentionKind::Pronoun));
}

#[test]
fn nominal_links_by_title_and_nationality() {
    let doc = actors("President Anna Berg of Norway met Russian President Ivan Petrov. The Russian president said little. The Norwegian leader spoke.");
    let petrov = find(&doc, "Ivan Petrov");
    assert!(mention_texts(&doc, petrov).contains(&"The Russian president".to_string()));
    assert!(petrov.titles.contains(&"Russian President".to_string()));
    assert!(
        doc.actors.iter().all(|a| a.name != "Russian"),
        "a demonym before a title is not an actor"
    );
}

#[test]
fn nominal_organisation_by_head_noun() {
    let doc = actors(
        "The International Grain Council met on Friday. The council will meet again next week.",
    );
    let igc = find(&doc, "International Grain Council");
    assert!(mention_texts(&doc, igc).contains(&"The council".to_string()));
}

#[test]
fn administration_named_after_a_person_is_an_organisation() {
    let doc = actors("The plan differs from the Garcia administration's policy.");
    let a = find(&doc, "Garcia administration");
    assert_eq!(a.kind, ActorKind::Organization);
}

#[test]
fn plural_demonyms_are_groups() {
    let doc = actors("Many Ukrainians fled west, and Polish volunteers helped them.");
    assert_eq!(find(&doc, "Ukrainians").kind, ActorKind::Group);
    assert!(doc.actors.iter().all(|a| a.name != "Polish"));
}

#[test]
fn actors_are_in_order_of_first_mention_with_salience() {
    let doc =
        actors("Anna Berg met Ivan Petrov in Oslo. Berg said the talks went well. Berg left.");
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names[0], "Anna Berg");
    assert!(doc.actors.iter().all(|a| (0.0..=1.0).contains(&a.salience)));
    assert!(find(&doc, "Anna Berg").salience > find(&doc, "Ivan Petrov").salience);
}

#[test]
fn a_full_name_completes_a_surname_named_first() {
    let doc = actors("Laine spoke first. Then Aino Laine, the trade minister, took questions.");
    let a = find(&doc, "Aino Laine");
    assert_eq!(mention_texts(&doc, a), ["Laine", "Aino Laine"]);
    assert_eq!(
        doc.actors
            .iter()
            .filter(|a| a.kind == ActorKind::Person)
            .count(),
        1
    );
}

#[test]
fn dates_are_never_actors_but_month_names_of_people_stay() {
    let doc = actors(
        "Wednesday brought more rain to Dunmore. The council met on Sept. 12 and again in \
         October. Theresa May visited the town hall, and May Hollis, a baker, joined her.",
    );
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    for date in ["Wednesday", "Sept. 12", "October"] {
        assert!(!names.contains(&date), "{date} in {names:?}");
    }
    assert!(names.contains(&"Theresa May"), "{names:?}");
    assert!(names.contains(&"May Hollis"), "{names:?}");
    // The span test itself, on its own.
    let doc = crate::tokenize::segment("Friday , June 5 and Marc".to_string());
    assert!(super::is_date(&doc, 0..4));
    assert!(!super::is_date(&doc, 4..5));
    assert!(!super::is_date(&doc, 5..6));
}

#[test]
fn short_forms_join_the_organisation_they_shorten() {
    let doc = actors(
        "The Marwick Institute for Rural Studies published the figures on Monday. \
         Officials at the Marwick Institute said the count was late. The U.S. Senate \
         will vote next week, and the Senate confirmed the date.",
    );
    let institute = find(&doc, "Marwick Institute for Rural Studies");
    assert_eq!(
        institute.mentions.len(),
        2,
        "{:?}",
        mention_texts(&doc, institute)
    );
    let senate = find(&doc, "U.S. Senate");
    assert_eq!(
        senate.mentions.len(),
        2,
        "{:?}",
        mention_texts(&doc, senate)
    );
}

#[test]
fn a_short_form_needs_a_place_before_it_and_a_campaign_is_not_its_candidate() {
    let doc = actors(
        "Aides at the White House met on Monday. The House will vote on Friday. \
         The Okonkwo campaign raised money in May. Okonkwo said the race was close.",
    );
    let white_house = find(&doc, "White House");
    assert_eq!(
        white_house.mentions.len(),
        1,
        "{:?}",
        mention_texts(&doc, white_house)
    );
    let campaign = find(&doc, "Okonkwo campaign");
    assert_eq!(
        campaign.mentions.len(),
        1,
        "{:?}",
        mention_texts(&doc, campaign)
    );
}

#[test]
fn a_person_s_shorter_name_in_any_case_is_the_same_person() {
    let doc = actors(
        "Mayor Luis de Avila spoke first. Later, Rosa Peña Ibarra answered him. \
         De Avila said the budget was fair, and Peña Ibarra disagreed.",
    );
    let names = |a: &crate::doc::Actor| {
        a.mentions
            .iter()
            .filter(|&&m| doc.mentions[m].kind == MentionKind::Name)
            .count()
    };
    let avila = find(&doc, "Luis de Avila");
    assert_eq!(names(avila), 2, "{:?}", mention_texts(&doc, avila));
    let pena = find(&doc, "Rosa Peña Ibarra");
    assert_eq!(names(pena), 2, "{:?}", mention_texts(&doc, pena));
}

#[test]
fn a_given_name_alone_joins_the_full_name_that_follows() {
    let doc = actors(
        "The mayor thanked his wife, Heidi, for her patience. Later, Heidi Varnum \
         spoke to the crowd in Dorling.",
    );
    let heidi = find(&doc, "Heidi Varnum");
    assert!(mention_texts(&doc, heidi).contains(&"Heidi".to_string()));
    assert!(doc.actors.iter().all(|a| a.name != "Heidi"));
}

#[test]
fn a_surname_goes_to_the_person_the_story_is_about() {
    // Anna Okafor is named just before the last "Okafor", but the story
    // names Ted five times as often.
    let doc = actors(
        "Ted Okafor won the vote. Okafor thanked the council. Okafor praised the staff. \
         Okafor met the press. Okafor left early. The count had taken three days, and \
         observers from four parties had watched every ballot in the hall as the clerks \
         read them aloud one by one until late on Sunday night. His wife, Anna Okafor, \
         stayed. Okafor said the result was fair.",
    );
    let anna = find(&doc, "Anna Okafor");
    assert_eq!(mention_texts(&doc, anna), vec!["Anna Okafor".to_string()]);
}

#[test]
fn an_acronym_in_parentheses_must_fit_the_name_before_it() {
    // A dateline's agency is not the city's acronym.
    let doc = actors("BERLIN (AP) — The council met on Monday.");
    let city = find(&doc, "BERLIN");
    assert_eq!(mention_texts(&doc, city), vec!["BERLIN".to_string()]);
    let doc = actors("The Northern Rail Authority (NRA) raised fares. The NRA said costs rose.");
    let nra = find(&doc, "Northern Rail Authority");
    assert_eq!(mention_texts(&doc, nra).len(), 3);
}

#[test]
fn a_surname_misspelt_by_a_letter_is_the_same_person() {
    let doc = actors(
        "Attorney General Eric Halvorsen filed the suit. Critics said Halversen had \
         waited too long.",
    );
    let eric = find(&doc, "Eric Halvorsen");
    assert!(mention_texts(&doc, eric).contains(&"Halversen".to_string()));
    // Short names a letter apart are different names.
    let doc = actors("Ann Lee spoke first. Then Lea spoke.");
    assert!(!mention_texts(&doc, find(&doc, "Ann Lee")).contains(&"Lea".to_string()));
}

#[test]
fn a_longer_form_completes_a_person_and_renames_only_with_a_given_name() {
    let doc = actors("De Marco won the primary. Later, Paul de Marco thanked voters.");
    let paul = find(&doc, "Paul de Marco");
    assert!(mention_texts(&doc, paul).contains(&"De Marco".to_string()));
    // An epithet before the full name is no new name.
    let doc = actors("Hanna Orlov spoke. Critics call her Crooked Hanna Orlov.");
    assert!(doc.actors.iter().any(|a| a.name == "Hanna Orlov"));
}

#[test]
fn parties_and_faiths_in_the_plural_are_groups_wherever_they_stand() {
    let doc = actors("The bill split the chamber, with Democrats from rural states voting no.");
    assert_eq!(find(&doc, "Democrats").kind, ActorKind::Group);
    // The singular before a noun is an adjective.
    let doc = actors("The Republican senators from rural states voted no.");
    assert!(doc.actors.iter().all(|a| a.name != "Republican"));
}

#[test]
fn a_party_s_names_are_one_actor() {
    let doc = actors(
        "Republicans met in Dorling. The GOP chose a new chair, and the Republican Party \
         said it would unite.",
    );
    let parties: Vec<&str> = doc
        .actors
        .iter()
        .filter(|a| matches!(a.kind, ActorKind::Group | ActorKind::Organization))
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(parties.len(), 1, "{parties:?}");
}

#[test]
fn a_short_organisation_name_joins_the_full_name_that_follows() {
    let doc = actors("NBC reported it first. NBC News said on Monday that the anchor would leave.");
    let org = find(&doc, "NBC News");
    assert!(mention_texts(&doc, org).contains(&"NBC".to_string()));
    // Places stay apart.
    let doc = actors("Mexico sent aid. Officials in Mexico City said it arrived.");
    assert_ne!(
        find(&doc, "Mexico").mentions,
        find(&doc, "Mexico City").mentions
    );
}

#[test]
fn look_alike_names_stay_apart() {
    // A committee is not its chamber.
    let doc = actors("The Senate voted on Monday. The Senate Judiciary Committee met on Tuesday.");
    assert_ne!(
        find(&doc, "Senate").mentions,
        find(&doc, "Senate Judiciary Committee").mentions
    );
    // After a title a single word is a surname, not a given name.
    let doc = actors("Sen. Paul blocked the bill. Later, Speaker Paul Ryan said it would pass.");
    assert!(!mention_texts(&doc, find(&doc, "Paul Ryan")).contains(&"Paul".to_string()));
    // Names a letter apart at the end, or short ones, are other people.
    let doc = actors("Eric Peterson won the seat. Petersen, his rival, conceded.");
    assert!(!mention_texts(&doc, find(&doc, "Eric Peterson")).contains(&"Petersen".to_string()));
    let doc = actors("Ben Carsen spoke first. Then Carlsen spoke.");
    assert!(!mention_texts(&doc, find(&doc, "Ben Carsen")).contains(&"Carlsen".to_string()));
}
