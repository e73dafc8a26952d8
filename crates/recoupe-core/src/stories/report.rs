//! A placed batch described: each story's members, version links, inferred dates, title and comparison.

use super::*;

/// A story as reported.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Story {
    pub id: StoryId,
    /// The title of its most central article.
    pub title: String,
    /// Member articles, oldest first (undated last).
    pub articles: Vec<ArticleId>,
    /// First and last publication dates of its dated articles (inferred dates included).
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub languages: Vec<Lang>,
    /// Where the articles come from (site, else source path).
    pub sources: Vec<String>,
    /// Why each article joined: the article it was closest to when it arrived, and the score.
    pub joins: Vec<Join>,
    pub comparison: Comparison,
}

/// Why an article is in its story.
#[derive(Clone, Debug, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Join {
    pub article: ArticleId,
    /// Similarity to the story when it joined (null for the article that opened it).
    pub score: Option<f64>,
    pub evidence: Vec<Evidence>,
}

/// Stories and links of a batch.
#[derive(Clone, Debug, Default, Serialize, schemars::JsonSchema)]
pub struct StoryReport {
    pub stories: Vec<Story>,
    pub links: Vec<Link>,
}

pub(super) fn source_of(a: &Analysis) -> String {
    a.site.clone().unwrap_or_else(|| a.source.clone())
}

/// The stories of a batch of articles placed one by one, as a store places them: each of
/// `analyses` was placed by [`Clusterer::add`] with its profile among `profiles`, and
/// `assignments` says where each went, in the order they were placed.
/// Gathers the members of each story in the order they joined, dates undated versions through
/// their dated ones (marked inferred), and describes each story (title, dates, languages,
/// sources, why each joined, the side-by-side comparison, with `entities` linked across the
/// batch). Nothing is clustered again: `recoupe analyze` reports the stories its pipeline placed.
pub fn report(
    analyses: &mut [Analysis],
    profiles: &[Profile],
    entities: &[crate::entities::Entity],
    assignments: Vec<Assignment>,
) -> StoryReport {
    report_with(
        analyses,
        profiles,
        entities,
        assignments,
        |stories, describe| stories.into_iter().map(describe).collect(),
    )
}

/// One story to describe (see [`report_with`]).
pub struct StoryMembers {
    id: StoryId,
    joins: Vec<Join>,
}

/// [`report`], with the stories described by `describe_all`, which is given every story and
/// the function that describes one (pure, `Sync`): an edge may describe them in parallel; the
/// core stays on one thread. `describe_all` returns the stories in any order.
pub fn report_with(
    analyses: &mut [Analysis],
    profiles: &[Profile],
    entities: &[crate::entities::Entity],
    assignments: Vec<Assignment>,
    describe_all: impl FnOnce(Vec<StoryMembers>, &(dyn Fn(StoryMembers) -> Story + Sync)) -> Vec<Story>,
) -> StoryReport {
    let keys = entity_keys(entities);
    let mut df = DocFreq::new();
    for p in profiles {
        df.add(p);
    }
    let mut joins: HashMap<StoryId, Vec<Join>> = HashMap::default();
    let mut story_order: Vec<StoryId> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    for a in assignments {
        if !joins.contains_key(&a.story) {
            story_order.push(a.story);
        }
        joins.entry(a.story).or_default().push(Join {
            article: a.article,
            score: (a.score > 0.0).then_some(a.score),
            evidence: a.evidence,
        });
        links.extend(a.links);
    }
    infer_dates(analyses, &links);
    links.sort_by_key(|l| (l.a, l.b));

    let by_id: HashMap<ArticleId, usize> = analyses
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let profile_of: HashMap<ArticleId, &Profile> = profiles.iter().map(|p| (p.id, p)).collect();
    let tasks: Vec<StoryMembers> = story_order
        .into_iter()
        .map(|id| StoryMembers {
            id,
            joins: joins.remove(&id).unwrap_or_default(),
        })
        .collect();
    let analyses: &[Analysis] = analyses;
    let one = |task: StoryMembers| {
        let members: Vec<&Analysis> = task
            .joins
            .iter()
            .filter_map(|j| by_id.get(&j.article).map(|i| &analyses[*i]))
            .collect();
        describe(
            task.id,
            members,
            &profile_of,
            &df,
            &keys,
            &links,
            task.joins,
        )
    };
    let mut stories = describe_all(tasks, &one);
    // largest first, then most recent
    stories.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(b.end.cmp(&a.end))
            .then(a.id.cmp(&b.id))
    });
    StoryReport { stories, links }
}

/// One story of a store: its member articles (analysed and extracted), the names linked among
/// them, the version links found when they joined and why each joined. Undated members that are
/// versions of a dated one take its date (as [`report`] does); the word weights are the members'.
pub fn story_of(
    id: StoryId,
    analyses: &mut [Analysis],
    entities: &[crate::entities::Entity],
    links: &[Link],
    joins: Vec<Join>,
) -> Story {
    infer_dates(analyses, links);
    let keys = entity_keys(entities);
    let profiles: Vec<Profile> = analyses
        .iter()
        .map(|a| Profile::of(a, Some(&keys)))
        .collect();
    let mut df = DocFreq::new();
    for p in &profiles {
        df.add(p);
    }
    let profile_of: HashMap<ArticleId, &Profile> = profiles.iter().map(|p| (p.id, p)).collect();
    describe(
        id,
        analyses.iter().collect(),
        &profile_of,
        &df,
        &keys,
        links,
        joins,
    )
}

/// A story as reported, from its members: dates, languages, sources, the most central
/// article's title, and the side-by-side comparison.
pub(super) fn describe(
    id: StoryId,
    mut articles: Vec<&Analysis>,
    profile_of: &HashMap<ArticleId, &Profile>,
    df: &DocFreq,
    keys: &HashMap<EntityId, Key>,
    links: &[Link],
    joins: Vec<Join>,
) -> Story {
    articles.sort_by_key(|a| (a.published.is_none(), a.published, a.id));
    let dates: Vec<Date> = articles.iter().filter_map(|a| a.published).collect();
    let mut languages: Vec<Lang> = articles.iter().filter_map(|a| a.language).collect();
    languages.sort();
    languages.dedup();
    let mut sources: Vec<String> = Vec::new();
    for a in &articles {
        let s = source_of(a);
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    let central = most_central(&articles, profile_of, df);
    let title = central
        .map(|a| {
            if a.title.is_empty() {
                a.text
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(120)
                    .collect()
            } else {
                a.title.clone()
            }
        })
        .unwrap_or_default();
    let member_set: HashSet<ArticleId> = articles.iter().map(|a| a.id).collect();
    let story_links: Vec<&Link> = links
        .iter()
        .filter(|l| member_set.contains(&l.a) && member_set.contains(&l.b))
        .collect();
    let comparison = compare_story(&articles, keys, &story_links);
    Story {
        id,
        title,
        articles: articles.iter().map(|a| a.id).collect(),
        start: dates.iter().min().copied(),
        end: dates.iter().max().copied(),
        languages,
        sources,
        joins,
        comparison,
    }
}

/// The most central of a story's first 50 articles: the highest total similarity to the others.
/// The score is symmetric, so each pair is scored once; each total is summed in the order of
/// the others, as a row of the full matrix.
pub(super) fn most_central<'a>(
    articles: &[&'a Analysis],
    profile_of: &HashMap<ArticleId, &Profile>,
    df: &DocFreq,
) -> Option<&'a Analysis> {
    let first: Vec<&Analysis> = articles.iter().take(50).copied().collect();
    let n = first.len();
    // each member's weighted lists made once (what `signals` would make for every pair)
    let profiles: Vec<Option<(&Profile, Weighted)>> = first
        .iter()
        .map(|a| {
            let p = profile_of.get(&a.id).copied()?;
            Some((p, Weighted::of(p, df)))
        })
        .collect();
    let mut matrix: Vec<Option<f64>> = vec![None; n * n];
    for i in 0..n {
        for j in 0..i {
            if let (Some((a, wa)), Some((b, wb))) = (&profiles[i], &profiles[j]) {
                if first[i].id != first[j].id {
                    let score = combine(&signals_weighted(a, wa, b, wb));
                    matrix[i * n + j] = Some(score);
                    matrix[j * n + i] = Some(score);
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            let total: f64 = matrix[i * n..(i + 1) * n].iter().flatten().sum();
            (first[i], total)
        })
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.id.cmp(&x.0.id)))
        .map(|(a, _)| a)
}

/// An undated article that is a version of a dated one takes that date, marked inferred, and its
/// weekday and relative mentions are resolved again against it.
pub(super) fn infer_dates(analyses: &mut [Analysis], links: &[Link]) {
    let dated: HashMap<ArticleId, (Date, String)> = analyses
        .iter()
        .filter_map(|a| a.published.map(|d| (a.id, (d, a.source.clone()))))
        .collect();
    for analysis in analyses.iter_mut() {
        if analysis.published.is_some() {
            continue;
        }
        let mut best: Option<(&Link, ArticleId)> = None;
        for l in links {
            let Some(other) = l.other(analysis.id) else {
                continue;
            };
            if dated.contains_key(&other) && best.is_none_or(|(b, _)| l.score > b.score) {
                best = Some((l, other));
            }
        }
        let Some((l, other)) = best else { continue };
        let Some((date, source)) = dated.get(&other) else {
            continue;
        };
        analysis.published = Some(*date);
        analysis.published_basis = Some(DateBasis::Inferred);
        analysis.published_evidence = Some(l.date_evidence(other, source));
        analysis.diagnostics.push(Diagnostic::new(
            "stories",
            format!("dated {date} through its {} {other}", l.kind.as_str()),
        ));
        let tokens = crate::token::tokenize(&analysis.text);
        analysis.dates = crate::dates::date_mentions(&analysis.text, &tokens, Some(*date));
    }
}
