//! Name structure (`data/name-structure.toml`): classes of single words that tell what kind of
//! name they stand in — surnames by language, honorifics, particles, legal forms — plus the
//! lexicon's person titles and organisation heads. The name recogniser reads a word's classes
//! as features; which class says what is learned, not written here.

use super::lexicon::Lexicon;
use crate::error::{Error, Result};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// The key of the romanised Mandarin syllables: a word made of one to three of them is in the
/// class "pinyin".
const PINYIN_KEY: &str = "pinyin_syllables";

pub struct NameStructure {
    /// The class names, in bit order.
    pub classes: Vec<String>,
    words: FxHashMap<String, u32>,
    syllables: FxHashSet<String>,
    pinyin_bit: u32,
    title_bit: u32,
    organisation_head_bit: u32,
}

impl NameStructure {
    pub fn parse(src: &str) -> Result<NameStructure> {
        let table: BTreeMap<String, String> =
            toml::from_str(src).map_err(|e| Error::data("name-structure.toml", e))?;
        let mut classes: Vec<String> = Vec::new();
        let mut words: FxHashMap<String, u32> = FxHashMap::default();
        let mut syllables = FxHashSet::default();
        for (key, list) in &table {
            if key == PINYIN_KEY {
                syllables.extend(list.split_whitespace().map(str::to_lowercase));
                continue;
            }
            let bit = 1u32 << classes.len();
            classes.push(key.clone());
            for word in list.split_whitespace() {
                *words.entry(word.to_string()).or_default() |= bit;
            }
        }
        for extra in ["pinyin", "title", "organisation_head"] {
            classes.push(extra.to_string());
        }
        if classes.len() > 32 {
            return Err(Error::Other(
                "data/name-structure.toml: more than 29 classes".into(),
            ));
        }
        let bit_of = |name: &str| 1u32 << classes.iter().position(|c| c == name).unwrap_or(0);
        Ok(NameStructure {
            pinyin_bit: bit_of("pinyin"),
            title_bit: bit_of("title"),
            organisation_head_bit: bit_of("organisation_head"),
            classes,
            words,
            syllables,
        })
    }

    /// The classes of a word as written (`lower` is its lower-case form), as bits. A word in
    /// capitals ("WANG") is looked up as written and in title case.
    pub fn classes_of(&self, word: &str, lower: &str, lexicon: &Lexicon) -> u32 {
        let mut bits = self.words.get(word).copied().unwrap_or(0);
        let mut chars = word.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase);
        if capitalised && word.len() > 1 && chars.all(|c| !c.is_lowercase()) {
            let mut title = String::with_capacity(word.len());
            for (i, c) in lower.chars().enumerate() {
                if i == 0 {
                    title.extend(c.to_uppercase());
                } else {
                    title.push(c);
                }
            }
            bits |= self.words.get(&title).copied().unwrap_or(0);
        }
        if capitalised && self.is_pinyin(lower) {
            bits |= self.pinyin_bit;
        }
        if lexicon.person_titles.starting_with(lower).next().is_some() {
            bits |= self.title_bit;
        }
        if lexicon.organisation_heads.contains(lower) {
            bits |= self.organisation_head_bit;
        }
        bits
    }

    /// The bits of the named classes (0 for a name that is no class).
    pub fn bits(&self, names: &[&str]) -> u32 {
        names
            .iter()
            .filter_map(|n| self.classes.iter().position(|c| c == n))
            .fold(0, |bits, b| bits | 1 << b)
    }

    /// Is `lower` one to three Mandarin syllables run together ("xiaoming")?
    fn is_pinyin(&self, lower: &str) -> bool {
        let b = lower.as_bytes();
        if b.is_empty() || b.len() > 18 || !b.iter().all(u8::is_ascii_lowercase) {
            return false;
        }
        // fewest[i]: the fewest syllables that spell the first i letters.
        let mut fewest = vec![u8::MAX; b.len() + 1];
        fewest[0] = 0;
        for end in 1..=b.len() {
            for start in end.saturating_sub(6)..end {
                if fewest[start] < 3 && self.syllables.contains(&lower[start..end]) {
                    fewest[end] = fewest[end].min(fewest[start] + 1);
                }
            }
        }
        fewest[b.len()] <= 3
    }
}

#[cfg(test)]
mod tests {
    use crate::knowledge::Knowledge;

    #[test]
    fn words_fall_in_their_classes() {
        let k = Knowledge::embedded();
        let names = &k.names;
        let class = |word: &str| -> Vec<&str> {
            let bits = names.classes_of(word, &word.to_lowercase(), &k.lexicon);
            (0..names.classes.len())
                .filter(|b| bits & (1 << b) != 0)
                .map(|b| names.classes[b].as_str())
                .collect()
        };
        assert!(class("Nguyen").contains(&"surname_vietnamese"));
        assert!(class("NGUYEN").contains(&"surname_vietnamese"));
        assert!(class("Xiaoming").contains(&"pinyin"));
        assert!(!class("Chicago").contains(&"pinyin"));
        assert!(!class("xiaoming").contains(&"pinyin"));
        assert!(class("Ltd").contains(&"legal_suffixes"));
        assert!(class("Ministry").contains(&"organisation_head"));
        assert!(class("Minister").contains(&"title"));
        assert!(class("Daw").contains(&"name_openers"));
    }
}
