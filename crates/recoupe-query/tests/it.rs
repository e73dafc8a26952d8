//! The query layer over a store holding the team's own articles: a story's page and the
//! entities of the store, as the CLI and the server read them.

use recoupe_core::stories::StoryConfig;
use recoupe_core::{Date, RawArticle};
use recoupe_query::{entities, find_entity, story_view, Scope};
use recoupe_store::{Prepared, Store};

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
    let mut store = Store::in_memory().expect("a store in memory");
    let mut index = store
        .story_index(StoryConfig::default())
        .expect("a story index");
    let added = store
        .add(&mut index, raws.iter().map(Prepared::of).collect())
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
fn the_entities_of_a_store_are_the_same_whatever_the_scope_that_holds_them_all() {
    let (store, _) = store();
    let all = entities(&store, Scope::All).expect("read");
    let recent = entities(&store, Scope::Recent(10)).expect("read");
    let names = |list: &[recoupe_core::entities::Entity]| -> Vec<(String, usize)> {
        list.iter().map(|e| (e.name.clone(), e.mentions)).collect()
    };
    assert_eq!(names(&all), names(&recent));
    let ids = |list: &[recoupe_core::entities::Entity]| -> Vec<recoupe_core::EntityId> {
        list.iter().map(|e| e.id).collect()
    };
    assert_eq!(
        ids(&all),
        ids(&recent),
        "ids are made from what an entity is"
    );
    // the most mentioned first
    assert!(all.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    let dravik = find_entity(&all, "amos dravik").expect("found by name, any case");
    assert_eq!(dravik.articles.len(), 1);
    assert_eq!(
        find_entity(&all, &dravik.id.to_string()).map(|e| e.id),
        Some(dravik.id)
    );
    // one article only: fewer names, each in that one article
    let one = entities(&store, Scope::Recent(1)).expect("read");
    assert!(!one.is_empty() && one.len() < all.len(), "{one:?}");
    assert!(one.iter().all(|e| e.articles.len() == 1));
}
