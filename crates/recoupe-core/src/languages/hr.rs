//! Croatian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const HR: Language = Language {
    lang: Lang::from_code(*b"hr"),
    name: "Croatian",
    script: Script::Latin,
    function_words: &[
        "je", "u", "se", "da", "s", "što", "koji", "koja", "koje", "kao", "iz", "nije", "će",
        "bio", "bila", "bilo", "još", "prema", "nakon", "kako", "gdje", "jer", "već", "također",
        "dok", "samo",
    ],
    quotes: Quotes {
        articles: false,
        ..Quotes::NONE
    },
    names: Names {
        common_acronyms: &["bdp", "pdv"],
        org_words: &[
            "forum",
            "komisija",
            "parlament",
            "unija",
            "vijece",
            "stranka",
            "agencija",
            "sud",
            "banka",
            "ministarstvo",
            "organizacija",
            "vojska",
            "odbor",
            "vlada",
            "fond",
            "sabor",
        ],
        place_words: &[
            "republika",
            "kraljevstvo",
            "more",
            "otok",
            "otoci",
            "kanal",
            "ocean",
            "zaljev",
            "poluotok",
        ],
        adjective_endings: &[
            "ski", "ska", "sko", "skog", "skoga", "skom", "skome", "skoj", "sku", "ske", "skih",
            "skim", "skima", "ni", "na", "no", "nog", "noga", "nom", "noj", "nu", "ne", "nih",
            "nim", "nima",
        ],
        demonym_endings: &["ci", "aca", "cima", "i"],
        case_endings: &[
            "a", "e", "i", "o", "u", "om", "em", "ima", "ama", "ih", "oj", "og", "oga", "ome",
            "omu", "im", "ija", "ije", "iji", "iju", "ijom",
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
        ],
        ..Names::NONE
    },
    ..Language::NONE
};
