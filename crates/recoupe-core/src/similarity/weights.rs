//! Document frequencies and the weighted signals of a pair of profiles: names, words, cognates, numbers, days, copy; how they combine into one score, and the evidence in words.

use super::*;

/// Document frequencies of the keys of a corpus, for weighting rare words and names above
/// common ones. Grows as articles arrive; a corpus of one or two articles weighs all alike.
#[derive(Clone, Debug, Default)]
pub struct DocFreq {
    pub(crate) docs: u32,
    pub(crate) df: KeyMap<u32>,
    /// Documents assumed seen before the first one, none with any key (see
    /// [`DocFreq::with_prior`]).
    pub(crate) prior: u32,
}

/// A map keyed by [`Key`]s, which are hashes already: FxHash mixes them in one multiply.
pub type KeyMap<V> = crate::lexicon::FxMap<Key, V>;

/// A profile's word, cognate and actor lists weighted by IDF and scaled to unit length, so that
/// a cosine is one merge of two lists: made once per article when it is compared with many.
#[derive(Clone, Debug, Default)]
pub struct Weighted {
    pub(crate) terms: Vec<(Key, f32)>,
    pub(crate) cognates: Vec<(Key, f32)>,
    pub(crate) names: Vec<(Key, f32)>,
}

impl Weighted {
    pub fn of(profile: &Profile, df: &DocFreq) -> Weighted {
        let unit = |list: &[(Key, f32)]| {
            let mut w = weighted(list, df);
            let norm = w
                .iter()
                .map(|(_, x)| f64::from(*x).powi(2))
                .sum::<f64>()
                .sqrt();
            if norm > 0.0 {
                for (_, x) in &mut w {
                    *x = (f64::from(*x) / norm) as f32;
                }
            }
            w
        };
        Weighted {
            terms: unit(&profile.terms),
            cognates: unit(&profile.cognates),
            names: unit(&profile.names),
        }
    }
}

/// Cosine of two unit-length lists sorted by key.
pub(super) fn unit_cosine(a: &[(Key, f32)], b: &[(Key, f32)]) -> f64 {
    shared_weights(a, b)
        .map(|(_, w)| f64::from(w))
        .sum::<f64>()
        .clamp(0.0, 1.0)
}

impl DocFreq {
    pub fn new() -> DocFreq {
        DocFreq::default()
    }

    /// Counts one article's keys.
    pub fn add(&mut self, profile: &Profile) {
        self.docs += 1;
        for (key, _) in profile
            .terms
            .iter()
            .chain(&profile.cognates)
            .chain(&profile.names)
        {
            *self.df.entry(*key).or_default() += 1;
        }
    }

    /// Document frequencies for a stream that starts empty: `prior` documents are assumed seen,
    /// none with any key, so that in the first articles of a store a name seen in two of them
    /// is not taken for a common one (with three articles seen, everything looks common). The
    /// prior fades as articles arrive: after 10 × `prior`, it changes an IDF by a few percent.
    pub fn with_prior(prior: u32) -> DocFreq {
        DocFreq {
            prior,
            ..DocFreq::default()
        }
    }

    pub fn docs(&self) -> u32 {
        self.docs
    }

    pub(super) fn n(&self) -> f32 {
        self.docs as f32 + self.prior as f32
    }

    /// The IDF of a key never seen: the most any key weighs.
    pub fn rarest(&self) -> f32 {
        (self.n() + 1.0).ln() + 1.0
    }

    /// Inverse document frequency, smoothed: unseen keys weigh the most.
    pub fn idf(&self, key: Key) -> f32 {
        let df = self.df.get(&key).copied().unwrap_or(0) as f32;
        ((self.n() + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

/// The signals of one comparison, each in [0, 1].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Signals {
    /// Cosine of the content-word stems, TF-IDF weighted (across languages, names, numbers and
    /// shared stems still meet).
    pub words: f64,
    /// Cosine of the cognate skeletons (any languages).
    pub cognates: f64,
    /// Cosine of the actors, IDF weighted.
    pub names: f64,
    /// Share of the numbers of the article with fewer numbers that the other has too.
    pub numbers: f64,
    /// Share of the mentioned days in common.
    pub days: f64,
    /// Estimated Jaccard similarity of the word triples (same language): near-copies.
    pub copy: f64,
    /// Days between the two publication dates, when both are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_apart: Option<i64>,
    /// Both articles are in the same language (or both undetected).
    pub same_language: bool,
    /// Both articles are written in the same script.
    pub same_script: bool,
    /// Cosine of the embeddings, when both articles have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedding: Option<f64>,
}

/// Why two articles were found alike: one line per signal that counted.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Evidence {
    /// "names", "words", "cognates", "numbers", "days", "copy", "time", "embedding"
    pub signal: &'static str,
    /// The signal's value in [0, 1] (for "time": the discount applied).
    pub value: f64,
    pub detail: String,
}

/// Evidence as read back from JSON: the signal's name must be one this version writes.
#[derive(Deserialize)]
pub(super) struct StoredEvidence {
    pub(super) signal: String,
    pub(super) value: f64,
    pub(super) detail: String,
}

pub(super) const SIGNAL_NAMES: &[&str] = &[
    "names",
    "words",
    "cognates",
    "numbers",
    "days",
    "copy",
    "time",
    "embedding",
    // written by versions::link
    "alignment",
];

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = StoredEvidence::deserialize(deserializer)?;
        let signal = SIGNAL_NAMES
            .iter()
            .find(|s| **s == raw.signal)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown signal {:?}", raw.signal)))?;
        Ok(Evidence {
            signal,
            value: raw.value,
            detail: raw.detail,
        })
    }
}

/// A comparison: the score, the signals and the evidence in words.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Similarity {
    pub score: f64,
    pub signals: Signals,
    pub evidence: Vec<Evidence>,
}

pub(super) fn weighted(a: &[(Key, f32)], df: &DocFreq) -> Vec<(Key, f32)> {
    a.iter()
        .map(|(k, n)| (*k, (1.0 + n.ln()) * df.idf(*k)))
        .collect()
}

/// The Euclidean length of a weighted list.
pub(crate) fn norm(v: &[(Key, f32)]) -> f64 {
    v.iter()
        .map(|(_, w)| f64::from(*w).powi(2))
        .sum::<f64>()
        .sqrt()
}

/// The keys two sorted lists share, with the product of their weights.
pub(crate) fn shared_weights<'a>(
    a: &'a [(Key, f32)],
    b: &'a [(Key, f32)],
) -> impl Iterator<Item = (Key, f32)> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let shared = (a[i].0, a[i].1 * b[j].1);
                    i += 1;
                    j += 1;
                    return Some(shared);
                }
            }
        }
        None
    })
}

/// The shared keys of two profiles' lists, heaviest first (for evidence).
pub(super) fn heaviest_shared(a: &[(Key, f32)], b: &[(Key, f32)], df: &DocFreq) -> Vec<(Key, f32)> {
    let (wa, wb) = (weighted(a, df), weighted(b, df));
    let mut shared: Vec<(Key, f32)> = shared_weights(&wa, &wb).collect();
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    shared
}

/// The items two sorted lists share, in order.
pub(crate) fn shared_sorted<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Share of the smaller set found in the other, shrunk towards zero for tiny sets (one shared
/// number out of one is weak evidence).
pub(super) fn overlap(shared: usize, a: usize, b: usize) -> f64 {
    let smaller = a.min(b);
    if smaller == 0 {
        return 0.0;
    }
    shared as f64 / (smaller as f64 + 2.0)
}

/// Estimated Jaccard similarity of the word triples of two articles in one language (0 across
/// languages): the `copy` signal alone, cheap (64 comparisons).
pub fn copy(a: &Profile, b: &Profile) -> f64 {
    if a.lang == b.lang && !a.minhash.is_empty() && a.minhash.len() == b.minhash.len() {
        let equal = a
            .minhash
            .iter()
            .zip(&b.minhash)
            .filter(|(x, y)| x == y)
            .count();
        equal as f64 / a.minhash.len() as f64
    } else {
        0.0
    }
}

/// Compares two profiles, signal by signal.
pub fn signals(a: &Profile, b: &Profile, df: &DocFreq) -> Signals {
    signals_weighted(a, &Weighted::of(a, df), b, &Weighted::of(b, df))
}

/// [`signals`] with each profile's weighted lists already made.
pub fn signals_weighted(a: &Profile, wa: &Weighted, b: &Profile, wb: &Weighted) -> Signals {
    let same_language = a.lang == b.lang;
    // across languages too: names, numbers and shared word stems (Corona, Pandemie/pandemic)
    let words = unit_cosine(&wa.terms, &wb.terms);
    let cognates = unit_cosine(&wa.cognates, &wb.cognates);
    let names = unit_cosine(&wa.names, &wb.names);
    let numbers = overlap(
        shared_sorted(&a.numbers, &b.numbers).len(),
        a.numbers.len(),
        b.numbers.len(),
    );
    let days = overlap(
        shared_sorted(&a.days, &b.days).len(),
        a.days.len(),
        b.days.len(),
    );
    let copy = copy(a, b);
    let days_apart = a
        .date
        .zip(b.date)
        .map(|(x, y)| (x.to_days() - y.to_days()).abs());
    let embedding = match (&a.embedding, &b.embedding) {
        (Some(x), Some(y)) if x.len() == y.len() => Some(
            x.iter()
                .zip(y)
                .map(|(p, q)| f64::from(*p) * f64::from(*q))
                .sum::<f64>()
                .clamp(0.0, 1.0),
        ),
        _ => None,
    };
    let script = |p: &Profile| p.lang.map(crate::lang::script_of_lang);
    Signals {
        same_language,
        same_script: script(a) == script(b),
        words,
        cognates,
        names,
        numbers,
        days,
        copy,
        days_apart,
        embedding,
    }
}

/// How much time apart discounts a score: nothing within a week, half at about three months,
/// little left after a year.
pub fn time_discount(days_apart: Option<i64>) -> f64 {
    match days_apart {
        Some(d) if d > 7 => 1.0 / (1.0 + (d - 7) as f64 / 90.0),
        _ => 1.0,
    }
}

/// The score of a comparison in [0, 1]: the square root of the content-word cosine (across
/// scripts, of the best of it, the cognates and the actors), less 0.2 within one language — where function-like stems
/// are shared by any two texts — plus a tenth of the actors' cosine (square root) and of the
/// numbers in common; discounted by the time apart. An embedding, when both have one, counts for
/// half. Near-copies are not scored higher here: they are links of their own (see
/// `versions`). The four constants were chosen on `recoupe-eval similarity`
/// (docs/eval/similarity.md, which reports both halves of the data separately).
pub fn combine(s: &Signals) -> f64 {
    // across scripts few words can be shared: the actors (linked across scripts) stand in
    let text = if s.same_script {
        s.words
    } else {
        s.words.max(s.cognates).max(0.8 * s.names)
    };
    let offset = if s.same_language { 0.2 } else { 0.0 };
    let mut score = text.sqrt() - offset + 0.1 * s.names.sqrt() + 0.1 * s.numbers;
    if let Some(e) = s.embedding {
        score = 0.5 * score + 0.5 * e;
    }
    (score.clamp(0.0, 1.0) * time_discount(s.days_apart)).clamp(0.0, 1.0)
}

/// Compares two articles: score, signals and the evidence in words.
pub fn compare(a: &Profile, b: &Profile, df: &DocFreq) -> Similarity {
    explain(a, b, df, signals(a, b, df))
}

/// The score and the evidence in words of signals already computed (a caller that scores many
/// candidates explains only the ones it keeps).
pub fn explain(a: &Profile, b: &Profile, df: &DocFreq, s: Signals) -> Similarity {
    Similarity {
        score: combine(&s),
        signals: s,
        evidence: evidence(a, b, df, &s),
    }
}

pub(super) fn evidence(a: &Profile, b: &Profile, df: &DocFreq, s: &Signals) -> Vec<Evidence> {
    let mut out = Vec::new();
    if s.names > 0.0 {
        let shared = heaviest_shared(&a.names, &b.names, df);
        let label = |key: Key| {
            let la = a.labels.iter().find(|(k, _)| *k == key).map(|(_, t)| t);
            let lb = b.labels.iter().find(|(k, _)| *k == key).map(|(_, t)| t);
            match (la, lb) {
                (Some(x), Some(y)) if x != y => format!("{x} = {y}"),
                (Some(x), _) | (None, Some(x)) => x.clone(),
                (None, None) => format!("#{key:x}"),
            }
        };
        let listed: Vec<String> = shared.iter().take(8).map(|(k, _)| label(*k)).collect();
        out.push(Evidence {
            signal: "names",
            value: s.names,
            detail: format!("{} shared: {}", shared.len(), listed.join(", ")),
        });
    }
    if s.words > 0.0 {
        out.push(Evidence {
            signal: "words",
            value: s.words,
            detail: format!(
                "{} content words in common",
                shared_weights(&a.terms, &b.terms).count()
            ),
        });
    }
    if s.cognates > 0.0 && a.lang != b.lang {
        out.push(Evidence {
            signal: "cognates",
            value: s.cognates,
            detail: format!(
                "{} word skeletons in common across languages",
                shared_weights(&a.cognates, &b.cognates).count()
            ),
        });
    }
    if s.numbers > 0.0 {
        let shared = shared_sorted(&a.numbers, &b.numbers);
        let listed: Vec<String> = shared.iter().take(10).map(u64::to_string).collect();
        out.push(Evidence {
            signal: "numbers",
            value: s.numbers,
            detail: format!("same numbers: {}", listed.join(", ")),
        });
    }
    if s.days > 0.0 {
        let shared = shared_sorted(&a.days, &b.days);
        let listed: Vec<String> = shared
            .iter()
            .filter_map(|d| Date::from_days(*d))
            .map(|d| d.to_string())
            .collect();
        out.push(Evidence {
            signal: "days",
            value: s.days,
            detail: format!("same days mentioned: {}", listed.join(", ")),
        });
    }
    if s.copy >= 0.2 {
        out.push(Evidence {
            signal: "copy",
            value: s.copy,
            detail: format!("{:.0}% of word triples alike", s.copy * 100.0),
        });
    }
    if let Some(e) = s.embedding {
        out.push(Evidence {
            signal: "embedding",
            value: e,
            detail: "cosine of the sentence embeddings".to_string(),
        });
    }
    if let Some(d) = s.days_apart {
        let discount = time_discount(Some(d));
        let detail = if d == 0 {
            "published the same day".to_string()
        } else if d < 60 {
            format!("published {d} days apart")
        } else if d < 730 {
            format!("published {} months apart", d / 30)
        } else {
            format!("published {} years apart", d / 365)
        };
        out.push(Evidence {
            signal: "time",
            value: discount,
            detail,
        });
    }
    out
}

/// Scores pairs of extracted articles, each pair on its own: the two articles' names are linked
/// together (so that one person written in two scripts counts as shared), and words are weighed
/// by their frequency over all the articles of all the pairs. What `recoupe similarity --pairs`
/// and the similarity evaluation run.
pub fn compare_pairs(pairs: Vec<(Analysis, Analysis)>) -> Vec<Similarity> {
    let profiles: Vec<(Profile, Profile)> = pairs
        .into_iter()
        .map(|(a, b)| {
            let mut both = [a, b];
            let entities = crate::pipeline::link_entities(&mut both);
            let keys = entity_keys(&entities);
            (
                Profile::of(&both[0], Some(&keys)),
                Profile::of(&both[1], Some(&keys)),
            )
        })
        .collect();
    let mut df = DocFreq::new();
    for (a, b) in &profiles {
        df.add(a);
        df.add(b);
    }
    profiles.iter().map(|(a, b)| compare(a, b, &df)).collect()
}
