//! Everything before and beside the pipeline that touches the outside
//! world: bytes to article text ([`input`], [`html`]), which inputs a
//! command line names and the ordered parallel map over them ([`batch`]),
//! the CoNLL-2003 files the entity tagger is scored and trained on
//! ([`conll`]), and the CoNLL-U treebanks of the tagger and parser
//! ([`conllu`]).
//!
//! Nothing here analyses; the pipeline reads only the text it gives.

pub mod batch;
pub mod conll;
pub mod conllu;
pub mod html;
pub mod input;
