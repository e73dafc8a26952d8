//! Belarusian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const BE: Language = Language {
    lang: Lang::from_code(*b"be"),
    name: "Belarusian",
    script: Script::Cyrillic,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
