//! The gazetteer compiled in (data/gazetteer.tsv, built by tools/gazetteer): places looked up by normalised name, case forms (`names::nominatives`) and Arabic clitics.

use super::*;

pub(super) struct Gazetteer {
    pub(super) places: Vec<Place>,
    /// normalised name → the first place of the file with that name (the file lists countries,
    /// then cities from the most populous)
    pub(super) names: &'static phf::Map<&'static str, u32>,
    pub(super) longest: usize,
    /// the keys of acronyms (EU, ООН): a text names the entry by one only in capitals
    pub(super) acronyms: &'static phf::Set<&'static str>,
    /// the first words of the names of several words: a case form of a run is looked up only
    /// when its first word may start a name
    pub(super) first_words: &'static phf::Set<&'static str>,
}

// NAMES, ACRONYMS, FIRST_WORDS and LONGEST, made by build.rs from gazetteer.tsv and
// gazetteer.keys
include!(concat!(env!("OUT_DIR"), "/gazetteer_tables.rs"));

pub(super) const GAZETTEER_TSV: &str = include_str!("../../data/gazetteer.tsv");

/// The key ([`name_key`]) of every name of the gazetteer, made when the data is: one line per
/// place, in the order of `gazetteer.tsv`, the keys of its names in their order, joined by `|`.
/// build.rs makes the lookup tables from them at build time (keying the 77,000 names at every
/// start cost ~140 M instructions, and filling hash maps with them ~100 M more). A test holds
/// the file equal to the keys made now; `UPDATE_GAZETTEER_KEYS=1 cargo test -p recoupe-core
/// gazetteer_keys` writes it again after a change to the normal forms.
#[cfg(test)]
pub(super) const GAZETTEER_KEYS: &str = include_str!("../../data/gazetteer.keys");

/// The places of `gazetteer.tsv` (comments left out).
fn place_lines() -> impl Iterator<Item = &'static str> {
    GAZETTEER_TSV.lines().filter(|l| !l.starts_with('#'))
}

pub(super) fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        let mut places = Vec::with_capacity(8_192);
        for line in place_lines() {
            let mut fields = line.split('\t');
            let (Some(kind), Some(id), Some(name), Some(country), Some(population), Some(_)) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                continue;
            };
            places.push(Place {
                id,
                name,
                country,
                population: population.parse().unwrap_or(0),
                kind: match kind {
                    "country" => PlaceKind::Country,
                    "region" => PlaceKind::Region,
                    "organization" => PlaceKind::Organization,
                    _ => PlaceKind::City,
                },
            });
        }
        Gazetteer {
            places,
            names: &NAMES,
            acronyms: &ACRONYMS,
            first_words: &FIRST_WORDS,
            longest: LONGEST,
        }
    })
}

/// The lines of `gazetteer.keys` as made from `gazetteer.tsv` now.
/// Words of country and region names by their first three letters: (word, place, whether the
/// word is a whole name of the place).
type CountryWords = HashMap<String, Vec<(&'static str, u32, bool)>>;

/// The words of the names of countries and world regions that name one place only, by their
/// first three letters: a people's name is looked up by the start it shares with its country's
/// (Brytyjczycy: Brytania; Britové: Británie).
/// Builds the table of the words of country names now (see `pipeline::prepare_tables`).
pub(super) fn prepare_country_words() {
    let _ = country_words();
}

fn country_words() -> &'static CountryWords {
    static WORDS: OnceLock<CountryWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let g = gazetteer();
        let mut places_of: HashMap<&'static str, HashSet<u32>> = HashMap::default();
        // the words that are a whole name of their place (Británie), not a part of one
        let mut whole: HashSet<&'static str> = HashSet::default();
        for (key, &index) in g.names.entries() {
            let place = &g.places[index as usize];
            if !matches!(place.kind, PlaceKind::Country | PlaceKind::Region) {
                continue;
            }
            if !key.contains(' ') {
                whole.insert(key);
            }
            for word in key.split(' ').filter(|w| w.chars().count() >= 4) {
                places_of.entry(word).or_default().insert(index);
            }
        }
        let mut by_start: CountryWords = HashMap::default();
        for (word, places) in places_of {
            // a word of several places' names (republika, północna) names none
            if places.len() == 1 {
                let start: String = word.chars().take(3).collect();
                let index = places.into_iter().next().unwrap_or(0);
                by_start
                    .entry(start)
                    .or_default()
                    .push((word, index, whole.contains(word)));
            }
        }
        by_start
    })
}

/// The country or world region a people's name (normalised) stands for in language `lang`,
/// found by the start it shares with a word of the place's names: four letters at least and
/// six tenths of what is left once the language's demonym ending is off (Brytyjczycy →
/// brytyj ~ brytania; Europejczycy → europej ~ europa), one place only.
pub(super) fn demonym_place(norm: &str, lang: Option<Lang>) -> Option<&'static Place> {
    demonym_place_sharing(norm, lang, false)
}

/// [`demonym_place`]; `strict`: for a lowercase word (bg, ru, uk), whose common nouns have the
/// same endings (политици, столици), the rest must start a whole name of the place (Британия,
/// Румъния) and share five letters with it.
pub(super) fn demonym_place_sharing(
    norm: &str,
    lang: Option<Lang>,
    strict: bool,
) -> Option<&'static Place> {
    let least = if strict { 5 } else { 4 };
    let endings = crate::languages::of_or_none(lang).names.demonym_endings;
    if endings.is_empty() {
        return None;
    }
    let g = gazetteer();
    let words = country_words();
    // (letters shared, a whole name, the place): the most letters, then a whole name
    let mut best: Option<((usize, bool), u32)> = None;
    let mut tie = false;
    for ending in endings {
        let ending = crate::token::normalize(ending);
        let Some(root) = norm.strip_suffix(ending.as_str()) else {
            continue;
        };
        let letters = root.chars().count();
        if letters < 4 {
            continue;
        }
        let start: String = root.chars().take(3).collect();
        for (word, index, whole) in words.get(&start).into_iter().flatten() {
            let shared = root
                .chars()
                .zip(word.chars())
                .take_while(|(a, b)| a == b)
                .count();
            if shared < least || shared * 10 < letters * 6 || (strict && !whole) {
                continue;
            }
            let rank = (shared, *whole);
            match best {
                Some((r, i)) if r == rank && i != *index => tie = true,
                Some((r, _)) if r >= rank => {}
                _ => {
                    best = Some((rank, *index));
                    tie = false;
                }
            }
        }
    }
    best.filter(|_| !tie)
        .and_then(|(_, index)| g.places.get(index as usize))
}

#[cfg(test)]
pub(super) fn gazetteer_keys_now() -> String {
    let mut out = String::new();
    for line in place_lines() {
        let all = line.split('\t').nth(5).unwrap_or("");
        let keys: Vec<String> = all.split('|').map(name_key).collect();
        out.push_str(&keys.join("|"));
        out.push('\n');
    }
    out
}

/// A name as the gazetteer stores it: the normal forms of its words and numbers joined by
/// single spaces (punctuation, hyphens included, left out). Written into one buffer: the
/// gazetteer keys its 77,000 names at every start.
pub(super) fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let words = crate::token::segments(name).filter(|(_, kind)| *kind != TokenKind::Punct);
    for (n, (span, _)) in words.enumerate() {
        if n > 0 {
            key.push(' ');
        }
        crate::token::normalize_into(&name[span.start..span.end], &mut key);
    }
    key
}

/// Looks a place name up in the gazetteer.
pub fn lookup_place(name: &str) -> Option<&'static Place> {
    let g = gazetteer();
    let index = *g.names.get(name_key(name).as_str())?;
    g.places.get(index as usize)
}

/// Arabic clitics that stick to the word they precede: و (and), ب (in), ل (to), ف, ك, and the
/// article ال with them (وال، بال، لل).
pub(super) fn arabic_stems(norm: &str) -> impl Iterator<Item = String> + '_ {
    // Places whose name has the article keep it in the gazetteer (الخرطوم): only the proclitics
    // و ب ل ف are taken off, and لل (ل + ال) gives back the article. Stripping ال itself would
    // read الليل ("the night") as Lille.
    const PREFIXES: &[(&str, &str)] = &[
        ("لل", "ال"),
        ("وال", "ال"),
        ("بال", "ال"),
        ("فال", "ال"),
        ("و", ""),
        ("ب", ""),
        ("ل", ""),
        ("ف", ""),
    ];
    std::iter::once(norm.to_string()).chain(PREFIXES.iter().filter_map(move |(p, put)| {
        norm.strip_prefix(p)
            .filter(|rest| rest.chars().count() >= 3)
            .map(|rest| format!("{put}{rest}"))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys stored with the data are the keys the code makes: a change to the normal forms
    /// must write the file again (`UPDATE_GAZETTEER_KEYS=1`), or places would be looked up
    /// under stale keys.
    #[test]
    fn gazetteer_keys_are_the_keys_the_code_makes() {
        let now = gazetteer_keys_now();
        if std::env::var_os("UPDATE_GAZETTEER_KEYS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer.keys");
            std::fs::write(path, &now).expect("data/gazetteer.keys is writable");
            return;
        }
        assert!(
            now == GAZETTEER_KEYS,
            "data/gazetteer.keys is stale: run UPDATE_GAZETTEER_KEYS=1 cargo test -p recoupe-core gazetteer_keys"
        );
    }
}
