//! Latvian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const LV: Language = Language {
    lang: Lang::from_code(*b"lv"),
    name: "Latvian",
    script: Script::Latin,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
