//! Quotation marks paired: which way a mark faces, read from its shape, its neighbours and the language.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Face {
    Open,
    Close,
    /// a straight " whose direction the neighbours do not tell
    Either,
}

pub(super) fn mark_face(text: &str, tok: &Token, lang: Option<Lang>) -> Option<Face> {
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

pub(super) fn is_mark(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '‹' | '›' | '„' | '“' | '”' | '"' | '「' | '」' | '『' | '』'
    )
}

/// A pair of marks: token indices of the opening and closing mark.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pair {
    pub(super) open: usize,
    pub(super) close: usize,
}

/// Pairs the quotation marks of a text. `paragraph_of` gives each token's paragraph.
pub(super) fn pair_marks(
    text: &str,
    tokens: &[Token],
    para: &[usize],
    lang: Option<Lang>,
) -> Vec<Pair> {
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
