//! Kazakh: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const KK: Language = Language {
    lang: Lang::from_code(*b"kk"),
    name: "Kazakh",
    script: Script::Cyrillic,
    ..Language::NONE
};
