//! The part-of-speech tagger: Penn Treebank tags, greedy left to right,
//! an averaged perceptron over hashed features of the word, its
//! neighbours and the two tags already chosen before it (the design of
//! Collins 2002 and of Honnibal's "good part-of-speech tagger in 200
//! lines", 2013).
//!
//! Trained on the silver CoreNLP tags of PolNeAR train
//! (`cargo run --release --example train-syntax`); `models/pos.bin`,
//! embedded. Assumes sentences of PTB forms ([`super::words::ptb_form`]).

use super::words::WordIds;
use crate::learn::hash::Template;
use crate::learn::model::{Header, Kind, ModelError};
use crate::learn::perceptron::{Classes, Quantisation};
use crate::learn::table::Table;
use std::sync::LazyLock;

/// The Penn Treebank tag set as CoreNLP writes it (45 tags), in the order
/// of the model's columns.
pub const TAGS: [&str; 45] = [
    "NN", "IN", "NNP", "DT", "JJ", "NNS", ",", ".", "RB", "VBD", "PRP", "VB", "VBZ", "CC", "TO",
    "VBN", "VBG", "VBP", "''", "CD", "PRP$", "``", "MD", "POS", ":", "WDT", "WP", "NNPS", "WRB",
    "JJR", "RP", "JJS", "RBR", "$", "-LRB-", "-RRB-", "EX", "RBS", "PDT", "UH", "WP$", "FW", "SYM",
    "#", "LS",
];

/// The column of tag `tag`, if it is one of [`TAGS`].
pub fn tag_index(tag: &str) -> Option<u8> {
    TAGS.iter().position(|&t| t == tag).map(|k| k as u8)
}

/// The id a tag has in features: apart from every string id.
#[inline]
pub fn tag_id(tag: Option<u8>) -> u64 {
    tag.map_or(0x7a6_0000, |t| 0x7a6_0001 + t as u64)
}

mod tpl {
    use crate::learn::hash::Template;

    pub const BIAS: Template = Template::new(0, "bias");
    pub const LOWER: Template = Template::new(1, "lower");
    pub const SUFFIX1: Template = Template::new(2, "suffix-1");
    pub const SUFFIX2: Template = Template::new(3, "suffix-2");
    pub const SUFFIX3: Template = Template::new(4, "suffix-3");
    pub const SUFFIX4: Template = Template::new(5, "suffix-4");
    pub const PREFIX1: Template = Template::new(6, "prefix-1");
    pub const PREFIX2: Template = Template::new(7, "prefix-2");
    pub const SHAPE: Template = Template::new(8, "shape");
    pub const FORM: Template = Template::new(9, "form");
    pub const TAG1: Template = Template::new(10, "tag-1");
    pub const TAG2_TAG1: Template = Template::new(11, "tag-2+tag-1");
    pub const TAG1_LOWER: Template = Template::new(12, "tag-1+lower");
    pub const PREV_LOWER: Template = Template::new(13, "lower-1");
    pub const PREV_SUFFIX3: Template = Template::new(14, "suffix-3-1");
    pub const PREV2_LOWER: Template = Template::new(15, "lower-2");
    pub const NEXT_LOWER: Template = Template::new(16, "lower+1");
    pub const NEXT_SUFFIX3: Template = Template::new(17, "suffix-3+1");
    pub const NEXT2_LOWER: Template = Template::new(18, "lower+2");
    pub const LOWER_NEXT: Template = Template::new(19, "lower+lower+1");
    pub const PREV_LOWER_PAIR: Template = Template::new(20, "lower-1+lower");
    pub const TAG1_NEXT: Template = Template::new(21, "tag-1+lower+1");
    pub const NEXT_SHAPE: Template = Template::new(22, "shape+1");
    pub const PREV_SHAPE: Template = Template::new(23, "shape-1");
    pub const FIRST_SHAPE: Template = Template::new(24, "sentence-start+shape");
    pub const TAG1_SUFFIX3: Template = Template::new(25, "tag-1+suffix-3");
    pub const NEXT2_SUFFIX3: Template = Template::new(26, "suffix-3+2");
}

/// Every template the tagger's features use, for the model header.
pub const TEMPLATES: &[Template] = &[
    tpl::BIAS,
    tpl::LOWER,
    tpl::SUFFIX1,
    tpl::SUFFIX2,
    tpl::SUFFIX3,
    tpl::SUFFIX4,
    tpl::PREFIX1,
    tpl::PREFIX2,
    tpl::SHAPE,
    tpl::FORM,
    tpl::TAG1,
    tpl::TAG2_TAG1,
    tpl::TAG1_LOWER,
    tpl::PREV_LOWER,
    tpl::PREV_SUFFIX3,
    tpl::PREV2_LOWER,
    tpl::NEXT_LOWER,
    tpl::NEXT_SUFFIX3,
    tpl::NEXT2_LOWER,
    tpl::LOWER_NEXT,
    tpl::PREV_LOWER_PAIR,
    tpl::TAG1_NEXT,
    tpl::NEXT_SHAPE,
    tpl::PREV_SHAPE,
    tpl::FIRST_SHAPE,
    tpl::TAG1_SUFFIX3,
    tpl::NEXT2_SUFFIX3,
];

/// The features of token `i` of `words`, given the tags chosen for the
/// tokens before it (`tags[..i]`), into `out`.
pub fn features(words: &[WordIds], tags: &[u8], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let pad = WordIds::padding();
    let at = |k: isize| -> WordIds {
        let k = i as isize + k;
        if k < 0 || k as usize >= words.len() {
            pad
        } else {
            words[k as usize]
        }
    };
    let (w, p1, p2, n1, n2) = (words[i], at(-1), at(-2), at(1), at(2));
    let t1 = tag_id(i.checked_sub(1).map(|k| tags[k]));
    let t2 = tag_id(i.checked_sub(2).map(|k| tags[k]));
    out.extend([
        tpl::BIAS.ids(&[]),
        tpl::LOWER.ids(&[w.lower]),
        tpl::SUFFIX1.ids(&[w.suffix[0]]),
        tpl::SUFFIX2.ids(&[w.suffix[1]]),
        tpl::SUFFIX3.ids(&[w.suffix[2]]),
        tpl::SUFFIX4.ids(&[w.suffix[3]]),
        tpl::PREFIX1.ids(&[w.prefix[0]]),
        tpl::PREFIX2.ids(&[w.prefix[1]]),
        tpl::SHAPE.ids(&[w.shape]),
        tpl::FORM.ids(&[w.form]),
        tpl::TAG1.ids(&[t1]),
        tpl::TAG2_TAG1.ids(&[t2, t1]),
        tpl::TAG1_LOWER.ids(&[t1, w.lower]),
        tpl::PREV_LOWER.ids(&[p1.lower]),
        tpl::PREV_SUFFIX3.ids(&[p1.suffix[2]]),
        tpl::PREV2_LOWER.ids(&[p2.lower]),
        tpl::NEXT_LOWER.ids(&[n1.lower]),
        tpl::NEXT_SUFFIX3.ids(&[n1.suffix[2]]),
        tpl::NEXT2_LOWER.ids(&[n2.lower]),
        tpl::LOWER_NEXT.ids(&[w.lower, n1.lower]),
        tpl::PREV_LOWER_PAIR.ids(&[p1.lower, w.lower]),
        tpl::TAG1_NEXT.ids(&[t1, n1.lower]),
        tpl::NEXT_SHAPE.ids(&[n1.shape]),
        tpl::PREV_SHAPE.ids(&[p1.shape]),
        tpl::FIRST_SHAPE.ids(&[(i == 0) as u64, w.shape]),
        tpl::TAG1_SUFFIX3.ids(&[t1, w.suffix[2]]),
        tpl::NEXT2_SUFFIX3.ids(&[n2.suffix[2]]),
    ]);
}

/// The shipped tagger: its weights, read in place.
pub struct Tagger<'a> {
    table: Table<'a>,
}

impl<'a> Tagger<'a> {
    /// Reads a tagger model file.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Tagger<'a>, ModelError> {
        Ok(Tagger {
            table: Table::load(bytes, Kind::Pos, &TAGS)?,
        })
    }

    /// The tag index ([`TAGS`]) of every word of one sentence.
    pub fn tag(&self, words: &[WordIds]) -> Vec<u8> {
        let mut tags = Vec::with_capacity(words.len());
        let mut buffer = Vec::with_capacity(TEMPLATES.len());
        let mut scores = [0i32; TAGS.len()];
        for i in 0..words.len() {
            features(words, &tags, i, &mut buffer);
            scores.fill(0);
            self.table.add(&buffer, &mut scores);
            tags.push(crate::learn::decode::argmax(&scores) as u8);
        }
        tags
    }
}

/// `models/pos.bin`, embedded.
pub const MODEL_BYTES: &[u8] = include_bytes!("../../models/pos.bin");

/// The shipped tagger, read on first use.
pub static TAGGER: LazyLock<Tagger<'static>> =
    LazyLock::new(|| Tagger::from_bytes(MODEL_BYTES).expect("models/pos.bin is a tagger model"));

/// Training: the perceptron and the sentences it learns from.
pub struct Trainer {
    /// The weights being learned.
    pub model: Classes,
    buffer: Vec<u64>,
    scores: Vec<f32>,
}

impl Trainer {
    /// An untrained tagger over `2^log2` buckets.
    pub fn new(log2: u32) -> Trainer {
        Trainer {
            model: Classes::new(log2, TAGS.len()),
            buffer: Vec::new(),
            scores: vec![0.0; TAGS.len()],
        }
    }

    /// Tags one sentence with the current weights; with `gold`, learns from
    /// each mistake on the way (the tags before a token are the ones it
    /// chose, as at run time). Returns the tags and how many were right.
    pub fn tag(&mut self, words: &[WordIds], gold: Option<&[u8]>) -> (Vec<u8>, usize) {
        let mut tags = Vec::with_capacity(words.len());
        let mut right = 0;
        for i in 0..words.len() {
            features(words, &tags, i, &mut self.buffer);
            self.model.scores(&self.buffer, &mut self.scores);
            let guess = crate::learn::decode::argmax(&self.scores);
            if let Some(gold) = gold {
                self.model.update(&self.buffer, gold[i] as usize, guess);
            }
            right += usize::from(gold.is_some_and(|g| g[i] as usize == guess));
            tags.push(guess as u8);
        }
        (tags, right)
    }

    /// Tags one sentence with the current (not averaged) weights.
    pub fn predict(&self, words: &[WordIds]) -> Vec<u8> {
        let mut tags = Vec::with_capacity(words.len());
        let (mut buffer, mut scores) = (Vec::new(), vec![0.0; TAGS.len()]);
        for i in 0..words.len() {
            features(words, &tags, i, &mut buffer);
            self.model.scores(&buffer, &mut scores);
            tags.push(crate::learn::decode::argmax(&scores) as u8);
        }
        tags
    }

    /// The model file of the averaged weights; `provenance` says how it
    /// was trained.
    pub fn file_bytes(&self, provenance: &crate::learn::model::Provenance) -> Vec<u8> {
        let quantisation = QUANTISATION;
        let (ints, scale) = quantisation.apply(&self.model.averaged());
        let header = Header {
            labels: TAGS.iter().map(|t| t.to_string()).collect(),
            templates: crate::learn::model::template_names(TEMPLATES),
            log2_buckets: self.model.weights.log2(),
            passes: 1,
            columns: TAGS.len() as u32,
            quantisation,
            scales: vec![scale],
            ..provenance.header_fields(Kind::Pos)
        };
        header.file_bytes(&[], &[ints])
    }
}

/// i16 weights, the largest magnitude (one in 10,000 set aside) at 8,000:
/// sums of 27 features stay far inside i32, and rounding costs nothing
/// measurable (the NER model's setting).
pub const QUANTISATION: Quantisation = Quantisation {
    bits: 16,
    target: 8000.0,
    outlier_divisor: 10_000,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_distinct() {
        crate::learn::hash::check_templates(TEMPLATES).unwrap();
    }

    #[test]
    fn tags_are_distinct_and_found() {
        for (k, t) in TAGS.iter().enumerate() {
            assert_eq!(tag_index(t), Some(k as u8));
        }
        assert_eq!(tag_index("XYZ"), None);
    }
}
