//! The date words of every language as one table (from the profiles in languages), and the month, weekday, day and year a token names.

use super::*;

/// The word tables as one map, built on first use: a token costs one lookup, not a scan of
/// every table.
#[derive(Clone, Copy, Default)]
pub(super) struct LexiconEntry {
    pub(super) month: Option<u8>,
    pub(super) weekday: Option<Weekday>,
    pub(super) relative: Option<i64>,
    pub(super) period: Option<Period>,
    pub(super) number: Option<i64>,
}

pub(super) fn lexicon() -> &'static WordMap<LexiconEntry> {
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

pub(super) fn month_word(norm: &str) -> Option<u8> {
    let trimmed = norm.trim_end_matches('.');
    if let Some(m) = lexicon().get(trimmed).and_then(|e| e.month) {
        return Some(m);
    }
    // Russian case forms: stem + at most two letters (мая, мае, май; марта, марте)
    let first = trimmed.chars().next()?;
    if !('а'..='я').contains(&first) {
        return None;
    }
    // no month stem starts with this letter: most words end here
    if month_stem_initials() & (1 << (u32::from(first) - u32::from('а'))) == 0 {
        return None;
    }
    // the stems that the word minus its last 0, 1 or 2 letters is; of those, the first listed
    let stems = month_stems();
    let ends =
        std::iter::once(trimmed.len()).chain(trimmed.char_indices().rev().take(2).map(|(i, _)| i));
    let mut best: Option<(usize, u8)> = None;
    for end in ends {
        let (stem, rest) = trimmed.split_at(end);
        let Some(&(index, month)) = stems.get(stem) else {
            continue;
        };
        // "ма" (May) takes one letter of a case ending, never more: "мая", not "марта"
        let ok = stem != "ма" || matches!(rest, "й" | "и" | "я" | "е");
        if ok && best.is_none_or(|(b, _)| index < b) {
            best = Some((index, month));
        }
    }
    best.map(|(_, month)| month)
}

/// The first letters (а to я, one bit each) of the month stems that start with one of them.
fn month_stem_initials() -> u32 {
    static INITIALS: OnceLock<u32> = OnceLock::new();
    *INITIALS.get_or_init(|| {
        month_stems()
            .keys()
            .filter_map(|stem| stem.chars().next())
            .filter(|c| ('а'..='я').contains(c))
            .fold(0, |mask, c| mask | 1 << (u32::from(c) - u32::from('а')))
    })
}

/// Every language's month stems (`Dates::month_stems`), each with its place in the list.
fn month_stems() -> &'static WordMap<(usize, u8)> {
    static STEMS: OnceLock<WordMap<(usize, u8)>> = OnceLock::new();
    STEMS.get_or_init(|| {
        let mut map: WordMap<(usize, u8)> = WordMap::default();
        for (index, (stem, month)) in languages::all(|l| l.dates.month_stems).enumerate() {
            map.entry(stem).or_insert((index, *month));
        }
        map
    })
}

/// [`is_date_word`] in the words of the article's language only, when it is known and has
/// date words ("May" in a Polish article is Theresa May, not a month); of every language else.
pub fn is_date_word_of(norm: &str, lang: Option<crate::model::Lang>) -> bool {
    let Some(dates) = lang
        .and_then(languages::of)
        .map(|l| &l.dates)
        .filter(|d| !d.months.is_empty() || !d.month_stems.is_empty())
    else {
        return is_date_word(norm);
    };
    let trimmed = norm.trim_end_matches('.');
    dates.months.iter().any(|(w, _)| *w == trimmed)
        || dates.weekdays.iter().any(|(w, _)| *w == trimmed)
        || dates.relative_days.iter().any(|(w, _)| *w == trimmed)
        || dates.periods.iter().any(|(w, _)| *w == trimmed)
        || dates.numbers.iter().any(|(w, _)| *w == trimmed)
        || dates.month_stems.iter().any(|(stem, _)| {
            trimmed
                .strip_prefix(stem)
                .is_some_and(|rest| rest.chars().count() <= 2)
        })
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

pub(super) fn weekday_word(norm: &str) -> Option<Weekday> {
    let lookup = |w: &str| lexicon().get(w).and_then(|e| e.weekday);
    lookup(norm).or_else(|| {
        // Arabic clitics: وال… / بال… / لل… ("والسبت", "بالسبت")
        let stripped = norm.strip_prefix('و').or_else(|| norm.strip_prefix('ب'))?;
        lookup(stripped)
    })
}

/// A month at token `i`, with the number of tokens it spans (Levantine Arabic names take two:
/// كانون الثاني = January, تشرين الأول = October…).
pub(super) fn month_at(tokens: &[Token], i: usize) -> Option<(u8, usize)> {
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

pub(super) fn number_value(token: &Token) -> Option<u32> {
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

pub(super) fn day_value(token: &Token) -> Option<u8> {
    let value = number_value(token)?;
    (1..=31).contains(&value).then_some(value as u8)
}

pub(super) fn year_value(token: &Token) -> Option<i32> {
    if token.kind != TokenKind::Number || token.norm.len() != 4 {
        return None;
    }
    let value: i32 = token.norm.parse().ok()?;
    (1900..=2100).contains(&value).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_months_are_read_in_every_case_and_nothing_longer() {
        for (word, month) in [
            ("января", Some(1)),
            ("марта", Some(3)),
            ("марте", Some(3)),
            ("март", Some(3)),
            ("мая", Some(5)),
            ("мае", Some(5)),
            ("май", Some(5)),
            ("августа", Some(8)),
            ("декабрём", Some(12)),
            ("мартовский", None),
            ("машина", None),
            ("ма", None),
            ("майка", None),
        ] {
            assert_eq!(month_word(word), month, "{word}");
        }
    }
}
