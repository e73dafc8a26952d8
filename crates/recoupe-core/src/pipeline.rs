//! The pipeline: one raw article in, one analysis out. Stages run in order — paragraphs, a first
//! language guess, cleaning, the article's language on the cleaned text, the publication date,
//! the dates in the text — and each adds to the diagnostics instead of failing.

use serde::Serialize;

use crate::clean::{self, Removal};
use crate::dates::{self, DateMention};
use crate::lang;
use crate::model::{ArticleId, Date, DateBasis, Diagnostic, Lang, RawArticle, Span};
use crate::token;

/// A kept paragraph of the cleaned text.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Paragraph {
    /// Byte offsets into `Analysis::text`.
    pub start: usize,
    pub end: usize,
    /// Byte offset of the same paragraph in the body the reader gave (the original).
    pub source_start: usize,
    /// The paragraph's own language, when it is long enough to tell.
    pub language: Option<Lang>,
}

/// Everything the pipeline found in one article. Serialises to the article object of the JSON
/// report (see docs/json.md); fields are added over time, never renamed.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Analysis {
    pub id: ArticleId,
    pub source: String,
    pub title: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub byline: Option<String>,
    pub language: Option<Lang>,
    pub published: Option<Date>,
    pub published_basis: Option<DateBasis>,
    /// In words: what the date rests on ("dateline \"الأحد 2016/12/04\"").
    pub published_evidence: Option<String>,
    /// Last update as declared by the source (metadata only).
    pub updated: Option<Date>,
    /// The cleaned text: kept paragraphs separated by a blank line.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removal>,
    pub dates: Vec<DateMention>,
    /// Names of people, groups and places (filled by [`extract`]; `entity` ids are given
    /// across a corpus by [`link_entities`]).
    pub entities: Vec<crate::entities::Mention>,
    /// Names in the title (byte offsets into `title`): those the text names too, and places of
    /// the gazetteer (see [`crate::entities::find_title_mentions`]); linked as the text's are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_entities: Vec<crate::entities::Mention>,
    /// Who said what, word for word: direct quotes (filled by [`extract`]; speakers' entity
    /// ids by [`link_entities`]).
    pub quotes: Vec<crate::quotes::Quote>,
    /// Reported speech: phrases a speaker's words are quoted in inside the reporter's own
    /// sentence ("called the plan “a costly mistake”", `kind: partial`), kept apart from the
    /// direct quotes; filled and linked as they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reported_speech: Vec<crate::quotes::Quote>,
    /// Numbers with what they count (filled by [`extract`]).
    pub figures: Vec<crate::figures::Figure>,
    pub diagnostics: Vec<Diagnostic>,
    /// What a story's comparison reads of the text (filled by [`extract`]; not reported).
    #[serde(skip)]
    pub readings: crate::comparison::Readings,
}

impl Analysis {
    /// An analysis of nothing yet: the article's id, source, title and cleaned text, every
    /// finding empty (what a store fills from a row).
    pub fn new(id: ArticleId, source: String, title: String, text: String) -> Analysis {
        Analysis {
            id,
            source,
            title,
            url: None,
            site: None,
            byline: None,
            language: None,
            published: None,
            published_basis: None,
            published_evidence: None,
            updated: None,
            text,
            paragraphs: Vec::new(),
            removed: Vec::new(),
            dates: Vec::new(),
            entities: Vec::new(),
            title_entities: Vec::new(),
            quotes: Vec::new(),
            reported_speech: Vec::new(),
            figures: Vec::new(),
            diagnostics: Vec::new(),
            readings: Default::default(),
        }
    }
}

/// All the work on one article that needs no other: the analysis, its extraction and its
/// profile for placing, the text tokenised once for all three (what an edge runs on every core
/// before the articles are placed and stored).
pub fn prepare(raw: &RawArticle) -> (Analysis, crate::similarity::Profile) {
    let (mut analysis, tokens) = analyze_tokens(raw);
    extract_with(&mut analysis, &tokens);
    let profile = crate::similarity::Profile::of_tokens(&analysis, &tokens, None);
    (analysis, profile)
}

/// Builds the tables the analysis of any article needs (the gazetteer's keyed names, the
/// function words of the language vote) now rather than during the first article: an edge runs
/// it on a thread of its own while it reads its input, so that no analysis thread waits on them
/// (the gazetteer keys 77,000 names: ~220 M instructions). Never required: each table is built
/// on first use otherwise.
pub fn prepare_tables() {
    crate::entities::prepare_gazetteer();
    let _ = lang::is_function_word("");
}

/// The extraction stage, on an analysed article: the names of people, groups and places, the
/// figures, and the quotes with their speakers. The text is tokenised once for all three.
pub fn extract(analysis: &mut Analysis) {
    extract_tokens(analysis);
}

/// [`extract`], giving back the tokens of the cleaned text for the next stage (the article's
/// profile: [`crate::similarity::Profile::of_tokens`]), so the text is tokenised once.
pub fn extract_tokens(analysis: &mut Analysis) -> Vec<token::Token> {
    let tokens = token::tokenize(&analysis.text);
    extract_with(analysis, &tokens);
    tokens
}

/// [`extract`] on the tokens of the cleaned text already made ([`analyze_tokens`]).
pub fn extract_with(analysis: &mut Analysis, tokens: &[token::Token]) {
    let text = analysis.text.as_str();
    let lang = analysis.language;
    analysis.entities = crate::entities::find_mentions_in(text, tokens, lang);
    analysis.title_entities =
        crate::entities::find_title_mentions(&analysis.title, lang, &analysis.entities);
    let dates: Vec<Span> = analysis
        .dates
        .iter()
        .map(|d| Span::new(d.start, d.end))
        .collect();
    analysis.figures = crate::figures::find_figures(text, tokens, lang, &dates);
    let paragraphs: Vec<Span> = analysis
        .paragraphs
        .iter()
        .map(|p| Span::new(p.start, p.end))
        .collect();
    let quotes = crate::quotes::find_quotes(text, tokens, &paragraphs, lang, &analysis.entities);
    (analysis.quotes, analysis.reported_speech) = quotes
        .into_iter()
        .partition(|q| q.kind == crate::quotes::QuoteKind::Direct);
    analysis.readings = crate::comparison::read_article(text, tokens, &analysis.figures);
}

/// Links the mentions of a set of analysed articles into corpus entities, filling each mention's
/// entity id.
pub fn link_entities(analyses: &mut [Analysis]) -> Vec<crate::entities::Entity> {
    let mut linking = Linking::default();
    for analysis in analyses.iter_mut() {
        linking.add(analysis);
    }
    linking.finish(analyses)
}

/// [`link_entities`] as analyses arrive: [`Linking::add`] each (in order; a pipeline links a
/// batch while the next is analysed), then [`Linking::finish`] over all of them, which gives
/// the mentions and the quotes' speakers their entity ids.
#[derive(Default)]
pub struct Linking {
    linker: crate::entities::Linker,
}

impl Linking {
    pub fn add(&mut self, analysis: &mut Analysis) {
        let [text, title] = mentions_of(analysis);
        self.linker.add(&mut { text });
        self.linker.add(&mut { title });
    }

    pub fn finish(self, analyses: &mut [Analysis]) -> Vec<crate::entities::Entity> {
        let mut views: Vec<crate::entities::ArticleMentions<'_>> =
            analyses.iter_mut().flat_map(mentions_of).collect();
        let entities = self.linker.finish(&mut views);
        drop(views);
        for analysis in analyses.iter_mut() {
            for quote in analysis
                .quotes
                .iter_mut()
                .chain(analysis.reported_speech.iter_mut())
            {
                quote.speaker = quote
                    .speaker_mention
                    .and_then(|span| {
                        analysis
                            .entities
                            .iter()
                            .find(|m| m.start == span.start && m.end == span.end)
                    })
                    .and_then(|m| m.entity);
            }
        }
        entities
    }
}

/// What the linking reads and fills of an analysis: the names of its text, then those of its
/// title.
fn mentions_of(a: &mut Analysis) -> [crate::entities::ArticleMentions<'_>; 2] {
    let Analysis {
        id,
        language,
        title,
        text,
        entities,
        title_entities,
        ..
    } = a;
    [
        crate::entities::ArticleMentions {
            article: *id,
            language: *language,
            text: text.as_str(),
            mentions: entities,
        },
        crate::entities::ArticleMentions {
            article: *id,
            language: *language,
            text: title.as_str(),
            mentions: title_entities,
        },
    ]
}

/// How many lines from the top count as the head (title, dateline), and how much of each.
const HEAD_LINES: usize = 3;
const HEAD_BYTES_PER_LINE: usize = 120;

/// Analyses one article. Never fails: an empty or unreadable article gives an analysis with
/// empty fields and a diagnostic.
pub fn analyze(raw: &RawArticle) -> Analysis {
    analyze_tokens(raw).0
}

/// The language of a whole body, before cleaning: the function words of its first paragraphs
/// (about 200 words), else of its first 400 words (a paragraph's vote counts 60 at most), else
/// the trigram detector.
fn body_language(body: &str, prepared: &clean::Prepared) -> Option<lang::LangGuess> {
    let mut votes = lang::Votes::default();
    for paragraph in prepared.votes.iter() {
        if votes.words() >= 200 {
            break;
        }
        votes.add(paragraph);
    }
    if votes.decisive().is_none() && votes.words() < 400 {
        votes = lang::Votes::of(body, 400);
    }
    lang::detect_language_with(body, &votes)
}

/// [`analyze`], giving back the tokens of the cleaned text as well: moved from the page's,
/// which the dates were found on, so the next stage ([`extract_with`]) does not tokenise again.
pub fn analyze_tokens(raw: &RawArticle) -> (Analysis, Vec<token::Token>) {
    let mut diagnostics = raw.diagnostics.clone();
    let title = raw.title.trim().to_string();

    let prepared = clean::prepare(&raw.body);
    let first_guess = body_language(&raw.body, &prepared).or_else(|| lang::detect_language(&title));
    let cleaned = clean::clean_prepared(
        &title,
        &raw.body,
        &prepared,
        first_guess.map(|g| g.lang).or(raw.declared_language),
    );

    let mut text = String::with_capacity(raw.body.len());
    let mut paragraphs = Vec::with_capacity(cleaned.kept.len());
    for (span, language) in &cleaned.kept {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&raw.body[span.start..span.end]);
        paragraphs.push(Paragraph {
            start,
            end: text.len(),
            source_start: span.start,
            language: *language,
        });
    }
    if text.is_empty() && title.is_empty() {
        diagnostics.push(Diagnostic::new("clean", "the article has no text"));
    }

    // The first guess was made on the whole body; guess again only if cleaning removed much of it.
    let removed_bytes: usize = cleaned.removed.iter().map(|r| r.text.len()).sum();
    let reuse = first_guess.filter(|_| removed_bytes * 3 < raw.body.len() && text.len() >= 200);
    let language = decide_language(
        &title,
        &text,
        reuse,
        raw.declared_language,
        &mut diagnostics,
    );

    // Dates are found once, over the whole page as the reader gave it (title, then body): a
    // removed caption can still date the article, and the mentions in kept paragraphs are
    // moved to their offsets in the cleaned text.
    let everything = format!("{title}\n{}", raw.body);
    let body_offset = title.len() + 1;
    let tokens = token::tokenize(&everything);
    let found = dates::find_dates(&tokens);
    let (published, basis, evidence) = match raw.published {
        Some(date) => (
            Some(date),
            Some(DateBasis::Metadata),
            Some("declared by the source".to_string()),
        ),
        None => {
            let head = head_spans(&title, &paragraphs, body_offset);
            let (inferred, notes) = dates::infer_published(&everything, &tokens, &head, &found);
            for note in notes {
                diagnostics.push(Diagnostic::new("dates", note));
            }
            match inferred {
                Some(p) => (Some(p.date), Some(p.basis), Some(p.evidence)),
                None => {
                    diagnostics.push(Diagnostic::new(
                        "dates",
                        "no publication date in the metadata or the text",
                    ));
                    (None, None, None)
                }
            }
        }
    };
    let date_mentions = dates::mentions_placed(&everything, &tokens, &found, published, |span| {
        let start = span.start.checked_sub(body_offset)?;
        let end = span.end.checked_sub(body_offset)?;
        let paragraph = paragraphs
            .iter()
            .find(|p| p.source_start <= start && end <= p.source_start + (p.end - p.start))?;
        let at = paragraph.start + (start - paragraph.source_start);
        Some(Span::new(at, at + (end - start)))
    });

    let text_tokens = text_tokens(tokens, &everything, body_offset, &paragraphs, &text);
    let id = ArticleId::of_content(&title, &raw.body);
    let analysis = Analysis {
        url: raw.url.clone(),
        site: raw.site.clone(),
        byline: raw.byline.clone().or(cleaned.byline),
        language,
        published,
        published_basis: basis,
        published_evidence: evidence,
        updated: raw.updated,
        paragraphs,
        removed: cleaned.removed,
        dates: date_mentions,
        diagnostics,
        // names, quotes and figures: the extraction's (`extract_with`)
        ..Analysis::new(id, raw.source.clone(), title, text)
    };
    (analysis, text_tokens)
}

/// The tokens of the cleaned text, from those of the page (`everything`: title, a line break,
/// then the body at `body_offset`): each kept paragraph is a slice of the body, so its tokens
/// are the page's, shifted. The tokeniser looks at nothing before a token's first character and
/// stops at white space, so this is what tokenising the text gives — checked: a paragraph whose
/// page tokens run over its edges, or that the page continues without white space, has the
/// text tokenised again.
fn text_tokens(
    page: Vec<token::Token>,
    everything: &str,
    body_offset: usize,
    paragraphs: &[Paragraph],
    text: &str,
) -> Vec<token::Token> {
    let mut out = Vec::with_capacity(page.len());
    let mut page = page.into_iter().peekable();
    for p in paragraphs {
        let from = body_offset + p.source_start;
        let to = from + (p.end - p.start);
        let ends_in_space = everything
            .get(to..)
            .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace));
        if !ends_in_space {
            return token::tokenize(text);
        }
        while page.next_if(|t| t.span.end <= from).is_some() {}
        while let Some(mut t) = page.next_if(|t| t.span.start < to) {
            if t.span.start < from || t.span.end > to {
                return token::tokenize(text);
            }
            t.span = Span::new(t.span.start - from + p.start, t.span.end - from + p.start);
            out.push(t);
        }
    }
    out
}

fn decide_language(
    title: &str,
    text: &str,
    known: Option<lang::LangGuess>,
    declared: Option<Lang>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Lang> {
    let detected = known.or_else(|| {
        if text.len() < 200 {
            lang::detect_language(&format!("{title}\n{text}"))
        } else {
            lang::detect_language(text)
        }
    });
    match (detected, declared) {
        (Some(guess), Some(declared)) if guess.lang != declared => {
            if guess.reliable {
                diagnostics.push(Diagnostic::new(
                    "lang",
                    format!("declared {declared}, the text reads as {}", guess.lang),
                ));
                Some(guess.lang)
            } else {
                Some(declared)
            }
        }
        (Some(guess), _) => {
            if !guess.reliable {
                diagnostics.push(Diagnostic::new(
                    "lang",
                    format!(
                        "{} is a low-confidence guess ({:.2})",
                        guess.lang, guess.confidence
                    ),
                ));
            }
            Some(guess.lang)
        }
        (None, Some(declared)) => Some(declared),
        (None, None) => {
            diagnostics.push(Diagnostic::new("lang", "language not recognised"));
            None
        }
    }
}

/// Where a dateline stands: the title and the first kept paragraphs (not a removed caption or
/// credit), the first bytes of each, in the coordinates of the whole page (`title\nbody`).
fn head_spans(title: &str, paragraphs: &[Paragraph], body_offset: usize) -> Vec<Span> {
    let title_span = Span::new(0, title.len().min(HEAD_BYTES_PER_LINE));
    let kept = paragraphs.iter().take(HEAD_LINES - 1).map(|p| {
        let start = body_offset + p.source_start;
        Span::new(start, start + (p.end - p.start).min(HEAD_BYTES_PER_LINE))
    });
    std::iter::once(title_span).chain(kept).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cleaned_text_has_the_tokens_tokenising_it_gives() {
        // the team's own pages: furniture and repeats removed, numbers at the edges of lines,
        // three scripts, a title repeated in the body, spaces and tabs around lines
        let pages = [
            ("Le port ferme", "Le port ferme\n© Agence / Photo du 3 mars 2021\nLe maire a annoncé lundi 8 mars 2021 la fermeture de 12.\n   Les travaux dureront jusqu'au 30 avril, a-t-il précisé.\t\nPartager sur Facebook\n0\n"),
            ("Пожар в порту", "Пожар уничтожил 3 склада в порту в среду, сообщил Амос Дравик.\n\nНикто не пострадал: 1,5 тыс. человек эвакуированы 12.03.2024\nЧитайте также: Наводнение в Генуе"),
            ("حريق في الميناء", "قال المحافظ إن الحريق دمر ٣ مستودعات يوم الأربعاء.\nوأضاف أن ١٢٠٠ شخص أُجلوا.\nشارك على فيسبوك"),
            ("", "no title, one line ending in a number 2024"),
        ];
        for (title, body) in pages {
            let raw = RawArticle {
                source: "t".into(),
                title: title.into(),
                body: body.into(),
                ..RawArticle::default()
            };
            let (analysis, tokens) = analyze_tokens(&raw);
            assert_eq!(tokens, token::tokenize(&analysis.text), "{title:?}");
            assert!(!tokens.is_empty());
        }
    }

    #[test]
    fn every_mention_points_at_its_words_in_the_cleaned_text() {
        let raw = RawArticle {
            source: "t".into(),
            title: "Le port ferme".into(),
            body: "Le port ferme\n© Agence / Photo du 3 mars 2021\nLe maire a annoncé lundi 8 mars 2021 la fermeture.\nLes travaux dureront jusqu'au 30 avril, a-t-il précisé hier.\n0\n".into(),
            ..RawArticle::default()
        };
        let analysis = analyze(&raw);
        assert!(analysis.dates.len() >= 3, "{:?}", analysis.dates);
        for mention in &analysis.dates {
            assert_eq!(&analysis.text[mention.start..mention.end], mention.text);
        }
        assert!(
            analysis.dates.iter().all(|d| d.text != "3 mars 2021"),
            "the removed credit's date is not a mention"
        );
        assert_eq!(
            analysis.published.map(|d| d.to_string()).as_deref(),
            Some("2021-03-08")
        );
        let hier = analysis
            .dates
            .iter()
            .find(|d| d.text == "hier")
            .map(|d| d.value.clone());
        assert_eq!(hier, Some(Some("2021-03-07".to_string())));
    }
}
