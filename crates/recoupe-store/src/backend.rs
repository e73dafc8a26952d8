//! [`Store`]: the one handle the CLI, the server and the query layer hold, over either backend —
//! one SQLite file ([`SqliteStore`], the default) or a PostgreSQL database ([`PgStore`], a
//! `postgres://` URL where a path is expected). Both keep the same invariants (docs/store.md):
//! an article and its placement in one transaction, idempotent by article id, the story index's
//! snapshot and replay.

use std::collections::HashMap;
use std::path::Path;

use recoupe_core::entities::Entity;
use recoupe_core::search::Query;
use recoupe_core::stories::StoryConfig;
use recoupe_core::versions::Link;
use recoupe_core::{Analysis, ArticleId, EntityId, StoryId};

use crate::pg::PgStore;
use crate::{
    Action, Added, Correction, Finding, Placed, Prepared, Result, SearchFilters, SearchHit,
    SqliteStore, StoreError, StoredArticle, StoryContents, StoryIndex, StoryOrder, StoryRow,
    Written,
};

/// A store: a SQLite file or a PostgreSQL database.
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(Box<PgStore>),
}

/// Whether `location` (what `--db` was given) names a PostgreSQL database rather than a file.
pub fn is_postgres(location: &Path) -> bool {
    location
        .to_str()
        .is_some_and(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

macro_rules! on {
    ($store:expr, $s:ident => $call:expr) => {
        match $store {
            Store::Sqlite($s) => $call,
            Store::Postgres($s) => $call,
        }
    };
}

impl Store {
    /// Opens (creating and migrating if needed) the store at `location`: a `postgres://` or
    /// `postgresql://` URL opens that database, anything else is the path of a SQLite file.
    pub fn open(location: &Path) -> Result<Store> {
        if is_postgres(location) {
            let url = location.to_str().unwrap_or_default();
            Ok(Store::Postgres(Box::new(PgStore::open(url)?)))
        } else {
            Ok(Store::Sqlite(SqliteStore::open(location)?))
        }
    }

    /// A store that lives in memory only (SQLite).
    pub fn in_memory() -> Result<Store> {
        Ok(Store::Sqlite(SqliteStore::in_memory()?))
    }

    /// "sqlite" or "postgresql".
    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgresql",
        }
    }

    pub fn scanning(&self) -> Result<()> {
        on!(self, s => s.scanning())
    }
    pub fn bulk(&mut self) -> Result<()> {
        on!(self, s => s.bulk())
    }
    pub fn schema_version(&self) -> Result<i64> {
        on!(self, s => s.schema_version())
    }
    pub fn put_articles(&mut self, articles: &[Analysis]) -> Result<usize> {
        on!(self, s => s.put_articles(articles))
    }
    pub fn count(&self) -> Result<usize> {
        on!(self, s => s.count())
    }
    pub fn articles(&self, limit: usize) -> Result<Vec<StoredArticle>> {
        on!(self, s => s.articles(limit))
    }
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        on!(self, s => s.article(id))
    }
    pub fn contains(&self, id: ArticleId) -> Result<bool> {
        on!(self, s => s.contains(id))
    }
    pub fn has_url(&self, url: &str) -> Result<bool> {
        on!(self, s => s.has_url(url))
    }
    pub fn feed_validators(&self, url: &str) -> Result<(Option<String>, Option<String>)> {
        on!(self, s => s.feed_validators(url))
    }
    pub fn save_feed(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<()> {
        on!(self, s => s.save_feed(url, etag, last_modified))
    }
    pub fn integrity_check(&self) -> Result<String> {
        on!(self, s => s.integrity_check())
    }

    // stories
    pub fn story_index(&mut self, config: StoryConfig) -> Result<StoryIndex> {
        on!(self, s => s.story_index(config))
    }
    pub fn add(&mut self, index: &mut StoryIndex, batch: Vec<Prepared>) -> Result<Added> {
        on!(self, s => s.add(index, batch))
    }
    pub fn write_placed(&mut self, placed: Placed) -> Result<Written> {
        on!(self, s => s.write_placed(placed))
    }
    pub fn write_placed_part(&mut self, placed: Placed, end: bool) -> Result<Written> {
        on!(self, s => s.write_placed_part(placed, end))
    }
    pub fn save_index(&mut self, index: &mut StoryIndex) -> Result<()> {
        on!(self, s => s.save_index(index))
    }
    pub fn stories_behind(&self) -> Result<bool> {
        on!(self, s => s.stories_behind())
    }
    pub fn story_count(&self) -> Result<usize> {
        on!(self, s => s.story_count())
    }
    pub fn stories(&self, order: StoryOrder, limit: usize, offset: usize) -> Result<Vec<StoryRow>> {
        on!(self, s => s.stories(order, limit, offset))
    }
    pub fn story(&self, id: &str) -> Result<Option<StoryRow>> {
        on!(self, s => s.story(id))
    }
    pub fn story_of_article(&self, id: ArticleId) -> Result<Option<StoryId>> {
        on!(self, s => s.story_of_article(id))
    }
    pub fn story_contents(
        &self,
        id: StoryId,
        max_articles: usize,
    ) -> Result<Option<StoryContents>> {
        on!(self, s => s.story_contents(id, max_articles))
    }
    pub fn story_members(&self) -> Result<HashMap<StoryId, Vec<ArticleId>>> {
        on!(self, s => s.story_members())
    }

    // entities
    pub fn entities(&self, limit: usize, max_articles: usize) -> Result<Vec<Entity>> {
        on!(self, s => s.entities(limit, max_articles))
    }
    pub fn entity_candidates(&self, name: &str) -> Result<Vec<Entity>> {
        on!(self, s => s.entity_candidates(name))
    }
    pub fn entity_articles(&self, id: EntityId, max: usize) -> Result<Vec<ArticleId>> {
        on!(self, s => s.entity_articles(id, max))
    }
    pub fn entities_behind(&self) -> Result<bool> {
        on!(self, s => s.entities_behind())
    }
    pub fn entity_named(&self, name: &str) -> Result<Option<EntityId>> {
        on!(self, s => s.entity_named(name))
    }

    // search
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        on!(self, s => s.search(query, limit))
    }
    pub fn search_with(
        &self,
        query: &Query,
        filters: &SearchFilters,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        on!(self, s => s.search_with(query, filters, limit))
    }
    pub fn spellings_named(&self, name: &str) -> Result<Option<(String, Vec<String>)>> {
        on!(self, s => s.spellings_named(name))
    }

    // every row of a kind (exports)
    pub fn each_article(
        &self,
        story: Option<StoryId>,
        row: impl FnMut(StoredArticle, Option<StoryId>) -> Result<()>,
    ) -> Result<usize> {
        on!(self, s => s.each_article(story, row))
    }
    pub fn each_story(
        &self,
        story: Option<StoryId>,
        row: impl FnMut(StoryRow) -> Result<()>,
    ) -> Result<usize> {
        on!(self, s => s.each_story(story, row))
    }
    pub fn each_link(
        &self,
        story: Option<StoryId>,
        row: impl FnMut(Link) -> Result<()>,
    ) -> Result<usize> {
        on!(self, s => s.each_link(story, row))
    }
    pub fn each_entity(&self, row: impl FnMut(Entity) -> Result<()>) -> Result<usize> {
        on!(self, s => s.each_entity(row))
    }

    // corrections
    pub fn move_article(
        &mut self,
        article: ArticleId,
        to: Option<StoryId>,
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        on!(self, s => s.move_article(article, to, by, why))
    }
    pub fn merge_stories(
        &mut self,
        from: StoryId,
        into: StoryId,
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        on!(self, s => s.merge_stories(from, into, by, why))
    }
    pub fn split_story(
        &mut self,
        from: StoryId,
        articles: &[ArticleId],
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        on!(self, s => s.split_story(from, articles, by, why))
    }
    /// Reads entity `from` as part of `into` from now on (see [`Action::MergeEntities`]);
    /// gives the log entry. Both must be entities of the store, `from` not merged already, and
    /// `into` not (through other merges) merged into `from`.
    pub fn merge_entities(
        &mut self,
        from: EntityId,
        into: EntityId,
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        if from == into {
            return Err(StoreError::NotFound(
                "an entity cannot be merged into itself".into(),
            ));
        }
        for id in [from, into] {
            let candidates = self.entity_candidates(&id.to_string())?;
            if !candidates.iter().any(|e| e.id == id) {
                return Err(StoreError::NotFound(format!("no entity {id}")));
            }
        }
        let merges = crate::corrections::entity_merges(&self.corrections()?);
        if let Some(already) = merges.get(&from) {
            return Err(StoreError::NotFound(format!(
                "entity {from} is merged into {already} already: undo that correction first"
            )));
        }
        let mut at = into;
        for _ in 0..=merges.len() {
            match merges.get(&at) {
                Some(next) if *next == from => {
                    return Err(StoreError::NotFound(format!(
                        "entity {into} is merged into {from}: the two are one already"
                    )))
                }
                Some(next) => at = *next,
                None => break,
            }
        }
        let action = Action::MergeEntities { from, into };
        on!(self, s => s.log_correction(by, why, &action))
    }
    /// Reads the spelling `spelling` (case aside) of entity `entity` as another entity from now
    /// on (see [`Action::SplitSpelling`]); gives the log entry. The entity must be one of the
    /// store not merged into another (its spellings are then the merged entity's), the spelling
    /// one of its own or of an entity merged into it, not split out already, and not the last
    /// spelling it has left.
    pub fn split_spelling(
        &mut self,
        entity: EntityId,
        spelling: &str,
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        let log = self.corrections()?;
        let merges = crate::corrections::entity_merges(&log);
        if let Some(into) = merges.get(&entity) {
            return Err(StoreError::NotFound(format!(
                "entity {entity} is merged into {into}: split the spelling out of {into}"
            )));
        }
        // the spellings read as the entity: its own and those of the entities merged into it
        let mut read_as: Vec<EntityId> = vec![entity];
        for from in merges.keys() {
            let mut at = *from;
            for _ in 0..=merges.len() {
                match merges.get(&at) {
                    Some(next) => at = *next,
                    None => break,
                }
            }
            if at == entity {
                read_as.push(*from);
            }
        }
        let mut variants: Vec<String> = Vec::new();
        for id in read_as {
            let found = self
                .entity_candidates(&id.to_string())?
                .into_iter()
                .find(|e| e.id == id);
            match found {
                Some(e) => variants.extend(e.variants),
                None if id == entity => {
                    return Err(StoreError::NotFound(format!("no entity {entity}")))
                }
                None => {}
            }
        }
        let wanted = spelling.trim().to_lowercase();
        let Some(written) = variants
            .iter()
            .find(|v| v.to_lowercase() == wanted)
            .cloned()
        else {
            let some: Vec<&str> = variants.iter().take(12).map(String::as_str).collect();
            return Err(StoreError::NotFound(format!(
                "entity {entity} has no spelling {:?}; its spellings: {}",
                spelling.trim(),
                some.join(", ")
            )));
        };
        let splits = crate::corrections::spelling_splits(&log);
        let split_here: Vec<&crate::SpellingSplit> =
            splits.iter().filter(|s| s.entity == entity).collect();
        if let Some(done) = split_here.iter().find(|s| s.is_spelling(&written)) {
            return Err(StoreError::NotFound(format!(
                "{written:?} is split out of entity {entity} already (as {})",
                done.to
            )));
        }
        let left = variants
            .iter()
            .any(|v| v.to_lowercase() != wanted && !split_here.iter().any(|s| s.is_spelling(v)));
        if !left {
            return Err(StoreError::NotFound(format!(
                "{written:?} is the last spelling entity {entity} has: nothing would be left of it"
            )));
        }
        let action = Action::SplitSpelling {
            entity,
            to: crate::SpellingSplit::id_of(entity, &written),
            spelling: written,
        };
        on!(self, s => s.log_correction(by, why, &action))
    }
    /// Marks the figure or the quote of `article` that starts at byte `start` of its text as
    /// wrong (see [`Action::MarkWrong`]); gives the log entry. One not marked already.
    pub fn mark_wrong(
        &mut self,
        article: ArticleId,
        finding: Finding,
        start: usize,
        by: &str,
        why: &str,
    ) -> Result<Correction> {
        let stored = self
            .article(&article.to_string())?
            .ok_or_else(|| StoreError::NotFound(format!("no article {article}")))?;
        let analysis = stored.analysis();
        let found = match finding {
            Finding::Figure => analysis
                .figures
                .iter()
                .find(|f| f.start == start)
                .map(|f| (f.end, f.text.clone())),
            Finding::Quote => analysis
                .quotes
                .iter()
                .chain(&analysis.reported_speech)
                .find(|q| q.start == start)
                .map(|q| (q.end, q.text.clone())),
        };
        let Some((end, text)) = found else {
            return Err(StoreError::NotFound(format!(
                "article {article} has no {} starting at byte {start}",
                finding.as_str()
            )));
        };
        let marked = self.corrections()?.into_iter().find(|c| {
            c.undone_at.is_none()
                && matches!(&c.action, Action::MarkWrong { article: a, finding: f, start: s, .. }
                    if *a == article && *f == finding && *s == start)
        });
        if let Some(c) = marked {
            return Err(StoreError::NotFound(format!(
                "that {} is marked wrong already (correction {})",
                finding.as_str(),
                c.id
            )));
        }
        let action = Action::MarkWrong {
            article,
            finding,
            start,
            end,
            text,
        };
        on!(self, s => s.log_correction(by, why, &action))
    }
    pub fn undo_correction(&mut self, id: i64) -> Result<Correction> {
        on!(self, s => s.undo_correction(id))
    }
    pub fn corrections(&self) -> Result<Vec<Correction>> {
        on!(self, s => s.corrections())
    }
}
