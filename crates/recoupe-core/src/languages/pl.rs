//! Polish: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const PL: Language = Language {
    lang: Lang::from_code(*b"pl"),
    name: "Polish",
    script: Script::Latin,
    function_words: &[
        "i", "w", "się", "na", "nie", "z", "do", "że", "to", "jest", "o", "jak", "ale", "po",
        "przez", "od", "za", "jego", "była", "został",
    ],
    dates: Dates {
        months: &[
            ("stycznia", 1),
            ("lutego", 2),
            ("marca", 3),
            ("kwietnia", 4),
            ("maja", 5),
            ("czerwca", 6),
            ("lipca", 7),
            ("sierpnia", 8),
            ("wrzesnia", 9),
            ("pazdziernika", 10),
            ("listopada", 11),
            ("grudnia", 12),
        ],
        since: &["od"],
        ..Dates::NONE
    },
    quotes: Quotes {
        low_opening_quotes: true,
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
