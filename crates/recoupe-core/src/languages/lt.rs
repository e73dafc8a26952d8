//! Lithuanian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const LT: Language = Language {
    lang: Lang::from_code(*b"lt"),
    name: "Lithuanian",
    script: Script::Latin,
    quotes: Quotes {
        low_opening_quotes: true,
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
