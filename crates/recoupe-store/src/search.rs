//! Full-text search over the stored articles: an FTS5 index of each title and text in the form
//! `recoupe_core::search::search_text` gives (folded letters, CJK one character at a time),
//! written by the SQL function `recoupe_search_text` that every connection of the store has;
//! queries parsed by `recoupe_core::search::Query`, filtered by language, dates, source, story
//! and entity, ranked by BM25 with the title counting three times, each hit with a snippet cut
//! from the article's own text.

use recoupe_core::search::{search_text, snippet, Query};
use recoupe_core::{Date, EntityId, Lang, StoryId};
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OptionalExtension};

use crate::{article_id, Result, SearchHit, SqliteStore};

/// A search with filters: each match joined to its article row for them, then ranked (all
/// of them: `?9` is 0).
const FILTERED: &str = "SELECT a.id, a.title, a.language, a.published, a.text
             FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
             WHERE articles_fts MATCH ?1 AND articles_fts.rowid >= ?9
               AND (?2 IS NULL OR a.language = ?2)
               AND (?3 IS NULL OR a.published >= ?3)
               AND (?4 IS NULL OR a.published <= ?4)
               AND (?5 IS NULL OR lower(coalesce(a.site, '')) LIKE ?5 OR lower(a.source) LIKE ?5)
               AND (?6 IS NULL OR a.rowid IN (SELECT seq FROM story_members WHERE story = ?6))
               AND (?7 IS NULL OR a.rowid IN (SELECT e.seq FROM entity_articles e
                                              JOIN entities x ON x.cluster = e.cluster
                                              WHERE x.id IN (SELECT value FROM json_each(?7))))
             ORDER BY bm25(articles_fts, 3.0, 1.0) LIMIT ?8";

/// The entities of a filter as a JSON array of ids (what `json_each` reads); `None` for none.
fn entity_list(entities: &[EntityId]) -> Option<String> {
    (!entities.is_empty()).then(|| {
        let ids: Vec<String> = entities.iter().map(|e| e.to_string()).collect();
        serde_json::to_string(&ids).unwrap_or_default()
    })
}

/// Most matches of a search without filters ranked by BM25: a query that matches more (a
/// common word in a large store) ranks the latest stored this many. Ranking scores every match
/// it is given, and at 1M articles a common word matches tens of thousands (p99 92–122 ms for
/// a one-word query, against a goal of 50 ms); news searched for is mostly recent.
pub const RANKED_MATCHES: usize = 10_000;

/// Words of a hit's snippet.
pub(crate) const SNIPPET_WORDS: usize = 24;

/// Gives the connection the function the search index is written with.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "recoupe_search_text",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(text.map(|t| search_text(&t)))
        },
    )
}

/// What a search keeps to (every field optional).
#[derive(Clone, Debug, Default)]
pub struct SearchFilters {
    pub language: Option<Lang>,
    /// Published on or after.
    pub since: Option<Date>,
    /// Published on or before.
    pub until: Option<Date>,
    /// A part of the site's name or of the source (a file path, a feed URL), any case.
    pub source: Option<String>,
    pub story: Option<StoryId>,
    /// Keep to the articles that name one of these entities (an entity and those a desk
    /// merged into it); none: no such filter.
    pub entities: Vec<EntityId>,
}

impl SqliteStore {
    /// The articles that match `query` (plain words, `word*` for a prefix), best first, at most
    /// `limit`, each with a snippet.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_with(&Query::parse(query), &SearchFilters::default(), limit)
    }

    /// The articles that match `query` and `filters`, best first, at most `limit`.
    pub fn search_with(
        &self,
        query: &Query,
        filters: &SearchFilters,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        self.search_ranking(query, filters, limit, RANKED_MATCHES)
    }

    /// [`SqliteStore::search_with`], a search without filters ranking at most `ranked` matches.
    pub(crate) fn search_ranking(
        &self,
        query: &Query,
        filters: &SearchFilters,
        limit: usize,
        ranked: usize,
    ) -> Result<Vec<SearchHit>> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let unfiltered = filters.language.is_none()
            && filters.since.is_none()
            && filters.until.is_none()
            && filters.source.is_none()
            && filters.story.is_none()
            && filters.entities.is_empty();
        // without filters the index alone ranks, and only the best rows are read: joining each
        // match to its article row first read the text of every article a common word is in
        // (p99 550 ms at 1M articles)
        let fts = query.to_fts5();
        // the matches ranked: all of them, or the latest RANKED_MATCHES stored (rowids grow as
        // articles are stored; the index walks a match list backwards without scoring it)
        let mut from_row: i64 = 0;
        if unfiltered {
            let mut probe = self.conn.prepare_cached(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
            )?;
            if let Some(row) = probe
                .query_row(params![fts, ranked.saturating_sub(1) as i64], |r| r.get(0))
                .optional()?
            {
                from_row = row;
            }
        }
        let sql = if unfiltered {
            "SELECT a.id, a.title, a.language, a.published, a.text
             FROM (SELECT rowid, bm25(articles_fts, 3.0, 1.0) AS rank FROM articles_fts
                   WHERE articles_fts MATCH ?1 AND rowid >= ?9 ORDER BY rank LIMIT ?8) f
             JOIN articles a ON a.rowid = f.rowid
             WHERE ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL
             ORDER BY f.rank"
        } else {
            FILTERED
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let source = filters.source.as_ref().map(|s| {
            let escaped = s.to_lowercase().replace(['%', '_'], "");
            format!("%{escaped}%")
        });
        let wanted = query.wanted();
        let rows = stmt.query_map(
            params![
                fts,
                filters.language.map(|l| l.to_string()),
                filters.since.map(|d| d.to_string()),
                filters.until.map(|d| d.to_string()),
                source,
                filters.story.map(|s| s.to_string()),
                entity_list(&filters.entities),
                limit.min(i64::MAX as usize) as i64,
                from_row,
            ],
            |row| {
                let text: String = row.get(4)?;
                Ok(SearchHit {
                    id: article_id(row, 0)?,
                    title: row.get(1)?,
                    language: row
                        .get::<_, Option<String>>(2)?
                        .as_deref()
                        .and_then(Lang::parse),
                    published: row
                        .get::<_, Option<String>>(3)?
                        .as_deref()
                        .and_then(Date::parse_iso),
                    snippet: snippet(&text, &wanted, SNIPPET_WORDS),
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The name and the other spellings of the entity one of whose spellings is `name` (any
    /// case), the most mentioned when several are: what a search for a name looks for too.
    pub fn spellings_named(&self, name: &str) -> Result<Option<(String, Vec<String>)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM entity_names n JOIN entities e ON e.cluster = n.cluster
             WHERE n.name = ?1 ORDER BY e.mentions DESC LIMIT 1",
            crate::entities::ENTITY_COLUMNS
                .split(", ")
                .map(|c| format!("e.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        let found = stmt
            .query_row([name.to_lowercase()], crate::entities::row_to_linked)
            .optional()?;
        Ok(found.map(|e| {
            let entity = e.entity(Vec::new());
            (entity.name, entity.variants)
        }))
    }
}
