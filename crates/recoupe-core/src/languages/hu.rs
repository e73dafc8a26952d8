//! Hungarian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const HU: Language = Language {
    lang: Lang::from_code(*b"hu"),
    name: "Hungarian",
    script: Script::Latin,
    quotes: Quotes {
        low_opening_quotes: true,
        ..Quotes::NONE
    },
    ..Language::NONE
};
