//! Cue words of every language read as one table: reporting verbs (written, or stems with endings), sources, pronouns, the words that may stand between a quote and its verb, and those that end a role.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    /// a reporting verb
    Verb,
    /// "selon", "according", "laut", "по словам", "بحسب": the source follows
    Source,
    /// "zufolge": the source comes before
    SourceBefore,
    Pronoun,
    /// an auxiliary or adverb that may stand between a quote and its verb
    Skip,
    /// a determiner that opens a role ("le porte-parole")
    Determiner,
    /// a word that ends a role phrase ("qui", "dans", "lors")
    RoleEnd,
}

pub(super) fn cues() -> &'static WordMap<Cue> {
    static CUES: OnceLock<WordMap<Cue>> = OnceLock::new();
    static GENERATED: OnceLock<Vec<String>> = OnceLock::new();
    let generated = GENERATED.get_or_init(|| {
        let mut words = Vec::new();
        for language in languages::ALL {
            for stem in language.quotes.verb_stems {
                for ending in language.quotes.verb_endings {
                    words.push(format!("{stem}{ending}"));
                }
            }
        }
        words
    });
    CUES.get_or_init(|| {
        let mut map: WordMap<Cue> = WordMap::default();
        for w in languages::all(|l| l.quotes.role_ends) {
            map.insert(w, Cue::RoleEnd);
        }
        for w in languages::all(|l| l.quotes.determiners) {
            map.insert(w, Cue::Determiner);
        }
        for w in languages::all(|l| l.quotes.skips) {
            map.insert(w, Cue::Skip);
        }
        for w in languages::all(|l| l.quotes.pronouns) {
            map.insert(w, Cue::Pronoun);
        }
        for w in generated {
            map.insert(w.as_str(), Cue::Verb);
        }
        for w in languages::all(|l| l.quotes.verbs) {
            map.insert(w, Cue::Verb);
        }
        for w in languages::all(|l| l.quotes.sources) {
            map.insert(w, Cue::Source);
        }
        map.insert("zufolge", Cue::SourceBefore);
        // "a" is a French auxiliary and an English determiner; "il" a pronoun and an Italian
        // article: the pronoun and the auxiliary readings win next to a verb
        map.insert("a", Cue::Skip);
        map.insert("il", Cue::Pronoun);
        map
    })
}

pub(super) fn cue_of(norm: &str) -> Option<Cue> {
    let map = cues();
    if let Some(c) = map.get(norm) {
        return Some(*c);
    }
    // Arabic proclitics: وقال، فقال، وأضاف
    let mut chars = norm.chars();
    if let Some('و' | 'ف') = chars.next() {
        let rest = chars.as_str();
        if rest.chars().count() >= 3 {
            if let Some(c @ (Cue::Verb | Cue::Source)) = map.get(rest) {
                return Some(*c);
            }
        }
    }
    None
}
