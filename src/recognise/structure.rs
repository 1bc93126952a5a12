//! Name structure after the model: where the recogniser's training news holds too few names
//! of a shape, the word classes of `data/name-structure.toml` and the lexicon's organisation
//! heads complete them. A company's legal form and an organisation's head word end its name
//! and make it an organisation ("Silver Crane Holdings Co., Ltd", "… Suppression Bureau"); a
//! person's name goes on over an initial ("Reynaldo M. Castillo"), a generational suffix
//! ("Jr.") and, for Chinese names written as separate syllables, over the syllables after it
//! ("Xu Ji Liang").

use super::features::TokenFeatures;
use super::labels::{NameKind, NameSpan};
use crate::knowledge::Knowledge;
use crate::model::Sentence;

/// The longest a Chinese name written in syllables runs.
const MOST_SYLLABLES: usize = 4;

pub(super) fn complete(
    names: &mut Vec<NameSpan>,
    s: &Sentence,
    tokens: &[TokenFeatures],
    k: &Knowledge,
) {
    let classes = &k.names;
    let legal = classes.bits(&["legal_suffixes"]);
    let at = Tokens {
        s,
        tokens,
        legal,
        head: classes.bits(&["organisation_head"]) | legal,
        suffix: classes.bits(&["name_suffixes"]),
        syllable: classes.bits(&["pinyin", "surname_chinese"]),
    };
    for n in names.iter_mut() {
        at.grow_organisation(n);
        if n.kind == NameKind::Person {
            at.grow_person(n);
        }
    }
    split_at_double_connectors(names, s);
    // A name that grew over the next one takes its place.
    let mut kept: Vec<NameSpan> = Vec::with_capacity(names.len());
    for n in names.drain(..) {
        match kept.last() {
            Some(last) if n.start < last.end => {}
            _ => kept.push(n),
        }
    }
    *names = kept;
}

/// A sentence's tokens with the name-structure classes the rules ask of them.
struct Tokens<'a> {
    s: &'a Sentence,
    tokens: &'a [TokenFeatures],
    legal: u32,
    head: u32,
    suffix: u32,
    syllable: u32,
}

impl Tokens<'_> {
    /// Token `i` has a capital and one of the classes `bits`.
    fn has(&self, i: usize, bits: u32) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.capital && t.classes & bits != 0)
    }
    fn capital(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.capital)
    }
    fn text(&self, i: usize) -> &str {
        self.s.tokens.get(i).map_or("", |t| t.text.as_str())
    }
    /// A sign that touches the word before it ("Co.", "Co.,").
    fn glued(&self, i: usize) -> bool {
        i > 0
            && self
                .s
                .tokens
                .get(i)
                .is_some_and(|t| t.span.start == self.s.tokens[i - 1].span.end)
    }
    /// Where a run of capitalised words from `i` ends, before any head word.
    fn capitals_from(&self, mut i: usize) -> usize {
        while self.capital(i) && !self.has(i, self.head) {
            i += 1;
        }
        i
    }

    /// Heads and legal forms after the name (a legal form also after a sign glued to the name:
    /// "Co., Ltd") make it an organisation's and end it; a head takes its "of" complement.
    fn grow_organisation(&self, n: &mut NameSpan) {
        loop {
            let mut next = n.end;
            if matches!(self.text(next), "." | ",") && self.glued(next) {
                next += 1;
            }
            if self.text(next) == "," {
                next += 1;
            }
            let found = if next > n.end {
                self.has(next, self.legal)
            } else {
                self.has(next, self.head)
            };
            if !found {
                break;
            }
            n.end = next + 1;
            n.kind = NameKind::Organisation;
        }
        // "Ltd." inside a sentence keeps its period.
        if n.kind == NameKind::Organisation
            && self.has(n.end - 1, self.legal)
            && self.text(n.end) == "."
            && self.glued(n.end)
            && n.end + 1 < self.s.tokens.len()
        {
            n.end += 1;
        }
        // "Court of Justice", "Ministry of Public Security" (not over a name a list knows:
        // "Bank of Thailand" stays two mentions).
        if n.kind == NameKind::Organisation
            && self.has(n.end - 1, self.head)
            && self.s.lower.get(n.end).is_some_and(|w| w == "of")
        {
            let mut end = n.end + 1;
            while self
                .tokens
                .get(end)
                .is_some_and(|t| t.capital && t.gazetteer == 0)
            {
                end += 1;
            }
            if end > n.end + 1 {
                n.end = end;
            }
        }
        if self.has(n.end - 1, self.head)
            && n.kind != NameKind::Organisation
            && n.kind != NameKind::Other
        {
            n.kind = NameKind::Organisation;
        }
    }

    /// A person's name goes on over an initial, a nickname in quotes, a suffix and, for a
    /// Chinese name, its syllables.
    fn grow_person(&self, n: &mut NameSpan) {
        // An initial and the name after it: "Reynaldo M. Castillo".
        if self.text(n.end - 1).chars().count() == 1
            && self.text(n.end) == "."
            && self.glued(n.end)
            && self.capital(n.end + 1)
        {
            n.end = self.capitals_from(n.end + 1);
        }
        while self.text(n.end).chars().count() == 1
            && self.capital(n.end)
            && self.text(n.end + 1) == "."
            && self.capital(n.end + 2)
        {
            n.end = self.capitals_from(n.end + 3);
        }
        // A nickname in quotes inside the name: Jesus Crispin "Boying" Remulla.
        if is_quote(self.text(n.end))
            && self.capital(n.end + 1)
            && is_quote(self.text(n.end + 2))
            && self.capital(n.end + 3)
        {
            n.end = self.capitals_from(n.end + 3);
        }
        if self.has(n.end, self.suffix) {
            n.end += 1 + usize::from(self.text(n.end + 1) == "." && self.glued(n.end + 1));
        }
        if (n.start..n.end).all(|i| self.has(i, self.syllable)) {
            while n.end - n.start < MOST_SYLLABLES && self.has(n.end, self.syllable) {
                n.end += 1;
            }
        }
    }
}

/// Words in small letters stand in a name one at a time ("Bank of England", "Trade and
/// Industry"), or before an article ("Bank of the Philippine Islands", "Maria de la Cruz"):
/// two others in a row ("… Industry and of First National Bank") join two names, which are cut
/// apart there; and no name ends on one.
fn split_at_double_connectors(names: &mut Vec<NameSpan>, s: &Sentence) {
    let small = |i: usize| {
        s.tokens[i]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    };
    let mut out = Vec::with_capacity(names.len());
    for n in names.drain(..) {
        let mut start = n.start;
        let mut i = n.start + 1;
        while i + 1 < n.end {
            let article = matches!(
                s.lower[i + 1].as_str(),
                "the" | "la" | "las" | "los" | "der" | "den"
            );
            if small(i) && small(i + 1) && !article {
                out.push(NameSpan {
                    start,
                    end: i,
                    kind: n.kind,
                });
                start = i + 2;
                i = start;
            }
            i += 1;
        }
        // Nor does a name end on one: "Xu has" is "Xu".
        let mut end = n.end;
        while end > start && small(end - 1) {
            end -= 1;
        }
        if start < end && !small(start) {
            out.push(NameSpan { start, end, ..n });
        }
    }
    *names = out;
}

/// An acronym the document only ever writes before a plural noun in small letters ("KTV
/// parlours", "SEZ compounds") names a kind of thing, not one thing; one it also writes alone ("the FBI
/// said") or defines ("… (FBI)") stands.
pub(super) fn drop_modifier_acronyms(names: &mut [Vec<NameSpan>], sentences: &[Sentence]) {
    let is_acronym = |s: &Sentence, n: &NameSpan| {
        n.end - n.start == 1 && crate::extract::mentions::is_acronym(&s.tokens[n.start].text)
    };
    let modifies = |s: &Sentence, n: &NameSpan| {
        s.tokens
            .get(n.end)
            .is_some_and(|t| t.text.chars().all(char::is_lowercase) && t.text.ends_with('s'))
            && (n.start == 0 || s.lower[n.start - 1] != "(")
    };
    let mut standing: std::collections::BTreeSet<&str> = Default::default();
    for (s, found) in sentences.iter().zip(names.iter()) {
        for n in found.iter().filter(|n| is_acronym(s, n) && !modifies(s, n)) {
            standing.insert(s.tokens[n.start].text.as_str());
        }
    }
    for (s, found) in sentences.iter().zip(names.iter_mut()) {
        found.retain(|n| !is_acronym(s, n) || standing.contains(s.tokens[n.start].text.as_str()));
    }
}

fn is_quote(t: &str) -> bool {
    matches!(
        t,
        "\"" | "\u{201c}" | "\u{201d}" | "'" | "\u{2018}" | "\u{2019}"
    )
}
