//! What one word or token is to a name: an organisation or title word, a compass point, a
//! word that opens sentences, a capitalised word, an acronym.

use super::*;

/// A one-word place name inside a run of capitalised words or next to a name particle is part of
/// a person's or a group's name ("Abou Hassan al-Khatib": Hassan is also a city).
pub(in crate::entities) fn inside_a_name(text: &str, tokens: &[Token], i: usize) -> bool {
    let joined = |a: &Token, b: &Token| {
        text[a.span.end..b.span.start]
            .chars()
            .all(|c| c == ' ' || c == '-')
    };
    // particles that only names have (not "de", "la", "van", which are prepositions as often)
    const NAME_ONLY: &[&str] = &[
        "al", "el", "abu", "abou", "bin", "ben", "ibn", "bint", "ould", "bou", "аль", "ибн", "абу",
    ];
    let particle = |t: &Token| t.kind == TokenKind::Word && NAME_ONLY.contains(&t.norm.as_str());
    let before = i
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .filter(|p| joined(p, &tokens[i]));
    let after = tokens.get(i + 1).filter(|n| joined(&tokens[i], n));
    if before.is_some_and(particle) || after.is_some_and(particle) {
        return true;
    }
    // a given name before it (Zaynab Hassan); not an acronym, a compass word, a title or a place
    before.is_some_and(|p| {
        let surface = &text[p.span.start..p.span.end];
        p.kind == TokenKind::Word
            && is_capitalised(surface)
            && !is_acronym(surface)
            && !is_title_word(&p.norm)
            && !is_sentence_word(&p.norm)
            && !crate::lang::is_function_word(&p.norm)
            && !crate::dates::is_date_word(&p.norm)
            && compass(&p.norm).is_none()
            && !gazetteer().names.contains_key(p.norm.as_str())
    })
}

/// Names of armed groups and movements that make a capitalised run an organisation in any
/// language (transliterated from Arabic or used as is).
pub(in crate::entities) const GROUP_NAMES: &[&str] = &[
    "hayat",
    "tahrir",
    "jaish",
    "jabhat",
    "djabhat",
    "djabha",
    "daech",
    "daesh",
    "isis",
    "hezbollah",
    "hamas",
    "taliban",
];

/// A head word that makes a capitalised run an organisation ("Observatoire", "Ministry", "партия").
pub(in crate::entities) fn is_org_word(norm: &str) -> bool {
    word_set!(names.org_words).contains_key(norm) || GROUP_NAMES.contains(&norm)
}

/// The English compass word a word of any language means ("ouest" → "west"): a part of a place.
pub(in crate::entities) fn compass(norm: &str) -> Option<&'static str> {
    languages::all(|l| l.names.compass)
        .find(|(w, _)| *w == norm)
        .map(|(_, en)| *en)
}

/// A title or role word, alone or inside a compound (Außenminister, вице-президент).
pub(in crate::entities) fn is_title_word(norm: &str) -> bool {
    word_set!(names.person_cues).contains_key(norm)
        || [
            "minister",
            "ministre",
            "министр",
            "president",
            "президент",
            "sprecher",
            "secretary",
            "kanzler",
        ]
        .iter()
        .any(|t| norm.len() > t.len() && norm.ends_with(t))
}

/// An ISO 4217 code of a currency the news quotes (USD, GBP, EUR): a unit, not a name,
/// in every language. Written in capitals.
pub(in crate::entities) fn is_currency_code(surface: &str) -> bool {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CHF", "CNY", "RUB", "UAH", "PLN", "CZK", "BGN", "HUF", "RON",
        "SEK", "NOK", "DKK", "INR", "BRL", "CAD", "AUD", "HRK", "RSD", "TRY", "KRW", "MXN", "ZAR",
        "PKR", "ILS", "SAR", "AED", "EGP", "NZD", "HKD", "SGD", "KZT", "BYN", "MDL", "GEL",
    ];
    CODES.contains(&surface)
}

/// Capitalised words that are not names when they stand alone at the start of a sentence.
pub(in crate::entities) fn is_sentence_word(norm: &str) -> bool {
    const WORDS: &[&str] = &[
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "ce",
        "cette",
        "ces",
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "nous",
        "vous",
        "dans",
        "selon",
        "apres",
        "avant",
        "pour",
        "mais",
        "et",
        "ou",
        "en",
        "au",
        "aux",
        "du",
        "de",
        "d",
        "l",
        "si",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "after",
        "before",
        "but",
        "and",
        "or",
        "he",
        "she",
        "they",
        "we",
        "it",
        "this",
        "that",
        "these",
        "those",
        "according",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "im",
        "am",
        "nach",
        "el",
        "los",
        "las",
        "una",
        "segun",
        "tras",
        "en",
        "он",
        "она",
        "они",
        "в",
        "на",
        "по",
        "после",
        "это",
        "как",
    ];
    WORDS.contains(&norm)
}

pub(in crate::entities) fn script_of_token(text: &str) -> Option<Script> {
    text.chars().find_map(Script::of)
}

pub(in crate::entities) fn is_capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// A Roman numeral of two letters or more from I, V and X (1–39: a ruler's or a pope's number,
/// a century): "II", "XVI", "XX"; not "MI", "DC" or "XL", which name things.
pub(in crate::entities) fn is_roman_numeral(text: &str) -> bool {
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let tens = text.bytes().take(3).take_while(|b| *b == b'X').count();
    text.len() >= 2 && UNITS.contains(&&text[tens..])
}

pub(in crate::entities) fn is_acronym(text: &str) -> bool {
    // two to eight capital letters, dots between them or not (asked of every name: no
    // allocation)
    let mut letters = 0;
    for c in text.chars() {
        if crate::lexicon::is_letter(c) {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
            if letters > 8 {
                return false;
            }
        } else if c != '.' {
            return false;
        }
    }
    letters >= 2
}
