//! The names of the store's entities, below the commands that look them up: `ask` matches a
//! question's words against them, and `export`, `rank` and `path` find the entity a `--focus`
//! or endpoint names, with suggestions of the closest names when none matches.

use crate::error::{Error, Result};
use crate::graph::vocab::TERMS;
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use oxigraph::store::Store;
use std::collections::BTreeMap;

/// An entity of the store that a question can name.
#[derive(Debug, Clone)]
pub struct Known {
    pub iri: String,
    pub label: String,
    pub kind: String,
}

/// Every named entity of the store with its labels and aliases, sorted by IRI and label.
///
/// Read straight from the store's indexes rather than through SPARQL: over the union of
/// thousands of document graphs, a join of types with labels meets each entity once per pair
/// of documents that mention it, and a large store would take seconds.
pub fn known_entities(store: &Store) -> Result<Vec<Known>> {
    let err = |e: oxigraph::store::StorageError| Error::Query(e.to_string());
    let mut kinds: BTreeMap<String, &'static str> = BTreeMap::new();
    for kind in ["Person", "State", "Organisation", "Place"] {
        let class = NamedNode::new_unchecked(crate::graph::vocab::ng(kind));
        for q in store.quads_for_pattern(None, Some(rdf::TYPE), Some(class.as_ref().into()), None) {
            if let NamedOrBlankNode::NamedNode(n) = q.map_err(err)?.subject {
                kinds.insert(n.into_string(), kind);
            }
        }
    }
    let mut out = std::collections::BTreeSet::new();
    for predicate in [rdfs::LABEL, TERMS.alt_label.as_ref()] {
        for q in store.quads_for_pattern(None, Some(predicate), None, None) {
            let q = q.map_err(err)?;
            let (NamedOrBlankNode::NamedNode(n), Term::Literal(l)) = (q.subject, q.object) else {
                continue;
            };
            if let Some(kind) = kinds.get(n.as_str()) {
                out.insert((n.into_string(), l.value().to_string(), *kind));
            }
        }
    }
    Ok(as_known(out))
}

/// (IRI, label, class) triples, sorted, as the entities a question is matched against.
pub(crate) fn as_known(rows: std::collections::BTreeSet<(String, String, &str)>) -> Vec<Known> {
    rows.into_iter()
        .map(|(iri, label, kind)| Known {
            iri,
            label,
            kind: kind.to_string(),
        })
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known names closest to an unknown one.
pub fn suggestions(name: &str, known: &[Known]) -> Vec<String> {
    let l = name.to_lowercase();
    let mut scored: Vec<(usize, String)> = known
        .iter()
        .map(|k| {
            let kl = k.label.to_lowercase();
            let d = levenshtein(&l, &kl).min(
                kl.split_whitespace()
                    .map(|w| levenshtein(&l, w) + 1)
                    .min()
                    .unwrap_or(usize::MAX),
            );
            (d, k.label.clone())
        })
        .filter(|(d, _)| *d <= l.chars().count().max(3) / 2 + 1)
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|s| s.1).collect()
}
