//! `recoupe watch` against feeds and pages served by a small HTTP server on 127.0.0.1: new items
//! fetched and stored in their stories, conditional GET on the next poll, pages not fetched
//! twice, a broken page replaced by the feed's own text.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use crate::recoupe;

#[derive(Default)]
struct Site {
    /// (path, If-None-Match header) of every request.
    requests: Vec<(String, Option<String>)>,
    feed_version: u32,
}

const PAGE_1: &str = "<html lang=\"fr\"><head><title>Crue à Gênes</title><meta property=\"article:published_time\" content=\"2024-03-04T10:00:00Z\"></head><body><nav>Accueil · Monde · Sport</nav><article><h1>Crue à Gênes : au moins 41 morts</h1><p>De fortes pluies ont inondé Gênes lundi, faisant au moins 41 morts, a déclaré la maire Olga Brennik.</p><p>Les secours ont fouillé les berges du fleuve toute la nuit, selon la protection civile italienne.</p></article></body></html>";
const PAGE_2: &str = "<html lang=\"es\"><head><title>Inundaciones en Génova</title><meta property=\"article:published_time\" content=\"2024-03-04T12:00:00Z\"></head><body><article><h1>Inundaciones en Génova: al menos 41 muertos</h1><p>Fuertes lluvias inundaron Génova el lunes y al menos 41 personas murieron, dijo la alcaldesa Olga Brennik.</p><p>Los equipos de rescate buscaron toda la noche en las orillas del río.</p></article></body></html>";
const PAGE_3: &str = "<html lang=\"en\"><head><title>Genoa toll rises to 57</title><meta property=\"article:published_time\" content=\"2024-03-05T09:00:00Z\"></head><body><article><h1>Genoa flood toll rises to 57</h1><p>The death toll of the floods in Genoa rose to 57 on Tuesday, the mayor Olga Brennik said.</p><p>Rescue teams are still searching the river banks, according to the civil protection.</p></article></body></html>";

fn feed(base: &str, version: u32) -> String {
    let mut items = format!(
        "<item><title>Crue à Gênes</title><link>{base}/fr/genes.html</link><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>Au moins 41 morts.</description></item>\
         <item><title>Inundaciones en Génova</title><link>{base}/es/genova.html</link><pubDate>Mon, 04 Mar 2024 12:00:00 GMT</pubDate></item>\
         <item><title>Gênes : le fleuve sous surveillance</title><link>{base}/gone.html</link><pubDate>Mon, 04 Mar 2024 18:00:00 GMT</pubDate><description>Le fleuve Bisagno reste sous surveillance à Gênes après la crue de lundi, selon la protection civile.</description></item>"
    );
    if version >= 2 {
        items.push_str(&format!(
            "<item><title>Genoa toll rises to 57</title><link>{base}/en/genoa-toll.html</link><pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate></item>"
        ));
    }
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Le Fil du Port</title>{items}</channel></rss>")
}

fn serve(site: Arc<Mutex<Site>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let base_for_thread = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut if_none_match = None;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = header.split_once(':') {
                    if k.eq_ignore_ascii_case("if-none-match") {
                        if_none_match = Some(v.trim().to_string());
                    }
                }
            }
            let mut site = site.lock().unwrap();
            site.requests.push((path.clone(), if_none_match.clone()));
            let etag = format!("\"v{}\"", site.feed_version);
            let (status, content_type, body, extra) = match path.as_str() {
                "/feed.rss" if if_none_match.as_deref() == Some(etag.as_str()) => (
                    "304 Not Modified",
                    "application/rss+xml",
                    String::new(),
                    format!("ETag: {etag}\r\n"),
                ),
                "/feed.rss" => (
                    "200 OK",
                    "application/rss+xml; charset=utf-8",
                    feed(&base_for_thread, site.feed_version),
                    format!("ETag: {etag}\r\n"),
                ),
                "/fr/genes.html" => (
                    "200 OK",
                    "text/html; charset=utf-8",
                    PAGE_1.to_string(),
                    String::new(),
                ),
                "/es/genova.html" => (
                    "200 OK",
                    "text/html; charset=utf-8",
                    PAGE_2.to_string(),
                    String::new(),
                ),
                "/en/genoa-toll.html" => (
                    "200 OK",
                    "text/html; charset=utf-8",
                    PAGE_3.to_string(),
                    String::new(),
                ),
                _ => (
                    "404 Not Found",
                    "text/html",
                    "<html><body>Not found</body></html>".to_string(),
                    String::new(),
                ),
            };
            drop(site);
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes());
        }
    });
    base
}

#[test]
fn watch_fetches_new_items_asks_if_the_feed_changed_and_never_fetches_a_page_twice() {
    let site = Arc::new(Mutex::new(Site {
        feed_version: 1,
        ..Site::default()
    }));
    let base = serve(Arc::clone(&site));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let feed_url = format!("{base}/feed.rss");
    let watch = || {
        recoupe(&[
            "watch",
            &feed_url,
            "--db",
            db.to_str().unwrap(),
            "--once",
            "--host-delay",
            "0",
        ])
    };

    let (code, out, err) = watch();
    // the broken page is reported, and its item kept from the feed's own text
    assert_eq!(code, 1, "{out} {err}");
    assert!(err.contains("gone.html: HTTP status 404"), "{err}");
    assert!(out.contains("3 read, 3 new"), "{out}");
    let (_, shown, _) = recoupe(&["articles", "--db", db.to_str().unwrap(), "--json"]);
    let articles: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let titles: Vec<&str> = articles["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("Crue à Gênes : au moins 41 morts")),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Gênes : le fleuve sous surveillance"),
        "{titles:?}"
    );
    let text = articles["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap_or(""))
        .collect::<String>();
    assert!(!text.contains("Accueil · Monde"), "page furniture removed");
    // the French and Spanish reports of the flood are one story
    let (_, stories, _) = recoupe(&["stories", "--db", db.to_str().unwrap(), "--json"]);
    let stories: serde_json::Value = serde_json::from_str(&stories).unwrap();
    let sizes: Vec<u64> = stories["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["size"].as_u64().unwrap())
        .collect();
    assert!(sizes.iter().any(|n| *n >= 2), "{stories}");

    // unchanged feed: one conditional request, nothing else
    let before = site.lock().unwrap().requests.len();
    let (code, out, err) = watch();
    assert_eq!(code, 0, "{out} {err}");
    assert!(out.contains("not modified"), "{out}");
    {
        let site = site.lock().unwrap();
        let new: Vec<_> = site.requests[before..].to_vec();
        assert_eq!(
            new,
            vec![("/feed.rss".to_string(), Some("\"v1\"".to_string()))]
        );
    }

    // a new item: only its page is fetched
    site.lock().unwrap().feed_version = 2;
    let before = site.lock().unwrap().requests.len();
    let (_, out, err) = watch();
    assert!(
        out.contains("1 read, 1 new, 3 already stored"),
        "{out} {err}"
    );
    let site = site.lock().unwrap();
    let paths: Vec<&str> = site.requests[before..]
        .iter()
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(paths, ["/feed.rss", "/en/genoa-toll.html"]);
}
