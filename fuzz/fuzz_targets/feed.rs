//! RSS/Atom feeds: the linear scan, CDATA, entities, dates.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recoupe_ingest::{read_bytes, Caps, Format};

fuzz_target!(|data: &[u8]| {
    let _ = read_bytes("fuzz.rss", data, Format::Feed, &Caps::default());
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = recoupe_ingest::feed::parse_feed_date(text);
    }
});
