//! Anchors: things a sentence and its translation share whatever the languages,
//! and the score they add to a bead of the length DP.
//!
//! Two kinds:
//! * **strict** anchors are expected on both sides of a true pair: numbers of
//!   two or more digits (years, amounts, with `1,500` = `1 500` and `3.5` =
//!   `3,5`) and `[n]` citations. A match earns a bonus; one left over on either
//!   side costs a penalty, which is what pulls the DP off a wrong diagonal.
//! * **soft** anchors only earn a bonus when they match, because translations
//!   drop or rephrase them freely: one-digit numbers (often spelled out), month
//!   names, Latin-script words and acronyms, and names through the cross-script
//!   key of [`crate::text::translit`].
//!
//! Keys are hashed to `u64` so a bead's score is a few integer comparisons.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use crate::text::Lang;

use crate::text::translit;

/// The anchors of one sentence, as sorted hashed keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    pub strict: Vec<u64>,
    pub soft: Vec<u64>,
    /// Soft keys the translation should contain too: Latin words inside a
    /// Kazakh (Cyrillic) source sentence, which translations keep as written.
    pub expected: Vec<u64>,
}

/// Weights of the anchor term, in the same units as the length cost (nats).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnchorWeights {
    pub strict_bonus: f64,
    pub strict_penalty: f64,
    pub soft_bonus: f64,
    /// At most this many soft matches count in one bead, so a long bead full
    /// of repeated names cannot outweigh the length evidence.
    pub soft_cap: usize,
}

impl Default for AnchorWeights {
    fn default() -> Self {
        AnchorWeights {
            strict_bonus: 1.5,
            strict_penalty: 1.5,
            soft_bonus: 1.5,
            soft_cap: 6,
        }
    }
}

/// Extract the anchors of a sentence written in `lang`.
pub fn extract(text: &str, lang: Lang) -> Anchors {
    let mut a = Anchors::default();
    numbers_and_citations(text, &mut a);
    let mut first_word = true;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        let initial = std::mem::replace(&mut first_word, false);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if let Some(m) = month(word, lang, capitalised) {
            a.soft.push(key("month", &m.to_string()));
            continue;
        }
        let latin = word.chars().all(|c| c.is_ascii_alphabetic());
        if latin && word.len() >= 2 {
            let k = key("latin", &word.to_lowercase());
            a.soft.push(k);
            if lang == Lang::Kk {
                a.expected.push(k);
            }
        }
        // On a Cyrillic side a Latin word is already a Latin anchor; the
        // skeleton key is for words written in the side's own script: names
        // (capitalised inside the sentence) and long words, which across these
        // languages are often shared loans (парламент ~ parliament).
        let own_script = latin == (lang == Lang::En);
        let skeleton = match (own_script, capitalised && !initial) {
            (false, _) => None,
            (true, true) => translit::name_key(word),
            (true, false) => translit::cognate_key(word),
        };
        if let Some(k) = skeleton {
            a.soft.push(key("word", &k));
        }
    }
    a.strict.sort_unstable();
    a.soft.sort_unstable();
    a.expected.sort_unstable();
    a.expected.dedup();
    a
}

fn key(kind: &str, value: &str) -> u64 {
    let mut h = DefaultHasher::new();
    kind.hash(&mut h);
    value.hash(&mut h);
    h.finish()
}

/// Numbers (thousands separators and decimal commas normalised) and `[n]` citations.
fn numbers_and_citations(text: &str, a: &mut Anchors) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let (value, end) = read_number(&chars, i);
        let cited = start > 0 && chars[start - 1] == '[' && chars.get(end) == Some(&']');
        if cited {
            a.strict.push(key("cite", &value));
        } else if value.len() >= 2 {
            a.strict.push(key("number", &value));
        } else {
            a.soft.push(key("number", &value));
        }
        i = end;
    }
}

/// Read a number starting at `i`; returns its normalised text and the index after it.
fn read_number(chars: &[char], mut i: usize) -> (String, usize) {
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let first = digits(i);
    let mut value: String = chars[i..i + first].iter().collect();
    i += first;
    let mut decimal = false;
    while i + 1 < chars.len() && !decimal {
        let sep = chars[i];
        let group = digits(i + 1);
        if group == 0 {
            break;
        }
        let space = matches!(sep, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
        let thousands = group == 3 && (matches!(sep, ',' | '.' | '\'') || space);
        if space && (!thousands || first > 3) {
            break;
        }
        if !thousands {
            if !matches!(sep, ',' | '.') {
                break;
            }
            value.push('.');
            decimal = true;
        }
        value.extend(&chars[i + 1..i + 1 + group]);
        i += 1 + group;
    }
    (value, i)
}

const EN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const RU_MONTHS: [&str; 12] = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];
const KK_MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

/// The month (1–12) a word names, if any.
fn month(word: &str, lang: Lang, capitalised: bool) -> Option<usize> {
    let w = word.to_lowercase();
    let found = match lang {
        // English months are capitalised; that also keeps the verbs "may" and "march" out.
        Lang::En if capitalised => EN_MONTHS.iter().position(|m| *m == w),
        Lang::En => None,
        Lang::Ru if matches!(w.as_str(), "май" | "мая" | "мае") => Some(4),
        Lang::Ru => RU_MONTHS
            .iter()
            .position(|m| m.len() > "ма".len() && w.starts_with(m) && w.len() <= m.len() + 4),
        // Kazakh month names take case endings: наурызда, қазанның.
        Lang::Kk => KK_MONTHS.iter().position(|m| w.starts_with(m)),
    };
    found.map(|i| i + 1)
}

/// Number of keys two multisets share; each side is up to two sorted lists.
fn common(source: [&[u64]; 2], target: [&[u64]; 2]) -> usize {
    let (s, t) = (merged(source), merged(target));
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < s.len() && j < t.len() {
        match s[i].cmp(&t[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// One sorted list from two, borrowing when there is only one.
fn merged<'a>(side: [&'a [u64]; 2]) -> std::borrow::Cow<'a, [u64]> {
    if side[1].is_empty() {
        return std::borrow::Cow::Borrowed(side[0]);
    }
    if side[0].is_empty() {
        return std::borrow::Cow::Borrowed(side[1]);
    }
    let mut all = Vec::with_capacity(side[0].len() + side[1].len());
    all.extend_from_slice(side[0]);
    all.extend_from_slice(side[1]);
    all.sort_unstable();
    std::borrow::Cow::Owned(all)
}

/// One kind of key of a bead side of one or two sentences.
fn pick(side: &[Anchors], f: fn(&Anchors) -> &[u64]) -> [&[u64]; 2] {
    [f(&side[0]), side.get(1).map_or(&[][..], f)]
}

/// The anchor term of a bead with source sentences `s` and target sentences `t`
/// (a negative cost is a reward). Beads with an empty side get no anchor term:
/// a dropped sentence's anchors are not evidence against dropping it.
pub fn bead_cost(s: &[Anchors], t: &[Anchors], w: &AnchorWeights) -> f64 {
    if s.is_empty() || t.is_empty() {
        return 0.0;
    }
    let strict_s = pick(s, |a| &a.strict);
    let strict_t = pick(t, |a| &a.strict);
    let matched = common(strict_s, strict_t);
    let total = strict_s[0].len() + strict_s[1].len() + strict_t[0].len() + strict_t[1].len();
    let soft_t = pick(t, |a| &a.soft);
    let missing = s
        .iter()
        .flat_map(|a| &a.expected)
        .filter(|k| !soft_t[0].contains(k) && !soft_t[1].contains(k))
        .count();
    let unmatched = total - 2 * matched + missing;
    let soft = common(pick(s, |a| &a.soft), pick(t, |a| &a.soft)).min(w.soft_cap);
    w.strict_penalty * unmatched as f64
        - w.strict_bonus * matched as f64
        - w.soft_bonus * soft as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(a: &str, la: Lang, b: &str, lb: Lang) -> (usize, usize) {
        let (x, y) = (extract(a, la), extract(b, lb));
        let strict = common([&x.strict, &[]], [&y.strict, &[]]);
        let soft = common([&x.soft, &[]], [&y.soft, &[]]);
        (strict, soft)
    }

    #[test]
    fn numbers_match_across_conventions() {
        let (s, _) = shared(
            "2019 жылы 1 500 адам 3,5 пайызға",
            Lang::Kk,
            "In 2019, 1,500 people rose 3.5 percent",
            Lang::En,
        );
        assert_eq!(s, 3);
        let a = extract("10 000 теңге [12]", Lang::Kk);
        let b = extract("10,000 tenge [12]", Lang::En);
        assert_eq!(a.strict, b.strict);
    }

    #[test]
    fn a_year_next_to_a_count_stays_two_numbers() {
        let a = extract("2019 500", Lang::Kk);
        assert_eq!(a.strict.len(), 2);
    }

    #[test]
    fn names_latin_words_and_months_are_soft_anchors() {
        let (_, soft) = shared(
            "Бүгін Назарбаевтың BBC арнасына 5 наурызда берген сұхбаты",
            Lang::Kk,
            "Today Nazarbayev gave BBC an interview on 5 March",
            Lang::En,
        );
        // Nazarbayev, BBC, March, 5
        assert_eq!(soft, 4);
        let (_, soft) = shared(
            "Ол Назарбаевпен кездесті",
            Lang::Kk,
            "Он встретился с Назарбаевым",
            Lang::Ru,
        );
        assert_eq!(soft, 1);
    }

    #[test]
    fn leftover_strict_anchors_cost_and_matches_reward() {
        let w = AnchorWeights::default();
        let a = [extract("2019 жылы", Lang::Kk)];
        let b = [extract("In 2019", Lang::En)];
        let c = [extract("In 2020", Lang::En)];
        assert!(bead_cost(&a, &b, &w) < 0.0);
        assert!(bead_cost(&a, &c, &w) > 0.0);
        assert_eq!(bead_cost(&a, &[], &w), 0.0);
    }
}
