//! IRIs of the ontology and the standard vocabularies it reuses, in one place.

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
