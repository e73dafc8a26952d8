//! Indirect speech: what a speaker said, told in the reporter's words — a reporting verb and
//! the clause after it ("Trump said that he would…", "il a déclaré que…", "заявил, что…",
//! "she said he would…"), or a source marker and the clause it stands by ("According to the
//! ministry, 40 people…", "…, selon l'ONG."). The speaker is found as a quote's is.

use super::*;

/// The clauses of reported speech outside the quotation marks of `pairs`.
pub(super) fn find_indirect(ctx: &Ctx<'_>, text: &str, pairs: &[Pair]) -> Vec<Quote> {
    let tokens = ctx.tokens;
    let mut quoted = vec![false; tokens.len()];
    for p in pairs {
        for flag in &mut quoted[p.open..=p.close.min(tokens.len() - 1)] {
            *flag = true;
        }
    }
    let mut found: Vec<Quote> = Vec::new();
    // a clause is told once: the end of the last one
    let mut taken_until = 0;
    let mut k = 0;
    while k < tokens.len() {
        let tok = &tokens[k];
        if tok.kind != TokenKind::Word || quoted[k] || tok.span.start < taken_until {
            k += 1;
            continue;
        }
        // a verb's word inside a name is no verb ("Secretary of State Antony Blinken")
        let in_a_name = || {
            ctx.mention_over[k].is_some()
                || text[tok.span.start..tok.span.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    && k > 0
                    && !is_sentence_end(ctx, k - 1)
                    && ctx.para[k - 1] == ctx.para[k]
        };
        let clause = match cue_of(&tok.norm) {
            Some(Cue::Verb) if !passive(tokens, k) && !in_a_name() => after_verb(ctx, &quoted, k),
            Some(Cue::Source) => by_source(ctx, &quoted, k),
            _ => None,
        };
        if let Some(c) = clause {
            // (the clause may stand before its cue: "…, according to X")
            let end = c.last.max(c.cue);
            taken_until = tokens[end].span.end;
            found.push(quote_of_clause(ctx, text, &c));
            k = end + 1;
        } else {
            k += 1;
        }
    }
    found
}

/// A clause of reported speech: its words, its cue and who says it.
struct Clause {
    first: usize,
    last: usize,
    cue: usize,
    speaker: Option<Speaker>,
}

/// The first token of the sentence holding token `k`.
fn sentence_start(ctx: &Ctx<'_>, k: usize) -> usize {
    let mut s = k;
    while s > 0 && !is_sentence_end(ctx, s - 1) && ctx.para[s - 1] == ctx.para[k] {
        s -= 1;
    }
    s
}

/// The last token of the sentence holding token `k`, its final punctuation left out.
fn sentence_last(ctx: &Ctx<'_>, k: usize) -> usize {
    let mut e = k;
    while e + 1 < ctx.tokens.len() && !is_sentence_end(ctx, e + 1) && ctx.para[e + 1] == ctx.para[k]
    {
        e += 1;
    }
    e
}

/// A clause worth reporting: at least three words, mostly outside quotation marks (a quoted
/// clause is a quote already).
fn worth_it(ctx: &Ctx<'_>, quoted: &[bool], first: usize, last: usize) -> bool {
    if first > last {
        return false;
    }
    let words: Vec<usize> = (first..=last)
        .filter(|t| ctx.tokens[*t].kind != TokenKind::Punct)
        .collect();
    let inside = words.iter().filter(|t| quoted[**t]).count();
    words.len() >= 3 && inside * 2 < words.len()
}

/// "said that …", "a déclaré que …", "заявил, что …", "said he would …": the verb at `v`.
fn after_verb(ctx: &Ctx<'_>, quoted: &[bool], v: usize) -> Option<Clause> {
    let tokens = ctx.tokens;
    let last = sentence_last(ctx, v);
    // up to four words between the verb and "that" ("said on Monday that", "told reporters
    // that"), or a comma ("заявил, что")
    let mut j = v + 1;
    let mut first = None;
    while j <= last && j <= v + 5 {
        let t = &tokens[j];
        if quoted[j] {
            return None;
        }
        if is_complementizer(&t.norm) {
            first = Some(j + 1);
            break;
        }
        if t.kind == TokenKind::Punct && !is_comma(t) {
            return None;
        }
        j += 1;
    }
    // no "that": a subject pronoun right after the verb opens the clause ("said he would"),
    // or after its listener ("told reporters he would", "told Fox News they")
    let addressed = word_set!(quotes.addressed_verbs).contains_key(tokens[v].norm.as_str());
    let reach = if addressed { v + 4 } else { v + 1 };
    let first = first.or_else(|| {
        (v + 1..=reach.min(last)).find(|p| {
            cue_of(&tokens[*p].norm) == Some(Cue::Pronoun)
                && tokens.get(p + 1).is_some_and(|t| t.kind == TokenKind::Word)
                && (v + 1..*p).all(|t| tokens[t].kind == TokenKind::Word && !quoted[t])
        })
    });
    // or a subject right after a verb of saying that reports no quote of its own ("Trump said
    // the wall would be built", "officials say Iran has"), not its own speaker ("”, said the
    // president of the club")
    // (nor the inverted speaker of what comes before: "…, said a spokesman for the agency")
    let mut before = v;
    while before > 0 && cue_of(&tokens[before - 1].norm) == Some(Cue::Skip) {
        before -= 1; // "…, ont indiqué des responsables"
    }
    let after_a_quote = (v.saturating_sub(3)..v).any(|t| quoted[t])
        || (before > 0 && is_comma(&tokens[before - 1]));
    let first = first.or_else(|| {
        let next = tokens.get(v + 1)?;
        let opens_a_subject = cue_of(&next.norm) == Some(Cue::Determiner)
            || ctx.mention_at[v + 1].is_some_and(|m| ctx.mentions[m].kind != EntityKind::Place);
        (!addressed && !after_a_quote && v < last && opens_a_subject && v + 4 <= last)
            .then_some(v + 1)
    })?;
    if !worth_it(ctx, quoted, first, last) {
        return None;
    }
    let from = sentence_start(ctx, v);
    let speaker = speaker_around_verb(ctx, from, v, first, false);
    Some(Clause {
        first,
        last,
        cue: v,
        speaker: Some(speaker),
    })
}

/// "According to X, …" (the clause after the source) and "…, according to X." (the clause
/// before it): the source word at `k`.
fn by_source(ctx: &Ctx<'_>, quoted: &[bool], k: usize) -> Option<Clause> {
    let tokens = ctx.tokens;
    let source_from = source_start(ctx, k);
    let start = sentence_start(ctx, k);
    let last = sentence_last(ctx, k);
    let opens = (start..k).all(|t| tokens[t].kind == TokenKind::Punct) || k == start + 1;
    if opens {
        // the source runs to the first comma
        let comma = (k + 1..=last).find(|t| is_comma(&tokens[*t]))?;
        let first = comma + 1;
        if !worth_it(ctx, quoted, first, last) {
            return None;
        }
        let speaker = speaker_after(ctx, source_from, comma);
        return Some(Clause {
            first,
            last,
            cue: k,
            speaker,
        });
    }
    // "…, according to X": the clause before the comma
    if k < start + 2 || !is_comma(&tokens[k - 1]) {
        return None;
    }
    let clause_last = k - 2;
    if !worth_it(ctx, quoted, start, clause_last) {
        return None;
    }
    let speaker = speaker_after(ctx, source_from, last + 1);
    Some(Clause {
        first: start,
        last: clause_last,
        cue: k,
        speaker,
    })
}

fn quote_of_clause(ctx: &Ctx<'_>, text: &str, c: &Clause) -> Quote {
    let span = Span::new(ctx.tokens[c.first].span.start, ctx.tokens[c.last].span.end);
    let speaker = c.speaker.clone().map(|s| resolve(ctx, s, c.cue, None));
    let mut quote = quote_of(ctx, text, span, speaker.as_ref());
    quote.kind = QuoteKind::Indirect;
    quote.cue = Some(ctx.tokens[c.cue].span);
    quote
}
