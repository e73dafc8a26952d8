//! recoupe's embedded store: one SQLite file (WAL journal), a schema migrated by version
//! (`PRAGMA user_version`), full-text search with FTS5.
//!
//! Writes are idempotent: an article is keyed by its content hash ([`ArticleId`]), so ingesting
//! the same article twice stores it once. Each batch is one transaction, so an interrupted ingest
//! leaves the file as it was after the last complete batch. The schema is documented in
//! docs/store.md.

use std::path::Path;

use recoupe_core::clean::Removal;
use recoupe_core::dates::DateMention;
use recoupe_core::{Analysis, ArticleId, Date, DateBasis, Diagnostic, Lang, Paragraph};

mod backend;
pub use backend::{is_postgres, Store};
mod entities;
pub use entities::EntityIndex;
mod extracted;
pub use extracted::Extracted;
mod corrections;
pub use corrections::{entity_merges, spelling_splits, Action, Correction, Finding, SpellingSplit};
mod findings;
pub use findings::serde_name;
pub mod pg;
pub use pg::PgStore;
mod rows;
mod search;
pub use search::SearchFilters;
mod stories;
use rusqlite::{params, Connection, OptionalExtension};
pub use stories::{
    Added, Placed, Prepared, StoryContents, StoryIndex, StoryOrder, StoryRow, Written,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("the placer's lease was lost (epoch {0}): another placer holds it")]
    Fenced(i64),
    #[error(
        "database was written by a newer recoupe (schema {found}, this build knows up to {known})"
    )]
    TooNew { found: i64, known: i64 },
    #[error("article id {0} matches several articles; give more digits")]
    Ambiguous(String),
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    NotFound(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The schema version that added the `quotes` and `figures` tables.
const FINDINGS_SCHEMA: i64 = 9;
/// The schema version that added the `mentions` table.
const MENTIONS_SCHEMA: i64 = 11;
/// The schema version that indexed the text again for search with FTS5's `ascii` tokenizer.
const ASCII_INDEX_SCHEMA: i64 = 12;

/// Stores of more articles than this are told of a long upgrade before it starts.
const LONG_UPGRADE: i64 = 10_000;

/// What to tell a user before the SQLite store at `path` is opened, when opening it will first
/// fill new tables from every stored article (an upgrade to schema 9, 11 or 12) and it holds
/// more than 10,000 articles: minutes a million articles, once. None otherwise, and for
/// anything that is not such a store (opening it says what is wrong).
pub fn upgrade_notice(path: &Path) -> Option<String> {
    if is_postgres(path) || !path.exists() {
        return None;
    }
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .ok()?;
    let known = MIGRATIONS.len() as i64;
    let crosses = |v: i64| found > 0 && found < v && v <= known;
    let mut what = Vec::new();
    if crosses(FINDINGS_SCHEMA) || crosses(MENTIONS_SCHEMA) {
        what.push("the findings and names of its articles become tables");
    }
    if crosses(ASCII_INDEX_SCHEMA) {
        what.push("the search index is written again");
    }
    if what.is_empty() {
        return None;
    }
    let articles: i64 = conn
        .query_row("SELECT coalesce(max(rowid), 0) FROM articles", [], |r| {
            r.get(0)
        })
        .ok()?;
    (articles > LONG_UPGRADE).then(|| {
        format!(
            "upgrading {} ({articles} articles) from schema {found} to {known}: {}, once (a few \
             minutes a million articles)",
            path.display(),
            what.join("; ")
        )
    })
}

/// The migration that makes the search index again from every article, folded for search by
/// `recoupe_search_text`, with the FTS5 tokenizer given (schemas 8 and 12).
macro_rules! folded_search_index {
    ($tokenize:literal) => {
        concat!(
            "
    DROP TRIGGER articles_ad;
    DROP TRIGGER articles_au;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='', contentless_delete=1, tokenize = ",
            $tokenize,
            "
    );
    INSERT INTO articles_fts(rowid, title, text)
        SELECT rowid, recoupe_search_text(title), recoupe_search_text(text) FROM articles ORDER BY rowid;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.rowid;
        INSERT INTO articles_fts(rowid, title, text)
            VALUES (new.rowid, recoupe_search_text(new.title), recoupe_search_text(new.text));
    END;
    "
        )
    };
}

/// The migrations, in order; the schema version is their count.
const MIGRATIONS: &[&str] = &[
    // 1: articles and their full-text index
    r#"
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        site TEXT,
        byline TEXT,
        language TEXT,
        published TEXT,
        published_basis TEXT,
        text TEXT NOT NULL,
        analysis TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize = "unicode61 remove_diacritics 2"
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    "#,
    // 2: stories as articles are placed, version links, the story index's snapshot
    r#"
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        start TEXT,
        end TEXT,
        size INTEGER NOT NULL,
        languages TEXT NOT NULL,
        sources TEXT NOT NULL,
        opened_seq INTEGER NOT NULL,
        updated_seq INTEGER NOT NULL
    );
    CREATE INDEX stories_recent ON stories(end IS NULL, end DESC, size DESC);
    CREATE INDEX stories_largest ON stories(size DESC, end DESC);
    CREATE TABLE story_members (
        article TEXT PRIMARY KEY,
        story TEXT NOT NULL,
        seq INTEGER NOT NULL,
        score REAL,
        evidence TEXT NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story, seq);
    CREATE TABLE links (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        kind TEXT NOT NULL,
        score REAL NOT NULL,
        link TEXT NOT NULL,
        PRIMARY KEY (a, b)
    );
    CREATE INDEX links_b ON links(b);
    CREATE TABLE story_index (
        part INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        bytes BLOB NOT NULL
    );
    "#,
    // 3: watched feeds (what the server said last), articles found by URL
    r#"
    CREATE INDEX articles_url ON articles(url);
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        polled_at TEXT
    );
    "#,
    // 4: story members and links keyed by the sequence number of the article that joined
    // (articles.rowid), not by its hash: a bulk load appends to them instead of writing at
    // random places of indexes that outgrow the cache; links_b was never read
    r#"
    CREATE TABLE story_members_v4 (
        seq INTEGER PRIMARY KEY,
        story TEXT NOT NULL,
        score REAL,
        evidence TEXT NOT NULL
    );
    INSERT INTO story_members_v4 (seq, story, score, evidence)
        SELECT seq, story, score, evidence FROM story_members ORDER BY seq;
    DROP TABLE story_members;
    ALTER TABLE story_members_v4 RENAME TO story_members;
    CREATE INDEX story_members_story ON story_members(story, seq);
    CREATE TABLE links_v4 (
        seq INTEGER NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        kind TEXT NOT NULL,
        score REAL NOT NULL,
        link TEXT NOT NULL,
        PRIMARY KEY (seq, b)
    );
    INSERT OR IGNORE INTO links_v4 (seq, a, b, kind, score, link)
        SELECT x.rowid, l.a, l.b, l.kind, l.score, l.link
        FROM links l JOIN articles x ON x.id = l.a ORDER BY x.rowid;
    DROP TABLE links;
    ALTER TABLE links_v4 RENAME TO links;
    "#,
    // 5: new articles are indexed for search in one statement per write, not by a trigger
    // per row: FTS5 flushes its pending terms at every statement that writes it, so a row at a
    // time made a segment per article and merged them all the time (a quarter of an ingest)
    r#"
    DROP TRIGGER articles_ai;
    "#,
    // 6: entities linked as articles are written (see entities.rs); a store of an earlier
    // schema links its articles when its index is next opened
    r#"
    CREATE TABLE entities (
        cluster INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        block INTEGER,
        mentions INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        state TEXT NOT NULL
    );
    CREATE INDEX entities_mentions ON entities(mentions DESC, name);
    CREATE INDEX entities_block ON entities(block, mentions DESC);
    CREATE TABLE entity_names (
        name TEXT NOT NULL,
        cluster INTEGER NOT NULL,
        PRIMARY KEY (name, cluster)
    ) WITHOUT ROWID;
    CREATE TABLE entity_articles (
        cluster INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (cluster, seq)
    ) WITHOUT ROWID;
    CREATE TABLE entity_spellings (
        spelling TEXT NOT NULL,
        kind TEXT NOT NULL,
        cluster INTEGER NOT NULL,
        PRIMARY KEY (spelling, kind)
    ) WITHOUT ROWID;
    CREATE TABLE entity_index (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        seq INTEGER NOT NULL
    );
    "#,
    // 7: an article's search entry changes only with its title or text: a date inferred
    // through a version (published, its basis, the analysis) leaves the index alone
    r#"
    DROP TRIGGER articles_au;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    "#,
    // 8: the search index holds each title and text as recoupe folds them for search
    // (`recoupe_core::search::search_text`: Arabic, Persian and Hebrew letter forms, ё, accents,
    // CJK one character at a time), written by the function recoupe_search_text; contentless:
    // snippets are cut from the article's own text
    folded_search_index!("\"unicode61 remove_diacritics 0\""),
    // 9: quotes and figures as tables, and views for analysts (findings.rs; docs/store.md)
    findings::MIGRATION,
    // 10: corrections and the redirects of merged stories (corrections.rs)
    corrections::MIGRATION,
    // 11: the names found, each with its entity (findings.rs; docs/store.md)
    findings::MENTIONS_MIGRATION,
    // 12: the search index tokenized by FTS5's `ascii` tokenizer: the text it reads is already
    // folded into terms separated by single spaces (`recoupe_search_text`), so a tokenizer that
    // splits on ASCII separators gives the same terms as unicode61 at a third of its cost on
    // non-Latin text (docs/BENCHMARKS.md); a word holding combining marks (Devanagari vowel
    // signs) stays one term instead of several, in the index and in queries alike
    folded_search_index!("'ascii'"),
];

/// An article as stored, read back as typed values.
#[derive(Clone, Debug)]
pub struct StoredArticle {
    pub id: ArticleId,
    pub source: String,
    pub title: String,
    pub language: Option<Lang>,
    pub published: Option<Date>,
    pub published_basis: Option<DateBasis>,
    pub text: String,
    /// What the row keeps beside its columns (the `analysis` column).
    pub kept: Kept,
    /// Order of arrival in the store (`rowid`).
    pub seq: i64,
}

/// The fields of an analysis stored beside the columns (the `analysis` column): those the cleaned
/// text cannot give again — URL, site, byline, what the publication date rests on, the update
/// date, the paragraphs, what cleaning removed and why, the date mentions (found on the whole
/// page, captions included), the diagnostics, and the names, figures and quotes found
/// ([`Extracted`]: spans into the stored text, about a fifth of a row; whole, as the report
/// writes them, they tripled it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kept {
    pub url: Option<String>,
    pub site: Option<String>,
    pub byline: Option<String>,
    pub published_evidence: Option<String>,
    pub updated: Option<Date>,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removal>,
    /// `None` in a store written before the date mentions were kept: found again on reading.
    pub dates: Option<Vec<DateMention>>,
    /// An article whose date was inferred after it was placed (from a dated version of it):
    /// the date mentions it had when it was placed, undated (`dates` is then found again
    /// against the inferred date). `None` for any other, and in a row inferred before they
    /// were kept.
    pub dates_as_placed: Option<Vec<DateMention>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The names, figures and quotes found at ingest; `None` in a row written before they
    /// were kept: extracted again on reading.
    pub extracted: Option<Extracted>,
}

impl Kept {
    /// Reads the `analysis` column. Each field is read on its own: one that a store of another
    /// version wrote differently is left empty, never the whole row. A store written before
    /// schema 4 holds the whole article object of the report here, which reads the same way.
    pub fn parse(json: &str, text: &str) -> Kept {
        let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
        fn field<T: serde::de::DeserializeOwned>(v: &serde_json::Value, key: &str) -> Option<T> {
            v.get(key)
                .and_then(|f| serde_json::from_value(f.clone()).ok())
        }
        let in_text = |start: usize, end: usize| {
            start <= end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
        };
        let paragraphs: Vec<Paragraph> = field(&value, "paragraphs").unwrap_or_default();
        let dates: Option<Vec<DateMention>> = field(&value, "dates");
        let dates_as_placed: Option<Vec<DateMention>> = field(&value, "dates_as_placed");
        let within =
            |d: Vec<DateMention>| d.into_iter().filter(|d| in_text(d.start, d.end)).collect();
        Kept {
            url: field(&value, "url").flatten(),
            site: field(&value, "site").flatten(),
            byline: field(&value, "byline").flatten(),
            published_evidence: field(&value, "published_evidence").flatten(),
            updated: field(&value, "updated").flatten(),
            paragraphs: paragraphs
                .into_iter()
                .filter(|p| in_text(p.start, p.end))
                .collect(),
            removed: field(&value, "removed").unwrap_or_default(),
            dates: dates.map(within),
            dates_as_placed: dates_as_placed.map(within),
            diagnostics: field(&value, "diagnostics").unwrap_or_default(),
            extracted: field(&value, "extracted"),
        }
    }
}

/// The `analysis` column of an article: [`Kept`], written from the analysis without copying it.
pub fn kept_json(analysis: &Analysis) -> String {
    #[derive(serde::Serialize, schemars::JsonSchema)]
    struct Kept<'a> {
        url: &'a Option<String>,
        site: &'a Option<String>,
        byline: &'a Option<String>,
        published_evidence: &'a Option<String>,
        updated: Option<String>,
        paragraphs: &'a [Paragraph],
        removed: &'a [Removal],
        dates: &'a [DateMention],
        diagnostics: &'a [Diagnostic],
        extracted: Extracted,
    }
    serde_json::to_string(&Kept {
        url: &analysis.url,
        site: &analysis.site,
        byline: &analysis.byline,
        published_evidence: &analysis.published_evidence,
        updated: analysis.updated.map(|d| d.to_string()),
        paragraphs: &analysis.paragraphs,
        removed: &analysis.removed,
        dates: &analysis.dates,
        diagnostics: &analysis.diagnostics,
        extracted: Extracted::of(analysis),
    })
    .unwrap_or_else(|_| "{}".into())
}

impl StoredArticle {
    /// The analysis again, whole, as the ingest that wrote the row made it: the stored fields
    /// and findings (their entity ids are in the entity tables). A row written before the
    /// findings were kept has its names, figures and quotes extracted again from its text.
    pub fn analysis(&self) -> Analysis {
        let kept = &self.kept;
        let mut analysis = Analysis::new(
            self.id,
            self.source.clone(),
            self.title.clone(),
            self.text.clone(),
        );
        analysis.url = kept.url.clone();
        analysis.site = kept.site.clone();
        analysis.byline = kept.byline.clone();
        analysis.language = self.language;
        analysis.published = self.published;
        analysis.published_basis = self.published_basis;
        analysis.published_evidence = kept.published_evidence.clone();
        analysis.updated = kept.updated;
        analysis.paragraphs = kept.paragraphs.clone();
        analysis.removed = kept.removed.clone();
        analysis.diagnostics = kept.diagnostics.clone();
        // the date mentions as found on the whole page; found again in the text when missing
        analysis.dates = match &kept.dates {
            Some(dates) => dates.clone(),
            None => {
                let tokens = recoupe_core::token::tokenize(&analysis.text);
                recoupe_core::dates::date_mentions(&analysis.text, &tokens, analysis.published)
            }
        };
        match &kept.extracted {
            Some(extracted) => extracted.clone().fill(&mut analysis),
            None => recoupe_core::extract(&mut analysis),
        }
        analysis
    }

    /// The analysis as the story index placed it, which a replay of the index must place again:
    /// an article whose date was inferred afterwards (from a dated version of it) was placed
    /// undated, its date mentions found without a date. [`StoredArticle::analysis`] for any
    /// other.
    pub fn analysis_as_placed(&self) -> Analysis {
        if self.published_basis != Some(DateBasis::Inferred) {
            return self.analysis();
        }
        let mut undated = self.clone();
        undated.published = None;
        undated.published_basis = None;
        undated.kept.published_evidence = None;
        undated.kept.dates = undated.kept.dates_as_placed.take();
        undated.analysis()
    }

    /// The article object of the JSON report (docs/json.md), as `recoupe analyze --json` gives
    /// it.
    pub fn report(&self) -> serde_json::Value {
        serde_json::to_value(self.analysis()).unwrap_or_default()
    }
}

/// The columns [`row_to_article`] reads, in its order.
pub(crate) const ARTICLE_COLUMNS: &str =
    "id, source, title, language, published, published_basis, text, analysis, rowid";

/// A full-text hit: the article and a snippet with the matched words in [brackets]. Serialises
/// to the hit object of `recoupe search --json` and `GET /api/articles?q=` (docs/json.md).
#[derive(Clone, Debug, serde::Serialize, schemars::JsonSchema)]
pub struct SearchHit {
    pub id: ArticleId,
    pub title: String,
    pub language: Option<Lang>,
    pub published: Option<Date>,
    pub snippet: String,
}

pub struct SqliteStore {
    pub(crate) conn: Connection,
    /// Sequence number of the last article this connection wrote (for the index snapshot).
    pub(crate) last_seq: i64,
    /// Articles this connection found stored by another writer after they were placed.
    pub(crate) conflicts: usize,
    /// A batch's transaction is open ([`SqliteStore::write_placed_part`]), and the last article
    /// indexed for search: the batch's articles are indexed a few hundred at a time, the rest
    /// when it ends.
    pub(crate) in_batch: Option<i64>,
    /// The rows of the open batch not indexed for search yet, with their title and text as
    /// folded for search.
    pub(crate) unindexed: Vec<(i64, [String; 2])>,
}

impl SqliteStore {
    /// Opens (creating if needed) the store at `path`, and migrates it.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        // SQLite answers "busy" at once, without waiting, when two connections would otherwise
        // wait on each other (two processes turning a new file to WAL, or migrating it): the
        // open is tried again, for up to about two seconds
        let mut attempts = 0;
        loop {
            match SqliteStore::open_once(path) {
                Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && attempts < 100 =>
                {
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                opened => return opened,
            }
        }
    }

    fn open_once(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path)?;
        // first: another process may hold the file (turning it to WAL, migrating it)
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // a new file only (SQLite ignores it once the file has pages)
        conn.pragma_update(None, "page_size", 16_384)?;
        // WAL: readers never block the writer; synchronous=FULL: a committed batch survives a
        // power cut, not only a crash of recoupe (see docs/store.md).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 256 MB of page cache (SQLite's default is 2 MB): the primary keys of articles, story
        // members and links are hashes, so inserts land on random pages of indexes that grow
        // past any small cache (measured: 0.50 ms per article at 10k, 0.86 at 400k with 2 MB)
        conn.pragma_update(None, "cache_size", -262_144)?;
        SqliteStore::migrate(conn)
    }

    /// For one pass over whole tables (an export): an 8 MB page cache instead of 256 MB, since
    /// no page is read twice, so the process stays small whatever the size of the store.
    pub fn scanning(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -8_192)?;
        Ok(())
    }

    /// For a bulk load that can be run again (`recoupe ingest` of files): `synchronous=NORMAL`.
    /// In WAL mode a crash of recoupe or of the machine still leaves a consistent file; a power
    /// cut may lose the last batches committed before it, which running the same ingest again
    /// adds back (nothing is duplicated). Articles sent to the server keep `FULL`.
    pub fn bulk(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// A store that lives in memory only (for `recoupe analyze` without `--db`).
    pub fn in_memory() -> Result<SqliteStore> {
        SqliteStore::migrate(Connection::open_in_memory()?)
    }

    fn migrate(mut conn: Connection) -> Result<SqliteStore> {
        // the search index is written through this function, in migrations and triggers too
        search::register(&conn)?;
        let known = MIGRATIONS.len() as i64;
        let version = |conn: &Connection| -> Result<i64> {
            Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
        };
        let found = version(&conn)?;
        if version(&conn)? > known {
            return Err(StoreError::TooNew {
                found: version(&conn)?,
                known,
            });
        }
        if found < known {
            // every migration missing in one transaction (one commit, a store is never left
            // half migrated); the version is read again under the write lock: another process
            // opening the same new file may have migrated it meanwhile
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let from = version(&tx)?.max(0);
            for at in from..known {
                if let Some(migration) = MIGRATIONS.get(at as usize) {
                    tx.execute_batch(migration)?;
                }
                // a store of articles without the findings' tables: filled in the same
                // transaction
                if at == FINDINGS_SCHEMA - 1 && found > 0 {
                    findings::backfill(&tx)?;
                }
                if at == MENTIONS_SCHEMA - 1 && found > 0 {
                    findings::backfill_mentions(&tx)?;
                }
            }
            if from < known {
                tx.pragma_update(None, "user_version", known)?;
            }
            tx.commit()?;
        }
        Ok(SqliteStore {
            conn,
            last_seq: 0,
            conflicts: 0,
            in_batch: None,
            unindexed: Vec::new(),
        })
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// Stores a batch in one transaction; returns how many were new (the rest were already
    /// there, by content hash).
    pub fn put_articles(&mut self, articles: &[Analysis]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let from = stories::last_seq(&tx)?;
            let mut insert = tx.prepare_cached(stories::INSERT_ARTICLE)?;
            for article in articles {
                if stories::insert_article(&mut insert, article, &kept_json(article))? == 1 {
                    let seq = tx.last_insert_rowid();
                    findings::write_findings(&tx, seq, article)?;
                    findings::write_mentions(&tx, seq, article, false)?;
                    added += 1;
                }
            }
            stories::index_text_after(&tx, from)?;
        }
        tx.commit()?;
        Ok(added)
    }

    pub fn count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |row| {
                row.get::<_, i64>(0)
            })? as usize)
    }

    /// All articles, newest first (undated last), then by title.
    pub fn articles(&self, limit: usize) -> Result<Vec<StoredArticle>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles
             ORDER BY published IS NULL, published DESC, title LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], row_to_article)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The article whose id is `id` or starts with it.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let id = id.trim().to_ascii_lowercase();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id >= ?1 AND id < ?2 LIMIT 2"
        ))?;
        let upper = format!("{id}g"); // 'g' sorts after every hex digit
        let found = stmt
            .query_map(params![id, upper], row_to_article)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match found.len() {
            0 => Ok(None),
            1 => Ok(found.into_iter().next()),
            _ => Err(StoreError::Ambiguous(id)),
        }
    }

    pub fn contains(&self, id: ArticleId) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM articles WHERE id = ?1",
                [id.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Whether an article with this URL is stored (a watched feed's item already fetched).
    pub fn has_url(&self, url: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM articles WHERE url = ?1 LIMIT 1",
                [url],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// What a feed's server said last time: (ETag, Last-Modified).
    pub fn feed_validators(&self, url: &str) -> Result<(Option<String>, Option<String>)> {
        Ok(self
            .conn
            .query_row(
                "SELECT etag, last_modified FROM feeds WHERE url = ?1",
                [url],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?
            .unwrap_or((None, None)))
    }

    /// Records a poll of a feed and the validators to send next time.
    pub fn save_feed(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO feeds (url, etag, last_modified, polled_at)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
             ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, polled_at = excluded.polled_at",
            params![url, etag, last_modified],
        )?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }
}

pub(crate) fn row_to_article(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredArticle> {
    let text: String = row.get(6)?;
    let kept: String = row.get(7)?;
    let language: Option<String> = row.get(3)?;
    let published: Option<String> = row.get(4)?;
    let basis: Option<String> = row.get(5)?;
    Ok(StoredArticle {
        id: article_id(row, 0)?,
        source: row.get(1)?,
        title: row.get(2)?,
        language: language.as_deref().and_then(Lang::parse),
        published: published.as_deref().and_then(Date::parse_iso),
        published_basis: basis.as_deref().and_then(DateBasis::parse),
        kept: Kept::parse(&kept, &text),
        text,
        seq: row.get(8)?,
    })
}

/// An article id column: a row whose id is not one recoupe wrote is a corrupt store.
pub(crate) fn article_id(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<ArticleId> {
    let text: String = row.get(column)?;
    ArticleId::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("not an article id: {text:?}").into(),
        )
    })
}

/// Each word becomes a quoted FTS5 string (so `AND`, `NEAR`, `"` or `-` in user input are plain
/// text); a trailing `*` is kept as a prefix query.
#[cfg(test)]
mod tests {
    use super::*;
    use recoupe_core::{analyze, RawArticle};

    fn article(title: &str, body: &str) -> Analysis {
        analyze(&RawArticle {
            source: "t".into(),
            title: title.into(),
            body: body.into(),
            ..RawArticle::default()
        })
    }

    #[test]
    fn same_article_twice_is_stored_once() {
        let mut store = SqliteStore::in_memory().unwrap();
        let a = article(
            "Titre",
            "Le gouvernement a annoncé une réforme des retraites ce mardi.",
        );
        assert_eq!(store.put_articles(std::slice::from_ref(&a)).unwrap(), 1);
        assert_eq!(store.put_articles(std::slice::from_ref(&a)).unwrap(), 0);
        assert_eq!(store.count().unwrap(), 1);
        let found = store.article(&a.id.to_string()[..6]).unwrap().unwrap();
        assert_eq!(found.title, "Titre");
    }

    #[test]
    fn a_word_in_more_articles_than_are_ranked_finds_the_best_of_the_latest() {
        let mut store = SqliteStore::in_memory().unwrap();
        // the first stored says "harbour" most: the best match of all
        let mut articles = vec![article(
            "Harbour, harbour, harbour",
            "The harbour of Tarvik: harbour works, harbour fees and the harbour master.",
        )];
        for town in ["Osvik", "Malden", "Brask", "Lunde"] {
            articles.push(article(
                &format!("News from {town}"),
                &format!("The council of {town} met on Monday; the harbour was mentioned once."),
            ));
        }
        for a in &articles {
            store.put_articles(std::slice::from_ref(a)).unwrap();
        }
        let query = recoupe_core::search::Query::parse("harbour");
        let filters = SearchFilters::default();
        let all = store.search_ranking(&query, &filters, 10, 100).unwrap();
        assert_eq!(all.len(), 5);
        assert_eq!(
            all[0].id, articles[0].id,
            "ranked among all: the best first"
        );
        let latest = store.search_ranking(&query, &filters, 10, 3).unwrap();
        let ids: Vec<ArticleId> = latest.iter().map(|h| h.id).collect();
        let mut expected: Vec<ArticleId> = articles[2..].iter().map(|a| a.id).collect();
        let mut found = ids.clone();
        found.sort();
        expected.sort();
        assert_eq!(found, expected, "the latest three stored, ranked");
    }

    #[test]
    fn search_works_in_three_scripts_and_ignores_operators() {
        let mut store = SqliteStore::in_memory().unwrap();
        store
            .put_articles(&[
                article(
                    "Alep",
                    "Les rebelles tiennent toujours la partie est d'Alep, selon l'Observatoire.",
                ),
                article(
                    "Москва",
                    "Министр иностранных дел Сергей Лавров заявил о переговорах в Женеве.",
                ),
                article(
                    "حلب",
                    "قالت المعارضة السورية إنها لن تنسحب من حلب رغم القصف.",
                ),
            ])
            .unwrap();
        assert_eq!(store.search("alep", 10).unwrap().len(), 1);
        assert_eq!(store.search("Лавров", 10).unwrap().len(), 1);
        assert_eq!(store.search("حلب", 10).unwrap().len(), 1);
        assert!(store.search("observatoire", 10).unwrap()[0]
            .snippet
            .contains("[Observatoire]"));
        assert!(store.search("\" AND NEAR( -", 10).unwrap().is_empty());
        assert_eq!(store.search("Лавр*", 10).unwrap().len(), 1);
    }

    #[test]
    fn reopening_a_file_keeps_articles_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        {
            let mut store = SqliteStore::open(&path).unwrap();
            store
                .put_articles(&[article(
                    "A",
                    "Un texte assez long pour compter comme article.",
                )])
                .unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.count().unwrap(), 1);
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn a_stored_article_reads_back_typed_with_what_cleaning_removed() {
        let mut store = SqliteStore::in_memory().unwrap();
        let mut raw = RawArticle {
            source: "t".into(),
            title: "Crue de la Durance".into(),
            body: "Partager\n\nLa Durance est sortie de son lit mardi 3 mars 2026 à Cavaillon, \
                   où 200 habitants ont été évacués.\n\nLire aussi : la sécheresse de l'été"
                .into(),
            url: Some("https://example.org/crue".into()),
            ..RawArticle::default()
        };
        raw.diagnostics
            .push(Diagnostic::new("ingest", "charset guessed"));
        let mut analysis = analyze(&raw);
        recoupe_core::extract(&mut analysis);
        assert!(!analysis.removed.is_empty(), "{:?}", analysis.removed);
        store.put_articles(std::slice::from_ref(&analysis)).unwrap();
        let stored = store.article(&analysis.id.to_string()).unwrap().unwrap();
        assert_eq!(stored.id, analysis.id);
        assert_eq!(stored.language, analysis.language);
        assert_eq!(stored.published, analysis.published);
        assert_eq!(stored.published_basis, analysis.published_basis);
        assert_eq!(stored.kept.url.as_deref(), Some("https://example.org/crue"));
        let again = stored.analysis();
        let reasons = |a: &Analysis| {
            a.removed
                .iter()
                .map(|r| (r.reason, r.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(reasons(&again), reasons(&analysis));
        assert_eq!(again.diagnostics, analysis.diagnostics);
        assert_eq!(again.paragraphs, analysis.paragraphs);
        assert_eq!(again.dates, analysis.dates);
        // the findings of the ingest come back as they were made
        assert_eq!(again.figures.len(), 1, "{:?}", again.figures);
        assert_eq!(again.figures, analysis.figures);
        assert_eq!(again.entities, analysis.entities);
        assert!(again.entities.iter().any(|m| m.text == "Cavaillon"));
    }

    /// What the extraction found is read from the row, not made again: a row whose text no
    /// longer says what its findings point at keeps the findings (within the text), and a row
    /// written before they were kept has them extracted from its text.
    #[test]
    fn findings_are_read_from_the_row_and_extracted_only_for_rows_that_predate_them() {
        let mut store = SqliteStore::in_memory().unwrap();
        let raw = RawArticle {
            source: "t".into(),
            title: "Пожар в Самаре".into(),
            body: "В среду в Самаре сгорел склад, сообщил губернатор Иван Петров. «Пострадавших нет», \
                   — сказал он. Огонь охватил 1200 квадратных метров."
                .into(),
            ..RawArticle::default()
        };
        let mut analysis = analyze(&raw);
        recoupe_core::extract(&mut analysis);
        assert!(!analysis.quotes.is_empty(), "{:#?}", analysis.quotes);
        assert!(!analysis.figures.is_empty(), "{:#?}", analysis.figures);
        store.put_articles(std::slice::from_ref(&analysis)).unwrap();
        let id = analysis.id.to_string();
        let again = store.article(&id).unwrap().unwrap().analysis();
        assert_eq!(again.entities, analysis.entities);
        assert_eq!(again.quotes, analysis.quotes);
        assert_eq!(again.figures, analysis.figures);

        // the row's findings, not the text's: a name dropped from the row stays dropped
        let kept: String = store
            .conn
            .query_row("SELECT analysis FROM articles", [], |r| r.get(0))
            .unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&kept).unwrap();
        let names = value["extracted"]["m"].as_array_mut().unwrap();
        let before = names.len();
        names.remove(0);
        // and a finding pointing outside the text is dropped, not the row
        value["extracted"]["f"][0]["e"] = serde_json::json!(1_000_000);
        store
            .conn
            .execute("UPDATE articles SET analysis = ?1", [value.to_string()])
            .unwrap();
        let edited = store.article(&id).unwrap().unwrap().analysis();
        assert_eq!(edited.entities.len(), before - 1);
        assert_eq!(edited.figures.len(), analysis.figures.len() - 1);
        assert_eq!(edited.quotes, analysis.quotes);

        // a row from before the findings were kept: extracted from its text on reading
        value.as_object_mut().unwrap().remove("extracted");
        store
            .conn
            .execute("UPDATE articles SET analysis = ?1", [value.to_string()])
            .unwrap();
        let legacy = store.article(&id).unwrap().unwrap().analysis();
        assert_eq!(legacy.entities, analysis.entities);
        assert_eq!(legacy.quotes, analysis.quotes);
        assert_eq!(legacy.figures, analysis.figures);
    }

    #[test]
    fn a_kept_field_written_otherwise_is_left_empty_alone() {
        let text = "Un texte.";
        let kept = Kept::parse(
            r#"{"url": "https://example.org/a", "paragraphs": "not a list",
                "diagnostics": [{"stage": "a stage from elsewhere", "message": "m"}],
                "dates": [{"value": null, "text": "mardi", "start": 3, "end": 900}]}"#,
            text,
        );
        assert_eq!(kept.url.as_deref(), Some("https://example.org/a"));
        assert!(kept.paragraphs.is_empty());
        assert_eq!(kept.diagnostics, [Diagnostic::new("other", "m")]);
        assert_eq!(
            kept.dates,
            Some(Vec::new()),
            "a mention outside the text is dropped"
        );
        assert_eq!(Kept::parse("not json", text), Kept::default());
    }
}
