//! Training the parser and the labeller (the tagger trains in its own
//! module): the perceptron steps, with the dynamic oracle's exploration
//! for the parser, and the model files they write.
//!
//! Assumes gold heads as the parser numbers them (`n` for the root) and
//! label indexes of [`super::labeller::LABELS`].

use super::labeller::{self, Tree, LABELS, ROOT_LABEL};
use super::parser::{self, best_legal, Sentence, State, TRANSITIONS};
use crate::learn::hash::Template;
use crate::learn::model::{template_names, Header, Kind, Provenance};
use crate::learn::perceptron::{Classes, Quantisation};

/// i16 weights, the largest magnitude (one in 10,000 set aside) at 8,000,
/// as for the tagger and the entity model.
pub const QUANTISATION: Quantisation = Quantisation {
    bits: 16,
    target: 8000.0,
    outlier_divisor: 10_000,
};

/// How often a trained parser follows its own prediction, right or
/// wrong, once exploring (Goldberg & Nivre 2012 explore with p = 0.9
/// from the second epoch).
pub const FOLLOW_PREDICTION: f64 = 0.9;

/// The transition perceptron being trained.
pub struct ParserTrainer {
    /// The weights being learned.
    pub model: Classes,
    random: u64,
    buffer: Vec<u64>,
}

impl ParserTrainer {
    /// An untrained parser over `2^log2` buckets; `seed` drives the
    /// exploration.
    pub fn new(log2: u32, seed: u64) -> ParserTrainer {
        ParserTrainer {
            model: Classes::wide(log2, TRANSITIONS.len()),
            random: seed | 1,
            buffer: Vec::new(),
        }
    }

    fn coin(&mut self) -> f64 {
        // xorshift64 (13, 7, 17), as the training loop's shuffle.
        self.random ^= self.random << 13;
        self.random ^= self.random >> 7;
        self.random ^= self.random << 17;
        (self.random >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One sentence: at each state, learns when the predicted transition
    /// costs more than the best, then follows the prediction (when
    /// `explore`, with probability [`FOLLOW_PREDICTION`]) or the best
    /// zero-cost transition. Returns whether no step was wrong.
    pub fn learn(&mut self, sentence: &Sentence, gold: &[u32], explore: bool) -> bool {
        let mut state = State::new(gold.len());
        let mut scores = [0f32; 3];
        let mut clean = true;
        while !state.done() {
            parser::features(sentence, &state, &mut self.buffer);
            self.model.scores(&self.buffer, &mut scores);
            let predicted = best_legal(&state, &scores);
            let costs = state.costs(gold);
            let least = costs.iter().flatten().min().copied().unwrap_or(0);
            let mut best = None;
            for (t, c) in costs.iter().enumerate() {
                if *c == Some(least) && best.is_none_or(|b: usize| scores[t] > scores[b]) {
                    best = Some(t);
                }
            }
            let best = best.unwrap_or(predicted);
            let wrong = costs[predicted] != Some(least);
            clean &= !wrong;
            self.model
                .update(&self.buffer, best, if wrong { predicted } else { best });
            let next = if wrong && !(explore && self.coin() < FOLLOW_PREDICTION) {
                best
            } else {
                predicted
            };
            state.apply(next);
        }
        clean
    }

    /// Parses with the current (not averaged) weights.
    pub fn predict(&self, sentence: &Sentence) -> Vec<u32> {
        parser::parse(sentence, |f, s: &mut [f32; 3]| self.model.scores(f, s))
    }

    /// The model file of the averaged weights.
    pub fn file_bytes(&self, provenance: &Provenance) -> Vec<u8> {
        file_bytes(
            &self.model,
            Kind::Deps,
            &TRANSITIONS,
            parser::TEMPLATES,
            provenance,
        )
    }
}

/// The relation perceptron being trained.
pub struct LabellerTrainer {
    /// The weights being learned.
    pub model: Classes,
    buffer: Vec<u64>,
}

impl LabellerTrainer {
    /// An untrained labeller over `2^log2` buckets.
    pub fn new(log2: u32) -> LabellerTrainer {
        LabellerTrainer {
            model: Classes::wide(log2, LABELS.len()),
            buffer: Vec::new(),
        }
    }

    /// One tree; returns how many arcs it already labelled right.
    pub fn learn(&mut self, tree: &Tree, gold: &[u8]) -> usize {
        let mut scores = vec![0f32; LABELS.len()];
        let mut right = 0;
        for (d, &label) in gold.iter().enumerate() {
            if label == ROOT_LABEL {
                continue;
            }
            labeller::features(tree, d, &mut self.buffer);
            self.model.scores(&self.buffer, &mut scores);
            scores[ROOT_LABEL as usize] = f32::NEG_INFINITY;
            let guess = crate::learn::decode::argmax(&scores);
            right += usize::from(guess == label as usize);
            self.model.update(&self.buffer, label as usize, guess);
        }
        right
    }

    /// The model file of the averaged weights.
    pub fn file_bytes(&self, provenance: &Provenance) -> Vec<u8> {
        file_bytes(
            &self.model,
            Kind::Labels,
            &LABELS,
            labeller::TEMPLATES,
            provenance,
        )
    }
}

fn file_bytes(
    model: &Classes,
    kind: Kind,
    labels: &[&str],
    templates: &[Template],
    provenance: &Provenance,
) -> Vec<u8> {
    let (ints, scale) = QUANTISATION.apply(&model.averaged());
    let header = Header {
        labels: labels.iter().map(|l| l.to_string()).collect(),
        templates: template_names(templates),
        log2_buckets: model.weights.log2(),
        passes: 1,
        columns: labels.len() as u32,
        quantisation: QUANTISATION,
        scales: vec![scale],
        ..provenance.header_fields(kind)
    };
    header.file_bytes(&[], &[ints])
}
