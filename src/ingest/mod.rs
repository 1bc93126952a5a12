//! Ingest: paths → raw articles → cleaned [`Document`]s.
//!
//! `formats` reads `.txt`, `.md`, `.html` and `.jsonl`; `clean` drops site boilerplate and
//! repeated paragraphs. Ingest knows nothing of entities or RDF.

pub mod clean;
pub mod formats;

use crate::error::{Error, Result};
use crate::knowledge::Knowledge;
use crate::model::Document;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped with a warning rather than read into memory whole.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// An article as the input format gives it, before cleaning.
#[derive(Debug, Clone, Default)]
pub struct RawArticle {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub body: String,
}

/// The file extensions `newsgraph` reads.
pub const SUPPORTED_EXTENSIONS: [&str; 5] = ["txt", "md", "html", "htm", "jsonl"];

/// One input file found under the given paths, or a reason it cannot be read.
#[derive(Debug)]
pub enum Found {
    File(PathBuf),
    Skipped(Error),
}

/// Expands files and directories (walked recursively, in sorted order) into input files.
/// A missing path is an error; unsupported files inside directories are reported as skipped.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Found>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::Io {
            path: path.clone(),
            source: e,
        })?;
        if meta.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name();
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        let p = entry.into_path();
                        if is_supported(&p) {
                            out.push(Found::File(p));
                        } else if !is_hidden(&p) {
                            out.push(Found::Skipped(Error::input(
                                &p,
                                "unsupported file type (expected .txt, .md, .html or .jsonl)",
                            )));
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let p = e
                            .path()
                            .map(Path::to_path_buf)
                            .unwrap_or_else(|| path.clone());
                        let reason = if e.loop_ancestor().is_some() {
                            "symbolic link loop".to_string()
                        } else {
                            e.io_error()
                                .map(|io| io.to_string())
                                .unwrap_or_else(|| e.to_string())
                        };
                        out.push(Found::Skipped(Error::input(p, reason)));
                    }
                }
            }
        } else {
            out.push(Found::File(path.clone()));
        }
    }
    Ok(out)
}

fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Reads one file into raw articles (a JSONL file holds many), checking size, binary content
/// and UTF-8. Each error names the file and the reason.
pub fn read_file(path: &Path) -> Result<Vec<RawArticle>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    if meta.is_dir() {
        return Err(Error::input(path, "is a directory"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::input(
            path,
            format!(
                "file is {} MiB, larger than the {} MiB limit for one article",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let text = decode(path, &bytes)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let articles = match ext.as_str() {
        "jsonl" => formats::parse_jsonl(path, text)?,
        "html" | "htm" => vec![formats::parse_html(path, text)?],
        "md" | "txt" | "" => vec![formats::parse_text(path, text)?],
        other => {
            return Err(Error::input(
                path,
                format!("unsupported file type .{other} (expected .txt, .md, .html or .jsonl)"),
            ))
        }
    };
    Ok(articles)
}

/// Checks that bytes are non-empty UTF-8 text, naming the problem if not.
pub fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Error::input(path, "binary file (contains NUL bytes)"));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::input(path, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::input(path, "empty file (no text)"));
    }
    Ok(text)
}

/// Reads and cleans every article of one file.
pub fn load_file(path: &Path, knowledge: &Knowledge) -> Result<Vec<Document>> {
    read_file(path)?
        .into_iter()
        .map(|raw| finish(raw, knowledge))
        .collect()
}

/// Cleans one raw article into a document; an article with no text left is an error.
pub fn finish(raw: RawArticle, knowledge: &Knowledge) -> Result<Document> {
    let p = raw.path.clone();
    let doc = clean::clean(raw, knowledge)?;
    if doc.text.trim().is_empty() {
        Err(Error::input(
            p,
            "no article text left after removing boilerplate",
        ))
    } else {
        Ok(doc)
    }
}

/// The raw articles of one file, one at a time: a JSON Lines archive of any size is read line
/// by line, so memory stays bounded; a bad line is an error of its own and the rest goes on.
/// Cleaning them with [`finish`] is left to the caller, which may do it in parallel.
pub fn stream_raw(path: &Path) -> Result<Box<dyn Iterator<Item = Result<RawArticle>>>> {
    let is_jsonl = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    if !is_jsonl {
        let raws = read_file(path)?;
        return Ok(Box::new(raws.into_iter().map(Ok)));
    }
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut head = Vec::new();
    file.try_clone()
        .map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?
        .take(8192)
        .read_to_end(&mut head)
        .map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
    // The clone shares the file position: rewind before reading lines.
    let mut file = file;
    std::io::Seek::rewind(&mut file).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    if head.contains(&0) {
        return Err(Error::input(path, "binary file (contains NUL bytes)"));
    }
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::input(path, "empty file (no text)"));
    }
    let owned = path.to_path_buf();
    let lines = std::io::BufReader::new(file).split(b'\n').enumerate();
    Ok(Box::new(lines.filter_map(move |(n, line)| {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                return Some(Err(Error::Io {
                    path: owned.clone(),
                    source: e,
                }))
            }
        };
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t,
            Err(e) => {
                return Some(Err(Error::input(
                    &owned,
                    format!("line {}: invalid UTF-8 at byte {}", n + 1, e.valid_up_to()),
                )))
            }
        };
        let text = if n == 0 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        if text.trim().is_empty() {
            return None;
        }
        Some(formats::parse_jsonl_line(&owned, n + 1, text))
    })))
}

/// The base name of a path, used as the document id.
pub fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}
