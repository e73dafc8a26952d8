//! Slovak: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const SK: Language = Language {
    lang: Lang::from_code(*b"sk"),
    name: "Slovak",
    script: Script::Latin,
    quotes: Quotes {
        low_opening_quotes: true,
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
