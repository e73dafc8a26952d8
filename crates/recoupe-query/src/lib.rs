//! The query layer: what the CLI and the server read from a store, computed in one place so
//! that both give the same answer. The store persists and reads rows
//! ([`recoupe_store::Store`]); the core analyses ([`recoupe_core`]); this crate joins the two
//! for a reader — a story's page, the entities of a store, an entity by name, a search.

use recoupe_core::entities::Entity;
pub mod display;
pub mod export;
mod marked;
mod merges;

pub use marked::Marked;
pub use merges::EntityMerges;

use recoupe_core::lang::Script;
use recoupe_core::search::{search_text, Query, Term};
use recoupe_core::stories::{story_of, Story};
use recoupe_core::versions::Link;
use recoupe_core::{Analysis, StoryId};
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
    let merges = EntityMerges::of(store)?;
    if !merges.is_empty() {
        merges.apply_to_story(store, &mut articles, &mut entities)?;
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
    let merges = EntityMerges::of(store)?;
    for (i, (_, term)) in query.parts.iter_mut().enumerate() {
        let Term::Phrase(words) = term else { continue };
        let typed = query.typed.get(i).cloned().unwrap_or_default();
        if words.len() > NAME_WORDS {
            continue;
        }
        let named = if merges.is_empty() {
            store.spellings_named(&typed)?
        } else {
            // the spellings of the entities merged with it too
            match store.entity_named(&typed)? {
                Some(id) => merges.read(store, id, 0)?.map(|e| (e.name, e.variants)),
                None => None,
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
    if let Some(name) = &request.entity {
        let found = entity(store, name, 0)?
            .ok_or_else(|| StoreError::NotFound(format!("no entity {name:?}")))?;
        // the entity and those a desk merged into it
        filters.entities = std::iter::once(found.id)
            .chain(merges.merged_into(found.id))
            .collect();
    }
    let hits = store.search_with(&query, &filters, request.limit)?;
    Ok(SearchResults { hits, also })
}

/// Articles given with each entity of a list (`article_count` says how many it has).
pub const LISTED_ARTICLES: usize = 100;

/// The `limit` most mentioned entities of a store (then by name), as linked when their
/// articles were written: a table read, whatever the size of the store.
pub fn entities(store: &Store, limit: usize) -> Result<Vec<Entity>> {
    let merges = EntityMerges::of(store)?;
    if merges.is_empty() {
        return store.entities(limit, LISTED_ARTICLES);
    }
    // each merged entity leaves a place in the list: as many more are read
    let list = store.entities(limit.saturating_add(merges.len()), LISTED_ARTICLES)?;
    merges.apply_to_list(store, list, limit, LISTED_ARTICLES)
}

/// The entity a user means by `name` (see [`find_entity`]: an id, a name or a spelling, else
/// the most mentioned name that sounds like it), with its first `max_articles` articles.
pub fn entity(store: &Store, name: &str, max_articles: usize) -> Result<Option<Entity>> {
    let candidates = store.entity_candidates(name)?;
    let Some(found) = find_entity(&candidates, name) else {
        return Ok(None);
    };
    let merges = EntityMerges::of(store)?;
    if !merges.is_empty() {
        // a merged entity answers with the one it was merged into, and that with all of them
        return merges.read(store, found.id, max_articles);
    }
    let mut entity = found.clone();
    entity.articles = store.entity_articles(entity.id, max_articles)?;
    Ok(Some(entity))
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
