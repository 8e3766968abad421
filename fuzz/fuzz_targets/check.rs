//! What every fuzz input must satisfy once analysed: the brief serialises,
//! every span's text is the article's characters at its offsets, ids are
//! unique and every reference points at one.

use serde_json::Value;

pub fn analyse_and_check(text: String, bytes: u64) {
    let extras = brief::Extras {
        sentences: true,
        tokens: true,
        text: true,
    };
    let brief = brief::analyze(text.clone(), "fuzz", bytes, extras);
    let value = serde_json::to_value(&brief).expect("a brief serialises");
    let chars: Vec<char> = text.chars().collect();
    spans(&value, &chars);
    references(&value);
}

fn spans(value: &Value, chars: &[char]) {
    match value {
        Value::Object(map) => {
            if let (Some(s), Some(e), Some(t)) = (
                map.get("start").and_then(Value::as_u64),
                map.get("end").and_then(Value::as_u64),
                map.get("text").and_then(Value::as_str),
            ) {
                let (s, e) = (s as usize, e as usize);
                assert!(s <= e && e <= chars.len(), "span {s}..{e} outside the text");
                let got: String = chars[s..e].iter().collect();
                assert_eq!(got, t, "span {s}..{e}");
            }
            map.values().for_each(|v| spans(v, chars));
        }
        Value::Array(items) => items.iter().for_each(|v| spans(v, chars)),
        _ => {}
    }
}

fn references(b: &Value) {
    let ids = |key: &str| -> Vec<&str> {
        let ids: Vec<&str> = b[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "{key} ids are not unique");
        ids
    };
    let (actors, quotes, claims) = (ids("actors"), ids("quotes"), ids("claims"));
    let actor = |v: &Value| {
        if let Some(id) = v.as_str() {
            assert!(actors.contains(&id), "{id} is no actor");
        }
    };
    for q in b["quotes"].as_array().unwrap() {
        actor(&q["speaker"]);
    }
    for c in b["claims"].as_array().unwrap() {
        actor(&c["speaker"]);
        for q in c["quotes"].as_array().unwrap() {
            assert!(
                quotes.contains(&q.as_str().unwrap()),
                "claim names a missing quote"
            );
        }
    }
    for s in b["stances"].as_array().unwrap() {
        actor(&s["holder"]);
        actor(&s["target"]);
        let evidence = s["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "a stance without evidence");
        for e in evidence {
            if let Some(c) = e.as_str() {
                assert!(claims.contains(&c), "evidence {c} is no claim");
            }
        }
    }
}
