//! Estonian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const ET: Language = Language {
    lang: Lang::from_code(*b"et"),
    name: "Estonian",
    script: Script::Latin,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
