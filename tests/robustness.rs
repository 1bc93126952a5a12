//! Extraction never panics and stays deterministic on mangled input: slices of the demo
//! articles cut at arbitrary character boundaries, with odd characters spliced in.

use newsgraph::ingest::{clean::clean, RawArticle};
use newsgraph::{extract, Knowledge};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const ODD: [&str; 14] = [
    "\u{0}",
    "\u{200b}",
    "\u{2014}",
    "(",
    ")",
    "\"",
    "’s",
    "1,000",
    " and ",
    "\n\n",
    "U.S.",
    "...",
    "—",
    "\u{1F600}",
];

#[test]
fn mangled_articles_never_panic_and_extract_deterministically() {
    let k = Knowledge::embedded();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..300 {
        let base = &texts[round % texts.len()];
        let chars: Vec<char> = base.chars().collect();
        let a = rng.below(chars.len());
        let b = (a + rng.below(1500)).min(chars.len());
        let mut s: String = chars[a..b].iter().collect();
        for _ in 0..rng.below(6) {
            let at = s
                .char_indices()
                .map(|c| c.0)
                .nth(rng.below(s.chars().count().max(1)))
                .unwrap_or(0);
            s.insert_str(at, ODD[rng.below(ODD.len())]);
        }
        let raw = RawArticle {
            id: format!("case{round}.txt"),
            path: format!("case{round}.txt"),
            body: s,
            ..Default::default()
        };
        let once = extract::extract(clean(raw.clone(), k).unwrap(), k);
        let twice = extract::extract(clean(raw, k).unwrap(), k);
        assert_eq!(
            serde_json::to_string(&newsgraph::output::extraction_json(&once)).unwrap(),
            serde_json::to_string(&newsgraph::output::extraction_json(&twice)).unwrap()
        );
        for e in &once.entities {
            for m in &e.mentions {
                assert_eq!(once.document.slice(m.span), m.text);
            }
        }
    }
}
