//! Events: triggers from `data/events.toml` and a general role engine.
//!
//! For each trigger the engine decides its form (active verb, passive verb, nominal), then
//! fills the roles from the sentence's mentions: the agent from a by-phrase, a possessive or
//! the nearest actor on the left; the patient from an of-phrase, the object on the right or
//! the subject of a passive; the partner from "with X" or "between X and Y"; the place from a
//! locative Place; the date from the nearest date expression. Mentions of one real event are
//! then merged within the document (`merge`).

use super::dates::FoundDate;
use super::groups::FoundGroup;
use super::resolve::Resolution;
use super::tokens::Lowered;
use crate::knowledge::events::{TriggerPattern, EXCLUSION_GAP, TRIGGER_GAP};
use crate::knowledge::{EventSpec, Knowledge};
use crate::model::{
    Document, EntityType, Event, Group, Mention, Modality, Participant, Qualifier, Sentence, Span,
};

mod merge;
mod roles;

pub(crate) use merge::merge;

/// A role filler candidate in one sentence.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub a: usize,
    pub b: usize,
    pub filler: Filler,
}

#[derive(Debug, Clone)]
pub(crate) enum Filler {
    Entity {
        entity: usize,
        kind: EntityType,
        acting: bool,
        demonym: bool,
        /// A news outlet: it reports events but takes no role in them.
        reporter: bool,
    },
    Group(Group),
}

impl Cand {
    pub fn entity_kind(&self) -> Option<EntityType> {
        match &self.filler {
            Filler::Entity { kind, .. } => Some(*kind),
            Filler::Group(_) => None,
        }
    }
    /// Can stand as an actor (agent or partner)?
    pub fn is_actor(&self) -> bool {
        match &self.filler {
            // A demonym adjective ("Thai Prime Minister …") is not an actor; "Thai police" is.
            Filler::Entity {
                demonym, acting, ..
            } => !*demonym || *acting,
            Filler::Group(_) => false,
        }
    }
}

/// An event mention before merging.
#[derive(Debug, Clone)]
pub(crate) struct EventMention {
    pub event: Event,
    pub from_heading: bool,
    /// "the repatriation": a definite noun that refers back to an event already told.
    pub anaphoric: bool,
    /// "The handover of the 40 Kenyans": a definite event noun, which names an act already
    /// told even when it names new patients; without an agent of its own it keeps that act's.
    pub definite: bool,
}

fn candidates(
    s: &Sentence,
    low: &Lowered,
    res: &Resolution,
    gs: &[&FoundGroup],
    k: &Knowledge,
) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for m in res.in_sentence(s.index) {
        // A demonym inside a group phrase belongs to the group.
        if gs
            .iter()
            .any(|g| g.tokens.0 <= m.tokens.0 && m.tokens.1 <= g.tokens.1)
        {
            continue;
        }
        let kind = res.kind(m);
        // A plural demonym on its own ("deported the Thais") or before a people noun
        // ("arrested Kenyan workers") is a group without a count; "Japanese firms" is not.
        let surface = low.get(m.tokens.1 - 1);
        let lex = &k.lexicon;
        let after = m.tokens.1 + usize::from(lex.group_modifiers.contains(low.get(m.tokens.1)));
        let people_end = low.longest_at(after, &lex.people_nouns).map(|n| after + n);
        let next = s.tokens.get(m.tokens.1);
        let next_noun = next.is_some_and(|t| t.is_word() && !t.is_capitalised())
            && !lex.is_common_lower(low.get(m.tokens.1));
        let plural_people = m.demonym
            && !m.acting
            && (people_end.is_some()
                || (surface.ends_with('s') || surface.ends_with("ese"))
                    && !next.is_some_and(crate::model::Token::is_capitalised_word)
                    && !(surface.ends_with("ese") && next_noun));
        if plural_people && kind == EntityType::State {
            let b = people_end.unwrap_or(m.tokens.1);
            out.push(Cand {
                a: m.tokens.0,
                b,
                filler: Filler::Group(Group {
                    nationality: Some(res.entities[m.entity].key.clone()),
                    count: None,
                    qualifier: Qualifier::Approximate,
                    noun: Some(low.get(b - 1).to_string()),
                    mention: Mention {
                        sentence: s.index,
                        span: token_span(s, m.tokens.0, b),
                        text: s.tokens[m.tokens.0..b]
                            .iter()
                            .map(|t| t.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    },
                }),
            });
            continue;
        }
        let reporter = kind == EntityType::Organisation
            && k.gazetteer
                .by_name(&res.entities[m.entity].name)
                .is_some_and(|e| k.lexicon.reporter_kinds.contains(&e.class));
        out.push(Cand {
            a: m.tokens.0,
            b: m.tokens.1,
            filler: Filler::Entity {
                entity: m.entity,
                kind,
                acting: m.acting,
                demonym: m.demonym,
                reporter,
            },
        });
    }
    // "BANGKOK, Thailand — …": the dateline's places are where the story was filed, not
    // actors in it.
    if let Some(dash) = dateline_end(s) {
        out.retain(|c| c.a > dash);
    }
    for g in gs {
        out.push(Cand {
            a: g.tokens.0,
            b: g.tokens.1,
            filler: Filler::Group(g.group.clone()),
        });
    }
    out.sort_by_key(|c| (c.a, c.b));
    out
}

/// A trigger found in a sentence: token range of its first part, end of its gap part.
pub(crate) struct Trigger<'k> {
    pub spec: &'k EventSpec,
    pub pattern: &'k TriggerPattern,
    pub start: usize,
    pub end: usize,
    /// End of the whole trigger including a gapped particle ("handed … over").
    pub full_end: usize,
}

fn find_triggers<'k>(low: &Lowered, blocked: &[bool], k: &'k Knowledge) -> Vec<Trigger<'k>> {
    let mut out = Vec::new();
    // The candidates at one token: one buffer, emptied at each.
    let mut found: Vec<Trigger> = Vec::new();
    let mut i = 0;
    while i < low.len() {
        if blocked[i] {
            i += 1;
            continue;
        }
        // Each type's first (longest) match here; the longest of them that its type's context
        // allows is the trigger ("froze the assets of" may be no sanction near a court, and
        // still a seizure).
        found.clear();
        let mut matched_spec: Option<usize> = None;
        for &(si, pi) in k
            .trigger_index
            .get(low.get(i))
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            // The first (longest) match of a type is its match here.
            if matched_spec == Some(si) {
                continue;
            }
            let spec = &k.events[si];
            let p = &spec.triggers[pi];
            if !low.matches_at(i, &p.head) {
                continue;
            }
            let end = i + p.head.len();
            let full_end = if p.tail.is_empty() {
                end
            } else {
                match low.find_within(end, TRIGGER_GAP, &p.tail) {
                    Some(j) => j + p.tail.len(),
                    None => continue,
                }
            };
            matched_spec = Some(si);
            found.push(Trigger {
                spec,
                pattern: p,
                start: i,
                end,
                full_end,
            });
        }
        // Longest first; of equally long ones, the first found.
        found.sort_by_key(|t| std::cmp::Reverse(t.pattern.head.len() + t.pattern.tail.len()));
        match found.iter().position(|t| trigger_ok(low, t)) {
            Some(j) => {
                let t = found.swap_remove(j);
                i = t.end;
                out.push(t);
            }
            None => i += 1,
        }
    }
    out
}

fn trigger_ok(low: &Lowered, t: &Trigger) -> bool {
    let spec = t.spec;
    for ex in &spec.exclude {
        for off in 0..ex.head.len() {
            if t.start < off || !low.matches_at(t.start - off, &ex.head) {
                continue;
            }
            let after = t.start - off + ex.head.len();
            if ex.tail.is_empty() || low.find_within(after, EXCLUSION_GAP, &ex.tail).is_some() {
                return false;
            }
        }
    }
    // Context words are looked for within six tokens either side of the trigger.
    let lo = t.start.saturating_sub(6);
    let hi = (t.full_end + 6).min(low.len());
    let near = |words: &[String]| (lo..hi).any(|j| words.iter().any(|w| w == low.get(j)));
    let applies = |words: &[String], only_for: &[String]| {
        !words.is_empty() && (only_for.is_empty() || only_for.contains(&t.pattern.lemma))
    };
    if applies(&spec.requires_near, &spec.requires_near_for) && !near(&spec.requires_near) {
        return false;
    }
    if applies(&spec.avoid_near, &spec.avoid_near_for) && near(&spec.avoid_near) {
        return false;
    }
    true
}

pub fn find(
    doc: &Document,
    sentences: &[Sentence],
    lowered: &[Lowered],
    res: &Resolution,
    groups: &[FoundGroup],
    dates: &[FoundDate],
    k: &Knowledge,
) -> Vec<Event> {
    let mut mentions: Vec<EventMention> = Vec::new();
    let protagonist = protagonist(res, sentences);
    let mut prev = roles::Subjects::default();
    // Mentions of the previous sentence whose patient it only described ("extradited to China
    // a businessman accused of …"): the person this sentence opens with, if it does.
    let mut described: Vec<usize> = Vec::new();
    // Each sentence's groups and dates, gathered in one pass each rather than one pass for
    // every sentence (quadratic in a long document).
    let groups_in = super::per_sentence(groups, sentences.len(), |g| g.sentence);
    let dates_in = super::per_sentence(dates, sentences.len(), |d| d.sentence);
    for (s, low) in sentences.iter().zip(lowered) {
        let cands = candidates(s, low, res, &groups_in[s.index], k);
        let opening = dateline_end(s).map_or(0, |dash| dash + 1);
        let opening_person = cands
            .iter()
            .find(|c| c.a == opening && c.entity_kind() == Some(EntityType::Person));
        for i in std::mem::take(&mut described) {
            if let Some(Filler::Entity { entity, .. }) = opening_person.map(|c| &c.filler) {
                mentions[i].event.patient =
                    Some(Participant::Entity(res.entities[*entity].key.clone()));
                mentions[i].event.evidence.push(s.index);
            }
        }
        // Trigger words inside names ("Commission for Combating Online Scams") are not triggers.
        let mut blocked = vec![false; s.tokens.len()];
        for c in &cands {
            if matches!(
                c.entity_kind(),
                Some(EntityType::Organisation | EntityType::Person | EntityType::Place)
            ) {
                for b in blocked.iter_mut().take(c.b).skip(c.a) {
                    *b = true;
                }
            }
        }
        for t in find_triggers(low, &blocked, k) {
            let ctx = roles::Context {
                prev: &prev,
                protagonist,
                doc,
                s,
                low,
                cands: &cands,
                dates: &dates_in[s.index],
                res,
                k,
            };
            let definite = (t.pattern.nominal || t.pattern.also_noun)
                && t.start > 0
                && matches!(low.get(t.start - 1), "the" | "this" | "that");
            let describes_person = roles::describes_person_after(&ctx, &t);
            for event in roles::fill(&ctx, &t) {
                let anaphoric = definite && event.patient.is_none() && event.partner.is_none();
                if describes_person && event.patient.is_none() && !s.is_heading {
                    described.push(mentions.len());
                }
                mentions.push(EventMention {
                    event,
                    from_heading: s.is_heading,
                    anaphoric,
                    definite,
                });
            }
        }
        if !s.is_heading {
            update_subjects(&mut prev, &cands, low);
        }
    }
    let mut events = merge(mentions, res, k);
    complete_nationalities(&mut events, groups, k);
    events
}

/// A group without a nationality takes one the document gives it elsewhere: the group of the
/// same count that has one ("Forty-six Indonesians … The 46, thirty-nine men and seven
/// women"), or, where events.toml says so, the agent's own ("repatriated 287 of its citizens").
fn complete_nationalities(events: &mut [Event], groups: &[FoundGroup], k: &Knowledge) {
    let known: Vec<(u64, String)> = groups
        .iter()
        .filter_map(|g| Some((g.group.count?, g.group.nationality.clone()?)))
        .chain(events.iter().filter_map(|e| match &e.patient {
            Some(Participant::Group(g)) => Some((g.count?, g.nationality.clone()?)),
            _ => None,
        }))
        .collect();
    for e in events.iter_mut() {
        let from_agent = k
            .event_spec(&e.kind)
            .is_some_and(|s| s.patient_nationality_from_agent);
        let agent_state = e.agent.clone().filter(|a| a.starts_with("state/"));
        if let Some(Participant::Group(g)) = &mut e.patient {
            if g.nationality.is_some() {
                continue;
            }
            if let Some(n) = g.count {
                let mut same: Vec<&String> = known
                    .iter()
                    .filter(|(c, _)| *c == n)
                    .map(|(_, s)| s)
                    .collect();
                same.sort();
                same.dedup();
                if same.len() == 1 {
                    g.nationality = Some(same[0].clone());
                    continue;
                }
            }
            // Only a group named as citizens or nationals is the agent state's own people
            // ("287 of its citizens"); a bare count is not.
            let own = g
                .noun
                .as_deref()
                .is_some_and(|n| matches!(n, "citizens" | "citizen" | "nationals" | "national"));
            if from_agent && own {
                g.nationality = agent_state;
            }
        }
    }
}

/// The index of the dash that ends a dateline ("PHNOM PENH, Cambodia —"), if the sentence
/// opens with one.
fn dateline_end(s: &Sentence) -> Option<usize> {
    let first = s.tokens.first()?;
    // Most first words fail on their second letter: that test comes before the count.
    let caps = first
        .text
        .chars()
        .all(|c| !c.is_alphabetic() || c.is_uppercase())
        && first.text.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    if !caps {
        return None;
    }
    s.tokens
        .iter()
        .take(10)
        .position(|t| matches!(t.text.as_str(), "\u{2014}" | "\u{2013}" | "-" | "--"))
}

/// The state mentioned most often in the document (first mentioned wins a tie).
fn protagonist(res: &Resolution, sentences: &[Sentence]) -> Option<usize> {
    // The headline names what the article is about: a state it names counts as two more
    // mentions ("Indonesia brings home 46 citizens" above a story that names Thailand as often).
    let headline = sentences.first().filter(|s| s.is_heading).map(|s| s.index);
    let mut best: Option<(usize, usize)> = None;
    for (i, e) in res.entities.iter().enumerate() {
        if e.kind != EntityType::State {
            continue;
        }
        let in_headline = headline.is_some_and(|h| e.mentions.iter().any(|m| m.sentence == h));
        let score = e.mentions.len() + if in_headline { 2 } else { 0 };
        if best.is_none_or(|(_, n)| score > n) {
            best = Some((i, score));
        }
    }
    best.map(|b| b.0)
}

/// The first actor of a sentence not inside a prepositional phrase is its subject.
fn update_subjects(prev: &mut roles::Subjects, cands: &[Cand], low: &Lowered) {
    let subject = cands.iter().find(|c| {
        c.is_actor()
            && (c.a == 0
                || !matches!(
                    low.get(c.a - 1),
                    "of" | "in" | "at" | "from" | "to" | "with" | "by" | "on"
                ))
    });
    let last_group = cands.iter().rev().find_map(|c| match &c.filler {
        Filler::Group(g) if g.count.is_some() || g.nationality.is_some() => Some(g.clone()),
        _ => None,
    });
    if last_group.is_some() {
        prev.group = last_group;
    }
    for c in cands {
        if let Filler::Entity {
            entity,
            kind: EntityType::State,
            ..
        } = c.filler
        {
            prev.states.retain(|&s| s != entity);
            prev.states.push(entity);
        }
    }
    if let Some(Cand {
        filler: Filler::Entity { entity, kind, .. },
        ..
    }) = subject
    {
        if *kind == EntityType::Person {
            prev.person = Some(*entity);
        } else if matches!(kind, EntityType::State | EntityType::Organisation) {
            prev.actor = Some(*entity);
        }
    }
}

/// The span of tokens `[a, b)` of a sentence.
pub(crate) fn token_span(s: &Sentence, a: usize, b: usize) -> Span {
    Span::new(s.tokens[a].span.start, s.tokens[b.max(a + 1) - 1].span.end)
}

pub fn participant_key(p: &Participant) -> String {
    match p {
        Participant::Entity(k) => k.clone(),
        Participant::Group(g) => format!(
            "{}#{}",
            g.nationality.as_deref().unwrap_or("-"),
            g.count.map(|c| c.to_string()).unwrap_or_else(|| "-".into())
        ),
    }
}

pub(crate) fn modality_at(low: &Lowered, start: usize, k: &Knowledge) -> Modality {
    let m = &k.modality;
    for back in 0..3 {
        if start < back {
            break;
        }
        let end = start - back;
        if low.longest_ending(end, &m.negated).is_some() {
            return Modality::Negated;
        }
        if low.longest_ending(end, &m.planned).is_some() {
            return Modality::Planned;
        }
    }
    Modality::Asserted
}

#[cfg(test)]
mod tests;
