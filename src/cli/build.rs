//! `newsgraph build`: discover → the document pipeline (read, clean, extract, make quads, in
//! parallel batches) → the store, written in large atomic bulk loads while the next batch is
//! extracted; a progress bar on a terminal and a summary at the end.

use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::ingest::{self, Found};
use newsgraph::pipeline;
use newsgraph::store::{GraphStore, WriteOutcome, LOAD_QUADS};
use newsgraph::{graph, Knowledge};
use oxigraph::model::{NamedNode, Quad};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Articles extracted per parallel batch.
const BATCH: usize = 256;

/// How many documents were added, replaced or left unchanged.
type Outcomes = BTreeMap<&'static str, usize>;

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
    // The store is written on its own thread, one bulk load at a time, while the pipeline
    // extracts the next documents; at most one load waits for it.
    let (outcomes, written) = std::thread::scope(|scope| -> anyhow::Result<(Outcomes, usize)> {
        let (to_writer, loads) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(1);
        let store = &store;
        let writer = scope.spawn(move || -> anyhow::Result<(Outcomes, usize)> {
            let mut outcomes = BTreeMap::new();
            let mut written = 0;
            for load in loads {
                let sizes: Vec<usize> = load.iter().map(|p| p.quads.len()).collect();
                let docs = load.into_iter().map(|p| (p.iri, p.hash, p.quads)).collect();
                for (outcome, size) in store.write_documents(docs)?.into_iter().zip(sizes) {
                    if outcome != WriteOutcome::Unchanged {
                        written += size;
                    }
                    *outcomes
                        .entry(match outcome {
                            WriteOutcome::Added => "added",
                            WriteOutcome::Replaced => "replaced",
                            WriteOutcome::Unchanged => "unchanged",
                        })
                        .or_default() += 1;
                }
            }
            Ok((outcomes, written))
        });
        // Documents waiting for the next bulk load (a later file with the same id replaces
        // an earlier one).
        let mut pending: Vec<Prepared> = Vec::new();
        let mut pending_quads = 0usize;
        let fed = pipeline::run(&files, k, BATCH, prepare, |batch| -> anyhow::Result<()> {
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
                    if let Some(i) = pending.iter().position(|q| q.id == p.id) {
                        pending_quads -= pending.remove(i).quads.len();
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
                    // A closed channel means the writer failed; its error is reported below.
                    to_writer.send(std::mem::take(&mut pending))?;
                    pending_quads = 0;
                }
            }
            bar.inc(batch.files_done as u64);
            Ok(())
        })
        .and_then(|()| Ok(to_writer.send(pending)?));
        drop(to_writer);
        let result = writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer panicked"))?;
        // The writer's own error explains a failed send better than the send does.
        let written = result?;
        fed?;
        Ok(written)
    })?;
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
