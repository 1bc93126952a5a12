//! `newsgraph build`: discover → the document pipeline (read, clean, extract, make quads, in
//! parallel batches) → the store, written in large atomic bulk loads by the writers
//! (`writers.rs`) while the next batch is extracted; a progress bar on a terminal and a
//! summary at the end.

use super::writers;
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::ingest::{self, Found};
use newsgraph::pipeline;
use newsgraph::store::{GraphStore, LOAD_QUADS};
use newsgraph::{graph, Knowledge};
use oxigraph::model::{NamedNode, Quad};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Articles extracted per parallel batch.
const BATCH: usize = 256;

/// Bulk loads written side by side: while one load's index files are ingested (one thread),
/// another's are sorted and written.
const WRITERS: usize = 2;

/// What the pipeline hands the writer for one document.
struct Prepared {
    id: String,
    source_path: String,
    entity_kinds: Vec<String>,
    event_kinds: Vec<String>,
    iri: NamedNode,
    hash: String,
    quads: Vec<Quad>,
}

pub fn run(store_path: &Path, paths: &[PathBuf], k: &'static Knowledge) -> anyhow::Result<i32> {
    let started = Instant::now();
    let found = ingest::discover(paths)?;
    let mut files = Vec::new();
    let mut skipped = 0usize;
    for f in found {
        match f {
            Found::File(p) => files.push(p),
            Found::Skipped(e) => {
                eprintln!("newsgraph: warning: skipped {e}");
                skipped += 1;
            }
        }
    }
    let store = GraphStore::open_or_create(store_path)?;
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} files {elapsed} {msg}")
            .expect("static template"),
    );
    let mut entities: BTreeMap<String, usize> = BTreeMap::new();
    let mut events: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed = 0usize;
    let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
    let prepare = |x: newsgraph::model::Extraction| Prepared {
        id: x.document.id.clone(),
        source_path: x.document.source_path.clone(),
        entity_kinds: x.entities.iter().map(|e| e.kind.to_string()).collect(),
        event_kinds: x.events.iter().map(|e| e.kind.clone()).collect(),
        iri: graph::document_iri(&x.document.id),
        hash: x.document.content_hash.clone(),
        quads: graph::to_quads(&x),
    };
    // The store is written by its own threads, one bulk load each, while the pipeline
    // extracts the next documents.
    let ((), totals) = writers::run(&store, WRITERS, |sender| {
        // Documents waiting for the next bulk load (a later file with the same id replaces
        // an earlier one), and whether one of them replaces a document already sent.
        let mut pending: Vec<Prepared> = Vec::new();
        let mut pending_quads = 0usize;
        let mut resent = false;
        let mut send = |pending: &mut Vec<Prepared>, resent: &mut bool| -> anyhow::Result<()> {
            if std::mem::take(resent) {
                // The earlier version of a document in this load may still be in flight.
                sender.wait_for_all()?;
            }
            let load = std::mem::take(pending)
                .into_iter()
                .map(|p| (p.iri, p.hash, p.quads))
                .collect();
            sender.send(load)
        };
        pipeline::run(&files, k, BATCH, prepare, |batch| -> anyhow::Result<()> {
            for r in batch.results {
                let p = match r {
                    Ok(p) => p,
                    Err(e) => {
                        bar.suspend(|| eprintln!("newsgraph: error: {e} (skipped)"));
                        failed += 1;
                        continue;
                    }
                };
                if let Some(prev) = seen_ids.insert(p.id.clone(), p.source_path.clone()) {
                    bar.suspend(|| {
                        eprintln!(
                            "newsgraph: warning: {} has the same document id `{}` as {prev}; it replaces it",
                            p.source_path, p.id
                        )
                    });
                    match pending.iter().position(|q| q.id == p.id) {
                        Some(i) => pending_quads -= pending.remove(i).quads.len(),
                        None => resent = true,
                    }
                }
                for kind in &p.entity_kinds {
                    *entities.entry(kind.clone()).or_default() += 1;
                }
                for kind in &p.event_kinds {
                    *events.entry(kind.clone()).or_default() += 1;
                }
                pending_quads += p.quads.len();
                pending.push(p);
                if pending_quads >= LOAD_QUADS {
                    send(&mut pending, &mut resent)?;
                    pending_quads = 0;
                }
            }
            bar.inc(batch.files_done as u64);
            Ok(())
        })?;
        send(&mut pending, &mut resent)
    })?;
    let (outcomes, written) = (totals.outcomes, totals.written);
    bar.finish_and_clear();
    let docs: usize = outcomes.values().sum();
    let fmt = |m: &BTreeMap<String, usize>| {
        if m.is_empty() {
            "none".to_string()
        } else {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    outln!(
        "documents: {docs} ({})",
        ["added", "replaced", "unchanged"]
            .iter()
            .map(|k| format!("{} {k}", outcomes.get(k).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    outln!("entities (per document): {}", fmt(&entities));
    outln!("events (per document): {}", fmt(&events));
    // Not the store's total: counting it reads every index entry (`newsgraph stats` does).
    outln!("triples written: {written}");
    outln!("store: {}", store_path.display());
    if skipped + failed > 0 {
        outln!(
            "skipped: {} input(s) (see warnings above)",
            skipped + failed
        );
    }
    outln!("time: {:.2}s", started.elapsed().as_secs_f64());
    Ok(if failed > 0 || (docs == 0 && skipped > 0) {
        1
    } else {
        0
    })
}
