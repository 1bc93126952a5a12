//! Output formats of an extraction: the JSON of `eval/GOLD_FORMAT.md` (plus provenance) and
//! the RDF serialisations.

use crate::graph::vocab::PREFIXES;
use crate::model::{DatePrecision, Event, Extraction, Group, Participant};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use serde_json::{json, Map, Value};

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

fn group_json(x: &Extraction, g: &Group) -> Value {
    let mut m = Map::new();
    if let Some(n) = &g.nationality {
        m.insert("nationality".into(), json!(x.entity_name(n)));
        m.insert("nationality_id".into(), json!(n));
    }
    if let Some(c) = g.count {
        m.insert("count".into(), json!(c));
    }
    m.insert("qualifier".into(), json!(g.qualifier.as_str()));
    m.insert("text".into(), json!(g.mention.text));
    Value::Object(m)
}

fn evidence_json(x: &Extraction, sentence: usize) -> Value {
    let s = &x.sentences[sentence];
    json!({
        "sentence": sentence,
        "start": s.span.start,
        "end": s.span.end,
        "text": x.document.slice(s.span),
    })
}

fn event_json(x: &Extraction, e: &Event) -> Value {
    let mut m = Map::new();
    m.insert(
        "id".into(),
        json!(crate::graph::event_iri(e, &x.document.id).as_str()),
    );
    m.insert("type".into(), json!(e.kind));
    m.insert("cameo".into(), json!(e.cameo));
    let mut role = |name: &str, key: &Option<String>| {
        if let Some(k) = key {
            m.insert(name.into(), json!(x.entity_name(k)));
            m.insert(format!("{name}_id"), json!(k));
        }
    };
    role("agent", &e.agent);
    role("agent_body", &e.agent_body);
    role("partner", &e.partner);
    role("place", &e.place);
    role("reported_by", &e.reported_by);
    match &e.patient {
        Some(Participant::Entity(k)) => {
            m.insert("patient".into(), json!(x.entity_name(k)));
            m.insert("patient_id".into(), json!(k));
        }
        Some(Participant::Group(g)) => {
            m.insert("patient".into(), group_json(x, g));
        }
        None => {}
    }
    if let Some(d) = &e.date {
        // The gold format allows a day or a month; a bare year stays in the graph only.
        if d.precision != DatePrecision::Year {
            m.insert("date".into(), json!(d.iso));
        } else {
            m.insert("year".into(), json!(d.iso));
        }
    }
    if let Some(c) = e.count {
        m.insert("count".into(), json!(c));
    }
    m.insert("modality".into(), json!(e.modality.as_str()));
    m.insert(
        "triggers".into(),
        json!(e
            .triggers
            .iter()
            .map(|t| json!({"text": t.text, "sentence": t.sentence, "start": t.span.start, "end": t.span.end}))
            .collect::<Vec<_>>()),
    );
    m.insert(
        "evidence".into(),
        json!(e
            .evidence
            .iter()
            .map(|&s| evidence_json(x, s))
            .collect::<Vec<_>>()),
    );
    Value::Object(m)
}

/// One document's extraction as a JSON object in the gold format, with provenance fields.
pub fn extraction_json(x: &Extraction) -> Value {
    let d = &x.document;
    let entities: Vec<Value> = x
        .entities
        .iter()
        .map(|e| {
            json!({
                "id": e.key,
                "iri": crate::graph::entity_iri(&e.key).as_str(),
                "type": e.kind.as_str(),
                "name": e.name,
                "aliases": e.aliases,
                "wikidata": e.wikidata,
                "mentions": e.mentions.iter().map(|m| json!({
                    "sentence": m.sentence, "start": m.span.start, "end": m.span.end, "text": m.text
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "doc": d.id,
        "title": d.title,
        "date": d.date,
        "source": d.source,
        "url": d.url,
        "entities": entities,
        "groups": x.groups.iter().map(|g| group_json(x, g)).collect::<Vec<_>>(),
        "events": x.events.iter().map(|e| event_json(x, e)).collect::<Vec<_>>(),
    })
}
