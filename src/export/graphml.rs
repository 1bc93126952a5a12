//! GraphML for Gephi, yEd and networkx.

use super::Projection;
use petgraph::visit::EdgeRef;
use std::fmt::Write;

fn xml(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(*c as u32, 0..=8 | 11 | 12 | 14..=31))
        .fold(String::new(), |mut out, c| {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                c => out.push(c),
            }
            out
        })
}

pub fn write(g: &Projection) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(s, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">");
    for (id, for_, name) in [
        ("label", "node", "label"),
        ("kind", "node", "kind"),
        ("iri", "node", "iri"),
        ("country", "node", "country"),
        ("elabel", "edge", "label"),
        ("ekind", "edge", "kind"),
        ("event", "edge", "event"),
        ("date", "edge", "date"),
    ] {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"{for_}\" attr.name=\"{name}\" attr.type=\"string\"/>"
        );
    }
    let _ = writeln!(s, "  <graph id=\"newsgraph\" edgedefault=\"directed\">");
    for i in g.node_indices() {
        let n = &g[i];
        let _ = writeln!(s, "    <node id=\"n{}\">", i.index());
        let _ = writeln!(s, "      <data key=\"label\">{}</data>", xml(&n.label));
        let _ = writeln!(
            s,
            "      <data key=\"kind\">{}</data>",
            xml(if n.is_event { "Event" } else { &n.kind })
        );
        let _ = writeln!(s, "      <data key=\"iri\">{}</data>", xml(&n.iri));
        if let Some(c) = &n.country {
            let _ = writeln!(s, "      <data key=\"country\">{}</data>", xml(c));
        }
        let _ = writeln!(s, "    </node>");
    }
    for (k, e) in g.edge_references().enumerate() {
        let w = e.weight();
        let _ = writeln!(
            s,
            "    <edge id=\"e{k}\" source=\"n{}\" target=\"n{}\">",
            e.source().index(),
            e.target().index()
        );
        let _ = writeln!(s, "      <data key=\"elabel\">{}</data>", xml(&w.label));
        let _ = writeln!(s, "      <data key=\"ekind\">{}</data>", xml(&w.kind));
        let _ = writeln!(s, "      <data key=\"event\">{}</data>", xml(&w.event));
        if let Some(d) = &w.date {
            let _ = writeln!(s, "      <data key=\"date\">{}</data>", xml(d));
        }
        let _ = writeln!(s, "    </edge>");
    }
    let _ = writeln!(s, "  </graph>\n</graphml>");
    s
}
