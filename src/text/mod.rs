//! Text: tokens and sentences with byte offsets into the cleaned document text.
//!
//! Newlines are hard boundaries (paragraphs, headlines); inside a paragraph a sentence ends
//! at `.`, `!` or `?` unless the word before is an abbreviation ("Pol Gen.", "U.S.", "No.")
//! or an initial ("S. Jaishankar"). Text knows nothing of entities.

use crate::knowledge::Lexicon;
use crate::model::{Document, Sentence, Span, Token};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits text into word and punctuation tokens. Possessive `'s` is its own token; "1,000",
/// "3.5", "U.S.", "co-operate" and "O'Smach" stay whole.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < n {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            // A possessive "'s" after a word is one token.
            let possessive = matches!(c, '\'' | '\u{2019}')
                && i > 0
                && is_word_char(chars[i - 1].1)
                && matches!(at(i + 1), Some('s' | 'S'))
                && !at(i + 2).is_some_and(is_word_char);
            if possessive {
                let end = chars.get(i + 2).map_or(text.len(), |c| c.0);
                tokens.push(Token {
                    span: Span::new(start, end),
                    text: text[start..end].to_string(),
                });
                i += 2;
                continue;
            }
            let end = chars.get(i + 1).map_or(text.len(), |c| c.0);
            tokens.push(Token {
                span: Span::new(start, end),
                text: text[start..end].to_string(),
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n {
            let c = chars[j].1;
            if is_word_char(c) {
                j += 1;
                continue;
            }
            let next = at(j + 1);
            let prev = chars[j - 1].1;
            let next_is_word = next.is_some_and(is_word_char);
            match c {
                '-' | '\u{2011}' if next_is_word => j += 1,
                '\'' | '\u{2019}' if next_is_word => {
                    // "'s" at a word end is a possessive: split it off.
                    let s_end = next.is_some_and(|n| n == 's' || n == 'S')
                        && !at(j + 2).is_some_and(is_word_char);
                    if s_end {
                        break;
                    }
                    j += 1;
                }
                ',' if prev.is_ascii_digit()
                    && (1..=3).all(|k| at(j + k).is_some_and(|d| d.is_ascii_digit()))
                    && !at(j + 4).is_some_and(|d| d.is_ascii_digit()) =>
                {
                    j += 1
                }
                '.' if prev.is_ascii_digit() && next.is_some_and(|d| d.is_ascii_digit()) => j += 1,
                '.' if prev.is_uppercase()
                    && (j < 2 || !chars[j - 2].1.is_alphanumeric())
                    && next.is_some_and(char::is_uppercase)
                    && at(j + 2) == Some('.') =>
                {
                    // Initialisms: U.S., U.N., U.S.A.
                    j += 1
                }
                '.' if prev.is_uppercase()
                    && (j < 2 || !chars[j - 2].1.is_alphanumeric())
                    && j >= 3
                    && chars[j - 2].1 == '.' =>
                {
                    // final period of an initialism
                    j += 1;
                    break;
                }
                _ => break,
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        tokens.push(Token {
            span: Span::new(start, end),
            text: text[start..end].to_string(),
        });
        i = j;
    }
    tokens
}

/// The longest sentence, in tokens; longer runs are cut.
pub const MAX_SENTENCE_TOKENS: usize = 200;

fn is_closing_quote(t: &str) -> bool {
    matches!(t, "\"" | "\u{201d}" | "\u{2019}" | "'" | ")" | "]")
}

/// Splits a document into sentences of tokens; token offsets are document offsets.
pub fn sentences(doc: &Document, lexicon: &Lexicon) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut line_start = 0;
    for line in doc.text.split_inclusive('\n') {
        let offset = line_start;
        line_start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let mut tokens = tokenize(body);
        for t in &mut tokens {
            t.span = Span::new(t.span.start + offset, t.span.end + offset);
        }
        if tokens.is_empty() {
            continue;
        }
        let heading = doc
            .headings
            .iter()
            .any(|h| h.start <= offset && offset < h.end.max(h.start + 1));
        let mut current: Vec<Token> = Vec::new();
        let mut k = 0;
        while k < tokens.len() {
            // A run-on "sentence" (a page with no punctuation) is cut into pieces, so that
            // per-sentence work stays bounded.
            if current.len() >= MAX_SENTENCE_TOKENS {
                push(&mut out, std::mem::take(&mut current), heading);
            }
            current.push(tokens[k].clone());
            let t = tokens[k].text.as_str();
            let ends = matches!(t, "." | "!" | "?" | "\u{2026}");
            if ends {
                // Absorb closing quotes and brackets.
                while k + 1 < tokens.len()
                    && is_closing_quote(&tokens[k + 1].text)
                    && tokens[k + 1].span.start == tokens[k].span.end
                {
                    k += 1;
                    current.push(tokens[k].clone());
                }
                let prev_word = if current.len() >= 2 {
                    current
                        .iter()
                        .rev()
                        .skip(1)
                        .find(|t| t.is_word())
                        .map(|t| t.text.as_str())
                } else {
                    None
                };
                let adjacent = current.len() >= 2 && {
                    let p = &current[current.len() - 2];
                    p.span.end == current.last().map_or(0, |c| c.span.start) && p.is_word()
                };
                let abbrev = t == "."
                    && adjacent
                    && prev_word.is_some_and(|w| {
                        lexicon.is_abbreviation(w)
                            || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
                    });
                let next = tokens.get(k + 1);
                let next_starts = next.is_none_or(|n| {
                    n.text.chars().next().is_some_and(|c| {
                        c.is_uppercase() || c.is_ascii_digit() || "\"\u{201c}'\u{2018}(".contains(c)
                    })
                });
                // An abbreviation before a capitalised word is usually a title ("Gen. Prayut"),
                // so it does not end the sentence.
                if !abbrev && next_starts {
                    push(&mut out, std::mem::take(&mut current), heading);
                }
            }
            k += 1;
        }
        if !current.is_empty() {
            push(&mut out, current, heading);
        }
    }
    out
}

fn push(out: &mut Vec<Sentence>, tokens: Vec<Token>, heading: bool) {
    let span = Span::new(
        tokens.first().map_or(0, |t| t.span.start),
        tokens.last().map_or(0, |t| t.span.end),
    );
    let lower = tokens
        .iter()
        .map(|t| {
            if t.text
                .chars()
                .all(|c| c.is_ascii_lowercase() || !c.is_alphabetic() && c != '\u{2019}')
            {
                t.text.clone()
            } else {
                t.text.to_lowercase().replace('\u{2019}', "'")
            }
        })
        .collect();
    out.push(Sentence {
        index: out.len(),
        span,
        tokens,
        lower,
        is_heading: heading,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_keep_numbers_initialisms_and_possessives() {
        assert_eq!(
            texts("Cambodia's 1,000 U.S. co-operation O'Smach, 3.5"),
            [
                "Cambodia",
                "'s",
                "1,000",
                "U.S.",
                "co-operation",
                "O'Smach",
                ",",
                "3.5"
            ]
        );
        assert_eq!(texts("Laos’ bureau"), ["Laos", "’", "bureau"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let s = "Pol Gen Thatchai said.";
        for t in tokenize(s) {
            assert_eq!(&s[t.span.start..t.span.end], t.text);
        }
    }

    fn doc(text: &str) -> Document {
        Document {
            id: "t".into(),
            source_path: "t".into(),
            title: None,
            date: None,
            source: None,
            url: None,
            text: text.into(),
            content_hash: String::new(),
            headings: vec![],
        }
    }

    #[test]
    fn run_on_text_is_cut_into_bounded_sentences() {
        let k = Knowledge::embedded();
        let d = doc(&"word ".repeat(1000));
        let s = sentences(&d, &k.lexicon);
        assert_eq!(s.len(), 5);
        assert!(s.iter().all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
    }

    #[test]
    fn sentences_survive_abbreviations_and_initials() {
        let k = Knowledge::embedded();
        let d = doc("Lt. Gen. Somchai met U.S. officials on Nov. 28 in Bangkok. S. Jaishankar spoke. \"It ended,\" he said.\nNext line");
        let s = sentences(&d, &k.lexicon);
        let got: Vec<&str> = s.iter().map(|s| d.slice(s.span)).collect();
        assert_eq!(
            got,
            [
                "Lt. Gen. Somchai met U.S. officials on Nov. 28 in Bangkok.",
                "S. Jaishankar spoke.",
                "\"It ended,\" he said.",
                "Next line"
            ]
        );
    }
}
