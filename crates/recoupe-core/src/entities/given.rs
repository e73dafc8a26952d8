//! Given names of people compiled in (data/given_names.txt, built by tools/given_names from
//! faker's person providers): what tells a person's name from the words written before it
//! ("Brexit Дэвид Дэвис", "Partii Pracy Tony Blair") and a town from a person's given name
//! ("Nigel Farage").

use super::*;

const GIVEN_NAMES_TXT: &str = include_str!("../../data/given_names.txt");

/// The normalised given names.
fn names() -> &'static HashSet<String> {
    static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        GIVEN_NAMES_TXT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(crate::token::normalize)
            .collect()
    })
}

/// The sound keys of the given names of five sounds or more: a name written in another script
/// (Доналд, Домінік) is found by its sound. Made on first use (30,000 keys).
fn sounds() -> &'static HashSet<String> {
    static SOUNDS: OnceLock<HashSet<String>> = OnceLock::new();
    SOUNDS.get_or_init(|| {
        names()
            .iter()
            .map(|n| key_text(&sound_key(n)))
            .filter(|k| k.chars().count() >= 5)
            .collect()
    })
}

/// Whether the normalised word `norm` is a person's given name in language `lang`: as written,
/// in one of the cases of the language (Donalda, Тони), or by its sound in another script. A
/// function word (von, el) or an organisation word is not.
pub(super) fn is_given_name(norm: &str, lang: Option<Lang>) -> bool {
    if norm.chars().count() < 2 || crate::lang::is_function_word(norm) || is_org_word(norm) {
        return false;
    }
    let mut forms = crate::names::nominatives(norm, lang);
    let stem = crate::names::name_stem(norm, lang);
    if !forms.contains(&stem) {
        forms.push(stem);
    }
    let names = names();
    if forms.iter().any(|f| names.contains(f.as_str())) {
        return true;
    }
    // by sound only across scripts: a Latin word is found as written
    if norm.is_ascii()
        || norm
            .chars()
            .all(|c| c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c))
    {
        return false;
    }
    let sounds = sounds();
    forms.iter().any(|f| {
        let key = key_text(&sound_key(f));
        key.chars().count() >= 5 && sounds.contains(&key)
    })
}
