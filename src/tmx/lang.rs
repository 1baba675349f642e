//! Language tags as TMX files write them, brought to BCP 47 casing, and the
//! matching rule used for source-language checks and filters.
//!
//! No fixed list of locales: any tag shaped as BCP 47 is accepted and only
//! its casing and separators are normalised, except that Audarma's own three
//! languages written with their ISO 639-2 codes (`kaz`, `eng`, `rus`, as some
//! tools write them) become the ISO 639-1 codes BCP 47 prescribes (`kk`,
//! `en`, `ru`), so that they match the memory's other units.

use crate::text::lang::{is_tag_shaped, iso_639_1, ISO_639_2};

/// `*all*`, the header `srclang` meaning "any variant may be the source".
pub const ALL: &str = "*all*";

/// BCP 47 casing: language lower-case, script title-case, region upper-case,
/// `_` turned into `-` (`EN-US` → `en-US`, `kk_KZ` → `kk-KZ`, `zh-hant-tw` → `zh-Hant-TW`).
/// Subtags after a singleton (`x-...`, `u-...`) are lower-cased. `kaz`, `eng`
/// and `rus` become `kk`, `en` and `ru` (`KAZ-kz` → `kk-KZ`).
pub fn normalize(tag: &str) -> String {
    let tag = tag.trim();
    if tag.eq_ignore_ascii_case(ALL) {
        return ALL.to_string();
    }
    // Every variant of an import goes through here: subtags are cased as
    // they are copied, with no String per subtag.
    let mut out = String::with_capacity(tag.len());
    let mut after_singleton = false;
    for (i, sub) in tag.split(['-', '_']).enumerate() {
        if i > 0 {
            out.push('-');
        }
        if i == 0 {
            if let Some(two) = ISO_639_2.iter().find(|t| sub.eq_ignore_ascii_case(t.0)) {
                out.push_str(two.1);
                continue;
            }
        }
        let alphabetic = sub.bytes().all(|b| b.is_ascii_alphabetic());
        // How many leading characters are upper case: a region all, a
        // script the first, anything else none.
        let upper = if i == 0 || after_singleton {
            0
        } else if sub.len() == 1 {
            after_singleton = true;
            0
        } else if sub.len() == 2 && alphabetic {
            2
        } else if sub.len() == 4 && alphabetic {
            1
        } else {
            0
        };
        for (j, c) in sub.chars().enumerate() {
            out.push(if j < upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
        }
    }
    out
}

/// The primary language subtag, lower-case, ISO 639-1 for Audarma's
/// languages: `kk-KZ` → `kk`, `KAZ-KZ` → `kk`.
pub fn primary(tag: &str) -> String {
    let first = tag.split(['-', '_']).next().unwrap_or(tag);
    iso_639_1(first).unwrap_or("").to_ascii_lowercase()
}

/// Whether a variant in language `have` satisfies a request for `wanted`:
/// the same tag (any casing), or the same primary language when `wanted`
/// names no region (`kk` accepts `kk-KZ`; `en-US` does not accept `en-GB`).
pub fn matches(wanted: &str, have: &str) -> bool {
    if wanted == ALL || wanted == have {
        return true;
    }
    let (w, h) = (normalize(wanted), normalize(have));
    w == h || (!w.contains('-') && primary(&w) == primary(&h))
}

/// A tag is usable if it is `*all*` or shaped as a BCP 47 tag of at most 35
/// characters (see `text::lang::is_tag_shaped`).
pub fn is_plausible(tag: &str) -> bool {
    tag.trim() == ALL || is_tag_shaped(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_casing_and_separators() {
        assert_eq!(normalize("EN-US"), "en-US");
        assert_eq!(normalize("kk_KZ"), "kk-KZ");
        assert_eq!(normalize("SR-latn-rs"), "sr-Latn-RS");
        assert_eq!(normalize("en-a-BBB-x-Y"), "en-a-bbb-x-y");
        assert_eq!(normalize("zh-HANT"), "zh-Hant");
        assert_eq!(normalize("de-CH-1996"), "de-CH-1996");
        assert_eq!(normalize("zh-hant-tw"), "zh-Hant-TW");
        assert_eq!(normalize("SC"), "sc");
        assert_eq!(normalize("es-419"), "es-419");
        assert_eq!(normalize("en-x-Custom"), "en-x-custom");
        assert_eq!(normalize("*ALL*"), "*all*");
    }

    #[test]
    fn matches_by_primary_language_only_without_region() {
        assert!(matches("kk", "kk-KZ"));
        assert!(matches("kk-kz", "KK_KZ"));
        assert!(!matches("kk-KZ", "kk"));
        assert!(!matches("en-US", "en-GB"));
        assert!(matches(ALL, "fr"));
        assert_eq!(primary("KK-kz"), "kk");
    }

    #[test]
    fn iso_639_2_codes_of_our_languages_become_iso_639_1() {
        assert_eq!(normalize("kaz"), "kk");
        assert_eq!(normalize("KAZ-kz"), "kk-KZ");
        assert_eq!(normalize("Eng_us"), "en-US");
        assert_eq!(normalize("rus"), "ru");
        // Other languages' codes are left as written (lower-cased).
        assert_eq!(normalize("DEU-de"), "deu-DE");
        assert_eq!(primary("KAZ-KZ"), "kk");
        assert_eq!(primary("eng"), "en");
        assert!(matches("kk", "kaz"));
        assert!(matches("kaz", "kk-KZ"));
        assert!(matches("en", "ENG-US"));
        assert!(!matches("ru", "kaz"));
    }

    #[test]
    fn plausible_tags() {
        assert!(!is_plausible(&"a".repeat(100_000)));
        assert!(!is_plausible("en';DROP TABLE x;--"));
        assert!(is_plausible("*all*"));
        assert!(is_plausible("pt-BR"));
        assert!(!is_plausible(""));
        assert!(!is_plausible("en us"));
    }
}
