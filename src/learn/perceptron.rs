//! Averaged perceptrons over hashed features: binary, multiclass, and
//! structured (first-order, over label sequences), with quantisation of the
//! averaged weights to small integers for the model file.
//!
//! Averaging keeps, beside each weight, a running sum of its updates
//! weighted by the step at which they were made; the average over all steps
//! is then `w - total / step` (Daumé's trick: no pass over all weights per
//! example). The step counter is an `f32`, as the shipped models were
//! trained with it: exact to 2^24 examples, far beyond our corpora.
//!
//! Assumes features are already hashed (`learn::hash`); a bucket is the low
//! `log2` bits of a feature. Updates are ±1.

use super::decode;

/// The running sums of step-weighted updates.
#[derive(Clone, Debug)]
enum Totals {
    /// f32, as the tagger, entity and cue models were trained with: exact
    /// only while `step × updates` stays below 2^24.
    Narrow(Vec<f32>),
    /// f64, for the parser and labeller: their tens of millions of steps
    /// overflow f32's 24-bit mantissa, so that narrow sums drift and,
    /// beyond step 2^24 (where `step + 1 == step`), updates vanish from
    /// the average altogether.
    Wide(Vec<f64>),
}

/// Weights with the running sums that averaging needs, in one flat table.
#[derive(Clone, Debug)]
pub struct Averaged {
    weights: Vec<f32>,
    totals: Totals,
}

impl Averaged {
    /// A table of `len` weights, all 0, with f32 sums.
    pub fn new(len: usize) -> Averaged {
        Averaged {
            weights: vec![0.0; len],
            totals: Totals::Narrow(vec![0.0; len]),
        }
    }

    /// A table of `len` weights, all 0, with f64 sums (for many steps).
    pub fn wide(len: usize) -> Averaged {
        Averaged {
            weights: vec![0.0; len],
            totals: Totals::Wide(vec![0.0; len]),
        }
    }

    /// The current (last, not averaged) weights: what training predicts
    /// with.
    #[inline]
    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    /// Adds `by` to weight `at` at step `step`.
    #[inline]
    pub fn bump(&mut self, at: usize, by: f32, step: f64) {
        self.weights[at] += by;
        // Weighted by the step it was made at: the update stands for every
        // step before the current one only in `weights`, so subtracting
        // `totals / step` leaves what it contributed to the average.
        match &mut self.totals {
            // A narrow model's step is an f32 widened: exact back.
            Totals::Narrow(t) => t[at] += by * step as f32,
            Totals::Wide(t) => t[at] += f64::from(by) * step,
        }
    }

    /// The weights averaged over `step` steps.
    pub fn averaged(&self, step: f64) -> Vec<f32> {
        match &self.totals {
            Totals::Narrow(t) => {
                let step = step as f32;
                let pairs = self.weights.iter().zip(t);
                pairs.map(|(w, t)| w - t / step).collect()
            }
            Totals::Wide(t) => {
                let pairs = self.weights.iter().zip(t);
                pairs
                    .map(|(&w, t)| (f64::from(w) - t / step) as f32)
                    .collect()
            }
        }
    }
}

/// `width` weights per bucket of `2^log2` hash buckets.
#[derive(Clone, Debug)]
pub struct Hashed {
    log2: u32,
    mask: u64,
    width: usize,
    table: Averaged,
}

impl Hashed {
    /// `2^log2` buckets of `width` weights, all 0; `log2` must be below
    /// the pointer width.
    pub fn new(log2: u32, width: usize) -> Hashed {
        Hashed::over(log2, width, Averaged::new((1usize << log2) * width))
    }

    /// As [`Hashed::new`], with f64 sums ([`Averaged::wide`]).
    pub fn wide(log2: u32, width: usize) -> Hashed {
        Hashed::over(log2, width, Averaged::wide((1usize << log2) * width))
    }

    fn over(log2: u32, width: usize, table: Averaged) -> Hashed {
        Hashed {
            log2,
            mask: (1u64 << log2) - 1,
            width,
            table,
        }
    }

    /// Log2 of the number of buckets.
    pub fn log2(&self) -> u32 {
        self.log2
    }

    /// Where the row of `feature` starts.
    #[inline]
    fn row(&self, feature: u64) -> usize {
        (feature & self.mask) as usize * self.width
    }

    /// Adds each feature's row to `scores` (of length `width`), feature by
    /// feature in order (the order fixes the float sums).
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32]) {
        let weights = self.table.weights();
        for &feature in features {
            let at = self.row(feature);
            for (s, w) in scores.iter_mut().zip(&weights[at..at + self.width]) {
                *s += w;
            }
        }
    }

    /// The sum of column 0 over `features` (binary models).
    #[inline]
    pub fn sum(&self, features: &[u64]) -> f32 {
        let weights = self.table.weights();
        features.iter().map(|&f| weights[self.row(f)]).sum()
    }

    /// Adds `by` to column `column` (below `width`) of `feature`'s row at
    /// step `step`.
    #[inline]
    pub fn bump(&mut self, feature: u64, column: u8, by: f32, step: f64) {
        let at = self.row(feature) + column as usize;
        self.table.bump(at, by, step);
    }

    /// The whole table averaged over `step` steps, bucket by bucket.
    pub fn averaged(&self, step: f64) -> Vec<f32> {
        self.table.averaged(step)
    }
}

/// A binary averaged perceptron: positive when the sum of the features'
/// weights is above 0.
#[derive(Clone, Debug)]
pub struct Binary {
    /// One weight per bucket.
    pub weights: Hashed,
    /// The examples seen so far, plus 1 (the averaging step).
    pub step: f32,
}

impl Binary {
    /// An untrained perceptron over `2^log2` buckets.
    pub fn new(log2: u32) -> Binary {
        Binary {
            weights: Hashed::new(log2, 1),
            step: 1.0,
        }
    }

    /// One example; returns whether the model already got it right.
    pub fn learn(&mut self, features: &[u64], positive: bool) -> bool {
        let right = (self.weights.sum(features) > 0.0) == positive;
        if !right {
            let delta = if positive { 1.0 } else { -1.0 };
            for &f in features {
                self.weights.bump(f, 0, delta, self.step.into());
            }
        }
        self.step += 1.0;
        right
    }

    /// The weights averaged over every step so far, for quantisation.
    pub fn averaged(&self) -> Vec<f32> {
        self.weights.averaged(self.step.into())
    }
}

/// A ranking averaged perceptron: each example is a list of options (each
/// a feature list), some of them right; the option with the highest sum of
/// weights wins. A mistake moves the weights toward the best-scoring right
/// option and away from the winner (Collins' perceptron with a latent
/// right answer, as mention-ranking coreference trains).
#[derive(Clone, Debug)]
pub struct Ranker {
    /// One weight per bucket.
    pub weights: Hashed,
    /// The examples seen so far, plus 1 (the averaging step).
    pub step: f32,
}

impl Ranker {
    /// An untrained ranker over `2^log2` buckets.
    pub fn new(log2: u32) -> Ranker {
        Ranker {
            weights: Hashed::new(log2, 1),
            step: 1.0,
        }
    }

    /// The index of the best-scoring option among those `allowed` (the
    /// first on a tie), if any is allowed.
    fn best(&self, options: &[Vec<u64>], allowed: impl Fn(usize) -> bool) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (k, features) in options.iter().enumerate() {
            if !allowed(k) {
                continue;
            }
            let score = self.weights.sum(features);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((k, score));
            }
        }
        best.map(|(k, _)| k)
    }

    /// One example: `options` with `right[k]` saying whether option `k` is
    /// a right answer (at least one must be). Returns whether the winner
    /// was already right.
    pub fn learn(&mut self, options: &[Vec<u64>], right: &[bool]) -> bool {
        let winner = self.best(options, |_| true);
        let target = self.best(options, |k| right[k]);
        let ok = match (winner, target) {
            (Some(w), Some(t)) if !right[w] => {
                for &f in &options[t] {
                    self.weights.bump(f, 0, 1.0, self.step.into());
                }
                for &f in &options[w] {
                    self.weights.bump(f, 0, -1.0, self.step.into());
                }
                false
            }
            _ => true,
        };
        self.step += 1.0;
        ok
    }

    /// The weights averaged over every step so far, for quantisation.
    pub fn averaged(&self) -> Vec<f32> {
        self.weights.averaged(self.step.into())
    }
}

/// A multiclass averaged perceptron over `N` labels: the label with the
/// highest score wins (the first on a tie).
#[derive(Clone, Debug)]
pub struct Multiclass<const N: usize> {
    /// `N` weights (one per label) per bucket.
    pub weights: Hashed,
    /// The examples seen so far, plus 1 (the averaging step).
    pub step: f32,
}

impl<const N: usize> Multiclass<N> {
    /// An untrained perceptron over `2^log2` buckets.
    pub fn new(log2: u32) -> Self {
        Multiclass {
            weights: Hashed::new(log2, N),
            step: 1.0,
        }
    }

    /// Each label's score for `features` under the current weights.
    pub fn scores(&self, features: &[u64]) -> [f32; N] {
        let mut scores = [0.0; N];
        self.weights.add_scores(features, &mut scores);
        scores
    }

    /// The best-scoring label for `features` (the lowest on a tie).
    pub fn predict(&self, features: &[u64]) -> u8 {
        decode::argmax(&self.scores(features)) as u8
    }

    /// One example; returns whether the model already got it right.
    pub fn learn(&mut self, features: &[u64], gold: u8) -> bool {
        let predicted = self.predict(features);
        if predicted != gold {
            for &f in features {
                self.weights.bump(f, gold, 1.0, self.step.into());
                self.weights.bump(f, predicted, -1.0, self.step.into());
            }
        }
        self.step += 1.0;
        predicted == gold
    }
}

/// A multiclass averaged perceptron whose number of classes is known only
/// at run time (tags, transitions, relations read from the data); the
/// class with the highest score wins, the first on a tie.
#[derive(Clone, Debug)]
pub struct Classes {
    /// One weight per class per bucket.
    pub weights: Hashed,
    /// The updates made so far, plus 1 (the averaging step); f64, so
    /// that it keeps counting past 2^24.
    pub step: f64,
    classes: usize,
}

impl Classes {
    /// An untrained perceptron of `classes` classes over `2^log2` buckets,
    /// with f32 averaging sums (as the tagger was trained with).
    pub fn new(log2: u32, classes: usize) -> Classes {
        Classes {
            weights: Hashed::new(log2, classes),
            step: 1.0,
            classes,
        }
    }

    /// As [`Classes::new`] with f64 averaging sums: for training runs of
    /// millions of steps (the parser's transitions), where f32 sums lose
    /// the updates' step weights.
    pub fn wide(log2: u32, classes: usize) -> Classes {
        Classes {
            weights: Hashed::wide(log2, classes),
            step: 1.0,
            classes,
        }
    }

    /// How many classes it tells apart.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Each class's score for `features`, into `scores` (zeroed first).
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        self.weights
            .add_scores(features, &mut scores[..self.classes]);
    }

    /// Moves the weights of `features` toward `gold` and away from
    /// `predicted` (nothing when they agree), then counts one step.
    pub fn update(&mut self, features: &[u64], gold: usize, predicted: usize) {
        if gold != predicted {
            for &f in features {
                self.weights.bump(f, gold as u8, 1.0, self.step);
                self.weights.bump(f, predicted as u8, -1.0, self.step);
            }
        }
        self.step += 1.0;
    }

    /// The weights averaged over every step so far, for quantisation.
    pub fn averaged(&self) -> Vec<f32> {
        self.weights.averaged(self.step)
    }
}

/// The features of each token of one sequence.
pub trait Sequence {
    /// The number of tokens.
    fn len(&self) -> usize;
    /// The hashed features of token `t` (below [`Sequence::len`]).
    fn token(&self, t: usize) -> &[u64];
    /// Whether the sequence has no token.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A structured averaged perceptron over label sequences (Collins 2002):
/// hashed emission weights per label plus a dense first-order transition
/// table, decoded by Viterbi under a move constraint.
#[derive(Clone, Debug)]
pub struct Structured<const N: usize> {
    /// `N` emission weights (one per label) per bucket.
    pub emissions: Hashed,
    /// `(N + 1) × N`: row `p` for a previous label `p`, row `N` for the
    /// sequence start.
    pub transitions: Averaged,
    /// The sequences seen so far, plus 1 (the averaging step).
    pub step: f32,
}

impl<const N: usize> Structured<N> {
    /// An untrained model: `2^log2` emission buckets, transitions all 0.
    pub fn new(log2: u32) -> Self {
        Structured {
            emissions: Hashed::new(log2, N),
            transitions: Averaged::new((N + 1) * N),
            step: 1.0,
        }
    }

    #[inline]
    fn transition_at(prev: Option<u8>, cur: u8) -> usize {
        prev.map_or(N, |p| p as usize) * N + cur as usize
    }

    /// The current weight of moving from `prev` (`None`: the start) to
    /// `cur`.
    pub fn transition(&self, prev: Option<u8>, cur: u8) -> f32 {
        self.transitions.weights()[Self::transition_at(prev, cur)]
    }

    /// Adds the emission scores of one token's features to `scores`.
    #[inline]
    pub fn add_emissions(&self, features: &[u64], scores: &mut [f32; N]) {
        self.emissions.add_scores(features, scores);
    }

    /// The best allowed label sequence under the current weights.
    pub fn predict(
        &self,
        sequence: &impl Sequence,
        allowed: impl Fn(Option<u8>, u8) -> bool,
    ) -> Vec<u8> {
        let mut emissions = vec![[0f32; N]; sequence.len()];
        for (t, e) in emissions.iter_mut().enumerate() {
            self.add_emissions(sequence.token(t), e);
        }
        decode::viterbi(allowed, |p, c| self.transition(p, c), &emissions)
    }

    /// One perceptron step on a sequence; returns whether it was right.
    pub fn learn(
        &mut self,
        sequence: &impl Sequence,
        gold: &[u8],
        allowed: impl Fn(Option<u8>, u8) -> bool,
    ) -> bool {
        let predicted = self.predict(sequence, allowed);
        let right = predicted == gold;
        if !right {
            let step = f64::from(self.step);
            for t in 0..gold.len() {
                let (g, p) = (gold[t], predicted[t]);
                if g != p {
                    for &h in sequence.token(t) {
                        self.emissions.bump(h, g, 1.0, step);
                        self.emissions.bump(h, p, -1.0, step);
                    }
                }
                let (gp, pp) = if t == 0 {
                    (None, None)
                } else {
                    (Some(gold[t - 1]), Some(predicted[t - 1]))
                };
                if (gp, g) != (pp, p) {
                    self.transitions.bump(Self::transition_at(gp, g), 1.0, step);
                    self.transitions
                        .bump(Self::transition_at(pp, p), -1.0, step);
                }
            }
        }
        self.step += 1.0;
        right
    }
}

/// How averaged weights become integers: `bits` wide (8 or 16), scaled so
/// that the cap maps to `target`, where the cap is the largest magnitude
/// once the largest `1 / outlier_divisor` of the non-zero magnitudes are
/// set aside (0: none set aside); what lies beyond is clipped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantisation {
    /// Integer width: 8 (i8) or 16 (i16); the model reader refuses others.
    pub bits: u8,
    /// The integer the cap maps to (at most [`Quantisation::limit`]).
    pub target: f32,
    /// Sets aside the largest `1 / outlier_divisor` of the non-zero
    /// magnitudes when finding the cap (0: none).
    pub outlier_divisor: u32,
}

impl Quantisation {
    /// The largest value of the integer type (symmetric: -limit..=limit).
    pub fn limit(&self) -> f32 {
        if self.bits == 8 {
            127.0
        } else {
            32767.0
        }
    }

    /// The averaged `weights` as integers, and the scale used (integer =
    /// round(weight × scale), clipped to the type).
    pub fn apply(&self, weights: &[f32]) -> (Vec<i32>, f32) {
        let mut magnitudes: Vec<f32> = weights
            .iter()
            .map(|w| w.abs())
            .filter(|w| *w > 0.0)
            .collect();
        magnitudes.sort_by(f32::total_cmp);
        let skip = match self.outlier_divisor {
            0 => 0,
            d => magnitudes.len() / d as usize,
        };
        let cap = magnitudes
            .get(magnitudes.len().saturating_sub(1 + skip))
            .copied()
            .unwrap_or(1.0)
            .max(1e-6);
        let scale = self.target / cap;
        let limit = self.limit();
        let values = weights
            .iter()
            .map(|w| (w * scale).round().clamp(-limit, limit) as i32)
            .collect();
        (values, scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_perceptron_learns_or() {
        // Features: 0 = bias, 1 = x, 2 = y; positive when x or y.
        let data = [
            (vec![0], false),
            (vec![0, 1], true),
            (vec![0, 2], true),
            (vec![0, 1, 2], true),
        ];
        let mut p = Binary::new(4);
        let mut epochs = 0;
        while !data.iter().fold(true, |all, (f, y)| p.learn(f, *y) && all) {
            epochs += 1;
            assert!(epochs < 10, "no epoch without a mistake");
        }
        // The last weights separate the classes. The averaged ones put the
        // negative example just above 0: ties count as negative, so no
        // update ever pushes it below, and the average approaches 0 from
        // the positive side. They still rank it below every positive.
        let last = |f: &[u64]| p.weights.sum(f);
        let averaged = p.averaged();
        let avg = |f: &[u64]| -> f32 { f.iter().map(|&k| averaged[k as usize]).sum() };
        let q = Quantisation {
            bits: 16,
            target: 8000.0,
            outlier_divisor: 0,
        };
        let (ints, scale) = q.apply(&averaged);
        let int = |f: &[u64]| -> i32 { f.iter().map(|&k| ints[k as usize]).sum() };
        for (f, y) in &data {
            assert_eq!(last(f) > 0.0, *y, "{f:?}");
            if *y {
                assert!(avg(f) > avg(&data[0].0), "{f:?}");
                assert!(int(f) > int(&data[0].0), "quantised {f:?}");
            }
        }
        assert_eq!(ints.iter().map(|w| w.abs()).max(), Some(8000));
        assert!(scale > 0.0);
    }

    #[test]
    fn a_multiclass_perceptron_separates_three_classes() {
        let data = [(vec![1, 10], 0u8), (vec![2, 10], 1), (vec![3, 10], 2)];
        let mut p = Multiclass::<3>::new(6);
        for _ in 0..5 {
            for (f, y) in &data {
                p.learn(f, *y);
            }
        }
        for (f, y) in &data {
            assert_eq!(p.predict(f), *y);
        }
    }

    struct Tokens(Vec<Vec<u64>>);
    impl Sequence for Tokens {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn token(&self, t: usize) -> &[u64] {
            &self.0[t]
        }
    }

    #[test]
    fn a_structured_perceptron_learns_a_sequence_rule() {
        // Label 1 for the word after token 7, whatever it is: only the
        // transition from a "7" (label 2) can say so.
        let data = [
            (Tokens(vec![vec![7], vec![3], vec![4]]), vec![2, 1, 0]),
            (Tokens(vec![vec![3], vec![7], vec![5]]), vec![0, 2, 1]),
            (Tokens(vec![vec![4], vec![5], vec![3]]), vec![0, 0, 0]),
        ];
        let mut p = Structured::<3>::new(6);
        for _ in 0..20 {
            for (s, g) in &data {
                p.learn(s, g, |_, _| true);
            }
        }
        for (s, g) in &data {
            assert_eq!(&p.predict(s, |_, _| true), g);
        }
        // A constraint is obeyed in training as in decoding.
        let never_one = |_: Option<u8>, c: u8| c != 1;
        assert!(!p.predict(&data[0].0, never_one).contains(&1));
    }

    #[test]
    fn quantisation_sets_outliers_aside_and_clips_them() {
        let mut w: Vec<f32> = (1..=20_000).map(|k| k as f32 / 20_000.0).collect();
        w[0] = -50.0;
        let q = Quantisation {
            bits: 8,
            target: 127.0,
            outlier_divisor: 10_000,
        };
        let (ints, scale) = q.apply(&w);
        // Two of 20,000 set aside: the cap is the third largest magnitude.
        assert_eq!(scale, 127.0 / (19_999.0 / 20_000.0));
        assert_eq!(ints[0], -127);
        assert_eq!(*ints.last().unwrap(), 127);
        assert_eq!(q.apply(&[0.0, 0.0]).0, [0, 0]);
    }

    #[test]
    fn the_ranker_learns_which_option_is_right() {
        let mut ranker = Ranker::new(8);
        // Option features: 1 marks the right kind of option, 2 and 3 noise.
        let examples = [
            (vec![vec![2, 3], vec![1, 3]], vec![false, true]),
            (vec![vec![1, 2], vec![3]], vec![true, false]),
            (vec![vec![3], vec![2], vec![1]], vec![false, false, true]),
        ];
        for _ in 0..5 {
            for (options, right) in &examples {
                ranker.learn(options, right);
            }
        }
        let weights = ranker.averaged();
        let score = |f: &[u64]| f.iter().map(|&x| weights[x as usize]).sum::<f32>();
        for (options, right) in &examples {
            // The first of equal scores wins, as in `Ranker::best`.
            let mut best = 0;
            for k in 1..options.len() {
                if score(&options[k]) > score(&options[best]) {
                    best = k;
                }
            }
            assert!(right[best]);
        }
        // Already right: no update, and the step still counts.
        let before = ranker.step;
        assert!(ranker.learn(&examples[0].0, &examples[0].1));
        assert_eq!(ranker.step, before + 1.0);
    }
}
