//! The invariants every brief keeps, checked on its JSON form (so that the
//! same checker reads a brief made in-process and one printed by the
//! binary): every span's `text` is the article's characters between its
//! offsets, `parts` lie in order inside their span, ids are unique, and
//! every reference (speaker, claim quote, stance holder, target and
//! evidence) names something that exists, with the names beside the ids
//! matching the actors'.
//!
//! It assumes the brief's article text is given (the offsets count its
//! characters). Used by the tests, the property tests and the fuzz targets.

use serde_json::Value;

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// How many spans were compared with the text.
    pub spans: usize,
    /// One line per broken invariant.
    pub problems: Vec<String>,
}

/// Checks `brief` (a brief as JSON) against the article `text`.
pub fn check(brief: &Value, text: &str) -> Report {
    let chars: Vec<char> = text.chars().collect();
    let mut report = Report::default();
    spans(brief, &chars, &mut report);
    references(brief, &mut report);
    report
}

/// Panics with every problem when `brief` breaks an invariant; gives the
/// number of spans checked otherwise. For tests.
pub fn assert_valid(brief: &Value, text: &str) -> usize {
    let report = check(brief, text);
    assert!(report.problems.is_empty(), "{}", report.problems.join("\n"));
    report.spans
}

fn spans(value: &Value, chars: &[char], report: &mut Report) {
    match value {
        Value::Object(map) => {
            if let (Some(s), Some(e), Some(t)) = (
                map.get("start").and_then(Value::as_u64),
                map.get("end").and_then(Value::as_u64),
                map.get("text").and_then(Value::as_str),
            ) {
                span(value, (s as usize, e as usize), t, chars, report);
            }
            map.values().for_each(|v| spans(v, chars, report));
        }
        Value::Array(items) => items.iter().for_each(|v| spans(v, chars, report)),
        _ => {}
    }
}

fn span(value: &Value, (s, e): (usize, usize), text: &str, chars: &[char], report: &mut Report) {
    report.spans += 1;
    if !(s <= e && e <= chars.len()) {
        report.problems.push(format!(
            "span [{s},{e}) out of bounds ({} chars)",
            chars.len()
        ));
        return;
    }
    let slice: String = chars[s..e].iter().collect();
    if slice != text {
        report.problems.push(format!(
            "span [{s},{e}) says {text:?}, the article has {slice:?}"
        ));
    }
    let Some(parts) = value.get("parts").and_then(Value::as_array) else {
        return;
    };
    let mut last = s;
    for p in parts {
        let (ps, pe) = (
            p[0].as_u64().unwrap_or(0) as usize,
            p[1].as_u64().unwrap_or(0) as usize,
        );
        if !(last <= ps && ps <= pe && pe <= e) {
            report
                .problems
                .push(format!("span [{s},{e}): parts out of order: {p}"));
        }
        last = pe;
    }
}

/// The ids of `brief[key]`, with a problem for each repeated one.
fn ids<'b>(brief: &'b Value, key: &str, report: &mut Report) -> Vec<&'b str> {
    let ids: Vec<&str> = items(brief, key)
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != ids.len() {
        report.problems.push(format!("{key}: ids are not unique"));
    }
    ids
}

fn items<'b>(brief: &'b Value, key: &str) -> &'b [Value] {
    brief[key].as_array().map_or(&[], Vec::as_slice)
}

/// Checks that the actor `id` (when not null) exists and that `name`, when
/// given beside it, is that actor's name.
fn actor_ref(b: &Value, what: &str, id: &Value, name: Option<&Value>, report: &mut Report) {
    let Some(id) = id.as_str() else { return };
    let actual = items(b, "actors")
        .iter()
        .find(|a| a["id"] == id)
        .map(|a| a["name"].clone());
    match actual {
        None => report.problems.push(format!("{what} {id} is no actor")),
        Some(actual) if name.is_some_and(|n| *n != actual) => report.problems.push(format!(
            "{what} {id}: name {:?} is not {actual}",
            name.unwrap_or(&Value::Null)
        )),
        Some(_) => {}
    }
}

fn references(b: &Value, report: &mut Report) {
    ids(b, "actors", report);
    let quotes = ids(b, "quotes", report);
    let claims = ids(b, "claims", report);
    let actor = |what: &str, id: &Value, name: Option<&Value>, report: &mut Report| {
        actor_ref(b, what, id, name, report)
    };
    for q in items(b, "quotes") {
        actor(
            "quote speaker",
            &q["speaker"],
            q.get("speaker_name"),
            report,
        );
    }
    for c in items(b, "claims") {
        actor(
            "claim speaker",
            &c["speaker"],
            c.get("speaker_name"),
            report,
        );
        for q in c["quotes"].as_array().map_or(&[][..], Vec::as_slice) {
            if !q.as_str().is_some_and(|q| quotes.contains(&q)) {
                report
                    .problems
                    .push(format!("claim {} names a missing quote {q}", c["id"]));
            }
        }
    }
    stance_references(b, &claims, report);
}

/// Stances: holder and target actors, evidence that exists, a topic with
/// words, a score within -1..1.
fn stance_references(b: &Value, claims: &[&str], report: &mut Report) {
    for s in items(b, "stances") {
        actor_ref(
            b,
            "stance holder",
            &s["holder"],
            s.get("holder_name"),
            report,
        );
        actor_ref(
            b,
            "stance target",
            &s["target"],
            s.get("target_name"),
            report,
        );
        let evidence = s["evidence"].as_array().map_or(&[][..], Vec::as_slice);
        if evidence.is_empty() {
            report
                .problems
                .push(format!("stance of {} has no evidence", s["holder"]));
        }
        let sentences = b["stats"]["sentences"].as_u64().unwrap_or(0);
        for e in evidence {
            match e {
                Value::String(c) if !claims.contains(&c.as_str()) => report
                    .problems
                    .push(format!("stance evidence {c} is no claim")),
                Value::Number(n) if n.as_u64().is_none_or(|n| n >= sentences) => report
                    .problems
                    .push(format!("stance evidence sentence {n} out of range")),
                _ => {}
            }
        }
        if s["target"]
            .get("text")
            .is_some_and(|t| t.as_str().is_none_or(str::is_empty))
        {
            report
                .problems
                .push(format!("stance of {} has an empty topic", s["holder"]));
        }
        if s["score"]
            .as_f64()
            .is_some_and(|x| !(-1.0..=1.0).contains(&x))
        {
            report
                .problems
                .push(format!("stance score {} outside -1..1", s["score"]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_good_brief_passes_and_each_broken_invariant_is_named() {
        let text = "Ann Lee spoke.";
        let good = json!({
            "actors": [{"id": "A1", "name": "Ann Lee", "mentions": [{"start": 0, "end": 7, "text": "Ann Lee"}]}],
            "quotes": [], "claims": [{"id": "C1", "speaker": "A1", "speaker_name": "Ann Lee", "quotes": [],
                "content": {"start": 8, "end": 13, "text": "spoke"}}],
            "stances": [{"holder": "A1", "holder_name": "Ann Lee", "target": {"text": "x"}, "evidence": ["C1"]}],
            "stats": {"sentences": 1}
        });
        assert_eq!(assert_valid(&good, text), 2);
        let mut bad = good.clone();
        bad["actors"][0]["mentions"][0]["text"] = json!("Ann");
        bad["claims"][0]["speaker_name"] = json!("Bo");
        bad["stances"][0]["evidence"] = json!(["C9"]);
        let problems = check(&bad, text).problems;
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
