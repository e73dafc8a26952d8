//! Attribution: the clause after a closing mark or before an opening one, the verb or source word in it, and the speaker it names — a name, a role or a pronoun.

use super::*;

/// Who a quote is given to, before resolution.
#[derive(Clone, Debug)]
pub(super) struct Speaker {
    pub(super) how: Attribution,
    /// the words that name the speaker here
    pub(super) text: Option<Span>,
    /// the mention of the speaker (a name, or the person a role/pronoun resolved to)
    pub(super) mention: Option<usize>,
    /// the speaker's fullest name in the article
    pub(super) name: Option<String>,
    /// content words of a role, for resolution
    pub(super) definite: bool,
}

impl Speaker {
    pub(super) fn named(ctx: &Ctx<'_>, m: usize) -> Speaker {
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
pub(super) fn attribution_after(
    ctx: &Ctx<'_>,
    close: usize,
    next_open: Option<usize>,
) -> Option<Speaker> {
    let tokens = ctx.tokens;
    let limit = next_open.unwrap_or(tokens.len()).min(close + 50);
    let mut end = close + 1;
    while end < limit && !is_sentence_end(ctx, end) && ctx.para[end] == ctx.para[close] {
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
                return Some(
                    speaker_after(ctx, source_start(ctx, k), end).unwrap_or(Speaker {
                        how: Attribution::Pronoun,
                        text: None,
                        mention: None,
                        name: None,
                        definite: true,
                    }),
                );
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
            // and a description of it between commas ("”, Trent Lott, who was majority leader
            // under Bush, told lawmakers"): its words are not counted
            if k + 1 < end && is_comma(&tokens[k + 1]) {
                if let Some(c) = (k + 2..end.min(k + 30)).find(|c| is_comma(&tokens[*c])) {
                    k = c;
                }
            }
        }
        k += 1;
    }
    None
}

/// Where the source named by the source word at `k` starts: after it, and after the
/// preposition that goes with it ("according to the board").
pub(super) fn source_start(ctx: &Ctx<'_>, k: usize) -> usize {
    let next = k + 1;
    if ctx
        .tokens
        .get(next)
        .is_some_and(|t| t.kind == TokenKind::Word && cue_of(&t.norm) == Some(Cue::RoleEnd))
    {
        next + 1
    } else {
        next
    }
}

/// The clause before an opening mark, in the same sentence: "Lavrov a déclaré : «", "وقال
/// ملاحفجي \"", "Selon l'ONG, «", "il a dit que la Russie était prête « à…".
pub(super) fn attribution_before(
    ctx: &Ctx<'_>,
    open: usize,
    prev_close: Option<usize>,
) -> Option<Speaker> {
    let tokens = ctx.tokens;
    let floor = prev_close.map_or(0, |c| c + 1);
    let mut start = open;
    while start > floor
        && !is_sentence_end(ctx, start - 1)
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
                return speaker_after(ctx, source_start(ctx, k), open).or(Some(Speaker {
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
pub(super) fn speaker_around_verb(
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
    // after the verb: a name, or a role phrase (skipping adverbs). The verb comes first when
    // nothing but punctuation and adverbs stands between it and the quote ("», a déclaré X",
    // "”, said X"); "”, Graham said on CBS" names the speaker before it. A verb whose object is
    // the listener ("told Reuters") has its speaker before it.
    let addressed = word_set!(quotes.addressed_verbs).contains_key(tokens[v].norm.as_str());
    let inverted_first = !addressed && (ctx.arabic || from == v || only_skips(ctx, from, v));
    let _ = after_quote;
    let until = (v + 1..to)
        .find(|k| is_complementizer(&tokens[*k].norm))
        .unwrap_or(to);
    let after = speaker_after_in(ctx, v + 1, until, true);
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
pub(super) fn passive(tokens: &[Token], v: usize) -> bool {
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
pub(super) fn is_complementizer(norm: &str) -> bool {
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

pub(super) fn is_comma(tok: &Token) -> bool {
    matches!(tok.norm.as_str(), "," | "،")
}

pub(super) fn only_skips(ctx: &Ctx<'_>, from: usize, to: usize) -> bool {
    ctx.tokens[from..to]
        .iter()
        .all(|t| t.kind == TokenKind::Punct || matches!(cue_of(&t.norm), Some(Cue::Skip)))
}

pub(super) fn pronoun(span: Span) -> Speaker {
    Speaker {
        how: Attribution::Pronoun,
        text: Some(span),
        mention: None,
        name: None,
        definite: true,
    }
}

/// Prefers people, then organisations, then anything named.
pub(super) fn rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization | EntityKind::Other => 1,
        EntityKind::Place => 2,
    }
}

/// A speaker named in `[from, to)` after a verb or "selon": the first person named, else the
/// first name of any kind, else a role phrase ("le porte-parole du ministère").
pub(super) fn speaker_after(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<Speaker> {
    speaker_after_in(ctx, from, to, false)
}

/// [`speaker_after`]; `after_verb`: right after a reporting verb, where a preposition ends the
/// place of its subject.
pub(super) fn speaker_after_in(
    ctx: &Ctx<'_>,
    from: usize,
    to: usize,
    after_verb: bool,
) -> Option<Speaker> {
    let tokens = ctx.tokens;
    let to = to.min(tokens.len()).min(from + 20);
    let mut best: Option<usize> = None;
    // past a preposition, a group or a place is where or to whom it was said ("said on CBS
    // News", "told reporters in Ohio"); a person may still be the speaker ("заявил в интервью
    // ТАСС глава МИД Сергей Лавров")
    let mut past_preposition = false;
    for k in from..to {
        if after_verb
            && ctx.mention_over[k].is_none()
            && cue_of(&tokens[k].norm) == Some(Cue::RoleEnd)
        {
            past_preposition = true;
        }
        if let Some(m) = ctx.mention_at[k] {
            if past_preposition && ctx.mentions[m].kind != EntityKind::Person {
                continue;
            }
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
pub(super) fn article_of(ctx: &Ctx<'_>, role: Span, m: usize) -> bool {
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

pub(super) fn role_speaker(ctx: &Ctx<'_>, span: Span) -> Speaker {
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
pub(super) fn role_after(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<Span> {
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
pub(super) fn speaker_before(ctx: &Ctx<'_>, from: usize, v: usize) -> Option<Speaker> {
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
            // (a relative clause describes: ", who was majority leader under Bush,")
            let describes = (j..k - 1)
                .find(|t| tokens[*t].kind == TokenKind::Word)
                .is_some_and(|t| cue_of(&tokens[t].norm) == Some(Cue::RoleEnd));
            let names_a_person = !describes
                && (j..k - 1).any(|t| {
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
