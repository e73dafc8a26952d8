//! Romanian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const RO: Language = Language {
    lang: Lang::from_code(*b"ro"),
    name: "Romanian",
    script: Script::Latin,
    quotes: Quotes {
        low_opening_quotes: true,
        ..Quotes::NONE
    },
    ..Language::NONE
};
