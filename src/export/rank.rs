//! Centrality over the actor projection: PageRank (petgraph), degree, and betweenness
//! (Brandes' algorithm on the undirected graph).

use super::Projection;
use petgraph::visit::EdgeRef;
use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    Pagerank,
    Degree,
    Betweenness,
}

/// (label, kind, score) of every node, best first; ties in label order.
pub fn rank(g: &Projection, by: Measure) -> Vec<(String, String, f64)> {
    let n = g.node_count();
    let scores: Vec<f64> = match by {
        Measure::Pagerank => petgraph::algo::page_rank(g, 0.85_f64, 100),
        Measure::Degree => g
            .node_indices()
            .map(|i| {
                g.edges_directed(i, petgraph::Direction::Outgoing).count() as f64
                    + g.edges_directed(i, petgraph::Direction::Incoming).count() as f64
            })
            .collect(),
        Measure::Betweenness => betweenness(g),
    };
    let mut out: Vec<(String, String, f64)> = (0..n)
        .map(|i| {
            let node = &g[petgraph::graph::NodeIndex::new(i)];
            (node.label.clone(), node.kind.clone(), scores[i])
        })
        .collect();
    out.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    out
}

fn betweenness(g: &Projection) -> Vec<f64> {
    let n = g.node_count();
    let mut adj = vec![Vec::new(); n];
    for e in g.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        if a != b {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    for l in &mut adj {
        l.sort_unstable();
        l.dedup();
    }
    let mut cb = vec![0.0; n];
    for s in 0..n {
        let mut stack = Vec::new();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0; n];
        let mut dist = vec![-1i64; n];
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut q = VecDeque::from([s]);
        while let Some(v) = q.pop_front() {
            stack.push(v);
            for &w in &adj[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    q.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    // Undirected: every pair was counted from both ends.
    cb.iter().map(|x| x / 2.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Edge, Node};

    fn star() -> Projection {
        let mut g = Projection::new();
        let node = |l: &str| Node {
            iri: l.into(),
            label: l.into(),
            kind: "State".into(),
            is_event: false,
            country: None,
        };
        let hub = g.add_node(node("Hub"));
        for l in ["A", "B", "C"] {
            let x = g.add_node(node(l));
            g.add_edge(
                hub,
                x,
                Edge {
                    label: "x".into(),
                    kind: "Arrest".into(),
                    event: l.into(),
                    date: None,
                },
            );
        }
        g
    }

    #[test]
    fn the_hub_of_a_star_is_most_central() {
        let g = star();
        assert_eq!(
            rank(&g, Measure::Degree)[0],
            ("Hub".into(), "State".into(), 3.0)
        );
        let b = rank(&g, Measure::Betweenness);
        assert_eq!(b[0], ("Hub".into(), "State".into(), 3.0));
        assert_eq!(b[1].2, 0.0);
    }
}
