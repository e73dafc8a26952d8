//! Quotes found in several articles and languages of a story.

use super::*;
use crate::maps::HashSet;

pub(super) fn shared_quotes(
    articles: &[&Analysis],
    keys: &HashMap<EntityId, Key>,
    links: &[&Link],
) -> Vec<SharedQuote> {
    let all = quote_keys(articles, keys);
    // (placement, closeness of place, shared words): higher is better
    let matches = |x: &Q<'_>, y: &Q<'_>| -> Option<(u8, i64, f64)> {
        if x.article.id == y.article.id {
            return None;
        }
        if x.article.language == y.article.language {
            let j = jaccard(&x.stems, &y.stems);
            return (j >= 0.4).then_some((2, 0, j));
        }
        if x.speaker.is_none() || x.speaker != y.speaker {
            return None;
        }
        let j = jaccard(&x.skeletons, &y.skeletons);
        let (place, offset) = placement(links, x, y);
        (place > 0 || j >= 0.15).then_some((place, -(offset.min(1000) as i64), j))
    };
    // two quotes go together when each is the other's best counterpart in its article
    let mut best: HashMap<(usize, ArticleId), usize> = HashMap::default();
    // each article's quotes, in order: a quote is compared with those of each other article
    let mut of_article: HashMap<ArticleId, Vec<usize>> = HashMap::default();
    for (xi, x) in all.iter().enumerate() {
        of_article.entry(x.article.id).or_default().push(xi);
    }
    for (yi, y) in all.iter().enumerate() {
        for a in articles {
            if a.id == y.article.id {
                continue;
            }
            let Some(theirs) = of_article.get(&a.id) else {
                continue;
            };
            let found = theirs
                .iter()
                .map(|&xi| (xi, &all[xi]))
                .filter_map(|(xi, x)| matches(x, y).map(|m| (xi, m)))
                .max_by(|p, q| {
                    p.1 .0
                        .cmp(&q.1 .0)
                        .then(p.1 .1.cmp(&q.1 .1))
                        .then(p.1 .2.total_cmp(&q.1 .2))
                        .then(q.0.cmp(&p.0))
                });
            if let Some((xi, _)) = found {
                best.insert((yi, a.id), xi);
            }
        }
    }
    let mut edges: Vec<(usize, usize)> = best
        .iter()
        .filter(|((yi, _), xi)| best.get(&(**xi, all[*yi].article.id)) == Some(yi))
        .map(|((yi, _), xi)| (*xi.min(yi), *xi.max(yi)))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let roots = connected(all.len(), edges);
    let mut sizes: HashMap<usize, usize> = HashMap::default();
    for r in &roots {
        *sizes.entry(*r).or_default() += 1;
    }
    let mut out: Vec<SharedQuote> = Vec::new();
    let mut seen: HashMap<usize, usize> = HashMap::default();
    for i in 0..all.len() {
        let r = roots[i];
        if sizes.get(&r).copied().unwrap_or(0) < 2 {
            continue;
        }
        let q = &all[i].article.quotes[all[i].index];
        let version = QuoteVersion {
            article: all[i].article.id,
            language: all[i].article.language,
            text: q.text.clone(),
            start: q.start,
            end: q.end,
        };
        let name = q.speaker_name.clone().or_else(|| q.speaker_text.clone());
        match seen.get(&r) {
            Some(k) => {
                // show the speaker in Latin script when a version writes it so
                let latin = |n: &Option<String>| {
                    n.as_deref()
                        .is_some_and(|n| n.chars().any(|c| c.is_ascii_alphabetic()))
                };
                if !latin(&out[*k].speaker) && latin(&name) {
                    out[*k].speaker = name;
                }
                out[*k].versions.push(version)
            }
            None => {
                seen.insert(r, out.len());
                out.push(SharedQuote {
                    speaker: name,
                    versions: vec![version],
                });
            }
        }
    }
    out
}

/// A quote with what it is matched by: its speaker's key, its stems and skeletons, and the
/// paragraph it sits in.
struct Q<'a> {
    article: &'a Analysis,
    index: usize,
    speaker: Option<Key>,
    stems: Vec<String>,
    skeletons: Vec<Key>,
    paragraph: Option<usize>,
}

/// The quotes of the articles, keyed for matching.
fn quote_keys<'a>(articles: &[&'a Analysis], keys: &HashMap<EntityId, Key>) -> Vec<Q<'a>> {
    let mut all: Vec<Q<'a>> = Vec::new();
    // skeletons match quotes across languages only: a story in one language needs none
    let languages: HashSet<Option<Lang>> = articles.iter().map(|a| a.language).collect();
    let across_languages = languages.len() > 1;
    for a in articles {
        for (index, q) in a.quotes.iter().enumerate() {
            let speaker = q.speaker_mention.and_then(|span| {
                a.entities
                    .iter()
                    .find(|m| m.start == span.start && m.end == span.end)
                    .and_then(|m| {
                        m.entity
                            .and_then(|id| keys.get(&id).copied())
                            .or_else(|| mention_key(m))
                    })
            });
            let paragraph = a
                .paragraphs
                .iter()
                .position(|p| p.start <= q.start && q.start < p.end.max(p.start + 1));
            all.push(Q {
                article: a,
                index,
                speaker,
                stems: stems(&q.text),
                skeletons: if across_languages {
                    skeletons(&q.text)
                } else {
                    Vec::new()
                },
                paragraph,
            });
        }
    }
    all
}

/// Where two quotes sit relative to a version link's aligned paragraphs: 2 = in aligned
/// paragraphs, 1 = between the same aligned pairs (no aligned pair crosses them), 0 = not;
/// with how far apart their paragraphs are from the aligned pair before them.
fn placement(links: &[&Link], x: &Q<'_>, y: &Q<'_>) -> (u8, usize) {
    let (Some(i), Some(j)) = (x.paragraph, y.paragraph) else {
        return (0, usize::MAX);
    };
    let mut best = (0, usize::MAX);
    for l in links {
        let pairs: Vec<(usize, usize)> = if l.a == x.article.id && l.b == y.article.id {
            l.aligned.iter().map(|p| (p.a, p.b)).collect()
        } else if l.b == x.article.id && l.a == y.article.id {
            l.aligned.iter().map(|p| (p.b, p.a)).collect()
        } else {
            continue;
        };
        if pairs.contains(&(i, j)) {
            return (2, 0);
        }
        let crossing = pairs
            .iter()
            .any(|(pa, pb)| (*pa < i && *pb >= j) || (*pa >= i && *pb < j));
        if !crossing {
            let (pa, pb) = pairs
                .iter()
                .rev()
                .find(|(pa, pb)| *pa < i && *pb < j)
                .copied()
                .unwrap_or((0, 0));
            let offset = (i - pa).abs_diff(j - pb);
            if best.0 < 1 || offset < best.1 {
                best = (1, offset);
            }
        }
    }
    best
}

/// The component of each of `n` items joined by `edges` (its smallest member), in item order.
fn connected(n: usize, edges: Vec<(usize, usize)>) -> Vec<usize> {
    let mut group: Vec<usize> = (0..n).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for (i, j) in edges {
        let (ri, rj) = (root(&mut group, i), root(&mut group, j));
        if ri != rj {
            group[rj.max(ri)] = rj.min(ri);
        }
    }
    (0..n).map(|i| root(&mut group, i)).collect()
}
