//! Versions of one dispatch: near-duplicates, rewrites and translations, with their paragraphs
//! aligned and what each has that the other lacks.
//!
//! Paragraphs are compared by what survives a translation — the actors and the numbers they
//! mention (anchors) — and, within one language, their word stems; across scripts, their
//! cognate skeletons. A monotone alignment (paragraphs keep their order in a translation; a
//! version may drop or add some) is found by dynamic programming. Two articles are versions of
//! one dispatch when most paragraphs of the shorter one find their counterpart.

use serde::Serialize;

use crate::model::{ArticleId, Span};
use crate::similarity::{
    norm, wording_shared, DocFreq, Evidence, Key, ParagraphKeys, Profile, Similarity,
};

/// What kind of link two articles have.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Serialize,
    serde::Deserialize,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// The same text, give or take furniture and a few words.
    Duplicate,
    /// The same dispatch in one language, rewritten, cut or extended.
    Version,
    /// The same dispatch in another language.
    Translation,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Duplicate => "duplicate",
            LinkKind::Version => "version",
            LinkKind::Translation => "translation",
        }
    }
}

/// Two paragraphs that say the same thing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AlignedPair {
    /// Paragraph indices in each article.
    pub a: usize,
    pub b: usize,
    /// Byte offsets in each article's cleaned text.
    pub a_span: Span,
    pub b_span: Span,
    pub score: f64,
    /// "content" (shared names, numbers, words) or "position" (between two aligned pairs, as
    /// many paragraphs on each side, of matching lengths).
    pub basis: &'static str,
}

/// The alignment of two articles' paragraphs.
impl<'de> serde::Deserialize<'de> for AlignedPair {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Stored {
            a: usize,
            b: usize,
            a_span: Span,
            b_span: Span,
            score: f64,
            basis: String,
        }
        let raw = Stored::deserialize(deserializer)?;
        let basis = match raw.basis.as_str() {
            "content" => "content",
            "position" => "position",
            other => {
                return Err(serde::de::Error::custom(format!(
                    "unknown alignment basis {other:?}"
                )))
            }
        };
        Ok(AlignedPair {
            a: raw.a,
            b: raw.b,
            a_span: raw.a_span,
            b_span: raw.b_span,
            score: raw.score,
            basis,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Alignment {
    pub pairs: Vec<AlignedPair>,
    /// Paragraphs of `a` with no counterpart in `b` (what `a` adds), as indices.
    pub only_a: Vec<usize>,
    /// Paragraphs of `b` with no counterpart in `a`.
    pub only_b: Vec<usize>,
    /// Aligned share of the paragraphs of the article with fewer substantial paragraphs.
    pub coverage: f64,
}

/// A link between two articles of a story.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Link {
    pub kind: LinkKind,
    pub a: ArticleId,
    pub b: ArticleId,
    pub score: f64,
    pub evidence: Vec<Evidence>,
    pub aligned: Vec<AlignedPair>,
    /// Paragraph spans (cleaned-text offsets) of `a` that `b` lacks, and of `b` that `a` lacks.
    pub a_adds: Vec<Span>,
    pub b_adds: Vec<Span>,
}

impl Link {
    /// The article at the other end from `article`, when the link holds it.
    pub fn other(&self, article: ArticleId) -> Option<ArticleId> {
        if self.a == article {
            Some(self.b)
        } else if self.b == article {
            Some(self.a)
        } else {
            None
        }
    }

    /// What a date taken through this link rests on: "the date of its translation ID (SOURCE)".
    pub fn date_evidence(&self, from: ArticleId, from_source: &str) -> String {
        format!(
            "the date of its {} {from} ({from_source})",
            self.kind.as_str()
        )
    }
}

/// Keys a paragraph needs before its similarity counts (a one-word line is no evidence); two
/// when one of them is a quotation and its speaker.
const SUBSTANTIAL: usize = 3;

/// Whether a paragraph, by its weighted keys, carries enough evidence to be compared.
fn substantial(p: &ParagraphKeys, w: &[(Key, f32)]) -> bool {
    w.len() >= SUBSTANTIAL || (p.quoted > 0 && w.len() >= 2)
}

/// Bytes a paragraph needs to count in coverage and in what a version adds.
const SUBSTANTIAL_BYTES: usize = 60;

/// A paragraph of a sentence or more (a dateline or a one-word line is not).
fn is_long(p: &ParagraphKeys) -> bool {
    p.end - p.start >= SUBSTANTIAL_BYTES
}

/// Least similarity for two paragraphs to be aligned.
const PAIR_MIN: f64 = 0.2;
/// Share of the shorter paragraph's word triples the other must have for the two to share
/// their wording ([`wording_shared`]).
const WORDED: f64 = 0.5;

/// Which words of a paragraph count besides its anchors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Words {
    /// One language: the stems.
    Stems,
    /// Two languages, one script: the cognate skeletons.
    Cognates,
    /// Two scripts: skeletons of common words meet by chance; anchors only.
    None,
}

/// A paragraph's anchors (twice their IDF) and words (their IDF), sorted by key: the two lists
/// are sorted already, so they are merged. A key in both — a 64-bit hash of a name or number
/// equal to one of a word, never seen — keeps its anchor's weight.
fn weights(p: &ParagraphKeys, words: Words, df: &DocFreq) -> Vec<(Key, f32)> {
    let text: &[Key] = match words {
        Words::Stems => &p.words,
        Words::Cognates => &p.cognates,
        Words::None => &[],
    };
    let anchors = &p.anchors;
    let mut v: Vec<(Key, f32)> = Vec::with_capacity(anchors.len() + text.len());
    let (mut i, mut j) = (0, 0);
    while i < anchors.len() || j < text.len() {
        let anchor = anchors.get(i).copied();
        let word = text.get(j).copied();
        match (anchor, word) {
            (Some(a), Some(w)) if w < a => {
                v.push((w, df.idf(w)));
                j += 1;
            }
            (Some(a), w) => {
                v.push((a, 2.0 * df.idf(a)));
                i += 1;
                if w == Some(a) {
                    j += 1;
                }
            }
            (None, Some(w)) => {
                v.push((w, df.idf(w)));
                j += 1;
            }
            (None, None) => break,
        }
    }
    v
}

/// The cosine of every paragraph of one article with every paragraph of the other (0 where
/// either is a one-line paragraph: a dateline, a caption is no evidence of a correspondence).
/// The products are summed through an index of the first article's keys, in the order of the
/// second's: the sums of a pairwise merge, without walking the pairs that share nothing.
fn similarities(wa: &Weighed, wb: &[Vec<(Key, f32)>], ok_b: &[bool]) -> Vec<Vec<f64>> {
    let (postings, na, ok_a) = (&wa.postings, &wa.norms, &wa.ok);
    let wa = &wa.weights;
    let mut sim = vec![vec![0.0; wb.len()]; wa.len()];
    // -0.0, the start of a float sum: a pair sharing nothing scores as a merge scored it
    let mut dots = vec![-0.0f64; wa.len()];
    for (j, y) in wb.iter().enumerate().filter(|(j, _)| ok_b[*j]) {
        dots.fill(-0.0);
        for (k, wy) in y {
            for (i, wx) in postings.get(k).into_iter().flatten() {
                dots[*i] += f64::from(wx * wy);
            }
        }
        let ny = norm(y);
        for i in (0..wa.len()).filter(|i| ok_a[*i]) {
            sim[i][j] = if na[i] == 0.0 || ny == 0.0 {
                0.0
            } else {
                (dots[i] / (na[i] * ny)).clamp(0.0, 1.0)
            };
        }
    }
    sim
}

/// Most paragraphs aligned per article (longer articles are aligned on their first ones).
const MAX_PARAGRAPHS: usize = 300;

/// The weighted keys of one article's paragraphs, made once for each kind of words while the
/// article is aligned with several others ([`link_with`]; the document frequencies must not
/// change meanwhile).
#[derive(Default)]
pub struct ParagraphWeights {
    made: [Option<Weighed>; 3],
}

/// A paragraph's keys with their weights, sorted by key.
type KeyWeights = Vec<(Key, f32)>;

/// One article's paragraph weights for one kind of words, with what comparing them with another
/// article's needs, made once: an index of their keys (substantial paragraphs only) and their
/// lengths.
struct Weighed {
    weights: Vec<KeyWeights>,
    postings: crate::lexicon::FxMap<Key, Vec<(usize, f32)>>,
    norms: Vec<f64>,
    /// Which paragraphs are [`substantial`].
    ok: Vec<bool>,
}

impl Weighed {
    fn new(paragraphs: &[ParagraphKeys], weights: Vec<KeyWeights>) -> Weighed {
        let ok: Vec<bool> = paragraphs
            .iter()
            .zip(&weights)
            .map(|(p, w)| substantial(p, w))
            .collect();
        let mut postings: crate::lexicon::FxMap<Key, Vec<(usize, f32)>> = Default::default();
        for (i, x) in weights.iter().enumerate().filter(|(i, _)| ok[*i]) {
            for (k, w) in x {
                postings.entry(*k).or_default().push((i, *w));
            }
        }
        let norms = weights.iter().map(|x| norm(x)).collect();
        Weighed {
            weights,
            postings,
            norms,
            ok,
        }
    }
}

impl ParagraphWeights {
    fn of(&mut self, p: &Profile, words: Words, df: &DocFreq) -> &Weighed {
        self.made[words as usize].get_or_insert_with(|| {
            let paragraphs = &p.paragraphs[..p.paragraphs.len().min(MAX_PARAGRAPHS)];
            Weighed::new(
                paragraphs,
                paragraphs.iter().map(|x| weights(x, words, df)).collect(),
            )
        })
    }
}

/// Aligns the paragraphs of two articles, keeping their order.
pub fn align(a: &Profile, b: &Profile, df: &DocFreq) -> Alignment {
    align_with(a, &mut ParagraphWeights::default(), b, df)
}

/// [`align`], with `a`'s paragraph weights kept in `weights_a` for its next alignment.
fn align_with(
    a: &Profile,
    weights_a: &mut ParagraphWeights,
    b: &Profile,
    df: &DocFreq,
) -> Alignment {
    let script = |p: &Profile| p.lang.map(crate::lang::script_of_lang);
    let words = if a.lang == b.lang {
        Words::Stems
    } else if script(a) == script(b) {
        Words::Cognates
    } else {
        Words::None
    };
    let pa: Vec<_> = a.paragraphs.iter().take(MAX_PARAGRAPHS).collect();
    let pb: Vec<_> = b.paragraphs.iter().take(MAX_PARAGRAPHS).collect();
    let wa = weights_a.of(a, words, df);
    let wb: Vec<_> = pb.iter().map(|p| weights(p, words, df)).collect();
    let ok_b: Vec<bool> = pb.iter().zip(&wb).map(|(p, w)| substantial(p, w)).collect();
    let (n, m) = (pa.len(), pb.len());
    // a one-line paragraph (a dateline, a caption) is no evidence of a correspondence
    let sim = similarities(wa, &wb, &ok_b);
    // best[i][j]: best total over the first i and j paragraphs
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let mut v = best[i - 1][j].max(best[i][j - 1]);
            let s = sim[i - 1][j - 1];
            if s >= PAIR_MIN {
                v = v.max(best[i - 1][j - 1] + s);
            }
            best[i][j] = v;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let s = sim[i - 1][j - 1];
        if s >= PAIR_MIN && (best[i][j] - (best[i - 1][j - 1] + s)).abs() < 1e-12 {
            pairs.push(AlignedPair {
                a: i - 1,
                b: j - 1,
                a_span: Span::new(pa[i - 1].start, pa[i - 1].end),
                b_span: Span::new(pb[j - 1].start, pb[j - 1].end),
                score: s,
                basis: "content",
            });
            i -= 1;
            j -= 1;
        } else if best[i - 1][j] >= best[i][j - 1] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    fill_gaps(&mut pairs, &pa, &pb, &sim);
    // a paragraph of a sentence or more counts in what a version adds
    let only_a: Vec<usize> = (0..n)
        .filter(|i| is_long(pa[*i]) && !pairs.iter().any(|p| p.a == *i))
        .collect();
    let only_b: Vec<usize> = (0..m)
        .filter(|j| is_long(pb[*j]) && !pairs.iter().any(|p| p.b == *j))
        .collect();
    // coverage counts the paragraphs that carry evidence (names, numbers, words to compare):
    // one without any can be neither matched nor missed
    let count_a = wa.ok.iter().filter(|ok| **ok).count();
    let count_b = ok_b.iter().filter(|ok| **ok).count();
    let aligned_a = pairs.iter().filter(|p| wa.ok[p.a]).count();
    let aligned_b = pairs.iter().filter(|p| ok_b[p.b]).count();
    let coverage = if count_a.min(count_b) == 0 {
        0.0
    } else if count_a <= count_b {
        aligned_a as f64 / count_a as f64
    } else {
        aligned_b as f64 / count_b as f64
    };
    Alignment {
        pairs,
        only_a,
        only_b,
        coverage,
    }
}

/// Paragraphs between two aligned pairs, as many on each side (at most three), whose lengths
/// keep the ratio the aligned pairs have, are aligned by position: a translation keeps its
/// paragraphs in order even where they share no name or number.
fn fill_gaps(
    pairs: &mut Vec<AlignedPair>,
    pa: &[&ParagraphKeys],
    pb: &[&ParagraphKeys],
    sim: &[Vec<f64>],
) {
    let len = |p: &ParagraphKeys| (p.end - p.start).max(1) as f64;
    let mut ratios: Vec<f64> = pairs.iter().map(|p| len(pa[p.a]) / len(pb[p.b])).collect();
    if ratios.len() < 2 {
        return;
    }
    ratios.sort_by(f64::total_cmp);
    let typical = ratios[ratios.len() / 2];
    // the gaps: before the first pair, between two pairs, after the last — (first paragraph
    // of the gap on each side, its length on each side)
    let (first, last) = (pairs[0], pairs[pairs.len() - 1]);
    let mut gaps = vec![(0, 0, first.a, first.b)];
    gaps.extend(pairs.windows(2).map(|w| {
        (
            w[0].a + 1,
            w[0].b + 1,
            w[1].a - w[0].a - 1,
            w[1].b - w[0].b - 1,
        )
    }));
    gaps.push((
        last.a + 1,
        last.b + 1,
        pa.len() - 1 - last.a,
        pb.len() - 1 - last.b,
    ));
    let mut filled = Vec::new();
    for (sa, sb, ga, gb) in gaps {
        if ga != gb || ga == 0 || ga > 3 {
            continue;
        }
        let fits = (0..ga).all(|k| {
            let r = len(pa[sa + k]) / len(pb[sb + k]) / typical;
            (0.5..=2.0).contains(&r)
        });
        if fits {
            for k in 0..ga {
                let (i, j) = (sa + k, sb + k);
                filled.push(AlignedPair {
                    a: i,
                    b: j,
                    a_span: Span::new(pa[i].start, pa[i].end),
                    b_span: Span::new(pb[j].start, pb[j].end),
                    score: sim[i][j],
                    basis: "position",
                });
            }
        }
    }
    pairs.extend(filled);
    pairs.sort_by_key(|p| (p.a, p.b));
}

/// The share of the long paragraphs (a sentence or more) of the article with fewer of them that
/// the alignment pairs with a paragraph of the other, by content or by position: a translation
/// carries the whole text over. 0 when the shorter has fewer than three.
fn aligned_long_share(a: &Profile, b: &Profile, alignment: &Alignment) -> f64 {
    let count = |p: &Profile| {
        p.paragraphs
            .iter()
            .take(MAX_PARAGRAPHS)
            .filter(|x| is_long(x))
            .count()
    };
    let (na, nb) = (count(a), count(b));
    let aligned = |side: &Profile, pick: fn(&AlignedPair) -> usize| {
        alignment
            .pairs
            .iter()
            .filter(|p| side.paragraphs.get(pick(p)).is_some_and(is_long))
            .count()
    };
    let (shorter, aligned) = if na <= nb {
        (na, aligned(a, |p| p.a))
    } else {
        (nb, aligned(b, |p| p.b))
    };
    // two short paragraphs that name the same people are two short reports as often as one
    // report translated: a translation by its coverage needs three
    if shorter < 3 {
        0.0
    } else {
        aligned as f64 / shorter as f64
    }
}

/// Share of copied text that makes two articles in one language versions of one dispatch
/// whatever their alignment.
const COPY_VERSION: f64 = 0.3;

/// The wording of an article's long paragraphs: the union of their word-triple sketches,
/// sorted. Made once while the article is compared with several others ([`Wording::may_link`]).
pub struct Wording<'a> {
    long: Vec<&'a ParagraphKeys>,
    /// every word triple of the long paragraphs with the paragraph (in `long`) that has it,
    /// sorted
    keys: Vec<(Key, u32)>,
}

impl<'a> Wording<'a> {
    pub fn of(a: &'a Profile) -> Wording<'a> {
        let long: Vec<&ParagraphKeys> = a
            .paragraphs
            .iter()
            .take(MAX_PARAGRAPHS)
            .filter(|p| is_long(p))
            .collect();
        let mut keys: Vec<(Key, u32)> = long
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.shingles.iter().map(move |k| (*k, i as u32)))
            .collect();
        keys.sort_unstable();
        Wording { long, keys }
    }

    /// False when [`link_with`] of this article with `b` cannot find a link, whatever their
    /// alignment: apart by more than a month, or in one language, not near-copies, and no long
    /// paragraph of one shares its wording with a long paragraph of the other (a version then
    /// needs an aligned pair of such paragraphs). Exact, and cheaper than the alignment it
    /// spares: only the pairs of paragraphs that share a word triple are compared.
    pub fn may_link(&self, b: &Profile, s: &crate::similarity::Signals) -> bool {
        if s.days_apart.is_some_and(|d| d > 31) {
            return false;
        }
        if !s.same_language || s.copy >= COPY_VERSION {
            return true;
        }
        let mut met: Vec<u32> = Vec::new();
        for y in b
            .paragraphs
            .iter()
            .take(MAX_PARAGRAPHS)
            .filter(|y| is_long(y))
        {
            met.clear();
            for k in &y.shingles {
                let from = self.keys.partition_point(|(key, _)| key < k);
                met.extend(
                    self.keys[from..]
                        .iter()
                        .take_while(|(key, _)| key == k)
                        .map(|(_, i)| *i),
                );
            }
            met.sort_unstable();
            met.dedup();
            if met
                .iter()
                .any(|i| wording_shared(self.long[*i as usize], y) >= WORDED)
            {
                return true;
            }
        }
        false
    }
}

/// Decides whether two articles are versions of one dispatch, and which kind. `similarity` is
/// their comparison (see [`crate::similarity::compare`]).
pub fn link(a: &Profile, b: &Profile, similarity: &Similarity, df: &DocFreq) -> Option<Link> {
    link_with(a, &mut ParagraphWeights::default(), b, similarity, df)
}

/// [`link`] of one article `a` with several others in turn: its paragraph weights are made once.
pub fn link_with(
    a: &Profile,
    weights_a: &mut ParagraphWeights,
    b: &Profile,
    similarity: &Similarity,
    df: &DocFreq,
) -> Option<Link> {
    let s = &similarity.signals;
    let copy = s.copy;
    // far apart in time, the same words are a re-publication, not a version
    if s.days_apart.is_some_and(|d| d > 31) {
        return None;
    }
    let alignment = align_with(a, weights_a, b, df);
    let by_content: Vec<f64> = alignment
        .pairs
        .iter()
        .filter(|p| p.basis == "content")
        .map(|p| p.score)
        .collect();
    let mean = if by_content.is_empty() {
        0.0
    } else {
        by_content.iter().sum::<f64>() / by_content.len() as f64
    };
    // paragraphs of a sentence or more that share their wording, not only their facts: two
    // reporters writing up one event share names, numbers and words; a version of one
    // dispatch shares runs of words in most of the paragraphs that correspond
    let (mut long_pairs, mut worded) = (0usize, 0usize);
    for p in alignment.pairs.iter().filter(|p| p.basis == "content") {
        if let (Some(x), Some(y)) = (a.paragraphs.get(p.a), b.paragraphs.get(p.b)) {
            if is_long(x) && is_long(y) {
                long_pairs += 1;
                if wording_shared(x, y) >= WORDED {
                    worded += 1;
                }
            }
        }
    }
    let worded_alike = worded > 0 && worded >= long_pairs.min(2) && 2 * worded >= long_pairs;
    let kind = if s.same_language {
        if copy >= 0.9 {
            LinkKind::Duplicate
        } else if copy >= COPY_VERSION || (alignment.coverage >= 0.6 && mean >= 0.5 && worded_alike)
        {
            LinkKind::Version
        } else {
            return None;
        }
    } else if mean >= 0.38
        && ((by_content.len() >= 3 && alignment.coverage >= 0.4)
            || (by_content.len() >= 2 && aligned_long_share(a, b, &alignment) >= 0.8))
    {
        LinkKind::Translation
    } else {
        return None;
    };
    let mut evidence = similarity.evidence.clone();
    evidence.push(Evidence {
        signal: "alignment",
        value: alignment.coverage,
        detail: format!(
            "{} paragraphs aligned in order, {} by shared content ({:.0}% of the shorter article), {}mean paragraph similarity {:.2}",
            alignment.pairs.len(),
            by_content.len(),
            alignment.coverage * 100.0,
            // wording is shared within one language only
            if s.same_language {
                format!("{worded} of {long_pairs} long ones worded alike, ")
            } else {
                String::new()
            },
            mean
        ),
    });
    let spans = |paragraphs: &[ParagraphKeys], indices: &[usize]| -> Vec<Span> {
        indices
            .iter()
            .filter_map(|i| paragraphs.get(*i))
            .map(|p| Span::new(p.start, p.end))
            .collect()
    };
    Some(Link {
        kind,
        a: a.id,
        b: b.id,
        score: similarity.score.max(alignment.coverage * mean.sqrt()),
        evidence,
        a_adds: spans(&a.paragraphs, &alignment.only_a),
        b_adds: spans(&b.paragraphs, &alignment.only_b),
        aligned: alignment.pairs,
    })
}

#[cfg(test)]
mod tests;
