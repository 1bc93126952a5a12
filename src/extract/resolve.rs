//! Coreference and resolution within a document: mentions with the same canonical name are
//! one entity; surnames and short forms ("Manet", "Shinawatra"), acronyms ("AKP") and
//! definite descriptions ("the prime minister", "the kingdom") resolve to the entity they
//! refer to. Entity keys derive from type and canonical name only, so the same real-world
//! entity has the same key in every document.

mod descriptions;

use super::mentions::{Found, RawMention};
use super::tokens::Lowered;
use crate::knowledge::Knowledge;
use crate::model::{Document, Entity, EntityType, Mention, Sentence, Span};
use descriptions::resolve_descriptions;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// A mention after resolution: it points at one entity.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub sentence: usize,
    pub tokens: (usize, usize),
    pub span: Span,
    pub entity: usize,
    pub demonym: bool,
    pub acting: bool,
}

pub struct Resolution {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Resolved>,
}

impl Resolution {
    /// The state a place belongs to, or that of the place it lies within ("Chroy Changvar,
    /// Phnom Penh").
    pub fn place_state(&self, key: &str) -> Option<String> {
        let entity = |key: &str| self.entities.iter().find(|e| e.key == key);
        let place = entity(key)?;
        place
            .country
            .clone()
            .or_else(|| entity(place.within.as_deref()?)?.country.clone())
    }

    /// The mentions of one sentence, in token order. The mentions are in text order, so a
    /// sentence's are one run of them, found by binary search rather than a pass over the
    /// document's mentions for each sentence.
    pub fn in_sentence(&self, sentence: usize) -> impl Iterator<Item = &Resolved> {
        let first = self.mentions.partition_point(|m| m.sentence < sentence);
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.sentence == sentence)
    }
    pub fn kind(&self, m: &Resolved) -> EntityType {
        self.entities[m.entity].kind
    }
}

pub(crate) fn key_for(
    kind: EntityType,
    name: &str,
    country: Option<&str>,
    generic_body: bool,
) -> String {
    let type_part = match kind {
        EntityType::Person => "person",
        EntityType::State => "state",
        EntityType::Organisation => "organisation",
        EntityType::Place => "place",
    };
    let slug = super::slug(name);
    // Built in one allocation of the right size (`format!` guesses low and grows).
    let mut key =
        String::with_capacity(type_part.len() + 1 + country.map_or(0, str::len) + 1 + slug.len());
    key.push_str(type_part);
    key.push('/');
    // "Ministry of Public Security" exists in many states: its key names the state.
    if let (true, Some(c)) = (generic_body, country) {
        key.push_str(&c.to_ascii_lowercase());
        key.push('-');
    }
    key.push_str(&slug);
    key
}

pub fn resolve(
    doc: &Document,
    sentences: &[Sentence],
    lowered: &[Lowered],
    found: Found,
    k: &Knowledge,
) -> Resolution {
    let g = &k.gazetteer;
    // Vectors and maps sized for the mentions up front: growing them copies what they hold.
    let mut entities: Vec<Entity> = Vec::with_capacity(found.mentions.len());
    let mut index = NameIndex::with_capacity(found.mentions.len());
    let mut titles: FxHashMap<usize, BTreeSet<String>> = FxHashMap::default();
    let mut out: Vec<Resolved> = Vec::with_capacity(found.mentions.len());
    let mut acronyms: FxHashMap<String, usize> = FxHashMap::default();

    let mut raw = found.mentions;
    // Full names first, so that "Thatchai" can resolve to "Thatchai Pitaneelaboot".
    // (The key counts words: computed once per mention, not at every comparison.)
    raw.sort_by_cached_key(|m| std::cmp::Reverse(m.name.split_whitespace().count()));
    let mut people = People::default();
    // A mention's name in lower case: one buffer, refilled for each mention.
    let mut lower_name = String::new();
    for m in &raw {
        lower_into(&mut lower_name, &m.name);
        let target = resolve_name(m, &lower_name, &entities, &index, &people, &k.lexicon);
        let ei = match target {
            Some(ei) => ei,
            None => {
                let entry = m.entry.map(|e| &g.entries[e]);
                let generic =
                    entry.is_none() && m.kind == EntityType::Organisation && !m.name.contains(' ')
                        || (entry.is_none()
                            && m.kind == EntityType::Organisation
                            && m.country.is_some()
                            && !names_a_state(&m.name, k));
                let key = key_for(m.kind, &m.name, m.country.as_deref(), generic);
                if let Some(ei) = index.get(m.kind, &key) {
                    ei
                } else {
                    entities.push(Entity {
                        key: key.clone(),
                        kind: m.kind,
                        name: m.name.clone(),
                        aliases: BTreeSet::new(),
                        wikidata: entry.and_then(|e| e.wikidata.clone()),
                        country: if m.kind == EntityType::State {
                            None
                        } else {
                            m.country.clone()
                        }
                        .or_else(|| {
                            entry
                                .filter(|e| e.kind != EntityType::State)
                                .and_then(|e| e.country.clone())
                        })
                        .and_then(|c| {
                            g.state(&c)
                                .map(|s| key_for(EntityType::State, &s.name, None, false))
                        }),
                        within: m
                            .within
                            .as_ref()
                            .map(|w| key_for(EntityType::Place, w, None, false)),
                        mentions: Vec::new(),
                    });
                    index.insert(m.kind, key, entities.len() - 1);
                    index.insert(m.kind, lower_name.clone(), entities.len() - 1);
                    if m.kind == EntityType::Person {
                        people.add(&m.name, entities.len() - 1);
                    }
                    entities.len() - 1
                }
            }
        };
        // Most mentions repeat the name or a known alias: a copy is made only for a new one.
        let surface = doc.slice(m.span);
        let e = &mut entities[ei];
        if surface != e.name && !e.aliases.contains(surface) {
            e.aliases.insert(surface.to_string());
        }
        for a in &m.extra_aliases {
            if *a != e.name {
                e.aliases.insert(a.clone());
            }
        }
        if let Some(acr) = &m.acronym {
            e.aliases.insert(acr.clone());
            acronyms.insert(acr.clone(), ei);
        }
        if let Some(t) = &m.title {
            titles.entry(ei).or_default().insert(t.clone());
        }
        out.push(Resolved {
            sentence: m.sentence,
            tokens: m.tokens,
            span: m.span,
            entity: ei,
            demonym: m.demonym,
            acting: m.acting,
        });
    }
    // Gazetteer roles count as titles for definite descriptions ("the prime minister").
    for (ei, e) in entities.iter().enumerate() {
        if e.kind == EntityType::Person {
            if let Some(entry) = g.by_name(&e.name).filter(|x| x.kind == EntityType::Person) {
                for r in entry.class.split('|').filter(|r| !r.is_empty()) {
                    titles.entry(ei).or_default().insert(r.to_lowercase());
                }
            }
        }
    }

    resolve_leftovers(
        doc,
        &found.leftovers,
        &mut entities,
        &people,
        &acronyms,
        &mut out,
    );
    resolve_descriptions(sentences, lowered, &entities, &titles, k, &mut out);

    // Deterministic order: entities by first mention, mentions by position.
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out.dedup_by(|a, b| a.span == b.span);
    let mut first: BTreeMap<usize, usize> = BTreeMap::new();
    for m in &out {
        first.entry(m.entity).or_insert(m.span.start);
    }
    let mut order: Vec<usize> = (0..entities.len())
        .filter(|i| first.contains_key(i))
        .collect();
    order.sort_by(|a, b| {
        first[a]
            .cmp(&first[b])
            .then_with(|| entities[*a].key.cmp(&entities[*b].key))
    });
    let remap: FxHashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(new, old)| (*old, new))
        .collect();
    for m in &mut out {
        m.entity = remap[&m.entity];
    }
    // Each kept entity is moved to its place, not copied.
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let mut sorted: Vec<Entity> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for m in &out {
        sorted[m.entity].mentions.push(Mention {
            sentence: m.sentence,
            span: m.span,
            text: doc.slice(m.span).to_string(),
        });
    }
    Resolution {
        entities: sorted,
        mentions: out,
    }
}

/// Each kind's entities by key and by lower-case name: looked up with a borrowed name, so that
/// a mention's lookups make no copies.
struct NameIndex([FxHashMap<String, usize>; 4]);

impl NameIndex {
    fn with_capacity(mentions: usize) -> Self {
        NameIndex(std::array::from_fn(|_| {
            FxHashMap::with_capacity_and_hasher(mentions / 2, Default::default())
        }))
    }
    fn slot(kind: EntityType) -> usize {
        match kind {
            EntityType::Person => 0,
            EntityType::State => 1,
            EntityType::Organisation => 2,
            EntityType::Place => 3,
        }
    }
    fn get(&self, kind: EntityType, name: &str) -> Option<usize> {
        self.0[Self::slot(kind)].get(name).copied()
    }
    fn insert(&mut self, kind: EntityType, name: String, entity: usize) {
        self.0[Self::slot(kind)].insert(name, entity);
    }
}

/// `s.to_lowercase()` into `out`, without Unicode's tables for ASCII text.
fn lower_into(out: &mut String, s: &str) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

fn names_a_state(name: &str, k: &Knowledge) -> bool {
    k.gazetteer
        .named_within(name)
        .any(|e| e.kind == EntityType::State)
}

/// The people of a document so far, by the words of their names: a new partial name is
/// matched against the people who have its first word, not against every entity (which made
/// resolution quadratic in a long document).
#[derive(Default)]
struct People {
    /// Each word of a person's name: the people (entity indices) with it, each once, in
    /// entity order.
    by_word: FxHashMap<String, Vec<usize>>,
    /// The last word of a person's name of more than one word: the people with it.
    by_surname: FxHashMap<String, Vec<usize>>,
}

impl People {
    fn add(&mut self, name: &str, entity: usize) {
        for word in name.split_whitespace() {
            let list = self.by_word.entry(word.to_string()).or_default();
            if list.last() != Some(&entity) {
                list.push(entity);
            }
        }
        if name.contains(' ') {
            if let Some(surname) = name.split_whitespace().last() {
                self.by_surname
                    .entry(surname.to_string())
                    .or_default()
                    .push(entity);
            }
        }
    }
}

/// An existing entity this mention names: same canonical name, or (for people) a name that
/// is a part of a longer known name ("Thatchai" → "Thatchai Pitaneelaboot"), or (for
/// facilities of a known place) a shorter form of a facility's name.
fn resolve_name(
    m: &RawMention,
    lower_name: &str,
    entities: &[Entity],
    index: &NameIndex,
    people: &People,
    lex: &crate::knowledge::Lexicon,
) -> Option<usize> {
    if let Some(ei) = index.get(m.kind, lower_name) {
        return Some(ei);
    }
    if m.kind == EntityType::Person && m.entry.is_none() {
        let parts: Vec<&str> = m.name.split_whitespace().collect();
        if let Some(first) = parts.first() {
            let mut hits = people
                .by_word
                .get(*first)
                .into_iter()
                .flatten()
                .filter(|&&ei| has_word_run(&entities[ei].name, &parts));
            if let (Some(&only), None) = (hits.next(), hits.next()) {
                return Some(only);
            }
        }
    }
    // "Joe Clark … Clark said": a known town's one-word name that is the surname of the one
    // person of the document with that surname is that person.
    if m.kind == EntityType::Place && !m.name.contains(' ') {
        if let Some([only]) = people.by_surname.get(&m.name).map(Vec::as_slice) {
            return Some(*only);
        }
    }
    if let [only] = same_facility(m, entities)[..] {
        return Some(only);
    }
    if let Some(ei) = only_longer_form(m, entities, lex) {
        return Some(ei);
    }
    if m.kind == EntityType::Organisation && super::mentions::is_acronym(&m.name) {
        let mut hits = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityType::Organisation && abbreviates(&m.name, &e.name));
        if let (Some((only, _)), None) = (hits.next(), hits.next()) {
            return Some(only);
        }
    }
    None
}

/// The one body or place of the document that this shorter name is a form of: the name was
/// already seen as an alias of it ("Interior Ministry" after "the Laotian Interior Ministry"),
/// or it is the place's name without its head word ("Kanbauk" after "Kanbauk City"). Two such
/// candidates (two states' interior ministries) join neither.
fn only_longer_form(
    m: &RawMention,
    entities: &[Entity],
    lex: &crate::knowledge::Lexicon,
) -> Option<usize> {
    if !matches!(m.kind, EntityType::Organisation | EntityType::Place) || m.entry.is_some() {
        return None;
    }
    let is_form = |e: &Entity| {
        if e.kind != m.kind || e.name == m.name {
            return false;
        }
        if e.aliases.contains(&m.name) {
            return true;
        }
        m.kind == EntityType::Place
            && e.name.strip_prefix(m.name.as_str()).is_some_and(|rest| {
                rest.strip_prefix(' ').is_some_and(|head| {
                    !head.contains(' ')
                        && head.starts_with(char::is_uppercase)
                        && lex
                            .place_heads
                            .ending_with(&head.to_lowercase())
                            .next()
                            .is_some()
                })
            })
    };
    let mut hits = entities.iter().enumerate().filter(|(_, e)| is_form(e));
    match (hits.next(), hits.next()) {
        (Some((only, _)), None) => Some(only),
        _ => None,
    }
}

/// Is `acronym` the initials of `name`'s words, with or without its small words ("DOJ",
/// "DJ" for "Department of Justice")? Letters only, so "U.N." abbreviates "United Nations".
fn abbreviates(acronym: &str, name: &str) -> bool {
    let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.chars().count() < 2 || !name.contains(' ') {
        return false;
    }
    let initials = |all: bool| -> String {
        name.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| all || w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    letters == initials(false) || letters == initials(true)
}

/// Do the words of `name` hold `parts` in a row, with words to spare ("Thatchai" in
/// "Thatchai Pitaneelaboot")? Asked of every person of a document for each new partial
/// name: the words are read in place, not gathered.
fn has_word_run(name: &str, parts: &[&str]) -> bool {
    let words = name.split_whitespace().count();
    words > parts.len()
        && (0..=words - parts.len()).any(|start| {
            name.split_whitespace()
                .skip(start)
                .take(parts.len())
                .eq(parts.iter().copied())
        })
}

/// The facility a mention names by a shorter form of its head: "Moc Bai border gate" after
/// "Moc Bai International Border Gate" (both at the gazetteer's Moc Bai). Only facilities of
/// the same known place: an ending alone is no proof ("Labour Party" is not "Stevenage Labour
/// Party", nor "Joy Division" "Kate Bush and Joy Division").
fn same_facility(m: &RawMention, entities: &[Entity]) -> Vec<usize> {
    let (Some(within), EntityType::Place) = (&m.within, m.kind) else {
        return Vec::new();
    };
    let lower = m.name.to_lowercase();
    let Some(head) = lower.strip_prefix(within.to_lowercase().as_str()) else {
        return Vec::new();
    };
    let head: Vec<&str> = head.split_whitespace().collect();
    if head.is_empty() {
        return Vec::new();
    }
    let within_key = Some(key_for(EntityType::Place, within, None, false));
    entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityType::Place && e.within == within_key)
        .filter(|(_, e)| {
            let full_lower = e.name.to_lowercase();
            let full: Vec<&str> = full_lower.split_whitespace().collect();
            full.ends_with(&head) && full_lower.len() > lower.len()
        })
        .map(|(i, _)| i)
        .collect()
}

/// Lone capitalised tokens: a part of a person's name, or an acronym defined earlier.
fn resolve_leftovers(
    doc: &Document,
    leftovers: &[super::mentions::Leftover],
    entities: &mut [Entity],
    people: &People,
    acronyms: &FxHashMap<String, usize>,
    out: &mut Vec<Resolved>,
) {
    let taken: BTreeSet<(usize, usize)> = out.iter().map(|m| (m.span.start, m.span.end)).collect();
    // Where each person is mentioned (span starts, ascending), kept up to date as leftovers
    // resolve to them: "mentioned most recently before this point" is then a binary search,
    // not a pass over every mention of the document for every leftover.
    let mut person_starts: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for m in out.iter() {
        if entities[m.entity].kind == EntityType::Person {
            person_starts
                .entry(m.entity)
                .or_default()
                .push(m.span.start);
        }
    }
    for starts in person_starts.values_mut() {
        starts.sort_unstable();
    }
    for l in leftovers {
        if taken.contains(&(l.span.start, l.span.end)) {
            continue;
        }
        let text = l.text.as_str();
        let target = if let Some(&ei) = acronyms.get(text) {
            Some(ei)
        } else {
            // Candidates: people with this token in their name; the most recently mentioned
            // before this point wins when several share it ("Shinawatra").
            let mut best: Option<(usize, usize)> = None;
            for &ei in people.by_word.get(text).into_iter().flatten() {
                let last_before = person_starts.get(&ei).map_or(0, |starts| {
                    match starts.partition_point(|&start| start < l.span.start) {
                        0 => 0,
                        n => starts[n - 1] + 1,
                    }
                });
                if best.is_none_or(|(_, b)| last_before > b) {
                    best = Some((ei, last_before));
                }
            }
            best.map(|b| b.0)
        };
        if let Some(ei) = target {
            if entities[ei].name != text {
                entities[ei].aliases.insert(text.to_string());
            }
            if entities[ei].kind == EntityType::Person {
                let starts = person_starts.entry(ei).or_default();
                let at = starts.partition_point(|&start| start < l.span.start);
                starts.insert(at, l.span.start);
            }
            out.push(Resolved {
                sentence: l.sentence,
                tokens: (l.token, l.token + 1),
                span: l.span,
                entity: ei,
                demonym: false,
                acting: false,
            });
        }
    }
    let _ = doc;
}

#[cfg(test)]
mod tests {
    use super::{abbreviates, has_word_run};
    use crate::ingest::clean::test_document;
    use crate::knowledge::Knowledge;
    use crate::model::EntityType;

    #[test]
    fn acronyms_abbreviate_names_by_their_initials() {
        assert!(abbreviates("DOJ", "Department of Justice"));
        assert!(abbreviates("CFRC", "Cyber Fraud Response Centre"));
        assert!(abbreviates("U.N.", "United Nations"));
        assert!(!abbreviates("DOJ", "Department of Jobs and Skills"));
        assert!(!abbreviates("UN", "Unesco"));
    }

    #[test]
    fn partial_names_are_runs_of_a_longer_name() {
        assert!(has_word_run("Thatchai Pitaneelaboot", &["Thatchai"]));
        assert!(has_word_run("Thatchai Pitaneelaboot", &["Pitaneelaboot"]));
        assert!(has_word_run(
            "Paetongtarn Shinawatra Kim",
            &["Shinawatra", "Kim"]
        ));
        // The whole name is no partial name; words out of order or apart are no run.
        assert!(!has_word_run("Hun Manet", &["Hun", "Manet"]));
        assert!(!has_word_run("Hun Sen Manet", &["Hun", "Manet"]));
        assert!(!has_word_run("Hun Manet", &["Manet", "Hun"]));
        assert!(!has_word_run("Hun Manet", &["Hu"]));
    }

    #[test]
    fn a_sentences_mentions_are_found_in_text_order() {
        let k = Knowledge::embedded();
        let doc = test_document(
            "Thai police met Cambodian officials in Bangkok.\nNo names here.\n\
             Laos and Vietnam signed. Myanmar, Thailand and Cambodia did not.",
            None,
        );
        let sentences = crate::text::sentences(&doc, &k.lexicon);
        let low = crate::extract::tokens::lowered(&sentences);
        let found = crate::extract::mentions::find(&doc, &sentences, &low, k);
        let res = super::resolve(&doc, &sentences, &low, found, k);
        for s in &sentences {
            let run: Vec<_> = res.in_sentence(s.index).map(|m| m.span).collect();
            let all: Vec<_> = res
                .mentions
                .iter()
                .filter(|m| m.sentence == s.index)
                .map(|m| m.span)
                .collect();
            assert_eq!(run, all, "sentence {}", s.index);
        }
        assert_eq!(res.in_sentence(1).count(), 0);
        assert_eq!(res.in_sentence(3).count(), 3);
    }

    /// (name, mention texts) of the places of a text.
    fn places(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = test_document(&format!("Opening sentence here.\n{text}"), None);
        crate::extract::extract(doc, Knowledge::embedded())
            .entities
            .into_iter()
            .filter(|e| e.kind == EntityType::Place)
            .map(|e| (e.name, e.mentions.into_iter().map(|m| m.text).collect()))
            .collect()
    }

    #[test]
    fn a_town_named_like_a_persons_surname_is_that_person() {
        let doc = test_document(
            "Opening sentence here.\nForeign Secretary Joe Clark arrived in Manila. Clark said \
             the talks went well.",
            None,
        );
        let x = crate::extract::extract(doc, Knowledge::embedded());
        let clark = x
            .entities
            .iter()
            .find(|e| e.name == "Joe Clark")
            .expect("Joe Clark");
        assert_eq!(clark.kind, EntityType::Person);
        assert_eq!(clark.mentions.len(), 2);
        assert!(!x.entities.iter().any(|e| e.name == "Clark"));
    }

    #[test]
    fn a_facility_named_again_with_a_shorter_head_is_the_same_facility() {
        let p = places(
            "Police handed over 20 Thais at the Poipet International Border Gate on Monday. \
             Officials at the Poipet border gate said more would follow.",
        );
        assert_eq!(
            p,
            [(
                "Poipet International Border Gate".to_string(),
                vec![
                    "Poipet International Border Gate".to_string(),
                    "Poipet border gate".to_string()
                ]
            )]
        );
    }
}
