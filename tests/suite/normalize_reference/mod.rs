//! The normalisation code as it was before the speed-up, kept verbatim so the
//! differential tests can check that `clean` and `match_key` did not change.

pub mod homoglyph;
pub mod normalize;
