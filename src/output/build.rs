//! The last pipeline stage: fills the wire types (`super::wire`) from
//! an analysed [`Doc`]: ids (`A1`, `Q1`, `C1`), character offsets and the
//! texts of spans, names next to ids, and the optional parts (`--with`).
//!
//! It assumes a document that went through every stage; it reads the
//! stances' polarity threshold from [`crate::stances`].

use super::wire::*;
use crate::doc::{self, Doc, QuoteDir, StanceTarget, TokenKind};

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

/// The tokens of every sentence with their syntax; heads become indexes
/// into the same list (tokens outside every sentence are not listed).
fn tokens_out(doc: &Doc) -> Vec<TokenOut> {
    use crate::syntax::{labeller::LABELS, tagger::TAGS};
    let mut position = vec![usize::MAX; doc.tokens.len()];
    let listed = doc.sentences.iter().flat_map(|s| s.tokens.clone());
    for (k, i) in listed.enumerate() {
        position[i] = k;
    }
    let mut out = Vec::with_capacity(doc.tokens.len());
    for (k, s) in doc.sentences.iter().enumerate() {
        for i in s.tokens.clone() {
            let t = &doc.tokens[i];
            let (kind, quote) = token_kind_out(t.kind);
            let syntax = doc.syntax.get(i);
            out.push(TokenOut {
                start: t.char_start as usize,
                end: t.char_end as usize,
                text: doc.token_text(i).to_string(),
                kind,
                quote,
                sentence: k,
                pos: syntax.map_or("", |x| TAGS[x.tag as usize]).to_string(),
                head: syntax.and_then(|x| x.head).map(|h| position[h as usize]),
                dep: syntax.map_or("", |x| LABELS[x.label as usize]).to_string(),
            });
        }
    }
    out
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
    let tokens = extras.tokens.then(|| tokens_out(doc));
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
