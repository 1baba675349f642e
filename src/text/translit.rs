//! The cross-script name key: a Kazakh or Russian word in Cyrillic and an
//! English word in Latin reduce to the same short consonant skeleton when they
//! are the same name (`Назарбаевтың` ~ `Nazarbayev` ~ `Назарбаева` → `nzrb`).
//!
//! Cyrillic goes to Latin through the 2021 Kazakh alphabet (kazakh/NOTES.md §2.4),
//! with the letters it lacks (ц ч щ ю я ё э) replaced as published; then both
//! scripts fold to one skeleton: digraphs collapse (`sh`, `ch`, `zh`, `kh`, `ts`,
//! `дж`), diacritics go, vowels go (they are where transliterations disagree:
//! `Nazarbayev` vs `Nazarbaev`), near consonants merge (`v w f`, `k q c`, `s z`),
//! doubled consonants collapse, and only the first consonants are kept, so
//! case endings (`-тың`, `-а`) do not matter.

/// Consonants kept in a key: enough to tell names apart, few enough to stop
/// before most inflectional endings (Ковачичке ~ Ковачичу both give `kvc`).
const KEY_CONSONANTS: usize = 3;
/// Shorter skeletons match too many unrelated words to be evidence.
const MIN_CONSONANTS: usize = 3;
/// Words that are not names need a longer skeleton to count at all.
const COGNATE_CONSONANTS: usize = 4;

/// The name key of one word, or `None` when the word is too short to be a
/// reliable anchor (fewer than three consonants) or has no letters.
pub fn name_key(word: &str) -> Option<String> {
    key_with_at_least(word, MIN_CONSONANTS)
}

/// The key of a word that is not a name: only words with at least four
/// consonants count, so that chance matches between unrelated words stay rare.
/// The key itself is the same as [`name_key`]'s, so a name at the start of a
/// sentence still meets the same name inside the other sentence.
pub fn cognate_key(word: &str) -> Option<String> {
    key_with_at_least(word, COGNATE_CONSONANTS)
}

fn key_with_at_least(word: &str, consonants: usize) -> Option<String> {
    let skeleton = consonant_skeleton(&to_latin(word));
    if skeleton.chars().count() < consonants {
        return None;
    }
    Some(skeleton.chars().take(KEY_CONSONANTS).collect())
}

/// Lower-case Latin rendering of a word in either script (2021 Kazakh Latin with
/// diacritics folded away; Russian letters as the 2021 replacements).
pub fn to_latin(word: &str) -> String {
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i];
        // дж is one sound (English j): Джонсон ~ Johnson.
        if c == 'д' && lower.get(i + 1) == Some(&'ж') {
            out.push('j');
            i += 2;
            continue;
        }
        out.push_str(cyrillic_letter(c).unwrap_or_else(|| latin_letter(c)));
        i += 1;
    }
    out
}

fn cyrillic_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' | 'я' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "j",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' | 'ю' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ы' => "y",
        'ъ' | 'ь' => "",
        _ => return None,
    })
}

/// Latin letters with diacritics (2017/2018/2021 Kazakh Latin, Turkish,
/// European names) fold to their base letter; everything else passes through.
fn latin_letter(c: char) -> &'static str {
    match c {
        'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' => "a",
        'ö' | 'ó' | 'ò' | 'ô' | 'ø' => "o",
        'ü' | 'ú' | 'ù' | 'û' | 'ū' | 'ý' => "u",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
        'ğ' | 'ǵ' => "g",
        'ñ' | 'ń' | 'ŋ' => "n",
        'ş' | 'ś' | 'š' => "sh",
        'ç' | 'č' => "ch",
        'ž' => "zh",
        _ if c.is_ascii_alphabetic() => ASCII_LOWER[(c as u8 - b'a') as usize],
        _ => "",
    }
}

const ASCII_LOWER: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// Consonant classes of a lower-case Latin string, vowels dropped, doubled
/// classes collapsed.
pub fn consonant_skeleton(latin: &str) -> String {
    let b = latin.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let (class, used) = if rest.starts_with(b"sch") {
            (Some('s'), 3)
        } else if rest.starts_with(b"sh") || rest.starts_with(b"ts") || rest.starts_with(b"tz") {
            (Some('s'), 2)
        } else if rest.starts_with(b"ch") {
            (Some('c'), 2)
        } else if rest.starts_with(b"zh") || rest.starts_with(b"dj") {
            (Some('j'), 2)
        } else if rest.starts_with(b"kh") {
            (None, 2)
        } else if rest.starts_with(b"ph") {
            (Some('v'), 2)
        } else if rest.starts_with(b"th") {
            (Some('t'), 2)
        } else if rest.starts_with(b"ck") {
            (Some('k'), 2)
        } else {
            (consonant_class(b[i]), 1)
        };
        // x is two sounds: Brexit ~ Брексит.
        let pushed: &[Option<char>] = if b[i] == b'x' {
            &[Some('k'), Some('s')]
        } else {
            &[class]
        };
        for c in pushed.iter().flatten() {
            if !out.ends_with(*c) {
                out.push(*c);
            }
        }
        i += used;
    }
    out
}

fn consonant_class(b: u8) -> Option<char> {
    Some(match b {
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => return None,
        b'v' | b'w' | b'f' => 'v',
        b'k' | b'q' | b'c' => 'k',
        b's' | b'z' => 's',
        // h is silent or dropped too often (Johnson ~ Джонсон, Sarah ~ Сара).
        b'h' => return None,
        b'a'..=b'z' => b as char,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_scripts_and_case_endings() {
        let k = |w| name_key(w).unwrap();
        assert_eq!(k("Назарбаев"), k("Nazarbayev"));
        assert_eq!(k("Назарбаевтың"), k("Nazarbayev"));
        assert_eq!(k("Назарбаева"), k("Назарбаевқа"));
        assert_eq!(k("Трамп"), k("Trump"));
        assert_eq!(k("Джонсон"), k("Johnson"));
        assert_eq!(k("Вашингтон"), k("Washington"));
        assert_eq!(k("Брексит"), k("Brexit"));
        assert_eq!(k("Лондонда"), k("London"));
        assert_eq!(k("Qazaqstan"), k("Қазақстан"));
    }

    #[test]
    fn different_names_differ_and_short_words_have_no_key() {
        assert_ne!(name_key("Трамп"), name_key("Putin"));
        assert_ne!(name_key("Лондон"), name_key("Париж"));
        assert_eq!(name_key("Ия"), None);
        assert_eq!(name_key("May"), None);
        assert_eq!(name_key("123"), None);
    }

    #[test]
    fn transliterates_with_the_2021_alphabet() {
        assert_eq!(to_latin("Қазақстан"), "kazakstan");
        assert_eq!(to_latin("Шығыс"), "shygys");
        assert_eq!(to_latin("Öskemen"), "oskemen");
    }
}
