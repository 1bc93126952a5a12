//! Syntactic words: a sentence's tokens cut where Universal Dependencies cuts them, so that the
//! models see the units they were trained on. The tokenizer keeps "don't", "I'm" and
//! "cross-border" whole for the extractor's sake; a treebank has "do" "n't", "I" "'m" and
//! "cross" "-" "border" ("re-elected", with a prefix that is no word, stays whole). Each word
//! keeps its byte span in the document and the index of the token it came from.

use crate::model::{Span, Token};

/// One syntactic word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub form: String,
    /// The index, within the sentence, of the token the word is part of.
    pub token: usize,
}

/// The clitics a treebank writes as words of their own, as they end a token.
const CLITICS: [&str; 5] = ["'m", "'re", "'ve", "'ll", "'d"];

/// Cuts a sentence's tokens into words. `is_prefix` says whether a lower-case word before a
/// hyphen is a prefix that stays joined to what follows ("re", "non", "pro").
pub fn words(tokens: &[Token], is_prefix: impl Fn(&str) -> bool) -> Vec<Word> {
    let mut out = Vec::with_capacity(tokens.len() + 4);
    for (index, token) in tokens.iter().enumerate() {
        let text = token.text.as_str();
        let start = token.span.start;
        let mut push = |from: usize, to: usize| {
            if from < to {
                out.push(Word {
                    span: Span::new(start + from, start + to),
                    form: text[from..to].to_string(),
                    token: index,
                });
            }
        };
        if text.len() > 1 && text.contains(['-', '\u{2011}']) {
            for (from, to) in hyphen_parts(text, &is_prefix) {
                push(from, to);
            }
            continue;
        }
        let cut = clitic_start(text);
        push(0, cut);
        push(cut, text.len());
    }
    out
}

/// Where a token's clitic begins ("do|n't", "I|'m", "can|not"), or its length if it has none.
fn clitic_start(text: &str) -> usize {
    let normal = text.replace('\u{2019}', "'");
    let lower = normal.to_ascii_lowercase();
    // A replaced apostrophe is three bytes in `text` and one in `normal`.
    let shift = text.len() - normal.len();
    if lower.len() > 3 && lower.ends_with("n't") {
        return text.len() - 3 - shift;
    }
    if lower == "cannot" {
        return 3;
    }
    for clitic in CLITICS {
        if lower.len() > clitic.len() && lower.ends_with(clitic) {
            return text.len() - clitic.len() - shift;
        }
    }
    text.len()
}

/// The byte ranges of a hyphenated token's words: each part and each hyphen, except that a
/// prefix stays joined to the part after it.
fn hyphen_parts(text: &str, is_prefix: &impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut part_start = 0;
    let mut joined_from = None;
    for (i, c) in text.char_indices() {
        if !matches!(c, '-' | '\u{2011}') || i == 0 || i + c.len_utf8() == text.len() {
            continue;
        }
        let part = &text[part_start..i];
        if is_prefix(&part.to_lowercase()) {
            joined_from.get_or_insert(part_start);
        } else {
            parts.push((joined_from.take().unwrap_or(part_start), i));
            parts.push((i, i + c.len_utf8()));
        }
        part_start = i + c.len_utf8();
    }
    parts.push((joined_from.unwrap_or(part_start), text.len()));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn forms(text: &str) -> Vec<String> {
        let prefixes = ["re", "non", "pro"];
        words(&tokenize(text), |p| prefixes.contains(&p))
            .into_iter()
            .map(|w| w.form)
            .collect()
    }

    #[test]
    fn contractions_and_clitics_are_words_of_their_own() {
        assert_eq!(forms("They don't know"), ["They", "do", "n't", "know"]);
        assert_eq!(
            forms("I'm sure we can’t"),
            ["I", "'m", "sure", "we", "ca", "n’t"]
        );
        assert_eq!(forms("It cannot"), ["It", "can", "not"]);
    }

    #[test]
    fn hyphens_split_unless_the_first_part_is_a_prefix() {
        assert_eq!(
            forms("a cross-border raid"),
            ["a", "cross", "-", "border", "raid"]
        );
        assert_eq!(
            forms("a two-year-old"),
            ["a", "two", "-", "year", "-", "old"]
        );
        assert_eq!(forms("he was re-elected"), ["he", "was", "re-elected"]);
        assert_eq!(
            forms("a pro-Beijing non-white"),
            ["a", "pro-Beijing", "non-white"]
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Police can't re-enter Mae Sot.";
        for w in words(&tokenize(text), |p| p == "re") {
            assert_eq!(&text[w.span.start..w.span.end], w.form);
        }
    }
}
