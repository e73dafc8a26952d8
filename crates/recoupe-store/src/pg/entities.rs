//! Entities in PostgreSQL: the tables and the lasting linker's restore of the SQLite store's
//! `crate::entities`, in SQL PostgreSQL reads.

use postgres::GenericClient;
use recoupe_core::entities::{sound_block, Entity, EntityKind, LinkedEntity, Linker, Spelling};
use recoupe_core::{ArticleId, EntityId};

use super::{clamp, PgStore};
use crate::entities::{linked_of, ENTITY_COLUMNS};
use crate::{EntityIndex, Result, StoreError};

pub(crate) fn linked(row: &postgres::Row) -> Result<LinkedEntity> {
    linked_of(
        row.try_get(0)?,
        row.try_get(1)?,
        row.try_get(2)?,
        row.try_get(3)?,
        row.try_get(4)?,
        row.try_get(5)?,
        row.try_get(6)?,
    )
    .map_err(|(column, what)| StoreError::NotFound(format!("entity row, column {column}: {what}")))
}

/// The entity index the tables hold; tables that do not hold a whole linker are emptied.
pub(crate) fn load(db: &mut impl GenericClient) -> Result<EntityIndex> {
    let seq: Option<i64> = match db.query_opt("SELECT seq FROM entity_index WHERE one = 1", &[])? {
        Some(r) => Some(r.try_get(0)?),
        None => None,
    };
    let entities: Result<Vec<LinkedEntity>> = db
        .query(
            &format!("SELECT {ENTITY_COLUMNS} FROM entities ORDER BY cluster"),
            &[],
        )?
        .iter()
        .map(linked)
        .collect();
    let mut spellings = Vec::new();
    for r in db.query("SELECT spelling, kind, cluster FROM entity_spellings", &[])? {
        let kind: String = r.try_get(1)?;
        let cluster: i64 = r.try_get(2)?;
        if let Some(kind) = EntityKind::parse(&kind) {
            spellings.push(Spelling {
                text: r.try_get(0)?,
                kind,
                cluster: cluster.max(0) as usize,
            });
        }
    }
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
            db.batch_execute(
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

impl PgStore {
    /// The entities of the store, the most mentioned first (then by name).
    pub fn entities(&self, limit: usize, max_articles: usize) -> Result<Vec<Entity>> {
        let rows = self.db().query(
            &format!("SELECT {ENTITY_COLUMNS} FROM entities ORDER BY mentions DESC, name LIMIT $1"),
            &[&clamp(limit)],
        )?;
        let linked = rows.iter().map(linked).collect::<Result<Vec<_>>>()?;
        linked
            .into_iter()
            .map(|e| {
                let articles = self.articles_of(e.cluster as i64, max_articles)?;
                Ok(e.entity(articles))
            })
            .collect()
    }

    /// As [`crate::SqliteStore::entity_candidates`].
    pub fn entity_candidates(&self, name: &str) -> Result<Vec<Entity>> {
        let wanted = name.to_lowercase();
        let mut clusters: Vec<i64> = Vec::new();
        {
            let mut db = self.db();
            if let Some(id) = EntityId::parse(name.trim()) {
                for r in db.query(
                    "SELECT cluster FROM entities WHERE id = $1",
                    &[&id.to_string()],
                )? {
                    clusters.push(r.try_get(0)?);
                }
            }
            for r in db.query(
                "SELECT cluster FROM entity_names WHERE name = $1 LIMIT 64",
                &[&wanted],
            )? {
                clusters.push(r.try_get(0)?);
            }
            if let Some(block) = sound_block(name) {
                for r in db.query(
                    "SELECT cluster FROM entities WHERE block = $1 ORDER BY mentions DESC LIMIT 1000",
                    &[&i32::from(block)],
                )? {
                    clusters.push(r.try_get(0)?);
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        clusters.retain(|c| seen.insert(*c));
        let rows = self.db().query(
            &format!("SELECT {ENTITY_COLUMNS} FROM entities WHERE cluster = ANY($1)"),
            &[&clusters],
        )?;
        let mut found = rows
            .iter()
            .map(|r| Ok(linked(r)?.entity(Vec::new())))
            .collect::<Result<Vec<Entity>>>()?;
        found.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
        Ok(found)
    }

    pub fn entity_articles(&self, id: EntityId, max: usize) -> Result<Vec<ArticleId>> {
        let cluster = self.db().query_opt(
            "SELECT cluster FROM entities WHERE id = $1",
            &[&id.to_string()],
        )?;
        match cluster {
            Some(r) => self.articles_of(r.try_get(0)?, max),
            None => Ok(Vec::new()),
        }
    }

    pub fn entities_behind(&self) -> Result<bool> {
        Ok(self
            .db()
            .query_one(
                "SELECT coalesce((SELECT max(seq) FROM articles), 0)
                      > coalesce((SELECT seq FROM entity_index WHERE one = 1), 0)",
                &[],
            )?
            .try_get(0)?)
    }

    /// The entity one of whose spellings is `name` (any case), the most mentioned.
    pub fn entity_named(&self, name: &str) -> Result<Option<EntityId>> {
        let row = self.db().query_opt(
            "SELECT e.id FROM entity_names n JOIN entities e ON e.cluster = n.cluster
             WHERE n.name = $1 ORDER BY e.mentions DESC LIMIT 1",
            &[&name.to_lowercase()],
        )?;
        Ok(match row {
            Some(r) => EntityId::parse(r.try_get(0)?),
            None => None,
        })
    }

    fn articles_of(&self, cluster: i64, max: usize) -> Result<Vec<ArticleId>> {
        let rows = self.db().query(
            "SELECT a.id FROM entity_articles e JOIN articles a ON a.seq = e.seq
             WHERE e.cluster = $1 ORDER BY e.seq LIMIT $2",
            &[&cluster, &clamp(max)],
        )?;
        Ok(rows
            .iter()
            .filter_map(|r| ArticleId::parse(r.try_get(0).ok()?))
            .collect())
    }
}
