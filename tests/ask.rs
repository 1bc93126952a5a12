//! `ask`: every question form on articles written for these tests, the seed store's
//! deportations, and questions that try to change the query.

mod common;
use common::*;
use serde_json::Value;

fn fixtures() -> std::path::PathBuf {
    repo().join("tests/fixtures/ask")
}

fn ask_json(q: &str) -> Vec<Value> {
    let out = stdout_of(
        bin()
            .args(["ask", "--format", "json", "--from"])
            .arg(fixtures())
            .arg(q),
    );
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn ask_text(q: &str) -> String {
    stdout_of(bin().args(["ask", "--from"]).arg(fixtures()).arg(q))
}

/// (agent, patient nationality or name, count) of each answer.
fn summary(answers: &[Value]) -> Vec<(String, String, u64)> {
    answers
        .iter()
        .map(|a| {
            let patient = match &a["patient"] {
                Value::String(s) => s.clone(),
                Value::Object(o) => o
                    .get("nationality")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                _ => String::new(),
            };
            (
                a["agent"].as_str().unwrap_or("").to_string(),
                patient,
                a["count"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn who_deported_whom_lists_every_deportation_with_evidence() {
    let a = ask_json("Who deported whom?");
    assert_eq!(
        summary(&a),
        [
            ("Cambodia".into(), "Thailand".into(), 48),
            ("Laos".into(), "Vietnam".into(), 64)
        ]
    );
    for answer in &a {
        let ev = answer["evidence"].as_array().unwrap();
        assert!(!ev.is_empty());
        assert!(ev[0]["doc"].as_str().unwrap().ends_with(".txt"));
        assert!(ev[0]["end"].as_u64() > ev[0]["start"].as_u64());
    }
}

#[test]
fn synonyms_of_the_verb_find_the_same_events() {
    for q in [
        "Who expelled whom?",
        "Who kicked out whom?",
        "who DEPORTED whom",
    ] {
        assert_eq!(ask_json(q).len(), 2, "{q}");
    }
}

#[test]
fn agent_patient_and_nationality_questions() {
    assert_eq!(
        summary(&ask_json("Who did Laos deport?")),
        [("Laos".into(), "Vietnam".into(), 64)]
    );
    assert_eq!(
        summary(&ask_json("Whom did Thailand repatriate?")),
        [("Thailand".into(), "Thailand".into(), 35)]
    );
    assert_eq!(
        summary(&ask_json("Who deported Vietnamese nationals?")),
        [("Laos".into(), "Vietnam".into(), 64)]
    );
    assert_eq!(
        summary(&ask_json("Who was deported from Cambodia?")),
        [("Cambodia".into(), "Thailand".into(), 48)]
    );
    assert_eq!(
        summary(&ask_json("Who deported the Thais?")),
        [("Cambodia".into(), "Thailand".into(), 48)]
    );
}

#[test]
fn how_many_sums_distinct_events() {
    let t = ask_text("How many Thai nationals were deported?");
    assert!(t.contains("total: 48 (over 1 distinct events)"), "{t}");
    let t = ask_text("How many people did Laos arrest?");
    assert!(t.contains("total: 210"), "{t}");
}

#[test]
fn where_and_when() {
    let a = ask_json("Where did the raids take place?");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["place"], "Bokeo");
    let a = ask_json("When did Cambodia deport the Thais?");
    assert_eq!(a[0]["date"], "2025-05-18");
}

#[test]
fn a_date_in_the_question_keeps_the_events_of_that_date() {
    type Row<'a> = (&'a str, &'a str, u64);
    let cases: [(&str, &[Row]); 3] = [
        (
            "Who deported whom on Sunday?",
            &[("Cambodia", "Thailand", 48)],
        ),
        (
            "Who deported whom in April 2025?",
            &[("Laos", "Vietnam", 64)],
        ),
        ("Who deported whom in 2024?", &[]),
    ];
    for (q, expected) in cases {
        let expected: Vec<(String, String, u64)> = expected
            .iter()
            .map(|(a, p, n)| (a.to_string(), p.to_string(), *n))
            .collect();
        assert_eq!(summary(&ask_json(q)), expected, "{q}");
    }
    let note = "note: only events on a Sunday, or with no date, are shown";
    assert!(ask_text("Who deported whom on Sunday?").contains(note));
}

#[test]
fn the_object_s_other_words_narrow_the_answers_when_some_evidence_has_them() {
    let narrowed = ask_text("Who detained people in the scam compounds?");
    let note = "note: only answers whose evidence mentions \"compounds\"";
    let only_laos = narrowed.contains("Laos: Arrest") && !narrowed.contains("Cambodia: Arrest");
    assert!(narrowed.contains(note) && only_laos, "{narrowed}");
    // No evidence says "casinos": the articles would have said it otherwise.
    let t = ask_text("Who detained people at the casinos?");
    assert!(
        !t.contains("note:") && t.contains("Cambodia: Arrest"),
        "{t}"
    );
}

#[test]
fn visits_meetings_cooperation_and_orders() {
    assert_eq!(
        ask_json("Who visited Mae Sot?")[0]["agent"],
        "Paetongtarn Shinawatra"
    );
    let met = ask_json("Who met Pham Minh Chinh?");
    assert_eq!(met.len(), 1);
    assert_eq!(met[0]["agent"], "Sonexay Siphandone");
    let coop = ask_json("Who does Laos cooperate with?");
    assert_eq!(coop[0]["agent"], "Vietnam");
    assert_eq!(
        ask_json("Who ordered the crackdown?")[0]["agent"],
        "Sonexay Siphandone"
    );
}

#[test]
fn what_happened_and_what_we_know() {
    let a = ask_json("What happened in Poipet?");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["type"], "Arrest");
    let a = ask_json("What do we know about Sonexay Siphandone?");
    let types: Vec<&str> = a.iter().map(|x| x["type"].as_str().unwrap()).collect();
    assert!(
        types.contains(&"Directive") && types.contains(&"Meeting"),
        "{types:?}"
    );
}

#[test]
fn connections_go_through_events_with_evidence() {
    let t = ask_text("How is Sonexay Siphandone connected to Pham Minh Chinh?");
    assert!(
        t.starts_with("Sonexay Siphandone --agent--> Meeting"),
        "{t}"
    );
    assert!(t.contains("--partner--> Pham Minh Chinh"), "{t}");
    assert!(t.contains("[laos.txt "), "{t}");
}

#[test]
fn unknown_names_and_forms_get_help() {
    let out = bin()
        .args(["ask", "--from"])
        .arg(fixtures())
        .arg("Who visited Bokoe?")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no entity named \"Bokoe\"; did you mean Bokeo"),
        "{err}"
    );
    let out = bin()
        .args(["ask", "--from"])
        .arg(fixtures())
        .arg("Summarise the news")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the closest is") && err.contains("Who deported whom?"),
        "{err}"
    );
}

#[test]
fn sparql_is_shown_and_names_never_enter_it() {
    let t = ask_text("Who did Laos deport?");
    assert!(!t.contains("SELECT"));
    let out = stdout_of(
        bin()
            .args(["ask", "--sparql", "--from"])
            .arg(fixtures())
            .arg("Who did Laos deport?"),
    );
    assert!(out.contains("SELECT DISTINCT ?event"));
    assert!(out.contains("<https://w3id.org/newsgraph/id/state/laos>"));
    assert!(!out.contains("\"Laos\""));
}

#[test]
fn a_question_cannot_change_the_query_or_the_store() {
    let (_dir, store) = built_store();
    let s = store.to_str().unwrap();
    let before = triples(&store);
    for q in [
        "Who deported \"} DROP ALL {\"?",
        "Who deported whom? } ; DELETE WHERE { ?s ?p ?o }",
        "Who visited 'Poipet' UNION { ?x ?y ?z }?",
    ] {
        let out = bin().args(["--store", s, "ask", q]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
    }
    let out = bin()
        .args(["--store", s, "ask", "Who deported \"} DROP ALL {\"?"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no entity named"));
    assert_eq!(triples(&store), before);
}

#[test]
fn the_seed_store_has_exactly_three_deportations_by_cambodia() {
    let (_dir, store) = built_store();
    let out = stdout_of(bin().args([
        "--store",
        store.to_str().unwrap(),
        "ask",
        "--format",
        "json",
        "Who deported whom?",
    ]));
    let a: Vec<Value> = serde_json::from_str(&out).unwrap();
    let mut got = summary(&a);
    got.sort();
    assert_eq!(
        got,
        [
            ("Cambodia".into(), "South Korea".into(), 59),
            ("Cambodia".into(), "Thailand".into(), 93),
            ("Cambodia".into(), "Thailand".into(), 119),
        ]
    );
    let thai119 = a.iter().find(|x| x["count"] == 119).unwrap();
    let docs: std::collections::BTreeSet<&str> = thai119["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs.len(), 2, "two source articles");
}

#[test]
fn a_name_no_entity_has_is_looked_for_in_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("ktv.txt");
    std::fs::write(
        &article,
        "Bangkok orders venues shut\nDate: 2025-05-02\n\nBANGKOK — Interior Minister Anan Sirichai on Friday ordered all KTV parlours in the capital to close by June. \
         Separately, Prime Minister Somsak Thepsuthin ordered police to raid casinos in Sa Kaeo.\n",
    )
    .unwrap();
    let ask = |q: &str| {
        bin()
            .args(["ask", "--from"])
            .arg(&article)
            .arg(q)
            .output()
            .unwrap()
    };
    let out = ask("Who ordered KTV parlours to close?");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("note: no entity is named \"KTV\""), "{text}");
    assert!(text.contains("Anan Sirichai: Directive"), "{text}");
    assert!(!text.contains("Somsak Thepsuthin"), "{text}");
    // A word that no matching event's evidence mentions is still an error.
    let out = ask("Who ordered Zorglubs to close?");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no entity named \"Zorglubs\""), "{err}");
}
