//! Plain domain types shared by every stage and every edge: ids, languages, spans, dates,
//! the raw article a reader produces and the analysed article the pipeline returns.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lexicon::is_letter;

/// An id travels as the text its `Display` writes and is read back by its `parse`.
macro_rules! id_as_text {
    ($id:ident, $form:literal) => {
        impl Serialize for $id {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $id {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $id::parse(&text).ok_or_else(|| serde::de::Error::custom($form))
            }
        }
    };
}

/// A type that travels as a string of a known form: its JSON Schema (for the API's document).
macro_rules! schema_as_text {
    ($type:ident, $description:literal, $($key:literal: $value:literal),*) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($type).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "description": $description,
                    $($key: $value),*
                })
            }
        }
    };
}

id_as_text!(ArticleId, "an article id is 16 hex digits");
id_as_text!(StoryId, "a story id is \"s\" and 16 hex digits");
id_as_text!(EntityId, "an entity id is \"e\" and 16 hex digits");
schema_as_text!(ArticleId, "An article: 16 hex digits (a hash of its title and text)", "pattern": "^[0-9a-f]{16}$");
schema_as_text!(StoryId, "A story: \"s\" and 16 hex digits", "pattern": "^s[0-9a-f]{16}$");
schema_as_text!(EntityId, "An entity: \"e\" and 16 hex digits", "pattern": "^e[0-9a-f]{16}$");
schema_as_text!(Lang, "A language: its ISO 639-1 code", "pattern": "^[a-z]{2}$");
schema_as_text!(Date, "A day", "format": "date");

/// Stable identifier of an article: the xxh3 hash of its normalised title and body, so the same
/// article ingested twice gets the same id. Shown as 16 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct ArticleId(pub u64);

impl ArticleId {
    /// The id of an article with this title and body. Whitespace runs are folded first so that a
    /// re-scrape differing only in line breaks keeps its id.
    pub fn of_content(title: &str, body: &str) -> ArticleId {
        let mut folded = String::with_capacity(title.len() + body.len() + 1);
        for part in [title, "\u{1}", body] {
            for word in part.split_whitespace() {
                folded.push_str(word);
                folded.push(' ');
            }
        }
        ArticleId(xxhash_rust::xxh3::xxh3_64(folded.as_bytes()))
    }

    /// Parses the 16-hex-digit form (a shorter unique prefix is resolved by the store, not here).
    pub fn parse(text: &str) -> Option<ArticleId> {
        hex_u64(text).map(ArticleId)
    }
}

/// 1 to 16 hex digits and nothing else (no sign, no "0x"), as the ids are written.
fn hex_u64(hex: &str) -> Option<u64> {
    if hex.is_empty() || hex.len() > 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl RawArticle {
    /// The id the analysed article will have (a store can skip an article it holds already
    /// before analysing it).
    pub fn id(&self) -> ArticleId {
        ArticleId::of_content(&self.title, &self.body)
    }
}

/// Identifier of a story: the id of the article that opened it, so a story keeps its id as
/// articles join. Shown as "s" and 16 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct StoryId(pub u64);

impl StoryId {
    /// Parses "s" followed by hex digits (a prefix is resolved by whoever holds the stories).
    pub fn parse(text: &str) -> Option<StoryId> {
        hex_u64(text.strip_prefix('s')?).map(StoryId)
    }
}

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{:016x}", self.0)
    }
}

/// Identifier of an entity (a person, group or place and all its spellings): a hash of what
/// the entity is — its gazetteer place, or the consonant skeleton of the name that opened it —
/// not of its position in a run, so an entity keeps its id when other articles are added.
/// Shown as "e" and 16 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct EntityId(pub u64);

impl EntityId {
    /// The id of an entity by its canonical key; `round` > 0 when an earlier entity of the same
    /// linking took the id of that key (two actors whose names sound the same).
    pub fn of_key(key: &str, round: u32) -> EntityId {
        let seed = 0x656e_7469_7479 ^ u64::from(round);
        EntityId(xxhash_rust::xxh3::xxh3_64_with_seed(key.as_bytes(), seed))
    }

    /// Parses "e" followed by 1 to 16 hex digits.
    pub fn parse(text: &str) -> Option<EntityId> {
        hex_u64(text.strip_prefix('e')?).map(EntityId)
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "e{:016x}", self.0)
    }
}

/// A mention's entity on the wire: the id, or "" while the mention is not linked (the JSON
/// report's field keeps the shape it always had).
pub fn serialize_link<S: serde::Serializer>(
    link: &Option<EntityId>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match link {
        Some(id) => serializer.collect_str(id),
        None => serializer.serialize_str(""),
    }
}

/// The JSON Schema of [`serialize_link`]'s output: an entity id, or "".
pub fn link_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let id = generator.subschema_for::<EntityId>();
    schemars::json_schema!({
        "description": "The entity it is linked to, or \"\" while not linked",
        "anyOf": [id, {"type": "string", "const": ""}]
    })
}

/// Writing systems recoupe tells apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Kana,
    Hangul,
    Devanagari,
    Thai,
    Other,
}

impl Script {
    pub fn of(c: char) -> Option<Script> {
        let cp = c as u32;
        if !is_letter(c) {
            return None;
        }
        Some(match cp {
            0x0041..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0400..=0x052F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            0x0900..=0x097F => Script::Devanagari,
            0x0E00..=0x0E7F => Script::Thai,
            0x3040..=0x30FF => Script::Kana,
            0xAC00..=0xD7AF | 0x1100..=0x11FF => Script::Hangul,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => Script::Han,
            _ => Script::Other,
        })
    }

    /// True for scripts written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Script::Arabic | Script::Hebrew)
    }

    /// Its name in English ("Latin", "Cyrillic"…).
    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
            Script::Arabic => "Arabic",
            Script::Hebrew => "Hebrew",
            Script::Han => "Han",
            Script::Kana => "Kana",
            Script::Hangul => "Hangul",
            Script::Devanagari => "Devanagari",
            Script::Thai => "Thai",
            Script::Other => "other",
        }
    }

    /// The script most of the letters of `text` are written in (`Other` when it has none).
    pub fn of_text(text: &str) -> Script {
        let mut counts: Vec<(Script, usize)> = Vec::with_capacity(2);
        for script in text.chars().filter_map(Script::of) {
            match counts.iter_mut().find(|(s, _)| *s == script) {
                Some((_, n)) => *n += 1,
                None => counts.push((script, 1)),
            }
        }
        // the first of the most frequent
        counts
            .iter()
            .fold(None, |best: Option<(Script, usize)>, &(s, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((s, n)),
            })
            .map_or(Script::Other, |(s, _)| s)
    }
}

/// A language as its ISO 639-1 code (two lowercase ASCII letters).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 2]);

impl Lang {
    pub const AR: Lang = Lang(*b"ar");
    pub const DE: Lang = Lang(*b"de");
    pub const EN: Lang = Lang(*b"en");
    pub const ES: Lang = Lang(*b"es");
    pub const FR: Lang = Lang(*b"fr");
    pub const RU: Lang = Lang(*b"ru");
    pub const UK: Lang = Lang(*b"uk");

    /// A language from its ISO 639-1 code, for tables written in the code (`languages`). The
    /// code must be two ASCII lowercase letters; [`Lang::parse`] checks input.
    pub const fn from_code(code: [u8; 2]) -> Lang {
        Lang(code)
    }

    /// Accepts "fr", "FR", "fr-FR", "fr_CA", "fra", "French"? No: only ISO 639-1 codes, optionally
    /// followed by a region, and ISO 639-3 codes that the detector knows.
    pub fn parse(text: &str) -> Option<Lang> {
        let text = text.trim();
        let primary = text.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.len() {
            2 if primary.bytes().all(|b| b.is_ascii_lowercase()) => {
                let b = primary.as_bytes();
                Some(Lang([b[0], b[1]]))
            }
            3 => Lang::from_iso639_3(&primary),
            _ => None,
        }
    }

    pub fn code(&self) -> &str {
        // Both bytes are ASCII lowercase by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Maps an ISO 639-3 code (as whatlang and some feeds give them) to ISO 639-1.
    pub fn from_iso639_3(code: &str) -> Option<Lang> {
        const TABLE: &[(&str, &str)] = &[
            ("epo", "eo"),
            ("eng", "en"),
            ("rus", "ru"),
            ("cmn", "zh"),
            ("zho", "zh"),
            ("spa", "es"),
            ("por", "pt"),
            ("ita", "it"),
            ("ben", "bn"),
            ("fra", "fr"),
            ("fre", "fr"),
            ("deu", "de"),
            ("ger", "de"),
            ("ukr", "uk"),
            ("kat", "ka"),
            ("ara", "ar"),
            ("hin", "hi"),
            ("jpn", "ja"),
            ("heb", "he"),
            ("yid", "yi"),
            ("pol", "pl"),
            ("amh", "am"),
            ("jav", "jv"),
            ("kor", "ko"),
            ("nob", "nb"),
            ("dan", "da"),
            ("swe", "sv"),
            ("fin", "fi"),
            ("tur", "tr"),
            ("nld", "nl"),
            ("hun", "hu"),
            ("ces", "cs"),
            ("ell", "el"),
            ("bul", "bg"),
            ("bel", "be"),
            ("mar", "mr"),
            ("kan", "kn"),
            ("ron", "ro"),
            ("slv", "sl"),
            ("hrv", "hr"),
            ("srp", "sr"),
            ("mkd", "mk"),
            ("lit", "lt"),
            ("lav", "lv"),
            ("est", "et"),
            ("tam", "ta"),
            ("vie", "vi"),
            ("urd", "ur"),
            ("tha", "th"),
            ("guj", "gu"),
            ("uzb", "uz"),
            ("pan", "pa"),
            ("aze", "az"),
            ("ind", "id"),
            ("tel", "te"),
            ("pes", "fa"),
            ("fas", "fa"),
            ("mal", "ml"),
            ("ori", "or"),
            ("mya", "my"),
            ("nep", "ne"),
            ("sin", "si"),
            ("khm", "km"),
            ("tuk", "tk"),
            ("aka", "ak"),
            ("zul", "zu"),
            ("sna", "sn"),
            ("afr", "af"),
            ("lat", "la"),
            ("slk", "sk"),
            ("cat", "ca"),
            ("tgl", "tl"),
            ("hye", "hy"),
            ("cym", "cy"),
        ];
        let code = code.to_ascii_lowercase();
        TABLE
            .iter()
            .find(|(three, _)| *three == code)
            .and_then(|(_, two)| Lang::parse(two))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Lang::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a language code: {text:?}")))
    }
}

/// A half-open byte range `[start, end)` into a text the owner names.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    Default,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A day of the proleptic Gregorian calendar. Plain civil arithmetic, no time zones: news dates
/// are days.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Monday = 0 … Sunday = 6.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub fn index(self) -> i64 {
        self as i64
    }
}

impl Date {
    /// A valid date, or `None` (month 1–12, day within the month, year 1–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::to_days`]; `None` outside years 1–9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        Weekday::ALL[(self.to_days() + 3).rem_euclid(7) as usize]
    }

    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days(self.to_days() + days)
    }

    /// Parses `YYYY-MM-DD` (anything after the day, such as a time, is ignored).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Date::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date: {text:?}")))
    }
}

/// Where an article's publication date came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// Declared by the source: HTML meta tags, JSON-LD, `<time>`, a feed or a JSON field.
    Metadata,
    /// Written in the article as a full date (a dateline, or the first explicit date).
    Text,
    /// Worked out from partial evidence (a weekday and a day without a year, "this Saturday"
    /// next to a dated caption, a linked version of the article).
    Inferred,
}

impl DateBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Metadata => "metadata",
            DateBasis::Text => "text",
            DateBasis::Inferred => "inferred",
        }
    }

    pub fn parse(text: &str) -> Option<DateBasis> {
        match text {
            "metadata" => Some(DateBasis::Metadata),
            "text" => Some(DateBasis::Text),
            "inferred" => Some(DateBasis::Inferred),
            _ => None,
        }
    }
}

/// An article as a reader hands it to the pipeline: text already decoded and, for HTML, already
/// reduced to its main content. Paragraphs of `body` are its non-empty lines.
#[derive(Clone, Debug, Default)]
pub struct RawArticle {
    /// Path or URL as the user gave it (with `#n` for the n-th record of a stream).
    pub source: String,
    pub title: String,
    pub body: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub byline: Option<String>,
    /// Language declared by the source (`<html lang>`, a JSON field), if any.
    pub declared_language: Option<Lang>,
    /// Publication date declared by the source, if any.
    pub published: Option<Date>,
    /// Last update declared by the source, if any.
    pub updated: Option<Date>,
    /// What the reader noticed (encoding guessed, truncation, fallback extraction).
    pub diagnostics: Vec<Diagnostic>,
}

/// Something a stage noticed about the content. Never an error: the stage still returned its
/// best result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Diagnostic {
    pub stage: &'static str,
    pub message: String,
}

/// The stages that say something about an article: a diagnostic read back from a store names
/// one of them ("other" for a name this version does not know).
const STAGES: &[&str] = &["ingest", "clean", "lang", "dates", "stories"];

impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Stored {
            stage: String,
            message: String,
        }
        let stored = Stored::deserialize(deserializer)?;
        let stage = STAGES
            .iter()
            .find(|s| **s == stored.stage)
            .copied()
            .unwrap_or("other");
        Ok(Diagnostic::new(stage, stored.message))
    }
}

impl Diagnostic {
    pub fn new(stage: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            stage,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse_iso(text).unwrap_or_else(|| panic!("{text} is a date"))
    }

    #[test]
    fn a_date_exists_only_on_the_calendar() {
        assert!(Date::new(2024, 2, 29).is_some(), "2024 is a leap year");
        assert!(Date::new(2000, 2, 29).is_some(), "2000 is a leap year");
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none(), "1900 is not a leap year");
        assert!(Date::new(2025, 4, 31).is_none());
        assert!(Date::new(2025, 12, 31).is_some());
        for (y, m, d) in [
            (2025, 0, 1),
            (2025, 13, 1),
            (2025, 1, 0),
            (0, 1, 1),
            (10_000, 1, 1),
        ] {
            assert!(Date::new(y, m, d).is_none(), "{y}-{m}-{d}");
        }
    }

    #[test]
    fn days_count_from_1970_and_back() {
        assert_eq!(date("1970-01-01").to_days(), 0);
        assert_eq!(date("1969-12-31").to_days(), -1);
        assert_eq!(date("2000-03-01").to_days(), 11_017);
        // every day of four centuries, leap days included, goes there and back
        let mut day = date("1900-01-01");
        let mut days = day.to_days();
        while day.year < 2300 {
            assert_eq!(Date::from_days(days), Some(day));
            days += 1;
            day = day.add_days(1).expect("a next day");
            assert_eq!(day.to_days(), days);
        }
        assert_eq!(Date::from_days(date("0001-01-01").to_days() - 1), None);
        assert_eq!(Date::from_days(date("9999-12-31").to_days() + 1), None);
    }

    #[test]
    fn weekdays_and_day_arithmetic() {
        assert_eq!(date("1970-01-01").weekday(), Weekday::Thursday);
        assert_eq!(date("2016-12-04").weekday(), Weekday::Sunday);
        assert_eq!(date("2024-11-30").weekday(), Weekday::Saturday);
        assert_eq!(date("2024-02-28").add_days(1), Some(date("2024-02-29")));
        assert_eq!(date("2023-02-28").add_days(1), Some(date("2023-03-01")));
        assert_eq!(date("2024-12-31").add_days(1), Some(date("2025-01-01")));
        assert_eq!(date("2025-01-01").add_days(-1), Some(date("2024-12-31")));
        assert_eq!(date("2016-12-04").add_days(2_920), Some(date("2024-12-02")));
    }

    #[test]
    fn iso_dates_are_read_with_or_without_a_time_and_nothing_else_is() {
        assert_eq!(date("2024-11-30T08:00:00Z"), date("2024-11-30"));
        assert_eq!(date("  2016-12-04 10:00 "), date("2016-12-04"));
        for text in [
            "",
            "2024-11",
            "2024/11/30",
            "30-11-2024",
            "2024-13-01",
            "2024-02-30",
            "2024-1x-05",
            "２０２４-11-30",
            "2024-11-3",
            "déc. 2024",
        ] {
            assert_eq!(Date::parse_iso(text), None, "{text:?}");
        }
        assert_eq!(date("2024-11-30").to_string(), "2024-11-30");
        assert_eq!(date("0987-01-09").to_string(), "0987-01-09");
    }

    #[test]
    fn ids_read_back_as_they_are_written() {
        let id = ArticleId::of_content("Titre", "Corps du texte.");
        assert_eq!(ArticleId::parse(&id.to_string()), Some(id));
        assert_eq!(id.to_string().len(), 16);
        // line breaks and spaces do not change an article's id; words do
        assert_eq!(id, ArticleId::of_content(" Titre ", "Corps\ndu   texte."));
        assert_ne!(id, ArticleId::of_content("Titre", "Corps du texte !"));
        // the title and the body are kept apart
        assert_ne!(
            ArticleId::of_content("a b", "c"),
            ArticleId::of_content("a", "b c")
        );
        let story = StoryId(id.0);
        assert_eq!(StoryId::parse(&story.to_string()), Some(story));
        for bad in ["", "s", "+0f", "0x1f", "g00", "00000000000000000"] {
            assert_eq!(ArticleId::parse(bad), None, "{bad:?}");
        }
        for bad in ["", "s", "s+1", "sg", "1234", "s00000000000000000"] {
            assert_eq!(StoryId::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn languages_are_two_letters_or_a_three_letter_code_known() {
        assert_eq!(Lang::parse("fr"), Some(Lang::FR));
        assert_eq!(Lang::parse(" FR-ca "), Some(Lang::FR));
        assert_eq!(Lang::parse("uk_UA"), Some(Lang::UK));
        assert_eq!(Lang::parse("rus"), Some(Lang::RU));
        assert_eq!(Lang::parse("bul").map(|l| l.to_string()), Some("bg".into()));
        for bad in ["", "f", "français", "xyz", "f1", "ру"] {
            assert_eq!(Lang::parse(bad), None, "{bad:?}");
        }
    }
}
