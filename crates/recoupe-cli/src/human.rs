//! Output for a person reading a terminal. Every article view renders an `Analysis` (a stored
//! article's is `StoredArticle::analysis`), so `analyze` and `show` print the same way.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Color, Style};
use recoupe_core::entities::Entity;
use recoupe_core::figures::{Bound, Figure, FigureKind};
use recoupe_core::quotes::Quote;
use recoupe_core::Analysis;
use recoupe_ingest::IngestError;
use recoupe_query::display::short;
use recoupe_query::SearchResults;
use recoupe_store::StoredArticle;

fn date_line(article: &Analysis) -> String {
    match article.published {
        Some(date) => {
            let basis = article.published_basis.map_or("", |b| b.as_str());
            match article
                .published_evidence
                .as_deref()
                .filter(|e| !e.is_empty())
            {
                None => format!("{date} ({basis})"),
                Some(evidence) => format!("{date} ({basis}: {evidence})"),
            }
        }
        None => "date unknown".to_string(),
    }
}

fn removal_summary(article: &Analysis) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for removal in &article.removed {
        *counts.entry(removal.reason.as_str()).or_default() += 1;
    }
    if counts.is_empty() {
        return "nothing removed".into();
    }
    let total: usize = counts.values().sum();
    let parts: Vec<String> = counts
        .iter()
        .map(|(r, n)| {
            if *n > 1 {
                format!("{r} ×{n}")
            } else {
                r.to_string()
            }
        })
        .collect();
    format!("{total} removed: {}", parts.join(", "))
}

fn header(out: &mut impl Write, article: &Analysis) -> io::Result<()> {
    writeln!(
        out,
        "● {}  [{}]",
        paint(TITLE, &short(&article.title, 90)),
        short_id(article.id)
    )?;
    writeln!(
        out,
        "  {} · {} · {}",
        article
            .language
            .map_or("language unknown".to_string(), |l| l.to_string()),
        date_line(article),
        article.source
    )?;
    writeln!(
        out,
        "  {} paragraphs kept · {}",
        article.paragraphs.len(),
        removal_summary(article)
    )?;
    Ok(())
}

fn removals(out: &mut impl Write, article: &Analysis, width: usize, all: bool) -> io::Result<()> {
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    let mut hidden: BTreeMap<&str, usize> = BTreeMap::new();
    for removal in &article.removed {
        let reason = removal.reason.as_str();
        let count = shown.entry(reason).or_default();
        if !all && *count >= 3 {
            *hidden.entry(reason).or_default() += 1;
            continue;
        }
        *count += 1;
        writeln!(
            out,
            "    − {} «{}»  ({})",
            paint(REMOVED, &format!("{reason:<18}")),
            short(&removal.text, width),
            removal.detail
        )?;
    }
    for (reason, n) in hidden {
        writeln!(
            out,
            "    − {reason:<18} … and {n} more (--json lists them all)"
        )?;
    }
    Ok(())
}

fn dates(out: &mut impl Write, article: &Analysis) -> io::Result<()> {
    // identical mentions (same words, same day) once, with a count
    let mut seen: Vec<(&str, &str, usize)> = Vec::new();
    for d in &article.dates {
        let value = d.value.as_deref().unwrap_or("unresolved");
        match seen
            .iter_mut()
            .find(|(t, v, _)| t.to_lowercase() == d.text.to_lowercase() && *v == value)
        {
            Some(entry) => entry.2 += 1,
            None => seen.push((&d.text, value, 1)),
        }
    }
    if !seen.is_empty() {
        let list: Vec<String> = seen
            .iter()
            .map(|(t, v, n)| {
                if *n > 1 {
                    format!("«{t}» {v} ×{n}")
                } else {
                    format!("«{t}» {v}")
                }
            })
            .collect();
        writeln!(out, "  dates: {}", list.join(" · "))?;
    }
    Ok(())
}

/// Who a quote is from, in words: the name, and how the text gives it when that is not the
/// name ("il", "le dirigeant de Fastakim").
fn speaker_label(q: &Quote) -> String {
    match (q.speaker_name.as_deref(), q.speaker_text.as_deref()) {
        (Some(n), Some(t)) if n == t => n.to_string(),
        (Some(n), Some(t)) => format!("{n} («{t}»)"),
        (Some(n), None) => n.to_string(),
        (None, Some(t)) => format!("«{t}» (unresolved)"),
        (None, None) => "unknown speaker".to_string(),
    }
}

fn quotes(out: &mut impl Write, article: &Analysis, limit: usize, width: usize) -> io::Result<()> {
    for (label, all) in [
        ("quotes", &article.quotes),
        ("reported speech", &article.reported_speech),
    ] {
        quote_list(out, label, all, limit, width)?;
    }
    Ok(())
}

fn quote_list(
    out: &mut impl Write,
    label: &str,
    all: &[recoupe_core::quotes::Quote],
    limit: usize,
    width: usize,
) -> io::Result<()> {
    if all.is_empty() {
        return Ok(());
    }
    writeln!(out, "  {label}:")?;
    for q in all.iter().take(limit) {
        // a clause in the reporter's words is shown without quotation marks, with its cue
        match q.kind {
            recoupe_core::quotes::QuoteKind::Indirect => writeln!(
                out,
                "    {} — {} (reported)",
                short(&q.text, width),
                speaker_label(q)
            )?,
            _ => writeln!(
                out,
                "    “{}” — {}",
                short(&q.text, width),
                speaker_label(q)
            )?,
        }
    }
    if all.len() > limit {
        writeln!(
            out,
            "    … and {} more (recoupe show ID lists them all)",
            all.len() - limit
        )?;
    }
    Ok(())
}

/// "311 morts", "≥ 16 morts", "≈ 30 000 habitants", "93 % quartiers".
fn figure_label(f: &Figure) -> String {
    let bound = match f.bound {
        Bound::Min => "≥ ",
        Bound::Max => "≤ ",
        Bound::About => "≈ ",
        Bound::Exact => "",
    };
    // as the JSON report writes it: whole values without a decimal part
    let value = if f.value.fract() == 0.0 && f.value.abs() < 9.0e15 {
        recoupe_query::display::number(f.value)
    } else {
        serde_json::Number::from_f64(f.value).map_or("?".to_string(), |n| n.to_string())
    };
    let unit = match f.kind {
        FigureKind::Percent => " %".to_string(),
        FigureKind::Money => format!(" {}", f.unit.as_deref().unwrap_or("")),
        _ => String::new(),
    };
    let counts = f
        .counts
        .as_deref()
        .map(|c| format!(" {}", short(c, 40)))
        .unwrap_or_default();
    format!("{bound}{value}{unit}{counts}")
}

fn figures(out: &mut impl Write, article: &Analysis, limit: usize) -> io::Result<()> {
    let all = &article.figures;
    if all.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = all
        .iter()
        .take(limit)
        .map(|f| format!("{} [{}]", figure_label(f), f.kind.as_str()))
        .collect();
    let more = if all.len() > limit {
        format!(" · … {} more", all.len() - limit)
    } else {
        String::new()
    };
    writeln!(out, "  figures: {}{more}", shown.join(" · "))
}

fn diagnostics(out: &mut impl Write, article: &Analysis) -> io::Result<()> {
    for d in &article.diagnostics {
        writeln!(out, "  ! {}: {}", d.stage, d.message)?;
    }
    Ok(())
}

/// The `analyze` report: a summary line, then each article with what was removed and why.
pub fn report(
    out: &mut impl Write,
    analyses: &[Analysis],
    entities: &[Entity],
    errors: &[IngestError],
) -> io::Result<()> {
    let mut languages: BTreeMap<String, usize> = BTreeMap::new();
    for a in analyses {
        *languages
            .entry(a.language.map_or("?".to_string(), |l| l.to_string()))
            .or_default() += 1;
    }
    let langs: Vec<String> = languages.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let removed: usize = analyses.iter().map(|a| a.removed.len()).sum();
    writeln!(
        out,
        "{} articles · languages: {} · {} lines of furniture or repeats removed{}",
        analyses.len(),
        langs.join(", "),
        removed,
        if errors.is_empty() {
            String::new()
        } else {
            format!(" · {} inputs skipped", errors.len())
        }
    )?;
    for a in analyses {
        writeln!(out)?;
        header(out, a)?;
        dates(out, a)?;
        figures(out, a, 6)?;
        quotes(out, a, 3, 70)?;
        if !a.removed.is_empty() {
            writeln!(out, "  removed:")?;
        }
        removals(out, a, 60, false)?;
        diagnostics(out, a)?;
    }
    if !entities.is_empty() {
        writeln!(
            out,
            "\npeople, groups and places named in more than one article:"
        )?;
        let mut shared: Vec<&Entity> = entities.iter().filter(|e| e.articles.len() > 1).collect();
        shared.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(b.mentions.cmp(&a.mentions))
        });
        for e in shared.iter().take(25) {
            writeln!(
                out,
                "  {:<13} {:<28} {} articles · {}",
                e.kind.as_str(),
                short(&e.name, 28),
                e.articles.len(),
                short(&e.variants.join(" · "), 90)
            )?;
        }
    }
    if !errors.is_empty() {
        writeln!(out, "\nskipped:")?;
        for e in errors {
            writeln!(out, "  {e}")?;
        }
    }
    Ok(())
}

/// The first eight hex digits of an id: enough to tell articles apart in a list, and accepted
/// by `show` as a prefix.
/// Colours of the human output. They are always written; the output stream drops them when it
/// is not a terminal, under `NO_COLOR`, or with `--color never` (anstream).
const ID: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Yellow)));
const TITLE: Style = Style::new().bold();
const REMOVED: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Red)));
const MATCH: Style = Style::new()
    .bold()
    .fg_color(Some(Color::Ansi(AnsiColor::Green)));
const QUIET: Style = Style::new().dimmed();

fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

fn short_id(id: recoupe_core::ArticleId) -> String {
    let mut text = id.to_string();
    text.truncate(8);
    paint(ID, &text)
}

/// A snippet with its [matches] coloured (the brackets stay, for output without colour).
fn marked(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len() + 32);
    let mut rest = snippet;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        out.push_str(&rest[..=open]);
        out.push_str(&paint(MATCH, &rest[open + 1..open + close]));
        out.push(']');
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

pub fn article_list(out: &mut impl Write, articles: &[StoredArticle]) -> io::Result<()> {
    if articles.is_empty() {
        return writeln!(out, "no articles stored yet");
    }
    for a in articles {
        writeln!(
            out,
            "{}  {:<2}  {:<10}  {}",
            short_id(a.id),
            a.language.map_or("?".to_string(), |l| l.to_string()),
            a.published.map_or("—".to_string(), |d| d.to_string()),
            short(&a.title, 90)
        )?;
    }
    Ok(())
}

pub fn show(out: &mut impl Write, article: &StoredArticle) -> io::Result<()> {
    let analysis = article.analysis();
    let a = &analysis;
    header(out, a)?;
    for (key, v) in [("url", &a.url), ("site", &a.site), ("byline", &a.byline)] {
        if let Some(v) = v {
            writeln!(out, "  {key}: {v}")?;
        }
    }
    dates(out, a)?;
    figures(out, a, usize::MAX)?;
    quotes(out, a, usize::MAX, 200)?;
    diagnostics(out, a)?;
    writeln!(out)?;
    for paragraph in article.text.split("\n\n") {
        writeln!(out, "  {paragraph}\n")?;
    }
    if !a.removed.is_empty() {
        writeln!(out, "  removed:")?;
        removals(out, a, 100, true)?;
    }
    Ok(())
}

pub fn hits(out: &mut impl Write, query: &str, results: &SearchResults) -> io::Result<()> {
    for also in &results.also {
        let line = format!("{} → also {}", also.typed, also.spellings.join(", "));
        writeln!(out, "{}", paint(QUIET, &line))?;
    }
    let hits = &results.hits;
    if hits.is_empty() {
        return writeln!(out, "no article matches «{query}»");
    }
    for h in hits {
        writeln!(
            out,
            "{}  {:<2}  {:<10}  {}\n    {}",
            short_id(h.id),
            h.language.map_or("?".to_string(), |l| l.to_string()),
            h.published.map_or("—".to_string(), |d| d.to_string()),
            short(&h.title, 90),
            marked(&short(&h.snippet, 160))
        )?;
    }
    Ok(())
}

pub fn extract(out: &mut impl Write, analysis: &Analysis) -> io::Result<()> {
    header(out, analysis)?;
    for (key, v) in [
        ("site", &analysis.site),
        ("byline", &analysis.byline),
        ("url", &analysis.url),
    ] {
        if let Some(v) = v {
            writeln!(out, "  {key}: {v}")?;
        }
    }
    diagnostics(out, analysis)?;
    writeln!(out)?;
    for paragraph in analysis.text.split("\n\n") {
        writeln!(out, "{paragraph}\n")?;
    }
    Ok(())
}

pub fn entity_list(out: &mut impl Write, entities: &[Entity], limit: usize) -> io::Result<()> {
    if entities.is_empty() {
        return writeln!(out, "no entities found");
    }
    for e in entities.iter().take(limit) {
        writeln!(
            out,
            "{} {:<13} {:<30} {:>3} mentions · {} articles · {}",
            e.id,
            e.kind.as_str(),
            short(&e.name, 30),
            e.mentions,
            e.article_count,
            short(&e.variants.join(" · "), 70)
        )?;
    }
    Ok(())
}

pub fn entity(out: &mut impl Write, e: &Entity) -> io::Result<()> {
    writeln!(
        out,
        "{} ({}) — {} mentions in {} articles, languages: {}",
        e.name,
        e.kind.as_str(),
        e.mentions,
        e.article_count,
        e.languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    for (script, variants) in recoupe_query::spellings_by_script(&e.variants) {
        writeln!(out, "  {:<9} {}", script.name(), variants.join(" · "))?;
    }
    if !e.evidence.is_empty() {
        writeln!(out, "  why merged:")?;
        for why in &e.evidence {
            writeln!(out, "    {why}")?;
        }
    }
    const SHOWN: usize = 40;
    let shown: Vec<String> = e
        .articles
        .iter()
        .take(SHOWN)
        .map(|a| a.to_string()[..8].to_string())
        .collect();
    let more = e.article_count.saturating_sub(shown.len());
    let more = if more > 0 {
        format!(" … and {more} more (--json lists the first 1,000)")
    } else {
        String::new()
    };
    writeln!(out, "  articles: {}{more}", shown.join(" "))?;
    Ok(())
}

pub fn similarity(
    out: &mut impl Write,
    a: &str,
    b: &str,
    result: &recoupe_core::similarity::Similarity,
) -> io::Result<()> {
    writeln!(out, "similarity {:.2}", result.score)?;
    writeln!(out, "  A  {}", short(a, 90))?;
    writeln!(out, "  B  {}", short(b, 90))?;
    if result.evidence.is_empty() {
        writeln!(out, "  nothing in common")?;
    }
    for e in &result.evidence {
        writeln!(out, "  {:<9} {:.2}  {}", e.signal, e.value, e.detail)?;
    }
    Ok(())
}

/// How a story's article is shown in a line: date (inferred dates marked *), language, id
/// prefix, title.
fn story_article_line(a: &Analysis) -> String {
    let date = match (a.published, a.published_basis) {
        (Some(d), Some(recoupe_core::DateBasis::Inferred)) => format!("{d}*"),
        (Some(d), _) => format!("{d} "),
        (None, _) => "undated    ".to_string(),
    };
    format!(
        "{date} {} {}  {}",
        a.language.map_or("??".to_string(), |l| l.to_string()),
        &a.id.to_string()[..8],
        short(&a.title, 70)
    )
}

/// The list of stories: one block each.
pub fn story_list(
    out: &mut impl Write,
    report: &recoupe_core::stories::StoryReport,
    analyses: &[Analysis],
    limit: usize,
) -> io::Result<()> {
    if report.stories.is_empty() {
        return writeln!(out, "no stories (no articles stored yet)");
    }
    let by_id: std::collections::HashMap<_, _> = analyses.iter().map(|a| (a.id, a)).collect();
    writeln!(
        out,
        "{} stories from {} articles · {} version links",
        report.stories.len(),
        analyses.len(),
        report.links.len()
    )?;
    for story in report.stories.iter().take(limit) {
        writeln!(out)?;
        story_header(out, story)?;
        for id in &story.articles {
            if let Some(a) = by_id.get(id) {
                writeln!(out, "    {}", story_article_line(a))?;
            }
        }
    }
    Ok(())
}

/// Stories as the store lists them: one header each.
pub fn story_rows(
    out: &mut impl Write,
    rows: &[recoupe_store::StoryRow],
    total: usize,
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "no stories (no articles stored yet)");
    }
    writeln!(out, "{} of {total} stories", rows.len())?;
    for row in rows {
        writeln!(out)?;
        let range = recoupe_query::display::date_range(row.start, row.end);
        let langs: Vec<String> = row.languages.iter().map(|l| l.to_string()).collect();
        writeln!(out, "{}  {}", row.id, short(&row.title, 90))?;
        let sources = if row.sources.len() <= 3 {
            row.sources.join(", ")
        } else {
            format!(
                "{}, … ({} sources)",
                row.sources[..3].join(", "),
                row.sources.len()
            )
        };
        writeln!(
            out,
            "  {range} · {} article{} · {} · {sources}",
            row.size,
            if row.size == 1 { "" } else { "s" },
            langs.join(", "),
        )?;
    }
    Ok(())
}

fn story_header(out: &mut impl Write, story: &recoupe_core::stories::Story) -> io::Result<()> {
    let range = recoupe_query::display::date_range(story.start, story.end);
    let langs: Vec<String> = story.languages.iter().map(|l| l.to_string()).collect();
    writeln!(out, "{}  {}", story.id, short(&story.title, 90))?;
    let (articles, sources) = (story.articles.len(), story.sources.len());
    writeln!(
        out,
        "  {range} · {articles} article{} · {} · {sources} source{}",
        if articles == 1 { "" } else { "s" },
        langs.join(", "),
        if sources == 1 { "" } else { "s" },
    )
}

/// One story, side by side: articles, figures, framing, shared quotes, versions.
pub fn story(
    out: &mut impl Write,
    story: &recoupe_core::stories::Story,
    links: &[&recoupe_core::versions::Link],
    analyses: &[Analysis],
) -> io::Result<()> {
    let by_id: std::collections::HashMap<_, _> = analyses.iter().map(|a| (a.id, a)).collect();
    let tag = |id: &recoupe_core::ArticleId| {
        let a = by_id.get(id);
        format!(
            "{} {}",
            &id.to_string()[..8],
            a.and_then(|a| a.language)
                .map_or("??".to_string(), |l| l.to_string())
        )
    };
    story_header(out, story)?;
    writeln!(out, "\narticles (* date inferred):")?;
    for join in &story.joins {
        if let Some(a) = by_id.get(&join.article) {
            writeln!(out, "  {}", story_article_line(a))?;
            match join.score {
                None => writeln!(out, "      opened the story")?,
                Some(score) => {
                    let why: Vec<String> = join
                        .evidence
                        .iter()
                        .take(2)
                        .map(|e| e.detail.clone())
                        .collect();
                    writeln!(
                        out,
                        "      joined at {score:.2}: {}",
                        short(&why.join("; "), 100)
                    )?
                }
            }
        }
    }
    let c = &story.comparison;
    figures_compared(out, &c.figures, &tag)?;
    framing_compared(out, &c.framing, &tag)?;
    quotes_compared(out, &c.quotes, &tag)?;
    versions(out, links, &by_id, &tag)
}

type Tag<'a> = dyn Fn(&recoupe_core::ArticleId) -> String + 'a;

/// The figures two articles or more give about one thing.
fn figures_compared(
    out: &mut impl Write,
    figures: &[recoupe_core::comparison::FigureGroup],
    tag: &Tag<'_>,
) -> io::Result<()> {
    if !figures.is_empty() {
        writeln!(out, "\nfigures about the same thing:")?;
        for g in figures {
            let what = match g.event {
                Some(e) => format!("{} — {e}", g.counts),
                None => g.counts.to_string(),
            };
            let flag = if g.disagree {
                "   ≠ the sources disagree"
            } else {
                ""
            };
            writeln!(out, "  {what}{flag}")?;
            for f in &g.figures {
                writeln!(
                    out,
                    "    {}  {:>12}  {}",
                    tag(&f.article),
                    recoupe_query::display::number(f.value),
                    short(&f.text, 60)
                )?;
            }
        }
    }
    Ok(())
}

/// The words each source uses for the actors.
fn framing_compared(
    out: &mut impl Write,
    framing: &[recoupe_core::comparison::Framing],
    tag: &Tag<'_>,
) -> io::Result<()> {
    if !framing.is_empty() {
        writeln!(out, "\nhow each source names the actors:")?;
        for f in framing {
            writeln!(out, "  {}", f.actor)?;
            for a in &f.by_article {
                let terms: Vec<String> = a
                    .terms
                    .iter()
                    .map(|t| {
                        let tone = if t.tone == recoupe_core::comparison::Tone::Neutral {
                            ""
                        } else {
                            " (!)"
                        };
                        if t.count > 1 {
                            format!("{} ×{}{tone}", t.text, t.count)
                        } else {
                            format!("{}{tone}", t.text)
                        }
                    })
                    .collect();
                writeln!(
                    out,
                    "    {}  {}",
                    tag(&a.article),
                    short(&terms.join(", "), 100)
                )?;
            }
        }
        writeln!(out, "    (!) a word usually read as taking sides")?;
    }
    Ok(())
}

/// The quotes several articles share.
fn quotes_compared(
    out: &mut impl Write,
    quotes: &[recoupe_core::comparison::SharedQuote],
    tag: &Tag<'_>,
) -> io::Result<()> {
    if !quotes.is_empty() {
        writeln!(out, "\nquotes in several articles:")?;
        for q in quotes {
            writeln!(
                out,
                "  {}",
                q.speaker.as_deref().unwrap_or("(speaker unknown)")
            )?;
            for v in &q.versions {
                writeln!(out, "    {}  “{}”", tag(&v.article), short(&v.text, 90))?;
            }
        }
    }
    Ok(())
}

/// The versions and translations of one dispatch, with what each adds.
fn versions(
    out: &mut impl Write,
    links: &[&recoupe_core::versions::Link],
    by_id: &std::collections::HashMap<recoupe_core::ArticleId, &Analysis>,
    tag: &Tag<'_>,
) -> io::Result<()> {
    if !links.is_empty() {
        writeln!(out, "\nversions of one dispatch:")?;
        for l in links {
            writeln!(
                out,
                "  {} ↔ {}  {} ({:.2}), {} paragraphs aligned",
                tag(&l.a),
                tag(&l.b),
                l.kind.as_str(),
                l.score,
                l.aligned.len()
            )?;
            for (id, adds) in [(&l.a, &l.a_adds), (&l.b, &l.b_adds)] {
                let Some(a) = by_id.get(id) else { continue };
                for span in adds.iter().take(4) {
                    let text = a.text.get(span.start..span.end).unwrap_or("");
                    writeln!(out, "    only in {}: {}", tag(id), short(text, 90))?;
                }
                if adds.len() > 4 {
                    writeln!(
                        out,
                        "    only in {}: … {} more paragraphs",
                        tag(id),
                        adds.len() - 4
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// One entry of the corrections log.
pub fn correction(out: &mut impl Write, entry: &recoupe_store::Correction) -> io::Result<()> {
    let what = match &entry.action {
        recoupe_store::Action::Move { article, from, to } => {
            format!("moved article {} from {from} to {to}", short_id(*article))
        }
        recoupe_store::Action::Merge { from, into, moved } => {
            format!("merged {from} into {into} ({} articles)", moved.len())
        }
        recoupe_store::Action::Split {
            from, to, articles, ..
        } => {
            let ids: Vec<String> = articles.iter().map(|a| short_id(*a)).collect();
            format!(
                "split {} articles out of {from} into {to}: {}",
                articles.len(),
                ids.join(" ")
            )
        }
        recoupe_store::Action::MergeEntities { from, into } => {
            format!("merged entity {from} into entity {into}")
        }
        recoupe_store::Action::SplitSpelling {
            entity,
            spelling,
            to,
        } => format!("split «{spelling}» out of entity {entity}: read as entity {to}"),
        recoupe_store::Action::MarkWrong {
            article,
            finding,
            start,
            text,
            ..
        } => format!(
            "marked the {} «{}» of article {} (byte {start}) wrong",
            finding.as_str(),
            recoupe_query::display::short(text, 60),
            short_id(*article)
        ),
    };
    let undone = entry
        .undone_at
        .as_ref()
        .map_or(String::new(), |at| format!("  (undone {at})"));
    let why = if entry.why.is_empty() {
        String::new()
    } else {
        format!(": {}", entry.why)
    };
    writeln!(
        out,
        "#{}  {}  {}  {what}{why}{undone}",
        entry.id, entry.at, entry.by
    )
}
