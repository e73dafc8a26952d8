//! Dates written in article text, and the publication date worked out from them.
//!
//! Written dates are found on the token stream (see `token`) with the date words of every
//! language's profile (`languages`, `Language::dates`): month names, weekday names, relative day
//! words (hier, yesterday, вчера, أمس…) and the words that make a weekday point at the day of
//! publication ("ce samedi", "this Saturday", "اليوم السبت"). The words of every language are read
//! as one table: month and weekday names barely collide across languages, a month name only
//! counts next to a day number or a year, and a dateline may be in another language than the text.

use std::sync::OnceLock;

pub use crate::languages::Period;
use crate::languages::{self, word_set};
use crate::lexicon::WordMap;
use serde::Serialize;

use crate::model::{Date, DateBasis, Span, Weekday};
use crate::token::{Token, TokenKind};

/// The word tables as one map, built on first use: a token costs one lookup, not a scan of
/// every table.
#[derive(Clone, Copy, Default)]
struct LexiconEntry {
    month: Option<u8>,
    weekday: Option<Weekday>,
    relative: Option<i64>,
    period: Option<Period>,
    number: Option<i64>,
}

fn lexicon() -> &'static WordMap<LexiconEntry> {
    static LEXICON: OnceLock<WordMap<LexiconEntry>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map: WordMap<LexiconEntry> = WordMap::default();
        for (word, month) in languages::all(|l| l.dates.months) {
            map.entry(word).or_default().month = Some(*month);
        }
        for (word, weekday) in languages::all(|l| l.dates.weekdays) {
            map.entry(word).or_default().weekday = Some(*weekday);
        }
        for (word, days) in languages::all(|l| l.dates.relative_days) {
            map.entry(word).or_default().relative = Some(*days);
        }
        for (word, period) in languages::all(|l| l.dates.periods) {
            map.entry(word).or_default().period = Some(*period);
        }
        for (word, n) in languages::all(|l| l.dates.numbers) {
            map.entry(word).or_default().number = Some(*n);
        }
        map
    })
}

fn month_word(norm: &str) -> Option<u8> {
    let trimmed = norm.trim_end_matches('.');
    if let Some(m) = lexicon().get(trimmed).and_then(|e| e.month) {
        return Some(m);
    }
    // Russian case forms: stem + at most two letters (мая, мае, май; марта, марте)
    let first = trimmed.chars().next()?;
    if ('а'..='я').contains(&first) {
        for (stem, m) in languages::all(|l| l.dates.month_stems) {
            if let Some(rest) = trimmed.strip_prefix(stem) {
                let rest_len = rest.chars().count();
                let ok = if *stem == "ма" {
                    matches!(rest, "й" | "и" | "я" | "е")
                } else {
                    rest_len <= 2
                };
                if ok {
                    return Some(*m);
                }
            }
        }
    }
    None
}

/// A month, weekday or relative-day word ("mars", "Samstag", "вчера"): never a name.
pub fn is_date_word(norm: &str) -> bool {
    lexicon().contains_key(norm) || month_word(norm).is_some()
}

/// A weekday or month word as a language-independent number (months 1–12, weekdays 100 +
/// Monday-based index): "samedi", "Saturday" and "السبت" give the same one.
pub fn calendar_word(norm: &str) -> Option<u16> {
    weekday_word(norm)
        .map(|w| 100 + w.index() as u16)
        .or_else(|| month_word(norm).map(u16::from))
}

fn weekday_word(norm: &str) -> Option<Weekday> {
    let lookup = |w: &str| lexicon().get(w).and_then(|e| e.weekday);
    lookup(norm).or_else(|| {
        // Arabic clitics: وال… / بال… / لل… ("والسبت", "بالسبت")
        let stripped = norm.strip_prefix('و').or_else(|| norm.strip_prefix('ب'))?;
        lookup(stripped)
    })
}

/// A month at token `i`, with the number of tokens it spans (Levantine Arabic names take two:
/// كانون الثاني = January, تشرين الأول = October…).
fn month_at(tokens: &[Token], i: usize) -> Option<(u8, usize)> {
    let token = tokens.get(i)?;
    if token.kind != TokenKind::Word {
        return None;
    }
    let next = tokens.get(i + 1).map(|t| t.norm.as_str());
    match (token.norm.as_str(), next) {
        ("كانون", Some("الثاني")) => return Some((1, 2)),
        ("كانون", Some("الاول")) => return Some((12, 2)),
        ("تشرين", Some("الاول")) => return Some((10, 2)),
        ("تشرين", Some("الثاني")) => return Some((11, 2)),
        _ => {}
    }
    // "Dec." → the period is its own token, skip it as part of the month
    let month = month_word(&token.norm)?;
    let dot = tokens
        .get(i + 1)
        .is_some_and(|t| t.norm == "." && t.span.start == token.span.end);
    Some((
        month,
        if dot && token.norm.chars().count() <= 4 {
            2
        } else {
            1
        },
    ))
}

fn number_value(token: &Token) -> Option<u32> {
    if token.kind != TokenKind::Number {
        return None;
    }
    let digits: String = token
        .norm
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let suffix = &token.norm[digits.len()..];
    if !matches!(
        suffix,
        "" | "er" | "re" | "e" | "eme" | "st" | "nd" | "rd" | "th" | "-го" | "го"
    ) {
        return None;
    }
    if digits.len() > 4 {
        return None;
    }
    digits.parse().ok()
}

fn day_value(token: &Token) -> Option<u8> {
    let value = number_value(token)?;
    (1..=31).contains(&value).then_some(value as u8)
}

fn year_value(token: &Token) -> Option<i32> {
    if token.kind != TokenKind::Number || token.norm.len() != 4 {
        return None;
    }
    let value: i32 = token.norm.parse().ok()?;
    (1900..=2100).contains(&value).then_some(value)
}

/// What a date mention says before it is resolved against the article's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateExpr {
    /// A full date, written out.
    Full(Date),
    /// Day and month without a year, maybe with a weekday.
    DayMonth {
        day: u8,
        month: u8,
        weekday: Option<Weekday>,
    },
    /// A month of a year ("mars 2020").
    MonthYear { year: i32, month: u8 },
    /// A year alone ("en 2015").
    Year(i32),
    /// A weekday, maybe pointing at the day of writing ("ce samedi") or another week.
    Weekday { weekday: Weekday, shift: WeekShift },
    /// Days relative to the day of writing (hier = -1).
    RelativeDays(i64),
    /// A span of time back from the day of writing ("il y a 15 mois", "three weeks ago").
    Ago { amount: i64, unit: Period },
    /// The calendar period before the one of writing ("la semaine dernière", "last month").
    Previous(Period),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekShift {
    /// Plain weekday: the day of writing if it matches, else the last one before it.
    Nearest,
    /// "ce samedi": the day of writing itself (or the nearest such day).
    ThisOne,
    Next,
    Last,
}

/// A date expression found in a text, with its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateFound {
    pub span: Span,
    pub expr: DateExpr,
    /// A weekday written next to a full date ("الأحد 2016/12/04"), to check it.
    pub weekday: Option<Weekday>,
}

fn numeric_date(token: &Token) -> Option<Date> {
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

fn is_filler(token: &Token) -> bool {
    matches!(
        token.norm.as_str(),
        "," | "." | "de" | "del" | "le" | "the" | "of" | "den" | "،" | "يوم"
    )
}

/// Tries every pattern at token `i`; returns the item and how many tokens it used.
fn date_at(tokens: &[Token], i: usize) -> Option<(DateFound, usize)> {
    if let Some(found) = period_at(tokens, i) {
        return Some(found);
    }
    let token = &tokens[i];
    let span_to = |j: usize| Span::new(token.span.start, tokens[j].span.end);

    if token.kind == TokenKind::Number {
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
        return None;
    }
    if token.kind != TokenKind::Word {
        return None;
    }

    if let Some(weekday) = weekday_word(&token.norm) {
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
            word_set!(dates.next_after).contains_key(w)
                || word_set!(dates.last_after).contains_key(w)
        }) {
            tokens[i + 1].span.end
        } else {
            token.span.end
        };
        return Some((
            DateFound {
                span: Span::new(start, end),
                expr: DateExpr::Weekday { weekday, shift },
                weekday: None,
            },
            1,
        ));
    }

    if let Some((month, used)) = month_at(tokens, i) {
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
        return None;
    }

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

fn period_word(norm: &str) -> Option<Period> {
    lexicon()
        .get(norm.trim_end_matches('.'))
        .and_then(|e| e.period)
}

fn number_word(norm: &str) -> Option<i64> {
    lexicon().get(norm).and_then(|e| e.number)
}

fn amount_at(token: &Token) -> Option<i64> {
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
fn period_at(tokens: &[Token], i: usize) -> Option<(DateFound, usize)> {
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
fn day_month_at(
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

/// An article's publication date with its basis and the evidence, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublishedDate {
    pub date: Date,
    pub basis: DateBasis,
    pub evidence: String,
}

/// Works out the publication date from the text when metadata gave none. `text` is everything
/// the source printed (title and every paragraph, removed furniture included: a dated photo
/// caption is evidence of the date even though it is not the article). `head` holds the
/// spans of the head (title, dateline, first lines).
pub fn infer_published(
    text: &str,
    tokens: &[Token],
    head: &[Span],
    found: &[DateFound],
) -> (Option<PublishedDate>, Vec<String>) {
    let mut notes = Vec::new();
    let quote = |span: Span| text.get(span.start..span.end).unwrap_or("").to_string();

    // 1. A dateline: a full date in the head of the article.
    let dateline = found.iter().find_map(|f| match f.expr {
        DateExpr::Full(date)
            if head
                .iter()
                .any(|h| h.start <= f.span.start && f.span.end <= h.end) =>
        {
            Some((f, date))
        }
        _ => None,
    });
    if let Some((item, date)) = dateline {
        if let Some(weekday) = item.weekday.or_else(|| weekday_before(tokens, item.span)) {
            if weekday != date.weekday() {
                notes.push(format!(
                    "the dateline names a {weekday:?} but {date} was a {:?}",
                    date.weekday()
                ));
            }
        }
        return (
            Some(PublishedDate {
                date,
                basis: DateBasis::Text,
                evidence: format!("dateline \"{}\"", quote(item.span)),
            }),
            notes,
        );
    }

    let max_year = found
        .iter()
        .filter_map(|f| match f.expr {
            DateExpr::Full(d) => Some(d.year),
            DateExpr::MonthYear { year, .. } | DateExpr::Year(year) => Some(year),
            _ => None,
        })
        .max();

    // 2. Weekday + day + month without a year: the year whose calendar fits, no earlier than any
    //    year the text mentions (a story is written after what it recounts).
    let deictic = |f: &DateFound| {
        let before = tokens.iter().rev().find(|t| t.span.end <= f.span.start);
        before.is_some_and(|t| word_set!(dates.this_before).contains_key(t.norm.as_str()))
    };
    let mut dated_weekdays: Vec<&DateFound> = found
        .iter()
        .filter(|f| {
            matches!(
                f.expr,
                DateExpr::DayMonth {
                    weekday: Some(_),
                    ..
                }
            )
        })
        .collect();
    dated_weekdays.sort_by_key(|f| !deictic(f)); // "ce samedi 30 novembre" first
    if let Some(item) = dated_weekdays.first() {
        if let DateExpr::DayMonth {
            day,
            month,
            weekday: Some(weekday),
        } = item.expr
        {
            match max_year {
                Some(floor) => {
                    let year = (floor..floor + 28).find(|y| {
                        Date::new(*y, month, day).is_some_and(|d| d.weekday() == weekday)
                    });
                    if let Some(date) = year.and_then(|y| Date::new(y, month, day)) {
                        let evidence = format!(
                            "\"{}\" with no year: the first {weekday:?} {day}/{month} from {floor} on, the latest year the text mentions",
                            quote(item.span)
                        );
                        return (
                            Some(PublishedDate {
                                date,
                                basis: DateBasis::Inferred,
                                evidence,
                            }),
                            notes,
                        );
                    }
                }
                None => notes.push(format!(
                    "\"{}\" gives no year and the text mentions none",
                    quote(item.span)
                )),
            }
        }
    }

    // 3. "ce samedi" next to a full date elsewhere in the page (a dated caption, a dateline of a
    //    quoted report): the first such weekday on or after the latest full date written.
    let latest_full = found
        .iter()
        .filter_map(|f| {
            if let DateExpr::Full(d) = f.expr {
                Some(d)
            } else {
                None
            }
        })
        .max();
    let this_weekday = found.iter().find(|f| {
        matches!(
            f.expr,
            DateExpr::Weekday {
                shift: WeekShift::ThisOne,
                ..
            }
        )
    });
    if let (Some(anchor), Some(item)) = (latest_full, this_weekday) {
        if let DateExpr::Weekday { weekday, .. } = item.expr {
            let offset = (weekday.index() - anchor.weekday().index()).rem_euclid(7);
            if let Some(date) = anchor.add_days(offset) {
                let evidence = format!(
                    "\"{}\", on or after {anchor}, the latest date the page gives",
                    quote(item.span)
                );
                return (
                    Some(PublishedDate {
                        date,
                        basis: DateBasis::Inferred,
                        evidence,
                    }),
                    notes,
                );
            }
        }
    }

    // 4. The first full date the text gives, unless it is the start of something ("since 15 April").
    let since = |f: &DateFound| {
        sentence_before(tokens, f.span)
            .take(10)
            .any(|t| word_set!(dates.since).contains_key(t.norm.as_str()))
    };
    if let Some(item) = found
        .iter()
        .find(|f| matches!(f.expr, DateExpr::Full(_)) && !since(f))
    {
        if let DateExpr::Full(date) = item.expr {
            return (
                Some(PublishedDate {
                    date,
                    basis: DateBasis::Text,
                    evidence: format!("first date in the text \"{}\"", quote(item.span)),
                }),
                notes,
            );
        }
    }
    (None, notes)
}

/// The tokens of the sentence before `span`, nearest first (at most 25).
fn sentence_before(tokens: &[Token], span: Span) -> impl Iterator<Item = &Token> {
    let end = tokens.partition_point(|t| t.span.end <= span.start);
    tokens[..end]
        .iter()
        .rev()
        .take(25)
        .take_while(|t| !matches!(t.norm.as_str(), "." | "!" | "?" | "؟" | "\n"))
}

fn weekday_before(tokens: &[Token], span: Span) -> Option<Weekday> {
    let before = tokens.iter().rev().find(|t| t.span.end <= span.start)?;
    if span.start - before.span.end > 3 {
        return None;
    }
    weekday_word(&before.norm)
}

/// A date mention in an article, resolved against the publication date when it needs one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DateMention {
    /// "YYYY-MM-DD" for a day, "YYYY-MM-DD/YYYY-MM-DD" for a month or a year, null when it
    /// cannot be resolved (a weekday in an undated article).
    pub value: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Resolves one expression against the publication date.
pub fn resolve(expr: DateExpr, published: Option<Date>) -> Option<String> {
    let range = |a: Date, b: Date| format!("{a}/{b}");
    match expr {
        DateExpr::Full(d) => Some(d.to_string()),
        DateExpr::MonthYear { year, month } => {
            let first = Date::new(year, month, 1)?;
            let last = Date::new(year, month, crate::model::days_in_month(year, month))?;
            Some(range(first, last))
        }
        DateExpr::Year(year) => Some(range(Date::new(year, 1, 1)?, Date::new(year, 12, 31)?)),
        DateExpr::DayMonth {
            day,
            month,
            weekday,
        } => {
            let p = published?;
            // the year that puts the day closest to the day of writing, weekday preferred
            let mut candidates: Vec<Date> = (p.year - 1..=p.year + 1)
                .filter_map(|y| Date::new(y, month, day))
                .collect();
            candidates.sort_by_key(|d| {
                let mismatch = weekday.is_some_and(|w| d.weekday() != w);
                (mismatch, (d.to_days() - p.to_days()).abs())
            });
            candidates.first().map(|d| d.to_string())
        }
        DateExpr::Weekday { weekday, shift } => {
            let p = published?;
            let back = (p.weekday().index() - weekday.index()).rem_euclid(7);
            let days = match shift {
                WeekShift::Nearest | WeekShift::ThisOne => -back,
                WeekShift::Last => -(if back == 0 { 7 } else { back }),
                WeekShift::Next => {
                    let fwd = (weekday.index() - p.weekday().index()).rem_euclid(7);
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
            };
            p.add_days(days).map(|d| d.to_string())
        }
        DateExpr::RelativeDays(days) => published?.add_days(days).map(|d| d.to_string()),
        DateExpr::Ago { amount, unit } => {
            let p = published?;
            match unit {
                Period::Day => p.add_days(-amount).map(|d| d.to_string()),
                Period::Week => p.add_days(-7 * amount).map(|d| d.to_string()),
                Period::Month => month_back(p, amount),
                Period::Year => {
                    let year = p.year - i32::try_from(amount).ok()?;
                    Some(range(Date::new(year, 1, 1)?, Date::new(year, 12, 31)?))
                }
            }
        }
        DateExpr::Previous(unit) => {
            let p = published?;
            match unit {
                Period::Day => p.add_days(-1).map(|d| d.to_string()),
                Period::Week => {
                    let monday = p.add_days(-p.weekday().index() - 7)?;
                    Some(range(monday, monday.add_days(6)?))
                }
                Period::Month => month_back(p, 1),
                Period::Year => Some(range(
                    Date::new(p.year - 1, 1, 1)?,
                    Date::new(p.year - 1, 12, 31)?,
                )),
            }
        }
    }
}

/// The whole month `months` before the one of `p`, as a range.
fn month_back(p: Date, months: i64) -> Option<String> {
    let index = i64::from(p.year) * 12 + i64::from(p.month) - 1 - months;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
    let first = Date::new(year, month, 1)?;
    let last = Date::new(year, month, crate::model::days_in_month(year, month))?;
    Some(format!("{first}/{last}"))
}

/// Every date mention of `text`, resolved against `published`.
pub fn date_mentions(text: &str, tokens: &[Token], published: Option<Date>) -> Vec<DateMention> {
    mentions_placed(text, tokens, &find_dates(tokens), published, Some)
}

/// Date mentions from expressions already found in `text` (whose tokens are `tokens`), resolved
/// against `published`. `place` maps each span to where it stands in the output text, or drops
/// it: the pipeline scans the whole page once and keeps the mentions that fall in kept
/// paragraphs, at their offsets in the cleaned text.
pub fn mentions_placed(
    text: &str,
    tokens: &[Token],
    found: &[DateFound],
    published: Option<Date>,
    place: impl Fn(Span) -> Option<Span>,
) -> Vec<DateMention> {
    found
        .iter()
        .filter_map(|f| {
            let at = place(f.span)?;
            let mut expr = f.expr;
            if let DateExpr::Weekday {
                weekday,
                shift: WeekShift::Nearest,
            } = expr
            {
                if sentence_before(tokens, f.span)
                    .any(|t| word_set!(dates.future_cues).contains_key(t.norm.as_str()))
                {
                    expr = DateExpr::Weekday {
                        weekday,
                        shift: WeekShift::Next,
                    };
                }
            }
            Some(DateMention {
                value: resolve(expr, published),
                text: text.get(f.span.start..f.span.end).unwrap_or("").to_string(),
                start: at.start,
                end: at.end,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn published(text: &str) -> Option<PublishedDate> {
        let tokens = tokenize(text);
        let head = [Span::new(0, text.find('\n').unwrap_or(text.len()))];
        infer_published(text, &tokens, &head, &find_dates(&tokens)).0
    }

    #[test]
    fn dateline_with_weekday_and_arabic_indic_digits() {
        let p = published("الاثنين ٢٠٢٣/٠٢/٠٦\nضرب زلزال قوي جنوب تركيا").unwrap();
        assert_eq!(p.date.to_string(), "2023-02-06");
        assert_eq!(p.basis, DateBasis::Text);
    }

    #[test]
    fn weekday_day_month_without_year_takes_the_year_that_fits() {
        // 14 March was a Saturday in 2015 and 2020 (and 2026); the text mentions 2019.
        let text = "Titre\nLe conseil s'est réuni ce samedi 14 mars. Une loi votée en janvier 2019 l'y oblige.";
        let p = published(text).unwrap();
        assert_eq!(p.date.to_string(), "2020-03-14");
        assert_eq!(p.basis, DateBasis::Inferred);
    }

    #[test]
    fn this_weekday_next_to_a_dated_caption() {
        let text = "Title\nPhoto taken in Kyiv on March 3, 2022\nThe mayor spoke this Saturday about the siege.";
        let p = published(text).unwrap();
        assert_eq!(p.date.to_string(), "2022-03-05");
    }

    #[test]
    fn relative_weekdays_resolve_against_the_day_of_writing() {
        let sunday = Date::new(2016, 12, 4);
        let text =
            "وقالت روسيا السبت إنها مستعدة. Il est parti mercredi, reviendra mardi prochain.";
        let tokens = tokenize(text);
        let mentions = date_mentions(text, &tokens, sunday);
        let values: Vec<_> = mentions
            .iter()
            .map(|m| (m.text.as_str(), m.value.as_deref()))
            .collect();
        assert_eq!(
            values,
            vec![
                ("السبت", Some("2016-12-03")),
                ("mercredi", Some("2016-11-30")),
                ("mardi prochain", Some("2016-12-06"))
            ]
        );
    }

    #[test]
    fn written_dates_in_several_languages() {
        let cases = [
            ("am 4. Dezember 2016", "2016-12-04"),
            ("el 4 de diciembre de 2016", "2016-12-04"),
            ("4 декабря 2016 года", "2016-12-04"),
            ("on December 9, 2016", "2016-12-09"),
            ("في 4 كانون الأول 2016", "2016-12-04"),
            ("le 1er février 2021", "2021-02-01"),
            ("04.12.2016", "2016-12-04"),
        ];
        for (text, want) in cases {
            let tokens = tokenize(text);
            let mentions = date_mentions(text, &tokens, None);
            assert_eq!(mentions.len(), 1, "{text}: {mentions:?}");
            assert_eq!(mentions[0].value.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn future_weekdays_look_forward() {
        let wednesday = Date::new(2017, 7, 26);
        let text = "Le ministre doit se rendre sur place jeudi. Le feu a repris lundi.";
        let mentions = date_mentions(text, &tokenize(text), wednesday);
        assert_eq!(mentions[0].value.as_deref(), Some("2017-07-27"));
        assert_eq!(mentions[1].value.as_deref(), Some("2017-07-24"));
    }

    #[test]
    fn a_date_after_since_is_not_the_publication_date() {
        let text = "Título\nLas conversaciones, las primeras desde el inicio de los combates el 15 de abril de 2023, siguen.";
        assert_eq!(published(text), None);
    }

    #[test]
    fn periods_back_from_the_day_of_writing() {
        let sunday = Date::new(2016, 12, 4);
        let cases = [
            (
                "Moscou est intervenue il y a 15 mois.",
                "il y a 15 mois",
                "2015-09-01/2015-09-30",
            ),
            (
                "تدخل سلاحها الجوي في الحرب قبل 15 شهرا",
                "قبل 15 شهرا",
                "2015-09-01/2015-09-30",
            ),
            (
                "The talks began three weeks ago.",
                "three weeks ago",
                "2016-11-13",
            ),
            (
                "Die Gespräche begannen vor drei Tagen.",
                "vor drei Tagen",
                "2016-12-01",
            ),
            (
                "Переговоры начались 10 дней назад.",
                "10 дней назад",
                "2016-11-24",
            ),
            (
                "Il avait été nommé la semaine dernière.",
                "la semaine dernière",
                "2016-11-21/2016-11-27",
            ),
            (
                "Встреча прошла на прошлой неделе.",
                "на прошлой неделе",
                "2016-11-21/2016-11-27",
            ),
            (
                "وقعت الاشتباكات الشهر الماضي",
                "الشهر الماضي",
                "2016-11-01/2016-11-30",
            ),
            (
                "Ocurrió el año pasado.",
                "el año pasado",
                "2015-01-01/2015-12-31",
            ),
        ];
        for (text, words, value) in cases {
            let mentions = date_mentions(text, &tokenize(text), sunday);
            let found = mentions.iter().find(|m| m.text == words);
            assert_eq!(
                found.and_then(|m| m.value.as_deref()),
                Some(value),
                "{text}: {mentions:?}"
            );
        }
        let text = "Il y a des raisons d'espérer.";
        assert!(
            date_mentions(text, &tokenize(text), sunday).is_empty(),
            "il y a without a period is not a date"
        );
    }

    #[test]
    fn russian_may_survives_the_normalisation_of_short_i() {
        let text = "Это случилось 9 мая 2023 года, а в мае 2024 года снова.";
        let mentions = date_mentions(text, &tokenize(text), None);
        let values: Vec<_> = mentions.iter().filter_map(|m| m.value.clone()).collect();
        assert!(values.contains(&"2023-05-09".to_string()), "{mentions:?}");
        assert!(
            values.contains(&"2024-05-01/2024-05-31".to_string()),
            "{mentions:?}"
        );
    }

    #[test]
    fn a_month_name_alone_is_not_a_date() {
        let text = "They may leave in march formation.";
        assert!(date_mentions(text, &tokenize(text), None).is_empty());
    }
}
