//! The document pipeline: files → raw articles → (in parallel) cleaned documents →
//! extractions → whatever the caller maps them to, delivered in input order, batch by batch.
//!
//! Three stages overlap: reading runs ahead on its own thread, extraction (on the rayon pool)
//! works on the batch before, and the caller consumes the batch before that (writing JSON,
//! loading the store). The channels between them hold one batch each, so a handful of batches
//! at most (two read ahead, one being extracted, two of results) are in memory at once,
//! whatever the size of the archive.

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

/// Articles read but not yet extracted, and the input files finished among them.
type RawBatch = (Vec<Result<ingest::RawArticle, Error>>, usize);

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
        let (raw_tx, raw_rx) = std::sync::mpsc::sync_channel::<RawBatch>(1);
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch<T>>(1);
        let map = &map;
        // The matchers compiled on first use are compiled side by side while the first batch
        // is read; the first article to need one waits for it.
        scope.spawn(|| {
            let _ = knowledge.boilerplate.sets();
        });
        scope.spawn(crate::extract::dates::prepare);
        // Reading (files, JSON lines) runs ahead of extraction by one batch, so the extraction
        // threads never wait for the next batch to be read.
        scope.spawn(move || {
            let mut raws = Vec::with_capacity(batch_size);
            let mut files_done = 0;
            for path in files {
                match ingest::stream_raw(path) {
                    Ok(articles) => {
                        for raw in articles {
                            raws.push(raw);
                            if raws.len() >= batch_size {
                                let full =
                                    std::mem::replace(&mut raws, Vec::with_capacity(batch_size));
                                // The receiver is gone when the sink failed: stop reading.
                                if raw_tx.send((full, files_done)).is_err() {
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
                let _ = raw_tx.send((raws, files_done));
            }
        });
        scope.spawn(move || {
            for (raws, files_done) in raw_rx {
                let results = raws
                    .into_par_iter()
                    .map(|raw| {
                        raw.and_then(|raw| ingest::finish(raw, knowledge))
                            .map(|doc| map(crate::extract::extract(doc, knowledge)))
                    })
                    .collect();
                let batch = Batch {
                    results,
                    files_done,
                };
                if tx.send(batch).is_err() {
                    return;
                }
            }
        });
        for batch in rx {
            sink(batch)?;
        }
        Ok(())
    })
}
