//! Stories: articles about one event, across languages and scripts, grouped as they arrive.
//!
//! [`Clusterer`] is incremental and deterministic: each article, in the order given (date order,
//! undated articles last), is compared with the stories that share one of its actors or rarest
//! words (an inverted index) and are active within a time window around its date; it joins the
//! best one if the similarity reaches a threshold, else opens a new story. A story keeps a few
//! representative articles (the first and the latest), so the cost of one article does not grow
//! with the corpus. The same place and the same actors years apart are a different story: the
//! window excludes the old one and the time discount of the similarity does the rest.
//!
//! [`build`] runs the whole thing on a batch of analysed articles: profiles, clustering, version
//! links, dates inferred through a version, titles and the side-by-side comparison.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::comparison::{compare_story, Comparison};
use crate::model::{ArticleId, Date, DateBasis, Diagnostic, Lang, StoryId};
use crate::pipeline::Analysis;
use crate::similarity::{
    combine, compare, copy, entity_keys, explain, shared_sorted, shared_weights, signals_weighted,
    DocFreq, Evidence, Key, KeyMap, Profile, Signals, Weighted,
};
use crate::versions::{link, Link};

/// How stories are formed.
#[derive(Clone, Debug)]
pub struct StoryConfig {
    /// Days around a story's date range within which an article may join it.
    pub window_days: i64,
    /// Least similarity for an article to join a story.
    pub join: f64,
    /// Representative articles kept per active story.
    pub reps: usize,
    /// Most stories compared per article.
    pub max_candidates: usize,
    /// Most recent stories looked at per index key.
    pub postings_scan: usize,
    /// Rarest words of an article used to find candidate stories (besides all its actors).
    pub query_terms: usize,
    /// Stories kept open; past this many, stories that ended a window before the latest date
    /// are closed: they keep their members and dates but no representatives, so no article
    /// joins them any more (a dated one is out of their window anyway; an undated one opens a
    /// story of its own). Bounds memory on a stream; a batch of fewer stories keeps everything
    /// (undated articles come last and still find their versions).
    pub keep_open: usize,
}

impl Default for StoryConfig {
    fn default() -> StoryConfig {
        StoryConfig {
            window_days: 30,
            join: 0.3,
            reps: 8,
            max_candidates: 40,
            postings_scan: 64,
            query_terms: 12,
            keep_open: 5_000,
        }
    }
}

/// Where one article went.
#[derive(Clone, Debug)]
pub struct Assignment {
    pub article: ArticleId,
    pub story: StoryId,
    /// Similarity to the story's closest article (0 for a new story).
    pub score: f64,
    /// Why it joined (the evidence of the closest article).
    pub evidence: Vec<Evidence>,
    /// Version links found with the story's representative articles.
    pub links: Vec<Link>,
}

/// A representative article of a story, with its weighted lists (made when it joined: the
/// word weights of that moment).
struct Rep {
    profile: Profile,
    weighted: Weighted,
}

struct StoryState {
    id: StoryId,
    members: Vec<ArticleId>,
    reps: Vec<Rep>,
    start: Option<Date>,
    end: Option<Date>,
    closed: bool,
}

/// The incremental story index (see the module doc).
pub struct Clusterer {
    config: StoryConfig,
    df: DocFreq,
    stories: Vec<StoryState>,
    by_id: HashMap<StoryId, usize>,
    index: KeyMap<Vec<u32>>,
    /// Latest date seen: stories that ended a window before it are closed.
    clock: Option<Date>,
    /// Stories in order of their end date, for closing.
    open: Vec<usize>,
    /// Counts each arriving article's keys into the document frequencies (a stream).
    learn: bool,
}

impl Clusterer {
    /// A clusterer whose word weights come from `df` (a batch's document frequencies, counted
    /// before clustering); see [`Clusterer::learning`] for a stream.
    pub fn new(config: StoryConfig, df: DocFreq) -> Clusterer {
        Clusterer {
            config,
            df,
            stories: Vec::new(),
            by_id: HashMap::new(),
            index: KeyMap::default(),
            clock: None,
            open: Vec::new(),
            learn: false,
        }
    }

    /// A clusterer for a stream: word weights are learnt from the articles as they arrive.
    pub fn learning(config: StoryConfig) -> Clusterer {
        Clusterer {
            learn: true,
            ..Clusterer::new(config, DocFreq::new())
        }
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// The members of a story, in the order they joined.
    pub fn members(&self, story: StoryId) -> &[ArticleId] {
        self.by_id
            .get(&story)
            .map(|i| self.stories[*i].members.as_slice())
            .unwrap_or(&[])
    }

    /// The keys an article is looked up by: all its actors and its rarest words.
    fn query_keys(&self, profile: &Profile) -> Vec<Key> {
        let mut keys: Vec<Key> = profile.names.iter().map(|(k, _)| *k).collect();
        let mut terms: Vec<(Key, f32)> = profile
            .terms
            .iter()
            .map(|(k, n)| (*k, (1.0 + n.ln()) * self.df.idf(*k)))
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        keys.extend(terms.iter().take(self.config.query_terms).map(|(k, _)| *k));
        keys
    }

    fn in_window(&self, story: &StoryState, date: Option<Date>) -> bool {
        match (date, story.start, story.end) {
            (Some(d), Some(start), Some(end)) => {
                let d = d.to_days();
                d >= start.to_days() - self.config.window_days
                    && d <= end.to_days() + self.config.window_days
            }
            _ => true,
        }
    }

    fn close_old(&mut self, date: Date) {
        let window = self.config.window_days;
        let clock = match self.clock {
            Some(c) if c >= date => return,
            _ => date,
        };
        self.clock = Some(clock);
        if self.open.len() <= self.config.keep_open {
            return;
        }
        let mut still = Vec::with_capacity(self.open.len());
        for i in std::mem::take(&mut self.open) {
            let story = &mut self.stories[i];
            let ended = story
                .end
                .is_some_and(|end| end.to_days() + window < clock.to_days());
            if ended {
                // a closed story keeps its members and dates, not its representatives: memory
                // stays bounded by the stories of the last weeks
                story.closed = true;
                story.reps = Vec::new();
            } else {
                still.push(i);
            }
        }
        self.open = still;
    }

    /// Places one article: joins the best active story or opens a new one.
    pub fn add(&mut self, profile: Profile) -> Assignment {
        if let Some(d) = profile.date {
            self.close_old(d);
        }
        if self.learn {
            self.df.add(&profile);
        }
        let weighted = Weighted::of(&profile, &self.df);
        let keys = self.query_keys(&profile);
        // candidate stories: the rarest keys in common first (an actor counts twice: across
        // scripts it is all two articles share), then the most recent
        let mut hits: HashMap<u32, f32, std::hash::BuildHasherDefault<crate::lexicon::FxHasher>> =
            HashMap::default();
        for (k, key) in keys.iter().enumerate() {
            if let Some(postings) = self.index.get(key) {
                let actor = if k < profile.names.len() { 2.0 } else { 1.0 };
                let weight = actor * self.df.idf(*key);
                for s in postings.iter().rev().take(self.config.postings_scan) {
                    *hits.entry(*s).or_default() += weight;
                }
            }
        }
        let mut candidates: Vec<(u32, f32)> = hits.into_iter().collect();
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        candidates.truncate(self.config.max_candidates);
        // each candidate story's representatives are scored once; only the best is explained
        let mut scored: Vec<(usize, Vec<Signals>)> = Vec::new();
        let mut best: Option<(usize, usize, f64)> = None;
        for (s, _) in &candidates {
            let s = *s as usize;
            let story = &self.stories[s];
            if !self.in_window(story, profile.date) {
                continue;
            }
            // a representative whose actors disagree and that is no near-copy scores 0: the
            // word lists are not even merged
            let sigs: Vec<(Signals, bool)> = story
                .reps
                .iter()
                .map(|rep| {
                    let agree = actors_agree(&profile, &rep.profile, &self.df);
                    if agree || copy(&profile, &rep.profile) >= NEAR_COPY {
                        let sig =
                            signals_weighted(&profile, &weighted, &rep.profile, &rep.weighted);
                        (sig, agree)
                    } else {
                        (Signals::default(), false)
                    }
                })
                .collect();
            for (r, (sig, agree)) in sigs.iter().enumerate() {
                let mut score = join_score(sig, *agree);
                // one names actors, the other no one: the words alone must say more
                if profile.names.is_empty() != story.reps[r].profile.names.is_empty() {
                    score *= ONE_SIDED;
                }
                let better = match best {
                    None => true,
                    Some((bs, _, b)) => score > b || (score == b && s < bs),
                };
                if better {
                    best = Some((s, r, score));
                }
            }
            scored.push((s, sigs.into_iter().map(|(sig, _)| sig).collect()));
        }
        let joined = best.filter(|(_, _, score)| *score >= self.config.join);
        let (index, score, evidence, rep_signals) = match joined {
            Some((s, r, score)) => {
                let sigs = scored
                    .into_iter()
                    .find(|(i, _)| *i == s)
                    .map(|(_, sigs)| sigs)
                    .unwrap_or_default();
                let evidence = match (self.stories[s].reps.get(r), sigs.get(r)) {
                    (Some(rep), Some(sig)) => {
                        explain(&profile, &rep.profile, &self.df, *sig).evidence
                    }
                    _ => Vec::new(),
                };
                (s, score, evidence, sigs)
            }
            None => {
                let id = StoryId(profile.id.0);
                let index = self.stories.len();
                self.stories.push(StoryState {
                    id,
                    members: Vec::new(),
                    reps: Vec::new(),
                    start: None,
                    end: None,
                    closed: false,
                });
                self.by_id.insert(id, index);
                self.open.push(index);
                (index, 0.0, Vec::new(), Vec::new())
            }
        };
        // version links with the representatives that look like one
        let mut links = Vec::new();
        for (rep, sig) in self.stories[index].reps.iter().zip(&rep_signals) {
            if combine(sig) >= 0.25 || sig.copy >= 0.3 {
                let sim = explain(&profile, &rep.profile, &self.df, *sig);
                if let Some(l) = link(&profile, &rep.profile, &sim, &self.df) {
                    links.push(l);
                }
            }
        }
        for key in keys {
            let postings = self.index.entry(key).or_default();
            if postings.last() != Some(&(index as u32)) {
                postings.push(index as u32);
            }
            // postings keep the most recent stories only: the cost per article stays flat
            if postings.len() > 4 * self.config.postings_scan {
                let keep = postings.len() - self.config.postings_scan;
                postings.drain(..keep);
            }
        }
        let reps_max = self.config.reps.max(2);
        let story = &mut self.stories[index];
        story.members.push(profile.id);
        if let Some(d) = profile.date {
            story.start = Some(story.start.map_or(d, |s| s.min(d)));
            story.end = Some(story.end.map_or(d, |e| e.max(d)));
        }
        if story.closed {
            // an undated article joining an old story is not kept as representative
        } else if story.reps.len() < reps_max {
            story.reps.push(Rep { profile, weighted });
        } else {
            // keep the first; the rest are the latest
            story.reps.remove(1);
            story.reps.push(Rep { profile, weighted });
        }
        let id = story.id;
        Assignment {
            article: self.stories[index]
                .members
                .last()
                .copied()
                .unwrap_or(ArticleId(0)),
            story: id,
            score,
            evidence,
            links,
        }
    }
}

/// Least cosine of the actors for two articles that both name actors to be in one story.
const ACTORS_NEEDED: f64 = 0.3;

/// How well an article fits a story's representative: the similarity, scaled down when both
/// name actors (people, groups, places) and share few of them — two floods in two cities the
/// same week use the same words but are two stories. Near-copies (a shared dispatch) need no
/// actors in common.
fn join_score(s: &Signals, actors_agree: bool) -> f64 {
    let score = combine(s);
    if s.copy >= NEAR_COPY {
        return score;
    }
    if !actors_agree {
        return 0.0;
    }
    if s.names == 0.0 {
        // neither names anyone (or the other does not): the words decide
        return score;
    }
    score * (s.names / ACTORS_NEEDED).min(1.0)
}

/// How specific the actors two articles share must be (see [`actors_agree`]): a city and a
/// person, not a city and the Red Cross.
const ACTORS_SPECIFIC: f64 = 1.2;

/// The score kept when only one of two articles names actors (a join then needs the words to
/// score 0.3 / 0.75 = 0.4).
const ONE_SIDED: f64 = 0.75;

/// Near-copies (one dispatch) are in one story whatever their actors.
const NEAR_COPY: f64 = 0.6;

/// Whether two articles that both name actors share specific ones: one actor is worth its IDF
/// over the IDF of an actor never seen, so the city of the story counts ~0.6 and the United
/// Nations, named in every other article, ~0.1; one specific actor (the city) needs figures
/// that agree too: a precise one (41 dead) counts 0.5, a round one (20 000) 0.25, a year
/// nothing. True when either names no one.
fn actors_agree(a: &Profile, b: &Profile, df: &DocFreq) -> bool {
    if a.names.is_empty() || b.names.is_empty() {
        return true;
    }
    let rarest = f64::from(df.rarest());
    let specific: f64 = shared_weights(&a.names, &b.names)
        .map(|(k, _)| f64::from(df.idf(k)) / rarest)
        .sum();
    if specific >= ACTORS_SPECIFIC {
        return true;
    }
    let figures: f64 = shared_sorted(&a.numbers, &b.numbers)
        .into_iter()
        .filter(|n| !(1900..=2100).contains(n))
        .map(|n| if n % 100 != 0 { 0.5 } else { 0.25 })
        .sum();
    specific + figures.min(1.0) >= ACTORS_SPECIFIC
}

/// A story as reported.
#[derive(Clone, Debug, Serialize)]
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
#[derive(Clone, Debug, Serialize)]
pub struct Join {
    pub article: ArticleId,
    /// Similarity to the story when it joined (null for the article that opened it).
    pub score: Option<f64>,
    pub evidence: Vec<Evidence>,
}

/// Stories and links of a batch.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StoryReport {
    pub stories: Vec<Story>,
    pub links: Vec<Link>,
}

fn source_of(a: &Analysis) -> String {
    a.site.clone().unwrap_or_else(|| a.source.clone())
}

/// Groups a batch of analysed, extracted and linked articles into stories (see the module doc).
/// Articles without a date that are versions of a dated one take its date, marked inferred.
pub fn build(
    analyses: &mut [Analysis],
    entities: &[crate::entities::Entity],
    config: StoryConfig,
) -> StoryReport {
    let keys = entity_keys(entities);
    let profiles: Vec<Profile> = analyses
        .iter()
        .map(|a| Profile::of(a, Some(&keys)))
        .collect();
    let mut df = DocFreq::new();
    for p in &profiles {
        df.add(p);
    }
    // date order, undated last, ties by id: the same input gives the same stories
    let mut order: Vec<usize> = (0..analyses.len()).collect();
    order.sort_by_key(|i| {
        (
            analyses[*i].published.is_none(),
            analyses[*i].published,
            analyses[*i].id,
        )
    });
    let mut clusterer = Clusterer::new(config, df.clone());
    let mut joins: HashMap<StoryId, Vec<Join>> = HashMap::new();
    let mut story_order: Vec<StoryId> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    for i in order {
        let a = clusterer.add(profiles[i].clone());
        if !joins.contains_key(&a.story) {
            story_order.push(a.story);
        }
        joins.entry(a.story).or_default().push(Join {
            article: analyses[i].id,
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
    let mut stories = Vec::new();
    for id in story_order {
        let members: Vec<ArticleId> = clusterer.members(id).to_vec();
        let mut articles: Vec<&Analysis> = members
            .iter()
            .filter_map(|m| by_id.get(m).map(|i| &analyses[*i]))
            .collect();
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
        // the most central article: highest total similarity to the others
        let central = articles
            .iter()
            .take(50)
            .map(|a| {
                let total: f64 = articles
                    .iter()
                    .take(50)
                    .filter(|b| b.id != a.id)
                    .filter_map(|b| {
                        Some(compare(profile_of.get(&a.id)?, profile_of.get(&b.id)?, &df).score)
                    })
                    .sum();
                (a, total)
            })
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.id.cmp(&x.0.id)))
            .map(|(a, _)| *a);
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
        let member_set: HashSet<ArticleId> = members.iter().copied().collect();
        let story_links: Vec<&Link> = links
            .iter()
            .filter(|l| member_set.contains(&l.a) && member_set.contains(&l.b))
            .collect();
        let comparison = compare_story(&articles, &keys, &story_links);
        stories.push(Story {
            id,
            title,
            articles: articles.iter().map(|a| a.id).collect(),
            start: dates.iter().min().copied(),
            end: dates.iter().max().copied(),
            languages,
            sources,
            joins: joins.remove(&id).unwrap_or_default(),
            comparison,
        });
    }
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

/// An undated article that is a version of a dated one takes that date, marked inferred, and its
/// weekday and relative mentions are resolved again against it.
fn infer_dates(analyses: &mut [Analysis], links: &[Link]) {
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
            let other = if l.a == analysis.id {
                l.b
            } else if l.b == analysis.id {
                l.a
            } else {
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
        analysis.published_evidence = Some(format!(
            "the date of its {} {} ({source})",
            l.kind.as_str(),
            other
        ));
        analysis.diagnostics.push(Diagnostic::new(
            "stories",
            format!("dated {date} through its {} {other}", l.kind.as_str()),
        ));
        let tokens = crate::token::tokenize(&analysis.text);
        analysis.dates = crate::dates::date_mentions(&analysis.text, &tokens, Some(*date));
    }
}
