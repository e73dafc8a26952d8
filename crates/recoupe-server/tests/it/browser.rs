//! What a person sees, in headless Chromium (Debian's `chromium`, installed by `.ci/run`): the
//! story page and the article page of the sample corpus, and an article full of HTML and script
//! payloads that must render as inert text. `RECOUPE_SCREENSHOTS=1` also writes the screenshots
//! of docs/screenshots/.

use std::path::{Path, PathBuf};
use std::process::Command;

use recoupe_core::stories::StoryConfig;
use recoupe_core::RawArticle;
use recoupe_server::Config;
use recoupe_store::{Prepared, Store};

/// An article analysed and profiled as an ingest prepares it.
fn prepare(raw: &recoupe_core::RawArticle) -> Prepared {
    let (analysis, profile) = recoupe_core::prepare(raw);
    Prepared::new(analysis, profile)
}

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in ["/usr/bin", "/usr/local/bin", "/snap/bin"] {
            let path = Path::new(dir).join(name);
            if path.exists() {
                return path;
            }
        }
    }
    panic!("no Chromium: install Debian's package (`apt-get install chromium`, as .ci/run does)");
}

/// The DOM after Chromium loaded the page (scripts would have run by then, had there been any).
fn dom(url: &str) -> String {
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--dump-dom",
            url,
        ])
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The element tags of a serialised DOM (`<name …>`); text nodes are escaped, so every literal
/// `<` opens a tag.
fn tags(dom: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find('<') {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        if tag[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push(tag);
        }
        rest = &rest[end..];
    }
    out
}

/// The attributes of a tag as the DOM serialises them: (name, value), names lowercased. Values
/// are quoted; whatever is inside the quotes is a value, never an attribute.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let mut chars = inner.chars().peekable();
    // the element's name
    while chars.next_if(|c| !c.is_whitespace()).is_some() {}
    let mut out = Vec::new();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == '/').is_some() {}
        let mut name = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/') {
            name.push(c.to_ascii_lowercase());
        }
        if name.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.next_if(|c| *c == '"' || *c == '\'') {
                Some(quote) => {
                    for c in chars.by_ref() {
                        if c == quote {
                            break;
                        }
                        value.push(c);
                    }
                }
                None => {
                    while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                        value.push(c);
                    }
                }
            }
        }
        out.push((name, value));
    }
}

fn screenshot(url: &str, file: &Path, height: u32) {
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            &format!("--window-size=1280,{height}"),
            &format!("--screenshot={}", file.display()),
            url,
        ])
        .output()
        .expect("chromium runs");
    assert!(file.exists(), "{}", String::from_utf8_lossy(&status.stderr));
}

const PAYLOAD_TITLE: &str = "<script>document.title='pwned'</script>Hostile <img src=x onerror=\"document.body.innerHTML='pwned'\"> title";
const PAYLOAD_TEXT: &str = "Une dépêche piégée : <script>alert('x')</script> et <svg onload=alert(1)><circle r=9></svg> puis <a href=\"javascript:alert(2)\">un lien</a>.\n\nLe maire <b onmouseover=alert(3)>Jean Dupont</b> a déclaré : « <iframe src=\"https://evil.example\"></iframe> nous restons prudents », selon la préfecture.\n\n\"><script>alert(4)</script><style>body{display:none}</style> Fin de la dépêche, 12 blessés.\n\nSelon le général Karim \"onmouseover=alert(6)\" Benali et l'ONG <Svg/Onload=alert(7)>, le quartier de Javascript:Alert(8) à Lyon a été évacué, a déclaré Nadia O'Hara.";

fn start(hostile_article: bool) -> (String, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ui.db");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let caps = recoupe_ingest::Caps::default();
    let (files, _) = recoupe_ingest::collect_files(&[root], &caps);
    let mut prepared = Vec::new();
    for file in files {
        for raw in recoupe_ingest::read_file(&file, &caps)
            .expect("reads")
            .articles
        {
            prepared.push(prepare(&raw));
        }
    }
    let hostile = RawArticle {
        source: "hostile.example/<script>".into(),
        title: PAYLOAD_TITLE.into(),
        body: PAYLOAD_TEXT.into(),
        url: Some("javascript:alert(5)".into()),
        site: Some("<b>Hostile</b> site".into()),
        ..RawArticle::default()
    };
    let hostile_id = hostile.id().to_string();
    if hostile_article {
        prepared.push(prepare(&hostile));
    }
    let mut store = Store::open(&db).expect("opens");
    let mut index = store.story_index(StoryConfig::default()).expect("index");
    store.add(&mut index, prepared).expect("stores");
    store.save_index(&mut index).expect("saves");
    let mut config = Config::new(db);
    config.addr = "127.0.0.1:0".parse().expect("an address");
    let addr = recoupe_server::spawn(config).expect("serves");
    (format!("http://{addr}"), dir, hostile_id)
}

fn largest_story(base: &str) -> String {
    let mut response = ureq::get(&format!("{base}/api/stories?order=largest&limit=1"))
        .call()
        .expect("answers");
    let list: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().expect("body")).expect("json");
    list["stories"][0]["id"]
        .as_str()
        .expect("a story")
        .to_string()
}

#[test]
fn the_story_page_shows_sources_side_by_side() {
    let (base, _dir, _) = start(false);
    let story = largest_story(&base);
    let page = dom(&format!("{base}/stories/{story}"));
    for seen in [
        "Sources side by side",
        "class=\"timeline\"",
        "Figures about the same thing",
        "au moins 600 personnes",
        "at least 600 people",
        "How each source names the actors",
        "Quotes found in several articles",
        "Omar Siddiq",
        "Versions of one dispatch",
        "translation",
        "Why each article is in this story",
        "class=\"chip",
    ] {
        assert!(page.contains(seen), "the story page shows {seen:?}");
    }
    // Arabic is laid out right to left: its blocks carry their language and dir=auto
    assert!(page.contains("lang=\"ar\""));
    assert!(page.contains("dir=\"auto\""));
    if std::env::var_os("RECOUPE_SCREENSHOTS").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
        std::fs::create_dir_all(&docs).expect("docs/screenshots");
        screenshot(
            &format!("{base}/stories/{story}"),
            &docs.join("story.png"),
            2300,
        );
        screenshot(&format!("{base}/"), &docs.join("stories.png"), 900);
    }
}

#[test]
fn the_article_page_highlights_what_was_found_and_lists_what_was_removed() {
    let (base, _dir, _) = start(false);
    let story = largest_story(&base);
    let page = dom(&format!("{base}/stories/{story}"));
    // the first article linked from the story page
    let at = page.find("href=\"/articles/").expect("an article link") + "href=\"/articles/".len();
    let id: String = page[at..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    let article = dom(&format!("{base}/articles/{id}"));
    assert!(
        article.contains("<mark class=\"entity\""),
        "names highlighted"
    );
    assert!(
        article.contains("<mark class=\"figure\""),
        "figures highlighted"
    );
    assert!(article.contains("Removed from the page"));
    assert!(article.contains("its story"));
    // who said what: each quote listed with its speaker and how the text gives it
    assert!(article.contains("Who said what"));
    assert!(
        article.contains("<td>quote</td>"),
        "a direct quote listed with its speaker"
    );
    if std::env::var_os("RECOUPE_SCREENSHOTS").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
        std::fs::create_dir_all(&docs).expect("docs/screenshots");
        screenshot(
            &format!("{base}/articles/{id}"),
            &docs.join("article.png"),
            1400,
        );
    }
}

#[test]
fn attributes_are_read_as_the_dom_serialises_them() {
    let tag = r#"<input type="search" value="&lt;img src=x onerror=alert(9)&gt;" disabled onclick='x()'>"#;
    let names: Vec<String> = attributes(tag).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["type", "value", "disabled", "onclick"]);
    assert_eq!(
        attributes(r#"<a href="/x">"#),
        [("href".to_string(), "/x".to_string())]
    );
}

#[test]
fn html_and_script_in_an_article_render_inert() {
    let (base, _dir, hostile) = start(true);
    // the names found in the hostile article, each on its entity page, and its story
    let mut response = ureq::get(&format!("{base}/api/articles/{hostile}"))
        .call()
        .expect("answers");
    let article: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().expect("body")).expect("json");
    let names: Vec<String> = article["article"]["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["text"].as_str().map(str::to_string))
        .collect();
    assert!(
        names.len() >= 2,
        "names found among the payloads: {names:?}"
    );
    let story = article["story"].as_str().expect("its story").to_string();
    let mut urls = vec![
        format!("{base}/articles/{hostile}"),
        format!("{base}/stories/{story}"),
        format!("{base}/search?q=d%C3%A9p%C3%AAche"),
        format!("{base}/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(9)%3E"),
        format!("{base}/"),
        // names that are payloads themselves, asked for by URL
        format!("{base}/entities/%3Cscript%3Ealert(10)%3C%2Fscript%3E"),
        format!("{base}/entities/%22%3E%3Csvg%20onload%3Dalert(11)%3E"),
        format!("{base}/entities/javascript%3Aalert(12)"),
    ];
    for name in &names {
        let path: String = name
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        urls.push(format!("{base}/entities/{path}"));
    }
    for url in urls {
        let page = dom(&url);
        assert!(page.contains("recoupe"), "{url} rendered");
        // every element of the page: none is a script, frame or style, none has an event
        // handler or a javascript: link (the payload's markup is in text nodes, escaped)
        for tag in tags(&page) {
            let lower = tag.to_lowercase();
            let name: String = lower
                .chars()
                .skip(1)
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                !["script", "iframe", "style", "object", "embed"].contains(&name.as_str()),
                "{url}: {tag}"
            );
            for (attr, value) in attributes(tag) {
                assert!(!attr.starts_with("on"), "{url}: {tag}");
                if ["href", "src", "action", "formaction", "xlink:href"].contains(&attr.as_str()) {
                    let value: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_lowercase();
                    assert!(!value.starts_with("javascript:"), "{url}: {tag}");
                }
            }
        }
        // had a payload run, the title would read "pwned" or the body would be replaced by it
        assert!(!page.contains("<title>pwned"), "{url}: a payload ran");
        assert!(!page.contains("<body>pwned"), "{url}: a payload ran");
    }
    let page = dom(&format!("{base}/articles/{hostile}"));
    // the payload is shown as the text it is
    assert!(page.contains("&lt;script&gt;"), "the markup shows as text");
    assert!(page.contains("12 blessés"));
}
