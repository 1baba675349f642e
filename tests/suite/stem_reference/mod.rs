//! The Kazakh stemmer as it was before it was optimised (commit 449a94f,
//! `src/text/stem.rs`), frozen: `tests/suite/text_stem_reference.rs` checks that
//! `audarma::text::stem::stem_kk` still gives exactly these stems.
//!
//! Rule changes since are made here too, written the plain way, so the
//! optimised code stays checked against a simple one: the instrumental's
//! assimilation (issue 13, item 12: `бала-мен`, `кітап-пен`, no harmony, not
//! `спортс-мен`). Foreign names (`Назарбаевтың`) are not copied here: the
//! differential test lets `stem_kk` differ only where `name_stem` decides.
#![allow(dead_code)]

// ---------------------------------------------------------------- Kazakh

#[rustfmt::skip]
const PROTECTED: &[&str] = &[
    "алматы", "астана", "қарағанды", "орда", "өскемен", "жағдай", "құдай", "қандай", "мұндай", "осындай",
    "сондай", "ондай", "бірақ", "ана", "ата", "ақша", "ағаш", "теңге", "қазан", "туралы",
    "арқылы", "бойынша", "кейін", "бұрын", "шейін", "дейін", "үшін", "және", "немесе", "алайда",
    "бар", "жоқ", "бір", "екі", "осы", "сол", "бұл", "ол", "бен", "деп",
    "еді", "әлі", "енді", "сияқты", "қарай", "басқа", "тағы", "ғана", "да",
    "де",
];
#[rustfmt::skip]
const PARTICLE: &[&str] = &[
    "ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі", "нікі", "дікі", "тікі",
];
#[rustfmt::skip]
const PERSON: &[&str] = &[
    "сыңдар", "сіңдер", "сыздар", "сіздер", "ңыздар", "ңіздер", "дыңдар", "діңдер", "дыңыз", "діңіз", "тыңыз", "тіңіз",
    "мын", "мін", "пын", "пін", "мыз", "міз", "пыз", "піз", "дым", "дім", "тым", "тім",
];
#[rustfmt::skip]
const CASE: &[&str] = &[
    "менен", "бенен", "пенен", "ның", "нің", "дың", "дің", "тың", "тің", "нан", "нен", "дан",
    "ден", "тан", "тен", "нда", "нде", "мен", "бен", "пен", "сын", "сін", "ыма", "іме",
    "ыңа", "іңе", "да", "де", "та", "те", "ға", "ге", "қа", "ке", "на", "не",
    "ны", "ні", "ды", "ді", "ты", "ті", "ын", "ін", "ңа", "ңе",
];
#[rustfmt::skip]
const POSSESSIVE: &[&str] = &[
    "ымыз", "іміз", "ыңыз", "іңіз", "мыз", "міз", "ңыз", "ңіз", "сы", "сі", "ым", "ім",
    "ың", "ің", "ы", "і", "м", "ң",
];
#[rustfmt::skip]
const PLURAL: &[&str] = &[
    "лар", "лер", "дар", "дер", "тар", "тер",
];
#[rustfmt::skip]
const VERB: &[&str] = &[
    "атын", "етін", "йтын", "йтін", "ған", "ген", "қан", "кен", "мақ", "мек", "бақ", "бек",
    "пақ", "пек", "уы", "уі", "ып", "іп", "у",
];

fn is_vowel(c: char) -> bool {
    "аәеиоөуұүыіэюяё".contains(c)
}
fn is_back(c: char) -> bool {
    "аоұыя".contains(c)
}
fn is_front(c: char) -> bool {
    "әеөүіэ".contains(c)
}
fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Irregular forms: personal and demonstrative pronouns change their stem
/// (`ол` → `оның`, `бұл` → `мұның`), and the auxiliary `е-` is too short for
/// the rules. Frequent enough in real text to list.
#[rustfmt::skip]
const IRREGULAR: &[(&str, &str)] = &[
    ("оның", "ол"), ("оны", "ол"), ("оған", "ол"), ("одан", "ол"), ("онда", "ол"),
    ("онымен", "ол"), ("мұның", "бұл"), ("бұның", "бұл"), ("мұны", "бұл"), ("бұны", "бұл"),
    ("мұған", "бұл"), ("бұған", "бұл"), ("мұнда", "бұл"), ("мұнан", "бұл"), ("бұдан", "бұл"),
    ("соның", "сол"), ("соны", "сол"), ("соған", "сол"), ("содан", "сол"), ("сонда", "сол"),
    ("менің", "мен"), ("мені", "мен"), ("маған", "мен"), ("менен", "мен"), ("менде", "мен"),
    ("сенің", "сен"), ("сені", "сен"), ("саған", "сен"), ("сенен", "сен"), ("сенде", "сен"),
    ("еді", "е"), ("екен", "е"), ("емес", "е"), ("екенін", "е"), ("сонымен", "сол"),
];

/// The Kazakh stem of a lower-case word (see the module comment).
pub fn stem_kk(word: &str) -> String {
    if let Some((_, lemma)) = IRREGULAR.iter().find(|(w, _)| *w == word) {
        return lemma.to_string();
    }
    // Place names in -стан (Қазақстан, Өзбекстан) end like an ablative.
    if word.ends_with("стан") {
        return word.to_string();
    }
    let chars: Vec<char> = word.chars().collect();
    if chars.len() <= 2 || !chars.iter().all(|c| is_cyrillic(*c) || *c == '-') {
        return word.to_string();
    }
    if PROTECTED.contains(&word) {
        return word.to_string();
    }
    let mut s = chars;
    let protected = |s: &[char]| PROTECTED.contains(&s.iter().collect::<String>().as_str());
    strip_any(&mut s, PARTICLE, |_, _| true);
    if protected(&s) {
        return s.iter().collect();
    }
    let mut finite = strip_any(&mut s, PERSON, |_, _| true).is_some();
    if !finite {
        let case = strip_any(&mut s, CASE, case_guard);
        if protected(&s) {
            return s.iter().collect();
        }
        let present_verb = matches!(case, Some("ды" | "ді"))
            && s.len() >= 3
            && matches!(s[s.len() - 1], 'а' | 'е')
            && !is_vowel(s[s.len() - 2]);
        // `келме-й-ді`: the present gerund is `-й` after a vowel.
        let present_after_vowel = matches!(case, Some("ды" | "ді"))
            && s.len() >= 4
            && s[s.len() - 1] == 'й'
            && is_vowel(s[s.len() - 2]);
        if present_after_vowel {
            s.pop();
            finite = true;
        } else if present_verb {
            finite = true;
        } else {
            strip_any(&mut s, POSSESSIVE, possessive_guard);
            if protected(&s) {
                return s.iter().collect();
            }
            strip_any(&mut s, PLURAL, |_, _| true);
            if protected(&s) {
                return s.iter().collect();
            }
        }
    }
    if strip_any(&mut s, VERB, verb_guard).is_none() && finite {
        strip_any(&mut s, &["а", "е"], |stem, _| {
            // Not after м/б/п: `-ма/-ме` is negation and must stay.
            stem.last()
                .is_some_and(|c| !is_vowel(*c) && !matches!(c, 'м' | 'б' | 'п'))
        });
    }
    devoice(&mut s);
    s.into_iter().collect()
}

/// Strip the longest suffix of `list` (each tried longest first) that the
/// general guards and `guard(stem, suffix)` allow. Returns the suffix removed.
fn strip_any(
    s: &mut Vec<char>,
    list: &[&'static str],
    guard: impl Fn(&[char], &str) -> bool,
) -> Option<&'static str> {
    // The lists are sorted longest first (checked by a test).
    let last = *s.last()?;
    for &suf in list {
        // Cheap rejection on the final letter before counting anything.
        // (Comparing chars, not `ends_with(char)`, which encodes and memcmps: hot.)
        #[allow(clippy::chars_last_cmp)]
        if suf.chars().next_back() != Some(last) {
            continue;
        }
        let n = suf.chars().count();
        if s.len() <= n {
            continue;
        }
        let (stem, tail) = s.split_at(s.len() - n);
        if !tail.iter().copied().eq(suf.chars()) {
            continue;
        }
        if stem.len() < 2 || !stem.iter().any(|c| is_vowel(*c)) {
            continue;
        }
        if !harmony_ok(stem, suf) || !voicing_ok(stem, suf) || !guard(stem, suf) {
            continue;
        }
        s.truncate(s.len() - n);
        return Some(suf);
    }
    None
}

/// The suffix's last vowel agrees in backness with the stem's last vowel.
fn harmony_ok(stem: &[char], suf: &str) -> bool {
    if ["мен", "бен", "пен", "менен", "бенен", "пенен"].contains(&suf) {
        return true;
    }
    let Some(sv) = suf.chars().rev().find(|c| is_vowel(*c)) else {
        return true;
    };
    if stem.last().is_some_and(|c| "иуюё".contains(*c)) {
        return true;
    }
    match stem.iter().rev().find(|c| is_vowel(**c)) {
        // Neutral vowels (и, у) on either side do not decide harmony.
        Some(&v) => {
            let neutral = |c: char| !(is_back(c) || is_front(c));
            neutral(v) || neutral(sv) || is_back(v) == is_back(sv)
        }
        None => true,
    }
}

/// Consonant assimilation: `т`-initial suffixes follow a voiceless consonant,
/// `д`- and `л`-initial ones anything else (`кітап-тар`, `қала-лар`, `жыл-дар`).
fn voicing_ok(stem: &[char], suf: &str) -> bool {
    let voiceless = stem.last().is_some_and(|c| "кқпстфхцчшщ".contains(*c));
    match suf.chars().next() {
        Some('т') => voiceless,
        Some('д' | 'л') => !voiceless,
        _ => true,
    }
}

fn ends_vowel(stem: &[char]) -> bool {
    stem.last().is_some_and(|c| is_vowel(*c))
}

fn case_guard(stem: &[char], suf: &str) -> bool {
    let last = stem.last().copied().unwrap_or(' ');
    match suf {
        "на" | "не" | "нда" | "нде" => matches!(last, 'ы' | 'і'),
        "нан" | "нен" => matches!(last, 'ы' | 'і' | 'м' | 'н' | 'ң'),
        "ның" | "нің" => is_vowel(last) || matches!(last, 'м' | 'н' | 'ң'),
        "ын" | "ін" => !is_vowel(last) && stem.len() >= 4,
        "ыма" | "іме" | "ыңа" | "іңе" => !is_vowel(last),
        "ңа" | "ңе" | "сын" | "сін" => is_vowel(last),
        "мен" | "менен" => is_vowel(last) || "мнңлрйь-".contains(last),
        "бен" | "бенен" => "жз-".contains(last),
        "пен" | "пенен" => !is_vowel(last) && !"мнңлрйьжз".contains(last),
        _ => true,
    }
}

fn possessive_guard(stem: &[char], suf: &str) -> bool {
    match suf {
        // `-шы/-ші` is the agent suffix (`басшы`), not a possessive.
        "ы" | "і" if stem.last() == Some(&'ш') => false,
        "м" | "ң" | "сы" | "сі" | "мыз" | "міз" | "ңыз" | "ңіз" => {
            ends_vowel(stem)
        }
        _ => !ends_vowel(stem),
    }
}

fn verb_guard(stem: &[char], suf: &str) -> bool {
    // Two-letter roots take participles and gerunds (`ал-ған`, `ат-ып`); the
    // other verb suffixes need 3 letters: `аймақ` is not `ай-мақ`.
    let short_ok = matches!(suf, "ған" | "ген" | "қан" | "кен" | "ып" | "іп");
    if stem.len() < 3 && !short_ok {
        return false;
    }
    match suf {
        "у" => !ends_vowel(stem),
        _ => true,
    }
}

fn devoice(s: &mut [char]) {
    if let Some(last) = s.last_mut() {
        *last = match *last {
            'б' => 'п',
            'г' => 'к',
            'ғ' => 'қ',
            c => c,
        };
    }
}
