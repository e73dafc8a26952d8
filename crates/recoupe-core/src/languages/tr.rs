//! Turkish: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const TR: Language = Language {
    lang: Lang::from_code(*b"tr"),
    name: "Turkish",
    script: Script::Latin,
    function_words: &[
        "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "olan", "gibi",
        "en", "ama", "sonra", "kadar",
    ],
    dates: Dates {
        months: &[
            ("ocak", 1),
            ("subat", 2),
            ("mart", 3),
            ("nisan", 4),
            ("mayis", 5),
            ("haziran", 6),
            ("temmuz", 7),
            ("agustos", 8),
            ("eylul", 9),
            ("ekim", 10),
            ("kasim", 11),
            ("aralik", 12),
        ],
        ..Dates::NONE
    },
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
