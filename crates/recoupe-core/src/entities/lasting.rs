//! Linking that lasts beyond one run: a store links each article once, as it is written, and
//! keeps its entities in tables. [`Linker::lasting`] tells what changed since the last
//! [`Linker::drain`] (the entities to write again, the spellings placed); [`Linker::restore`]
//! gives the linker back from what was written, so that a store reopened links the next
//! articles exactly as one that never closed.
//!
//! Two things differ from linking a whole corpus at once ([`super::link_entities`]): an entity's
//! id is given once, from its canonical key when it is first written, and kept while its name
//! changes (a store's ids stay valid); and the names of an Arabic-script article are searched
//! for by their sound among the names known when it is linked, not among those of later
//! articles.

use crate::maps::HashSet;
use std::collections::BTreeSet;

use super::link::{
    another_sound, block_of, canonical_key, find_known_names_in, fresh_id, known_by_sound,
    name_keys, open_cluster, Cluster, KnownNames,
};
use super::{ArticleMentions, Entity, EntityKind, Linker};
use crate::model::{ArticleId, EntityId, Lang};

/// What a lasting linker notes as it links.
#[derive(Default)]
pub(super) struct Lasting {
    /// Clusters changed since the last drain.
    touched: BTreeSet<usize>,
    /// Spellings placed since the last drain.
    spellings: Vec<Spelling>,
    /// Ids given.
    taken: HashSet<EntityId>,
    /// Clusters an Arabic-script article can find by sound, and which are listed there.
    known: KnownNames,
    in_known: HashSet<usize>,
}

impl Lasting {
    pub(super) fn touched(&mut self, c: usize, cluster: &Cluster) {
        self.touched.insert(c);
        if !self.in_known.contains(&c) {
            if let Some(key) = known_by_sound(cluster) {
                self.known.push(c, key);
                self.in_known.insert(c);
            }
        }
    }

    pub(super) fn spelled(&mut self, spelling: &(String, EntityKind), cluster: usize) {
        self.spellings.push(Spelling {
            text: spelling.0.clone(),
            kind: spelling.1,
            cluster,
        });
    }
}

/// An entity as a lasting linker keeps it: all it needs to go on linking, and what a reader
/// asks of it.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkedEntity {
    /// Its place among the linker's entities (they are restored in this order).
    pub cluster: usize,
    pub id: EntityId,
    /// The spelling that opened it.
    pub label: String,
    pub kind: EntityKind,
    /// Gazetteer place id.
    pub place: Option<String>,
    /// What a user calls it (see [`Entity::name`]).
    pub name: String,
    /// Each spelling, the language it was first seen in, and how often it was seen.
    pub variants: Vec<(String, Option<Lang>, usize)>,
    pub languages: Vec<Lang>,
    pub evidence: Vec<String>,
    pub mentions: usize,
    /// How many articles it was found in, and the last.
    pub articles: usize,
    pub last_article: Option<ArticleId>,
    /// The articles it was found in since the last drain, in order.
    pub new_articles: Vec<ArticleId>,
    /// Where the spellings new since the last drain start in `variants`.
    pub new_variants: usize,
    /// The spellings first found by their sound in an Arabic-script text (they gave the entity
    /// no other sound to be found by).
    pub by_sound: Vec<String>,
}

impl LinkedEntity {
    /// The entity a reader sees, with the articles given (all of them, or the first ones).
    pub fn entity(&self, articles: Vec<ArticleId>) -> Entity {
        Entity {
            id: self.id,
            kind: self.kind,
            name: self.name.clone(),
            variants: self.variants.iter().map(|(v, _, _)| v.clone()).collect(),
            languages: self.languages.clone(),
            articles,
            article_count: self.articles,
            evidence: self.evidence.clone(),
            mentions: self.mentions,
        }
    }
}

/// A spelling placed in an entity: the next mention spelled so (lower-cased), of that kind,
/// joins it without being compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spelling {
    pub text: String,
    pub kind: EntityKind,
    pub cluster: usize,
}

/// What changed since the last [`Linker::drain`].
#[derive(Debug, Default)]
pub struct LinkerChanges {
    pub entities: Vec<LinkedEntity>,
    pub spellings: Vec<Spelling>,
}

/// The block a name is looked up in by its sound: that of its surname (see `block_of`), as a
/// number; entities whose names sound alike share it.
pub fn sound_block(name: &str) -> Option<u16> {
    let keys = name_keys(name, None);
    let [a, b] = block_of(keys.last()?);
    Some(u16::from(a) << 8 | u16::from(b))
}

impl Linker {
    /// A linker whose entities last: it notes what each article changes, for
    /// [`Linker::drain`], and searches Arabic-script articles for known names as it links them.
    pub fn lasting() -> Linker {
        Linker {
            lasting: Some(Box::default()),
            ..Linker::default()
        }
    }

    /// The lasting linker whose drains wrote `entities` and `spellings`; `None` when the
    /// entities are not numbered 0, 1, 2… in order (the tables do not hold a whole linker).
    pub fn restore(mut entities: Vec<LinkedEntity>, spellings: Vec<Spelling>) -> Option<Linker> {
        entities.sort_by_key(|e| e.cluster);
        let mut linker = Linker::lasting();
        let Linker {
            clusters,
            by_place,
            blocks,
            seen,
            org_blocks,
            lasting,
        } = &mut linker;
        let lasting = lasting.as_mut()?;
        for (i, e) in entities.into_iter().enumerate() {
            if e.cluster != i {
                return None;
            }
            // the keys of the spelling that opened it, in its language
            let lang = e
                .variants
                .iter()
                .find(|(v, _, _)| *v == e.label)
                .and_then(|(_, l, _)| *l);
            let keys = name_keys(&e.label, lang);
            let mut cluster = Cluster::new(e.label, e.kind, e.place, keys);
            (cluster.variants, cluster.counts) =
                e.variants.into_iter().map(|(v, l, n)| ((v, l), n)).unzip();
            cluster.languages = e.languages;
            cluster.evidence = e.evidence;
            cluster.mentions = e.mentions;
            cluster.article_count = e.articles;
            cluster.last_article = e.last_article;
            cluster.id = Some(e.id);
            cluster.variants_drained = cluster.variants.len();
            cluster.by_sound = e.by_sound;
            lasting.taken.insert(e.id);
            let variants = cluster.variants.clone();
            let c = open_cluster(clusters, by_place, blocks, org_blocks, cluster);
            // the other sounds of its name, from its spellings in order, as the linker that
            // drained it found them (not from those it found by their sound)
            for (text, lang) in &variants {
                if !clusters[c].by_sound.contains(text) {
                    another_sound(&mut clusters[c], c, blocks, text, *lang);
                }
            }
            lasting.touched(c, &clusters[c]);
        }
        lasting.touched.clear();
        for s in spellings {
            if s.cluster < clusters.len() {
                seen.insert((s.text, s.kind), s.cluster);
            }
        }
        Some(linker)
    }

    /// An Arabic-script article just linked: the names known so far found by their sound.
    pub(super) fn find_known_names_by_sound(&mut self, article: &mut ArticleMentions<'_>) {
        let Some(lasting) = &mut self.lasting else {
            return;
        };
        for c in find_known_names_in(&mut self.clusters, &mut lasting.known, article) {
            lasting.touched.insert(c);
        }
    }

    /// What changed since the last drain: the entities touched, whole (with the articles that
    /// found them since), and the spellings placed. Gives an entity its id the first time.
    /// Nothing for a linker that is not lasting.
    pub fn drain(&mut self) -> LinkerChanges {
        let Some(lasting) = &mut self.lasting else {
            return LinkerChanges::default();
        };
        let mut entities = Vec::with_capacity(lasting.touched.len());
        for c in std::mem::take(&mut lasting.touched) {
            let cluster = &mut self.clusters[c];
            let name = cluster.name();
            let id = match cluster.id {
                Some(id) => id,
                None => {
                    let key = canonical_key(cluster.place.as_deref(), &name);
                    *cluster.id.insert(fresh_id(&mut lasting.taken, &key))
                }
            };
            entities.push(LinkedEntity {
                cluster: c,
                id,
                label: cluster.label.clone(),
                kind: cluster.kind,
                place: cluster.place.clone(),
                name,
                variants: cluster
                    .variants
                    .iter()
                    .zip(&cluster.counts)
                    .map(|((v, l), n)| (v.clone(), *l, *n))
                    .collect(),
                languages: cluster.languages.clone(),
                evidence: cluster.evidence.clone(),
                mentions: cluster.mentions,
                articles: cluster.article_count,
                last_article: cluster.last_article,
                new_articles: std::mem::take(&mut cluster.articles),
                new_variants: cluster.variants_drained,
                by_sound: cluster.by_sound.clone(),
            });
            cluster.variants_drained = cluster.variants.len();
        }
        LinkerChanges {
            entities,
            spellings: std::mem::take(&mut lasting.spellings),
        }
    }

    /// Entities known.
    pub fn len(&self) -> usize {
        self.clusters.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }
}

/// A store's entities are hashed maps of the linker's: the same articles linked with breaks
/// (drained, written, restored) give the same entities as linked in one go.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::find_mentions;
    use crate::maps::HashMap;
    use crate::model::Lang;

    fn article(n: u64, lang: Lang, text: &'static str) -> (ArticleId, Lang, &'static str) {
        (ArticleId(n), lang, text)
    }

    fn link(
        linker: &mut Linker,
        (id, lang, text): (ArticleId, Lang, &'static str),
    ) -> Vec<super::super::Mention> {
        let mut mentions = find_mentions(text, Some(lang));
        linker.add(&mut ArticleMentions {
            article: id,
            language: Some(lang),
            text,
            mentions: &mut mentions,
        });
        mentions
    }

    /// Keeps what drains give, as a store's tables would.
    #[derive(Default)]
    struct Tables {
        entities: HashMap<usize, LinkedEntity>,
        articles: HashMap<usize, Vec<ArticleId>>,
        spellings: Vec<Spelling>,
    }

    impl Tables {
        fn write(&mut self, changes: LinkerChanges) {
            for mut e in changes.entities {
                self.articles
                    .entry(e.cluster)
                    .or_default()
                    .extend(std::mem::take(&mut e.new_articles));
                e.new_variants = 0;
                self.entities.insert(e.cluster, e);
            }
            self.spellings.extend(changes.spellings);
        }

        fn restore(&self) -> Linker {
            Linker::restore(
                self.entities.values().cloned().collect(),
                self.spellings.clone(),
            )
            .expect("the tables hold a whole linker")
        }
    }

    fn corpus() -> Vec<(ArticleId, Lang, &'static str)> {
        vec![
            article(1, Lang::EN, "Minister Sergei Lavrov met Nadia Okonkwo in Geneva on Monday. Lavrov said the talks would go on."),
            article(2, Lang::FR, "Le ministre Sergueï Lavrov a rencontré Nadia Okonkwo à Genève. Okonkwo a parlé de progrès."),
            article(3, Lang::RU, "Министр Сергей Лавров встретился с Надей Оконкво в Женеве."),
            article(4, Lang::AR, "التقى وزير الخارجية سيرغي لافروف في جنيف يوم الاثنين. وقال لافروف إن المحادثات ستستمر."),
            article(5, Lang::DE, "Außenminister Sergej Lawrow traf Nadia Okonkwo in Genf."),
        ]
    }

    #[test]
    fn a_store_linking_with_breaks_keeps_the_entities_of_one_linking() {
        // in one go, drained once at the end
        let mut whole = Linker::lasting();
        for a in corpus() {
            link(&mut whole, a);
        }
        let mut once = Tables::default();
        once.write(whole.drain());

        // the same articles with a drain, a write and a restore after each
        let mut tables = Tables::default();
        let mut mentions = Vec::new();
        for a in corpus() {
            let mut linker = tables.restore();
            mentions.push(link(&mut linker, a));
            tables.write(linker.drain());
        }
        assert_eq!(tables.entities, once.entities);
        assert_eq!(tables.articles, once.articles);
        let lavrov = tables
            .entities
            .values()
            .find(|e| e.name.contains("Lavrov"))
            .unwrap_or_else(|| panic!("Lavrov is an entity: {:?}", tables.entities));
        let spellings: Vec<&str> = lavrov.variants.iter().map(|(v, _, _)| v.as_str()).collect();
        for spelling in ["Sergueï Lavrov", "Сергей Лавров", "Sergej Lawrow"] {
            assert!(spellings.contains(&spelling), "{spelling} in {spellings:?}");
        }
        // the Arabic article, linked after the others, finds the name by its sound
        assert!(
            spellings.iter().any(|s| s.contains("لافروف")),
            "{spellings:?}"
        );
        assert_eq!(tables.articles[&lavrov.cluster].len(), 5);
        assert_eq!(lavrov.articles, 5);
    }

    #[test]
    fn an_entity_keeps_the_id_it_was_first_written_with() {
        let mut linker = Linker::lasting();
        let (id, lang, text) = article(1, Lang::EN, "Nadia Okonkwo spoke. Okonkwo left.");
        link(&mut linker, (id, lang, text));
        let first = linker.drain();
        let okonkwo = first
            .entities
            .iter()
            .find(|e| e.name.contains("Okonkwo"))
            .expect("found");
        for n in 2..6 {
            link(&mut linker, article(n, Lang::RU, "Надя Оконкво выступила."));
        }
        let later = linker.drain();
        let again = later
            .entities
            .iter()
            .find(|e| e.cluster == okonkwo.cluster)
            .expect("touched again");
        assert_eq!(again.id, okonkwo.id);
        assert_eq!(again.articles, 5);
        assert_eq!(
            again.new_articles.len(),
            4,
            "only the articles since the drain"
        );
        assert!(linker.drain().entities.is_empty(), "nothing changed since");
    }

    #[test]
    fn a_linker_restored_from_tables_with_holes_is_refused() {
        let mut linker = Linker::lasting();
        link(
            &mut linker,
            article(1, Lang::EN, "Nadia Okonkwo met Sergei Lavrov."),
        );
        let mut changes = linker.drain();
        changes.entities.retain(|e| e.cluster != 0);
        assert!(Linker::restore(changes.entities, changes.spellings).is_none());
    }
}
