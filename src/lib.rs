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
pub mod model;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod serve;
pub mod store;
pub mod text;

pub use error::{Error, Result};
pub use knowledge::Knowledge;

/// The x86-64 instruction set extensions beyond the baseline that this library was compiled
/// to use (`pgo/rustc-wrapper` picks the level), by their `target_feature` names. A constant,
/// so that the binary reads it without running any of the library's code, and checks its CPU
/// has them before it does (`src/cpu.rs`).
pub const COMPILED_FOR: [(&str, bool); 13] = [
    ("sse3", cfg!(target_feature = "sse3")),
    ("ssse3", cfg!(target_feature = "ssse3")),
    ("sse4.2", cfg!(target_feature = "sse4.2")),
    ("popcnt", cfg!(target_feature = "popcnt")),
    ("movbe", cfg!(target_feature = "movbe")),
    ("fma", cfg!(target_feature = "fma")),
    ("f16c", cfg!(target_feature = "f16c")),
    ("avx", cfg!(target_feature = "avx")),
    ("avx2", cfg!(target_feature = "avx2")),
    ("bmi1", cfg!(target_feature = "bmi1")),
    ("bmi2", cfg!(target_feature = "bmi2")),
    ("lzcnt", cfg!(target_feature = "lzcnt")),
    ("avx512f", cfg!(target_feature = "avx512f")),
];
