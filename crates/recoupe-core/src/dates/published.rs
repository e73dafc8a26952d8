//! The publication date worked out from the text: a dateline, a weekday with day and month and the year inferred, "this Saturday" next to a dated caption, the first full date.

use super::*;

/// An article's publication date with its basis and the evidence, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
    let published = by_dateline(text, tokens, head, found, &mut notes)
        .or_else(|| by_weekday_and_day(text, tokens, found, &mut notes))
        .or_else(|| by_this_weekday(text, found))
        .or_else(|| by_first_full_date(text, tokens, found));
    (published, notes)
}

/// 1. A dateline: a full date in the head of the article (a weekday that does not fit is noted).
fn by_dateline(
    text: &str,
    tokens: &[Token],
    head: &[Span],
    found: &[DateFound],
    notes: &mut Vec<String>,
) -> Option<PublishedDate> {
    let quote = |span: Span| text.get(span.start..span.end).unwrap_or("").to_string();
    // a birth date in the first line of an obituary is no dateline: the text goes on to years
    // long after it
    let latest_year = latest_year(found);
    let dateline = found.iter().find_map(|f| match f.expr {
        DateExpr::Full(date)
            if head
                .iter()
                .any(|h| h.start <= f.span.start && f.span.end <= h.end)
                && !recounted(date.year, latest_year) =>
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
        return Some(PublishedDate {
            date,
            basis: DateBasis::Text,
            evidence: format!("dateline \"{}\"", quote(item.span)),
        });
    }
    None
}

/// Years before the latest year a text names that make a date what the text recounts (a birth,
/// an anniversary), not the day it was written. Nearer years are no such evidence: a text
/// names the plans of the next years ("the 2024 elections") as often as its past.
const RECOUNTED_YEARS: i32 = 10;

/// Whether a date of `year` is long before the latest year the text names.
fn recounted(year: i32, latest_year: Option<i32>) -> bool {
    latest_year.is_some_and(|y| year + RECOUNTED_YEARS < y)
}

/// The latest year a text names, in a full date, a month or a year alone.
fn latest_year(found: &[DateFound]) -> Option<i32> {
    found
        .iter()
        .filter_map(|f| match f.expr {
            DateExpr::Full(d) => Some(d.year),
            DateExpr::MonthYear { year, .. } | DateExpr::Year(year) => Some(year),
            _ => None,
        })
        .max()
}

/// 2. Weekday + day + month without a year: the year whose calendar fits, no earlier than any
///    year the text mentions (a story is written after what it recounts).
fn by_weekday_and_day(
    text: &str,
    tokens: &[Token],
    found: &[DateFound],
    notes: &mut Vec<String>,
) -> Option<PublishedDate> {
    let quote = |span: Span| text.get(span.start..span.end).unwrap_or("").to_string();
    let max_year = latest_year(found);

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
                        return Some(PublishedDate {
                            date,
                            basis: DateBasis::Inferred,
                            evidence,
                        });
                    }
                }
                None => notes.push(format!(
                    "\"{}\" gives no year and the text mentions none",
                    quote(item.span)
                )),
            }
        }
    }
    None
}

/// 3. "ce samedi" next to a full date elsewhere in the page (a dated caption, a dateline of a
///    quoted report): the first such weekday on or after the latest full date written.
fn by_this_weekday(text: &str, found: &[DateFound]) -> Option<PublishedDate> {
    let quote = |span: Span| text.get(span.start..span.end).unwrap_or("").to_string();
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
                return Some(PublishedDate {
                    date,
                    basis: DateBasis::Inferred,
                    evidence,
                });
            }
        }
    }
    None
}

/// 4. The first full date the text gives, unless it is the start of something ("since 15 April"),
///    ahead of the writing ("the ceremony will be held on 22 February"), or long before a year
///    the text names (a birth date in an obituary: a story is written after what it recounts).
fn by_first_full_date(text: &str, tokens: &[Token], found: &[DateFound]) -> Option<PublishedDate> {
    let quote = |span: Span| text.get(span.start..span.end).unwrap_or("").to_string();
    let since = |f: &DateFound| {
        sentence_before(tokens, f.span)
            .take(10)
            .any(|t| word_set!(dates.since).contains_key(t.norm.as_str()))
    };
    let ahead = |f: &DateFound| {
        sentence_before(tokens, f.span)
            .chain(words_after(tokens, f.span))
            .any(|t| word_set!(dates.future_cues).contains_key(t.norm.as_str()))
    };
    let latest_year = latest_year(found);
    let recent = |date: &crate::model::Date| !recounted(date.year, latest_year);
    if let Some(item) = found.iter().find(|f| match f.expr {
        DateExpr::Full(date) => recent(&date) && !since(f) && !ahead(f),
        _ => false,
    }) {
        if let DateExpr::Full(date) = item.expr {
            return Some(PublishedDate {
                date,
                basis: DateBasis::Text,
                evidence: format!("first date in the text \"{}\"", quote(item.span)),
            });
        }
    }
    None
}

/// The tokens of the sentence before `span`, nearest first (at most 25).
pub(super) fn sentence_before(tokens: &[Token], span: Span) -> impl Iterator<Item = &Token> {
    let end = tokens.partition_point(|t| t.span.end <= span.start);
    tokens[..end]
        .iter()
        .rev()
        .take(25)
        .take_while(|t| !matches!(t.norm.as_str(), "." | "!" | "?" | "؟" | "\n"))
}

/// The few words right after `span` in its clause ("в четверг посетит": the verb follows; "said
/// on Monday that she will": the verb is another clause's).
pub(super) fn words_after(tokens: &[Token], span: Span) -> impl Iterator<Item = &Token> {
    let start = tokens.partition_point(|t| t.span.start < span.end);
    tokens[start..]
        .iter()
        .take_while(|t| {
            !matches!(t.norm.as_str(), "." | "!" | "?" | "؟" | "," | "\n")
                && !word_set!(dates.clause_openers).contains_key(t.norm.as_str())
        })
        .take(3)
}

pub(super) fn weekday_before(tokens: &[Token], span: Span) -> Option<Weekday> {
    let before = tokens.iter().rev().find(|t| t.span.end <= span.start)?;
    if span.start - before.span.end > 3 {
        return None;
    }
    weekday_word(&before.norm)
}
