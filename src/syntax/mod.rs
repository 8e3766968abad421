//! Syntax: part-of-speech tags and a labelled dependency tree for every
//! sentence, learned from CoreNLP's analyses of political news (the silver
//! PolNeAR treebank) on the shared learning core.
//!
//! - [`words`]: the forms the models read (PTB spelling) and their ids;
//! - [`tagger`]: PTB tags, greedy averaged perceptron;
//! - [`parser`]: unlabelled arcs, arc-hybrid transitions, greedy;
//! - [`labeller`]: the relation of each arc of the finished tree;
//! - [`train`]: the parser's and labeller's training steps.
//!
//! Assumes sentences as brief's tokenizer or a CoNLL-U file gives them.

pub mod labeller;
pub mod parser;
pub mod tagger;
pub mod train;
pub mod words;

/// The syntax of one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// Tag index of each token ([`tagger::TAGS`]).
    pub tags: Vec<u8>,
    /// Head of each token within the sentence, `None` for the root.
    pub heads: Vec<Option<u32>>,
    /// Relation index of each token's arc ([`labeller::LABELS`]).
    pub labels: Vec<u8>,
}

/// Tags, parses and labels one sentence of PTB forms with the shipped
/// models.
pub fn analyse(words: &[words::WordIds]) -> Analysis {
    let tags = tagger::TAGGER.tag(words);
    let sentence = parser::Sentence { words, tags: &tags };
    let heads = parser::PARSER.heads(&sentence);
    let tree = labeller::Tree::new(words, &tags, &heads);
    let labels = labeller::LABELLER.labels(&tree);
    let n = words.len() as u32;
    Analysis {
        heads: heads.iter().map(|&h| (h != n).then_some(h)).collect(),
        tags,
        labels,
    }
}

/// The syntax of every token of `doc`, sentence by sentence (tokens
/// outside every sentence get the root's entry: tag `NN`, no head).
pub fn annotate(doc: &crate::doc::Doc) -> Vec<crate::doc::TokenSyntax> {
    use crate::doc::{QuoteDir, TokenKind, TokenSyntax};
    let mut out = vec![
        TokenSyntax {
            tag: 0,
            head: None,
            label: labeller::ROOT_LABEL,
        };
        doc.tokens.len()
    ];
    let mut ids = Vec::new();
    for sentence in &doc.sentences {
        let range = sentence.tokens.clone();
        ids.clear();
        ids.extend(range.clone().map(|i| {
            let side = match doc.tokens[i].kind {
                TokenKind::Quote(QuoteDir::Open) => Some(words::QuoteSide::Open),
                TokenKind::Quote(QuoteDir::Close) => Some(words::QuoteSide::Close),
                _ => None,
            };
            words::WordIds::of(&words::ptb_form(doc.token_text(i), side))
        }));
        let analysis = analyse(&ids);
        for (k, i) in range.clone().enumerate() {
            out[i] = TokenSyntax {
                tag: analysis.tags[k],
                head: analysis.heads[k].map(|h| (range.start + h as usize) as u32),
                label: analysis.labels[k],
            };
        }
    }
    out
}
