//! How alike two articles are, and why: a score in [0, 1] from signals a person can check.
//!
//! Each article is reduced once to a [`Profile`]: its content words (light stems, or character
//! pairs for Chinese and Japanese), the consonant skeletons of its longer words (cognates across
//! languages and scripts: "pandemic", "Pandemie", "пандемия" are all P N D M), its actors
//! (linked entities or name skeletons, places by gazetteer id), the numbers and days it mentions,
//! and a MinHash signature of its word triples (near-copies). Two profiles are compared signal
//! by signal ([`Signals`]), weighted by how rare each word or name is in the corpus
//! ([`DocFreq`]), and the signals are combined into one score ([`combine`]), discounted by the
//! time between the two articles. Every signal that counted is reported as [`Evidence`].
//!
//! No translation and no neural model: the seam for one is [`Profile::embedding`] — a vector a
//! local multilingual encoder may fill; when both articles have one, its cosine joins the
//! signals.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::entities::{EntityKind, Mention};
use crate::model::{ArticleId, Date, EntityId, Lang};
use crate::names::{skeleton, Sound};
use crate::pipeline::Analysis;
use crate::token::{self, Token, TokenKind};

/// A hashed feature (a stem, a skeleton, an actor).
pub type Key = u64;

const SEED_TERM: u64 = 1;
const SEED_COGNATE: u64 = 2;
const SEED_NAME: u64 = 3;
const SEED_PLACE: u64 = 4;
const SEED_SHINGLE: u64 = 5;
const SEED_NUMBER: u64 = 6;
const SEED_CALENDAR: u64 = 7;

/// Hash functions of the MinHash signature.
const MINHASH: usize = 64;
/// Words kept of a stem (characters): a light stemmer that works in most inflected languages.
const STEM_CHARS: usize = 5;
/// Consonants kept of a cognate skeleton.
const COGNATE_SOUNDS: usize = 4;

/// What one article brings to a comparison. Built by [`Profile::of`]; kept small enough that a
/// story index can hold many (no text, only keys and counts).
#[derive(Clone, Debug)]
pub struct Profile {
    pub id: ArticleId,
    pub lang: Option<Lang>,
    pub date: Option<Date>,
    /// Content words: (stem key, count), sorted by key.
    pub terms: Vec<(Key, f32)>,
    /// Consonant skeletons of words of five letters or more: (key, count), sorted by key.
    pub cognates: Vec<(Key, f32)>,
    /// Actors: (entity key, mentions), sorted by key.
    pub names: Vec<(Key, f32)>,
    /// Whole numbers mentioned (figure values and numbers of two digits or more), sorted.
    pub numbers: Vec<u64>,
    /// Days mentioned, as day numbers, sorted.
    pub days: Vec<i64>,
    /// MinHash of the word triples (empty for texts under three content words).
    pub minhash: Vec<u64>,
    /// How each actor key is written in this article (for evidence).
    pub labels: Vec<(Key, String)>,
    /// Per paragraph of the cleaned text, for aligning versions (empty for bare texts).
    pub paragraphs: Vec<ParagraphKeys>,
    /// The seam for a multilingual sentence encoder: an L2-normalised vector, when one was
    /// computed by an edge from a local model. Never filled by the core.
    pub embedding: Option<Vec<f32>>,
}

/// The key of an actor: a gazetteer place id when the name is a known place; otherwise the
/// consonants of the name (of the surname for people), with the ones transliterations swap
/// merged (k/g, sh/ch, f/w), so that one person written in two scripts or two
/// transliterations gets one key.
pub fn mention_key(mention: &Mention) -> Option<Key> {
    if let Some(place) = &mention.place {
        return Some(xxh3_64_with_seed(place.as_bytes(), SEED_PLACE));
    }
    let name = mention.text.as_str();
    let part = if mention.kind == EntityKind::Person {
        name.rsplit([' ', '-'])
            .find(|w| !matches!(w.to_lowercase().as_str(), "al" | "el" | "jr" | "jr."))
            .unwrap_or(name)
    } else {
        name
    };
    // consonants, the ones transliterations swap merged, repeats folded: Konishi = Konichi =
    // Коничи, Schikchat = Шикхат
    let mut classes: Vec<u8> = skeleton(part)
        .into_iter()
        .filter_map(|sound| {
            Some(match sound {
                Sound::K | Sound::G => 1,
                Sound::X | Sound::C => 2,
                Sound::F | Sound::W => 3,
                Sound::A | Sound::I | Sound::U | Sound::H => return None,
                other => other as u8 + 10,
            })
        })
        .collect();
    classes.dedup();
    if classes.len() < 2 {
        return None;
    }
    Some(xxh3_64_with_seed(&classes, SEED_NAME))
}

fn sounds_key(sounds: &[Sound], seed: u64, min: usize) -> Option<Key> {
    if sounds.len() < min {
        return None;
    }
    let bytes: Vec<u8> = sounds.iter().map(|s| *s as u8).collect();
    Some(xxh3_64_with_seed(&bytes, seed))
}

/// The cognate key of a word of five letters or more: the first consonants of its skeleton,
/// the same for "pandemic", "Pandemie" and "пандемия".
pub(crate) fn cognate_key(norm: &str) -> Option<Key> {
    if norm.chars().count() < 5 {
        return None;
    }
    let mut sounds = skeleton(norm);
    sounds.truncate(COGNATE_SOUNDS);
    sounds_key(&sounds, SEED_COGNATE, 3)
}

/// Chinese, Japanese and Korean letters: words are not separated by spaces there, so their
/// features are pairs of characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Strips Arabic proclitics glued to a word: the article with or without a preposition or
/// conjunction (ال، وال، بال، فال، كال، لل) and, when `conjunctions`, a bare و or ف ("ونزح").
/// The rest keeps at least three letters; other scripts pass through.
pub(crate) fn strip_clitics(norm: &str, conjunctions: bool) -> &str {
    if !norm
        .chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    {
        return norm;
    }
    let bare: &[&str] = if conjunctions { &["و", "ف"] } else { &[] };
    ["وال", "بال", "فال", "كال", "لل", "ال"]
        .iter()
        .chain(bare)
        .find_map(|prefix| {
            norm.strip_prefix(prefix)
                .filter(|rest| rest.chars().count() >= 3)
        })
        .unwrap_or(norm)
}

/// A light stem: the Arabic article and its proclitics removed, then the first few letters;
/// none for words under three letters.
pub(crate) fn stem(norm: &str) -> Option<String> {
    let word = strip_clitics(norm, false);
    let count = word.chars().count();
    if count < 3 {
        return None;
    }
    Some(word.chars().take(STEM_CHARS).collect())
}

fn counts(keys: Vec<Key>) -> Vec<(Key, f32)> {
    let mut keys = keys;
    keys.sort_unstable();
    let mut out: Vec<(Key, f32)> = Vec::with_capacity(keys.len());
    for key in keys {
        match out.last_mut() {
            Some((last, n)) if *last == key => *n += 1.0,
            _ => out.push((key, 1.0)),
        }
    }
    out
}

/// The features of a run of tokens, in text order.
#[derive(Default)]
struct Feats {
    terms: Vec<Key>,
    cognates: Vec<Key>,
    numbers: Vec<u64>,
    /// Weekdays and months named (language-independent numbers).
    calendar: Vec<u16>,
}

/// The cognate keys of the words of one text: a word comes back many times, its key is made
/// once (romanising and keying every word was a tenth of an article's cost).
#[derive(Default)]
struct CognateKeys<'a> {
    known: crate::lexicon::FxMap<&'a str, Option<Key>>,
}

impl<'a> CognateKeys<'a> {
    fn of(&mut self, norm: &'a str) -> Option<Key> {
        *self.known.entry(norm).or_insert_with(|| cognate_key(norm))
    }
}

impl Feats {
    fn add<'a>(&mut self, tk: &'a Token, cognates: &mut CognateKeys<'a>) {
        match tk.kind {
            TokenKind::Number => {
                let digits: String = tk
                    .norm
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
                    .filter(char::is_ascii_digit)
                    .collect();
                if digits.len() >= 2 && digits.len() <= 15 {
                    if let Ok(value) = digits.parse::<u64>() {
                        self.numbers.push(value);
                    }
                }
            }
            TokenKind::Word => {
                let norm = tk.norm.as_str();
                if norm.chars().any(is_cjk) {
                    let chars: Vec<char> = norm.chars().filter(|c| is_cjk(*c)).collect();
                    for pair in chars.windows(2) {
                        let mut buf = [0u8; 8];
                        let a = pair[0].encode_utf8(&mut buf).len();
                        let b = pair[1].encode_utf8(&mut buf[a..]).len();
                        self.terms.push(xxh3_64_with_seed(&buf[..a + b], SEED_TERM));
                    }
                    return;
                }
                if crate::lang::is_function_word(norm) {
                    return;
                }
                if let Some(day) = crate::dates::calendar_word(norm) {
                    self.calendar.push(day);
                }
                let Some(stem) = stem(norm) else { return };
                self.terms
                    .push(xxh3_64_with_seed(stem.as_bytes(), SEED_TERM));
                if let Some(key) = cognates.of(norm) {
                    self.cognates.push(key);
                }
            }
            TokenKind::Punct => {}
        }
    }

    fn extend(&mut self, other: &Feats) {
        self.terms.extend_from_slice(&other.terms);
        self.cognates.extend_from_slice(&other.cognates);
        self.numbers.extend_from_slice(&other.numbers);
        self.calendar.extend_from_slice(&other.calendar);
    }
}

/// What one paragraph brings to an alignment: its stems, cognate skeletons, and anchors —
/// actors and numbers, which survive translation.
#[derive(Clone, Debug)]
pub struct ParagraphKeys {
    /// Byte offsets of the paragraph in the article's cleaned text.
    pub start: usize,
    pub end: usize,
    pub words: Vec<Key>,
    pub cognates: Vec<Key>,
    pub anchors: Vec<Key>,
}

fn sorted(mut keys: Vec<Key>) -> Vec<Key> {
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl Profile {
    /// The profile of an extracted article (see [`crate::extract`]). `entity_keys` maps a linked
    /// entity id to one key for all its spellings (from [`entity_keys`]); without it, each
    /// mention is keyed by its own spelling.
    pub fn of(analysis: &Analysis, entity_keys: Option<&HashMap<EntityId, Key>>) -> Profile {
        Profile::of_tokens(analysis, &token::tokenize(&analysis.text), entity_keys)
    }

    /// [`Profile::of`] with the tokens of the article's cleaned text already made (by
    /// [`crate::pipeline::extract_tokens`]).
    pub fn of_tokens(
        analysis: &Analysis,
        tokens: &[token::Token],
        entity_keys: Option<&HashMap<EntityId, Key>>,
    ) -> Profile {
        let title = token::tokenize(&analysis.title);
        let mut cognates = CognateKeys::default();
        let mut feats = Feats::default();
        for tk in &title {
            feats.add(tk, &mut cognates);
        }
        // each token's features go to its paragraph; the article's are their concatenation
        let mut by_paragraph: Vec<Feats> = analysis
            .paragraphs
            .iter()
            .map(|_| Feats::default())
            .collect();
        let mut p = 0;
        for tk in tokens {
            while p < analysis.paragraphs.len() && tk.span.start >= analysis.paragraphs[p].end {
                p += 1;
            }
            match by_paragraph.get_mut(p) {
                Some(f) if tk.span.start >= analysis.paragraphs[p].start => {
                    f.add(tk, &mut cognates)
                }
                _ => feats.add(tk, &mut cognates),
            }
        }
        for f in &by_paragraph {
            feats.extend(f);
        }
        let mut profile =
            Profile::from_feats(analysis.id, analysis.language, analysis.published, feats);
        let mut names = Vec::new();
        let mut labels: Vec<(Key, String)> = Vec::new();
        // actors only: a capitalised common noun ("Intérieur", German nouns) is no evidence
        for mention in analysis
            .entities
            .iter()
            .filter(|m| m.kind != EntityKind::Other)
        {
            let key = entity_keys
                .and_then(|map| map.get(&mention.entity?).copied())
                .or_else(|| mention_key(mention));
            if let Some(key) = key {
                names.push(key);
                if !labels.iter().any(|(k, _)| *k == key) {
                    labels.push((key, mention.text.clone()));
                }
            }
        }
        profile.paragraphs = analysis
            .paragraphs
            .iter()
            .zip(by_paragraph)
            .map(|(para, f)| {
                let mut anchors: Vec<Key> = analysis
                    .entities
                    .iter()
                    .filter(|m| m.start >= para.start && m.end <= para.end)
                    .filter_map(|m| {
                        entity_keys
                            .and_then(|map| map.get(&m.entity?).copied())
                            .or_else(|| mention_key(m))
                    })
                    .collect();
                anchors.extend(f.numbers.iter().map(|n| mix(*n ^ SEED_NUMBER)));
                anchors.extend(
                    f.calendar
                        .iter()
                        .map(|d| mix(u64::from(*d) ^ SEED_CALENDAR)),
                );
                anchors.extend(
                    analysis
                        .figures
                        .iter()
                        .filter(|x| x.start >= para.start && x.end <= para.end && x.value >= 2.0)
                        .map(|x| mix(x.value.round() as u64 ^ SEED_NUMBER)),
                );
                ParagraphKeys {
                    start: para.start,
                    end: para.end,
                    words: sorted(f.terms),
                    cognates: sorted(f.cognates),
                    anchors: sorted(anchors),
                }
            })
            .collect();
        profile.names = counts(names);
        profile.labels = labels;
        let mut numbers = profile.numbers.clone();
        for figure in &analysis.figures {
            if figure.value >= 2.0 && figure.value < 1.0e15 {
                numbers.push(figure.value.round() as u64);
            }
        }
        numbers.sort_unstable();
        numbers.dedup();
        profile.numbers = numbers;
        let mut days: Vec<i64> = analysis
            .dates
            .iter()
            .filter_map(|d| d.value.as_deref())
            .filter(|v| v.len() == 10)
            .filter_map(Date::parse_iso)
            .map(Date::to_days)
            .collect();
        days.sort_unstable();
        days.dedup();
        profile.days = days;
        profile
    }

    /// A profile from a bare text (no entities or figures): what `similarity` uses on texts
    /// it has not extracted, and the baseline's tokenisation.
    pub fn of_text(id: ArticleId, lang: Option<Lang>, date: Option<Date>, text: &str) -> Profile {
        let tokens = token::tokenize(text);
        Profile::from_tokens(id, lang, date, tokens.iter())
    }

    fn from_tokens<'a>(
        id: ArticleId,
        lang: Option<Lang>,
        date: Option<Date>,
        tokens: impl Iterator<Item = &'a Token>,
    ) -> Profile {
        let mut cognates = CognateKeys::default();
        let mut feats = Feats::default();
        for tk in tokens {
            feats.add(tk, &mut cognates);
        }
        Profile::from_feats(id, lang, date, feats)
    }

    fn from_feats(id: ArticleId, lang: Option<Lang>, date: Option<Date>, feats: Feats) -> Profile {
        let Feats {
            terms,
            cognates,
            mut numbers,
            ..
        } = feats;
        let minhash = minhash(&terms);
        numbers.sort_unstable();
        numbers.dedup();
        Profile {
            id,
            lang,
            date,
            terms: counts(terms),
            cognates: counts(cognates),
            names: Vec::new(),
            numbers,
            days: Vec::new(),
            minhash,
            labels: Vec::new(),
            paragraphs: Vec::new(),
            embedding: None,
        }
    }
}

/// One key per linked entity (see [`crate::link_entities`]): its place id, or the skeleton of
/// its name. All spellings of one entity then share the key, whatever their script.
pub fn entity_keys(entities: &[crate::entities::Entity]) -> HashMap<EntityId, Key> {
    entities
        .iter()
        .map(|e| {
            let mention = Mention {
                entity: Some(e.id),
                text: e.name.clone(),
                start: 0,
                end: 0,
                kind: e.kind,
                group: 0,
                place: crate::entities::lookup_place(&e.name).map(|p| p.id.to_string()),
            };
            // one key per entity, even when its name has no usable skeleton
            let key = mention_key(&mention)
                .unwrap_or_else(|| xxh3_64_with_seed(&e.id.0.to_le_bytes(), SEED_NAME));
            (e.id, key)
        })
        .collect()
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn minhash(terms: &[Key]) -> Vec<u64> {
    if terms.len() < 3 {
        return Vec::new();
    }
    let mut mins = vec![u64::MAX; MINHASH];
    for triple in terms.windows(3) {
        let shingle = mix(triple[0] ^ mix(triple[1] ^ mix(triple[2] ^ SEED_SHINGLE)));
        for (i, slot) in mins.iter_mut().enumerate() {
            let h = mix(shingle ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if h < *slot {
                *slot = h;
            }
        }
    }
    mins
}

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
fn unit_cosine(a: &[(Key, f32)], b: &[(Key, f32)]) -> f64 {
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

    fn n(&self) -> f32 {
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// "names", "words", "cognates", "numbers", "days", "copy", "time", "embedding"
    pub signal: &'static str,
    /// The signal's value in [0, 1] (for "time": the discount applied).
    pub value: f64,
    pub detail: String,
}

/// Evidence as read back from JSON: the signal's name must be one this version writes.
#[derive(Deserialize)]
struct StoredEvidence {
    signal: String,
    value: f64,
    detail: String,
}

const SIGNAL_NAMES: &[&str] = &[
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Similarity {
    pub score: f64,
    pub signals: Signals,
    pub evidence: Vec<Evidence>,
}

fn weighted(a: &[(Key, f32)], df: &DocFreq) -> Vec<(Key, f32)> {
    a.iter()
        .map(|(k, n)| (*k, (1.0 + n.ln()) * df.idf(*k)))
        .collect()
}

/// Cosine of two weighted key lists sorted by key.
pub(crate) fn cosine(a: &[(Key, f32)], b: &[(Key, f32)]) -> f64 {
    let norm = |v: &[(Key, f32)]| {
        v.iter()
            .map(|(_, w)| f64::from(*w).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let dot: f64 = shared_weights(a, b).map(|(_, w)| f64::from(w)).sum();
    (dot / (na * nb)).clamp(0.0, 1.0)
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
fn heaviest_shared(a: &[(Key, f32)], b: &[(Key, f32)], df: &DocFreq) -> Vec<(Key, f32)> {
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
fn overlap(shared: usize, a: usize, b: usize) -> f64 {
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

fn evidence(a: &Profile, b: &Profile, df: &DocFreq, s: &Signals) -> Vec<Evidence> {
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
        let shared = heaviest_shared(&a.terms, &b.terms, df);
        out.push(Evidence {
            signal: "words",
            value: s.words,
            detail: format!("{} content words in common", shared.len()),
        });
    }
    if s.cognates > 0.0 && a.lang != b.lang {
        let shared = heaviest_shared(&a.cognates, &b.cognates, df);
        out.push(Evidence {
            signal: "cognates",
            value: s.cognates,
            detail: format!("{} word skeletons in common across languages", shared.len()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(id: u64, lang: Lang, text: &str) -> Profile {
        Profile::of_text(ArticleId(id), Some(lang), None, text)
    }

    #[test]
    fn same_story_scores_above_another_story() {
        let a = profile(1, Lang::EN, "The flooding in the river valley forced thousands of families from their homes as the water rose overnight.");
        let b = profile(2, Lang::EN, "Families fled their homes overnight when the river flooding reached the valley towns; thousands were evacuated.");
        let c = profile(3, Lang::EN, "The central bank raised interest rates again, citing stubborn inflation and a strong labour market.");
        let mut df = DocFreq::new();
        for p in [&a, &b, &c] {
            df.add(p);
        }
        let ab = compare(&a, &b, &df).score;
        let ac = compare(&a, &c, &df).score;
        assert!(ab > ac + 0.2, "{ab} vs {ac}");
    }

    #[test]
    fn cognates_link_languages_and_scripts() {
        let en = profile(
            1,
            Lang::EN,
            "The pandemic and the vaccination campaign in Parliament",
        );
        let ru = profile(
            2,
            Lang::RU,
            "Пандемия и вакцинация обсуждаются в парламенте",
        );
        let other = profile(3, Lang::RU, "Футбольный клуб выиграл кубок страны");
        let df = DocFreq::new();
        assert!(signals(&en, &ru, &df).cognates > signals(&en, &other, &df).cognates + 0.3);
    }

    #[test]
    fn years_apart_discount_the_score() {
        let mut a = profile(
            1,
            Lang::FR,
            "Les inondations dans la vallée ont chassé des milliers de familles",
        );
        let mut b = a.clone();
        b.id = ArticleId(2);
        a.date = Date::new(2016, 12, 4);
        b.date = Date::new(2024, 11, 30);
        let s = compare(&a, &b, &DocFreq::new());
        assert!(s.score < 0.1, "{}", s.score);
        assert!(s.evidence.iter().any(|e| e.detail.contains("years apart")));
    }

    #[test]
    fn near_copies_are_detected() {
        let text = "Le ministre a annoncé lundi un plan de reconstruction pour les villages touchés par le séisme, avec des aides pour les familles.";
        let a = profile(1, Lang::FR, text);
        let b = profile(2, Lang::FR, &format!("{text} Mise à jour."));
        let s = signals(&a, &b, &DocFreq::new());
        assert!(s.copy > 0.6, "{}", s.copy);
    }

    #[test]
    fn chinese_is_compared_by_character_pairs() {
        let a = profile(
            1,
            Lang::parse("zh").unwrap_or(Lang::EN),
            "北京举行新闻发布会，介绍疫苗接种情况",
        );
        let b = profile(
            2,
            Lang::parse("zh").unwrap_or(Lang::EN),
            "疫苗接种情况在北京新闻发布会上介绍",
        );
        assert!(signals(&a, &b, &DocFreq::new()).words > 0.5);
    }
}
