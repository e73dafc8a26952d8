//! Language and script of a text: whole articles and single paragraphs (to spot a caption or an
//! interface string in another language). Backed by `whatlang` (70 languages, trigram profiles);
//! scripts are counted here from Unicode ranges so that a two-word line can still be placed.

use std::sync::OnceLock;

use crate::languages::{self, Language};
use crate::lexicon::{is_letter, WordMap};
use crate::model::Lang;
pub use crate::model::Script;

/// Counts letters per script; the dominant script and its share of all letters.
pub fn dominant_script(text: &str) -> Option<(Script, f64)> {
    let mut counts: [(Script, usize); 11] = [
        (Script::Latin, 0),
        (Script::Cyrillic, 0),
        (Script::Greek, 0),
        (Script::Arabic, 0),
        (Script::Hebrew, 0),
        (Script::Han, 0),
        (Script::Kana, 0),
        (Script::Hangul, 0),
        (Script::Devanagari, 0),
        (Script::Thai, 0),
        (Script::Other, 0),
    ];
    let mut total = 0usize;
    for c in text.chars() {
        if let Some(script) = Script::of(c) {
            total += 1;
            if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == script) {
                slot.1 += 1;
            }
        }
    }
    if total == 0 {
        return None;
    }
    let (script, count) = counts.iter().copied().max_by_key(|(_, n)| *n)?;
    Some((script, count as f64 / total as f64))
}

/// The script a language is normally written in (Latin for a language without a profile).
pub fn script_of_lang(lang: Lang) -> Script {
    languages::of_or_none(Some(lang)).script
}

/// What the detector says of one text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LangGuess {
    pub lang: Lang,
    /// 0–1, from whatlang; short texts get low values.
    pub confidence: f64,
    /// whatlang's own verdict that the guess is safe to act on.
    pub reliable: bool,
    /// What decided: function words or the trigram detector.
    pub method: LangMethod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangMethod {
    FunctionWords,
    Trigrams,
    /// The trigram detector named a language whose neighbours' letters the text writes (ы in a
    /// text read as Bulgarian): the voter of the same script that writes none of them.
    Letters,
}

/// Detects the language of a text of any length. `None` when the text has no letters or the
/// detector has no opinion.
pub fn detect_language(text: &str) -> Option<LangGuess> {
    detect_language_with(text, &Votes::of(text, 200))
}

fn detect_by_trigrams(text: &str) -> Option<LangGuess> {
    // whatlang's cost grows with the text; 2 kB (a few paragraphs) is ample for a verdict.
    let sample = prefix_on_char_boundary(text, 2_048);
    let info = whatlang::detect(sample)?;
    let lang = Lang::from_iso639_3(info.lang().code())?;
    Some(LangGuess {
        lang,
        confidence: info.confidence(),
        reliable: info.is_reliable(),
        method: LangMethod::Trigrams,
    })
}

fn prefix_on_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Number of languages the detector can name.
pub fn supported_language_count() -> usize {
    whatlang::Lang::all().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulgarian_russian_and_macedonian_are_told_apart() {
        let said = |text: &str| detect_language(text).map(|g| g.lang.to_string());
        let bg = "Правителството съобщи, че новият закон ще бъде приет през следващата седмица, \
                  след като депутатите го обсъдят в комисията.";
        let ru = "Правительство сообщило, что новый закон будет принят на следующей неделе, после \
                  того как депутаты его обсудят в комиссии.";
        let mk = "Владата соопшти дека новиот закон ќе биде усвоен следната недела, откако \
                  пратениците ќе го разгледаат во комисијата.";
        assert_eq!(said(bg).as_deref(), Some("bg"));
        assert_eq!(said(ru).as_deref(), Some("ru"));
        assert_eq!(said(mk).as_deref(), Some("mk"));
    }

    #[test]
    fn a_trigram_verdict_is_checked_against_the_letters_of_the_neighbours() {
        // Russian only by its letters (ы, э): no function word of any list, too short to vote
        let text = "Выставка электромобилей открылась утром";
        let votes = Votes::of(text, 200);
        let bulgarian = LangGuess {
            lang: Lang::parse("bg").unwrap_or(Lang::RU),
            confidence: 0.3,
            reliable: false,
            method: LangMethod::Trigrams,
        };
        // no voter has a function word here: the verdict stands, the letters alone decide nothing
        assert_eq!(by_letters(text, &votes, bulgarian), None);
        let with_words = "Выставка электромобилей открылась утром, и это было для всех событие";
        let corrected = by_letters(with_words, &Votes::of(with_words, 200), bulgarian);
        assert_eq!(
            corrected.map(|g| (g.lang, g.method)),
            Some((Lang::RU, LangMethod::Letters))
        );
    }

    #[test]
    fn every_detector_language_maps_to_a_two_letter_code() {
        for lang in whatlang::Lang::all() {
            assert!(
                Lang::from_iso639_3(lang.code()).is_some(),
                "no ISO 639-1 code for {}",
                lang.code()
            );
        }
        assert!(supported_language_count() >= 60);
    }

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(
            dominant_script("Заголовок статьи").map(|s| s.0),
            Some(Script::Cyrillic)
        );
        assert_eq!(
            dominant_script("المعارضة السورية").map(|s| s.0),
            Some(Script::Arabic)
        );
        assert_eq!(dominant_script("Ελλάδα").map(|s| s.0), Some(Script::Greek));
        assert_eq!(dominant_script("1 217 — 93 %"), None);
    }
}

/// How many languages the function-word vote can hold (the bits of a word's entry in the map).
pub const VOTE_WIDTH: usize = 24;

/// The languages of the function-word vote: those of [`languages::ALL`] with function words, in
/// its order (the order decides the vote's ties); [`VOTE_WIDTH`] at most, the width of [`Votes`].
fn voters() -> &'static [&'static Language] {
    static VOTERS: OnceLock<Vec<&'static Language>> = OnceLock::new();
    VOTERS.get_or_init(|| {
        languages::ALL
            .iter()
            .copied()
            .filter(|l| !l.function_words.is_empty())
            .take(VOTE_WIDTH)
            .collect()
    })
}

/// Each function word with the set of languages (bits, in [`voters`] order) it belongs to.
fn function_word_map() -> &'static WordMap<u32> {
    static MAP: OnceLock<WordMap<u32>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: WordMap<u32> = WordMap::default();
        for (index, language) in voters().iter().enumerate() {
            for word in language.function_words {
                *map.entry(word).or_default() |= 1 << index;
            }
        }
        map
    })
}

/// A function word of one of the listed languages ("sur", "the", "und", "في").
pub fn is_function_word(norm: &str) -> bool {
    function_word_map().contains_key(norm)
}

/// Function-word evidence of a text: hits per language, hits of words found in one language's
/// list only, and the words counted. Votes of paragraphs add up to the votes of the article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Votes {
    hits: [u16; VOTE_WIDTH],
    exclusive: [u16; VOTE_WIDTH],
    total: u16,
}

impl Votes {
    /// Counts the first `max_words` words of `text`.
    pub fn of(text: &str, max_words: usize) -> Votes {
        let map = function_word_map();
        let mut votes = Votes::default();
        let mut lowered = String::new();
        for word in text
            .split(|c: char| !is_letter(c))
            .filter(|w| !w.is_empty())
            .take(max_words)
        {
            votes.total = votes.total.saturating_add(1);
            let key = if word.bytes().any(|b| b.is_ascii_uppercase())
                || (!word.is_ascii() && word.chars().any(char::is_uppercase))
            {
                lowered.clear();
                for c in word.chars() {
                    crate::lexicon::for_each_lower(c, |l| lowered.push(l));
                }
                lowered.as_str()
            } else {
                word
            };
            if let Some(bits) = map.get(key) {
                let mut rest = *bits;
                while rest != 0 {
                    let index = rest.trailing_zeros() as usize;
                    votes.hits[index] = votes.hits[index].saturating_add(1);
                    rest &= rest - 1;
                }
                if bits.count_ones() == 1 {
                    let index = bits.trailing_zeros() as usize;
                    votes.exclusive[index] = votes.exclusive[index].saturating_add(1);
                }
            }
        }
        votes
    }

    pub fn add(&mut self, other: &Votes) {
        for i in 0..VOTE_WIDTH {
            self.hits[i] = self.hits[i].saturating_add(other.hits[i]);
            self.exclusive[i] = self.exclusive[i].saturating_add(other.exclusive[i]);
        }
        self.total = self.total.saturating_add(other.total);
    }

    pub fn words(&self) -> usize {
        usize::from(self.total)
    }

    /// The text reads as `lang` by its function words: at least two of them, and at least one
    /// word in eight. Languages without a list always answer false (the detector decides).
    pub fn reads_as(&self, lang: Lang) -> bool {
        let Some(index) = voters().iter().position(|l| l.lang == lang) else {
            return false;
        };
        let hits = usize::from(self.hits[index]);
        hits >= 2 && hits * 8 >= self.words()
    }

    /// A language decided by function words alone, when the vote is overwhelming: at least 8
    /// hits of words no other listed language has, four times the runner-up's such hits, and
    /// function words of that language making up a sixth of all words. Related languages
    /// without a list of their own (Catalan next to Spanish, Galician next to Portuguese) do not
    /// reach those margins, so they go to the trigram detector. Short texts (titles) are decided
    /// by two exclusive hits when no other language has any: trigram detectors are at their
    /// weakest there.
    pub fn decisive(&self) -> Option<Lang> {
        let languages = voters().len();
        let best = (0..languages).max_by_key(|i| self.exclusive[*i])?;
        let runner_up = (0..languages)
            .filter(|i| *i != best)
            .map(|i| self.exclusive[i])
            .max()
            .unwrap_or(0);
        let (mine, all) = (
            usize::from(self.exclusive[best]),
            usize::from(self.hits[best]),
        );
        let total = self.words();
        if mine >= 8 && mine >= 4 * usize::from(runner_up) && all * 6 >= total {
            return Some(voters()[best].lang);
        }
        // A title or a short line: two words of one language's list and none of any other's.
        if total < 30 && mine >= 2 && runner_up == 0 {
            return Some(voters()[best].lang);
        }
        None
    }
}

/// For articles in a language whose profile lists the letters only its neighbours of the same
/// script use (`Language::neighbour_letters`: Ukrainian і ї є ґ for Russian, Russian ы э ъ ё for
/// Ukrainian, Persian and Urdu پ چ ژ گ ک ی ے for Arabic): a paragraph in the article's script
/// with none of them is in the article's language. The cheap answer
/// for paragraphs that are too short on function words (quotes, headlines).
pub fn same_script_language(text: &str, article: Lang) -> Option<Lang> {
    let (script, share) = dominant_script(text)?;
    if share < 0.8 || script != script_of_lang(article) {
        return None;
    }
    let foreign = languages::of(article)?.neighbour_letters;
    if foreign.is_empty() {
        return None;
    }
    (!text.contains(foreign)).then_some(article)
}

/// True when `text` reads as `lang` by its function words (see [`Votes::reads_as`]).
pub fn reads_as(text: &str, lang: Lang) -> bool {
    Votes::of(text, 60).reads_as(lang)
}

/// The language of a text whose function-word votes are already counted: the votes when they
/// decide, else the trigram detector on the text.
pub fn detect_language_with(text: &str, votes: &Votes) -> Option<LangGuess> {
    if let Some(lang) = votes.decisive() {
        return Some(LangGuess {
            lang,
            confidence: 1.0,
            reliable: true,
            method: LangMethod::FunctionWords,
        });
    }
    let guess = detect_by_trigrams(text)?;
    Some(by_letters(text, votes, guess).unwrap_or(guess))
}

/// How many of `letters` the text writes, up to two.
fn writes(text: &str, letters: &[char]) -> usize {
    text.matches(letters).take(2).count()
}

/// A trigram verdict checked against the letters only its neighbours of the same script write
/// (`Language::neighbour_letters`: ы, э for Russian next to Bulgarian; і, ї for Ukrainian; ќ,
/// ѓ for Macedonian): a text that writes two of them is not in that language. The voter of the
/// same script that writes none of its own neighbours' letters and has the most function
/// words in the text is taken instead; none such, the verdict stands.
fn by_letters(text: &str, votes: &Votes, guess: LangGuess) -> Option<LangGuess> {
    let profile = languages::of(guess.lang)?;
    if profile.neighbour_letters.is_empty() || writes(text, profile.neighbour_letters) < 2 {
        return None;
    }
    let (index, language) = voters()
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.lang != guess.lang
                && l.script == profile.script
                && !l.neighbour_letters.is_empty()
                && writes(text, l.neighbour_letters) == 0
        })
        .max_by_key(|(i, _)| votes.hits[*i])?;
    (votes.hits[index] > 0).then_some(LangGuess {
        lang: language.lang,
        confidence: guess.confidence,
        reliable: false,
        method: LangMethod::Letters,
    })
}

#[cfg(test)]
mod function_word_tests {
    use super::*;

    #[test]
    fn same_script_paragraphs_keep_the_article_language_unless_letters_say_otherwise() {
        assert_eq!(
            same_script_language("«Ветер переменился около 22 часов»", Lang::RU),
            Some(Lang::RU)
        );
        assert_eq!(
            same_script_language(
                "Вітер змінився близько 22 години, і вогонь перекинувся",
                Lang::RU
            ),
            None
        );
        assert_eq!(
            same_script_language("قال المحافظ إن الرياح صعبة جدا", Lang::AR),
            Some(Lang::AR)
        );
        assert_eq!(
            same_script_language("گفت که باد بسیار سخت است", Lang::AR),
            None
        );
        assert_eq!(
            same_script_language("Wind changed around 10 pm", Lang::RU),
            None
        );
    }

    #[test]
    fn the_vote_decides_only_when_overwhelming() {
        let french = "Le conseil municipal a voté le budget de la ville pour l'année prochaine. Les élus de l'opposition ont critiqué une hausse des impôts, que le maire a défendue en séance. Selon lui, les investissements dans les écoles et les transports sont nécessaires pour la ville et pour les habitants.";
        assert_eq!(Votes::of(french, 200).decisive(), Lang::parse("fr"));
        let catalan = "El consell municipal ha aprovat el pressupost de la ciutat per a l'any vinent. Els regidors de l'oposició han criticat una pujada dels impostos, que l'alcalde ha defensat en el ple. Segons ell, les inversions en les escoles i en el transport són necessàries per a la ciutat.";
        assert_eq!(
            Votes::of(catalan, 200).decisive(),
            None,
            "a language without a list goes to the detector"
        );
        assert_eq!(detect_language(catalan).map(|g| g.lang), Lang::parse("ca"));
        let title = "The worst ads of the decade";
        assert_eq!(
            detect_language(title).map(|g| g.lang),
            Lang::parse("en"),
            "a title decided by its function words"
        );
    }

    #[test]
    fn west_and_south_slavic_paragraphs_are_read_by_their_function_words() {
        let cases = [
            (
                "cs",
                "Vláda ve čtvrtek oznámila, že nový zákon o dopravě bude projednán až po volbách, \
                 protože podle ministra není na stole dost peněz a poslanci se na něm zatím neshodli.",
            ),
            (
                "sk",
                "Vláda vo štvrtok oznámila, že nový zákon o doprave bude prerokovaný až po voľbách, \
                 pretože podľa ministra ešte nie je dosť peňazí a poslanci sa na ňom zatiaľ nezhodli.",
            ),
            (
                "sl",
                "Vlada je v četrtek sporočila, da bo novi zakon o prometu obravnavan šele po volitvah, \
                 saj po besedah ministra še ni dovolj denarja, poslanci pa se o njem tudi niso uskladili. \
                 Župan je dejal, da bi lahko gradnja ceste trajala še dve leti, kar je za prebivalce \
                 predolgo, ker so zaradi zapore že zdaj brez avtobusa, vendar se bodo o tem pogovorili.",
            ),
            (
                "hr",
                "Vlada je u četvrtak objavila da će novi zakon o prometu biti razmatran tek nakon izbora, \
                 jer prema riječima ministra još nema dovoljno novca, a zastupnici se o njemu nisu složili.",
            ),
        ];
        for (code, text) in cases {
            let lang = Lang::parse(code).unwrap();
            assert!(reads_as(text, lang), "{code} paragraph reads as {code}");
            assert_eq!(
                detect_language(text).map(|g| g.lang),
                Some(lang),
                "{code}: {text}"
            );
        }
    }

    #[test]
    fn function_words_recognise_the_article_language_and_not_another() {
        let fr = Lang::parse("fr").unwrap();
        assert!(reads_as(
            "Les pêcheurs ont protesté devant la mairie, selon plusieurs témoins.",
            fr
        ));
        assert!(!reads_as(
            "Forces loyal to the president carry their weapons in a government held area.",
            fr
        ));
        assert!(reads_as(
            "قال المتحدث إن المفاوضات ستستأنف في العاصمة",
            Lang::AR
        ));
        assert!(reads_as(
            "Министр заявил, что переговоры продолжатся на следующей неделе",
            Lang::RU
        ));
    }
}
