//! The gazetteer pass: every surface of a known state, demonym, person, body or place, longest
//! first, whole tokens only; datelines in capitals; facilities of known places ("Bokeo
//! international airport", "Mae Sot–Myawaddy border crossing"); titles before known people.

use super::{coverage, RawMention};
use crate::extract::tokens::Lowered;
use crate::knowledge::{Knowledge, SurfaceKind};
use crate::model::{Document, EntityType, Sentence, Span, Token};

pub(super) fn title_case(w: &str) -> String {
    if w.is_ascii() {
        // Datelines are mostly ASCII capitals: no Unicode case tables needed.
        let mut out = w.as_bytes().to_vec();
        let mut start = true;
        for b in &mut out {
            if start {
                b.make_ascii_uppercase();
            } else {
                b.make_ascii_lowercase();
            }
            start = !b.is_ascii_alphanumeric();
        }
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = String::new();
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// A word in capitals (hyphens allowed) of at least `min_chars` characters: "BANGKOK", "PHNOM".
fn in_capitals(word: &str, min_chars: usize) -> bool {
    // Most tokens fail on their second letter, before any counting.
    word.chars().all(|c| c.is_uppercase() || c == '-') && word.chars().count() >= min_chars
}

/// A dateline city no list names: words in capitals that open the line and a comma, then a
/// known state or place, a date or both, and the dash that ends the dateline ("GLASGOW,
/// United Kingdom - …", "SALVADOR, Feb 26 - …", "MAE SOT, Tak (Reuters) – …"). It lies in
/// that state, or in that place.
fn unknown_dateline_city(doc: &Document, s: &Sentence, known: &[RawMention]) -> Option<RawMention> {
    let opens_line = doc.text[..s.span.start].ends_with('\n') || s.span.start == 0;
    let end = s
        .tokens
        .iter()
        .take(3)
        .take_while(|t| in_capitals(&t.text, 2))
        .count();
    if !opens_line || end == 0 || s.tokens.get(end).is_none_or(|t| t.text != ",") {
        return None;
    }
    let text_at = |j: usize| s.tokens.get(j).map_or("", |t| t.text.as_str());
    let mut next = end + 1;
    let region = known
        .iter()
        .find(|m| m.tokens.0 == next && matches!(m.kind, EntityType::State | EntityType::Place));
    if let Some(r) = region {
        next = r.tokens.1 + usize::from(text_at(r.tokens.1) == ",");
    }
    let month = s
        .lower
        .get(next)
        .is_some_and(|w| crate::extract::dates::is_month(w));
    if month {
        let day = text_at(next + 1);
        next += 1 + usize::from(!day.is_empty() && day.bytes().all(|b| b.is_ascii_digit()));
    } else if region.is_none() {
        return None;
    }
    // The dash may follow an agency's name in brackets: "(Reuters) –".
    if text_at(next) == "(" {
        next = (next..s.tokens.len().min(next + 6)).find(|&j| text_at(j) == ")")? + 1;
    }
    if !matches!(text_at(next), "-" | "\u{2013}" | "\u{2014}") {
        return None;
    }
    // "RIO DE JANEIRO": the words that join a name's parts stay in lower case.
    let words: Vec<String> = s.tokens[..end]
        .iter()
        .enumerate()
        .map(|(j, t)| {
            if j > 0 && super::context::is_connector(&s.lower[j]) {
                s.lower[j].to_string()
            } else {
                title_case(&t.text)
            }
        })
        .collect();
    Some(RawMention {
        sentence: s.index,
        tokens: (0, end),
        span: Span::new(s.tokens[0].span.start, s.tokens[end - 1].span.end),
        kind: EntityType::Place,
        name: words.join(" "),
        extra_aliases: Vec::new(),
        entry: None,
        demonym: false,
        acting: false,
        title: None,
        country: region.and_then(|r| r.country.clone()),
        acronym: None,
        within: region
            .filter(|r| r.kind == EntityType::Place)
            .map(|r| r.name.clone()),
    })
}

/// Drops the items at `indices`, keeping the order of the rest.
fn remove_indices<T>(items: &mut Vec<T>, indices: &[usize]) {
    let mut index = 0;
    items.retain(|_| {
        index += 1;
        !indices.contains(&(index - 1))
    });
}

pub(super) fn gazetteer_pass(
    doc: &Document,
    s: &Sentence,
    low: &Lowered,
    k: &Knowledge,
) -> Vec<RawMention> {
    let g = &k.gazetteer;
    let text = doc.slice(s.span);
    let base = s.span.start;
    let mut out = Vec::new();
    // Token by token, the longest surface starting at each token. A surface that does not end
    // on a token's end ("South Korea" in "South Koreans") is no mention, and the tokens it
    // covers are not looked at again; one inside a token ("Cambodia-South Korea") is never
    // tried, so it hides nothing after it ("Korea").
    let mut next = 0;
    let mut found = Vec::new();
    for (i, t) in s.tokens.iter().enumerate() {
        if i < next {
            continue;
        }
        let from = t.span.start - base;
        let Some((surface_index, len)) = g.longest_at(&t.text, &text[from..]) else {
            continue;
        };
        let end = t.span.start + len;
        next = s.tokens[i..]
            .iter()
            .position(|u| u.span.start >= end)
            .map_or(s.tokens.len(), |k| i + k);
        // The surface's last token: the one before `next` when it ends where the surface does.
        if next > i && s.tokens[next - 1].span.end == end {
            found.push((i, next - 1, surface_index));
        }
    }
    for (t0, t1, surface_index) in found {
        let start = s.tokens[t0].span.start;
        let end = s.tokens[t1].span.end;
        // "US$40 billion" is money, not the United States.
        if super::before_currency(&text[end - base..]) {
            continue;
        }
        let surface = &g.surfaces[surface_index].1;
        let entry = &g.entries[surface.entry];
        let demonym = surface.kind == SurfaceKind::Demonym;
        // "Thai" in "Thai nationals" or "Cambodian authorities": acting when followed by an
        // authority noun.
        let acting = entry.kind == EntityType::State
            && (low.longest_at(t1 + 1, &k.lexicon.authority_nouns).is_some()
                || (low.get(t1 + 1) == "'s"
                    && low.longest_at(t1 + 2, &k.lexicon.authority_nouns).is_some())
                || preceded_by_authority_of(low, t0, k)
                || coordinated_authority(low, t1, k));
        out.push(RawMention {
            sentence: s.index,
            tokens: (t0, t1 + 1),
            span: Span::new(start, end),
            kind: entry.kind,
            name: entry.name.clone(),
            extra_aliases: Vec::new(),
            entry: Some(surface.entry),
            demonym,
            acting,
            title: None,
            country: entry.country.clone(),
            acronym: None,
            within: None,
        });
    }
    // Datelines in capitals: "BANGKOK, Thailand —", "WASHINGTON/LONDON".
    for i in 0..s.tokens.len().min(6) {
        let t = &s.tokens[i];
        if !in_capitals(&t.text, 3) || out.iter().any(|m| m.tokens.0 <= i && i < m.tokens.1) {
            continue;
        }
        for len in (1..=3).rev() {
            if i + len > s.tokens.len() {
                continue;
            }
            let words: Vec<String> = s.tokens[i..i + len]
                .iter()
                .map(|t| title_case(&t.text))
                .collect();
            if let Some((entry_index, _)) = g.lookup_index(&words.join(" ")) {
                let entry = &g.entries[entry_index];
                let idx = Some(entry_index);
                out.push(RawMention {
                    sentence: s.index,
                    tokens: (i, i + len),
                    span: Span::new(t.span.start, s.tokens[i + len - 1].span.end),
                    kind: entry.kind,
                    name: entry.name.clone(),
                    extra_aliases: Vec::new(),
                    entry: idx,
                    demonym: false,
                    acting: false,
                    title: None,
                    country: entry.country.clone(),
                    acronym: None,
                    within: None,
                });
                break;
            }
        }
        if i == 0 && !out.iter().any(|m| m.tokens.0 == 0) {
            if let Some(city) = unknown_dateline_city(doc, s, &out) {
                out.push(city);
            }
        }
    }
    // "Bokeo international airport": a known place with a facility word is a place of its own.
    // Which mention covers each token, as `out` stood before any facility: made at the first
    // facility, which is also the first change to `out` (most sentences have none).
    let mut claimed: Option<Vec<Option<usize>>> = None;
    let mut absorbed: Vec<usize> = Vec::new();
    for mi in 0..out.len() {
        let m = &out[mi];
        if m.kind != EntityType::Place {
            continue;
        }
        if let Some(n) = low.longest_at(m.tokens.1, &k.lexicon.facility_heads) {
            let end = m.tokens.1 + n;
            // A crossing between twin towns is named by both: "Klong Luek–Poipet
            // international checkpoint" (the other town known or not).
            let claimed = claimed.get_or_insert_with(|| coverage(s, &out));
            let twin = twin_town_start(s, m.tokens.0, claimed, &out);
            let m = &mut out[mi];
            if let Some((start, other)) = twin {
                m.tokens.0 = start;
                m.span = Span::new(s.tokens[start].span.start, m.span.end);
                absorbed.extend(other);
            }
            m.span = Span::new(m.span.start, s.tokens[end - 1].span.end);
            m.extra_aliases.push(m.name.clone());
            m.within = Some(m.name.clone());
            m.name = doc.slice(m.span).to_string();
            m.tokens.1 = end;
            m.country = m.entry.and_then(|e| g.entries[e].country.clone());
            m.entry = None;
        }
    }
    remove_indices(&mut out, &absorbed);
    // A known town that ends a titled person's name is the surname: "Foreign Secretary Joe
    // Clark", "President George Washington" — a free capitalised word between the title and
    // the town, and no capitalised word after it ("Manchester City").
    let is_surname = |m: &RawMention, all: &[RawMention]| {
        let (a, b) = m.tokens;
        m.kind == EntityType::Place
            && m.entry.is_some_and(|e| g.entries[e].class != "region")
            && b == a + 1
            && a >= 2
            && s.tokens[a - 1].is_capitalised_word()
            && !all.iter().any(|o| o.tokens.0 < a && a <= o.tokens.1)
            && !super::is_acronym(&s.tokens[a - 1].text)
            && !k.lexicon.is_common_lower(low.get(a - 1))
            && !k.lexicon.organisation_heads.contains(low.get(a - 1))
            && super::titles::title_ending(low, a - 1, &k.lexicon).is_some()
            && !s.tokens.get(b).is_some_and(Token::is_capitalised_word)
    };
    let surnames: Vec<usize> = (0..out.len())
        .filter(|&i| is_surname(&out[i], &out))
        .collect();
    remove_indices(&mut out, &surnames);
    // Titles before gazetteer people ("Cambodian Prime Minister Hun Manet").
    for m in out.iter_mut().filter(|m| m.kind == EntityType::Person) {
        if let Some(n) = super::titles::title_ending(low, m.tokens.0, &k.lexicon) {
            m.title = Some(low.words[m.tokens.0 - n..m.tokens.0].join(" "));
        }
    }
    out
}

/// Where the other town of a twin-town name starts, joined to the known place at `place` by a
/// dash with no spaces ("Klong Luek–Poipet"): a known place ending at the dash (returned too,
/// to be absorbed), or up to three free capitalised tokens.
fn twin_town_start(
    s: &Sentence,
    place: usize,
    claimed: &[Option<usize>],
    ms: &[RawMention],
) -> Option<(usize, Option<usize>)> {
    let toks = &s.tokens;
    let dash = place.checked_sub(1)?;
    let joined = dash >= 1
        && matches!(toks[dash].text.as_str(), "\u{2013}" | "\u{2014}" | "-")
        && toks[dash - 1].span.end == toks[dash].span.start
        && toks[dash].span.end == toks[place].span.start;
    if !joined {
        return None;
    }
    if let Some(o) = claimed[dash - 1] {
        let other = &ms[o];
        return (other.kind == EntityType::Place && other.tokens.1 == dash)
            .then_some((other.tokens.0, Some(o)));
    }
    let mut start = dash;
    while start > 0
        && dash - start < 3
        && claimed[start - 1].is_none()
        && toks[start - 1].is_capitalised_word()
    {
        start -= 1;
    }
    (start < dash).then_some((start, None))
}

/// "the governments of Thailand and Cambodia", "security forces in Laos".
fn preceded_by_authority_of(low: &Lowered, t0: usize, k: &Knowledge) -> bool {
    let mut i = t0;
    for _ in 0..3 {
        if i >= 2 && matches!(low.get(i - 1), "of" | "in") {
            return low
                .longest_ending(i - 1, &k.lexicon.authority_nouns)
                .is_some();
        }
        // Step back over a coordinated state: "of Thailand and Cambodia".
        if i >= 3 && matches!(low.get(i - 1), "and" | ",") {
            i -= 2;
            continue;
        }
        break;
    }
    false
}

/// "Vietnamese and Lao police": a state coordinated with an acting one acts too.
fn coordinated_authority(low: &Lowered, t1: usize, k: &Knowledge) -> bool {
    matches!(low.get(t1 + 1), "and" | ",")
        && (3..=4).any(|d| low.longest_at(t1 + d, &k.lexicon.authority_nouns).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_of_capitals() {
        assert_eq!(title_case("PHNOM"), "Phnom");
        assert_eq!(title_case("WASHINGTON/LONDON"), "Washington/London");
        assert_eq!(title_case("ÉMIRATS"), "Émirats");
        assert_eq!(title_case("U.S."), "U.S.");
    }

    /// (name, country) of the place mentions of a text.
    fn places(text: &str) -> Vec<(String, Option<String>)> {
        let doc = crate::ingest::clean::test_document(text, None);
        let k = crate::knowledge::Knowledge::embedded();
        let sentences = crate::text::sentences(&doc, &k.lexicon);
        super::super::find(
            &doc,
            &sentences,
            &crate::extract::tokens::lowered(&sentences),
            k,
        )
        .mentions
        .into_iter()
        .filter(|m| m.kind == EntityType::Place)
        .map(|m| (m.name, m.country))
        .collect()
    }

    #[test]
    fn a_dateline_names_a_city_no_list_knows() {
        assert_eq!(
            places("Headline here\nGLASGOW, United Kingdom - The agency said on Monday."),
            [("Glasgow".to_string(), Some("GB".to_string()))]
        );
        assert_eq!(
            places("Headline\nRIO DE JANEIRO, Feb 26 - Rains fell across the state."),
            [("Rio de Janeiro".to_string(), None)]
        );
        assert_eq!(
            places("Headline\nSOUTH HOLLOWAY, Kenya, March 6 (Reuters) \u{2013} Rains fell."),
            [("South Holloway".to_string(), Some("KE".to_string()))]
        );
        // No dash, no line start, or no state, place or date after the comma: no dateline.
        assert!(places("Headline\nURGENT, Kenya said the talks would go on.").is_empty());
        assert!(places("He said: NOTE, Kenya - is next.").is_empty());
        assert!(places("Headline\nUPDATE, the talks - continued.").is_empty());
    }
}
