//! Malay: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const MS: Language = Language {
    lang: Lang::from_code(*b"ms"),
    name: "Malay",
    script: Script::Latin,
    decimal_comma: false,
    ..Language::NONE
};
