//! CoreNLP's silver coreference chains of PolNeAR
//! (`../shared/data/polnear/silver/*.coref.jsonl`), as the coreference
//! trainers read them.

use brief::doc::{Doc, MentionKind};
use brief::training::coref::features;
use std::collections::HashMap;
use std::path::Path;

/// One silver mention: its character span and its head's.
pub struct SilverMention {
    pub start: usize,
    pub end: usize,
    pub head: (usize, usize),
}

/// Each article's chains, by article name.
pub fn silver_chains(path: &Path) -> HashMap<String, Vec<Vec<SilverMention>>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = HashMap::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let n = |m: &serde_json::Value, k: &str| m[k].as_u64().expect("an offset") as usize;
        let chains = v["chains"]
            .as_array()
            .expect("chains")
            .iter()
            .map(|chain| {
                chain
                    .as_array()
                    .expect("a chain")
                    .iter()
                    .map(|m| SilverMention {
                        start: n(m, "start"),
                        end: n(m, "end"),
                        head: (n(m, "head_start"), n(m, "head_end")),
                    })
                    .collect()
            })
            .collect();
        out.insert(v["doc"].as_str().expect("doc").to_string(), chains);
    }
    out
}

/// Whether a silver mention is a bare pronoun (any person or number).
pub fn is_pronoun(lower: &str) -> bool {
    features::pronoun_gender(lower).is_some()
        || matches!(
            lower,
            "i" | "me"
                | "my"
                | "mine"
                | "myself"
                | "we"
                | "us"
                | "our"
                | "ours"
                | "ourselves"
                | "you"
                | "your"
                | "yours"
                | "yourself"
                | "they"
                | "them"
                | "their"
                | "theirs"
                | "themselves"
                | "it"
                | "its"
                | "itself"
                | "who"
                | "whom"
                | "whose"
        )
}

/// Whether a chain holds a name: a mention headed by a capitalised word
/// that is no pronoun.
pub fn anchored(text: &[char], chain: &[SilverMention]) -> bool {
    chain.iter().any(|m| {
        let head: String = text[m.head.0..m.head.1].iter().collect();
        head.chars().next().is_some_and(char::is_uppercase) && !is_pronoun(&head.to_lowercase())
    })
}

/// For each of `actors`: whether one of its name or nominal mentions
/// before token `before` holds the head of a mention of `chain`.
pub fn right_options(
    doc: &Doc,
    actors: &[usize],
    before: usize,
    chain: Option<&Vec<SilverMention>>,
) -> Vec<bool> {
    actors
        .iter()
        .map(|&a| {
            chain.is_some_and(|ch| {
                doc.actors[a].mentions.iter().any(|&k| {
                    let m = &doc.mentions[k];
                    let s = doc.tokens[m.tokens.start].char_start as usize;
                    let e = doc.tokens[m.tokens.end - 1].char_end as usize;
                    m.kind != MentionKind::Pronoun
                        && m.tokens.end <= before
                        && ch.iter().any(|x| x.head.0 >= s && x.head.1 <= e)
                })
            })
        })
        .collect()
}
