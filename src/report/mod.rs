//! Progress figures per document, language, person and day, and the HTML report.
//!
//! STUB: the review issue fills this in.
