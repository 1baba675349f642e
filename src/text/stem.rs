//! Light stemming for matching and concordance.
//!
//! STUB: to be replaced by the rule-based Kazakh suffix stripper.

use super::Lang;

/// The stem of one normalised word (lower case, Cyrillic repaired).
pub fn stem(word: &str, _lang: Lang) -> String {
    word.to_string()
}
