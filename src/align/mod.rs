//! Sentence alignment of a Kazakh document with an existing translation.
//!
//! STUB: the alignment issue fills this in.
