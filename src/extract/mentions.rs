//! Mentions: spans that name a Person, State, Organisation or Place.
//!
//! Two passes per sentence: the gazetteer (every state and demonym of the country data, the
//! region's people, bodies and places), then context cues for names in no list — titles
//! ("Pol Gen X", "Interior Minister X"), organisation heads and suffixes ("Ministry of …",
//! "… Police"), place cues ("X province", "the border town of X", "… Checkpoint").

use super::tokens::Lowered;
use crate::knowledge::{Knowledge, SurfaceKind};
use crate::model::{Document, EntityType, Sentence, Span};
use compact_str::CompactString;

#[derive(Debug, Clone)]
pub struct RawMention {
    pub sentence: usize,
    /// Token range `[start, end)` within the sentence.
    pub tokens: (usize, usize),
    pub span: Span,
    pub kind: EntityType,
    /// Canonical name: the gazetteer name, or the title-free, suffix-free surface.
    pub name: String,
    /// Other names this mention supplies (the bare name of "Thai Ministry of Foreign Affairs").
    pub extra_aliases: Vec<String>,
    pub entry: Option<usize>,
    /// A demonym ("Thai", "Thais") rather than the state's name.
    pub demonym: bool,
    /// A state acting through its authorities: "Cambodian police", "the Thai government".
    pub acting: bool,
    /// The person title or role seen with it ("prime minister").
    pub title: Option<String>,
    /// ISO alpha-2 of the state a body or place belongs to, when the text or data says.
    pub country: Option<String>,
    /// "(AKP)" right after the mention.
    pub acronym: Option<String>,
    /// For a facility of a known place ("Bokeo international airport"): that place's name.
    pub within: Option<String>,
}

/// Capitalised tokens that no pass claimed: candidates for coreference ("Manet", "BI").
#[derive(Debug, Clone)]
pub struct Leftover {
    pub sentence: usize,
    pub token: usize,
    pub span: Span,
    pub text: String,
}

pub struct Found {
    pub mentions: Vec<RawMention>,
    pub leftovers: Vec<Leftover>,
}

/// Lower-case words that may join the parts of a name ("Ministry of Foreign Affairs").
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "and" | "for" | "the" | "on" | "de" | "al" | "against" | "&"
    )
}

fn is_acronym(t: &str) -> bool {
    // Most tokens fail on their second character: checked before counting letters.
    if t.is_ascii() {
        let b = t.as_bytes();
        return b
            .iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
            && b.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && t.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

fn name_like(t: &crate::model::Token) -> bool {
    t.is_word() && t.is_capitalised()
}

/// Runs the gazetteer and context passes over every sentence.
pub fn find(doc: &Document, sentences: &[Sentence], k: &Knowledge) -> Found {
    let mut mentions = Vec::new();
    let mut leftovers = Vec::new();
    for s in sentences {
        let low = Lowered::new(s);
        let mut gaz = gazetteer_pass(doc, s, &low, k);
        let covered: Vec<Option<usize>> = coverage(s, &gaz);
        let mut ctx = context_pass(doc, s, &low, &gaz, &covered, k);
        // A context organisation that swallows a state token ("Royal Cambodian Armed Forces")
        // keeps the state mention: the text does name the state.
        gaz.append(&mut ctx);
        gaz.sort_by_key(|m| (m.tokens.0, m.tokens.1));
        if !s.is_heading {
            listed_places(doc, s, &low, &mut gaz, k);
        }
        attach_acronyms(s, &mut gaz);
        let claimed = coverage(s, &gaz);
        for (i, t) in s.tokens.iter().enumerate() {
            if claimed[i].is_none() && name_like(t) && !k.lexicon.is_common_lower(&s.lower[i]) {
                leftovers.push(Leftover {
                    sentence: s.index,
                    token: i,
                    span: t.span,
                    text: t.text.to_string(),
                });
            }
        }
        let _ = &low;
        mentions.extend(gaz);
    }
    Found {
        mentions,
        leftovers,
    }
}

/// Unknown names listed with known places are places: "in Delhi, Mumbai, Chandigarh and
/// Gopalganj". A name joins the list after a place and a comma when the list goes on after it,
/// or after a place and "and"/"or"; or before "and"/"or" and a place when a preposition or a
/// comma opens it.
fn listed_places(
    doc: &Document,
    s: &Sentence,
    low: &Lowered,
    ms: &mut Vec<RawMention>,
    k: &Knowledge,
) {
    // Every list this rule reads contains a known place.
    if !ms.iter().any(|m| m.kind == EntityType::Place) {
        return;
    }
    let n = s.tokens.len();
    let mut i = 0;
    let mut claimed = coverage(s, ms);
    while i < n {
        let place_ending_at = |end: usize| {
            claimed[end - 1]
                .is_some_and(|m| ms[m].kind == EntityType::Place && ms[m].tokens.1 == end)
        };
        let place_starting_at = |start: usize| {
            start < n
                && claimed[start]
                    .is_some_and(|m| ms[m].kind == EntityType::Place && ms[m].tokens.0 == start)
        };
        let free_name = |j: usize| claimed[j].is_none() && name_like(&s.tokens[j]);
        if !free_name(i) {
            i += 1;
            continue;
        }
        let a = i;
        let mut b = i;
        while b < n && free_name(b) && b - a < 4 {
            b += 1;
        }
        i = b;
        // "… Embassy in Bangkok and Consulate in Chiang Mai": a body's head word is no place.
        let head = low.get(b - 1);
        if k.lexicon.is_common_lower(low.get(b - 1))
            || low.get(b) == "'s"
            || k.lexicon.organisation_heads.contains(head)
            || k.lexicon.facility_heads.ending_with(head).next().is_some()
        {
            continue;
        }
        let joins = |j: usize| matches!(low.get(j), "and" | "or");
        let after_place = a >= 2
            && place_ending_at(a - 1)
            && ((low.get(a - 1) == "," && (low.get(b) == "," || joins(b)))
                || (joins(a - 1) && !matches!(low.get(b), "said" | "says" | "told")));
        let before_place = joins(b)
            && place_starting_at(b + 1)
            && a >= 1
            && matches!(
                low.get(a - 1),
                "in" | "from" | "to" | "at" | "near" | "across" | "between" | ","
            );
        if after_place || before_place {
            let name = surface(doc, s, a, b);
            ms.push(make(doc, s, a, b, EntityType::Place, name));
            ms.sort_by_key(|m| (m.tokens.0, m.tokens.1));
            claimed = coverage(s, ms);
            // A later name may join the list through this one.
            i = a + 1;
        }
    }
}

fn title_case(w: &str) -> String {
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

fn coverage(s: &Sentence, ms: &[RawMention]) -> Vec<Option<usize>> {
    let mut v = vec![None; s.tokens.len()];
    for (mi, m) in ms.iter().enumerate() {
        for slot in v.iter_mut().take(m.tokens.1).skip(m.tokens.0) {
            *slot = Some(mi);
        }
    }
    v
}

fn gazetteer_pass(doc: &Document, s: &Sentence, low: &Lowered, k: &Knowledge) -> Vec<RawMention> {
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
        if text[end - base..].starts_with('$') {
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
        let caps =
            t.text.chars().count() >= 3 && t.text.chars().all(|c| c.is_uppercase() || c == '-');
        if !caps || out.iter().any(|m| m.tokens.0 <= i && i < m.tokens.1) {
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
    }
    // "Bokeo international airport": a known place with a facility word is a place of its own.
    let claimed = coverage(s, &out);
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
            let twin = twin_town_start(s, m.tokens.0, &claimed, &out);
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
    let mut index = 0;
    out.retain(|_| {
        index += 1;
        !absorbed.contains(&(index - 1))
    });
    // Titles before gazetteer people ("Cambodian Prime Minister Hun Manet").
    for m in out.iter_mut().filter(|m| m.kind == EntityType::Person) {
        if let Some(n) = low.longest_ending(m.tokens.0, &k.lexicon.person_titles) {
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
        && name_like(&toks[start - 1])
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

fn make(
    doc: &Document,
    s: &Sentence,
    a: usize,
    b: usize,
    kind: EntityType,
    name: String,
) -> RawMention {
    let span = Span::new(s.tokens[a].span.start, s.tokens[b - 1].span.end);
    let _ = doc;
    RawMention {
        sentence: s.index,
        tokens: (a, b),
        span,
        kind,
        name,
        extra_aliases: Vec::new(),
        entry: None,
        demonym: false,
        acting: false,
        title: None,
        country: None,
        acronym: None,
        within: None,
    }
}

fn surface(doc: &Document, s: &Sentence, a: usize, b: usize) -> String {
    doc.text[s.tokens[a].span.start..s.tokens[b - 1].span.end].to_string()
}

fn context_pass(
    doc: &Document,
    s: &Sentence,
    low: &Lowered,
    gaz: &[RawMention],
    covered: &[Option<usize>],
    k: &Knowledge,
) -> Vec<RawMention> {
    let lex = &k.lexicon;
    let toks = &s.tokens;
    let n = toks.len();
    let mut out = Vec::new();
    let is_state_tok = |i: usize| covered[i].is_some_and(|m| gaz[m].kind == EntityType::State);
    let blocked = |i: usize| covered[i].is_some_and(|m| gaz[m].kind != EntityType::State);
    let mut i = 0;
    while i < n {
        if blocked(i) || !name_like(&toks[i]) {
            i += 1;
            continue;
        }
        // Grow a run of capitalised tokens, through connectors, hyphens and state tokens.
        let a = i;
        let mut b = i + 1;
        loop {
            if b < n && !blocked(b) && name_like(&toks[b]) {
                b += 1;
                continue;
            }
            let glue = b + 1 < n
                && !blocked(b + 1)
                && name_like(&toks[b + 1])
                // "in Bavet on Friday": a common word ends the name unless a name goes on.
                && (!k.lexicon.is_common_lower(low.get(b + 1))
                    || toks.get(b + 2).is_some_and(|t| name_like(t) && !blocked(b + 2)))
                && (is_connector(low.get(b))
                    || (matches!(low.get(b), "-" | "\u{2013}" | "'s")
                        && toks[b].span.start == toks[b - 1].span.end));
            if glue {
                b += 2;
                continue;
            }
            if b + 2 < n
                && low.get(b) == "of"
                && low.get(b + 1) == "the"
                && name_like(&toks[b + 2])
                && !blocked(b + 2)
            {
                b += 3;
                continue;
            }
            break;
        }
        i = b;
        if s.is_heading {
            continue;
        }
        classify_run(doc, s, low, a, b, &is_state_tok, gaz, covered, k, &mut out);
        let _ = lex;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn classify_run(
    doc: &Document,
    s: &Sentence,
    low: &Lowered,
    mut a: usize,
    mut b: usize,
    is_state_tok: &dyn Fn(usize) -> bool,
    gaz: &[RawMention],
    covered: &[Option<usize>],
    k: &Knowledge,
    out: &mut Vec<RawMention>,
) {
    let lex = &k.lexicon;
    // Trim connectors and common words at the start: capitalised for their place at the start
    // of a sentence. Inside a sentence, a body's name keeps the common words that open names
    // ("the Foreign Ministry", "the First National Bank"); any other run drops them.
    let opens_clause = |i: usize| {
        i == 0
            || matches!(
                low.get(i - 1),
                "\"" | "\u{201c}" | "\u{2018}" | "'" | "(" | ":"
            )
    };
    let trim_from = |mut a: usize, keep_openers: bool| {
        while a < b
            && (lex.is_common_lower(low.get(a))
                && !is_state_tok(a)
                && !(keep_openers && !opens_clause(a) && lex.name_openers.contains(low.get(a)))
                || is_connector(low.get(a)))
        {
            a += 1;
        }
        a
    };
    let kept = trim_from(a, true);
    a = if ends_with_org_head(&low.words[kept..b], lex) {
        kept
    } else {
        trim_from(a, false)
    };
    while b > a && (is_connector(low.get(b - 1)) || low.get(b - 1) == "'s") {
        b -= 1;
    }
    // Leading states/demonyms are a prefix, not the name: "Thai Ministry of Foreign Affairs".
    let mut prefix_state: Option<usize> = None;
    while a < b && is_state_tok(a) {
        prefix_state = covered[a];
        a += 1;
        if low.get(a) == "'s" {
            a += 1;
        }
    }
    if a >= b {
        return;
    }
    // Possessive state right before the run: "Laos' Public Security Bureau".
    if prefix_state.is_none()
        && a >= 2
        && matches!(low.get(a - 1), "'s" | "'")
        && is_state_tok(a - 2)
    {
        prefix_state = covered[a - 2];
    }
    let run_low = &low.words[a..b];
    // Most runs make no mention: the surface is copied only for those that do.
    let text = || surface(doc, s, a, b);
    let prefix_country = prefix_state.and_then(|m| gaz[m].country.clone());

    // 1. A title opens the run: "Pol Gen Thatchai Pitaneelaboot", "Interior Minister Sar Kheng".
    if let Some(tl) = low.longest_at(a, &lex.person_titles) {
        let rest = a + tl;
        if rest < b && !ends_with_org_head(run_low, lex) && name_tokens_ok(s, rest, b, lex) {
            let mut m = make(
                doc,
                s,
                rest,
                b,
                EntityType::Person,
                surface(doc, s, rest, b),
            );
            m.title = Some(low.words[a..rest].join(" "));
            m.country = prefix_country;
            out.push(m);
        }
        return;
    }
    // A state and one head word: "Laotian Times", "China Daily", "Chinese Embassy".
    if let (Some(ps), true) = (
        prefix_state,
        b - a == 1 && lex.organisation_heads.contains(run_low[0].as_str()),
    ) {
        let p = &gaz[ps];
        let mut end = b;
        // "Chinese Embassy in Vientiane"
        if matches!(run_low[0].as_str(), "embassy" | "consulate")
            && low.get(b) == "in"
            && s.tokens.get(b + 1).is_some_and(name_like)
        {
            end = b + 2;
            while s.tokens.get(end).is_some_and(name_like) {
                end += 1;
            }
        }
        let mut m = make(
            doc,
            s,
            p.tokens.0,
            end,
            EntityType::Organisation,
            surface(doc, s, p.tokens.0, end),
        );
        m.country = prefix_country;
        out.push(m);
        return;
    }
    // A known place right before the run, and the run names a body: the place is part of
    // the body's name ("Manila Times", "Bangkok Bank", "Toronto Dominion Bank"). The place
    // keeps its own mention, as a state does in "Royal Cambodian Armed Forces".
    let prefix_place = (prefix_state.is_none() && a > 0)
        .then(|| covered[a - 1])
        .flatten()
        .filter(|&m| gaz[m].kind == EntityType::Place && gaz[m].tokens.1 == a);
    if let Some(pp) = prefix_place {
        let one_head = b - a == 1 && lex.organisation_heads.contains(run_low[0].as_str());
        if one_head || ends_with_org_head(run_low, lex) {
            let start = gaz[pp].tokens.0;
            let end = of_place_end(low, b, gaz, covered);
            let mut m = make(
                doc,
                s,
                start,
                end,
                EntityType::Organisation,
                surface(doc, s, start, end),
            );
            m.country = gaz[pp].country.clone();
            out.push(m);
            return;
        }
    }
    // 2. Organisations by head or opening word. A known place after "of" ends the name:
    // "Federal Reserve Bank of New York", "Bank of New York", "University of Chicago".
    let of_place = of_place_end(low, b, gaz, covered);
    let starts_org = low
        .longest_at(a, &lex.organisation_starts)
        .is_some_and(|l| l < of_place - a);
    let head_of_place =
        of_place > b && b - a == 1 && lex.organisation_heads.contains(run_low[0].as_str());
    if ends_with_org_head(run_low, lex) || starts_org || head_of_place {
        let b = of_place;
        let text = surface(doc, s, a, b);
        let mut m = make(doc, s, a, b, EntityType::Organisation, text.clone());
        if let Some(ps) = prefix_state {
            let p = &gaz[ps];
            let prefix = doc.slice(p.span).to_string();
            let possessive = matches!(low.get(gaz[ps].tokens.1), "'s" | "'");
            if !possessive {
                m.name = format!("{prefix} {text}");
                m.span = Span::new(p.span.start, m.span.end);
            }
            m.extra_aliases.push(text.clone());
            if possessive {
                m.extra_aliases.push(surface(doc, s, gaz[ps].tokens.0, b));
            }
        }
        m.country = prefix_country;
        out.push(m);
        return;
    }
    if b - a == 1 && lex.place_strip_suffixes.contains(run_low[0].as_str()) {
        return;
    }
    // 3. Places: "… Checkpoint", "X province", "the border town of X".
    let head_place = lex
        .place_heads
        .iter()
        .any(|h| h.len() < b - a && ends_with_phrase(run_low, h));
    let suffix_place = lex.place_strip_suffixes.contains(low.get(b));
    let cue_place = low.longest_ending(a, &lex.place_cues_before).is_some()
        || (a >= 2
            && low.get(a - 1) == "of"
            && lex
                .place_cues_before
                .iter()
                .any(|c| c.len() == 2 && low.matches_at(a - 2, c)));
    if head_place || suffix_place || cue_place {
        let mut m = make(doc, s, a, b, EntityType::Place, text());
        if suffix_place {
            m.extra_aliases.push(surface(doc, s, a, b + 1));
        }
        m.country = prefix_country;
        out.push(m);
        return;
    }
    // 4. People by context: a role before ("spokesman Touch Sokhak"), an apposition after
    // ("X, deputy chief of …"), or a verb of saying after ("X said").
    if !name_tokens_ok(s, a, b, lex) || b - a > 4 {
        return;
    }
    let role_before = low.longest_ending(a, &lex.person_titles).is_some()
        || low.longest_ending(a, &lex.person_roles).is_some();
    let apposition = low.get(b) == "," && {
        let mut j = b + 1;
        if matches!(low.get(j), "a" | "an" | "the" | "his" | "her") {
            j += 1;
        }
        // Skip a state adjective: "X, Cambodia's interior minister".
        while j < low.len() && (is_state_tok(j) || low.get(j) == "'s") {
            j += 1;
        }
        (0..3).any(|skip| low.longest_at(j + skip, &lex.person_roles).is_some())
    };
    let saying = |w: &str| {
        matches!(
            w,
            "said" | "says" | "told" | "added" | "stated" | "explained" | "noted"
        )
    };
    let says = saying(low.get(b)) && b - a >= 2;
    // "…, said Wiphawan Sukjai, a volunteer": the speaker after the verb of saying.
    let said_before =
        a >= 1 && saying(low.get(a - 1)) && b - a >= 2 && matches!(low.get(b), "," | "." | "");
    // "Kenya's ambassador in Bangkok, Peter Mwangi Kariuki, said …" and "The lawyer, Somkiat
    // Rattanaporn, said …": a name set off by commas before a verb of saying, or after a role.
    let set_off = a >= 1 && low.get(a - 1) == "," && low.get(b) == ",";
    let apposed_speaker = set_off
        && b - a >= 2
        && (saying(low.get(b + 1)) || low.longest_ending(a - 1, &lex.person_roles).is_some());
    // "… with his Lao counterpart, Saleumxay Kommasith.": a full name after a role and its
    // comma that ends the clause.
    let after_role = a >= 2
        && low.get(a - 1) == ","
        && b - a >= 2
        && matches!(low.get(b), "." | ";" | "")
        && low.longest_ending(a - 1, &lex.person_roles).is_some();
    // "Xu Wenbo, 46, who …": a name with an age.
    let age = low.get(b) == ","
        && low.get(b + 2) == ","
        && low
            .get(b + 1)
            .parse::<u32>()
            .is_ok_and(|n| (14..=110).contains(&n));
    if role_before || apposition || says || said_before || apposed_speaker || after_role || age {
        let mut m = make(doc, s, a, b, EntityType::Person, text());
        if let Some(n) = low.longest_ending(a, &lex.person_titles) {
            m.title = Some(low.words[a - n..a].join(" "));
        }
        out.push(m);
    }
}

/// Where an organisation's name ends that ends at `b`, or goes on through "of" and a known
/// place ("Bank of New York"): the end of that place's mention.
fn of_place_end(low: &Lowered, b: usize, gaz: &[RawMention], covered: &[Option<usize>]) -> usize {
    match covered.get(b + 1).copied().flatten() {
        Some(m)
            if low.get(b) == "of"
                && gaz[m].kind == EntityType::Place
                && gaz[m].tokens.0 == b + 1 =>
        {
            gaz[m].tokens.1
        }
        _ => b,
    }
}

/// Do the run's last words spell `phrase`?
fn ends_with_phrase(run_low: &[CompactString], phrase: &[String]) -> bool {
    phrase.len() <= run_low.len()
        && run_low[run_low.len() - phrase.len()..]
            .iter()
            .zip(phrase)
            .all(|(w, p)| w.as_str() == p.as_str())
}

fn ends_with_org_head(run_low: &[CompactString], lex: &crate::knowledge::Lexicon) -> bool {
    run_low.len() >= 2
        && run_low
            .last()
            .is_some_and(|w| lex.organisation_heads.contains(w.as_str()))
}

/// Every token of a person name is a capitalised word that is not a common word.
fn name_tokens_ok(s: &Sentence, a: usize, b: usize, lex: &crate::knowledge::Lexicon) -> bool {
    (a..b).all(|i| {
        let t = &s.tokens[i];
        (t.is_capitalised()
            && t.is_word()
            && !lex.is_common_lower(&s.lower[i])
            && !is_acronym(&t.text))
            || t.text == "-"
            || (t.text.len() <= 3 && t.text.ends_with('.'))
    })
}

/// "(AKP)" right after a mention becomes its acronym.
fn attach_acronyms(s: &Sentence, ms: &mut [RawMention]) {
    for m in ms.iter_mut() {
        let e = m.tokens.1;
        if e + 2 < s.tokens.len()
            && s.tokens[e].text == "("
            && s.tokens[e + 2].text == ")"
            && is_acronym(&s.tokens[e + 1].text)
        {
            m.acronym = Some(s.tokens[e + 1].text.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{clean::clean, RawArticle};

    fn names(text: &str) -> Vec<(EntityType, String)> {
        let k = Knowledge::embedded();
        let doc = clean(
            RawArticle {
                id: "t".into(),
                path: "t".into(),
                body: format!("Body text follows here.\n{text}"),
                ..Default::default()
            },
            k,
        )
        .expect("the built-in boilerplate patterns compile");
        let sents = crate::text::sentences(&doc, &k.lexicon);
        find(&doc, &sents, k)
            .mentions
            .into_iter()
            .map(|m| (m.kind, m.name))
            .collect()
    }

    /// Every one of `expected` is among the mentions found, as a `kind`.
    fn assert_found(found: &[(EntityType, String)], kind: EntityType, expected: &[&str]) {
        for name in expected {
            assert!(
                found.contains(&(kind, name.to_string())),
                "{kind:?} {name}: {found:?}"
            );
        }
    }

    #[test]
    fn title_case_of_capitals() {
        assert_eq!(title_case("PHNOM"), "Phnom");
        assert_eq!(title_case("WASHINGTON/LONDON"), "Washington/London");
        assert_eq!(title_case("ÉMIRATS"), "Émirats");
        assert_eq!(title_case("U.S."), "U.S.");
    }

    #[test]
    fn gazetteer_names_are_whole_tokens() {
        let n = names("Officials from South Korea met envoys of Laos in Phnom Penh.");
        assert_eq!(
            n,
            [
                (EntityType::State, "South Korea".to_string()),
                (EntityType::State, "Laos".to_string()),
                (EntityType::Place, "Phnom Penh".to_string()),
            ]
        );
        // A longer name that ends inside a word is no mention, and hides the shorter one.
        let n = names("He met South Koreans and paid US$40 to officials.");
        assert!(n.iter().all(|(_, name)| name != "United States"), "{n:?}");
        // A name inside a hyphenated word does not hide the names after it.
        let n = names("The Cambodia-South Korea alliance was signed.");
        assert!(
            n.contains(&(EntityType::State, "South Korea".to_string())),
            "{n:?}"
        );
    }

    #[test]
    fn a_crossing_between_twin_towns_is_named_by_both() {
        let n = names(
            "Traders queued at the Mae Sot\u{2013}Myawaddy border crossing. Lorries waited at \
             the Ban Pakard\u{2013}Pailin international checkpoint.",
        );
        assert_eq!(
            n,
            [
                (
                    EntityType::Place,
                    "Mae Sot\u{2013}Myawaddy border crossing".to_string()
                ),
                (
                    EntityType::Place,
                    "Ban Pakard\u{2013}Pailin international checkpoint".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_known_place_in_a_body_s_name_makes_the_body_and_stays_a_place() {
        let n =
            names("The Manila Times and the Bank of Chiang Mai cited the Mandalay Stock Exchange.");
        assert_found(
            &n,
            EntityType::Organisation,
            &[
                "Manila Times",
                "Bank of Chiang Mai",
                "Mandalay Stock Exchange",
            ],
        );
        assert_found(&n, EntityType::Place, &["Manila", "Chiang Mai", "Mandalay"]);
        // The gazetteer knows the region's provinces and states, not only its capitals.
        let n = names("Recruits from West Java, Bihar and Sagaing were held there.");
        assert_found(
            &n,
            EntityType::Place,
            &["West Java", "Bihar", "Sagaing Region"],
        );
        // A place followed by words that name no body stays a place alone.
        let n = names("Police in Manila Friday detained 20 people.");
        assert!(
            n.iter().all(|(k, _)| *k != EntityType::Organisation),
            "{n:?}"
        );
    }

    #[test]
    fn titles_make_people_without_the_title() {
        let n = names("Pol Lt Gen Somsak Rattanaporn, head of the unit, spoke on Monday.");
        assert!(
            n.contains(&(EntityType::Person, "Somsak Rattanaporn".into())),
            "{n:?}"
        );
    }

    #[test]
    fn people_from_ages_speakers_and_appositions() {
        for (text, name) in [
            (
                "Lim Sokha, 52, who runs a shop, was questioned.",
                "Lim Sokha",
            ),
            ("\"We were beaten,\" said Ana Reyes, a nurse.", "Ana Reyes"),
            (
                "The consul in Hanoi, Daniel Okafor Mensah, said talks went well.",
                "Daniel Okafor Mensah",
            ),
            (
                "The family's lawyer, Niran Boonmee, said they would appeal.",
                "Niran Boonmee",
            ),
        ] {
            let n = names(text);
            assert!(
                n.contains(&(EntityType::Person, name.into())),
                "{text}: {n:?}"
            );
        }
        // A place with a count is not a person: "Bangkok, 12," is no age apposition.
        let n = names("Raids in Bangkok, 12 in all, were reported.");
        assert!(!n.iter().any(|(t, _)| *t == EntityType::Person), "{n:?}");
    }

    #[test]
    fn unknown_names_listed_with_places_are_places() {
        let n = names("Raids took place in Bangkok, Tororo, Mbale Town and Jinja.");
        for place in ["Tororo", "Mbale Town", "Jinja"] {
            assert!(
                n.contains(&(EntityType::Place, place.into())),
                "{place}: {n:?}"
            );
        }
        // A speaker after a place is no list, nor is a body after "and".
        let n = names("In Bangkok, Somchai Wongsawat said the Embassy in Bangkok and Consulate in Chiang Mai helped.");
        assert!(
            !n.contains(&(EntityType::Place, "Somchai Wongsawat".into())),
            "{n:?}"
        );
        assert!(
            !n.contains(&(EntityType::Place, "Consulate".into())),
            "{n:?}"
        );
    }

    #[test]
    fn organisation_heads_and_state_prefixes() {
        let n = names(
            "The Vietnamese Ministry of Public Security and the Tay Ninh Border Guard Command met.",
        );
        assert!(
            n.contains(&(
                EntityType::Organisation,
                "Vietnamese Ministry of Public Security".into()
            )),
            "{n:?}"
        );
        assert!(n.contains(&(EntityType::State, "Vietnam".into())));
    }

    #[test]
    fn common_words_that_open_a_body_s_name_stay_inside_a_sentence() {
        let n = names("Staff at the Foreign Ministry and the Criminal Court agreed on Monday.");
        assert_found(
            &n,
            EntityType::Organisation,
            &["Foreign Ministry", "Criminal Court"],
        );
        // A weekday before the name, or a common word opening the sentence, is not part of it.
        let n = names(
            "On Monday the Interior Ministry said so. Foreign workers met the Labour Ministry.",
        );
        assert_found(
            &n,
            EntityType::Organisation,
            &["Interior Ministry", "Labour Ministry"],
        );
        assert!(
            n.iter()
                .all(|(_, name)| !name.starts_with("Monday") && !name.starts_with("Foreign")),
            "{n:?}"
        );
    }

    #[test]
    fn place_cues() {
        let n = names(
            "Police went to Kampong Trach district and the border town of Prek Chak on Friday.",
        );
        assert!(
            n.contains(&(EntityType::Place, "Kampong Trach".into())),
            "{n:?}"
        );
        assert!(
            n.contains(&(EntityType::Place, "Prek Chak".into())),
            "{n:?}"
        );
    }

    #[test]
    fn apposition_and_saying_verbs() {
        let n = names("The raid was confirmed by Chea Vuthy, a spokesman for the ministry. Later Sok Dara said more.");
        assert!(
            n.contains(&(EntityType::Person, "Chea Vuthy".into())),
            "{n:?}"
        );
        assert!(
            n.contains(&(EntityType::Person, "Sok Dara".into())),
            "{n:?}"
        );
    }
}
