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

/// The number at token `i`: in digits (with its groups, the scale words after it and a scale
/// glued to it) or in words.
pub(super) fn numeral_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    lang: Option<Lang>,
    t: &Tables,
) -> Option<Numeral> {
    if tokens[i].kind == TokenKind::Number {
        digits_at(text, tokens, i, lang, t)
    } else {
        words_at(tokens, i, t)
    }
}

/// A number in digits: "30 000" (groups of three after a space), "3,5 millions", "50 тысяч",
/// "ثلاثة آلاف" (scale words after), "$5bn", "10k" (a scale glued).
fn digits_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    lang: Option<Lang>,
    t: &Tables,
) -> Option<Numeral> {
    let tok = &tokens[i];
    let mut next = i + 1;
    let (mut value, suffix, thousands) = read_number(&tok.norm, lang)?;
    let mut suffix = suffix.to_string();
    let head_len = tok.norm.len();
    if suffix.is_empty() && (1..=3).contains(&head_len) && thousands.is_none() {
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
    // the running total and the part below the last scale word
    let (mut total, mut current) = (0.0, value);
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
        vague: false,
        thousands: if scaled { None } else { thousands },
        suffix,
        from_digits: true,
    })
}

/// A number in words: "vingt-deux", "vingt et un", "two hundred and fifty", "treinta y dos",
/// "trois millions et demi", "des dizaines de milliers" (vague).
fn words_at(tokens: &[Token], i: usize, t: &Tables) -> Option<Numeral> {
    let first = t.numbers.get(tokens[i].norm.as_str())?;
    let mut words = WordTotal::default();
    let mut j = i;
    while let Some(tk) = tokens.get(j) {
        let Some(word) = t.numbers.get(tk.norm.as_str()) else {
            // words joined by a hyphen or "and" ("vingt-deux", "vingt et un")
            let joiner = tk.kind == TokenKind::Punct && tk.norm == "-"
                || t.numeral_and.contains_key(tk.norm.as_str());
            let then_number = tokens
                .get(j + 1)
                .is_some_and(|n| t.numbers.contains_key(n.norm.as_str()));
            if words.saw_number && joiner && then_number {
                j += 1;
                continue;
            }
            break;
        };
        // "des millions de déplacés": a plural scale word with no number before is vague
        let word = match *word {
            NumWord::Scale(s)
                if !words.saw_number
                    && !word_set!(figures.singular_scales).contains_key(tk.norm.as_str()) =>
            {
                NumWord::Vague(s)
            }
            word => word,
        };
        if !words.add(word) {
            break;
        }
        j += 1;
    }
    let WordTotal {
        total,
        current,
        saw_number,
        pending_half,
        article,
        vague,
    } = words;
    if !saw_number || (article && total == 0.0) || (pending_half && total == 0.0) {
        return None;
    }
    // a lone "un"/"a" never; a lone article-like word before a scale was consumed above
    if matches!(first, NumWord::Unit { article: true, .. }) && total == 0.0 && current <= 1.0 {
        return None;
    }
    Some(Numeral {
        value: total + current,
        next: j,
        vague,
        thousands: None,
        suffix: String::new(),
        from_digits: false,
    })
}

/// The value of number words as they are read.
#[derive(Default)]
struct WordTotal {
    /// the total of the parts closed by a scale word
    total: f64,
    /// the part below the last scale word
    current: f64,
    saw_number: bool,
    /// "et demi", "and a half" before the scale
    pending_half: bool,
    /// the last word read was an article-like "un", "a", "ein"
    article: bool,
    vague: bool,
}

impl WordTotal {
    /// Reads the next word; false when it starts another number ("deux trois").
    fn add(&mut self, word: NumWord) -> bool {
        match word {
            NumWord::Unit {
                value: v,
                article: a,
            } => {
                if self.saw_number && !self.pending_half && (1.0..20.0).contains(&self.current) {
                    return false;
                }
                self.article = a && !self.saw_number;
                self.current += v;
            }
            NumWord::Hundred => self.current = self.current.max(1.0) * 100.0,
            NumWord::Dozen => self.current = self.current.max(1.0) * 12.0,
            NumWord::Scale(s) => {
                let base = if self.pending_half && self.current > 1.0 {
                    self.current * 0.5
                } else if self.pending_half {
                    0.5
                } else {
                    self.current.max(1.0)
                };
                self.total += base * s;
                self.current = 0.0;
                self.pending_half = false;
                self.article = false;
            }
            NumWord::Vague(unit) => {
                if self.saw_number && self.current > 0.0 {
                    // "trois milliers" reads as a scale
                    self.total += self.current * unit;
                    self.current = 0.0;
                } else {
                    self.vague = true;
                    self.current = 2.0 * unit;
                }
                self.article = false;
            }
            NumWord::Half => {
                self.pending_half = true;
                self.article = false;
            }
        }
        self.saw_number = true;
        true
    }
}
