//! What the recogniser learned of words beside its weights: the words the training data writes
//! in small letters, and word classes learned from plain text (`learn::clusters`). Both are
//! saved in the model file after the weights.

use crate::learn::perceptron::hash_str;
use crate::learn::{read_names, write_names};
use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Default)]
pub struct Vocabulary {
    /// Words the training data writes in small letters inside sentences: where a document gives
    /// no evidence of a word's case, these are taken for common words, not names.
    pub small_letter_words: FxHashSet<String>,
    /// Each word's class, counted from 1 (0: a word of no class), by the hash of the word as
    /// written (`WordFeatures::exact`), which every token has already: no string compared.
    classes: FxHashMap<u64, u16>,
    /// The words in the order of `classes`' file form.
    words: Vec<(String, u16)>,
}

impl Vocabulary {
    pub fn new(small_letter_words: Vec<String>, classes: Vec<(String, u16)>) -> Vocabulary {
        let mut words: Vec<(String, u16)> = classes.into_iter().map(|(w, c)| (w, c + 1)).collect();
        words.sort_unstable();
        Vocabulary {
            small_letter_words: small_letter_words.into_iter().collect(),
            classes: words.iter().map(|(w, c)| (hash_str(w), *c)).collect(),
            words,
        }
    }

    /// The class of a word given by the hash of its form as written, 0 if it has none.
    pub fn class(&self, exact: u64) -> u16 {
        self.classes.get(&exact).copied().unwrap_or(0)
    }

    /// Appends the vocabulary to a model file, in a fixed order.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut small: Vec<String> = self.small_letter_words.iter().cloned().collect();
        small.sort_unstable();
        write_names(out, &small);
        let words: Vec<String> = self.words.iter().map(|(w, _)| w.clone()).collect();
        write_names(out, &words);
        for (_, c) in &self.words {
            out.extend_from_slice(&c.to_le_bytes());
        }
    }

    pub fn read(bytes: &mut &[u8]) -> Option<Vocabulary> {
        let small_letter_words = read_names(bytes)?.into_iter().collect();
        let words = read_names(bytes)?;
        if bytes.len() < 2 * words.len() {
            return None;
        }
        let (numbers, rest) = bytes.split_at(2 * words.len());
        *bytes = rest;
        let words: Vec<(String, u16)> = words
            .into_iter()
            .zip(numbers.chunks_exact(2))
            .map(|(w, n)| (w, u16::from_le_bytes([n[0], n[1]])))
            .collect();
        Some(Vocabulary {
            small_letter_words,
            classes: words.iter().map(|(w, c)| (hash_str(w), *c)).collect(),
            words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vocabulary_survives_a_round_trip() {
        let v = Vocabulary::new(
            vec!["photo".into(), "said".into()],
            vec![("Paris".into(), 3), ("said".into(), 0)],
        );
        let mut bytes = Vec::new();
        v.write(&mut bytes);
        let again = Vocabulary::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(again.class(hash_str("Paris")), 4);
        assert_eq!(again.class(hash_str("said")), 1);
        assert_eq!(again.class(hash_str("Rome")), 0);
        assert!(again.small_letter_words.contains("photo"));
        let mut again_bytes = Vec::new();
        again.write(&mut again_bytes);
        assert_eq!(again_bytes, bytes);
    }
}
