//! Bad input gives a clear message per file; the other files are still read and nothing stored
//! is lost.

use std::fs;
use std::io::Write;

use crate::recoupe;

#[test]
fn bad_files_are_reported_and_good_ones_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    fs::write(
        inputs.join("good.txt"),
        "Un titre\nLe conseil a voté le budget mardi soir après trois heures de débat.\n",
    )
    .unwrap();
    fs::write(inputs.join("empty.txt"), "").unwrap();
    fs::write(
        inputs.join("binary.txt"),
        (0..5000u32).map(|i| (i % 251) as u8).collect::<Vec<u8>>(),
    )
    .unwrap();
    fs::write(inputs.join("latin1.txt"), b"Le caf\xe9 ferme\nLe propri\xe9taire a annonc\xe9 la fermeture du caf\xe9 pour l'\xe9t\xe9.\n").unwrap();
    fs::write(
        inputs.join("broken.jsonl"),
        "{not json\n{\"title\": \"Titre\", \"text\": \"Un texte.\"}\n",
    )
    .unwrap();
    // a gzip bomb: 300 MB of zeros compressed
    let mut encoder = flate2_writer(&inputs.join("bomb.txt.gz"));
    let zeros = vec![b'a'; 1 << 20];
    for _ in 0..300 {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap();
    // 100k-deep nested HTML
    let deep = format!(
        "<html><body>{}Texte enfoui au fond de la page.{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    fs::write(inputs.join("deep.html"), deep).unwrap();

    let db = dir.path().join("r.db");
    let (code, out, err) = recoupe(&[
        "ingest",
        inputs.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "some inputs skipped: {out} {err}");
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.contains("binary.txt: binary file"), "{err}");
    assert!(err.contains("bomb.txt.gz: expands past"), "{err}");
    assert!(
        err.contains("broken.jsonl: line 1: not valid JSON"),
        "{err}"
    );
    assert!(
        out.starts_with("4 articles read, 4 new"),
        "good, latin-1, the JSON line and the deep page: {out}"
    );

    let (_, shown, _) = recoupe(&["search", "propriétaire", "--db", db.to_str().unwrap()]);
    assert!(shown.contains("Le café ferme"), "latin-1 decoded: {shown}");
    let (_, shown, _) = recoupe(&["search", "enfoui", "--db", db.to_str().unwrap()]);
    assert!(
        !shown.starts_with("no article"),
        "deep page read as text: {shown}"
    );

    // a second run with a missing path still keeps what is stored
    let (code, _, err) = recoupe(&["ingest", "/nonexistent/path", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/path: cannot read"), "{err}");
    let (_, list, _) = recoupe(&["articles", "--db", db.to_str().unwrap()]);
    assert_eq!(list.lines().count(), 4);
}

#[test]
fn a_file_over_the_size_cap_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let file = fs::File::create(&big).unwrap();
    file.set_len(3 << 30).unwrap(); // 3 GB, sparse
    let (code, _, err) = recoupe(&["analyze", big.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("over the cap") || err.is_empty(), "{err}");
}

fn flate2_writer(path: &std::path::Path) -> flate2::write::GzEncoder<fs::File> {
    flate2::write::GzEncoder::new(fs::File::create(path).unwrap(), flate2::Compression::fast())
}

#[test]
fn an_interrupted_ingest_leaves_a_consistent_store_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    let total = 1500;
    for i in 0..total {
        let text = format!(
            "Dépêche numéro {i}\nLe conseil numéro {i} a voté le budget mardi, après un débat de {} heures, selon la mairie.\n",
            i % 7 + 1
        );
        fs::write(inputs.join(format!("{i:05}.txt")), text).unwrap();
    }
    let db = dir.path().join("r.db");
    let binary = env!("CARGO_BIN_EXE_recoupe");
    for delay_ms in [40u64, 120, 250] {
        let mut child = std::process::Command::new(binary)
            .args([
                "ingest",
                inputs.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        if db.exists() {
            let store = recoupe_store::Store::open(&db).unwrap();
            assert_eq!(
                store.integrity_check().unwrap(),
                "ok",
                "after a kill at {delay_ms} ms"
            );
            assert!(store.count().unwrap() <= total);
        }
    }
    let (code, out, err) = recoupe(&[
        "ingest",
        inputs.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out} {err}");
    let store = recoupe_store::Store::open(&db).unwrap();
    assert_eq!(store.count().unwrap(), total, "nothing lost, nothing twice");
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// Story memberships of a store, sorted: the stories as sets of articles.
fn stories_of(db: &std::path::Path) -> Vec<Vec<recoupe_core::ArticleId>> {
    let store = recoupe_store::Store::open(db).unwrap();
    let mut all: Vec<Vec<_>> = store.story_members().unwrap().into_values().collect();
    for s in &mut all {
        s.sort();
    }
    all.sort();
    all
}

#[test]
fn an_ingest_killed_twenty_times_ends_with_the_stories_of_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = recoupe_eval::generate::Corpus::plan(1600, 11);
    let input = dir.path().join("wire.jsonl");
    let mut lines = String::new();
    for i in 0..corpus.len() {
        lines.push_str(&corpus.json_line(i).to_string());
        lines.push('\n');
    }
    fs::write(&input, lines).unwrap();
    let ingest = |db: &std::path::Path| {
        vec![
            "ingest".to_string(),
            input.to_str().unwrap().to_string(),
            "--db".to_string(),
            db.to_str().unwrap().to_string(),
            // small snapshots: restarts go through snapshot and replay, not only replay
            "--snapshot-every".to_string(),
            "300".to_string(),
            // small transactions, so that kills land between many commits
            "--batch".to_string(),
            "48".to_string(),
        ]
    };
    let whole = dir.path().join("whole.db");
    let args = ingest(&whole);
    let (code, out, err) = recoupe(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{out} {err}");
    let expected = stories_of(&whole);
    let articles = recoupe_store::Store::open(&whole).unwrap().count().unwrap();
    assert!(articles > 1500);
    assert!(expected.iter().any(|s| s.len() >= 3), "stories were formed");

    let killed = dir.path().join("killed.db");
    let binary = env!("CARGO_BIN_EXE_recoupe");
    // twenty kill points spread over the run: when the store reaches a random count of
    // articles, kill at once or a few milliseconds later (inside the next transaction, or while
    // the restarted run replays its index)
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut targets: Vec<usize> = (0..20)
        .map(|_| (next() % (articles as u64 - 60)) as usize)
        .collect();
    targets.sort_unstable();
    let mut kills = 0;
    let mut counts = Vec::new();
    for target in targets {
        let mut child = std::process::Command::new(binary)
            .args(ingest(&killed))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let extra = next() % 40;
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            let stored = if killed.exists() {
                recoupe_store::Store::open(&killed)
                    .and_then(|s| s.count())
                    .unwrap_or(0)
            } else {
                0
            };
            if stored >= target {
                std::thread::sleep(std::time::Duration::from_millis(extra));
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        if child.try_wait().unwrap().is_some() {
            continue; // finished before the kill
        }
        let _ = child.kill();
        let _ = child.wait();
        kills += 1;
        let store = recoupe_store::Store::open(&killed).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "after kill {kills}");
        counts.push(store.count().unwrap());
    }
    eprintln!("killed {kills} times; stored after each kill: {counts:?}");
    let args = ingest(&killed);
    let (code, out, err) = recoupe(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{out} {err}");
    let mut distinct = counts.clone();
    distinct.dedup();
    assert!(
        kills >= 10 && distinct.len() >= 5,
        "killed {kills} times at too few points: {counts:?}"
    );
    let store = recoupe_store::Store::open(&killed).unwrap();
    assert_eq!(
        store.count().unwrap(),
        articles,
        "nothing lost, nothing twice"
    );
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(
        stories_of(&killed),
        expected,
        "the same stories as the uninterrupted run (killed {kills} times at {counts:?} stored)"
    );
    let entities = |db: &std::path::Path| {
        let store = recoupe_store::Store::open(db).unwrap();
        let list = store.entities(usize::MAX, usize::MAX).unwrap();
        list.into_iter()
            .map(|e| (e.id, e.name, e.variants, e.mentions, e.articles))
            .collect::<Vec<_>>()
    };
    let expected = entities(&whole);
    assert!(expected.len() > 50, "names were linked: {}", expected.len());
    assert!(
        entities(&killed) == expected,
        "the same entities, with the same ids, as the uninterrupted run"
    );
}
