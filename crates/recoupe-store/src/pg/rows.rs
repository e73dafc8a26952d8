//! Every row of a kind, a page at a time (keyed by the last row's order, so memory stays that
//! of one page, and the connection is free while the callback runs): what an export reads.

use recoupe_core::entities::Entity;
use recoupe_core::versions::Link;
use recoupe_core::StoryId;

use super::stories::{story_of, STORY_COLUMNS};
use super::{article_of, PgStore, ARTICLE_COLUMNS};
use crate::{Result, StoredArticle, StoryRow};

const PAGE: i64 = 500;

impl PgStore {
    /// Every article in the order it was stored, with the story it is in; with `story`, that
    /// story's articles only.
    pub fn each_article(
        &self,
        story: Option<StoryId>,
        mut row: impl FnMut(StoredArticle, Option<StoryId>) -> Result<()>,
    ) -> Result<usize> {
        let story = story.map(|s| s.to_string());
        let mut after = 0i64;
        let mut n = 0;
        loop {
            let rows = self.db().query(
                &format!(
                    "SELECT {ARTICLE_COLUMNS}, (SELECT story FROM story_members m WHERE m.seq = articles.seq)
                     FROM articles
                     WHERE seq > $1
                       AND ($2::TEXT IS NULL OR seq IN (SELECT seq FROM story_members WHERE story = $2))
                     ORDER BY seq LIMIT $3"
                ),
                &[&after, &story, &PAGE],
            )?;
            if rows.is_empty() {
                return Ok(n);
            }
            for r in &rows {
                let article = article_of(r)?;
                after = article.seq;
                let in_story: Option<String> = r.try_get(9)?;
                row(article, in_story.as_deref().and_then(StoryId::parse))?;
                n += 1;
            }
        }
    }

    /// Every story, the largest first (then by id); with `story`, that one.
    pub fn each_story(
        &self,
        story: Option<StoryId>,
        mut row: impl FnMut(StoryRow) -> Result<()>,
    ) -> Result<usize> {
        let story = story.map(|s| s.to_string());
        let mut offset = 0i64;
        let mut n = 0;
        loop {
            let rows = self.db().query(
                &format!(
                    "SELECT {STORY_COLUMNS} FROM stories WHERE ($1::TEXT IS NULL OR id = $1)
                     ORDER BY size DESC, id LIMIT $2 OFFSET $3"
                ),
                &[&story, &PAGE, &offset],
            )?;
            if rows.is_empty() {
                return Ok(n);
            }
            offset += rows.len() as i64;
            for r in &rows {
                row(story_of(r)?)?;
                n += 1;
            }
        }
    }

    /// Every version or translation link, in the order the later article of each was stored;
    /// with `story`, the links whose later article is in it.
    pub fn each_link(
        &self,
        story: Option<StoryId>,
        mut row: impl FnMut(Link) -> Result<()>,
    ) -> Result<usize> {
        let story = story.map(|s| s.to_string());
        let mut after = (0i64, String::new());
        let mut n = 0;
        loop {
            let rows = self.db().query(
                "SELECT seq, b, link FROM links
                 WHERE (seq, b) > ($1, $2)
                   AND ($3::TEXT IS NULL OR seq IN (SELECT seq FROM story_members WHERE story = $3))
                 ORDER BY seq, b LIMIT $4",
                &[&after.0, &after.1, &story, &PAGE],
            )?;
            if rows.is_empty() {
                return Ok(n);
            }
            for r in &rows {
                after = (r.try_get(0)?, r.try_get(1)?);
                let json: String = r.try_get(2)?;
                n += 1;
                if let Ok(link) = serde_json::from_str::<Link>(&json) {
                    row(link)?;
                }
            }
        }
    }

    /// Every entity, the most mentioned first (then by name), without its article list.
    pub fn each_entity(&self, mut row: impl FnMut(Entity) -> Result<()>) -> Result<usize> {
        let mut offset = 0i64;
        let mut n = 0;
        loop {
            let rows = self.db().query(
                &format!(
                    "SELECT {} FROM entities ORDER BY mentions DESC, name, cluster LIMIT $1 OFFSET $2",
                    crate::entities::ENTITY_COLUMNS
                ),
                &[&PAGE, &offset],
            )?;
            if rows.is_empty() {
                return Ok(n);
            }
            offset += rows.len() as i64;
            for r in &rows {
                row(super::entities::linked(r)?.entity(Vec::new()))?;
                n += 1;
            }
        }
    }
}
