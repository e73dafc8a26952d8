//! Slovak: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const SK: Language = Language {
    lang: Lang::from_code(*b"sk"),
    name: "Slovak",
    script: Script::Latin,
    function_words: &[
        "a", "v", "je", "že", "s", "to", "k", "aj", "ako", "sú", "ktorý", "ktorá", "ktoré",
        "podľa", "bola", "bolo", "tiež", "pri", "pre", "medzi", "alebo", "len", "už", "však",
        "ešte", "jeho", "vo", "zo", "bude",
    ],
    quotes: Quotes {
        low_opening_quotes: true,
        articles: false,
        ..Quotes::NONE
    },
    names: Names {
        common_acronyms: &["hdp", "dph"],
        org_words: &[
            "forum",
            "komisia",
            "parlament",
            "unia",
            "rada",
            "strana",
            "agentura",
            "sud",
            "banka",
            "ministerstvo",
            "organizacia",
            "armada",
            "vybor",
            "vlada",
            "fond",
        ],
        genitive_plural_endings: &["ov"],
        place_words: &[
            "republika",
            "kráľovstvo",
            "more",
            "ostrov",
            "ostrovy",
            "prieliv",
            "oceán",
            "záliv",
            "polostrov",
        ],
        adjective_endings: &[
            "ský", "ská", "ské", "ského", "skej", "skom", "skú", "ských", "ským", "skými", "cký",
            "cká", "cké", "ckého", "ckej", "ckom", "ckú", "ný", "ná", "né", "ného", "nej", "nom",
            "nú", "ných", "ným", "nými", "ový", "ová", "ové", "ového", "ovej", "ovom", "ovú",
            "ových", "ní", "ného", "nej",
        ],
        demonym_endings: &["ia", "ov", "om", "och", "ania", "anov", "anom"],
        case_endings: &[
            "a", "u", "e", "y", "i", "í", "o", "ou", "om", "ovi", "ami", "ách", "och", "ie", "ia",
            "iu", "iou", "ii", "eho", "ého", "emu", "ému", "ej", "ým", "ých", "ými", "ová", "ovej",
            "ovú", "ovou", "ové", "á", "é", "ý", "ú",
        ],
        nominatives: &[
            ("ie", &["ia"]),
            ("ii", &["ia"]),
            ("iu", &["ia"]),
            ("iou", &["ia"]),
            ("u", &["", "a", "o"]),
            ("e", &["", "a"]),
            ("y", &["a"]),
            ("om", &["", "o"]),
            ("ou", &["a"]),
            ("a", &["", "o"]),
            ("i", &["a", ""]),
            ("ej", &["a"]),
        ],
        ..Names::NONE
    },
    ..Language::NONE
};
