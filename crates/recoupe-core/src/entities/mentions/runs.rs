//! Runs of capitalised words: where a name's run ends and starts, the words before it, the
//! sentence starts, and how the text itself cases each word (`Casing`).

use super::*;

/// The last token of the capitalised run starting at `i`: capitalised words, particles inside a
/// name, hyphens and apostrophes within it.
/// In a language that capitalises only the first word of a name ("Европейската комисия",
/// "Evropská unie", "Верховный суд Пакистана"), a lowercase organisation word right after the
/// capitalised run belongs to it: `heads` are the stems of the language's organisation words.
pub(super) fn run_end(
    text: &str,
    tokens: &[Token],
    taken: &[bool],
    i: usize,
    heads: &Heads,
) -> usize {
    let mut end = i;
    let mut j = i + 1;
    while j < tokens.len() {
        let n = &tokens[j];
        let gap = &text[tokens[j - 1].span.end..n.span.start];
        if gap.contains('\n') || gap.chars().count() > 1 {
            break;
        }
        let s = &text[n.span.start..n.span.end];
        // a ruler's or a pope's number ends the name, in any script ("Елизавета II", "Benedykt
        // XVI")
        if j == end + 1 && gap == " " && !taken[j] && is_roman_numeral(s) {
            let last = &text[tokens[end].span.start..tokens[end].span.end];
            if !is_roman_numeral(last) && !is_acronym(last) {
                end = j;
            }
            break;
        }
        // a name is written in one script: "The Guardian Докато" is a name and a sentence's
        // next word
        let script = |w: &str| w.chars().find_map(crate::model::Script::of);
        if n.kind == TokenKind::Word
            && script(s) != script(&text[tokens[end].span.start..tokens[end].span.end])
        {
            break;
        }
        // after an adjective only: "Европейската комисия", not "po Brexicie sądy"; a place's
        // head too ("Irská republika", "Ирландско море")
        let organisation_word = || {
            j == end + 1
                && gap == " "
                && (is_org_head(&n.norm, heads) || is_place_head(&n.norm, heads))
                && heads.is_adjective(&tokens[end].norm)
        };
        // a lowercase word joined by a hyphen, in a language that writes names so
        // ("Даунинг-стрит", "Техрик-и-лабаик", "Ростов-на-Дону")
        let hyphenated = || {
            !heads.is_empty()
                && gap.is_empty()
                && j >= 2
                && tokens[j - 1].norm == "-"
                && text[tokens[j - 2].span.end..tokens[j - 1].span.start].is_empty()
                && j - 2 == end
                // not a title ("Премьер-министр")
                && !is_title_word(&n.norm)
                && !is_title_word(&tokens[end].norm)
        };
        // a case ending after an apostrophe, glued to the name ("Farage'a", "Jean-Claude'a
        // Junckera"): part of it, and the run goes on
        if j == end + 1 && gap.is_empty() && is_apostrophe_ending(text, tokens, j, heads) {
            end = j + 1;
            j += 2;
            continue;
        }
        // an initial glued by its dot to the name after it ("Т.Мэй", "D.Tusk")
        if j == end + 1 && gap.is_empty() && is_glued_initial(text, tokens, end) {
            end = j + 1;
            j += 2;
            continue;
        }
        // a lowercase word that ends a foreign name ("Франс прес", "Даунинг стрийт")
        let tail =
            || j == end + 1 && gap == " " && !is_capitalised(s) && heads.tails.contains(&n.norm);
        if n.kind == TokenKind::Word && !taken[j] && tail() {
            end = j;
            break;
        }
        // a noun in the genitive plural after a capitalised organisation word ("Sněmovna lordů")
        let governed = || {
            j == end + 1
                && gap == " "
                && !is_capitalised(s)
                && heads.genitive_plurals.iter().any(|e| s.ends_with(e))
                && is_capitalised(&text[tokens[end].span.start..tokens[end].span.end])
                && is_org_head(&tokens[end].norm, heads)
        };
        if n.kind == TokenKind::Word && !taken[j] && governed() {
            end = j;
            break;
        }
        if n.kind == TokenKind::Word
            && !taken[j]
            && (is_capitalised(s) || organisation_word() || hyphenated())
        {
            end = j;
            j += 1;
        } else if let Some(last) = (j == end + 1 && gap == " ")
            .then(|| governed_word(text, tokens, taken, end, heads))
            .flatten()
        {
            end = last;
            break;
        } else if let Some(head) = (j == end + 1 && gap == " ")
            .then(|| adjectives_to_head(text, tokens, taken, end, heads))
            .flatten()
        {
            end = head;
            j = head + 1;
            // a language that ties an organisation to its owner by a preposition (bg: на) has
            // no capitalised owner right after its head: "Световния икономически форум Мей
            // подчерта" is two names
            if !heads.links.is_empty() {
                break;
            }
        } else if n.kind == TokenKind::Word
            && word_set!(names.particles).contains_key(n.norm.as_str())
            && j + 1 < tokens.len()
        {
            // a particle only inside a name: a capitalised word must follow
            let next = tokens.get(j + 1).filter(|x| {
                x.kind == TokenKind::Word && is_capitalised(&text[x.span.start..x.span.end])
            });
            let after_hyphen = tokens.get(j + 1).is_some_and(|x| x.norm == "-");
            if next.is_some() && text[n.span.end..tokens[j + 1].span.start].chars().count() <= 1 {
                j += 1;
            } else if after_hyphen {
                j += 2;
            } else {
                break;
            }
        } else if after_abbreviation(tokens, j)
            && j == end + 1
            && gap.is_empty()
            && tokens.get(j + 1).is_some_and(|x| {
                x.kind == TokenKind::Word
                    && is_capitalised(&text[x.span.start..x.span.end])
                    && &text[n.span.end..x.span.start] == " "
            })
        {
            // "Sen. Marco Rubio": the title goes on to the name (and is cut off as a title)
            j += 1;
        } else if (n.norm == "-"
            && tokens.get(j + 1).is_some_and(|x| x.kind == TokenKind::Word)
            && gap.is_empty())
            || apostrophe_in_a_name(text, tokens, i, j)
        {
            j += 1;
        } else {
            break;
        }
    }
    end
}

/// Whether the word at `i` is one capital letter glued by a dot to a capitalised word of the
/// same script ("Т.Мэй", "D.Tusk"): an initial and the name it stands before.
fn is_glued_initial(text: &str, tokens: &[Token], i: usize) -> bool {
    let (Some(initial), Some(dot), Some(name)) =
        (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2))
    else {
        return false;
    };
    let letter = &text[initial.span.start..initial.span.end];
    let word = &text[name.span.start..name.span.end];
    dot.norm == "."
        && initial.span.end == dot.span.start
        && dot.span.end == name.span.start
        && letter.chars().count() == 1
        && is_capitalised(letter)
        && name.kind == TokenKind::Word
        && word.chars().count() >= 2
        && is_capitalised(word)
        && script_of_token(letter) == script_of_token(word)
}

/// Whether the apostrophe at `j` and the word after it are a case ending the language writes
/// so on a name (`names.apostrophe_endings`): glued on both sides, the ending in lowercase.
fn is_apostrophe_ending(text: &str, tokens: &[Token], j: usize, heads: &Heads) -> bool {
    let (Some(at), Some(ending)) = (tokens.get(j), tokens.get(j + 1)) else {
        return false;
    };
    matches!(at.norm.as_str(), "'" | "’")
        && ending.kind == TokenKind::Word
        && at.span.end == ending.span.start
        && !is_capitalised(&text[ending.span.start..ending.span.end])
        && heads.apostrophe_endings.contains(&ending.norm)
}

/// Where the name of the run `i..=end` starts: after an article opening the sentence, a title
/// (the title is a cue: true) and a portfolio ("ministre de la Défense"); the third value is
/// true when the run is a portfolio only.
pub(super) fn name_start(
    tokens: &[Token],
    i: usize,
    end: usize,
    lang: Option<Lang>,
) -> (usize, bool, bool) {
    // "Le Kremlin", "The Pentagon": the article opening a sentence is not part of the name —
    // but in a text in another language than English, "The Guardian" is the newspaper's name
    // as written
    let of_the_language = |w: &str| w != "the" || lang.is_none_or(|l| l == Lang::EN);
    let mut first = i;
    while first < end
        && is_sentence_word(&tokens[first].norm)
        && of_the_language(&tokens[first].norm)
    {
        first += 1;
        while first < end && tokens[first].kind != TokenKind::Word {
            first += 1;
        }
    }
    // "Russian Foreign Minister Sergei Lavrov", "Colonel Omar Siddiq", "Außenminister Sergej
    // Lawrow": the name starts after the last title word of the run (the title is a cue)
    let mut title_before = false;
    if let Some(last_title) = (first..end)
        .rev()
        .find(|k| tokens[*k].kind == TokenKind::Word && is_title_word(&tokens[*k].norm))
    {
        title_before = true;
        first = last_title + 1;
        while first < end && tokens[first].kind != TokenKind::Word {
            first += 1;
        }
    }
    // "ministre de la Défense Jean Dupont": the portfolio is no actor, the name after it is
    let mut portfolio = false;
    while names_a_portfolio(tokens, first) {
        if first == end {
            portfolio = true;
            break;
        }
        first += 1;
        while first < end && tokens[first].kind != TokenKind::Word {
            first += 1;
        }
    }
    (first, title_before, portfolio)
}

/// "la ministre belge des Affaires étrangères", "ministère de la Défense", "ministro de
/// Defensa", "ministro degli Esteri", "Secretary of State": the capitalised word is the
/// minister's portfolio, part of a title or of the ministry's name, not an actor of its own.
pub(in crate::entities) fn names_a_portfolio(tokens: &[Token], first: usize) -> bool {
    const HEADS: &[&str] = &[
        "ministre",
        "ministere",
        "ministro",
        "ministerio",
        "ministero",
        "ministra",
        "minister",
        "ministry",
        "secretary",
    ];
    const LINKS: &[&str] = &[
        "de", "des", "du", "la", "l", "d", "del", "della", "degli", "dei", "delle", "dello", "dos",
        "da", "do", "das", "of", "the",
    ];
    let mut before = words_before(tokens, first);
    let mut links = 0;
    for word in before.by_ref() {
        if !LINKS.contains(&word) {
            // the ministry, or one adjective and the ministry ("ministre belge des")
            return links > 0
                && (HEADS.contains(&word) || before.next().is_some_and(|w| HEADS.contains(&w)));
        }
        links += 1;
        if links > 2 {
            return false;
        }
    }
    false
}

/// The normalised words before token `at`, nearest first.
pub(in crate::entities) fn words_before(tokens: &[Token], at: usize) -> impl Iterator<Item = &str> {
    tokens[..at]
        .iter()
        .rev()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.norm.as_str())
}

/// "eine Demonstrantin", "ein Sprecher", "un Cosaque": a lone capitalised word after an
/// indefinite article is a noun (German capitalises every noun), not a name.
pub(in crate::entities) fn after_indefinite_article(tokens: &[Token], first: usize) -> bool {
    first > 0
        && matches!(
            tokens[first - 1].norm.as_str(),
            "ein"
                | "eine"
                | "einen"
                | "einem"
                | "einer"
                | "eines"
                | "kein"
                | "keine"
                | "keinen"
                | "jede"
                | "jeder"
                | "jeden"
        )
}

/// Whether the apostrophe at `j` joins a capital letter to a capitalised word within a name
/// ("Nadia O'Hara", "Massimo D'Alema"): a single capital before it, a capitalised word right
/// after it, nothing between. A run that opens with the letter may only be "O'" — a name opening
/// a sentence with "D'Alep" or "L'Armée" is a French elision, not part of the name.
pub(in crate::entities) fn apostrophe_in_a_name(
    text: &str,
    tokens: &[Token],
    run_start: usize,
    j: usize,
) -> bool {
    let (Some(before), Some(at), Some(after)) = (
        tokens.get(j.wrapping_sub(1)),
        tokens.get(j),
        tokens.get(j + 1),
    ) else {
        return false;
    };
    if j == 0 || !matches!(at.norm.as_str(), "'" | "’") {
        return false;
    }
    let letter = &text[before.span.start..before.span.end];
    let glued = before.span.end == at.span.start && at.span.end == after.span.start;
    let single_capital = letter.chars().count() == 1 && is_capitalised(letter);
    let opens_the_run = j - 1 == run_start;
    glued
        && single_capital
        && (!opens_the_run || letter == "O")
        && after.kind == TokenKind::Word
        && is_capitalised(&text[after.span.start..after.span.end])
}

/// Up to `len` word tokens from `i` on, allowing hyphens between them ("Alep-Est"): the
/// longest such run, so a run of any shorter length is a prefix of it.
pub(in crate::entities) fn word_run(tokens: &[Token], i: usize, len: usize) -> Vec<&Token> {
    let mut out = Vec::with_capacity(len);
    let mut j = i;
    while out.len() < len {
        let Some(t) = tokens.get(j) else { break };
        if t.kind == TokenKind::Word {
            out.push(t);
            j += 1;
        } else if t.norm == "-" && !out.is_empty() {
            j += 1;
        } else {
            break;
        }
    }
    out
}

pub(in crate::entities) fn last_word_index(tokens: &[Token], i: usize, len: usize) -> usize {
    let mut count = 0;
    for (j, t) in tokens.iter().enumerate().skip(i) {
        if t.kind == TokenKind::Word {
            count += 1;
            if count == len {
                return j;
            }
        }
    }
    tokens.len().saturating_sub(1)
}

/// The dot at token `i` ends no sentence: the dot of an initial ("J. Kowalski") or of a word
/// written shortened (Mr. Gingrich).
pub(crate) fn shortening_dot(text: &str, tokens: &[Token], i: usize) -> bool {
    let initial = tokens[i].norm == "."
        && i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && tokens[i - 1].span.end == tokens[i].span.start
        && {
            let word = &text[tokens[i - 1].span.start..tokens[i - 1].span.end];
            word.chars().count() == 1 && word.chars().all(char::is_uppercase)
        };
    initial || after_abbreviation(tokens, i)
}

/// The dot at token `i` shortens the word before it (Mr. Gingrich, Sen. Rubio): it ends no
/// sentence.
pub(crate) fn after_abbreviation(tokens: &[Token], i: usize) -> bool {
    tokens[i].norm == "."
        && i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && tokens[i - 1].span.end == tokens[i].span.start
        && word_set!(names.abbreviations).contains_key(tokens[i - 1].norm.as_str())
}

/// For each token: does it open a sentence (first token, after . ! ? : or a quote opening a
/// sentence, after a page's separators | and •, or at the start of a paragraph)?
pub(in crate::entities) fn sentence_starts(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut starts = vec![false; tokens.len()];
    let mut at_start = true;
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && text[tokens[i - 1].span.end..t.span.start].contains('\n') {
            at_start = true;
        }
        if t.kind == TokenKind::Punct {
            if shortening_dot(text, tokens, i) {
                continue;
            }
            // a quotation or a dash opens a sentence of its own („Jej zdaniem…”, — Всички…)
            if matches!(
                t.norm.as_str(),
                "." | "!"
                    | "?"
                    | ":"
                    | "؟"
                    | "…"
                    | "„"
                    | "«"
                    | "“"
                    | "—"
                    | "–"
                    | "©"
                    | "|"
                    | "•"
            ) {
                at_start = true;
            }
            continue;
        }
        starts[i] = at_start;
        // "© 2018 Всички права запазени": the year after a copyright sign opens nothing
        at_start = at_start
            && i > 0
            && tokens[i - 1].norm == "©"
            && t.norm.bytes().all(|b| b.is_ascii_digit());
    }
    starts
}

/// How an article writes each word: capitalised inside a sentence somewhere, lowercase
/// somewhere. Made once per article (a scan of the text per capitalised word was quadratic).
pub(in crate::entities) struct Casing<'a> {
    words: FxMap<&'a str, (bool, bool)>,
    /// In a language with case endings, the stems (`names::name_stem`) of the words capitalised
    /// inside a sentence: Кравцова opening a sentence is the Кравцов of another.
    stems: HashSet<String>,
    lang: Option<Lang>,
}

impl<'a> Casing<'a> {
    pub(in crate::entities) fn of(
        text: &str,
        tokens: &'a [Token],
        starts: &[bool],
        lang: Option<Lang>,
    ) -> Casing<'a> {
        let mut words: FxMap<&'a str, (bool, bool)> = FxMap::default();
        let mut stems = HashSet::default();
        let cases = !languages::of_or_none(lang).names.case_endings.is_empty();
        for (t, start) in tokens.iter().zip(starts) {
            let surface = &text[t.span.start..t.span.end];
            let (capitalised, lowercase) = words.entry(t.norm.as_str()).or_default();
            if !*start && !*capitalised && is_capitalised(surface) {
                *capitalised = true;
                if cases {
                    stems.insert(crate::names::name_stem(surface, lang));
                }
            }
            if !*lowercase && surface.chars().next().is_some_and(char::is_lowercase) {
                *lowercase = true;
            }
        }
        Casing { words, stems, lang }
    }

    /// The text capitalises the word where no sentence starts.
    pub(in crate::entities) fn capitalised_inside_a_sentence(&self, norm: &str) -> bool {
        self.words.get(norm).is_some_and(|w| w.0)
    }

    /// The text capitalises the word, or another case form of it, where no sentence starts.
    pub(in crate::entities) fn capitalised_inside_a_sentence_in_any_case(
        &self,
        token: &Token,
        text: &str,
    ) -> bool {
        self.capitalised_inside_a_sentence(&token.norm)
            || (!self.stems.is_empty()
                && self.stems.contains(&crate::names::name_stem(
                    &text[token.span.start..token.span.end],
                    self.lang,
                )))
    }

    /// The word is written in lowercase somewhere in the text: a common word, not a name.
    pub(in crate::entities) fn lowercase_somewhere(&self, norm: &str) -> bool {
        self.words.get(norm).is_some_and(|w| w.1)
    }
}
