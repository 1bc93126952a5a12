//! Graph: an [`Extraction`] → RDF quads. What the document asserts (the document node, its
//! entities, events and groups) goes in the document's own named graph; its text annotations
//! (NIF sentences, mentions and triggers, each named under the document IRI and tied to it by
//! `nif:referenceContext`) go in the default graph, where they need half the store indexes
//! of a named graph (see ARCHITECTURE.md, "Store layout").
//!
//! IRIs derive from content only: entities from type and canonical name, groups from
//! nationality and count, events from their type and roles (an event with a counted group is
//! the same node in every document that reports it), mentions and sentences from the
//! document and their offsets. Shards built apart therefore merge by union.
//! Graph knows nothing of text processing or of the store.

pub mod vocab;

use crate::extract::slug;
use crate::model::{DatePrecision, Event, Extraction, Group, Participant, Span};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use vocab::*;

fn iri(s: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(s.into())
}

fn hash16(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// SHA-256 of a text, hex.
pub fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The IRI of a document, which is also the name of its graph.
pub fn document_iri(doc_id: &str) -> NamedNode {
    iri(format!("{ID}doc/{}", slug(doc_id)))
}

pub fn entity_iri(key: &str) -> NamedNode {
    iri(format!("{ID}{key}"))
}

fn group_iri(g: &Group, doc_id: &str) -> NamedNode {
    let nat = g
        .nationality
        .as_deref()
        .map(|k| k.rsplit('/').next().unwrap_or(k).to_string())
        .unwrap_or_else(|| "people".into());
    match g.count {
        Some(c) => iri(format!("{ID}group/{nat}-{c}")),
        // An uncounted group is only known within its document.
        None => iri(format!(
            "{ID}group/{nat}-{}",
            hash16(&format!(
                "{doc_id}|{}|{}",
                g.mention.span.start, g.mention.span.end
            ))
        )),
    }
}

/// The identity of an event across documents: reports of the same act on the same counted
/// group are one event; anything less specific stays within its document.
pub fn event_identity(e: &Event, doc_id: &str) -> String {
    let agent = e.agent.as_deref().unwrap_or("-");
    match &e.patient {
        Some(Participant::Group(g)) if g.count.is_some() && g.nationality.is_some() => format!(
            "{}|{agent}|{}|{}",
            e.kind,
            g.nationality.as_deref().unwrap_or("-"),
            g.count.unwrap_or(0)
        ),
        _ => format!(
            "{}|{doc_id}|{agent}|{}|{}|{}|{}|{}",
            e.kind,
            e.patient
                .as_ref()
                .map(crate::extract::events::participant_key)
                .unwrap_or_default(),
            e.partner.as_deref().unwrap_or("-"),
            e.place.as_deref().unwrap_or("-"),
            e.date.as_ref().map(|d| d.iso.as_str()).unwrap_or("-"),
            e.triggers.first().map(|t| t.span.start).unwrap_or(0)
        ),
    }
}

pub fn event_iri(e: &Event, doc_id: &str) -> NamedNode {
    iri(format!(
        "{ID}event/{}-{}",
        e.kind.to_lowercase(),
        hash16(&event_identity(e, doc_id))
    ))
}

fn date_literal(d: &crate::model::DateValue) -> Literal {
    let dt = match d.precision {
        DatePrecision::Day => xsd::DATE,
        DatePrecision::Month => xsd::G_YEAR_MONTH,
        DatePrecision::Year => xsd::G_YEAR,
    };
    Literal::new_typed_literal(d.iso.clone(), dt)
}

struct Builder {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Builder {
    fn push(&mut self, s: NamedOrBlankNode, p: &str, o: Term, graph: GraphName) {
        self.quads.push(Quad::new(s, iri(p.to_string()), o, graph));
    }
    /// A quad the document asserts: in its named graph.
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, o: impl Into<Term>) {
        let graph = self.graph.clone();
        self.push(s.into(), p, o.into(), graph);
    }
    /// A quad about a text annotation (sentence, mention, trigger): in the default graph.
    fn annotate(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, o: impl Into<Term>) {
        self.push(s.into(), p, o.into(), GraphName::DefaultGraph);
    }
    fn str(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }
    fn int(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, v: u64) {
        self.add(s, p, integer(v));
    }
}

/// Character (code point) offset of a byte offset, for NIF.
fn char_offset(text: &str, byte: usize) -> u64 {
    text[..byte].chars().count() as u64
}

fn integer(v: u64) -> Literal {
    Literal::new_typed_literal(v.to_string(), xsd::INTEGER)
}

/// The NIF string triples of a text annotation: its context, its character offsets and its
/// text. Byte offsets are added for sentences only (what answers cite and the web page
/// highlights); a mention's or trigger's byte offsets are in its IRI (`…/m269-276`).
fn annotation_triples(
    b: &mut Builder,
    node: &NamedNode,
    doc_iri: &NamedNode,
    text: &str,
    span: Span,
    with_bytes: bool,
) {
    b.annotate(
        node.clone(),
        &format!("{NIF}referenceContext"),
        doc_iri.clone(),
    );
    b.annotate(
        node.clone(),
        &format!("{NIF}beginIndex"),
        integer(char_offset(text, span.start)),
    );
    b.annotate(
        node.clone(),
        &format!("{NIF}endIndex"),
        integer(char_offset(text, span.end)),
    );
    if with_bytes {
        b.annotate(node.clone(), &ng("byteStart"), integer(span.start as u64));
        b.annotate(node.clone(), &ng("byteEnd"), integer(span.end as u64));
    }
    b.annotate(
        node.clone(),
        &format!("{NIF}anchorOf"),
        Literal::new_simple_literal(&text[span.start..span.end]),
    );
}

/// The lower-case names by which a question can name an entity: its name, its aliases and,
/// for a person, the surname.
fn name_keys(e: &crate::model::Entity) -> std::collections::BTreeSet<String> {
    let mut keys: std::collections::BTreeSet<String> = std::iter::once(&e.name)
        .chain(&e.aliases)
        .map(|n| n.to_lowercase())
        .collect();
    if e.kind == crate::model::EntityType::Person && e.name.contains(' ') {
        if let Some(last) = e.name.split_whitespace().last() {
            keys.insert(last.to_lowercase());
        }
    }
    keys
}

/// All quads of one document (its assertions in its named graph, its text annotations in the
/// default graph), in a deterministic order, without repeats.
pub fn to_quads(x: &Extraction) -> Vec<Quad> {
    let doc = &x.document;
    let doc_iri = document_iri(&doc.id);
    let mut b = Builder {
        graph: GraphName::NamedNode(doc_iri.clone()),
        quads: Vec::new(),
    };
    let type_ = rdf::TYPE.as_str();
    b.add(doc_iri.clone(), type_, iri(ng("Document")));
    b.str(doc_iri.clone(), &ng("docId"), &doc.id);
    b.str(doc_iri.clone(), &ng("contentHash"), &doc.content_hash);
    b.str(doc_iri.clone(), &format!("{NIF}isString"), &doc.text);
    if let Some(t) = &doc.title {
        b.str(doc_iri.clone(), &format!("{DCTERMS}title"), t);
    }
    if let Some(d) = &doc.date {
        b.add(
            doc_iri.clone(),
            &format!("{SCHEMA}datePublished"),
            Literal::new_typed_literal(d.clone(), xsd::DATE),
        );
    }
    if let Some(s) = &doc.source {
        b.str(doc_iri.clone(), &format!("{SCHEMA}publisher"), s);
    }
    if let Some(u) = &doc.url {
        b.str(doc_iri.clone(), &format!("{SCHEMA}url"), u);
    }
    let sentence_iri = |i: usize| iri(format!("{}/s{i}", doc_iri.as_str()));
    // Sentences that carry evidence or mentions.
    let mut used: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    for e in &x.entities {
        used.extend(e.mentions.iter().map(|m| m.sentence));
    }
    for e in &x.events {
        used.extend(e.evidence.iter().copied());
    }
    for &i in &used {
        let s = &x.sentences[i];
        let node = sentence_iri(i);
        b.annotate(node.clone(), type_, iri(format!("{NIF}Sentence")));
        b.annotate(node.clone(), &ng("sentenceIndex"), integer(i as u64));
        annotation_triples(&mut b, &node, &doc_iri, &doc.text, s.span, true);
    }
    let mention_iri =
        |span: Span| iri(format!("{}/m{}-{}", doc_iri.as_str(), span.start, span.end));
    for e in &x.entities {
        let node = entity_iri(&e.key);
        b.add(node.clone(), type_, iri(ng(e.kind.as_str())));
        b.str(node.clone(), &format!("{RDFS}label"), &e.name);
        for a in &e.aliases {
            b.str(node.clone(), &format!("{SKOS}altLabel"), a);
        }
        for key in name_keys(e) {
            b.str(node.clone(), &ng("nameKey"), &key);
        }
        if let Some(q) = &e.wikidata {
            b.add(
                node.clone(),
                &format!("{OWL}sameAs"),
                iri(format!("{WD}{q}")),
            );
        }
        if let Some(c) = &e.country {
            b.add(node.clone(), &ng("country"), entity_iri(c));
        }
        if let Some(w) = &e.within {
            b.add(node.clone(), &ng("within"), entity_iri(w));
        }
        b.add(
            node.clone(),
            &format!("{PROV}wasDerivedFrom"),
            doc_iri.clone(),
        );
        for m in &e.mentions {
            let mn = mention_iri(m.span);
            b.annotate(mn.clone(), type_, iri(ng("Mention")));
            b.annotate(mn.clone(), &ng("denotes"), node.clone());
            b.annotate(mn.clone(), &ng("sentence"), sentence_iri(m.sentence));
            annotation_triples(&mut b, &mn, &doc_iri, &doc.text, m.span, false);
        }
    }
    for e in &x.events {
        let node = event_iri(e, &doc.id);
        b.add(node.clone(), type_, iri(ng(&e.kind)));
        b.str(node.clone(), &format!("{RDFS}label"), &event_label(x, e));
        b.str(node.clone(), &ng("cameoCode"), &e.cameo);
        b.str(node.clone(), &ng("modality"), e.modality.as_str());
        if let Some(a) = &e.agent {
            b.add(node.clone(), &ng("agent"), entity_iri(a));
        }
        if let Some(a) = &e.agent_body {
            b.add(node.clone(), &ng("agentBody"), entity_iri(a));
        }
        if let Some(p) = &e.partner {
            b.add(node.clone(), &ng("partner"), entity_iri(p));
        }
        if let Some(p) = &e.place {
            b.add(node.clone(), &ng("place"), entity_iri(p));
        }
        if let Some(r) = &e.reported_by {
            b.add(node.clone(), &ng("reportedBy"), entity_iri(r));
        }
        if let Some(d) = &e.date {
            b.add(node.clone(), &ng("date"), date_literal(d));
        }
        if let Some(c) = e.count {
            b.int(node.clone(), &ng("count"), c);
        }
        match &e.patient {
            Some(Participant::Entity(k)) => b.add(node.clone(), &ng("patient"), entity_iri(k)),
            Some(Participant::Group(g)) => {
                let gn = group_iri(g, &doc.id);
                b.add(node.clone(), &ng("patient"), gn.clone());
                b.add(gn.clone(), type_, iri(ng("Group")));
                b.str(gn.clone(), &format!("{RDFS}label"), &group_label(x, g));
                if let Some(n) = &g.nationality {
                    b.add(gn.clone(), &ng("nationality"), entity_iri(n));
                }
                if let Some(c) = g.count {
                    b.int(gn.clone(), &ng("count"), c);
                }
                b.str(gn.clone(), &ng("countQualifier"), g.qualifier.as_str());
            }
            None => {}
        }
        b.add(
            node.clone(),
            &format!("{PROV}wasDerivedFrom"),
            doc_iri.clone(),
        );
        for &s in &e.evidence {
            b.add(node.clone(), &ng("evidence"), sentence_iri(s));
        }
        for t in &e.triggers {
            let tn = iri(format!(
                "{}/t{}-{}",
                doc_iri.as_str(),
                t.span.start,
                t.span.end
            ));
            b.add(node.clone(), &ng("trigger"), tn.clone());
            b.annotate(tn.clone(), type_, iri(ng("Trigger")));
            b.annotate(tn.clone(), &ng("sentence"), sentence_iri(t.sentence));
            annotation_triples(&mut b, &tn, &doc_iri, &doc.text, t.span, false);
        }
    }
    // The order is already deterministic (it follows the extraction); serialisers sort.
    // Repeats (a group or trigger shared by two events) are dropped without copying a quad.
    let first: Vec<bool> = {
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(b.quads.len());
        b.quads.iter().map(|q| seen.insert(q)).collect()
    };
    let mut first = first.into_iter();
    b.quads.retain(|_| first.next().unwrap_or(false));
    b.quads
}

/// A group's label from its identity only ("119 nationals of Thailand"), so that a group node
/// shared by several documents gets one label.
pub fn group_label(x: &Extraction, g: &Group) -> String {
    let mut parts = Vec::new();
    match g.qualifier {
        crate::model::Qualifier::AtLeast => parts.push("at least".to_string()),
        crate::model::Qualifier::MoreThan => parts.push("more than".to_string()),
        crate::model::Qualifier::About => parts.push("about".to_string()),
        _ => {}
    }
    match g.count {
        Some(c) => parts.push(c.to_string()),
        None => parts.push("some".to_string()),
    }
    match &g.nationality {
        Some(n) => parts.push(format!("nationals of {}", x.entity_name(n))),
        None => parts.push("people".to_string()),
    }
    parts.join(" ")
}

/// The label names only the parts of the event's identity, so that a node shared by several
/// documents gets one label.
pub fn event_label(x: &Extraction, e: &Event) -> String {
    let mut s = e.kind.clone();
    if let Some(a) = &e.agent {
        s.push_str(&format!(" by {}", x.entity_name(a)));
    }
    match &e.patient {
        Some(Participant::Entity(k)) => s.push_str(&format!(" of {}", x.entity_name(k))),
        Some(Participant::Group(g)) => s.push_str(&format!(" of {}", group_label(x, g))),
        None => {}
    }
    if let Some(p) = &e.partner {
        s.push_str(&format!(" with {}", x.entity_name(p)));
    }
    s
}
