//! Query: SPARQL results written as a table, CSV, TSV, SPARQL JSON or XML; graph results
//! (CONSTRUCT, DESCRIBE) as Turtle.

use crate::error::{Error, Result};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

/// A term as a person reads it: IRIs shortened with the known prefixes, literals bare.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            for (p, ns) in crate::graph::vocab::PREFIXES {
                if let Some(local) = n.as_str().strip_prefix(ns) {
                    if !local.is_empty() && !local.contains(['/', '#']) {
                        return format!("{p}:{local}");
                    }
                }
            }
            format!("<{}>", n.as_str())
        }
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

pub fn write_results(
    results: QueryResults<'_>,
    format: ResultFormat,
    mut out: impl Write,
) -> Result<()> {
    let io = |e: std::io::Error| Error::Other(format!("cannot write output: {e}"));
    let qerr = |e: oxigraph::sparql::QueryEvaluationError| Error::Query(e.to_string());
    match results {
        QueryResults::Graph(triples) => {
            let mut ser = crate::output::rdf_serializer(RdfFormat::Turtle).for_writer(out);
            for t in triples {
                ser.serialize_triple(&t.map_err(qerr)?).map_err(io)?;
            }
            ser.finish().map_err(io)?;
        }
        QueryResults::Boolean(b) if format == ResultFormat::Table => {
            writeln!(out, "{b}").map_err(io)?;
        }
        QueryResults::Solutions(solutions) if format == ResultFormat::Table => {
            let vars: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect();
            let mut rows: Vec<Vec<String>> = Vec::new();
            for s in solutions {
                let s = s.map_err(qerr)?;
                rows.push(
                    vars.iter()
                        .map(|v| s.get(v.as_str()).map(display_term).unwrap_or_default())
                        .collect(),
                );
            }
            let widths: Vec<usize> = vars
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    rows.iter()
                        .map(|r| r[i].chars().count())
                        .chain([v.chars().count()])
                        .max()
                        .unwrap_or(0)
                        .min(80)
                })
                .collect();
            let line = |cells: &[String]| -> String {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| {
                        let c: String = c.chars().take(80).collect();
                        format!("{c:<w$}")
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(&vars)).map_err(io)?;
            writeln!(
                out,
                "{}",
                widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("-+-")
            )
            .map_err(io)?;
            for r in &rows {
                writeln!(out, "{}", line(r)).map_err(io)?;
            }
            writeln!(
                out,
                "({} row{})",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            )
            .map_err(io)?;
        }
        QueryResults::Boolean(b) => {
            let ser = QueryResultsSerializer::from_format(results_format(format));
            ser.serialize_boolean_to_writer(out, b).map_err(io)?;
        }
        QueryResults::Solutions(solutions) => {
            let ser = QueryResultsSerializer::from_format(results_format(format));
            let mut w = ser
                .serialize_solutions_to_writer(out, solutions.variables().to_vec())
                .map_err(io)?;
            for s in solutions {
                w.serialize(&s.map_err(qerr)?).map_err(io)?;
            }
            w.finish().map_err(io)?;
        }
    }
    Ok(())
}

fn results_format(f: ResultFormat) -> QueryResultsFormat {
    match f {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Json | ResultFormat::Table => QueryResultsFormat::Json,
    }
}
