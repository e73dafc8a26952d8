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

use crate::maps::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::entities::{EntityKind, Mention};
use crate::model::{ArticleId, Date, EntityId, Lang};
use crate::names::{skeleton, Sound};
use crate::pipeline::Analysis;
use crate::token::{self, Token, TokenKind};

mod weights;

pub use weights::*;

/// A hashed feature (a stem, a skeleton, an actor).
pub type Key = u64;

const SEED_TERM: u64 = 1;
const SEED_COGNATE: u64 = 2;
const SEED_NAME: u64 = 3;
const SEED_PLACE: u64 = 4;
const SEED_SHINGLE: u64 = 5;
const SEED_NUMBER: u64 = 6;
const SEED_CALENDAR: u64 = 7;
const SEED_QUOTE: u64 = 8;

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
    /// The latest year the text names (a date, a month or a year): an article that names
    /// 2009 was not written in 2005 — what places an undated article in time.
    pub latest_year: Option<i32>,
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

/// What each word brings, made once per distinct word on each thread: a word comes back many
/// times within an article and across articles, and its function-word test, calendar lookup,
/// stem and cognate key (romanising and keying every word was a tenth of an article's cost)
/// depend on its normal form alone. The memo is bounded: emptied when it holds
/// [`KNOWN_WORDS_MAX`] words, so a long run's memory stays flat. It changes no result.
#[derive(Default)]
struct KnownWords {
    known: crate::maps::HashMap<Box<str>, WordKeys>,
}

/// How many distinct words a thread's [`KnownWords`] holds before it starts again (~30 MB).
const KNOWN_WORDS_MAX: usize = 400_000;

thread_local! {
    static KNOWN_WORDS: std::cell::RefCell<KnownWords> = std::cell::RefCell::default();
}

/// The features of one word (see [`Feats::add`]).
#[derive(Clone, Copy)]
enum WordKeys {
    /// Chinese, Japanese or Korean: pairs of characters, made each time (rare).
    Cjk,
    /// A function word or a word too short to stem: nothing.
    Nothing,
    Keys {
        calendar: Option<u16>,
        term: Option<Key>,
        cognate: Option<Key>,
    },
}

impl WordKeys {
    fn of(norm: &str) -> WordKeys {
        if norm.chars().any(is_cjk) {
            return WordKeys::Cjk;
        }
        if crate::lang::is_function_word(norm) {
            return WordKeys::Nothing;
        }
        let calendar = crate::dates::calendar_word(norm);
        let term = stem(norm).map(|stem| xxh3_64_with_seed(stem.as_bytes(), SEED_TERM));
        WordKeys::Keys {
            calendar,
            term,
            cognate: term.and_then(|_| cognate_key(norm)),
        }
    }
}

impl KnownWords {
    fn of(&mut self, norm: &str) -> WordKeys {
        if let Some(keys) = self.known.get(norm) {
            return *keys;
        }
        if self.known.len() >= KNOWN_WORDS_MAX {
            self.known.clear();
        }
        let keys = WordKeys::of(norm);
        self.known.insert(norm.into(), keys);
        keys
    }

    /// Runs `f` with this thread's memo.
    fn with<R>(f: impl FnOnce(&mut KnownWords) -> R) -> R {
        KNOWN_WORDS.with_borrow_mut(f)
    }
}

impl Feats {
    fn add(&mut self, tk: &Token, words: &mut KnownWords) {
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
            TokenKind::Word => match words.of(tk.norm.as_str()) {
                WordKeys::Cjk => {
                    let chars: Vec<char> = tk.norm.chars().filter(|c| is_cjk(*c)).collect();
                    for pair in chars.windows(2) {
                        let mut buf = [0u8; 8];
                        let a = pair[0].encode_utf8(&mut buf).len();
                        let b = pair[1].encode_utf8(&mut buf[a..]).len();
                        self.terms.push(xxh3_64_with_seed(&buf[..a + b], SEED_TERM));
                    }
                }
                WordKeys::Nothing => {}
                WordKeys::Keys {
                    calendar,
                    term,
                    cognate,
                } => {
                    if let Some(day) = calendar {
                        self.calendar.push(day);
                    }
                    let Some(term) = term else { return };
                    self.terms.push(term);
                    if let Some(key) = cognate {
                        self.cognates.push(key);
                    }
                }
            },
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
    /// The paragraph's wording: hashes of its runs of three content words, the smallest
    /// [`PARAGRAPH_SHINGLES`] kept, sorted — what tells a copied or lightly edited paragraph
    /// from one written anew on the same facts ([`wording_shared`]).
    pub shingles: Vec<Key>,
    /// Quotations with a known speaker in the paragraph (each is an anchor: the speaker and
    /// the quotation, one key).
    pub quoted: u32,
}

/// Word-triple hashes kept per paragraph (a bottom-k sketch: exact for a paragraph of up to
/// this many triples).
pub const PARAGRAPH_SHINGLES: usize = 32;

/// The key of a quote's speaker: the name the text gives it where it speaks, or its fullest
/// name elsewhere in the article (a pronoun or a role resolved).
fn speaker_key(
    analysis: &Analysis,
    quote: &crate::quotes::Quote,
    entity_keys: Option<&HashMap<EntityId, Key>>,
) -> Option<Key> {
    let at = |m: &&Mention| match (quote.speaker_start, quote.speaker_end) {
        (Some(s), Some(e)) => m.start < e && s < m.end,
        _ => false,
    };
    let named = |m: &&Mention| quote.speaker_name.as_deref() == Some(m.text.as_str());
    let mention = analysis
        .entities
        .iter()
        .filter(|m| m.kind != EntityKind::Other)
        .find(at)
        .or_else(|| analysis.entities.iter().find(named))?;
    entity_keys
        .and_then(|map| map.get(&mention.entity?).copied())
        .or_else(|| mention_key(mention))
}

/// The byte spans an article quotes word for word (direct and partial quotes, each part),
/// sorted.
fn quoted_spans(analysis: &Analysis) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = analysis
        .quotes
        .iter()
        .chain(&analysis.reported_speech)
        .filter(|q| q.kind != crate::quotes::QuoteKind::Indirect)
        .flat_map(|q| {
            if q.parts.is_empty() {
                vec![(q.start, q.end)]
            } else {
                q.parts.iter().map(|s| (s.start, s.end)).collect()
            }
        })
        .collect();
    spans.sort_unstable();
    spans
}

/// A paragraph's word-triple sketch ([`ParagraphKeys::shingles`]).
fn paragraph_shingles(terms: &[Key]) -> Vec<Key> {
    let mut out: Vec<Key> = terms.windows(3).map(shingle).collect();
    out.sort_unstable();
    out.dedup();
    out.truncate(PARAGRAPH_SHINGLES);
    out
}

/// The share of the shorter of two paragraphs' word triples that the other has too, estimated
/// on their sketches below the hash both sketches cover whole; 0 when either has none.
pub fn wording_shared(a: &ParagraphKeys, b: &ParagraphKeys) -> f64 {
    let (x, y) = (&a.shingles, &b.shingles);
    let (Some(&lx), Some(&ly)) = (x.last(), y.last()) else {
        return 0.0;
    };
    // a sketch cut at PARAGRAPH_SHINGLES holds every triple below its last hash
    let cut = match (x.len() >= PARAGRAPH_SHINGLES, y.len() >= PARAGRAPH_SHINGLES) {
        (true, true) => lx.min(ly),
        (true, false) => lx,
        (false, true) => ly,
        (false, false) => Key::MAX,
    };
    let below = |v: &[Key]| v.iter().take_while(|k| **k <= cut).count();
    let (nx, ny) = (below(x), below(y));
    if nx == 0 || ny == 0 {
        return 0.0;
    }
    let shared = shared_sorted(&x[..nx], &y[..ny]).len();
    shared as f64 / nx.min(ny) as f64
}

fn sorted(mut keys: Vec<Key>) -> Vec<Key> {
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The keys of one paragraph of an article: its words and cognates, its wording's shingles
/// (`wording`: its words outside quotations), and its anchors — the names it gives, each
/// quotation with whose it is, its numbers, calendar words and figures.
fn paragraph_keys(
    analysis: &Analysis,
    para: &crate::pipeline::Paragraph,
    f: Feats,
    wording: &[Key],
    entity_keys: Option<&HashMap<EntityId, Key>>,
) -> ParagraphKeys {
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
    // a quotation and whose it is — the same statement quoted in two languages —
    // and the speaker, who is named here even where the name was not found as one
    let mut quoted = 0;
    for quote in analysis
        .quotes
        .iter()
        .filter(|q| q.start >= para.start && q.start < para.end)
    {
        if let Some(k) = speaker_key(analysis, quote, entity_keys) {
            anchors.push(mix(k ^ SEED_QUOTE));
            quoted += 1;
            if quote
                .speaker_start
                .is_some_and(|s| s >= para.start && s < para.end)
            {
                anchors.push(k);
            }
        }
    }
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
        shingles: paragraph_shingles(wording),
        words: sorted(f.terms),
        cognates: sorted(f.cognates),
        anchors: sorted(anchors),
        quoted,
    }
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
        let mut feats = Feats::default();
        // each token's features go to its paragraph; the article's are their concatenation
        let mut by_paragraph: Vec<Feats> = analysis
            .paragraphs
            .iter()
            .map(|_| Feats::default())
            .collect();
        // a paragraph's own wording leaves out what it quotes: every outlet copies a statement
        let quoted = quoted_spans(analysis);
        let mut wording: Vec<Vec<Key>> = vec![Vec::new(); analysis.paragraphs.len()];
        KnownWords::with(|words| {
            for tk in &title {
                feats.add(tk, words);
            }
            let (mut p, mut q) = (0, 0);
            for tk in tokens {
                while p < analysis.paragraphs.len() && tk.span.start >= analysis.paragraphs[p].end {
                    p += 1;
                }
                while q < quoted.len() && tk.span.start >= quoted[q].1 {
                    q += 1;
                }
                match by_paragraph.get_mut(p) {
                    Some(f) if tk.span.start >= analysis.paragraphs[p].start => {
                        let before = f.terms.len();
                        f.add(tk, words);
                        let in_quote = quoted.get(q).is_some_and(|s| tk.span.start >= s.0);
                        if f.terms.len() > before && !in_quote {
                            wording[p].extend(f.terms.last().copied());
                        }
                    }
                    _ => feats.add(tk, words),
                }
            }
        });
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
            .zip(wording)
            .map(|((para, f), wording)| paragraph_keys(analysis, para, f, &wording, entity_keys))
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
        profile.latest_year = analysis
            .dates
            .iter()
            .filter_map(|d| d.last_day())
            .map(|d| d.year)
            .max();
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
        let mut feats = Feats::default();
        KnownWords::with(|words| {
            for tk in tokens {
                feats.add(tk, words);
            }
        });
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
            latest_year: None,
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

/// The hash of a run of three content words (the article's MinHash and a paragraph's sketch).
fn shingle(triple: &[Key]) -> Key {
    mix(triple[0] ^ mix(triple[1] ^ mix(triple[2] ^ SEED_SHINGLE)))
}

fn minhash(terms: &[Key]) -> Vec<u64> {
    if terms.len() < 3 {
        return Vec::new();
    }
    let mut mins = vec![u64::MAX; MINHASH];
    for triple in terms.windows(3) {
        let shingle = shingle(triple);
        for (i, slot) in mins.iter_mut().enumerate() {
            let h = mix(shingle ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if h < *slot {
                *slot = h;
            }
        }
    }
    mins
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
