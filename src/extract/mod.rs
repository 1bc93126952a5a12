//! Extract: a cleaned document → entities, groups, dates and events.
//!
//! The stages run in order over the sentences of one document:
//! `mentions` (gazetteer and context cues) → `resolve` (coreference: one entity per
//! real-world referent) → `groups` (quantified sets of people) → `dates` → `events`
//! (triggers and roles from `data/events.toml`, merged within the document).
//! Extract knows nothing of RDF or the store.

pub mod dates;
pub mod events;
pub mod groups;
pub mod mentions;
pub mod resolve;
pub mod tokens;

use crate::knowledge::Knowledge;
use crate::model::{Document, Entity, EntityType, Event, Extraction, Mention};

/// Runs the whole extraction on one document. Deterministic: the same document and knowledge
/// give the same extraction.
pub fn extract(document: Document, knowledge: &Knowledge) -> Extraction {
    let sentences = crate::text::sentences(&document, &knowledge.lexicon);
    // Each sentence's lower-case forms as string slices, made once for every stage.
    let lowered = tokens::lowered(&sentences);
    let raw = mentions::find(&document, &sentences, &lowered, knowledge);
    let resolved = resolve::resolve(&document, &sentences, &lowered, raw, knowledge);
    let groups = groups::find(&sentences, &lowered, &resolved, knowledge);
    let dates = dates::find(&document, &sentences);
    let events = events::find(
        &document, &sentences, &lowered, &resolved, &groups, &dates, knowledge,
    );
    drop(lowered);
    let mut entities = resolved.entities;
    add_implied_states(&mut entities, &events, knowledge);
    // Entities stay in the order of their first mention.
    entities.sort_by_key(|e| e.mentions.first().map(|m| (m.span.start, m.span.end)));
    Extraction {
        document,
        sentences,
        entities,
        groups: groups.into_iter().map(|g| g.group).collect(),
        events,
    }
}

/// The items of each of `sentences` sentences, by the sentence `sentence_of` gives each, in
/// their order; an item of no such sentence is left out.
pub(crate) fn per_sentence<T>(
    items: &[T],
    sentences: usize,
    sentence_of: impl Fn(&T) -> usize,
) -> Vec<Vec<&T>> {
    let mut per: Vec<Vec<&T>> = (0..sentences).map(|_| Vec::new()).collect();
    for item in items {
        if let Some(list) = per.get_mut(sentence_of(item)) {
            list.push(item);
        }
    }
    per
}

/// "Thai police arrested 12 people": an event's agent or partner may be a state the text names
/// only through one of its bodies, places or people. Such a state becomes an entity too,
/// mentioned where they are mentioned in the event's sentences, so that every key an event
/// uses names an entity of the document.
fn add_implied_states(entities: &mut Vec<Entity>, events: &[Event], k: &Knowledge) {
    for e in events {
        for key in [&e.agent, &e.partner].into_iter().flatten() {
            if !key.starts_with("state/") || entities.iter().any(|x| &x.key == key) {
                continue;
            }
            let Some(entry) = k.gazetteer.entries.iter().find(|g| {
                g.kind == EntityType::State
                    && resolve::key_for(EntityType::State, &g.name, None, false) == *key
            }) else {
                continue;
            };
            let mut mentions: Vec<Mention> = entities
                .iter()
                .filter(|x| x.country.as_ref() == Some(key))
                .flat_map(|x| &x.mentions)
                .filter(|m| e.evidence.contains(&m.sentence))
                .cloned()
                .collect();
            if mentions.is_empty() {
                continue;
            }
            mentions.sort_by_key(|m| (m.span.start, m.span.end));
            entities.push(Entity {
                key: key.clone(),
                kind: EntityType::State,
                name: entry.name.clone(),
                aliases: Default::default(),
                wikidata: entry.wikidata.clone(),
                country: None,
                within: None,
                mentions,
            });
        }
    }
}

/// A lowercase, URL- and IRI-safe slug of a name: "Hun Manet" → "hun-manet".
pub fn slug(name: &str) -> String {
    // At most the name's length in all but odd scripts: one allocation.
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ô' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            // Keep other scripts, percent-free: IRIs allow Unicode letters.
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Hun Manet"), "hun-manet");
        assert_eq!(slug("Parañaque"), "paranaque");
        assert_eq!(slug("O'Smach"), "o-smach");
        assert_eq!(
            slug("Ministry of Foreign Affairs (Thai)"),
            "ministry-of-foreign-affairs-thai"
        );
    }
}
