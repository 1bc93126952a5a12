//! The part-of-speech tagger: greedy, left to right, an averaged perceptron over the word, its
//! affixes and shape, its neighbours and the two tags before it (as NLTK's perceptron tagger).
//! A tag is a Universal POS tag with its Penn Treebank tag ("VERB VBN"), so one decision gives
//! both.

use crate::learn::features::{WordFeatures, NONE};
use crate::learn::perceptron::{Hasher, Model, Trainer};

/// The tag value before a sentence's first word.
const START: u64 = 0x7374_6172;

/// The features of word `i`, given the tags chosen for the two words before it.
pub fn features(words: &[WordFeatures], i: usize, previous: u64, before: u64, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> Option<&WordFeatures> {
        let j = i as isize + k;
        (j >= 0).then(|| words.get(j as usize)).flatten()
    };
    let lower = |k: isize| at(k).map_or(NONE, |w| w.lower);
    let suffix3 = |k: isize| at(k).map_or(NONE, |w| w.suffix[2]);
    let shape = |k: isize| at(k).map_or(NONE, |w| w.shape);
    let w = &words[i];
    let f = |template: u64| Hasher::new(template);
    out.extend([
        f(0).finish(),
        f(1).with(w.lower).finish(),
        f(2).with(w.suffix[0]).finish(),
        f(3).with(w.suffix[1]).finish(),
        f(4).with(w.suffix[2]).finish(),
        f(5).with(w.suffix[3]).finish(),
        f(6).with(w.prefix[0]).finish(),
        f(7).with(w.prefix[2]).finish(),
        f(8).with(w.shape).finish(),
        f(9).with(previous).finish(),
        f(10).with(before).finish(),
        f(11).with(previous).with(before).finish(),
        f(12).with(previous).with(w.lower).finish(),
        f(13).with(lower(-1)).finish(),
        f(14).with(suffix3(-1)).finish(),
        f(15).with(lower(-2)).finish(),
        f(16).with(lower(1)).finish(),
        f(17).with(suffix3(1)).finish(),
        f(18).with(lower(2)).finish(),
        f(19).with(shape(1)).finish(),
        f(20).with(shape(-1)).finish(),
        f(21).with(u64::from(i == 0)).with(w.shape).finish(),
        f(22).with(lower(-1)).with(w.lower).finish(),
        f(23).with(w.lower).with(lower(1)).finish(),
        f(24).with(previous).with(w.shape).finish(),
        f(25).with(w.exact).finish(),
        f(26).with(previous).with(w.suffix[2]).finish(),
    ]);
}

/// The value of a chosen tag as a feature of the words after it.
fn tag_value(tag: usize) -> u64 {
    tag as u64 + 1
}

pub struct Tagger {
    pub model: Model,
}

impl Tagger {
    /// The tags of a sentence's words (indexes into the model's tag names).
    pub fn tag(&self, words: &[WordFeatures]) -> Vec<u16> {
        let mut tags = Vec::with_capacity(words.len());
        let mut buffer = Vec::with_capacity(32);
        let mut scores = vec![0i32; self.model.n_classes];
        let (mut previous, mut before) = (START, START);
        for i in 0..words.len() {
            features(words, i, previous, before, &mut buffer);
            self.model.score(&buffer, &mut scores);
            let best = argmax(&scores);
            tags.push(best as u16);
            before = previous;
            previous = tag_value(best);
        }
        tags
    }
}

pub fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// Trains a tagger: `sentences` are (words, gold tags); `epochs` passes in a fixed order that
/// `shuffle` permutes between passes (deterministically).
pub fn train(
    sentences: &[(Vec<WordFeatures>, Vec<u16>)],
    n_tags: usize,
    epochs: usize,
    min_updates: u32,
    shuffle: &mut impl FnMut(&mut [usize]),
) -> Tagger {
    let mut trainer = Trainer::new(n_tags);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut buffer = Vec::with_capacity(32);
    let mut scores = vec![0f32; n_tags];
    for _ in 0..epochs {
        for &s in &order {
            let (words, gold) = &sentences[s];
            let (mut previous, mut before) = (START, START);
            for (i, &truth) in gold.iter().enumerate() {
                features(words, i, previous, before, &mut buffer);
                trainer.score(&buffer, &mut scores);
                let guess = argmax(&scores);
                trainer.update(&buffer, truth as usize, guess);
                before = previous;
                previous = tag_value(guess);
            }
        }
        shuffle(&mut order);
    }
    Tagger {
        model: trainer.average(min_updates),
    }
}
