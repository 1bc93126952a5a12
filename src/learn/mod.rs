//! Learning: what the learned stages share. `perceptron.rs` is a sparse averaged perceptron
//! (training, averaging, a compact file format and fast scoring); `features.rs` computes what
//! the models know of one word (its forms, shape and affixes) once. The syntax models and the
//! name recogniser are both built over these; learn knows nothing of sentences or tasks.

pub mod clusters;
pub mod features;
pub mod perceptron;

use perceptron::take_u32;

/// Writes a list of names (tags, labels, words) into a model file: a count, then each name's
/// length and bytes (little-endian).
pub fn write_names(out: &mut Vec<u8>, names: &[String]) {
    out.extend_from_slice(&(names.len() as u32).to_le_bytes());
    for name in names {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
    }
}

/// Reads what [`write_names`] wrote; `None` if the bytes end early or are not UTF-8.
pub fn read_names(bytes: &mut &[u8]) -> Option<Vec<String>> {
    let n = take_u32(bytes)? as usize;
    let mut names = Vec::with_capacity(n.min(4096));
    for _ in 0..n {
        let len = take_u32(bytes)? as usize;
        if bytes.len() < len {
            return None;
        }
        let (name, rest) = bytes.split_at(len);
        names.push(String::from_utf8(name.to_vec()).ok()?);
        *bytes = rest;
    }
    Some(names)
}

/// A fixed-seed xorshift generator: the shuffles between training passes, the same on every
/// run so that training is deterministic.
pub struct Shuffler(u64);

impl Default for Shuffler {
    fn default() -> Self {
        Shuffler::new()
    }
}

impl Shuffler {
    pub fn new() -> Shuffler {
        Shuffler(0x9e37_79b9_7f4a_7c15)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn shuffle(&mut self, items: &mut [usize]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// A quick digest of a model file's bytes (eight at a time): part of the knowledge fingerprint,
/// so that a new model re-extracts stored documents, without a cryptographic hash's cost at
/// every start.
pub fn digest(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h ^ word)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
