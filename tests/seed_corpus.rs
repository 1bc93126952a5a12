//! The demo corpus: boilerplate yields nothing, repeated paragraphs yield no duplicates.

mod common;
use common::*;
use serde_json::Value;

fn extraction(file: &str) -> Value {
    let out = stdout_of(
        bin()
            .args(["extract", "--format", "json"])
            .arg(articles().join(file)),
    );
    serde_json::from_str(out.lines().next().unwrap()).unwrap()
}

#[test]
fn reader_comments_and_reward_widgets_yield_no_entity() {
    let d = extraction("001_46fac9c3ab20f065.txt");
    let raw = std::fs::read_to_string(articles().join("001_46fac9c3ab20f065.txt")).unwrap();
    assert!(
        raw.contains("Avatar of Habibi"),
        "the seed still has its comment block"
    );
    for e in d["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let text = m["text"].as_str().unwrap();
            for user in [
                "Habibi",
                "ZmeeLove",
                "Muchacho",
                "Coccinella",
                "Africa",
                "Loubianka",
                "Twei",
            ] {
                assert_ne!(text, user, "a commenter's name became an entity");
            }
        }
    }
    // Nothing after the article body: the last mention ends before the widget.
    let widget = raw.find("Read-to-Earn").unwrap();
    let cleaned_len: u64 = d["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            e["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["end"].as_u64().unwrap())
        })
        .max()
        .unwrap();
    assert!((cleaned_len as usize) < widget);
}

#[test]
fn a_repeated_half_yields_no_duplicate_event() {
    let d = extraction("003_e1da0c105cbf5581.txt");
    let events = d["events"].as_array().unwrap();
    let count = |t: &str| events.iter().filter(|e| e["type"] == t).count();
    assert_eq!(count("Deportation"), 1, "{events:#?}");
    assert_eq!(count("Meeting"), 1);
    let dep = events.iter().find(|e| e["type"] == "Deportation").unwrap();
    assert_eq!(dep["patient"]["count"], 93);
    assert_eq!(dep["agent"], "Cambodia");
}

#[test]
fn entities_carry_wikidata_links() {
    let d = extraction("002_cbcad29205d74a20.txt");
    let cambodia = d["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Cambodia")
        .unwrap();
    assert_eq!(cambodia["wikidata"], "Q424");
    assert_eq!(cambodia["id"], "state/cambodia");
}
