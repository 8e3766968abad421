//! Arbitrary bytes as a file: decoding (or a clear refusal), then the whole
//! pipeline; the same bytes as a JSONL stream of records.
#![no_main]

mod check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = brief::io::input::ReadOptions::default();
    if let Ok(article) = brief::io::input::decode(data.to_vec(), &options) {
        check::analyse_and_check(article.text, article.bytes);
    }
    let fields = brief::io::batch::RecordFields {
        text: "text".into(),
        id: "id".into(),
    };
    for record in brief::io::batch::records(data, "fuzz".into(), fields) {
        if let brief::io::batch::Input::Record { text, .. } = record {
            if let Ok(article) = brief::io::input::decode(text.into_bytes(), &options) {
                check::analyse_and_check(article.text, article.bytes);
            }
        }
    }
});
