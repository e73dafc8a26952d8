//! End-to-end tests of the `recoupe` binary: the seeds of ../shared (when present), the sample
//! corpus that ships with the repo, and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test
mod bad_input;
mod corpus;
mod hostile;
mod postgres;
mod queue;
mod seeds;
mod watch;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `recoupe ARGS…` and returns (exit code, stdout, stderr).
pub fn recoupe(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .output()
        .expect("recoupe runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs the binary with `input` on its standard input.
pub fn recoupe_with_stdin(args: &[&str], input: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("recoupe runs");
    let mut stdin = child.stdin.take().expect("a stdin");
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("recoupe ends");
    feeder.join().expect("fed").expect("written");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `recoupe analyze --json PATH…`, parsed.
pub fn analyze_json(paths: &[&Path]) -> Value {
    let mut args = vec!["analyze".to_string(), "--json".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, stdout, stderr) = recoupe(&args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\n{stderr}"))
}

pub fn articles(report: &Value) -> Vec<Value> {
    report["articles"].as_array().cloned().unwrap_or_default()
}

/// The article whose source path ends with `suffix`.
pub fn by_source<'a>(articles: &'a [Value], suffix: &str) -> &'a Value {
    articles
        .iter()
        .find(|a| a["source"].as_str().is_some_and(|s| s.ends_with(suffix)))
        .unwrap_or_else(|| panic!("no article from {suffix}"))
}

pub fn removed_texts(article: &Value) -> Vec<(String, String)> {
    article["removed"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            (
                r["text"].as_str().unwrap_or("").to_string(),
                r["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// (text, value) of each date mention.
pub fn date_values(article: &Value) -> Vec<(String, Option<String>)> {
    article["dates"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["text"].as_str().unwrap_or("").to_string(),
                d["value"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// The id of the entity that has `variant` among its spellings, in an `analyze --json` report.
pub fn entity_with(report: &Value, variant: &str) -> Option<String> {
    report["entities"]
        .as_array()?
        .iter()
        .find(|e| {
            e["variants"]
                .as_array()
                .is_some_and(|v| v.iter().any(|x| x.as_str() == Some(variant)))
        })
        .and_then(|e| e["id"].as_str().map(str::to_string))
}

/// Asserts that all these spellings are one entity.
pub fn one_entity(report: &Value, spellings: &[&str]) {
    let ids: Vec<(String, Option<String>)> = spellings
        .iter()
        .map(|s| (s.to_string(), entity_with(report, s)))
        .collect();
    let first = ids[0].1.clone();
    assert!(first.is_some(), "{} not found as an entity", ids[0].0);
    for (spelling, id) in &ids {
        assert_eq!(
            id, &first,
            "{spelling} is not the same entity as {}",
            ids[0].0
        );
    }
}

/// Asserts that two spellings are found and are different entities.
pub fn two_entities(report: &Value, a: &str, b: &str) {
    let (ea, eb) = (entity_with(report, a), entity_with(report, b));
    assert!(ea.is_some() && eb.is_some(), "{a}: {ea:?}, {b}: {eb:?}");
    assert_ne!(ea, eb, "{a} and {b} must not be merged");
}
