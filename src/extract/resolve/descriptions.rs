//! Definite descriptions: "the prime minister", "the kingdom", "the spokesman" refer to the
//! most recent entity before them that fits — by the lexicon's anaphora (type, ISO long name,
//! gazetteer class) or by a title the person was given.

use super::Resolved;
use crate::extract::tokens::Lowered;
use crate::knowledge::Knowledge;
use crate::model::{Entity, EntityType, Sentence, Span};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// "the prime minister", "the kingdom": the most recent entity that fits.
pub(super) fn resolve_descriptions(
    sentences: &[Sentence],
    lowered: &[Lowered],
    entities: &[Entity],
    titles: &FxHashMap<usize, BTreeSet<String>>,
    k: &Knowledge,
    out: &mut Vec<Resolved>,
) {
    let lex = &k.lexicon;
    let mut added = Vec::new();
    // The mentions each description can refer to, made on first use: which mentions qualify
    // depends on the description alone, where it stands only on which of them comes last.
    let mut by_anaphor: Vec<Option<Vec<(usize, usize)>>> = vec![None; lex.anaphora.len()];
    let mut by_role: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    for (s, low) in sentences.iter().zip(lowered) {
        for i in 0..low.len() {
            if low.get(i) != "the" {
                continue;
            }
            let here = s.tokens[i].span.start;
            // Definite descriptions from the lexicon.
            if let Some((ai, an)) = lex
                .anaphora
                .iter()
                .enumerate()
                .find(|(_, a)| low.matches_at(i, &a.phrase))
            {
                let p = &an.phrase;
                let referents = by_anaphor[ai].get_or_insert_with(|| {
                    in_text_order(out, |m| {
                        let entity = &entities[m.entity];
                        if entity.kind != an.kind {
                            return false;
                        }
                        let entry = k.gazetteer.by_name(&entity.name);
                        an.long_name.as_ref().is_none_or(|r| {
                            entry
                                .and_then(|e| e.long_name.as_ref())
                                .is_some_and(|l| l.contains(r.as_str()))
                        }) && an.class.as_ref().is_none_or(|c| {
                            entry.is_some_and(|e| e.class == *c)
                                || entity
                                    .aliases
                                    .iter()
                                    .any(|a| a.to_lowercase().ends_with(c.as_str()))
                        })
                    })
                });
                if let Some(c) = last_before(referents, here) {
                    added.push(description(s, i, i + p.len(), out[c].entity));
                }
                continue;
            }
            // "the prime minister", "the spokesman" — not "the minister of …" (a new name).
            if let Some(n) = low.longest_at(i + 1, &lex.person_roles) {
                let end = i + 1 + n;
                if low.get(end) == "of"
                    || s.tokens
                        .get(end)
                        .is_some_and(crate::model::Token::is_capitalised_word)
                {
                    continue;
                }
                let role = low.words[i + 1..end].join(" ");
                let referents = by_role.entry(role).or_insert_with_key(|role| {
                    in_text_order(out, |m| {
                        entities[m.entity].kind == EntityType::Person
                            && titles
                                .get(&m.entity)
                                .is_some_and(|ts| ts.iter().any(|t| t.ends_with(role.as_str())))
                    })
                });
                if let Some(c) = last_before(referents, here) {
                    added.push(description(s, i, end, out[c].entity));
                }
            }
        }
    }
    out.extend(added);
}

/// The mention of `entity` by the description on tokens `[start, end)` of `s`.
fn description(s: &Sentence, start: usize, end: usize, entity: usize) -> Resolved {
    Resolved {
        sentence: s.index,
        tokens: (start, end),
        span: Span::new(s.tokens[start].span.start, s.tokens[end - 1].span.end),
        entity,
        demonym: false,
        acting: false,
    }
}

/// The mentions of `out` that satisfy `qualifies`: (start, index in `out`), in text order and,
/// at one start, in the order of `out`.
fn in_text_order(out: &[Resolved], qualifies: impl Fn(&Resolved) -> bool) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .filter(|(_, m)| qualifies(m))
        .map(|(i, m)| (m.span.start, i))
        .collect();
    found.sort_unstable();
    found
}

/// Of `referents` (from [`in_text_order`]), the index in `out` of the one that starts last
/// before `here` (the last of `out` among those starting there).
fn last_before(referents: &[(usize, usize)], here: usize) -> Option<usize> {
    let before = referents.partition_point(|&(start, _)| start < here);
    before.checked_sub(1).map(|last| referents[last].1)
}
