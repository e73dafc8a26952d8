use std::path::{Path, PathBuf};

use recoupe_core::figures::{Bound, Figure};
use recoupe_core::{analyze, extract, Analysis, Date, RawArticle};

struct Fixture {
    path: PathBuf,
    raw: RawArticle,
    expectations: Vec<String>,
}

fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.into_iter().map(|path| read(&path)).collect()
}

fn read(path: &Path) -> Fixture {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (header, body) = text
        .split_once("\n---\n")
        .unwrap_or_else(|| panic!("{}: no line --- before the body", path.display()));
    let mut raw = RawArticle {
        source: path.display().to_string(),
        body: body.to_string(),
        ..RawArticle::default()
    };
    let mut expectations = Vec::new();
    for line in header.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line
            .split_once(':')
            .map_or((line.trim(), ""), |(k, v)| (k.trim(), v.trim()));
        match key {
            "title" => raw.title = value.to_string(),
            "published" => raw.published = Date::parse_iso(value),
            k if k.starts_with("expect") => expectations.push(line.trim().to_string()),
            _ => panic!("{}: unknown header line {line:?}", path.display()),
        }
    }
    Fixture {
        path: path.to_path_buf(),
        raw,
        expectations,
    }
}

fn figure_matches(f: &Figure, spec: &str) -> bool {
    let (bound, rest) = if let Some(r) = spec.strip_prefix(">=") {
        (Bound::Min, r)
    } else if let Some(r) = spec.strip_prefix("<=") {
        (Bound::Max, r)
    } else if let Some(r) = spec.strip_prefix('~') {
        (Bound::About, r)
    } else {
        (Bound::Exact, spec)
    };
    let mut words = rest.split_whitespace();
    let value: Option<f64> = words.next().and_then(|v| v.parse().ok());
    let kind = words.next().unwrap_or("");
    f.bound == bound && Some(f.value) == value && f.kind.as_str() == kind
}

/// The expectations `analysis` does not meet, in words.
fn unmet(analysis: &Analysis, expectations: &[String]) -> Vec<String> {
    let mut failures = Vec::new();
    for line in expectations {
        let (what, spec) = line
            .strip_prefix("expect")
            .map(str::trim)
            .and_then(|l| {
                l.split_once(':')
                    .map(|(a, b)| (a.trim(), b.trim()))
                    .or(Some((l, "")))
            })
            .unwrap_or(("", ""));
        let met = match what {
            "language" => analysis.language.map(|l| l.to_string()).as_deref() == Some(spec),
            "published" => analysis.published.map(|d| d.to_string()).as_deref() == Some(spec),
            "date" => {
                let (text, value) = spec.split_once(" = ").unwrap_or((spec, ""));
                analysis
                    .dates
                    .iter()
                    .any(|d| d.text == text && d.value.as_deref() == Some(value))
            }
            "figure" => analysis.figures.iter().any(|f| figure_matches(f, spec)),
            "name" => analysis.entities.iter().any(|m| m.text == spec),
            "quote" => {
                let (speaker, words) = spec.split_once(" | ").unwrap_or(("", spec));
                analysis.quotes.iter().any(|q| {
                    q.text.contains(words)
                        && q.speaker_name.as_deref().unwrap_or("").contains(speaker)
                })
            }
            "removed" => analysis.removed.iter().any(|r| r.reason.as_str() == spec),
            "no quote" => analysis.quotes.is_empty(),
            _ => false,
        };
        if !met {
            failures.push(format!("{line} — found: {}", found(analysis, what)));
        }
    }
    failures
}

/// What the analysis has of the kind an expectation asks for, to say what was found instead.
fn found(a: &Analysis, what: &str) -> String {
    match what {
        "language" => format!("{:?}", a.language.map(|l| l.to_string())),
        "published" => format!("{:?}", a.published.map(|d| d.to_string())),
        "date" => format!(
            "{:?}",
            a.dates
                .iter()
                .map(|d| (&d.text, &d.value))
                .collect::<Vec<_>>()
        ),
        "figure" => format!(
            "{:?}",
            a.figures
                .iter()
                .map(|f| format!("{:?} {} {}", f.bound, f.value, f.kind.as_str()))
                .collect::<Vec<_>>()
        ),
        "name" => format!(
            "{:?}",
            a.entities.iter().map(|m| &m.text).collect::<Vec<_>>()
        ),
        "quote" | "no quote" => format!(
            "{:?}",
            a.quotes
                .iter()
                .map(|q| (&q.speaker_name, &q.text))
                .collect::<Vec<_>>()
        ),
        "removed" => format!(
            "{:?}",
            a.removed
                .iter()
                .map(|r| r.reason.as_str())
                .collect::<Vec<_>>()
        ),
        _ => "an expectation this runner does not know".to_string(),
    }
}

#[test]
fn every_fixture_reads_as_its_writer_says() {
    let all = fixtures();
    assert!(
        all.len() >= 8,
        "the fixtures are missing: {} found",
        all.len()
    );
    let languages: std::collections::HashSet<String> = all
        .iter()
        .flat_map(|f| f.expectations.iter())
        .filter_map(|e| {
            e.strip_prefix("expect language:")
                .map(|l| l.trim().to_string())
        })
        .collect();
    assert!(languages.len() >= 8, "fixtures in {languages:?} only");
    let mut failures = Vec::new();
    for fixture in &all {
        assert!(
            !fixture.expectations.is_empty(),
            "{}: expects nothing",
            fixture.path.display()
        );
        let mut analysis = analyze(&fixture.raw);
        extract(&mut analysis);
        for failure in unmet(&analysis, &fixture.expectations) {
            failures.push(format!("{}: {failure}", fixture.path.display()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_figure_spec_reads_bound_value_and_kind() {
    let figure = |text: &str| {
        let mut a = analyze(&RawArticle {
            body: text.into(),
            ..RawArticle::default()
        });
        extract(&mut a);
        a.figures
    };
    let found = figure("Au moins 16 personnes ont été évacuées de leurs maisons.");
    assert!(
        found.iter().any(|f| figure_matches(f, ">=16 people")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| figure_matches(f, "16 people")),
        "the bound counts"
    );
    assert!(
        !found.iter().any(|f| figure_matches(f, ">=16 money")),
        "the kind counts"
    );
}
