//! The store side of `build`: bulk loads written by several threads, side by side with
//! extraction and with each other. Each load is atomic on its own and no two loads in flight
//! hold the same document: a document that comes again while its earlier version may still be
//! in flight is sent only after every earlier load is written ([`Sender::wait_for_all`]), so the
//! later version wins.

use newsgraph::store::{GraphStore, WriteOutcome};
use oxigraph::model::{NamedNode, Quad};
use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Condvar, Mutex};

/// Documents for one bulk load: IRI, content hash, quads.
pub type Load = Vec<(NamedNode, String, Vec<Quad>)>;

/// What the writers did: documents added, replaced or left unchanged, and triples written.
#[derive(Default)]
pub struct Totals {
    pub outcomes: BTreeMap<&'static str, usize>,
    pub written: usize,
}

#[derive(Default)]
struct Progress {
    /// Loads finished, written or failed.
    done: usize,
    /// A writer failed: nothing more is written.
    stopped: bool,
}

struct Shared {
    /// The loads waiting for a writer; `None` once a writer failed, so that a send fails
    /// instead of waiting for a writer that will not come.
    queue: Mutex<Option<Receiver<Load>>>,
    progress: Mutex<Progress>,
    changed: Condvar,
}

/// Hands loads to the writers.
pub struct Sender<'a> {
    tx: SyncSender<Load>,
    shared: &'a Shared,
    sent: usize,
}

fn stopped() -> anyhow::Error {
    // The failing writer's own error is what `run` reports.
    anyhow::anyhow!("the store writer stopped")
}

impl Sender<'_> {
    /// Hands a load to the next free writer, waiting for one.
    pub fn send(&mut self, load: Load) -> anyhow::Result<()> {
        if self.shared.progress.lock().map_or(true, |p| p.stopped) {
            return Err(stopped());
        }
        self.tx.send(load).map_err(|_| stopped())?;
        self.sent += 1;
        Ok(())
    }

    /// Waits until every load sent so far is written.
    pub fn wait_for_all(&self) -> anyhow::Result<()> {
        let mut progress = self.shared.progress.lock().map_err(|_| stopped())?;
        while progress.done < self.sent && !progress.stopped {
            progress = self.shared.changed.wait(progress).map_err(|_| stopped())?;
        }
        if progress.stopped {
            return Err(stopped());
        }
        Ok(())
    }
}

/// Runs `feed` with a [`Sender`] while `threads` writers load what it sends into `store`.
/// A writer's error comes first: it explains why a send failed.
pub fn run<R>(
    store: &GraphStore,
    threads: usize,
    feed: impl FnOnce(&mut Sender) -> anyhow::Result<R>,
) -> anyhow::Result<(R, Totals)> {
    let (tx, rx) = sync_channel(0);
    let shared = Shared {
        queue: Mutex::new(Some(rx)),
        progress: Mutex::default(),
        changed: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let writers: Vec<_> = (0..threads.max(1))
            .map(|_| scope.spawn(|| write_loads(store, &shared)))
            .collect();
        let mut sender = Sender {
            tx,
            shared: &shared,
            sent: 0,
        };
        let fed = feed(&mut sender);
        drop(sender); // no more loads: idle writers finish
        let mut totals = Totals::default();
        let mut failure = None;
        for writer in writers {
            match writer.join() {
                Ok(Ok(t)) => {
                    for (k, v) in t.outcomes {
                        *totals.outcomes.entry(k).or_default() += v;
                    }
                    totals.written += t.written;
                }
                Ok(Err(e)) => {
                    failure.get_or_insert(e);
                }
                Err(_) => {
                    failure.get_or_insert(anyhow::anyhow!("a store writer panicked"));
                }
            }
        }
        match failure {
            Some(e) => Err(e),
            None => Ok((fed?, totals)),
        }
    })
}

/// One writer: takes loads until there are no more or one fails.
fn write_loads(store: &GraphStore, shared: &Shared) -> anyhow::Result<Totals> {
    let mut totals = Totals::default();
    loop {
        let load = {
            let queue = shared.queue.lock().map_err(|_| stopped())?;
            match queue.as_ref().map(Receiver::recv) {
                Some(Ok(load)) => load,
                _ => break,
            }
        };
        let result = write_load(store, load, &mut totals);
        if let Ok(mut progress) = shared.progress.lock() {
            progress.done += 1;
            progress.stopped |= result.is_err();
        }
        shared.changed.notify_all();
        if let Err(e) = result {
            if let Ok(mut queue) = shared.queue.lock() {
                *queue = None;
            }
            return Err(e);
        }
    }
    Ok(totals)
}

fn write_load(store: &GraphStore, load: Load, totals: &mut Totals) -> anyhow::Result<()> {
    let sizes: Vec<usize> = load.iter().map(|d| d.2.len()).collect();
    for (outcome, size) in store.write_documents(load)?.into_iter().zip(sizes) {
        if outcome != WriteOutcome::Unchanged {
            totals.written += size;
        }
        *totals
            .outcomes
            .entry(match outcome {
                WriteOutcome::Added => "added",
                WriteOutcome::Replaced => "replaced",
                WriteOutcome::Unchanged => "unchanged",
            })
            .or_default() += 1;
    }
    Ok(())
}
