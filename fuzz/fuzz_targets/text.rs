//! The pipeline on a text: cleaning, language, dates (written dates, publication date, relative
//! days), names, figures and quotes; every span must lie on the text's character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recoupe_core::{analyze, extract, RawArticle};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (title, body) = text.split_once('\n').unwrap_or(("", text));
    let raw = RawArticle { source: "fuzz".into(), title: title.into(), body: body.into(), ..RawArticle::default() };
    let mut analysis = analyze(&raw);
    extract(&mut analysis);
    let t = &analysis.text;
    for (s, e) in analysis
        .figures
        .iter()
        .map(|f| (f.start, f.end))
        .chain(analysis.quotes.iter().map(|q| (q.start, q.end)))
        .chain(analysis.entities.iter().map(|m| (m.start, m.end)))
        .chain(analysis.dates.iter().map(|d| (d.start, d.end)))
    {
        assert!(s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e), "span {s}..{e}");
    }
});
