//! The dependency parser: unlabelled arcs by the arc-hybrid transition
//! system (Kuhlmann, Gómez-Rodríguez & Satta 2011), greedy, an averaged
//! perceptron over the rich non-local features of Zhang & Nivre (2011)
//! adapted to its stack and buffer, trained with the dynamic oracle of
//! Goldberg & Nivre (2013) and exploration of the model's own errors.
//!
//! The system: a stack (the root at its bottom) and a buffer of the
//! sentence's tokens. `Shift` moves the buffer's front to the stack;
//! `Left` makes the front the head of the stack's top and pops it; `Right`
//! makes the token below the top its head and pops it. Every head lies
//! inside the sentence, no cycle forms, and a sentence takes exactly `2n`
//! transitions, so any length parses in linear time. The system lets the
//! root take several dependents (a mistake then costs one arc instead of
//! stranding the sentence's first words under everything else, which a
//! single-root system measured 0.85 UAS against this one's); the parse
//! keeps one and attaches the others to it ([`single_root`]).
//! Assumes tags from [`super::tagger`].

use super::tagger::tag_id;
use super::words::{WordIds, NONE};
use crate::learn::hash::Template;
use crate::learn::model::{Kind, ModelError};
use crate::learn::table::Table;
use std::sync::LazyLock;

/// The three transitions, in the order of the model's columns.
pub const TRANSITIONS: [&str; 3] = ["shift", "left", "right"];
const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;

/// A parser configuration over a sentence of `n` tokens; token `n` is the
/// root.
pub struct State {
    n: usize,
    stack: Vec<u32>,
    /// The buffer is `front..n`.
    front: usize,
    /// Each token's head (`n` for the root), `u32::MAX` while it has none.
    pub heads: Vec<u32>,
    /// Per token: its two leftmost and two rightmost dependents so far
    /// (`u32::MAX` for none), and how many on each side.
    left: Vec<[u32; 2]>,
    right: Vec<[u32; 2]>,
    valency: Vec<[u8; 2]>,
}

const NO: u32 = u32::MAX;

impl State {
    /// The start: the root alone on the stack, every token in the buffer.
    pub fn new(n: usize) -> State {
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(n as u32);
        State {
            n,
            stack,
            front: 0,
            heads: vec![NO; n],
            left: vec![[NO; 2]; n + 1],
            right: vec![[NO; 2]; n + 1],
            valency: vec![[0; 2]; n + 1],
        }
    }

    /// Whether the parse is complete.
    pub fn done(&self) -> bool {
        self.front == self.n && self.stack.len() == 1
    }

    /// Whether `t` may be taken now.
    pub fn legal(&self, t: usize) -> bool {
        let depth = self.stack.len();
        match t {
            SHIFT => self.front < self.n,
            // The root (at the bottom) never becomes a dependent.
            LEFT => depth >= 2 && self.front < self.n,
            _ => depth >= 2,
        }
    }

    /// Takes transition `t`, which must be legal.
    pub fn apply(&mut self, t: usize) {
        match t {
            SHIFT => {
                self.stack.push(self.front as u32);
                self.front += 1;
            }
            LEFT => {
                let dep = self.stack.pop().expect("legal: a top");
                self.attach(self.front as u32, dep);
            }
            _ => {
                let dep = self.stack.pop().expect("legal: a top");
                let head = *self.stack.last().expect("legal: one below");
                self.attach(head, dep);
            }
        }
    }

    fn attach(&mut self, head: u32, dep: u32) {
        self.heads[dep as usize] = head;
        let h = head as usize;
        // Left dependents arrive right to left, right ones left to right:
        // each new one is the outermost.
        if dep < head {
            self.left[h] = [dep, self.left[h][0]];
            self.valency[h][0] = self.valency[h][0].saturating_add(1);
        } else {
            self.right[h] = [dep, self.right[h][0]];
            self.valency[h][1] = self.valency[h][1].saturating_add(1);
        }
    }

    /// The stack's `k`-th token from the top, if any (the root included).
    fn stack_at(&self, k: usize) -> u32 {
        let d = self.stack.len();
        if k < d {
            self.stack[d - 1 - k]
        } else {
            NO
        }
    }

    /// The buffer's `k`-th token, if any.
    fn buffer_at(&self, k: usize) -> u32 {
        let i = self.front + k;
        if i < self.n {
            i as u32
        } else {
            NO
        }
    }

    /// The cost of each transition under the gold heads `gold` (`n` for
    /// the root): how many gold arcs it makes unreachable (Goldberg &
    /// Nivre 2013, arc-hybrid); `None` for an illegal one.
    pub fn costs(&self, gold: &[u32]) -> [Option<u32>; 3] {
        let s0 = self.stack_at(0);
        let s1 = self.stack_at(1);
        let b0 = self.buffer_at(0);
        let in_buffer = |t: u32| (t as usize) >= self.front && (t as usize) < self.n;
        let mut out = [None; 3];
        if self.legal(SHIFT) {
            // The front loses its heads deeper in the stack than the top
            // and its dependents on the stack.
            let b = b0 as usize;
            let mut cost = 0;
            let below_top = &self.stack[..self.stack.len() - 1];
            cost += u32::from(below_top.contains(&gold[b]));
            cost += self
                .stack
                .iter()
                .filter(|&&d| (d as usize) < self.n && gold[d as usize] == b0)
                .count() as u32;
            out[SHIFT] = Some(cost);
        }
        if self.legal(LEFT) || self.legal(RIGHT) {
            let s = s0 as usize;
            // Either way the top leaves the stack: its dependents still in
            // the buffer are lost.
            let orphans = (self.front..self.n).filter(|&d| gold[d] == s0).count() as u32;
            if self.legal(LEFT) {
                let lost_head = gold[s] != b0 && (gold[s] == s1 || in_buffer(gold[s]));
                out[LEFT] = Some(orphans + u32::from(lost_head));
            }
            if self.legal(RIGHT) {
                out[RIGHT] = Some(orphans + u32::from(in_buffer(gold[s])));
            }
        }
        out
    }
}

mod tpl {
    crate::learn::hash::templates! {
        S0W = 0, "s0.w"; S0P = 1, "s0.p"; S0WP = 2, "s0.wp";
        S1W = 3, "s1.w"; S1P = 4, "s1.p"; S1WP = 5, "s1.wp"; S2P = 6, "s2.p";
        B0W = 7, "b0.w"; B0P = 8, "b0.p"; B0WP = 9, "b0.wp";
        B1W = 10, "b1.w"; B1P = 11, "b1.p"; B1WP = 12, "b1.wp"; B2P = 13, "b2.p";
        S0WP_B0WP = 14, "s0.wp+b0.wp"; S0WP_B0W = 15, "s0.wp+b0.w";
        S0W_B0WP = 16, "s0.w+b0.wp"; S0WP_B0P = 17, "s0.wp+b0.p";
        S0P_B0WP = 18, "s0.p+b0.wp"; S0W_B0W = 19, "s0.w+b0.w"; S0P_B0P = 20, "s0.p+b0.p";
        B0P_B1P = 21, "b0.p+b1.p"; S1P_S0P = 22, "s1.p+s0.p"; S1W_S0W = 23, "s1.w+s0.w";
        S1WP_S0P = 24, "s1.wp+s0.p"; S1P_S0WP = 25, "s1.p+s0.wp"; S1P_B0P = 26, "s1.p+b0.p";
        B0P_B1P_B2P = 27, "b0.p+b1.p+b2.p"; S0P_B0P_B1P = 28, "s0.p+b0.p+b1.p";
        S1P_S0P_B0P = 29, "s1.p+s0.p+b0.p"; S0P_S0L1P_B0P = 30, "s0.p+s0.l1.p+b0.p";
        S0P_S0R1P_B0P = 31, "s0.p+s0.r1.p+b0.p"; S0P_B0P_B0L1P = 32, "s0.p+b0.p+b0.l1.p";
        S1P_S1R1P_S0P = 33, "s1.p+s1.r1.p+s0.p"; S2P_S1P_S0P = 34, "s2.p+s1.p+s0.p";
        S1P_S0P_S0L1P = 35, "s1.p+s0.p+s0.l1.p"; S1P_S0P_S0R1P = 36, "s1.p+s0.p+s0.r1.p";
        S0W_D = 37, "s0.w+dist"; S0P_D = 38, "s0.p+dist"; B0W_D = 39, "b0.w+dist";
        B0P_D = 40, "b0.p+dist"; S0W_B0W_D = 41, "s0.w+b0.w+dist"; S0P_B0P_D = 42, "s0.p+b0.p+dist";
        S1P_S0P_D = 43, "s1.p+s0.p+dist1"; S1W_S0W_D = 44, "s1.w+s0.w+dist1";
        S0W_VL = 45, "s0.w+vl"; S0P_VL = 46, "s0.p+vl"; S0W_VR = 47, "s0.w+vr";
        S0P_VR = 48, "s0.p+vr"; B0W_VL = 49, "b0.w+vl"; B0P_VL = 50, "b0.p+vl";
        S1P_VR = 51, "s1.p+vr";
        S0L1W = 52, "s0.l1.w"; S0L1P = 53, "s0.l1.p"; S0R1W = 54, "s0.r1.w"; S0R1P = 55, "s0.r1.p";
        B0L1W = 56, "b0.l1.w"; B0L1P = 57, "b0.l1.p"; S1R1P = 58, "s1.r1.p"; S1R1W = 59, "s1.r1.w";
        S0L2P = 60, "s0.l2.p"; S0R2P = 61, "s0.r2.p"; B0L2P = 62, "b0.l2.p";
        S0P_S0L1P_S0L2P = 63, "s0.p+s0.l1.p+s0.l2.p"; S0P_S0R1P_S0R2P = 64, "s0.p+s0.r1.p+s0.r2.p";
        B0P_B0L1P_B0L2P = 65, "b0.p+b0.l1.p+b0.l2.p"; S1L1P = 66, "s1.l1.p";
        B0W_B1W = 67, "b0.w+b1.w"; S0W_S0P_B0P_B1P = 68, "s0.wp+b0.p+b1.p";
        DEPTH_S0P_B0P = 69, "depth+s0.p+b0.p"; S0P_S1P_B0P_B1P = 70, "s1.p+s0.p+b0.p+b1.p";
        S0W_S1W_B0W = 71, "s1.w+s0.w+b0.w"; B1W_B1P_B2P = 72, "b1.wp+b2.p";
    }
}

/// Every template the parser's features use, for the model header.
pub const TEMPLATES: &[Template] = tpl::ALL;

/// A sentence as the parser reads it: per token its word ids and its tag.
pub struct Sentence<'a> {
    /// Word ids of each token.
    pub words: &'a [WordIds],
    /// Tag index of each token.
    pub tags: &'a [u8],
}

/// The root's word and tag ids.
const ROOT_ID: u64 = 0x2007_0000_0000_0001;

/// Distance buckets: 1, 2, 3, 4, 5–7, 8–15, 16 and more (Zhang & Nivre
/// use the exact distance; buckets keep rare long distances together).
fn distance(a: u32, b: u32) -> u64 {
    if a == NO || b == NO {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        8..=15 => 6,
        _ => 7,
    }
}

/// The features of `state` over `sentence`, into `out`.
pub fn features(sentence: &Sentence, state: &State, out: &mut Vec<u64>) {
    use tpl::*;
    out.clear();
    let n = state.n as u32;
    let w = |t: u32| -> u64 {
        match t {
            NO => NONE,
            t if t == n => ROOT_ID,
            t => sentence.words[t as usize].lower,
        }
    };
    let p = |t: u32| -> u64 {
        match t {
            NO => tag_id(None),
            t if t == n => ROOT_ID,
            t => tag_id(Some(sentence.tags[t as usize])),
        }
    };
    let child =
        |t: u32, side: &[[u32; 2]], k: usize| if t == NO { NO } else { side[t as usize][k] };
    let valency = |t: u32, side: usize| {
        if t == NO {
            9
        } else {
            state.valency[t as usize][side] as u64
        }
    };
    let (s0, s1, s2) = (state.stack_at(0), state.stack_at(1), state.stack_at(2));
    let (b0, b1, b2) = (state.buffer_at(0), state.buffer_at(1), state.buffer_at(2));
    let (s0l1, s0l2) = (child(s0, &state.left, 0), child(s0, &state.left, 1));
    let (s0r1, s0r2) = (child(s0, &state.right, 0), child(s0, &state.right, 1));
    let (b0l1, b0l2) = (child(b0, &state.left, 0), child(b0, &state.left, 1));
    let (s1l1, s1r1) = (child(s1, &state.left, 0), child(s1, &state.right, 0));
    let (s0w, s0p, s1w, s1p, b0w, b0p) = (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0));
    let (b1w, b1p, b2p, s2p) = (w(b1), p(b1), p(b2), p(s2));
    let (d, d1) = (distance(s0, b0), distance(s1, s0));
    out.extend([
        S0W.ids(&[s0w]),
        S0P.ids(&[s0p]),
        S0WP.ids(&[s0w, s0p]),
        S1W.ids(&[s1w]),
        S1P.ids(&[s1p]),
        S1WP.ids(&[s1w, s1p]),
        S2P.ids(&[s2p]),
        B0W.ids(&[b0w]),
        B0P.ids(&[b0p]),
        B0WP.ids(&[b0w, b0p]),
        B1W.ids(&[b1w]),
        B1P.ids(&[b1p]),
        B1WP.ids(&[b1w, b1p]),
        B2P.ids(&[b2p]),
        S0WP_B0WP.ids(&[s0w, s0p, b0w, b0p]),
        S0WP_B0W.ids(&[s0w, s0p, b0w]),
        S0W_B0WP.ids(&[s0w, b0w, b0p]),
        S0WP_B0P.ids(&[s0w, s0p, b0p]),
        S0P_B0WP.ids(&[s0p, b0w, b0p]),
        S0W_B0W.ids(&[s0w, b0w]),
        S0P_B0P.ids(&[s0p, b0p]),
        B0P_B1P.ids(&[b0p, b1p]),
        S1P_S0P.ids(&[s1p, s0p]),
        S1W_S0W.ids(&[s1w, s0w]),
        S1WP_S0P.ids(&[s1w, s1p, s0p]),
        S1P_S0WP.ids(&[s1p, s0w, s0p]),
        S1P_B0P.ids(&[s1p, b0p]),
        B0P_B1P_B2P.ids(&[b0p, b1p, b2p]),
        S0P_B0P_B1P.ids(&[s0p, b0p, b1p]),
        S1P_S0P_B0P.ids(&[s1p, s0p, b0p]),
        S0P_S0L1P_B0P.ids(&[s0p, p(s0l1), b0p]),
        S0P_S0R1P_B0P.ids(&[s0p, p(s0r1), b0p]),
        S0P_B0P_B0L1P.ids(&[s0p, b0p, p(b0l1)]),
        S1P_S1R1P_S0P.ids(&[s1p, p(s1r1), s0p]),
        S2P_S1P_S0P.ids(&[s2p, s1p, s0p]),
        S1P_S0P_S0L1P.ids(&[s1p, s0p, p(s0l1)]),
        S1P_S0P_S0R1P.ids(&[s1p, s0p, p(s0r1)]),
        S0W_D.ids(&[s0w, d]),
        S0P_D.ids(&[s0p, d]),
        B0W_D.ids(&[b0w, d]),
        B0P_D.ids(&[b0p, d]),
        S0W_B0W_D.ids(&[s0w, b0w, d]),
        S0P_B0P_D.ids(&[s0p, b0p, d]),
        S1P_S0P_D.ids(&[s1p, s0p, d1]),
        S1W_S0W_D.ids(&[s1w, s0w, d1]),
        S0W_VL.ids(&[s0w, valency(s0, 0)]),
        S0P_VL.ids(&[s0p, valency(s0, 0)]),
        S0W_VR.ids(&[s0w, valency(s0, 1)]),
        S0P_VR.ids(&[s0p, valency(s0, 1)]),
        B0W_VL.ids(&[b0w, valency(b0, 0)]),
        B0P_VL.ids(&[b0p, valency(b0, 0)]),
        S1P_VR.ids(&[s1p, valency(s1, 1)]),
        S0L1W.ids(&[w(s0l1)]),
        S0L1P.ids(&[p(s0l1)]),
        S0R1W.ids(&[w(s0r1)]),
        S0R1P.ids(&[p(s0r1)]),
        B0L1W.ids(&[w(b0l1)]),
        B0L1P.ids(&[p(b0l1)]),
        S1R1P.ids(&[p(s1r1)]),
        S1R1W.ids(&[w(s1r1)]),
        S0L2P.ids(&[p(s0l2)]),
        S0R2P.ids(&[p(s0r2)]),
        B0L2P.ids(&[p(b0l2)]),
        S0P_S0L1P_S0L2P.ids(&[s0p, p(s0l1), p(s0l2)]),
        S0P_S0R1P_S0R2P.ids(&[s0p, p(s0r1), p(s0r2)]),
        B0P_B0L1P_B0L2P.ids(&[b0p, p(b0l1), p(b0l2)]),
        S1L1P.ids(&[p(s1l1)]),
        B0W_B1W.ids(&[b0w, b1w]),
        S0W_S0P_B0P_B1P.ids(&[s0w, s0p, b0p, b1p]),
        DEPTH_S0P_B0P.ids(&[state.stack.len().min(6) as u64, s0p, b0p]),
        S0P_S1P_B0P_B1P.ids(&[s1p, s0p, b0p, b1p]),
        S0W_S1W_B0W.ids(&[s1w, s0w, b0w]),
        B1W_B1P_B2P.ids(&[b1w, b1p, b2p]),
    ]);
}

/// The best legal transition under `scores` (the first on a tie).
pub fn best_legal<S: PartialOrd + Copy>(state: &State, scores: &[S]) -> usize {
    let mut best: Option<usize> = None;
    for t in 0..TRANSITIONS.len() {
        if state.legal(t) && best.is_none_or(|b| scores[t] > scores[b]) {
            best = Some(t);
        }
    }
    best.expect("a state that is not done has a legal transition")
}

/// Parses one sentence with `score` (features → transition scores):
/// each token's head, `n` for the root.
pub fn parse<S: PartialOrd + Copy + Default>(
    sentence: &Sentence,
    mut score: impl FnMut(&[u64], &mut [S; 3]),
) -> Vec<u32> {
    let mut state = State::new(sentence.words.len());
    let mut buffer = Vec::with_capacity(TEMPLATES.len());
    while !state.done() {
        features(sentence, &state, &mut buffer);
        let mut scores = [S::default(); 3];
        score(&buffer, &mut scores);
        let t = best_legal(&state, &scores);
        state.apply(t);
    }
    single_root(state.heads, sentence.tags)
}

/// One root per sentence: when the transitions gave the root several
/// dependents, the first verb among them (else the first) stays the root
/// and the others become its dependents.
pub fn single_root(mut heads: Vec<u32>, tags: &[u8]) -> Vec<u32> {
    let n = heads.len() as u32;
    let roots: Vec<usize> = (0..heads.len()).filter(|&t| heads[t] == n).collect();
    if roots.len() > 1 {
        let is_verb = |t: usize| super::tagger::TAGS[tags[t] as usize].starts_with("VB");
        let keep = roots
            .iter()
            .copied()
            .find(|&t| is_verb(t))
            .unwrap_or(roots[0]);
        for &t in &roots {
            if t != keep {
                heads[t] = keep as u32;
            }
        }
    }
    heads
}

/// The shipped transition model: its weights, read in place.
pub struct Parser<'a> {
    table: Table<'a>,
}

impl<'a> Parser<'a> {
    /// Reads a transition model file.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Parser<'a>, ModelError> {
        Ok(Parser {
            table: Table::load(bytes, Kind::Deps, &TRANSITIONS)?,
        })
    }

    /// Each token's head (`n`, the sentence length, for the root).
    pub fn heads(&self, sentence: &Sentence) -> Vec<u32> {
        parse(sentence, |features, scores: &mut [i32; 3]| {
            self.table.add(features, scores)
        })
    }
}

/// `models/deps.bin`, embedded.
pub const MODEL_BYTES: &[u8] = include_bytes!("../../models/deps.bin");

/// The shipped parser, read on first use.
pub static PARSER: LazyLock<Parser<'static>> =
    LazyLock::new(|| Parser::from_bytes(MODEL_BYTES).expect("models/deps.bin is a parser model"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_distinct() {
        crate::learn::hash::check_templates(TEMPLATES).unwrap();
    }

    #[test]
    fn the_oracle_rebuilds_a_projective_tree_at_no_cost() {
        // "the dog chased a cat": the→dog, dog→chased, chased→root,
        // a→cat, cat→chased; root is 5.
        let gold = [1u32, 2, 5, 4, 2];
        let mut state = State::new(5);
        while !state.done() {
            let costs = state.costs(&gold);
            let t = (0..3)
                .find(|&t| costs[t] == Some(0))
                .expect("a zero-cost move");
            state.apply(t);
        }
        assert_eq!(state.heads, gold);
    }

    #[test]
    fn every_sequence_of_legal_moves_gives_one_tree() {
        // Whatever moves are taken, the result has one root and no cycle.
        let mut seed = 0x9e37_79b9u64;
        for n in 1..30 {
            let mut state = State::new(n);
            while !state.done() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let legal: Vec<usize> = (0..3).filter(|&t| state.legal(t)).collect();
                state.apply(legal[seed as usize % legal.len()]);
            }
            let tags = vec![0u8; n];
            let heads = single_root(state.heads, &tags);
            assert_eq!(heads.iter().filter(|&&h| h as usize == n).count(), 1);
            for start in 0..n {
                let (mut t, mut steps) = (start as u32, 0);
                while t as usize != n {
                    t = heads[t as usize];
                    steps += 1;
                    assert!(steps <= n, "a cycle through {start}");
                }
            }
        }
    }
}
/// On the silver treebank, the oracle's zero-cost moves rebuild every
/// projective tree (all but 19 of the 3,106 dev sentences): a check of
/// the cost function on real data.
#[cfg(test)]
mod oracle_on_silver {
    use super::*;

    #[test]
    #[cfg_attr(not(brief_shared), ignore = "needs ../shared")]
    fn zero_cost_moves_rebuild_the_silver_trees() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/polnear/silver/dev.conllu"
        );
        let text = std::fs::read_to_string(path).expect("the silver dev treebank");
        let sentences = crate::io::conllu::parse(&text).unwrap();
        let (mut exact, mut right, mut arcs) = (0, 0, 0);
        for s in &sentences {
            let n = s.forms.len() as u32;
            let gold: Vec<u32> = s
                .heads
                .iter()
                .map(|&h| if h == 0 { n } else { h as u32 - 1 })
                .collect();
            let mut state = State::new(gold.len());
            while !state.done() {
                let costs = state.costs(&gold);
                let least = costs.iter().flatten().min().copied().unwrap();
                state.apply((0..3).find(|&t| costs[t] == Some(least)).unwrap());
            }
            exact += usize::from(state.heads == gold);
            right += state
                .heads
                .iter()
                .zip(&gold)
                .filter(|(a, b)| a == b)
                .count();
            arcs += gold.len();
        }
        assert_eq!(
            exact,
            sentences.len() - 19,
            "non-projective dev sentences: 19"
        );
        assert!(right * 1000 >= arcs * 999, "{right} of {arcs} arcs");
    }
}
