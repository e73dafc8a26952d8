//! What the work queue keeps in the database (crates/recoupe-queue): the workers' analyses by
//! run and position (`queue_items`), the placer's lease with its fencing epoch
//! (`placer_lease`), and each ingest run's next batch and counts (`queue_runs`).

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
    /// An article the stream dropped as published already, marked in its place: it is stored,
    /// or queued at another place (this run's earlier one, or another run's).
    Duplicate,
}

impl ItemKind {
    fn as_str(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::End => "end",
            ItemKind::Unreadable => "unreadable",
            ItemKind::Duplicate => "duplicate",
        }
    }

    fn parse(s: &str) -> ItemKind {
        match s {
            "article" => ItemKind::Article,
            "end" => ItemKind::End,
            "duplicate" => ItemKind::Duplicate,
            _ => ItemKind::Unreadable,
        }
    }
}

/// An article's analysis ([`analysed_json`]) and profile as a worker queued them.
pub type QueuedCopy = (String, Option<Vec<u8>>);

/// One message of the stream as a worker left it for the placer.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueItem {
    pub run: String,
    /// Its place in the run's input, from 1 (the end marker's is one past the last article).
    pub position: i64,
    /// Its batch in the run, from 0 (`ingest --batch` articles a batch; the end marker has a
    /// batch of its own, after the last).
    pub batch: i64,
    /// The articles its batch holds (0 for the end marker's).
    pub count: i64,
    pub kind: ItemKind,
    pub article: Option<ArticleId>,
    /// The analysis ([`analysed_json`]).
    pub payload: Option<String>,
    /// Its profile ([`recoupe_core::similarity::Profile::to_bytes`]).
    pub profile: Option<Vec<u8>>,
}

/// The placer's hold on a partition: writes carry its epoch, and a write of an older epoch
/// (a placer that lost its lease while it worked) is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lease {
    pub part: i32,
    pub holder: String,
    pub epoch: i64,
}

/// A run not placed to its end: its next batch to place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenRun {
    pub run: String,
    pub next_batch: i64,
}

/// How much of one batch the workers have left.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchState {
    /// Its articles there (analysed, unreadable, or marked as duplicates).
    pub arrived: i64,
    /// The articles it holds, as its messages say (0 while none is there).
    pub count: i64,
    /// Duplicates whose article is neither stored nor queued yet (its first copy is still on
    /// its way through the workers).
    pub awaited: i64,
    /// Its run's end marker is there: the batch is the run's last, and empty.
    pub end: bool,
}

impl BatchState {
    /// Every article of the batch is there, and the first copy of each duplicate (or it is the
    /// end marker's).
    pub fn complete(&self) -> bool {
        self.end || (self.count > 0 && self.arrived >= self.count && self.awaited == 0)
    }
}

/// What the transaction of a placed batch also writes, and checks: the lease still held at
/// this epoch, the run's next batch and counts.
#[derive(Clone, Debug, Default)]
pub struct Fence {
    pub part: i32,
    pub epoch: i64,
    pub run: String,
    /// The batch placed.
    pub batch: i64,
    /// Articles placed, articles found stored already.
    pub placed: i64,
    pub known: i64,
    /// The end marker's position, when the batch was the run's end.
    pub end: Option<i64>,
}

impl PgStore {
    /// Stores what the workers made of a batch of messages, in one transaction; an item stored
    /// already (a message delivered again) is left as it is, except a duplicate's mark, which
    /// the article itself replaces (a publisher stopped and started again marks in its place an
    /// article it had published). A run seen for the first time is recorded: runs are placed in
    /// the order they first arrive.
    pub fn queue_put(&mut self, items: &[QueueItem]) -> Result<()> {
        let run: Vec<&str> = items.iter().map(|i| i.run.as_str()).collect();
        let position: Vec<i64> = items.iter().map(|i| i.position).collect();
        let batch: Vec<i64> = items.iter().map(|i| i.batch).collect();
        let count: Vec<i64> = items.iter().map(|i| i.count).collect();
        let kind: Vec<&str> = items.iter().map(|i| i.kind.as_str()).collect();
        let article: Vec<Option<String>> = items
            .iter()
            .map(|i| i.article.map(|a| a.to_string()))
            .collect();
        let payload: Vec<Option<&str>> = items.iter().map(|i| i.payload.as_deref()).collect();
        let profile: Vec<Option<&[u8]>> = items.iter().map(|i| i.profile.as_deref()).collect();
        let mut runs: Vec<&str> = run.clone();
        runs.dedup();
        let mut tx = self.db_mut().transaction()?;
        tx.execute(
            "INSERT INTO queue_runs (run) SELECT DISTINCT r FROM UNNEST($1::TEXT[]) AS r
             ON CONFLICT (run) DO NOTHING",
            &[&runs],
        )?;
        tx.execute(
            "INSERT INTO queue_items (run, position, batch, count, kind, article, payload, profile)
             SELECT * FROM UNNEST($1::TEXT[], $2::INT8[], $3::INT8[], $4::INT8[], $5::TEXT[],
                                  $6::TEXT[], $7::TEXT[], $8::BYTEA[])
             ON CONFLICT (run, position) DO UPDATE
                 SET kind = EXCLUDED.kind, article = EXCLUDED.article,
                     payload = EXCLUDED.payload, profile = EXCLUDED.profile
                 WHERE queue_items.kind = 'duplicate' AND EXCLUDED.kind <> 'duplicate'",
            &[
                &run, &position, &batch, &count, &kind, &article, &payload, &profile,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The runs not placed to their end, in the order they first arrived.
    pub fn queue_open_runs(&self) -> Result<Vec<OpenRun>> {
        let rows = self.db().query(
            "SELECT run, next_batch FROM queue_runs WHERE end_position IS NULL ORDER BY since",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(OpenRun {
                    run: r.try_get(0)?,
                    next_batch: r.try_get(1)?,
                })
            })
            .collect()
    }

    /// How much of batch `batch` of `run` is there.
    pub fn queue_batch_state(&self, run: &str, batch: i64) -> Result<BatchState> {
        let row = self.db().query_one(
            "SELECT count(*) FILTER (WHERE kind <> 'end'), coalesce(max(count), 0),
                    coalesce(bool_or(kind = 'end'), false),
                    count(*) FILTER (WHERE kind = 'duplicate'
                        AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article)
                        AND NOT EXISTS (SELECT 1 FROM queue_items i
                                        WHERE i.article = d.article AND i.kind <> 'duplicate'))
             FROM queue_items d WHERE run = $1 AND batch = $2",
            &[&run, &batch],
        )?;
        Ok(BatchState {
            arrived: row.try_get(0)?,
            count: row.try_get(1)?,
            end: row.try_get(2)?,
            awaited: row.try_get(3)?,
        })
    }

    /// The analyses and profiles queued for these articles (as `article` items, in any run),
    /// for a batch whose marker of an article the stream dropped comes before the copy it kept.
    pub fn queued_copies(
        &self,
        articles: &[ArticleId],
    ) -> Result<std::collections::HashMap<ArticleId, QueuedCopy>> {
        let mut found = std::collections::HashMap::new();
        if articles.is_empty() {
            return Ok(found);
        }
        let ids: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
        let rows = self.db().query(
            "SELECT DISTINCT ON (article) article, payload, profile FROM queue_items
             WHERE article = ANY($1) AND kind = 'article' AND payload IS NOT NULL
             ORDER BY article, run, position",
            &[&ids],
        )?;
        for r in &rows {
            let article: String = r.try_get(0)?;
            if let Some(id) = ArticleId::parse(&article) {
                found.insert(id, (r.try_get(1)?, r.try_get(2)?));
            }
        }
        Ok(found)
    }

    /// The items of batch `batch` of `run`, in input order.
    pub fn queue_batch(&self, run: &str, batch: i64) -> Result<Vec<QueueItem>> {
        let rows = self.db().query(
            "SELECT run, position, batch, count, kind, article, payload, profile FROM queue_items
             WHERE run = $1 AND batch = $2 ORDER BY position",
            &[&run, &batch],
        )?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get(4)?;
                let article: Option<String> = r.try_get(5)?;
                Ok(QueueItem {
                    run: r.try_get(0)?,
                    position: r.try_get(1)?,
                    batch: r.try_get(2)?,
                    count: r.try_get(3)?,
                    kind: ItemKind::parse(&kind),
                    article: article.as_deref().and_then(ArticleId::parse),
                    payload: r.try_get(6)?,
                    profile: r.try_get(7)?,
                })
            })
            .collect()
    }

    /// Forgets the items of batches placed already (a message delivered again after its batch
    /// was placed, or a run published again after it ended); gives how many.
    pub fn queue_forget_placed(&mut self) -> Result<u64> {
        Ok(self.db_mut().execute(
            "DELETE FROM queue_items i USING queue_runs r
             WHERE i.run = r.run AND i.batch < r.next_batch",
            &[],
        )?)
    }

    /// Items waiting in the queue (analysed, not yet placed or forgotten).
    pub fn queue_len(&self) -> Result<i64> {
        let row = self
            .db()
            .query_one("SELECT count(*) FROM queue_items", &[])?;
        Ok(row.try_get(0)?)
    }

    /// Articles placed over every run (what the placer has done so far).
    pub fn queue_placed(&self) -> Result<i64> {
        let row = self
            .db()
            .query_one("SELECT coalesce(sum(placed), 0)::INT8 FROM queue_runs", &[])?;
        Ok(row.try_get(0)?)
    }

    /// Takes the lease of partition `part` for `ttl_ms` when it is free, expired or already
    /// `holder`'s; a takeover raises the epoch. `None` while another holds it.
    pub fn lease(&mut self, part: i32, holder: &str, ttl_ms: i64) -> Result<Option<Lease>> {
        let row = self.db_mut().query_opt(
            "INSERT INTO placer_lease AS l (part, holder, epoch, expires_at)
             VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
             ON CONFLICT (part) DO UPDATE
                 SET holder = $2,
                     epoch = l.epoch + CASE WHEN l.holder = $2 AND l.expires_at > now() THEN 0 ELSE 1 END,
                     expires_at = now() + $3 * interval '1 millisecond'
                 WHERE l.holder = $2 OR l.expires_at <= now()
             RETURNING part, holder, epoch",
            &[&part, &holder, &(ttl_ms as f64)],
        )?;
        Ok(match row {
            Some(r) => Some(Lease {
                part: r.try_get(0)?,
                holder: r.try_get(1)?,
                epoch: r.try_get(2)?,
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
            "SELECT part, holder, epoch FROM placer_lease WHERE part = $1",
            &[&part],
        )?;
        Ok(match row {
            Some(r) => Some(Lease {
                part: r.try_get(0)?,
                holder: r.try_get(1)?,
                epoch: r.try_get(2)?,
            }),
            None => None,
        })
    }

    /// A run's counts: (its end marker's position once placed, articles placed, articles found
    /// stored).
    pub fn run_counts(&self, run: &str) -> Result<Option<(Option<i64>, i64, i64)>> {
        let row = self.db().query_opt(
            "SELECT end_position, placed, known FROM queue_runs WHERE run = $1",
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

    /// In the open transaction of a batch: refuses it if the lease was lost, else moves the
    /// run to its next batch, adds to its counts and forgets the batch's items.
    pub(crate) fn apply_fence(&mut self, fence: Fence) -> Result<()> {
        let db = self.db_mut();
        let held = db.query_opt(
            "SELECT 1 FROM placer_lease WHERE part = $1 AND epoch = $2 AND expires_at > now()
             FOR UPDATE",
            &[&fence.part, &fence.epoch],
        )?;
        if held.is_none() {
            return Err(StoreError::Fenced(fence.epoch));
        }
        db.execute(
            "INSERT INTO queue_runs AS r (run, end_position, placed, known, next_batch)
             VALUES ($1, $2, $3, $4, $5::INT8 + 1)
             ON CONFLICT (run) DO UPDATE SET end_position = coalesce($2, r.end_position),
                 placed = r.placed + $3, known = r.known + $4,
                 next_batch = greatest(r.next_batch, $5::INT8 + 1)",
            &[
                &fence.run,
                &fence.end,
                &fence.placed,
                &fence.known,
                &fence.batch,
            ],
        )?;
        db.execute(
            "DELETE FROM queue_items WHERE run = $1 AND batch <= $2",
            &[&fence.run, &fence.batch],
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

/// An article as a worker left it, ready to place and write: the analysis of [`analysed_json`]
/// with the row's JSON as the worker made it, and the worker's profile (made again when
/// missing or unreadable); `None` when the payload does not read.
pub fn analysed_prepared(payload: &str, profile: Option<&[u8]>) -> Option<crate::Prepared> {
    let v: serde_json::Value = serde_json::from_str(payload).ok()?;
    let stored = stored_of(&v)?;
    let json = v.get("kept")?.as_str()?.to_string();
    let analysis = stored.analysis();
    let profile = profile
        .and_then(recoupe_core::similarity::Profile::from_bytes)
        .filter(|p| p.id == analysis.id)
        .unwrap_or_else(|| recoupe_core::similarity::Profile::of(&analysis, None));
    Some(crate::Prepared {
        analysis,
        profile,
        row: crate::stories::RowText { json, search: None },
    })
}

fn stored_of(v: &serde_json::Value) -> Option<crate::StoredArticle> {
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
