//! The publisher: `recoupe ingest PATH… --db postgres://… --queue nats://…`.

use std::collections::{HashSet, VecDeque};
use std::future::IntoFuture;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use async_nats::jetstream::context::PublishAckFuture;
use async_nats::HeaderMap;
use recoupe_core::{ArticleId, RawArticle};
use recoupe_ingest::stream::{open_stream, Item};
use recoupe_ingest::{Caps, IngestError};
use recoupe_store::PgStore;

use crate::{Queue, QueueAt, Wire, BATCH, COUNT, KIND, POSITION, RUN};

/// What a run published, and with `--wait`, what became of it.
#[derive(Debug, Default)]
pub struct Published {
    pub run: String,
    /// Articles read from the input.
    pub read: usize,
    /// Articles the stream took.
    pub published: usize,
    /// Articles the stream dropped as published already (within its duplicate window: by this
    /// run before it was stopped, or by another), or left out as an undated copy of a dated
    /// article of their batch.
    pub duplicates: usize,
    pub errors: Vec<IngestError>,
    /// With `--wait`: articles placed and articles found stored by the placer.
    pub placed: Option<(i64, i64)>,
}

/// Acks awaited at most this many publishes behind.
const IN_FLIGHT: usize = 1024;

/// Reads `paths` and publishes each article, a batch of `batch` (the placer's `--batch`) at a
/// time, then the run's end marker; with `wait` (the store's URL), returns once the placer has
/// placed the whole run.
pub fn publish(
    paths: &[PathBuf],
    caps: &Caps,
    queue: &QueueAt,
    batch: usize,
    run: Option<&str>,
    wait: Option<&str>,
) -> Result<Published> {
    let batch = batch.max(1) as i64;
    let q = Queue::connect(queue)?;
    // a run published again under its name (after the publisher was stopped) continues it: its
    // articles keep their positions, and the stream drops those it has
    let run = run.map_or_else(run_id, String::from);
    let mut out = Published {
        run: run.clone(),
        ..Published::default()
    };
    let (files, errors) = recoupe_ingest::collect_files(paths, caps);
    out.errors = errors;
    let mut pending: VecDeque<Pending> = VecDeque::new();
    let mut position = 0i64;
    // the articles of the batch being read, published when it is complete
    let mut held: Vec<(i64, RawArticle)> = Vec::new();
    for path in &files {
        let stream = match open_stream(path, caps, None) {
            Ok(stream) => stream,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        for item in stream {
            match item {
                Item::Article(raw) => {
                    position += 1;
                    out.read += 1;
                    held.push((position, *raw));
                    if position % batch == 0 {
                        let articles = std::mem::take(&mut held);
                        let at = (&run[..], (position - 1) / batch);
                        publish_batch(&q, at, articles, &mut pending, &mut out)?;
                    }
                }
                Item::Problem(message) => out.errors.push(IngestError {
                    path: path.display().to_string(),
                    message,
                }),
                Item::Skipped(_) => {}
            }
        }
    }
    if !held.is_empty() {
        publish_batch(
            &q,
            (&run, (position - 1) / batch),
            held,
            &mut pending,
            &mut out,
        )?;
    }
    while !pending.is_empty() {
        settle(&q, &run, &mut pending, &mut out)?;
    }
    // the end marker, in a batch of its own after the last: the placer ends the run on it
    let batches = (position + batch - 1) / batch;
    let end = send(
        &q,
        &format!("{run}/end"),
        Message {
            run: &run,
            position: position + 1,
            batch: batches,
            count: 0,
        },
        "end",
        Vec::new(),
    )?;
    q.runtime
        .block_on(end.into_future())
        .map_err(|e| anyhow::anyhow!("publishing the end of the run: {e}"))?;
    if let Some(db) = wait {
        out.placed = Some(wait_placed(db, &run)?);
    }
    Ok(out)
}

/// A publish awaiting its ack; for an article, where it stands, so that a copy the stream drops
/// is marked in its place.
struct Pending {
    ack: PublishAckFuture,
    article: Option<(Place, ArticleId)>,
}

/// A message's place in its run: position, batch, the batch's count.
#[derive(Clone, Copy)]
struct Place {
    position: i64,
    batch: i64,
    count: i64,
}

/// Publishes batch `batch` of `run` in input order, each message saying how many the batch
/// holds (the placer places it once all are there). Of two copies of one article (the same
/// title and text, so the same id) in a batch, one dated and one not, only the dated one is
/// published: a SQLite ingest places a batch's dated articles before its undated ones, and
/// keeps the first copy it places.
fn publish_batch(
    q: &Queue,
    (run, batch): (&str, i64),
    articles: Vec<(i64, RawArticle)>,
    pending: &mut VecDeque<Pending>,
    out: &mut Published,
) -> Result<()> {
    let dated: HashSet<ArticleId> = articles
        .iter()
        .filter(|(_, raw)| raw.published.is_some())
        .map(|(_, raw)| raw.id())
        .collect();
    let left_out = |raw: &RawArticle| raw.published.is_none() && dated.contains(&raw.id());
    let count = articles.iter().filter(|(_, raw)| !left_out(raw)).count() as i64;
    for (position, raw) in articles {
        if left_out(&raw) {
            out.duplicates += 1;
            continue;
        }
        let id = raw.id();
        let body = serde_json::to_vec(&Wire::from(raw))?;
        let place = Place {
            position,
            batch,
            count,
        };
        let ack = send(q, &id.to_string(), message(run, place), "article", body)?;
        pending.push_back(Pending {
            ack,
            article: Some((place, id)),
        });
        while pending.len() > IN_FLIGHT {
            settle(q, run, pending, out)?;
        }
    }
    Ok(())
}

fn message(run: &str, place: Place) -> Message<'_> {
    Message {
        run,
        position: place.position,
        batch: place.batch,
        count: place.count,
    }
}

/// Where a message stands in its run.
struct Message<'a> {
    run: &'a str,
    position: i64,
    batch: i64,
    count: i64,
}

/// Publishes one message; the stream drops it when it has taken one of the same id within its
/// duplicate window (an article's id is the article's; a marker's, its run and position).
fn send(q: &Queue, id: &str, at: Message, kind: &str, body: Vec<u8>) -> Result<PublishAckFuture> {
    let mut headers = HeaderMap::new();
    headers.insert("Nats-Msg-Id", id);
    headers.insert(RUN, at.run);
    headers.insert(POSITION, at.position.to_string().as_str());
    headers.insert(KIND, kind);
    headers.insert(BATCH, at.batch.to_string().as_str());
    headers.insert(COUNT, at.count.to_string().as_str());
    q.runtime
        .block_on(q.js.publish_with_headers(q.subject.clone(), headers, body.into()))
        .map_err(|e| anyhow::anyhow!("publishing to NATS: {e}"))
}

/// Awaits the oldest publish's ack. An article the stream dropped (it took the article within
/// its duplicate window: from this run before it was stopped, from an earlier position of it,
/// or from another run) is marked in its place by a `duplicate` message naming it (id
/// `run/position`, dropped in turn if this run sent it already), so that its batch is complete
/// for the placer, who finds the article stored or queued.
fn settle(
    q: &Queue,
    run: &str,
    pending: &mut VecDeque<Pending>,
    out: &mut Published,
) -> Result<()> {
    let Some(next) = pending.pop_front() else {
        return Ok(());
    };
    let ack = q
        .runtime
        .block_on(next.ack.into_future())
        .map_err(|e| anyhow::anyhow!("the stream did not take an article: {e}"))?;
    let Some((place, id)) = next.article else {
        return Ok(());
    };
    if !ack.duplicate {
        out.published += 1;
        return Ok(());
    }
    out.duplicates += 1;
    let marker = format!("{run}/{}", place.position);
    let body = id.to_string().into_bytes();
    let ack = send(q, &marker, message(run, place), "duplicate", body)?;
    pending.push_back(Pending { ack, article: None });
    Ok(())
}

/// Waits until the placer has placed the run's end marker; gives (placed, found stored).
fn wait_placed(db: &str, run: &str) -> Result<(i64, i64)> {
    let store = PgStore::open(db).with_context(|| format!("opening {db}"))?;
    loop {
        if let Some((Some(_), placed, known)) = store.run_counts(run)? {
            return Ok((placed, known));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A run's id: the time and the process, unique enough for runs of one stream.
fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{:x}-{:x}", nanos, std::process::id())
}
