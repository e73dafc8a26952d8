//! Entities in the store: the names of each article linked as it is written, in the same
//! transaction, so `recoupe entities` reads a table instead of linking a corpus again.
//!
//! The linker (the core's lasting [`Linker`]) lives in memory beside the story index; after each
//! batch it gives the entities the batch touched, written whole (`entities`, with their spellings
//! in `entity_names` for lookup), the articles that found them (`entity_articles`) and the
//! spellings it placed (`entity_spellings`). Opening the index restores the linker from these
//! tables and links the articles stored after `entity_index.seq`, so a store that was killed,
//! or written before entities were kept, goes on as one that never stopped.

use recoupe_core::entities::{
    sound_block, ArticleMentions, Entity, EntityKind, LinkedEntity, Linker, LinkerChanges, Spelling,
};
use recoupe_core::{ArticleId, EntityId, Lang};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Result, SqliteStore};

/// What an entity row keeps beside its columns (the `state` column).
#[derive(Serialize, Deserialize, schemars::JsonSchema)]
struct State {
    label: String,
    place: Option<String>,
    /// spelling, language code ("" for none), times seen
    variants: Vec<(String, String, usize)>,
    languages: Vec<String>,
    evidence: Vec<String>,
    last_article: Option<String>,
    /// Spellings found by their sound (absent in rows written before it was kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    by_sound: Vec<String>,
}

pub(crate) const ENTITY_COLUMNS: &str = "cluster, id, kind, name, mentions, articles, state";

pub(crate) fn row_to_linked(row: &rusqlite::Row<'_>) -> rusqlite::Result<LinkedEntity> {
    linked_of(
        row.get(0)?,
        &row.get::<_, String>(1)?,
        &row.get::<_, String>(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        &row.get::<_, String>(6)?,
    )
    .map_err(|(column, what)| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, what.into())
    })
}

/// An entity from the columns of its row ([`ENTITY_COLUMNS`], in order), for every backend;
/// a column that does not read gives its index and why.
pub(crate) fn linked_of(
    cluster: i64,
    id: &str,
    kind: &str,
    name: String,
    mentions: i64,
    articles: i64,
    state: &str,
) -> std::result::Result<LinkedEntity, (usize, String)> {
    let state: State = serde_json::from_str(state).map_err(|e| (6, e.to_string()))?;
    Ok(LinkedEntity {
        cluster: cluster.max(0) as usize,
        id: EntityId::parse(id).ok_or_else(|| (1, format!("not an entity id: {id:?}")))?,
        label: state.label,
        kind: EntityKind::parse(kind).ok_or_else(|| (2, format!("not a kind: {kind:?}")))?,
        place: state.place,
        name,
        variants: state
            .variants
            .into_iter()
            .map(|(v, l, n)| (v, Lang::parse(&l), n))
            .collect(),
        languages: state
            .languages
            .iter()
            .filter_map(|l| Lang::parse(l))
            .collect(),
        evidence: state.evidence,
        mentions: mentions.max(0) as usize,
        articles: articles.max(0) as usize,
        last_article: state.last_article.as_deref().and_then(ArticleId::parse),
        new_articles: Vec::new(),
        new_variants: 0,
        by_sound: state.by_sound,
    })
}

/// The `state` column of an entity's row.
pub(crate) fn state_json(e: &LinkedEntity) -> String {
    let state = State {
        label: e.label.clone(),
        place: e.place.clone(),
        variants: e
            .variants
            .iter()
            .map(|(v, l, n)| {
                (
                    v.clone(),
                    l.map(|l| l.code().to_string()).unwrap_or_default(),
                    *n,
                )
            })
            .collect(),
        languages: e.languages.iter().map(|l| l.code().to_string()).collect(),
        evidence: e.evidence.clone(),
        last_article: e.last_article.map(|a| a.to_string()),
        by_sound: e.by_sound.clone(),
    };
    serde_json::to_string(&state).unwrap_or_default()
}

/// Writes what the linker changed, as of the article `seq`.
pub(crate) fn write_changes(conn: &Connection, changes: LinkerChanges, seq: i64) -> Result<()> {
    let mut entity = conn.prepare_cached(
        "INSERT INTO entities (cluster, id, kind, name, block, mentions, articles, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (cluster) DO UPDATE SET kind = ?3, name = ?4, block = ?5, mentions = ?6,
             articles = ?7, state = ?8",
    )?;
    let mut name =
        conn.prepare_cached("INSERT OR IGNORE INTO entity_names (name, cluster) VALUES (?1, ?2)")?;
    let mut article = conn.prepare_cached(
        "INSERT OR IGNORE INTO entity_articles (cluster, seq)
         SELECT ?1, rowid FROM articles WHERE id = ?2",
    )?;
    for e in changes.entities {
        let cluster = e.cluster as i64;
        let state = state_json(&e);
        entity.execute(params![
            cluster,
            e.id.to_string(),
            e.kind.as_str(),
            e.name,
            sound_block(&e.name),
            e.mentions as i64,
            e.articles as i64,
            state,
        ])?;
        name.execute(params![e.name.to_lowercase(), cluster])?;
        for (v, _, _) in e.variants.get(e.new_variants..).unwrap_or_default() {
            name.execute(params![v.to_lowercase(), cluster])?;
        }
        for a in e.new_articles {
            article.execute(params![cluster, a.to_string()])?;
        }
    }
    let mut spelling = conn.prepare_cached(
        "INSERT OR REPLACE INTO entity_spellings (spelling, kind, cluster) VALUES (?1, ?2, ?3)",
    )?;
    for s in changes.spellings {
        spelling.execute(params![s.text, s.kind.as_str(), s.cluster as i64])?;
    }
    conn.execute(
        "INSERT OR REPLACE INTO entity_index (one, seq) VALUES (1, ?1)",
        [seq],
    )?;
    Ok(())
}

/// The store's entities while articles are written: the lasting linker, and the sequence
/// number of the last article linked.
pub struct EntityIndex {
    pub(crate) linker: Linker,
    pub(crate) linked_seq: i64,
}

impl EntityIndex {
    /// Links the names of the articles of a part placed ([`crate::StoryIndex::place_in_order`]),
    /// in order; at the end of the batch (`end`), what the batch changed goes with the part to be
    /// written in the batch's transaction. Parts are linked in the order they were placed.
    pub fn link(&mut self, placed: &mut crate::Placed, end: bool) {
        for (analysis, _, _) in &mut placed.items {
            // the mentions are given their entities in place: what is stored of the article was
            // made before (its row's JSON), and `analyze --db` reports a copy taken before
            self.linker.add(&mut ArticleMentions {
                article: analysis.id,
                language: analysis.language,
                text: &analysis.text,
                mentions: &mut analysis.entities,
            });
            // then the title's, as `recoupe_core::Linking` does
            self.linker.add(&mut ArticleMentions {
                article: analysis.id,
                language: analysis.language,
                text: &analysis.title,
                mentions: &mut analysis.title_entities,
            });
        }
        if end {
            placed.entities = Some(self.linker.drain());
        }
    }

    /// Links the names of a stored article again (its text's, then its title's); gives it
    /// back with its mentions linked (each carrying its cluster's number).
    pub(crate) fn link_article(
        &mut self,
        mut analysis: recoupe_core::Analysis,
    ) -> recoupe_core::Analysis {
        self.linker.add(&mut ArticleMentions {
            article: analysis.id,
            language: analysis.language,
            text: &analysis.text,
            mentions: &mut analysis.entities,
        });
        self.linker.add(&mut ArticleMentions {
            article: analysis.id,
            language: analysis.language,
            text: &analysis.title,
            mentions: &mut analysis.title_entities,
        });
        analysis
    }
}

/// The entity index the tables hold. Tables that do not hold a whole linker are emptied: the
/// articles are linked again from the first.
pub(crate) fn load(conn: &Connection) -> Result<EntityIndex> {
    let seq: Option<i64> = conn
        .query_row("SELECT seq FROM entity_index WHERE one = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let entities = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {ENTITY_COLUMNS} FROM entities ORDER BY cluster"
        ))?;
        let rows = stmt.query_map([], row_to_linked)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
    };
    let spellings = {
        let mut stmt = conn.prepare("SELECT spelling, kind, cluster FROM entity_spellings")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(text, kind, cluster)| {
                Some(Spelling {
                    text,
                    kind: EntityKind::parse(&kind)?,
                    cluster: cluster as usize,
                })
            })
            .collect()
    };
    let restored = match (seq, entities) {
        (Some(seq), Ok(entities)) => {
            Linker::restore(entities, spellings).map(|linker| EntityIndex {
                linker,
                linked_seq: seq,
            })
        }
        _ => None,
    };
    match restored {
        Some(restored) => Ok(restored),
        None => {
            conn.execute_batch(
                "DELETE FROM entities; DELETE FROM entity_names; DELETE FROM entity_articles;
                 DELETE FROM entity_spellings; DELETE FROM entity_index;",
            )?;
            Ok(EntityIndex {
                linker: Linker::lasting(),
                linked_seq: 0,
            })
        }
    }
}

impl SqliteStore {
    /// The entities of the store, the most mentioned first (then by name), each with its first
    /// `max_articles` articles (`article_count` says how many there are).
    pub fn entities(&self, limit: usize, max_articles: usize) -> Result<Vec<Entity>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ENTITY_COLUMNS} FROM entities ORDER BY mentions DESC, name LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit.min(i64::MAX as usize) as i64], row_to_linked)?;
        let linked = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        linked
            .into_iter()
            .map(|e| {
                let articles = self.articles_of(e.cluster, max_articles)?;
                Ok(e.entity(articles))
            })
            .collect()
    }

    /// The entities a lookup of `name` chooses from (see `recoupe_core::entities::find_entity`),
    /// in the order of the entity list, without their articles: the entity whose id is `name`,
    /// those whose name or one of whose spellings is `name` (any case), and the most mentioned
    /// of those whose surname sounds like its (the same block).
    pub fn entity_candidates(&self, name: &str) -> Result<Vec<Entity>> {
        let wanted = name.to_lowercase();
        let mut clusters: Vec<i64> = Vec::new();
        let mut add = |sql: &str, key: &dyn rusqlite::ToSql| -> Result<()> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([key], |r| r.get(0))?;
            clusters.extend(rows.collect::<rusqlite::Result<Vec<i64>>>()?);
            Ok(())
        };
        if let Some(id) = EntityId::parse(name.trim()) {
            add(
                "SELECT cluster FROM entities WHERE id = ?1",
                &id.to_string(),
            )?;
        }
        add(
            "SELECT cluster FROM entity_names WHERE name = ?1 LIMIT 64",
            &wanted,
        )?;
        if let Some(block) = sound_block(name) {
            add(
                "SELECT cluster FROM entities WHERE block = ?1 ORDER BY mentions DESC LIMIT 1000",
                &block,
            )?;
        }
        let mut seen = std::collections::HashSet::new();
        clusters.retain(|c| seen.insert(*c));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTITY_COLUMNS} FROM entities WHERE cluster = ?1"
        ))?;
        let mut found = Vec::with_capacity(clusters.len());
        for c in clusters {
            if let Some(e) = stmt.query_row([c], row_to_linked).optional()? {
                found.push(e.entity(Vec::new()));
            }
        }
        found.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
        Ok(found)
    }

    /// The first `max` articles entity `id` was found in, in the order they were stored.
    pub fn entity_articles(&self, id: EntityId, max: usize) -> Result<Vec<ArticleId>> {
        let cluster: Option<i64> = self
            .conn
            .query_row(
                "SELECT cluster FROM entities WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        match cluster {
            Some(c) => self.articles_of(c as usize, max),
            None => Ok(Vec::new()),
        }
    }

    /// Whether articles were stored after the entities were last written (a store of an
    /// earlier schema, or a writer killed before its batch's entities): opening the story
    /// index links them.
    pub fn entities_behind(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT coalesce((SELECT max(rowid) FROM articles), 0)
                  > coalesce((SELECT seq FROM entity_index WHERE one = 1), 0)",
            [],
            |r| r.get(0),
        )?)
    }

    fn articles_of(&self, cluster: usize, max: usize) -> Result<Vec<ArticleId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id FROM entity_articles e JOIN articles a ON a.rowid = e.seq
             WHERE e.cluster = ?1 ORDER BY e.seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(
            params![cluster as i64, max.min(i64::MAX as usize) as i64],
            |r| crate::article_id(r, 0),
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
