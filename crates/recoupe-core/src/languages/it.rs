//! Italian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const IT: Language = Language {
    lang: Lang::from_code(*b"it"),
    name: "Italian",
    script: Script::Latin,
    function_words: &[
        "il", "la", "di", "che", "e", "un", "una", "per", "non", "con", "del", "della", "dei", "è",
        "sono", "alla", "nel", "gli", "le", "ha", "anche", "come",
    ],
    dates: Dates {
        months: &[
            ("gennaio", 1),
            ("febbraio", 2),
            ("aprile", 4),
            ("maggio", 5),
            ("giugno", 6),
            ("luglio", 7),
            ("settembre", 9),
            ("ottobre", 10),
            ("dicembre", 12),
        ],
        weekdays: &[
            ("lunedi", Weekday::Monday),
            ("martedi", Weekday::Tuesday),
            ("mercoledi", Weekday::Wednesday),
            ("giovedi", Weekday::Thursday),
            ("venerdi", Weekday::Friday),
            ("domenica", Weekday::Sunday),
        ],
        relative_days: &[("ieri", -1), ("oggi", 0), ("domani", 1)],
        this_before: &["questo"],
        next_after: &["prossimo"],
        last_after: &["scorso"],
        since: &["dal", "dalla"],
        clause_openers: &["che", "quando", "mentre"],
        future_cues: &[
            "sara",
            "saranno",
            "visitera",
            "incontrera",
            "previsto",
            "prevista",
        ],
        ..Dates::NONE
    },
    figures: Figures {
        numbers: &[
            ("due", u(2.0)),
            ("tre", u(3.0)),
            ("dieci", u(10.0)),
            ("cento", Hundred),
            ("mila", Scale(1e3)),
            ("milioni", Scale(1e6)),
            ("decine", Vague(10.0)),
            ("centinaia", Vague(100.0)),
            ("migliaia", Vague(1e3)),
        ],
        people: &[
            "persone",
            "civili",
            "morti",
            "feriti",
            "soldati",
            "combattenti",
            "abitanti",
            "rifugiati",
            "bambini",
            "donne",
            "uomini",
            "vittime",
            "membri",
            "ostaggi",
        ],
        duration: &["giorni", "ore", "anni", "mesi"],
        quantity: &["ettari"],
        currencies: &[("dollari", "USD")],
        qualifiers_before: &[
            ("circa", Bound::About),
            ("almeno", Bound::Min),
            ("piu di", Bound::Min),
            ("oltre", Bound::Min),
            ("quasi", Bound::About),
        ],
        fillers: &["ultimi"],
        of_words: &["del", "di", "dei", "degli", "delle"],
        ordinal_suffixes: &["o", "a"],
        percent_phrases: &["per cento"],
        and_words: &["e"],
        ..Figures::NONE
    },
    quotes: Quotes {
        verbs: &[
            "detto",
            "dichiarato",
            "affermato",
            "aggiunto",
            "spiegato",
            "sottolineato",
            "scritto",
        ],
        sources: &["secondo"],
        pronouns: &["lui", "lei"],
        definite: &["il", "lo"],
        determiners: &["il", "lo", "gli"],
        ..Quotes::NONE
    },
    names: Names {
        common_acronyms: &["pil", "iva"],
        particles: &["della", "di", "da", "e"],
        ..Names::NONE
    },
    clean: Clean {
        photo_credit: &["foto:", "foto :"],
        related: &["leggi anche"],
        share: &["condividi"],
        call_to_action: &["seguici"],
        ..Clean::NONE
    },
    ..Language::NONE
};
