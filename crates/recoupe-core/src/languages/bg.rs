//! Bulgarian: what recoupe knows of the language, for every stage (see `languages`).

use super::*;

pub const BG: Language = Language {
    lang: Lang::from_code(*b"bg"),
    name: "Bulgarian",
    script: Script::Cyrillic,
    // Russian's most frequent words (и, в, на, не, с, от, за) are Bulgarian's too: without the
    // words only Bulgarian has (е, са, ще, че, това, който…) a Bulgarian text read as Russian.
    // "по" is left to Russian: two of it tell a Russian title that has no other function word
    // Russian, Ukrainian, Belarusian, Macedonian and Serbian letters
    neighbour_letters: &[
        'ы', 'э', 'ё', 'і', 'ї', 'є', 'ґ', 'ў', 'ќ', 'ѓ', 'ѕ', 'љ', 'њ', 'џ', 'ј', 'ђ', 'ћ', 'Ы',
        'Э', 'Ё', 'І', 'Ї', 'Є', 'Ґ', 'Ў', 'Ќ', 'Ѓ', 'Ѕ', 'Љ', 'Њ', 'Џ', 'Ј', 'Ђ', 'Ћ',
    ],
    // Russian's most frequent words (и, в, на, не, с, от, за) are Bulgarian's too: without the
    // words only Bulgarian has (е, са, ще, че, това, който…) a Bulgarian text read as Russian.
    // "по" is left to Russian: two of it tell a Russian title that has no other function word
    function_words: &[
        "и",
        "в",
        "на",
        "не",
        "да",
        "се",
        "е",
        "са",
        "за",
        "от",
        "с",
        "че",
        "ще",
        "това",
        "като",
        "който",
        "която",
        "които",
        "което",
        "към",
        "при",
        "през",
        "след",
        "или",
        "но",
        "а",
        "тази",
        "този",
        "тези",
        "му",
        "го",
        "си",
        "той",
        "тя",
        "те",
        "още",
        "вече",
        "беше",
    ],
    quotes: Quotes {
        low_opening_quotes: true,
        ..Quotes::NONE
    },
    ..Language::NONE
};
