//! Tokens for matching and CAT-style word counts.
//!
//! STUB: to be replaced by the real implementation.

/// What a token is; numbers, placeholders and punctuation are scored apart from words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// An inline TMX element standing in the plain text (see `tmx::inline`).
    Placeholder,
}

/// A token of a match key (`text` is already normalised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

/// Split a normalised string into tokens.
pub fn tokenize(s: &str) -> Vec<Token> {
    s.split_whitespace()
        .map(|w| Token {
            kind: TokenKind::Word,
            text: w.to_string(),
        })
        .collect()
}

/// Words as CAT tools count them: numbers count, punctuation does not.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
