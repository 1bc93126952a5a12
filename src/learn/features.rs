//! What the models know of each word, computed once per sentence: hashes of its lower-case form
//! (digits as 0), its shape, prefixes and suffixes. Both the tagger and the parser read these.

use super::perceptron::hash_str;

/// The precomputed feature values of one word.
#[derive(Debug, Clone, Copy)]
pub struct WordFeatures {
    /// The lower-case form with every digit as `0`.
    pub lower: u64,
    /// The form exactly as written (case matters for names).
    pub exact: u64,
    /// Capitals, small letters, digits and other characters as `X`, `x`, `d`, `-`, runs of one
    /// kind cut at two ("Xxx" for "Hun", "dd,ddd" → "dd,dd").
    pub shape: u64,
    /// The last one to four characters of the lower-case form.
    pub suffix: [u64; 4],
    /// The first one to three characters.
    pub prefix: [u64; 3],
}

/// The value of a word position that is outside the sentence.
pub const NONE: u64 = 0x6e6f_6e65;
/// The value of the artificial root that stands after the sentence's last word.
pub const ROOT: u64 = 0x726f_6f74;

impl WordFeatures {
    /// Computed in one pass over the characters, without allocating: every word of every
    /// parsed sentence goes through here.
    pub fn of(form: &str) -> WordFeatures {
        let mut lower = Chars::new();
        let mut shape = Chars::new();
        let (mut last_class, mut run) = ('\0', 0);
        let mut first = [0u32; 3];
        let mut last = [0u32; 4];
        let mut count = 0usize;
        for c in form.chars() {
            let class = char_class(c);
            run = if class == last_class { run + 1 } else { 1 };
            last_class = class;
            if run <= 2 {
                shape.push(class as u32);
            }
            for l in c.to_lowercase() {
                let l = match l {
                    '0'..='9' => '0',
                    '\u{2019}' => '\'',
                    l => l,
                } as u32;
                lower.push(l);
                if count < 3 {
                    first[count] = l;
                }
                last.rotate_left(1);
                last[3] = l;
                count += 1;
            }
        }
        let end = |k: usize| -> u64 {
            let k = k.min(count);
            hash_chars(&last[4 - k..]) ^ (k as u64)
        };
        let start = |k: usize| -> u64 { hash_chars(&first[..k.min(count)]) ^ ((k as u64) << 8) };
        WordFeatures {
            lower: lower.finish(),
            exact: hash_str(form),
            shape: shape.finish(),
            suffix: [end(1), end(2), end(3), end(4)],
            prefix: [start(1), start(2), start(3)],
        }
    }
}

/// A hash of a sequence of characters, built as they come.
struct Chars(u64);

impl Chars {
    fn new() -> Chars {
        Chars(hash_chars(&[]))
    }
    fn push(&mut self, c: u32) {
        self.0 = (self.0 ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn finish(self) -> u64 {
        self.0
    }
}

/// FNV-1a over characters (as `Chars` builds it).
fn hash_chars(chars: &[u32]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &c in chars {
        h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A character's class in a shape: `X` a capital, `x` a small letter, `d` a digit, any other
/// character itself.
fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// A word's shape: each character's class, runs of one class cut at two.
pub fn shape(form: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = ' ';
    let mut run = 0;
    for class in form.chars().map(char_class) {
        run = if class == last { run + 1 } else { 1 };
        last = class;
        if run <= 2 {
            out.push(class);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cut_runs_at_two() {
        assert_eq!(shape("Hun"), "Xxx");
        assert_eq!(shape("Cambodia"), "Xxx");
        assert_eq!(shape("1,000"), "d,dd");
        assert_eq!(shape("U.S."), "X.X.");
    }

    #[test]
    fn the_one_pass_agrees_with_the_definitions() {
        let w = WordFeatures::of("Hun-Sen’s");
        let lower: Vec<u32> = "hun-sen's".chars().map(|c| c as u32).collect();
        assert_eq!(w.suffix[2], hash_chars(&lower[lower.len() - 3..]) ^ 3);
        assert_eq!(w.prefix[1], hash_chars(&lower[..2]) ^ (2 << 8));
        let shape: Vec<u32> = shape("Hun-Sen’s").chars().map(|c| c as u32).collect();
        assert_eq!(w.shape, hash_chars(&shape));
        // A word shorter than an affix has the whole word as that affix.
        assert_eq!(
            WordFeatures::of("a").suffix[3],
            hash_chars(&['a' as u32]) ^ 1
        );
    }

    #[test]
    fn digits_share_a_form() {
        assert_eq!(
            WordFeatures::of("1999").lower,
            WordFeatures::of("2024").lower
        );
        assert_ne!(
            WordFeatures::of("Thai").exact,
            WordFeatures::of("thai").exact
        );
        assert_eq!(
            WordFeatures::of("Thai").lower,
            WordFeatures::of("thai").lower
        );
    }
}
