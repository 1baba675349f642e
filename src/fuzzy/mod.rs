//! Fuzzy matching: the match score, the stem index and retrieval with exact
//! recall, and the operations built on them (suggest, concordance, analyze,
//! pretranslate).
//!
//! Layering: the index tables and their maintenance on every memory write live
//! in `store::fuzzy_index` (so `store` never depends on this feature module);
//! this module owns scoring and retrieval over those tables.
//!
//! * `score`: the match percentage (version 1) and its explanation.
//! * `myers`: bit-parallel token edit distance (candidate verification).
//! * `index`: retrieval with exact recall (on-demand SQL or in-memory index).
//! * `top`: the best k candidates in O(k) memory.
//! * `suggest`, `concordance`, `analyze`, `pretranslate`: the operations.
//!
//! It must not read tables itself: it asks the store for stems, postings and
//! unit texts by name, and may never drop a unit that scores at or above the
//! threshold (recall is exact).

pub mod analyze;
pub mod concordance;
pub mod diff;
pub mod index;
pub mod myers;
pub mod pretranslate;
pub mod score;
pub mod suggest;
pub mod top;

pub use diff::{word_diff, DiffOp};
pub use score::{Prepared, Scored, SCORE_VERSION};
pub use suggest::{suggest, Match, Matcher, Query};
