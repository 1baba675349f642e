//! Frozen copy of `src/text/normalize.rs` as of commit 277a89b (before the
//! speed-up), the oracle for the differential tests. Do not edit.
#![allow(dead_code)]

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
