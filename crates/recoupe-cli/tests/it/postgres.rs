//! The same commands on a PostgreSQL store (`--db postgres://…`) as on a SQLite file: the sample
//! corpus ingested into both gives the same stories, entities, articles, story pages and search
//! hits; ingesting it again adds nothing. Runs against the machine's PostgreSQL
//! (`RECOUPE_TEST_POSTGRES`), in a database of its own, and fails when it cannot reach it.

use serde_json::Value;

use crate::{recoupe, repo_root};

fn json(args: &[&str]) -> Value {
    let (code, out, err) = recoupe(args);
    assert_eq!(code, 0, "recoupe {args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("recoupe {args:?}: {e}\n{out}"))
}

/// The ids of a search's hits, sorted (the two backends rank ties differently).
fn hits(db: &str, query: &str) -> Vec<String> {
    let found = json(&["search", query, "--db", db, "--json"]);
    let list = found.get("hits").unwrap_or(&found);
    let mut ids: Vec<String> = list
        .as_array()
        .expect("a list of hits")
        .iter()
        .map(|h| h["id"].as_str().expect("an id").to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
#[ignore = "needs PostgreSQL and NATS on the machine: .ci/run runs it (cargo test -- --ignored)"]
fn the_sample_corpus_in_postgresql_reads_as_in_sqlite() {
    let corpus = repo_root().join("examples/corpus");
    let corpus = corpus.to_str().expect("a path");
    let dir = tempfile::tempdir().expect("a directory");
    let file = dir.path().join("s.db");
    let sqlite = file.to_str().expect("a path");
    let scratch = recoupe_store::pg::ScratchDatabase::for_tests()
        .unwrap_or_else(|e| panic!("a database of the test's own (RECOUPE_TEST_POSTGRES): {e}"));
    let pg = scratch.url();
    for db in [sqlite, pg] {
        let (code, out, err) = recoupe(&["ingest", corpus, "--db", db]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("16 new"), "{out}");
    }
    for args in [
        &["stories", "--json"][..],
        &["entities", "--json"],
        &["articles", "--json"],
    ] {
        let on = |db: &str| json(&[args, &["--db", db]].concat());
        assert_eq!(on(sqlite), on(pg), "recoupe {args:?}");
    }
    let stories = json(&["stories", "--db", pg, "--json"]);
    let first = stories["stories"][0]["id"].as_str().expect("a story id");
    assert_eq!(
        json(&["story", first, "--db", sqlite, "--json"]),
        json(&["story", first, "--db", pg, "--json"])
    );
    for query in [
        "Marseille",
        "Marsella OR مرسيليا",
        "evacu*",
        "\"forces thousands\"",
    ] {
        let found = hits(pg, query);
        assert!(!found.is_empty(), "{query}");
        assert_eq!(hits(sqlite, query), found, "{query}");
    }
    // an ingest run again stores nothing twice
    let (code, out, err) = recoupe(&["ingest", corpus, "--db", pg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 new, 16 already stored"), "{out}");
}
