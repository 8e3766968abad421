//! The dependency trees of a document as later stages query them: a
//! token's head, relation and tag, its children (all, or by relation), the
//! span of its subtree, the head of a span, the path between two tokens
//! and the clause a token belongs to.
//!
//! Built once from the syntax stage's result ([`TokenSyntax`], one entry
//! per token of the document; tokens are indexes into `Doc::tokens`).
//! Assumes each sentence's arcs form a tree (the parser guarantees one root
//! per sentence, heads inside the sentence, no cycles); a token outside
//! every sentence is a root of its own. Trees from brief's parser are
//! projective, so a subtree is a contiguous span; for any other tree
//! [`Tree::subtree`] is the span from its first to its last token.

use super::TokenSyntax;
use crate::syntax::{labeller::LABELS, tagger::TAGS};
use std::ops::Range;

/// Relations whose dependent heads a clause of its own (UD v1 as CoreNLP
/// emits it): complement, adverbial, relative and subject clauses, and
/// loosely joined ones. A sentence's root heads its main clause.
const CLAUSE_RELATIONS: [&str; 9] = [
    "root",
    "ccomp",
    "xcomp",
    "advcl",
    "acl",
    "acl:relcl",
    "csubj",
    "csubjpass",
    "parataxis",
];

/// The trees of every sentence of a document, indexed by token.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    syntax: Vec<TokenSyntax>,
    /// Children of token `i`: `children[child_start[i]..child_start[i + 1]]`,
    /// in text order.
    child_start: Vec<u32>,
    children: Vec<u32>,
    /// First and last token (exclusive) of each token's subtree.
    span: Vec<(u32, u32)>,
    /// Arcs between each token and its root.
    depth: Vec<u32>,
}

impl Tree {
    /// The trees over `syntax` (one entry per token; empty for a document
    /// not parsed, whose tree answers every query with nothing).
    pub fn new(syntax: &[TokenSyntax]) -> Tree {
        let n = syntax.len();
        let mut child_start = vec![0u32; n + 1];
        for s in syntax {
            if let Some(h) = s.head {
                child_start[h as usize + 1] += 1;
            }
        }
        for i in 0..n {
            child_start[i + 1] += child_start[i];
        }
        let mut filled = child_start.clone();
        let mut children = vec![0u32; child_start[n] as usize];
        for (i, s) in syntax.iter().enumerate() {
            if let Some(h) = s.head {
                children[filled[h as usize] as usize] = i as u32;
                filled[h as usize] += 1;
            }
        }
        let mut tree = Tree {
            syntax: syntax.to_vec(),
            child_start,
            children,
            span: (0..n as u32).map(|i| (i, i + 1)).collect(),
            depth: vec![0; n],
        };
        tree.fill_spans_and_depths();
        tree
    }

    /// Depths top-down and subtree spans bottom-up, in one pre-order walk
    /// per root (an explicit stack: a 5,000-token chain must not overflow
    /// the call stack) and its reverse.
    fn fill_spans_and_depths(&mut self) {
        let n = self.syntax.len();
        let mut order = Vec::with_capacity(n);
        let mut stack: Vec<u32> = Vec::new();
        for root in (0..n).filter(|&i| self.syntax[i].head.is_none()) {
            stack.push(root as u32);
            while let Some(t) = stack.pop() {
                order.push(t);
                let (a, b) = (
                    self.child_start[t as usize],
                    self.child_start[t as usize + 1],
                );
                for &c in &self.children[a as usize..b as usize] {
                    self.depth[c as usize] = self.depth[t as usize] + 1;
                    stack.push(c);
                }
            }
        }
        // Each token comes after its head in `order`: in reverse, every
        // child's span is complete before its head reads it.
        for &t in order.iter().rev() {
            if let Some(h) = self.syntax[t as usize].head {
                let (start, end) = self.span[t as usize];
                let head = &mut self.span[h as usize];
                *head = (head.0.min(start), head.1.max(end));
            }
        }
    }

    /// Whether the document was parsed (else every query finds nothing).
    pub fn is_empty(&self) -> bool {
        self.syntax.is_empty()
    }

    /// The token `i` depends on, `None` for a root (or no parse).
    pub fn head(&self, i: usize) -> Option<usize> {
        self.syntax.get(i)?.head.map(|h| h as usize)
    }

    /// The relation of `i` to its head (`root` for a root), `""` with no
    /// parse.
    pub fn label(&self, i: usize) -> &'static str {
        self.syntax.get(i).map_or("", |s| LABELS[s.label as usize])
    }

    /// The Penn Treebank tag of `i`, `""` with no parse.
    pub fn tag(&self, i: usize) -> &'static str {
        self.syntax.get(i).map_or("", |s| TAGS[s.tag as usize])
    }

    /// Whether `i` is tagged a verb (`VB`, `VBD`, `VBZ`, …).
    pub fn is_verb(&self, i: usize) -> bool {
        self.tag(i).starts_with("VB")
    }

    /// The dependents of `i`, in text order.
    pub fn children(&self, i: usize) -> &[u32] {
        match (self.child_start.get(i), self.child_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.children[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The dependents of `i` whose relation is one of `labels`, in text
    /// order.
    pub fn children_labelled<'t>(
        &'t self,
        i: usize,
        labels: &'t [&str],
    ) -> impl Iterator<Item = usize> + 't {
        self.children(i)
            .iter()
            .map(|&c| c as usize)
            .filter(move |&c| labels.contains(&self.label(c)))
    }

    /// The first dependent of `i` whose relation is one of `labels`.
    pub fn child_labelled(&self, i: usize, labels: &[&str]) -> Option<usize> {
        self.children_labelled(i, labels).next()
    }

    /// The tokens of `i`'s subtree: `i` and everything below it.
    pub fn subtree(&self, i: usize) -> Range<usize> {
        self.span
            .get(i)
            .map_or(i..i + 1, |&(a, b)| a as usize..b as usize)
    }

    /// Arcs between `i` and its sentence's root.
    pub fn depth(&self, i: usize) -> usize {
        self.depth.get(i).map_or(0, |&d| d as usize)
    }

    /// Whether `ancestor` is `i` or lies above it.
    pub fn dominates(&self, ancestor: usize, i: usize) -> bool {
        let s = self.subtree(ancestor);
        s.contains(&i) && self.ancestors(i).any(|a| a == ancestor)
    }

    /// `i`, its head, its head's head, … up to the root.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors((i < self.syntax.len()).then_some(i), move |&t| self.head(t))
    }

    /// The head of the tokens `span`: the one whose head lies outside it
    /// and nearest the root (the first such, when the span holds several
    /// pieces); `None` for an empty span or no parse.
    pub fn head_of(&self, span: Range<usize>) -> Option<usize> {
        span.clone()
            .filter(|&i| i < self.syntax.len())
            .filter(|&i| self.head(i).is_none_or(|h| !span.contains(&h)))
            .min_by_key(|&i| self.depth(i))
    }

    /// The tokens from `a` up to the lowest node above both and down to
    /// `b`, both ends included; empty when they lie in different trees.
    pub fn path(&self, a: usize, b: usize) -> Vec<usize> {
        let up: Vec<usize> = self.ancestors(a).collect();
        let Some((meet, down)) = self
            .ancestors(b)
            .enumerate()
            .find_map(|(k, t)| up.contains(&t).then_some((t, k)))
        else {
            return Vec::new();
        };
        let mut path: Vec<usize> = up.into_iter().take_while(|&t| t != meet).collect();
        path.push(meet);
        let mut below: Vec<usize> = self.ancestors(b).take(down).collect();
        below.reverse();
        path.extend(below);
        path
    }

    /// The head of the clause `i` belongs to: the nearest token at or
    /// above `i` that heads a clause (a clause relation, or a verb joined
    /// to a clause head by `conj`).
    pub fn clause_head(&self, i: usize) -> Option<usize> {
        self.ancestors(i).find(|&t| self.heads_clause(t))
    }

    /// Whether `t` heads a clause of its own.
    pub fn heads_clause(&self, t: usize) -> bool {
        let label = self.label(t);
        CLAUSE_RELATIONS.contains(&label)
            || (label == "conj"
                && self.is_verb(t)
                && self.head(t).is_some_and(|h| self.heads_clause(h)))
    }

    /// The span of the clause `i` belongs to (its clause head's subtree,
    /// clauses inside it included).
    pub fn clause(&self, i: usize) -> Option<Range<usize>> {
        self.clause_head(i).map(|h| self.subtree(h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::labeller::label_index;
    use crate::syntax::tagger::tag_index;

    /// A tree from (tag, head, label) triples; heads are token indexes.
    fn tree(arcs: &[(&str, Option<u32>, &str)]) -> Tree {
        let syntax: Vec<TokenSyntax> = arcs
            .iter()
            .map(|&(tag, head, label)| TokenSyntax {
                tag: tag_index(tag).unwrap(),
                head,
                label: label_index(label),
            })
            .collect();
        Tree::new(&syntax)
    }

    /// "The mayor said that the bridge will close ." as CoreNLP parses it.
    fn said_that() -> Tree {
        tree(&[
            ("DT", Some(1), "det"),   // 0 The
            ("NN", Some(2), "nsubj"), // 1 mayor
            ("VBD", None, "root"),    // 2 said
            ("IN", Some(7), "mark"),  // 3 that
            ("DT", Some(5), "det"),   // 4 the
            ("NN", Some(7), "nsubj"), // 5 bridge
            ("MD", Some(7), "aux"),   // 6 will
            ("VB", Some(2), "ccomp"), // 7 close
            (".", Some(2), "punct"),  // 8 .
        ])
    }

    #[test]
    fn heads_children_and_subtrees() {
        let t = said_that();
        assert_eq!(t.head(1), Some(2));
        assert_eq!(t.head(2), None);
        assert_eq!(t.label(7), "ccomp");
        assert_eq!(t.tag(2), "VBD");
        assert_eq!(t.children(2), &[1, 7, 8]);
        assert_eq!(t.child_labelled(2, &["ccomp", "xcomp"]), Some(7));
        assert_eq!(t.child_labelled(2, &["dobj"]), None);
        assert_eq!(t.subtree(7), 3..8);
        assert_eq!(t.subtree(1), 0..2);
        assert_eq!(t.subtree(2), 0..9);
        assert_eq!(t.depth(4), 3);
        assert!(t.dominates(2, 4) && t.dominates(7, 4) && !t.dominates(1, 4));
    }

    #[test]
    fn head_of_a_span_and_paths() {
        let t = said_that();
        assert_eq!(t.head_of(3..8), Some(7));
        assert_eq!(t.head_of(0..2), Some(1));
        assert_eq!(t.head_of(4..4), None);
        assert_eq!(t.path(0, 4), vec![0, 1, 2, 7, 5, 4]);
        assert_eq!(t.path(5, 7), vec![5, 7]);
        assert_eq!(t.path(7, 7), vec![7]);
    }

    #[test]
    fn clauses() {
        let t = said_that();
        assert_eq!(t.clause_head(4), Some(7));
        assert_eq!(t.clause(4), Some(3..8));
        assert_eq!(t.clause_head(1), Some(2));
        assert!(t.heads_clause(2) && t.heads_clause(7) && !t.heads_clause(5));
    }

    #[test]
    fn separate_sentences_and_no_parse() {
        // "Rain fell . Roads closed ." : two trees.
        let t = tree(&[
            ("NN", Some(1), "nsubj"),
            ("VBD", None, "root"),
            (".", Some(1), "punct"),
            ("NNS", Some(4), "nsubj"),
            ("VBD", None, "root"),
            (".", Some(4), "punct"),
        ]);
        assert_eq!(t.subtree(1), 0..3);
        assert_eq!(t.subtree(4), 3..6);
        assert!(t.path(0, 3).is_empty());
        let none = Tree::new(&[]);
        assert!(none.is_empty());
        assert_eq!(none.head(0), None);
        assert_eq!(none.label(0), "");
        assert!(none.children(3).is_empty());
        assert_eq!(none.clause(0), None);
    }

    #[test]
    fn a_long_chain_is_walked_without_recursion() {
        let n = 20_000u32;
        let arcs: Vec<(&str, Option<u32>, &str)> = (0..n)
            .map(|i| ("NN", (i + 1 < n).then_some(i + 1), "dep"))
            .collect();
        let t = tree(&arcs);
        assert_eq!(t.subtree(n as usize - 1), 0..n as usize);
        assert_eq!(t.depth(0), n as usize - 1);
    }
}
