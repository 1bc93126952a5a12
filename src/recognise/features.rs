//! What the recogniser knows of each token: its forms, shape and affixes (shared with the
//! syntax models), its name-structure classes, whether a gazetteer surface covers it, how the
//! document writes the same word elsewhere, and whether its sentence is in capitals.

use super::vocabulary::Vocabulary;
use crate::knowledge::{Knowledge, SurfaceKind};
use crate::learn::features::{WordFeatures, NONE};
use crate::learn::perceptron::Hasher;
use crate::model::{EntityType, Sentence};
use rustc_hash::FxHashMap;

/// One token's precomputed values.
#[derive(Debug, Clone, Copy)]
pub struct TokenFeatures {
    pub word: WordFeatures,
    /// Name-structure classes, as bits.
    pub classes: u32,
    /// The gazetteer's word on it: 0 none, else its kind and whether it opens the surface.
    pub gazetteer: u8,
    /// How the document writes this word where case says something (not at a sentence's start,
    /// not in a heading): 1 capitalised, 2 in small letters, 3 both, 0 never.
    pub elsewhere: u8,
    /// The word's class learned from plain text, 0 for none.
    pub cluster: u64,
    /// Has a capital letter: only such tokens (and those inside an open name) are scored.
    pub capital: bool,
}

impl TokenFeatures {
    /// A token far from any capital.
    const FAR: TokenFeatures = TokenFeatures {
        word: WordFeatures {
            lower: NONE,
            exact: NONE,
            shape: NONE,
            suffix: [NONE; 4],
            prefix: [NONE; 3],
        },
        classes: 0,
        gazetteer: 0,
        elsewhere: 0,
        cluster: 0,
        capital: false,
    };
}

/// The bits of [`casing`]'s values.
pub const CAPITALISED: u8 = 1;
pub const SMALL: u8 = 2;

/// How each lower-case word of a document is written where its case is informative.
pub fn casing(sentences: &[Sentence]) -> FxHashMap<&str, u8> {
    let mut seen: FxHashMap<&str, u8> = FxHashMap::default();
    for s in sentences.iter().filter(|s| !s.is_heading) {
        let capitals = s.tokens.iter().filter(|t| t.is_capitalised_word()).count();
        // A line in title case or capitals tells nothing of its words.
        if capitals * 2 > s.tokens.len() + 1 {
            continue;
        }
        for (t, lower) in s.tokens.iter().zip(&s.lower).skip(1) {
            if !t.is_word() {
                continue;
            }
            let bit = if t.is_capitalised() {
                CAPITALISED
            } else {
                SMALL
            };
            *seen.entry(lower.as_str()).or_default() |= bit;
        }
    }
    seen
}

/// How far from a token with a capital the features read: a token further away is never
/// scored, nor read as a neighbour (but for the rare name that runs on in small letters).
const REACH: usize = 3;

/// The values of one sentence's tokens. Only tokens near one with a capital are worked out in
/// full (most of a text is far from any name); the rest keep empty values.
pub fn prepare(
    text: &str,
    sentence: &Sentence,
    casing: &FxHashMap<&str, u8>,
    vocabulary: &Vocabulary,
    k: &Knowledge,
) -> Vec<TokenFeatures> {
    let capitals: Vec<bool> = sentence
        .tokens
        .iter()
        .map(|t| t.text.chars().any(char::is_uppercase))
        .collect();
    let mut near = vec![false; capitals.len()];
    for (i, _) in capitals.iter().enumerate().filter(|(_, &c)| c) {
        let end = (i + REACH + 1).min(near.len());
        near[i.saturating_sub(REACH)..end].fill(true);
    }
    let gazetteer = gazetteer_marks(text, sentence, k);
    sentence
        .tokens
        .iter()
        .zip(&sentence.lower)
        .zip(gazetteer)
        .zip(capitals.iter().zip(&near))
        .map(|(((t, lower), gazetteer), (&capital, &near))| {
            if !near {
                return TokenFeatures::FAR;
            }
            let word = WordFeatures::of(&t.text);
            TokenFeatures {
                classes: if capital {
                    k.names.classes_of(&t.text, lower, &k.lexicon)
                } else {
                    0
                },
                gazetteer,
                elsewhere: casing.get(lower.as_str()).copied().unwrap_or(0),
                cluster: u64::from(vocabulary.class(word.exact)),
                capital,
                word,
            }
        })
        .collect()
}

/// For each token, the longest gazetteer surface over it: its kind and whether the token
/// opens it.
fn gazetteer_marks(text: &str, s: &Sentence, k: &Knowledge) -> Vec<u8> {
    let mut marks = vec![0u8; s.tokens.len()];
    let mut i = 0;
    while i < s.tokens.len() {
        let t = &s.tokens[i];
        let found = t.is_capitalised_word().then(|| {
            let rest = &text[t.span.start..s.span.end.max(t.span.end)];
            k.gazetteer.longest_at(&t.text, rest)
        });
        let Some(Some((surface, len))) = found else {
            i += 1;
            continue;
        };
        let (entry, how) = {
            let s = &k.gazetteer.surfaces[surface].1;
            (&k.gazetteer.entries[s.entry], s.kind)
        };
        let kind = match (how, entry.kind) {
            (SurfaceKind::Demonym, _) => 1,
            (_, EntityType::State) => 2,
            (_, EntityType::Place) => 3,
            (_, EntityType::Person) => 4,
            (_, EntityType::Organisation) => 5,
        };
        let end = t.span.start + len;
        let mut j = i;
        while j < s.tokens.len() && s.tokens[j].span.end <= end {
            marks[j] = kind * 2 + u8::from(j == i);
            j += 1;
        }
        i = j.max(i + 1);
    }
    marks
}

/// The features of token `i`, given the tags chosen for the two tokens before it.
pub fn features(
    tokens: &[TokenFeatures],
    i: usize,
    heading: bool,
    previous: u64,
    before: u64,
    out: &mut Vec<u64>,
) {
    out.clear();
    let at = |k: isize| -> Option<&TokenFeatures> {
        let j = i as isize + k;
        (j >= 0).then(|| tokens.get(j as usize)).flatten()
    };
    let lower = |k: isize| at(k).map_or(NONE, |t| t.word.lower);
    let exact = |k: isize| at(k).map_or(NONE, |t| t.word.exact);
    let shape = |k: isize| at(k).map_or(NONE, |t| t.word.shape);
    let gazetteer = |k: isize| at(k).map_or(255, |t| u64::from(t.gazetteer));
    let cluster = |k: isize| at(k).map_or(NONE, |t| t.cluster);
    let t = &tokens[i];
    let w = &t.word;
    let f = |template: u64| Hasher::new(template);
    // In a heading, case tells little: the exact form stands in for the lower one.
    let heading = u64::from(heading);
    out.extend([
        f(0).finish(),
        f(1).with(w.exact).finish(),
        f(2).with(w.lower).finish(),
        f(3).with(w.shape).finish(),
        f(4).with(w.suffix[1]).finish(),
        f(5).with(w.suffix[2]).finish(),
        f(6).with(w.suffix[3]).finish(),
        f(7).with(w.prefix[0]).finish(),
        f(8).with(w.prefix[2]).finish(),
        f(9).with(previous).finish(),
        f(10).with(previous).with(before).finish(),
        f(11).with(previous).with(w.shape).finish(),
        f(12).with(previous).with(w.lower).finish(),
        f(13).with(exact(-1)).finish(),
        f(14).with(exact(1)).finish(),
        f(15).with(lower(-1)).finish(),
        f(16).with(lower(1)).finish(),
        f(17).with(lower(-2)).finish(),
        f(18).with(lower(2)).finish(),
        f(19).with(lower(-1)).with(w.lower).finish(),
        f(20).with(w.lower).with(lower(1)).finish(),
        f(21).with(shape(-1)).with(w.shape).with(shape(1)).finish(),
        f(22).with(u64::from(i == 0)).with(w.shape).finish(),
        f(23).with(heading).with(w.lower).finish(),
        f(24).with(heading).with(u64::from(t.elsewhere)).finish(),
        f(25).with(u64::from(t.elsewhere)).with(w.shape).finish(),
        f(26).with(gazetteer(0)).finish(),
        f(27).with(gazetteer(0)).with(previous).finish(),
        f(28).with(gazetteer(-1)).finish(),
        f(29).with(gazetteer(1)).finish(),
        f(30).with(previous).with(lower(1)).finish(),
        f(31).with(shape(1)).with(lower(2)).finish(),
        f(32).with(t.cluster).finish(),
        f(33).with(cluster(-1)).finish(),
        f(34).with(cluster(1)).finish(),
        f(35).with(t.cluster).with(previous).finish(),
        f(36).with(cluster(-1)).with(t.cluster).finish(),
        f(37).with(t.cluster).with(cluster(1)).finish(),
    ]);
    for (offset, template) in [(-1isize, 40u64), (0, 41), (1, 42)] {
        let bits = at(offset).map_or(0, |t| t.classes);
        for b in (0..32).filter(|b| bits & (1 << b) != 0) {
            out.push(f(template).with(b).finish());
            if offset == 0 {
                out.push(f(43).with(b).with(previous).finish());
            }
        }
    }
}
