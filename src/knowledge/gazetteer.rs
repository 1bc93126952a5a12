//! The gazetteer: every state of the `keshvar` country data (adjusted by `data/states.toml`)
//! and the people, organisations and places of `data/gazetteer/*.tsv`, compiled into one
//! Aho-Corasick automaton over their surface forms.

use crate::error::{Error, Result};
use crate::knowledge::lexicon::WordMap;
use crate::model::EntityType;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct GazetteerEntry {
    pub kind: EntityType,
    pub name: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub wikidata: Option<String>,
    /// ISO alpha-2 of the state itself (for states) or of the state it belongs to.
    pub country: Option<String>,
    /// The TSV `kind`/`roles` column: "capital", "government", "prime minister|…".
    pub class: String,
    /// For states: the ISO long name ("The Kingdom of Thailand").
    pub long_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurfaceKind {
    Name,
    Alias,
    Demonym,
}

#[derive(Debug, Clone, Copy)]
pub struct Surface {
    pub entry: usize,
    pub kind: SurfaceKind,
}

pub struct Gazetteer {
    pub entries: Vec<GazetteerEntry>,
    pub surfaces: Vec<(String, Surface)>,
    /// Surface index by surface form.
    by_surface: FxHashMap<String, usize>,
    /// Surfaces by their first token, longest first: a sentence is matched token by token
    /// (most tokens start no surface, and are rejected without hashing).
    by_first_token: WordMap<Vec<usize>>,
    by_alpha2: FxHashMap<String, usize>,
    by_name: FxHashMap<String, usize>,
}

#[derive(Deserialize, Default)]
struct StateOverride {
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    wikidata: Option<String>,
}

fn plural_demonym(d: &str) -> Option<String> {
    let l = d.to_lowercase();
    if l.ends_with("ese") || l.ends_with('s') || l.ends_with("ch") || l.ends_with("sh") {
        None
    } else {
        Some(format!("{d}s"))
    }
}

fn clean_name(s: &str) -> bool {
    !s.is_empty() && s.is_ascii() && !s.contains(['(', ',', '[', '/'])
}

fn states(src: &str) -> Result<Vec<GazetteerEntry>> {
    let mut table: BTreeMap<String, toml::Value> =
        toml::from_str(src).map_err(|e| Error::data("states.toml", e))?;
    let exclude: Vec<String> = match table.remove("exclude_aliases") {
        Some(v) => v
            .try_into()
            .map_err(|e| Error::data("states.toml", format!("exclude_aliases: {e}")))?,
        None => Vec::new(),
    };
    let mut overrides: FxHashMap<String, StateOverride> = FxHashMap::default();
    for (code, v) in table {
        let o: StateOverride = v
            .try_into()
            .map_err(|e| Error::data("states.toml", format!("[{code}]: {e}")))?;
        overrides.insert(code.to_ascii_uppercase(), o);
    }
    // States that states.toml speaks of come first: the first entry to claim a surface form
    // keeps it, so "American" is the United States', not American Samoa's.
    let mut out = Vec::new();
    let mut rest = Vec::new();
    for country in keshvar::CountryIterator::new() {
        let code = country.alpha2().to_string().to_ascii_uppercase();
        let configured = overrides.contains_key(&code);
        let o = overrides.remove(&code).unwrap_or_default();
        let short = country.iso_short_name();
        let first_unofficial = country
            .unofficial_name_list()
            .iter()
            .copied()
            .find(|n| clean_name(n));
        let name = o
            .name
            .clone()
            .or_else(|| clean_name(short).then(|| short.to_string()))
            .or_else(|| first_unofficial.map(str::to_string))
            .unwrap_or_else(|| short.to_string());
        let mut aliases: Vec<String> = Vec::new();
        for cand in [Some(short), first_unofficial].into_iter().flatten() {
            if clean_name(cand) && cand != name && !exclude.iter().any(|x| x == cand) {
                aliases.push(cand.to_string());
            }
        }
        aliases.extend(o.aliases.iter().cloned());
        let mut demonyms: Vec<String> = Vec::new();
        if let Some(n) = country.maybe_nationality() {
            if clean_name(n) {
                demonyms.push(n.to_string());
                demonyms.extend(plural_demonym(n));
            }
        }
        demonyms.extend(o.demonyms.iter().cloned());
        aliases.sort();
        aliases.dedup();
        demonyms.sort();
        demonyms.dedup();
        if exclude.contains(&name) && o.name.is_none() {
            continue;
        }
        let entry = GazetteerEntry {
            kind: EntityType::State,
            name,
            aliases,
            demonyms,
            wikidata: o.wikidata.clone(),
            country: Some(code),
            class: "state".into(),
            long_name: Some(country.iso_long_name().to_string()),
        };
        if configured {
            out.push(entry);
        } else {
            rest.push(entry);
        }
    }
    out.append(&mut rest);
    if let Some(code) = overrides.keys().next() {
        return Err(Error::data(
            "states.toml",
            format!("[{code}] is not an ISO 3166-1 alpha-2 code known to the country data"),
        ));
    }
    Ok(out)
}

fn tsv(file: &str, src: &str, kind: EntityType) -> Result<Vec<GazetteerEntry>> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || cols[0].trim().is_empty() {
            return Err(Error::data(
                file,
                format!(
                    "line {}: expected name<TAB>aliases<TAB>wikidata<TAB>country<TAB>kind",
                    n + 1
                ),
            ));
        }
        let col = |i: usize| cols.get(i).map(|s| s.trim()).filter(|s| !s.is_empty());
        if let Some(q) = col(2) {
            if !(q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit())) {
                return Err(Error::data(
                    file,
                    format!("line {}: `{q}` is not a Wikidata ID", n + 1),
                ));
            }
        }
        out.push(GazetteerEntry {
            kind,
            name: cols[0].trim().to_string(),
            aliases: col(1)
                .map(|a| {
                    a.split('|')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            demonyms: Vec::new(),
            wikidata: col(2).map(str::to_string),
            country: col(3).map(|c| c.to_ascii_uppercase()),
            class: col(4).unwrap_or("").to_string(),
            long_name: None,
        });
    }
    Ok(out)
}

impl Gazetteer {
    pub fn build(states_src: &str, tsvs: &[(&str, String)]) -> Result<Gazetteer> {
        let mut entries = states(states_src)?;
        for (file, src) in tsvs {
            let kind = if file.contains("people") {
                EntityType::Person
            } else if file.contains("organisations") {
                EntityType::Organisation
            } else {
                EntityType::Place
            };
            entries.extend(tsv(file, src, kind)?);
        }
        let mut surfaces: Vec<(String, Surface)> = Vec::new();
        let mut seen: FxHashMap<String, usize> = FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            let forms = std::iter::once((e.name.as_str(), SurfaceKind::Name))
                .chain(e.aliases.iter().map(|a| (a.as_str(), SurfaceKind::Alias)))
                .chain(
                    e.demonyms
                        .iter()
                        .map(|d| (d.as_str(), SurfaceKind::Demonym)),
                );
            for (form, kind) in forms {
                // The first entry to claim a surface keeps it (states come first).
                if seen.contains_key(form) {
                    continue;
                }
                seen.insert(form.to_string(), surfaces.len());
                surfaces.push((form.to_string(), Surface { entry: i, kind }));
            }
        }
        let mut by_first_token: WordMap<Vec<usize>> = WordMap::default();
        for (i, (form, _)) in surfaces.iter().enumerate() {
            if let Some(first) = crate::text::tokenize(form).first() {
                by_first_token.entry(&first.text).push(i);
            }
        }
        for list in by_first_token.values_mut() {
            // Longest first; equal lengths in data order.
            list.sort_by_key(|&i| std::cmp::Reverse(surfaces[i].0.len()));
        }
        let by_alpha2 = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityType::State)
            .filter_map(|(i, e)| e.country.clone().map(|c| (c, i)))
            .collect();
        let by_name = entries
            .iter()
            .enumerate()
            .rev()
            .map(|(i, e)| (e.name.to_lowercase(), i))
            .collect();
        Ok(Gazetteer {
            entries,
            surfaces,
            by_surface: seen,
            by_first_token,
            by_alpha2,
            by_name,
        })
    }

    /// The state entry with this ISO alpha-2 code.
    pub fn state(&self, alpha2: &str) -> Option<&GazetteerEntry> {
        self.by_alpha2.get(alpha2).map(|&i| &self.entries[i])
    }

    /// An entry by canonical name (case-insensitive).
    pub fn by_name(&self, name: &str) -> Option<&GazetteerEntry> {
        self.by_name
            .get(&name.to_lowercase())
            .map(|&i| &self.entries[i])
    }

    /// The longest surface that `text` starts with, among those whose first token is `token`
    /// (the first token of `text`): its index in `surfaces` and its length in bytes.
    ///
    /// A token with letters the lists write without their marks ("Đồng Nai" for "Dong Nai",
    /// "Việt Nam") is matched with its marks taken off; the length is then the text's own.
    pub fn longest_at(&self, token: &str, text: &str) -> Option<(usize, usize)> {
        let exact = self.by_first_token.get(token).and_then(|list| {
            list.iter()
                .find(|&&i| text.starts_with(self.surfaces[i].0.as_str()))
                .map(|&i| (i, self.surfaces[i].0.len()))
        });
        if exact.is_some() || token.is_ascii() {
            return exact;
        }
        let list = self.by_first_token.get(&without_marks(token))?;
        let longest = list.iter().map(|&i| self.surfaces[i].0.len()).max()?;
        let (plain, ends) = without_marks_mapped(text, longest);
        list.iter()
            .find(|&&i| plain.starts_with(self.surfaces[i].0.as_str()))
            .map(|&i| (i, ends[self.surfaces[i].0.len() - 1]))
    }

    /// The entries named within `text`, word by word from the left, each the longest surface
    /// starting at its word ("Thai Fishing Federation": Thailand, by its demonym). A surface is
    /// matched only at a word's start, so "Indiana" does not name India.
    pub fn named_within<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = &'a GazetteerEntry> + 'a {
        let tokens = crate::text::tokenize(text);
        let mut next_free = 0;
        tokens.into_iter().filter_map(move |t| {
            if t.span.start < next_free {
                return None;
            }
            let (surface, len) = self.longest_at(&t.text, &text[t.span.start..])?;
            next_free = t.span.start + len;
            Some(&self.entries[self.surfaces[surface].1.entry])
        })
    }

    /// The entry a surface form names (its index in `entries`), and how it names it.
    pub fn lookup_index(&self, surface: &str) -> Option<(usize, SurfaceKind)> {
        self.by_surface
            .get(surface)
            .map(|&i| (self.surfaces[i].1.entry, self.surfaces[i].1.kind))
    }

    /// Looks a surface form up exactly.
    pub fn lookup(&self, surface: &str) -> Option<(&GazetteerEntry, SurfaceKind)> {
        self.lookup_index(surface)
            .map(|(entry, kind)| (&self.entries[entry], kind))
    }
}

/// A letter without its diacritics ("ồ" → "o", "Đ" → "D"), as the lists write the region's
/// names; other characters as they are.
fn plain_letters(c: char) -> impl Iterator<Item = char> {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let mut out: Vec<char> = Vec::with_capacity(2);
    match c {
        'đ' => out.push('d'),
        'Đ' => out.push('D'),
        'ł' => out.push('l'),
        'Ł' => out.push('L'),
        'ø' => out.push('o'),
        'Ø' => out.push('O'),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(d);
            }
        }),
    }
    out.into_iter()
}

fn without_marks(word: &str) -> String {
    word.chars().flat_map(plain_letters).collect()
}

/// The first `limit` bytes (or fewer) of `text` without marks, and for each byte of that the
/// end in `text` of the character it came from.
fn without_marks_mapped(text: &str, limit: usize) -> (String, Vec<usize>) {
    let mut plain = String::with_capacity(limit + 4);
    let mut ends = Vec::with_capacity(limit + 4);
    for (at, c) in text.char_indices() {
        if plain.len() >= limit {
            break;
        }
        for p in plain_letters(c) {
            plain.push(p);
            ends.resize(plain.len(), at + c.len_utf8());
        }
    }
    (plain, ends)
}

#[cfg(test)]
mod tests {
    use crate::knowledge::Knowledge;
    use crate::model::EntityType;

    #[test]
    fn names_written_with_marks_match_the_lists_plain_forms() {
        let g = &Knowledge::embedded().gazetteer;
        let text = "Việt Nam and Hà Nội said";
        let (surface, len) = g.longest_at("Việt", text).expect("Vietnam, by its marks");
        assert_eq!(&text[..len], "Việt Nam");
        assert_eq!(g.entries[g.surfaces[surface].1.entry].name, "Vietnam");
        assert!(g.longest_at("Zürichberg", "Zürichberg is").is_none());
    }

    #[test]
    fn names_within_a_longer_name_start_at_its_words() {
        let g = &Knowledge::embedded().gazetteer;
        let named =
            |text: &str| -> Vec<String> { g.named_within(text).map(|e| e.name.clone()).collect() };
        assert_eq!(named("Federation of Thai Fishing Boats"), ["Thailand"]);
        assert!(named("Cambodian Fishing League").contains(&"Cambodia".to_string()));
        assert!(
            !named("Indiana State Police").contains(&"India".to_string()),
            "a surface inside a word names nothing"
        );
        assert!(named("").is_empty());
    }

    #[test]
    fn states_have_names_and_demonyms() {
        let g = &Knowledge::embedded().gazetteer;
        let (th, kind) = g.lookup("Thais").unwrap();
        assert_eq!(th.name, "Thailand");
        assert_eq!(kind, super::SurfaceKind::Demonym);
        assert_eq!(g.lookup("South Koreans").unwrap().0.name, "South Korea");
        assert_eq!(g.lookup("Taiwanese").unwrap().0.name, "Taiwan");
        assert_eq!(g.lookup("Kenyans").unwrap().0.name, "Kenya");
        assert_eq!(g.lookup("Americans").unwrap().0.name, "United States");
        // A state that data/states.toml does not mention still comes from the country data.
        assert_eq!(g.lookup("Peru").unwrap().0.kind, EntityType::State);
    }

    #[test]
    fn tsv_entries_carry_wikidata_and_country() {
        let g = &Knowledge::embedded().gazetteer;
        let (pp, _) = g.lookup("Phnom Penh").unwrap();
        assert_eq!(pp.wikidata.as_deref(), Some("Q1850"));
        assert_eq!(pp.country.as_deref(), Some("KH"));
        assert_eq!(pp.class, "capital");
    }
}
