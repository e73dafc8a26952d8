//! A worker: `recoupe worker --db postgres://… --queue nats://…`. Stateless: pulls messages,
//! analyses them on all cores, writes what it made by stream sequence, then acks. A worker
//! killed at any point loses nothing: what it had not acked is delivered again (to it or
//! another), and writing an item twice keeps the first.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use async_nats::jetstream::consumer::{pull, AckPolicy};
use futures_util::StreamExt;
use rayon::prelude::*;
use recoupe_core::RawArticle;
use recoupe_store::pg::{ItemKind, QueueItem};
use recoupe_store::PgStore;

use crate::{Queue, QueueAt, Wire, BATCH, CONSUMER, KIND, POSITION, RUN};

/// Messages pulled at a time.
const PULLED: usize = 64;
/// How long a message may stay unacked before the stream gives it to another worker.
const ACK_WAIT: Duration = Duration::from_secs(15);

/// What a worker did before it stopped.
#[derive(Debug, Default)]
pub struct Worked {
    pub articles: usize,
    pub unreadable: usize,
}

/// Works until the queue has been empty for `idle_exit` (never, when `None`).
pub fn work(db: &str, queue: &QueueAt, idle_exit: Option<Duration>) -> Result<Worked> {
    let mut store = PgStore::open(db).with_context(|| format!("opening {db}"))?;
    let q = Queue::connect(queue)?;
    let consumer = q.runtime.block_on(async {
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
    })?;
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
            continue;
        }
        idle_since = Instant::now();
        let items: Vec<QueueItem> = messages.par_iter().map(item_of).collect();
        for item in &items {
            match item.kind {
                ItemKind::Article => done.articles += 1,
                ItemKind::Unreadable => done.unreadable += 1,
                ItemKind::End => {}
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

/// What the placer needs of a message: an article analysed, an end marker, or a message that
/// does not read (kept so the placer does not wait on its sequence number).
fn item_of(m: &async_nats::jetstream::Message) -> QueueItem {
    let header = |name: &str| {
        m.headers
            .as_ref()
            .and_then(|h| h.get(name))
            .map(|v| v.as_str().to_string())
    };
    let stream_seq = m.info().map(|i| i.stream_sequence as i64).unwrap_or(0);
    let run = header(RUN).unwrap_or_default();
    let position = header(POSITION).and_then(|p| p.parse().ok()).unwrap_or(0);
    let batch = header(BATCH).and_then(|b| b.parse().ok()).unwrap_or(2048);
    let mut item = QueueItem {
        stream_seq,
        run,
        position,
        batch,
        kind: ItemKind::Unreadable,
        article: None,
        payload: None,
    };
    match header(KIND).as_deref() {
        Some("end") => item.kind = ItemKind::End,
        Some("article") => {
            if let Ok(wire) = serde_json::from_slice::<Wire>(&m.payload) {
                let raw = RawArticle::from(wire);
                let (analysis, _profile) = recoupe_core::prepare(&raw);
                item.kind = ItemKind::Article;
                item.article = Some(analysis.id);
                item.payload = Some(recoupe_store::pg::analysed_json(&analysis));
            }
        }
        _ => {}
    }
    item
}
