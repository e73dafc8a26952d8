//! `recoupe-eval quotes --polnear DIR`: who said what in real news nobody on the team wrote —
//! PolNeAR's annotated attributions (English political news of seven US outlets, 2016
//! campaign), `../shared/data/quotes/polnear-train` by default.
//!
//! Each article (`text/<name>.txt`) goes through `recoupe analyze`'s pipeline as a plain-text
//! article. Its gold is one annotator's attributions (`attributions/<name>_<annotator>.ann`,
//! brat standoff; the first annotator in name order when there are two): each attribution joins
//! a `Content` span, its `Source` and its `Cue`. A content is a *direct quote* when most of its
//! letters stand inside quotation marks; the others are indirect speech, reported apart.
//!
//! - **precision**: a quote recoupe reports is right when most of its letters lie inside one
//!   attributed content (direct or not: the annotators said somebody says it);
//! - **recall**: a direct quote is found when a reported quote is right on it;
//! - **speaker**: of the direct quotes found, those whose speaker recoupe gives is the
//!   annotated source: the words naming the speaker overlap the source's span, or the
//!   speaker's name (resolved, or as written) ends with a word of the source; a source the
//!   annotators left out must be left out too.
//!
//! The articles are split in two by their place in name order: the even ones are tuned on
//! (their errors are listed), the odd ones kept apart to report on (counts only: errors read
//! would be tuned on next).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use recoupe_core::quotes::QuoteKind;
use recoupe_core::Analysis;

pub const TUNED: &str = "even articles (tuned on)";
pub const KEPT: &str = "odd articles (kept apart, reported)";

/// One attribution of the gold, byte offsets into the article's text.
struct GoldAttribution {
    content: Vec<(usize, usize)>,
    source: Option<(usize, usize)>,
    direct: bool,
}

struct Article {
    name: String,
    split: &'static str,
    text: String,
    gold: Vec<GoldAttribution>,
}

/// What one article scored, and its errors.
#[derive(Default)]
struct Score {
    articles: usize,
    direct: usize,
    indirect: usize,
    predicted: usize,
    /// reported quotes on a direct quote
    right: usize,
    /// reported quotes on any attributed content
    right_any: usize,
    /// indirect speech reported, that lying inside an attributed content, the indirect contents
    /// found and their speakers right
    indirect_reported: usize,
    indirect_right: usize,
    indirect_found: usize,
    indirect_speaker_right: usize,
    /// partial quotes reported (words quoted inside reported speech), and those inside an
    /// attributed content
    partial: usize,
    partial_attributed: usize,
    /// partial quotes that are the first on a direct quote no direct one found
    partial_on_direct: usize,
    found: usize,
    speaker_right: usize,
    /// reported quotes not right, by why
    wrong_by: BTreeMap<&'static str, usize>,
    /// direct quotes missed, by why
    missed_by: BTreeMap<&'static str, usize>,
    /// direct quotes found with the wrong speaker, by how recoupe attributed them
    speaker_by: BTreeMap<String, usize>,
    extra: Vec<String>,
    missed: Vec<String>,
    wrong_speaker: Vec<String>,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.articles += other.articles;
        self.direct += other.direct;
        self.indirect += other.indirect;
        self.predicted += other.predicted;
        self.right += other.right;
        self.right_any += other.right_any;
        self.partial += other.partial;
        self.partial_on_direct += other.partial_on_direct;
        self.indirect_reported += other.indirect_reported;
        self.indirect_right += other.indirect_right;
        self.indirect_found += other.indirect_found;
        self.indirect_speaker_right += other.indirect_speaker_right;
        self.partial_attributed += other.partial_attributed;
        self.found += other.found;
        self.speaker_right += other.speaker_right;
        for (k, v) in other.wrong_by {
            *self.wrong_by.entry(k).or_default() += v;
        }
        for (k, v) in other.missed_by {
            *self.missed_by.entry(k).or_default() += v;
        }
        for (k, v) in other.speaker_by {
            *self.speaker_by.entry(k).or_default() += v;
        }
        self.extra.extend(other.extra);
        self.missed.extend(other.missed);
        self.wrong_speaker.extend(other.wrong_speaker);
    }
}

/// The byte offset of each char offset of `text` (one past the end included).
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    offsets.push(text.len());
    offsets
}

/// Bytes of `text` that lie inside quotation marks: curly marks open and close by their
/// shape, straight ones alternate; a line break closes everything (a paragraph).
fn inside_marks(text: &str) -> Vec<bool> {
    let mut inside = vec![false; text.len()];
    let mut depth_curly = 0usize;
    let mut straight_open = false;
    let mut doubled_open = false;
    let mut chars = text.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        // `` and '' (two characters each) are the quotation marks of some archives (LexisNexis)
        let doubled = matches!(c, '\'' | '`') && chars.peek().is_some_and(|&(_, n)| n == c);
        match c {
            '\n' => {
                depth_curly = 0;
                straight_open = false;
                doubled_open = false;
            }
            '“' => depth_curly += 1,
            '”' => depth_curly = depth_curly.saturating_sub(1),
            '"' => straight_open = !straight_open,
            '`' if doubled => {
                chars.next();
                doubled_open = true;
            }
            '\'' if doubled => {
                chars.next();
                doubled_open = !doubled_open;
            }
            _ => {
                if depth_curly > 0 || straight_open || doubled_open {
                    for flag in &mut inside[b..b + c.len_utf8()] {
                        *flag = true;
                    }
                }
            }
        }
    }
    inside
}

/// The attributions of one `.ann` file: `T` lines give spans (`Label start end[;start end]`,
/// char offsets), `E` lines join them.
fn parse_ann(ann: &str, text: &str) -> Vec<GoldAttribution> {
    let bytes = byte_offsets(text);
    let inside = inside_marks(text);
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(what)) = (fields.next(), fields.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((_label, offsets)) = what.split_once(' ') else {
            continue;
        };
        let mut segments = Vec::new();
        for segment in offsets.split(';') {
            let mut numbers = segment.split_whitespace().map(str::parse::<usize>);
            if let (Some(Ok(s)), Some(Ok(e))) = (numbers.next(), numbers.next()) {
                if s < e && e < bytes.len() {
                    segments.push((bytes[s], bytes[e]));
                }
            }
        }
        segments.sort_unstable();
        if !segments.is_empty() {
            spans.insert(id, segments);
        }
    }
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(args) = line.split('\t').nth(1) else {
            continue;
        };
        let mut content = None;
        let mut source = None;
        for arg in args.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let Some(segments) = spans.get(id) else {
                continue;
            };
            match role {
                "Content" => content = Some(segments.clone()),
                "Source" => {
                    source = Some((segments[0].0, segments[segments.len() - 1].1));
                }
                _ => {}
            }
        }
        let Some(content) = content else {
            continue;
        };
        let (mut letters, mut quoted) = (0usize, 0usize);
        for &(s, e) in &content {
            for (b, c) in text[s..e].char_indices() {
                if c.is_alphanumeric() {
                    letters += 1;
                    quoted += usize::from(inside[s + b]);
                }
            }
        }
        out.push(GoldAttribution {
            content,
            source,
            direct: letters > 0 && quoted * 2 > letters,
        });
    }
    out
}

fn load(dir: &Path) -> Result<Vec<Article>> {
    let texts = dir.join("text");
    let anns = dir.join("attributions");
    let mut names: Vec<String> = std::fs::read_dir(&texts)
        .with_context(|| format!("reading {}", texts.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".txt"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    let mut ann_files: Vec<String> = std::fs::read_dir(&anns)
        .with_context(|| format!("reading {}", anns.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".ann"))
        .collect();
    ann_files.sort();
    let mut articles = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        // `<name>_<annotator>.ann`: the first annotator in name order
        let Some(ann) = ann_files.iter().find(|f| {
            f.strip_prefix(name.as_str())
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|rest| !rest.contains('_'))
        }) else {
            continue;
        };
        let text = std::fs::read_to_string(texts.join(format!("{name}.txt")))?;
        let ann = std::fs::read_to_string(anns.join(ann))?;
        let gold = parse_ann(&ann, &text);
        articles.push(Article {
            name: name.clone(),
            split: if i % 2 == 0 { TUNED } else { KEPT },
            text,
            gold,
        });
    }
    if articles.is_empty() {
        bail!("no annotated article in {}", dir.display());
    }
    Ok(articles)
}

/// Where `needle` stands in `text`: the occurrence nearest `near`.
fn find_near(text: &str, needle: &str, near: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    text.match_indices(needle)
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(near))
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn excerpt(text: &str, start: usize, end: usize) -> String {
    let s: String = text
        .get(start..end.max(start))
        .unwrap_or("")
        .chars()
        .take(90)
        .collect();
    s.replace('\n', " ")
}

/// Whether `q`'s speaker is the annotated source of `g`: the words naming it overlap the
/// source, or the speaker's name ends with a word of the source; no source, no speaker.
fn speaker_is(text: &str, g: &GoldAttribution, q: &recoupe_core::quotes::Quote) -> bool {
    let said = q.speaker_name.as_deref().or(q.speaker_text.as_deref());
    match (g.source, said) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some(source), Some(_)) => {
            let source_words = words(&text[source.0..source.1]);
            let near = g.content[0].0;
            let by_span = q.speaker_text.as_deref().is_some_and(|st| {
                find_near(text, st, near).is_some_and(|at| overlap((at, at + st.len()), source) > 0)
            });
            let by_name = [q.speaker_name.as_deref(), q.speaker_text.as_deref()]
                .into_iter()
                .flatten()
                .filter_map(|s| words(s).pop())
                .any(|last| source_words.contains(&last));
            by_span || by_name
        }
    }
}

/// Letters of `spans` that lie inside the content of `g`.
fn shared_letters(text: &str, g: &GoldAttribution, spans: &[(usize, usize)]) -> usize {
    let mut shared = 0;
    for &c in &g.content {
        for &span in spans {
            let (s, e) = (span.0.max(c.0), span.1.min(c.1));
            if s < e {
                shared += text[s..e].chars().filter(|c| c.is_alphanumeric()).count();
            }
        }
    }
    shared
}

/// The indirect content most of `spans`' letters lie in.
fn best_indirect(article: &Article, spans: &[(usize, usize)], letters: usize) -> Option<usize> {
    article
        .gold
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.direct)
        .map(|(gi, g)| (shared_letters(&article.text, g, spans), gi))
        .filter(|(shared, _)| shared * 2 > letters)
        .max()
        .map(|(_, gi)| gi)
}

/// The attributed content most of `spans`' letters lie in, direct ones first: (letters
/// shared, direct, index).
fn best_content(
    article: &Article,
    spans: &[(usize, usize)],
    letters: usize,
) -> Option<(usize, bool, usize)> {
    article
        .gold
        .iter()
        .enumerate()
        .map(|(gi, g)| (shared_letters(&article.text, g, spans), g.direct, gi))
        .filter(|(shared, _, _)| shared * 2 > letters)
        .max_by_key(|&(shared, direct, _)| (direct, shared))
}

fn score(article: &Article, analysis: &Analysis) -> Score {
    let mut score = Score {
        articles: 1,
        direct: article.gold.iter().filter(|g| g.direct).count(),
        indirect: article.gold.iter().filter(|g| !g.direct).count(),
        predicted: analysis.quotes.len(),
        ..Score::default()
    };
    // direct quotes first: a partial quote never takes a direct quote from one
    let all: Vec<&recoupe_core::quotes::Quote> = analysis
        .quotes
        .iter()
        .chain(&analysis.reported_speech)
        .collect();
    let claims = score_reported(article, analysis, &all, &mut score);
    score_gold(article, &all, &claims, &mut score);
    score
}

/// What the reported quotes were found on: for each gold content, the first reported quote on
/// it (direct or indirect) and whether a partial quote lies on it.
struct Claims {
    claimed: Vec<Option<usize>>,
    partial_on: Vec<bool>,
    indirect_claimed: Vec<Option<usize>>,
}

/// Scores each reported quote against the gold contents.
fn score_reported(
    article: &Article,
    analysis: &Analysis,
    all: &[&recoupe_core::quotes::Quote],
    score: &mut Score,
) -> Claims {
    let text = &article.text;
    let listed = article.split == TUNED;
    // for each direct quote of the gold, the first reported quote on it
    let mut claimed: Vec<Option<usize>> = vec![None; article.gold.len()];
    // direct quotes with a partial quote on them
    let mut partial_on = vec![false; article.gold.len()];
    // indirect contents and the reported clause on each
    let mut indirect_claimed: Vec<Option<usize>> = vec![None; article.gold.len()];
    let mut cursor = 0;
    for (qi, q) in all.iter().enumerate() {
        // the cleaned text's offsets are not the file's: each part is found again by its words
        let parts: Vec<(usize, usize)> = if q.parts.is_empty() {
            vec![(q.start, q.end)]
        } else {
            q.parts.iter().map(|p| (p.start, p.end)).collect()
        };
        let mut spans = Vec::with_capacity(parts.len());
        for (s, e) in parts {
            let Some(words) = analysis.text.get(s..e) else {
                continue;
            };
            if let Some(at) = find_near(text, words, cursor) {
                cursor = at;
                spans.push((at, at + words.len()));
            }
        }
        let Some(&first) = spans.first() else {
            continue;
        };
        let letters: usize = spans
            .iter()
            .map(|&(s, e)| text[s..e].chars().filter(|c| c.is_alphanumeric()).count())
            .sum();
        let on = best_content(article, &spans, letters);
        if q.kind == QuoteKind::Indirect {
            // reported speech in the reporter's words: scored against the indirect contents
            score.indirect_reported += 1;
            let inside = best_indirect(article, &spans, letters);
            if let Some(gi) = inside {
                score.indirect_right += 1;
                if indirect_claimed[gi].is_none() {
                    indirect_claimed[gi] = Some(qi);
                }
            }
            continue;
        }
        if q.kind == QuoteKind::Partial {
            // words quoted inside reported speech: scored apart from the direct quotes
            score.partial += 1;
            score.partial_attributed += usize::from(on.is_some());
            if let Some((_, true, gi)) = on {
                // (right, were it counted as a direct quote: the first on its direct quote)
                score.partial_on_direct += usize::from(!partial_on[gi] && claimed[gi].is_none());
                partial_on[gi] = true;
            }
            continue;
        }
        if on.is_some() {
            score.right_any += 1;
        }
        let why = match on {
            Some((_, true, gi)) if claimed[gi].is_none() => {
                claimed[gi] = Some(qi);
                score.right += 1;
                // a quote of several parts may hold direct quotes the annotator kept apart
                // ("“A,” he said. “B.”" as two attributions): each part finds its own
                if spans.len() > 1 {
                    for &part in &spans {
                        let part_letters = text[part.0..part.1]
                            .chars()
                            .filter(|c| c.is_alphanumeric())
                            .count();
                        if let Some((_, true, other)) = best_content(article, &[part], part_letters)
                        {
                            if claimed[other].is_none() {
                                claimed[other] = Some(qi);
                            }
                        }
                    }
                }
                continue;
            }
            Some((_, true, _)) => "another part of a direct quote already reported",
            Some((_, false, _)) => "inside reported speech that is mostly not quoted",
            None => "not attributed",
        };
        *score.wrong_by.entry(why).or_default() += 1;
        if listed {
            let last = spans[spans.len() - 1].1;
            let after_end = (last + 50..=text.len())
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(text.len());
            score.extra.push(format!(
                "{}: «{}» …{} ({why})",
                article.name,
                excerpt(text, first.0, first.1),
                excerpt(text, last, after_end)
            ));
        }
    }
    Claims {
        claimed,
        partial_on,
        indirect_claimed,
    }
}

/// Scores each gold content against what was found on it.
fn score_gold(
    article: &Article,
    all: &[&recoupe_core::quotes::Quote],
    claims: &Claims,
    score: &mut Score,
) {
    let text = &article.text;
    let listed = article.split == TUNED;
    let (claimed, partial_on, indirect_claimed) = (
        &claims.claimed,
        &claims.partial_on,
        &claims.indirect_claimed,
    );
    for (gi, g) in article.gold.iter().enumerate() {
        if !g.direct {
            if let Some(qi) = indirect_claimed[gi] {
                score.indirect_found += 1;
                score.indirect_speaker_right += usize::from(speaker_is(text, g, all[qi]));
            }
            continue;
        }
        let content = (g.content[0].0, g.content[g.content.len() - 1].1);
        let gold_source = g.source.map(|(s, e)| &text[s..e]);
        let Some(qi) = claimed[gi] else {
            let why = if partial_on[gi] {
                "reported as a partial quote"
            } else {
                "not reported"
            };
            *score.missed_by.entry(why).or_default() += 1;
            if listed {
                score.missed.push(format!(
                    "{}: «{}» ({}; {why})",
                    article.name,
                    excerpt(text, content.0, content.1),
                    gold_source.unwrap_or("no source")
                ));
            }
            continue;
        };
        score.found += 1;
        let q = all[qi];
        let said = q.speaker_name.as_deref().or(q.speaker_text.as_deref());
        let right = speaker_is(text, g, q);
        if right {
            score.speaker_right += 1;
        } else {
            let how = match (g.source.is_some(), said.is_some()) {
                (false, _) => "the annotator names no source".to_string(),
                (true, false) => "recoupe names nobody".to_string(),
                (true, true) => format!("another speaker ({:?})", q.attribution).to_lowercase(),
            };
            *score.speaker_by.entry(how).or_default() += 1;
        }
        if !right && listed {
            score.wrong_speaker.push(format!(
                "{}: «{}» given to {} ({:?}: {}), not {}",
                article.name,
                excerpt(text, content.0, content.1.min(content.0 + 60)),
                said.unwrap_or("nobody"),
                q.attribution,
                q.speaker_text.as_deref().unwrap_or("-"),
                gold_source.unwrap_or("nobody")
            ));
        }
    }
}

/// One row of the direct-quote table; `strong`: the three goal figures in bold.
fn outlet_row(r: &mut String, split: &str, outlet: &str, s: &Score, strong: bool) -> Result<()> {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let bold = |x: f64| {
        if strong {
            format!("**{x:.3}**")
        } else {
            format!("{x:.3}")
        }
    };
    writeln!(
        r,
        "| {split} | {outlet} | {} | {} | {} | {} | {} | {:.3} | {} | {} | {} | {:.3} |",
        s.articles,
        s.direct,
        s.indirect,
        s.predicted,
        bold(ratio(s.right, s.predicted)),
        ratio(s.right_any, s.predicted),
        bold(ratio(s.found, s.direct)),
        bold(ratio(s.speaker_right, s.found)),
        s.partial,
        ratio(s.partial_attributed, s.partial)
    )?;
    Ok(())
}

/// Where the full error lists of the tuned half are written: the workspace's `target/`.
fn dir_for_errors() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target")
}

/// The PolNeAR section of docs/eval/quotes.md.
pub fn section(dir: &Path, shown: &str, command: &str) -> Result<String> {
    let articles = load(dir)?;
    let scored: Vec<Result<Score>> = articles
        .par_iter()
        .map(|article| {
            let analysis = crate::real::text_article(&article.name, article.text.as_bytes())?;
            Ok(score(article, &analysis))
        })
        .collect();
    let mut by_split: BTreeMap<&str, Score> = BTreeMap::new();
    let mut by_outlet: BTreeMap<(&str, String), Score> = BTreeMap::new();
    for (article, s) in articles.iter().zip(scored) {
        let s = s?;
        let outlet = article.name.split('_').next().unwrap_or("?").to_string();
        let o = by_outlet.entry((article.split, outlet)).or_default();
        o.add(Score {
            articles: s.articles,
            direct: s.direct,
            indirect: s.indirect,
            predicted: s.predicted,
            right: s.right,
            right_any: s.right_any,
            partial: s.partial,
            partial_attributed: s.partial_attributed,
            found: s.found,
            speaker_right: s.speaker_right,
            ..Score::default()
        });
        by_split.entry(article.split).or_default().add(s);
    }
    let mut r = String::new();
    write_method(&mut r, shown, command, articles.len())?;
    write_tables(&mut r, &by_split, &by_outlet)?;
    write_why(&mut r, &by_split)?;
    if let Some(t) = by_split.get(TUNED) {
        write_errors(&mut r, t)?;
    }
    Ok(r)
}

/// What the PolNeAR section measures and how.
fn write_method(r: &mut String, shown: &str, command: &str, count: usize) -> Result<()> {
    writeln!(r, "## Real news: PolNeAR attributions\n")?;
    writeln!(
        r,
        "Generated by `{command}` on `{shown}`: {} English articles of seven US outlets (2016 campaign),",
        count
    )?;
    writeln!(
        r,
        "each with one annotator's attributions (source, cue, content). Nobody on the team wrote"
    )?;
    writeln!(
        r,
        "them. A content is a **direct quote** when most of its letters stand inside quotation marks;"
    )?;
    writeln!(r, "the other contents are indirect speech.\n")?;
    writeln!(
        r,
        "- **precision**: reported quotes lying mostly inside a direct quote, each direct quote counted once"
    )?;
    writeln!(
        r,
        "  (a second reported quote on it is wrong), over all reported; beside it, the share lying inside any"
    )?;
    writeln!(
        r,
        "  attributed content, counted as often as reported (a scare quote inside reported speech counts there);"
    )?;
    writeln!(
        r,
        "- **recall**: direct quotes with a reported direct quote on them (or on one of its parts: recoupe makes one quote of \"“A,” he said. “B.”\", which an annotator may keep as two), over all direct quotes;"
    )?;
    writeln!(
        r,
        "- **speaker**: direct quotes found whose speaker is the annotated source (the words naming"
    )?;
    writeln!(
        r,
        "  it overlap the source, or the speaker's name ends with one of the source's words), over found."
    )?;
    writeln!(
        r,
        "- **indirect**: contents not in quotation marks (\"X said that …\"), against recoupe's `kind: indirect`"
    )?;
    writeln!(
        r,
        "  clauses (table below): precision is the share of reported clauses lying mostly inside attributed"
    )?;
    writeln!(
        r,
        "  speech; recall the share of indirect contents holding one (mostly inside it); speaker as above."
    )?;
    writeln!(
        r,
        "- **partial**: phrases quoted inside the reporter's sentence (\"called the plan “a costly mistake”\"),"
    )?;
    writeln!(
        r,
        "  which recoupe reports as `kind: partial`, apart from direct quotes: how many, and the share lying"
    )?;
    writeln!(
        r,
        "  inside attributed speech (direct or indirect). They count neither for nor against the direct figures.\n"
    )?;
    writeln!(
        r,
        "The articles alternate in name order between the half tuned on (its errors are listed below)"
    )?;
    writeln!(
        r,
        "and the half kept apart (counts only). The figure to hold is the kept half's.\n"
    )?;
    Ok(())
}

/// The direct quotes per outlet and split, then the indirect speech per split.
fn write_tables(
    r: &mut String,
    by_split: &BTreeMap<&str, Score>,
    by_outlet: &BTreeMap<(&str, String), Score>,
) -> Result<()> {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    writeln!(
        r,
        "| split | outlet | articles | direct quotes | indirect | reported direct | precision | precision, any content | recall | speaker | reported partial | partial in attributed speech |"
    )?;
    writeln!(
        r,
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )?;
    for split in [TUNED, KEPT] {
        for ((sp, outlet), s) in by_outlet {
            if *sp == split {
                outlet_row(r, split, outlet, s, false)?;
            }
        }
        if let Some(s) = by_split.get(split) {
            outlet_row(r, &format!("**{split}**"), "**all**", s, true)?;
        }
    }
    if let Some(k) = by_split.get(KEPT) {
        let missed_as_partial = k
            .missed_by
            .get("reported as a partial quote")
            .copied()
            .unwrap_or(0);
        writeln!(
            r,
            "\nWere the partial quotes counted as direct ones, the kept half would read precision {:.3} and recall {:.3}.",
            ratio(k.right + k.partial_on_direct, k.predicted + k.partial),
            ratio(k.found + missed_as_partial, k.direct)
        )?;
    }
    writeln!(r, "\n### Indirect speech\n")?;
    writeln!(
        r,
        "| split | indirect contents | reported indirect | precision | recall | speaker |"
    )?;
    writeln!(r, "|---|---:|---:|---:|---:|---:|")?;
    for split in [TUNED, KEPT] {
        if let Some(s) = by_split.get(split) {
            writeln!(
                r,
                "| {split} | {} | {} | {:.3} | {:.3} | {:.3} |",
                s.indirect,
                s.indirect_reported,
                ratio(s.indirect_right, s.indirect_reported),
                ratio(s.indirect_found, s.indirect),
                ratio(s.indirect_speaker_right, s.indirect_found)
            )?;
        }
    }
    Ok(())
}

/// Why quotes were reported wrongly, missed, or given the wrong speaker, per split.
fn write_why(r: &mut String, by_split: &BTreeMap<&str, Score>) -> Result<()> {
    writeln!(r, "\n### Why\n")?;
    writeln!(r, "| | {TUNED} | {KEPT} |")?;
    writeln!(r, "|---|---:|---:|")?;
    let (t, k) = (by_split.get(TUNED), by_split.get(KEPT));
    let mut rows: Vec<(String, usize, usize)> = Vec::new();
    for why in t.iter().chain(k.iter()).flat_map(|s| s.wrong_by.keys()) {
        let count = |s: Option<&Score>| s.and_then(|s| s.wrong_by.get(why)).copied().unwrap_or(0);
        rows.push((format!("reported, wrong: {why}"), count(t), count(k)));
    }
    for why in t.iter().chain(k.iter()).flat_map(|s| s.missed_by.keys()) {
        let count = |s: Option<&Score>| s.and_then(|s| s.missed_by.get(why)).copied().unwrap_or(0);
        rows.push((format!("direct, missed: {why}"), count(t), count(k)));
    }
    for how in t.iter().chain(k.iter()).flat_map(|s| s.speaker_by.keys()) {
        let count = |s: Option<&Score>| s.and_then(|s| s.speaker_by.get(how)).copied().unwrap_or(0);
        rows.push((format!("found, wrong speaker: {how}"), count(t), count(k)));
    }
    rows.sort();
    rows.dedup();
    for (label, a, b) in rows {
        writeln!(r, "| {label} | {a} | {b} |")?;
    }
    Ok(())
}

/// The tuned half's errors: all of them in target/, the first of each kind in the report.
fn write_errors(r: &mut String, t: &Score) -> Result<()> {
    // every error of the tuned half, for reading (target/ is not committed)
    let mut all = String::new();
    for e in t.extra.iter().chain(&t.missed).chain(&t.wrong_speaker) {
        all.push_str(e);
        all.push('\n');
    }
    let _ = std::fs::write(dir_for_errors().join("polnear-errors.txt"), all);
    for (title, list) in [
        ("Reported, not a direct quote of the annotator", &t.extra),
        ("Direct quotes missed", &t.missed),
        ("Wrong speaker", &t.wrong_speaker),
    ] {
        writeln!(
            r,
            "\n### {title} (tuned half: first 25 of {})\n",
            list.len()
        )?;
        for e in list.iter().take(25) {
            writeln!(r, "- {e}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_spans_become_byte_offsets_and_direct_quotes_are_told() {
        let text = "Él dijo: “Vamos a ganar.”\nShe said that we would win.\n";
        let ann = "T1\tSource 0 2\tÉl\nT2\tContent 9 25\t“Vamos a ganar.”\nT3\tContent 35 52\tthat we would win\nT4\tSource 26 29\tShe\nE1\tAttribution:T9 Source:T1 Content:T2\nE2\tAttribution:T8 Content:T3 Source:T4\n";
        let gold = parse_ann(ann, text);
        assert_eq!(gold.len(), 2);
        assert!(gold[0].direct);
        assert!(!gold[1].direct);
        let (s, e) = gold[0].content[0];
        assert_eq!(&text[s..e], "“Vamos a ganar.”");
        let (s, e) = gold[0].source.unwrap();
        assert_eq!(&text[s..e], "Él");
    }
}
