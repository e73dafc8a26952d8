//! Organisations by their head words ("Komisja", "party"), in languages that inflect them:
//! a run split where two names were joined, owners joined to their organisation ("Верховный
//! суд Пакистана"), written parts and adjectives joined to their head.

use super::*;

/// The organisation words of a language that inflects its names, as stems, with the case
/// endings a word may add to one (normalised): see [`organisation_heads`].
#[derive(Default)]
pub(in crate::entities) struct Heads {
    stems: Vec<String>,
    /// the stems of the language's place words (`names.place_words`)
    place_stems: Vec<String>,
    /// endings only a genitive plural has, as written (`names.genitive_plural_endings`)
    pub(in crate::entities) genitive_plurals: &'static [&'static str],
    endings: Vec<String>,
    /// the language's adjective endings, normalised
    adjectives: Vec<String>,
    /// the endings of its peoples' names (`names.demonym_endings`), normalised
    demonyms: Vec<String>,
    /// prepositions that go on with an organisation's name (`names.name_links`)
    pub(in crate::entities) links: Vec<String>,
    /// the prepositions among those that tie an organisation to its owner (`names.org_links`)
    pub(in crate::entities) owner_links: Vec<String>,
    /// lowercase words that end a foreign name (`names.name_tails`)
    pub(in crate::entities) tails: Vec<String>,
    /// case endings written after an apostrophe on a name (`names.apostrophe_endings`)
    pub(in crate::entities) apostrophe_endings: Vec<String>,
}

impl Heads {
    pub(in crate::entities) fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// The length in bytes of the longest adjective ending of a normalised word, three letters
    /// left (0: none).
    pub(in crate::entities) fn adjective_ending(&self, norm: &str) -> usize {
        let letters = norm.chars().count();
        self.adjectives
            .iter()
            .filter(|e| norm.ends_with(e.as_str()) && letters >= e.chars().count() + 3)
            .map(String::len)
            .max()
            .unwrap_or(0)
    }

    /// The length in bytes of the longest demonym ending of a normalised word (0: none).
    pub(in crate::entities) fn demonym_ending(&self, norm: &str) -> usize {
        self.demonyms
            .iter()
            .filter(|e| norm.ends_with(e.as_str()))
            .map(String::len)
            .max()
            .unwrap_or(0)
    }

    /// Whether a normalised word ends as the language's adjectives do, three letters left.
    pub(in crate::entities) fn is_adjective(&self, norm: &str) -> bool {
        let letters = norm.chars().count();
        self.adjectives
            .iter()
            .any(|e| norm.ends_with(e.as_str()) && letters >= e.chars().count() + 3)
    }
}

/// A case form of an organisation word of the article's language: Komisji, Komisją as Komisja;
/// not a longer word on the same stem (съветва, rządząca).
pub(in crate::entities) fn is_org_head(norm: &str, heads: &Heads) -> bool {
    is_form_of(norm, &heads.stems, heads)
}

/// A case form of a place word of the article's language (republikou, kraljestva, море).
pub(in crate::entities) fn is_place_head(norm: &str, heads: &Heads) -> bool {
    is_form_of(norm, &heads.place_stems, heads)
}

fn is_form_of(norm: &str, stems: &[String], heads: &Heads) -> bool {
    stems.iter().any(|h| {
        norm.strip_prefix(h.as_str())
            .is_some_and(|ending| ending.is_empty() || heads.endings.iter().any(|e| e == ending))
    })
}

/// The stems of the organisation words of a language that inflects its names (see
/// [`run_end`]); none for the others, which capitalise every word of a name or put the
/// organisation word first. Made once per language, not per article.
pub(super) fn organisation_heads(lang: Option<Lang>) -> &'static Heads {
    static HEADS: OnceLock<Vec<(Lang, Heads)>> = OnceLock::new();
    static NONE: OnceLock<Heads> = OnceLock::new();
    let all = HEADS.get_or_init(|| {
        languages::ALL
            .iter()
            .filter(|l| !l.names.case_endings.is_empty())
            .map(|l| {
                // a word of four letters or fewer is its own head (суд, суда, суде; нато is
                // no stem of Наталья), but for a vowel ending its cases replace (рада: ради,
                // радою; rada: rady, radzie)
                let stems_of = |words: &[&str]| -> Vec<String> {
                    words
                        .iter()
                        .map(|w| {
                            let vowel_ending = w
                                .chars()
                                .last()
                                .is_some_and(|c| "aeiouyáéíóúýěůаеиоуыэюяіїє".contains(c));
                            if w.chars().count() <= 4 && !(vowel_ending && *w != "нато") {
                                crate::token::normalize(w)
                            } else {
                                crate::token::normalize(&crate::names::name_stem(w, Some(l.lang)))
                            }
                        })
                        .filter(|h| h.chars().count() >= 3)
                        .collect()
                };
                let stems = stems_of(l.names.org_words);
                let place_stems = stems_of(l.names.place_words);
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
                let words = |ws: &[&str]| ws.iter().map(|w| crate::token::normalize(w)).collect();
                (
                    l.lang,
                    Heads {
                        stems,
                        place_stems,
                        genitive_plurals: l.names.genitive_plural_endings,
                        endings,
                        adjectives,
                        links: words(l.names.name_links),
                        owner_links: words(l.names.org_links),
                        demonyms: words(l.names.demonym_endings),
                        tails: words(l.names.name_tails),
                        apostrophe_endings: words(l.names.apostrophe_endings),
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
pub(super) fn split_joined_names(mentions: &mut Vec<Mention>, lang: Option<Lang>, heads: &Heads) {
    let stem = |w: &str| crate::names::name_stem(w, lang);
    let organisation = |w: &str| {
        let norm = crate::token::normalize(w);
        is_org_word(&norm) || is_org_head(&norm, heads)
    };
    let mut alone: HashMap<String, usize> = HashMap::default();
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
        // (a place's name before it may sound like a given name: "России Мария Захарова")
        // a country's name, unless a given name as written (Jordan, Georgia): "МИД России
        // Мария Захарова", "Северна Ирландия Джеймс Броукъншайър"
        let a_country = |w: &str| {
            major_place_named(w, lang).is_some_and(|p| p.kind == PlaceKind::Country)
                && !is_given_name_as_written(&crate::token::normalize(w))
        };
        let given = |k: usize| {
            let norm = |w: &str| crate::token::normalize(w);
            // (capitalised, and no organisation's word: "Європейської ради Дональду Туску",
            // though Ради sounds like a given name)
            words.len() - k <= 3
                && is_capitalised(words[k])
                && !organisation(words[k])
                && is_given_word(words[k], lang)
                && !a_country(words[k])
                && (!is_given_name(&norm(words[k - 1]), lang)
                    || names_a_major_place(words[k - 1], lang)
                    || organisation(words[k - 1]))
                && !word_set!(names.particles).contains_key(norm(words[k - 1]).as_str())
        };
        // a given name or a place before the person wherever they are ("Rady Europejskiej
        // Donald Tusk" at Donald, though Rady is an organisation's word)
        let known_start = (1..=words.len() - 2).find(|&k| {
            given(k) || place_then_person(&words, k, lang, heads, &organisation).is_some()
        });
        let at = known_start.or_else(|| {
            (1..=words.len() - 2).find(|&k| {
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
        let words: Vec<&str> = m.text.split(' ').collect();
        let place = place_then_person(&words, k, lang, heads, &organisation);
        let organisation_before = place.is_none() && head.split(' ').any(&organisation);
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
        let kind = if place.is_some() {
            EntityKind::Place
        } else if organisation_before {
            EntityKind::Organization
        } else {
            EntityKind::Other
        };
        mentions[n] = Mention {
            text: head.to_string(),
            end: m.start + head_len,
            kind,
            place: place.map(|p| p.id.to_string()),
            ..m
        };
        mentions.push(person);
    }
}

/// The place of the gazetteer that the first `k` words of a run name in a case other than the
/// nominative (a country, a world region or a city of 50,000 people or more), when two or three
/// words follow that name no organisation, place or adjective (by its ending): a
/// place and a person's name that the text writes one after the other ("посол Великобритании
/// Каллум Уэстбрук", "premier Wielkiej Brytanii Theresa May"), where a place's name in that
/// case cannot run on into another name.
/// A given name as a word of a name is written: whole, or each part of a hyphenated one, a
/// case ending after an apostrophe left out ("Jean-Claude'a", "Jean-Claude").
fn is_given_word(word: &str, lang: Option<Lang>) -> bool {
    let word = word.split(['\'', '’']).next().unwrap_or(word);
    let given = |w: &str| is_given_name(&crate::token::normalize(w), lang);
    given(word)
        || (word.contains('-') && word.split('-').all(|part| !part.is_empty() && given(part)))
}

/// Whether a word is the name of a country, a region or a large city, in any case form.
fn names_a_major_place(word: &str, lang: Option<Lang>) -> bool {
    major_place_named(word, lang).is_some()
}

/// The country, region or large city a word names, in any case form.
fn major_place_named(word: &str, lang: Option<Lang>) -> Option<&'static Place> {
    place_named(word, lang, 1).filter(|p| p.is_major())
}

/// The place of the gazetteer that `text` (at most `most_words` words) names: as written, or in
/// a case other than the nominative (then a major place only: see [`inflected_place`]).
fn place_named(text: &str, lang: Option<Lang>, most_words: usize) -> Option<&'static Place> {
    let g = gazetteer();
    if let Some(index) = g.names.get(name_key(text).as_str()) {
        return g.places.get(*index as usize);
    }
    let tokens = crate::token::tokenize(text);
    let run: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    if run.len() > most_words {
        return None;
    }
    inflected_place(&run, g, lang).and_then(|index| g.places.get(*index as usize))
}

fn place_then_person(
    words: &[&str],
    k: usize,
    lang: Option<Lang>,
    heads: &Heads,
    organisation: &dyn Fn(&str) -> bool,
) -> Option<&'static Place> {
    let rest = words.get(k..)?;
    if k > 3 || !(2..=3).contains(&rest.len()) || rest.iter().any(|w| organisation(w)) {
        return None;
    }
    let g = gazetteer();
    let place_named = |text: &str| place_named(text, lang, 3);
    // the oblique endings of Slavic adjectives, beside the language's own adjective endings:
    // "Europy Środkowo-Wschodniej" is one name
    const OBLIQUE: &[&str] = &["ego", "ej", "ого", "его", "ой", "ей", "ої"];
    let adjective = |w: &&str| {
        let norm = crate::token::normalize(w);
        heads.is_adjective(&norm)
            || OBLIQUE
                .iter()
                .any(|e| norm.ends_with(crate::token::normalize(e).as_str()))
    };
    // a word after it that names a place as written, or a country in any case (not a
    // region's case form that is a surname: Вара, Var's genitive)
    let another_place = |w: &&str| {
        g.names.contains_key(name_key(w).as_str())
            || place_named(w).is_some_and(|p| p.kind == PlaceKind::Country)
    };
    if rest.iter().any(adjective) || rest.iter().any(another_place) {
        return None;
    }
    let head = words[..k].join(" ");
    // in the nominative, the place may begin a longer name ("Nowa Zelandia Steel")
    if g.names.contains_key(name_key(&head).as_str()) {
        return None;
    }
    place_named(&head).filter(|p| {
        matches!(p.kind, PlaceKind::Country | PlaceKind::Region) || p.population >= 50_000
    })
}

/// An organisation and the place or body it belongs to, written one after the other, as one
/// name ("Верховный суд Пакистана", "Trybunału Sprawiedliwości Unii Europejskiej", "МИД
/// Великобритании", "Върховният съд на Пакистан"), in a language that capitalises only the first
/// word of a name (`heads` not empty): the owner is in a case other than its nominative, an
/// acronym after an organisation word (Совету ЕС), or tied by the language's preposition
/// (`names.org_links`). `mentions` are in text order.
pub(super) fn join_owners(
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

/// Where the abbreviation written right before byte `at` starts ("Wlk. Brytanii", "W.
/// Brytanii"): a capitalised word of three letters at most and its dot, with a lowercase letter
/// or alone (not "USA."), no title ("Dr.").
pub(super) fn abbreviation_before(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].strip_suffix(". ")?;
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let letters = word.chars().count();
    let abbreviation = (1..=3).contains(&letters)
        && is_capitalised(word)
        && (letters == 1 || word.chars().skip(1).all(char::is_lowercase))
        && !is_title_word(&crate::token::normalize(word));
    abbreviation.then(|| before.len() - word.len())
}

/// Parts of a name that punctuation kept apart, joined (`mentions` in text order): an
/// abbreviated first word ("W. Brytanii", "J. Kowalski"); a place and the adjective or
/// abbreviation after it that makes another place of it ("Irlandii Północnej", "Irlandią
/// Płn."), in a language whose names take case endings (`heads` not empty); an organisation
/// and the name in quotation marks after it ("Информационна агенция \"Фокус\"").
pub(super) fn join_written_parts(text: &str, mentions: &mut Vec<Mention>, heads: &Heads) {
    // an abbreviation right before: a capitalised word of three letters at most, with a
    // lowercase letter or alone (not "USA."), no title ("Dr."); a mention of the abbreviation
    // alone ("Wlk" of "Wlk. Brytanii") goes
    let mut abbreviations = Vec::new();
    for m in mentions.iter_mut() {
        if let Some(start) = abbreviation_before(text, m.start) {
            let dot = text[..m.start].len() - 2;
            m.text = text[start..m.end].to_string();
            m.start = start;
            abbreviations.push((start, dot));
        }
    }
    if !abbreviations.is_empty() {
        mentions.retain(|m| !abbreviations.contains(&(m.start, m.end)));
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

/// A capitalised adjective (token `end`) and one or two lowercase adjectives after it that
/// reach an organisation word: the index of that word ("Световната търговска организация",
/// "Demokratická unionistická strana"). Not across punctuation, a function word or a taken word.
pub(super) fn adjectives_to_head(
    text: &str,
    tokens: &[Token],
    taken: &[bool],
    end: usize,
    heads: &Heads,
) -> Option<usize> {
    if heads.is_empty() || !heads.is_adjective(&tokens[end].norm) {
        return None;
    }
    let word_after = |k: usize| lowercase_word_after(text, tokens, taken, k);
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

/// Token `k` when it is a word one space after the token before it, not taken by a name.
fn word_after<'t>(text: &str, tokens: &'t [Token], taken: &[bool], k: usize) -> Option<&'t Token> {
    let t = tokens.get(k)?;
    let gap = &text[tokens[k - 1].span.end..t.span.start];
    (gap == " " && t.kind == TokenKind::Word && !taken[k]).then_some(t)
}

/// [`word_after`], a lowercase word that is no function word.
fn lowercase_word_after<'t>(
    text: &str,
    tokens: &'t [Token],
    taken: &[bool],
    k: usize,
) -> Option<&'t Token> {
    word_after(text, tokens, taken, k).filter(|t| {
        !is_capitalised(&text[t.span.start..t.span.end]) && !crate::lang::is_function_word(&t.norm)
    })
}

/// After an organisation word (token `end`), a preposition that goes on with its name and the
/// lowercase word it governs ("Камарата на общините", "Агенция за лекарствата"): the index of
/// that word. Not across punctuation, a capitalised word (an owner: see `join_owners`), a
/// function word or a taken word. One word only: adjectives and nouns share their endings
/// ("на общините одобри"), and a longer name is cut short rather than run on. Not an owner's
/// link (`names.org_links`) after an adjective and its head, which name the organisation.
pub(super) fn governed_word(
    text: &str,
    tokens: &[Token],
    taken: &[bool],
    end: usize,
    heads: &Heads,
) -> Option<usize> {
    if heads.links.is_empty() || !is_org_head(&tokens[end].norm, heads) {
        return None;
    }
    let link = word_after(text, tokens, taken, end + 1)?;
    if !heads.links.contains(&link.norm) {
        return None;
    }
    // an adjective and its head name the organisation already: whose it is belongs to the
    // sentence ("Консервативната партия на премиера"), what it is for to the name
    // ("Европейската агенция за лекарствата")
    if heads.owner_links.contains(&link.norm)
        && end > 0
        && tokens[end - 1].kind == TokenKind::Word
        && text[tokens[end - 1].span.end..tokens[end].span.start] == *" "
        && heads.is_adjective(&tokens[end - 1].norm)
    {
        return None;
    }
    lowercase_word_after(text, tokens, taken, end + 2).map(|_| end + 2)
}
