//! Cleaning: decides, paragraph by paragraph, what is the article and what is page furniture or a
//! scraping accident, and says why for every removal.
//!
//! Rules are general, ordered from the most certain to the least, and the first that matches
//! decides. Each looks at one paragraph plus what it needs of its neighbours:
//! repeats (of the title or an earlier paragraph, exact or near-exact), lone numbers, photo
//! credits, captions (lines sharing a " - Site" signature), teaser headlines of other articles
//! (a headline-shaped line right after a caption), calls to subscribe/follow/share, comment
//! widgets, navigation (PREV/NEXT), "updated at" notes, interface strings, lines in another
//! script or language, and short lines trailing after the article's last sentence.
//!
//! Invariant: a paragraph that reads as prose of the article's language (a sentence with a
//! verb-length run of words and final punctuation) is only ever removed as a repeat.

use crate::maps::HashSet;
use std::sync::OnceLock;

use serde::Serialize;

use crate::lang::{self, Script};
use crate::languages::{self, word_list};
use crate::model::{Lang, Span};

mod lines;

use lines::*;

/// Why a paragraph was removed.
#[derive(
    Clone, Copy, PartialEq, Eq, Debug, Serialize, serde::Deserialize, Hash, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalReason {
    /// Repeats the title or an earlier paragraph (exactly or nearly).
    Duplicate,
    /// A number alone on its line (a counter, a page number).
    LoneNumber,
    /// "© Agency / Photographer", "Photo: …".
    PhotoCredit,
    /// An image caption (shares a " - Site" signature with other captions, or is one).
    Caption,
    /// The headline of another article, shown as a teaser.
    Teaser,
    /// Subscribe, follow, share, download-our-app lines.
    Subscribe,
    /// Comment widgets: "log in to comment", "Chat".
    Comments,
    /// PREV/NEXT, previous/next article links.
    Navigation,
    /// "Updated at 21:13", "Mise à jour…".
    UpdateNote,
    /// A word or two of site interface ("loader", "Fil d'actu", "Menu").
    Interface,
    /// A line in another language or script than the article (untranslated UI, foreign caption).
    ForeignLanguage,
    /// Short lines after the article's last sentence.
    TrailingFurniture,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Duplicate => "duplicate",
            RemovalReason::LoneNumber => "lone-number",
            RemovalReason::PhotoCredit => "photo-credit",
            RemovalReason::Caption => "caption",
            RemovalReason::Teaser => "teaser",
            RemovalReason::Subscribe => "subscribe",
            RemovalReason::Comments => "comments",
            RemovalReason::Navigation => "navigation",
            RemovalReason::UpdateNote => "update-note",
            RemovalReason::Interface => "interface",
            RemovalReason::ForeignLanguage => "foreign-language",
            RemovalReason::TrailingFurniture => "trailing-furniture",
        }
    }

    pub fn parse(text: &str) -> Option<RemovalReason> {
        use RemovalReason::*;
        [
            Duplicate,
            LoneNumber,
            PhotoCredit,
            Caption,
            Teaser,
            Subscribe,
            Comments,
            Navigation,
            UpdateNote,
            Interface,
            ForeignLanguage,
            TrailingFurniture,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// One removed paragraph: its text, why, a human detail, and where it was in the body.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Removal {
    pub text: String,
    pub reason: RemovalReason,
    pub detail: String,
    /// Byte span in the body as the reader gave it (not in JSON: read back as empty).
    #[serde(skip)]
    pub source: Span,
}

/// What cleaning decided: the kept paragraphs (spans into the body) and the removals, plus a
/// byline if a trailing signature was found.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// Kept paragraphs: span in the body, and the paragraph's own language when the detector
    /// is confident (short lines get none).
    pub kept: Vec<(Span, Option<Lang>)>,
    pub removed: Vec<Removal>,
    pub byline: Option<String>,
}

/// Splits a body into paragraphs: its non-blank lines, trimmed, as spans into `body`.
pub fn paragraphs(body: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed_start = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.chars().any(|c| !is_invisible(c)) {
            let start = offset + trimmed_start;
            spans.push(Span::new(start, start + trimmed.len()));
        }
        offset += line.len();
    }
    spans
}

/// Zero-width and other format characters: a line of only these is blank.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

/// Cleans a body given its title and the article's language (as first detected on the whole
/// body). Never fails; an empty body gives an empty result.
pub fn clean(title: &str, body: &str, lang: Option<Lang>) -> Cleaned {
    clean_prepared(title, body, &prepare(body), lang)
}

/// A body's paragraphs with their function-word votes, counted once for both the article's
/// language and each paragraph's.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub spans: Vec<Span>,
    pub votes: Vec<lang::Votes>,
}

/// Splits a body into paragraphs and counts their function words (the first 60 words of each).
pub fn prepare(body: &str) -> Prepared {
    let spans = paragraphs(body);
    let votes = spans
        .iter()
        .map(|s| lang::Votes::of(&body[s.start..s.end], 60))
        .collect();
    Prepared { spans, votes }
}

/// [`clean`] on a body already [`prepare`]d.
pub fn clean_prepared(title: &str, body: &str, prepared: &Prepared, lang: Option<Lang>) -> Cleaned {
    let spans = &prepared.spans;
    let texts: Vec<&str> = spans.iter().map(|s| &body[s.start..s.end]).collect();
    let article_script = lang
        .map(lang::script_of_lang)
        .or_else(|| lang::dominant_script(body).map(|s| s.0));
    let own_signatures: Vec<Option<String>> = texts.iter().map(|t| signature_of(t)).collect();
    let signatures = caption_signatures(&own_signatures);
    let counts: Vec<usize> = texts.iter().map(|t| word_count(t)).collect();
    let last_prose = texts
        .iter()
        .zip(&counts)
        .rposition(|(t, n)| *n >= 8 && ends_like_sentence(t));

    let mut guesses: Vec<Option<Lang>> = Vec::with_capacity(texts.len());
    let keys: Vec<Key> = texts.iter().map(|t| Key::of(t)).collect();
    let repeated_block = repeated_blocks(&texts, &keys);
    let mut decisions: Vec<Option<(RemovalReason, String)>> = Vec::with_capacity(texts.len());
    let mut seen_exact: HashSet<u64> = HashSet::default();
    let mut seen_shingles: Vec<Vec<u64>> = Vec::new();
    let title_key = Key::of(title);
    if !title_key.is_empty() {
        seen_exact.insert(title_key.hash);
    }

    for (index, text) in texts.iter().enumerate() {
        let previous_removed = index > 0
            && decisions[index - 1].as_ref().is_some_and(|(r, _)| {
                matches!(r, RemovalReason::Caption | RemovalReason::PhotoCredit)
            });
        let previous_furniture = index > 0
            && decisions[index - 1]
                .as_ref()
                .is_some_and(|(r, _)| *r != RemovalReason::Duplicate);
        let guess = match lang {
            // below eight words a detector guesses; such lines are placed by their script
            _ if counts[index] < 8 => None,
            // the cheap function-word test first; the trigram detector only when it fails
            Some(article) if prepared.votes[index].reads_as(article) => Some(lang::LangGuess {
                lang: article,
                confidence: 1.0,
                reliable: true,
                method: lang::LangMethod::FunctionWords,
            }),
            Some(article) if lang::same_script_language(text, article).is_some() => {
                Some(lang::LangGuess {
                    lang: article,
                    confidence: 0.9,
                    reliable: true,
                    method: lang::LangMethod::FunctionWords,
                })
            }
            _ => lang::detect_language_with(text, &prepared.votes[index]),
        };
        let key = &keys[index];
        let mine = (key.chars >= 40).then(|| shingles(key));
        let decision = judge(
            text,
            counts[index],
            key,
            mine.as_deref(),
            &JudgeContext {
                own_signature: own_signatures[index].as_deref(),
                guess,
                title_key: &title_key,
                seen_exact: &seen_exact,
                seen_shingles: &seen_shingles,
                article_lang: lang,
                article_script,
                signatures: &signatures,
                after_caption: previous_removed,
                after_furniture: previous_furniture,
                in_repeated_block: repeated_block[index],
                after_last_prose: last_prose.is_some_and(|last| index > last),
            },
        );
        if decision.is_none() {
            if let Some(mine) = mine {
                if seen_shingles.len() < 2_000 {
                    seen_shingles.push(mine);
                }
            }
            seen_exact.insert(key.hash);
        }
        decisions.push(decision);
        guesses.push(
            guess
                .filter(|g| g.reliable || g.confidence >= 0.5)
                .map(|g| g.lang),
        );
    }

    let mut cleaned = Cleaned::default();
    for (index, decision) in decisions.into_iter().enumerate() {
        match decision {
            None => cleaned.kept.push((spans[index], guesses[index])),
            Some((reason, detail)) => cleaned.removed.push(Removal {
                text: texts[index].to_string(),
                reason,
                detail,
                source: spans[index],
            }),
        }
    }
    // A short, name-shaped last line after the prose is a signature: keep it, and call it the byline.
    if let (Some(last_prose), Some((last_kept, _))) = (last_prose, cleaned.kept.last()) {
        let text = &body[last_kept.start..last_kept.end];
        if spans
            .iter()
            .position(|s| s == last_kept)
            .is_some_and(|i| i > last_prose)
            && looks_like_name(text)
        {
            cleaned.byline = Some(text.to_string());
        }
    }
    cleaned
}

struct JudgeContext<'a> {
    own_signature: Option<&'a str>,
    guess: Option<lang::LangGuess>,
    title_key: &'a Key,
    seen_exact: &'a HashSet<u64>,
    seen_shingles: &'a [Vec<u64>],
    article_lang: Option<Lang>,
    article_script: Option<Script>,
    signatures: &'a [String],
    after_caption: bool,
    after_furniture: bool,
    in_repeated_block: bool,
    after_last_prose: bool,
}

fn judge(
    text: &str,
    words: usize,
    key: &Key,
    mine: Option<&[u64]>,
    cx: &JudgeContext<'_>,
) -> Option<(RemovalReason, String)> {
    let prose = words >= 8 && ends_like_sentence(text);
    if let Some(repeat) = repeats(text, words, prose, key, mine, cx) {
        return Some(repeat);
    }
    if text.chars().all(|c| !c.is_alphabetic()) {
        if text.chars().any(|c| c.is_numeric()) {
            return Some((
                RemovalReason::LoneNumber,
                "a number alone on its line".into(),
            ));
        }
        return Some((RemovalReason::Interface, "no words".into()));
    }
    // Every phrase rule below is for lines of 80 words or fewer; longer ones skip the folding.
    let lower = if words <= 80 {
        fold(text)
    } else {
        String::new()
    };

    furniture_by_its_words(text, words, prose, &lower, cx)
        .or_else(|| foreign(text, words, cx))
        .or_else(|| after_the_article(text, words, prose, cx))
}

/// A line said again: the title, an earlier paragraph, or nearly one.
fn repeats(
    text: &str,
    words: usize,
    prose: bool,
    key: &Key,
    mine: Option<&[u64]>,
    cx: &JudgeContext<'_>,
) -> Option<(RemovalReason, String)> {
    // A line said twice is a scraping repeat when it repeats the title, belongs to a repeated
    // block, or is a sentence or a long statement. A short line said twice can be content (a refrain), and so
    // can an isolated repeated question (the same question put to several people).
    let question = text.trim_end().ends_with(['?', '؟']);
    let repeat_is_accident = cx.in_repeated_block || ((words >= 12 || prose) && !question);
    if !key.is_empty() && cx.seen_exact.contains(&key.hash) {
        if key.hash == cx.title_key.hash {
            return Some((RemovalReason::Duplicate, "repeats the title".into()));
        }
        if repeat_is_accident {
            return Some((
                RemovalReason::Duplicate,
                "repeats an earlier paragraph".into(),
            ));
        }
    }
    if let (Some(mine), true) = (mine, repeat_is_accident) {
        if let Some(best) = cx
            .seen_shingles
            .iter()
            .map(|s| jaccard(mine, s))
            .fold(None, |acc: Option<f64>, x| {
                Some(acc.map_or(x, |a| a.max(x)))
            })
        {
            if best >= 0.85 {
                return Some((
                    RemovalReason::Duplicate,
                    format!(
                        "nearly repeats an earlier paragraph ({:.0}% shared)",
                        best * 100.0
                    ),
                ));
            }
        }
    }
    None
}

/// Page furniture told by its words (credits, navigation, teasers, calls to action, share and
/// comment widgets, interface strings), on the folded line `lower`.
fn furniture_by_its_words(
    text: &str,
    words: usize,
    prose: bool,
    lower: &str,
    cx: &JudgeContext<'_>,
) -> Option<(RemovalReason, String)> {
    // a © line: a credit or a notice, unless it reads as a sentence of some length (a credit
    // run into the paragraph it stands above)
    if text.contains('©') && (words <= 20 || words <= 60 && !prose)
        || (words <= 25 && starts_with_any(lower, word_list!(clean.photo_credit)))
    {
        let detail = if contains_any(lower, phrases!(clean.copyright)) {
            "copyright notice"
        } else {
            "photo credit"
        };
        return Some((RemovalReason::PhotoCredit, detail.into()));
    }
    if let Some(signature) = cx
        .signatures
        .iter()
        .find(|s| cx.own_signature == Some(s.as_str()))
    {
        return Some((
            RemovalReason::Caption,
            format!("image caption signed \"{signature}\""),
        ));
    }
    let shouted_navigation = text.split_whitespace().next().is_some_and(|w| {
        navigation().contains(&w.to_lowercase().as_str())
            && w.chars().all(|c| !c.is_lowercase())
            && w.chars().count() > 1
    });
    // a line opened by a guillemet that closes it too is a quotation ("« Nous resterons », a-t-il
    // dit"; German »…«), not an arrow to the next article
    let quotation = (lower.starts_with('«') && lower.contains('»'))
        || (lower.starts_with('»') && lower.contains('«'));
    if words <= 40
        && (shouted_navigation || (!prose && !quotation && starts_with_word(lower, navigation())))
    {
        return Some((
            RemovalReason::Navigation,
            "link to the previous or next article".into(),
        ));
    }
    // with the other article's title after it (a bare "Lire aussi" is an interface string)
    let related_title = word_list!(clean.related).iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            rest.starts_with([' ', ':']) && rest.chars().any(char::is_alphanumeric)
        })
    });
    if words <= 25 && related_title {
        return Some((
            RemovalReason::Teaser,
            "link to another article (\"read also\")".into(),
        ));
    }
    if words <= 30 && starts_with_any(lower, word_list!(clean.update)) {
        return Some((
            RemovalReason::UpdateNote,
            "note of when the page was updated".into(),
        ));
    }
    if (words <= 25 || starts_with_any(lower, word_list!(clean.call_to_action)))
        && words <= 80
        && is_call_to_action(lower)
    {
        return Some((
            RemovalReason::Subscribe,
            "asks the reader to subscribe, follow or share".into(),
        ));
    }
    if words <= 12
        && (starts_with_word(lower, word_list!(clean.share))
            || words <= 6
                && contains_word(lower, phrases!(clean.share))
                && contains_word(lower, cta_objects()))
        && !prose
    {
        return Some((RemovalReason::Subscribe, "share button".into()));
    }
    if words <= 25 && contains_any(lower, phrases!(clean.comment_phrases)) {
        return Some((RemovalReason::Comments, "comment widget".into()));
    }
    if words <= 40 && names_a_keyboard_shortcut(lower) {
        return Some((
            RemovalReason::Interface,
            "asks the reader to press keys (a typo report: Ctrl+Enter)".into(),
        ));
    }
    if words <= 4 && !prose {
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if word_list!(clean.subscribe).contains(&bare) {
            return Some((RemovalReason::Subscribe, "subscribe or share button".into()));
        }
        if word_list!(clean.comment_words).contains(&bare) {
            return Some((RemovalReason::Comments, "comment widget".into()));
        }
        if word_list!(clean.interface).contains(&bare) {
            return Some((RemovalReason::Interface, "site interface string".into()));
        }
    }
    None
}

/// Whether the folded line names a keyboard shortcut (ctrl+enter, ctrl + enter, ctrl-enter):
/// what a site's notice asks a reader to press, in any language ("Если вы заметили ошибку,
/// выделите её мышкой и нажмите Ctrl+Enter"); no article's prose names one.
fn names_a_keyboard_shortcut(lower: &str) -> bool {
    lower.match_indices("ctrl").any(|(at, key)| {
        let rest = lower[at + key.len()..].trim_start_matches([' ', '+', '-']);
        ["enter", "return", "shift", "alt"]
            .iter()
            .any(|k| rest.starts_with(k))
    })
}

/// A line in another script amid furniture, or reliably in another language.
fn foreign(text: &str, words: usize, cx: &JudgeContext<'_>) -> Option<(RemovalReason, String)> {
    // Only amid furniture or after the article's end: inside the body, a line in another script
    // is a quotation (a verse, a slogan), not page furniture.
    let amid_furniture = cx.after_last_prose || cx.after_furniture || cx.after_caption;
    if let Some((script, share)) = amid_furniture
        .then(|| lang::dominant_script(text))
        .flatten()
    {
        if share >= 0.6 && cx.article_script.is_some_and(|s| s != script) && script != Script::Other
        {
            return Some((
                RemovalReason::ForeignLanguage,
                format!(
                    "written in {script:?} script, the article in {:?}",
                    cx.article_script.unwrap_or(Script::Other)
                ),
            ));
        }
    }
    // in the article's own script, a guess needs a long line, or one amid furniture: a short
    // line of names and numbers ("printing page ranges (e.g. 1-3, 6, 7) – Bug 499640") reads as
    // any language
    if words >= 20 || words >= 8 && amid_furniture {
        if let (Some(article), Some(guess)) = (cx.article_lang, cx.guess) {
            if guess.lang != article && guess.reliable && guess.confidence >= 0.9 {
                return Some((
                    RemovalReason::ForeignLanguage,
                    format!("in {} (the article is in {article})", guess.lang),
                ));
            }
        }
    }
    None
}

/// A headline after an image, a short line after the end of the article.
fn after_the_article(
    text: &str,
    words: usize,
    prose: bool,
    cx: &JudgeContext<'_>,
) -> Option<(RemovalReason, String)> {
    if cx.after_caption && is_headline_shaped(text) {
        return Some((
            RemovalReason::Teaser,
            "headline of another article, after an image".into(),
        ));
    }
    if cx.after_last_prose
        && words <= 4
        && !prose
        && !looks_like_name(text)
        && !is_list_item(text)
        && !text.chars().any(|c| c.is_numeric())
    {
        return Some((
            RemovalReason::TrailingFurniture,
            "short line after the end of the article".into(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(title: &str, body: &str, lang: &str) -> Vec<(String, &'static str)> {
        clean(title, body, Lang::parse(lang))
            .removed
            .into_iter()
            .map(|r| (r.text, r.reason.as_str()))
            .collect()
    }

    #[test]
    fn repeated_paragraphs_and_titles_go_once_each() {
        let body = "Storm hits the coast\nThe storm reached the coast on Monday, officials said.\nThousands were evacuated from low-lying areas overnight.\nThe storm reached the coast on Monday, officials said.\n";
        let removed = reasons("Storm hits the coast", body, "en");
        assert_eq!(removed.len(), 2);
        assert!(removed.iter().all(|(_, r)| *r == "duplicate"));
    }

    #[test]
    fn furniture_is_removed_with_reasons_and_prose_kept() {
        let body = "© Agence / Jean Dupont\n\
            Une vue du port. (Archive) - Le Journal\n\
            Le maire a annoncé mardi la fermeture du port pour trois semaines de travaux.\n\
            Vue du port - Le Journal\n\
            Trois ports ferment en Bretagne\n\
            Les pêcheurs ont protesté devant la mairie, selon plusieurs témoins sur place.\n\
            Suivez-nous sur Telegram pour ne rien manquer de l'actualité.\n\
            PREV Les élections municipales approchent\n\
            0\n\
            loader\n\
            Заголовок материала\n";
        let removed = reasons("Le port ferme", body, "fr");
        let by_reason = |r: &str| removed.iter().filter(|(_, x)| *x == r).count();
        assert_eq!(by_reason("photo-credit"), 1, "{removed:?}");
        assert_eq!(by_reason("caption"), 2, "{removed:?}");
        assert_eq!(by_reason("teaser"), 1, "{removed:?}");
        assert_eq!(by_reason("subscribe"), 1, "{removed:?}");
        assert_eq!(by_reason("navigation"), 1, "{removed:?}");
        assert_eq!(by_reason("lone-number"), 1, "{removed:?}");
        assert_eq!(by_reason("foreign-language"), 1, "{removed:?}");
        assert_eq!(removed.len(), 9, "{removed:?}");
    }

    #[test]
    fn a_notice_asking_for_a_keyboard_shortcut_goes_in_any_language() {
        let body = "Мост через реку закрыли на ремонт до конца месяца, сообщили в мэрии города.\n\
            Если вы заметили ошибку, выделите её мышкой и нажмите Ctrl+Enter.\n\
            Водителям советуют объезжать центр по северной окружной дороге.\n\
            Якщо ви помітили помилку, виділіть текст і натисніть Ctrl + Enter, щоб повідомити редакцію.\n";
        let removed = reasons("Мост закрыли", body, "ru");
        assert_eq!(removed.len(), 2, "{removed:?}");
        assert!(
            removed.iter().all(|(_, r)| *r == "interface"),
            "{removed:?}"
        );
        // prose that mentions the keys is kept
        let body = "The editor said the shortcut Ctrl+Enter sends a correction, and readers sent four hundred of them in the first week after the site changed, which the team had not expected at all when it planned the launch of the new version.\n";
        assert_eq!(reasons("Readers send corrections", body, "en"), vec![]);
    }

    #[test]
    fn a_credit_run_into_its_paragraph_and_a_line_of_numbers_stay() {
        let body = "The port of Gdynia will close for three weeks of works from Monday, the harbour master said.\n\
            © Harbour Press Gdynia Port The cranes on the eastern quay will be replaced first, and the ferries to Karlskrona will leave from the western basin until the end of the month, the operator said in a statement.\n\
            Ferries now leave at 6, 9, 14 and 22 (e.g. lines 3-5, 7) – route 4411\n\
            Fishermen protested outside the harbour office on Tuesday, according to several witnesses.\n";
        let removed = reasons("Gdynia port closes", body, "en");
        assert_eq!(removed, vec![], "{removed:?}");
        // a bare credit still goes
        let removed = reasons("Gdynia port closes", "© Harbour Press / Jan Nowak\nThe port of Gdynia will close for three weeks of works from Monday, the harbour master said.\n", "en");
        assert_eq!(removed.len(), 1, "{removed:?}");
    }

    #[test]
    fn a_short_line_said_twice_is_content_unless_part_of_a_repeated_block() {
        let body = "Question : pourquoi ce métier ?\nParce que j'aime la cuisine depuis toujours, répond la première.\nQuestion : pourquoi ce métier ?\nPar hasard, après des études de droit, dit la seconde.\n";
        assert_eq!(reasons("Entretiens", body, "fr"), vec![]);
        let a = "Le maire a signé l'arrêté mardi.";
        let b = "Les riverains ont été prévenus par courrier la semaine dernière, selon la mairie.";
        let c = "Les travaux doivent durer trois mois et coûter environ deux millions d'euros, d'après le conseil municipal.";
        let block = format!("{a}\n{b}\n{c}\n{a}\n{b}\n{c}\n");
        assert_eq!(
            reasons("Travaux", &block, "fr").len(),
            3,
            "a block scraped twice"
        );
        let plan = "Petit-déjeuner\nAvoine et fruits\nDéjeuner\nSalade de lentilles\nPetit-déjeuner\nAvoine et fruits\nDéjeuner\nPoisson et riz\n";
        assert!(
            reasons("Menus", plan, "fr").is_empty(),
            "short headings repeated day after day are content"
        );
    }

    #[test]
    fn foreign_script_inside_the_body_is_kept() {
        let body = "Le poète cite souvent ce vers, qu'il récite en arabe lors de ses lectures publiques.\nأحبب حبيبك هونا ما\nIl en donne ensuite une traduction libre pour le public présent.\n";
        assert_eq!(reasons("Poésie", body, "fr"), vec![]);
    }

    #[test]
    fn lists_at_the_end_are_content() {
        let body = "Voici les dix jouets les plus vendus cette année selon le classement publié lundi.\n1) Circuit électrique\n2) Jeu de société classique\n";
        assert!(reasons("Jouets", body, "fr").is_empty());
        let prose = "Elle a rejoint le groupe sur Twitter l'an dernier, a raconté son agent lors d'une longue interview accordée au journal local, avant de quitter la ville.\n";
        assert!(reasons("Portrait", prose, "fr").is_empty());
    }

    #[test]
    fn short_quotations_opened_by_guillemets_are_kept() {
        let body = "Une explosion a fait douze morts mercredi à Lyon, selon la préfecture du Rhône.\n« Nous ferons toute la lumière », a-t-il affirmé.\n« Article précédent\n";
        assert_eq!(
            reasons("Explosion", body, "fr"),
            [("« Article précédent".to_string(), "navigation")],
            "only the arrow to the previous article goes"
        );
        let body = "Der Bürgermeister hat am Montag den Haushalt der Stadt vorgestellt.\n»Wir sparen nicht an Schulen«, sagte er.\n";
        assert!(reasons("Haushalt", body, "de").is_empty());
    }

    #[test]
    fn a_trailing_signature_is_kept_as_byline() {
        let body =
            "Le conseil municipal a voté le budget hier soir après un long débat.\nAnne Martin\n";
        let cleaned = clean("Budget", body, Lang::parse("fr"));
        assert!(cleaned.removed.is_empty());
        assert_eq!(cleaned.byline.as_deref(), Some("Anne Martin"));
    }

    #[test]
    fn share_lines_and_read_also_links_are_furniture_in_any_language() {
        let body =
            "Le conseil municipal a voté le budget de la ville mardi soir après un long débat.\n\n\
                    Lire aussi : Le maire de Lyon annonce sa candidature\n\n\
                    Partager cet article sur Facebook\n\n\
                    Les travaux commenceront en septembre, selon l'adjoint chargé des finances.";
        let got = reasons("Budget", body, "fr");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.starts_with("Lire aussi") && got[0].1 == "teaser");
        assert!(got[1].0.starts_with("Partager") && got[1].1 == "subscribe");
        let body = "Российская делегация прибыла в столицу во вторник для переговоров.\n\n\
                    Читайте также: Новые правила въезда вступят в силу летом\n\n\
                    Переговоры продлятся три дня, сообщили в министерстве.";
        let got = reasons("Переговоры", body, "ru");
        assert_eq!(got.len(), 1, "{got:?}");
        let body = "وصل الوفد إلى العاصمة يوم الثلاثاء لإجراء محادثات مع الحكومة.\n\n\
                    اقرأ أيضا: افتتاح معرض الكتاب في القاهرة\n\n\
                    وقالت الوزارة إن المحادثات ستستمر ثلاثة أيام.";
        assert_eq!(reasons("محادثات", body, "ar").len(), 1);
        // a sentence that merely mentions sharing stays
        let body = "The two firms agreed to share the costs of the new bridge, the mayor said on Facebook on Monday evening after the vote.";
        assert!(reasons("Bridge", body, "en").is_empty());
    }

    #[test]
    fn a_sentence_starting_with_suivant_is_not_navigation() {
        let body = "Suivant les recommandations du comité, le gouvernement a reporté la réforme.\n";
        assert!(reasons("Réforme", body, "fr").is_empty());
    }
}
