//! The languages Audarma segments and translates, and what a text's letters
//! say about its language (to catch a document imported with the wrong one).

use std::fmt;
use std::str::FromStr;

/// A language Audarma knows rules for. Sources are Kazakh; targets English or Russian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Kk,
    En,
    Ru,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// Parse a target language (`en` or `ru`), with a message that says what is allowed.
    pub fn parse_target(s: &str) -> Result<Lang, String> {
        let parsed = s.parse::<Lang>().map_err(|_| {
            format!(
                "unknown target language '{}': expected en or ru (or eng, rus; a region such as en-US may follow)",
                shown(s)
            )
        })?;
        match parsed {
            Lang::Kk => Err(format!(
                "'{}' is Kazakh, the source language: translations go into en or ru (eng, rus; en-US ...)",
                shown(s)
            )),
            l => Ok(l),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    /// Accepts `kk`, `en`, `ru`, their ISO 639-2 codes `kaz`, `eng`, `rus`, in
    /// any case, and tags with a region or script such as `kk-KZ`, `en_US` or
    /// `KAZ-Cyrl`: anything shaped as a BCP 47 tag (see [`is_tag_shaped`])
    /// whose language is one of the three.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || {
            format!(
                "unknown language '{}': expected kk, en or ru (or kaz, eng, rus; a region such as kk-KZ or en-US may follow)",
                shown(s)
            )
        };
        if !is_tag_shaped(s) {
            return Err(unknown());
        }
        let primary = s.split(['-', '_']).next().unwrap_or("");
        match iso_639_1(primary) {
            Some("kk") => Ok(Lang::Kk),
            Some("en") => Ok(Lang::En),
            Some("ru") => Ok(Lang::Ru),
            _ => Err(unknown()),
        }
    }
}

/// The longest language tag taken: RFC 5646 asks implementations to hold 35
/// characters; anything longer is not a language a person typed or a CAT
/// tool wrote, and it is not stored or echoed whole.
pub const MAX_TAG_LEN: usize = 35;

/// ISO 639-2 codes (bibliographic and terminology codes are the same for
/// these three) of Audarma's languages, with the ISO 639-1 code BCP 47 uses
/// instead: a tag is written with the shortest code there is.
pub const ISO_639_2: [(&str, &str); 3] = [("kaz", "kk"), ("eng", "en"), ("rus", "ru")];

/// A primary language subtag, lower-case, with Audarma's three languages'
/// ISO 639-2 codes turned into ISO 639-1 (`KAZ` → `kk`, `En` → `en`); other
/// languages lower-cased only (`deu` stays `deu`). `None` for an empty one.
pub fn iso_639_1(primary: &str) -> Option<&str> {
    let p = primary.trim();
    if p.is_empty() {
        return None;
    }
    for (three, two) in ISO_639_2 {
        if p.eq_ignore_ascii_case(three) || p.eq_ignore_ascii_case(two) {
            return Some(two);
        }
    }
    Some(p)
}

/// Whether `tag` has the shape of a BCP 47 language tag (RFC 5646 syntax,
/// `_` taken for `-`), at most [`MAX_TAG_LEN`] characters: a language of 2 to
/// 8 letters (or a private `x-...` / grandfathered `i-...` tag), then subtags
/// of 1 to 8 letters and digits. `kk-KZ`, `en-US`, `zh-Hant-TW`, `de-CH-1996`
/// pass; `en us`, `en';DROP TABLE`, `e`, an empty tag and 100,000 letters do not.
pub fn is_tag_shaped(tag: &str) -> bool {
    let t = tag.trim();
    if t.is_empty() || t.len() > MAX_TAG_LEN {
        return false;
    }
    let mut subtags = t.split(['-', '_']);
    let first = subtags.next().unwrap_or("");
    let language = (2..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic());
    let singleton = first.eq_ignore_ascii_case("x") || first.eq_ignore_ascii_case("i");
    (language || singleton)
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
        && !(singleton && t.len() == first.len())
}

/// A value as an error message shows it: control characters escaped and cut
/// at 40 characters, so a 100,000-character flag is not echoed whole.
fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(40).flat_map(char::escape_debug).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// Letters only Kazakh writes among the Cyrillic alphabets Audarma meets.
const KAZAKH_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";

/// Letter counts of a text by script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LetterCounts {
    pub letters: usize,
    pub cyrillic: usize,
    /// Cyrillic letters of Kazakh's own (ә ғ қ ң ө ұ ү һ і).
    pub kazakh: usize,
}

impl LetterCounts {
    pub fn of(text: &str) -> LetterCounts {
        let mut n = LetterCounts::default();
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            n.letters += 1;
            if ('\u{0400}'..='\u{052F}').contains(&c) {
                n.cyrillic += 1;
                n.kazakh += usize::from(KAZAKH_LETTERS.contains(c));
            }
        }
        n
    }
}

/// Why a text's letters say it is not in `lang`, if they do: Kazakh letters
/// in a Russian or English text, Cyrillic in an English one, no Cyrillic in
/// a Kazakh or Russian one, or (in a longer Kazakh one) Cyrillic without any
/// Kazakh letter. The thresholds leave room for names and quotations: real
/// Kazakh has about 13% Kazakh letters among its Cyrillic ones, Russian
/// quoting a Kazakh name well under 1%.
pub fn letters_contradict(text: &str, lang: Lang) -> Option<String> {
    let n = LetterCounts::of(text);
    let share = |part: usize, of: usize| part as f64 / of.max(1) as f64;
    let kazakh = || {
        format!(
            "{} of its {} Cyrillic letters are Kazakh (ә ғ қ ң ө ұ ү һ і): is it Kazakh? (--lang kk)",
            n.kazakh, n.cyrillic
        )
    };
    if n.letters < 20 {
        return None;
    }
    match lang {
        Lang::Kk | Lang::Ru if share(n.cyrillic, n.letters) < 0.01 => Some(format!(
            "it has no Cyrillic letters ({} letters, all in other scripts): is it English? (--lang en)",
            n.letters
        )),
        Lang::Ru if n.kazakh >= 5 && share(n.kazakh, n.cyrillic) >= 0.02 => Some(kazakh()),
        Lang::Kk if n.cyrillic >= 200 && share(n.kazakh, n.cyrillic) < 0.005 => Some(format!(
            "{} of its {} Cyrillic letters {} Kazakh (ә ғ қ ң ө ұ ү һ і): is it Russian? (--lang ru)",
            if n.kazakh == 0 { "none".to_string() } else { format!("only {}", n.kazakh) },
            n.cyrillic,
            if n.kazakh == 1 || n.kazakh == 0 { "is" } else { "are" }
        )),
        Lang::En if n.kazakh >= 5 && share(n.kazakh, n.cyrillic) >= 0.02 => Some(kazakh()),
        Lang::En if n.cyrillic >= 5 && share(n.cyrillic, n.letters) >= 0.2 => Some(format!(
            "{} of its {} letters are Cyrillic: is it Russian? (--lang ru)",
            n.cyrillic, n.letters
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KK: &str =
        "Қазақстан Республикасы 1991 жылы тәуелсіздік алды. Астана елорда болып табылады.";
    const RU: &str = "Казахстан обрёл независимость в 1991 году. Астана является столицей страны.";
    const EN: &str =
        "Kazakhstan gained independence in 1991. Astana has been the capital since 1997.";

    #[test]
    fn each_text_fits_its_own_language() {
        assert_eq!(letters_contradict(KK, Lang::Kk), None);
        assert_eq!(letters_contradict(RU, Lang::Ru), None);
        assert_eq!(letters_contradict(EN, Lang::En), None);
    }

    #[test]
    fn kazakh_letters_in_a_russian_or_english_document_are_reported() {
        let why = letters_contradict(KK, Lang::Ru).unwrap();
        assert!(
            why.contains("are Kazakh") && why.contains("--lang kk"),
            "{why}"
        );
        assert!(letters_contradict(KK, Lang::En)
            .unwrap()
            .contains("--lang kk"));
        // A Kazakh name quoted in Russian is not Kazakh text.
        let quoted = format!("{RU} {RU} {RU} Газета «Егемен Қазақстан» пишет об этом.");
        assert_eq!(letters_contradict(&quoted, Lang::Ru), None);
    }

    #[test]
    fn cyrillic_in_english_and_latin_only_kazakh_or_russian_are_reported() {
        let why = letters_contradict(RU, Lang::En).unwrap();
        assert!(
            why.contains("are Cyrillic") && why.contains("--lang ru"),
            "{why}"
        );
        for lang in [Lang::Kk, Lang::Ru] {
            let why = letters_contradict(EN, lang).unwrap();
            assert!(why.contains("no Cyrillic letters"), "{lang}: {why}");
        }
        // A Russian word or two in English is a quotation.
        let quoted = format!("{EN} {EN} The word is «столица».");
        assert_eq!(letters_contradict(&quoted, Lang::En), None);
    }

    #[test]
    fn a_longer_russian_text_imported_as_kazakh_is_reported() {
        let long = RU.repeat(5);
        assert!(letters_contradict(&long, Lang::Kk)
            .unwrap()
            .contains("--lang ru"));
        // Too short to tell: no warning.
        assert_eq!(letters_contradict(RU, Lang::Kk), None);
        assert_eq!(letters_contradict("Бір.", Lang::En), None);
        assert_eq!(
            LetterCounts::of("Әже, ok!"),
            LetterCounts {
                letters: 5,
                cyrillic: 3,
                kazakh: 1
            }
        );
    }

    #[test]
    fn parses_codes_and_regions() {
        assert_eq!("kk-KZ".parse::<Lang>(), Ok(Lang::Kk));
        assert_eq!("EN_us".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
        assert!(Lang::parse_target("kk").is_err());
        assert_eq!(Lang::parse_target("ru"), Ok(Lang::Ru));
    }

    #[test]
    fn iso_639_2_codes_and_their_tags_are_the_same_languages() {
        for (tag, lang) in [
            ("kaz", Lang::Kk),
            ("KAZ", Lang::Kk),
            ("Kaz-KZ", Lang::Kk),
            ("kk-KZ", Lang::Kk),
            ("eng", Lang::En),
            ("ENG-us", Lang::En),
            ("en-US", Lang::En),
            ("rus", Lang::Ru),
            ("RU", Lang::Ru),
            ("rus_RU", Lang::Ru),
            ("kk-Cyrl-KZ", Lang::Kk),
        ] {
            assert_eq!(tag.parse::<Lang>(), Ok(lang), "{tag}");
        }
        assert_eq!(iso_639_1("KAZ"), Some("kk"));
        assert_eq!(iso_639_1("deu"), Some("deu"));
        assert_eq!(iso_639_1(""), None);
        assert!(Lang::parse_target("kaz").unwrap_err().contains("'kaz'"));
    }

    #[test]
    fn tags_not_shaped_as_bcp_47_are_refused_without_being_echoed_whole() {
        let long = format!("en-{}", "a".repeat(100_000));
        for bad in [
            "",
            "e",
            "en us",
            "en';DROP TABLE tm_units;--",
            "en--US",
            "en-",
            "kk-KZ-abcdefghi",
            "kazakh",
            "x",
            "kkk-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd",
            long.as_str(),
        ] {
            let err = bad.parse::<Lang>().unwrap_err();
            assert!(err.contains("expected kk, en or ru"), "{bad}: {err}");
            assert!(err.len() < 200, "{err}");
        }
        for good in [
            "kk",
            "zh-Hant-TW",
            "de-CH-1996",
            "x-klingon",
            "i-navajo",
            "es-419",
        ] {
            assert!(is_tag_shaped(good), "{good}");
        }
        assert!(!is_tag_shaped(&"a".repeat(36)));
    }
}
