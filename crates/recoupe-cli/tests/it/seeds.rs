//! The acceptance corpus: ../shared/seeds and its EXPECTED.md (Cleaning; Language and dates).
//! Skipped, saying so, where ../shared is not beside the checkout.

use std::path::PathBuf;

use serde_json::Value;

use crate::{
    analyze_json, articles, by_source, date_values, one_entity, removed_texts, repo_root,
    two_entities,
};

fn seeds() -> Option<Vec<Value>> {
    let dir: PathBuf = repo_root().join("../shared/seeds");
    if !dir.join("EXPECTED.md").exists() {
        eprintln!("skipping: {} is not present", dir.display());
        return None;
    }
    Some(articles(&analyze_json(&[&dir])))
}

#[test]
fn seed_languages() {
    let Some(all) = seeds() else { return };
    for (file, lang) in [
        ("000", "fr"),
        ("001", "fr"),
        ("002", "fr"),
        ("003", "fr"),
        ("004", "ar"),
    ] {
        let article = all
            .iter()
            .find(|a| {
                a["source"]
                    .as_str()
                    .unwrap_or("")
                    .contains(&format!("/{file}_"))
            })
            .unwrap();
        assert_eq!(article["language"], lang, "{file}");
    }
}

fn seed<'a>(all: &'a [Value], number: &str) -> &'a Value {
    all.iter()
        .find(|a| {
            a["source"]
                .as_str()
                .unwrap_or("")
                .contains(&format!("/{number}_"))
        })
        .unwrap_or_else(|| panic!("seed {number} missing"))
}

#[test]
fn seed_000_repeated_paragraphs_removed_once_each() {
    let Some(all) = seeds() else { return };
    let article = seed(&all, "000");
    let removed = removed_texts(article);
    assert_eq!(removed.len(), 10, "{removed:?}");
    assert!(removed.iter().all(|(_, reason)| reason == "duplicate"));
    assert_eq!(article["paragraphs"].as_array().unwrap().len(), 11);
    // each kept paragraph is there once
    let text = article["text"].as_str().unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let unique: std::collections::HashSet<&&str> = paragraphs.iter().collect();
    assert_eq!(unique.len(), paragraphs.len());
}

#[test]
fn seed_001_and_003_repeated_titles_removed() {
    let Some(all) = seeds() else { return };
    let removed = removed_texts(seed(&all, "001"));
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert_eq!(removed[0].1, "duplicate");
    let removed = removed_texts(seed(&all, "003"));
    assert_eq!(
        removed.iter().filter(|(_, r)| r == "duplicate").count(),
        2,
        "{removed:?}"
    );
}

#[test]
fn seed_002_furniture_removed_with_reasons_and_teaser_figures_gone() {
    let Some(all) = seeds() else { return };
    let article = seed(&all, "002");
    let removed = removed_texts(article);
    let has = |start: &str| removed.iter().any(|(t, _)| t.starts_with(start));
    assert!(has("©"), "photo credit");
    assert!(has("S'abonner"));
    assert!(has("Près de 18.000 civils"));
    assert!(has("Alep-Est: 647"));
    assert!(has("Moscou contre l"));
    assert!(has("Suivez Sputnik sur Telegram"));
    assert!(has("Fil d"));
    assert!(has("Pour participer"));
    assert!(has("loader"));
    assert!(has("Chat"));
    assert!(removed.iter().any(|(t, _)| t == "0"));
    assert!(
        removed
            .iter()
            .any(|(t, _)| t.chars().any(|c| ('а'..='я').contains(&c))),
        "the Russian string"
    );
    assert!(
        removed
            .iter()
            .any(|(t, _)| t.starts_with("Syrian residents")),
        "English caption"
    );
    assert!(
        removed.iter().any(|(t, _)| t.starts_with("Forces loyal")),
        "English caption"
    );
    assert!(removed.iter().all(|(_, reason)| !reason.is_empty()));
    // nothing of the body: every removed line is one of the 16 above
    assert_eq!(removed.len(), 16, "{removed:?}");
    let text = article["text"].as_str().unwrap();
    for teaser_figure in ["18.000", "647", "630"] {
        assert!(
            !text.contains(teaser_figure),
            "{teaser_figure} is a teaser's figure, not the article's"
        );
    }
    assert!(
        text.contains("50\u{a0}000 civils"),
        "the article's own figures stay"
    );
}

#[test]
fn seed_003_and_004_trailing_furniture() {
    let Some(all) = seeds() else { return };
    let removed = removed_texts(seed(&all, "003"));
    for start in ["Mise à jour", "For Latest Updates", "PREV", "NEXT"] {
        assert!(
            removed.iter().any(|(t, _)| t.starts_with(start)),
            "{start} not removed: {removed:?}"
        );
    }
    assert_eq!(removed.len(), 6, "{removed:?}");
    let removed = removed_texts(seed(&all, "004"));
    assert_eq!(removed, vec![("1".to_string(), "lone-number".to_string())]);
}

#[test]
fn seed_publication_dates() {
    let Some(all) = seeds() else { return };
    let check = |n: &str, date: Option<&str>, basis: Option<&str>| {
        let a = seed(&all, n);
        assert_eq!(
            a["published"].as_str(),
            date,
            "{n}: {}",
            a["published_evidence"]
        );
        assert_eq!(a["published_basis"].as_str(), basis, "{n}");
    };
    check("004", Some("2016-12-04"), Some("text"));
    check("002", Some("2016-12-10"), Some("inferred"));
    check("003", Some("2024-11-30"), Some("inferred"));
    check("001", None, None);
    // 000 gets 2016-12-04 through its version link (stories issue); alone it has no date.
    check("000", None, None);
}

#[test]
fn seed_relative_days_resolve_against_the_article_date() {
    let Some(all) = seeds() else { return };
    let dates = date_values(seed(&all, "003"));
    assert!(
        dates.contains(&("mercredi".to_string(), Some("2024-11-27".to_string()))),
        "{dates:?}"
    );
    let dates = date_values(seed(&all, "004"));
    assert!(
        dates.contains(&("السبت".to_string(), Some("2016-12-03".to_string()))),
        "{dates:?}"
    );
}

#[test]
fn seed_sources_are_reported_as_given() {
    let Some(all) = seeds() else { return };
    let a = by_source(&all, "004_76d22bdb0e449254.txt");
    assert!(a["id"].as_str().is_some_and(|id| id.len() == 16));
}

fn seed_report() -> Option<Value> {
    let dir: PathBuf = repo_root().join("../shared/seeds");
    if !dir.join("EXPECTED.md").exists() {
        eprintln!("skipping: {} is not present", dir.display());
        return None;
    }
    Some(analyze_json(&[&dir]))
}

#[test]
fn seed_people_groups_and_places_across_spellings_and_scripts() {
    let Some(report) = seed_report() else { return };
    one_entity(
        &report,
        &[
            "Zakaria Malahifji",
            "Zakaria Malahifdji",
            "Malahifdji",
            "Zakharia Malakhfdi",
            "زكريا ملاحفجي",
            "ملاحفجي",
        ],
    );
    one_entity(&report, &["Fastakim", "Fastaqim"]);
    one_entity(&report, &["Sergueï Lavrov", "سيرغي لافروف"]);
    one_entity(
        &report,
        &[
            "Bachar al Assad",
            "Bachar al-Assad",
            "Al-Assad",
            "Assad",
            "بشار الأسد",
            "الأسد",
        ],
    );
    one_entity(&report, &["Hayat Tahrir al-Sham", "HTS"]);
    one_entity(
        &report,
        &["Observatoire syrien des droits de l’homme", "OSDH"],
    );
    one_entity(&report, &["Alep", "حلب"]);
    one_entity(&report, &["Genève", "جنيف"]);
    one_entity(&report, &["Turquie", "تركيا"]);
    for name in [
        "Igor Konachenkov",
        "John Kerry",
        "Abbas Araghchi",
        "Abou Abdelrahman Nour",
        "Damas",
        "Iran",
        "Russie",
        "Moscou",
        "Alep-Est",
    ] {
        one_entity(&report, &[name]);
    }
    let konachenkov = crate::entity_with(&report, "Igor Konachenkov").unwrap();
    let entity = report["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == konachenkov.as_str())
        .unwrap();
    assert_eq!(
        entity["articles"].as_array().unwrap().len(),
        2,
        "Konachenkov is in 001 and 002"
    );
    two_entities(&report, "Abou Abdelrahman Nour", "Abbas Araghchi");
    two_entities(&report, "Daech", "Djabhat El Nosra");
    two_entities(&report, "Alep", "Alep-Est");
    // every mention points at its words in the cleaned text
    for article in articles(&report) {
        let text = article["text"].as_str().unwrap();
        for m in article["entities"].as_array().unwrap() {
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], m["text"].as_str().unwrap());
        }
    }
}
