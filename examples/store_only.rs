//! The store stage of `build` alone: loads the quads of an N-Quads file (such as
//! `newsgraph export --format nquads`) into a fresh store through the same call `build` makes
//! (`GraphStore::write_documents`, each document's graph and text annotations together,
//! `store::LOAD_QUADS` quads per atomic bulk load) and reports quads per second. No extraction
//! runs, so the figure is the ceiling that Oxigraph's bulk loader puts on `build` (see
//! BENCHMARKS.md).
//!
//!     cargo run --release --example store_only -- all.nq /tmp/fresh-store

use newsgraph::graph::vocab::ONTOLOGY_GRAPH;
use newsgraph::store::{GraphStore, LOAD_QUADS};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

// The allocator `newsgraph` itself runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(input), Some(store_dir)) = (args.next(), args.next()) else {
        return Err("usage: store_only QUADS.nq NEW_STORE_DIR".into());
    };
    let store_dir = PathBuf::from(store_dir);
    if store_dir.exists() {
        return Err(format!(
            "{}: already exists; give a new directory",
            store_dir.display()
        )
        .into());
    }
    let data = std::fs::read(&input)?;
    // One entry per document graph, in order of first appearance (a sorted export interleaves
    // the graphs).
    let mut docs: Vec<(NamedNode, String, Vec<Quad>)> = Vec::new();
    let mut index: HashMap<NamedNode, usize> = HashMap::new();
    let mut total = 0usize;
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(&data) {
        let quad = quad?;
        // A document's graph, or one of its text annotations (default graph), named under it.
        let graph = match &quad.graph_name {
            GraphName::NamedNode(g) if g.as_str() == ONTOLOGY_GRAPH => continue, // every store has it
            GraphName::NamedNode(g) => g.clone(),
            _ => match &quad.subject {
                NamedOrBlankNode::NamedNode(n) => match n.as_str().rsplit_once('/') {
                    Some((doc, _)) => NamedNode::new(doc)?,
                    None => return Err(format!("{n}: not a document's annotation").into()),
                },
                other => return Err(format!("{other}: not a document's annotation").into()),
            },
        };
        let i = *index.entry(graph.clone()).or_insert_with(|| {
            docs.push((graph.clone(), graph.as_str().to_owned(), Vec::new()));
            docs.len() - 1
        });
        docs[i].2.push(quad);
        total += 1;
    }
    let store = GraphStore::open_or_create(&store_dir)?;
    let started = Instant::now();
    let mut pending = Vec::new();
    let mut pending_quads = 0;
    for doc in docs {
        pending_quads += doc.2.len();
        pending.push(doc);
        if pending_quads >= LOAD_QUADS {
            store.write_documents(std::mem::take(&mut pending))?;
            pending_quads = 0;
        }
    }
    store.write_documents(pending)?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{total} quads in {secs:.2} s: {:.0} quads/s (store stage only)",
        total as f64 / secs
    );
    Ok(())
}
