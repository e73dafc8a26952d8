//! Makes lookup tables at build time, as perfect hash maps, so that no process spends ~130 M
//! instructions building them at its start:
//! - the gazetteer's (`src/entities/gazetteer.rs`): the keys of its 85,000 names
//!   (data/gazetteer.keys, one line per place of data/gazetteer.tsv);
//! - the given names' (`src/entities/given.rs`): their normal forms (data/given_names.norm) and
//!   sound keys (data/given_names.keys).
//!
//! The files of keys and normal forms are made by the code (`token::normalize`, the sound keys)
//! and written with the data; a stale one (not what the code makes now) is what the tests
//! `gazetteer_keys` and `given_keys` report, with the command that writes it again.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    gazetteer();
    given_names();
}

/// `$OUT_DIR/given_tables.rs`: GIVEN_NAMES and GIVEN_SOUNDS, one line of each file a member.
fn given_names() {
    println!("cargo::rerun-if-changed=data/given_names.norm");
    println!("cargo::rerun-if-changed=data/given_names.keys");
    let mut out = String::new();
    for (name, path, doc) in [
        (
            "GIVEN_NAMES",
            "data/given_names.norm",
            "The given names, normalised.",
        ),
        (
            "GIVEN_SOUNDS",
            "data/given_names.keys",
            "The sound keys of the given names of five sounds or more.",
        ),
    ] {
        let text = read(path);
        let members: HashSet<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let mut set = phf_codegen::Set::new();
        for member in sorted(&members) {
            set.entry(member);
        }
        let _ = writeln!(
            out,
            "/// {doc}\npub(super) static {name}: phf::Set<&'static str> = {};",
            set.build()
        );
    }
    write_out("given_tables.rs", &out);
}

/// `$OUT_DIR/gazetteer_tables.rs`: NAMES, ACRONYMS, FIRST_WORDS and LONGEST.
fn gazetteer() {
    println!("cargo::rerun-if-changed=data/gazetteer.tsv");
    println!("cargo::rerun-if-changed=data/gazetteer.keys");
    let tsv = read("data/gazetteer.tsv");
    let keys = read("data/gazetteer.keys");
    let mut key_lines = keys.lines();
    // key → the first place (in the file's order) that has it
    let mut names: Vec<(&str, u32)> = Vec::new();
    let mut seen: HashMap<&str, u32> = HashMap::new();
    let mut acronyms: HashSet<&str> = HashSet::new();
    let mut longest = 1;
    let mut places = 0u32;
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        // one line of keys per place line, as the runtime read them
        let line_keys = key_lines.next().unwrap_or("");
        let fields: Vec<&str> = line.split('\t').collect();
        let Some(all) = fields.get(5) else {
            continue;
        };
        let index = places;
        places += 1;
        for (key, variant) in line_keys.split('|').zip(all.split('|')) {
            if key.is_empty() {
                continue;
            }
            if !seen.contains_key(key) {
                seen.insert(key, index);
                names.push((key, index));
                longest = longest.max(key.split(' ').count());
            }
            if is_acronym_name(variant) {
                acronyms.insert(key);
            }
        }
    }
    let first_words: HashSet<&str> = names
        .iter()
        .filter_map(|(k, _)| k.split_once(' ').map(|(first, _)| first))
        .collect();

    let mut map = phf_codegen::Map::new();
    for (key, index) in &names {
        map.entry(*key, index.to_string());
    }
    let mut acronym_set = phf_codegen::Set::new();
    for key in sorted(&acronyms) {
        acronym_set.entry(key);
    }
    let mut first_set = phf_codegen::Set::new();
    for word in sorted(&first_words) {
        first_set.entry(word);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/// Normalised name → the first place of gazetteer.tsv with that name.\n\
         pub(super) static NAMES: phf::Map<&'static str, u32> = {};",
        map.build()
    );
    let _ = writeln!(
        out,
        "/// The keys of names written as acronyms (EU, ООН).\n\
         pub(super) static ACRONYMS: phf::Set<&'static str> = {};",
        acronym_set.build()
    );
    let _ = writeln!(
        out,
        "/// The first words of the names of several words.\n\
         pub(super) static FIRST_WORDS: phf::Set<&'static str> = {};",
        first_set.build()
    );
    let _ = writeln!(
        out,
        "/// The most words of a name, six at most.\npub(super) const LONGEST: usize = {};",
        longest.min(6)
    );
    write_out("gazetteer_tables.rs", &out);
}

fn write_out(file: &str, text: &str) {
    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = Path::new(&dir).join(file);
    if let Err(e) = std::fs::write(&path, text) {
        panic!("writing {}: {e}", path.display());
    }
}

fn read(path: &str) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => panic!("reading {path}: {e}"),
    }
}

/// A name of the gazetteer written as an acronym: capitals only, five letters at most (the
/// same rule as `gazetteer::is_acronym_name`).
fn is_acronym_name(name: &str) -> bool {
    name.chars().count() <= 5 && name.chars().all(char::is_uppercase)
}

/// A set's members in order, so that the generated file is the same at every build.
fn sorted<'a>(set: &HashSet<&'a str>) -> Vec<&'a str> {
    let mut all: Vec<&str> = set.iter().copied().collect();
    all.sort_unstable();
    all
}
