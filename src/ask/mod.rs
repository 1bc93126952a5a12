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

use crate::error::{Error, Result};
use crate::knowledge::Knowledge;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use question::{Form, Intent, Known, NotUnderstood};
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

/// Every named entity of the store with its labels and aliases.
pub fn known_entities(store: &Store) -> Result<Vec<Known>> {
    let q = "SELECT DISTINCT ?e ?l ?t WHERE { VALUES ?t { ng:Person ng:State ng:Organisation ng:Place } ?e a ?t . { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } } ORDER BY ?e ?l";
    let mut out = Vec::new();
    if let QueryResults::Solutions(rows) = crate::store::run_query(store, q)? {
        for r in rows {
            let r = r.map_err(|e| Error::Query(e.to_string()))?;
            let (Some(e), Some(l), Some(t)) = (
                literal(r.get("e")),
                literal(r.get("l")),
                literal(r.get("t")),
            ) else {
                continue;
            };
            out.push(Known {
                iri: e,
                label: l,
                kind: t.rsplit('#').next().unwrap_or("").to_string(),
            });
        }
    }
    // The canonical label of each entity, for answers.
    Ok(out)
}

/// The canonical label of every entity and event node, by IRI.
fn labels(store: &Store) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if let QueryResults::Solutions(rows) = crate::store::run_query(
        store,
        "SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l FILTER(STRSTARTS(STR(?e), STR(id:))) }",
    )? {
        for r in rows {
            let r = r.map_err(|e| Error::Query(e.to_string()))?;
            if let (Some(e), Some(l)) = (literal(r.get("e")), literal(r.get("l"))) {
                out.entry(e).or_insert(l);
            }
        }
    }
    Ok(out)
}

/// Answers a question from a store.
pub fn ask(store: &Store, q: &str, k: &Knowledge) -> std::result::Result<Response, AskError> {
    let known = known_entities(store)?;
    let intent = question::parse(q, &known, k).map_err(AskError::NotUnderstood)?;
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
    let labels = labels(store)?;
    let mut by_event: BTreeMap<String, Answer> = BTreeMap::new();
    let QueryResults::Solutions(rows) = results else {
        return Err(AskError::Failed(
            "the generated query did not return rows".into(),
        ));
    };
    let label = |t: Option<&Term>| literal(t).map(|i| labels.get(&i).cloned().unwrap_or(i));
    for r in rows {
        let r = r.map_err(|e| AskError::Failed(e.to_string()))?;
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
