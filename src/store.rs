//! Store: the embedded Oxigraph (RocksDB) store. One named graph per document for what it
//! asserts, its text annotations (nodes with `nif:referenceContext` the document) in the
//! default graph; both are written in one atomic load: a changed document's graph and
//! annotations are replaced whole, an unchanged one is left alone. The ontology lives in its
//! own graph. Store knows nothing of text.

use crate::error::{Error, Result};
use crate::graph::vocab::{self, ONTOLOGY_GRAPH};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store, Transaction};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The ontology, embedded so that every store carries the vocabulary its data uses.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/newsgraph.ttl");

pub struct GraphStore {
    pub path: PathBuf,
    pub store: Store,
    /// When the store held no document as this handle opened it for writing: the documents
    /// written through it since. Any other document is then known to be absent (no other
    /// process can write while this one holds the store), so writing it needs no lookups.
    written_since_empty: Option<Mutex<HashSet<NamedNode>>>,
}

/// What writing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Added,
    Replaced,
    Unchanged,
}

/// Quads a build gathers before one atomic bulk load ([`GraphStore::write_documents`]): few
/// large loads make few store files (little compaction), but every load's memory is touched
/// afresh, which on a VM costs more than the compaction of smaller loads saves (BENCHMARKS.md:
/// 200,000 measured faster and ~100 MiB smaller than 300,000; 50,000–75,000 slower). A build
/// holds at most three such loads: one gathering, two being written.
pub const LOAD_QUADS: usize = 200_000;

/// Threads that sort and write a bulk load's index files.
const LOAD_THREADS: usize = 2;

fn store_error(path: &Path, e: impl std::fmt::Display) -> Error {
    let msg = e.to_string();
    let reason = if msg.contains("lock") || msg.contains("Resource temporarily unavailable") {
        "store is busy: another newsgraph process has it open (wait for it to finish)".to_string()
    } else {
        msg
    };
    Error::Store {
        path: path.to_path_buf(),
        reason,
    }
}

impl GraphStore {
    /// Opens a store for writing, creating it when missing.
    pub fn open_or_create(path: &Path) -> Result<GraphStore> {
        if path.exists() && !path.is_dir() {
            return Err(Error::Store {
                path: path.to_path_buf(),
                reason: "exists and is not a store directory".into(),
            });
        }
        let store = Store::open(path).map_err(|e| store_error(path, e))?;
        let mut gs = GraphStore {
            path: path.to_path_buf(),
            store,
            written_since_empty: None,
        };
        gs.ensure_ontology()?;
        let ontology = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(ONTOLOGY_GRAPH));
        let mut graphs = gs.store.named_graphs();
        let has_documents = graphs
            .try_fold(false, |found, g| g.map(|g| found || g != ontology))
            .map_err(|e| store_error(path, e))?;
        if !has_documents {
            gs.written_since_empty = Some(Mutex::default());
        }
        Ok(gs)
    }

    /// Opens an existing store; a missing one is an error that says how to make it.
    pub fn open_existing(path: &Path) -> Result<GraphStore> {
        if !path.join("CURRENT").exists() {
            return Err(Error::Store {
                path: path.to_path_buf(),
                reason:
                    "no store here; create it with `newsgraph build PATH...` (or pass --store DIR)"
                        .into(),
            });
        }
        let store = Store::open(path).map_err(|e| store_error(path, e))?;
        Ok(GraphStore {
            path: path.to_path_buf(),
            store,
            written_since_empty: None,
        })
    }

    fn ensure_ontology(&self) -> Result<()> {
        let graph = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        let marker = content_marker(&graph, &crate::graph::content_hash(ONTOLOGY_TTL));
        if self
            .store
            .contains(&marker)
            .map_err(|e| store_error(&self.path, e))?
        {
            return Ok(());
        }
        let mut tx = self
            .store
            .start_transaction()
            .map_err(|e| store_error(&self.path, e))?;
        tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))
            .map_err(|e| store_error(&self.path, e))?;
        tx.load_from_slice(
            oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(graph.clone())
                .with_base_iri(ONTOLOGY_GRAPH)
                .map_err(|e| Error::Other(e.to_string()))?,
            ONTOLOGY_TTL,
        )
        .map_err(|e| Error::Other(format!("ontology/newsgraph.ttl: {e}")))?;
        tx.insert(&marker);
        tx.commit().map_err(|e| store_error(&self.path, e))
    }

    /// Writes one document's quads as its named graph, atomically.
    pub fn write_document(
        &self,
        doc_iri: &NamedNode,
        content_hash: &str,
        quads: &[Quad],
    ) -> Result<WriteOutcome> {
        let graph = GraphNameRef::NamedNode(doc_iri.as_ref());
        let marker = content_marker(doc_iri, content_hash);
        if self
            .store
            .contains(&marker)
            .map_err(|e| store_error(&self.path, e))?
        {
            return Ok(WriteOutcome::Unchanged);
        }
        let existed = self
            .store
            .contains_named_graph(doc_iri.as_ref())
            .map_err(|e| store_error(&self.path, e))?;
        let mut tx = self
            .store
            .start_transaction()
            .map_err(|e| store_error(&self.path, e))?;
        if existed {
            tx.clear_graph(graph)
                .map_err(|e| store_error(&self.path, e))?;
            remove_annotations(&mut tx, doc_iri).map_err(|e| store_error(&self.path, e))?;
        } else {
            tx.insert_named_graph(doc_iri.as_ref());
        }
        tx.extend(quads);
        tx.commit().map_err(|e| store_error(&self.path, e))?;
        Ok(if existed {
            WriteOutcome::Replaced
        } else {
            WriteOutcome::Added
        })
    }

    /// Writes many documents at once: unchanged ones are skipped, the graphs of changed ones
    /// are cleared in one transaction, then every new graph is written by Oxigraph's bulk
    /// loader, whose commit ingests all of it atomically. A crash leaves each document wholly
    /// present (old or new version) or absent, never half-written; building again completes it.
    /// Calls may run side by side when no document is in two of them.
    pub fn write_documents(
        &self,
        docs: Vec<(NamedNode, String, Vec<Quad>)>,
    ) -> Result<Vec<WriteOutcome>> {
        let err = |e: oxigraph::store::StorageError| store_error(&self.path, e);
        let mut outcomes = Vec::with_capacity(docs.len());
        let mut replaced = Vec::new();
        // Documents of this store's first fill not yet written are known to be absent. The
        // lock is held only to ask and to record: loads of other documents may run meanwhile.
        let known_absent: Vec<bool> = match self.written_since_empty.as_ref().map(|w| w.lock()) {
            Some(Ok(written)) => docs.iter().map(|d| !written.contains(&d.0)).collect(),
            _ => vec![false; docs.len()],
        };
        for ((iri, hash, _), absent) in docs.iter().zip(known_absent) {
            if absent {
                outcomes.push(WriteOutcome::Added);
                continue;
            }
            let marker = content_marker(iri, hash);
            if self.store.contains(&marker).map_err(err)? {
                outcomes.push(WriteOutcome::Unchanged);
            } else if self.store.contains_named_graph(iri.as_ref()).map_err(err)? {
                replaced.push(iri.clone());
                outcomes.push(WriteOutcome::Replaced);
            } else {
                outcomes.push(WriteOutcome::Added);
            }
        }
        if !replaced.is_empty() {
            let mut tx = self.store.start_transaction().map_err(err)?;
            for iri in &replaced {
                tx.clear_graph(GraphNameRef::NamedNode(iri.as_ref()))
                    .map_err(err)?;
                remove_annotations(&mut tx, iri).map_err(err)?;
            }
            tx.commit().map_err(err)?;
        }
        // The documents to record as written, when the store's first fill is tracked.
        let iris: Vec<NamedNode> = match &self.written_since_empty {
            Some(_) => docs.iter().map(|d| d.0.clone()).collect(),
            None => Vec::new(),
        };
        // The loader gathers the quads into its own batches: handing them over one document
        // after another spares a copy of the whole load.
        let changed = |o: &WriteOutcome| *o != WriteOutcome::Unchanged;
        let total: usize = docs
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| changed(o))
            .map(|(d, _)| d.2.len())
            .sum();
        // The loader sorts and writes batches of `memory × 1000 / threads` quads, one thread
        // per batch: sized so that every load, a build's last and smaller one too, is split
        // evenly over the threads.
        let megabytes = total.div_ceil(1000).clamp(1, LOAD_QUADS / 1000);
        let mut loader = self
            .store
            .bulk_loader()
            .with_num_threads(LOAD_THREADS)
            .with_max_memory_size_in_megabytes(megabytes);
        loader
            .load_quads(
                docs.into_iter()
                    .zip(&outcomes)
                    .filter(|(_, o)| changed(o))
                    .flat_map(|(d, _)| d.2),
            )
            .map_err(err)?;
        loader.commit().map_err(err)?;
        if let Some(Ok(mut written)) = self.written_since_empty.as_ref().map(|w| w.lock()) {
            written.extend(
                iris.into_iter()
                    .zip(&outcomes)
                    .filter(|(_, o)| changed(o))
                    .map(|(iri, _)| iri),
            );
        }
        Ok(outcomes)
    }

    pub fn len(&self) -> Result<usize> {
        self.store.len().map_err(|e| store_error(&self.path, e))
    }

    pub fn is_empty(&self) -> Result<bool> {
        self.store
            .is_empty()
            .map_err(|e| store_error(&self.path, e))
    }

    /// Runs a SPARQL query with the ontology's prefixes declared and the union of all
    /// graphs as the default graph.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        run_query(&self.store, sparql)
    }

    /// Writes the whole store in an RDF format (graph formats get the union of the graphs).
    pub fn dump(&self, format: RdfFormat, out: impl std::io::Write) -> Result<()> {
        let mut ser = crate::output::rdf_serializer(format).for_writer(out);
        let mut quads: Vec<Quad> = self
            .store
            .iter()
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| store_error(&self.path, e))?;
        quads.sort_by_cached_key(|q| q.to_string());
        let mut seen_triples = std::collections::HashSet::new();
        for q in &quads {
            if format.supports_datasets() {
                ser.serialize_quad(q)
                    .map_err(|e| Error::Other(e.to_string()))?;
            } else if seen_triples.insert((
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
            )) {
                ser.serialize_triple(q.as_ref())
                    .map_err(|e| Error::Other(e.to_string()))?;
            }
        }
        ser.finish().map_err(|e| Error::Other(e.to_string()))?;
        Ok(())
    }

    /// The number of documents in the store.
    pub fn document_count(&self) -> Result<u64> {
        self.count("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a ng:Document } }")
    }

    /// A single integer from a `SELECT (COUNT(...) AS ?n)` query.
    pub fn count(&self, sparql: &str) -> Result<u64> {
        if let QueryResults::Solutions(mut sols) = self.query(sparql)? {
            if let Some(Ok(row)) = sols.next() {
                if let Some(Term::Literal(l)) = row.get("n") {
                    return Ok(l.value().parse().unwrap_or(0));
                }
            }
        }
        Ok(0)
    }
}

/// The quad that marks a graph as holding the version of its content with this hash: the
/// graph's own `ng:contentHash`, in that graph.
fn content_marker(graph: &NamedNode, hash: &str) -> Quad {
    Quad::new(
        graph.clone(),
        vocab::TERMS.content_hash.clone(),
        Literal::new_simple_literal(hash),
        GraphName::NamedNode(graph.clone()),
    )
}

/// Removes a document's text annotations from the default graph: every node whose
/// `nif:referenceContext` is the document, with all its triples.
fn remove_annotations(tx: &mut Transaction<'_>, doc_iri: &NamedNode) -> Result<(), StorageError> {
    let context = &vocab::TERMS.reference_context;
    let default = Some(GraphNameRef::DefaultGraph);
    let nodes = tx
        .quads_for_pattern(
            None,
            Some(context.as_ref()),
            Some(doc_iri.as_ref().into()),
            default,
        )
        .map(|q| q.map(|q| q.subject))
        .collect::<Result<Vec<_>, _>>()?;
    for node in nodes {
        let quads = tx
            .quads_for_pattern(Some(node.as_ref()), None, None, default)
            .collect::<Result<Vec<_>, _>>()?;
        for quad in &quads {
            tx.remove(quad);
        }
    }
    Ok(())
}

/// An in-memory store holding the ontology and the given extractions' graphs: `ask --from`.
pub fn in_memory(extractions: &[crate::model::Extraction]) -> Result<Store> {
    let store = Store::new().map_err(|e| Error::Other(e.to_string()))?;
    store
        .load_from_slice(
            oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(NamedNode::new_unchecked(ONTOLOGY_GRAPH))
                .with_base_iri(ONTOLOGY_GRAPH)
                .map_err(|e| Error::Other(e.to_string()))?,
            ONTOLOGY_TTL,
        )
        .map_err(|e| Error::Other(format!("ontology/newsgraph.ttl: {e}")))?;
    for x in extractions {
        store
            .extend(crate::graph::to_quads(x))
            .map_err(|e| Error::Other(e.to_string()))?;
    }
    Ok(store)
}

/// Parses and runs a query on any store (also an in-memory one), with the prefixes and the
/// union default graph.
pub fn run_query(store: &Store, sparql: &str) -> Result<QueryResults<'static>> {
    run_query_with(store, sparql, &QueryOptions::default())
}

/// What a request from outside (the SPARQL protocol) adds to a query: the dataset it names
/// and a token that cancels the evaluation (a timeout).
#[derive(Default, Clone)]
pub struct QueryOptions {
    /// Graphs whose union is the default graph; empty: the union of all graphs.
    pub default_graphs: Vec<NamedNode>,
    /// The named graphs the query may see; empty: all of them.
    pub named_graphs: Vec<NamedNode>,
    pub cancel: Option<CancellationToken>,
}

/// [`run_query`] with a request's dataset and cancellation.
pub fn run_query_with(
    store: &Store,
    sparql: &str,
    options: &QueryOptions,
) -> Result<QueryResults<'static>> {
    let mut ev = evaluator()?;
    if let Some(token) = &options.cancel {
        ev = ev.with_cancellation_token(token.clone());
    }
    let mut prepared = ev
        .parse_query(sparql)
        .map_err(|e| Error::QuerySyntax(e.to_string().replace('\n', " ")))?;
    let dataset = prepared.dataset_mut();
    if options.default_graphs.is_empty() {
        dataset.set_default_graph_as_union();
    } else {
        dataset.set_default_graph(
            options
                .default_graphs
                .iter()
                .cloned()
                .map(GraphName::NamedNode)
                .collect(),
        );
    }
    if !options.named_graphs.is_empty() {
        dataset.set_available_named_graphs(
            options
                .named_graphs
                .iter()
                .cloned()
                .map(NamedOrBlankNode::NamedNode)
                .collect(),
        );
    }
    prepared
        .on_store(store)
        .execute()
        .map_err(|e| Error::Query(e.to_string()))
}

/// Parses and runs a SPARQL update, with the ontology's prefixes declared.
pub fn run_update(store: &Store, sparql: &str) -> Result<()> {
    evaluator()?
        .parse_update(sparql)
        .map_err(|e| Error::QuerySyntax(e.to_string().replace('\n', " ")))?
        .on_store(store)
        .execute()
        .map_err(|e| Error::Query(e.to_string()))
}

fn evaluator() -> Result<SparqlEvaluator> {
    let mut ev = SparqlEvaluator::new();
    for (p, ns) in vocab::PREFIXES {
        ev = ev
            .with_prefix(p, ns)
            .map_err(|e| Error::Query(e.to_string()))?;
    }
    Ok(ev)
}

/// A named node of the ontology namespace.
pub fn ng_node(local: &str) -> NamedNode {
    NamedNode::new_unchecked(vocab::ng(local))
}
