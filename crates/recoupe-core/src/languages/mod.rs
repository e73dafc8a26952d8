//! What recoupe knows of each language, in one place per language.
//!
//! Every language recoupe reads has a file here (`fr.rs`, `ru.rs`, `ar.rs`…) holding one
//! [`Language`]: its script, its decimal mark, its function words, and the words each stage reads
//! it with — month and weekday names (dates), number words and counted nouns (figures), reporting
//! verbs and pronouns (quotes), titles and organisation words (names), page furniture (cleaning).
//! The stages never test a language code: they read a field of the article's [`Language`]
//! (`of(lang)`), or every language's words of one kind at once ([`word_set!`], [`all`]) where a
//! stage matches words whatever the article's language (a French article quoting an English
//! tweet, a month name in a dateline of another language).
//!
//! Words are written as `token::normalize` makes them: lowercase, accents removed, Arabic hamza
//! and alef forms folded, й → и, unless a field says otherwise (the cleaning phrases are matched
//! on lowercased lines and keep their accents).
//!
//! Adding a language: ARCHITECTURE.md, "Adding a language".

// Every profile ends with `..Language::NONE` (and each section with its `NONE`) even where it fills
// every field: a field added later then needs no edit of the languages that lack it.
#![allow(clippy::needless_update)]

use crate::model::{Lang, Script, Weekday};

mod ar;
mod be;
mod bg;
mod cs;
mod de;
mod el;
mod en;
mod es;
mod et;
mod fa;
mod fi;
mod fr;
mod he;
mod hi;
mod hr;
mod hu;
mod it;
mod ja;
mod kk;
mod ko;
mod ky;
mod lt;
mod lv;
mod mk;
mod mn;
mod mr;
mod ms;
mod ne;
mod nl;
mod pl;
mod ps;
mod pt;
mod ro;
mod ru;
mod sk;
mod sl;
mod sr;
mod tg;
mod th;
mod tr;
mod uk;
mod ur;
mod yi;
mod zh;

/// Every language recoupe has a profile for. Those with function words come first: they are the
/// languages of the function-word vote (`lang`), and their order decides its ties.
pub const ALL: &[&Language] = &[
    &fr::FR,
    &en::EN,
    &de::DE,
    &es::ES,
    &it::IT,
    &pt::PT,
    &nl::NL,
    &pl::PL,
    &tr::TR,
    &ru::RU,
    &uk::UK,
    &ar::AR,
    &bg::BG,
    &mk::MK,
    &cs::CS,
    &sk::SK,
    &sl::SL,
    &hr::HR,
    &be::BE,
    &el::EL,
    &et::ET,
    &fa::FA,
    &fi::FI,
    &he::HE,
    &hi::HI,
    &hu::HU,
    &ja::JA,
    &kk::KK,
    &ko::KO,
    &ky::KY,
    &lt::LT,
    &lv::LV,
    &mn::MN,
    &mr::MR,
    &ms::MS,
    &ne::NE,
    &ps::PS,
    &ro::RO,
    &sr::SR,
    &tg::TG,
    &th::TH,
    &ur::UR,
    &yi::YI,
    &zh::ZH,
];

/// One language: a profile every stage reads.
#[derive(Debug)]
pub struct Language {
    pub lang: Lang,
    /// English name, for reports.
    pub name: &'static str,
    /// The script the language is normally written in.
    pub script: Script,
    /// The mark between integer and decimal part is a comma ("3,5 millions"); false where it is
    /// a point ("3.5 million").
    pub decimal_comma: bool,
    /// Letters of the same script that only a neighbouring language uses: a short paragraph in
    /// the script without any of them is taken to be in this language (`lang`). Empty: no such
    /// shortcut.
    pub neighbour_letters: &'static [char],
    /// Frequent function words: a paragraph of the language almost always has several. They
    /// decide the language of most texts before the trigram detector runs (`lang`).
    pub function_words: &'static [&'static str],
    pub dates: Dates,
    pub figures: Figures,
    pub quotes: Quotes,
    pub names: Names,
    pub clean: Clean,
}

impl Language {
    /// A language recoupe knows nothing of but its code: Latin script, decimal comma, no words.
    pub const NONE: Language = Language {
        lang: Lang::from_code(*b"xx"),
        name: "",
        script: Script::Latin,
        decimal_comma: true,
        neighbour_letters: &[],
        function_words: &[],
        dates: Dates::NONE,
        figures: Figures::NONE,
        quotes: Quotes::NONE,
        names: Names::NONE,
        clean: Clean::NONE,
    };
}

/// Words of dates (`dates`).
#[derive(Debug)]
pub struct Dates {
    /// Month names and their abbreviations, with the month's number; the case forms dates are
    /// written with (Polish and Ukrainian genitives).
    pub months: &'static [(&'static str, u8)],
    /// Month stems whose every case form is the stem and at most two letters (января, январе).
    pub month_stems: &'static [(&'static str, u8)],
    pub weekdays: &'static [(&'static str, Weekday)],
    /// Single words naming a day relative to the day of writing ("hier", "yesterday", -1).
    pub relative_days: &'static [(&'static str, i64)],
    /// Units of time, plural and case forms included.
    pub periods: &'static [(&'static str, Period)],
    /// Small numbers written as words ("trois semaines", "two days ago").
    pub numbers: &'static [(&'static str, i64)],
    /// Words before a weekday that make it the day of writing ("ce samedi", "this Saturday").
    pub this_before: &'static [&'static str],
    /// Words after a weekday that send it to the next week ("samedi prochain").
    pub next_after: &'static [&'static str],
    /// Words before a weekday that send it to the next week ("next Saturday").
    pub next_before: &'static [&'static str],
    /// Words after a weekday that send it to the previous week ("samedi dernier").
    pub last_after: &'static [&'static str],
    /// Words before a weekday or a period that send it to the previous one ("last Saturday",
    /// "letzte Woche", "на прошлой неделе").
    pub last_before: &'static [&'static str],
    /// Words before an amount of time that count it back from the day of writing ("vor drei
    /// Tagen", "hace dos días").
    pub ago_before: &'static [&'static str],
    /// Words that put a plain weekday in the days to come when they stand before it in the same
    /// sentence ("le ministre doit se rendre sur place jeudi", "he will travel on Thursday").
    pub future_cues: &'static [&'static str],
    /// Words that open another clause ("that", "que", "что"): a future verb after one of them
    /// is that clause's, not the day's ("said on Monday that she will visit").
    pub clause_openers: &'static [&'static str],
    /// Words after which a full date is a past reference, not the day of writing ("depuis le 15
    /// avril").
    pub since: &'static [&'static str],
}

impl Dates {
    pub const NONE: Dates = Dates {
        months: &[],
        month_stems: &[],
        weekdays: &[],
        relative_days: &[],
        periods: &[],
        numbers: &[],
        this_before: &[],
        next_after: &[],
        next_before: &[],
        last_after: &[],
        last_before: &[],
        ago_before: &[],
        future_cues: &[],
        clause_openers: &[],
        since: &[],
    };
}

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

/// Words of figures (`figures`).
#[derive(Debug)]
pub struct Figures {
    /// Number words and scales ("trois", "twenty", "mille", "millions", "des dizaines").
    pub numbers: &'static [(&'static str, NumWord)],
    /// Scale words that are singular: "million" alone is one million, "millions" alone is vague.
    pub singular_scales: &'static [&'static str],
    /// Nouns that count people ("morts", "refugees", "жителей").
    pub people: &'static [&'static str],
    pub distance: &'static [&'static str],
    pub duration: &'static [&'static str],
    /// Units of area, weight and volume.
    pub quantity: &'static [&'static str],
    /// Currency words with their ISO 4217 code.
    pub currencies: &'static [(&'static str, &'static str)],
    pub percent: &'static [&'static str],
    /// Phrases before a number that bound it ("au moins", "more than", "около"), words
    /// separated by one space.
    pub qualifiers_before: &'static [(&'static str, Bound)],
    /// Phrases after a counted noun that bound it ("16 morts au moins").
    pub qualifiers_after: &'static [(&'static str, Bound)],
    /// Words that may stand between a number and its noun ("derniers", "last", "other").
    pub fillers: &'static [&'static str],
    /// "Of" words between a scale and its noun ("3 millions de déplacés").
    pub of_words: &'static [&'static str],
    /// Words before a number that make it an identifier ("résolution 2254", "page 3").
    pub identifiers: &'static [&'static str],
    /// Words that end a counted phrase: verbs and auxiliaries the function words leave out.
    pub stops: &'static [&'static str],
    /// A run of lowercase nouns is a compound noun ("water bombers", "government soldiers").
    pub noun_compounds: bool,
    /// Endings of words that do not make a compound noun (verb forms and adverbs: "-ed", "-ly").
    pub not_compound_endings: &'static [&'static str],
    /// Letters glued to digits that make an ordinal ("1er", "2nd", "3te"): no figure.
    pub ordinal_suffixes: &'static [&'static str],
    /// Two-word percent phrases ("pour cent", "per cent").
    pub percent_phrases: &'static [&'static str],
    /// Words of the hour, and words before a time of day ("à 21 heures", "at 10 hours"): a
    /// number of hours after one is a time, no figure.
    pub hours: &'static [&'static str],
    pub at_time: &'static [&'static str],
    /// "And" between figures ("16 morts et 20 blessés": the qualifier covers both), and the
    /// ones that join number words ("vingt et un", "one hundred and five").
    pub and_words: &'static [&'static str],
    pub numeral_and: &'static [&'static str],
    /// Articles between an "of" word and the counted noun's complement ("of the army").
    pub articles: &'static [&'static str],
    /// "Of" words that mean "from" right after a number ("من" after a scale word).
    pub from_words: &'static [&'static str],
    /// Endings of plural past-tense verbs ("покинули"), which count nothing, and of adjectives
    /// before the counted noun ("мирных жителей"), in words of the basic Cyrillic alphabet.
    pub verb_endings: &'static [&'static str],
    pub adjective_endings: &'static [&'static str],
}

impl Figures {
    pub const NONE: Figures = Figures {
        numbers: &[],
        singular_scales: &[],
        people: &[],
        distance: &[],
        duration: &[],
        quantity: &[],
        currencies: &[],
        percent: &[],
        qualifiers_before: &[],
        qualifiers_after: &[],
        fillers: &[],
        of_words: &[],
        identifiers: &[],
        stops: &[],
        noun_compounds: false,
        not_compound_endings: &[],
        ordinal_suffixes: &[],
        percent_phrases: &[],
        hours: &[],
        at_time: &[],
        and_words: &[],
        numeral_and: &[],
        articles: &[],
        from_words: &[],
        verb_endings: &[],
        adjective_endings: &[],
    };
}

/// What a number word is worth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumWord {
    /// 1–99 ("trois", "twenty", "عشرة"); `article` for "un", "a", "ein": a number only before
    /// a scale ("un million", "a dozen").
    Unit {
        value: f64,
        article: bool,
    },
    Hundred,
    /// thousand, million, billion
    Scale(f64),
    /// "douzaine", "dozen"
    Dozen,
    /// "des dizaines", "hundreds", "тысячи", "عشرات": at least two of the unit.
    Vague(f64),
    /// "demi", "half", "نصف"
    Half,
}

use NumWord::*;

/// A plain unit number word.
const fn u(value: f64) -> NumWord {
    Unit {
        value,
        article: false,
    }
}

/// The indefinite article read as one ("un million", "a dozen").
const A: NumWord = Unit {
    value: 1.0,
    article: true,
};

/// How a qualifier bounds a figure.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    Exact,
    /// "au moins", "more than", "على الأقل", "des dizaines"
    Min,
    /// "jusqu'à", "fewer than", "до"
    Max,
    /// "près de", "about", "около"
    About,
}

/// Words of quotations and their speakers (`quotes`).
#[derive(Debug)]
pub struct Quotes {
    /// Reporting verbs as written ("said", "a déclaré" → "declare", "заявил").
    pub verbs: &'static [&'static str],
    /// Stems of regular reporting verbs, each read with every one of `verb_endings`.
    pub verb_stems: &'static [&'static str],
    pub verb_endings: &'static [&'static str],
    /// Words that introduce a source ("selon", "according to", "по словам").
    pub sources: &'static [&'static str],
    /// Personal pronouns a speaker is given by ("a-t-il ajouté", "she said").
    pub pronouns: &'static [&'static str],
    /// Auxiliaries and adverbs that may stand between a quotation and its verb.
    pub skips: &'static [&'static str],
    /// Definite articles and demonstratives: a role that starts with one refers back ("le
    /// dirigeant"); one right before a quotation mark makes the quoted words a name.
    pub definite: &'static [&'static str],
    /// Articles and possessives that open a role ("un porte-parole", "the minister").
    pub determiners: &'static [&'static str],
    /// Words that end a role ("le ministre qui…", "the official who…"). After a reporting verb,
    /// a group or place named past one of them is where or to whom it was said ("said on CBS
    /// News", "told reporters in Ohio"), not the speaker.
    pub role_ends: &'static [&'static str],
    /// Reporting verbs whose object is the listener ("told Reuters", "assured reporters"): the
    /// speaker is the subject before them, not the name after.
    pub addressed_verbs: &'static [&'static str],
    /// "“" opens a quotation low-high („…“), so a lone "“" closes one.
    pub low_opening_quotes: bool,
    /// The language has articles: a role is found by its determiner.
    pub articles: bool,
}

impl Quotes {
    pub const NONE: Quotes = Quotes {
        verbs: &[],
        verb_stems: &[],
        verb_endings: &[],
        sources: &[],
        pronouns: &[],
        skips: &[],
        definite: &[],
        determiners: &[],
        role_ends: &[],
        addressed_verbs: &[],
        low_opening_quotes: false,
        articles: true,
    };
}

/// Words around names (`entities`).
#[derive(Debug)]
pub struct Names {
    /// Titles and roles after which a capitalised run is a person.
    pub person_cues: &'static [&'static str],
    /// Words written shortened with a dot that ends no sentence and joins the name after it
    /// (Mr. Gingrich, Sen. Marco Rubio, Prof. Weber), lowercase, without the dot.
    pub abbreviations: &'static [&'static str],
    /// Words after which a name is a group's.
    pub group_cues: &'static [&'static str],
    /// Acronyms of common nouns, lowercase (GDP, СМИ, PKB): never a name.
    pub common_acronyms: &'static [&'static str],
    /// The language capitalises every noun (German): a capitalised word is a name only on
    /// other evidence. See `entities::mentions::find_mentions_in`.
    pub nouns_capitalised: bool,
    /// Prepositions after which a capitalised word with no article is a place's name, where
    /// nouns are capitalised ("in Wendelstadt", not "in der Nacht").
    pub place_cues: &'static [&'static str],
    /// Endings of common nouns that no place's name has (Sicherheit, Regelung), where nouns are
    /// capitalised.
    pub noun_endings: &'static [&'static str],
    /// Head words that make a capitalised run an organisation.
    pub org_words: &'static [&'static str],
    /// Head words of places (republic, kingdom, sea, strait, island) that a language writing only
    /// a name's first word capitalised puts after a capitalised adjective ("Irská republika",
    /// "Rokavski preliv", "Ирландско море"): the run reaches them and is a place. See
    /// `entities::mentions::run_end`.
    pub place_words: &'static [&'static str],
    /// Endings only a noun in the genitive plural has (cs "ů", sk "ov"), written as the language
    /// writes them: such a lowercase noun right after a capitalised organisation word is part of
    /// its name ("Sněmovna lordů", "Snemovňa lordov"). See `entities::mentions::run_end`.
    pub genitive_plural_endings: &'static [&'static str],
    /// Words that tie an organisation to the place or body it belongs to, inside its name, in a
    /// language that says so with a preposition rather than a case (bg "на": Върховният съд на
    /// Пакистан). See `entities::mentions::join_owners`.
    pub org_links: &'static [&'static str],
    /// Prepositions that go on with an organisation's name after its head word, with the
    /// lowercase words they govern, in a language that capitalises only a name's first word
    /// (bg: Камарата на общините, Агенция по лекарствата, Партията на народната власт): the
    /// preposition, lowercase adjectives, one more word. See `entities::mentions::run_end`.
    pub name_links: &'static [&'static str],
    /// Lowercase words that end a foreign name written in the language's script (bg: Франс
    /// прес, Даунинг стрийт, Файненшъл таймс): taken into the capitalised run before them.
    pub name_tails: &'static [&'static str],
    /// Lowercase words that may sit inside a name (al-Assad, von der Leyen, Abou Abdelrahman).
    pub particles: &'static [&'static str],
    /// Compass words that make a part of a place ("Alep-Est", "East Aleppo"), with the English
    /// word they mean.
    pub compass: &'static [(&'static str, &'static str)],
    /// Nouns that a gazetteer also lists as place names: common words first.
    pub common_nouns: &'static [&'static str],
    /// Reporting verbs and titles after which a name comes, in a script without capitals.
    pub name_cues: &'static [&'static str],
    /// Case endings of nouns and adjectives, the nominative's included, written lowercase as
    /// the language writes them (accents kept, й not folded): the longest that leaves three
    /// letters is taken off each word of a name for the key its spellings merge by (Londynie,
    /// Londynem, Londyn → londyn; Mayová → may). See `names::name_stem`.
    pub case_endings: &'static [&'static str],
    /// Endings of adjectives (lowercase, accents kept): a capitalised adjective and lowercase
    /// ones after it reach an organisation word in one name ("Световната търговска
    /// организация", "Demokratická unionistická strana"). See `entities::mentions::run_end`.
    pub adjective_endings: &'static [&'static str],
    /// Endings of the names of a country's people, where the language capitalises them
    /// (Brytyjczycy, Britové, Britanci): the rest starts a country's name. See
    /// `entities::demonym_place`.
    pub demonym_endings: &'static [&'static str],
    /// The language writes the names of peoples in lowercase (bg британците, ru британцы):
    /// a lowercase word with a demonym ending that starts a country's name is that country's
    /// people, a name. See `entities::mentions::find_mentions_in`.
    pub demonyms_lowercase: bool,
    /// The ending of a case form, as normalised, with the endings its nominative may have
    /// (Brukseli → Bruksela, Polsce → Polska, Лондоне → Лондон): the forms a name is looked up
    /// under in the gazetteer. See `names::nominatives`.
    pub nominatives: &'static [(&'static str, &'static [&'static str])],
    /// Case endings the language writes after an apostrophe on a foreign name whose spelling
    /// ends otherwise than it sounds (pl: Farage'a, Jean-Claude'owi, Blair'em): the ending is
    /// part of the name's mention. See `entities::mentions::run_end`.
    pub apostrophe_endings: &'static [&'static str],
}

impl Names {
    pub const NONE: Names = Names {
        person_cues: &[],
        abbreviations: &[],
        group_cues: &[],
        common_acronyms: &[],
        nouns_capitalised: false,
        place_cues: &[],
        noun_endings: &[],
        org_words: &[],
        place_words: &[],
        genitive_plural_endings: &[],
        org_links: &[],
        name_links: &[],
        name_tails: &[],
        particles: &[],
        compass: &[],
        common_nouns: &[],
        name_cues: &[],
        case_endings: &[],
        adjective_endings: &[],
        demonym_endings: &[],
        demonyms_lowercase: false,
        nominatives: &[],
        apostrophe_endings: &[],
    };
}

/// Page furniture (`clean`). Phrases are matched on the lowercased line, accents kept.
#[derive(Debug)]
pub struct Clean {
    /// Line starts of a photo credit ("Photo :", "Crédit photo").
    pub photo_credit: &'static [&'static str],
    /// Words of a navigation link ("Article précédent", "Next").
    pub navigation: &'static [&'static str],
    /// Line starts that lead to another article ("Read also: …", "Lire aussi : …").
    pub related: &'static [&'static str],
    /// Line starts of an update or publication notice ("Mis à jour le …").
    pub update: &'static [&'static str],
    /// A short line starting with one of these is a share button.
    pub share: &'static [&'static str],
    /// Verbs of a call to action ("Suivez-nous sur …", "Follow us").
    pub call_to_action: &'static [&'static str],
    /// Phrases of a comment box ("log in to comment").
    pub comment_phrases: &'static [&'static str],
    /// Words of a subscription or share box.
    pub subscribe: &'static [&'static str],
    /// Words of a comment counter ("12 commentaires").
    pub comment_words: &'static [&'static str],
    /// Words of the page's interface ("Chargement", "Menu", "Publicité").
    pub interface: &'static [&'static str],
    /// Phrases of a copyright notice, inside a line ("all rights reserved", "droits réservés").
    pub copyright: &'static [&'static str],
}

impl Clean {
    pub const NONE: Clean = Clean {
        photo_credit: &[],
        navigation: &[],
        related: &[],
        update: &[],
        share: &[],
        call_to_action: &[],
        comment_phrases: &[],
        copyright: &[],
        subscribe: &[],
        comment_words: &[],
        interface: &[],
    };
}

/// The profile of a language, when recoupe has one.
pub fn of(lang: Lang) -> Option<&'static Language> {
    ALL.iter().copied().find(|l| l.lang == lang)
}

/// The profile of an article's language; a language without one (or none detected) reads as
/// [`Language::NONE`].
pub fn of_or_none(lang: Option<Lang>) -> &'static Language {
    lang.and_then(of).unwrap_or(&Language::NONE)
}

/// Every language's entries of one kind, in [`ALL`]'s order.
pub fn all<T: 'static>(
    field: impl Fn(&'static Language) -> &'static [T],
) -> impl Iterator<Item = &'static T> {
    ALL.iter().flat_map(move |l| field(l).iter())
}

/// A set of words, built once.
pub type WordSet = crate::lexicon::WordMap<()>;

/// Every language's words of one kind as one set, built on first use:
/// `word_set!(dates.since).contains_key(word)`.
macro_rules! word_set {
    ($($field:ident).+) => {{
        static SET: std::sync::OnceLock<$crate::languages::WordSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| {
            $crate::languages::ALL
                .iter()
                .flat_map(|l| l.$($field).+.iter().map(|w| (*w, ())))
                .collect()
        })
    }};
}
pub(crate) use word_set;

/// Every language's words of one kind as one list, in [`ALL`]'s order, built on first use (for
/// phrases matched by prefix or inside a line): `word_list!(clean.related)`.
macro_rules! word_list {
    ($($field:ident).+) => {{
        static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        LIST.get_or_init(|| {
            $crate::languages::ALL
                .iter()
                .flat_map(|l| l.$($field).+.iter().copied())
                .collect()
        })
        .as_slice()
    }};
}
pub(crate) use word_list;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_is_listed_once_under_its_own_code() {
        for (i, a) in ALL.iter().enumerate() {
            assert_eq!(a.lang.code().len(), 2, "{}", a.name);
            assert!(!a.name.is_empty());
            for b in &ALL[i + 1..] {
                assert_ne!(a.lang, b.lang, "{} listed twice", a.name);
            }
            assert_eq!(of(a.lang).map(|l| l.name), Some(a.name));
        }
    }

    #[test]
    fn the_vote_languages_come_first_and_have_function_words() {
        let voters: Vec<&str> = ALL
            .iter()
            .take_while(|l| !l.function_words.is_empty())
            .map(|l| l.lang.code())
            .collect();
        assert_eq!(
            voters.len(),
            ALL.iter().filter(|l| !l.function_words.is_empty()).count()
        );
        assert!(
            voters.len() <= crate::lang::VOTE_WIDTH,
            "the vote keeps {} languages at most",
            crate::lang::VOTE_WIDTH
        );
    }

    #[test]
    fn words_are_written_as_tokens_normalise_them() {
        // every stage looks words up by their normal form: a word with a capital or an accent
        // would never match (cleaning phrases are matched on lowercased lines, accents kept)
        let mut wrong = Vec::new();
        for l in ALL {
            let lists: [&[&str]; 7] = [
                l.dates.since,
                l.dates.future_cues,
                l.dates.clause_openers,
                l.figures.people,
                l.quotes.verbs,
                l.names.person_cues,
                l.names.org_words,
            ];
            let months = l.dates.months.iter().map(|(w, _)| w);
            let weekdays = l.dates.weekdays.iter().map(|(w, _)| w);
            for w in lists
                .iter()
                .flat_map(|l| l.iter())
                .chain(months)
                .chain(weekdays)
            {
                if crate::token::normalize(w) != *w {
                    wrong.push(format!(
                        "{}: {w} (read as {})",
                        l.name,
                        crate::token::normalize(w)
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "never matched: {wrong:?}");
    }

    #[test]
    fn an_unknown_language_reads_with_a_decimal_comma_and_no_words() {
        let none = of_or_none(Lang::parse("xh"));
        assert!(none.decimal_comma);
        assert!(none.dates.months.is_empty());
        assert_eq!(of_or_none(Some(Lang::EN)).name, "English");
        assert!(!of_or_none(Some(Lang::EN)).decimal_comma);
    }
}
