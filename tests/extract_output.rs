//! `extract`: the gold-format JSON, determinism, and RDF outputs that an independent parser
//! (Python rdflib) accepts.

mod common;
use common::*;
use std::process::Command as Std;

#[test]
fn json_is_one_object_per_document_in_the_gold_shape() {
    let out = stdout_of(bin().args(["extract", "--format", "json"]).arg(articles()));
    let docs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 5);
    let d = docs
        .iter()
        .find(|d| d["doc"] == "000_ada3d2bf91749a56.txt")
        .unwrap();
    let ev = d["events"].as_array().unwrap();
    let dep = ev.iter().find(|e| e["type"] == "Deportation").unwrap();
    assert_eq!(dep["agent"], "Cambodia");
    assert_eq!(dep["patient"]["nationality"], "Thailand");
    assert_eq!(dep["patient"]["count"], 119);
    assert!(dep["evidence"][0]["text"].as_str().unwrap().contains("119"));
    for e in d["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert!(m["end"].as_u64() > m["start"].as_u64());
        }
    }
}

#[test]
fn extraction_is_deterministic() {
    let a = stdout_of(bin().args(["extract", "--format", "json"]).arg(articles()));
    let b = stdout_of(bin().args(["extract", "--format", "json"]).arg(articles()));
    assert_eq!(a, b);
    let a = stdout_of(
        bin()
            .args(["extract", "--format", "nquads"])
            .arg(articles()),
    );
    let b = stdout_of(
        bin()
            .args(["extract", "--format", "nquads"])
            .arg(articles()),
    );
    assert_eq!(a, b);
}

fn rdflib_parses(text: &str, format: &str) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("data");
    std::fs::write(&f, text).unwrap();
    let script = "import sys, rdflib\nfmt = sys.argv[2]\ng = rdflib.Dataset() if fmt in ('nquads', 'trig', 'json-ld') else rdflib.Graph()\ng.parse(sys.argv[1], format=fmt)\nn = len(list(g.quads((None, None, None, None)))) if fmt in ('nquads', 'trig', 'json-ld') else len(g)\nassert n > 0, 'no triples'\nprint(n)\n";
    let out = Std::new("python3")
        .args(["-c", script])
        .arg(&f)
        .arg(format)
        .output()
        .expect("python3 is installed (README prerequisites)");
    assert!(
        out.status.success(),
        "rdflib could not parse {format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rdf_outputs_and_the_ontology_parse_with_rdflib() {
    for (fmt, py) in [
        ("turtle", "turtle"),
        ("ntriples", "nt"),
        ("nquads", "nquads"),
        ("trig", "trig"),
        ("jsonld", "json-ld"),
    ] {
        let out = stdout_of(bin().args(["extract", "--format", fmt]).arg(articles()));
        rdflib_parses(&out, py);
    }
    let (_dir, store) = built_store();
    for (fmt, py) in [
        ("turtle", "turtle"),
        ("nquads", "nquads"),
        ("jsonld", "json-ld"),
    ] {
        let out = stdout_of(bin().args([
            "--store",
            store.to_str().unwrap(),
            "export",
            "--format",
            fmt,
        ]));
        rdflib_parses(&out, py);
    }
    let onto = std::fs::read_to_string(repo().join("ontology/newsgraph.ttl")).unwrap();
    rdflib_parses(&onto, "turtle");
}

/// The scorer on the seed gold is a regression floor. It runs where the evaluation data sits
/// beside the repository (as in CI); the floor rises as extraction improves.
#[test]
fn seed_scores_stay_above_the_floor() {
    let shared = repo().join("../shared/eval");
    if !shared.join("score.py").exists() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must have ../shared/eval beside the repository"
        );
        eprintln!("skipping: ../shared/eval not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("seeds.jsonl");
    let out = stdout_of(bin().args(["extract", "--format", "json"]).arg(articles()));
    std::fs::write(&pred, out).unwrap();
    let score = Std::new("python3")
        .arg(shared.join("score.py"))
        .args(["extract", "--gold"])
        .arg(shared.join("seeds"))
        .arg("--pred")
        .arg(&pred)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&score.stdout);
    let summary = text.lines().last().unwrap();
    let get = |k: &str| -> f64 {
        summary
            .split_whitespace()
            .find_map(|p| p.strip_prefix(k))
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(get("entity_f1=") >= 0.95, "{summary}");
    assert!(get("event_f1=") >= 0.90, "{summary}");
}
