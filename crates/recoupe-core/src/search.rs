//! Full-text search as recoupe reads it, independent of the index that stores it: the form a
//! text is indexed in ([`search_text`]), what a query asks for ([`Query::parse`]: words,
//! "phrases", `prefix*`, AND, OR, NOT, `-word`), and the snippet of a hit ([`snippet`]). A store
//! indexes `search_text` of each title and text and gives the index [`Query::to_fts5`].
//!
//! Matching is by the tokens' normal form ([`crate::token::normalize`]: lowercase, no
//! diacritics, Arabic hamza and alef forms, ta marbuta, alef maqsura and tatweel folded, ё = е),
//! plus what only a searcher needs: Persian and Urdu letters read as their Arabic forms (ک = ك,
//! ی = ي, ہ = ه), Hebrew final letters as their plain forms (ם = מ), and Chinese and Japanese
//! written without spaces indexed one character at a time, so that a name in the middle of a
//! run ("拉夫罗夫" in "俄罗斯外长拉夫罗夫表示") is found as the run of its characters.

use crate::model::Span;
use crate::token::{normalize, normalize_into, segments, TokenKind};

/// Han ideographs, kana and the CJK marks between them: scripts written without spaces.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // Han extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FA1F) // Han extensions B–F, compatibility supplement
}

/// A letter as a searcher types it: Persian and Urdu forms as the Arabic ones, Hebrew final
/// forms as the plain ones.
fn fold_letter(c: char) -> char {
    match c {
        'ک' => 'ك',
        'ی' | 'ې' | 'ۍ' | 'ے' => 'ي',
        'ہ' | 'ۀ' | 'ە' | 'ۃ' => 'ه',
        'ך' => 'כ',
        'ם' => 'מ',
        'ן' => 'נ',
        'ף' => 'פ',
        'ץ' => 'צ',
        other => other,
    }
}

/// One token's searchable form, appended to `out` as space-separated terms: its normal form
/// with searchers' letters folded, each CJK character a term of its own.
fn push_terms(word: &str, out: &mut String) {
    push_folded(&normalize(word), out);
}

/// [`push_terms`] of a token already in its normal form.
fn push_folded(norm: &str, out: &mut String) {
    if norm.is_ascii() {
        // most words of most articles: no letter to fold, no CJK
        let mut in_term = false;
        for b in norm.bytes() {
            if b.is_ascii_alphanumeric() {
                if !in_term && !out.is_empty() {
                    out.push(' ');
                }
                out.push(char::from(b));
                in_term = true;
            } else {
                in_term = false;
            }
        }
        return;
    }
    let mut in_term = false;
    for c in norm.chars() {
        let c = fold_letter(c);
        if is_cjk(c) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            in_term = false;
        } else if crate::lexicon::is_alnum(c) {
            if !in_term && !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            in_term = true;
        } else {
            in_term = false;
        }
    }
}

/// The text as the search index reads it: its words and numbers in searchable form, separated
/// by single spaces, punctuation left out.
pub fn search_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // one buffer for every word's normal form
    let mut norm = String::new();
    for (span, kind) in segments(text) {
        if kind != TokenKind::Punct {
            norm.clear();
            normalize_into(&text[span.start..span.end], &mut norm);
            push_folded(&norm, &mut out);
        }
    }
    out
}

/// The searchable terms of a piece of a query or of a text.
fn terms(text: &str) -> Vec<String> {
    let folded = search_text(text);
    folded
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// What one part of a query asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// Terms that must follow each other (a word of CJK characters, a "quoted phrase", or a
    /// word the fold cuts in several: "al-Assad"); one term for a plain word.
    Phrase(Vec<String>),
    /// Terms starting with this (`word*`).
    Prefix(String),
    /// Any of these (a name and its other spellings, in any script).
    AnyOf(Vec<Vec<String>>),
}

/// The Arabic proclitics written glued to a word: the article, the conjunctions و and ف, the
/// prepositions ب, ل, ك, and the article after each (لل for ل + ال).
const PROCLITICS: &[&str] = &[
    "ال", "و", "ف", "ب", "ل", "ك", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "وبال", "ولل",
];

impl Term {
    /// The most terms a match of it spans.
    fn longest(&self) -> usize {
        match self {
            Term::Phrase(p) => p.len(),
            Term::Prefix(_) => 1,
            Term::AnyOf(all) => all.iter().map(Vec::len).max().unwrap_or(1),
        }
    }

    /// An Arabic word of the query also found with the proclitics a text glues to it (مدينة
    /// finds المدينة, والمدينة, بالمدينة): each single Arabic word of at least three letters,
    /// alone or among alternatives, gains those forms. A word that opens with the article is
    /// left as typed (اسد would find the lion; الاسد finds only الاسد and its proclitic forms).
    pub fn with_proclitics(&mut self) {
        let words = match self {
            Term::Phrase(words) => vec![words.clone()],
            Term::AnyOf(all) => all.clone(),
            Term::Prefix(_) => return,
        };
        let mut all = words.clone();
        for alternative in &words {
            let [word] = alternative.as_slice() else {
                continue;
            };
            let arabic = word.chars().all(|c| ('\u{0620}'..='\u{064A}').contains(&c));
            if !arabic || word.chars().count() < 3 {
                continue;
            }
            let opens_with_article = word.starts_with("ال");
            for clitic in PROCLITICS {
                // after the article, only what stands before the article
                if opens_with_article && (clitic.ends_with("ال") || clitic.ends_with("لل")) {
                    continue;
                }
                let glued = if opens_with_article && clitic.ends_with('ل') {
                    // ل + ال is written لل
                    format!("{clitic}{}", &word["ا".len()..])
                } else {
                    format!("{clitic}{word}")
                };
                let glued = vec![glued];
                if !all.contains(&glued) {
                    all.push(glued);
                }
            }
        }
        if all.len() > words.len() {
            *self = Term::AnyOf(all);
        }
    }
}

/// How a part joins the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    And,
    Or,
    Not,
}

/// A parsed query: its parts in order, each with how it joins the ones before (the first one's
/// join is `And`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub parts: Vec<(Join, Term)>,
    /// The words of each part as the user typed them (for "Aleppo → also Alep, حلب").
    pub typed: Vec<String>,
}

impl Query {
    /// Words are ANDed; `OR` and `NOT` (in capitals) join the next part as they say, as does
    /// a leading `-`; `AND` may be written. `"…"` is a phrase; `word*` a prefix. What has
    /// nothing searchable in it (punctuation alone) is left out.
    pub fn parse(query: &str) -> Query {
        let mut parts: Vec<(Join, Term)> = Vec::new();
        let mut typed = Vec::new();
        let mut join = Join::And;
        let mut rest = query.trim();
        while !rest.is_empty() {
            let (piece, quoted, after) = if let Some(inner) = rest.strip_prefix('"') {
                match inner.find('"') {
                    Some(end) => (&inner[..end], true, &inner[end + 1..]),
                    None => (inner, true, ""),
                }
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], false, &rest[end..])
            };
            rest = after.trim_start();
            if !quoted {
                match piece {
                    "AND" => {
                        join = Join::And;
                        continue;
                    }
                    "OR" => {
                        join = Join::Or;
                        continue;
                    }
                    "NOT" => {
                        join = Join::Not;
                        continue;
                    }
                    _ => {}
                }
            }
            let (piece, negated) = match piece.strip_prefix('-') {
                Some(p) if !quoted && !p.is_empty() => (p, true),
                _ => (piece, false),
            };
            let (piece, prefix) = match piece.strip_suffix('*') {
                Some(p) if !quoted => (p, true),
                _ => (piece, false),
            };
            let words = terms(piece);
            if words.is_empty() {
                continue;
            }
            let term = if prefix && words.len() == 1 {
                Term::Prefix(words[0].clone())
            } else {
                Term::Phrase(words)
            };
            let this_join = if negated { Join::Not } else { join };
            // a query cannot start by excluding: "NOT x" alone finds nothing
            if parts.is_empty() && this_join == Join::Not {
                join = Join::And;
                continue;
            }
            parts.push((this_join, term));
            typed.push(piece.to_string());
            join = Join::And;
        }
        Query { parts, typed }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The query in SQLite FTS5's syntax, over an index of [`search_text`].
    pub fn to_fts5(&self) -> String {
        let quote = |t: &str| format!("\"{}\"", t.replace('"', ""));
        let phrase = |words: &[String]| {
            words
                .iter()
                .map(|w| quote(w))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let mut out = String::new();
        for (i, (join, term)) in self.parts.iter().enumerate() {
            if i > 0 {
                out.push_str(match join {
                    Join::And => " AND ",
                    Join::Or => " OR ",
                    Join::Not => " NOT ",
                });
            }
            match term {
                Term::Phrase(words) => out.push_str(&phrase(words)),
                Term::Prefix(word) => {
                    out.push_str(&quote(word));
                    out.push('*');
                }
                Term::AnyOf(alternatives) => {
                    let all: Vec<String> = alternatives.iter().map(|a| phrase(a)).collect();
                    out.push('(');
                    out.push_str(&all.join(" OR "));
                    out.push(')');
                }
            }
        }
        out
    }

    /// The query in PostgreSQL's `tsquery` syntax (for `to_tsquery('simple', …)`) over a
    /// `tsvector` of [`search_text`]: the same parts and joins as [`Query::to_fts5`] — `&`, `|`,
    /// `& !`, phrases with `<->`, prefixes with `:*` — each term a quoted lexeme, so nothing a
    /// user types is read as an operator.
    pub fn to_tsquery(&self) -> String {
        let quote = |t: &str| format!("'{}'", t.replace('\\', "").replace('\'', "''"));
        let phrase = |words: &[String]| {
            let all: Vec<String> = words.iter().map(|w| quote(w)).collect();
            format!("({})", all.join(" <-> "))
        };
        let mut out = String::new();
        for (i, (join, term)) in self.parts.iter().enumerate() {
            if i > 0 {
                out.push_str(match join {
                    Join::And => " & ",
                    Join::Or => " | ",
                    Join::Not => " & !",
                });
            }
            match term {
                Term::Phrase(words) => out.push_str(&phrase(words)),
                Term::Prefix(word) => {
                    out.push_str(&quote(word));
                    out.push_str(":*");
                }
                Term::AnyOf(alternatives) => {
                    let all: Vec<String> = alternatives.iter().map(|a| phrase(a)).collect();
                    out.push('(');
                    out.push_str(&all.join(" | "));
                    out.push(')');
                }
            }
        }
        out
    }

    /// The terms a hit may show, for its snippet: every alternative of every part not excluded.
    pub fn wanted(&self) -> Vec<Term> {
        self.parts
            .iter()
            .filter(|(join, _)| *join != Join::Not)
            .map(|(_, term)| term.clone())
            .collect()
    }
}

/// A token cut at its CJK characters, each one a piece of its own (the rest of the token
/// between them one piece), as the index reads it.
fn cjk_pieces(text: &str, span: Span) -> Vec<Span> {
    let token = &text[span.start..span.end];
    if !token.chars().any(is_cjk) {
        return vec![span];
    }
    let mut pieces = Vec::new();
    let mut run: Option<usize> = None;
    for (i, c) in token.char_indices() {
        let at = span.start + i;
        if is_cjk(c) {
            if let Some(start) = run.take() {
                pieces.push(Span { start, end: at });
            }
            pieces.push(Span {
                start: at,
                end: at + c.len_utf8(),
            });
        } else if run.is_none() {
            run = Some(at);
        }
    }
    if let Some(start) = run {
        pieces.push(Span {
            start,
            end: span.end,
        });
    }
    pieces
}

/// A few words of `text` around the first place it says what `wanted` asks for, the matched
/// words in [brackets], "…" where the text goes on; the text's start when nothing is found
/// (a hit on the title only). At most `words` words.
///
/// The text is cut into words and folded only as far as the snippet needs: up to the first
/// match and the words shown after it (a search's 20 hits of long articles folded whole cost
/// more than the index's own work).
pub fn snippet(text: &str, wanted: &[Term], words: usize) -> String {
    let longest = wanted.iter().map(Term::longest).max().unwrap_or(1).max(1);
    let mut stream = segments(text)
        .filter(|(_, kind)| *kind != TokenKind::Punct)
        .flat_map(|(span, _)| cjk_pieces(text, span));
    // the words read so far, and their terms in order, each with the word it comes from
    let mut tokens: Vec<Span> = Vec::new();
    let mut flat: Vec<(usize, String)> = Vec::new();
    let mut hit: Vec<bool> = Vec::new();
    let mut first: Option<usize> = None;
    let mut ended = false;
    let mut folded = String::new();
    let mut at = 0;
    loop {
        // enough terms read to test a match at `at`, or the text ended
        while !ended && flat.len() < at + longest {
            match stream.next() {
                Some(span) => {
                    folded.clear();
                    push_terms(&text[span.start..span.end], &mut folded);
                    let i = tokens.len();
                    tokens.push(span);
                    hit.push(false);
                    flat.extend(folded.split(' ').map(|t| (i, t.to_string())));
                }
                None => ended = true,
            }
        }
        if at >= flat.len() {
            break;
        }
        // the words shown are known once the first match is: none past them is needed
        if let Some(f) = first {
            if flat[at].0 >= f.saturating_sub(words / 3) + words {
                break;
            }
        }
        let matches_at = |phrase: &[String]| {
            phrase
                .iter()
                .enumerate()
                .all(|(k, w)| flat.get(at + k).is_some_and(|(_, t)| t == w))
        };
        let mut length = 0;
        for term in wanted {
            let found = match term {
                Term::Phrase(p) => matches_at(p).then_some(p.len()),
                Term::Prefix(p) => flat[at].1.starts_with(p.as_str()).then_some(1),
                Term::AnyOf(all) => all.iter().find(|p| matches_at(p)).map(|p| p.len()),
            };
            length = length.max(found.unwrap_or(0));
        }
        for k in 0..length {
            hit[flat[at + k].0] = true;
        }
        if length > 0 && first.is_none() {
            first = Some(flat[at].0);
        }
        at += 1;
    }
    let start = first.map_or(0, |f| f.saturating_sub(words / 3));
    let end = (start + words).min(tokens.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    for i in start..end {
        let span = tokens[i];
        // the text between two tokens (spaces, punctuation) kept as written, on one line
        if i > start {
            let mut spaced = false;
            for c in text[tokens[i - 1].end..span.start].chars() {
                if c.is_whitespace() {
                    if !spaced {
                        out.push(' ');
                    }
                    spaced = true;
                } else {
                    out.push(c);
                    spaced = false;
                }
            }
        }
        let word = &text[span.start..span.end];
        if hit[i] {
            // pieces of one run matched together are one mark: [拉夫罗夫], not [拉][夫]…
            let joined = i > start && hit[i - 1] && tokens[i - 1].end == span.start;
            if joined && out.ends_with(']') {
                out.pop();
            } else {
                out.push('[');
            }
            out.push_str(word);
            out.push(']');
        } else {
            out.push_str(word);
        }
    }
    // more words after those shown: read, or not read yet
    if end < tokens.len() || (end == tokens.len() && !ended && stream.next().is_some()) {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_people_type_find_the_written_ones() {
        // hamza and alef forms, ta marbuta, diacritics, ё, Latin accents, Persian letters,
        // Hebrew final letters: the typed form and the written one index alike
        for (typed, written) in [
            ("الاسد", "الأسد"),
            ("حماه", "حماة"),
            ("مدرسه", "مَدْرَسَةٌ"),
            ("Пётр", "Петр"),
            ("Alep", "Alèp"),
            ("ايران", "ایران"),
            ("שלומ", "שלום"),
        ] {
            let a = search_text(typed);
            let b = search_text(written);
            assert!(b.starts_with(&a), "{typed} {a:?} vs {written} {b:?}");
        }
    }

    #[test]
    fn chinese_is_indexed_one_character_at_a_time() {
        assert_eq!(search_text("外长拉夫罗夫表示"), "外 长 拉 夫 罗 夫 表 示");
        let q = Query::parse("拉夫罗夫");
        assert_eq!(q.to_fts5(), "\"拉\" + \"夫\" + \"罗\" + \"夫\"");
        assert_eq!(
            search_text("Lavrov 拉夫罗夫, 2024"),
            "lavrov 拉 夫 罗 夫 2024"
        );
    }

    #[test]
    fn operators_phrases_and_prefixes() {
        let q = Query::parse("Alep AND Kerry");
        assert_eq!(q.to_fts5(), "\"alep\" AND \"kerry\"");
        let q = Query::parse("Alep OR حلب -Damas \"cessez le feu\" négoci*");
        assert_eq!(
            q.to_fts5(),
            "\"alep\" OR \"حلب\" NOT \"damas\" AND \"cessez\" + \"le\" + \"feu\" AND \"negoci\"*"
        );
        assert_eq!(q.typed, ["Alep", "حلب", "Damas", "cessez le feu", "négoci"]);
        // nothing searchable, or only an exclusion
        assert!(Query::parse(" … -- ").is_empty());
        assert_eq!(Query::parse("NOT x y").to_fts5(), "\"y\"");
    }

    #[test]
    fn an_arabic_word_is_searched_with_the_proclitics_glued_to_it() {
        let mut q = Query::parse("مدينة -حرب Aleppo");
        for (_, term) in &mut q.parts {
            term.with_proclitics();
        }
        let fts = q.to_fts5();
        // the folded word and its forms with the article, a conjunction, a preposition
        for form in ["مدينة", "المدينة", "والمدينة", "بالمدينة", "للمدينة"]
        {
            let folded = search_text(form);
            assert!(fts.contains(&format!("\"{folded}\"")), "{form} in {fts}");
        }
        // an excluded word is excluded in every form; a Latin word is left alone
        assert!(fts.contains("NOT (\"حرب\" OR"), "{fts}");
        assert!(fts.ends_with("AND \"aleppo\""), "{fts}");
        // a word with the article gains what stands before it, never a second article
        let mut t = Term::Phrase(vec![search_text("الأسد")]);
        t.with_proclitics();
        let Term::AnyOf(all) = t else {
            panic!("no forms")
        };
        let all: Vec<String> = all.into_iter().flatten().collect();
        assert!(all.contains(&search_text("والأسد")), "{all:?}");
        assert!(all.contains(&search_text("للأسد")), "{all:?}");
        assert!(!all.iter().any(|f| f.contains("الال")), "{all:?}");
        // two letters are too short to be told from a clitic form of another word
        let mut short = Term::Phrase(vec!["من".into()]);
        short.with_proclitics();
        assert_eq!(short, Term::Phrase(vec!["من".into()]));
        // the forms are found in a text that writes them
        let snippet = snippet("وصل الوفد إلى المدينة مساء", &q.wanted(), 10);
        assert!(snippet.contains("[المدينة]"), "{snippet}");
    }

    #[test]
    fn snippets_bracket_what_was_found_in_the_words_as_written() {
        let text = "Les rebelles d'Alep ont refusé de quitter la ville, a dit le porte-parole à Beyrouth dimanche.";
        let s = snippet(text, &Query::parse("alep").wanted(), 8);
        assert!(s.contains("[Alep]"), "{s}");
        assert!(s.ends_with('…'), "{s}");
        let s = snippet(text, &Query::parse("\"quitter la ville\"").wanted(), 30);
        assert!(s.contains("[quitter] [la] [ville]"), "{s}");
        let s = snippet(
            "BERLIN (dpa) -\n\nDer Brand",
            &Query::parse("dpa").wanted(),
            10,
        );
        assert_eq!(s, "BERLIN ([dpa]) - Der Brand");
        let s = snippet("外长拉夫罗夫表示", &Query::parse("拉夫罗夫").wanted(), 10);
        assert_eq!(s, "外长[拉夫罗夫]表示");
        let s = snippet("قال الأسد في دمشق", &Query::parse("الاسد").wanted(), 10);
        assert_eq!(s, "قال [الأسد] في دمشق");
    }

    #[test]
    fn a_snippet_says_where_the_text_goes_on_before_and_after_its_words() {
        let ten = "один два три четыре пять шесть семь восемь девять десять";
        let q = |w: &str| Query::parse(w).wanted();
        assert_eq!(
            snippet(ten, &q("один"), 10),
            "[один] два три четыре пять шесть семь восемь девять десять"
        );
        assert_eq!(
            snippet(ten, &q("один"), 9),
            "[один] два три четыре пять шесть семь восемь девять…"
        );
        assert_eq!(
            snippet(ten, &q("восемь"), 6),
            "…шесть семь [восемь] девять десять"
        );
        // a hit on the title only: the text's start
        assert_eq!(snippet(ten, &q("Москва"), 3), "один два три…");
        // every match within the words shown is marked, none past them is looked for
        let s = snippet(
            "ein Hafen und noch ein Hafen, dann ein Hafen",
            &q("hafen"),
            5,
        );
        assert_eq!(s, "ein [Hafen] und noch ein…");
    }
}
