//! Written dates found on the tokens: full and numeric dates, weekdays and how they shift, relative days, periods counted back ("il y a trois semaines", "last month").

use super::*;

pub(super) fn numeric_date(token: &Token) -> Option<Date> {
    let norm = &token.norm;
    let sep = norm.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = norm.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 {
        return None;
    }
    if parts[0].len() == 4 {
        return Date::new(
            nums[0] as i32,
            u8::try_from(nums[1]).ok()?,
            u8::try_from(nums[2]).ok()?,
        );
    }
    if parts[2].len() != 4 {
        return None;
    }
    let year = nums[2] as i32;
    // day first unless that is impossible (05/13/2016 is May 13th)
    let (a, b) = (u8::try_from(nums[0]).ok()?, u8::try_from(nums[1]).ok()?);
    Date::new(year, b, a).or_else(|| Date::new(year, a, b))
}

/// Finds every date expression in a token stream. Spans are into the text the tokens came from.
pub fn find_dates(tokens: &[Token]) -> Vec<DateFound> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((item, used)) = date_at(tokens, i) {
            found.push(item);
            i += used.max(1);
        } else {
            i += 1;
        }
    }
    found
}

pub(super) fn is_filler(token: &Token) -> bool {
    matches!(
        token.norm.as_str(),
        "," | "." | "de" | "del" | "le" | "the" | "of" | "den" | "،" | "يوم"
    )
}

/// Tries every pattern at token `i`; returns the item and how many tokens it used.
pub(super) fn date_at(tokens: &[Token], i: usize) -> Option<(DateFound, usize)> {
    if let Some(found) = period_at(tokens, i) {
        return Some(found);
    }
    let token = &tokens[i];
    if token.kind == TokenKind::Number {
        return number_date_at(tokens, i);
    }
    if token.kind != TokenKind::Word {
        return None;
    }

    if let Some(weekday) = weekday_word(&token.norm) {
        return weekday_date_at(tokens, i, weekday);
    }
    if let Some((month, used)) = month_at(tokens, i) {
        return month_date_at(tokens, i, month, used);
    }
    relative_day_at(tokens, i)
}

/// A date written with digits at token `i`: a full date ("15/04/2024"), a day and month, a year.
fn number_date_at(tokens: &[Token], i: usize) -> Option<(DateFound, usize)> {
    let token = &tokens[i];
    if let Some(date) = numeric_date(token) {
        return Some((
            DateFound {
                span: token.span,
                expr: DateExpr::Full(date),
                weekday: None,
            },
            1,
        ));
    }
    if let Some((found, used)) = day_month_at(tokens, i, None) {
        return Some((found, used));
    }
    if let Some(year) = year_value(token) {
        return Some((
            DateFound {
                span: token.span,
                expr: DateExpr::Year(year),
                weekday: None,
            },
            1,
        ));
    }
    None
}

/// A date opened by a weekday at token `i`.
fn weekday_date_at(tokens: &[Token], i: usize, weekday: Weekday) -> Option<(DateFound, usize)> {
    let token = &tokens[i];
    // weekday [,] [the] day month [year]  /  weekday [,] month day [year]
    let mut j = i + 1;
    while tokens.get(j).is_some_and(is_filler) {
        j += 1;
    }
    if let Some((mut found, used)) = day_month_at(tokens, j, Some(weekday)) {
        found.span.start = token.span.start;
        return Some((found, j - i + used));
    }
    let before = i.checked_sub(1).map(|k| tokens[k].norm.as_str());
    let after = tokens.get(i + 1).map(|t| t.norm.as_str());
    let shift = if before.is_some_and(|w| word_set!(dates.this_before).contains_key(w)) {
        WeekShift::ThisOne
    } else if before.is_some_and(|w| word_set!(dates.next_before).contains_key(w))
        || after.is_some_and(|w| word_set!(dates.next_after).contains_key(w))
    {
        WeekShift::Next
    } else if before.is_some_and(|w| word_set!(dates.last_before).contains_key(w))
        || after.is_some_and(|w| word_set!(dates.last_after).contains_key(w))
    {
        WeekShift::Last
    } else {
        WeekShift::Nearest
    };
    // the deictic word belongs to the mention: "ce samedi"
    let start = if shift == WeekShift::ThisOne
        || (shift != WeekShift::Nearest
            && before.is_some_and(|w| {
                word_set!(dates.next_before).contains_key(w)
                    || word_set!(dates.last_before).contains_key(w)
            })) {
        tokens[i - 1].span.start
    } else {
        token.span.start
    };
    let end = if after.is_some_and(|w| {
        word_set!(dates.next_after).contains_key(w) || word_set!(dates.last_after).contains_key(w)
    }) {
        tokens[i + 1].span.end
    } else {
        token.span.end
    };
    Some((
        DateFound {
            span: Span::new(start, end),
            expr: DateExpr::Weekday { weekday, shift },
            weekday: None,
        },
        1,
    ))
}

/// A date opened by a month name at token `i` (`used` tokens long): month day[,] year (English),
/// month [de] year.
fn month_date_at(tokens: &[Token], i: usize, month: u8, used: usize) -> Option<(DateFound, usize)> {
    let span_to = |j: usize| Span::new(tokens[i].span.start, tokens[j].span.end);
    // month day[,] year  (English)
    let mut j = i + used;
    if let Some(day) = tokens.get(j).and_then(day_value) {
        let day_index = j;
        j += 1;
        while tokens.get(j).is_some_and(|t| t.norm == ",") {
            j += 1;
        }
        if let Some(year) = tokens.get(j).and_then(year_value) {
            let date = Date::new(year, month, day)?;
            return Some((
                DateFound {
                    span: span_to(j),
                    expr: DateExpr::Full(date),
                    weekday: None,
                },
                j - i + 1,
            ));
        }
        return Some((
            DateFound {
                span: span_to(day_index),
                expr: DateExpr::DayMonth {
                    day,
                    month,
                    weekday: None,
                },
                weekday: None,
            },
            day_index - i + 1,
        ));
    }
    // month [de] year
    let mut j = i + used;
    while tokens
        .get(j)
        .is_some_and(|t| t.norm == "de" || t.norm == "," || t.norm == "del")
    {
        j += 1;
    }
    if let Some(year) = tokens.get(j).and_then(year_value) {
        return Some((
            DateFound {
                span: span_to(j),
                expr: DateExpr::MonthYear { year, month },
                weekday: None,
            },
            j - i + 1,
        ));
    }
    None
}

/// A day named relative to the day of writing ("yesterday", "aujourd'hui") at token `i`.
fn relative_day_at(tokens: &[Token], i: usize) -> Option<(DateFound, usize)> {
    let token = &tokens[i];
    let relative = lexicon()
        .get(token.norm.as_str())
        .and_then(|e| e.relative)
        .or_else(|| {
            // French "aujourd'hui" and "avant-hier" are three tokens
            let next2 = tokens.get(i + 2).map(|t| t.norm.as_str());
            match (token.norm.as_str(), next2) {
                ("aujourd", Some("hui")) => Some(0),
                ("avant", Some("hier")) if tokens.get(i + 1).is_some_and(|t| t.norm == "-") => {
                    Some(-2)
                }
                _ => None,
            }
        });
    if let Some(days) = relative {
        let used = if matches!(token.norm.as_str(), "aujourd" | "avant") {
            3
        } else {
            1
        };
        let end = tokens[i + used - 1].span.end;
        return Some((
            DateFound {
                span: Span::new(token.span.start, end),
                expr: DateExpr::RelativeDays(days),
                weekday: None,
            },
            used,
        ));
    }
    None
}

pub(super) fn period_word(norm: &str) -> Option<Period> {
    lexicon()
        .get(norm.trim_end_matches('.'))
        .and_then(|e| e.period)
}

pub(super) fn number_word(norm: &str) -> Option<i64> {
    lexicon().get(norm).and_then(|e| e.number)
}

pub(super) fn amount_at(token: &Token) -> Option<i64> {
    if token.kind == TokenKind::Number {
        let digits: String = token
            .norm
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        return (digits.len() <= 3 && digits.len() == token.norm.len())
            .then(|| digits.parse().ok())
            .flatten();
    }
    number_word(&token.norm)
}

/// "il y a 15 mois", "three weeks ago", "vor drei Wochen", "hace dos años", "15 дней назад",
/// "قبل 15 شهرا"; "la semaine dernière", "last month", "letzte Woche", "la semana pasada",
/// "на прошлой неделе", "الأسبوع الماضي".
pub(super) fn period_at(tokens: &[Token], i: usize) -> Option<(DateFound, usize)> {
    let norm = |k: usize| tokens.get(k).map(|t| t.norm.as_str());
    let first = tokens.get(i)?;
    let entry = lexicon().get(first.norm.as_str());
    let trigger = first.kind == TokenKind::Number
        || entry.is_some_and(|e| e.period.is_some() || e.number.is_some())
        || first.norm == "il"
        || word_set!(dates.ago_before).contains_key(first.norm.as_str())
        || word_set!(dates.last_before).contains_key(first.norm.as_str());
    if !trigger {
        return None;
    }
    let found = |first: usize, last: usize, expr: DateExpr| {
        Some((
            DateFound {
                span: Span::new(tokens[first].span.start, tokens[last].span.end),
                expr,
                weekday: None,
            },
            last - first + 1,
        ))
    };
    // il y a N unit (fr)
    if norm(i) == Some("il") && norm(i + 1) == Some("y") && norm(i + 2) == Some("a") {
        let amount = tokens.get(i + 3).and_then(amount_at)?;
        let unit = norm(i + 4).and_then(period_word)?;
        return found(i, i + 4, DateExpr::Ago { amount, unit });
    }
    // vor / hace / قبل N unit
    if norm(i).is_some_and(|w| word_set!(dates.ago_before).contains_key(w)) {
        if let (Some(amount), Some(unit)) = (
            tokens.get(i + 1).and_then(amount_at),
            norm(i + 2).and_then(period_word),
        ) {
            return found(i, i + 2, DateExpr::Ago { amount, unit });
        }
        return None;
    }
    // N unit ago / назад
    if let (Some(amount), Some(unit)) = (
        tokens.get(i).and_then(amount_at),
        norm(i + 1).and_then(period_word),
    ) {
        if matches!(norm(i + 2), Some("ago" | "назад")) {
            return found(i, i + 2, DateExpr::Ago { amount, unit });
        }
    }
    // last / letzte / прошлой + unit
    if norm(i).is_some_and(|w| word_set!(dates.last_before).contains_key(w)) {
        let unit = norm(i + 1).and_then(period_word)?;
        let start = if i > 0 && matches!(norm(i - 1), Some("на" | "в")) {
            i - 1
        } else {
            i
        };
        return found(start, i + 1, DateExpr::Previous(unit));
    }
    // unit + dernier / pasado / الماضي (with its article: la semaine dernière, el mes pasado)
    if let Some(unit) = norm(i).and_then(period_word) {
        if matches!(
            norm(i + 1),
            Some(
                "derniere"
                    | "dernier"
                    | "passee"
                    | "passe"
                    | "pasada"
                    | "pasado"
                    | "الماضي"
                    | "الماضيه"
                    | "المنصرم"
            )
        ) {
            let start = if i > 0 && matches!(norm(i - 1), Some("la" | "le" | "l" | "el")) {
                i - 1
            } else {
                i
            };
            return found(start, i + 1, DateExpr::Previous(unit));
        }
    }
    None
}

/// day [.] [de] month [[,] [de] year]
pub(super) fn day_month_at(
    tokens: &[Token],
    i: usize,
    weekday: Option<Weekday>,
) -> Option<(DateFound, usize)> {
    let day = tokens.get(i).and_then(day_value)?;
    let mut j = i + 1;
    while tokens
        .get(j)
        .is_some_and(|t| t.norm == "." || t.norm == "de" || t.norm == "del")
    {
        j += 1;
    }
    let (month, used) = month_at(tokens, j)?;
    let month_end = j + used - 1;
    let mut k = month_end + 1;
    while tokens
        .get(k)
        .is_some_and(|t| matches!(t.norm.as_str(), "," | "de" | "del"))
    {
        k += 1;
    }
    let start = tokens[i].span.start;
    if let Some(year) = tokens.get(k).and_then(year_value) {
        let date = Date::new(year, month, day)?;
        // "2016 года", "2016 г." belong to the date
        let mut end = k;
        if tokens
            .get(k + 1)
            .is_some_and(|t| matches!(t.norm.as_str(), "года" | "г" | "م"))
        {
            end = k + 1;
        }
        return Some((
            DateFound {
                span: Span::new(start, tokens[end].span.end),
                expr: DateExpr::Full(date),
                weekday,
            },
            end - i + 1,
        ));
    }
    Date::new(2000, month, day)?; // the day exists in that month (in a leap year)
    Some((
        DateFound {
            span: Span::new(start, tokens[month_end].span.end),
            expr: DateExpr::DayMonth {
                day,
                month,
                weekday,
            },
            weekday,
        },
        month_end - i + 1,
    ))
}
