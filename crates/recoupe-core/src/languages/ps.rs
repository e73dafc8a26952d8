//! Pashto: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const PS: Language = Language {
    lang: Lang::from_code(*b"ps"),
    name: "Pashto",
    script: Script::Arabic,
    ..Language::NONE
};
