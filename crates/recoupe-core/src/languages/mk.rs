//! Macedonian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const MK: Language = Language {
    lang: Lang::from_code(*b"mk"),
    name: "Macedonian",
    script: Script::Cyrillic,
    // letters of Russian, Bulgarian, Ukrainian and Serbian that Macedonian does not write
    neighbour_letters: &[
        'й', 'щ', 'ъ', 'ь', 'ю', 'я', 'ы', 'э', 'ё', 'і', 'ї', 'є', 'ґ', 'ђ', 'ћ', 'Й', 'Щ', 'Ъ',
        'Ь', 'Ю', 'Я', 'Ы', 'Э', 'Ё', 'І', 'Ї', 'Є', 'Ґ', 'Ђ', 'Ћ',
    ],
    // beside Bulgarian's list, so that a Macedonian text (е, се, да, на…) is not read as
    // Bulgarian
    function_words: &[
        "и",
        "на",
        "да",
        "се",
        "е",
        "во",
        "за",
        "со",
        "од",
        "не",
        "што",
        "ќе",
        "кој",
        "која",
        "кое",
        "кои",
        "тоа",
        "ова",
        "овој",
        "оваа",
        "тој",
        "таа",
        "тие",
        "беше",
        "но",
        "а",
        "или",
        "до",
        "при",
        "меѓу",
        "според",
        "како",
        "само",
        "уште",
    ],
    ..Language::NONE
};
