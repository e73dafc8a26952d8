//! Names across scripts: romanisation of Cyrillic, Arabic and Hebrew, and a phonetic key that
//! survives the usual differences between spellings of one name (Arabic written without short
//! vowels; v/f/w, g/gh/j/dj, k/q/kh, ou/u/w, ï/i/y, doubled letters, the article al-).
//!
//! A name becomes a sequence of sound classes (consonants, with vowels kept apart as weak
//! evidence); two names are compared by a weighted edit distance on those classes. The score is
//! explainable: the two keys are shown side by side.

use unicode_normalization::char::is_combining_mark;

use crate::languages;
use crate::model::Lang;

/// The stem a word of a name is merged by, in language `lang`: the word lowercased, without the
/// longest of the language's case endings that leaves three letters (Londynie → londyn,
/// Джонсоном → джонсон, Mayová → may). A language without case endings keeps the whole word.
pub fn name_stem(word: &str, lang: Option<Lang>) -> String {
    let names = &languages::of_or_none(lang).names;
    // a case ending written after an apostrophe (pl: Farage'a): the stem is the name's, as if
    // it were written without one
    if let Some((name, ending)) = word.rsplit_once(['\'', '’']) {
        if !name.is_empty() && names.apostrophe_endings.contains(&ending) {
            return name_stem(name, lang);
        }
    }
    let mut lower = crate::lexicon::to_lower(word);
    let endings = names.case_endings;
    let Some(&last) = lower.as_bytes().last() else {
        return lower;
    };
    // the last byte first: most endings end otherwise, and a byte is cheaper than a suffix
    let mut matching = endings
        .iter()
        .filter(|e| e.as_bytes().last() == Some(&last) && lower.ends_with(**e))
        .peekable();
    if matching.peek().is_none() {
        return lower;
    }
    let letters = lower.chars().count();
    let cut = matching
        .filter(|e| letters >= 3 + e.chars().count())
        .map(|e| e.len())
        .max()
        .unwrap_or(0);
    lower.truncate(lower.len() - cut);
    lower
}

/// A normalised word (`token::normalize`) and the nominatives it may be a case form of in
/// language `lang`, the word first (Brukseli → bruksela, Лондоне → лондон, лондона): the forms
/// a name is looked up under in the gazetteer. Each stem keeps three letters at least.
pub fn nominatives(norm: &str, lang: Option<Lang>) -> Vec<String> {
    let mut forms = vec![norm.to_string()];
    let last = norm.as_bytes().last();
    for (ending, endings) in languages::of_or_none(lang).names.nominatives {
        // the last byte first (cheaper than a suffix; the empty ending has none)
        if !ending.is_empty() && ending.as_bytes().last() != last {
            continue;
        }
        let Some(stem) = norm.strip_suffix(ending) else {
            continue;
        };
        if stem.chars().count() < 3 {
            continue;
        }
        for nominative in *endings {
            let mut form = String::with_capacity(stem.len() + nominative.len());
            form.push_str(stem);
            form.push_str(nominative);
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// Romanises a name written in Cyrillic, Arabic or Hebrew (Latin passes through, lowercased
/// and without diacritics). Arabic و and ي are vowels inside a word and consonants at its start.
pub fn romanize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut previous_letter = false;
    for (w, word) in text.split(' ').enumerate() {
        if w > 0 {
            push_romanized(' ', &mut out, &mut previous_letter);
        }
        // the Arabic article of a word (الأسد = al-Asad) is not part of the name
        let word = word
            .strip_prefix("ال")
            .filter(|rest| rest.chars().count() >= 2)
            .unwrap_or(word);
        for c in word.chars() {
            // Latin letters lose their diacritics; other scripts are mapped letter by letter
            // (NFD would turn й into и and a breve)
            let decompose =
                ('\u{00c0}'..='\u{024f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c);
            if decompose {
                unicode_normalization::char::decompose_canonical(c, |part| {
                    push_romanized(part, &mut out, &mut previous_letter)
                });
            } else {
                push_romanized(c, &mut out, &mut previous_letter);
            }
        }
    }
    out
}

/// One letter of [`romanize`], after the Latin ones were decomposed.
fn push_romanized(c: char, out: &mut String, previous_letter: &mut bool) {
    if is_combining_mark(c) || c == '\u{0640}' {
        return;
    }
    let mut lower = None;
    crate::lexicon::for_each_lower(c, |l| {
        lower.get_or_insert(l);
    });
    let lower = lower.unwrap_or(c);
    let mapped = match u32::from(lower) {
        0x0400..=0x04FF => cyrillic_letter(lower),
        0x0590..=0x05FF => hebrew_letter(lower, *previous_letter),
        0x0600..=0x06FF => arabic_letter(lower, *previous_letter),
        _ => latin_letter(lower),
    };
    match mapped {
        Some(mapped) => {
            out.push_str(mapped);
            *previous_letter = !mapped.is_empty() && mapped != "'";
        }
        None if lower.is_alphabetic() => {
            out.push(lower);
            *previous_letter = true;
        }
        None if lower.is_whitespace() || lower == '-' => {
            out.push(' ');
            *previous_letter = false;
        }
        None => {}
    }
}

/// A Cyrillic letter in Latin letters (Russian, Ukrainian, Bulgarian usage), lowercase.
fn cyrillic_letter(lower: char) -> Option<&'static str> {
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// An Arabic-script letter (Persian ones included) in Latin letters; و and ي are vowels after a
/// letter, consonants at the start of a word.
fn arabic_letter(lower: char, previous_letter: bool) -> Option<&'static str> {
    Some(match lower {
        'ا' | 'ٱ' | 'آ' | 'أ' => "a",
        'إ' => "i",
        'ء' => "'",
        'ع' => "a",
        'ب' => "b",
        'پ' => "p",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'چ' => "ch",
        'ح' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'ژ' => "zh",
        'س' => "s",
        'ش' => "sh",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'گ' => "g",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ه' => "h",
        'ة' => "a",
        'ى' => "a",
        'ؤ' => "w",
        'ئ' => "y",
        'و' => {
            if previous_letter {
                "u"
            } else {
                "w"
            }
        }
        'ي' | 'ی' => {
            if previous_letter {
                "i"
            } else {
                "y"
            }
        }
        _ => return None,
    })
}

/// A Hebrew letter in Latin letters; ו and י are vowels after a letter.
fn hebrew_letter(lower: char, previous_letter: bool) -> Option<&'static str> {
    Some(match lower {
        'א' => "'",
        'ב' => "v",
        'ג' => "g",
        'ד' => "d",
        'ה' => "h",
        'ו' => {
            if previous_letter {
                "o"
            } else {
                "v"
            }
        }
        'ז' => "z",
        'ח' => "kh",
        'ט' => "t",
        'י' => {
            if previous_letter {
                "i"
            } else {
                "y"
            }
        }
        'כ' | 'ך' => "k",
        'ל' => "l",
        'מ' | 'ם' => "m",
        'נ' | 'ן' => "n",
        'ס' => "s",
        'ע' => "'",
        'פ' | 'ף' => "p",
        'צ' | 'ץ' => "ts",
        'ק' => "k",
        'ר' => "r",
        'ש' => "sh",
        'ת' => "t",
        _ => return None,
    })
}

/// A Latin letter without a base letter in NFD (ß, æ, ł…) in plain letters.
fn latin_letter(lower: char) -> Option<&'static str> {
    Some(match lower {
        'ß' => "ss",
        'æ' => "ae",
        'ø' => "o",
        'œ' => "oe",
        'ł' => "l",
        'đ' => "d",
        'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// Sound classes of a name's key.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Sound {
    /// b p
    B,
    /// f v w ph
    F,
    /// k q c(hard) kh x ch(German)
    K,
    /// g gh
    G,
    /// j dj dzh zh ž
    J,
    /// s z ts c(soft) ç th(ث) dh(ذ)
    S,
    /// sh ch(French) sch
    X,
    /// ch tsh (English, Slavic ч)
    C,
    T,
    D,
    L,
    M,
    N,
    R,
    /// h (often silent or dropped between scripts)
    H,
    /// w: a consonant in German and at the start of Arabic words, a vowel in "Bowen"
    W,
    /// vowels, in three qualities (weak evidence: Arabic does not write short ones)
    A,
    /// e i y
    I,
    /// o u
    U,
}

impl Sound {
    const ALL: [Sound; 19] = [
        Sound::B,
        Sound::F,
        Sound::K,
        Sound::G,
        Sound::J,
        Sound::S,
        Sound::X,
        Sound::C,
        Sound::T,
        Sound::D,
        Sound::L,
        Sound::M,
        Sound::N,
        Sound::R,
        Sound::H,
        Sound::W,
        Sound::A,
        Sound::I,
        Sound::U,
    ];

    fn is_vowel(self) -> bool {
        matches!(self, Sound::A | Sound::I | Sound::U)
    }
}

/// The phonetic key of a name (any script): its sound classes, doubled sounds squeezed, the
/// Arabic article al-/el- of a second or later word removed.
pub fn sound_key(name: &str) -> Vec<Sound> {
    KNOWN_KEYS.with_borrow_mut(|known| {
        if let Some(key) = known.get(name) {
            return key.to_vec();
        }
        if known.len() >= KNOWN_KEYS_MAX {
            known.clear();
        }
        let key = make_sound_key(name);
        known.insert(name.into(), key.as_slice().into());
        key
    })
}

/// How many names a thread's memo of sound keys holds before it starts again (~20 MB).
const KNOWN_KEYS_MAX: usize = 200_000;

thread_local! {
    /// The sound keys made on this thread: a name comes back many times within an article (its
    /// grouping, its blocks, its profile key) and across articles, and keying it (romanising,
    /// then a pass over the letters) was a twelfth of an article's instructions. It changes no
    /// result; bounded by [`KNOWN_KEYS_MAX`].
    static KNOWN_KEYS: std::cell::RefCell<crate::maps::HashMap<Box<str>, Box<[Sound]>>> =
        std::cell::RefCell::default();
}

fn make_sound_key(name: &str) -> Vec<Sound> {
    let latin = romanize(name);
    let mut key = Vec::with_capacity(latin.len());
    for word in latin.split(' ').filter(|w| !w.is_empty()) {
        // the Arabic article written as a word of its own (al-Assad, el-Sisi, Bachar al Assad)
        if matches!(word, "al" | "el") {
            continue;
        }
        push_word(word, &mut key);
    }
    key.dedup();
    key
}

fn push_word(word: &str, key: &mut Vec<Sound>) {
    let bytes = word.as_bytes();
    let mut i = 0;
    let starts = |at: usize, s: &str| word.get(at..).is_some_and(|rest| rest.starts_with(s));
    while i < bytes.len() {
        let (sound, used) = if starts(i, "shch") {
            (Some(Sound::X), 4)
        } else if starts(i, "tsch") || starts(i, "tsh") {
            (Some(Sound::C), if starts(i, "tsch") { 4 } else { 3 })
        } else if starts(i, "dzh") || starts(i, "dsch") {
            (Some(Sound::J), if starts(i, "dzh") { 3 } else { 4 })
        } else if starts(i, "sch") || starts(i, "sh") {
            (Some(Sound::X), if starts(i, "sch") { 3 } else { 2 })
        } else if starts(i, "ch") {
            (Some(Sound::C), 2)
        } else if starts(i, "kh") || starts(i, "ck") {
            (Some(Sound::K), 2)
        } else if starts(i, "gh") {
            (Some(Sound::G), 2)
        } else if starts(i, "ph") {
            (Some(Sound::F), 2)
        } else if starts(i, "th") || starts(i, "dh") || starts(i, "ts") || starts(i, "tz") {
            (
                Some(if starts(i, "th") && i == 0 {
                    Sound::T
                } else {
                    Sound::S
                }),
                2,
            )
        } else if starts(i, "gu") && matches!(bytes.get(i + 2), Some(b'e' | b'i' | b'y')) {
            // French and Spanish: the u of "gue", "gui" is silent (Sergueï, Guillaume)
            (Some(Sound::G), 2)
        } else if bytes[i] == b'j'
            && i > 0
            && matches!(bytes[i - 1], b'a' | b'e' | b'i' | b'o' | b'u')
            && !matches!(bytes.get(i + 1), Some(b'a' | b'e' | b'i' | b'o' | b'u'))
        {
            // a j after a vowel and before no vowel is the Slavic й (Sergej, Nikolaj)
            (Some(Sound::I), 1)
        } else if starts(i, "dj") || starts(i, "zh") || starts(i, "dz") {
            (Some(Sound::J), 2)
        } else if bytes[i] == b'x' && i > 0 {
            // x inside a word is ks (Alexander, Brexit: Александр, Брекзит)
            key.push(Sound::K);
            (Some(Sound::S), 1)
        } else {
            let sound = match bytes[i] {
                b'a' => Some(Sound::A),
                b'e' | b'i' | b'y' => Some(Sound::I),
                b'o' | b'u' => Some(Sound::U),
                b'b' | b'p' => Some(Sound::B),
                b'f' | b'v' => Some(Sound::F),
                b'w' => Some(Sound::W),
                b'k' | b'q' | b'x' => Some(Sound::K),
                b'c' => {
                    let next = bytes.get(i + 1).copied();
                    Some(if matches!(next, Some(b'e' | b'i' | b'y')) {
                        Sound::S
                    } else {
                        Sound::K
                    })
                }
                b'g' => Some(Sound::G),
                b'j' => Some(Sound::J),
                b's' | b'z' => Some(Sound::S),
                b't' => Some(Sound::T),
                b'd' => Some(Sound::D),
                b'l' => Some(Sound::L),
                b'm' => Some(Sound::M),
                b'n' => Some(Sound::N),
                b'r' => Some(Sound::R),
                b'h' => Some(Sound::H),
                _ => None, // ' (ayin, hamza) and anything else
            };
            (sound, word[i..].chars().next().map_or(1, char::len_utf8))
        };
        if let Some(sound) = sound {
            key.push(sound);
        }
        i += used;
    }
}

/// Cost of turning one sound into another: near sounds (those that different scripts and
/// languages swap) cost less than a full substitution.
fn substitution_cost(a: Sound, b: Sound, voweled: bool) -> f64 {
    use Sound::*;
    if a == b {
        return 0.0;
    }
    // "ch" is sh in French, tsh in English: the cheapest swap
    if matches!((a, b), (C, X) | (X, C)) {
        return 0.3;
    }
    let near = matches!(
        (a, b),
        (K, G)
            | (G, K)
            | (G, J)
            | (J, G)
            | (J, X)
            | (X, J)
            | (X, S)
            | (S, X)
            | (C, X)
            | (X, C)
            | (C, J)
            | (J, C)
            | (T, D)
            | (D, T)
            | (B, F)
            | (F, B)
            | (S, C)
            | (C, S)
            | (K, H)
            | (H, K)
            | (C, K)
            | (K, C)
            | (S, T)
            | (T, S)
    );
    if near {
        0.5
    } else if a.is_vowel() && b.is_vowel() {
        if voweled {
            0.5
        } else {
            0.2
        }
    } else if (a == W && (b == F || b == U)) || (b == W && (a == F || a == U)) {
        0.2
    } else if a == W || b == W {
        0.6
    } else if a.is_vowel() || b.is_vowel() {
        0.8
    } else {
        1.0
    }
}

/// Cost of a sound present in one spelling and absent from the other: vowels and h come and go
/// between scripts; consonants rarely do.
fn indel_cost(sound: Sound, voweled: bool) -> f64 {
    match sound {
        Sound::A | Sound::I | Sound::U if voweled => 0.5,
        Sound::A | Sound::I | Sound::U => 0.25,
        Sound::H | Sound::W => 0.4,
        _ => 1.0,
    }
}

/// Similarity of two keys in [0, 1]: one minus the weighted edit distance over the weight of the
/// longer key (consonants weigh 1, vowels 0.25).
pub fn key_similarity(a: &[Sound], b: &[Sound]) -> f64 {
    // Without knowing the scripts: both keys rich in vowels are taken to write them all.
    key_similarity_written(a, b, writes_vowels_both(a, b))
}

/// [`key_similarity`] reaches `floor`: the edit distance stops as soon as it cannot.
pub fn key_similarity_reaches(a: &[Sound], b: &[Sound], floor: f64) -> bool {
    similarity_reaching(a, b, writes_vowels_both(a, b), floor) >= floor
}

/// Both keys are rich in vowels: taken to write them all (see [`key_similarity`]).
fn writes_vowels_both(a: &[Sound], b: &[Sound]) -> bool {
    let vowel_share = |key: &[Sound]| {
        key.iter().filter(|s| s.is_vowel()).count() as f64 / key.len().max(1) as f64
    };
    vowel_share(a).min(vowel_share(b)) >= 0.3
}

/// [`substitution_cost`] and [`indel_cost`] of every pair of sounds, with and without written
/// vowels, made once: the edit distance looks them up in its inner loop.
struct Costs {
    substitution: [[[f64; 19]; 19]; 2],
    indel: [[f64; 19]; 2],
    /// The cheapest insertion: keys that differ in length by n sounds are n of them apart at
    /// least (no cost is negative).
    cheapest_indel: [f64; 2],
}

fn costs() -> &'static Costs {
    static COSTS: std::sync::OnceLock<Costs> = std::sync::OnceLock::new();
    COSTS.get_or_init(|| {
        let mut costs = Costs {
            substitution: [[[0.0; 19]; 19]; 2],
            indel: [[0.0; 19]; 2],
            cheapest_indel: [0.0; 2],
        };
        for (v, voweled) in [false, true].into_iter().enumerate() {
            for a in Sound::ALL {
                costs.indel[v][a as usize] = indel_cost(a, voweled);
                for b in Sound::ALL {
                    costs.substitution[v][a as usize][b as usize] =
                        substitution_cost(a, b, voweled);
                }
            }
            costs.cheapest_indel[v] = costs.indel[v].iter().copied().fold(f64::MAX, f64::min);
        }
        costs
    })
}

/// [`key_similarity`] when it is known whether both spellings write their short vowels (Latin,
/// Cyrillic, Greek do; Arabic and Hebrew mostly do not): vowel differences then count for more.
pub fn key_similarity_written(a: &[Sound], b: &[Sound], voweled: bool) -> f64 {
    similarity_reaching(a, b, voweled, 0.0)
}

/// [`key_similarity_written`] when it reaches `floor`; below, 0 or the similarity (faster the
/// higher the floor: a comparison against a threshold).
pub fn key_similarity_written_from(a: &[Sound], b: &[Sound], voweled: bool, floor: f64) -> f64 {
    similarity_reaching(a, b, voweled, floor)
}

/// The similarity of two keys when it reaches `floor`; below, 0 or the similarity. The rows of
/// the edit-distance table never go down (no cost is negative): once a whole row is past the
/// distance `floor` allows, the rest is not computed.
fn similarity_reaching(a: &[Sound], b: &[Sound], voweled: bool, floor: f64) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let vowel_weight = if voweled { 0.5 } else { 0.25 };
    let weight = |key: &[Sound]| {
        key.iter()
            .map(|s| if s.is_vowel() { vowel_weight } else { 1.0 })
            .sum::<f64>()
    };
    let scale = weight(a).max(weight(b)).max(1.0);
    // past this distance the similarity is below `floor` (a margin against rounding)
    let limit = (1.0 - floor) * scale + 1e-9;
    // two rows of the edit-distance table; on the stack for the keys of names (a few sounds)
    const STACK: usize = 32;
    let mut stack = [0.0f64; 2 * STACK];
    let mut heap = Vec::new();
    let (previous, current) = if b.len() < STACK {
        let (p, c) = stack.split_at_mut(STACK);
        (&mut p[..=b.len()], &mut c[..=b.len()])
    } else {
        heap.resize(2 * (b.len() + 1), 0.0);
        heap.split_at_mut(b.len() + 1)
    };
    let (mut previous, mut current) = (previous, current);
    let costs = costs();
    let indel = &costs.indel[usize::from(voweled)];
    let substitution = &costs.substitution[usize::from(voweled)];
    // keys of very different lengths: the floor of their distance is past the limit already
    if a.len().abs_diff(b.len()) as f64 * costs.cheapest_indel[usize::from(voweled)] > limit + 1e-6
    {
        return 0.0;
    }
    for (j, sound) in b.iter().enumerate() {
        previous[j + 1] = previous[j] + indel[*sound as usize];
    }
    for sa in a {
        let delete_cost = indel[*sa as usize];
        let row = &substitution[*sa as usize];
        current[0] = previous[0] + delete_cost;
        let mut lowest = current[0];
        for (j, sb) in b.iter().enumerate() {
            let substitute = previous[j] + row[*sb as usize];
            let delete = previous[j + 1] + delete_cost;
            let insert = current[j] + indel[*sb as usize];
            let cell = substitute.min(delete).min(insert);
            current[j + 1] = cell;
            lowest = lowest.min(cell);
        }
        if lowest > limit {
            return 0.0;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (1.0 - distance / scale).max(0.0)
}

/// The keys a name may be matched by: its key, and for a Latin name glued to the Arabic article
/// ("Alhassan", "Elsisi") its key without it as well.
pub fn sound_keys(name: &str) -> Vec<Vec<Sound>> {
    let mut keys = vec![sound_key(name)];
    let latin = romanize(name);
    let trimmed = latin.trim_start();
    if let Some(rest) = trimmed
        .strip_prefix("al")
        .or_else(|| trimmed.strip_prefix("el"))
    {
        let consonant_next = rest
            .chars()
            .next()
            .is_some_and(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | ' '));
        if consonant_next && rest.len() >= 4 {
            keys.push(sound_key(rest));
        }
    }
    keys
}

/// The best similarity between any key of one name and any key of the other.
pub fn keys_similarity(a: &[Vec<Sound>], b: &[Vec<Sound>]) -> f64 {
    a.iter()
        .flat_map(|ka| b.iter().map(move |kb| key_similarity(ka, kb)))
        .fold(0.0, f64::max)
}

/// The consonant skeleton of a word or name in any script: its sound key without vowels, h and
/// w, doubled sounds squeezed. Exact skeletons are what an index can look up (Lavrov, Лавров
/// and لافروف are all L F R F); fuzzy comparison stays with [`key_similarity`].
pub fn skeleton(name: &str) -> Vec<Sound> {
    let mut key = sound_key(name);
    key.retain(|s| !s.is_vowel() && !matches!(s, Sound::H | Sound::W));
    key.dedup();
    key
}

/// Similarity of two names in any scripts, in [0, 1].
pub fn name_similarity(a: &str, b: &str) -> f64 {
    keys_similarity(&sound_keys(a), &sound_keys(b))
}

/// The key in letters, for explanations: "l-f-r-f".
pub fn key_text(key: &[Sound]) -> String {
    key.iter()
        .map(|s| match s {
            Sound::A => "a".to_string(),
            Sound::I => "i".to_string(),
            Sound::U => "u".to_string(),
            other => format!("{other:?}").to_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("")
}

#[cfg(test)]
mod tests;
