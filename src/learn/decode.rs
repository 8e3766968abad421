//! Decoding label sequences from per-token label scores: first-order
//! Viterbi under a constraint on moves, and greedy argmax.
//!
//! The constraint is a hook, `allowed(prev, cur)` (`prev` is `None` at the
//! sequence start): a forbidden move is never taken. The decoder asks it
//! once per call and then weighs, for each label, only the moves into it
//! that are allowed. Under IOB2 an inside label (`I-X`) follows only `B-X`
//! or `I-X`, so two moves decide it instead of all of them: the tagger's
//! hot loop.
//!
//! Assumes scores are finite (no NaN); labels are `u8` below `N`. Ties go
//! to the lower label, as a plain scan in label order would give them.

/// The moves a first-order model allows and what each scores, laid out
/// for decoding: forbidden moves as -inf, and for each label the list of
/// labels allowed before it. A fixed model builds it once
/// ([`Lattice::new`]) and decodes every sentence with it; building it per
/// sentence cost the entity tagger about 5 % of the whole pipeline's
/// instructions (callgrind, 120 PolNeAR train articles).
#[derive(Clone, Debug)]
pub struct Lattice<const N: usize> {
    start: [f32; N],
    /// `transitions[p][l]`: the score of moving from `p` to `l`.
    transitions: [[f32; N]; N],
    /// `from[l][..from_count[l]]`: the labels allowed before `l`, ascending.
    from: [[u8; N]; N],
    from_count: [usize; N],
    /// The first label allowed before each label (0 when none is): what a
    /// scan reports when every move into the label scores -inf.
    first_from: [u8; N],
}

impl<const N: usize> Lattice<N> {
    /// The lattice of `transition(prev, cur)` restricted to the moves
    /// `allowed` permits (`prev` is `None` at the sentence start).
    pub fn new(
        allowed: impl Fn(Option<u8>, u8) -> bool,
        transition: impl Fn(Option<u8>, u8) -> f32,
    ) -> Self {
        let mut lattice = Lattice {
            start: [f32::NEG_INFINITY; N],
            transitions: [[f32::NEG_INFINITY; N]; N],
            from: [[0u8; N]; N],
            from_count: [0usize; N],
            first_from: [0u8; N],
        };
        for l in 0..N as u8 {
            if allowed(None, l) {
                lattice.start[l as usize] = transition(None, l);
            }
            for p in 0..N as u8 {
                if allowed(Some(p), l) {
                    lattice.transitions[p as usize][l as usize] = transition(Some(p), l);
                    let k = lattice.from_count[l as usize];
                    lattice.from[l as usize][k] = p;
                    lattice.from_count[l as usize] += 1;
                }
            }
            if lattice.from_count[l as usize] > 0 {
                lattice.first_from[l as usize] = lattice.from[l as usize][0];
            }
        }
        lattice
    }

    /// Whether `two_before` (a hint for [`decode_with`]) names, for every
    /// label it speaks of, exactly the two labels allowed before it.
    pub fn agrees_with(
        &self,
        two_before: impl Fn(usize) -> Option<[usize; 2]>,
    ) -> Result<(), String> {
        for l in 0..N {
            if let Some([a, b]) = two_before(l) {
                let actual = &self.from[l][..self.from_count[l]];
                if actual != [a as u8, b as u8] {
                    return Err(format!(
                        "label {l} is reached from {actual:?}, not from {a} and {b}"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The best label sequence for `emissions` (one row of label scores per
/// token) plus `transition(prev, cur)`, among those `allowed` permits.
pub fn viterbi<const N: usize>(
    allowed: impl Fn(Option<u8>, u8) -> bool,
    transition: impl Fn(Option<u8>, u8) -> f32,
    emissions: &[[f32; N]],
) -> Vec<u8> {
    decode(&Lattice::new(allowed, transition), emissions)
}

/// The best label sequence for `emissions` under `lattice`.
pub fn decode<const N: usize>(lattice: &Lattice<N>, emissions: &[[f32; N]]) -> Vec<u8> {
    let two_before = |l: usize| match lattice.from_count[l] {
        2 => Some([lattice.from[l][0] as usize, lattice.from[l][1] as usize]),
        _ => None,
    };
    decode_with(lattice, emissions, two_before)
}

/// [`decode`], told by `two_before(l)` which labels are reached from
/// exactly two labels (and which two, ascending). A model whose moves are
/// fixed in code (IOB2) passes a function the compiler can see through, so
/// that the loop over labels unrolls with the two predecessors known
/// (callgrind, entity tagger over 120 PolNeAR train articles: 65.8 M
/// instructions decoding from the table, 59 M so). The model checks the
/// hint once with [`Lattice::agrees_with`] when it builds the lattice.
pub fn decode_with<const N: usize>(
    lattice: &Lattice<N>,
    emissions: &[[f32; N]],
    two_before: impl Fn(usize) -> Option<[usize; 2]>,
) -> Vec<u8> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    // Local copies: the compiler then knows that the score table written
    // below cannot change them.
    debug_assert!(lattice.agrees_with(&two_before).is_ok());
    let transitions = lattice.transitions;
    let first_from = lattice.first_from;
    let mut score = vec![[f32::NEG_INFINITY; N]; n];
    let mut back = vec![[0u8; N]; n];
    for l in 0..N {
        score[0][l] = emissions[0][l] + lattice.start[l];
    }
    for t in 1..n {
        let prev = score[t - 1];
        for l in 0..N {
            let (best, arg) = if let Some([a, b]) = two_before(l) {
                // The common constrained case (an IOB2 inside label follows
                // only its own begin and inside labels): two candidates,
                // ties to the lower label as in the scan.
                let from_a = prev[a] + transitions[a][l];
                let from_b = prev[b] + transitions[b][l];
                if from_b > from_a {
                    (from_b, b as u8)
                } else {
                    (from_a, a as u8)
                }
            } else {
                // Every other label: a scan over all labels, forbidden
                // moves being -inf; the first best wins.
                let mut best = f32::NEG_INFINITY;
                let mut arg = first_from[l];
                for (p, row) in transitions.iter().enumerate() {
                    let s = prev[p] + row[l];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                (best, arg)
            };
            score[t][l] = best + emissions[t][l];
            back[t][l] = arg;
        }
    }
    let mut labels = vec![0u8; n];
    labels[n - 1] = argmax(&score[n - 1]) as u8;
    for t in (1..n).rev() {
        labels[t - 1] = back[t][labels[t] as usize];
    }
    labels
}

/// The index of the highest score; the first one on a tie, 0 when empty.
pub fn argmax<T: PartialOrd>(scores: &[T]) -> usize {
    let mut best = 0;
    for (k, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = k;
        }
    }
    best
}

/// Left to right, each token's best label among those `allowed` after the
/// one chosen before it (no look-ahead; for when Viterbi is not needed).
pub fn greedy<const N: usize>(
    allowed: impl Fn(Option<u8>, u8) -> bool,
    emissions: &[[f32; N]],
) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(emissions.len());
    for e in emissions {
        let prev = out.last().copied();
        let mut best: Option<u8> = None;
        for l in 0..N as u8 {
            if allowed(prev, l) && best.is_none_or(|b| e[l as usize] > e[b as usize]) {
                best = Some(l);
            }
        }
        out.push(best.unwrap_or(0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// IOB2 over O, B-A, I-A, B-B, I-B: an inside label follows its own
    /// begin or inside label.
    fn iob2(prev: Option<u8>, cur: u8) -> bool {
        cur % 2 == 1
            || cur == 0
            || matches!(prev, Some(p) if p != 0 && p.div_ceil(2) == cur.div_ceil(2))
    }

    fn xorshift(state: &mut u64) -> f32 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        // Few distinct values, so that ties happen too.
        (*state % 7) as f32 - 3.0
    }

    /// The best total score over every sequence, by brute force.
    fn brute_force<const N: usize>(
        allowed: &dyn Fn(Option<u8>, u8) -> bool,
        transition: &dyn Fn(Option<u8>, u8) -> f32,
        emissions: &[[f32; N]],
    ) -> f32 {
        let mut score: Vec<f32> = (0..N as u8)
            .map(|l| match allowed(None, l) {
                true => emissions[0][l as usize] + transition(None, l),
                false => f32::NEG_INFINITY,
            })
            .collect();
        for e in &emissions[1..] {
            score = (0..N as u8)
                .map(|l| {
                    let best = (0..N as u8)
                        .filter(|&p| allowed(Some(p), l))
                        .map(|p| score[p as usize] + transition(Some(p), l))
                        .fold(f32::NEG_INFINITY, f32::max);
                    best + e[l as usize]
                })
                .collect();
        }
        score.iter().copied().fold(f32::NEG_INFINITY, f32::max)
    }

    fn total<const N: usize>(
        transition: &dyn Fn(Option<u8>, u8) -> f32,
        emissions: &[[f32; N]],
        labels: &[u8],
    ) -> f32 {
        let mut prev = None;
        let mut sum = 0.0;
        for (e, &l) in emissions.iter().zip(labels) {
            sum += e[l as usize] + transition(prev, l);
            prev = Some(l);
        }
        sum
    }

    #[test]
    fn viterbi_finds_the_best_allowed_path() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for length in 1..30 {
            let table: Vec<f32> = (0..6 * 5).map(|_| xorshift(&mut state)).collect();
            let transition =
                |p: Option<u8>, c: u8| table[p.map_or(5, usize::from) * 5 + c as usize];
            let emissions: Vec<[f32; 5]> = (0..length)
                .map(|_| std::array::from_fn(|_| xorshift(&mut state)))
                .collect();
            let labels = viterbi(iob2, transition, &emissions);
            assert_eq!(labels.len(), length);
            // A hinted decode of the same lattice decodes the same labels.
            let lattice = Lattice::new(iob2, transition);
            assert_eq!(decode_with(&lattice, &emissions, iob2_inside), labels);
            let mut prev = None;
            for &l in &labels {
                assert!(iob2(prev, l), "length {length}: forbidden move into {l}");
                prev = Some(l);
            }
            let best = brute_force(&iob2, &transition, &emissions);
            assert_eq!(
                total(&transition, &emissions, &labels),
                best,
                "length {length}"
            );
        }
    }

    #[test]
    fn viterbi_never_takes_a_forbidden_move_even_when_it_pays() {
        // Label 1 scores highest everywhere but may never follow itself
        // nor start a sequence.
        let allowed = |p: Option<u8>, c: u8| c != 1 || p.is_some_and(|p| p != 1);
        let emissions = [[0.0, 10.0, 1.0]; 4];
        let labels = viterbi(allowed, |_, _| 0.0, &emissions);
        assert_eq!(labels, [2, 1, 2, 1]);
        assert_eq!(greedy(allowed, &emissions), [2, 1, 2, 1]);
        assert!(viterbi(allowed, |_, _| 0.0, &[] as &[[f32; 3]]).is_empty());
    }

    /// The hint for [`iob2`]: an inside label (even, past 0) follows its
    /// begin label and itself.
    fn iob2_inside(l: usize) -> Option<[usize; 2]> {
        (l != 0 && l.is_multiple_of(2)).then(|| [l - 1, l])
    }

    #[test]
    fn a_hint_that_contradicts_the_lattice_is_caught() {
        let lattice = Lattice::<5>::new(iob2, |_, _| 0.0);
        assert!(lattice.agrees_with(iob2_inside).is_ok());
        let wrong = |l: usize| (l == 2).then_some([0, 2]);
        let err = lattice.agrees_with(wrong).unwrap_err();
        assert!(err.contains("label 2"), "{err}");
        // Saying nothing of a label is always right: it is then scanned.
        assert!(lattice.agrees_with(|_| None).is_ok());
    }

    #[test]
    fn argmax_takes_the_first_of_equals() {
        assert_eq!(argmax(&[1.0, 3.0, 3.0, 2.0]), 1);
        assert_eq!(argmax::<f32>(&[]), 0);
        assert_eq!(greedy(|_, _| true, &[[1.0, 1.0], [0.0, 2.0]]), [0, 1]);
    }
}
