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

/// What placing the whole corpus gave: the story of each article (numbered in order of
/// opening), the links found, the join cost per decade, and the time taken.
struct Run {
    predicted: Vec<u32>,
    stories: usize,
    ids: Vec<ArticleId>,
    links: Vec<(ArticleId, ArticleId, &'static str)>,
    decades: Vec<Decade>,
    /// profiles kept for the debug output (`RECOUPE_STORIES_DEBUG`, `RECOUPE_LINKS_DEBUG`)
    kept: HashMap<usize, Profile>,
    analysis_secs: f64,
    cluster_secs: f64,
}

/// How many of the first wrong joins and missed joins (`RECOUPE_STORIES_DEBUG`), or of the
/// planted translations left unlinked (`RECOUPE_LINKS_DEBUG`), to print.
fn debug_count(var: &str) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

pub fn stories(root: &Path, args: &[String]) -> Result<()> {
    let o = options(args)?;
    let started = Instant::now();
    let corpus = Corpus::plan(o.articles, o.seed);
    eprintln!(
        "planned {} articles in {} stories (seed {}) in {:.1}s",
        corpus.len(),
        corpus.stories(),
        o.seed,
        started.elapsed().as_secs_f64()
    );
    let run = place_all(&corpus, &o.config);
    let (overall, by_lang) = bcubed(&corpus, &run.predicted);
    let found: std::collections::HashSet<(ArticleId, ArticleId)> = run
        .links
        .iter()
        .flat_map(|(a, b, _)| [(*a, *b), (*b, *a)])
        .collect();
    show_unlinked_translations(&corpus, &run, &found, debug_count("RECOUPE_LINKS_DEBUG"));
    let report = report(&corpus, &o, &run, (&overall, &by_lang), &found)?;
    print!("{report}");
    if o.write {
        let path = root.join("docs/eval/stories.md");
        // the real-news section before it is kept
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        let real = match (
            old.find(crate::ecb::ECB_TITLE),
            old.find(crate::ecb::PLANTED_TITLE),
        ) {
            (Some(a), Some(b)) if a < b => old[a..b].to_string(),
            (Some(a), None) => format!("{}\n", &old[a..]),
            _ => String::new(),
        };
        std::fs::write(&path, format!("{real}{report}"))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// Renders, analyses and profiles the corpus in parallel a chunk at a time, and places each
/// article in turn, timing each join.
fn place_all(corpus: &Corpus, config: &StoryConfig) -> Run {
    let n = corpus.len();
    let mut clusterer = Clusterer::learning(config.clone());
    let mut story_index: HashMap<StoryId, u32> = HashMap::new();
    let mut run = Run {
        predicted: Vec::with_capacity(n),
        stories: 0,
        ids: Vec::with_capacity(n),
        links: Vec::new(),
        decades: Vec::new(),
        kept: HashMap::new(),
        analysis_secs: 0.0,
        cluster_secs: 0.0,
    };
    let mut join_ns: Vec<u32> = Vec::with_capacity(n);
    let mut next_report = 10_000.min(n);
    let mut debug = debug_count("RECOUPE_STORIES_DEBUG");
    let keep = debug > 0 || debug_count("RECOUPE_LINKS_DEBUG") > 0;
    let mut impure: std::collections::HashSet<u32> = std::collections::HashSet::new();
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
        run.analysis_secs += t.elapsed().as_secs_f64();
        let t = Instant::now();
        for (k, profile) in profiles.into_iter().enumerate() {
            if keep {
                run.kept.insert(start + k, profile.clone());
            }
            run.ids.push(profile.id);
            let before = Instant::now();
            let assignment = clusterer.add(profile);
            join_ns.push(before.elapsed().as_nanos().min(u128::from(u32::MAX)) as u32);
            let next = story_index.len() as u32;
            let cluster = *story_index.entry(assignment.story).or_insert(next);
            if debug > 0 {
                let shown = show_join(corpus, &run, cluster, next, &assignment, &mut impure);
                debug = debug.saturating_sub(usize::from(shown));
            }
            run.predicted.push(cluster);
            for l in assignment.links {
                run.links.push((l.a, l.b, l.kind.as_str()));
            }
            if run.predicted.len() == next_report {
                run.decades
                    .push(decade(next_report, &join_ns, clusterer.len()));
                next_report = if next_report * 10 <= n {
                    next_report * 10
                } else if next_report < n {
                    n
                } else {
                    usize::MAX
                };
            }
        }
        run.cluster_secs += t.elapsed().as_secs_f64();
        start = end;
    }
    run.stories = story_index.len();
    run
}

/// The join cost of the last 90 % of the articles placed up to `upto`.
fn decade(upto: usize, join_ns: &[u32], stories: usize) -> Decade {
    let mut window: Vec<u32> = join_ns[upto / 10..].to_vec();
    window.sort_unstable();
    let mean =
        window.iter().map(|x| f64::from(*x)).sum::<f64>() / window.len().max(1) as f64 / 1000.0;
    let d = Decade {
        upto,
        mean_us: mean,
        p50_us: percentile(&window, 0.5),
        p99_us: percentile(&window, 0.99),
        max_us: percentile(&window, 1.0),
        stories,
        rss_mb: memory_mb("VmRSS:"),
    };
    eprintln!(
        "{:>9} articles: join mean {:.0} µs, p99 {:.0} µs; {} stories; {:.0} MB",
        upto, d.mean_us, d.p99_us, stories, d.rss_mb
    );
    d
}

/// Prints the article just placed when it joined a story of another planted story (the first
/// time for that story) or opened a story its planted story already had; true when printed.
fn show_join(
    corpus: &Corpus,
    run: &Run,
    cluster: u32,
    next: u32,
    assignment: &recoupe_core::stories::Assignment,
    impure: &mut std::collections::HashSet<u32>,
) -> bool {
    let i = run.predicted.len();
    if cluster != next {
        let first = run
            .predicted
            .iter()
            .position(|c| *c == cluster)
            .unwrap_or(0);
        if corpus.articles[first].story != corpus.articles[i].story && impure.insert(cluster) {
            eprintln!(
                "WRONG JOIN {i} -> story of {first}: {:.3}",
                assignment.score
            );
            for e in &assignment.evidence {
                eprintln!("   {} {:.3} {}", e.signal, e.value, e.detail);
            }
            return true;
        }
        return false;
    }
    let Some(first) = corpus.articles[..i]
        .iter()
        .position(|a| a.story == corpus.articles[i].story)
    else {
        return false;
    };
    eprintln!(
        "MISSED {i} ({}, {}) opened a story; its story began at {first} ({}, {})",
        corpus.articles[i].lang(),
        corpus.articles[i].make.as_str(),
        corpus.articles[first].lang(),
        corpus.articles[first].make.as_str()
    );
    if let (Some(a), Some(b)) = (run.kept.get(&i), run.kept.get(&first)) {
        let sig =
            recoupe_core::similarity::signals(a, b, &recoupe_core::similarity::DocFreq::new());
        eprintln!("   {:?}\n   A {:?}\n   B {:?}", sig, a.labels, b.labels);
    }
    true
}

/// B-cubed of the stories made against the planted ones, overall and by language.
fn bcubed(corpus: &Corpus, predicted: &[u32]) -> (Bcubed, HashMap<String, Bcubed>) {
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
    (overall, by_lang)
}

/// Prints the first `count` planted translations placed with their original but not linked.
fn show_unlinked_translations(
    corpus: &Corpus,
    run: &Run,
    found: &std::collections::HashSet<(ArticleId, ArticleId)>,
    count: usize,
) {
    let mut shown = 0;
    for (i, plan) in corpus.articles.iter().enumerate() {
        if shown >= count {
            break;
        }
        let Make::Translation { of } = plan.make else {
            continue;
        };
        let (Some(a), Some(b)) = (run.kept.get(&i), run.kept.get(&of)) else {
            continue;
        };
        if found.contains(&(run.ids[i], run.ids[of])) || run.predicted[i] != run.predicted[of] {
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
    }
}

/// docs/eval/stories.md.
fn report(
    corpus: &Corpus,
    o: &Options,
    run: &Run,
    (overall, by_lang): (&Bcubed, &HashMap<String, Bcubed>),
    found: &std::collections::HashSet<(ArticleId, ArticleId)>,
) -> Result<String> {
    let n = corpus.len();
    let mut report = String::new();
    writeln!(report, "{}\n", crate::ecb::PLANTED_TITLE)?;
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
        run.stories
    )?;
    writeln!(report, "## B-cubed\n")?;
    writeln!(report, "| language | articles | precision | recall | F1 |")?;
    writeln!(report, "|---|---|---|---|---|")?;
    let mut langs_sorted: Vec<(&String, &Bcubed)> = by_lang.iter().collect();
    langs_sorted.sort_by_key(|(l, _)| l.as_str());
    let all = "**all**".to_string();
    for (lang, b) in langs_sorted.iter().copied().chain([(&all, overall)]) {
        writeln!(
            report,
            "| {lang} | {} | {:.3} | {:.3} | {:.3} |",
            b.n,
            b.precision / b.n as f64,
            b.recall / b.n as f64,
            b.f1()
        )?;
    }
    write_links(&mut report, corpus, run, found)?;
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
    for d in &run.decades {
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
        run.analysis_secs,
        run.analysis_secs * 1e6 / n.max(1) as f64,
        run.cluster_secs,
        memory_mb("VmHWM:")
    )?;
    Ok(report)
}

/// The planted versions found among the links (a planted pair counts when it is linked with
/// the kind it was planted as), each kind's precision (its links between two articles of one
/// planted dispatch: an original and what was made of it, or two things made of one original),
/// and the links inside one planted story.
fn write_links(
    report: &mut String,
    corpus: &Corpus,
    run: &Run,
    _found: &std::collections::HashSet<(ArticleId, ArticleId)>,
) -> Result<()> {
    let kinds: HashMap<(ArticleId, ArticleId), &'static str> = run
        .links
        .iter()
        .flat_map(|(a, b, k)| [((*a, *b), *k), ((*b, *a), *k)])
        .collect();
    // (found with its kind, linked as another kind, planted)
    let mut planted: HashMap<&'static str, (usize, usize, usize)> = HashMap::new();
    for (i, plan) in corpus.articles.iter().enumerate() {
        let of = match plan.make {
            Make::Translation { of } | Make::Version { of } | Make::Duplicate { of } => of,
            Make::Original => continue,
        };
        let e = planted.entry(plan.make.as_str()).or_default();
        e.2 += 1;
        match kinds.get(&(run.ids[i], run.ids[of])) {
            Some(k) if *k == plan.make.as_str() => e.0 += 1,
            Some(_) => e.1 += 1,
            None => {}
        }
    }
    let position: HashMap<ArticleId, usize> =
        run.ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let dispatch = |id: &ArticleId| {
        position.get(id).map(|i| match corpus.articles[*i].make {
            Make::Translation { of } | Make::Version { of } | Make::Duplicate { of } => of,
            Make::Original => *i,
        })
    };
    // (links of the kind, of them between two articles of one dispatch)
    let mut precision: HashMap<&'static str, (usize, usize)> = HashMap::new();
    for (a, b, k) in &run.links {
        let e = precision.entry(*k).or_default();
        e.0 += 1;
        if dispatch(a).is_some() && dispatch(a) == dispatch(b) {
            e.1 += 1;
        }
    }
    let story_of = |id: &ArticleId| position.get(id).map(|i| corpus.articles[*i].story);
    let same_story = run
        .links
        .iter()
        .filter(|(a, b, _)| story_of(a).is_some() && story_of(a) == story_of(b))
        .count();
    writeln!(report, "\n## Planted versions among the links\n")?;
    writeln!(
        report,
        "A planted pair is found when it is linked with the kind it was planted as; a link is \
         right when its two articles belong to one planted dispatch (an original and what was \
         made of it, or two things made of one original). The generator writes every article \
         of a story from one set of sentences: two originals of a story share their wording in \
         one language and are sentence-for-sentence translations in two, so the precision here \
         is a floor that says little of real news. The links made on real news are counted in the \
         ECB+ section above (it has no gold for versions); read one by one, they are wire copies \
         and rewrites of one release, not two reporters writing up one event.\n"
    )?;
    writeln!(
        report,
        "| planted | found | linked as another kind | total | recall | links of the kind | precision |"
    )?;
    writeln!(report, "|---|---|---|---|---|---|---|")?;
    for kind in ["translation", "version", "duplicate"] {
        let (f, other, t) = planted.get(kind).copied().unwrap_or((0, 0, 0));
        let (n, right) = precision.get(kind).copied().unwrap_or((0, 0));
        writeln!(
            report,
            "| {kind} | {f} | {other} | {t} | {:.3} | {n} | {:.3} |",
            f as f64 / t.max(1) as f64,
            right as f64 / n.max(1) as f64
        )?;
    }
    writeln!(
        report,
        "\n{} links found, {} of them inside one planted story ({:.3}).",
        run.links.len(),
        same_story,
        same_story as f64 / run.links.len().max(1) as f64
    )?;
    Ok(())
}
