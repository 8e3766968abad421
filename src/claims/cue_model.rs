//! A learned cue detector: for each word outside quotation marks, whether
//! it heads an attribution cue ("said", "according", "bemoaned", "plans"),
//! judged in context by an averaged perceptron trained on PolNeAR train.
//!
//! The measured lexicon (`cues::is_cue`) knows which words *can* be cues;
//! most of them are cues only sometimes ("has", "about", "states", "called"),
//! and PolNeAR marks many rarer ones. The model sees the word, its
//! neighbours, its shape and whether an actor stands before it, and the
//! rules in `claims` then find the source and content around what it picks.
//!
//! Features are hashed into `2^log2` buckets of i16 weights; the file
//! (`models/cues.bin`, made by `cargo run --release --example train-cues`)
//! is embedded and read in place. Format: `BRIEFCU1`, log2 as u32 LE, then
//! the weights as i16 LE.

use crate::doc::{Doc, TokenKind};
use crate::entities::tagger::{feat, feat2};
use std::borrow::Cow;
use std::sync::LazyLock;

const MAGIC: &[u8; 8] = b"BRIEFCU1";

static MODEL: LazyLock<CueModel> = LazyLock::new(|| {
    CueModel::from_bytes(include_bytes!("../../models/cues.bin"))
        .expect("the embedded cue model is well formed")
});

/// What the features of a document need beyond its tokens.
pub struct CueContext {
    /// For each token: inside quotation marks.
    pub quoted: Vec<bool>,
    /// For each token: part of an actor mention.
    pub in_mention: Vec<bool>,
}

impl CueContext {
    pub fn new(doc: &Doc) -> CueContext {
        let mut in_mention = vec![false; doc.tokens.len()];
        for m in &doc.mentions {
            in_mention[m.tokens.clone()].fill(true);
        }
        CueContext {
            quoted: doc.inside_quotes(),
            in_mention,
        }
    }
}

/// The hashed features of token `i` of sentence `sentence` (a token range).
pub fn features(
    doc: &Doc,
    ctx: &CueContext,
    sentence: std::ops::Range<usize>,
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let word = doc.token_lower(i);
    let at = |k: isize| -> &str {
        let k = i as isize + k;
        if k < sentence.start as isize {
            "<s>"
        } else if k >= sentence.end as isize {
            "</s>"
        } else {
            doc.token_lower(k as usize)
        }
    };
    let (p2, p1, n1, n2) = (at(-2), at(-1), at(1), at(2));
    let suffix = match word.char_indices().rev().nth(2) {
        Some((at, _)) => &word[at..],
        None => word,
    };
    let lexical = crate::cues::is_cue(word);
    out.push(feat(0, "bias"));
    out.push(feat(1, word));
    out.push(feat(2, suffix));
    out.push(feat(3, p1));
    out.push(feat(4, n1));
    out.push(feat(5, n2));
    out.push(feat(6, p2));
    out.push(feat2(7, p1, word));
    out.push(feat2(8, word, n1));
    out.push(feat2(9, word, n2));
    let capital = doc.token_text(i).starts_with(char::is_uppercase);
    let first = i == sentence.start;
    out.push(feat2(
        10,
        if capital { "C" } else { "c" },
        if first { "F" } else { "f" },
    ));
    out.push(feat2(11, word, if lexical { "L" } else { "l" }));
    out.push(feat(12, if lexical { "lex" } else { "nolex" }));
    let mention_before = i > sentence.start && ctx.in_mention[i - 1];
    out.push(feat2(13, word, if mention_before { "M" } else { "m" }));
    out.push(feat(14, if mention_before { "M" } else { "m" }));
    // Where the sentence's quotation marks are: cues stand next to them.
    let mark_near = (i.saturating_sub(3).max(sentence.start)..(i + 4).min(sentence.end))
        .any(|k| matches!(doc.tokens[k].kind, TokenKind::Quote(_)));
    out.push(feat2(15, word, if mark_near { "Q" } else { "q" }));
    let comma_before = i > sentence.start && doc.token_text(i - 1) == ",";
    out.push(feat2(16, suffix, if comma_before { "," } else { "." }));
}

/// Averaged-perceptron weights over hashed features.
pub struct CueModel {
    mask: u64,
    weights: Vec<i16>,
}

impl CueModel {
    pub fn from_bytes(bytes: &[u8]) -> Option<CueModel> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let log2 = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
        if !(8..=24).contains(&log2) {
            return None;
        }
        let n = 1usize << log2;
        let body = rest.get(4..4 + 2 * n)?;
        let weights = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(CueModel {
            mask: n as u64 - 1,
            weights,
        })
    }

    pub fn score(&self, features: &[u64]) -> i32 {
        features
            .iter()
            .map(|&f| self.weights[(f & self.mask) as usize] as i32)
            .sum()
    }
}

/// The cue heads of `doc`: those the pipeline stored, or computed now.
pub fn heads(doc: &Doc) -> Cow<'_, [bool]> {
    if doc.cue_heads.len() == doc.tokens.len() {
        Cow::Borrowed(&doc.cue_heads)
    } else {
        Cow::Owned(detect(doc))
    }
}

/// Decides, for every word of `doc` outside quotation marks, whether it
/// heads a cue.
pub fn detect(doc: &Doc) -> Vec<bool> {
    let ctx = CueContext::new(doc);
    let mut out = vec![false; doc.tokens.len()];
    let mut buffer = Vec::with_capacity(24);
    for sentence in &doc.sentences {
        for i in sentence.tokens.clone() {
            if doc.tokens[i].kind != TokenKind::Word || ctx.quoted[i] {
                continue;
            }
            features(doc, &ctx, sentence.tokens.clone(), i, &mut buffer);
            out[i] = MODEL.score(&buffer) > 0;
        }
    }
    out
}

/// Trains the model: averaged perceptron, binary.
pub struct CueTrainer {
    log2: u32,
    mask: u64,
    weights: Vec<f32>,
    totals: Vec<f32>,
    step: f32,
}

impl CueTrainer {
    pub fn new(log2: u32) -> CueTrainer {
        let n = 1usize << log2;
        CueTrainer {
            log2,
            mask: n as u64 - 1,
            weights: vec![0.0; n],
            totals: vec![0.0; n],
            step: 1.0,
        }
    }

    /// One example; returns whether the model already got it right.
    pub fn learn(&mut self, features: &[u64], positive: bool) -> bool {
        let score: f32 = features
            .iter()
            .map(|&f| self.weights[(f & self.mask) as usize])
            .sum();
        let right = (score > 0.0) == positive;
        if !right {
            let delta = if positive { 1.0 } else { -1.0 };
            for &f in features {
                let at = (f & self.mask) as usize;
                self.weights[at] += delta;
                // Lazy averaging: weight the update by how long it will stand.
                self.totals[at] += delta * self.step;
            }
        }
        self.step += 1.0;
        right
    }

    /// The averaged weights, scaled to i16, as the embedded file.
    pub fn model_bytes(&self) -> Vec<u8> {
        let averaged: Vec<f32> = self
            .weights
            .iter()
            .zip(&self.totals)
            .map(|(w, t)| w - t / self.step)
            .collect();
        let max = averaged.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = 32000.0 / max / 4.0;
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&self.log2.to_le_bytes());
        for w in averaged {
            let q = (w * scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(text: &str) -> Vec<String> {
        let mut doc = crate::tokenize::segment(text.to_string());
        crate::entities::link(&mut doc);
        detect(&doc)
            .iter()
            .enumerate()
            .filter(|(_, &h)| h)
            .map(|(i, _)| doc.token_text(i).to_string())
            .collect()
    }

    #[test]
    fn reporting_verbs_in_context() {
        assert_eq!(
            heads("The minister said the talks would resume in May."),
            ["said"]
        );
        assert_eq!(
            heads("Rivera has also argued that the tax is unfair."),
            ["argued"]
        );
    }

    #[test]
    fn the_same_word_outside_a_cue() {
        // "states" is no cue in a country's name; "shows" reports a
        // finding.
        let country = heads("Trade with the United States fell by a third last year.");
        assert!(country.is_empty(), "{country:?}");
        let report = heads("A new report shows that the river is polluted.");
        assert!(report.contains(&"shows".to_string()), "{report:?}");
    }

    #[test]
    fn quoted_words_are_not_candidates() {
        assert!(heads("“I said no and I meant it.”").is_empty());
    }

    #[test]
    fn model_file_round_trip() {
        let mut t = CueTrainer::new(8);
        for _ in 0..20 {
            t.learn(&[1, 2], true);
            t.learn(&[1, 3], false);
        }
        let m = CueModel::from_bytes(&t.model_bytes()).unwrap();
        assert!(m.score(&[1, 2]) > 0);
        assert!(m.score(&[1, 3]) <= 0);
        assert!(CueModel::from_bytes(b"BRIEFCU1").is_none());
        assert!(CueModel::from_bytes(b"nonsense").is_none());
    }
}
