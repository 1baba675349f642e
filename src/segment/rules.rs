//! Per-language rule DATA for the segmenter, in the spirit of SRX: which
//! abbreviations never end a sentence, which end one only before an upper-case
//! word, which are units or years after a number, and how list markers behave.
//! Adding an abbreviation is adding a word to one of the strings below; adding a
//! language is one more `LangRules` value and its entry in [`ALL`].
//!
//! Entries are written without their final dot and compared case-insensitively
//! through [`skeleton`], so Latin look-alikes typed in Cyrillic text still match.
//! The order in which the rules apply is in `scanner.rs` ([`super::scanner`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::chars::skeleton;
use crate::text::Lang;

/// How an abbreviation (the token before a single final dot) behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Never ends a sentence (`проф.`, `ж.`, `Mr.`).
    Never,
    /// Closes enumerations and amounts (`т.б.`, `etc.`): ends the sentence only
    /// when an upper-case word follows, never before a digit or lower case.
    EndsIfUpper,
    /// Units and years (`млн.`, `км.`, `г.`, `в.`): after a number (or a Roman
    /// numeral, or another unit) behaves like `EndsIfUpper`; elsewhere `Never`.
    AfterNumber,
}

/// The rule data of one language.
#[derive(Debug)]
pub struct LangRules {
    pub lang: Lang,
    /// Space-separated abbreviations that never end a sentence.
    pub never: &'static str,
    /// Abbreviations that end a sentence only before an upper-case word.
    pub ends_if_upper: &'static str,
    /// Units and year/century words: see [`AbbrevKind::AfterNumber`].
    pub after_number: &'static str,
    /// Token endings that make a `Never` abbreviation (Kazakh degrees `ф.ғ.к`).
    pub never_suffixes: &'static [&'static str],
    /// A bare 1–2 digit number before a dot is a list marker anywhere in a line
    /// (Kazakh sentences end in a predicate, practically never in a number).
    pub bare_numbers_are_list_markers: bool,
}

/// Kazakh (NOTES.md 1.3, N4–N7).
pub const KK: LangRules = LangRules {
    lang: Lang::Kk,
    never: "ж жж ғ ғғ б.з.б б.з.д б.д.д б.з проф акад доц мыс қар сур бб \
            қ обл ауд көш к а ө т ул д кв пр т.е т.к ст рис им дж dr mr mrs ms реж мөлш \
            т.ғ.д т.ғ.к ф.ғ.д ф.ғ.к э.ғ.д э.ғ.к п.ғ.д п.ғ.к з.ғ.д з.ғ.к ф.-м.ғ.д ф.-м.ғ.к",
    ends_if_upper: "т.б т.с.с т.т с.ш о.ш в.д з.д ш.б б.б",
    after_number: "млн млрд трлн мың тг руб долл км кг см мм м г гг",
    never_suffixes: &[".ғ.д", ".ғ.к"],
    bare_numbers_are_list_markers: true,
};

/// Russian (LanguageTool's list, trimmed; NOTES.md 1.3).
pub const RU: LangRules = LangRules {
    lang: Lang::Ru,
    never: "т.е т.к т.н ул пр просп пер д кв обл р с п пп ст гл рис табл ср напр \
            проф акад доц зам ген св стр тел т тт ок англ лат рус нем франц гос ред им см \
            дж dr mr mrs ms",
    ends_if_upper: "т.д т.п др проч н.э с.ш ю.ш в.д з.д",
    after_number: "руб коп долл тыс млн млрд трлн мин сек ч км кг см мм м га л г гг в вв",
    never_suffixes: &[],
    bare_numbers_are_list_markers: false,
};

/// English (titles, Latin abbreviations, company and month abbreviations).
pub const EN: LangRules = LangRules {
    lang: Lang::En,
    never: "mr mrs ms dr prof rev hon st mt gen col lt sgt capt cmdr adm gov sen rep \
            pres supt messrs sens reps det insp e.g i.e vs v cf approx dept viz ft u.s u.n",
    ends_if_upper: "etc al inc ltd co corp jr sr bros a.m p.m u.k e.u \
                    no nos vol vols p pp ch art sec op nr fig figs \
                    jan feb mar apr jun jul aug sep sept oct nov dec",
    after_number: "km kg cm mm lb lbs oz mi",
    never_suffixes: &[],
    bare_numbers_are_list_markers: false,
};

/// Headings that open a reference list, in any of the three languages (a
/// Kazakh article may cite under a Russian heading). After one, every line is
/// one segment: bibliography entries (`болашақ. – М., 1997.`) would otherwise
/// split at each `. – `.
pub const REFERENCE_HEADINGS: &[&str] = &[
    "әдебиеттер",
    "әдебиеттер тізімі",
    "пайдаланылған әдебиеттер",
    "пайдаланылған әдебиеттер тізімі",
    "дереккөздер",
    "литература",
    "список литературы",
    "список использованной литературы",
    "библиография",
    "источники",
    "references",
    "bibliography",
    "works cited",
    "literature",
];

/// Whether a whole line is a reference-list heading (`Әдебиеттер..`,
/// `Литература`, `References:`), compared through [`skeleton`].
pub fn is_reference_heading(line: &str) -> bool {
    let bare = line
        .trim_matches(super::chars::is_space)
        .trim_end_matches(|c: char| super::chars::is_terminal(c) || c == ':');
    let key = skeleton(bare);
    !key.is_empty() && REFERENCE_HEADINGS.iter().any(|h| skeleton(h) == key)
}

/// Every language's rules: adding a language is one `LangRules` value and one
/// entry here (plus its `Lang` code).
pub const ALL: &[&LangRules] = &[&KK, &RU, &EN];

/// The rules of a language.
pub fn for_lang(lang: Lang) -> &'static LangRules {
    ALL.iter().find(|r| r.lang == lang).copied().unwrap_or(&KK)
}

type Table = HashMap<String, AbbrevKind>;

fn build_table(rules: &LangRules) -> Table {
    let mut table = Table::new();
    // A word in two lists takes the later kind: `см` is "see" (never a break)
    // and "cm" (a unit after a number), which `AfterNumber` covers both.
    for (list, kind) in [
        (rules.never, AbbrevKind::Never),
        (rules.ends_if_upper, AbbrevKind::EndsIfUpper),
        (rules.after_number, AbbrevKind::AfterNumber),
    ] {
        for word in list.split_whitespace() {
            table.insert(skeleton(word), kind);
        }
    }
    table
}

/// The abbreviation table of a language, built once from its lists.
fn table(lang: Lang) -> Option<&'static Table> {
    static TABLES: OnceLock<HashMap<Lang, Table>> = OnceLock::new();
    TABLES
        .get_or_init(|| ALL.iter().map(|r| (r.lang, build_table(r))).collect())
        .get(&lang)
}

/// The kind of `token` (the word before a final dot, inner dots kept, e.g.
/// `т.б`) if it is a known abbreviation of `rules`' language.
pub fn abbreviation(rules: &LangRules, token: &str) -> Option<AbbrevKind> {
    let key = skeleton(token);
    if let Some(kind) = table(rules.lang).and_then(|t| t.get(&key)) {
        return Some(*kind);
    }
    let has_suffix = rules
        .never_suffixes
        .iter()
        .any(|suffix| key.ends_with(&skeleton(suffix)) && key.len() > suffix.len());
    has_suffix.then_some(AbbrevKind::Never)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_lists_match_case_insensitively() {
        assert_eq!(abbreviation(&KK, "ж"), Some(AbbrevKind::Never));
        assert_eq!(abbreviation(&KK, "Б.з.б"), Some(AbbrevKind::Never));
        assert_eq!(abbreviation(&KK, "т.б"), Some(AbbrevKind::EndsIfUpper));
        assert_eq!(abbreviation(&KK, "млрд"), Some(AbbrevKind::AfterNumber));
        assert_eq!(abbreviation(&KK, "болды"), None);
    }

    #[test]
    fn latin_lookalikes_still_match() {
        // "т.е" with a Latin e, "с.ш" with a Latin c
        assert_eq!(abbreviation(&KK, "т.e"), Some(AbbrevKind::Never));
        assert_eq!(abbreviation(&KK, "c.ш"), Some(AbbrevKind::EndsIfUpper));
        assert_eq!(abbreviation(&RU, "T.e"), Some(AbbrevKind::Never));
    }

    #[test]
    fn kazakh_degree_pattern_by_suffix() {
        assert_eq!(abbreviation(&KK, "ф.ғ.к"), Some(AbbrevKind::Never));
        assert_eq!(abbreviation(&KK, "х.ғ.д"), Some(AbbrevKind::Never));
    }

    #[test]
    fn russian_units_and_years() {
        assert_eq!(abbreviation(&RU, "г"), Some(AbbrevKind::AfterNumber));
        assert_eq!(abbreviation(&RU, "вв"), Some(AbbrevKind::AfterNumber));
        // "см." is both "see" and "cm": a unit after a number, else never a break
        assert_eq!(abbreviation(&RU, "см"), Some(AbbrevKind::AfterNumber));
        assert_eq!(abbreviation(&RU, "т.д"), Some(AbbrevKind::EndsIfUpper));
    }

    #[test]
    fn reference_headings() {
        assert!(is_reference_heading("Әдебиеттер.."));
        assert!(is_reference_heading("  ЛИТЕРАТУРА:"));
        assert!(is_reference_heading("References"));
        // Latin "e" typed in the Kazakh heading
        assert!(is_reference_heading("Әдeбиеттер"));
        assert!(!is_reference_heading("Әдебиеттер көп болды."));
        assert!(!is_reference_heading(".."));
    }

    #[test]
    fn every_language_has_rules() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            assert_eq!(for_lang(lang).lang, lang);
        }
    }

    #[test]
    fn english_lists() {
        assert_eq!(abbreviation(&EN, "Mr"), Some(AbbrevKind::Never));
        assert_eq!(abbreviation(&EN, "e.g"), Some(AbbrevKind::Never));
        assert_eq!(abbreviation(&EN, "etc"), Some(AbbrevKind::EndsIfUpper));
        assert_eq!(abbreviation(&EN, "the"), None);
    }
}
