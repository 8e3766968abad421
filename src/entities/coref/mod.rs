//! Coreference, learned: definite descriptions ("the senator", "the
//! network") and third-person singular pronouns ("he", "her", "himself")
//! each score the actors mentioned before them and a "nobody" option with
//! a mention-ranking model, and become mentions of the winner when it
//! beats "nobody" by the calibrated margin (a wrong link is worse than
//! none). Descriptions are resolved first, so that a pronoun can follow a
//! person through "the senator".
//!
//! Two models, both ranking averaged perceptrons of the shared core
//! (`learn::perceptron::Ranker`), format `learn::model`, one pass of one
//! i16 column, the header's `link-margin` setting the calibrated margin in
//! quantised units:
//! - `models/nominals.bin` (kind `nominals`, `cargo run --release
//!   --example train-nominals`), trained on the aliases of the hand-made
//!   train gold briefs; features and candidate filters in [`nominals`];
//! - `models/coref.bin` (kind `coref`, `cargo run --release --example
//!   train-coref`), trained on CoreNLP's silver coreference chains of
//!   PolNeAR train; features in [`features`].
//!
//! Assumes names are linked (`linking::link` ran) and the parse is set;
//! adds nominal and pronoun mentions to `doc.mentions` and the actors'
//! mention lists, and refreshes salience.

pub mod features;
pub mod nominals;

use crate::doc::{Doc, Mention, MentionKind};
use crate::learn::model::{template_names, Fingerprint, Header, Kind, ModelError, Provenance};
use crate::learn::perceptron::{Quantisation, Ranker};
use crate::learn::table::Table;
use features::Case;
use nominals::NominalCase;
use std::ops::Range;
use std::sync::LazyLock;

/// The pronoun model as compiled in.
pub static MODEL_BYTES: &[u8] = include_bytes!("../../../models/coref.bin");
/// The nominal model as compiled in.
pub static NOMINAL_MODEL_BYTES: &[u8] = include_bytes!("../../../models/nominals.bin");

// The files are part of the source tree and checked by unit tests; a
// broken one is a build defect, not an input error.
static MODEL: LazyLock<Resolver<'static>> =
    LazyLock::new(|| Resolver::from_bytes(MODEL_BYTES).expect("models/coref.bin is a coref model"));
static NOMINAL_MODEL: LazyLock<Resolver<'static>> = LazyLock::new(|| {
    Resolver::of_kind(NOMINAL_MODEL_BYTES, Kind::Nominals)
        .expect("models/nominals.bin is a nominals model")
});

/// The one weight column: an option's score.
pub const LABELS: [&str; 1] = ["option-score"];

/// The header setting that holds the calibrated margin.
pub const MARGIN_SETTING: &str = "link-margin";

/// The largest averaged magnitude maps to 8,000 (as for the cue model: a
/// pronoun's options sum about 20 weights, far from the i32 limit).
pub const QUANTISATION: Quantisation = Quantisation {
    bits: 16,
    target: 8000.0,
    outlier_divisor: 0,
};

/// The fingerprints of what the pronoun features read: those of the
/// nominal model and the nominal model itself (a description it links is a
/// candidate's mention).
pub fn lexicons() -> Vec<Fingerprint> {
    let mut out = nominal_lexicons();
    out.push(Fingerprint::of("models/nominals.bin", NOMINAL_MODEL_BYTES));
    out
}

/// The fingerprints of what the nominal features read: the entity model
/// and the linker's word lists (which actors, of which gender and with
/// which titles, the candidates are), the syntax models (the roles and
/// clauses), and the noun lists that class a description's head.
pub fn nominal_lexicons() -> Vec<Fingerprint> {
    use crate::entities::{gazetteer, tagger};
    let mut out = vec![
        Fingerprint::of("models/ner.bin", crate::entities::MODEL_BYTES),
        Fingerprint::of("models/pos.bin", crate::syntax::tagger::MODEL_BYTES),
        Fingerprint::of("models/deps.bin", crate::syntax::parser::MODEL_BYTES),
        Fingerprint::of("models/labels.bin", crate::syntax::labeller::MODEL_BYTES),
    ];
    out.extend(tagger::lexicons(gazetteer::FIRST_NAMES_TSV.as_bytes()));
    // The linker's word lists decide which persons there are and their
    // gender.
    use crate::lexicon::{List, Table};
    for list in [
        List::GroupWords,
        List::TitleWords,
        List::GenericOrgNouns,
        List::InstitutionHeads,
    ] {
        out.push(Fingerprint::of(
            &format!("data/lexicon/{}", list.file_name()),
            list.text().as_bytes(),
        ));
    }
    for (name, table) in [
        ("data/lexicon/honorifics.tsv", Table::Honorifics),
        ("data/lexicon/party_aliases.tsv", Table::PartyAliases),
        (
            "data/lexicon/person_descriptions.tsv",
            Table::PersonDescriptions,
        ),
    ] {
        out.push(Fingerprint::of(name, table.text().as_bytes()));
    }
    out
}

/// The quantised model and its margin.
pub struct Resolver<'a> {
    table: Table<'a>,
    /// How far the best candidate must beat "nobody", in quantised units.
    margin: i32,
}

impl<'a> Resolver<'a> {
    /// Reads a coref model file: one i16 column, and the margin setting.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Resolver<'a>, ModelError> {
        Resolver::of_kind(bytes, Kind::Coref)
    }

    /// Reads a ranking model file of `kind` (coref or nominals).
    pub fn of_kind(bytes: &'a [u8], kind: Kind) -> Result<Resolver<'a>, ModelError> {
        let file = Header::read(bytes, kind)?;
        let margin = file
            .header
            .settings
            .iter()
            .find(|(k, _)| k == MARGIN_SETTING)
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| ModelError::Malformed {
                expected: kind,
                what: format!("no integer {MARGIN_SETTING} setting"),
            })?;
        let table = Table::load(bytes, kind, &LABELS)?;
        Ok(Resolver { table, margin })
    }

    /// The calibrated margin, in quantised units.
    pub fn margin(&self) -> i32 {
        self.margin
    }

    /// The score of each option of `case` (the last is "nobody").
    pub fn scores(&self, case: &Case) -> Vec<i32> {
        self.option_scores(&case.options)
    }

    /// The score of each option's features.
    pub fn option_scores(&self, options: &[Vec<u64>]) -> Vec<i32> {
        options
            .iter()
            .map(|features| {
                let mut score = [0i32];
                self.table.add(features, &mut score);
                score[0]
            })
            .collect()
    }

    /// The best candidate (index into `case.actors`) and by how much it
    /// beats "nobody"; `None` without candidates. A candidate whose known
    /// gender is not the pronoun's is never the answer, whatever it scores
    /// (agreement is grammar, not a preference).
    pub fn best(&self, case: &Case) -> Option<(usize, i32)> {
        let scores = self.scores(case);
        let (&nobody, candidates) = scores.split_last()?;
        let mut best: Option<(usize, i32)> = None;
        for (k, &s) in candidates.iter().enumerate() {
            if case.agrees(k) && best.is_none_or(|(_, b)| s > b) {
                best = Some((k, s));
            }
        }
        best.map(|(k, s)| (k, s - nobody))
    }

    /// The candidate (index into `case.actors`) the pronoun is linked to
    /// at `margin`: the best one, when it beats "nobody" by more than the
    /// margin and is not a person of unknown gender mentioned within a
    /// sentence of another who could be meant (such links are right 17
    /// times in 37 on PolNeAR dev against the silver chains, the others
    /// 0.85 of the time: `train-coref`).
    pub fn pick(&self, case: &Case, margin: i32) -> Option<usize> {
        self.best(case)
            .filter(|&(k, by)| by > margin && !case.ambiguous(k))
            .map(|(k, _)| k)
    }

    /// The actor `case`'s pronoun refers to, at the calibrated margin.
    pub fn choose(&self, case: &Case) -> Option<usize> {
        self.pick(case, self.margin).map(|k| case.actors[k])
    }

    /// The best candidate of a description (index into `case.actors`)
    /// among those it may mean, and by how much it beats "nobody".
    pub fn best_nominal(&self, doc: &Doc, case: &NominalCase) -> Option<(usize, i32)> {
        let scores = self.option_scores(&case.options);
        let (&nobody, candidates) = scores.split_last()?;
        let mut best: Option<(usize, i32)> = None;
        for (k, &s) in candidates.iter().enumerate() {
            if nominals::allowed(doc, case, k) && best.is_none_or(|(_, b)| s > b) {
                best = Some((k, s));
            }
        }
        best.map(|(k, s)| (k, s - nobody))
    }
}

/// The descriptions of `doc` linked by the nominal model, as (tokens,
/// actor), in text order. A person is not linked across a description
/// that may bring in someone else (`nominals::interrupted`), unless that
/// one was linked to the same person, nor by a person noun another
/// candidate could as well mean (`nominals::another_person_fits`).
fn nominal_links(doc: &Doc) -> Vec<(Range<usize>, usize)> {
    let mut links: Vec<(Range<usize>, usize)> = Vec::new();
    for case in nominals::cases(doc) {
        let Some((k, by)) = NOMINAL_MODEL.best_nominal(doc, &case) else {
            continue;
        };
        let actor = case.actors[k];
        if by <= NOMINAL_MODEL.margin {
            continue;
        }
        let last = links
            .iter()
            .rev()
            .find(|(_, a)| *a == actor)
            .map_or(case.last_end[k], |(t, _)| t.end.max(case.last_end[k]));
        if doc.actors[actor].kind == crate::doc::ActorKind::Person
            && (nominals::interrupted(doc, last, case.tokens.start)
                || nominals::another_person_fits(doc, &case, k))
        {
            continue;
        }
        links.push((case.tokens.clone(), actor));
    }
    links
}

/// Links the definite descriptions of `doc` ("the senator") to actors:
/// the first half of [`resolve`], for the trainers.
pub fn resolve_nominals(doc: &mut Doc) {
    let links = nominal_links(doc);
    add_mentions(doc, links, MentionKind::Nominal);
}

/// Resolves the definite descriptions, then the pronouns of `doc` (see
/// the module comment).
pub fn resolve(doc: &mut Doc) {
    resolve_nominals(doc);
    let links: Vec<(Range<usize>, usize)> = features::cases(doc)
        .iter()
        .filter_map(|case| {
            MODEL
                .choose(case)
                .map(|a| (case.pronoun..case.pronoun + 1, a))
        })
        .collect();
    add_mentions(doc, links, MentionKind::Pronoun);
}

/// Adds a mention of `kind` per (tokens, actor) link, keeping mentions in
/// text order and salience up to date; a description's text becomes an
/// alias of its actor, as the linker does for names.
fn add_mentions(doc: &mut Doc, links: Vec<(Range<usize>, usize)>, kind: MentionKind) {
    if links.is_empty() {
        return;
    }
    let sentence_of = doc.sentence_of();
    let added: Vec<Mention> = links
        .into_iter()
        .map(|(tokens, actor)| Mention {
            sentence: sentence_of[tokens.start],
            tokens,
            kind,
            actor,
        })
        .collect();
    let mut actors = std::mem::take(&mut doc.actors);
    if kind != MentionKind::Pronoun {
        for m in &added {
            let text = doc.slice(doc.token_range(m.tokens.clone()));
            let a = &mut actors[m.actor];
            if text != a.name && !a.aliases.iter().any(|x| x == text) {
                a.aliases.push(text.to_string());
            }
        }
    }
    let mut mentions = std::mem::take(&mut doc.mentions);
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.tokens.start, m.tokens.end));
    for a in actors.iter_mut() {
        a.mentions.clear();
    }
    for (k, m) in mentions.iter().enumerate() {
        actors[m.actor].mentions.push(k);
    }
    super::linking::set_salience(doc, &mut actors, &mentions);
    doc.set_mentions(actors, mentions);
}

/// Trains the model: the shared ranking perceptron.
pub struct CorefTrainer(Ranker);

impl CorefTrainer {
    /// An untrained model over `2^log2` hash buckets.
    pub fn new(log2: u32) -> CorefTrainer {
        CorefTrainer(Ranker::new(log2))
    }

    /// One pronoun: `right[k]` says whether option `k` of `case` is right.
    pub fn learn(&mut self, case: &Case, right: &[bool]) -> bool {
        self.0.learn(&case.options, right)
    }

    /// One anaphor of any kind, by its options' features.
    pub fn learn_options(&mut self, options: &[Vec<u64>], right: &[bool]) -> bool {
        self.0.learn(options, right)
    }

    /// The pronoun model file as it would be written now, with `margin`
    /// (quantised units).
    pub fn model_bytes(&self, training: &Provenance, margin: i32) -> Vec<u8> {
        self.model_bytes_of(Kind::Coref, features::TEMPLATES, training, margin)
    }

    /// The model file of `kind` with `templates`, as it would be written
    /// now, with `margin` (quantised units).
    pub fn model_bytes_of(
        &self,
        kind: Kind,
        templates: &[crate::learn::hash::Template],
        training: &Provenance,
        margin: i32,
    ) -> Vec<u8> {
        let (weights, scale) = QUANTISATION.apply(&self.0.averaged());
        let mut settings = training.settings.clone();
        settings.push((MARGIN_SETTING.into(), margin.to_string()));
        let header = Header {
            labels: LABELS.iter().map(|l| l.to_string()).collect(),
            templates: template_names(templates),
            log2_buckets: self.0.weights.log2(),
            passes: 1,
            columns: 1,
            transitions: false,
            quantisation: QUANTISATION,
            scales: vec![scale],
            settings,
            ..training.header_fields(kind)
        };
        header.file_bytes(&[], &[weights])
    }
}

#[cfg(test)]
mod tests;
