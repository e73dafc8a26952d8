//! Numbers in every writing: digits of any script, thousands and decimal marks as the language
//! writes them, scale words and number words ([`numeral_at`]).

use super::*;
use crate::languages::{self, word_set};

/// Which mark a language writes between integer and decimal part.
pub(super) fn decimal_comma(lang: Option<Lang>) -> bool {
    languages::of_or_none(lang).decimal_comma
}

/// Reads a number token ("30", "18.000", "3,5", "93%", "1,217.5", "٢٧"). Returns the value, the
/// letters or sign after the digits ("%", "km", "er"), and whether the value could be read as
/// a decimal written with thousands marks of the other convention (so a count of people that is
/// not whole can be read again as thousands).
pub(super) fn read_number(norm: &str, lang: Option<Lang>) -> Option<(f64, &str, Option<f64>)> {
    let digits_end = norm
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '٫' | '٬')))
        .map_or(norm.len(), |(i, _)| i);
    let (digits, suffix) = norm.split_at(digits_end);
    if digits.is_empty() || !digits.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    // "2016/12/04", "10-15": a date, a range or a score
    if suffix.starts_with(['/', '-']) {
        return None;
    }
    let digits = digits.replace('٬', "").replace('٫', ".");
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let plain = |s: &str| s.replace([',', '.'], "").parse::<f64>().ok();
    let groups_of_three = |s: &str, sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let value = match (dots, commas) {
        (0, 0) => (digits.parse::<f64>().ok()?, None),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots.max(commas);
            let thousands_read = plain(&digits);
            let decimal_read = digits.replace(sep, ".").parse::<f64>().ok();
            if count > 1 {
                if !groups_of_three(&digits, sep) {
                    return None;
                }
                (thousands_read?, None)
            } else if !groups_of_three(&digits, sep) {
                (decimal_read?, None)
            } else {
                let sep_is_decimal = (sep == ',') == decimal_comma(lang);
                if sep_is_decimal && !digits.starts_with("0") {
                    (decimal_read?, thousands_read)
                } else if sep_is_decimal {
                    (decimal_read?, None)
                } else {
                    (thousands_read?, None)
                }
            }
        }
        _ => {
            // both marks: the last one is the decimal mark
            let last = digits.rfind(['.', ',']).unwrap_or(0);
            let (int, frac) = digits.split_at(last);
            let int: String = int.chars().filter(char::is_ascii_digit).collect();
            (format!("{int}.{}", &frac[1..]).parse::<f64>().ok()?, None)
        }
    };
    Some((value.0, suffix, value.1))
}

pub(super) fn is_space_between(text: &str, a: &Token, b: &Token) -> bool {
    let gap = text.get(a.span.end..b.span.start).unwrap_or("x");
    !gap.is_empty() && gap.chars().count() == 1 && gap.chars().all(char::is_whitespace)
}

pub(super) fn adjacent(a: &Token, b: &Token) -> bool {
    a.span.end == b.span.start
}

/// A number at `i`: its value, the tokens it spans, and whether it is a vague word ("dozens").
pub(super) struct Numeral {
    pub(super) value: f64,
    /// first token after the numeral
    pub(super) next: usize,
    pub(super) vague: bool,
    /// the value if the separators meant thousands after all ("1,217" in French)
    pub(super) thousands: Option<f64>,
    /// unit or sign glued to the digits ("93%", "100km")
    pub(super) suffix: String,
    pub(super) from_digits: bool,
}

pub(super) fn numeral_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    lang: Option<Lang>,
    t: &Tables,
) -> Option<Numeral> {
    let tok = &tokens[i];
    let mut value;
    let mut next = i + 1;
    let mut vague = false;
    let thousands;
    let mut suffix = String::new();
    let from_digits = tok.kind == TokenKind::Number;
    // the running total and the part below the last scale word
    let mut total = 0.0;
    let mut current;
    if from_digits {
        let (v, sfx, alt) = read_number(&tok.norm, lang)?;
        value = v;
        thousands = alt;
        suffix = sfx.to_string();
        // "30 000", "1 217": groups of three after a space
        let head_len = tok.norm.len();
        if suffix.is_empty() && (1..=3).contains(&head_len) && alt.is_none() {
            let mut last = i;
            while let Some(group) = tokens.get(next) {
                if group.kind == TokenKind::Number
                    && group.norm.len() == 3
                    && group.norm.bytes().all(|b| b.is_ascii_digit())
                    && is_space_between(text, &tokens[last], group)
                {
                    value = value * 1000.0 + group.norm.parse::<f64>().unwrap_or(0.0);
                    last = next;
                    next += 1;
                } else {
                    break;
                }
            }
        }
        current = value;
    } else {
        let first = t.numbers.get(tok.norm.as_str())?;
        current = 0.0;
        let mut saw_number = false;
        let mut pending_half = false;
        let mut j = i;
        let mut article = false;
        while let Some(tk) = tokens.get(j) {
            let Some(word) = t.numbers.get(tk.norm.as_str()) else {
                // "vingt-deux", "vingt et un", "two hundred and fifty", "treinta y dos"
                let joiner = tk.kind == TokenKind::Punct && tk.norm == "-"
                    || t.numeral_and.contains_key(tk.norm.as_str());
                let then_number = tokens
                    .get(j + 1)
                    .is_some_and(|n| t.numbers.contains_key(n.norm.as_str()));
                if saw_number && joiner && then_number {
                    j += 1;
                    continue;
                }
                break;
            };
            // "des millions de déplacés": a plural scale word with no number before is vague
            let word = match *word {
                NumWord::Scale(s)
                    if !saw_number
                        && !word_set!(figures.singular_scales).contains_key(tk.norm.as_str()) =>
                {
                    &NumWord::Vague(s)
                }
                _ => word,
            };
            match *word {
                NumWord::Unit {
                    value: v,
                    article: a,
                } => {
                    if saw_number && !pending_half && (1.0..20.0).contains(&current) {
                        break; // "deux trois" is not one number
                    }
                    article = a && !saw_number;
                    current += v;
                }
                NumWord::Hundred => current = current.max(1.0) * 100.0,
                NumWord::Dozen => current = current.max(1.0) * 12.0,
                NumWord::Scale(s) => {
                    let base = if pending_half { 0.5 } else { current.max(1.0) };
                    let base = if pending_half && current > 1.0 {
                        current * 0.5
                    } else {
                        base
                    };
                    total += base * s;
                    current = 0.0;
                    pending_half = false;
                    article = false;
                }
                NumWord::Vague(unit) => {
                    if saw_number && current > 0.0 {
                        // "trois milliers" reads as a scale
                        total += current * unit;
                        current = 0.0;
                    } else {
                        vague = true;
                        current = 2.0 * unit;
                    }
                    article = false;
                }
                NumWord::Half => {
                    pending_half = true;
                    article = false;
                }
            }
            saw_number = true;
            j += 1;
        }
        if !saw_number || (article && total == 0.0) || (pending_half && total == 0.0) {
            return None;
        }
        // a lone "un"/"a" never; a lone article-like word before a scale was consumed above
        if matches!(first, NumWord::Unit { article: true, .. }) && total == 0.0 && current <= 1.0 {
            return None;
        }
        next = j;
        value = total + current;
        return Some(Numeral {
            value,
            next,
            vague,
            thousands: None,
            suffix,
            from_digits,
        });
    }
    // digits followed by scale words: "3,5 millions", "50 тысяч", "ثلاثة آلاف"
    let mut scaled = false;
    while let Some(tk) = tokens.get(next) {
        match t.numbers.get(tk.norm.as_str()) {
            Some(NumWord::Scale(s)) => {
                total += current.max(1.0) * s;
                current = 0.0;
                scaled = true;
                next += 1;
            }
            Some(NumWord::Hundred) if !scaled => {
                current *= 100.0;
                next += 1;
            }
            _ => break,
        }
    }
    // "$5bn", "10k"
    let glued_scale = match suffix.as_str() {
        "k" => Some(1e3),
        "bn" | "mrd" => Some(1e9),
        "mn" | "mln" => Some(1e6),
        _ => None,
    };
    if let Some(s) = glued_scale {
        current *= s;
        suffix.clear();
    }
    Some(Numeral {
        value: total + current,
        next,
        vague,
        thousands: if scaled { None } else { thousands },
        suffix,
        from_digits,
    })
}
