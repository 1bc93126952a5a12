//! Graph exports (DOT rendered by the real Graphviz, GraphML read by networkx, Neo4j CSV),
//! `rank` and `path`.

mod common;
use common::*;
use std::process::Command as Std;

fn fixture_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    bin()
        .args(["--store", store.to_str().unwrap(), "build"])
        .arg(repo().join("tests/fixtures/ask"))
        .assert()
        .success();
    (dir, store)
}

fn dot(store: &std::path::Path, args: &[&str]) -> String {
    stdout_of(
        bin()
            .args([
                "--store",
                store.to_str().unwrap(),
                "export",
                "--format",
                "dot",
            ])
            .args(args),
    )
}

/// (source label, edge label, target label) of every edge of a DOT text.
fn edges(dot: &str) -> Vec<(String, String, String)> {
    let label = |line: &str| {
        line.split("label=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("")
            .to_string()
    };
    let mut names = std::collections::HashMap::new();
    for line in dot.lines().map(str::trim) {
        if line.starts_with('n') && !line.contains("->") {
            names.insert(line.split(' ').next().unwrap().to_string(), label(line));
        }
    }
    dot.lines()
        .map(str::trim)
        .filter(|l| l.contains(" -> "))
        .map(|l| {
            let mut p = l.split(' ');
            let a = p.next().unwrap().to_string();
            p.next();
            let b = p.next().unwrap().to_string();
            (names[&a].clone(), label(l), names[&b].clone())
        })
        .collect()
}

#[test]
fn every_view_and_filter_renders_with_graphviz() {
    let (dir, store) = built_store();
    let filters: [&[&str]; 6] = [
        &[],
        &["--focus", "Cambodia", "--depth", "1"],
        &["--types", "Deportation,Arrest"],
        &["--since", "2025-01", "--until", "2025-12"],
        &["--min-degree", "2"],
        &[
            "--focus",
            "Hun Manet",
            "--depth",
            "2",
            "--types",
            "Meeting,Cooperation,Directive",
        ],
    ];
    for view in ["actors", "events"] {
        for (i, f) in filters.iter().enumerate() {
            let svg = dir.path().join(format!("{view}{i}.svg"));
            let out = bin()
                .args([
                    "--store",
                    store.to_str().unwrap(),
                    "export",
                    "--format",
                    "dot",
                    "--view",
                    view,
                ])
                .args(*f)
                .args(["--render", "svg", "--output"])
                .arg(&svg)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{view} {f:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = std::fs::read_to_string(&svg).unwrap();
            assert!(text.contains("<svg"), "{view} {f:?}");
            assert!(text.contains("Legend"), "{view} {f:?}");
            if f.is_empty() || f.contains(&"Cambodia") {
                assert!(text.contains("Cambodia"), "{view} {f:?}");
                let expected = if view == "actors" {
                    "deportation 119"
                } else {
                    "deportation by Cambodia"
                };
                assert!(text.contains(expected), "{view} {f:?} lacks {expected}");
            }
        }
    }
}

#[test]
fn focus_keeps_only_the_neighbourhood() {
    let (_dir, store) = built_store();
    let d = dot(
        &store,
        &["--view", "actors", "--focus", "Cambodia", "--depth", "1"],
    );
    let es = edges(&d);
    assert!(
        es.iter().any(|(a, l, b)| a == "Cambodia"
            && l.starts_with("deportation 119")
            && b == "119 nationals of Thailand"),
        "{es:?}"
    );
    assert!(
        es.iter().any(|(a, l, b)| a == "Cambodia"
            && l.starts_with("deportation 59")
            && b == "59 nationals of South Korea"),
        "{es:?}"
    );
    // Every node is Cambodia or one step from it.
    let neighbours: std::collections::BTreeSet<&String> = es
        .iter()
        .filter(|(a, _, b)| a == "Cambodia" || b == "Cambodia")
        .flat_map(|(a, _, b)| [a, b])
        .collect();
    for (a, _, b) in &es {
        assert!(
            neighbours.contains(a) && neighbours.contains(b),
            "edge {a} -> {b} leaves Cambodia's neighbourhood"
        );
    }
    assert!(
        !d.contains("Paetongtarn"),
        "an unrelated node is in the focus view"
    );
}

#[test]
fn types_and_dates_filter_edges() {
    let (_dir, store) = fixture_store();
    let d = dot(&store, &["--types", "Deportation"]);
    let es = edges(&d);
    assert!(
        !es.is_empty() && es.iter().all(|(_, l, _)| l.starts_with("deportation")),
        "{es:?}"
    );
    let d = dot(&store, &["--since", "2025-05-01"]);
    let es = edges(&d);
    assert!(es.iter().all(|(_, l, _)| l.contains("2025-05")), "{es:?}");
    assert!(!es.is_empty());
}

#[test]
fn labels_with_quotes_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let a = dir.path().join("q.txt");
    std::fs::write(
        &a,
        "Quote test\n\nThe \"Golden \\ Lotus\" Group said Laos deported 12 Kenyans.\n",
    )
    .unwrap();
    bin()
        .args(["--store", store.to_str().unwrap(), "build"])
        .arg(&a)
        .assert()
        .success();
    let svg = dir.path().join("q.svg");
    bin()
        .args([
            "--store",
            store.to_str().unwrap(),
            "export",
            "--format",
            "dot",
            "--view",
            "events",
            "--render",
            "svg",
            "--output",
        ])
        .arg(&svg)
        .assert()
        .success();
}

#[test]
fn graphml_loads_in_networkx_and_csv_follows_neo4j() {
    let (dir, store) = fixture_store();
    let g = stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "export",
        "--format",
        "graphml",
    ]));
    let path = dir.path().join("g.graphml");
    std::fs::write(&path, &g).unwrap();
    let out = Std::new("python3")
        .args(["-c", "import sys, xml.etree.ElementTree as ET, networkx as nx\nET.parse(sys.argv[1])\ng = nx.read_graphml(sys.argv[1])\nassert g.number_of_nodes() > 5 and g.number_of_edges() > 3\nlabels = {d['label'] for _, d in g.nodes(data=True)}\nassert 'Laos' in labels, labels\nprint(g.number_of_nodes())"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "networkx: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = dir.path().join("csv");
    bin()
        .args([
            "--store",
            store.to_str().unwrap(),
            "export",
            "--format",
            "csv",
            "--output",
        ])
        .arg(&csv)
        .assert()
        .success();
    let nodes = std::fs::read_to_string(csv.join("nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(csv.join("edges.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,name,:LABEL,"), "{nodes}");
    assert!(edges.starts_with(":START_ID,:END_ID,:TYPE,"), "{edges}");
    assert!(edges.contains(",DEPORTATION,"));
}

#[test]
fn rank_finds_the_hub() {
    let (_dir, store) = fixture_store();
    let out = stdout_of(bin().args(["--store", store.to_str().unwrap(), "rank", "--by", "degree"]));
    assert!(out.lines().next().unwrap().ends_with("Laos"), "{out}");
    let out = stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "rank",
        "--by",
        "betweenness",
        "--type",
        "State",
        "--top",
        "1",
    ]));
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("Laos"), "{out}");
    let out = stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "rank",
        "--type",
        "Person",
    ]));
    assert!(out.lines().all(|l| l.contains("Person")), "{out}");
}

#[test]
fn path_between_two_entities_cites_evidence() {
    let (_dir, store) = fixture_store();
    let out = stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "path",
        "Sonexay Siphandone",
        "Pham Minh Chinh",
    ]));
    assert!(
        out.contains("Sonexay Siphandone --agent--> Meeting"),
        "{out}"
    );
    assert!(out.contains("--partner--> Pham Minh Chinh"), "{out}");
    assert!(out.contains("[laos.txt "), "{out}");
    let out = stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "path",
        "--format",
        "json",
        "Laos",
        "Vietnam",
    ]));
    let steps: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(!steps.as_array().unwrap().is_empty());
}

#[test]
fn rendering_without_graphviz_says_how_to_install_it() {
    let (dir, store) = fixture_store();
    let out = bin()
        .env("PATH", dir.path())
        .args([
            "--store",
            store.to_str().unwrap(),
            "export",
            "--format",
            "dot",
            "--render",
            "svg",
            "--output",
        ])
        .arg(dir.path().join("x.svg"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("apt-get install graphviz"));
}
