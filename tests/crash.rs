//! Crash safety: a build killed with SIGKILL at any moment leaves a store that opens, in which
//! every document is wholly present or absent; building again completes it, with the same
//! triples as an uninterrupted build. Also: a second process gets "store is busy" while a
//! build runs, never a corrupt answer.

mod common;
use common::*;
use std::path::Path;
use std::time::Duration;

/// `n` articles written for this test, one file each.
fn corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let (title, date, body) = synthetic_article(i);
        let text = format!("{title}\nDate: {date}\n\n{body}");
        std::fs::write(dir.join(format!("a{i:04}.txt")), text).unwrap();
    }
}

fn incomplete_graphs(store: &Path) -> String {
    stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "query",
        "--format",
        "csv",
        // A document graph, or a document's text annotations (default graph), without the
        // document's marker.
        "SELECT DISTINCT ?g WHERE { { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/newsgraph/ontology>) } UNION { ?s nif:referenceContext ?g } FILTER NOT EXISTS { GRAPH ?g { ?g ng:contentHash ?h } } }",
    ]))
}

#[test]
fn a_killed_build_leaves_whole_documents_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    corpus(&inputs, 600);
    let reference = dir.path().join("reference");
    bin()
        .args(["--store", reference.to_str().unwrap(), "build"])
        .arg(&inputs)
        .assert()
        .success();
    let expected = triples(&reference);

    let store = dir.path().join("store");
    let exe = assert_cmd::cargo::cargo_bin("newsgraph");
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut killed_mid_build = 0;
    for _ in 0..4 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = 150 + seed % 900;
        let mut child = std::process::Command::new(&exe)
            .args(["--store", store.to_str().unwrap(), "build"])
            .arg(&inputs)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            killed_mid_build += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // The store opens, and no document is half-written.
        let stats = stdout_of(bin().args(["--store", store.to_str().unwrap(), "stats"]));
        assert!(stats.contains("documents:"), "{stats}");
        assert_eq!(
            incomplete_graphs(&store).lines().count(),
            1,
            "a document graph lacks its marker"
        );
    }
    assert!(
        killed_mid_build > 0,
        "no kill landed during a build; the corpus is too small"
    );
    bin()
        .args(["--store", store.to_str().unwrap(), "build"])
        .arg(&inputs)
        .assert()
        .success();
    assert_eq!(triples(&store), expected);
    let s = stdout_of(bin().args(["--store", store.to_str().unwrap(), "stats"]));
    assert!(s.contains("documents: 600"), "{s}");
}

#[test]
fn a_query_during_a_build_is_told_the_store_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    corpus(&inputs, 600);
    let store = dir.path().join("store");
    bin()
        .args(["--store", store.to_str().unwrap(), "build"])
        .arg(articles())
        .assert()
        .success();
    let exe = assert_cmd::cargo::cargo_bin("newsgraph");
    let mut child = std::process::Command::new(&exe)
        .args(["--store", store.to_str().unwrap(), "build"])
        .arg(&inputs)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let mut saw_busy = false;
    for _ in 0..5 {
        let out = bin()
            .args(["--store", store.to_str().unwrap(), "stats"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            // A consistent answer: every document graph is whole.
            assert!(String::from_utf8_lossy(&out.stdout).contains("documents:"));
        } else {
            assert!(err.contains("store is busy"), "{err}");
            saw_busy = true;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait().unwrap();
    assert!(
        saw_busy,
        "the build finished before any query ran; the corpus is too small"
    );
}
