//! Speakers: the actor a source phrase names, for quotes and claims alike.
//!
//! A source phrase names the actor at its syntactic head: "Trump lawyer
//! Marc Kasowitz" is Kasowitz, "NBC's Dante Chinni" is Chinni, "Mr. Burman"
//! is Burman, and "the Indiana governor" is a governor, not Indiana. When
//! the head is a common noun, an apposition may name the person ("the
//! director, Wei Zhang,"), a title the person who holds it ("the senator"
//! for "Sen. Ada Wells"), and a description of a person ("the businessman")
//! the person last named as a main clause's subject; otherwise the phrase
//! names no actor the linker knows, and the speaker stays unknown rather
//! than wrong. A participle or a second verb without a subject of its own
//! ("…, saying", "… and said") takes the subject of the verb it hangs from.
//!
//! Assumes the syntax stage (a parse) and the entity stage (mentions) have
//! run; without a parse every answer is `None` and callers fall back on
//! their word-window rules.

use crate::doc::{ActorKind, Doc, Gender, MentionKind, TokenKind};
use std::ops::Range;

/// The subject labels of a reporting verb.
const SUBJECTS: [&str; 2] = ["nsubj", "nsubjpass"];

/// The subject phrase of the cue verb `cue`, when the parse gives it one
/// inside `within`, and the actor it names (see the module doc).
pub fn parsed_subject(
    doc: &Doc,
    mention_at: &[Option<usize>],
    cue: usize,
    within: Range<usize>,
) -> Option<(Range<usize>, Option<usize>)> {
    let tree = doc.tree();
    if tree.is_empty() {
        return None;
    }
    // A parse may give a verb two subjects ("City lawyer" and "Anna Holm"
    // for "City lawyer Anna Holm said"): the nearest that names an actor
    // wins, else the nearest.
    let verb = controller(doc, cue);
    let mut subjects: Vec<(Range<usize>, Option<usize>)> = tree
        .children_labelled(verb, &SUBJECTS)
        // The phrase is the name at the head when there is one ("Denise
        // Okafor" of "Denise Okafor, president of Local 1180"; claims add
        // the apposition to their source), else the whole subject.
        .map(|s| {
            let span =
                mention_at[s].map_or_else(|| tree.subtree(s), |m| doc.mentions[m].tokens.clone());
            (span, head_actor(doc, mention_at, s))
        })
        .filter(|(span, _)| {
            span.start >= within.start && span.end <= within.end && !span.contains(&cue)
        })
        .collect();
    subjects.sort_by_key(|(span, _)| span.start.abs_diff(cue));
    if verb != cue {
        // A borrowed subject counts only when it names an actor.
        subjects.retain(|(_, actor)| actor.is_some());
    }
    let named = subjects.iter().position(|(_, actor)| actor.is_some());
    let pick = named.unwrap_or(0);
    (pick < subjects.len()).then(|| subjects.swap_remove(pick))
}

/// The verb whose subject is the cue's: the cue itself when it has one;
/// else, for a participle or a second verb without a subject ("Kay
/// attacked the plan, saying …", "Kay met them and said …"), the verb it
/// hangs from, up a chain of at most three such links.
fn controller(doc: &Doc, cue: usize) -> usize {
    let tree = doc.tree();
    let mut verb = cue;
    for _ in 0..3 {
        if tree.children_labelled(verb, &SUBJECTS).next().is_some() {
            return verb;
        }
        let borrows = match tree.label(verb) {
            "conj" => true,
            "advcl" | "xcomp" | "dep" => tree.tag(verb) == "VBG",
            _ => false,
        };
        match tree.head(verb) {
            Some(h) if borrows && tree.is_verb(h) => verb = h,
            _ => return cue,
        }
    }
    verb
}

/// `"…," Ann Roe, the director of the port authority, said`: the cue
/// whose parsed subject is a name standing right after the quotation
/// (after at most a few title words), or whose subject that name stands
/// in apposition to, however long the phrase between them; or, for a
/// person, any verb right after the name that all but ends the sentence
/// ("“…?” Vitter demanded.").
pub fn cue_after_apposition(
    doc: &Doc,
    mention_at: &[Option<usize>],
    quoted: &[bool],
    from: usize,
    sentence_end: usize,
) -> Option<usize> {
    /// Title words before the name: "Senate Majority Leader".
    const LEAD_WORDS: usize = 4;
    /// Words after a closing verb: "demanded on Monday in Dorling".
    const CLOSING_VERB_TAIL: usize = 4;
    let tree = doc.tree();
    // The first mention there that is a cue's subject ("Senate" of "Senate
    // Majority Leader Mitch McConnell" is not).
    (from..(from + LEAD_WORDS + 1).min(sentence_end))
        .filter_map(|k| mention_at[k])
        .find_map(|name| {
            let tokens = doc.mentions[name].tokens.clone();
            let mut head = tree.head_of(tokens.clone())?;
            // "Kay's niece, Ann Roe, shouted": the name in apposition to
            // the subject.
            if tree.label(head) == "appos" {
                head = tree.head(head)?;
            }
            let verb = tree.head(head)?;
            // `"…?" Vitter demanded.`: any verb right after the name that
            // ends the sentence but for a few words reports the quotation.
            let words_after = (verb + 1..sentence_end)
                .filter(|&k| doc.tokens[k].kind == TokenKind::Word)
                .count();
            // Not a verb with an object ("Alder lost the vote").
            let closing_verb = verb == tokens.end
                && tree.is_verb(verb)
                && tree
                    .children_labelled(verb, &["dobj", "iobj", "ccomp", "xcomp"])
                    .next()
                    .is_none()
                && words_after <= CLOSING_VERB_TAIL
                && doc.actors[doc.mentions[name].actor].kind == ActorKind::Person;
            (matches!(tree.label(head), "nsubj" | "nsubjpass")
                && verb >= tokens.end
                && verb < sentence_end
                && !quoted[verb]
                && (crate::cues::is_cue(doc.token_text(verb)) || closing_verb))
                .then_some(verb)
        })
}

/// Fewer quoted words than this are no one's statement (`clause_speaker`).
const CLAUSE_QUOTE_WORDS: usize = 3;

/// The speaker of words quoted inside a clause with no cue ("Reid has
/// gone after Trump as a “human leech”"): the person the subject of the
/// nearest verb above the quoted words names, when that subject comes
/// before the quotation; none when that verb's subject names no person.
pub fn clause_speaker(
    doc: &Doc,
    mention_at: &[Option<usize>],
    inner: Range<usize>,
    open: usize,
) -> Option<(Range<usize>, usize)> {
    let tree = doc.tree();
    if tree.is_empty() || inner.is_empty() {
        return None;
    }
    // A word or two in quotation marks is as often the writer's scare
    // quotes ("a charge of “reckless endangerment”").
    let words = inner
        .clone()
        .filter(|&k| doc.tokens[k].kind == TokenKind::Word)
        .count();
    if words < CLAUSE_QUOTE_WORDS {
        return None;
    }
    let head = tree.head_of(inner.clone())?;
    let verb = tree
        .ancestors(head)
        .filter(|&t| !inner.contains(&t) && tree.is_verb(t))
        .find(|&t| tree.children_labelled(t, &SUBJECTS).next().is_some())?;
    // An active subject only: "Quist was labelled a “…” by her critics" is
    // the critics' word.
    let subject = tree.children_labelled(verb, &["nsubj"]).next()?;
    let actor = head_actor(doc, mention_at, subject)?;
    let span = mention_at[subject]
        .map_or_else(|| tree.subtree(subject), |m| doc.mentions[m].tokens.clone());
    (span.end <= open && doc.actors[actor].kind == ActorKind::Person).then_some((span, actor))
}

/// The actor named at token `head`, or at the head of its apposition.
fn head_actor(doc: &Doc, mention_at: &[Option<usize>], head: usize) -> Option<usize> {
    let tree = doc.tree();
    // A proper-noun head outside the mention ("Jr." of "Robert Alvarez
    // Jr.") names the person of its compound words; a common noun's
    // compounds are modifiers ("the Idaho governor").
    let name_parts: &[&str] = if tree.tag(head).starts_with("NNP") {
        &["compound", "flat", "appos"]
    } else {
        &["appos"]
    };
    std::iter::once(head)
        .chain(tree.children_labelled(head, name_parts))
        .find_map(|t| mention_at[t])
        .map(|m| doc.mentions[m].actor)
        .or_else(|| titled_nominal(doc, head))
        .or_else(|| described_person(doc, head))
}

/// "The New York businessman said", "the senator said" with no one of
/// that title named: a definite description of a person refers to the
/// person last named as the subject of a main clause, within a few
/// paragraphs, when the noun's gender agrees (`data/lexicon/
/// person_descriptions.tsv` lists the nouns, not those an anonymous
/// source hides behind).
fn described_person(doc: &Doc, head: usize) -> Option<usize> {
    let tree = doc.tree();
    let gender = crate::lexicon::person_description(doc.token_lower(head))?;
    let definite = tree
        .children_labelled(head, &["det"])
        .any(|d| doc.token_lower(d) == "the");
    if !definite || !tree.tag(head).starts_with("NN") {
        return None;
    }
    let (at, actor) = last_subject(doc, head)?;
    // "Berg, the incumbent, faced Lind. … the challenger said": another
    // person named since makes the description ambiguous.
    let mention_at = doc.mention_at();
    let other_person = (at..head).any(|t| {
        mention_at[t].is_some_and(|m| {
            let a = doc.mentions[m].actor;
            a != actor && doc.actors[a].kind == ActorKind::Person
        })
    });
    (is_person_of(doc, actor, gender) && !other_person).then_some(actor)
}

/// Whether actor `a` is a person who may be of `gender` (theirs unknown,
/// or the same).
fn is_person_of(doc: &Doc, a: usize, gender: Option<Gender>) -> bool {
    let actor = &doc.actors[a];
    actor.kind == ActorKind::Person
        && match (gender, actor.gender) {
            (Some(g), Some(h)) => g == h,
            _ => true,
        }
}

/// The main-clause subjects before `before`, the latest first, within a
/// few paragraphs.
fn main_subjects_before(doc: &Doc, before: usize) -> impl Iterator<Item = usize> + '_ {
    let paragraph = |t: usize| doc.sentences[doc.sentence_of()[t]].paragraph;
    let here = paragraph(before);
    (0..before)
        .rev()
        .take_while(move |&t| here - paragraph(t) <= SPEAKER_REACH_PARAGRAPHS)
        .filter(move |&t| is_main_subject(doc, t))
}

/// Whether `t` is the subject of a main clause outside quotations.
fn is_main_subject(doc: &Doc, t: usize) -> bool {
    let tree = doc.tree();
    !doc.quoted()[t]
        && matches!(tree.label(t), "nsubj" | "nsubjpass")
        && tree
            .head(t)
            .is_none_or(|h| matches!(tree.label(h), "root" | "conj"))
}

/// The token and actor of the most recent main-clause subject before `before`,
/// within a few paragraphs: none when that subject names no actor (a
/// description the linker did not resolve stops the search: its person
/// is unknown).
fn last_subject(doc: &Doc, before: usize) -> Option<(usize, usize)> {
    let t = main_subjects_before(doc, before).next()?;
    doc.mention_at()[t].map(|m| (t, doc.mentions[m].actor))
}

/// Whether the last word of a title ("Sen.", "nominee") is the role noun
/// `noun` ("senator", "nominee").
fn title_names(title_word: &str, noun: &str) -> bool {
    if title_word.eq_ignore_ascii_case(noun) {
        return true;
    }
    let full: &[&str] = match title_word {
        "Sen." | "Sen" => &["senator"],
        "Rep." | "Rep" => &["representative", "congressman", "congresswoman"],
        "Gov." | "Gov" => &["governor"],
        "Gen." | "Gen" => &["general"],
        "Pres." | "Pres" => &["president"],
        "Sec." | "Secy." => &["secretary"],
        _ => &[],
    };
    full.contains(&noun)
}

/// "The mayor said": a definite role noun names the person last mentioned
/// before it who holds that title ("Mayor Bill de Blasio"); none when no
/// one does.
fn titled_nominal(doc: &Doc, head: usize) -> Option<usize> {
    let tree = doc.tree();
    let noun = doc.token_lower(head);
    let definite = tree
        .children_labelled(head, &["det"])
        .any(|d| doc.token_lower(d) == "the");
    if !definite
        || !tree.tag(head).starts_with("NN")
        || tree.tag(head).starts_with("NNP")
        || !crate::entities::linking::is_title_word(noun)
    {
        return None;
    }
    doc.actors
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            a.kind == ActorKind::Person
                && a.titles.iter().any(|t| {
                    t.rsplit(char::is_whitespace)
                        .next()
                        .is_some_and(|w| title_names(w, noun))
                })
        })
        .filter_map(|(k, a)| {
            let last_before = a
                .mentions
                .iter()
                .map(|&m| doc.mentions[m].tokens.start)
                .filter(|&t| t < head)
                .max()?;
            Some((last_before, k))
        })
        .max()
        .map(|(_, k)| k)
}

/// How many paragraphs back the previous speaker may stand and still be
/// the "he" of a cue: news quotes a speaker over a few paragraphs in a row
/// (chosen by hand, measured on the dev gold briefs).
const SPEAKER_REACH_PARAGRAPHS: usize = 2;

/// The speaker a subject pronoun of a cue ("…," he said) refers to:
/// `linked`, what the learned resolver (`entities::coref`) made of it,
/// when a person of that gender; else the person most recently named as a
/// subject outside quotations within a few paragraphs, when the gender
/// agrees (news introduces a speaker as a subject, then quotes them); else
/// the previous speaker (`previous`: actor and token), within the same
/// reach. Measured on the dev gold briefs: 379 of 441 speakers right this
/// way, 378 with the last subject first; on the silver identity score
/// (`scripts/score_speakers_silver.py`) pronoun sources score 0.710 this
/// way and 0.688 with the last subject first.
pub fn pronoun_speaker(
    doc: &Doc,
    pronoun: usize,
    previous: Option<(usize, usize)>,
    linked: Option<usize>,
) -> Option<usize> {
    let gender = match doc.token_lower(pronoun) {
        "he" => Gender::Male,
        "she" => Gender::Female,
        _ => return linked,
    };
    let paragraph = |t: usize| doc.sentences[doc.sentence_of()[t]].paragraph;
    let agrees = |a: usize| is_person_of(doc, a, Some(gender));
    let recent = previous.filter(|&(actor, at)| {
        at < pronoun
            && paragraph(pronoun) - paragraph(at) <= SPEAKER_REACH_PARAGRAPHS
            && agrees(actor)
    });
    linked
        .filter(|&a| agrees(a))
        .or_else(|| recent_subject(doc, pronoun, &agrees))
        .or(recent.map(|(actor, _)| actor))
}

/// The person named as the subject of a main clause most recently before
/// `pronoun`, outside quotations and within a few paragraphs, that
/// `agrees`: "Lynch defended the policy on Monday. …," she said.
fn recent_subject(doc: &Doc, pronoun: usize, agrees: &dyn Fn(usize) -> bool) -> Option<usize> {
    let mention_at = doc.mention_at();
    // A main clause's subject, not an embedded one's ("Kay told them that
    // Lee wants peace. He went on to say …" is Kay).
    main_subjects_before(doc, pronoun).find_map(|t| {
        let m = &doc.mentions[mention_at[t]?];
        (m.kind == MentionKind::Name && agrees(m.actor)).then_some(m.actor)
    })
}

/// A transcript's speaker label at token `at`: one to three words in
/// capitals and a colon ("WALLACE:", "MR. TRUMP:"); the label's words,
/// without the colon.
pub fn transcript_label(doc: &Doc, at: usize) -> Option<Range<usize>> {
    /// Labels are a name or a title and a name.
    const MAX_LABEL_WORDS: usize = 3;
    let capitals = |i: usize| {
        let w = doc.token_text(i).trim_end_matches('.');
        doc.tokens[i].kind == crate::doc::TokenKind::Word
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’'))
    };
    let mut end = at;
    while end < doc.tokens.len() && end - at < MAX_LABEL_WORDS && capitals(end) {
        end += 1;
    }
    (end > at && end < doc.tokens.len() && doc.token_text(end) == ":").then_some(at..end)
}

/// The person a transcript label names: the person whose name ends in the
/// label's last word ("PENCE" is Mike Pence), else the actor the label
/// itself was linked to.
pub fn label_speaker(doc: &Doc, label: &Range<usize>) -> Option<usize> {
    let last = doc.token_text(label.end - 1).trim_end_matches('.');
    let by_surname = doc.actors.iter().position(|a| {
        a.kind == ActorKind::Person
            && a.name
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.to_uppercase() == last)
    });
    by_surname.or_else(|| {
        label
            .clone()
            .find_map(|i| doc.mention_at()[i])
            .map(|m| doc.mentions[m].actor)
    })
}

#[cfg(test)]
mod tests {
    use crate::doc::Doc;

    fn analysed(text: &str) -> Doc {
        crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Entities)
    }

    fn speaker_of(doc: &Doc, cue_word: &str) -> Option<String> {
        let cue = (0..doc.tokens.len()).find(|&i| doc.token_text(i) == cue_word)?;
        let sentence = &doc.sentences[doc.sentence_of()[cue]];
        let (_, actor) =
            super::parsed_subject(doc, doc.mention_at(), cue, sentence.tokens.clone())?;
        actor.map(|a| doc.actors[a].name.clone())
    }

    #[test]
    fn the_head_of_the_source_is_the_speaker() {
        let doc = analysed(
            "Gov. Lena Marsh of Idaho spoke on Monday. The Idaho governor said the plan \
             would fail.",
        );
        // "The Idaho governor": a governor, not Idaho; unresolved beats wrong.
        assert_ne!(speaker_of(&doc, "said").as_deref(), Some("Idaho"));
        let doc =
            analysed("Harlan Boyd, a fellow at the Corran Institute, said the tax was unfair.");
        assert_eq!(speaker_of(&doc, "said").as_deref(), Some("Harlan Boyd"));
        // Two subjects in the parse: the one that names someone.
        let doc = analysed("Port lawyer Ines Vidal said the ban was lawful.");
        assert_eq!(speaker_of(&doc, "said").as_deref(), Some("Ines Vidal"));
    }

    /// The speaker names of the quotations of `text`, in order.
    fn quote_speakers(text: &str) -> Vec<Option<String>> {
        let doc = crate::pipeline::run_until(text.to_string(), crate::pipeline::Stage::Cues);
        crate::quotes::extract(&doc)
            .iter()
            .map(|q| q.speaker.map(|a| doc.actors[a].name.clone()))
            .collect()
    }

    #[test]
    fn quotes_take_the_speaker_at_the_head_of_the_source() {
        let speakers = quote_speakers(
            "Erik Halvorsen runs the depot. “We will not back down,” said Mr. Halvorsen. \
             The Ohio senator said “nothing has changed” at the hearing.",
        );
        assert_eq!(speakers[0].as_deref(), Some("Erik Halvorsen"));
        assert_ne!(speakers[1].as_deref(), Some("Ohio"));
    }

    #[test]
    fn a_definite_title_names_the_person_who_holds_it() {
        let doc = analysed(
            "Mayor Ilse Brandt opened the new depot on Friday. At a briefing in Dorling, \
             the mayor said the buses would run on time.",
        );
        assert_eq!(speaker_of(&doc, "said").as_deref(), Some("Ilse Brandt"));
        // Nobody holds the title: no speaker rather than a guess.
        let doc = analysed("Ilse Brandt opened the depot. The senator said it was late.");
        assert_eq!(speaker_of(&doc, "said"), None);
    }

    #[test]
    fn a_participle_or_second_verb_borrows_its_subject() {
        let speakers = quote_speakers(
            "During a visit to the port, Rosa Quintero attacked the plan for Dorling, \
             saying, “It will cost every family.”",
        );
        assert_eq!(speakers, vec![Some("Rosa Quintero".to_string())]);
        let speakers = quote_speakers(
            "Rosa Quintero toured a plant run by Vell Industries and said: “We need jobs.”",
        );
        assert_eq!(speakers, vec![Some("Rosa Quintero".to_string())]);
    }

    #[test]
    fn a_long_apposition_between_name_and_cue_keeps_the_speaker() {
        let speakers = quote_speakers(
            "“The fares will rise,” Ann Roe, the director of the Dorling port authority \
             and a former mayor of the town, said on Monday. “We cannot wait.”",
        );
        assert_eq!(
            speakers,
            vec![Some("Ann Roe".to_string()), Some("Ann Roe".to_string())]
        );
        let speakers = quote_speakers(
            "“The vote will hold,” Senate Majority Leader Tom Vail, R-Ore., said Tuesday.",
        );
        assert_eq!(speakers, vec![Some("Tom Vail".to_string())]);
    }

    #[test]
    fn a_question_mark_inside_the_quotation_keeps_its_attribution() {
        let speakers = quote_speakers(
            "Ruth Alder chairs the panel.\n\n“Who pays for this?” Alder asked the board.\n\n\
             “Why now?” Alder demanded.",
        );
        assert_eq!(
            speakers,
            vec![
                Some("Ruth Alder".to_string()),
                Some("Ruth Alder".to_string())
            ]
        );
    }

    #[test]
    fn a_title_word_after_an_honorific_is_a_surname() {
        let speakers = quote_speakers(
            "Oren King hosted the show for years. “I was proud,” Mr. King said on Monday.",
        );
        assert_eq!(speakers, vec![Some("Oren King".to_string())]);
    }

    #[test]
    fn words_quoted_inside_a_reported_clause_are_the_speaker_s() {
        let speakers = quote_speakers(
            "Ada Vell runs the studio. The new host is “sharp as a tack,” Vell wrote on Monday.",
        );
        assert_eq!(speakers, vec![Some("Ada Vell".to_string())]);
        // A title in a clause is nobody's words, and a cue that is no verb
        // of saying does not report the clause.
        let speakers = quote_speakers(
            "Ada Vell runs the studio. On the set of “Morning Desk,” Vell said the show would end.",
        );
        assert_eq!(speakers, vec![None]);
    }

    #[test]
    fn words_quoted_in_a_clause_without_a_cue_are_its_subject_s() {
        let speakers = quote_speakers(
            "Nora Quist chairs the board. For weeks, Quist has gone after the plan as a \
             “giveaway to landlords.”",
        );
        assert_eq!(speakers, vec![Some("Nora Quist".to_string())]);
        // A subject that names no person: no speaker.
        let speakers =
            quote_speakers("The report described the plan as a “giveaway to landlords.”");
        assert_eq!(speakers, vec![None]);
    }

    #[test]
    fn rules_that_would_guess_give_no_speaker() {
        // A description when someone else was named since.
        let speakers = quote_speakers(
            "Tom Berg, a billionaire, faced Omar Lind on Monday. “We will win,” the \
             businessman said.",
        );
        assert_eq!(speakers, vec![None]);
        // A verb with an object is no cue.
        let speakers =
            quote_speakers("Ruth Alder chairs the panel.\n\n“Is this fair?” Alder lost the vote.");
        assert_eq!(speakers, vec![None]);
        // A passive subject, and scare quotes, are not the speaker.
        let speakers = quote_speakers(
            "Nora Quist was labelled a “giveaway queen of the city” by her critics.",
        );
        assert_eq!(speakers, vec![None]);
        let speakers = quote_speakers("Tom Berg faces a charge of “reckless endangerment.”");
        assert_eq!(speakers, vec![None]);
    }

    #[test]
    fn according_to_opens_a_sentence_too() {
        let speakers =
            quote_speakers("Lena Marsh spoke on Monday. According to Marsh, “the plan is dead.”");
        assert_eq!(speakers, vec![Some("Lena Marsh".to_string())]);
    }

    #[test]
    fn an_abbreviated_title_names_the_role() {
        let doc = analysed(
            "Vermont Sen. Ada Wells filed the bill. On Monday, the senator said it would pass.",
        );
        assert_eq!(speaker_of(&doc, "said").as_deref(), Some("Ada Wells"));
    }

    #[test]
    fn a_description_refers_to_the_last_named_subject() {
        let speakers = quote_speakers(
            "Oskar Lind bought the mill in May. “We will reopen it,” the Swedish \
             businessman said.",
        );
        assert_eq!(speakers, vec![Some("Oskar Lind".to_string())]);
        // The last subject is a description nobody resolved: no guess.
        let speakers = quote_speakers(
            "Oskar Lind bought the mill in May. The Republican nominee was speaking in \
             Dorling. “We will reopen it,” the businessman said.",
        );
        assert_eq!(speakers, vec![None]);
        // Of the wrong gender: no one.
        let speakers = quote_speakers(
            "Oskar Lind bought the mill in May. “We will reopen it,” the businesswoman said.",
        );
        assert_eq!(speakers, vec![None]);
    }

    #[test]
    fn transcript_labels_name_each_turn_s_speaker() {
        let speakers = quote_speakers(
            "On Sunday the senator, Ada Voss, spoke to the host, Len Marr, about the budget.\n\n\
             \"MARR: Will you run again?\n\n\
             \"VOSS: Not this year. We have work to do.\n\n\
             \"MARR: Thank you, senator.",
        );
        let speakers: Vec<Option<&str>> = speakers.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            speakers,
            [Some("Len Marr"), Some("Ada Voss"), Some("Len Marr")],
            "{speakers:?}"
        );
    }

    #[test]
    fn a_pronoun_speaker_is_the_person_last_named_as_a_subject() {
        let speakers = quote_speakers(
            "Mayor Rosa Quint defended the budget on Monday against critics led by \
             Tom Reyes.\n\n“We kept every promise,” she said.\n\n\
             Councilman Abel Mora disagreed with the mayor. “It is a shell game,” he said.",
        );
        assert_eq!(speakers[0].as_deref(), Some("Rosa Quint"));
        assert_eq!(speakers[1].as_deref(), Some("Abel Mora"));
        // An embedded clause's subject is not the one a "he" goes back to.
        let speakers = quote_speakers(
            "Governor Hal Brenner told reporters that he thought Omar Vance “wants a deal.” \
             He went on to say, “We will meet in May.”",
        );
        assert_eq!(
            speakers.last().cloned().flatten().as_deref(),
            Some("Hal Brenner")
        );
    }
}
