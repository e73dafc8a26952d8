//! How values read by people are written, the same in the CLI and the web UI.

use recoupe_core::Date;

/// A value with its thousands grouped by a narrow no-break space ("30 000", "-1 217"); a value
/// with a fraction as Rust writes it ("3.5").
pub fn number(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return format!("{value}");
    }
    let n = value as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// `text` on one line (its whitespace runs made one space), cut to `max` characters with "…"
/// when longer.
pub fn short(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// A story's dates: one day, "start – end", or "undated".
pub fn date_range(start: Option<Date>, end: Option<Date>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s == e => s.to_string(),
        (Some(s), Some(e)) => format!("{s} – {e}"),
        _ => "undated".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands_signs_included() {
        assert_eq!(number(30_000.0), "30\u{202f}000");
        assert_eq!(number(-1_217.0), "-1\u{202f}217");
        assert_eq!(number(-100.0), "-100");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(3.5), "3.5");
    }

    #[test]
    fn short_text_is_one_line_of_at_most_max_characters() {
        assert_eq!(short("Le  maire\n a parlé", 40), "Le maire a parlé");
        assert_eq!(short("Сергей Лавров встретился", 10), "Сергей Ла…");
        assert_eq!(short("Сергей Лавров встретился", 10).chars().count(), 10);
    }

    #[test]
    fn a_range_of_one_day_is_that_day() {
        let d = Date::parse_iso("2025-07-09");
        let e = Date::parse_iso("2025-07-10");
        assert_eq!(date_range(d, d), "2025-07-09");
        assert_eq!(date_range(d, e), "2025-07-09 – 2025-07-10");
        assert_eq!(date_range(None, e), "undated");
    }
}
