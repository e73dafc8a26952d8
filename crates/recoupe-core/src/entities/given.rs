//! Given names of people compiled in (data/given_names.txt, built by tools/given_names from
//! faker's person providers): what tells a person's name from the words written before it
//! ("Brexit Дэвид Дэвис", "Partii Pracy Tony Blair") and a town from a person's given name
//! ("Nigel Farage").

use super::*;

const GIVEN_NAMES_TXT: &str = include_str!("../../data/given_names.txt");

/// Given names written by the team: the Cyrillic renderings of foreign public figures' given
/// names by their sound (Дейвид, Дэвид, Девід), which the generated list lacks.
const WRITTEN_GIVEN_NAMES_TXT: &str = include_str!("../../data/given_names.written.txt");

/// The sound keys of the given names (see [`given_keys_now`]), made with the data, one per
/// line: a process reads them instead of making 30,000 keys at its start (about 200 M
/// instructions, a tenth of an ingest of 300 articles). `UPDATE_GIVEN_KEYS=1 cargo test -p
/// recoupe-core given_keys` writes the file again; the same test holds it equal to the code's.
const GIVEN_KEYS: &str = include_str!("../../data/given_names.keys");

/// The given names as the file lists them (the comment lines left out).
fn listed() -> impl Iterator<Item = &'static str> {
    GIVEN_NAMES_TXT
        .lines()
        .chain(WRITTEN_GIVEN_NAMES_TXT.lines())
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

/// The normalised given names.
fn names() -> &'static HashSet<String> {
    static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| listed().map(crate::token::normalize).collect())
}

/// The sound keys of the given names of five sounds or more: a name written in another script
/// (Доналд, Домінік) is found by its sound.
fn sounds() -> &'static HashSet<&'static str> {
    static SOUNDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SOUNDS.get_or_init(|| GIVEN_KEYS.lines().collect())
}

/// Builds the tables of given names now (see `pipeline::prepare_tables`).
pub(super) fn prepare() {
    let _ = (names(), sounds());
}

/// The sound keys of the given names of five sounds or more, as the code makes them now, sorted,
/// one per line (what data/given_names.keys holds).
#[cfg(test)]
fn given_keys_now() -> String {
    let keys: std::collections::BTreeSet<String> = names()
        .iter()
        .map(|n| key_text(&sound_key(n)))
        .filter(|k| k.chars().count() >= 5)
        .collect();
    keys.into_iter().map(|k| k + "\n").collect()
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
        key.chars().count() >= 5 && sounds.contains(key.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys stored with the data are the keys the code makes: a change to the sound keys
    /// must write the file again (`UPDATE_GIVEN_KEYS=1`), or names in other scripts would be
    /// looked up under stale keys.
    #[test]
    fn given_keys_are_the_keys_the_code_makes() {
        let now = given_keys_now();
        if std::env::var_os("UPDATE_GIVEN_KEYS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/given_names.keys");
            std::fs::write(path, &now).expect("data/given_names.keys is writable");
            return;
        }
        assert!(
            now == GIVEN_KEYS,
            "data/given_names.keys is stale: run UPDATE_GIVEN_KEYS=1 cargo test -p recoupe-core given_keys"
        );
    }

    #[test]
    fn a_given_name_is_found_as_written_in_a_case_form_and_by_its_sound() {
        assert!(is_given_name("donald", Lang::parse("en")));
        assert!(is_given_name("доналд", Lang::parse("bg")));
        assert!(!is_given_name("the", Lang::parse("en")));
        // a foreign name rendered by its sound, which its spelling's key does not meet
        assert!(is_given_name("дейвид", Lang::parse("bg")));
        assert!(is_given_name("дэвида", Lang::parse("ru")));
        assert!(is_given_name("мішель", Lang::parse("uk")));
    }
}
