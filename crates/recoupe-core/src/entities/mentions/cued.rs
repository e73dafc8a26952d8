//! Names found by a cue rather than by their capitals: Arabic names after a title or a verb of
//! saying, and acronyms' expansions written before them.

use super::*;

/// Words that end a name in Arabic text (prepositions, conjunctions, pronouns, verbs of saying).
pub(in crate::entities) fn arabic_stop(norm: &str) -> bool {
    crate::lang::is_function_word(norm)
        || word_set!(names.name_cues).contains_key(norm)
        || matches!(
            norm,
            "ان" | "انه"
                | "انها"
                | "الى"
                | "على"
                | "عن"
                | "مع"
                | "في"
                | "من"
                | "بعد"
                | "قبل"
                | "امس"
                | "اليوم"
                | "بان"
                | "باسم"
        )
}

/// An Arabic word with tanwin (the indefinite endings of عنصراً) is a common noun, never a name.
pub(in crate::entities) fn has_tanwin(surface: &str) -> bool {
    surface.contains(['\u{064B}', '\u{064C}', '\u{064D}'])
}

/// Arabic has no capitals: after a reporting verb or a title (قال، وزير الخارجية الروسي…), the
/// adjectives with the article are skipped and the next one to three words are a person's name,
/// with one trailing al-word kept when the sentence ends there (بشار الأسد).
pub(in crate::entities) fn add_arabic_cued_names(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
) {
    let covered =
        |start: usize, list: &[Mention]| list.iter().any(|m| m.start <= start && start < m.end);
    let mut added: Vec<Mention> = Vec::new();
    for (k, cue) in tokens.iter().enumerate() {
        if cue.kind != TokenKind::Word
            || !word_set!(names.name_cues).contains_key(cue.norm.as_str())
        {
            continue;
        }
        let mut j = k + 1;
        // titles' complements and adjectives: الخارجية، الروسي، السوري (at most three)
        let mut skipped = 0;
        while skipped < 3
            && tokens.get(j).is_some_and(|t| {
                t.kind == TokenKind::Word && (t.norm.starts_with("ال") || t.norm == "باسم")
            })
        {
            j += 1;
            skipped += 1;
        }
        let first = j;
        while j < tokens.len() && j - first < 3 {
            let t = &tokens[j];
            let surface = &text[t.span.start..t.span.end];
            // "للصحافيين" (to the journalists) after a name: a preposition with the article
            if t.kind != TokenKind::Word
                || t.norm.starts_with("ال")
                || t.norm.starts_with("لل") && t.norm.chars().count() >= 5
                || arabic_stop(&t.norm)
                || has_tanwin(surface)
                || script_of_token(&t.norm) != Some(Script::Arabic)
            {
                break;
            }
            j += 1;
        }
        // a family name with the article right after the name, then the end of the clause
        // (بشار الأسد. / سامي الحداد "…" / سامي الحداد إن…)
        let family_name = tokens.get(j).is_some_and(|t| {
            let clause_ends = tokens
                .get(j + 1)
                .is_none_or(|n| n.kind == TokenKind::Punct || arabic_stop(&n.norm));
            t.kind == TokenKind::Word
                && t.norm.starts_with("ال")
                && t.norm.chars().count() >= 4
                && clause_ends
        });
        // one word after a verb is rarely a name (وأضاف متحدثا): a person is named in full
        if j - first < 2 && !(j - first == 1 && family_name) {
            continue;
        }
        if family_name {
            j += 1;
        }
        let (start, end) = (tokens[first].span.start, tokens[j - 1].span.end);
        if covered(start, mentions) || covered(start, &added) {
            continue;
        }
        added.push(Mention {
            entity: None,
            text: text[start..end].to_string(),
            start,
            end,
            kind: EntityKind::Person,
            group: 0,
            place: None,
        });
    }
    mentions.extend(added);
}

/// "l'Observatoire syrien des droits de l'homme (OSDH)": an acronym in brackets names the words
/// before it, from the last capitalised word on; they become an organisation if not already a name.
/// Where the words an acronym in brackets stands for start, the bracket being token `before`:
/// the words whose initials spell it (function words between them left aside: "Forces de
/// soutien rapide (FSR)"), or else the capitalised words right before the bracket ("Partii
/// Niepodległości Zjednoczonego Królestwa (UKIP)"). Never across punctuation other than a hyphen
/// or an apostrophe inside a name, nor past a lowercase word that is no function word.
pub(super) fn expansion_start(
    text: &str,
    tokens: &[Token],
    before: usize,
    acronym: &str,
) -> Option<usize> {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    // the words before the bracket, nearest first
    let mut words = Vec::new();
    let mut j = before;
    while j > before.saturating_sub(16) && words.len() < letters.len() + 4 {
        j -= 1;
        let t = &tokens[j];
        if t.kind == TokenKind::Word {
            words.push(j);
        } else if !matches!(t.norm.as_str(), "-" | "'" | "’") {
            break;
        }
    }
    let surface = |j: usize| &text[tokens[j].span.start..tokens[j].span.end];
    // (after an elided article: l’homme)
    let initial = |j: usize| {
        let word = surface(j);
        let word = word.rsplit(['\'', '’']).next().unwrap_or(word);
        word.chars().next().and_then(|c| c.to_lowercase().next())
    };
    // the initials, from the last letter back; a function word may spell a letter or be passed
    // over (Bank of America: BOA; droits de l’homme: DH)
    let skippable = |w: usize| {
        crate::lang::is_function_word(&tokens[w].norm) || tokens[w].norm.chars().count() == 1
    };
    fn spell(
        words: &[usize],
        left: usize,
        letters: &[char],
        initial: &dyn Fn(usize) -> Option<char>,
        skippable: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let (&w, rest) = words.split_first()?;
        if initial(w) == Some(letters[left - 1]) {
            if left == 1 {
                return Some(w);
            }
            if let Some(found) = spell(rest, left - 1, letters, initial, skippable) {
                return Some(found);
            }
        }
        if skippable(w) {
            return spell(rest, left, letters, initial, skippable);
        }
        None
    }
    if !letters.is_empty() {
        if let Some(w) = spell(&words, letters.len(), &letters, &initial, &skippable) {
            if w != words[0] {
                return Some(w);
            }
        }
    }
    // the capitalised words before the bracket
    let mut first = None;
    let mut count = 0;
    for &w in &words {
        if is_capitalised(surface(w)) {
            first = Some(w);
            count += 1;
        } else if !crate::lang::is_function_word(&tokens[w].norm) {
            break;
        }
    }
    first.filter(|_| count >= 2 && count <= letters.len() + 3)
}

pub(in crate::entities) fn add_acronym_expansions(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
) {
    let mut added = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let surface = &text[t.span.start..t.span.end];
        let bracketed =
            k >= 1 && tokens[k - 1].norm == "(" && tokens.get(k + 1).is_some_and(|n| n.norm == ")");
        if !bracketed || !is_acronym(surface) {
            continue;
        }
        let before = k - 1; // the "("
        let Some(first) = expansion_start(text, tokens, before, surface) else {
            continue;
        };
        let (start, end) = (tokens[first].span.start, tokens[before - 1].span.end);
        if end <= start
            || mentions
                .iter()
                .any(|m| m.start <= start && end <= m.end && m.text.split(' ').count() >= 2)
        {
            continue;
        }
        let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
        let words = tokens[first..before]
            .iter()
            .filter(|w| w.kind == TokenKind::Word)
            .count();
        if words < 2 || words > letters + 3 {
            continue;
        }
        // the expansion replaces the pieces of it found as names
        mentions.retain(|m| !(start <= m.start && m.end <= end));
        added.push(Mention::spanning(
            text,
            start,
            end,
            EntityKind::Organization,
        ));
    }
    mentions.extend(added);
}
