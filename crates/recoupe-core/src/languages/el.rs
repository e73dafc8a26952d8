//! Greek: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const EL: Language = Language {
    lang: Lang::from_code(*b"el"),
    name: "Greek",
    script: Script::Greek,
    ..Language::NONE
};
