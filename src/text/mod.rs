//! Text: tokens and sentences with byte offsets into the cleaned document text.
//!
//! Newlines are hard boundaries (paragraphs, headlines); inside a paragraph a sentence ends
//! at `.`, `!` or `?` unless the word before is an abbreviation ("Pol Gen.", "U.S.", "No.")
//! or an initial ("S. Jaishankar"). Text knows nothing of entities.

use crate::knowledge::Lexicon;
use crate::model::{Document, Sentence, Span, Token};
use compact_str::CompactString;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits text into word and punctuation tokens. Possessive `'s` is its own token; "1,000",
/// "3.5", "U.S.", "co-operate" and "O'Smach" stay whole.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let at = |pos: usize| -> Option<char> {
        match *bytes.get(pos)? {
            b if b.is_ascii() => Some(char::from(b)),
            _ => text.get(pos..).and_then(|s| s.chars().next()),
        }
    };
    let digit_at = |pos: usize| bytes.get(pos).is_some_and(u8::is_ascii_digit);
    // About one token per three bytes of news text, punctuation included.
    let mut tokens = Vec::with_capacity(text.len() / 3 + 1);
    let mut push = |start: usize, end: usize| {
        tokens.push(Token {
            span: Span::new(start, end),
            text: CompactString::from(&text[start..end]),
        })
    };
    // The character before position `i`, for the possessive and initialism rules.
    let mut before: Option<char> = None;
    let mut i = 0;
    while let Some(c) = at(i) {
        // Plain spaces are most of the characters between tokens.
        if c == ' ' {
            before = Some(' ');
            i += 1;
            continue;
        }
        let len = c.len_utf8();
        if c.is_whitespace() {
            before = Some(c);
            i += len;
            continue;
        }
        if !is_word_char(c) {
            // A possessive "'s" after a word is one token.
            let possessive = matches!(c, '\'' | '\u{2019}')
                && before.is_some_and(is_word_char)
                && matches!(at(i + len), Some('s' | 'S'))
                && !at(i + len + 1).is_some_and(is_word_char);
            let end = if possessive { i + len + 1 } else { i + len };
            push(i, end);
            before = Some(if possessive { 's' } else { c });
            i = end;
            continue;
        }
        let start = i;
        let mut j = i + len;
        // The last two characters taken into the word, and how many it has.
        let mut last = c;
        let mut second_last = before;
        let mut taken = 1usize;
        loop {
            // A run of ASCII letters and digits, the bulk of every word, in one step.
            let run = bytes[j..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if run > 0 {
                second_last = Some(if run >= 2 {
                    char::from(bytes[j + run - 2])
                } else {
                    last
                });
                last = char::from(bytes[j + run - 1]);
                j += run;
                taken += run;
            }
            let Some(c) = at(j) else { break };
            // A space ends most words: nothing below could keep it.
            if c == ' ' {
                break;
            }
            let len = c.len_utf8();
            if is_word_char(c) {
                second_last = Some(last);
                last = c;
                j += len;
                taken += 1;
                continue;
            }
            let next = at(j + len);
            let next_is_word = next.is_some_and(is_word_char);
            let after_capital_alone =
                last.is_uppercase() && !second_last.is_some_and(char::is_alphanumeric);
            let mut stop_after = false;
            let keep = match c {
                '-' | '\u{2011}' => next_is_word,
                // "'s" at a word end is a possessive: split it off.
                '\'' | '\u{2019}' => {
                    let possessive = matches!(next, Some('s' | 'S'))
                        && !at(j + len + 1).is_some_and(is_word_char);
                    next_is_word && !possessive
                }
                ',' => {
                    last.is_ascii_digit() && (1..=3).all(|k| digit_at(j + k)) && !digit_at(j + 4)
                }
                '.' if last.is_ascii_digit() => next.is_some_and(|d| d.is_ascii_digit()),
                // Initialisms: U.S., U.N., U.S.A.
                '.' if after_capital_alone
                    && next.is_some_and(char::is_uppercase)
                    && at(j + len + next.map_or(0, char::len_utf8)) == Some('.') =>
                {
                    true
                }
                // The final period of an initialism.
                '.' if after_capital_alone && taken >= 2 && second_last == Some('.') => {
                    stop_after = true;
                    true
                }
                _ => false,
            };
            if !keep {
                break;
            }
            second_last = Some(last);
            last = c;
            j += len;
            taken += 1;
            if stop_after {
                break;
            }
        }
        push(start, j);
        before = Some(last);
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
    // News runs to about one sentence per 120 bytes: room for most documents' sentences
    // (no more than an article's worth: a huge document grows the vector as it goes).
    let mut out: Vec<Sentence> = Vec::with_capacity((doc.text.len() / 100 + 1).min(4096));
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
        // Sentence ends (exclusive token indices) are found first; the tokens are then moved,
        // not copied, into their sentences.
        let mut cuts = Vec::new();
        let mut first = 0;
        let mut k = 0;
        while k < tokens.len() {
            // A run-on "sentence" (a page with no punctuation) is cut into pieces, so that
            // per-sentence work stays bounded.
            if k - first >= MAX_SENTENCE_TOKENS {
                cuts.push(k);
                first = k;
            }
            let t = tokens[k].text.as_str();
            if matches!(t, "." | "!" | "?" | "\u{2026}") {
                let stop = k;
                // Absorb closing quotes and brackets.
                while k + 1 < tokens.len()
                    && is_closing_quote(&tokens[k + 1].text)
                    && tokens[k + 1].span.start == tokens[k].span.end
                {
                    k += 1;
                }
                let sentence = &tokens[first..=k];
                let prev_word = if sentence.len() >= 2 {
                    sentence
                        .iter()
                        .rev()
                        .skip(1)
                        .find(|t| t.is_word())
                        .map(|t| t.text.as_str())
                } else {
                    None
                };
                let adjacent = sentence.len() >= 2 && {
                    let p = &sentence[sentence.len() - 2];
                    p.span.end == sentence[sentence.len() - 1].span.start && p.is_word()
                };
                let abbrev = t == "."
                    && stop == k
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
                    cuts.push(k + 1);
                    first = k + 1;
                }
            }
            k += 1;
        }
        if first < tokens.len() {
            cuts.push(tokens.len());
        }
        let mut rest = tokens.into_iter();
        let mut taken = 0;
        for cut in cuts {
            let sentence: Vec<Token> = rest.by_ref().take(cut - taken).collect();
            taken = cut;
            push(&mut out, sentence, heading);
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
            // One pass over the bytes: an ASCII token without capitals (most of them) is its
            // own lower case.
            let bytes = t.text.as_bytes();
            if !bytes
                .iter()
                .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
            {
                t.text.clone()
            } else if bytes.is_ascii() {
                // Unicode lower-casing costs ~20× more, and most capitalised words are ASCII.
                let mut lower = t.text.clone();
                lower.make_ascii_lowercase();
                lower
            } else {
                CompactString::from(t.text.to_lowercase().replace('\u{2019}', "'"))
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
        tokenize(s).into_iter().map(|t| t.text.into()).collect()
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
        Document::uncleaned(text, None)
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
