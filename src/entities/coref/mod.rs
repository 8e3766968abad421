//! Pronoun resolution, learned: each third-person singular pronoun ("he",
//! "her", "himself") scores the persons mentioned shortly before it and a
//! "nobody" option with a mention-ranking model, and becomes a mention of
//! the winner when it beats "nobody" by the calibrated margin (a wrong link
//! is worse than none).
//!
//! The model (`models/coref.bin`, made by `cargo run --release --example
//! train-coref`) is a ranking averaged perceptron of the shared core
//! (`learn::perceptron::Ranker`) trained on CoreNLP's silver coreference
//! chains of PolNeAR train; its features are in [`features`]. Format:
//! `learn::model`, kind `coref`, one pass of one i16 column; the header's
//! `link-margin` setting is the calibrated margin in quantised units.
//!
//! Assumes names and nominals are linked (`linking::link` ran) and the
//! parse is set; adds pronoun mentions to `doc.mentions` and the actors'
//! mention lists, and refreshes salience.

pub mod features;

use crate::doc::{Doc, Mention, MentionKind};
use crate::learn::model::{template_names, Fingerprint, Header, Kind, ModelError, Provenance};
use crate::learn::perceptron::{Quantisation, Ranker};
use crate::learn::table::Table;
use features::{Case, TEMPLATES};
use std::sync::LazyLock;

/// The model as compiled in.
pub static MODEL_BYTES: &[u8] = include_bytes!("../../../models/coref.bin");

// The file is part of the source tree and checked by a unit test; a broken
// one is a build defect, not an input error.
static MODEL: LazyLock<Resolver<'static>> =
    LazyLock::new(|| Resolver::from_bytes(MODEL_BYTES).expect("models/coref.bin is a coref model"));

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

/// The fingerprints of what the features read: the entity model and the
/// linker's word lists (which persons, of which gender, the candidates
/// are) and the syntax models (the roles and clauses).
pub fn lexicons() -> Vec<Fingerprint> {
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
    for list in [List::GroupWords, List::TitleWords] {
        out.push(Fingerprint::of(
            &format!("data/lexicon/{}", list.file_name()),
            list.text().as_bytes(),
        ));
    }
    for (name, table) in [
        ("data/lexicon/honorifics.tsv", Table::Honorifics),
        ("data/lexicon/party_aliases.tsv", Table::PartyAliases),
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
        let file = Header::read(bytes, Kind::Coref)?;
        let margin = file
            .header
            .settings
            .iter()
            .find(|(k, _)| k == MARGIN_SETTING)
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| ModelError::Malformed {
                expected: Kind::Coref,
                what: format!("no integer {MARGIN_SETTING} setting"),
            })?;
        let table = Table::load(bytes, Kind::Coref, &LABELS)?;
        Ok(Resolver { table, margin })
    }

    /// The score of each option of `case` (the last is "nobody").
    pub fn scores(&self, case: &Case) -> Vec<i32> {
        case.options
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
}

/// Resolves the pronouns of `doc` (see the module comment).
pub fn resolve(doc: &mut Doc) {
    let links: Vec<(usize, usize)> = features::cases(doc)
        .iter()
        .filter_map(|case| MODEL.choose(case).map(|a| (case.pronoun, a)))
        .collect();
    if links.is_empty() {
        return;
    }
    let sentence_of = doc.sentence_of();
    let added: Vec<Mention> = links
        .into_iter()
        .map(|(pronoun, actor)| Mention {
            tokens: pronoun..pronoun + 1,
            sentence: sentence_of[pronoun],
            kind: MentionKind::Pronoun,
            actor,
        })
        .collect();
    let mut actors = std::mem::take(&mut doc.actors);
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

    /// The model file as it would be written now, with `margin`
    /// (quantised units).
    pub fn model_bytes(&self, training: &Provenance, margin: i32) -> Vec<u8> {
        let (weights, scale) = QUANTISATION.apply(&self.0.averaged());
        let mut settings = training.settings.clone();
        settings.push((MARGIN_SETTING.into(), margin.to_string()));
        let header = Header {
            labels: LABELS.iter().map(|l| l.to_string()).collect(),
            templates: template_names(TEMPLATES),
            log2_buckets: self.0.weights.log2(),
            passes: 1,
            columns: 1,
            transitions: false,
            quantisation: QUANTISATION,
            scales: vec![scale],
            settings,
            ..training.header_fields(Kind::Coref)
        };
        header.file_bytes(&[], &[weights])
    }
}

#[cfg(test)]
mod tests;
