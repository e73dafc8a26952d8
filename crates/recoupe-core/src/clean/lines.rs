//! What a line looks like: call-to-action and navigation words, list items, headlines, names, photo-caption signatures, repeated blocks and their shingles.

use super::*;

pub(super) const CTA_OBJECTS: &[&str] = &[
    "telegram",
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "whatsapp",
    "tiktok",
    "google news",
    "newsletter",
    "lettre d'information",
    "application",
    "notre chaîne",
    "our channel",
    "podcast",
    "vk",
    "вконтакте",
    "дзен",
    "تلغرام",
    "فيسبوك",
    "تويتر",
    "يوتيوب",
    "نشرتنا",
];

/// Lowercase, every whitespace run (no-break spaces included) as one space, typographic
/// apostrophes as ASCII: the form the phrase lists are written in.
pub(super) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            continue;
        }
        for c in word.chars() {
            crate::lexicon::for_each_lower(c, |c| {
                out.push(if c == '’' || c == 'ʼ' { '\'' } else { c })
            });
        }
    }
    out
}

/// Words of a navigation link in every language, and the arrows every language uses.
pub(super) fn navigation() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        languages::all(|l| l.clean.navigation)
            .copied()
            .chain(["←", "→", "«", "»"])
            .collect()
    })
}

pub(super) fn starts_with_any(lower: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| lower.starts_with(p))
}

pub(super) fn starts_with_word(lower: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        lower.strip_prefix(w).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(|c: char| {
                    c.is_whitespace() || c == ':' || c.is_ascii_punctuation()
                })
        })
    })
}

/// A phrase list searched in one pass over a line for all its phrases (an Aho-Corasick
/// automaton, built once): the lists hold the phrases of every language, and searching each
/// phrase in turn was most of the cleaning's cost on short lines.
pub(super) struct Phrases {
    needles: &'static [&'static str],
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl Phrases {
    pub(super) fn new(needles: &'static [&'static str]) -> Phrases {
        Phrases {
            needles,
            // only a list past the automaton's size limits has none: searched phrase by phrase
            automaton: aho_corasick::AhoCorasick::new(needles).ok(),
        }
    }
}

/// The [`Phrases`] of a list of every language (`phrases!(clean.share)`), made once.
macro_rules! phrases {
    ($($field:ident).+) => {{
        static SET: std::sync::OnceLock<$crate::clean::lines::Phrases> = std::sync::OnceLock::new();
        SET.get_or_init(|| $crate::clean::lines::Phrases::new(word_list!($($field).+)))
    }};
}
pub(super) use phrases;

/// [`Phrases`] of the objects of a call to action ("newsletter", "telegram").
pub(super) fn cta_objects() -> &'static Phrases {
    static SET: OnceLock<Phrases> = OnceLock::new();
    SET.get_or_init(|| Phrases::new(CTA_OBJECTS))
}

/// One of the phrases occurs in `lower`.
pub(super) fn contains_any(lower: &str, phrases: &Phrases) -> bool {
    match &phrases.automaton {
        Some(automaton) => automaton.is_match(lower),
        None => phrases.needles.iter().any(|n| lower.contains(n)),
    }
}

pub(super) fn is_call_to_action(lower: &str) -> bool {
    contains_word(lower, cta_objects()) && contains_word(lower, phrases!(clean.call_to_action))
}

/// One of the phrases occurs in `lower` with no letter right before or after it.
pub(super) fn contains_word(lower: &str, phrases: &Phrases) -> bool {
    let bounded = |at: usize, end: usize| {
        let before = lower[..at].chars().next_back();
        let after = lower[end..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    };
    match &phrases.automaton {
        // every occurrence of every phrase, overlapping ones included
        Some(automaton) => automaton
            .find_overlapping_iter(lower)
            .any(|m| bounded(m.start(), m.end())),
        None => phrases.needles.iter().any(|needle| {
            lower
                .match_indices(needle)
                .any(|(at, _)| bounded(at, at + needle.len()))
        }),
    }
}

/// "1) …", "12. …", "- …", "• …", "2a etapa…": an item of a list, content whatever its shape.
pub(super) fn is_list_item(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    first.starts_with(|c: char| c.is_ascii_digit())
        || matches!(first, "-" | "–" | "—" | "•" | "*" | "·")
}

pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(crate::lexicon::is_alnum))
        .count()
}

pub(super) fn ends_like_sentence(text: &str) -> bool {
    let last = text.trim_end().chars().last();
    matches!(
        last,
        Some('.' | '!' | '?' | '…' | '»' | '"' | '”' | '“' | '’' | '。' | '؟' | ':')
    )
}

/// A headline: a few words, no final punctuation, not a name.
pub(super) fn is_headline_shaped(text: &str) -> bool {
    (3..=30).contains(&word_count(text)) && !ends_like_sentence(text)
}

/// Two or three capitalised words and nothing else: "Mounir Abi", "Anna K. Weber".
pub(super) fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

/// The " - Site" part at the end of a caption-like line, if it has one.
pub(super) fn signature_of(text: &str) -> Option<String> {
    let text = text.trim_end();
    // a signature is short and at the very end: look at the last 60 bytes only
    let mut tail_start = text.len().saturating_sub(60);
    while !text.is_char_boundary(tail_start) {
        tail_start -= 1;
    }
    let tail = &text[tail_start..];
    if is_list_item(text) {
        return None;
    }
    let cut = [" - ", " – ", " — ", " | "]
        .iter()
        .filter_map(|sep| tail.rfind(sep).map(|i| (tail_start + i, sep.len())))
        .max_by_key(|(i, _)| *i)?;
    let suffix = text[cut.0 + cut.1..].trim();
    let words = word_count(suffix);
    if !(1..=4).contains(&words) || suffix.len() > 40 || ends_like_sentence(suffix) {
        return None;
    }
    suffix.chars().next().filter(|c| c.is_uppercase())?;
    Some(suffix.to_string())
}

/// Signatures shared by two or more lines of the page: a site stamping its captions.
pub(super) fn caption_signatures(own: &[Option<String>]) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for sig in own.iter().flatten() {
        match counts.iter_mut().find(|(s, _)| s == sig) {
            Some(slot) => slot.1 += 1,
            None => counts.push((sig.clone(), 1)),
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(s, _)| s)
        .collect()
}

/// Marks paragraphs that belong to a run of at least two consecutive paragraphs (30 words or
/// more in all) repeating, in order, an earlier run: a block scraped twice. Short repeated
/// runs are content (a meal plan repeating its headings day after day).
pub(super) fn repeated_blocks(texts: &[&str], keys: &[Key]) -> Vec<bool> {
    let mut marked = vec![false; texts.len()];
    let mut first_seen: crate::maps::HashMap<u64, usize> = crate::maps::HashMap::default();
    for (i, key) in keys.iter().enumerate() {
        first_seen.entry(key.hash).or_insert(i);
    }
    let mut i = 0;
    while i < keys.len() {
        let Some(&origin) = first_seen.get(&keys[i].hash).filter(|o| **o < i) else {
            i += 1;
            continue;
        };
        let mut run = 1;
        while i + run < keys.len()
            && origin + run < i
            && keys[origin + run].hash == keys[i + run].hash
        {
            run += 1;
        }
        let words: usize = texts[i..i + run].iter().map(|t| word_count(t)).sum();
        if run >= 2 && words >= 30 {
            marked[i..i + run].iter_mut().for_each(|m| *m = true);
        }
        i += run;
    }
    marked
}

/// What two copies of a paragraph share: its words, lowercased, without punctuation, as hashes
/// (one pass, no allocation but the word list).
pub(super) struct Key {
    /// Hash of the whole word sequence.
    pub(super) hash: u64,
    /// Hash of each word.
    pub(super) words: Vec<u64>,
    /// Letters and digits counted.
    pub(super) chars: usize,
}

impl Key {
    pub(super) fn of(text: &str) -> Key {
        use std::hash::Hasher;
        let mut words = Vec::new();
        let mut word = crate::lexicon::FxHasher::default();
        let mut in_word = false;
        let mut chars = 0;
        for c in text.chars() {
            if crate::lexicon::is_alnum(c) {
                chars += 1;
                in_word = true;
                if c.is_ascii() {
                    word.write_u32(u32::from(c.to_ascii_lowercase()));
                } else {
                    crate::lexicon::for_each_lower(c, |lower| word.write_u32(u32::from(lower)));
                }
            } else if in_word {
                words.push(word.finish());
                word = crate::lexicon::FxHasher::default();
                in_word = false;
            }
        }
        if in_word {
            words.push(word.finish());
        }
        let hash = words.iter().fold(0xcbf2_9ce4_8422_2325u64, |acc, w| {
            (acc.rotate_left(5) ^ w).wrapping_mul(0x0100_0000_01b3)
        });
        Key { hash, words, chars }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Hashes of the word triples of a paragraph, sorted and deduplicated (for a merge-join Jaccard).
pub(super) fn shingles(key: &Key) -> Vec<u64> {
    let words = &key.words;
    let mut out: Vec<u64> = if words.len() < 3 {
        vec![words.iter().fold(0u64, |acc, h| acc.rotate_left(21) ^ h)]
    } else {
        words
            .windows(3)
            .map(|w| w[0].rotate_left(42) ^ w[1].rotate_left(21) ^ w[2])
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

pub(super) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The automaton finds what searching phrase by phrase finds, word boundaries included.
    #[test]
    fn phrases_are_found_in_one_pass_as_one_by_one() {
        static NEEDLES: &[&str] = &["newsletter", "our channel", "vk", "télégramme", "قناتنا"];
        let one_pass = Phrases::new(NEEDLES);
        let one_by_one = Phrases {
            needles: NEEDLES,
            automaton: None,
        };
        assert!(one_pass.automaton.is_some());
        for (line, word, anywhere) in [
            ("subscribe to our newsletter!", true, true),
            ("our newsletters are weekly", false, true),
            ("join our channel on vk", true, true),
            ("vkontakte", false, true),
            ("abonnez-vous au télégramme", true, true),
            ("اشترك في قناتنا", true, true),
            ("nothing to see here", false, false),
            ("", false, false),
        ] {
            for phrases in [&one_pass, &one_by_one] {
                assert_eq!(contains_word(line, phrases), word, "{line}");
                assert_eq!(contains_any(line, phrases), anywhere, "{line}");
            }
        }
    }
}
