//! Finnish: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const FI: Language = Language {
    lang: Lang::from_code(*b"fi"),
    name: "Finnish",
    script: Script::Latin,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
