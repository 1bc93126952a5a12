//! CoNLL-U: reading treebanks to train and score on, and writing a document's analyses, one
//! block a sentence with its document, sentence index and byte offsets as comments.

use super::{Analysis, Syntax};
use crate::model::Document;
use std::fmt::Write as _;

/// A sentence of a treebank: its words with gold tags, heads (0 for the root, else 1-based)
/// and labels. Multiword tokens ("don't" over "do" and "n't") and empty nodes are skipped:
/// only the syntactic words are kept.
#[derive(Debug, Clone, Default)]
pub struct TreebankSentence {
    pub forms: Vec<String>,
    pub upos: Vec<String>,
    pub xpos: Vec<String>,
    pub heads: Vec<usize>,
    pub labels: Vec<String>,
}

/// Reads the sentences of a CoNLL-U text. A malformed word line is an error naming its line.
pub fn read(text: &str) -> Result<Vec<TreebankSentence>, String> {
    let mut out = Vec::new();
    let mut current = TreebankSentence::default();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.forms.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() != 10 {
            return Err(format!(
                "line {}: {} columns, not 10",
                number + 1,
                columns.len()
            ));
        }
        if columns[0].contains(['-', '.']) {
            continue;
        }
        let head = columns[6]
            .parse::<usize>()
            .map_err(|_| format!("line {}: head {:?} is not a number", number + 1, columns[6]))?;
        current.forms.push(columns[1].to_string());
        current.upos.push(columns[3].to_string());
        current.xpos.push(columns[4].to_string());
        current.heads.push(head);
        current.labels.push(columns[7].to_string());
    }
    if !current.forms.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// Writes one sentence's analysis as a CoNLL-U block. `text` is the document's text, which the
/// word spans point into.
pub fn write_sentence(
    out: &mut String,
    syntax: &Syntax,
    doc: &Document,
    index: usize,
    analysis: &Analysis,
) {
    let Some((first, last)) = analysis.words.first().zip(analysis.words.last()) else {
        return;
    };
    let (start, end) = (first.span.start, last.span.end);
    let _ = writeln!(out, "# doc_id = {}", doc.id);
    let _ = writeln!(out, "# sent_id = {}#{}", doc.id, index);
    let _ = writeln!(out, "# offsets = {start}-{end}");
    let _ = writeln!(out, "# text = {}", doc.text[start..end].replace('\n', " "));
    for (i, word) in analysis.words.iter().enumerate() {
        let head = analysis.head(i).map_or(0, |h| h + 1);
        let tag = analysis.tags[i];
        let mut misc = format!("Offsets={}-{}", word.span.start, word.span.end);
        let next_start = analysis.words.get(i + 1).map(|w| w.span.start);
        if next_start == Some(word.span.end) {
            misc.push_str("|SpaceAfter=No");
        }
        let _ = writeln!(
            out,
            "{}\t{}\t_\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            word.form,
            syntax.upos(tag),
            syntax.xpos(tag),
            head,
            syntax.label(analysis.labels[i]),
            misc
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_ranges_and_comments() {
        let text = "# text = I'm here\n1-2\tI'm\t_\t_\t_\t_\t_\t_\t_\t_\n\
                    1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
                    2\t'm\tbe\tAUX\tVBP\t_\t3\tcop\t_\t_\n\
                    3\there\there\tADV\tRB\t_\t0\troot\t_\t_\n\n";
        let sentences = read(text).expect("valid CoNLL-U");
        assert_eq!(sentences.len(), 1);
        assert_eq!(sentences[0].forms, ["I", "'m", "here"]);
        assert_eq!(sentences[0].heads, [3, 3, 0]);
        assert_eq!(sentences[0].labels[1], "cop");
    }

    #[test]
    fn a_malformed_line_is_named() {
        let err = read("1\tI\tI\n").unwrap_err();
        assert!(err.starts_with("line 1:"), "{err}");
    }
}
