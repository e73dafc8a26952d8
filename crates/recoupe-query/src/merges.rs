//! Merges of entities a desk made (`recoupe entities merge`, the API's and the entity page's
//! `merge_entities`), applied over what the linker found each time the entities are read: the
//! store's entity tables are never changed, so an undone merge leaves nothing behind, and the
//! articles linked to a merged entity later are read as the one it was merged into.

use std::collections::HashMap;

use recoupe_core::entities::Entity;
use recoupe_core::EntityId;
use recoupe_store::{Correction, Result, Store};

/// The merges in force: each merged entity and the one it was merged into.
#[derive(Clone, Debug, Default)]
pub struct EntityMerges {
    into: HashMap<EntityId, EntityId>,
}

impl EntityMerges {
    /// The merges of the store's log that are not undone.
    pub fn of(store: &Store) -> Result<EntityMerges> {
        Ok(EntityMerges::of_log(&store.corrections()?))
    }

    /// The merges of a log that are not undone.
    pub fn of_log(log: &[Correction]) -> EntityMerges {
        let into = recoupe_store::entity_merges(log);
        EntityMerges { into }
    }

    pub fn is_empty(&self) -> bool {
        self.into.is_empty()
    }

    /// The entity `id` is read as: itself, or the one it was merged into (through merges of
    /// merges; the store refuses a merge that would make a cycle).
    pub fn resolve(&self, id: EntityId) -> EntityId {
        let mut at = id;
        for _ in 0..=self.into.len() {
            match self.into.get(&at) {
                Some(next) if *next != id => at = *next,
                _ => break,
            }
        }
        at
    }

    /// The entities others were merged into (and not merged themselves), in the order of
    /// their ids.
    pub fn targets(&self) -> Vec<EntityId> {
        let mut found: Vec<EntityId> = self.into.keys().map(|id| self.resolve(*id)).collect();
        found.sort();
        found.dedup();
        found
    }

    /// Whether `id` was merged into another.
    pub fn is_merged(&self, id: EntityId) -> bool {
        self.resolve(id) != id
    }

    /// The entities read as `id` besides itself, in the order of their ids.
    pub fn merged_into(&self, id: EntityId) -> Vec<EntityId> {
        let mut found: Vec<EntityId> = self
            .into
            .keys()
            .copied()
            .filter(|from| *from != id && self.resolve(*from) == id)
            .collect();
        found.sort();
        found
    }

    /// `into` with `merged` read as part of it: its spellings, languages, mentions, articles
    /// and the evidence of the merge.
    pub fn absorb(into: &mut Entity, merged: &Entity) {
        for v in &merged.variants {
            if !into.variants.contains(v) {
                into.variants.push(v.clone());
            }
        }
        for l in &merged.languages {
            if !into.languages.contains(l) {
                into.languages.push(*l);
            }
        }
        into.mentions += merged.mentions;
        // an article may name both: counted once when both lists are whole
        let whole = into.articles.len() == into.article_count
            && merged.articles.len() == merged.article_count;
        for a in &merged.articles {
            if !into.articles.contains(a) {
                into.articles.push(*a);
            }
        }
        into.article_count = if whole {
            into.articles.len()
        } else {
            into.article_count + merged.article_count
        };
        into.evidence.push(format!(
            "merged by a correction: {} ({})",
            merged.name, merged.id
        ));
    }

    /// The entity of the store whose id is `id`, without its articles.
    pub(crate) fn stored(store: &Store, id: EntityId) -> Result<Option<Entity>> {
        Ok(store
            .entity_candidates(&id.to_string())?
            .into_iter()
            .find(|e| e.id == id))
    }

    /// Entity `id` of the store as read with the merges: the one it was merged into, with every
    /// entity merged into that, each with at most `max_articles` articles.
    pub(crate) fn read(
        &self,
        store: &Store,
        id: EntityId,
        max_articles: usize,
    ) -> Result<Option<Entity>> {
        let target = self.resolve(id);
        let Some(mut entity) = EntityMerges::stored(store, target)? else {
            return Ok(None);
        };
        entity.articles = store.entity_articles(target, max_articles)?;
        for from in self.merged_into(target) {
            if let Some(mut merged) = EntityMerges::stored(store, from)? {
                merged.articles = store.entity_articles(from, max_articles)?;
                EntityMerges::absorb(&mut entity, &merged);
            }
        }
        entity.articles.truncate(max_articles);
        Ok(Some(entity))
    }

    /// A list of the store's entities (the most mentioned first) as read with the merges: a
    /// merged entity left out, its counts and spellings given to the one it was merged into
    /// (fetched when the list did not hold it); sorted again, at most `limit`.
    pub(crate) fn apply_to_list(
        &self,
        store: &Store,
        list: Vec<Entity>,
        limit: usize,
        max_articles: usize,
    ) -> Result<Vec<Entity>> {
        if self.is_empty() {
            return Ok(list);
        }
        let mut kept: Vec<Entity> = Vec::with_capacity(list.len());
        let mut targets: Vec<EntityId> = Vec::new();
        for e in list {
            let target = self.resolve(e.id);
            if !targets.contains(&target) {
                targets.push(target);
            }
            if target == e.id {
                kept.push(e);
            }
        }
        let mut out = Vec::with_capacity(targets.len());
        for target in targets {
            match kept.iter().position(|e| e.id == target) {
                Some(i) => {
                    let mut entity = kept.swap_remove(i);
                    for from in self.merged_into(target) {
                        if let Some(mut merged) = EntityMerges::stored(store, from)? {
                            merged.articles = store.entity_articles(from, max_articles)?;
                            EntityMerges::absorb(&mut entity, &merged);
                        }
                    }
                    entity.articles.truncate(max_articles);
                    out.push(entity);
                }
                None => {
                    if let Some(entity) = self.read(store, target, max_articles)? {
                        out.push(entity);
                    }
                }
            }
        }
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
        out.truncate(limit);
        Ok(out)
    }
}

impl EntityMerges {
    /// A story's page as read with the merges: the story's own entities (linked among its
    /// articles) that name two merged entities of the store — one of their spellings is one of
    /// each's — made one, the most mentioned keeping its id, and every mention and quote of the
    /// other given it. Done before the comparison, so that the two are one actor there too.
    pub(crate) fn apply_to_story(
        &self,
        store: &Store,
        articles: &mut [recoupe_core::Analysis],
        entities: &mut Vec<Entity>,
    ) -> Result<()> {
        let groups = self.targets();
        let mut remap: HashMap<EntityId, EntityId> = HashMap::new();
        for target in groups {
            // the spellings of every stored entity read as `target`
            let mut spellings = std::collections::HashSet::new();
            for id in std::iter::once(target).chain(self.merged_into(target)) {
                if let Some(e) = EntityMerges::stored(store, id)? {
                    spellings.extend(e.variants.iter().map(|v| v.to_lowercase()));
                    spellings.insert(e.name.to_lowercase());
                }
            }
            let mut named: Vec<usize> = (0..entities.len())
                .filter(|i| {
                    entities[*i]
                        .variants
                        .iter()
                        .any(|v| spellings.contains(&v.to_lowercase()))
                })
                .collect();
            if named.len() < 2 {
                continue;
            }
            named.sort_by(|a, b| entities[*b].mentions.cmp(&entities[*a].mentions));
            let keep = named[0];
            for other in named[1..].iter().copied() {
                let merged = entities[other].clone();
                remap.insert(merged.id, entities[keep].id);
                EntityMerges::absorb(&mut entities[keep], &merged);
            }
        }
        if remap.is_empty() {
            return Ok(());
        }
        entities.retain(|e| !remap.contains_key(&e.id));
        let relink = |id: &mut Option<EntityId>| {
            if let Some(to) = id.and_then(|x| remap.get(&x)) {
                *id = Some(*to);
            }
        };
        for a in articles.iter_mut() {
            for m in a.entities.iter_mut().chain(a.title_entities.iter_mut()) {
                relink(&mut m.entity);
            }
            for q in a.quotes.iter_mut().chain(a.reported_speech.iter_mut()) {
                relink(&mut q.speaker);
            }
        }
        Ok(())
    }

    /// How many merges are in force.
    pub fn len(&self) -> usize {
        self.into.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use recoupe_core::entities::EntityKind;
    use recoupe_store::Action;

    fn merge(id: i64, from: u64, into: u64, undone: bool) -> Correction {
        Correction {
            id,
            at: "2026-12-07T00:00:00Z".into(),
            by: "desk".into(),
            why: String::new(),
            action: Action::MergeEntities {
                from: EntityId(from),
                into: EntityId(into),
            },
            undone_at: undone.then(|| "2026-12-07T01:00:00Z".into()),
        }
    }

    #[test]
    fn a_merge_of_a_merge_reads_as_the_last_entity_and_an_undone_merge_as_none() {
        let merges = EntityMerges::of_log(&[merge(1, 1, 2, false), merge(2, 2, 3, false)]);
        assert_eq!(merges.resolve(EntityId(1)), EntityId(3));
        assert_eq!(merges.resolve(EntityId(3)), EntityId(3));
        assert_eq!(
            merges.merged_into(EntityId(3)),
            vec![EntityId(1), EntityId(2)]
        );
        let undone = EntityMerges::of_log(&[merge(1, 1, 2, true)]);
        assert!(undone.is_empty());
        assert_eq!(undone.resolve(EntityId(1)), EntityId(1));
    }

    #[test]
    fn an_entity_absorbs_the_spellings_and_counts_of_one_merged_into_it() {
        let entity = |id, name: &str, variants: &[&str], mentions| Entity {
            id: EntityId(id),
            kind: EntityKind::Person,
            name: name.into(),
            variants: variants.iter().map(|v| v.to_string()).collect(),
            languages: Vec::new(),
            articles: Vec::new(),
            article_count: 2,
            evidence: Vec::new(),
            mentions,
        };
        let mut into = entity(2, "Nadia Okonkwo", &["Nadia Okonkwo", "Okonkwo"], 5);
        EntityMerges::absorb(&mut into, &entity(1, "Надя Оконкво", &["Надя Оконкво"], 3));
        assert_eq!(into.variants, ["Nadia Okonkwo", "Okonkwo", "Надя Оконкво"]);
        assert_eq!((into.mentions, into.article_count), (8, 4));
        assert!(into.evidence[0].contains("merged by a correction"));
    }
}
