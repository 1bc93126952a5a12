//! Knowledge: the data files under `data/` (gazetteers, lexicon, event types, boilerplate
//! patterns) plus the country data of the `keshvar` crate, parsed once and compiled into
//! matchers. The files are embedded in the binary; `--data DIR` (or `NEWSGRAPH_DATA`) reads
//! them from a directory instead, so users extend the knowledge without a Rust change.

pub mod events;
pub mod gazetteer;
pub mod lexicon;
pub mod name_structure;

use crate::error::{Error, Result};
use std::path::Path;
use std::sync::OnceLock;

pub use events::{EventSpec, ModalityCues};
pub use gazetteer::{Gazetteer, GazetteerEntry, Surface, SurfaceKind};
pub use lexicon::{Boilerplate, Lexicon};
pub use name_structure::NameStructure;

/// The names of the data files, relative to the data directory.
pub const DATA_FILES: [&str; 8] = [
    "lexicon.toml",
    "name-structure.toml",
    "events.toml",
    "boilerplate.toml",
    "states.toml",
    "gazetteer/people.tsv",
    "gazetteer/organisations.tsv",
    "gazetteer/places.tsv",
];

fn embedded(name: &str) -> &'static str {
    match name {
        "lexicon.toml" => include_str!("../../data/lexicon.toml"),
        "name-structure.toml" => include_str!("../../data/name-structure.toml"),
        "events.toml" => include_str!("../../data/events.toml"),
        "boilerplate.toml" => include_str!("../../data/boilerplate.toml"),
        "states.toml" => include_str!("../../data/states.toml"),
        "gazetteer/people.tsv" => include_str!("../../data/gazetteer/people.tsv"),
        "gazetteer/organisations.tsv" => include_str!("../../data/gazetteer/organisations.tsv"),
        "gazetteer/places.tsv" => include_str!("../../data/gazetteer/places.tsv"),
        _ => "",
    }
}

/// Everything the extraction engine knows about the world and the language.
pub struct Knowledge {
    pub lexicon: Lexicon,
    pub boilerplate: Boilerplate,
    pub events: Vec<EventSpec>,
    pub modality: ModalityCues,
    pub gazetteer: Gazetteer,
    /// Word classes of names (surnames, honorifics, legal forms) for the name recogniser.
    pub names: NameStructure,
    /// Trigger patterns by their first word: (event type index, pattern index), in the order
    /// of the data (longest pattern first within a type).
    pub trigger_index: lexicon::WordMap<Vec<(usize, usize)>>,
    /// A digest of the tool's version and every data file: part of each document's content
    /// hash, so that a new version or changed data re-extracts documents a store already has.
    pub fingerprint: String,
}

impl Knowledge {
    /// The knowledge compiled into the binary (shared, built on first use).
    pub fn embedded() -> &'static Knowledge {
        static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
        KNOWLEDGE.get_or_init(|| {
            Knowledge::from_sources(|name| Ok(embedded(name).to_string()))
                .expect("the embedded data files are valid (checked by tests)")
        })
    }

    /// Reads the data files from `dir` (same layout as the repository's `data/`).
    pub fn from_dir(dir: &Path) -> Result<Knowledge> {
        Knowledge::from_sources(|name| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| Error::Io { path, source: e })
        })
    }

    fn from_sources(read: impl Fn(&str) -> Result<String>) -> Result<Knowledge> {
        use sha2::{Digest, Sha256};
        let digest = std::cell::RefCell::new(Sha256::new());
        digest
            .borrow_mut()
            .update(env!("CARGO_PKG_VERSION").as_bytes());
        let read = |name: &str| {
            let text = read(name)?;
            let mut d = digest.borrow_mut();
            d.update(name.as_bytes());
            d.update([0u8]);
            d.update(text.as_bytes());
            d.update([0u8]);
            Ok::<String, Error>(text)
        };
        // Read in a fixed order (the digest depends on it), then parsed: the gazetteer, the
        // largest part, on a thread of its own beside the rest.
        let lexicon_src = read("lexicon.toml")?;
        let names_src = read("name-structure.toml")?;
        let boilerplate_src = read("boilerplate.toml")?;
        let events_src = read("events.toml")?;
        let states_src = read("states.toml")?;
        let tsvs = [
            ("gazetteer/people.tsv", read("gazetteer/people.tsv")?),
            (
                "gazetteer/organisations.tsv",
                read("gazetteer/organisations.tsv")?,
            ),
            ("gazetteer/places.tsv", read("gazetteer/places.tsv")?),
        ];
        let (lexicon, boilerplate, events, gazetteer) = std::thread::scope(|scope| {
            let gazetteer = scope.spawn(|| Gazetteer::build(&states_src, &tsvs));
            let lexicon = Lexicon::parse(&lexicon_src);
            let boilerplate = Boilerplate::parse(&boilerplate_src);
            let events = events::parse(&events_src);
            let gazetteer = gazetteer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (lexicon, boilerplate, events, gazetteer)
        });
        let (lexicon, boilerplate, (events, modality), gazetteer) =
            (lexicon?, boilerplate?, events?, gazetteer?);
        let names = NameStructure::parse(&names_src)?;
        let mut trigger_index: lexicon::WordMap<Vec<(usize, usize)>> = Default::default();
        for (si, spec) in events.iter().enumerate() {
            for (pi, p) in spec.triggers.iter().enumerate() {
                if let Some(first) = p.head.first() {
                    trigger_index.entry(first).push((si, pi));
                }
            }
        }
        // The learned name model decides mentions too: a new model re-extracts as new data does.
        let mut digest = digest.into_inner();
        digest.update(crate::learn::digest(crate::recognise::EMBEDDED).to_le_bytes());
        let fingerprint = crate::model::hex(&digest.finalize()[..8]);
        Ok(Knowledge {
            fingerprint,
            lexicon,
            boilerplate,
            events,
            modality,
            gazetteer,
            names,
            trigger_index,
        })
    }

    pub fn event_spec(&self, kind: &str) -> Option<&EventSpec> {
        self.events
            .iter()
            .find(|e| e.kind.eq_ignore_ascii_case(kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        let k = Knowledge::embedded();
        assert!(k.events.len() >= 14);
        assert!(k.gazetteer.entries.len() > 300);
        assert!(k.lexicon.is_abbreviation("Gen"));
    }

    #[test]
    fn data_directory_matches_embedded_files() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let k = Knowledge::from_dir(&dir).unwrap();
        assert_eq!(k.events.len(), Knowledge::embedded().events.len());
    }
}
