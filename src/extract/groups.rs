//! Quantified groups of people: "119 Thai nationals", "61 men and 58 women" (119 in all),
//! "at least 271 Indonesians", "more than 1,000 suspects", "Sixty-one Thais", "hundreds of
//! Vietnamese" (approximate: no exact count).

use super::resolve::Resolution;
use super::tokens::Lowered;
use crate::knowledge::Knowledge;
use crate::model::{EntityType, Group, Mention, Qualifier, Sentence, Span};

#[derive(Debug, Clone)]
pub struct FoundGroup {
    pub group: Group,
    pub sentence: usize,
    pub tokens: (usize, usize),
    /// A counted part of a group spoken of before ("Fifty-one of them", "six of the
    /// returnees"), which takes that group's nationality.
    pub partitive: bool,
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn word_value(w: &str) -> Option<u64> {
    // Every number word is 3 to 9 (hyphenated: up to 15) lowercase ASCII letters and starts
    // with one of seven letters: most tokens are rejected without a table scan.
    if !(3..=15).contains(&w.len())
        || !matches!(
            w.as_bytes()[0],
            b'e' | b'f' | b'n' | b'o' | b's' | b't' | b'z'
        )
    {
        return None;
    }
    if let Some(i) = ONES.iter().position(|x| *x == w) {
        return Some(i as u64);
    }
    if let Some(i) = TENS.iter().position(|x| !x.is_empty() && *x == w) {
        return Some(i as u64 * 10);
    }
    if !w.as_bytes().contains(&b'-') {
        return None;
    }
    if let Some((t, o)) = w.split_once('-') {
        let t = TENS.iter().position(|x| !x.is_empty() && *x == t)?;
        let o = ONES
            .iter()
            .position(|x| *x == o)
            .filter(|&o| (1..10).contains(&o))?;
        return Some(t as u64 * 10 + o as u64);
    }
    None
}

/// Parses a number at token `i`: digits ("1,214") or words ("One hundred fifty-seven").
/// Returns the value and the number of tokens it spans.
pub fn parse_number(low: &Lowered, i: usize) -> Option<(u64, usize)> {
    let w = low.get(i);
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let digits: String = w.chars().filter(|c| *c != ',').collect();
        if digits.chars().all(|c| c.is_ascii_digit()) && digits.len() <= 12 {
            let v: u64 = digits.parse().ok()?;
            // "1.2 million" style scales after digits.
            return match low.get(i + 1) {
                "million" => Some((v * 1_000_000, 2)),
                "thousand" => Some((v * 1_000, 2)),
                _ => Some((v, 1)),
            };
        }
        return None;
    }
    let mut total = 0u64;
    let mut current = 0u64;
    let mut j = i;
    let mut any = false;
    loop {
        let w = low.get(j);
        if let Some(v) = word_value(w) {
            current += v;
            any = true;
        } else if (w == "hundred") && any {
            current *= 100;
        } else if w == "a" && low.get(j + 1) == "hundred" && !any {
            current = 1;
            any = true;
        } else if (w == "thousand" || w == "million") && any {
            total += current * if w == "thousand" { 1_000 } else { 1_000_000 };
            current = 0;
        } else if w == "and" && any && word_value(low.get(j + 1)).is_some() {
            // "one hundred and fifty"
        } else {
            break;
        }
        j += 1;
    }
    (any && j > i).then_some((total + current, j - i))
}

pub fn find(
    sentences: &[Sentence],
    lowered: &[Lowered],
    res: &Resolution,
    k: &Knowledge,
) -> Vec<FoundGroup> {
    let mut out: Vec<FoundGroup> = Vec::new();
    // Per sentence, refilled: its state mentions, and how far each word is from a head.
    let mut states: Vec<(usize, usize, &str, bool)> = Vec::new();
    let mut heads: Vec<usize> = Vec::new();
    for (s, low) in sentences.iter().zip(lowered) {
        // Demonym or state-name mentions by start token.
        states.clear();
        states.extend(
            res.in_sentence(s.index)
                .filter(|m| res.kind(m) == EntityType::State && !m.acting)
                .map(|m| {
                    (
                        m.tokens.0,
                        m.tokens.1,
                        res.entities[m.entity].key.as_str(),
                        m.demonym,
                    )
                }),
        );
        // Nationality words in a noun phrase are demonyms ("Thai", "Kenyans"); a state's
        // name only after "from".
        let state_at = |i: usize| {
            states
                .iter()
                .find(|(a, _, _, demonym)| {
                    *a == i && (*demonym || i > 0 && low.get(i - 1) == "from")
                })
                .map(|(a, b, k, _)| (*a, *b, k.to_string()))
        };
        // Every group has a head: a people noun, a nationality (a state mention) or "them",
        // "those", "whom", a few words after the group's first word. Only the words a head
        // follows closely are searched; a sentence with no head is not searched at all.
        head_distances(low, &states, k, &mut heads);
        let mut i = 0;
        while i < low.len() {
            if heads[i] > MAX_WORDS_BEFORE_HEAD {
                i += 1;
                continue;
            }
            match group_at(s, low, i, &state_at, k) {
                Some(mut g) => {
                    // "61 men and 58 women": one group of 119.
                    if low.get(g.tokens.1) == "and" {
                        if let Some(g2) = group_at(s, low, g.tokens.1 + 1, &state_at, k) {
                            let pair = |n: &Option<String>| {
                                matches!(
                                    n.as_deref(),
                                    Some(
                                        "men" | "women" | "boys" | "girls" | "children" | "minors"
                                    )
                                )
                            };
                            if pair(&g.group.noun) && pair(&g2.group.noun) {
                                g.group.count = match (g.group.count, g2.group.count) {
                                    (Some(a), Some(b)) => Some(a + b),
                                    _ => None,
                                };
                                g.group.noun = Some("people".into());
                                g.group.nationality = g.group.nationality.or(g2.group.nationality);
                                g.tokens.1 = g2.tokens.1;
                                g.group.mention.span.end = g2.group.mention.span.end;
                            }
                        }
                    }
                    let span = g.group.mention.span;
                    // The words as written: a space only where the text has one ("Xu's").
                    let mut text = String::new();
                    let mut end = None;
                    for t in s.tokens.iter().filter(|t| span.contains(t.span)) {
                        if end.is_some_and(|e| e < t.span.start) {
                            text.push(' ');
                        }
                        text.push_str(&t.text);
                        end = Some(t.span.end);
                    }
                    g.group.mention.text = text;
                    i = g.tokens.1;
                    out.push(g);
                }
                None => i += 1,
            }
        }
    }
    inherit_nationality(&mut out);
    out
}

/// How many sentences back a part ("six of them") looks for the group it is part of.
const PARTITIVE_REACH: usize = 2;

/// How far a group's head may come after its first word: a count qualifier, a number in
/// words, "of the", modifiers and nationalities take far fewer than this.
const MAX_WORDS_BEFORE_HEAD: usize = 24;

/// For each word of a sentence, how many words on the next possible group head is (a people
/// noun, a state mention, "them", "those", "whom"), into `distances`: `usize::MAX` when none
/// follows.
fn head_distances(
    low: &Lowered,
    states: &[(usize, usize, &str, bool)],
    k: &Knowledge,
    distances: &mut Vec<usize>,
) {
    distances.clear();
    distances.resize(low.len(), usize::MAX);
    let mut next_head: Option<usize> = None;
    for i in (0..low.len()).rev() {
        let w = low.get(i);
        if matches!(w, "them" | "those" | "whom")
            || states.iter().any(|st| st.0 == i)
            || k.lexicon.people_nouns.starting_with(w).next().is_some()
        {
            next_head = Some(i);
        }
        if let Some(h) = next_head {
            distances[i] = h - i;
        }
    }
}

/// "58 Indian nationals … Fifty-one of them": a part of a group, of no nationality of its own,
/// has the nationality of the latest group before it, close by, that can hold it.
fn inherit_nationality(groups: &mut [FoundGroup]) {
    for i in 0..groups.len() {
        if !groups[i].partitive || groups[i].group.nationality.is_some() {
            continue;
        }
        let (sentence, count) = (groups[i].sentence, groups[i].group.count);
        let whole = groups[..i]
            .iter()
            .rev()
            .take_while(|g| g.sentence + PARTITIVE_REACH >= sentence)
            .find(|g| {
                g.group.nationality.is_some()
                    && match (g.group.count, count) {
                        (Some(whole), Some(part)) => whole > part,
                        _ => true,
                    }
            })
            .and_then(|g| g.group.nationality.clone());
        if whole.is_some() {
            groups[i].group.nationality = whole;
        }
    }
}

fn group_at(
    s: &Sentence,
    low: &Lowered,
    i: usize,
    state_at: &dyn Fn(usize) -> Option<(usize, usize, String)>,
    k: &Knowledge,
) -> Option<FoundGroup> {
    let lex = &k.lexicon;
    let first = low.get(i);
    let could_start = first.starts_with(|c: char| c.is_ascii_digit())
        || matches!(first, "the" | "those" | "these" | "a" | "all")
        // The word before any hyphen ("twenty-one"), found bytewise: a char pattern's
        // searcher costs more to set up than these short words take to scan.
        || word_value(
            first
                .bytes()
                .position(|b| b == b'-')
                .map_or(first, |hyphen| &first[..hyphen]),
        )
        .is_some()
        || lex.count_starts.contains(first);
    if !could_start {
        return None;
    }
    let mut j = i;
    let mut qualifier = Qualifier::Exact;
    if let Some(n) = lex
        .count_qualifiers
        .iter()
        .find(|(p, _)| low.matches_at(j, p))
    {
        // "handed over 105 citizens": "over" is the verb's particle, not "more than".
        let prev = if i > 0 { low.get(i - 1) } else { "" };
        let particle = n.0.len() == 1
            && n.0[0] == "over"
            && (prev.ends_with("ed")
                || prev.ends_with("ing")
                || matches!(prev, "hand" | "hands" | "turn" | "turns"));
        if particle {
            return None;
        }
        qualifier = n.1;
        j += n.0.len();
    }
    let count;
    let mut definite = false;
    if let Some((v, n)) = parse_number(low, j) {
        // Money, percentages and years are not people.
        if i > 0
            && matches!(
                low.get(j.saturating_sub(1)),
                "$" | "us$" | "rs" | "usd" | "#" | "no."
            )
        {
            return None;
        }
        count = Some(v);
        j += n;
    } else if let Some(n) = low.longest_at(j, &lex.approximate_counts) {
        qualifier = Qualifier::Approximate;
        count = None;
        j += n;
        if low.get(j) == "of" {
            j += 1;
        }
    } else if matches!(low.get(j), "the" | "those" | "these" | "all")
        && qualifier == Qualifier::Exact
    {
        // "the Thai nationals", "the detainees from China", "all foreigners": a known group
        // without a count.
        definite = true;
        qualifier = Qualifier::Approximate;
        count = None;
        j += 1;
        // "all the foreigners", "all of the workers"
        if low.get(j - 1) == "all" {
            j += match (low.get(j), low.get(j + 1)) {
                ("of", "the" | "those" | "these") => 2,
                ("the" | "those" | "these", _) => 1,
                _ => 0,
            };
        }
    } else {
        return None;
    }
    let mut nationality = None;
    let mut noun = None;
    let mut mods = 0;
    while j < low.len() && mods <= 3 {
        if let Some((_, e, key)) = state_at(j) {
            nationality = Some(key);
            j = e;
            // A plural demonym ("Thais", "Taiwanese") is itself the head noun.
            if low.longest_at(j, &lex.people_nouns).is_none() {
                noun = Some(low.words[j - 1].to_owned());
                break;
            }
            continue;
        }
        if let Some(n) = low.longest_at(j, &lex.people_nouns) {
            noun = Some(low.words[j..j + n].join(" "));
            j += n;
            break;
        }
        if lex.group_modifiers.contains(low.get(j)) {
            j += 1;
            mods += 1;
            continue;
        }
        break;
    }
    // A counted part of a group named by its noun: of one's own people ("287 of its
    // citizens"), or of a group spoken of before, after an article or a possessive of up to
    // three words ("six of the returnees", "two of Xu's associates").
    if count.is_some() && !definite && low.get(j) == "of" {
        let noun_at = match low.get(j + 1) {
            "its" | "their" | "our" | "his" | "her" => Some((j + 2, false)),
            "the" | "these" | "those" => Some((j + 2, true)),
            _ => (j + 2..j + 5)
                .find(|&x| low.get(x) == "'s")
                .map(|x| (x + 1, true)),
        };
        if let Some((at, partitive)) = noun_at {
            if let Some(n) = low.longest_at(at, &lex.people_nouns) {
                return finish(
                    s,
                    i,
                    at + n,
                    None,
                    count,
                    qualifier,
                    Some(low.words[at..at + n].join(" ")),
                )
                .map(|g| FoundGroup { partitive, ..g });
            }
        }
    }
    // "deported 1,870 of them": a counted part of a group spoken of before; "detained 212
    // workers, 180 of them Chinese nationals": one whose nationality it says.
    if count.is_some()
        && !definite
        && low.get(j) == "of"
        && matches!(low.get(j + 1), "them" | "those" | "whom")
    {
        let mut end = j + 2;
        let mut nationality = None;
        let mut noun = "people".to_string();
        let at = end + usize::from(matches!(low.get(end), "were" | "are" | "being"));
        if let Some((_, e, key)) = state_at(at) {
            nationality = Some(key);
            end = e;
            noun = match low.longest_at(e, &lex.people_nouns) {
                Some(n) => {
                    end = e + n;
                    low.words[e..end].join(" ")
                }
                None => low.words[e - 1].to_owned(),
            };
        }
        return finish(s, i, end, nationality, count, qualifier, Some(noun)).map(|g| FoundGroup {
            partitive: true,
            ..g
        });
    }
    // In a breakdown: "412 were Chinese", "96 from Myanmar".
    if noun.is_none() && count.is_some() && !definite {
        let k0 = if matches!(low.get(j), "were" | "are" | "was") {
            j + 1
        } else {
            j
        };
        if let Some((_, e, key)) = state_at(k0).filter(|_| k0 > j || low.get(j) == "from") {
            let _ = e;
            nationality = Some(key);
            noun = Some(low.get(k0).to_string());
            j = state_at(k0).map_or(k0 + 1, |x| x.1);
        } else if low.get(j) == "from" {
            if let Some((_, e, key)) = state_at(j + 1) {
                nationality = Some(key);
                noun = Some("people".to_string());
                j = e;
            }
        }
        if noun.is_some() && !matches!(low.get(j), "," | "and" | "." | ";" | "" | "\u{2014}" | ")")
        {
            return None;
        }
        if noun.is_some() {
            return finish(s, i, j, nationality, count, qualifier, noun);
        }
    }
    let noun = noun?;
    // A bare demonym adjective must head the phrase as a plural ("75 Taiwanese"), not modify
    // a non-person noun ("3 Thai boats").
    if nationality.is_some() && noun_is_demonym(&noun) && matches!(low.get(j), "-" | "\u{2013}") {
        return None;
    }
    if nationality.is_some() && low.get(j).chars().next().is_some_and(char::is_alphabetic) {
        let next = low.get(j);
        if !matches!(
            next,
            "and"
                | "or"
                | "were"
                | "was"
                | "are"
                | "who"
                | "had"
                | "have"
                | "in"
                | "at"
                | "from"
                | "to"
                | "on"
                | "during"
                | "after"
                | "before"
                | "into"
                | "among"
                | "including"
                | "with"
                | "as"
                | "while"
                | "being"
                | "this"
                | "that"
                | "last"
                | "since"
                | "by"
                | "for"
                | "when"
                | "remain"
                | "remained"
        ) && noun_is_demonym(&noun)
            && s.tokens.get(j).is_some_and(|t| !t.is_capitalised())
        {
            return None;
        }
    }
    // "nationals from Thailand"
    if nationality.is_none() && low.get(j) == "from" {
        if let Some((_, e, key)) = state_at(j + 1) {
            nationality = Some(key);
            j = e;
        }
    }
    // "the workers" needs a nationality to say which; "all foreigners" says it.
    if definite && nationality.is_none() && first != "all" {
        return None;
    }
    finish(s, i, j, nationality, count, qualifier, Some(noun))
}

fn finish(
    s: &Sentence,
    i: usize,
    j: usize,
    nationality: Option<String>,
    count: Option<u64>,
    qualifier: Qualifier,
    noun: Option<String>,
) -> Option<FoundGroup> {
    let span = Span::new(s.tokens[i].span.start, s.tokens[j - 1].span.end);
    Some(FoundGroup {
        group: Group {
            nationality,
            count,
            qualifier,
            noun,
            mention: Mention {
                sentence: s.index,
                span,
                text: String::new(),
            },
        },
        sentence: s.index,
        tokens: (i, j),
        partitive: false,
    })
}

fn noun_is_demonym(noun: &str) -> bool {
    noun.chars().next().is_some_and(|c| c.is_alphabetic())
        && !matches!(noun, "people" | "nationals" | "citizens" | "men" | "women")
        && noun.split_whitespace().count() == 1
        && !noun.ends_with('s')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::clean::test_document;

    fn groups(text: &str) -> Vec<(Option<String>, Option<u64>, Qualifier)> {
        let k = Knowledge::embedded();
        let doc = test_document(&format!("Opening sentence here.\n{text}"), None);
        let sents = crate::text::sentences(&doc, &k.lexicon);
        let low = crate::extract::tokens::lowered(&sents);
        let found = super::super::mentions::find(&doc, &sents, &low, k);
        let res = super::super::resolve::resolve(&doc, &sents, &low, found, k);
        find(&sents, &low, &res, k)
            .into_iter()
            .map(|g| (g.group.nationality, g.group.count, g.group.qualifier))
            .collect()
    }

    #[test]
    fn counts_nationalities_and_qualifiers() {
        let g = groups("Laos expelled 40 Vietnamese nationals and at least 12 Kenyans, and more than 1,000 suspects.");
        assert_eq!(
            g,
            vec![
                (Some("state/vietnam".into()), Some(40), Qualifier::Exact),
                (Some("state/kenya".into()), Some(12), Qualifier::AtLeast),
                (None, Some(1000), Qualifier::MoreThan),
            ]
        );
    }

    #[test]
    fn number_words_and_sums() {
        let g = groups("Sixty-one Thais were freed. The group of 20 men and 15 women left. One hundred fifty-seven workers waited.");
        assert_eq!(
            g[0],
            (Some("state/thailand".into()), Some(61), Qualifier::Exact)
        );
        assert_eq!(g[1], (None, Some(35), Qualifier::Exact));
        assert_eq!(g[2], (None, Some(157), Qualifier::Exact));
    }

    #[test]
    fn people_named_by_their_trade_or_plight_are_groups() {
        let g = groups(
            "Police detained three executives of the firm. Twelve fishermen and 40 refugees were held.",
        );
        assert_eq!(
            g,
            vec![
                (None, Some(3), Qualifier::Exact),
                (None, Some(12), Qualifier::Exact),
                (None, Some(40), Qualifier::Exact),
            ]
        );
    }

    #[test]
    fn every_number_word_has_a_value() {
        for (i, w) in ONES.iter().enumerate() {
            assert_eq!(word_value(w), Some(i as u64), "{w}");
        }
        for (i, w) in TENS.iter().enumerate().skip(2) {
            assert_eq!(word_value(w), Some(i as u64 * 10), "{w}");
        }
        assert_eq!(word_value("ninety-nine"), Some(99));
        assert_eq!(word_value("nineteenth"), None);
    }

    #[test]
    fn approximate_and_not_people() {
        let g = groups(
            "Police held hundreds of Indonesians. They seized 300 phones and US$40 million.",
        );
        assert_eq!(
            g,
            vec![(Some("state/indonesia".into()), None, Qualifier::Approximate)]
        );
    }
}
