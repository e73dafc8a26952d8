//! What the work queue keeps in the database (crates/recoupe-queue): the workers' analyses by
//! stream sequence (`queue_items`), the placer's lease with its fencing epoch (`placer_lease`),
//! and each ingest run's counts (`queue_runs`).

use recoupe_core::ArticleId;

use super::PgStore;
use crate::{Result, StoreError};

/// What a message of the stream was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// An article, analysed.
    Article,
    /// The end of an ingest run: its last batch is complete.
    End,
    /// A message no worker could read (it is counted, and skipped).
    Unreadable,
}

impl ItemKind {
    fn as_str(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::End => "end",
            ItemKind::Unreadable => "unreadable",
        }
    }

    fn parse(s: &str) -> ItemKind {
        match s {
            "article" => ItemKind::Article,
            "end" => ItemKind::End,
            _ => ItemKind::Unreadable,
        }
    }
}

/// One message of the stream as a worker left it for the placer.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueItem {
    pub stream_seq: i64,
    pub run: String,
    pub position: i64,
    /// The articles a batch of its run holds (`ingest --batch`).
    pub batch: i64,
    pub kind: ItemKind,
    pub article: Option<ArticleId>,
    pub payload: Option<String>,
}

/// The placer's hold on a partition: writes carry its epoch, and a write of an older epoch
/// (a placer that lost its lease while it worked) is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lease {
    pub part: i32,
    pub holder: String,
    pub epoch: i64,
    /// Every queue item up to this stream sequence is placed.
    pub done_seq: i64,
}

/// What the transaction of a placed batch also writes, and checks: the lease still held at
/// this epoch, how far the queue is placed, each run's counts.
#[derive(Clone, Debug, Default)]
pub struct Fence {
    pub part: i32,
    pub epoch: i64,
    pub done_seq: i64,
    /// (run, articles placed, articles found stored, the run's end marker if this batch saw it)
    pub runs: Vec<(String, i64, i64, Option<i64>)>,
}

impl PgStore {
    /// Stores what the workers made of a batch of messages, in one transaction; an item stored
    /// already (a message delivered again) is left as it is.
    pub fn queue_put(&mut self, items: &[QueueItem]) -> Result<()> {
        let seq: Vec<i64> = items.iter().map(|i| i.stream_seq).collect();
        let run: Vec<&str> = items.iter().map(|i| i.run.as_str()).collect();
        let position: Vec<i64> = items.iter().map(|i| i.position).collect();
        let kind: Vec<&str> = items.iter().map(|i| i.kind.as_str()).collect();
        let article: Vec<Option<String>> = items
            .iter()
            .map(|i| i.article.map(|a| a.to_string()))
            .collect();
        let payload: Vec<Option<&str>> = items.iter().map(|i| i.payload.as_deref()).collect();
        let batch: Vec<i64> = items.iter().map(|i| i.batch).collect();
        self.db_mut().execute(
            "INSERT INTO queue_items (stream_seq, run, position, kind, article, payload, batch)
             SELECT * FROM UNNEST($1::INT8[], $2::TEXT[], $3::INT8[], $4::TEXT[], $5::TEXT[],
                                  $6::TEXT[], $7::INT8[])
             ON CONFLICT (stream_seq) DO NOTHING",
            &[&seq, &run, &position, &kind, &article, &payload, &batch],
        )?;
        Ok(())
    }

    /// The items after stream sequence `seq`, in order, at most `limit`.
    pub fn queue_after(&self, seq: i64, limit: usize) -> Result<Vec<QueueItem>> {
        let rows = self.db().query(
            "SELECT stream_seq, run, position, kind, article, payload, batch FROM queue_items
             WHERE stream_seq > $1 ORDER BY stream_seq LIMIT $2",
            &[&seq, &super::clamp(limit)],
        )?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get(3)?;
                let article: Option<String> = r.try_get(4)?;
                Ok(QueueItem {
                    stream_seq: r.try_get(0)?,
                    run: r.try_get(1)?,
                    position: r.try_get(2)?,
                    kind: ItemKind::parse(&kind),
                    article: article.as_deref().and_then(ArticleId::parse),
                    payload: r.try_get(5)?,
                    batch: r.try_get(6)?,
                })
            })
            .collect()
    }

    /// Forgets the items placed (up to `seq`).
    pub fn queue_forget_through(&mut self, seq: i64) -> Result<()> {
        self.db_mut()
            .execute("DELETE FROM queue_items WHERE stream_seq <= $1", &[&seq])?;
        Ok(())
    }

    /// Takes the lease of partition `part` for `ttl_ms` when it is free, expired or already
    /// `holder`'s; a takeover raises the epoch. `None` while another holds it.
    pub fn lease(&mut self, part: i32, holder: &str, ttl_ms: i64) -> Result<Option<Lease>> {
        let row = self.db_mut().query_opt(
            "INSERT INTO placer_lease AS l (part, holder, epoch, expires_at, done_seq)
             VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond', 0)
             ON CONFLICT (part) DO UPDATE
                 SET holder = $2,
                     epoch = l.epoch + CASE WHEN l.holder = $2 AND l.expires_at > now() THEN 0 ELSE 1 END,
                     expires_at = now() + $3 * interval '1 millisecond'
                 WHERE l.holder = $2 OR l.expires_at <= now()
             RETURNING part, holder, epoch, done_seq",
            &[&part, &holder, &(ttl_ms as f64)],
        )?;
        Ok(match row {
            Some(r) => Some(Lease {
                part: r.try_get(0)?,
                holder: r.try_get(1)?,
                epoch: r.try_get(2)?,
                done_seq: r.try_get(3)?,
            }),
            None => None,
        })
    }

    /// Extends a lease held at its epoch; false when it was lost (expired and taken).
    pub fn renew(&mut self, lease: &Lease, ttl_ms: i64) -> Result<bool> {
        let n = self.db_mut().execute(
            "UPDATE placer_lease SET expires_at = now() + $3 * interval '1 millisecond'
             WHERE part = $1 AND epoch = $2 AND expires_at > now()",
            &[&lease.part, &lease.epoch, &(ttl_ms as f64)],
        )?;
        Ok(n == 1)
    }

    /// Lets the lease go (a placer that stops cleanly): another takes over at once.
    pub fn release(&mut self, lease: &Lease) -> Result<()> {
        self.db_mut().execute(
            "UPDATE placer_lease SET expires_at = now() WHERE part = $1 AND epoch = $2",
            &[&lease.part, &lease.epoch],
        )?;
        Ok(())
    }

    /// The lease of partition `part` as it stands (whoever holds it, or last held it).
    pub fn lease_of(&self, part: i32) -> Result<Option<Lease>> {
        let row = self.db().query_opt(
            "SELECT part, holder, epoch, done_seq FROM placer_lease WHERE part = $1",
            &[&part],
        )?;
        Ok(match row {
            Some(r) => Some(Lease {
                part: r.try_get(0)?,
                holder: r.try_get(1)?,
                epoch: r.try_get(2)?,
                done_seq: r.try_get(3)?,
            }),
            None => None,
        })
    }

    /// How far partition `part` is placed (0 when nothing is).
    pub fn placed_through(&self, part: i32) -> Result<i64> {
        Ok(
            match self.db().query_opt(
                "SELECT done_seq FROM placer_lease WHERE part = $1",
                &[&part],
            )? {
                Some(r) => r.try_get(0)?,
                None => 0,
            },
        )
    }

    /// A run's counts: (its end marker's stream sequence once placed, articles placed,
    /// articles found stored).
    pub fn run_counts(&self, run: &str) -> Result<Option<(Option<i64>, i64, i64)>> {
        let row = self.db().query_opt(
            "SELECT end_seq, placed, known FROM queue_runs WHERE run = $1",
            &[&run],
        )?;
        Ok(match row {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)),
            None => None,
        })
    }

    /// Makes the next batch written ([`PgStore::write_placed`]) check and move the lease's
    /// state in its transaction.
    pub fn set_fence(&mut self, fence: Fence) {
        self.fence = Some(fence);
    }

    /// In the open transaction of a batch: refuses it if the lease was lost, else records how
    /// far the queue is placed and the runs' counts.
    pub(crate) fn apply_fence(&mut self, fence: Fence) -> Result<()> {
        let db = self.db_mut();
        let held = db.execute(
            "UPDATE placer_lease SET done_seq = $3 WHERE part = $1 AND epoch = $2 AND expires_at > now()",
            &[&fence.part, &fence.epoch, &fence.done_seq],
        )?;
        if held != 1 {
            return Err(StoreError::Fenced(fence.epoch));
        }
        for (run, placed, known, end) in &fence.runs {
            db.execute(
                "INSERT INTO queue_runs AS r (run, end_seq, placed, known) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (run) DO UPDATE SET end_seq = coalesce($2, r.end_seq),
                     placed = r.placed + $3, known = r.known + $4",
                &[run, end, placed, known],
            )?;
        }
        db.execute(
            "DELETE FROM queue_items WHERE stream_seq <= $1",
            &[&fence.done_seq],
        )?;
        Ok(())
    }
}

/// What a worker leaves for the placer: the article as its row would store it (columns and
/// [`crate::Kept`]), so the placer reads it back exactly as a replay of the store does.
pub fn analysed_json(a: &recoupe_core::Analysis) -> String {
    serde_json::json!({
        "id": a.id.to_string(),
        "source": a.source,
        "title": a.title,
        "language": a.language.map(|l| l.to_string()),
        "published": a.published.map(|d| d.to_string()),
        "published_basis": a.published_basis.map(|b| b.as_str()),
        "text": a.text,
        "kept": crate::kept_json(a),
    })
    .to_string()
}

/// The article of [`analysed_json`]; `None` when the payload does not read.
pub fn analysed_article(payload: &str) -> Option<crate::StoredArticle> {
    let v: serde_json::Value = serde_json::from_str(payload).ok()?;
    let text = |k: &str| v.get(k).and_then(|x| x.as_str());
    let body = text("text")?.to_string();
    Some(crate::StoredArticle {
        id: ArticleId::parse(text("id")?)?,
        source: text("source")?.to_string(),
        title: text("title")?.to_string(),
        language: text("language").and_then(recoupe_core::Lang::parse),
        published: text("published").and_then(recoupe_core::Date::parse_iso),
        published_basis: text("published_basis").and_then(recoupe_core::DateBasis::parse),
        kept: crate::Kept::parse(text("kept")?, &body),
        text: body,
        seq: 0,
    })
}
