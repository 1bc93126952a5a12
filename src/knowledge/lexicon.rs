//! The word lists of `data/lexicon.toml` and the patterns of `data/boilerplate.toml`.

use crate::error::{Error, Result};
use crate::model::{EntityType, Qualifier};
use regex_automata::nfa::thompson::{self, pikevm};
use regex_automata::util::{pool::Pool, syntax};
use regex_automata::{hybrid, Anchored, Input};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::panic::{RefUnwindSafe, UnwindSafe};

#[derive(Deserialize)]
struct LexiconFile {
    abbreviations: Vec<String>,
    person_titles: Vec<String>,
    #[serde(default)]
    title_modifiers: Vec<String>,
    #[serde(default)]
    portfolio_words: Vec<String>,
    person_roles: Vec<String>,
    organisation_heads: Vec<String>,
    organisation_starts: Vec<String>,
    #[serde(default)]
    organisation_cues_before: Vec<String>,
    place_heads: Vec<String>,
    place_strip_suffixes: Vec<String>,
    place_cues_before: Vec<String>,
    facility_heads: Vec<String>,
    #[serde(default)]
    name_facility_heads: Vec<String>,
    #[serde(default)]
    adjectival_compound_words: Vec<String>,
    reporter_kinds: Vec<String>,
    people_nouns: Vec<String>,
    group_modifiers: Vec<String>,
    count_qualifiers: Vec<QualifierRow>,
    approximate_counts: Vec<String>,
    #[serde(default)]
    dual_subjects: Vec<String>,
    #[serde(default)]
    question_frame_words: Vec<String>,
    authority_nouns: Vec<String>,
    #[serde(default)]
    anaphora: Vec<AnaphoraRow>,
    common: CommonWords,
}

#[derive(Deserialize)]
struct QualifierRow {
    words: String,
    qualifier: String,
}

#[derive(Deserialize)]
struct CommonWords {
    words: String,
    #[serde(default)]
    name_openers: String,
    #[serde(default)]
    name_continuations: String,
}

#[derive(Deserialize, Clone, Debug)]
pub struct AnaphoraRow {
    pub phrase: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub requires_long_name: Option<String>,
    #[serde(default)]
    pub requires_class: Option<String>,
}

/// A definite description that refers back to an entity: "the kingdom", "the province".
#[derive(Debug, Clone)]
pub struct Anaphor {
    pub phrase: Phrase,
    pub kind: EntityType,
    /// The state's ISO long name must contain this ("Kingdom").
    pub long_name: Option<String>,
    /// The place's gazetteer kind must be this ("province").
    pub class: Option<String>,
}

/// A multi-word phrase as lowercase tokens, for matching against token sequences.
pub type Phrase = Vec<String>;

/// A bitmap of the words of a list, keyed by each word's length and first two and last two
/// bytes, with room for sixteen bits per word (one bit each). Most tokens looked up in a list
/// are not in it, and nearly all of those are rejected by one bit test instead of hashing the
/// word and comparing it with the candidates in its bucket. Short words are keyed by all their
/// bytes; a large list (thousands of gazetteer names) gets a bitmap to match, where one of a
/// fixed size would let most words through.
#[derive(Debug, Clone)]
struct WordFilter {
    bits: Box<[u64]>,
    /// How far a key's 64-bit mix is shifted to index `bits`' bits.
    shift: u32,
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter::with_bits(WordFilter::MIN_BITS)
    }
}

impl WordFilter {
    const MIN_BITS: usize = 1 << 10;
    const MAX_BITS: usize = 1 << 20;
    const BITS_PER_WORD: usize = 16;

    fn with_bits(bits: usize) -> Self {
        WordFilter {
            bits: vec![0u64; bits / 64].into_boxed_slice(),
            shift: 64 - bits.trailing_zeros(),
        }
    }

    /// A filter with room for `count` words, holding `words`.
    fn holding<'a>(count: usize, words: impl Iterator<Item = &'a str>) -> Self {
        let bits = (count * Self::BITS_PER_WORD)
            .next_power_of_two()
            .clamp(Self::MIN_BITS, Self::MAX_BITS);
        let mut filter = Self::with_bits(bits);
        for w in words {
            filter.admit(w);
        }
        filter
    }

    fn has_room_for(&self, count: usize) -> bool {
        let bits = self.bits.len() * 64;
        bits >= Self::MAX_BITS || count * Self::BITS_PER_WORD <= bits
    }

    #[inline]
    fn slot(&self, word: &str) -> Option<usize> {
        let key = match *word.as_bytes() {
            [] => return None,
            [only] => u64::from(only) << 8 | 1,
            [first, second, ..] => {
                let b = word.as_bytes();
                let n = b.len();
                n as u64
                    | u64::from(u16::from_le_bytes([first, second])) << 8
                    | u64::from(u16::from_le_bytes([b[n - 2], b[n - 1]])) << 24
            }
        };
        Some((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize)
    }

    fn admit(&mut self, word: &str) {
        if let Some(bit) = self.slot(word) {
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// False when no word of the list has this word's key.
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        self.slot(word)
            .is_some_and(|bit| self.bits[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// A set of words (lower case where the list says so), quick to say "not in the list".
#[derive(Debug, Clone, Default)]
pub struct WordSet(WordMap<()>);

impl WordSet {
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.0.get(word).is_some()
    }
}

/// A map from words, quick to say "no entry": most tokens looked up have none.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    map: FxHashMap<String, V>,
    filter: WordFilter,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: FxHashMap::default(),
            filter: WordFilter::default(),
        }
    }
}

impl<V: Default> WordMap<V> {
    /// The entry of `word`, made empty when it has none.
    pub fn entry(&mut self, word: &str) -> &mut V {
        if !self.map.contains_key(word) {
            if self.filter.has_room_for(self.map.len() + 1) {
                self.filter.admit(word);
            } else {
                let words = self.map.keys().map(String::as_str).chain([word]);
                self.filter = WordFilter::holding(2 * (self.map.len() + 1), words);
            }
        }
        self.map.entry(word.to_string()).or_default()
    }
}

impl<V> WordMap<V> {
    // The filter's test inlines where a word is looked up; the hash lookup behind it does not.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        if self.filter.may_hold(word) {
            self.lookup(word)
        } else {
            None
        }
    }

    #[inline(never)]
    fn lookup(&self, word: &str) -> Option<&V> {
        self.map.get(word)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.map.values_mut()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = WordSet::default();
        for w in iter {
            set.0.entry(&w);
        }
        set
    }
}

/// Phrases longest first, indexed by their first and by their last word, so that asking
/// "which phrase starts (or ends) here?" costs a hash lookup rather than a scan of the list.
#[derive(Debug, Clone, Default)]
pub struct PhraseList {
    phrases: Vec<Phrase>,
    by_first: WordMap<Vec<usize>>,
    by_last: WordMap<Vec<usize>>,
}

impl PhraseList {
    pub fn new(mut phrases: Vec<Phrase>) -> PhraseList {
        phrases.retain(|p| !p.is_empty());
        // Longest first, so the first match is the longest.
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        phrases.dedup();
        let mut by_first: WordMap<Vec<usize>> = WordMap::default();
        let mut by_last: WordMap<Vec<usize>> = WordMap::default();
        for (i, p) in phrases.iter().enumerate() {
            by_first.entry(&p[0]).push(i);
            by_last.entry(&p[p.len() - 1]).push(i);
        }
        PhraseList {
            phrases,
            by_first,
            by_last,
        }
    }

    /// The phrases whose first word is `word`, longest first.
    pub fn starting_with<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Phrase> + 'a {
        self.indexed(&self.by_first, word)
    }

    /// The phrases whose last word is `word`, longest first.
    pub fn ending_with<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Phrase> + 'a {
        self.indexed(&self.by_last, word)
    }

    fn indexed<'a>(
        &'a self,
        index: &'a WordMap<Vec<usize>>,
        word: &str,
    ) -> impl Iterator<Item = &'a Phrase> + 'a {
        index
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| &self.phrases[i])
    }
}

impl std::ops::Deref for PhraseList {
    type Target = [Phrase];
    fn deref(&self) -> &[Phrase] {
        &self.phrases
    }
}

fn phrase(s: &str) -> Phrase {
    crate::text::tokenize(s)
        .into_iter()
        .map(|t| t.text.to_lowercase())
        .map(String::from)
        .collect()
}

fn phrases(list: &[String]) -> PhraseList {
    PhraseList::new(list.iter().map(|s| phrase(s)).collect())
}

fn lower_set(list: &[String]) -> WordSet {
    list.iter().map(|s| s.to_lowercase()).collect()
}

/// A whitespace-separated word list, lower-cased.
fn word_list(words: &str) -> WordSet {
    words.split_whitespace().map(str::to_lowercase).collect()
}

pub struct Lexicon {
    abbreviations: WordSet,
    /// The abbreviations written in lower case ("approx", "no"), folded: they also end a
    /// capitalised word ("Approx.", "No.").
    lowercase_abbreviations: WordSet,
    pub person_titles: PhraseList,
    /// Words that qualify a title before it ("Assistant Minister", "Acting Governor").
    pub title_modifiers: WordSet,
    /// Words of a title's portfolio after "of" or "for" ("Minister of Public Security").
    pub portfolio_words: WordSet,
    pub person_roles: PhraseList,
    pub organisation_heads: WordSet,
    pub organisation_starts: PhraseList,
    /// Lower-case nouns right before a name that make it a body's: "state broadcaster CCTV".
    pub organisation_cues_before: PhraseList,
    pub place_heads: PhraseList,
    pub place_strip_suffixes: WordSet,
    pub place_cues_before: PhraseList,
    pub facility_heads: PhraseList,
    /// Facility words after a name no list knows that make the name a place.
    pub name_facility_heads: PhraseList,
    /// The words after a hyphen that make a capitalised compound an adjective ("UK-controlled",
    /// "Thai-owned"); see [`Lexicon::is_adjectival_compound`].
    adjectival_compound_words: WordSet,
    pub reporter_kinds: Vec<String>,
    pub people_nouns: PhraseList,
    pub group_modifiers: WordSet,
    pub count_qualifiers: Vec<(Phrase, Qualifier)>,
    /// The first words of count qualifiers and approximate counts: a group can start only at
    /// one of these, a number or a determiner.
    pub count_starts: WordSet,
    pub approximate_counts: PhraseList,
    pub authority_nouns: PhraseList,
    /// "the two sides", "both countries": the two parties last named.
    pub dual_subjects: PhraseList,
    /// Words of a question that say what is asked, not what about ("did", "take place").
    pub question_frame_words: WordSet,
    pub anaphora: Vec<Anaphor>,
    common: WordSet,
    /// Common words that open a body's name when capitalised inside a sentence ("the Foreign
    /// Ministry", "the First National Bank"), lower-case.
    pub name_openers: WordSet,
    /// Words that carry a body's name on after "and" ("First National Bank and Trust Co").
    pub name_continuations: WordSet,
}

impl Lexicon {
    pub fn parse(src: &str) -> Result<Lexicon> {
        let f: LexiconFile = toml::from_str(src).map_err(|e| Error::data("lexicon.toml", e))?;
        let mut count_qualifiers = Vec::new();
        for row in &f.count_qualifiers {
            let q = match row.qualifier.as_str() {
                "at_least" => Qualifier::AtLeast,
                "more_than" => Qualifier::MoreThan,
                "about" => Qualifier::About,
                "exact" => Qualifier::Exact,
                "approximate" => Qualifier::Approximate,
                other => {
                    return Err(Error::data(
                        "lexicon.toml",
                        format!("unknown count qualifier `{other}`"),
                    ))
                }
            };
            count_qualifiers.push((phrase(&row.words), q));
        }
        count_qualifiers.sort_by_key(|q| std::cmp::Reverse(q.0.len()));
        let mut anaphora = Vec::new();
        for a in &f.anaphora {
            let kind = EntityType::parse(&a.kind).ok_or_else(|| {
                Error::data(
                    "lexicon.toml",
                    format!("anaphora: unknown type `{}`", a.kind),
                )
            })?;
            anaphora.push(Anaphor {
                phrase: phrase(&a.phrase),
                kind,
                long_name: a.requires_long_name.clone(),
                class: a.requires_class.clone(),
            });
        }
        anaphora.sort_by_key(|a| std::cmp::Reverse(a.phrase.len()));
        let approximate_counts = phrases(&f.approximate_counts);
        let count_starts = count_qualifiers
            .iter()
            .filter_map(|(p, _)| p.first().cloned())
            .chain(approximate_counts.iter().filter_map(|p| p.first().cloned()))
            .collect();
        Ok(Lexicon {
            abbreviations: f.abbreviations.iter().cloned().collect(),
            lowercase_abbreviations: f
                .abbreviations
                .iter()
                .filter(|a| a.chars().next().is_some_and(char::is_lowercase))
                .map(|a| a.to_ascii_lowercase())
                .collect(),
            person_titles: phrases(&f.person_titles),
            title_modifiers: lower_set(&f.title_modifiers),
            portfolio_words: lower_set(&f.portfolio_words),
            person_roles: phrases(&f.person_roles),
            organisation_heads: lower_set(&f.organisation_heads),
            organisation_starts: phrases(&f.organisation_starts),
            organisation_cues_before: phrases(&f.organisation_cues_before),
            place_heads: phrases(&f.place_heads),
            place_strip_suffixes: lower_set(&f.place_strip_suffixes),
            place_cues_before: phrases(&f.place_cues_before),
            facility_heads: phrases(&f.facility_heads),
            name_facility_heads: phrases(&f.name_facility_heads),
            adjectival_compound_words: lower_set(&f.adjectival_compound_words),
            reporter_kinds: f.reporter_kinds.clone(),
            people_nouns: phrases(&f.people_nouns),
            group_modifiers: lower_set(&f.group_modifiers),
            count_qualifiers,
            approximate_counts,
            count_starts,
            authority_nouns: phrases(&f.authority_nouns),
            dual_subjects: phrases(&f.dual_subjects),
            question_frame_words: lower_set(&f.question_frame_words),
            anaphora,
            common: word_list(&f.common.words),
            name_openers: word_list(&f.common.name_openers),
            name_continuations: word_list(&f.common.name_continuations),
        })
    }

    /// "Gen" in "Gen." or "U.S" in "U.S.": a period after it does not end a sentence.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word)
            || with_ascii_lowercase(word, |w| self.lowercase_abbreviations.contains(w))
    }

    /// A hyphenated word that describes rather than names: its last part is lower case and a
    /// participle ("UK-controlled", "Myanmar-based") or a listed word ("Chinese-run").
    pub fn is_adjectival_compound(&self, token: &str) -> bool {
        // Most words have no hyphen: one pass over the bytes says so (0xE2 leads U+2011).
        if !token.bytes().any(|b| b == b'-' || b == 0xE2) {
            return false;
        }
        let Some((_, last)) = token.rsplit_once(['-', '\u{2011}']) else {
            return false;
        };
        !last.is_empty()
            && last.bytes().all(|b| b.is_ascii_lowercase())
            && (last.len() > 3 && last.ends_with("ed")
                || self.adjectival_compound_words.contains(last))
    }

    /// Is this lower-case form (a sentence's `lower` token) a common word?
    pub fn is_common_lower(&self, lower: &str) -> bool {
        self.common.contains(lower)
    }

    /// A common English word (function words, weekdays, sentence openers).
    pub fn is_common(&self, word: &str) -> bool {
        // Called for most capitalised tokens: ASCII words are lower-cased on the stack.
        if word.is_ascii() {
            with_ascii_lowercase(word, |w| self.common.contains(w))
        } else {
            self.common.contains(&word.to_lowercase())
        }
    }
}

/// `ask(word.to_ascii_lowercase())`, the lower-case copy of a short word made on the stack:
/// asked at every period and of most capitalised words in the text.
fn with_ascii_lowercase(word: &str, ask: impl FnOnce(&str) -> bool) -> bool {
    let mut buf = [0u8; 32];
    match buf.get_mut(..word.len()) {
        Some(lower) => {
            lower.copy_from_slice(word.as_bytes());
            // ASCII letters change and nothing else: the bytes stay UTF-8.
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(ask)
        }
        None => ask(&word.to_ascii_lowercase()),
    }
}

#[derive(Deserialize)]
struct BoilerplateFile {
    line_patterns: Vec<String>,
    #[serde(default)]
    credit_patterns: Vec<String>,
    tail_patterns: Vec<String>,
    min_words_for_duplicate: usize,
}

/// The boilerplate patterns: checked when the data is read, compiled on first use (or, in the
/// pipeline, beside its start-up). Compiling them costs a few milliseconds, which `ask` and
/// `query` (which never clean articles) need not pay.
pub struct Boilerplate {
    line: Vec<String>,
    credit: Vec<String>,
    tail: Vec<String>,
    compiled: std::sync::OnceLock<std::result::Result<BoilerplateSets, String>>,
    pub min_words_for_duplicate: usize,
}

/// The compiled sets; see [`Boilerplate::sets`].
pub struct BoilerplateSets {
    line: LineMatcher,
    credit: LineMatcher,
    tail: LineMatcher,
}

/// One list of whole-line patterns, compiled for speed on long lines. The patterns anchored at
/// the line's start share one set, whose automaton gives up a few characters into a line of
/// prose. A pattern that may match anywhere (`^.*…`) is compiled alone and without that prefix
/// (the same lines match), so that the engine looks for its literal words first instead of
/// running every line to its end through the whole set.
struct LineMatcher {
    anchored: LineSet,
    anywhere: Vec<regex::Regex>,
}

/// Several patterns asked only whether one of them matches a line. `regex::RegexSet` would
/// also compile reverse automata (to report where matches start), which no caller needs: half
/// the cost of compiling the set at every start-up. A forward lazy DFA answers; the PikeVM on
/// the same automaton stands in where the lazy DFA gives up (a Unicode word boundary in a
/// user's pattern, say).
struct LineSet {
    dfa: hybrid::dfa::DFA,
    pikevm: pikevm::PikeVM,
    anchored: Anchored,
    caches: Pool<LineSetCache, LineSetCacheFn>,
}

struct LineSetCache {
    dfa: hybrid::dfa::Cache,
    pikevm: pikevm::Cache,
}

type LineSetCacheFn = Box<dyn Fn() -> LineSetCache + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl LineSet {
    fn new(patterns: &[&String]) -> std::result::Result<LineSet, String> {
        let nfa = thompson::Compiler::new()
            .syntax(syntax::Config::new().case_insensitive(true))
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        let anchored = if nfa.is_always_start_anchored() {
            Anchored::Yes
        } else {
            Anchored::No
        };
        // A Unicode word boundary is answered on ASCII text; the DFA gives up at the first
        // non-ASCII byte, and the PikeVM takes over.
        let dfa = hybrid::dfa::DFA::builder()
            .configure(hybrid::dfa::Config::new().unicode_word_boundary(true))
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let pikevm = pikevm::PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let (d, p) = (dfa.clone(), pikevm.clone());
        let create: LineSetCacheFn = Box::new(move || LineSetCache {
            dfa: d.create_cache(),
            pikevm: p.create_cache(),
        });
        Ok(LineSet {
            dfa,
            pikevm,
            anchored,
            caches: Pool::new(create),
        })
    }

    fn is_match(&self, line: &str) -> bool {
        let input = Input::new(line).anchored(self.anchored).earliest(true);
        let mut cache = self.caches.get();
        match self.dfa.try_search_fwd(&mut cache.dfa, &input) {
            Ok(found) => found.is_some(),
            Err(_) => self.pikevm.is_match(&mut cache.pikevm, input),
        }
    }
}

impl LineMatcher {
    fn compile(list: &[String]) -> std::result::Result<LineMatcher, String> {
        let (anywhere, anchored): (Vec<&String>, Vec<&String>) =
            list.iter().partition(|p| p.starts_with("^.*"));
        Ok(LineMatcher {
            anchored: LineSet::new(&anchored)?,
            anywhere: anywhere
                .into_iter()
                .map(|p| {
                    regex::RegexBuilder::new(&p["^.*".len()..])
                        .case_insensitive(true)
                        .build()
                        .map_err(|e| e.to_string())
                })
                .collect::<std::result::Result<_, _>>()?,
        })
    }

    fn is_match(&self, line: &str) -> bool {
        self.anchored.is_match(line) || self.anywhere.iter().any(|r| r.is_match(line))
    }
}

impl Boilerplate {
    pub fn parse(src: &str) -> Result<Boilerplate> {
        let f: BoilerplateFile =
            toml::from_str(src).map_err(|e| Error::data("boilerplate.toml", e))?;
        // Word boundaries are ASCII ones: a Unicode `\b` keeps the regex engine off its fast
        // DFA paths. Each pattern's syntax is checked now, so a bad one is named at start-up.
        let check = |list: &[String]| -> Result<Vec<String>> {
            list.iter()
                .map(|p| {
                    let p = p.replace(r"\b", r"(?-u:\b)");
                    // The syntax only: translating it (Unicode case folding above all) is
                    // most of the cost of compiling, which the first use pays.
                    regex_syntax::ast::parse::Parser::new()
                        .parse(&p)
                        .map_err(|e| {
                            Error::data("boilerplate.toml", format!("pattern {p:?}: {e}"))
                        })?;
                    Ok(p)
                })
                .collect()
        };
        Ok(Boilerplate {
            line: check(&f.line_patterns)?,
            credit: check(&f.credit_patterns)?,
            tail: check(&f.tail_patterns)?,
            compiled: std::sync::OnceLock::new(),
            min_words_for_duplicate: f.min_words_for_duplicate,
        })
    }

    /// The compiled sets (compiled by the first caller). Fails only when valid patterns exceed
    /// the regex engine's size limits.
    pub fn sets(&self) -> Result<&BoilerplateSets> {
        self.compiled
            .get_or_init(|| {
                Ok(BoilerplateSets {
                    line: LineMatcher::compile(&self.line)?,
                    credit: LineMatcher::compile(&self.credit)?,
                    tail: LineMatcher::compile(&self.tail)?,
                })
            })
            .as_ref()
            .map_err(|e| Error::data("boilerplate.toml", e))
    }
}

impl BoilerplateSets {
    pub fn is_boilerplate_line(&self, line: &str) -> bool {
        self.line.is_match(line)
    }

    /// A byline or photo credit: kept, but not prose.
    pub fn is_credit_line(&self, line: &str) -> bool {
        self.credit.is_match(line)
    }

    pub fn starts_tail(&self, line: &str) -> bool {
        self.tail.is_match(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_growing_word_map_keeps_every_word_and_rejects_most_others() {
        let mut map: WordMap<usize> = WordMap::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}x")).collect();
        for (i, w) in words.iter().enumerate() {
            *map.entry(w) = i;
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(&i), "{w}");
        }
        assert_eq!(map.get(""), None);
        assert!(map.filter.bits.len() * 64 >= 5000 * WordFilter::BITS_PER_WORD);
        // Words the map lacks: nearly all are turned away by the filter alone.
        let let_through = (0..5000)
            .map(|i| format!("q{i}z"))
            .filter(|w| map.filter.may_hold(w))
            .count();
        assert!(let_through < 500, "{let_through} of 5000 let through");
        assert_eq!(map.get("q1z"), None);
    }

    #[test]
    fn abbreviations_match_exactly_or_from_lower_case_in_any_case() {
        let lex = &crate::knowledge::Knowledge::embedded().lexicon;
        assert!(lex.is_abbreviation("Gen"));
        assert!(
            !lex.is_abbreviation("GEN"),
            "a capitalised abbreviation is exact"
        );
        assert!(lex.is_abbreviation("approx"));
        assert!(lex.is_abbreviation("Approx"));
        assert!(lex.is_abbreviation("A.M"));
        assert!(!lex.is_abbreviation("Cambodia"));
    }

    #[test]
    fn a_bad_boilerplate_pattern_is_named_when_the_data_is_read() {
        let src = "line_patterns = ['^share$', '^(unclosed']\ntail_patterns = []\nmin_words_for_duplicate = 6\n";
        let err = Boilerplate::parse(src).err().expect("a syntax error");
        let msg = err.to_string();
        assert!(
            msg.contains("boilerplate.toml") && msg.contains("(unclosed"),
            "{msg}"
        );
    }

    #[test]
    fn adjectival_compounds_are_participles_or_listed_words_after_a_hyphen() {
        let lex = &crate::knowledge::Knowledge::embedded().lexicon;
        for word in [
            "UK-controlled",
            "Thai-owned",
            "Chinese-run",
            "Montreal-based",
            "Thai-born",
        ] {
            assert!(lex.is_adjectival_compound(word), "{word}");
        }
        for word in [
            "Hpa-an",
            "Hydro-Quebec",
            "Bangkok",
            "Ban-ed",
            "Ho-Chi-Minh",
            "Jean-",
        ] {
            assert!(!lex.is_adjectival_compound(word), "{word}");
        }
    }

    #[test]
    fn boilerplate_sets_compile_once_and_match_case_insensitively() {
        let src = "line_patterns = ['^read more\\b.*']\ncredit_patterns = ['^photo:.*']\ntail_patterns = ['^\\d+ comments$']\nmin_words_for_duplicate = 6\n";
        let b = Boilerplate::parse(src).unwrap();
        let sets = b.sets().unwrap();
        assert!(sets.is_boilerplate_line("Read More: the border talks"));
        assert!(!sets.is_boilerplate_line("Readers more often ask"));
        assert!(sets.is_credit_line("PHOTO: AFP"));
        assert!(sets.starts_tail("12 Comments"));
        assert!(std::ptr::eq(sets, b.sets().unwrap()));
    }

    #[test]
    fn the_shipped_byline_pattern_takes_names_in_any_script_and_case() {
        let sets = crate::knowledge::Knowledge::embedded()
            .boilerplate
            .sets()
            .unwrap();
        assert!(sets.is_credit_line("By John Smith"));
        assert!(sets.is_credit_line("BY JOSÉ PÉREZ AND ÅSA LINDQVIST"));
        assert!(sets.is_credit_line("by Nguyễn Văn An and Lê Thị Hoa"));
        assert!(!sets.is_credit_line("By contrast, the police said nothing"));
        assert!(!sets.is_credit_line("By the end of the year the police had arrested hundreds"));
    }

    #[test]
    fn line_sets_keep_the_regex_semantics_of_their_patterns() {
        // A pattern without `^` may match inside a line, as in any regex set; a Unicode word
        // boundary (`\B` is not made ASCII) stops the lazy DFA at "é", and the PikeVM answers.
        let src = r"line_patterns = ['sponsored by', '^x\B.*']
tail_patterns = []
min_words_for_duplicate = 6
";
        let b = Boilerplate::parse(src).unwrap();
        let sets = b.sets().unwrap();
        assert!(sets.is_boilerplate_line("Content SPONSORED BY a bank"));
        assert!(sets.is_boilerplate_line("xé"), "é is a word character");
        assert!(!sets.is_boilerplate_line("x é"));
        assert!(!sets.is_boilerplate_line("Police said"));
    }

    #[test]
    fn a_pattern_that_matches_anywhere_still_matches_whole_lines_only_where_it_did() {
        let src = r"line_patterns = ['^share\b.*', '^.*\bcookies\b.*\baccept\b.*', '^.*\bsubscribe now$']
tail_patterns = []
min_words_for_duplicate = 6
";
        let b = Boilerplate::parse(src).unwrap();
        let sets = b.sets().unwrap();
        assert!(sets.is_boilerplate_line("This site uses COOKIES; please accept them"));
        assert!(
            !sets.is_boilerplate_line("Accept the cookies"),
            "order kept"
        );
        assert!(sets.is_boilerplate_line("Get the news first: subscribe now"));
        assert!(
            !sets.is_boilerplate_line("Subscribe now or later"),
            "end anchor kept"
        );
        assert!(sets.is_boilerplate_line("Share this"));
        assert!(
            !sets.is_boilerplate_line("Police will share this"),
            "start anchor kept"
        );
    }
}
