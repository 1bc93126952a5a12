//! "How is A connected to B?": the shortest chain through the entity–event graph, built
//! from the store as a petgraph graph, each step with the sentences that state it.

use super::Evidence;
use crate::error::{Error, Result};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The role links between events and entities (and a group's nationality).
pub const QUERY: &str = "SELECT DISTINCT ?event ?role ?x ?doc ?sidx ?start ?end ?text WHERE {
  ?event a ?class . ?class rdfs:subClassOf ng:Event .
  { ?event ?p ?x . VALUES (?p ?role) { (ng:agent \"agent\") (ng:patient \"patient\") (ng:partner \"partner\") (ng:place \"place\") (ng:agentBody \"agent body\") } }
  UNION { ?event ng:patient/ng:nationality ?x . BIND(\"patient nationality\" AS ?role) }
  ?event ng:evidence ?s .
  ?s nif:anchorOf ?text ; ng:byteStart ?start ; ng:byteEnd ?end ; ng:sentenceIndex ?sidx ;
     nif:referenceContext/ng:docId ?doc .
} ORDER BY ?event ?role ?x ?doc ?start";

/// One step of a connection: an entity, its role in an event, and the event (or back).
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub from: String,
    pub role: String,
    pub to: String,
    pub evidence: Vec<Evidence>,
}

fn text(t: Option<&Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The shortest connection between two entities (by IRI); empty when there is none.
pub fn shortest(store: &Store, a: &str, b: &str) -> Result<Vec<Step>> {
    let mut graph: UnGraph<String, String> = UnGraph::new_undirected();
    let mut nodes: BTreeMap<String, NodeIndex> = BTreeMap::new();
    let mut evidence: HashMap<String, Vec<Evidence>> = HashMap::new();
    let mut edges: BTreeMap<(String, String), String> = BTreeMap::new();
    if let QueryResults::Solutions(rows) = crate::store::run_query(store, QUERY)? {
        for r in rows {
            let r = r.map_err(|e| Error::Query(e.to_string()))?;
            let (event, role, x) = (text(r.get("event")), text(r.get("role")), text(r.get("x")));
            edges.entry((event.clone(), x)).or_insert(role);
            let ev = Evidence {
                doc: text(r.get("doc")),
                sentence: text(r.get("sidx")).parse().unwrap_or(0),
                start: text(r.get("start")).parse().unwrap_or(0),
                end: text(r.get("end")).parse().unwrap_or(0),
                text: text(r.get("text")),
            };
            let list = evidence.entry(event).or_default();
            if !list.contains(&ev) {
                list.push(ev);
            }
        }
    }
    // Nodes are added in sorted order: the same store always gives the same path.
    for ((e, x), role) in &edges {
        let mut node = |iri: &String, g: &mut UnGraph<String, String>| {
            *nodes
                .entry(iri.clone())
                .or_insert_with(|| g.add_node(iri.clone()))
        };
        let ei = node(e, &mut graph);
        let xi = node(x, &mut graph);
        graph.add_edge(ei, xi, role.clone());
    }
    let (Some(&start), Some(&goal)) = (nodes.get(a), nodes.get(b)) else {
        return Ok(Vec::new());
    };
    let Some((_, path)) = petgraph::algo::astar(&graph, start, |n| n == goal, |_| 1u32, |_| 0)
    else {
        return Ok(Vec::new());
    };
    let on_path: std::collections::BTreeSet<oxigraph::model::NamedNode> = path
        .iter()
        .filter_map(|&i| oxigraph::model::NamedNode::new(graph[i].clone()).ok())
        .collect();
    let labels = super::labels_of(store, &on_path)?;
    let name = |i: NodeIndex| {
        let iri = &graph[i];
        labels.get(iri).cloned().unwrap_or_else(|| iri.clone())
    };
    let mut steps = Vec::new();
    for w in path.windows(2) {
        let edge = graph
            .find_edge(w[0], w[1])
            .expect("consecutive path nodes share an edge");
        let (from_iri, to_iri) = (&graph[w[0]], &graph[w[1]]);
        let event_iri = if evidence.contains_key(from_iri) {
            from_iri
        } else {
            to_iri
        };
        let mut ev = evidence.get(event_iri).cloned().unwrap_or_default();
        ev.sort();
        steps.push(Step {
            from: name(w[0]),
            role: graph[edge].clone(),
            to: name(w[1]),
            evidence: ev,
        });
    }
    Ok(steps)
}
