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
use crate::model::{hex, DatePrecision, Event, Extraction, Group, Participant, Span};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use vocab::*;

fn iri(s: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(s.into())
}

fn hash16(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes())[..8])
}

/// SHA-256 of a text, hex.
pub fn content_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
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
    fn push(&mut self, s: NamedOrBlankNode, p: &NamedNode, o: Term, graph: GraphName) {
        self.quads.push(Quad::new(s, p.clone(), o, graph));
    }
    /// A quad the document asserts: in its named graph.
    fn add(&mut self, s: &NamedNode, p: &NamedNode, o: impl Into<Term>) {
        let graph = self.graph.clone();
        self.push(s.clone().into(), p, o.into(), graph);
    }
    /// A quad about a text annotation (sentence, mention, trigger): in the default graph.
    fn annotate(&mut self, s: &NamedNode, p: &NamedNode, o: impl Into<Term>) {
        self.push(s.clone().into(), p, o.into(), GraphName::DefaultGraph);
    }
    fn str(&mut self, s: &NamedNode, p: &NamedNode, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }
    fn int(&mut self, s: &NamedNode, p: &NamedNode, v: u64) {
        self.add(s, p, integer(v));
    }
}

/// Character (code point) offsets of byte offsets, for NIF. Counting from the start of the
/// text for every annotation would cost quadratic time on a long document: counts are kept
/// at checkpoints every few kilobytes, and an ASCII text needs none.
struct CharOffsets<'a> {
    text: &'a str,
    /// In an ASCII text a byte offset is a character offset.
    ascii: bool,
    /// (byte offset, characters before it), every `CHECKPOINT_BYTES` or so.
    checkpoints: Vec<(usize, u64)>,
}

const CHECKPOINT_BYTES: usize = 4096;

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = vec![(0, 0)];
        if !ascii {
            let mut at = 0;
            let mut chars = 0u64;
            while at + CHECKPOINT_BYTES < text.len() {
                let mut next = at + CHECKPOINT_BYTES;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += text[at..next].chars().count() as u64;
                checkpoints.push((next, chars));
                at = next;
            }
        }
        CharOffsets {
            text,
            ascii,
            checkpoints,
        }
    }

    fn of(&self, byte: usize) -> u64 {
        if self.ascii {
            return byte as u64;
        }
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte) - 1;
        let (from, chars) = self.checkpoints[i];
        chars + self.text[from..byte].chars().count() as u64
    }
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
    chars: &CharOffsets,
    span: Span,
    with_bytes: bool,
) {
    let t = &*TERMS;
    b.annotate(node, &t.reference_context, doc_iri.clone());
    b.annotate(node, &t.begin_index, integer(chars.of(span.start)));
    b.annotate(node, &t.end_index, integer(chars.of(span.end)));
    if with_bytes {
        b.annotate(node, &t.byte_start, integer(span.start as u64));
        b.annotate(node, &t.byte_end, integer(span.end as u64));
    }
    b.annotate(
        node,
        &t.anchor_of,
        Literal::new_simple_literal(&chars.text[span.start..span.end]),
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
    let t = &*TERMS;
    let doc = &x.document;
    let doc_iri = document_iri(&doc.id);
    let chars = CharOffsets::new(&doc.text);
    let mut b = Builder {
        graph: GraphName::NamedNode(doc_iri.clone()),
        quads: Vec::new(),
    };
    b.add(&doc_iri, &t.rdf_type, t.document.clone());
    b.str(&doc_iri, &t.doc_id, &doc.id);
    b.str(&doc_iri, &t.content_hash, &doc.content_hash);
    b.str(&doc_iri, &t.is_string, &doc.text);
    if let Some(title) = &doc.title {
        b.str(&doc_iri, &t.title, title);
    }
    if let Some(d) = &doc.date {
        b.add(
            &doc_iri,
            &t.date_published,
            Literal::new_typed_literal(d.clone(), xsd::DATE),
        );
    }
    if let Some(s) = &doc.source {
        b.str(&doc_iri, &t.publisher, s);
    }
    if let Some(u) = &doc.url {
        b.str(&doc_iri, &t.url, u);
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
        b.annotate(&node, &t.rdf_type, t.nif_sentence.clone());
        b.annotate(&node, &t.sentence_index, integer(i as u64));
        annotation_triples(&mut b, &node, &doc_iri, &chars, s.span, true);
    }
    let mention_iri =
        |span: Span| iri(format!("{}/m{}-{}", doc_iri.as_str(), span.start, span.end));
    for e in &x.entities {
        let node = entity_iri(&e.key);
        b.add(&node, &t.rdf_type, iri(ng(e.kind.as_str())));
        b.str(&node, &t.label, &e.name);
        for a in &e.aliases {
            b.str(&node, &t.alt_label, a);
        }
        for key in name_keys(e) {
            b.str(&node, &t.name_key, &key);
        }
        if let Some(q) = &e.wikidata {
            b.add(&node, &t.same_as, iri(format!("{WD}{q}")));
        }
        if let Some(c) = &e.country {
            b.add(&node, &t.country, entity_iri(c));
        }
        if let Some(w) = &e.within {
            b.add(&node, &t.within, entity_iri(w));
        }
        b.add(&node, &t.derived_from, doc_iri.clone());
        for m in &e.mentions {
            let mn = mention_iri(m.span);
            b.annotate(&mn, &t.rdf_type, t.mention.clone());
            b.annotate(&mn, &t.denotes, node.clone());
            b.annotate(&mn, &t.sentence, sentence_iri(m.sentence));
            annotation_triples(&mut b, &mn, &doc_iri, &chars, m.span, false);
        }
    }
    for e in &x.events {
        let node = event_iri(e, &doc.id);
        b.add(&node, &t.rdf_type, iri(ng(&e.kind)));
        b.str(&node, &t.label, &event_label(x, e));
        b.str(&node, &t.cameo_code, &e.cameo);
        b.str(&node, &t.modality, e.modality.as_str());
        let roles = [
            (&t.agent, &e.agent),
            (&t.agent_body, &e.agent_body),
            (&t.partner, &e.partner),
            (&t.place, &e.place),
            (&t.reported_by, &e.reported_by),
        ];
        for (role, key) in roles {
            if let Some(k) = key {
                b.add(&node, role, entity_iri(k));
            }
        }
        if let Some(d) = &e.date {
            b.add(&node, &t.date, date_literal(d));
        }
        if let Some(c) = e.count {
            b.int(&node, &t.count, c);
        }
        match &e.patient {
            Some(Participant::Entity(k)) => b.add(&node, &t.patient, entity_iri(k)),
            Some(Participant::Group(g)) => {
                let gn = group_iri(g, &doc.id);
                b.add(&node, &t.patient, gn.clone());
                b.add(&gn, &t.rdf_type, t.group_class.clone());
                b.str(&gn, &t.label, &group_label(x, g));
                if let Some(n) = &g.nationality {
                    b.add(&gn, &t.nationality, entity_iri(n));
                }
                if let Some(c) = g.count {
                    b.int(&gn, &t.count, c);
                }
                b.str(&gn, &t.count_qualifier, g.qualifier.as_str());
            }
            None => {}
        }
        b.add(&node, &t.derived_from, doc_iri.clone());
        for &s in &e.evidence {
            b.add(&node, &t.evidence, sentence_iri(s));
        }
        for tr in &e.triggers {
            let tn = iri(format!(
                "{}/t{}-{}",
                doc_iri.as_str(),
                tr.span.start,
                tr.span.end
            ));
            b.add(&node, &t.trigger, tn.clone());
            b.annotate(&tn, &t.rdf_type, t.trigger_class.clone());
            b.annotate(&tn, &t.sentence, sentence_iri(tr.sentence));
            annotation_triples(&mut b, &tn, &doc_iri, &chars, tr.span, false);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points_across_checkpoints() {
        // Multi-byte characters on both sides of several checkpoints.
        let text = "Phnom Penh \u{2014} “Hun Sen” said ".repeat(600);
        let offsets = CharOffsets::new(&text);
        assert!(offsets.checkpoints.len() > 3);
        for (byte, _) in text.char_indices().step_by(97) {
            assert_eq!(offsets.of(byte), text[..byte].chars().count() as u64);
        }
        assert_eq!(offsets.of(text.len()), text.chars().count() as u64);
    }

    #[test]
    fn char_offsets_of_ascii_text_are_byte_offsets() {
        let text = "Thai police arrested 12 people. ".repeat(400);
        let offsets = CharOffsets::new(&text);
        assert!(offsets.ascii && offsets.checkpoints.len() == 1);
        assert_eq!(offsets.of(5000), 5000);
    }
}
