//! `newsgraph serve` queried by real third-party clients: curl, and Python's SPARQLWrapper
//! (the library rdflib users and Jupyter kernels use), for SELECT, ASK and CONSTRUCT in every
//! result format; errors, the read-only default, the timeout, the page's routes, and a clean
//! stop on SIGTERM.

mod common;
use common::*;
use std::process::Command;
use std::time::{Duration, Instant};

/// curl ARGS… → (status, content type, body).
fn curl(args: &[&str]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args(["-s", "-o", "-", "-w", "\n%{http_code} %{content_type}"])
        .args(args)
        .output()
        .expect("curl is installed");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let (body, meta) = text.rsplit_once('\n').unwrap();
    let (code, ctype) = meta.split_once(' ').unwrap_or((meta, ""));
    (code.parse().unwrap(), ctype.to_string(), body.to_string())
}

const SELECT: &str =
    "SELECT DISTINCT ?e ?n WHERE { ?e a ng:Deportation ; ng:count ?n } ORDER BY ?n";
const ASK: &str =
    "ASK { ?e a ng:Deportation ; ng:agent <https://w3id.org/newsgraph/id/state/cambodia> }";
const CONSTRUCT: &str =
    "CONSTRUCT { ?e a ng:Deportation ; ng:count ?n } WHERE { ?e a ng:Deportation ; ng:count ?n }";

#[test]
fn curl_gets_every_result_format_and_clear_errors() {
    let (_dir, store) = built_store();
    let server = Server::start(&store, &[]);
    let sparql = server.url("/sparql");
    for (accept, expect_type, needle) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"bindings\"",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        ("text/csv", "text/csv", "e,n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?e\t?n",
        ),
    ] {
        let (code, ctype, body) = curl(&[
            "-G",
            "--data-urlencode",
            &format!("query={SELECT}"),
            "-H",
            &format!("Accept: {accept}"),
            &sparql,
        ]);
        assert_eq!(code, 200, "{accept}: {body}");
        assert!(ctype.starts_with(expect_type), "{accept} gave {ctype}");
        assert!(
            body.contains(needle) && body.contains("119"),
            "{accept}: {body}"
        );
    }
    for (accept, needle) in [
        ("application/sparql-results+json", "\"boolean\""),
        ("application/sparql-results+xml", "<boolean>true</boolean>"),
        ("text/csv", "true"),
        ("text/tab-separated-values", "true"),
    ] {
        let (code, ctype, body) = curl(&[
            "-G",
            "--data-urlencode",
            &format!("query={ASK}"),
            "-H",
            &format!("Accept: {accept}"),
            &sparql,
        ]);
        assert_eq!(code, 200, "ASK as {accept}: {body}");
        assert!(
            ctype.starts_with(accept) && body.contains(needle),
            "ASK as {accept}: {ctype} {body}"
        );
    }
    for (accept, needle) in [
        ("text/turtle", "ng:count"),
        (
            "application/n-triples",
            "<https://w3id.org/newsgraph/ontology#count>",
        ),
        ("application/ld+json", "\"@id\""),
        ("application/rdf+xml", "<rdf:RDF"),
    ] {
        let (code, ctype, body) = curl(&[
            "-G",
            "--data-urlencode",
            &format!("query={CONSTRUCT}"),
            "-H",
            &format!("Accept: {accept}"),
            &sparql,
        ]);
        assert_eq!(code, 200, "CONSTRUCT as {accept}: {body}");
        assert!(
            ctype.starts_with(accept) && body.contains(needle),
            "CONSTRUCT as {accept}: {ctype} {body}"
        );
    }
    // POST bodies: the query itself, and a form.
    let (code, _, body) = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: application/sparql-results+json",
        "--data-binary",
        ASK,
        &sparql,
    ]);
    assert_eq!((code, body.contains("true")), (200, true), "{body}");
    let (code, ctype, body) = curl(&[
        "--data-urlencode",
        &format!("query={CONSTRUCT}"),
        "-H",
        "Accept: application/n-triples",
        &sparql,
    ]);
    assert_eq!(code, 200);
    assert!(ctype.starts_with("application/n-triples"));
    assert!(
        body.contains("<https://w3id.org/newsgraph/ontology#count>"),
        "{body}"
    );
    // A malformed query: 400 with the parser's message.
    let (code, ctype, body) = curl(&["-G", "--data-urlencode", "query=SELEC ?x WHERE {", &sparql]);
    assert_eq!(code, 400);
    assert!(ctype.starts_with("text/plain"));
    assert!(
        body.contains("SPARQL query") && body.contains("error at"),
        "{body}"
    );
    // A format nobody writes: 406; no query: 400; CORS for browsers elsewhere.
    let (code, _, _) = curl(&[
        "-G",
        "--data-urlencode",
        &format!("query={SELECT}"),
        "-H",
        "Accept: image/png",
        &sparql,
    ]);
    assert_eq!(code, 406);
    assert_eq!(curl(&[&sparql]).0, 400);
    let out = Command::new("curl")
        .args([
            "-s",
            "-D",
            "-",
            "-o",
            "/dev/null",
            "-H",
            "Origin: https://yasgui.example",
            "-G",
            "--data-urlencode",
            &format!("query={ASK}"),
            &sparql,
        ])
        .output()
        .unwrap();
    let headers = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(
        headers.contains("access-control-allow-origin: *"),
        "{headers}"
    );
}

#[test]
fn sparqlwrapper_reads_every_format() {
    let (_dir, store) = built_store();
    let server = Server::start(&store, &[]);
    let script = r#"
import sys
from SPARQLWrapper import SPARQLWrapper, JSON, XML, CSV, TSV, TURTLE, JSONLD, RDFXML, N3
endpoint, select, ask, construct = sys.argv[1:5]
def run(query, fmt):
    w = SPARQLWrapper(endpoint)
    w.setQuery(query)
    w.setReturnFormat(fmt)
    return w.query().convert()
r = run(select, JSON)
counts = sorted(int(b["n"]["value"]) for b in r["results"]["bindings"])
assert counts == [59, 93, 119], counts
assert run(select, XML).getElementsByTagName("result").length == 3
assert b"119" in run(select, CSV) and b"119" in run(select, TSV)
assert run(ask, JSON)["boolean"] is True
assert run(ask, XML).getElementsByTagName("boolean")[0].firstChild.data == "true"
for fmt in (TURTLE, JSONLD, RDFXML, N3):
    g = run(construct, fmt)
    n = len(g) if hasattr(g, "__len__") and not isinstance(g, (bytes, str)) else None
    if n is None:
        import rdflib
        g = rdflib.Graph().parse(data=g, format={TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld", RDFXML: "xml"}[fmt])
        n = len(g)
    assert n == 6, (fmt, n)
print("ok")
"#;
    let out = Command::new("python3")
        .args(["-c", script, &server.url("/sparql"), SELECT, ASK, CONSTRUCT])
        .output()
        .unwrap();
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("ok"),
        "SPARQLWrapper: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn updates_need_the_flag() {
    let (_dir, store) = built_store();
    let insert = "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> \"c\" } }";
    {
        let server = Server::start(&store, &[]);
        let (code, _, body) = curl(&[
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
            insert,
            &server.url("/update"),
        ]);
        assert_eq!(code, 403, "{body}");
        assert!(body.contains("--allow-update"));
    }
    let server = Server::start(&store, &["--allow-update"]);
    let (code, _, _) = curl(&[
        "--data-urlencode",
        &format!("update={insert}"),
        &server.url("/update"),
    ]);
    assert_eq!(code, 204);
    let (_, _, body) = curl(&[
        "-G",
        "--data-urlencode",
        "query=ASK { <urn:a> <urn:b> \"c\" }",
        &server.url("/sparql"),
    ]);
    assert!(body.contains("true"), "{body}");
    // The Graph Store Protocol reads the new graph back; a missing graph is 404.
    let (code, _, body) = curl(&[
        "-G",
        "--data-urlencode",
        "graph=urn:notes",
        "-H",
        "Accept: application/n-triples",
        &server.url("/store"),
    ]);
    assert_eq!(code, 200);
    assert!(body.contains("<urn:a> <urn:b> \"c\""), "{body}");
    assert_eq!(
        curl(&[
            "-G",
            "--data-urlencode",
            "graph=urn:none",
            &server.url("/store")
        ])
        .0,
        404
    );
}

#[test]
fn a_long_query_is_cancelled_while_short_ones_go_on() {
    let (_dir, store) = built_store();
    let server = Server::start(&store, &["--timeout", "1s"]);
    let sparql = server.url("/sparql");
    let long = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let long_request = {
        let sparql = sparql.clone();
        std::thread::spawn(move || {
            curl(&["-G", "--data-urlencode", &format!("query={long}"), &sparql])
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    let short_started = Instant::now();
    let (code, _, body) = curl(&["-G", "--data-urlencode", &format!("query={ASK}"), &sparql]);
    assert_eq!(code, 200, "{body}");
    assert!(
        short_started.elapsed() < Duration::from_secs(1),
        "the short query waited"
    );
    let (code, _, body) = long_request.join().unwrap();
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("timeout"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn ask_health_page_and_a_clean_stop() {
    let (_dir, store) = built_store();
    let mut server = Server::start(&store, &[]);
    let (code, ctype, body) = curl(&[
        "-G",
        "--data-urlencode",
        "q=Who deported whom?",
        &server.url("/ask"),
    ]);
    assert_eq!(code, 200);
    assert!(ctype.starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let answers = json["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 3, "{body}");
    assert!(answers
        .iter()
        .all(|a| a["agent"] == "Cambodia" && !a["evidence"].as_array().unwrap().is_empty()));
    let (code, _, body) = curl(&[
        "-G",
        "--data-urlencode",
        "q=Who visited Poipett?",
        &server.url("/ask"),
    ]);
    assert_eq!(code, 422);
    assert!(body.contains("did you mean"), "{body}");
    let (code, _, body) = curl(&[&server.url("/health")]);
    assert_eq!(code, 200);
    assert!(body.contains("\"ok\""));
    for path in [
        "/",
        "/app.js",
        "/style.css",
        "/vendor/cytoscape.min.js",
        "/examples",
    ] {
        assert_eq!(curl(&[&server.url(path)]).0, 200, "{path}");
    }
    let doc = answers[0]["evidence"][0]["doc"].as_str().unwrap();
    let (code, _, text) = curl(&[
        "-G",
        "--data-urlencode",
        &format!("id={doc}"),
        &server.url("/document"),
    ]);
    assert_eq!(code, 200);
    assert!(text.contains("Cambodia"));
    // SIGTERM: the server finishes and exits cleanly.
    let pid = server.child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
