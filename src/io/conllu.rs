//! CoNLL-U files: ten tab-separated columns a token line (ID FORM LEMMA
//! UPOS XPOS FEATS HEAD DEPREL DEPS MISC), `#` comment lines, a blank line
//! after each sentence.
//!
//! The reader keeps the comment lines of each sentence (so that `brief
//! parse --conllu` writes them back) and the columns the tagger and parser
//! read or learn from. Multiword-token lines (`1-2`) and empty nodes
//! (`1.1`) carry no syntax of their own and are skipped. A line with fewer
//! than ten columns, or a HEAD that is not a number within the sentence, is
//! an error naming the line.

use std::fmt;

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// The comment lines before it, as read (without the newline).
    pub comments: Vec<String>,
    /// FORM of each token.
    pub forms: Vec<String>,
    /// XPOS of each token (`_` when absent).
    pub xpos: Vec<String>,
    /// HEAD of each token: 0 for the root, else the 1-based ID.
    pub heads: Vec<usize>,
    /// DEPREL of each token.
    pub deprels: Vec<String>,
    /// MISC of each token.
    pub misc: Vec<String>,
}

/// Why a CoNLL-U file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong there.
    pub what: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.what)
    }
}

impl std::error::Error for ConlluError {}

/// Reads every sentence of `text`. HEAD and DEPREL may be `_` (input to
/// be parsed): the heads are then 0.
pub fn parse(text: &str) -> Result<Vec<ConlluSentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = ConlluSentence::default();
    let mut first_line = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !current.forms.is_empty() {
                check_heads(&current, first_line)?;
                sentences.push(std::mem::take(&mut current));
            }
            current.comments.clear();
            continue;
        }
        if line.starts_with('#') {
            current.comments.push(line.to_string());
            continue;
        }
        if current.forms.is_empty() {
            first_line = n + 1;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() < 10 {
            return Err(ConlluError {
                line: n + 1,
                what: format!("{} columns, CoNLL-U has 10", columns.len()),
            });
        }
        if columns[0].contains(['-', '.']) {
            continue;
        }
        let head = match columns[6] {
            "_" => 0,
            h => h.parse::<usize>().map_err(|_| ConlluError {
                line: n + 1,
                what: format!("HEAD {h:?} is not a number"),
            })?,
        };
        current.forms.push(columns[1].to_string());
        current.xpos.push(columns[4].to_string());
        current.heads.push(head);
        current.deprels.push(columns[7].to_string());
        current.misc.push(columns[9].to_string());
    }
    if !current.forms.is_empty() {
        check_heads(&current, first_line)?;
        sentences.push(current);
    }
    Ok(sentences)
}

fn check_heads(s: &ConlluSentence, first_line: usize) -> Result<(), ConlluError> {
    match s.heads.iter().position(|&h| h > s.forms.len()) {
        Some(k) => Err(ConlluError {
            line: first_line + k,
            what: format!("HEAD {} is outside its sentence", s.heads[k]),
        }),
        None => Ok(()),
    }
}

/// One token line: `id` from 1, `head` 0 for the root.
pub struct TokenLine<'a> {
    /// 1-based ID.
    pub id: usize,
    /// FORM.
    pub form: &'a str,
    /// XPOS.
    pub xpos: &'a str,
    /// HEAD.
    pub head: usize,
    /// DEPREL.
    pub deprel: &'a str,
    /// MISC (`_` for none).
    pub misc: &'a str,
}

impl fmt::Display for TokenLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A form may not hold a tab or a newline in CoNLL-U; a space is
        // written as U+00A0, as the silver files do.
        let form: String = self
            .form
            .chars()
            .map(|c| if c.is_whitespace() { '\u{a0}' } else { c })
            .collect();
        write!(
            f,
            "{}\t{}\t_\t_\t{}\t_\t{}\t{}\t_\t{}",
            self.id, form, self.xpos, self.head, self.deprel, self.misc
        )
    }
}

/// Tags, parses and labels every sentence of `sentences` (their FORMs as
/// given tokens) and writes them as CoNLL-U: comments and FORM and MISC
/// as read, predicted XPOS, HEAD and DEPREL.
pub fn write_parsed(
    sentences: &[ConlluSentence],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    use crate::syntax::{labeller::LABELS, tagger::TAGS, words};
    for s in sentences {
        let ids: Vec<words::WordIds> = s
            .forms
            .iter()
            .map(|f| words::WordIds::of(&words::ptb_form(f, None)))
            .collect();
        let analysis = crate::syntax::analyse(&ids);
        for c in &s.comments {
            writeln!(out, "{c}")?;
        }
        for (i, form) in s.forms.iter().enumerate() {
            let line = TokenLine {
                id: i + 1,
                form,
                xpos: TAGS[analysis.tags[i] as usize],
                head: analysis.heads[i].map_or(0, |h| h as usize + 1),
                deprel: LABELS[analysis.labels[i] as usize],
                misc: &s.misc[i],
            };
            writeln!(out, "{line}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Writes the sentences of `doc` (segmented and through the syntax stage)
/// as CoNLL-U: a `sent_id` (1-based) and `text` comment each, FORM as the
/// token's text, predicted XPOS, HEAD and DEPREL, and the token's
/// character offsets in MISC (`Start=…|End=…`, as the silver files give
/// them, end exclusive).
pub fn write_doc(doc: &crate::doc::Doc, out: &mut impl std::io::Write) -> std::io::Result<()> {
    use crate::syntax::{labeller::LABELS, tagger::TAGS};
    for (n, sentence) in doc.sentences.iter().enumerate() {
        let tokens = sentence.tokens.clone();
        if tokens.is_empty() {
            continue;
        }
        let text = doc.slice(doc.token_range(tokens.clone()));
        // A comment is one line: the sentence's own line breaks become spaces.
        let text: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        writeln!(out, "# sent_id = {}\n# text = {text}", n + 1)?;
        for i in tokens.clone() {
            let syntax = doc.syntax.get(i);
            let token = &doc.tokens[i];
            let misc = format!("Start={}|End={}", token.char_start, token.char_end);
            let line = TokenLine {
                id: i - tokens.start + 1,
                form: doc.token_text(i),
                xpos: syntax.map_or("_", |s| TAGS[s.tag as usize]),
                head: syntax
                    .and_then(|s| s.head)
                    .map_or(0, |h| h as usize - tokens.start + 1),
                deprel: syntax.map_or("_", |s| LABELS[s.label as usize]),
                misc: &misc,
            };
            writeln!(out, "{line}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a/1\n\
        1\tRain\train\t_\tNN\t_\t2\tnsubj\t_\t_\n\
        2\tfell\tfall\t_\tVBD\t_\t0\troot\t_\tStart=5|End=9\n\
        \n\
        # sent_id = a/2\n\
        1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
        1\tdo\tdo\t_\tVBP\t_\t0\troot\t_\t_\n\
        2\tn't\tnot\t_\tRB\t_\t1\tneg\t_\t_\n";

    #[test]
    fn reads_sentences_comments_and_columns() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].comments, ["# sent_id = a/1"]);
        assert_eq!(s[0].forms, ["Rain", "fell"]);
        assert_eq!(s[0].heads, [2, 0]);
        assert_eq!(s[0].deprels, ["nsubj", "root"]);
        assert_eq!(s[0].misc[1], "Start=5|End=9");
        // The multiword line is skipped.
        assert_eq!(s[1].forms, ["do", "n't"]);
    }

    #[test]
    fn bad_lines_are_named() {
        let e = parse("1\tRain\train\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("3 columns"), "{e}");
        let e = parse("1\tRain\t_\t_\tNN\t_\t7\tdep\t_\t_\n").unwrap_err();
        assert!(e.to_string().contains("outside its sentence"), "{e}");
        let e = parse("1\tRain\t_\t_\tNN\t_\tx\tdep\t_\t_\n").unwrap_err();
        assert!(e.to_string().contains("not a number"), "{e}");
    }

    #[test]
    fn token_lines_keep_forms_on_one_column() {
        let line = TokenLine {
            id: 3,
            form: "a b",
            xpos: "NN",
            head: 1,
            deprel: "dobj",
            misc: "_",
        };
        assert_eq!(line.to_string(), "3\ta\u{a0}b\t_\t_\tNN\t_\t1\tdobj\t_\t_");
    }

    #[test]
    fn an_article_is_written_with_its_own_sentences_and_offsets() {
        let text = "Rain fell on the \u{e9}tude hall.\nThe roof held.".to_string();
        let doc = crate::pipeline::run_until(text, crate::pipeline::Stage::Syntax);
        let mut out = Vec::new();
        write_doc(&doc, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let back = parse(&out).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(
            back[0].comments[1],
            "# text = Rain fell on the \u{e9}tude hall."
        );
        assert_eq!(back[1].forms, ["The", "roof", "held", "."]);
        // Character offsets, not bytes: "hall" starts after the two-byte é.
        let hall = back[0].forms.iter().position(|f| f == "hall").unwrap();
        assert_eq!(back[0].misc[hall], "Start=23|End=27");
        // One root per sentence.
        assert_eq!(back[1].heads.iter().filter(|&&h| h == 0).count(), 1);
    }
}
