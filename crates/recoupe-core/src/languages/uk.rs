//! Ukrainian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const UK: Language = Language {
    lang: Lang::from_code(*b"uk"),
    name: "Ukrainian",
    script: Script::Cyrillic,
    // Russian, Bulgarian, Macedonian and Serbian letters
    neighbour_letters: &[
        'ы', 'э', 'ъ', 'ё', 'ќ', 'ѓ', 'ѕ', 'љ', 'њ', 'џ', 'ј', 'ђ', 'ћ', 'Ы', 'Э', 'Ъ', 'Ё', 'Ќ',
        'Ѓ', 'Ѕ', 'Љ', 'Њ', 'Џ', 'Ј', 'Ђ', 'Ћ',
    ],
    function_words: &[
        "і",
        "в",
        "у",
        "не",
        "на",
        "що",
        "з",
        "за",
        "як",
        "до",
        "це",
        "від",
        "та",
        "його",
        "був",
        "була",
        "також",
        "але",
        "після",
    ],
    dates: Dates {
        months: &[
            ("сiчня", 1),
            ("січня", 1),
            ("лютого", 2),
            ("березня", 3),
            ("квiтня", 4),
            ("квітня", 4),
            ("травня", 5),
            ("червня", 6),
            ("липня", 7),
            ("серпня", 8),
            ("вересня", 9),
            ("жовтня", 10),
            ("листопада", 11),
            ("грудня", 12),
        ],
        weekdays: &[
            ("понеділок", Weekday::Monday),
            ("вівторок", Weekday::Tuesday),
            ("середу", Weekday::Wednesday),
            ("четвер", Weekday::Thursday),
            ("пʼятницю", Weekday::Friday),
            ("суботу", Weekday::Saturday),
            ("неділю", Weekday::Sunday),
            ("неділя", Weekday::Sunday),
        ],
        relative_days: &[("вчора", -1), ("сьогодні", 0)],
        ..Dates::NONE
    },
    figures: Figures {
        people: &["осіб"],
        ..Figures::NONE
    },
    quotes: Quotes {
        low_opening_quotes: true,
        articles: false,
        verbs: &[
            "заявив",
            "сказав",
            "додав",
            "зазначив",
            "наголосив",
            "повідомив",
            "заявила",
            "сказала",
            "додала",
        ],
        pronouns: &["він", "вона"],
        ..Quotes::NONE
    },
    names: Names {
        case_endings: &[
            "а", "я", "о", "е", "є", "и", "і", "ї", "у", "ю", "ь", "ом", "ем", "єм", "ою", "ею",
            "єю", "ам", "ям", "ами", "ями", "ах", "ях", "ові", "еві", "єві", "ій", "ія", "ії",
            "ію", "ією", "ий", "ого", "ому", "им", "их", "ої", "ую", "юю", "й",
        ],
        nominatives: &[
            ("іі", &["ія"]),
            ("ію", &["ія"]),
            ("ією", &["ія"]),
            ("і", &["а", "я", "", "ь"]),
            ("у", &["а", ""]),
            ("ом", &[""]),
            ("ем", &["ь", ""]),
            ("ою", &["а"]),
            ("ею", &["я"]),
            ("и", &["а"]),
            ("а", &["", "ь"]),
            ("я", &["ь"]),
            ("ові", &[""]),
            ("еві", &["ь", ""]),
        ],
        ..Names::NONE
    },
    ..Language::NONE
};
