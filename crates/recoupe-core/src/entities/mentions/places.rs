//! Places of the gazetteer in a text, longest first, under their inflected forms too; given
//! names that open a place's name.

use super::*;

/// Places of the gazetteer in the text, the longest name first; their tokens are marked taken.
pub(super) fn find_places(
    text: &str,
    tokens: &[Token],
    g: &Gazetteer,
    lang: Option<Lang>,
    unconfirmed_opening: &dyn Fn(usize) -> bool,
    taken: &mut [bool],
    mentions: &mut Vec<Mention>,
) {
    // whether the text writes a word in lowercase somewhere: asked of minor towns only
    let lowercase = |norm: &str| {
        tokens.iter().any(|t| {
            t.norm == norm
                && text[t.span.start..t.span.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        })
    };
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let found = longest_place_at(text, tokens, i, g, lang, &lowercase);
        match found {
            // one word opening a sentence, never capitalised inside one, that names a minor
            // town as written ("Mogą": Moga, "Tuż": Tuz): a common word. (Also a case form of a
            // major place — "Ludzie": Łódź — would have lost more real places in BSNLP's
            // `ec` than it spared.)
            Some((1, place, inflected))
                if !inflected && !g.places[place as usize].is_major() && unconfirmed_opening(i) =>
            {
                i += 1
            }
            Some((len, place, _)) => {
                let last = last_word_index(tokens, i, len);
                let (start, end) = (tokens[i].span.start, tokens[last].span.end);
                let p = &g.places[place as usize];
                // "Alep-Est": a part of the place, a place of its own
                let (mut end, mut id, mut last) = (end, p.id.to_string(), last);
                if tokens
                    .get(last + 1)
                    .is_some_and(|t| t.norm == "-" && t.span.start == end)
                {
                    if let Some(part) = tokens.get(last + 2).and_then(|t| compass(&t.norm)) {
                        last += 2;
                        end = tokens[last].span.end;
                        id = format!("{}/{part}", p.id);
                    }
                }
                for t in taken.iter_mut().take(last + 1).skip(i) {
                    *t = true;
                }
                mentions.push(Mention {
                    entity: None,
                    text: text[start..end].to_string(),
                    start,
                    end,
                    kind: p.entity_kind(),
                    group: 0,
                    place: Some(id),
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
}

/// The gazetteer's longest place name starting at word `i`: its length in tokens, the place, and
/// whether the words name it only as a case form.
/// `lowercase` tells the words the text writes in lowercase somewhere.
/// A name in a case other than the nominative is looked up under the nominatives its words may
/// have in the article's language (`names::nominatives`: Wielkiej Brytanii → Wielka Brytania).
pub(super) fn longest_place_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    g: &Gazetteer,
    lang: Option<Lang>,
    lowercase: &dyn Fn(&str) -> bool,
) -> Option<(usize, u32, bool)> {
    let first = &text[tokens[i].span.start..tokens[i].span.end];
    let cased = script_of_token(first)
        .is_some_and(|s| matches!(s, Script::Latin | Script::Cyrillic | Script::Greek));
    if cased && !is_capitalised(first) {
        return None;
    }
    // the longest run of words from here (hyphens inside): every shorter run is a prefix
    let run = word_run(tokens, i, g.longest);
    let mut key = String::new();
    for len in (1..=run.len()).rev() {
        let span_tokens = &run[..len];
        key.clear();
        for (k, t) in span_tokens.iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(&t.norm);
        }
        let key = key.as_str();
        let as_written = if len == 1 && !cased {
            arabic_stems(key).find_map(|stem| g.names.get(stem.as_str()))
        } else {
            g.names.get(key)
        };
        let inflected = as_written.is_none() && cased;
        let hit = if inflected {
            inflected_place(span_tokens, g, lang)
        } else {
            as_written
        };
        if let Some(places) = hit.filter(|_| g.acronyms.contains(key)) {
            // an acronym (EU, UE, ООН) names its entry only in capitals ("Un", "Eu" open
            // French and Portuguese sentences)
            if len == 1
                && first
                    .chars()
                    .all(|c| !c.is_alphabetic() || c.is_uppercase())
            {
                return Some((1, *places, false));
            }
            continue;
        }
        if let Some(places) = hit {
            // too short, a function word ("Sur"), a common Arabic noun (المدينة, "the city"),
            // or an organisation's head word ("Observatoire"): not a place here
            let common = len == 1
                && (inside_a_name(text, tokens, i)
                    || given_name_of(text, tokens, i, g, &g.places[*places as usize], lang)
                    || crate::lang::is_function_word(key)
                    || is_org_word(key)
                    // a town named as a common word the text writes in lowercase
                    // ("Дали" opening a Bulgarian question: whether)
                    || (!g.places[*places as usize].is_major() && lowercase(key))
                    || arabic_stems(key).any(|stem| {
                        word_set!(names.common_nouns).contains_key(stem.trim_start_matches("ال"))
                    }));
            if key.chars().count() >= 3 && !common {
                return Some((span_tokens.len(), *places, inflected));
            }
        }
    }
    None
}

/// The place a run of words names in another case than the nominative: each word replaced by the
/// nominatives it may be a form of (at most 64 combinations are looked up).
pub(super) fn inflected_place<'g>(
    words: &[&Token],
    g: &'g Gazetteer,
    lang: Option<Lang>,
) -> Option<&'g u32> {
    if words.len() > 3
        || crate::languages::of_or_none(lang)
            .names
            .nominatives
            .is_empty()
    {
        return None;
    }
    let mut forms: Vec<Vec<String>> = Vec::with_capacity(words.len());
    for (k, t) in words.iter().enumerate() {
        let mut word_forms = crate::names::nominatives(&t.norm, lang);
        // a name of several words starts with a word some name of the gazetteer starts with
        if k == 0 && words.len() > 1 {
            word_forms.retain(|f| g.first_words.contains(f.as_str()));
            if word_forms.is_empty() {
                return None;
            }
        }
        forms.push(word_forms);
    }
    let mut keys: Vec<String> = vec![String::new()];
    for (k, word_forms) in forms.iter().enumerate() {
        let mut next = Vec::with_capacity(keys.len() * word_forms.len());
        for key in &keys {
            for form in word_forms {
                let mut longer = key.clone();
                if k > 0 {
                    longer.push(' ');
                }
                longer.push_str(form);
                next.push(longer);
            }
        }
        next.truncate(64);
        keys = next;
    }
    // the run as written was looked up already; a form that a smaller place
    // happens to be named is more often another word (Anna is no case of Ann, Myanmar): a
    // country, a region, an organisation or a city of 300,000 people at least
    keys.iter().find_map(|key| {
        g.names.get(key.as_str()).filter(|&&p| {
            let place = &g.places[p as usize];
            place.is_major()
        })
    })
}

/// A world region or a town named as a person's given name (Asia Bibi, Africa Zanella, Nigel
/// Farage): a capitalised word that names no place follows it in the same run. A town is read
/// so only when it is a given name and no major place.
pub(super) fn given_name_of(
    text: &str,
    tokens: &[Token],
    i: usize,
    g: &Gazetteer,
    place: &Place,
    lang: Option<Lang>,
) -> bool {
    let named = match place.kind {
        PlaceKind::Region => true,
        PlaceKind::City => !place.is_major() && is_given_name(&tokens[i].norm, lang),
        // a country is a given name in a language whose names take case endings, where its
        // name before a surname is no phrase ("Доминика Рааба")
        PlaceKind::Country => {
            !languages::of_or_none(lang).names.case_endings.is_empty()
                && is_given_name(&tokens[i].norm, lang)
        }
        PlaceKind::Organization => false,
    };
    if !named {
        return false;
    }
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    let surface = &text[next.span.start..next.span.end];
    next.kind == TokenKind::Word
        && text[tokens[i].span.end..next.span.start] == *" "
        && is_capitalised(surface)
        && !is_acronym(surface)
        && !g.names.contains_key(next.norm.as_str())
        && !crate::lang::is_function_word(&next.norm)
        && !crate::dates::is_date_word(&next.norm)
}
