//! Belarusian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const BE: Language = Language {
    lang: Lang::from_code(*b"be"),
    name: "Belarusian",
    script: Script::Cyrillic,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    names: Names {
        common_acronyms: &["сми", "ўвп"],
        adjective_endings: &[
            "скі",
            "ская",
            "скае",
            "скага",
            "скай",
            "скую",
            "скіх",
            "скім",
            "ны",
            "ная",
            "нае",
            "нага",
            "най",
            "ную",
            "ных",
            "ным",
        ],
        case_endings: &[
            "а", "я", "о", "е", "ы", "і", "у", "ю", "ь", "ом", "ам", "ем", "ой", "ай", "ою", "ей",
            "ямі", "амі", "ах", "ях", "ія", "іі", "ію", "ый", "ая", "ае", "ага", "аму", "ым", "ых",
            "ую", "й",
        ],
        nominatives: &[
            ("іі", &["ія"]),
            ("ію", &["ія"]),
            ("і", &["а", "я", ""]),
            ("ы", &["а"]),
            ("е", &["а", ""]),
            ("у", &["а", ""]),
            ("ом", &[""]),
            ("ай", &["а"]),
            ("а", &[""]),
        ],
        ..Names::NONE
    },
    ..Language::NONE
};
