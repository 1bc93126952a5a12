//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn bin() -> Command {
    let mut c = Command::cargo_bin("newsgraph").expect("binary built");
    c.env_remove("NEWSGRAPH_STORE").env_remove("NEWSGRAPH_DATA");
    c
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn articles() -> PathBuf {
    repo().join("data/articles")
}

/// Builds the demo corpus into a fresh store and returns the temp dir holding it.
pub fn built_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    bin()
        .args(["--store", store.to_str().unwrap(), "build"])
        .arg(articles())
        .assert()
        .success();
    (dir, store)
}

pub fn stdout_of(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "command failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn triples(store: &Path) -> u64 {
    let s = stdout_of(bin().args(["--store", store.to_str().unwrap(), "stats"]));
    s.lines()
        .find_map(|l| l.strip_prefix("triples: "))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}
