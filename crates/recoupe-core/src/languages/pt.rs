//! Portuguese: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const PT: Language = Language {
    lang: Lang::from_code(*b"pt"),
    name: "Portuguese",
    script: Script::Latin,
    function_words: &[
        "o", "a", "os", "as", "de", "do", "da", "dos", "das", "que", "em", "um", "uma", "para",
        "com", "não", "no", "na", "se", "por", "foi", "é", "ao",
    ],
    dates: Dates {
        months: &[
            ("janeiro", 1),
            ("fevereiro", 2),
            ("marco", 3),
            ("maio", 5),
            ("junho", 6),
            ("julho", 7),
            ("setembro", 9),
            ("outubro", 10),
            ("dezembro", 12),
        ],
        relative_days: &[("ontem", -1), ("hoje", 0), ("amanha", 1)],
        periods: &[
            ("dia", Period::Day),
            ("dias", Period::Day),
            ("semana", Period::Week),
            ("semanas", Period::Week),
            ("ano", Period::Year),
            ("anos", Period::Year),
        ],
        clause_openers: &["que", "quando", "enquanto"],
        future_cues: &["sera"],
        ..Dates::NONE
    },
    figures: Figures {
        numbers: &[
            ("duas", u(2.0)),
            ("milhoes", Scale(1e6)),
            ("dezenas", Vague(10.0)),
            ("centenas", Vague(100.0)),
            ("milhares", Vague(1e3)),
        ],
        people: &[
            "pessoas",
            "civis",
            "mortos",
            "feridos",
            "combatentes",
            "criancas",
            "mulheres",
            "homens",
            "vitimas",
            "membros",
        ],
        duration: &[
            "dia", "dias", "hora", "horas", "ano", "anos", "semana", "semanas",
        ],
        qualifiers_before: &[
            ("pelo menos", Bound::Min),
            ("mais de", Bound::Min),
            ("quase", Bound::About),
        ],
        of_words: &["do", "da", "dos", "das"],
        ordinal_suffixes: &["o", "a"],
        percent_phrases: &["por cento"],
        hours: &["hora", "horas"],
        and_words: &["e"],
        ..Figures::NONE
    },
    quotes: Quotes {
        verbs: &[
            "disse",
            "diz",
            "afirmou",
            "declarou",
            "acrescentou",
            "explicou",
            "ressaltou",
            "destacou",
        ],
        sources: &["segundo"],
        pronouns: &["ele", "ela"],
        definite: &["o", "os"],
        determiners: &["o", "os", "as", "um", "uma"],
        ..Quotes::NONE
    },
    names: Names {
        common_acronyms: &["pib", "iva"],
        particles: &["dos", "das"],
        ..Names::NONE
    },
    ..Language::NONE
};
