//! What the nominal resolver sees: for a definite description ("the
//! senator", "the company", "the Republican nominee", "the newspaper"),
//! the actors named before it, each with the facts a mention-ranking model
//! weighs (does the head noun fit its titles or its name, is it the kind a
//! noun of this class describes, how recent and how salient it is), and
//! the "nobody" option (most definite descriptions are not an actor: "the
//! debate", "the president" of another country).
//!
//! Assumes names are linked into actors (`linking`) and the parse is set;
//! reads only name mentions, so the options of a description do not depend
//! on how earlier descriptions or pronouns were resolved (training and run
//! time see the same thing).

use crate::doc::{ActorKind, Doc, Gender, MentionKind, TokenKind};
use crate::entities::gazetteer::{self, PlaceForm};
use crate::entities::linking::is_title_word;
use crate::learn::hash::string_id;
use crate::lexicon::{self, List};
use std::ops::Range;

/// At most this many candidates per description, the most recently named
/// first (a description refers back farther than a pronoun, but past ten
/// other actors a wrong link is likelier than a right one; chosen by hand).
pub const MAX_CANDIDATES: usize = 10;
/// Words between "the" and the head noun ("the former Indiana governor"
/// has three): longer phrases are rarely a description of an actor.
pub const MAX_MODIFIERS: usize = 3;

/// The feature templates (numbers are part of the hashes: never change
/// one).
mod tpl {
    crate::learn::hash::templates! {
        KIND_CLASS = 0, "kind+head-class";
        KIND_HEAD = 1, "kind+head";
        TITLE_FIT = 2, "title-fit+head-class";
        TITLE_RANK = 3, "title-fit-rank+kind";
        NAME_FIT = 4, "name-fit+kind";
        NAME_RANK = 5, "name-fit-rank+kind";
        MODIFIER_FIT = 6, "modifier-fit+has-modifier+kind";
        RECENCY = 7, "recency-rank+head-class";
        KIND_RANK = 8, "kind-rank+kind+head-class";
        SENTENCES = 9, "sentence-distance+head-class";
        SALIENCE = 10, "salience-rank+kind";
        SUBJECTS = 11, "candidate-subject+description-subject";
        GENDER = 12, "gender-agreement";
        QUOTED = 13, "description-quoted+kind";
        KIND_COUNT = 14, "kind-count+kind+head-class";
        HEAD_RECENT = 15, "head+kind-rank";
        PHRASE_FIT = 16, "all-words-fit+head-class";
        TITLE_EXACT = 17, "title-exact+head-class";
        TITLED = 18, "candidate-titled+head-class";
        NONE = 20, "none";
        NONE_HEAD = 21, "none+head";
        NONE_CLASS = 22, "none+head-class+quoted";
        NONE_TITLE_FITS = 23, "none+title-fits";
        NONE_NAME_FITS = 24, "none+name-fits";
        NONE_OF = 25, "none+followed-by-of";
        NONE_MODIFIERS = 26, "none+modifiers";
    }
}

/// Every template the features use, for the model header.
pub const TEMPLATES: &[crate::learn::hash::Template] = tpl::ALL;

/// One definite description to resolve: the candidate actors, most
/// recently named first, and the features of each option (one per
/// candidate, then "nobody").
#[derive(Clone, Debug, Default)]
pub struct NominalCase {
    /// The description's tokens, "the" to the head noun.
    pub tokens: Range<usize>,
    /// Candidate actors (indexes into `Doc::actors`).
    pub actors: Vec<usize>,
    /// `actors.len() + 1` feature lists; the last is "nobody".
    pub options: Vec<Vec<u64>>,
    /// For each candidate: the end of its latest name mention.
    pub last_end: Vec<usize>,
}

/// What kind of noun heads the description, by the word lists.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum HeadClass {
    /// A role ("senator", "president").
    Title = 0,
    /// A noun for a person ("businessman", "mogul").
    Description = 1,
    /// A noun for any organisation ("company", "group").
    GenericOrg = 2,
    /// An institution's head noun ("council", "campaign").
    Institution = 3,
    /// Some other noun that is a word of a candidate's name.
    NameWord = 4,
}

impl HeadClass {
    /// Whether a noun of this class may describe an actor of `kind`: a
    /// role or person noun a person, an organisation noun an organisation
    /// or group ("the court" is never the judge Ann Roe of the Court).
    fn may_name(self, kind: ActorKind) -> bool {
        match self {
            HeadClass::Title | HeadClass::Description => kind == ActorKind::Person,
            HeadClass::GenericOrg | HeadClass::Institution => {
                matches!(kind, ActorKind::Organization | ActorKind::Group)
            }
            HeadClass::NameWord => true,
        }
    }
}

/// A description found in the text: its tokens and head.
struct Description {
    tokens: Range<usize>,
    head: usize,
}

/// The definite descriptions of `doc` no mention covers: "the", up to
/// `MAX_MODIFIERS` lower-case words or demonyms, and a singular common
/// noun that heads them in the parse, in apposition to no name.
fn descriptions(doc: &Doc) -> Vec<Description> {
    let tree = doc.tree();
    let mention_at = doc.mention_at();
    let mut out = Vec::new();
    for i in 0..doc.tokens.len() {
        if doc.token_lower(i) != "the" || mention_at[i].is_some() || tree.label(i) != "det" {
            continue;
        }
        let Some(head) = tree
            .head(i)
            .filter(|&h| h > i && h - i <= MAX_MODIFIERS + 1)
        else {
            continue;
        };
        let plain = (i + 1..=head).all(|t| {
            let text = doc.token_text(t);
            doc.tokens[t].kind == TokenKind::Word
                && mention_at[t].is_none()
                && (text.starts_with(|c: char| c.is_lowercase())
                    || gazetteer::place(text).is_some_and(|p| p.form == PlaceForm::Demonym))
        });
        if !plain || tree.tag(head) != "NN" || doc.token_text(head).contains(char::is_uppercase) {
            continue;
        }
        // "the president Ann Roe" is the name's title; "Ann Roe, the
        // mayor of Oakridge," is said of the name beside it, not a
        // reference of its own; but in "Ann Roe, the council's clerk,"
        // the possessor is one.
        let before_name = head + 1 < doc.tokens.len()
            && mention_at[head + 1].is_some()
            && doc.token_text(head + 1).starts_with(char::is_uppercase);
        let possessor = head + 1 < doc.tokens.len() && tree.tag(head + 1) == "POS";
        let after_name = !possessor
            && (tree.label(head) == "appos"
                || (i >= 2 && doc.token_text(i - 1) == "," && mention_at[i - 2].is_some()));
        if !before_name && !after_name {
            out.push(Description {
                tokens: i..head + 1,
                head,
            });
        }
    }
    out
}

/// One candidate actor as the description sees it.
struct Candidate {
    actor: usize,
    kind: ActorKind,
    /// Its latest name mention before the description.
    last: usize,
    /// Name mentions before the description.
    named: usize,
    /// Lower-cased words of its name, aliases and titles.
    name_words: Vec<String>,
    title_words: Vec<String>,
    /// The head noun of each of its names: the last word, or the word
    /// before "of" ("Court of Appeals").
    name_heads: Vec<String>,
    /// Each title, as lower-case words.
    titles: Vec<Vec<String>>,
}

/// The head noun of an organisation's name, lower-cased.
fn name_head(name: &str) -> Option<String> {
    let words: Vec<String> = lower_words(name).collect();
    let before_of = words.iter().position(|w| w == "of" || w == "for");
    match before_of {
        Some(k) if k > 0 => Some(words[k - 1].clone()),
        _ => words.last().cloned(),
    }
}

fn lower_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// The actors named before token `at`, most recent first.
fn candidates(doc: &Doc, names: &[usize], at: usize) -> Vec<Candidate> {
    let end = names.partition_point(|&m| doc.mentions[m].tokens.end <= at);
    let mut out: Vec<Candidate> = Vec::new();
    for &m in names[..end].iter().rev() {
        let a = doc.mentions[m].actor;
        if let Some(c) = out.iter_mut().find(|c| c.actor == a) {
            c.named += 1;
            continue;
        }
        if out.len() == MAX_CANDIDATES {
            continue;
        }
        let actor = &doc.actors[a];
        out.push(Candidate {
            actor: a,
            kind: actor.kind,
            last: m,
            named: 1,
            name_words: std::iter::once(&actor.name)
                .chain(&actor.aliases)
                .flat_map(|s| lower_words(s))
                .collect(),
            title_words: actor.titles.iter().flat_map(|s| lower_words(s)).collect(),
            name_heads: std::iter::once(&actor.name)
                .chain(&actor.aliases)
                .filter_map(|s| name_head(s))
                .collect(),
            titles: actor
                .titles
                .iter()
                .map(|s| lower_words(s).collect())
                .collect(),
        });
    }
    out
}

fn head_class(head: &str, found: &[Candidate]) -> Option<HeadClass> {
    if is_title_word(head) {
        Some(HeadClass::Title)
    } else if lexicon::person_description(head).is_some() {
        Some(HeadClass::Description)
    } else if lexicon::words(List::GenericOrgNouns).contains(head) {
        Some(HeadClass::GenericOrg)
    } else if lexicon::words(List::InstitutionHeads)
        .iter()
        .any(|w| w.eq_ignore_ascii_case(head))
    {
        Some(HeadClass::Institution)
    } else if found.iter().any(|c| c.name_heads.iter().any(|w| w == head)) {
        Some(HeadClass::NameWord)
    } else {
        None
    }
}

/// The cases of every description of `doc` whose head noun could name an
/// actor (a role, a person noun, an organisation noun or a word of a
/// candidate's name); "the economy" is no case.
pub fn cases(doc: &Doc) -> Vec<NominalCase> {
    let names: Vec<usize> = (0..doc.mentions.len())
        .filter(|&m| {
            let mention = &doc.mentions[m];
            mention.kind == MentionKind::Name
                && !matches!(doc.actors[mention.actor].kind, ActorKind::Other)
        })
        .collect();
    let mut out = Vec::new();
    for d in descriptions(doc) {
        let mut found = candidates(doc, &names, d.tokens.start);
        let head = doc.token_lower(d.head);
        let Some(class) = head_class(head, &found) else {
            continue;
        };
        found.retain(|c| class.may_name(c.kind));
        // A role names only a person who holds it in the text ("the
        // senator" is never a person no title calls a senator).
        if class == HeadClass::Title {
            found.retain(|c| c.title_words.iter().any(|w| w == head));
        }
        if found.is_empty() {
            continue;
        }
        out.push(case(doc, &d, class, &found));
    }
    out
}

/// How a candidate's gender meets the description's: 0 agrees, 1 unknown,
/// 2 clashes.
fn gender_agreement(described: Option<Gender>, actor: Option<Gender>) -> u64 {
    match (described, actor) {
        (Some(d), Some(a)) if d == a => 0,
        (Some(_), Some(_)) => 2,
        _ => 1,
    }
}

/// The rank of candidate `k` among those for which `fits` holds (3 when it
/// does not hold for `k`).
fn rank_among(fits: &[bool], k: usize) -> u64 {
    if !fits[k] {
        return 3;
    }
    fits[..k].iter().filter(|&&f| f).count().min(2) as u64
}

/// How the description's words meet a candidate's titles: 0 one title
/// ends in exactly these words ("attorney general" for "Attorney
/// General"), 1 one holds the head noun with other words before it
/// ("Deputy Attorney General"), 2 none holds it.
fn title_exactness(titles: &[Vec<String>], words: &[&str]) -> u64 {
    let head = words[words.len() - 1];
    let mut best = 2;
    for title in titles {
        if title.last().map(String::as_str) != Some(head) {
            continue;
        }
        // Demonyms and "former" are not part of a title's words.
        let own: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| gazetteer::place(w).is_none() && *w != "former")
            .collect();
        let exact = title.len() == own.len() && title.iter().zip(&own).all(|(a, b)| a == b);
        best = best.min(if exact { 0 } else { 1 });
    }
    best
}

fn is_subject(doc: &Doc, tokens: Range<usize>) -> bool {
    let tree = doc.tree();
    let head = tree.head_of(tokens.clone()).unwrap_or(tokens.end - 1);
    matches!(tree.label(head), "nsubj" | "nsubjpass")
}

fn case(doc: &Doc, d: &Description, class: HeadClass, found: &[Candidate]) -> NominalCase {
    let head = doc.token_lower(d.head);
    let modifiers: Vec<&str> = (d.tokens.start + 1..d.head)
        .map(|t| doc.token_lower(t))
        .collect();
    let words: Vec<&str> = modifiers
        .iter()
        .copied()
        .chain(std::iter::once(head))
        .collect();
    let seen = Seen {
        head_id: string_id(head),
        class_id: class as u64,
        described_gender: lexicon::person_description(head).flatten(),
        quoted: doc.quoted()[d.tokens.start] as u64,
        subject: is_subject(doc, d.tokens.clone()) as u64,
        sentence: doc.sentence_of()[d.tokens.start],
        title_fits: found
            .iter()
            .map(|c| c.title_words.iter().any(|w| w == head))
            .collect(),
        name_fits: found
            .iter()
            .map(|c| c.name_heads.iter().any(|w| w == head))
            .collect(),
        modifiers,
        words,
    };
    let mut options: Vec<Vec<u64>> = (0..found.len())
        .map(|k| candidate_option(doc, &seen, found, k))
        .collect();
    options.push(nobody_option(doc, d, &seen));
    NominalCase {
        tokens: d.tokens.clone(),
        actors: found.iter().map(|c| c.actor).collect(),
        options,
        last_end: found
            .iter()
            .map(|c| doc.mentions[c.last].tokens.end)
            .collect(),
    }
}

/// What the features read of the description itself, shared by its
/// options.
struct Seen<'a> {
    head_id: u64,
    class_id: u64,
    described_gender: Option<Gender>,
    quoted: u64,
    subject: u64,
    sentence: usize,
    /// Per candidate: a title of it is the head noun.
    title_fits: Vec<bool>,
    /// Per candidate: a word of its name is the head noun.
    name_fits: Vec<bool>,
    modifiers: Vec<&'a str>,
    /// The modifiers and the head.
    words: Vec<&'a str>,
}

/// The features of candidate `k` of `found`.
fn candidate_option(doc: &Doc, seen: &Seen, found: &[Candidate], k: usize) -> Vec<u64> {
    let c = &found[k];
    let class_id = seen.class_id;
    let kind = c.kind as u64;
    let same_kind: Vec<bool> = found.iter().map(|o| o.kind == c.kind).collect();
    let kind_rank = rank_among(&same_kind, k);
    let kind_count = same_kind.iter().filter(|&&s| s).count().min(3) as u64;
    let own_word = |m: &&str| c.name_words.iter().chain(&c.title_words).any(|w| w == m);
    let modifier_fit = seen.modifiers.iter().any(own_word) as u64;
    let phrase_fit = seen.words.iter().all(own_word) as u64;
    let salience_rank = found.iter().filter(|o| o.named > c.named).count().min(3) as u64;
    let last = &doc.mentions[c.last];
    let sentences = match seen.sentence - last.sentence {
        n @ 0..=2 => n as u64,
        3..=5 => 3,
        6..=10 => 4,
        _ => 5,
    };
    vec![
        tpl::KIND_CLASS.ids(&[kind, class_id]),
        tpl::KIND_HEAD.ids(&[kind, seen.head_id]),
        tpl::TITLE_FIT.ids(&[seen.title_fits[k] as u64, class_id]),
        tpl::TITLE_RANK.ids(&[rank_among(&seen.title_fits, k), kind]),
        tpl::NAME_FIT.ids(&[seen.name_fits[k] as u64, kind]),
        tpl::NAME_RANK.ids(&[rank_among(&seen.name_fits, k), kind]),
        tpl::MODIFIER_FIT.ids(&[modifier_fit, !seen.modifiers.is_empty() as u64, kind]),
        tpl::RECENCY.ids(&[k.min(4) as u64, class_id]),
        tpl::KIND_RANK.ids(&[kind_rank, kind, class_id]),
        tpl::SENTENCES.ids(&[sentences, class_id]),
        tpl::SALIENCE.ids(&[salience_rank, kind]),
        tpl::SUBJECTS.ids(&[is_subject(doc, last.tokens.clone()) as u64, seen.subject]),
        tpl::GENDER.ids(&[gender_agreement(
            seen.described_gender,
            doc.actors[c.actor].gender,
        )]),
        tpl::QUOTED.ids(&[seen.quoted, kind]),
        tpl::KIND_COUNT.ids(&[kind_count, kind, class_id]),
        tpl::HEAD_RECENT.ids(&[seen.head_id, kind, kind_rank]),
        tpl::PHRASE_FIT.ids(&[phrase_fit, class_id]),
        tpl::TITLE_EXACT.ids(&[title_exactness(&c.titles, &seen.words), class_id]),
        tpl::TITLED.ids(&[!c.titles.is_empty() as u64, class_id]),
    ]
}

/// The features of the "nobody" option.
fn nobody_option(doc: &Doc, d: &Description, seen: &Seen) -> Vec<u64> {
    let count = |fits: &[bool]| fits.iter().filter(|&&f| f).count().min(2) as u64;
    let followed_by_of = d.head + 1 < doc.tokens.len() && doc.token_lower(d.head + 1) == "of";
    vec![
        tpl::NONE.ids(&[]),
        tpl::NONE_HEAD.ids(&[seen.head_id]),
        tpl::NONE_CLASS.ids(&[seen.class_id, seen.quoted]),
        tpl::NONE_TITLE_FITS.ids(&[count(&seen.title_fits)]),
        tpl::NONE_NAME_FITS.ids(&[count(&seen.name_fits)]),
        tpl::NONE_OF.ids(&[followed_by_of as u64]),
        tpl::NONE_MODIFIERS.ids(&[seen.modifiers.len() as u64]),
    ]
}

/// Whether candidate `k` of `case` may be meant at all: a description
/// that gives a gender ("the businesswoman") never means a person of the
/// other, nor one that gives a nationality ("the American president")
/// a person whose titles give another ("Russian President").
pub fn allowed(doc: &Doc, case: &NominalCase, k: usize) -> bool {
    let actor = &doc.actors[case.actors[k]];
    let head = doc.token_lower(case.tokens.end - 1);
    let described = lexicon::person_description(head).flatten();
    let demonym_of = |word: &str| {
        gazetteer::place(word)
            .filter(|p| p.form == PlaceForm::Demonym)
            .map(|p| p.id)
    };
    let described_nations: Vec<usize> = case
        .tokens
        .clone()
        .filter_map(|t| demonym_of(doc.token_text(t)))
        .collect();
    let titled_nations: Vec<usize> = actor
        .titles
        .iter()
        .flat_map(|t| t.split_whitespace())
        .filter_map(demonym_of)
        .collect();
    let other_nation = !described_nations.is_empty()
        && !titled_nations.is_empty()
        && !described_nations.iter().any(|n| titled_nations.contains(n));
    gender_agreement(described, actor.gender) < 2 && !other_nation
}

/// Whether another person is brought in between `from` and `to` by a
/// description no name follows ("the Republican nominee was speaking"):
/// a person description after it may mean that one, so none is linked
/// across it ("Ann Roe left. The mayor arrived. The businesswoman said"
/// is not Ann Roe).
pub fn interrupted(doc: &Doc, from: usize, to: usize) -> bool {
    let mention_at = doc.mention_at();
    (from..to).any(|t| {
        let lower = doc.token_lower(t);
        mention_at[t].is_none()
            && (is_title_word(lower) || lexicon::person_description(lower).is_some())
            && (t.saturating_sub(MAX_MODIFIERS + 1)..t).any(|k| doc.token_lower(k) == "the")
    })
}

/// Whether a person noun ("the businessman") could as well mean another
/// candidate than `k`: another person of a gender the noun allows. Only
/// a role (which the candidate's titles must hold) tells two people
/// apart; a person noun does not, and guessing the nearer or the more
/// salient one is wrong too often to be worth a speaker.
pub fn another_person_fits(doc: &Doc, case: &NominalCase, k: usize) -> bool {
    let head = doc.token_lower(case.tokens.end - 1);
    if head_class(head, &[]) != Some(HeadClass::Description) {
        return false;
    }
    (0..case.actors.len()).any(|j| {
        j != k && doc.actors[case.actors[j]].kind == ActorKind::Person && allowed(doc, case, j)
    })
}
