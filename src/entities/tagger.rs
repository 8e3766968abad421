//! The named-entity tagger: an averaged structured perceptron over BIO
//! labels (PER, ORG, LOC, MISC) with first-order Viterbi decoding.
//!
//! Why this design: it is fast (a few dozen hashed feature look-ups per
//! token), small (feature hashing with i8-quantised weights: no feature
//! dictionary to ship or parse), and trains in seconds from CoNLL-2003 with
//! `cargo run --release --example train-ner` (see `models/README.md`). The
//! model file is embedded in the binary and read in place, so loading it
//! costs nothing.
//!
//! The learning itself (perceptron, Viterbi, file format, training loop)
//! is the shared core in `crate::learn`; the features are in
//! `entities::features`. What stays here: the IOB2 labels and the moves
//! they allow, the run-time scorer over the i8 weights, and the lexicons
//! the model's header fingerprints.
//!
//! Assumptions: labels are IOB2 over PER, ORG, LOC, MISC in the order of
//! [`LABELS`]; a model file holds one or two passes of that label set.

use super::gazetteer;
use crate::learn;
use crate::learn::model::{template_names, Fingerprint, Header, Kind, Provenance};
use crate::learn::perceptron::{Quantisation, Sequence, Structured};

// The features live in their own module; these names are the tagger's
// interface as the rest of the crate, the benches and the examples use it.
pub use super::features::{
    aggregate_features, normalize, sentence_features, title_case, DocContext, Lexicon,
    SentenceFeatures, SentenceView, WordForms, TEMPLATES,
};

/// The labels, in the order of the model's weight rows. IOB2.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
/// The number of labels: the width of a weight row.
pub const N_LABELS: usize = LABELS.len();
/// The label `O`: outside every entity.
pub const OUTSIDE: u8 = 0;

/// Entity type of a B-/I- label (1 = PER ... 4 = MISC); 0 for O.
pub fn label_type(label: u8) -> u8 {
    label.div_ceil(2)
}

/// Whether `label` is a `B-` label (the first token of an entity).
pub fn is_begin(label: u8) -> bool {
    label % 2 == 1
}

/// Parses an IOB1 or IOB2 tag given the previous label (IOB1's `I-X` after
/// `O` or another type starts an entity, so it becomes `B-X`).
pub fn parse_tag(tag: &str, prev: u8) -> u8 {
    let (prefix, kind) = match tag.split_once('-') {
        Some(pair) => pair,
        None => return OUTSIDE,
    };
    let t = match kind {
        "PER" => 1,
        "ORG" => 2,
        "LOC" => 3,
        "MISC" => 4,
        _ => return OUTSIDE,
    };
    let begin = prefix == "B" || label_type(prev) != t;
    if begin {
        2 * t - 1
    } else {
        2 * t
    }
}

/// Whether label `cur` may follow `prev` (`None` = sentence start) in IOB2.
fn allowed(prev: Option<u8>, cur: u8) -> bool {
    if cur == OUTSIDE || is_begin(cur) {
        return true;
    }
    matches!(prev, Some(p) if p != OUTSIDE && label_type(p) == label_type(cur))
}

/// Under IOB2 an inside label `I-X` (even, past `O`) is reached only from
/// `B-X` (the label before it) and itself; every other label from any.
#[inline]
fn inside_from(label: usize) -> Option<[usize; 2]> {
    if label == OUTSIDE as usize || is_begin(label as u8) {
        None
    } else {
        Some([label - 1, label])
    }
}

// ---------------------------------------------------------------------------
// Decoding

/// Anything that scores features for every label.
pub trait Scorer {
    /// Adds the scores of all `features` of one token to `scores`.
    fn emissions(&self, features: &[u64], scores: &mut [f32; N_LABELS]);
    /// Transition score; `prev` is `None` at the sentence start.
    fn transition(&self, prev: Option<u8>, cur: u8) -> f32;
    /// The best IOB2-valid label sequence for these label scores. A model
    /// whose transitions are fixed overrides this with a lattice built once.
    fn decode(&self, emissions: &[[f32; N_LABELS]]) -> Vec<u8> {
        learn::decode::viterbi(allowed, |p, c| self.transition(p, c), emissions)
    }
}

/// The best label sequence under `model` (first-order Viterbi, IOB2-valid).
pub fn viterbi<M: Scorer + ?Sized>(model: &M, features: &SentenceFeatures) -> Vec<u8> {
    let mut emissions = vec![[0f32; N_LABELS]; features.len()];
    for (t, e) in emissions.iter_mut().enumerate() {
        model.emissions(features.token(t), e);
    }
    decode(model, &emissions)
}

/// The best label sequence given each token's label scores (the model
/// supplies only the transitions). The shared decoder weighs only the
/// moves `allowed` permits: two into each inside label.
pub fn decode<M: Scorer + ?Sized>(model: &M, emissions: &[[f32; N_LABELS]]) -> Vec<u8> {
    model.decode(emissions)
}

// ---------------------------------------------------------------------------
// The shipped model

/// How the averaged weights become i8: the largest magnitude, once the top
/// 1/10,000 of the non-zero ones are set aside, maps to 127; those few
/// larger ones (bias-like features) are clipped. The transitions stay f32,
/// in the same units.
pub const QUANTISATION: Quantisation = Quantisation {
    bits: 8,
    target: 127.0,
    outlier_divisor: 10_000,
};

/// The fingerprints of the lexicons the features read: the place list as
/// compiled in, and the first-name table `first_names` (the training
/// program passes the table it writes; the staleness test, the one
/// compiled in).
pub fn lexicons(first_names: &[u8]) -> Vec<Fingerprint> {
    vec![
        Fingerprint::of("src/entities/places.txt", gazetteer::PLACES_TXT.as_bytes()),
        Fingerprint::of("models/first_names.tsv", first_names),
        Fingerprint::of("data/clusters.bin", crate::lexicon::clusters::CLUSTERS_BIN),
    ]
}

/// One pass of a trained model, read in place from the bytes of a model
/// file (`learn::model` format, kind `ner`: each pass's transitions, then
/// for each hash bucket one i8 row of `N_LABELS` weights per pass, side by
/// side, so that the passes of one feature share a cache line).
pub struct Model<'a> {
    mask: u64,
    /// `transitions[p][c]`; row `N_LABELS` is the sentence start.
    transitions: [[f32; N_LABELS]; N_LABELS + 1],
    weights: &'a [u8],
    stride: usize,
    offset: usize,
    /// The transitions laid out for decoding, once for every sentence.
    lattice: learn::decode::Lattice<N_LABELS>,
}

impl<'a> Model<'a> {
    /// Pass `pass` of the model file `bytes`.
    pub fn from_bytes(bytes: &'a [u8], pass: usize) -> Result<Self, String> {
        let file = Header::read(bytes, Kind::Ner).map_err(|e| e.to_string())?;
        let h = &file.header;
        if h.labels != LABELS
            || h.columns as usize != N_LABELS
            || !h.transitions
            || h.quantisation.bits != 8
        {
            return Err(format!(
                "{}: not an i8 tagger over {LABELS:?}",
                Kind::Ner.file()
            ));
        }
        let passes = h.passes as usize;
        if pass >= passes {
            return Err(format!("model file holds {passes} passes, not pass {pass}"));
        }
        let mut transitions = [[0f32; N_LABELS]; N_LABELS + 1];
        for (row, values) in transitions
            .iter_mut()
            .zip(file.transitions(pass).chunks_exact(N_LABELS))
        {
            row.copy_from_slice(values);
        }
        let lattice = learn::decode::Lattice::new(allowed, |p, c| {
            transitions[p.map_or(N_LABELS, |p| p as usize)][c as usize]
        });
        // The decoder's IOB2 hint must describe the moves `allowed` permits.
        lattice.agrees_with(inside_from)?;
        Ok(Model {
            mask: (1u64 << h.log2_buckets) - 1,
            transitions,
            lattice,
            weights: file.weights,
            stride: passes * N_LABELS,
            offset: pass * N_LABELS,
        })
    }

    /// Scores `features` under this pass and `next` (the following pass of
    /// the same file) at once: each feature's two rows are adjacent.
    #[inline]
    pub fn emissions_with(
        &self,
        next: &Model,
        features: &[u64],
        mine: &mut [f32; N_LABELS],
        theirs: &mut [f32; N_LABELS],
    ) {
        debug_assert!(next.offset == self.offset + N_LABELS && next.stride == self.stride);
        let mut a = [0i32; N_LABELS];
        let mut b = [0i32; N_LABELS];
        for &feature in features {
            let at = (feature & self.mask) as usize * self.stride + self.offset;
            let row = &self.weights[at..at + 2 * N_LABELS];
            for l in 0..N_LABELS {
                a[l] += (row[l] as i8) as i32;
                b[l] += (row[N_LABELS + l] as i8) as i32;
            }
        }
        for l in 0..N_LABELS {
            mine[l] += a[l] as f32;
            theirs[l] += b[l] as f32;
        }
    }
}

impl Scorer for Model<'_> {
    #[inline]
    fn emissions(&self, features: &[u64], scores: &mut [f32; N_LABELS]) {
        let mut sums = [0i32; N_LABELS];
        for &feature in features {
            let at = (feature & self.mask) as usize * self.stride + self.offset;
            let row = &self.weights[at..at + N_LABELS];
            for (s, &w) in sums.iter_mut().zip(row) {
                *s += (w as i8) as i32;
            }
        }
        for (s, sum) in scores.iter_mut().zip(sums) {
            *s += sum as f32;
        }
    }

    fn transition(&self, prev: Option<u8>, cur: u8) -> f32 {
        self.transitions[prev.map_or(N_LABELS, |p| p as usize)][cur as usize]
    }

    fn decode(&self, emissions: &[[f32; N_LABELS]]) -> Vec<u8> {
        learn::decode::decode_with(&self.lattice, emissions, inside_from)
    }
}

// ---------------------------------------------------------------------------
// Training

impl Sequence for SentenceFeatures {
    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn token(&self, t: usize) -> &[u64] {
        &self.hashes[self.offsets[t]..self.offsets[t + 1]]
    }
}

/// Weights being learned: the shared structured perceptron, decoding under
/// IOB2.
pub struct Trainer(Structured<N_LABELS>);

impl Scorer for Trainer {
    fn emissions(&self, features: &[u64], scores: &mut [f32; N_LABELS]) {
        self.0.add_emissions(features, scores);
    }

    fn transition(&self, prev: Option<u8>, cur: u8) -> f32 {
        self.0.transition(prev, cur)
    }
}

impl Trainer {
    /// An untrained tagger over `2^log2` hash buckets.
    pub fn new(log2: u32) -> Self {
        Trainer(Structured::new(log2))
    }

    /// One perceptron step on a sentence; returns whether it was right.
    pub fn learn(&mut self, features: &SentenceFeatures, gold: &[u8]) -> bool {
        self.0.learn(features, gold, allowed)
    }

    /// The averaged weights quantised, the transitions in the same units,
    /// and the scale.
    fn quantised(&self) -> (Vec<i32>, Vec<f32>, f32) {
        let step = f64::from(self.0.step);
        let (weights, scale) = QUANTISATION.apply(&self.0.emissions.averaged(step));
        let transitions = self.0.transitions.averaged(step);
        (
            weights,
            transitions.iter().map(|t| t * scale).collect(),
            scale,
        )
    }
}

/// The bytes of a model file holding `passes` (all with the same bucket
/// count), in the layout [`Model::from_bytes`] reads.
pub fn model_bytes(passes: &[&Trainer], training: &Provenance) -> Vec<u8> {
    let log2 = passes[0].0.emissions.log2();
    assert!(
        passes.iter().all(|p| p.0.emissions.log2() == log2),
        "passes must share the bucket count"
    );
    let parts: Vec<(Vec<i32>, Vec<f32>, f32)> = passes.iter().map(|p| p.quantised()).collect();
    let header = Header {
        kind: Kind::Ner,
        labels: LABELS.iter().map(|l| l.to_string()).collect(),
        templates: template_names(TEMPLATES),
        log2_buckets: log2,
        passes: passes.len() as u32,
        columns: N_LABELS as u32,
        transitions: true,
        quantisation: QUANTISATION,
        scales: parts.iter().map(|p| p.2).collect(),
        ..training.header_fields(Kind::Ner)
    };
    let (weights, transitions): (Vec<Vec<i32>>, Vec<Vec<f32>>) =
        parts.into_iter().map(|(w, t, _)| (w, t)).unzip();
    header.file_bytes(&transitions, &weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_tags_become_iob2_labels() {
        let mut prev = OUTSIDE;
        let mut labels = Vec::new();
        for tag in ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG"] {
            prev = parse_tag(tag, prev);
            labels.push(LABELS[prev as usize]);
        }
        assert_eq!(
            labels,
            ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG", "I-ORG"]
        );
    }

    struct NoWords;
    impl Lexicon for NoWords {
        fn is_first_name(&self, _: &str) -> bool {
            false
        }
        fn is_place_or_people(&self, _: &str) -> bool {
            false
        }
        fn brown_path(&self, _: &str) -> Option<u32> {
            None
        }
        fn glove_clusters(&self, _: &str) -> Option<crate::lexicon::clusters::GloveClusters> {
            None
        }
    }

    /// Transitions and emissions from a fixed pseudo-random sequence.
    struct Noise([[f32; N_LABELS]; N_LABELS + 1]);

    impl Scorer for Noise {
        fn emissions(&self, _: &[u64], _: &mut [f32; N_LABELS]) {}
        fn transition(&self, prev: Option<u8>, cur: u8) -> f32 {
            self.0[prev.map_or(N_LABELS, usize::from)][cur as usize]
        }
    }

    #[test]
    fn decoding_matches_a_full_scan_of_every_allowed_move() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Few distinct values, so that ties happen too.
            (state % 7) as f32 - 3.0
        };
        for length in 1..40 {
            let mut table = [[0f32; N_LABELS]; N_LABELS + 1];
            table.iter_mut().flatten().for_each(|v| *v = next());
            let model = Noise(table);
            let emissions: Vec<[f32; N_LABELS]> = (0..length)
                .map(|_| std::array::from_fn(|_| next()))
                .collect();
            // Reference: every (previous, current) pair that IOB2 allows.
            let mut score: Vec<f32> = (0..N_LABELS as u8)
                .map(|l| match allowed(None, l) {
                    true => emissions[0][l as usize] + model.transition(None, l),
                    false => f32::NEG_INFINITY,
                })
                .collect();
            for e in &emissions[1..] {
                score = (0..N_LABELS as u8)
                    .map(|l| {
                        let best = (0..N_LABELS as u8)
                            .filter(|&p| allowed(Some(p), l))
                            .map(|p| score[p as usize] + model.transition(Some(p), l))
                            .fold(f32::NEG_INFINITY, f32::max);
                        best + e[l as usize]
                    })
                    .collect();
            }
            let best = score.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let labels = decode(&model, &emissions);
            let mut total = emissions[0][labels[0] as usize] + model.transition(None, labels[0]);
            for t in 1..labels.len() {
                assert!(allowed(Some(labels[t - 1]), labels[t]), "forbidden move");
                total += emissions[t][labels[t] as usize]
                    + model.transition(Some(labels[t - 1]), labels[t]);
            }
            assert_eq!(total, best, "length {length}: not the best path");
        }
    }

    #[test]
    fn trainer_learns_a_toy_pattern_and_survives_quantisation() {
        let data: Vec<(Vec<&str>, Vec<u8>)> = vec![
            (
                vec!["Anna", "Berg", "visited", "Oslo", "."],
                vec![1, 2, 0, 5, 0],
            ),
            (
                vec!["Oslo", "welcomed", "Anna", "Berg", "."],
                vec![5, 0, 1, 2, 0],
            ),
            (
                vec!["Anna", "Berg", "left", "Oslo", "."],
                vec![1, 2, 0, 5, 0],
            ),
        ];
        let mut trainer = Trainer::new(12);
        for _ in 0..10 {
            for (words, gold) in &data {
                let doc = DocContext::new(std::slice::from_ref(words));
                trainer.learn(&sentence_features(words, &doc, &NoWords), gold);
            }
        }
        let bytes = model_bytes(&[&trainer], &Provenance::default());
        let model = Model::from_bytes(&bytes, 0).unwrap();
        for (words, gold) in &data {
            let doc = DocContext::new(std::slice::from_ref(words));
            assert_eq!(
                &viterbi(&model, &sentence_features(words, &doc, &NoWords)),
                gold
            );
        }
        assert!(Model::from_bytes(b"garbage", 0).is_err());
        assert!(
            Model::from_bytes(&bytes, 1).is_err(),
            "a one-pass file has no second pass"
        );
    }
}
