//! Normalisation for identity and matching. The original text is never altered;
//! these functions produce derived forms (kazakh/NOTES.md §2.3, layers 1 and 2).
//!
//! * [`clean`]: the display-safe form stored with a segment: NFC, invisible
//!   characters removed, every white space folded to one space, and Latin
//!   look-alikes typed inside Cyrillic words repaired (see [`super::homoglyph`]).
//! * [`match_key`]: the key for exact and fuzzy lookup: `clean` plus quotes,
//!   apostrophes, dashes, the ellipsis, case and `ё` folded.
//!
//! Both are idempotent: `clean(clean(s)) == clean(s)` and
//! `match_key(match_key(s)) == match_key(s)` (checked by property tests).

use unicode_normalization::UnicodeNormalization;

use super::homoglyph;

/// Characters deleted outright: soft hyphen, zero-width space/joiners, word
/// joiner and the byte-order mark. They are invisible and split words in
/// lookups if kept.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Display-safe clean-up: invisible characters removed, NFC, every white space
/// (NBSP, U+202F, U+2007, tabs, newlines, runs) folded to one space and the
/// ends trimmed, Latin look-alikes inside Cyrillic words repaired.
///
/// Invisible characters go before NFC so that `е` + ZWSP + U+0308 composes.
pub fn clean(s: &str) -> String {
    let visible: String = s.chars().filter(|&c| !is_invisible(c)).collect();
    let nfc: String = match unicode_normalization::is_nfc_quick(visible.chars()) {
        unicode_normalization::IsNormalized::Yes => visible,
        _ => visible.nfc().collect(),
    };
    let mut spaced = String::with_capacity(nfc.len());
    for chunk in nfc.split_whitespace() {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        spaced.push_str(chunk);
    }
    homoglyph::repair(&spaced)
}

/// The key used for identity and fuzzy matching: [`clean`], then quotes,
/// apostrophes, dashes, the ellipsis, case (`İ` → `i`) and `ё` → `е` folded.
///
/// Case is folded *before* the homoglyph repair runs a second time, so that
/// `ICE` and `ice` in a Kazakh sentence get one key. The two steps are
/// repeated until nothing changes (normally the second round; folding can
/// expose a new NFC composition or change a word's script only once or twice),
/// which makes the key idempotent.
pub fn match_key(s: &str) -> String {
    let mut key = fold(&clean(s));
    if !needs_second_round(&key) {
        return key;
    }
    for _ in 0..4 {
        let next = fold(&clean(&key));
        if next == key {
            break;
        }
        key = next;
    }
    key
}

/// Whether `clean` could still change a folded key. Without Latin letters no
/// word part is mixed or Latin, so the repair has nothing left to do; without
/// combining marks folding cannot have broken NFC (quotes, dashes and
/// placeholders are neither). Most Kazakh and Russian
/// keys take this shortcut and are computed in one round.
fn needs_second_round(key: &str) -> bool {
    !key.chars().all(|c| {
        (c.is_ascii() && !c.is_ascii_alphabetic())
            || (homoglyph::is_cyrillic(c) && !('\u{0483}'..='\u{0489}').contains(&c))
            || ('\u{2010}'..='\u{205E}').contains(&c)
            || ('\u{E000}'..='\u{F8FF}').contains(&c) // placeholders
    })
}

/// The folds applied on top of `clean`: punctuation variants, case, `ё`.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '«' | '»' | '“' | '”' | '„' | '‟' | '"' => out.push('"'),
            '‘' | '’' | 'ʼ' | '`' | '‛' | '\'' => out.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
            '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' => out.push('–'),
            '…' => out.push_str("..."),
            'İ' => out.push('i'),
            'ё' | 'Ё' => out.push('е'),
            // A diaeresis left over after `е` (`ё` + U+0308) would compose
            // back into `ё` under NFC.
            '\u{0308}' if out.ends_with('е') => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_invisibles() {
        assert_eq!(
            clean("  a\u{00A0}b\tc\n\nd\u{202F}e\u{2007}f  "),
            "a b c d e f"
        );
        assert_eq!(clean("сөз\u{00AD}дер\u{200B}"), "сөздер");
        assert_eq!(clean("\u{FEFF}Сәлем"), "Сәлем");
    }

    #[test]
    fn nfc_of_short_i_and_yo() {
        assert_eq!(clean("и\u{0306}"), "й");
        assert_eq!(clean("е\u{0308}"), "ё");
        // A zero-width space between base and mark does not block composition.
        assert_eq!(clean("е\u{200B}\u{0308}"), "ё");
    }

    #[test]
    fn match_key_folds_punctuation_and_case() {
        assert_eq!(match_key("«Жібек жолы»"), "\"жібек жолы\"");
        assert_eq!(match_key("“a” „b“"), "\"a\" \"b\"");
        assert_eq!(match_key("don’t ʼx `y"), "don't 'x 'y");
        assert_eq!(match_key("a‐b a‑b 1−2"), "a-b a-b 1-2");
        assert_eq!(match_key("a — b – c"), "a – b – c");
        assert_eq!(match_key("Сонымен…"), "сонымен...");
        assert_eq!(match_key("İstanbul"), "istanbul");
        assert_eq!(match_key("Ёлка ёж"), "елка еж");
        assert_eq!(match_key("ҚАЗАҚСТАН"), "қазақстан");
    }

    #[test]
    fn latin_i_word_keys_like_cyrillic() {
        assert_eq!(match_key("бiрлiгiмiздi"), match_key("бірлігімізді"));
        assert_eq!(clean("бiрлiгiмiздi"), "бірлігімізді");
        assert_eq!(clean("Жаhандық"), "Жаһандық");
    }
}
