//! Spellings a desk split out of an entity (`recoupe entities split`, the API's and the entity
//! page's `split_spelling`), applied over what the linker found each time the entities are
//! read, after the merges: the entity is read without the spelling, and the mentions written in
//! it are read as another entity, with an id derived from the two. The store's entity tables are
//! never changed, so an undone split leaves nothing behind, and the mentions of later articles
//! in that spelling are read as split out too.
//!
//! Which articles use the spelling is read from the mentions each article keeps (the store
//! does not link a mention to its entity): the articles of the entity that name it in that
//! spelling, over its latest [`SCANNED_ARTICLES`] articles.

use std::collections::HashSet;

use recoupe_core::entities::Entity;
use recoupe_core::{Analysis, ArticleId, EntityId, Lang};
use recoupe_store::{Correction, Result, SpellingSplit, Store};

use crate::EntityMerges;

/// Most articles of an entity read to find which name it in a split spelling (the latest): an
/// entity named in more is counted over those, and says so in its evidence.
pub const SCANNED_ARTICLES: usize = 5_000;

/// The splits in force.
#[derive(Clone, Debug, Default)]
pub struct EntitySplits {
    splits: Vec<SpellingSplit>,
}

/// What the articles of an entity say of its split spellings.
struct Scan {
    /// Per split: the articles naming it (in the order stored), their languages, its mentions.
    split: Vec<(Vec<ArticleId>, Vec<Lang>, usize)>,
    /// The articles that name the entity in a spelling not split out (or in none the scan saw).
    kept: Vec<ArticleId>,
    /// The articles the scan read, and how many the entity has.
    read: usize,
    total: usize,
}

impl EntitySplits {
    /// The splits of the store's log that are not undone.
    pub fn of(store: &Store) -> Result<EntitySplits> {
        Ok(EntitySplits::of_log(&store.corrections()?))
    }

    /// The splits of a log that are not undone.
    pub fn of_log(log: &[Correction]) -> EntitySplits {
        EntitySplits {
            splits: recoupe_store::spelling_splits(log),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.splits.is_empty()
    }

    /// The splits out of entity `id` (as read with the merges).
    pub fn out_of(&self, id: EntityId) -> Vec<&SpellingSplit> {
        self.splits.iter().filter(|s| s.entity == id).collect()
    }

    /// The split whose entity is `id`, if `id` is one.
    pub fn named_by_id(&self, id: EntityId) -> Option<&SpellingSplit> {
        self.splits.iter().find(|s| s.to == id)
    }

    /// The split of entity `id` whose spelling `name` is (case aside), if any.
    pub fn named(&self, id: EntityId, name: &str) -> Option<&SpellingSplit> {
        self.splits
            .iter()
            .find(|s| s.entity == id && s.is_spelling(name))
    }

    /// Reads which articles of `entity` (read with `merges`) name each of `splits`.
    fn scan(
        store: &Store,
        merges: &EntityMerges,
        entity: EntityId,
        splits: &[&SpellingSplit],
        kept: &HashSet<String>,
    ) -> Result<Scan> {
        let mut ids: Vec<ArticleId> = store.entity_articles(entity, usize::MAX)?;
        for from in merges.merged_into(entity) {
            for a in store.entity_articles(from, usize::MAX)? {
                if !ids.contains(&a) {
                    ids.push(a);
                }
            }
        }
        let total = ids.len();
        let skipped = total.saturating_sub(SCANNED_ARTICLES);
        let mut scan = Scan {
            split: vec![(Vec::new(), Vec::new(), 0); splits.len()],
            kept: Vec::new(),
            read: total - skipped,
            total,
        };
        scan.kept.extend_from_slice(&ids[..skipped]);
        for id in &ids[skipped..] {
            let Some(stored) = store.article(&id.to_string())? else {
                continue;
            };
            let analysis = stored.analysis();
            let named = names_in(&analysis, splits, kept);
            for (i, n) in named.split.iter().enumerate() {
                if *n > 0 {
                    let (articles, languages, mentions) = &mut scan.split[i];
                    articles.push(*id);
                    if let Some(l) = analysis.language.filter(|l| !languages.contains(l)) {
                        languages.push(l);
                    }
                    *mentions += n;
                }
            }
            if named.names_the_entity() {
                scan.kept.push(*id);
            }
        }
        Ok(scan)
    }

    /// `entity` (as read with the merges: its id is not merged into another) without the
    /// spellings split out of it, and the entities those spellings are read as, each with at
    /// most `max_articles` articles. `entity` unchanged and none when nothing was split out.
    pub(crate) fn apply(
        &self,
        store: &Store,
        merges: &EntityMerges,
        mut entity: Entity,
        max_articles: usize,
    ) -> Result<(Entity, Vec<Entity>)> {
        let splits = self.out_of(entity.id);
        if splits.is_empty() {
            return Ok((entity, Vec::new()));
        }
        let kept = kept_spellings(&entity.variants, &splits);
        let scan = EntitySplits::scan(store, merges, entity.id, &splits, &kept)?;
        let partial = (scan.read < scan.total).then(|| {
            format!(
                "split spellings counted over the latest {} of {} articles",
                scan.read, scan.total
            )
        });
        // what the entity is called without the spellings split out
        let new_name = if splits.iter().any(|s| s.is_spelling(&entity.name)) {
            let kept: Vec<String> = entity
                .variants
                .iter()
                .filter(|v| !splits.iter().any(|s| s.is_spelling(v)))
                .cloned()
                .collect();
            name_of(&kept).unwrap_or_else(|| entity.name.clone())
        } else {
            entity.name.clone()
        };
        let mut out = Vec::with_capacity(splits.len());
        for (split, (articles, languages, mentions)) in splits.iter().zip(scan.split) {
            let variants = spelled_so(&entity.variants, split);
            if variants.is_empty() && articles.is_empty() {
                // not a spelling of the entity as read now (a merge it came with was undone)
                continue;
            }
            entity.mentions = entity.mentions.saturating_sub(mentions);
            let mut evidence = vec![split_evidence(&new_name, entity.id, split)];
            evidence.extend(partial.clone());
            out.push(Entity {
                id: split.to,
                kind: entity.kind,
                name: split.spelling.clone(),
                variants: if variants.is_empty() {
                    vec![split.spelling.clone()]
                } else {
                    variants
                },
                languages,
                article_count: articles.len(),
                articles: articles.into_iter().take(max_articles).collect(),
                evidence,
                mentions,
            });
        }
        if out.is_empty() {
            return Ok((entity, out));
        }
        entity
            .variants
            .retain(|v| !splits.iter().any(|s| s.is_spelling(v)));
        entity.name = new_name;
        entity.article_count = scan.kept.len();
        entity.articles = scan.kept.into_iter().take(max_articles).collect();
        for s in &out {
            entity.evidence.push(format!(
                "«{}» split out by a correction (read as {})",
                s.name, s.id
            ));
        }
        Ok((entity, out))
    }

    /// The entity a split made, `id`, with at most `max_articles` articles; none when `id`
    /// is not one, or its spelling is no longer one of the entity's.
    pub(crate) fn read(
        &self,
        store: &Store,
        merges: &EntityMerges,
        id: EntityId,
        max_articles: usize,
    ) -> Result<Option<Entity>> {
        let Some(split) = self.named_by_id(id) else {
            return Ok(None);
        };
        let Some(entity) = merges.read(store, split.entity, 0)? else {
            return Ok(None);
        };
        let (_, made) = self.apply(store, merges, entity, max_articles)?;
        Ok(made.into_iter().find(|e| e.id == id))
    }

    /// A list of entities (the most mentioned first, read with the merges) with the spellings
    /// split out: each entity a split was made of without them, and the entities they are read
    /// as beside; sorted again, at most `limit`.
    pub(crate) fn apply_to_list(
        &self,
        store: &Store,
        merges: &EntityMerges,
        list: Vec<Entity>,
        limit: usize,
        max_articles: usize,
    ) -> Result<Vec<Entity>> {
        let mut out = Vec::with_capacity(list.len() + self.splits.len());
        for e in list {
            let (kept, made) = self.apply(store, merges, e, max_articles)?;
            out.push(kept);
            out.extend(made);
        }
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
        out.truncate(limit);
        Ok(out)
    }

    /// What keeps a search by entity `id` to the articles that name it as read with the
    /// splits (the store's filter keeps to the articles linked to the entity a split was made
    /// of); none when no split touches `id`.
    pub(crate) fn filter(
        &self,
        store: &Store,
        merges: &EntityMerges,
        id: EntityId,
    ) -> Result<Option<SplitFilter>> {
        let (entity, splits, wants_split) = match self.named_by_id(id) {
            Some(split) => (split.entity, vec![split.clone()], true),
            None => {
                let splits: Vec<SpellingSplit> = self.out_of(id).into_iter().cloned().collect();
                if splits.is_empty() {
                    return Ok(None);
                }
                (id, splits, false)
            }
        };
        let variants = match merges.read(store, entity, 0)? {
            Some(e) => e.variants,
            None => Vec::new(),
        };
        let kept = kept_spellings(&variants, &splits.iter().collect::<Vec<_>>());
        Ok(Some(SplitFilter {
            entity,
            splits,
            kept,
            wants_split,
        }))
    }

    /// A story's page with the splits: a story entity that is (or shares a spelling not split
    /// out with) an entity spellings were split out of gives its mentions in those spellings,
    /// and the quotes they speak, to the entity each is read as. Done before the comparison, so
    /// that the two are two actors there too.
    pub(crate) fn apply_to_story(
        &self,
        store: &Store,
        merges: &EntityMerges,
        articles: &mut [Analysis],
        entities: &mut Vec<Entity>,
    ) -> Result<()> {
        let mut by_entity: Vec<(EntityId, Vec<&SpellingSplit>, HashSet<String>)> = Vec::new();
        for s in &self.splits {
            match by_entity.iter_mut().find(|(id, _, _)| *id == s.entity) {
                Some((_, list, _)) => list.push(s),
                None => {
                    let kept: HashSet<String> = match merges.read(store, s.entity, 0)? {
                        Some(e) => e.variants.iter().map(|v| v.to_lowercase()).collect(),
                        None => HashSet::new(),
                    };
                    by_entity.push((s.entity, vec![s], kept));
                }
            }
        }
        let mut made: Vec<Entity> = Vec::new();
        for (id, splits, mut spellings) in by_entity {
            spellings.retain(|v| !splits.iter().any(|s| s.is_spelling(v)));
            for e in entities.iter_mut() {
                let is_it = e.id == id
                    || e.variants
                        .iter()
                        .any(|v| spellings.contains(&v.to_lowercase()));
                if !is_it {
                    continue;
                }
                for split in &splits {
                    let variants = spelled_so(&e.variants, split);
                    if variants.is_empty() {
                        continue;
                    }
                    let (mentions, named_in) = relink(articles, e.id, split);
                    e.mentions = e.mentions.saturating_sub(mentions);
                    e.variants.retain(|v| !split.is_spelling(v));
                    let languages = articles
                        .iter()
                        .filter(|a| named_in.contains(&a.id))
                        .filter_map(|a| a.language)
                        .fold(Vec::new(), |mut list, l| {
                            if !list.contains(&l) {
                                list.push(l);
                            }
                            list
                        });
                    made.push(Entity {
                        id: split.to,
                        kind: e.kind,
                        name: split.spelling.clone(),
                        variants,
                        languages,
                        article_count: named_in.len(),
                        articles: named_in,
                        evidence: vec![split_evidence(&e.name, id, split)],
                        mentions,
                    });
                }
                if splits.iter().any(|s| s.is_spelling(&e.name)) {
                    if let Some(name) = name_of(&e.variants) {
                        e.name = name;
                    }
                }
                // the articles that still name it
                let still: Vec<ArticleId> = articles
                    .iter()
                    .filter(|a| {
                        a.entities
                            .iter()
                            .chain(&a.title_entities)
                            .any(|m| m.entity == Some(e.id))
                    })
                    .map(|a| a.id)
                    .collect();
                e.article_count = still.len();
                e.articles = still;
            }
        }
        // an entity left with no spelling was the split spelling alone: it is the split one
        entities.retain(|e| !e.variants.is_empty());
        for m in made {
            match entities.iter_mut().find(|e| e.id == m.id) {
                Some(e) => {
                    e.mentions += m.mentions;
                    for a in m.articles {
                        if !e.articles.contains(&a) {
                            e.articles.push(a);
                        }
                    }
                    e.article_count = e.articles.len();
                }
                None => entities.push(m),
            }
        }
        Ok(())
    }
}

/// Keeps a search by entity to the articles that name it as read with the splits.
pub(crate) struct SplitFilter {
    /// The entity whose articles the store's filter keeps to.
    pub(crate) entity: EntityId,
    splits: Vec<SpellingSplit>,
    kept: HashSet<String>,
    /// The entity searched for is the split one (else the one it was split from).
    wants_split: bool,
}

impl SplitFilter {
    /// Whether an article of [`SplitFilter::entity`] names the entity searched for.
    pub(crate) fn keeps(&self, analysis: &Analysis) -> bool {
        let splits: Vec<&SpellingSplit> = self.splits.iter().collect();
        let named = names_in(analysis, &splits, &self.kept);
        if self.wants_split {
            named.split[0] > 0
        } else {
            named.names_the_entity()
        }
    }
}

/// What an article's mentions say of some split spellings.
struct Named {
    /// Mentions in each split spelling.
    split: Vec<usize>,
    /// Whether it has a mention in one of the entity's spellings not split out.
    other: bool,
}

impl Named {
    /// Whether the article names the entity the spellings were split out of: in a spelling
    /// it keeps, or in none the mentions show (linked through a spelling no longer kept).
    fn names_the_entity(&self) -> bool {
        self.other || self.split.iter().all(|n| *n == 0)
    }
}

/// How an article names the spellings of `splits` and the entity's `kept` ones (lowercased),
/// by its mentions in the title and the text.
fn names_in(analysis: &Analysis, splits: &[&SpellingSplit], kept: &HashSet<String>) -> Named {
    let mut named = Named {
        split: vec![0; splits.len()],
        other: false,
    };
    for m in analysis.entities.iter().chain(&analysis.title_entities) {
        match splits.iter().position(|s| s.is_spelling(&m.text)) {
            Some(i) => named.split[i] += 1,
            None => named.other = named.other || kept.contains(&m.text.to_lowercase()),
        }
    }
    named
}

/// The spellings of an entity (lowercased) that no split takes.
fn kept_spellings(variants: &[String], splits: &[&SpellingSplit]) -> HashSet<String> {
    variants
        .iter()
        .filter(|v| !splits.iter().any(|s| s.is_spelling(v)))
        .map(|v| v.to_lowercase())
        .collect()
}

/// Gives the mentions of entity `id` in `split`'s spelling, and the quotes they speak, to the
/// split's entity; the number moved and the articles they are in.
fn relink(
    articles: &mut [Analysis],
    id: EntityId,
    split: &SpellingSplit,
) -> (usize, Vec<ArticleId>) {
    let mut moved = 0;
    let mut named_in = Vec::new();
    for a in articles.iter_mut() {
        let mut here = 0;
        for m in a.entities.iter_mut().chain(a.title_entities.iter_mut()) {
            if m.entity == Some(id) && split.is_spelling(&m.text) {
                m.entity = Some(split.to);
                here += 1;
            }
        }
        let text = a.text.as_str();
        for q in a.quotes.iter_mut().chain(a.reported_speech.iter_mut()) {
            if q.speaker != Some(id) {
                continue;
            }
            let said_by = q
                .speaker_mention
                .and_then(|s| text.get(s.start..s.end))
                .or(q.speaker_text.as_deref());
            if said_by.is_some_and(|t| split.is_spelling(t)) {
                q.speaker = Some(split.to);
            }
        }
        if here > 0 {
            moved += here;
            named_in.push(a.id);
        }
    }
    (moved, named_in)
}

/// The spellings of `variants` that are `split`'s, as written.
fn spelled_so(variants: &[String], split: &SpellingSplit) -> Vec<String> {
    variants
        .iter()
        .filter(|v| split.is_spelling(v))
        .cloned()
        .collect()
}

/// Why an entity a split made is one: the entity it was split out of, and the spelling.
fn split_evidence(name: &str, id: EntityId, split: &SpellingSplit) -> String {
    format!(
        "split out of {name} ({id}) by a correction: «{}» is another actor",
        split.spelling
    )
}

/// What to call an entity by its spellings: the longest Latin-script one, else the longest.
fn name_of(variants: &[String]) -> Option<String> {
    let latin = |v: &&String| v.chars().any(|c| c.is_ascii_alphabetic());
    variants
        .iter()
        .filter(latin)
        .max_by_key(|v| v.chars().count())
        .or_else(|| variants.iter().max_by_key(|v| v.chars().count()))
        .cloned()
}
