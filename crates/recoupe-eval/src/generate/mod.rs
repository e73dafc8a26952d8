//! A corpus with planted stories: N articles in six languages and three scripts, deterministic
//! from a seed, with the ground truth of which story each article belongs to.
//!
//! A story is an event (fighting, flood, earthquake, protest, fire, explosion) in a city of the
//! gazetteer, on a day, with an official who speaks (often a prominent one, who is in many
//! stories), a witness, sometimes an armed group, three figures (dead or arrested, wounded,
//! displaced) and three places of the city that are hit. Its articles are spread over the days
//! after the event, by outlets in the story's languages: originals that draw their own
//! paragraphs, translations of one of them into another language, versions (one paragraph
//! dropped, an updated toll added), duplicates on another site; some report other figures.
//! People's names are spelled per language and script (Nasiri, Nassiri, Насири, ناصري), places
//! with their gazetteer names (Aleppo, Алеппо, حلب). Pages carry furniture (share buttons,
//! "read also" links to other stories, copyright lines) and sometimes a repeated paragraph.
//! Stories in the same city with the same kind of event are at least 120 days apart, so the
//! truth is not ambiguous; the same city with another event in the same weeks happens, as in the
//! news.
//!
//! The plan (stories and article metadata) is cheap and made first, in date order; each
//! article's text is rendered on demand from its plan, so a million articles never need to be
//! in memory at once.

mod tongues;

use std::collections::HashMap;

use recoupe_core::{Date, Lang, RawArticle};
use tongues::{Tongue, KINDS, NOUNS, TONGUES};

/// A deterministic generator (splitmix64): the same seed gives the same corpus everywhere.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One spelling of a name per writing: English/Spanish, French, German Latin, Cyrillic, Arabic.
#[derive(Clone, Debug)]
struct Spellings([String; 5]);

impl Spellings {
    fn of(&self, tongue: usize) -> &str {
        // tongues: en fr de es ru ar
        let slot = [0, 1, 2, 0, 3, 4][tongue];
        &self.0[slot]
    }
}

/// Consonants: (English, French, German, Cyrillic, Arabic).
const CONSONANTS: [[&str; 5]; 17] = [
    ["b", "b", "b", "б", "ب"],
    ["d", "d", "d", "д", "د"],
    ["f", "f", "f", "ф", "ف"],
    ["h", "h", "h", "х", "ح"],
    ["j", "dj", "dsch", "дж", "ج"],
    ["k", "k", "k", "к", "ك"],
    ["kh", "kh", "ch", "х", "خ"],
    ["l", "l", "l", "л", "ل"],
    ["m", "m", "m", "м", "م"],
    ["n", "n", "n", "н", "ن"],
    ["r", "r", "r", "р", "ر"],
    ["s", "s", "s", "с", "س"],
    ["sh", "ch", "sch", "ш", "ش"],
    ["t", "t", "t", "т", "ت"],
    ["z", "z", "s", "з", "ز"],
    ["q", "q", "q", "к", "ق"],
    ["y", "y", "j", "й", "ي"],
];

/// Consonants that may close a syllable (indices into [`CONSONANTS`]).
const CODAS: [usize; 9] = [0, 1, 5, 7, 8, 9, 10, 11, 13];

/// Vowels: (English, French, German, Cyrillic, Arabic long vowel).
const VOWELS: [[&str; 5]; 5] = [
    ["a", "a", "a", "а", "ا"],
    ["i", "i", "i", "и", "ي"],
    ["u", "ou", "u", "у", "و"],
    ["o", "o", "o", "о", "و"],
    ["e", "e", "e", "е", "ي"],
];

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name of `syllables` consonant–vowel syllables; the Arabic spelling writes a vowel as a long
/// one in some syllables (always the last), as Arabic spellings of names do.
fn make_name(rng: &mut Rng, syllables: usize) -> Spellings {
    let mut out: [String; 5] = Default::default();
    for i in 0..syllables {
        // 'y' only inside a name, never twice in a row with a vowel that sounds alike
        let c = loop {
            let c = rng.below(CONSONANTS.len());
            if !(i == 0 && CONSONANTS[c][0] == "y") {
                break c;
            }
        };
        let v = rng.below(VOWELS.len());
        let long = i + 1 == syllables || rng.chance(0.5);
        // a closing consonant in some syllables (Na-sir, Kal-dun)
        let coda = rng.chance(0.35).then(|| CODAS[rng.below(CODAS.len())]);
        for (slot, part) in out.iter_mut().enumerate() {
            part.push_str(CONSONANTS[c][slot]);
            if slot < 4 {
                part.push_str(VOWELS[v][slot]);
            } else if long {
                part.push_str(VOWELS[v][4]);
            }
            if let Some(coda) = coda {
                part.push_str(CONSONANTS[coda][slot]);
            }
        }
    }
    let [en, fr, de, ru, ar] = out;
    Spellings([
        capitalise(&en),
        capitalise(&fr),
        capitalise(&de),
        capitalise(&ru),
        ar,
    ])
}

#[derive(Clone, Debug)]
struct Person {
    given: Spellings,
    surname: Spellings,
    role: usize,
}

impl Person {
    fn new(rng: &mut Rng) -> Person {
        let given = make_name(rng, 2);
        let syllables = 2 + rng.below(2);
        let surname = make_name(rng, syllables);
        Person {
            given,
            surname,
            role: rng.below(4),
        }
    }

    fn name(&self, tongue: usize) -> String {
        format!("{} {}", self.given.of(tongue), self.surname.of(tongue))
    }
}

/// A city with a Latin, a Russian and an Arabic name that the gazetteer knows as one place.
#[derive(Clone, Debug)]
struct City {
    latin: String,
    cyrillic: String,
    arabic: String,
}

impl City {
    fn of(&self, tongue: usize) -> &str {
        match tongue {
            4 => &self.cyrillic,
            5 => &self.arabic,
            _ => &self.latin,
        }
    }
}

fn cities() -> Vec<City> {
    let tsv = include_str!("../../../recoupe-core/data/gazetteer.tsv");
    let mut out = Vec::new();
    for line in tsv.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 6 || fields[0] != "city" {
            continue;
        }
        let id = fields[1];
        let latin = fields[2];
        let same =
            |name: &str| recoupe_core::entities::lookup_place(name).is_some_and(|p| p.id == id);
        if !latin.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') || !same(latin) {
            continue;
        }
        let variants: Vec<&str> = fields[5].split('|').collect();
        let cyrillic = variants.iter().find(|v| {
            v.chars().all(|c| {
                ('а'..='я').contains(&c.to_lowercase().next().unwrap_or('?'))
                    || c == ' '
                    || c == '-'
            }) && v.chars().any(|c| c.is_alphabetic())
                && same(v)
        });
        let arabic = variants.iter().find(|v| {
            v.chars()
                .all(|c| ('\u{621}'..='\u{64a}').contains(&c) || c == ' ')
                && v.chars().any(|c| c.is_alphabetic())
                && same(v)
        });
        if let (Some(c), Some(a)) = (cyrillic, arabic) {
            out.push(City {
                latin: latin.to_string(),
                cyrillic: c.to_string(),
                arabic: a.to_string(),
            });
        }
    }
    out
}

/// How an article was made from its story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Make {
    Original,
    /// The same content as article `of` (an index into the plan), in another language.
    Translation {
        of: usize,
    },
    /// Article `of` with one paragraph dropped and an updated toll.
    Version {
        of: usize,
    },
    /// Article `of` republished on another site.
    Duplicate {
        of: usize,
    },
}

impl Make {
    pub fn as_str(self) -> &'static str {
        match self {
            Make::Original => "original",
            Make::Translation { .. } => "translation",
            Make::Version { .. } => "version",
            Make::Duplicate { .. } => "duplicate",
        }
    }
}

struct StoryPlan {
    kind: usize,
    city: usize,
    start: i64,
    official: usize,
    witness: usize,
    group: Spellings,
    dead: u64,
    wounded: u64,
    displaced: u64,
    nouns: [usize; 3],
}

/// One planned article: which story, when, in what language, on what site, made how.
#[derive(Clone, Debug)]
pub struct ArticlePlan {
    /// The planted story (ground truth).
    pub story: u32,
    pub make: Make,
    day: i64,
    tongue: usize,
    site: usize,
    dated: bool,
    /// The content: originals draw their own; translations and versions share their source's.
    content: u64,
    edited: bool,
    furniture: u64,
}

impl ArticlePlan {
    pub fn lang(&self) -> Lang {
        TONGUES[self.tongue].lang
    }
}

/// The planted corpus: render article `i` with [`Corpus::render`].
pub struct Corpus {
    pub articles: Vec<ArticlePlan>,
    stories: Vec<StoryPlan>,
    people: Vec<Person>,
    cities: Vec<City>,
}

/// Articles per day of the corpus: the span grows with N so that the density of stories (and
/// the difficulty) is the same at every size.
const ARTICLES_PER_DAY: usize = 250;
/// The first day of the corpus: 2012-01-01.
fn epoch() -> i64 {
    Date::new(2012, 1, 1).map(Date::to_days).unwrap_or(0)
}

impl Corpus {
    /// Plans `n` articles from `seed`, in date order.
    pub fn plan(n: usize, seed: u64) -> Corpus {
        let mut rng = Rng::new(seed);
        let cities = cities();
        let span = (n / ARTICLES_PER_DAY).max(30) as i64;
        let mut people: Vec<Person> = (0..300).map(|_| Person::new(&mut rng)).collect();
        let prominent = people.len();
        let mut stories = Vec::new();
        let mut articles: Vec<ArticlePlan> = Vec::new();
        let mut last_use: HashMap<(usize, usize), i64> = HashMap::new();
        while articles.len() < n {
            let kind = rng.below(KINDS);
            let start = epoch() + rng.below(span as usize) as i64;
            let city = loop {
                let c = rng.below(cities.len());
                match last_use.get(&(c, kind)) {
                    Some(d) if (d - start).abs() < 120 => continue,
                    _ => break c,
                }
            };
            last_use.insert((city, kind), start);
            let official = if rng.chance(0.3) {
                rng.below(prominent)
            } else {
                people.push(Person::new(&mut rng));
                people.len() - 1
            };
            people.push(Person::new(&mut rng));
            let witness = people.len() - 1;
            let (lo, hi) = [(5, 200), (3, 150), (10, 2000), (20, 500), (2, 60), (3, 120)][kind];
            let dead = rng.range(lo, hi);
            let wounded = dead * rng.range(1, 4) + rng.range(0, 9);
            let displaced = rng.range(10, 900) * 100;
            let mut nouns = [0; 3];
            for i in 0..3 {
                nouns[i] = loop {
                    let x = rng.below(NOUNS);
                    if !nouns[..i].contains(&x) {
                        break x;
                    }
                };
            }
            let story = stories.len() as u32;
            stories.push(StoryPlan {
                kind,
                city,
                start,
                official,
                witness,
                group: make_name(&mut rng, 3),
                dead,
                wounded,
                displaced,
                nouns,
            });
            // the story's languages, its size, its articles
            let home = story_tongues(&mut rng);
            let size = story_size(&mut rng);
            let first = articles.len();
            for k in 0..size {
                let article = plan_article(&mut rng, &articles, first, k, (story, start), &home);
                articles.push(article);
            }
        }
        articles.truncate(n);
        Corpus {
            articles: in_date_order(articles),
            stories,
            people,
            cities,
        }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }
}

/// The languages a story is told in: one, or up to four.
fn story_tongues(rng: &mut Rng) -> Vec<usize> {
    let mut home = vec![rng.below(TONGUES.len())];
    let extra = if rng.chance(0.5) { 0 } else { 1 + rng.below(3) };
    for _ in 0..extra {
        let t = rng.below(TONGUES.len());
        if !home.contains(&t) {
            home.push(t);
        }
    }
    home
}

/// How many articles a story has: one or two for three stories in ten, else from three up,
/// geometrically, to sixty.
fn story_size(rng: &mut Rng) -> usize {
    if rng.chance(0.3) {
        1 + rng.below(2)
    } else {
        let mut k = 3;
        while k < 60 && !rng.chance(1.0 / 8.0) {
            k += 1;
        }
        k
    }
}

/// The `k`th article of story `story` (which began on day `start`, its first article at
/// `first`): an original, or a translation, version or duplicate of an earlier one.
fn plan_article(
    rng: &mut Rng,
    articles: &[ArticlePlan],
    first: usize,
    k: usize,
    (story, start): (u32, i64),
    home: &[usize],
) -> ArticlePlan {
    // most articles in the first days, a tail over two weeks
    let delay = if k == 0 {
        0
    } else if rng.chance(0.7) {
        rng.below(3) as i64
    } else {
        rng.below(15) as i64
    };
    let earlier = first..articles.len();
    let pick = |rng: &mut Rng| earlier.start + rng.below(earlier.len());
    let roll = rng.below(100);
    let (make, tongue, content, edited) = if k == 0 || roll >= 42 {
        (
            Make::Original,
            home[rng.below(home.len())],
            rng.next_u64(),
            false,
        )
    } else {
        let of = pick(rng);
        let source: &ArticlePlan = &articles[of];
        if roll < 20 {
            let t = loop {
                let t = rng.below(TONGUES.len());
                if t != source.tongue {
                    break t;
                }
            };
            (Make::Translation { of }, t, source.content, source.edited)
        } else if roll < 35 {
            (Make::Version { of }, source.tongue, source.content, true)
        } else {
            (
                Make::Duplicate { of },
                source.tongue,
                source.content,
                source.edited,
            )
        }
    };
    let day = match make {
        Make::Original => start + delay,
        Make::Translation { of } | Make::Version { of } | Make::Duplicate { of } => {
            articles[of].day + delay.min(2)
        }
    };
    let source_site = match make {
        Make::Duplicate { of } => Some(articles[of].site),
        _ => None,
    };
    let site = loop {
        let s = rng.below(5);
        if Some(s) != source_site {
            break s;
        }
    };
    ArticlePlan {
        story,
        make,
        day,
        tongue,
        site,
        dated: rng.chance(0.95),
        content,
        edited,
        furniture: rng.next_u64(),
    }
}

/// The articles in date order; a translation or version published the same day comes after its
/// source (the references between them renumbered).
fn in_date_order(articles: Vec<ArticlePlan>) -> Vec<ArticlePlan> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|i| (articles[*i].day, *i));
    let mut new_index = vec![0; articles.len()];
    for (new, old) in order.iter().enumerate() {
        new_index[*old] = new;
    }
    let mut sorted: Vec<ArticlePlan> = order.iter().map(|i| articles[*i].clone()).collect();
    for a in &mut sorted {
        a.make = match a.make {
            Make::Original => Make::Original,
            Make::Translation { of } => Make::Translation { of: new_index[of] },
            Make::Version { of } => Make::Version { of: new_index[of] },
            Make::Duplicate { of } => Make::Duplicate { of: new_index[of] },
        };
    }
    sorted
}

impl Corpus {
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Article `i` as one JSON Lines record (what `recoupe ingest` reads), with the planted truth
    /// in `planted_story` and `planted_make` (ignored by recoupe).
    pub fn json_line(&self, i: usize) -> serde_json::Value {
        let raw = self.render(i);
        let plan = &self.articles[i];
        serde_json::json!({
            "title": raw.title,
            "text": raw.body,
            "url": raw.url,
            "source": raw.site,
            "published": raw.published.map(|d| d.to_string()),
            "planted_story": plan.story,
            "planted_make": plan.make.as_str(),
        })
    }

    pub fn stories(&self) -> usize {
        self.stories.len()
    }

    /// The text of article `i`, as a reader would hand it to the pipeline.
    pub fn render(&self, i: usize) -> RawArticle {
        let plan = &self.articles[i];
        let story = &self.stories[plan.story as usize];
        let t: &Tongue = &TONGUES[plan.tongue];
        let tongue = plan.tongue;
        let mut rng = Rng::new(plan.content);
        // content: figures (some sources report others), paragraphs and their order
        let (mut dead, mut displaced) = (story.dead, story.displaced);
        if rng.chance(0.2) {
            dead = dead * rng.range(13, 25) / 10;
            displaced = displaced * rng.range(13, 25) / 10;
        }
        let quote = rng.below(3);
        let say = rng.below(3);
        let mut paragraphs: Vec<u8> = vec![1, 2];
        for (p, chance) in [(9, 0.7), (3, 0.7), (4, 0.8), (5, 0.4), (6, 0.5), (7, 0.5)] {
            if rng.chance(chance) {
                paragraphs.push(p);
            }
        }
        for i in (1..paragraphs.len()).rev() {
            let j = 1 + rng.below(i);
            paragraphs.swap(i, j);
        }
        let dead2 = dead + rng.range(1, dead / 2 + 2);
        if plan.edited && paragraphs.len() > 2 {
            let drop = 1 + rng.below(paragraphs.len() - 1);
            paragraphs.remove(drop);
            paragraphs.push(8);
        }
        let city = self.cities[story.city].of(tongue);
        let official = &self.people[story.official];
        let witness = &self.people[story.witness];
        let weekday = {
            let gap = plan.day - story.start;
            let date = Date::from_days(story.start);
            match date {
                Some(d) if gap < 6 => t.weekdays[d.weekday().index() as usize].to_string(),
                Some(d) => day_month(t, t.on_date, d),
                None => String::new(),
            }
        };
        let start_date = Date::from_days(story.start)
            .map(|d| day_month(t, t.date, d))
            .unwrap_or_default();
        let fill = |template: &str| -> String {
            let mut s = template.to_string();
            let pairs: [(&str, String); 14] = [
                ("{q}", t.quotes[quote].to_string()),
                ("{w}", t.says[say].to_string()),
                ("{place}", city.to_string()),
                ("{group}", t.group.replace("{name}", story.group.of(tongue))),
                ("{official}", official.name(tongue)),
                ("{role}", t.roles[official.role].to_string()),
                ("{witness}", witness.name(tongue)),
                ("{dead2}", number(t, dead2)),
                ("{dead}", number(t, dead)),
                ("{wounded}", number(t, story.wounded)),
                ("{displaced}", number(t, displaced)),
                ("{weekday}", weekday.clone()),
                ("{date}", start_date.clone()),
                ("{d1}", t.nouns[story.nouns[0]].to_string()),
            ];
            for (k, v) in &pairs {
                if s.contains(k) {
                    s = s.replace(k, v);
                }
            }
            s.replace("{d2}", t.nouns[story.nouns[1]])
                .replace("{d3}", t.nouns[story.nouns[2]])
        };
        let title = fill(t.titles[story.kind]);
        let mut body: Vec<String> = Vec::new();
        for p in &paragraphs {
            let template = match p {
                1 => t.leads[story.kind],
                2 => t.official,
                9 => t.witness,
                3 => t.displaced,
                4 => t.details,
                5 => t.gathered,
                6 => t.reaction,
                7 => t.background,
                _ => t.update,
            };
            let text = fill(template);
            body.push(text);
        }
        self.furnish(plan, &mut body);
        let site = t.sites[plan.site];
        let year = Date::from_days(plan.day).map(|d| d.year).unwrap_or(2012);
        RawArticle {
            source: format!("generated#{i}"),
            title,
            body: body.join("\n\n"),
            url: Some(format!("https://{}/{}/{}", site.1, year, i)),
            site: Some(site.1.to_string()),
            byline: None,
            declared_language: None,
            published: if plan.dated {
                Date::from_days(plan.day)
            } else {
                None
            },
            updated: None,
            diagnostics: Vec::new(),
        }
    }

    /// Page furniture and a repeated paragraph, drawn per page (`plan.furniture`).
    fn furnish(&self, plan: &ArticlePlan, body: &mut Vec<String>) {
        let t: &Tongue = &TONGUES[plan.tongue];
        let tongue = plan.tongue;
        // page furniture and a repeated paragraph, per page
        let mut page = Rng::new(plan.furniture);
        let site = t.sites[plan.site];
        let year = Date::from_days(plan.day).map(|d| d.year).unwrap_or(2012);
        if page.chance(0.1) {
            if let Some(lead) = body.first().cloned() {
                body.push(lead);
            }
        }
        if page.chance(0.4) {
            let other = &self.stories[page.below(self.stories.len())];
            let other_title = t.titles[other.kind]
                .replace("{place}", self.cities[other.city].of(tongue))
                .replace("{dead}", &number(t, other.dead))
                .replace(
                    "{group}",
                    &t.group.replace("{name}", other.group.of(tongue)),
                );
            let at = page.below(body.len() + 1);
            body.insert(at, t.furniture[1].replace("{other}", &other_title));
        }
        if page.chance(0.5) {
            body.push(t.furniture[0].to_string());
        }
        let duplicate = matches!(plan.make, Make::Duplicate { .. });
        if duplicate || page.chance(0.6) {
            body.push(
                t.furniture[2]
                    .replace("{year}", &year.to_string())
                    .replace("{site}", site.0),
            );
        }
    }
}

fn day_month(t: &Tongue, format: &str, d: Date) -> String {
    let month = t.months[usize::from(d.month.saturating_sub(1)).min(11)];
    format.replace('D', &d.day.to_string()).replace('M', month)
}

fn number(t: &Tongue, n: u64) -> String {
    let digits = n.to_string();
    if n < 10_000 && t.lang != Lang::EN || n < 1000 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(t.thousands);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_corpus_other_seed_other_corpus() {
        let a = Corpus::plan(300, 7);
        let b = Corpus::plan(300, 7);
        let c = Corpus::plan(300, 8);
        assert_eq!(a.render(123).body, b.render(123).body);
        assert_ne!(a.render(123).body, c.render(123).body);
        // date order
        assert!(a.articles.windows(2).all(|w| w[0].day <= w[1].day));
    }

    #[test]
    fn translations_carry_the_same_figures_and_names_in_another_script() {
        let corpus = Corpus::plan(3000, 1);
        let (i, of) = corpus
            .articles
            .iter()
            .enumerate()
            .find_map(|(i, a)| match a.make {
                Make::Translation { of }
                    if (a.tongue == 5) != (corpus.articles[of].tongue == 5) =>
                {
                    Some((i, of))
                }
                _ => None,
            })
            .expect("a translation between Arabic and another script");
        let (a, b) = (corpus.render(i), corpus.render(of));
        assert_ne!(a.body, b.body);
        let digits = |s: &str| -> Vec<String> {
            let mut out: Vec<String> = s
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() >= 2)
                .map(str::to_string)
                .collect();
            out.sort();
            out.dedup();
            out
        };
        assert_eq!(digits(&a.title), digits(&b.title));
        assert_eq!(corpus.articles[i].story, corpus.articles[of].story);
    }

    #[test]
    fn cities_are_known_in_three_scripts() {
        let cities = cities();
        assert!(cities.len() > 500, "{} cities", cities.len());
        for c in cities.iter().take(50) {
            let a = recoupe_core::entities::lookup_place(&c.latin).map(|p| p.id);
            assert_eq!(
                a,
                recoupe_core::entities::lookup_place(&c.arabic).map(|p| p.id)
            );
            assert_eq!(
                a,
                recoupe_core::entities::lookup_place(&c.cyrillic).map(|p| p.id)
            );
        }
    }
}
