//! Ask: plain-English questions compiled to SPARQL over the store, answered with the
//! sentences that support each answer.
//!
//! `question` turns the question into an [`Intent`] (event type, roles, form); `sparql`
//! writes the query — names from the question never enter it, only IRIs of entities found in
//! the store; this module runs it and gathers one [`Answer`] per event, merging the rows of
//! every document that reports it; `path` answers "How is A connected to B?" with petgraph.

pub mod path;
pub mod question;
pub mod sparql;
pub mod topic;
pub mod when;

use crate::error::{Error, Result};
use crate::graph::vocab::TERMS;
use crate::knowledge::Knowledge;
use crate::names::{as_known, known_entities, Known};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use question::{Form, Intent, NotUnderstood};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    pub doc: String,
    pub sentence: u64,
    pub start: u64,
    pub end: u64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Patient {
    Entity(String),
    Group {
        #[serde(skip_serializing_if = "Option::is_none")]
        nationality: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        count: Option<u64>,
    },
}

/// One answer: an event and its roles, with every sentence that supports it.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    #[serde(rename = "type")]
    pub kind: String,
    pub event: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patient: Option<Patient>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    pub evidence: Vec<Evidence>,
}

/// The outcome of a question.
#[derive(Debug, Clone)]
pub struct Response {
    pub intent: Intent,
    pub sparql: String,
    pub answers: Vec<Answer>,
    /// For "How many …": the sum of the counts of the distinct events.
    pub total: Option<u64>,
    /// For "How is A connected to B?": the chain of steps.
    pub path: Option<Vec<path::Step>>,
}

/// Why a question got no answer: said to the user in one line.
#[derive(Debug, Clone)]
pub enum AskError {
    NotUnderstood(NotUnderstood),
    Failed(String),
}

impl std::fmt::Display for AskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AskError::NotUnderstood(NotUnderstood::UnknownName { name, suggestions }) => {
                write!(f, "no entity named {name:?}")?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", suggestions.join(", "))?;
                }
                Ok(())
            }
            AskError::NotUnderstood(NotUnderstood::UnsupportedForm { closest }) => write!(
                f,
                "this question is not one of the forms ask understands; the closest is {closest:?}. Forms: {}",
                question::FORMS.join(" | ")
            ),
            AskError::Failed(m) => f.write_str(m),
        }
    }
}

impl From<Error> for AskError {
    fn from(e: Error) -> Self {
        AskError::Failed(e.to_string())
    }
}

fn literal(t: Option<&Term>) -> Option<String> {
    match t? {
        Term::Literal(l) => Some(l.value().to_string()),
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        other => Some(other.to_string()),
    }
}

/// The entities a question can be naming: those with a name key (`ng:nameKey`) equal to a
/// run of the question's words, or, for states, whose demonym or alias is such a run. A few
/// index lookups, however large the store.
pub fn named_in_question(store: &Store, question: &str, k: &Knowledge) -> Result<Vec<Known>> {
    let err = |e: oxigraph::store::StorageError| Error::Query(e.to_string());
    let q = question::normalise(question);
    let is_word = |c: char| c.is_alphanumeric();
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in q.char_indices() {
        if is_word(c) && !prev.is_some_and(is_word) {
            starts.push(i);
        }
        if !is_word(c) && prev.is_some_and(is_word) {
            ends.push(i);
        }
        prev = Some(c);
    }
    if prev.is_some_and(is_word) {
        ends.push(q.len());
    }
    let mut keys: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for &a in &starts {
        for &b in ends.iter().filter(|&&b| b > a && b - a <= 120) {
            keys.insert(q[a..b].to_string());
        }
    }
    for e in k
        .gazetteer
        .entries
        .iter()
        .filter(|e| e.kind == crate::model::EntityType::State)
    {
        if e.demonyms
            .iter()
            .chain(&e.aliases)
            .any(|d| keys.contains(&d.to_lowercase()))
        {
            keys.insert(e.name.to_lowercase());
        }
    }
    let name_key = &TERMS.name_key;
    let mut subjects = std::collections::BTreeSet::new();
    for key in &keys {
        let literal = Term::from(oxigraph::model::Literal::new_simple_literal(key));
        for quad in
            store.quads_for_pattern(None, Some(name_key.as_ref()), Some(literal.as_ref()), None)
        {
            if let NamedOrBlankNode::NamedNode(n) = quad.map_err(err)?.subject {
                subjects.insert(n);
            }
        }
    }
    let classes = ["Person", "State", "Organisation", "Place"];
    let mut out = std::collections::BTreeSet::new();
    for subject in &subjects {
        let mut kind = None;
        for quad in
            store.quads_for_pattern(Some(subject.as_ref().into()), Some(rdf::TYPE), None, None)
        {
            if let Term::NamedNode(class) = quad.map_err(err)?.object {
                let local = class.as_str().rsplit('#').next().unwrap_or("");
                if let Some(c) = classes.iter().find(|c| **c == local) {
                    kind = Some(*c);
                    break;
                }
            }
        }
        let Some(kind) = kind else { continue };
        for predicate in [rdfs::LABEL, TERMS.alt_label.as_ref()] {
            for quad in
                store.quads_for_pattern(Some(subject.as_ref().into()), Some(predicate), None, None)
            {
                if let Term::Literal(l) = quad.map_err(err)?.object {
                    out.insert((subject.as_str().to_string(), l.value().to_string(), kind));
                }
            }
        }
    }
    Ok(as_known(out))
}

/// The canonical labels of the given nodes, by IRI. A node named in thousands of documents has
/// a label in each; the first in the store's index order is taken (the same for the same
/// quads, however they were loaded).
pub(crate) fn labels_of(
    store: &Store,
    nodes: &std::collections::BTreeSet<NamedNode>,
) -> Result<BTreeMap<String, String>> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for node in nodes {
        let first = store
            .quads_for_pattern(Some(node.as_ref().into()), Some(rdfs::LABEL), None, None)
            .find_map(|q| match q {
                Ok(q) => match q.object {
                    Term::Literal(l) => Some(Ok(l.value().to_string())),
                    _ => None,
                },
                Err(e) => Some(Err(Error::Query(e.to_string()))),
            });
        if let Some(label) = first {
            out.insert(node.as_str().to_string(), label?);
        }
    }
    Ok(out)
}

/// The most names a question may use that no entity has.
const MAX_MENTIONED: usize = 2;

/// Answers a question from a store.
pub fn ask(store: &Store, q: &str, k: &Knowledge) -> std::result::Result<Response, AskError> {
    let known = named_in_question(store, q, k)?;
    // A name no entity has and none resembles ("POGOs") is looked for in the evidence text
    // instead; one that resembles a known name is likely a typo, and is reported with it.
    let mut mentioned: Vec<String> = Vec::new();
    // Only a name the store lacks needs every name, to suggest the closest ones: read once.
    let mut all: Option<Vec<Known>> = None;
    let mut intent = loop {
        match question::parse(q, &known, k, &mentioned) {
            Ok(intent) => break intent,
            Err(NotUnderstood::UnknownName { name, .. }) => {
                let all = match &mut all {
                    Some(all) => all,
                    empty => empty.insert(known_entities(store)?),
                };
                let suggestions = question::suggestions(&name, all);
                if !suggestions.is_empty() || mentioned.len() >= MAX_MENTIONED {
                    return Err(AskError::NotUnderstood(NotUnderstood::UnknownName {
                        suggestions,
                        name,
                    }));
                }
                mentioned.push(name);
            }
            Err(e) => return Err(AskError::NotUnderstood(e)),
        }
    };
    if intent.form == Form::Connection {
        let (a, b) = (intent.any.clone(), intent.other.clone());
        let (Some(a), Some(b)) = (a, b) else {
            return Err(AskError::Failed("name two entities to connect".into()));
        };
        let steps = path::shortest(store, &a.iri, &b.iri)?;
        return Ok(Response {
            sparql: path::QUERY.to_string(),
            intent,
            answers: Vec::new(),
            total: None,
            path: Some(steps),
        });
    }
    let query = sparql::events_query(&intent, k);
    let results = crate::store::run_query(store, &query)?;
    let mut by_event: BTreeMap<String, Answer> = BTreeMap::new();
    let QueryResults::Solutions(rows) = results else {
        return Err(AskError::Failed(
            "the generated query did not return rows".into(),
        ));
    };
    let rows = rows
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| AskError::Failed(e.to_string()))?;
    // Labels of just the nodes the answers name.
    let mut wanted = std::collections::BTreeSet::new();
    for r in &rows {
        for key in ["agent", "partner", "place", "nat", "patient"] {
            if let Some(Term::NamedNode(n)) = r.get(key) {
                wanted.insert(n.clone());
            }
        }
    }
    if let Some(subject) = &intent.subject_side {
        wanted.insert(NamedNode::new_unchecked(subject.iri.clone()));
    }
    let labels = labels_of(store, &wanted)?;
    let label = |t: Option<&Term>| literal(t).map(|i| labels.get(&i).cloned().unwrap_or(i));
    for r in rows {
        let Some(event) = literal(r.get("event")) else {
            continue;
        };
        let entry = by_event.entry(event.clone()).or_insert_with(|| Answer {
            kind: literal(r.get("class"))
                .map(|c| c.rsplit('#').next().unwrap_or("").to_string())
                .unwrap_or_default(),
            event: event.clone(),
            agent: label(r.get("agent")),
            patient: None,
            partner: label(r.get("partner")),
            place: label(r.get("place")),
            date: literal(r.get("date")),
            count: literal(r.get("count")).and_then(|c| c.parse().ok()),
            evidence: Vec::new(),
        });
        if entry.patient.is_none() {
            entry.patient = match (literal(r.get("patient")), literal(r.get("ptype"))) {
                (Some(_), Some(t)) if t.ends_with("#Group") => Some(Patient::Group {
                    nationality: label(r.get("nat")),
                    count: literal(r.get("pcount")).and_then(|c| c.parse().ok()),
                }),
                (Some(p), _) => Some(Patient::Entity(labels.get(&p).cloned().unwrap_or(p))),
                _ => None,
            };
        }
        for (field, key) in [
            (&mut entry.place, "place"),
            (&mut entry.date, "date"),
            (&mut entry.partner, "partner"),
        ] {
            if field.is_none() {
                *field = if key == "date" {
                    literal(r.get(key))
                } else {
                    label(r.get(key))
                };
            }
        }
        if let (Some(doc), Some(text), Some(start), Some(end), Some(s)) = (
            literal(r.get("doc")),
            literal(r.get("text")),
            literal(r.get("start")),
            literal(r.get("end")),
            literal(r.get("sidx")),
        ) {
            let ev = Evidence {
                doc,
                sentence: s.parse().unwrap_or(0),
                start: start.parse().unwrap_or(0),
                end: end.parse().unwrap_or(0),
                text,
            };
            if !entry.evidence.contains(&ev) {
                entry.evidence.push(ev);
            }
        }
    }
    let mut answers: Vec<Answer> = by_event.into_values().collect();
    for a in &mut answers {
        a.evidence.sort();
        if a.count.is_none() {
            if let Some(Patient::Group { count, .. }) = &a.patient {
                a.count = *count;
            }
        }
        // "Who does Cambodia cooperate with?": the answer is the other side.
        if let Some(subject) = &intent.subject_side {
            let subject_label = labels
                .get(&subject.iri)
                .cloned()
                .unwrap_or(subject.label.clone());
            if a.agent.as_deref() == Some(subject_label.as_str()) {
                std::mem::swap(&mut a.agent, &mut a.partner);
            }
        }
    }
    if !intent.mentioned.is_empty() {
        answers.retain(|a| {
            intent
                .mentioned
                .iter()
                .all(|m| a.evidence.iter().any(|e| topic::mentions_word(&e.text, m)))
        });
        if answers.is_empty() {
            return Err(AskError::Failed(format!(
                "no entity named {:?}, and no evidence sentence of a matching event mentions it",
                intent.mentioned[0]
            )));
        }
    }
    if let Some(when) = &intent.when {
        answers.retain(|a| when.admits(a.date.as_deref()));
    }
    // The object's other words narrow the answers only when some answer's evidence has them
    // all: otherwise the articles put it in other words.
    let about_topic = |a: &Answer| {
        intent
            .topic
            .iter()
            .all(|w| a.evidence.iter().any(|e| topic::mentions(&e.text, w)))
    };
    let narrows = matches!(
        intent.form,
        Form::Who | Form::HowMany | Form::Where | Form::When
    ) && !intent.topic.is_empty()
        && answers.iter().any(about_topic);
    if narrows {
        answers.retain(about_topic);
    } else {
        intent.topic.clear();
    }
    match intent.form {
        Form::Where => answers.retain(|a| a.place.is_some()),
        Form::When => answers.retain(|a| a.date.is_some()),
        Form::HowMany => answers.retain(|a| a.count.is_some()),
        _ => {}
    }
    answers.sort_by(|a, b| {
        (
            a.kind.as_str(),
            a.agent.as_deref(),
            std::cmp::Reverse(a.count),
            a.evidence.first(),
            a.event.as_str(),
        )
            .cmp(&(
                b.kind.as_str(),
                b.agent.as_deref(),
                std::cmp::Reverse(b.count),
                b.evidence.first(),
                b.event.as_str(),
            ))
    });
    let total =
        (intent.form == Form::HowMany).then(|| answers.iter().filter_map(|a| a.count).sum());
    Ok(Response {
        intent,
        sparql: query,
        answers,
        total,
        path: None,
    })
}

/// One line per answer, then its evidence.
pub fn render_text(r: &Response) -> String {
    let mut out = String::new();
    if let Some(steps) = &r.path {
        if steps.is_empty() {
            out.push_str("no connection found\n");
        }
        for s in steps {
            out.push_str(&format!("{} --{}--> {}\n", s.from, s.role, s.to));
            for e in &s.evidence {
                out.push_str(&format!(
                    "    [{} {}-{}] {}\n",
                    e.doc, e.start, e.end, e.text
                ));
            }
        }
        return out;
    }
    if r.answers.is_empty() {
        out.push_str("no answer in the graph\n");
    }
    if let Some(when) = &r.intent.when {
        out.push_str(&format!(
            "note: only events {}, or with no date, are shown\n",
            when.describe()
        ));
    }
    if !r.intent.topic.is_empty() {
        let words: Vec<String> = r.intent.topic.iter().map(|w| format!("{w:?}")).collect();
        out.push_str(&format!(
            "note: only answers whose evidence mentions {}\n",
            words.join(" and ")
        ));
    }
    for m in &r.intent.mentioned {
        out.push_str(&format!(
            "note: no entity is named {m:?}; these answers' evidence mentions it\n"
        ));
    }
    for a in &r.answers {
        let mut line = a.kind.clone();
        if let Some(ag) = &a.agent {
            line = format!("{ag}: {line}");
        }
        match &a.patient {
            Some(Patient::Entity(p)) => line.push_str(&format!(" of {p}")),
            Some(Patient::Group { nationality, count }) => {
                let c = count
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "some".into());
                match nationality {
                    Some(n) => line.push_str(&format!(" of {c} nationals of {n}")),
                    None => line.push_str(&format!(" of {c} people")),
                }
            }
            None => {}
        }
        if let Some(p) = &a.partner {
            line.push_str(&format!(" with {p}"));
        }
        if let Some(p) = &a.place {
            line.push_str(&format!(" in {p}"));
        }
        if let Some(d) = &a.date {
            line.push_str(&format!(" on {d}"));
        }
        let docs: std::collections::BTreeSet<&str> =
            a.evidence.iter().map(|e| e.doc.as_str()).collect();
        line.push_str(&format!(
            " ({} source{})",
            docs.len(),
            if docs.len() == 1 { "" } else { "s" }
        ));
        out.push_str(&line);
        out.push('\n');
        for e in &a.evidence {
            out.push_str(&format!(
                "    [{} {}-{}] {}\n",
                e.doc, e.start, e.end, e.text
            ));
        }
    }
    if let Some(t) = r.total {
        out.push_str(&format!(
            "total: {t} (over {} distinct events)\n",
            r.answers.len()
        ));
    }
    out
}

/// The answers as JSON: an array of `{type, agent, patient, partner, place, date, count,
/// evidence}` (for a connection, an array of steps).
pub fn render_json(r: &Response) -> serde_json::Value {
    match &r.path {
        Some(steps) => serde_json::to_value(steps).unwrap_or_default(),
        None => serde_json::to_value(&r.answers).unwrap_or_default(),
    }
}
