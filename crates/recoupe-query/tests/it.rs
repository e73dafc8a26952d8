//! The query layer over a store holding the team's own articles: a story's page and the
//! entities of the store, as the CLI and the server read them.

use recoupe_core::stories::StoryConfig;
use recoupe_core::{Date, RawArticle};
use recoupe_query::{entities, entity, find_entity, story_view};
use recoupe_store::{Prepared, Store};

/// An article analysed and profiled as an ingest prepares it.
fn prepared(raw: &RawArticle) -> Prepared {
    let (analysis, profile) = recoupe_core::prepare(raw);
    Prepared::new(analysis, profile)
}

fn raw(title: &str, body: &str, date: &str, site: &str) -> RawArticle {
    RawArticle {
        source: format!("{site}/{title}"),
        title: title.into(),
        body: body.into(),
        site: Some(site.into()),
        published: Date::parse_iso(date),
        ..RawArticle::default()
    }
}

fn store() -> (Store, Vec<recoupe_core::ArticleId>) {
    let raws = [
        raw("Floods in Genoa", "Heavy rain flooded Genoa on Monday, and at least 41 people died, said the mayor Olga Brennik.\n\nRescue teams searched the river banks all night.", "2024-03-04", "harbour-news.example"),
        raw("Наводнение в Генуе", "Сильные дожди затопили Геную в понедельник, погибли не менее 41 человека, заявила мэр Ольга Бренник.\n\nСпасатели всю ночь обыскивали берега реки.", "2024-03-05", "vesti.example"),
        raw("Fire in Rotterdam port", "A fire destroyed three warehouses in the port of Rotterdam on Tuesday, said the fire chief Amos Dravik.\n\nNo one was hurt, according to the harbour office.", "2024-03-05", "harbour-news.example"),
        raw("Inondations à Gênes", "De fortes pluies ont inondé Gênes lundi, faisant au moins 41 morts, a déclaré la maire Olga Brennik.\n\nLes secours ont fouillé les berges du fleuve toute la nuit.", "2024-03-05", "quotidien.example"),
    ];
    store_of(&raws)
}

/// A store in memory holding `raws`, placed in their stories, with the ids of the articles in
/// the order they were placed.
fn store_of(raws: &[RawArticle]) -> (Store, Vec<recoupe_core::ArticleId>) {
    let mut store = Store::in_memory().expect("a store in memory");
    let mut index = store
        .story_index(StoryConfig::default())
        .expect("a story index");
    let added = store
        .add(&mut index, raws.iter().map(prepared).collect())
        .expect("the articles stored");
    let ids = added.placed.iter().map(|(a, _)| *a).collect();
    (store, ids)
}

#[test]
fn a_story_page_links_the_names_of_its_members_across_scripts() {
    let (store, ids) = store();
    let story = store
        .story_of_article(ids[0])
        .expect("read")
        .expect("placed");
    let view = story_view(&store, story, 100)
        .expect("read")
        .expect("the story");
    assert_eq!(view.row.id, story);
    assert_eq!(view.story.articles.len(), 3, "{:?}", view.story.articles);
    assert!(
        !view.story.articles.contains(&ids[2]),
        "the fire is another story"
    );
    assert_eq!(view.truncated, 0);
    let brennik = find_entity(&view.entities, "Ольга Бренник").expect("the mayor");
    assert!(
        brennik.variants.iter().any(|v| v == "Olga Brennik"),
        "{brennik:?}"
    );
    assert!(view
        .story
        .joins
        .iter()
        .any(|j| j.score.is_some() && j.evidence.iter().any(|e| e.signal == "names")));
    // a page over fewer members says how many it left out
    let short = story_view(&store, story, 2)
        .expect("read")
        .expect("the story");
    assert_eq!((short.articles.len(), short.truncated), (2, 1));
}

#[test]
fn the_entities_of_a_store_are_linked_as_it_is_written_and_found_by_any_spelling() {
    let (store, ids) = store();
    let all = entities(&store, 1_000).expect("read");
    // the most mentioned first, then by name
    assert!(all
        .windows(2)
        .all(|w| (w[1].mentions, &w[0].name) <= (w[0].mentions, &w[1].name)));
    let brennik = entity(&store, "Ольга Бренник", 10)
        .expect("read")
        .expect("found by its Cyrillic spelling");
    assert!(
        brennik.variants.iter().any(|v| v == "Olga Brennik"),
        "{brennik:?}"
    );
    assert_eq!(brennik.article_count, 3);
    assert_eq!(
        brennik.articles,
        [ids[0], ids[1], ids[3]],
        "in the order stored"
    );
    assert!(brennik.languages.len() >= 3, "{:?}", brennik.languages);
    // by id, by name in any case, and by a spelling never seen that sounds like it
    let by_id = entity(&store, &brennik.id.to_string(), 10).expect("read");
    assert_eq!(by_id.map(|e| e.id), Some(brennik.id));
    let dravik = entity(&store, "amos dravik", 10)
        .expect("read")
        .expect("by name");
    assert_eq!(dravik.articles, [ids[2]]);
    let sounded = entity(&store, "Amos Dravick", 10).expect("read");
    assert_eq!(sounded.map(|e| e.id), Some(dravik.id));
    assert!(entity(&store, "Zygmunt Quarrel", 10)
        .expect("read")
        .is_none());
    // a list cut at two articles says how many there are
    let short = store.entities(1_000, 2).expect("read");
    let b = short.iter().find(|e| e.id == brennik.id).expect("listed");
    assert_eq!((b.articles.len(), b.article_count), (2, 3));
}

#[test]
fn a_store_reopened_links_its_next_articles_into_the_same_entities() {
    let dir = tempfile::tempdir().expect("a directory");
    let path = dir.path().join("news.db");
    let first = [
        raw(
            "Floods in Genoa",
            "Heavy rain flooded Genoa on Monday, said the mayor Olga Brennik.",
            "2024-03-04",
            "a.example",
        ),
        raw(
            "Наводнение в Генуе",
            "Сильные дожди затопили Геную, заявила мэр Ольга Бренник.",
            "2024-03-05",
            "b.example",
        ),
    ];
    let later = [raw(
        "Inondations à Gênes",
        "De fortes pluies ont inondé Gênes, a déclaré la maire Olga Brennik.",
        "2024-03-05",
        "c.example",
    )];
    let add = |raws: &[RawArticle]| {
        let mut store = Store::open(&path).expect("opens");
        let mut index = store.story_index(StoryConfig::default()).expect("index");
        store
            .add(&mut index, raws.iter().map(prepared).collect())
            .expect("stored");
    };
    add(&first);
    let store = Store::open(&path).expect("opens");
    let before = entity(&store, "Olga Brennik", 10)
        .expect("read")
        .expect("found");
    assert_eq!(before.article_count, 2);
    drop(store);
    add(&later);
    let store = Store::open(&path).expect("opens");
    let after = entity(&store, "Olga Brennik", 10)
        .expect("read")
        .expect("found");
    assert_eq!(after.id, before.id, "an entity keeps its id");
    assert_eq!(after.article_count, 3);
    assert_eq!(after.articles.len(), 3);
    assert!(!store.entities_behind().expect("read"));
}

#[test]
fn spellings_are_grouped_by_the_script_most_of_their_letters_are_in() {
    use recoupe_core::lang::Script;
    let variants: Vec<String> = [
        "Ольга Бренник",
        "Olga Brennik",
        "أولغا برينيك",
        "Бренник",
        "O. Brennik",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let groups = recoupe_query::spellings_by_script(&variants);
    assert_eq!(
        groups,
        vec![
            (Script::Cyrillic, vec!["Ольга Бренник", "Бренник"]),
            (Script::Latin, vec!["Olga Brennik", "O. Brennik"]),
            (Script::Arabic, vec!["أولغا برينيك"]),
        ]
    );
    // a spelling mixing scripts goes with the script of most of its letters
    let mixed = vec!["Brennik (Бр.)".to_string()];
    assert_eq!(
        recoupe_query::spellings_by_script(&mixed)[0].0,
        Script::Latin
    );
}

/// A desk merges two entities the linker kept apart (an aid group named in English and in
/// French): every reader sees one — the list, a lookup by either name, a story's page, whose
/// mentions of both are one actor — articles stored later follow the merge, and an undo gives
/// back what the linker found.
#[test]
fn a_merge_of_two_entities_is_read_everywhere_lasts_and_is_undone() {
    let genoa = |title: &str, body: &str, date: &str, site: &str| raw(title, body, date, site);
    let mut store = Store::in_memory().expect("a store in memory");
    let mut index = store
        .story_index(StoryConfig::default())
        .expect("a story index");
    let first = [
        genoa("Floods in Genoa", "Heavy rain flooded Genoa on Monday, and at least 41 people died, said the mayor Olga Brennik. Volunteers of Mercy Harbour searched the river banks all night, said Mercy Harbour in a statement.", "2024-03-04", "harbour-news.example"),
        genoa("Inondations à Gênes", "De fortes pluies ont inondé Gênes lundi, faisant au moins 41 morts, a déclaré la maire Olga Brennik. Les bénévoles de Port Secours ont fouillé les berges du fleuve toute la nuit, selon Port Secours.", "2024-03-05", "quotidien.example"),
    ];
    let added = store
        .add(&mut index, first.iter().map(prepared).collect())
        .expect("stored");
    let story = store
        .story_of_article(added.placed[0].0)
        .expect("read")
        .expect("placed");
    let english = entity(&store, "Mercy Harbour", 10)
        .expect("read")
        .expect("found");
    let french = entity(&store, "Port Secours", 10)
        .expect("read")
        .expect("found");
    assert_ne!(
        english.id, french.id,
        "the linker keeps the two names apart"
    );

    let entry = store
        .merge_entities(french.id, english.id, "desk", "one aid group, two names")
        .expect("merged");
    // the list: one entity, both names, the mentions of both
    let list = entities(&store, 50).expect("read");
    assert!(!list.iter().any(|e| e.id == french.id), "{list:?}");
    let merged = list.iter().find(|e| e.id == english.id).expect("listed");
    assert!(
        merged.variants.iter().any(|v| v == "Port Secours"),
        "{merged:?}"
    );
    assert_eq!(merged.mentions, english.mentions + french.mentions);
    // the export: one row, both names
    let mut csv = Vec::new();
    recoupe_query::export::export(
        &store,
        recoupe_query::export::Table::Entities,
        recoupe_query::export::Format::Csv,
        None,
        &mut csv,
    )
    .expect("exported");
    let csv = String::from_utf8(csv).expect("UTF-8");
    assert!(
        !csv.lines().any(|l| l.starts_with(&french.id.to_string())),
        "{csv}"
    );
    let row = csv
        .lines()
        .find(|l| l.starts_with(&english.id.to_string()))
        .expect("its row");
    assert!(
        row.contains("Port Secours") && row.contains("Mercy Harbour"),
        "{row}"
    );
    // a lookup by either name answers with the one merged into
    for name in ["Port Secours", "Mercy Harbour"] {
        let found = entity(&store, name, 10).expect("read").expect("found");
        assert_eq!(found.id, english.id, "{name}");
        assert_eq!(found.articles.len(), 2, "{found:?}");
    }
    // a search kept to the one merged into finds the articles that name only the other
    let request = recoupe_query::SearchRequest {
        query: "Olga".into(),
        entity: Some("Mercy Harbour".into()),
        limit: 10,
        ..Default::default()
    };
    let hits = recoupe_query::search(&store, &request)
        .expect("searched")
        .hits;
    assert!(hits.iter().any(|h| h.id == added.placed[1].0), "{hits:?}");
    // the story's page: one actor, every mention of either name linked to it
    let view = story_view(&store, story, 100)
        .expect("read")
        .expect("the story");
    let actor = find_entity(&view.entities, "Port Secours").expect("named");
    assert!(
        actor.variants.iter().any(|v| v == "Mercy Harbour"),
        "{actor:?}"
    );
    let ids: std::collections::HashSet<_> = view
        .articles
        .iter()
        .flat_map(|a| &a.entities)
        .filter(|m| m.text == "Port Secours" || m.text == "Mercy Harbour")
        .map(|m| m.entity)
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    // an article stored later with the merged name counts for the one merged into
    store
        .add(
            &mut index,
            vec![prepared(&genoa("Gênes : le bilan", "Les bénévoles de Port Secours ont retrouvé deux disparus à Gênes mardi, selon Port Secours.", "2024-03-06", "autre.example"))],
        )
        .expect("stored");
    let later = entity(&store, "Mercy Harbour", 10)
        .expect("read")
        .expect("found");
    assert_eq!(later.article_count, 3, "{later:?}");
    // undone: the linker's two entities again
    store.undo_correction(entry.id).expect("undone");
    let list = entities(&store, 50).expect("read");
    assert!(list.iter().any(|e| e.id == french.id), "{list:?}");
    let english_again = entity(&store, "Mercy Harbour", 10)
        .expect("read")
        .expect("found");
    assert!(!english_again.variants.iter().any(|v| v == "Port Secours"));
    // a merge into itself, or of an unknown entity, is refused
    assert!(store
        .merge_entities(english.id, english.id, "desk", "")
        .is_err());
    assert!(store
        .merge_entities(recoupe_core::EntityId(7), english.id, "desk", "")
        .is_err());
}

/// A desk splits a spelling out of an entity (a lone surname the linker gave the minister that
/// names a judge in another article): every reader sees two — a lookup by the surname, the
/// list, the export, a search kept to either, a story's page — articles stored later follow
/// the split, and an undo gives back what the linker found.
#[test]
fn a_spelling_split_out_of_an_entity_is_read_everywhere_lasts_and_is_undone() {
    let mut store = Store::in_memory().expect("a store in memory");
    let mut index = store
        .story_index(StoryConfig::default())
        .expect("a story index");
    let first = [
        raw("Varna port reopens", "The minister Irina Valcheva reopened the port of Varna on Monday after the storm. Valcheva said the repairs cost 40 million euros.", "2024-05-06", "black-sea.example"),
        raw("Varna port contract in court", "The port of Varna reopened on Monday after the storm, and on Tuesday a court in Varna heard the case of the repairs, and the judge, Valcheva, said the contract would be read again.", "2024-05-07", "coast-daily.example"),
    ];
    let added = store
        .add(&mut index, first.iter().map(prepared).collect())
        .expect("stored");
    let [minister_article, judge_article] = [added.placed[0].0, added.placed[1].0];
    let minister = entity(&store, "Irina Valcheva", 10)
        .expect("read")
        .expect("found");
    let lone = entity(&store, "Valcheva", 10)
        .expect("read")
        .expect("found");
    assert_eq!(
        lone.id, minister.id,
        "the linker joins the surname alone to the minister"
    );
    assert_eq!(minister.article_count, 2, "{minister:?}");

    let entry = store
        .split_spelling(
            minister.id,
            "valcheva",
            "desk",
            "the judge is another Valcheva",
        )
        .expect("split");
    let recoupe_store::Action::SplitSpelling { to, spelling, .. } = &entry.action else {
        panic!("{entry:?}")
    };
    assert_eq!(spelling, "Valcheva", "the spelling as the entity writes it");
    assert_eq!(
        *to,
        recoupe_store::SpellingSplit::id_of(minister.id, "Valcheva")
    );
    // a lookup by the surname answers with the entity split out, by its id too
    let judge = entity(&store, "Valcheva", 10)
        .expect("read")
        .expect("found");
    assert_eq!(judge.id, *to);
    assert_eq!(judge.name, "Valcheva");
    assert_eq!(
        judge.articles,
        [minister_article, judge_article],
        "{judge:?}"
    );
    assert_eq!(judge.mentions, 2, "{judge:?}");
    let by_id = entity(&store, &to.to_string(), 10)
        .expect("read")
        .expect("found");
    assert_eq!(by_id.id, *to);
    // the minister keeps her other spellings and the article that names her by them
    let minister_now = entity(&store, "Irina Valcheva", 10)
        .expect("read")
        .expect("found");
    assert_eq!(minister_now.id, minister.id);
    assert!(
        !minister_now.variants.iter().any(|v| v == "Valcheva"),
        "{minister_now:?}"
    );
    assert_eq!(
        minister_now.articles,
        [minister_article],
        "{minister_now:?}"
    );
    assert_eq!(minister_now.mentions, minister.mentions - 2);
    // the list holds both
    let list = entities(&store, 50).expect("read");
    for id in [minister.id, *to] {
        assert!(list.iter().any(|e| e.id == id), "{id} in {list:?}");
    }
    // the export: a row for each
    let mut csv = Vec::new();
    recoupe_query::export::export(
        &store,
        recoupe_query::export::Table::Entities,
        recoupe_query::export::Format::Csv,
        None,
        &mut csv,
    )
    .expect("exported");
    let csv = String::from_utf8(csv).expect("UTF-8");
    let row = csv
        .lines()
        .find(|l| l.starts_with(&to.to_string()))
        .unwrap_or_else(|| panic!("a row for the split: {csv}"));
    assert!(row.contains("Valcheva"), "{row}");
    // a search kept to either finds the articles that name it as split
    let search = |who: &str| {
        let request = recoupe_query::SearchRequest {
            query: "Varna".into(),
            entity: Some(who.into()),
            limit: 10,
            ..Default::default()
        };
        let mut hits: Vec<_> = recoupe_query::search(&store, &request)
            .expect("searched")
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        hits.sort();
        hits
    };
    assert_eq!(search("Irina Valcheva"), [minister_article]);
    let mut both = vec![minister_article, judge_article];
    both.sort();
    assert_eq!(search("Valcheva"), both);
    // a story's page: the surname's mentions are the split entity's, the full name the minister's
    let story = store
        .story_of_article(judge_article)
        .expect("read")
        .expect("placed");
    let view = story_view(&store, story, 100)
        .expect("read")
        .expect("the story");
    for a in &view.articles {
        for m in &a.entities {
            match m.text.as_str() {
                "Valcheva" => assert_eq!(m.entity, Some(*to), "{m:?}"),
                "Irina Valcheva" => assert_ne!(m.entity, Some(*to), "{m:?}"),
                _ => {}
            }
        }
    }
    if let Some(e) = view.entities.iter().find(|e| e.id == *to) {
        assert_eq!(e.variants, ["Valcheva"], "{e:?}");
    }
    // an article stored later that names the judge by her surname is the split entity's
    store
        .add(
            &mut index,
            vec![prepared(&raw(
                "Varna court again",
                "On Friday the judge, Valcheva, postponed the port contract case in Varna to June.",
                "2024-05-10",
                "coast-daily.example",
            ))],
        )
        .expect("stored");
    let later = entity(&store, "Valcheva", 10)
        .expect("read")
        .expect("found");
    assert_eq!(later.id, *to);
    assert_eq!(later.article_count, 3, "{later:?}");
    // what cannot be split is refused: an unknown spelling, one split already, the last one
    assert!(store
        .split_spelling(minister.id, "Valchev", "desk", "")
        .is_err());
    assert!(store
        .split_spelling(minister.id, "VALCHEVA", "desk", "")
        .is_err());
    let only = minister_now
        .variants
        .iter()
        .filter(|v| v.as_str() != "Valcheva")
        .cloned()
        .collect::<Vec<_>>();
    let mut last_refused = false;
    for (i, v) in only.iter().enumerate() {
        let answer = store.split_spelling(minister.id, v, "desk", "");
        if i + 1 == only.len() {
            last_refused = answer.is_err();
        }
    }
    assert!(last_refused, "the last spelling of {only:?} stays");
    // undone: the linker's one entity again
    for c in store.corrections().expect("read") {
        if c.undone_at.is_none() {
            store.undo_correction(c.id).expect("undone");
        }
    }
    let again = entity(&store, "Valcheva", 10)
        .expect("read")
        .expect("found");
    assert_eq!(again.id, minister.id);
    assert!(again.variants.iter().any(|v| v == "Valcheva"), "{again:?}");
}

/// A figure the extraction misread, marked wrong: its story's comparison leaves it out, the
/// export flags it with the correction's number, an undo brings it back.
#[test]
fn a_figure_marked_wrong_leaves_the_comparison_and_is_flagged_in_the_export() {
    let (mut store, ids) = store();
    let story = store
        .story_of_article(ids[0])
        .expect("read")
        .expect("placed");
    let figures_of = |store: &Store| -> Vec<(recoupe_core::ArticleId, usize)> {
        story_view(store, story, 100)
            .expect("read")
            .expect("the story")
            .story
            .comparison
            .figures
            .iter()
            .flat_map(|g| g.figures.iter().map(|f| (f.article, f.start)))
            .collect()
    };
    let before = figures_of(&store);
    let (article, start) = *before
        .iter()
        .find(|(a, _)| *a == ids[0])
        .expect("the English toll is compared");
    let entry = store
        .mark_wrong(
            article,
            recoupe_store::Finding::Figure,
            start,
            "desk",
            "misread",
        )
        .expect("marked");
    let after = figures_of(&store);
    assert!(!after.contains(&(article, start)), "{after:?}");
    assert!(after.len() < before.len());
    // the export flags it (and only it) with the correction's number
    let mut csv = Vec::new();
    recoupe_query::export::export(
        &store,
        recoupe_query::export::Table::Figures,
        recoupe_query::export::Format::Csv,
        Some(story),
        &mut csv,
    )
    .expect("exported");
    let csv = String::from_utf8(csv).expect("UTF-8");
    let flagged: Vec<&str> = csv
        .lines()
        .filter(|l| l.ends_with(&format!(",{}", entry.id)))
        .collect();
    assert_eq!(flagged.len(), 1, "{csv}");
    assert!(flagged[0].contains(&format!(",{start},")), "{csv}");
    assert!(csv
        .lines()
        .next()
        .expect("a header")
        .ends_with(",marked_wrong"));
    // refused twice, or where no figure starts; undone
    assert!(store
        .mark_wrong(article, recoupe_store::Finding::Figure, start, "desk", "")
        .is_err());
    assert!(store
        .mark_wrong(article, recoupe_store::Finding::Quote, start, "desk", "")
        .is_err());
    store.undo_correction(entry.id).expect("undone");
    assert_eq!(figures_of(&store), before);
}

#[test]
fn an_arabic_word_finds_the_articles_that_glue_a_proclitic_to_it() {
    let raws = [
        raw("أمطار غزيرة", "غمرت الأمطار الغزيرة شوارع بالمدينة القديمة يوم الاثنين، وقال رئيس البلدية إن فرق الإنقاذ عملت طوال الليل.", "2024-03-04", "akhbar.example"),
        raw("حريق في الميناء", "دمر حريق ثلاثة مستودعات في الميناء يوم الثلاثاء، ولم يصب أحد بأذى بحسب إدارة الميناء.", "2024-03-05", "akhbar.example"),
    ];
    let (store, ids) = store_of(&raws);
    let search = |query: &str| {
        let request = recoupe_query::SearchRequest {
            query: query.into(),
            limit: 10,
            ..Default::default()
        };
        recoupe_query::search(&store, &request)
            .expect("searched")
            .hits
    };
    // "city" finds "in the city" (بالمدينة), and only there; the snippet marks the word written
    let hits = search("مدينة");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].id, ids[0]);
    assert!(
        hits[0].snippet.contains("[بالمدينة]"),
        "{}",
        hits[0].snippet
    );
    // a word typed with its article finds it as written
    let hits = search("الميناء");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].id, ids[1]);
    // excluded in every form
    assert!(search("مستودعات -ميناء").is_empty());
}
