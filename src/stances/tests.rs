use super::*;

/// (holder, target, polarity) of each stance, names for actors and
/// `{text}` for topics.
fn stances(text: &str) -> Vec<(String, String, &'static str)> {
    let doc = crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Claims);
    extract(&doc)
        .iter()
        .map(|s| {
            let target = match &s.target {
                StanceTarget::Actor(a) => doc.actors[*a].name.clone(),
                StanceTarget::Topic(r) => {
                    format!("{{{}}}", doc.slice(doc.token_range(r.clone())))
                }
            };
            let polarity = if s.guarded || s.score.abs() < POLAR {
                "neutral"
            } else if s.score > 0.0 {
                "support"
            } else {
                "oppose"
            };
            (doc.actors[s.holder].name.clone(), target, polarity)
        })
        .collect()
}

fn has(found: &[(String, String, &str)], holder: &str, target: &str, polarity: &str) -> bool {
    found
        .iter()
        .any(|(h, t, p)| h == holder && t == target && *p == polarity)
}

#[test]
fn support_verbs_toward_an_actor() {
    let found = stances("Mayor Ruth Adeyemi thanked Governor Tom Hale for his help with the port.");
    assert!(
        has(&found, "Ruth Adeyemi", "Tom Hale", "support"),
        "{found:?}"
    );
    let found = stances("Senator Ana Ortiz praised the Farmers Union for its restraint.");
    assert!(
        has(&found, "Ana Ortiz", "Farmers Union", "support"),
        "{found:?}"
    );
}

#[test]
fn oppose_verbs_toward_an_actor() {
    let found = stances("Governor Tom Hale criticized Ruth Adeyemi over the strike.");
    assert!(
        has(&found, "Tom Hale", "Ruth Adeyemi", "oppose"),
        "{found:?}"
    );
    let found = stances("The Farmers Union condemned Nordport Shipping for the layoffs.");
    assert!(
        has(&found, "Farmers Union", "Nordport Shipping", "oppose"),
        "{found:?}"
    );
}

#[test]
fn agreement_and_demands_toward_a_topic() {
    let found =
        stances("Tom Hale and Ruth Adeyemi agreed to reopen talks on the harbour contract.");
    assert!(
        has(
            &found,
            "Tom Hale",
            "{reopen talks on the harbour contract}",
            "support"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "Ruth Adeyemi",
            "{reopen talks on the harbour contract}",
            "support"
        ),
        "{found:?}"
    );
    let found = stances("The Farmers Union demanded a freeze on grain tariffs.");
    assert!(
        has(
            &found,
            "Farmers Union",
            "{a freeze on grain tariffs}",
            "support"
        ),
        "{found:?}"
    );
}

#[test]
fn possessive_attitude_nouns() {
    let found =
        stances("Ana Ortiz dismissed Nordland's hopes of joining the customs union as naive.");
    assert!(
        has(&found, "Nordland", "{joining the customs union}", "support"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "Ana Ortiz",
            "{Nordland's hopes of joining the customs union}",
            "oppose"
        ),
        "{found:?}"
    );
}

#[test]
fn passive_voice_puts_the_agent_first() {
    let found = stances("Ruth Adeyemi was criticized by Governor Tom Hale on Monday.");
    assert!(
        has(&found, "Tom Hale", "Ruth Adeyemi", "oppose"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(h, _, _)| h == "Ruth Adeyemi"),
        "{found:?}"
    );
}

#[test]
fn negation_turns_an_attitude() {
    let found = stances("Governor Tom Hale did not support Ruth Adeyemi in the vote.");
    assert!(
        has(&found, "Tom Hale", "Ruth Adeyemi", "oppose"),
        "{found:?}"
    );
}

#[test]
fn what_a_claim_judges_its_subject() {
    let found = stances("Ana Ortiz said that the harbour plan was unrealistic.");
    assert!(
        has(&found, "Ana Ortiz", "{the harbour plan}", "oppose"),
        "{found:?}"
    );
    let found = stances("Ana Ortiz said that the harbour plan was not unrealistic at all.");
    assert!(
        has(&found, "Ana Ortiz", "{the harbour plan}", "support"),
        "{found:?}"
    );
}

#[test]
fn contrast_lets_the_second_clause_count() {
    let found = stances("Ana Ortiz said that the plan was good but deeply dangerous.");
    assert!(
        has(&found, "Ana Ortiz", "{the plan}", "oppose"),
        "{found:?}"
    );
    let found = stances("Ana Ortiz said that the plan was risky but wise.");
    assert!(
        has(&found, "Ana Ortiz", "{the plan}", "support"),
        "{found:?}"
    );
}

#[test]
fn guarded_positions_are_neutral() {
    let found = stances("Tom Hale said that the union's role remained uncertain.");
    assert!(
        has(&found, "Tom Hale", "{the union's role}", "neutral"),
        "{found:?}"
    );
}

#[test]
fn the_object_words_do_not_colour_the_attitude() {
    // "war" and "disaster" are negative words, but thanking is support.
    let found = stances("Ruth Adeyemi thanked Tom Hale for ending the war and the disaster.");
    assert!(
        has(&found, "Ruth Adeyemi", "Tom Hale", "support"),
        "{found:?}"
    );
}

#[test]
fn no_stance_toward_oneself_or_from_plain_events() {
    let found = stances("Tom Hale visited the harbour on Monday and met the dockers.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn inflections_are_found() {
    for w in [
        "thanked",
        "thanking",
        "thanks",
        "criticizes",
        "slammed",
        "aspirations",
        "urged",
    ] {
        assert!(attitude(w).is_some(), "{w}");
    }
    assert!(attitude("visited").is_none());
}

#[test]
fn a_relative_clause_takes_its_antecedent_as_holder() {
    let found = stances(
        "The vote follows the Farmers Union's letter, which urged the Port Authority to lower its fees.",
    );
    assert_eq!(
        found,
        [(
            "Farmers Union".to_string(),
            "Port Authority".to_string(),
            "support"
        )]
    );
}

#[test]
fn a_voiced_attitude_noun_belongs_to_the_voice() {
    // "restated" voices the union's confidence: the senator holds it.
    let found =
        stances("Senator Ana Ortiz restated the Farmers Union's confidence in open markets.");
    assert_eq!(
        found,
        [(
            "Ana Ortiz".to_string(),
            "{open markets}".to_string(),
            "support"
        )]
    );
}

#[test]
fn the_actor_singled_out_in_an_object_is_the_target() {
    let found = stances("Chile's faith in free trade, especially with Canada, is well known.");
    assert_eq!(
        found,
        [("Chile".to_string(), "Canada".to_string(), "support")]
    );
}

#[test]
fn a_quoted_predicate_ends_at_a_relative_clause() {
    // The comma stands inside the marks (American style).
    let found = stances(
        "Ana Ortiz said that the ferry timetable was “unworkable,” which drew applause from dockers in the northern harbour.",
    );
    assert_eq!(
        found,
        [(
            "Ana Ortiz".to_string(),
            "{the ferry timetable}".to_string(),
            "oppose"
        )]
    );
}

#[test]
fn a_possessor_is_not_the_object() {
    let found = stances("Ana Ortiz praised Nordport's harbour plan.");
    assert_eq!(
        found,
        [(
            "Ana Ortiz".to_string(),
            "{Nordport's harbour plan}".to_string(),
            "support"
        )]
    );
}
