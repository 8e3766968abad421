//! The wire types of the brief: the JSON contract (`SCHEMA.md`,
//! schema_version 1) as Rust types, and nothing else.
//!
//! These types are the single source of the output format: `brief schema`
//! derives its JSON Schema from them, so the published schema cannot drift
//! from what `brief analyze` prints. Field names are a public interface that
//! users' scripts depend on: add fields, never rename or retype them. The
//! code that fills them from a document is [`super::build`].

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

/// The JSON Schema of [`Brief`], as `brief schema` prints it.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Brief)).unwrap_or_default()
}
