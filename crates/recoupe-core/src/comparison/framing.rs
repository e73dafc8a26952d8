//! Framing: the words each source uses for the sides of a conflict, with their tone.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Role {
    /// Names a side by itself ("rebelles").
    Noun,
    /// Needs a noun before it ("armés" in "groupes armés"); alone it is not reported.
    Modifier,
    /// A generic head ("groupes", "forces"): part of a phrase, never one alone.
    Head,
}

/// Group-referring words: (word as normalised, side, role, tone). Sides: "armed opposition",
/// "government side".
pub(super) const OPPOSITION: &str = "armed opposition";
pub(super) const GOVERNMENT: &str = "government side";
/// No side of its own: the head decides.
pub(super) const GENERIC: &str = "";

#[rustfmt::skip]
pub(super) const FRAMING_WORDS: &[(&str, &str, Role, &str)] = &[
    // generic modifiers ("armed") take the side of their head: "groupes armés", "forces armées"
    // French
    ("rebelles", OPPOSITION, Role::Noun, "neutral"), ("rebelle", OPPOSITION, Role::Noun, "neutral"),
    ("insurges", OPPOSITION, Role::Noun, "neutral"), ("insurge", OPPOSITION, Role::Noun, "neutral"),
    ("terroristes", OPPOSITION, Role::Noun, "pejorative"), ("terroriste", OPPOSITION, Role::Noun, "pejorative"),
    ("extremistes", OPPOSITION, Role::Noun, "pejorative"), ("radicaux", OPPOSITION, Role::Noun, "pejorative"),
    ("djihadistes", OPPOSITION, Role::Noun, "pejorative"), ("jihadistes", OPPOSITION, Role::Noun, "pejorative"),
    ("islamistes", OPPOSITION, Role::Noun, "pejorative"),
    ("opposition", OPPOSITION, Role::Noun, "neutral"), ("opposants", OPPOSITION, Role::Noun, "neutral"),
    ("combattants", OPPOSITION, Role::Noun, "neutral"), ("miliciens", OPPOSITION, Role::Noun, "neutral"),
    ("revolutionnaires", OPPOSITION, Role::Noun, "sympathetic"),
    ("armes", GENERIC, Role::Modifier, "neutral"), ("armees", GENERIC, Role::Modifier, "neutral"),
    ("groupes", OPPOSITION, Role::Head, "neutral"), ("bandes", OPPOSITION, Role::Head, "pejorative"),
    ("forces", GOVERNMENT, Role::Head, "neutral"), ("factions", OPPOSITION, Role::Head, "neutral"),
    ("regime", GOVERNMENT, Role::Noun, "pejorative"), ("loyalistes", GOVERNMENT, Role::Noun, "neutral"),
    ("gouvernementales", GOVERNMENT, Role::Modifier, "neutral"), ("troupes", GOVERNMENT, Role::Head, "neutral"),
    // English
    ("rebels", OPPOSITION, Role::Noun, "neutral"), ("insurgents", OPPOSITION, Role::Noun, "neutral"),
    ("terrorists", OPPOSITION, Role::Noun, "pejorative"), ("extremists", OPPOSITION, Role::Noun, "pejorative"),
    ("jihadists", OPPOSITION, Role::Noun, "pejorative"), ("militants", OPPOSITION, Role::Noun, "neutral"),
    ("fighters", OPPOSITION, Role::Noun, "neutral"), ("militias", OPPOSITION, Role::Noun, "neutral"),
    ("revolutionaries", OPPOSITION, Role::Noun, "sympathetic"), ("armed", GENERIC, Role::Modifier, "neutral"),
    ("groups", OPPOSITION, Role::Head, "neutral"), ("gangs", OPPOSITION, Role::Head, "pejorative"),
    ("government", GOVERNMENT, Role::Modifier, "neutral"), ("loyalists", GOVERNMENT, Role::Noun, "neutral"),
    // German
    ("rebellen", OPPOSITION, Role::Noun, "neutral"), ("aufstandische", OPPOSITION, Role::Noun, "neutral"),
    ("terroristen", OPPOSITION, Role::Noun, "pejorative"), ("extremisten", OPPOSITION, Role::Noun, "pejorative"),
    ("dschihadisten", OPPOSITION, Role::Noun, "pejorative"), ("islamisten", OPPOSITION, Role::Noun, "pejorative"),
    ("kampfer", OPPOSITION, Role::Noun, "neutral"), ("milizen", OPPOSITION, Role::Noun, "neutral"),
    ("bewaffnete", GENERIC, Role::Modifier, "neutral"), ("gruppen", OPPOSITION, Role::Head, "neutral"),
    ("regierungstruppen", GOVERNMENT, Role::Noun, "neutral"),
    // Spanish, Italian
    ("rebeldes", OPPOSITION, Role::Noun, "neutral"), ("insurgentes", OPPOSITION, Role::Noun, "neutral"),
    ("terroristas", OPPOSITION, Role::Noun, "pejorative"), ("extremistas", OPPOSITION, Role::Noun, "pejorative"),
    ("yihadistas", OPPOSITION, Role::Noun, "pejorative"), ("milicianos", OPPOSITION, Role::Noun, "neutral"),
    ("combatientes", OPPOSITION, Role::Noun, "neutral"), ("oposicion", OPPOSITION, Role::Noun, "neutral"),
    ("armados", GENERIC, Role::Modifier, "neutral"), ("grupos", OPPOSITION, Role::Head, "neutral"),
    ("ribelli", OPPOSITION, Role::Noun, "neutral"), ("terroristi", OPPOSITION, Role::Noun, "pejorative"),
    ("jihadisti", OPPOSITION, Role::Noun, "pejorative"), ("regimen", GOVERNMENT, Role::Noun, "pejorative"),
    // Russian
    ("повстанцы", OPPOSITION, Role::Noun, "neutral"), ("повстанцев", OPPOSITION, Role::Noun, "neutral"),
    ("боевики", OPPOSITION, Role::Noun, "pejorative"), ("боевиков", OPPOSITION, Role::Noun, "pejorative"),
    ("террористы", OPPOSITION, Role::Noun, "pejorative"), ("террористов", OPPOSITION, Role::Noun, "pejorative"),
    ("экстремисты", OPPOSITION, Role::Noun, "pejorative"), ("экстремистов", OPPOSITION, Role::Noun, "pejorative"),
    ("джихадисты", OPPOSITION, Role::Noun, "pejorative"), ("оппозиция", OPPOSITION, Role::Noun, "neutral"),
    ("оппозиции", OPPOSITION, Role::Noun, "neutral"), ("вооруженные", GENERIC, Role::Modifier, "neutral"),
    ("группировки", OPPOSITION, Role::Head, "neutral"), ("режим", GOVERNMENT, Role::Noun, "pejorative"),
    ("режима", GOVERNMENT, Role::Noun, "pejorative"), ("правительственные", GOVERNMENT, Role::Modifier, "neutral"),
    // Arabic (normalised, without proclitics)
    ("معارضه", OPPOSITION, Role::Noun, "neutral"), ("مقاتلي", OPPOSITION, Role::Head, "neutral"),
    ("مسلحي", OPPOSITION, Role::Head, "neutral"), ("مسلحين", OPPOSITION, Role::Noun, "neutral"),
    ("مسلحون", OPPOSITION, Role::Noun, "neutral"), ("متمردين", OPPOSITION, Role::Noun, "neutral"),
    ("ارهابيين", OPPOSITION, Role::Noun, "pejorative"), ("ارهابيون", OPPOSITION, Role::Noun, "pejorative"),
    ("متطرفين", OPPOSITION, Role::Noun, "pejorative"), ("جهاديين", OPPOSITION, Role::Noun, "pejorative"),
    ("ثوار", OPPOSITION, Role::Noun, "sympathetic"), ("فصايل", OPPOSITION, Role::Head, "neutral"),
    ("نظام", GOVERNMENT, Role::Noun, "pejorative"), ("قوات", GOVERNMENT, Role::Head, "neutral"), ("الجيش", GOVERNMENT, Role::Noun, "neutral"),
];

pub(super) fn framing_map() -> &'static HashMap<String, (&'static str, Role, &'static str)> {
    static MAP: OnceLock<HashMap<String, (&'static str, Role, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| {
        FRAMING_WORDS
            .iter()
            .map(|(w, side, role, tone)| (normalize(w), (*side, *role, *tone)))
            .collect()
    })
}

pub(super) fn framing_word(norm: &str) -> Option<(&'static str, Role, &'static str)> {
    let map = framing_map();
    // "الجيش" (the army) is a side; "جيش" opens a group's name (جيش الفتح): the form with the
    // article is listed as such and looked up before the clitics are stripped
    map.get(norm)
        .or_else(|| {
            let folded = fold_clitics(norm);
            map.get(folded)
                .filter(|_| !map.contains_key(&format!("ال{folded}")))
        })
        .copied()
}

/// Group-referring phrases of one text: runs of framing words, reported when they hold a noun,
/// or a modifier after a head ("groupes armés"); the side is the side of the first noun or
/// modifier, the tone the strongest.
pub(super) fn phrases(
    text: &str,
    tokens: &[Token],
) -> Vec<(String, &'static str, &'static str, usize, usize)> {
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
                .find(|(side, r, _)| *r == role && !side.is_empty())
        };
        let decisive = sided(Role::Noun)
            .or_else(|| sided(Role::Modifier))
            .or_else(|| sided(Role::Head));
        let has_noun = parts.iter().any(|(_, r, _)| *r == Role::Noun);
        let head_modifier = parts.len() >= 2
            && parts.iter().any(|(_, r, _)| *r == Role::Head)
            && parts.iter().any(|(_, r, _)| *r == Role::Modifier);
        let head_noun = parts.len() >= 2 && parts[0].1 == Role::Head && has_noun;
        if let Some((side, _, _)) = decisive.filter(|_| has_noun || head_modifier || head_noun) {
            let tone = if parts.iter().any(|p| p.2 == "pejorative") {
                "pejorative"
            } else if parts.iter().any(|p| p.2 == "sympathetic") {
                "sympathetic"
            } else {
                "neutral"
            };
            let (start, end) = (tokens[i].span.start, tokens[j - 1].span.end);
            out.push((text[start..end].to_string(), *side, tone, start, end));
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

pub(super) fn framing(articles: &[&Analysis], tokens: &[Vec<Token>]) -> Vec<Framing> {
    let mut sides: Vec<Framing> = Vec::new();
    for (a, tokens) in articles.iter().zip(tokens) {
        for (text, side, tone, start, end) in phrases(&a.text, tokens) {
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
    sides.sort_by_key(|f| if f.actor == OPPOSITION { 0 } else { 1 });
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
