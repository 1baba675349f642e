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
        match s.parse::<Lang>()? {
            Lang::Kk => Err("unknown target language 'kk': translations go into en or ru".into()),
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

    /// Accepts `kk`, `en`, `ru` and region variants such as `kk-KZ` or `en_US`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "kk" | "kaz" => Ok(Lang::Kk),
            "en" | "eng" => Ok(Lang::En),
            "ru" | "rus" => Ok(Lang::Ru),
            _ => Err(format!("unknown language '{s}': expected kk, en or ru")),
        }
    }
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
}
