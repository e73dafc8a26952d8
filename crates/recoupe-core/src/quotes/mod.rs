//! Quotes: who said what. A quote is text between quotation marks that a reporting verb
//! ("a déclaré", "said", "sagte", "заявил", "قال") or a source marker ("selon", "according to",
//! "по словам", "بحسب") gives to a speaker, or a full quoted sentence that continues the
//! previous speaker's words.
//!
//! 1. **Marks.** « » ‹ › „ “ ” " 「 」 are paired with a stack. Which way a symmetric mark faces
//!    is read from its neighbours (a space before and a letter after opens); guillemets open and
//!    close by their shape. Mixed pairs (“ … ») are accepted: scraped pages mix them. A quote may
//!    run over a paragraph break, closed in the next paragraph or reopened at its start (the
//!    English convention for long quotes).
//! 2. **Attribution**, nearest first: the clause right after the closing mark (", a-t-il
//!    ajouté", ", said John Smith", "», témoignent des personnes"), then the clause before the
//!    opening mark in the same sentence ("Lavrov a déclaré : «", "وقال ملاحفجي \"", "Selon
//!    l'ONG, «"). The speaker is a name found by the entity stage, a role ("le porte-parole du
//!    ministère"), or a pronoun — or nothing, in languages that drop it ("dijo", "وأضاف").
//! 3. **Resolution.** A pronoun, or a verb without a subject, refers back to the latest person
//!    named or speaker quoted. A role refers to the person named earlier next to the same words
//!    ("le dirigeant de Fastakim" → the person introduced as "chef … du groupe Fastakim"), else
//!    to the latest speaker when it is definite ("le", "the").
//!
//! Quoted names and titles (« Amis de la Syrie », "l'Armée d'Alep") and scare quotes without a
//! reporting verb are not quotes.

use std::sync::OnceLock;

use serde::Serialize;

use crate::entities::{EntityKind, Mention};
use crate::languages::{self, word_set};
use crate::lexicon::WordMap;
use crate::model::{Lang, Span};
use crate::token::{Token, TokenKind};

mod attribution;
mod cues;
mod indirect;
mod marks;
mod resolve;

use attribution::*;
use cues::*;
use marks::*;
use resolve::*;

/// How a quote's speaker was found.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// A name next to a reporting verb.
    Name,
    /// A role ("le porte-parole du ministère"), resolved to a person named earlier when possible.
    Role,
    /// A pronoun ("a-t-il ajouté"), or a verb without a subject, resolved to the latest person.
    Pronoun,
    /// A quote with no verb of its own that goes on with the previous quote's words.
    Continuation,
    /// Nobody could be found.
    Unknown,
}

/// What kind of speech a quote reports.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// An utterance quoted whole: a sentence, or words set off from the reporting clause by
    /// a comma, a colon or a dash ("“We stay,” she said", "she said: « Nous restons »").
    #[default]
    Direct,
    /// Words quoted inside the reporter's own sentence ("called the plan “a disgrace”",
    /// "a qualifié l'accord de « piège »"): the speaker's words, in reported speech.
    Partial,
    /// What a speaker said in the reporter's words: the clause after a reporting verb ("said
    /// that the talks would resume") or by a source marker ("according to the ministry, …").
    Indirect,
}

/// One quote found in a text.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Quote {
    /// The speaker's entity id, when the speaker is a name found in the article (filled when
    /// entities are linked).
    pub speaker: Option<crate::model::EntityId>,
    /// How the text names the speaker here: a name, a role or a pronoun, as written.
    pub speaker_text: Option<String>,
    /// The speaker's fullest name in the article, when the role or pronoun was resolved.
    pub speaker_name: Option<String>,
    pub attribution: Attribution,
    #[serde(default)]
    pub kind: QuoteKind,
    /// The quoted words (inside the marks); `start`/`end` are their byte offsets. A quote that
    /// its attribution interrupts, or that goes on in the same paragraph ("“We stay,” she said.
    /// “We have nowhere else.”"), is one quote: its parts joined by " … ", `start` the first
    /// part's, `end` the last one's.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The quoted parts (byte spans, in text order) when there are more than one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Span>,
    /// The word that reports the speech (the verb, or "according", "selon"), for indirect
    /// speech.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
    /// Where `speaker_text` is, when it is in the text.
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    /// Where the speaker's mention is (its span in the text): linking may add mentions, so
    /// the mention is found again by its place, not by its index.
    #[serde(skip)]
    pub speaker_mention: Option<Span>,
}

struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    para: &'a [usize],
    mentions: &'a [Mention],
    /// token index → index of the mention that starts there
    mention_at: Vec<Option<usize>>,
    /// token index → index of the mention covering it
    mention_over: Vec<Option<usize>>,
    arabic: bool,
    /// within-article groups with a person's name among their mentions
    person_groups: Vec<usize>,
    /// the language writes articles (a role starts with one: "le porte-parole")
    articles: bool,
}

/// Token `i` ends a sentence: not the dot of an initial or of a shortened title (Mr. Gingrich).
fn is_sentence_end(ctx: &Ctx<'_>, i: usize) -> bool {
    let tok = &ctx.tokens[i];
    tok.kind == TokenKind::Punct
        && matches!(tok.norm.as_str(), "." | "!" | "?" | "؟" | "…" | ";")
        && !crate::entities::shortening_dot(ctx.text, ctx.tokens, i)
}

/// Finds the quotes of a text. `tokens` are its tokens, `paragraphs` its paragraph spans,
/// `mentions` the names found in it (in text order).
pub fn find_quotes(
    text: &str,
    tokens: &[Token],
    paragraphs: &[Span],
    lang: Option<Lang>,
    mentions: &[Mention],
) -> Vec<Quote> {
    let para = paragraph_of_tokens(tokens, paragraphs);
    let (mention_at, mention_over) = mentions_of_tokens(tokens, mentions);
    let ctx = Ctx {
        text,
        tokens,
        para: &para,
        mentions,
        mention_at,
        mention_over,
        person_groups: mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Person)
            .map(|m| m.group)
            .collect(),
        arabic: languages::of_or_none(lang).script.is_rtl(),
        articles: languages::of_or_none(lang).quotes.articles,
    };
    let pairs = pair_marks(text, tokens, &para, lang);
    let mut quotes: Vec<Quote> = Vec::new();
    // the marks of each quote: (opening, closing) token
    let mut marks: Vec<(usize, usize)> = Vec::new();
    // the latest speaker and where it was named, for pronouns and continuations
    let mut last_speaker: Option<(usize, Speaker)> = None;
    for (n, pair) in pairs.iter().enumerate() {
        let inner_tokens = &tokens[pair.open + 1..pair.close];
        let words = inner_tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count();
        if words == 0 {
            continue;
        }
        let start = tokens[pair.open].span.end;
        let end = tokens[pair.close].span.start;
        let inner = &text[start..end];
        let (start, end) = trim_span(inner, start);
        let prev_close = n.checked_sub(1).map(|m| pairs[m].close);
        let next_open = pairs.get(n + 1).map(|q| q.open);
        let found = attribution_after(&ctx, pair.close, next_open)
            .or_else(|| attribution_before(&ctx, pair.open, prev_close));
        // "le « Comité des usagers »": an article before the mark makes the quoted words a name
        let after_article = pair.open > 0
            && word_set!(quotes.definite).contains_key(tokens[pair.open - 1].norm.as_str());
        let name_like = after_article || looks_like_a_name(text, inner_tokens);
        let full_sentence = words >= 5 && starts_sentence(&text[start..end]);
        let speaker = match found {
            Some(s) => {
                // one word is a quote only when it is said: punctuated inside the marks and
                // its verb after it ("“Really,” she added"), not a scare-quoted word
                let said_alone = words == 1
                    && text[start..end].ends_with([',', '!', '?'])
                    && attribution_after(&ctx, pair.close, next_open).is_some();
                if name_like || (words < 2 && !said_alone) {
                    continue;
                }
                Some(s)
            }
            None => {
                // a quote with no verb of its own: the previous speaker goes on, if the quote
                // reads as sentences and follows the previous quote closely
                let close_enough = quotes.last().is_some_and(|q| {
                    let q_para = para[token_at(tokens, q.end).min(tokens.len() - 1)];
                    para[pair.open] <= q_para + 1
                });
                // "…" and that it remained "…": a partial quote in the sentence of the last one
                let same_sentence = quotes.last().is_some_and(|q| {
                    let from = token_at(tokens, q.end);
                    para[from.min(tokens.len() - 1)] == para[pair.open]
                        && !(from..pair.open).any(|k| is_sentence_end(&ctx, k))
                });
                let named_since = quotes.last().and_then(|q| named_since(&ctx, q, pair.open));
                if (full_sentence && close_enough || same_sentence) && !name_like {
                    match named_since {
                        Some(m) => Some(Speaker {
                            how: Attribution::Continuation,
                            ..Speaker::named(&ctx, m)
                        }),
                        None => last_speaker.clone().map(|(_, s)| Speaker {
                            how: Attribution::Continuation,
                            ..s
                        }),
                    }
                } else if full_sentence && words >= 8 && !name_like {
                    None
                } else {
                    continue;
                }
            }
        };
        let speaker = speaker.map(|s| resolve(&ctx, s, pair.open, last_speaker.as_ref()));
        if let Some(s) = &speaker {
            last_speaker = Some((pair.open, s.clone()));
        }
        let mut quote = quote_of(&ctx, text, Span::new(start, end), speaker.as_ref());
        if embedded(text, tokens, pair.open, &text[start..end]) {
            quote.kind = QuoteKind::Partial;
        }
        quotes.push(quote);
        marks.push((pair.open, pair.close));
    }
    let mut quotes = join_parts(&ctx, text, quotes, &marks);
    quotes.extend(indirect::find_indirect(&ctx, text, &pairs));
    quotes.sort_by_key(|q| q.start);
    quotes
}

/// The person named since the quote `q` (in a sentence after its own) and before the opening
/// mark at token `open`, with a name of two words or more: who speaks the next quote with no verb
/// of its own ("…, erklärte er. Martin Behrens: „…“"). In a sentence after the last quote's own
/// ("”, Lott told lawmakers on Capitol Hill. “…”": Capitol Hill is not named as a speaker), unless
/// the quote ended its sentence („…fahren.“ Martin Behrens sagte).
fn named_since(ctx: &Ctx<'_>, q: &Quote, open: usize) -> Option<usize> {
    let (text, tokens) = (ctx.text, ctx.tokens);
    let open_at = tokens[open].span.start;
    let after_quote = token_at(tokens, q.end);
    let closes_sentence = text[..q.end].ends_with(['.', '!', '?', '…', '؟']);
    let sentence_end = (after_quote..open)
        .take_while(|k| ctx.para[*k] == ctx.para[after_quote.min(open)])
        .find(|k| is_sentence_end(ctx, *k))
        .filter(|_| !closes_sentence)
        .map_or(q.end, |k| tokens[k].span.end);
    let since = q.speaker_end.unwrap_or(q.end).max(q.end).max(sentence_end);
    latest_person(ctx, open_at, 0).filter(|m| {
        ctx.mentions[*m].start > since
            && ctx.mentions[*m].kind == EntityKind::Person
            && ctx.mentions[*m].text.contains(' ')
    })
}

/// One speaker's quoted parts in one paragraph made one quote: the parts of a quote its
/// attribution interrupts ("“We stay,” she said, “and we rebuild.”"), several quoted phrases
/// of one sentence ("called it “a hoax” and “a disgrace”"), a quoted sentence that goes on with
/// no verb of its own ("“Okay,” I said. “I was seventeen.”"). A quote going on in the next
/// paragraph is left apart: measured on PolNeAR, joining it cost more found quotes than it
/// saved second parts. Annotated attributions count
/// such a statement once; listed apart, its later parts read as quotes of their own.
fn join_parts(
    ctx: &Ctx<'_>,
    text: &str,
    quotes: Vec<Quote>,
    marks: &[(usize, usize)],
) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::with_capacity(quotes.len());
    // the closing mark of the last quote in `out`
    let mut last_close: Option<usize> = None;
    for (q, &(open, close)) in quotes.into_iter().zip(marks) {
        let joins = match (out.last(), last_close) {
            (Some(prev), Some(prev_close)) if ctx.para[prev_close] == ctx.para[open] => {
                let same_sentence = !(prev_close + 1..open).any(|k| is_sentence_end(ctx, k));
                let same_speaker = match (&prev.speaker_name, &q.speaker_name) {
                    (Some(a), Some(b)) => a == b,
                    _ => prev.speaker_text.is_some() && prev.speaker_text == q.speaker_text,
                };
                let unattributed = |x: &Quote| x.attribution == Attribution::Unknown;
                match q.attribution {
                    Attribution::Continuation => same_speaker,
                    _ if same_sentence => same_speaker || unattributed(&q) || unattributed(prev),
                    _ => false,
                }
            }
            _ => false,
        };
        last_close = Some(close);
        let Some(prev) = out.last_mut().filter(|_| joins) else {
            out.push(q);
            continue;
        };
        if prev.parts.is_empty() {
            prev.parts.push(Span::new(prev.start, prev.end));
        }
        prev.parts.push(Span::new(q.start, q.end));
        if q.kind == QuoteKind::Direct {
            prev.kind = QuoteKind::Direct;
        }
        prev.end = q.end;
        prev.text = prev
            .parts
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect::<Vec<_>>()
            .join(" … ");
        if prev.attribution == Attribution::Unknown && q.attribution != Attribution::Unknown {
            let keep = (
                prev.start,
                prev.end,
                std::mem::take(&mut prev.parts),
                std::mem::take(&mut prev.text),
            );
            *prev = Quote {
                start: keep.0,
                end: keep.1,
                parts: keep.2,
                text: keep.3,
                ..q
            };
        }
    }
    out
}

/// The paragraph of each token (paragraphs in order, as spans of the text).
fn paragraph_of_tokens(tokens: &[Token], paragraphs: &[Span]) -> Vec<usize> {
    let mut para = Vec::with_capacity(tokens.len());
    let mut p = 0;
    for tok in tokens {
        while p + 1 < paragraphs.len() && tok.span.start >= paragraphs[p].end {
            p += 1;
        }
        para.push(p);
    }
    para
}

/// For each token, the mention starting at it and the mention covering it.
#[allow(clippy::type_complexity)]
fn mentions_of_tokens(
    tokens: &[Token],
    mentions: &[Mention],
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut mention_at = vec![None; tokens.len()];
    let mut mention_over = vec![None; tokens.len()];
    let mut k = 0;
    for (i, tok) in tokens.iter().enumerate() {
        while k < mentions.len() && mentions[k].end <= tok.span.start {
            k += 1;
        }
        // mentions may not be sorted strictly; look at a few around k
        for (m_index, m) in mentions
            .iter()
            .enumerate()
            .skip(k.saturating_sub(2))
            .take(5)
        {
            if m.start <= tok.span.start && tok.span.end <= m.end {
                mention_over[i] = Some(m_index);
                if m.start == tok.span.start {
                    mention_at[i] = Some(m_index);
                }
                break;
            }
        }
    }
    (mention_at, mention_over)
}

/// The quote of `span` with its speaker, if one was found.
fn quote_of(ctx: &Ctx<'_>, text: &str, span: Span, speaker: Option<&Speaker>) -> Quote {
    let (start, end) = (span.start, span.end);
    match speaker {
        Some(s) => Quote {
            speaker: None,
            speaker_text: s.text.map(|sp| text[sp.start..sp.end].to_string()),
            speaker_name: s.name.clone(),
            attribution: s.how,
            text: text[start..end].to_string(),
            start,
            end,
            parts: Vec::new(),
            cue: None,
            speaker_start: s.text.map(|sp| sp.start),
            speaker_end: s.text.map(|sp| sp.end),
            kind: QuoteKind::Direct,
            speaker_mention: s
                .mention
                .map(|m| Span::new(ctx.mentions[m].start, ctx.mentions[m].end)),
        },
        None => Quote {
            speaker: None,
            speaker_text: None,
            speaker_name: None,
            attribution: Attribution::Unknown,
            text: text[start..end].to_string(),
            start,
            end,
            parts: Vec::new(),
            cue: None,
            speaker_start: None,
            speaker_end: None,
            kind: QuoteKind::Direct,
            speaker_mention: None,
        },
    }
}

/// Quoted words inside the reporter's sentence: a phrase (fewer than eight words) that opens
/// in lowercase right after a word ("called it “a disgrace”"), not after a colon, comma or
/// dash, nor at a paragraph's start. A longer one is a statement quoted whole ("he said he
/// would “fight for every worker in this state, whatever it costs”").
fn embedded(text: &str, tokens: &[Token], open: usize, inner: &str) -> bool {
    let Some(first) = inner.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    if !first.is_lowercase() || inner.split_whitespace().count() >= 8 {
        return false;
    }
    // the opening mark's first token (a doubled mark is two)
    let mut k = open;
    while k > 0
        && tokens[k - 1].span.end == tokens[k].span.start
        && tokens[k - 1].kind == TokenKind::Punct
    {
        k -= 1;
    }
    let before = text[..tokens[k].span.start].trim_end_matches([' ', '\u{a0}']);
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

fn trim_span(inner: &str, offset: usize) -> (usize, usize) {
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    (offset + lead, offset + lead + trimmed.len())
}

fn token_at(tokens: &[Token], byte: usize) -> usize {
    tokens.partition_point(|t| t.span.end <= byte)
}

fn starts_sentence(s: &str) -> bool {
    let Some(c) = s.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    c.is_uppercase() || !(c.is_lowercase())
}

/// « Amis de la Syrie », "l'Armée d'Alep", “Join”: every content word capitalised, few words.
fn looks_like_a_name(text: &str, inner: &[Token]) -> bool {
    let words: Vec<&Token> = inner.iter().filter(|t| t.kind == TokenKind::Word).collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let mut content = 0;
    for w in &words {
        let s = &text[w.span.start..w.span.end];
        let first = s.chars().next().unwrap_or(' ');
        if !first.is_lowercase() && !first.is_uppercase() {
            return false; // uncased script: cannot tell
        }
        if crate::lang::is_function_word(&w.norm) || w.norm.chars().count() <= 2 {
            continue;
        }
        content += 1;
        if first.is_lowercase() {
            return false;
        }
    }
    content > 0
}

#[cfg(test)]
mod tests;
