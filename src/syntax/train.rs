//! Training the syntax models from CoNLL-U treebanks, and scoring them on one.
//!
//! Deterministic: the sentences are read in the order given, shuffled between passes by a
//! fixed-seed generator, and the model file is written in a fixed order, so the same
//! treebanks give the same bytes. The parser learns from tags the tagger predicted, not gold
//! ones (four-way jack-knifing), since that is what it will see.

use super::conllu::TreebankSentence;
use super::parser::{self, Example};
use super::tagger;
use super::Syntax;
use crate::learn::features::WordFeatures;
use crate::learn::Shuffler;
use std::collections::BTreeSet;

/// How long to train, and which features to keep.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Passes over the data.
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Features that took part in fewer updates are left out of the model.
    pub min_updates: u32,
}

fn tag_name(s: &TreebankSentence, i: usize) -> String {
    format!("{} {}", s.upos[i], s.xpos[i])
}

/// Trains both models and returns the model file's bytes. `report` hears of each stage.
pub fn train(
    sentences: &[TreebankSentence],
    settings: Settings,
    mut report: impl FnMut(&str),
) -> Vec<u8> {
    let tags: Vec<String> = sentences
        .iter()
        .flat_map(|s| (0..s.forms.len()).map(move |i| tag_name(s, i)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut labels: BTreeSet<String> = sentences.iter().flat_map(|s| s.labels.clone()).collect();
    labels.extend(["root".to_string(), "parataxis".to_string()]);
    let labels: Vec<String> = labels.into_iter().collect();
    let index = |names: &[String], name: &str| {
        names
            .binary_search_by(|n| n.as_str().cmp(name))
            .expect("collected above") as u16
    };
    let tagged: Vec<(Vec<WordFeatures>, Vec<u16>)> = sentences
        .iter()
        .map(|s| {
            let features = s.forms.iter().map(|f| WordFeatures::of(f)).collect();
            let gold = (0..s.forms.len())
                .map(|i| index(&tags, &tag_name(s, i)))
                .collect();
            (features, gold)
        })
        .collect();
    let words: usize = sentences.iter().map(|s| s.forms.len()).sum();
    report(&format!(
        "{} sentences, {words} words, {} tags, {} labels",
        sentences.len(),
        tags.len(),
        labels.len()
    ));

    let mut shuffler = Shuffler::new();
    let mut shuffle = |items: &mut [usize]| shuffler.shuffle(items);
    let tagger = tagger::train(
        &tagged,
        tags.len(),
        settings.tagger_epochs,
        settings.min_updates,
        &mut shuffle,
    );
    report(&format!("tagger: {} features", tagger.model.len()));

    // Jack-knifed tags: each quarter tagged by a tagger trained on the other three.
    const FOLDS: usize = 4;
    let mut predicted: Vec<Vec<u16>> = vec![Vec::new(); tagged.len()];
    for fold in 0..FOLDS {
        let rest: Vec<(Vec<WordFeatures>, Vec<u16>)> = tagged
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .map(|(_, t)| t.clone())
            .collect();
        let fold_tagger = tagger::train(
            &rest,
            tags.len(),
            settings.tagger_epochs,
            settings.min_updates,
            &mut shuffle,
        );
        for (i, (features, _)) in tagged.iter().enumerate() {
            if i % FOLDS == fold {
                predicted[i] = fold_tagger.tag(features);
            }
        }
        report(&format!("jack-knife fold {} of {FOLDS} tagged", fold + 1));
    }

    let examples: Vec<Example> = sentences
        .iter()
        .zip(tagged)
        .zip(predicted)
        .filter_map(|((s, (features, _)), tags)| {
            let n = s.forms.len();
            let heads: Vec<usize> = s
                .heads
                .iter()
                .map(|&h| if h == 0 { n } else { h - 1 })
                .collect();
            parser::is_projective(&heads).then(|| Example {
                words: features,
                tags,
                heads,
                labels: s.labels.iter().map(|l| index(&labels, l)).collect(),
            })
        })
        .collect();
    report(&format!("parser: {} projective sentences", examples.len()));
    let parser = parser::train(
        &examples,
        labels.len(),
        usize::from(index(&labels, "root")),
        settings.parser_epochs,
        settings.min_updates,
        &mut shuffle,
    );
    report(&format!(
        "parser: {} move features, {} label features",
        parser.moves.len(),
        parser.labels.len()
    ));
    Syntax::to_bytes(&tags, &labels, &tagger.model, &parser)
}

/// Accuracy on a treebank with its own words (gold tokenisation), punctuation left out as in
/// the usual scoring: (UPOS, UAS, LAS, words scored).
#[derive(Debug, Clone, Copy)]
pub struct Scores {
    pub upos: f64,
    pub uas: f64,
    pub las: f64,
    pub words: usize,
}

pub fn score(syntax: &Syntax, sentences: &[TreebankSentence]) -> Scores {
    let (mut words, mut upos, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize);
    for s in sentences {
        let forms: Vec<&str> = s.forms.iter().map(String::as_str).collect();
        let (tags, tree) = syntax.analyse_forms(&forms);
        for (i, &tag) in tags.iter().enumerate() {
            if s.upos[i] == "PUNCT" {
                continue;
            }
            words += 1;
            upos += usize::from(syntax.upos(tag) == s.upos[i]);
            let head = if tree.heads[i] == parser::NO {
                0
            } else {
                tree.heads[i] + 1
            };
            if head == s.heads[i] {
                uas += 1;
                let base = |l: &str| l.split(':').next().unwrap_or_default().to_string();
                las += usize::from(base(syntax.label(tree.labels[i])) == base(&s.labels[i]));
            }
        }
    }
    let share = |k: usize| k as f64 / words.max(1) as f64;
    Scores {
        upos: share(upos),
        uas: share(uas),
        las: share(las),
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu;

    /// Two sentences written for this test, in CoNLL-U.
    const TINY: &str = "\
1\tPolice\t_\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tarrested\t_\tVERB\tVBD\t_\t0\troot\t_\t_
3\tfive\t_\tNUM\tCD\t_\t4\tnummod\t_\t_
4\tmen\t_\tNOUN\tNNS\t_\t2\tobj\t_\t_
5\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_
2\tmen\t_\tNOUN\tNNS\t_\t4\tnsubj:pass\t_\t_
3\twere\t_\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\tdeported\t_\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\t_\tADP\tIN\t_\t6\tcase\t_\t_
6\tThailand\t_\tPROPN\tNNP\t_\t4\tobl:agent\t_\t_
7\t.\t_\tPUNCT\t.\t_\t4\tpunct\t_\t_
";

    #[test]
    fn training_is_deterministic_and_learns_its_data() {
        let sentences = conllu::read(TINY).expect("valid");
        let settings = Settings {
            tagger_epochs: 5,
            parser_epochs: 8,
            min_updates: 1,
        };
        let first = train(&sentences, settings, |_| {});
        let second = train(&sentences, settings, |_| {});
        assert_eq!(first, second, "same data, same model bytes");
        let syntax = Syntax::from_bytes(&first).expect("a valid model");
        let s = score(&syntax, &sentences);
        assert!(s.upos > 0.99 && s.uas >= 0.8, "{s:?}");
    }
}
