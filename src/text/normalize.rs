//! Normalisation for identity and matching. The original text is never altered;
//! these functions produce derived forms.
//!
//! STUB: to be replaced by the real implementation (NFC, spaces, homoglyphs).

/// Display-safe clean-up: NFC, invisible characters removed, every white space
/// folded to one space, Latin look-alikes inside Cyrillic words repaired.
pub fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key used for identity and fuzzy matching: `clean`, then quotes, dashes
/// and case folded.
pub fn match_key(s: &str) -> String {
    clean(s).to_lowercase()
}
