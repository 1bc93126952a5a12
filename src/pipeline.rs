//! The document pipeline: files → raw articles → (in parallel) cleaned documents →
//! extractions → whatever the caller maps them to, delivered in input order, batch by batch.
//!
//! Reading and extracting run on their own thread while the caller consumes the previous
//! batch (writing JSON, loading the store), so the two overlap; at most two batches are in
//! memory at once, whatever the size of the archive.

use crate::error::Error;
use crate::ingest;
use crate::knowledge::Knowledge;
use crate::model::Extraction;
use rayon::prelude::*;
use std::path::PathBuf;

/// The results of one batch of articles, in input order.
pub struct Batch<T> {
    /// One entry per article (or per file that could not be read at all).
    pub results: Vec<Result<T, Error>>,
    /// Input files finished since the previous batch.
    pub files_done: usize,
}

/// Streams every article of `files` through cleaning and extraction, `batch_size` articles at
/// a time, maps each extraction with `map` (in parallel) and hands each batch to `sink` (on
/// the calling thread, in order). Stops at the first error `sink` returns.
pub fn run<T, E>(
    files: &[PathBuf],
    knowledge: &Knowledge,
    batch_size: usize,
    map: impl Fn(Extraction) -> T + Sync,
    mut sink: impl FnMut(Batch<T>) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
{
    let batch_size = batch_size.max(1);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch<T>>(1);
        let map = &map;
        scope.spawn(move || {
            let mut raws = Vec::with_capacity(batch_size);
            let mut files_done = 0;
            let process = |raws: &mut Vec<Result<ingest::RawArticle, Error>>, files_done| {
                let results = std::mem::take(raws)
                    .into_par_iter()
                    .map(|raw| {
                        raw.and_then(|raw| ingest::finish(raw, knowledge))
                            .map(|doc| map(crate::extract::extract(doc, knowledge)))
                    })
                    .collect();
                Batch {
                    results,
                    files_done,
                }
            };
            for path in files {
                match ingest::stream_raw(path) {
                    Ok(articles) => {
                        for raw in articles {
                            raws.push(raw);
                            if raws.len() >= batch_size {
                                // The receiver is gone when the sink failed: stop reading.
                                if tx.send(process(&mut raws, files_done)).is_err() {
                                    return;
                                }
                                files_done = 0;
                            }
                        }
                    }
                    Err(e) => raws.push(Err(e)),
                }
                files_done += 1;
            }
            if !raws.is_empty() || files_done > 0 {
                let _ = tx.send(process(&mut raws, files_done));
            }
        });
        for batch in rx {
            sink(batch)?;
        }
        Ok(())
    })
}
