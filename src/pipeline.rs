//! The pipeline's order, in one place: which stage runs after which, and
//! a way to run it up to any stage. [`crate::analyze`] runs it all; each
//! stage's tests and the training programs run it up to the stage they
//! need, so no test rebuilds the earlier stages by hand (and a new stage
//! is added here once).
//!
//! It assumes only what each stage assumes: a stage reads the annotations
//! of the stages before it from the [`Doc`] and adds its own.

use crate::doc::Doc;

/// The stages, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Paragraphs, sentences and tokens (`tokenize::segment`).
    Segment,
    /// Part-of-speech tags and a dependency tree per sentence (`syntax`).
    Syntax,
    /// Names tagged and linked into actors (`entities::link`).
    Entities,
    /// Which words head an attribution cue (`cues`).
    Cues,
    /// Direct quotations (`quotes::extract`).
    Quotes,
    /// Attributed statements (`claims::extract`).
    Claims,
    /// Positions toward actors and topics (`stances::extract`).
    Stances,
}

/// Segments `text` and runs every stage up to and including `last`. The
/// syntax stage costs more than all the others together (measured in the
/// README's speed table) but the claims read it, so it always runs.
pub fn run_until(text: String, last: Stage) -> Doc {
    let mut doc = crate::tokenize::segment(text);
    for stage in [
        Stage::Syntax,
        Stage::Entities,
        Stage::Cues,
        Stage::Quotes,
        Stage::Claims,
        Stage::Stances,
    ] {
        if stage > last {
            break;
        }
        run_stage(&mut doc, stage);
    }
    doc
}

/// Runs one stage on a document that has been through those before it.
pub fn run_stage(doc: &mut Doc, stage: Stage) {
    match stage {
        // Segmentation makes the document; it does not run on one.
        Stage::Segment => {}
        Stage::Syntax => {
            let syntax = crate::syntax::annotate(doc);
            doc.set_syntax(syntax)
        }
        Stage::Entities => crate::entities::link(doc),
        Stage::Cues => doc.cue_heads = crate::cues::decide(doc),
        Stage::Quotes => doc.quotes = crate::quotes::extract(doc),
        Stage::Claims => doc.claims = crate::claims::extract(doc),
        Stage::Stances => doc.stances = crate::stances::extract(doc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "“We will rebuild,” Mayor Ada Stone said on Monday. She thanked the volunteers.";

    #[test]
    fn each_stage_adds_its_annotations_and_no_later_ones() {
        let segmented = run_until(TEXT.to_string(), Stage::Segment);
        assert!(!segmented.tokens.is_empty() && segmented.actors.is_empty());
        let quoted = run_until(TEXT.to_string(), Stage::Quotes);
        assert!(!quoted.actors.is_empty() && !quoted.quotes.is_empty());
        assert!(quoted.claims.is_empty());
        let all = run_until(TEXT.to_string(), Stage::Stances);
        assert!(!all.claims.is_empty());
    }
}
