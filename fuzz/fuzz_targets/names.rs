//! Transliteration and name comparison across scripts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (a, b) = text.split_once('|').unwrap_or((text, "Lavrov"));
    let _ = recoupe_core::names::romanize(a);
    let s = recoupe_core::names::name_similarity(a, b);
    assert!((0.0..=1.0).contains(&s), "{s}");
});
