//! HTML extraction (the linear tag scan, charset, entities) and the pipeline on what it gives.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recoupe_ingest::{read_bytes, Caps, Format};

fuzz_target!(|data: &[u8]| {
    let caps = Caps { max_html_elements: 5_000, ..Caps::default() };
    if let Ok(read) = read_bytes("fuzz.html", data, Format::Html, &caps) {
        for raw in &read.articles {
            let _ = recoupe_core::analyze(raw);
        }
    }
});
