//! Replays the fuzzers' seeds and every input a fuzzer once crashed on (fuzz/seeds/TARGET,
//! fuzz/regressions/TARGET; see scripts/fuzz.sh) through the same calls as the fuzz targets,
//! so what was fixed stays fixed in the normal test suite.

use std::io::Read;
use std::path::Path;

use recoupe_core::stories::{Clusterer, StoryConfig};
use recoupe_core::{analyze, extract, RawArticle};
use recoupe_ingest::warc::WarcReader;
use recoupe_ingest::{read_bytes, Caps, Format};

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut out = Vec::new();
    for kind in ["seeds", "regressions"] {
        let Ok(dir) = std::fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            out.push(std::fs::read(&path).expect("a fuzz input reads"));
        }
    }
    assert!(!out.is_empty(), "no seeds for {target}");
    out
}

#[test]
fn fuzz_seeds_and_regressions_replay_without_a_panic() {
    let caps = Caps {
        max_html_elements: 5_000,
        max_record_bytes: 1 << 20,
        ..Caps::default()
    };
    for data in inputs("html") {
        if let Ok(read) = read_bytes("fuzz.html", &data, Format::Html, &caps) {
            for raw in &read.articles {
                let _ = analyze(raw);
            }
        }
    }
    for data in inputs("feed") {
        let _ = read_bytes("fuzz.rss", &data, Format::Feed, &caps);
    }
    for data in inputs("warc") {
        let mut bytes = data.clone();
        if data.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            let _ = flate2::read::MultiGzDecoder::new(data.as_slice())
                .take(4 << 20)
                .read_to_end(&mut out);
            bytes = out;
        }
        let mut reader = WarcReader::new(bytes.as_slice(), "fuzz.warc", &caps);
        let mut n = 0;
        while reader.next_record().is_some() && n < 10_000 {
            n += 1;
        }
    }
    for data in inputs("jsonl") {
        let _ = read_bytes("fuzz.jsonl", &data, Format::JsonLines, &caps);
    }
    for data in inputs("text") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let (title, body) = text.split_once('\n').unwrap_or(("", text));
        let mut analysis = analyze(&RawArticle {
            source: "fuzz".into(),
            title: title.into(),
            body: body.into(),
            ..RawArticle::default()
        });
        extract(&mut analysis);
        let t = &analysis.text;
        for (s, e) in analysis
            .figures
            .iter()
            .map(|f| (f.start, f.end))
            .chain(analysis.quotes.iter().map(|q| (q.start, q.end)))
            .chain(analysis.entities.iter().map(|m| (m.start, m.end)))
        {
            assert!(s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e));
        }
    }
    for data in inputs("names") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let (a, b) = text.split_once('|').unwrap_or((text, "Lavrov"));
        let s = recoupe_core::names::name_similarity(a, b);
        assert!((0.0..=1.0).contains(&s));
    }
    for data in inputs("snapshot") {
        let mut bytes = b"rcpsnap2".to_vec();
        bytes.extend_from_slice(&data);
        if let Some(c) = Clusterer::restore(StoryConfig::default(), &bytes) {
            let _ = c.snapshot();
        }
    }
}
