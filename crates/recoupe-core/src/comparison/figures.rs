//! Figures side by side: what each counts (a concept) and what happened (an event), grouped across the story's sources.

use super::*;

/// What a figure counts: (concept, stems of counted nouns in several languages). Written as
/// normalised prefixes (lowercase, no accents; Arabic folded as `token::normalize` does).
pub(super) const CONCEPTS: &[(&str, &[&str])] = &[
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
pub(super) const EVENTS: &[(&str, &[&str])] = &[
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

pub(super) fn lookup(
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
pub(super) fn fold_clitics(norm: &str) -> &str {
    crate::similarity::strip_clitics(norm, true)
}

pub(super) fn concept_of(figure: &Figure) -> Option<&'static str> {
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
pub(super) fn event_of(figure: &Figure, tokens: &[Token]) -> Option<&'static str> {
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

/// The figure's sentence gives a date that ended more than two months before the article was
/// written (or, undated, before the latest date it gives): the figure is about that time.
pub(super) fn about_another_time(a: &Analysis, f: &Figure) -> bool {
    let text = a.text.as_str();
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '\n' | '؟' | '。');
    let start = text[..f.start.min(text.len())]
        .rfind(ends)
        .map_or(0, |i| i + 1);
    let end = text[f.end.min(text.len())..]
        .find(ends)
        .map_or(text.len(), |i| f.end + i);
    let now = a
        .published
        .or_else(|| a.dates.iter().filter_map(|d| d.last_day()).max());
    let Some(now) = now.and_then(|n| n.add_days(-60)) else {
        return false;
    };
    a.dates
        .iter()
        .filter(|d| d.start >= start && d.end <= end)
        .filter_map(|d| d.last_day())
        .any(|d| d < now)
}

pub(super) fn figure_groups<R: std::ops::Deref<Target = Readings>>(
    articles: &[&Analysis],
    readings: &[R],
) -> Vec<FigureGroup> {
    let mut groups: Vec<FigureGroup> = Vec::new();
    for (a, read) in articles.iter().zip(readings) {
        for (f, event) in a.figures.iter().zip(&read.events) {
            let Some(concept) = concept_of(f) else {
                continue;
            };
            // "In 2017, fires forced 10,000 people to leave": background, not this event
            if about_another_time(a, f) {
                continue;
            }
            // "95 people had died" counts the dead, as "95 muertos" does; "the dead" are killed:
            // the event then adds nothing to the concept
            let (concept, event) = match (concept, *event) {
                ("people", Some("killed")) => ("dead", None),
                ("people", Some("wounded")) => ("wounded", None),
                (c, e) => (c, e),
            };
            let event = event
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
        let mut per_article: HashMap<ArticleId, Vec<f64>> = HashMap::default();
        for f in &g.figures {
            per_article.entry(f.article).or_default().push(f.value);
        }
        let close = |p: f64, q: f64| (p - q).abs() <= 0.05 * p.abs().max(q.abs());
        // an article that gives several values of one thing counts it at several times or in
        // several groups ("50 000 in two days, 20 000 on Saturday"): which of them another
        // source's figure answers is not known, so it disagrees with no one
        let values: Vec<&Vec<f64>> = per_article
            .values()
            .filter(|v| v.iter().all(|p| v.iter().all(|q| close(*p, *q))))
            .collect();
        // two articles disagree when no value of one is within 5% of a value of the other
        g.disagree = values.iter().enumerate().any(|(i, x)| {
            values
                .iter()
                .skip(i + 1)
                .any(|y| !x.iter().any(|p| y.iter().any(|q| close(*p, *q))))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, extract, Date, RawArticle};

    fn article(title: &str, body: &str) -> Analysis {
        let mut a = analyze(&RawArticle {
            source: title.into(),
            title: title.into(),
            body: body.into(),
            published: Date::parse_iso("2024-05-06"),
            ..RawArticle::default()
        });
        extract(&mut a);
        a
    }

    /// (what is counted, values, disagree) of each group.
    fn groups(articles: &[Analysis]) -> Vec<(&'static str, Vec<f64>, bool)> {
        let refs: Vec<&Analysis> = articles.iter().collect();
        let c = compare_story(&refs, &HashMap::default(), &[]);
        c.figures
            .into_iter()
            .map(|g| {
                (
                    g.counts,
                    g.figures.iter().map(|f| f.value).collect(),
                    g.disagree,
                )
            })
            .collect()
    }

    #[test]
    fn people_who_died_are_the_dead_in_every_language() {
        let en = article(
            "Floods in the valley",
            "Officials said 95 people had died in the floods in the valley of Rio Verde.",
        );
        let es = article(
            "Inundaciones en el valle",
            "Las autoridades informaron de 95 muertos en las inundaciones del valle de Río Verde.",
        );
        assert_eq!(groups(&[en, es]), vec![("dead", vec![95.0, 95.0], false)]);
    }

    #[test]
    fn two_sources_disagree_a_source_that_counts_twice_contradicts_no_one() {
        let one = article(
            "Floods in the valley",
            "Officials said 95 people had died in the floods in the valley of Rio Verde.",
        );
        let other = article(
            "Floods in the valley",
            "The Red Cross said 140 people had died in the floods in the valley of Rio Verde.",
        );
        assert_eq!(
            groups(&[one.clone(), other]),
            vec![("dead", vec![95.0, 140.0], true)]
        );
        // 140 dead in the valley, 60 of them in the town: two counts of one source, either of
        // which the other source's 95 may answer
        let twice = article(
            "Floods in the valley",
            "The Red Cross said 140 people had died in the floods in the valley of Rio Verde, 60 people had died in the town alone.",
        );
        let g = groups(&[one, twice]);
        assert_eq!(g.len(), 1, "{g:?}");
        assert!(!g[0].2, "{g:?}");
    }

    #[test]
    fn a_figure_of_another_year_is_background() {
        let now = article(
            "Fire near the port",
            "The fire forced 4,000 people to leave their homes on Sunday.",
        );
        let other = article(
            "Fire near the port",
            "About 4,000 people left their homes on Sunday. In 2017, fires in the same hills forced 10,000 people to leave.",
        );
        assert_eq!(
            groups(&[now, other]),
            vec![("people", vec![4000.0, 4000.0], false)]
        );
    }
}
