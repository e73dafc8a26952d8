//! The sample corpus in examples/corpus: the same kinds of results as the seeds, on articles the
//! team wrote (en, fr, ar, ru, de, es; three stories; HTML, text and JSON Lines).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::{
    analyze_json, articles, by_source, date_values, one_entity, removed_texts, repo_root,
    two_entities,
};

fn corpus() -> Vec<Value> {
    articles(&analyze_json(&[&repo_root().join("examples/corpus")]))
}

#[test]
fn every_article_is_read_with_its_language() {
    let all = corpus();
    assert!(all.len() >= 15, "{} articles", all.len());
    for article in &all {
        let source = article["source"].as_str().unwrap();
        let file = source.rsplit('/').next().unwrap();
        // file names carry the language the team wrote them in: NN_<lang>_…; JSONL ids <lang>-…
        let want = if let Some((_, id)) = file.split_once('#') {
            id[..2].to_string()
        } else {
            file[3..5].to_string()
        };
        assert_eq!(
            article["language"].as_str(),
            Some(want.as_str()),
            "{source}"
        );
    }
    let languages: BTreeSet<&str> = all.iter().filter_map(|a| a["language"].as_str()).collect();
    assert!(languages.len() >= 5);
}

#[test]
fn duplicated_paragraphs_of_a_scrape_are_removed_once() {
    let all = corpus();
    let article = by_source(&all, "02_fr_soudan_djeddah_depeche.txt");
    let removed = removed_texts(article);
    assert_eq!(removed.len(), 3, "{removed:?}");
    assert!(removed.iter().all(|(_, r)| r == "duplicate"));
    assert_eq!(article["paragraphs"].as_array().unwrap().len(), 5);
}

#[test]
fn page_furniture_is_removed_with_reasons_and_the_body_kept() {
    let all = corpus();
    let article = by_source(&all, "05_fr_soudan_tribune.txt");
    let removed = removed_texts(article);
    let reasons: BTreeSet<&str> = removed.iter().map(|(_, r)| r.as_str()).collect();
    for reason in [
        "photo-credit",
        "caption",
        "subscribe",
        "teaser",
        "comments",
        "lone-number",
        "interface",
    ] {
        assert!(reasons.contains(reason), "no {reason} in {removed:?}");
    }
    let text = article["text"].as_str().unwrap();
    assert!(text.contains("plus d'un million de personnes"));
    assert!(
        !text.contains("prix du pain"),
        "the teaser of another article is not this article"
    );
    assert_eq!(
        article["byline"], "Claire Dubois",
        "the signature is kept as byline"
    );

    let russian = by_source(&all, "10_ru_lavrov_fidan_moscow.txt");
    let removed = removed_texts(russian);
    assert_eq!(removed.len(), 2, "{removed:?}");
    assert!(removed.iter().all(|(_, r)| r == "subscribe"));

    let captions = by_source(&all, "11_en_lavrov_fidan_moscow.txt");
    assert_eq!(
        removed_texts(captions)
            .iter()
            .filter(|(_, r)| r == "caption")
            .count(),
        2
    );
}

#[test]
fn html_pages_lose_navigation_related_links_and_comments() {
    let all = corpus();
    let article = by_source(&all, "09_en_marseille_wildfire_2025.html");
    assert_eq!(
        article["title"],
        "Wildfire near Marseille forces thousands to flee"
    );
    let text = article["text"].as_str().unwrap();
    for furniture in [
        "Heatwave grips",
        "Share this article",
        "Sign in to comment",
        "All rights reserved",
        "Newsletter",
    ] {
        assert!(!text.contains(furniture), "{furniture} kept");
    }
    assert_eq!(article["paragraphs"].as_array().unwrap().len(), 4);
    assert_eq!(article["published"], "2025-07-09");
    assert_eq!(article["published_basis"], "metadata");

    let arabic = by_source(&all, "03_ar_sudan_jeddah.html");
    assert_eq!(arabic["site"], "صحيفة المساء");
    assert!(!arabic["text"].as_str().unwrap().contains("اقرأ أيضا"));
    let french = by_source(&all, "06_fr_marseille_2017.html");
    assert_eq!(french["byline"], "Paul Ferrand");
    assert_eq!(french["published"], "2017-07-26");
}

#[test]
fn publication_dates_from_datelines_in_several_scripts() {
    let all = corpus();
    for (file, date) in [
        ("01_en_sudan_jeddah_wire.txt", "2023-05-07"),
        ("07_de_marseille_waldbrand_2025.txt", "2025-07-09"),
        ("10_ru_lavrov_fidan_moscow.txt", "2025-02-04"),
        ("14_ar_marseille_fires_2025.txt", "2025-07-09"),
        ("15_ru_marseille_pozhary_2017.txt", "2017-07-26"),
        ("16_fr_lavrov_fidan_moscou.txt", "2025-02-04"),
    ] {
        let article = by_source(&all, file);
        assert_eq!(article["published"], date, "{file}");
        assert_eq!(article["published_basis"], "text", "{file}");
    }
    // a date introduced by "desde" is when the war began, not when the article was written:
    // the Spanish article has no date of its own and takes the date of the dispatch it
    // translates, marked inferred
    let spanish = by_source(&all, "13_es_sudan_yeda.txt");
    assert_eq!(spanish["published"], "2023-05-07");
    assert_eq!(spanish["published_basis"], "inferred");
    assert!(spanish["published_evidence"]
        .as_str()
        .unwrap()
        .contains("translation"));
}

#[test]
fn weekdays_resolve_against_the_publication_date() {
    let all = corpus();
    let dates = date_values(by_source(&all, "14_ar_marseille_fires_2025.txt"));
    assert!(
        dates.contains(&("الثلاثاء".to_string(), Some("2025-07-08".to_string()))),
        "{dates:?}"
    );
    let dates = date_values(by_source(&all, "06_fr_marseille_2017.html"));
    assert!(
        dates.contains(&("lundi".to_string(), Some("2017-07-24".to_string()))),
        "{dates:?}"
    );
    assert!(
        dates.contains(&("jeudi".to_string(), Some("2017-07-27".to_string()))),
        "a visit announced for Thursday: {dates:?}"
    );
    let dates = date_values(by_source(&all, "12_wire_feed.jsonl#ru-sudan-0507"));
    assert!(
        dates.contains(&("субботу".to_string(), Some("2023-05-06".to_string()))),
        "{dates:?}"
    );
}

#[test]
fn ingest_is_idempotent_and_search_finds_every_script() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    let corpus = repo_root().join("examples/corpus");
    let corpus = corpus.to_str().unwrap();
    let (code, first, _) = crate::recoupe(&["ingest", corpus, "--db", db]);
    assert_eq!(code, 0, "{first}");
    assert!(first.starts_with("16 articles read, 16 new"), "{first}");
    let (_, second, _) = crate::recoupe(&["ingest", corpus, "--db", db]);
    assert!(
        second.starts_with("16 articles read, 0 new, 16 already stored"),
        "{second}"
    );

    for query in ["Marseille", "Лавров", "البرهان", "Fidan"] {
        let (code, out, _) = crate::recoupe(&["search", query, "--db", db, "--json"]);
        assert_eq!(code, 0);
        let hits: Value = serde_json::from_str(&out).unwrap();
        assert!(
            !hits["hits"].as_array().unwrap().is_empty(),
            "nothing for {query}"
        );
    }
    // nothing found: an empty list and exit status 1, as grep says it
    let (code, out, _) = crate::recoupe(&["search", "zyxwvutsrq", "--db", db, "--json"]);
    assert_eq!(code, 1, "{out}");
    let hits: Value = serde_json::from_str(&out).unwrap();
    assert!(hits["hits"].as_array().unwrap().is_empty());
    let (_, list, _) = crate::recoupe(&["articles", "--db", db]);
    assert_eq!(list.lines().count(), 16);
    // the store named once in the environment serves every command
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["articles"])
        .env("RECOUPE_DB", db)
        .output()
        .expect("recoupe runs");
    assert!(listed.status.success());
    assert_eq!(String::from_utf8_lossy(&listed.stdout), list);
    let first_id = list.split_whitespace().next().unwrap();
    let (code, shown, _) = crate::recoupe(&["show", first_id, "--db", db]);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("paragraphs kept"));

    // `show` lists who said what and the figures with what they count
    let (_, out, _) = crate::recoupe(&["search", "humanitarian truce", "--db", db, "--json"]);
    let hits: Value = serde_json::from_str(&out).unwrap();
    let id = hits["hits"][0]["id"].as_str().unwrap().to_string();
    let (code, shown, _) = crate::recoupe(&["show", &id, "--db", db]);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("quotes:"), "{shown}");
    assert!(
        shown.contains("We are here to discuss a humanitarian truce")
            && shown.contains("Omar Siddiq"),
        "{shown}"
    );
    assert!(shown.contains("figures: ≥ 600 people [people]"), "{shown}");
}

#[test]
fn the_same_actors_across_languages_and_scripts_are_one_entity() {
    let report = analyze_json(&[&repo_root().join("examples/corpus")]);
    one_entity(
        &report,
        &[
            "Sergei Lavrov",
            "Сергей Лавров",
            "Sergej Lawrow",
            "Sergueï Lavrov",
            "Lawrow",
            "Лавров",
        ],
    );
    one_entity(
        &report,
        &[
            "Abdel Fattah al-Burhan",
            "Abdel Fattah al-Bourhane",
            "Abdelfatah al Burhan",
            "البرهان",
        ],
    );
    one_entity(&report, &["Omar Siddiq", "Омар Сиддик", "عمر صديق"]);
    one_entity(&report, &["Marseille", "Marsella", "مرسيليا"]);
    one_entity(&report, &["Jeddah", "Djeddah", "جدة"]);
    one_entity(&report, &["Hakan Fidan", "Fidan"]);
    one_entity(&report, &["Россия", "Russie"]);
    // an armed group and the UN under their names and acronyms in five languages
    one_entity(
        &report,
        &[
            "Rapid Support Forces",
            "RSF",
            "Forces de soutien rapide",
            "FSR",
            "Fuerzas de Apoyo Rápido",
            "СБР",
            "قوات الدعم السريع",
        ],
    );
    one_entity(
        &report,
        &["United Nations", "Nations unies", "Naciones Unidas", "ООН"],
    );
    two_entities(&report, "Sergei Lavrov", "Hakan Fidan");
    two_entities(&report, "Abdel Fattah al-Burhan", "Mohamed Hamdan Dagalo");
    two_entities(&report, "Marseille", "Moscou");
}

#[test]
fn entity_commands_show_spellings_by_script_and_why_they_were_merged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    let corpus = repo_root().join("examples/corpus");
    let (code, _, _) = crate::recoupe(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0);
    let (code, list, _) = crate::recoupe(&["entities", "--db", db]);
    assert_eq!(code, 0);
    assert!(
        list.contains("Marseille") && list.contains("place"),
        "{list}"
    );
    let (code, shown, _) = crate::recoupe(&["entity", "Lawrow", "--db", db]);
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("Cyrillic") && shown.contains("Лавров"),
        "{shown}"
    );
    assert!(
        shown.contains("Latin") && shown.contains("Sergej Lawrow"),
        "{shown}"
    );
    assert!(shown.contains("why merged"), "{shown}");
    let (code, _, err) = crate::recoupe(&["entity", "Nobody Atall", "--db", db]);
    assert_eq!(code, 2);
    assert!(err.contains("no entity named"), "{err}");

    // a desk merges two entities: one listed, found by either name, kept in the log, undone
    let (_, listed, _) = crate::recoupe(&["entities", "--db", db, "--json", "--limit", "500"]);
    let listed: Value = serde_json::from_str(&listed).unwrap();
    let listed = listed["entities"].as_array().unwrap();
    let [a, b] = [&listed[listed.len() - 1], &listed[listed.len() - 2]];
    let id = |e: &Value| e["id"].as_str().unwrap().to_string();
    let name_of = |e: &Value| e["name"].as_str().unwrap().to_string();
    let (code, out, err) = crate::recoupe(&[
        "entities",
        "merge",
        &id(a),
        "--into",
        &name_of(b),
        "--why",
        "one actor",
        "--db",
        db,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("merged entity") && out.contains("one actor"),
        "{out}"
    );
    let (_, after, _) = crate::recoupe(&["entities", "--db", db, "--json", "--limit", "500"]);
    let after: Value = serde_json::from_str(&after).unwrap();
    let ids: Vec<String> = after["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(id)
        .collect();
    assert!(!ids.contains(&id(a)) && ids.contains(&id(b)), "{ids:?}");
    let (code, shown, _) = crate::recoupe(&["entity", &id(a), "--db", db, "--json"]);
    assert_eq!(code, 0);
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["id"], b["id"], "{shown}");
    let (code, _, err) =
        crate::recoupe(&["entities", "merge", &id(a), "--into", &id(b), "--db", db]);
    assert_eq!(code, 2, "merged already");
    assert!(err.contains("already"), "{err}");
    let (_, log, _) = crate::recoupe(&["corrections", "--db", db, "--json"]);
    let log: Value = serde_json::from_str(&log).unwrap();
    assert_eq!(log["corrections"][0]["action"]["kind"], "merge_entities");
    let (code, _, _) = crate::recoupe(&["corrections", "undo", "1", "--db", db]);
    assert_eq!(code, 0);
    let (_, back, _) = crate::recoupe(&["entity", &id(a), "--db", db, "--json"]);
    let back: Value = serde_json::from_str(&back).unwrap();
    assert_eq!(back["id"], a["id"]);

    // a desk splits a spelling out of an entity: found by it as another, kept in the log
    let entity_json = |name: &str| -> Value {
        let (code, shown, err) = crate::recoupe(&["entity", name, "--db", db, "--json"]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&shown).unwrap()
    };
    let lavrov = entity_json("Лавров");
    let (code, out, err) = crate::recoupe(&[
        "entities",
        "split",
        "Лавров",
        "sergej lawrow",
        "--why",
        "another Lawrow",
        "--db",
        db,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("split «Sergej Lawrow» out of entity"), "{out}");
    let split = entity_json("Sergej Lawrow");
    assert_ne!(split["id"], lavrov["id"], "{split}");
    assert_eq!(split["name"], "Sergej Lawrow", "{split}");
    let kept = entity_json("Лавров");
    assert_eq!(kept["id"], lavrov["id"]);
    let spellings = kept["variants"].as_array().unwrap();
    assert!(
        !spellings.iter().any(|v| v == "Sergej Lawrow") && spellings.iter().any(|v| v == "Лавров"),
        "{kept}"
    );
    let (code, _, err) = crate::recoupe(&["entities", "split", "Лавров", "Nobody", "--db", db]);
    assert_eq!(code, 2, "not one of its spellings");
    assert!(err.contains("has no spelling"), "{err}");
    let (_, csv, _) = crate::recoupe(&["export", "corrections", "--db", db]);
    assert!(csv.contains("split_spelling"), "{csv}");
    let (code, _, _) = crate::recoupe(&["corrections", "undo", "2", "--db", db]);
    assert_eq!(code, 0);
    assert_eq!(entity_json("Sergej Lawrow")["id"], lavrov["id"]);
}

#[test]
fn the_envoy_is_quoted_in_five_languages_as_one_speaker() {
    let report = analyze_json(&[&repo_root().join("examples/corpus")]);
    let all = articles(&report);
    let envoy = crate::entity_with(&report, "Omar Siddiq").expect("Omar Siddiq is an entity");
    // each Sudan article quotes him on the truce; the speaker is the one entity
    for (source, opening) in [
        ("01_en_sudan_jeddah_wire.txt", "We are here to discuss"),
        ("02_fr_soudan_djeddah_depeche.txt", "Nous sommes ici pour"),
        ("03_ar_sudan_jeddah.html", "نحن هنا لمناقشة"),
        ("13_es_sudan_yeda.txt", "Estamos aquí para hablar"),
        ("12_wire_feed.jsonl#ru-sudan-0507", "Мы здесь, чтобы"),
    ] {
        let article = by_source(&all, source);
        let quote = article["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["text"].as_str().unwrap().starts_with(opening))
            .unwrap_or_else(|| panic!("{source}: no quote «{opening}…»"));
        assert_eq!(quote["speaker"].as_str(), Some(envoy.as_str()), "{source}");
        let text = article["text"].as_str().unwrap();
        let (start, end) = (
            quote["start"].as_u64().unwrap() as usize,
            quote["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], quote["text"].as_str().unwrap());
    }
}

#[test]
fn the_arabic_statement_of_the_rsf_is_the_rsf_s_not_the_envoy_s() {
    // "ورحبت قوات الدعم السريع … في بيان، وقالت إنها «…»": the verb has no subject of its own;
    // the group named first in the sentence speaks, not the envoy quoted just before
    let report = analyze_json(&[&repo_root().join("examples/corpus")]);
    let all = articles(&report);
    let rsf = crate::entity_with(&report, "Rapid Support Forces").expect("the RSF is an entity");
    let envoy = crate::entity_with(&report, "Omar Siddiq").expect("Omar Siddiq is an entity");
    let article = by_source(&all, "03_ar_sudan_jeddah.html");
    let quote = article["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().starts_with("ستحترم"))
        .expect("the RSF's statement is quoted");
    assert_eq!(quote["speaker"].as_str(), Some(rsf.as_str()));
    assert_ne!(quote["speaker"].as_str(), Some(envoy.as_str()));
}

#[test]
fn the_death_toll_reads_the_same_in_every_language() {
    let all = corpus();
    // "at least 600" dead, written in five languages and two digit systems
    for source in [
        "01_en_sudan_jeddah_wire.txt",
        "02_fr_soudan_djeddah_depeche.txt",
        "03_ar_sudan_jeddah.html",
        "13_es_sudan_yeda.txt",
        "12_wire_feed.jsonl#ru-sudan-0507",
    ] {
        let figures = by_source(&all, source)["figures"]
            .as_array()
            .unwrap()
            .clone();
        assert!(
            figures.iter().any(|f| f["value"] == 600
                && f["kind"] == "people"
                && f["bound"] == "min"
                && f["qualifier"].is_string()),
            "{source}: {figures:#?}"
        );
    }
    // the fires: thousands written 4.000, 4,000, 4 آلاف, 10 тысяч, 10 000 are all whole numbers
    for (source, value) in [
        ("07_de_marseille_waldbrand_2025.txt", 4000),
        ("09_en_marseille_wildfire_2025.html", 4000),
        ("14_ar_marseille_fires_2025.txt", 4000),
        ("15_ru_marseille_pozhary_2017.txt", 10000),
        ("06_fr_marseille_2017.html", 10000),
    ] {
        let figures = by_source(&all, source)["figures"]
            .as_array()
            .unwrap()
            .clone();
        assert!(
            figures
                .iter()
                .any(|f| f["value"] == value && f["kind"] == "people" && f["bound"] == "about"),
            "{source}: {figures:#?}"
        );
    }
}

/// Stories of the sample corpus as sets of file names (JSONL records by their language).
fn corpus_stories() -> (Value, Vec<Vec<String>>) {
    let report = analyze_json(&[&repo_root().join("examples/corpus")]);
    let all = articles(&report);
    let name = |id: &Value| -> String {
        let a = all.iter().find(|a| a["id"] == *id).unwrap();
        a["source"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string()
    };
    let mut stories: Vec<Vec<String>> = report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut m: Vec<String> = s["articles"].as_array().unwrap().iter().map(name).collect();
            m.sort();
            m
        })
        .collect();
    stories.sort();
    (report, stories)
}

#[test]
fn sample_corpus_stories_across_languages_and_years() {
    let (_, stories) = corpus_stories();
    let story_of = |file: &str| {
        stories
            .iter()
            .position(|s| s.iter().any(|m| m.starts_with(file)))
            .unwrap_or_else(|| panic!("{file} in no story: {stories:?}"))
    };
    // the Jeddah talks in five languages and two scripts are one story
    let sudan = story_of("01_en_sudan");
    for f in [
        "02_fr_soudan",
        "03_ar_sudan",
        "13_es_sudan",
        "12_wire_feed.jsonl#ru",
    ] {
        assert_eq!(story_of(f), sudan, "{f}: {stories:?}");
    }
    // the fires near Marseille of 2017 and of 2025 are two stories
    assert_ne!(
        story_of("06_fr_marseille_2017"),
        story_of("07_de_marseille_waldbrand_2025")
    );
    assert_eq!(
        story_of("15_ru_marseille_pozhary_2017"),
        story_of("06_fr_marseille_2017")
    );
    assert_eq!(
        story_of("14_ar_marseille_fires_2025"),
        story_of("07_de_marseille_waldbrand_2025")
    );
    // Lavrov and Fidan in Moscow: four languages, one story, not the Sudan one
    let lavrov = story_of("10_ru_lavrov");
    assert_eq!(story_of("16_fr_lavrov"), lavrov);
    assert_eq!(story_of("11_en_lavrov"), lavrov);
    assert_ne!(lavrov, sudan);
}

#[test]
fn sample_corpus_comparisons() {
    let (report, _) = corpus_stories();
    let stories = report["stories"].as_array().unwrap();
    let groups: Vec<&Value> = stories
        .iter()
        .flat_map(|s| s["comparison"]["figures"].as_array().unwrap().iter())
        .collect();
    // "at least 600" dead, written in several languages, is one figure group that agrees
    let dead = groups
        .iter()
        .find(|g| {
            g["figures"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["value"].as_f64() == Some(600.0))
        })
        .expect("the death toll grouped");
    assert!(dead["figures"].as_array().unwrap().len() >= 4, "{dead}");
    assert_eq!(dead["disagree"], false);
    // Marseille 2025: 4,000 evacuated, and "in 2017, fires forced 10,000 people to leave" is
    // background, not a second count of this fire: nothing disagrees
    let marseille = stories
        .iter()
        .find(|s| {
            s["start"].as_str().is_some_and(|d| d.starts_with("2025"))
                && s["title"]
                    .as_str()
                    .is_some_and(|t| t.contains("مرسيليا") || t.contains("Marseille"))
        })
        .expect("the Marseille 2025 story");
    for g in marseille["comparison"]["figures"].as_array().unwrap() {
        assert_eq!(g["disagree"], false, "{g}");
        assert!(
            g["figures"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["value"].as_f64() != Some(10000.0)),
            "the 2017 figure is compared: {g}"
        );
    }
    // a quote said in three languages is one shared quote
    let quotes: Vec<&Value> = stories
        .iter()
        .flat_map(|s| s["comparison"]["quotes"].as_array().unwrap().iter())
        .collect();
    assert!(
        quotes.iter().any(|q| {
            let mut langs: Vec<&str> = q["versions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["language"].as_str().unwrap())
                .collect();
            langs.sort();
            langs.dedup();
            langs.len() >= 3
        }),
        "{quotes:?}"
    );
    // every link is between articles of one story, with aligned paragraphs
    for link in report["links"].as_array().unwrap() {
        assert!(!link["aligned"].as_array().unwrap().is_empty(), "{link}");
        assert!(stories.iter().any(|s| {
            let m = s["articles"].as_array().unwrap();
            m.contains(&link["a"]) && m.contains(&link["b"])
        }));
    }
}

#[test]
fn stories_and_story_commands_read_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let db = db.to_str().unwrap();
    let corpus = repo_root().join("examples/corpus");
    let (code, _, err) = crate::recoupe(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = crate::recoupe(&["stories", "--db", db, "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let first = v["stories"][0]["id"].as_str().unwrap().to_string();
    let (code, out, err) = crate::recoupe(&["story", &first[..6], "--db", db]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("how each source names the actors") || out.contains("figures"),
        "{out}"
    );
    assert!(out.contains(&first), "{out}");
    let (code, _, err) = crate::recoupe(&["story", "szzz", "--db", db]);
    assert_ne!(code, 0);
    assert!(err.contains("no story"), "{err}");
}

/// Rows of a Parquet file, each as its columns' names and values in order.
fn parquet_rows(path: &Path) -> Vec<Vec<(String, parquet::record::Field)>> {
    use parquet::file::reader::FileReader;
    let reader = parquet::file::reader::SerializedFileReader::new(
        std::fs::File::open(path).expect("the Parquet file"),
    )
    .expect("a Parquet file");
    reader
        .get_row_iter(None)
        .expect("rows")
        .map(|row| {
            row.expect("a row")
                .get_column_iter()
                .map(|(name, field)| (name.clone(), field.clone()))
                .collect()
        })
        .collect()
}

/// Rows of a CSV export as maps from column to cell (the header checked against `columns`).
fn csv_rows(text: &str, columns: &[&str]) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, columns, "header");
    reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV record");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn every_kind_exports_as_csv_and_json_lines_and_a_story_keeps_to_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    let corpus = repo_root().join("examples/corpus");
    let (code, out, _) = crate::recoupe(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0, "{out}");

    let export = |args: &[&str]| {
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--db", db]);
        let (code, out, err) = crate::recoupe(&all);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    let tables = [
        ("stories", "story"),
        ("articles", "article"),
        ("entities", "entity"),
        ("quotes", "article"),
        ("figures", "article"),
        ("links", "a"),
    ];
    for (table, first_column) in tables {
        let csv = export(&[table]);
        let header = csv.lines().next().unwrap_or_default().to_string();
        assert!(header.starts_with(first_column), "{table}: {header}");
        let columns: Vec<&str> = header.split(',').collect();
        let rows = csv_rows(&csv, &columns);
        let lines = export(&[table, "--format", "jsonl"]);
        let objects: Vec<Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        assert!(!rows.is_empty(), "{table}: no rows");
        assert_eq!(
            rows.len(),
            objects.len(),
            "{table}: CSV and JSON Lines differ"
        );
        // the same columns in the same order
        let keys: Vec<&str> = objects[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted = columns.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted, "{table}");

        // Parquet: the same rows and cells, counts and offsets as integers, numbers as floats
        let file = dir.path().join(format!("{table}.parquet"));
        export(&[table, "--format", "parquet", "-o", file.to_str().unwrap()]);
        let read = parquet_rows(&file);
        assert_eq!(read.len(), rows.len(), "{table}: CSV and Parquet differ");
        for (parquet, csv) in read.iter().zip(&rows) {
            let names: Vec<&str> = parquet.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, columns, "{table}");
            for (name, field) in parquet {
                let cell = &csv[name];
                use parquet::record::Field;
                match field {
                    Field::Null => assert_eq!(cell, "", "{table}.{name}"),
                    Field::Str(text) => assert_eq!(text, cell, "{table}.{name}"),
                    Field::Long(n) => assert_eq!(n.to_string(), *cell, "{table}.{name}"),
                    Field::Date(days) => assert_eq!(
                        recoupe_core::Date::parse_iso(cell).map(|d| d.to_days()),
                        Some(i64::from(*days)),
                        "{table}.{name}"
                    ),
                    Field::Double(x) => {
                        assert_eq!(Some(*x), cell.parse::<f64>().ok(), "{table}.{name}")
                    }
                    other => panic!("{table}.{name}: a cell of an unexpected kind: {other:?}"),
                }
            }
        }
    }

    // 16 articles, their text whole (paragraphs and quotes survive CSV quoting)
    let articles = csv_rows(
        &export(&["articles"]),
        &[
            "article",
            "story",
            "published",
            "published_basis",
            "language",
            "site",
            "url",
            "byline",
            "source",
            "title",
            "text",
        ],
    );
    assert_eq!(articles.len(), 16);
    assert!(articles.iter().any(|a| a["text"].contains("\n\n")));

    // who said what: the envoy's words in Arabic and in English linked to one entity
    let quotes = export(&["quotes", "--format", "jsonl"]);
    let envoy: BTreeSet<String> = quotes
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|q| {
            q["words"]
                .as_str()
                .is_some_and(|w| w.contains("humanitarian truce") || w.contains("هدنة إنسانية"))
        })
        .map(|q| q["speaker_entity"].as_str().unwrap_or("none").to_string())
        .collect();
    assert_eq!(envoy.len(), 1, "{envoy:?}");
    assert!(!envoy.contains("none"));

    // one story: its articles only, and its figures point into them
    let stories = csv_rows(
        &export(&["stories"]),
        &[
            "story",
            "title",
            "start",
            "end",
            "articles",
            "languages",
            "sources",
        ],
    );
    let sudan = stories
        .iter()
        .find(|s| s["title"].contains("Jeddah"))
        .expect("the Jeddah story");
    let id = &sudan["story"];
    let size: usize = sudan["articles"].parse().unwrap();
    let of_story = export(&["articles", "--story", id, "--format", "jsonl"]);
    assert_eq!(of_story.lines().count(), size);
    for line in of_story.lines() {
        let a: Value = serde_json::from_str(line).unwrap();
        assert_eq!(a["story"].as_str(), Some(id.as_str()));
    }
    let figures = export(&["figures", "--story", id, "--format", "jsonl"]);
    let texts: std::collections::HashMap<String, String> = of_story
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|a| {
            (
                a["article"].as_str().unwrap().to_string(),
                a["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(figures.lines().count() >= size, "{figures}");
    for line in figures.lines() {
        let f: Value = serde_json::from_str(line).unwrap();
        let text = &texts[f["article"].as_str().unwrap()];
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(start..end), f["text"].as_str(), "{f}");
    }

    // to a file, with a count on stderr; an unknown story is an error
    let file = dir.path().join("links.csv");
    let (code, _, err) =
        crate::recoupe(&["export", "links", "-o", file.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("rows of links written"), "{err}");
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("a,b,kind,score"));
    let (code, _, err) = crate::recoupe(&["export", "articles", "--story", "sffff", "--db", db]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no story"), "{err}");

    // kept to a language, dates, a source: every row is one of those, and some are left out
    let lines = |args: &[&str]| -> Vec<Value> {
        export(&[&["--format", "jsonl"], args].concat())
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let all = lines(&["articles"]);
    let arabic = lines(&["articles", "--lang", "ar"]);
    assert!(!arabic.is_empty() && arabic.len() < all.len(), "{arabic:?}");
    assert!(arabic.iter().all(|a| a["language"] == "ar"), "{arabic:?}");
    let figures = lines(&["figures", "--since", "2025-01-01", "--until", "2025-12-31"]);
    assert!(!figures.is_empty());
    assert!(
        figures.iter().all(|f| f["published"]
            .as_str()
            .is_some_and(|d| d.starts_with("2025"))),
        "{figures:?}"
    );
    assert!(figures.len() < lines(&["figures"]).len());
    let site = all
        .iter()
        .find_map(|a| a["site"].as_str())
        .expect("an article with a site")
        .to_string();
    let from_site = lines(&["quotes", "--source", &site.to_uppercase()]);
    let of_site: Vec<&str> = all
        .iter()
        .filter(|a| a["site"].as_str() == Some(site.as_str()))
        .filter_map(|a| a["article"].as_str())
        .collect();
    assert!(
        from_site
            .iter()
            .all(|q| of_site.contains(&q["article"].as_str().unwrap())),
        "{from_site:?}"
    );
    let stories = lines(&["stories", "--lang", "ru"]);
    assert!(!stories.is_empty());
    assert!(stories.iter().all(|s| s["languages"]
        .as_str()
        .unwrap()
        .split(' ')
        .any(|l| l == "ru")));
    // a filter a table cannot take is said, not ignored
    let (code, _, err) =
        crate::recoupe(&["export", "entities", "--since", "2025-01-01", "--db", db]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not kept to dates"), "{err}");
    let (code, _, err) = crate::recoupe(&["export", "articles", "--since", "June", "--db", db]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a date"), "{err}");
}

#[test]
fn standard_input_is_read_as_its_content_says_and_lists_go_out_as_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    let corpus = repo_root().join("examples/corpus");
    // a text, an HTML page and JSON Lines, each piped in
    let text = std::fs::read(corpus.join("01_en_sudan_jeddah_wire.txt")).unwrap();
    let (code, out, err) = crate::recoupe_with_stdin(&["ingest", "-", "--db", db], &text);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("1 articles read, 1 new"), "{out}");
    let page = std::fs::read(corpus.join("03_ar_sudan_jeddah.html")).unwrap();
    let (code, out, err) = crate::recoupe_with_stdin(&["ingest", "-", "--db", db], &page);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("1 articles read, 1 new"), "{out}");
    let lines = concat!(
        r#"{"title": "Deux écoles rouvrent à Gdańsk", "text": "Les deux écoles du quartier de Wrzeszcz ont rouvert lundi après trois semaines de travaux, a indiqué la mairie.", "date": "2025-03-03"}"#,
        "\n",
        r#"{"title": "Two schools reopen in Gdańsk", "text": "The two schools of the Wrzeszcz district reopened on Monday after three weeks of works, the city hall said.", "date": "2025-03-03"}"#,
        "\n"
    );
    let (code, out, err) =
        crate::recoupe_with_stdin(&["ingest", "-", "--db", db], lines.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("2 articles read, 2 new"), "{out}");
    // the arabic page came through as HTML: its title, not its markup
    let (_, list, _) = crate::recoupe(&["articles", "--db", db, "--jsonl"]);
    let rows: Vec<Value> = list
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert!(rows
        .iter()
        .all(|r| !r["title"].as_str().unwrap().contains('<')));
    assert!(rows.iter().any(|r| r["language"] == "ar"));
    for command in ["stories", "entities"] {
        let (code, out, err) = crate::recoupe(&[command, "--db", db, "--jsonl"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.lines().count() >= 2, "{out}");
        for line in out.lines() {
            let _: Value = serde_json::from_str(line).expect("one JSON object per line");
        }
    }
    // colour only when asked for (a pipe gets none), the matches still bracketed without it
    let (_, plain, _) = crate::recoupe(&["search", "Jeddah", "--db", db]);
    assert!(
        !plain.contains('\u{1b}') && plain.to_lowercase().contains("[jeddah]"),
        "{plain}"
    );
    let (_, coloured, _) = crate::recoupe(&["search", "Jeddah", "--db", db, "--color", "always"]);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let (_, json, _) = crate::recoupe(&[
        "search", "Jeddah", "--db", db, "--json", "--color", "always",
    ]);
    assert!(!json.contains('\u{1b}'), "{json}");
    // completions and the manual page
    let (code, script, _) = crate::recoupe(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(
        script.contains("complete -F") && script.contains("export"),
        "{script}"
    );
    let (code, page, _) = crate::recoupe(&["man"]);
    assert_eq!(code, 0);
    assert!(
        page.contains(".TH recoupe 1") && page.contains("search"),
        "{page}"
    );
}

#[test]
fn corrections_of_stories_last_through_new_articles_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    let corpus = repo_root().join("examples/corpus");
    let file = |name: &str| corpus.join(name).to_str().unwrap().to_string();
    let ingest = |names: &[&str]| {
        let mut args = vec!["ingest".to_string()];
        args.extend(names.iter().map(|n| file(n)));
        args.extend(["--db".to_string(), db.to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = crate::recoupe(&args);
        assert_eq!(code, 0, "{out}{err}");
    };
    let stories = || -> Vec<Value> {
        let (_, out, _) = crate::recoupe(&["stories", "--db", db, "--jsonl"]);
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let story_of = |title_part: &str| -> String {
        let (_, out, _) = crate::recoupe(&["search", title_part, "--db", db, "--jsonl"]);
        let hit: Value = serde_json::from_str(out.lines().next().expect("a hit")).unwrap();
        let id = hit["id"].as_str().unwrap().to_string();
        let (_, rows, _) = crate::recoupe(&["export", "articles", "--format", "jsonl", "--db", db]);
        rows.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|a| a["article"] == id.as_str())
            .map(|a| a["story"].as_str().unwrap_or_default().to_string())
            .expect("the article exported")
    };
    ingest(&[
        "01_en_sudan_jeddah_wire.txt",
        "02_fr_soudan_djeddah_depeche.txt",
        "05_fr_soudan_tribune.txt",
        "07_de_marseille_waldbrand_2025.txt",
    ]);
    let sudan = story_of("\"warring sides\"");
    let marseille = story_of("Waldbrand");
    assert_ne!(sudan, marseille);

    // the opinion piece out of the talks' story, into one of its own, with who and why
    let (_, out, _) =
        crate::recoupe(&["search", "\"sur le dos des civils\"", "--db", db, "--jsonl"]);
    let opinion: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let opinion = opinion["id"].as_str().unwrap()[..8].to_string();
    let (code, out, err) = crate::recoupe(&[
        "stories",
        "move",
        &opinion,
        "--to",
        "new",
        "--why",
        "an opinion piece",
        "--by",
        "desk",
        "--db",
        db,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("#1 ") && out.contains("desk") && out.contains("an opinion piece"),
        "{out}"
    );
    let moved_to = story_of("\"sur le dos des civils\"");
    assert_ne!(moved_to, sudan);
    assert_eq!(stories().len(), 3);
    // more articles, and the same ones again: the moved article stays where it was moved
    ingest(&[
        "13_es_sudan_yeda.txt",
        "03_ar_sudan_jeddah.html",
        "05_fr_soudan_tribune.txt",
    ]);
    assert_eq!(story_of("\"sur le dos des civils\""), moved_to);
    assert_eq!(
        story_of("Yeda"),
        sudan,
        "the Spanish telling joins the talks"
    );

    // two stories merged: the later articles the index places in the one merged go to the other
    let (code, _, err) = crate::recoupe(&[
        "stories", "merge", &marseille, "--into", &moved_to, "--why", "test", "--db", db,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(story_of("Waldbrand"), moved_to);
    ingest(&["09_en_marseille_wildfire_2025.html"]);
    assert_eq!(story_of("\"Wildfire near Marseille\""), moved_to);
    let merged = stories()
        .into_iter()
        .find(|s| s["id"] == moved_to.as_str())
        .unwrap();
    assert_eq!(merged["size"], 3, "{merged}");

    // the log, as JSON and in the export; undone, the merge gives its articles back
    let (_, log, _) = crate::recoupe(&["corrections", "--db", db, "--json"]);
    let log: Value = serde_json::from_str(&log).unwrap();
    assert_eq!(log["corrections"].as_array().unwrap().len(), 2);
    assert_eq!(log["corrections"][1]["action"]["kind"], "merge");
    let (_, csv, _) = crate::recoupe(&["export", "corrections", "--db", db]);
    assert!(
        csv.starts_with("correction,at,by,why,action") && csv.lines().count() == 3,
        "{csv}"
    );
    let (code, out, err) = crate::recoupe(&["corrections", "undo", "2", "--db", db]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("undone"), "{out}");
    assert_eq!(story_of("Waldbrand"), marseille);
    let (code, _, err) = crate::recoupe(&["corrections", "undo", "2", "--db", db]);
    assert_eq!(code, 2, "undone twice: {err}");
    let (code, _, _) = crate::recoupe(&["corrections", "undo", "1", "--db", db]);
    assert_eq!(code, 0);
    assert_eq!(story_of("\"sur le dos des civils\""), sudan);

    // a split: the English wire and the Spanish telling leave the talks together, and stay
    // together when the same files come again
    let article_of = |query: &str| -> String {
        let (_, out, _) = crate::recoupe(&["search", query, "--db", db, "--jsonl"]);
        let hit: Value = serde_json::from_str(out.lines().next().expect("a hit")).unwrap();
        hit["id"].as_str().unwrap()[..10].to_string()
    };
    let (wire, spanish) = (article_of("\"warring sides\""), article_of("Yeda"));
    let (code, out, err) = crate::recoupe(&[
        "stories",
        "split",
        &sudan,
        &wire,
        &spanish,
        "--why",
        "the wire's own story",
        "--db",
        db,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("split 2 articles out of"), "{out}");
    let apart = story_of("\"warring sides\"");
    assert_ne!(apart, sudan);
    assert_eq!(story_of("Yeda"), apart);
    ingest(&["01_en_sudan_jeddah_wire.txt", "13_es_sudan_yeda.txt"]);
    assert_eq!(story_of("Yeda"), apart);
    let (_, csv, _) = crate::recoupe(&["export", "corrections", "--db", db]);
    assert!(csv.lines().any(|l| l.contains(",split,")), "{csv}");
    // an article of another story cannot be split out of this one
    let opinion_story = story_of("\"sur le dos des civils\"");
    let (code, _, err) = crate::recoupe(&["stories", "split", &apart, &opinion, "--db", db]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not in story"), "{err}");
    assert_eq!(story_of("\"sur le dos des civils\""), opinion_story);
}
