//! Names an Arabic-script article is searched for by their sound: the known people and groups
//! (`KnownNames`), looked up word by word in the article's text.

use super::link::*;
use super::*;

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
pub(super) fn find_known_names_by_sound(
    clusters: &mut [Cluster],
    articles: &mut [ArticleMentions<'_>],
) {
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
pub(super) fn known_name_at(
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
