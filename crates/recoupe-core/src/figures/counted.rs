//! What a number counts: the noun after it (people, a unit, a currency, percent), its "of"
//! complement, and the qualifiers before and after that bound the value ([`figure_at`]).

use super::*;
use crate::languages::{self, word_set};

/// The figure starting at token `i`, and the token after it: a number (in digits or words)
/// that says what it counts, read in steps — whether a number may start here
/// ([`may_start_figure`]), whether its digits are a quantity at all ([`digits_are_a_quantity`]),
/// what the signs and words around it say it is ([`Reading`]), what it counts, and the
/// qualifiers that bound it.
pub(super) fn figure_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    lang: Option<Lang>,
    t: &Tables,
    in_date: &dyn Fn(Span) -> bool,
) -> Option<(Figure, usize)> {
    if !may_start_figure(tokens, i, t, in_date) {
        return None;
    }
    let num = numeral_at(text, tokens, i, lang, t)?;
    if num.from_digits && !digits_are_a_quantity(text, tokens, i, &num, t) {
        return None;
    }
    let mut r = Reading::of_signs(tokens, i, &num, t)?;
    r.percent_or_currency_after(tokens, t);
    let (j, value) = r.counted_from(tokens, i, &num, t);
    let noun_kind = r.counted(text, tokens, i, j, &num, lang, t)?;
    let kind = r.kind(noun_kind)?;
    let tok = &tokens[i];
    // years are not figures unless they count something known ("2000 morts")
    let year_like = num.from_digits
        && (1000.0..=2100.0).contains(&num.value)
        && tok.norm.len() == 4
        && num.next == i + 1;
    if year_like
        && !(matches!(
            noun_kind,
            Some(Noun::People | Noun::Unit(_) | Noun::Currency(_))
        ) || kind == FigureKind::Percent)
    {
        return None;
    }
    // a count of people is whole: "1,217 combattants" in French means 1217
    let value = match num.thousands {
        Some(alt) if kind == FigureKind::People && value.fract() != 0.0 => alt,
        _ => value,
    };
    Some(r.qualified(text, tokens, i, &num, t, value, kind))
}

/// Whether a figure may start at token `i`: a number, or a number word, outside a date and
/// not inside a name or an identifier ("COVID-19", "Su-24", "+33", "n°5", "résolution 2254").
fn may_start_figure(
    tokens: &[Token],
    i: usize,
    t: &Tables,
    in_date: &dyn Fn(Span) -> bool,
) -> bool {
    let tok = &tokens[i];
    if tok.kind == TokenKind::Punct
        || (tok.kind == TokenKind::Word && !t.numbers.contains_key(tok.norm.as_str()))
        || in_date(tok.span)
    {
        return false;
    }
    let Some(p) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return true;
    };
    if tok.kind == TokenKind::Number {
        let glued = adjacent(p, tok)
            && (p.kind == TokenKind::Word
                || matches!(
                    p.norm.as_str(),
                    "-" | "+" | "#" | "°" | "№" | "/" | ":" | "."
                ));
        if glued || t.identifiers.contains_key(p.norm.as_str()) {
            return false;
        }
    }
    true
}

/// Whether the digits read at token `i` are a quantity: not a time ("10:30", "21h13"), a phone
/// number or a code (numbers with only spaces between), nor an ordinal ("1er", "2nd").
fn digits_are_a_quantity(
    text: &str,
    tokens: &[Token],
    i: usize,
    num: &Numeral,
    t: &Tables,
) -> bool {
    let (tok, next) = (&tokens[i], num.next);
    let last = &tokens[next - 1];
    // scores "2-1" are handled by the reader; a following ":" digit is a time
    if let (Some(colon), Some(after)) = (tokens.get(next), tokens.get(next + 1)) {
        if colon.norm == ":"
            && adjacent(last, colon)
            && adjacent(colon, after)
            && after.kind == TokenKind::Number
        {
            return false;
        }
        if colon.kind == TokenKind::Number && after.kind == TokenKind::Number {
            return false;
        }
    }
    if let Some(p) = i.checked_sub(1).map(|p| &tokens[p]) {
        if p.kind == TokenKind::Number && is_space_between(text, p, tok) {
            return false;
        }
    }
    // ordinals and times glued to the digits (German ordinals "3." are left alone: "am 3. Mai"
    // is a date anyway)
    let s = num.suffix.as_str();
    let is_ordinal = t.ordinal_suffixes.contains_key(s);
    !(is_ordinal || s.starts_with('h') && s != "ha" || s == "am" || s == "pm")
}

/// What the tokens around a number say it is, as they are read: its kind and currency, the
/// words it counts, where the figure starts and ends, and the token after it.
struct Reading {
    kind: Option<FigureKind>,
    unit: Option<String>,
    counts: Option<Span>,
    start: usize,
    end: usize,
    next: usize,
}

impl Reading {
    /// The signs glued to the digits or just before ("93%", "100km", "$5", "€ 3,5 milliards");
    /// `None` when a glued suffix is no sign or unit.
    fn of_signs(tokens: &[Token], i: usize, num: &Numeral, t: &Tables) -> Option<Reading> {
        let tok = &tokens[i];
        let mut r = Reading {
            kind: None,
            unit: None,
            counts: None,
            start: tok.span.start,
            end: tokens[num.next - 1].span.end,
            next: num.next,
        };
        match num.suffix.as_str() {
            "" => {}
            "%" => r.kind = Some(FigureKind::Percent),
            s => match t.nouns.get(s) {
                Some(Noun::Unit(k)) => {
                    r.kind = Some(*k);
                    r.counts = Some(Span::new(
                        tok.span.start + tok.norm.len() - s.len(),
                        tok.span.end,
                    ));
                }
                Some(Noun::Currency(code)) => {
                    r.kind = Some(FigureKind::Money);
                    r.unit = Some((*code).to_string());
                }
                _ => return None,
            },
        }
        // currency sign before: "$5", "€ 3,5 milliards", "US$"
        if let Some(p) = i.checked_sub(1).map(|p| &tokens[p]) {
            if let Some(Noun::Currency(code)) = t.nouns.get(p.norm.as_str()) {
                if p.kind == TokenKind::Punct && r.kind.is_none() {
                    r.kind = Some(FigureKind::Money);
                    r.unit = Some((*code).to_string());
                    r.start = p.span.start;
                }
            }
        }
        Some(r)
    }

    /// A percent or a currency after the number: a word ("pour cent", "dollars") or a sign.
    fn percent_or_currency_after(&mut self, tokens: &[Token], t: &Tables) {
        if self.kind.is_some() {
            return;
        }
        let Some(after) = tokens.get(self.next) else {
            return;
        };
        match t.nouns.get(after.norm.as_str()) {
            Some(Noun::Percent) => {
                self.kind = Some(FigureKind::Percent);
                self.end = after.span.end;
                self.next += 1;
            }
            Some(Noun::Currency(code)) => {
                self.kind = Some(FigureKind::Money);
                self.unit = Some((*code).to_string());
                self.end = after.span.end;
                self.next += 1;
            }
            _ => {}
        }
        // "pour cent", "per cent", "por ciento", "في المئة"
        if self.kind.is_none() {
            if let Some(second) = tokens.get(self.next + 1) {
                let pair = (after.norm.as_str(), second.norm.as_str());
                if t.percent_phrases.contains(&pair) {
                    self.kind = Some(FigureKind::Percent);
                    self.end = second.span.end;
                    self.next += 2;
                }
            }
        }
    }

    /// Where the counted noun may start, and the value: after an "of" word that follows a
    /// scale, a vague word or a percent ("3,5 millions de déplacés", "93% des quartiers"), a
    /// scale after a vague word multiplying it ("des dizaines de milliers", "tens of
    /// thousands", "عشرات الآلاف"), and a filler ("les 3 derniers jours").
    fn counted_from(&self, tokens: &[Token], i: usize, num: &Numeral, t: &Tables) -> (usize, f64) {
        let mut j = self.next;
        let scaled_words = tokens[i..num.next].iter().any(|tk| {
            matches!(
                t.numbers.get(tk.norm.as_str()),
                Some(NumWord::Scale(_) | NumWord::Vague(_) | NumWord::Dozen | NumWord::Hundred)
            )
        });
        if let Some(tk) = tokens.get(j) {
            // Arabic counts right after the scale word (ألف شخص); "من" after it is "from"
            if t.of_words.contains_key(tk.norm.as_str())
                && !t.from_words.contains_key(tk.norm.as_str())
                && (scaled_words || num.vague || self.kind == Some(FigureKind::Percent))
            {
                j = past_apostrophes(tokens, j + 1);
            }
        }
        let mut value = num.value;
        if num.vague {
            if let Some(NumWord::Scale(s) | NumWord::Vague(s)) =
                tokens.get(j).and_then(|a| t.numbers.get(a.norm.as_str()))
            {
                value *= s;
                j += 1;
                if word_in(tokens, j, &t.of_words) {
                    j += 1;
                }
            }
        }
        if word_in(tokens, j, &t.fillers) {
            j += 1;
        }
        (j, value)
    }

    /// The noun counted, from token `j` ("93% des quartiers"; "$5 of aid" counts nothing): its
    /// kind when it is a known noun (people, a unit, a currency). `None` when the number is a
    /// time of day ("à 21 heures", "um 10 Uhr"): no figure.
    #[allow(clippy::too_many_arguments)]
    fn counted(
        &mut self,
        text: &str,
        tokens: &[Token],
        i: usize,
        j: usize,
        num: &Numeral,
        lang: Option<Lang>,
        t: &Tables,
    ) -> Option<Option<Noun>> {
        if self.kind == Some(FigureKind::Money) && j <= self.next {
            return Some(None);
        }
        let profile = &languages::of_or_none(lang).figures;
        let Some((span, nk, after)) = counted_noun(text, tokens, j, t, profile) else {
            return Some(None);
        };
        if nk == Some(Noun::Hour) {
            return None;
        }
        if let Some(Noun::Unit(FigureKind::Duration)) = nk {
            let at = i.checked_sub(1).map(|p| tokens[p].norm.as_str());
            let hour_word = t.hours.contains_key(tokens[after - 1].norm.as_str());
            let time_word = at.is_some_and(|w| t.at_time.contains_key(w));
            if hour_word && num.value <= 24.0 && time_word {
                return None;
            }
        }
        self.counts = Some(span);
        self.end = span.end;
        self.next = after;
        if let Some(Noun::Currency(code)) = nk {
            self.kind = Some(FigureKind::Money);
            self.unit = Some(code.to_string());
            self.counts = None;
        }
        Some(nk)
    }

    /// The figure's kind: what was read, else what the counted noun is; `None` when it counts
    /// nothing known and names no noun.
    fn kind(&self, noun_kind: Option<Noun>) -> Option<FigureKind> {
        Some(match (self.kind, noun_kind) {
            (Some(k), _) => k,
            (None, Some(Noun::People)) => FigureKind::People,
            (None, Some(Noun::Unit(k))) => k,
            (None, _) if self.counts.is_some() => FigureKind::Count,
            _ => return None,
        })
    }

    /// The figure, with its qualifier: before ("au moins", "plus d'un demi-million"), or after
    /// the counted noun ("16 morts au moins"); a vague number is its own qualifier.
    #[allow(clippy::too_many_arguments)]
    fn qualified(
        mut self,
        text: &str,
        tokens: &[Token],
        i: usize,
        num: &Numeral,
        t: &Tables,
        value: f64,
        kind: FigureKind,
    ) -> (Figure, usize) {
        let mut bound = if num.vague { Bound::Min } else { Bound::Exact };
        let mut qualifier: Option<String> = None;
        if let Some((q_start, b)) = qualifier_before(text, tokens, i, t) {
            bound = b;
            qualifier = Some(
                text[q_start..tokens[i].span.start]
                    .trim_end()
                    .trim_end_matches(['\'', '’'])
                    .to_string(),
            );
            self.start = self.start.min(q_start);
        } else if let Some((q_end, b, q_start)) = qualifier_after(tokens, self.next, t) {
            bound = b;
            qualifier = Some(text[q_start..q_end].to_string());
            self.end = q_end;
        }
        if num.vague && qualifier.is_none() {
            qualifier = Some(text[tokens[i].span.start..tokens[num.next - 1].span.end].to_string());
        }
        let figure = Figure {
            value,
            counts: self.counts.map(|s| text[s.start..s.end].to_string()),
            qualifier,
            bound,
            kind,
            unit: self.unit,
            text: text[self.start..self.end].to_string(),
            start: self.start,
            end: self.end,
        };
        (figure, self.next)
    }
}

/// Whether token `k` is one of the words of `set`.
fn word_in(tokens: &[Token], k: usize, set: &WordMap<()>) -> bool {
    tokens
        .get(k)
        .is_some_and(|a| set.contains_key(a.norm.as_str()))
}

/// The first token from `k` that is not an apostrophe ("d'", "l'").
fn past_apostrophes(tokens: &[Token], mut k: usize) -> usize {
    while tokens
        .get(k)
        .is_some_and(|a| matches!(a.norm.as_str(), "'" | "’"))
    {
        k += 1;
    }
    k
}

pub(super) fn is_cased_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| !c.is_uppercase())
}

/// A known noun, also in the German dative plural ("Flüchtlingen", "Kindern").
pub(super) fn noun(t: &Tables, norm: &str) -> Option<Noun> {
    t.nouns.get(norm).copied().or_else(|| {
        let stem = norm.strip_suffix('n')?;
        match t.nouns.get(stem) {
            Some(Noun::People) if stem.chars().count() >= 4 => Some(Noun::People),
            _ => None,
        }
    })
}

/// The noun phrase a number counts, from token `j`: up to three content words ending at a known
/// noun, or the first content word; then an "of" complement of up to two content words
/// ("combattants du HTS", "عنصراً من قوات النظام"). Returns its span, the kind of its known noun,
/// and the token after it.
pub(super) fn counted_noun(
    text: &str,
    tokens: &[Token],
    j: usize,
    t: &Tables,
    profile: &languages::Figures,
) -> Option<(Span, Option<Noun>, usize)> {
    let content = |k: usize| -> bool {
        tokens.get(k).is_some_and(|tk| {
            tk.kind == TokenKind::Word
                && !crate::lang::is_function_word(&tk.norm)
                && !word_set!(figures.stops).contains_key(tk.norm.as_str())
                && !crate::dates::is_date_word(&tk.norm)
                && !t.numbers.contains_key(tk.norm.as_str())
                && t.nouns.get(tk.norm.as_str()) != Some(&Noun::Percent)
        })
    };
    let first = tokens.get(j)?;
    if !content(j) {
        // a known unit that is also a function word elsewhere ("an", "m", "t")
        if let Some(n @ (Noun::Unit(_) | Noun::People | Noun::Currency(_) | Noun::Hour)) =
            t.nouns.get(first.norm.as_str())
        {
            if first.kind == TokenKind::Word {
                return Some((first.span, Some(*n), j + 1));
            }
        }
        return None;
    }
    let mut last = j;
    let mut known = noun(t, &first.norm);
    // Russian past-tense verbs ("700 тысяч покинули") count nothing
    let basic_cyrillic = first.norm.chars().all(|c| ('а'..='я').contains(&c));
    if known.is_none() && basic_cyrillic && t.verb_endings.iter().any(|e| first.norm.ends_with(e)) {
        return None;
    }
    if known.is_none() {
        // "syrischen Flüchtlinge", "water bombers", "government soldiers": words up to a known
        // noun; in English a run of lowercase nouns is a compound (`Figures::noun_compounds`)
        let compound_word = |k: usize| {
            let w = &tokens[k].norm;
            profile.noun_compounds
                && w.is_ascii()
                && !profile.not_compound_endings.iter().any(|e| w.ends_with(e))
                && is_cased_lower(&text[tokens[k].span.start..tokens[k].span.end])
        };
        let mut compound = last;
        for k in j + 1..j + 3 {
            if !content(k) {
                break;
            }
            if let Some(n) = noun(t, &tokens[k].norm) {
                known = Some(n);
                last = k;
                break;
            }
            if !is_cased_lower(&text[tokens[k].span.start..tokens[k].span.end]) {
                break;
            }
            if compound == k - 1 && compound_word(k) && compound_word(j) {
                compound = k;
            }
        }
        if known.is_none() {
            last = compound;
        }
    }
    // Russian adjective + noun: "мирных жителей"
    if last == j
        && basic_cyrillic
        && t.adjective_endings.iter().any(|e| first.norm.ends_with(e))
        && content(j + 1)
    {
        last = j + 1;
        if let Some(n) = t.nouns.get(tokens[j + 1].norm.as_str()) {
            known = Some(*n);
        }
    }
    let (last, after) = match known {
        Some(Noun::Unit(_) | Noun::Currency(_) | Noun::Hour) => (last, last + 1),
        _ => of_complement(tokens, last, t, &content),
    };
    Some((
        Span::new(first.span.start, tokens[last].span.end),
        known,
        after,
    ))
}

/// The "of" complement after the counted noun ending at `last` ("3,5 millions de déplacés du
/// nord", "200 members of the army"): up to two content words after "of" and an article. Gives
/// the last token of the noun and the token after it.
fn of_complement(
    tokens: &[Token],
    mut last: usize,
    t: &Tables,
    content: &dyn Fn(usize) -> bool,
) -> (usize, usize) {
    let mut after = last + 1;
    if let Some(of) = tokens.get(after) {
        if t.of_words.contains_key(of.norm.as_str()) {
            let mut k = past_apostrophes(tokens, after + 1);
            // "du HTS", "of the army", "من قوات النظام"
            if word_in(tokens, k, &t.articles) {
                k = past_apostrophes(tokens, k + 1);
            }
            let mut taken = 0;
            while taken < 2 && content(k) {
                last = k;
                k += 1;
                taken += 1;
            }
            if taken > 0 {
                after = last + 1;
            }
        }
    }
    (last, after)
}

/// A qualifier phrase ending right before token `i`: its start offset and bound.
pub(super) fn qualifier_before(
    text: &str,
    tokens: &[Token],
    i: usize,
    t: &Tables,
) -> Option<(usize, Bound)> {
    // the words before `i`, nearest first, skipping apostrophes and hyphens ("plus d'un")
    let mut words: Vec<&Token> = Vec::with_capacity(4);
    let mut k = i;
    while k > 0 && words.len() < 4 {
        k -= 1;
        let tk = &tokens[k];
        if tk.kind == TokenKind::Punct {
            if matches!(tk.norm.as_str(), "'" | "’") {
                continue;
            }
            break;
        }
        words.push(tk);
    }
    let _ = text;
    for (phrase, bound) in &t.before {
        let n = phrase.len();
        if n > words.len() {
            continue;
        }
        let matches = phrase
            .iter()
            .rev()
            .zip(words.iter())
            .all(|(p, w)| *p == w.norm);
        if matches {
            return Some((words[n - 1].span.start, *bound));
        }
    }
    None
}

/// A qualifier phrase starting at token `k` ("على الأقل", "at least"): its end, bound and start.
pub(super) fn qualifier_after(
    tokens: &[Token],
    k: usize,
    t: &Tables,
) -> Option<(usize, Bound, usize)> {
    for (phrase, bound) in &t.after {
        let n = phrase.len();
        let Some(words) = tokens.get(k..k + n) else {
            continue;
        };
        if words.iter().zip(phrase).all(|(w, p)| w.norm == *p) {
            return Some((words[n - 1].span.end, *bound, words[0].span.start));
        }
    }
    None
}
