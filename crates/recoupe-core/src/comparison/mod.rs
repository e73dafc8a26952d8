//! What each source of a story says, side by side: the figures about the same thing, the words
//! each uses for the same actors, and the quotes that appear in several articles.
//!
//! Figures are grouped by what they count (a concept: people, the dead, the wounded, fighters,
//! soldiers, the displaced) and what happened to them (an event read near the figure: left,
//! killed, wounded, surrendered, arrested), both from small per-language lexicons of stems. The
//! framing table finds group-referring noun phrases ("rebelles", "groupes armés", "مقاتلي
//! المعارضة") from a lexicon per language, each with the side it usually names and its tone.
//! Quotes are matched within a language by their words and across languages by their speaker
//! and the aligned paragraphs of a translation (or shared names, numbers and cognates).

use crate::maps::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::figures::{Bound, Figure, FigureKind};
use crate::model::{ArticleId, EntityId, Lang};
use crate::pipeline::Analysis;
use crate::similarity::{mention_key, Key};
use crate::token::{normalize, tokenize, Token, TokenKind};
use crate::versions::Link;

mod figures;
mod framing;
mod quotes;

use figures::*;
use framing::*;
use quotes::*;

/// The side-by-side view of one story.
#[derive(Clone, Debug, Default, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    pub figures: Vec<FigureGroup>,
    pub framing: Vec<Framing>,
    pub quotes: Vec<SharedQuote>,
}

/// Figures about the same thing, from several articles.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct FigureGroup {
    /// What is counted, in English ("people", "dead", "fighters").
    pub counts: &'static str,
    /// What happened to them, when the text says ("left", "killed"), in English.
    pub event: Option<&'static str>,
    /// The articles do not give the same value.
    pub disagree: bool,
    pub figures: Vec<SourcedFigure>,
}

/// One figure of a group, with its article.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct SourcedFigure {
    pub article: ArticleId,
    pub value: f64,
    pub bound: Bound,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A side of an armed conflict that framing words name.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Serialize, schemars::JsonSchema)]
pub enum Side {
    #[serde(rename = "armed opposition")]
    ArmedOpposition,
    #[serde(rename = "government side")]
    Government,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::ArmedOpposition => "armed opposition",
            Side::Government => "government side",
        }
    }
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a word for a side is usually read, weakest first.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Neutral,
    Sympathetic,
    Pejorative,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Sympathetic => "sympathetic",
            Tone::Pejorative => "pejorative",
        }
    }
}

impl std::fmt::Display for Tone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How each article names one side.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Framing {
    /// The side named ("armed opposition", "government side" in JSON).
    pub actor: Side,
    pub by_article: Vec<ArticleTerms>,
}

/// The words one article uses for one side.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct ArticleTerms {
    pub article: ArticleId,
    pub terms: Vec<Term>,
}

/// A group-referring phrase as written, how often, and its usual tone.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Term {
    pub text: String,
    pub count: usize,
    /// How the word is usually read ("neutral", "pejorative" or "sympathetic" in JSON).
    pub tone: Tone,
    /// Offsets of the first occurrence in the cleaned text.
    pub start: usize,
    pub end: usize,
}

/// A quote found in several articles.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct SharedQuote {
    pub speaker: Option<String>,
    pub versions: Vec<QuoteVersion>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct QuoteVersion {
    pub article: ArticleId,
    pub language: Option<Lang>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Builds the comparison of one story's articles. `keys` maps linked entity ids to one key per
/// entity (see [`crate::similarity::entity_keys`]); `links` are the story's version links.
pub fn compare_story(
    articles: &[&Analysis],
    keys: &HashMap<EntityId, Key>,
    links: &[&Link],
) -> Comparison {
    // what the extraction read of each article's tokens; read here only for an analysis that
    // was not extracted through the pipeline
    let readings: Vec<std::borrow::Cow<'_, Readings>> = articles
        .iter()
        .map(|a| {
            if a.readings.read && a.readings.events.len() == a.figures.len() {
                std::borrow::Cow::Borrowed(&a.readings)
            } else {
                std::borrow::Cow::Owned(read_article(&a.text, &tokenize(&a.text), &a.figures))
            }
        })
        .collect();
    Comparison {
        figures: figure_groups(articles, &readings),
        framing: framing(articles, &readings),
        quotes: shared_quotes(articles, keys, links),
    }
}

/// What a story's comparison reads of one article's tokens: its framing phrases and the event
/// near each figure. Read by the extraction stage while the tokens are at hand
/// ([`read_article`]), so that comparing a story tokenises no article again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readings {
    /// Filled by [`read_article`] (an analysis made otherwise is read when compared).
    pub read: bool,
    /// Group-referring phrases: text, side, tone, start, end.
    pub(crate) phrases: Vec<(String, Side, Tone, usize, usize)>,
    /// The event near each figure of a counted concept ("killed", "left"), in the order of the
    /// article's figures (none for the others).
    pub(crate) events: Vec<Option<&'static str>>,
}

/// Reads the framing phrases of an article's text and the event near each of its figures.
pub fn read_article(text: &str, tokens: &[Token], figures: &[Figure]) -> Readings {
    Readings {
        read: true,
        phrases: phrases(text, tokens),
        // only a figure of a counted concept is grouped, and so needs its event
        events: figures
            .iter()
            .map(|f| concept_of(f).and_then(|_| event_of(f, tokens)))
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Figures

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases_of(text: &str) -> Vec<(String, Side, Tone, usize, usize)> {
        phrases(text, &tokenize(text))
    }

    #[test]
    fn phrases_name_sides_with_their_tone() {
        let found = phrases_of(
            "Les groupes armés et les terroristes ont attaqué, selon les forces gouvernementales.",
        );
        let texts: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            texts,
            ["groupes armés", "terroristes", "forces gouvernementales"]
        );
        assert_eq!(found[1].2, Tone::Pejorative);
        assert_eq!(found[2].1, Side::Government);
        let ar = phrases_of("وقال مقاتلو المعارضة إن مقاتلي المعارضة صامدون");
        assert!(
            ar.iter()
                .any(|p| p.0 == "مقاتلي المعارضة" && p.1 == Side::ArmedOpposition),
            "{ar:?}"
        );
        // a head alone names no one
        assert!(phrases_of("Les forces de l'ordre sont arrivées.").is_empty());
    }
}
