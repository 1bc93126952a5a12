//! `newsgraph build`: discover → stream documents → extract batches in parallel → write, one
//! transaction per document, with a progress bar on a terminal and a summary at the end.

use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::ingest::{self, Found};
use newsgraph::model::Document;
use newsgraph::store::{GraphStore, WriteOutcome};
use newsgraph::{extract, graph, Knowledge};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Documents are extracted in batches (in parallel) so that memory stays bounded on archives.
const BATCH: usize = 256;

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
    let mut outcomes: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut entities: BTreeMap<String, usize> = BTreeMap::new();
    let mut events: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed = 0usize;
    let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Document>| -> anyhow::Result<()> {
        let extractions: Vec<_> = std::mem::take(batch)
            .into_par_iter()
            .map(|d| extract::extract(d, k))
            .collect();
        let mut written = Vec::with_capacity(extractions.len());
        for x in extractions {
            if let Some(prev) =
                seen_ids.insert(x.document.id.clone(), x.document.source_path.clone())
            {
                bar.suspend(|| {
                    eprintln!(
                        "newsgraph: warning: {} has the same document id `{}` as {prev}; it replaces it",
                        x.document.source_path, x.document.id
                    )
                });
            }
            for e in &x.entities {
                *entities.entry(e.kind.to_string()).or_default() += 1;
            }
            for e in &x.events {
                *events.entry(e.kind.clone()).or_default() += 1;
            }
            written.push((
                graph::document_iri(&x.document.id),
                x.document.content_hash.clone(),
                graph::to_quads(&x),
            ));
        }
        for outcome in store.write_documents(&written)? {
            *outcomes
                .entry(match outcome {
                    WriteOutcome::Added => "added",
                    WriteOutcome::Replaced => "replaced",
                    WriteOutcome::Unchanged => "unchanged",
                })
                .or_default() += 1;
        }
        Ok(())
    };
    for path in &files {
        match ingest::stream_file(path, k) {
            Ok(docs) => {
                for d in docs {
                    match d {
                        Ok(d) => batch.push(d),
                        Err(e) => {
                            bar.suspend(|| eprintln!("newsgraph: error: {e} (skipped)"));
                            failed += 1;
                        }
                    }
                    if batch.len() >= BATCH {
                        flush(&mut batch)?;
                    }
                }
            }
            Err(e) => {
                bar.suspend(|| eprintln!("newsgraph: error: {e} (skipped)"));
                failed += 1;
            }
        }
        bar.inc(1);
    }
    flush(&mut batch)?;
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
    println!(
        "documents: {docs} ({})",
        ["added", "replaced", "unchanged"]
            .iter()
            .map(|k| format!("{} {k}", outcomes.get(k).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("entities (per document): {}", fmt(&entities));
    println!("events (per document): {}", fmt(&events));
    println!("triples in store: {}", store.len()?);
    println!("store: {}", store_path.display());
    if skipped + failed > 0 {
        println!(
            "skipped: {} input(s) (see warnings above)",
            skipped + failed
        );
    }
    println!("time: {:.2}s", started.elapsed().as_secs_f64());
    Ok(if failed > 0 || (docs == 0 && skipped > 0) {
        1
    } else {
        0
    })
}
