//! Slovene: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const SL: Language = Language {
    lang: Lang::from_code(*b"sl"),
    name: "Slovene",
    script: Script::Latin,
    function_words: &[
        "je", "da", "se", "v", "pa", "tudi", "s", "kot", "iz", "še", "že", "pri", "lahko", "sem",
        "smo", "zaradi", "saj", "vendar", "jih", "ga", "bila", "bilo", "bodo", "ima",
    ],
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    ..Language::NONE
};
