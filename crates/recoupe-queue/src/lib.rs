//! recoupe past one machine (docs/scale-out.md): NATS JetStream as the work queue between the
//! roles, PostgreSQL as the store they share.
//!
//! - [`publish`]: `recoupe ingest PATH… --db postgres://… --queue nats://…` reads the input and
//!   publishes each raw article to the stream with its run, its position in the run's input,
//!   its batch and how many articles that batch holds; its message id is the article's id, so
//!   a republished article is dropped by the stream, and marked in its place (a `duplicate`
//!   message naming it) so that its batch is whole. An end marker, in a batch of its own,
//!   closes the run.
//! - [`worker`]: `recoupe worker` pulls messages (explicit acks), analyses them on all cores
//!   (clean, language, names, dates, figures, quotes, profile) and writes the results to the
//!   database by run and position; the ack follows the commit.
//! - [`placer`]: `recoupe placer` holds the partition's lease (a fencing epoch in PostgreSQL),
//!   places each run's batches in order, a batch once all its articles are analysed (whatever
//!   order the stream gave them in: a message republished after a failure lands late), dated
//!   articles first then undated, as a SQLite ingest places its batches — so the stories equal
//!   those of one SQLite process given the same input; each batch, its placements and the run's
//!   progress in one transaction. Stream sequence numbers are never relied on: a JetStream
//!   server killed and restarted may give one again.

use std::time::Duration;

use anyhow::{Context, Result};
use async_nats::jetstream;
use recoupe_core::{Date, Diagnostic, Lang, RawArticle};
use serde::{Deserialize, Serialize};

pub mod placer;
pub mod publish;
pub mod worker;

/// The stream used unless another is named (`--stream`); its subject is
/// `recoupe.<stream>.articles`.
pub const STREAM: &str = "RECOUPE";
/// The workers' durable consumer.
pub const CONSUMER: &str = "recoupe-workers";
/// How long the stream drops a message whose id it has seen: an article republished after it
/// is analysed again, and the placer finds it stored (an article is keyed by its id in the
/// store).
pub const DUPLICATE_WINDOW: Duration = Duration::from_secs(600);

/// Headers of a message besides its id.
pub(crate) const RUN: &str = "Recoupe-Run";
pub(crate) const POSITION: &str = "Recoupe-Position";
pub(crate) const KIND: &str = "Recoupe-Kind";
pub(crate) const BATCH: &str = "Recoupe-Batch";
pub(crate) const COUNT: &str = "Recoupe-Batch-Count";

/// A raw article as a message carries it (JSON).
#[derive(Serialize, Deserialize)]
pub(crate) struct Wire {
    source: String,
    title: String,
    body: String,
    url: Option<String>,
    site: Option<String>,
    byline: Option<String>,
    declared_language: Option<Lang>,
    published: Option<Date>,
    updated: Option<Date>,
    diagnostics: Vec<Diagnostic>,
}

impl From<RawArticle> for Wire {
    fn from(raw: RawArticle) -> Wire {
        Wire {
            source: raw.source,
            title: raw.title,
            body: raw.body,
            url: raw.url,
            site: raw.site,
            byline: raw.byline,
            declared_language: raw.declared_language,
            published: raw.published,
            updated: raw.updated,
            diagnostics: raw.diagnostics,
        }
    }
}

impl From<Wire> for RawArticle {
    fn from(w: Wire) -> RawArticle {
        RawArticle {
            source: w.source,
            title: w.title,
            body: w.body,
            url: w.url,
            site: w.site,
            byline: w.byline,
            declared_language: w.declared_language,
            published: w.published,
            updated: w.updated,
            diagnostics: w.diagnostics,
        }
    }
}

/// A connection to the queue: a runtime of its own (the callers are synchronous, and the
/// PostgreSQL client must not run inside an async context) and the stream.
pub(crate) struct Queue {
    pub runtime: tokio::runtime::Runtime,
    pub js: jetstream::Context,
    pub stream: jetstream::stream::Stream,
    pub subject: String,
}

/// Where the queue is: the NATS server and the stream's name.
#[derive(Clone, Debug)]
pub struct QueueAt {
    pub url: String,
    pub stream: String,
    /// How long the stream drops a message whose id it has seen, when it is made (a stream
    /// that exists keeps its own).
    pub duplicate_window: Duration,
}

impl QueueAt {
    /// The stream `stream` at `url`, with the default duplicate window.
    pub fn new(url: &str, stream: &str) -> QueueAt {
        QueueAt {
            url: url.into(),
            stream: stream.into(),
            duplicate_window: DUPLICATE_WINDOW,
        }
    }
}

impl Queue {
    /// Connects to NATS and makes the stream if it is missing.
    pub fn connect(at: &QueueAt) -> Result<Queue> {
        let url = at.url.as_str();
        let subject = format!("recoupe.{}.articles", at.stream);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (js, stream) = runtime.block_on(async {
            let client = async_nats::connect(url)
                .await
                .with_context(|| format!("connecting to NATS at {url}"))?;
            let js = jetstream::new(client);
            let stream = js
                .get_or_create_stream(jetstream::stream::Config {
                    name: at.stream.clone(),
                    subjects: vec![subject.clone()],
                    retention: jetstream::stream::RetentionPolicy::WorkQueue,
                    storage: jetstream::stream::StorageType::File,
                    duplicate_window: at.duplicate_window,
                    ..Default::default()
                })
                .await
                .map_err(|e| anyhow::anyhow!("the stream {}: {e}", at.stream))?;
            anyhow::Ok((js, stream))
        })?;
        Ok(Queue {
            runtime,
            js,
            stream,
            subject,
        })
    }
}

/// Deletes the stream (its messages and the workers' consumer): for tests and fault runs that
/// made a stream of their own.
pub fn delete_stream(at: &QueueAt) -> Result<()> {
    let q = Queue::connect(at)?;
    q.runtime
        .block_on(q.js.delete_stream(&at.stream))
        .map_err(|e| anyhow::anyhow!("deleting the stream {}: {e}", at.stream))?;
    Ok(())
}
