//! WARC records (lengths, headers, chunked bodies, HTTP responses), gzip-compressed or not.
#![no_main]
use std::io::Read;

use libfuzzer_sys::fuzz_target;
use recoupe_ingest::warc::WarcReader;
use recoupe_ingest::Caps;

fuzz_target!(|data: &[u8]| {
    let caps = Caps { max_record_bytes: 1 << 20, max_html_elements: 5_000, ..Caps::default() };
    let mut bytes = data.to_vec();
    if data.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        let _ = flate2::read::MultiGzDecoder::new(data).take(4 << 20).read_to_end(&mut out);
        bytes = out;
    }
    let mut reader = WarcReader::new(bytes.as_slice(), "fuzz.warc", &caps);
    let mut n = 0;
    while let Some(_record) = reader.next_record() {
        n += 1;
        if n > 10_000 {
            break;
        }
    }
});
