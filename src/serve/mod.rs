//! Serve: the store over HTTP — the SPARQL 1.1 Protocol at `/sparql` (and `/update` when
//! allowed), the Graph Store Protocol's read side at `/store`, plain-English questions at
//! `/ask`, `/health`, and the analyst's page at `/`.
//!
//! `protocol` knows the SPARQL Protocol (parameters, content negotiation, evaluation with a
//! timeout); this module routes requests. Queries run on blocking threads, so a long query
//! never holds up the others.

pub mod protocol;

use crate::knowledge::Knowledge;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::model::NamedNode;
use oxigraph::store::Store;
use protocol::{Failure, Limits, Params};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::cors::{Any, CorsLayer};
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Config {
    pub allow_update: bool,
    pub limits: Limits,
}

struct AppState {
    store: Store,
    knowledge: &'static Knowledge,
    config: Config,
}

type Shared = State<Arc<AppState>>;

/// The page and its script, compiled into the binary: nothing to build, nothing to install.
const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/style.css");
/// cytoscape, vendored as built by its npm package (MIT; see `page/vendor/`).
const CYTOSCAPE: &str = include_str!("page/vendor/cytoscape-3.35.0.min.js");

/// The example queries of `examples/queries/`, offered by the page.
const EXAMPLES: [(&str, &str); 7] = [
    (
        "who-deported-whom",
        include_str!("../../examples/queries/who-deported-whom.rq"),
    ),
    (
        "events-by-type",
        include_str!("../../examples/queries/events-by-type.rq"),
    ),
    (
        "events-in-poipet",
        include_str!("../../examples/queries/events-in-poipet.rq"),
    ),
    (
        "people-and-roles",
        include_str!("../../examples/queries/people-and-roles.rq"),
    ),
    (
        "arrests-with-counts",
        include_str!("../../examples/queries/arrests-with-counts.rq"),
    ),
    (
        "entity-mentions",
        include_str!("../../examples/queries/entity-mentions.rq"),
    ),
    (
        "reported-by-several-sources",
        include_str!("../../examples/queries/reported-by-several-sources.rq"),
    ),
];

/// The application: every route, CORS for browser clients on other origins, request logs.
pub fn router(store: Store, knowledge: &'static Knowledge, config: Config) -> Router {
    let state = Arc::new(AppState {
        store,
        knowledge,
        config,
    });
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([header::CONTENT_TYPE]);
    Router::new()
        .route("/", get(page))
        .route(
            "/app.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    SCRIPT,
                )
            }),
        )
        .route(
            "/style.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }),
        )
        .route(
            "/vendor/cytoscape.min.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    CYTOSCAPE,
                )
            }),
        )
        .route("/examples", get(examples))
        .route("/health", get(health))
        .route("/sparql", get(sparql_get).post(sparql_post))
        .route("/update", get(update_get).post(update_post))
        .route("/store", get(graph_store))
        .route("/ask", get(ask))
        .route("/document", get(document))
        .layer(cors)
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
pub async fn run(
    store: Store,
    knowledge: &'static Knowledge,
    config: Config,
    bind: SocketAddr,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    let address = listener.local_addr()?;
    // The first line on stdout: scripts and tests read the port from it.
    println!("newsgraph serving http://{address}/ (SPARQL endpoint http://{address}/sparql)");
    tracing::info!(%address, update = config.allow_update, "listening");
    axum::serve(listener, router(store, knowledge, config))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

async fn examples() -> Response {
    let list: Vec<serde_json::Value> = EXAMPLES
        .iter()
        .map(|(name, text)| serde_json::json!({"name": name, "query": text}))
        .collect();
    axum::Json(list).into_response()
}

async fn health(State(state): Shared) -> Response {
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || store.len()).await {
        Ok(Ok(n)) => axum::Json(serde_json::json!({"status": "ok", "quads": n})).into_response(),
        _ => Failure(StatusCode::SERVICE_UNAVAILABLE, "store unavailable".into()).into_response(),
    }
}

async fn sparql_get(State(state): Shared, RawQuery(raw): RawQuery, headers: HeaderMap) -> Response {
    let params = Params::parse(raw.as_deref().unwrap_or(""));
    run_query(&state, params, &headers).await
}

async fn sparql_post(
    State(state): Shared,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // The dataset may come in the URL also when the query is the body.
    let mut params = Params::parse(raw.as_deref().unwrap_or(""));
    match body_kind(&headers) {
        Some("application/sparql-query") => match String::from_utf8(body.to_vec()) {
            Ok(q) => params.query = Some(q),
            Err(_) => return bad("the query body is not UTF-8"),
        },
        Some("application/x-www-form-urlencoded") => {
            let form = Params::parse(&String::from_utf8_lossy(&body));
            params.query = form.query;
            params.default_graphs.extend(form.default_graphs);
            params.named_graphs.extend(form.named_graphs);
        }
        other => {
            return Failure(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "POST a query as application/sparql-query or application/x-www-form-urlencoded, not {}",
                    other.unwrap_or("a body without Content-Type")
                ),
            )
            .into_response()
        }
    }
    run_query(&state, params, &headers).await
}

fn body_kind(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim())
}

fn bad(message: &str) -> Response {
    Failure(StatusCode::BAD_REQUEST, message.to_string()).into_response()
}

async fn run_query(state: &AppState, params: Params, headers: &HeaderMap) -> Response {
    if params.update.is_some() {
        return bad("updates go to /update, not /sparql");
    }
    let Some(query) = params.query.clone() else {
        return bad(
            "no query: give `query=` in the URL or a form, or POST application/sparql-query",
        );
    };
    let options = match params.dataset() {
        Ok(o) => o,
        Err(f) => return f.into_response(),
    };
    protocol::query(
        state.store.clone(),
        query,
        options,
        protocol::accepted(headers),
        state.config.limits,
    )
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

async fn update_get() -> Response {
    Failure(
        StatusCode::METHOD_NOT_ALLOWED,
        "SPARQL updates are POSTed".into(),
    )
    .into_response()
}

async fn update_post(State(state): Shared, headers: HeaderMap, body: Bytes) -> Response {
    if !state.config.allow_update {
        return Failure(
            StatusCode::FORBIDDEN,
            "this endpoint is read-only; start `newsgraph serve --allow-update` to accept updates"
                .into(),
        )
        .into_response();
    }
    let text = String::from_utf8_lossy(&body).into_owned();
    let update =
        match body_kind(&headers) {
            Some("application/sparql-update") => text,
            Some("application/x-www-form-urlencoded") => match Params::parse(&text).update {
                Some(u) => u,
                None => return bad("no `update=` in the form"),
            },
            _ => return Failure(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "POST an update as application/sparql-update or application/x-www-form-urlencoded"
                    .into(),
            )
            .into_response(),
        };
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || crate::store::run_update(&store, &update)).await {
        Ok(Ok(())) => StatusCode::NO_CONTENT.into_response(),
        Ok(Err(e)) => Failure::from(e).into_response(),
        Err(e) => Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// The Graph Store Protocol, read side: `?graph=IRI` (a document's named graph) or
/// `?default` (the union of all graphs, as queries see it).
async fn graph_store(
    State(state): Shared,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let raw = raw.unwrap_or_default();
    let mut graph = None;
    let mut default = false;
    for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
        match k.as_ref() {
            "graph" => graph = Some(v.into_owned()),
            "default" => default = true,
            _ => {}
        }
    }
    let query = match (graph, default) {
        (Some(g), false) => match NamedNode::new(g.as_str()) {
            Ok(n) => {
                let store = state.store.clone();
                let exists =
                    tokio::task::spawn_blocking(move || store.contains_named_graph(n.as_ref()))
                        .await
                        .ok()
                        .and_then(Result::ok)
                        .unwrap_or(false);
                if !exists {
                    return Failure(
                        StatusCode::NOT_FOUND,
                        format!("no graph <{g}> in the store"),
                    )
                    .into_response();
                }
                format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            }
            Err(e) => return bad(&format!("graph IRI {g:?}: {e}")),
        },
        (None, true) => "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }".to_string(),
        _ => return bad("give exactly one of `graph=IRI` or `default`"),
    };
    let limits = Limits {
        max_results: usize::MAX,
        ..state.config.limits
    };
    protocol::query(
        state.store.clone(),
        query,
        Default::default(),
        protocol::accepted(&headers),
        limits,
    )
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

/// The first value of one parameter of a query string.
fn query_param(raw: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `newsgraph ask` as JSON: `{"question", "sparql", "answers", "total", "path"}`.
async fn ask(State(state): Shared, RawQuery(raw): RawQuery) -> Response {
    let Some(question) = query_param(raw.as_deref(), "q") else {
        return bad("no question: give `q=`");
    };
    let store = state.store.clone();
    let k = state.knowledge;
    let timeout = state.config.limits.timeout;
    let task = tokio::task::spawn_blocking(move || {
        let response = crate::ask::ask(&store, &question, k)?;
        Ok::<_, crate::ask::AskError>(serde_json::json!({
            "question": question,
            "sparql": response.sparql,
            "answers": crate::ask::render_json(&response),
            "text": crate::ask::render_text(&response),
            "total": response.total,
            "path": response.path,
        }))
    });
    match tokio::time::timeout(timeout, task).await {
        Ok(Ok(Ok(json))) => axum::Json(json).into_response(),
        Ok(Ok(Err(e))) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(serde_json::json!({"error": e.to_string()})),
        )
            .into_response(),
        Ok(Err(e)) => Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        Err(_) => Failure(
            StatusCode::SERVICE_UNAVAILABLE,
            "the question took longer than the timeout".into(),
        )
        .into_response(),
    }
}

/// A source document's text, for the page's links from evidence: `?id=DOC`.
async fn document(State(state): Shared, RawQuery(raw): RawQuery) -> Response {
    let Some(id) = query_param(raw.as_deref(), "id") else {
        return bad("give `id=` (a document id)");
    };
    let literal = oxigraph::model::Literal::new_simple_literal(&id);
    let query =
        format!("SELECT ?text WHERE {{ ?d ng:docId {literal} ; nif:isString ?text }} LIMIT 1");
    let store = state.store.clone();
    let found = tokio::task::spawn_blocking(move || {
        match crate::store::run_query(&store, &query).ok()? {
            oxigraph::sparql::QueryResults::Solutions(mut rows) => {
                match rows.next()?.ok()?.get("text")? {
                    oxigraph::model::Term::Literal(l) => Some(l.value().to_string()),
                    _ => None,
                }
            }
            _ => None,
        }
    })
    .await
    .ok()
    .flatten();
    match found {
        Some(text) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response(),
        None => Failure(StatusCode::NOT_FOUND, format!("no document {id:?}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_offers_every_example_query() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries");
        let files = std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rq"))
            })
            .count();
        assert_eq!(
            files,
            super::EXAMPLES.len(),
            "add the new query to serve::EXAMPLES"
        );
    }
}
