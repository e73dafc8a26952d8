//! Date mentions resolved against the publication date, and kept with their place in the text.

use super::*;

/// A date mention in an article, resolved against the publication date when it needs one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct DateMention {
    /// "YYYY-MM-DD" for a day, "YYYY-MM-DD/YYYY-MM-DD" for a month or a year, null when it
    /// cannot be resolved (a weekday in an undated article).
    pub value: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl DateMention {
    /// The last day the mention covers ("2017" → 2017-12-31), when it was resolved.
    pub fn last_day(&self) -> Option<Date> {
        Date::parse_iso(self.value.as_deref()?.rsplit('/').next()?)
    }
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
pub(super) fn month_back(p: Date, months: i64) -> Option<String> {
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
                // a future verb before the day in its sentence ("will visit on Thursday"), or
                // right after it ("в четверг посетит")
                if sentence_before(tokens, f.span)
                    .chain(words_after(tokens, f.span))
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
