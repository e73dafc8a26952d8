//! Framing: the words each source uses for the sides of a conflict, with their tone.

use super::*;
use crate::lexicon::FxMap;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Role {
    /// Names a side by itself ("rebelles").
    Noun,
    /// Needs a noun before it ("armés" in "groupes armés"); alone it is not reported.
    Modifier,
    /// A generic head ("groupes", "forces"): part of a phrase, never one alone.
    Head,
}

/// What a framing word says: the side it names (none: its head decides), its role in a phrase,
/// its tone.
pub(super) type FramingWord = (Option<Side>, Role, Tone);

/// Group-referring words: (word as normalised, side, role, tone).
pub(super) const OPPOSITION: Option<Side> = Some(Side::ArmedOpposition);
pub(super) const GOVERNMENT: Option<Side> = Some(Side::Government);
/// No side of its own: the head decides.
pub(super) const GENERIC: Option<Side> = None;

/// Words next to "opposition" that make it the political opposition, not an armed side ("the
/// opposition Labour Party", "la oposición del Partido Popular", "opposition lawmakers", "les
/// partis d'opposition", "оппозиционная партия"), as normalised, by prefix; the team's list.
pub(super) const POLITICAL: &[&str] = &[
    "part",
    "parti",
    "partei",
    "партия",
    "партии",
    "حزب",
    "احزاب",
    "leader",
    "lawmak",
    "mps",
    "deput",
    "diputad",
    "parlament",
    "parliament",
    "senat",
    "congres",
    "vote",
    "elect",
    "candidat",
    "coalition",
    "coalicion",
    "депутат",
    "выбор",
    "نواب",
    "برلمان",
];

/// "opposition" at token `i` names the political opposition: a party or assembly word, or a
/// capitalised name (the party's), stands within two words of it.
pub(super) fn political_opposition(text: &str, tokens: &[Token], i: usize) -> bool {
    let word = |t: &&Token| t.kind == TokenKind::Word;
    // three words before ("les partis d'opposition"), two after
    let before = tokens[..i].iter().rev().filter(word).take(3);
    let after = tokens[i + 1..].iter().filter(word).take(2);
    // (the very next token: "backed the opposition. Russia said" names no party)
    let capitalised_next = tokens
        .get(i + 1)
        .filter(|t| t.kind == TokenKind::Word)
        .is_some_and(|t| {
            text[t.span.start..t.span.end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        });
    capitalised_next
        || before
            .chain(after)
            .any(|t| POLITICAL.iter().any(|p| t.norm.starts_with(p)))
}

#[rustfmt::skip]
pub(super) const FRAMING_WORDS: &[(&str, Option<Side>, Role, Tone)] = &[
    // generic modifiers ("armed") take the side of their head: "groupes armés", "forces armées"
    // French
    ("rebelles", OPPOSITION, Role::Noun, Tone::Neutral), ("rebelle", OPPOSITION, Role::Noun, Tone::Neutral),
    ("insurges", OPPOSITION, Role::Noun, Tone::Neutral), ("insurge", OPPOSITION, Role::Noun, Tone::Neutral),
    ("terroristes", OPPOSITION, Role::Noun, Tone::Pejorative), ("terroriste", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("extremistes", OPPOSITION, Role::Noun, Tone::Pejorative), ("radicaux", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("djihadistes", OPPOSITION, Role::Noun, Tone::Pejorative), ("jihadistes", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("islamistes", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("opposition", OPPOSITION, Role::Noun, Tone::Neutral), ("opposants", OPPOSITION, Role::Noun, Tone::Neutral),
    ("combattants", OPPOSITION, Role::Noun, Tone::Neutral), ("miliciens", OPPOSITION, Role::Noun, Tone::Neutral),
    ("revolutionnaires", OPPOSITION, Role::Noun, Tone::Sympathetic),
    ("armes", GENERIC, Role::Modifier, Tone::Neutral), ("armees", GENERIC, Role::Modifier, Tone::Neutral),
    ("groupes", OPPOSITION, Role::Head, Tone::Neutral), ("bandes", OPPOSITION, Role::Head, Tone::Pejorative),
    ("forces", GOVERNMENT, Role::Head, Tone::Neutral), ("factions", OPPOSITION, Role::Head, Tone::Neutral),
    ("regime", GOVERNMENT, Role::Noun, Tone::Pejorative), ("loyalistes", GOVERNMENT, Role::Noun, Tone::Neutral),
    ("gouvernementales", GOVERNMENT, Role::Modifier, Tone::Neutral), ("troupes", GOVERNMENT, Role::Head, Tone::Neutral),
    // English
    ("rebels", OPPOSITION, Role::Noun, Tone::Neutral), ("insurgents", OPPOSITION, Role::Noun, Tone::Neutral),
    ("terrorists", OPPOSITION, Role::Noun, Tone::Pejorative), ("extremists", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("jihadists", OPPOSITION, Role::Noun, Tone::Pejorative), ("militants", OPPOSITION, Role::Noun, Tone::Neutral),
    ("fighters", OPPOSITION, Role::Noun, Tone::Neutral), ("militias", OPPOSITION, Role::Noun, Tone::Neutral),
    ("revolutionaries", OPPOSITION, Role::Noun, Tone::Sympathetic), ("armed", GENERIC, Role::Modifier, Tone::Neutral),
    ("groups", OPPOSITION, Role::Head, Tone::Neutral), ("gangs", OPPOSITION, Role::Head, Tone::Pejorative),
    ("government", GOVERNMENT, Role::Modifier, Tone::Neutral), ("loyalists", GOVERNMENT, Role::Noun, Tone::Neutral),
    // German
    ("rebellen", OPPOSITION, Role::Noun, Tone::Neutral), ("aufstandische", OPPOSITION, Role::Noun, Tone::Neutral),
    ("terroristen", OPPOSITION, Role::Noun, Tone::Pejorative), ("extremisten", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("dschihadisten", OPPOSITION, Role::Noun, Tone::Pejorative), ("islamisten", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("kampfer", OPPOSITION, Role::Noun, Tone::Neutral), ("milizen", OPPOSITION, Role::Noun, Tone::Neutral),
    ("bewaffnete", GENERIC, Role::Modifier, Tone::Neutral), ("gruppen", OPPOSITION, Role::Head, Tone::Neutral),
    ("regierungstruppen", GOVERNMENT, Role::Noun, Tone::Neutral),
    // Spanish, Italian
    ("rebeldes", OPPOSITION, Role::Noun, Tone::Neutral), ("insurgentes", OPPOSITION, Role::Noun, Tone::Neutral),
    ("terroristas", OPPOSITION, Role::Noun, Tone::Pejorative), ("extremistas", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("yihadistas", OPPOSITION, Role::Noun, Tone::Pejorative), ("milicianos", OPPOSITION, Role::Noun, Tone::Neutral),
    ("combatientes", OPPOSITION, Role::Noun, Tone::Neutral), ("oposicion", OPPOSITION, Role::Noun, Tone::Neutral),
    ("armados", GENERIC, Role::Modifier, Tone::Neutral), ("grupos", OPPOSITION, Role::Head, Tone::Neutral),
    ("ribelli", OPPOSITION, Role::Noun, Tone::Neutral), ("terroristi", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("jihadisti", OPPOSITION, Role::Noun, Tone::Pejorative), ("regimen", GOVERNMENT, Role::Noun, Tone::Pejorative),
    // Russian
    ("повстанцы", OPPOSITION, Role::Noun, Tone::Neutral), ("повстанцев", OPPOSITION, Role::Noun, Tone::Neutral),
    ("боевики", OPPOSITION, Role::Noun, Tone::Pejorative), ("боевиков", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("террористы", OPPOSITION, Role::Noun, Tone::Pejorative), ("террористов", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("экстремисты", OPPOSITION, Role::Noun, Tone::Pejorative), ("экстремистов", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("джихадисты", OPPOSITION, Role::Noun, Tone::Pejorative), ("оппозиция", OPPOSITION, Role::Noun, Tone::Neutral),
    ("оппозиции", OPPOSITION, Role::Noun, Tone::Neutral), ("вооруженные", GENERIC, Role::Modifier, Tone::Neutral),
    ("группировки", OPPOSITION, Role::Head, Tone::Neutral), ("режим", GOVERNMENT, Role::Noun, Tone::Pejorative),
    ("режима", GOVERNMENT, Role::Noun, Tone::Pejorative), ("правительственные", GOVERNMENT, Role::Modifier, Tone::Neutral),
    // Arabic (normalised, without proclitics)
    ("معارضه", OPPOSITION, Role::Noun, Tone::Neutral), ("مقاتلي", OPPOSITION, Role::Head, Tone::Neutral),
    ("مسلحي", OPPOSITION, Role::Head, Tone::Neutral), ("مسلحين", OPPOSITION, Role::Noun, Tone::Neutral),
    ("مسلحون", OPPOSITION, Role::Noun, Tone::Neutral), ("متمردين", OPPOSITION, Role::Noun, Tone::Neutral),
    ("ارهابيين", OPPOSITION, Role::Noun, Tone::Pejorative), ("ارهابيون", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("متطرفين", OPPOSITION, Role::Noun, Tone::Pejorative), ("جهاديين", OPPOSITION, Role::Noun, Tone::Pejorative),
    ("ثوار", OPPOSITION, Role::Noun, Tone::Sympathetic), ("فصايل", OPPOSITION, Role::Head, Tone::Neutral),
    ("نظام", GOVERNMENT, Role::Noun, Tone::Pejorative), ("قوات", GOVERNMENT, Role::Head, Tone::Neutral), ("الجيش", GOVERNMENT, Role::Noun, Tone::Neutral),
];

pub(super) fn framing_map() -> &'static FxMap<String, FramingWord> {
    static MAP: OnceLock<FxMap<String, FramingWord>> = OnceLock::new();
    MAP.get_or_init(|| {
        FRAMING_WORDS
            .iter()
            .map(|(w, side, role, tone)| (normalize(w), (*side, *role, *tone)))
            .collect()
    })
}

pub(super) fn framing_word(norm: &str) -> Option<FramingWord> {
    let map = framing_map();
    // "الجيش" (the army) is a side; "جيش" opens a group's name (جيش الفتح): the form with the
    // article is listed as such and looked up before the clitics are stripped
    map.get(norm)
        .or_else(|| {
            let folded = fold_clitics(norm);
            if folded.len() == norm.len() {
                return None; // nothing stripped: looked up already
            }
            map.get(folded)
                .filter(|_| !map.contains_key(&format!("ال{folded}")))
        })
        .copied()
}

/// Group-referring phrases of one text: runs of framing words, reported when they hold a noun,
/// or a modifier after a head ("groupes armés"); the side is the side of the first noun or
/// modifier, the tone the strongest.
pub(super) fn phrases(text: &str, tokens: &[Token]) -> Vec<(String, Side, Tone, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(first) = (tokens[i].kind == TokenKind::Word)
            .then(|| framing_word(&tokens[i].norm))
            .flatten()
        else {
            i += 1;
            continue;
        };
        // "the opposition Labour Party": politics, not a side of a conflict
        if matches!(
            fold_clitics(&tokens[i].norm),
            "opposition" | "oposicion" | "оппозиция" | "оппозиции" | "معارضه"
        ) && political_opposition(text, tokens, i)
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut parts = vec![first];
        while j < tokens.len() && tokens[j].kind == TokenKind::Word && j - i < 3 {
            // a conjunction glued to the next word ("والمسلحين") starts another phrase
            let norm = tokens[j].norm.as_str();
            if norm.starts_with('و') && fold_clitics(norm) != norm {
                break;
            }
            match framing_word(norm) {
                // two nouns run together only after a head or when they name one side
                // ("rebelles jihadistes"); "forces gouvernementales": the modifier decides
                Some(w)
                    if w.1 != Role::Noun
                        || parts
                            .iter()
                            .all(|p| p.1 == Role::Head || p.0 == w.0 || p.0 == GENERIC) =>
                {
                    parts.push(w)
                }
                _ => break,
            }
            j += 1;
        }
        let sided = |role: Role| {
            parts
                .iter()
                .find_map(|(side, r, _)| side.filter(|_| *r == role))
        };
        let decisive = sided(Role::Noun)
            .or_else(|| sided(Role::Modifier))
            .or_else(|| sided(Role::Head));
        let has_noun = parts.iter().any(|(_, r, _)| *r == Role::Noun);
        let head_modifier = parts.len() >= 2
            && parts.iter().any(|(_, r, _)| *r == Role::Head)
            && parts.iter().any(|(_, r, _)| *r == Role::Modifier);
        let head_noun = parts.len() >= 2 && parts[0].1 == Role::Head && has_noun;
        if let Some(side) = decisive.filter(|_| has_noun || head_modifier || head_noun) {
            // the strongest tone: pejorative, then sympathetic, then neutral
            let tone = parts.iter().map(|p| p.2).max().unwrap_or(Tone::Neutral);
            let (start, end) = (tokens[i].span.start, tokens[j - 1].span.end);
            out.push((text[start..end].to_string(), side, tone, start, end));
        }
        i = j;
    }
    out
}

/// Spellings of one term count together: case, accents and Arabic proclitics aside.
pub(super) fn term_key(text: &str) -> String {
    tokenize(text)
        .iter()
        .map(|t| {
            let word = fold_clitics(&t.norm);
            // singular and plural of Latin-script words count together (rebelle, rebelles)
            match word.strip_suffix('s') {
                Some(stem) if word.is_ascii() && stem.len() >= 4 => stem.to_string(),
                _ => word.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn framing<R: std::ops::Deref<Target = Readings>>(
    articles: &[&Analysis],
    readings: &[R],
) -> Vec<Framing> {
    let mut sides: Vec<Framing> = Vec::new();
    for (a, read) in articles.iter().zip(readings) {
        for (text, side, tone, start, end) in read.phrases.iter().cloned() {
            let framing = match sides.iter_mut().position(|f| f.actor == side) {
                Some(i) => &mut sides[i],
                None => {
                    sides.push(Framing {
                        actor: side,
                        by_article: Vec::new(),
                    });
                    let last = sides.len() - 1;
                    &mut sides[last]
                }
            };
            let entry = match framing.by_article.iter().position(|t| t.article == a.id) {
                Some(i) => &mut framing.by_article[i],
                None => {
                    framing.by_article.push(ArticleTerms {
                        article: a.id,
                        terms: Vec::new(),
                    });
                    let last = framing.by_article.len() - 1;
                    &mut framing.by_article[last]
                }
            };
            let key = term_key(&text);
            match entry.terms.iter_mut().find(|t| term_key(&t.text) == key) {
                Some(t) => t.count += 1,
                None => entry.terms.push(Term {
                    text,
                    count: 1,
                    tone,
                    start,
                    end,
                }),
            }
        }
    }
    for f in &mut sides {
        for a in &mut f.by_article {
            a.terms
                .sort_by(|x, y| y.count.cmp(&x.count).then(x.start.cmp(&y.start)));
        }
    }
    sides.sort_by_key(|f| {
        if f.actor == Side::ArmedOpposition {
            0
        } else {
            1
        }
    });
    sides
}

// ---------------------------------------------------------------------------------------------
// Quotes

pub(super) fn stems(text: &str) -> Vec<String> {
    let mut v: Vec<String> = tokenize(text)
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !crate::lang::is_function_word(&t.norm))
        .filter_map(|t| crate::similarity::stem(&t.norm))
        .collect();
    v.sort();
    v.dedup();
    v
}

pub(super) fn skeletons(text: &str) -> Vec<Key> {
    let mut v: Vec<Key> = tokenize(text)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .filter_map(|t| crate::similarity::cognate_key(&t.norm))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

pub(super) fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

#[cfg(test)]
mod political {
    use super::*;

    fn sides(text: &str) -> Vec<(String, Side)> {
        phrases(text, &tokenize(text))
            .into_iter()
            .map(|p| (p.0, p.1))
            .collect()
    }

    #[test]
    fn the_opposition_in_parliament_is_no_side_of_a_war() {
        for text in [
            "The opposition Labour Party voted against the budget.",
            "La oposición del Partido Popular criticó al Gobierno.",
            "Opposition lawmakers walked out of the chamber.",
            "Les partis d'opposition ont boycotté le scrutin.",
        ] {
            assert!(sides(text).is_empty(), "{text}: {:?}", sides(text));
        }
        // the armed opposition stays one, and a sentence after it names no party
        assert_eq!(
            sides("Moscow backed the opposition. Russia said so."),
            vec![("opposition".to_string(), Side::ArmedOpposition)]
        );
        assert_eq!(
            sides("Les rebelles de l'opposition ont repris le quartier."),
            vec![
                ("rebelles".to_string(), Side::ArmedOpposition),
                ("opposition".to_string(), Side::ArmedOpposition)
            ]
        );
    }
}
