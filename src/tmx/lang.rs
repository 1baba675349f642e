//! Language tags as TMX files write them, brought to BCP 47 casing, and the
//! matching rule used for source-language checks and filters.
//!
//! No fixed list of locales: any syntactically plausible tag is accepted and
//! only its casing and separators are normalised.

/// `*all*`, the header `srclang` meaning "any variant may be the source".
pub const ALL: &str = "*all*";

/// BCP 47 casing: language lower-case, script title-case, region upper-case,
/// `_` turned into `-` (`EN-US` → `en-US`, `kk_KZ` → `kk-KZ`, `zh-hant-tw` → `zh-Hant-TW`).
/// Subtags after a singleton (`x-...`, `u-...`) are lower-cased.
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

/// The primary language subtag, lower-case: `kk-KZ` → `kk`.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .trim()
        .to_ascii_lowercase()
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

/// A tag is usable if it is non-empty and made of ASCII letters, digits and separators.
pub fn is_plausible(tag: &str) -> bool {
    let t = tag.trim();
    t == ALL
        || (!t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && t.split(['-', '_']).all(|s| !s.is_empty() && s.len() <= 8))
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
    fn plausible_tags() {
        assert!(is_plausible("pt-BR"));
        assert!(!is_plausible(""));
        assert!(!is_plausible("en us"));
    }
}
