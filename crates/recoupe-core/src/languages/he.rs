//! Hebrew: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const HE: Language = Language {
    lang: Lang::from_code(*b"he"),
    name: "Hebrew",
    script: Script::Hebrew,
    decimal_comma: false,
    ..Language::NONE
};
