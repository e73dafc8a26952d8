//! Marathi: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const MR: Language = Language {
    lang: Lang::from_code(*b"mr"),
    name: "Marathi",
    script: Script::Devanagari,
    ..Language::NONE
};
