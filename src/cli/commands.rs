//! `extract`, `query`, `export`, `stats` and `train`.

use anyhow::Context;
use newsgraph::ingest::{self, Found};
use newsgraph::model::Extraction;
use newsgraph::query::{write_results, ResultFormat};
use newsgraph::store::GraphStore;
use newsgraph::syntax::conllu;
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
    if format == "conllu" {
        let syntax = newsgraph::syntax::Syntax::embedded()?;
        pipeline::run(
            &files,
            k,
            BATCH,
            |x| {
                let mut block = String::new();
                for sentence in &x.sentences {
                    let analysis = syntax.analyse(sentence);
                    conllu::write_sentence(
                        &mut block,
                        syntax,
                        &x.document,
                        sentence.index,
                        &analysis,
                    );
                }
                block
            },
            |batch| -> anyhow::Result<()> {
                for r in batch.results {
                    match r {
                        Ok(block) => out.write_all(block.as_bytes())?,
                        Err(e) => {
                            eprintln!("newsgraph: error: {e}");
                            failed += 1;
                        }
                    }
                }
                Ok(())
            },
        )?;
    } else if format == "json" {
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

/// `newsgraph train syntax`: reads the treebanks, trains, writes the model (whole, or not at
/// all) and scores it on `score` if given.
pub fn train_syntax(
    treebanks: &[PathBuf],
    score: Option<&std::path::Path>,
    output: &std::path::Path,
    settings: newsgraph::syntax::train::Settings,
) -> anyhow::Result<i32> {
    let read = |path: &std::path::Path| -> anyhow::Result<Vec<conllu::TreebankSentence>> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        conllu::read(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    };
    if treebanks.is_empty() {
        anyhow::bail!("train syntax: give at least one --treebank FILE.conllu");
    }
    let mut sentences = Vec::new();
    for path in treebanks {
        sentences.extend(read(path)?);
    }
    let bytes = newsgraph::syntax::train::train(&sentences, settings, |m| eprintln!("train: {m}"));
    let syntax = newsgraph::syntax::Syntax::from_bytes(&bytes)?;
    write_model(output, &bytes)?;
    if let Some(path) = score {
        let sentences = read(path)?;
        let started = std::time::Instant::now();
        let s = newsgraph::syntax::train::score(&syntax, &sentences);
        let seconds = started.elapsed().as_secs_f64();
        let words: usize = sentences.iter().map(|s| s.forms.len()).sum();
        outln!(
            "{}: upos={:.3} uas={:.3} las={:.3} ({} words, punctuation left out, gold words)",
            path.display(),
            s.upos,
            s.uas,
            s.las,
            s.words
        );
        outln!(
            "tagged and parsed {words} words in {seconds:.3} s on one thread: {:.0} words/s",
            words as f64 / seconds
        );
    }
    Ok(0)
}

/// Writes a model file beside its target and renames it over it, so that a failure leaves the
/// old model whole.
fn write_model(output: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let partial = output.with_extension("partial");
    std::fs::write(&partial, bytes)
        .with_context(|| format!("{}: cannot write", partial.display()))?;
    std::fs::rename(&partial, output)
        .with_context(|| format!("{}: cannot write", output.display()))?;
    outln!("model: {} ({} bytes)", output.display(), bytes.len());
    Ok(())
}

/// `newsgraph train names`: reads the CoNLL-2003 files, trains, writes the model and scores it
/// on `score` if given.
pub fn train_names(
    files: &[PathBuf],
    text_files: &[PathBuf],
    score: Option<&std::path::Path>,
    output: &std::path::Path,
    settings: newsgraph::recognise::train::Settings,
    k: &Knowledge,
) -> anyhow::Result<i32> {
    use newsgraph::recognise::{conll, train, NameKind, Recogniser};
    let read = |path: &std::path::Path| -> anyhow::Result<Vec<conll::ConllDocument>> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        conll::read(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    };
    if files.is_empty() {
        anyhow::bail!("train names: give at least one --conll FILE");
    }
    let mut documents = Vec::new();
    for path in files {
        documents.extend(read(path)?);
    }
    let mut texts = Vec::new();
    for path in text_files {
        texts.extend(read_texts(path)?);
    }
    let bytes = train::train(&documents, &texts, k, settings, |m| eprintln!("train: {m}"));
    let recogniser = Recogniser::from_bytes(&bytes)?;
    write_model(output, &bytes)?;
    if let Some(path) = score {
        let documents = read(path)?;
        let started = std::time::Instant::now();
        let s = train::score(&recogniser, &documents, k);
        let seconds = started.elapsed().as_secs_f64();
        for kind in NameKind::ALL {
            let (p, r, f) = s.prf(&[kind]);
            outln!("  {} P={p:.3} R={r:.3} F1={f:.3}", kind.conll());
        }
        let (p, r, f) = s.prf(&NameKind::ALL);
        outln!(
            "{}: P={p:.3} R={r:.3} F1={f:.3} (exact spans, all four kinds)",
            path.display()
        );
        outln!(
            "recognised {} tokens in {seconds:.3} s on one thread: {:.0} tokens/s",
            s.tokens,
            s.tokens as f64 / seconds
        );
    }
    Ok(0)
}

/// The texts of a file: one per line of JSON lines with a "text" field (and the "title" before
/// it), or the whole file.
fn read_texts(path: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let content = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    if !content.trim_start().starts_with('{') {
        return Ok(vec![content]);
    }
    let mut texts = Vec::new();
    for (number, line) in content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let value: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), number + 1))?;
        let field = |name: &str| value.get(name).and_then(|v| v.as_str()).unwrap_or("");
        texts.push(format!("{}\n\n{}", field("title"), field("text")));
    }
    Ok(texts)
}
