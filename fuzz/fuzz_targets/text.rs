//! Arbitrary UTF-8 text straight into the pipeline.
#![no_main]

mod check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    check::analyse_and_check(text.to_string(), text.len() as u64);
});
