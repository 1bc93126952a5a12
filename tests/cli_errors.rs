//! Bad input gets a one-line error naming the problem, a non-zero exit, no panic, and leaves
//! the store as it was.

mod common;
use common::*;

fn fails_with(c: &mut assert_cmd::Command, needle: &str) {
    let out = c.output().unwrap();
    assert!(!out.status.success(), "expected failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(needle),
        "expected {needle:?} in {err:?} ({:?})",
        out.status
    );
    assert!(err.lines().filter(|l| l.contains("error")).count() >= 1);
}

#[test]
fn bad_inputs_leave_the_store_unchanged() {
    let (dir, store) = built_store();
    let s = store.to_str().unwrap();
    let before = triples(&store);
    let bin_file = dir.path().join("photo.txt");
    std::fs::write(&bin_file, [0x89, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap();
    let bad_utf8 = dir.path().join("latin1.txt");
    std::fs::write(&bad_utf8, b"Caf\xe9 raid in Poipet").unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let front = dir.path().join("front.md");
    std::fs::write(&front, "---\ntitle: x\n").unwrap();
    fails_with(
        bin()
            .args(["--store", s, "build"])
            .arg(dir.path().join("missing.txt")),
        "missing.txt",
    );
    fails_with(
        bin().args(["--store", s, "build"]).arg(&bin_file),
        "binary file",
    );
    fails_with(
        bin().args(["--store", s, "build"]).arg(&bad_utf8),
        "invalid UTF-8",
    );
    fails_with(
        bin().args(["--store", s, "build"]).arg(&empty),
        "empty file",
    );
    fails_with(
        bin().args(["--store", s, "build"]).arg(&front),
        "front matter",
    );
    fails_with(
        bin().args(["--store", s, "query", "SELECT ?x WHERE { ?x "]),
        "SPARQL",
    );
    assert_eq!(triples(&store), before);
}

#[test]
fn missing_store_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("nowhere");
    fails_with(
        bin().args(["--store", s.to_str().unwrap(), "stats"]),
        "newsgraph build",
    );
    fails_with(
        bin().args(["--store", s.to_str().unwrap(), "query", "ASK {}"]),
        "no store",
    );
}

#[test]
fn a_locked_store_is_reported_as_busy() {
    let (_dir, store) = built_store();
    // Hold the store open from this process, as a running build would.
    let _held = newsgraph::store::GraphStore::open_existing(&store).unwrap();
    fails_with(
        bin().args(["--store", store.to_str().unwrap(), "stats"]),
        "busy",
    );
}

#[test]
fn a_directory_with_a_bad_file_still_builds_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("good.txt"),
        "Thailand arrests 12\n\nThai police arrested 12 Chinese nationals in Bangkok.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("bad.txt"), b"\xff\xfe").unwrap();
    std::fs::write(inputs.join("notes.pdf"), "x").unwrap();
    let store = dir.path().join("store");
    let out = bin()
        .args(["--store", store.to_str().unwrap(), "build"])
        .arg(&inputs)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("notes.pdf"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("documents: 1"));
    assert!(
        !out.status.success(),
        "a skipped input is reported in the exit code"
    );
}
