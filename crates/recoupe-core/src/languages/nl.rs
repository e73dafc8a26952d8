//! Dutch: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const NL: Language = Language {
    lang: Lang::from_code(*b"nl"),
    name: "Dutch",
    script: Script::Latin,
    function_words: &[
        "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "met", "voor",
        "hij", "zij", "ook", "werd", "naar",
    ],
    quotes: Quotes {
        low_opening_quotes: true,
        ..Quotes::NONE
    },
    names: Names {
        particles: &["van"],
        ..Names::NONE
    },
    ..Language::NONE
};
