//! Serbian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const SR: Language = Language {
    lang: Lang::from_code(*b"sr"),
    name: "Serbian",
    script: Script::Cyrillic,
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    names: Names {
        case_endings: &[
            "a", "e", "i", "o", "u", "om", "em", "ima", "ama", "ih", "oj", "og", "oga", "ome",
            "omu", "im", "ija", "ije", "iji", "iju", "ijom", "а", "е", "и", "о", "у", "ом", "ем",
            "има", "ама", "их", "ој", "ог", "ога", "оме", "ому", "им", "ија", "ије", "ији", "ију",
            "ијом",
        ],
        nominatives: &[
            ("ije", &["ija"]),
            ("iji", &["ija"]),
            ("iju", &["ija"]),
            ("ijom", &["ija"]),
            ("e", &["a"]),
            ("i", &["a", ""]),
            ("u", &["a", ""]),
            ("om", &["", "a"]),
            ("a", &[""]),
            ("oj", &["a"]),
            ("ије", &["ија"]),
            ("ији", &["ија"]),
            ("ију", &["ија"]),
            ("ијом", &["ија"]),
            ("е", &["а"]),
            ("и", &["а", ""]),
            ("у", &["а", ""]),
            ("ом", &["", "а"]),
            ("а", &[""]),
            ("ој", &["а"]),
        ],
        ..Names::NONE
    },
    ..Language::NONE
};
