//! The output layer: the brief as the JSON contract fixes it.
//!
//! - `wire`: the wire types (what `brief analyze` prints, what `brief
//!   schema` describes);
//! - `build`: the pipeline's last stage, filling them from a document;
//! - [`check`]: the invariants every brief keeps (spans match the text,
//!   ids are unique, references resolve), one checker for the tests, the
//!   property tests and the fuzz targets.

mod build;
pub mod check;
mod wire;

pub use build::build;
pub use wire::*;
