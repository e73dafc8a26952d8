use super::*;

fn names(text: &str, lang: &str) -> Vec<(String, EntityKind)> {
    find_mentions(text, Lang::parse(lang))
        .into_iter()
        .map(|m| (m.text, m.kind))
        .collect()
}

/// The entity of each spelling, after linking `texts` (language, text) as one corpus.
fn entity_of_each(texts: &[(&str, &'static str)]) -> HashMap<String, Option<EntityId>> {
    let mut all: Vec<Vec<Mention>> = texts
        .iter()
        .map(|(lang, text)| find_mentions(text, Lang::parse(lang)))
        .collect();
    let mut views: Vec<ArticleMentions<'_>> = all
        .iter_mut()
        .zip(texts)
        .enumerate()
        .map(|(n, (mentions, (lang, text)))| ArticleMentions {
            article: ArticleId(n as u64),
            language: Lang::parse(lang),
            text,
            mentions,
        })
        .collect();
    link_entities(&mut views);
    all.into_iter()
        .flatten()
        .map(|m| (m.text, m.entity))
        .collect()
}

#[test]
fn a_given_name_starts_a_person_after_other_capitalised_words() {
    let found = names(
        "Wczoraj głos zabrał były premier z ramienia Partii Pracy Tony Blair, a po nim \
         szef Komisji Europejskiej Jean-Claude Juncker.",
        "pl",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Tony Blair"), "{found:?}");
    assert!(texts.contains(&"Partii Pracy"), "{found:?}");
    assert!(texts.contains(&"Jean-Claude Juncker"), "{found:?}");
    // a given name in Cyrillic, found by its sound; a surname after it
    let found = names(
        "Председателят на Европейския съвет Доналд Туск каза вчера, че срещата ще бъде в петък.",
        "bg",
    );
    assert!(
        found
            .iter()
            .any(|(t, k)| t == "Доналд Туск" && *k == EntityKind::Person),
        "{found:?}"
    );
}

#[test]
fn a_council_in_any_case_and_its_president_after_it_are_two_names() {
    // a short organisation word whose cases replace its last vowel (rada: ради, rady, radzie)
    let found = names(
        "Прем'єр запропонував голові Європейської ради Дональду Туску скликати саміт.",
        "uk",
    );
    assert!(
        found.contains(&("Європейської ради".to_string(), EntityKind::Organization)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Дональду Туску".to_string(), EntityKind::Person)),
        "{found:?}"
    );
    // an organisation word first, then a given name: split at the given name
    for (text, lang, council, person) in [
        (
            "Zapowiedział to przewodniczący Rady Europejskiej Donald Tusk w czwartek wieczorem.",
            "pl",
            "Rady Europejskiej",
            "Donald Tusk",
        ),
        (
            "Summit svolal předseda Evropské rady Donald Tusk na neděli, řekl mluvčí Donald Tusk.",
            "cs",
            "Evropské rady",
            "Donald Tusk",
        ),
        // a country's name is no given name, though it may sound like one
        (
            "Официальный представитель МИД России Мария Захарова заявила об этом в среду.",
            "ru",
            "МИД России",
            "Мария Захарова",
        ),
        (
            "Министърът за Северна Ирландия Джеймс Броукъншайър подаде оставка вчера.",
            "bg",
            "Северна Ирландия",
            "Джеймс Броукъншайър",
        ),
    ] {
        let found = names(text, lang);
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.contains(&council), "{found:?}");
        assert!(texts.contains(&person), "{found:?}");
    }
}

#[test]
fn a_court_and_the_country_it_belongs_to_are_one_organisation() {
    let found = names(
        "Sprawa trafi teraz do Trybunału Sprawiedliwości Unii Europejskiej w Luksemburgu.",
        "pl",
    );
    assert!(
        found.contains(&(
            "Trybunału Sprawiedliwości Unii Europejskiej".to_string(),
            EntityKind::Organization
        )),
        "{found:?}"
    );
    let found = names(
        "Жалбата ще бъде разгледана от Върховният съд на Пакистан през май.",
        "bg",
    );
    assert!(
        found.contains(&(
            "Върховният съд на Пакистан".to_string(),
            EntityKind::Organization
        )),
        "{found:?}"
    );
    // a country in its nominative after a name is no owner ("Polska" opens a new sentence
    // part here)
    let found = names("Wczoraj Komisja Europejska i Polska podpisały umowę.", "pl");
    assert!(
        found.contains(&("Polska".to_string(), EntityKind::Place)),
        "{found:?}"
    );
}

#[test]
fn an_acronym_in_brackets_stands_for_the_words_that_spell_it() {
    let found = names(
        "Zdaniem prezesa Zrzeszenia Międzynarodowych Przewoźników Drogowych (ZMPD) sytuacja \
         jest zła. Okres przejściowy po wyjściu ma trwać dwa lata. (PAP)",
        "pl",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        texts.contains(&"Zrzeszenia Międzynarodowych Przewoźników Drogowych"),
        "{found:?}"
    );
    // a news agency's signature is no expansion of what the sentence before says
    assert!(!texts.iter().any(|t| t.contains("lata")), "{found:?}");
    let found = names(
        "Selon la Banque centrale européenne (BCE), l’inflation recule.",
        "fr",
    );
    assert!(
        found.contains(&(
            "Banque centrale européenne".to_string(),
            EntityKind::Organization
        )),
        "{found:?}"
    );
}

#[test]
fn common_acronyms_and_hyphenated_names() {
    // GDP is no name; a lowercase word joined by a hyphen belongs to the name
    let found = names(
        "Според данните БВП расте, а премиерът се върна на Даунинг-стрийт в петък.",
        "bg",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(!texts.contains(&"БВП"), "{found:?}");
    assert!(texts.contains(&"Даунинг-стрийт"), "{found:?}");
    let found = names("Według GUS PKB wzrósł o 3 procent.", "pl");
    assert!(!found.iter().any(|(t, _)| t == "PKB"), "{found:?}");
}

#[test]
fn a_title_gives_the_names_its_text_names_too_and_places() {
    let pl = Lang::parse("pl");
    let body = find_mentions(
        "Premier Theresy May spotkała się wczoraj z szefem Komisji Europejskiej w Brukseli.",
        pl,
    );
    let title = "Theresa May jedzie do Brukseli. Nowe Otwarcie?";
    let found: Vec<String> = find_title_mentions(title, pl, &body)
        .into_iter()
        .map(|m| {
            assert_eq!(&title[m.start..m.end], m.text);
            m.text
        })
        .collect();
    assert!(found.contains(&"Theresa May".to_string()), "{found:?}");
    assert!(found.contains(&"Brukseli".to_string()), "{found:?}");
    // a capitalised run the text does not name is no name of the title
    assert!(!found.iter().any(|t| t.contains("Otwarcie")), "{found:?}");
    // Title Case: only the place
    let en = Lang::parse("en");
    let body = find_mentions("Heavy rain flooded Genoa on Monday, the mayor said.", en);
    let found: Vec<String> =
        find_title_mentions("Floods Hit Genoa As Mayor Warns Of More Rain", en, &body)
            .into_iter()
            .map(|m| m.text)
            .collect();
    assert_eq!(found, vec!["Genoa".to_string()]);
}

#[test]
fn a_lone_organisation_word_is_the_organisation_the_article_names() {
    // "Komisja" alone, after "Komisji Europejskiej": one entity; beside two commissions:
    // none of them
    let of = entity_of_each(&[(
        "pl",
        "Wczoraj rząd rozmawiał z przedstawicielami Komisji Europejskiej w Brukseli. Wtedy \
         rzecznik dodał, że Komisja odpowie na pytania.",
    )]);
    assert!(of["Komisja"].is_some(), "{of:?}");
    assert_eq!(of["Komisja"], of["Komisji Europejskiej"], "{of:?}");
    let of = entity_of_each(&[(
        "pl",
        "Wczoraj Komisja Europejska i Komisja Wenecka wydały opinie. Rzecznik dodał, że \
         Komisja odpowie.",
    )]);
    assert_ne!(of["Komisja"], of["Komisja Europejska"], "{of:?}");
    assert_ne!(of["Komisja"], of["Komisja Wenecka"], "{of:?}");
}

#[test]
fn an_acronym_joins_the_organisation_whose_initials_spell_it() {
    let of = entity_of_each(&[(
        "bg",
        "Вчера Европейската комисия предложи нови правила. Според ЕК те ще влязат в сила \
         догодина, а говорителят на ЕК ги защити.",
    )]);
    assert!(of["ЕК"].is_some(), "{of:?}");
    assert_eq!(of["ЕК"], of["Европейската комисия"], "{of:?}");
}

#[test]
fn a_people_stands_for_its_country_but_a_surname_does_not() {
    let of = entity_of_each(&[
        ("pl", "Rząd Wielkiej Brytanii obradował wczoraj w Londynie."),
        (
            "pl",
            "Sondaż pokazał, że większość głosujących Brytyjczyków chce drugiego referendum, \
             powiedział Jan Kowalczyk.",
        ),
        (
            "cs",
            "Podle průzkumu většina voličů, kteří jsou Britové, chce nové referendum.",
        ),
    ]);
    assert!(of["Wielkiej Brytanii"].is_some(), "{of:?}");
    assert_eq!(of["Brytyjczyków"], of["Wielkiej Brytanii"], "{of:?}");
    assert_eq!(of["Britové"], of["Wielkiej Brytanii"], "{of:?}");
    assert_ne!(of["Jan Kowalczyk"], of["Wielkiej Brytanii"], "{of:?}");
}

#[test]
fn parts_of_a_name_kept_apart_by_punctuation_are_one_name() {
    let found = names(
        "Wczoraj minister J. Kowalski powiedział, że W. Brytania i Irlandia Północna \
         zgodziły się na to.",
        "pl",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    for name in ["J. Kowalski", "W. Brytania", "Irlandia Północna"] {
        assert!(texts.contains(&name), "{name}: {found:?}");
    }
    let found = names("Това съобщи Информационна агенция \"Фокус\" вчера.", "bg");
    assert!(
        found.contains(&(
            "Информационна агенция \"Фокус\"".to_string(),
            EntityKind::Organization
        )),
        "{found:?}"
    );
}

#[test]
fn german_nouns_are_no_names_but_people_places_and_groups_are() {
    let found = names(
        "In der Nacht kämpften die Feuerwehrleute gegen die Flammen, die mehrere Häuser \
         bedrohten. Innenminister Bruno Retailleau sprach in Marseille mit seinem Kollegen \
         Hakan Fidan über die Lage und die Arbeit. Retailleau lobte die Deutsche Bank.",
        "de",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    for noun in [
        "Nacht",
        "Feuerwehrleute",
        "Flammen",
        "Häuser",
        "Lage",
        "Arbeit",
        "Kollegen",
    ] {
        assert!(!texts.iter().any(|t| t.contains(noun)), "{noun}: {found:?}");
    }
    for name in ["Bruno Retailleau", "Marseille", "Hakan Fidan", "Retailleau"] {
        assert!(texts.contains(&name), "{name}: {found:?}");
    }
    assert!(texts.contains(&"Deutsche Bank"), "{found:?}");
}

#[test]
fn a_small_town_that_is_a_given_name_before_a_surname_is_a_person() {
    // Nigel is a town of South Africa, and a given name
    let found = names(
        "Yesterday the party leader Nigel Farage spoke in Dover.",
        "en",
    );
    assert!(
        found
            .iter()
            .any(|(t, k)| t == "Nigel Farage" && *k == EntityKind::Person),
        "{found:?}"
    );
}

#[test]
fn an_organisation_is_one_entity_by_its_names_and_acronyms_in_every_language() {
    // written for this test
    let ids = entity_of_each(&[
        ("pl", "Rząd w Warszawie rozmawiał z Unią Europejską o rolnictwie. UE zapowiada decyzję w marcu."),
        ("cs", "Evropská unie schválila nová pravidla. Podle EU mají platit od ledna."),
        ("ru", "Представители Европейского союза встретились в среду. В ЕС обсуждали бюджет."),
        ("fr", "Un porte-parole de l'ONU a confirmé la visite. Un accord reste possible."),
    ]);
    let eu = ids.get("Unią Europejską").copied().flatten();
    assert!(eu.is_some(), "{ids:?}");
    for spelling in ["UE", "Evropská unie", "EU", "ЕС"] {
        assert_eq!(
            ids.get(spelling).copied().flatten(),
            eu,
            "{spelling}: {ids:?}"
        );
    }
    assert!(ids.contains_key("ONU"), "{ids:?}");
    // "Un" opening a French sentence is no acronym of the UN
    assert!(!ids.contains_key("Un"), "{ids:?}");
}

#[test]
fn two_names_written_one_after_the_other_are_two_mentions() {
    // written for this test: "the minister for Brexit David Davis"; Brexit and Davis are
    // also named on their own
    let found = names(
        "Министърът по въпросите на Брекзит Дейвид Дейвис пристигна в Брюксел. \
         Преговорите за Брекзит продължават. Според Дейвис срокът е реалистичен.",
        "bg",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Дейвид Дейвис"), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t.starts_with("Брекзит ")),
        "{texts:?}"
    );
    // an organisation, then its president: "the President of the European Council Jan Novak"
    let found = names(
        "Председателят на Европейския съвет Иван Петров пристигна вчера. Според Петров \
         срещата е важна.",
        "bg",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Европейския съвет"), "{texts:?}");
    assert!(texts.contains(&"Иван Петров"), "{texts:?}");
    // a full name stays whole where its given name and surname are also written alone
    let found = names(
        "Boris Johnson arrived late. Boris was tired, and Johnson said nothing.",
        "en",
    );
    assert!(found.iter().any(|(t, _)| t == "Boris Johnson"), "{found:?}");
}

#[test]
fn an_organisation_named_in_several_words_is_one_entity_across_languages() {
    // written for this test: the languages that capitalise only the first word of a name
    // keep its lowercase organisation word; the order of the words does not matter
    let ids = entity_of_each(&[
        ("pl", "Wczoraj Komisja Europejska ogłosiła nowe zasady. Rzecznik Komisji Europejskiej je wyjaśnił."),
        ("cs", "Včera Evropská komise oznámila nová pravidla pro zemědělce."),
        ("ru", "Вчера Европейская комиссия объявила новые правила для фермеров."),
        ("bg", "Вчера Европейската комисия обяви нови правила. Според Европейския парламент това е късно."),
    ]);
    let commission = ids.get("Komisja Europejska").copied().flatten();
    assert!(commission.is_some(), "{ids:?}");
    for spelling in [
        "Komisji Europejskiej",
        "Evropská komise",
        "Европейская комиссия",
        "Европейската комисия",
    ] {
        assert_eq!(
            ids.get(spelling).copied().flatten(),
            commission,
            "{spelling}: {ids:?}"
        );
    }
    let parliament = ids.get("Европейския парламент").copied().flatten();
    assert!(parliament.is_some() && parliament != commission, "{ids:?}");
}

#[test]
fn a_name_that_starts_like_an_organisation_word_is_a_person() {
    // written for this test: Наталья begins as НАТО does
    let found = names(
        "Депутат городской думы Наталья Козлова заявила, что работы начнутся летом.",
        "ru",
    );
    assert!(
        found
            .iter()
            .any(|(t, k)| t == "Наталья Козлова" && *k == EntityKind::Person),
        "{found:?}"
    );
}

#[test]
fn the_case_forms_of_a_name_are_one_entity() {
    // written for this test: a Polish town and a Russian official in several cases
    let ids = entity_of_each(&[
        (
            "pl",
            "Tomasz Wrona, burmistrz Dębnicy, otworzył most. W Dębnicy mieszka 20 tysięcy osób.",
        ),
        (
            "pl",
            "Tomasza Wronę zapytano o koszty. Wrona odpowiedział, że most zapłaci gmina.",
        ),
        (
            "ru",
            "Губернатор Олег Кравцов приехал в Самару. Кравцова встретили на вокзале.",
        ),
        (
            "ru",
            "Журналисты задавали вопросы Кравцову, и Олег Кравцов отвечал час.",
        ),
    ]);
    let same = |a: &str, b: &str| {
        let (x, y) = (ids.get(a).copied().flatten(), ids.get(b).copied().flatten());
        x.is_some() && x == y
    };
    assert!(same("Tomasz Wrona", "Tomasza Wronę"), "{ids:?}");
    assert!(same("Олег Кравцов", "Кравцова"), "{ids:?}");
    assert!(same("Олег Кравцов", "Кравцову"), "{ids:?}");
    assert!(!same("Tomasz Wrona", "Олег Кравцов"), "{ids:?}");
}

#[test]
fn arabic_cues_are_written_as_the_tokeniser_normalises_them() {
    // a hamza seat (ئ ؤ) folds to its letter: a cue written with it would never match
    for cue in languages::all(|l| l.names.name_cues) {
        let tokens = tokenize(cue);
        assert_eq!(tokens.len(), 1, "{cue}");
        assert_eq!(tokens[0].norm, *cue);
    }
    let text = "وقال رئيس الوزراء تاكتي شيسقيت للصحافيين إن الوضع صعب.";
    let found: Vec<String> = find_mentions(text, Some(Lang::AR))
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(found, ["تاكتي شيسقيت"]);
}

#[test]
fn arabic_names_after_reporting_verbs_and_titles() {
    let text = "وقال وزير الخارجية التركي هاكان فيدان إن بلاده مستعدة. وأضاف متحدثا للصحفيين إن المحادثات مستمرة. وقتل 12 عنصراً في القصف.";
    let found = names(text, "ar");
    assert!(
        found.contains(&("هاكان فيدان".to_string(), EntityKind::Person)),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(t, _)| t == "متحدثا" || t == "عنصراً"),
        "{found:?}"
    );
}

#[test]
fn a_ministers_portfolio_is_not_an_actor() {
    let found = names(
        "La ministre belge des Affaires étrangères Hélène Vandermeer a reçu le porte-parole du ministère de la Santé, Marc Olivetti.",
        "fr",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        !texts.contains(&"Affaires") && !texts.contains(&"Santé"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"Hélène Vandermeer") && texts.contains(&"Marc Olivetti"),
        "{texts:?}"
    );
    let found = names(
        "El ministro de Defensa, Pablo Ortega, visitó Valencia.",
        "es",
    );
    assert!(!found.iter().any(|(t, _)| t == "Defensa"), "{found:?}");
    let found = names(
        "Il ministro degli Esteri Lucia Ferrante è arrivata a Roma.",
        "it",
    );
    assert!(!found.iter().any(|(t, _)| t == "Esteri"), "{found:?}");
    let found = names(
        "US Secretary of State Antony Blinken met the Minister of Defence in Ankara.",
        "en",
    );
    assert!(
        found.iter().any(|(t, _)| t == "Antony Blinken"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(t, _)| t == "Defence" || t.starts_with("State")),
        "{found:?}"
    );
    let found = names("Le ministre de la Défense Jean Dupont est arrivé.", "fr");
    assert!(found.iter().any(|(t, _)| t == "Jean Dupont"), "{found:?}");
    // a name after "de" that is no portfolio stays a name
    let found = names(
        "Le maire de Lyon et la présidente de la Croix-Rouge ont parlé.",
        "fr",
    );
    assert!(found.iter().any(|(t, _)| t == "Lyon"), "{found:?}");
}

#[test]
fn an_initial_glued_by_its_dot_is_part_of_the_name_and_of_its_person() {
    let found = find_mentions(
        "Премьер Тереза Мэй прибыла в Брюссель. Т.Мэй встретилась с лидерами. Глава U.S. Steel молчал.",
        Lang::parse("ru"),
    );
    let group = |text: &str| {
        found
            .iter()
            .find(|m| m.text == text)
            .map(|m| m.group)
            .unwrap_or_else(|| panic!("{text} not found in {found:?}"))
    };
    assert_eq!(group("Т.Мэй"), group("Тереза Мэй"));
    // another initial is another person
    let found = find_mentions(
        "Тереза Мэй выступила. Позже Д.Мэй, её сосед, отказался от комментариев.",
        Lang::parse("ru"),
    );
    let groups: Vec<(&str, usize)> = found.iter().map(|m| (m.text.as_str(), m.group)).collect();
    let of = |t: &str| groups.iter().find(|(x, _)| *x == t).map(|(_, g)| *g);
    assert!(of("Д.Мэй").is_some(), "{groups:?}");
    assert_ne!(of("Д.Мэй"), of("Тереза Мэй"), "{groups:?}");
}

#[test]
fn a_place_in_a_case_form_and_the_person_after_it_are_two_names() {
    let found = names(
        "Заявление сделал посол Британии Каллум Уэстбрук в Лондоне.",
        "ru",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Британии"), "{texts:?}");
    assert!(
        found.contains(&("Каллум Уэстбрук".to_string(), EntityKind::Person)),
        "{found:?}"
    );
    let found = names(
        "Rozmowy prowadziła premier Wielkiej Brytanii Theresa May.",
        "pl",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Wielkiej Brytanii"), "{texts:?}");
    assert!(texts.contains(&"Theresa May"), "{texts:?}");
    // an organisation after the place stays one name with it
    let found = names(
        "W sprawie wypowiedział się Bank Polski Spółka Akcyjna.",
        "pl",
    );
    assert!(
        !found.iter().any(|(t, _)| t == "Spółka Akcyjna"),
        "{found:?}"
    );
}

#[test]
fn a_name_opening_a_sentence_keeps_a_first_word_that_is_another_languages_function_word() {
    // си is a Bulgarian function word, not a Russian one
    let found = names("Си Цзинпин прибыл в Москву.", "ru");
    assert!(found.iter().any(|(t, _)| t == "Си Цзинпин"), "{found:?}");
    // a function word of the article's own language still opens the sentence, not the name
    let found = names("И Цзинпин, и его гости промолчали.", "ru");
    assert!(found.iter().any(|(t, _)| t == "Цзинпин"), "{found:?}");
}

#[test]
fn a_polish_case_ending_after_an_apostrophe_is_part_of_the_name() {
    let found = names(
        "Posłowie spotkali się w Londynie z Nigelem Farage'em. Dziennikarze zapytali Jean-Claude'a Junckera o handel.",
        "pl",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Nigelem Farage'em"), "{texts:?}");
    assert!(texts.contains(&"Jean-Claude'a Junckera"), "{texts:?}");
    // and it merges with the name written without it
    let pl = Lang::parse("pl");
    assert_eq!(
        crate::names::name_stem("Farage'em", pl),
        crate::names::name_stem("Farage", pl)
    );
    // another language's apostrophe ends the name: Turkish writes its suffixes so
    let found = names("Bakanlar dün Ankara'da toplandı.", "tr");
    assert!(found.iter().any(|(t, _)| t == "Ankara"), "{found:?}");
}

#[test]
fn an_apostrophe_inside_a_name_keeps_it_whole() {
    let found = names(
        "Le quartier a été évacué, a déclaré Siobhan O'Hara. Selon Massimo D’Alema, le bilan est lourd.",
        "fr",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Siobhan O'Hara"), "{texts:?}");
    assert!(texts.contains(&"Massimo D’Alema"), "{texts:?}");
    let found = names("O'Brien said the talks would resume.", "en");
    assert!(found.iter().any(|(t, _)| t == "O'Brien"), "{found:?}");
    // a French elision opening a sentence is not part of a name
    let found = names(
        "D'Alep, les rebelles sont partis. L'Armée syrienne avance.",
        "fr",
    );
    assert!(
        !found
            .iter()
            .any(|(t, _)| t.starts_with("D'") || t.starts_with("L'")),
        "{found:?}"
    );
}

#[test]
fn names_with_particles_titles_and_defined_acronyms() {
    let found = names("Le porte-parole de l'Armée nationale libre (ANL), le colonel Abou Hassan al-Khatib, a démenti.", "fr");
    assert!(
        found.contains(&(
            "Armée nationale libre".to_string(),
            EntityKind::Organization
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&("ANL".to_string(), EntityKind::Organization)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Abou Hassan al-Khatib".to_string(), EntityKind::Person)),
        "{found:?}"
    );
    // the ministry and the country it belongs to: one organisation
    let found = names("Глава МИД Турции Хакан Фидан прилетел в Москву.", "ru");
    assert!(
        found.contains(&("МИД Турции".to_string(), EntityKind::Organization)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(t, k)| t == "Москву" && *k == EntityKind::Place),
        "{found:?}"
    );
    assert!(
        found.contains(&("Хакан Фидан".to_string(), EntityKind::Person)),
        "{found:?}"
    );
}

#[test]
fn greek_and_ukrainian_names_and_places() {
    let found = names(
        "Ο πρωθυπουργός Κυριάκος Μητσοτάκης επισκέφθηκε την Αθήνα την Τρίτη.",
        "el",
    );
    assert!(
        found.contains(&("Κυριάκος Μητσοτάκης".to_string(), EntityKind::Person)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(t, k)| t == "Αθήνα" && *k == EntityKind::Place),
        "{found:?}"
    );
    let found = names(
        "Міністр закордонних справ України Андрій Сибіга прибув до Варшави.",
        "uk",
    );
    assert!(
        found
            .iter()
            .any(|(t, k)| t == "України" && *k == EntityKind::Place),
        "{found:?}"
    );
    assert!(
        found.contains(&("Андрій Сибіга".to_string(), EntityKind::Person)),
        "{found:?}"
    );
}

#[test]
fn a_lone_surname_joins_the_full_name_in_the_article() {
    let mentions = find_mentions(
        "Zaynab Qureshi leads the mission. Later, Qureshi said the convoy had left.",
        Lang::parse("en"),
    );
    let full = mentions
        .iter()
        .find(|m| m.text == "Zaynab Qureshi")
        .unwrap();
    let lone = mentions.iter().find(|m| m.text == "Qureshi").unwrap();
    assert_eq!(full.group, lone.group);
}

/// Links the given texts (id, language, text) and returns the entities.
fn linked(texts: &[(u64, &str, &str)]) -> Vec<Entity> {
    let mut mentions: Vec<Vec<Mention>> = texts
        .iter()
        .map(|(_, lang, text)| find_mentions(text, Lang::parse(lang)))
        .collect();
    let mut views: Vec<ArticleMentions<'_>> = texts
        .iter()
        .zip(mentions.iter_mut())
        .map(|((id, lang, text), mentions)| ArticleMentions {
            article: ArticleId(*id),
            language: Lang::parse(lang),
            text,
            mentions,
        })
        .collect();
    link_entities(&mut views)
}

#[test]
fn an_entity_keeps_its_id_when_other_articles_come_first() {
    let kyiv = (
        1,
        "fr",
        "Le ministre Piotr Walczak est arrivé à Kyiv lundi, a indiqué Walczak.",
    );
    let moscou = (2, "ru", "Министр Пётр Вальчак прибыл в Москву во вторник.");
    let other = (
        3,
        "en",
        "Senator Amara Okafor visited Lagos with the governor, Tunde Bakare.",
    );
    let first = linked(&[kyiv, moscou]);
    let later = linked(&[other, moscou, kyiv]);
    let id_of = |entities: &[Entity], name: &str| {
        find_entity(entities, name)
            .map(|e| e.id)
            .unwrap_or_else(|| panic!("{name} in {entities:#?}"))
    };
    // one actor in two scripts, the same id whatever came before
    assert_eq!(
        id_of(&first, "Piotr Walczak"),
        id_of(&first, "Пётр Вальчак")
    );
    assert_eq!(
        id_of(&first, "Piotr Walczak"),
        id_of(&later, "Piotr Walczak")
    );
    assert_eq!(id_of(&first, "Moscou"), id_of(&later, "Москву"));
    // distinct actors, distinct ids, each written "e" and 16 hex digits
    let ids: HashSet<EntityId> = later.iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), later.len());
    let id = id_of(&later, "Tunde Bakare");
    assert_eq!(EntityId::parse(&id.to_string()), Some(id));
    assert_eq!(id.to_string().len(), 17);
}

mod indefinite {
    #[test]
    fn a_noun_after_an_indefinite_article_is_not_a_name() {
        let text = "„Das war knapp“, erzählte eine Demonstrantin. Ein Sprecher der Stadt, Paul Wendt, schwieg.";
        let found = crate::entities::find_mentions(text, crate::model::Lang::parse("de"));
        let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
        assert!(!texts.contains(&"Demonstrantin"), "{texts:?}");
        assert!(texts.contains(&"Paul Wendt"), "{texts:?}");
    }
}

#[test]
fn a_name_capitalised_on_its_first_word_only_keeps_its_lowercase_words() {
    // Bulgarian writes only the first word of an institution's or a foreign agency's name
    // with a capital
    let found = names(
        "Вчера депутатите в Камарата на общините гласуваха закона, съобщи Франс прес. \
         Премиерът отиде на Даунинг стрийт след заседанието.",
        "bg",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    for name in ["Камарата на общините", "Франс прес", "Даунинг стрийт"]
    {
        assert!(texts.contains(&name), "{name}: {found:?}");
    }
    // the preposition takes one word, not the verb after it
    assert!(!texts.iter().any(|t| t.ends_with("гласуваха")), "{found:?}");
    // and no run goes on over a lowercase word after a name that is no organisation
    let found = names("Срещата на Иван Петров за бюджета продължи.", "bg");
    assert!(found.iter().all(|(t, _)| !t.contains("за")), "{found:?}");
}

#[test]
fn words_written_in_capitals_are_no_names_but_acronyms_are() {
    let found = names(
        "Министрите обсъдиха бюджета в Брюксел. АКО ВИДИТЕ НЕЩО ЛЮБОПИТНО, ПИШЕТЕ НИ НА АДРЕСА. \
         Решението подкрепиха ЕС и НАТО.",
        "bg",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("ВИДИТЕ") && !t.contains("ПИШЕТЕ")),
        "{found:?}"
    );
    for name in ["ЕС", "НАТО", "Брюксел"] {
        assert!(texts.contains(&name), "{name}: {found:?}");
    }
    // two words in capitals, one of which the text writes in lowercase too
    let found = names(
        "Ceny rosną i warto o tym pamiętać. WARTO WIEDZIEĆ: ceny rosną.",
        "pl",
    );
    assert!(found.iter().all(|(t, _)| !t.contains("WARTO")), "{found:?}");
}

#[test]
fn a_people_written_in_lowercase_stands_for_its_country_a_common_noun_does_not() {
    // Bulgarian, Russian and Ukrainian write peoples' names in lowercase
    let of = entity_of_each(&[
        (
            "bg",
            "Правителството на Великобритания заседава вчера в Лондон.",
        ),
        (
            "bg",
            "Според проучването повечето британци искат нов референдум, а политици и \
             столици в Европа чакат.",
        ),
        (
            "ru",
            "Опрос показал, что британцы хотят нового референдума.",
        ),
    ]);
    assert!(of["Великобритания"].is_some(), "{of:?}");
    assert_eq!(of["британци"], of["Великобритания"], "{of:?}");
    assert_eq!(of["британцы"], of["Великобритания"], "{of:?}");
    // politicians and capitals share the endings, not a country's name
    assert!(
        !of.contains_key("политици") && !of.contains_key("столици"),
        "{of:?}"
    );
}

#[test]
fn an_english_title_in_another_language_keeps_its_article_and_its_script() {
    let found = names(
        "Както пише The Guardian Докато министрите спорят, пазарите чакат.",
        "bg",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"The Guardian"), "{found:?}");
    assert!(
        !texts.iter().any(|t| t.contains("Guardian Докато")),
        "{found:?}"
    );
    // in English the article is no part of the name
    let found = names(
        "Officials said on Monday that the Pentagon agreed. The Pentagon declined.",
        "en",
    );
    assert!(
        found.iter().all(|(t, _)| !t.starts_with("The ")),
        "{found:?}"
    );
    // an adjective and its head, and the person after it, in Bulgarian: two names
    let found = names(
        "По време на речта си пред Световния икономически форум Мей подчерта позицията си.",
        "bg",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Световния икономически форум"), "{found:?}");
    assert!(texts.contains(&"Мей"), "{found:?}");
}

#[test]
fn a_place_and_the_word_after_it_can_be_one_name_a_currency_code_is_none() {
    let found = names(
        "Afera firmy Cambridge Analytica wstrząsnęła rynkiem, a kurs USD spadł. \
         Premier przyjechał do Londynu Johnson nie.",
        "pl",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        found.contains(&("Cambridge Analytica".to_string(), EntityKind::Organization)),
        "{found:?}"
    );
    assert!(!texts.contains(&"USD"), "{found:?}");
    // a case form of the place, after a preposition, stays the place
    assert!(texts.contains(&"Londynu"), "{found:?}");
}

#[test]
fn a_common_noun_opening_a_sentence_is_not_part_of_the_name_after_it() {
    // the text names Джонсон inside a sentence and never capitalises «отставка» there
    let found = names(
        "Премьер Джонсон ушёл. Отставка Джонсона удивила всех. Вчера министр Дэвис молчал.",
        "ru",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Джонсона"), "{found:?}");
    assert!(!texts.iter().any(|t| t.contains("Отставка")), "{found:?}");
    // a given name opening a sentence stays the name's first word
    let found = names(
        "Борис Джонсон ушёл в отставку. Журналисты ждали, но Джонсон молчал.",
        "ru",
    );
    assert!(found.iter().any(|(t, _)| t == "Борис Джонсон"), "{found:?}");
    // and so does an organisation word ("Komisja Europejska")
    let found = names(
        "Komisja Europejska odpowiedziała szybko. Decyzję Europejskiej ogłoszono wczoraj.",
        "pl",
    );
    assert!(
        found.iter().any(|(t, _)| t == "Komisja Europejska"),
        "{found:?}"
    );
}

#[test]
fn a_rulers_number_ends_the_name_and_a_century_alone_is_no_name() {
    let found = names(
        "Королева Елизавета II поздравила Папу Бенедикта XVI. W XX wieku nikt nie wiedział.",
        "ru",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Елизавета II"), "{found:?}");
    assert!(texts.contains(&"Бенедикта XVI"), "{found:?}");
    assert!(!texts.contains(&"XX"), "{found:?}");
    let found = names("W XX wieku papież Jan Paweł II odwiedził Kraków.", "pl");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Jan Paweł II"), "{found:?}");
    assert!(!texts.contains(&"XX"), "{found:?}");
    // Roman numerals of I, V and X only: "XL" or "MI" are names of things
    for (text, numeral) in [("II", true), ("XIX", true), ("XXXIX", true), ("XX", true)] {
        assert_eq!(mentions::is_roman_numeral(text), numeral, "{text}");
    }
    for text in ["XL", "MI", "DC", "X", "IIII", "VX", "IIX"] {
        assert!(!mentions::is_roman_numeral(text), "{text}");
    }
}

#[test]
fn a_town_named_as_a_word_the_text_writes_in_lowercase_is_no_place() {
    // Dali is a town in China; «дали» (whether) is a Bulgarian word
    let found = names(
        "Дали министрите ще подкрепят плана, не е ясно. Никой не знае дали ще гласуват.",
        "bg",
    );
    assert!(!found.iter().any(|(t, _)| t == "Дали"), "{found:?}");
    // a major city named as a common word stays the city
    let found = names("Nice a accueilli le sommet. Le temps était nice.", "fr");
    assert!(found.iter().any(|(t, _)| t == "Nice"), "{found:?}");
}

#[test]
fn a_minor_town_opening_a_sentence_is_a_place_only_when_named_inside_one_too() {
    // Moga is a town in India; «Mogą» (they can) opens a Polish sentence
    let found = names(
        "Posłowie jeszcze nie zdecydowali. Mogą też głosować w przyszłym tygodniu.",
        "pl",
    );
    assert!(!found.iter().any(|(t, _)| t == "Mogą"), "{found:?}");
    // Strasbourg opening a sentence, named again inside one
    let found = names(
        "Страсбург прие резолюцията. Депутатите в Страсбург гласуваха в сряда.",
        "bg",
    );
    let opening = found.iter().filter(|(t, _)| t == "Страсбург").count();
    assert_eq!(opening, 2, "{found:?}");
}

#[test]
fn a_people_opening_a_sentence_names_its_country_an_adjective_does_not() {
    let found = names(
        "Polacy mieszkający w Londynie czekają. Brytyjski rząd milczy.",
        "pl",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Polacy"), "{found:?}");
    assert!(!texts.contains(&"Brytyjski"), "{found:?}");
    let found = names("Britanski ministri so odstopili. Vlada molči.", "sl");
    assert!(!found.iter().any(|(t, _)| t == "Britanski"), "{found:?}");
}

#[test]
fn an_organisation_named_by_an_adjective_and_its_head_ends_before_its_owner() {
    // "на премиера" says whose party it is; "за лекарствата" what the agency is for
    let found = names(
        "Вчера Консервативната партия на премиера загуби. \
         Документът прати Европейската агенция за лекарствата.",
        "bg",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Консервативната партия"), "{found:?}");
    assert!(
        texts.contains(&"Европейската агенция за лекарствата"),
        "{found:?}"
    );
    // without an adjective, the head's owner is part of the name
    let found = names("Според Камарата на общините планът е мъртъв.", "bg");
    assert!(
        found.iter().any(|(t, _)| t == "Камарата на общините"),
        "{found:?}"
    );
}

#[test]
fn a_hyphenated_given_name_or_one_after_a_country_starts_a_person_of_its_own() {
    let found = names(
        "Przewodniczący Komisji Europejskiej Jean-Claude'a Junckera nie było w Brukseli.",
        "pl",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Komisji Europejskiej"), "{found:?}");
    assert!(texts.contains(&"Jean-Claude'a Junckera"), "{found:?}");
    // Франция sounds like a given name, but it is a country's name
    let found = names("Президентът на Франция Еманюел Макрон пристигна.", "bg");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Еманюел Макрон"), "{found:?}");
}

#[test]
fn a_place_named_by_an_adjective_and_a_lowercase_head_is_one_place() {
    let found = names(
        "Trajekty přes Lamanšský průliv stojí. Loď plula Jihočínským mořem.",
        "cs",
    );
    assert!(
        found.contains(&("Lamanšský průliv".to_string(), EntityKind::Place)),
        "{found:?}"
    );
    let found = names("Корабът влезе в Ирландско море вчера.", "bg");
    assert!(
        found.contains(&("Ирландско море".to_string(), EntityKind::Place)),
        "{found:?}"
    );
    // a Czech superlative is an adjective before an organisation's head
    let found = names("Rozhodl Pákistánský nejvyšší soud v Islámábádu.", "cs");
    assert!(
        found.iter().any(|(t, _)| t == "Pákistánský nejvyšší soud"),
        "{found:?}"
    );
}

#[test]
fn a_czech_organisation_word_keeps_the_genitive_plural_after_it() {
    let found = names(
        "Návrh odmítla Sněmovna lordů v Londýně. Poté zasedala Sněmovna a schválila ho.",
        "cs",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Sněmovna lordů"), "{found:?}");
    // a verb after the organisation word stays out of its name
    assert!(!texts.iter().any(|t| t.contains("schválila")), "{found:?}");
}

#[test]
fn a_caption_label_after_a_separator_is_no_name() {
    let found = names(
        "Dav se shromáždil před soudem | Foto: Faisal Mahmood | Zdroj: Reuters.",
        "cs",
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(!texts.contains(&"Foto"), "{found:?}");
    assert!(!texts.contains(&"Zdroj"), "{found:?}");
    // a person opening the caption keeps a given name the text names nowhere else
    assert!(texts.contains(&"Faisal Mahmood"), "{found:?}");
}
