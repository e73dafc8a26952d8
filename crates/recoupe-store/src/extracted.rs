//! What the extraction found in an article — its names, figures and quotes — as the article's
//! row keeps it (the `extracted` field of the `analysis` column, docs/store.md): spans into the
//! stored cleaned text, and only what the text cannot give again (a name's text is its span,
//! unless the extraction wrote it otherwise). Reading a row gives the findings of the ingest
//! that wrote it: nothing is extracted again, and the entity tables, linked from the same
//! mentions at ingest, agree with them.
//!
//! A row comes from a file anyone may have edited: a finding whose span is not in the text is
//! dropped, never the row.

use recoupe_core::entities::{EntityKind, Mention};
use recoupe_core::figures::{Bound, Figure, FigureKind};
use recoupe_core::quotes::{Attribution, Quote, QuoteKind};
use recoupe_core::{Analysis, Span};
use serde::{Deserialize, Serialize};

/// The names, figures and quotes of one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Extracted {
    #[serde(default)]
    m: Vec<StoredMention>,
    #[serde(default)]
    f: Vec<StoredFigure>,
    #[serde(default)]
    q: Vec<StoredQuote>,
    /// the names of the title (spans into the title)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tm: Vec<StoredMention>,
}

/// A name: start, end, kind, within-article group, gazetteer place, and its text when it is not
/// the span's (written as an array: an article has tens of them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
struct StoredMention(
    usize,
    usize,
    EntityKind,
    usize,
    Option<String>,
    #[serde(default)] Option<String>,
);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
struct StoredFigure {
    /// value
    v: f64,
    s: usize,
    e: usize,
    k: FigureKind,
    b: Bound,
    /// what is counted, as written
    #[serde(default, skip_serializing_if = "Option::is_none")]
    c: Option<String>,
    /// the qualifier, as written
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    /// unit or currency
    #[serde(default, skip_serializing_if = "Option::is_none")]
    u: Option<String>,
    /// the expression, when it is not the span's text
    #[serde(default, skip_serializing_if = "Option::is_none")]
    t: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
struct StoredQuote {
    s: usize,
    e: usize,
    a: Attribution,
    /// the quoted words, when they are not the span's text
    #[serde(default, skip_serializing_if = "Option::is_none")]
    t: Option<String>,
    /// how the text names the speaker, and where
    #[serde(default, skip_serializing_if = "Option::is_none")]
    st: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ss: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    se: Option<usize>,
    /// the speaker's fullest name in the article
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sn: Option<String>,
    /// the speaker's mention (its span)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sm: Option<(usize, usize)>,
    /// the quoted parts, when the quote has more than one
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    p: Vec<(usize, usize)>,
    /// partial: words quoted inside the reporter's sentence; indirect: reported speech
    #[serde(default, skip_serializing_if = "is_direct")]
    k: QuoteKind,
    /// the word that reports indirect speech
    #[serde(default, skip_serializing_if = "Option::is_none")]
    c: Option<(usize, usize)>,
}

fn is_direct(kind: &QuoteKind) -> bool {
    *kind == QuoteKind::Direct
}

/// `Some(text)` unless it is what `span` covers in `body`.
fn unless_span(body: &str, start: usize, end: usize, text: &str) -> Option<String> {
    (body.get(start..end) != Some(text)).then(|| text.to_string())
}

/// The text of a stored finding: its own, else its span's (`None` when the span is not in the
/// text).
fn text_of(body: &str, start: usize, end: usize, own: Option<String>) -> Option<String> {
    if start > end {
        return None;
    }
    let span = body.get(start..end)?;
    Some(own.unwrap_or_else(|| span.to_string()))
}

/// What a row keeps of the names found in `text`.
fn stored_mentions(text: &str, mentions: &[Mention]) -> Vec<StoredMention> {
    mentions
        .iter()
        .map(|m| {
            StoredMention(
                m.start,
                m.end,
                m.kind,
                m.group,
                m.place.clone(),
                unless_span(text, m.start, m.end, &m.text),
            )
        })
        .collect()
}

/// The names a row keeps, back as mentions of `text`.
fn mentions_of(text: &str, stored: Vec<StoredMention>) -> Vec<Mention> {
    stored
        .into_iter()
        .filter_map(|StoredMention(start, end, kind, group, place, own)| {
            Some(Mention {
                entity: None,
                text: text_of(text, start, end, own)?,
                start,
                end,
                kind,
                group,
                place,
            })
        })
        .collect()
}

impl Extracted {
    /// What a row keeps of an analysis's findings.
    pub fn of(analysis: &Analysis) -> Extracted {
        let body = analysis.text.as_str();
        Extracted {
            m: stored_mentions(body, &analysis.entities),
            tm: stored_mentions(&analysis.title, &analysis.title_entities),
            f: analysis
                .figures
                .iter()
                .map(|f| StoredFigure {
                    v: f.value,
                    s: f.start,
                    e: f.end,
                    k: f.kind,
                    b: f.bound,
                    c: f.counts.clone(),
                    q: f.qualifier.clone(),
                    u: f.unit.clone(),
                    t: unless_span(body, f.start, f.end, &f.text),
                })
                .collect(),
            q: analysis
                .quotes
                .iter()
                .chain(&analysis.reported_speech)
                .map(|q| StoredQuote {
                    s: q.start,
                    e: q.end,
                    a: q.attribution,
                    t: unless_span(body, q.start, q.end, &q.text),
                    st: match (&q.speaker_text, q.speaker_start, q.speaker_end) {
                        (Some(text), Some(s), Some(e)) => unless_span(body, s, e, text),
                        (text, _, _) => text.clone(),
                    },
                    ss: q.speaker_start,
                    se: q.speaker_end,
                    sn: q.speaker_name.clone(),
                    sm: q.speaker_mention.map(|s| (s.start, s.end)),
                    p: q.parts.iter().map(|p| (p.start, p.end)).collect(),
                    k: q.kind,
                    c: q.cue.map(|c| (c.start, c.end)),
                })
                .collect(),
        }
    }

    /// Puts the findings back into an analysis whose text is the stored one. Entity ids are
    /// not kept here (the entity tables link them).
    pub fn fill(self, analysis: &mut Analysis) {
        let body = analysis.text.as_str();
        analysis.entities = mentions_of(body, self.m);
        analysis.title_entities = mentions_of(&analysis.title, self.tm);
        analysis.figures = self
            .f
            .into_iter()
            .filter_map(|f| {
                Some(Figure {
                    value: f.v,
                    counts: f.c,
                    qualifier: f.q,
                    bound: f.b,
                    kind: f.k,
                    unit: f.u,
                    text: text_of(body, f.s, f.e, f.t)?,
                    start: f.s,
                    end: f.e,
                })
            })
            .collect();
        let all: Vec<Quote> = self
            .q
            .into_iter()
            .filter_map(|q| {
                let speaker_text = match (q.ss, q.se) {
                    (Some(s), Some(e)) => Some(text_of(body, s, e, q.st)?),
                    _ => q.st,
                };
                // every part must be a span of the text, or the quote is not this text's
                let parts = q
                    .p
                    .iter()
                    .map(|&(s, e)| (s <= e && body.get(s..e).is_some()).then(|| Span::new(s, e)))
                    .collect::<Option<Vec<Span>>>()?;
                Some(Quote {
                    speaker: None,
                    speaker_text,
                    speaker_name: q.sn,
                    attribution: q.a,
                    text: text_of(body, q.s, q.e, q.t)?,
                    start: q.s,
                    end: q.e,
                    parts,
                    kind: q.k,
                    cue: q
                        .c
                        .filter(|(s, e)| s <= e && body.get(*s..*e).is_some())
                        .map(|(s, e)| Span::new(s, e)),
                    speaker_start: q.ss,
                    speaker_end: q.se,
                    speaker_mention: q
                        .sm
                        .filter(|(s, e)| s <= e && body.get(*s..*e).is_some())
                        .map(|(s, e)| Span::new(s, e)),
                })
            })
            .collect();
        (analysis.quotes, analysis.reported_speech) =
            all.into_iter().partition(|q| q.kind == QuoteKind::Direct);
    }
}
