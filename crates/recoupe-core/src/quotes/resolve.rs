//! Resolution: a role or a pronoun given its person — the role's words next to an earlier name, a surname to its full name, else the latest speaker or person.

use super::*;

/// Gives a role or pronoun its person: the role's words next to an earlier name, else the
/// latest speaker or person.
pub(super) fn resolve(
    ctx: &Ctx<'_>,
    mut s: Speaker,
    at: usize,
    last: Option<&(usize, Speaker)>,
) -> Speaker {
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
pub(super) fn surname_referent(ctx: &Ctx<'_>, s: &Speaker, before: usize) -> Option<usize> {
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
pub(super) fn fullest_name(ctx: &Ctx<'_>, m: usize) -> String {
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
pub(super) fn is_person(ctx: &Ctx<'_>, m: usize) -> bool {
    ctx.mentions[m].kind == EntityKind::Person || ctx.person_groups.contains(&ctx.mentions[m].group)
}

/// The latest person named before byte `before`, no earlier than paragraph `min_para`.
pub(super) fn latest_person(ctx: &Ctx<'_>, before: usize, min_para: usize) -> Option<usize> {
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
pub(super) fn role_referent(ctx: &Ctx<'_>, s: &Speaker, before: usize) -> Option<usize> {
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
