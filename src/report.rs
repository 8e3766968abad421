//! The brief: the JSON contract (`SCHEMA.md`, schema_version 1) as Rust
//! types, and the last pipeline stage that fills them from a [`Doc`].
//!
//! These types are the single source of the output format: `brief schema`
//! derives its JSON Schema from them, so the published schema cannot drift
//! from what `brief analyze` prints. Field names are a public interface that
//! users' scripts depend on: add fields, never rename or retype them.

use crate::doc::{self, Doc, QuoteDir, StanceTarget, TokenKind};
use schemars::JsonSchema;
use serde::Serialize;

pub const SCHEMA_VERSION: &str = "1";

/// A stretch of the article. `start` and `end` count characters (Unicode
/// scalar values) of the decoded text, end exclusive; `text` is exactly the
/// article between them.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The pieces of a span that is not contiguous (a quotation interrupted
    /// by "he said"), as `[start, end]` pairs in order; `start`/`end` then
    /// cover the whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<[usize; 2]>>,
}

/// Where the article came from.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Source {
    /// The path as given, `-` for standard input, or a record's id.
    pub path: String,
    /// Length of the decoded text in characters.
    pub chars: usize,
    /// Size of the input in bytes, as read.
    pub bytes: u64,
    /// What the input was: `text`, or `html` when the article text was
    /// extracted from a web page (offsets then count in that extracted
    /// text, which `--with text` includes).
    pub format: SourceFormat,
}

/// What kind of document an article was read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    #[default]
    Text,
    Html,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Stats {
    pub paragraphs: usize,
    pub sentences: usize,
    pub tokens: usize,
    /// Tokens that contain a letter or a digit.
    pub words: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Person,
    Organization,
    Location,
    /// Nationalities, parties, religious or political groups.
    Group,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Name,
    Nominal,
    Pronoun,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// 0-based index of the sentence the mention is in.
    pub sentence: usize,
    pub kind: MentionKind,
}

/// A person, organisation, place or group, merged across its mentions.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Actor {
    /// `A1`, `A2`, ... in order of first mention.
    pub id: String,
    /// The fullest proper name used.
    pub name: String,
    #[serde(rename = "type")]
    pub actor_type: ActorType,
    pub aliases: Vec<String>,
    pub titles: Vec<String>,
    pub mentions: Vec<Mention>,
    /// 0..1, how central the actor is to the article.
    pub salience: f64,
}

/// A direct quotation.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Quote {
    /// `Q1`, `Q2`, ... in text order.
    pub id: String,
    /// The quoted words, quotation marks excluded.
    pub span: Span,
    /// Actor id of the speaker, or null.
    pub speaker: Option<String>,
    /// The speaker actor's `name`, or null: no id look-up needed.
    pub speaker_name: Option<String>,
    pub speaker_mention: Option<Span>,
    pub cue: Option<Span>,
    /// 0..1
    pub confidence: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Direct,
    Mixed,
    Indirect,
}

/// An attributed statement: who said, reported or believes what.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Claim {
    /// `C1`, `C2`, ... in text order.
    pub id: String,
    pub speaker: Option<String>,
    /// The speaker actor's `name`, or null.
    pub speaker_name: Option<String>,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Span,
    pub kind: ClaimKind,
    /// Ids of the quotes inside the content.
    pub quotes: Vec<String>,
    pub hedged: bool,
    pub negated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Support,
    Oppose,
    Neutral,
}

/// What a stance is about: an actor id, or a topic that is not an actor.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Target {
    Actor(String),
    Topic { text: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Stance {
    /// Actor id.
    pub holder: String,
    /// The holder actor's `name`.
    pub holder_name: String,
    pub target: Target,
    /// The target actor's `name`; absent when the target is a topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    pub polarity: Polarity,
    /// -1..1
    pub score: f64,
    /// What shows the stance, never empty: claim ids, then the indexes of
    /// sentences whose evidence is not a claim.
    pub evidence: Vec<Evidence>,
    /// The sentence indexes of `evidence` on their own (0-based, as in
    /// `--with sentences`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub sentences: Vec<usize>,
}

/// One piece of a stance's evidence.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Evidence {
    /// A claim id.
    Claim(String),
    /// A sentence index.
    Sentence(usize),
}

/// A sentence, when asked for with `--with sentences`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SentenceOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// 0-based index of its paragraph.
    pub paragraph: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenKindOut {
    Word,
    Number,
    Punct,
    Quote,
    Symbol,
    Url,
    Email,
    Handle,
    Hashtag,
    Markup,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteDirOut {
    Open,
    Close,
}

/// A token, when asked for with `--with tokens`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TokenOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: TokenKindOut,
    /// For quotation marks: which way the mark faces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<QuoteDirOut>,
    /// 0-based index of its sentence.
    pub sentence: usize,
}

/// The brief of one article.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Brief {
    /// `"1"`.
    pub schema_version: String,
    pub source: Source,
    /// The headline, when the article starts with one.
    pub title: Option<String>,
    pub stats: Stats,
    pub actors: Vec<Actor>,
    pub quotes: Vec<Quote>,
    pub claims: Vec<Claim>,
    pub stances: Vec<Stance>,
    /// Present with `--with sentences`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SentenceOut>>,
    /// Present with `--with tokens`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenOut>>,
    /// The article text the offsets count in; present with `--with text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Which optional parts of the brief to include.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    pub sentences: bool,
    pub tokens: bool,
    /// The article text itself (top-level `text`).
    pub text: bool,
}

fn token_kind_out(kind: TokenKind) -> (TokenKindOut, Option<QuoteDirOut>) {
    match kind {
        TokenKind::Word => (TokenKindOut::Word, None),
        TokenKind::Number => (TokenKindOut::Number, None),
        TokenKind::Punct => (TokenKindOut::Punct, None),
        TokenKind::Quote(QuoteDir::Open) => (TokenKindOut::Quote, Some(QuoteDirOut::Open)),
        TokenKind::Quote(QuoteDir::Close) => (TokenKindOut::Quote, Some(QuoteDirOut::Close)),
        TokenKind::Symbol => (TokenKindOut::Symbol, None),
        TokenKind::Url => (TokenKindOut::Url, None),
        TokenKind::Email => (TokenKindOut::Email, None),
        TokenKind::Handle => (TokenKindOut::Handle, None),
        TokenKind::Hashtag => (TokenKindOut::Hashtag, None),
        TokenKind::Markup => (TokenKindOut::Markup, None),
    }
}

fn actors_out(doc: &Doc) -> Vec<Actor> {
    doc.actors
        .iter()
        .enumerate()
        .map(|(k, a)| Actor {
            id: actor_id(k),
            name: a.name.clone(),
            actor_type: match a.kind {
                doc::ActorKind::Person => ActorType::Person,
                doc::ActorKind::Organization => ActorType::Organization,
                doc::ActorKind::Location => ActorType::Location,
                doc::ActorKind::Group => ActorType::Group,
                doc::ActorKind::Other => ActorType::Other,
            },
            aliases: a.aliases.clone(),
            titles: a.titles.clone(),
            mentions: a
                .mentions
                .iter()
                .map(|&m| {
                    let m = &doc.mentions[m];
                    let r = doc.token_range(m.tokens.clone());
                    Mention {
                        start: r.char_start as usize,
                        end: r.char_end as usize,
                        text: doc.slice(r).to_string(),
                        sentence: m.sentence,
                        kind: match m.kind {
                            doc::MentionKind::Name => MentionKind::Name,
                            doc::MentionKind::Nominal => MentionKind::Nominal,
                            doc::MentionKind::Pronoun => MentionKind::Pronoun,
                        },
                    }
                })
                .collect(),
            salience: a.salience,
        })
        .collect()
}

/// The span of token ranges (one, or several as `parts`).
fn span_of(doc: &Doc, ranges: &[std::ops::Range<usize>]) -> Span {
    let whole = doc.token_range(ranges[0].start..ranges[ranges.len() - 1].end);
    let parts = (ranges.len() > 1).then(|| {
        ranges
            .iter()
            .map(|r| {
                let r = doc.token_range(r.clone());
                [r.char_start as usize, r.char_end as usize]
            })
            .collect()
    });
    Span {
        start: whole.char_start as usize,
        end: whole.char_end as usize,
        text: doc.slice(whole).to_string(),
        parts,
    }
}

fn actor_id(a: usize) -> String {
    format!("A{}", a + 1)
}

fn quotes_out(doc: &Doc) -> Vec<Quote> {
    doc.quotes
        .iter()
        .enumerate()
        .map(|(k, q)| Quote {
            id: format!("Q{}", k + 1),
            span: span_of(doc, &q.parts),
            speaker: q.speaker.map(actor_id),
            speaker_name: q.speaker.map(|a| doc.actors[a].name.clone()),
            speaker_mention: q
                .speaker_mention
                .as_ref()
                .map(|r| span_of(doc, std::slice::from_ref(r))),
            cue: q
                .cue
                .as_ref()
                .map(|r| span_of(doc, std::slice::from_ref(r))),
            confidence: q.confidence,
        })
        .collect()
}

fn stances_out(doc: &Doc) -> Vec<Stance> {
    doc.stances
        .iter()
        .map(|s| {
            let polarity = if s.guarded || s.score.abs() < crate::stances::POLAR {
                Polarity::Neutral
            } else if s.score > 0.0 {
                Polarity::Support
            } else {
                Polarity::Oppose
            };
            Stance {
                holder: actor_id(s.holder),
                holder_name: doc.actors[s.holder].name.clone(),
                target_name: match &s.target {
                    StanceTarget::Actor(a) => Some(doc.actors[*a].name.clone()),
                    StanceTarget::Topic(_) => None,
                },
                target: match &s.target {
                    StanceTarget::Actor(a) => Target::Actor(actor_id(*a)),
                    StanceTarget::Topic(r) => Target::Topic {
                        text: doc.slice(doc.token_range(r.clone())).to_string(),
                    },
                },
                polarity,
                // Two decimals: the score is a rough strength, and short
                // numbers keep the brief readable.
                score: (s.score as f64 * 100.0).round() / 100.0,
                evidence: s
                    .claims
                    .iter()
                    .map(|k| Evidence::Claim(format!("C{}", k + 1)))
                    .chain(s.sentences.iter().map(|&i| Evidence::Sentence(i)))
                    .collect(),
                sentences: s.sentences.clone(),
            }
        })
        .collect()
}

fn claims_out(doc: &Doc) -> Vec<Claim> {
    doc.claims
        .iter()
        .enumerate()
        .map(|(k, c)| Claim {
            id: format!("C{}", k + 1),
            speaker: c.speaker.map(actor_id),
            speaker_name: c.speaker.map(|a| doc.actors[a].name.clone()),
            source: c
                .source
                .as_ref()
                .map(|r| span_of(doc, std::slice::from_ref(r))),
            cue: c
                .cue
                .as_ref()
                .map(|r| span_of(doc, std::slice::from_ref(r))),
            content: span_of(doc, &c.content),
            kind: match c.kind {
                doc::ClaimKind::Direct => ClaimKind::Direct,
                doc::ClaimKind::Mixed => ClaimKind::Mixed,
                doc::ClaimKind::Indirect => ClaimKind::Indirect,
            },
            quotes: c.quotes.iter().map(|q| format!("Q{}", q + 1)).collect(),
            hedged: c.hedged,
            negated: c.negated,
        })
        .collect()
}

/// Builds the brief of an analysed document.
pub fn build(doc: &Doc, path: &str, bytes: u64, extras: Extras) -> Brief {
    let sentences = extras.sentences.then(|| {
        doc.sentences
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let r = doc.sentence_range(k);
                SentenceOut {
                    start: r.char_start as usize,
                    end: r.char_end as usize,
                    text: doc.slice(r).to_string(),
                    paragraph: s.paragraph,
                }
            })
            .collect()
    });
    let tokens = extras.tokens.then(|| {
        let mut out = Vec::with_capacity(doc.tokens.len());
        for (k, s) in doc.sentences.iter().enumerate() {
            for i in s.tokens.clone() {
                let t = &doc.tokens[i];
                let (kind, quote) = token_kind_out(t.kind);
                out.push(TokenOut {
                    start: t.char_start as usize,
                    end: t.char_end as usize,
                    text: doc.token_text(i).to_string(),
                    kind,
                    quote,
                    sentence: k,
                });
            }
        }
        out
    });
    Brief {
        schema_version: SCHEMA_VERSION.to_string(),
        source: Source {
            path: path.to_string(),
            chars: doc.text.chars().count(),
            bytes,
            format: SourceFormat::Text,
        },
        title: doc.title().map(str::to_string),
        stats: Stats {
            paragraphs: doc.paragraphs.len(),
            sentences: doc.sentences.len(),
            tokens: doc.tokens.len(),
            words: doc.word_count(),
        },
        actors: actors_out(doc),
        quotes: quotes_out(doc),
        claims: claims_out(doc),
        stances: stances_out(doc),
        sentences,
        tokens,
        text: extras.text.then(|| doc.text.clone()),
    }
}

/// The JSON Schema of [`Brief`], as `brief schema` prints it.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Brief)).unwrap_or_default()
}
