//! The learned-model core the entity tagger and the cue detector share:
//! feature hashing with named templates ([`hash`]), averaged perceptrons
//! and their quantisation ([`perceptron`]), decoding ([`decode`]), the
//! model file format with its staleness check ([`model`]), and the training
//! loop ([`train`]).
//!
//! What stays in each model's module: its features, its labels, how it
//! reads its weights at run time (in place, from the embedded file) and
//! which lexicons it fingerprints.

pub mod decode;
pub mod hash;
pub mod model;
pub mod perceptron;
pub mod table;
pub mod train;
