//! `nodes.csv` and `edges.csv` with the headers of Neo4j's admin import (`id:ID`, `:LABEL`,
//! `:START_ID`, `:END_ID`, `:TYPE`), also readable by Gephi.

use super::Projection;
use petgraph::visit::EdgeRef;

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn nodes(g: &Projection) -> String {
    let mut s = String::from("id:ID,name,:LABEL,iri,country\n");
    for i in g.node_indices() {
        let n = &g[i];
        let label = if n.is_event {
            format!("Event;{}", n.kind)
        } else {
            n.kind.clone()
        };
        s.push_str(&format!(
            "n{},{},{},{},{}\n",
            i.index(),
            field(&n.label),
            field(&label),
            field(&n.iri),
            field(n.country.as_deref().unwrap_or(""))
        ));
    }
    s
}

pub fn edges(g: &Projection) -> String {
    let mut s = String::from(":START_ID,:END_ID,:TYPE,label,event,date\n");
    for e in g.edge_references() {
        let w = e.weight();
        let kind: String = w
            .kind
            .to_uppercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        s.push_str(&format!(
            "n{},n{},{},{},{},{}\n",
            e.source().index(),
            e.target().index(),
            field(&kind),
            field(&w.label),
            field(&w.event),
            field(w.date.as_deref().unwrap_or(""))
        ));
    }
    s
}
