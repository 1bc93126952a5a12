//! `extract`, `query`, `export` and `stats`.

use anyhow::Context;
use newsgraph::ingest::{self, Found};
use newsgraph::query::{write_results, ResultFormat};
use newsgraph::store::GraphStore;
use newsgraph::{extract as ex, graph, output, Knowledge};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn extract(paths: &[PathBuf], format: &str, k: &'static Knowledge) -> anyhow::Result<i32> {
    let mut files = Vec::new();
    let mut failed = 0;
    for f in ingest::discover(paths)? {
        match f {
            Found::File(p) => files.push(p),
            Found::Skipped(e) => eprintln!("newsgraph: warning: skipped {e}"),
        }
    }
    let results: Vec<_> = files.par_iter().map(|p| ingest::load_file(p, k)).collect();
    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.extend(d),
            Err(e) => {
                eprintln!("newsgraph: error: {e}");
                failed += 1;
            }
        }
    }
    let extractions: Vec<_> = docs.into_par_iter().map(|d| ex::extract(d, k)).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == "json" {
        for x in &extractions {
            serde_json::to_writer(&mut out, &output::extraction_json(x))?;
            out.write_all(b"\n")?;
        }
    } else {
        let fmt = output::rdf_format(format).context("unknown RDF format")?;
        let mut quads: Vec<_> = extractions.iter().flat_map(graph::to_quads).collect();
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
    println!("store: {}", store.display());
    println!("documents: {}", gs.document_count()?);
    println!("triples: {}", gs.len()?);
    for class in ["Person", "State", "Organisation", "Place", "Group"] {
        let n = gs.count(&format!(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a ng:{class} }} FILTER(?g != <{}>) }}",
            newsgraph::graph::vocab::ONTOLOGY_GRAPH
        ))?;
        println!("{class}: {n}");
    }
    let n = gs.count(&format!(
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a ?t }} ?t rdfs:subClassOf ng:Event FILTER(?g != <{}>) }}",
        newsgraph::graph::vocab::ONTOLOGY_GRAPH
    ))?;
    println!("Event: {n}");
    if let oxigraph::sparql::QueryResults::Solutions(rows) = gs.query(&format!(
        "SELECT ?t (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a ?t }} ?t rdfs:subClassOf ng:Event FILTER(?g != <{}>) }} GROUP BY ?t ORDER BY ?t",
        newsgraph::graph::vocab::ONTOLOGY_GRAPH
    ))? {
        for r in rows {
            let r = r?;
            if let (Some(t), Some(n)) = (r.get("t"), r.get("n")) {
                println!("  {}: {}", newsgraph::query::display_term(t), newsgraph::query::display_term(n));
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
        let extractions: Vec<_> = docs.into_par_iter().map(|d| ex::extract(d, k)).collect();
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
