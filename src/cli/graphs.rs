//! `export --format dot|graphml|csv`, `rank` and `path`.

use super::{ExportFormat, Render, ViewArgs};
use anyhow::{bail, Context};
use newsgraph::export::{self, rank::Measure, Filter};
use newsgraph::store::GraphStore;
use newsgraph::Knowledge;
use std::io::Write;
use std::path::{Path, PathBuf};

fn filter(v: &ViewArgs) -> Filter {
    Filter {
        focus: v.focus.clone(),
        depth: v.depth,
        types: v.types.clone(),
        since: v.since.clone(),
        until: v.until.clone(),
        min_degree: v.min_degree,
    }
}

fn projection(gs: &GraphStore, v: &ViewArgs, k: &Knowledge) -> anyhow::Result<export::Projection> {
    let g = export::project(&gs.store, v.view, k)?;
    Ok(export::filter(&gs.store, &g, &filter(v))?)
}

fn title(v: &ViewArgs) -> String {
    let mut t = format!(
        "newsgraph: {} view",
        if v.view == export::View::Actors {
            "actors"
        } else {
            "events"
        }
    );
    if let Some(f) = &v.focus {
        t.push_str(&format!(", around {f} (depth {})", v.depth));
    }
    if !v.types.is_empty() {
        t.push_str(&format!(", {}", v.types.join(", ")));
    }
    t
}

pub fn export(
    store: &Path,
    format: ExportFormat,
    v: &ViewArgs,
    render: Option<Render>,
    output: Option<PathBuf>,
    k: &Knowledge,
) -> anyhow::Result<i32> {
    if render.is_some() && format != ExportFormat::Dot {
        bail!("--render needs --format dot");
    }
    let gs = GraphStore::open_existing(store)?;
    let g = projection(&gs, v, k)?;
    match format {
        ExportFormat::Dot => {
            let dot = export::dot::write(&g, &title(v));
            match render {
                Some(r) => {
                    let out = output.context("--render needs --output FILE")?;
                    render_with_graphviz(&dot, r, &out)?;
                    eprintln!("wrote {}", out.display());
                }
                None => print(&dot)?,
            }
        }
        ExportFormat::Graphml => print(&export::graphml::write(&g))?,
        ExportFormat::Csv => {
            let dir =
                output.context("--format csv writes nodes.csv and edges.csv: give --output DIR")?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create directory", dir.display()))?;
            for (name, text) in [
                ("nodes.csv", export::csv::nodes(&g)),
                ("edges.csv", export::csv::edges(&g)),
            ] {
                let p = dir.join(name);
                std::fs::write(&p, text)
                    .with_context(|| format!("{}: cannot write", p.display()))?;
            }
            eprintln!(
                "wrote {} and {}",
                dir.join("nodes.csv").display(),
                dir.join("edges.csv").display()
            );
        }
        _ => unreachable!("RDF formats are exported by commands::export"),
    }
    Ok(0)
}

fn print(s: &str) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn render_with_graphviz(dot: &str, r: Render, out: &Path) -> anyhow::Result<()> {
    let fmt = match r {
        Render::Svg => "-Tsvg",
        Render::Png => "-Tpng",
    };
    let mut child = match std::process::Command::new("dot")
        .arg(fmt)
        .arg("-o")
        .arg(out)
        .stdin(std::process::Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "Graphviz `dot` is not installed: install it (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) or export --format dot and render elsewhere"
        ),
        Err(e) => bail!("cannot run Graphviz `dot`: {e}"),
    };
    child
        .stdin
        .take()
        .context("dot's input")?
        .write_all(dot.as_bytes())?;
    let status = child.wait()?;
    if !status.success() {
        bail!("Graphviz `dot` failed ({status}) writing {}", out.display());
    }
    Ok(())
}

pub fn rank(
    store: &Path,
    by: Measure,
    kind: Option<String>,
    top: usize,
    v: &ViewArgs,
    k: &Knowledge,
) -> anyhow::Result<i32> {
    let gs = GraphStore::open_existing(store)?;
    let g = projection(&gs, v, k)?;
    let ranked = export::rank::rank(&g, by);
    let wanted = kind.map(|k| k.to_lowercase());
    let mut shown = 0;
    for (label, kind, score) in ranked {
        if wanted.as_ref().is_some_and(|w| kind.to_lowercase() != *w) {
            continue;
        }
        outln!("{score:>10.4}  {kind:<12}  {label}");
        shown += 1;
        if shown == top {
            break;
        }
    }
    if shown == 0 {
        outln!("no actors to rank");
    }
    Ok(0)
}

pub fn path(store: &Path, from: &str, to: &str, json: bool, k: &Knowledge) -> anyhow::Result<i32> {
    let gs = GraphStore::open_existing(store)?;
    let q = format!("How is {from} connected to {to}?");
    let response = match newsgraph::ask::ask(&gs.store, &q, k) {
        Ok(r) if r.path.is_some() => r,
        Ok(_) => bail!("name two entities of the graph"),
        Err(e) => bail!("{e}"),
    };
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&newsgraph::ask::render_json(&response))?
        );
    } else {
        print!("{}", newsgraph::ask::render_text(&response));
    }
    Ok(0)
}
