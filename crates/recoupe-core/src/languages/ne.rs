//! Nepali: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const NE: Language = Language {
    lang: Lang::from_code(*b"ne"),
    name: "Nepali",
    script: Script::Devanagari,
    ..Language::NONE
};
