//! Slovak: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const SK: Language = Language {
    lang: Lang::from_code(*b"sk"),
    name: "Slovak",
    script: Script::Latin,
    function_words: &[
        "a", "v", "je", "že", "s", "to", "k", "aj", "ako", "sú", "ktorý", "ktorá", "ktoré",
        "podľa", "bola", "bolo", "tiež", "pri", "pre", "medzi", "alebo", "len", "už", "však",
        "ešte", "jeho", "vo", "zo", "bude",
    ],
    quotes: Quotes {
        low_opening_quotes: true,
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
