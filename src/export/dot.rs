//! Graphviz DOT: shape and colour per class, a legend, clusters per country, escaped labels.

use super::Projection;
use petgraph::visit::EdgeRef;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Shape and fill colour of a node class.
fn style(kind: &str, is_event: bool) -> (&'static str, &'static str) {
    if is_event {
        return ("box", "#f2f2f2");
    }
    match kind {
        "Person" => ("ellipse", "#ffd8a8"),
        "State" => ("doubleoctagon", "#a5d8ff"),
        "Organisation" => ("box", "#b2f2bb"),
        "Place" => ("house", "#fff3bf"),
        "Group" => ("folder", "#ffc9c9"),
        _ => ("ellipse", "#ffffff"),
    }
}

/// A DOT double-quoted string: quotes and backslashes escaped, line breaks kept as `\n`.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn write(g: &Projection, title: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "digraph newsgraph {{");
    let _ = writeln!(
        s,
        "  graph [label={}, labelloc=t, fontname=\"Helvetica\", rankdir=LR, overlap=false];",
        quote(title)
    );
    let _ = writeln!(
        s,
        "  node [style=filled, fontname=\"Helvetica\", fontsize=11];"
    );
    let _ = writeln!(
        s,
        "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];"
    );
    // Legend: one sample node per class.
    let kinds = [
        ("Person", false),
        ("State", false),
        ("Organisation", false),
        ("Place", false),
        ("Group", false),
        ("Event", true),
    ];
    let _ = writeln!(
        s,
        "  subgraph cluster_legend {{\n    label=\"Legend\"; style=dashed; color=\"#999999\";"
    );
    for (k, ev) in kinds {
        let (shape, fill) = style(k, ev);
        let _ = writeln!(
            s,
            "    legend_{k} [label={}, shape={shape}, fillcolor={}];",
            quote(k),
            quote(fill)
        );
    }
    let _ = writeln!(s, "  }}");
    // Places and organisations of one state, with the state, in one cluster when there are
    // several of them.
    let mut clusters: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in g.node_indices() {
        let n = &g[i];
        if let (Some(c), false) = (
            &n.country,
            n.is_event || n.kind == "Group" || n.kind == "Person",
        ) {
            clusters.entry(c.clone()).or_default().push(i.index());
        }
    }
    clusters.retain(|_, v| v.len() >= 2);
    let name_of = |iri: &str| {
        g.node_weights()
            .find(|n| n.iri == iri)
            .map(|n| n.label.clone())
            .unwrap_or_default()
    };
    let mut clustered = vec![false; g.node_count()];
    for (ci, (country, members)) in clusters.iter().enumerate() {
        let _ = writeln!(
            s,
            "  subgraph cluster_{ci} {{\n    label={}; style=rounded; color=\"#74c0fc\";",
            quote(&name_of(country))
        );
        for &m in members {
            clustered[m] = true;
            node_line(&mut s, g, m, "    ");
        }
        let _ = writeln!(s, "  }}");
    }
    for i in g.node_indices() {
        if !clustered[i.index()] {
            node_line(&mut s, g, i.index(), "  ");
        }
    }
    for e in g.edge_references() {
        let _ = writeln!(
            s,
            "  n{} -> n{} [label={}];",
            e.source().index(),
            e.target().index(),
            quote(&e.weight().label)
        );
    }
    let _ = writeln!(s, "}}");
    s
}

fn node_line(s: &mut String, g: &Projection, i: usize, indent: &str) {
    let n = &g[petgraph::graph::NodeIndex::new(i)];
    let (shape, fill) = style(&n.kind, n.is_event);
    let _ = writeln!(
        s,
        "{indent}n{i} [label={}, shape={shape}, fillcolor={}, tooltip={}];",
        quote(&n.label),
        quote(fill),
        quote(&n.iri)
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_are_escaped() {
        assert_eq!(
            super::quote("a \"b\" \\ c\nd"),
            "\"a \\\"b\\\" \\\\ c\\nd\""
        );
    }
}
