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

// What the tokenizer notes of each token as it cuts it, so that sentence splitting and
// lower-casing need not look at the token's characters again.
/// The token has an ASCII capital.
const HAS_UPPER: u8 = 1;
/// The token has a character outside ASCII.
const NON_ASCII: u8 = 2;
/// The token is ".", "!", "?" or "…".
const STOP: u8 = 4;

/// Classes of bytes for the tokenizer's inner loop: an ASCII letter or digit, and among
/// those a capital. Bytes of other characters (and of non-ASCII ones) have none.
const ALNUM: u8 = 1 << 7;
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] |= ALNUM;
        }
        if byte.is_ascii_uppercase() {
            table[b] |= HAS_UPPER;
        }
        b += 1;
    }
    table
};

/// The marks a character taken into a token adds.
fn char_marks(c: char) -> u8 {
    if c.is_ascii() {
        BYTE_CLASS[c as usize] & HAS_UPPER
    } else {
        NON_ASCII
    }
}

/// Splits text into word and punctuation tokens. Possessive `'s` is its own token; "1,000",
/// "3.5", "U.S.", "co-operate" and "O'Smach" stay whole.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 3 + 1);
    tokenize_into(text, 0, &mut tokens, &mut Vec::new());
    tokens
}

/// Appends the tokens of `text` to `tokens`, their spans shifted by `offset`, and each
/// token's marks to `marks`.
fn tokenize_into(text: &str, offset: usize, tokens: &mut Vec<Token>, marks: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let at = |pos: usize| -> Option<char> {
        match *bytes.get(pos)? {
            b if b.is_ascii() => Some(char::from(b)),
            _ => text.get(pos..).and_then(|s| s.chars().next()),
        }
    };
    let digit_at = |pos: usize| bytes.get(pos).is_some_and(u8::is_ascii_digit);
    let mut push = |start: usize, end: usize, mark: u8| {
        tokens.push(Token {
            span: Span::new(start + offset, end + offset),
            text: CompactString::from(&text[start..end]),
        });
        marks.push(mark);
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
        // An ASCII letter or digit starts most tokens: a word, with no further test.
        let ascii_word = len == 1 && BYTE_CLASS[usize::from(bytes[i])] & ALNUM != 0;
        if !ascii_word && c.is_whitespace() {
            before = Some(c);
            i += len;
            continue;
        }
        if !ascii_word && !is_word_char(c) {
            // A possessive "'s" after a word is one token.
            let possessive = matches!(c, '\'' | '\u{2019}')
                && before.is_some_and(is_word_char)
                && matches!(at(i + len), Some('s' | 'S'))
                && !at(i + len + 1).is_some_and(is_word_char);
            let (end, mark) = if possessive {
                (
                    i + len + 1,
                    char_marks(c) | BYTE_CLASS[usize::from(bytes[i + len])],
                )
            } else {
                let stop = if matches!(c, '.' | '!' | '?' | '\u{2026}') {
                    STOP
                } else {
                    0
                };
                (i + len, char_marks(c) | stop)
            };
            push(i, end, mark & !ALNUM);
            before = Some(if possessive { 's' } else { c });
            i = end;
            continue;
        }
        let start = i;
        let mut j = i + len;
        let mut mark = char_marks(c);
        // The last two characters taken into the word, and how many it has.
        let mut last = c;
        let mut second_last = before;
        let mut taken = 1usize;
        loop {
            // A run of ASCII letters and digits, the bulk of every word, in one step.
            let run_start = j;
            while let Some(&b) = bytes.get(j) {
                let class = BYTE_CLASS[usize::from(b)];
                if class & ALNUM == 0 {
                    break;
                }
                mark |= class;
                j += 1;
            }
            let run = j - run_start;
            if run > 0 {
                second_last = Some(if run >= 2 {
                    char::from(bytes[j - 2])
                } else {
                    last
                });
                last = char::from(bytes[j - 1]);
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
                mark |= char_marks(c);
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
            mark |= char_marks(c);
            j += len;
            taken += 1;
            if stop_after {
                break;
            }
        }
        push(start, j, mark & !ALNUM);
        before = Some(last);
        i = j;
    }
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
    // One line's tokens and marks at a time, the buffers reused from line to line; each
    // sentence's tokens are then moved into a vector of their own.
    let mut tokens: Vec<Token> = Vec::with_capacity((doc.text.len() / 3 + 1).min(1 << 16));
    let mut marks: Vec<u8> = Vec::with_capacity(tokens.capacity());
    let mut cuts = Vec::new();
    let mut line_start = 0;
    for line in doc.text.split_inclusive('\n') {
        let offset = line_start;
        line_start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        tokens.clear();
        marks.clear();
        tokenize_into(body, offset, &mut tokens, &mut marks);
        if tokens.is_empty() {
            continue;
        }
        let heading = doc
            .headings
            .iter()
            .any(|h| h.start <= offset && offset < h.end.max(h.start + 1));
        // Sentence ends (exclusive token indices) are found first.
        cuts.clear();
        let mut first = 0;
        let mut k = 0;
        while k < tokens.len() {
            // A run-on "sentence" (a page with no punctuation) is cut into pieces, so that
            // per-sentence work stays bounded.
            if k - first >= MAX_SENTENCE_TOKENS {
                cuts.push(k);
                first = k;
            }
            if marks[k] & STOP != 0 {
                let stop = k;
                // Absorb closing quotes and brackets.
                while k + 1 < tokens.len()
                    && is_closing_quote(&tokens[k + 1].text)
                    && tokens[k + 1].span.start == tokens[k].span.end
                {
                    k += 1;
                }
                if ends_sentence(&tokens, first, stop, k, lexicon) {
                    cuts.push(k + 1);
                    first = k + 1;
                }
            }
            k += 1;
        }
        if first < tokens.len() {
            cuts.push(tokens.len());
        }
        // The sentences are taken off the end of the line, so that each move is one copy.
        let first_new = out.len();
        for n in (0..cuts.len()).rev() {
            let start = if n == 0 { 0 } else { cuts[n - 1] };
            let sentence = if start == 0 {
                let mut all = Vec::with_capacity(tokens.len());
                all.append(&mut tokens);
                all
            } else {
                tokens.split_off(start)
            };
            let lower = lower_forms(&sentence, &marks[start..start + sentence.len()]);
            push(&mut out, sentence, lower, heading);
        }
        out[first_new..].reverse();
        for (index, s) in out.iter_mut().enumerate().skip(first_new) {
            s.index = index;
        }
    }
    out
}

/// Whether the stop at token `stop` (closing quotes absorbed up to `last`) ends the sentence
/// that opened at token `first`.
fn ends_sentence(
    tokens: &[Token],
    first: usize,
    stop: usize,
    last: usize,
    lexicon: &Lexicon,
) -> bool {
    let sentence = &tokens[first..=last];
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
    let abbrev = tokens[stop].text == "."
        && stop == last
        && adjacent
        && prev_word.is_some_and(|w| {
            lexicon.is_abbreviation(w)
                || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
        });
    let next_starts = tokens.get(last + 1).is_none_or(|n| {
        n.text.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || "\"\u{201c}'\u{2018}(".contains(c)
        })
    });
    // An abbreviation before a capitalised word is usually a title ("Gen. Prayut"), so it
    // does not end the sentence.
    !abbrev && next_starts
}

/// The tokens in lower case, typographic apostrophes made plain, from the tokenizer's marks:
/// an ASCII token without capitals (most of them) is its own lower case, and Unicode
/// lower-casing (~20× dearer than ASCII's) is kept for the tokens that need it.
fn lower_forms(tokens: &[Token], marks: &[u8]) -> Vec<CompactString> {
    tokens
        .iter()
        .zip(marks)
        .map(|(t, &mark)| {
            if mark & NON_ASCII != 0 {
                CompactString::from(t.text.to_lowercase().replace('\u{2019}', "'"))
            } else if mark & HAS_UPPER != 0 {
                let mut lower = t.text.clone();
                lower.make_ascii_lowercase();
                lower
            } else {
                t.text.clone()
            }
        })
        .collect()
}

fn push(out: &mut Vec<Sentence>, tokens: Vec<Token>, lower: Vec<CompactString>, heading: bool) {
    let span = Span::new(
        tokens.first().map_or(0, |t| t.span.start),
        tokens.last().map_or(0, |t| t.span.end),
    );
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
    fn lower_forms_and_indices_follow_the_tokens() {
        let k = Knowledge::embedded();
        let d =
            doc("The U.S. Embassy’s STAFF left. Café owners stayed!\nThey’re BACK'S here. Next");
        let s = sentences(&d, &k.lexicon);
        assert_eq!(s.len(), 4);
        for (i, sentence) in s.iter().enumerate() {
            assert_eq!(sentence.index, i);
            assert_eq!(sentence.lower.len(), sentence.tokens.len());
            for (t, lower) in sentence.tokens.iter().zip(&sentence.lower) {
                assert_eq!(lower, &t.text.to_lowercase().replace('\u{2019}', "'"));
            }
        }
        assert_eq!(s[2].lower, ["they're", "back", "'s", "here", "."]);
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
