//! What the analysis found in each article, as tables an analyst can query with plain SQL
//! (sqlite3, Datasette, a notebook): `quotes`, `figures` and the names (`mentions`, each with
//! the entity the linker gave it), written with the article in the same transaction, and the
//! views that read naturally (`quotes_by_speaker`, `figures_by_story`, `articles_by_entity`,
//! `mentions_by_entity`; docs/store.md). The article's row keeps them too
//! (`analysis`): these tables are for reading, the row is what the pipeline reads back.

use recoupe_core::Analysis;
use rusqlite::{params, Connection, OptionalExtension};

use crate::{row_to_article, Result, ARTICLE_COLUMNS};

/// Writes the quotes (direct, partial and indirect speech) and the figures of the article
/// stored as `seq`.
pub(crate) fn write_findings(conn: &Connection, seq: i64, article: &Analysis) -> Result<()> {
    let mut quote = conn.prepare_cached(
        "INSERT OR REPLACE INTO quotes (seq, n, kind, speaker, speaker_key, words, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (n, q) in article
        .quotes
        .iter()
        .chain(&article.reported_speech)
        .enumerate()
    {
        let speaker = q.speaker_name.clone().or_else(|| q.speaker_text.clone());
        quote.execute(params![
            seq,
            n as i64,
            serde_name(&q.kind),
            speaker,
            speaker.as_ref().map(|s| s.to_lowercase()),
            q.text,
            q.start as i64,
            q.end as i64,
        ])?;
    }
    let mut figure = conn.prepare_cached(
        "INSERT OR REPLACE INTO figures
             (seq, n, kind, value, unit, counts, qualifier, bound, text, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (n, f) in article.figures.iter().enumerate() {
        figure.execute(params![
            seq,
            n as i64,
            f.kind.as_str(),
            f.value,
            f.unit,
            f.counts,
            f.qualifier,
            serde_name(&f.bound),
            f.text,
            f.start as i64,
            f.end as i64,
        ])?;
    }
    Ok(())
}

/// Writes the names found in the article stored as `seq`, the text's then the title's: each
/// with the entity (`entities.cluster`) the store's linker gave it when `linked` (the mentions
/// carry their cluster's number then), else the entity that has its spelling and is linked to
/// the article (the most mentioned such), if any.
pub(crate) fn write_mentions(
    conn: &Connection,
    seq: i64,
    article: &Analysis,
    linked: bool,
) -> Result<()> {
    let mut mention = conn.prepare_cached(
        "INSERT OR REPLACE INTO mentions (seq, n, in_title, kind, text, cluster, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    // the entity that has the spelling and is linked to the article, else the most mentioned
    // that has it
    let mut spelled = conn.prepare_cached(
        "SELECT n.cluster FROM entity_names n WHERE n.name = ?1
         ORDER BY EXISTS (SELECT 1 FROM entity_articles x WHERE x.cluster = n.cluster AND x.seq = ?2) DESC,
                  (SELECT e.mentions FROM entities e WHERE e.cluster = n.cluster) DESC
         LIMIT 1",
    )?;
    let all = article
        .entities
        .iter()
        .map(|m| (false, m))
        .chain(article.title_entities.iter().map(|m| (true, m)));
    for (n, (in_title, m)) in all.enumerate() {
        let cluster: Option<i64> = if linked {
            m.entity.map(|e| e.0 as i64)
        } else {
            spelled
                .query_row(params![m.text.to_lowercase(), seq], |r| r.get(0))
                .optional()?
        };
        mention.execute(params![
            seq,
            n as i64,
            in_title,
            m.kind.as_str(),
            m.text,
            cluster,
            m.start as i64,
            m.end as i64,
        ])?;
    }
    Ok(())
}

/// Fills the `mentions` table for the articles a store held before it existed (schema 11),
/// each name given the entity that has its spelling and is linked to the article.
pub(crate) fn backfill_mentions(conn: &Connection) -> Result<()> {
    each_stored(conn, |seq, analysis| {
        write_mentions(conn, seq, analysis, false)
    })
}

/// Fills the tables for the articles a store held before they existed (schema 9), in one
/// pass over the articles.
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    each_stored(conn, |seq, analysis| write_findings(conn, seq, analysis))
}

/// Calls `write` with each stored article's sequence number and analysis, in order.
fn each_stored(
    conn: &Connection,
    mut write: impl FnMut(i64, &Analysis) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY rowid"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let stored = row_to_article(row)?;
        write(stored.seq, &stored.analysis())?;
    }
    Ok(())
}

/// The name serde gives a value of one of the core's enums ("direct", "min", "translation"),
/// as the JSON report writes it: for the tables and the exports.
pub fn serde_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Schema 11: the names found, each with its entity, and a view by entity.
pub(crate) const MENTIONS_MIGRATION: &str = r#"
    CREATE TABLE mentions (
        seq INTEGER NOT NULL,        -- articles.rowid
        n INTEGER NOT NULL,          -- its place among the article's names (the text's, then the title's)
        in_title INTEGER NOT NULL,   -- 1: start and end are offsets into articles.title
        kind TEXT NOT NULL,          -- person, organization, place, other
        text TEXT NOT NULL,          -- as written
        cluster INTEGER,             -- entities.cluster: the entity the linker gave it
        start INTEGER NOT NULL,      -- byte offsets into articles.text (or title)
        end INTEGER NOT NULL,
        PRIMARY KEY (seq, n)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_cluster ON mentions(cluster);
    CREATE VIEW mentions_by_entity AS
    SELECT e.id AS entity, e.name, m.kind AS type, m.text, m.in_title, a.id AS article,
           a.language, a.published, s.story, m.start, m.end
    FROM mentions m JOIN articles a ON a.rowid = m.seq
    LEFT JOIN entities e ON e.cluster = m.cluster
    LEFT JOIN story_members s ON s.seq = m.seq
    ORDER BY e.mentions DESC, e.id, a.published, m.seq, m.n;
"#;

/// Schema 9: the tables and their views.
pub(crate) const MIGRATION: &str = r#"
    CREATE TABLE quotes (
        seq INTEGER NOT NULL,        -- articles.rowid
        n INTEGER NOT NULL,          -- its place among the article's quotes
        kind TEXT NOT NULL,          -- direct, partial, indirect
        speaker TEXT,                -- the fullest name the article gives, else the words naming the speaker
        speaker_key TEXT,            -- speaker lowercased, as entity_names keys names
        words TEXT NOT NULL,
        start INTEGER NOT NULL,      -- byte offsets into articles.text
        end INTEGER NOT NULL,
        PRIMARY KEY (seq, n)
    ) WITHOUT ROWID;
    CREATE INDEX quotes_speaker ON quotes(speaker_key);
    CREATE TABLE figures (
        seq INTEGER NOT NULL,
        n INTEGER NOT NULL,
        kind TEXT NOT NULL,          -- people, percent, money, distance, duration, quantity, count
        value REAL NOT NULL,
        unit TEXT,
        counts TEXT,
        qualifier TEXT,
        bound TEXT NOT NULL,         -- exact, min, max, about
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (seq, n)
    ) WITHOUT ROWID;
    CREATE TRIGGER findings_ad AFTER DELETE ON articles BEGIN
        DELETE FROM quotes WHERE seq = old.rowid;
        DELETE FROM figures WHERE seq = old.rowid;
    END;
    CREATE VIEW quotes_by_speaker AS
    SELECT q.speaker,
           (SELECT e.id FROM entity_names x JOIN entities e ON e.cluster = x.cluster
            WHERE x.name = q.speaker_key ORDER BY e.mentions DESC LIMIT 1) AS speaker_entity,
           q.kind, q.words, a.id AS article, a.language, a.published, a.title, m.story,
           q.start, q.end
    FROM quotes q JOIN articles a ON a.rowid = q.seq
    LEFT JOIN story_members m ON m.seq = q.seq
    ORDER BY q.speaker_key, a.published, q.seq, q.n;
    CREATE VIEW figures_by_story AS
    SELECT m.story, f.kind, f.value, f.unit, f.counts, f.qualifier, f.bound, f.text,
           a.id AS article, a.language, a.published, a.title, f.start, f.end
    FROM figures f JOIN articles a ON a.rowid = f.seq
    LEFT JOIN story_members m ON m.seq = f.seq
    ORDER BY m.story, f.kind, a.published, f.seq, f.n;
    CREATE VIEW articles_by_entity AS
    SELECT e.id AS entity, e.name, e.kind AS type, a.id AS article, a.language, a.published,
           a.title, m.story
    FROM entity_articles x JOIN entities e ON e.cluster = x.cluster
    JOIN articles a ON a.rowid = x.seq
    LEFT JOIN story_members m ON m.seq = x.seq
    ORDER BY e.mentions DESC, e.id, a.published;
"#;
