//! Stories in PostgreSQL: the same writing and replay as the SQLite store's (`crate::stories`),
//! in SQL PostgreSQL reads.

use std::collections::{HashMap, HashSet};

use postgres::GenericClient;
use recoupe_core::similarity::Profile;
use recoupe_core::stories::{Assignment, Clusterer, Join, StoryConfig};
use recoupe_core::versions::Link;
use recoupe_core::{Analysis, ArticleId, Date, Lang, StoryId};

use super::{article_of, bulk, clamp, PgStore, ARTICLE_COLUMNS};
use crate::stories::SNAPSHOT_PART;
use crate::{
    Added, Placed, Prepared, Result, StoredArticle, StoryContents, StoryIndex, StoryOrder,
    StoryRow, Written,
};

pub(crate) const STORY_COLUMNS: &str =
    "id, title, start, \"end\", size, languages, sources, updated_seq";

pub(crate) fn story_of(row: &postgres::Row) -> Result<StoryRow> {
    let id: String = row.try_get(0)?;
    let start: Option<String> = row.try_get(2)?;
    let end: Option<String> = row.try_get(3)?;
    let languages: String = row.try_get(5)?;
    let sources: String = row.try_get(6)?;
    Ok(StoryRow {
        id: StoryId::parse(&id).unwrap_or(StoryId(0)),
        title: row.try_get(1)?,
        start: start.as_deref().and_then(Date::parse_iso),
        end: end.as_deref().and_then(Date::parse_iso),
        size: row.try_get::<_, i64>(4)?.max(0) as usize,
        languages: languages
            .split_whitespace()
            .filter_map(Lang::parse)
            .collect(),
        sources: serde_json::from_str(&sources).unwrap_or_default(),
        version: row.try_get(7)?,
    })
}

impl PgStore {
    /// Opens the story index: the saved snapshot, then the articles stored after it placed
    /// again (as [`crate::SqliteStore::story_index`]).
    pub fn story_index(&mut self, config: StoryConfig) -> Result<StoryIndex> {
        let mut seq = 0;
        let mut bytes = Vec::new();
        for row in self
            .db_mut()
            .query("SELECT seq, bytes FROM story_index ORDER BY part", &[])?
        {
            seq = row.try_get(0)?;
            bytes.extend_from_slice(row.try_get::<_, &[u8]>(1)?);
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
        let entities = super::entities::load(self.db_mut())?;
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
        self.last_seq = index.seq;
        Ok(index)
    }

    /// Places again the articles stored after the index's sequence number, in the order they
    /// were stored, and links the names of those stored after the entities' one.
    fn replay(&mut self, index: &mut StoryIndex) -> Result<()> {
        const PAGE: i64 = 2_000;
        loop {
            let from = match &index.entities {
                Some(e) => index.seq.min(e.linked_seq),
                None => index.seq,
            };
            let rows = self.db_mut().query(
                &format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2"
                ),
                &[&from, &PAGE],
            )?;
            let page = rows.iter().map(article_of).collect::<Result<Vec<_>>>()?;
            let Some(last) = page.last().map(|a| a.seq) else {
                return Ok(());
            };
            let mut placed: Vec<(Analysis, Assignment, i64)> = Vec::new();
            // the articles linked again, their names' entities as the linker gives them now
            let mut relinked: Vec<(i64, Analysis)> = Vec::new();
            for stored in page {
                let placing = stored.seq > index.seq;
                let linking = index
                    .entities
                    .as_ref()
                    .is_some_and(|e| stored.seq > e.linked_seq);
                if !placing && !linking {
                    continue;
                }
                let analysis = stored.analysis_as_placed();
                let assignment = placing.then(|| index.clusterer.add(Profile::of(&analysis, None)));
                if placing {
                    index.seq = stored.seq;
                    index.replayed += 1;
                    index.since_snapshot += 1;
                }
                match (assignment, index.entities.as_mut().filter(|_| linking)) {
                    (Some(assignment), Some(e)) => {
                        relinked.push((stored.seq, e.link_article(analysis.clone())));
                        placed.push((analysis, assignment, stored.seq));
                    }
                    (Some(assignment), None) => placed.push((analysis, assignment, stored.seq)),
                    (None, Some(e)) => relinked.push((stored.seq, e.link_article(analysis))),
                    (None, None) => {}
                }
            }
            let mut tx = self.db_mut().transaction()?;
            let rows: Vec<(&Analysis, &Assignment, i64)> =
                placed.iter().map(|(a, p, s)| (a, p, *s)).collect();
            bulk::write_placements(&mut tx, &rows, true)?;
            let names: Vec<(i64, &Analysis)> = relinked.iter().map(|(s, a)| (*s, a)).collect();
            bulk::insert_mentions(&mut tx, &names, true)?;
            if let Some(e) = &mut index.entities {
                if last > e.linked_seq {
                    bulk::write_entity_changes(&mut tx, e.linker.drain(), last)?;
                    e.linked_seq = last;
                }
            }
            tx.commit()?;
        }
    }

    /// As [`crate::SqliteStore::add`].
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

    pub fn write_placed(&mut self, placed: Placed) -> Result<Written> {
        self.write_placed_part(placed, true)
    }

    /// As [`crate::SqliteStore::write_placed_part`]: the batch's transaction opens with its
    /// first part and commits with its last.
    pub fn write_placed_part(&mut self, placed: Placed, end: bool) -> Result<Written> {
        let written = self.write_part(placed, end);
        if written.is_err() && self.in_batch {
            self.in_batch = false;
            let _ = self.db_mut().batch_execute("ROLLBACK");
        }
        written
    }

    fn write_part(&mut self, placed: Placed, end: bool) -> Result<Written> {
        if !self.in_batch {
            self.db_mut().batch_execute("BEGIN")?;
            self.in_batch = true;
        }
        let mut written = Written::default();
        let mut last_seq = self.last_seq;
        {
            let db = self.db_mut();
            let rows: Vec<bulk::Row<'_>> = placed
                .items
                .iter()
                .map(|(analysis, row, _)| bulk::Row {
                    analysis,
                    kept: &row.json,
                })
                .collect();
            let seqs = bulk::insert_articles(db, &rows, true)?;
            let mut new = Vec::with_capacity(seqs.len());
            for ((article, _, assignment), seq) in placed.items.iter().zip(seqs) {
                let Some(seq) = seq else {
                    written.conflicts += 1;
                    continue;
                };
                new.push((article, assignment, seq));
                written.placed.push((assignment.article, assignment.story));
                last_seq = seq;
            }
            bulk::write_placements(db, &new, false)?;
        }
        self.last_seq = last_seq;
        self.conflicts += written.conflicts;
        if let Some(bytes) = &placed.snapshot {
            if self.conflicts == 0 {
                write_snapshot(self.db_mut(), bytes, last_seq)?;
            }
        }
        if let Some(changes) = placed.entities {
            if self.conflicts == 0 {
                bulk::write_entity_changes(self.db_mut(), changes, last_seq)?;
            }
        }
        if end {
            if let Some(fence) = self.fence.take() {
                self.apply_fence(fence)?;
            }
            self.db_mut().batch_execute("COMMIT")?;
            self.in_batch = false;
        }
        written.known = placed.known;
        Ok(written)
    }

    /// Saves the index's snapshot now, if articles were placed since the last one.
    pub fn save_index(&mut self, index: &mut StoryIndex) -> Result<()> {
        if index.since_snapshot == 0 || index.stale {
            return Ok(());
        }
        let seq = index.seq.max(self.last_seq);
        let bytes = index.clusterer.snapshot();
        let mut tx = self.db_mut().transaction()?;
        write_snapshot(&mut tx, &bytes, seq)?;
        tx.commit()?;
        index.since_snapshot = 0;
        Ok(())
    }

    pub fn stories_behind(&self) -> Result<bool> {
        Ok(self
            .db()
            .query_one(
                "SELECT coalesce((SELECT max(seq) FROM articles), 0)
                      > coalesce((SELECT max(seq) FROM story_members), 0)",
                &[],
            )?
            .try_get(0)?)
    }

    pub fn story_count(&self) -> Result<usize> {
        let n: i64 = self
            .db()
            .query_one("SELECT count(*) FROM stories", &[])?
            .try_get(0)?;
        Ok(n as usize)
    }

    pub fn stories(&self, order: StoryOrder, limit: usize, offset: usize) -> Result<Vec<StoryRow>> {
        let order = match order {
            StoryOrder::Recent => "\"end\" IS NULL, \"end\" DESC, size DESC, id",
            StoryOrder::Largest => "size DESC, \"end\" IS NULL, \"end\" DESC, id",
        };
        let rows = self.db().query(
            &format!("SELECT {STORY_COLUMNS} FROM stories ORDER BY {order} LIMIT $1 OFFSET $2"),
            &[&clamp(limit), &clamp(offset)],
        )?;
        rows.iter().map(story_of).collect()
    }

    pub fn story(&self, id: &str) -> Result<Option<StoryRow>> {
        let hex = id.trim().trim_start_matches('s').to_ascii_lowercase();
        if hex.is_empty() || hex.len() > 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let low = format!("s{hex}");
        let high = format!("s{hex}g");
        let rows = self.db().query(
            &format!("SELECT {STORY_COLUMNS} FROM stories WHERE id >= $1 AND id < $2 LIMIT 2"),
            &[&low, &high],
        )?;
        match rows.len() {
            0 => Ok(None),
            1 => story_of(&rows[0]).map(Some),
            _ => Err(crate::StoreError::Ambiguous(id.to_string())),
        }
    }

    pub fn story_of_article(&self, id: ArticleId) -> Result<Option<StoryId>> {
        let row = self.db().query_opt(
            "SELECT m.story FROM articles a JOIN story_members m ON m.seq = a.seq WHERE a.id = $1",
            &[&id.to_string()],
        )?;
        Ok(match row {
            Some(r) => StoryId::parse(&r.try_get::<_, String>(0)?),
            None => None,
        })
    }

    pub fn story_contents(
        &self,
        id: StoryId,
        max_articles: usize,
    ) -> Result<Option<StoryContents>> {
        let Some(row) = self.story(&id.to_string())? else {
            return Ok(None);
        };
        let columns = ARTICLE_COLUMNS
            .split(", ")
            .map(|c| format!("a.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut db = self.db();
        let rows = db.query(
            &format!(
                "SELECT {columns}, m.score, m.evidence FROM story_members m
                 JOIN articles a ON a.seq = m.seq WHERE m.story = $1 ORDER BY m.seq LIMIT $2"
            ),
            &[&row.id.to_string(), &clamp(max_articles)],
        )?;
        let mut members: Vec<(StoredArticle, Join)> = Vec::with_capacity(rows.len());
        for r in &rows {
            let article = article_of(r)?;
            let score: Option<f64> = r.try_get(9)?;
            let evidence: String = r.try_get(10)?;
            let join = Join {
                article: article.id,
                score,
                evidence: serde_json::from_str(&evidence).unwrap_or_default(),
            };
            members.push((article, join));
        }
        let ids: HashSet<ArticleId> = members.iter().map(|(a, _)| a.id).collect();
        let seqs: Vec<i64> = members.iter().map(|(a, _)| a.seq).collect();
        let mut links = Vec::new();
        for r in db.query("SELECT b, link FROM links WHERE seq = ANY($1)", &[&seqs])? {
            let b: String = r.try_get(0)?;
            let json: String = r.try_get(1)?;
            if ArticleId::parse(&b).is_some_and(|b| ids.contains(&b)) {
                if let Ok(link) = serde_json::from_str::<Link>(&json) {
                    links.push(link);
                }
            }
        }
        links.sort_by_key(|l| (l.a, l.b));
        Ok(Some(StoryContents {
            row,
            members,
            links,
        }))
    }

    pub fn story_members(&self) -> Result<HashMap<StoryId, Vec<ArticleId>>> {
        let rows = self.db().query(
            "SELECT m.story, a.id FROM story_members m JOIN articles a ON a.seq = m.seq
             ORDER BY m.seq",
            &[],
        )?;
        let mut stories: HashMap<StoryId, Vec<ArticleId>> = HashMap::new();
        for r in rows {
            let story: String = r.try_get(0)?;
            let article: String = r.try_get(1)?;
            if let (Some(s), Some(a)) = (StoryId::parse(&story), ArticleId::parse(&article)) {
                stories.entry(s).or_default().push(a);
            }
        }
        Ok(stories)
    }
}

fn write_snapshot(db: &mut impl GenericClient, bytes: &[u8], seq: i64) -> Result<()> {
    db.execute("DELETE FROM story_index", &[])?;
    let insert = db.prepare("INSERT INTO story_index (part, seq, bytes) VALUES ($1, $2, $3)")?;
    for (part, chunk) in bytes.chunks(SNAPSHOT_PART).enumerate() {
        db.execute(&insert, &[&(part as i32), &seq, &chunk])?;
    }
    Ok(())
}
