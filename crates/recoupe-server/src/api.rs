//! The JSON API. Every error is `{"error": {"code", "message"}}` with a 4xx or 5xx status; the
//! codes are stable: `bad_request`, `not_found`, `ambiguous_id`, `unauthorized`, `too_large`,
//! `unsupported_media_type`, `method_not_allowed`, `timeout`, `internal`.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use recoupe_core::{ArticleId, EntityId};
use recoupe_store::{Prepared, Store, StoryOrder};
use serde::Deserialize;
use serde_json::Value;

use crate::openapi::{
    ArticleAnswer, ArticleList, ArticleSummary, ArticlesAnswer, CorrectionAnswer, CorrectionList,
    EntityAnswer, EntityList, PostedArticle, PostedArticles, SearchAnswer, SimilarityAnswer,
    StoryAnswer, StoryList,
};
use crate::{ApiError, AppState, ErrorCode};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/articles", get(list_articles).post(post_articles))
        .route("/api/articles/{id}", get(get_article))
        .route("/api/stories", get(list_stories))
        .route("/api/stories/{id}", get(get_story))
        .route("/api/entities", get(list_entities))
        .route("/api/entities/{name}", get(get_entity))
        .route("/api/similarity", get(similarity))
        .route("/api/export/{table}", get(export))
        .route("/api/search", get(search))
        .route(
            "/api/corrections",
            get(list_corrections).post(post_correction),
        )
        .route(
            "/api/corrections/{id}/undo",
            axum::routing::post(undo_correction),
        )
}

/// The parameters of a search, for the API and the search page.
#[derive(Deserialize, Default)]
pub(crate) struct SearchParams {
    pub q: Option<String>,
    pub lang: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub source: Option<String>,
    pub entity: Option<String>,
    pub story: Option<String>,
    pub limit: Option<usize>,
}

impl SearchParams {
    /// The search these parameters ask for, `limit` hits at most unless they say fewer; empty
    /// parameters are no filter.
    pub(crate) fn request(
        self,
        store: &Store,
        limit: usize,
    ) -> Result<recoupe_query::SearchRequest, ApiError> {
        let given = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        let date = |v: Option<String>, name: &str| {
            given(v)
                .map(|v| {
                    recoupe_core::Date::parse_iso(v.trim()).ok_or_else(|| {
                        ApiError::bad_request(format!("{name} {v:?} is not a date (YYYY-MM-DD)"))
                    })
                })
                .transpose()
        };
        let language = given(self.lang)
            .map(|l| {
                recoupe_core::Lang::parse(l.trim())
                    .ok_or_else(|| ApiError::bad_request(format!("{l:?} is not a language code")))
            })
            .transpose()?;
        let story = match given(self.story) {
            Some(id) => Some(story_row(store, id.trim())?.id),
            None => None,
        };
        Ok(recoupe_query::SearchRequest {
            query: self.q.unwrap_or_default(),
            filters: recoupe_store::SearchFilters {
                language,
                since: date(self.since, "since")?,
                until: date(self.until, "until")?,
                source: given(self.source),
                story,
                entities: Vec::new(),
            },
            entity: given(self.entity),
            limit: self.limit.unwrap_or(limit).clamp(1, MAX_LIMIT),
        })
    }
}

/// `GET /api/search?q=&lang=&since=&until=&source=&entity=&story=&limit=`: hits best first
/// with snippets, and the names of the query searched for in all their spellings.
async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchAnswer>, ApiError> {
    state
        .read(move |store| {
            let request = params.request(store, 50)?;
            let results = recoupe_query::search(store, &request)?;
            Ok(Json(SearchAnswer {
                query: request.query,
                hits: results.hits,
                also: results.also,
            }))
        })
        .await
}

#[derive(Deserialize)]
struct ExportQuery {
    format: Option<String>,
    story: Option<String>,
    lang: Option<String>,
    since: Option<String>,
    until: Option<String>,
    source: Option<String>,
}

/// `GET /api/export/{table}?format=csv|jsonl|parquet&story=ID&lang=&since=&until=&source=`: a
/// table of the store, streamed (see
/// `recoupe_query::export`); as a download named after the table (and story).
async fn export(
    State(state): State<AppState>,
    Path(table): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    use recoupe_query::export::{Format, Table};
    let table = Table::parse(&table).ok_or_else(|| {
        ApiError::not_found(format!(
            "no table {table:?} (stories, articles, entities, quotes, figures, links, corrections)"
        ))
    })?;
    let format_name = q.format.unwrap_or_else(|| "csv".into());
    let format = Format::parse(&format_name).ok_or_else(|| {
        ApiError::bad_request(format!(
            "format {format_name:?} is not csv, jsonl or parquet"
        ))
    })?;
    // the filters are read before the first byte, so that a wrong story is a 404 and a wrong
    // date a 400, not a cut body
    let asked = SearchParams {
        lang: q.lang,
        since: q.since,
        until: q.until,
        source: q.source,
        story: q.story,
        ..SearchParams::default()
    };
    let filters = state
        .read(move |store| {
            let f = asked.request(store, 1)?.filters;
            Ok(recoupe_query::export::Filters {
                story: f.story,
                language: f.language,
                since: f.since,
                until: f.until,
                source: f.source,
            })
        })
        .await?;
    filters
        .check(table)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let story = filters.story;
    let extension = format.extension();
    let file = match story {
        Some(id) => format!("recoupe-{}-{id}.{extension}", table.name()),
        None => format!("recoupe-{}.{extension}", table.name()),
    };
    let body = state.stream(move |store, out| {
        recoupe_query::export::export_with(store, table, format, &filters, out)?;
        Ok(())
    });
    Ok((
        [
            (header::CONTENT_TYPE, format.media_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// Most items one list returns.
const MAX_LIMIT: usize = 500;
/// Articles of a story compared on its page.
pub(crate) const STORY_ARTICLES: usize = 200;
/// Most articles one POST may carry.
const MAX_POSTED: usize = 1_000;

#[derive(Deserialize)]
pub(crate) struct ListQuery {
    pub q: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
    pub order: Option<String>,
}

fn limit(q: &ListQuery, default: usize) -> usize {
    q.limit.unwrap_or(default).clamp(1, MAX_LIMIT)
}

async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}

async fn list_articles(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<ArticlesAnswer>, ApiError> {
    let limit = limit(&q, 50);
    let offset = q.offset.unwrap_or(0);
    let query = q.q.clone().unwrap_or_default();
    state
        .read(move |store| {
            if !query.trim().is_empty() {
                let request = recoupe_query::SearchRequest {
                    query: query.clone(),
                    limit,
                    ..Default::default()
                };
                let results = recoupe_query::search(store, &request)?;
                return Ok(Json(ArticlesAnswer::Search(SearchAnswer {
                    query,
                    hits: results.hits,
                    also: results.also,
                })));
            }
            let articles = store.articles(offset.saturating_add(limit))?;
            let list = articles
                .into_iter()
                .skip(offset)
                .map(|a| ArticleSummary {
                    id: a.id,
                    title: a.title,
                    language: a.language,
                    published: a.published,
                    source: a.source,
                })
                .collect();
            Ok(Json(ArticlesAnswer::List(ArticleList {
                articles: list,
                total: store.count()?,
            })))
        })
        .await
}

async fn get_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ArticleAnswer>, ApiError> {
    state
        .read(move |store| {
            let article = find_article(store, &id)?;
            let story = store.story_of_article(article.id)?;
            Ok(Json(ArticleAnswer {
                article: article.analysis(),
                story,
            }))
        })
        .await
}

pub(crate) fn find_article(
    store: &Store,
    id: &str,
) -> Result<recoupe_store::StoredArticle, ApiError> {
    if id.is_empty() || id.len() > 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::bad_request(format!(
            "{id:?} is not an article id (16 hex digits, or their first digits)"
        )));
    }
    store
        .article(id)?
        .ok_or_else(|| ApiError::not_found(format!("no article {id}")))
}

async fn list_stories(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<StoryList>, ApiError> {
    let order = match q.order.as_deref() {
        None | Some("recent") => StoryOrder::Recent,
        Some("largest") => StoryOrder::Largest,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "order {other:?}: use \"recent\" or \"largest\""
            )))
        }
    };
    let limit = limit(&q, 50);
    let offset = q.offset.unwrap_or(0);
    state
        .read(move |store| {
            Ok(Json(StoryList {
                stories: store.stories(order, limit, offset)?,
                total: store.story_count()?,
            }))
        })
        .await
}

async fn get_story(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let body = state
        .story_cached(crate::PageKind::Json, id, |store, row| {
            let view = story_view(store, row)?;
            serde_json::to_string(&StoryAnswer {
                story: &view.story,
                links: &view.links,
                size: row.size,
                truncated: view.truncated,
            })
            .map_err(|e| ApiError::internal(e.to_string()))
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

pub(crate) fn story_row(store: &Store, id: &str) -> Result<recoupe_store::StoryRow, ApiError> {
    let hex = id.strip_prefix('s').unwrap_or(id);
    if hex.is_empty() || hex.len() > 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::bad_request(format!(
            "{id:?} is not a story id (\"s\" and 16 hex digits, or their first digits)"
        )));
    }
    store
        .story(id)?
        .ok_or_else(|| ApiError::not_found(format!("no story {id}")))
}

pub(crate) fn story_view(
    store: &Store,
    row: &recoupe_store::StoryRow,
) -> Result<recoupe_query::StoryView, ApiError> {
    recoupe_query::story_view(store, row.id, STORY_ARTICLES)?
        .ok_or_else(|| ApiError::not_found(format!("no story {}", row.id)))
}

async fn list_entities(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<EntityList>, ApiError> {
    let limit = limit(&q, 50);
    let entities = state
        .read(move |store| Ok(recoupe_query::entities(store, limit)?))
        .await?;
    Ok(Json(EntityList {
        entities,
        scope: ENTITY_SCOPE,
    }))
}

/// What the entities are linked over.
pub(crate) const ENTITY_SCOPE: &str = "every stored article, its names linked as it was written";

/// Articles an entity's endpoint and page look at (its first ones; `article_count` gives all).
pub(crate) const ENTITY_PAGE_ARTICLES: usize = 1_000;

async fn get_entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Json<EntityAnswer>, ApiError> {
    let (entity, stories) = state
        .read(move |store| {
            let entity = recoupe_query::entity(store, &name, ENTITY_PAGE_ARTICLES)?
                .ok_or_else(|| ApiError::not_found(format!("no entity named {name:?}")))?;
            let mut stories = Vec::new();
            for id in &entity.articles {
                if let Some(s) = store.story_of_article(*id)? {
                    if !stories.contains(&s) {
                        stories.push(s);
                    }
                }
            }
            Ok((entity, stories))
        })
        .await?;
    Ok(Json(EntityAnswer { entity, stories }))
}

#[derive(Deserialize)]
struct PairQuery {
    a: Option<String>,
    b: Option<String>,
}

async fn similarity(
    State(state): State<AppState>,
    Query(q): Query<PairQuery>,
) -> Result<Json<SimilarityAnswer>, ApiError> {
    let (Some(a), Some(b)) = (q.a, q.b) else {
        return Err(ApiError::bad_request(
            "give two article ids: /api/similarity?a=ID&b=ID",
        ));
    };
    state
        .read(move |store| {
            let first = find_article(store, &a)?.analysis();
            let second = find_article(store, &b)?.analysis();
            let result = recoupe_core::similarity::compare_pairs(vec![(first, second)])
                .pop()
                .ok_or_else(|| ApiError::internal("no comparison"))?;
            Ok(Json(SimilarityAnswer {
                a,
                b,
                similarity: result,
            }))
        })
        .await
}

/// `POST /api/articles`: one article object or an array of them, as the JSON Lines reader takes
/// them (`title`, `text`, `published`, `url`, `source`, `language`…). Each new article is stored
/// and placed in its story before the answer.
/// Writing needs the server's token, when it has one.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    if let Some(token) = &state.config().token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if given != Some(token.as_str()) {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthorized,
                "writing needs the server's token: Authorization: Bearer TOKEN",
            ));
        }
    }
    Ok(())
}

/// A correction asked for by `POST /api/corrections`.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub(crate) enum CorrectionIn {
    /// `{"action": "move", "article": ID, "to": STORY or "new"}`
    Move {
        article: String,
        to: String,
        #[serde(default)]
        why: String,
        #[serde(default)]
        by: Option<String>,
    },
    /// `{"action": "split", "story": STORY, "articles": [ARTICLE, …]}`: those articles leave
    /// the story together for a new one
    Split {
        story: String,
        articles: Vec<String>,
        #[serde(default)]
        why: String,
        #[serde(default)]
        by: Option<String>,
    },
    /// `{"action": "merge", "story": STORY, "into": STORY}`
    Merge {
        story: String,
        into: String,
        #[serde(default)]
        why: String,
        #[serde(default)]
        by: Option<String>,
    },
    /// `{"action": "merge_entities", "entity": ENTITY, "into": ENTITY}` (ids, names or
    /// spellings): the first read as part of the second from now on
    MergeEntities {
        entity: String,
        into: String,
        #[serde(default)]
        why: String,
        #[serde(default)]
        by: Option<String>,
    },
    /// `{"action": "split_spelling", "entity": ENTITY, "spelling": SPELLING}`: that spelling
    /// of the entity read as another entity from now on (a name the linker joined that is
    /// another actor)
    SplitSpelling {
        entity: String,
        spelling: String,
        #[serde(default)]
        why: String,
        #[serde(default)]
        by: Option<String>,
    },
    /// `{"action": "mark_wrong", "article": ID, "finding": "figure" or "quote", "start": BYTE}`:
    /// the figure or quote of the article starting at that byte of its text is left out of its
    /// story's comparison and flagged in the exports
    MarkWrong {
        article: String,
        finding: recoupe_store::Finding,
        start: usize,
        #[serde(default)]
        why: String,
        #[serde(default)]
        by: Option<String>,
    },
}

/// The entity of the store a user means by `name` (an id, a name, a spelling, else the most
/// mentioned that sounds like it), as `recoupe entity` finds it; a 404 when none.
pub(crate) fn entity_named(store: &Store, name: &str) -> Result<EntityId, ApiError> {
    let candidates = store.entity_candidates(name.trim())?;
    recoupe_query::find_entity(&candidates, name.trim())
        .map(|e| e.id)
        .ok_or_else(|| ApiError::not_found(format!("no entity named {name:?}")))
}

/// The entity `name` is read as with the merges (a spelling is split out of that one).
pub(crate) fn entity_read_as(store: &Store, name: &str) -> Result<EntityId, ApiError> {
    let id = entity_named(store, name)?;
    Ok(recoupe_query::EntityMerges::of(store)?.resolve(id))
}

/// `POST /api/corrections`: a correction of the stories, applied and logged (201 with the
/// entry); the token is needed as for any write.
async fn post_correction(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<CorrectionAnswer>), ApiError> {
    authorize(&state, &headers)?;
    let asked: CorrectionIn = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("not a correction: {e}")))?;
    let entry = state
        .write(move |store, _| {
            let entry = match asked {
                CorrectionIn::Move {
                    article,
                    to,
                    why,
                    by,
                } => {
                    let stored = store
                        .article(&article)?
                        .ok_or_else(|| ApiError::not_found(format!("no article {article}")))?;
                    let to = match to.as_str() {
                        "new" => None,
                        id => Some(story_row(store, id)?.id),
                    };
                    store.move_article(stored.id, to, by.as_deref().unwrap_or("api"), &why)?
                }
                CorrectionIn::Split {
                    story,
                    articles,
                    why,
                    by,
                } => {
                    let from = story_row(store, &story)?.id;
                    let ids = articles_of(store, &articles)?;
                    store.split_story(from, &ids, by.as_deref().unwrap_or("api"), &why)?
                }
                CorrectionIn::Merge {
                    story,
                    into,
                    why,
                    by,
                } => {
                    let from = story_row(store, &story)?.id;
                    let into = story_row(store, &into)?.id;
                    store.merge_stories(from, into, by.as_deref().unwrap_or("api"), &why)?
                }
                CorrectionIn::MergeEntities {
                    entity,
                    into,
                    why,
                    by,
                } => {
                    let from = entity_named(store, &entity)?;
                    let into = entity_named(store, &into)?;
                    store.merge_entities(from, into, by.as_deref().unwrap_or("api"), &why)?
                }
                CorrectionIn::SplitSpelling {
                    entity,
                    spelling,
                    why,
                    by,
                } => {
                    let id = entity_read_as(store, &entity)?;
                    store.split_spelling(id, &spelling, by.as_deref().unwrap_or("api"), &why)?
                }
                CorrectionIn::MarkWrong {
                    article,
                    finding,
                    start,
                    why,
                    by,
                } => {
                    let stored = find_article(store, article.trim())?;
                    store.mark_wrong(
                        stored.id,
                        finding,
                        start,
                        by.as_deref().unwrap_or("api"),
                        &why,
                    )?
                }
            };
            Ok(entry)
        })
        .await?;
    // the two stories' pages are made again at their next request
    state.forget_corrected(&entry.action);
    Ok((
        StatusCode::CREATED,
        Json(CorrectionAnswer { correction: entry }),
    ))
}

/// The stored articles these ids (or their first digits) name, in order; a 404 for one that is
/// not stored.
pub(crate) fn articles_of(store: &Store, ids: &[String]) -> Result<Vec<ArticleId>, ApiError> {
    ids.iter()
        .map(|id| Ok(find_article(store, id.trim())?.id))
        .collect()
}

/// `POST /api/corrections/{id}/undo`: a correction undone (the log keeps it, marked).
async fn undo_correction(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<CorrectionAnswer>, ApiError> {
    authorize(&state, &headers)?;
    let entry = state
        .write(move |store, _| Ok(store.undo_correction(id)?))
        .await?;
    state.forget_corrected(&entry.action);
    Ok(Json(CorrectionAnswer { correction: entry }))
}

/// `GET /api/corrections`: the log, oldest first.
async fn list_corrections(State(state): State<AppState>) -> Result<Json<CorrectionList>, ApiError> {
    state
        .read(|store| {
            Ok(Json(CorrectionList {
                corrections: store.corrections()?,
            }))
        })
        .await
}

async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<PostedArticles>), ApiError> {
    authorize(&state, &headers)?;
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json_type {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "send articles as Content-Type: application/json",
        ));
    }
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("not valid JSON: {e}")))?;
    let items = match value {
        Value::Array(items) => items,
        one @ Value::Object(_) => vec![one],
        _ => {
            return Err(ApiError::bad_request(
                "send one article object or an array of them",
            ))
        }
    };
    if items.is_empty() || items.len() > MAX_POSTED {
        return Err(ApiError::bad_request(format!(
            "send between 1 and {MAX_POSTED} articles"
        )));
    }
    let caps = state.config().caps.clone();
    let mut raws = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let mut raw = recoupe_ingest::json::article_from_value("api", n + 1, item)
            .map_err(|e| ApiError::bad_request(format!("article {}: {e}", n + 1)))?;
        if raw.body.len() > caps.max_article_bytes {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::TooLarge,
                format!(
                    "article {}: text over {} bytes",
                    n + 1,
                    caps.max_article_bytes
                ),
            ));
        }
        raw.source = format!("api#{}", raw.id());
        raws.push(raw);
    }
    let result = state
        .write(move |store, index| {
            let prepared: Vec<Prepared> = raws
                .iter()
                .map(|raw| {
                    let (analysis, profile) = recoupe_core::prepare(raw);
                    Prepared::new(analysis, profile)
                })
                .collect();
            let ids: Vec<ArticleId> = prepared.iter().map(|p| p.analysis.id).collect();
            let added = store.add(index, prepared)?;
            let stories: Vec<recoupe_core::StoryId> =
                added.placed.iter().map(|(_, s)| *s).collect();
            let mut out = Vec::new();
            for id in ids {
                let new = added.placed.iter().any(|(a, _)| *a == id);
                let story = store.story_of_article(id)?;
                out.push(PostedArticle { id, new, story });
            }
            Ok((out, stories))
        })
        .await?;
    let (result, stories) = result;
    state.forget_stories(&stories);
    let status = if result.iter().any(|r| r.new) {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(PostedArticles { articles: result })))
}
