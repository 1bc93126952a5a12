//! Where a person's title is in a sentence: a title of the lexicon, with the modifiers before
//! it ("Assistant Minister", "Acting Governor") and a portfolio after "of" or "for"
//! ("Minister of Public Security", "Secretary for Home Affairs"). None of it is the name.

use crate::extract::tokens::Lowered;
use crate::knowledge::Lexicon;

fn is_joiner(w: &str) -> bool {
    matches!(w, "and" | "&" | "of" | "for")
}

/// A word that may stand before a title as part of it: a modifier ("Assistant") or a word of a
/// portfolio ("Home Affairs Minister").
fn qualifies_title(w: &str, lex: &Lexicon) -> bool {
    lex.title_modifiers.contains(w) || (is_portfolio_word(w, lex) && !is_joiner(w))
}

/// Endings of the abstract nouns that name portfolios ("Prosecutions", "Procurement",
/// "Statistics", "Agriculture", "Tourism") and hardly ever end a long name.
const PORTFOLIO_ENDINGS: [&str; 6] = ["ions", "ment", "ments", "ics", "ture", "ism"];

/// A word of a portfolio: listed, or a long abstract noun.
fn is_portfolio_word(w: &str, lex: &Lexicon) -> bool {
    lex.portfolio_words.contains(w)
        || (w.len() >= 8
            && PORTFOLIO_ENDINGS.iter().any(|e| w.ends_with(e))
            && !lex.organisation_heads.contains(w))
}

/// Where a portfolio after a title ending just before `end` ends: `end` when there is none.
/// A title that ends in "of" ("minister of") takes the portfolio right after it.
fn portfolio_end(low: &Lowered, end: usize, lex: &Lexicon) -> usize {
    let opens = matches!(low.get(end.wrapping_sub(1)), "of" | "for");
    let start = if opens {
        end
    } else if matches!(low.get(end), "of" | "for") {
        end + 1
    } else {
        return end;
    };
    let mut last_word = None;
    let mut j = start;
    while j < low.len() && (is_portfolio_word(low.get(j), lex) || is_joiner(low.get(j))) {
        if !is_joiner(low.get(j)) {
            last_word = Some(j);
        }
        j += 1;
    }
    match last_word {
        Some(w) => w + 1,
        None => end,
    }
}

/// The length of the title that opens at token `i`, if one does.
pub(crate) fn title_at(low: &Lowered, i: usize, lex: &Lexicon) -> Option<usize> {
    let mut best = None;
    let mut j = i;
    loop {
        if let Some(t) = low.longest_at(j, &lex.person_titles) {
            let end = portfolio_end(low, j + t, lex);
            best = best.max(Some(end - i));
        }
        if !qualifies_title(low.get(j), lex) {
            return best;
        }
        j += 1;
    }
}

/// The length of the title that ends just before token `end`, if one does.
pub(crate) fn title_ending(low: &Lowered, end: usize, lex: &Lexicon) -> Option<usize> {
    // The title proper ends before a portfolio that ends at `end` ("Minister of | Public
    // Security", "Secretary | for Security"), or at `end` itself.
    let mut j = end;
    while j > 0 && is_portfolio_word(low.get(j - 1), lex) {
        j -= 1;
    }
    let before_portfolio = (j < end && j > 0)
        .then(|| {
            [j - 1, j]
                .into_iter()
                .find(|&e| portfolio_end(low, e, lex) == end)
        })
        .flatten();
    let (title_end, n) = before_portfolio
        .into_iter()
        .chain([end])
        .find_map(|e| low.longest_ending(e, &lex.person_titles).map(|n| (e, n)))?;
    let mut start = title_end - n;
    while start > 0 && qualifies_title(low.get(start - 1), lex) {
        start -= 1;
    }
    Some(end - start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::clean::test_document;
    use crate::knowledge::Knowledge;
    use crate::model::Sentence;

    fn sentence(t: &str) -> Sentence {
        let doc = test_document(&format!("Body text follows here.\n{t}"), None);
        crate::text::sentences(&doc, &Knowledge::embedded().lexicon)
            .pop()
            .expect("a sentence")
    }

    /// The title of `text` starting at token `start` is `len` tokens long, read either way.
    fn assert_title(text: &str, start: usize, len: Option<usize>) {
        let lex = &Knowledge::embedded().lexicon;
        let s = sentence(text);
        let low = Lowered::new(&s);
        assert_eq!(title_at(&low, start, lex), len, "{text}");
        if let Some(n) = len {
            assert_eq!(title_ending(&low, start + n, lex), Some(n), "{text}");
        }
    }

    #[test]
    fn titles_take_their_modifiers_and_portfolio() {
        assert_title(
            "Assistant Minister of Public Security Liu Zhongyi met them.",
            0,
            Some(5),
        );
        assert_title("The Acting Governor Somchai Srisuk said so.", 1, Some(2));
        assert_title("Secretary for Security Chris Tang spoke.", 0, Some(3));
        assert_title(
            "Home Affairs Minister Saifuddin Ismail said so.",
            0,
            Some(3),
        );
        assert_title(
            "Minister for Defence Procurement Lord Bach spoke.",
            0,
            Some(4),
        );
    }

    #[test]
    fn a_modifier_alone_or_a_dangling_joiner_is_no_title() {
        assert_title("Senior Thai officers met.", 0, None);
        // "of" with no portfolio after it stays out of the title.
        assert_title("Minister Sar Sokha of Cambodia spoke.", 0, Some(1));
    }
}
