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

mod bulk;
mod corrections;
mod entities;
mod queue;
pub use queue::{
    analysed_json, analysed_prepared, BatchState, Fence, ItemKind, Lease, OpenRun, QueueItem,
};
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
        let kept: Vec<String> = articles.iter().map(crate::kept_json).collect();
        let rows: Vec<bulk::Row<'_>> = articles
            .iter()
            .zip(&kept)
            .map(|(analysis, kept)| bulk::Row { analysis, kept })
            .collect();
        let mut tx = self.db_mut().transaction()?;
        let added = bulk::insert_articles(&mut tx, &rows, false)?
            .iter()
            .flatten()
            .count();
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

    /// Which of `ids` are stored, in one query.
    pub fn stored_among(&self, ids: &[ArticleId]) -> Result<std::collections::HashSet<ArticleId>> {
        let keys: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        let rows = self
            .db()
            .query("SELECT id FROM articles WHERE id = ANY($1)", &[&keys])?;
        Ok(rows
            .iter()
            .filter_map(|r| ArticleId::parse(r.try_get(0).ok()?))
            .collect())
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
        if at + 1 == schema::OWN_SEARCH_WORDS {
            search_vectors_again(&mut tx)?;
        }
        tx.execute(
            "UPDATE recoupe_schema SET version = $1",
            &[&(at as i32 + 1)],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Every stored article's search vector made again ([`search_vector`]), a page at a time.
fn search_vectors_again(tx: &mut postgres::Transaction<'_>) -> Result<()> {
    let mut after = 0i64;
    loop {
        let rows = tx.query(
            "SELECT seq, title, text FROM articles WHERE seq > $1 ORDER BY seq LIMIT 1000",
            &[&after],
        )?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.try_get(0)?;
        let mut seqs = Vec::with_capacity(rows.len());
        let mut vectors = Vec::with_capacity(rows.len());
        for r in &rows {
            seqs.push(r.try_get::<_, i64>(0)?);
            vectors.push(search_vector(r.try_get(1)?, r.try_get(2)?));
        }
        tx.execute(
            "UPDATE articles a SET search = u.vector::TSVECTOR
             FROM UNNEST($1::INT8[], $2::TEXT[]) AS u(seq, vector) WHERE a.seq = u.seq",
            &[&seqs, &vectors],
        )?;
    }
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

/// The `tsvector` of an article in PostgreSQL's input syntax: the words of its title (weight A)
/// then of its text as recoupe folds them for search (`search_text`), each with its positions —
/// the very words a query is made of (`Query::to_tsquery`, cast as a `tsquery`), in every
/// script alike. Made here rather than by `to_tsvector`, whose parser cost the database half of
/// an article's insert.
pub(crate) fn search_vector(title: &str, text: &str) -> String {
    /// PostgreSQL's limits: positions up to 16,383, 256 of them per word, words under 2 kB.
    const LAST_POSITION: usize = 16_383;
    const POSITIONS: usize = 256;
    const WORD_BYTES: usize = 2_046;
    let title = searchable(recoupe_core::search::search_text(title));
    let text = searchable(recoupe_core::search::search_text(text));
    let mut order: Vec<&str> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut positions: Vec<Vec<(usize, bool)>> = Vec::new();
    let words = title
        .split(' ')
        .map(|w| (w, true))
        .chain(text.split(' ').map(|w| (w, false)))
        .filter(|(w, _)| !w.is_empty() && w.len() <= WORD_BYTES);
    for (n, (word, in_title)) in words.enumerate() {
        let position = (n + 1).min(LAST_POSITION);
        let i = *at.entry(word).or_insert_with(|| {
            order.push(word);
            positions.push(Vec::new());
            positions.len() - 1
        });
        if positions[i].len() < POSITIONS && positions[i].last().map(|p| p.0) != Some(position) {
            positions[i].push((position, in_title));
        }
    }
    let mut out = String::with_capacity(title.len() + text.len() * 2);
    for (word, positions) in order.iter().zip(&positions) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('\'');
        for c in word.chars() {
            match c {
                '\'' => out.push_str("''"),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        out.push_str("':");
        for (k, (p, in_title)) in positions.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&p.to_string());
            if *in_title {
                out.push('A');
            }
        }
    }
    out
}

/// The folded text of an article as its `tsvector` takes it: cut at [`SEARCHED_BYTES`].
pub(crate) fn searchable(s: String) -> String {
    if s.len() <= SEARCHED_BYTES {
        return s;
    }
    let mut end = SEARCHED_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}
