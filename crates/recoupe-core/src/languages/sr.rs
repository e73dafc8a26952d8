//! Serbian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const SR: Language = Language {
    lang: Lang::from_code(*b"sr"),
    name: "Serbian",
    script: Script::Cyrillic,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
