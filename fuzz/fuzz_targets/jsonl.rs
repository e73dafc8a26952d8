//! JSON Lines, JSON arrays and objects, news-please fields.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recoupe_ingest::{read_bytes, Caps, Format};

fuzz_target!(|data: &[u8]| {
    let _ = read_bytes("fuzz.jsonl", data, Format::JsonLines, &Caps::default());
});
