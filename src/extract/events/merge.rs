//! Merging event mentions within a document: mentions of the same type whose roles do not
//! conflict are one event (the deportation announced in the lead and detailed later).
//! Headline events only ever merge into body events. A state-actor event with no agent takes
//! its place's state, or the agent of the nearest such event of the document.

use super::EventMention;
use crate::extract::resolve::Resolution;
use crate::knowledge::Knowledge;
use crate::model::{Event, Group, Modality, Participant, Qualifier};

fn opt_compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Two counts of one group: equal, or an approximate figure ("nearly 800", "more than
/// 1,200") that the exact one ("771", "1,214") fits.
fn counts_compatible(x: &Group, y: &Group) -> bool {
    match (x.count, y.count) {
        (Some(a), Some(b)) if a == b => true,
        (Some(a), Some(b)) => {
            let fits = |approx: &Group, n: u64, exact: u64| {
                let n = n as f64;
                let e = exact as f64;
                match approx.qualifier {
                    Qualifier::MoreThan => e > n && e <= n * 1.2,
                    Qualifier::AtLeast => e >= n && e <= n * 1.2,
                    Qualifier::About => (e - n).abs() <= n * 0.1,
                    _ => false,
                }
            };
            (y.qualifier == Qualifier::Exact && fits(x, a, b))
                || (x.qualifier == Qualifier::Exact && fits(y, b, a))
        }
        _ => true,
    }
}

fn patient_compatible(a: &Option<Participant>, b: &Option<Participant>) -> bool {
    match (a, b) {
        (Some(Participant::Group(x)), Some(Participant::Group(y))) => {
            opt_compatible(&x.nationality, &y.nationality) && counts_compatible(x, y)
        }
        (Some(Participant::Entity(x)), Some(Participant::Entity(y))) => x == y,
        (Some(_), Some(_)) => false,
        _ => true,
    }
}

fn dates_compatible(a: &Event, b: &Event) -> bool {
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.iso.starts_with(&y.iso) || y.iso.starts_with(&x.iso),
        _ => true,
    }
}

fn compatible(a: &Event, b: &Event, symmetric: bool) -> bool {
    if a.kind != b.kind || !patient_compatible(&a.patient, &b.patient) || !dates_compatible(a, b) {
        return false;
    }
    if symmetric {
        let pa: Vec<&String> = [&a.agent, &a.partner].into_iter().flatten().collect();
        let pb: Vec<&String> = [&b.agent, &b.partner].into_iter().flatten().collect();
        // Every named side of one is a side of the other, or one names nothing beyond.
        let sub = |x: &[&String], y: &[&String]| x.iter().all(|v| y.contains(v));
        return sub(&pa, &pb) || sub(&pb, &pa);
    }
    opt_compatible(&a.agent, &b.agent)
}

/// How many roles two compatible events share exactly (to pick the best merge target).
fn overlap(a: &Event, b: &Event) -> usize {
    let eq = |x: bool| x as usize;
    let pat = match (&a.patient, &b.patient) {
        (Some(Participant::Group(x)), Some(Participant::Group(y))) => {
            eq(x.count.is_some() && x.count == y.count) * 2
                + eq(x.nationality.is_some() && x.nationality == y.nationality)
        }
        (Some(x), Some(y)) => eq(x == y) * 2,
        _ => 0,
    };
    pat + eq(a.agent.is_some() && a.agent == b.agent) + eq(a.place.is_some() && a.place == b.place)
}

fn absorb(into: &mut Event, from: Event) {
    if into.agent.is_none() {
        into.agent = from.agent;
        into.agent_body = from.agent_body;
    } else if into.agent_body.is_none() && into.agent == from.agent {
        into.agent_body = from.agent_body;
    }
    match (&mut into.patient, from.patient) {
        (None, p) => into.patient = p,
        (Some(Participant::Group(x)), Some(Participant::Group(y))) => {
            x.nationality = x.nationality.take().or(y.nationality);
            // Keep the exact figure over an approximate one.
            if x.count.is_none()
                || (x.qualifier != Qualifier::Exact
                    && y.qualifier == Qualifier::Exact
                    && y.count.is_some())
            {
                x.count = y.count;
                x.qualifier = y.qualifier;
                x.mention = y.mention;
                into.count = y.count;
            }
        }
        _ => {}
    }
    if into.partner.is_none() && from.partner.is_some() && from.partner != into.agent {
        into.partner = from.partner;
    } else if into.agent.is_none() {
        into.agent = from.partner;
    }
    into.place = into.place.take().or(from.place);
    match (&into.date, from.date) {
        (None, d) => into.date = d,
        (Some(x), Some(y)) if y.iso.len() > x.iso.len() => into.date = Some(y),
        _ => {}
    }
    into.count = into.count.or(from.count);
    if from.modality == Modality::Asserted {
        into.modality = Modality::Asserted;
    }
    into.reported_by = into.reported_by.take().or(from.reported_by);
    into.triggers.extend(from.triggers);
    into.triggers.sort();
    into.triggers.dedup();
    into.evidence.extend(from.evidence);
    into.evidence.sort_unstable();
    into.evidence.dedup();
    if let Some(Participant::Group(g)) = &into.patient {
        into.count = g.count.or(into.count);
    }
}

pub(crate) fn merge(mentions: Vec<EventMention>, res: &Resolution, k: &Knowledge) -> Vec<Event> {
    let symmetric = |kind: &str| k.event_spec(kind).is_some_and(|s| s.symmetric);
    let (body, headings): (Vec<EventMention>, Vec<EventMention>) =
        mentions.into_iter().partition(|m| !m.from_heading);
    let mut events: Vec<Event> = Vec::new();
    // Definite event nouns without an agent of their own, by the start of their trigger, and
    // the act already told that they name, by the start of its first trigger.
    let mut told_before: Vec<(usize, usize)> = Vec::new();
    for m in body {
        let sym = symmetric(&m.event.kind);
        if m.definite && !sym && m.event.agent.is_none() {
            let told = events.iter().rfind(|e| e.kind == m.event.kind);
            if let (Some(told), Some(mine)) = (told, m.event.triggers.first()) {
                if let Some(first) = told.triggers.first() {
                    told_before.push((mine.span.start, first.span.start));
                }
            }
        }
        if m.anaphoric {
            // "to oversee the repatriation": the latest event of the type, whoever its agent.
            if let Some(i) = events.iter().rposition(|e| e.kind == m.event.kind) {
                let mut ev = m.event;
                ev.agent = None;
                ev.agent_body = None;
                absorb(&mut events[i], ev);
                continue;
            }
        }
        let target = events
            .iter()
            .enumerate()
            .filter(|(_, e)| compatible(e, &m.event, sym))
            .max_by_key(|(i, e)| (overlap(e, &m.event), std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        match target {
            Some(i) => absorb(&mut events[i], m.event),
            None => events.push(m.event),
        }
    }
    for m in headings {
        let sym = symmetric(&m.event.kind);
        if let Some(i) = events.iter().position(|e| compatible(e, &m.event, sym)) {
            absorb(&mut events[i], m.event);
        }
    }
    // Symmetric events with the same side twice are noise; an event with no participant,
    // place or date at all is a generic mention ("the fight against human trafficking").
    events.retain(|e| !(e.agent.is_some() && e.agent == e.partner));
    // A state's act (raid, arrest) stays: its agent is inferred below.
    events.retain(|e| {
        has_roles(e)
            || k.event_spec(&e.kind)
                .is_some_and(|s| s.state_actor && !s.symmetric)
    });
    drop_completions(&mut events, k);
    infer_agents(&mut events, &told_before, res, k);
    share_setting(&mut events);
    events.retain(|e| {
        k.event_spec(&e.kind).is_none_or(|s| {
            s.required_roles.iter().all(|r| match r.as_str() {
                "agent" => e.agent.is_some(),
                "patient" => e.patient.is_some(),
                "partner" => e.partner.is_some(),
                "place" => e.place.is_some(),
                "date" => e.date.is_some(),
                _ => true,
            })
        })
    });
    // A two-sided event with one side known is too vague to state.
    events.retain(|e| {
        !k.event_spec(&e.kind).is_some_and(|s| s.symmetric)
            || (e.agent.is_some() && e.partner.is_some())
    });
    // What inference could not place in anyone's hands says nothing.
    events.retain(has_roles);
    events
}

fn has_roles(e: &Event) -> bool {
    e.agent.is_some()
        || e.patient.is_some()
        || e.partner.is_some()
        || e.place.is_some()
        || e.date.is_some()
}

/// "… confirming that the 119 Thai nationals had been returned to their home country": an
/// event with no agent of its own whose type `completes` another (events.toml), of a counted
/// group such an event of the document already moved, is that act's completion.
fn drop_completions(events: &mut Vec<Event>, k: &Knowledge) {
    let snapshot = events.clone();
    events.retain(|e| {
        let Some(spec) = k.event_spec(&e.kind) else {
            return true;
        };
        let counted = matches!(&e.patient, Some(Participant::Group(g)) if g.count.is_some());
        !(e.agent.is_none()
            && counted
            && snapshot.iter().any(|o| {
                spec.completes.contains(&o.kind)
                    && o.patient.is_some()
                    && patient_compatible(&o.patient, &e.patient)
            }))
    });
}

/// "Of the 1,214 people taken into custody, 412 were Chinese, 233 Vietnamese …": the events
/// of a breakdown share their trigger with the event of the whole, and happened where and
/// when it did.
fn share_setting(events: &mut [Event]) {
    let count = |e: &Event| match &e.patient {
        Some(Participant::Group(g)) => g.count,
        _ => None,
    };
    for i in 0..events.len() {
        if events[i].place.is_some() && events[i].date.is_some() {
            continue;
        }
        let part = &events[i];
        let whole = events.iter().enumerate().find(|(j, w)| {
            *j != i
                && w.kind == part.kind
                && w.agent == part.agent
                && (w.place.is_some() || w.date.is_some())
                && matches!((count(w), count(part)), (Some(a), Some(b)) if a > b)
                && w.triggers
                    .iter()
                    .any(|t| part.triggers.iter().any(|p| p.span == t.span))
        });
        if let Some((_, w)) = whole {
            let (place, date) = (w.place.clone(), w.date.clone());
            let part = &mut events[i];
            part.place = part.place.take().or(place);
            part.date = part.date.take().or(date);
        }
    }
}

/// Gives a state act without an agent one: the agent of the act a definite noun names
/// ([`merge`]'s `told_before`), else, where events.toml says so, the patients' own state,
/// else the state of its place, else the agent of the nearest other state act.
fn infer_agents(
    events: &mut [Event],
    told_before: &[(usize, usize)],
    res: &Resolution,
    k: &Knowledge,
) {
    let state_actor = |kind: &str| {
        k.event_spec(kind)
            .is_some_and(|s| s.state_actor && !s.symmetric)
    };
    for i in 0..events.len() {
        if events[i].agent.is_some() || !state_actor(&events[i].kind) {
            continue;
        }
        // Earlier events have their agents already, inferred ones too.
        let antecedent = events[i].triggers.first().and_then(|t| {
            let (_, first) = told_before.iter().find(|(mine, _)| *mine == t.span.start)?;
            events[..i]
                .iter()
                .find(|e| e.triggers.iter().any(|x| x.span.start == *first))
        });
        // The same act has the same agent, unknown if that act's is.
        if let Some((agent, body)) = antecedent.map(|e| (e.agent.clone(), e.agent_body.clone())) {
            events[i].agent = agent;
            events[i].agent_body = body;
            continue;
        }
        let own_people = k
            .event_spec(&events[i].kind)
            .is_some_and(|s| s.agent_from_patient_nationality);
        if let Some(Participant::Group(g)) = events[i].patient.as_ref().filter(|_| own_people) {
            if let Some(n) = g.nationality.clone() {
                events[i].agent = Some(n);
                continue;
            }
        }
        if let Some(s) = events[i].place.as_deref().and_then(|p| res.place_state(p)) {
            events[i].agent = Some(s);
            continue;
        }
        let mine = events[i].evidence.clone();
        let kind = events[i].kind.clone();
        // The closest sentence of another state act; on a tie, one told before (a text goes
        // on about what it has said: "X raided a hub. 30 people were arrested."), then one
        // of the same type.
        let first_mine = mine.iter().min().copied().unwrap_or(0);
        let nearest = events
            .iter()
            .enumerate()
            .filter(|(j, e)| *j != i && state_actor(&e.kind) && e.agent.is_some())
            .min_by_key(|(_, e)| {
                let d = e
                    .evidence
                    .iter()
                    .flat_map(|s| mine.iter().map(move |m| s.abs_diff(*m)))
                    .min()
                    .unwrap_or(usize::MAX);
                let told_after = e.evidence.iter().min().is_some_and(|&s| s > first_mine);
                (d, told_after, e.kind != kind)
            })
            .and_then(|(_, e)| e.agent.clone());
        events[i].agent = nearest;
    }
}
