//! Search in PostgreSQL: each article's `search` column is the `tsvector` of its title (weight
//! A) and text as `recoupe_core::search::search_text` folds them, under the `simple`
//! configuration (no stemming, no stop words: every language and script the same way, as the
//! SQLite store's FTS5 index); a query is `Query::to_tsquery`, ranked by `ts_rank`, each hit
//! with a snippet cut from the article's own text.

use recoupe_core::search::{snippet, Query};
use recoupe_core::{ArticleId, Date, Lang};

use super::{clamp, PgStore};
use crate::search::SNIPPET_WORDS;
use crate::{Result, SearchFilters, SearchHit};

impl PgStore {
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
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let source = filters.source.as_ref().map(|s| {
            let escaped = s.to_lowercase().replace(['%', '_', '\\'], "");
            format!("%{escaped}%")
        });
        let rows = self.db().query(
            "SELECT a.id, a.title, a.language, a.published, a.text
             FROM articles a, CAST($1::TEXT AS TSQUERY) q
             WHERE a.search @@ q
               AND ($2::TEXT IS NULL OR a.language = $2)
               AND ($3::TEXT IS NULL OR a.published >= $3)
               AND ($4::TEXT IS NULL OR a.published <= $4)
               AND ($5::TEXT IS NULL OR lower(coalesce(a.site, '')) LIKE $5 OR lower(a.source) LIKE $5)
               AND ($6::TEXT IS NULL OR a.seq IN (SELECT seq FROM story_members WHERE story = $6))
               AND ($7::TEXT IS NULL OR a.seq IN (SELECT e.seq FROM entity_articles e
                                                 JOIN entities x ON x.cluster = e.cluster
                                                 WHERE x.id = ANY(string_to_array($7, ' '))))
             ORDER BY ts_rank(a.search, q) DESC, a.seq LIMIT $8",
            &[
                &query.to_tsquery(),
                &filters.language.map(|l| l.to_string()),
                &filters.since.map(|d| d.to_string()),
                &filters.until.map(|d| d.to_string()),
                &source,
                &filters.story.map(|s| s.to_string()),
                &(!filters.entities.is_empty()).then(|| {
                    let ids: Vec<String> = filters.entities.iter().map(|e| e.to_string()).collect();
                    ids.join(" ")
                }),
                &clamp(limit),
            ],
        )?;
        let wanted = query.wanted();
        let mut hits = Vec::with_capacity(rows.len());
        for row in rows {
            let id: String = row.try_get(0)?;
            let Some(id) = ArticleId::parse(&id) else {
                continue;
            };
            let language: Option<String> = row.try_get(2)?;
            let published: Option<String> = row.try_get(3)?;
            let text: String = row.try_get(4)?;
            hits.push(SearchHit {
                id,
                title: row.try_get(1)?,
                language: language.as_deref().and_then(Lang::parse),
                published: published.as_deref().and_then(Date::parse_iso),
                snippet: snippet(&text, &wanted, SNIPPET_WORDS),
            });
        }
        Ok(hits)
    }

    /// The name and the other spellings of the entity one of whose spellings is `name`.
    pub fn spellings_named(&self, name: &str) -> Result<Option<(String, Vec<String>)>> {
        let columns = crate::entities::ENTITY_COLUMNS
            .split(", ")
            .map(|c| format!("e.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let row = self.db().query_opt(
            &format!(
                "SELECT {columns} FROM entity_names n JOIN entities e ON e.cluster = n.cluster
                 WHERE n.name = $1 ORDER BY e.mentions DESC LIMIT 1"
            ),
            &[&name.to_lowercase()],
        )?;
        match row {
            Some(r) => {
                let entity = super::entities::linked(&r)?.entity(Vec::new());
                Ok(Some((entity.name, entity.variants)))
            }
            None => Ok(None),
        }
    }
}
