//! Every endpoint of the API on the sample corpus (examples/corpus, the team's articles), bad
//! requests included: a 4xx with a JSON error and a stable code, never a crash.

use std::path::Path;

use recoupe_core::stories::StoryConfig;
use recoupe_server::Config;
use recoupe_store::{Prepared, Store};
use serde_json::{json, Value};

/// An article analysed and profiled as an ingest prepares it.
fn prepare(raw: &recoupe_core::RawArticle) -> Prepared {
    let (analysis, profile) = recoupe_core::prepare(raw);
    Prepared::new(analysis, profile)
}

fn corpus_store(path: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let caps = recoupe_ingest::Caps::default();
    let (files, errors) = recoupe_ingest::collect_files(&[root], &caps);
    assert!(errors.is_empty(), "{errors:?}");
    let mut prepared = Vec::new();
    for file in files {
        for raw in recoupe_ingest::read_file(&file, &caps)
            .expect("reads")
            .articles
        {
            prepared.push(prepare(&raw));
        }
    }
    let mut store = Store::open(path).expect("opens");
    let mut index = store.story_index(StoryConfig::default()).expect("index");
    store.add(&mut index, prepared).expect("stores");
    store.save_index(&mut index).expect("saves");
}

struct Api {
    base: String,
    agent: ureq::Agent,
    _dir: tempfile::TempDir,
}

impl Api {
    fn start(token: Option<&str>) -> Api {
        Api::start_with(token, |_| {})
    }

    fn start_with(token: Option<&str>, adjust: impl FnOnce(&mut Config)) -> Api {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("api.db");
        corpus_store(&db);
        let mut config = Config::new(db);
        config.addr = "127.0.0.1:0".parse().expect("an address");
        config.token = token.map(str::to_string);
        config.max_body_bytes = 64 << 10;
        adjust(&mut config);
        let addr = recoupe_server::spawn(config).expect("serves");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Api {
            base: format!("http://{addr}"),
            agent,
            _dir: dir,
        }
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let mut response = self
            .agent
            .get(&format!("{}{path}", self.base))
            .call()
            .expect("answers");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().expect("a body");
        (
            status,
            serde_json::from_str(&body).unwrap_or(Value::String(body)),
        )
    }

    fn post(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
        token: Option<&str>,
    ) -> (u16, Value) {
        let mut request = self
            .agent
            .post(&format!("{}{path}", self.base))
            .header("Content-Type", content_type);
        if let Some(t) = token {
            request = request.header("Authorization", &format!("Bearer {t}"));
        }
        let mut response = request.send(body).expect("answers");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("a body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

/// Sends a POST declaring `declared` bytes and writing `sent`, and returns the raw answer.
fn raw_post(base: &str, content_type: &str, declared: usize, sent: &str) -> String {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("a timeout");
    let head = format!(
        "POST /api/articles HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\nContent-Length: {declared}\r\n\r\n"
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(sent.as_bytes());
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn error_code(body: &Value) -> &str {
    body["error"]["code"]
        .as_str()
        .unwrap_or("(not a JSON error)")
}

/// The Sudan talks story: the largest of the sample corpus, in five languages.
fn sudan(api: &Api) -> Value {
    let (_, list) = api.get("/api/stories?order=largest&limit=1");
    let id = list["stories"][0]["id"]
        .as_str()
        .expect("a story")
        .to_string();
    let (status, story) = api.get(&format!("/api/stories/{id}"));
    assert_eq!(status, 200);
    story
}

/// The schema the document gives for the answer of `method path` with `status`, as a schema
/// document of its own (the document's components beside it, so its references resolve).
fn answer_schema(doc: &Value, path: &str, method: &str, status: u16) -> Value {
    let response = &doc["paths"][path][method]["responses"][status.to_string()];
    assert!(
        response.is_object(),
        "{method} {path}: {status} is not in the document"
    );
    let schema = &response["content"]["application/json"]["schema"];
    assert!(
        schema.is_object(),
        "{method} {path} {status}: no JSON schema"
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": doc["components"],
    })
}

#[test]
fn every_answer_matches_the_schema_the_openapi_document_gives_it() {
    let api = Api::start(None);
    let (status, doc) = api.get("/api/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");

    // every JSON answer is typed: a reference to a generated schema, never a bare object
    let mut typed = 0;
    for (path, methods) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in methods.as_object().expect("methods") {
            for (status, response) in operation["responses"].as_object().expect("responses") {
                let schema = &response["content"]["application/json"]["schema"];
                if schema.is_null() || path == "/api/openapi.json" {
                    continue;
                }
                let reference = schema["$ref"].as_str().unwrap_or_default();
                let name = reference
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("{method} {path} {status}: {schema} is not typed"));
                let component = &doc["components"]["schemas"][name];
                assert!(
                    component["properties"].is_object() || component["anyOf"].is_array(),
                    "{method} {path} {status}: {name} has no fields: {component}"
                );
                typed += 1;
            }
        }
    }
    assert!(typed >= 30, "{typed} typed answers");

    // live answers, each checked against its schema: every endpoint, its errors too
    let story = sudan(&api);
    let story_id = story["story"]["id"]
        .as_str()
        .expect("a story id")
        .to_string();
    let articles: Vec<String> = story["story"]["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a.as_str().map(str::to_string))
        .collect();
    assert!(articles.len() >= 2);
    let (_, entities) = api.get("/api/entities?limit=5");
    let entity = entities["entities"][0]["name"]
        .as_str()
        .expect("an entity")
        .to_string();
    let gets: Vec<(String, &str, u16)> = vec![
        ("/api/articles".into(), "/api/articles", 200),
        ("/api/articles?q=Jeddah".into(), "/api/articles", 200),
        ("/api/articles?limit=x".into(), "/api/articles", 400),
        (
            format!("/api/articles/{}", articles[0]),
            "/api/articles/{id}",
            200,
        ),
        ("/api/articles/zz".into(), "/api/articles/{id}", 400),
        (
            "/api/articles/ffffffffffffffff".into(),
            "/api/articles/{id}",
            404,
        ),
        ("/api/stories".into(), "/api/stories", 200),
        (
            "/api/stories?order=largest&limit=2".into(),
            "/api/stories",
            200,
        ),
        ("/api/stories?order=oldest".into(), "/api/stories", 400),
        (format!("/api/stories/{story_id}"), "/api/stories/{id}", 200),
        (
            "/api/stories/sffffffffffffffff".into(),
            "/api/stories/{id}",
            404,
        ),
        ("/api/entities".into(), "/api/entities", 200),
        (
            format!("/api/entities/{entity}"),
            "/api/entities/{name}",
            200,
        ),
        (
            "/api/entities/Nobody%20Atall".into(),
            "/api/entities/{name}",
            404,
        ),
        (
            format!("/api/similarity?a={}&b={}", articles[0], articles[1]),
            "/api/similarity",
            200,
        ),
        ("/api/similarity?a=1".into(), "/api/similarity", 400),
        ("/api/search?q=Jeddah&lang=en".into(), "/api/search", 200),
        ("/api/search?q=Jeddah&since=May".into(), "/api/search", 400),
        ("/api/export/secrets".into(), "/api/export/{table}", 404),
        ("/api/corrections".into(), "/api/corrections", 200),
    ];
    let check = |path: &str, method: &str, status: u16, body: &Value| {
        let schema = answer_schema(&doc, path, method, status);
        let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| {
            panic!("{method} {path} {status}: the schema does not compile: {e}")
        });
        let errors: Vec<String> = validator
            .iter_errors(body)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{method} {path} {status}: the answer does not match its schema: {errors:#?}"
        );
    };
    for (url, path, expected) in &gets {
        let (status, body) = api.get(url);
        assert_eq!(status, *expected, "GET {url}: {body}");
        check(path, "get", status, &body);
    }

    // writes: an article posted twice, a correction made and undone, bad bodies
    let article = r#"{"title": "Un pont rouvre à Wrocław", "text": "Le pont Grunwaldzki de Wrocław a rouvert mardi après huit mois de travaux, a annoncé la mairie.", "published": "2025-04-01"}"#;
    let posts: Vec<(&str, &str, String, u16)> =
        vec![
        ("/api/articles", "application/json", article.into(), 201),
        ("/api/articles", "application/json", article.into(), 200),
        ("/api/articles", "text/plain", article.into(), 415),
        ("/api/articles", "application/json", "[]".into(), 400),
        (
            "/api/corrections",
            "application/json",
            json!({"action": "move", "article": articles[1], "to": "new", "why": "another event"})
                .to_string(),
            201,
        ),
        (
            "/api/corrections",
            "application/json",
            json!({"action": "split", "story": story_id, "articles": [articles[0]]}).to_string(),
            201,
        ),
        ("/api/corrections", "application/json", r#"{"action": "rename"}"#.into(), 400),
        (
            "/api/corrections",
            "application/json",
            json!({"action": "split", "story": story_id, "articles": ["ffffffffffffffff"]})
                .to_string(),
            404,
        ),
    ];
    for (path, content_type, body, expected) in &posts {
        let (status, answer) = api.post(path, content_type, body, None);
        assert_eq!(status, *expected, "POST {path} {body}: {answer}");
        check(path, "post", status, &answer);
    }
    let (_, log) = api.get("/api/corrections");
    check("/api/corrections", "get", 200, &log);
    let number = log["corrections"][0]["id"].as_i64().expect("a correction");
    let (status, undone) = api.post(
        &format!("/api/corrections/{number}/undo"),
        "application/json",
        "",
        None,
    );
    assert_eq!(status, 200, "{undone}");
    check("/api/corrections/{id}/undo", "post", 200, &undone);
    let (status, missing) = api.post("/api/corrections/999/undo", "application/json", "", None);
    assert_eq!(status, 404, "{missing}");
    check("/api/corrections/{id}/undo", "post", 404, &missing);
}

#[test]
fn stories_list_and_one_story_with_its_comparison() {
    let api = Api::start(None);
    let (status, list) = api.get("/api/stories");
    assert_eq!(status, 200);
    assert!(list["total"].as_u64().unwrap() >= 4);
    let (_, largest) = api.get("/api/stories?order=largest");
    let sizes: Vec<u64> = largest["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["size"].as_u64().unwrap())
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    let story = sudan(&api);
    assert!(story["story"]["languages"].as_array().unwrap().len() >= 4);
    let figures = story["story"]["comparison"]["figures"].as_array().unwrap();
    assert!(figures.iter().any(|g| g["figures"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["value"].as_f64() == Some(600.0))));
    assert!(!story["story"]["joins"].as_array().unwrap().is_empty());
    assert!(story["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["kind"] == "translation"));

    let (status, body) = api.get("/api/stories?order=sideways");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.get("/api/stories/zz");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.get("/api/stories/s00000000000000ff");
    assert_eq!((status, error_code(&body)), (404, "not_found"));
    let (status, body) = api.get("/api/stories?limit=-3");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
}

#[test]
fn articles_list_search_and_one_article() {
    let api = Api::start(None);
    let (status, list) = api.get("/api/articles?limit=5");
    assert_eq!(status, 200);
    assert_eq!(list["articles"].as_array().unwrap().len(), 5);
    assert_eq!(list["total"], 16);
    let (_, hits) = api.get("/api/articles?q=%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2"); // Лавров
    assert!(!hits["hits"].as_array().unwrap().is_empty(), "{hits}");
    let id = list["articles"][0]["id"].as_str().unwrap();
    let (status, one) = api.get(&format!("/api/articles/{}", &id[..8]));
    assert_eq!(status, 200);
    assert_eq!(one["article"]["id"], id);
    assert!(one["article"]["removed"].is_array());
    assert!(one["story"].as_str().unwrap().starts_with('s'));

    let (status, body) = api.get("/api/articles/not-hex");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.get("/api/articles/ffffffffffffffff");
    assert_eq!((status, error_code(&body)), (404, "not_found"));
    let (status, body) = api.get("/api/articles?limit=abc");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.get("/api/nothing-here");
    assert_eq!((status, error_code(&body)), (404, "not_found"));
}

#[test]
fn entities_with_their_spellings_and_similarity() {
    let api = Api::start(None);
    let (status, list) = api.get("/api/entities?limit=200");
    assert_eq!(status, 200);
    let lavrov = list["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["variants"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v == "Сергей Лавров")
        })
        .expect("Lavrov in Cyrillic");
    assert!(
        lavrov["variants"].as_array().unwrap().len() >= 2,
        "{lavrov}"
    );
    let (status, one) = api.get("/api/entities/Lavrov");
    assert_eq!(status, 200, "{one}");
    assert!(!one["stories"].as_array().unwrap().is_empty());
    let (status, body) = api.get("/api/entities/Nobody%20Atall");
    assert_eq!((status, error_code(&body)), (404, "not_found"));

    let story = sudan(&api);
    let ids = story["story"]["articles"].as_array().unwrap();
    let (status, sim) = api.get(&format!(
        "/api/similarity?a={}&b={}",
        ids[0].as_str().unwrap(),
        ids[1].as_str().unwrap()
    ));
    assert_eq!(status, 200);
    assert!(sim["similarity"]["score"].as_f64().unwrap() > 0.3, "{sim}");
    let (status, body) = api.get("/api/similarity?a=abc");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
}

#[test]
fn a_posted_article_joins_its_story_at_once_and_bad_posts_are_refused() {
    let api = Api::start(None);
    let story = sudan(&api);
    let sudan_id = story["story"]["id"].as_str().unwrap().to_string();
    let article = json!({
        "title": "Переговоры в Джидде продолжаются",
        "text": "ДЖИДДА, 7 мая. Представители армии Судана и Сил быстрого реагирования продолжили переговоры в Джидде при посредничестве Саудовской Аравии и США. По данным ВОЗ, с начала боев в Хартуме погибли не менее 600 человек.\n\nАбдель Фаттах аль-Бурхан и Мохаммед Хамдан Дагало не участвуют во встрече лично, сообщил Омар Сиддик.",
        "published": "2023-05-07",
        "source": "Вестник Джидды"
    });
    let (status, body) = api.post(
        "/api/articles",
        "application/json",
        &article.to_string(),
        None,
    );
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["articles"][0]["new"], true);
    assert_eq!(
        body["articles"][0]["story"],
        sudan_id.as_str(),
        "joined the Sudan story at once"
    );
    // the story as served shows it at once (its cached page was made before the POST)
    let new_id = body["articles"][0]["id"].as_str().unwrap().to_string();
    let (_, story) = api.get(&format!("/api/stories/{sudan_id}"));
    assert!(
        story["story"]["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == new_id.as_str()),
        "{story}"
    );
    let (status, again) = api.post(
        "/api/articles",
        "application/json",
        &json!([article]).to_string(),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(again["articles"][0]["new"], false);

    let (status, body) = api.post("/api/articles", "text/plain", "{}", None);
    assert_eq!((status, error_code(&body)), (415, "unsupported_media_type"));
    let (status, body) = api.post("/api/articles", "application/json", "{\"title\": ", None);
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.post(
        "/api/articles",
        "application/json",
        "{\"url\": \"x\"}",
        None,
    );
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.post("/api/articles", "application/json", "42", None);
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    // a body over the limit: the server answers 413 as soon as it knows, without reading the
    // rest (a raw request, since a client still sending would see its pipe closed)
    let raw = raw_post(&api.base, "application/json", 10 << 20, &"x".repeat(70_000));
    assert!(raw.starts_with("HTTP/1.1 413"), "{raw}");
    assert!(raw.contains("\"too_large\""), "{raw}");
    // the same declared by a client that then sends almost nothing: refused on the declared
    // length, not after the 30 s request timeout (the socket gives up after 10 s)
    let raw = raw_post(&api.base, "application/json", 100 << 20, "[{\"a\":1}]");
    assert!(raw.starts_with("HTTP/1.1 413"), "{raw}");
    assert!(raw.contains("\"too_large\""), "{raw}");
    let many = Value::Array(vec![json!({"title": "t", "text": "x"}); 1001]).to_string();
    let (status, _) = api.post("/api/articles", "application/json", &many, None);
    assert!(status == 400 || status == 413, "{status}");
}

#[test]
fn with_a_token_writing_needs_it() {
    let api = Api::start(Some("s3cret"));
    let article =
        json!({"title": "Note", "text": "Une courte dépêche sur la météo à Lyon ce mardi."})
            .to_string();
    let (status, body) = api.post("/api/articles", "application/json", &article, None);
    assert_eq!((status, error_code(&body)), (401, "unauthorized"));
    let (status, body) = api.post("/api/articles", "application/json", &article, Some("wrong"));
    assert_eq!((status, error_code(&body)), (401, "unauthorized"));
    let (status, _) = api.post(
        "/api/articles",
        "application/json",
        &article,
        Some("s3cret"),
    );
    assert_eq!(status, 201);
    // reading needs no token
    assert_eq!(api.get("/api/stories").0, 200);
}

#[test]
fn slow_clients_are_dropped_and_many_idle_connections_do_not_lock_others_out() {
    use std::io::{Read, Write};
    let api = Api::start_with(None, |c| {
        c.header_timeout = std::time::Duration::from_secs(1);
        c.max_connections = 64;
    });
    let addr = api.base.trim_start_matches("http://").to_string();
    // 200 connections that send half a request line and then nothing (slowloris)
    let mut idle = Vec::new();
    for _ in 0..200 {
        let mut s = std::net::TcpStream::connect(&addr).expect("connects");
        let _ = s.write_all(b"GET /api/stories HTTP/1.1\r\nHo");
        idle.push(s);
    }
    // a normal client is still answered: the idle ones are dropped after the header timeout
    let started = std::time::Instant::now();
    let (status, _) = api.get("/api/stories");
    assert_eq!(status, 200);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // and the slow ones were closed by the server, not left open
    let mut closed = 0;
    for mut s in idle.into_iter().take(20) {
        s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .expect("a timeout");
        let mut buf = [0u8; 512];
        match s.read(&mut buf) {
            // still open after 5 s: the server kept the slow client
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Ok(0) | Err(_) => closed += 1,
            Ok(n) => {
                // hyper may answer 408 before closing
                assert!(
                    String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 408"),
                    "{}",
                    String::from_utf8_lossy(&buf[..n])
                );
                closed += 1;
            }
        }
    }
    assert_eq!(closed, 20);
}

#[test]
fn exports_stream_every_table_and_a_story_as_a_download() {
    let api = Api::start(None);
    let fetch = |path: &str| {
        let mut response = api
            .agent
            .get(&format!("{}{path}", api.base))
            .call()
            .expect("answers");
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        let (kind, disposition) = (header("content-type"), header("content-disposition"));
        let body = response.body_mut().read_to_string().expect("a body");
        (status, kind, disposition, body)
    };
    let (status, kind, disposition, body) = fetch("/api/export/articles?format=jsonl");
    assert_eq!(status, 200, "{body}");
    assert_eq!(kind, "application/x-ndjson");
    assert!(
        disposition.contains("recoupe-articles.jsonl"),
        "{disposition}"
    );
    let articles: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    assert_eq!(articles.len(), 16);

    let story = sudan(&api);
    let id = story["story"]["id"].as_str().expect("an id").to_string();
    let size = story["size"].as_u64().expect("a size") as usize;
    let (status, kind, disposition, body) = fetch(&format!("/api/export/articles?story={id}"));
    assert_eq!(status, 200, "{body}");
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(disposition.contains(&id), "{disposition}");
    assert!(body.starts_with("article,story,published"), "{body}");
    let records = csv_records(&body);
    assert_eq!(records.len(), size);
    assert!(records.iter().all(|r| r[1] == id));
    for table in ["stories", "entities", "quotes", "figures", "links"] {
        let (status, _, _, body) = fetch(&format!("/api/export/{table}?story={id}"));
        assert_eq!(status, 200, "{table}: {body}");
        assert!(!csv_records(&body).is_empty(), "{table}: {body}");
    }

    // Parquet: a binary download the Parquet reader reads back, one row per article of the story
    let mut response = api
        .agent
        .get(&format!(
            "{}/api/export/articles?story={id}&format=parquet",
            api.base
        ))
        .call()
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header("content-type"), "application/vnd.apache.parquet");
    assert!(header("content-disposition").ends_with(".parquet\""));
    let bytes = response.body_mut().read_to_vec().expect("a body");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("articles.parquet");
    std::fs::write(&path, bytes).unwrap();
    use parquet::file::reader::FileReader;
    use parquet::record::RowAccessor;
    let reader = parquet::file::reader::SerializedFileReader::new(
        std::fs::File::open(&path).expect("the file"),
    )
    .expect("a Parquet file");
    let stories: Vec<String> = reader
        .get_row_iter(None)
        .expect("rows")
        .map(|row| row.expect("a row").get_string(1).expect("a story").clone())
        .collect();
    assert_eq!(stories.len(), size);
    assert!(stories.iter().all(|s| *s == id));

    let (status, body) = api.get("/api/export/secrets");
    assert_eq!((status, error_code(&body)), (404, "not_found"));
    let (status, body) = api.get("/api/export/articles?format=xlsx");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.get("/api/export/articles?story=s00000000000000ff");
    assert_eq!((status, error_code(&body)), (404, "not_found"));
    // kept to a language: its articles only
    let (status, _, _, body) = fetch("/api/export/articles?format=jsonl&lang=fr");
    assert_eq!(status, 200, "{body}");
    let french: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    assert!(!french.is_empty() && french.len() < 16, "{body}");
    assert!(french.iter().all(|a| a["language"] == "fr"), "{body}");
    let (status, body) = api.get("/api/export/articles?since=yesterday");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.get("/api/export/entities?since=2025-01-01");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
}

/// The records of a CSV text (its header left out), each as its cells.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

#[test]
fn search_in_every_spelling_with_filters() {
    let api = Api::start(None);
    let (status, found) = api.get("/api/search?q=Marseille");
    assert_eq!(status, 200, "{found}");
    let spellings = found["also"][0]["spellings"].as_array().expect("spellings");
    assert!(spellings.iter().any(|s| s == "مرسيليا"), "{found}");
    let all = found["hits"].as_array().expect("hits").len();
    let (_, arabic) = api.get("/api/search?q=Marseille&lang=ar");
    let arabic = arabic["hits"].as_array().expect("hits");
    assert!(!arabic.is_empty() && arabic.len() < all);
    assert!(arabic.iter().all(|h| h["language"] == "ar"));
    // the snippet marks the spelling the article uses
    assert!(arabic
        .iter()
        .any(|h| h["snippet"].as_str().unwrap_or("").contains("[مرسيليا]")));
    let (_, dated) = api.get("/api/search?q=Marseille&since=2025-01-01&until=2025-12-31");
    let dated = dated["hits"].as_array().expect("hits");
    assert!(!dated.is_empty() && dated.len() < all);
    let (status, body) = api.get("/api/search?q=Marseille&since=yesterday");
    assert_eq!((status, error_code(&body)), (400, "bad_request"));
    let (status, body) = api.get("/api/search?q=Marseille&entity=Zzyzx%20Qwerty");
    assert_eq!((status, error_code(&body)), (404, "not_found"));
}

#[test]
fn corrections_through_the_api_need_the_token_and_can_be_undone() {
    let api = Api::start(Some("s3cret"));
    let story = sudan(&api);
    let id = story["story"]["id"].as_str().expect("an id").to_string();
    let size = story["size"].as_u64().expect("a size");
    let article = story["story"]["articles"][0]
        .as_str()
        .expect("an article")
        .to_string();
    let body = format!(
        r#"{{"action": "move", "article": "{article}", "to": "new", "why": "a test", "by": "desk"}}"#
    );
    let (status, answer) = api.post("/api/corrections", "application/json", &body, None);
    assert_eq!((status, error_code(&answer)), (401, "unauthorized"));
    let (status, answer) = api.post(
        "/api/corrections",
        "application/json",
        &body,
        Some("s3cret"),
    );
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["correction"]["action"]["kind"], "move");
    assert_eq!(answer["correction"]["by"], "desk");
    let (_, after) = api.get(&format!("/api/stories/{id}"));
    assert_eq!(after["size"].as_u64(), Some(size - 1), "{after}");
    let (_, log) = api.get("/api/corrections");
    assert_eq!(log["corrections"].as_array().map(Vec::len), Some(1));
    let (status, answer) = api.post(
        "/api/corrections/1/undo",
        "application/json",
        "",
        Some("s3cret"),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(answer["correction"]["undone_at"].is_string());
    let (_, back) = api.get(&format!("/api/stories/{id}"));
    assert_eq!(back["size"].as_u64(), Some(size));
    let bad = r#"{"action": "merge", "story": "s00000000000000ff", "into": "s00000000000000fe"}"#;
    let (status, answer) = api.post("/api/corrections", "application/json", bad, Some("s3cret"));
    assert_eq!((status, error_code(&answer)), (404, "not_found"));
}

#[test]
fn the_story_page_corrects_with_a_plain_form() {
    let api = Api::start(Some("s3cret"));
    let story = sudan(&api);
    let id = story["story"]["id"].as_str().expect("an id").to_string();
    let article = story["story"]["articles"][1]
        .as_str()
        .expect("an article")
        .to_string();
    let (status, page) = api.get(&format!("/stories/{id}"));
    assert_eq!(status, 200);
    let page = page.as_str().expect("HTML").to_string();
    assert!(
        page.contains("Correct this story")
            && page.contains(&format!("action=\"/stories/{id}/correct\"")),
        "the forms are on the page"
    );
    let form = format!("action=move&article={article}&to=new&why=opinion&by=desk&token=");
    let (status, _) = api.post(
        &format!("/stories/{id}/correct"),
        "application/x-www-form-urlencoded",
        &form,
        None,
    );
    assert_eq!(status, 401, "no token, no correction");
    let form = format!("action=move&article={article}&to=new&why=opinion&by=desk&token=s3cret");
    let (status, page) = api.post(
        &format!("/stories/{id}/correct"),
        "application/x-www-form-urlencoded",
        &form,
        None,
    );
    assert_eq!(
        status, 200,
        "the form leads to the article's new story: {page}"
    );
    let (_, log) = api.get("/api/corrections");
    assert_eq!(log["corrections"][0]["by"], "desk");
    assert_eq!(log["corrections"][0]["why"], "opinion");
    let (_, after) = api.get(&format!("/api/stories/{id}"));
    assert_eq!(
        after["size"].as_u64(),
        story["size"].as_u64().map(|n| n - 1)
    );

    // the split form: two ticked articles leave together for one new story
    let ticked: Vec<String> = after["story"]["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .take(2)
        .filter_map(|a| a.as_str().map(str::to_string))
        .collect();
    assert_eq!(ticked.len(), 2);
    let (_, page) = api.get(&format!("/stories/{id}"));
    let page = page.as_str().expect("HTML").to_string();
    assert!(
        page.contains(&format!("name=\"articles\" value=\"{}\"", ticked[0])),
        "a box to tick per article"
    );
    let form = format!(
        "action=split&articles={}&articles={}&why=two+events&by=desk&token=s3cret",
        ticked[0], ticked[1]
    );
    let (status, page) = api.post(
        &format!("/stories/{id}/correct"),
        "application/x-www-form-urlencoded",
        &form,
        None,
    );
    assert_eq!(status, 200, "the form leads to the new story: {page}");
    let (_, log) = api.get("/api/corrections");
    let split = &log["corrections"][1]["action"];
    assert_eq!(split["kind"], "split", "{log}");
    let new_story = split["to"].as_str().expect("the new story");
    let (_, made) = api.get(&format!("/api/stories/{new_story}"));
    assert_eq!(made["size"], 2, "{made}");
    let (_, left) = api.get(&format!("/api/stories/{id}"));
    assert_eq!(left["size"].as_u64(), story["size"].as_u64().map(|n| n - 3));
}

#[test]
fn entities_are_merged_through_the_api_and_the_entity_page() {
    let api = Api::start(Some("s3cret"));
    let (_, list) = api.get("/api/entities?limit=200");
    let listed = list["entities"].as_array().expect("entities");
    // three entities with no spelling in common, the last ones of the list
    let pick: Vec<(String, String)> = listed
        .iter()
        .rev()
        .take(3)
        .map(|e| {
            (
                e["id"].as_str().expect("an id").to_string(),
                e["name"].as_str().expect("a name").to_string(),
            )
        })
        .collect();
    assert_eq!(pick.len(), 3, "{list}");
    let [(a, a_name), (b, b_name), (c, _)] = [pick[0].clone(), pick[1].clone(), pick[2].clone()];
    let body = format!(
        r#"{{"action": "merge_entities", "entity": "{a}", "into": "{b_name}", "why": "one actor", "by": "desk"}}"#
    );
    let (status, answer) = api.post("/api/corrections", "application/json", &body, None);
    assert_eq!((status, error_code(&answer)), (401, "unauthorized"));
    let (status, answer) = api.post(
        "/api/corrections",
        "application/json",
        &body,
        Some("s3cret"),
    );
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["correction"]["action"]["kind"], "merge_entities");
    assert_eq!(answer["correction"]["action"]["into"], b.as_str());
    let (_, list) = api.get("/api/entities?limit=200");
    let ids: Vec<&str> = list["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert!(
        !ids.contains(&a.as_str()) && ids.contains(&b.as_str()),
        "{ids:?}"
    );
    // the merged entity's name answers with the one it was merged into, its spelling among its
    let (status, found) = api.get(&format!("/api/entities/{a}"));
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["entity"]["id"], b.as_str());
    assert!(found["entity"]["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .any(|v| v.as_str() == Some(a_name.as_str())));

    // the entity page's form merges a third one into it
    let (status, page) = api.get(&format!("/entities/{b}"));
    assert_eq!(status, 200);
    let page = page.as_str().expect("HTML").to_string();
    assert!(
        page.contains(&format!("action=\"/entities/{b}/correct\"")),
        "the form is there"
    );
    let form = format!("action=merge_entities&into={b}&why=same&by=desk&token=s3cret");
    let (status, page) = api.post(
        &format!("/entities/{c}/correct"),
        "application/x-www-form-urlencoded",
        &form,
        None,
    );
    assert_eq!(
        status, 200,
        "the form leads to the entity merged into: {page}"
    );
    let (_, log) = api.get("/api/corrections");
    assert_eq!(
        log["corrections"][1]["action"]["kind"], "merge_entities",
        "{log}"
    );
    assert_eq!(log["corrections"][1]["action"]["from"], c.as_str());
    // undone: the first entity is listed again
    let (status, _) = api.post(
        "/api/corrections/1/undo",
        "application/json",
        "",
        Some("s3cret"),
    );
    assert_eq!(status, 200);
    let (_, found) = api.get(&format!("/api/entities/{a}"));
    assert_eq!(found["entity"]["id"], a.as_str());
    // an entity merged into itself is refused
    let body = format!(r#"{{"action": "merge_entities", "entity": "{b}", "into": "{b}"}}"#);
    let (status, answer) = api.post(
        "/api/corrections",
        "application/json",
        &body,
        Some("s3cret"),
    );
    assert_eq!((status, error_code(&answer)), (404, "not_found"));
}

#[test]
fn spellings_are_split_out_of_entities_through_the_api_and_the_entity_page() {
    let api = Api::start(Some("s3cret"));
    let (_, list) = api.get("/api/entities?limit=200");
    // two entities of several spellings: one split through the API, one through its page
    let several: Vec<(String, Vec<String>)> = list["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| {
            let variants: Vec<String> = e["variants"]
                .as_array()?
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            let id = e["id"].as_str()?.to_string();
            (variants.len() > 1).then_some((id, variants))
        })
        .take(2)
        .collect();
    assert_eq!(several.len(), 2, "{list}");
    let (a, a_spellings) = several[0].clone();
    let spelling = a_spellings.last().expect("a spelling").clone();
    let body = serde_json::json!({
        "action": "split_spelling", "entity": a, "spelling": spelling,
        "why": "another actor", "by": "desk"
    })
    .to_string();
    let (status, answer) = api.post(
        "/api/corrections",
        "application/json",
        &body,
        Some("s3cret"),
    );
    assert_eq!(status, 201, "{answer}");
    let action = &answer["correction"]["action"];
    assert_eq!(action["kind"], "split_spelling", "{answer}");
    let to = action["to"]
        .as_str()
        .expect("the split's entity")
        .to_string();
    // the entity no longer spells it so; the split one answers by its id
    let (_, found) = api.get(&format!("/api/entities/{a}"));
    assert_eq!(found["entity"]["id"], a.as_str(), "{found}");
    assert!(!found["entity"]["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .any(|v| v.as_str() == Some(spelling.as_str())));
    let (status, split) = api.get(&format!("/api/entities/{to}"));
    assert_eq!(status, 200, "{split}");
    assert_eq!(split["entity"]["name"], spelling.as_str(), "{split}");
    // the same again is refused
    let (status, answer) = api.post(
        "/api/corrections",
        "application/json",
        &body,
        Some("s3cret"),
    );
    assert_eq!(
        (status, error_code(&answer)),
        (404, "not_found"),
        "{answer}"
    );

    // the entity page's form splits one out of the second entity, and shows it
    let (b, b_spellings) = several[1].clone();
    let (_, page) = api.get(&format!("/entities/{b}"));
    let page = page.as_str().expect("HTML").to_string();
    assert!(
        page.contains("value=\"split_spelling\""),
        "the form is there"
    );
    let chosen = b_spellings.last().expect("a spelling");
    let form = format!(
        "action=split_spelling&spelling={}&why=two&by=desk&token=s3cret",
        urlencoding(chosen)
    );
    let (status, page) = api.post(
        &format!("/entities/{b}/correct"),
        "application/x-www-form-urlencoded",
        &form,
        None,
    );
    assert_eq!(
        status, 200,
        "the form leads to the entity split out: {page}"
    );
    assert!(
        page.as_str().expect("HTML").contains("split out of"),
        "{page}"
    );
    // undone: the spelling is the first entity's again
    let (status, _) = api.post(
        "/api/corrections/1/undo",
        "application/json",
        "",
        Some("s3cret"),
    );
    assert_eq!(status, 200);
    let (_, found) = api.get(&format!("/api/entities/{a}"));
    assert!(found["entity"]["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .any(|v| v.as_str() == Some(spelling.as_str())));
}

/// `text` percent-encoded for a form body.
fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn figures_and_quotes_are_marked_wrong_through_the_api_and_the_story_page() {
    let api = Api::start(Some("s3cret"));
    let story = sudan(&api);
    let id = story["story"]["id"].as_str().expect("an id").to_string();
    let compared = |story: &Value| -> Vec<(String, u64)> {
        story["story"]["comparison"]["figures"]
            .as_array()
            .expect("figures")
            .iter()
            .flat_map(|g| g["figures"].as_array().expect("figures").iter())
            .map(|f| {
                (
                    f["article"].as_str().expect("an article").to_string(),
                    f["start"].as_u64().expect("a start"),
                )
            })
            .collect()
    };
    let before = compared(&story);
    assert!(before.len() >= 2, "{story}");
    let (article, start) = before[0].clone();
    let body = format!(
        r#"{{"action": "mark_wrong", "article": "{article}", "finding": "figure", "start": {start}, "why": "misread"}}"#
    );
    let (status, answer) = api.post(
        "/api/corrections",
        "application/json",
        &body,
        Some("s3cret"),
    );
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["correction"]["action"]["kind"], "mark_wrong");
    let (_, after) = api.get(&format!("/api/stories/{id}"));
    assert!(
        !compared(&after).contains(&(article.clone(), start)),
        "{after}"
    );
    // the story page's form marks another
    let (_, page) = api.get(&format!("/stories/{id}"));
    let page = page.as_str().expect("HTML").to_string();
    assert!(
        page.contains("value=\"wrong_figure\""),
        "the form is on the page"
    );
    let (other, other_start) = compared(&after)[0].clone();
    let form = format!(
        "action=wrong_figure&figure={other}%3A{other_start}&why=misread&by=desk&token=s3cret"
    );
    let (status, page) = api.post(
        &format!("/stories/{id}/correct"),
        "application/x-www-form-urlencoded",
        &form,
        None,
    );
    assert_eq!(status, 200, "{page}");
    let (_, again) = api.get(&format!("/api/stories/{id}"));
    assert!(!compared(&again).contains(&(other, other_start)));
    // a quote of an article, by where it starts
    let members = story["story"]["articles"].as_array().expect("articles");
    let quoted = members
        .iter()
        .filter_map(|a| a.as_str())
        .find_map(|a| {
            let (_, article) = api.get(&format!("/api/articles/{a}"));
            let start = article["article"]["quotes"][0]["start"].as_u64()?;
            Some((a.to_string(), start))
        })
        .expect("a quoted article");
    let body = format!(
        r#"{{"action": "mark_wrong", "article": "{}", "finding": "quote", "start": {}}}"#,
        quoted.0, quoted.1
    );
    let (status, answer) = api.post(
        "/api/corrections",
        "application/json",
        &body,
        Some("s3cret"),
    );
    assert_eq!(status, 201, "{answer}");
    let (status, answer) = api.post(
        "/api/corrections",
        "application/json",
        &body,
        Some("s3cret"),
    );
    assert_eq!(
        (status, error_code(&answer)),
        (404, "not_found"),
        "marked already"
    );
    let (_, csv) = api.get(&format!("/api/export/quotes?story={id}"));
    let csv = csv.as_str().expect("CSV").to_string();
    assert!(csv.lines().any(|l| l.ends_with(",3")), "{csv}");
    // the story page's form marks a shared quote: it leaves the comparison
    let shared = |story: &Value| -> Vec<(String, u64)> {
        story["story"]["comparison"]["quotes"]
            .as_array()
            .expect("quotes")
            .iter()
            .flat_map(|q| q["versions"].as_array().expect("versions").iter())
            .map(|v| {
                (
                    v["article"].as_str().expect("an article").to_string(),
                    v["start"].as_u64().expect("a start"),
                )
            })
            .collect()
    };
    let (_, before) = api.get(&format!("/api/stories/{id}"));
    let (article, start) = shared(&before).first().cloned().expect("a shared quote");
    let (_, page) = api.get(&format!("/stories/{id}"));
    assert!(
        page.as_str()
            .expect("HTML")
            .contains("value=\"wrong_quote\""),
        "the form is on the page"
    );
    let form =
        format!("action=wrong_quote&quote={article}%3A{start}&why=not+his&by=desk&token=s3cret");
    let (status, page) = api.post(
        &format!("/stories/{id}/correct"),
        "application/x-www-form-urlencoded",
        &form,
        None,
    );
    assert_eq!(status, 200, "{page}");
    let (_, after) = api.get(&format!("/api/stories/{id}"));
    assert!(
        !shared(&after).contains(&(article, start)),
        "{}",
        after["story"]["comparison"]["quotes"]
    );
}
