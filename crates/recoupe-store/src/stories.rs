//! Stories in the store: each new article is placed in its story as it is written, in the same
//! transaction, so the stories are always those of the articles stored.
//!
//! The story index (the core's [`Clusterer`]) lives in memory while a writer runs. Every
//! [`StoryIndex::snapshot_every`] articles, and when the writer finishes, its snapshot is saved
//! with the batch that reached it. Opening the index loads the snapshot and places again the
//! articles stored after it (their analysis is rebuilt from the stored text), so an ingest that
//! was killed continues with exactly the index an uninterrupted run would have: the same
//! stories, nothing lost, nothing twice.

use std::collections::{HashMap, HashSet};

use recoupe_core::entities::LinkerChanges;

use crate::entities::EntityIndex;
use recoupe_core::similarity::Profile;
use recoupe_core::stories::{Assignment, Clusterer, Join, StoryConfig};
use recoupe_core::versions::Link;
use recoupe_core::{Analysis, ArticleId, Date, Lang, StoryId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{row_to_article, Result, SqliteStore, StoredArticle, ARTICLE_COLUMNS};

/// An article analysed, extracted and profiled: all the work that can run in parallel before
/// the article is written and placed.
pub struct Prepared {
    pub analysis: Analysis,
    pub profile: Profile,
    /// What the row is written with beyond the analysis, made here so that it happens in
    /// parallel.
    pub(crate) row: RowText,
}

/// What an article's row is written with beyond its analysis, made before the writer has it.
#[derive(Default)]
pub(crate) struct RowText {
    /// What is stored beside the columns ([`crate::kept_json`]).
    pub(crate) json: String,
    /// The title and the text as the search index holds them
    /// ([`recoupe_core::search::search_text`]); made by the writer when missing.
    pub(crate) search: Option<[String; 2]>,
}

impl RowText {
    /// Everything of the row of `analysis`.
    fn of(analysis: &Analysis) -> RowText {
        RowText {
            json: crate::kept_json(analysis),
            search: Some(search_texts(analysis)),
        }
    }
}

/// The title and the text of an article as the search index holds them.
fn search_texts(analysis: &Analysis) -> [String; 2] {
    [
        recoupe_core::search::search_text(&analysis.title),
        recoupe_core::search::search_text(&analysis.text),
    ]
}

impl Prepared {
    /// An article to store and place, from what [`recoupe_core::prepare`] made of it (or an
    /// analysis extracted elsewhere, with its [`Profile::of`]).
    pub fn new(analysis: Analysis, profile: Profile) -> Prepared {
        let row = RowText::of(&analysis);
        Prepared {
            analysis,
            profile,
            row,
        }
    }

    /// [`Prepared::new`] for placing only, never written (`analyze` without a store): the
    /// row's JSON is not made.
    pub fn placing_only(analysis: Analysis, profile: Profile) -> Prepared {
        Prepared {
            analysis,
            profile,
            row: RowText::default(),
        }
    }
}

/// The story index of a store, while articles are written (see the module doc).
pub struct StoryIndex {
    pub(crate) clusterer: Clusterer,
    pub(crate) config: StoryConfig,
    /// Sequence number (`articles.rowid`) of the last article placed.
    pub(crate) seq: i64,
    pub(crate) since_snapshot: usize,
    /// Articles placed between two saved snapshots: a killed run places at most this many again
    /// when it restarts.
    pub snapshot_every: usize,
    /// Articles placed again from the store when the index was opened.
    pub replayed: usize,
    /// Set while a batch is being written: if writing fails, the index in memory is ahead of the
    /// store and is reloaded before the next batch.
    pub(crate) stale: bool,
    /// The store's entities, which the articles placed are linked into (none for an index of
    /// no store, or once a pipeline took them to a thread of their own).
    pub(crate) entities: Option<EntityIndex>,
}

impl StoryIndex {
    /// An index of no store (`recoupe analyze` without `--db`): it places articles exactly as
    /// a new store's index would, and [`Placed::into_placements`] gives what it placed.
    pub fn in_memory(config: StoryConfig) -> StoryIndex {
        StoryIndex {
            clusterer: Clusterer::learning(config.clone()),
            config,
            seq: 0,
            since_snapshot: 0,
            snapshot_every: usize::MAX,
            replayed: 0,
            stale: false,
            entities: None,
        }
    }

    /// Stories known to the index (open and closed).
    pub fn stories(&self) -> usize {
        self.clusterer.len()
    }

    /// Places a batch of articles not stored yet, in memory: dated ones first, in the order
    /// given, then undated ones; an article whose id is in `seen` (placed earlier in this run)
    /// is skipped. Takes the snapshot when one is due. [`SqliteStore::write_placed`] writes the result;
    /// until it has, the index is ahead of the store (a pipeline places batch k+1 while batch k
    /// is written).
    pub fn place(&mut self, mut batch: Vec<Prepared>, seen: &mut HashSet<ArticleId>) -> Placed {
        batch.sort_by_key(|p| p.analysis.published.is_none());
        let mut placed = self.place_in_order(batch, seen);
        self.end_batch(&mut placed);
        if let Some(entities) = &mut self.entities {
            entities.link(&mut placed, true);
        }
        placed
    }

    /// The store's entities, for a pipeline that links the articles placed on another thread
    /// ([`EntityIndex::link`] each part placed, in order, before it is written).
    pub fn take_entities(&mut self) -> Option<EntityIndex> {
        self.entities.take()
    }

    /// Places articles in the order given, without ending the batch: a pipeline places the
    /// dated articles of a batch as they are analysed and its undated ones last, then
    /// [`StoryIndex::end_batch`] — the order [`StoryIndex::place`] gives the whole batch.
    pub fn place_in_order(
        &mut self,
        batch: Vec<Prepared>,
        seen: &mut HashSet<ArticleId>,
    ) -> Placed {
        let mut placed = Placed::default();
        for prepared in batch {
            if !seen.insert(prepared.analysis.id) {
                placed.known += 1;
                continue;
            }
            let assignment = self.clusterer.add(prepared.profile);
            placed
                .items
                .push((prepared.analysis, prepared.row, assignment));
            self.since_snapshot += 1;
        }
        placed
    }

    /// Ends a batch placed by [`StoryIndex::place_in_order`]: takes the snapshot when one is
    /// due, as of its last article.
    pub fn end_batch(&mut self, placed: &mut Placed) {
        if self.since_snapshot >= self.snapshot_every {
            placed.snapshot = Some(self.clusterer.snapshot());
            self.since_snapshot = 0;
        }
    }

    /// The snapshot, if articles were placed since the last one (the end of a run).
    pub fn final_snapshot(&mut self) -> Option<Vec<u8>> {
        if self.since_snapshot == 0 {
            return None;
        }
        self.since_snapshot = 0;
        Some(self.clusterer.snapshot())
    }
}

/// A batch placed by [`StoryIndex::place`], to be written by [`SqliteStore::write_placed`].
#[derive(Default)]
pub struct Placed {
    pub(crate) items: Vec<(Analysis, RowText, Assignment)>,
    pub(crate) snapshot: Option<Vec<u8>>,
    /// What the batch changed of the store's entities (set when it ends).
    pub(crate) entities: Option<LinkerChanges>,
    /// Articles skipped as placed already in this run.
    pub known: usize,
}

impl Placed {
    /// Adds what was placed after this (the parts of one batch, written together).
    pub fn append(&mut self, later: Placed) {
        self.items.extend(later.items);
        self.known += later.known;
        if later.snapshot.is_some() {
            self.snapshot = later.snapshot;
        }
        if later.entities.is_some() {
            self.entities = later.entities;
        }
    }

    /// The articles placed, in the order they were placed, with where each went.
    pub fn placements(&self) -> impl Iterator<Item = (&Analysis, &Assignment)> {
        self.items.iter().map(|(a, _, p)| (a, p))
    }

    /// The articles placed and where each went, when nothing is written.
    pub fn into_placements(self) -> impl Iterator<Item = (Analysis, Assignment)> {
        self.items.into_iter().map(|(a, _, p)| (a, p))
    }

    /// Only a snapshot (the one taken at the end of a run).
    pub fn snapshot_only(bytes: Vec<u8>) -> Placed {
        Placed {
            snapshot: Some(bytes),
            ..Placed::default()
        }
    }
}

/// What [`SqliteStore::write_placed`] wrote.
#[derive(Debug, Default)]
pub struct Written {
    /// Articles written, with their story.
    pub placed: Vec<(ArticleId, StoryId)>,
    pub known: usize,
    /// Articles that another writer had stored meanwhile (see [`SqliteStore::write_placed`]).
    pub conflicts: usize,
}

/// What one call to [`SqliteStore::add`] did.
#[derive(Debug, Default)]
pub struct Added {
    /// Articles new to the store, in the order given, with the story each joined or opened.
    pub placed: Vec<(ArticleId, StoryId)>,
    /// Articles given that were stored already (or twice in the batch).
    pub known: usize,
}

/// A story as listed: what the stories table keeps.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct StoryRow {
    pub id: StoryId,
    /// The title of the article that opened it.
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub size: usize,
    pub languages: Vec<Lang>,
    /// Sites (else source paths) of its articles, in order of arrival (the first 64).
    pub sources: Vec<String>,
    /// Changes whenever an article joins (the sequence number of the latest): a page made from
    /// the story can be cached under it.
    #[serde(skip)]
    pub version: i64,
}

/// Orders of the story list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryOrder {
    /// Latest article date first, then largest.
    Recent,
    /// Most articles first, then latest.
    Largest,
}

/// A story as stored (see [`SqliteStore::story_contents`]).
pub struct StoryContents {
    pub row: StoryRow,
    /// The members read, in the order they joined, each with why it joined.
    pub members: Vec<(StoredArticle, Join)>,
    /// The version links among them.
    pub links: Vec<Link>,
}

pub(crate) const SOURCES_KEPT: usize = 64;
pub(crate) const SNAPSHOT_PART: usize = 16 << 20;

impl SqliteStore {
    /// Opens the story index: the saved snapshot, then the articles stored after it placed
    /// again. A store from before stories (or whose snapshot is damaged) is placed from its
    /// first article.
    pub fn story_index(&mut self, config: StoryConfig) -> Result<StoryIndex> {
        let mut seq = 0;
        let mut bytes = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT seq, bytes FROM story_index ORDER BY part")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                seq = row.get(0)?;
                let part: Vec<u8> = row.get(1)?;
                bytes.extend_from_slice(&part);
            }
        }
        let clusterer = if bytes.is_empty() {
            None
        } else {
            Clusterer::restore(config.clone(), &bytes)
        };
        let clusterer = clusterer
            .unwrap_or_else(|| {
                seq = 0;
                Clusterer::learning(config.clone())
            })
            .saved();
        let entities = crate::entities::load(&self.conn)?;
        let mut index = StoryIndex {
            clusterer,
            config,
            seq,
            since_snapshot: 0,
            snapshot_every: 50_000,
            replayed: 0,
            stale: false,
            entities: Some(entities),
        };
        self.replay(&mut index)?;
        // the snapshot written next is as of the last article placed by this index
        self.last_seq = index.seq;
        Ok(index)
    }

    /// Places again the articles stored after the index's sequence number, in the order they
    /// were stored, and links the names of those stored after the entities' one; writes what
    /// is missing (articles of a store from before stories or entities).
    fn replay(&mut self, index: &mut StoryIndex) -> Result<()> {
        const PAGE: i64 = 2_000;
        loop {
            let from = match &index.entities {
                Some(e) => index.seq.min(e.linked_seq),
                None => index.seq,
            };
            let page: Vec<StoredArticle> = {
                let mut stmt = self.conn.prepare(&format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE rowid > ?1 ORDER BY rowid LIMIT ?2"
                ))?;
                let rows = stmt.query_map(params![from, PAGE], row_to_article)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            };
            let Some(last) = page.last().map(|a| a.seq) else {
                return Ok(());
            };
            let tx = self.conn.transaction()?;
            for stored in page {
                let placing = stored.seq > index.seq;
                let linking = index
                    .entities
                    .as_ref()
                    .is_some_and(|e| stored.seq > e.linked_seq);
                if !placing && !linking {
                    continue;
                }
                // the findings of the ingest that wrote the row, as it placed them
                let analysis = stored.analysis_as_placed();
                if placing {
                    let assignment = index.clusterer.add(Profile::of(&analysis, None));
                    write_placement(&tx, &assignment, &analysis, stored.seq, true)?;
                    index.seq = stored.seq;
                    index.replayed += 1;
                    index.since_snapshot += 1;
                }
                if let Some(e) = index.entities.as_mut().filter(|_| linking) {
                    // linked again: its names' entities as the linker gives them now
                    let linked = e.link_article(analysis);
                    crate::findings::write_mentions(&tx, stored.seq, &linked, true)?;
                }
            }
            if let Some(e) = &mut index.entities {
                if last > e.linked_seq {
                    crate::entities::write_changes(&tx, e.linker.drain(), last)?;
                    e.linked_seq = last;
                }
            }
            tx.commit()?;
        }
    }

    /// Writes a batch and places each new article in its story, in one transaction; saves the
    /// index's snapshot with it when one is due. Articles already stored are skipped. Within the
    /// batch, dated articles are placed first, in the order given, then the undated ones: an
    /// undated article has no time window, so it is placed once the stories of its batch exist
    /// (the same batch gives the same stories).
    pub fn add(&mut self, index: &mut StoryIndex, batch: Vec<Prepared>) -> Result<Added> {
        if index.stale {
            let snapshot_every = index.snapshot_every;
            *index = self.story_index(index.config.clone())?;
            index.snapshot_every = snapshot_every;
        }
        let mut stored = 0;
        let mut fresh = Vec::with_capacity(batch.len());
        for prepared in batch {
            if self.contains(prepared.analysis.id)? {
                stored += 1;
            } else {
                fresh.push(prepared);
            }
        }
        index.stale = true;
        let placed = index.place(fresh, &mut HashSet::new());
        let written = self.write_placed(placed)?;
        index.stale = written.conflicts > 0;
        Ok(Added {
            placed: written.placed,
            known: written.known + stored,
        })
    }

    /// Writes what [`StoryIndex::place`] placed, in one transaction: the articles, their
    /// stories and links, and the snapshot if one was taken (as of the last article written).
    /// An article found stored already (another writer got there first) is a conflict: the
    /// index in memory no longer matches the store, and no snapshot is written from then on.
    pub fn write_placed(&mut self, placed: Placed) -> Result<Written> {
        self.write_placed_part(placed, true)
    }

    /// Writes one part of a batch placed in parts ([`StoryIndex::place_in_order`]), as
    /// [`SqliteStore::write_placed`] writes a whole one: the batch's transaction opens with its first
    /// part and commits with its last (`end`), snapshot included, so a batch is stored whole or
    /// not at all while its parts are written as soon as they are placed.
    pub fn write_placed_part(&mut self, placed: Placed, end: bool) -> Result<Written> {
        let written = self.write_part(placed, end);
        if written.is_err() && self.in_batch.take().is_some() {
            // nothing of a failed batch stays, as with a transaction dropped on error: the next
            // batch starts a transaction of its own, and a long-lived store (the server) never
            // commits half a batch with it
            let _ = self.conn.execute_batch("ROLLBACK");
            self.unindexed.clear();
        }
        written
    }

    fn write_part(&mut self, placed: Placed, end: bool) -> Result<Written> {
        let from = match self.in_batch {
            Some(from) => from,
            None => {
                self.conn.execute_batch("BEGIN")?;
                // open from here on: an error below rolls the transaction back
                self.in_batch = Some(0);
                let from = last_seq(&self.conn)?;
                self.in_batch = Some(from);
                from
            }
        };
        let mut written = Written::default();
        {
            let mut insert = self.conn.prepare_cached(INSERT_ARTICLE)?;
            for (article, row, assignment) in placed.items {
                if insert_article(&mut insert, &article, &row.json)? == 0 {
                    written.conflicts += 1;
                    continue;
                }
                let seq = self.conn.last_insert_rowid();
                let search = row.search.unwrap_or_else(|| search_texts(&article));
                self.unindexed.push((seq, search));
                let article = &article;
                crate::findings::write_findings(&self.conn, seq, article)?;
                crate::findings::write_mentions(&self.conn, seq, article, true)?;
                write_placement(&self.conn, &assignment, article, seq, false)?;
                written.placed.push((assignment.article, assignment.story));
                self.last_seq = seq;
            }
        }
        self.conflicts += written.conflicts;
        if let Some(bytes) = &placed.snapshot {
            if self.conflicts == 0 {
                write_snapshot(&self.conn, bytes, self.last_seq)?;
            }
        }
        if let Some(changes) = placed.entities {
            // after a conflict the linker counted an article another writer stored: the
            // entities are linked again from the last batch written whole, when next opened
            if self.conflicts == 0 {
                crate::entities::write_changes(&self.conn, changes, self.last_seq)?;
            }
        }
        if end {
            index_texts(&self.conn, &mut self.unindexed)?;
            self.conn.execute_batch("COMMIT")?;
            self.in_batch = None;
        } else if self.last_seq - from >= SEARCH_PART {
            // the batch's rows indexed for search a few hundred at a time, as they come: the
            // writer's work overlaps the analysis of the rest instead of following it, and
            // FTS5 still flushes a handful of segments per batch, not one per row
            index_texts(&self.conn, &mut self.unindexed)?;
            self.in_batch = Some(self.last_seq);
        }
        written.known = placed.known;
        Ok(written)
    }

    /// Saves the index's snapshot now (at the end of an ingest), if articles were placed since
    /// the last one.
    pub fn save_index(&mut self, index: &mut StoryIndex) -> Result<()> {
        if index.since_snapshot == 0 || index.stale {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        write_snapshot(
            &tx,
            &index.clusterer.snapshot(),
            index.seq.max(self.last_seq),
        )?;
        tx.commit()?;
        index.since_snapshot = 0;
        Ok(())
    }

    /// Whether some stored article is in no story yet (a store written before stories, or by
    /// a writer that met another's articles): opening the story index places it.
    pub fn stories_behind(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT coalesce((SELECT max(rowid) FROM articles), 0)
                  > coalesce((SELECT max(seq) FROM story_members), 0)",
            [],
            |r| r.get(0),
        )?)
    }

    pub fn story_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM stories", [], |row| {
                row.get::<_, i64>(0)
            })? as usize)
    }

    /// Stories, in the order asked, from `offset`.
    pub fn stories(&self, order: StoryOrder, limit: usize, offset: usize) -> Result<Vec<StoryRow>> {
        let order = match order {
            StoryOrder::Recent => "end IS NULL, end DESC, size DESC, id",
            StoryOrder::Largest => "size DESC, end IS NULL, end DESC, id",
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {STORY_COLUMNS} FROM stories ORDER BY {order} LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = stmt.query_map(
            params![
                limit.min(i64::MAX as usize) as i64,
                offset.min(i64::MAX as usize) as i64
            ],
            row_to_story,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The story whose id is `id` or starts with it ("s" optional).
    pub fn story(&self, id: &str) -> Result<Option<StoryRow>> {
        let hex = id.trim().trim_start_matches('s').to_ascii_lowercase();
        if hex.is_empty() || hex.len() > 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let low = format!("s{hex}");
        let high = format!("s{hex}g");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {STORY_COLUMNS} FROM stories WHERE id >= ?1 AND id < ?2 LIMIT 2"
        ))?;
        let found = stmt
            .query_map(params![low, high], row_to_story)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match found.len() {
            0 => Ok(None),
            1 => Ok(found.into_iter().next()),
            _ => Err(crate::StoreError::Ambiguous(id.to_string())),
        }
    }

    /// The story an article is in.
    pub fn story_of_article(&self, id: ArticleId) -> Result<Option<StoryId>> {
        let story: Option<String> = self
            .conn
            .query_row(
                "SELECT m.story FROM articles a JOIN story_members m ON m.seq = a.rowid
                 WHERE a.id = ?1",
                [id.to_string()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(story.as_deref().and_then(StoryId::parse))
    }

    /// What a story page is made of, as stored: its row, its first `max_articles` members in
    /// the order they joined with why each joined, and the links found among them as they
    /// joined. The page itself (names linked, comparison) is made by the query layer
    /// (`recoupe-query`): the store reads, it does not analyse.
    pub fn story_contents(
        &self,
        id: StoryId,
        max_articles: usize,
    ) -> Result<Option<StoryContents>> {
        let Some(row) = self.story(&id.to_string())? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS_A}, m.score, m.evidence FROM story_members m
             JOIN articles a ON a.rowid = m.seq WHERE m.story = ?1 ORDER BY m.seq LIMIT ?2"
        ))?;
        let rows = stmt.query_map(
            params![
                row.id.to_string(),
                max_articles.min(i64::MAX as usize) as i64
            ],
            |r| {
                let article = row_to_article(r)?;
                let score: Option<f64> = r.get(9)?;
                let evidence: String = r.get(10)?;
                Ok((article, score, evidence))
            },
        )?;
        let members = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let ids: HashSet<ArticleId> = members.iter().map(|(a, _, _)| a.id).collect();
        let mut links = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT b, link FROM links WHERE seq = ?1")?;
            for (member, _, _) in &members {
                let rows = stmt.query_map([member.seq], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?;
                for row in rows {
                    let (b, json) = row?;
                    if ArticleId::parse(&b).is_some_and(|b| ids.contains(&b)) {
                        if let Ok(link) = serde_json::from_str::<Link>(&json) {
                            links.push(link);
                        }
                    }
                }
            }
        }
        links.sort_by_key(|l| (l.a, l.b));
        let members = members
            .into_iter()
            .map(|(stored, score, evidence)| {
                let join = Join {
                    article: stored.id,
                    score,
                    evidence: serde_json::from_str(&evidence).unwrap_or_default(),
                };
                (stored, join)
            })
            .collect();
        Ok(Some(StoryContents {
            row,
            members,
            links,
        }))
    }
}

pub(crate) const STORY_COLUMNS: &str =
    "id, title, start, end, size, languages, sources, updated_seq";

pub(crate) fn row_to_story(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoryRow> {
    let id: String = row.get(0)?;
    let start: Option<String> = row.get(2)?;
    let end: Option<String> = row.get(3)?;
    let languages: String = row.get(5)?;
    let sources: String = row.get(6)?;
    Ok(StoryRow {
        id: StoryId::parse(&id).unwrap_or(StoryId(0)),
        title: row.get(1)?,
        start: start.as_deref().and_then(Date::parse_iso),
        end: end.as_deref().and_then(Date::parse_iso),
        size: row.get::<_, i64>(4)?.max(0) as usize,
        languages: languages
            .split_whitespace()
            .filter_map(Lang::parse)
            .collect(),
        sources: serde_json::from_str(&sources).unwrap_or_default(),
        version: row.get(7)?,
    })
}

const ARTICLE_COLUMNS_A: &str = "a.id, a.source, a.title, a.language, a.published, a.published_basis, a.text, a.analysis, a.rowid";

/// The sequence number (rowid) of the last article stored, 0 when none is.
pub(crate) fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(rowid), 0) FROM articles", [], |r| {
            r.get(0)
        })?,
    )
}

/// How many rows of a batch are written before they are indexed for search (see
/// [`SqliteStore::write_placed_part`]).
const SEARCH_PART: i64 = 256;

/// Indexes for search the rows given (their sequence number, title and text as folded for
/// search), in as few statements as SQLite's limit on parameters allows, and empties the list.
/// FTS5 writes the terms it holds to disk at the end of each statement (its savepoint): a row
/// to a statement would write a segment per article and merge them over and over.
pub(crate) fn index_texts(conn: &Connection, rows: &mut Vec<(i64, [String; 2])>) -> Result<()> {
    // three parameters a row, under SQLite's default limit of 32,766
    const ROWS: usize = 4096;
    for part in rows.chunks(ROWS) {
        // prepared each time (a fraction of what indexing the rows costs), not cached: a
        // statement per number of rows would push the writer's statements out of the cache
        let mut sql = String::from("INSERT INTO articles_fts(rowid, title, text) VALUES ");
        for i in 0..part.len() {
            sql.push_str(if i == 0 { "(?,?,?)" } else { ",(?,?,?)" });
        }
        let mut insert = conn.prepare(&sql)?;
        for (i, (seq, [title, text])) in part.iter().enumerate() {
            insert.raw_bind_parameter(3 * i + 1, seq)?;
            insert.raw_bind_parameter(3 * i + 2, title.as_str())?;
            insert.raw_bind_parameter(3 * i + 3, text.as_str())?;
        }
        insert.raw_execute()?;
    }
    rows.clear();
    Ok(())
}

/// Indexes for search the articles stored after sequence number `after`, in one statement,
/// folding their title and text in SQL (`recoupe_search_text`).
pub(crate) fn index_text_after(conn: &Connection, after: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO articles_fts(rowid, title, text)
         SELECT rowid, recoupe_search_text(title), recoupe_search_text(text) FROM articles
         WHERE rowid > ?1 ORDER BY rowid",
    )?
    .execute([after])?;
    Ok(())
}

pub(crate) const INSERT_ARTICLE: &str = "INSERT OR IGNORE INTO articles
     (id, source, title, url, site, byline, language, published, published_basis, text, analysis)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/// Inserts one article unless stored already; returns how many rows were written (0 or 1).
pub(crate) fn insert_article(
    insert: &mut rusqlite::CachedStatement<'_>,
    article: &Analysis,
    analysis: &str,
) -> Result<usize> {
    Ok(insert.execute(params![
        article.id.to_string(),
        article.source,
        article.title,
        article.url,
        article.site,
        article.byline,
        article.language.map(|l| l.to_string()),
        article.published.map(|d| d.to_string()),
        article.published_basis.map(|b| b.as_str()),
        article.text,
        analysis,
    ])?)
}

/// The membership, the story's row and the version links of one placed article. `if_missing`:
/// keep what is stored (replaying an article placed before).
fn write_placement(
    tx: &Connection,
    assignment: &Assignment,
    article: &Analysis,
    seq: i64,
    if_missing: bool,
) -> Result<()> {
    let evidence = serde_json::to_string(&assignment.evidence).unwrap_or_else(|_| "[]".into());
    let verb = if if_missing {
        "INSERT OR IGNORE"
    } else {
        "INSERT OR REPLACE"
    };
    // a story merged into another by a correction sends its new articles on
    let story = crate::corrections::redirected(tx, assignment.story)?;
    let written = tx
        .prepare_cached(&format!(
            "{verb} INTO story_members (seq, story, score, evidence) VALUES (?1, ?2, ?3, ?4)"
        ))?
        .execute(params![
            seq,
            story.to_string(),
            (assignment.score > 0.0).then_some(assignment.score),
            evidence,
        ])?;
    if written == 0 {
        return Ok(());
    }
    update_story_row(tx, story, article, seq)?;
    let mut insert_link = tx.prepare_cached(
        "INSERT OR IGNORE INTO links (seq, a, b, kind, score, link) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for link in &assignment.links {
        let json = serde_json::to_string(link).unwrap_or_else(|_| "{}".into());
        insert_link.execute(params![
            seq,
            link.a.to_string(),
            link.b.to_string(),
            link.kind.as_str(),
            link.score,
            json,
        ])?;
    }
    infer_stored_dates(tx, article, &assignment.links)?;
    Ok(())
}

/// An undated article that is a version of a dated one takes its date, marked inferred, as
/// `recoupe analyze` reports it (`stories::report`): the article placed now from the dated one
/// it links to, or an undated one stored before from it. The strongest link wins; the date
/// mentions are found again against the date when the article is read (those it was placed
/// with are kept for a replay of the story index: `StoredArticle::analysis_as_placed`).
fn infer_stored_dates(tx: &Connection, article: &Analysis, links: &[Link]) -> Result<()> {
    let mut links: Vec<&Link> = links.iter().collect();
    links.sort_by(|x, y| y.score.total_cmp(&x.score));
    for link in links {
        let Some(other) = link.other(article.id) else {
            continue;
        };
        let stored: Option<(Option<String>, String)> = tx
            .prepare_cached("SELECT published, source FROM articles WHERE id = ?1")?
            .query_row([other.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((other_date, other_source)) = stored else {
            continue;
        };
        let (undated, date, from, from_source) = match (article.published, other_date) {
            (None, Some(d)) => (article.id, d, other, other_source),
            (Some(d), None) => (other, d.to_string(), article.id, article.source.clone()),
            _ => continue,
        };
        let evidence = link.date_evidence(from, &from_source);
        tx.prepare_cached(
            "UPDATE articles SET published = ?2, published_basis = 'inferred',
                 analysis = json_remove(
                     json_set(analysis, '$.published_evidence', ?3,
                              '$.dates_as_placed', analysis -> '$.dates'),
                     '$.dates')
             WHERE id = ?1 AND published IS NULL",
        )?
        .execute(params![undated.to_string(), date, evidence])?;
        if undated == article.id {
            // the article placed now is dated: its other links date nothing more of it
            break;
        }
    }
    Ok(())
}

/// A story's row as stored: start, end, size, languages (codes, space-separated), sources (a
/// JSON list).
pub(crate) type StoryRowParts = (Option<String>, Option<String>, i64, String, String);

/// The row of the story an article joins: opened (`existing` is `None`: its title is the
/// article's) or brought up to date (dates, size, languages, sources). The same for every
/// backend.
pub(crate) fn story_row_after(
    existing: Option<StoryRowParts>,
    article: &Analysis,
) -> (Option<String>, StoryRowParts) {
    let source = article
        .site
        .clone()
        .unwrap_or_else(|| article.source.clone());
    let date = article.published.map(|d| d.to_string());
    let lang = article.language.map(|l| l.to_string());
    match existing {
        None => {
            let title = if article.title.trim().is_empty() {
                article
                    .text
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(120)
                    .collect()
            } else {
                article.title.clone()
            };
            let sources = serde_json::to_string(&[source]).unwrap_or_else(|_| "[]".into());
            (
                Some(title),
                (date.clone(), date, 1, lang.unwrap_or_default(), sources),
            )
        }
        Some((start, end, size, languages, sources)) => {
            let start = match (start, &date) {
                (Some(s), Some(d)) => Some(s.min(d.clone())),
                (s, d) => s.or(d.clone()),
            };
            let end = match (end, &date) {
                (Some(e), Some(d)) => Some(e.max(d.clone())),
                (e, d) => e.or(d.clone()),
            };
            let mut langs: Vec<&str> = languages.split_whitespace().collect();
            if let Some(l) = &lang {
                if !langs.contains(&l.as_str()) {
                    langs.push(l);
                    langs.sort_unstable();
                }
            }
            let mut list: Vec<String> = serde_json::from_str(&sources).unwrap_or_default();
            if list.len() < SOURCES_KEPT && !list.contains(&source) {
                list.push(source);
            }
            let sources = serde_json::to_string(&list).unwrap_or_else(|_| "[]".into());
            (None, (start, end, size + 1, langs.join(" "), sources))
        }
    }
}

/// The `stories` row of the story an article joined: opened, or its dates, size, languages and
/// sources brought up to date.
fn update_story_row(tx: &Connection, story: StoryId, article: &Analysis, seq: i64) -> Result<()> {
    let story = story.to_string();
    let existing = tx
        .prepare_cached("SELECT start, end, size, languages, sources FROM stories WHERE id = ?1")?
        .query_row([&story], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?;
    match story_row_after(existing, article) {
        (Some(title), (start, _, _, languages, sources)) => {
            tx.prepare_cached(
                "INSERT INTO stories (id, title, start, end, size, languages, sources, opened_seq, updated_seq)
                 VALUES (?1, ?2, ?3, ?3, 1, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![story, title, start, languages, sources, seq])?;
        }
        (None, (start, end, size, languages, sources)) => {
            tx.prepare_cached(
                "UPDATE stories SET start = ?2, end = ?3, size = ?4, languages = ?5, sources = ?6, updated_seq = ?7
                 WHERE id = ?1",
            )?
            .execute(params![story, start, end, size, languages, sources, seq])?;
        }
    }
    Ok(())
}

fn write_snapshot(tx: &Connection, bytes: &[u8], seq: i64) -> Result<()> {
    tx.execute("DELETE FROM story_index", [])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO story_index (part, seq, bytes) VALUES (?1, ?2, ?3)")?;
    for (part, chunk) in bytes.chunks(SNAPSHOT_PART).enumerate() {
        insert.execute(params![part as i64, seq, chunk])?;
    }
    Ok(())
}

/// Ids of the members of each story, for tests and evaluations: story id → articles in the
/// order they joined.
impl SqliteStore {
    pub fn story_members(&self) -> Result<HashMap<StoryId, Vec<ArticleId>>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.story, a.id FROM story_members m JOIN articles a ON a.rowid = m.seq
                 ORDER BY m.seq",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut stories: HashMap<StoryId, Vec<ArticleId>> = HashMap::new();
        for row in rows {
            let (story, article) = row?;
            if let (Some(s), Some(a)) = (StoryId::parse(&story), ArticleId::parse(&article)) {
                stories.entry(s).or_default().push(a);
            }
        }
        Ok(stories)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use recoupe_core::RawArticle;

    #[test]
    fn every_row_of_a_batch_larger_than_one_statement_is_found_by_search() {
        let store = SqliteStore::in_memory().unwrap();
        // more rows than one statement takes, in three scripts
        let words = ["pluie", "дождь", "مطر"];
        let mut rows: Vec<(i64, [String; 2])> = (1..=9_000)
            .map(|i| {
                let word = words[i as usize % 3];
                (i, [format!("titre {i}"), format!("{word} article{i}")])
            })
            .collect();
        index_texts(&store.conn, &mut rows).unwrap();
        assert!(rows.is_empty(), "the list is emptied once indexed");
        let count = |query: &str| -> i64 {
            store
                .conn
                .query_row(
                    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                    [query],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(count("titre"), 9_000);
        assert_eq!(count("дождь"), 3_000);
        let last: i64 = store
            .conn
            .query_row(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'article9000'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(last, 9_000, "each row keeps its sequence number");
    }

    /// An article analysed and profiled as an ingest prepares it.
    fn prepared(raw: &RawArticle) -> Prepared {
        let (analysis, profile) = recoupe_core::prepare(raw);
        Prepared::new(analysis, profile)
    }

    fn raw(title: &str, body: &str, date: &str, site: &str) -> RawArticle {
        RawArticle {
            source: format!("{site}/{title}"),
            title: title.into(),
            body: body.into(),
            site: Some(site.into()),
            published: Date::parse_iso(date),
            ..RawArticle::default()
        }
    }

    /// Two events told by several sites, in three languages (the fire's second report an edited
    /// copy of the first), then the first again.
    fn articles() -> Vec<RawArticle> {
        vec![
            raw("Floods in Genoa", "Heavy rain flooded Genoa on Monday, and at least 41 people died, said the mayor Olga Brennik.\n\nRescue teams searched the river banks all night.", "2024-03-04", "harbour-news.example"),
            raw("Fire in Rotterdam port", "A fire destroyed three warehouses in the port of Rotterdam on Tuesday, said the fire chief Amos Dravik.\n\nNo one was hurt, according to the harbour office.", "2024-03-05", "harbour-news.example"),
            raw("Наводнение в Генуе", "Сильные дожди затопили Геную в понедельник, погибли не менее 41 человека, заявила мэр Ольга Бренник.\n\nСпасатели всю ночь обыскивали берега реки.", "2024-03-05", "vesti.example"),
            raw("Rotterdam port fire: warehouses lost", "A fire destroyed three warehouses in the port of Rotterdam on Tuesday, the fire chief Amos Dravik said.\n\nThe harbour office said no one was hurt.", "2024-03-06", "daily.example"),
            raw("Inondations à Gênes", "De fortes pluies ont inondé Gênes lundi, faisant au moins 41 morts, a déclaré la maire Olga Brennik.\n\nLes secours ont fouillé les berges du fleuve toute la nuit.", "2024-03-05", "quotidien.example"),
            raw("Floods in Genoa", "Heavy rain flooded Genoa on Monday, and at least 41 people died, said the mayor Olga Brennik.\n\nRescue teams searched the river banks all night.", "2024-03-04", "harbour-news.example"),
        ]
    }

    fn add_all(store: &mut SqliteStore, index: &mut StoryIndex, raws: &[RawArticle]) -> Added {
        store
            .add(index, raws.iter().map(prepared).collect())
            .unwrap()
    }

    fn sorted_stories(store: &SqliteStore) -> Vec<Vec<ArticleId>> {
        let mut all: Vec<Vec<ArticleId>> = store.story_members().unwrap().into_values().collect();
        for s in &mut all {
            s.sort();
        }
        all.sort();
        all
    }

    #[test]
    fn articles_are_placed_in_stories_as_they_are_written() {
        let mut store = SqliteStore::in_memory().unwrap();
        let mut index = store.story_index(StoryConfig::default()).unwrap();
        let raws = articles();
        let added = add_all(&mut store, &mut index, &raws);
        assert_eq!(added.placed.len(), 5);
        assert_eq!(added.known, 1, "the same article twice is stored once");
        let ids: Vec<ArticleId> = added.placed.iter().map(|(a, _)| *a).collect();
        let story = |i: usize| store.story_of_article(ids[i]).unwrap().unwrap();
        assert_eq!(story(0), story(2), "the flood in English and Russian");
        assert_eq!(story(1), story(3), "the fire, told by two sites");
        assert_ne!(story(0), story(1));
        let row = store.story(&story(1).to_string()[..6]).unwrap().unwrap();
        assert_eq!(row.title, "Fire in Rotterdam port");
        assert_eq!(row.sources, ["harbour-news.example", "daily.example"]);
        assert_eq!(row.start, Date::parse_iso("2024-03-05"));
        assert_eq!(row.end, Date::parse_iso("2024-03-06"));
        assert_eq!(
            store.story_count().unwrap(),
            store.story_members().unwrap().len()
        );
        let largest = store.stories(StoryOrder::Largest, 1, 0).unwrap();
        assert!(largest[0].size >= 2);
        let recent = store.stories(StoryOrder::Recent, 10, 0).unwrap();
        assert_eq!(recent[0].end, Date::parse_iso("2024-03-06"));

        let view = store.story_contents(story(0), 100).unwrap().unwrap();
        // the links found as articles joined come back whole (evidence, aligned paragraphs)
        let stored: i64 = store
            .conn
            .query_row("SELECT count(*) FROM links", [], |r| r.get(0))
            .unwrap();
        let fire = store.story_contents(story(1), 100).unwrap().unwrap();
        assert!(stored > 0);
        assert_eq!(view.links.len() + fire.links.len(), stored as usize);
        assert!(view
            .links
            .iter()
            .chain(&fire.links)
            .all(|l| !l.aligned.is_empty()));
        assert!(view.members.iter().any(|(_, j)| j.article == ids[2]));
        assert!(view
            .members
            .iter()
            .any(|(_, j)| j.score.is_some() && j.evidence.iter().any(|e| e.signal == "names")));
    }

    #[test]
    fn a_batch_written_in_parts_is_searchable_whole_once_it_ends() {
        let path = tempfile::NamedTempFile::new().unwrap();
        let mut store = SqliteStore::open(path.path()).unwrap();
        let mut index = store.story_index(StoryConfig::default()).unwrap();
        let raws = articles();
        let mut seen = HashSet::new();
        let first = index.place_in_order(raws[..2].iter().map(prepared).collect(), &mut seen);
        store.write_placed_part(first, false).unwrap();
        // another reader sees nothing of a batch until it ends
        let reader = SqliteStore::open(path.path()).unwrap();
        assert_eq!(reader.count().unwrap(), 0);
        let mut rest = index.place_in_order(raws[2..].iter().map(prepared).collect(), &mut seen);
        index.end_batch(&mut rest);
        store.write_placed_part(rest, true).unwrap();
        assert_eq!(reader.count().unwrap(), 5);
        // words of the first part and of the last are found
        assert_eq!(reader.search("Genoa", 10).unwrap().len(), 1);
        assert_eq!(reader.search("Gênes", 10).unwrap().len(), 1);
        assert_eq!(reader.search("Rotterdam", 10).unwrap().len(), 2);
    }

    #[test]
    fn a_long_batch_is_indexed_for_search_as_its_parts_come_and_whole_at_its_end() {
        let path = tempfile::NamedTempFile::new().unwrap();
        let mut store = SqliteStore::open(path.path()).unwrap();
        let mut index = store.story_index(StoryConfig::default()).unwrap();
        let mut seen = HashSet::new();
        // more articles than one search part (SEARCH_PART), written in parts of 100
        let raws: Vec<RawArticle> = (0..(SEARCH_PART as usize + 44))
            .map(|n| RawArticle {
                source: format!("wire/{n}"),
                title: format!("Harbour notice {n}"),
                body: format!("Pier {n} of the port of Vellamo closes for repairs; tag marker{n}."),
                ..RawArticle::default()
            })
            .collect();
        let parts: Vec<&[RawArticle]> = raws.chunks(100).collect();
        for (n, part) in parts.iter().enumerate() {
            let mut placed = index.place_in_order(part.iter().map(prepared).collect(), &mut seen);
            let end = n + 1 == parts.len();
            if end {
                index.end_batch(&mut placed);
            }
            store.write_placed_part(placed, end).unwrap();
        }
        let reader = SqliteStore::open(path.path()).unwrap();
        assert_eq!(reader.count().unwrap(), raws.len());
        for n in [0, 99, 255, 256, raws.len() - 1] {
            let hits = reader.search(&format!("marker{n}"), 10).unwrap();
            assert_eq!(hits.len(), 1, "marker{n}");
        }
        assert_eq!(reader.search("Vellamo", 1000).unwrap().len(), raws.len());
    }

    #[test]
    fn a_restarted_index_places_articles_as_an_uninterrupted_one() {
        let raws = articles();
        let mut whole = SqliteStore::in_memory().unwrap();
        let mut index = whole.story_index(StoryConfig::default()).unwrap();
        for raw in &raws {
            add_all(&mut whole, &mut index, std::slice::from_ref(raw));
        }

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        for (cut, snapshot_every) in [(2, 1), (3, 50_000), (4, 2)] {
            let _ = std::fs::remove_file(&path);
            {
                let mut store = SqliteStore::open(&path).unwrap();
                let mut index = store.story_index(StoryConfig::default()).unwrap();
                index.snapshot_every = snapshot_every;
                for raw in &raws[..cut] {
                    add_all(&mut store, &mut index, std::slice::from_ref(raw));
                }
                // "killed": the index is dropped without saving
            }
            let mut store = SqliteStore::open(&path).unwrap();
            let mut index = store.story_index(StoryConfig::default()).unwrap();
            assert!(index.replayed <= cut);
            for raw in &raws {
                add_all(&mut store, &mut index, std::slice::from_ref(raw));
            }
            assert_eq!(
                sorted_stories(&store),
                sorted_stories(&whole),
                "cut at {cut}"
            );
            assert_eq!(store.count().unwrap(), 5);
        }
    }

    /// A store written by schema 3 (story members and links keyed by article hashes, the whole
    /// report in `analysis`) opens with its stories, links and reports intact.
    #[test]
    fn a_store_of_schema_3_is_migrated_with_its_stories_and_links() {
        // the reference: the same articles in a store of today
        let raws = articles();
        let mut today = SqliteStore::in_memory().unwrap();
        let mut index = today.story_index(StoryConfig::default()).unwrap();
        add_all(&mut today, &mut index, &raws);

        // the same, written as schema 3 wrote it
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        for migration in &crate::MIGRATIONS[..3] {
            conn.execute_batch(migration).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        {
            let tx = conn.transaction().unwrap();
            let mut old = Clusterer::learning(StoryConfig::default());
            let mut seen = HashSet::new();
            for raw in &raws {
                let prepared = prepared(raw);
                if !seen.insert(prepared.analysis.id) {
                    continue;
                }
                let full = serde_json::to_string(&prepared.analysis).unwrap();
                insert_article(
                    &mut tx.prepare_cached(INSERT_ARTICLE).unwrap(),
                    &prepared.analysis,
                    &full,
                )
                .unwrap();
                let seq = tx.last_insert_rowid();
                let placed = old.add(prepared.profile);
                tx.execute(
                    "INSERT INTO story_members (article, story, seq, score, evidence) VALUES (?1, ?2, ?3, ?4, '[]')",
                    params![placed.article.to_string(), placed.story.to_string(), seq, placed.score],
                )
                .unwrap();
                tx.execute(
                    "INSERT OR IGNORE INTO stories (id, title, size, languages, sources, opened_seq, updated_seq)
                     VALUES (?1, '', 0, '', '[]', ?2, ?2)",
                    params![placed.story.to_string(), seq],
                )
                .unwrap();
                for link in &placed.links {
                    tx.execute(
                        "INSERT INTO links (a, b, kind, score, link) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![
                            link.a.to_string(),
                            link.b.to_string(),
                            link.kind.as_str(),
                            link.score,
                            serde_json::to_string(link).unwrap()
                        ],
                    )
                    .unwrap();
                }
            }
            tx.commit().unwrap();
        }
        let migrated = SqliteStore::migrate(conn).unwrap();
        assert_eq!(
            migrated.schema_version().unwrap(),
            crate::MIGRATIONS.len() as i64
        );
        assert_eq!(sorted_stories(&migrated), sorted_stories(&today));
        let mut stories: Vec<StoryId> = today.story_members().unwrap().into_keys().collect();
        stories.sort();
        let mut links = 0;
        for story in stories {
            let before = today.story_contents(story, 100).unwrap().unwrap();
            let after = migrated.story_contents(story, 100).unwrap().unwrap();
            links += after.links.len();
            assert_eq!(
                after
                    .links
                    .iter()
                    .map(|l| (l.a, l.b, l.kind))
                    .collect::<Vec<_>>(),
                before
                    .links
                    .iter()
                    .map(|l| (l.a, l.b, l.kind))
                    .collect::<Vec<_>>()
            );
            for (_, join) in &after.members {
                let id = &join.article;
                assert_eq!(migrated.story_of_article(*id).unwrap(), Some(story));
                let old = migrated.article(&id.to_string()).unwrap().unwrap();
                let new = today.article(&id.to_string()).unwrap().unwrap();
                assert_eq!(old.report(), new.report(), "the report of {id}");
            }
        }
        assert!(links > 0, "the fire's two reports are linked");
    }

    /// The stored row is about a third of the report, and reading it gives the report again.
    #[test]
    fn a_stored_article_reads_back_as_its_report() {
        let mut store = SqliteStore::in_memory().unwrap();
        let mut analysis = recoupe_core::analyze(&RawArticle {
            source: "t".into(),
            title: "Explosion à Lyon".into(),
            body: "Publié le 3 mars 2021\n\nUne explosion a fait au moins 12 morts mercredi à Lyon, a déclaré le maire Paul Vernier.\n\n« Nous ferons toute la lumière », a-t-il affirmé.\n\nPartager sur Facebook\n\nLire aussi : Incendie à Marseille".into(),
            url: Some("https://exemple.example/lyon".into()),
            ..RawArticle::default()
        });
        recoupe_core::extract(&mut analysis);
        assert!(!analysis.removed.is_empty(), "{analysis:#?}");
        assert!(!analysis.quotes.is_empty(), "{analysis:#?}");
        assert!(!analysis.figures.is_empty(), "{analysis:#?}");
        store.put_articles(std::slice::from_ref(&analysis)).unwrap();
        let stored = store.article(&analysis.id.to_string()).unwrap().unwrap();
        assert_eq!(stored.report(), serde_json::to_value(&analysis).unwrap());
        let full = serde_json::to_string(&analysis).unwrap();
        // the row keeps spans, not the texts of its findings again
        let kept = crate::kept_json(&analysis);
        assert!(
            kept.len() * 3 < full.len() * 2,
            "{} of {}",
            kept.len(),
            full.len()
        );
        for quote in &analysis.quotes {
            assert!(!kept.contains(&quote.text), "{kept}");
        }
    }
}
