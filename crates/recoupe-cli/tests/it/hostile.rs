//! Hostile input, through the `recoupe` binary as a user would run it: each case ends with a
//! clear error or a reported truncation, in bounded time (< 5 s) and memory (< 500 MB, the
//! binary's own peak resident set, reported with RECOUPE_PEAK_MEMORY). docs/RELIABILITY.md lists
//! the cases with the figures measured.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs `recoupe ARGS…`; returns (exit code, stdout, stderr, wall time, peak memory in MB).
fn run(args: &[&str]) -> (i32, String, String, Duration, f64) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .env("RECOUPE_PEAK_MEMORY", "1")
        .output()
        .expect("recoupe runs");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let peak_kb: f64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("recoupe: peak memory "))
        .and_then(|v| v.trim_end_matches(" kB").trim().parse().ok())
        .expect("the peak is reported");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
        elapsed,
        peak_kb / 1024.0,
    )
}

/// The bounds every case must hold; prints the figures. Time is not a performance assertion
/// here (tests run in parallel, in a debug build): the bound catches a hang or a quadratic
/// blow-up; the times of docs/RELIABILITY.md are measured on the release binary
/// (`scripts/reliability.sh`). Memory is the binary's own peak, whatever else runs.
fn bounded(case: &str, elapsed: Duration, peak_mb: f64) {
    eprintln!("{case}: {:.2} s, {peak_mb:.0} MB", elapsed.as_secs_f64());
    assert!(elapsed.as_secs_f64() < 60.0, "{case}: {elapsed:?}");
    assert!(peak_mb < 500.0, "{case}: {peak_mb} MB");
}

fn ingest(path: &Path, db: &Path) -> (i32, String, String, Duration, f64) {
    run(&[
        "ingest",
        path.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ])
}

#[test]
fn deeply_nested_html_is_read_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(100_000));
    html.push_str(
        "<p>Le conseil municipal de Nantes a voté le budget mardi soir après un long débat.</p>",
    );
    html.push_str(&"</div>".repeat(100_000));
    fs::write(&page, html).unwrap();
    let (code, out, err, t, mb) = run(&["extract", page.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("voté le budget"), "the text is kept");
    bounded("100k-deep nested HTML", t, mb);
}

#[test]
fn a_2_gb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::File::create(&big).unwrap().set_len(2 << 30).unwrap(); // sparse: 2 GiB, no disk used
    let (code, _, err, t, mb) = ingest(&big, &dir.path().join("r.db"));
    assert_eq!(code, 1);
    assert!(err.contains("over the cap"), "{err}");
    bounded("2 GB file", t, mb);
}

#[test]
fn invalid_and_mixed_encodings_and_nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // windows-1256 Arabic with stray invalid UTF-8
    let mut bytes = b"\xe3\xd1\xcd\xc8\xc7 \xc8\xc7\xe1\xda\xc7\xe1\xe3 \n".to_vec();
    bytes.extend_from_slice("Texte en fran\u{e7}ais ".as_bytes());
    bytes.extend_from_slice(b"\xff\xfe\xc3\x28 fin.\n");
    fs::write(dir.path().join("mixed.txt"), &bytes).unwrap();
    let mut nul = b"Un titre\n\nUn texte".to_vec();
    nul.extend(std::iter::repeat_n(0u8, 4096));
    nul.extend_from_slice(b" avec des octets nuls au milieu.\n");
    fs::write(dir.path().join("nul.txt"), &nul).unwrap();
    let (code, out, err, t, mb) = ingest(dir.path(), &dir.path().join("r.db"));
    assert!(code == 0 || code == 1, "{err}");
    assert!(out.contains("articles read"), "{out}");
    // each file is read or refused with its reason, none crashes the run
    assert!(
        err.contains("nul.txt") || out.contains("2 articles read"),
        "{out} {err}"
    );
    bounded("mixed encodings and NUL bytes", t, mb);
}

#[test]
fn a_10_mb_single_line_is_cut_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let line = dir.path().join("line.txt");
    let mut f = fs::File::create(&line).unwrap();
    f.write_all(b"Un titre\n").unwrap();
    for _ in 0..(10 << 20) / 50 {
        f.write_all(b"des mots et encore des mots sans aucune fin ici. ")
            .unwrap();
    }
    drop(f);
    let (code, out, err, t, mb) = run(&["analyze", line.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("--max-article-bytes"), "the cut is reported");
    bounded("10 MB single line", t, mb);
}

#[test]
fn a_million_paragraphs_are_cut_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paras.txt");
    let mut text = String::from("Un titre\n");
    for i in 0..1_000_000 {
        text.push_str(if i % 2 == 0 { "Oui.\n\n" } else { "Non.\n\n" });
    }
    fs::write(&path, text).unwrap();
    let (code, out, err, t, mb) = run(&["analyze", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("--max-article-bytes"), "the cut is reported");
    bounded("1M-paragraph article", t, mb);
}

#[test]
fn a_gzip_bomb_stops_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.txt.gz");
    let mut gz = flate2::write::GzEncoder::new(
        fs::File::create(&bomb).unwrap(),
        flate2::Compression::best(),
    );
    let zeros = vec![b'a'; 1 << 20];
    for _ in 0..1024 {
        gz.write_all(&zeros).unwrap(); // 1 GiB of text in ~1 MB
    }
    gz.finish().unwrap();
    let (code, _, err, t, mb) = ingest(&bomb, &dir.path().join("r.db"));
    assert_eq!(code, 1);
    assert!(err.contains("gzip bomb"), "{err}");
    bounded("gzip bomb (1 GiB in 1 MB)", t, mb);
}

#[test]
fn entity_tricks_in_a_feed_are_inert() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("laughs.rss");
    let mut xml = String::from("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        xml.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&lol{};", i - 1).repeat(10)
        ));
    }
    xml.push_str("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><title>t</title><item><title>&lol9;</title><description>Texte &xxe; fin.</description></item></channel></rss>");
    fs::write(&feed, xml).unwrap();
    let (code, _, err, t, mb) = run(&["analyze", feed.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    bounded("billion laughs and XXE feed", t, mb);
}

#[test]
fn a_warc_record_with_a_lying_length() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("lying.warc");
    fs::write(
        &warc,
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>",
    )
    .unwrap();
    let (code, _, err, t, mb) = ingest(&warc, &dir.path().join("r.db"));
    assert_eq!(code, 1);
    assert!(err.contains("--max-record-bytes"), "{err}");
    bounded("WARC record with a lying length", t, mb);
}

#[test]
fn path_like_names_in_records_are_only_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    fs::write(
        &input,
        "{\"id\": \"../../../../tmp/recoupe-escape\", \"title\": \"../../etc/passwd\", \"text\": \"Un texte ordinaire sur le port de Gênes, publié mardi.\", \"source\": \"/etc/shadow\", \"url\": \"file:///etc/passwd\"}\n",
    )
    .unwrap();
    let db = dir.path().join("r.db");
    let (code, _, err, t, mb) = ingest(&input, &db);
    assert_eq!(code, 0, "{err}");
    assert!(!Path::new("/tmp/recoupe-escape").exists());
    let (_, out, _, _, _) = run(&["articles", "--db", db.to_str().unwrap(), "--json"]);
    assert!(out.contains("../../etc/passwd"), "kept as the title it is");
    bounded("path traversal in names", t, mb);
}

#[test]
fn json_nested_10k_deep_is_a_reported_record() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("deep.jsonl");
    let deep = format!(
        "{{\"title\": \"deep\", \"text\": {}1{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    fs::write(
        &input,
        format!("{deep}\n{{\"title\": \"Fine\", \"text\": \"Un article normal sur la pluie à Lyon.\"}}\n"),
    )
    .unwrap();
    let (code, out, err, t, mb) = ingest(&input, &dir.path().join("r.db"));
    assert_eq!(code, 1);
    assert!(err.contains("line 1"), "{err}");
    assert!(out.contains("1 new"), "the other record is kept: {out}");
    bounded("JSON nested 10k deep", t, mb);
}
