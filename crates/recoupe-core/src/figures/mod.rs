//! Figures: numbers with what they count. "au moins 16 morts", "50 000 civils", "93% des
//! quartiers", "3,5 millions de déplacés", "plus d'un demi-million de morts", "a dozen
//! soldiers", "27 عنصراً من قوات النظام على الأقل", "50 тысяч мирных жителей".
//!
//! A number is read in every common writing — digits of any script, spaces, dots or commas
//! between thousands (the article's language decides whether "1.217" is a thousand or a
//! decimal), scale words ("millions", "тысяч", "آلاف"), number words — then what follows it is
//! read: a percent sign or word, a currency, a unit, or the noun it counts (with its "of"
//! complement: "combattants du HTS"). A qualifier before ("au moins", "près de", "more than")
//! or after ("على الأقل", "at least") bounds the value.
//!
//! Not figures: dates (the caller passes the date mentions' spans), years, times ("21h13",
//! "10:30", "à 21 heures"), phone numbers, ordinals ("1er", "5th"), numbers inside names
//! ("COVID-19", "Su-24") and identifiers ("résolution 2254"). A bare number that counts nothing
//! and has no unit is not reported: it cannot be compared with anything.

use serde::{Serialize, Serializer};

use crate::lexicon::WordMap;
use crate::model::{Lang, Span};
use crate::token::{Token, TokenKind};

/// What a figure measures.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// People: civilians, fighters, the dead, the wounded…
    People,
    Percent,
    Money,
    Distance,
    Duration,
    /// Weight, volume, area.
    Quantity,
    /// Anything else that is counted (districts, tanks, villages).
    Count,
}

impl FigureKind {
    /// The kind as the JSON report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::People => "people",
            FigureKind::Percent => "percent",
            FigureKind::Money => "money",
            FigureKind::Distance => "distance",
            FigureKind::Duration => "duration",
            FigureKind::Quantity => "quantity",
            FigureKind::Count => "count",
        }
    }
}

pub use crate::languages::Bound;
use crate::languages::NumWord;

/// One figure found in a text.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Figure {
    /// The normalised value: 30 000, 30.000 and 30,000 are all 30000; "3,5 millions" 3500000.
    #[serde(serialize_with = "plain_number")]
    pub value: f64,
    /// What is counted, as written ("civils", "عنصراً من قوات النظام"); the unit for
    /// distances and durations; null when only a percent sign or currency says what it is.
    pub counts: Option<String>,
    /// The qualifier as written ("au moins", "على الأقل").
    pub qualifier: Option<String>,
    pub bound: Bound,
    pub kind: FigureKind,
    /// The currency for money ("EUR", "USD", or the word as written).
    pub unit: Option<String>,
    /// The whole expression, qualifier included; `start`/`end` are its byte offsets.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn plain_number<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Noun {
    People,
    Unit(FigureKind),
    Currency(&'static str),
    Percent,
    /// "heures" after "à": a time of day, not a figure
    Hour,
}

struct Tables {
    numbers: WordMap<NumWord>,
    nouns: WordMap<Noun>,
    /// qualifiers as normalised word sequences, longest first
    before: Vec<(Vec<&'static str>, Bound)>,
    after: Vec<(Vec<&'static str>, Bound)>,
    /// words that may stand between a number and its noun ("derniers", "last", "other")
    fillers: WordMap<()>,
    /// "of" words: "de", "of", "من", "из"
    of_words: WordMap<()>,
    /// words before a number that make it an identifier ("résolution 2254", "n°", "page")
    identifiers: WordMap<()>,
    /// the words of `languages::Figures` with the same names, of every language
    ordinal_suffixes: WordMap<()>,
    percent_phrases: Vec<(&'static str, &'static str)>,
    hours: WordMap<()>,
    at_time: WordMap<()>,
    and_words: WordMap<()>,
    numeral_and: WordMap<()>,
    articles: WordMap<()>,
    from_words: WordMap<()>,
    verb_endings: Vec<&'static str>,
    adjective_endings: Vec<&'static str>,
}

mod counted;
mod numbers;
mod words;

use counted::*;
use numbers::*;
use words::*;

/// Finds the figures of a text. `tokens` are the text's tokens, `dates` the spans of date
/// expressions (never figures).
pub fn find_figures(
    text: &str,
    tokens: &[Token],
    lang: Option<Lang>,
    dates: &[Span],
) -> Vec<Figure> {
    let t = tables();
    let mut figures: Vec<Figure> = Vec::new();
    let in_date = |span: Span| {
        dates
            .iter()
            .any(|d| d.start < span.end && span.start < d.end)
    };
    let mut i = 0;
    while i < tokens.len() {
        let Some((figure, next)) = figure_at(text, tokens, i, lang, t, &in_date) else {
            i += 1;
            continue;
        };
        // "au moins 16 morts et 20 blessés": the qualifier covers the coordinated figure
        let mut figure = figure;
        if figure.qualifier.is_none() {
            if let Some(prev) = figures.last() {
                let between = text.get(prev.end..figure.start).unwrap_or("");
                let coordinated = between.split_whitespace().count() == 1
                    && t.and_words
                        .contains_key(crate::token::normalize(between.trim()).as_str());
                if coordinated && prev.bound != Bound::Exact && prev.qualifier.is_some() {
                    figure.bound = prev.bound;
                    figure.qualifier = prev.qualifier.clone();
                }
            }
        }
        figures.push(figure);
        i = next.max(i + 1);
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn figures(text: &str, lang: &str) -> Vec<Figure> {
        find_figures(text, &tokenize(text), Lang::parse(lang), &[])
    }

    fn one(text: &str, lang: &str) -> Figure {
        let found = figures(text, lang);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn thousands_in_every_writing() {
        for (text, lang) in [
            ("Quelque 30 000 habitants ont fui.", "fr"),
            ("Quelque 30.000 habitants ont fui.", "fr"),
            ("Some 30,000 residents fled.", "en"),
            ("Rund 30.000 Einwohner flohen.", "de"),
            ("Unos 30 mil habitantes huyeron.", "es"),
            ("Около 30 тысяч жителей бежали.", "ru"),
            ("فر نحو ٣٠ ألف مدني من المدينة.", "ar"),
        ] {
            let f = one(text, lang);
            assert_eq!(f.value, 30_000.0, "{text}");
            assert_eq!(f.kind, FigureKind::People, "{text}");
            assert_eq!(f.bound, Bound::About, "{text}");
        }
    }

    #[test]
    fn a_space_between_thousands_joins_the_groups() {
        let f = one("Au total, 1 217 combattants ont rendu les armes.", "fr");
        assert_eq!(f.value, 1217.0);
        assert_eq!(f.counts.as_deref(), Some("combattants"));
        assert_eq!(f.text, "1 217 combattants");
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(one("3,5 millions de déplacés", "fr").value, 3_500_000.0);
        assert_eq!(one("3.5 million displaced people", "en").value, 3_500_000.0);
        assert_eq!(one("18.000 civils", "fr").value, 18_000.0);
        assert_eq!(
            one("1.217 fighters", "en").value,
            1217.0,
            "a count of people is whole"
        );
    }

    #[test]
    fn percents_money_distances_durations() {
        let f = one("Les troupes ont repris 93% des quartiers.", "fr");
        assert_eq!((f.value, f.kind), (93.0, FigureKind::Percent));
        assert_eq!(f.counts.as_deref(), Some("quartiers"));
        assert_eq!(one("une hausse de 4,5 pour cent", "fr").value, 4.5);
        let f = one("an aid package of $5bn", "en");
        assert_eq!(
            (f.value, f.kind, f.unit.as_deref()),
            (5e9, FigureKind::Money, Some("USD"))
        );
        let f = one("une aide de 3 millions d'euros", "fr");
        assert_eq!((f.value, f.kind), (3e6, FigureKind::Money));
        assert_eq!(
            one("sur plus de 100 kilomètres", "fr").kind,
            FigureKind::Distance
        );
        assert_eq!(one("в течение трех дней", "ru").kind, FigureKind::Duration);
        assert_eq!(one("au cours des deux derniers jours", "fr").value, 2.0);
    }

    #[test]
    fn number_words() {
        assert_eq!(one("trois soldats", "fr").value, 3.0);
        assert_eq!(one("a dozen soldiers were hurt", "en").value, 12.0);
        let f = one("plus d'un demi-million de morts", "fr");
        assert_eq!((f.value, f.bound), (500_000.0, Bound::Min));
        assert_eq!(f.qualifier.as_deref(), Some("plus d"));
        assert_eq!(f.counts.as_deref(), Some("morts"));
        let f = one("des dizaines de milliers de manifestants", "fr");
        assert_eq!((f.value, f.bound), (20_000.0, Bound::Min));
        assert_eq!(one("twenty-two people", "en").value, 22.0);
        assert!(figures("un commandant rebelle a été blessé", "fr").is_empty());
    }

    #[test]
    fn qualifiers_before_and_after() {
        let f = one("قتل ٢٧ عنصراً من قوات النظام على الأقل", "ar");
        assert_eq!(f.value, 27.0);
        assert_eq!(f.counts.as_deref(), Some("عنصراً من قوات النظام"));
        assert_eq!(f.qualifier.as_deref(), Some("على الأقل"));
        assert_eq!(f.bound, Bound::Min);
        let found = figures("provoquant au moins 16 morts et 20 blessés", "fr");
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].bound, Bound::Min, "the qualifier covers both");
        let f = one("не менее 40 человек погибли", "ru");
        assert_eq!((f.value, f.bound), (40.0, Bound::Min));
        let f = one("mindestens 16 Menschen starben", "de");
        assert_eq!(
            (f.value, f.bound, f.kind),
            (16.0, Bound::Min, FigureKind::People)
        );
    }

    #[test]
    fn dates_times_phones_ordinals_names_are_not_figures() {
        for (text, lang) in [
            ("Le régime a repris la ville en 2016 avec ses alliés.", "fr"),
            ("Mise à jour à 21h13 avec la déclaration.", "fr"),
            ("The meeting starts at 10:30 in Geneva.", "en"),
            ("Appelez le 01 23 45 67 89 pour plus d'informations.", "fr"),
            ("le 1er régiment a quitté la ville", "fr"),
            ("Les cas de COVID-19 augmentent.", "fr"),
            ("la résolution 2254 du Conseil de sécurité", "fr"),
            ("Rendez-vous à 15 heures devant la mairie.", "fr"),
            ("Treffen um 10 Uhr am Rathaus.", "de"),
        ] {
            assert!(
                figures(text, lang).is_empty(),
                "{text}: {:#?}",
                figures(text, lang)
            );
        }
        let text = "Le 30 novembre, 20 000 personnes ont fui.";
        let dates = [Span::new(3, 14)];
        let found = find_figures(text, &tokenize(text), Lang::parse("fr"), &dates);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, 20_000.0);
        assert_eq!(found[0].counts.as_deref(), Some("personnes"));
    }

    #[test]
    fn years_count_only_known_things() {
        assert_eq!(one("Le séisme a fait 2000 morts.", "fr").value, 2000.0);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Selon l'ONG, au moins ٢٧ عنصراً et 1 217 combattants; 93 % des quartiers.";
        for f in figures(text, "fr") {
            assert_eq!(&text[f.start..f.end], f.text);
        }
    }
}
