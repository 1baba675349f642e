//! Text handling with no database: language codes, normalisation (display
//! clean-up and the match key), tokens, CAT-style word counts, stemming, and
//! transliteration between the Cyrillic and Latin scripts (`translit`),
//! reading a plain-text file (`decode`), which characters a stored field may
//! hold (`controls`), CSV/TSV cells a spreadsheet will not run (`cells`), and text made safe to print on one terminal line
//! (`display`). Pure: it must not depend on any other
//! module of the crate but `error`.

pub mod cells;
pub mod controls;
pub mod decode;
pub mod display;
pub mod homoglyph;
pub mod lang;
pub mod normalize;
pub mod stem;
pub mod tokens;
pub mod translit;

pub use lang::Lang;
pub use normalize::{clean, match_key};
pub use tokens::{
    placeholder, placeholder_index, tokenize, tokens_of, word_count, SurfaceToken, Token, TokenKind,
};
