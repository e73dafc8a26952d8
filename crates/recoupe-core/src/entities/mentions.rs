//! Names in one article (find_mentions): places, runs of capitalised words, acronyms, organisations by their head words, people by their titles; names after their cues in Arabic.

use super::*;

/// A one-word place name inside a run of capitalised words or next to a name particle is part of
/// a person's or a group's name ("Abou Hassan al-Khatib": Hassan is also a city).
pub(super) fn inside_a_name(text: &str, tokens: &[Token], i: usize) -> bool {
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
pub(super) const GROUP_NAMES: &[&str] = &[
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
pub(super) fn is_org_word(norm: &str) -> bool {
    word_set!(names.org_words).contains_key(norm) || GROUP_NAMES.contains(&norm)
}

/// The English compass word a word of any language means ("ouest" → "west"): a part of a place.
pub(super) fn compass(norm: &str) -> Option<&'static str> {
    languages::all(|l| l.names.compass)
        .find(|(w, _)| *w == norm)
        .map(|(_, en)| *en)
}

/// A title or role word, alone or inside a compound (Außenminister, вице-президент).
pub(super) fn is_title_word(norm: &str) -> bool {
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

/// Capitalised words that are not names when they stand alone at the start of a sentence.
pub(super) fn is_sentence_word(norm: &str) -> bool {
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

pub(super) fn script_of_token(text: &str) -> Option<Script> {
    text.chars().find_map(Script::of)
}

pub(super) fn is_capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_acronym(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.len() <= 8
        && letters.iter().all(|c| c.is_uppercase())
        && text.chars().all(|c| c.is_alphabetic() || c == '.')
}

/// Finds the names in an article's cleaned text. `lang` is the article's language.
pub fn find_mentions(text: &str, lang: Option<Lang>) -> Vec<Mention> {
    find_mentions_in(text, &tokenize(text), lang)
}

/// The names of an article's title, `body` being those of its text: a title capitalises words
/// a sentence does not (Title Case), so only a run whose every word the text names too (by its
/// stem: Theresa May in the title, Theresy May in the text) or a place of the gazetteer is
/// taken, and the title's first word alone when the text names it.
pub fn find_title_mentions(title: &str, lang: Option<Lang>, body: &[Mention]) -> Vec<Mention> {
    if title.trim().is_empty() {
        return Vec::new();
    }
    let stem = |w: &str| crate::names::name_stem(w, lang);
    let named: HashSet<String> = body
        .iter()
        .flat_map(|m| m.text.split([' ', '-']).map(stem))
        .collect();
    let in_text = |name: &str| name.split([' ', '-']).all(|w| named.contains(&stem(w)));
    let mut tokens = tokenize(title);
    // Title Case ("Floods Hit Genoa As Mayor Warns"): read as a sentence would be written, the
    // words the text names and the places of the gazetteer keeping their capital (a lowercase
    // letter of the same length: the offsets stay the title's)
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let long = words.iter().filter(|t| t.span.len() >= 4).count();
    let capitals = words
        .iter()
        .filter(|t| t.span.len() >= 4 && is_capitalised(&title[t.span.start..t.span.end]))
        .count();
    let title_case = long >= 3 && capitals * 2 > long;
    let read: std::borrow::Cow<str> = if title_case {
        let mut sentence = String::with_capacity(title.len());
        let mut at = 0;
        for t in &words {
            let word = &title[t.span.start..t.span.end];
            sentence.push_str(&title[at..t.span.start]);
            let keep = named.contains(&stem(word)) || lookup_place(word).is_some();
            let mut chars = word.chars();
            match chars.next() {
                Some(c) if !keep && c.to_lowercase().collect::<String>().len() == c.len_utf8() => {
                    sentence.extend(c.to_lowercase());
                    sentence.push_str(chars.as_str());
                }
                _ => sentence.push_str(word),
            }
            at = t.span.end;
        }
        sentence.push_str(&title[at..]);
        tokens = tokenize(&sentence);
        std::borrow::Cow::Owned(sentence)
    } else {
        std::borrow::Cow::Borrowed(title)
    };
    let mut found: Vec<Mention> = find_mentions_in(&read, &tokens, lang)
        .into_iter()
        .map(|m| Mention {
            text: title[m.start..m.end].to_string(),
            ..m
        })
        .filter(|m| m.place.is_some() || in_text(&m.text))
        .collect();
    // the first word, which a title capitalises anyway
    if let Some(first) = tokens.iter().find(|t| t.kind == TokenKind::Word) {
        let word = &title[first.span.start..first.span.end];
        let taken = found
            .iter()
            .any(|m| m.start <= first.span.start && first.span.end <= m.end);
        if !taken && is_capitalised(word) && word.chars().count() >= 2 && in_text(word) {
            let kind = body
                .iter()
                .find(|m| stem(&m.text) == stem(word))
                .map_or(EntityKind::Other, |m| m.kind);
            // a group of its own
            let group = found.iter().map(|m| m.group + 1).max().unwrap_or(0);
            found.insert(
                0,
                Mention {
                    entity: None,
                    text: word.to_string(),
                    start: first.span.start,
                    end: first.span.end,
                    kind,
                    group,
                    place: None,
                },
            );
        }
    }
    found
}

/// [`find_mentions`] over the text's tokens, when the caller has them already.
pub fn find_mentions_in(text: &str, tokens: &[Token], lang: Option<Lang>) -> Vec<Mention> {
    let g = gazetteer();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut taken = vec![false; tokens.len()];

    // 1. Places of the gazetteer, longest first.
    find_places(text, tokens, g, lang, &mut taken, &mut mentions);

    // 2. Capitalised runs in cased scripts.
    let starts = sentence_starts(text, tokens);
    let heads = organisation_heads(lang);
    let casing = std::cell::OnceCell::new();
    let casing = || casing.get_or_init(|| Casing::of(text, tokens, &starts, lang));
    let nouns_capitalised = languages::of_or_none(lang).names.nouns_capitalised;
    let mut pending: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let surface = &text[t.span.start..t.span.end];
        if taken[i] || t.kind != TokenKind::Word || !is_capitalised(surface) {
            i += 1;
            continue;
        }
        let sentence_start = starts[i];
        let end = run_end(text, tokens, &taken, i, heads);
        let (mut first, title_before, portfolio) = name_start(tokens, i, end);
        // a word opening a sentence glued to the name after it ("W Wielkiej Brytanii", "Sprawa
        // Asii Bibi", "Дело Асии Биби"): a function word, a word the text also writes in
        // lowercase, or one it never capitalises inside a sentence before a name of two words
        // it does
        if starts[first] {
            let mut words_after = (first + 1..=end).filter(|k| tokens[*k].kind == TokenKind::Word);
            // (a word of its own: not the O of O'Brien)
            let apart = |next: &usize| {
                text[tokens[first].span.end..tokens[*next].span.start]
                    .chars()
                    .all(char::is_whitespace)
            };
            if let Some(next) = words_after.next().filter(apart) {
                let w = tokens[first].norm.as_str();
                let glued = crate::lang::is_function_word(w)
                    || casing().lowercase_somewhere(w)
                    || (words_after.next().is_some()
                        && !casing()
                            .capitalised_inside_a_sentence_in_any_case(&tokens[first], text)
                        && casing().capitalised_inside_a_sentence_in_any_case(&tokens[next], text));
                if glued {
                    first = next;
                }
            }
        }
        let t = &tokens[first];
        let surface = &text[t.span.start..t.span.end];
        let words: Vec<&Token> = tokens[first..=end]
            .iter()
            .filter(|x| x.kind == TokenKind::Word)
            .collect();
        let single = words.len() == 1;
        let norm0 = t.norm.as_str();
        // a lone capitalised word opening a sentence is a name only if the text also capitalises
        // it inside a sentence (or it is an acronym)
        let skip = (single
            && sentence_start
            && !is_acronym(surface)
            && !casing().capitalised_inside_a_sentence_in_any_case(t, text))
            || (single && casing().lowercase_somewhere(norm0))
            || (single && is_sentence_word(norm0))
            || (single && word_set!(names.common_acronyms).contains_key(norm0))
            // a function word opening a sentence ("Jej sprawa", "Всички")
            || (single && sentence_start && crate::lang::is_function_word(norm0))
            || crate::dates::is_date_word_of(norm0, lang)
            || (single && surface.chars().count() < 2)
            || (single && after_indefinite_article(tokens, first))
            || portfolio;
        if !skip {
            let (start, stop) = (t.span.start, tokens[end].span.end);
            let name = &text[start..stop];
            let previous: Vec<&str> = words_before(tokens, first).take(3).collect();
            let org = words
                .iter()
                .any(|w| is_org_word(&w.norm) || is_org_head(&w.norm, heads))
                || (single && is_acronym(surface));
            // a title right before the name, or a title and one adjective ("président syrien")
            let person_cue = title_before
                || previous.first().is_some_and(|p| is_title_word(p))
                || (previous.get(1).is_some_and(|p| is_title_word(p))
                    && previous
                        .first()
                        .is_some_and(|a| !crate::lang::is_function_word(a) && !is_title_word(a)));
            // "le groupe Fastakim", "the newspaper Al Watan"
            let org_cue = previous
                .first()
                .is_some_and(|p| word_set!(names.group_cues).contains_key(p));
            let kind = if org || org_cue {
                EntityKind::Organization
            } else if person_cue || (words.len() >= 2 && words.len() <= 4) {
                EntityKind::Person
            } else {
                EntityKind::Other
            };
            let mention = Mention {
                entity: None,
                text: name.to_string(),
                start,
                end: stop,
                kind,
                group: 0,
                place: None,
            };
            // where every noun is capitalised (German), a run is a name on evidence only: a
            // cue, an organisation word, an acronym, a given name; or (below) it repeats a word
            // of a name found so ("Lawrow" after "Sergej Lawrow")
            let evidence = || {
                org || org_cue
                    || person_cue
                    || (single && {
                        let profile = &languages::of_or_none(lang).names;
                        previous
                            .first()
                            .is_some_and(|p| profile.place_cues.contains(p))
                            && !profile.noun_endings.iter().any(|e| norm0.ends_with(e))
                    })
                    || (!single && words.iter().any(|w| is_given_name(&w.norm, lang)))
            };
            if nouns_capitalised && !evidence() {
                pending.push(mention);
            } else {
                mentions.push(mention);
            }
        }
        i = end + 1;
    }
    if !pending.is_empty() {
        let named: HashSet<String> = mentions
            .iter()
            .filter(|m| m.place.is_none())
            .flat_map(|m| m.text.split([' ', '-']).map(crate::token::normalize))
            .collect();
        mentions.extend(pending.into_iter().filter(|m| {
            m.text
                .split([' ', '-'])
                .all(|w| named.contains(&crate::token::normalize(w)))
        }));
    }
    // a people's name stands for its country (Brytyjczycy, Britové: the United Kingdom)
    for m in mentions.iter_mut() {
        if m.place.is_none() && m.kind != EntityKind::Organization && !m.text.contains(' ') {
            if let Some(place) = demonym_place(&crate::token::normalize(&m.text), lang) {
                m.place = Some(place.id.to_string());
            }
        }
    }
    if lang.map(crate::lang::script_of_lang) == Some(Script::Arabic) {
        add_arabic_cued_names(text, tokens, &mut mentions);
    }
    add_acronym_expansions(text, tokens, &mut mentions);
    split_joined_names(&mut mentions, lang, heads);
    mentions.sort_by_key(|m| m.start);
    join_owners(text, &mut mentions, lang, heads, g);
    join_written_parts(text, &mut mentions, heads);
    group_within_article(text, &mut mentions, lang, heads);
    mentions
}

/// The organisation words of a language that inflects its names, as stems, with the case
/// endings a word may add to one (normalised): see [`organisation_heads`].
#[derive(Default)]
pub(super) struct Heads {
    stems: Vec<String>,
    endings: Vec<String>,
    /// the language's adjective endings, normalised
    adjectives: Vec<String>,
}

impl Heads {
    pub(super) fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// Whether a normalised word ends as the language's adjectives do, three letters left.
    fn is_adjective(&self, norm: &str) -> bool {
        let letters = norm.chars().count();
        self.adjectives
            .iter()
            .any(|e| norm.ends_with(e.as_str()) && letters >= e.chars().count() + 3)
    }
}

/// A case form of an organisation word of the article's language: Komisji, Komisją as Komisja;
/// not a longer word on the same stem (съветва, rządząca).
pub(super) fn is_org_head(norm: &str, heads: &Heads) -> bool {
    heads.stems.iter().any(|h| {
        norm.strip_prefix(h.as_str())
            .is_some_and(|ending| ending.is_empty() || heads.endings.iter().any(|e| e == ending))
    })
}

/// The stems of the organisation words of a language that inflects its names (see
/// [`run_end`]); none for the others, which capitalise every word of a name or put the
/// organisation word first. Made once per language, not per article.
fn organisation_heads(lang: Option<Lang>) -> &'static Heads {
    static HEADS: OnceLock<Vec<(Lang, Heads)>> = OnceLock::new();
    static NONE: OnceLock<Heads> = OnceLock::new();
    let all = HEADS.get_or_init(|| {
        languages::ALL
            .iter()
            .filter(|l| !l.names.case_endings.is_empty())
            .map(|l| {
                // a word of four letters or fewer is its own head (суд, суда, суде; нато is
                // no stem of Наталья)
                let stems = l
                    .names
                    .org_words
                    .iter()
                    .map(|w| {
                        if w.chars().count() <= 4 {
                            crate::token::normalize(w)
                        } else {
                            crate::token::normalize(&crate::names::name_stem(w, Some(l.lang)))
                        }
                    })
                    .filter(|h| h.chars().count() >= 3)
                    .collect();
                let mut endings: Vec<String> = l
                    .names
                    .case_endings
                    .iter()
                    .map(|e| crate::token::normalize(e))
                    .collect();
                endings.sort_unstable();
                endings.dedup();
                let adjectives = l
                    .names
                    .adjective_endings
                    .iter()
                    .map(|e| crate::token::normalize(e))
                    .collect();
                (
                    l.lang,
                    Heads {
                        stems,
                        endings,
                        adjectives,
                    },
                )
            })
            .collect()
    });
    lang.and_then(|lang| all.iter().find(|(l, _)| *l == lang))
        .map_or_else(|| NONE.get_or_init(Heads::default), |(_, heads)| heads)
}

/// Two names written one after the other: a first word the article also names alone, an
/// acronym, or words naming an organisation, then a person's name of two words or more ("министърът по
/// въпросите на Брекзит Дейвид Дейвис", "председателят на Европейския съвет Доналд Туск"):
/// two mentions, when the article names the person elsewhere without what came before, or
/// when the person's name opens with a given name (see [`is_given_name`]).
fn split_joined_names(mentions: &mut Vec<Mention>, lang: Option<Lang>, heads: &Heads) {
    let stem = |w: &str| crate::names::name_stem(w, lang);
    let organisation = |w: &str| {
        let norm = crate::token::normalize(w);
        is_org_word(&norm) || is_org_head(&norm, heads)
    };
    let mut alone: HashMap<String, usize> = HashMap::new();
    for m in mentions.iter().filter(|m| !m.text.contains(' ')) {
        *alone.entry(stem(&m.text)).or_default() += 1;
    }
    // a full name after the first word: "Boris Johnson" stays whole where Boris and Johnson
    // are also written alone
    let candidate = |m: &Mention| m.place.is_none() && m.text.split(' ').count() >= 3;
    if !mentions.iter().any(candidate) {
        return;
    }
    let stems: Vec<Vec<String>> = mentions
        .iter()
        .map(|m| m.text.split(' ').map(stem).collect())
        .collect();
    // (mention, number of words before the person's name)
    let mut split = Vec::new();
    for (n, m) in mentions.iter().enumerate() {
        if !candidate(m) {
            continue;
        }
        let words: Vec<&str> = m.text.split(' ').collect();
        let last = &stems[n][words.len() - 1];
        // a given name and a surname or two ending the run, after a word that is no given name
        // ("Partii Pracy Tony Blair", "Брекзит Мишел Барние"; not "Mary Lou McDonald")
        let given = |k: usize| {
            let norm = |w: &str| crate::token::normalize(w);
            words.len() - k <= 3
                && is_given_name(&norm(words[k]), lang)
                && !is_given_name(&norm(words[k - 1]), lang)
                && !word_set!(names.particles).contains_key(norm(words[k - 1]).as_str())
        };
        let at = (1..=words.len() - 2).find(|&k| {
            if given(k) {
                return true;
            }
            let named_alone = alone.get(&stems[n][0]).copied().unwrap_or(0);
            let opens = (k == 1 && (named_alone >= 1 || is_acronym(words[0])))
                || words[..k].iter().any(|w| organisation(w));
            // the person named elsewhere without the words before: in a mention that is no
            // place or organisation of its own
            opens
                && mentions
                    .iter()
                    .zip(&stems)
                    .enumerate()
                    .any(|(o, (other, ws))| {
                        o != n
                            && other.place.is_none()
                            && other.kind != EntityKind::Organization
                            && !ws.contains(&stems[n][0])
                            && ws.contains(last)
                    })
        });
        if let Some(k) = at {
            split.push((n, k));
        }
    }
    for (n, k) in split.into_iter().rev() {
        let m = mentions[n].clone();
        let head_len: usize = m
            .text
            .split(' ')
            .take(k)
            .map(|w| w.len() + 1)
            .sum::<usize>()
            - 1;
        let (head, rest) = (&m.text[..head_len], &m.text[head_len + 1..]);
        let organisation_before = head.split(' ').any(&organisation);
        // where every noun is capitalised, what came before a person is a name only when it is
        // an organisation's ("seinen türkischen Kollegen Hakan Fidan")
        let noun = languages::of_or_none(lang).names.nouns_capitalised && !organisation_before;
        let person = Mention {
            text: rest.to_string(),
            start: m.end - rest.len(),
            kind: EntityKind::Person,
            ..m.clone()
        };
        if noun {
            mentions[n] = person;
            continue;
        }
        mentions[n] = Mention {
            text: head.to_string(),
            end: m.start + head_len,
            kind: if organisation_before {
                EntityKind::Organization
            } else {
                EntityKind::Other
            },
            ..m
        };
        mentions.push(person);
    }
}

/// An organisation and the place or body it belongs to, written one after the other, as one
/// name ("Верховный суд Пакистана", "Trybunału Sprawiedliwości Unii Europejskiej", "МИД
/// Великобритании", "Върховният съд на Пакистан"), in a language that capitalises only the first
/// word of a name (`heads` not empty): the owner is in a case other than its nominative, an
/// acronym after an organisation word (Совету ЕС), or tied by the language's preposition
/// (`names.org_links`). `mentions` are in text order.
fn join_owners(
    text: &str,
    mentions: &mut Vec<Mention>,
    lang: Option<Lang>,
    heads: &Heads,
    g: &Gazetteer,
) {
    if heads.is_empty() {
        return;
    }
    let links = languages::of_or_none(lang).names.org_links;
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        let joined = a.kind == EntityKind::Organization
            && a.place.is_none()
            && b.kind != EntityKind::Person
            && a.end <= b.start
            && {
                let gap = &text[a.end..b.start];
                let owner_acronym = b.kind == EntityKind::Organization && is_acronym(&b.text);
                let inflected = b.place.is_some()
                    && !g
                        .names
                        .contains_key(crate::token::normalize(&b.text).as_str());
                if gap == " " {
                    inflected || (owner_acronym && !is_acronym(&a.text))
                } else {
                    let linked = gap.strip_prefix(' ').and_then(|x| x.strip_suffix(' '));
                    linked.is_some_and(|w| links.contains(&crate::token::normalize(w).as_str()))
                }
            };
        if joined {
            mentions[k] = Mention::spanning(text, a.start, b.end, EntityKind::Organization);
            mentions.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Parts of a name that punctuation kept apart, joined (`mentions` in text order): an
/// abbreviated first word ("W. Brytanii", "J. Kowalski"); a place and the adjective or
/// abbreviation after it that makes another place of it ("Irlandii Północnej", "Irlandią
/// Płn."), in a language whose names take case endings (`heads` not empty); an organisation
/// and the name in quotation marks after it ("Информационна агенция \"Фокус\"").
fn join_written_parts(text: &str, mentions: &mut Vec<Mention>, heads: &Heads) {
    // an abbreviation right before: a capitalised word of three letters at most, with a
    // lowercase letter or alone (not "USA."), no title ("Dr.")
    for m in mentions.iter_mut() {
        let Some(before) = text[..m.start].strip_suffix(". ") else {
            continue;
        };
        let word: &str = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let letters = word.chars().count();
        let abbreviation = (1..=3).contains(&letters)
            && is_capitalised(word)
            && (letters == 1 || word.chars().skip(1).all(char::is_lowercase))
            && !is_title_word(&crate::token::normalize(word));
        if abbreviation {
            let start = before.len() - word.len();
            m.text = text[start..m.end].to_string();
            m.start = start;
        }
    }
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        let single = !b.text.contains(' ') && b.place.is_none();
        let gap = text.get(a.end..b.start).unwrap_or("");
        let after_b = text[b.end..].chars().next();
        // (the end of the joined name, its place, its kind)
        let joined = if a.place.is_some()
            && a.kind == EntityKind::Place
            && !heads.is_empty()
            && gap == " "
            && single
        {
            let norm = crate::token::normalize(&b.text);
            if heads.is_adjective(&norm) {
                Some((b.end, EntityKind::Place))
            } else if after_b == Some('.') && b.text.chars().count() <= 4 {
                Some((b.end + 1, EntityKind::Place))
            } else {
                None
            }
        } else if a.kind == EntityKind::Organization
            && a.place.is_none()
            && matches!(gap, " \"" | " „" | " «" | " “")
            && matches!(after_b, Some('"' | '“' | '”' | '»'))
        {
            let close = after_b.map_or(0, char::len_utf8);
            Some((b.end + close, EntityKind::Organization))
        } else {
            None
        };
        if let Some((end, kind)) = joined {
            mentions[k] = Mention::spanning(text, a.start, end, kind);
            mentions.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Places of the gazetteer in the text, the longest name first; their tokens are marked taken.
fn find_places(
    text: &str,
    tokens: &[Token],
    g: &Gazetteer,
    lang: Option<Lang>,
    taken: &mut [bool],
    mentions: &mut Vec<Mention>,
) {
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let found = longest_place_at(text, tokens, i, g, lang);
        match found {
            Some((len, place)) => {
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

/// The gazetteer's longest place name starting at word `i`: its length in tokens and the place.
/// A name in a case other than the nominative is looked up under the nominatives its words may
/// have in the article's language (`names::nominatives`: Wielkiej Brytanii → Wielka Brytania).
fn longest_place_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    g: &Gazetteer,
    lang: Option<Lang>,
) -> Option<(usize, u32)> {
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
        let hit = if len == 1 && !cased {
            arabic_stems(key).find_map(|stem| g.names.get(stem.as_str()))
        } else {
            g.names
                .get(key)
                .or_else(|| inflected_place(span_tokens, g, lang))
        };
        if let Some(places) = hit.filter(|_| g.acronyms.contains(key)) {
            // an acronym (EU, UE, ООН) names its entry only in capitals ("Un", "Eu" open
            // French and Portuguese sentences)
            if len == 1
                && first
                    .chars()
                    .all(|c| !c.is_alphabetic() || c.is_uppercase())
            {
                return Some((1, *places));
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
                    || arabic_stems(key).any(|stem| {
                        word_set!(names.common_nouns).contains_key(stem.trim_start_matches("ال"))
                    }));
            if key.chars().count() >= 3 && !common {
                return Some((span_tokens.len(), *places));
            }
        }
    }
    None
}

/// The place a run of words names in another case than the nominative: each word replaced by the
/// nominatives it may be a form of (at most 64 combinations are looked up).
fn inflected_place<'g>(words: &[&Token], g: &'g Gazetteer, lang: Option<Lang>) -> Option<&'g u32> {
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
fn given_name_of(
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

/// A capitalised adjective (token `end`) and one or two lowercase adjectives after it that
/// reach an organisation word: the index of that word ("Световната търговска организация",
/// "Demokratická unionistická strana"). Not across punctuation, a function word or a taken word.
fn adjectives_to_head(
    text: &str,
    tokens: &[Token],
    taken: &[bool],
    end: usize,
    heads: &Heads,
) -> Option<usize> {
    if heads.is_empty() || !heads.is_adjective(&tokens[end].norm) {
        return None;
    }
    let word_after = |k: usize| {
        let t = tokens.get(k)?;
        let gap = &text[tokens[k - 1].span.end..t.span.start];
        let s = &text[t.span.start..t.span.end];
        (gap == " "
            && t.kind == TokenKind::Word
            && !taken[k]
            && !is_capitalised(s)
            && !crate::lang::is_function_word(&t.norm))
        .then_some(t)
    };
    for k in end + 1..end + 3 {
        if !heads.is_adjective(&word_after(k)?.norm) {
            return None;
        }
        let next = word_after(k + 1)?;
        if is_org_head(&next.norm, heads) {
            return Some(k + 1);
        }
    }
    None
}

/// The last token of the capitalised run starting at `i`: capitalised words, particles inside a
/// name, hyphens and apostrophes within it.
/// In a language that capitalises only the first word of a name ("Европейската комисия",
/// "Evropská unie", "Верховный суд Пакистана"), a lowercase organisation word right after the
/// capitalised run belongs to it: `heads` are the stems of the language's organisation words.
fn run_end(text: &str, tokens: &[Token], taken: &[bool], i: usize, heads: &Heads) -> usize {
    let mut end = i;
    let mut j = i + 1;
    while j < tokens.len() {
        let n = &tokens[j];
        let gap = &text[tokens[j - 1].span.end..n.span.start];
        if gap.contains('\n') || gap.chars().count() > 1 {
            break;
        }
        let s = &text[n.span.start..n.span.end];
        // after an adjective only: "Европейската комисия", not "po Brexicie sądy"
        let organisation_word = || {
            j == end + 1
                && gap == " "
                && is_org_head(&n.norm, heads)
                && heads.is_adjective(&tokens[end].norm)
        };
        // a lowercase word joined by a hyphen, in a language that writes names so
        // ("Даунинг-стрит", "Техрик-и-лабаик", "Ростов-на-Дону")
        let hyphenated = || {
            !heads.is_empty()
                && gap.is_empty()
                && j >= 2
                && tokens[j - 1].norm == "-"
                && text[tokens[j - 2].span.end..tokens[j - 1].span.start].is_empty()
                && j - 2 == end
                // not a title ("Премьер-министр")
                && !is_title_word(&n.norm)
                && !is_title_word(&tokens[end].norm)
        };
        if n.kind == TokenKind::Word
            && !taken[j]
            && (is_capitalised(s) || organisation_word() || hyphenated())
        {
            end = j;
            j += 1;
        } else if let Some(head) = (j == end + 1 && gap == " ")
            .then(|| adjectives_to_head(text, tokens, taken, end, heads))
            .flatten()
        {
            end = head;
            j = head + 1;
        } else if n.kind == TokenKind::Word
            && word_set!(names.particles).contains_key(n.norm.as_str())
            && j + 1 < tokens.len()
        {
            // a particle only inside a name: a capitalised word must follow
            let next = tokens.get(j + 1).filter(|x| {
                x.kind == TokenKind::Word && is_capitalised(&text[x.span.start..x.span.end])
            });
            let after_hyphen = tokens.get(j + 1).is_some_and(|x| x.norm == "-");
            if next.is_some() && text[n.span.end..tokens[j + 1].span.start].chars().count() <= 1 {
                j += 1;
            } else if after_hyphen {
                j += 2;
            } else {
                break;
            }
        } else if after_abbreviation(tokens, j)
            && j == end + 1
            && gap.is_empty()
            && tokens.get(j + 1).is_some_and(|x| {
                x.kind == TokenKind::Word
                    && is_capitalised(&text[x.span.start..x.span.end])
                    && &text[n.span.end..x.span.start] == " "
            })
        {
            // "Sen. Marco Rubio": the title goes on to the name (and is cut off as a title)
            j += 1;
        } else if (n.norm == "-"
            && tokens.get(j + 1).is_some_and(|x| x.kind == TokenKind::Word)
            && gap.is_empty())
            || apostrophe_in_a_name(text, tokens, i, j)
        {
            j += 1;
        } else {
            break;
        }
    }
    end
}

/// Where the name of the run `i..=end` starts: after an article opening the sentence, a title
/// (the title is a cue: true) and a portfolio ("ministre de la Défense"); the third value is
/// true when the run is a portfolio only.
fn name_start(tokens: &[Token], i: usize, end: usize) -> (usize, bool, bool) {
    // "Le Kremlin", "The Pentagon": the article opening a sentence is not part of the name
    let mut first = i;
    while first < end && is_sentence_word(&tokens[first].norm) {
        first += 1;
        while first < end && tokens[first].kind != TokenKind::Word {
            first += 1;
        }
    }
    // "Russian Foreign Minister Sergei Lavrov", "Colonel Omar Siddiq", "Außenminister Sergej
    // Lawrow": the name starts after the last title word of the run (the title is a cue)
    let mut title_before = false;
    if let Some(last_title) = (first..end)
        .rev()
        .find(|k| tokens[*k].kind == TokenKind::Word && is_title_word(&tokens[*k].norm))
    {
        title_before = true;
        first = last_title + 1;
        while first < end && tokens[first].kind != TokenKind::Word {
            first += 1;
        }
    }
    // "ministre de la Défense Jean Dupont": the portfolio is no actor, the name after it is
    let mut portfolio = false;
    while names_a_portfolio(tokens, first) {
        if first == end {
            portfolio = true;
            break;
        }
        first += 1;
        while first < end && tokens[first].kind != TokenKind::Word {
            first += 1;
        }
    }
    (first, title_before, portfolio)
}

/// "la ministre belge des Affaires étrangères", "ministère de la Défense", "ministro de
/// Defensa", "ministro degli Esteri", "Secretary of State": the capitalised word is the
/// minister's portfolio, part of a title or of the ministry's name, not an actor of its own.
pub(super) fn names_a_portfolio(tokens: &[Token], first: usize) -> bool {
    const HEADS: &[&str] = &[
        "ministre",
        "ministere",
        "ministro",
        "ministerio",
        "ministero",
        "ministra",
        "minister",
        "ministry",
        "secretary",
    ];
    const LINKS: &[&str] = &[
        "de", "des", "du", "la", "l", "d", "del", "della", "degli", "dei", "delle", "dello", "dos",
        "da", "do", "das", "of", "the",
    ];
    let mut before = words_before(tokens, first);
    let mut links = 0;
    for word in before.by_ref() {
        if !LINKS.contains(&word) {
            // the ministry, or one adjective and the ministry ("ministre belge des")
            return links > 0
                && (HEADS.contains(&word) || before.next().is_some_and(|w| HEADS.contains(&w)));
        }
        links += 1;
        if links > 2 {
            return false;
        }
    }
    false
}

/// The normalised words before token `at`, nearest first.
pub(super) fn words_before(tokens: &[Token], at: usize) -> impl Iterator<Item = &str> {
    tokens[..at]
        .iter()
        .rev()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.norm.as_str())
}

/// "eine Demonstrantin", "ein Sprecher", "un Cosaque": a lone capitalised word after an
/// indefinite article is a noun (German capitalises every noun), not a name.
pub(super) fn after_indefinite_article(tokens: &[Token], first: usize) -> bool {
    first > 0
        && matches!(
            tokens[first - 1].norm.as_str(),
            "ein"
                | "eine"
                | "einen"
                | "einem"
                | "einer"
                | "eines"
                | "kein"
                | "keine"
                | "keinen"
                | "jede"
                | "jeder"
                | "jeden"
        )
}

/// Words that end a name in Arabic text (prepositions, conjunctions, pronouns, verbs of saying).
pub(super) fn arabic_stop(norm: &str) -> bool {
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
pub(super) fn has_tanwin(surface: &str) -> bool {
    surface.contains(['\u{064B}', '\u{064C}', '\u{064D}'])
}

/// Arabic has no capitals: after a reporting verb or a title (قال، وزير الخارجية الروسي…), the
/// adjectives with the article are skipped and the next one to three words are a person's name,
/// with one trailing al-word kept when the sentence ends there (بشار الأسد).
pub(super) fn add_arabic_cued_names(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
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
fn expansion_start(text: &str, tokens: &[Token], before: usize, acronym: &str) -> Option<usize> {
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

pub(super) fn add_acronym_expansions(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
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

/// Whether the apostrophe at `j` joins a capital letter to a capitalised word within a name
/// ("Nadia O'Hara", "Massimo D'Alema"): a single capital before it, a capitalised word right
/// after it, nothing between. A run that opens with the letter may only be "O'" — a name opening
/// a sentence with "D'Alep" or "L'Armée" is a French elision, not part of the name.
pub(super) fn apostrophe_in_a_name(
    text: &str,
    tokens: &[Token],
    run_start: usize,
    j: usize,
) -> bool {
    let (Some(before), Some(at), Some(after)) = (
        tokens.get(j.wrapping_sub(1)),
        tokens.get(j),
        tokens.get(j + 1),
    ) else {
        return false;
    };
    if j == 0 || !matches!(at.norm.as_str(), "'" | "’") {
        return false;
    }
    let letter = &text[before.span.start..before.span.end];
    let glued = before.span.end == at.span.start && at.span.end == after.span.start;
    let single_capital = letter.chars().count() == 1 && is_capitalised(letter);
    let opens_the_run = j - 1 == run_start;
    glued
        && single_capital
        && (!opens_the_run || letter == "O")
        && after.kind == TokenKind::Word
        && is_capitalised(&text[after.span.start..after.span.end])
}

/// Up to `len` word tokens from `i` on, allowing hyphens between them ("Alep-Est"): the
/// longest such run, so a run of any shorter length is a prefix of it.
pub(super) fn word_run(tokens: &[Token], i: usize, len: usize) -> Vec<&Token> {
    let mut out = Vec::with_capacity(len);
    let mut j = i;
    while out.len() < len {
        let Some(t) = tokens.get(j) else { break };
        if t.kind == TokenKind::Word {
            out.push(t);
            j += 1;
        } else if t.norm == "-" && !out.is_empty() {
            j += 1;
        } else {
            break;
        }
    }
    out
}

pub(super) fn last_word_index(tokens: &[Token], i: usize, len: usize) -> usize {
    let mut count = 0;
    for (j, t) in tokens.iter().enumerate().skip(i) {
        if t.kind == TokenKind::Word {
            count += 1;
            if count == len {
                return j;
            }
        }
    }
    tokens.len().saturating_sub(1)
}

/// The dot at token `i` ends no sentence: the dot of an initial ("J. Kowalski") or of a word
/// written shortened (Mr. Gingrich).
pub(crate) fn shortening_dot(text: &str, tokens: &[Token], i: usize) -> bool {
    let initial = tokens[i].norm == "."
        && i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && tokens[i - 1].span.end == tokens[i].span.start
        && {
            let word = &text[tokens[i - 1].span.start..tokens[i - 1].span.end];
            word.chars().count() == 1 && word.chars().all(char::is_uppercase)
        };
    initial || after_abbreviation(tokens, i)
}

/// The dot at token `i` shortens the word before it (Mr. Gingrich, Sen. Rubio): it ends no
/// sentence.
pub(crate) fn after_abbreviation(tokens: &[Token], i: usize) -> bool {
    tokens[i].norm == "."
        && i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && tokens[i - 1].span.end == tokens[i].span.start
        && word_set!(names.abbreviations).contains_key(tokens[i - 1].norm.as_str())
}

/// For each token: does it open a sentence (first token, after . ! ? : or a quote opening a
/// sentence, or at the start of a paragraph)?
pub(super) fn sentence_starts(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut starts = vec![false; tokens.len()];
    let mut at_start = true;
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && text[tokens[i - 1].span.end..t.span.start].contains('\n') {
            at_start = true;
        }
        if t.kind == TokenKind::Punct {
            if shortening_dot(text, tokens, i) {
                continue;
            }
            // a quotation or a dash opens a sentence of its own („Jej zdaniem…”, — Всички…)
            if matches!(
                t.norm.as_str(),
                "." | "!" | "?" | ":" | "؟" | "…" | "„" | "«" | "“" | "—" | "–" | "©"
            ) {
                at_start = true;
            }
            continue;
        }
        starts[i] = at_start;
        // "© 2018 Всички права запазени": the year after a copyright sign opens nothing
        at_start = at_start
            && i > 0
            && tokens[i - 1].norm == "©"
            && t.norm.bytes().all(|b| b.is_ascii_digit());
    }
    starts
}

/// How an article writes each word: capitalised inside a sentence somewhere, lowercase
/// somewhere. Made once per article (a scan of the text per capitalised word was quadratic).
pub(super) struct Casing<'a> {
    words: FxMap<&'a str, (bool, bool)>,
    /// In a language with case endings, the stems (`names::name_stem`) of the words capitalised
    /// inside a sentence: Кравцова opening a sentence is the Кравцов of another.
    stems: HashSet<String>,
    lang: Option<Lang>,
}

impl<'a> Casing<'a> {
    pub(super) fn of(
        text: &str,
        tokens: &'a [Token],
        starts: &[bool],
        lang: Option<Lang>,
    ) -> Casing<'a> {
        let mut words: FxMap<&'a str, (bool, bool)> = FxMap::default();
        let mut stems = HashSet::new();
        let cases = !languages::of_or_none(lang).names.case_endings.is_empty();
        for (t, start) in tokens.iter().zip(starts) {
            let surface = &text[t.span.start..t.span.end];
            let (capitalised, lowercase) = words.entry(t.norm.as_str()).or_default();
            if !*start && !*capitalised && is_capitalised(surface) {
                *capitalised = true;
                if cases {
                    stems.insert(crate::names::name_stem(surface, lang));
                }
            }
            if !*lowercase && surface.chars().next().is_some_and(char::is_lowercase) {
                *lowercase = true;
            }
        }
        Casing { words, stems, lang }
    }

    /// The text capitalises the word where no sentence starts.
    pub(super) fn capitalised_inside_a_sentence(&self, norm: &str) -> bool {
        self.words.get(norm).is_some_and(|w| w.0)
    }

    /// The text capitalises the word, or another case form of it, where no sentence starts.
    pub(super) fn capitalised_inside_a_sentence_in_any_case(
        &self,
        token: &Token,
        text: &str,
    ) -> bool {
        self.capitalised_inside_a_sentence(&token.norm)
            || (!self.stems.is_empty()
                && self.stems.contains(&crate::names::name_stem(
                    &text[token.span.start..token.span.end],
                    self.lang,
                )))
    }

    /// The word is written in lowercase somewhere in the text: a common word, not a name.
    pub(super) fn lowercase_somewhere(&self, norm: &str) -> bool {
        self.words.get(norm).is_some_and(|w| w.1)
    }
}
