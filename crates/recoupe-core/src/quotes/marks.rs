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

/// How a mark is written, for telling which way an ambiguous one faces: a straight mark closes
/// an open mark written the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Written {
    Shaped,
    /// "
    Straight,
    /// '' (two apostrophes, the quotation mark of some archives: LexisNexis, ``…'' in TeX)
    Doubled,
}

/// A doubled mark at token `i`: '' or `` written as two tokens side by side.
fn doubled_at(tokens: &[Token], i: usize) -> bool {
    let tok = &tokens[i];
    matches!(tok.norm.as_str(), "'" | "`")
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.norm == tok.norm && n.span.start == tok.span.end)
}

/// Which way a doubled mark spanning `[start, end)` faces: `` opens; '' opens after a space
/// and before a letter, closes the other way round.
fn doubled_face(text: &str, start: usize, end: usize, backtick: bool) -> Face {
    if backtick {
        return Face::Open;
    }
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let spacey_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/:".contains(b));
    let spacey_after = after.is_none_or(|a| a.is_whitespace() || ",.;:!?)]}…".contains(a));
    match (spacey_before, spacey_after) {
        (true, false) => Face::Open,
        (false, true) => Face::Close,
        _ => Face::Either,
    }
}

/// Pairs the quotation marks of a text. `paragraph_of` gives each token's paragraph.
pub(super) fn pair_marks(
    text: &str,
    tokens: &[Token],
    para: &[usize],
    lang: Option<Lang>,
) -> Vec<Pair> {
    let mut pairs = Vec::new();
    // open marks: (token index, paragraph where it opened, how it is written)
    let mut stack: Vec<(usize, usize, Written)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        i += 1;
        if tok.kind != TokenKind::Punct {
            continue;
        }
        let at = i - 1;
        // a doubled mark opens at its second token and closes at its first
        let (face, written, open_at, close_at) = if doubled_at(tokens, at) {
            i += 1;
            let face = doubled_face(
                text,
                tok.span.start,
                tokens[at + 1].span.end,
                tok.norm == "`",
            );
            (face, Written::Doubled, at + 1, at)
        } else {
            let Some(face) = mark_face(text, tok, lang) else {
                continue;
            };
            let written = if tok.norm == "\"" {
                Written::Straight
            } else {
                Written::Shaped
            };
            (face, written, at, at)
        };
        // a quote left open more than one paragraph back was never closed
        stack.retain(|(_, p, _)| para[at] <= p + 1);
        let face = match face {
            Face::Either => {
                if stack.last().is_some_and(|(_, _, w)| *w == written) {
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
                let starts_paragraph = at == 0 || para[at - 1] != para[at];
                if starts_paragraph && stack.len() == 1 && para[stack[0].0] < para[at] {
                    stack[0].1 = para[at];
                    continue;
                }
                if stack.len() < 4 {
                    stack.push((open_at, para[at], written));
                }
            }
            Face::Close | Face::Either => {
                if let Some((open, _, _)) = stack.pop() {
                    // only the outermost quotes are reported; nested ones are part of them
                    if stack.is_empty() {
                        pairs.push(Pair {
                            open,
                            close: close_at,
                        });
                    }
                }
            }
        }
    }
    pairs
}
