//! Snapshots of the outputs a user reads, on an article written for the tests: a change in
//! any of them shows up as a reviewed diff (`cargo insta review`).

mod common;
use common::*;

fn article() -> std::path::PathBuf {
    repo().join("tests/fixtures/ask/laos.txt")
}

#[test]
fn extraction_json() {
    let out = stdout_of(bin().args(["extract", "--format", "json"]).arg(article()));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    insta::assert_json_snapshot!("laos_extraction", v);
}

#[test]
fn extraction_turtle() {
    let out = stdout_of(bin().args(["extract", "--format", "turtle"]).arg(article()));
    // The content hash covers the data files too: it changes with any of them, so it is
    // checked for shape, not value.
    let hash = regex::Regex::new(r#"ng:contentHash "[0-9a-f]{64}""#).unwrap();
    assert!(hash.is_match(&out), "no content hash in {out}");
    let out = hash.replace_all(&out, r#"ng:contentHash "[sha-256]""#);
    insta::assert_snapshot!("laos_turtle", out);
}

#[test]
fn answers_text() {
    let out = stdout_of(
        bin()
            .args(["ask", "--from"])
            .arg(article())
            .arg("Who deported whom?"),
    );
    insta::assert_snapshot!("laos_who_deported_whom", out);
}
