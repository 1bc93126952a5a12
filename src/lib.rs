//! newsgraph: news articles → a knowledge graph with provenance.
//!
//! The modules are the pipeline, in order: [`ingest`] (files → cleaned documents) →
//! [`text`] (sentences, tokens, offsets) → [`extract`] (entities, coreference, groups, dates,
//! events) → [`graph`] (RDF terms and IRIs) → [`store`] (Oxigraph) → [`query`] (SPARQL) and
//! [`output`] (the extraction JSON) and [`ask`] (plain-English questions); [`serve`] puts the
//! store, `ask` and a web page on HTTP. [`pipeline`] runs
//! ingest and extract over many files in parallel batches. [`model`] holds the types every
//! stage shares and [`knowledge`] the data files the engine runs on.

pub mod ask;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod knowledge;
pub mod learn;
pub mod model;
pub mod names;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod recognise;
pub mod serve;
pub mod store;
pub mod syntax;
pub mod text;

pub use error::{Error, Result};
pub use knowledge::Knowledge;
