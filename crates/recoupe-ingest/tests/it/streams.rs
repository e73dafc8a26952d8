//! Streams, archives and feeds: JSON Lines read line by line, WARC archives built here record by
//! record (plain and gzip per record, as CC-NEWS ships them), RSS and Atom feeds the team wrote,
//! and the hostile ones (a lying record length, a gzip bomb, entity tricks in a feed).

use std::io::Write;
use std::path::Path;

use recoupe_ingest::stream::{open_stream, Item};
use recoupe_ingest::{read_file, Caps};

fn items(path: &Path, caps: &Caps) -> (Vec<recoupe_core::RawArticle>, Vec<String>, Vec<String>) {
    let mut articles = Vec::new();
    let mut skipped = Vec::new();
    let mut problems = Vec::new();
    for item in open_stream(path, caps, None).expect("opens") {
        match item {
            Item::Article(a) => articles.push(*a),
            Item::Skipped(why) => skipped.push(why),
            Item::Problem(p) => problems.push(p),
        }
    }
    (articles, skipped, problems)
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut out =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

const PAGE_FR: &str = "<html lang=\"fr\"><head><title>Crue à Gênes</title></head><body><nav>Accueil | Monde</nav><article><h1>Crue à Gênes : au moins 41 morts</h1><p>De fortes pluies ont inondé Gênes lundi, faisant au moins 41 morts, a déclaré la maire de la ville.</p><p>Les secours ont fouillé les berges du fleuve toute la nuit, selon la protection civile.</p></article></body></html>";
const PAGE_AR: &str = "<html lang=\"ar\"><head><meta charset=\"utf-8\"><title>فيضانات في جنوة</title></head><body><article><h1>فيضانات في جنوة</h1><p>أغرقت أمطار غزيرة مدينة جنوة يوم الاثنين، وقتل 41 شخصا على الأقل، بحسب رئيسة البلدية.</p><p>وبحثت فرق الإنقاذ طوال الليل على ضفاف النهر.</p></article></body></html>";

fn chunked(body: &[u8]) -> Vec<u8> {
    let (a, b) = body.split_at(body.len() / 2);
    let mut out = Vec::new();
    for part in [a, b] {
        out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn archive() -> Vec<Vec<u8>> {
    vec![
        warc_record("warcinfo", "", b"software: recoupe tests\r\n"),
        warc_record(
            "request",
            "https://news.example/fr/genes",
            b"GET /fr/genes HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/fr/genes",
            &http("200 OK", "text/html; charset=utf-8", "", PAGE_FR.as_bytes()),
        ),
        warc_record(
            "response",
            "https://news.example/missing",
            &http(
                "404 Not Found",
                "text/html",
                "",
                b"<html><body>Not found</body></html>",
            ),
        ),
        warc_record(
            "response",
            "https://news.example/photo.jpg",
            &http("200 OK", "image/jpeg", "", b"\xff\xd8\xff\xe0binary"),
        ),
        warc_record(
            "response",
            "https://akhbar.example/ar/genova",
            &http(
                "200 OK",
                "text/html",
                "Transfer-Encoding: chunked\r\n",
                &chunked(PAGE_AR.as_bytes()),
            ),
        ),
        warc_record(
            "metadata",
            "https://news.example/fr/genes",
            b"fetchTimeMs: 120\r\n",
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("in memory");
    gz.finish().expect("in memory")
}

#[test]
fn warc_archives_give_their_html_responses_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let records = archive();
    let plain = dir.path().join("news.warc");
    std::fs::write(&plain, records.concat()).unwrap();
    // CC-NEWS: each record its own gzip member
    let gz = dir.path().join("news.warc.gz");
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(&gz, members).unwrap();
    for path in [&plain, &gz] {
        let (articles, mut skipped, problems) = items(path, &Caps::default());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(articles.len(), 2);
        assert!(
            articles[0].title.contains("Gênes"),
            "{:?}",
            articles[0].title
        );
        assert!(articles[0].body.contains("au moins 41 morts"));
        assert!(!articles[0].body.contains("Accueil"));
        assert_eq!(
            articles[0].url.as_deref(),
            Some("https://news.example/fr/genes")
        );
        assert!(
            articles[1].body.contains("فرق الإنقاذ"),
            "chunked body joined again"
        );
        assert!(!articles[1].body.contains("\r\n0"));
        skipped.sort();
        assert_eq!(
            skipped,
            [
                "content type image/jpeg",
                "metadata",
                "request",
                "status 404",
                "warcinfo"
            ]
        );
        // the whole-file reader gives the same articles
        assert_eq!(read_file(path, &Caps::default()).unwrap().articles.len(), 2);
    }
}

#[test]
fn a_warc_record_that_lies_about_its_length_ends_the_archive_with_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let mut records = archive();
    records.truncate(3);
    let mut bytes = records.concat();
    bytes.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9000000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>short</p>",
    );
    let path = dir.path().join("lying.warc");
    std::fs::write(&path, &bytes).unwrap();
    let (articles, _, problems) = items(&path, &Caps::default());
    assert_eq!(articles.len(), 1, "what came before is kept");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains("declares 9000000 bytes"),
        "{problems:?}"
    );

    // over the record cap: refused before anything is read
    let small = Caps {
        max_record_bytes: 1000,
        ..Caps::default()
    };
    let (articles, _, problems) = items(&path, &small);
    assert_eq!(articles.len(), 1);
    assert!(problems[0].contains("--max-record-bytes"), "{problems:?}");
}

#[test]
fn json_lines_are_read_line_by_line_bad_lines_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dump.jsonl");
    let long = format!(
        "{{\"title\":\"long\",\"text\":\"{}\"}}",
        "word ".repeat(400)
    );
    let lines = [
        r#"{"title":"Floods in Genoa","text":"Heavy rain flooded Genoa on Monday.","published":"2024-03-04"}"#,
        "{not json",
        long.as_str(),
        "",
        r#"{"title":"Пожар в порту","text":"В порту Роттердама сгорели три склада."}"#,
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let caps = Caps {
        max_record_bytes: 1000,
        ..Caps::default()
    };
    let (articles, _, problems) = items(&path, &caps);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[1].title, "Пожар в порту");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("line 2: not valid JSON"));
    assert!(problems[1].contains("line 3: longer than 1000 bytes"));
}

#[test]
fn a_gzip_bomb_in_a_stream_stops_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.jsonl.gz");
    let mut bytes = r#"{"title":"ok","text":"An ordinary first line."}"#
        .as_bytes()
        .to_vec();
    bytes.push(b'\n');
    bytes.extend(std::iter::repeat_n(b'\n', 8 << 20));
    let compressed = gzip(&bytes);
    assert!(compressed.len() < 200_000);
    std::fs::write(&path, compressed).unwrap();
    let caps = Caps {
        max_decompressed_bytes: 1 << 20,
        ..Caps::default()
    };
    let (articles, _, problems) = items(&path, &caps);
    assert_eq!(articles.len(), 1);
    assert!(
        problems.iter().any(|p| p.contains("decompression cap")),
        "{problems:?}"
    );
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Le Quotidien du Port</title><link>https://quotidien.example/</link>
<item><title>Incendie au port de Rotterdam</title><link>https://quotidien.example/rotterdam</link>
<guid isPermaLink="false">q-1</guid><pubDate>Tue, 05 Mar 2024 18:30:00 +0100</pubDate><dc:creator>Léa Martin</dc:creator>
<description>Trois entrepôts détruits.</description>
<content:encoded><![CDATA[<p>Un incendie a détruit trois entrepôts du port de Rotterdam mardi, a déclaré le chef des pompiers.</p><p>Personne n'a été blessé, selon la capitainerie.</p>]]></content:encoded></item>
<item><title>Crue &amp; pluies à Gênes</title><link>https://quotidien.example/genes</link><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;De fortes pluies ont inondé Gênes lundi.&lt;/p&gt;</description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Вести порта</title>
<entry><title>Наводнение в Генуе</title><link rel="alternate" href="https://vesti.example/genoa?a=1&amp;b=2"/>
<id>tag:vesti.example,2024:1</id><published>2024-03-05T09:00:00+03:00</published><author><name>Ольга Смирнова</name></author>
<summary type="html">&lt;p&gt;Сильные дожди затопили Геную в понедельник.&lt;/p&gt;</summary></entry>
</feed>"#;

#[test]
fn rss_and_atom_feeds_give_one_article_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let rss = dir.path().join("port.rss");
    std::fs::write(&rss, RSS).unwrap();
    let read = read_file(&rss, &Caps::default()).unwrap();
    assert_eq!(read.articles.len(), 2);
    let a = &read.articles[0];
    assert_eq!(a.title, "Incendie au port de Rotterdam");
    assert!(a
        .body
        .contains("trois entrepôts du port de Rotterdam mardi"));
    assert!(a.body.contains("Personne n'a été blessé"));
    assert!(!a.body.contains("<p>"));
    assert_eq!(a.published, recoupe_core::Date::new(2024, 3, 5));
    assert_eq!(a.byline.as_deref(), Some("Léa Martin"));
    assert_eq!(a.site.as_deref(), Some("Le Quotidien du Port"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://quotidien.example/rotterdam")
    );
    assert_eq!(read.articles[1].title, "Crue & pluies à Gênes");
    assert_eq!(
        read.articles[1].body.trim(),
        "De fortes pluies ont inondé Gênes lundi."
    );

    let atom = dir.path().join("vesti.atom");
    std::fs::write(&atom, ATOM).unwrap();
    let read = read_file(&atom, &Caps::default()).unwrap();
    assert_eq!(read.articles.len(), 1);
    let a = &read.articles[0];
    assert_eq!(
        a.url.as_deref(),
        Some("https://vesti.example/genoa?a=1&b=2")
    );
    assert_eq!(a.published, recoupe_core::Date::new(2024, 3, 5));
    assert_eq!(a.byline.as_deref(), Some("Ольга Смирнова"));
    assert!(a.body.contains("затопили Геную"));
}

#[test]
fn entity_tricks_in_a_feed_stay_text() {
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY lol \"lol\">{}<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<rss><channel><title>t</title><item><title>&lol9; &xxe;</title><description>Body &lol9; text.</description></item></channel></rss>",
        (1..10)
            .map(|i| format!("<!ENTITY lol{i} \"{}\">", format!("&lol{};", i - 1).repeat(10)))
            .collect::<String>()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("laughs.xml");
    std::fs::write(&path, laughs).unwrap();
    let read = read_file(&path, &Caps::default()).unwrap();
    assert_eq!(read.articles.len(), 1);
    let a = &read.articles[0];
    assert!(a.title.len() < 40, "nothing expanded: {:?}", a.title);
    assert!(!a.body.contains("root:"), "no file read");
    assert!(a.body.len() < 100);
}
