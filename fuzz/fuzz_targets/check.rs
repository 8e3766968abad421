//! What every fuzz input must satisfy once analysed: the brief serialises
//! and keeps every invariant of `brief::output::check` (spans are the
//! article's characters at their offsets, ids are unique, every reference
//! points at something).

pub fn analyse_and_check(text: String, bytes: u64) {
    let extras = brief::Extras {
        sentences: true,
        tokens: true,
        text: true,
    };
    let brief = brief::analyze(text.clone(), "fuzz", bytes, extras);
    let value = serde_json::to_value(&brief).expect("a brief serialises");
    // The library's checker: the same invariants the tests check.
    brief::output::check::assert_valid(&value, &text);
}
