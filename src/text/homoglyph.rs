//! Homoglyph repair: Latin letters typed inside Cyrillic (Kazakh or Russian)
//! words are folded to the Cyrillic letter meant, and the reverse inside Latin
//! words (kazakh/NOTES.md §2.1 and §2.3 rules (a)–(d)).
//!
//! The unit of decision is a *word part*: a maximal run of letters, so the
//! parts of `Қазақстан-Ресей` or `т.б` are decided separately. A letter is a
//! *look-alike* when it has a twin in the other script (`i`/`і`, `h`/`һ`,
//! `a`/`а`, `H`/`Н` ...); every other letter of the script *anchors* a part to
//! its script. Repair only ever swaps look-alikes for look-alikes, so a part's
//! anchors, and therefore the segment's script ratio computed from them, never
//! change: running the repair twice gives the same result (idempotence).
//!
//! Decisions per part, with `ratio` = letters in Cyrillic-anchored parts over
//! letters in anchored parts of the whole segment:
//! * mixed part with a Cyrillic anchor and only look-alike Latin → Cyrillic
//!   (`бiрлiгi` → `бірлігі`, `Жаhандық` → `Жаһандық`);
//! * mixed part with a Latin anchor and only look-alike Cyrillic → Latin
//!   (`Тhomson` → `Thomson`);
//! * mixed part of look-alikes only: ratio ≥ 0.8 → Cyrillic, ≤ 0.2 → Latin,
//!   else the majority script of the part;
//! * all-Latin, all-lower-case part of look-alikes only, in a segment with
//!   ratio ≥ 0.8, at least 2 letters with one of `i ı ə ɵ h`, or at least 3
//!   letters → Cyrillic (`eki` → `екі`), unless hyphen-joined to a Cyrillic
//!   suffix (`ice-ті`) or inside a URL, e-mail or domain (`kazinform.kz`);
//! * always `ҥ` → `ң` and `ѳ` → `ө`.
//!
//! Everything else is left alone: all-Latin names and acronyms, Latin words
//! with letters that have no Cyrillic twin, parts anchored in both scripts
//! (`iPhoneда`). A letter followed by a combining mark is never swapped (the
//! swap could create a new composition and break idempotence).

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

pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

pub(crate) fn is_latin(c: char) -> bool {
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
    repair_owned(s.to_string())
}

/// Which letters a string has, as far as the repair cares; gathered by
/// [`Scripts::note`] while the caller passes over the text anyway.
#[derive(Default, Clone, Copy)]
pub(crate) struct Scripts {
    cyrillic: bool,
    latin: bool,
    variant: bool,
}

impl Scripts {
    pub(crate) fn of(s: &str) -> Scripts {
        let mut scripts = Scripts::default();
        s.chars().for_each(|c| scripts.note(c));
        scripts
    }

    /// Whether [`repair_scanned`] may change a string with these scripts.
    pub(crate) fn needs_repair(&self) -> bool {
        self.cyrillic && (self.latin || self.variant)
    }

    #[inline]
    pub(crate) fn note(&mut self, c: char) {
        if c.is_ascii() {
            self.latin |= c.is_ascii_alphabetic();
        } else if is_cyrillic(c) {
            self.cyrillic = true;
            self.variant |= cyrillic_variant(c).is_some();
        } else {
            self.latin |= is_latin(c);
        }
    }
}

/// [`repair`] taking the string by value, so that text with nothing to
/// repair (the usual case) is returned without a copy.
pub(crate) fn repair_owned(s: String) -> String {
    let scripts = Scripts::of(&s);
    repair_scanned(s, scripts)
}

/// [`repair_owned`] for a string whose [`Scripts`] are known.
pub(crate) fn repair_scanned(s: String, scripts: Scripts) -> String {
    repair_changes(&s, scripts).unwrap_or(s)
}

/// The repair of a string whose [`Scripts`] are known, or `None` when it
/// leaves the string as it is.
pub(crate) fn repair_changes(s: &str, scripts: Scripts) -> Option<String> {
    if !scripts.cyrillic {
        // Every rule swaps letters of a part that has a Cyrillic letter or
        // needs Cyrillic-anchored parts in the segment.
        None
    } else if !scripts.latin {
        // No mixed or Latin part: only rule (d) can apply.
        scripts.variant.then(|| replace_cyrillic_variants(s))
    } else {
        repair_mixed(s, scripts.variant)
    }
}

/// Rule (d) alone, for text without Latin letters.
fn replace_cyrillic_variants(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_mark = chars.peek().is_some_and(|&n| is_combining_mark(n));
        match cyrillic_variant(c) {
            Some(variant) if !next_is_mark => out.push(variant),
            _ => out.push(c),
        }
    }
    out
}

/// The full repair, for text with letters of both scripts (`variant`: it
/// has a rule-(d) letter somewhere); `None` when nothing changes.
fn repair_mixed(s: &str, variant: bool) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let url = url_mask(&chars);
    let parts = word_parts(&chars, url.as_deref());
    let ratio = cyrillic_ratio(&parts);
    // Mixed text is mostly Kazakh with English words: often nothing changes,
    // so the copy is made at the first change.
    let mut out: Option<Vec<char>> = None;
    for part in &parts {
        let target = decide(part, ratio, &chars);
        if target == Target::Keep && !variant {
            continue;
        }
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
                out.get_or_insert_with(|| chars.clone())[i] = c;
            }
        }
    }
    out.map(|out| out.into_iter().collect())
}

/// Marks the characters of white-space chunks that look like a URL, an
/// e-mail address or a domain name (`kazinform.kz`): those are never
/// repaired. `None` when no chunk does (the usual case).
fn url_mask(chars: &[char]) -> Option<Vec<bool>> {
    let mut mask: Option<Vec<bool>> = None;
    let mut start = 0;
    while start < chars.len() {
        let end = chars[start..]
            .iter()
            .position(|c| c.is_whitespace())
            .map_or(chars.len(), |p| start + p);
        if looks_like_address(&chars[start..end]) {
            let mask = mask.get_or_insert_with(|| vec![false; chars.len()]);
            mask[start..end].iter_mut().for_each(|m| *m = true);
        }
        start = end + 1;
    }
    mask
}

/// `a.kz`-style dots between ASCII letters or digits, `://`, `@`, `www.`.
fn looks_like_address(chunk: &[char]) -> bool {
    // Every pattern below has one of these; most chunks have none.
    if !chunk.iter().any(|c| matches!(c, '.' | '@' | ':')) {
        return false;
    }
    chunk.contains(&'@')
        || chunk.windows(3).any(|w| {
            (w[1] == '.' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphabetic())
                || w == [':', '/', '/']
        })
        || chunk
            .windows(4)
            .any(|w| w.iter().map(char::to_ascii_lowercase).eq("www.".chars()))
}

fn word_parts(chars: &[char], url: Option<&[bool]>) -> Vec<Part> {
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
            in_url: url.is_some_and(|url| url[i]),
            ..Part::default()
        };
        while i < chars.len() && is_letter(chars[i]) {
            let c = chars[i];
            if is_cyrillic(c) {
                part.cyrillic += 1;
                // (The twin lookup only until the part is anchored.)
                part.cyrillic_anchor = part.cyrillic_anchor || cyrillic_to_latin(c).is_none();
            } else if is_latin(c) {
                part.latin += 1;
                part.latin_anchor = part.latin_anchor || latin_to_cyrillic(c).is_none();
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

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn latin_inside_cyrillic_words() {
        assert_eq!(repair("бiрлiгiмiздi"), "бірлігімізді");
        assert_eq!(repair("Жаhандық"), "Жаһандық");
        assert_eq!(repair("нəрсе Əрине"), "нәрсе Әрине");
        assert_eq!(repair("ɵмiр"), "өмір");
        assert_eq!(repair("Kазақстан"), "Казақстан");
        assert_eq!(repair("ҚАЗАҚСТAН"), "ҚАЗАҚСТАН");
        assert_eq!(repair("бıр"), "бір");
        assert_eq!(repair("ҥ ѳ"), "ң ө");
    }

    #[test]
    fn latin_words_left_alone() {
        let s = "Бұл туралы kazinform.kz хабарлайды, Donald Trump және NATO, iPhone-ға";
        assert_eq!(repair(s), s);
        assert_eq!(
            repair("info@example.com www.gov.kz https://e.kz/a"),
            "info@example.com www.gov.kz https://e.kz/a"
        );
    }

    #[test]
    fn cyrillic_inside_latin_words() {
        assert_eq!(repair("Тhomson"), "Thomson");
        assert_eq!(repair("The Nаtion"), "The Nation");
    }

    #[test]
    fn all_latin_lookalike_words_in_kazakh_text() {
        assert_eq!(repair("Оның eki баласы бар"), "Оның екі баласы бар");
        assert_eq!(repair("Оның ice-ті бар"), "Оның ice-ті бар");
        // Capitalised or short words stay: names and acronyms.
        assert_eq!(repair("Мен Oxo көрдім"), "Мен Oxo көрдім");
        assert_eq!(repair("мен ok деді"), "мен ok деді");
    }

    #[test]
    fn idempotent_on_mixed_lookalikes() {
        for s in ["СOK", "Cок", "pH деңгейі", "eki", "y\u{306}кен"] {
            let once = repair(s);
            assert_eq!(repair(&once), once, "{s}");
        }
    }
}
