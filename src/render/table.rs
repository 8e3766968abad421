//! Briefs as tables (`--format tsv|csv`, `--table ...`): one row per
//! record, one header row per run, the article's path in the first column
//! so that many articles make one table.
//!
//! CSV is written by the `csv` crate (RFC 4180 quoting). TSV keeps each
//! record on one line for `cut`, `sort` and `awk`: tabs, newlines, carriage
//! returns and backslashes inside a field are written `\t`, `\n`, `\r`,
//! `\\` (the convention of `jq @tsv` and PostgreSQL's text format), and a
//! field holding a double quote is quoted as in CSV, so that readers that
//! treat `"` as a quote character by default (Python's `csv`, pandas,
//! R's `read.delim`) still read every field whole.

use super::wire_name;
use crate::output::{Brief, Evidence, Span, Target};

/// Which records a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Table {
    /// One row per quotation.
    Quotes,
    /// One row per claim (the default).
    #[default]
    Claims,
    /// One row per actor.
    Actors,
    /// One row per stance.
    Stances,
    /// One row per actor mention.
    Mentions,
}

impl Table {
    fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Quotes => &[
                "path",
                "id",
                "speaker",
                "speaker_name",
                "speaker_mention",
                "cue",
                "text",
                "start",
                "end",
                "confidence",
            ],
            Table::Claims => &[
                "path",
                "id",
                "speaker",
                "speaker_name",
                "kind",
                "source",
                "cue",
                "content",
                "start",
                "end",
                "quotes",
                "hedged",
                "negated",
            ],
            Table::Actors => &[
                "path",
                "id",
                "name",
                "type",
                "salience",
                "mentions",
                "aliases",
                "titles",
                "first_start",
                "first_end",
            ],
            Table::Stances => &[
                "path",
                "holder",
                "holder_name",
                "target",
                "target_name",
                "topic",
                "polarity",
                "score",
                "evidence",
            ],
            Table::Mentions => &[
                "path",
                "actor",
                "actor_name",
                "actor_type",
                "kind",
                "sentence",
                "start",
                "end",
                "text",
            ],
        }
    }
}

/// The header row.
pub fn header(table: Table, delimiter: u8) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_rows(
        std::iter::once(table.columns().iter().map(|c| c.to_string()).collect()),
        delimiter,
        &mut out,
    );
    out
}

/// The rows of one brief.
pub fn rows(brief: &Brief, table: Table, delimiter: u8, out: &mut Vec<u8>) -> csv::Result<()> {
    let records = match table {
        Table::Quotes => quote_rows(brief),
        Table::Claims => claim_rows(brief),
        Table::Actors => actor_rows(brief),
        Table::Stances => stance_rows(brief),
        Table::Mentions => mention_rows(brief),
    };
    debug_assert!(records.iter().all(|r| r.len() == table.columns().len()));
    write_rows(records.into_iter(), delimiter, out)
}

fn write_rows(
    records: impl Iterator<Item = Vec<String>>,
    delimiter: u8,
    out: &mut Vec<u8>,
) -> csv::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    for record in records {
        if delimiter == b'\t' {
            writer.write_record(record.iter().map(|f| escape_tsv(f).into_owned()))?;
        } else {
            writer.write_record(&record)?;
        }
    }
    writer.flush()?;
    Ok(())
}

fn escape_tsv(field: &str) -> std::borrow::Cow<'_, str> {
    if !field.contains(['\t', '\n', '\r', '\\']) {
        return field.into();
    }
    let mut out = String::with_capacity(field.len() + 8);
    for c in field.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.into()
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn span_text(span: &Option<Span>) -> String {
    span.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn quote_rows(brief: &Brief) -> Vec<Vec<String>> {
    let path = &brief.source.path;
    brief
        .quotes
        .iter()
        .map(|q| {
            vec![
                path.clone(),
                q.id.clone(),
                opt(&q.speaker),
                opt(&q.speaker_name),
                span_text(&q.speaker_mention),
                span_text(&q.cue),
                q.span.text.clone(),
                q.span.start.to_string(),
                q.span.end.to_string(),
                q.confidence.to_string(),
            ]
        })
        .collect()
}

fn claim_rows(brief: &Brief) -> Vec<Vec<String>> {
    let path = &brief.source.path;
    brief
        .claims
        .iter()
        .map(|c| {
            vec![
                path.clone(),
                c.id.clone(),
                opt(&c.speaker),
                opt(&c.speaker_name),
                wire_name(&c.kind),
                span_text(&c.source),
                span_text(&c.cue),
                c.content.text.clone(),
                c.content.start.to_string(),
                c.content.end.to_string(),
                c.quotes.join(" "),
                c.hedged.to_string(),
                c.negated.to_string(),
            ]
        })
        .collect()
}

fn actor_rows(brief: &Brief) -> Vec<Vec<String>> {
    let path = &brief.source.path;
    brief
        .actors
        .iter()
        .map(|a| {
            let first = a.mentions.first();
            vec![
                path.clone(),
                a.id.clone(),
                a.name.clone(),
                wire_name(&a.actor_type),
                a.salience.to_string(),
                a.mentions.len().to_string(),
                a.aliases.join("; "),
                a.titles.join("; "),
                first.map(|m| m.start.to_string()).unwrap_or_default(),
                first.map(|m| m.end.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

fn stance_rows(brief: &Brief) -> Vec<Vec<String>> {
    let path = &brief.source.path;
    brief
        .stances
        .iter()
        .map(|s| {
            // As in the JSON: an actor target has an id and a name, a
            // topic only its words.
            let (target, name, topic) = match &s.target {
                Target::Actor(id) => (id.clone(), opt(&s.target_name), String::new()),
                Target::Topic { text } => (String::new(), String::new(), text.clone()),
            };
            let evidence: Vec<String> = s
                .evidence
                .iter()
                .map(|e| match e {
                    Evidence::Claim(id) => id.clone(),
                    Evidence::Sentence(k) => format!("S{k}"),
                })
                .collect();
            vec![
                path.clone(),
                s.holder.clone(),
                s.holder_name.clone(),
                target,
                name,
                topic,
                wire_name(&s.polarity),
                s.score.to_string(),
                evidence.join(" "),
            ]
        })
        .collect()
}

fn mention_rows(brief: &Brief) -> Vec<Vec<String>> {
    let path = &brief.source.path;
    let mut rows = Vec::new();
    for a in &brief.actors {
        for m in &a.mentions {
            rows.push(vec![
                path.clone(),
                a.id.clone(),
                a.name.clone(),
                wire_name(&a.actor_type),
                wire_name(&m.kind),
                m.sentence.to_string(),
                m.start.to_string(),
                m.end.to_string(),
                m.text.clone(),
            ]);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_fields_stay_on_one_line() {
        assert_eq!(escape_tsv("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
        assert_eq!(escape_tsv("plain"), "plain");
    }

    #[test]
    fn tsv_quotes_a_field_with_a_double_quote_and_csv_quotes_commas() {
        let mut out = Vec::new();
        let rows = vec![vec!["\"Yes,\" she said".to_string(), "x\ty".to_string()]];
        write_rows(rows.clone().into_iter(), b'\t', &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"\"\"Yes,\"\" she said\"\tx\\ty\n"
        );
        let mut out = Vec::new();
        write_rows(rows.into_iter(), b',', &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"\"\"Yes,\"\" she said\",x\ty\n"
        );
    }

    #[test]
    fn every_table_has_a_header_matching_its_columns() {
        for table in [
            Table::Quotes,
            Table::Claims,
            Table::Actors,
            Table::Stances,
            Table::Mentions,
        ] {
            let header = String::from_utf8(header(table, b'\t')).unwrap();
            assert_eq!(header.trim_end().split('\t').count(), table.columns().len());
            assert!(header.starts_with("path\t"));
        }
    }
}
