//! Where extraction's time goes: runs each stage of the pipeline over a corpus, one thread,
//! several passes, and prints the milliseconds of the best pass of each stage and the
//! throughput of them all. Cleaning and each extraction stage are timed apart, on inputs made
//! once, so a change to one stage shows in its own line (see BENCHMARKS.md).
//!
//!     cargo run --release --example stage_times -- ../shared/corpus/bbc/articles.jsonl [PASSES]

use newsgraph::extract::{dates, events, groups, mentions, resolve, tokens};
use newsgraph::{ingest, text, Knowledge};
use std::path::PathBuf;
use std::time::Instant;

// The allocator `newsgraph` itself runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The best of `passes` runs of `stage`, in milliseconds.
fn best_of<T>(passes: usize, mut stage: impl FnMut() -> T) -> f64 {
    (0..passes)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(stage());
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let Some(input) = args.next().map(PathBuf::from) else {
        return Err("usage: stage_times CORPUS [PASSES]".into());
    };
    let passes: usize = match args.next() {
        Some(p) => p.to_string_lossy().parse()?,
        None => 5,
    };
    let k = Knowledge::embedded();
    let raw = ingest::read_file(&input)?;
    let docs = raw
        .iter()
        .cloned()
        .map(|r| ingest::finish(r, k))
        .collect::<Result<Vec<_>, _>>()?;
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // Each stage once, for the inputs of the next, then timed on the same inputs.
    let clean = || {
        raw.iter()
            .cloned()
            .map(|r| ingest::finish(r, k).map(|d| d.text.len()))
            .collect::<Vec<_>>()
    };
    let split = || {
        docs.iter()
            .map(|d| text::sentences(d, &k.lexicon))
            .collect::<Vec<_>>()
    };
    let sentences = split();
    let lower = || {
        sentences
            .iter()
            .map(|s| tokens::lowered(s))
            .collect::<Vec<_>>()
    };
    let lowered = lower();
    let find_mentions = || {
        docs.iter()
            .zip(&sentences)
            .zip(&lowered)
            .map(|((d, s), l)| mentions::find(d, s, l, k))
            .collect::<Vec<_>>()
    };
    let found = find_mentions();
    let resolve = || {
        docs.iter()
            .zip(&sentences)
            .zip(&lowered)
            .zip(&found)
            .map(|(((d, s), l), f)| resolve::resolve(d, s, l, f.clone(), k))
            .collect::<Vec<_>>()
    };
    let resolved = resolve();
    let find_groups = || {
        sentences
            .iter()
            .zip(&lowered)
            .zip(&resolved)
            .map(|((s, l), r)| groups::find(s, l, r, k))
            .collect::<Vec<_>>()
    };
    let group_sets = find_groups();
    let find_dates = || {
        docs.iter()
            .zip(&sentences)
            .map(|(d, s)| dates::find(d, s))
            .collect::<Vec<_>>()
    };
    let date_sets = find_dates();
    let find_events = || {
        (0..docs.len())
            .map(|i| {
                let (d, s, r) = (&docs[i], &sentences[i], &resolved[i]);
                events::find(d, s, &lowered[i], r, &group_sets[i], &date_sets[i], k)
            })
            .collect::<Vec<_>>()
    };
    let rows = [
        ("clean", best_of(passes, clean)),
        ("sentences", best_of(passes, split)),
        ("lowered", best_of(passes, lower)),
        ("mentions", best_of(passes, find_mentions)),
        ("resolve", best_of(passes, resolve)),
        ("groups", best_of(passes, find_groups)),
        ("dates", best_of(passes, find_dates)),
        ("events", best_of(passes, find_events)),
    ];
    let total: f64 = rows.iter().map(|r| r.1).sum();
    println!(
        "{} documents, {bytes} bytes; best of {passes} passes",
        docs.len()
    );
    for (stage, ms) in &rows {
        println!("{stage:>10} {ms:8.1} ms  {:5.1} %", 100.0 * ms / total);
    }
    println!(
        "{:>10} {total:8.1} ms  {:.2} MB/s",
        "all",
        bytes as f64 / total / 1e3
    );
    Ok(())
}
