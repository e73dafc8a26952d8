//! Tajik: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const TG: Language = Language {
    lang: Lang::from_code(*b"tg"),
    name: "Tajik",
    script: Script::Cyrillic,
    ..Language::NONE
};
