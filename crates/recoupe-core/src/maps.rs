//! The core's hash maps and sets: std's, hashed by foldhash instead of SipHash. An article's
//! analysis fills many small maps keyed by its words, names and hashes; SipHash was 6 % of its
//! instructions (callgrind, the BSNLP sample, docs/BENCHMARKS.md). foldhash is seeded per
//! process like std's hasher, so a text cannot be written to make its keys collide; nothing the
//! core outputs depends on the order of a map. Fixed word lists use [`crate::lexicon::FxMap`].

pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
