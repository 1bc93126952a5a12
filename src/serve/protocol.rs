//! The SPARQL 1.1 Protocol: where a request's query, update and dataset are, which result
//! format the client accepts, and the evaluation itself — on a blocking thread, cancelled at
//! the timeout, the solutions capped.

use crate::error::Error;
use crate::store::QueryOptions;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use oxigraph::store::Store;
use std::time::Duration;

/// A failed request: its status and a one-line, plain-text reason.
#[derive(Debug)]
pub struct Failure(pub StatusCode, pub String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.0,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.1 + "\n",
        )
            .into_response()
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            Error::QuerySyntax(_) => Failure(StatusCode::BAD_REQUEST, e.to_string()),
            other => Failure(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

/// The parameters of a protocol request, from the URL or a form body.
#[derive(Debug, Default)]
pub struct Params {
    pub query: Option<String>,
    pub update: Option<String>,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
}

impl Params {
    /// Reads `application/x-www-form-urlencoded` pairs (a URL's query string or a body);
    /// the dataset parameters may repeat.
    pub fn parse(encoded: &str) -> Params {
        let mut p = Params::default();
        for (k, v) in form_urlencoded::parse(encoded.as_bytes()) {
            match k.as_ref() {
                "query" => p.query = Some(v.into_owned()),
                "update" => p.update = Some(v.into_owned()),
                "default-graph-uri" | "using-graph-uri" => p.default_graphs.push(v.into_owned()),
                "named-graph-uri" | "using-named-graph-uri" => p.named_graphs.push(v.into_owned()),
                _ => {}
            }
        }
        p
    }

    pub fn dataset(&self) -> Result<QueryOptions, Failure> {
        let iris = |list: &[String]| {
            list.iter()
                .map(|s| {
                    NamedNode::new(s.as_str()).map_err(|e| {
                        Failure(StatusCode::BAD_REQUEST, format!("graph IRI {s:?}: {e}"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(QueryOptions {
            default_graphs: iris(&self.default_graphs)?,
            named_graphs: iris(&self.named_graphs)?,
            cancel: None,
        })
    }
}

/// The media types of an `Accept` header, best first (by q-value, then header order).
pub fn accepted(headers: &HeaderMap) -> Vec<String> {
    let Some(value) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return vec!["*/*".into()];
    };
    let mut types: Vec<(f32, usize, String)> = value
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (!media.is_empty() && q > 0.0).then_some((q, i, media))
        })
        .collect();
    types.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    types.into_iter().map(|t| t.2).collect()
}

/// The first offer (media type, value) that the accepted types allow; wildcards take the
/// first matching offer, so offers are listed preferred first.
pub fn negotiate<T: Copy>(
    accepted: &[String],
    offers: &[(&'static str, T)],
) -> Option<(&'static str, T)> {
    for a in accepted {
        let found = offers.iter().find(|(media, _)| {
            a == "*/*"
                || a == media
                || a.strip_suffix("/*")
                    .is_some_and(|top| media.split('/').next() == Some(top))
        });
        if let Some(&(m, v)) = found {
            return Some((m, v));
        }
    }
    None
}

pub const SOLUTION_FORMATS: [(&str, QueryResultsFormat); 8] = [
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/plain", QueryResultsFormat::Tsv),
];

pub const GRAPH_FORMATS: [(&str, RdfFormat); 6] = [
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    (
        "application/ld+json",
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    ),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/x-turtle", RdfFormat::Turtle),
    ("text/plain", RdfFormat::NTriples),
];

fn not_acceptable(what: &str, offers: &[&str]) -> Failure {
    Failure(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "no acceptable format for {what}; this endpoint writes {}",
            offers.join(", ")
        ),
    )
}

/// How a query is run: its time budget and the most solutions or triples it may return.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_results: usize,
}

/// Evaluates a query on a blocking thread and serializes its results in the negotiated
/// format; past the timeout the evaluation is cancelled and the client gets 503.
pub async fn query(
    store: Store,
    sparql: String,
    mut options: QueryOptions,
    accepted: Vec<String>,
    limits: Limits,
) -> Result<Response, Failure> {
    let token = CancellationToken::new();
    options.cancel = Some(token.clone());
    let task = tokio::task::spawn_blocking(move || {
        evaluate(&store, &sparql, &options, &accepted, limits.max_results)
    });
    match tokio::time::timeout(limits.timeout, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => Err(Failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("query evaluation failed: {e}"),
        )),
        Err(_) => {
            token.cancel();
            Err(Failure(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "query cancelled: it ran longer than the {} s timeout",
                    limits.timeout.as_secs_f64()
                ),
            ))
        }
    }
}

fn evaluate(
    store: &Store,
    sparql: &str,
    options: &QueryOptions,
    accepted: &[String],
    max_results: usize,
) -> Result<Response, Failure> {
    let results = crate::store::run_query_with(store, sparql, options)?;
    let failed = |e: &dyn std::fmt::Display| {
        let message = e.to_string();
        if message.to_lowercase().contains("cancel") {
            Failure(
                StatusCode::SERVICE_UNAVAILABLE,
                "query cancelled at the timeout".into(),
            )
        } else {
            Failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("SPARQL query: {message}"),
            )
        }
    };
    let mut body = Vec::new();
    let mut truncated = false;
    let media = match results {
        QueryResults::Boolean(b) => {
            let (media, format) = negotiate(accepted, &SOLUTION_FORMATS).ok_or_else(|| {
                not_acceptable("an ASK result", &SOLUTION_FORMATS.map(|f| f.0)[..4])
            })?;
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut body, b)
                .map_err(|e| failed(&e))?;
            media
        }
        QueryResults::Solutions(solutions) => {
            let (media, format) = negotiate(accepted, &SOLUTION_FORMATS).ok_or_else(|| {
                not_acceptable("SELECT results", &SOLUTION_FORMATS.map(|f| f.0)[..4])
            })?;
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut body, solutions.variables().to_vec())
                .map_err(|e| failed(&e))?;
            for (i, solution) in solutions.enumerate() {
                if i == max_results {
                    truncated = true;
                    break;
                }
                writer
                    .serialize(&solution.map_err(|e| failed(&e))?)
                    .map_err(|e| failed(&e))?;
            }
            writer.finish().map_err(|e| failed(&e))?;
            media
        }
        QueryResults::Graph(triples) => {
            let (media, format) = negotiate(accepted, &GRAPH_FORMATS).ok_or_else(|| {
                not_acceptable(
                    "CONSTRUCT or DESCRIBE results",
                    &GRAPH_FORMATS.map(|f| f.0)[..4],
                )
            })?;
            let mut writer = crate::output::rdf_serializer(format).for_writer(&mut body);
            for (i, triple) in triples.enumerate() {
                if i == max_results {
                    truncated = true;
                    break;
                }
                writer
                    .serialize_triple(&triple.map_err(|e| failed(&e))?)
                    .map_err(|e| failed(&e))?;
            }
            writer.finish().map_err(|e| failed(&e))?;
            media
        }
    };
    let mut response = (
        [(header::CONTENT_TYPE, format!("{media}; charset=utf-8"))],
        body,
    )
        .into_response();
    if truncated {
        // The client learns that it did not get everything, and how much it got.
        response.headers_mut().insert(
            "x-newsgraph-truncated",
            HeaderValue::from_str(&max_results.to_string()).expect("digits"),
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(v: &str) -> Vec<String> {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, HeaderValue::from_str(v).unwrap());
        accepted(&h)
    }

    #[test]
    fn negotiation_follows_q_values_and_wildcards() {
        let a = accept("text/csv;q=0.5, application/sparql-results+xml");
        assert_eq!(
            negotiate(&a, &SOLUTION_FORMATS).unwrap().0,
            "application/sparql-results+xml"
        );
        let a = accept("text/*");
        assert_eq!(negotiate(&a, &SOLUTION_FORMATS).unwrap().0, "text/csv");
        let a = accept("*/*");
        assert_eq!(
            negotiate(&a, &SOLUTION_FORMATS).unwrap().0,
            "application/sparql-results+json"
        );
        assert!(negotiate(&accept("image/png"), &GRAPH_FORMATS).is_none());
        assert_eq!(negotiate(&accept("text/turtle;q=0"), &GRAPH_FORMATS), None);
    }

    #[test]
    fn parameters_repeat_and_decode() {
        let p = Params::parse(
            "query=SELECT%20*%20%7B%7D&default-graph-uri=urn%3Aa&default-graph-uri=urn%3Ab",
        );
        assert_eq!(p.query.as_deref(), Some("SELECT * {}"));
        assert_eq!(p.default_graphs, ["urn:a", "urn:b"]);
        assert!(Params::parse("default-graph-uri=not%20an%20iri")
            .dataset()
            .is_err());
    }
}
