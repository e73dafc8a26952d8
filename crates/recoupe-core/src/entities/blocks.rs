//! How a name is compared with the entities known: its sound keys, the block of its surname
//! (`Block`, `BlockEntry`), the other sounds an entity is found by, and when two names or kinds
//! match.

use super::link::*;
use super::*;

/// The clusters of one surname block, and their surnames one after the other: a name is
/// compared with the block's surnames before any cluster is read (most often elsewhere in
/// memory).
#[derive(Default)]
pub(super) struct Block {
    pub(super) entries: Vec<BlockEntry>,
    pub(super) surnames: Vec<Sound>,
}

impl Block {
    pub(super) fn push(
        &mut self,
        cluster: usize,
        surname: &[Sound],
        kind: EntityKind,
        voweled: bool,
    ) {
        let at = self.surnames.len();
        self.surnames.extend_from_slice(surname);
        self.entries
            .push(BlockEntry::of(cluster, surname, kind, voweled, at));
    }

    pub(super) fn surname(&self, entry: &BlockEntry) -> &[Sound] {
        let at = entry.at as usize;
        self.surnames
            .get(at..at + entry.len as usize)
            .unwrap_or_default()
    }

    /// A cluster of the block took a kind (it was `Other`).
    pub(super) fn kind_changed(&mut self, cluster: usize, kind: EntityKind) {
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
    pub(super) cluster: u32,
    /// the sound classes of the surname (see `class_mask`)
    pub(super) mask: u16,
    pub(super) consonants: u16,
    pub(super) len: u16,
    pub(super) kind: EntityKind,
    /// its opening spelling writes its vowels
    pub(super) voweled: bool,
    /// where its surname starts in the block's surnames
    pub(super) at: u32,
}

impl BlockEntry {
    pub(super) fn of(
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
    pub(super) fn may_match(&self, other: &BlockEntry) -> bool {
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
pub(super) const MORE_KEYS: usize = 6;

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
pub(super) fn organisation_named(
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
pub(super) fn words_match_in_any_order(a: &[Vec<Sound>], b: &[Vec<Sound>], voweled: bool) -> bool {
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
