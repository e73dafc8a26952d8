//! A worker: `recoupe worker --db postgres://… --queue nats://…`. Stateless: pulls messages,
//! analyses them on all cores, writes what it made by run and position, then acks. A worker
//! killed at any point loses nothing: what it had not acked is delivered again (to it or
//! another), and writing an item twice keeps the first.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use async_nats::jetstream::consumer::{pull, AckPolicy};
use futures_util::StreamExt;
use rayon::prelude::*;
use recoupe_core::{ArticleId, RawArticle};
use recoupe_store::pg::{ItemKind, QueueItem};
use recoupe_store::PgStore;

use crate::{Queue, QueueAt, Wire, BATCH, CONSUMER, COUNT, KIND, POSITION, RUN};

/// Messages pulled at a time.
const PULLED: usize = 64;
/// How long a message may stay unacked before the stream gives it to another worker.
const ACK_WAIT: Duration = Duration::from_secs(15);

/// What a worker did before it stopped.
#[derive(Debug, Default)]
pub struct Worked {
    pub articles: usize,
    pub unreadable: usize,
    /// Messages that are not recoupe's (no run, position or batch): acked and dropped.
    pub foreign: usize,
    /// Times the workers' consumer was found stalled and made again.
    pub consumers_made_again: usize,
}

/// How long a worker waits with nothing delivered, while the stream holds messages not yet
/// delivered, before it takes the workers' consumer for stalled (longer than the ack wait, so
/// that a message held by a worker that died is given again first).
const STALLED: Duration = Duration::from_secs(30);

type Consumer = async_nats::jetstream::consumer::Consumer<pull::Config>;

/// The workers' durable consumer, made if missing.
fn workers_consumer(q: &Queue) -> Result<Consumer> {
    q.runtime.block_on(async {
        q.stream
            .get_or_create_consumer(
                CONSUMER,
                pull::Config {
                    durable_name: Some(CONSUMER.into()),
                    ack_policy: AckPolicy::Explicit,
                    ack_wait: ACK_WAIT,
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("the workers' consumer: {e}"))
    })
}

/// The consumer delivers nothing though the stream holds messages it has not delivered and it
/// may deliver more. Seen with nats-server 2.9 after a kill -9: the consumer restored from disk
/// points at messages deleted meanwhile and stops (docs/scale-out.md).
fn stalled(q: &Queue, consumer: &Consumer) -> Result<bool> {
    let info = q
        .runtime
        .block_on(consumer.get_info())
        .map_err(|e| anyhow::anyhow!("the workers' consumer: {e}"))?;
    let room = info.config.max_ack_pending <= 0
        || (info.num_ack_pending as i64) < info.config.max_ack_pending;
    Ok(info.num_pending > 0 && room)
}

/// Deletes the workers' consumer and makes it again: it delivers every message the stream
/// still holds (a work-queue stream keeps only those not acked), from the first. What was
/// stored already is kept as it is, and a batch placed already is not placed again.
fn made_again(q: &Queue) -> Result<Consumer> {
    // another worker may have made it again already: a consumer missing is no error
    let _ = q.runtime.block_on(q.stream.delete_consumer(CONSUMER));
    workers_consumer(q)
}

/// Works until the queue has been empty for `idle_exit` (never, when `None`).
pub fn work(db: &str, queue: &QueueAt, idle_exit: Option<Duration>) -> Result<Worked> {
    let mut store = PgStore::open(db).with_context(|| format!("opening {db}"))?;
    let q = Queue::connect(queue)?;
    let mut consumer = workers_consumer(&q)?;
    let mut done = Worked::default();
    let mut idle_since = Instant::now();
    loop {
        let messages = q.runtime.block_on(async {
            let mut batch = consumer
                .batch()
                .max_messages(PULLED)
                .expires(Duration::from_secs(1))
                .messages()
                .await
                .map_err(|e| anyhow::anyhow!("pulling messages: {e}"))?;
            let mut out = Vec::new();
            while let Some(message) = batch.next().await {
                match message {
                    Ok(m) => out.push(m),
                    Err(e) => return Err(anyhow::anyhow!("pulling messages: {e}")),
                }
            }
            anyhow::Ok(out)
        })?;
        if messages.is_empty() {
            if idle_exit.is_some_and(|d| idle_since.elapsed() >= d) {
                return Ok(done);
            }
            if idle_since.elapsed() >= STALLED && stalled(&q, &consumer)? {
                eprintln!(
                    "recoupe worker: the stream has messages the workers' consumer has not \
                     delivered for {} s: making the consumer again",
                    STALLED.as_secs()
                );
                consumer = made_again(&q)?;
                done.consumers_made_again += 1;
                idle_since = Instant::now();
            }
            continue;
        }
        idle_since = Instant::now();
        let items: Vec<QueueItem> = messages.par_iter().filter_map(item_of).collect();
        done.foreign += messages.len() - items.len();
        for item in &items {
            match item.kind {
                ItemKind::Article => done.articles += 1,
                ItemKind::Unreadable => done.unreadable += 1,
                ItemKind::End | ItemKind::Duplicate => {}
            }
        }
        // the ack only once the results are committed
        store.queue_put(&items)?;
        q.runtime.block_on(async {
            for m in &messages {
                m.ack()
                    .await
                    .map_err(|e| anyhow::anyhow!("acking a message: {e}"))?;
            }
            anyhow::Ok(())
        })?;
    }
}

/// What the placer needs of a message: an article analysed, an end marker, or an article
/// that does not read (kept so that its batch is complete); `None` for a message without a
/// run, position and batch (not one a publisher of recoupe sent).
fn item_of(m: &async_nats::jetstream::Message) -> Option<QueueItem> {
    let header = |name: &str| {
        m.headers
            .as_ref()
            .and_then(|h| h.get(name))
            .map(|v| v.as_str().to_string())
    };
    let number = |name: &str| header(name).and_then(|v| v.parse::<i64>().ok());
    let run = header(RUN).filter(|r| !r.is_empty())?;
    let position = number(POSITION).filter(|&p| p > 0)?;
    let batch = number(BATCH).filter(|&b| b >= 0)?;
    let count = number(COUNT).filter(|&c| c >= 0)?;
    let mut item = QueueItem {
        run,
        position,
        batch,
        count,
        kind: ItemKind::Unreadable,
        article: None,
        payload: None,
        profile: None,
    };
    match header(KIND).as_deref() {
        Some("end") => item.kind = ItemKind::End,
        Some("duplicate") => {
            if let Some(id) = std::str::from_utf8(&m.payload)
                .ok()
                .and_then(ArticleId::parse)
            {
                item.kind = ItemKind::Duplicate;
                item.article = Some(id);
            }
        }
        Some("article") => {
            if let Ok(wire) = serde_json::from_slice::<Wire>(&m.payload) {
                let raw = RawArticle::from(wire);
                let (analysis, profile) = recoupe_core::prepare(&raw);
                item.kind = ItemKind::Article;
                item.article = Some(analysis.id);
                item.payload = Some(recoupe_store::pg::analysed_json(&analysis));
                item.profile = Some(profile.to_bytes());
            }
        }
        _ => {}
    }
    Some(item)
}
