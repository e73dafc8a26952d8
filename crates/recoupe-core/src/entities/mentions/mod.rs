//! Names in one article (find_mentions): places, runs of capitalised words, acronyms, organisations by their head words, people by their titles; names after their cues in Arabic.

use super::*;

mod cued;
mod organisations;
mod places;
mod runs;
mod words;

pub(in crate::entities) use cued::*;
pub(in crate::entities) use organisations::*;
use places::*;
pub(crate) use runs::shortening_dot;
pub(in crate::entities) use runs::*;
pub(in crate::entities) use words::*;

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

    let heads = organisation_heads(lang);
    let runs = Runs {
        text,
        tokens,
        lang,
        starts: sentence_starts(text, tokens),
        heads,
        casing: std::cell::OnceCell::new(),
    };

    // 1. Places of the gazetteer, longest first; one word opening a sentence only when the text
    // capitalises it inside one too ("Ludzie", "Ženy", "Sám" open sentences and spell some
    // other language's name of Łódź, Genoa and Damascus)
    let unconfirmed_opening = |i: usize| {
        runs.starts[i]
            // "Wlk. Brytanii": an abbreviation's dot ends no sentence
            && abbreviation_before(text, tokens[i].span.start).is_none()
            && !runs
                .casing()
                .capitalised_inside_a_sentence_in_any_case(&tokens[i], text)
    };
    find_places(
        text,
        tokens,
        g,
        lang,
        &unconfirmed_opening,
        &mut taken,
        &mut mentions,
    );

    // 2. Capitalised runs in cased scripts.
    let nouns_capitalised = languages::of_or_none(lang).names.nouns_capitalised;
    let mut pending: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if taken[i] || t.kind != TokenKind::Word || !is_capitalised(&text[t.span.start..t.span.end])
        {
            i += 1;
            continue;
        }
        let end = run_end(text, tokens, &taken, i, heads);
        match runs.mention(i, end, nouns_capitalised) {
            Some((mention, true)) => mentions.push(mention),
            Some((mention, false)) => pending.push(mention),
            None => {}
        }
        i = end + 1;
    }
    // where every noun is capitalised, a run without evidence is a name when it repeats the
    // words of names found with it ("Lawrow" after "Sergej Lawrow")
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
    if languages::of_or_none(lang).names.demonyms_lowercase {
        add_lowercase_demonyms(text, tokens, &taken, lang, &mut mentions);
    }
    if lang.map(crate::lang::script_of_lang) == Some(Script::Arabic) {
        add_arabic_cued_names(text, tokens, &mut mentions);
    }
    add_acronym_expansions(text, tokens, &mut mentions);
    join_place_and_word(text, tokens, &mut mentions, lang);
    split_joined_names(&mut mentions, lang, heads);
    mentions.sort_by_key(|m| m.start);
    join_owners(text, &mut mentions, lang, heads, g);
    join_written_parts(text, &mut mentions, heads);
    group_within_article(text, &mut mentions, lang, heads);
    mentions
}

/// A place of the gazetteer and one capitalised word right after it that is no place, no
/// given name and no acronym, the place written as the gazetteer writes it: one name of an
/// organisation or a title ("Cambridge Analytica", "New York Times"), not the place and a word. Not after a function word ("w Cambridge
/// Analytica", "in London Johnson" stay as they are: a place in its sentence).
fn join_place_and_word(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    lang: Option<Lang>,
) {
    mentions.sort_by_key(|m| m.start);
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        let joined = a.place.is_some()
            && a.kind == EntityKind::Place
            && text.get(a.end..b.start) == Some(" ")
            // the place as the gazetteer writes it, not a case form ("Пакистана Панджаб")
            && lookup_place(&a.text).is_some()
            // not an abbreviation that makes another place of it ("Irlandii Płn.")
            && !text[b.end..].starts_with('.')
            && b.place.is_none()
            && b.kind == EntityKind::Other
            && !b.text.contains([' ', '-'])
            && !is_acronym(&b.text)
            && !is_given_name(&crate::token::normalize(&b.text), lang)
            && {
                let first = tokens.partition_point(|t| t.span.start < a.start);
                words_before(tokens, first)
                    .next()
                    .is_some_and(|w| !crate::lang::is_function_word(w))
            };
        if joined {
            mentions[k] = Mention::spanning(text, a.start, b.end, EntityKind::Organization);
            mentions.remove(k + 1);
        }
        k += 1;
    }
}

/// Peoples' names in a language that writes them in lowercase ("британците", "британцы"): a
/// lowercase word with one of the language's demonym endings whose rest starts a country's
/// name ([`demonym_place`]) is a mention of that country's people, tied to the country.
fn add_lowercase_demonyms(
    text: &str,
    tokens: &[Token],
    taken: &[bool],
    lang: Option<Lang>,
    mentions: &mut Vec<Mention>,
) {
    let endings = languages::of_or_none(lang).names.demonym_endings;
    for (t, _) in tokens.iter().zip(taken).filter(|(t, taken)| {
        !**taken && t.kind == TokenKind::Word && endings.iter().any(|e| t.norm.ends_with(e))
    }) {
        let surface = &text[t.span.start..t.span.end];
        if is_capitalised(surface)
            || mentions
                .iter()
                .any(|m| m.start <= t.span.start && t.span.end <= m.end)
        {
            continue;
        }
        if let Some(place) = demonym_place_sharing(&t.norm, lang, true) {
            mentions.push(Mention {
                entity: None,
                text: surface.to_string(),
                start: t.span.start,
                end: t.span.end,
                kind: EntityKind::Person,
                group: 0,
                place: Some(place.id.to_string()),
            });
        }
    }
}

/// What deciding a run of capitalised words reads: the text, where its sentences start, the
/// organisation words of its language, and how the text cases each word (made when first asked).
struct Runs<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lang: Option<Lang>,
    starts: Vec<bool>,
    heads: &'static Heads,
    casing: std::cell::OnceCell<Casing<'a>>,
}

impl<'a> Runs<'a> {
    fn casing(&self) -> &Casing<'a> {
        self.casing
            .get_or_init(|| Casing::of(self.text, self.tokens, &self.starts, self.lang))
    }

    /// A function word of the article's language (of any language when it has no list of its
    /// own): "Си Цзинпин" opens a Russian sentence with a name, though си is a Bulgarian word.
    fn is_function_word(&self, norm: &str) -> bool {
        match languages::of_or_none(self.lang).function_words {
            [] => crate::lang::is_function_word(norm),
            own => own.contains(&norm),
        }
    }

    /// Where the name of a run starting at `first` (to `end`) starts: after a word opening a
    /// sentence glued to the name after it ("W Wielkiej Brytanii", "Sprawa Asii Bibi", "Дело
    /// Асии Биби"): a function word, a word the text also writes in lowercase, or one it never
    /// capitalises inside a sentence before a name of two words it does.
    fn after_a_glued_opening(&self, first: usize, end: usize) -> usize {
        let (text, tokens) = (self.text, self.tokens);
        if !self.starts[first] {
            return first;
        }
        let mut words_after = (first + 1..=end).filter(|k| tokens[*k].kind == TokenKind::Word);
        // (a word of its own: not the O of O'Brien)
        let apart = |next: &usize| {
            text[tokens[first].span.end..tokens[*next].span.start]
                .chars()
                .all(char::is_whitespace)
        };
        if let Some(next) = words_after.next().filter(apart) {
            let w = tokens[first].norm.as_str();
            let casing = self.casing();
            let third = words_after.next().is_some();
            let glued = self.is_function_word(w)
                || casing.lowercase_somewhere(w)
                || (!casing.capitalised_inside_a_sentence_in_any_case(&tokens[first], text)
                    && casing.capitalised_inside_a_sentence_in_any_case(&tokens[next], text)
                    && (third || (self.opens_a_name_of_two(w) && self.named_elsewhere(next))));
            if glued {
                return next;
            }
        }
        first
    }

    /// Whether the text capitalises the word at token `at`, or another case form of it,
    /// somewhere else too: a name it uses on its own ("Джонсон … Отставка Джонсона"), not
    /// only in this run ("Foto: Faisal Mahmood").
    fn named_elsewhere(&self, at: usize) -> bool {
        let (text, tokens) = (self.text, self.tokens);
        let surface = |t: &Token| &text[t.span.start..t.span.end];
        let stem = crate::names::name_stem(surface(&tokens[at]), self.lang);
        tokens.iter().enumerate().any(|(k, t)| {
            k != at
                && t.kind == TokenKind::Word
                && is_capitalised(surface(t))
                && crate::names::name_stem(surface(t), self.lang) == stem
        })
    }

    /// Whether a word is the name of a country's people ([`demonym_place`]), not an adjective
    /// (britanski, polscy: a longer adjective ending than a people's); where the language writes peoples in lowercase, only as strictly as
    /// a lowercase word is read.
    fn is_a_people(&self, norm: &str) -> bool {
        let strict = languages::of_or_none(self.lang).names.demonyms_lowercase;
        let people_ending = self.heads.demonym_ending(norm);
        people_ending > 0
            && self.heads.adjective_ending(norm) <= people_ending
            && demonym_place_sharing(norm, self.lang, strict).is_some()
    }

    /// Whether a word opening a sentence before one other capitalised word may be glued to it
    /// ("Отставка Джонсона", "Rodina Bibiové"), not the name's own first word: no given name,
    /// no organisation word ("Komisja Europejska"), no function word of any language ("The
    /// Guardian").
    fn opens_a_name_of_two(&self, norm: &str) -> bool {
        !is_given_name(norm, self.lang)
            && !is_org_word(norm)
            && !is_org_head(norm, self.heads)
            && !crate::lang::is_function_word(norm)
    }

    /// Words in capitals that are text written in capitals, not a name: three words or more,
    /// or two of which one is a function word or a word the text also writes in lowercase
    /// ("ВИДИТЕ НЕЩО ЛЮБОПИТНО", "ЧИТАЙТЕ ТАКЖЕ" — a site's call to readers). Acronyms one
    /// after the other ("EU NATO") stay.
    fn shouted(&self, words: &[&Token]) -> bool {
        let letters = |t: &&Token| {
            let s = &self.text[t.span.start..t.span.end];
            (!s.chars().any(char::is_lowercase))
                .then(|| s.chars().filter(|c| c.is_alphabetic()).count())
        };
        // every word in capitals ("И" too), two of them of two letters or more
        let counts: Option<Vec<usize>> = words.iter().map(letters).collect();
        if counts.is_none_or(|c| c.iter().filter(|n| **n >= 2).count() < 2) {
            return false;
        }
        words.len() >= 3
            || words.iter().any(|w| {
                crate::lang::is_function_word(&w.norm) || self.casing().lowercase_somewhere(&w.norm)
            })
    }

    /// The name the run of capitalised words from `i` to `end` makes, if it is one, and whether
    /// the text gives evidence of it: where every noun is capitalised (German, `evidence_needed`)
    /// a run is a name on evidence only — a cue, an organisation word, an acronym, a given name.
    fn mention(&self, i: usize, end: usize, evidence_needed: bool) -> Option<(Mention, bool)> {
        let (text, tokens, lang) = (self.text, self.tokens, self.lang);
        let sentence_start = self.starts[i];
        let (first, title_before, portfolio) = name_start(tokens, i, end, lang);
        let first = self.after_a_glued_opening(first, end);
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
        // a people's name opening a sentence (Polacy, Britové, Българите) names its country
        let people = || single && self.is_a_people(norm0);
        let skip = (single
            && sentence_start
            && !is_acronym(surface)
            && !self.casing().capitalised_inside_a_sentence_in_any_case(t, text)
            && !people())
            || (single && self.casing().lowercase_somewhere(norm0) && !(sentence_start && people()))
            || (single && is_sentence_word(norm0))
            || (single && word_set!(names.common_acronyms).contains_key(norm0))
            || (single && is_currency_code(surface))
            // a century or a ruler's number alone ("XX wieku")
            || (single && is_roman_numeral(surface))
            // a function word opening a sentence ("Jej sprawa", "Всички")
            || (single && sentence_start && crate::lang::is_function_word(norm0))
            || crate::dates::is_date_word_of(norm0, lang)
            || (single && surface.chars().count() < 2)
            || (single && after_indefinite_article(tokens, first))
            || portfolio
            || self.shouted(&words);
        if skip {
            return None;
        }
        let (start, stop) = (t.span.start, tokens[end].span.end);
        let previous: Vec<&str> = words_before(tokens, first).take(3).collect();
        let org = words
            .iter()
            .any(|w| is_org_word(&w.norm) || is_org_head(&w.norm, self.heads))
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
        let place_head = || {
            words.len() >= 2
                && !is_capitalised(&text[words[words.len() - 1].span.start..])
                && is_place_head(&words[words.len() - 1].norm, self.heads)
        };
        let kind = if org || org_cue {
            EntityKind::Organization
        } else if place_head() {
            EntityKind::Place
        } else if person_cue || (words.len() >= 2 && words.len() <= 4) {
            EntityKind::Person
        } else {
            EntityKind::Other
        };
        let mention = Mention {
            entity: None,
            text: text[start..stop].to_string(),
            start,
            end: stop,
            kind,
            group: 0,
            place: None,
        };
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
        Some((mention, !evidence_needed || evidence()))
    }
}
