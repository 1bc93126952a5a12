//! Recognise: a learned name recogniser. A greedy left-to-right averaged perceptron
//! (`learn::perceptron`) tags each token with BILOU tags of four kinds of name (`labels.rs`),
//! reading the token's forms, affixes and shape, its neighbours, the tags before it, the
//! name-structure classes of `data/name-structure.toml`, the gazetteer and how the document
//! writes the word elsewhere (`features.rs`). The model, `data/models/names.bin`, is made by
//! `newsgraph train names` (`train.rs`) from CoNLL-2003 (`conll.rs`). The extractor's mention
//! stage combines its names with the gazetteer's and the context rules'.

pub mod conll;
pub mod features;
pub mod labels;
mod structure;
pub mod train;
pub mod vocabulary;

use crate::error::{Error, Result};
use crate::knowledge::Knowledge;
use crate::learn::perceptron::Model;
use crate::model::Sentence;
use features::TokenFeatures;
pub use labels::{NameKind, NameSpan};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use vocabulary::Vocabulary;

/// The first bytes of a model file, with its format's version.
const MAGIC: &[u8] = b"newsgraph-names-1\n";

/// The shipped model's bytes.
pub const EMBEDDED: &[u8] = include_bytes!("../../data/models/names.bin");

/// The tag value before a sentence's first token.
const START: u64 = 0x7374_6172;

pub struct Recogniser {
    model: Model,
    vocabulary: Vocabulary,
}

impl Recogniser {
    /// The model compiled into the binary (read on first use).
    pub fn embedded() -> Result<&'static Recogniser> {
        static RECOGNISER: OnceLock<std::result::Result<Recogniser, String>> = OnceLock::new();
        RECOGNISER
            .get_or_init(|| Recogniser::from_bytes(EMBEDDED).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Other(e.clone()))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Recogniser> {
        let damaged = || {
            Error::Other(
                "the name model is missing or damaged; remake it with `newsgraph train names`"
                    .into(),
            )
        };
        let mut rest = bytes.strip_prefix(MAGIC).ok_or_else(damaged)?;
        let model = Model::from_bytes(&mut rest).ok_or_else(damaged)?;
        let vocabulary = Vocabulary::read(&mut rest).ok_or_else(damaged)?;
        if !rest.is_empty() || model.n_classes != labels::N_TAGS {
            return Err(damaged());
        }
        Ok(Recogniser { model, vocabulary })
    }

    pub fn to_bytes(model: &Model, vocabulary: &Vocabulary) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(model.to_bytes());
        vocabulary.write(&mut out);
        out
    }

    /// The names in each sentence of a document (`text` is the text the sentences' spans point
    /// into).
    pub fn recognise(
        &self,
        text: &str,
        sentences: &[Sentence],
        k: &Knowledge,
    ) -> Vec<Vec<NameSpan>> {
        let casing = features::casing(sentences);
        let mut names: Vec<Vec<NameSpan>> = sentences
            .iter()
            .map(|s| {
                let tokens = features::prepare(text, s, &casing, &self.vocabulary, k);
                let mut names = labels::names_of(&self.tags(&tokens, s.is_heading));
                names.retain(|n| self.stands_without_case(n, s, &casing, k));
                structure::complete(&mut names, s, &tokens, k);
                names
            })
            .collect();
        structure::drop_modifier_acronyms(&mut names, sentences);
        names
    }

    /// The tags of one sentence's tokens.
    pub fn tags(&self, tokens: &[TokenFeatures], heading: bool) -> Vec<usize> {
        let mut scores = vec![0i32; labels::N_TAGS];
        decode(tokens, heading, |_, features, previous| {
            self.model.score(features, &mut scores);
            best_following(&scores, previous)
        })
    }
}

/// Greedy decoding of one sentence, left to right: for each token that may be part of a name,
/// `choose` gets its index, its features and the tag before it, and returns its tag (the
/// model's pick; while training, after learning from it). An open name is closed where the
/// next tag does not go on with it.
fn decode(
    tokens: &[TokenFeatures],
    heading: bool,
    mut choose: impl FnMut(usize, &[u64], usize) -> usize,
) -> Vec<usize> {
    let mut tags: Vec<usize> = Vec::with_capacity(tokens.len());
    let mut buffer = Vec::with_capacity(48);
    let (mut previous, mut before) = (labels::OUTSIDE, START);
    for i in 0..tokens.len() {
        let tag = if is_scored(tokens, i, previous) {
            let value = tag_value(previous, i);
            features::features(tokens, i, heading, value, before, &mut buffer);
            choose(i, &buffer, previous)
        } else {
            labels::OUTSIDE
        };
        if labels::is_open(previous) && !labels::goes_on(previous, tag) {
            tags[i - 1] = labels::closed(previous);
        }
        before = tag_value(tags.last().copied().unwrap_or(previous), i);
        previous = tag;
        tags.push(tag);
    }
    tags
}

impl Recogniser {
    /// A name whose capital may be only the sentence's or the heading's: "According", "She",
    /// "Cracks" in a title-case headline. In a heading in title case, a name stands only if
    /// the document writes one of its words with a capital inside a sentence, or it is the
    /// whole line and two words or more (headings in capitals are the training data's own, and
    /// the model reads them). A one-word name that
    /// opens a sentence stands if the document does so, or, where the document never writes
    /// the word elsewhere, if it is neither a common word nor one the training data writes in
    /// small letters.
    fn stands_without_case(
        &self,
        name: &NameSpan,
        s: &Sentence,
        casing: &FxHashMap<&str, u8>,
        k: &Knowledge,
    ) -> bool {
        let seen = |i: usize| casing.get(s.lower[i].as_str()).copied().unwrap_or(0);
        if s.is_heading
            && s.tokens
                .iter()
                .any(|t| t.text.chars().any(char::is_lowercase))
        {
            // A line that is one name of two words or more and nothing else ("• Nie
            // Zhengbiao" in a list) is that name.
            let words = s.tokens.iter().filter(|t| t.is_word()).count();
            let alone = name.end - name.start >= 2 && name.end - name.start == words;
            return alone || (name.start..name.end).any(|i| seen(i) & features::CAPITALISED != 0);
        }
        let first_word = s.tokens.iter().position(|t| t.is_word()).unwrap_or(0);
        if name.start != first_word || name.end - name.start > 1 {
            return true;
        }
        let lower = s.lower[name.start].as_str();
        match seen(name.start) {
            0 => {
                !k.lexicon.is_common_lower(lower)
                    && !self.vocabulary.small_letter_words.contains(lower)
            }
            seen => seen & features::CAPITALISED != 0,
        }
    }
}

/// Only tokens with a capital, and those inside a name already open, can be part of a name:
/// the rest (most of a text) are outside without asking the model.
fn is_scored(tokens: &[TokenFeatures], i: usize, previous: usize) -> bool {
    tokens[i].capital || labels::is_open(previous)
}

/// The value of the tag before token `i` as a feature (the start before the first).
fn tag_value(tag: usize, i: usize) -> u64 {
    if i == 0 {
        START
    } else {
        tag as u64 + 1
    }
}

/// The best-scoring tag that may follow `previous`.
fn best_following<T: PartialOrd + Copy>(scores: &[T], previous: usize) -> usize {
    let mut best: Option<usize> = None;
    for (tag, s) in scores.iter().enumerate() {
        if labels::may_follow(previous, tag) && best.is_none_or(|b| *s > scores[b]) {
            best = Some(tag);
        }
    }
    best.unwrap_or(labels::OUTSIDE)
}
