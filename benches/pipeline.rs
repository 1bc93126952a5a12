//! Benchmarks of the pipeline on the demo corpus: extraction throughput, building an
//! in-memory graph, and `ask` latency on the seed store (target: under 100 ms).
//!
//!     cargo bench --bench pipeline

use newsgraph::model::Document;
use newsgraph::{ask, extract, ingest, store, Knowledge};
use std::path::Path;

fn main() {
    divan::main();
}

fn seed_documents() -> Vec<Document> {
    let k = Knowledge::embedded();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| ingest::load_file(p, k).unwrap())
        .collect()
}

#[divan::bench]
fn extract_seed_corpus(bencher: divan::Bencher) {
    let k = Knowledge::embedded();
    let docs = seed_documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            docs.iter()
                .cloned()
                .map(|d| extract::extract(d, k).events.len())
                .sum::<usize>()
        });
}

#[divan::bench]
fn build_in_memory_store(bencher: divan::Bencher) {
    let k = Knowledge::embedded();
    let xs: Vec<_> = seed_documents()
        .into_iter()
        .map(|d| extract::extract(d, k))
        .collect();
    bencher.bench(|| store::in_memory(&xs).unwrap());
}

#[divan::bench(args = [
    "Who deported whom?",
    "How many Thai nationals were deported?",
    "What do we know about Hun Manet?",
    "How is Hun Manet connected to Paetongtarn Shinawatra?",
])]
fn ask_seed_store(bencher: divan::Bencher, question: &str) {
    let k = Knowledge::embedded();
    let xs: Vec<_> = seed_documents()
        .into_iter()
        .map(|d| extract::extract(d, k))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let gs = store::GraphStore::open_or_create(&dir.path().join("store")).unwrap();
    for x in &xs {
        let quads = newsgraph::graph::to_quads(x);
        gs.write_document(
            &newsgraph::graph::document_iri(&x.document.id),
            &x.document.content_hash,
            &quads,
        )
        .unwrap();
    }
    bencher.bench(|| ask::ask(&gs.store, question, k).unwrap().answers.len());
}
