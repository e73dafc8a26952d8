//! Slovene: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const SL: Language = Language {
    lang: Lang::from_code(*b"sl"),
    name: "Slovene",
    script: Script::Latin,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
