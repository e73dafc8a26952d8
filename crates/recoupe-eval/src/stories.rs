//! Stories on a generated corpus with planted ground truth (see `generate`): B-cubed precision,
//! recall and F1 of the stories, per language and overall; recall of the planted versions,
//! translations and duplicates among the links; and the cost of one article joining its story
//! as the corpus grows (mean, p50, p99 and max per decade of articles, memory).
//!
//! ```sh
//! cargo run --release -p recoupe-eval -- stories [--articles N] [--seed S] [--write]
//! cargo run --release -p recoupe-eval -- generate --articles N [--seed S] > corpus.jsonl
//! ```
//!
//! Articles are rendered, analysed and profiled in parallel, chunk by chunk, then handed to the
//! clusterer one at a time in date order, as a stream would; only the clusterer's own state and
//! one chunk are in memory.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;
use recoupe_core::similarity::Profile;
use recoupe_core::stories::{Clusterer, StoryConfig};
use recoupe_core::{analyze, extract, ArticleId, StoryId};

use recoupe_eval::generate::{Corpus, Make};

struct Options {
    articles: usize,
    seed: u64,
    write: bool,
    config: StoryConfig,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options {
        articles: 10_000,
        seed: 1,
        write: false,
        config: StoryConfig::default(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--articles" => {
                o.articles = it
                    .next()
                    .and_then(|v| v.replace('_', "").parse().ok())
                    .context("--articles N")?
            }
            "--seed" => o.seed = it.next().and_then(|v| v.parse().ok()).context("--seed S")?,
            "--write" => o.write = true,
            "--candidates" => {
                o.config.max_candidates = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .context("--candidates N")?
            }
            "--reps" => {
                o.config.reps = it.next().and_then(|v| v.parse().ok()).context("--reps N")?
            }
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    Ok(o)
}

/// `generate`: the planted corpus as JSON Lines on stdout (`planted_story` and `planted_make`
/// carry the truth; the JSONL reader ignores them).
pub fn generate(args: &[String]) -> Result<()> {
    let o = options(args)?;
    let corpus = Corpus::plan(o.articles, o.seed);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for i in 0..corpus.len() {
        let line = corpus.json_line(i);
        if let Err(e) = writeln!(out, "{line}") {
            // a closed pipe (`| head`) is the reader's choice, not a failure
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(e.into());
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Join cost of a decade of articles.
struct Decade {
    upto: usize,
    mean_us: f64,
    p50_us: f64,
    p99_us: f64,
    max_us: f64,
    stories: usize,
    rss_mb: f64,
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    f64::from(sorted[i]) / 1000.0
}

fn memory_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

#[derive(Default, Clone, Copy)]
struct Bcubed {
    precision: f64,
    recall: f64,
    n: usize,
}

impl Bcubed {
    fn f1(&self) -> f64 {
        let (p, r) = (
            self.precision / self.n.max(1) as f64,
            self.recall / self.n.max(1) as f64,
        );
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

pub fn stories(root: &Path, args: &[String]) -> Result<()> {
    let o = options(args)?;
    let started = Instant::now();
    let corpus = Corpus::plan(o.articles, o.seed);
    let n = corpus.len();
    eprintln!(
        "planned {n} articles in {} stories (seed {}) in {:.1}s",
        corpus.stories(),
        o.seed,
        started.elapsed().as_secs_f64()
    );
    let mut clusterer = Clusterer::learning(o.config.clone());
    let mut predicted: Vec<u32> = Vec::with_capacity(n);
    let mut story_index: HashMap<StoryId, u32> = HashMap::new();
    let mut ids: Vec<ArticleId> = Vec::with_capacity(n);
    let mut links: Vec<(ArticleId, ArticleId, &'static str)> = Vec::new();
    let mut join_ns: Vec<u32> = Vec::with_capacity(n);
    let mut decades: Vec<Decade> = Vec::new();
    let mut next_report = 10_000.min(n);
    let mut debug: usize = std::env::var("RECOUPE_STORIES_DEBUG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut impure: std::collections::HashSet<u32> = std::collections::HashSet::new();
    let mut kept: HashMap<usize, Profile> = HashMap::new();
    let debug_links: usize = std::env::var("RECOUPE_LINKS_DEBUG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut analysis_secs = 0.0;
    let mut cluster_secs = 0.0;
    const CHUNK: usize = 4096;
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        let t = Instant::now();
        let profiles: Vec<Profile> = (start..end)
            .into_par_iter()
            .map(|i| {
                let raw = corpus.render(i);
                let mut analysis = analyze(&raw);
                extract(&mut analysis);
                Profile::of(&analysis, None)
            })
            .collect();
        analysis_secs += t.elapsed().as_secs_f64();
        let t = Instant::now();
        for (k, profile) in profiles.into_iter().enumerate() {
            if debug > 0 || debug_links > 0 {
                kept.insert(start + k, profile.clone());
            }
            ids.push(profile.id);
            let before = Instant::now();
            let assignment = clusterer.add(profile);
            join_ns.push(before.elapsed().as_nanos().min(u128::from(u32::MAX)) as u32);
            let next = story_index.len() as u32;
            let cluster = *story_index.entry(assignment.story).or_insert(next);
            if debug > 0 && cluster != next {
                let first = predicted.iter().position(|c| *c == cluster).unwrap_or(0);
                let i = predicted.len();
                if corpus.articles[first].story != corpus.articles[i].story
                    && impure.insert(cluster)
                {
                    debug -= 1;
                    eprintln!(
                        "WRONG JOIN {i} -> story of {first}: {:.3}",
                        assignment.score
                    );
                    for e in &assignment.evidence {
                        eprintln!("   {} {:.3} {}", e.signal, e.value, e.detail);
                    }
                }
            }
            if debug > 0 && cluster == next {
                let i = predicted.len();
                if let Some(first) = corpus.articles[..i]
                    .iter()
                    .position(|a| a.story == corpus.articles[i].story)
                {
                    debug -= 1;
                    eprintln!(
                        "MISSED {i} ({}, {}) opened a story; its story began at {first} ({}, {})",
                        corpus.articles[i].lang(),
                        corpus.articles[i].make.as_str(),
                        corpus.articles[first].lang(),
                        corpus.articles[first].make.as_str()
                    );
                    if let (Some(a), Some(b)) = (kept.get(&i), kept.get(&first)) {
                        let sig = recoupe_core::similarity::signals(
                            a,
                            b,
                            &recoupe_core::similarity::DocFreq::new(),
                        );
                        eprintln!("   {:?}\n   A {:?}\n   B {:?}", sig, a.labels, b.labels);
                    }
                }
            }
            predicted.push(cluster);
            for l in assignment.links {
                links.push((l.a, l.b, l.kind.as_str()));
            }
            if predicted.len() == next_report {
                let from = next_report / 10;
                let mut window: Vec<u32> = join_ns[from..].to_vec();
                window.sort_unstable();
                let mean = window.iter().map(|x| f64::from(*x)).sum::<f64>()
                    / window.len().max(1) as f64
                    / 1000.0;
                decades.push(Decade {
                    upto: next_report,
                    mean_us: mean,
                    p50_us: percentile(&window, 0.5),
                    p99_us: percentile(&window, 0.99),
                    max_us: percentile(&window, 1.0),
                    stories: clusterer.len(),
                    rss_mb: memory_mb("VmRSS:"),
                });
                eprintln!(
                    "{:>9} articles: join mean {:.0} µs, p99 {:.0} µs; {} stories; {:.0} MB",
                    next_report,
                    mean,
                    percentile(&window, 0.99),
                    clusterer.len(),
                    memory_mb("VmRSS:")
                );
                next_report = if next_report * 10 <= n {
                    next_report * 10
                } else if next_report < n {
                    n
                } else {
                    usize::MAX
                };
            }
        }
        cluster_secs += t.elapsed().as_secs_f64();
        start = end;
    }

    // B-cubed, per language of the article and overall
    let mut pair: HashMap<(u32, u32), usize> = HashMap::new();
    let mut pred_size: HashMap<u32, usize> = HashMap::new();
    let mut truth_size: HashMap<u32, usize> = HashMap::new();
    for (i, plan) in corpus.articles.iter().enumerate() {
        *pair.entry((predicted[i], plan.story)).or_default() += 1;
        *pred_size.entry(predicted[i]).or_default() += 1;
        *truth_size.entry(plan.story).or_default() += 1;
    }
    let mut overall = Bcubed::default();
    let mut by_lang: HashMap<String, Bcubed> = HashMap::new();
    for (i, plan) in corpus.articles.iter().enumerate() {
        let both = pair[&(predicted[i], plan.story)] as f64;
        let p = both / pred_size[&predicted[i]] as f64;
        let r = both / truth_size[&plan.story] as f64;
        let lang = plan.lang().code().to_string();
        for b in [&mut overall, by_lang.entry(lang).or_default()] {
            b.precision += p;
            b.recall += r;
            b.n += 1;
        }
    }
    // planted versions found among the links
    let found: std::collections::HashSet<(ArticleId, ArticleId)> = links
        .iter()
        .flat_map(|(a, b, _)| [(*a, *b), (*b, *a)])
        .collect();
    if debug_links > 0 {
        let mut shown = 0;
        for (i, plan) in corpus.articles.iter().enumerate() {
            let Make::Translation { of } = plan.make else {
                continue;
            };
            let (Some(a), Some(b)) = (kept.get(&i), kept.get(&of)) else {
                continue;
            };
            if found.contains(&(ids[i], ids[of])) || predicted[i] != predicted[of] {
                continue;
            }
            let al = recoupe_core::versions::align(a, b, &recoupe_core::similarity::DocFreq::new());
            let content: Vec<f64> = al
                .pairs
                .iter()
                .filter(|p| p.basis == "content")
                .map(|p| p.score)
                .collect();
            eprintln!(
                "UNLINKED translation {i} ({}) of {of} ({}): coverage {:.2}, {} content pairs {:?}, {} + {} paragraphs",
                plan.lang(), corpus.articles[of].lang(), al.coverage, content.len(), content,
                a.paragraphs.len(), b.paragraphs.len()
            );
            shown += 1;
            if shown >= debug_links {
                break;
            }
        }
    }
    let mut planted: HashMap<&'static str, (usize, usize)> = HashMap::new();
    for (i, plan) in corpus.articles.iter().enumerate() {
        let of = match plan.make {
            Make::Translation { of } | Make::Version { of } | Make::Duplicate { of } => of,
            Make::Original => continue,
        };
        let e = planted.entry(plan.make.as_str()).or_default();
        e.1 += 1;
        if found.contains(&(ids[i], ids[of])) {
            e.0 += 1;
        }
    }
    let position: HashMap<ArticleId, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let story_of = |id: &ArticleId| position.get(id).map(|i| corpus.articles[*i].story);
    let same_story = links
        .iter()
        .filter(|(a, b, _)| story_of(a).is_some() && story_of(a) == story_of(b))
        .count();

    let mut report = String::new();
    writeln!(
        report,
        "# Stories on a generated corpus with planted stories\n"
    )?;
    writeln!(
        report,
        "Generated by `cargo run --release -p recoupe-eval -- stories --articles {} --seed {} --write` \
         (the corpus generator is `crates/recoupe-eval/src/generate`: six languages, three scripts, \
         stories over time, translations, versions, duplicates, name spellings per script, \
         conflicting figures, page furniture; nothing from ../shared).\n",
        n, o.seed
    )?;
    writeln!(
        report,
        "{} articles in {} planted stories; recoupe made {} stories.\n",
        n,
        corpus.stories(),
        story_index.len()
    )?;
    writeln!(report, "## B-cubed\n")?;
    writeln!(report, "| language | articles | precision | recall | F1 |")?;
    writeln!(report, "|---|---|---|---|---|")?;
    let mut langs_sorted: Vec<(&String, &Bcubed)> = by_lang.iter().collect();
    langs_sorted.sort_by_key(|(l, _)| l.as_str());
    for (lang, b) in langs_sorted
        .iter()
        .copied()
        .chain([(&"**all**".to_string(), &overall)].iter().copied())
    {
        writeln!(
            report,
            "| {lang} | {} | {:.3} | {:.3} | {:.3} |",
            b.n,
            b.precision / b.n as f64,
            b.recall / b.n as f64,
            b.f1()
        )?;
    }
    writeln!(report, "\n## Planted versions among the links\n")?;
    writeln!(report, "| planted | found | total | recall |")?;
    writeln!(report, "|---|---|---|---|")?;
    for kind in ["translation", "version", "duplicate"] {
        let (f, t) = planted.get(kind).copied().unwrap_or((0, 0));
        writeln!(
            report,
            "| {kind} | {f} | {t} | {:.3} |",
            f as f64 / t.max(1) as f64
        )?;
    }
    writeln!(
        report,
        "\n{} links found, {} of them inside one planted story ({:.3}).",
        links.len(),
        same_story,
        same_story as f64 / links.len().max(1) as f64
    )?;
    writeln!(report, "\n## Cost of one article joining its story\n")?;
    writeln!(
        report,
        "One thread; the time of `Clusterer::add` for each article of the last 90% of articles \
         up to that point (analysis excluded).\n"
    )?;
    writeln!(
        report,
        "| articles stored | mean µs | p50 µs | p99 µs | max µs | stories | RSS MB |"
    )?;
    writeln!(report, "|---|---|---|---|---|---|---|")?;
    for d in &decades {
        writeln!(
            report,
            "| {} | {:.0} | {:.0} | {:.0} | {:.0} | {} | {:.0} |",
            d.upto, d.mean_us, d.p50_us, d.p99_us, d.max_us, d.stories, d.rss_mb
        )?;
    }
    writeln!(
        report,
        "\nRender + analysis + profile on both cores: {:.0} s ({:.0} µs/article); clustering: {:.0} s; \
         peak memory {:.0} MB.",
        analysis_secs,
        analysis_secs * 1e6 / n.max(1) as f64,
        cluster_secs,
        memory_mb("VmHWM:")
    )?;
    print!("{report}");
    if o.write {
        let path = root.join("docs/eval/stories.md");
        std::fs::write(&path, &report).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
