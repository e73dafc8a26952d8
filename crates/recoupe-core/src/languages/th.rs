//! Thai: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const TH: Language = Language {
    lang: Lang::from_code(*b"th"),
    name: "Thai",
    script: Script::Thai,
    decimal_comma: false,
    ..Language::NONE
};
