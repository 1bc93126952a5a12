//! Reading the CoNLL-2003 named-entity format: one token a line ("EU NNP I-NP I-ORG"), a blank
//! line between sentences, `-DOCSTART-` between stories. Tags are IOB1 (a name opens at I- and
//! at B- only when it directly follows one of its kind) or IOB2; both read the same way.

use super::labels::{NameKind, NameSpan};
use crate::model::{Sentence, Span, Token};

/// One story: its sentences, each its tokens and names.
#[derive(Debug, Clone, Default)]
pub struct ConllDocument {
    pub sentences: Vec<ConllSentence>,
}

#[derive(Debug, Clone, Default)]
pub struct ConllSentence {
    pub forms: Vec<String>,
    pub names: Vec<NameSpan>,
}

/// Reads a file's text; an error names the line that is not in the format.
pub fn read(text: &str) -> Result<Vec<ConllDocument>, String> {
    let mut documents = vec![ConllDocument::default()];
    let mut sentence = ConllSentence::default();
    let mut open: Option<(usize, NameKind)> = None;
    let flush = |sentence: &mut ConllSentence,
                 open: &mut Option<(usize, NameKind)>,
                 documents: &mut Vec<ConllDocument>| {
        close(sentence, open);
        if !sentence.forms.is_empty() {
            let done = std::mem::take(sentence);
            documents
                .last_mut()
                .expect("one at least")
                .sentences
                .push(done);
        }
    };
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut sentence, &mut open, &mut documents);
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.first() == Some(&"-DOCSTART-") {
            flush(&mut sentence, &mut open, &mut documents);
            if !documents.last().expect("one at least").sentences.is_empty() {
                documents.push(ConllDocument::default());
            }
            continue;
        }
        let (Some(form), Some(label)) = (fields.first(), fields.last()) else {
            continue;
        };
        if fields.len() < 2 {
            return Err(format!("line {}: a token without a tag", number + 1));
        }
        // A name ends before the token that does not go on with it.
        let i = sentence.forms.len();
        if *label == "O" {
            close(&mut sentence, &mut open);
        } else {
            let (prefix, kind) = label
                .split_once('-')
                .and_then(|(p, k)| Some((p, NameKind::from_conll(k)?)))
                .ok_or_else(|| format!("line {}: unknown tag {label:?}", number + 1))?;
            let goes_on = prefix == "I" && open.is_some_and(|(_, k)| k == kind);
            if !goes_on {
                close(&mut sentence, &mut open);
                open = Some((i, kind));
            }
        }
        sentence.forms.push((*form).to_string());
    }
    flush(&mut sentence, &mut open, &mut documents);
    documents.retain(|d| !d.sentences.is_empty());
    Ok(documents)
}

fn close(sentence: &mut ConllSentence, open: &mut Option<(usize, NameKind)>) {
    if let Some((start, kind)) = open.take() {
        sentence.names.push(NameSpan {
            start,
            end: sentence.forms.len(),
            kind,
        });
    }
}

/// A story as the recogniser reads text: one line a sentence, its tokens joined by spaces, the
/// sentences over it, and each sentence's names. A token the tokenizer would cut before its
/// final period ("Jr.", "Co.", "M.") is cut so here too, so that the model learns from the
/// tokens it will meet. A sentence all in capitals (a headline) is a heading.
pub fn as_text(document: &ConllDocument) -> (String, Vec<Sentence>, Vec<Vec<NameSpan>>) {
    let mut text = String::new();
    let mut sentences = Vec::with_capacity(document.sentences.len());
    let mut all_names = Vec::with_capacity(document.sentences.len());
    for (index, s) in document.sentences.iter().enumerate() {
        let start = text.len();
        let mut tokens: Vec<Token> = Vec::with_capacity(s.forms.len());
        // Where each CoNLL token's first and last pieces fall among the tokens.
        let mut pieces = Vec::with_capacity(s.forms.len());
        for (i, form) in s.forms.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let first = tokens.len();
            let stem = form
                .strip_suffix('.')
                .filter(|stem| splits_final_period(form, stem));
            for piece in stem.map_or_else(|| vec![form.as_str()], |stem| vec![stem, "."]) {
                let at = text.len();
                text.push_str(piece);
                tokens.push(Token {
                    span: Span::new(at, text.len()),
                    text: piece.into(),
                });
            }
            pieces.push((first, tokens.len()));
        }
        let is_heading = s.forms.iter().any(|f| f.chars().any(char::is_alphabetic))
            && !s.forms.iter().any(|f| f.chars().any(char::is_lowercase));
        all_names.push(
            s.names
                .iter()
                .map(|n| NameSpan {
                    start: pieces[n.start].0,
                    end: pieces[n.end - 1].1,
                    kind: n.kind,
                })
                .collect(),
        );
        sentences.push(Sentence {
            index,
            span: Span::new(start, text.len()),
            lower: tokens.iter().map(|t| t.text.to_lowercase()).collect(),
            tokens,
            is_heading,
        });
        text.push('\n');
    }
    (text, sentences, all_names)
}

/// Does the tokenizer cut `form` into `stem` and its final period?
fn splits_final_period(form: &str, stem: &str) -> bool {
    let tokens = crate::text::tokenize(form);
    tokens.len() == 2 && tokens[0].text == stem && tokens[1].text == "."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_opens_names_at_i_and_at_b_after_one_of_the_kind() {
        let text = "-DOCSTART- -X- O O\n\nThe DT I-NP O\nEuropean NNP I-NP I-ORG\n\
                    Commission NNP I-NP I-ORG\nmet VBD I-VP O\nBonn NNP I-NP I-LOC\n\
                    Paris NNP I-NP B-LOC\n. . O O\n\n-DOCSTART- -X- O O\n\nHi UH O O\n";
        let docs = read(text).unwrap();
        assert_eq!(docs.len(), 2);
        let names = &docs[0].sentences[0].names;
        let spans: Vec<(usize, usize, NameKind)> =
            names.iter().map(|n| (n.start, n.end, n.kind)).collect();
        assert_eq!(
            spans,
            [
                (1, 3, NameKind::Organisation),
                (4, 5, NameKind::Location),
                (5, 6, NameKind::Location)
            ]
        );
        let (text, sentences, _) = as_text(&docs[0]);
        assert_eq!(&text[sentences[0].tokens[4].span.start..][..4], "Bonn");
        let docs =
            read("Mr. NNP I-NP O\nJohn NNP I-NP I-PER\nSmith NNP I-NP I-PER\nJr. NNP I-NP I-PER\n")
                .unwrap();
        let (_, sentences, names) = as_text(&docs[0]);
        let forms: Vec<&str> = sentences[0]
            .tokens
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(forms, ["Mr", ".", "John", "Smith", "Jr", "."]);
        assert_eq!((names[0][0].start, names[0][0].end), (2, 6));
        assert!(read("Word NNP I-NP I-XYZ\n").is_err());
    }
}
