//! The shared document model: one [`Doc`] per article, holding the text and
//! the tokens, sentences and paragraphs that the pipeline stages annotate.
//!
//! Every position is kept twice: as a byte offset, so that stages can slice
//! `Doc::text` without re-scanning it, and as a character offset (Unicode
//! scalar values), which is what the JSON contract promises its users. Both
//! are `u32`: the reader refuses articles of 4 GiB or more, and halving the
//! size of a token keeps the hot loops in cache.

pub mod tree;

use std::ops::Range;
use std::sync::OnceLock;
pub use tree::Tree;

/// Which way a quotation mark faces, decided from the mark itself when it is
/// typographic and from its neighbours when it is straight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteDir {
    /// Opens a quotation.
    Open,
    /// Closes one.
    Close,
}

/// What a token is, coarsely. Later stages branch on this instead of
/// re-inspecting the token's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Contains a letter: words, names, clitics (`n't`, `'s`), `1990s`.
    Word,
    /// Digits with their separators: `1,200`, `3.5`, `5:07`, `9/11`, `-3`.
    Number,
    /// Sentence and clause punctuation, brackets, dashes, ellipses, and the
    /// lone possessive apostrophe of `parents'`.
    Punct,
    /// A quotation mark (or the doubled `''` / ` `` ` marks), with its direction.
    Quote(QuoteDir),
    /// Currency, percent, maths, emoji and anything else.
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle such as `@user`.
    Handle,
    /// A `#hashtag`.
    Hashtag,
    /// An HTML/XML-like tag embedded in scraped text, e.g. `<tweet id="1">`.
    Markup,
}

impl TokenKind {
    /// The name used in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Quote(_) => "quote",
            TokenKind::Symbol => "symbol",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Handle => "handle",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Markup => "markup",
        }
    }
}

/// One token. Offsets are end-exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte in the text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// First character (Unicode scalar value), as the JSON counts.
    pub char_start: u32,
    /// One past the last character.
    pub char_end: u32,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's byte range in the text.
    pub fn bytes(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A sentence: a run of tokens inside one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Its tokens (indexes into `Doc::tokens`).
    pub tokens: Range<usize>,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// A paragraph: a run of sentences, never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Its sentences (indexes into `Doc::sentences`).
    pub sentences: Range<usize>,
    /// Its tokens.
    pub tokens: Range<usize>,
}

/// A contiguous stretch of the article in both offset systems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextRange {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// First character.
    pub char_start: u32,
    /// One past the last character.
    pub char_end: u32,
}

/// What kind of thing an actor is (the JSON contract's actor types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A person.
    Person,
    /// A company, party, agency, government or other organisation.
    Organization,
    /// A place.
    Location,
    /// Nationalities, parties, religious or political groups.
    Group,
    /// Named events, laws, works, products.
    Other,
}

/// How a mention refers to its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// By name.
    Name,
    /// By a description ("the union leader").
    Nominal,
    /// By a pronoun.
    Pronoun,
}

/// A stretch of tokens that refers to an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// Index of its sentence.
    pub sentence: usize,
    /// Name, nominal or pronoun.
    pub kind: MentionKind,
    /// Index into `Doc::actors` of the actor it refers to.
    pub actor: usize,
}

/// Grammatical gender, as far as the text or a first name tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// He, him, his; a male first name or title.
    Male,
    /// She, her; a female first name or title.
    Female,
}

/// A person, organisation, place or group, merged across its mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// The fullest proper name used.
    pub name: String,
    /// Person, organisation, location, group or other.
    pub kind: ActorKind,
    /// Other surface forms, in order of first use.
    pub aliases: Vec<String>,
    /// Roles attached to the name ("President", "U.S. Defense Secretary").
    pub titles: Vec<String>,
    /// Indexes into `Doc::mentions`, in text order.
    pub mentions: Vec<usize>,
    /// When the text or a first name tells it.
    pub gender: Option<Gender>,
    /// 0..1
    pub salience: f64,
}

/// A direct quotation found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quotation {
    /// Token ranges of the quoted words (marks excluded), one per paragraph.
    pub parts: Vec<Range<usize>>,
    /// The opening and closing mark tokens of the whole quotation.
    pub open: usize,
    /// The closing mark, when there is one (an unbalanced quotation has none).
    pub close: Option<usize>,
    /// Index into `Doc::actors` of the speaker, when found.
    pub speaker: Option<usize>,
    /// The tokens that name the speaker (may be a pronoun).
    pub speaker_mention: Option<Range<usize>>,
    /// The tokens of the reporting verb or phrase.
    pub cue: Option<Range<usize>>,
    /// 0..1: how sure the attribution is (see `quotes`).
    pub confidence: f64,
    /// Whether the speaker was carried over from the quotation before (the
    /// quotation has no cue of its own).
    pub carried: bool,
    /// Whether the quotation stands inside a reported clause ("X said that
    /// the plan was "unrealistic"") rather than being the whole statement.
    pub embedded: bool,
}

/// Whether a claim is quoted whole, in part, or paraphrased.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// The whole content is a quotation.
    Direct,
    /// A reported clause with a quotation inside.
    Mixed,
    /// No quotation.
    Indirect,
}

/// What a stance is about.
#[derive(Clone, Debug, PartialEq)]
pub enum StanceTarget {
    /// An actor (index into `Doc::actors`).
    Actor(usize),
    /// A topic that is not an actor: the tokens of its noun or verb phrase.
    Topic(Range<usize>),
}

/// A position an actor takes toward an actor or a topic, with its
/// evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Stance {
    /// Index into `Doc::actors` of who holds the position.
    pub holder: usize,
    /// Toward whom or what.
    pub target: StanceTarget,
    /// -1 (opposes) .. 1 (supports).
    pub score: f32,
    /// True when the evidence says the position is guarded or undecided.
    pub guarded: bool,
    /// Indexes into `Doc::claims`.
    pub claims: Vec<usize>,
    /// Sentence indexes, for evidence that is not a claim.
    pub sentences: Vec<usize>,
}

/// An attributed statement: token ranges of its source, cue and content.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Index into `Doc::actors` of the speaker, when the source is linked.
    pub speaker: Option<usize>,
    /// The source's tokens (who the statement is ascribed to).
    pub source: Option<Range<usize>>,
    /// The cue's tokens (the attributing words).
    pub cue: Option<Range<usize>>,
    /// One range, or one per paragraph of a long quotation.
    pub content: Vec<Range<usize>>,
    /// Direct, mixed or indirect.
    pub kind: ClaimKind,
    /// Indexes into `Doc::quotes` of the quotations inside the content.
    pub quotes: Vec<usize>,
    /// The attribution or content is hedged.
    pub hedged: bool,
    /// The attribution is negated.
    pub negated: bool,
}

/// A token's syntax, as the syntax stage finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenSyntax {
    /// Its Penn Treebank tag, an index into `syntax::tagger::TAGS`.
    pub tag: u8,
    /// The token it depends on (an index into `Doc::tokens`, in the same
    /// sentence), `None` for its sentence's root.
    pub head: Option<u32>,
    /// The relation to its head, an index into `syntax::labeller::LABELS`.
    pub label: u8,
}

/// The article and everything the stages have found in it.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// The article as decoded (what every offset counts in).
    pub text: String,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Paragraphs in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Set when the first paragraph is a headline.
    pub title_paragraph: Option<usize>,
    /// Each token's tag, head and relation (filled by the syntax stage;
    /// empty until then).
    pub syntax: Vec<TokenSyntax>,
    /// Mentions of actors, in text order (filled by the entity stage).
    pub mentions: Vec<Mention>,
    /// Actors in order of first mention.
    pub actors: Vec<Actor>,
    /// For each token: whether it heads an attribution cue, as the learned
    /// cue stage decides (`cues::decide`; empty until then).
    pub cue_heads: Vec<bool>,
    /// Direct quotations in text order (filled by the quote stage).
    pub quotes: Vec<Quotation>,
    /// Attributed statements in text order (filled by the claim stage).
    pub claims: Vec<Claim>,
    /// Positions of actors, by holder (filled by the stance stage).
    pub stances: Vec<Stance>,
    /// Lower-case forms of the tokens that have one different from their
    /// text, made on first use. Most stages compare words regardless of
    /// case; one table spares each look-up a copy of the word.
    pub(crate) lower_forms: OnceLock<Vec<Option<Box<str>>>>,
    /// Per-token tables that several stages read, each made once on first
    /// use (see the accessors).
    pub(crate) indexes: Indexes,
}

/// Tables over the tokens, made on first use. The sentence and quotation
/// tables depend on the segmentation only, which no stage changes; the
/// mention table depends on the entity stage, and [`Doc::set_mentions`]
/// forgets it when the mentions change.
#[derive(Clone, Debug, Default)]
pub(crate) struct Indexes {
    token_sentence: OnceLock<Vec<usize>>,
    quoted: OnceLock<Vec<bool>>,
    mention_at: OnceLock<Vec<Option<usize>>>,
    tree: OnceLock<Tree>,
}

impl Doc {
    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        &self.text[self.tokens[i].bytes()]
    }

    /// Token `i` in lower case (`str::to_lowercase`), without a copy.
    pub fn token_lower(&self, i: usize) -> &str {
        let forms = self.lower_forms.get_or_init(|| {
            (0..self.tokens.len())
                .map(|t| {
                    let word = self.token_text(t);
                    let changes = if word.is_ascii() {
                        word.bytes().any(|b| b.is_ascii_uppercase())
                    } else {
                        word.chars().any(|c| !c.is_lowercase())
                    };
                    let lower = changes.then(|| word.to_lowercase());
                    lower.filter(|l| l != word).map(String::into_boxed_str)
                })
                .collect()
        });
        forms[i].as_deref().unwrap_or_else(|| self.token_text(i))
    }

    /// The stretch of text from the start of token `tokens.start` to the end
    /// of token `tokens.end - 1`. `tokens` must not be empty.
    pub fn token_range(&self, tokens: Range<usize>) -> TextRange {
        let first = self.tokens[tokens.start];
        let last = self.tokens[tokens.end - 1];
        TextRange {
            start: first.start,
            end: last.end,
            char_start: first.char_start,
            char_end: last.char_end,
        }
    }

    /// The stretch of text of sentence `s`.
    pub fn sentence_range(&self, s: usize) -> TextRange {
        self.token_range(self.sentences[s].tokens.clone())
    }

    /// The stretch of text of paragraph `p`.
    pub fn paragraph_range(&self, p: usize) -> TextRange {
        self.token_range(self.paragraphs[p].tokens.clone())
    }

    /// The text of a stretch.
    pub fn slice(&self, r: TextRange) -> &str {
        &self.text[r.start as usize..r.end as usize]
    }

    /// The headline, when the article starts with one.
    pub fn title(&self) -> Option<&str> {
        self.title_paragraph
            .map(|p| self.slice(self.paragraph_range(p)))
    }

    /// For each token, the index of its sentence (made once).
    pub fn sentence_of(&self) -> &[usize] {
        self.indexes.token_sentence.get_or_init(|| {
            let mut out = vec![0; self.tokens.len()];
            for (k, s) in self.sentences.iter().enumerate() {
                out[s.tokens.clone()].fill(k);
            }
            out
        })
    }

    /// For each token, the index in `mentions` of the mention it is part of
    /// (made once the mentions are set).
    pub fn mention_at(&self) -> &[Option<usize>] {
        self.indexes.mention_at.get_or_init(|| {
            let mut at = vec![None; self.tokens.len()];
            for (k, m) in self.mentions.iter().enumerate() {
                for i in m.tokens.clone() {
                    at[i] = Some(k);
                }
            }
            at
        })
    }

    /// Sets each token's syntax (the syntax stage's result), and forgets
    /// the tree made from the old one.
    pub fn set_syntax(&mut self, syntax: Vec<TokenSyntax>) {
        self.syntax = syntax;
        self.indexes.tree = OnceLock::new();
    }

    /// The dependency trees of the sentences, made once from
    /// [`Doc::syntax`] (empty, answering every query with nothing, when
    /// the syntax stage has not run).
    pub fn tree(&self) -> &Tree {
        self.indexes.tree.get_or_init(|| Tree::new(&self.syntax))
    }

    /// Sets the actors and their mentions (the entity stage's result), and
    /// forgets the token → mention table made from the old ones.
    pub fn set_mentions(&mut self, actors: Vec<Actor>, mentions: Vec<Mention>) {
        self.actors = actors;
        self.mentions = mentions;
        self.indexes.mention_at = OnceLock::new();
    }

    /// For each token, whether it lies inside quotation marks (depth counted
    /// within its paragraph); made once.
    pub fn quoted(&self) -> &[bool] {
        self.indexes.quoted.get_or_init(|| {
            let mut out = vec![false; self.tokens.len()];
            for p in &self.paragraphs {
                let mut depth = 0u32;
                for i in p.tokens.clone() {
                    match self.tokens[i].kind {
                        TokenKind::Quote(QuoteDir::Open) => depth += 1,
                        TokenKind::Quote(QuoteDir::Close) => depth = depth.saturating_sub(1),
                        _ => out[i] = depth > 0,
                    }
                }
            }
            out
        })
    }

    /// Tokens that contain a letter or a digit.
    pub fn word_count(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| self.text[t.bytes()].chars().any(char::is_alphanumeric))
            .count()
    }
}
