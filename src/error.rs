//! Errors a user can act on: each names the file or the input and the problem, in one line.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {reason}")]
    Input { path: PathBuf, reason: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("data file {file}: {reason}")]
    Data { file: String, reason: String },
    #[error("store {path}: {reason}")]
    Store { path: PathBuf, reason: String },
    #[error("SPARQL query: {0}")]
    Query(String),
    /// The query text does not parse (a client's mistake, not the store's).
    #[error("SPARQL query: {0}")]
    QuerySyntax(String),
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn input(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            reason: reason.into(),
        }
    }
    pub fn data(file: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        Error::Data {
            file: file.into(),
            reason: reason.to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
