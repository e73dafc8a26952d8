//! Chinese: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const ZH: Language = Language {
    lang: Lang::from_code(*b"zh"),
    name: "Chinese",
    script: Script::Han,
    decimal_comma: false,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
