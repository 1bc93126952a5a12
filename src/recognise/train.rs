//! Training the name recogniser from CoNLL-2003 stories, and scoring it on others.
//!
//! Deterministic: the stories are read in the order given, the sentences shuffled between
//! passes by a fixed-seed generator, and the model file is written in a fixed order, so the
//! same data give the same bytes.

use super::conll::{self, ConllDocument};
use super::features::{self, TokenFeatures};
use super::labels::{self, NameKind, N_TAGS};
use super::vocabulary::Vocabulary;
use super::{best_following, decode, Recogniser};
use crate::knowledge::Knowledge;
use crate::learn::perceptron::Trainer;
use crate::learn::{clusters, Shuffler};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Passes over the data.
    pub epochs: usize,
    /// Features that took part in fewer updates are left out of the model.
    pub min_updates: u32,
    /// Word classes to learn from plain text (0: none), and passes of the clustering.
    pub classes: usize,
    pub cluster_passes: usize,
}

/// A sentence ready to learn from.
struct Example {
    tokens: Vec<TokenFeatures>,
    heading: bool,
    gold: Vec<usize>,
}

fn examples(documents: &[ConllDocument], vocabulary: &Vocabulary, k: &Knowledge) -> Vec<Example> {
    let mut out = Vec::new();
    for d in documents {
        let (text, sentences, names) = conll::as_text(d);
        let casing = features::casing(&sentences);
        for (s, gold) in sentences.iter().zip(&names) {
            out.push(Example {
                tokens: features::prepare(&text, s, &casing, vocabulary, k),
                heading: s.is_heading,
                gold: labels::tags_of(s.tokens.len(), gold),
            });
        }
    }
    out
}

/// Trains on `documents`, with word classes learned from `texts` (plain text, and the
/// documents' own); returns the model file's bytes. `report` hears of each pass.
pub fn train(
    documents: &[ConllDocument],
    texts: &[String],
    k: &Knowledge,
    settings: Settings,
    mut report: impl FnMut(&str),
) -> Vec<u8> {
    let classes = word_classes(documents, texts, k, settings, &mut report);
    let vocabulary = Vocabulary::new(small_letter_words(documents), classes);
    let examples = examples(documents, &vocabulary, k);
    let tokens: usize = examples.iter().map(|e| e.tokens.len()).sum();
    report(&format!(
        "{} stories, {} sentences, {tokens} tokens",
        documents.len(),
        examples.len()
    ));
    let mut trainer = Trainer::new(N_TAGS);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut shuffler = Shuffler::new();
    let mut scores = vec![0f32; N_TAGS];
    for epoch in 0..settings.epochs {
        let mut wrong = 0usize;
        for &e in &order {
            let example = &examples[e];
            let tags = decode(&example.tokens, example.heading, |i, features, previous| {
                trainer.score(features, &mut scores);
                let guess = best_following(&scores, previous);
                trainer.update(features, example.gold[i], guess);
                guess
            });
            wrong += tags
                .iter()
                .zip(&example.gold)
                .filter(|(t, g)| t != g)
                .count();
        }
        report(&format!(
            "pass {} of {}: {wrong} tokens mistagged (after names were closed)",
            epoch + 1,
            settings.epochs
        ));
        shuffler.shuffle(&mut order);
    }
    let model = trainer.average(settings.min_updates);
    report(&format!("{} features kept", model.len()));
    Recogniser::to_bytes(&model, &vocabulary)
}

/// Word classes of the words of `texts` and of the training stories.
fn word_classes(
    documents: &[ConllDocument],
    texts: &[String],
    k: &Knowledge,
    settings: Settings,
    report: &mut impl FnMut(&str),
) -> Vec<(String, u16)> {
    if settings.classes == 0 {
        return Vec::new();
    }
    let parsed: Vec<(crate::model::Document, Vec<crate::model::Sentence>)> = texts
        .iter()
        .map(|t| {
            let doc = crate::model::Document::uncleaned(t, None);
            let sentences = crate::text::sentences(&doc, &k.lexicon);
            (doc, sentences)
        })
        .collect();
    let from_texts = parsed.iter().flat_map(|(_, sentences)| {
        sentences.iter().map(|s| {
            s.tokens
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<&str>>()
        })
    });
    let from_stories = documents
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| s.forms.iter().map(String::as_str).collect::<Vec<&str>>());
    clusters::cluster(
        from_texts.chain(from_stories),
        clusters::Settings {
            classes: settings.classes,
            iterations: settings.cluster_passes,
            min_count: 3,
        },
        |m| report(m),
    )
}

/// The words the stories write in small letters inside sentences at least twice, and with a
/// capital there at most one time in ten, in order.
fn small_letter_words(documents: &[ConllDocument]) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    for d in documents {
        let (_, sentences, _) = conll::as_text(d);
        for s in sentences.iter().filter(|s| !s.is_heading) {
            for (t, lower) in s.tokens.iter().zip(&s.lower).skip(1) {
                if !t.text.chars().all(char::is_alphabetic) {
                    continue;
                }
                let c = counts.entry(lower.to_string()).or_default();
                if t.is_capitalised() {
                    c.1 += 1;
                } else {
                    c.0 += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (small, capital))| *small >= 2 && capital * 10 <= *small)
        .map(|(word, _)| word)
        .collect()
}

/// Exact-span precision, recall and F1 for each kind and over all.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// (kind, true positives, false positives, false negatives).
    pub per_kind: Vec<(NameKind, usize, usize, usize)>,
    pub tokens: usize,
}

impl Score {
    fn totals(&self, kinds: &[NameKind]) -> (usize, usize, usize) {
        self.per_kind
            .iter()
            .filter(|r| kinds.contains(&r.0))
            .fold((0, 0, 0), |a, r| (a.0 + r.1, a.1 + r.2, a.2 + r.3))
    }
    /// Precision, recall and F1 over `kinds`.
    pub fn prf(&self, kinds: &[NameKind]) -> (f64, f64, f64) {
        let (tp, fp, fn_) = self.totals(kinds);
        let p = if tp + fp == 0 {
            0.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fn_ == 0 {
            0.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Scores the recogniser on `documents` (names compared as exact token spans and kinds), as
/// extraction uses it: a story at a time.
pub fn score(recogniser: &Recogniser, documents: &[ConllDocument], k: &Knowledge) -> Score {
    let mut counts = [(0usize, 0usize, 0usize); 4];
    let mut tokens = 0;
    for d in documents {
        let (text, sentences, names) = conll::as_text(d);
        let found_names = recogniser.recognise(&text, &sentences, k);
        for ((found, gold), s) in found_names.iter().zip(&names).zip(&d.sentences) {
            tokens += s.forms.len();
            for (i, kind) in NameKind::ALL.iter().enumerate() {
                let f: BTreeSet<_> = found.iter().filter(|n| n.kind == *kind).collect();
                let g: BTreeSet<_> = gold.iter().filter(|n| n.kind == *kind).collect();
                let tp = f.intersection(&g).count();
                counts[i].0 += tp;
                counts[i].1 += f.len() - tp;
                counts[i].2 += g.len() - tp;
            }
        }
    }
    Score {
        per_kind: NameKind::ALL
            .iter()
            .zip(counts)
            .map(|(k, (a, b, c))| (*k, a, b, c))
            .collect(),
        tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORIES: &str = "-DOCSTART- -X- O O\n\nPolice NNP I-NP O\narrested VBD I-VP O\n\
        Anan NNP I-NP I-PER\nWong NNP I-NP I-PER\nin IN I-PP O\nBangkok NNP I-NP I-LOC\n. . O O\n\n\
        Mekong NNP I-NP I-ORG\nBank NNP I-NP I-ORG\nsaid VBD I-VP O\nit PRP I-NP O\nwould MD I-VP O\n\
        help VB I-VP O\n. . O O\n";

    #[test]
    fn training_is_deterministic_and_learns_its_data() {
        let documents = conll::read(STORIES).unwrap();
        let k = Knowledge::embedded();
        let settings = Settings {
            epochs: 5,
            min_updates: 1,
            classes: 4,
            cluster_passes: 2,
        };
        let texts = vec!["Police in Bangkok arrested Anan Wong. Mekong Bank said so.".to_string()];
        let bytes = train(&documents, &texts, k, settings, |_| {});
        assert_eq!(bytes, train(&documents, &texts, k, settings, |_| {}));
        let recogniser = Recogniser::from_bytes(&bytes).unwrap();
        let (_, _, f) = score(&recogniser, &documents, k).prf(&NameKind::ALL);
        assert!(f > 0.99, "F1 {f} on its own training data");
    }
}
