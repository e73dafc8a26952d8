//! Across articles (link_entities, Linker): mentions become entities by sound keys and places, with the evidence of each merge; stable ids from what an entity is.

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
        let spelling = (m.text.to_lowercase(), m.kind);
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
                let spelling = (m.text.to_lowercase(), m.kind);
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

/// Surname keys of the clusters a name can be found by its sound for (people and groups
/// outside the gazetteer whose surname has two consonants or more), by block; names are only
/// added. Each word looked up keeps the names of its block it sounds like, so the next time it
/// is met only the names added since are compared (most words of an article are met often).
#[derive(Default)]
pub(super) struct KnownNames {
    blocks: HashMap<[u8; 2], Vec<(usize, Vec<Sound>)>>,
    /// by a word's normal form: how many of its block's names it was compared with, and the
    /// positions of those it sounds like (similarity ≥ 0.85) with the similarity
    near: HashMap<String, (usize, Vec<(usize, f64)>)>,
}

impl KnownNames {
    pub(super) fn push(&mut self, cluster: usize, key: &[Sound]) {
        self.blocks
            .entry(block_of(key))
            .or_default()
            .push((cluster, key.to_vec()));
    }

    /// The names of the block of word `norm` that it sounds like, as (cluster, its surname key,
    /// similarity), in the order they were added.
    fn near(&mut self, norm: &str) -> Vec<(usize, &[Sound], f64)> {
        /// Words remembered at most (then forgotten all at once).
        const WORDS: usize = 200_000;
        let key = sound_key(norm);
        let Some(block) = self.blocks.get(&block_of(&key)) else {
            return Vec::new();
        };
        if self.near.len() >= WORDS && !self.near.contains_key(norm) {
            self.near.clear();
        }
        let (compared, found) = self.near.entry(norm.to_string()).or_default();
        for (at, (_, k)) in block.iter().enumerate().skip(*compared) {
            let s = key_similarity_written_from(&key, k, false, 0.85);
            if s >= 0.85 {
                found.push((at, s));
            }
        }
        *compared = block.len();
        found
            .iter()
            .map(|&(at, s)| (block[at].0, block[at].1.as_slice(), s))
            .collect()
    }
}

/// Whether cluster `c` can be found by the sound of its surname ([`KnownNames`]).
pub(super) fn known_by_sound(c: &Cluster) -> Option<&Vec<Sound>> {
    if c.place.is_some() || c.kind == EntityKind::Other {
        return None;
    }
    c.keys.last().filter(|k| consonants(k) >= 2)
}

/// Arabic-script articles: the names known from the other articles, found again by their
/// sound in the words no mention covers (Arabic writes no capitals to tell a name by).
fn find_known_names_by_sound(clusters: &mut [Cluster], articles: &mut [ArticleMentions<'_>]) {
    let mut known = KnownNames::default();
    for (i, c) in clusters.iter().enumerate() {
        if let Some(k) = known_by_sound(c) {
            known.push(i, k);
        }
    }
    for article in articles.iter_mut() {
        find_known_names_in(clusters, &mut known, article);
    }
}

/// [`find_known_names_by_sound`] in one article; gives the clusters it found.
pub(super) fn find_known_names_in(
    clusters: &mut [Cluster],
    known: &mut KnownNames,
    article: &mut ArticleMentions<'_>,
) -> Vec<usize> {
    let mut found = Vec::new();
    if article.language.map(crate::lang::script_of_lang) != Some(Script::Arabic) {
        return found;
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
            let Some((cluster, score)) = known_name_at(clusters, known, article, &tokens, ti)
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
            // a spelling found by sound is counted once, whatever its mentions
            if !c.variants.iter().any(|(v, _)| v == &text) {
                c.spelled(&text, language);
                c.by_sound.push(text.clone());
                if c.evidence.len() < 8 {
                    c.evidence
                        .push(format!("«{text}» sounds like «{}» ({:.2})", c.label, score));
                }
            }
            if c.articles.contains(&article.article) {
                // linked already (a whole corpus is searched once every article is added)
                c.last_article = Some(article.article);
            }
            c.found_in(article.article, language);
            found.push(cluster);
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
    found
}

/// The known name that word `ti` of an Arabic-script article sounds like, with the similarity.
fn known_name_at(
    clusters: &[Cluster],
    known: &mut KnownNames,
    article: &ArticleMentions<'_>,
    tokens: &[crate::token::Token],
    ti: usize,
) -> Option<(usize, f64)> {
    let near = known.near(&tokens[ti].norm);
    if near.is_empty() {
        return None;
    }
    let previous = ti
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .filter(|p| p.kind == TokenKind::Word);
    let found_here: Vec<usize> = article
        .mentions
        .iter()
        .filter_map(|m| Some(m.entity?.0 as usize))
        .collect();
    near.into_iter()
        .filter(|(c, k, s)| {
            // short surnames (Assad: two consonants) need more: the first name just before,
            // or the full name already found in this article
            let first_before = || {
                previous
                    .zip(clusters[*c].keys.first())
                    .is_some_and(|(p, f)| {
                        clusters[*c].keys.len() >= 2
                            && key_similarity_written(&sound_key(&p.norm), f, false) >= 0.75
                    })
            };
            consonants(k) >= 3 || (*s >= 0.89 && (found_here.contains(c) || first_before()))
        })
        .map(|(c, _, s)| (c, s))
        // the most alike; of two as alike, the later entity, whatever order the names were
        // listed in (a linker restored from a store lists them in another order)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
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

/// The clusters of one surname block, and their surnames one after the other: a name is
/// compared with the block's surnames before any cluster is read (most often elsewhere in
/// memory).
#[derive(Default)]
pub(super) struct Block {
    entries: Vec<BlockEntry>,
    surnames: Vec<Sound>,
}

impl Block {
    fn push(&mut self, cluster: usize, surname: &[Sound], kind: EntityKind, voweled: bool) {
        let at = self.surnames.len();
        self.surnames.extend_from_slice(surname);
        self.entries
            .push(BlockEntry::of(cluster, surname, kind, voweled, at));
    }

    fn surname(&self, entry: &BlockEntry) -> &[Sound] {
        let at = entry.at as usize;
        self.surnames
            .get(at..at + entry.len as usize)
            .unwrap_or_default()
    }

    /// A cluster of the block took a kind (it was `Other`).
    fn kind_changed(&mut self, cluster: usize, kind: EntityKind) {
        if let Some(e) = self
            .entries
            .iter_mut()
            .find(|e| e.cluster as usize == cluster)
        {
            e.kind = kind;
        }
    }
}

/// A cluster in its surname's block, with what tells at once that a name cannot be its own.
#[derive(Clone, Copy)]
pub(super) struct BlockEntry {
    cluster: u32,
    /// the sound classes of the surname (see `class_mask`)
    mask: u16,
    consonants: u16,
    len: u16,
    kind: EntityKind,
    /// its opening spelling writes its vowels
    voweled: bool,
    /// where its surname starts in the block's surnames
    at: u32,
}

impl BlockEntry {
    fn of(
        cluster: usize,
        surname: &[Sound],
        kind: EntityKind,
        voweled: bool,
        at: usize,
    ) -> BlockEntry {
        let clamp = |n: usize| n.min(u16::MAX as usize) as u16;
        BlockEntry {
            cluster: cluster.min(u32::MAX as usize) as u32,
            mask: class_mask(surname),
            consonants: clamp(consonants(surname)),
            len: clamp(surname.len()),
            kind,
            voweled,
            at: at.min(u32::MAX as usize) as u32,
        }
    }

    /// Whether the surnames may be one, as `names_match` would find: spellings of one surname
    /// differ in two sound classes at most, and their numbers of consonants by two at most;
    /// a surname of one sound matches nothing.
    fn may_match(&self, other: &BlockEntry) -> bool {
        (self.mask ^ other.mask).count_ones() <= 2
            && self.len.min(other.len) >= 2
            && self.consonants.abs_diff(other.consonants) <= 2
    }
}

/// Adds a cluster to the linker's tables; gives its index.
pub(super) fn open_cluster(
    clusters: &mut Vec<Cluster>,
    by_place: &mut HashMap<String, usize>,
    blocks: &mut HashMap<[u8; 2], Block>,
    org_blocks: &mut HashMap<[u8; 2], Vec<usize>>,
    cluster: Cluster,
) -> usize {
    let c = clusters.len();
    if cluster.kind == EntityKind::Organization
        && cluster.place.is_none()
        && cluster.keys.len() >= 2
    {
        let mut seen_blocks = Vec::new();
        for word in &cluster.keys {
            let block = block_of(word);
            if !seen_blocks.contains(&block) {
                seen_blocks.push(block);
                org_blocks.entry(block).or_default().push(c);
            }
        }
    }
    // a gazetteer place is found by its place, and by its sound from a spelling the gazetteer
    // does not know when that spelling is a lone word (Islámábád: Исламабад)
    let lone_place = cluster.place.is_some() && cluster.keys.len() == 1;
    if let Some(surname) = cluster
        .keys
        .last()
        .filter(|_| cluster.place.is_none() || lone_place)
    {
        blocks.entry(block_of(surname)).or_default().push(
            c,
            surname,
            cluster.kind,
            cluster.voweled,
        );
    }
    if let Some(place) = &cluster.place {
        by_place.insert(place.clone(), c);
    }
    clusters.push(cluster);
    c
}

/// The sound key of each word of a name written in language `lang` (the article al/el left
/// out), each word without its case ending (`names::name_stem`): the inflected forms of a name
/// get the keys of its nominative.
pub(super) fn name_keys(name: &str, lang: Option<Lang>) -> Vec<Vec<Sound>> {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "al" | "el"))
        .map(|w| sound_key(&crate::names::name_stem(w, lang)))
        .collect()
}

/// Spellings of a name whose surname a cluster does not sound like yet, kept at most.
const MORE_KEYS: usize = 6;

/// A new spelling of cluster `c` (the `c`th): when its surname sounds unlike every surname the
/// cluster has, its keys are kept and the cluster is found by that surname too (a person
/// named in Latin and Cyrillic letters is found by either). Made from the spellings in their
/// order, so that a store's linker, restored, has the same ones.
pub(super) fn another_sound(
    cluster: &mut Cluster,
    c: usize,
    blocks: &mut HashMap<[u8; 2], Block>,
    text: &str,
    lang: Option<Lang>,
) {
    // the keys of the spelling's stems, and of the spelling as written (Биби is cut to биб;
    // Bibi, written in Latin letters in a Bulgarian article, is not)
    // (one set of keys where the language has no case endings: both are the same)
    let inflects = !crate::languages::of_or_none(lang)
        .names
        .case_endings
        .is_empty();
    let written = inflects.then(|| name_keys(text, None));
    for keys in std::iter::once(name_keys(text, lang)).chain(written) {
        if cluster.place.is_some() || cluster.more_keys.len() >= MORE_KEYS {
            return;
        }
        let Some(surname) = keys.last() else {
            return;
        };
        let known = std::iter::once(&cluster.keys)
            .chain(&cluster.more_keys)
            .any(|k| k.last() == Some(surname));
        if known || surname.len() < 2 {
            continue;
        }
        blocks.entry(block_of(surname)).or_default().push(
            c,
            surname,
            cluster.kind,
            writes_vowels(text),
        );
        cluster.more_keys.push(keys);
    }
}

/// The organisation of several words that `name` (the sound keys of `text`'s words) names
/// in another language: as many words, each sounding like one of its own in any order
/// (Komisja Europejska = Evropská komise = Европейская комиссия; Rada Europy is no Evropská
/// rada: evropy is not evropská).
fn organisation_named(
    clusters: &[Cluster],
    org_blocks: &HashMap<[u8; 2], Vec<usize>>,
    name: &[Vec<Sound>],
    text: &str,
) -> Option<usize> {
    let voweled = writes_vowels(text);
    let mut candidates: Vec<usize> = name
        .iter()
        .filter_map(|w| org_blocks.get(&block_of(w)))
        .flatten()
        .copied()
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates.into_iter().find(|c| {
        let c = &clusters[*c];
        c.keys.len() == name.len() && words_match_in_any_order(&c.keys, name, c.voweled && voweled)
    })
}

/// Each word of `a` sounds like a different word of `b` (similarity 0.75 at least).
fn words_match_in_any_order(a: &[Vec<Sound>], b: &[Vec<Sound>], voweled: bool) -> bool {
    let mut used = vec![false; b.len()];
    a.iter().all(|x| {
        let best = (0..b.len())
            .filter(|j| !used[*j])
            .map(|j| (j, key_similarity_written_from(x, &b[j], voweled, 0.75)))
            .max_by(|p, q| p.1.total_cmp(&q.1));
        match best {
            Some((j, s)) if s >= 0.75 && x.len() >= 2 => {
                used[j] = true;
                true
            }
            _ => false,
        }
    })
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
