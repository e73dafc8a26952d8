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
//! [`report`] describes the stories of a batch placed by the clusterer: members, version links,
//! dates inferred through a version, titles and the side-by-side comparison.

use crate::maps::{HashMap, HashSet};

use serde::Serialize;

use crate::comparison::{compare_story, Comparison};
use crate::model::{ArticleId, Date, DateBasis, Diagnostic, EntityId, Lang, StoryId};
use crate::pipeline::Analysis;
use crate::similarity::{
    combine, copy, entity_keys, explain, shared_sorted, signals_weighted, DocFreq, Evidence, Key,
    KeyMap, Profile, Signals, Weighted,
};
use crate::snapshot::{Reader, Writer, MAGIC, MAGIC_5};
use crate::versions::{link_with, Link, ParagraphWeights, Wording};

mod report;

pub use report::*;

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

/// Documents a stream's word weights assume seen before its first article.
pub const STREAM_PRIOR: u32 = 100;

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
    /// Both as the snapshot writes them, when the index is saved ([`Clusterer::saved`]; else
    /// empty): a representative never changes once made, so a snapshot copies these bytes.
    bytes: Vec<u8>,
}

impl Rep {
    fn new(profile: Profile, weighted: Weighted, saved: bool) -> Rep {
        let mut w = Writer {
            packed: true,
            ..Writer::default()
        };
        if saved {
            w.profile(&profile);
            w.weighted(&weighted, &profile);
        }
        Rep {
            profile,
            weighted,
            bytes: w.out,
        }
    }
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
    /// Its snapshots are taken (a store's index): each representative's bytes are made when it
    /// joins (see [`Clusterer::saved`]).
    saved: bool,
}

impl Clusterer {
    /// A clusterer whose word weights come from `df` (a batch's document frequencies, counted
    /// before clustering); see [`Clusterer::learning`] for a stream.
    pub fn new(config: StoryConfig, df: DocFreq) -> Clusterer {
        Clusterer {
            config,
            df,
            stories: Vec::new(),
            by_id: HashMap::default(),
            index: KeyMap::default(),
            clock: None,
            open: Vec::new(),
            learn: false,
            saved: false,
        }
    }

    /// The clusterer, its snapshots to be taken (an index a store saves): each representative
    /// is written in the snapshot's form once, when it joins, and a snapshot copies those bytes
    /// instead of writing every profile again at the end of a run. Without it (`analyze`), no
    /// time is spent on bytes nobody reads; a snapshot still writes them all.
    pub fn saved(mut self) -> Clusterer {
        self.saved = true;
        self
    }

    /// A clusterer for a stream: word weights are learnt from the articles as they arrive,
    /// starting from a prior of [`STREAM_PRIOR`] documents (see [`DocFreq::with_prior`]).
    pub fn learning(config: StoryConfig) -> Clusterer {
        Clusterer {
            learn: true,
            ..Clusterer::new(config, DocFreq::with_prior(STREAM_PRIOR))
        }
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// The whole index as bytes (see [`crate::snapshot`]): an edge saves it with the articles
    /// placed so far, and [`Clusterer::restore`] gives back a clusterer that places the next
    /// articles exactly as this one would.
    pub fn snapshot(&self) -> Vec<u8> {
        self.snapshot_as(true)
    }

    /// The snapshot in the current format (`packed`) or in version 5, which
    /// [`Clusterer::restore`] still reads.
    fn snapshot_as(&self, packed: bool) -> Vec<u8> {
        let mut w = Writer {
            packed,
            ..Writer::default()
        };
        w.out
            .extend_from_slice(if packed { MAGIC } else { MAGIC_5 });
        w.u8(u8::from(self.learn));
        w.date(self.clock);
        w.doc_freq(&self.df);
        w.len(self.stories.len());
        for story in &self.stories {
            w.u64(story.id.0);
            w.len(story.members.len());
            for m in &story.members {
                w.u64(m.0);
            }
            w.date(story.start);
            w.date(story.end);
            w.u8(u8::from(story.closed));
            w.len(story.reps.len());
            for rep in &story.reps {
                if packed && !rep.bytes.is_empty() {
                    w.out.extend_from_slice(&rep.bytes);
                } else {
                    w.profile(&rep.profile);
                    w.weighted(&rep.weighted, &rep.profile);
                }
            }
        }
        w.len(self.open.len());
        for i in &self.open {
            w.len(*i);
        }
        let mut keys: Vec<(&Key, &Vec<u32>)> = self.index.iter().collect();
        keys.sort_unstable_by_key(|(k, _)| **k);
        w.len(keys.len());
        for (key, postings) in keys {
            w.u64(*key);
            w.len(postings.len());
            for p in postings {
                w.u32(*p);
            }
        }
        w.out
    }

    /// The clusterer a [`Clusterer::snapshot`] was taken of, with `config`; `None` when the
    /// bytes are not a snapshot of this format (damaged, or written by another version).
    pub fn restore(config: StoryConfig, bytes: &[u8]) -> Option<Clusterer> {
        let mut r = Reader::snapshot(bytes)?;
        let learn = match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let clock = r.date()?;
        let df = r.doc_freq()?;
        let n = r.len(8)?;
        let mut stories = Vec::with_capacity(n);
        for _ in 0..n {
            let id = StoryId(r.u64()?);
            let m = r.len(8)?;
            let members = (0..m)
                .map(|_| r.u64().map(ArticleId))
                .collect::<Option<Vec<_>>>()?;
            let start = r.date()?;
            let end = r.date()?;
            let closed = r.u8()? == 1;
            let k = r.len(8)?;
            let reps = (0..k)
                .map(|_| {
                    let from = r.rest();
                    let profile = r.profile()?;
                    let weighted = r.weighted(&profile)?;
                    Some(match r.packed {
                        // the bytes just read are the ones this version writes
                        true => Rep {
                            profile,
                            weighted,
                            bytes: from.get(..from.len() - r.rest().len())?.to_vec(),
                        },
                        false => Rep::new(profile, weighted, true),
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            stories.push(StoryState {
                id,
                members,
                reps,
                start,
                end,
                closed,
            });
        }
        let n = r.len(4)?;
        let open = (0..n)
            .map(|_| r.u32().map(|i| i as usize))
            .collect::<Option<Vec<_>>>()?;
        if open.iter().any(|i| *i >= stories.len()) {
            return None;
        }
        let n = r.len(12)?;
        let mut index = KeyMap::default();
        index.reserve(n);
        for _ in 0..n {
            let key = r.u64()?;
            let m = r.len(4)?;
            let postings = (0..m).map(|_| r.u32()).collect::<Option<Vec<_>>>()?;
            if postings.iter().any(|p| *p as usize >= stories.len()) {
                return None;
            }
            index.insert(key, postings);
        }
        if !r.is_empty() {
            return None;
        }
        let by_id = stories.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        Some(Clusterer {
            config,
            df,
            stories,
            by_id,
            index,
            clock,
            open,
            learn,
            saved: true,
        })
    }

    /// The members of a story, in the order they joined.
    pub fn members(&self, story: StoryId) -> &[ArticleId] {
        self.by_id
            .get(&story)
            .map(|i| self.stories[*i].members.as_slice())
            .unwrap_or(&[])
    }

    /// The stories an article may join: those of the rarest keys it shares (an actor counts
    /// twice: across scripts it is all two articles share), then the most recent.
    fn candidates(&self, profile: &Profile, keys: &[Key]) -> Vec<(u32, f32)> {
        // candidate stories: the rarest keys in common first (an actor counts twice: across
        // scripts it is all two articles share), then the most recent
        let mut hits: crate::lexicon::FxMap<u32, f32> = crate::lexicon::FxMap::default();
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
        candidates
    }

    /// Each candidate story's representatives scored once against the article, and the best
    /// (story, representative, score).
    #[allow(clippy::type_complexity)]
    fn score_candidates(
        &self,
        profile: &Profile,
        weighted: &Weighted,
        specific: &[(Key, f64)],
        candidates: &[(u32, f32)],
    ) -> (Vec<(usize, Vec<Signals>)>, Option<(usize, usize, f64)>) {
        // each candidate story's representatives are scored once; only the best is explained
        let mut scored: Vec<(usize, Vec<Signals>)> = Vec::new();
        let mut best: Option<(usize, usize, f64)> = None;
        for (s, _) in candidates {
            let s = *s as usize;
            let story = &self.stories[s];
            if !self.in_window(story, profile) {
                continue;
            }
            // a representative whose actors disagree and that is no near-copy scores 0: the
            // word lists are not even merged
            let sigs: Vec<(Signals, bool)> = story
                .reps
                .iter()
                .map(|rep| {
                    let agree = actors_agree(specific, profile, &rep.profile);
                    if agree || copy(profile, &rep.profile) >= NEAR_COPY {
                        let sig = signals_weighted(profile, weighted, &rep.profile, &rep.weighted);
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
        (scored, best)
    }

    /// Opens a story with the article (named after it) and gives its index.
    fn open_story(&mut self, article: ArticleId) -> usize {
        let id = StoryId(article.0);
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
        index
    }

    /// Version links with the representatives of story `index` that look like one.
    fn version_links(&self, index: usize, profile: &Profile, rep_signals: &[Signals]) -> Vec<Link> {
        // version links with the representatives that look like one
        let mut links = Vec::new();
        let mut weights = ParagraphWeights::default();
        // made for the first representative that looks like a version
        let mut wording = None;
        for (rep, sig) in self.stories[index].reps.iter().zip(rep_signals) {
            if (combine(sig) >= 0.25 || sig.copy >= 0.3)
                && wording
                    .get_or_insert_with(|| Wording::of(profile))
                    .may_link(&rep.profile, sig)
            {
                let sim = explain(profile, &rep.profile, &self.df, *sig);
                if let Some(l) = link_with(profile, &mut weights, &rep.profile, &sim, &self.df) {
                    links.push(l);
                }
            }
        }
        links
    }

    /// Posts the article's keys to story `index`.
    fn post(&mut self, keys: Vec<Key>, index: usize) {
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

    /// Whether an article may join a story by their times: a dated article within the window
    /// around the story's dates; an undated one unless its text names a year more than two
    /// years after the story ended (it was written later; a year or two ahead may be a plan,
    /// "the 2010 season").
    fn in_window(&self, story: &StoryState, profile: &Profile) -> bool {
        match (profile.date, story.start, story.end) {
            (Some(d), Some(start), Some(end)) => {
                let d = d.to_days();
                d >= start.to_days() - self.config.window_days
                    && d <= end.to_days() + self.config.window_days
            }
            (None, _, Some(end)) => profile.latest_year.is_none_or(|y| y <= end.year + 2),
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
        let specific = specificity(&profile, &self.df);
        let keys = self.query_keys(&profile);
        let candidates = self.candidates(&profile, &keys);
        let (scored, best) = self.score_candidates(&profile, &weighted, &specific, &candidates);
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
            None => (self.open_story(profile.id), 0.0, Vec::new(), Vec::new()),
        };
        let links = self.version_links(index, &profile, &rep_signals);
        self.post(keys, index);
        let reps_max = self.config.reps.max(2);
        let saved = self.saved;
        let story = &mut self.stories[index];
        story.members.push(profile.id);
        if let Some(d) = profile.date {
            story.start = Some(story.start.map_or(d, |s| s.min(d)));
            story.end = Some(story.end.map_or(d, |e| e.max(d)));
        }
        if story.closed {
            // an undated article joining an old story is not kept as representative
        } else if story.reps.len() < reps_max {
            story.reps.push(Rep::new(profile, weighted, saved));
        } else {
            // keep the first; the rest are the latest
            story.reps.remove(1);
            story.reps.push(Rep::new(profile, weighted, saved));
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
/// `specificity` holds `a`'s actors with their IDF over the rarest IDF ([`specificity`]),
/// computed once per arriving article rather than once per representative.
fn actors_agree(specificity: &[(Key, f64)], a: &Profile, b: &Profile) -> bool {
    if a.names.is_empty() || b.names.is_empty() {
        return true;
    }
    let mut specific = 0.0;
    let (mut i, mut j) = (0, 0);
    while i < specificity.len() && j < b.names.len() {
        match specificity[i].0.cmp(&b.names[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                specific += specificity[i].1;
                i += 1;
                j += 1;
            }
        }
    }
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

/// An article's actors (sorted by key) with their IDF over the IDF of an actor never seen.
fn specificity(profile: &Profile, df: &DocFreq) -> Vec<(Key, f64)> {
    let rarest = f64::from(df.rarest());
    profile
        .names
        .iter()
        .map(|(k, _)| (*k, f64::from(df.idf(*k)) / rarest))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, extract, RawArticle};

    fn profile(title: &str, body: &str, date: &str) -> Profile {
        let mut a = analyze(&RawArticle {
            source: "t".into(),
            title: title.into(),
            body: body.into(),
            published: Date::parse_iso(date),
            ..RawArticle::default()
        });
        extract(&mut a);
        Profile::of(&a, None)
    }

    fn articles() -> Vec<Profile> {
        vec![
            profile("Floods in Genoa", "Heavy rain flooded Genoa on Monday, and at least 41 people died, said the mayor Olga Brennik.\n\nRescue teams searched the river banks all night.", "2024-03-04"),
            profile("Inondations à Gênes", "De fortes pluies ont inondé Gênes lundi et au moins 41 personnes sont mortes, a déclaré la maire Olga Brennik.\n\nLes secours ont fouillé les berges toute la nuit.", "2024-03-05"),
            profile("Fire in Rotterdam port", "A fire destroyed three warehouses in the port of Rotterdam on Tuesday, said the fire chief Amos Dravik.\n\nNo one was hurt, according to the harbour office.", "2024-03-05"),
            profile("Наводнение в Генуе", "Сильные дожди затопили Геную в понедельник, погибли не менее 41 человека, заявила мэр Ольга Бренник.\n\nСпасатели всю ночь обыскивали берега реки.", "2024-03-05"),
            profile("Rotterdam port fire: warehouses lost", "Three warehouses burned in the port of Rotterdam on Tuesday, the fire chief Amos Dravik said.\n\nThe harbour office said no one was hurt.", "2024-03-06"),
            profile("Genoa death toll rises", "The death toll of the floods in Genoa rose to 57, the mayor Olga Brennik said on Wednesday.\n\nRescue teams are still searching the river banks.", "2024-03-06"),
        ]
    }

    /// A clusterer weighting words by all of `all`, the first `n` of them placed.
    fn placed(all: &[Profile], n: usize) -> Clusterer {
        placed_by(Clusterer::new, all, n)
    }

    /// [`placed`], the clusterer made by `new`.
    fn placed_by(
        new: impl Fn(StoryConfig, DocFreq) -> Clusterer,
        all: &[Profile],
        n: usize,
    ) -> Clusterer {
        let mut df = DocFreq::new();
        for p in all {
            df.add(p);
        }
        let mut clusterer = new(StoryConfig::default(), df);
        for p in &all[..n] {
            clusterer.add(p.clone());
        }
        clusterer
    }

    #[test]
    fn a_restored_snapshot_places_the_next_articles_as_the_original_would() {
        let all = articles();
        let mut original = placed(&all, 3);
        let bytes = original.snapshot();
        let mut restored =
            Clusterer::restore(StoryConfig::default(), &bytes).expect("a snapshot reads back");
        assert_eq!(restored.snapshot(), bytes, "the same index, byte for byte");
        for p in &all[3..] {
            let a = original.add(p.clone());
            let b = restored.add(p.clone());
            assert_eq!((a.story, a.score.to_bits()), (b.story, b.score.to_bits()));
            assert_eq!(a.evidence, b.evidence);
            assert_eq!(a.links, b.links);
        }
        // the flood in English and Russian is one story, the fire another
        let floods = original.members(StoryId(all[0].id.0));
        assert!(floods.contains(&all[3].id), "{floods:?}");
        assert!(!floods.contains(&all[2].id));
        let fire = original.members(StoryId(all[2].id.0));
        assert!(fire.contains(&all[4].id), "{fire:?}");
        assert_eq!(original.snapshot(), restored.snapshot());
    }

    #[test]
    fn an_undated_article_that_names_a_later_year_opens_its_own_story() {
        let all = articles();
        let later = profile(
            "Genoa floods: the inquiry ends",
            "The inquiry into the floods that killed 41 people in Genoa ended in March 2028, the mayor Olga Brennik said.\n\nRescue teams had searched the river banks all night.",
            "",
        );
        let undated = profile(
            "Genoa floods",
            "Heavy rain flooded Genoa, and at least 41 people died, the mayor Olga Brennik said.\n\nRescue teams searched the river banks all night.",
            "",
        );
        assert_eq!((later.date, later.latest_year), (None, Some(2028)));
        let mut df = DocFreq::new();
        for p in all.iter().chain([&later, &undated]) {
            df.add(p);
        }
        let mut clusterer = Clusterer::new(StoryConfig::default(), df);
        let genoa = clusterer.add(all[0].clone()).story;
        // the flood of 2024 is a story; an undated report of it joins, the inquiry of 2028 not
        assert_eq!(clusterer.add(undated).story, genoa);
        assert_ne!(clusterer.add(later).story, genoa);
    }

    #[test]
    fn a_snapshot_saved_by_the_previous_format_is_read_and_the_new_one_is_smaller() {
        let all = articles();
        let mut original = placed(&all, 4);
        let old = original.snapshot_as(false);
        let new = original.snapshot();
        assert!(old.starts_with(MAGIC_5) && new.starts_with(MAGIC));
        // the representatives' weights and their paragraphs' words say their keys only once
        assert!(
            new.len() * 10 < old.len() * 9,
            "{} vs {}",
            new.len(),
            old.len()
        );
        let mut restored =
            Clusterer::restore(StoryConfig::default(), &old).expect("version 5 reads back");
        assert_eq!(restored.snapshot(), new, "the same index");
        for p in &all[4..] {
            let a = original.add(p.clone());
            let b = restored.add(p.clone());
            assert_eq!((a.story, a.score.to_bits()), (b.story, b.score.to_bits()));
        }
    }

    #[test]
    fn a_saved_index_copies_its_representatives_bytes_into_the_same_snapshot() {
        let all = articles();
        // a store's index makes each representative's bytes when it joins; analyze's does not
        let mut saved = placed_by(|c, df| Clusterer::new(c, df).saved(), &all, 4);
        let mut unsaved = placed(&all, 4);
        assert_eq!(
            saved.snapshot(),
            unsaved.snapshot(),
            "the same bytes either way"
        );
        // and still after representatives were replaced, and after a restore
        for p in &all[4..] {
            saved.add(p.clone());
            unsaved.add(p.clone());
        }
        assert_eq!(saved.snapshot(), unsaved.snapshot());
        let restored = Clusterer::restore(StoryConfig::default(), &saved.snapshot()).unwrap();
        assert_eq!(restored.snapshot(), unsaved.snapshot());
    }

    #[test]
    fn a_damaged_snapshot_is_refused_never_a_panic() {
        let mut clusterer = Clusterer::learning(StoryConfig::default());
        for p in articles() {
            clusterer.add(p);
        }
        let bytes = clusterer.snapshot();
        assert!(Clusterer::restore(StoryConfig::default(), &bytes[..bytes.len() - 1]).is_none());
        assert!(Clusterer::restore(StoryConfig::default(), b"not a snapshot").is_none());
        let mut lying = bytes.clone();
        // the story count, just after the magic, the flag, the clock and the doc frequencies
        for i in 8..lying.len().min(400) {
            lying[i] = 0xff;
            let _ = Clusterer::restore(StoryConfig::default(), &lying);
            lying[i] = bytes[i];
        }
        let mut extra = bytes;
        extra.push(0);
        assert!(Clusterer::restore(StoryConfig::default(), &extra).is_none());
    }
}
