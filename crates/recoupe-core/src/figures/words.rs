//! The words figures are read with, built once into [`Tables`] from every language's profile
//! (`languages`: number words and scales, the nouns a number counts, the qualifiers that bound a
//! value, the words that make a number no figure) and from the signs every language shares.

use std::sync::OnceLock;

use super::*;
use crate::languages::{self, Language};

/// Signs and international abbreviations, whatever the language.
const DISTANCE_SIGNS: &[&str] = &["km", "m"];
const QUANTITY_SIGNS: &[&str] = &["km²", "t", "kg", "l", "ha", "km2", "m2"];
const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₴", "UAH"),
    ("usd", "USD"),
    ("eur", "EUR"),
];
const PERCENT_SIGNS: &[&str] = &["%", "٪"];
/// Ordinal indicators glued to digits ("1º", "2ª").
const ORDINAL_SIGNS: &[&str] = &["º", "ª"];
/// Signs before a number that make it an identifier ("n° 5", "#3", "COVID-19").
const IDENTIFIER_SIGNS: &[&str] = &["n", "covid", "#", "№", "°", "+"];

/// Every language's words of one kind, then the signs.
fn words(
    field: fn(&'static Language) -> &'static [&'static str],
    signs: &'static [&'static str],
) -> impl Iterator<Item = &'static &'static str> {
    languages::all(field).chain(signs.iter())
}

pub(super) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut numbers: WordMap<NumWord> = WordMap::default();
        for (word, n) in languages::all(|l| l.figures.numbers) {
            numbers.entry(word).or_insert(*n);
        }
        let mut nouns: WordMap<Noun> = WordMap::default();
        for w in languages::all(|l| l.figures.people) {
            nouns.insert(w, Noun::People);
        }
        for w in languages::all(|l| l.figures.duration) {
            nouns.insert(w, Noun::Unit(FigureKind::Duration));
        }
        for w in words(|l| l.figures.distance, DISTANCE_SIGNS) {
            nouns.insert(w, Noun::Unit(FigureKind::Distance));
        }
        for w in words(|l| l.figures.quantity, QUANTITY_SIGNS) {
            nouns.insert(w, Noun::Unit(FigureKind::Quantity));
        }
        for (w, code) in languages::all(|l| l.figures.currencies).chain(CURRENCY_SIGNS) {
            nouns.insert(w, Noun::Currency(code));
        }
        for w in words(|l| l.figures.percent, PERCENT_SIGNS) {
            nouns.insert(w, Noun::Percent);
        }
        nouns.insert("uhr", Noun::Hour);
        let phrases = |list: fn(&'static Language) -> &'static [(&'static str, Bound)]| {
            let mut out: Vec<(Vec<&'static str>, Bound)> = languages::all(list)
                .map(|(p, b)| (p.split(' ').collect(), *b))
                .collect();
            out.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
            out
        };
        let set = |list: &mut dyn Iterator<Item = &'static &'static str>| {
            let mut map: WordMap<()> = WordMap::default();
            for w in list {
                map.insert(w, ());
            }
            map
        };
        Tables {
            numbers,
            nouns,
            before: phrases(|l| l.figures.qualifiers_before),
            after: phrases(|l| l.figures.qualifiers_after),
            fillers: set(&mut languages::all(|l| l.figures.fillers)),
            of_words: set(&mut languages::all(|l| l.figures.of_words)),
            identifiers: set(&mut words(|l| l.figures.identifiers, IDENTIFIER_SIGNS)),
            ordinal_suffixes: set(&mut words(|l| l.figures.ordinal_suffixes, ORDINAL_SIGNS)),
            percent_phrases: languages::all(|l| l.figures.percent_phrases)
                .filter_map(|p| p.split_once(' '))
                .collect(),
            hours: set(&mut languages::all(|l| l.figures.hours)),
            at_time: set(&mut languages::all(|l| l.figures.at_time)),
            and_words: set(&mut languages::all(|l| l.figures.and_words)),
            numeral_and: set(&mut languages::all(|l| l.figures.numeral_and)),
            articles: set(&mut languages::all(|l| l.figures.articles)),
            from_words: set(&mut languages::all(|l| l.figures.from_words)),
            verb_endings: languages::all(|l| l.figures.verb_endings)
                .copied()
                .collect(),
            adjective_endings: languages::all(|l| l.figures.adjective_endings)
                .copied()
                .collect(),
        }
    })
}
