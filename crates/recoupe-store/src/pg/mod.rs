//! The store in a PostgreSQL database: the SQLite store's tables and invariants (docs/store.md,
//! docs/scale-out.md) over one connection of the `postgres` client (tokio-postgres' blocking
//! face: the store's API is synchronous, as the core is). Schema by versioned migrations under
//! an advisory lock; an article and its placement in one transaction; idempotent by article id;
//! the story index's snapshot and replay; search with PostgreSQL's own full-text search over
//! the text as recoupe folds it (`simple` configuration: no stemming, every script).

use std::sync::{Mutex, MutexGuard};

use postgres::{Client, NoTls, Row};
use recoupe_core::{Analysis, ArticleId, Date, DateBasis, Lang};

use crate::{Kept, Result, StoreError, StoredArticle};

mod entities;
mod queue;
pub use queue::{analysed_article, analysed_json, Fence, ItemKind, Lease, QueueItem};
mod rows;
mod schema;
mod scratch;
pub use scratch::{ScratchDatabase, TEST_SERVER};
mod search;
mod stories;

/// Key of the advisory lock held while the schema is migrated.
const MIGRATION_LOCK: i64 = 0x0072_6563_6f75_7065; // "recoupe"

/// A store in a PostgreSQL database.
pub struct PgStore {
    client: Mutex<Client>,
    /// Sequence number of the last article this connection wrote (for the index snapshot).
    last_seq: i64,
    /// Articles this connection found stored by another writer after they were placed.
    conflicts: usize,
    /// A batch's transaction is open (see [`crate::SqliteStore::write_placed_part`]).
    in_batch: bool,
    /// What the next batch's transaction checks and writes of the placer's lease.
    fence: Option<queue::Fence>,
}

/// The columns [`article_of`] reads, in its order.
pub(crate) const ARTICLE_COLUMNS: &str =
    "id, source, title, language, published, published_basis, text, analysis, seq";

impl PgStore {
    /// Connects to the database at `url` (`postgres://user@host:port/database`) and migrates
    /// its schema.
    pub fn open(url: &str) -> Result<PgStore> {
        let mut client = Client::connect(url, NoTls)?;
        migrate(&mut client)?;
        Ok(PgStore {
            client: Mutex::new(client),
            last_seq: 0,
            conflicts: 0,
            in_batch: false,
            fence: None,
        })
    }

    /// The connection, for reading (a store handle is used by one thread at a time; the lock
    /// is never contended, it only makes the handle shareable).
    pub(crate) fn db(&self) -> MutexGuard<'_, Client> {
        self.client.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn db_mut(&mut self) -> &mut Client {
        self.client.get_mut().unwrap_or_else(|e| e.into_inner())
    }

    /// Nothing to set: PostgreSQL's cache is the server's.
    pub fn scanning(&self) -> Result<()> {
        Ok(())
    }

    /// For a bulk load that can be run again: `synchronous_commit = off` — a crash of the
    /// server may lose the last transactions committed, never leave half of one (running the
    /// same ingest again adds them back), as SQLite's `synchronous=NORMAL`.
    pub fn bulk(&mut self) -> Result<()> {
        self.db_mut()
            .batch_execute("SET synchronous_commit = off")?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .db()
            .query_one("SELECT version FROM recoupe_schema", &[])?
            .try_get::<_, i32>(0)? as i64)
    }

    /// Stores a batch in one transaction; returns how many were new.
    pub fn put_articles(&mut self, articles: &[Analysis]) -> Result<usize> {
        let mut tx = self.db_mut().transaction()?;
        let mut added = 0;
        for article in articles {
            if insert_article(&mut tx, article, &crate::kept_json(article))?.is_some() {
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    pub fn count(&self) -> Result<usize> {
        let n: i64 = self
            .db()
            .query_one("SELECT count(*) FROM articles", &[])?
            .try_get(0)?;
        Ok(n as usize)
    }

    /// All articles, newest first (undated last), then by title.
    pub fn articles(&self, limit: usize) -> Result<Vec<StoredArticle>> {
        let rows = self.db().query(
            &format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles
                 ORDER BY published IS NULL, published DESC, title LIMIT $1"
            ),
            &[&clamp(limit)],
        )?;
        rows.iter().map(article_of).collect()
    }

    /// The article whose id is `id` or starts with it.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let id = id.trim().to_ascii_lowercase();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let upper = format!("{id}g");
        let rows = self.db().query(
            &format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles
                 WHERE id >= $1 AND id < $2 LIMIT 2"
            ),
            &[&id, &upper],
        )?;
        match rows.len() {
            0 => Ok(None),
            1 => article_of(&rows[0]).map(Some),
            _ => Err(StoreError::Ambiguous(id)),
        }
    }

    pub fn contains(&self, id: ArticleId) -> Result<bool> {
        Ok(self
            .db()
            .query_opt("SELECT 1 FROM articles WHERE id = $1", &[&id.to_string()])?
            .is_some())
    }

    pub fn has_url(&self, url: &str) -> Result<bool> {
        Ok(self
            .db()
            .query_opt("SELECT 1 FROM articles WHERE url = $1 LIMIT 1", &[&url])?
            .is_some())
    }

    pub fn feed_validators(&self, url: &str) -> Result<(Option<String>, Option<String>)> {
        let row = self.db().query_opt(
            "SELECT etag, last_modified FROM feeds WHERE url = $1",
            &[&url],
        )?;
        Ok(match row {
            Some(r) => (r.try_get(0)?, r.try_get(1)?),
            None => (None, None),
        })
    }

    pub fn save_feed(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<()> {
        self.db_mut().execute(
            "INSERT INTO feeds (url, etag, last_modified, polled_at)
             VALUES ($1, $2, $3, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))
             ON CONFLICT (url) DO UPDATE SET etag = $2, last_modified = $3, polled_at = excluded.polled_at",
            &[&url, &etag, &last_modified],
        )?;
        Ok(())
    }

    /// "ok" when the schema is the one this build knows and what the tables say of each other
    /// holds (every member an article, every story's size its members); else what is wrong.
    pub fn integrity_check(&self) -> Result<String> {
        let version = self.schema_version()?;
        if version != schema::MIGRATIONS.len() as i64 {
            return Ok(format!(
                "schema {version}, expected {}",
                schema::MIGRATIONS.len()
            ));
        }
        let mut db = self.db();
        let orphans: i64 = db
            .query_one(
                "SELECT count(*) FROM story_members m LEFT JOIN articles a ON a.seq = m.seq
                 WHERE a.seq IS NULL",
                &[],
            )?
            .try_get(0)?;
        let sizes: i64 = db
            .query_one(
                "SELECT count(*) FROM stories s
                 WHERE s.size <> (SELECT count(*) FROM story_members m WHERE m.story = s.id)",
                &[],
            )?
            .try_get(0)?;
        Ok(match (orphans, sizes) {
            (0, 0) => "ok".into(),
            _ => format!("{orphans} story members without their article, {sizes} stories whose size is not their members'"),
        })
    }
}

/// A count or a limit as PostgreSQL's BIGINT.
pub(crate) fn clamp(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

fn migrate(client: &mut Client) -> Result<()> {
    let known = schema::MIGRATIONS.len() as i32;
    let mut tx = client.transaction()?;
    // one process migrates; another opening the same new database waits here, then finds it
    // migrated
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS recoupe_schema (
             one INTEGER PRIMARY KEY CHECK (one = 1),
             version INTEGER NOT NULL
         );
         INSERT INTO recoupe_schema (one, version) VALUES (1, 0) ON CONFLICT DO NOTHING;",
    )?;
    let found: i32 = tx
        .query_one("SELECT version FROM recoupe_schema", &[])?
        .try_get(0)?;
    if found > known {
        return Err(StoreError::TooNew {
            found: found as i64,
            known: known as i64,
        });
    }
    for (at, migration) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.batch_execute(migration)?;
        tx.execute(
            "UPDATE recoupe_schema SET version = $1",
            &[&(at as i32 + 1)],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// An article row ([`ARTICLE_COLUMNS`]) read back typed.
pub(crate) fn article_of(row: &Row) -> Result<StoredArticle> {
    let id: String = row.try_get(0)?;
    let text: String = row.try_get(6)?;
    let kept: String = row.try_get(7)?;
    let language: Option<String> = row.try_get(3)?;
    let published: Option<String> = row.try_get(4)?;
    let basis: Option<String> = row.try_get(5)?;
    Ok(StoredArticle {
        id: ArticleId::parse(&id)
            .ok_or_else(|| StoreError::NotFound(format!("not an article id: {id:?}")))?,
        source: row.try_get(1)?,
        title: row.try_get(2)?,
        language: language.as_deref().and_then(Lang::parse),
        published: published.as_deref().and_then(Date::parse_iso),
        published_basis: basis.as_deref().and_then(DateBasis::parse),
        kept: Kept::parse(&kept, &text),
        text,
        seq: row.try_get(8)?,
    })
}

/// The most of an article's folded text that goes into its `tsvector` (PostgreSQL refuses one
/// over 1 MB); what is past it is still stored, only not searchable.
const SEARCHED_BYTES: usize = 256 << 10;

/// Inserts one article with its findings unless stored already; gives its sequence number when
/// it was written.
pub(crate) fn insert_article(
    tx: &mut impl postgres::GenericClient,
    article: &Analysis,
    kept: &str,
) -> Result<Option<i64>> {
    let cut = |s: String| -> String {
        if s.len() <= SEARCHED_BYTES {
            return s;
        }
        let mut end = SEARCHED_BYTES;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_string()
    };
    let title = cut(recoupe_core::search::search_text(&article.title));
    let text = cut(recoupe_core::search::search_text(&article.text));
    let row = tx.query_opt(
        "INSERT INTO articles
             (id, source, title, url, site, byline, language, published, published_basis, text,
              analysis, search)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                 setweight(to_tsvector('simple', $12), 'A') || to_tsvector('simple', $13))
         ON CONFLICT (id) DO NOTHING RETURNING seq",
        &[
            &article.id.to_string(),
            &article.source,
            &article.title,
            &article.url,
            &article.site,
            &article.byline,
            &article.language.map(|l| l.to_string()),
            &article.published.map(|d| d.to_string()),
            &article.published_basis.map(|b| b.as_str()),
            &article.text,
            &kept,
            &title,
            &text,
        ],
    )?;
    let Some(row) = row else {
        return Ok(None);
    };
    let seq: i64 = row.try_get(0)?;
    write_findings(tx, seq, article)?;
    Ok(Some(seq))
}

/// The quotes and figures of the article stored as `seq` (the analyst's tables).
fn write_findings(
    tx: &mut impl postgres::GenericClient,
    seq: i64,
    article: &Analysis,
) -> Result<()> {
    let quote = tx.prepare(
        "INSERT INTO quotes (seq, n, kind, speaker, speaker_key, words, start, \"end\")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (seq, n) DO NOTHING",
    )?;
    for (n, q) in article
        .quotes
        .iter()
        .chain(&article.reported_speech)
        .enumerate()
    {
        let speaker = q.speaker_name.clone().or_else(|| q.speaker_text.clone());
        tx.execute(
            &quote,
            &[
                &seq,
                &(n as i32),
                &crate::serde_name(&q.kind),
                &speaker,
                &speaker.as_ref().map(|s| s.to_lowercase()),
                &q.text,
                &(q.start as i64),
                &(q.end as i64),
            ],
        )?;
    }
    let figure = tx.prepare(
        "INSERT INTO figures (seq, n, kind, value, unit, counts, qualifier, bound, text, start, \"end\")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (seq, n) DO NOTHING",
    )?;
    for (n, f) in article.figures.iter().enumerate() {
        tx.execute(
            &figure,
            &[
                &seq,
                &(n as i32),
                &f.kind.as_str(),
                &f.value,
                &f.unit,
                &f.counts,
                &f.qualifier,
                &crate::serde_name(&f.bound),
                &f.text,
                &(f.start as i64),
                &(f.end as i64),
            ],
        )?;
    }
    Ok(())
}
