//! What the pronoun resolver sees: for a third-person singular pronoun
//! ("he", "her", "himself"), the persons mentioned shortly before it, each
//! with the facts a mention-ranking model weighs (agreement, distance,
//! grammatical role, recency among the candidates, whether it was a
//! speaker, the quotation context), and the "nobody" option.
//!
//! Assumes the names and nominals are linked into actors (`linking`) and
//! the parse is set; pronoun mentions themselves are not read, so the
//! options of a pronoun do not depend on how earlier ones were resolved
//! (training and run time see the same thing).

use crate::cues::is_speech_verb;
use crate::doc::{ActorKind, Doc, Gender, MentionKind};
use crate::learn::hash::{string_id, Template};

/// How many paragraphs back a candidate's mention may stand: news keeps a
/// person's pronouns close to the name (chosen by hand; of the right
/// antecedents the silver chains of PolNeAR train give within this reach,
/// 79.6 % stand in the pronoun's paragraph and 0.7 % three back, measured
/// by `train-coref --stats`).
pub const REACH_PARAGRAPHS: usize = 3;
/// And at most this many tokens back: a paragraph of news is rarely
/// longer than 150 tokens, so this bounds only run-on text without
/// paragraph breaks, where the search would otherwise be quadratic.
pub const REACH_TOKENS: usize = 600;
/// At most this many candidates per pronoun, the most recent first (the
/// rest are too far back to win; bounds the cost).
pub const MAX_CANDIDATES: usize = 8;

/// The feature templates (numbers are part of the hashes: never change
/// one).
mod tpl {
    use crate::learn::hash::Template;

    pub const CANDIDATE: Template = Template::new(0, "candidate");
    pub const AGREE_FORM: Template = Template::new(1, "agreement+form");
    pub const SENTENCES_AGREE: Template = Template::new(2, "sentence-distance+agreement");
    pub const PARAGRAPHS: Template = Template::new(3, "paragraph-distance");
    pub const RECENCY_ROLE: Template = Template::new(4, "recency-rank+pronoun-role");
    pub const FITTING_RANK: Template = Template::new(5, "agreeing-rank+agreement");
    pub const SUBJECT_RANK: Template = Template::new(6, "subject-rank+paragraph-distance");
    pub const SPEAKER_RANK: Template = Template::new(7, "speaker-rank+pronoun-quoted");
    pub const ROLES: Template = Template::new(8, "candidate-role+pronoun-role");
    pub const SAME_CLAUSE: Template = Template::new(9, "same-clause+candidate-role+form");
    pub const QUOTES: Template = Template::new(10, "pronoun-quoted+candidate-quoted");
    pub const KIND: Template = Template::new(11, "mention-kind+sentence-distance");
    pub const COUNT: Template = Template::new(12, "mentions-in-reach");
    pub const NAMED: Template = Template::new(13, "mentions-before");
    pub const GENERIC: Template = Template::new(14, "generic-pronoun");
    pub const RECENT_SUBJECT: Template = Template::new(15, "recency-rank+subject");
    pub const ONLY_FITTING: Template = Template::new(16, "only-agreeing+agreement");
    pub const NONE: Template = Template::new(20, "none");
    pub const NONE_FORM: Template = Template::new(21, "none+form+quoted");
    pub const NONE_FITTING: Template = Template::new(22, "none+agreeing-count");
    pub const NONE_NEAREST: Template = Template::new(23, "none+nearest-agreeing");
    pub const NONE_GENERIC: Template = Template::new(24, "none+generic");
    pub const NONE_ROLE: Template = Template::new(25, "none+pronoun-role");
}

/// Every template the features use, for the model header.
pub const TEMPLATES: &[Template] = &[
    tpl::CANDIDATE,
    tpl::AGREE_FORM,
    tpl::SENTENCES_AGREE,
    tpl::PARAGRAPHS,
    tpl::RECENCY_ROLE,
    tpl::FITTING_RANK,
    tpl::SUBJECT_RANK,
    tpl::SPEAKER_RANK,
    tpl::ROLES,
    tpl::SAME_CLAUSE,
    tpl::QUOTES,
    tpl::KIND,
    tpl::COUNT,
    tpl::NAMED,
    tpl::GENERIC,
    tpl::RECENT_SUBJECT,
    tpl::ONLY_FITTING,
    tpl::NONE,
    tpl::NONE_FORM,
    tpl::NONE_FITTING,
    tpl::NONE_NEAREST,
    tpl::NONE_GENERIC,
    tpl::NONE_ROLE,
];

/// One pronoun to resolve: the candidate actors, most recent first, and
/// the features of each option (one per candidate, then "nobody").
#[derive(Clone, Debug, Default)]
pub struct Case {
    /// The pronoun's token.
    pub pronoun: usize,
    /// Candidate actors (indexes into `Doc::actors`).
    pub actors: Vec<usize>,
    /// `actors.len() + 1` feature lists; the last is "nobody".
    pub options: Vec<Vec<u64>>,
    /// For each candidate: how its gender meets the pronoun's
    /// (`agreement`: 0 agrees, 1 unknown, 2 clashes).
    pub agreement: Vec<u64>,
    /// For each candidate: the sentence of its latest mention.
    pub last_sentence: Vec<usize>,
}

impl Case {
    /// Whether candidate `k` may be of the pronoun's gender (the same, or
    /// unknown).
    pub fn agrees(&self, k: usize) -> bool {
        self.agreement[k] < 2
    }

    /// Whether candidate `k` is of unknown gender while another candidate
    /// who could be meant too (of the pronoun's gender or unknown) was
    /// mentioned within a sentence of it.
    pub fn ambiguous(&self, k: usize) -> bool {
        self.agreement[k] == 1
            && (0..self.actors.len()).any(|j| {
                j != k
                    && self.agrees(j)
                    && self.last_sentence[j].abs_diff(self.last_sentence[k]) <= 1
            })
    }
}

/// The gender a resolvable pronoun carries, for the pronouns the resolver
/// handles (third person singular, personal).
pub fn pronoun_gender(lower: &str) -> Option<Gender> {
    match lower {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// What the features read of a mention: where it stands in the parse.
#[derive(Clone, Copy, Debug)]
struct MentionFacts {
    role: &'static str,
    /// The subject of a main clause ("Kay said", "Kay, who …, left").
    main_subject: bool,
    /// The subject of a speech verb: a speaker.
    speaker: bool,
    quoted: bool,
    clause: Option<usize>,
}

fn mention_facts(doc: &Doc, tokens: std::ops::Range<usize>) -> MentionFacts {
    let tree = doc.tree();
    let head = tree.head_of(tokens.clone()).unwrap_or(tokens.end - 1);
    let role = tree.label(head);
    let subject = matches!(role, "nsubj" | "nsubjpass");
    let parent = tree.head(head);
    MentionFacts {
        role,
        main_subject: subject && parent.is_none_or(|h| matches!(tree.label(h), "root" | "conj")),
        speaker: subject && parent.is_some_and(|h| is_speech_verb(doc.token_lower(h))),
        quoted: doc.quoted()[tokens.start],
        clause: tree.clause_head(head),
    }
}

/// A small count as a feature value, capped at `cap`.
fn bucket(n: usize, cap: usize) -> u64 {
    n.min(cap) as u64
}

/// What one candidate actor looks like from the pronoun.
struct Candidate {
    actor: usize,
    /// Its latest mention before the pronoun (index into `Doc::mentions`).
    last: usize,
    last_facts: MentionFacts,
    /// Position of its latest main-clause-subject mention in reach.
    subject_at: Option<usize>,
    /// Position of its latest mention as a speech verb's subject.
    speaker_at: Option<usize>,
    in_reach: usize,
}

/// Whether the pronoun at `i` is generic: "he or she", "his or her".
fn is_generic(doc: &Doc, i: usize) -> bool {
    let near = |k: usize| (k < doc.tokens.len()).then(|| doc.token_lower(k)) == Some("or");
    near(i + 1) || (i > 0 && near(i - 1))
}

/// The candidates of the pronoun at `pronoun`: persons with a name or
/// nominal mention before it, within reach, most recent first.
fn candidates(
    doc: &Doc,
    persons: &[usize],
    facts_of: &[MentionFacts],
    pronoun: usize,
) -> Vec<Candidate> {
    let paragraph = |t: usize| doc.sentences[doc.sentence_of()[t]].paragraph;
    let here = paragraph(pronoun);
    let end = persons.partition_point(|&m| doc.mentions[m].tokens.end <= pronoun);
    let mut out: Vec<Candidate> = Vec::new();
    for (&m, &facts) in persons[..end].iter().zip(facts_of).rev() {
        let mention = &doc.mentions[m];
        if here - paragraph(mention.tokens.start) > REACH_PARAGRAPHS
            || pronoun - mention.tokens.start > REACH_TOKENS
        {
            break;
        }
        let at = mention.tokens.start;
        if let Some(c) = out.iter_mut().find(|c| c.actor == mention.actor) {
            c.in_reach += 1;
            c.subject_at = c.subject_at.or(facts.main_subject.then_some(at));
            c.speaker_at = c.speaker_at.or(facts.speaker.then_some(at));
            continue;
        }
        if out.len() == MAX_CANDIDATES {
            continue;
        }
        out.push(Candidate {
            actor: mention.actor,
            last: m,
            last_facts: facts,
            subject_at: facts.main_subject.then_some(at),
            speaker_at: facts.speaker.then_some(at),
            in_reach: 1,
        });
    }
    out
}

/// The rank of `at` among the positions `all` (latest first), or the cap
/// when absent.
fn rank_of(at: Option<usize>, all: &[usize]) -> u64 {
    match at {
        Some(p) => all.iter().filter(|&&q| q > p).count().min(3) as u64,
        None => 4,
    }
}

/// The cases of every resolvable pronoun of `doc` that no mention covers
/// yet.
pub fn cases(doc: &Doc) -> Vec<Case> {
    let persons: Vec<usize> = (0..doc.mentions.len())
        .filter(|&m| {
            let mention = &doc.mentions[m];
            mention.kind != MentionKind::Pronoun
                && doc.actors[mention.actor].kind == ActorKind::Person
        })
        .collect();
    // Each mention's facts once, not once per pronoun that sees it.
    let facts_of: Vec<MentionFacts> = persons
        .iter()
        .map(|&m| mention_facts(doc, doc.mentions[m].tokens.clone()))
        .collect();
    let mention_at = doc.mention_at();
    let mut out = Vec::new();
    for (i, mentioned) in mention_at.iter().enumerate() {
        let lower = doc.token_lower(i);
        let Some(gender) = pronoun_gender(lower) else {
            continue;
        };
        // Inside a quotation "he" is as often someone the speaker talks
        // about whom the text never names (silver-judged precision on
        // PolNeAR dev 0.75 inside, 0.84 outside, `train-coref`): left
        // alone, as the rule linker did.
        if mentioned.is_some() || doc.quoted()[i] {
            continue;
        }
        let found = candidates(doc, &persons, &facts_of, i);
        out.push(case(doc, i, lower, gender, &found));
    }
    out
}

/// How a candidate's gender meets the pronoun's: 0 agrees, 1 unknown, 2
/// clashes.
fn agreement(doc: &Doc, actor: usize, gender: Gender) -> u64 {
    match doc.actors[actor].gender {
        Some(g) if g == gender => 0,
        None => 1,
        Some(_) => 2,
    }
}

fn case(doc: &Doc, i: usize, lower: &str, gender: Gender, found: &[Candidate]) -> Case {
    let facts = mention_facts(doc, i..i + 1);
    let form = string_id(lower);
    let role = string_id(facts.role);
    let quoted = facts.quoted as u64;
    let generic = is_generic(doc, i) as u64;
    let sentence = doc.sentence_of()[i];
    let paragraph = doc.sentences[sentence].paragraph;
    let subjects: Vec<usize> = found.iter().filter_map(|c| c.subject_at).collect();
    let speakers: Vec<usize> = found.iter().filter_map(|c| c.speaker_at).collect();
    let agreements: Vec<u64> = found
        .iter()
        .map(|c| agreement(doc, c.actor, gender))
        .collect();
    let fitting: Vec<usize> = (0..found.len()).filter(|&k| agreements[k] < 2).collect();
    let mut options = Vec::with_capacity(found.len() + 1);
    for (k, c) in found.iter().enumerate() {
        let m = &doc.mentions[c.last];
        let agree = agreements[k];
        let sentences = bucket(sentence - m.sentence, 4);
        let paragraphs = bucket(paragraph - doc.sentences[m.sentence].paragraph, 3);
        let fitting_rank = fitting.iter().position(|&f| f == k).map_or(9, |r| r.min(3)) as u64;
        let cand_role = string_id(c.last_facts.role);
        let same_clause =
            (c.last_facts.clause.is_some() && c.last_facts.clause == facts.clause) as u64;
        let before = doc.actors[c.actor]
            .mentions
            .partition_point(|&n| doc.mentions[n].tokens.start < i);
        let recency = bucket(k, 3);
        options.push(vec![
            tpl::CANDIDATE.ids(&[]),
            tpl::AGREE_FORM.ids(&[agree, form]),
            tpl::SENTENCES_AGREE.ids(&[sentences, agree]),
            tpl::PARAGRAPHS.ids(&[paragraphs]),
            tpl::RECENCY_ROLE.ids(&[recency, role]),
            tpl::FITTING_RANK.ids(&[fitting_rank, agree]),
            tpl::SUBJECT_RANK.ids(&[rank_of(c.subject_at, &subjects), paragraphs]),
            tpl::SPEAKER_RANK.ids(&[rank_of(c.speaker_at, &speakers), quoted]),
            tpl::ROLES.ids(&[cand_role, role]),
            tpl::SAME_CLAUSE.ids(&[same_clause, cand_role, form]),
            tpl::QUOTES.ids(&[quoted, c.last_facts.quoted as u64]),
            tpl::KIND.ids(&[(m.kind == MentionKind::Name) as u64, sentences]),
            tpl::COUNT.ids(&[bucket(c.in_reach, 4)]),
            tpl::NAMED.ids(&[bucket(magnitude(before), 4)]),
            tpl::GENERIC.ids(&[generic]),
            tpl::RECENT_SUBJECT.ids(&[recency, c.last_facts.main_subject as u64]),
            tpl::ONLY_FITTING.ids(&[(fitting.len() == 1) as u64, agree]),
        ]);
    }
    let nearest = fitting.first().map_or(5, |&k| {
        bucket(sentence - doc.mentions[found[k].last].sentence, 4)
    });
    options.push(vec![
        tpl::NONE.ids(&[]),
        tpl::NONE_FORM.ids(&[form, quoted]),
        tpl::NONE_FITTING.ids(&[bucket(fitting.len(), 3)]),
        tpl::NONE_NEAREST.ids(&[nearest]),
        tpl::NONE_GENERIC.ids(&[generic]),
        tpl::NONE_ROLE.ids(&[role]),
    ]);
    Case {
        pronoun: i,
        actors: found.iter().map(|c| c.actor).collect(),
        options,
        agreement: agreements,
        last_sentence: found
            .iter()
            .map(|c| doc.mentions[c.last].sentence)
            .collect(),
    }
}

/// `log2(n) + 1` for n > 0, 0 for 0: how many mentions, in orders of
/// magnitude.
fn magnitude(n: usize) -> usize {
    n.checked_ilog2().map_or(0, |l| l as usize + 1)
}
