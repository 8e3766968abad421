//! The training loop the models share: epochs over the examples in a
//! reproducible order, one learner step per example, and a hook after each
//! epoch (for dev scores, or for watching the learning curve).
//!
//! Two orders exist because the two shipped models were trained with them
//! and retraining must give the same bytes: a seeded Fisher-Yates shuffle
//! of the examples in place before every epoch (the entity tagger), and a
//! fixed stride through the examples that starts one further each epoch
//! (the cue detector). Both are deterministic; nothing here reads a clock
//! or the environment.

/// The order the examples are seen in, epoch after epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Before every epoch, a Fisher-Yates shuffle of the examples in place,
    /// drawing from one xorshift64 stream started from `seed` (so the
    /// shuffles build on each other).
    Shuffle {
        /// The xorshift64 state to start from; should not be 0, where
        /// xorshift stays, giving the same non-random order every epoch.
        seed: u64,
    },
    /// Epoch `e` (from 0) visits `e, e + s, e + 2s, ...` modulo the count,
    /// for the largest stride `s` up to about half the count that is coprime
    /// with it: every example once, the order spread out.
    Stride,
}

impl Order {
    /// The name the model header records.
    pub fn name(&self) -> &'static str {
        match self {
            Order::Shuffle { .. } => "fisher-yates-xorshift64",
            Order::Stride => "coprime-stride",
        }
    }

    /// The seed the header records (0 for the stride, which has none).
    pub fn seed(&self) -> u64 {
        match self {
            Order::Shuffle { seed } => *seed,
            Order::Stride => 0,
        }
    }
}

/// Epochs and order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// Passes over the whole training set.
    pub epochs: usize,
    /// The order the examples are visited in each pass.
    pub order: Order,
}

/// What an epoch did, for the hook.
#[derive(Clone, Copy, Debug)]
pub struct Epoch {
    /// From 1.
    pub number: usize,
    /// Examples the learner already got right when it saw them.
    pub right: usize,
    /// Examples seen in the epoch: the whole training set.
    pub examples: usize,
}

impl Epoch {
    /// Examples the learner got wrong (and so updated on) in the epoch.
    pub fn mistakes(&self) -> usize {
        self.examples - self.right
    }
}

/// Trains `learner` on `data` under `schedule`: `learn` makes one step on
/// one example and says whether the learner had it right; `after_epoch`
/// sees the learner after each epoch. May reorder `data`.
pub fn train<E, L>(
    learner: &mut L,
    data: &mut [E],
    schedule: &Schedule,
    mut learn: impl FnMut(&mut L, &E) -> bool,
    mut after_epoch: impl FnMut(&L, &Epoch),
) {
    let n = data.len();
    let mut state = schedule.order.seed();
    let stride = coprime_stride(n);
    for epoch in 0..schedule.epochs {
        let mut right = 0;
        match schedule.order {
            Order::Shuffle { .. } => {
                shuffle(data, &mut state);
                for e in data.iter() {
                    right += learn(learner, e) as usize;
                }
            }
            Order::Stride => {
                let mut at = epoch % n.max(1);
                for _ in 0..n {
                    right += learn(learner, &data[at]) as usize;
                    at = (at + stride) % n;
                }
            }
        }
        let report = Epoch {
            number: epoch + 1,
            right,
            examples: n,
        };
        after_epoch(learner, &report);
    }
}

/// One Fisher-Yates pass, from the back, with xorshift64 (shifts 13, 7,
/// 17: Marsaglia's triple for 64 bits) as the random stream.
fn shuffle<E>(data: &mut [E], state: &mut u64) {
    for i in (1..data.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        data.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

/// The largest stride below `n / 2 + 1` that is coprime with `n` (1 when
/// there is none), so that stepping by it visits every index once.
fn coprime_stride(n: usize) -> usize {
    (1..n)
        .rev()
        .find(|s| gcd(*s, n) == 1 && *s < n / 2 + 1)
        .unwrap_or(1)
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples in the order each epoch saw them.
    fn visits(order: Order, n: usize, epochs: usize) -> Vec<Vec<usize>> {
        let mut data: Vec<usize> = (0..n).collect();
        let mut seen: Vec<usize> = Vec::new();
        let schedule = Schedule { epochs, order };
        train(
            &mut seen,
            &mut data,
            &schedule,
            |s, &x| {
                s.push(x);
                true
            },
            |_, _| {},
        );
        seen.chunks(n.max(1)).map(<[usize]>::to_vec).collect()
    }

    #[test]
    fn every_example_once_per_epoch_in_a_reproducible_order() {
        for order in [
            Order::Shuffle {
                seed: 0x2545_f491_4f6c_dd1d,
            },
            Order::Stride,
        ] {
            for n in [0, 1, 2, 10, 97] {
                let mut data: Vec<usize> = (0..n).collect();
                let mut per_epoch: Vec<Vec<usize>> = Vec::new();
                let mut current = Vec::new();
                train(
                    &mut current,
                    &mut data,
                    &Schedule { epochs: 3, order },
                    |seen, &x| {
                        seen.push(x);
                        x % 2 == 0
                    },
                    |seen, epoch| {
                        assert_eq!(epoch.examples, n);
                        assert_eq!(epoch.right, n.div_ceil(2));
                        per_epoch.push(seen[seen.len() - n..].to_vec());
                    },
                );
                for seen in &per_epoch {
                    let mut sorted = seen.clone();
                    sorted.sort();
                    assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "{order:?}, {n}");
                }
                if n > 2 {
                    assert_ne!(per_epoch[0], per_epoch[1], "{order:?}: epochs differ");
                }
            }
        }
        assert_eq!(visits(Order::Stride, 10, 2), visits(Order::Stride, 10, 2));
        let a = visits(Order::Shuffle { seed: 1 }, 10, 2);
        assert_eq!(a, visits(Order::Shuffle { seed: 1 }, 10, 2));
        assert_ne!(a, visits(Order::Shuffle { seed: 2 }, 10, 2));
    }

    #[test]
    fn strides_are_coprime() {
        assert_eq!(coprime_stride(10), 3);
        assert_eq!(coprime_stride(7), 3);
        assert_eq!(coprime_stride(1), 1);
        assert_eq!(coprime_stride(0), 1);
    }
}
