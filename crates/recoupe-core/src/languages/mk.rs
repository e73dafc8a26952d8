//! Macedonian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const MK: Language = Language {
    lang: Lang::from_code(*b"mk"),
    name: "Macedonian",
    script: Script::Cyrillic,
    ..Language::NONE
};
