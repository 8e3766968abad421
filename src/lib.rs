//! brief: who is in a news story, what they said, and where they stand.
//!
//! The library does all the work; the `brief` binary only parses arguments,
//! reads files and prints. An article goes through one pipeline over one
//! shared document model ([`doc::Doc`]), each stage a module:
//!
//! 1. [`io::input`]: read and normalise (decoding, refusing what is not an article);
//! 2. `tokenize`: paragraphs, tokens and sentences with offsets, the headline;
//!    then [`syntax`]: part-of-speech tags and a dependency tree per sentence;
//! 3. `entities`: names tagged, then linked with nominals and pronouns
//!    into actors;
//! 4. `cues`: which words head an attribution cue (learned, with the
//!    plain verbs of saying);
//! 5. `quotes`: direct quotations with speaker and cue;
//! 6. `claims`: attributed statements, quoted or reported;
//! 7. `stances`: positions of actors toward actors and topics;
//! 8. [`output`]: the brief, as the JSON contract (`SCHEMA.md`) fixes it;
//! 9. [`render`]: other views of a brief (summary, tables, an HTML page).
//!
//! The stages are private: [`pipeline`] holds their order and runs them,
//! and [`training`] re-exports what the training programs need. Before the
//! pipeline, [`io::html`] reduces a web page to its article text.
//!
//! ```
//! let brief = brief::analyze("Talks Resume\n\n“We want peace,” she said.".to_string(), "-", 0, Default::default());
//! assert_eq!(brief.title.as_deref(), Some("Talks Resume"));
//! assert_eq!(brief.stats.sentences, 2);
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod claims;
mod cues;
pub mod doc;
mod entities;
pub mod io;
pub mod learn;
pub mod lexicon;
pub mod output;
pub mod pipeline;
mod quotes;
pub mod render;
mod speakers;
mod stances;
pub mod syntax;
mod tokenize;

pub use output::{Brief, Extras};

/// What the training programs (`examples/train-*.rs`) and the benchmarks
/// need of the stages: the entity tagger and its features, the cue
/// detector, segmentation. The stages themselves are private; run them
/// through [`pipeline`].
pub mod training {
    pub use crate::cues::is_verb_helper;
    pub use crate::cues::model as cue_model;
    pub use crate::entities::coref;
    pub use crate::entities::linking::link as link_names;
    pub use crate::entities::{entities, gazetteer, tag_document, tagger};
    pub use crate::tokenize::segment;
}

/// How to read an article's text: as it is, as an HTML page whose article
/// text is extracted first, or either, as the text itself shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Markup {
    /// HTML when the text is an HTML document ([`io::html::looks_like_html`]).
    #[default]
    Auto,
    /// Plain text, whatever it looks like.
    Text,
    /// An HTML page.
    Html,
}

/// Runs the pipeline on one decoded input that may be an HTML page: the
/// page is reduced to its article text first, `source.format` says so, and
/// the brief's offsets count in the extracted text.
pub fn analyze_input(
    text: String,
    markup: Markup,
    path: &str,
    bytes: u64,
    extras: Extras,
) -> Brief {
    let is_html = match markup {
        Markup::Html => true,
        Markup::Text => false,
        Markup::Auto => io::html::looks_like_html(&text),
    };
    if !is_html {
        return analyze(text, path, bytes, extras);
    }
    let page = io::html::extract_article(&text);
    let mut brief = analyze(page.text, path, bytes, extras);
    brief.source.format = output::SourceFormat::Html;
    brief
}

/// Runs the whole pipeline on one decoded article. `path` and `bytes` only
/// describe the source in the brief.
pub fn analyze(text: String, path: &str, bytes: u64, extras: Extras) -> Brief {
    let doc = pipeline::run_until(text, pipeline::Stage::Stances);
    output::build(&doc, path, bytes, extras)
}
