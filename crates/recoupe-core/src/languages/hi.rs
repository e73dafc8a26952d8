//! Hindi: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const HI: Language = Language {
    lang: Lang::from_code(*b"hi"),
    name: "Hindi",
    script: Script::Devanagari,
    decimal_comma: false,
    ..Language::NONE
};
