//! Fuzzy matching: the match score, the stem index and retrieval with exact recall.
//!
//! STUB: the fuzzy-matching issue fills this in.
