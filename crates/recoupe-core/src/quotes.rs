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

/// How a quote's speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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

/// One quote found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    /// The speaker's entity id, when the speaker is a name found in the article (filled when
    /// entities are linked).
    pub speaker: Option<crate::model::EntityId>,
    /// How the text names the speaker here: a name, a role or a pronoun, as written.
    pub speaker_text: Option<String>,
    /// The speaker's fullest name in the article, when the role or pronoun was resolved.
    pub speaker_name: Option<String>,
    pub attribution: Attribution,
    /// The quoted words (inside the marks); `start`/`end` are their byte offsets.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Where `speaker_text` is, when it is in the text.
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    /// Where the speaker's mention is (its span in the text): linking may add mentions, so
    /// the mention is found again by its place, not by its index.
    #[serde(skip)]
    pub speaker_mention: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// a reporting verb
    Verb,
    /// "selon", "according", "laut", "по словам", "بحسب": the source follows
    Source,
    /// "zufolge": the source comes before
    SourceBefore,
    Pronoun,
    /// an auxiliary or adverb that may stand between a quote and its verb
    Skip,
    /// a determiner that opens a role ("le porte-parole")
    Determiner,
    /// a word that ends a role phrase ("qui", "dans", "lors")
    RoleEnd,
}

fn cues() -> &'static WordMap<Cue> {
    static CUES: OnceLock<WordMap<Cue>> = OnceLock::new();
    static GENERATED: OnceLock<Vec<String>> = OnceLock::new();
    let generated = GENERATED.get_or_init(|| {
        let mut words = Vec::new();
        for language in languages::ALL {
            for stem in language.quotes.verb_stems {
                for ending in language.quotes.verb_endings {
                    words.push(format!("{stem}{ending}"));
                }
            }
        }
        words
    });
    CUES.get_or_init(|| {
        let mut map: WordMap<Cue> = WordMap::default();
        for w in languages::all(|l| l.quotes.role_ends) {
            map.insert(w, Cue::RoleEnd);
        }
        for w in languages::all(|l| l.quotes.determiners) {
            map.insert(w, Cue::Determiner);
        }
        for w in languages::all(|l| l.quotes.skips) {
            map.insert(w, Cue::Skip);
        }
        for w in languages::all(|l| l.quotes.pronouns) {
            map.insert(w, Cue::Pronoun);
        }
        for w in generated {
            map.insert(w.as_str(), Cue::Verb);
        }
        for w in languages::all(|l| l.quotes.verbs) {
            map.insert(w, Cue::Verb);
        }
        for w in languages::all(|l| l.quotes.sources) {
            map.insert(w, Cue::Source);
        }
        map.insert("zufolge", Cue::SourceBefore);
        // "a" is a French auxiliary and an English determiner; "il" a pronoun and an Italian
        // article: the pronoun and the auxiliary readings win next to a verb
        map.insert("a", Cue::Skip);
        map.insert("il", Cue::Pronoun);
        map
    })
}

fn cue_of(norm: &str) -> Option<Cue> {
    let map = cues();
    if let Some(c) = map.get(norm) {
        return Some(*c);
    }
    // Arabic proclitics: وقال، فقال، وأضاف
    let mut chars = norm.chars();
    if let Some('و' | 'ف') = chars.next() {
        let rest = chars.as_str();
        if rest.chars().count() >= 3 {
            if let Some(c @ (Cue::Verb | Cue::Source)) = map.get(rest) {
                return Some(*c);
            }
        }
    }
    None
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Face {
    Open,
    Close,
    /// a straight " whose direction the neighbours do not tell
    Either,
}

fn mark_face(text: &str, tok: &Token, lang: Option<Lang>) -> Option<Face> {
    let c = text[tok.span.start..tok.span.end].chars().next()?;
    let before = text[..tok.span.start].chars().next_back();
    let after = text[tok.span.end..].chars().next();
    let spacey_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/:".contains(b));
    let spacey_after =
        after.is_none_or(|a| a.is_whitespace() || ",.;:!?)]}…".contains(a) || is_mark(a));
    let by_context = match (spacey_before, spacey_after) {
        (true, false) => Some(Face::Open),
        (false, true) => Some(Face::Close),
        _ => None,
    };
    let low_opens = languages::of_or_none(lang).quotes.low_opening_quotes;
    Some(match c {
        '«' | '‹' | '„' | '「' | '『' => Face::Open,
        '»' | '›' | '」' | '』' => Face::Close,
        '“' => by_context.unwrap_or(if low_opens { Face::Close } else { Face::Open }),
        '”' => by_context.unwrap_or(Face::Close),
        '"' => by_context.unwrap_or(Face::Either),
        _ => return None,
    })
}

fn is_mark(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '‹' | '›' | '„' | '“' | '”' | '"' | '「' | '」' | '『' | '』'
    )
}

/// A pair of marks: token indices of the opening and closing mark.
#[derive(Clone, Copy, Debug)]
struct Pair {
    open: usize,
    close: usize,
}

/// Pairs the quotation marks of a text. `paragraph_of` gives each token's paragraph.
fn pair_marks(text: &str, tokens: &[Token], para: &[usize], lang: Option<Lang>) -> Vec<Pair> {
    let mut pairs = Vec::new();
    // open marks: (token index, paragraph where it opened, was straight)
    let mut stack: Vec<(usize, usize, bool)> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        if tok.kind != TokenKind::Punct {
            continue;
        }
        let Some(face) = mark_face(text, tok, lang) else {
            continue;
        };
        let straight = tok.norm == "\"";
        // a quote left open more than one paragraph back was never closed
        stack.retain(|(_, p, _)| para[i] <= p + 1);
        let face = match face {
            Face::Either => {
                if stack.last().is_some_and(|(_, _, s)| *s) {
                    Face::Close
                } else {
                    Face::Open
                }
            }
            f => f,
        };
        match face {
            Face::Open => {
                // a paragraph that opens with a mark while the quote is still open continues it
                let starts_paragraph = i == 0 || para[i - 1] != para[i];
                if starts_paragraph && stack.len() == 1 && para[stack[0].0] < para[i] {
                    stack[0].1 = para[i];
                    continue;
                }
                if stack.len() < 4 {
                    stack.push((i, para[i], straight));
                }
            }
            Face::Close | Face::Either => {
                if let Some((open, _, _)) = stack.pop() {
                    // only the outermost quotes are reported; nested ones are part of them
                    if stack.is_empty() {
                        pairs.push(Pair { open, close: i });
                    }
                }
            }
        }
    }
    pairs
}

struct Ctx<'a> {
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

fn is_sentence_end(tok: &Token) -> bool {
    tok.kind == TokenKind::Punct && matches!(tok.norm.as_str(), "." | "!" | "?" | "؟" | "…" | ";")
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
    let mut para = Vec::with_capacity(tokens.len());
    let mut p = 0;
    for tok in tokens {
        while p + 1 < paragraphs.len() && tok.span.start >= paragraphs[p].end {
            p += 1;
        }
        para.push(p);
    }
    let mut mention_at = vec![None; tokens.len()];
    let mut mention_over = vec![None; tokens.len()];
    {
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
    }
    let ctx = Ctx {
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
                if name_like || words < 2 {
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
                        && !tokens[from..pair.open].iter().any(is_sentence_end)
                });
                let open_at = tokens[pair.open].span.start;
                // someone named since the last quote speaks now ("…, erklärte er. „…“")
                let named_since = quotes.last().and_then(|q| {
                    let since = q.speaker_end.unwrap_or(q.end).max(q.end);
                    latest_person(&ctx, open_at, 0).filter(|m| {
                        ctx.mentions[*m].start > since
                            && ctx.mentions[*m].kind == EntityKind::Person
                            && ctx.mentions[*m].text.contains(' ')
                    })
                });
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
        let quote = match &speaker {
            Some(s) => {
                last_speaker = Some((pair.open, s.clone()));
                Quote {
                    speaker: None,
                    speaker_text: s.text.map(|sp| text[sp.start..sp.end].to_string()),
                    speaker_name: s.name.clone(),
                    attribution: s.how,
                    text: text[start..end].to_string(),
                    start,
                    end,
                    speaker_start: s.text.map(|sp| sp.start),
                    speaker_end: s.text.map(|sp| sp.end),
                    speaker_mention: s
                        .mention
                        .map(|m| Span::new(ctx.mentions[m].start, ctx.mentions[m].end)),
                }
            }
            None => Quote {
                speaker: None,
                speaker_text: None,
                speaker_name: None,
                attribution: Attribution::Unknown,
                text: text[start..end].to_string(),
                start,
                end,
                speaker_start: None,
                speaker_end: None,
                speaker_mention: None,
            },
        };
        quotes.push(quote);
    }
    quotes
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

/// Who a quote is given to, before resolution.
#[derive(Clone, Debug)]
struct Speaker {
    how: Attribution,
    /// the words that name the speaker here
    text: Option<Span>,
    /// the mention of the speaker (a name, or the person a role/pronoun resolved to)
    mention: Option<usize>,
    /// the speaker's fullest name in the article
    name: Option<String>,
    /// content words of a role, for resolution
    definite: bool,
}

impl Speaker {
    fn named(ctx: &Ctx<'_>, m: usize) -> Speaker {
        let mention = &ctx.mentions[m];
        Speaker {
            how: Attribution::Name,
            text: Some(Span::new(mention.start, mention.end)),
            mention: Some(m),
            name: None,
            definite: true,
        }
    }
}

/// The clause after a closing mark: ", a-t-il ajouté", ", said John Smith", "», écrit le
/// journal", " (…), selon un communiqué".
fn attribution_after(ctx: &Ctx<'_>, close: usize, next_open: Option<usize>) -> Option<Speaker> {
    let tokens = ctx.tokens;
    let limit = next_open.unwrap_or(tokens.len()).min(close + 30);
    let mut end = close + 1;
    while end < limit && !is_sentence_end(&tokens[end]) && ctx.para[end] == ctx.para[close] {
        end += 1;
    }
    // the verb must come early: within six words of the mark
    let mut words = 0;
    let mut k = close + 1;
    while k < end && words <= 6 {
        let tok = &tokens[k];
        if tok.kind == TokenKind::Punct {
            if tok.norm == "(" {
                // skip a bracket: "» (nord-ouest), selon"
                while k < end && tokens[k].norm != ")" {
                    k += 1;
                }
            }
            k += 1;
            continue;
        }
        words += 1;
        match cue_of(&tok.norm) {
            Some(Cue::Verb) => {
                // "…», poursuivant que la Russie…", "…\"، مشيرا إلى…": the verb opens new
                // speech; "… y pidió a la población": a new clause. Neither gives the quote.
                let opens_speech = (k + 1..end.min(k + 3))
                    .any(|c| is_complementizer(&tokens[c].norm) || tokens[c].norm == "الي");
                let new_clause = (close + 1..k).any(|c| {
                    matches!(
                        tokens[c].norm.as_str(),
                        "et" | "and" | "und" | "y" | "e" | "и" | "mais" | "but"
                    )
                });
                if opens_speech || new_clause {
                    return None;
                }
                return Some(speaker_around_verb(ctx, close + 1, k, end, true));
            }
            Some(Cue::Source) => {
                // "selon X", "according to X", "d'après X", "по словам X"
                return Some(speaker_after(ctx, k + 1, end).unwrap_or(Speaker {
                    how: Attribution::Pronoun,
                    text: None,
                    mention: None,
                    name: None,
                    definite: true,
                }));
            }
            _ => {}
        }
        // "d'après lui", "d'après l'ONG"
        if tok.norm == "apres"
            && k > 0
            && tokens[k - 1].norm == "'"
            && k > 1
            && tokens[k - 2].norm == "d"
        {
            return speaker_after(ctx, k + 1, end);
        }
        // "John Smith said": a name may stand before the verb
        if let Some(m) = ctx.mention_at[k] {
            let m_end = ctx.mentions[m].end;
            while k + 1 < end && tokens[k + 1].span.end <= m_end {
                k += 1;
            }
        }
        k += 1;
    }
    None
}

/// The clause before an opening mark, in the same sentence: "Lavrov a déclaré : «", "وقال
/// ملاحفجي \"", "Selon l'ONG, «", "il a dit que la Russie était prête « à…".
fn attribution_before(ctx: &Ctx<'_>, open: usize, prev_close: Option<usize>) -> Option<Speaker> {
    let tokens = ctx.tokens;
    let floor = prev_close.map_or(0, |c| c + 1);
    let mut start = open;
    while start > floor
        && !is_sentence_end(&tokens[start - 1])
        && ctx.para[start - 1] == ctx.para[open]
        && open - start < 60
    {
        start -= 1;
    }
    // the verb nearest the quote
    let mut k = open;
    while k > start {
        k -= 1;
        match cue_of(&tokens[k].norm) {
            Some(Cue::Verb) if tokens[k].kind == TokenKind::Word && !passive(tokens, k) => {
                return Some(speaker_around_verb(ctx, start, k, open, false));
            }
            Some(Cue::Source) => {
                return speaker_after(ctx, k + 1, open).or(Some(Speaker {
                    how: Attribution::Unknown,
                    text: None,
                    mention: None,
                    name: None,
                    definite: false,
                }));
            }
            Some(Cue::SourceBefore) => return speaker_before(ctx, start, k),
            _ => {}
        }
        if tokens[k].norm == "apres"
            && k > 1
            && tokens[k - 1].norm == "'"
            && tokens[k - 2].norm == "d"
        {
            return speaker_after(ctx, k + 1, open);
        }
    }
    None
}

/// The speaker of a verb at `v`, looked for in `[from, to)`: a pronoun or name right after the
/// verb (inversion: "a-t-il ajouté", "a déclaré X", "said X", "وقال X"), else a name or role
/// before it ("X a déclaré"), else nobody named (the verb's subject is dropped).
fn speaker_around_verb(
    ctx: &Ctx<'_>,
    from: usize,
    v: usize,
    to: usize,
    after_quote: bool,
) -> Speaker {
    let tokens = ctx.tokens;
    // a pronoun glued by hyphens before the verb ("a-t-il ajouté") or right after it
    for k in [v.wrapping_sub(1), v + 1, v + 2] {
        if k < from || k >= to || k >= tokens.len() {
            continue;
        }
        if cue_of(&tokens[k].norm) == Some(Cue::Pronoun) && (after_quote || k < v) {
            // "il" before the verb in a clause before the quote is its subject
            return pronoun(tokens[k].span);
        }
    }
    // after the verb: a name, or a role phrase (skipping adverbs)
    let inverted_first = after_quote || ctx.arabic || from == v || only_skips(ctx, from, v);
    let until = (v + 1..to)
        .find(|k| is_complementizer(&tokens[*k].norm))
        .unwrap_or(to);
    let after = speaker_after(ctx, v + 1, until);
    let before = speaker_before(ctx, from, v);
    let chosen = if inverted_first {
        after.or(before)
    } else {
        before.or(after)
    };
    // no subject at the verb ("ورحبت قوات الدعم السريع…، وقالت إنها"): the sentence's first
    // actor named before it, a person or a group
    let chosen = chosen.or_else(|| {
        (from..v)
            .filter_map(|t| ctx.mention_at[t])
            .find(|m| ctx.mentions[*m].kind != EntityKind::Place)
            .map(|m| Speaker::named(ctx, m))
    });
    chosen.unwrap_or(Speaker {
        how: Attribution::Pronoun,
        text: None,
        mention: None,
        name: None,
        definite: true,
    })
}

/// "sera reconnu", "was told", "wurde erklärt": a passive participle reports nobody's words.
fn passive(tokens: &[Token], v: usize) -> bool {
    v > 0
        && matches!(
            tokens[v - 1].norm.as_str(),
            "est"
                | "sera"
                | "ete"
                | "etait"
                | "soit"
                | "is"
                | "was"
                | "been"
                | "be"
                | "being"
                | "wird"
                | "wurde"
                | "worden"
                | "es"
                | "fue"
                | "sera "
                | "sido"
                | "было"
                | "будет"
        )
}

/// "que", "that", "dass", "что", "أن": what follows is what was said, not who said it.
fn is_complementizer(norm: &str) -> bool {
    matches!(
        norm,
        "que"
            | "qu"
            | "that"
            | "dass"
            | "что"
            | "чтобы"
            | "ان"
            | "بان"
            | "انه"
            | "انها"
            | "che"
            | "daß"
    )
}

fn is_comma(tok: &Token) -> bool {
    matches!(tok.norm.as_str(), "," | "،")
}

fn only_skips(ctx: &Ctx<'_>, from: usize, to: usize) -> bool {
    ctx.tokens[from..to]
        .iter()
        .all(|t| t.kind == TokenKind::Punct || matches!(cue_of(&t.norm), Some(Cue::Skip)))
}

fn pronoun(span: Span) -> Speaker {
    Speaker {
        how: Attribution::Pronoun,
        text: Some(span),
        mention: None,
        name: None,
        definite: true,
    }
}

/// Prefers people, then organisations, then anything named.
fn rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization | EntityKind::Other => 1,
        EntityKind::Place => 2,
    }
}

/// A speaker named in `[from, to)` after a verb or "selon": the first person named, else the
/// first name of any kind, else a role phrase ("le porte-parole du ministère").
fn speaker_after(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<Speaker> {
    let tokens = ctx.tokens;
    let to = to.min(tokens.len()).min(from + 20);
    let mut best: Option<usize> = None;
    for k in from..to {
        if let Some(m) = ctx.mention_at[k] {
            let better =
                best.is_none_or(|b| rank(ctx.mentions[m].kind) < rank(ctx.mentions[b].kind));
            if better {
                best = Some(m);
            }
            if ctx.mentions[m].kind == EntityKind::Person {
                // "die Fraktionsvorsitzende der Grünen, Lena Hartmann": a name in apposition
                // after a comma is the more precise one
                let after = token_at(tokens, ctx.mentions[m].end);
                if let Some(next) = tokens
                    .get(after + 1)
                    .filter(|_| tokens.get(after).is_some_and(is_comma))
                {
                    if let Some(n) = ctx.mention_at[after + 1] {
                        if ctx.mentions[n].kind == EntityKind::Person
                            && next.span.start == ctx.mentions[n].start
                        {
                            best = Some(n);
                        }
                    }
                }
                // Arabic verb-first clauses name the role first, the person last, right before
                // the quote ("وقال رئيس النقابة … خالد الزعبي \"")
                if !ctx.arabic {
                    break;
                }
            }
        }
    }
    // a role phrase right after the verb: determiner first
    let role = role_after(ctx, from, to);
    match (best, role) {
        // a role around a name that is not a person: "le dirigeant de Fastakim" (the role
        // speaks, not the group); a role that is the name with its article is the name
        (Some(m), Some(r))
            if ctx.mentions[m].kind != EntityKind::Person && !article_of(ctx, r, m) =>
        {
            Some(role_speaker(ctx, r))
        }
        (Some(m), _) => Some(Speaker::named(ctx, m)),
        (None, Some(r)) => Some(role_speaker(ctx, r)),
        (None, None) => {
            // a pronoun after "selon": "selon elle", "d'après lui"
            let k = (from..to).find(|k| tokens[*k].kind == TokenKind::Word)?;
            if cue_of(&tokens[k].norm) == Some(Cue::Pronoun)
                || matches!(
                    tokens[k].norm.as_str(),
                    "lui" | "him" | "her" | "ihm" | "ihr" | "нему" | "ему" | "ее" | "него"
                )
            {
                return Some(pronoun(tokens[k].span));
            }
            // an Arabic speaker the entity stage did not know: the words up to the mark
            let stop = (from..to)
                .find(|k| tokens[*k].kind == TokenKind::Punct)
                .unwrap_or(to)
                .min(from + 6);
            if ctx.arabic && stop > from {
                let span = Span::new(tokens[from].span.start, tokens[stop - 1].span.end);
                return Some(Speaker {
                    how: Attribution::Role,
                    text: Some(span),
                    mention: None,
                    name: None,
                    definite: true,
                });
            }
            None
        }
    }
}

/// The role names the speaker: it is the name with its article ("l'Observatoire syrien…",
/// "the Kremlin") or ends with the name in apposition ("l'agence iranienne Tasnim") — but not
/// the name after "of" ("le dirigeant de Fastakim" is a person of the group).
fn article_of(ctx: &Ctx<'_>, role: Span, m: usize) -> bool {
    let first = token_at(ctx.tokens, role.start);
    let mention = &ctx.mentions[m];
    let right_after_article = ctx.tokens[first..]
        .iter()
        .skip(1)
        .find(|t| !matches!(t.norm.as_str(), "'" | "’"))
        .is_some_and(|t| t.span.start == mention.start);
    let before_name = token_at(ctx.tokens, mention.start)
        .checked_sub(1)
        .and_then(|k| {
            ctx.tokens[..=k]
                .iter()
                .rev()
                .find(|t| !matches!(t.norm.as_str(), "'" | "’"))
        });
    let of_name = before_name.is_some_and(|t| {
        matches!(
            t.norm.as_str(),
            "de" | "d"
                | "du"
                | "des"
                | "of"
                | "von"
                | "vom"
                | "der"
                | "del"
                | "di"
                | "do"
                | "da"
                | "من"
        )
    });
    right_after_article || (mention.end == role.end && !of_name)
}

fn role_speaker(ctx: &Ctx<'_>, span: Span) -> Speaker {
    let first = token_at(ctx.tokens, span.start);
    let definite = ctx
        .tokens
        .get(first)
        .is_some_and(|t| word_set!(quotes.definite).contains_key(t.norm.as_str()));
    Speaker {
        how: Attribution::Role,
        text: Some(span),
        mention: None,
        name: None,
        definite,
    }
}

/// "le dirigeant de Fastakim", "des personnes", "the ministry's spokesman": a determiner, then
/// words up to a comma, a relative pronoun or a preposition that opens an adverbial.
fn role_after(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<Span> {
    let tokens = ctx.tokens;
    let mut k = from;
    while k < to
        && (tokens[k].kind == TokenKind::Punct || cue_of(&tokens[k].norm) == Some(Cue::Skip))
    {
        if tokens[k].kind == TokenKind::Punct
            && !matches!(tokens[k].norm.as_str(), "," | "-" | "'" | "’")
        {
            return None;
        }
        k += 1;
    }
    if k >= to {
        return None;
    }
    // languages without articles: "— рассказал командир пожарных"
    let bare = !ctx.articles
        && tokens[k].kind == TokenKind::Word
        && !crate::lang::is_function_word(&tokens[k].norm)
        && cue_of(&tokens[k].norm).is_none();
    if cue_of(&tokens[k].norm) != Some(Cue::Determiner) && !bare {
        return None;
    }
    let start = k;
    if bare {
        k = k.wrapping_sub(1);
    }
    let mut end = start;
    let mut words = 0;
    k = k.wrapping_add(1);
    while k < to && words < 8 {
        let tok = &tokens[k];
        if tok.kind == TokenKind::Punct {
            if matches!(tok.norm.as_str(), "'" | "’" | "-") {
                k += 1;
                continue;
            }
            break;
        }
        if k > start + 1 && cue_of(&tok.norm) == Some(Cue::RoleEnd) {
            break;
        }
        end = k;
        words += 1;
        k += 1;
    }
    (end > start || (bare && end >= start))
        .then(|| Span::new(tokens[start].span.start, tokens[end].span.end))
}

/// The subject before a verb at `v`: skip auxiliaries and adverbs, and a parenthetical between
/// commas ("La même ONG, basée au Royaume-Uni, a ajouté"); then the nearest name in the clause,
/// else the clause as a role, else a pronoun.
fn speaker_before(ctx: &Ctx<'_>, from: usize, v: usize) -> Option<Speaker> {
    let tokens = ctx.tokens;
    let mut k = v;
    while k > from
        && matches!(cue_of(&tokens[k - 1].norm), Some(Cue::Skip))
        && tokens[k - 1].kind == TokenKind::Word
    {
        k -= 1;
    }
    if k > from && cue_of(&tokens[k - 1].norm) == Some(Cue::Pronoun) {
        return Some(pronoun(tokens[k - 1].span));
    }
    let mut clause_end = k;
    // a parenthetical right before the verb: an apposition that names the speaker ("Le chef
    // de la diplomatie, le prince X, a appelé") is the speaker; a description (", basée au
    // Royaume-Uni et qui dispose…,") is skipped
    if k > from && is_comma(&tokens[k - 1]) {
        let mut j = k - 1;
        while j > from && !is_comma(&tokens[j - 1]) {
            j -= 1;
        }
        if j > from {
            let names_a_person = (j..k - 1).any(|t| {
                ctx.mention_over[t].is_some_and(|m| ctx.mentions[m].kind != EntityKind::Place)
            });
            clause_end = if names_a_person { k - 1 } else { j - 1 };
        }
    }
    let mut clause_start = clause_end;
    while clause_start > from && !is_comma(&tokens[clause_start - 1]) {
        clause_start -= 1;
    }
    // the nearest person, else the nearest name
    let mut best: Option<usize> = None;
    for t in (clause_start..clause_end).rev() {
        if let Some(m) = ctx.mention_over[t] {
            if ctx.mentions[m].kind == EntityKind::Person {
                best = Some(m);
                break;
            }
            if best.is_none_or(|b| rank(ctx.mentions[m].kind) < rank(ctx.mentions[b].kind)) {
                best = Some(m);
            }
        }
    }
    // a role at the start of the clause wins over places inside it ("La même ONG … Syrie")
    let role = role_after(ctx, clause_start, clause_end);
    match (best, role) {
        (Some(m), Some(r))
            if ctx.mentions[m].kind == EntityKind::Place && r.end <= ctx.mentions[m].start =>
        {
            Some(role_speaker(ctx, r))
        }
        (Some(m), _) => Some(Speaker::named(ctx, m)),
        (None, Some(r)) => Some(role_speaker(ctx, r)),
        (None, None) => None,
    }
}

/// Gives a role or pronoun its person: the role's words next to an earlier name, else the
/// latest speaker or person.
fn resolve(ctx: &Ctx<'_>, mut s: Speaker, at: usize, last: Option<&(usize, Speaker)>) -> Speaker {
    let before_pos = s.text.map_or(ctx.tokens[at].span.start, |sp| {
        sp.start.min(ctx.tokens[at].span.start)
    });
    match s.how {
        Attribution::Name => {}
        Attribution::Role => {
            if let Some(m) = surname_referent(ctx, &s, before_pos) {
                s.mention = Some(m);
                s.how = Attribution::Name;
            } else if s.definite {
                s.mention = role_referent(ctx, &s, before_pos);
            }
        }
        Attribution::Pronoun | Attribution::Continuation => {
            if s.mention.is_none() {
                let person = latest_person(ctx, before_pos, ctx.para[at].saturating_sub(2));
                let speaker_pos = last.map(|(pos, _)| ctx.tokens[*pos].span.start);
                match (person, last) {
                    (Some(m), Some((_, prev)))
                        if speaker_pos.is_some_and(|p| p > ctx.mentions[m].start) =>
                    {
                        s.mention = prev.mention;
                        s.name = prev.name.clone();
                    }
                    (Some(m), _) => s.mention = Some(m),
                    (None, Some((pos, prev))) if ctx.para[at] <= ctx.para[*pos] + 2 => {
                        s.mention = prev.mention;
                        s.name = prev.name.clone();
                    }
                    _ => {}
                }
            }
        }
        Attribution::Unknown => {}
    }
    if s.name.is_none() {
        s.name = s.mention.map(|m| fullest_name(ctx, m));
    }
    s
}

/// A role that is a bare surname the entity stage did not take for a name (Arabic "وقال
/// ملاحفجي"): the person named earlier whose last word it is.
fn surname_referent(ctx: &Ctx<'_>, s: &Speaker, before: usize) -> Option<usize> {
    let span = s.text?;
    let first = token_at(ctx.tokens, span.start);
    let last = token_at(ctx.tokens, span.end.saturating_sub(1)).min(ctx.tokens.len() - 1);
    let words: Vec<&str> = ctx.tokens[first..=last]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.norm.as_str())
        .collect();
    ctx.mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == EntityKind::Person && m.end <= before && m.text.contains(' '))
        .filter(|(_, m)| {
            let surname = m.text.rsplit(' ').next().map(crate::token::normalize);
            surname.is_some_and(|sn| sn.chars().count() >= 3 && words.contains(&sn.as_str()))
        })
        .map(|(i, _)| i)
        .next_back()
}

/// The fullest spelling of a mention's actor in the article.
fn fullest_name(ctx: &Ctx<'_>, m: usize) -> String {
    let group = ctx.mentions[m].group;
    ctx.mentions
        .iter()
        .filter(|x| x.group == group)
        .map(|x| x.text.as_str())
        .max_by_key(|t| (t.split_whitespace().count(), t.len()))
        .unwrap_or(&ctx.mentions[m].text)
        .to_string()
}

/// A mention of a person: a person's name, or a lone word that the article's grouping joined to
/// one ("Okafor" with "Daniel Okafor").
fn is_person(ctx: &Ctx<'_>, m: usize) -> bool {
    ctx.mentions[m].kind == EntityKind::Person || ctx.person_groups.contains(&ctx.mentions[m].group)
}

/// The latest person named before byte `before`, no earlier than paragraph `min_para`.
fn latest_person(ctx: &Ctx<'_>, before: usize, min_para: usize) -> Option<usize> {
    let mut best = None;
    for (i, m) in ctx.mentions.iter().enumerate() {
        if m.end > before {
            continue;
        }
        let tok = token_at(ctx.tokens, m.start);
        if ctx.para.get(tok).is_some_and(|p| *p < min_para) {
            continue;
        }
        if is_person(ctx, i) && best.is_none_or(|b: usize| ctx.mentions[b].start < m.start) {
            best = Some(i);
        }
    }
    best
}

/// A role's person: an earlier person or organisation named within a few words of the role's
/// own words ("dirigeant de Fastakim" ↔ "chef … du groupe Fastakim basé à Alep, Zakaria
/// Malahifji"), or a name inside the role itself.
fn role_referent(ctx: &Ctx<'_>, s: &Speaker, before: usize) -> Option<usize> {
    let span = s.text?;
    let tokens = ctx.tokens;
    let first = token_at(tokens, span.start);
    let last = token_at(tokens, span.end.saturating_sub(1));
    // a person named inside the role: "le porte-parole, le général Igor Konachenkov"
    for t in first..=last.min(tokens.len() - 1) {
        if let Some(m) = ctx.mention_over[t] {
            if ctx.mentions[m].kind == EntityKind::Person {
                return Some(m);
            }
        }
    }
    let stem = |w: &str| w.chars().take(5).collect::<String>();
    // the role's head noun ("dirigeant", "journal"), its other words, and the names inside it
    // ("Fastakim")
    let mut words = tokens[first..=last.min(tokens.len() - 1)]
        .iter()
        .filter(|t| {
            t.kind == TokenKind::Word
                && !crate::lang::is_function_word(&t.norm)
                && cue_of(&t.norm).is_none()
                && t.norm.chars().count() >= 3
        })
        .map(|t| stem(&t.norm));
    let head = words.next();
    let others: Vec<String> = words.collect();
    let inside: Vec<usize> = ctx
        .mentions
        .iter()
        .filter(|m| span.start <= m.start && m.end <= span.end)
        .map(|m| m.group)
        .collect();
    if head.is_none() && inside.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, m) in ctx.mentions.iter().enumerate() {
        if m.end > before || m.kind == EntityKind::Place {
            continue;
        }
        // a role is never its own words' name ("le dirigeant de Fastakim" is not Fastakim)
        if span.start <= m.start && m.end <= span.end {
            continue;
        }
        let t = token_at(tokens, m.start);
        let lo = t.saturating_sub(10);
        let hi = (token_at(tokens, m.end) + 5).min(tokens.len());
        let outside = |w: &&Token| w.span.end <= m.start || w.span.start >= m.end;
        let near: Vec<String> = tokens[lo..hi]
            .iter()
            .filter(outside)
            .filter(|w| w.kind == TokenKind::Word)
            .map(|w| stem(&w.norm))
            .collect();
        let head_hits = near.iter().filter(|w| head.as_ref() == Some(*w)).count();
        let other_hits = others.iter().filter(|o| near.contains(o)).count();
        let (near_start, near_end) = (tokens[lo].span.start, tokens[hi - 1].span.end);
        let name_hits = ctx
            .mentions
            .iter()
            .filter(|o| o.start >= near_start && o.end <= near_end && o.start != m.start)
            .filter(|o| inside.contains(&o.group))
            .count();
        // one shared adjective ("syrienne") is not enough; the head noun or a name is
        let score = 2 * head_hits + 2 * name_hits + other_hits;
        if score < 2 {
            continue;
        }
        let is_person = usize::from(m.kind == EntityKind::Person);
        if score > 0
            && best.is_none_or(|(b, bs)| {
                (score, is_person, m.start)
                    > (
                        bs,
                        usize::from(ctx.mentions[b].kind == EntityKind::Person),
                        ctx.mentions[b].start,
                    )
            })
        {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::tests_support::quotes;
    use super::*;

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
    fn arabic_verb_first() {
        let text = "وقال وزير الخارجية سامي الحداد \"لن نقبل بهذا الاتفاق\".";
        let found = quotes(text, "ar");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "لن نقبل بهذا الاتفاق");
        assert_eq!(found[0].speaker_name.as_deref(), Some("سامي الحداد"));
    }

    #[test]
    fn names_in_quotes_are_not_quotes() {
        let text = "La réunion du groupe des « Amis de la Syrie » s'est tenue à Paris, a déclaré Jean Morel.";
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
}

#[cfg(test)]
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
