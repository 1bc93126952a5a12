//! Export: the store projected into a petgraph graph, filtered, and written as Graphviz DOT,
//! GraphML or Neo4j-import CSV; centrality ranks over the same projection.
//!
//! Two views: `actors` (entities and groups as nodes, one labelled edge per event from its
//! agent to its patient, partner or place) and `events` (events as nodes linked to their role
//! fillers). Nodes are ordered by IRI, so the same store always gives the same output.

pub mod csv;
pub mod dot;
pub mod graphml;
pub mod rank;

use crate::error::{Error, Result};
use crate::knowledge::Knowledge;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    Actors,
    Events,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub iri: String,
    pub label: String,
    /// Person, State, Organisation, Place, Group, or the event type for event nodes.
    pub kind: String,
    pub is_event: bool,
    /// The state a node belongs to (its IRI), for clusters.
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub label: String,
    /// The role (events view) or the event type (actors view).
    pub kind: String,
    pub event: String,
    pub date: Option<String>,
}

pub type Projection = DiGraph<Node, Edge>;

/// What to keep of the graph.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub focus: Option<String>,
    pub depth: usize,
    pub types: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub min_degree: usize,
}

#[derive(Debug, Clone)]
struct EventRow {
    iri: String,
    kind: String,
    agent: Option<String>,
    patient: Option<String>,
    partner: Option<String>,
    place: Option<String>,
    date: Option<String>,
    count: Option<String>,
}

fn term(t: Option<&Term>) -> Option<String> {
    match t? {
        Term::Literal(l) => Some(l.value().to_string()),
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        other => Some(other.to_string()),
    }
}

fn rows(store: &Store, q: &str) -> Result<Vec<oxigraph::sparql::QuerySolution>> {
    match crate::store::run_query(store, q)? {
        QueryResults::Solutions(s) => s
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::Query(e.to_string())),
        _ => Ok(Vec::new()),
    }
}

const NODES: &str = "SELECT DISTINCT ?n ?t ?l ?c WHERE {
  VALUES ?t { ng:Person ng:State ng:Organisation ng:Place ng:Group }
  ?n a ?t ; rdfs:label ?l . OPTIONAL { ?n ng:country ?c } OPTIONAL { ?n ng:nationality ?c }
} ORDER BY ?n ?l";

const EVENTS: &str = "SELECT DISTINCT ?e ?class ?agent ?patient ?partner ?place ?date ?count WHERE {
  ?e a ?class . ?class rdfs:subClassOf ng:Event .
  OPTIONAL { ?e ng:agent ?agent } OPTIONAL { ?e ng:patient ?patient } OPTIONAL { ?e ng:partner ?partner }
  OPTIONAL { ?e ng:place ?place } OPTIONAL { ?e ng:date ?date } OPTIONAL { ?e ng:count ?count }
} ORDER BY ?e ?agent ?patient ?partner ?place ?date";

/// Builds the projection of the whole store in one view.
pub fn project(store: &Store, view: View, k: &Knowledge) -> Result<Projection> {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for r in rows(store, NODES)? {
        let (Some(n), Some(t), Some(l)) = (term(r.get("n")), term(r.get("t")), term(r.get("l")))
        else {
            continue;
        };
        let kind = t.rsplit('#').next().unwrap_or("").to_string();
        let country = term(r.get("c")).or_else(|| (kind == "State").then(|| n.clone()));
        nodes.entry(n.clone()).or_insert(Node {
            iri: n,
            label: l,
            kind,
            is_event: false,
            country,
        });
    }
    // One row per event: the first value of each role (the store may hold several, from
    // several documents, for place or date).
    let mut events: BTreeMap<String, EventRow> = BTreeMap::new();
    for r in rows(store, EVENTS)? {
        let Some(e) = term(r.get("e")) else { continue };
        let row = events.entry(e.clone()).or_insert_with(|| EventRow {
            iri: e,
            kind: term(r.get("class"))
                .map(|c| c.rsplit('#').next().unwrap_or("").to_string())
                .unwrap_or_default(),
            agent: None,
            patient: None,
            partner: None,
            place: None,
            date: None,
            count: None,
        });
        for (slot, key) in [
            (&mut row.agent, "agent"),
            (&mut row.patient, "patient"),
            (&mut row.partner, "partner"),
            (&mut row.place, "place"),
            (&mut row.date, "date"),
            (&mut row.count, "count"),
        ] {
            if slot.is_none() {
                *slot = term(r.get(key));
            }
        }
    }
    let mut g = Projection::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    let node = |g: &mut Projection,
                index: &mut BTreeMap<String, NodeIndex>,
                iri: &str|
     -> Option<NodeIndex> {
        if let Some(&i) = index.get(iri) {
            return Some(i);
        }
        let i = g.add_node(nodes.get(iri)?.clone());
        index.insert(iri.to_string(), i);
        Some(i)
    };
    for ev in events.values() {
        let verb = k
            .event_spec(&ev.kind)
            .map(|s| s.label.clone())
            .unwrap_or_else(|| ev.kind.to_lowercase());
        match view {
            View::Actors => {
                let Some(from) = ev.agent.as_deref() else {
                    continue;
                };
                let Some(to) = ev
                    .patient
                    .as_deref()
                    .or(ev.partner.as_deref())
                    .or(ev.place.as_deref())
                else {
                    continue;
                };
                let (Some(a), Some(b)) =
                    (node(&mut g, &mut index, from), node(&mut g, &mut index, to))
                else {
                    continue;
                };
                let mut label = verb.clone();
                if let Some(c) = &ev.count {
                    label.push_str(&format!(" {c}"));
                }
                if let Some(d) = &ev.date {
                    label.push_str(&format!(" ({d})"));
                }
                g.add_edge(
                    a,
                    b,
                    Edge {
                        label,
                        kind: ev.kind.clone(),
                        event: ev.iri.clone(),
                        date: ev.date.clone(),
                    },
                );
            }
            View::Events => {
                let label = match (&ev.agent, &ev.patient) {
                    (Some(a), _) => format!(
                        "{} by {}",
                        verb,
                        nodes.get(a).map(|n| n.label.as_str()).unwrap_or("?")
                    ),
                    _ => verb.clone(),
                };
                let ei = g.add_node(Node {
                    iri: ev.iri.clone(),
                    label,
                    kind: ev.kind.clone(),
                    is_event: true,
                    country: None,
                });
                for (role, filler) in [
                    ("agent", &ev.agent),
                    ("patient", &ev.patient),
                    ("partner", &ev.partner),
                    ("place", &ev.place),
                ] {
                    if let Some(f) = filler.as_deref().and_then(|f| node(&mut g, &mut index, f)) {
                        g.add_edge(
                            ei,
                            f,
                            Edge {
                                label: role.to_string(),
                                kind: role.to_string(),
                                event: ev.iri.clone(),
                                date: ev.date.clone(),
                            },
                        );
                    }
                }
            }
        }
    }
    Ok(g)
}

/// Finds a node by label or alias (case-insensitive).
pub fn find_node(store: &Store, g: &Projection, name: &str) -> Result<NodeIndex> {
    let wanted = name.trim().to_lowercase();
    if let Some(i) = g
        .node_indices()
        .find(|&i| g[i].label.to_lowercase() == wanted)
    {
        return Ok(i);
    }
    let known = crate::names::known_entities(store)?;
    if let Some(k) = known.iter().find(|k| k.label.to_lowercase() == wanted) {
        if let Some(i) = g.node_indices().find(|&i| g[i].iri == k.iri) {
            return Ok(i);
        }
    }
    let suggestions = crate::names::suggestions(name, &known);
    let mut msg = format!("no entity named {name:?} in the graph");
    if !suggestions.is_empty() {
        msg.push_str(&format!("; did you mean {}?", suggestions.join(", ")));
    }
    Err(Error::Other(msg))
}

/// Applies the filters: event types and dates first, then the focus neighbourhood, then the
/// minimum degree. Returns a new graph; node order is preserved.
pub fn filter(store: &Store, g: &Projection, f: &Filter) -> Result<Projection> {
    let types: HashSet<String> = f.types.iter().map(|t| t.to_lowercase()).collect();
    let keep_edge = |e: &Edge, g: &Projection, src: NodeIndex| {
        let kind = if g[src].is_event {
            g[src].kind.to_lowercase()
        } else {
            e.kind.to_lowercase()
        };
        (types.is_empty() || types.contains(&kind))
            && f.since
                .as_ref()
                .is_none_or(|s| e.date.as_ref().is_some_and(|d| d.as_str() >= s.as_str()))
            && f.until
                .as_ref()
                .is_none_or(|u| e.date.as_ref().is_some_and(|d| d.as_str() <= u.as_str()))
    };
    let mut edges: Vec<(NodeIndex, NodeIndex)> = g
        .edge_references()
        .filter(|e| keep_edge(e.weight(), g, e.source()))
        .map(|e| (e.source(), e.target()))
        .collect();
    let mut keep: BTreeSet<NodeIndex> = edges.iter().flat_map(|(a, b)| [*a, *b]).collect();
    if let Some(name) = &f.focus {
        let start = find_node(store, g, name)?;
        // In the events view an entity reaches the next entity through an event node.
        let hops = f.depth.max(1)
            * if g.node_weights().any(|w| w.is_event) {
                2
            } else {
                1
            };
        let mut seen: BTreeSet<NodeIndex> = BTreeSet::from([start]);
        let mut queue = VecDeque::from([(start, 0usize)]);
        while let Some((n, d)) = queue.pop_front() {
            if d >= hops {
                continue;
            }
            for (a, b) in &edges {
                let next = if *a == n {
                    *b
                } else if *b == n {
                    *a
                } else {
                    continue;
                };
                if seen.insert(next) {
                    queue.push_back((next, d + 1));
                }
            }
        }
        keep = keep.intersection(&seen).copied().collect();
        keep.insert(start);
        edges.retain(|(a, b)| keep.contains(a) && keep.contains(b));
    }
    if f.min_degree > 0 {
        loop {
            let mut degree: BTreeMap<NodeIndex, usize> = BTreeMap::new();
            for (a, b) in &edges {
                *degree.entry(*a).or_default() += 1;
                *degree.entry(*b).or_default() += 1;
            }
            let before = keep.len();
            keep.retain(|n| degree.get(n).copied().unwrap_or(0) >= f.min_degree);
            edges.retain(|(a, b)| keep.contains(a) && keep.contains(b));
            if keep.len() == before {
                break;
            }
        }
    }
    let mut out = Projection::new();
    let mut map = BTreeMap::new();
    for n in g.node_indices().filter(|n| keep.contains(n)) {
        map.insert(n, out.add_node(g[n].clone()));
    }
    for e in g.edge_references() {
        if let (Some(&a), Some(&b)) = (map.get(&e.source()), map.get(&e.target())) {
            if edges.contains(&(e.source(), e.target())) && keep_edge(e.weight(), g, e.source()) {
                out.add_edge(a, b, e.weight().clone());
            }
        }
    }
    Ok(out)
}
