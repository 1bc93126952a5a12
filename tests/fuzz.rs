//! Fuzzing with proptest: generated articles — arbitrary Unicode, and soups of the very things
//! the extractor keys on (numbers, demonyms, titles, quotes, dates, abbreviations, boilerplate,
//! HTML and front matter) — go through every input format, cleaning, extraction, the RDF and
//! the JSON output. Nothing may panic, and every offset must point into the text on character
//! boundaries. A failure prints the shrunk, smallest failing article.
//!
//! Runs for `NEWSGRAPH_FUZZ_SECONDS` (default 10); `.ci/run` gives it longer.

use newsgraph::ingest::{self, formats};
use newsgraph::model::{Extraction, Span};
use newsgraph::{extract, graph, output, Knowledge};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::path::Path;
use std::time::{Duration, Instant};

const PIECES: &[&str] = &[
    "Cambodia",
    "Cambodian",
    "Thai",
    "Thais",
    "South Koreans",
    "Taiwanese",
    "Laos",
    "119",
    "1,000",
    "3.5",
    "sixty-one",
    "One hundred",
    "at least",
    "more than",
    "about",
    "hundreds of",
    "nationals",
    "men and",
    "women",
    "citizens",
    "deported",
    "were deported",
    "arrested",
    "detained",
    "raided",
    "handed over",
    "repatriated",
    "met",
    "visited",
    "ordered",
    "Pol Gen",
    "Lt.",
    "Gen.",
    "U.S.",
    "No.",
    "S.",
    "Mr",
    "spokesman",
    "Interior Minister",
    "Prime Minister",
    "Hun Manet",
    "Manet",
    "Poipet",
    "Sa Kaeo",
    "province",
    "the border town of",
    "checkpoint",
    "Ministry of",
    "Police",
    "Immigration Bureau",
    "(UNODC)",
    "(",
    ")",
    "said",
    "on",
    "in",
    "from",
    "to",
    "by",
    "and",
    "the",
    "they",
    "it",
    "who",
    "was",
    "March 1",
    "2025-03-01",
    "Feb. 3",
    "mid-March",
    "yesterday",
    "last week",
    "Monday",
    "in 2024",
    "BANGKOK, March 1 —",
    "\"",
    "\u{201c}",
    "\u{201d}",
    "\u{2019}s",
    "'",
    "'s",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "\u{2026}",
    "\u{2014}",
    "-",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\r\n",
    "Share this",
    "Read more",
    "Photo: AFP",
    "3 comments",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "é",
    "\u{4e2d}\u{6587}",
    "\u{0e44}\u{0e17}\u{0e22}",
    "<p>",
    "</p>",
    "<script>x()</script>",
    "<div><div><div>",
    "&amp;",
    "&#x0;",
    "---",
    "title: [1, 2]",
    "date: not-a-date",
    "Date: 2025-13-45",
];

/// An article: pieces of the extractor's vocabulary, capitalised words and arbitrary strings,
/// glued with or without spaces.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        2 => "[A-Z][a-z]{1,9}",
        1 => any::<String>(),
        1 => "[0-9]{1,15}",
    ];
    (prop::collection::vec(piece, 0..160), any::<bool>())
        .prop_map(|(pieces, spaced)| pieces.join(if spaced { " " } else { "" }))
}

fn within(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn check(x: &Extraction) -> Result<(), TestCaseError> {
    let text = &x.document.text;
    for s in &x.sentences {
        prop_assert!(within(text, s.span), "sentence span {:?}", s.span);
        for t in &s.tokens {
            prop_assert!(within(text, t.span), "token span {:?}", t.span);
            prop_assert_eq!(&text[t.span.start..t.span.end], t.text.as_str());
        }
    }
    for e in &x.entities {
        for m in &e.mentions {
            prop_assert!(within(text, m.span), "mention span {:?}", m.span);
            prop_assert!(m.sentence < x.sentences.len());
        }
    }
    for e in &x.events {
        for &s in &e.evidence {
            prop_assert!(s < x.sentences.len(), "evidence sentence {s}");
        }
    }
    Ok(())
}

fn run_through_everything(k: &Knowledge, body: &str) -> Result<(), TestCaseError> {
    let jsonl = serde_json::json!({"id": "fuzz", "title": "T", "text": body}).to_string();
    let raws = [
        formats::parse_text(Path::new("fuzz.md"), body),
        formats::parse_text(Path::new("fuzz.txt"), &format!("---\n{body}\n---\n{body}")),
        formats::parse_html(Path::new("fuzz.html"), body),
        formats::parse_jsonl_line(Path::new("fuzz.jsonl"), 1, &jsonl),
    ];
    for raw in raws.into_iter().flatten() {
        let Ok(doc) = ingest::finish(raw, k) else {
            continue;
        };
        let x = extract::extract(doc, k);
        check(&x)?;
        prop_assert!(!graph::to_quads(&x).is_empty());
        serde_json::to_string(&output::extraction_json(&x)).expect("JSON of an extraction");
    }
    Ok(())
}

#[test]
fn extraction_survives_generated_articles() {
    let seconds: u64 = std::env::var("NEWSGRAPH_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let k = Knowledge::embedded();
    let config = Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    };
    let mut rounds: u64 = 0;
    while rounds == 0 || Instant::now() < deadline {
        // A runner counts its successes, so each round gets a fresh one; seeded by the round
        // number, so that a failure reproduces.
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&rounds.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
        let mut runner = TestRunner::new_with_rng(config.clone(), rng);
        if let Err(e) = runner.run(&article(), |body| run_through_everything(k, &body)) {
            panic!("round {rounds}: {e}");
        }
        rounds += 1;
    }
    eprintln!("fuzz: {} generated articles, no failure", rounds * 64);
}
