//! Random inputs built from the pieces that break parsers (tags cut in half, entities, quotes,
//! digits and separators, several scripts): readers and the pipeline must never panic on them.
//! Deterministic (a fixed xorshift seed), so a failure is reproducible.

use recoupe_ingest::{read_bytes, Caps, Format};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, pieces: &[&'a str]) -> &'a str {
        pieces[(self.next() % pieces.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "<", ">", "</", "/>", "<p>", "</p>", "<div class=\"article-body\">", "</div>", "<a href='x'>", "</a>",
    "<script>", "</script>", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2016-12-04\"",
    "<!--", "-->", "<meta property=\"og:title\" content=\"", "\">", "<h1>", "</h1>", "<br>", "&amp;", "&#", "&#x", ";",
    "&nbsp;", "\"", "'", "=", " ", "\n", "\t", "\u{0}", "samedi 30 novembre", "2016/12/04", "١٢/٠٤/٢٠١٦", "ce ",
    "Lavrov", "Лавров", "لافروف", "«", "»", ".", ",", "-", "30 000", "1er", "© ", "PREV ", "S'abonner", "é", "\u{200b}",
    "<body class=\"menu\">", "<nav>", "</nav>", "<time datetime=\"2024-11-30\">", "<html lang=\"fr\">",
    "Bachar al-Assad", "(OSDH)", "(", ")", "بشار الأسد", "Сергей Лавров", "России", "Alep-Est", "Abou ", "al-",
    "ال", "وال", "Zakaria Malahifji", "ملاحفجي",
];

fn random_text(rng: &mut Rng) -> String {
    let len = (rng.next() % 200) as usize;
    (0..len).map(|_| rng.pick(PIECES)).collect()
}

#[test]
fn random_pages_never_panic_the_readers_or_the_pipeline() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let caps = Caps::default();
    for _ in 0..3_000 {
        let text = random_text(&mut rng);
        for format in [Format::Html, Format::Text, Format::JsonLines] {
            if let Ok(read) = read_bytes("fuzz", text.as_bytes(), format, &caps) {
                let mut batch = Vec::new();
                for article in &read.articles {
                    let mut analysis = recoupe_core::analyze(article);
                    recoupe_core::extract(&mut analysis);
                    for mention in &analysis.entities {
                        assert_eq!(&analysis.text[mention.start..mention.end], mention.text);
                    }
                    for mention in &analysis.dates {
                        assert_eq!(&analysis.text[mention.start..mention.end], mention.text);
                    }
                    for paragraph in &analysis.paragraphs {
                        assert!(analysis.text.get(paragraph.start..paragraph.end).is_some());
                    }
                    batch.push(analysis);
                }
                let _ = recoupe_core::link_entities(&mut batch);
            }
        }
    }
}

#[test]
fn random_bytes_are_refused_or_read_never_panic() {
    let mut rng = Rng(42);
    let caps = Caps::default();
    for _ in 0..2_000 {
        let len = (rng.next() % 512) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        for format in [Format::Html, Format::Text, Format::JsonLines] {
            let _ = read_bytes("fuzz", &bytes, format, &caps);
        }
    }
}
