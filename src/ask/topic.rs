//! What a question is about besides its names: the words of its object that name no entity
//! ("Who arrested members of the voice-phishing gang?" → "voice-phishing", "gang"). An answer
//! whose evidence mentions them all is preferred; when no answer's evidence does, the text
//! said it in other words and every answer stays.

use super::question::Named;
use crate::knowledge::Knowledge;

/// Shorter words are too often incidental ("men", "ran") to require.
const MIN_LETTERS: usize = 4;

/// The object's words: after the question's verb (`verb_end`, a byte offset in the normalised
/// question), outside names, and neither frame words, people nouns, their modifiers, numbers
/// nor dates.
pub fn object_words(q: &str, verb_end: usize, names: &[Named], k: &Knowledge) -> Vec<String> {
    let lex = &k.lexicon;
    let mut out: Vec<String> = Vec::new();
    let mut pos = 0;
    for raw in q.split(' ') {
        let (start, end) = (pos, pos + raw.len());
        pos = end + 1;
        if start < verb_end || names.iter().any(|n| n.start < end && start < n.end) {
            continue;
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let people = lex.people_nouns.starting_with(w).any(|p| p.len() == 1)
            || lex
                .people_nouns
                .starting_with(&format!("{w}s"))
                .any(|p| p.len() == 1);
        let dated = crate::extract::dates::month_number(w).is_some()
            || crate::extract::dates::weekday_named(w).is_some();
        if letters < MIN_LETTERS
            || w.chars().any(|c| c.is_ascii_digit())
            || lex.question_frame_words.contains(w)
            || lex.group_modifiers.contains(w)
            || people
            || dated
            || out.iter().any(|o| o == w)
        {
            continue;
        }
        out.push(w.to_string());
    }
    out
}

/// Whether `text` has `word` as a whole word, ignoring case.
pub fn mentions_word(text: &str, word: &str) -> bool {
    let (text, word) = (text.to_lowercase(), word.to_lowercase());
    text.match_indices(&word)
        .any(|(at, _)| super::question::is_boundary(&text, at, at + word.len()))
}

/// Whether `text` has `word`, or its singular or plural, as a whole word, ignoring case.
pub fn mentions(text: &str, word: &str) -> bool {
    let singular = word.strip_suffix('s').filter(|s| s.len() >= MIN_LETTERS);
    mentions_word(text, word)
        || mentions_word(text, &format!("{word}s"))
        || singular.is_some_and(|s| mentions_word(text, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ask::question::{find_event_type, normalise};

    fn words(q: &str) -> Vec<String> {
        let k = Knowledge::embedded();
        let q = normalise(q);
        let verb_end = find_event_type(&q, k).map_or(0, |e| e.2);
        object_words(&q, verb_end, &[], k)
    }

    #[test]
    fn the_object_s_words_are_kept_and_the_frame_is_not() {
        assert_eq!(
            words("Who arrested members of the voice-phishing gang?"),
            ["voice-phishing", "gang"]
        );
        assert!(words("Who deported whom?").is_empty());
        assert!(words("Where did the raids take place?").is_empty());
        assert!(words("How many Thai nationals were deported in June 2024?").is_empty());
        assert!(words("Who arrested 40 foreign workers on Sunday?").is_empty());
    }

    #[test]
    fn a_word_is_found_in_its_singular_or_plural() {
        assert!(mentions("Police raided the gangs' hideouts.", "gang"));
        assert!(mentions("A voice-phishing gang was broken up.", "gangs"));
        assert!(!mentions("A gangway collapsed.", "gang"));
    }
}
