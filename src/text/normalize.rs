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

use std::borrow::Cow;

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
    clean_cow(s).into_owned()
}

/// [`clean`], borrowing `s` when it is clean already.
fn clean_cow(s: &str) -> Cow<'_, str> {
    // Almost all text is already NFC with single spaces: one scan proves it
    // and gathers what the repair needs, then the text is copied whole.
    let mut scripts = homoglyph::Scripts::default();
    let mut plain_starters = true;
    let mut spaced_already = true;
    let mut after_space = true; // a leading space is not clean
    for c in s.chars() {
        if c == ' ' {
            spaced_already &= !after_space;
            after_space = true;
            continue;
        }
        after_space = false;
        spaced_already &= !c.is_whitespace() && !is_invisible(c);
        plain_starters &= is_plain_nfc_starter(c);
        scripts.note(c);
    }
    spaced_already &= !after_space || s.is_empty();
    if plain_starters && spaced_already {
        return match homoglyph::repair_changes(s, scripts) {
            Some(repaired) => Cow::Owned(repaired),
            None => Cow::Borrowed(s),
        };
    }
    let visible = s.chars().filter(|&c| !is_invisible(c));
    if plain_starters {
        // White space aside, NFC already: `scripts` saw every kept character.
        let spaced = fold_spaces(visible, s.len());
        return Cow::Owned(homoglyph::repair_scanned(spaced, scripts));
    }
    let spaced = match unicode_normalization::is_nfc_quick(visible.clone()) {
        unicode_normalization::IsNormalized::Yes => fold_spaces(visible, s.len()),
        _ => fold_spaces(visible.nfc(), s.len()),
    };
    Cow::Owned(homoglyph::repair_owned(spaced))
}

/// Characters that are NFC on their own and never combine with a neighbour
/// (canonical combining class 0, NFC quick check Yes; checked in the tests):
/// a string of these alone is NFC. Covers ASCII, Latin-1, Cyrillic letters,
/// general punctuation, currency signs, `№` and placeholders; anything else
/// takes the full check.
fn is_plain_nfc_starter(c: char) -> bool {
    matches!(c, '\0'..='\u{02FF}' | '\u{0400}'..='\u{0482}' | '\u{048A}'..='\u{052F}' | '\u{2010}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}' | '№' | '\u{E000}'..='\u{F8FF}')
}

/// Joins the white-space separated chunks of `chars` with single spaces (what
/// `split_whitespace` + join does), building one string.
fn fold_spaces(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut space_pending = false;
    for c in chars {
        if c.is_whitespace() {
            space_pending = !out.is_empty();
        } else {
            if space_pending {
                out.push(' ');
                space_pending = false;
            }
            out.push(c);
        }
    }
    out
}

/// The key used for identity and fuzzy matching: [`clean`], then quotes,
/// apostrophes, dashes, the ellipsis, case (`İ` → `i`) and `ё` → `е` folded.
///
/// Case is folded *before* the homoglyph repair runs a second time, so that
/// `ICE` and `ice` in a Kazakh sentence get one key. The two steps are
/// repeated until nothing changes (normally the second round; folding can
/// expose a new NFC composition or change a word's script only once or twice),
/// which makes the key idempotent. Keys that provably cannot change again
/// (no Latin letters, or no Cyrillic ones) skip the repeat.
pub fn match_key(s: &str) -> String {
    match fold_if_clean(s) {
        Some(first) if !first.needs_second_round || first.ascii => first.key,
        Some(first) => settle(first.key),
        None => {
            let cleaned = clean_cow(s);
            settle(fold_changes(&cleaned).unwrap_or_else(|| cleaned.into_owned()))
        }
    }
}

/// The rounds of [`match_key`] after the first, which gave `key`.
fn settle(mut key: String) -> String {
    if !needs_second_round(&key) || is_settled_without_cyrillic(&key) {
        return key;
    }
    for _ in 0..4 {
        // `key` is a fold's output, and folding is idempotent (checked for
        // every character in the tests; the `ё` + U+0308 rule never leaves
        // `е` + U+0308 behind): when `clean` leaves it alone, so does `fold`.
        // That is the usual case, and then nothing is copied.
        let next = match clean_cow(&key) {
            Cow::Borrowed(_) => break,
            Cow::Owned(cleaned) => fold_changes(&cleaned).unwrap_or(cleaned),
        };
        if next == key {
            break;
        }
        key = next;
    }
    key
}

/// The first round of [`match_key`] on text whose clean form is `s` or `s`
/// repaired.
struct FirstRound {
    /// `fold(&clean(s))`.
    key: String,
    /// [`needs_second_round`] of `key`.
    needs_second_round: bool,
    /// `key` is all ASCII: then it is settled (see [`fold_if_clean`]).
    ascii: bool,
}

/// `fold(&clean(s))`, folding `s` in the same pass that proves `clean(s)` is
/// `s` or `s` repaired, or `None` when it cannot. Most text can: the key then
/// costs one pass and one string, and Kazakh text with Latin letters a repair
/// pass besides.
///
/// `clean(s)` is the repair of `s` (see [`clean`]'s first shortcut) when `s`
/// is plain NFC starters with single inner spaces and no other white space or
/// invisible character; the repair has nothing to do (`clean(s) == s`) when
/// `s` has no Cyrillic, or Cyrillic with neither Latin letters nor rule-(d)
/// variants (see `repair_scanned`), or when it says so.
///
/// An all-ASCII key of such text passes [`is_settled_without_cyrillic`]:
/// folding lower-cases ASCII, maps `` ` `` to `'`, never yields white space
/// or upper case, and maps a space to itself and nothing else to a space, so
/// the spacing stays clean; and ASCII is NFC.
fn fold_if_clean(s: &str) -> Option<FirstRound> {
    let mut out = String::with_capacity(s.len() + 2);
    let mut scripts = homoglyph::Scripts::default();
    let (mut needs_second_round, mut ascii) = (false, true);
    let mut after_space = true; // a leading space is not clean
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        if c == ' ' {
            if after_space {
                return None;
            }
            after_space = true;
            continue;
        }
        after_space = false;
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                scripts.note(c);
                needs_second_round = true;
                if c.is_ascii_lowercase() {
                    continue;
                }
            } else if c.is_whitespace() {
                return None;
            } else if c != '`' {
                continue;
            }
        } else if ('\u{0430}'..='\u{044F}').contains(&c) {
            // Lower-case а..я: plain, Cyrillic, folded to themselves, settled.
            scripts.note(c);
            ascii = false;
            continue;
        } else {
            if c.is_whitespace() || is_invisible(c) || !is_plain_nfc_starter(c) {
                return None;
            }
            scripts.note(c);
        }
        let folded = fold_char_fast(c);
        let same = folded == Folded::Same;
        if !same {
            out.push_str(&s[run_start..i]);
            run_start = i + c.len_utf8();
        }
        let start = out.len();
        match folded {
            Folded::Same => {
                needs_second_round |= !settled_in_one_round(c);
                ascii &= c.is_ascii();
                continue;
            }
            Folded::One(f) => out.push(f),
            Folded::Ellipsis => out.push_str("..."),
            Folded::Lower(c) => out.extend(c.to_lowercase()),
        }
        let pushed = &out[start..];
        needs_second_round |= !pushed.chars().all(settled_in_one_round);
        ascii &= pushed.is_ascii();
    }
    if after_space && !s.is_empty() {
        return None;
    }
    out.push_str(&s[run_start..]);
    if scripts.needs_repair() {
        if let Some(repaired) = homoglyph::repair_changes(s, scripts) {
            // Rare: fold the repaired text and let `settle` check it all.
            let key = fold_changes(&repaired).unwrap_or(repaired);
            return Some(FirstRound {
                key,
                needs_second_round: true,
                ascii: false,
            });
        }
    }
    Some(FirstRound {
        key: out,
        needs_second_round,
        ascii,
    })
}

/// Whether `clean` could still change a folded key. Without Latin letters no
/// word part is mixed or Latin, so the repair has nothing left to do; without
/// combining marks folding cannot have broken NFC (quotes, dashes and
/// placeholders are neither). Most Kazakh and Russian
/// keys take this shortcut and are computed in one round.
fn needs_second_round(key: &str) -> bool {
    !key.chars().all(settled_in_one_round)
}

/// A key character that cannot make `clean` change the key (see [`needs_second_round`]).
#[inline]
fn settled_in_one_round(c: char) -> bool {
    (c.is_ascii() && !c.is_ascii_alphabetic())
        || (homoglyph::is_cyrillic(c) && !('\u{0483}'..='\u{0489}').contains(&c))
        || ('\u{2010}'..='\u{205E}').contains(&c)
        || ('\u{E000}'..='\u{F8FF}').contains(&c) // placeholders
}

/// Whether a key with no Cyrillic at all (English text, names, numbers) is a
/// fixed point of `fold(clean(_))`, so the second round can be skipped: no
/// invisible characters, white space already single spaces, NFC, every
/// character folding to itself, and the repair has nothing to do without
/// Cyrillic letters (it only ever changes a part that has some).
fn is_settled_without_cyrillic(key: &str) -> bool {
    let mut after_space = true; // a leading space is not clean
    for c in key.chars() {
        let settled = if c == ' ' {
            !after_space
        } else if c.is_ascii() {
            !c.is_ascii_uppercase() && !c.is_ascii_whitespace() && c != '`'
        } else {
            !homoglyph::is_cyrillic(c)
                && !is_invisible(c)
                && !c.is_whitespace()
                && fold_char(c) == Folded::Same
        };
        if !settled {
            return false;
        }
        after_space = c == ' ';
    }
    let trimmed = !after_space || key.is_empty();
    trimmed
        && unicode_normalization::is_nfc_quick(key.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// What [`fold`] makes of one character (the `ё` + U+0308 rule aside).
#[derive(PartialEq, Debug)]
enum Folded {
    Same,
    One(char),
    Ellipsis,
    Lower(char),
}

fn fold_char(c: char) -> Folded {
    let folded = match c {
        '«' | '»' | '“' | '”' | '„' | '‟' | '"' => '"',
        '‘' | '’' | 'ʼ' | '`' | '‛' | '\'' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' => '–',
        '…' => return Folded::Ellipsis,
        'İ' => 'i',
        'ё' | 'Ё' => 'е',
        c => match simple_lowercase(c) {
            Some(lower) => lower,
            None if c.to_lowercase().eq([c]) => c,
            None => return Folded::Lower(c),
        },
    };
    if folded == c {
        Folded::Same
    } else {
        Folded::One(folded)
    }
}

/// The lower case of ASCII and of the Cyrillic block's upper/lower pairs,
/// answered without `char::to_lowercase`'s table search; `None` for other
/// characters. (Checked against `to_lowercase` for every character in the
/// tests.)
fn simple_lowercase(c: char) -> Option<char> {
    let code = c as u32;
    let lower = match c {
        _ if c.is_ascii() => return Some(c.to_ascii_lowercase()),
        '\u{0400}'..='\u{040F}' => code + 0x50,
        '\u{0410}'..='\u{042F}' => code + 0x20,
        '\u{0430}'..='\u{045F}' => code,
        // Upper case at even code points, lower case just after.
        '\u{048A}'..='\u{04BF}' | '\u{04D0}'..='\u{04FF}' => code | 1,
        _ => return None,
    };
    char::from_u32(lower)
}

/// The folds applied on top of `clean`: punctuation variants, case, `ё`.
#[cfg(test)]
fn fold(s: &str) -> String {
    fold_changes(s).unwrap_or_else(|| s.to_string())
}

/// The folds applied on top of `clean`, or `None` when they change nothing.
/// Runs of characters that fold to themselves are copied whole.
fn fold_changes(s: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        let folded = fold_char_fast(c);
        if folded == Folded::Same && c != '\u{0308}' {
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(s.len() + 2));
        out.push_str(&s[run_start..i]);
        run_start = i + c.len_utf8();
        // A diaeresis left over after `е` (`ё` + U+0308) would compose
        // back into `ё` under NFC.
        if c == '\u{0308}' && out.ends_with('е') {
            continue;
        }
        match folded {
            Folded::Same => out.push(c),
            Folded::One(f) => out.push(f),
            Folded::Ellipsis => out.push_str("..."),
            Folded::Lower(c) => out.extend(c.to_lowercase()),
        }
    }
    let mut out = out?;
    out.push_str(&s[run_start..]);
    Some(out)
}

/// [`fold_char`] with the common letters answered first.
#[inline]
fn fold_char_fast(c: char) -> Folded {
    if c.is_ascii() && c != '`' {
        return if c.is_ascii_uppercase() {
            Folded::One(c.to_ascii_lowercase())
        } else {
            Folded::Same
        };
    }
    if ('\u{0430}'..='\u{044F}').contains(&c) {
        return Folded::Same;
    }
    fold_char(c)
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The one-pass first round gives what `clean` then `fold` give.
        #[test]
        fn one_pass_key_is_the_general_key(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Қазақ", "сөз", "ё", "Ё", "ҥ", "a", "Word", "TAKE", "ice", "İ", "\u{212A}", "é",
                "É", "\u{23A}", "ß", "1", " ", " ", "  ", "\t", "\u{A0}", ".", "`", "'", "’",
                "«", "»", "…", "—", "‐", "\u{E000}", "\u{301}", "\u{200B}", "\0", "ℌ", "ǅ",
            ]), 0..20)
        ) {
            let s = pieces.concat();
            proptest::prop_assert_eq!(match_key(&s), settle(fold(&clean(&s))), "{:?}", s);
        }
    }

    #[test]
    fn plain_nfc_starters_are_starters() {
        use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized};
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_plain_nfc_starter(c) {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            }
        }
    }

    #[test]
    fn folding_is_idempotent() {
        let marks = ["", "\u{0308}", "\u{0301}\u{0308}", "\u{0308}\u{0308}"];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let once = fold(&c.to_string());
            assert_eq!(fold(&once), once, "{c:?}");
        }
        for c in ['е', 'ё', 'Ё', 'Е', 'a', 'İ'] {
            for mark in marks {
                let once = fold(&format!("{c}{mark}"));
                assert_eq!(fold(&once), once, "{c:?}{mark:?}");
            }
        }
    }

    #[test]
    fn simple_lowercase_agrees_with_to_lowercase() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(lower) = simple_lowercase(c) {
                assert!(c.to_lowercase().eq([lower]), "{c:?} → {lower:?}");
            }
        }
    }

    #[test]
    fn latin_i_word_keys_like_cyrillic() {
        assert_eq!(match_key("бiрлiгiмiздi"), match_key("бірлігімізді"));
        assert_eq!(clean("бiрлiгiмiздi"), "бірлігімізді");
        assert_eq!(clean("Жаhандық"), "Жаһандық");
    }
}
