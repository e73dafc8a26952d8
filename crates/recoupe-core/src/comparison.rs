//! What each source of a story says, side by side: the figures about the same thing, the words
//! each uses for the same actors, and the quotes that appear in several articles.
//!
//! Figures are grouped by what they count (a concept: people, the dead, the wounded, fighters,
//! soldiers, the displaced) and what happened to them (an event read near the figure: left,
//! killed, wounded, surrendered, arrested), both from small per-language lexicons of stems. The
//! framing table finds group-referring noun phrases ("rebelles", "groupes armés", "مقاتلي
//! المعارضة") from a lexicon per language, each with the side it usually names and its tone.
//! Quotes are matched within a language by their words and across languages by their speaker
//! and the aligned paragraphs of a translation (or shared names, numbers and cognates).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::figures::{Bound, Figure, FigureKind};
use crate::model::{ArticleId, EntityId, Lang};
use crate::pipeline::Analysis;
use crate::similarity::{mention_key, Key};
use crate::token::{normalize, tokenize, Token, TokenKind};
use crate::versions::Link;

/// The side-by-side view of one story.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Comparison {
    pub figures: Vec<FigureGroup>,
    pub framing: Vec<Framing>,
    pub quotes: Vec<SharedQuote>,
}

/// Figures about the same thing, from several articles.
#[derive(Clone, Debug, Serialize)]
pub struct FigureGroup {
    /// What is counted, in English ("people", "dead", "fighters").
    pub counts: &'static str,
    /// What happened to them, when the text says ("left", "killed"), in English.
    pub event: Option<&'static str>,
    /// The articles do not give the same value.
    pub disagree: bool,
    pub figures: Vec<SourcedFigure>,
}

/// One figure of a group, with its article.
#[derive(Clone, Debug, Serialize)]
pub struct SourcedFigure {
    pub article: ArticleId,
    pub value: f64,
    pub bound: Bound,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// How each article names one side.
#[derive(Clone, Debug, Serialize)]
pub struct Framing {
    /// The side named, in English ("armed opposition", "government side").
    pub actor: &'static str,
    pub by_article: Vec<ArticleTerms>,
}

/// The words one article uses for one side.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleTerms {
    pub article: ArticleId,
    pub terms: Vec<Term>,
}

/// A group-referring phrase as written, how often, and its usual tone.
#[derive(Clone, Debug, Serialize)]
pub struct Term {
    pub text: String,
    pub count: usize,
    /// "neutral", "pejorative" or "sympathetic": how the word is usually read.
    pub tone: &'static str,
    /// Offsets of the first occurrence in the cleaned text.
    pub start: usize,
    pub end: usize,
}

/// A quote found in several articles.
#[derive(Clone, Debug, Serialize)]
pub struct SharedQuote {
    pub speaker: Option<String>,
    pub versions: Vec<QuoteVersion>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuoteVersion {
    pub article: ArticleId,
    pub language: Option<Lang>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Builds the comparison of one story's articles. `keys` maps linked entity ids to one key per
/// entity (see [`crate::similarity::entity_keys`]); `links` are the story's version links.
pub fn compare_story(
    articles: &[&Analysis],
    keys: &HashMap<EntityId, Key>,
    links: &[&Link],
) -> Comparison {
    // each article's text tokenised once, for its figures' events and its framing phrases
    let tokens: Vec<Vec<Token>> = articles.iter().map(|a| tokenize(&a.text)).collect();
    Comparison {
        figures: figure_groups(articles, &tokens),
        framing: framing(articles, &tokens),
        quotes: shared_quotes(articles, keys, links),
    }
}

// ---------------------------------------------------------------------------------------------
// Figures

/// What a figure counts: (concept, stems of counted nouns in several languages). Written as
/// normalised prefixes (lowercase, no accents; Arabic folded as `token::normalize` does).
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "dead",
        &[
            "mort",
            "tues",
            "tue",
            "killed",
            "dead",
            "death",
            "tote",
            "todes",
            "muert",
            "fallec",
            "погиб",
            "убит",
            "жертв",
            "قتلي",
            "قتيل",
            "ضحايا",
            "morti",
            "vittim",
            "victim",
            "zabit",
        ],
    ),
    (
        "wounded",
        &[
            "bless",
            "wound",
            "injur",
            "verletz",
            "verwund",
            "herid",
            "lesionad",
            "ранен",
            "пострада",
            "جرحي",
            "جريح",
            "مصاب",
            "feriti",
            "rann",
        ],
    ),
    (
        "fighters",
        &[
            "combatt",
            "fighter",
            "rebel",
            "insurg",
            "militant",
            "jihad",
            "djihad",
            "kampfer",
            "rebell",
            "combatient",
            "guerriller",
            "боевик",
            "повстан",
            "мятеж",
            "مقاتل",
            "مسلح",
            "عنصر",
            "عناصر",
            "miliz",
            "milic",
            "militia",
        ],
    ),
    (
        "soldiers",
        &[
            "soldat",
            "soldier",
            "troop",
            "militaire",
            "servicem",
            "soldado",
            "militar",
            "военн",
            "солдат",
            "военнослуж",
            "جندي",
            "جنود",
            "عسكري",
        ],
    ),
    (
        "displaced",
        &[
            "deplace",
            "refugi",
            "displac",
            "refugee",
            "fluchtl",
            "vertrieb",
            "desplaz",
            "беженц",
            "переселен",
            "نازح",
            "لاجي",
            "uchodz",
        ],
    ),
    (
        "people",
        &[
            "personn",
            "people",
            "person",
            "civil",
            "individu",
            "habitant",
            "resident",
            "menschen",
            "zivil",
            "einwohner",
            "persona",
            "civiles",
            "gente",
            "человек",
            "жител",
            "мирн",
            "гражданск",
            "شخص",
            "مدني",
            "مواطن",
            "سكان",
            "اشخاص",
            "ludzi",
            "osob",
            "kisi",
        ],
    ),
];

/// What happened to the counted: stems of verbs and nouns read near the figure.
const EVENTS: &[(&str, &[&str])] = &[
    (
        "left",
        &[
            "quitt",
            "fui",
            "fuy",
            "evacu",
            "left",
            "fled",
            "flee",
            "leav",
            "exode",
            "verlass",
            "geflo",
            "flucht",
            "salier",
            "huyer",
            "abandon",
            "покину",
            "бежал",
            "эвакуир",
            "выехал",
            "вывез",
            "غادر",
            "نزح",
            "خرج",
            "فروا",
            "اجلاء",
        ],
    ),
    (
        "killed",
        &[
            "tuee",
            "tuer",
            "tues",
            "tue",
            "mort",
            "killed",
            "dead",
            "died",
            "getotet",
            "starben",
            "muert",
            "murier",
            "погиб",
            "убит",
            "قتل",
            "مقتل",
            "لقي",
        ],
    ),
    (
        "wounded",
        &[
            "bless",
            "wound",
            "injur",
            "verletz",
            "herid",
            "ранен",
            "جرح",
            "اصيب",
            "اصابه",
        ],
    ),
    (
        "surrendered",
        &[
            "depos",
            "rendu",
            "surrend",
            "laid",
            "ergeb",
            "rindier",
            "entreg",
            "сдал",
            "сложил",
            "استسلم",
            "سلم",
        ],
    ),
    (
        "arrested",
        &[
            "arret",
            "arrest",
            "captur",
            "detenu",
            "detain",
            "festgenommen",
            "gefangen",
            "detenid",
            "задерж",
            "арест",
            "اعتقال",
            "اعتقل",
            "اسر",
            "اسير",
        ],
    ),
];

fn lookup(
    norm: &str,
    table: &'static [(&'static str, &'static [&'static str])],
) -> Option<&'static str> {
    let folded = fold_clitics(norm);
    table.iter().find_map(|(name, stems)| {
        stems
            .iter()
            .any(|s| {
                // short stems must match the whole word ("tue" is not "tuesday")
                if s.chars().count() <= 3 {
                    folded == *s
                } else {
                    folded.starts_with(s)
                }
            })
            .then_some(*name)
    })
}

/// Strips Arabic proclitics, conjunctions included, so that lexicon words match.
fn fold_clitics(norm: &str) -> &str {
    crate::similarity::strip_clitics(norm, true)
}

fn concept_of(figure: &Figure) -> Option<&'static str> {
    if !matches!(figure.kind, FigureKind::People | FigureKind::Count) {
        return None;
    }
    let counts = figure.counts.as_deref()?;
    tokenize(counts)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .find_map(|t| lookup(&t.norm, CONCEPTS))
}

/// The event near a figure: the nearest event word of its sentence, before or after it; a comma
/// between counts as three words (it often opens another clause).
fn event_of(figure: &Figure, tokens: &[Token]) -> Option<&'static str> {
    let at = tokens.partition_point(|t| t.span.start < figure.start);
    let end = tokens.partition_point(|t| t.span.start < figure.end);
    let sentence_end =
        |t: &Token| t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "." | "!" | "?" | ";");
    let nearest = |it: &mut dyn Iterator<Item = &Token>| -> Option<(usize, &'static str)> {
        let mut distance = 0;
        for t in it {
            if sentence_end(t) || distance > 12 {
                return None;
            }
            distance += if t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "," | "،") {
                3
            } else {
                1
            };
            if t.kind == TokenKind::Word {
                // a conjunction glued to the word ("ونزح": "and fled") opens another clause
                if t.norm.starts_with('و') && fold_clitics(&t.norm) != t.norm {
                    distance += 3;
                }
                if let Some(e) = lookup(&t.norm, EVENTS) {
                    return Some((distance, e));
                }
            }
        }
        None
    };
    let after = nearest(&mut tokens[end.min(tokens.len())..].iter());
    let before = nearest(&mut tokens[..at.min(tokens.len())].iter().rev());
    match (before, after) {
        (Some(b), Some(a)) => Some(if b.0 < a.0 { b.1 } else { a.1 }),
        (b, a) => b.or(a).map(|x| x.1),
    }
}

fn figure_groups(articles: &[&Analysis], tokens: &[Vec<Token>]) -> Vec<FigureGroup> {
    let mut groups: Vec<FigureGroup> = Vec::new();
    for (a, tokens) in articles.iter().zip(tokens) {
        for f in &a.figures {
            let Some(concept) = concept_of(f) else {
                continue;
            };
            // "the dead" are killed; the event adds nothing to the concept
            let event = event_of(f, tokens)
                .filter(|e| !matches!((concept, *e), ("dead", "killed") | ("wounded", "wounded")));
            let sourced = SourcedFigure {
                article: a.id,
                value: f.value,
                bound: f.bound,
                text: f.text.clone(),
                start: f.start,
                end: f.end,
            };
            // a figure whose event is not said goes with the same count of the same thing
            let close = |g: &FigureGroup| {
                g.figures
                    .iter()
                    .any(|x| (x.value - f.value).abs() <= 0.05 * x.value.abs().max(f.value.abs()))
            };
            let at = groups
                .iter()
                .position(|g| g.counts == concept && g.event == event)
                .or_else(|| {
                    groups.iter().position(|g| {
                        g.counts == concept && (event.is_none() || g.event.is_none()) && close(g)
                    })
                });
            match at.map(|i| &mut groups[i]) {
                Some(g) => g.figures.push(sourced),
                None => groups.push(FigureGroup {
                    counts: concept,
                    event,
                    disagree: false,
                    figures: vec![sourced],
                }),
            }
        }
    }
    // only what several articles count is a comparison
    groups.retain(|g| {
        let first = g.figures[0].article;
        g.figures.iter().any(|f| f.article != first)
    });
    for g in &mut groups {
        let mut per_article: HashMap<ArticleId, Vec<f64>> = HashMap::new();
        for f in &g.figures {
            per_article.entry(f.article).or_default().push(f.value);
        }
        let values: Vec<&Vec<f64>> = per_article.values().collect();
        // two articles disagree when no value of one is within 5% of a value of the other
        g.disagree = values.iter().enumerate().any(|(i, x)| {
            values.iter().skip(i + 1).any(|y| {
                !x.iter().any(|p| {
                    y.iter()
                        .any(|q| (p - q).abs() <= 0.05 * p.abs().max(q.abs()))
                })
            })
        });
    }
    groups.sort_by(|a, b| {
        b.figures
            .len()
            .cmp(&a.figures.len())
            .then(a.counts.cmp(b.counts))
    });
    groups
}

// ---------------------------------------------------------------------------------------------
// Framing

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    /// Names a side by itself ("rebelles").
    Noun,
    /// Needs a noun before it ("armés" in "groupes armés"); alone it is not reported.
    Modifier,
    /// A generic head ("groupes", "forces"): part of a phrase, never one alone.
    Head,
}

/// Group-referring words: (word as normalised, side, role, tone). Sides: "armed opposition",
/// "government side".
const OPPOSITION: &str = "armed opposition";
const GOVERNMENT: &str = "government side";
/// No side of its own: the head decides.
const GENERIC: &str = "";

#[rustfmt::skip]
const FRAMING_WORDS: &[(&str, &str, Role, &str)] = &[
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

fn framing_map() -> &'static HashMap<String, (&'static str, Role, &'static str)> {
    static MAP: OnceLock<HashMap<String, (&'static str, Role, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| {
        FRAMING_WORDS
            .iter()
            .map(|(w, side, role, tone)| (normalize(w), (*side, *role, *tone)))
            .collect()
    })
}

fn framing_word(norm: &str) -> Option<(&'static str, Role, &'static str)> {
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
fn phrases(
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
fn term_key(text: &str) -> String {
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

fn framing(articles: &[&Analysis], tokens: &[Vec<Token>]) -> Vec<Framing> {
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

fn stems(text: &str) -> Vec<String> {
    let mut v: Vec<String> = tokenize(text)
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !crate::lang::is_function_word(&t.norm))
        .filter_map(|t| crate::similarity::stem(&t.norm))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn skeletons(text: &str) -> Vec<Key> {
    let mut v: Vec<Key> = tokenize(text)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .filter_map(|t| crate::similarity::cognate_key(&t.norm))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

fn shared_quotes(
    articles: &[&Analysis],
    keys: &HashMap<EntityId, Key>,
    links: &[&Link],
) -> Vec<SharedQuote> {
    struct Q<'a> {
        article: &'a Analysis,
        index: usize,
        speaker: Option<Key>,
        stems: Vec<String>,
        skeletons: Vec<Key>,
        paragraph: Option<usize>,
    }
    let mut all: Vec<Q<'_>> = Vec::new();
    for a in articles {
        for (index, q) in a.quotes.iter().enumerate() {
            let speaker = q.speaker_mention.and_then(|span| {
                a.entities
                    .iter()
                    .find(|m| m.start == span.start && m.end == span.end)
                    .and_then(|m| {
                        m.entity
                            .and_then(|id| keys.get(&id).copied())
                            .or_else(|| mention_key(m))
                    })
            });
            let paragraph = a
                .paragraphs
                .iter()
                .position(|p| p.start <= q.start && q.start < p.end.max(p.start + 1));
            all.push(Q {
                article: a,
                index,
                speaker,
                stems: stems(&q.text),
                skeletons: skeletons(&q.text),
                paragraph,
            });
        }
    }
    // where two quotes sit relative to a version link's aligned paragraphs: 2 = in aligned
    // paragraphs, 1 = between the same aligned pairs (no aligned pair crosses them), 0 = not;
    // with how far apart their paragraphs are from the aligned pair before them
    let placement = |x: &Q<'_>, y: &Q<'_>| -> (u8, usize) {
        let (Some(i), Some(j)) = (x.paragraph, y.paragraph) else {
            return (0, usize::MAX);
        };
        let mut best = (0, usize::MAX);
        for l in links {
            let pairs: Vec<(usize, usize)> = if l.a == x.article.id && l.b == y.article.id {
                l.aligned.iter().map(|p| (p.a, p.b)).collect()
            } else if l.b == x.article.id && l.a == y.article.id {
                l.aligned.iter().map(|p| (p.b, p.a)).collect()
            } else {
                continue;
            };
            if pairs.contains(&(i, j)) {
                return (2, 0);
            }
            let crossing = pairs
                .iter()
                .any(|(pa, pb)| (*pa < i && *pb >= j) || (*pa >= i && *pb < j));
            if !crossing {
                let (pa, pb) = pairs
                    .iter()
                    .rev()
                    .find(|(pa, pb)| *pa < i && *pb < j)
                    .copied()
                    .unwrap_or((0, 0));
                let offset = (i - pa).abs_diff(j - pb);
                if best.0 < 1 || offset < best.1 {
                    best = (1, offset);
                }
            }
        }
        best
    };
    // (placement, closeness of place, shared words): higher is better
    let matches = |x: &Q<'_>, y: &Q<'_>| -> Option<(u8, i64, f64)> {
        if x.article.id == y.article.id {
            return None;
        }
        if x.article.language == y.article.language {
            let j = jaccard(&x.stems, &y.stems);
            return (j >= 0.4).then_some((2, 0, j));
        }
        if x.speaker.is_none() || x.speaker != y.speaker {
            return None;
        }
        let j = jaccard(&x.skeletons, &y.skeletons);
        let (place, offset) = placement(x, y);
        (place > 0 || j >= 0.15).then_some((place, -(offset.min(1000) as i64), j))
    };
    // two quotes go together when each is the other's best counterpart in its article
    let mut best: HashMap<(usize, ArticleId), usize> = HashMap::new();
    for (yi, y) in all.iter().enumerate() {
        for a in articles {
            if a.id == y.article.id {
                continue;
            }
            let found = all
                .iter()
                .enumerate()
                .filter(|(_, x)| x.article.id == a.id)
                .filter_map(|(xi, x)| matches(x, y).map(|m| (xi, m)))
                .max_by(|p, q| {
                    p.1 .0
                        .cmp(&q.1 .0)
                        .then(p.1 .1.cmp(&q.1 .1))
                        .then(p.1 .2.total_cmp(&q.1 .2))
                        .then(q.0.cmp(&p.0))
                });
            if let Some((xi, _)) = found {
                best.insert((yi, a.id), xi);
            }
        }
    }
    let mut edges: Vec<(usize, usize)> = best
        .iter()
        .filter(|((yi, _), xi)| best.get(&(**xi, all[*yi].article.id)) == Some(yi))
        .map(|((yi, _), xi)| (*xi.min(yi), *xi.max(yi)))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    // union of matching quotes, in article order
    let mut group: Vec<usize> = (0..all.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for (i, j) in edges {
        let (ri, rj) = (root(&mut group, i), root(&mut group, j));
        if ri != rj {
            group[rj.max(ri)] = rj.min(ri);
        }
    }
    let roots: Vec<usize> = (0..all.len()).map(|i| root(&mut group, i)).collect();
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for r in &roots {
        *sizes.entry(*r).or_default() += 1;
    }
    let mut out: Vec<SharedQuote> = Vec::new();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for i in 0..all.len() {
        let r = roots[i];
        if sizes.get(&r).copied().unwrap_or(0) < 2 {
            continue;
        }
        let q = &all[i].article.quotes[all[i].index];
        let version = QuoteVersion {
            article: all[i].article.id,
            language: all[i].article.language,
            text: q.text.clone(),
            start: q.start,
            end: q.end,
        };
        let name = q.speaker_name.clone().or_else(|| q.speaker_text.clone());
        match seen.get(&r) {
            Some(k) => {
                // show the speaker in Latin script when a version writes it so
                let latin = |n: &Option<String>| {
                    n.as_deref()
                        .is_some_and(|n| n.chars().any(|c| c.is_ascii_alphabetic()))
                };
                if !latin(&out[*k].speaker) && latin(&name) {
                    out[*k].speaker = name;
                }
                out[*k].versions.push(version)
            }
            None => {
                seen.insert(r, out.len());
                out.push(SharedQuote {
                    speaker: name,
                    versions: vec![version],
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases_of(text: &str) -> Vec<(String, &'static str, &'static str, usize, usize)> {
        phrases(text, &tokenize(text))
    }

    #[test]
    fn phrases_name_sides_with_their_tone() {
        let found = phrases_of(
            "Les groupes armés et les terroristes ont attaqué, selon les forces gouvernementales.",
        );
        let texts: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            texts,
            ["groupes armés", "terroristes", "forces gouvernementales"]
        );
        assert_eq!(found[1].2, "pejorative");
        assert_eq!(found[2].1, GOVERNMENT);
        let ar = phrases_of("وقال مقاتلو المعارضة إن مقاتلي المعارضة صامدون");
        assert!(
            ar.iter()
                .any(|p| p.0 == "مقاتلي المعارضة" && p.1 == OPPOSITION),
            "{ar:?}"
        );
        // a head alone names no one
        assert!(phrases_of("Les forces de l'ordre sont arrivées.").is_empty());
    }
}
