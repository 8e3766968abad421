//! The dependency labeller: the relation of every arc of a finished tree
//! (`nsubj`, `dobj`, `ccomp`, …), an averaged perceptron over the two
//! words, their tags, the arc's direction and length, and the tree around
//! it (the head's head, the dependent's outer dependents, the head's other
//! dependents' words).
//!
//! Labelling after parsing, rather than with each transition, keeps the
//! parser's model to three columns, and lets every arc see the whole tree:
//! a subject of a passive verb (`nsubjpass`) is told apart by the
//! auxiliary beside it, which a transition may not have seen yet. The
//! root's relation is always `root`. Assumes heads from [`super::parser`]
//! (`n` for the root).

use super::tagger::tag_id;
use super::words::{WordIds, NONE};
use crate::learn::hash::Template;
use crate::learn::model::{Kind, ModelError};
use crate::learn::table::Table;
use std::sync::LazyLock;

/// The relations CoreNLP's basic dependencies use (Universal Dependencies
/// v1 as CoreNLP emits them, 39), in the order of the model's columns.
pub const LABELS: [&str; 39] = [
    "punct",
    "case",
    "nmod",
    "nsubj",
    "det",
    "compound",
    "amod",
    "dobj",
    "root",
    "mark",
    "advmod",
    "aux",
    "cc",
    "conj",
    "nmod:poss",
    "ccomp",
    "xcomp",
    "advcl",
    "cop",
    "dep",
    "acl:relcl",
    "nummod",
    "neg",
    "acl",
    "auxpass",
    "nsubjpass",
    "appos",
    "nmod:tmod",
    "compound:prt",
    "parataxis",
    "mwe",
    "expl",
    "nmod:npmod",
    "csubj",
    "iobj",
    "det:predet",
    "cc:preconj",
    "discourse",
    "csubjpass",
];

/// The column of `label`; labels outside the list read as `dep`.
pub fn label_index(label: &str) -> u8 {
    LABELS
        .iter()
        .position(|&l| l == label)
        .or_else(|| LABELS.iter().position(|&l| l == "dep"))
        .unwrap_or(0) as u8
}

/// The index of `root` in [`LABELS`].
pub const ROOT_LABEL: u8 = 8;

mod tpl {
    crate::learn::hash::templates! {
        BIAS = 0, "bias"; DW = 1, "d.w"; DP = 2, "d.p"; HW = 3, "h.w"; HP = 4, "h.p";
        DP_HP = 5, "d.p+h.p"; DW_HP = 6, "d.w+h.p"; DP_HW = 7, "d.p+h.w"; DW_HW = 8, "d.w+h.w";
        DIR_DIST = 9, "dir+dist"; DP_HP_DIR = 10, "d.p+h.p+dir"; DP_HP_DIST = 11, "d.p+h.p+dist";
        DP_DL = 12, "d.p+d.l1.w"; DP_DR = 13, "d.p+d.r1.p"; DP_DLP = 14, "d.p+d.l1.p";
        DP_KIDS = 15, "d.p+kids"; HP_GP = 16, "d.p+h.p+hh.p"; DP_PREV = 17, "d.p+d-1.p";
        DP_NEXT = 18, "d.p+d+1.p"; HP_SIB = 19, "d.p+h.p+sibling.w"; DW_DIR = 20, "d.w+dir";
        DSUF_HP = 21, "d.suffix-3+h.p"; DSHAPE = 22, "d.shape+h.p"; HP_NEXT = 23, "d.p+h.p+h+1.p";
        DP_HP_FIRST = 24, "d.p+h.p+d-first-in-sentence";
    }
}

/// Every template the labeller's features use, for the model header.
pub const TEMPLATES: &[Template] = tpl::ALL;

/// A parsed sentence as the labeller reads it.
pub struct Tree<'a> {
    /// Word ids of each token.
    pub words: &'a [WordIds],
    /// Tag index of each token.
    pub tags: &'a [u8],
    /// Head of each token, `n` for the root.
    pub heads: &'a [u32],
    /// Dependents of each token in order (the root's at `n`).
    pub children: Vec<Vec<u32>>,
}

impl<'a> Tree<'a> {
    /// The tree of `heads` over `words` and `tags`.
    pub fn new(words: &'a [WordIds], tags: &'a [u8], heads: &'a [u32]) -> Tree<'a> {
        let mut children = vec![Vec::new(); words.len() + 1];
        for (d, &h) in heads.iter().enumerate() {
            children[h as usize].push(d as u32);
        }
        Tree {
            words,
            tags,
            heads,
            children,
        }
    }
}

/// Arc length buckets: 1, 2, 3, 4–6, 7 and more.
fn length(d: usize, h: usize) -> u64 {
    match d.abs_diff(h) {
        k @ 0..=3 => k as u64,
        4..=6 => 4,
        _ => 5,
    }
}

/// The features of the arc into token `d`, into `out`.
pub fn features(tree: &Tree, d: usize, out: &mut Vec<u64>) {
    use tpl::*;
    out.clear();
    let n = tree.words.len();
    let h = tree.heads[d] as usize;
    let w = |t: usize| if t < n { tree.words[t].lower } else { NONE };
    let p = |t: usize| tag_id((t < n).then(|| tree.tags[t]));
    let (dw, dp, hw, hp) = (w(d), p(d), w(h), p(h));
    let dir = u64::from(d < h);
    let dist = length(d, h);
    let kids = &tree.children[d];
    let first_kid = kids.first().map_or(n, |&k| k as usize);
    let last_kid = kids.last().map_or(n, |&k| k as usize);
    let grand = if h < n { tree.heads[h] as usize } else { n };
    out.extend([
        BIAS.ids(&[]),
        DW.ids(&[dw]),
        DP.ids(&[dp]),
        HW.ids(&[hw]),
        HP.ids(&[hp]),
        DP_HP.ids(&[dp, hp]),
        DW_HP.ids(&[dw, hp]),
        DP_HW.ids(&[dp, hw]),
        DW_HW.ids(&[dw, hw]),
        DIR_DIST.ids(&[dir, dist]),
        DP_HP_DIR.ids(&[dp, hp, dir]),
        DP_HP_DIST.ids(&[dp, hp, dir, dist]),
        DP_DL.ids(&[dp, w(first_kid)]),
        DP_DR.ids(&[dp, p(last_kid)]),
        DP_DLP.ids(&[dp, p(first_kid)]),
        DP_KIDS.ids(&[dp, kids.len().min(4) as u64]),
        HP_GP.ids(&[dp, hp, p(grand)]),
        DP_PREV.ids(&[dp, d.checked_sub(1).map_or(tag_id(None), p)]),
        DP_NEXT.ids(&[dp, p(d + 1)]),
        DW_DIR.ids(&[dw, dir]),
        DSUF_HP.ids(&[tree.words[d].suffix[2], hp]),
        DSHAPE.ids(&[tree.words[d].shape, hp]),
        HP_NEXT.ids(&[dp, hp, p(h + 1)]),
        DP_HP_FIRST.ids(&[dp, hp, u64::from(d == 0)]),
    ]);
    // The head's other dependents nearest to the arc, at most two on each
    // side: what stands beside it (an auxiliary, a copula, a second
    // object). Children are in order, so a binary search finds them and a
    // head with thousands of dependents costs no more per arc.
    let siblings = &tree.children[h];
    let at = siblings.partition_point(|&s| (s as usize) < d);
    let after = siblings[at..].iter().filter(|&&s| s as usize != d).take(2);
    for &s in siblings[..at].iter().rev().take(2).chain(after) {
        out.push(HP_SIB.ids(&[dp, hp, w(s as usize)]));
    }
}

/// The shipped labeller: its weights, read in place.
pub struct Labeller<'a> {
    table: Table<'a>,
}

impl<'a> Labeller<'a> {
    /// Reads a labeller model file.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Labeller<'a>, ModelError> {
        Ok(Labeller {
            table: Table::load(bytes, Kind::Labels, &LABELS)?,
        })
    }

    /// The label index of every token's arc.
    pub fn labels(&self, tree: &Tree) -> Vec<u8> {
        let n = tree.words.len();
        let mut buffer = Vec::with_capacity(TEMPLATES.len() + 4);
        (0..n)
            .map(|d| {
                if tree.heads[d] as usize == n {
                    return ROOT_LABEL;
                }
                features(tree, d, &mut buffer);
                let mut scores = [0i32; LABELS.len()];
                self.table.add(&buffer, &mut scores);
                // `root` is for the root's arc only.
                scores[ROOT_LABEL as usize] = i32::MIN;
                crate::learn::decode::argmax(&scores) as u8
            })
            .collect()
    }
}

/// `models/labels.bin`, embedded.
pub const MODEL_BYTES: &[u8] = include_bytes!("../../models/labels.bin");

/// The shipped labeller, read on first use.
pub static LABELLER: LazyLock<Labeller<'static>> = LazyLock::new(|| {
    Labeller::from_bytes(MODEL_BYTES).expect("models/labels.bin is a labeller model")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_labels_are_distinct() {
        crate::learn::hash::check_templates(TEMPLATES).unwrap();
        for (k, l) in LABELS.iter().enumerate() {
            assert_eq!(label_index(l) as usize, k);
        }
        assert_eq!(LABELS[ROOT_LABEL as usize], "root");
        assert_eq!(LABELS[label_index("nmod:unheard-of") as usize], "dep");
    }
}
