//! The context pass: runs of capitalised tokens that no list names, classified by their cues —
//! titles ("Pol Gen X", "Interior Minister X"), organisation heads and suffixes ("Ministry of
//! …", "… Police"), place cues ("X province", "the border town of X", "… Checkpoint").

use super::titles::{title_at, title_ending};
use super::{is_acronym, make, surface, RawMention};
use crate::extract::tokens::Lowered;
use crate::knowledge::Knowledge;
use crate::model::{Document, EntityType, Sentence, Span, Token};

/// Lower-case words that may join the parts of a name ("Ministry of Foreign Affairs").
pub(super) fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "and" | "for" | "the" | "on" | "de" | "al" | "against" | "&"
    )
}

pub(super) fn context_pass(
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
        if blocked(i) || !toks[i].is_capitalised_word() {
            i += 1;
            continue;
        }
        // Grow a run of capitalised tokens, through connectors, hyphens and state tokens.
        let a = i;
        let mut b = i + 1;
        loop {
            if b < n && !blocked(b) && toks[b].is_capitalised_word() {
                b += 1;
                continue;
            }
            let glue = b + 1 < n
                && !blocked(b + 1)
                && toks[b + 1].is_capitalised_word()
                // "in Bavet on Friday": a common word ends the name unless a name goes on.
                && (!k.lexicon.is_common_lower(low.get(b + 1))
                    || toks.get(b + 2).is_some_and(|t| t.is_capitalised_word() && !blocked(b + 2)))
                && (is_connector(low.get(b))
                    || (matches!(low.get(b), "-" | "\u{2013}" | "'s")
                        && toks[b].span.start == toks[b - 1].span.end)
                    // An initial: "J. Michael Farren".
                    || (low.get(b) == "."
                        && toks[b].span.start == toks[b - 1].span.end
                        && toks[b - 1].text.len() == 1
                        && toks[b - 1].is_capitalised()));
            if glue {
                b += 2;
                continue;
            }
            if b + 2 < n
                && low.get(b) == "of"
                && low.get(b + 1) == "the"
                && toks[b + 2].is_capitalised_word()
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
        // "Foreign Secretary X and Trade Minister Y": a title and a full name after "and"
        // are another person, unless the whole run names a body ("Transport and General
        // Workers Union"). "Meridian Lotus Group and Heng Sokvisal": a body's name complete
        // before "and" ends there ("Department of Trade and Industry" is not complete), unless
        // a word that carries names on follows ("First National Bank and Trust Co").
        let body = ends_with_org_head(&low.words[a..b], lex);
        let titled_name = |j: usize| title_at(low, j + 1, lex).is_some_and(|t| j + 1 + t + 2 <= b);
        let body_ends = |j: usize| {
            ends_with_org_head(&low.words[a..j], lex)
                && !lex.name_continuations.contains(low.get(j + 1))
        };
        let ands = (a + 1..b.saturating_sub(1))
            .filter(|&j| low.get(j) == "and" && ((!body && titled_name(j)) || body_ends(j)));
        let starts = std::iter::once(a).chain(ands.clone().map(|j| j + 1));
        let ends = ands.chain(std::iter::once(b));
        for (from, to) in starts.zip(ends) {
            classify_run(
                doc,
                s,
                low,
                from,
                to,
                &is_state_tok,
                gaz,
                covered,
                k,
                &mut out,
            );
        }
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
    // Where trimming stops, and whether it stopped only to keep a name's opening word (without
    // which it would go on).
    let trim_from = |mut a: usize, keep_openers: bool| {
        while a < b {
            let common = lex.is_common_lower(low.get(a))
                && !is_state_tok(a)
                // "Chief Financial Officer X", "Former Prime Minister Y": a title's own words.
                && title_at(low, a, lex).is_none();
            let opener_kept =
                common && keep_openers && !opens_clause(a) && lex.name_openers.contains(low.get(a));
            let trimmed = common && !opener_kept
                || is_connector(low.get(a))
                // "Tunisian-born Abdellatif Kechiche", "Montreal-based Alcan".
                || lex.is_adjectival_compound(&s.tokens[a].text)
                // The period of a common word's initial: "A. Schulman Inc".
                || (low.get(a) == "." && a > 0 && lex.is_common_lower(low.get(a - 1)));
            if !trimmed {
                return (a, opener_kept);
            }
            a += 1;
        }
        (a, false)
    };
    let (kept, stopped_at_opener) = trim_from(a, true);
    // Trimming without keeping openers passes every word trimming with them passed: it goes on
    // from where that stopped, and only an opener could make it go further.
    a = if !stopped_at_opener || ends_with_org_head(&low.words[kept..b], lex) {
        kept
    } else {
        trim_from(kept, false).0
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
    if let Some(tl) = title_at(low, a, lex).filter(|&t| a + t <= b) {
        let mut rest = a + tl;
        // Titles in a row ("Foreign Secretary Sir Geoffrey Howe"), also across a state
        // ("Deputy Iranian Finance Minister Mehdi Navvab"), when a name follows.
        loop {
            let skip = usize::from(rest < b && is_state_tok(rest));
            match title_at(low, rest + skip, lex).filter(|&t| rest + skip + t < b) {
                Some(more) => rest += skip + more,
                None => break,
            }
        }
        // A title further on, before a full name, ends the title: "Deputy High Court Judge
        // Richard Mawrey".
        let full_name_after = |p: usize| (p..b).filter(|&i| s.tokens[i].is_word()).count() >= 2;
        if let Some(end) = (rest + 1..b)
            .rev()
            .filter_map(|p| title_at(low, p, lex).map(|t| p + t))
            .find(|&end| end < b && full_name_after(end))
        {
            rest = end;
        }
        // A portfolio title takes a full name: "Director of Public Prosecutions" ends a run
        // of capitals that is no one's name.
        let portfolio = low.words[a..rest]
            .iter()
            .any(|w| matches!(*w, "of" | "for"));
        let name_len = (rest..b).filter(|&i| s.tokens[i].is_word()).count();
        if rest < b
            && !(portfolio && name_len < 2)
            && !ends_with_org_head(run_low, lex)
            && name_tokens_ok(s, rest, b, lex)
        {
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
        b - a == 1 && lex.organisation_heads.contains(run_low[0]),
    ) {
        let p = &gaz[ps];
        let mut end = b;
        // "Chinese Embassy in Vientiane"
        if matches!(run_low[0], "embassy" | "consulate")
            && low.get(b) == "in"
            && s.tokens.get(b + 1).is_some_and(Token::is_capitalised_word)
        {
            end = b + 2;
            while s.tokens.get(end).is_some_and(Token::is_capitalised_word) {
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
        let one_head = b - a == 1 && lex.organisation_heads.contains(run_low[0]);
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
    let head_of_place = of_place > b && b - a == 1 && lex.organisation_heads.contains(run_low[0]);
    // "state broadcaster CCTV": a body's noun right before the name.
    let cued = a > 0
        && low
            .longest_ending(a, &lex.organisation_cues_before)
            .is_some()
        && !s.tokens[a - 1].is_capitalised();
    if ends_with_org_head(run_low, lex) || starts_org || head_of_place || cued {
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
    if b - a == 1 && lex.place_strip_suffixes.contains(run_low[0]) {
        return;
    }
    // 3. Places: "… Checkpoint", "X province", "the border town of X".
    let head_place = lex
        .place_heads
        .ending_with(run_low[run_low.len() - 1])
        .any(|h| h.len() < b - a && ends_with_phrase(run_low, h));
    // "X province", and a name no list knows before a facility word: "the Tay Trang border
    // gate" names the place Tay Trang. Not a sentence's first word, whose capital proves
    // nothing ("Total area planted"), nor acronyms ("the OECD area").
    let suffix_len = if lex.place_strip_suffixes.contains(low.get(b)) {
        Some(1)
    } else {
        low.longest_at(b, &lex.name_facility_heads)
            .filter(|_| a > 0 && name_tokens_ok(s, a, b, lex))
    };
    let suffix_place = suffix_len.is_some();
    let cue_place = low.longest_ending(a, &lex.place_cues_before).is_some()
        || (a >= 2
            && low.get(a - 1) == "of"
            && lex
                .place_cues_before
                .iter()
                .any(|c| c.len() == 2 && low.matches_at(a - 2, c)));
    // "held in Bicutan, Taguig", "a compound in Chroy Changvar, Phnom Penh": a name after a
    // locative preposition and before a comma and a known place or state lies within it.
    let within = (a >= 1
        && matches!(low.get(a - 1), "in" | "at" | "near" | "outside")
        && low.get(b) == ","
        && b - a <= 3
        && name_tokens_ok(s, a, b, lex))
    .then(|| covered.get(b + 1).copied().flatten())
    .flatten()
    .filter(|&m| {
        gaz[m].tokens.0 == b + 1
            && matches!(gaz[m].kind, EntityType::Place | EntityType::State)
            // "shares in Borussia Dortmund, Germany's only listed club": an apposition.
            && !matches!(low.get(gaz[m].tokens.1), "'s" | "'")
    });
    if head_place || suffix_place || cue_place || within.is_some() {
        let mut m = make(doc, s, a, b, EntityType::Place, text());
        if let Some(n) = suffix_len {
            m.extra_aliases.push(surface(doc, s, a, b + n));
        }
        m.country = prefix_country;
        m.within = within
            .filter(|&w| gaz[w].kind == EntityType::Place)
            .map(|w| gaz[w].name.clone());
        out.push(m);
        return;
    }
    // 4. People by context: a role before ("spokesman Touch Sokhak"), an apposition after
    // ("X, deputy chief of …"), or a verb of saying after ("X said").
    if !name_tokens_ok(s, a, b, lex) || b - a > 4 {
        return;
    }
    let role_before =
        title_ending(low, a, lex).is_some() || low.longest_ending(a, &lex.person_roles).is_some();
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
        if let Some(n) = title_ending(low, a, lex) {
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
fn ends_with_phrase(run_low: &[&str], phrase: &[String]) -> bool {
    phrase.len() <= run_low.len()
        && run_low[run_low.len() - phrase.len()..]
            .iter()
            .zip(phrase)
            .all(|(w, p)| *w == p.as_str())
}

fn ends_with_org_head(run_low: &[&str], lex: &crate::knowledge::Lexicon) -> bool {
    run_low.len() >= 2
        && run_low
            .last()
            .is_some_and(|w| lex.organisation_heads.contains(w))
}

/// Every token of a person name is a capitalised word that is not a common word.
fn name_tokens_ok(s: &Sentence, a: usize, b: usize, lex: &crate::knowledge::Lexicon) -> bool {
    (a..b).all(|i| {
        let t = &s.tokens[i];
        (t.is_capitalised_word()
            && !lex.is_common_lower(&s.lower[i])
            && !is_acronym(&t.text)
            && !lex.is_adjectival_compound(&t.text))
            || t.text == "-"
            || (t.text.len() <= 3 && t.text.ends_with('.'))
    })
}
