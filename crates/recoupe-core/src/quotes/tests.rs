use super::*;
use tests_support::quotes;

fn said(q: &Quote) -> (&str, &str) {
    (q.text.as_str(), q.speaker_name.as_deref().unwrap_or("?"))
}

#[test]
fn french_verb_after_with_name_pronoun_and_role() {
    let text = "Le responsable du syndicat des dockers de Marseille, Karim Belhadj, a parlé samedi. \
« Nous ne reprendrons pas le travail sans garanties », a déclaré Karim Belhadj.\n\n\
« Les patrons le savent très bien », a-t-il ajouté. « Nous irons jusqu'au bout », a ajouté le responsable des dockers.";
    let found = quotes(text, "fr");
    let pairs: Vec<_> = found.iter().map(said).collect();
    assert_eq!(
        pairs,
        vec![
            (
                "Nous ne reprendrons pas le travail sans garanties",
                "Karim Belhadj"
            ),
            ("Les patrons le savent très bien", "Karim Belhadj"),
            ("Nous irons jusqu'au bout", "Karim Belhadj"),
        ]
    );
    assert_eq!(found[1].attribution, Attribution::Pronoun);
    assert_eq!(found[2].attribution, Attribution::Role);
    assert_eq!(
        found[2].speaker_text.as_deref(),
        Some("le responsable des dockers")
    );
}

#[test]
fn english_and_german_marks() {
    let found = quotes(
        "“We will not leave the city,” said Maria Lopez, a council member.",
        "en",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(
        said(&found[0]),
        ("We will not leave the city,", "Maria Lopez")
    );
    let found = quotes(
        "„Wir bleiben in der Stadt“, sagte Jonas Weber am Montag.",
        "de",
    );
    assert_eq!(said(&found[0]), ("Wir bleiben in der Stadt", "Jonas Weber"));
    let found = quotes("‹ Nous restons ici », a dit Anne Roux.", "fr");
    assert_eq!(
        said(&found[0]),
        ("Nous restons ici", "Anne Roux"),
        "mixed pair"
    );
    let found = quotes("‹Wir kommen wieder›, sagte Lara Stein.", "de");
    assert_eq!(said(&found[0]), ("Wir kommen wieder", "Lara Stein"));
    let found = quotes(
        "Peter Hansen said: \"The bridge will reopen next week.\"",
        "en",
    );
    assert_eq!(
        said(&found[0]),
        ("The bridge will reopen next week.", "Peter Hansen")
    );
}

#[test]
fn doubled_apostrophes_are_quotation_marks() {
    // archives such as LexisNexis write quotation marks as two apostrophes
    let text = "''The mill will stay open,'' said Ruth Akers, the plant's manager. It isn't over, she said.\n\nHer deputy, Tom Reyes, added: ``We hired forty people.''";
    let found = quotes(text, "en");
    let pairs: Vec<_> = found.iter().map(said).collect();
    assert_eq!(
        pairs,
        vec![
            ("The mill will stay open,", "Ruth Akers"),
            ("We hired forty people.", "Tom Reyes"),
        ]
    );
}

#[test]
fn one_speakers_interrupted_quote_is_one_quote() {
    let text = "“We will stay,” said Nadia Okoro, the union's leader, “and we will rebuild the hall.” “It was never safe,” said Paul Brandt.\n\n“Nobody listened,” he said.";
    let found = quotes(text, "en");
    let pairs: Vec<_> = found.iter().map(said).collect();
    assert_eq!(
        pairs,
        vec![
            (
                "We will stay, … and we will rebuild the hall.",
                "Nadia Okoro"
            ),
            ("It was never safe,", "Paul Brandt"),
            ("Nobody listened,", "Paul Brandt"),
        ]
    );
    let parts: Vec<&str> = found[0]
        .parts
        .iter()
        .map(|p| &text[p.start..p.end])
        .collect();
    assert_eq!(parts, ["We will stay,", "and we will rebuild the hall."]);
    assert_eq!(
        (found[0].start, found[0].end),
        (found[0].parts[0].start, found[0].parts[1].end)
    );
    assert!(found[1].parts.is_empty());
}

#[test]
fn words_quoted_inside_a_sentence_are_partial_quotes() {
    let text = "The mayor called the plan “a costly mistake” on Monday.\n\n“We will vote against it,” said Lena Novak, who leads the opposition in the council, “and we will win.”";
    let found = quotes(text, "en");
    let kinds: Vec<_> = found.iter().map(|q| (q.text.as_str(), q.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("a costly mistake", QuoteKind::Partial),
            (
                "We will vote against it, … and we will win.",
                QuoteKind::Direct
            ),
        ]
    );
    // the description between commas is skipped: the name before it speaks
    assert_eq!(found[1].speaker_name.as_deref(), Some("Lena Novak"));
}

#[test]
fn arabic_verb_first() {
    let text = "وقال وزير الخارجية سامي الحداد \"لن نقبل بهذا الاتفاق\".";
    let found = quotes(text, "ar");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "لن نقبل بهذا الاتفاق");
    assert_eq!(found[0].speaker_name.as_deref(), Some("سامي الحداد"));
}

#[test]
fn names_in_quotes_are_not_quotes() {
    let text =
        "La réunion du groupe des « Amis de la Syrie » s'est tenue à Paris, a déclaré Jean Morel.";
    assert!(quotes(text, "fr").is_empty());
}

#[test]
fn a_quote_over_two_paragraphs() {
    let text = "« Nous avons tout perdu dans l'incendie.\n\nNous demandons de l'aide à l'État », témoignent des habitants du quartier.";
    let found = quotes(text, "fr");
    assert_eq!(found.len(), 1);
    assert!(found[0].text.contains("\n\n"));
    assert_eq!(
        found[0].speaker_text.as_deref(),
        Some("des habitants du quartier")
    );
}

mod tests_support {
    use super::*;
    use crate::entities::find_mentions;
    use crate::token::tokenize;

    /// Quotes of a text whose paragraphs are separated by blank lines.
    pub fn quotes(text: &str, lang: &str) -> Vec<Quote> {
        let lang = Lang::parse(lang);
        let mentions = find_mentions(text, lang);
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            paragraphs.push(Span::new(start, start + part.len()));
            start += part.len() + 2;
        }
        find_quotes(text, &tokenize(text), &paragraphs, lang, &mentions)
    }
}

mod more_languages {
    use super::tests_support::quotes;

    #[test]
    fn spanish_dropped_subject_goes_back_to_the_speaker() {
        let text = "\"No vamos a cerrar el hospital\", dijo la alcaldesa Marta Vidal.\n\n\"Lo hemos prometido a los vecinos\", añadió.";
        let found = quotes(text, "es");
        assert_eq!(found.len(), 2);
        for q in &found {
            assert_eq!(q.speaker_name.as_deref(), Some("Marta Vidal"), "{q:?}");
        }
    }

    #[test]
    fn russian_dash_after_the_quote() {
        let text = "«Мы не закроем больницу», — заявил мэр города Павел Соколов.\n\n«Мы обещали это жителям», — добавил он.";
        let found = quotes(text, "ru");
        assert_eq!(found.len(), 2);
        for q in &found {
            assert_eq!(q.speaker_name.as_deref(), Some("Павел Соколов"), "{q:?}");
        }
    }
}

mod indirect_speech {
    use super::tests_support::quotes;
    use super::*;

    /// (clause, speaker's name or words) of the indirect speech found.
    fn reported(text: &str, lang: &str) -> Vec<(String, String)> {
        quotes(text, lang)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| {
                let who = q.speaker_name.or(q.speaker_text).unwrap_or_default();
                (q.text, who)
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_verb_and_its_clause_in_several_languages() {
        assert_eq!(
            reported(
                "The mayor, Ruth Akers, said that the bridge would reopen in May. The engineers told reporters they expected delays.",
                "en"
            ),
            pairs(&[
                ("the bridge would reopen in May", "Ruth Akers"),
                ("they expected delays", "The engineers"),
            ])
        );
        assert_eq!(
            reported(
                "Le ministre Jean Morel a déclaré que la situation était sous contrôle dans le port.",
                "fr"
            ),
            pairs(&[("la situation était sous contrôle dans le port", "Jean Morel")])
        );
        assert_eq!(
            reported(
                "Министр Павел Соколов заявил, что переговоры продолжатся на следующей неделе.",
                "ru"
            ),
            pairs(&[(
                "переговоры продолжатся на следующей неделе",
                "Павел Соколов"
            )])
        );
        assert_eq!(
            reported(
                "وقال وزير الخارجية سامي الحداد إن المفاوضات ستستأنف الأسبوع المقبل.",
                "ar"
            ),
            pairs(&[("المفاوضات ستستأنف الأسبوع المقبل", "سامي الحداد")])
        );
    }

    #[test]
    fn a_subject_right_after_the_verb_opens_the_clause() {
        assert_eq!(
            reported(
                "Ruth Akers said the bridge would reopen in May. The bridge will reopen soon, said a spokesman for the city. U.S. Secretary of State Antony Blinken spoke to both mayors on Friday.",
                "en"
            ),
            pairs(&[("the bridge would reopen in May", "Ruth Akers")])
        );
        // the speaker after an auxiliary is no clause either
        assert!(reported(
            "Les émissaires se sont rencontrés samedi à Djeddah, ont indiqué des responsables saoudiens.",
            "fr"
        )
        .is_empty());
    }

    #[test]
    fn a_source_before_or_after_its_clause() {
        let found = quotes(
            "Según la policía, dos personas resultaron heridas en el incendio. Turnout fell in the cities, according to the election board.",
            "es",
        );
        let clauses: Vec<(&str, Option<&str>)> = found
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| (q.text.as_str(), q.speaker_text.as_deref()))
            .collect();
        assert_eq!(
            clauses,
            vec![
                (
                    "dos personas resultaron heridas en el incendio",
                    Some("la policía")
                ),
                ("Turnout fell in the cities", Some("the election board")),
            ]
        );
        // the cue is kept: what reports the speech
        let q = found
            .iter()
            .find(|q| q.kind == QuoteKind::Indirect)
            .unwrap();
        let cue = q.cue.expect("a cue");
        assert_eq!(&"Según la policía"[cue.start..cue.end], "Según");
    }

    #[test]
    fn quoted_words_are_not_told_again_as_indirect_speech() {
        let found = quotes(
            "“We said that the plant would close,” the manager, Tom Reyes, said.",
            "en",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, QuoteKind::Direct);
    }
}
