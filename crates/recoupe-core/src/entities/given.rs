//! Given names of people compiled in (data/given_names.txt, built by tools/given_names from
//! faker's person providers): what tells a person's name from the words written before it
//! ("Brexit Дэвид Дэвис", "Partii Pracy Tony Blair") and a town from a person's given name
//! ("Nigel Farage").

use super::*;

#[cfg(test)]
const GIVEN_NAMES_TXT: &str = include_str!("../../data/given_names.txt");

/// Given names written by the team: the Cyrillic renderings of foreign public figures' given
/// names by their sound (Дейвид, Дэвид, Девід), which the generated list lacks.
#[cfg(test)]
const WRITTEN_GIVEN_NAMES_TXT: &str = include_str!("../../data/given_names.written.txt");

// GIVEN_NAMES and GIVEN_SOUNDS, made by build.rs from data/given_names.norm and
// data/given_names.keys
include!(concat!(env!("OUT_DIR"), "/given_tables.rs"));

/// The sound keys of the given names (see [`given_keys_now`]) and their normal forms
/// ([`given_norms_now`]), made with the data, one per line: build.rs makes the lookup tables of
/// them, instead of each process normalising and keying 30,000 names at its start (about 250 M
/// instructions, a tenth of an ingest of 300 articles). `UPDATE_GIVEN_KEYS=1 cargo test -p
/// recoupe-core given_keys` writes both files again; the same test holds them equal to the
/// code's.
#[cfg(test)]
const GIVEN_KEYS: &str = include_str!("../../data/given_names.keys");
#[cfg(test)]
const GIVEN_NORMS: &str = include_str!("../../data/given_names.norm");

/// The given names as the files list them (the comment lines left out).
#[cfg(test)]
fn listed() -> impl Iterator<Item = &'static str> {
    GIVEN_NAMES_TXT
        .lines()
        .chain(WRITTEN_GIVEN_NAMES_TXT.lines())
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

/// The normal forms of the given names as the code makes them now, sorted, one per line (what
/// data/given_names.norm holds).
#[cfg(test)]
fn given_norms_now() -> String {
    let norms: std::collections::BTreeSet<String> = listed().map(crate::token::normalize).collect();
    norms.into_iter().map(|n| n + "\n").collect()
}

/// The sound keys of the given names of five sounds or more, as the code makes them now, sorted,
/// one per line (what data/given_names.keys holds).
#[cfg(test)]
fn given_keys_now() -> String {
    let keys: std::collections::BTreeSet<String> = listed()
        .map(crate::token::normalize)
        .map(|n| key_text(&sound_key(&n)))
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
    if forms.iter().any(|f| GIVEN_NAMES.contains(f.as_str())) {
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
    forms.iter().any(|f| {
        let key = key_text(&sound_key(f));
        key.chars().count() >= 5 && GIVEN_SOUNDS.contains(key.as_str())
    })
}

/// Whether the normalised word is a given name as the lists write it (no case form, no sound).
pub(super) fn is_given_name_as_written(norm: &str) -> bool {
    GIVEN_NAMES.contains(norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys stored with the data are the keys the code makes: a change to the sound keys
    /// must write the file again (`UPDATE_GIVEN_KEYS=1`), or names in other scripts would be
    /// looked up under stale keys.
    #[test]
    fn given_keys_are_the_keys_the_code_makes() {
        let keys = given_keys_now();
        let norms = given_norms_now();
        if std::env::var_os("UPDATE_GIVEN_KEYS").is_some() {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
            std::fs::write(format!("{dir}/given_names.keys"), &keys)
                .expect("data/given_names.keys is writable");
            std::fs::write(format!("{dir}/given_names.norm"), &norms)
                .expect("data/given_names.norm is writable");
            return;
        }
        assert!(
            keys == GIVEN_KEYS && norms == GIVEN_NORMS,
            "data/given_names.keys or .norm is stale: run UPDATE_GIVEN_KEYS=1 cargo test -p recoupe-core given_keys"
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
