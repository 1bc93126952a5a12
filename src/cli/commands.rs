//! `extract`, `query`, `export` and `stats`.

use anyhow::Context;
use newsgraph::ingest::{self, Found};
use newsgraph::model::Extraction;
use newsgraph::query::{write_results, ResultFormat};
use newsgraph::store::GraphStore;
use newsgraph::{graph, output, pipeline, Knowledge};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Articles extracted per parallel batch: enough to keep every core busy, few enough that
/// memory stays small on any archive.
const BATCH: usize = 512;

pub fn extract(paths: &[PathBuf], format: &str, k: &'static Knowledge) -> anyhow::Result<i32> {
    let mut files = Vec::new();
    let mut failed = 0;
    for f in ingest::discover(paths)? {
        match f {
            Found::File(p) => files.push(p),
            Found::Skipped(e) => eprintln!("newsgraph: warning: skipped {e}"),
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == "json" {
        // One line per document, written as each batch is done.
        let to_json = |x: Extraction| {
            // A document's JSON is about as long as its text: one allocation, no regrowth.
            let mut line = Vec::with_capacity(x.document.text.len() + 1024);
            if serde_json::to_writer(&mut line, &output::extraction_json(&x)).is_err() {
                line.clear();
            }
            line.push(b'\n');
            line
        };
        pipeline::run(&files, k, BATCH, to_json, |batch| -> anyhow::Result<()> {
            for r in batch.results {
                match r {
                    Ok(line) => out.write_all(&line)?,
                    Err(e) => {
                        eprintln!("newsgraph: error: {e}");
                        failed += 1;
                    }
                }
            }
            Ok(())
        })?;
    } else {
        // RDF output is sorted as a whole, so that it is byte-identical from run to run.
        let fmt = output::rdf_format(format).context("unknown RDF format")?;
        let mut quads = Vec::new();
        pipeline::run(
            &files,
            k,
            BATCH,
            |x| graph::to_quads(&x),
            |batch| -> anyhow::Result<()> {
                for r in batch.results {
                    match r {
                        Ok(q) => quads.extend(q),
                        Err(e) => {
                            eprintln!("newsgraph: error: {e}");
                            failed += 1;
                        }
                    }
                }
                Ok(())
            },
        )?;
        quads.sort_by_cached_key(|q| q.to_string());
        quads.dedup();
        let mut ser = output::rdf_serializer(fmt).for_writer(&mut out);
        let mut seen = std::collections::HashSet::new();
        for q in &quads {
            if fmt.supports_datasets() {
                ser.serialize_quad(q)?;
            } else if seen.insert((q.subject.clone(), q.predicate.clone(), q.object.clone())) {
                ser.serialize_triple(q.as_ref())?;
            }
        }
        ser.finish()?;
    }
    out.flush()?;
    Ok(if failed > 0 { 1 } else { 0 })
}

pub fn query(
    store: &Path,
    sparql: Option<String>,
    file: Option<PathBuf>,
    format: ResultFormat,
) -> anyhow::Result<i32> {
    let text = match (sparql, file) {
        (Some(q), _) => q,
        (None, Some(f)) => std::fs::read_to_string(&f).map_err(|e| newsgraph::Error::Io {
            path: f.clone(),
            source: e,
        })?,
        (None, None) => anyhow::bail!("give a query or --file QUERY.rq"),
    };
    let gs = GraphStore::open_existing(store)?;
    let results = gs.query(&text)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_results(results, format, &mut out)?;
    out.flush()?;
    Ok(0)
}

pub fn export(store: &Path, format: &str) -> anyhow::Result<i32> {
    let gs = GraphStore::open_existing(store)?;
    let fmt = output::rdf_format(format).context("unknown RDF format")?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    gs.dump(fmt, &mut out)?;
    out.flush()?;
    Ok(0)
}

pub fn stats(store: &Path) -> anyhow::Result<i32> {
    let gs = GraphStore::open_existing(store)?;
    outln!("store: {}", store.display());
    outln!("documents: {}", gs.document_count()?);
    outln!("triples: {}", gs.len()?);
    for class in ["Person", "State", "Organisation", "Place", "Group"] {
        let n = gs.count(&format!(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a ng:{class} }} FILTER(?g != <{}>) }}",
            newsgraph::graph::vocab::ONTOLOGY_GRAPH
        ))?;
        outln!("{class}: {n}");
    }
    let n = gs.count(&format!(
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a ?t }} ?t rdfs:subClassOf ng:Event FILTER(?g != <{}>) }}",
        newsgraph::graph::vocab::ONTOLOGY_GRAPH
    ))?;
    outln!("Event: {n}");
    if let oxigraph::sparql::QueryResults::Solutions(rows) = gs.query(&format!(
        "SELECT ?t (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a ?t }} ?t rdfs:subClassOf ng:Event FILTER(?g != <{}>) }} GROUP BY ?t ORDER BY ?t",
        newsgraph::graph::vocab::ONTOLOGY_GRAPH
    ))? {
        for r in rows {
            let r = r?;
            if let (Some(t), Some(n)) = (r.get("t"), r.get("n")) {
                outln!("  {}: {}", newsgraph::query::display_term(t), newsgraph::query::display_term(n));
            }
        }
    }
    Ok(0)
}

pub fn ask(
    store: &Path,
    question: &str,
    from: &[PathBuf],
    json: bool,
    show_sparql: bool,
    k: &'static Knowledge,
) -> anyhow::Result<i32> {
    let held;
    let memory;
    let oxi = if from.is_empty() {
        held = GraphStore::open_existing(store)?;
        &held.store
    } else {
        let mut docs = Vec::new();
        for f in ingest::discover(from)? {
            match f {
                Found::File(p) => docs.extend(ingest::load_file(&p, k)?),
                Found::Skipped(e) => eprintln!("newsgraph: warning: skipped {e}"),
            }
        }
        let extractions: Vec<_> = docs
            .into_par_iter()
            .map(|d| newsgraph::extract::extract(d, k))
            .collect();
        memory = newsgraph::store::in_memory(&extractions)?;
        &memory
    };
    let response = match newsgraph::ask::ask(oxi, question, k) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("newsgraph: error: {e}");
            return Ok(1);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if show_sparql {
        if json {
            eprintln!("{}", response.sparql);
        } else {
            writeln!(out, "{}\n", response.sparql)?;
        }
    }
    if json {
        serde_json::to_writer_pretty(&mut out, &newsgraph::ask::render_json(&response))?;
        writeln!(out)?;
    } else {
        write!(out, "{}", newsgraph::ask::render_text(&response))?;
    }
    out.flush()?;
    Ok(0)
}

pub fn serve(
    store: &Path,
    bind: std::net::SocketAddr,
    config: newsgraph::serve::Config,
    k: &'static Knowledge,
) -> anyhow::Result<i32> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let gs = GraphStore::open_existing(store)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime
        .block_on(newsgraph::serve::run(gs.store.clone(), k, config, bind))
        .map_err(|e| anyhow::anyhow!("cannot serve on {bind}: {e}"))?;
    Ok(0)
}
