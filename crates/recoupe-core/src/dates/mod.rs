//! Dates written in article text, and the publication date worked out from them.
//!
//! Written dates are found on the token stream (see `token`) with the date words of every
//! language's profile (`languages`, `Language::dates`): month names, weekday names, relative day
//! words (hier, yesterday, вчера, أمس…) and the words that make a weekday point at the day of
//! publication ("ce samedi", "this Saturday", "اليوم السبت"). The words of every language are read
//! as one table: month and weekday names barely collide across languages, a month name only
//! counts next to a day number or a year, and a dateline may be in another language than the text.

use std::sync::OnceLock;

pub use crate::languages::Period;
use crate::languages::{self, word_set};
use crate::lexicon::WordMap;
use serde::Serialize;

use crate::model::{Date, DateBasis, Span, Weekday};
use crate::token::{Token, TokenKind};

mod find;
mod published;
mod resolve;
mod words;

pub use find::*;
pub use published::*;
pub use resolve::*;
pub use words::*;

/// What a date mention says before it is resolved against the article's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateExpr {
    /// A full date, written out.
    Full(Date),
    /// Day and month without a year, maybe with a weekday.
    DayMonth {
        day: u8,
        month: u8,
        weekday: Option<Weekday>,
    },
    /// A month of a year ("mars 2020").
    MonthYear { year: i32, month: u8 },
    /// A year alone ("en 2015").
    Year(i32),
    /// A weekday, maybe pointing at the day of writing ("ce samedi") or another week.
    Weekday { weekday: Weekday, shift: WeekShift },
    /// Days relative to the day of writing (hier = -1).
    RelativeDays(i64),
    /// A span of time back from the day of writing ("il y a 15 mois", "three weeks ago").
    Ago { amount: i64, unit: Period },
    /// The calendar period before the one of writing ("la semaine dernière", "last month").
    Previous(Period),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekShift {
    /// Plain weekday: the day of writing if it matches, else the last one before it.
    Nearest,
    /// "ce samedi": the day of writing itself (or the nearest such day).
    ThisOne,
    Next,
    Last,
}

/// A date expression found in a text, with its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateFound {
    pub span: Span,
    pub expr: DateExpr,
    /// A weekday written next to a full date ("الأحد 2016/12/04"), to check it.
    pub weekday: Option<Weekday>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn published(text: &str) -> Option<PublishedDate> {
        let tokens = tokenize(text);
        let head = [Span::new(0, text.find('\n').unwrap_or(text.len()))];
        infer_published(text, &tokens, &head, &find_dates(&tokens)).0
    }

    #[test]
    fn dateline_with_weekday_and_arabic_indic_digits() {
        let p = published("الاثنين ٢٠٢٣/٠٢/٠٦\nضرب زلزال قوي جنوب تركيا").unwrap();
        assert_eq!(p.date.to_string(), "2023-02-06");
        assert_eq!(p.basis, DateBasis::Text);
    }

    #[test]
    fn weekday_day_month_without_year_takes_the_year_that_fits() {
        // 14 March was a Saturday in 2015 and 2020 (and 2026); the text mentions 2019.
        let text = "Titre\nLe conseil s'est réuni ce samedi 14 mars. Une loi votée en janvier 2019 l'y oblige.";
        let p = published(text).unwrap();
        assert_eq!(p.date.to_string(), "2020-03-14");
        assert_eq!(p.basis, DateBasis::Inferred);
    }

    #[test]
    fn this_weekday_next_to_a_dated_caption() {
        let text = "Title\nPhoto taken in Kyiv on March 3, 2022\nThe mayor spoke this Saturday about the siege.";
        let p = published(text).unwrap();
        assert_eq!(p.date.to_string(), "2022-03-05");
    }

    #[test]
    fn relative_weekdays_resolve_against_the_day_of_writing() {
        let sunday = Date::new(2016, 12, 4);
        let text =
            "وقالت روسيا السبت إنها مستعدة. Il est parti mercredi, reviendra mardi prochain.";
        let tokens = tokenize(text);
        let mentions = date_mentions(text, &tokens, sunday);
        let values: Vec<_> = mentions
            .iter()
            .map(|m| (m.text.as_str(), m.value.as_deref()))
            .collect();
        assert_eq!(
            values,
            vec![
                ("السبت", Some("2016-12-03")),
                ("mercredi", Some("2016-11-30")),
                ("mardi prochain", Some("2016-12-06"))
            ]
        );
    }

    #[test]
    fn written_dates_in_several_languages() {
        let cases = [
            ("am 4. Dezember 2016", "2016-12-04"),
            ("el 4 de diciembre de 2016", "2016-12-04"),
            ("4 декабря 2016 года", "2016-12-04"),
            ("on December 9, 2016", "2016-12-09"),
            ("في 4 كانون الأول 2016", "2016-12-04"),
            ("le 1er février 2021", "2021-02-01"),
            ("04.12.2016", "2016-12-04"),
        ];
        for (text, want) in cases {
            let tokens = tokenize(text);
            let mentions = date_mentions(text, &tokens, None);
            assert_eq!(mentions.len(), 1, "{text}: {mentions:?}");
            assert_eq!(mentions[0].value.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn future_weekdays_look_forward() {
        let wednesday = Date::new(2017, 7, 26);
        let text = "Le ministre doit se rendre sur place jeudi. Le feu a repris lundi.";
        let mentions = date_mentions(text, &tokenize(text), wednesday);
        assert_eq!(mentions[0].value.as_deref(), Some("2017-07-27"));
        assert_eq!(mentions[1].value.as_deref(), Some("2017-07-24"));
        // the future verb may follow the day, and each language says it its own way
        for text in [
            "Министр в четверг посетит Анкару. Пожар возобновился в понедельник.",
            "The minister will travel there on Thursday. The fire flared up on Monday.",
            "Министърът ще посети Анкара в четвъртък. Пожарът се разгоря в понеделник.",
        ] {
            let mentions = date_mentions(text, &tokenize(text), wednesday);
            let values: Vec<_> = mentions.iter().map(|m| m.value.as_deref()).collect();
            assert_eq!(values, [Some("2017-07-27"), Some("2017-07-24")], "{text}");
        }
    }

    #[test]
    fn a_future_verb_of_another_clause_leaves_the_day_in_the_past() {
        // wire copy: the day the minister spoke is the day of writing; the visit is to come
        let monday = Date::new(2017, 7, 24);
        for text in [
            "The minister said on Monday that she will visit Ankara on Thursday.",
            "Министр заявил в понедельник, что посетит Анкару в четверг.",
            "Le ministre a déclaré lundi qu'il se rendra jeudi à Ankara, et doit y rester.",
        ] {
            let mentions = date_mentions(text, &tokenize(text), monday);
            let values: Vec<_> = mentions.iter().map(|m| m.value.as_deref()).collect();
            assert_eq!(values, [Some("2017-07-24"), Some("2017-07-27")], "{text}");
        }
    }

    #[test]
    fn a_date_after_since_is_not_the_publication_date() {
        let text = "Título\nLas conversaciones, las primeras desde el inicio de los combates el 15 de abril de 2023, siguen.";
        assert_eq!(published(text), None);
    }

    #[test]
    fn a_birth_date_or_a_coming_date_is_not_the_publication_date() {
        // an obituary: the first full date is the birth, and the text names later years
        let text = "Title\nThe singer Amalia Torvel, born on 3 May 1931 in Lisbon, has died. She recorded her last album in 1998 and toured until 2009. Her funeral was held on 14 January 2011.";
        let p = published(text).expect("the funeral's date");
        assert_eq!(p.date.to_string(), "2011-01-14");
        // nor is a birth date in the first line, where a dateline stands
        let head = "Amalia Torvel, born on 3 May 1931, has died\nShe recorded her last album in 1998 and toured until 2009.";
        assert!(published(head).is_none(), "{:?}", published(head));
        // a date the sentence puts ahead is the event's, not the day of writing
        let ahead = "Title\nThe awards will be presented on 22 February 2009, the academy said.";
        assert!(published(ahead).is_none(), "{:?}", published(ahead));
        // alone, the first full date still dates the text
        let plain = "Title\nThe council met on 3 March 2026 and voted the budget.";
        assert_eq!(published(plain).unwrap().date.to_string(), "2026-03-03");
    }

    #[test]
    fn periods_back_from_the_day_of_writing() {
        let sunday = Date::new(2016, 12, 4);
        let cases = [
            (
                "Moscou est intervenue il y a 15 mois.",
                "il y a 15 mois",
                "2015-09-01/2015-09-30",
            ),
            (
                "تدخل سلاحها الجوي في الحرب قبل 15 شهرا",
                "قبل 15 شهرا",
                "2015-09-01/2015-09-30",
            ),
            (
                "The talks began three weeks ago.",
                "three weeks ago",
                "2016-11-13",
            ),
            (
                "Die Gespräche begannen vor drei Tagen.",
                "vor drei Tagen",
                "2016-12-01",
            ),
            (
                "Переговоры начались 10 дней назад.",
                "10 дней назад",
                "2016-11-24",
            ),
            (
                "Il avait été nommé la semaine dernière.",
                "la semaine dernière",
                "2016-11-21/2016-11-27",
            ),
            (
                "Встреча прошла на прошлой неделе.",
                "на прошлой неделе",
                "2016-11-21/2016-11-27",
            ),
            (
                "وقعت الاشتباكات الشهر الماضي",
                "الشهر الماضي",
                "2016-11-01/2016-11-30",
            ),
            (
                "Ocurrió el año pasado.",
                "el año pasado",
                "2015-01-01/2015-12-31",
            ),
        ];
        for (text, words, value) in cases {
            let mentions = date_mentions(text, &tokenize(text), sunday);
            let found = mentions.iter().find(|m| m.text == words);
            assert_eq!(
                found.and_then(|m| m.value.as_deref()),
                Some(value),
                "{text}: {mentions:?}"
            );
        }
        let text = "Il y a des raisons d'espérer.";
        assert!(
            date_mentions(text, &tokenize(text), sunday).is_empty(),
            "il y a without a period is not a date"
        );
    }

    #[test]
    fn russian_may_survives_the_normalisation_of_short_i() {
        let text = "Это случилось 9 мая 2023 года, а в мае 2024 года снова.";
        let mentions = date_mentions(text, &tokenize(text), None);
        let values: Vec<_> = mentions.iter().filter_map(|m| m.value.clone()).collect();
        assert!(values.contains(&"2023-05-09".to_string()), "{mentions:?}");
        assert!(
            values.contains(&"2024-05-01/2024-05-31".to_string()),
            "{mentions:?}"
        );
    }

    #[test]
    fn a_month_name_alone_is_not_a_date() {
        let text = "They may leave in march formation.";
        assert!(date_mentions(text, &tokenize(text), None).is_empty());
    }
}
