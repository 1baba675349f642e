//! Review workflow: allowed status moves, approve and reject.
//!
//! STUB: the review issue fills this in.
