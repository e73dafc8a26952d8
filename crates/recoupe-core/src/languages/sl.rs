//! Slovene: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const SL: Language = Language {
    lang: Lang::from_code(*b"sl"),
    name: "Slovene",
    script: Script::Latin,
    function_words: &[
        "je", "da", "se", "v", "pa", "tudi", "s", "kot", "iz", "še", "že", "pri", "lahko", "sem",
        "smo", "zaradi", "saj", "vendar", "jih", "ga", "bila", "bilo", "bodo", "ima", "ki", "bo",
        "kjer", "ker", "naj", "sicer", "jo", "oziroma", "prek", "nekaj", "zdaj",
    ],
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    names: Names {
        common_acronyms: &["bdp", "ddv"],
        org_words: &[
            "forum",
            "komisija",
            "parlament",
            "unija",
            "svet",
            "stranka",
            "agencija",
            "sodisce",
            "banka",
            "ministrstvo",
            "organizacija",
            "vojska",
            "odbor",
            "vlada",
            "sklad",
        ],
        place_words: &[
            "republika",
            "kraljestvo",
            "morje",
            "otok",
            "otoki",
            "preliv",
            "ocean",
            "zaliv",
            "polotok",
        ],
        adjective_endings: &[
            "ski", "ska", "sko", "skega", "skemu", "skem", "skim", "sko", "skih", "skimi", "ške",
            "ški", "ni", "na", "no", "nega", "nemu", "nem", "nim", "nih", "nimi", "ne", "ov",
            "ova", "ovo", "ovega",
        ],
        demonym_endings: &["ci", "cev", "cem", "ce", "i", "ov"],
        case_endings: &[
            "a", "e", "i", "o", "u", "om", "em", "ih", "ami", "ah", "ja", "je", "ji", "jo", "ju",
            "jem", "ija", "ije", "iji", "ijo", "ijah", "ega", "emu", "im", "imi",
        ],
        nominatives: &[
            ("ije", &["ija"]),
            ("iji", &["ija"]),
            ("ijo", &["ija"]),
            ("e", &["a"]),
            ("i", &["a", ""]),
            ("o", &["a"]),
            // neuter nouns (kraljestva, kraljestvu, kraljestvom: kraljestvo)
            ("u", &["", "o"]),
            ("a", &["", "o"]),
            ("om", &["", "o"]),
            ("em", &["", "o", "i"]),
            // adjectives (Združenega, Združenem, Združenim: Združeno; Velikega: Veliki)
            ("ega", &["o", "i", ""]),
            ("emu", &["o", "i", ""]),
            ("im", &["o", "i"]),
        ],
        ..Names::NONE
    },
    ..Language::NONE
};
