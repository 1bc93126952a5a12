//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

pub fn bin() -> Command {
    let mut c = Command::cargo_bin("newsgraph").expect("binary built");
    c.env_remove("NEWSGRAPH_STORE").env_remove("NEWSGRAPH_DATA");
    c
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A document of `text` as it stands (no cleaning), for the stages that read one.
pub fn document(text: &str) -> newsgraph::model::Document {
    newsgraph::model::Document {
        id: "test".into(),
        source_path: "test".into(),
        title: None,
        date: None,
        source: None,
        url: None,
        text: text.into(),
        content_hash: String::new(),
        headings: vec![],
    }
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

/// The store's quads as N-Quads (`export` sorts them, so equal stores give equal text).
pub fn export_nquads(store: &Path) -> String {
    stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "export",
        "--format",
        "nquads",
    ]))
}

/// Article `i` of a corpus written for the tests, varied enough to make many facts each:
/// its headline, date and body paragraphs.
pub fn synthetic_article(i: usize) -> (String, String, String) {
    let states = [
        ("Laos", "Lao", "Vietnamese", "Vietnam"),
        ("Thailand", "Thai", "Cambodian", "Cambodia"),
        ("Cambodia", "Cambodian", "Chinese", "China"),
        ("Myanmar", "Burmese", "Indonesian", "Indonesia"),
    ];
    let places = [
        "Bokeo",
        "Poipet",
        "Mae Sot",
        "Bavet",
        "Myawaddy",
        "Sihanoukville",
    ];
    let (agent, adj, demonym, home) = states[i % states.len()];
    let place = places[i % places.len()];
    let count = 10 + i * 7 % 300;
    let title = format!("{agent} deports {count} {demonym} nationals");
    let date = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
    let body = format!(
        "{adj} police raided a compound in {place} on Monday and detained {} people, officials said.\n\
         {agent} deported {count} {demonym} nationals to {home} on Friday.\n\
         The deportation of the {count} {demonym} nationals took place at the {place} checkpoint.\n\
         {home} and {agent} agreed to cooperate on the investigation.\n",
        count * 2
    );
    (title, date, body)
}

/// A running server, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Server {
    pub fn start(store: &std::path::Path, extra: &[&str]) -> Server {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsgraph"))
            .args([
                "--store",
                store.to_str().unwrap(),
                "serve",
                "--bind",
                "127.0.0.1:0",
            ])
            .args(extra)
            .env_remove("NEWSGRAPH_STORE")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        // "newsgraph serving http://127.0.0.1:PORT/ (…)"
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, base }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
