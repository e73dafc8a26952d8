//! Mongolian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const MN: Language = Language {
    lang: Lang::from_code(*b"mn"),
    name: "Mongolian",
    script: Script::Cyrillic,
    ..Language::NONE
};
