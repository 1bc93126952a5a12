//! Input formats: plain text and Markdown (with optional front matter), HTML, JSON Lines.

use super::{base_name, RawArticle};
use crate::error::{Error, Result};
use std::path::Path;

/// Normalises a date given in metadata to ISO `YYYY-MM-DD` (a datetime keeps its date part).
pub fn normalise_date(value: &str) -> Option<String> {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    let head: String = v.chars().take(10).collect();
    let date: jiff::civil::Date = head.parse().ok()?;
    Some(date.to_string())
}

/// `.txt` / `.md`: optional `---` front matter (`title`, `date`, `source`, `url`), else a
/// first-line headline and a `Date: YYYY-MM-DD` line near the top.
pub fn parse_text(path: &Path, text: &str) -> Result<RawArticle> {
    let mut article = RawArticle {
        id: base_name(path),
        path: path.display().to_string(),
        ..Default::default()
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut body: &str = &text;
    if let Some(rest) = text.strip_prefix("---\n") {
        let end = rest
            .find("\n---\n")
            .map(|i| (i, i + 5))
            .or_else(|| rest.strip_suffix("\n---").map(|r| (r.len(), rest.len())))
            .ok_or_else(|| Error::input(path, "malformed front matter: no closing `---` line"))?;
        for (n, line) in rest[..end.0].lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line.split_once(':').ok_or_else(|| {
                Error::input(
                    path,
                    format!("malformed front matter: line {} is not `key: value`", n + 2),
                )
            })?;
            let value = value
                .trim()
                .trim_matches('"')
                .trim_matches('\'')
                .to_string();
            match key.trim().to_ascii_lowercase().as_str() {
                "title" => article.title = Some(value),
                "date" => {
                    article.date = Some(normalise_date(&value).ok_or_else(|| {
                        Error::input(
                            path,
                            format!("front matter `date: {value}` is not a date (YYYY-MM-DD)"),
                        )
                    })?)
                }
                "source" => article.source = Some(value),
                "url" => article.url = Some(value),
                _ => {}
            }
        }
        body = &rest[end.1.min(rest.len())..];
    }
    // A `Date:` line among the first lines of the body.
    let mut kept = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if i < 6 {
            if let Some(v) = line.trim().strip_prefix("Date:") {
                if let Some(d) = normalise_date(v) {
                    article.date.get_or_insert(d);
                    continue;
                }
            }
        }
        kept.push(line);
    }
    article.body = kept.join("\n");
    if article.title.is_none() {
        article.title = article
            .body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .filter(|l| l.len() < 300 && !l.ends_with('.'))
            .map(str::to_string);
    }
    Ok(article)
}

/// `.html`: visible text of the page, block by block; scripts, styles and navigation dropped.
pub fn parse_html(path: &Path, html: &str) -> Result<RawArticle> {
    use scraper::{Html, Node, Selector};
    let doc = Html::parse_document(html);
    let select = |s: &str| Selector::parse(s).expect("static selector");
    let title = doc
        .select(&select("title"))
        .next()
        .map(|t| t.text().collect::<String>().trim().to_string())
        .filter(|t| !t.is_empty());
    let date = doc
        .select(&select(
            "meta[property='article:published_time'], meta[name='date'], meta[itemprop='datePublished']",
        ))
        .filter_map(|m| m.value().attr("content"))
        .chain(
            doc.select(&select("time[datetime]"))
                .filter_map(|t| t.value().attr("datetime")),
        )
        .find_map(normalise_date);
    const SKIP: [&str; 12] = [
        "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button",
        "iframe", "template",
    ];
    const BLOCK: [&str; 16] = [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "br",
        "tr",
        "section",
        "article",
        "blockquote",
        "figcaption",
        "title",
    ];
    let mut out = String::new();
    // Iterative walk: deeply nested pages must not overflow the stack.
    let root = doc
        .select(&select("body"))
        .next()
        .map(|b| *b)
        .unwrap_or_else(|| doc.tree.root());
    let mut stack = vec![(root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let block = BLOCK.contains(&name);
                if closing {
                    if block {
                        out.push('\n');
                    }
                    continue;
                }
                if block {
                    out.push('\n');
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            Node::Text(t) if !closing => {
                let s: &str = t;
                let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
                if !collapsed.is_empty() {
                    if !out.ends_with(['\n', ' '])
                        && !out.is_empty()
                        && s.starts_with(char::is_whitespace)
                    {
                        out.push(' ');
                    }
                    out.push_str(&collapsed);
                    if s.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
            Node::Document | Node::Fragment if !closing => {
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push((child, false));
                }
            }
            _ => {}
        }
    }
    let mut body: Vec<String> = out
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let h1 = doc
        .select(&select("h1"))
        .next()
        .map(|h| h.text().collect::<String>().trim().to_string());
    let title = h1.filter(|t| !t.is_empty()).or(title);
    if let Some(t) = &title {
        if body.first() != Some(t) {
            body.insert(0, t.clone());
        }
    }
    if body.is_empty() {
        return Err(Error::input(path, "HTML page has no visible text"));
    }
    Ok(RawArticle {
        id: base_name(path),
        path: path.display().to_string(),
        title,
        date,
        source: None,
        url: None,
        body: body.join("\n"),
    })
}

#[derive(serde::Deserialize)]
struct JsonlRecord {
    id: serde_json::Value,
    title: Option<String>,
    text: String,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

/// One line of a `.jsonl` file (`n` counts from 1): `id`, `title`, `text`, optional `date`,
/// `url`, `source`.
pub fn parse_jsonl_line(path: &Path, n: usize, line: &str) -> Result<RawArticle> {
    let rec: JsonlRecord = serde_json::from_str(line)
        .map_err(|e| Error::input(path, format!("line {n}: not a JSON article record: {e}")))?;
    let id = match rec.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => {
            return Err(Error::input(
                path,
                format!("line {n}: `id` must be a string"),
            ))
        }
    };
    let date =
        match rec.date {
            Some(d) => Some(normalise_date(&d).ok_or_else(|| {
                Error::input(path, format!("line {n}: `date: {d}` is not a date"))
            })?),
            None => None,
        };
    let mut body = rec.text;
    if let Some(t) = &rec.title {
        if !body.trim_start().starts_with(t.as_str()) {
            body = format!("{t}\n{body}");
        }
    }
    Ok(RawArticle {
        id,
        path: format!("{}:{n}", path.display()),
        title: rec.title,
        date,
        source: rec.source,
        url: rec.url,
        body,
    })
}

/// `.jsonl`: one article per line.
pub fn parse_jsonl(path: &Path, text: &str) -> Result<Vec<RawArticle>> {
    let out: Vec<RawArticle> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| parse_jsonl_line(path, n + 1, l))
        .collect::<Result<_>>()?;
    if out.is_empty() {
        return Err(Error::input(path, "no article records"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_date() {
        let a = parse_text(
            Path::new("a.md"),
            "---\ntitle: Raid in Bavet\ndate: 2025-07-02T10:00:00Z\n---\nPolice raided a compound.",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Raid in Bavet"));
        assert_eq!(a.date.as_deref(), Some("2025-07-02"));
        assert_eq!(a.body.trim(), "Police raided a compound.");
    }

    #[test]
    fn headline_and_date_line() {
        let a = parse_text(
            Path::new("b.txt"),
            "Laos expels 40 workers\nDate: 2024-01-09\n\nLaos expelled 40 workers.",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Laos expels 40 workers"));
        assert_eq!(a.date.as_deref(), Some("2024-01-09"));
        assert!(!a.body.contains("Date:"));
    }

    #[test]
    fn malformed_front_matter_is_an_error() {
        let e = parse_text(Path::new("c.md"), "---\ntitle: x\nno closing").unwrap_err();
        assert!(e.to_string().contains("c.md"));
        let e = parse_text(Path::new("d.md"), "---\ndate: soon\n---\ntext").unwrap_err();
        assert!(e.to_string().contains("not a date"));
    }

    #[test]
    fn html_drops_scripts_and_navigation() {
        let a = parse_html(
            Path::new("p.html"),
            "<html><head><title>T</title><script>var x=1;</script></head><body><nav>Home | World</nav>\
             <h1>Police raid casino</h1><p>Police raided a casino in Bavet.</p><footer>Share</footer></body></html>",
        )
        .unwrap();
        assert_eq!(
            a.body,
            "Police raid casino\nPolice raided a casino in Bavet."
        );
    }

    #[test]
    fn jsonl_records() {
        let v = parse_jsonl(
            Path::new("x.jsonl"),
            "{\"id\":\"a1\",\"title\":\"T\",\"text\":\"Body.\",\"date\":\"2025-01-02\"}\n",
        )
        .unwrap();
        assert_eq!(v[0].id, "a1");
        assert_eq!(v[0].body, "T\nBody.");
        assert!(parse_jsonl(Path::new("x.jsonl"), "{oops\n").is_err());
    }
}
