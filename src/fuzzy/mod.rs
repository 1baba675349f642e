//! Fuzzy matching: the match score, the stem index and retrieval with exact
//! recall, and the operations built on them (suggest, concordance, analyze,
//! pretranslate).
//!
//! Layering: the index tables and their maintenance on every memory write live
//! in `store::fuzzy_index` (so `store` never depends on this feature module);
//! this module owns scoring and retrieval over those tables.

pub mod myers;
pub mod score;

pub mod index;
pub mod suggest;

pub use score::{Prepared, Scored, SCORE_VERSION};
pub use suggest::{suggest, word_diff, DiffOp, Match, Matcher, Query};
pub mod analyze;
pub mod concordance;
pub mod pretranslate;
