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
//! Features are hashed into `2^log2` buckets of i16 weights (the shared
//! core, `crate::learn`); the file (`models/cues.bin`, made by `cargo run
//! --release --example train-cues`) is embedded. Format: `learn::model`,
//! kind `cues`, one pass, one column, no transitions: after the header, one
//! i16 LE weight per bucket.
//!
//! The features read the cue lexicon (`data/cues.tsv`) and the actor
//! mentions, which come from the entity model and its word lists: all these
//! files are fingerprinted ([`lexicons`]), and a unit test fails when any
//! changed since training.

use crate::doc::{Doc, TokenKind};
use crate::entities::{gazetteer, tagger};
use crate::learn::hash::Template;
use crate::learn::model::{template_names, Fingerprint, Header, Kind, ModelError, Provenance};
use crate::learn::perceptron::{Binary, Quantisation};
use std::sync::LazyLock;

static MODEL_BYTES: &[u8] = include_bytes!("../../models/cues.bin");

// The file is part of the source tree and checked by a unit test; a broken
// one is a build defect, not an input error.
static MODEL: LazyLock<CueModel> = LazyLock::new(|| {
    CueModel::from_bytes(MODEL_BYTES).expect("the embedded cue model is well formed")
});

/// The feature templates (numbers are part of the hashes: never change
/// one).
mod tpl {
    use crate::learn::hash::Template;

    pub const BIAS: Template = Template::new(0, "bias");
    pub const WORD: Template = Template::new(1, "word");
    pub const SUFFIX: Template = Template::new(2, "suffix-3");
    pub const PREV: Template = Template::new(3, "prev");
    pub const NEXT: Template = Template::new(4, "next");
    pub const NEXT2: Template = Template::new(5, "next2");
    pub const PREV2: Template = Template::new(6, "prev2");
    pub const PREV_WORD: Template = Template::new(7, "prev+word");
    pub const WORD_NEXT: Template = Template::new(8, "word+next");
    pub const WORD_NEXT2: Template = Template::new(9, "word+next2");
    pub const CASE_POSITION: Template = Template::new(10, "capital+sentence-start");
    pub const WORD_LEXICAL: Template = Template::new(11, "word+in-lexicon");
    pub const LEXICAL: Template = Template::new(12, "in-lexicon");
    pub const WORD_MENTION: Template = Template::new(13, "word+mention-before");
    pub const MENTION: Template = Template::new(14, "mention-before");
    pub const WORD_QUOTE: Template = Template::new(15, "word+quote-near");
    pub const SUFFIX_COMMA: Template = Template::new(16, "suffix-3+comma-before");
}

/// Every template the features use, for the model header.
pub const TEMPLATES: &[Template] = &[
    tpl::BIAS,
    tpl::WORD,
    tpl::SUFFIX,
    tpl::PREV,
    tpl::NEXT,
    tpl::NEXT2,
    tpl::PREV2,
    tpl::PREV_WORD,
    tpl::WORD_NEXT,
    tpl::WORD_NEXT2,
    tpl::CASE_POSITION,
    tpl::WORD_LEXICAL,
    tpl::LEXICAL,
    tpl::WORD_MENTION,
    tpl::MENTION,
    tpl::WORD_QUOTE,
    tpl::SUFFIX_COMMA,
];

/// The labels the header records: the model scores one column, positive
/// for the second.
pub const LABELS: [&str; 2] = ["other", "cue-head"];

/// The largest averaged magnitude maps to 8,000 (32,000 / 4: the scale of
/// the first cue model, kept so that retraining gives the same weights);
/// nothing is set aside, so nothing is clipped.
pub const QUANTISATION: Quantisation = Quantisation {
    bits: 16,
    target: 8000.0,
    outlier_divisor: 0,
};

/// The fingerprints of what the features read, as compiled in: the cue
/// lexicon with the two lists `cues::is_cue` combines with it (function
/// words it leaves out, cues added by hand), the entity model (whose
/// mentions they see) and its word lists.
pub fn lexicons() -> Vec<Fingerprint> {
    use crate::lexicon::List;
    let list = |l: List| {
        Fingerprint::of(
            &format!("data/lexicon/{}", l.file_name()),
            l.text().as_bytes(),
        )
    };
    let mut out = vec![
        Fingerprint::of("data/cues.tsv", crate::cues::CUES_TSV.as_bytes()),
        list(List::FunctionWords),
        list(List::ExtraCues),
        Fingerprint::of("models/ner.bin", crate::entities::MODEL_BYTES),
    ];
    out.extend(tagger::lexicons(gazetteer::FIRST_NAMES_TSV.as_bytes()));
    out
}

/// What the features of a document need beyond its tokens.
pub struct CueContext<'d> {
    /// For each token: inside quotation marks.
    pub quoted: &'d [bool],
    /// For each token: part of an actor mention.
    pub in_mention: Vec<bool>,
}

impl<'d> CueContext<'d> {
    /// The context of `doc`; assumes its mentions are already found (the
    /// entity stage runs first), else no token counts as in a mention.
    pub fn new(doc: &'d Doc) -> CueContext<'d> {
        let mut in_mention = vec![false; doc.tokens.len()];
        for m in &doc.mentions {
            in_mention[m.tokens.clone()].fill(true);
        }
        CueContext {
            quoted: doc.quoted(),
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
    out.push(tpl::BIAS.hash("bias"));
    out.push(tpl::WORD.hash(word));
    out.push(tpl::SUFFIX.hash(suffix));
    out.push(tpl::PREV.hash(p1));
    out.push(tpl::NEXT.hash(n1));
    out.push(tpl::NEXT2.hash(n2));
    out.push(tpl::PREV2.hash(p2));
    out.push(tpl::PREV_WORD.hash2(p1, word));
    out.push(tpl::WORD_NEXT.hash2(word, n1));
    out.push(tpl::WORD_NEXT2.hash2(word, n2));
    let capital = doc.token_text(i).starts_with(char::is_uppercase);
    let first = i == sentence.start;
    out.push(tpl::CASE_POSITION.hash2(
        if capital { "C" } else { "c" },
        if first { "F" } else { "f" },
    ));
    out.push(tpl::WORD_LEXICAL.hash2(word, if lexical { "L" } else { "l" }));
    out.push(tpl::LEXICAL.hash(if lexical { "lex" } else { "nolex" }));
    let mention_before = i > sentence.start && ctx.in_mention[i - 1];
    out.push(tpl::WORD_MENTION.hash2(word, if mention_before { "M" } else { "m" }));
    out.push(tpl::MENTION.hash(if mention_before { "M" } else { "m" }));
    // Where the sentence's quotation marks are: cues stand next to them.
    let mark_near = (i.saturating_sub(3).max(sentence.start)..(i + 4).min(sentence.end))
        .any(|k| matches!(doc.tokens[k].kind, TokenKind::Quote(_)));
    out.push(tpl::WORD_QUOTE.hash2(word, if mark_near { "Q" } else { "q" }));
    let comma_before = i > sentence.start && doc.token_text(i - 1) == ",";
    out.push(tpl::SUFFIX_COMMA.hash2(suffix, if comma_before { "," } else { "." }));
}

/// Averaged-perceptron weights over hashed features, quantised.
pub struct CueModel {
    mask: u64,
    weights: Vec<i16>,
}

impl CueModel {
    /// Reads a cue model file: one pass of one i16 column over 2^8 to 2^24
    /// buckets, without transitions; anything else is `Malformed`.
    pub fn from_bytes(bytes: &[u8]) -> Result<CueModel, ModelError> {
        let file = Header::read(bytes, Kind::Cues)?;
        let h = &file.header;
        if h.passes != 1 || h.columns != 1 || h.transitions || h.quantisation.bits != 16 {
            return Err(ModelError::Malformed {
                expected: Kind::Cues,
                what: "not one pass of one i16 column".into(),
            });
        }
        // 2^8 to 2^24 buckets: what a cue model can sensibly have.
        if !(8..=24).contains(&h.log2_buckets) {
            return Err(ModelError::Malformed {
                expected: Kind::Cues,
                what: format!("2^{} buckets", h.log2_buckets),
            });
        }
        let weights = file
            .weights
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(CueModel {
            mask: (1u64 << h.log2_buckets) - 1,
            weights,
        })
    }

    /// The sum of the quantised weights of `features` (in the units of the
    /// header's scale); above 0 means the token heads a cue.
    pub fn score(&self, features: &[u64]) -> i32 {
        features
            .iter()
            .map(|&f| self.weights[(f & self.mask) as usize] as i32)
            .sum()
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

/// Trains the model: the shared binary averaged perceptron.
pub struct CueTrainer(Binary);

impl CueTrainer {
    /// An untrained model over `2^log2` hash buckets.
    pub fn new(log2: u32) -> CueTrainer {
        CueTrainer(Binary::new(log2))
    }

    /// One example; returns whether the model already got it right.
    pub fn learn(&mut self, features: &[u64], positive: bool) -> bool {
        self.0.learn(features, positive)
    }

    fn quantised(&self) -> (Vec<i32>, f32) {
        QUANTISATION.apply(&self.0.averaged())
    }

    /// The model as it would be written now (for dev scores while
    /// training).
    pub fn model(&self) -> CueModel {
        let log2 = self.0.weights.log2();
        CueModel {
            mask: (1u64 << log2) - 1,
            weights: self.quantised().0.into_iter().map(|w| w as i16).collect(),
        }
    }

    /// The averaged weights, scaled to i16, as the embedded file.
    pub fn model_bytes(&self, training: &Provenance) -> Vec<u8> {
        let (weights, scale) = self.quantised();
        let header = Header {
            labels: LABELS.iter().map(|l| l.to_string()).collect(),
            templates: template_names(TEMPLATES),
            log2_buckets: self.0.weights.log2(),
            passes: 1,
            columns: 1,
            transitions: false,
            quantisation: QUANTISATION,
            scales: vec![scale],
            ..training.header_fields(Kind::Cues)
        };
        header.file_bytes(&[], &[weights])
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
        let m = CueModel::from_bytes(&t.model_bytes(&Provenance::default())).unwrap();
        assert!(m.score(&[1, 2]) > 0);
        assert!(m.score(&[1, 3]) <= 0);
        assert_eq!(t.model().weights, m.weights);
        assert!(CueModel::from_bytes(b"BRIEFCU1").is_err());
        assert!(CueModel::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn templates_are_distinct() {
        crate::learn::hash::check_templates(TEMPLATES).unwrap();
    }

    /// Fails when the cue lexicon, the entity model or its word lists
    /// changed since `models/cues.bin` was trained: the message names the
    /// command that retrains it.
    #[test]
    fn the_shipped_model_is_current() {
        let file = Header::read(MODEL_BYTES, Kind::Cues).unwrap();
        if let Err(stale) = file.header.check_current(&LABELS, TEMPLATES, &lexicons()) {
            panic!("{stale}");
        }
    }
}
