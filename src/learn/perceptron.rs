//! The averaged perceptron both syntax models are: a sparse linear scorer over hashed features.
//!
//! A feature is a 64-bit hash (see [`Hasher`]); each has a short list of (class, weight) pairs,
//! most features being seen with few classes. Training keeps the running sums that averaging
//! needs (Collins 2002, with lazy updates as in Honnibal's "parsing in 500 lines"); the saved
//! model keeps only the averaged weights, rounded to 16 bits, with features sorted by hash, so
//! the same training gives byte-identical files.

use rustc_hash::FxHashMap;

/// Stable hashing of features: the same input gives the same value on every machine and run
/// (no random seed), so a model file means the same everywhere.
#[derive(Clone, Copy)]
pub struct Hasher(u64);

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher {
    pub fn new(template: u64) -> Hasher {
        Hasher(mix(SEED, template))
    }
    #[inline]
    pub fn with(self, value: u64) -> Hasher {
        Hasher(mix(self.0, value))
    }
    #[inline]
    pub fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

#[inline]
fn mix(h: u64, value: u64) -> u64 {
    (h.rotate_left(23) ^ value).wrapping_mul(MULTIPLIER)
}

/// A stable hash of a string (FNV-1a over its bytes), used as a feature's value.
pub fn hash_str(s: &str) -> u64 {
    let mut h = SEED;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The largest scale of the weights as stored: a weight w is kept as round(w * scale) in 16
/// bits, the scale chosen per model (`Trainer::average`).
const SCALE: f32 = 1000.0;

/// A slot of a model's open-addressing table: the high half of a feature's hash (0 = empty;
/// the low half chose the slot) and where its entry starts in `entries`. Eight bytes, so the
/// table of a million features fits a CPU's last-level cache.
#[derive(Clone, Copy, Default)]
struct Slot {
    fingerprint: u32,
    start: u32,
}

/// A trained model: for each feature hash, its (class, weight) pairs.
pub struct Model {
    /// A power of two long, at most two thirds full.
    slots: Vec<Slot>,
    /// Each feature's entry: how many pairs it has, its full hash (two words, for writing the
    /// model out), then its pairs, each a class in the low half and a weight in the high half;
    /// or, for a feature with weights for many classes, [`DENSE`], its hash and where its row
    /// of `n_classes` weights starts in `dense`.
    entries: Vec<u32>,
    /// Whole rows of weights, added with vector instructions instead of one pair at a time.
    dense: Vec<i16>,
    pub n_classes: usize,
}

/// The first word of a dense feature's entry.
const DENSE: u32 = u32::MAX;

/// The slot index and fingerprint of a feature hash.
#[inline]
fn place(key: u64, mask: usize) -> (usize, u32) {
    ((key as usize) & mask, ((key >> 32) as u32) | 1)
}

/// How many features are scored together: their table slots are fetched from memory side by
/// side instead of one after another.
const GROUP: usize = 16;

impl Model {
    /// Adds each feature's weights to `scores` (one per class).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        let mask = self.slots.len() - 1;
        for group in features.chunks(GROUP) {
            let mut places = [(0usize, 0u32); GROUP];
            for (p, &f) in places.iter_mut().zip(group) {
                *p = place(f | 1, mask);
                prefetch(&self.slots[p.0]);
            }
            let mut starts = [u32::MAX; GROUP];
            for (start, &(mut i, fingerprint)) in starts.iter_mut().zip(&places[..group.len()]) {
                loop {
                    let slot = self.slots[i];
                    if slot.fingerprint == fingerprint {
                        *start = slot.start;
                        prefetch(&self.entries[slot.start as usize]);
                        break;
                    }
                    if slot.fingerprint == 0 {
                        break;
                    }
                    i = (i + 1) & mask;
                }
            }
            for &start in starts[..group.len()].iter().filter(|&&s| s != u32::MAX) {
                let start = start as usize;
                match self.entries[start] {
                    DENSE => {
                        let row = self.entries[start + 3] as usize;
                        let weights = &self.dense[row..row + scores.len()];
                        for (score, &w) in scores.iter_mut().zip(weights) {
                            *score += i32::from(w);
                        }
                    }
                    len => {
                        for &pair in &self.entries[start + 3..start + 3 + len as usize] {
                            let weight = i32::from((pair >> 16) as u16 as i16);
                            scores[(pair & 0xffff) as usize] += weight;
                        }
                    }
                }
            }
        }
    }

    /// The model as bytes: the class and feature counts (little-endian), then each feature's
    /// hash, pair count and (class, weight) pairs, in the order of the table's slots. Loading
    /// then fills the table front to back, which takes a fraction of the time that inserting
    /// two million features at random places would (each a cache miss). The table's layout
    /// follows from the weights alone, so the same weights give the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.slots.len() * 10 + self.entries.len() * 4);
        let rows = self.slots.iter().filter(|s| s.fingerprint != 0).count();
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&(rows as u32).to_le_bytes());
        for slot in self.slots.iter().filter(|s| s.fingerprint != 0) {
            let entry = &self.entries[slot.start as usize..];
            out.extend_from_slice(&entry[1].to_le_bytes());
            out.extend_from_slice(&entry[2].to_le_bytes());
            let mut pairs = Vec::new();
            match entry[0] {
                DENSE => {
                    let row = &self.dense[entry[3] as usize..][..self.n_classes];
                    pairs.extend(
                        (0..self.n_classes)
                            .filter(|&c| row[c] != 0)
                            .map(|c| (c as u16, row[c])),
                    );
                }
                len => pairs.extend(
                    entry[3..3 + len as usize]
                        .iter()
                        .map(|&p| (p as u16, (p >> 16) as u16 as i16)),
                ),
            }
            out.extend_from_slice(&(pairs.len() as u16).to_le_bytes());
            for (class, weight) in pairs {
                out.extend_from_slice(&class.to_le_bytes());
                out.extend_from_slice(&weight.to_le_bytes());
            }
        }
        out
    }

    /// Reads what [`Model::to_bytes`] wrote; `None` if the bytes are cut short or malformed.
    /// One pass straight into the tables, no allocation per feature.
    pub fn from_bytes(bytes: &mut &[u8]) -> Option<Model> {
        let n_classes = take_u32(bytes)? as usize;
        let n_rows = take_u32(bytes)? as usize;
        // Each row takes at least ten bytes: a bigger count is a damaged file, not a reason
        // to allocate.
        if n_rows > bytes.len() / 10 + 1 || n_classes == 0 || n_classes > usize::from(u16::MAX) {
            return None;
        }
        let mut model = Model::with_capacity(n_classes, n_rows, bytes.len() / 4);
        let mut pairs: Vec<(u16, i16)> = Vec::with_capacity(n_classes);
        for _ in 0..n_rows {
            let key = u64::from_le_bytes(take(bytes, 8)?.try_into().ok()?);
            let len = u16::from_le_bytes(take(bytes, 2)?.try_into().ok()?) as usize;
            let raw = take(bytes, len * 4)?;
            pairs.clear();
            for pair in raw.chunks_exact(4) {
                let class = u16::from_le_bytes([pair[0], pair[1]]);
                if usize::from(class) >= n_classes {
                    return None;
                }
                pairs.push((class, i16::from_le_bytes([pair[2], pair[3]])));
            }
            model.insert(key, &pairs);
        }
        Some(model)
    }

    fn with_capacity(n_classes: usize, rows: usize, entry_words: usize) -> Model {
        let capacity = (rows + rows / 2).next_power_of_two().max(16);
        Model {
            slots: vec![Slot::default(); capacity],
            entries: Vec::with_capacity(entry_words),
            dense: Vec::new(),
            n_classes,
        }
    }

    /// Adds a feature (not yet in the model) and its pairs.
    fn insert(&mut self, key: u64, pairs: &[(u16, i16)]) {
        let key = key | 1;
        let n_classes = self.n_classes;
        let (slots, entries, dense) = (&mut self.slots, &mut self.entries, &mut self.dense);
        let mask = slots.len() - 1;
        let (mut i, fingerprint) = place(key, mask);
        while slots[i].fingerprint != 0 {
            i = (i + 1) & mask;
        }
        slots[i] = Slot {
            fingerprint,
            start: entries.len() as u32,
        };
        // A row of n weights costs about n/8 vector additions; n/4 pairs cost more.
        if pairs.len() * 4 > n_classes {
            let row = dense.len();
            entries.extend([DENSE, key as u32, (key >> 32) as u32, row as u32]);
            dense.resize(row + n_classes, 0);
            for &(c, w) in pairs {
                dense[row + usize::from(c)] = w;
            }
        } else {
            entries.extend([pairs.len() as u32, key as u32, (key >> 32) as u32]);
            entries.extend(
                pairs
                    .iter()
                    .map(|&(c, w)| u32::from(c) | (u32::from(w as u16) << 16)),
            );
        }
    }

    fn from_rows(n_classes: usize, rows: Vec<(u64, Vec<(u16, i16)>)>) -> Model {
        let words = rows.iter().map(|r| 3 + r.1.len()).sum();
        let mut model = Model::with_capacity(n_classes, rows.len(), words);
        for (key, pairs) in rows {
            model.insert(key, &pairs);
        }
        model
    }

    /// How many features the model has.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.fingerprint != 0).count()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Asks the CPU to start loading the cache line of `item` (a hint: nothing else changes).
#[inline]
fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults, whatever the address.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((item as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if bytes.len() < n {
        return None;
    }
    let (head, tail) = bytes.split_at(n);
    *bytes = tail;
    Some(head)
}

pub(crate) fn take_u32(bytes: &mut &[u8]) -> Option<u32> {
    Some(u32::from_le_bytes(take(bytes, 4)?.try_into().ok()?))
}

/// One weight while training: its value, the sum of its values over all updates so far (for
/// the average) and when it last changed.
#[derive(Clone, Copy, Default)]
struct Weight {
    class: u16,
    value: f32,
    total: f64,
    stamp: u64,
}

/// A feature's weights while training, and how many updates it took part in.
#[derive(Default)]
struct Feature {
    updates: u32,
    weights: Vec<Weight>,
}

/// An averaged perceptron being trained.
pub struct Trainer {
    weights: FxHashMap<u64, Feature>,
    n_classes: usize,
    /// Updates so far (the averaging clock).
    clock: u64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            weights: FxHashMap::default(),
            n_classes,
            clock: 0,
        }
    }

    /// Scores with the current (not averaged) weights.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(feature) = self.weights.get(&(f | 1)) {
                for w in &feature.weights {
                    scores[w.class as usize] += w.value;
                }
            }
        }
    }

    /// One step: the features move towards `truth` and away from `guess`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.clock += 1;
        if truth == guess {
            return;
        }
        let clock = self.clock;
        for f in features {
            let feature = self.weights.entry(f | 1).or_default();
            feature.updates += 1;
            let ws = &mut feature.weights;
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let w = match ws.iter().position(|w| w.class as usize == class) {
                    Some(i) => &mut ws[i],
                    None => {
                        ws.push(Weight {
                            class: class as u16,
                            stamp: clock,
                            ..Weight::default()
                        });
                        ws.last_mut().expect("just pushed")
                    }
                };
                w.total += f64::from(w.value) * (clock - w.stamp) as f64;
                w.stamp = clock;
                w.value += delta;
            }
        }
    }

    /// The averaged model, without the features that took part in fewer than `min_updates`
    /// updates (rare ones, mostly noise, and most of a model's size) and the weights whose
    /// average rounds to zero.
    pub fn average(&self, min_updates: u32) -> Model {
        let clock = self.clock.max(1);
        let average = |w: &Weight| {
            let total = w.total + f64::from(w.value) * (clock - w.stamp) as f64;
            (total / clock as f64) as f32
        };
        // Scores are only compared, so one scale for all weights may be chosen freely: the
        // largest that keeps every weight within 16 bits, at most SCALE.
        let largest = self
            .weights
            .values()
            .filter(|f| f.updates >= min_updates)
            .flat_map(|f| f.weights.iter().map(|w| average(w).abs()))
            .fold(0f32, f32::max);
        let scale = if largest * SCALE > 32767.0 {
            32767.0 / largest
        } else {
            SCALE
        };
        let mut rows: Vec<(u64, Vec<(u16, i16)>)> = Vec::with_capacity(self.weights.len());
        for (&key, feature) in &self.weights {
            if feature.updates < min_updates {
                continue;
            }
            let mut pairs: Vec<(u16, i16)> = feature
                .weights
                .iter()
                .filter_map(|w| {
                    let stored = (average(w) * scale).round().clamp(-32767.0, 32767.0) as i16;
                    (stored != 0).then_some((w.class, stored))
                })
                .collect();
            if pairs.is_empty() {
                continue;
            }
            pairs.sort_unstable();
            rows.push((key, pairs));
        }
        rows.sort_unstable_by_key(|r| r.0);
        Model::from_rows(self.n_classes, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_rule_and_survives_a_round_trip() {
        let mut t = Trainer::new(2);
        let examples = [(vec![1u64, 10], 0usize), (vec![2, 10], 1), (vec![1, 11], 0)];
        let mut scores = vec![0.0; 2];
        for _ in 0..5 {
            for (features, truth) in &examples {
                t.score(features, &mut scores);
                let guess = usize::from(scores[1] > scores[0]);
                t.update(features, *truth, guess);
            }
        }
        let model = t.average(1);
        let bytes = model.to_bytes();
        let again = Model::from_bytes(&mut bytes.as_slice()).expect("round trip");
        assert_eq!(again.to_bytes(), bytes);
        let mut s = vec![0; 2];
        again.score(&[2, 11], &mut s);
        assert!(s[1] > s[0]);
        again.score(&[1, 10], &mut s);
        assert!(s[0] > s[1]);
    }

    #[test]
    fn hashing_is_stable() {
        assert_eq!(hash_str("deport"), hash_str("deport"));
        assert_ne!(hash_str("deport"), hash_str("Deport"));
        let a = Hasher::new(1).with(2).finish();
        assert_eq!(a, Hasher::new(1).with(2).finish());
        assert_ne!(a, Hasher::new(2).with(1).finish());
    }

    #[test]
    fn truncated_bytes_are_refused() {
        let mut t = Trainer::new(3);
        t.update(&[5, 6], 2, 0);
        let bytes = t.average(1).to_bytes();
        assert!(Model::from_bytes(&mut &bytes[..bytes.len() - 1]).is_none());
    }
}
