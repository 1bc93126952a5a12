//! Questions → intents. A question is read with the same knowledge as articles: verbs map to
//! event types through the trigger words of `data/events.toml` ("expelled", "kicked out" and
//! "sent back" are deportations), and names map to entities of the store by label, alias,
//! surname or demonym.

use crate::knowledge::Knowledge;
pub use crate::names::{suggestions, Known};

/// A name found in the question.
#[derive(Debug, Clone)]
pub struct Named {
    pub known: Known,
    /// Byte range in the normalised question.
    pub start: usize,
    pub end: usize,
    /// A demonym ("Thai", "Indonesians"): a nationality rather than the state itself.
    pub demonym: bool,
}

/// What the question asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// "Who deported whom?", "Who did Cambodia deport?", "Who visited Sa Kaeo?"
    Who,
    /// "How many Thai nationals were deported?"
    HowMany,
    /// "Where did the raids take place?"
    Where,
    /// "When did Cambodia deport the Thais?"
    When,
    /// "What happened in Poipet?"
    WhatHappened,
    /// "What do we know about Hun Manet?"
    About,
    /// "How is Hun Manet connected to Paetongtarn Shinawatra?"
    Connection,
}

/// A question compiled to constraints on events.
#[derive(Debug, Clone)]
pub struct Intent {
    pub form: Form,
    pub event_type: Option<String>,
    /// Entity that did it ("did Cambodia deport", "deported from Cambodia").
    pub agent: Option<Known>,
    /// Entity it was done to, or the other side of a two-sided event.
    pub patient: Option<Known>,
    /// The nationality of the people it was done to ("Thai nationals").
    pub nationality: Option<Known>,
    pub place: Option<Known>,
    /// Any role (About, WhatHappened without a place, Connection's first side).
    pub any: Option<Known>,
    /// Connection's second side.
    pub other: Option<Known>,
    /// A two-sided question with its subject named: "Who does Cambodia cooperate with?"
    pub subject_side: Option<Known>,
    /// Words the question names that no entity has ("Who ordered POGOs to shut down?"): an
    /// answer's evidence must mention each.
    pub mentioned: Vec<String>,
    /// The date the question restricts its events to ("on Wednesday", "in June 2024").
    pub when: Option<super::when::When>,
    /// Words of its object that name no entity ("voice-phishing", "gang"): answers whose
    /// evidence mentions them are preferred. Emptied when no answer's evidence does.
    pub topic: Vec<String>,
}

/// Why a question could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotUnderstood {
    UnknownName {
        name: String,
        suggestions: Vec<String>,
    },
    UnsupportedForm {
        closest: &'static str,
    },
}

/// The question forms `ask` understands, for help messages.
pub const FORMS: [&str; 12] = [
    "Who deported whom?",
    "Who did Cambodia deport?",
    "Who deported Thai nationals?",
    "Who was deported from Cambodia?",
    "How many Thai nationals were deported?",
    "Where did the raids take place?",
    "When did Cambodia deport the Thais?",
    "Who visited Sa Kaeo?",
    "Who does Cambodia cooperate with?",
    "What happened in Poipet?",
    "What do we know about Hun Manet?",
    "How is Hun Manet connected to Paetongtarn Shinawatra?",
];

pub fn normalise(q: &str) -> String {
    let q = q.replace(['\u{2019}', '\u{2018}'], "'");
    let trimmed = q.trim().trim_end_matches(['?', '!', '.', ' ']);
    trimmed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(crate) fn is_boundary(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().last();
    let after = s[end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Finds the names of known entities (and state demonyms) in a normalised question, longest
/// first, without overlaps.
pub fn find_names(q: &str, known: &[Known], k: &Knowledge) -> Vec<Named> {
    let mut forms: Vec<(String, Known, bool)> = Vec::new();
    for e in known {
        forms.push((e.label.to_lowercase(), e.clone(), false));
        if e.kind == "Person" {
            // A surname or short form: the last word of a multi-word name.
            if let Some(last) = e
                .label
                .split_whitespace()
                .last()
                .filter(|_| e.label.contains(' '))
            {
                forms.push((last.to_lowercase(), e.clone(), false));
            }
        }
        if e.kind == "State" {
            if let Some(entry) = k.gazetteer.by_name(&e.label) {
                for d in &entry.demonyms {
                    forms.push((d.to_lowercase(), e.clone(), true));
                }
                for a in &entry.aliases {
                    forms.push((a.to_lowercase(), e.clone(), false));
                }
            }
        }
    }
    // A state's alias that is one of its demonyms ("Thai") names its people.
    let demonyms: std::collections::HashSet<String> =
        forms.iter().filter(|f| f.2).map(|f| f.0.clone()).collect();
    for f in &mut forms {
        if f.1.kind == "State" && demonyms.contains(&f.0) {
            f.2 = true;
        }
    }
    forms.retain(|(f, _, _)| f.chars().count() >= 2);
    // A form two entities share ("Poipet": the town's name, and an alias of the "Klong
    // Luek–Poipet international checkpoint" at it) names the one whose names are all short:
    // the town, not the facility named after it.
    let mut longest_name: std::collections::HashMap<&str, usize> = Default::default();
    for e in known {
        let longest = longest_name.entry(e.iri.as_str()).or_default();
        *longest = (*longest).max(e.label.len());
    }
    let longest = |e: &Known| longest_name.get(e.iri.as_str()).copied().unwrap_or(0);
    forms.sort_by(|a, b| {
        b.0.len()
            .cmp(&a.0.len())
            .then(a.0.cmp(&b.0))
            .then(longest(&a.1).cmp(&longest(&b.1)))
    });
    let mut out: Vec<Named> = Vec::new();
    for (form, e, demonym) in &forms {
        let mut from = 0;
        while let Some(pos) = q[from..].find(form.as_str()) {
            let start = from + pos;
            let end = start + form.len();
            from = end;
            if !is_boundary(q, start, end) || out.iter().any(|n| start < n.end && n.start < end) {
                continue;
            }
            out.push(Named {
                known: e.clone(),
                start,
                end,
                demonym: *demonym,
            });
        }
    }
    out.sort_by_key(|n| n.start);
    out
}

/// The event type a question's verb or noun names, and where it stands.
pub fn find_event_type(q: &str, k: &Knowledge) -> Option<(String, usize, usize)> {
    let words: Vec<&str> = q.split(' ').collect();
    let mut offsets = Vec::new();
    let mut pos = 0;
    for w in &words {
        offsets.push(pos);
        pos += w.len() + 1;
    }
    let clean = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_string()
    };
    let cleaned: Vec<String> = words.iter().map(|w| clean(w)).collect();
    let mut best: Option<(usize, String, usize, usize)> = None;
    for spec in &k.events {
        for p in &spec.triggers {
            let n = p.head.len();
            for i in 0..cleaned.len() {
                if i + n > cleaned.len() || cleaned[i..i + n] != p.head[..] {
                    continue;
                }
                let len = n + p.tail.len();
                let mut end_word = i + n - 1;
                if !p.tail.is_empty() {
                    let m = p.tail.len();
                    match (i + n..cleaned.len().min(i + n + 7))
                        .find(|&j| j + m <= cleaned.len() && cleaned[j..j + m] == p.tail[..])
                    {
                        Some(j) => end_word = j + m - 1,
                        None => continue,
                    }
                }
                if best.as_ref().is_none_or(|b| len > b.0) {
                    best = Some((
                        len,
                        spec.kind.clone(),
                        offsets[i],
                        offsets[end_word] + words[end_word].len(),
                    ));
                }
            }
        }
    }
    // Base forms as they appear after "did" ("Who did Cambodia deport?") are covered by the
    // inflections; "crackdown" names an order's object, so "ordered the crackdown" is a
    // Directive through "ordered".
    best.map(|b| (b.1, b.2, b.3))
}

/// Words of the question that look like a name but match no entity.
fn unknown_name(
    original: &str,
    q: &str,
    names: &[Named],
    event: Option<(usize, usize)>,
    k: &Knowledge,
    mentioned: &[String],
) -> Option<String> {
    // Quoted text is a name the user meant.
    if let Some(start) = original.find(['"', '\u{201c}']) {
        let rest = &original[start + 1..];
        let end = rest.find(['"', '\u{201d}']).unwrap_or(rest.len());
        let quoted = rest[..end].trim();
        if !quoted.is_empty()
            && !mentioned.iter().any(|m| m == quoted)
            && !names
                .iter()
                .any(|n| q[n.start..n.end] == quoted.to_lowercase())
        {
            return Some(quoted.to_string());
        }
    }
    let words: Vec<&str> = original.split_whitespace().collect();
    let mut run: Vec<&str> = Vec::new();
    let mut runs = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.');
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        if cap && i > 0 {
            run.push(w);
        } else if !run.is_empty() {
            runs.push(run.join(" "));
            run.clear();
        }
    }
    if !run.is_empty() {
        runs.push(run.join(" "));
    }
    runs.into_iter().find(|r| {
        let l = r.to_lowercase();
        // The question's verb or common words written in capitals are no names.
        let in_verb = event.is_some_and(|(a, b)| q[a..b].contains(&l));
        if in_verb
            || l.split_whitespace().all(|w| k.lexicon.is_common(w))
            || mentioned.iter().any(|m| m == r)
        {
            return false;
        }
        !names.iter().any(|n| {
            let name = &q[n.start..n.end];
            name.contains(&l) || l.contains(name)
        })
    })
}

fn closest_form(q: &str) -> &'static str {
    let words: Vec<&str> = q.split(' ').collect();
    FORMS
        .iter()
        .max_by_key(|f| {
            let fl = f.to_lowercase();
            words.iter().filter(|w| fl.contains(*w)).count()
        })
        .copied()
        .unwrap_or(FORMS[0])
}

/// Compiles a question. `known` are the entities of the store.
/// Reads a question. `mentioned` are names it uses that no entity has, which the caller chose
/// to look for in the evidence text instead ([`Intent::mentioned`]).
pub fn parse(
    original: &str,
    known: &[Known],
    k: &Knowledge,
    mentioned: &[String],
) -> Result<Intent, NotUnderstood> {
    let q = normalise(original);
    let names = find_names(&q, known, k);
    let event = find_event_type(&q, k);
    let mut intent = Intent {
        form: Form::Who,
        event_type: event.as_ref().map(|e| e.0.clone()),
        agent: None,
        patient: None,
        nationality: None,
        place: None,
        any: None,
        other: None,
        subject_side: None,
        mentioned: mentioned.to_vec(),
        when: super::when::When::in_question(&q),
        topic: event
            .as_ref()
            .map(|e| super::topic::object_words(&q, e.2, &names, k))
            .unwrap_or_default(),
    };
    let unknown = || {
        unknown_name(
            original,
            &q,
            &names,
            event.as_ref().map(|e| (e.1, e.2)),
            k,
            mentioned,
        )
        .map(|name| NotUnderstood::UnknownName {
            suggestions: suggestions(&name, known),
            name,
        })
    };
    if let Some(n) = unknown() {
        return Err(n);
    }
    let starts = |p: &str| q.starts_with(p);
    let connection = starts("how is ")
        || starts("how are ")
        || q.contains(" connected to ")
        || q.contains(" related to ")
        || q.contains(" linked to ");
    if connection && names.len() >= 2 {
        intent.form = Form::Connection;
        intent.any = Some(names[0].known.clone());
        intent.other = Some(names[names.len() - 1].known.clone());
        return Ok(intent);
    }
    let about = starts("what do we know about ")
        || starts("what do you know about ")
        || starts("tell me about ")
        || starts("who is ") && event.is_none();
    if let (true, Some(n)) = (about, names.first()) {
        intent.form = Form::About;
        intent.any = Some(n.known.clone());
        return Ok(intent);
    }
    if starts("what happened") || starts("what took place") || starts("what events") {
        intent.form = Form::WhatHappened;
        if let Some(n) = names.first() {
            if n.known.kind == "Place"
                || q[..n.start].ends_with("in ")
                || q[..n.start].ends_with("at ")
            {
                intent.place = Some(n.known.clone());
            } else {
                intent.any = Some(n.known.clone());
            }
        }
        return Ok(intent);
    }
    intent.form = if starts("how many") {
        Form::HowMany
    } else if starts("where") {
        Form::Where
    } else if starts("when") {
        Form::When
    } else if starts("who") || starts("whom") || starts("which") {
        Form::Who
    } else {
        return Err(NotUnderstood::UnsupportedForm {
            closest: closest_form(&q),
        });
    };
    let Some((kind, verb_start, verb_end)) = event else {
        return Err(NotUnderstood::UnsupportedForm {
            closest: closest_form(&q),
        });
    };
    let spec = k.event_spec(&kind);
    let symmetric = spec.is_some_and(|s| s.symmetric);
    let place_patient = spec.is_some_and(|s| {
        s.patient_types.contains(&crate::model::EntityType::Place) && !s.patient_group
    });
    // "Where was Xu arrested?", "Who were deported by Laos?": before a passive verb the name
    // is what was done to, not who did it.
    let passive = q[..verb_start]
        .split_whitespace()
        .any(|w| matches!(w, "was" | "were" | "is" | "are" | "been" | "being"));
    for n in &names {
        let before = &q[..n.start];
        // The preposition before the name, over an article: "in the Interpol operation".
        let prep = before
            .split_whitespace()
            .rev()
            .find(|w| !matches!(*w, "the" | "a" | "an"))
            .unwrap_or("");
        if n.demonym {
            intent.nationality = Some(n.known.clone());
            continue;
        }
        // "extradited to China": a destination, which events do not record; it does not
        // narrow the answers.
        if prep == "to" && n.known.kind == "State" && !symmetric && n.start > verb_end {
            continue;
        }
        let actor = matches!(n.known.kind.as_str(), "Organisation" | "Person");
        if matches!(prep, "in" | "at" | "near") && actor && n.start > verb_end {
            // "arrested in the Interpol operation": the operation's actor, not a place.
            intent.agent = Some(n.known.clone());
        } else if matches!(prep, "in" | "at" | "near")
            || (n.known.kind == "Place" && (place_patient || n.start > verb_end))
        {
            intent.place = Some(n.known.clone());
        } else if symmetric {
            // Either side of a meeting or cooperation: the answer is the other side.
            if intent.subject_side.is_none() {
                intent.subject_side = Some(n.known.clone());
            } else {
                intent.patient = Some(n.known.clone());
            }
        } else if (n.end <= verb_start && !passive) || matches!(prep, "by" | "from") {
            intent.agent = Some(n.known.clone());
        } else {
            intent.patient = Some(n.known.clone());
        }
    }
    Ok(intent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<Known> {
        [
            ("state/laos", "Laos", "State"),
            ("state/thailand", "Thailand", "State"),
            ("person/sok-dara", "Sok Dara", "Person"),
            ("place/bokeo", "Bokeo", "Place"),
        ]
        .iter()
        .map(|(i, l, t)| Known {
            iri: format!("https://w3id.org/newsgraph/id/{i}"),
            label: l.to_string(),
            kind: t.to_string(),
        })
        .collect()
    }

    fn intent(q: &str) -> Intent {
        parse(q, &known(), Knowledge::embedded(), &[]).unwrap()
    }

    #[test]
    fn a_name_two_entities_share_names_the_one_it_names_most_directly() {
        let mut known = known();
        for (iri, label) in [
            (
                "place/ban-x-bokeo-international-checkpoint",
                "Ban X–Bokeo international checkpoint",
            ),
            ("place/ban-x-bokeo-international-checkpoint", "Bokeo"),
        ] {
            known.push(Known {
                iri: format!("https://w3id.org/newsgraph/id/{iri}"),
                label: label.to_string(),
                kind: "Place".to_string(),
            });
        }
        known.sort_by(|a, b| a.iri.cmp(&b.iri));
        let names = find_names("who visited bokeo", &known, Knowledge::embedded());
        assert_eq!(names.len(), 1);
        assert!(names[0].known.iri.ends_with("/place/bokeo"), "{names:?}");
    }

    #[test]
    fn verbs_map_to_event_types_through_the_trigger_data() {
        assert_eq!(
            intent("Who expelled whom?").event_type.as_deref(),
            Some("Deportation")
        );
        assert_eq!(
            intent("who KICKED OUT whom").event_type.as_deref(),
            Some("Deportation")
        );
        assert_eq!(
            intent("Who apprehended whom?").event_type.as_deref(),
            Some("Arrest")
        );
        assert_eq!(
            intent("Who ordered the crackdown?").event_type.as_deref(),
            Some("Directive")
        );
    }

    #[test]
    fn roles_from_word_order_and_prepositions() {
        let i = intent("Who did Laos deport?");
        assert_eq!(i.agent.unwrap().label, "Laos");
        let i = intent("How many Thai nationals were deported from Laos?");
        assert_eq!(i.form, Form::HowMany);
        assert_eq!(i.nationality.unwrap().label, "Thailand");
        assert_eq!(i.agent.unwrap().label, "Laos");
        let i = intent("Who visited Bokeo?");
        assert_eq!(i.place.unwrap().label, "Bokeo");
        let i = intent("Who does Laos cooperate with?");
        assert_eq!(i.subject_side.unwrap().label, "Laos");
        let i = intent("What do we know about Dara?");
        assert_eq!(i.form, Form::About);
        // Before a passive verb, the name is the patient; a destination narrows nothing.
        let i = intent("Where was Sok Dara arrested?");
        assert_eq!(i.patient.unwrap().label, "Sok Dara");
        assert!(i.agent.is_none());
        let i = intent("How many people were detained in the Sok Dara operation?");
        assert_eq!(i.agent.unwrap().label, "Sok Dara");
        assert!(i.place.is_none() && i.patient.is_none());
        let i = intent("Who was extradited to Thailand by Laos?");
        assert_eq!(i.agent.unwrap().label, "Laos");
        assert!(i.patient.is_none());
    }

    #[test]
    fn unknown_names_and_forms_are_explained() {
        let e = parse("Who visited Bokoe?", &known(), Knowledge::embedded(), &[]).unwrap_err();
        assert_eq!(
            e,
            NotUnderstood::UnknownName {
                name: "Bokoe".into(),
                suggestions: vec!["Bokeo".into()]
            }
        );
        let e = parse(
            "Please summarise everything",
            &known(),
            Knowledge::embedded(),
            &[],
        )
        .unwrap_err();
        assert!(matches!(e, NotUnderstood::UnsupportedForm { .. }));
    }
}
