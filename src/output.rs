//! Output formats of an extraction: the JSON of `eval/GOLD_FORMAT.md` (plus provenance) and
//! the RDF serialisations.

use crate::graph::vocab::PREFIXES;
use crate::model::{DatePrecision, Event, Extraction, Group, Mention, Participant};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use serde::Serialize;

/// The RDF formats `extract` and `export` write, by their command-line names.
pub fn rdf_format(name: &str) -> Option<RdfFormat> {
    Some(match name {
        "turtle" | "ttl" => RdfFormat::Turtle,
        "ntriples" | "nt" => RdfFormat::NTriples,
        "nquads" | "nq" => RdfFormat::NQuads,
        "trig" => RdfFormat::TriG,
        "jsonld" | "json-ld" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        "rdfxml" | "xml" => RdfFormat::RdfXml,
        _ => return None,
    })
}

/// A serializer with the ontology's prefixes declared where the format has prefixes.
pub fn rdf_serializer(format: RdfFormat) -> RdfSerializer {
    let mut ser = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (p, ns) in PREFIXES {
            ser = ser
                .with_prefix(p, ns)
                .expect("static prefix IRIs are valid");
        }
    }
    ser
}

// The JSON is written from borrowed structs rather than `serde_json::Value` trees: one
// extraction is serialised per article, and building maps first doubled the cost. Fields are
// declared in alphabetical order, the order the gold format's files and earlier versions use.

#[derive(Serialize)]
struct SpanJson<'a> {
    end: usize,
    sentence: usize,
    start: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nationality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nationality_id: Option<&'a str>,
    qualifier: &'a str,
    text: &'a str,
}

fn group_json<'a>(x: &'a Extraction, g: &'a Group) -> GroupJson<'a> {
    GroupJson {
        count: g.count,
        nationality: g.nationality.as_deref().map(|n| x.entity_name(n)),
        nationality_id: g.nationality.as_deref(),
        qualifier: g.qualifier.as_str(),
        text: &g.mention.text,
    }
}

fn mention_json(m: &Mention) -> SpanJson<'_> {
    SpanJson {
        end: m.span.end,
        sentence: m.sentence,
        start: m.span.start,
        text: &m.text,
    }
}

fn evidence_json(x: &Extraction, sentence: usize) -> SpanJson<'_> {
    let s = &x.sentences[sentence];
    SpanJson {
        end: s.span.end,
        sentence,
        start: s.span.start,
        text: x.document.slice(s.span),
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum PatientJson<'a> {
    Entity(&'a str),
    Group(GroupJson<'a>),
}

#[derive(Serialize)]
struct EventJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    agent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent_body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent_body_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent_id: Option<&'a str>,
    cameo: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    evidence: Vec<SpanJson<'a>>,
    id: String,
    modality: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    partner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partner_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    patient: Option<PatientJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    patient_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reported_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reported_by_id: Option<&'a str>,
    triggers: Vec<SpanJson<'a>>,
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<&'a str>,
}

fn event_json<'a>(x: &'a Extraction, e: &'a Event) -> EventJson<'a> {
    let name = |key: &'a Option<String>| key.as_deref().map(|k| x.entity_name(k));
    let (patient, patient_id) = match &e.patient {
        Some(Participant::Entity(k)) => (
            Some(PatientJson::Entity(x.entity_name(k))),
            Some(k.as_str()),
        ),
        Some(Participant::Group(g)) => (Some(PatientJson::Group(group_json(x, g))), None),
        None => (None, None),
    };
    // The gold format allows a day or a month; a bare year stays in the graph only.
    let (date, year) = match &e.date {
        Some(d) if d.precision != DatePrecision::Year => (Some(d.iso.as_str()), None),
        Some(d) => (None, Some(d.iso.as_str())),
        None => (None, None),
    };
    EventJson {
        agent: name(&e.agent),
        agent_body: name(&e.agent_body),
        agent_body_id: e.agent_body.as_deref(),
        agent_id: e.agent.as_deref(),
        cameo: &e.cameo,
        count: e.count,
        date,
        evidence: e.evidence.iter().map(|&s| evidence_json(x, s)).collect(),
        id: crate::graph::event_iri(e, &x.document.id)
            .as_str()
            .to_owned(),
        modality: e.modality.as_str(),
        partner: name(&e.partner),
        partner_id: e.partner.as_deref(),
        patient,
        patient_id,
        place: name(&e.place),
        place_id: e.place.as_deref(),
        reported_by: name(&e.reported_by),
        reported_by_id: e.reported_by.as_deref(),
        triggers: e.triggers.iter().map(mention_json).collect(),
        kind: &e.kind,
        year,
    }
}

#[derive(Serialize)]
struct EntityJson<'a> {
    aliases: &'a std::collections::BTreeSet<String>,
    id: &'a str,
    iri: String,
    mentions: Vec<SpanJson<'a>>,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    wikidata: &'a Option<String>,
}

/// One document's extraction in the gold format, with provenance fields.
#[derive(Serialize)]
pub struct ExtractionJson<'a> {
    date: &'a Option<String>,
    doc: &'a str,
    entities: Vec<EntityJson<'a>>,
    events: Vec<EventJson<'a>>,
    groups: Vec<GroupJson<'a>>,
    source: &'a Option<String>,
    title: &'a Option<String>,
    url: &'a Option<String>,
}

/// One document's extraction as a serialisable view in the gold format, with provenance.
pub fn extraction_json(x: &Extraction) -> ExtractionJson<'_> {
    let d = &x.document;
    ExtractionJson {
        date: &d.date,
        doc: &d.id,
        entities: x
            .entities
            .iter()
            .map(|e| EntityJson {
                aliases: &e.aliases,
                id: &e.key,
                iri: crate::graph::entity_iri(&e.key).into_string(),
                mentions: e.mentions.iter().map(mention_json).collect(),
                name: &e.name,
                kind: e.kind.as_str(),
                wikidata: &e.wikidata,
            })
            .collect(),
        events: x.events.iter().map(|e| event_json(x, e)).collect(),
        groups: x.groups.iter().map(|g| group_json(x, g)).collect(),
        source: &d.source,
        title: &d.title,
        url: &d.url,
    }
}
