//! Frozen copy of `src/text/homoglyph.rs` as of commit 277a89b (before the
//! speed-up), the oracle for the differential tests. Do not edit.
#![allow(dead_code)]

/// Latin look-alike → the Cyrillic letter meant.
fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'i' | 'ı' => 'і',
        'h' => 'һ',
        'ə' => 'ә',
        'ɵ' => 'ө',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'I' => 'І',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'Ү',
        'Ə' => 'Ә',
        'Ɵ' => 'Ө',
        _ => return None,
    })
}

/// Cyrillic look-alike → the Latin letter meant.
fn cyrillic_to_latin(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'х' => 'x',
        'у' => 'y',
        'к' => 'k',
        'і' => 'i',
        'һ' => 'h',
        'ә' => 'ə',
        'ө' | 'ѳ' => 'ɵ',
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' | 'Һ' => 'H',
        'І' => 'I',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Т' => 'T',
        'Х' => 'X',
        'Ү' | 'У' => 'Y',
        'Ә' => 'Ə',
        'Ө' | 'Ѳ' => 'Ɵ',
        _ => return None,
    })
}

/// Rule (d): obsolete or foreign Cyrillic letters standing for Kazakh ones.
fn cyrillic_variant(c: char) -> Option<char> {
    Some(match c {
        'ҥ' => 'ң',
        'Ҥ' => 'Ң',
        'ѳ' => 'ө',
        'Ѳ' => 'Ө',
        _ => return None,
    })
}

pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}')
            && c.is_alphabetic())
}

/// `char::is_alphabetic` with the common scripts answered without a table lookup.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0400}'..='\u{052F}').contains(&c) {
        !('\u{0482}'..='\u{0489}').contains(&c)
    } else {
        c.is_alphabetic()
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// What a word part is made of.
#[derive(Default)]
struct Part {
    start: usize,
    end: usize,
    cyrillic: usize,
    latin: usize,
    cyrillic_anchor: bool,
    latin_anchor: bool,
    lowercase: bool,
    soft_latin: bool,
    in_url: bool,
}

impl Part {
    fn letters(&self) -> usize {
        self.end - self.start
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Keep,
    Cyrillic,
    Latin,
}

/// Repair look-alikes in a string whose white space is already folded.
pub fn repair(s: &str) -> String {
    if !s
        .chars()
        .any(|c| is_cyrillic(c) || latin_to_cyrillic(c).is_some())
    {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let url = url_mask(&chars);
    let parts = word_parts(&chars, &url);
    let ratio = cyrillic_ratio(&parts);
    let mut out = chars.clone();
    for part in &parts {
        let target = decide(part, ratio, &chars);
        for i in part.start..part.end {
            let next_is_mark = chars.get(i + 1).is_some_and(|&n| is_combining_mark(n));
            if next_is_mark {
                continue;
            }
            let swapped = match target {
                Target::Cyrillic => latin_to_cyrillic(chars[i]),
                Target::Latin => cyrillic_to_latin(chars[i]),
                Target::Keep => None,
            };
            if let Some(c) = swapped.or_else(|| cyrillic_variant(chars[i])) {
                out[i] = c;
            }
        }
    }
    out.into_iter().collect()
}

/// Marks the characters of white-space chunks that look like a URL, an
/// e-mail address or a domain name (`kazinform.kz`): those are never repaired.
fn url_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut start = 0;
    while start < chars.len() {
        let end = chars[start..]
            .iter()
            .position(|c| c.is_whitespace())
            .map_or(chars.len(), |p| start + p);
        if looks_like_address(&chars[start..end]) {
            mask[start..end].iter_mut().for_each(|m| *m = true);
        }
        start = end + 1;
    }
    mask
}

/// `a.kz`-style dots between ASCII letters or digits, `://`, `@`, `www.`.
fn looks_like_address(chunk: &[char]) -> bool {
    chunk.contains(&'@')
        || chunk.windows(3).any(|w| {
            (w[1] == '.' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphabetic())
                || w == [':', '/', '/']
        })
        || chunk
            .windows(4)
            .any(|w| w.iter().map(char::to_ascii_lowercase).eq("www.".chars()))
}

fn word_parts(chars: &[char], url: &[bool]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_letter(chars[i]) {
            i += 1;
            continue;
        }
        let mut part = Part {
            start: i,
            lowercase: true,
            in_url: url[i],
            ..Part::default()
        };
        while i < chars.len() && is_letter(chars[i]) {
            let c = chars[i];
            if is_cyrillic(c) {
                part.cyrillic += 1;
                part.cyrillic_anchor |= cyrillic_to_latin(c).is_none();
            } else if is_latin(c) {
                part.latin += 1;
                part.latin_anchor |= latin_to_cyrillic(c).is_none();
                part.soft_latin |= matches!(c, 'i' | 'ı' | 'ə' | 'ɵ' | 'h');
                // Case only matters for all-Latin parts (names, acronyms).
                part.lowercase &= !c.is_uppercase();
            }
            i += 1;
        }
        part.end = i;
        parts.push(part);
    }
    parts
}

/// Share of letters in Cyrillic-anchored parts among all anchored parts, or
/// `None` when no part is anchored in exactly one script.
fn cyrillic_ratio(parts: &[Part]) -> Option<f64> {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for p in parts {
        match (p.cyrillic_anchor, p.latin_anchor) {
            (true, false) => cyrillic += p.letters(),
            (false, true) => latin += p.letters(),
            _ => {}
        }
    }
    let anchored = cyrillic + latin;
    (anchored > 0).then(|| cyrillic as f64 / anchored as f64)
}

fn decide(part: &Part, ratio: Option<f64>, chars: &[char]) -> Target {
    if part.in_url {
        return Target::Keep;
    }
    let mostly_cyrillic = ratio.is_some_and(|r| r >= 0.8);
    let mostly_latin = ratio.is_some_and(|r| r <= 0.2);
    if part.cyrillic > 0 && part.latin > 0 {
        return match (part.cyrillic_anchor, part.latin_anchor) {
            (true, false) => Target::Cyrillic,
            (false, true) => Target::Latin,
            (true, true) => Target::Keep,
            (false, false) if mostly_cyrillic => Target::Cyrillic,
            (false, false) if mostly_latin => Target::Latin,
            (false, false) => match part.cyrillic.cmp(&part.latin) {
                std::cmp::Ordering::Greater => Target::Cyrillic,
                std::cmp::Ordering::Less => Target::Latin,
                std::cmp::Ordering::Equal => Target::Keep,
            },
        };
    }
    let all_latin_lookalikes = part.latin == part.letters() && !part.latin_anchor;
    let long_enough = part.letters() >= 3 || (part.letters() >= 2 && part.soft_latin);
    let suffixed = chars.get(part.end).is_some_and(|&c| is_hyphen(c))
        && chars.get(part.end + 1).is_some_and(|&c| is_cyrillic(c));
    if all_latin_lookalikes && part.lowercase && long_enough && mostly_cyrillic && !suffixed {
        Target::Cyrillic
    } else {
        Target::Keep
    }
}
