//! Korean: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const KO: Language = Language {
    lang: Lang::from_code(*b"ko"),
    name: "Korean",
    script: Script::Hangul,
    decimal_comma: false,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
