//! Static word tables (function words, month and weekday names) looked up once per token. Keys
//! are fixed at compile time, so a fast multiplicative hash (FxHash, as rustc uses) replaces
//! SipHash: no untrusted key ever decides the table's layout.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: one rotate, xor and multiply per 8 bytes.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A table from words to what they mean.
/// A hash map with the fast hasher (keys are the crate's own words and numbers, not input an
/// attacker chooses the hashes of).
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

pub type WordMap<V> = FxMap<&'static str, V>;

/// Letters of any script. ASCII, Latin-1, Latin Extended-A and -B, Cyrillic and Arabic letters
/// are answered from their ranges; anything else asks Unicode's tables (the slow path).
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xC0..=0xFF => c != '×' && c != '÷',
        0x0100..=0x024F => true,
        0x0400..=0x0481 | 0x048A..=0x04FF => true,
        0x0621..=0x064A | 0x0671..=0x06D3 => true,
        _ => c.is_alphabetic(),
    }
}

/// Letters and digits of any script (see [`is_letter`]).
pub fn is_alnum(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x0660..=0x0669 | 0x06F0..=0x06F9 => true,
        _ => is_letter(c) || (!c.is_ascii() && c.is_numeric()),
    }
}

/// Characters below this code point (Latin and its extensions, Greek, Cyrillic) are lowercased
/// through a table made once from Unicode's own mapping.
const LOWER_END: u32 = 0x500;

/// The lowercase of each character below [`LOWER_END`], where it is one character (all but
/// U+0130, İ, whose lowercase is two). Unicode's case tables are searched per character;
/// lowercasing the letters of Slavic news through them was ~2 % of an article's instructions.
fn lower_table() -> &'static [Option<char>] {
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LOWER_END)
            .map(|cp| {
                let c = char::from_u32(cp)?;
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => Some(l),
                    _ => None,
                }
            })
            .collect()
    })
}

/// Gives `f` the lowercase of `c`, as `char::to_lowercase` does (one character, or several).
pub fn for_each_lower(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        return f(c.to_ascii_lowercase());
    }
    if let Some(Some(lower)) = lower_table().get(c as usize) {
        return f(*lower);
    }
    c.to_lowercase().for_each(f);
}

/// `str::to_lowercase`, faster on Latin, Greek and Cyrillic text (a capital sigma, whose
/// lowercase depends on its place in the word, is left to the standard library).
pub fn to_lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for_each_lower(c, |l| out.push(l));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_through_the_table_is_the_standard_librarys() {
        for cp in 0..0x600u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut mine = String::new();
            for_each_lower(c, |l| mine.push(l));
            assert_eq!(mine, c.to_lowercase().collect::<String>(), "U+{cp:04X}");
        }
        for text in [
            "Борис ДЖОНСОН",
            "ΟΔΥΣΣΕΥΣ Σπύρος",
            "İstanbul Ünal",
            "Łódź ŻÓŁW",
            "Ελλάς",
            "東京 Tōkyō",
        ] {
            assert_eq!(to_lower(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn fast_letter_ranges_agree_with_unicode() {
        for range in [0u32..0x250, 0x0400..0x0530, 0x0600..0x0700] {
            for cp in range {
                if let Some(c) = char::from_u32(cp) {
                    assert_eq!(is_letter(c), c.is_alphabetic(), "U+{cp:04X} {c}");
                    assert_eq!(is_alnum(c), c.is_alphanumeric(), "U+{cp:04X} {c}");
                }
            }
        }
    }

    #[test]
    fn lookups_find_what_was_put() {
        let mut map: WordMap<u8> = WordMap::default();
        for (i, w) in [
            "le",
            "la",
            "décembre",
            "ديسمبر",
            "декабря",
            "a-very-long-word-over-eight-bytes",
        ]
        .iter()
        .enumerate()
        {
            map.insert(w, i as u8);
        }
        assert_eq!(map.get("décembre"), Some(&2));
        assert_eq!(map.get("декабря"), Some(&4));
        assert_eq!(map.get("a-very-long-word-over-eight-bytes"), Some(&5));
        assert_eq!(map.get("les"), None);
    }
}
