//! Cleaning: drops site boilerplate (share bars, cookie banners, "Read more" teasers, reader
//! comments, reward widgets, photo credits) and paragraphs repeated verbatim, and marks
//! headlines and section headings. The cleaned text is what every offset refers to.

use super::RawArticle;
use crate::knowledge::Knowledge;
use crate::model::{hex, Document, Span};
use rustc_hash::FxHashSet;
use sha2::{Digest, Sha256};

/// A line that reads as a heading: short, with no sentence-final punctuation.
fn looks_like_heading(line: &str, words: usize) -> bool {
    let last = line.trim_end().chars().last().unwrap_or('.');
    words <= 20 && !".!?:;,\"\u{201d}'\u{2019})".contains(last)
}

/// Words of a normalised line, where plain spaces are the only whitespace.
fn count_words(line: &str) -> usize {
    // A word starts at a non-space byte that opens the line or follows a space. Comparing the
    // line with itself shifted by one byte, pair by pair and without branches, lets the
    // compiler do it sixteen or more bytes at a time.
    let bytes = line.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let after_space = bytes
        .iter()
        .zip(&bytes[1..])
        .map(|(before, b)| usize::from((*before == b' ') & (*b != b' ')))
        .sum::<usize>();
    usize::from(first != b' ') + after_space
}

fn normalise_spaces(line: &str) -> std::borrow::Cow<'_, str> {
    // Non-breaking and other odd spaces become plain spaces; offsets are taken after this.
    // One pass over the bytes, without branches (so the compiler does it many bytes at a time):
    // is the line ASCII, and has it char::is_whitespace's ASCII members besides the space
    // (u8::is_ascii_whitespace lacks \x0b)?
    let (non_ascii, odd_ascii_space) = line.bytes().fold((false, false), |(non_ascii, odd), b| {
        (
            non_ascii | (b >= 0x80),
            odd | matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'),
        )
    });
    let odd_space = if non_ascii {
        line.chars().any(|c| c != ' ' && c.is_whitespace())
    } else {
        odd_ascii_space
    };
    if !odd_space {
        return std::borrow::Cow::Borrowed(line.trim());
    }
    let owned = line
        .chars()
        .map(|c| {
            if c.is_whitespace() && c != '\n' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>();
    std::borrow::Cow::Owned(owned.trim().to_string())
}

pub fn clean(raw: RawArticle, knowledge: &Knowledge) -> crate::error::Result<Document> {
    let min_words_for_duplicate = knowledge.boilerplate.min_words_for_duplicate;
    let bp = knowledge.boilerplate.sets()?;
    // Lines as they are in the body (or, the rare ones with odd spaces, normalised).
    let mut seen: FxHashSet<std::borrow::Cow<'_, str>> = FxHashSet::default();
    // The cleaned text is at most the body: one allocation, no regrowth.
    let mut text = String::with_capacity(raw.body.len());
    let mut headings = Vec::new();
    let mut first = true;
    for raw_line in raw.body.lines() {
        let line = normalise_spaces(raw_line);
        if line.is_empty() {
            continue;
        }
        if bp.starts_tail(&line) {
            break;
        }
        if bp.is_boilerplate_line(&line) {
            continue;
        }
        let words = count_words(&line);
        if words >= min_words_for_duplicate && !seen.insert(line.clone()) {
            continue;
        }
        let start = text.len();
        text.push_str(&line);
        // The first line is the headline when it reads as one; later short unpunctuated lines
        // are section headings.
        if looks_like_heading(&line, words)
            || bp.is_credit_line(&line)
            || (first && raw.title.as_deref() == Some(&*line))
        {
            headings.push(Span::new(start, text.len()));
        }
        text.push('\n');
        first = false;
    }
    let mut hasher = Sha256::new();
    for part in [
        knowledge.fingerprint.as_str(),
        raw.id.as_str(),
        raw.title.as_deref().unwrap_or(""),
        raw.date.as_deref().unwrap_or(""),
        raw.source.as_deref().unwrap_or(""),
        raw.url.as_deref().unwrap_or(""),
        text.as_str(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    let content_hash = hex(&hasher.finalize());
    Ok(Document {
        id: raw.id,
        source_path: raw.path,
        title: raw.title,
        date: raw.date,
        source: raw.source,
        url: raw.url,
        text,
        content_hash,
        headings,
    })
}

/// A document cleaned from `body` with the built-in knowledge, for the tests of every stage.
#[cfg(test)]
pub(crate) fn test_document(body: &str, date: Option<&str>) -> Document {
    clean(
        RawArticle {
            id: "t".into(),
            path: "t".into(),
            date: date.map(str::to_string),
            body: body.into(),
            ..Default::default()
        },
        Knowledge::embedded(),
    )
    .expect("the built-in boilerplate patterns compile")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> Document {
        test_document(body, None)
    }

    #[test]
    fn drops_share_bars_teasers_and_comment_blocks() {
        let d = run("Police raid a casino\nShare on Facebook\nShare: Facebook | X | Telegram | Email | Print\nPolice in Bavet raided a casino on Monday, officers said.\nRead more: Thai PM visits border\nPhoto: Reuters\n3 Comments\nAvatar of Kim\nKim\nLaos should act!");
        assert_eq!(
            d.text,
            "Police raid a casino\nPolice in Bavet raided a casino on Monday, officers said.\nPhoto: Reuters\n"
        );
        // The headline and the photo credit are kept but are not prose.
        assert_eq!(d.headings.len(), 2);
    }

    #[test]
    fn collapses_repeated_paragraphs() {
        let p = "The police detained forty people at the compound on Friday night.";
        let d = run(&format!("{p}\n{p}\nA short line.\nA short line."));
        assert_eq!(d.text.matches("forty").count(), 1);
        assert_eq!(d.text.matches("A short line.").count(), 2);
    }

    #[test]
    fn words_are_counted_between_spaces() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("one"), 1);
        assert_eq!(count_words(" two  words "), 2);
        assert_eq!(count_words("a b-c d,e"), 3);
    }

    #[test]
    fn odd_spaces_become_plain_spaces() {
        let d = run("Police\u{a0}in\tBavet\u{b}raided a casino\u{2009}on Monday.");
        assert_eq!(d.text, "Police in Bavet raided a casino on Monday.\n");
        // An ASCII line's tabs and vertical tabs too.
        let d = run("Police\tin Bavet\u{b}raided a casino.");
        assert_eq!(d.text, "Police in Bavet raided a casino.\n");
    }

    #[test]
    fn cookie_banner_is_dropped() {
        let d = run("We use cookies to improve your experience. Accept all\nAccept\nTroops clashed at the border.");
        assert_eq!(d.text, "Troops clashed at the border.\n");
    }
}
