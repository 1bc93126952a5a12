//! Command-line interface: parses flags and drives the library.

/// `println!` that hands a failed write (a closed pipe: `newsgraph stats | head`) back as an
/// error instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

mod build;
mod commands;
mod graphs;
mod writers;

use clap::{Parser, Subcommand};
use newsgraph::query::ResultFormat;
use newsgraph::Knowledge;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  newsgraph build data/articles                 # extract and store the demo corpus
  newsgraph stats                               # what the store holds
  newsgraph query --file examples/queries/who-deported-whom.rq
  newsgraph query 'SELECT ?e ?label WHERE { ?e a ng:State ; rdfs:label ?label }'
  newsgraph extract --format json data/articles > out.jsonl
  newsgraph export --format turtle > graph.ttl
  newsgraph ask 'Who deported whom?'
  newsgraph ask --from data/articles 'How many Thai nationals were deported?'";

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Turn news articles into a knowledge graph you can query, with every fact traced to its sentence",
    after_help = EXAMPLES
)]
struct Cli {
    /// The store directory (an Oxigraph RocksDB store)
    #[arg(
        long,
        global = true,
        env = "NEWSGRAPH_STORE",
        default_value = "newsgraph.db"
    )]
    store: PathBuf,
    /// Read gazetteers, lexicon and event types from this directory instead of the built-in data
    #[arg(long, global = true, env = "NEWSGRAPH_DATA")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ExtractFormat {
    Json,
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    /// Each sentence's words, part-of-speech tags and dependency tree (CoNLL-U)
    Conllu,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    /// Graphviz DOT of a view of the graph
    Dot,
    /// GraphML of a view of the graph (Gephi, yEd, networkx)
    Graphml,
    /// nodes.csv and edges.csv (Neo4j admin import) into --output DIR
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Render {
    Svg,
    Png,
}

/// The view of the graph and its filters (export and rank).
#[derive(clap::Args, Debug, Clone)]
pub struct ViewArgs {
    /// actors: entities linked by events; events: events linked to their role fillers
    #[arg(long, value_enum, default_value = "actors")]
    pub view: newsgraph::export::View,
    /// Keep only the neighbourhood of this entity
    #[arg(long)]
    pub focus: Option<String>,
    /// How many steps from --focus
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Keep only these event types (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
    /// Keep only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    pub since: Option<String>,
    /// Keep only events on or before this date
    #[arg(long)]
    pub until: Option<String>,
    /// Drop nodes with fewer edges than this
    #[arg(long, default_value_t = 0)]
    pub min_degree: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum AskFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Ask a question in plain English; answers cite the sentences that support them.
    ///
    /// Forms: "Who deported whom?", "Who did Cambodia deport?", "Who deported Thai
    /// nationals?", "Who was deported from Cambodia?", "How many Thai nationals were
    /// deported?", "Where did the raids take place?", "When did Cambodia deport the Thais?",
    /// "Who visited Sa Kaeo?", "Who met Hun Manet?", "Who does Cambodia cooperate with?",
    /// "Who ordered the crackdown?", "What happened in Poipet?", "What do we know about Hun
    /// Manet?", "How is Hun Manet connected to Paetongtarn Shinawatra?". Verbs are read through
    /// the trigger words of the event types, so "expelled" or "kicked out" find deportations.
    #[command(
        after_help = "Examples:\n  newsgraph ask \"Who deported whom?\"\n  newsgraph ask --sparql \"Who did Cambodia deport?\"\n  newsgraph ask --format json --from article.txt \"Who arrested whom?\""
    )]
    Ask {
        /// The question
        question: String,
        /// Answer from these articles or directories (built in memory) instead of the store;
        /// repeat the flag for several
        #[arg(long, action = clap::ArgAction::Append)]
        from: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: AskFormat,
        /// Print the SPARQL query the question compiles to (to stderr with --format json)
        #[arg(long)]
        sparql: bool,
    },
    /// Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint, plain-English questions and
    /// an analyst's web page.
    ///
    /// Routes: / (the page), /sparql (GET query=, POST application/sparql-query or a form;
    /// results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, JSON-LD or
    /// RDF/XML by the Accept header), /update (only with --allow-update), /store?graph=IRI
    /// (a document's named graph), /ask?q=QUESTION (the JSON of `ask`), /health.
    /// Read-only and on loopback unless told otherwise; stops cleanly on Ctrl-C or SIGTERM.
    /// Request logs go to stderr (RUST_LOG=debug for more).
    #[command(after_help = "Examples:
  newsgraph serve
  newsgraph serve --bind 0.0.0.0:8080 --timeout 30s --max-results 50000
  curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20a%20ng%3ADeportation%7D'")]
    Serve {
        /// Address and port to listen on (port 0: any free port)
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Accept SPARQL updates at /update
        #[arg(long)]
        allow_update: bool,
        /// Longest a query may run before it is cancelled: "10s", "500ms", "2m"
        #[arg(long, default_value = "10s", value_parser = parse_duration)]
        timeout: std::time::Duration,
        /// Most solutions (or triples) a query returns; more are cut, with an
        /// x-newsgraph-truncated header
        #[arg(long, default_value_t = 100_000)]
        max_results: usize,
    },
    /// Ingest articles, extract entities and events, and write them into the store.
    ///
    /// Reads .txt, .md (optional front matter), .html and .jsonl files; directories are
    /// walked. Each document becomes one named graph, written atomically: a changed document
    /// replaces its facts, an unchanged one is skipped.
    #[command(after_help = "Example:\n  newsgraph build data/articles --store ./newsgraph.db")]
    Build {
        /// Files or directories to ingest
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Extract without a store and print the result to stdout.
    ///
    /// `json` prints one JSON object per document (entities, groups, events with provenance);
    /// the RDF formats print the graph of all documents.
    #[command(
        after_help = "Example:\n  newsgraph extract --format json data/articles/000_ada3d2bf91749a56.txt"
    )]
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: ExtractFormat,
    },
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) against the store.
    ///
    /// The prefixes ng:, id:, rdfs:, owl:, skos:, schema:, prov:, sem:, nif:, xsd:, dcterms:,
    /// time: and wd: are declared; the default graph is the union of all documents.
    #[command(
        after_help = "Examples:\n  newsgraph query --file examples/queries/who-deported-whom.rq\n  newsgraph query 'ASK { ?e a ng:Deportation }'\n  newsgraph query --format csv 'SELECT ?p ?name WHERE { ?p a ng:Person ; rdfs:label ?name }'"
    )]
    Query {
        /// The query text (or use --file)
        #[arg(conflicts_with = "file", required_unless_present = "file")]
        sparql: Option<String>,
        /// Read the query from a file
        #[arg(long)]
        file: Option<PathBuf>,
        /// How to print solutions (graph results are always Turtle)
        #[arg(long, value_enum, default_value = "table")]
        format: ResultFormat,
    },
    /// Write the store as RDF, or a view of its graph as DOT, GraphML or CSV.
    ///
    /// RDF formats write the whole store (sorted). `dot`, `graphml` and `csv` write a view:
    /// `actors` (entities and groups, one labelled edge per event from agent to patient,
    /// partner or place) or `events` (events linked to their role fillers), with filters.
    #[command(
        after_help = "Examples:\n  newsgraph export --format nquads > newsgraph.nq\n  newsgraph export --format dot --view actors --focus Cambodia --depth 1 > cambodia.dot\n  newsgraph export --format dot --types Deportation,Arrest --render svg --output actors.svg\n  newsgraph export --format csv --output neo4j/"
    )]
    Export {
        #[arg(long, value_enum, default_value = "turtle")]
        format: ExportFormat,
        #[command(flatten)]
        view: ViewArgs,
        /// Render the DOT with Graphviz into --output (needs `dot` installed)
        #[arg(long, value_enum)]
        render: Option<Render>,
        /// Output file (with --render) or directory (with --format csv)
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// The most central actors of the graph, with their scores.
    #[command(
        after_help = "Examples:\n  newsgraph rank\n  newsgraph rank --by betweenness --type Person --top 5"
    )]
    Rank {
        #[arg(long, value_enum, default_value = "pagerank")]
        by: newsgraph::export::rank::Measure,
        /// Only entities of this class (Person, State, Organisation, Place, Group)
        #[arg(long = "type")]
        kind: Option<String>,
        #[arg(long, default_value_t = 10)]
        top: usize,
        #[command(flatten)]
        view: ViewArgs,
    },
    /// The shortest chain of events between two entities, with the evidence of each step.
    #[command(after_help = "Example:\n  newsgraph path \"Hun Manet\" \"Paetongtarn Shinawatra\"")]
    Path {
        from: String,
        to: String,
        #[arg(long, value_enum, default_value = "text")]
        format: AskFormat,
    },
    /// Counts by class, documents and triples in the store.
    Stats,
    /// Train a learned model from annotated data and write its file.
    ///
    /// `syntax`: the part-of-speech tagger and dependency parser, from Universal Dependencies
    /// treebanks in CoNLL-U (the shipped model: data/models/README.md says from which).
    /// `names`: the name recogniser, from CoNLL-2003 named-entity files.
    #[command(after_help = "Examples:
  newsgraph train syntax --treebank ../shared/treebanks/ud-english-ewt/en_ewt-ud-dev.conllu \\
      --treebank ../shared/treebanks/ud-english-ewt/en_ewt-ud-test.conllu \\
      --score ../shared/treebanks/ud-english-pud/en_pud-ud-test.conllu --output data/models/syntax.bin
  newsgraph train names --conll ../shared/eval/conll2003/eng.train \\
      --score ../shared/eval/conll2003/eng.testa --output data/models/names.bin")]
    Train {
        #[arg(value_enum)]
        model: TrainModel,
        /// syntax: a CoNLL-U treebank to learn from (repeat for several)
        #[arg(long, action = clap::ArgAction::Append)]
        treebank: Vec<PathBuf>,
        /// names: a CoNLL-2003 file to learn from (repeat for several)
        #[arg(long, action = clap::ArgAction::Append)]
        conll: Vec<PathBuf>,
        /// names: plain text to learn word classes from: a text file, or JSON lines with a
        /// "text" field (repeat for several)
        #[arg(long, action = clap::ArgAction::Append)]
        text: Vec<PathBuf>,
        /// names: how many word classes to learn from the text
        #[arg(long, default_value_t = 256)]
        classes: usize,
        /// names: passes of the word clustering
        #[arg(long, default_value_t = 8)]
        cluster_passes: usize,
        /// A file in the same format to score the new model on (never trained on)
        #[arg(long)]
        score: Option<PathBuf>,
        /// Where to write the model (default: data/models/syntax.bin or names.bin)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Passes over the data: name recogniser
        #[arg(long, default_value_t = 10)]
        epochs: usize,
        /// Passes over the data: tagger
        #[arg(long, default_value_t = 8)]
        tagger_epochs: usize,
        /// Passes over the data: parser
        #[arg(long, default_value_t = 12)]
        parser_epochs: usize,
        /// Leave out features that took part in fewer training updates (a smaller model)
        #[arg(long, default_value_t = 2)]
        min_updates: u32,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum TrainModel {
    /// Part-of-speech tagger and dependency parser
    Syntax,
    /// Name recogniser
    Names,
}

fn knowledge(data: &Option<PathBuf>) -> anyhow::Result<&'static Knowledge> {
    Ok(match data {
        Some(dir) => Box::leak(Box::new(Knowledge::from_dir(dir)?)),
        None => Knowledge::embedded(),
    })
}

/// Runs the command line; returns the process exit code.
pub fn run() -> anyhow::Result<i32> {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { paths } => {
            crate::allocator::keep_freed_memory();
            build::run(&cli.store, &paths, knowledge(&cli.data)?)
        }
        Command::Extract { paths, format } => {
            crate::allocator::keep_freed_memory();
            let name = match format {
                ExtractFormat::Json => "json",
                ExtractFormat::Turtle => "turtle",
                ExtractFormat::Ntriples => "ntriples",
                ExtractFormat::Nquads => "nquads",
                ExtractFormat::Trig => "trig",
                ExtractFormat::Jsonld => "jsonld",
                ExtractFormat::Conllu => "conllu",
            };
            commands::extract(&paths, name, knowledge(&cli.data)?)
        }
        Command::Query {
            sparql,
            file,
            format,
        } => commands::query(&cli.store, sparql, file, format),
        Command::Export {
            format,
            view,
            render,
            output,
        } => {
            let name = match format {
                ExportFormat::Turtle => "turtle",
                ExportFormat::Ntriples => "ntriples",
                ExportFormat::Nquads => "nquads",
                ExportFormat::Trig => "trig",
                ExportFormat::Jsonld => "jsonld",
                _ => {
                    return graphs::export(
                        &cli.store,
                        format,
                        &view,
                        render,
                        output,
                        knowledge(&cli.data)?,
                    )
                }
            };
            commands::export(&cli.store, name)
        }
        Command::Rank {
            by,
            kind,
            top,
            view,
        } => graphs::rank(&cli.store, by, kind, top, &view, knowledge(&cli.data)?),
        Command::Path { from, to, format } => graphs::path(
            &cli.store,
            &from,
            &to,
            format == AskFormat::Json,
            knowledge(&cli.data)?,
        ),
        Command::Stats => commands::stats(&cli.store),
        Command::Train {
            model: TrainModel::Syntax,
            treebank,
            score,
            output,
            tagger_epochs,
            parser_epochs,
            min_updates,
            ..
        } => commands::train_syntax(
            &treebank,
            score.as_deref(),
            &output.unwrap_or_else(|| "data/models/syntax.bin".into()),
            newsgraph::syntax::train::Settings {
                tagger_epochs,
                parser_epochs,
                min_updates,
            },
        ),
        Command::Train {
            model: TrainModel::Names,
            conll,
            text,
            score,
            output,
            epochs,
            min_updates,
            classes,
            cluster_passes,
            ..
        } => commands::train_names(
            &conll,
            &text,
            score.as_deref(),
            &output.unwrap_or_else(|| "data/models/names.bin".into()),
            newsgraph::recognise::train::Settings {
                epochs,
                min_updates,
                classes,
                cluster_passes,
            },
            knowledge(&cli.data)?,
        ),
        Command::Serve {
            bind,
            allow_update,
            timeout,
            max_results,
        } => commands::serve(
            &cli.store,
            bind,
            newsgraph::serve::Config {
                allow_update,
                limits: newsgraph::serve::protocol::Limits {
                    timeout,
                    max_results,
                },
            },
            knowledge(&cli.data)?,
        ),
        Command::Ask {
            question,
            from,
            format,
            sparql,
        } => commands::ask(
            &cli.store,
            &question,
            &from,
            format == AskFormat::Json,
            sparql,
            knowledge(&cli.data)?,
        ),
    }
}

/// "10s", "500ms", "2m" or a bare number of seconds.
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let (number, unit) = match s.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, "s"),
    };
    let n: f64 = number
        .parse()
        .map_err(|_| format!("{s:?} is not a duration like 10s, 500ms or 2m"))?;
    let seconds = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" | "min" => n * 60.0,
        _ => return Err(format!("unknown unit {unit:?} in {s:?} (use ms, s or m)")),
    };
    if !(seconds > 0.0 && seconds.is_finite()) {
        return Err(format!("{s:?}: a timeout must be positive"));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}
