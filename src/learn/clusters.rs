//! Word classes learned from plain text: words that stand in the same places fall in the same
//! class ("Kornblum" beside "Clinton", "Sarajevo" beside "Bangkok"), so a model that learned
//! from one class member knows something of the others, names it never saw among them. The
//! exchange algorithm (Kneser and Ney 1993; Martin, Liermann and Ney 1998): words start in
//! classes by frequency and move, one at a time, to the class that most raises the likelihood
//! of a class bigram model of the text. Deterministic: the same text gives the same classes.

use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub classes: usize,
    pub iterations: usize,
    /// Words seen fewer times are left out (they stand together as one unknown word).
    pub min_count: u32,
}

/// `x ln x`, from a table for the small counts that most cells hold.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new() -> XLogX {
        XLogX(
            (0..1 << 20)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }
    #[inline]
    fn at(&self, x: i64) -> f64 {
        match self.0.get(x as usize) {
            Some(v) if x >= 0 => *v,
            _ if x <= 0 => 0.0,
            _ => x as f64 * (x as f64).ln(),
        }
    }
}

/// Clusters the words of `sentences`; returns each kept word with its class, in the order of
/// frequency (most frequent first, ties by the word).
pub fn cluster<'a>(
    sentences: impl Iterator<Item = Vec<&'a str>>,
    settings: Settings,
    mut report: impl FnMut(&str),
) -> Vec<(String, u16)> {
    let sentences: Vec<Vec<&str>> = sentences.collect();
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for s in &sentences {
        for w in s {
            *counts.entry(w).or_default() += 1;
        }
    }
    let mut vocabulary: Vec<(&str, u32)> = counts
        .iter()
        .filter(|(_, &n)| n >= settings.min_count)
        .map(|(w, n)| (*w, *n))
        .collect();
    vocabulary.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: FxHashMap<&str, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    // Two more words: the unknown word and the sentence boundary.
    let unknown = vocabulary.len() as u32;
    let boundary = unknown + 1;
    let n_words = vocabulary.len() + 2;
    let mut unigram = vec![0i64; n_words];
    let mut bigrams: FxHashMap<(u32, u32), i64> = FxHashMap::default();
    for s in &sentences {
        let mut previous = boundary;
        for w in s
            .iter()
            .map(|w| index.get(w).copied().unwrap_or(unknown))
            .chain([boundary])
        {
            unigram[w as usize] += 1;
            *bigrams.entry((previous, w)).or_default() += 1;
            previous = w;
        }
    }
    drop(sentences);
    // Each word's neighbours: who comes after it, who before it.
    let mut right: Vec<Vec<(u32, i64)>> = vec![Vec::new(); n_words];
    let mut left: Vec<Vec<(u32, i64)>> = vec![Vec::new(); n_words];
    let mut pairs: Vec<((u32, u32), i64)> = bigrams.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), n) in pairs {
        right[a as usize].push((b, n));
        left[b as usize].push((a, n));
    }
    report(&format!(
        "clusters: {} words kept of {}, {} classes",
        vocabulary.len(),
        counts.len(),
        settings.classes
    ));
    let c = settings.classes.max(2);
    let mut class: Vec<usize> = (0..n_words).map(|w| w % c).collect();
    let mut class_bigram = vec![0i64; c * c];
    let mut class_count = vec![0i64; c];
    for (w, neighbours) in right.iter().enumerate() {
        for &(v, n) in neighbours {
            class_bigram[class[w] * c + class[v as usize]] += n;
        }
        class_count[class[w]] += unigram[w];
    }
    let f = XLogX::new();
    let mut from_left = vec![0i64; c];
    let mut to_right = vec![0i64; c];
    for iteration in 0..settings.iterations {
        let mut moved = 0;
        for w in 0..n_words {
            let own = class[w];
            let mut self_pairs = 0;
            let mut touched_left = Vec::new();
            let mut touched_right = Vec::new();
            for &(v, n) in &left[w] {
                if v as usize == w {
                    self_pairs = n;
                    continue;
                }
                let k = class[v as usize];
                if from_left[k] == 0 {
                    touched_left.push(k);
                }
                from_left[k] += n;
            }
            for &(v, n) in &right[w] {
                if v as usize == w {
                    continue;
                }
                let k = class[v as usize];
                if to_right[k] == 0 {
                    touched_right.push(k);
                }
                to_right[k] += n;
            }
            // Out of its class…
            for &k in &touched_left {
                class_bigram[k * c + own] -= from_left[k];
            }
            for &k in &touched_right {
                class_bigram[own * c + k] -= to_right[k];
            }
            class_bigram[own * c + own] -= self_pairs;
            class_count[own] -= unigram[w];
            // …and into the best.
            let gain = |b: usize| -> f64 {
                let mut g = 0.0;
                for &k in &touched_left {
                    if k != b {
                        let cell = class_bigram[k * c + b];
                        g += f.at(cell + from_left[k]) - f.at(cell);
                    }
                }
                for &k in &touched_right {
                    if k != b {
                        let cell = class_bigram[b * c + k];
                        g += f.at(cell + to_right[k]) - f.at(cell);
                    }
                }
                let cell = class_bigram[b * c + b];
                g += f.at(cell + from_left[b] + to_right[b] + self_pairs) - f.at(cell);
                g - 2.0 * (f.at(class_count[b] + unigram[w]) - f.at(class_count[b]))
            };
            let mut best = own;
            let mut best_gain = gain(own);
            for b in 0..c {
                let g = gain(b);
                if g > best_gain + 1e-9 {
                    best = b;
                    best_gain = g;
                }
            }
            for &k in &touched_left {
                class_bigram[k * c + best] += from_left[k];
            }
            for &k in &touched_right {
                class_bigram[best * c + k] += to_right[k];
            }
            class_bigram[best * c + best] += self_pairs;
            class_count[best] += unigram[w];
            moved += usize::from(best != own);
            class[w] = best;
            for k in touched_left {
                from_left[k] = 0;
            }
            for k in touched_right {
                to_right[k] = 0;
            }
        }
        report(&format!(
            "clusters: pass {} of {}: {moved} words moved",
            iteration + 1,
            settings.iterations
        ));
    }
    vocabulary
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.to_string(), class[i] as u16))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_places_share_a_class() {
        let mut text = Vec::new();
        for (i, name) in ["Paris", "Berlin", "Rome", "Madrid"].iter().enumerate() {
            for verb in ["met", "saw", "left"] {
                let person = ["Smith", "Jones", "Brown", "Green"][(i + verb.len()) % 4];
                text.push(format!("{person} {verb} in {name} today ."));
                text.push(format!("the talks in {name} ended ."));
            }
        }
        let sentences = text.iter().map(|s| s.split(' ').collect::<Vec<_>>());
        let settings = Settings {
            classes: 6,
            iterations: 5,
            min_count: 1,
        };
        let classes: FxHashMap<String, u16> =
            cluster(sentences, settings, |_| {}).into_iter().collect();
        assert_eq!(classes["Paris"], classes["Berlin"]);
        assert_eq!(classes["Rome"], classes["Madrid"]);
        assert_ne!(classes["Paris"], classes["in"]);
    }
}
