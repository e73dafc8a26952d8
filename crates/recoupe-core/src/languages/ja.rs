//! Japanese: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const JA: Language = Language {
    lang: Lang::from_code(*b"ja"),
    name: "Japanese",
    script: Script::Kana,
    decimal_comma: false,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
