//! Czech: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const CS: Language = Language {
    lang: Lang::from_code(*b"cs"),
    name: "Czech",
    script: Script::Latin,
    function_words: &[
        "a", "v", "se", "je", "že", "s", "to", "k", "jako", "jsou", "který", "která", "které",
        "podle", "byl", "byla", "bylo", "také", "při", "jeho", "nebo", "už", "však", "před",
        "mezi", "ze", "není", "bude", "až",
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
            "komise",
            "parlament",
            "unie",
            "rada",
            "strana",
            "agentura",
            "soud",
            "banka",
            "ministerstvo",
            "organizace",
            "fronta",
            "armada",
            "vybor",
            "vlada",
            "fond",
            "komora",
            "snemovna",
        ],
        genitive_plural_endings: &["ů"],
        place_words: &[
            "republika",
            "království",
            "moře",
            "ostrov",
            "ostrovy",
            "průliv",
            "oceán",
            "záliv",
            "poloostrov",
        ],
        adjective_endings: &[
            "ský", "ská", "ské", "ského", "skému", "ském", "skou", "ských", "ským", "skými", "cký",
            "cká", "cké", "ckého", "ckou", "ckých", "ní", "ního", "nímu", "ním", "ních", "ními",
            "ný", "ná", "né", "ného", "nému", "ném", "nou", "ných", "ným", "nými", "ový", "ová",
            "ové", "ového", "ovém", "ovou", "ových", "ovým",
            // soft adjectives of degree (nejvyšší, vyšší, větší)
            "ší", "šího", "šímu", "ším", "ších", "šími",
        ],
        demonym_endings: &[
            "ové", "ů", "ům", "ech", "ané", "anů", "anům", "any", "anech", "an",
        ],
        case_endings: &[
            "a", "u", "e", "ě", "y", "i", "í", "o", "ou", "em", "ém", "ovi", "ové", "ová", "ovou",
            "ův", "ách", "ech", "ích", "ami", "emi", "ími", "ým", "ými", "ého", "ému", "é", "á",
            "ý", "ie", "ii", "ií",
        ],
        nominatives: &[
            ("e", &["", "a"]),
            ("u", &["", "a", "o"]),
            ("em", &["", "y", "o"]),
            ("y", &["a", ""]),
            ("i", &["a", "e", ""]),
            ("ii", &["ie"]),
            ("ou", &["a"]),
            ("a", &["", "o"]),
            ("ce", &["ka"]),
            ("ze", &["ha"]),
            ("eho", &["y", "e"]),
            ("emu", &["y", "e"]),
            // the instrumental (Spojeným královstvím: Spojené království)
            ("ym", &["y", "e", "a"]),
            ("im", &["i"]),
        ],
        ..Names::NONE
    },
    ..Language::NONE
};
