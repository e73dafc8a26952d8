//! People, groups and places named in an article, and the same actors across articles,
//! languages and scripts.
//!
//! Within an article (`find_mentions`): places from the gazetteer (longest match, Arabic clitics
//! stripped); in cased scripts, runs of capitalised words (with name particles: al, el, de, van,
//! von, bin, ben, abu, abou…), acronyms, organisations by their head words (Observatoire, Army,
//! Ministry…), people by the titles and roles before them. A lone surname joins the full name
//! said earlier; an acronym in brackets joins the name before it.
//!
//! Across articles (`link_entities`): mentions become entities by sound keys (`names`), with the
//! evidence recorded. Arabic has no capitals: its text is also searched for the keys of names
//! found in other articles (ملاحفجي for Malahifji).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Serialize;

use crate::lang::Script;
use crate::languages::{self, word_set};
use crate::lexicon::{FxMap, WordMap};
use crate::model::{ArticleId, EntityId, Lang};
use crate::names::{key_similarity, key_similarity_written, key_text, sound_key, Sound};
use crate::token::{tokenize, Token, TokenKind};

/// What an entity is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// A name found in an article's cleaned text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// The corpus entity once linked ([`link_entities`]); "" in JSON while not linked.
    #[serde(serialize_with = "crate::model::serialize_link")]
    pub entity: Option<EntityId>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub kind: EntityKind,
    /// Within-article group: mentions of one actor in this article share it.
    #[serde(skip)]
    pub group: usize,
    /// Gazetteer place id, when the name is a known place.
    #[serde(skip)]
    pub place: Option<String>,
}

/// One place of the gazetteer.
#[derive(Debug)]
pub struct Place {
    pub id: &'static str,
    pub name: &'static str,
    pub country: &'static str,
    pub population: u64,
    pub is_country: bool,
}

struct Gazetteer {
    places: Vec<Place>,
    /// normalised name → places (most populous first)
    names: WordMap<Vec<u32>>,
    /// owned keys live here; `names` borrows leaked copies (built once per process)
    longest: usize,
}

const GAZETTEER_TSV: &str = include_str!("../data/gazetteer.tsv");

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        let mut places = Vec::new();
        let mut names: WordMap<Vec<u32>> = WordMap::default();
        let mut longest = 1;
        for line in GAZETTEER_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(kind), Some(id), Some(name), Some(country), Some(population), Some(all)) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                continue;
            };
            let index = places.len() as u32;
            places.push(Place {
                id,
                name,
                country,
                population: population.parse().unwrap_or(0),
                is_country: kind == "country",
            });
            for variant in all.split('|') {
                let key = name_key(variant);
                if key.is_empty() {
                    continue;
                }
                longest = longest.max(key.split(' ').count());
                // leaked once per process, and only for a key not seen yet (the same spelling
                // of several places, or twice for one place, is one key): the table lives as
                // long as the program, and nothing leaked is unreachable (fuzz: LeakSanitizer)
                let entry = match names.get_mut(key.as_str()) {
                    Some(entry) => entry,
                    None => names.entry(Box::leak(key.into_boxed_str())).or_default(),
                };
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
        }
        Gazetteer {
            places,
            names,
            longest: longest.min(6),
        }
    })
}

/// A name as the gazetteer stores it: token norms joined by single spaces.
fn name_key(name: &str) -> String {
    tokenize(name)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct || t.norm == "-")
        .map(|t| t.norm)
        .filter(|n| n != "-")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Looks a place name up in the gazetteer.
pub fn lookup_place(name: &str) -> Option<&'static Place> {
    let g = gazetteer();
    let index = *g.names.get(name_key(name).as_str())?.first()?;
    g.places.get(index as usize)
}

/// Nominative candidates of a Russian or Ukrainian noun in another case (России → Россия,
/// Москве → Москва, Турции → Турция, Киеве → Киев), the word itself first.
fn russian_nominatives(norm: &str) -> Vec<String> {
    let mut forms = vec![norm.to_string()];
    let chars: Vec<char> = norm.chars().collect();
    if chars.len() < 4 {
        return forms;
    }
    let stem = |n: usize| chars[..chars.len() - n].iter().collect::<String>();
    let last = chars[chars.len() - 1];
    let two: String = chars[chars.len() - 2..].iter().collect();
    match two.as_str() {
        "ии" | "ию" | "ей" => forms.push(format!("{}ия", stem(2))),
        "ом" | "ем" | "ой" | "ою" => {
            forms.push(stem(2));
            forms.push(format!("{}а", stem(2)));
        }
        _ => {}
    }
    match last {
        'и' | 'ы' | 'е' | 'у' | 'ю' => {
            forms.push(format!("{}а", stem(1)));
            forms.push(format!("{}я", stem(1)));
            forms.push(stem(1));
        }
        'а' | 'я' => forms.push(stem(1)),
        _ => {}
    }
    forms
}

/// Arabic clitics that stick to the word they precede: و (and), ب (in), ل (to), ف, ك, and the
/// article ال with them (وال، بال، لل).
fn arabic_stems(norm: &str) -> impl Iterator<Item = String> + '_ {
    // Places whose name has the article keep it in the gazetteer (الخرطوم): only the proclitics
    // و ب ل ف are taken off, and لل (ل + ال) gives back the article. Stripping ال itself would
    // read الليل ("the night") as Lille.
    const PREFIXES: &[(&str, &str)] = &[
        ("لل", "ال"),
        ("وال", "ال"),
        ("بال", "ال"),
        ("فال", "ال"),
        ("و", ""),
        ("ب", ""),
        ("ل", ""),
        ("ف", ""),
    ];
    std::iter::once(norm.to_string()).chain(PREFIXES.iter().filter_map(move |(p, put)| {
        norm.strip_prefix(p)
            .filter(|rest| rest.chars().count() >= 3)
            .map(|rest| format!("{put}{rest}"))
    }))
}

/// A one-word place name inside a run of capitalised words or next to a name particle is part of
/// a person's or a group's name ("Abou Hassan al-Khatib": Hassan is also a city).
fn inside_a_name(text: &str, tokens: &[Token], i: usize) -> bool {
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
const GROUP_NAMES: &[&str] = &[
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
fn is_org_word(norm: &str) -> bool {
    word_set!(names.org_words).contains_key(norm) || GROUP_NAMES.contains(&norm)
}

/// The English compass word a word of any language means ("ouest" → "west"): a part of a place.
fn compass(norm: &str) -> Option<&'static str> {
    languages::all(|l| l.names.compass)
        .find(|(w, _)| *w == norm)
        .map(|(_, en)| *en)
}

/// A title or role word, alone or inside a compound (Außenminister, вице-президент).
fn is_title_word(norm: &str) -> bool {
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
fn is_sentence_word(norm: &str) -> bool {
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

fn script_of_token(text: &str) -> Option<Script> {
    text.chars().find_map(Script::of)
}

fn is_capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(text: &str) -> bool {
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

/// [`find_mentions`] over the text's tokens, when the caller has them already.
pub fn find_mentions_in(text: &str, tokens: &[Token], lang: Option<Lang>) -> Vec<Mention> {
    let g = gazetteer();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut taken = vec![false; tokens.len()];

    // 1. Places of the gazetteer, longest first.
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, u32)> = None;
        let first = &text[tokens[i].span.start..tokens[i].span.end];
        let cased = script_of_token(first)
            .is_some_and(|s| matches!(s, Script::Latin | Script::Cyrillic | Script::Greek));
        if cased && !is_capitalised(first) {
            i += 1;
            continue;
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
            } else if len == 1 && script_of_token(first) == Some(Script::Cyrillic) {
                russian_nominatives(key)
                    .iter()
                    .find_map(|form| g.names.get(form.as_str()))
            } else {
                g.names.get(key)
            };
            if let Some(places) = hit {
                // too short, a function word ("Sur"), a common Arabic noun (المدينة, "the city"),
                // or an organisation's head word ("Observatoire"): not a place here
                let common = len == 1
                    && (inside_a_name(text, tokens, i)
                        || crate::lang::is_function_word(key)
                        || is_org_word(key)
                        || arabic_stems(key).any(|stem| {
                            word_set!(names.common_nouns)
                                .contains_key(stem.trim_start_matches("ال"))
                        }));
                if key.chars().count() >= 3 && !common {
                    found = Some((span_tokens.len(), places[0]));
                    break;
                }
            }
        }
        match found {
            Some((len, place)) => {
                let last = last_word_index(tokens, i, len);
                let (start, end) = (tokens[i].span.start, tokens[last].span.end);
                for t in taken.iter_mut().take(last + 1).skip(i) {
                    *t = true;
                }
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
                    kind: EntityKind::Place,
                    group: 0,
                    place: Some(id),
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }

    // 2. Capitalised runs in cased scripts.
    let starts = sentence_starts(text, tokens);
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let surface = &text[t.span.start..t.span.end];
        if taken[i] || t.kind != TokenKind::Word || !is_capitalised(surface) {
            i += 1;
            continue;
        }
        let sentence_start = starts[i];
        // extend over capitalised words, particles and hyphens
        let mut end = i;
        let mut j = i + 1;
        while j < tokens.len() {
            let n = &tokens[j];
            let gap = &text[tokens[j - 1].span.end..n.span.start];
            if gap.contains('\n') || gap.chars().count() > 1 {
                break;
            }
            let s = &text[n.span.start..n.span.end];
            if n.kind == TokenKind::Word && is_capitalised(s) && !taken[j] {
                end = j;
                j += 1;
            } else if n.kind == TokenKind::Word
                && word_set!(names.particles).contains_key(n.norm.as_str())
                && j + 1 < tokens.len()
            {
                // a particle only inside a name: a capitalised word must follow
                let next = tokens.get(j + 1).filter(|x| {
                    x.kind == TokenKind::Word && is_capitalised(&text[x.span.start..x.span.end])
                });
                let after_hyphen = tokens.get(j + 1).is_some_and(|x| x.norm == "-");
                if next.is_some() && text[n.span.end..tokens[j + 1].span.start].chars().count() <= 1
                {
                    j += 1;
                } else if after_hyphen {
                    j += 2;
                } else {
                    break;
                }
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
            && !capitalised_inside_a_sentence(text, tokens, &starts, norm0))
            || (single && lowercase_elsewhere(text, tokens, norm0))
            || (single && is_sentence_word(norm0))
            || crate::dates::is_date_word(norm0)
            || (single && surface.chars().count() < 2)
            || (single && after_indefinite_article(tokens, first))
            || portfolio;
        if !skip {
            let (start, stop) = (t.span.start, tokens[end].span.end);
            let name = &text[start..stop];
            let previous: Vec<&str> = words_before(tokens, first).take(3).collect();
            let org = words.iter().any(|w| is_org_word(&w.norm)) || (single && is_acronym(surface));
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
            mentions.push(Mention {
                entity: None,
                text: name.to_string(),
                start,
                end: stop,
                kind,
                group: 0,
                place: None,
            });
        }
        i = end + 1;
    }
    if lang.map(crate::lang::script_of_lang) == Some(Script::Arabic) {
        add_arabic_cued_names(text, tokens, &mut mentions);
    }
    add_acronym_expansions(text, tokens, &mut mentions);
    mentions.sort_by_key(|m| m.start);
    group_within_article(&mut mentions);
    mentions
}

/// "la ministre belge des Affaires étrangères", "ministère de la Défense", "ministro de
/// Defensa", "ministro degli Esteri", "Secretary of State": the capitalised word is the
/// minister's portfolio, part of a title or of the ministry's name, not an actor of its own.
fn names_a_portfolio(tokens: &[Token], first: usize) -> bool {
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
fn words_before(tokens: &[Token], at: usize) -> impl Iterator<Item = &str> {
    tokens[..at]
        .iter()
        .rev()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.norm.as_str())
}

/// "eine Demonstrantin", "ein Sprecher", "un Cosaque": a lone capitalised word after an
/// indefinite article is a noun (German capitalises every noun), not a name.
fn after_indefinite_article(tokens: &[Token], first: usize) -> bool {
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
fn arabic_stop(norm: &str) -> bool {
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
fn has_tanwin(surface: &str) -> bool {
    surface.contains(['\u{064B}', '\u{064C}', '\u{064D}'])
}

/// Arabic has no capitals: after a reporting verb or a title (قال، وزير الخارجية الروسي…), the
/// adjectives with the article are skipped and the next one to three words are a person's name,
/// with one trailing al-word kept when the sentence ends there (بشار الأسد).
fn add_arabic_cued_names(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
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
fn add_acronym_expansions(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let mut added = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let surface = &text[t.span.start..t.span.end];
        let bracketed =
            k >= 1 && tokens[k - 1].norm == "(" && tokens.get(k + 1).is_some_and(|n| n.norm == ")");
        if !bracketed || !is_acronym(surface) {
            continue;
        }
        let before = k - 1; // the "("
        let window_start = before.saturating_sub(8);
        let Some(first) = (window_start..before).find(|j| {
            tokens[*j].kind == TokenKind::Word
                && is_capitalised(&text[tokens[*j].span.start..tokens[*j].span.end])
        }) else {
            continue;
        };
        if before == 0 || first >= before {
            continue;
        }
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
        added.push(Mention {
            entity: None,
            text: text[start..end].to_string(),
            start,
            end,
            kind: EntityKind::Organization,
            group: 0,
            place: None,
        });
    }
    mentions.extend(added);
}

/// Whether the apostrophe at `j` joins a capital letter to a capitalised word within a name
/// ("Nadia O'Hara", "Massimo D'Alema"): a single capital before it, a capitalised word right
/// after it, nothing between. A run that opens with the letter may only be "O'" — a name opening
/// a sentence with "D'Alep" or "L'Armée" is a French elision, not part of the name.
fn apostrophe_in_a_name(text: &str, tokens: &[Token], run_start: usize, j: usize) -> bool {
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
fn word_run(tokens: &[Token], i: usize, len: usize) -> Vec<&Token> {
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

fn last_word_index(tokens: &[Token], i: usize, len: usize) -> usize {
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

/// For each token: does it open a sentence (first token, after . ! ? : or a quote opening a
/// sentence, or at the start of a paragraph)?
fn sentence_starts(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut starts = vec![false; tokens.len()];
    let mut at_start = true;
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && text[tokens[i - 1].span.end..t.span.start].contains('\n') {
            at_start = true;
        }
        if t.kind == TokenKind::Punct {
            if matches!(t.norm.as_str(), "." | "!" | "?" | ":" | "؟" | "…") {
                at_start = true;
            }
            continue;
        }
        starts[i] = at_start;
        at_start = false;
    }
    starts
}

fn capitalised_inside_a_sentence(
    text: &str,
    tokens: &[Token],
    starts: &[bool],
    norm: &str,
) -> bool {
    tokens.iter().zip(starts).any(|(t, start)| {
        !*start && t.norm == norm && is_capitalised(&text[t.span.start..t.span.end])
    })
}

/// The word is written in lowercase somewhere else in the text: a common word, not a name.
fn lowercase_elsewhere(text: &str, tokens: &[Token], norm: &str) -> bool {
    tokens.iter().any(|t| {
        t.norm == norm
            && text[t.span.start..t.span.end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    })
}

/// Within one article: a lone word joins the longer name whose last word sounds the same
/// (Malahifdji → Zakaria Malahifji), an acronym in brackets joins the name just before it, and
/// identical names are one.
fn group_within_article(mentions: &mut [Mention]) {
    // a name comes back many times in an article: keys and comparisons are made once per
    // distinct spelling
    let mut spelling_of: HashMap<&str, usize> = HashMap::new();
    let mut keys: Vec<Vec<Vec<Sound>>> = Vec::new();
    let spelling: Vec<usize> = mentions
        .iter()
        .map(|m| {
            *spelling_of.entry(m.text.as_str()).or_insert_with(|| {
                keys.push(
                    m.text
                        .split([' ', '-'])
                        .filter(|w| !w.is_empty())
                        .map(sound_key)
                        .collect(),
                );
                keys.len() - 1
            })
        })
        .collect();
    // by pair of spellings (a map, not a matrix: an article may hold thousands of spellings)
    let mut same_cache: FxMap<(usize, usize), bool> = FxMap::default();
    let mut group_of: Vec<usize> = (0..mentions.len()).collect();
    for i in 0..mentions.len() {
        for j in 0..i {
            if mentions[i].kind == EntityKind::Place || mentions[j].kind == EntityKind::Place {
                if mentions[i].place.is_some() && mentions[i].place == mentions[j].place {
                    group_of[i] = group_of[j];
                    break;
                }
                continue;
            }
            let (si, sj) = (spelling[i], spelling[j]);
            let same = *same_cache.entry((si, sj)).or_insert_with(|| {
                same_name(&keys[si], &keys[sj])
                    || last_name_of(&keys[si], &keys[sj])
                    || last_name_of(&keys[sj], &keys[si])
            });
            if same {
                group_of[i] = group_of[j];
                // a longer name tells the kind better
                break;
            }
        }
    }
    // acronyms in brackets: "Observatoire syrien des droits de l'homme (OSDH)"
    for i in 1..mentions.len() {
        if is_acronym(&mentions[i].text) && mentions[i].kind == EntityKind::Organization {
            let expansion = (0..i).rev().find(|j| {
                mentions[*j].end + 2 >= mentions[i].start.saturating_sub(1)
                    && mentions[*j].text.split(' ').count() >= 2
            });
            if let Some(j) = expansion {
                let target = group_of[j];
                let old = group_of[i];
                for g in group_of.iter_mut() {
                    if *g == old {
                        *g = target;
                    }
                }
            }
        }
    }
    for (m, g) in mentions.iter_mut().zip(group_of) {
        m.group = g;
    }
}

fn same_name(a: &[Vec<Sound>], b: &[Vec<Sound>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key_similarity(x, y) >= 0.85)
}

/// `short` is one word that sounds like the last word of `long` (a surname).
fn last_name_of(short: &[Vec<Sound>], long: &[Vec<Sound>]) -> bool {
    short.len() == 1
        && long.len() >= 2
        && long
            .last()
            .is_some_and(|last| key_similarity(&short[0], last) >= 0.85 && short[0].len() >= 3)
}

/// An entity of the corpus: one actor, all its spellings.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    pub id: EntityId,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The longest Latin-script spelling, else the longest.
    pub name: String,
    pub variants: Vec<String>,
    pub languages: Vec<Lang>,
    pub articles: Vec<ArticleId>,
    /// Why the spellings were merged, in words.
    pub evidence: Vec<String>,
    pub mentions: usize,
}

/// What `link_entities` needs of an article.
pub struct ArticleMentions<'a> {
    pub article: ArticleId,
    pub language: Option<Lang>,
    pub text: &'a str,
    pub mentions: &'a mut Vec<Mention>,
}

struct Cluster {
    /// The spelling that opened the cluster (for evidence).
    label: String,
    /// That spelling writes its short vowels (Latin, Cyrillic, Greek; not Arabic or Hebrew).
    voweled: bool,
    kind: EntityKind,
    place: Option<String>,
    /// word keys of the fullest name
    keys: Vec<Vec<Sound>>,
    variants: Vec<(String, Option<Lang>)>,
    /// how often each variant was seen (same order as `variants`)
    counts: Vec<usize>,
    languages: Vec<Lang>,
    articles: Vec<ArticleId>,
    evidence: Vec<String>,
    mentions: usize,
}

/// Links mentions across articles into entities; fills each mention's `entity` with the id.
/// Arabic-script articles are also searched for names known from the others.
pub fn link_entities(articles: &mut [ArticleMentions<'_>]) -> Vec<Entity> {
    let mut linker = Linker::default();
    for article in articles.iter_mut() {
        linker.add(article);
    }
    linker.finish(articles)
}

/// [`link_entities`] one article at a time, as articles arrive (a pipeline links each batch
/// while the next is analysed): [`Linker::add`] each article in order, then
/// [`Linker::finish`] over all of them. Until then a mention's `entity` is provisional.
#[derive(Default)]
pub struct Linker {
    clusters: Vec<Cluster>,
    by_place: HashMap<String, usize>,
    /// clusters by a coarse key of their surname: a name is compared with its block only
    blocks: HashMap<[u8; 2], Vec<(usize, u16)>>,
    /// spellings already placed: most mentions repeat a spelling seen before
    seen: HashMap<(String, EntityKind), usize>,
}

impl Linker {
    /// Links the mentions of the next article: its article-local groups join entities.
    pub fn add(&mut self, article: &mut ArticleMentions<'_>) {
        let Linker {
            clusters,
            by_place,
            blocks,
            seen,
        } = self;
        let article_id = article.article;
        let language = article.language;
        let mentions: &Vec<Mention> = article.mentions;
        let mut group_cluster: HashMap<usize, usize> = HashMap::new();
        // fullest name of each group first
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(mentions[*i].text.split(' ').count()));
        let mut assigned: Vec<(usize, usize)> = Vec::new();
        for i in order {
            let m = &mentions[i];
            let cluster = if let Some(c) = group_cluster.get(&m.group) {
                *c
            } else {
                let name_keys = || -> Vec<Vec<Sound>> {
                    m.text
                        .split([' ', '-'])
                        .filter(|w| {
                            !w.is_empty() && !matches!(w.to_lowercase().as_str(), "al" | "el")
                        })
                        .map(sound_key)
                        .collect()
                };
                let spelling = (m.text.to_lowercase(), m.kind);
                // a spelling placed before needs no keys unless it is new evidence
                let mut keys: Option<Vec<Vec<Sound>>> = None;
                let found = match &m.place {
                    Some(place) => by_place.get(place.as_str()).copied(),
                    None if seen.contains_key(&spelling) => seen.get(&spelling).copied(),
                    None => {
                        let name: &Vec<Vec<Sound>> = keys.insert(name_keys());
                        name.last().and_then(|surname| {
                            let mask = class_mask(surname);
                            blocks.get(&block_of(surname)).and_then(|candidates| {
                                candidates
                                    .iter()
                                    // spellings of one surname differ in one or two sound classes at most
                                    .filter(|(_, other)| (mask ^ other).count_ones() <= 2)
                                    .map(|(c, _)| *c)
                                    .find(|c| {
                                        let c = &clusters[*c];
                                        c.place.is_none()
                                            && compatible(c.kind, m.kind)
                                            && names_match(
                                                &c.keys,
                                                name,
                                                c.voweled && writes_vowels(&m.text),
                                            )
                                    })
                            })
                        })
                    }
                };
                let c = match found {
                    Some(c) => {
                        if m.place.is_some() {
                            // same gazetteer place: no sound evidence needed
                        } else if !clusters[c].variants.iter().any(|(v, _)| v == &m.text)
                            && clusters[c].evidence.len() < 8
                        {
                            let keys = keys.get_or_insert_with(name_keys);
                            let why = format!(
                                "«{}» sounds like «{}» ({} ~ {})",
                                m.text,
                                clusters[c].label,
                                keys.iter()
                                    .map(|k| key_text(k))
                                    .collect::<Vec<_>>()
                                    .join(" "),
                                clusters[c]
                                    .keys
                                    .iter()
                                    .map(|k| key_text(k))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            );
                            clusters[c].evidence.push(why);
                        }
                        if m.kind != EntityKind::Other && clusters[c].kind == EntityKind::Other {
                            clusters[c].kind = m.kind;
                        }
                        c
                    }
                    None => {
                        let keys = keys.unwrap_or_else(name_keys);
                        clusters.push(Cluster {
                            label: m.text.clone(),
                            voweled: writes_vowels(&m.text),
                            kind: m.kind,
                            place: m.place.clone(),
                            keys,
                            variants: Vec::new(),
                            counts: Vec::new(),
                            languages: Vec::new(),
                            articles: Vec::new(),
                            evidence: Vec::new(),
                            mentions: 0,
                        });
                        if let Some(surname) = clusters.last().and_then(|c| c.keys.last()) {
                            blocks
                                .entry(block_of(surname))
                                .or_default()
                                .push((clusters.len() - 1, class_mask(surname)));
                        }
                        if let Some(place) = &m.place {
                            by_place.insert(place.clone(), clusters.len() - 1);
                            if let Some(c) = clusters.last_mut() {
                                c.evidence.push(format!("gazetteer place {place}"));
                            }
                        }
                        clusters.len() - 1
                    }
                };
                group_cluster.insert(m.group, c);
                if m.place.is_none() && seen.len() < 5_000_000 {
                    seen.insert(spelling, c);
                }
                c
            };
            assigned.push((i, cluster));
        }
        for (i, c) in assigned {
            let m = &article.mentions[i];
            let cluster = &mut clusters[c];
            cluster.mentions += 1;
            match cluster.variants.iter().position(|(v, _)| v == &m.text) {
                Some(v) => cluster.counts[v] += 1,
                None => {
                    cluster.variants.push((m.text.clone(), language));
                    cluster.counts.push(1);
                }
            }
            if let Some(l) = language.filter(|l| !cluster.languages.contains(l)) {
                cluster.languages.push(l);
            }
            // articles are linked one after the other: this one, if listed, is the last
            if cluster.articles.last() != Some(&article_id) {
                cluster.articles.push(article_id);
            }
            article.mentions[i].entity = Some(provisional(c));
        }
    }

    /// Ends the linking of `articles` (every article added, in the same order): names of
    /// Arabic-script articles known from the others found by their sound, the entities made
    /// and their ids given to the mentions.
    pub fn finish(self, articles: &mut [ArticleMentions<'_>]) -> Vec<Entity> {
        let mut clusters = self.clusters;
        // Arabic-script articles: names known from other articles, found by their sound
        let mut known: HashMap<[u8; 2], Vec<(usize, Vec<Sound>)>> = HashMap::new();
        for (i, c) in clusters.iter().enumerate() {
            if c.place.is_some() || c.kind == EntityKind::Other {
                continue;
            }
            if let Some(k) = c.keys.last().filter(|k| consonants(k) >= 2) {
                known.entry(block_of(k)).or_default().push((i, k.clone()));
            }
        }
        for article in articles.iter_mut() {
            if article.language.map(crate::lang::script_of_lang) != Some(Script::Arabic) {
                continue;
            }
            let tokens = tokenize(article.text);
            let language = article.language;
            // two passes: a lone surname before the full name is found once the full name is known
            for _pass in 0..2 {
                for (ti, t) in tokens.iter().enumerate() {
                    if t.kind != TokenKind::Word
                        || has_tanwin(&article.text[t.span.start..t.span.end])
                        || arabic_stop(&t.norm)
                        || article
                            .mentions
                            .iter()
                            .any(|m| m.start <= t.span.start && t.span.end <= m.end)
                    {
                        continue;
                    }
                    let key = sound_key(&t.norm);
                    let previous = ti
                        .checked_sub(1)
                        .and_then(|p| tokens.get(p))
                        .filter(|p| p.kind == TokenKind::Word);
                    let found_here: Vec<usize> = article
                        .mentions
                        .iter()
                        .filter_map(|m| Some(m.entity?.0 as usize))
                        .collect();
                    let Some((cluster, score)) = known
                        .get(&block_of(&key))
                        .into_iter()
                        .flatten()
                        .map(|(c, k)| (*c, k, key_similarity_written(&key, k, false)))
                        .filter(|(c, k, s)| {
                            // short surnames (Assad: two consonants) need more: the first name just before,
                            // or the full name already found in this article
                            let first_before =
                                previous
                                    .zip(clusters[*c].keys.first())
                                    .is_some_and(|(p, f)| {
                                        clusters[*c].keys.len() >= 2
                                            && key_similarity_written(&sound_key(&p.norm), f, false)
                                                >= 0.75
                                    });
                            *s >= 0.85
                                && (consonants(k) >= 3
                                    || (*s >= 0.89 && (first_before || found_here.contains(c))))
                        })
                        .map(|(c, _, s)| (c, s))
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                    else {
                        continue;
                    };
                    // take a preceding word too when it sounds like the entity's first name (زكريا ملاحفجي)
                    let mut start = t.span.start;
                    if let (Some(prev), Some(first)) = (
                        ti.checked_sub(1).and_then(|p| tokens.get(p)),
                        clusters[cluster].keys.first(),
                    ) {
                        if clusters[cluster].keys.len() >= 2
                            && prev.kind == TokenKind::Word
                            && key_similarity_written(&sound_key(&prev.norm), first, false) >= 0.75
                        {
                            start = prev.span.start;
                        }
                    }
                    let text = article.text[start..t.span.end].to_string();
                    let c = &mut clusters[cluster];
                    if !c.variants.iter().any(|(v, _)| v == &text) {
                        c.variants.push((text.clone(), language));
                        c.counts.push(1);
                        if c.evidence.len() < 8 {
                            c.evidence
                                .push(format!("«{text}» sounds like «{}» ({:.2})", c.label, score));
                        }
                    }
                    if let Some(l) = language.filter(|l| !c.languages.contains(l)) {
                        c.languages.push(l);
                    }
                    if !c.articles.contains(&article.article) {
                        c.articles.push(article.article);
                    }
                    c.mentions += 1;
                    article.mentions.push(Mention {
                        entity: Some(provisional(cluster)),
                        text,
                        start,
                        end: t.span.end,
                        kind: c.kind,
                        group: usize::MAX,
                        place: None,
                    });
                }
            }
            article.mentions.sort_by_key(|m| m.start);
        }
        let (mut entities, keys): (Vec<Entity>, Vec<String>) = clusters
            .into_iter()
            .map(|c| {
                // the most frequent Latin spelling (the fullest on a tie), else the most frequent
                let name = c
                    .variants
                    .iter()
                    .zip(&c.counts)
                    .filter(|((v, _), _)| v.chars().any(|ch| ch.is_ascii_alphabetic()))
                    .max_by_key(|((v, _), n)| (**n, v.split(' ').count(), v.chars().count()))
                    .map(|(v, _)| v)
                    .or_else(|| c.variants.iter().max_by_key(|(v, _)| v.chars().count()))
                    .map(|(v, _)| v.clone())
                    .unwrap_or_default();
                let name = match c
                    .place
                    .as_deref()
                    .map(|id| id.split_once('/').unwrap_or((id, "")))
                {
                    Some((base, part)) => match gazetteer().places.iter().find(|p| p.id == base) {
                        Some(place) if part.is_empty() => place.name.to_string(),
                        Some(place) => format!("{} ({part})", place.name),
                        None => name,
                    },
                    None => name,
                };
                let key = canonical_key(c.place.as_deref(), &name);
                let entity = Entity {
                    id: EntityId(0),
                    kind: c.kind,
                    name,
                    variants: c.variants.into_iter().map(|(v, _)| v).collect(),
                    languages: c.languages,
                    articles: c.articles,
                    evidence: c.evidence,
                    mentions: c.mentions,
                };
                (entity, key)
            })
            .unzip();
        // the ids, from what each entity is; the mentions carried their cluster's index till now
        let mut taken = HashSet::new();
        let ids: Vec<EntityId> = keys.iter().map(|k| fresh_id(&mut taken, k)).collect();
        for (entity, id) in entities.iter_mut().zip(&ids) {
            entity.id = *id;
        }
        for article in articles.iter_mut() {
            for m in article.mentions.iter_mut() {
                m.entity = m.entity.and_then(|p| ids.get(p.0 as usize).copied());
            }
        }
        entities
    }
}

/// A mention's entity while linking: its cluster's index, replaced by the entity's id at the end.
fn provisional(cluster: usize) -> EntityId {
    EntityId(cluster as u64)
}

/// The entity a user means by `name`: its id, its name or one of its spellings (any case), else
/// the most mentioned entity whose name sounds like it (the threshold of a spelling merge).
/// The one lookup of the CLI, the API and the web UI.
pub fn find_entity<'a>(entities: &'a [Entity], name: &str) -> Option<&'a Entity> {
    let wanted = name.to_lowercase();
    let id = EntityId::parse(name);
    entities
        .iter()
        .find(|e| {
            Some(e.id) == id
                || e.name.to_lowercase() == wanted
                || e.variants.iter().any(|v| v.to_lowercase() == wanted)
        })
        .or_else(|| {
            entities
                .iter()
                .filter(|e| crate::names::name_similarity(&e.name, name) >= SAME_NAME)
                .max_by_key(|e| e.mentions)
        })
}

/// Least similarity of two spellings of one name.
const SAME_NAME: f64 = 0.85;

/// What an entity is, for its id: its gazetteer place, else the consonant skeleton of each word
/// of its name (Lavrov, Лавров and لافروف: l-f-r-f), else its name. The name is the most frequent
/// Latin spelling, so the key does not depend on which article came first.
fn canonical_key(place: Option<&str>, name: &str) -> String {
    if let Some(place) = place {
        return format!("place {place}");
    }
    let skeletons: Vec<String> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "al" | "el"))
        .map(|word| {
            let mut consonants = sound_key(word);
            consonants
                .retain(|s| !matches!(s, Sound::A | Sound::I | Sound::U | Sound::H | Sound::W));
            consonants.dedup();
            key_text(&consonants)
        })
        .filter(|k| !k.is_empty())
        .collect();
    if skeletons.is_empty() {
        format!("name {}", name.to_lowercase())
    } else {
        format!("sounds {}", skeletons.join(" "))
    }
}

/// The id of `key`, or of `key` in a later round when an earlier entity holds it.
fn fresh_id(taken: &mut HashSet<EntityId>, key: &str) -> EntityId {
    let mut round = 0;
    loop {
        let id = EntityId::of_key(key, round);
        if taken.insert(id) {
            return id;
        }
        round += 1;
    }
}

fn given_similarity(a: &[Vec<Sound>], b: &[Vec<Sound>], voweled: bool) -> f64 {
    let key_similarity = |x: &[Sound], y: &[Sound]| key_similarity_written(x, y, voweled);
    let join = |words: &[Vec<Sound>]| words.iter().flatten().copied().collect::<Vec<Sound>>();
    let (a, b) = (join(a), join(b));
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    key_similarity(&a, &b).max(key_similarity(&a[a.len() - n..], &b[b.len() - n..]))
}

/// The coarse class of a consonant: near sounds collapsed (k g j; s sh ch; b f w; t d), vowels
/// and h without one. Spellings of one name keep their coarse classes.
fn coarse_class(sound: Sound) -> Option<u8> {
    Some(match sound {
        Sound::K | Sound::G | Sound::J => 1,
        Sound::S | Sound::X | Sound::C => 2,
        Sound::B | Sound::F | Sound::W => 3,
        Sound::T | Sound::D => 4,
        Sound::L => 5,
        Sound::M => 6,
        Sound::N => 7,
        Sound::R => 8,
        Sound::H | Sound::A | Sound::I | Sound::U => return None,
    })
}

/// The block of a surname key: its first two coarse consonant classes, so that spellings of one
/// name share a block and a name is compared with a few clusters, not all.
fn block_of(key: &[Sound]) -> [u8; 2] {
    let mut out = [0u8; 2];
    for (slot, class) in out
        .iter_mut()
        .zip(key.iter().copied().filter_map(coarse_class))
    {
        *slot = class;
    }
    out
}

/// The coarse classes a key contains, as bits.
fn class_mask(key: &[Sound]) -> u16 {
    key.iter()
        .copied()
        .filter_map(coarse_class)
        .fold(0u16, |mask, class| mask | (1 << class))
}

/// Whether a spelling writes its short vowels: Latin, Cyrillic and Greek do, Arabic and Hebrew
/// mostly do not.
fn writes_vowels(text: &str) -> bool {
    !matches!(script_of_token(text), Some(Script::Arabic | Script::Hebrew))
}

fn consonants(key: &[Sound]) -> usize {
    key.iter()
        .filter(|s| !matches!(s, Sound::A | Sound::I | Sound::U | Sound::H | Sound::W))
        .count()
}

fn compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

/// Two names of one actor: the same surname, and first names that agree when both are given.
fn names_match(a: &[Vec<Sound>], b: &[Vec<Sound>], voweled: bool) -> bool {
    let key_similarity = |x: &[Sound], y: &[Sound]| key_similarity_written(x, y, voweled);
    let (Some(last_a), Some(last_b)) = (a.last(), b.last()) else {
        return false;
    };
    if last_a.len().min(last_b.len()) < 2 {
        return false;
    }
    // surnames of very different lengths cannot reach 0.7: skip the edit distance
    if consonants(last_a).abs_diff(consonants(last_b)) > 2 {
        return false;
    }
    let surname = key_similarity(last_a, last_b);
    if a.len() >= 2 && b.len() >= 2 {
        // two pieces of evidence: first names that agree let a looser surname through
        // (Zakaria Malahifji, Zakharia Malakhfdi), first names that differ keep two people apart.
        // Given names are compared by the sounds just before the surname, so "Abdel Fattah" meets
        // "Abdelfatah" and a title left in front does not count.
        let given = given_similarity(&a[..a.len() - 1], &b[..b.len() - 1], voweled);
        return (surname >= 0.85 && given >= 0.7) || (surname >= 0.7 && given >= 0.85);
    }
    surname >= 0.85
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, lang: &str) -> Vec<(String, EntityKind)> {
        find_mentions(text, Lang::parse(lang))
            .into_iter()
            .map(|m| (m.text, m.kind))
            .collect()
    }

    #[test]
    fn arabic_cues_are_written_as_the_tokeniser_normalises_them() {
        // a hamza seat (ئ ؤ) folds to its letter: a cue written with it would never match
        for cue in languages::all(|l| l.names.name_cues) {
            let tokens = tokenize(cue);
            assert_eq!(tokens.len(), 1, "{cue}");
            assert_eq!(tokens[0].norm, *cue);
        }
        let text = "وقال رئيس الوزراء تاكتي شيسقيت للصحافيين إن الوضع صعب.";
        let found: Vec<String> = find_mentions(text, Some(Lang::AR))
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert_eq!(found, ["تاكتي شيسقيت"]);
    }

    #[test]
    fn arabic_names_after_reporting_verbs_and_titles() {
        let text = "وقال وزير الخارجية التركي هاكان فيدان إن بلاده مستعدة. وأضاف متحدثا للصحفيين إن المحادثات مستمرة. وقتل 12 عنصراً في القصف.";
        let found = names(text, "ar");
        assert!(
            found.contains(&("هاكان فيدان".to_string(), EntityKind::Person)),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(t, _)| t == "متحدثا" || t == "عنصراً"),
            "{found:?}"
        );
    }

    #[test]
    fn a_ministers_portfolio_is_not_an_actor() {
        let found = names(
            "La ministre belge des Affaires étrangères Hélène Vandermeer a reçu le porte-parole du ministère de la Santé, Marc Olivetti.",
            "fr",
        );
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            !texts.contains(&"Affaires") && !texts.contains(&"Santé"),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"Hélène Vandermeer") && texts.contains(&"Marc Olivetti"),
            "{texts:?}"
        );
        let found = names(
            "El ministro de Defensa, Pablo Ortega, visitó Valencia.",
            "es",
        );
        assert!(!found.iter().any(|(t, _)| t == "Defensa"), "{found:?}");
        let found = names(
            "Il ministro degli Esteri Lucia Ferrante è arrivata a Roma.",
            "it",
        );
        assert!(!found.iter().any(|(t, _)| t == "Esteri"), "{found:?}");
        let found = names(
            "US Secretary of State Antony Blinken met the Minister of Defence in Ankara.",
            "en",
        );
        assert!(
            found.iter().any(|(t, _)| t == "Antony Blinken"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(t, _)| t == "Defence" || t.starts_with("State")),
            "{found:?}"
        );
        let found = names("Le ministre de la Défense Jean Dupont est arrivé.", "fr");
        assert!(found.iter().any(|(t, _)| t == "Jean Dupont"), "{found:?}");
        // a name after "de" that is no portfolio stays a name
        let found = names(
            "Le maire de Lyon et la présidente de la Croix-Rouge ont parlé.",
            "fr",
        );
        assert!(found.iter().any(|(t, _)| t == "Lyon"), "{found:?}");
    }

    #[test]
    fn an_apostrophe_inside_a_name_keeps_it_whole() {
        let found = names(
            "Le quartier a été évacué, a déclaré Siobhan O'Hara. Selon Massimo D’Alema, le bilan est lourd.",
            "fr",
        );
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.contains(&"Siobhan O'Hara"), "{texts:?}");
        assert!(texts.contains(&"Massimo D’Alema"), "{texts:?}");
        let found = names("O'Brien said the talks would resume.", "en");
        assert!(found.iter().any(|(t, _)| t == "O'Brien"), "{found:?}");
        // a French elision opening a sentence is not part of a name
        let found = names(
            "D'Alep, les rebelles sont partis. L'Armée syrienne avance.",
            "fr",
        );
        assert!(
            !found
                .iter()
                .any(|(t, _)| t.starts_with("D'") || t.starts_with("L'")),
            "{found:?}"
        );
    }

    #[test]
    fn names_with_particles_titles_and_defined_acronyms() {
        let found = names("Le porte-parole de l'Armée nationale libre (ANL), le colonel Abou Hassan al-Khatib, a démenti.", "fr");
        assert!(
            found.contains(&(
                "Armée nationale libre".to_string(),
                EntityKind::Organization
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&("ANL".to_string(), EntityKind::Organization)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Abou Hassan al-Khatib".to_string(), EntityKind::Person)),
            "{found:?}"
        );
        let found = names("Глава МИД Турции Хакан Фидан прилетел в Москву.", "ru");
        assert!(
            found
                .iter()
                .any(|(t, k)| t == "Турции" && *k == EntityKind::Place),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, k)| t == "Москву" && *k == EntityKind::Place),
            "{found:?}"
        );
        assert!(
            found.contains(&("Хакан Фидан".to_string(), EntityKind::Person)),
            "{found:?}"
        );
    }

    #[test]
    fn greek_and_ukrainian_names_and_places() {
        let found = names(
            "Ο πρωθυπουργός Κυριάκος Μητσοτάκης επισκέφθηκε την Αθήνα την Τρίτη.",
            "el",
        );
        assert!(
            found.contains(&("Κυριάκος Μητσοτάκης".to_string(), EntityKind::Person)),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, k)| t == "Αθήνα" && *k == EntityKind::Place),
            "{found:?}"
        );
        let found = names(
            "Міністр закордонних справ України Андрій Сибіга прибув до Варшави.",
            "uk",
        );
        assert!(
            found
                .iter()
                .any(|(t, k)| t == "України" && *k == EntityKind::Place),
            "{found:?}"
        );
        assert!(
            found.contains(&("Андрій Сибіга".to_string(), EntityKind::Person)),
            "{found:?}"
        );
    }

    #[test]
    fn a_lone_surname_joins_the_full_name_in_the_article() {
        let mentions = find_mentions(
            "Zaynab Qureshi leads the mission. Later, Qureshi said the convoy had left.",
            Lang::parse("en"),
        );
        let full = mentions
            .iter()
            .find(|m| m.text == "Zaynab Qureshi")
            .unwrap();
        let lone = mentions.iter().find(|m| m.text == "Qureshi").unwrap();
        assert_eq!(full.group, lone.group);
    }

    /// Links the given texts (id, language, text) and returns the entities.
    fn linked(texts: &[(u64, &str, &str)]) -> Vec<Entity> {
        let mut mentions: Vec<Vec<Mention>> = texts
            .iter()
            .map(|(_, lang, text)| find_mentions(text, Lang::parse(lang)))
            .collect();
        let mut views: Vec<ArticleMentions<'_>> = texts
            .iter()
            .zip(mentions.iter_mut())
            .map(|((id, lang, text), mentions)| ArticleMentions {
                article: ArticleId(*id),
                language: Lang::parse(lang),
                text,
                mentions,
            })
            .collect();
        link_entities(&mut views)
    }

    #[test]
    fn an_entity_keeps_its_id_when_other_articles_come_first() {
        let kyiv = (
            1,
            "fr",
            "Le ministre Piotr Walczak est arrivé à Kyiv lundi, a indiqué Walczak.",
        );
        let moscou = (2, "ru", "Министр Пётр Вальчак прибыл в Москву во вторник.");
        let other = (
            3,
            "en",
            "Senator Amara Okafor visited Lagos with the governor, Tunde Bakare.",
        );
        let first = linked(&[kyiv, moscou]);
        let later = linked(&[other, moscou, kyiv]);
        let id_of = |entities: &[Entity], name: &str| {
            find_entity(entities, name)
                .map(|e| e.id)
                .unwrap_or_else(|| panic!("{name} in {entities:#?}"))
        };
        // one actor in two scripts, the same id whatever came before
        assert_eq!(
            id_of(&first, "Piotr Walczak"),
            id_of(&first, "Пётр Вальчак")
        );
        assert_eq!(
            id_of(&first, "Piotr Walczak"),
            id_of(&later, "Piotr Walczak")
        );
        assert_eq!(id_of(&first, "Moscou"), id_of(&later, "Москву"));
        // distinct actors, distinct ids, each written "e" and 16 hex digits
        let ids: HashSet<EntityId> = later.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), later.len());
        let id = id_of(&later, "Tunde Bakare");
        assert_eq!(EntityId::parse(&id.to_string()), Some(id));
        assert_eq!(id.to_string().len(), 17);
    }
}

#[cfg(test)]
mod indefinite {
    #[test]
    fn a_noun_after_an_indefinite_article_is_not_a_name() {
        let text = "„Das war knapp“, erzählte eine Demonstrantin. Ein Sprecher der Stadt, Paul Wendt, schwieg.";
        let found = crate::entities::find_mentions(text, crate::model::Lang::parse("de"));
        let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
        assert!(!texts.contains(&"Demonstrantin"), "{texts:?}");
        assert!(texts.contains(&"Paul Wendt"), "{texts:?}");
    }
}
