//! The learned pass: names the recogniser (`crate::recognise`) finds where no list or context
//! cue claimed a token. The lists and cues know better where they speak (a state rather than a
//! place, a known alias, a title's extent); the recogniser finds the names no list holds.

use super::{make, surface, RawMention};
use crate::knowledge::Knowledge;
use crate::model::{Document, EntityType, Sentence};
use crate::recognise::{NameKind, NameSpan};

pub(super) fn learned_pass(
    doc: &Document,
    s: &Sentence,
    names: &[NameSpan],
    known: &[RawMention],
    covered: &[Option<usize>],
    k: &Knowledge,
) -> Vec<RawMention> {
    names
        .iter()
        .filter(|n| (n.start..n.end).all(|i| covered[i].is_none()))
        .filter(|n| !is_piece(n, covered, known) && !is_head_alone(s, n, k))
        .filter(|n| !super::before_currency(&doc.text[s.tokens[n.end - 1].span.end..]))
        .filter_map(|n| {
            let kind = match n.kind {
                NameKind::Person => EntityType::Person,
                NameKind::Organisation => EntityType::Organisation,
                NameKind::Location => EntityType::Place,
                NameKind::Other => return None,
            };
            let name = surface(doc, s, n.start, n.end);
            Some(make(doc, s, n.start, n.end, kind, name))
        })
        .collect()
}

/// A lone word that heads names rather than being one: "Ministry", "Minister", "Province".
fn is_head_alone(s: &Sentence, n: &NameSpan, k: &Knowledge) -> bool {
    let lex = &k.lexicon;
    let word = s.lower[n.start].as_str();
    n.end - n.start == 1
        && (lex.organisation_heads.contains(word)
            || lex.person_titles.starting_with(word).next().is_some()
            || lex.place_heads.ending_with(word).next().is_some()
            || lex.facility_heads.ending_with(word).next().is_some())
}

/// A name that runs straight into a name a list or cue found (no word or sign between) is a
/// piece of that name cut differently — "Makers" after "Operation Storm", "International"
/// before "Border Gate" — unless that name is a nationality ("Indonesian Andi Wijaya").
fn is_piece(n: &NameSpan, covered: &[Option<usize>], known: &[RawMention]) -> bool {
    let named = |i: Option<usize>| {
        i.and_then(|i| covered.get(i).copied().flatten())
            .is_some_and(|m| !known[m].demonym)
    };
    named(n.start.checked_sub(1)) || named(Some(n.end))
}

/// A context cue's name that the recogniser reads better: one of its names holds the cue's and
/// more ("Online Fraud Suppression Bureau" for "Fraud Suppression Bureau"), or the cue's run
/// joins two of its names of different kinds ("Joel Naroff of First Union") or with "and" or a
/// comma ("Ltd and Jade River Finance") — unless the lexicon says a body's name goes on after
/// "and" that way ("… Bank and Trust Co"). A person
/// the cue found by a title keeps the cue's reading.
pub(super) fn reads_better(
    m: &RawMention,
    s: &Sentence,
    names: &[NameSpan],
    covered: &[Option<usize>],
    k: &Knowledge,
) -> bool {
    if m.title.is_some() || m.entry.is_some() {
        return false;
    }
    let (a, b) = m.tokens;
    // Only names the learned pass may add count: none over a token a list claimed.
    let mut inside = names.iter().filter(|n| {
        n.kind != NameKind::Other
            && n.start < b
            && a < n.end
            && (n.start..n.end).all(|i| covered[i].is_none())
    });
    let holding = inside
        .clone()
        .any(|n| n.start <= a && b <= n.end && (n.start, n.end) != (a, b));
    let joins = |first: &NameSpan, second: &NameSpan| {
        let lex = &k.lexicon;
        first.kind != second.kind
            || s.lower[first.end..second.start]
                .iter()
                .any(|w| w == "and" || w == ",")
                && !lex.name_continuations.contains(&s.lower[second.start])
    };
    let joined = match (inside.next(), inside.next()) {
        (Some(first), Some(second)) => joins(first, second),
        _ => false,
    };
    holding || joined
}
