//! The wire types of the brief: the JSON contract (`SCHEMA.md`,
//! schema_version 1) as Rust types, and nothing else.
//!
//! These types are the single source of the output format: `brief schema`
//! derives its JSON Schema from them, so the published schema cannot drift
//! from what `brief analyze` prints. Field names are a public interface that
//! users' scripts depend on: add fields, never rename or retype them. The
//! code that fills them from a document is `super::build`.

use schemars::JsonSchema;
use serde::Serialize;

/// The `schema_version` every brief carries; it changes only when a field
/// is renamed, retyped or dropped.
pub const SCHEMA_VERSION: &str = "1";

/// A stretch of the article. `start` and `end` count characters (Unicode
/// scalar values) of the decoded text, end exclusive; `text` is exactly the
/// article between them.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Span {
    /// First character, counted from 0.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The article's characters from `start` to `end`.
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
    /// Plain text, read as it is.
    #[default]
    Text,
    /// A web page, reduced to its article text.
    Html,
}

/// Sizes of the article as segmented.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Stats {
    /// Blocks separated by blank lines or line breaks.
    pub paragraphs: usize,
    /// Sentences, none crossing a paragraph.
    pub sentences: usize,
    /// Tokens, Penn Treebank style.
    pub tokens: usize,
    /// Tokens that contain a letter or a digit.
    pub words: usize,
}

/// What kind of actor an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    /// A person.
    Person,
    /// A company, party, agency, government or other organisation.
    Organization,
    /// A place.
    Location,
    /// Nationalities, parties, religious or political groups.
    Group,
    /// Anything else with a name.
    Other,
}

/// How a mention refers to its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// By name ("Denise Okafor", "Okafor").
    Name,
    /// By a description ("the union leader").
    Nominal,
    /// By a pronoun ("she").
    Pronoun,
}

/// One place where the article refers to an actor.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Mention {
    /// First character, counted from 0.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words as they stand in the article.
    pub text: String,
    /// 0-based index of the sentence the mention is in.
    pub sentence: usize,
    /// Name, nominal or pronoun.
    pub kind: MentionKind,
}

/// A person, organisation, place or group, merged across its mentions.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Actor {
    /// `A1`, `A2`, ... in order of first mention.
    pub id: String,
    /// The fullest proper name used.
    pub name: String,
    /// Person, organisation, location, group or other.
    #[serde(rename = "type")]
    pub actor_type: ActorType,
    /// Other surface forms that refer to it.
    pub aliases: Vec<String>,
    /// Roles and titles attached to it ("Gov.", "U.S. Defense Secretary").
    pub titles: Vec<String>,
    /// Every mention, in text order.
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
    /// The words that name the speaker in the text (may be a pronoun), or null.
    pub speaker_mention: Option<Span>,
    /// The reporting verb or phrase ("said", "told reporters"), or null.
    pub cue: Option<Span>,
    /// 0..1
    pub confidence: f64,
}

/// How much of a claim's content is quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// The whole content is a quotation.
    Direct,
    /// A reported clause with a quotation inside.
    Mixed,
    /// No quotation: reported speech, belief or intention.
    Indirect,
}

/// An attributed statement: who said, reported or believes what.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Claim {
    /// `C1`, `C2`, ... in text order.
    pub id: String,
    /// Actor id of the speaker, or null.
    pub speaker: Option<String>,
    /// The speaker actor's `name`, or null.
    pub speaker_name: Option<String>,
    /// Who the statement is attributed to, as written (PolNeAR's source), or null.
    pub source: Option<Span>,
    /// The attributing word or phrase (PolNeAR's cue), or null.
    pub cue: Option<Span>,
    /// What is attributed; keeps "that" and quotation marks, may have `parts`.
    pub content: Span,
    /// Direct, mixed or indirect.
    pub kind: ClaimKind,
    /// Ids of the quotes inside the content.
    pub quotes: Vec<String>,
    /// The attribution or the content is hedged ("might", "suggested").
    pub hedged: bool,
    /// The attribution is negated ("did not say", "denied").
    pub negated: bool,
}

/// Which way a stance leans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// In favour of the target.
    Support,
    /// Against the target.
    Oppose,
    /// Neither, or guarded ("undecided").
    Neutral,
}

/// What a stance is about: an actor id, or a topic that is not an actor.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Target {
    /// An actor id (`A3`).
    Actor(String),
    /// A topic that is not an actor, in the article's words.
    Topic {
        /// The topic's words.
        text: String,
    },
}

/// A position an actor takes toward an actor or a topic.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Stance {
    /// Actor id.
    pub holder: String,
    /// The holder actor's `name`.
    pub holder_name: String,
    /// An actor, or a topic.
    pub target: Target,
    /// The target actor's `name`; absent when the target is a topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    /// Support, oppose or neutral.
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
    /// First character, counted from 0.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The sentence as it stands in the article.
    pub text: String,
    /// 0-based index of its paragraph.
    pub paragraph: usize,
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenKindOut {
    /// A word (letters, possibly with digits, hyphens, apostrophes).
    Word,
    /// A number ("1,200", "3.5%").
    Number,
    /// Punctuation other than quotation marks.
    Punct,
    /// A quotation mark.
    Quote,
    /// A symbol ("$", "&").
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A social-media @handle.
    Handle,
    /// A #hashtag.
    Hashtag,
    /// Markup left in the text (`<div>`).
    Markup,
}

/// Which way a quotation mark faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteDirOut {
    /// It opens a quotation.
    Open,
    /// It closes one.
    Close,
}

/// A token, when asked for with `--with tokens`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TokenOut {
    /// First character, counted from 0.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The token as it stands in the article.
    pub text: String,
    /// Word, number, punctuation, quotation mark, ...
    pub kind: TokenKindOut,
    /// For quotation marks: which way the mark faces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<QuoteDirOut>,
    /// 0-based index of its sentence.
    pub sentence: usize,
    /// Its Penn Treebank part-of-speech tag (`NNP`, `VBD`, `,`, …).
    pub pos: String,
    /// The token it depends on, as an index into this same `tokens`
    /// array; null for its sentence's root.
    pub head: Option<usize>,
    /// Its relation to its head (Universal Dependencies v1 labels as
    /// CoreNLP writes them: `nsubj`, `dobj`, `ccomp`, …; `root` for the
    /// root).
    pub dep: String,
}

/// The brief of one article.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Brief {
    /// `"1"`.
    pub schema_version: String,
    /// Where the article came from.
    pub source: Source,
    /// The headline, when the article starts with one.
    pub title: Option<String>,
    /// Paragraph, sentence, token and word counts.
    pub stats: Stats,
    /// People, organisations, places and groups, in order of first mention.
    pub actors: Vec<Actor>,
    /// Direct quotations, in text order.
    pub quotes: Vec<Quote>,
    /// Attributed statements, in text order.
    pub claims: Vec<Claim>,
    /// Positions of actors, by holder, strongest first.
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
    /// The sentences (top-level `sentences`).
    pub sentences: bool,
    /// The tokens (top-level `tokens`).
    pub tokens: bool,
    /// The article text itself (top-level `text`).
    pub text: bool,
}

/// The JSON Schema of [`Brief`], as `brief schema` prints it.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Brief)).unwrap_or_default()
}
