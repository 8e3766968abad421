//! CoNLL-2003 column files: space-separated columns, one token a line, a
//! blank line after each sentence, `-DOCSTART-` lines between documents.
//!
//! The reader keeps every line as it was so that `brief ner --conll` can
//! print the file back with one more column; it groups token lines into
//! sentences and documents, which the tagger needs for its document
//! context.

/// A CoNLL file: its lines, and which lines form which sentences of which
/// documents.
pub struct ConllFile {
    /// Every line of the file, as read.
    pub lines: Vec<String>,
    /// `documents[d][s]` lists the line indexes of sentence `s` of document `d`.
    pub documents: Vec<Vec<Vec<usize>>>,
}

impl ConllFile {
    /// Reads CoNLL-2003 text: token lines, blank lines between sentences,
    /// `-DOCSTART-` lines between documents.
    pub fn parse(text: &str) -> ConllFile {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut documents: Vec<Vec<Vec<usize>>> = vec![Vec::new()];
        let mut sentence = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let first = line.split_whitespace().next();
            match first {
                None => {
                    if !sentence.is_empty() {
                        documents
                            .last_mut()
                            .unwrap_or(&mut Vec::new())
                            .push(std::mem::take(&mut sentence));
                    }
                }
                Some("-DOCSTART-") => {
                    if !sentence.is_empty() {
                        documents
                            .last_mut()
                            .unwrap_or(&mut Vec::new())
                            .push(std::mem::take(&mut sentence));
                    }
                    documents.push(Vec::new());
                }
                Some(_) => sentence.push(i),
            }
        }
        if !sentence.is_empty() {
            if let Some(d) = documents.last_mut() {
                d.push(sentence);
            }
        }
        documents.retain(|d| !d.is_empty());
        ConllFile { lines, documents }
    }

    /// The first column of line `i`.
    pub fn word(&self, i: usize) -> &str {
        self.lines[i].split_whitespace().next().unwrap_or("")
    }

    /// The last column of line `i` (the gold tag in training files).
    pub fn last_column(&self, i: usize) -> &str {
        self.lines[i].split_whitespace().next_back().unwrap_or("O")
    }

    /// The words of each sentence of document `d`.
    pub fn document_words(&self, d: usize) -> Vec<Vec<&str>> {
        self.documents[d]
            .iter()
            .map(|s| s.iter().map(|&i| self.word(i)).collect())
            .collect()
    }
}

/// Tags every document of `file` as `analyze` would and writes the file
/// back with the predicted IOB2 label appended to each token line.
pub fn write_tagged(file: &ConllFile, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut predicted: Vec<Option<&'static str>> = vec![None; file.lines.len()];
    for (d, doc) in file.documents.iter().enumerate() {
        let labels = crate::entities::tag_document(&file.document_words(d));
        for (sentence, labels) in doc.iter().zip(labels) {
            for (&line, label) in sentence.iter().zip(labels) {
                predicted[line] = Some(crate::entities::tagger::LABELS[label as usize]);
            }
        }
    }
    for (line, label) in file.lines.iter().zip(predicted) {
        match label {
            Some(label) => writeln!(out, "{line} {label}")?,
            None => writeln!(out, "{line}")?,
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_sentences_and_documents() {
        let f = ConllFile::parse("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nHi UH O O\n");
        assert_eq!(f.documents.len(), 2);
        assert_eq!(
            f.document_words(0),
            vec![vec!["EU", "rejects"], vec!["Peter"]]
        );
        assert_eq!(f.last_column(2), "I-ORG");
        assert_eq!(f.document_words(1), vec![vec!["Hi"]]);
    }
}
