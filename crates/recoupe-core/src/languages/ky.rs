//! Kyrgyz: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const KY: Language = Language {
    lang: Lang::from_code(*b"ky"),
    name: "Kyrgyz",
    script: Script::Cyrillic,
    ..Language::NONE
};
