//! Splits text into tokens that keep their byte span in the text they came from, each with a
//! normalised form for matching: lowercase, no diacritics, ASCII digits for every decimal digit
//! (Arabic-Indic ٢٧ → 27), Arabic letter variants folded (أ إ آ → ا, ى → ي, ة → ه, no tatweel).
//! Rules match on `norm`; what they report points at `span` in the original text.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::model::Span;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TokenKind {
    /// Letters (and marks), possibly with digits attached ("1er" is a number, see below).
    Word,
    /// Starts with a digit: "30", "2016/12/04", "1er", "18.000", "93%".
    Number,
    /// One punctuation or symbol character.
    Punct,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub norm: String,
}

impl Token {
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == TokenKind::Word && self.norm == word
    }
}

/// The value of a decimal digit in any script (ASCII, Arabic-Indic, extended Arabic-Indic,
/// Devanagari, full-width…), via Unicode's digit blocks of ten.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    const ZEROS: [u32; 6] = [0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10, 0x07C0];
    let cp = c as u32;
    ZEROS
        .iter()
        .find(|zero| (**zero..**zero + 10).contains(&cp))
        .map(|zero| cp - zero)
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn is_word_char(c: char) -> bool {
    // no combining mark, tatweel or joiner comes before U+0300: the spaces and punctuation
    // between words are told apart without the mark table
    if (c as u32) < 0x300 {
        return crate::lexicon::is_alnum(c);
    }
    crate::lexicon::is_alnum(c) || is_combining_mark(c) || c == '\u{0640}' || c == '\u{200c}'
}

/// Normalises one token's text (see the module doc).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`], appended to `out`.
pub fn normalize_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    if text.chars().all(|c| (c as u32) < TABLE_END) {
        let table = table();
        for c in text.chars() {
            out.push_str(table.normal(c));
        }
        return;
    }
    out.push_str(&normalize_slow(text));
}

/// Characters below this code point (Latin with its extensions, IPA, Greek, Cyrillic: the
/// letters of nearly every European article) are normalised through a table.
const TABLE_END: u32 = 0x500;

/// The normal form of every character below [`TABLE_END`], made once by [`normalize_slow`]
/// itself, so the table gives exactly what the slow path gives (the marks NFD splits off are
/// dropped one character at a time just as in a whole word). Measured on real Slavic news: the
/// per-character NFD and case tables were most of the tokeniser's cost.
struct Table {
    text: String,
    /// End of each character's normal form in `text` (the start is the previous end).
    ends: Vec<u32>,
}

impl Table {
    fn normal(&self, c: char) -> &str {
        let i = c as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

fn table() -> &'static Table {
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(TABLE_END as usize);
        let mut buf = [0u8; 4];
        for cp in 0..TABLE_END {
            if let Some(c) = char::from_u32(cp) {
                text.push_str(&normalize_slow(c.encode_utf8(&mut buf)));
            }
            ends.push(text.len() as u32);
        }
        Table { text, ends }
    })
}

/// The normal form through NFD, for any text.
fn normalize_slow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) || c == '\u{0640}' || c == '\u{200c}' {
            continue;
        }
        if let Some(d) = digit_value(c) {
            out.push(char::from(b'0' + d as u8));
            continue;
        }
        let folded = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ё' | 'Ё' => 'е',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            other => other,
        };
        for lower in folded.to_lowercase() {
            out.push(lower);
        }
    }
    out
}

/// Tokenizes `text`. Numbers keep internal separators when a digit follows them, so
/// "2016/12/04", "04.12.2016", "18.000" and "3,5" are one token each; "1er" and "93%" too.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for (span, kind) in segments(text) {
        tokens.push(Token {
            span,
            kind,
            norm: normalize(&text[span.start..span.end]),
        });
    }
    tokens
}

/// Where the tokens of `text` are and what kind each is, without their normal form: what
/// [`tokenize`] normalises, for callers that write the forms into a buffer of their own.
pub fn segments(text: &str) -> impl Iterator<Item = (Span, TokenKind)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, c) = chars.by_ref().find(|(_, c)| !c.is_whitespace())?;
        let mut end = start + c.len_utf8();
        let kind = if is_digit(c) {
            // digits, then separators followed by digits, then a short letter suffix (1er, 5th)
            while let Some(&(i, next)) = chars.peek() {
                let separator_then_digit = matches!(next, '/' | '.' | '-' | ',' | '٫' | '٬')
                    && text[i + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_digit);
                if is_digit(next) || separator_then_digit || next == '%' || next.is_alphabetic() {
                    chars.next();
                    end = i + next.len_utf8();
                } else {
                    break;
                }
            }
            TokenKind::Number
        } else if is_word_char(c) {
            while let Some(&(i, next)) = chars.peek() {
                if is_word_char(next) {
                    chars.next();
                    end = i + next.len_utf8();
                } else {
                    break;
                }
            }
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        Some((Span::new(start, end), kind))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn dates_and_numbers_stay_whole() {
        assert_eq!(norms("الأحد ٢٠١٦/١٢/٠٤"), vec!["الاحد", "2016/12/04"]);
        assert_eq!(
            norms("le 1er décembre, 18.000 civils"),
            vec!["le", "1er", "decembre", ",", "18.000", "civils"]
        );
        assert_eq!(norms("93% des"), vec!["93%", "des"]);
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "Сергей Лавров: «٢٧»";
        for token in tokenize(text) {
            assert!(text.get(token.span.start..token.span.end).is_some());
        }
        let tokens = tokenize(text);
        assert_eq!(&text[tokens[1].span.start..tokens[1].span.end], "Лавров");
        assert_eq!(tokens[1].norm, "лавров");
    }

    #[test]
    fn the_fast_path_folds_like_nfd() {
        for word in [
            "Élysée",
            "Genève",
            "ÇA",
            "Сергей",
            "Ёлка",
            "Mañana",
            "Zürich",
            "Kraków",
            "Þór",
        ] {
            let slow: String = word
                .nfd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ё' { 'е' } else { c })
                .collect();
            assert_eq!(normalize(word), slow, "{word}");
        }
    }

    #[test]
    fn the_table_gives_what_nfd_gives_on_whole_words() {
        // the team's own words, in the scripts and letters the table covers; "е\u{301}" is a
        // stressed vowel written with a combining accent, as Russian dictionaries print it
        for word in [
            "Zażółć",
            "Łódź",
            "Příliš",
            "žluťoučký",
            "Đakovo",
            "Ćuprija",
            "Їжак",
            "ґанок",
            "Ѓорѓи",
            "Ќерка",
            "Ўзбек",
            "Ѝмейл",
            "Ελλάδα",
            "Straße",
            "İstanbul",
            "ве\u{301}тер",
            "Øresund",
            "Ærø",
        ] {
            assert_eq!(normalize(word), normalize_slow(word), "{word}");
        }
        assert_eq!(normalize("Zażółć"), "zazołc");
        assert_eq!(normalize("Їжак"), "іжак");
        assert_eq!(normalize("Straße"), "strasse");
    }

    #[test]
    fn apostrophes_split_words() {
        assert_eq!(
            norms("aujourd'hui l’armée"),
            vec!["aujourd", "'", "hui", "l", "’", "armee"]
        );
    }
}
