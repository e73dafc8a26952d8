//! The query layer: what the CLI and the server read from a store, computed in one place so
//! that both give the same answer. The store persists and reads rows
//! ([`recoupe_store::Store`]); the core analyses ([`recoupe_core`]); this crate joins the two
//! for a reader — a story's page, the entities of a store, an entity by name, a search.

use recoupe_core::entities::Entity;
pub mod display;
pub mod export;
mod marked;
mod merges;
mod splits;

pub use marked::Marked;
pub use merges::EntityMerges;
pub use splits::{EntitySplits, SCANNED_ARTICLES};

use recoupe_core::lang::Script;
use recoupe_core::search::{search_text, Query, Term};
use recoupe_core::stories::{story_of, Story};
use recoupe_core::versions::Link;
use recoupe_core::{Analysis, EntityId, StoryId};
use recoupe_store::{Result, SearchFilters, SearchHit, Store, StoreError, StoryRow};

pub use recoupe_core::entities::find_entity;

/// A story's page: its members (analysed again from their stored text), the names linked among
/// them, the version links found as they joined, and the side-by-side comparison.
pub struct StoryView {
    pub row: StoryRow,
    pub story: Story,
    pub links: Vec<Link>,
    pub articles: Vec<Analysis>,
    pub entities: Vec<Entity>,
    /// Members left out of the comparison (past the cap given to [`story_view`]).
    pub truncated: usize,
}

/// The page of story `id` over its first `max_articles` members, in the order they joined.
pub fn story_view(store: &Store, id: StoryId, max_articles: usize) -> Result<Option<StoryView>> {
    let Some(contents) = store.story_contents(id, max_articles)? else {
        return Ok(None);
    };
    let mut articles: Vec<Analysis> = contents.members.iter().map(|(a, _)| a.analysis()).collect();
    // the figures and quotes a desk marked wrong leave the comparison
    let marked = Marked::of(store)?;
    for a in articles.iter_mut() {
        marked.apply(a);
    }
    let joins = contents.members.into_iter().map(|(_, j)| j).collect();
    let mut entities = recoupe_core::link_entities(&mut articles);
    let (merges, splits) = entity_corrections(store)?;
    if !merges.is_empty() {
        merges.apply_to_story(store, &mut articles, &mut entities)?;
    }
    if !splits.is_empty() {
        splits.apply_to_story(store, &merges, &mut articles, &mut entities)?;
    }
    let story = story_of(
        contents.row.id,
        &mut articles,
        &entities,
        &contents.links,
        joins,
    );
    Ok(Some(StoryView {
        truncated: contents.row.size.saturating_sub(articles.len()),
        row: contents.row,
        story,
        links: contents.links,
        articles,
        entities,
    }))
}

/// A search: words, "phrases", `prefix*`, AND, OR, NOT (see `recoupe_core::search::Query`),
/// kept to the filters, at most `limit` hits.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: SearchFilters,
    /// Keep to the articles that name this entity (an id, a name or a spelling).
    pub entity: Option<String>,
    pub limit: usize,
}

/// What a search found, and how it read the query.
#[derive(Clone, Debug, serde::Serialize, schemars::JsonSchema)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// The words of the query that name an entity, searched for in all its spellings.
    pub also: Vec<AlsoSearched>,
}

/// "Aleppo → also Alep, حلب": a name of the query and the other spellings searched for with it.
#[derive(Clone, Debug, serde::Serialize, schemars::JsonSchema)]
pub struct AlsoSearched {
    pub typed: String,
    pub spellings: Vec<String>,
}

/// Most words a name of the query may have to be looked up as an entity.
const NAME_WORDS: usize = 4;

/// The articles that match a search, best first, each with a snippet. A word or phrase of the
/// query that is a spelling of an entity finds its other spellings too (Aleppo, Alep, حلب;
/// Лавров, Lavrov, Lawrow); an unknown `entity` filter is an error (`StoreError::NotFound`).
pub fn search(store: &Store, request: &SearchRequest) -> Result<SearchResults> {
    let mut query = Query::parse(&request.query);
    let mut also = Vec::new();
    let (merges, splits) = entity_corrections(store)?;
    for (i, (_, term)) in query.parts.iter_mut().enumerate() {
        let Term::Phrase(words) = term else { continue };
        let typed = query.typed.get(i).cloned().unwrap_or_default();
        if words.len() > NAME_WORDS {
            continue;
        }
        let named = if merges.is_empty() && splits.is_empty() {
            store.spellings_named(&typed)?
        } else {
            // the spellings of the entities merged with it too, less those split out of it;
            // a spelling split out is searched for alone
            match store.entity_named(&typed)? {
                Some(id) if splits.named(merges.resolve(id), &typed).is_none() => {
                    let target = merges.resolve(id);
                    merges.read(store, id, 0)?.map(|e| {
                        let variants = e
                            .variants
                            .into_iter()
                            .filter(|v| splits.named(target, v).is_none())
                            .collect::<Vec<_>>();
                        (e.name, variants)
                    })
                }
                _ => None,
            }
        };
        let Some((name, variants)) = named else {
            continue;
        };
        let mut alternatives: Vec<Vec<String>> = vec![words.clone()];
        let mut spellings = Vec::new();
        for spelling in std::iter::once(name).chain(variants) {
            let folded: Vec<String> = search_text(&spelling)
                .split(' ')
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect();
            // a spelling that holds the typed words ("John Kerry" for "Kerry") finds nothing more
            let holds_typed = folded.windows(words.len()).any(|w| w == words.as_slice());
            if !folded.is_empty() && !holds_typed && !alternatives.contains(&folded) {
                alternatives.push(folded);
                spellings.push(spelling);
            }
        }
        if !spellings.is_empty() {
            *term = Term::AnyOf(alternatives);
            also.push(AlsoSearched { typed, spellings });
        }
    }
    // an Arabic word also in the forms a text glues its proclitics to (مدينة: المدينة, بالمدينة)
    for (_, term) in query.parts.iter_mut() {
        term.with_proclitics();
    }
    let mut filters = request.filters.clone();
    let mut split_filter = None;
    if let Some(name) = &request.entity {
        let found = entity_id(store, &merges, &splits, name)?
            .ok_or_else(|| StoreError::NotFound(format!("no entity {name:?}")))?;
        split_filter = splits.filter(store, &merges, found)?;
        let linked = split_filter.as_ref().map_or(found, |f| f.entity);
        // the entity and those a desk merged into it
        filters.entities = std::iter::once(linked)
            .chain(merges.merged_into(linked))
            .collect();
    }
    let Some(split_filter) = split_filter else {
        let hits = store.search_with(&query, &filters, request.limit)?;
        return Ok(SearchResults { hits, also });
    };
    // a split entity, or one a spelling was split out of: its articles are those of the entity
    // linked that name it as read with the split, told by their mentions
    let mut hits = store.search_with(&query, &filters, request.limit.saturating_mul(4).max(50))?;
    let mut kept = Vec::with_capacity(hits.len());
    for hit in hits.drain(..) {
        if kept.len() == request.limit {
            break;
        }
        if let Some(a) = store.article(&hit.id.to_string())? {
            if split_filter.keeps(&a.analysis()) {
                kept.push(hit);
            }
        }
    }
    Ok(SearchResults { hits: kept, also })
}

/// The merges and the splits of entities in force in the store's log.
fn entity_corrections(store: &Store) -> Result<(EntityMerges, EntitySplits)> {
    let log = store.corrections()?;
    Ok((EntityMerges::of_log(&log), EntitySplits::of_log(&log)))
}

/// The id of the entity a user means by `name` as read with the corrections: the entity a
/// split made (by its id, or by the spelling split out), else the one the entity found was
/// merged into, else the entity found.
fn entity_id(
    store: &Store,
    merges: &EntityMerges,
    splits: &EntitySplits,
    name: &str,
) -> Result<Option<EntityId>> {
    if let Some(id) = EntityId::parse(name.trim()) {
        if splits.named_by_id(id).is_some() {
            return Ok(Some(id));
        }
    }
    let candidates = store.entity_candidates(name)?;
    let Some(found) = find_entity(&candidates, name) else {
        return Ok(None);
    };
    let target = merges.resolve(found.id);
    Ok(Some(
        splits.named(target, name).map_or(target, |split| split.to),
    ))
}

/// Articles given with each entity of a list (`article_count` says how many it has).
pub const LISTED_ARTICLES: usize = 100;

/// The `limit` most mentioned entities of a store (then by name), as linked when their
/// articles were written: a table read, whatever the size of the store.
pub fn entities(store: &Store, limit: usize) -> Result<Vec<Entity>> {
    let (merges, splits) = entity_corrections(store)?;
    if merges.is_empty() && splits.is_empty() {
        return store.entities(limit, LISTED_ARTICLES);
    }
    // each merged entity leaves a place in the list: as many more are read
    let wanted = limit.saturating_add(merges.len());
    let list = store.entities(wanted, LISTED_ARTICLES)?;
    let list = merges.apply_to_list(store, list, wanted, LISTED_ARTICLES)?;
    splits.apply_to_list(store, &merges, list, limit, LISTED_ARTICLES)
}

/// The entity a user means by `name` (see [`find_entity`]: an id, a name or a spelling, else
/// the most mentioned name that sounds like it), with its first `max_articles` articles, as read
/// with the desk's corrections: a merged entity answers with the one it was merged into, and
/// that with all of them; a spelling split out answers with the entity it is read as.
pub fn entity(store: &Store, name: &str, max_articles: usize) -> Result<Option<Entity>> {
    let (merges, splits) = entity_corrections(store)?;
    if merges.is_empty() && splits.is_empty() {
        let candidates = store.entity_candidates(name)?;
        let Some(found) = find_entity(&candidates, name) else {
            return Ok(None);
        };
        let mut entity = found.clone();
        entity.articles = store.entity_articles(entity.id, max_articles)?;
        return Ok(Some(entity));
    }
    let Some(id) = entity_id(store, &merges, &splits, name)? else {
        return Ok(None);
    };
    if splits.named_by_id(id).is_some() {
        return splits.read(store, &merges, id, max_articles);
    }
    let Some(entity) = merges.read(store, id, max_articles)? else {
        return Ok(None);
    };
    Ok(Some(splits.apply(store, &merges, entity, max_articles)?.0))
}

/// An entity's spellings grouped by the script each is written in, the scripts in the order
/// their first spelling comes (what the CLI and the entity page show).
pub fn spellings_by_script(variants: &[String]) -> Vec<(Script, Vec<&str>)> {
    let mut groups: Vec<(Script, Vec<&str>)> = Vec::new();
    for v in variants {
        let script = Script::of_text(v);
        match groups.iter_mut().find(|(s, _)| *s == script) {
            Some((_, list)) => list.push(v),
            None => groups.push((script, vec![v])),
        }
    }
    groups
}
