//! Small helpers for matching lowercase phrases against a sentence's tokens.

use crate::knowledge::lexicon::PhraseList;
use crate::model::Sentence;
use compact_str::CompactString;

/// The lowercase forms of a sentence's tokens (computed when the sentence is made), as plain
/// string slices made once per document (`lowered`): each stage asks for the same words many
/// times over, and a slice is read without decoding a `CompactString`'s layout each time.
pub struct Lowered<'a> {
    pub words: Vec<&'a str>,
}

/// The lower-case forms of each of `sentences`, in order.
pub fn lowered(sentences: &[Sentence]) -> Vec<Lowered<'_>> {
    sentences.iter().map(Lowered::new).collect()
}

impl<'a> Lowered<'a> {
    pub fn new(sentence: &'a Sentence) -> Self {
        Lowered {
            words: sentence.lower.iter().map(CompactString::as_str).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn get(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }

    /// Does `phrase` occur at token `i`?
    pub fn matches_at(&self, i: usize, phrase: &[String]) -> bool {
        !phrase.is_empty()
            && i + phrase.len() <= self.words.len()
            && phrase
                .iter()
                .zip(&self.words[i..])
                .all(|(p, w)| p.as_str() == *w)
    }

    /// Where `phrase` starts after a gap of at most `max_gap` tokens from token `from`.
    pub fn find_within(&self, from: usize, max_gap: usize, phrase: &[String]) -> Option<usize> {
        (from..=from + max_gap).find(|&j| self.matches_at(j, phrase))
    }

    /// The longest phrase of `list` starting at `i`: its length.
    pub fn longest_at(&self, i: usize, list: &PhraseList) -> Option<usize> {
        list.starting_with(self.get(i))
            .find(|p| self.matches_at(i, p))
            .map(Vec::len)
    }

    /// The longest phrase of `list` ending just before token `end`: its length.
    pub fn longest_ending(&self, end: usize, list: &PhraseList) -> Option<usize> {
        if end == 0 {
            return None;
        }
        list.ending_with(self.get(end - 1))
            .find(|p| p.len() <= end && self.matches_at(end - p.len(), p))
            .map(Vec::len)
    }
}
