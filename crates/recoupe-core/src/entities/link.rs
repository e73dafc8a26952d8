//! Across articles (link_entities, Linker): mentions become entities by sound keys and places, with the evidence of each merge; stable ids from what an entity is.

use super::*;

/// An entity of the corpus: one actor, all its spellings.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    pub id: EntityId,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The longest Latin-script spelling, else the longest.
    pub name: String,
    pub variants: Vec<String>,
    pub languages: Vec<Lang>,
    pub articles: Vec<ArticleId>,
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
    pub(super) variants: Vec<(String, Option<Lang>)>,
    /// how often each variant was seen (same order as `variants`)
    pub(super) counts: Vec<usize>,
    pub(super) languages: Vec<Lang>,
    pub(super) articles: Vec<ArticleId>,
    pub(super) evidence: Vec<String>,
    pub(super) mentions: usize,
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
    clusters: Vec<Cluster>,
    by_place: HashMap<String, usize>,
    /// clusters by a coarse key of their surname: a name is compared with its block only
    blocks: HashMap<[u8; 2], Vec<(usize, u16)>>,
    /// spellings already placed: most mentions repeat a spelling seen before
    seen: HashMap<(String, EntityKind), usize>,
}

impl Linker {
    /// The cluster a mention (the fullest of its group) joins: its gazetteer place's, that of
    /// its spelling seen before, or one whose names sound like it; else a new one.
    fn cluster_of(&mut self, m: &Mention) -> usize {
        let Linker {
            clusters,
            by_place,
            blocks,
            seen,
        } = self;
        let name_keys = || -> Vec<Vec<Sound>> {
            m.text
                .split([' ', '-'])
                .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "al" | "el"))
                .map(sound_key)
                .collect()
        };
        let spelling = (m.text.to_lowercase(), m.kind);
        // a spelling placed before needs no keys unless it is new evidence
        let mut keys: Option<Vec<Vec<Sound>>> = None;
        let found = match &m.place {
            Some(place) => by_place.get(place.as_str()).copied(),
            None if seen.contains_key(&spelling) => seen.get(&spelling).copied(),
            None => {
                let name: &Vec<Vec<Sound>> = keys.insert(name_keys());
                name.last().and_then(|surname| {
                    let mask = class_mask(surname);
                    blocks.get(&block_of(surname)).and_then(|candidates| {
                        candidates
                            .iter()
                            // spellings of one surname differ in one or two sound classes at most
                            .filter(|(_, other)| (mask ^ other).count_ones() <= 2)
                            .map(|(c, _)| *c)
                            .find(|c| {
                                let c = &clusters[*c];
                                c.place.is_none()
                                    && compatible(c.kind, m.kind)
                                    && names_match(
                                        &c.keys,
                                        name,
                                        c.voweled && writes_vowels(&m.text),
                                    )
                            })
                    })
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
                }
                c
            }
            None => {
                let keys = keys.unwrap_or_else(name_keys);
                clusters.push(Cluster {
                    label: m.text.clone(),
                    voweled: writes_vowels(&m.text),
                    kind: m.kind,
                    place: m.place.clone(),
                    keys,
                    variants: Vec::new(),
                    counts: Vec::new(),
                    languages: Vec::new(),
                    articles: Vec::new(),
                    evidence: Vec::new(),
                    mentions: 0,
                });
                if let Some(surname) = clusters.last().and_then(|c| c.keys.last()) {
                    blocks
                        .entry(block_of(surname))
                        .or_default()
                        .push((clusters.len() - 1, class_mask(surname)));
                }
                if let Some(place) = &m.place {
                    by_place.insert(place.clone(), clusters.len() - 1);
                    if let Some(c) = clusters.last_mut() {
                        c.evidence.push(format!("gazetteer place {place}"));
                    }
                }
                clusters.len() - 1
            }
        };
        if m.place.is_none() && seen.len() < 5_000_000 {
            seen.insert(spelling, c);
        }
        c
    }

    /// Links the mentions of the next article: its article-local groups join entities.
    pub fn add(&mut self, article: &mut ArticleMentions<'_>) {
        let article_id = article.article;
        let language = article.language;
        let mentions: &Vec<Mention> = article.mentions;
        let mut group_cluster: HashMap<usize, usize> = HashMap::new();
        // fullest name of each group first
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(mentions[*i].text.split(' ').count()));
        let mut assigned: Vec<(usize, usize)> = Vec::new();
        for i in order {
            let m = &mentions[i];
            let cluster = if let Some(c) = group_cluster.get(&m.group) {
                *c
            } else {
                let c = self.cluster_of(m);
                group_cluster.insert(m.group, c);
                c
            };
            assigned.push((i, cluster));
        }
        for (i, c) in assigned {
            let m = &article.mentions[i];
            let cluster = &mut self.clusters[c];
            cluster.mentions += 1;
            match cluster.variants.iter().position(|(v, _)| v == &m.text) {
                Some(v) => cluster.counts[v] += 1,
                None => {
                    cluster.variants.push((m.text.clone(), language));
                    cluster.counts.push(1);
                }
            }
            if let Some(l) = language.filter(|l| !cluster.languages.contains(l)) {
                cluster.languages.push(l);
            }
            // articles are linked one after the other: this one, if listed, is the last
            if cluster.articles.last() != Some(&article_id) {
                cluster.articles.push(article_id);
            }
            article.mentions[i].entity = Some(provisional(c));
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
        let mut taken = HashSet::new();
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

/// Arabic-script articles: the names known from the other articles, found again by their
/// sound in the words no mention covers (Arabic writes no capitals to tell a name by).
fn find_known_names_by_sound(clusters: &mut [Cluster], articles: &mut [ArticleMentions<'_>]) {
    let mut known: HashMap<[u8; 2], Vec<(usize, Vec<Sound>)>> = HashMap::new();
    for (i, c) in clusters.iter().enumerate() {
        if c.place.is_some() || c.kind == EntityKind::Other {
            continue;
        }
        if let Some(k) = c.keys.last().filter(|k| consonants(k) >= 2) {
            known.entry(block_of(k)).or_default().push((i, k.clone()));
        }
    }
    for article in articles.iter_mut() {
        if article.language.map(crate::lang::script_of_lang) != Some(Script::Arabic) {
            continue;
        }
        let tokens = tokenize(article.text);
        let language = article.language;
        // two passes: a lone surname before the full name is found once the full name is known
        for _pass in 0..2 {
            for (ti, t) in tokens.iter().enumerate() {
                if t.kind != TokenKind::Word
                    || has_tanwin(&article.text[t.span.start..t.span.end])
                    || arabic_stop(&t.norm)
                    || article
                        .mentions
                        .iter()
                        .any(|m| m.start <= t.span.start && t.span.end <= m.end)
                {
                    continue;
                }
                let key = sound_key(&t.norm);
                let previous = ti
                    .checked_sub(1)
                    .and_then(|p| tokens.get(p))
                    .filter(|p| p.kind == TokenKind::Word);
                let found_here: Vec<usize> = article
                    .mentions
                    .iter()
                    .filter_map(|m| Some(m.entity?.0 as usize))
                    .collect();
                let Some((cluster, score)) = known
                    .get(&block_of(&key))
                    .into_iter()
                    .flatten()
                    .map(|(c, k)| (*c, k, key_similarity_written_from(&key, k, false, 0.85)))
                    .filter(|(c, k, s)| {
                        // short surnames (Assad: two consonants) need more: the first name just before,
                        // or the full name already found in this article
                        let first_before =
                            previous
                                .zip(clusters[*c].keys.first())
                                .is_some_and(|(p, f)| {
                                    clusters[*c].keys.len() >= 2
                                        && key_similarity_written(&sound_key(&p.norm), f, false)
                                            >= 0.75
                                });
                        *s >= 0.85
                            && (consonants(k) >= 3
                                || (*s >= 0.89 && (first_before || found_here.contains(c))))
                    })
                    .map(|(c, _, s)| (c, s))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                else {
                    continue;
                };
                // take a preceding word too when it sounds like the entity's first name (زكريا ملاحفجي)
                let mut start = t.span.start;
                if let (Some(prev), Some(first)) = (
                    ti.checked_sub(1).and_then(|p| tokens.get(p)),
                    clusters[cluster].keys.first(),
                ) {
                    if clusters[cluster].keys.len() >= 2
                        && prev.kind == TokenKind::Word
                        && key_similarity_written(&sound_key(&prev.norm), first, false) >= 0.75
                    {
                        start = prev.span.start;
                    }
                }
                let text = article.text[start..t.span.end].to_string();
                let c = &mut clusters[cluster];
                if !c.variants.iter().any(|(v, _)| v == &text) {
                    c.variants.push((text.clone(), language));
                    c.counts.push(1);
                    if c.evidence.len() < 8 {
                        c.evidence
                            .push(format!("«{text}» sounds like «{}» ({:.2})", c.label, score));
                    }
                }
                if let Some(l) = language.filter(|l| !c.languages.contains(l)) {
                    c.languages.push(l);
                }
                if !c.articles.contains(&article.article) {
                    c.articles.push(article.article);
                }
                c.mentions += 1;
                article.mentions.push(Mention {
                    entity: Some(provisional(cluster)),
                    text,
                    start,
                    end: t.span.end,
                    kind: c.kind,
                    group: usize::MAX,
                    place: None,
                });
            }
        }
        article.mentions.sort_by_key(|m| m.start);
    }
}

/// The entities the clusters make (name, spellings, languages, articles, evidence), each with
/// its canonical key.
fn into_entities(clusters: Vec<Cluster>) -> (Vec<Entity>, Vec<String>) {
    clusters
        .into_iter()
        .map(|c| {
            // the most frequent Latin spelling (the fullest on a tie), else the most frequent
            let name = c
                .variants
                .iter()
                .zip(&c.counts)
                .filter(|((v, _), _)| v.chars().any(|ch| ch.is_ascii_alphabetic()))
                .max_by_key(|((v, _), n)| (**n, v.split(' ').count(), v.chars().count()))
                .map(|(v, _)| v)
                .or_else(|| c.variants.iter().max_by_key(|(v, _)| v.chars().count()))
                .map(|(v, _)| v.clone())
                .unwrap_or_default();
            let name = match c
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
            };
            let key = canonical_key(c.place.as_deref(), &name);
            let entity = Entity {
                id: EntityId(0),
                kind: c.kind,
                name,
                variants: c.variants.into_iter().map(|(v, _)| v).collect(),
                languages: c.languages,
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

/// The similarity of two given names (the sounds just before the surname) when it reaches
/// `floor`; below, 0 or the similarity.
pub(super) fn given_similarity(
    a: &[Vec<Sound>],
    b: &[Vec<Sound>],
    voweled: bool,
    floor: f64,
) -> f64 {
    let key_similarity =
        |x: &[Sound], y: &[Sound]| key_similarity_written_from(x, y, voweled, floor);
    let join = |words: &[Vec<Sound>]| words.iter().flatten().copied().collect::<Vec<Sound>>();
    let (a, b) = (join(a), join(b));
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    key_similarity(&a, &b).max(key_similarity(&a[a.len() - n..], &b[b.len() - n..]))
}

/// The coarse class of a consonant: near sounds collapsed (k g j; s sh ch; b f w; t d), vowels
/// and h without one. Spellings of one name keep their coarse classes.
pub(super) fn coarse_class(sound: Sound) -> Option<u8> {
    Some(match sound {
        Sound::K | Sound::G | Sound::J => 1,
        Sound::S | Sound::X | Sound::C => 2,
        Sound::B | Sound::F | Sound::W => 3,
        Sound::T | Sound::D => 4,
        Sound::L => 5,
        Sound::M => 6,
        Sound::N => 7,
        Sound::R => 8,
        Sound::H | Sound::A | Sound::I | Sound::U => return None,
    })
}

/// The block of a surname key: its first two coarse consonant classes, so that spellings of one
/// name share a block and a name is compared with a few clusters, not all.
pub(super) fn block_of(key: &[Sound]) -> [u8; 2] {
    let mut out = [0u8; 2];
    for (slot, class) in out
        .iter_mut()
        .zip(key.iter().copied().filter_map(coarse_class))
    {
        *slot = class;
    }
    out
}

/// The coarse classes a key contains, as bits.
pub(super) fn class_mask(key: &[Sound]) -> u16 {
    key.iter()
        .copied()
        .filter_map(coarse_class)
        .fold(0u16, |mask, class| mask | (1 << class))
}

/// Whether a spelling writes its short vowels: Latin, Cyrillic and Greek do, Arabic and Hebrew
/// mostly do not.
pub(super) fn writes_vowels(text: &str) -> bool {
    !matches!(script_of_token(text), Some(Script::Arabic | Script::Hebrew))
}

pub(super) fn consonants(key: &[Sound]) -> usize {
    key.iter()
        .filter(|s| !matches!(s, Sound::A | Sound::I | Sound::U | Sound::H | Sound::W))
        .count()
}

pub(super) fn compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

/// Two names of one actor: the same surname, and first names that agree when both are given.
pub(super) fn names_match(a: &[Vec<Sound>], b: &[Vec<Sound>], voweled: bool) -> bool {
    // below 0.7 a surname or a given name decides nothing: its similarity is not computed
    let key_similarity = |x: &[Sound], y: &[Sound]| key_similarity_written_from(x, y, voweled, 0.7);
    let (Some(last_a), Some(last_b)) = (a.last(), b.last()) else {
        return false;
    };
    if last_a.len().min(last_b.len()) < 2 {
        return false;
    }
    // surnames of very different lengths cannot reach 0.7: skip the edit distance
    if consonants(last_a).abs_diff(consonants(last_b)) > 2 {
        return false;
    }
    let surname = key_similarity(last_a, last_b);
    if a.len() >= 2 && b.len() >= 2 {
        // two pieces of evidence: first names that agree let a looser surname through
        // (Zakaria Malahifji, Zakharia Malakhfdi), first names that differ keep two people apart.
        // Given names are compared by the sounds just before the surname, so "Abdel Fattah" meets
        // "Abdelfatah" and a title left in front does not count.
        let given = given_similarity(&a[..a.len() - 1], &b[..b.len() - 1], voweled, 0.7);
        return (surname >= 0.85 && given >= 0.7) || (surname >= 0.7 && given >= 0.85);
    }
    surname >= 0.85
}
