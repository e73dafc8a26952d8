//! Yiddish: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const YI: Language = Language {
    lang: Lang::from_code(*b"yi"),
    name: "Yiddish",
    script: Script::Hebrew,
    ..Language::NONE
};
