//! `recoupe`: the command-line tool. Wires the readers, the pipeline and the store; prints for a
//! person by default, JSON with `--json`.

// mimalloc: the ingest pipeline allocates from four threads at once; glibc's allocator spent
// ~19% of the CPU of a 1M-article ingest in malloc/free (perf, docs/BENCHMARKS.md)
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod human;
mod ingest;
mod watch;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::CommandFactory;
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;
use recoupe_core::{analyze, extract, Analysis, EntityId};
use recoupe_ingest::{Caps, IngestError};
use recoupe_store::{Store, StoredArticle, StoryOrder};

#[derive(Parser)]
#[command(
    name = "recoupe",
    version,
    about = "Cross-check news articles across sources, languages and scripts"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour in the human output: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

/// A correction of the stories.
#[derive(Subcommand)]
enum StoryCorrection {
    /// Move an article to another story, or to a story of its own (`--to new`)
    Move {
        /// The article (an id or its first digits)
        article: String,
        /// The story it goes to (an id or its first digits), or `new`
        #[arg(long)]
        to: String,
        #[command(flatten)]
        who: Who,
    },
    /// Split a story: the articles given leave it together for a new story of their own
    Split {
        /// The story split (an id or its first digits)
        story: String,
        /// Its articles that go to the new story (ids or their first digits)
        #[arg(required = true)]
        articles: Vec<String>,
        #[command(flatten)]
        who: Who,
    },
    /// Merge a story into another: its articles, and those placed in it later, join the other
    Merge {
        /// The story merged (an id or its first digits)
        story: String,
        /// The story it is merged into
        #[arg(long)]
        into: String,
        #[command(flatten)]
        who: Who,
    },
}

#[derive(Subcommand)]
enum EntityCorrection {
    /// Merge an entity into another (one actor the linker kept apart): lists show one, a lookup
    /// of either answers with the other and all their spellings, story pages link them as one
    Merge {
        /// The entity merged (an id, a name or a spelling)
        entity: String,
        /// The entity it is merged into (an id, a name or a spelling)
        #[arg(long)]
        into: String,
        #[command(flatten)]
        who: Who,
    },
    /// Split a spelling out of an entity (a name the linker joined that is another actor: a
    /// surname two people share): the entity is read without it, and its mentions in that
    /// spelling, in the articles stored and those to come, as another entity
    Split {
        /// The entity (an id, a name or a spelling)
        entity: String,
        /// The spelling taken out of it, as `recoupe entity` lists it (case aside)
        spelling: String,
        #[command(flatten)]
        who: Who,
    },
}

/// The work queue (NATS JetStream) of a store past one machine.
#[derive(Args)]
struct QueueArgs {
    /// Publish to (ingest) or pull from (worker) the NATS JetStream server at this URL
    /// (nats://host:port); ingest then only publishes, workers analyse and the placer places
    #[arg(long, env = "RECOUPE_QUEUE")]
    queue: Option<String>,
    /// The stream's name
    #[arg(long, env = "RECOUPE_STREAM", default_value = recoupe_queue::STREAM)]
    stream: String,
    /// Seconds the stream drops an article published again (when the stream is made)
    #[arg(long, default_value_t = recoupe_queue::DUPLICATE_WINDOW.as_secs())]
    duplicate_window: u64,
}

impl QueueArgs {
    fn at(&self) -> Option<recoupe_queue::QueueAt> {
        self.queue.as_ref().map(|url| recoupe_queue::QueueAt {
            url: url.clone(),
            stream: self.stream.clone(),
            duplicate_window: std::time::Duration::from_secs(self.duplicate_window),
        })
    }
}

/// Who makes a correction, and why (kept in the log).
#[derive(Args)]
struct Who {
    /// Why (kept in the corrections log)
    #[arg(long, default_value = "")]
    why: String,
    /// Who (default: $USER)
    #[arg(long, env = "USER", default_value = "someone")]
    by: String,
    #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
    db: PathBuf,
}

#[derive(Subcommand)]
enum UndoCorrection {
    /// Undo a correction (by its number in the log)
    Undo { id: i64 },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles, analyse them, place each in its story as `ingest` would, and print a report
    /// (the articles are also stored in --db if given)
    Analyze {
        /// Files or directories (read recursively): .txt, .html, .jsonl, .json, .rss, .atom,
        /// .xml (feeds), .warc, and their .gz
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Keep the articles in this SQLite file as well
        #[arg(long)]
        db: Option<PathBuf>,
        /// Print the machine report (see docs/json.md)
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        caps: CapArgs,
    },
    /// Read articles, analyse them, store them and place each in its story; run it again on the
    /// same input after an interruption to continue
    Ingest {
        /// Files or directories: as for `analyze`; JSON Lines and WARC files are streamed
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[command(flatten)]
        caps: CapArgs,
        /// Save the story index every N new articles (a restart places at most N again)
        #[arg(long)]
        snapshot_every: Option<usize>,
        /// Articles analysed together and written in one transaction
        #[arg(long, default_value_t = ingest::CHUNK)]
        batch: usize,
        #[command(flatten)]
        queue: QueueArgs,
        /// With --queue: return only once every article published is stored and placed, and
        /// print the counts
        #[arg(long, requires = "queue")]
        wait: bool,
        /// With --queue: the run's name (default: made up). Publishing the same input under the
        /// same name again continues a run that was stopped, in the same batches
        #[arg(long, requires = "queue")]
        run: Option<String>,
    },
    /// Analyse the articles published to the queue, on all cores, and store what was found
    /// for the placer (docs/scale-out.md); runs until stopped
    Worker {
        /// The PostgreSQL store (postgres://…)
        #[arg(long, env = "RECOUPE_DB")]
        db: PathBuf,
        #[command(flatten)]
        queue: QueueArgs,
        /// Stop once the queue has been empty this many seconds
        #[arg(long)]
        idle_exit: Option<u64>,
    },
    /// Place the analysed articles in their stories, each run's batches in order, as the one
    /// holder of the placer's lease (a second placer waits, and takes over when the first stops)
    Placer {
        /// The PostgreSQL store (postgres://…)
        #[arg(long, env = "RECOUPE_DB")]
        db: PathBuf,
        /// This placer's name in the lease (default: host and process)
        #[arg(long)]
        name: Option<String>,
        /// Stop once nothing new has come for this many seconds
        #[arg(long)]
        idle_exit: Option<u64>,
    },
    /// Poll RSS/Atom feeds over HTTP and ingest the articles they link to, each placed in its
    /// story (conditional GET: a feed that did not change costs one request)
    Watch(WatchArgs),
    /// Serve the web UI and the JSON API over the store (http://127.0.0.1:8080 by default;
    /// the API is described at /api/openapi.json)
    Serve {
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Token needed to POST articles (required when --addr is not a loopback address);
        /// also read from RECOUPE_TOKEN
        #[arg(long, env = "RECOUPE_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
    /// List stored articles, newest first
    Articles {
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[arg(long)]
        json: bool,
        /// One JSON object per line (JSON Lines), for jq and line tools
        #[arg(long, conflicts_with = "json")]
        jsonl: bool,
    },
    /// Show one stored article (an id or its first digits)
    Show {
        id: String,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search over stored articles, any script: words (all must match), "a phrase",
    /// `word*` for a prefix, OR, NOT or `-word`; a name also finds its other spellings (Aleppo,
    /// Alep, حلب); exit status 1 when nothing is found
    Search {
        query: String,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        filters: SearchArgs,
        #[arg(long)]
        json: bool,
        /// One JSON object per line (JSON Lines), for jq and line tools
        #[arg(long, conflicts_with = "json")]
        jsonl: bool,
    },
    /// Stories, articles, entities, quotes, figures or version links of the store as CSV, JSON
    /// Lines or Parquet, written as they are read (for spreadsheets and notebooks; docs/export.md)
    Export {
        /// What to export
        #[arg(value_parser = ["stories", "articles", "entities", "quotes", "figures", "links", "corrections"])]
        table: String,
        /// csv (a header line, then one record per row), jsonl (one object per line) or parquet
        /// (typed columns, binary: to a file or a pipe)
        #[arg(long, value_parser = ["csv", "jsonl", "parquet"], default_value = "csv")]
        format: String,
        /// Only the rows of this story (an id or its first digits)
        #[arg(long)]
        story: Option<String>,
        #[command(flatten)]
        filters: ExportArgs,
        /// Write to this file instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
    },
    /// People, groups and places of the stored articles, most mentioned first
    #[command(args_conflicts_with_subcommands = true)]
    Entities {
        /// Correct the entities: merge two the linker kept apart, split a spelling out of one
        /// (kept in the corrections log)
        #[command(subcommand)]
        correct: Option<EntityCorrection>,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
        /// One JSON object per line (JSON Lines), for jq and line tools
        #[arg(long, conflicts_with = "json")]
        jsonl: bool,
    },
    /// One entity: its spellings by script and language, the articles it appears in
    Entity {
        name: String,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Stories of the stored articles: articles about one event, across languages (most
    /// recent first; --largest for the largest first)
    #[command(args_conflicts_with_subcommands = true)]
    Stories {
        /// Correct the stories: move an article, merge two stories (kept in the corrections log)
        #[command(subcommand)]
        correct: Option<StoryCorrection>,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        largest: bool,
        #[arg(long)]
        json: bool,
        /// One JSON object per line (JSON Lines), for jq and line tools
        #[arg(long, conflicts_with = "json")]
        jsonl: bool,
    },
    /// One story side by side: figures, framing, shared quotes, versions (an id or its first
    /// digits)
    Story {
        id: String,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
        db: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// How alike two articles are, in [0, 1], and why (files, or stored ids with --db);
    /// with --pairs, score each line {"id", "a": {article}, "b": {article}} of a JSONL file
    Similarity {
        /// Two articles: files, or ids of stored articles when --db is given
        articles: Vec<String>,
        /// Score the pairs of this JSON Lines file; prints one {"id", "score"} line per pair
        #[arg(long, conflicts_with = "articles")]
        pairs: Option<PathBuf>,
        #[arg(long)]
        db: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        caps: CapArgs,
    },
    /// Mark a figure or a quote of an article wrong (the extraction misread it): left out of its
    /// story's comparison, flagged in the exports; kept in the corrections log. START is where
    /// it starts in the article's text (`recoupe show ID --json` gives each one's `start`)
    Wrong {
        /// What is wrong
        #[arg(value_parser = ["figure", "quote"])]
        finding: String,
        /// The article (an id or its first digits)
        article: String,
        /// The byte where the figure or the quote starts in the article's text
        start: usize,
        #[command(flatten)]
        who: Who,
    },
    /// The corrections made to the stories and the entities, oldest first; `undo ID` undoes one
    Corrections {
        #[command(subcommand)]
        undo: Option<UndoCorrection>,
        #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db", global = true)]
        db: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Shell completions for bash, zsh, fish, elvish or powershell, on standard output
    /// (e.g. `recoupe completions bash > /etc/bash_completion.d/recoupe`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), on standard output (`recoupe man | man -l -`)
    Man,
    /// Main text and metadata of one HTML page
    Extract {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        caps: CapArgs,
    },
}

/// `recoupe watch`'s arguments.
#[derive(clap::Args)]
struct WatchArgs {
    /// Feed URLs (http or https)
    #[arg(required = true)]
    urls: Vec<String>,
    #[arg(long, env = "RECOUPE_DB", default_value = "recoupe.db")]
    db: PathBuf,
    /// Seconds between two polls of the feeds (at least 60)
    #[arg(long, default_value_t = 300)]
    interval: u64,
    /// Poll every feed once, then exit
    #[arg(long)]
    once: bool,
    /// Least seconds between two requests to one host
    #[arg(long, default_value_t = 1.0)]
    host_delay: f64,
    /// Most linked pages fetched per feed and poll (the rest at the next poll)
    #[arg(long, default_value_t = 100)]
    max_pages: usize,
    #[command(flatten)]
    caps: CapArgs,
}

/// Limits on what one input may cost (see docs/limits.md).
#[derive(Args, Clone)]
struct CapArgs {
    /// Largest file read (bytes; compressed size for .gz)
    #[arg(long, default_value_t = Caps::default().max_file_bytes)]
    max_file_bytes: u64,
    /// Largest size a .gz file may expand to (bytes)
    #[arg(long, default_value_t = Caps::default().max_decompressed_bytes)]
    max_decompressed_bytes: u64,
    /// Most HTML elements read from one page; past it, tags are ignored and text still read
    #[arg(long, default_value_t = Caps::default().max_html_elements)]
    max_html_elements: usize,
    /// Longest article body kept (bytes); longer ones are cut at a paragraph break
    #[arg(long, default_value_t = Caps::default().max_article_bytes)]
    max_article_bytes: usize,
    /// Largest record of a stream (a JSON Lines line, a WARC record), in bytes
    #[arg(long, default_value_t = Caps::default().max_record_bytes)]
    max_record_bytes: u64,
}

impl CapArgs {
    fn caps(&self) -> Caps {
        Caps {
            max_file_bytes: self.max_file_bytes,
            max_decompressed_bytes: self.max_decompressed_bytes,
            max_html_elements: self.max_html_elements,
            max_article_bytes: self.max_article_bytes,
            max_record_bytes: self.max_record_bytes,
            ..Caps::default()
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = exit_code(run(cli));
    if std::env::var_os("RECOUPE_PEAK_MEMORY").is_some() {
        // for the hostile-input tests and docs/RELIABILITY.md: the process's peak resident set
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
            })
            .unwrap_or_else(|| "unknown".into());
        eprintln!("recoupe: peak memory {peak}");
    }
    code
}

fn exit_code(result: Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        // the reader went away (`recoupe entities | head`): not an error
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("recoupe: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let choice = match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    match cli.command {
        Command::Analyze {
            paths,
            db,
            json,
            caps,
        } => analyze_command(&mut out, &paths, db, json, &caps),
        Command::Ingest {
            paths,
            db,
            caps,
            snapshot_every,
            batch,
            queue,
            wait,
            run,
        } => match queue.at() {
            Some(at) => publish_command(
                &mut out,
                &paths,
                &db,
                &caps,
                &at,
                (batch, run.as_deref()),
                wait,
            ),
            None => ingest_command(&mut out, &paths, db, &caps, snapshot_every, batch),
        },
        Command::Worker {
            db,
            queue,
            idle_exit,
        } => worker_command(&mut out, &db, &queue, idle_exit),
        Command::Placer {
            db,
            name,
            idle_exit,
        } => placer_command(&mut out, &db, name, idle_exit),
        Command::Watch(args) => watch_command(&mut out, args),
        Command::Serve { db, addr, token } => {
            let mut config = recoupe_server::Config::new(db);
            (config.addr, config.token) = (addr, token.filter(|t| !t.is_empty()));
            recoupe_server::run(config)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Articles {
            db,
            limit,
            json,
            jsonl,
        } => articles_command(&mut out, &db, limit, json, jsonl),
        Command::Show { id, db, json } => show_command(&mut out, &id, &db, json),
        Command::Search {
            query,
            db,
            limit,
            filters,
            json,
            jsonl,
        } => search_command(&mut out, &query, db, limit, filters, json, jsonl),
        Command::Export {
            table,
            format,
            story,
            filters,
            output,
            db,
        } => export_command(
            &mut out,
            &table,
            &format,
            story.as_deref(),
            filters,
            output,
            db,
        ),
        Command::Entities {
            correct: Some(correction),
            ..
        } => correct_entities_command(&mut out, correction),
        Command::Entities {
            correct: None,
            db,
            limit,
            json,
            jsonl,
        } => entities_command(&mut out, &db, limit, json, jsonl),
        Command::Entity { name, db, json } => entity_command(&mut out, &name, &db, json),
        Command::Stories {
            correct: Some(correction),
            ..
        } => correct_command(&mut out, correction),
        Command::Stories {
            correct: None,
            db,
            limit,
            largest,
            json,
            jsonl,
        } => stories_command(&mut out, db, limit, largest, json, jsonl),
        Command::Corrections { undo, db, json } => corrections_command(&mut out, undo, db, json),
        Command::Wrong {
            finding,
            article,
            start,
            who,
        } => wrong_command(&mut out, &finding, &article, start, who),
        Command::Story { id, db, json } => story_command(&mut out, &id, db, json),
        Command::Similarity {
            articles,
            pairs,
            db,
            json,
            caps,
        } => similarity_command(&mut out, &articles, pairs, db, json, &caps),
        Command::Extract { file, json, caps } => extract_command(&mut out, &file, json, &caps),
        Command::Completions { shell } => generated(&mut out, Some(shell)),
        Command::Man => generated(&mut out, None),
    }
}

/// `recoupe watch`: polls feeds into the store.
fn watch_command(out: &mut impl Write, args: WatchArgs) -> Result<ExitCode> {
    let WatchArgs {
        urls,
        db,
        interval,
        once,
        host_delay,
        max_pages,
        caps,
    } = args;
    watch::run(
        &urls,
        &db,
        &caps.caps(),
        watch::Options {
            interval: std::time::Duration::from_secs(interval.max(60)),
            once,
            host_delay: std::time::Duration::from_secs_f64(host_delay.clamp(0.0, 3600.0)),
            max_pages,
        },
        out,
    )
}

/// `recoupe worker`: analyses what the queue holds into PostgreSQL.
fn worker_command(
    mut out: impl Write,
    db: &std::path::Path,
    queue: &QueueArgs,
    idle_exit: Option<u64>,
) -> Result<ExitCode> {
    let Some(at) = queue.at() else {
        bail!("a worker needs --queue nats://host:port");
    };
    let db = postgres_url(db)?;
    let done = recoupe_queue::worker::work(db, &at, idle_exit.map(std::time::Duration::from_secs))?;
    write!(
        out,
        "worker: {} articles analysed, {} unreadable, {} messages not recoupe's dropped",
        done.articles, done.unreadable, done.foreign
    )?;
    if done.consumers_made_again > 0 {
        write!(
            out,
            "; the stalled consumer made again {} times",
            done.consumers_made_again
        )?;
    }
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// `recoupe placer`: places the analysed articles into stories, one batch after another.
fn placer_command(
    mut out: impl Write,
    db: &std::path::Path,
    name: Option<String>,
    idle_exit: Option<u64>,
) -> Result<ExitCode> {
    let db = postgres_url(db)?;
    let name = name.unwrap_or_else(|| format!("placer-{}", std::process::id()));
    let run =
        recoupe_queue::placer::place(db, &name, idle_exit.map(std::time::Duration::from_secs))?;
    writeln!(
        out,
        "placer (epoch {}): {} articles placed, {} found stored, {} batches",
        run.epoch, run.placed, run.known, run.batches
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `recoupe articles`: the stored articles, the latest first.
fn articles_command(
    mut out: impl Write,
    db: &std::path::Path,
    limit: usize,
    json: bool,
    jsonl: bool,
) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let articles = store.articles(limit)?;
    if jsonl {
        write_jsonl(&mut out, articles.iter().map(StoredArticle::report))?;
    } else if json {
        let list: Vec<_> = articles.iter().map(StoredArticle::report).collect();
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "articles": list }))?;
        writeln!(out)?;
    } else {
        human::article_list(&mut out, &articles)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `recoupe show`: one stored article, as the analysis found it.
fn show_command(
    mut out: impl Write,
    id: &str,
    db: &std::path::Path,
    json: bool,
) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let Some(article) = store.article(id)? else {
        bail!("no article with id {id} in {}", db.display())
    };
    if json {
        serde_json::to_writer_pretty(&mut out, &article.report())?;
        writeln!(out)?;
    } else {
        human::show(&mut out, &article)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `recoupe entities`: the store's entities, the most mentioned first.
fn entities_command(
    mut out: impl Write,
    db: &std::path::Path,
    limit: usize,
    json: bool,
    jsonl: bool,
) -> Result<ExitCode> {
    let store = open_linked(db)?;
    let entities = recoupe_query::entities(&store, limit)?;
    if jsonl {
        write_jsonl(&mut out, &entities)?;
    } else if json {
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "entities": entities }))?;
        writeln!(out)?;
    } else {
        human::entity_list(&mut out, &entities, limit)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `recoupe entity`: one entity, its spellings by script and its articles.
fn entity_command(
    mut out: impl Write,
    name: &str,
    db: &std::path::Path,
    json: bool,
) -> Result<ExitCode> {
    let store = open_linked(db)?;
    let Some(entity) = recoupe_query::entity(&store, name, ENTITY_ARTICLES)? else {
        bail!("no entity named {name} in {}", db.display())
    };
    if json {
        serde_json::to_writer_pretty(&mut out, &entity)?;
        writeln!(out)?;
    } else {
        human::entity(&mut out, &entity)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `recoupe completions SHELL` (a shell given) or `recoupe man`: generated from the CLI's
/// definition.
fn generated(out: &mut impl Write, shell: Option<clap_complete::Shell>) -> Result<ExitCode> {
    match shell {
        Some(shell) => {
            // written whole into memory first: the generator panics on a closed pipe
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "recoupe", &mut script);
            out.write_all(&script)?;
        }
        None => clap_mangen::Man::new(Cli::command()).render(out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the store at `db`, its entities linked first when articles were stored after them
/// (a store of an earlier schema): reading them is then a table read.
fn open_linked(db: &std::path::Path) -> Result<Store> {
    let mut store = open_existing(db)?;
    place_unplaced(&mut store)?;
    Ok(store)
}

fn open_existing(db: &std::path::Path) -> Result<Store> {
    if !recoupe_store::is_postgres(db) && !db.exists() {
        bail!(
            "no store at {} (run `recoupe ingest PATH --db {}` first)",
            db.display(),
            db.display()
        );
    }
    open_store(db)
}

/// Opens (creating or upgrading) the store at `db`, saying so first when an upgrade will take
/// a while.
fn open_store(db: &std::path::Path) -> Result<Store> {
    if let Some(notice) = recoupe_store::upgrade_notice(db) {
        eprintln!("recoupe: {notice}");
    }
    Store::open(db).with_context(|| format!("opening {}", db.display()))
}

/// Exit status 0 when everything was read, 1 when some inputs were skipped (the rest is done).
fn exit_for(run: &ingest::Run) -> ExitCode {
    if run.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn errors_json(errors: &[IngestError]) -> serde_json::Value {
    errors
        .iter()
        .map(|e| serde_json::json!({"path": e.path, "message": e.message}))
        .collect()
}

/// One analysed and extracted article: a stored one (by id) when a store is given and has it,
/// else the first article of a file.
fn load_one(name: &str, db: Option<&std::path::Path>, caps: &Caps) -> Result<Analysis> {
    let path = std::path::Path::new(name);
    if !path.exists() {
        if let Some(db) = db {
            let store = open_existing(db)?;
            if let Some(stored) = store.article(name)? {
                return Ok(stored.analysis());
            }
            bail!(
                "{name}: no such file, and no article with that id in {}",
                db.display()
            );
        }
        bail!("{name}: no such file (give --db to compare stored articles by id)");
    }
    let read = recoupe_ingest::read_file(path, caps)?;
    let Some(raw) = read.articles.into_iter().next() else {
        bail!("{name}: no article")
    };
    let mut analysis = analyze(&raw);
    extract(&mut analysis);
    Ok(analysis)
}

/// `similarity --pairs`: one {"id", "score"} line per input line; a bad line is reported on
/// stderr with its number and skipped.
fn similarity_pairs(path: &std::path::Path, caps: &Caps, out: &mut impl Write) -> Result<ExitCode> {
    let gz = path.extension().is_some_and(|e| e == "gz");
    let bytes = recoupe_ingest::read_bounded(path, gz, caps)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut ids = Vec::new();
    let mut pairs = Vec::new();
    let mut bad = 0usize;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Result<(String, Analysis, Analysis), String> = (|| {
            let value: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
            let id = match &value["id"] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(x) => x.to_string(),
                _ => return Err("no \"id\"".to_string()),
            };
            let side = |key: &str| -> Result<Analysis, String> {
                let raw = recoupe_ingest::json::article_from_value(
                    &path.display().to_string(),
                    n + 1,
                    &value[key],
                )
                .map_err(|e| format!("\"{key}\": {e}"))?;
                let mut analysis = analyze(&raw);
                extract(&mut analysis);
                Ok(analysis)
            };
            Ok((id, side("a")?, side("b")?))
        })();
        match parsed {
            Ok((id, a, b)) => {
                ids.push(id);
                pairs.push((a, b));
            }
            Err(message) => {
                bad += 1;
                eprintln!("{}:{}: {message}", path.display(), n + 1);
            }
        }
    }
    let results = recoupe_core::similarity::compare_pairs(pairs);
    for (id, result) in ids.iter().zip(results) {
        serde_json::to_writer(
            &mut *out,
            &serde_json::json!({"id": id, "score": result.score}),
        )?;
        writeln!(out)?;
    }
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Articles an entity is given with (its first ones; `article_count` says how many it has).
const ENTITY_ARTICLES: usize = 1_000;

/// Articles shown side by side on a story page (the first to join).
const STORY_ARTICLES: usize = 200;

/// Places the stored articles that are in no story yet (a store written before stories were
/// kept), so that listing stories always covers every article.
fn place_unplaced(store: &mut Store) -> Result<()> {
    // opening the index loads the clusterer and the linker (seconds at 1M articles): only when
    // some article is in no story or not linked
    if !store.stories_behind()? && !store.entities_behind()? {
        return Ok(());
    }
    let index = store.story_index(recoupe_core::stories::StoryConfig::default())?;
    if index.replayed > 0 {
        let mut index = index;
        store.save_index(&mut index)?;
    }
    Ok(())
}

/// `recoupe analyze`: the report of the articles read, their entities and their stories.
fn analyze_command(
    mut out: impl Write,
    paths: &[PathBuf],
    db: Option<PathBuf>,
    json: bool,
    caps: &CapArgs,
) -> Result<ExitCode> {
    let mut store = match &db {
        Some(path) => Some(open_store(path)?),
        None => None,
    };
    let mut run = ingest::run(
        paths,
        &caps.caps(),
        store.as_mut(),
        db.as_deref(),
        true,
        None,
        ingest::CHUNK,
    )?;
    let entities = std::mem::take(&mut run.linking).finish(&mut run.analyses);
    // the stories are described on every core
    let stories = recoupe_core::stories::report_with(
        &mut run.analyses,
        &run.profiles,
        &entities,
        std::mem::take(&mut run.assignments),
        |stories, describe| stories.into_par_iter().map(describe).collect(),
    );
    if json {
        let report = serde_json::json!({ "articles": run.analyses, "entities": entities, "stories": stories.stories, "links": stories.links, "errors": errors_json(&run.errors) });
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        human::report(&mut out, &run.analyses, &entities, &run.errors)?;
        if run.known > 0 {
            let what = if db.is_some() {
                "stored already or given twice: not analysed again"
            } else {
                "given twice (the same title and text): reported once"
            };
            writeln!(out, "{} articles {what}", run.known)?;
        }
        writeln!(out)?;
        human::story_list(&mut out, &stories, &run.analyses, 20)?;
    }
    Ok(exit_for(&run))
}

/// `recoupe ingest`: the articles read stored, placed and linked; what was done, in one line.
/// The URL of a PostgreSQL store, or why `--db` is not one.
fn postgres_url(db: &std::path::Path) -> Result<&str> {
    match db.to_str() {
        Some(url) if recoupe_store::is_postgres(db) => Ok(url),
        _ => bail!(
            "{}: the queue's roles share a PostgreSQL store: give --db postgres://…",
            db.display()
        ),
    }
}

/// `ingest --queue`: publishes the input, and with `--wait` waits for the placer.
fn publish_command(
    mut out: impl Write,
    paths: &[PathBuf],
    db: &std::path::Path,
    caps: &CapArgs,
    at: &recoupe_queue::QueueAt,
    (batch, run): (usize, Option<&str>),
    wait: bool,
) -> Result<ExitCode> {
    let db_url = if wait { Some(postgres_url(db)?) } else { None };
    let done = recoupe_queue::publish::publish(paths, &caps.caps(), at, batch, run, db_url)?;
    for e in &done.errors {
        eprintln!("recoupe: {}: {}", e.path, e.message);
    }
    write!(
        out,
        "{} articles read, {} published, {} dropped as published already (run {})",
        done.read, done.published, done.duplicates, done.run
    )?;
    match done.placed {
        Some((placed, known)) => writeln!(
            out,
            "; placed: {placed} new, {known} already stored; {} problems",
            done.errors.len()
        )?,
        None => writeln!(out, "; {} problems", done.errors.len())?,
    }
    Ok(if done.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn ingest_command(
    mut out: impl Write,
    paths: &[PathBuf],
    db: PathBuf,
    caps: &CapArgs,
    snapshot_every: Option<usize>,
    batch: usize,
) -> Result<ExitCode> {
    let mut store = open_store(&db)?;
    store.bulk()?;
    let run = ingest::run(
        paths,
        &caps.caps(),
        Some(&mut store),
        Some(&db),
        false,
        snapshot_every,
        batch,
    )?;
    for error in &run.errors {
        eprintln!("skipped {error}");
    }
    if run.replayed > 0 {
        writeln!(
            out,
            "{} articles placed again in their stories (after an interrupted run)",
            run.replayed
        )?;
    }
    let skipped: usize = run.skipped.values().sum();
    let mut line = format!(
        "{} articles read, {} new, {} already stored; {} problems",
        run.read,
        run.added,
        run.known,
        run.errors.len(),
    );
    if skipped > 0 {
        let reasons: Vec<String> = run
            .skipped
            .iter()
            .map(|(why, n)| format!("{n} {why}"))
            .collect();
        line.push_str(&format!(
            "; {skipped} records not articles ({})",
            reasons.join(", ")
        ));
    }
    writeln!(
        out,
        "{line}; {} articles in {} stories in {}",
        store.count()?,
        store.story_count()?,
        db.display()
    )?;
    Ok(exit_for(&run))
}

/// What `recoupe export` keeps to besides a story (see `recoupe_query::export::Filters`).
#[derive(clap::Args)]
struct ExportArgs {
    /// Only the rows of articles in this language (ISO 639-1 code: fr, ar, ru…); stories and
    /// entities found in it
    #[arg(long)]
    lang: Option<String>,
    /// Only the rows of articles published on or after this date (YYYY-MM-DD); stories that
    /// end on or after it
    #[arg(long)]
    since: Option<String>,
    /// Only the rows of articles published on or before this date (YYYY-MM-DD); stories that
    /// start on or before it
    #[arg(long)]
    until: Option<String>,
    /// Only the rows of articles whose site or source contains this; stories with such a source
    #[arg(long)]
    source: Option<String>,
}

/// A language and dates as given on the command line (`--lang`, `--since`, `--until`).
fn language_and_dates(
    lang: Option<String>,
    since: Option<String>,
    until: Option<String>,
) -> Result<(
    Option<recoupe_core::Lang>,
    Option<recoupe_core::Date>,
    Option<recoupe_core::Date>,
)> {
    let date = |value: Option<String>, flag: &str| -> Result<Option<recoupe_core::Date>> {
        value
            .map(|v| {
                recoupe_core::Date::parse_iso(&v)
                    .with_context(|| format!("--{flag} {v:?} is not a date (YYYY-MM-DD)"))
            })
            .transpose()
    };
    let language = lang
        .map(|l| {
            recoupe_core::Lang::parse(&l)
                .with_context(|| format!("--lang {l:?} is not a language code"))
        })
        .transpose()?;
    Ok((language, date(since, "since")?, date(until, "until")?))
}

/// `recoupe export TABLE`: a table of the store, streamed to a file or standard output.
fn export_command(
    out: &mut dyn Write,
    table: &str,
    format: &str,
    story: Option<&str>,
    args: ExportArgs,
    output: Option<PathBuf>,
    db: PathBuf,
) -> Result<ExitCode> {
    use recoupe_query::export::{export_with, Filters, Format, Table};
    let (Some(table), Some(format)) = (Table::parse(table), Format::parse(format)) else {
        bail!("unknown table {table:?} or format {format:?}")
    };
    if format.is_binary() && output.is_none() && std::io::stdout().is_terminal() {
        bail!(
            "{} is binary: write it to a file with -o FILE, or into a pipe",
            format.extension()
        )
    }
    let store = open_linked(&db)?;
    store.scanning()?;
    let story = match story {
        Some(id) => match store.story(id)? {
            Some(row) => Some(row.id),
            None => bail!("no story with id {id} in {}", db.display()),
        },
        None => None,
    };
    let (language, since, until) = language_and_dates(args.lang, args.since, args.until)?;
    let filters = Filters {
        story,
        language,
        since,
        until,
        source: args.source,
    };
    match output {
        Some(path) => {
            let file = std::fs::File::create(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            let rows = export_with(
                &store,
                table,
                format,
                &filters,
                &mut std::io::BufWriter::new(file),
            )?;
            eprintln!(
                "recoupe: {rows} rows of {} written to {}",
                table.name(),
                path.display()
            );
        }
        None => {
            export_with(
                &store,
                table,
                format,
                &filters,
                &mut std::io::BufWriter::new(out),
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn story_command(mut out: impl Write, id: &str, db: PathBuf, json: bool) -> Result<ExitCode> {
    let mut store = open_existing(&db)?;
    place_unplaced(&mut store)?;
    let Some(row) = store.story(id)? else {
        bail!("no story with id {id} in {}", db.display())
    };
    let Some(view) = recoupe_query::story_view(&store, row.id, STORY_ARTICLES)? else {
        bail!("no story with id {id} in {}", db.display())
    };
    let links: Vec<&recoupe_core::versions::Link> = view.links.iter().collect();
    if json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({ "story": view.story, "links": links, "size": row.size, "truncated": view.truncated }),
        )?;
        writeln!(out)?;
    } else {
        human::story(&mut out, &view.story, &links, &view.articles)?;
        if view.truncated > 0 {
            writeln!(
                out,
                "\n(the first {STORY_ARTICLES} articles of {} are compared)",
                row.size
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `recoupe similarity`: how alike two articles are, or each pair of a file.
fn similarity_command(
    mut out: impl Write,
    articles: &[String],
    pairs: Option<PathBuf>,
    db: Option<PathBuf>,
    json: bool,
    caps: &CapArgs,
) -> Result<ExitCode> {
    if let Some(path) = pairs {
        return similarity_pairs(&path, &caps.caps(), &mut out);
    }
    let [a, b] = articles else {
        bail!("give two articles (files or stored ids), or --pairs FILE.jsonl")
    };
    let mut pair = Vec::new();
    for name in [a, b] {
        pair.push(load_one(name, db.as_deref(), &caps.caps())?);
    }
    let second = pair.pop().context("two articles")?;
    let first = pair.pop().context("two articles")?;
    let (ta, tb) = (first.title.clone(), second.title.clone());
    let result = recoupe_core::similarity::compare_pairs(vec![(first, second)])
        .pop()
        .context("one comparison")?;
    if json {
        serde_json::to_writer_pretty(&mut out, &result)?;
        writeln!(out)?;
    } else {
        human::similarity(&mut out, &ta, &tb, &result)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `recoupe extract FILE`: the main text and metadata of one page.
fn extract_command(
    mut out: impl Write,
    file: &std::path::Path,
    json: bool,
    caps: &CapArgs,
) -> Result<ExitCode> {
    let read = recoupe_ingest::read_file(file, &caps.caps())?;
    let Some(raw) = read.articles.into_iter().next() else {
        bail!("{}: no article", file.display())
    };
    let analysis = analyze(&raw);
    if json {
        let value = serde_json::json!({
            "title": analysis.title, "text": analysis.text, "language": analysis.language,
            "published": analysis.published, "byline": analysis.byline, "site": analysis.site,
            "published_basis": analysis.published_basis, "updated": analysis.updated, "removed": analysis.removed,
            "diagnostics": analysis.diagnostics,
        });
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
    } else {
        human::extract(&mut out, &analysis)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The filters of `recoupe search`, as given on the command line.
#[derive(clap::Args)]
struct SearchArgs {
    /// Only articles in this language (ISO 639-1 code: fr, ar, ru…)
    #[arg(long)]
    lang: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD)
    #[arg(long)]
    since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD)
    #[arg(long)]
    until: Option<String>,
    /// Only articles whose site or source contains this
    #[arg(long)]
    source: Option<String>,
    /// Only articles that name this entity (an id, a name or a spelling)
    #[arg(long)]
    entity: Option<String>,
    /// Only articles of this story (an id or its first digits)
    #[arg(long)]
    story: Option<String>,
}

/// `recoupe search QUERY`: full-text hits, best first.
fn search_command(
    mut out: impl Write,
    query: &str,
    db: PathBuf,
    limit: usize,
    args: SearchArgs,
    json: bool,
    jsonl: bool,
) -> Result<ExitCode> {
    let store = open_existing(&db)?;
    let (language, since, until) = language_and_dates(args.lang, args.since, args.until)?;
    let story = match args.story {
        Some(id) => match store.story(&id)? {
            Some(row) => Some(row.id),
            None => bail!("no story with id {id} in {}", db.display()),
        },
        None => None,
    };
    let request = recoupe_query::SearchRequest {
        query: query.to_string(),
        filters: recoupe_store::SearchFilters {
            language,
            since,
            until,
            source: args.source,
            story,
            entities: Vec::new(),
        },
        entity: args.entity,
        limit,
    };
    let results = recoupe_query::search(&store, &request)?;
    if jsonl {
        write_jsonl(&mut out, &results.hits)?;
    } else if json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
    } else {
        human::hits(&mut out, query, &results)?;
    }
    // as grep and ripgrep: 1 when nothing was found, so that a script can tell
    Ok(if results.hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `recoupe stories move|split|merge`: one correction, written to the log and applied.
/// A correction made: its log entry shown, and where it is kept and how to undo it said.
fn kept(
    out: &mut impl Write,
    entry: &recoupe_store::Correction,
    db: &std::path::Path,
) -> Result<ExitCode> {
    human::correction(out, entry)?;
    eprintln!(
        "recoupe: correction {} kept in {} (undo: recoupe corrections undo {})",
        entry.id,
        db.display(),
        entry.id
    );
    Ok(ExitCode::SUCCESS)
}

/// `recoupe wrong figure|quote ARTICLE START`: logged, read over the stored findings.
fn wrong_command(
    out: &mut impl Write,
    finding: &str,
    article: &str,
    start: usize,
    who: Who,
) -> Result<ExitCode> {
    let Some(finding) = recoupe_store::Finding::parse(finding) else {
        bail!("a figure or a quote, not {finding:?}")
    };
    let mut store = open_linked(&who.db)?;
    let Some(stored) = store.article(article)? else {
        bail!("no article with id {article} in {}", who.db.display())
    };
    let entry = store.mark_wrong(stored.id, finding, start, &who.by, &who.why)?;
    kept(out, &entry, &who.db)
}

/// `recoupe entities merge ENTITY --into OTHER` and `recoupe entities split ENTITY SPELLING`:
/// logged, read over the entity tables.
fn correct_entities_command(
    out: &mut impl Write,
    correction: EntityCorrection,
) -> Result<ExitCode> {
    // each named as `recoupe entity` reads it: an id, a name, a spelling, else by its sound
    let named = |store: &Store, name: &str, db: &Path| -> Result<(EntityId, String)> {
        let candidates = store.entity_candidates(name)?;
        match recoupe_query::find_entity(&candidates, name) {
            Some(e) => Ok((e.id, e.name.clone())),
            None => bail!("no entity named {name} in {}", db.display()),
        }
    };
    match correction {
        EntityCorrection::Merge { entity, into, who } => {
            let mut store = open_linked(&who.db)?;
            let (from, from_name) = named(&store, &entity, &who.db)?;
            let (to, to_name) = named(&store, &into, &who.db)?;
            eprintln!("recoupe: merging {from_name} ({from}) into {to_name} ({to})");
            let entry = store.merge_entities(from, to, &who.by, &who.why)?;
            kept(out, &entry, &who.db)
        }
        EntityCorrection::Split {
            entity,
            spelling,
            who,
        } => {
            let mut store = open_linked(&who.db)?;
            let (id, name) = named(&store, &entity, &who.db)?;
            // a merged entity's spellings are those of the one it was merged into
            let id = recoupe_query::EntityMerges::of(&store)?.resolve(id);
            eprintln!(
                "recoupe: splitting «{}» out of {name} ({id})",
                spelling.trim()
            );
            let entry = store.split_spelling(id, &spelling, &who.by, &who.why)?;
            kept(out, &entry, &who.db)
        }
    }
}

fn correct_command(out: &mut impl Write, correction: StoryCorrection) -> Result<ExitCode> {
    let (db, entry) = match correction {
        StoryCorrection::Move { article, to, who } => {
            let mut store = open_linked(&who.db)?;
            let Some(stored) = store.article(&article)? else {
                bail!("no article with id {article} in {}", who.db.display())
            };
            let to = match to.as_str() {
                "new" => None,
                id => match store.story(id)? {
                    Some(row) => Some(row.id),
                    None => bail!("no story with id {id} in {}", who.db.display()),
                },
            };
            let entry = store.move_article(stored.id, to, &who.by, &who.why)?;
            (who.db, entry)
        }
        StoryCorrection::Split {
            story,
            articles,
            who,
        } => {
            let mut store = open_linked(&who.db)?;
            let Some(from) = store.story(&story)? else {
                bail!("no story with id {story} in {}", who.db.display())
            };
            let mut ids = Vec::with_capacity(articles.len());
            for article in &articles {
                match store.article(article)? {
                    Some(stored) => ids.push(stored.id),
                    None => bail!("no article with id {article} in {}", who.db.display()),
                }
            }
            let entry = store.split_story(from.id, &ids, &who.by, &who.why)?;
            (who.db, entry)
        }
        StoryCorrection::Merge { story, into, who } => {
            let mut store = open_linked(&who.db)?;
            let (Some(from), Some(into_row)) = (store.story(&story)?, store.story(&into)?) else {
                bail!("no story {story} or {into} in {}", who.db.display())
            };
            let entry = store.merge_stories(from.id, into_row.id, &who.by, &who.why)?;
            (who.db, entry)
        }
    };
    kept(out, &entry, &db)
}

/// `recoupe corrections [undo ID]`: the log, or one entry undone.
fn corrections_command(
    out: &mut impl Write,
    undo: Option<UndoCorrection>,
    db: PathBuf,
    json: bool,
) -> Result<ExitCode> {
    let mut store = open_existing(&db)?;
    if let Some(UndoCorrection::Undo { id }) = undo {
        let entry = store.undo_correction(id)?;
        human::correction(out, &entry)?;
        return Ok(ExitCode::SUCCESS);
    }
    let log = store.corrections()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "corrections": log }))?;
        writeln!(out)?;
    } else if log.is_empty() {
        writeln!(out, "no corrections")?;
    } else {
        for entry in &log {
            human::correction(out, entry)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Each item as one line of JSON (JSON Lines).
fn write_jsonl<T: serde::Serialize>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = T>,
) -> Result<()> {
    for item in items {
        // made first, then written: a closed pipe is then an IO error, which ends quietly
        let line = serde_json::to_string(&item)?;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `recoupe stories`: the stories of a store, most recent (or largest) first.
fn stories_command(
    mut out: impl Write,
    db: PathBuf,
    limit: usize,
    largest: bool,
    json: bool,
    jsonl: bool,
) -> Result<ExitCode> {
    let mut store = open_existing(&db)?;
    place_unplaced(&mut store)?;
    let order = if largest {
        StoryOrder::Largest
    } else {
        StoryOrder::Recent
    };
    let rows = store.stories(order, limit, 0)?;
    if jsonl {
        write_jsonl(&mut out, &rows)?;
    } else if json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({ "stories": rows, "total": store.story_count()? }),
        )?;
        writeln!(out)?;
    } else {
        human::story_rows(&mut out, &rows, store.story_count()?)?;
    }
    Ok(ExitCode::SUCCESS)
}
