//! `recoupe-eval bench real`: the pipeline of `recoupe analyze` on one thread, on real news
//! nobody on the team wrote — the BSNLP dev articles (eight Slavic languages, Latin and
//! Cyrillic) and the ECB+ dev articles (English) in `../shared/data`. The per-article figures
//! are what the redesign of the pipeline is measured by; run it under callgrind for
//! instruction counts:
//!
//! ```sh
//! valgrind --tool=callgrind target/release/recoupe-eval bench real
//! ```
//!
//! Both sets must be present: a benchmark that silently measured nothing would mislead.

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use recoupe_core::similarity::Profile;
use recoupe_core::stories::{report, Clusterer, StoryConfig};
use recoupe_core::{analyze, extract_tokens, link_entities, Date, RawArticle};
use recoupe_ingest::{read_bytes, Caps, Format};

/// The BSNLP raw articles: lines 1–5 are id, language, date, URL and title, the body follows.
/// The declared language is left out: recoupe detects it, as on a feed.
pub fn bsnlp_articles(root: &Path) -> Result<Vec<RawArticle>> {
    let mut files = Vec::new();
    for topic in std::fs::read_dir(root).with_context(|| format!("reading {}", root.display()))? {
        let raw = topic?.path().join("raw");
        let Ok(langs) = std::fs::read_dir(&raw) else {
            continue;
        };
        for lang in langs {
            for file in std::fs::read_dir(lang?.path())? {
                files.push(file?.path());
            }
        }
    }
    files.sort();
    let mut articles = Vec::with_capacity(files.len());
    for path in files {
        let bytes = std::fs::read(&path)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut lines = text.split('\n');
        let (Some(_id), Some(_lang), Some(date), Some(url), Some(title)) = (
            lines.next(),
            lines.next(),
            lines.next(),
            lines.next(),
            lines.next(),
        ) else {
            continue;
        };
        articles.push(RawArticle {
            source: path.display().to_string(),
            title: title.trim().to_string(),
            body: lines.collect::<Vec<_>>().join("\n").trim().to_string(),
            url: Some(url.trim().to_string()).filter(|u| !u.is_empty()),
            published: Date::parse_iso(date.trim()),
            ..RawArticle::default()
        });
    }
    Ok(articles)
}

/// Where a BSNLP raw article comes from, by its path (`<topic>/raw/<lang>/<file>`): its topic
/// and the language of its folder (the gold language). The topic kept apart to report on is
/// `ec` ([`is_kept_apart`]).
pub fn bsnlp_origin(source: &str) -> (String, String) {
    let parts: Vec<&str> = source.split(['/', '\\']).collect();
    let at = parts.iter().rposition(|p| *p == "raw").unwrap_or(0);
    let topic = parts.get(at.wrapping_sub(1)).copied().unwrap_or("");
    let lang = parts.get(at + 1).copied().unwrap_or("");
    (topic.to_string(), lang.to_string())
}

/// The BSNLP topic no rule was tuned on: its figures are reported, its errors never shown.
pub fn is_kept_apart(topic: &str) -> bool {
    topic == "ec"
}

/// The ECB+ dev articles (JSON Lines, read as `recoupe` reads them).
pub fn ecb_articles(path: &Path) -> Result<Vec<RawArticle>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let read = read_bytes(
        &path.display().to_string(),
        &bytes,
        Format::JsonLines,
        &Caps::default(),
    )
    .map_err(anyhow::Error::msg)?;
    Ok(read.articles)
}

/// What `recoupe analyze` makes of one plain-text file: read, analysed, extracted, its names
/// linked (quote speakers get their entities).
pub fn text_article(name: &str, bytes: &[u8]) -> Result<recoupe_core::Analysis> {
    let read =
        read_bytes(name, bytes, Format::Text, &Caps::default()).map_err(anyhow::Error::msg)?;
    let mut analyses: Vec<recoupe_core::Analysis> = read
        .articles
        .iter()
        .map(|raw| {
            let mut a = analyze(raw);
            recoupe_core::extract(&mut a);
            a
        })
        .collect();
    let _ = link_entities(&mut analyses);
    analyses
        .into_iter()
        .next()
        .with_context(|| format!("{name}: no article read"))
}

/// What one run of the pipeline found, to show that the work was done.
struct Found {
    names: usize,
    figures: usize,
    quotes: usize,
    stories: usize,
}

/// `analyze`'s pipeline on one thread: analyse, extract and profile each article (the text
/// tokenised once), place it in its story, then link the names and describe the stories.
fn pipeline(raws: &[RawArticle]) -> Found {
    let (analyses, stories) = analyze_and_place(raws);
    Found {
        names: analyses.iter().map(|a| a.entities.len()).sum(),
        figures: analyses.iter().map(|a| a.figures.len()).sum(),
        quotes: analyses.iter().map(|a| a.quotes.len()).sum(),
        stories: stories.stories.len(),
    }
}

/// `analyze`'s pipeline on one thread: the analyses (names linked across them) and the stories
/// placed in the order one batch of the product places them — its dated articles in the order
/// given, then its undated ones (`recoupe_store::StoryIndex::place`).
pub fn analyze_and_place(
    raws: &[RawArticle],
) -> (
    Vec<recoupe_core::Analysis>,
    recoupe_core::stories::StoryReport,
) {
    let mut clusterer = Clusterer::learning(StoryConfig::default());
    let mut analyses = Vec::with_capacity(raws.len());
    let mut profiles = Vec::with_capacity(raws.len());
    for raw in raws {
        let mut analysis = analyze(raw);
        let tokens = extract_tokens(&mut analysis);
        profiles.push(Profile::of_tokens(&analysis, &tokens, None));
        analyses.push(analysis);
    }
    let mut order: Vec<usize> = (0..raws.len()).collect();
    order.sort_by_key(|&i| analyses[i].published.is_none());
    let assignments = order
        .into_iter()
        .map(|i| clusterer.add(profiles[i].clone()))
        .collect();
    let entities = link_entities(&mut analyses);
    let stories = report(&mut analyses, &profiles, &entities, assignments);
    (analyses, stories)
}

pub fn bench_real(shared: &Path) -> Result<()> {
    let bsnlp = shared.join("data/entities/bsnlp-dev");
    let ecb = shared.join("data/stories/ecbplus-dev/ecbplus-dev.jsonl");
    if !bsnlp.exists() || !ecb.exists() {
        bail!(
            "bench real needs {} and {} (set RECOUPE_SHARED)",
            bsnlp.display(),
            ecb.display()
        );
    }
    for (name, raws) in [
        ("BSNLP dev", bsnlp_articles(&bsnlp)?),
        ("ECB+ dev", ecb_articles(&ecb)?),
    ] {
        let bytes: usize = raws.iter().map(|a| a.title.len() + a.body.len()).sum();
        let start = Instant::now();
        let found = pipeline(&raws);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{name}: {} articles (mean {} bytes) through analyze's pipeline on one thread: {:.0} articles/s ({:.0} µs/article); {} names, {} figures, {} quotes, {} stories",
            raws.len(),
            bytes / raws.len().max(1),
            raws.len() as f64 / secs,
            secs * 1e6 / raws.len().max(1) as f64,
            found.names,
            found.figures,
            found.quotes,
            found.stories,
        );
    }
    Ok(())
}
