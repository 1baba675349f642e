//! Translation-memory units and variants in the database.
//!
//! STUB: the TMX issue fills this in (lossless metadata, idempotent import).
