//! The data types every stage shares: a cleaned [`Document`], its [`Sentence`]s and
//! [`Token`]s, and what extraction finds in it ([`Entity`], [`Group`], [`Event`]).
//!
//! Invariant: every [`Span`] is a pair of byte offsets into [`Document::text`], the cleaned
//! text, and always falls on `char` boundaries.

use compact_str::CompactString;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

/// Byte offsets `[start, end)` into the cleaned document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// An ingested article after cleaning.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// The file's base name (or the `id` of a JSONL record): the document's identity.
    pub id: String,
    /// Where it was read from, for messages.
    pub source_path: String,
    pub title: Option<String>,
    /// Publication date as given by front matter or a `Date:` line (ISO 8601).
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The cleaned text that every offset refers to.
    pub text: String,
    /// SHA-256 of the cleaned text and metadata, hex: tells a changed document from an unchanged one.
    pub content_hash: String,
    /// Lines of the cleaned text that are not prose — headlines, section headings, bylines,
    /// photo credits (byte spans): only gazetteer names are read from them, and no event
    /// stands on them alone.
    pub headings: Vec<Span>,
}

impl Document {
    /// A document of `text` as it stands, not cleaned (no headings found, no hash): for the
    /// tests of the stages that read a document's text, and for plain training text.
    pub(crate) fn uncleaned(text: &str, date: Option<&str>) -> Document {
        Document {
            id: "t".into(),
            source_path: "t".into(),
            title: None,
            date: date.map(str::to_string),
            source: None,
            url: None,
            text: text.into(),
            content_hash: String::new(),
            headings: vec![],
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }
}

/// One token with its byte span; `text` is the surface form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    pub span: Span,
    /// Inline for short words: a corpus has millions of tokens, and few need the heap.
    pub text: CompactString,
}

impl Token {
    // These are asked of most tokens many times over: ASCII, most of them, is answered
    // without decoding a character, and the non-ASCII case is kept out of line so that the
    // ASCII test inlines where it is asked.
    #[inline]
    pub fn is_capitalised(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => first_char_is(&self.text, char::is_uppercase),
        }
    }
    #[inline]
    pub fn is_word(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            _ => first_char_is(&self.text, char::is_alphanumeric),
        }
    }
    /// `is_word() && is_capitalised()`, reading the first byte once (an ASCII capital is a
    /// word's): a name's token, asked of most tokens in several passes.
    #[inline]
    pub fn is_capitalised_word(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => first_char_is(&self.text, |c| c.is_alphanumeric() && c.is_uppercase()),
        }
    }
    pub fn lower(&self) -> String {
        self.text.to_lowercase().into()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub index: usize,
    pub span: Span,
    pub tokens: Vec<Token>,
    /// The tokens in lower case (typographic apostrophes made plain), for matching.
    #[serde(skip)]
    pub lower: Vec<CompactString>,
    /// A headline or section heading rather than running prose.
    pub is_heading: bool,
}

/// Does the first character of `text` (not ASCII) satisfy `test`?
#[cold]
#[inline(never)]
fn first_char_is(text: &str, test: fn(char) -> bool) -> bool {
    text.chars().next().is_some_and(test)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EntityType {
    Person,
    State,
    Organisation,
    Place,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::State,
        EntityType::Organisation,
        EntityType::Place,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::State => "State",
            EntityType::Organisation => "Organisation",
            EntityType::Place => "Place",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "person" | "per" => Some(EntityType::Person),
            "state" | "country" => Some(EntityType::State),
            "organisation" | "organization" | "org" => Some(EntityType::Organisation),
            "place" | "location" | "loc" => Some(EntityType::Place),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a fact was read: sentence index and byte span of the surface text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Mention {
    pub sentence: usize,
    pub span: Span,
    pub text: String,
}

/// A named entity of one document, with every mention that refers to it.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// Stable key `type/slug`, the same across documents for the same real-world entity.
    pub key: String,
    pub kind: EntityType,
    pub name: String,
    pub aliases: BTreeSet<String>,
    pub wikidata: Option<String>,
    /// For states: ISO 3166 alpha-2 code; for places and bodies: the state they belong to (key).
    pub country: Option<String>,
    /// For a facility of a known place (an airport, a checkpoint): that place's key.
    pub within: Option<String>,
    pub mentions: Vec<Mention>,
}

/// How a group's count is qualified in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    About,
    /// "hundreds of", "dozens of": a magnitude with no exact count.
    Approximate,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::About => "about",
            Qualifier::Approximate => "approximate",
        }
    }
}

/// A quantified set of people: "119 Thai nationals", "at least 271 Indonesians".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Group {
    /// Key of the State entity of their nationality, when given.
    pub nationality: Option<String>,
    pub count: Option<u64>,
    pub qualifier: Qualifier,
    /// The head noun ("nationals", "suspects", "workers").
    pub noun: Option<String>,
    pub mention: Mention,
}

/// A filler of an event role: a named entity (by key) or a group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Participant {
    Entity(String),
    Group(Group),
}

/// Whether the text asserts that the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Planned,
    Negated,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Negated => "negated",
        }
    }
}

/// How precise a date is: it decides the XSD type (`xsd:date`, `xsd:gYearMonth`, `xsd:gYear`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

/// A calendar date as precise as the text allows: `2025-03-01`, `2025-03` or `2025`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DateValue {
    pub iso: String,
    pub precision: DatePrecision,
}

/// An event mention set, merged within a document: one real event with its roles.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub kind: String,
    pub cameo: String,
    pub agent: Option<String>,
    /// The body through which a state acted ("Royal Thai Police"), when the agent is its state.
    pub agent_body: Option<String>,
    pub patient: Option<Participant>,
    pub partner: Option<String>,
    pub place: Option<String>,
    pub date: Option<DateValue>,
    pub count: Option<u64>,
    pub modality: Modality,
    /// Key of the entity who reported it ("police said"), when given.
    pub reported_by: Option<String>,
    /// Trigger words, one per merged mention, in text order.
    pub triggers: Vec<Mention>,
    /// Sentence indexes that support the event, ascending.
    pub evidence: Vec<usize>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    pub document: Document,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity>,
    pub groups: Vec<Group>,
    pub events: Vec<Event>,
}

impl Extraction {
    pub fn entity(&self, key: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.key == key)
    }
    pub fn entity_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.entity(key).map(|e| e.name.as_str()).unwrap_or(key)
    }
}

/// Bytes (a digest) as lower-case hex, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_has_two_digits_a_byte() {
        assert_eq!(super::hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(super::hex(&[]), "");
    }
}
