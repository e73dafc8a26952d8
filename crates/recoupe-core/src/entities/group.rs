//! Within one article: the mentions of one actor grouped (a lone surname, an acronym in brackets, the same name again).

use super::*;

/// Within one article (`text`, in language `lang`): a lone word joins the longer name whose last
/// word sounds the same (Malahifdji → Zakaria Malahifji; Johnsonem → Boris Johnson, the case
/// endings left out), an acronym in brackets joins the name just before it, and identical names
/// are one.
pub(super) fn group_within_article(
    text: &str,
    mentions: &mut [Mention],
    lang: Option<Lang>,
    heads: &Heads,
) {
    let mut group_of = same_names(mentions, lang);
    if !heads.is_empty() {
        join_lone_organisation_words(mentions, &mut group_of, lang, heads);
    }
    join_acronyms_by_initials(mentions, &mut group_of);
    join_acronyms_in_brackets(text, mentions, &mut group_of);
    for (m, g) in mentions.iter_mut().zip(group_of) {
        m.group = g;
    }
}

/// Each mention's group by its name alone: the same name, or a lone word that is the last of a
/// longer name (by sound, case endings left out); a gazetteer entry by its id.
fn same_names(mentions: &[Mention], lang: Option<Lang>) -> Vec<usize> {
    // a name comes back many times in an article: keys and comparisons are made once per
    // distinct spelling
    let mut spelling_of: HashMap<&str, usize> = HashMap::default();
    let mut keys: Vec<Vec<Vec<Sound>>> = Vec::new();
    let spelling: Vec<usize> = mentions
        .iter()
        .map(|m| {
            *spelling_of.entry(m.text.as_str()).or_insert_with(|| {
                keys.push(
                    name_words(&m.text)
                        .map(|w| sound_key(&crate::names::name_stem(w, lang)))
                        .collect(),
                );
                keys.len() - 1
            })
        })
        .collect();
    let mut same_cache = PairCache::new(keys.len());
    let mut group_of: Vec<usize> = (0..mentions.len()).collect();
    for i in 0..mentions.len() {
        for j in 0..i {
            // a gazetteer entry (a place, an organisation such as the EU) is one by its id
            let listed = |m: &Mention| m.kind == EntityKind::Place || m.place.is_some();
            if listed(&mentions[i]) || listed(&mentions[j]) {
                if mentions[i].place.is_some() && mentions[i].place == mentions[j].place {
                    group_of[i] = group_of[j];
                    break;
                }
                continue;
            }
            let (si, sj) = (spelling[i], spelling[j]);
            let same = same_cache.get_or(si, sj, || {
                same_name(&keys[si], &keys[sj])
                    || last_name_of(&keys[si], &keys[sj])
                    || last_name_of(&keys[sj], &keys[si])
            });
            if same {
                group_of[i] = group_of[j];
                // a longer name tells the kind better
                break;
            }
        }
    }
    group_of
}

/// Whether two spellings of an article are one name, by pair, each pair compared once: a
/// matrix for the few hundred spellings of most articles (a lookup per pair of mentions is
/// most of the grouping's cost), a map past that (an article may hold thousands).
enum PairCache {
    /// 0 not compared yet, 1 not the same, 2 the same; row-major, `n` spellings a side.
    Dense(Vec<u8>, usize),
    Sparse(FxMap<(usize, usize), bool>),
}

impl PairCache {
    const DENSE_UP_TO: usize = 512;

    fn new(spellings: usize) -> PairCache {
        if spellings <= PairCache::DENSE_UP_TO {
            PairCache::Dense(vec![0; spellings * spellings], spellings)
        } else {
            PairCache::Sparse(FxMap::default())
        }
    }

    fn get_or(&mut self, a: usize, b: usize, same: impl FnOnce() -> bool) -> bool {
        match self {
            PairCache::Dense(cells, n) => {
                let cell = &mut cells[a * *n + b];
                if *cell == 0 {
                    *cell = 1 + u8::from(same());
                }
                *cell == 2
            }
            PairCache::Sparse(map) => *map.entry((a, b)).or_insert_with(same),
        }
    }
}

/// A lone organisation word names the one organisation of the article that has it ("Unii"
/// after "Unii Europejskiej", "Комисията" after "Европейската комисия"); not when two do
/// ("Komisja" beside "Komisja Europejska" and "Komisja Wenecka").
fn join_lone_organisation_words(
    mentions: &[Mention],
    group_of: &mut [usize],
    lang: Option<Lang>,
    heads: &Heads,
) {
    let stem = |w: &str| crate::token::normalize(&crate::names::name_stem(w, lang));
    // the stems of the words of the organisations named in several words, made once: an article
    // may name its organisation alone many times ("Unii", "Rady")
    let mut named: Option<Vec<(usize, Vec<String>)>> = None;
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.text.contains(' ')
            || m.place.is_some()
            || !is_org_head(&crate::token::normalize(&m.text), heads)
        {
            continue;
        }
        let word = stem(&m.text);
        let named = named.get_or_insert_with(|| {
            mentions
                .iter()
                .enumerate()
                .filter(|(_, o)| o.kind == EntityKind::Organization && o.text.contains(' '))
                .map(|(j, o)| (j, o.text.split(' ').map(stem).collect()))
                .collect()
        });
        let owners: HashSet<usize> = named
            .iter()
            .filter(|(_, words)| words.contains(&word))
            .map(|(j, _)| group_of[*j])
            .collect();
        join_the_one(group_of, i, owners);
    }
}

/// An acronym spelled by the initials of the one organisation of the article whose words give
/// it ("KE" after "Komisja Europejska", "ЕК" after "Европейската комисия").
fn join_acronyms_by_initials(mentions: &[Mention], group_of: &mut [usize]) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !is_acronym(&m.text) || m.place.is_some() {
            continue;
        }
        let letters: Vec<char> = m.text.chars().flat_map(char::to_lowercase).collect();
        let spelled_by = |o: &Mention| {
            let initials: Vec<char> = o
                .text
                .split([' ', '-'])
                .filter(|w| !w.is_empty() && !crate::lang::is_function_word(&w.to_lowercase()))
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_lowercase)
                .collect();
            initials.len() >= 2 && initials == letters
        };
        let owners: HashSet<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(j, o)| {
                *j != i
                    && o.kind == EntityKind::Organization
                    && o.text.contains(' ')
                    && spelled_by(o)
            })
            .map(|(j, _)| group_of[j])
            .collect();
        join_the_one(group_of, i, owners);
    }
}

/// Acronyms in brackets join the name before them: "Observatoire syrien des droits de l'homme
/// (OSDH)"; not an acronym that merely follows a name ("Wielkiej Brytanii z UE").
fn join_acronyms_in_brackets(text: &str, mentions: &[Mention], group_of: &mut [usize]) {
    for i in 1..mentions.len() {
        if is_acronym(&mentions[i].text) && mentions[i].kind == EntityKind::Organization {
            let expansion = (0..i).rev().find(|j| {
                let gap = text.get(mentions[*j].end..mentions[i].start).unwrap_or("");
                // a place of the gazetteer is named so by no acronym it does not list ("Обединеното
                // кралство (ЮКИП)": the party, whose name was not read as one)
                gap.trim() == "("
                    && mentions[*j].text.split(' ').count() >= 2
                    && mentions[*j].place.is_none()
            });
            if let Some(j) = expansion {
                let target = group_of[j];
                join_group(group_of, i, target);
            }
        }
    }
}

/// Mention `i`'s group joins group `target`.
fn join_group(group_of: &mut [usize], i: usize, target: usize) {
    let old = group_of[i];
    for g in group_of.iter_mut() {
        if *g == old {
            *g = target;
        }
    }
}

/// Mention `i`'s group joins the one group of `candidates`; none when there are several.
fn join_the_one(group_of: &mut [usize], i: usize, candidates: HashSet<usize>) {
    if candidates.len() == 1 {
        if let Some(target) = candidates.into_iter().next() {
            join_group(group_of, i, target);
        }
    }
}

pub(super) fn same_name(a: &[Vec<Sound>], b: &[Vec<Sound>]) -> bool {
    let initial_of = |x: &[Sound], y: &[Sound]| x.len() == 1 && y.len() > 1 && x[0] == y[0];
    a.len() == b.len()
        && a.last()
            .zip(b.last())
            .is_some_and(|(x, y)| key_similarity_reaches(x, y, 0.85))
        && a.iter().zip(b).all(|(x, y)| {
            key_similarity_reaches(x, y, 0.85) || initial_of(x, y) || initial_of(y, x)
        })
}

/// The words of a name as written: split at spaces, hyphens, and a dot that ends an initial
/// before a word ("Т.Мэй": т, мэй; "U.S." stays one word).
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split([' ', '-'])
        .flat_map(|w| {
            let initial = w
                .split_once('.')
                .filter(|(first, rest)| first.chars().count() == 1 && rest.chars().count() >= 2);
            match initial {
                Some((first, rest)) => [first, rest].into_iter().take(2),
                None => [w, ""].into_iter().take(1),
            }
        })
        .filter(|w| !w.is_empty())
}

/// `short` is one word that sounds like the last word of `long` (a surname).
pub(super) fn last_name_of(short: &[Vec<Sound>], long: &[Vec<Sound>]) -> bool {
    short.len() == 1
        && long.len() >= 2
        && long.last().is_some_and(|last| {
            short[0].len() >= 3 && key_similarity_reaches(&short[0], last, 0.85)
        })
}
