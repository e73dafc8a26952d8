//! Across articles (link_entities, Linker): mentions become entities by sound keys and places, with the evidence of each merge; stable ids from what an entity is.

pub(super) use super::blocks::*;
pub(super) use super::known::*;
use super::*;

/// An entity of the corpus: one actor, all its spellings.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Entity {
    pub id: EntityId,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The longest Latin-script spelling, else the longest.
    pub name: String,
    pub variants: Vec<String>,
    pub languages: Vec<Lang>,
    pub articles: Vec<ArticleId>,
    /// How many articles it is found in: `articles.len()`, unless the list was cut (a store's
    /// entity lists give the first articles only).
    pub article_count: usize,
    /// Why the spellings were merged, in words.
    pub evidence: Vec<String>,
    pub mentions: usize,
}

/// What `link_entities` needs of an article.
pub struct ArticleMentions<'a> {
    pub article: ArticleId,
    pub language: Option<Lang>,
    pub text: &'a str,
    pub mentions: &'a mut Vec<Mention>,
}

pub(super) struct Cluster {
    /// The spelling that opened the cluster (for evidence).
    pub(super) label: String,
    /// That spelling writes its short vowels (Latin, Cyrillic, Greek; not Arabic or Hebrew).
    pub(super) voweled: bool,
    pub(super) kind: EntityKind,
    pub(super) place: Option<String>,
    /// word keys of the fullest name
    pub(super) keys: Vec<Vec<Sound>>,
    /// word keys of spellings whose surname sounds otherwise (Theresa May beside Тереза Мей),
    /// a few at most: a later spelling may sound like any of them
    pub(super) more_keys: Vec<Vec<Vec<Sound>>>,
    pub(super) variants: Vec<(String, Option<Lang>)>,
    /// how often each variant was seen (same order as `variants`)
    pub(super) counts: Vec<usize>,
    /// The variants first found by their sound in an Arabic-script text: they gave the
    /// cluster no other sound (`another_sound`), and a linker restored from a store must not
    /// give it one either.
    pub(super) by_sound: Vec<String>,
    pub(super) languages: Vec<Lang>,
    /// The articles it was found in, in order; a lasting linker keeps those since its last
    /// [`Linker::drain`] only.
    pub(super) articles: Vec<ArticleId>,
    /// All the articles it was found in, and the last one.
    pub(super) article_count: usize,
    pub(super) last_article: Option<ArticleId>,
    pub(super) evidence: Vec<String>,
    pub(super) mentions: usize,
    /// Its id in a store, given once (a lasting linker's; see [`Linker::drain`]).
    pub(super) id: Option<EntityId>,
    /// Spellings given by the drains before (a lasting linker's).
    pub(super) variants_drained: usize,
}

impl Cluster {
    /// A cluster opened by the spelling `label`, whose word keys are `keys`.
    pub(super) fn new(
        label: String,
        kind: EntityKind,
        place: Option<String>,
        keys: Vec<Vec<Sound>>,
    ) -> Cluster {
        Cluster {
            voweled: writes_vowels(&label),
            label,
            kind,
            place,
            keys,
            more_keys: Vec::new(),
            variants: Vec::new(),
            by_sound: Vec::new(),
            counts: Vec::new(),
            languages: Vec::new(),
            articles: Vec::new(),
            article_count: 0,
            last_article: None,
            evidence: Vec::new(),
            mentions: 0,
            id: None,
            variants_drained: 0,
        }
    }

    /// Counts a mention of it in `article` (articles are linked one after the other).
    pub(super) fn found_in(&mut self, article: ArticleId, language: Option<Lang>) {
        self.mentions += 1;
        if let Some(l) = language.filter(|l| !self.languages.contains(l)) {
            self.languages.push(l);
        }
        if self.last_article != Some(article) {
            self.articles.push(article);
            self.article_count += 1;
            self.last_article = Some(article);
        }
    }

    /// Counts the spelling `text` (a new variant when not seen before).
    pub(super) fn spelled(&mut self, text: &str, language: Option<Lang>) -> bool {
        match self.variants.iter().position(|(v, _)| v == text) {
            Some(v) => {
                self.counts[v] += 1;
                false
            }
            None => {
                self.variants.push((text.to_string(), language));
                self.counts.push(1);
                true
            }
        }
    }

    /// What a user calls it: a gazetteer place's name, else the most frequent Latin spelling
    /// (the fullest on a tie), else the most frequent spelling.
    pub(super) fn name(&self) -> String {
        let name = self
            .variants
            .iter()
            .zip(&self.counts)
            .filter(|((v, _), _)| v.chars().any(|ch| ch.is_ascii_alphabetic()))
            .max_by_key(|((v, _), n)| (**n, v.split(' ').count(), v.chars().count()))
            .map(|(v, _)| v)
            .or_else(|| self.variants.iter().max_by_key(|(v, _)| v.chars().count()))
            .map(|(v, _)| v.clone())
            .unwrap_or_default();
        match self
            .place
            .as_deref()
            .map(|id| id.split_once('/').unwrap_or((id, "")))
        {
            Some((base, part)) => match gazetteer().places.iter().find(|p| p.id == base) {
                Some(place) if part.is_empty() => place.name.to_string(),
                Some(place) => format!("{} ({part})", place.name),
                None => name,
            },
            None => name,
        }
    }
}

/// Links mentions across articles into entities; fills each mention's `entity` with the id.
/// Arabic-script articles are also searched for names known from the others.
pub fn link_entities(articles: &mut [ArticleMentions<'_>]) -> Vec<Entity> {
    let mut linker = Linker::default();
    for article in articles.iter_mut() {
        linker.add(article);
    }
    linker.finish(articles)
}

/// [`link_entities`] one article at a time, as articles arrive (a pipeline links each batch
/// while the next is analysed): [`Linker::add`] each article in order, then
/// [`Linker::finish`] over all of them. Until then a mention's `entity` is provisional.
#[derive(Default)]
pub struct Linker {
    pub(super) clusters: Vec<Cluster>,
    pub(super) by_place: HashMap<String, usize>,
    /// clusters by a coarse key of their surname: a name is compared with its block only
    pub(super) blocks: HashMap<[u8; 2], Block>,
    /// spellings already placed: most mentions repeat a spelling seen before
    pub(super) seen: HashMap<(String, EntityKind), usize>,
    /// organisations named in several words, by the block of each word: Komisja Europejska is
    /// found from Evropská komise whatever the order of the words
    pub(super) org_blocks: HashMap<[u8; 2], Vec<usize>>,
    /// Set when the linking lasts beyond one run (a store's; see [`Linker::lasting`]).
    pub(super) lasting: Option<Box<super::lasting::Lasting>>,
}

impl Linker {
    /// The cluster a mention (the fullest of its group) joins: its gazetteer place's, that of
    /// its spelling seen before, or one whose names sound like it; else a new one.
    fn cluster_of(&mut self, m: &Mention, lang: Option<Lang>) -> usize {
        let Linker {
            clusters,
            by_place,
            blocks,
            seen,
            org_blocks,
            lasting,
        } = self;
        let name_keys = || name_keys(&m.text, lang);
        let spelling = (crate::lexicon::to_lower(&m.text), m.kind);
        // a spelling placed before needs no keys unless it is new evidence
        let mut keys: Option<Vec<Vec<Sound>>> = None;
        let found = match &m.place {
            Some(place) => by_place.get(place.as_str()).copied(),
            None if seen.contains_key(&spelling) => seen.get(&spelling).copied(),
            None => {
                let name: &Vec<Vec<Sound>> = keys.insert(name_keys());
                // an organisation of several words is not the one-word name or the place its
                // last word is (Совету ЕС, Верховный суд Пакистана, Консервативната партия)
                let several = m.kind == EntityKind::Organization && name.len() >= 2;
                name.last()
                    .and_then(|surname| {
                        let voweled = writes_vowels(&m.text);
                        let wanted = BlockEntry::of(0, surname, m.kind, voweled, 0);
                        blocks.get(&block_of(surname)).and_then(|block| {
                            block
                                .entries
                                .iter()
                                .filter(|e| e.may_match(&wanted) && compatible(e.kind, m.kind))
                                // the surnames first, from the block: most candidates end here
                                .filter(|e| {
                                    let theirs = block.surname(e);
                                    key_similarity_written_from(
                                        theirs,
                                        surname,
                                        e.voweled && voweled,
                                        0.7,
                                    ) >= 0.7
                                })
                                .map(|e| e.cluster as usize)
                                .find(|c| {
                                    let c = &clusters[*c];
                                    if several && (c.place.is_some() || c.keys.len() < 2) {
                                        return false;
                                    }
                                    let voweled = c.voweled && voweled;
                                    names_match(&c.keys, name, voweled)
                                        || c.more_keys.iter().any(|k| names_match(k, name, voweled))
                                })
                        })
                    })
                    .or_else(|| {
                        (m.kind == EntityKind::Organization && name.len() >= 2)
                            .then(|| organisation_named(clusters, org_blocks, name, &m.text))
                            .flatten()
                    })
            }
        };
        let c = match found {
            Some(c) => {
                if m.place.is_some() {
                    // same gazetteer place: no sound evidence needed
                } else if !clusters[c].variants.iter().any(|(v, _)| v == &m.text)
                    && clusters[c].evidence.len() < 8
                {
                    let keys = keys.get_or_insert_with(name_keys);
                    let why = format!(
                        "«{}» sounds like «{}» ({} ~ {})",
                        m.text,
                        clusters[c].label,
                        keys.iter()
                            .map(|k| key_text(k))
                            .collect::<Vec<_>>()
                            .join(" "),
                        clusters[c]
                            .keys
                            .iter()
                            .map(|k| key_text(k))
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                    clusters[c].evidence.push(why);
                }
                if m.kind != EntityKind::Other && clusters[c].kind == EntityKind::Other {
                    clusters[c].kind = m.kind;
                    if let Some(block) = clusters[c]
                        .keys
                        .last()
                        .and_then(|surname| blocks.get_mut(&block_of(surname)))
                    {
                        block.kind_changed(c, m.kind);
                    }
                }
                c
            }
            None => {
                let keys = keys.unwrap_or_else(name_keys);
                let mut cluster = Cluster::new(m.text.clone(), m.kind, m.place.clone(), keys);
                if let Some(place) = &m.place {
                    cluster.evidence.push(format!("gazetteer place {place}"));
                }
                open_cluster(clusters, by_place, blocks, org_blocks, cluster)
            }
        };
        if m.place.is_none() && seen.len() < 5_000_000 {
            if let Some(lasting) = lasting {
                if seen.get(&spelling) != Some(&c) {
                    lasting.spelled(&spelling, c);
                }
            }
            seen.insert(spelling, c);
        }
        c
    }

    /// Links the mentions of the next article: its article-local groups join entities.
    pub fn add(&mut self, article: &mut ArticleMentions<'_>) {
        let article_id = article.article;
        let language = article.language;
        let mentions: &Vec<Mention> = article.mentions;
        let mut group_cluster: HashMap<usize, usize> = HashMap::default();
        // fullest name of each group first
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(mentions[*i].text.split(' ').count()));
        let mut assigned: Vec<(usize, usize)> = Vec::new();
        for i in order {
            let m = &mentions[i];
            let cluster = if let Some(c) = group_cluster.get(&m.group) {
                *c
            } else {
                let c = self.cluster_of(m, language);
                group_cluster.insert(m.group, c);
                c
            };
            assigned.push((i, cluster));
        }
        for (i, c) in assigned {
            let m = &article.mentions[i];
            // a spelling placed through its group (an acronym in brackets, a lone surname) is
            // known from now on: alone elsewhere (a title, another article) it joins the same
            if m.place.is_none() && self.seen.len() < 5_000_000 {
                let spelling = (crate::lexicon::to_lower(&m.text), m.kind);
                if !self.seen.contains_key(&spelling) {
                    if let Some(lasting) = &mut self.lasting {
                        lasting.spelled(&spelling, c);
                    }
                    self.seen.insert(spelling, c);
                }
            }
            if self.clusters[c].spelled(&m.text, language) {
                let Linker {
                    clusters, blocks, ..
                } = self;
                another_sound(&mut clusters[c], c, blocks, &m.text, language);
            }
            let cluster = &mut self.clusters[c];
            cluster.found_in(article_id, language);
            if let Some(lasting) = &mut self.lasting {
                lasting.touched(c, cluster);
            }
            article.mentions[i].entity = Some(provisional(c));
        }
        if self.lasting.is_some() {
            // a store links each article once and for all: the names of an Arabic-script one
            // are searched for by their sound now, among those known so far
            self.find_known_names_by_sound(article);
        }
    }

    /// Ends the linking of `articles` (every article added, in the same order): names of
    /// Arabic-script articles known from the others found by their sound, the entities made
    /// and their ids given to the mentions.
    pub fn finish(self, articles: &mut [ArticleMentions<'_>]) -> Vec<Entity> {
        let mut clusters = self.clusters;
        find_known_names_by_sound(&mut clusters, articles);
        let (mut entities, keys) = into_entities(clusters);
        // the ids, from what each entity is; the mentions carried their cluster's index till now
        let mut taken = HashSet::default();
        let ids: Vec<EntityId> = keys.iter().map(|k| fresh_id(&mut taken, k)).collect();
        for (entity, id) in entities.iter_mut().zip(&ids) {
            entity.id = *id;
        }
        for article in articles.iter_mut() {
            for m in article.mentions.iter_mut() {
                m.entity = m.entity.and_then(|p| ids.get(p.0 as usize).copied());
            }
        }
        entities
    }
}

/// The entities the clusters make (name, spellings, languages, articles, evidence), each with
/// its canonical key.
fn into_entities(clusters: Vec<Cluster>) -> (Vec<Entity>, Vec<String>) {
    clusters
        .into_iter()
        .map(|c| {
            let name = c.name();
            let key = canonical_key(c.place.as_deref(), &name);
            let entity = Entity {
                id: EntityId(0),
                kind: c.kind,
                name,
                variants: c.variants.into_iter().map(|(v, _)| v).collect(),
                languages: c.languages,
                article_count: c.article_count,
                articles: c.articles,
                evidence: c.evidence,
                mentions: c.mentions,
            };
            (entity, key)
        })
        .unzip()
}

/// A mention's entity while linking: its cluster's index, replaced by the entity's id at the end.
pub(super) fn provisional(cluster: usize) -> EntityId {
    EntityId(cluster as u64)
}

/// The entity a user means by `name`: its id, its name or one of its spellings (any case), else
/// the most mentioned entity whose name sounds like it (the threshold of a spelling merge).
/// The one lookup of the CLI, the API and the web UI.
pub fn find_entity<'a>(entities: &'a [Entity], name: &str) -> Option<&'a Entity> {
    let wanted = name.to_lowercase();
    let id = EntityId::parse(name);
    entities
        .iter()
        .find(|e| {
            Some(e.id) == id
                || e.name.to_lowercase() == wanted
                || e.variants.iter().any(|v| v.to_lowercase() == wanted)
        })
        .or_else(|| {
            entities
                .iter()
                .filter(|e| crate::names::name_similarity(&e.name, name) >= SAME_NAME)
                .max_by_key(|e| e.mentions)
        })
}

/// Least similarity of two spellings of one name.
pub(super) const SAME_NAME: f64 = 0.85;

/// What an entity is, for its id: its gazetteer place, else the consonant skeleton of each word
/// of its name (Lavrov, Лавров and لافروف: l-f-r-f), else its name. The name is the most frequent
/// Latin spelling, so the key does not depend on which article came first.
pub(super) fn canonical_key(place: Option<&str>, name: &str) -> String {
    if let Some(place) = place {
        return format!("place {place}");
    }
    let skeletons: Vec<String> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "al" | "el"))
        .map(|word| {
            let mut consonants = sound_key(word);
            consonants
                .retain(|s| !matches!(s, Sound::A | Sound::I | Sound::U | Sound::H | Sound::W));
            consonants.dedup();
            key_text(&consonants)
        })
        .filter(|k| !k.is_empty())
        .collect();
    if skeletons.is_empty() {
        format!("name {}", name.to_lowercase())
    } else {
        format!("sounds {}", skeletons.join(" "))
    }
}

/// The id of `key`, or of `key` in a later round when an earlier entity holds it.
pub(super) fn fresh_id(taken: &mut HashSet<EntityId>, key: &str) -> EntityId {
    let mut round = 0;
    loop {
        let id = EntityId::of_key(key, round);
        if taken.insert(id) {
            return id;
        }
        round += 1;
    }
}
