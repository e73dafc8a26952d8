//! The query layer: what the CLI and the server read from a store, computed in one place so
//! that both give the same answer. The store persists and reads rows
//! ([`recoupe_store::Store`]); the core analyses ([`recoupe_core`]); this crate joins the two
//! for a reader — a story's page, the entities of a store, an entity by name.

use recoupe_core::entities::{find_mentions, link_entities, ArticleMentions, Entity, Mention};
use recoupe_core::stories::{story_of, Story};
use recoupe_core::versions::Link;
use recoupe_core::{Analysis, ArticleId, Lang, StoryId};
use recoupe_store::{Result, Store, StoryRow};

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
    let joins = contents.members.into_iter().map(|(_, j)| j).collect();
    let entities = recoupe_core::link_entities(&mut articles);
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

/// Which articles of a store the entities are linked over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every stored article (`recoupe entities`: seconds per 10k articles).
    All,
    /// The most recent articles (the server answers a page in bounded time).
    Recent(usize),
}

/// The entities of a store: the names of the articles in `scope` found again in their stored
/// text and linked across them, the most mentioned first (then by name).
pub fn entities(store: &Store, scope: Scope) -> Result<Vec<Entity>> {
    let limit = match scope {
        Scope::All => usize::MAX >> 1,
        Scope::Recent(n) => n,
    };
    let stored = store.articles(limit)?;
    let texts: Vec<(ArticleId, Option<Lang>, &str)> = stored
        .iter()
        .map(|a| (a.id, a.language, a.text.as_str()))
        .collect();
    let mut mentions: Vec<Vec<Mention>> = texts
        .iter()
        .map(|(_, lang, text)| find_mentions(text, *lang))
        .collect();
    let mut views: Vec<ArticleMentions<'_>> = texts
        .iter()
        .zip(mentions.iter_mut())
        .map(|((id, lang, text), mentions)| ArticleMentions {
            article: *id,
            language: *lang,
            text,
            mentions,
        })
        .collect();
    let mut entities = link_entities(&mut views);
    entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    Ok(entities)
}
