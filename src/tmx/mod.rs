//! TMX 1.1–1.4b reading and writing, with inline markup. Pure: no database.
//!
//! STUB: the TMX issue fills this in.
