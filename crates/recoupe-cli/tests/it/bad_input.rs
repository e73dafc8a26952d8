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
