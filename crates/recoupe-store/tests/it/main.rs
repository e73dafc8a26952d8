//! The store as its users open it: a SQLite file, or a PostgreSQL database, written by one
//! ingest and read by the next process, searched, and never left half-written — each test on
//! both backends (`name::sqlite`, `name::postgres`). The articles are the team's own, in three
//! languages and two scripts.

use std::collections::HashSet;

use recoupe_core::stories::StoryConfig;
use recoupe_core::{Date, Lang, RawArticle};
use recoupe_store::{Prepared, Store, StoreError};

mod scratch;
use scratch::Scratch;

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

fn articles() -> Vec<RawArticle> {
    vec![
        raw("Ferry aground near Kalvik", "The ferry Nordlys ran aground near the port of Kalvik on Sunday, and 212 passengers were taken ashore, the coast guard said.\n\nThe captain, Ingrid Solheim, told reporters the fog was very thick.", "2025-02-02", "coast-news.example"),
        raw("Паром сел на мель у Кальвика", "Паром «Нордлис» сел на мель у порта Кальвик в воскресенье, 212 пассажиров доставили на берег, сообщила береговая охрана.\n\nКапитан Ингрид Сольхейм сказала журналистам, что туман был очень густым.", "2025-02-02", "vesti-sever.example"),
        raw("Le ferry Nordlys échoué près de Kalvik", "Le ferry Nordlys s'est échoué dimanche près du port de Kalvik, et 212 passagers ont été ramenés à terre, selon les garde-côtes.\n\nLa capitaine, Ingrid Solheim, a dit que le brouillard était très épais.", "2025-02-03", "quotidien-nord.example"),
        raw("Library reopens in Tarvos", "The city library of Tarvos reopened on Monday after two years of works, the mayor Paul Ekwall said.\n\nIt now holds 90,000 books.", "2025-02-03", "coast-news.example"),
    ]
}

fn a_store_reopened_by_another_process_keeps_articles_stories_and_search(store_at: &Scratch) {
    let ids = {
        let mut store = Store::open(store_at.location()).expect("a new store");
        let mut index = store.story_index(StoryConfig::default()).expect("an index");
        let added = store
            .add(&mut index, articles().iter().map(prepared).collect())
            .expect("stored");
        store.save_index(&mut index).expect("the index saved");
        added.placed.iter().map(|(a, _)| *a).collect::<Vec<_>>()
    };
    let store = Store::open(store_at.location()).expect("the store reopened");
    assert_eq!(store.count().expect("a count"), 4);
    // rows come back typed
    let ferry = store
        .article(&ids[1].to_string()[..8])
        .expect("a lookup")
        .expect("the Russian article");
    assert_eq!(ferry.language, Some(Lang::RU));
    assert_eq!(ferry.published, Date::parse_iso("2025-02-02"));
    assert!(ferry.text.contains("Сольхейм"));
    // every article is placed; the English and French tellings of the ferry are one story,
    // the library another (the stories as stored are the index's: tested in the core)
    let story = |i: usize| {
        store
            .story_of_article(ids[i])
            .expect("a lookup")
            .expect("placed")
    };
    assert_eq!(story(0), story(2));
    assert_ne!(story(0), story(3));
    assert!(store.story_count().expect("a count") >= 2);
    // search in both scripts, accents folded
    assert_eq!(store.search("Kalvik", 10).expect("a search").len(), 2);
    assert_eq!(store.search("Кальвик", 10).expect("a search").len(), 1);
    assert_eq!(store.search("echoue", 10).expect("a search").len(), 1);
    assert!(store.search("Tarvos", 10).expect("a search")[0]
        .snippet
        .contains("[Tarvos]"));
    // an index made again from the file places nothing twice
    let mut reopened = Store::open(store_at.location()).expect("the store");
    let mut index = reopened
        .story_index(StoryConfig::default())
        .expect("the index from its snapshot");
    let again = reopened
        .add(&mut index, articles().iter().map(prepared).collect())
        .expect("added again");
    assert!(again.placed.is_empty());
    assert_eq!(again.known, 4);
}

fn a_batch_cut_off_before_its_end_leaves_nothing_behind(store_at: &Scratch) {
    {
        let mut store = Store::open(store_at.location()).expect("a new store");
        let mut index = store.story_index(StoryConfig::default()).expect("an index");
        let part = index.place_in_order(
            articles()[..2].iter().map(prepared).collect(),
            &mut HashSet::new(),
        );
        store
            .write_placed_part(part, false)
            .expect("the first part written");
        // the process dies here: the batch never ends
    }
    let mut store = Store::open(store_at.location()).expect("the store reopened");
    assert_eq!(store.count().expect("a count"), 0);
    assert!(store.search("Kalvik", 10).expect("a search").is_empty());
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    let added = store
        .add(&mut index, articles().iter().map(prepared).collect())
        .expect("the whole batch stored");
    assert_eq!(added.placed.len(), 4);
    assert_eq!(store.search("Kalvik", 10).expect("a search").len(), 2);
}

fn a_store_written_by_a_newer_recoupe_is_refused_and_left_as_it_is(store_at: &Scratch) {
    drop(Store::open(store_at.location()).expect("a new store"));
    store_at.execute(
        "PRAGMA user_version = 999",
        "UPDATE recoupe_schema SET version = 999",
    );
    match Store::open(store_at.location()) {
        Err(StoreError::TooNew { found, known }) => {
            assert_eq!(found, 999);
            assert!(known < 999);
        }
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(_) => panic!("a newer store opened"),
    }
    // the store is not migrated back
    store_at.execute(
        "CREATE TABLE still (v); INSERT INTO still SELECT user_version FROM pragma_user_version WHERE user_version = 999",
        "CREATE TABLE still AS SELECT version FROM recoupe_schema WHERE version = 999",
    );
    let found = Store::open(store_at.location());
    assert!(matches!(found, Err(StoreError::TooNew { found: 999, .. })));
}

fn a_batch_that_fails_halfway_is_rolled_back_and_the_next_one_stands_alone(store_at: &Scratch) {
    let mut store = Store::open(store_at.location()).expect("a new store");
    // a write that fails, as a full disk would, on one article of the second part
    store_at.execute(
        "CREATE TRIGGER fail_once BEFORE INSERT ON articles WHEN new.title = 'Library reopens in Tarvos'
         BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        "CREATE FUNCTION fail_once() RETURNS trigger AS $$ BEGIN
             IF new.title = 'Library reopens in Tarvos' THEN RAISE EXCEPTION 'disk full'; END IF;
             RETURN new; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER fail_once BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION fail_once();",
    );
    let raws = articles();
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    let mut seen = HashSet::new();
    let first = index.place_in_order(raws[..2].iter().map(prepared).collect(), &mut seen);
    store
        .write_placed_part(first, false)
        .expect("the first part written");
    let second = index.place_in_order(raws[2..].iter().map(prepared).collect(), &mut seen);
    assert!(store.write_placed_part(second, true).is_err());
    // the next batch, on a fresh index, stands alone: nothing of the failed one is committed
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    let added = store
        .add(&mut index, raws[2..3].iter().map(prepared).collect())
        .expect("the next batch stored");
    assert_eq!(added.placed.len(), 1);
    let reader = Store::open(store_at.location()).expect("another reader");
    assert_eq!(
        reader.count().expect("a count"),
        1,
        "only the next batch's article"
    );
    assert!(reader.search("Кальвик", 10).expect("a search").is_empty());
}

/// Two processes opening one new file at once (an ingest starting while a reader polls it)
/// both migrate it: the second sees the first one's migrations, never applies one twice.
fn a_new_store_opened_by_two_connections_at_once_is_migrated_once(store_at: &Scratch) {
    for round in 0..5 {
        let fresh = match store_at {
            Scratch::Sqlite(_) => Scratch::sqlite(),
            Scratch::Postgres(..) => Scratch::postgres(),
        };
        if let Scratch::Sqlite(file) = &fresh {
            // a new file, empty
            std::fs::remove_file(file.path()).expect("the file removed");
        }
        let location = fresh.location().to_path_buf();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (location, barrier) = (location.clone(), std::sync::Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&location).map(|s| s.schema_version().expect("a version"))
                })
            })
            .collect();
        let versions: Vec<i64> = handles
            .into_iter()
            .map(|h| h.join().expect("no panic").expect("opens"))
            .collect();
        assert!(
            versions.windows(2).all(|w| w[0] == w[1]),
            "round {round}: {versions:?}"
        );
    }
}

fn search_reads_scripts_without_spaces_folded_letters_and_filters(store_at: &Scratch) {
    let mut store = Store::open(store_at.location()).expect("a new store");
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    let mut all = articles();
    all.extend([
        raw("卡尔维克渡轮搁浅", "渡轮诺德利斯号周日在卡尔维克港附近搁浅，海岸警卫队表示，212名乘客已被送上岸。船长英格丽·索尔海姆说雾很大。", "2025-02-02", "dongfang.example"),
        raw("کشتی در نزدیکی کالویک به گل نشست", "کشتی نوردلیس روز یکشنبه در نزدیکی بندر کالویک به گل نشست و ۲۱۲ مسافر به ساحل منتقل شدند.", "2025-02-02", "khabar.example"),
        raw("מעבורת עלתה על שרטון ליד קלוויק", "המעבורת נורדליס עלתה על שרטון ביום ראשון ליד נמל קלוויק, ו-212 נוסעים הועברו לחוף, כך נמסר ממשמר החופים.", "2025-02-02", "yom.example"),
    ]);
    store
        .add(&mut index, all.iter().map(prepared).collect())
        .expect("stored");
    drop(store);
    let store = Store::open(store_at.location()).expect("reopened");
    let ids = |query: &str, filters: &recoupe_store::SearchFilters| -> Vec<String> {
        let query = recoupe_core::search::Query::parse(query);
        store
            .search_with(&query, filters, 20)
            .expect("a search")
            .iter()
            .map(|h| h.title.clone())
            .collect()
    };
    let none = recoupe_store::SearchFilters::default();
    // a Chinese name in the middle of a run of characters, and its snippet
    let found = store.search("卡尔维克", 10).expect("a search");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].snippet.contains("在[卡尔维克]港"),
        "{}",
        found[0].snippet
    );
    assert!(store.search("维克卡", 10).expect("a search").is_empty());
    // Persian typed with Arabic letters (ك, ي), Hebrew as written
    assert_eq!(ids("كالويك", &none).len(), 1);
    assert_eq!(ids("קלוויק", &none).len(), 1);
    // AND is an operator, "…" a phrase, OR and NOT
    assert_eq!(ids("Kalvik AND Ingrid", &none).len(), 2);
    assert_eq!(ids("\"port of Kalvik\"", &none).len(), 1);
    assert_eq!(ids("Tarvos OR Кальвик", &none).len(), 2);
    assert_eq!(ids("Kalvik NOT captain", &none).len(), 1);
    // filters: language, dates, source
    let only = |f: recoupe_store::SearchFilters| ids("212", &f);
    assert_eq!(
        only(recoupe_store::SearchFilters {
            language: Lang::parse("fa"),
            ..Default::default()
        })
        .len(),
        1
    );
    assert_eq!(
        only(recoupe_store::SearchFilters {
            since: Date::parse_iso("2025-02-03"),
            ..Default::default()
        })
        .len(),
        1
    );
    assert_eq!(
        only(recoupe_store::SearchFilters {
            until: Date::parse_iso("2025-02-02"),
            ..Default::default()
        })
        .len(),
        5
    );
    assert_eq!(
        only(recoupe_store::SearchFilters {
            source: Some("NORD".into()),
            ..Default::default()
        })
        .len(),
        1
    );
    // entities: the articles that name one of those given, each counted once
    let named = |entities: Vec<recoupe_core::EntityId>| {
        only(recoupe_store::SearchFilters {
            entities,
            ..Default::default()
        })
        .len()
    };
    let listed = store.entities(50, 1_000).expect("entities");
    let (a, b) = (&listed[0], &listed[1]);
    let some = named(vec![a.id]);
    assert!(some >= 1 && some <= a.article_count, "{a:?}");
    let both = named(vec![a.id, b.id]);
    assert!(both >= some && both <= some + named(vec![b.id]));
}

/// A process killed before the story index's snapshot was saved: the next one places every
/// stored article again, and must come to the index the killed one had — also for an article
/// placed undated whose date was inferred afterwards from a dated version of it (the replay
/// places it undated, as it was placed, with the date mentions it had then).
fn an_index_replayed_without_its_snapshot_is_the_index_that_placed(store_at: &Scratch) {
    let undated = RawArticle {
        published: None,
        body: format!(
            "{}\n\nThe port will stay closed until the day after tomorrow.",
            articles()[0].body
        ),
        source: "harbour-wire.example/ferry".into(),
        site: Some("harbour-wire.example".into()),
        ..articles()[0].clone()
    };
    let placed = {
        let mut store = Store::open(store_at.location()).expect("a new store");
        let mut index = store.story_index(StoryConfig::default()).expect("an index");
        store
            .add(&mut index, articles().iter().map(prepared).collect())
            .expect("stored");
        store
            .add(&mut index, vec![prepared(&undated)])
            .expect("stored");
        index.final_snapshot().expect("articles placed")
    };
    let store = Store::open(store_at.location()).expect("the store");
    let id = undated.id();
    let stored = store
        .article(&id.to_string())
        .expect("a lookup")
        .expect("stored");
    assert_eq!(
        stored.published_basis,
        Some(recoupe_core::DateBasis::Inferred),
        "the undated version takes its date from the dated one"
    );
    drop(store);
    // the snapshot was never saved
    store_at.execute("DELETE FROM story_index", "DELETE FROM story_index");
    let mut store = Store::open(store_at.location()).expect("the store");
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    assert_eq!(index.replayed, 5);
    let replayed = index.final_snapshot().expect("articles placed again");
    assert!(
        replayed == placed,
        "the replayed index differs from the one that placed"
    );
}

on_both_backends!(
    an_index_replayed_without_its_snapshot_is_the_index_that_placed,
    a_store_reopened_by_another_process_keeps_articles_stories_and_search,
    a_batch_cut_off_before_its_end_leaves_nothing_behind,
    a_store_written_by_a_newer_recoupe_is_refused_and_left_as_it_is,
    a_batch_that_fails_halfway_is_rolled_back_and_the_next_one_stands_alone,
    a_new_store_opened_by_two_connections_at_once_is_migrated_once,
    search_reads_scripts_without_spaces_folded_letters_and_filters,
);

/// A desk's corrections on either backend: an article moved to a story of its own and back, two
/// stories merged (a later article of the merged one follows), the log, an undo.
fn corrections_move_merge_and_undo_on_the_stored_stories(store_at: &Scratch) {
    let mut store = Store::open(store_at.location()).expect("a new store");
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    let all = articles();
    let added = store
        .add(&mut index, all[..3].iter().map(prepared).collect())
        .expect("stored");
    let ids: Vec<_> = added.placed.iter().map(|(a, _)| *a).collect();
    let story = |store: &Store, i: usize| {
        store
            .story_of_article(ids[i])
            .expect("a lookup")
            .expect("placed")
    };
    let ferry = story(&store, 0);
    assert_eq!(ferry, story(&store, 2), "the ferry in English and French");
    let size = |store: &Store, s: recoupe_core::StoryId| {
        store
            .story(&s.to_string())
            .expect("a lookup")
            .map_or(0, |row| row.size)
    };
    let before = size(&store, ferry);
    // the French telling to a story of its own
    let moved = store
        .move_article(ids[2], None, "desk", "a different ferry")
        .expect("moved");
    let own = story(&store, 2);
    assert_ne!(own, ferry);
    assert_eq!(size(&store, own), 1);
    assert_eq!(size(&store, ferry), before - 1);
    // merged back into the ferry's story; the library then arrives in the merged one's place
    let merged = store
        .merge_stories(own, ferry, "desk", "the same ferry after all")
        .expect("merged");
    assert_eq!(story(&store, 2), ferry);
    assert_eq!(size(&store, ferry), before);
    assert!(
        store.story(&own.to_string()).expect("a lookup").is_none(),
        "emptied"
    );
    let log = store.corrections().expect("the log");
    assert_eq!(
        log.iter().map(|c| c.id).collect::<Vec<_>>(),
        [moved.id, merged.id]
    );
    assert_eq!(log[0].by, "desk");
    // undone: the article back in its own story
    let undone = store.undo_correction(merged.id).expect("undone");
    assert!(undone.undone_at.is_some());
    assert_eq!(story(&store, 2), own);
    assert!(
        store.undo_correction(merged.id).is_err(),
        "undone once only"
    );
    let sizes: usize = store
        .stories(recoupe_store::StoryOrder::Largest, 100, 0)
        .expect("stories")
        .iter()
        .map(|s| s.size)
        .sum();
    assert_eq!(sizes, 3, "every article in one story");

    // the story split: the English and French tellings out together, into a new story; an
    // article of another story cannot be split out of this one
    let undo_move = store.undo_correction(moved.id).expect("undone");
    assert!(undo_move.undone_at.is_some());
    assert_eq!(story(&store, 2), ferry);
    let other = story(&store, 1);
    assert_ne!(other, ferry, "the library is another story");
    assert!(store
        .split_story(ferry, &[ids[0], ids[1]], "desk", "")
        .is_err());
    assert!(store.split_story(ferry, &[], "desk", "").is_err());
    let split = store
        .split_story(ferry, &[ids[0], ids[2]], "desk", "two ferries")
        .expect("split");
    let out = story(&store, 0);
    assert_eq!(out, story(&store, 2), "the two together");
    assert_ne!(out, ferry);
    assert_eq!(size(&store, out), 2);
    assert_eq!(split.action.stories(), [ferry, out]);
    store.undo_correction(split.id).expect("undone");
    assert_eq!(story(&store, 0), ferry);
    assert_eq!(story(&store, 2), ferry);

    // two entities merged: logged (the tables stay as the linker made them), refused twice,
    // into itself, in a cycle, or for an entity the store does not hold; undone
    let listed = store.entities(10, 0).expect("entities");
    assert!(listed.len() >= 3, "{listed:?}");
    let (a, b, c) = (listed[0].id, listed[1].id, listed[2].id);
    let merge = store
        .merge_entities(a, b, "desk", "one actor")
        .expect("merged");
    assert_eq!(
        merge.action,
        recoupe_store::Action::MergeEntities { from: a, into: b }
    );
    assert!(merge.action.stories().is_empty() && merge.action.is_read_over());
    assert!(
        store.merge_entities(a, c, "desk", "").is_err(),
        "merged already"
    );
    assert!(store.merge_entities(b, a, "desk", "").is_err(), "a cycle");
    assert!(
        store.merge_entities(c, c, "desk", "").is_err(),
        "into itself"
    );
    assert!(store
        .merge_entities(recoupe_core::EntityId(3), b, "desk", "")
        .is_err());
    let counted = |list: Vec<recoupe_core::entities::Entity>| -> Vec<_> {
        list.iter().map(|e| (e.id, e.mentions)).collect()
    };
    assert_eq!(
        counted(store.entities(10, 0).expect("entities")),
        counted(listed.clone()),
        "tables unchanged"
    );
    let undone = store.undo_correction(merge.id).expect("undone");
    assert!(undone.undone_at.is_some());
    store
        .merge_entities(a, c, "desk", "after all")
        .expect("merged again once undone");

    // a spelling split out of an entity: logged with the id it is read as (the tables stay as
    // the linker made them), refused twice, for a spelling the entity does not have, or out of
    // an entity merged into another; undone
    let several = store
        .entities(50, 0)
        .expect("entities")
        .into_iter()
        .find(|e| e.variants.len() > 1 && e.id != a && e.id != c)
        .expect("an entity of several spellings");
    let spelling = several.variants[1].clone();
    let split_out = store
        .split_spelling(
            several.id,
            &spelling.to_uppercase(),
            "desk",
            "another actor",
        )
        .expect("split");
    assert_eq!(
        split_out.action,
        recoupe_store::Action::SplitSpelling {
            entity: several.id,
            spelling: spelling.clone(),
            to: recoupe_store::SpellingSplit::id_of(several.id, &spelling),
        }
    );
    assert!(split_out.action.is_read_over() && split_out.action.stories().is_empty());
    assert!(store
        .split_spelling(several.id, &spelling, "desk", "")
        .is_err());
    assert!(store
        .split_spelling(several.id, "Nobody Atall", "desk", "")
        .is_err());
    assert!(
        store
            .split_spelling(a, &listed[0].variants[0], "desk", "")
            .is_err(),
        "merged into another"
    );
    assert_eq!(
        counted(store.entities(10, 0).expect("entities")),
        counted(listed.clone()),
        "tables unchanged"
    );
    store.undo_correction(split_out.id).expect("undone");
    store
        .split_spelling(several.id, &spelling, "desk", "")
        .expect("split again once undone");

    // a figure marked wrong: logged with its bytes and text, refused twice, undone
    let analysis = store
        .article(&ids[0].to_string())
        .expect("read")
        .expect("stored")
        .analysis();
    let figure = analysis.figures.first().expect("a figure");
    let marked = store
        .mark_wrong(
            ids[0],
            recoupe_store::Finding::Figure,
            figure.start,
            "desk",
            "misread",
        )
        .expect("marked");
    assert!(matches!(
        &marked.action,
        recoupe_store::Action::MarkWrong { end, text, .. } if *end == figure.end && *text == figure.text
    ));
    assert!(store
        .mark_wrong(
            ids[0],
            recoupe_store::Finding::Figure,
            figure.start,
            "desk",
            ""
        )
        .is_err());
    store.undo_correction(marked.id).expect("undone");
}

on_both_backends!(corrections_move_merge_and_undo_on_the_stored_stories);

/// Every name written, with the entity the linker gave it: the `mentions` rows of an article
/// are its names, their bytes its text's, and `mentions_by_entity` gives each the entity whose
/// spelling it is.
fn names_are_kept_as_rows_with_their_entities(store_at: &Scratch) {
    let mut store = Store::open(store_at.location()).expect("a new store");
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    let raws = articles();
    store
        .add(&mut index, raws.iter().map(prepared).collect())
        .expect("stored");
    drop(store);
    let rows = store_at.rows(
        "SELECT entity, text FROM mentions_by_entity WHERE entity IS NOT NULL ORDER BY article, start",
    );
    assert!(rows.len() >= 4, "{rows:?}");
    let store = Store::open(store_at.location()).expect("reopened");
    for row in &rows {
        let named = store
            .entity_candidates(&row[1])
            .expect("read")
            .into_iter()
            .find(|e| e.id.to_string() == row[0])
            .unwrap_or_else(|| panic!("{row:?}: the entity of the name is not one it spells"));
        assert!(
            named.variants.iter().any(|v| v == &row[1]),
            "{row:?} in {named:?}"
        );
    }
}

on_both_backends!(names_are_kept_as_rows_with_their_entities);

/// A store written before names were rows (schema 10) gets them when this version opens it,
/// each name given the entity the linker gave it as the article was written.
#[test]
fn a_store_of_schema_10_gets_its_names_as_rows() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("old.db");
    let mut store = Store::open(&path).expect("a new store");
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    store
        .add(&mut index, articles().iter().map(prepared).collect())
        .expect("stored");
    drop((store, index));
    let conn = rusqlite::Connection::open(&path).expect("opened");
    let count = |conn: &rusqlite::Connection, sql: &str| -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).expect("counted")
    };
    let names = count(&conn, "SELECT count(*) FROM mentions");
    let linked = count(
        &conn,
        "SELECT count(*) FROM mentions WHERE cluster IS NOT NULL",
    );
    assert!(names > 0 && linked > 0);
    let entities = |conn: &rusqlite::Connection| -> Vec<(i64, i64, Option<i64>)> {
        let mut stmt = conn
            .prepare("SELECT seq, n, cluster FROM mentions ORDER BY seq, n")
            .expect("a query");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .map(|r| r.expect("a row"))
            .collect()
    };
    let as_written = entities(&conn);
    conn.execute_batch(
        "DROP VIEW mentions_by_entity; DROP TABLE mentions; PRAGMA user_version = 10;",
    )
    .expect("made old");
    drop(conn);
    drop(Store::open(&path).expect("migrated"));
    let conn = rusqlite::Connection::open(&path).expect("opened");
    assert_eq!(count(&conn, "SELECT count(*) FROM mentions"), names);
    assert_eq!(
        entities(&conn),
        as_written,
        "each name given the entity the linker gave it"
    );
}

/// A store indexed for search by unicode61 (schema 11) is indexed again by the `ascii`
/// tokenizer when this version opens it: every article is found as before, in every script,
/// and a Hindi word, which unicode61 cut at its vowel signs, is one term and still found.
#[test]
fn a_store_of_schema_11_is_indexed_again_and_finds_the_same_articles() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("old.db");
    let mut all = articles();
    all.push(raw(
        "कालविक के पास नौका फंसी",
        "नौका नॉर्डलिस रविवार को कालविक बंदरगाह के पास फंस गई, और 212 यात्रियों को किनारे लाया गया।",
        "2025-02-02",
        "samachar.example",
    ));
    let mut store = Store::open(&path).expect("a new store");
    let mut index = store.story_index(StoryConfig::default()).expect("an index");
    store
        .add(&mut index, all.iter().map(prepared).collect())
        .expect("stored");
    drop((store, index));
    let queries = [
        "Kalvik",
        "кальвик",
        "212",
        "Ingrid Solheim",
        "कालविक",
        "यात्रियों",
    ];
    let found = |path: &std::path::Path| -> Vec<usize> {
        let store = Store::open(path).expect("opened");
        queries
            .iter()
            .map(|q| store.search(q, 20).expect("a search").len())
            .collect()
    };
    let now = found(&path);
    assert_eq!(now, vec![2, 1, 4, 2, 1, 1], "{now:?}");
    // the index as schema 11 made it
    let conn = rusqlite::Connection::open(&path).expect("opened");
    let tokenizer = |conn: &rusqlite::Connection| -> String {
        conn.query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'",
            [],
            |r| r.get(0),
        )
        .expect("the index's statement")
    };
    assert!(tokenizer(&conn).contains("'ascii'"), "{}", tokenizer(&conn));
    conn.execute_batch(
        "DROP TABLE articles_fts;
         CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='',
             contentless_delete=1, tokenize = \"unicode61 remove_diacritics 0\");
         PRAGMA user_version = 11;",
    )
    .expect("made old");
    drop(conn);
    // opened by this version: indexed again (the old index was left empty: only the
    // migration can fill it)
    assert_eq!(found(&path), now);
    let conn = rusqlite::Connection::open(&path).expect("opened");
    assert!(tokenizer(&conn).contains("'ascii'"));
}

/// Opening a large store of an older schema that fills tables from every article is announced;
/// a store of this schema, or a small one, is not.
#[test]
fn a_long_upgrade_is_announced_before_it_starts() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("big.db");
    drop(Store::open(&path).expect("a new store"));
    assert_eq!(recoupe_store::upgrade_notice(&path), None, "up to date");
    let conn = rusqlite::Connection::open(&path).expect("opened");
    conn.execute_batch(
        "DROP VIEW mentions_by_entity; DROP TABLE mentions; PRAGMA user_version = 10;",
    )
    .expect("made old");
    assert_eq!(recoupe_store::upgrade_notice(&path), None, "no article");
    conn.execute(
        "INSERT INTO articles (rowid, id, source, title, text, analysis)
         VALUES (25000, '00000000000000aa', 'x', 't', 'b', '{}')",
        [],
    )
    .expect("a row far on");
    let notice = recoupe_store::upgrade_notice(&path).expect("announced");
    assert!(notice.contains("schema 10 to 12"), "{notice}");
    assert!(notice.contains("25000 articles"), "{notice}");
    assert!(notice.contains("tables"), "{notice}");
    assert!(notice.contains("search index"), "{notice}");
    // from 11, only the search index is made again
    conn.execute_batch("PRAGMA user_version = 11;")
        .expect("made old");
    let notice = recoupe_store::upgrade_notice(&path).expect("announced");
    assert!(notice.contains("search index"), "{notice}");
    assert!(!notice.contains("tables"), "{notice}");
    assert_eq!(
        recoupe_store::upgrade_notice(&dir.path().join("none.db")),
        None
    );
}
