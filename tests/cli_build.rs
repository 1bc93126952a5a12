//! `build`, `stats`, `query` and `export` on the demo corpus.

mod common;
use common::*;

#[test]
fn build_reports_five_documents_and_rebuild_changes_nothing() {
    let (_dir, store) = built_store();
    let s = stdout_of(bin().args(["--store", store.to_str().unwrap(), "stats"]));
    assert!(s.contains("documents: 5"), "{s}");
    let before = triples(&store);
    assert!(before > 1000);
    let out = stdout_of(
        bin()
            .args(["--store", store.to_str().unwrap(), "build"])
            .arg(articles()),
    );
    assert!(out.contains("5 unchanged"), "{out}");
    assert_eq!(triples(&store), before);
}

#[test]
fn a_changed_document_replaces_its_facts() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let doc = dir.path().join("raid.txt");
    std::fs::write(
        &doc,
        "Laos deports 40 workers\n\nLaos deported 40 Vietnamese nationals on Monday.\n",
    )
    .unwrap();
    let build = || {
        stdout_of(
            bin()
                .args(["--store", store.to_str().unwrap(), "build"])
                .arg(&doc),
        )
    };
    build();
    std::fs::write(
        &doc,
        "Laos deports workers\n\nLaos arrested 12 Kenyans in Bokeo.\n",
    )
    .unwrap();
    let out = build();
    assert!(out.contains("1 replaced"), "{out}");
    let q = stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "query",
        "--format",
        "csv",
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e a ng:Deportation }",
    ]));
    assert!(
        q.lines().nth(1) == Some("0"),
        "the old deportation is gone: {q}"
    );
    // Nothing of the old version is left, its text annotations (mentions, sentences, in the
    // default graph) included: the store holds what a fresh build of the new version holds.
    let fresh = dir.path().join("fresh");
    bin()
        .args(["--store", fresh.to_str().unwrap(), "build"])
        .arg(&doc)
        .assert()
        .success();
    assert_eq!(export_nquads(&store), export_nquads(&fresh));
}

#[test]
fn who_deported_whom_names_cambodia_and_thai_nationals() {
    let (_dir, store) = built_store();
    let out = stdout_of(
        bin()
            .args(["--store", store.to_str().unwrap(), "query", "--file"])
            .arg(repo().join("examples/queries/who-deported-whom.rq")),
    );
    let row = out.lines().find(|l| l.contains("119")).expect(&out);
    assert!(row.starts_with("Cambodia"), "{row}");
    assert!(row.contains("Thailand"), "{row}");
    assert!(
        row.contains("000_ada3d2bf91749a56.txt") && row.contains("004_957caae79bb270c4.txt"),
        "{row}"
    );
}

#[test]
fn every_example_query_runs_and_answers() {
    let (_dir, store) = built_store();
    let mut n = 0;
    for entry in std::fs::read_dir(repo().join("examples/queries")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# "),
            "{} must open with a comment saying what it answers",
            path.display()
        );
        let out = stdout_of(
            bin()
                .args([
                    "--store",
                    store.to_str().unwrap(),
                    "query",
                    "--format",
                    "json",
                    "--file",
                ])
                .arg(&path),
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rows = v["results"]["bindings"].as_array().unwrap();
        assert!(!rows.is_empty(), "{} returned no rows", path.display());
        n += 1;
    }
    assert!(n >= 5);
}

#[test]
fn query_formats_and_forms() {
    let (_dir, store) = built_store();
    let s = store.to_str().unwrap();
    let ask = stdout_of(bin().args(["--store", s, "query", "ASK { ?e a ng:Deportation }"]));
    assert_eq!(ask.trim(), "true");
    let csv = stdout_of(bin().args([
        "--store",
        s,
        "query",
        "--format",
        "csv",
        "SELECT DISTINCT ?n WHERE { ?x a ng:Person ; rdfs:label ?n } ORDER BY ?n",
    ]));
    assert!(
        csv.starts_with("n\r\n") && csv.contains("Hun Manet"),
        "{csv}"
    );
    let tsv = stdout_of(bin().args([
        "--store",
        s,
        "query",
        "--format",
        "tsv",
        "SELECT DISTINCT ?n WHERE { ?x a ng:Person ; rdfs:label ?n }",
    ]));
    assert!(tsv.starts_with("?n\n"), "{tsv}");
    let xml = stdout_of(bin().args([
        "--store",
        s,
        "query",
        "--format",
        "xml",
        "SELECT ?n WHERE { ?x a ng:Person ; rdfs:label ?n } LIMIT 1",
    ]));
    assert!(xml.contains("<sparql"), "{xml}");
    let ttl = stdout_of(bin().args([
        "--store",
        s,
        "query",
        "CONSTRUCT { ?e ng:agent ?a } WHERE { ?e a ng:Deportation ; ng:agent ?a }",
    ]));
    assert!(ttl.contains("ng:agent"), "{ttl}");
    let desc = stdout_of(bin().args([
        "--store",
        s,
        "query",
        "DESCRIBE <https://w3id.org/newsgraph/id/state/cambodia>",
    ]));
    assert!(desc.contains("Cambodia"), "{desc}");
}

#[test]
fn hun_manet_is_one_iri_across_documents() {
    let (_dir, store) = built_store();
    let out = stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "query",
        "--format",
        "csv",
        "SELECT DISTINCT ?p WHERE { ?p a ng:Person ; rdfs:label \"Hun Manet\" }",
    ]));
    assert_eq!(out.lines().count(), 2, "{out}");
}

/// A JSONL archive whose article `repeat` appears first and again, with different text, after
/// enough articles that the two versions go to the store in different bulk loads — the second
/// in the load right after the first's, which may still be in flight.
fn archive_with_a_repeated_id(path: &std::path::Path, with_first_version: bool) {
    let line = |id: &str, title: &str, text: &str| {
        serde_json::json!({"id": id, "title": title, "text": text}).to_string() + "\n"
    };
    let mut out = String::new();
    if with_first_version {
        out += &line(
            "repeat",
            "Laos deports workers",
            "Laos deported 40 Vietnamese nationals from Bokeo on Monday, police said.",
        );
    }
    for i in 0..ARCHIVE_ARTICLES {
        if i == ARCHIVE_ARTICLES / 2 {
            out += &line(
                "repeat",
                "Thailand arrests workers",
                "Thailand arrested 12 Kenyan nationals in Mae Sot on Tuesday, police said.",
            );
        }
        let (title, _, body) = synthetic_article(i);
        out += &line(&format!("a{i}"), &title, &body);
    }
    std::fs::write(path, out).unwrap();
}

/// Articles in that archive: about 480,000 quads, the second version near the second load.
const ARCHIVE_ARTICLES: usize = 2000;

#[test]
fn a_repeated_id_in_a_later_load_replaces_the_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    let (with_both, last_only) = (dir.path().join("both.jsonl"), dir.path().join("last.jsonl"));
    archive_with_a_repeated_id(&with_both, true);
    archive_with_a_repeated_id(&last_only, false);
    let build = |input: &std::path::Path, store: &str| {
        let store = dir.path().join(store);
        let out = stdout_of(
            bin()
                .args(["--store", store.to_str().unwrap(), "build"])
                .arg(input),
        );
        (store, out)
    };
    let (both, out) = build(&with_both, "both");
    let written: usize = out
        .lines()
        .find_map(|l| l.strip_prefix("triples written: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("a triples-written line");
    assert!(
        written > 2 * newsgraph::store::LOAD_QUADS,
        "the archive must span several loads: {written} triples"
    );
    let (last, _) = build(&last_only, "last");
    assert_eq!(export_nquads(&both), export_nquads(&last));
}
