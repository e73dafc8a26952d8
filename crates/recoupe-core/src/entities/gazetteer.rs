//! The gazetteer compiled in (data/gazetteer.tsv, built by tools/gazetteer): places looked up by normalised name, Russian case forms and Arabic clitics.

use super::*;

pub(super) struct Gazetteer {
    pub(super) places: Vec<Place>,
    /// normalised name → places (most populous first)
    pub(super) names: WordMap<Vec<u32>>,
    /// owned keys live here; `names` borrows leaked copies (built once per process)
    pub(super) longest: usize,
}

pub(super) const GAZETTEER_TSV: &str = include_str!("../../data/gazetteer.tsv");

pub(super) fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        let mut places = Vec::new();
        let mut names: WordMap<Vec<u32>> = WordMap::default();
        let mut longest = 1;
        for line in GAZETTEER_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(kind), Some(id), Some(name), Some(country), Some(population), Some(all)) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                continue;
            };
            let index = places.len() as u32;
            places.push(Place {
                id,
                name,
                country,
                population: population.parse().unwrap_or(0),
                is_country: kind == "country",
            });
            for variant in all.split('|') {
                let key = name_key(variant);
                if key.is_empty() {
                    continue;
                }
                longest = longest.max(key.split(' ').count());
                // leaked once per process, and only for a key not seen yet (the same spelling
                // of several places, or twice for one place, is one key): the table lives as
                // long as the program, and nothing leaked is unreachable (fuzz: LeakSanitizer)
                let entry = match names.get_mut(key.as_str()) {
                    Some(entry) => entry,
                    None => names.entry(Box::leak(key.into_boxed_str())).or_default(),
                };
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
        }
        Gazetteer {
            places,
            names,
            longest: longest.min(6),
        }
    })
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
    let index = *g.names.get(name_key(name).as_str())?.first()?;
    g.places.get(index as usize)
}

/// Nominative candidates of a Russian or Ukrainian noun in another case (России → Россия,
/// Москве → Москва, Турции → Турция, Киеве → Киев), the word itself first.
pub(super) fn russian_nominatives(norm: &str) -> Vec<String> {
    let mut forms = vec![norm.to_string()];
    let chars: Vec<char> = norm.chars().collect();
    if chars.len() < 4 {
        return forms;
    }
    let stem = |n: usize| chars[..chars.len() - n].iter().collect::<String>();
    let last = chars[chars.len() - 1];
    let two: String = chars[chars.len() - 2..].iter().collect();
    match two.as_str() {
        "ии" | "ию" | "ей" => forms.push(format!("{}ия", stem(2))),
        "ом" | "ем" | "ой" | "ою" => {
            forms.push(stem(2));
            forms.push(format!("{}а", stem(2)));
        }
        _ => {}
    }
    match last {
        'и' | 'ы' | 'е' | 'у' | 'ю' => {
            forms.push(format!("{}а", stem(1)));
            forms.push(format!("{}я", stem(1)));
            forms.push(stem(1));
        }
        'а' | 'я' => forms.push(stem(1)),
        _ => {}
    }
    forms
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
