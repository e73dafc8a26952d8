//! Croatian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const HR: Language = Language {
    lang: Lang::from_code(*b"hr"),
    name: "Croatian",
    script: Script::Latin,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
