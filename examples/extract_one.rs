//! Using newsgraph as a library: extract one article, print its events with their evidence,
//! then load it into an in-memory Oxigraph store and ask who deported whom.
//!
//!     cargo run --release --example extract_one -- data/articles/000_ada3d2bf91749a56.txt

use newsgraph::model::Participant;
use newsgraph::{extract, graph, ingest, store, Knowledge};
use oxigraph::sparql::QueryResults;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("data/articles/000_ada3d2bf91749a56.txt"));
    let knowledge = Knowledge::embedded();
    let oxi = oxigraph::store::Store::new()?;
    for document in ingest::load_file(&path, knowledge)? {
        let x = extract::extract(document, knowledge);
        println!(
            "{}: {} entities, {} events",
            x.document.id,
            x.entities.len(),
            x.events.len()
        );
        for e in &x.events {
            let patient = match &e.patient {
                Some(Participant::Group(g)) => graph::group_label(&x, g),
                Some(Participant::Entity(k)) => x.entity_name(k).to_string(),
                None => "-".into(),
            };
            let agent = e.agent.as_deref().map_or("-", |a| x.entity_name(a));
            println!("  {} by {agent} of {patient}", e.kind);
            for &s in &e.evidence {
                println!("    \"{}\"", x.document.slice(x.sentences[s].span));
            }
        }
        oxi.extend(graph::to_quads(&x))?;
    }
    let q = "SELECT DISTINCT ?agent ?patient WHERE { ?e a ng:Deportation ; ng:agent/rdfs:label ?agent ; ng:patient/rdfs:label ?patient }";
    if let QueryResults::Solutions(rows) = store::run_query(&oxi, q)? {
        for row in rows {
            let row = row?;
            println!(
                "deportation: {} -> {}",
                row.get("agent").map(|t| t.to_string()).unwrap_or_default(),
                row.get("patient")
                    .map(|t| t.to_string())
                    .unwrap_or_default()
            );
        }
    }
    Ok(())
}
