//! Where in a sentence a date can be: the date words of its tokens and, around each, the
//! patterns that can match there. The patterns of `Patterns` run on these stretches alone.

use crate::model::Sentence;

// What a sentence has that some date pattern needs, as bits.
const FOUR_DIGITS: u8 = 1;
const MONTH: u8 = 2;
const WEEKDAY: u8 = 4;
const RELATIVE: u8 = 8;

/// The date words of a token, as bits. "mid-March" and "mid-2024" are one token each: every
/// part of a hyphenated token counts. Month and weekday names count only capitalised, as the
/// patterns write them: "may" and "march" as verbs call for no month pattern.
fn token_date_words(token: &str, lower: &str) -> u8 {
    // A plain loop: tokens are short, too short for `memchr` to pay for its set-up. A token of
    // fewer than five bytes holds no hyphen and a date word ("mid-2024", "x-may" at least):
    // it is not scanned, and `date_word` says 0 of it whole when it has a hyphen.
    let bits = if lower.len() >= 5 && lower.bytes().any(|b| b == b'-') {
        lower
            .split('-')
            .fold(0, |bits, part| bits | date_word(part))
    } else {
        date_word(lower)
    };
    if bits & (MONTH | WEEKDAY) != 0
        && !token
            .split('-')
            .any(|part| part.as_bytes().first().is_some_and(u8::is_ascii_uppercase))
    {
        return bits & !(MONTH | WEEKDAY);
    }
    bits
}

/// How many tokens a date expression reaches before and after any of its date words ("end
/// of mid- March": four before; "Jan . 12 - 13 , 2024": six after), with room to spare.
const REACH_BEFORE: usize = 6;
const REACH_AFTER: usize = 8;

// The patterns of `Patterns::all`, as bits.
const ISO: u8 = 1;
const MONTH_DAY: u8 = 1 << 1;
const DAY_MONTH: u8 = 1 << 2;
const MONTH_YEAR: u8 = 1 << 3;
const MONTH_ALONE: u8 = 1 << 4;
const WEEKDAY_PATTERN: u8 = 1 << 5;
const RELATIVE_PATTERN: u8 = 1 << 6;
const YEAR: u8 = 1 << 7;

/// The patterns whose matches `resolve` can only date from the article's own date: a month
/// alone, a weekday, a relative expression.
pub(super) const NEED_THE_ARTICLE_DATE: u8 = MONTH_ALONE | WEEKDAY_PATTERN | RELATIVE_PATTERN;

/// The words that open "in March", "since 2019", "end of May": a month alone or a year
/// alone is a date only after one.
const OPENERS: [&str; 14] = [
    "in", "since", "during", "by", "until", "from", "through", "early", "late", "mid", "end",
    "start", "this", "last",
];

/// The patterns that can match around token `i`, a date word with `words` (bits of
/// `date_word`), as bits of [`Patterns::all`]. Each pattern's test is a condition that every
/// match of the pattern meets, read off the pattern itself; most month names in news stand
/// next to a day, a year or an opener, and call for one or two patterns rather than four.
fn patterns_at(s: &Sentence, i: usize, words: u8) -> u8 {
    let low = |j: usize| s.lower.get(j).map_or(&b""[..], |w| w.as_bytes());
    let digit_first = |j: usize| low(j).first().is_some_and(u8::is_ascii_digit);
    let four_digits = |j: usize| {
        low(j)
            .get(..4)
            .is_some_and(|head| head.iter().all(u8::is_ascii_digit))
    };
    // An opener is a whole word before a space: the end of its token, after any hyphen or
    // apostrophe ("built-in March").
    let opener_before = |reach: usize| {
        (i.saturating_sub(reach)..i).any(|j| {
            let w = low(j);
            let word_start = w
                .iter()
                .rposition(|b| !b.is_ascii_alphanumeric())
                .map_or(0, |p| p + 1);
            OPENERS.iter().any(|o| o.as_bytes() == &w[word_start..])
        })
    };
    // "Jan. 12", "March, 2024": the token after a month, past its period and comma.
    let after_month = {
        let mut j = i + 1;
        while matches!(low(j), b"." | b",") && j < i + 3 {
            j += 1;
        }
        j
    };
    let mut patterns = 0;
    if words & FOUR_DIGITS != 0 {
        // "2024-08-14" is one token.
        if low(i).contains(&b'-') {
            patterns |= ISO;
        }
        // "in 2019", "since early 2004", "in mid-2024".
        if opener_before(3) {
            patterns |= YEAR;
        }
    }
    if words & MONTH != 0 {
        // "March 13", "mid-March 13": a day follows the month.
        if digit_first(after_month) {
            patterns |= MONTH_DAY;
        }
        // "13 March", "13th March", "12-13 March": a day ends the token before it.
        if i > 0 {
            let before = low(i - 1);
            let day_end = before.len()
                - usize::from(
                    [&b"st"[..], b"nd", b"rd", b"th"]
                        .iter()
                        .any(|x| before.ends_with(x)),
                ) * 2;
            if before[..day_end].last().is_some_and(u8::is_ascii_digit) {
                patterns |= DAY_MONTH;
            }
        }
        // "March 2024", "March, 2024".
        if four_digits(after_month) {
            patterns |= MONTH_YEAR;
        }
        // "in March", "end of early March".
        if opener_before(4) {
            patterns |= MONTH_ALONE;
        }
    }
    if words & WEEKDAY != 0 {
        patterns |= WEEKDAY_PATTERN;
    }
    if words & RELATIVE != 0 {
        patterns |= RELATIVE_PATTERN;
    }
    patterns
}

/// The stretches of a sentence that can hold a date, as token ranges with the patterns that
/// can match in them: each date word with the tokens a pattern can reach around it,
/// overlapping stretches joined. Every match of a pattern lies inside one (it holds a date word
/// of its pattern and reaches no further), and the patterns, run on these stretches alone,
/// find what they would on the whole sentence while most of its text is never scanned.
pub(super) fn date_windows(s: &Sentence) -> Vec<(usize, usize, u8)> {
    let mut windows: Vec<(usize, usize, u8)> = Vec::new();
    for (i, (token, lower)) in s.tokens.iter().zip(&s.lower).enumerate() {
        let words = token_date_words(&token.text, lower);
        if words == 0 {
            continue;
        }
        let patterns = patterns_at(s, i, words);
        if patterns == 0 {
            continue;
        }
        let from = i.saturating_sub(REACH_BEFORE);
        let to = (i + 1 + REACH_AFTER).min(s.tokens.len());
        match windows.last_mut() {
            Some(last) if from <= last.1 => {
                last.1 = to;
                last.2 |= patterns;
            }
            _ => windows.push((from, to, patterns)),
        }
    }
    windows
}

/// The date words and what each calls for.
const DATE_WORDS: [(&str, u8); 39] = [
    ("january", MONTH),
    ("february", MONTH),
    ("march", MONTH),
    ("april", MONTH),
    ("may", MONTH),
    ("june", MONTH),
    ("july", MONTH),
    ("august", MONTH),
    ("september", MONTH),
    ("october", MONTH),
    ("november", MONTH),
    ("december", MONTH),
    ("jan", MONTH),
    ("feb", MONTH),
    ("mar", MONTH),
    ("apr", MONTH),
    ("jun", MONTH),
    ("jul", MONTH),
    ("aug", MONTH),
    ("sep", MONTH),
    ("sept", MONTH),
    ("oct", MONTH),
    ("nov", MONTH),
    ("dec", MONTH),
    ("monday", WEEKDAY),
    ("tuesday", WEEKDAY),
    ("wednesday", WEEKDAY),
    ("thursday", WEEKDAY),
    ("friday", WEEKDAY),
    ("saturday", WEEKDAY),
    ("sunday", WEEKDAY),
    ("yesterday", RELATIVE),
    ("today", RELATIVE),
    ("tonight", RELATIVE),
    ("night", RELATIVE),
    ("week", RELATIVE),
    ("weekend", RELATIVE),
    ("month", RELATIVE),
    ("year", RELATIVE),
];

/// For each first letter of a date word, its last letters as bits: a token whose first and
/// last letters no date word has ("the", "said", "police") is rejected in a few instructions,
/// before any comparison.
const DATE_WORD_ENDS: [u32; 26] = {
    let mut ends = [0u32; 26];
    let mut i = 0;
    while i < DATE_WORDS.len() {
        let w = DATE_WORDS[i].0.as_bytes();
        ends[(w[0] - b'a') as usize] |= 1 << (w[w.len() - 1] - b'a');
        i += 1;
    }
    ends
};

/// Is this lower-case word a month's name or its abbreviation ("march", "feb", "sept.")?
pub(crate) fn is_month(lower: &str) -> bool {
    date_word(lower) & MONTH != 0
}

fn date_word(w: &str) -> u8 {
    let bytes = w.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    if first.is_ascii_digit() {
        return if bytes.len() >= 4 && bytes[..4].iter().all(u8::is_ascii_digit) {
            FOUR_DIGITS
        } else {
            0
        };
    }
    // "Sept." and "Nov." are their words; a byte loop, where `trim_end_matches` would run a
    // character searcher on every token.
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1] == b'.' {
        end -= 1;
    }
    let w = &w[..end];
    let Some(&last) = w.as_bytes().last() else {
        return 0;
    };
    if !first.is_ascii_lowercase()
        || !last.is_ascii_lowercase()
        || DATE_WORD_ENDS[usize::from(first - b'a')] & (1 << (last - b'a')) == 0
    {
        return 0;
    }
    // The compiler turns this into a switch on length and a comparison or two; it must name
    // the words of DATE_WORDS (a test checks that it does).
    match w {
        "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august"
        | "september" | "october" | "november" | "december" | "jan" | "feb" | "mar" | "apr"
        | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec" => MONTH,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" => {
            WEEKDAY
        }
        "yesterday" | "today" | "tonight" | "night" | "week" | "weekend" | "month" | "year" => {
            RELATIVE
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dates::tests::{dates, doc};

    #[test]
    fn short_tokens_are_read_whole_as_their_parts_would_be() {
        // Every token split at its hyphens, as `token_date_words` does for long ones.
        let by_parts = |token: &str, lower: &str| {
            let bits = lower.split('-').fold(0, |bits, p| bits | date_word(p));
            let capitalised = token
                .split('-')
                .any(|p| p.as_bytes().first().is_some_and(u8::is_ascii_uppercase));
            if capitalised {
                bits
            } else {
                bits & !(MONTH | WEEKDAY)
            }
        };
        for token in [
            "a-b",
            "12-3",
            "1-2",
            "x-y",
            "May",
            "may",
            "Jan",
            "2024",
            "mid-May",
            "x-May",
            "mid-2024",
            "10-2024",
            "Jan-Feb",
            "2024-08-14",
            "A-B",
            "X-Mar",
        ] {
            let lower = token.to_lowercase();
            assert_eq!(
                token_date_words(token, &lower),
                by_parts(token, &lower),
                "{token}"
            );
        }
        assert_eq!(token_date_words("mid-May", "mid-may"), MONTH);
    }

    #[test]
    fn date_words_pass_the_quick_rejection() {
        for (w, bits) in DATE_WORDS {
            assert_eq!(date_word(w), bits, "{w}");
        }
        for w in [
            "april",
            "august",
            "december",
            "february",
            "january",
            "may",
            "march",
            "november",
            "october",
            "sept.",
            "sunday",
            "tuesday",
            "wednesday",
            "yesterday",
            "tonight",
            "night",
            "week",
            "weekend",
            "month",
            "year",
            "2024",
        ] {
            assert_ne!(date_word(w), 0, "{w}");
        }
        assert_eq!(date_word("police"), 0);
    }

    #[test]
    fn only_sentences_that_can_hold_a_date_are_searched() {
        let k = crate::knowledge::Knowledge::embedded();
        let holds = |text: &str| {
            let doc = doc(text, None);
            crate::text::sentences(&doc, &k.lexicon)
                .iter()
                .any(|s| !date_windows(s).is_empty())
        };
        assert!(!holds(
            "Police detained 1,214 people and 38 others at 12 sites."
        ));
        assert!(holds("They were sentenced in 2019."));
        assert!(holds("The order of 2025-08-14 stands."));
        assert!(holds("The raids resumed in mid-2024."));
        assert!(holds("Talks resumed on Sept. 3."));
        assert!(holds("Officers left Yesterday."));
        // A year in a count-only sentence still reaches the patterns (which decide).
        assert_eq!(
            dates("Officials counted 2024 workers.", None),
            Vec::<String>::new()
        );
        assert_eq!(dates("It began in 2019 with 35 workers.", None), ["2019"]);
    }

    #[test]
    fn searched_stretches_hold_whole_expressions() {
        // A verb "may" or "march" calls for no month pattern; a capitalised month does.
        let k = crate::knowledge::Knowledge::embedded();
        let windows = |text: &str| {
            let doc = doc(text, None);
            let s = crate::text::sentences(&doc, &k.lexicon);
            date_windows(&s[0])
        };
        assert!(windows("They may march to the border.").is_empty());
        assert_eq!(windows("Talks began in May.")[0].2, MONTH_ALONE);
        // A month calls for the patterns its neighbours allow: a day before or after, a
        // year after, an opener before.
        assert_eq!(windows("On 13th March they met.")[0].2, DAY_MONTH);
        assert_eq!(windows("On Jan. 12, they met.")[0].2, MONTH_DAY);
        // (A year is a number that could start a day, and "since" opens a year too.)
        assert_eq!(
            windows("Since March, 2024 they met.")[0].2,
            MONTH_DAY | MONTH_YEAR | MONTH_ALONE | YEAR
        );
        assert!(windows("March came.").is_empty());
        assert_eq!(windows("The built-in 2019 model.")[0].2, YEAR);
        assert_eq!(windows("Order 2024-08-14 stands.")[0].2, ISO);
        // Expressions at both ends of a long sentence, far apart, and one reaching far from
        // its month.
        assert_eq!(
            dates(
                "On Jan. 12 - 13, 2024 the police of three provinces, after weeks of quiet \
                 planning with officers from two neighbouring countries and the consulates of \
                 five others, raided the compound again at the end of mid-March",
                Some("2024-06-01")
            ),
            ["2024-01-12", "2024-03"]
        );
    }
}
