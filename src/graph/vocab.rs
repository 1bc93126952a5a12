//! IRIs of the ontology and the standard vocabularies it reuses, in one place.

use oxigraph::model::NamedNode;
use std::sync::LazyLock;

pub const NG: &str = "https://w3id.org/newsgraph/ontology#";
pub const ID: &str = "https://w3id.org/newsgraph/id/";
/// The named graph that holds the ontology inside the store.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/newsgraph/ontology";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const SCHEMA: &str = "https://schema.org/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const TIME: &str = "http://www.w3.org/2006/time#";
pub const WD: &str = "http://www.wikidata.org/entity/";

/// Prefixes declared in every SPARQL query and Turtle output.
pub const PREFIXES: [(&str, &str); 14] = [
    ("ng", NG),
    ("id", ID),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("schema", SCHEMA),
    ("prov", PROV),
    ("sem", SEM),
    ("nif", NIF),
    ("dcterms", DCTERMS),
    ("time", TIME),
    ("wd", WD),
];

pub fn ng(local: &str) -> String {
    format!("{NG}{local}")
}

/// The predicates and classes the graph stage writes, built once: a corpus yields millions of
/// quads, and each would otherwise format and allocate its predicate's IRI anew.
pub struct Terms {
    pub rdf_type: NamedNode,
    pub label: NamedNode,
    pub alt_label: NamedNode,
    pub same_as: NamedNode,
    pub derived_from: NamedNode,
    pub title: NamedNode,
    pub date_published: NamedNode,
    pub publisher: NamedNode,
    pub url: NamedNode,
    pub reference_context: NamedNode,
    pub begin_index: NamedNode,
    pub end_index: NamedNode,
    pub anchor_of: NamedNode,
    pub is_string: NamedNode,
    pub nif_sentence: NamedNode,
    pub document: NamedNode,
    pub doc_id: NamedNode,
    pub content_hash: NamedNode,
    pub sentence_index: NamedNode,
    pub byte_start: NamedNode,
    pub byte_end: NamedNode,
    pub mention: NamedNode,
    pub trigger_class: NamedNode,
    pub group_class: NamedNode,
    pub denotes: NamedNode,
    pub sentence: NamedNode,
    pub name_key: NamedNode,
    pub country: NamedNode,
    pub within: NamedNode,
    pub cameo_code: NamedNode,
    pub modality: NamedNode,
    pub agent: NamedNode,
    pub agent_body: NamedNode,
    pub partner: NamedNode,
    pub place: NamedNode,
    pub reported_by: NamedNode,
    pub date: NamedNode,
    pub count: NamedNode,
    pub patient: NamedNode,
    pub nationality: NamedNode,
    pub count_qualifier: NamedNode,
    pub evidence: NamedNode,
    pub trigger: NamedNode,
}

fn node(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

pub static TERMS: LazyLock<Terms> = LazyLock::new(|| Terms {
    rdf_type: node(RDF, "type"),
    label: node(RDFS, "label"),
    alt_label: node(SKOS, "altLabel"),
    same_as: node(OWL, "sameAs"),
    derived_from: node(PROV, "wasDerivedFrom"),
    title: node(DCTERMS, "title"),
    date_published: node(SCHEMA, "datePublished"),
    publisher: node(SCHEMA, "publisher"),
    url: node(SCHEMA, "url"),
    reference_context: node(NIF, "referenceContext"),
    begin_index: node(NIF, "beginIndex"),
    end_index: node(NIF, "endIndex"),
    anchor_of: node(NIF, "anchorOf"),
    is_string: node(NIF, "isString"),
    nif_sentence: node(NIF, "Sentence"),
    document: node(NG, "Document"),
    doc_id: node(NG, "docId"),
    content_hash: node(NG, "contentHash"),
    sentence_index: node(NG, "sentenceIndex"),
    byte_start: node(NG, "byteStart"),
    byte_end: node(NG, "byteEnd"),
    mention: node(NG, "Mention"),
    trigger_class: node(NG, "Trigger"),
    group_class: node(NG, "Group"),
    denotes: node(NG, "denotes"),
    sentence: node(NG, "sentence"),
    name_key: node(NG, "nameKey"),
    country: node(NG, "country"),
    within: node(NG, "within"),
    cameo_code: node(NG, "cameoCode"),
    modality: node(NG, "modality"),
    agent: node(NG, "agent"),
    agent_body: node(NG, "agentBody"),
    partner: node(NG, "partner"),
    place: node(NG, "place"),
    reported_by: node(NG, "reportedBy"),
    date: node(NG, "date"),
    count: node(NG, "count"),
    patient: node(NG, "patient"),
    nationality: node(NG, "nationality"),
    count_qualifier: node(NG, "countQualifier"),
    evidence: node(NG, "evidence"),
    trigger: node(NG, "trigger"),
});
