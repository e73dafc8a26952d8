//! Persian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const FA: Language = Language {
    lang: Lang::from_code(*b"fa"),
    name: "Persian",
    script: Script::Arabic,
    ..Language::NONE
};
