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
        } else if copy >= 0.3 || (alignment.coverage >= 0.6 && mean >= 0.5 && worded_alike) {
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
mod tests {
    use super::*;

    /// The merge gives what sorting the two lists together gives.
    #[test]
    fn paragraph_weights_are_the_two_sorted_lists_merged() {
        let df = DocFreq::new();
        let keys = |seed: u64, n: u64| -> Vec<Key> {
            let mut k: Vec<Key> = (0..n).map(|i| (i * 2_654_435_761 + seed) % 1_000).collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        for (seed, n, m) in [(1, 0, 5), (7, 9, 0), (3, 12, 40), (11, 25, 25)] {
            let words = keys(seed, m);
            let anchors: Vec<Key> = keys(seed + 500, n)
                .into_iter()
                .filter(|a| !words.contains(a))
                .collect();
            let p = ParagraphKeys {
                start: 0,
                end: 1,
                words: words.clone(),
                cognates: Vec::new(),
                anchors: anchors.clone(),
                shingles: Vec::new(),
                quoted: 0,
            };
            let mut expected: Vec<(Key, f32)> =
                anchors.iter().map(|k| (*k, 2.0 * df.idf(*k))).collect();
            expected.extend(words.iter().map(|k| (*k, df.idf(*k))));
            expected.sort_unstable_by_key(|(k, _)| *k);
            assert_eq!(weights(&p, Words::Stems, &df), expected);
            assert_eq!(weights(&p, Words::None, &df).len(), anchors.len());
        }
    }
    use crate::model::{Date, RawArticle};
    use crate::similarity::compare;
    use crate::{analyze, extract};

    // the team's own dispatch, in French and in English, about an invented flood
    const FR: [&str; 4] = [
        "Au moins 14 personnes sont mortes dans les inondations qui ont frappé la ville de Valmont mardi, a annoncé le préfet Henri Castagnet.",
        "Selon la Croix-Rouge, 2 300 habitants ont dû quitter leur maison pendant la nuit et 40 écoles resteront fermées jusqu'à vendredi.",
        "Le maire de Valmont, Odile Ferrand, a demandé l'aide de l'armée pour évacuer les quartiers les plus touchés près de la rivière Lanne.",
        "Météo-France prévoit encore 80 millimètres de pluie mercredi sur la région, où le niveau de la Lanne a atteint 6 mètres.",
    ];
    const EN: [&str; 4] = [
        "At least 14 people died in the floods that hit the town of Valmont on Tuesday, prefect Henri Castagnet announced.",
        "According to the Red Cross, 2,300 residents had to leave their homes during the night and 40 schools will stay closed until Friday.",
        "The mayor of Valmont, Odile Ferrand, asked the army for help to evacuate the worst-hit districts near the Lanne river.",
        "Météo-France expects another 80 millimetres of rain on Wednesday over the region, where the Lanne reached 6 metres.",
    ];

    fn profile(title: &str, paragraphs: &[&str], date: &str) -> Profile {
        let mut a = analyze(&RawArticle {
            source: title.into(),
            title: title.into(),
            body: paragraphs.join("\n\n"),
            published: Date::parse_iso(date),
            ..RawArticle::default()
        });
        extract(&mut a);
        Profile::of(&a, None)
    }

    fn linked(a: &Profile, b: &Profile) -> Option<Link> {
        let mut df = DocFreq::new();
        df.add(a);
        df.add(b);
        link(a, b, &compare(a, b, &df), &df)
    }

    #[test]
    fn paragraph_similarities_are_the_pairwise_cosines_to_the_bit() {
        let fr = profile("Inondations à Valmont", &FR, "2026-03-03");
        let en = profile("Floods in Valmont", &EN, "2026-03-03");
        let cut = profile("Valmont", &[FR[3], FR[0], "Partager"], "2026-03-04");
        let mut df = DocFreq::new();
        for p in [&fr, &en, &cut] {
            df.add(p);
        }
        // the merge of two sorted lists, summed as the index sums them
        let merged = |(p, x): (&ParagraphKeys, &[(Key, f32)]),
                      (q, y): (&ParagraphKeys, &[(Key, f32)])|
         -> f64 {
            if !substantial(p, x) || !substantial(q, y) {
                return 0.0;
            }
            let (nx, ny) = (norm(x), norm(y));
            if nx == 0.0 || ny == 0.0 {
                return 0.0;
            }
            let dot: f64 = crate::similarity::shared_weights(x, y)
                .map(|(_, w)| f64::from(w))
                .sum();
            (dot / (nx * ny)).clamp(0.0, 1.0)
        };
        for (a, b, words) in [
            (&fr, &en, Words::Cognates),
            (&fr, &cut, Words::Stems),
            (&cut, &fr, Words::Stems),
        ] {
            let wa: Vec<_> = a
                .paragraphs
                .iter()
                .map(|p| weights(p, words, &df))
                .collect();
            let wb: Vec<_> = b
                .paragraphs
                .iter()
                .map(|p| weights(p, words, &df))
                .collect();
            let wa = Weighed::new(&a.paragraphs, wa);
            let ok_b: Vec<bool> = b
                .paragraphs
                .iter()
                .zip(&wb)
                .map(|(p, w)| substantial(p, w))
                .collect();
            let sim = similarities(&wa, &wb, &ok_b);
            let mut shared = 0;
            for (i, x) in wa.weights.iter().enumerate() {
                for (j, y) in wb.iter().enumerate() {
                    let m = merged((&a.paragraphs[i], x), (&b.paragraphs[j], y));
                    assert_eq!(sim[i][j].to_bits(), m.to_bits(), "{i} {j}");
                    shared += usize::from(sim[i][j] > 0.0);
                }
            }
            assert!(shared >= 2, "paragraphs of one dispatch share words");
        }
    }

    #[test]
    fn a_cut_version_aligns_in_order_and_says_what_the_longer_adds() {
        let full = profile("Inondations à Valmont", &FR, "2026-03-03");
        let cut = profile(
            "Inondations meurtrières à Valmont",
            &[FR[0], FR[1], FR[3]],
            "2026-03-03",
        );
        let l = linked(&full, &cut).expect("a version");
        assert!(
            matches!(l.kind, LinkKind::Version | LinkKind::Duplicate),
            "{l:?}"
        );
        let pairs: Vec<(usize, usize)> = l.aligned.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, [(0, 0), (1, 1), (3, 2)], "{l:#?}");
        // what the full version adds is the mayor's paragraph, pointed at by its offsets
        assert_eq!(l.a_adds.len(), 1, "{l:#?}");
        assert!(l.b_adds.is_empty(), "{l:#?}");
        assert!(l.evidence.iter().any(|e| e.signal == "alignment"));
    }

    // the Valmont flood written up by another reporter: the same facts, names, numbers and
    // quoted statement, in words of their own
    const EN_OTHER: [&str; 4] = [
        "Floods killed at least 14 people in Valmont on Tuesday, according to prefect Henri Castagnet, who said: \"The river rose faster than anyone expected.\"",
        "Some 2,300 people left their houses overnight, the Red Cross said, and 40 schools are shut until Friday.",
        "Odile Ferrand, Valmont's mayor, has called in the army to move people out of the districts by the Lanne river that suffered most.",
        "Forecasters at Météo-France see 80 millimetres more rain falling on Wednesday; the Lanne already stands at 6 metres.",
    ];

    #[test]
    fn two_reporters_on_one_event_are_no_version_an_edited_copy_is() {
        let mut en = EN.to_vec();
        en[0] = "At least 14 people died in the floods that hit the town of Valmont on Tuesday, prefect Henri Castagnet announced. \"The river rose faster than anyone expected.\"";
        let wire = profile("Floods in Valmont", &en, "2026-03-03");
        let other = profile("Deadly floods in Valmont", &EN_OTHER, "2026-03-03");
        // the same facts in one language align paragraph by paragraph, but share no wording
        // beyond the statement both quote
        if let Some(l) = linked(&wire, &other) {
            panic!("two write-ups of one event linked as {:?}: {l:#?}", l.kind);
        }
        // the dispatch as a second site ran it: a word changed here and there, a paragraph cut
        let edited = profile(
            "Floods kill 14 in Valmont",
            &[
                "At least 14 people died in the floods that struck the town of Valmont on Tuesday, prefect Henri Castagnet announced.",
                "According to the Red Cross, 2,300 residents had to leave their homes during the night and 40 schools will remain closed until Friday.",
                "Météo-France expects another 80 millimetres of rain on Wednesday over the region, where the Lanne reached 6 metres.",
            ],
            "2026-03-03",
        );
        let l = linked(&wire, &edited).expect("an edited copy is a version");
        assert_eq!(l.kind, LinkKind::Version, "{l:#?}");
        let alignment = l.evidence.iter().find(|e| e.signal == "alignment");
        assert!(
            alignment.is_some_and(|e| e.detail.contains("worded alike")),
            "{l:#?}"
        );
    }

    #[test]
    fn a_quoted_paragraph_aligns_across_scripts_by_its_speaker_and_quotation() {
        let en = profile(
            "Fishermen block Port Alvar",
            &[
                "Fishermen in Port Alvar blocked the harbour on Monday, demanding that the ministry withdraw the new quotas, said the union leader Marta Kessel.",
                "\"We will not leave the harbour until the quotas are gone,\" Kessel said.",
                "The ministry said 40 boats took part and that talks would resume on Thursday in Varnholm.",
            ],
            "2026-05-04",
        );
        let ru = profile(
            "Рыбаки перекрыли Порт-Альвар",
            &[
                "Рыбаки в Порт-Альваре в понедельник перекрыли гавань, требуя от министерства отменить новые квоты, сообщила глава профсоюза Марта Кессель.",
                "«Мы не уйдём из гавани, пока квоты не отменят», — сказала Кессель.",
                "В министерстве сообщили, что в акции участвовали 40 судов и что переговоры возобновятся в четверг в Варнхольме.",
            ],
            "2026-05-04",
        );
        let mut df = DocFreq::new();
        df.add(&en);
        df.add(&ru);
        let al = align(&en, &ru, &df);
        let by_content: Vec<(usize, usize)> = al
            .pairs
            .iter()
            .filter(|p| p.basis == "content")
            .map(|p| (p.a, p.b))
            .collect();
        // the quotation's paragraph names only the speaker: her name and her quoted words are
        // its evidence
        assert!(by_content.contains(&(1, 1)), "{al:#?}");
        assert_eq!(by_content, [(0, 0), (1, 1), (2, 2)], "{al:#?}");
    }

    #[test]
    fn the_same_text_twice_is_a_duplicate() {
        let a = profile("Inondations à Valmont", &FR, "2026-03-03");
        // the same dispatch as another site shows it, with its share buttons
        let mut shared = FR.to_vec();
        shared.push("Partager sur Facebook");
        let b = profile("Inondations à Valmont", &shared, "2026-03-03");
        let l = linked(&a, &b).expect("a duplicate");
        assert_eq!(l.kind, LinkKind::Duplicate, "{l:?}");
        assert_eq!(l.aligned.len(), 4);
    }

    #[test]
    fn a_translation_is_found_by_its_names_and_numbers() {
        let fr = profile("Inondations à Valmont", &FR, "2026-03-03");
        let en = profile("Floods in Valmont", &EN, "2026-03-03");
        let l = linked(&fr, &en).expect("a translation");
        assert_eq!(l.kind, LinkKind::Translation, "{l:#?}");
        let pairs: Vec<(usize, usize)> = l.aligned.iter().map(|p| (p.a, p.b)).collect();
        assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        assert!(l.aligned.len() >= 3, "{l:#?}");
    }

    #[test]
    fn other_news_and_old_news_are_no_version() {
        let flood = profile("Inondations à Valmont", &FR, "2026-03-03");
        let other = profile(
            "Un nouveau pont à Corvières",
            &[
                "Le conseil régional a voté mardi la construction d'un pont de 420 mètres sur le fleuve Arbe, pour un coût de 35 millions d'euros.",
                "Les travaux commenceront en septembre et dureront trois ans, selon la présidente de la région, Claire Montbrun.",
                "Les associations de riverains craignent le bruit et demandent une étude d'impact indépendante.",
            ],
            "2026-03-03",
        );
        assert!(linked(&flood, &other).is_none());
        // the same words a year later are a re-publication, not a version
        let a_year_later = profile("Inondations à Valmont", &FR, "2027-03-03");
        assert!(linked(&flood, &a_year_later).is_none());
    }
}
