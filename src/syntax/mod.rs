//! Syntax: part-of-speech tags and labelled dependency trees (Universal Dependencies) for a
//! sentence, by learned models: a perceptron tagger and a greedy arc-hybrid parser
//! (`tagger.rs`, `parser.rs`, both over `perceptron.rs`). The models are one file,
//! `data/models/syntax.bin`, made by `newsgraph train syntax` (`train.rs`) from treebanks;
//! `words.rs` cuts the tokenizer's tokens into the treebanks' words, `conllu.rs` reads
//! treebanks and writes analyses in CoNLL-U. Syntax knows nothing of entities or events.

pub mod conllu;
pub mod parser;
pub mod tagger;
pub mod train;
pub mod words;

use crate::error::{Error, Result};
use crate::learn::features::WordFeatures;
use crate::learn::perceptron::Model;
use crate::learn::{read_names, write_names};
use crate::model::Sentence;
use parser::{Parser, NO};
use std::sync::OnceLock;
use tagger::Tagger;
pub use words::Word;

/// The first bytes of a model file, with its format's version.
const MAGIC: &[u8] = b"newsgraph-syntax-2\n";

/// The hyphenated prefixes that stay joined to the word after them, one a line (data, not
/// code: `data/syntax-prefixes.txt`).
const PREFIXES: &str = include_str!("../../data/syntax-prefixes.txt");

/// The tagger and parser with the names of their tags and labels.
pub struct Syntax {
    tagger: Tagger,
    parser: Parser,
    /// Each tag as "UPOS XPOS".
    tags: Vec<String>,
    labels: Vec<String>,
    root_label: u16,
    other_root_label: u16,
    prefixes: Vec<String>,
}

/// One sentence's analysis: its words, each word's tag, head and label.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub words: Vec<Word>,
    pub tags: Vec<u16>,
    /// The index of each word's head, [`NO`] for the sentence's root.
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
}

impl Analysis {
    pub fn head(&self, word: usize) -> Option<usize> {
        (self.heads[word] != NO).then_some(self.heads[word])
    }
    /// The words whose head is `word`, left to right.
    pub fn children(&self, word: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.heads.len()).filter(move |&i| self.heads[i] == word)
    }
}

impl Syntax {
    /// The models compiled into the binary (read on first use).
    pub fn embedded() -> Result<&'static Syntax> {
        static SYNTAX: OnceLock<std::result::Result<Syntax, String>> = OnceLock::new();
        SYNTAX
            .get_or_init(|| {
                Syntax::from_bytes(include_bytes!("../../data/models/syntax.bin"))
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| Error::Other(e.clone()))
    }

    /// Reads a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Syntax> {
        let damaged = || {
            Error::Other(
                "the syntax model is missing or damaged; remake it with `newsgraph train syntax`"
                    .into(),
            )
        };
        let mut rest = bytes.strip_prefix(MAGIC).ok_or_else(damaged)?;
        let tags = read_names(&mut rest).ok_or_else(damaged)?;
        let labels = read_names(&mut rest).ok_or_else(damaged)?;
        let tagger = Model::from_bytes(&mut rest).ok_or_else(damaged)?;
        let moves = Model::from_bytes(&mut rest).ok_or_else(damaged)?;
        let arcs = Model::from_bytes(&mut rest).ok_or_else(damaged)?;
        let position = |name: &str| labels.iter().position(|l| l == name).map(|p| p as u16);
        let (Some(root_label), Some(other_root_label)) = (position("root"), position("parataxis"))
        else {
            return Err(damaged());
        };
        if !rest.is_empty()
            || tagger.n_classes != tags.len()
            || moves.n_classes != parser::N_MOVES
            || arcs.n_classes != labels.len()
        {
            return Err(damaged());
        }
        Ok(Syntax {
            tagger: Tagger { model: tagger },
            parser: Parser {
                moves,
                labels: arcs,
            },
            tags,
            labels,
            root_label,
            other_root_label,
            prefixes: PREFIXES
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect(),
        })
    }

    /// The model file's bytes for these models and names.
    pub fn to_bytes(
        tags: &[String],
        labels: &[String],
        tagger: &Model,
        parser: &Parser,
    ) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for names in [tags, labels] {
            write_names(&mut out, names);
        }
        out.extend(tagger.to_bytes());
        out.extend(parser.moves.to_bytes());
        out.extend(parser.labels.to_bytes());
        out
    }

    /// Analyses one sentence of the tokenizer's.
    pub fn analyse(&self, sentence: &Sentence) -> Analysis {
        let words = words::words(&sentence.tokens, |p| self.prefixes.iter().any(|x| x == p));
        let forms: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
        let (tags, tree) = self.analyse_forms(&forms);
        Analysis {
            words,
            tags,
            heads: tree.heads,
            labels: tree.labels,
        }
    }

    /// Tags and parses a sentence given as its words.
    pub fn analyse_forms(&self, forms: &[&str]) -> (Vec<u16>, parser::Tree) {
        let features: Vec<WordFeatures> = forms.iter().map(|f| WordFeatures::of(f)).collect();
        let tags = self.tagger.tag(&features);
        let tree = self
            .parser
            .parse(&features, &tags, self.root_label, self.other_root_label);
        (tags, tree)
    }

    /// A tag's Universal POS tag.
    pub fn upos(&self, tag: u16) -> &str {
        let t = &self.tags[tag as usize];
        t.split_once(' ').map_or(t.as_str(), |(u, _)| u)
    }
    /// A tag's Penn Treebank tag.
    pub fn xpos(&self, tag: u16) -> &str {
        let t = &self.tags[tag as usize];
        t.split_once(' ').map_or("_", |(_, x)| x)
    }
    /// A label's name ("nsubj:pass").
    pub fn label(&self, label: u16) -> &str {
        &self.labels[label as usize]
    }
}
