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

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A table from words to what they mean.
pub type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<FxHasher>>;

/// Letters of any script, with ASCII answered without a Unicode table lookup.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
