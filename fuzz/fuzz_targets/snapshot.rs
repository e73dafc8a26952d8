//! The story index's snapshot reader: any bytes are refused or read, never a panic or a huge
//! allocation.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recoupe_core::stories::{Clusterer, StoryConfig};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"rcpsnap2".to_vec();
    bytes.extend_from_slice(data);
    if let Some(c) = Clusterer::restore(StoryConfig::default(), &bytes) {
        let _ = c.snapshot();
    }
});
