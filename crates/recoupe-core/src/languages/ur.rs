//! Urdu: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const UR: Language = Language {
    lang: Lang::from_code(*b"ur"),
    name: "Urdu",
    script: Script::Arabic,
    ..Language::NONE
};
