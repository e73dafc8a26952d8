//! Bulgarian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const BG: Language = Language {
    lang: Lang::from_code(*b"bg"),
    name: "Bulgarian",
    script: Script::Cyrillic,
    quotes: Quotes {
        low_opening_quotes: true,
        ..Quotes::NONE
    },
    ..Language::NONE
};
