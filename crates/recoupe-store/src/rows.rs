//! Every row of a kind, one at a time: what an export reads. Each reader walks one SQLite
//! statement and hands each row to a callback, so memory stays that of one row whatever the
//! size of the store; a story narrows each to that story's rows.

use recoupe_core::entities::Entity;
use recoupe_core::versions::Link;
use recoupe_core::{EntityId, StoryId};
use rusqlite::{OptionalExtension, ToSql};

use crate::stories::{row_to_story, STORY_COLUMNS};
use crate::{row_to_article, Result, SqliteStore, StoredArticle, StoryRow, ARTICLE_COLUMNS};

impl SqliteStore {
    /// Every article in the order it was stored, with the story it is in; with `story`, that
    /// story's articles only. Gives how many were handed over.
    pub fn each_article(
        &self,
        story: Option<StoryId>,
        mut row: impl FnMut(StoredArticle, Option<StoryId>) -> Result<()>,
    ) -> Result<usize> {
        let filter = match story {
            Some(_) => "WHERE rowid IN (SELECT seq FROM story_members WHERE story = ?1)",
            None => "",
        };
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS},
                 (SELECT story FROM story_members WHERE seq = articles.rowid)
             FROM articles {filter} ORDER BY rowid"
        );
        self.walk(&sql, story, |r| {
            let article = row_to_article(r)?;
            let in_story: Option<String> = r.get(9)?;
            row(article, in_story.as_deref().and_then(StoryId::parse))
        })
    }

    /// Every story, the largest first (then by id); with `story`, that one.
    pub fn each_story(
        &self,
        story: Option<StoryId>,
        mut row: impl FnMut(StoryRow) -> Result<()>,
    ) -> Result<usize> {
        let filter = match story {
            Some(_) => "WHERE id = ?1",
            None => "",
        };
        let sql = format!("SELECT {STORY_COLUMNS} FROM stories {filter} ORDER BY size DESC, id");
        self.walk(&sql, story, |r| row(row_to_story(r)?))
    }

    /// Every version or translation link, in the order the later article of each was stored;
    /// with `story`, the links whose later article is in it.
    pub fn each_link(
        &self,
        story: Option<StoryId>,
        mut row: impl FnMut(Link) -> Result<()>,
    ) -> Result<usize> {
        let filter = match story {
            Some(_) => "WHERE seq IN (SELECT seq FROM story_members WHERE story = ?1)",
            None => "",
        };
        let sql = format!("SELECT link FROM links {filter} ORDER BY seq, b");
        self.walk(&sql, story, |r| {
            let json: String = r.get(0)?;
            // a link row this build cannot read is skipped, as the story page skips it
            match serde_json::from_str::<Link>(&json) {
                Ok(link) => row(link),
                Err(_) => Ok(()),
            }
        })
    }

    /// Every entity, the most mentioned first (then by name), without its article list
    /// (`article_count` says in how many articles it is found).
    pub fn each_entity(&self, mut row: impl FnMut(Entity) -> Result<()>) -> Result<usize> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM entities ORDER BY mentions DESC, name",
            crate::entities::ENTITY_COLUMNS
        ))?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            row(crate::entities::row_to_linked(r)?.entity(Vec::new()))?;
            n += 1;
        }
        Ok(n)
    }

    /// Walks the rows of `sql` (its one parameter the story's id, when there is a story),
    /// handing each to `each`; gives how many rows were read.
    fn walk(
        &self,
        sql: &str,
        story: Option<StoryId>,
        mut each: impl FnMut(&rusqlite::Row<'_>) -> Result<()>,
    ) -> Result<usize> {
        let key = story.map(|s| s.to_string());
        let params: Vec<&dyn ToSql> = key.iter().map(|k| k as &dyn ToSql).collect();
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query(params.as_slice())?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(r)?;
            n += 1;
        }
        Ok(n)
    }

    /// The entity one of whose spellings is `name` (any case), the most mentioned when several
    /// are: what a quote's speaker, stored as a name, is linked to.
    pub fn entity_named(&self, name: &str) -> Result<Option<EntityId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id FROM entity_names n JOIN entities e ON e.cluster = n.cluster
             WHERE n.name = ?1 ORDER BY e.mentions DESC LIMIT 1",
        )?;
        let id: Option<String> = stmt
            .query_row([name.to_lowercase()], |r| r.get(0))
            .optional()?;
        Ok(id.as_deref().and_then(EntityId::parse))
    }
}
